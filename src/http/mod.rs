//! HTTP: each module exposes its own `router()`, merged here, behind two layers from
//! `tower-http`: a span per request (method, path, status, latency at debug level) and a time
//! limit, so no request holds a connection and its work for longer than [`REQUEST_TIMEOUT`]
//! whatever a client or a slow dependency does. (A live call's WebSocket is answered with its
//! upgrade at once; the call itself is bounded by the relay's own limits.)

pub mod calendar_feed;
pub mod ops;
pub mod relay;
pub mod telnyx;
pub mod twilio;

use crate::app::AppState;
use axum::http::StatusCode;
use axum::Router;
use std::time::Duration;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// The longest any request may take before it is answered 503 (webhooks retry; the dashboard
/// shows the error). Well above the slowest legitimate work: a model call is bounded at 30 s
/// by its own timeout, a calendar check at the feed timeout.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(twilio::router(state.config.max_body_bytes))
        .merge(telnyx::router(state.config.max_body_bytes))
        .merge(relay::router())
        .merge(ops::router())
        .merge(calendar_feed::router())
        .merge(crate::dashboard::router())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
