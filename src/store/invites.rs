//! Pending invitations to a business's team.

use super::users::Role;
use super::{col, BusinessId, Conn, Doing, Found};
use anyhow::Context;

#[derive(Debug, Clone, serde::Serialize)]
pub struct Invite {
    pub id: i64,
    pub business_id: BusinessId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub expires_at: i64,
}

const COLUMNS: &str = "id, business_id, email, name, role, expires_at";

fn from_row(r: &sqlx::any::AnyRow) -> anyhow::Result<Invite> {
    let role: String = col(r, "role")?;
    Ok(Invite {
        id: col(r, "id")?,
        business_id: col(r, "business_id")?,
        email: col(r, "email")?,
        name: col(r, "name")?,
        role: Role::parse(&role).unwrap_or(Role::Staff),
        expires_at: col(r, "expires_at")?,
    })
}

/// Invite `email` (replacing an earlier pending invite of the same address to this business).
#[allow(clippy::too_many_arguments)]
pub async fn create(
    conn: &mut Conn,
    business_id: BusinessId,
    email: &str,
    name: &str,
    role: Role,
    code_hash: &str,
    now_ms: i64,
    expires_at: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "DELETE FROM invites WHERE business_id = $1 AND email = $2 AND accepted_at IS NULL",
    )
    .bind(business_id)
    .bind(email)
    .execute(&mut *conn)
    .await
    .context("replacing an invite")?;
    sqlx::query(
        "INSERT INTO invites (business_id, email, name, role, code_hash, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(business_id)
    .bind(email)
    .bind(name)
    .bind(role.as_str())
    .bind(code_hash)
    .bind(now_ms)
    .bind(expires_at)
    .execute(&mut *conn)
    .await
    .context("creating an invite")?;
    Ok(())
}

/// A business's invites not yet accepted and not expired.
pub async fn pending(
    conn: &mut Conn,
    business_id: BusinessId,
    now_ms: i64,
) -> anyhow::Result<Vec<Invite>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM invites WHERE business_id = $1 AND accepted_at IS NULL \
         AND expires_at > $2 ORDER BY email"
    );
    let rows = sqlx::query(&sql)
        .bind(business_id)
        .bind(now_ms)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(from_row).collect()
}

/// The pending, unexpired invite for this address and code, if any.
pub async fn find(
    conn: &mut Conn,
    email: &str,
    code_hash: &str,
    now_ms: i64,
) -> anyhow::Result<Option<Invite>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM invites WHERE email = $1 AND code_hash = $2 AND accepted_at IS NULL \
         AND expires_at > $3"
    );
    let row = sqlx::query(&sql)
        .bind(email)
        .bind(code_hash)
        .bind(now_ms)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Mark an invite used; false when another request used it first.
pub async fn accept(conn: &mut Conn, id: i64, now_ms: i64) -> anyhow::Result<bool> {
    let done =
        sqlx::query("UPDATE invites SET accepted_at = $1 WHERE id = $2 AND accepted_at IS NULL")
            .bind(now_ms)
            .bind(id)
            .execute(&mut *conn)
            .await
            .context("accepting an invite")?;
    Ok(done.rows_affected() == 1)
}

/// Withdraw a pending invite; [`super::Error::NotFound`] when it is not pending (accepted,
/// withdrawn already, or another business's).
pub async fn cancel(conn: &mut Conn, business_id: BusinessId, id: i64) -> super::Result<()> {
    let done = sqlx::query(
        "DELETE FROM invites WHERE id = $1 AND business_id = $2 AND accepted_at IS NULL",
    )
    .bind(id)
    .bind(business_id)
    .execute(&mut *conn)
    .await
    .doing("cancelling an invite")?;
    (done.rows_affected() == 1).then_some(()).found("invite")
}
