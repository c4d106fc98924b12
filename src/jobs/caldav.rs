//! CalDAV write-back (`booking.caldav`): owners' own calendars show our bookings.
//!
//! The bookings row is the source of truth: `bookings.sequence` bumps on every change, and a row
//! whose `caldav_sequence` is behind is due. The worker claims due rows under a lease (one
//! instance writes each; a claim whose lease ran out is fenced out by its token), and for each:
//!
//! - booked or moved: `PUT {collection}/{uid}.ics` (one VEVENT, the bookings feed's, same UID
//!   and SEQUENCE) with `If-None-Match: *` when no copy is known to be there, `If-Match: <etag>`
//!   otherwise. A 412 means the server's copy is not the one we know (an earlier try landed
//!   without us hearing, or the owner edited or deleted the event): the current ETag is read and
//!   the write made once more against it. The booking wins.
//! - cancelled: `DELETE` (with `If-Match` when we know the ETag); 404 or 410 counts as done.
//!   A booking that never reached the calendar (a hold let go, a cancel before the first write)
//!   sends nothing.
//! - holds and lapsed holds are never claimed.
//!
//! The new ETag and the sequence written are recorded in the statement that releases the lease.
//! Failures (network, 5xx, a refused password, a missing password variable: then no request is
//! made) keep the error for feed health and retry with exponential backoff, capped, for as long
//! as it takes: nothing is dropped, and a write repeated after a lost answer lands on the same
//! resource, so nothing is doubled.

use crate::app::AppState;
use crate::calendar::caldav::{resource_url, Answer, Credentials, Precondition};
use crate::calendar::export;
use crate::clock::to_millis;
use crate::store::caldav::{self, Claimed};
use crate::store::BookingId;
use crate::store::Optional as _;
use rand::Rng;
use std::time::Duration;
use tokio::sync::watch;

/// First retry after this long; doubled per failed try up to [`MAX_BACKOFF`].
pub const BACKOFF_BASE: Duration = Duration::from_secs(15);
pub const MAX_BACKOFF: Duration = Duration::from_secs(30 * 60);
/// Looked for at least this often (also how soon another instance's booking is written).
const POLL: Duration = Duration::from_secs(5);
const BATCH: i64 = 20;

/// What happened to one claimed booking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Synced {
    /// The event is on the calendar as the booking stands.
    Written,
    /// The cancelled booking's event is gone (or was never there).
    Deleted,
    /// Nothing to send: a cancel of a booking that never reached the calendar.
    Nothing,
    /// Failed; tried again later. The error, as the owner sees it.
    Retrying(String),
    /// Another worker owns the row now.
    Lost,
}

#[derive(Clone)]
pub struct CaldavWorker {
    state: AppState,
}

/// Why a write failed, as the owner sees it (no password, no server text).
struct Failure {
    error: String,
}

impl From<String> for Failure {
    fn from(error: String) -> Self {
        Self { error }
    }
}

impl CaldavWorker {
    pub fn new(state: AppState) -> Self {
        Self { state }
    }

    fn lease_ms(&self) -> i64 {
        // Up to three requests per booking, each bounded by the timeout, and the writes after.
        (self.state.config.feed_timeout * 3 + Duration::from_secs(10)).as_millis() as i64
    }

    /// Claim every due booking and write it, one after another: one round, for the loop, tests
    /// and tools. Returns each booking's id and outcome.
    pub async fn run_once(&self) -> anyhow::Result<Vec<(BookingId, Synced)>> {
        let mut out = Vec::new();
        loop {
            let now_ms = to_millis(self.state.clock.now());
            let claimed = caldav::claim(&self.state.store, now_ms, self.lease_ms(), BATCH).await?;
            let full = claimed.len() as i64 >= BATCH;
            for item in claimed {
                let id = item.booking.id;
                out.push((id, self.process(item).await?));
            }
            if !full {
                return Ok(out);
            }
        }
    }

