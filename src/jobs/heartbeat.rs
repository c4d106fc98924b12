//! The instance heartbeat: written a few times a second; on each beat, the leases held by an
//! instance whose heartbeat stopped are ended and the workers woken, so its sends (reconciled
//! with the provider first) and turns are taken over within about a second.

use crate::app::AppState;
use crate::store::instances::{self, HEARTBEAT_MS};
use std::time::Duration;
use tokio::sync::watch;

/// Beat until `stop` turns true (after the workers have drained), then leave the table.
pub async fn run(state: AppState, mut stop: watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(Duration::from_millis(HEARTBEAT_MS as u64));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut beats: u64 = 0;
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.changed() => {}
        }
        if *stop.borrow() {
            break;
        }
        if let Err(e) =
            instances::heartbeat(&state.store, &state.instance, instances::wall_now_ms()).await
        {
            tracing::warn!(error = %format!("{e:#}"), "heartbeat failed");
            continue;
        }
        beats += 1;
        let cutoff = instances::dead_cutoff();
        match instances::expire_dead(&state.store, cutoff).await {
            Ok(0) => {
                if beats % 40 == 0 {
                    let _ = instances::prune(&state.store, cutoff).await;
                }
            }
            Ok(n) => {
                tracing::warn!(
                    rows = n,
                    "an instance stopped with work in flight: taking it over"
                );
                state.outbox_wake.notify_one();
                state.turn_wake.notify_one();
            }
            Err(e) => tracing::warn!(error = %format!("{e:#}"), "checking for dead instances"),
        }
    }
    if let Err(e) = instances::leave(&state.store, &state.instance).await {
        tracing::warn!(error = %format!("{e:#}"), "leaving the instances table");
    }
}
