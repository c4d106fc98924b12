//! Contacts: the people who call or text a business, with their opt-out and textable state.

use super::{col, BusinessId, Conn, ContactId, Doing, Found};
use anyhow::Context;

#[derive(Debug, Clone)]
pub struct Contact {
    pub id: ContactId,
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
    business_id: BusinessId,
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

/// The contact `id`; [`super::Error::NotFound`] when there is none (forgotten meanwhile).
pub async fn get(conn: &mut Conn, id: ContactId) -> super::Result<Contact> {
    let sql = format!("SELECT {COLUMNS} FROM contacts WHERE id = $1");
    let row = sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .doing("loading a contact")?
        .found("contact")?;
    Ok(from_row(&row)?)
}

pub async fn by_phone(
    conn: &mut Conn,
    business_id: BusinessId,
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
pub async fn set_opted_out(conn: &mut Conn, id: ContactId, at: Option<i64>) -> anyhow::Result<()> {
    sqlx::query("UPDATE contacts SET opted_out_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&mut *conn)
        .await
        .context("updating opt-out")?;
    Ok(())
}

/// Opt out by phone number across a business (provider error 21610 names only the number).
pub async fn opt_out_number(
    conn: &mut Conn,
    contact_id: ContactId,
    now_ms: i64,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE contacts SET opted_out_at = $1 WHERE id = $2 AND opted_out_at IS NULL")
        .bind(now_ms)
        .bind(contact_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn mark_not_textable(
    conn: &mut Conn,
    id: ContactId,
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

/// What Twilio Lookup said of this business's caller's line, and when; `None` if never asked.
pub async fn line_type(
    conn: &mut Conn,
    business_id: BusinessId,
    phone: &str,
) -> anyhow::Result<Option<(String, i64)>> {
    let row = sqlx::query(
        "SELECT line_type, line_type_at FROM contacts WHERE business_id = $1 AND phone = $2 \
         AND line_type IS NOT NULL AND line_type_at IS NOT NULL",
    )
    .bind(business_id)
    .bind(phone)
    .fetch_optional(&mut *conn)
    .await
    .context("reading a contact's line type")?;
    row.map(|r| Ok((col(&r, "line_type")?, col(&r, "line_type_at")?)))
        .transpose()
}

/// Keep Lookup's answer on the contact, so the number is not asked (and paid for) again.
pub async fn set_line_type(
    conn: &mut Conn,
    id: ContactId,
    line_type: &str,
    now_ms: i64,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE contacts SET line_type = $1, line_type_at = $2 WHERE id = $3")
        .bind(line_type)
        .bind(now_ms)
        .bind(id)
        .execute(&mut *conn)
        .await
        .context("keeping a contact's line type")?;
    Ok(())
}

/// What `forget` erased for one number.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Forgotten {
    /// Businesses the number was a caller of.
    pub contacts: usize,
    pub conversations: u64,
    /// The caller's texts, ours to them, and staff alerts that quoted the number.
    pub messages: u64,
    /// Bookings kept for the calendar, with name, number, address and notes erased.
    pub bookings: u64,
    /// Of those, bookings still to come (the time stays blocked until staff cancel it).
    pub upcoming_bookings: u64,
    pub calls: u64,
}

/// Erase what we hold about a caller, on their request: their texts and ours, the staff alerts
/// that quoted them, their conversations, questions and model-call records, the number on past
/// calls, and the personal details of their bookings (the times stay, so the calendar stays
/// right). Only the contact row stays, opted out, so they are never texted again. One
/// transaction: all of it or nothing.
pub async fn forget(
    tx: &mut Conn,
    phone: &str,
    business_id: Option<BusinessId>,
    now_ms: i64,
) -> anyhow::Result<Forgotten> {
    let mut out = Forgotten::default();
    let rows = match business_id {
        Some(b) => {
            sqlx::query(
                "SELECT id, business_id FROM contacts WHERE phone = $1 AND business_id = $2",
            )
            .bind(phone)
            .bind(b)
            .fetch_all(&mut *tx)
            .await
        }
        None => {
            sqlx::query("SELECT id, business_id FROM contacts WHERE phone = $1")
                .bind(phone)
                .fetch_all(&mut *tx)
                .await
        }
    }
    .context("finding the caller")?;
    let found: Vec<(ContactId, BusinessId)> = rows
        .iter()
        .map(|r| Ok((col(r, "id")?, col(r, "business_id")?)))
        .collect::<anyhow::Result<_>>()?;
    out.contacts = found.len();
    // A staff alert quotes the caller's number in its text ("Frontdesk: +1555... asked...").
    let quoted = format!("%{phone}%");
    for (contact, business) in found {
        let conversations = "SELECT id FROM conversations WHERE contact_id = $1";
        // Texts to send to them are dropped with the rest.
        // (Only staff alerts are searched for the number: another caller's own words that
        // mention it are theirs, not this caller's.)
        sqlx::query(
            "DELETE FROM outbox WHERE contact_id = $1 \
             OR (business_id = $2 AND message_id IN \
                 (SELECT id FROM messages WHERE business_id = $2 AND kind = 'staff_notify' AND body LIKE $3))",
        )
        .bind(contact)
        .bind(business)
        .bind(&quoted)
        .execute(&mut *tx)
        .await
        .context("erasing queued texts")?;
        // A nudge's record points at its message too: unlinked the same way (the record stays,
        // so no second nudge goes to a number that is no longer known).
        sqlx::query(
            "UPDATE textback_nudges SET message_id = NULL WHERE call_id IN \
             (SELECT id FROM calls WHERE contact_id = $1 OR (business_id = $2 AND from_number = $3))",
        )
        .bind(contact)
        .bind(business)
        .bind(phone)
        .execute(&mut *tx)
        .await
        .context("unlinking nudges from their messages")?;
        // Call-back tasks name the caller: they go (the calls stay, without the number).
        sqlx::query("DELETE FROM call_backs WHERE contact_id = $1")
            .bind(contact)
            .execute(&mut *tx)
            .await
            .context("erasing call-back tasks")?;
        // Calls point at their text-back message: the link goes before the message does.
        out.calls += sqlx::query(
            "UPDATE calls SET from_number = '', contact_id = NULL, message_id = NULL \
             WHERE contact_id = $1 OR (business_id = $2 AND from_number = $3)",
        )
        .bind(contact)
        .bind(business)
        .bind(phone)
        .execute(&mut *tx)
        .await
        .context("erasing the number from calls")?
        .rows_affected();
        out.messages += sqlx::query(
            "DELETE FROM messages WHERE contact_id = $1 \
             OR (business_id = $2 AND kind = 'staff_notify' AND body LIKE $3)",
        )
        .bind(contact)
        .bind(business)
        .bind(&quoted)
        .execute(&mut *tx)
        .await
        .context("erasing messages")?
        .rows_affected();
        for table in ["unanswered_questions", "llm_calls", "handoffs"] {
            sqlx::query(&format!(
                "DELETE FROM {table} WHERE conversation_id IN ({conversations})"
            ))
            .bind(contact)
            .execute(&mut *tx)
            .await
            .with_context(|| format!("erasing {table}"))?;
        }
        let upcoming = sqlx::query(
            "UPDATE bookings SET caller_name = NULL, caller_phone = NULL, address = NULL, \
             notes = NULL, contact_id = NULL, conversation_id = NULL, updated_at = $2 \
             WHERE (contact_id = $1 OR conversation_id IN (SELECT id FROM conversations WHERE contact_id = $1)) \
             AND status IN ('held', 'booked', 'rescheduled') AND end_at > $2",
        )
        .bind(contact)
        .bind(now_ms)
        .execute(&mut *tx)
        .await
        .context("erasing details of upcoming bookings")?
        .rows_affected();
        out.upcoming_bookings += upcoming;
        out.bookings += upcoming;
        out.bookings += sqlx::query(
            "UPDATE bookings SET caller_name = NULL, caller_phone = NULL, address = NULL, \
             notes = NULL, contact_id = NULL, conversation_id = NULL, updated_at = $2 \
             WHERE contact_id = $1 OR conversation_id IN (SELECT id FROM conversations WHERE contact_id = $1)",
        )
        .bind(contact)
        .bind(now_ms)
        .execute(&mut *tx)
        .await
        .context("erasing details of bookings")?
        .rows_affected();
        out.conversations += sqlx::query("DELETE FROM conversations WHERE contact_id = $1")
            .bind(contact)
            .execute(&mut *tx)
            .await
            .context("erasing conversations")?
            .rows_affected();
        sqlx::query(
            "UPDATE contacts SET name = NULL, line_type = NULL, line_type_at = NULL, \
             opted_out_at = COALESCE(opted_out_at, $2) WHERE id = $1",
        )
        .bind(contact)
        .bind(now_ms)
        .execute(&mut *tx)
        .await
        .context("keeping the opt-out")?;
    }
    Ok(out)
}
