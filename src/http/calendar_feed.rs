//! `GET /calendar/{token}.ics`: the bookings feed an owner subscribes to, found by its secret
//! token (rendered by `calendar::export`).

use crate::app::AppState;
use crate::calendar::export::render;
use crate::error::{Error, Result};
use crate::store::bookings;
use crate::store::businesses;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new().route("/calendar/{file}", get(feed))
}

async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<impl IntoResponse> {
    let not_found = || Error::NotFound("no such calendar".into());
    let token = file.strip_suffix(".ics").ok_or_else(not_found)?;
    // Tokens are 64 hex characters; anything else cannot match and skips the database.
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(not_found());
    }
    let mut conn = state.store.pool().acquire().await?;
    // A token of a business deleted meanwhile is a missing calendar too.
    let business_id = bookings::business_by_calendar_token(&mut conn, token).await?;
    let business = businesses::by_id(&mut conn, business_id)
        .await
        .map_err(|e| match e {
            crate::store::Error::NotFound { .. } => not_found(),
            e => e.into(),
        })?;
    let rows = bookings::for_export(&mut conn, business_id).await?;
    let body = render(
        &business.profile.business.name,
        business.profile.tz().name(),
        &rows,
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        body,
    ))
}
