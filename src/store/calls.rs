//! Calls, one row per provider call SID, and the one text-back decision each gets.

use super::{col, BusinessId, CallId, Conn, ContactId, MessageId};
use anyhow::Context;

#[derive(Debug, Clone)]
pub struct CallRow {
    pub id: CallId,
    pub status: String,
    /// `None` until decided; then `queued` or `skipped`.
    pub textback: Option<String>,
    pub textback_reason: Option<String>,
}

/// Find or create the call. On PostgreSQL the row stays locked until the transaction ends, so
/// duplicate webhooks for one call (retries, dial-status plus status callback) take turns and the
/// later one sees the earlier one's decision.
pub async fn upsert(
    conn: &mut Conn,
    business_id: BusinessId,
    call_sid: &str,
    from: &str,
    to: &str,
    status: &str,
    now_ms: i64,
) -> anyhow::Result<CallRow> {
    let row = sqlx::query(
        "INSERT INTO calls (business_id, call_sid, from_number, to_number, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) \
         ON CONFLICT (call_sid) DO UPDATE SET updated_at = excluded.updated_at \
         RETURNING id, status, textback, textback_reason",
    )
    .bind(business_id)
    .bind(call_sid)
    .bind(from)
    .bind(to)
    .bind(status)
    .bind(now_ms)
    .fetch_one(&mut *conn)
    .await
    .context("upserting call")?;
    Ok(CallRow {
        id: col(&row, "id")?,
        status: col(&row, "status")?,
        textback: col(&row, "textback")?,
        textback_reason: col(&row, "textback_reason")?,
    })
}

/// Whether the call's text-back was decided already (a repeated webhook).
pub async fn is_decided(conn: &mut Conn, call_sid: &str) -> anyhow::Result<bool> {
    let row =
        sqlx::query("SELECT COUNT(*) AS n FROM calls WHERE call_sid = $1 AND textback IS NOT NULL")
            .bind(call_sid)
            .fetch_one(&mut *conn)
            .await
            .context("reading a call's decision")?;
    Ok(col::<i64>(&row, "n")? > 0)
}

pub async fn set_status(
    conn: &mut Conn,
    id: CallId,
    status: &str,
    now_ms: i64,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE calls SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(status)
        .bind(now_ms)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub struct Decision<'a> {
    pub call_id: CallId,
    pub contact_id: Option<ContactId>,
    pub missed_at: i64,
    pub status: &'a str,
    pub textback: &'a str,
    pub reason: Option<&'a str>,
    pub message_id: Option<MessageId>,
}

pub async fn record_decision(conn: &mut Conn, d: Decision<'_>) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE calls SET contact_id = $1, missed_at = $2, status = $3, textback = $4, textback_reason = $5, \
         message_id = $6, updated_at = $2 WHERE id = $7",
    )
    .bind(d.contact_id)
    .bind(d.missed_at)
    .bind(d.status)
    .bind(d.textback)
    .bind(d.reason)
    .bind(d.message_id)
    .bind(d.call_id)
    .execute(&mut *conn)
    .await
    .context("recording text-back decision")?;
    Ok(())
}

/// A call the receptionist answered: (id, status, created_at).
pub async fn answered_by_ai(
    conn: &mut Conn,
    call_sid: &str,
) -> anyhow::Result<Option<(CallId, String, i64)>> {
    let row = sqlx::query(
        "SELECT id, status, created_at FROM calls WHERE call_sid = $1 AND textback_reason = 'answered_by_ai'",
    )
    .bind(call_sid)
    .fetch_optional(&mut *conn)
    .await
    .context("reading an answered call")?;
    row.map(|r| Ok((col(&r, "id")?, col(&r, "status")?, col(&r, "created_at")?)))
        .transpose()
}

/// Note what became of a call the receptionist answered (`ai-transferred`, `ai-ended`).
pub async fn set_ai_status(
    conn: &mut Conn,
    call_sid: &str,
    status: &str,
    now_ms: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE calls SET status = $1, updated_at = $2 WHERE call_sid = $3 AND textback_reason = 'answered_by_ai'",
    )
    .bind(status)
    .bind(now_ms)
    .bind(call_sid)
    .execute(&mut *conn)
    .await
    .context("recording what became of a call")?;
    Ok(())
}
