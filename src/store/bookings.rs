//! Bookings and holds, and the cells that make overlaps impossible.

use super::{col, BookingId, BusinessId, Conn, ContactId, ConversationId, Doing, Found};
use anyhow::Context;

/// Cells are five minutes long.
pub const CELL_MS: i64 = 5 * 60_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingRow {
    pub id: BookingId,
    pub business_id: BusinessId,
    pub uid: String,
    pub status: String,
    pub start_at: i64,
    pub end_at: i64,
    pub hold_expires_at: Option<i64>,
    pub conversation_id: Option<ConversationId>,
    pub contact_id: Option<ContactId>,
    pub caller_name: Option<String>,
    pub caller_phone: Option<String>,
    pub service: Option<String>,
    pub address: Option<String>,
    pub notes: Option<String>,
    pub sequence: i64,
    pub created_at: i64,
    pub updated_at: i64,
    /// When the caller confirmed it by answering a reminder with C.
    pub confirmed_at: Option<i64>,
    /// When staff marked it a no-show.
    pub no_show_at: Option<i64>,
}

pub(crate) const COLUMNS: &str = "id, business_id, uid, status, start_at, end_at, hold_expires_at, conversation_id, contact_id, \
    caller_name, caller_phone, service, address, notes, sequence, created_at, updated_at, confirmed_at, no_show_at";

pub(crate) fn from_row(r: &sqlx::any::AnyRow) -> anyhow::Result<BookingRow> {
    Ok(BookingRow {
        id: col(r, "id")?,
        business_id: col(r, "business_id")?,
        uid: col(r, "uid")?,
        status: col(r, "status")?,
        start_at: col(r, "start_at")?,
        end_at: col(r, "end_at")?,
        hold_expires_at: col(r, "hold_expires_at")?,
        conversation_id: col(r, "conversation_id")?,
        contact_id: col(r, "contact_id")?,
        caller_name: col(r, "caller_name")?,
        caller_phone: col(r, "caller_phone")?,
        service: col(r, "service")?,
        address: col(r, "address")?,
        notes: col(r, "notes")?,
        sequence: col(r, "sequence")?,
        created_at: col(r, "created_at")?,
        updated_at: col(r, "updated_at")?,
        confirmed_at: col(r, "confirmed_at")?,
        no_show_at: col(r, "no_show_at")?,
    })
}

/// Mark lapsed holds expired and free their cells. One statement when none has lapsed (the
/// usual case): the update says which holds it expired.
pub async fn expire_holds(
    conn: &mut Conn,
    business_id: BusinessId,
    now_ms: i64,
) -> anyhow::Result<()> {
    let lapsed = sqlx::query(
        "UPDATE bookings SET status = 'expired', updated_at = $2 WHERE business_id = $1 AND status = 'held' \
         AND hold_expires_at <= $2 RETURNING id",
    )
    .bind(business_id)
    .bind(now_ms)
    .fetch_all(&mut *conn)
    .await
    .context("expiring lapsed holds")?;
    if lapsed.is_empty() {
        return Ok(());
    }
    let ids = lapsed
        .iter()
        .map(|r| col::<BookingId>(r, "id").map(|id| id.0.to_string()))
        .collect::<anyhow::Result<Vec<_>>>()?;
    sqlx::query(&format!(
        "DELETE FROM booking_cells WHERE booking_id IN ({})",
        ids.join(", ")
    ))
    .execute(&mut *conn)
    .await
    .context("freeing lapsed holds")?;
    Ok(())
}

/// Active bookings and live holds overlapping `[from, to)`, as (id, start, end).
pub async fn active_between(
    conn: &mut Conn,
    business_id: BusinessId,
    from: i64,
    to: i64,
    now_ms: i64,
) -> anyhow::Result<Vec<(BookingId, i64, i64)>> {
    let rows = sqlx::query(
        "SELECT id, start_at, end_at FROM bookings WHERE business_id = $1 AND end_at > $2 AND start_at < $3 \
         AND (status IN ('booked', 'rescheduled') OR (status = 'held' AND hold_expires_at > $4)) ORDER BY start_at",
    )
    .bind(business_id)
    .bind(from)
    .bind(to)
    .bind(now_ms)
    .fetch_all(&mut *conn)
    .await
    .context("reading bookings")?;
    rows.iter()
        .map(|r| Ok((col(r, "id")?, col(r, "start_at")?, col(r, "end_at")?)))
        .collect()
}

