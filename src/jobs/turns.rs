//! The reply worker: answers conversations whose caller is owed a reply, once the caller has been
//! quiet for a moment (so a burst of texts gets one answer). A lease on the conversation row
//! keeps every conversation to one worker at a time, across instances too.

use crate::app::AppState;
use crate::clock::to_millis;
use crate::engine::turn::{hand_off_failed_turn, run_claimed_turn, TurnOutcome};
use crate::store::conversations::{self, Claimed};
use crate::store::ConversationId;
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinSet;

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").chars().take(60).collect()
}

/// A caller who keeps typing is still answered after this long.
pub const MAX_WAIT_MS: i64 = 10_000;
/// Turns in flight per instance. Most of a turn with a model is waiting on it, so this is high.
const CONCURRENCY: i64 = 64;

/// A turn that fails is tried again after a growing pause, this many times, then handed off.
pub const MAX_TURN_FAILURES: u32 = 3;

#[derive(Clone)]
pub struct TurnWorker {
    state: AppState,
    /// Failed turns in a row per conversation (this instance's; a restart starts again, which
    /// still bounds the retries).
    failures: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<ConversationId, u32>>>,
}

impl TurnWorker {
    pub fn new(state: AppState) -> Self {
        Self {
            state,
            failures: Default::default(),
        }
    }

    /// How long a claimed conversation stays with this worker: the longest a turn may take (the
    /// model's whole budget, a slow calendar feed) plus a margin. After a crash, another worker
    /// takes the conversation over when it runs out.
    fn lease_ms(&self) -> i64 {
        let model = self
            .state
            .config
            .llm
            .as_ref()
            .map(|l| l.timeout.as_millis() as i64)
            .unwrap_or(0);
        model + self.state.config.feed_timeout.as_millis() as i64 + 10_000
    }

    fn quiet_ms(&self) -> i64 {
        self.state.config.reply_quiet.as_millis() as i64
    }

    /// Claim due conversations and answer them, waiting for all: one step, for tests and tools.
    pub async fn try_execute_batch(&self) -> anyhow::Result<Vec<TurnOutcome>> {
        let now_ms = to_millis(self.state.clock.now());
        let claimed = conversations::claim_due(
            &self.state.store,
            now_ms,
            self.quiet_ms(),
            MAX_WAIT_MS,
            self.lease_ms(),
            CONCURRENCY,
            Some(&self.state.instance),
        )
        .await?;
        let mut out = Vec::new();
        for c in claimed {
            out.push(self.answer(c).await?);
        }
        Ok(out)
    }

    async fn answer(&self, claimed: Claimed) -> anyhow::Result<TurnOutcome> {
        let id = claimed.id;
        let result = run_claimed_turn(&self.state.engine, claimed).await;
        let failures = {
            let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
            match &result {
                Ok(_) => {
                    map.remove(&id);
                    0
                }
                Err(_) => {
                    let n = map.entry(id).or_insert(0);
                    *n += 1;
                    *n
                }
            }
        };
        let Err(e) = &result else {
            return result;
        };
        if failures >= MAX_TURN_FAILURES {
            // Never a loop, never silence: a person takes the thread, told why.
            let reason = format!("turn_failed: {}", first_line(&format!("{e:#}")));
            self.failures
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&id);
            if let Ok(outcome) = hand_off_failed_turn(&self.state.engine, claimed, &reason).await {
                return Ok(outcome);
            }
        }
        // Try again after a pause that grows (1 s, 4 s, 16 s...): the lease keeps it from the
        // claim until then (unless another worker has claimed it meanwhile).
        let backoff = 1_000i64 * 4i64.pow(failures.saturating_sub(1).min(4));
        let until = to_millis(self.state.clock.now()) + backoff;
        let mut conn = self.state.store.pool().acquire().await?;
        conversations::defer(&mut conn, id, claimed.lease_until, until).await?;
        result
    }

    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        let mut tasks: JoinSet<()> = JoinSet::new();
        loop {
            if *shutdown.borrow() {
                break;
            }
            while tasks.try_join_next().is_some() {}
            let now_ms = to_millis(self.state.clock.now());
            let free = (CONCURRENCY - tasks.len() as i64).max(0);
            let due = conversations::Due {
                now_ms,
                quiet_ms: self.quiet_ms(),
                max_wait_ms: MAX_WAIT_MS,
            };
            // The claim and, when it leaves nothing due, the next due time: one checkout.
            let claim = conversations::claim_due_then_next(
                &self.state.store,
                due,
                self.lease_ms(),
                free,
                Some(&self.state.instance),
            )
            .await;
            let next_due = match claim {
                Ok(claim) => {
                    for c in claim.items {
                        let worker = self.clone();
                        tasks.spawn(async move {
                            if let Err(e) = worker.answer(c).await {
                                tracing::error!(conversation = c.id.0, error = %format!("{e:#}"), "turn failed; the conversation stays owed a reply");
                            }
                        });
                    }
                    // A full batch: more may be due at once.
                    if claim.full {
                        continue;
                    }
                    claim.next_due
                }
                Err(e) => {
                    tracing::error!(error = %format!("{e:#}"), "claiming conversations failed");
                    None
                }
            };
            let mut wait = match next_due {
                Some(due) => Duration::from_millis(
                    (due - to_millis(self.state.clock.now())).clamp(20, 2_000) as u64,
                ),
                None => Duration::from_secs(2),
            };
            if !tasks.is_empty() {
                // A turn that ends with its caller owed more wakes the loop; this is the net.
                wait = wait.min(Duration::from_millis(250));
            }
            let full = free <= 0;
            tokio::select! {
                _ = self.state.turn_wake.notified() => {}
                _ = tokio::time::sleep(wait) => {}
                _ = shutdown.changed() => {}
                // At capacity, a finishing turn frees a slot for waiting conversations.
                Some(_) = tasks.join_next(), if full => {}
            }
        }
        while tasks.join_next().await.is_some() {}
    }
}
