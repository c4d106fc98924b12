//! Appointment reminders: the bookings they are derived from, the record of those already sent
//! (whose key makes each happen at most once), the reminder a caller's text answers, and the
//! confirmations.

use super::bookings::{self, BookingRow};
use super::{col, BookingId, BusinessId, Conn, ContactId, ConversationId, MessageId};
use anyhow::Context;

/// Booked or moved bookings of the business starting in `(now, until]` that someone can be
/// texted about.
pub async fn upcoming(
    conn: &mut Conn,
    business_id: BusinessId,
    now_ms: i64,
    until_ms: i64,
) -> anyhow::Result<Vec<BookingRow>> {
    let sql = format!(
        "SELECT {} FROM bookings WHERE business_id = $1 AND status IN ('booked', 'rescheduled') \
         AND start_at > $2 AND start_at <= $3 AND (contact_id IS NOT NULL OR caller_phone IS NOT NULL) \
         ORDER BY start_at, id",
        bookings::COLUMNS
    );
    let rows = sqlx::query(&sql)
        .bind(business_id)
        .bind(now_ms)
        .bind(until_ms)
        .fetch_all(&mut *conn)
        .await
        .context("reading upcoming bookings")?;
    rows.iter().map(bookings::from_row).collect()
}

/// The reminders already decided for the business's bookings starting in `(now, until]`, as
/// (booking id, start, offset in minutes).
pub async fn decided(
    conn: &mut Conn,
    business_id: BusinessId,
    now_ms: i64,
    until_ms: i64,
) -> anyhow::Result<Vec<(BookingId, i64, i64)>> {
    let rows = sqlx::query(
        "SELECT booking_id, start_at, offset_minutes FROM booking_reminders WHERE business_id = $1 \
         AND start_at > $2 AND start_at <= $3",
    )
    .bind(business_id)
    .bind(now_ms)
    .bind(until_ms)
    .fetch_all(&mut *conn)
    .await
    .context("reading reminders sent")?;
    rows.iter()
        .map(|r| {
            Ok((
                col(r, "booking_id")?,
                col(r, "start_at")?,
                col(r, "offset_minutes")?,
            ))
        })
        .collect()
}

/// Record a reminder as decided (`sent` with its message, or `skipped`). False: it already was
/// (another instance got there first); the caller then rolls its transaction back.
#[allow(clippy::too_many_arguments)]
pub async fn record(
    conn: &mut Conn,
    business_id: BusinessId,
    booking_id: BookingId,
    start_at: i64,
    offset_minutes: i64,
    state: &str,
    message_id: Option<MessageId>,
    now_ms: i64,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO booking_reminders (business_id, booking_id, start_at, offset_minutes, state, message_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (booking_id, start_at, offset_minutes) DO NOTHING",
    )
    .bind(business_id)
    .bind(booking_id)
    .bind(start_at)
    .bind(offset_minutes)
    .bind(state)
    .bind(message_id)
    .bind(now_ms)
    .execute(&mut *conn)
    .await
    .context("recording a reminder")?;
    Ok(done.rows_affected() > 0)
}

/// Point a recorded reminder at the text that carries it (queued in the same transaction).
pub async fn set_message(
    conn: &mut Conn,
    booking_id: BookingId,
    start_at: i64,
    offset_minutes: i64,
    message_id: MessageId,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE booking_reminders SET message_id = $1 WHERE booking_id = $2 AND start_at = $3 AND offset_minutes = $4",
    )
    .bind(message_id)
    .bind(booking_id)
    .bind(start_at)
    .bind(offset_minutes)
    .execute(&mut *conn)
    .await
    .context("linking the reminder to its text")?;
    Ok(())
}

