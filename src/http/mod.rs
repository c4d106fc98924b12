//! HTTP: each module exposes its own `router()`, merged here.

pub mod calendar_feed;
pub mod ops;
pub mod relay;
pub mod telnyx;
pub mod twilio;

use crate::app::AppState;
use axum::Router;

pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(twilio::router(state.config.max_body_bytes))
        .merge(telnyx::router(state.config.max_body_bytes))
        .merge(relay::router())
        .merge(ops::router())
        .merge(calendar_feed::router())
        .merge(crate::dashboard::router())
        .with_state(state)
}
