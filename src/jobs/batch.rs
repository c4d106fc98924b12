//! Group commit on SQLite: one writer task takes the work of many concurrent callers and writes
//! it in one transaction; each caller hears its outcome only after that transaction has
//! committed. Used for inbound texts (`jobs::group_commit`) and for the records of sent texts
//! (`jobs::sent_commit`).
//!
//! Why: SQLite has one writer connection, and a transaction held it across its pool checkout,
//! BEGIN, its statements and COMMIT, each a hop to sqlx's SQLite thread. A batch pays the
//! checkout, BEGIN and COMMIT once. Batches form by themselves: while one is written, the work
//! arriving meanwhile waits in the channel and makes the next one (no timer, so a lone item
//! waits for nobody).

use crate::store::{Store, Tx};
use anyhow::Context;
use std::future::Future;
use std::sync::OnceLock;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

/// The most items in one transaction: a batch's items all wait for its commit.
const MAX_BATCH: usize = 64;
/// Items waiting for a batch; beyond this, callers wait to be queued (back-pressure).
const QUEUE: usize = 4096;

/// One kind of work written in batches.
pub trait Batched: Send + Sync + Sized + 'static {
    type Out: Send + 'static;
    /// What a batch shares while it is written (the businesses already looked up).
    type Cache: Default + Send;
    /// What one item is, for errors and the log ("storing an inbound text").
    const DOING: &'static str;

    /// The item's statements in the batch's transaction.
    fn record<'a>(
        &'a self,
        tx: &'a mut Tx,
        cache: &'a mut Self::Cache,
    ) -> impl Future<Output = anyhow::Result<Self::Out>> + Send + 'a;

    /// The item in a transaction of its own, after its batch failed.
    fn alone<'a>(
        &'a self,
        store: &'a Store,
    ) -> impl Future<Output = anyhow::Result<Self::Out>> + Send + 'a {
        async move {
            let mut tx = store.begin().await?;
            let out = self.record(&mut tx, &mut Self::Cache::default()).await?;
            tx.commit().await?;
            Ok(out)
        }
    }
}

struct Queued<T: Batched> {
    item: T,
    done: oneshot::Sender<anyhow::Result<T::Out>>,
}

/// The handle callers send their work to; the writer task starts with the first item.
pub struct BatchWriter<T: Batched> {
    store: Store,
    /// Tests only: how long a batch stays open before its commit.
    hold: Duration,
    jobs: OnceLock<mpsc::Sender<Queued<T>>>,
}

impl<T: Batched> BatchWriter<T> {
    pub fn new(store: Store, hold: Duration) -> Self {
        Self {
            store,
            hold,
            jobs: OnceLock::new(),
        }
    }

    /// Write the item in the next batch; its outcome is returned once the batch has committed.
    pub async fn submit(&self, item: T) -> anyhow::Result<T::Out> {
        let jobs = self.jobs.get_or_init(|| {
            let (jobs, queue) = mpsc::channel(QUEUE);
            tokio::spawn(run(self.store.clone(), self.hold, queue));
            jobs
        });
        let (done, outcome) = oneshot::channel();
        jobs.send(Queued { item, done })
            .await
            .map_err(|_| anyhow::anyhow!("the writer has stopped ({})", T::DOING))?;
        outcome
            .await
            .with_context(|| format!("the writer stopped before it was done {}", T::DOING))?
    }
}

async fn run<T: Batched>(store: Store, hold: Duration, mut queue: mpsc::Receiver<Queued<T>>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let jobs = std::mem::replace(&mut batch, Vec::with_capacity(MAX_BATCH));
        // Its own task, so that a panic fails only this batch's callers (nothing of it is
        // committed), not every one after it.
        if let Err(e) = tokio::spawn(write(store.clone(), hold, jobs)).await {
            tracing::error!(error = %e, doing = T::DOING, "a batch panicked");
        }
    }
}

/// Write a batch and answer each of its callers.
async fn write<T: Batched>(store: Store, hold: Duration, batch: Vec<Queued<T>>) {
    let tx = match store.begin().await {
        Ok(tx) => tx,
        Err(e) => {
            // No connection (the pool timed out): nothing was written, and each item alone
            // would only wait for one again. Every caller fails (a webhook is retried by its
            // provider; a sent text's row stays in flight and is reconciled).
            let e = format!("{e:#}");
            for job in batch {
                let _ = job.done.send(Err(anyhow::anyhow!("{}: {e}", T::DOING)));
            }
            return;
        }
    };
    match in_one_transaction(tx, hold, &batch).await {
        Ok(outcomes) => {
            tracing::debug!(items = batch.len(), doing = T::DOING, "batch committed");
            for (job, outcome) in batch.into_iter().zip(outcomes) {
                // A caller that gave up waiting has nobody to tell; its item is written.
                let _ = job.done.send(Ok(outcome));
            }
        }
        Err(e) if batch.len() == 1 => {
            if let Some(job) = batch.into_iter().next() {
                let _ = job.done.send(Err(e));
            }
        }
        Err(e) => {
            // Rolled back: nothing of the batch is written. Each item again in its own
            // transaction, so one that cannot be written fails only its own caller.
            tracing::warn!(items = batch.len(), doing = T::DOING, error = %format!("{e:#}"), "batch failed; writing its items one by one");
            for job in batch {
                let outcome = job.item.alone(&store).await;
                let _ = job.done.send(outcome);
            }
        }
    }
}

async fn in_one_transaction<T: Batched>(
    mut tx: Tx,
    hold: Duration,
    batch: &[Queued<T>],
) -> anyhow::Result<Vec<T::Out>> {
    let mut outcomes = Vec::with_capacity(batch.len());
    let mut cache = T::Cache::default();
    for job in batch {
        outcomes.push(job.item.record(&mut tx, &mut cache).await?);
    }
    if !hold.is_zero() {
        tokio::time::sleep(hold).await;
    }
    tx.commit()
        .await
        .with_context(|| format!("committing a batch ({})", T::DOING))?;
    Ok(outcomes)
}
