//! Background work: the outbox sender, the reply worker, the CalDAV write-back, appointment
//! reminders, follow-up nudges, (on SQLite) the writers that store inbound texts and the records
//! of sent texts in batches, and (on PostgreSQL) the listener that wakes them when another
//! instance wrote work.

pub mod batch;
pub mod caldav;
pub mod feeds;
pub mod group_commit;
pub mod heartbeat;
pub mod listen;
pub mod nudges;
pub mod outbox;
pub mod reminders;
pub mod sent_commit;
pub mod turns;

pub use outbox::OutboxWorker;
pub use turns::TurnWorker;

use std::future::Future;
use std::time::Duration;
use tokio::sync::watch;

/// Run `round` now and then every `period` until `stop` turns true. A failed round is logged
/// (`what` names the work) and the next one runs as usual.
pub async fn every<F, Fut, T>(
    period: Duration,
    mut stop: watch::Receiver<bool>,
    what: &str,
    mut round: F,
) where
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<T>>,
{
    loop {
        if *stop.borrow() {
            return;
        }
        if let Err(e) = round().await {
            tracing::error!(error = %format!("{e:#}"), "{what} round failed");
        }
        tokio::select! {
            _ = tokio::time::sleep(period) => {}
            _ = stop.changed() => {}
        }
    }
}