pub struct NewBooking<'a> {
    pub business_id: BusinessId,
    pub status: &'a str,
    pub start_at: i64,
    pub end_at: i64,
    pub hold_expires_at: Option<i64>,
    pub conversation_id: Option<ConversationId>,
    pub contact_id: Option<ContactId>,
    pub caller_name: Option<&'a str>,
    pub caller_phone: Option<&'a str>,
    pub service: Option<&'a str>,
    pub address: Option<&'a str>,
    pub notes: Option<&'a str>,
    pub now_ms: i64,
}

pub async fn insert(conn: &mut Conn, b: NewBooking<'_>) -> anyhow::Result<BookingId> {
    Ok(insert_row(conn, b).await?.id)
}

/// Insert a booking and return its row, built from what was written (not read back).
pub async fn insert_row(conn: &mut Conn, b: NewBooking<'_>) -> anyhow::Result<BookingRow> {
    let uid = format!("{}@frontdesk", uuid::Uuid::new_v4());
    let row = sqlx::query(
        "INSERT INTO bookings (business_id, uid, status, start_at, end_at, hold_expires_at, conversation_id, \
         contact_id, caller_name, caller_phone, service, address, notes, sequence, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 0, $14, $14) RETURNING id",
    )
    .bind(b.business_id)
    .bind(&uid)
    .bind(b.status)
    .bind(b.start_at)
    .bind(b.end_at)
    .bind(b.hold_expires_at)
    .bind(b.conversation_id)
    .bind(b.contact_id)
    .bind(b.caller_name)
    .bind(b.caller_phone)
    .bind(b.service)
    .bind(b.address)
    .bind(b.notes)
    .bind(b.now_ms)
    .fetch_one(&mut *conn)
    .await
    .context("inserting booking")?;
    let owned = |v: Option<&str>| v.map(str::to_string);
    Ok(BookingRow {
        id: col(&row, "id")?,
        business_id: b.business_id,
        uid,
        status: b.status.to_string(),
        start_at: b.start_at,
        end_at: b.end_at,
        hold_expires_at: b.hold_expires_at,
        conversation_id: b.conversation_id,
        contact_id: b.contact_id,
        caller_name: owned(b.caller_name),
        caller_phone: owned(b.caller_phone),
        service: owned(b.service),
        address: owned(b.address),
        notes: owned(b.notes),
        sequence: 0,
        created_at: b.now_ms,
        updated_at: b.now_ms,
        confirmed_at: None,
        no_show_at: None,
    })
}

/// Claim the cells of `[start, end + buffer)`. [`super::Error::Conflict`] when another booking
/// holds one of them.
pub async fn claim_cells(
    conn: &mut Conn,
    business_id: BusinessId,
    booking_id: BookingId,
    start: i64,
    end_with_buffer: i64,
) -> super::Result<()> {
    let first = start.div_euclid(CELL_MS);
    let last = (end_with_buffer + CELL_MS - 1).div_euclid(CELL_MS);
    // One statement for all cells: it either inserts them all or fails on the first taken one.
    let values: Vec<String> = (first..last).map(|c| format!("($1, {c}, $2)")).collect();
    if values.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO booking_cells (business_id, cell, booking_id) VALUES {}",
        values.join(", ")
    );
    sqlx::query(&sql)
        .bind(business_id)
        .bind(booking_id)
        .execute(&mut *conn)
        .await
        .unique("booking time", "claiming booking cells")?;
    Ok(())
}