/// The booking a caller's text (`inbound_id`) answers: only when the last text we sent them
/// before it was a reminder, and its booking is still booked, at the time reminded of, and ahead.
pub async fn answered(
    conn: &mut Conn,
    contact_id: ContactId,
    inbound_id: MessageId,
    now_ms: i64,
) -> anyhow::Result<Option<BookingRow>> {
    let last = sqlx::query(
        "SELECT id, kind FROM messages WHERE contact_id = $1 AND direction = 'outbound' AND id < $2 \
         AND kind NOT IN ('voice', 'staff_notify') ORDER BY id DESC LIMIT 1",
    )
    .bind(contact_id)
    .bind(inbound_id)
    .fetch_optional(&mut *conn)
    .await
    .context("finding the last text sent")?;
    let Some(last) = last else { return Ok(None) };
    if col::<String>(&last, "kind")? != "reminder" {
        return Ok(None);
    }
    let message_id: MessageId = col(&last, "id")?;
    let cols = bookings::COLUMNS
        .split(", ")
        .map(|c| format!("k.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT {cols} FROM booking_reminders r JOIN bookings k ON k.id = r.booking_id \
         WHERE r.message_id = $1 AND k.status IN ('booked', 'rescheduled') AND k.start_at = r.start_at \
         AND k.start_at > $2"
    );
    let row = sqlx::query(&sql)
        .bind(message_id)
        .bind(now_ms)
        .fetch_optional(&mut *conn)
        .await
        .context("finding the reminded booking")?;
    row.as_ref().map(bookings::from_row).transpose()
}

/// The caller confirmed (C): noted on the booking (the first confirmation stands).
pub async fn confirm(conn: &mut Conn, booking_id: BookingId, now_ms: i64) -> anyhow::Result<()> {
    sqlx::query("UPDATE bookings SET confirmed_at = COALESCE(confirmed_at, $1) WHERE id = $2")
        .bind(now_ms)
        .bind(booking_id)
        .execute(&mut *conn)
        .await
        .context("confirming the booking")?;
    Ok(())
}

/// When the booking was confirmed, if it was.
pub async fn confirmed_at(conn: &mut Conn, booking_id: BookingId) -> anyhow::Result<Option<i64>> {
    let row = sqlx::query("SELECT confirmed_at FROM bookings WHERE id = $1")
        .bind(booking_id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(match row {
        Some(r) => col(&r, "confirmed_at")?,
        None => None,
    })
}

/// Give a thread opened for a reminder what the engine knows of a booked conversation (so R and
/// X reach its reschedule and cancel flows): only a thread that knows no booking yet.
pub async fn adopt_booking(
    conn: &mut Conn,
    conversation_id: ConversationId,
    booking: &BookingRow,
    now_ms: i64,
) -> anyhow::Result<()> {
    let row = sqlx::query("SELECT state, details_json FROM conversations WHERE id = $1")
        .bind(conversation_id)
        .fetch_one(&mut *conn)
        .await?;
    let state: String = col(&row, "state")?;
    let json: Option<String> = col(&row, "details_json")?;
    let mut details = crate::engine::details::Details::parse(json.as_deref());
    if details.booking_id.is_some() || state != crate::domain::State::Booked.as_str() {
        return Ok(());
    }
    details.booking_id = Some(booking.id);
    details.booked = Some(crate::calendar::Slot {
        start: booking.start_at,
        end: booking.end_at,
    });
    details.service = details.service.or(booking.service.clone());
    details.address = details.address.or(booking.address.clone());
    details.name = details.name.or(booking.caller_name.clone());
    sqlx::query("UPDATE conversations SET details_json = $1, updated_at = $2 WHERE id = $3")
        .bind(details.to_json())
        .bind(now_ms)
        .bind(conversation_id)
        .execute(&mut *conn)
        .await
        .context("noting the booking on the thread")?;
    Ok(())
}

/// The open thread of the booking when it is the contact's, else `None`.
pub async fn open_thread_of(
    conn: &mut Conn,
    conversation_id: ConversationId,
    contact_id: ContactId,
) -> anyhow::Result<Option<ConversationId>> {
    let row = sqlx::query(
        "SELECT id FROM conversations WHERE id = $1 AND contact_id = $2 AND closed_at IS NULL",
    )
    .bind(conversation_id)
    .bind(contact_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| col(&r, "id")).transpose()
}

/// A contact's number.
pub async fn phone_of_contact(
    conn: &mut Conn,
    contact_id: ContactId,
) -> anyhow::Result<Option<String>> {
    let row = sqlx::query("SELECT phone FROM contacts WHERE id = $1")
        .bind(contact_id)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|r| col(&r, "phone")).transpose()
}
