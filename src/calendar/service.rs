//! The calendar API the conversation engine calls: open slots, proposals, holds, bookings,
//! cancellation and rescheduling. Every booking change is one transaction; the booking cells'
//! primary key makes two overlapping bookings impossible even when both pass the checks at once.

use super::availability::{check_slot, open_slots, Rules, SlotProblem};
use super::deps::Deps;
use super::feeds::{busy_for, FeedsBusy};
use super::propose::{propose, Preference};
use super::{merge_all, Interval, Slot};
use crate::clock::to_millis;
use crate::store::bookings::{self, BookingRow, Details, NewBooking};
use crate::store::businesses::BusinessRecord;
use crate::store::Conn;

/// How long a proposed slot is held for a caller who is deciding.
pub const DEFAULT_HOLD_MINUTES: i64 = crate::calendar::availability::OFFER_GRACE_MINUTES;

#[derive(Debug, Clone, Default)]
pub struct Availability {
    pub slots: Vec<Slot>,
    /// Feeds that have never loaded: their busy time is unknown, so a person must confirm times.
    pub unloaded_feeds: Vec<String>,
}

impl Availability {
    pub fn needs_human_confirmation(&self) -> bool {
        !self.unloaded_feeds.is_empty()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BookingError {
    #[error("{0}")]
    UnknownService(String),
    #[error("{}", .0.explain())]
    Unavailable(SlotProblem),
    #[error("someone else just booked that time")]
    Taken,
    #[error("the hold on that time has lapsed or does not match")]
    HoldLapsed,
    #[error("no such booking")]
    NotFound,
    #[error("that booking is {0} and cannot be changed")]
    WrongState(String),
    #[error(transparent)]
    Store(#[from] anyhow::Error),
}

impl From<sqlx::Error> for BookingError {
    fn from(e: sqlx::Error) -> Self {
        BookingError::Store(e.into())
    }
}

/// Who and what a booking is for.
#[derive(Debug, Clone, Default)]
pub struct BookingDetails {
    pub service: Option<String>,
    pub caller_name: Option<String>,
    pub caller_phone: Option<String>,
    pub address: Option<String>,
    pub notes: Option<String>,
    pub conversation_id: Option<i64>,
    pub contact_id: Option<i64>,
}

impl BookingDetails {
    fn as_store(&self) -> Details<'_> {
        Details {
            caller_name: self.caller_name.as_deref(),
            caller_phone: self.caller_phone.as_deref(),
            service: self.service.as_deref(),
            address: self.address.as_deref(),
            notes: self.notes.as_deref(),
            contact_id: self.contact_id,
        }
    }
}

pub struct Calendar<'a> {
    deps: &'a Deps,
    business: &'a BusinessRecord,
}

impl<'a> Calendar<'a> {
    pub fn new(deps: &'a Deps, business: &'a BusinessRecord) -> Self {
        Self { deps, business }
    }

    fn rules(&self, service: Option<&str>) -> Result<Rules<'a>, BookingError> {
        Rules::for_service(&self.business.profile, service).map_err(BookingError::UnknownService)
    }

    fn horizon(&self) -> u32 {
        self.business.profile.booking.horizon_days
    }

    /// Busy time from the feeds. Read before any transaction starts: it may fetch a feed that has
    /// never loaded, and with SQLite's single connection it must not wait inside one.
    async fn feeds(&self) -> Result<FeedsBusy, BookingError> {
        Ok(busy_for(
            self.deps,
            self.business.id,
            self.business.profile.tz(),
            self.horizon(),
        )
        .await?)
    }

    /// Feed busy time plus active bookings and live holds, except `skip` (a booking being moved or
    /// a hold being confirmed).
    async fn busy(
        &self,
        conn: &mut Conn,
        feeds: &FeedsBusy,
        skip: Option<i64>,
    ) -> Result<Vec<Interval>, BookingError> {
        let now_ms = to_millis(self.deps.clock.now());
        let from = now_ms - 86_400_000;
        let to = now_ms + (i64::from(self.horizon()) + 2) * 86_400_000;
        let booked: Vec<Interval> =
            bookings::active_between(conn, self.business.id, from, to, now_ms)
                .await?
                .into_iter()
                .filter(|(id, _, _)| Some(*id) != skip)
                .map(|(_, start, end)| Interval { start, end })
                .collect();
        let booked = super::merge(booked);
        Ok(merge_all(&[&feeds.intervals, &booked]))
    }

