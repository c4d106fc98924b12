//! The calendar API the conversation engine calls: open slots, proposals, holds, bookings,
//! cancellation and rescheduling. Every booking change is one transaction; the booking cells'
//! primary key makes two overlapping bookings impossible even when both pass the checks at once.

use super::availability::{check_slot, open_slots, Rules, SlotProblem};
use super::deps::Deps;
use super::feeds::{busy_for, FeedsBusy};
use super::propose::{propose, Preference};
use super::{merge_all, Interval, Slot};
use crate::clock::to_millis;
use crate::domain::profile::BusinessProfile;
use crate::store::bookings::{self, BookingRow, Details, NewBooking};
use crate::store::businesses::BusinessRecord;
use crate::store::{BookingId, Conn, ContactId, ConversationId, Optional as _};
use chrono::{DateTime, Utc};

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

impl From<crate::store::Error> for BookingError {
    fn from(e: crate::store::Error) -> Self {
        match e {
            crate::store::Error::NotFound { .. } => BookingError::NotFound,
            other => BookingError::Store(other.into()),
        }
    }
}

impl From<sqlx::Error> for BookingError {
    fn from(e: sqlx::Error) -> Self {
        BookingError::Store(e.into())
    }
}

/// A cell another booking holds: someone else just booked that time.
fn taken(e: crate::store::Error) -> BookingError {
    match e {
        crate::store::Error::Conflict { .. } => BookingError::Taken,
        other => other.into(),
    }
}

fn busy_except(
    feeds: &FeedsBusy,
    claimed: &[(BookingId, i64, i64)],
    skip: &[BookingId],
) -> Vec<Interval> {
    let booked: Vec<Interval> = claimed
        .iter()
        .filter(|(id, _, _)| !skip.contains(id))
        .map(|&(_, start, end)| Interval { start, end })
        .collect();
    let booked = super::merge(booked);
    merge_all(&[&feeds.intervals, &booked])
}

/// The calendar as a turn saw it when it started: what it decides from, without a database.
/// The plan it makes is checked again when it is applied (someone may have booked meanwhile).
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub feeds: FeedsBusy,
    /// Active bookings and live holds of the business: (id, start, end).
    pub claimed: Vec<(BookingId, i64, i64)>,
    /// The rows the conversation refers to (its hold, its booking), as they stood.
    pub own: Vec<BookingRow>,
}

impl Snapshot {
    /// Open slots, not counting `skip` (the conversation's own hold or booking) as busy.
    pub fn open_slots(
        &self,
        profile: &BusinessProfile,
        service: Option<&str>,
        now: DateTime<Utc>,
        skip: &[BookingId],
    ) -> Result<Availability, BookingError> {
        let rules = Rules::for_service(profile, service).map_err(BookingError::UnknownService)?;
        let busy = busy_except(&self.feeds, &self.claimed, skip);
        Ok(Availability {
            slots: open_slots(&rules, now, &busy),
            unloaded_feeds: self.feeds.unloaded.clone(),
        })
    }

    pub fn propose(
        &self,
        profile: &BusinessProfile,
        service: Option<&str>,
        caller_words: &str,
        now: DateTime<Utc>,
        skip: &[BookingId],
    ) -> Result<(Vec<Slot>, Availability), BookingError> {
        let availability = self.open_slots(profile, service, now, skip)?;
        let tz = profile.tz();
        let preference = Preference::parse(caller_words, now, tz);
        let max = profile.booking.max_proposals as usize;
        Ok((
            propose(&availability.slots, &preference, max, tz),
            availability,
        ))
    }

    /// Can this slot still be booked for the service, `skip` aside?
    pub fn check(
        &self,
        profile: &BusinessProfile,
        service: Option<&str>,
        now: DateTime<Utc>,
        slot: Slot,
        skip: &[BookingId],
    ) -> Result<(), BookingError> {
        let rules = Rules::for_service(profile, service).map_err(BookingError::UnknownService)?;
        let busy = busy_except(&self.feeds, &self.claimed, skip);
        check_slot(&rules, now, &busy, slot).map_err(BookingError::Unavailable)
    }

