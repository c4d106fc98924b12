//! Conversation threads between a business and a contact.

use super::{col, Conn};
use anyhow::Context;

/// The open thread with this contact, created if there is none.
pub async fn open_for_contact(
    conn: &mut Conn,
    business_id: i64,
    contact_id: i64,
    initial_state: &str,
    now_ms: i64,
) -> anyhow::Result<i64> {
    let row = sqlx::query(
        "SELECT id FROM conversations WHERE contact_id = $1 AND closed_at IS NULL ORDER BY id DESC LIMIT 1",
    )
    .bind(contact_id)
    .fetch_optional(&mut *conn)
    .await
    .context("finding conversation")?;
    if let Some(row) = row {
        return col(&row, "id");
    }
    let row = sqlx::query(
        "INSERT INTO conversations (business_id, contact_id, state, created_at, updated_at, last_message_at) \
         VALUES ($1, $2, $3, $4, $4, $4) RETURNING id",
    )
    .bind(business_id)
    .bind(contact_id)
    .bind(initial_state)
    .bind(now_ms)
    .fetch_one(&mut *conn)
    .await
    .context("creating conversation")?;
    col(&row, "id")
}

/// Note a new message in the thread; `awaiting_reply` marks that the caller wrote and is owed an answer.
pub async fn touch(
    conn: &mut Conn,
    id: i64,
    now_ms: i64,
    awaiting_reply: bool,
) -> anyhow::Result<()> {
    let sql = if awaiting_reply {
        "UPDATE conversations SET last_message_at = $1, updated_at = $1, \
         awaiting_reply_since = COALESCE(awaiting_reply_since, $1) WHERE id = $2"
    } else {
        "UPDATE conversations SET last_message_at = $1, updated_at = $1 WHERE id = $2"
    };
    sqlx::query(sql)
        .bind(now_ms)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn set_state(conn: &mut Conn, id: i64, state: &str, now_ms: i64) -> anyhow::Result<()> {
    sqlx::query("UPDATE conversations SET state = $1, updated_at = $2 WHERE id = $3")
        .bind(state)
        .bind(now_ms)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn state(conn: &mut Conn, id: i64) -> anyhow::Result<String> {
    let row = sqlx::query("SELECT state FROM conversations WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    col(&row, "state")
}