    /// Every open slot for a service (by name; `None` for the default slot length).
    pub async fn open_slots(&self, service: Option<&str>) -> Result<Availability, BookingError> {
        let rules = self.rules(service)?;
        let feeds = self.feeds().await?;
        let mut conn = self
            .deps
            .store
            .pool()
            .acquire()
            .await
            .map_err(anyhow::Error::from)?;
        let busy = self.busy(&mut conn, &feeds, None).await?;
        Ok(Availability {
            slots: open_slots(&rules, self.deps.clock.now(), &busy),
            unloaded_feeds: feeds.unloaded,
        })
    }

    /// At most `max_proposals` spread-out slots that fit what the caller said.
    pub async fn propose(
        &self,
        service: Option<&str>,
        caller_words: &str,
    ) -> Result<(Vec<Slot>, Availability), BookingError> {
        let availability = self.open_slots(service).await?;
        let tz = self.business.profile.tz();
        let preference = Preference::parse(caller_words, self.deps.clock.now(), tz);
        let max = self.business.profile.booking.max_proposals as usize;
        Ok((
            propose(&availability.slots, &preference, max, tz),
            availability,
        ))
    }

    /// Hold a slot for a caller who is deciding; nobody else can take it until the hold lapses.
    pub async fn hold(
        &self,
        slot: Slot,
        details: &BookingDetails,
        minutes: i64,
    ) -> Result<BookingRow, BookingError> {
        let now_ms = to_millis(self.deps.clock.now());
        self.insert_claimed(slot, details, "held", Some(now_ms + minutes * 60_000))
            .await
    }

    /// Book a slot: directly, or by confirming a hold (`hold_id`). Re-checked against the latest
    /// feeds and bookings; refused with a reason when stale or taken.
    pub async fn book(
        &self,
        slot: Slot,
        details: &BookingDetails,
        hold_id: Option<i64>,
    ) -> Result<BookingRow, BookingError> {
        let Some(hold_id) = hold_id else {
            return self.insert_claimed(slot, details, "booked", None).await;
        };
        let rules = self.rules(details.service.as_deref())?;
        let feeds = self.feeds().await?;
        let now = self.deps.clock.now();
        let mut tx = self.deps.store.begin().await?;
        bookings::expire_holds(&mut tx, self.business.id, to_millis(now)).await?;
        let hold = bookings::get(&mut tx, self.business.id, hold_id)
            .await?
            .ok_or(BookingError::NotFound)?;
        if hold.status != "held" || hold.start_at != slot.start || hold.end_at != slot.end {
            return Err(BookingError::HoldLapsed);
        }
        let busy = self.busy(&mut tx, &feeds, Some(hold_id)).await?;
        check_slot(&rules, now, &busy, slot).map_err(BookingError::Unavailable)?;
        let updated = bookings::update(
            &mut tx,
            hold_id,
            "held",
            "booked",
            slot.start,
            slot.end,
            Some(details.as_store()),
            to_millis(now),
        )
        .await?;
        if !updated {
            return Err(BookingError::HoldLapsed);
        }
        let row = bookings::get(&mut tx, self.business.id, hold_id)
            .await?
            .ok_or(BookingError::NotFound)?;
        tx.commit().await?;
        Ok(row)
    }

