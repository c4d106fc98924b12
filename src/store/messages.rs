//! Messages: every text in or out, who wrote it, and (outbound) how far it got.

use super::{col, BusinessId, Conn, ContactId, ConversationId, Doing, Found, MessageId};
use anyhow::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author {
    Caller,
    Ai,
    Staff,
    System,
}

impl Author {
    pub fn as_str(self) -> &'static str {
        match self {
            Author::Caller => "caller",
            Author::Ai => "ai",
            Author::Staff => "staff",
            Author::System => "system",
        }
    }
}

/// What a message is, as stored in `messages.kind` and `outbox.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// A caller's text.
    Inbound,
    /// The text sent back after a missed call.
    Textback,
    /// The receptionist's answer.
    Reply,
    /// A member of staff's answer from the dashboard.
    StaffReply,
    /// An alert to the business's own numbers (hand-off, booking receipt).
    StaffNotify,
    OptoutConfirm,
    OptinConfirm,
    Help,
    /// A line said on a live call (never texted).
    Voice,
    /// The one text confirming a booking made on a call.
    VoiceConfirmation,
    /// The one text picking up a call that ended unfinished.
    VoicePickup,
    /// An appointment reminder (`jobs::reminders`).
    Reminder,
    /// The answer to a caller who confirmed a reminder with C.
    ReminderConfirm,
    /// The one follow-up to a caller who did not answer their text-back (`jobs::nudges`).
    Nudge,
    /// The one text to a caller marked a no-show, offering to rebook.
    NoShow,
}

