//! Cross-instance wake-ups on PostgreSQL: every instance LISTENs; whoever writes work NOTIFYs
//! (`AppState::wake_outbox`, `wake_turns`), so an idle instance picks up a row written by another
//! one at once instead of at its next poll. Polls remain as the safety net.

use crate::app::AppState;
use sqlx::postgres::PgListener;
use std::time::Duration;
use tokio::sync::watch;

pub const OUTBOX: &str = "frontdesk_outbox";
pub const TURNS: &str = "frontdesk_turns";

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
