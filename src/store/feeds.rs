//! Calendar feeds of a business: their last good copy and their health.

use super::{col, BusinessId, Conn};
use anyhow::Context;

#[derive(Debug, Clone)]
pub struct FeedMeta {
    pub id: i64,
    pub business_id: BusinessId,
    pub source: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub version: i64,
    pub has_body: bool,
    pub events: Option<i64>,
    pub warnings: Option<String>,
    pub last_attempt_at: Option<i64>,
    pub last_success_at: Option<i64>,
    pub last_error: Option<String>,
    pub last_error_at: Option<i64>,
}

const META: &str = "id, business_id, source, etag, last_modified, version, \
    CASE WHEN body IS NULL THEN 0 ELSE 1 END AS has_body, events, warnings, last_attempt_at, \
    last_success_at, last_error, last_error_at";

fn meta(row: &sqlx::any::AnyRow) -> anyhow::Result<FeedMeta> {
    let has_body: i64 = col(row, "has_body")?;
    Ok(FeedMeta {
        id: col(row, "id")?,
        business_id: col(row, "business_id")?,
        source: col(row, "source")?,
        etag: col(row, "etag")?,
        last_modified: col(row, "last_modified")?,
        version: col(row, "version")?,
        has_body: has_body != 0,
        events: col(row, "events")?,
        warnings: col(row, "warnings")?,
        last_attempt_at: col(row, "last_attempt_at")?,
        last_success_at: col(row, "last_success_at")?,
        last_error: col(row, "last_error")?,
        last_error_at: col(row, "last_error_at")?,
    })
}

/// Make the feed rows match the profile's list (kept rows keep their last good copy).
pub async fn sync(
    conn: &mut Conn,
    business_id: BusinessId,
    sources: &[String],
) -> anyhow::Result<()> {
    let existing = list(conn, business_id).await?;
    for f in &existing {
        if !sources.contains(&f.source) {
            sqlx::query("DELETE FROM calendar_feeds WHERE id = $1")
                .bind(f.id)
                .execute(&mut *conn)
                .await?;
        }
    }
    for s in sources {
        if !existing.iter().any(|f| &f.source == s) {
            sqlx::query("INSERT INTO calendar_feeds (business_id, source) VALUES ($1, $2)")
                .bind(business_id)
                .bind(s)
                .execute(&mut *conn)
                .await
                .context("adding calendar feed")?;
        }
    }
    Ok(())
}

pub async fn list(conn: &mut Conn, business_id: BusinessId) -> anyhow::Result<Vec<FeedMeta>> {
    let sql = format!("SELECT {META} FROM calendar_feeds WHERE business_id = $1 ORDER BY id");
    let rows = sqlx::query(&sql)
        .bind(business_id)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(meta).collect()
}

pub async fn all(conn: &mut Conn) -> anyhow::Result<Vec<FeedMeta>> {
    let sql = format!("SELECT {META} FROM calendar_feeds ORDER BY id");
    let rows = sqlx::query(&sql).fetch_all(&mut *conn).await?;
    rows.iter().map(meta).collect()
}

/// The last good copy and its version.
pub async fn body(conn: &mut Conn, id: i64) -> anyhow::Result<Option<(String, i64)>> {
    let row = sqlx::query("SELECT body, version FROM calendar_feeds WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(r) => {
            let body: Option<String> = col(&r, "body")?;
            Ok(body.map(|b| (b, col(&r, "version").unwrap_or(0))))
        }
        None => Ok(None),
    }
}

pub struct Success<'a> {
    /// `None` when the server said it had not changed (304).
    pub body: Option<&'a str>,
    pub etag: Option<&'a str>,
    pub last_modified: Option<&'a str>,
    pub events: Option<i64>,
    pub warnings: Option<&'a str>,
}

pub async fn record_success(
    conn: &mut Conn,
    id: i64,
    s: Success<'_>,
    now_ms: i64,
) -> anyhow::Result<()> {
    match s.body {
        Some(body) => {
            sqlx::query(
                "UPDATE calendar_feeds SET body = $1, etag = $2, last_modified = $3, version = version + 1, \
                 events = $4, warnings = $5, last_attempt_at = $6, last_success_at = $6, last_error = NULL, \
                 last_error_at = NULL WHERE id = $7",
            )
            .bind(body)
            .bind(s.etag)
            .bind(s.last_modified)
            .bind(s.events)
            .bind(s.warnings)
            .bind(now_ms)
            .bind(id)
            .execute(&mut *conn)
            .await
            .context("recording feed success")?;
        }
        None => {
            sqlx::query(
                "UPDATE calendar_feeds SET last_attempt_at = $1, last_success_at = $1, last_error = NULL, \
                 last_error_at = NULL WHERE id = $2",
            )
            .bind(now_ms)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

pub async fn record_error(
    conn: &mut Conn,
    id: i64,
    error: &str,
    now_ms: i64,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE calendar_feeds SET last_attempt_at = $1, last_error = $2, last_error_at = $1 WHERE id = $3")
        .bind(now_ms)
        .bind(error)
        .bind(id)
        .execute(&mut *conn)
        .await
        .context("recording feed error")?;
    Ok(())
}
