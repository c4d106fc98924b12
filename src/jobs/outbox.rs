//! The outbox worker: claims due rows, sends them through the provider, records the outcome.
//!
//! - woken at once when a row is written (`AppState::wake_outbox`), so the hot path never waits
//!   for a poll; otherwise it sleeps until the next retry falls due;
//! - sends concurrently, up to `send_concurrency` at a time;
//! - retries network errors, 429 and 5xx with exponential backoff and jitter; never retries a
//!   permanent refusal (21610 opts the contact out, 21211/21614/... mark the number not textable,
//!   and a refused text-back opens a call-back task for staff);
//! - re-checks opt-out and expiry just before sending (a text-back older than 15 minutes is dropped);
//! - a row whose earlier attempt may have reached the provider (crash, timeout) is first looked up
//!   at the provider and only resent if it is not there.

use crate::app::AppState;
use crate::clock::to_millis;
use crate::domain::profile::ProviderKind;
use crate::store::messages::{self, MessageKind};
use crate::store::{contacts, outbox, outbox::Claimed, MessageId};
use crate::telephony::{OutboundSms, SendError};
use rand::Rng;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Semaphore};
use tokio::task::JoinSet;

/// Attempts before a text that keeps failing temporarily is given up.
pub const MAX_ATTEMPTS: i64 = 10;
const MAX_BACKOFF: Duration = Duration::from_secs(300);
const IDLE_RECHECK: Duration = Duration::from_secs(5);
const IN_FLIGHT_RECHECK: Duration = Duration::from_millis(250);

#[derive(Clone)]
pub struct OutboxWorker {
    state: AppState,
}

/// What happened to one claimed row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    Sent,
    Reconciled,
    Retrying,
    Failed,
    Dropped(&'static str),
    /// Another worker owns the row now.
    Lost,
}

impl OutboxWorker {
    pub fn new(state: AppState) -> Self {
        Self { state }
    }

    fn lease_ms(&self) -> i64 {
        // Longer than any send can take (its timeout) plus the write after it; short, so a
        // crashed instance's rows are taken over (and reconciled) within seconds.
        (self.state.config.send_timeout + Duration::from_secs(5)).as_millis() as i64
    }

    /// Claim up to `limit` due rows and send them, waiting for all: one step, for tests and tools.
    pub async fn try_execute_batch(&self, limit: i64) -> anyhow::Result<Vec<Sent>> {
        let now_ms = to_millis(self.state.clock.now());
        let claimed = outbox::claim_as(
            &self.state.store,
            now_ms,
            self.lease_ms(),
            limit,
            Some(&self.state.instance),
        )
        .await?;
        let mut out = Vec::with_capacity(claimed.len());
        for item in claimed {
            out.push(self.process(item).await?);
        }
        Ok(out)
    }

