//! The reminder worker: texts callers before their bookings (`[reminders] before`).
//!
//! Nothing is scheduled when a booking is written: each round derives the due reminders from the
//! bookings rows themselves (booked or moved, still ahead), so no path that makes, moves or
//! cancels a booking (the engine, a live call, the dashboard, the calendar service) can forget
//! them. A cancelled booking is no longer looked at; a moved one has a new start, and its
//! reminders are worked out afresh from it (those sent for the old time do not count).
//!
//! For each booking and offset: the reminder's time is `start - offset`, kept inside the
//! recipient's sending window (`reminders::send_at`: 08:00-20:00 in the zone of their area
//! code, or the business's narrower `[quiet_hours]`); skipped when it had passed when the booking
//! was made or moved. A due reminder is recorded in `booking_reminders` and queued in the outbox
//! in one transaction; the record's key (booking, start, offset) lets only one instance's
//! transaction commit, so each is sent once however many workers run, and one that crashed
//! before committing left nothing behind: the next round sends it. When several of a booking's
//! reminders are due at once (after downtime) only the nearest goes; the others are recorded as
//! skipped. The outbox's gate still applies at send time (opt-outs, numbers that cannot text).

use crate::app::AppState;
use crate::clock::to_millis;
use crate::domain::State;
use crate::reminders::{reminder_text, send_at, zone_of_number, ReminderFacts};
use crate::store::bookings::BookingRow;
use crate::store::messages::{Author, MessageKind};
use crate::store::{
    businesses, contacts, conversations, outbox, reminders, BookingId, BusinessId, MessageId,
    Optional as _,
};
use std::time::Duration;
use tokio::sync::watch;

/// How often the bookings are looked at (reminders are due to the minute).
const POLL: Duration = Duration::from_secs(30);
/// How far a reminder can move earlier out of the night: past the longest offset, a day.
const QUIET_SLACK_MS: i64 = 24 * 3_600_000;

/// What happened to one reminder in a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub booking_id: BookingId,
    pub offset_minutes: i64,
    /// Queued in the outbox (its message), or `None`: skipped (a nearer one went instead).
    pub message_id: Option<MessageId>,
}

#[derive(Clone)]
pub struct ReminderWorker {
    state: AppState,
}

impl ReminderWorker {
    pub fn new(state: AppState) -> Self {
        Self { state }
    }

    /// Run until told to stop: one round now, then every [`POLL`].
    pub async fn run(self, stop: watch::Receiver<bool>) {
        super::every(POLL, stop, "reminder", || self.run_once()).await
    }

    /// One round over every business: the reminders this instance queued (or skipped).
    pub async fn run_once(&self) -> anyhow::Result<Vec<Decided>> {
        let mut out = Vec::new();
        for b in businesses::list(&self.state.store).await? {
            match self.business_round(b.id).await {
                Ok(mut d) => out.append(&mut d),
                Err(e) => {
                    tracing::error!(business = b.id.0, error = %format!("{e:#}"), "reminders of a business failed")
                }
            }
        }
        if out.iter().any(|d| d.message_id.is_some()) {
            self.state.wake_outbox();
        }
        Ok(out)
    }

    async fn business_round(&self, business_id: BusinessId) -> anyhow::Result<Vec<Decided>> {
        let now_ms = to_millis(self.state.clock.now());
        let (business, upcoming, decided) = {
            let mut conn = self.state.store.pool().acquire().await?;
            let Some(business) = businesses::by_id(&mut conn, business_id).await.optional()? else {
                return Ok(Vec::new());
            };
            let offsets = business.profile.reminders.offsets_minutes();
            let Some(longest) = offsets.first().copied() else {
                return Ok(Vec::new());
            };
            let until = now_ms + longest * 60_000 + QUIET_SLACK_MS;
            let upcoming = reminders::upcoming(&mut conn, business_id, now_ms, until).await?;
            let decided = reminders::decided(&mut conn, business_id, now_ms, until).await?;
            (business, upcoming, decided)
        };
        let profile = &business.profile;
        let offsets = profile.reminders.offsets_minutes();
        let window = profile.send_window();
        let mut out = Vec::new();
        for booking in &upcoming {
            let phone = match booking.caller_phone.as_deref() {
                Some(p) => p.to_string(),
                None => {
                    let mut conn = self.state.store.pool().acquire().await?;
                    match booking.contact_id {
                        Some(id) => match reminders::phone_of_contact(&mut conn, id).await? {
                            Some(p) => p,
                            None => continue,
                        },
                        None => continue,
                    }
                }
            };
            let tz = zone_of_number(&phone, profile.tz());
            // Due and not yet decided, nearest (smallest offset) last.
            let due: Vec<i64> = offsets
                .iter()
                .copied()
                .filter(|&o| {
                    !decided.contains(&(booking.id, booking.start_at, o))
                        && send_at(
                            booking.start_at - o * 60_000,
                            booking.updated_at,
                            booking.start_at,
                            tz,
                            window,
                        )
                        .is_some_and(|at| at <= now_ms)
                })
                .collect();
            let Some((&nearest, superseded)) = due.split_last() else {
                continue;
            };
            if let Some(d) = self
                .send(&business, booking, &phone, nearest, superseded, now_ms)
                .await?
            {
                out.extend(d);
            }
        }
        Ok(out)
    }

