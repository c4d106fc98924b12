//! Cross-instance wake-ups on PostgreSQL: every instance LISTENs; whoever writes work NOTIFYs
//! (`AppState::wake_outbox`, `wake_turns`), so an idle instance picks up a row written by another
//! one at once instead of at its next poll. Polls remain as the safety net. Under load, NOTIFYs
//! are coalesced ([`Bell`]): one in flight per channel, and any wake-ups asked for meanwhile are
//! folded into one more after it, so peers learn of every write without a NOTIFY per write.

use crate::app::AppState;
use crate::store::Store;
use sqlx::postgres::PgListener;
use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

pub const OUTBOX: &str = "frontdesk_outbox";
pub const TURNS: &str = "frontdesk_turns";

/// Coalesces NOTIFYs on one channel. A ring after a write guarantees a NOTIFY that starts after
/// that write committed, so a woken peer sees it.
#[derive(Default)]
pub struct Bell {
    busy: AtomicBool,
    again: AtomicBool,
}

impl Bell {
    pub fn ring(self: &Arc<Self>, store: &Store, channel: &'static str, from: &Arc<str>) {
        self.again.store(true, SeqCst);
        if self.busy.swap(true, SeqCst) {
            return; // the NOTIFY in flight sends one more after it
        }
        let (bell, store, from) = (self.clone(), store.clone(), from.clone());
        tokio::spawn(async move {
            loop {
                while bell.again.swap(false, SeqCst) {
                    if let Err(e) = store.notify(channel, &from).await {
                        tracing::warn!(error = %format!("{e:#}"), channel, "could not notify other instances; they find the work on their next poll");
                    }
                }
                bell.busy.store(false, SeqCst);
                // A ring between the last swap and releasing `busy` saw it busy: take it here.
                if !bell.again.load(SeqCst) || bell.busy.swap(true, SeqCst) {
                    return;
                }
            }
        });
    }
}

pub async fn listen(state: AppState, mut stop: watch::Receiver<bool>) {
    loop {
        if *stop.borrow() {
            return;
        }
        let connected = async {
            let mut l = PgListener::connect(&state.config.database_url).await?;
            l.listen_all([OUTBOX, TURNS]).await?;
            Ok::<_, sqlx::Error>(l)
        }
        .await;
        let mut listener = match connected {
            Ok(l) => l,
            Err(e) => {
                tracing::warn!(error = %e, "LISTEN failed; retrying (workers still poll)");
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_secs(2)) => continue,
                    _ = stop.changed() => return,
                }
            }
        };
        // Notifications sent while we were not listening are lost: look for work now.
        state.outbox_wake.notify_one();
        state.turn_wake.notify_one();
        loop {
            tokio::select! {
                n = listener.recv() => match n {
                    // Our own NOTIFY: this instance's worker was woken directly.
                    Ok(n) if n.payload() == &*state.instance => {}
                    Ok(n) if n.channel() == OUTBOX => state.outbox_wake.notify_one(),
                    Ok(n) if n.channel() == TURNS => state.turn_wake.notify_one(),
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, "LISTEN connection lost; reconnecting");
                        break;
                    }
                },
                _ = stop.changed() => return,
            }
        }
    }
}
