//! CalDAV write-back bookkeeping: which bookings' copies in the owners' calendars are behind,
//! claimed by workers under a lease (one claim owns a row; a claim whose lease ran out is fenced
//! out by its token), and the health the dashboard and `frontdesk doctor` show.

use super::bookings::{self, BookingRow};
use super::{col, Backend, BusinessId, Conn, Store};
use anyhow::Context;

/// A booking whose calendar copy is behind, claimed by one worker.
#[derive(Debug, Clone)]
pub struct Claimed {
    /// The row as it stood when claimed: what is written, and the sequence recorded as synced.
    pub booking: BookingRow,
    /// The server's ETag of our copy; `None` when no copy is known to be there.
    pub etag: Option<String>,
    /// The sequence last written; `None` when never.
    pub synced_sequence: Option<i64>,
    /// Tries since the last success, this one included.
    pub attempts: i64,
    /// The claim's token: every write below is conditional on it.
    pub lease: String,
}

/// The profile's `booking.caldav.url` is stored on the business (the claim joins on it). When it
/// changes to another calendar, every booking is written there afresh.
pub async fn follow_url(
    conn: &mut Conn,
    business_id: BusinessId,
    url: Option<&str>,
) -> anyhow::Result<()> {
    let row = sqlx::query("SELECT caldav_url FROM businesses WHERE id = $1")
        .bind(business_id)
        .fetch_optional(&mut *conn)
        .await
        .context("reading the CalDAV address")?;
    let Some(row) = row else { return Ok(()) };
    let old: Option<String> = col(&row, "caldav_url")?;
    if url.is_some() && old.as_deref() != url {
        sqlx::query(
            "UPDATE bookings SET caldav_sequence = NULL, caldav_etag = NULL, caldav_attempts = 0, \
             caldav_next_at = 0, caldav_error = NULL, caldav_lease = NULL, caldav_lease_until = NULL \
             WHERE business_id = $1",
        )
        .bind(business_id)
        .execute(&mut *conn)
        .await
        .context("starting CalDAV write-back afresh")?;
    }
    Ok(())
}

