//! The nudge worker: one follow-up text to a caller who did not answer the text-back
//! (`[textback] follow_up_after`).
//!
//! Nothing is scheduled when the text-back goes: each round derives the due nudges from the calls
//! rows themselves (text-back sent, and since then no call from the number, no text from the
//! caller, no opt-out, no staff message or take-over in the thread), so anything that happens
//! to the caller in the meantime simply takes them out of the next round.
//!
//! A nudge is due `follow_up_after` after the missed call, inside the recipient's sending window
//! (`reminders::send_at`: 08:00-20:00 in the zone of their area code, or the business's narrower
//! `[quiet_hours]`): one due at night waits for the morning; one more than a day late (after
//! downtime) is not sent. It is recorded in `textback_nudges` and queued in the outbox in one
//! transaction; the record's key (the call) lets only one instance's transaction commit, so each
//! caller is nudged at most once per call however many workers run. The outbox's gate still
//! applies at send time (opt-outs, numbers that cannot text).

use crate::app::AppState;
use crate::clock::to_millis;
use crate::reminders::{nudge_text, send_at, zone_of_number};
use crate::store::messages::{Author, MessageKind};
use crate::store::nudges::{self, Unanswered};
use crate::store::{businesses, outbox, BusinessId, CallId, MessageId, Optional as _};
use std::time::Duration;
use tokio::sync::watch;

/// How often the calls are looked at.
const POLL: Duration = Duration::from_secs(60);
/// A nudge later than this after it fell due is not sent.
const LATE_MS: i64 = 24 * 3_600_000;
/// A nudge waits at most this long in the outbox (it is not an answer: no late-night catch-up).
const TTL_MS: i64 = 3_600_000;

/// One nudge queued in a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nudged {
    pub call_id: CallId,
    pub message_id: MessageId,
}

#[derive(Clone)]
pub struct NudgeWorker {
    state: AppState,
}

impl NudgeWorker {
    pub fn new(state: AppState) -> Self {
        Self { state }
    }

    /// Run until told to stop: one round now, then every [`POLL`].
    pub async fn run(self, stop: watch::Receiver<bool>) {
        super::every(POLL, stop, "nudge", || self.run_once()).await
    }

    /// One round over every business: the nudges this instance queued.
    pub async fn run_once(&self) -> anyhow::Result<Vec<Nudged>> {
        let mut out = Vec::new();
        for b in businesses::list(&self.state.store).await? {
            match self.business_round(b.id).await {
                Ok(mut d) => out.append(&mut d),
                Err(e) => {
                    tracing::error!(business = b.id.0, error = %format!("{e:#}"), "nudges of a business failed")
                }
            }
        }
        if !out.is_empty() {
            self.state.wake_outbox();
        }
        Ok(out)
    }

    async fn business_round(&self, business_id: BusinessId) -> anyhow::Result<Vec<Nudged>> {
        let now_ms = to_millis(self.state.clock.now());
        let mut conn = self.state.store.pool().acquire().await?;
        let Some(business) = businesses::by_id(&mut conn, business_id).await.optional()? else {
            return Ok(Vec::new());
        };
        let Some(delay) = business.profile.textback.follow_up_minutes() else {
            return Ok(Vec::new());
        };
        let delay_ms = delay * 60_000;
        let candidates = nudges::unanswered(
            &mut conn,
            business_id,
            now_ms - delay_ms - LATE_MS,
            now_ms - delay_ms,
        )
        .await?;
        drop(conn);
        let profile = &business.profile;
        let window = profile.send_window();
        let mut out = Vec::new();
        for c in &candidates {
            let due = c.missed_at + delay_ms;
            let tz = zone_of_number(&c.phone, profile.tz());
            // Now is its time when now is after it fell due, less than a day late, and inside the
            // recipient's window (`send_at` keeps a time that is already inside it).
            if send_at(now_ms, due, due + LATE_MS, tz, window) != Some(now_ms) {
                continue;
            }
            if let Some(n) = self.send(&business, c, now_ms).await? {
                out.push(n);
            }
        }
        Ok(out)
    }

    /// Record and queue the nudge in one transaction. `None`: another instance sent it first.
    async fn send(
        &self,
        business: &businesses::BusinessRecord,
        c: &Unanswered,
        now_ms: i64,
    ) -> anyhow::Result<Option<Nudged>> {
        let profile = &business.profile;
        let Some(from) = profile.sending_number() else {
            return Ok(None);
        };
        let mut tx = self.state.store.begin().await?;
        // Still nothing from the caller or staff since the round read the calls (checked before
        // the record, which the check would otherwise see); then the record: a second instance's
        // transaction waits on its key, then finds it taken and queues nothing.
        if !nudges::still_unanswered(&mut tx, business.id, c.call_id).await?
            || !nudges::record(&mut tx, business.id, c.call_id, now_ms).await?
        {
            tx.rollback().await?;
            return Ok(None);
        }
        let body = nudge_text(profile);
        let message_id = outbox::queue_text(
            &mut tx,
            outbox::NewText {
                business_id: business.id,
                conversation_id: c.conversation_id,
                contact_id: c.contact_id,
                author: Author::System,
                author_name: None,
                kind: MessageKind::Nudge,
                to: &c.phone,
                from,
                body: &body,
                now_ms,
                expires_at: Some(now_ms + TTL_MS),
                not_before: None,
            },
        )
        .await?;
        nudges::set_message(&mut tx, c.call_id, message_id).await?;
        tx.commit().await?;
        tracing::info!(business = business.id.0, call = c.call_id.0, "nudge queued");
        Ok(Some(Nudged {
            call_id: c.call_id,
            message_id,
        }))
    }
}
