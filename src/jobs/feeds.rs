//! The calendar feed refresh round: on an interval, one instance at a time refreshes every
//! business's feeds (the refreshing itself is `calendar::feeds`).

use crate::app::AppState;

/// Refresh feeds on an interval until told to stop. With several instances on one database, one
/// of them runs each round (see `store::jobs`).
pub async fn run(state: AppState, mut stop: tokio::sync::watch::Receiver<bool>) {
    let every = state.config.feed_refresh;
    let tick = every.min(std::time::Duration::from_secs(30));
    loop {
        tokio::select! {
            _ = tokio::time::sleep(tick) => {}
            _ = stop.changed() => return,
        }
        if *stop.borrow() {
            return;
        }
        let now_ms = crate::clock::to_millis(state.clock.now());
        match crate::store::jobs::claim_run(
            &state.store,
            "calendar_feed_refresh",
            &state.instance,
            now_ms,
            every.as_millis() as i64,
        )
        .await
        {
            Ok(true) => {
                if let Err(e) = crate::calendar::feeds::refresh_all(&state.engine.calendar).await {
                    tracing::error!(error = %format!("{e:#}"), "calendar feed refresh round failed");
                }
            }
            Ok(false) => {}
            Err(e) => {
                tracing::warn!(error = %format!("{e:#}"), "could not claim the feed refresh round")
            }
        }
    }
}
