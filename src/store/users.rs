//! Dashboard accounts: users, their role per business, sessions and failed sign-ins.

use super::{col, BusinessId, Conn, Doing, Found, Store, UserId};
use anyhow::Context;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub must_change_password: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Owner,
    Staff,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_ascii_lowercase().as_str() {
            "owner" => Some(Role::Owner),
            "staff" => Some(Role::Staff),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Staff => "staff",
        }
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Membership {
    pub business_id: BusinessId,
    pub business_name: String,
    pub role: Role,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Member {
    pub user_id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
}

const COLUMNS: &str = "id, email, name, password_hash, must_change_password";

fn from_row(r: &sqlx::any::AnyRow) -> anyhow::Result<User> {
    Ok(User {
        id: col(r, "id")?,
        email: col(r, "email")?,
        name: col(r, "name")?,
        password_hash: col(r, "password_hash")?,
        must_change_password: col::<i64>(r, "must_change_password")? != 0,
    })
}

/// Emails are compared case-insensitively: stored trimmed and lowercased.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// How many accounts exist (none yet: the demo creates its owner).
pub async fn count(store: &Store) -> anyhow::Result<i64> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM users")
        .fetch_one(store.pool())
        .await?;
    col(&row, "n")
}

pub async fn by_email(conn: &mut Conn, email: &str) -> anyhow::Result<Option<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE email = $1");
    let row = sqlx::query(&sql)
        .bind(normalise_email(email))
        .fetch_optional(&mut *conn)
        .await
        .context("looking up user")?;
    row.as_ref().map(from_row).transpose()
}

/// The user `id`; [`super::Error::NotFound`] when there is none.
pub async fn by_id(conn: &mut Conn, id: UserId) -> super::Result<User> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE id = $1");
    let row = sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .doing("looking up user")?
        .found("user")?;
    Ok(from_row(&row)?)
}

/// Create the user, or (if the email exists) keep it; then give them `role` at the business.
/// Returns the user and whether it was created.
#[allow(clippy::too_many_arguments)]
pub async fn add_to_business(
    conn: &mut Conn,
    email: &str,
    name: &str,
    password_hash: &str,
    must_change: bool,
    business_id: BusinessId,
    role: Role,
    now_ms: i64,
) -> anyhow::Result<(User, bool)> {
    let email = normalise_email(email);
    let existing = by_email(conn, &email).await?;
    let (user, created) = match existing {
        Some(u) => (u, false),
        None => {
            let sql = format!(
                "INSERT INTO users (email, name, password_hash, must_change_password, created_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING {COLUMNS}"
            );
            let row = sqlx::query(&sql)
                .bind(&email)
                .bind(name.trim())
                .bind(password_hash)
                .bind(i64::from(must_change))
                .bind(now_ms)
                .fetch_one(&mut *conn)
                .await
                .context("creating user")?;
            (from_row(&row)?, true)
        }
    };
    sqlx::query(
        "INSERT INTO memberships (user_id, business_id, role, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, business_id) DO UPDATE SET role = excluded.role",
    )
    .bind(user.id)
    .bind(business_id)
    .bind(role.as_str())
    .bind(now_ms)
    .execute(&mut *conn)
    .await
    .context("adding membership")?;
    Ok((user, created))
}

pub async fn set_password(
    conn: &mut Conn,
    user_id: UserId,
    password_hash: &str,
    must_change: bool,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE users SET password_hash = $1, must_change_password = $2 WHERE id = $3")
        .bind(password_hash)
        .bind(i64::from(must_change))
        .bind(user_id)
        .execute(&mut *conn)
        .await
        .context("setting password")?;
    Ok(())
}

pub async fn memberships(conn: &mut Conn, user_id: UserId) -> anyhow::Result<Vec<Membership>> {
    let rows = sqlx::query(
        "SELECT m.business_id, b.name, m.role FROM memberships m JOIN businesses b ON b.id = m.business_id \
         WHERE m.user_id = $1 ORDER BY b.name, m.business_id",
    )
    .bind(user_id)
    .fetch_all(&mut *conn)
    .await
    .context("listing memberships")?;
    rows.iter()
        .map(|r| {
            Ok(Membership {
                business_id: col(r, "business_id")?,
                business_name: col(r, "name")?,
                role: Role::parse(&col::<String>(r, "role")?).unwrap_or(Role::Staff),
            })
        })
        .collect()
}