    /// Run until `shutdown` turns true, then finish the sends in flight.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        let permits = Arc::new(Semaphore::new(self.state.config.send_concurrency));
        let mut tasks: JoinSet<()> = JoinSet::new();
        loop {
            if *shutdown.borrow() {
                break;
            }
            while tasks.try_join_next().is_some() {}
            let free = permits.available_permits();
            if free == 0 {
                tokio::select! {
                    _ = tasks.join_next() => {}
                    _ = shutdown.changed() => {}
                }
                continue;
            }
            let now_ms = to_millis(self.state.clock.now());
            // The claim and, when it leaves nothing due, the next due time: one checkout.
            let claim = match outbox::claim_then_next(
                &self.state.store,
                now_ms,
                self.lease_ms(),
                free as i64,
                Some(&self.state.instance),
            )
            .await
            {
                Ok(c) => c,
                Err(e) => {
                    tracing::error!(error = %format!("{e:#}"), "outbox claim failed");
                    tokio::select! {
                        _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                        _ = shutdown.changed() => {}
                    }
                    continue;
                }
            };
            for item in claim.items {
                let Ok(permit) = permits.clone().acquire_owned().await else {
                    break;
                };
                let worker = self.clone();
                tasks.spawn(async move {
                    let id = item.id;
                    match worker.process(item).await {
                        // A plain send wakes the loop only when a text waits behind it.
                        Ok(Sent::Sent | Sent::Reconciled) => {}
                        // A retry moves the next due time; a row given up frees its queue.
                        Ok(_) => worker.state.outbox_wake.notify_one(),
                        Err(e) => {
                            // The row keeps its lease and is picked up again when it runs out.
                            tracing::error!(outbox_id = id, error = %format!("{e:#}"), "outbox row failed");
                        }
                    }
                    drop(permit);
                });
            }
            // A full batch: more may be due at once. Fewer: nothing else is due now, so wait.
            if claim.full {
                continue;
            }
            let mut wait = match claim.next_due {
                Some(due) => Duration::from_millis(
                    (due - to_millis(self.state.clock.now())).clamp(5, 5_000) as u64,
                ),
                None => IDLE_RECHECK,
            };
            if !tasks.is_empty() {
                // Sends in flight wake the loop when a text waits behind them; this is the net
                // under that (a text queued in the instant its predecessor was recorded sent).
                wait = wait.min(IN_FLIGHT_RECHECK);
            }
            tokio::select! {
                _ = self.state.outbox_wake.notified() => {}
                _ = tokio::time::sleep(wait) => {}
                _ = shutdown.changed() => {}
            }
        }
        let deadline = self.state.config.send_timeout + Duration::from_secs(5);
        if tokio::time::timeout(deadline, async {
            while tasks.join_next().await.is_some() {}
        })
        .await
        .is_err()
        {
            tracing::warn!("shutdown: some sends did not finish in time; their rows will be reconciled on restart");
        }
    }

    /// Where the provider reports the text's delivery (the signed URL names the message).
    fn status_callback(&self, provider: ProviderKind, message_id: MessageId) -> Option<String> {
        let path = match provider {
            ProviderKind::Twilio => "/webhooks/twilio/sms/status",
            ProviderKind::Telnyx => "/webhooks/telnyx/messaging",
        };
        self.state
            .config
            .public_url
            .as_ref()
            .map(|base| format!("{base}{path}?m={message_id}"))
    }

    #[tracing::instrument(skip_all, fields(outbox_id = item.id, business = item.business_id.0, kind = %item.kind))]
    pub async fn process(&self, item: Claimed) -> anyhow::Result<Sent> {
        let state = &self.state;
        let now_ms = to_millis(state.clock.now());
        let drop_reason = if item.opted_out && !item.kind.allowed_after_opt_out() {
            Some("recipient opted out")
        } else if item.not_textable {
            Some("number cannot receive texts")
        } else if item.expires_at.is_some_and(|at| now_ms > at) {
            Some("expired before it could be sent")
        } else if item.kind == MessageKind::VoicePickup
            && messages::caller_since(&state.store, item.contact_id, item.message_id).await?
        {
            // "Text us here" to someone who already did (it may have waited for the morning).
            Some("the caller wrote since; nothing to pick up")
        } else {
            None
        };
        if let Some(reason) = drop_reason {
            return self.give_up(&item, "dropped", reason, None, now_ms).await;
        }

        let callback = self.status_callback(item.provider, item.message_id);
        let sms = OutboundSms {
            to: &item.to,
            from: &item.from,
            body: &item.body,
            status_callback: callback,
        };
        if let Some(since) = item.uncertain_since {
            match state
                .providers
                .get(item.provider)
                .find_sent(&sms, since)
                .await
            {
                Ok(Some(accepted)) => {
                    tracing::info!(
                        "earlier attempt had reached the provider; recorded, not resent"
                    );
                    let Some(finished) = self
                        .finish_sent(&item, &accepted.sid, &accepted.status, now_ms)
                        .await?
                    else {
                        return Ok(Sent::Lost);
                    };
                    self.next_in_line(finished);
                    state.metrics.outbound_message("sent");
                    return Ok(Sent::Reconciled);
                }
                Ok(None) => tracing::info!("earlier attempt never reached the provider; sending"),
                Err(e) => {
                    let next = now_ms + self.backoff(item.attempts).as_millis() as i64;
                    outbox::retry_later(
                        &state.store,
                        &item,
                        next,
                        &format!("reconcile: {e:#}"),
                        true,
                        now_ms,
                    )
                    .await?;
                    state.metrics.send_retry();
                    return Ok(Sent::Retrying);
                }
            }
        }

        let result = state.providers.get(item.provider).send(&sms).await;
        let now_ms = to_millis(state.clock.now());
        match result {
            Ok(accepted) => {
                let Some(finished) = self
                    .finish_sent(&item, &accepted.sid, &accepted.status, now_ms)
                    .await?
                else {
                    return Ok(Sent::Lost);
                };
                self.next_in_line(finished);
                state.metrics.outbound_message("sent");
                if item.kind == MessageKind::Textback {
                    state
                        .metrics
                        .time_to_text((now_ms - item.created_at).max(0) as f64 / 1000.0);
                }
                tracing::info!(sid = %accepted.sid, "sent");
                Ok(Sent::Sent)
            }
            Err(e @ (SendError::Transient(_) | SendError::Unknown(_))) => {
                let maybe_sent = matches!(e, SendError::Unknown(_));
                if item.attempts >= MAX_ATTEMPTS {
                    tracing::warn!(error = %e, "giving up after {} attempts", item.attempts);
                    return self
                        .give_up(&item, "failed", &e.to_string(), None, now_ms)
                        .await;
                }
                let next = now_ms + self.backoff(item.attempts).as_millis() as i64;
                outbox::retry_later(
                    &state.store,
                    &item,
                    next,
                    &e.to_string(),
                    maybe_sent,
                    now_ms,
                )
                .await?;
                state.metrics.send_retry();
                tracing::warn!(error = %e, attempt = item.attempts, "send failed; will retry");
                Ok(Sent::Retrying)
            }
            Err(SendError::OptedOut { code, message }) => {
                let mut tx = state.store.begin().await?;
                contacts::opt_out_number(&mut tx, item.contact_id, now_ms).await?;
                let done =
                    outbox::finish_unsent(&mut tx, &item, "failed", &message, Some(&code), now_ms)
                        .await?;
                tx.commit().await?;
                tracing::info!(code = %code, "recipient opted out at the carrier; contact marked");
                Ok(self.count_failed(done))
            }
            Err(SendError::NotTextable { code, message }) => {
                let mut tx = state.store.begin().await?;
                contacts::mark_not_textable(
                    &mut tx,
                    item.contact_id,
                    &format!("{code}: {message}"),
                    now_ms,
                )
                .await?;
                let done =
                    outbox::finish_unsent(&mut tx, &item, "failed", &message, Some(&code), now_ms)
                        .await?;
                // A missed caller we cannot text is one for staff to ring back.
                let alerted = done
                    && item.kind == MessageKind::Textback
                    && crate::callbacks::after_refused_textback(
                        &mut tx,
                        item.message_id,
                        &code,
                        now_ms,
                    )
                    .await?;
                tx.commit().await?;
                if alerted {
                    state.outbox_wake.notify_one();
                }
                tracing::info!(code = %code, "number cannot receive texts; contact marked");
                Ok(self.count_failed(done))
            }
            Err(SendError::Permanent { code, message }) => {
                tracing::error!(code = %code, error = %message, "provider refused the text");
                self.give_up(&item, "failed", &message, Some(&code), now_ms)
                    .await
            }
        }
    }

    /// Record that the provider accepted the text: on SQLite in the sent-record writer's next
    /// batch, which has committed when this returns.
    async fn finish_sent(
        &self,
        item: &Claimed,
        sid: &str,
        status: &str,
        now_ms: i64,
    ) -> anyhow::Result<Option<outbox::Finished>> {
        match &self.state.sent_writer {
            Some(writer) => writer.finish_sent(item, sid, status, now_ms).await,
            None => outbox::finish_sent(&self.state.store, item, sid, status, now_ms).await,
        }
    }

    /// A text waiting behind the one just sent is claimable now: look for it at once.
    fn next_in_line(&self, finished: outbox::Finished) {
        if finished.queued_behind {
            self.state.outbox_wake.notify_one();
        }
    }

    fn count_failed(&self, done: bool) -> Sent {
        if done {
            self.state.metrics.outbound_message("failed");
            Sent::Failed
        } else {
            Sent::Lost
        }
    }

    async fn give_up(
        &self,
        item: &Claimed,
        state: &'static str,
        reason: &str,
        code: Option<&str>,
        now_ms: i64,
    ) -> anyhow::Result<Sent> {
        let mut conn = self.state.store.pool().acquire().await?;
        if !outbox::finish_unsent(&mut conn, item, state, reason, code, now_ms).await? {
            return Ok(Sent::Lost);
        }
        if state == "dropped" {
            tracing::info!(reason, "text dropped");
            self.state.metrics.outbound_message("dropped");
            Ok(Sent::Dropped(match reason {
                "recipient opted out" => "opted_out",
                "number cannot receive texts" => "not_textable",
                _ => "expired",
            }))
        } else {
            self.state.metrics.outbound_message("failed");
            Ok(Sent::Failed)
        }
    }

    /// Exponential backoff from the configured base, capped, with ±50% jitter.
    fn backoff(&self, attempts: i64) -> Duration {
        let base = self.state.config.send_retry_base;
        let exp = base
            .saturating_mul(1u32 << (attempts.clamp(1, 16) - 1) as u32)
            .min(MAX_BACKOFF);
        let jitter = rand::thread_rng().gen_range(0.5..1.5);
        exp.mul_f64(jitter)
    }
}