    /// One of the conversation's own rows, as it stood.
    pub fn own(&self, id: BookingId) -> Option<&BookingRow> {
        self.own.iter().find(|b| b.id == id)
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
    pub conversation_id: Option<ConversationId>,
    pub contact_id: Option<ContactId>,
}

impl BookingDetails {
    pub(crate) fn as_store(&self) -> Details<'_> {
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
        self.feeds_with(true).await
    }

    async fn feeds_with(&self, fetch_missing: bool) -> Result<FeedsBusy, BookingError> {
        Ok(busy_for(
            self.deps,
            self.business.id,
            self.business.profile.tz(),
            self.horizon(),
            fetch_missing,
        )
        .await?)
    }

    /// Feed busy time plus active bookings and live holds, except `skip` (a booking being moved or
    /// a hold being confirmed).
    async fn busy(
        &self,
        conn: &mut Conn,
        feeds: &FeedsBusy,
        skip: Option<BookingId>,
    ) -> Result<Vec<Interval>, BookingError> {
        let claimed = self.claimed(conn).await?;
        Ok(busy_except(feeds, &claimed, skip.as_slice()))
    }

    async fn claimed(&self, conn: &mut Conn) -> Result<Vec<(BookingId, i64, i64)>, BookingError> {
        let now_ms = to_millis(self.deps.clock.now());
        let from = now_ms - 86_400_000;
        let to = now_ms + (i64::from(self.horizon()) + 2) * 86_400_000;
        Ok(bookings::active_between(conn, self.business.id, from, to, now_ms).await?)
    }

    /// Everything a turn may need to know about the calendar, read once before it decides: the
    /// feeds' busy time, the bookings and live holds, and the conversation's own rows (`own`).
    /// Without `fetch_missing`, a feed that never loaded is not fetched now, only listed.
    pub async fn snapshot(
        &self,
        own: &[BookingId],
        fetch_missing: bool,
    ) -> Result<Snapshot, BookingError> {
        // The feeds' list and the bookings on one checkout (each checkout of SQLite's one
        // connection is a hop to its thread and its release another); released before any
        // feed is fetched or a stored copy is read (on a cache miss) on a checkout of its own.
        let (metas, claimed, rows) = {
            let mut conn = self
                .deps
                .store
                .pool()
                .acquire()
                .await
                .map_err(anyhow::Error::from)?;
            let metas = crate::store::feeds::list(&mut conn, self.business.id).await?;
            let claimed = self.claimed(&mut conn).await?;
            let mut rows = Vec::new();
            for &id in own {
                // A row of the conversation's that is gone is simply not part of the snapshot.
                rows.extend(
                    bookings::get(&mut conn, self.business.id, id)
                        .await
                        .optional()?,
                );
            }
            (metas, claimed, rows)
        };
        let feeds = super::feeds::busy_from(
            self.deps,
            self.business.id,
            metas,
            self.business.profile.tz(),
            self.horizon(),
            fetch_missing,
        )
        .await?;
        Ok(Snapshot {
            feeds,
            claimed,
            own: rows,
        })
    }

    /// Every open slot for a service (by name; `None` for the default slot length).
    pub async fn open_slots(&self, service: Option<&str>) -> Result<Availability, BookingError> {
        let snapshot = self.snapshot(&[], true).await?;
        snapshot.open_slots(&self.business.profile, service, self.deps.clock.now(), &[])
    }

    /// At most `max_proposals` spread-out slots that fit what the caller said.
    pub async fn propose(
        &self,
        service: Option<&str>,
        caller_words: &str,
    ) -> Result<(Vec<Slot>, Availability), BookingError> {
        let snapshot = self.snapshot(&[], true).await?;
        let now = self.deps.clock.now();
        snapshot.propose(&self.business.profile, service, caller_words, now, &[])
    }

