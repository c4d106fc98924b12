//! The transactional outbox: rows written with the change that caused a text, claimed by workers
//! under a lease, and finished exactly once (the attempt count fences out a worker whose lease ran
//! out while another took the row over).

use super::{col, messages, Backend, Conn, Store};
use anyhow::Context;

pub struct NewItem<'a> {
    pub message_id: i64,
    pub business_id: i64,
    pub contact_id: i64,
    pub to: &'a str,
    pub from: &'a str,
    pub body: &'a str,
    pub kind: &'a str,
    pub now_ms: i64,
    /// Past this instant the text is pointless and is dropped instead of sent late.
    pub expires_at: Option<i64>,
}

pub async fn enqueue(conn: &mut Conn, item: NewItem<'_>) -> anyhow::Result<i64> {
    let row = sqlx::query(
        "INSERT INTO outbox (message_id, business_id, contact_id, to_number, from_number, body, kind, state, \
         attempts, next_attempt_at, expires_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $8, $9, $8, $8) RETURNING id",
    )
    .bind(item.message_id)
    .bind(item.business_id)
    .bind(item.contact_id)
    .bind(item.to)
    .bind(item.from)
    .bind(item.body)
    .bind(item.kind)
    .bind(item.now_ms)
    .bind(item.expires_at)
    .fetch_one(&mut *conn)
    .await
    .context("enqueueing outbound text")?;
    col(&row, "id")
}

#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: i64,
    pub message_id: i64,
    pub business_id: i64,
    pub contact_id: i64,
    pub to: String,
    pub from: String,
    pub body: String,
    pub kind: String,
    /// The fencing token: this claim's attempt number.
    pub attempts: i64,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    /// Set when an earlier attempt may have reached the provider: reconcile before sending.
    pub uncertain_since: Option<i64>,
}

/// Claim up to `limit` due rows (pending and due, or sending with an expired lease).
pub async fn claim(
    store: &Store,
    now_ms: i64,
    lease_ms: i64,
    limit: i64,
) -> anyhow::Result<Vec<Claimed>> {
    let lock = match store.backend() {
        Backend::Postgres => "FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let sql = format!(
        "UPDATE outbox SET state = 'sending', lease_until = $1, attempts = attempts + 1, \
         uncertain_since = in_flight_since, in_flight_since = $2, updated_at = $2 \
         WHERE id IN (SELECT id FROM outbox o WHERE ((o.state = 'pending' AND o.next_attempt_at <= $2) \
                      OR (o.state = 'sending' AND o.lease_until < $2)) \
                      AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.to_number = o.to_number \
                          AND e.state IN ('pending', 'sending') AND e.id < o.id) \
                      ORDER BY o.next_attempt_at, o.id LIMIT $3 {lock}) \
         RETURNING id, message_id, business_id, contact_id, to_number, from_number, body, kind, attempts, \
                   created_at, expires_at, uncertain_since"
    );
    let rows = sqlx::query(&sql)
        .bind(now_ms + lease_ms)
        .bind(now_ms)
        .bind(limit)
        .fetch_all(store.pool())
        .await
        .context("claiming outbox rows")?;
    let mut out: Vec<Claimed> = rows
        .iter()
        .map(|r| {
            Ok(Claimed {
                id: col(r, "id")?,
                message_id: col(r, "message_id")?,
                business_id: col(r, "business_id")?,
                contact_id: col(r, "contact_id")?,
                to: col(r, "to_number")?,
                from: col(r, "from_number")?,
                body: col(r, "body")?,
                kind: col(r, "kind")?,
                attempts: col(r, "attempts")?,
                created_at: col(r, "created_at")?,
                expires_at: col(r, "expires_at")?,
                uncertain_since: col(r, "uncertain_since")?,
            })
        })
        .collect::<anyhow::Result<_>>()?;
    out.sort_by_key(|c| c.id);
    Ok(out)
}

