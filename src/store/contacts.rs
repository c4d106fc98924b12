//! Contacts: the people who call or text a business, with their opt-out and textable state.

use super::{col, Conn};
use anyhow::Context;

#[derive(Debug, Clone)]
pub struct Contact {
    pub id: i64,
    pub phone: String,
    pub opted_out_at: Option<i64>,
    pub not_textable_at: Option<i64>,
    pub not_textable_reason: Option<String>,
}

const COLUMNS: &str = "id, phone, opted_out_at, not_textable_at, not_textable_reason";

fn from_row(row: &sqlx::any::AnyRow) -> anyhow::Result<Contact> {
    Ok(Contact {
        id: col(row, "id")?,
        phone: col(row, "phone")?,
        opted_out_at: col(row, "opted_out_at")?,
        not_textable_at: col(row, "not_textable_at")?,
        not_textable_reason: col(row, "not_textable_reason")?,
    })
}

/// Find or create the contact. On PostgreSQL the row stays locked until the transaction ends,
/// which serialises concurrent decisions about the same person (cooldowns, opt-outs).
pub async fn upsert(
    conn: &mut Conn,
    business_id: i64,
    phone: &str,
    now_ms: i64,
) -> anyhow::Result<Contact> {
    let sql = format!(
        "INSERT INTO contacts (business_id, phone, created_at, last_seen_at) VALUES ($1, $2, $3, $3) \
         ON CONFLICT (business_id, phone) DO UPDATE SET last_seen_at = excluded.last_seen_at \
         RETURNING {COLUMNS}"
    );
    let row = sqlx::query(&sql)
        .bind(business_id)
        .bind(phone)
        .bind(now_ms)
        .fetch_one(&mut *conn)
        .await
        .context("upserting contact")?;
    from_row(&row)
}

pub async fn get(conn: &mut Conn, id: i64) -> anyhow::Result<Option<Contact>> {
    let sql = format!("SELECT {COLUMNS} FROM contacts WHERE id = $1");
    let row = sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn by_phone(
    conn: &mut Conn,
    business_id: i64,
    phone: &str,
) -> anyhow::Result<Option<Contact>> {
    let sql = format!("SELECT {COLUMNS} FROM contacts WHERE business_id = $1 AND phone = $2");
    let row = sqlx::query(&sql)
        .bind(business_id)
        .bind(phone)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Opt the contact out (`Some(now)`) or back in (`None`).
pub async fn set_opted_out(conn: &mut Conn, id: i64, at: Option<i64>) -> anyhow::Result<()> {
    sqlx::query("UPDATE contacts SET opted_out_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&mut *conn)
        .await
        .context("updating opt-out")?;
    Ok(())
}

/// Opt out by phone number across a business (provider error 21610 names only the number).
pub async fn opt_out_number(conn: &mut Conn, contact_id: i64, now_ms: i64) -> anyhow::Result<()> {
    sqlx::query("UPDATE contacts SET opted_out_at = $1 WHERE id = $2 AND opted_out_at IS NULL")
        .bind(now_ms)
        .bind(contact_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn mark_not_textable(
    conn: &mut Conn,
    id: i64,
    reason: &str,
    now_ms: i64,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE contacts SET not_textable_at = $1, not_textable_reason = $2 WHERE id = $3")
        .bind(now_ms)
        .bind(reason)
        .bind(id)
        .execute(&mut *conn)
        .await
        .context("marking contact not textable")?;
    Ok(())
}