    /// Hold a slot for a caller who is deciding; nobody else can take it until the hold lapses.
    pub async fn hold(
        &self,
        slot: Slot,
        details: &BookingDetails,
        minutes: i64,
    ) -> Result<BookingRow, BookingError> {
        let feeds = self.feeds().await?;
        let mut tx = self.deps.store.begin().await?;
        let row = self
            .hold_in(&mut tx, &feeds, slot, details, minutes)
            .await?;
        tx.commit().await?;
        Ok(row)
    }

    /// [`Calendar::hold`] inside the caller's transaction (a turn's plan is applied in one).
    pub async fn hold_in(
        &self,
        tx: &mut Conn,
        feeds: &FeedsBusy,
        slot: Slot,
        details: &BookingDetails,
        minutes: i64,
    ) -> Result<BookingRow, BookingError> {
        let now_ms = to_millis(self.deps.clock.now());
        self.insert_claimed(
            tx,
            feeds,
            slot,
            details,
            "held",
            Some(now_ms + minutes * 60_000),
        )
        .await
    }

    /// Book a slot: directly, or by confirming a hold (`hold_id`). Re-checked against the latest
    /// feeds and bookings; refused with a reason when stale or taken.
    pub async fn book(
        &self,
        slot: Slot,
        details: &BookingDetails,
        hold_id: Option<BookingId>,
    ) -> Result<BookingRow, BookingError> {
        let feeds = self.feeds().await?;
        let mut tx = self.deps.store.begin().await?;
        let row = match hold_id {
            Some(hold_id) => {
                self.confirm_in(&mut tx, &feeds, slot, details, hold_id)
                    .await?
            }
            None => {
                self.insert_claimed(&mut tx, &feeds, slot, details, "booked", None)
                    .await?
            }
        };
        tx.commit().await?;
        self.deps.caldav_wake.notify_one();
        Ok(row)
    }

    /// Turn a live hold into a booking, inside the caller's transaction.
    pub async fn confirm_in(
        &self,
        tx: &mut Conn,
        feeds: &FeedsBusy,
        slot: Slot,
        details: &BookingDetails,
        hold_id: BookingId,
    ) -> Result<BookingRow, BookingError> {
        let rules = self.rules(details.service.as_deref())?;
        let now = self.deps.clock.now();
        bookings::expire_holds(tx, self.business.id, to_millis(now)).await?;
        let hold = bookings::get(tx, self.business.id, hold_id).await?;
        if hold.status != "held" || hold.start_at != slot.start || hold.end_at != slot.end {
            return Err(BookingError::HoldLapsed);
        }
        let busy = self.busy(tx, feeds, Some(hold_id)).await?;
        check_slot(&rules, now, &busy, slot).map_err(BookingError::Unavailable)?;
        let (store, now_ms) = (details.as_store(), to_millis(now));
        let updated = bookings::update(
            tx,
            hold_id,
            "held",
            "booked",
            slot.start,
            slot.end,
            Some(store),
            now_ms,
        )
        .await?;
        if !updated {
            return Err(BookingError::HoldLapsed);
        }
        Ok(hold.updated("booked", slot.start, slot.end, Some(store), now_ms))
    }