impl MessageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::Inbound => "inbound",
            MessageKind::Textback => "textback",
            MessageKind::Reply => "reply",
            MessageKind::StaffReply => "staff_reply",
            MessageKind::StaffNotify => "staff_notify",
            MessageKind::OptoutConfirm => "optout_confirm",
            MessageKind::OptinConfirm => "optin_confirm",
            MessageKind::Help => "help",
            MessageKind::Voice => "voice",
            MessageKind::VoiceConfirmation => "voice_confirmation",
            MessageKind::VoicePickup => "voice_pickup",
            MessageKind::Reminder => "reminder",
            MessageKind::ReminderConfirm => "reminder_confirm",
            MessageKind::Nudge => "nudge",
            MessageKind::NoShow => "no_show",
        }
    }

    /// As stored; `None` for a kind this build does not know.
    pub fn parse(s: &str) -> Option<Self> {
        [
            MessageKind::Inbound,
            MessageKind::Textback,
            MessageKind::Reply,
            MessageKind::StaffReply,
            MessageKind::StaffNotify,
            MessageKind::OptoutConfirm,
            MessageKind::OptinConfirm,
            MessageKind::Help,
            MessageKind::Voice,
            MessageKind::VoiceConfirmation,
            MessageKind::VoicePickup,
            MessageKind::Reminder,
            MessageKind::ReminderConfirm,
            MessageKind::Nudge,
            MessageKind::NoShow,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    /// Sent even to a caller who has opted out: the confirmation of the opt-out, and HELP.
    pub fn allowed_after_opt_out(self) -> bool {
        matches!(self, MessageKind::OptoutConfirm | MessageKind::Help)
    }
}

impl std::fmt::Display for MessageKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How far along a status is; a message's status only moves to a higher rank.
pub fn status_rank(status: &str) -> u8 {
    match status {
        "pending" => 0,
        "accepted" | "scheduled" | "queued" => 1,
        "sending" => 2,
        "sent" => 3,
        "partially_delivered" => 4,
        "delivered" | "undelivered" | "failed" | "canceled" | "dropped" => 5,
        "read" => 6,
        _ => 0,
    }
}

const ALL_STATUSES: &[&str] = &[
    "pending",
    "accepted",
    "scheduled",
    "queued",
    "sending",
    "sent",
    "partially_delivered",
    "delivered",
    "undelivered",
    "failed",
    "canceled",
    "dropped",
    "read",
];

/// Store an inbound text; `None` when this provider SID was stored already (a webhook retry).
pub async fn insert_inbound(
    conn: &mut Conn,
    business_id: BusinessId,
    conversation_id: ConversationId,
    contact_id: ContactId,
    body: &str,
    provider_sid: &str,
    now_ms: i64,
) -> anyhow::Result<Option<MessageId>> {
    let row = sqlx::query(
        "INSERT INTO messages (business_id, conversation_id, contact_id, direction, author, kind, body, \
         provider_sid, status, created_at, updated_at) \
         VALUES ($1, $2, $3, 'inbound', 'caller', 'inbound', $4, $5, 'received', $6, $6) \
         ON CONFLICT (provider_sid) DO NOTHING RETURNING id",
    )
    .bind(business_id)
    .bind(conversation_id)
    .bind(contact_id)
    .bind(body)
    .bind(provider_sid)
    .bind(now_ms)
    .fetch_optional(&mut *conn)
    .await
    .context("inserting inbound message")?;
    row.map(|r| col(&r, "id")).transpose()
}

/// A line of a live call, as heard (the caller) or said (the receptionist, or a greeting): kind
/// `voice`, already delivered, never sent as a text. `key` makes a repeated line a no-op.
#[allow(clippy::too_many_arguments)]
pub async fn insert_spoken(
    conn: &mut Conn,
    business_id: BusinessId,
    conversation_id: ConversationId,
    contact_id: ContactId,
    author: Author,
    body: &str,
    key: Option<&str>,
    now_ms: i64,
) -> anyhow::Result<Option<MessageId>> {
    let direction = if author == Author::Caller {
        "inbound"
    } else {
        "outbound"
    };
    let row = sqlx::query(
        "INSERT INTO messages (business_id, conversation_id, contact_id, direction, author, kind, body, \
         provider_sid, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'voice', $6, $7, 'delivered', $8, $8) \
         ON CONFLICT (provider_sid) DO NOTHING RETURNING id",
    )
    .bind(business_id)
    .bind(conversation_id)
    .bind(contact_id)
    .bind(direction)
    .bind(author.as_str())
    .bind(body)
    .bind(key)
    .bind(now_ms)
    .fetch_optional(&mut *conn)
    .await
    .context("inserting a line of a call")?;
    row.map(|r| col(&r, "id")).transpose()
}

/// Has the caller texted (or spoken on a call) since `after`, a text of ours, was queued?
pub async fn caller_since(
    store: &super::Store,
    contact_id: ContactId,
    after: MessageId,
) -> anyhow::Result<bool> {
    let row = sqlx::query(
        "SELECT 1 AS one FROM messages WHERE contact_id = $1 AND direction = 'inbound' AND id > $2 \
         LIMIT 1",
    )
    .bind(contact_id)
    .bind(after)
    .fetch_optional(store.pool())
    .await
    .context("looking for the caller's words since a text was queued")?;
    Ok(row.is_some())
}

/// How many things the caller has said on this call.
pub async fn caller_lines(conn: &mut Conn, call_sid: &str) -> anyhow::Result<i64> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM messages WHERE kind = 'voice' AND author = 'caller' AND provider_sid LIKE $1",
    )
    .bind(format!("{call_sid}#%"))
    .fetch_one(&mut *conn)
    .await
    .context("counting the lines of a call")?;
    col(&row, "n")
}

/// The receptionist's last line on a call in this thread.
pub async fn last_spoken_by_ai(
    conn: &mut Conn,
    conversation_id: ConversationId,
) -> anyhow::Result<Option<MessageId>> {
    let row = sqlx::query(
        "SELECT MAX(id) AS id FROM messages WHERE conversation_id = $1 AND kind = 'voice' AND author = 'ai'",
    )
    .bind(conversation_id)
    .fetch_one(&mut *conn)
    .await
    .context("reading the last line of a call")?;
    col(&row, "id")
}

/// What the caller actually heard of a reply they talked over.
pub async fn cut_spoken(
    conn: &mut Conn,
    id: MessageId,
    heard: &str,
    now_ms: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE messages SET body = $1, status = 'interrupted', updated_at = $2 WHERE id = $3 AND kind = 'voice'",
    )
    .bind(heard)
    .bind(now_ms)
    .bind(id)
    .execute(&mut *conn)
    .await
    .context("recording an interrupted reply")?;
    Ok(())
}

