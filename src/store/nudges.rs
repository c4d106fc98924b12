//! Follow-up nudges: the text-backs still unanswered (derived from the calls rows each round),
//! and the record of the nudges sent, whose key (the call) makes each happen at most once.

use super::{col, BusinessId, CallId, Conn, ContactId, ConversationId, MessageId};
use anyhow::Context;

/// A text-back that may be nudged: the call, its caller and the thread the text-back went to.
#[derive(Debug, Clone)]
pub struct Unanswered {
    pub call_id: CallId,
    pub missed_at: i64,
    pub contact_id: ContactId,
    pub phone: String,
    pub conversation_id: ConversationId,
}

/// The business's calls missed in `[since, until]` whose text-back reached the provider and that
/// nothing has followed since: no later call from the number, no text from the caller, no staff
/// message or take-over in the thread (still open), the caller not opted out or known not to take
/// texts, and no nudge yet.
pub async fn unanswered(
    conn: &mut Conn,
    business_id: BusinessId,
    since_ms: i64,
    until_ms: i64,
) -> anyhow::Result<Vec<Unanswered>> {
    select(conn, business_id, since_ms, until_ms, None).await
}

/// Whether the call is still unanswered (checked again in the transaction that queues its nudge,
/// so a text or call that came in since the round read the calls is seen).
pub async fn still_unanswered(
    conn: &mut Conn,
    business_id: BusinessId,
    call_id: CallId,
) -> anyhow::Result<bool> {
    Ok(
        !select(conn, business_id, i64::MIN, i64::MAX, Some(call_id))
            .await?
            .is_empty(),
    )
}

async fn select(
    conn: &mut Conn,
    business_id: BusinessId,
    since_ms: i64,
    until_ms: i64,
    call_id: Option<CallId>,
) -> anyhow::Result<Vec<Unanswered>> {
    let rows = sqlx::query(
        "SELECT c.id AS call_id, c.missed_at, c.contact_id, k.phone, m.conversation_id \
         FROM calls c JOIN messages m ON m.id = c.message_id JOIN contacts k ON k.id = c.contact_id \
         JOIN conversations v ON v.id = m.conversation_id \
         WHERE c.business_id = $1 AND c.textback = 'queued' AND c.missed_at >= $2 AND c.missed_at <= $3 \
         AND m.sent_at IS NOT NULL AND k.opted_out_at IS NULL AND k.not_textable_at IS NULL \
         AND v.closed_at IS NULL AND v.taken_over_by IS NULL AND ($4 IS NULL OR c.id = $4) \
         AND NOT EXISTS (SELECT 1 FROM textback_nudges n WHERE n.call_id = c.id) \
         AND NOT EXISTS (SELECT 1 FROM calls l WHERE l.business_id = c.business_id AND l.id > c.id \
             AND (l.from_number = c.from_number OR l.contact_id = c.contact_id)) \
         AND NOT EXISTS (SELECT 1 FROM messages i WHERE i.contact_id = c.contact_id AND i.id > m.id \
             AND i.direction = 'inbound') \
         AND NOT EXISTS (SELECT 1 FROM messages s WHERE s.conversation_id = m.conversation_id \
             AND s.id > m.id AND s.author = 'staff') \
         ORDER BY c.missed_at, c.id",
    )
    .bind(business_id)
    .bind(since_ms)
    .bind(until_ms)
    .bind(call_id)
    .fetch_all(&mut *conn)
    .await
    .context("reading unanswered text-backs")?;
    rows.iter()
        .map(|r| {
            Ok(Unanswered {
                call_id: col(r, "call_id")?,
                missed_at: col(r, "missed_at")?,
                contact_id: col(r, "contact_id")?,
                phone: col(r, "phone")?,
                conversation_id: col(r, "conversation_id")?,
            })
        })
        .collect()
}

/// Record the call's nudge. False: it already was (another instance got there first); the caller
/// then rolls its transaction back.
pub async fn record(
    conn: &mut Conn,
    business_id: BusinessId,
    call_id: CallId,
    now_ms: i64,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO textback_nudges (business_id, call_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (call_id) DO NOTHING",
    )
    .bind(business_id)
    .bind(call_id)
    .bind(now_ms)
    .execute(&mut *conn)
    .await
    .context("recording a nudge")?;
    Ok(done.rows_affected() > 0)
}

/// Point a recorded nudge at the text that carries it (queued in the same transaction).
pub async fn set_message(
    conn: &mut Conn,
    call_id: CallId,
    message_id: MessageId,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE textback_nudges SET message_id = $1 WHERE call_id = $2")
        .bind(message_id)
        .bind(call_id)
        .execute(&mut *conn)
        .await
        .context("linking the nudge to its text")?;
    Ok(())
}