    /// Queue the reminder for `offset` (recording `superseded` ones as skipped) in one
    /// transaction. `None`: another instance decided it first, or the caller cannot be texted.
    async fn send(
        &self,
        business: &businesses::BusinessRecord,
        booking: &BookingRow,
        phone: &str,
        offset: i64,
        superseded: &[i64],
        now_ms: i64,
    ) -> anyhow::Result<Option<Vec<Decided>>> {
        let profile = &business.profile;
        let Some(from) = profile.sending_number() else {
            return Ok(None);
        };
        let mut tx = self.state.store.begin().await?;
        let contact = contacts::upsert(&mut tx, business.id, phone, now_ms).await?;
        if contact.opted_out_at.is_some() || contact.not_textable_at.is_some() {
            // Not recorded: should they opt back in before the booking, it goes then.
            tx.rollback().await?;
            return Ok(None);
        }
        let mut out = Vec::new();
        for &o in superseded {
            if !reminders::record(
                &mut tx,
                business.id,
                booking.id,
                booking.start_at,
                o,
                "skipped",
                None,
                now_ms,
            )
            .await?
            {
                tx.rollback().await?;
                return Ok(None);
            }
            out.push(Decided {
                booking_id: booking.id,
                offset_minutes: o,
                message_id: None,
            });
        }
        // The record first: a second instance's transaction waits on its key, then finds it
        // taken and queues nothing.
        if !reminders::record(
            &mut tx,
            business.id,
            booking.id,
            booking.start_at,
            offset,
            "sent",
            None,
            now_ms,
        )
        .await?
        {
            tx.rollback().await?;
            return Ok(None);
        }
        let own = match booking.conversation_id {
            Some(id) => reminders::open_thread_of(&mut tx, id, contact.id).await?,
            None => None,
        };
        let conversation_id = match own {
            Some(id) => id,
            None => {
                let id = conversations::open_for_contact(
                    &mut tx,
                    business.id,
                    contact.id,
                    State::Booked,
                    now_ms,
                )
                .await?;
                reminders::adopt_booking(&mut tx, id, booking, now_ms).await?;
                id
            }
        };
        let body = reminder_text(
            profile,
            &ReminderFacts {
                service: booking.service.as_deref(),
                start_ms: booking.start_at,
                address: booking.address.as_deref(),
            },
        );
        let message_id = outbox::queue_text(
            &mut tx,
            outbox::NewText {
                business_id: business.id,
                conversation_id,
                contact_id: contact.id,
                author: Author::System,
                author_name: None,
                kind: MessageKind::Reminder,
                to: phone,
                from,
                body: &body,
                now_ms,
                // A reminder after the appointment began is pointless.
                expires_at: Some(booking.start_at),
                not_before: None,
            },
        )
        .await?;
        reminders::set_message(&mut tx, booking.id, booking.start_at, offset, message_id).await?;
        tx.commit().await?;
        tracing::info!(
            business = business.id.0,
            booking = booking.id.0,
            offset_minutes = offset,
            "reminder queued"
        );
        out.push(Decided {
            booking_id: booking.id,
            offset_minutes: offset,
            message_id: Some(message_id),
        });
        Ok(Some(out))
    }
}