/// The provider accepted the text: record its SID and status with the row, in one transaction.
pub async fn finish_sent(
    store: &Store,
    item: &Claimed,
    sid: &str,
    provider_status: &str,
    now_ms: i64,
) -> anyhow::Result<bool> {
    let mut tx = store.begin().await?;
    let done = sqlx::query(
        "UPDATE outbox SET state = 'sent', lease_until = NULL, in_flight_since = NULL, last_error = NULL, \
         updated_at = $1 WHERE id = $2 AND attempts = $3 AND state = 'sending'",
    )
    .bind(now_ms)
    .bind(item.id)
    .bind(item.attempts)
    .execute(&mut *tx)
    .await
    .context("marking outbox row sent")?;
    if done.rows_affected() == 0 {
        // Another worker took the row over after our lease ran out; it reconciles by SID.
        tx.rollback().await?;
        return Ok(false);
    }
    messages::set_provider_sid(&mut tx, item.message_id, sid, now_ms).await?;
    sqlx::query("UPDATE messages SET sent_at = $1 WHERE id = $2 AND sent_at IS NULL")
        .bind(now_ms)
        .bind(item.message_id)
        .execute(&mut *tx)
        .await
        .context("recording when the text went out")?;
    messages::advance_status(
        &mut tx,
        messages::MessageKey::Id(item.message_id),
        provider_status,
        None,
        now_ms,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Try again later. `maybe_sent` keeps the row marked in flight, so the next claim reconciles first.
pub async fn retry_later(
    store: &Store,
    item: &Claimed,
    next_attempt_at: i64,
    error: &str,
    maybe_sent: bool,
    now_ms: i64,
) -> anyhow::Result<()> {
    let in_flight = if maybe_sent {
        "in_flight_since"
    } else {
        "NULL"
    };
    let sql = format!(
        "UPDATE outbox SET state = 'pending', lease_until = NULL, in_flight_since = {in_flight}, \
         next_attempt_at = $1, last_error = $2, updated_at = $3 WHERE id = $4 AND attempts = $5 AND state = 'sending'"
    );
    sqlx::query(&sql)
        .bind(next_attempt_at)
        .bind(error)
        .bind(now_ms)
        .bind(item.id)
        .bind(item.attempts)
        .execute(store.pool())
        .await
        .context("rescheduling outbox row")?;
    Ok(())
}

/// Give up on the row for good: `failed` (the provider refused) or `dropped` (we chose not to send).
pub async fn finish_unsent(
    conn: &mut Conn,
    item: &Claimed,
    state: &str,
    error: &str,
    error_code: Option<&str>,
    now_ms: i64,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE outbox SET state = $1, lease_until = NULL, in_flight_since = NULL, last_error = $2, updated_at = $3 \
         WHERE id = $4 AND attempts = $5 AND state = 'sending'",
    )
    .bind(state)
    .bind(error)
    .bind(now_ms)
    .bind(item.id)
    .bind(item.attempts)
    .execute(&mut *conn)
    .await
    .context("finishing outbox row")?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    let status = if state == "dropped" {
        "dropped"
    } else {
        "failed"
    };
    messages::advance_status(
        conn,
        messages::MessageKey::Id(item.message_id),
        status,
        error_code,
        now_ms,
    )
    .await?;
    Ok(true)
}

/// Rows still to send (pending or in flight).
pub async fn depth(store: &Store) -> anyhow::Result<i64> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM outbox WHERE state IN ('pending', 'sending')")
        .fetch_one(store.pool())
        .await?;
    col(&row, "n")
}

/// When the next row falls due, if any is waiting.
pub async fn next_due(store: &Store) -> anyhow::Result<Option<i64>> {
    let row = sqlx::query(
        "SELECT MIN(CASE WHEN state = 'pending' THEN next_attempt_at ELSE lease_until END) AS at \
         FROM outbox WHERE state IN ('pending', 'sending')",
    )
    .fetch_one(store.pool())
    .await?;
    col(&row, "at")
}