    async fn insert_claimed(
        &self,
        tx: &mut Conn,
        feeds: &FeedsBusy,
        slot: Slot,
        details: &BookingDetails,
        status: &str,
        hold_expires_at: Option<i64>,
    ) -> Result<BookingRow, BookingError> {
        let rules = self.rules(details.service.as_deref())?;
        let now = self.deps.clock.now();
        let now_ms = to_millis(now);
        // A write first: on SQLite it takes the write lock, so the checks below see the latest state.
        bookings::expire_holds(tx, self.business.id, now_ms).await?;
        let busy = self.busy(tx, feeds, None).await?;
        check_slot(&rules, now, &busy, slot).map_err(BookingError::Unavailable)?;
        let row = bookings::insert_row(
            tx,
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
        // The caller's transaction is dropped (rolled back) on this error.
        bookings::claim_cells(tx, self.business.id, row.id, slot.start, slot.end + buffer)
            .await
            .map_err(taken)?;
        Ok(row)
    }

    /// Let go of a hold that is no longer wanted (it never was a booking, so it leaves no trace
    /// in the bookings feed).
    pub async fn release(&self, hold_id: BookingId) -> Result<(), BookingError> {
        let mut tx = self.deps.store.begin().await?;
        self.release_in(&mut tx, hold_id).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn release_in(&self, tx: &mut Conn, hold_id: BookingId) -> Result<(), BookingError> {
        let now_ms = to_millis(self.deps.clock.now());
        let b = bookings::get(tx, self.business.id, hold_id).await?;
        if b.status == "held"
            && bookings::update(
                tx, b.id, "held", "expired", b.start_at, b.end_at, None, now_ms,
            )
            .await?
        {
            bookings::release_cells(tx, b.id).await?;
        }
        Ok(())
    }

    pub async fn cancel(&self, booking_id: BookingId) -> Result<BookingRow, BookingError> {
        let mut tx = self.deps.store.begin().await?;
        let row = self.cancel_in(&mut tx, booking_id).await?;
        tx.commit().await?;
        self.deps.caldav_wake.notify_one();
        Ok(row)
    }

    pub async fn cancel_in(
        &self,
        tx: &mut Conn,
        booking_id: BookingId,
    ) -> Result<BookingRow, BookingError> {
        let now_ms = to_millis(self.deps.clock.now());
        let b = bookings::get(tx, self.business.id, booking_id).await?;
        if !matches!(b.status.as_str(), "booked" | "rescheduled" | "held") {
            return Err(BookingError::WrongState(b.status));
        }
        if !bookings::update(
            tx,
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
        bookings::release_cells(tx, b.id).await?;
        Ok(b.updated("cancelled", b.start_at, b.end_at, None, now_ms))
    }

    /// Move a booking to another slot (same service and length).
    pub async fn reschedule(
        &self,
        booking_id: BookingId,
        slot: Slot,
    ) -> Result<BookingRow, BookingError> {
        let feeds = self.feeds().await?;
        let mut tx = self.deps.store.begin().await?;
        let row = self
            .reschedule_in(&mut tx, &feeds, booking_id, slot)
            .await?;
        tx.commit().await?;
        self.deps.caldav_wake.notify_one();
        Ok(row)
    }

    pub async fn reschedule_in(
        &self,
        tx: &mut Conn,
        feeds: &FeedsBusy,
        booking_id: BookingId,
        slot: Slot,
    ) -> Result<BookingRow, BookingError> {
        let now = self.deps.clock.now();
        let now_ms = to_millis(now);
        bookings::expire_holds(tx, self.business.id, now_ms).await?;
        let b = bookings::get(tx, self.business.id, booking_id).await?;
        if !matches!(b.status.as_str(), "booked" | "rescheduled") {
            return Err(BookingError::WrongState(b.status));
        }
        let rules = self.rules(b.service.as_deref())?;
        let busy = self.busy(tx, feeds, Some(b.id)).await?;
        check_slot(&rules, now, &busy, slot).map_err(BookingError::Unavailable)?;
        bookings::release_cells(tx, b.id).await?;
        let buffer = i64::from(self.business.profile.booking.buffer_minutes) * 60_000;
        bookings::claim_cells(tx, self.business.id, b.id, slot.start, slot.end + buffer)
            .await
            .map_err(taken)?;
        if !bookings::update(
            tx,
            b.id,
            &b.status,
            "rescheduled",
            slot.start,
            slot.end,
            None,
            now_ms,
        )
        .await?
        {
            return Err(BookingError::WrongState(b.status));
        }
        Ok(b.updated("rescheduled", slot.start, slot.end, None, now_ms))
    }
}