    /// Run rounds until told to stop: at once when a booking changes here, else every few seconds.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        let wake = self.state.engine.calendar.caldav_wake.clone();
        loop {
            if *stop.borrow() {
                return;
            }
            if let Err(e) = self.run_once().await {
                tracing::error!(error = %format!("{e:#}"), "CalDAV write-back round failed");
            }
            tokio::select! {
                _ = wake.notified() => {}
                _ = tokio::time::sleep(POLL) => {}
                _ = stop.changed() => {}
            }
        }
    }

    #[tracing::instrument(skip_all, fields(booking = item.booking.id.0, business = item.booking.business_id.0, status = %item.booking.status))]
    pub async fn process(&self, item: Claimed) -> anyhow::Result<Synced> {
        let state = &self.state;
        let b = &item.booking;
        let business = {
            let mut conn = state.store.pool().acquire().await?;
            crate::store::businesses::by_id(&mut conn, b.business_id)
                .await
                .optional()?
        };
        let Some(cfg) = business.and_then(|r| r.profile.booking.caldav.clone()) else {
            // Turned off after the claim: leave the row for when it is turned on again.
            return self
                .retry(&item, "CalDAV write-back is turned off".into())
                .await;
        };
        // Cancelled before anything was ever tried: there is nothing on the calendar to remove.
        if b.status == "cancelled"
            && item.etag.is_none()
            && item.synced_sequence.is_none()
            && item.attempts <= 1
        {
            return self.finish(&item, None, Synced::Nothing).await;
        }
        let password = match std::env::var(&cfg.password_env) {
            Ok(p) if !p.is_empty() => p,
            _ => {
                return self
                    .retry(
                        &item,
                        format!(
                            "the environment variable {} (booking.caldav.password_env) is not set, so nothing was sent",
                            cfg.password_env
                        ),
                    )
                    .await
            }
        };
        let auth = Credentials {
            username: &cfg.username,
            password: &password,
        };
        let url = resource_url(&cfg.url, &b.uid);
        let written = if b.status == "cancelled" {
            self.delete(&url, &auth, item.etag.as_deref())
                .await
                .map(|()| (None, Synced::Deleted))
        } else {
            self.put(&url, &auth, &export::render_one(b), item.etag.as_deref())
                .await
                .map(|etag| (Some(etag), Synced::Written))
        };
        match written {
            Ok((etag, outcome)) => self.finish(&item, etag.as_deref(), outcome).await,
            Err(f) => self.retry(&item, f.error).await,
        }
    }

    /// Write the event; the ETag of what is now there ("" when the server gives none).
    async fn put(
        &self,
        url: &str,
        auth: &Credentials<'_>,
        ics: &str,
        known: Option<&str>,
    ) -> Result<String, Failure> {
        let client = &self.state.caldav;
        let first = match known {
            None => Precondition::Absent,
            Some("") => Precondition::Any,
            Some(e) => Precondition::Matches(e),
        };
        let etag = match client.put(url, auth, ics, first).await? {
            Answer::Done { etag } => etag,
            Answer::PreconditionFailed | Answer::NotFound => {
                // Not the copy we know: an earlier try landed unheard, or the owner changed it.
                let current = client.current_etag(url, auth).await?;
                tracing::info!(
                    found = current.is_some(),
                    "the calendar's copy differs from ours; writing over it"
                );
                let again = match current.as_deref() {
                    None => Precondition::Absent,
                    Some("") => Precondition::Any,
                    Some(e) => Precondition::Matches(e),
                };
                match client.put(url, auth, ics, again).await? {
                    Answer::Done { etag } => etag,
                    _ => {
                        return Err(
                            "the event changed on the calendar server while it was written"
                                .to_string()
                                .into(),
                        )
                    }
                }
            }
        };
        match etag {
            Some(e) => Ok(e),
            // Some servers answer a PUT without an ETag: ask for it.
            None => Ok(client.current_etag(url, auth).await?.unwrap_or_default()),
        }
    }

    async fn delete(
        &self,
        url: &str,
        auth: &Credentials<'_>,
        known: Option<&str>,
    ) -> Result<(), Failure> {
        let client = &self.state.caldav;
        let first = match known {
            Some(e) if !e.is_empty() => Precondition::Matches(e),
            _ => Precondition::Any,
        };
        match client.delete(url, auth, first).await? {
            Answer::Done { .. } | Answer::NotFound => Ok(()),
            Answer::PreconditionFailed => match client.current_etag(url, auth).await? {
                None => Ok(()),
                Some(e) => {
                    let pre = if e.is_empty() {
                        Precondition::Any
                    } else {
                        Precondition::Matches(&e)
                    };
                    match client.delete(url, auth, pre).await? {
                        Answer::Done { .. } | Answer::NotFound => Ok(()),
                        Answer::PreconditionFailed => Err(
                            "the event changed on the calendar server while it was removed"
                                .to_string()
                                .into(),
                        ),
                    }
                }
            },
        }
    }

    async fn finish(
        &self,
        item: &Claimed,
        etag: Option<&str>,
        outcome: Synced,
    ) -> anyhow::Result<Synced> {
        let now_ms = to_millis(self.state.clock.now());
        if !caldav::finish(&self.state.store, item, etag, now_ms).await? {
            return Ok(Synced::Lost);
        }
        tracing::info!(outcome = ?outcome, sequence = item.booking.sequence, "booking written to the owner's calendar");
        Ok(outcome)
    }

    async fn retry(&self, item: &Claimed, error: String) -> anyhow::Result<Synced> {
        let now_ms = to_millis(self.state.clock.now());
        let next = now_ms + backoff(item.attempts).as_millis() as i64;
        tracing::warn!(error = %error, attempt = item.attempts, "CalDAV write failed; will retry");
        if !caldav::retry_later(&self.state.store, item, item.etag.as_deref(), next, &error).await?
        {
            return Ok(Synced::Lost);
        }
        Ok(Synced::Retrying(error))
    }
}

/// Exponential from [`BACKOFF_BASE`], capped at [`MAX_BACKOFF`], plus up to 10% jitter (several
/// instances do not retry a struggling server in step).
pub fn backoff(attempts: i64) -> Duration {
    let exp = BACKOFF_BASE
        .saturating_mul(1u32 << (attempts.clamp(1, 16) - 1) as u32)
        .min(MAX_BACKOFF);
    let jitter = rand::thread_rng().gen_range(0.0..0.1);
    exp + exp.mul_f64(jitter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let first = backoff(1);
        assert!(first >= BACKOFF_BASE && first <= BACKOFF_BASE.mul_f64(1.1));
        assert!(backoff(3) >= BACKOFF_BASE * 4);
        for n in [10, 16, 40, 1000] {
            let b = backoff(n);
            assert!(
                b >= MAX_BACKOFF && b <= MAX_BACKOFF.mul_f64(1.1),
                "{n}: {b:?}"
            );
        }
    }
}