pub async fn release_cells(conn: &mut Conn, booking_id: BookingId) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM booking_cells WHERE booking_id = $1")
        .bind(booking_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The business's booking (or hold) `id`; [`super::Error::NotFound`] for another business's.
pub async fn get(
    conn: &mut Conn,
    business_id: BusinessId,
    id: BookingId,
) -> super::Result<BookingRow> {
    let sql = format!("SELECT {COLUMNS} FROM bookings WHERE business_id = $1 AND id = $2");
    let row = sqlx::query(&sql)
        .bind(business_id)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .doing("loading a booking")?
        .found("booking")?;
    Ok(from_row(&row)?)
}

/// Change a booking's status (and details); bumps the sequence. Guarded by the expected status.
/// A confirmation (reminder answered C) does not survive a move to another time.
#[allow(clippy::too_many_arguments)]
pub async fn update(
    conn: &mut Conn,
    id: BookingId,
    expected_status: &str,
    status: &str,
    start_at: i64,
    end_at: i64,
    details: Option<Details<'_>>,
    now_ms: i64,
) -> anyhow::Result<bool> {
    let done = match details {
        Some(d) => sqlx::query(
            "UPDATE bookings SET status = $1, start_at = $2, end_at = $3, hold_expires_at = NULL, caller_name = $4, \
             confirmed_at = CASE WHEN start_at = $2 THEN confirmed_at ELSE NULL END, \
             caller_phone = $5, service = $6, address = $7, notes = $8, contact_id = COALESCE($9, contact_id), \
             sequence = sequence + 1, updated_at = $10 WHERE id = $11 AND status = $12",
        )
        .bind(status)
        .bind(start_at)
        .bind(end_at)
        .bind(d.caller_name)
        .bind(d.caller_phone)
        .bind(d.service)
        .bind(d.address)
        .bind(d.notes)
        .bind(d.contact_id)
        .bind(now_ms)
        .bind(id)
        .bind(expected_status)
        .execute(&mut *conn)
        .await,
        None => sqlx::query(
            "UPDATE bookings SET status = $1, start_at = $2, end_at = $3, hold_expires_at = NULL, \
             confirmed_at = CASE WHEN start_at = $2 THEN confirmed_at ELSE NULL END, \
             sequence = sequence + 1, updated_at = $4 WHERE id = $5 AND status = $6",
        )
        .bind(status)
        .bind(start_at)
        .bind(end_at)
        .bind(now_ms)
        .bind(id)
        .bind(expected_status)
        .execute(&mut *conn)
        .await,
    }
    .context("updating booking")?;
    Ok(done.rows_affected() > 0)
}

impl BookingRow {
    /// This row as [`update`] leaves it, so a caller that just updated it need not read it back.
    pub fn updated(
        &self,
        status: &str,
        start_at: i64,
        end_at: i64,
        details: Option<Details<'_>>,
        now_ms: i64,
    ) -> BookingRow {
        let mut row = self.clone();
        row.status = status.to_string();
        if start_at != row.start_at {
            row.confirmed_at = None;
        }
        row.start_at = start_at;
        row.end_at = end_at;
        row.hold_expires_at = None;
        if let Some(d) = details {
            let owned = |v: Option<&str>| v.map(str::to_string);
            row.caller_name = owned(d.caller_name);
            row.caller_phone = owned(d.caller_phone);
            row.service = owned(d.service);
            row.address = owned(d.address);
            row.notes = owned(d.notes);
            row.contact_id = d.contact_id.or(row.contact_id);
        }
        row.sequence += 1;
        row.updated_at = now_ms;
        row
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Details<'a> {
    pub caller_name: Option<&'a str>,
    pub caller_phone: Option<&'a str>,
    pub service: Option<&'a str>,
    pub address: Option<&'a str>,
    pub notes: Option<&'a str>,
    pub contact_id: Option<ContactId>,
}

/// Bookings the owner's calendar should show (not holds, not lapsed holds).
pub async fn for_export(
    conn: &mut Conn,
    business_id: BusinessId,
) -> anyhow::Result<Vec<BookingRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM bookings WHERE business_id = $1 AND status IN ('booked', 'rescheduled', 'cancelled') \
         ORDER BY start_at"
    );
    let rows = sqlx::query(&sql)
        .bind(business_id)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(from_row).collect()
}

/// The business whose bookings feed `token` opens; [`super::Error::NotFound`] for a wrong (or
/// rotated) token.
pub async fn business_by_calendar_token(conn: &mut Conn, token: &str) -> super::Result<BusinessId> {
    let row = sqlx::query("SELECT id FROM businesses WHERE calendar_token = $1")
        .bind(token)
        .fetch_optional(&mut *conn)
        .await
        .doing("looking up a calendar token")?
        .found("calendar")?;
    Ok(col(&row, "id")?)
}

