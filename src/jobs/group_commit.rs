//! Group commit for inbound texts on SQLite: one writer task takes the texts of many concurrent
//! webhooks and stores them in one transaction; each webhook hears its outcome only after that
//! transaction has committed, so a 200 to the provider still means the text is stored.
//!
//! Why: SQLite has one writer connection, and a webhook's transaction held it across its
//! pool checkout, BEGIN, its statements and COMMIT, each a hop to sqlx's SQLite thread. A batch
//! pays the checkout, BEGIN and COMMIT once. Batches form by themselves: while one is written,
//! the texts arriving meanwhile wait in the channel and make the next one (no timer, so a lone
//! text waits for nobody). PostgreSQL, with a pool of connections, stores each text in its own
//! transaction as before.

use crate::domain::PhoneNumber;
use crate::inbound::{self, InboundOutcome, InboundSms};
use crate::store::businesses::{self, BusinessRecord};
use crate::store::{Store, Tx};
use anyhow::Context;
use std::collections::HashMap;
use std::sync::OnceLock;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

/// The most texts in one transaction: a batch's texts all wait for its commit.
const MAX_BATCH: usize = 64;
/// Texts waiting for a batch; beyond this, webhooks wait to be queued (back-pressure).
const QUEUE: usize = 4096;

/// One webhook's text, owned so it can wait in the queue.
struct Job {
    /// `None`: the business that owns `to`, looked up in the batch's transaction.
    business: Option<BusinessRecord>,
    from: PhoneNumber,
    message_sid: String,
    to: String,
    body: String,
    now_ms: i64,
    done: oneshot::Sender<anyhow::Result<Option<InboundOutcome>>>,
}

impl Job {
    fn sms(&self) -> InboundSms<'_> {
        InboundSms {
            message_sid: &self.message_sid,
            from: self.from.as_str(),
            to: &self.to,
            body: &self.body,
        }
    }
}

/// The handle webhooks send their texts to; the task starts with the first text.
pub struct InboundWriter {
    store: Store,
    /// Tests only: how long a batch stays open before its commit (`inbound_batch_hold`).
    hold: Duration,
    jobs: OnceLock<mpsc::Sender<Job>>,
}

impl InboundWriter {
    pub fn new(store: Store, hold: Duration) -> Self {
        Self {
            store,
            hold,
            jobs: OnceLock::new(),
        }
    }

    /// Store the text in the next batch; the outcome is returned once the batch has committed.
    /// Without a `business`, the one that owns `sms.to` is looked up in the batch; `None` when
    /// there is none (nothing is stored).
    pub async fn store(
        &self,
        business: Option<&BusinessRecord>,
        from: &PhoneNumber,
        sms: &InboundSms<'_>,
        now_ms: i64,
    ) -> anyhow::Result<Option<InboundOutcome>> {
        let jobs = self.jobs.get_or_init(|| {
            let (jobs, queue) = mpsc::channel(QUEUE);
            tokio::spawn(run(self.store.clone(), self.hold, queue));
            jobs
        });
        let (done, outcome) = oneshot::channel();
        let job = Job {
            business: business.cloned(),
            from: from.clone(),
            message_sid: sms.message_sid.to_string(),
            to: sms.to.to_string(),
            body: sms.body.to_string(),
            now_ms,
            done,
        };
        jobs.send(job)
            .await
            .map_err(|_| anyhow::anyhow!("the inbound writer has stopped"))?;
        outcome
            .await
            .context("the inbound writer stopped before the text was stored")?
    }
}

async fn run(store: Store, hold: Duration, mut queue: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let jobs = std::mem::replace(&mut batch, Vec::with_capacity(MAX_BATCH));
        // Its own task, so that a panic fails only this batch's webhooks (their answers are
        // dropped unsent, nothing is committed), not every text after it.
        if let Err(e) = tokio::spawn(write(store.clone(), hold, jobs)).await {
            tracing::error!(error = %e, "writing a batch of inbound texts panicked");
        }
    }
}

/// Write a batch and answer each of its webhooks.
async fn write(store: Store, hold: Duration, batch: Vec<Job>) {
    let store = &store;
    let tx = match store.begin().await {
        Ok(tx) => tx,
        Err(e) => {
            // No connection (the pool timed out): nothing was written, and each text alone
            // would only wait for one again. Every webhook fails; the provider retries.
            let e = format!("{e:#}");
            for job in batch {
                let _ = job
                    .done
                    .send(Err(anyhow::anyhow!("storing an inbound text: {e}")));
            }
            return;
        }
    };
    match in_one_transaction(tx, hold, &batch).await {
        Ok(outcomes) => {
            tracing::debug!(texts = batch.len(), "inbound batch committed");
            for (job, outcome) in batch.into_iter().zip(outcomes) {
                // A webhook that gave up waiting has nobody to tell; its text is stored.
                let _ = job.done.send(Ok(outcome));
            }
        }
        Err(e) if batch.len() == 1 => {
            if let Some(job) = batch.into_iter().next() {
                let _ = job.done.send(Err(e));
            }
        }
        Err(e) => {
            // Rolled back: none of the batch is stored. Each text again in its own transaction,
            // so a text that cannot be stored fails only its own webhook (the provider retries it).
            tracing::warn!(texts = batch.len(), error = %format!("{e:#}"), "inbound batch failed; storing its texts one by one");
            for job in batch {
                let outcome = alone(store, &job).await;
                let _ = job.done.send(outcome);
            }
        }
    }
}

async fn in_one_transaction(
    mut tx: Tx,
    hold: Duration,
    batch: &[Job],
) -> anyhow::Result<Vec<Option<InboundOutcome>>> {
    let mut outcomes = Vec::with_capacity(batch.len());
    // A batch's texts mostly go to a few numbers: each is looked up once.
    let mut owners = HashMap::new();
    for job in batch {
        outcomes.push(record(&mut tx, job, &mut owners).await?);
    }
    if !hold.is_zero() {
        tokio::time::sleep(hold).await;
    }
    tx.commit()
        .await
        .context("committing a batch of inbound texts")?;
    Ok(outcomes)
}

async fn alone(store: &Store, job: &Job) -> anyhow::Result<Option<InboundOutcome>> {
    let mut tx = store.begin().await?;
    let outcome = record(&mut tx, job, &mut HashMap::new()).await?;
    tx.commit().await?;
    Ok(outcome)
}

/// One job's text in the batch's transaction; `None` when its number belongs to no business.
async fn record(
    tx: &mut Tx,
    job: &Job,
    owners: &mut HashMap<String, Option<BusinessRecord>>,
) -> anyhow::Result<Option<InboundOutcome>> {
    let business = match &job.business {
        Some(b) => b,
        None => {
            if !owners.contains_key(&job.to) {
                let owner = businesses::by_number(tx, &job.to).await?;
                owners.insert(job.to.clone(), owner);
            }
            match owners.get(&job.to).and_then(Option::as_ref) {
                Some(b) => b,
                None => return Ok(None),
            }
        }
    };
    let outcome = inbound::record(tx, business, &job.from, &job.sms(), job.now_ms).await?;
    Ok(Some(outcome))
}