    async fn insert_claimed(
        &self,
        slot: Slot,
        details: &BookingDetails,
        status: &str,
        hold_expires_at: Option<i64>,
    ) -> Result<BookingRow, BookingError> {
        let rules = self.rules(details.service.as_deref())?;
        let feeds = self.feeds().await?;
        let now = self.deps.clock.now();
        let now_ms = to_millis(now);
        let mut tx = self.deps.store.begin().await?;
        // A write first: on SQLite it takes the write lock, so the checks below see the latest state.
        bookings::expire_holds(&mut tx, self.business.id, now_ms).await?;
        let busy = self.busy(&mut tx, &feeds, None).await?;
        check_slot(&rules, now, &busy, slot).map_err(BookingError::Unavailable)?;
        let id = bookings::insert(
            &mut tx,
            NewBooking {
                business_id: self.business.id,
                status,
                start_at: slot.start,
                end_at: slot.end,
                hold_expires_at,
                conversation_id: details.conversation_id,
                contact_id: details.contact_id,
                caller_name: details.caller_name.as_deref(),
                caller_phone: details.caller_phone.as_deref(),
                service: details.service.as_deref(),
                address: details.address.as_deref(),
                notes: details.notes.as_deref(),
                now_ms,
            },
        )
        .await?;
        let buffer = i64::from(self.business.profile.booking.buffer_minutes) * 60_000;
        if !bookings::claim_cells(&mut tx, self.business.id, id, slot.start, slot.end + buffer)
            .await?
        {
            tx.rollback().await?;
            return Err(BookingError::Taken);
        }
        let row = bookings::get(&mut tx, self.business.id, id)
            .await?
            .ok_or(BookingError::NotFound)?;
        tx.commit().await?;
        Ok(row)
    }

    /// Let go of a hold that is no longer wanted (it never was a booking, so it leaves no trace
    /// in the bookings feed).
    pub async fn release(&self, hold_id: i64) -> Result<(), BookingError> {
        let now_ms = to_millis(self.deps.clock.now());
        let mut tx = self.deps.store.begin().await?;
        let Some(b) = bookings::get(&mut tx, self.business.id, hold_id).await? else {
            return Err(BookingError::NotFound);
        };
        if b.status == "held"
            && bookings::update(
                &mut tx, b.id, "held", "expired", b.start_at, b.end_at, None, now_ms,
            )
            .await?
        {
            bookings::release_cells(&mut tx, b.id).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn cancel(&self, booking_id: i64) -> Result<BookingRow, BookingError> {
        let now_ms = to_millis(self.deps.clock.now());
        let mut tx = self.deps.store.begin().await?;
        let b = bookings::get(&mut tx, self.business.id, booking_id)
            .await?
            .ok_or(BookingError::NotFound)?;
        if !matches!(b.status.as_str(), "booked" | "rescheduled" | "held") {
            return Err(BookingError::WrongState(b.status));
        }
        if !bookings::update(
            &mut tx,
            b.id,
            &b.status,
            "cancelled",
            b.start_at,
            b.end_at,
            None,
            now_ms,
        )
        .await?
        {
            return Err(BookingError::WrongState(b.status));
        }
        bookings::release_cells(&mut tx, b.id).await?;
        let row = bookings::get(&mut tx, self.business.id, b.id)
            .await?
            .ok_or(BookingError::NotFound)?;
        tx.commit().await?;
        Ok(row)
    }

    /// Move a booking to another slot (same service and length).
    pub async fn reschedule(
        &self,
        booking_id: i64,
        slot: Slot,
    ) -> Result<BookingRow, BookingError> {
        let feeds = self.feeds().await?;
        let now = self.deps.clock.now();
        let now_ms = to_millis(now);
        let mut tx = self.deps.store.begin().await?;
        bookings::expire_holds(&mut tx, self.business.id, now_ms).await?;
        let b = bookings::get(&mut tx, self.business.id, booking_id)
            .await?
            .ok_or(BookingError::NotFound)?;
        if !matches!(b.status.as_str(), "booked" | "rescheduled") {
            return Err(BookingError::WrongState(b.status));
        }
        let rules = self.rules(b.service.as_deref())?;
        let busy = self.busy(&mut tx, &feeds, Some(b.id)).await?;
        check_slot(&rules, now, &busy, slot).map_err(BookingError::Unavailable)?;
        bookings::release_cells(&mut tx, b.id).await?;
        let buffer = i64::from(self.business.profile.booking.buffer_minutes) * 60_000;
        if !bookings::claim_cells(
            &mut tx,
            self.business.id,
            b.id,
            slot.start,
            slot.end + buffer,
        )
        .await?
        {
            tx.rollback().await?;
            return Err(BookingError::Taken);
        }
        bookings::update(
            &mut tx,
            b.id,
            &b.status,
            "rescheduled",
            slot.start,
            slot.end,
            None,
            now_ms,
        )
        .await?;
        let row = bookings::get(&mut tx, self.business.id, b.id)
            .await?
            .ok_or(BookingError::NotFound)?;
        tx.commit().await?;
        Ok(row)
    }
}