/// Claim up to `limit` bookings whose calendar copy is behind and due (never a hold: only booked,
/// moved and cancelled bookings of businesses with write-back on).
pub async fn claim(
    store: &Store,
    now_ms: i64,
    lease_ms: i64,
    limit: i64,
) -> anyhow::Result<Vec<Claimed>> {
    let lock = match store.backend() {
        Backend::Postgres => "FOR UPDATE OF k SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let free = "(caldav_lease_until IS NULL OR caldav_lease_until < $2)";
    let behind = "(caldav_sequence IS NULL OR caldav_sequence < sequence)";
    let token = uuid::Uuid::new_v4().simple().to_string();
    let sql = format!(
        "WITH due AS (SELECT k.id FROM bookings k JOIN businesses b ON b.id = k.business_id \
                      WHERE b.caldav_url IS NOT NULL AND k.status IN ('booked', 'rescheduled', 'cancelled') \
                      AND (k.caldav_sequence IS NULL OR k.caldav_sequence < k.sequence) \
                      AND k.caldav_next_at <= $2 \
                      AND (k.caldav_lease_until IS NULL OR k.caldav_lease_until < $2) \
                      ORDER BY k.caldav_next_at, k.id LIMIT $3 {lock}) \
         UPDATE bookings SET caldav_lease = $4, caldav_lease_until = $1, caldav_attempts = caldav_attempts + 1 \
         WHERE id IN (SELECT id FROM due) AND {free} AND {behind} \
         RETURNING {}, caldav_etag, caldav_sequence, caldav_attempts",
        bookings::COLUMNS
    );
    let rows = sqlx::query(&sql)
        .bind(now_ms + lease_ms)
        .bind(now_ms)
        .bind(limit)
        .bind(&token)
        .fetch_all(store.pool())
        .await
        .context("claiming bookings to write to CalDAV")?;
    let mut out = rows
        .iter()
        .map(|r| {
            Ok(Claimed {
                booking: bookings::from_row(r)?,
                etag: col(r, "caldav_etag")?,
                synced_sequence: col(r, "caldav_sequence")?,
                attempts: col(r, "caldav_attempts")?,
                lease: token.clone(),
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    out.sort_by_key(|c| c.booking.id);
    Ok(out)
}

/// The copy is written (or deleted: `etag` `None`): record the sequence written and the ETag and
/// release the lease, in one statement. False: the claim is not ours any more.
pub async fn finish(
    store: &Store,
    item: &Claimed,
    etag: Option<&str>,
    now_ms: i64,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE bookings SET caldav_sequence = $1, caldav_etag = $2, caldav_attempts = 0, caldav_next_at = 0, \
         caldav_error = NULL, caldav_lease = NULL, caldav_lease_until = NULL WHERE id = $3 AND caldav_lease = $4",
    )
    .bind(item.booking.sequence)
    .bind(etag)
    .bind(item.booking.id)
    .bind(&item.lease)
    .execute(store.pool())
    .await
    .context("recording the CalDAV write")?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query("UPDATE businesses SET caldav_synced_at = $1 WHERE id = $2")
        .bind(now_ms)
        .bind(item.booking.business_id)
        .execute(store.pool())
        .await
        .context("recording the CalDAV write time")?;
    Ok(true)
}

/// Try again at `next_at`; `etag` is what is now known of the server's copy (a 412 may have told
/// us). The error is kept for feed health.
pub async fn retry_later(
    store: &Store,
    item: &Claimed,
    etag: Option<&str>,
    next_at: i64,
    error: &str,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE bookings SET caldav_next_at = $1, caldav_error = $2, caldav_etag = $3, caldav_lease = NULL, \
         caldav_lease_until = NULL WHERE id = $4 AND caldav_lease = $5",
    )
    .bind(next_at)
    .bind(error)
    .bind(etag)
    .bind(item.booking.id)
    .bind(&item.lease)
    .execute(store.pool())
    .await
    .context("rescheduling the CalDAV write")?;
    Ok(done.rows_affected() > 0)
}

/// How a business's write-back is doing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Health {
    /// Bookings whose copy is behind.
    pub pending: i64,
    /// Of those, how many have failed at least once, and the error of the next one due.
    pub failing: i64,
    pub error: Option<String>,
    pub next_try_at: Option<i64>,
    pub last_synced_at: Option<i64>,
}

pub async fn health(conn: &mut Conn, business_id: BusinessId) -> anyhow::Result<Health> {
    let row = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM bookings WHERE business_id = $1 AND status IN ('booked', 'rescheduled', 'cancelled') \
                 AND (caldav_sequence IS NULL OR caldav_sequence < sequence)) AS pending, \
                (SELECT COUNT(*) FROM bookings WHERE business_id = $1 AND status IN ('booked', 'rescheduled', 'cancelled') \
                 AND (caldav_sequence IS NULL OR caldav_sequence < sequence) AND caldav_error IS NOT NULL) AS failing, \
                (SELECT caldav_synced_at FROM businesses WHERE id = $1) AS synced_at",
    )
    .bind(business_id)
    .fetch_one(&mut *conn)
    .await
    .context("reading CalDAV health")?;
    let mut health = Health {
        pending: col(&row, "pending")?,
        failing: col(&row, "failing")?,
        last_synced_at: col(&row, "synced_at")?,
        ..Health::default()
    };
    if health.failing > 0 {
        let row = sqlx::query(
            "SELECT caldav_error, caldav_next_at FROM bookings WHERE business_id = $1 \
             AND status IN ('booked', 'rescheduled', 'cancelled') \
             AND (caldav_sequence IS NULL OR caldav_sequence < sequence) AND caldav_error IS NOT NULL \
             ORDER BY caldav_next_at, id LIMIT 1",
        )
        .bind(business_id)
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(r) = row {
            health.error = col(&r, "caldav_error")?;
            health.next_try_at = col(&r, "caldav_next_at")?;
        }
    }
    Ok(health)
}
