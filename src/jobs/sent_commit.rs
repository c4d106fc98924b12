//! Group commit for the outbox's record of a sent text on SQLite: one writer task takes the
//! "the provider accepted it" records of many concurrent sends and writes them in one
//! transaction; each send hears its outcome only after that transaction has committed.
//!
//! Why: every text the outbox sends (a text-back, a reply) ended in a transaction of its own on
//! the one writer connection (a pool checkout and its release, BEGIN, the statements, COMMIT,
//! each a hop to sqlx's SQLite thread). Under load many sends finish at once; a batch pays the
//! checkout, BEGIN and COMMIT once. As with inbound texts (`jobs::group_commit`), batches form
//! by themselves while the previous one is written, with no timer.
//!
//! Durability is as before: a send's row is `sent` only once its batch has committed. A crash
//! before that leaves the row in flight (`in_flight_since`), so the worker that takes it over
//! looks the text up at the provider and records it instead of sending it again, exactly as
//! after a crash between a send and its record today. PostgreSQL keeps one statement per send.

use crate::store::outbox::{self, Claimed, Finished};
use crate::store::{Store, Tx};
use anyhow::Context;
use std::sync::OnceLock;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

/// The most records in one transaction.
const MAX_BATCH: usize = 64;
/// Records waiting for a batch; beyond this, senders wait to be queued (back-pressure).
const QUEUE: usize = 4096;

/// One accepted send, to be recorded.
struct Job {
    item: Claimed,
    sid: String,
    status: String,
    now_ms: i64,
    done: oneshot::Sender<anyhow::Result<Option<Finished>>>,
}

/// The handle the outbox worker records its sends through; the task starts with the first.
pub struct SentWriter {
    store: Store,
    /// Tests only: how long a batch stays open before its commit (`sent_batch_hold`).
    hold: Duration,
    jobs: OnceLock<mpsc::Sender<Job>>,
}

impl SentWriter {
    pub fn new(store: Store, hold: Duration) -> Self {
        Self {
            store,
            hold,
            jobs: OnceLock::new(),
        }
    }

    /// [`outbox::finish_sent`] in the next batch: returns once the batch has committed.
    pub async fn finish_sent(
        &self,
        item: &Claimed,
        sid: &str,
        status: &str,
        now_ms: i64,
    ) -> anyhow::Result<Option<Finished>> {
        let jobs = self.jobs.get_or_init(|| {
            let (jobs, queue) = mpsc::channel(QUEUE);
            tokio::spawn(run(self.store.clone(), self.hold, queue));
            jobs
        });
        let (done, outcome) = oneshot::channel();
        let job = Job {
            item: item.clone(),
            sid: sid.to_string(),
            status: status.to_string(),
            now_ms,
            done,
        };
        jobs.send(job)
            .await
            .map_err(|_| anyhow::anyhow!("the sent-record writer has stopped"))?;
        outcome
            .await
            .context("the sent-record writer stopped before the send was recorded")?
    }
}

async fn run(store: Store, hold: Duration, mut queue: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let jobs = std::mem::replace(&mut batch, Vec::with_capacity(MAX_BATCH));
        // Its own task, so that a panic fails only this batch's sends (their rows stay in
        // flight and are reconciled when their lease runs out), not every one after it.
        if let Err(e) = tokio::spawn(write(store.clone(), hold, jobs)).await {
            tracing::error!(error = %e, "recording a batch of sent texts panicked");
        }
    }
}

/// Write a batch and answer each of its senders.
async fn write(store: Store, hold: Duration, batch: Vec<Job>) {
    let tx = match store.begin().await {
        Ok(tx) => tx,
        Err(e) => {
            // No connection (the pool timed out): nothing was written, and each record alone
            // would only wait for one again. Every send fails; its row stays in flight and is
            // reconciled when its lease runs out.
            let e = format!("{e:#}");
            for job in batch {
                let _ = job
                    .done
                    .send(Err(anyhow::anyhow!("recording a sent text: {e}")));
            }
            return;
        }
    };
    match in_one_transaction(tx, hold, &batch).await {
        Ok(outcomes) => {
            for (job, outcome) in batch.into_iter().zip(outcomes) {
                let _ = job.done.send(Ok(outcome));
            }
        }
        Err(e) if batch.len() == 1 => {
            if let Some(job) = batch.into_iter().next() {
                let _ = job.done.send(Err(e));
            }
        }
        Err(e) => {
            // Rolled back: nothing of the batch is recorded. Each record again
            // in its own transaction, so one that cannot be written fails only its own send.
            tracing::warn!(texts = batch.len(), error = %format!("{e:#}"), "batch of sent records failed; recording them one by one");
            for job in batch {
                let outcome =
                    outbox::finish_sent(&store, &job.item, &job.sid, &job.status, job.now_ms).await;
                let _ = job.done.send(outcome);
            }
        }
    }
}

async fn in_one_transaction(
    mut tx: Tx,
    hold: Duration,
    batch: &[Job],
) -> anyhow::Result<Vec<Option<Finished>>> {
    let mut outcomes = Vec::with_capacity(batch.len());
    for job in batch {
        outcomes.push(
            outbox::record_sent(&mut tx, &job.item, &job.sid, &job.status, job.now_ms).await?,
        );
    }
    if !hold.is_zero() {
        tokio::time::sleep(hold).await;
    }
    tx.commit()
        .await
        .context("committing a batch of sent records")?;
    Ok(outcomes)
}