pub async fn members(conn: &mut Conn, business_id: BusinessId) -> anyhow::Result<Vec<Member>> {
    let rows = sqlx::query(
        "SELECT u.id, u.email, u.name, m.role FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.business_id = $1 ORDER BY m.role, u.name",
    )
    .bind(business_id)
    .fetch_all(&mut *conn)
    .await
    .context("listing members")?;
    rows.iter()
        .map(|r| {
            Ok(Member {
                user_id: col(r, "id")?,
                email: col(r, "email")?,
                name: col(r, "name")?,
                role: Role::parse(&col::<String>(r, "role")?).unwrap_or(Role::Staff),
            })
        })
        .collect()
}

pub async fn remove_member(
    conn: &mut Conn,
    business_id: BusinessId,
    user_id: UserId,
) -> anyhow::Result<bool> {
    let done = sqlx::query("DELETE FROM memberships WHERE business_id = $1 AND user_id = $2")
        .bind(business_id)
        .bind(user_id)
        .execute(&mut *conn)
        .await
        .context("removing member")?;
    Ok(done.rows_affected() > 0)
}

pub struct SessionRow {
    pub user: User,
    pub csrf: String,
}

pub async fn create_session(
    conn: &mut Conn,
    token_hash: &str,
    user_id: UserId,
    csrf: &str,
    now_ms: i64,
    expires_at: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(csrf)
    .bind(now_ms)
    .bind(expires_at)
    .execute(&mut *conn)
    .await
    .context("creating session")?;
    // Housekeeping: drop this user's expired sessions.
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND expires_at < $2")
        .bind(user_id)
        .bind(now_ms)
        .execute(&mut *conn)
        .await
        .context("dropping expired sessions")?;
    Ok(())
}

pub async fn session(
    store: &Store,
    token_hash: &str,
    now_ms: i64,
) -> anyhow::Result<Option<SessionRow>> {
    let row = sqlx::query(
        "SELECT u.id, u.email, u.name, u.password_hash, u.must_change_password, s.csrf \
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now_ms)
    .fetch_optional(store.pool())
    .await
    .context("loading session")?;
    row.map(|r| {
        Ok(SessionRow {
            user: from_row(&r)?,
            csrf: col(&r, "csrf")?,
        })
    })
    .transpose()
}

pub async fn delete_session(store: &Store, token_hash: &str) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(store.pool())
        .await
        .context("ending session")?;
    Ok(())
}

/// Sign the user out everywhere except (optionally) one session.
pub async fn delete_other_sessions(
    conn: &mut Conn,
    user_id: UserId,
    keep_hash: &str,
) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id)
        .bind(keep_hash)
        .execute(&mut *conn)
        .await
        .context("ending other sessions")?;
    Ok(())
}

/// Record one sign-in attempt against `key` and return how many the current window holds,
/// this one included. One statement records and decides (an upsert on the key's row, which both
/// backends serialise), so forty concurrent guesses get forty different counts.
pub async fn count_attempt(
    store: &Store,
    key: &str,
    now_ms: i64,
    window_ms: i64,
) -> anyhow::Result<i64> {
    let row = sqlx::query(
        "INSERT INTO login_throttle (key, window_start, n) VALUES ($1, $2, 1) \
         ON CONFLICT (key) DO UPDATE SET \
           n = CASE WHEN login_throttle.window_start < $3 THEN 1 ELSE login_throttle.n + 1 END, \
           window_start = CASE WHEN login_throttle.window_start < $3 THEN $2 \
                               ELSE login_throttle.window_start END \
         RETURNING n",
    )
    .bind(key)
    .bind(now_ms)
    .bind(now_ms - window_ms)
    .fetch_one(store.pool())
    .await
    .context("counting a sign-in attempt")?;
    col(&row, "n")
}

/// A successful sign-in: the account starts afresh, and the attempt does not count against the
/// client's address (colleagues behind one office address sign in all day).
pub async fn attempt_succeeded(
    store: &Store,
    account_key: &str,
    address_key: &str,
) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM login_throttle WHERE key = $1")
        .bind(account_key)
        .execute(store.pool())
        .await
        .context("clearing sign-in attempts")?;
    sqlx::query("UPDATE login_throttle SET n = n - 1 WHERE key = $1 AND n > 0")
        .bind(address_key)
        .execute(store.pool())
        .await
        .context("clearing sign-in attempts")?;
    Ok(())
}

/// Lock the business's owner memberships until the transaction ends (PostgreSQL; SQLite
/// transactions are serialised anyway).
pub async fn lock_owners(
    conn: &mut Conn,
    backend: super::Backend,
    business_id: BusinessId,
) -> anyhow::Result<()> {
    if backend == super::Backend::Postgres {
        sqlx::query(
            "SELECT user_id FROM memberships WHERE business_id = $1 AND role = 'owner' FOR UPDATE",
        )
        .bind(business_id)
        .fetch_all(&mut *conn)
        .await
        .context("locking owners")?;
    }
    Ok(())
}