/// The business's calendar token, created on first use.
/// A new secret for the business's bookings feed; the old link stops working.
pub async fn rotate_calendar_token(
    conn: &mut Conn,
    business_id: BusinessId,
) -> anyhow::Result<String> {
    sqlx::query("UPDATE businesses SET calendar_token = NULL WHERE id = $1")
        .bind(business_id)
        .execute(&mut *conn)
        .await
        .context("clearing the calendar token")?;
    calendar_token(conn, business_id).await
}

pub async fn calendar_token(conn: &mut Conn, business_id: BusinessId) -> anyhow::Result<String> {
    let row = sqlx::query("SELECT calendar_token FROM businesses WHERE id = $1")
        .bind(business_id)
        .fetch_one(&mut *conn)
        .await?;
    let existing: Option<String> = col(&row, "calendar_token")?;
    if let Some(t) = existing {
        return Ok(t);
    }
    let token = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    sqlx::query(
        "UPDATE businesses SET calendar_token = $1 WHERE id = $2 AND calendar_token IS NULL",
    )
    .bind(&token)
    .bind(business_id)
    .execute(&mut *conn)
    .await?;
    let row = sqlx::query("SELECT calendar_token FROM businesses WHERE id = $1")
        .bind(business_id)
        .fetch_one(&mut *conn)
        .await?;
    col(&row, "calendar_token")
}

/// The caller's booking worth mentioning when they call again: the next one to come, else the
/// latest of the last `recent_ms` (booked or moved, not cancelled). One query.
pub async fn near_for_contact(
    conn: &mut Conn,
    business_id: BusinessId,
    contact_id: ContactId,
    now_ms: i64,
    recent_ms: i64,
) -> anyhow::Result<Option<BookingRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM bookings WHERE business_id = $1 AND contact_id = $2 \
         AND status IN ('booked', 'rescheduled') AND start_at >= $4 \
         ORDER BY CASE WHEN start_at >= $3 THEN 0 ELSE 1 END, \
         CASE WHEN start_at >= $3 THEN start_at ELSE -start_at END LIMIT 1"
    );
    let row = sqlx::query(&sql)
        .bind(business_id)
        .bind(contact_id)
        .bind(now_ms)
        .bind(now_ms - recent_ms)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// The caller's bookings with this business (any status but expired holds), newest first.
pub async fn of_contact(
    conn: &mut Conn,
    business_id: BusinessId,
    contact_id: ContactId,
    limit: i64,
) -> anyhow::Result<Vec<BookingRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM bookings WHERE business_id = $1 AND contact_id = $2 \
         AND status IN ('booked', 'rescheduled', 'cancelled') ORDER BY start_at DESC LIMIT $3"
    );
    let rows = sqlx::query(&sql)
        .bind(business_id)
        .bind(contact_id)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(from_row).collect()
}

/// Mark a past booking (booked or moved, already begun) a no-show, once. `Ok(None)`: the booking
/// is not yet begun, cancelled, or already marked; [`super::Error::NotFound`]: the business has
/// no such booking.
pub async fn mark_no_show(
    conn: &mut Conn,
    business_id: BusinessId,
    id: BookingId,
    now_ms: i64,
) -> super::Result<Option<BookingRow>> {
    let sql = format!(
        "UPDATE bookings SET no_show_at = $3, updated_at = $3 WHERE business_id = $1 AND id = $2 \
         AND no_show_at IS NULL AND status IN ('booked', 'rescheduled') AND start_at <= $3 \
         RETURNING {COLUMNS}"
    );
    let row = sqlx::query(&sql)
        .bind(business_id)
        .bind(id)
        .bind(now_ms)
        .fetch_optional(&mut *conn)
        .await
        .doing("marking a no-show")?;
    match row {
        Some(row) => Ok(Some(from_row(&row)?)),
        // Nothing marked: say whether there is such a booking at all.
        None => get(conn, business_id, id).await.map(|_| None),
    }
}