pub async fn exists_by_sid(conn: &mut Conn, provider_sid: &str) -> anyhow::Result<bool> {
    let row = sqlx::query("SELECT id FROM messages WHERE provider_sid = $1")
        .bind(provider_sid)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.is_some())
}

/// The statuses a message may move forward from to `status`, as a quoted SQL list ("" if none).
fn statuses_below(status: &str) -> String {
    let rank = status_rank(status);
    ALL_STATUSES
        .iter()
        .filter(|s| status_rank(s) < rank)
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What recording a sent text sets on its message: the provider's SID ($1), when it went out
/// ($2) and its status ($3, moved forward only).
pub fn sent_assignments(status: &str) -> String {
    let lower = statuses_below(status);
    let advance = if lower.is_empty() {
        "status".to_string()
    } else {
        format!("CASE WHEN status IN ({lower}) THEN $3 ELSE status END")
    };
    format!(
        "provider_sid = COALESCE(provider_sid, $1), sent_at = COALESCE(sent_at, $2), status = {advance}, updated_at = $2"
    )
}

/// Move a message's status forward (never back). Returns whether a row changed.
pub async fn advance_status(
    conn: &mut Conn,
    key: MessageKey<'_>,
    status: &str,
    error_code: Option<&str>,
    now_ms: i64,
) -> anyhow::Result<bool> {
    let lower = statuses_below(status);
    if lower.is_empty() {
        return Ok(false);
    }
    let (filter, key_value): (&str, KeyValue) = match key {
        MessageKey::Sid(sid) => ("provider_sid = $4", KeyValue::Text(sid)),
        MessageKey::Id(id) => ("id = $4", KeyValue::Id(id)),
    };
    let sql = format!(
        "UPDATE messages SET status = $1, error_code = COALESCE($2, error_code), updated_at = $3 \
         WHERE {filter} AND status IN ({})",
        lower
    );
    let query = sqlx::query(&sql).bind(status).bind(error_code).bind(now_ms);
    let query = match key_value {
        KeyValue::Text(s) => query.bind(s),
        KeyValue::Id(id) => query.bind(id),
    };
    let done = query
        .execute(&mut *conn)
        .await
        .context("advancing message status")?;
    Ok(done.rows_affected() > 0)
}

#[derive(Debug, Clone, Copy)]
pub enum MessageKey<'a> {
    Sid(&'a str),
    Id(MessageId),
}

enum KeyValue<'a> {
    Text(&'a str),
    Id(MessageId),
}

/// Record the provider's SID for a message the provider accepted.
pub async fn set_provider_sid(
    conn: &mut Conn,
    id: MessageId,
    sid: &str,
    now_ms: i64,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE messages SET provider_sid = $1, updated_at = $2 WHERE id = $3 AND provider_sid IS NULL")
        .bind(sid)
        .bind(now_ms)
        .bind(id)
        .execute(&mut *conn)
        .await
        .context("recording provider sid")?;
    Ok(())
}

/// When the last text-back to this contact went out (or is on its way), if any.
pub async fn last_textback_at(
    conn: &mut Conn,
    contact_id: ContactId,
) -> anyhow::Result<Option<i64>> {
    let row = sqlx::query(
        "SELECT MAX(created_at) AS at FROM messages WHERE contact_id = $1 AND kind = 'textback' \
         AND status NOT IN ('failed', 'dropped', 'undelivered', 'canceled')",
    )
    .bind(contact_id)
    .fetch_one(&mut *conn)
    .await
    .context("finding last text-back")?;
    col(&row, "at")
}

/// A message's id and contact, by id or provider SID; [`super::Error::NotFound`] for a message
/// we never sent.
pub async fn ids_of(conn: &mut Conn, key: MessageKey<'_>) -> super::Result<(MessageId, ContactId)> {
    let query = match key {
        MessageKey::Sid(sid) => {
            sqlx::query("SELECT id, contact_id FROM messages WHERE provider_sid = $1").bind(sid)
        }
        MessageKey::Id(id) => {
            sqlx::query("SELECT id, contact_id FROM messages WHERE id = $1").bind(id)
        }
    };
    let row = query
        .fetch_optional(&mut *conn)
        .await
        .doing("looking up a message")?
        .found("message")?;
    Ok((col(&row, "id")?, col(&row, "contact_id")?))
}
