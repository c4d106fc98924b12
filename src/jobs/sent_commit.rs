//! Group commit for the outbox's record of a sent text on SQLite (`jobs::batch`): the "the
//! provider accepted it" records of many concurrent sends are written in one transaction, and
//! each send goes on only after that transaction has committed. Under load many sends finish at
//! once, and every text the outbox sends (a text-back, a reply) ended in a transaction of its own.
//!
//! Durability is as before: a send's row is `sent` only once its batch has committed. A crash
//! before that leaves the row in flight (`in_flight_since`), so the worker that takes it over
//! looks the text up at the provider and records it instead of sending it again, exactly as
//! after a crash between a send and its record. PostgreSQL keeps one statement per send.

use super::batch::{BatchWriter, Batched};
use crate::store::outbox::{self, Claimed, Finished};
use crate::store::{Store, Tx};
use std::time::Duration;

/// One accepted send, to be recorded.
struct Sent {
    item: Claimed,
    sid: String,
    status: String,
    now_ms: i64,
}

impl Batched for Sent {
    type Out = Option<Finished>;
    type Cache = ();
    const DOING: &'static str = "recording a sent text";

    async fn record(&self, tx: &mut Tx, _: &mut ()) -> anyhow::Result<Option<Finished>> {
        outbox::record_sent(tx, &self.item, &self.sid, &self.status, self.now_ms).await
    }

    async fn alone(&self, store: &Store) -> anyhow::Result<Option<Finished>> {
        outbox::finish_sent(store, &self.item, &self.sid, &self.status, self.now_ms).await
    }
}

/// The handle the outbox worker records its sends through; the task starts with the first.
pub struct SentWriter(BatchWriter<Sent>);

impl SentWriter {
    /// `hold`, tests only: how long a batch stays open before its commit (`sent_batch_hold`).
    pub fn new(store: Store, hold: Duration) -> Self {
        Self(BatchWriter::new(store, hold))
    }

    /// [`outbox::finish_sent`] in the next batch: returns once the batch has committed.
    pub async fn finish_sent(
        &self,
        item: &Claimed,
        sid: &str,
        status: &str,
        now_ms: i64,
    ) -> anyhow::Result<Option<Finished>> {
        self.0
            .submit(Sent {
                item: item.clone(),
                sid: sid.to_string(),
                status: status.to_string(),
                now_ms,
            })
            .await
    }
}
