//! Conversation threads between a business and a contact.

use super::businesses::{self, BusinessRecord};
use super::contacts::Contact;
use super::{col, BusinessId, Conn, ContactId, ConversationId, MessageId};
use crate::domain::State;
use anyhow::Context;

/// Threads a caller may open in an hour; past it, their latest thread is reopened.
pub const MAX_CONVERSATIONS_PER_HOUR: i64 = 5;

/// The open thread with this contact, created if there is none.
pub async fn open_for_contact(
    conn: &mut Conn,
    business_id: BusinessId,
    contact_id: ContactId,
    initial_state: State,
    now_ms: i64,
) -> anyhow::Result<ConversationId> {
    // The open thread, and (in case there is none) how many this caller opened in the last hour.
    let found = sqlx::query(
        "SELECT (SELECT id FROM conversations WHERE contact_id = $1 AND closed_at IS NULL ORDER BY id DESC LIMIT 1) AS open_id, \
                (SELECT COUNT(*) FROM conversations WHERE contact_id = $1 AND created_at > $2) AS n, \
                (SELECT MAX(id) FROM conversations WHERE contact_id = $1 AND created_at > $2) AS latest",
    )
    .bind(contact_id)
    .bind(now_ms - 3_600_000)
    .fetch_one(&mut *conn)
    .await
    .context("finding conversation")?;
    if let Some(id) = col::<Option<ConversationId>>(&found, "open_id")? {
        return Ok(id);
    }
    // A caller who keeps opening threads (texting again after each is resolved) gets their latest
    // thread back instead of yet another one.
    let n: i64 = col(&found, "n")?;
    if n >= MAX_CONVERSATIONS_PER_HOUR {
        let latest = col::<Option<ConversationId>>(&found, "latest")?.unwrap_or(ConversationId(0));
        sqlx::query("UPDATE conversations SET closed_at = NULL, updated_at = $1 WHERE id = $2")
            .bind(now_ms)
            .bind(latest)
            .execute(&mut *conn)
            .await
            .context("reopening conversation")?;
        tracing::info!(
            contact = contact_id.0,
            "conversation limit reached; the latest thread is reopened"
        );
        return Ok(latest);
    }
    let row = sqlx::query(
        "INSERT INTO conversations (business_id, contact_id, state, created_at, updated_at, last_message_at) \
         VALUES ($1, $2, $3, $4, $4, $4) RETURNING id",
    )
    .bind(business_id)
    .bind(contact_id)
    .bind(initial_state.as_str())
    .bind(now_ms)
    .fetch_one(&mut *conn)
    .await
    .context("creating conversation")?;
    col(&row, "id")
}

/// Note a new message in the thread; `awaiting_reply` marks that the caller wrote and is owed an answer.
pub async fn touch(
    conn: &mut Conn,
    id: ConversationId,
    now_ms: i64,
    awaiting_reply: bool,
) -> anyhow::Result<()> {
    let sql = if awaiting_reply {
        "UPDATE conversations SET last_message_at = $1, updated_at = $1, last_inbound_at = $1, \
         awaiting_reply_since = COALESCE(awaiting_reply_since, $1) WHERE id = $2"
    } else {
        "UPDATE conversations SET last_message_at = $1, updated_at = $1 WHERE id = $2"
    };
    sqlx::query(sql)
        .bind(now_ms)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn set_state(
    conn: &mut Conn,
    id: ConversationId,
    state: State,
    now_ms: i64,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE conversations SET state = $1, updated_at = $2 WHERE id = $3")
        .bind(state.as_str())
        .bind(now_ms)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Set a thread's state and details together (a booking cancelled outside a turn).
pub async fn set_state_and_details(
    conn: &mut Conn,
    business_id: BusinessId,
    id: ConversationId,
    state: State,
    details_json: &str,
    now_ms: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE conversations SET details_json = $1, state = $2, updated_at = $3 WHERE id = $4 AND business_id = $5",
    )
    .bind(details_json)
    .bind(state.as_str())
    .bind(now_ms)
    .bind(id)
    .bind(business_id)
    .execute(&mut *conn)
    .await
    .context("updating conversation")?;
    Ok(())
}

/// One model call, for the usage report.
pub struct LlmCall<'a> {
    pub business_id: BusinessId,
    pub conversation_id: ConversationId,
    pub model: &'a str,
    pub latency_ms: i64,
    pub prompt_tokens: Option<i64>,
    pub completion_tokens: Option<i64>,
    pub outcome: &'a str,
}

pub async fn record_llm_call(conn: &mut Conn, c: LlmCall<'_>, now_ms: i64) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO llm_calls (business_id, conversation_id, model, latency_ms, prompt_tokens, completion_tokens, outcome, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(c.business_id)
    .bind(c.conversation_id)
    .bind(c.model)
    .bind(c.latency_ms)
    .bind(c.prompt_tokens)
    .bind(c.completion_tokens)
    .bind(c.outcome)
    .bind(now_ms)
    .execute(&mut *conn)
    .await
    .context("recording LLM call")?;
    Ok(())
}

/// What a turn needs to know: the conversation, its business and contact, and how many replies
/// the AI sent in it recently. One query.
#[derive(Debug, Clone)]
pub struct TurnRow {
    pub id: ConversationId,
    pub state: State,
    pub details_json: Option<String>,
    /// Why the thread was last handed to a person, if it was.
    pub handoff_reason: Option<String>,
    pub last_handled_message_id: MessageId,
    pub business: BusinessRecord,
    pub contact: Contact,
    /// AI replies since the `ai_replies_since` given to [`load_for_turn`].
    pub ai_replies: i64,
}

pub async fn load_for_turn(
    conn: &mut Conn,
    id: ConversationId,
    ai_replies_since: i64,
) -> anyhow::Result<Option<TurnRow>> {
    let row = sqlx::query(
        "SELECT c.id, c.business_id, c.state, c.details_json, c.handoff_reason, c.last_handled_message_id, b.profile_json, \
                k.id AS contact_id, k.phone, k.opted_out_at, k.not_textable_at, k.not_textable_reason, \
                (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id AND m.author = 'ai' \
                 AND m.created_at >= $2) AS ai_replies \
         FROM conversations c JOIN businesses b ON b.id = c.business_id JOIN contacts k ON k.id = c.contact_id \
         WHERE c.id = $1",
    )
    .bind(id)
    .bind(ai_replies_since)
    .fetch_optional(&mut *conn)
    .await
    .context("loading conversation for a turn")?;
    let Some(r) = row else {
        return Ok(None);
    };
    Ok(Some(TurnRow {
        id: col(&r, "id")?,
        state: col::<String>(&r, "state")?.parse()?,
        details_json: col(&r, "details_json")?,
        handoff_reason: col(&r, "handoff_reason")?,
        last_handled_message_id: col(&r, "last_handled_message_id")?,
        business: businesses::parse_record(
            col(&r, "business_id")?,
            &col::<String>(&r, "profile_json")?,
        )?,
        contact: Contact {
            id: col(&r, "contact_id")?,
            phone: col(&r, "phone")?,
            opted_out_at: col(&r, "opted_out_at")?,
            not_textable_at: col(&r, "not_textable_at")?,
            not_textable_reason: col(&r, "not_textable_reason")?,
        },
        ai_replies: col(&r, "ai_replies")?,
    }))
}

/// Inbound texts not yet answered, oldest first: (id, body); with the caller's last message
/// before them, if any (one read).
pub async fn pending_inbound(
    conn: &mut Conn,
    id: ConversationId,
    after: MessageId,
) -> anyhow::Result<(Vec<(MessageId, String)>, Option<String>)> {
    let rows = sqlx::query(
        "SELECT id, body FROM messages WHERE conversation_id = $1 AND direction = 'inbound' \
         AND id >= COALESCE((SELECT MAX(id) FROM messages WHERE conversation_id = $1 \
         AND direction = 'inbound' AND id <= $2), 0) ORDER BY id",
    )
    .bind(id)
    .bind(after)
    .fetch_all(&mut *conn)
    .await?;
    let mut pending = Vec::with_capacity(rows.len());
    let mut earlier = None;
    for r in &rows {
        let (mid, body): (MessageId, String) = (col(r, "id")?, col(r, "body")?);
        if mid <= after {
            earlier = Some(body);
        } else {
            pending.push((mid, body));
        }
    }
    Ok((pending, earlier))
}

/// The last few messages of a conversation, oldest first: (author, body).
pub async fn recent_messages(
    conn: &mut Conn,
    id: ConversationId,
    limit: i64,
) -> anyhow::Result<Vec<(String, String)>> {
    let rows = sqlx::query(
        "SELECT author, body FROM messages WHERE conversation_id = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let mut out: Vec<(String, String)> = rows
        .iter()
        .map(|r| Ok((col(r, "author")?, col(r, "body")?)))
        .collect::<anyhow::Result<_>>()?;
    out.reverse();
    Ok(out)
}

/// A hand-off starts now, unless the thread is already with a person: one row in `handoffs`
/// (the funnel counts every hand-off, also a second one after the thread was handed back).
/// Called before the conversation row is marked handed off, in the same transaction.
/// `business_id`, when given, must own the thread (a dashboard request names both).
pub async fn record_handoff(
    conn: &mut Conn,
    id: ConversationId,
    business_id: Option<BusinessId>,
    now_ms: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO handoffs (business_id, conversation_id, at) \
         SELECT business_id, id, $2 FROM conversations WHERE id = $1 AND handed_off_at IS NULL \
         AND business_id = COALESCE($3, business_id) AND state <> $4",
    )
    .bind(id)
    .bind(now_ms)
    .bind(business_id)
    .bind(State::OptedOut.as_str())
    .execute(&mut *conn)
    .await
    .context("recording a hand-off")?;
    Ok(())
}

pub struct TurnResult<'a> {
    pub state: State,
    pub details_json: &'a str,
    pub handled_up_to: MessageId,
    pub handoff_reason: Option<&'a str>,
    /// The turn answered (its reply queued by `outbox::queue_reply`, or said on the call): the
    /// conversation's last message is now.
    pub replied: bool,
    /// The claim the turn ran under (its `turn_lease_until`), if a worker claimed it: the turn
    /// is written only while the claim is still its own.
    pub lease: Option<i64>,
}

/// A turn ran past its lease and another worker claimed the conversation meanwhile: the turn
/// must write nothing (the other one answers the same texts).
#[derive(Debug, thiserror::Error)]
#[error("the turn's lease ran out and another worker claimed the conversation")]
pub struct LeaseLost;

/// A conversation claimed for a turn: the turn's claim is `lease_until`, the value it set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claimed {
    pub id: ConversationId,
    pub lease_until: i64,
}

/// Record a finished turn and release the turn's lease. The conversation stays awaiting a reply
/// if texts arrived meanwhile: then this returns true (it is due again). A claimed turn whose
/// claim was taken over is [`LeaseLost`]: the caller rolls the whole turn back.
pub async fn finish_turn(
    conn: &mut Conn,
    id: ConversationId,
    t: TurnResult<'_>,
    now_ms: i64,
) -> anyhow::Result<bool> {
    if t.state == State::HumanOwned {
        record_handoff(conn, id, None, now_ms).await?;
    }
    let row = sqlx::query(
        "UPDATE conversations SET state = $1, details_json = $2, last_handled_message_id = $3, \
         handoff_reason = COALESCE($4, handoff_reason), updated_at = $5, turn_lease_until = NULL, \
         last_message_at = COALESCE($8, last_message_at), \
         handed_off_at = CASE WHEN $1 = $7 THEN COALESCE(handed_off_at, $5) ELSE handed_off_at END, \
         first_handed_off_at = CASE WHEN $1 = $7 THEN COALESCE(first_handed_off_at, $5) ELSE first_handed_off_at END, \
         awaiting_reply_since = CASE WHEN EXISTS (SELECT 1 FROM messages WHERE conversation_id = $6 \
             AND direction = 'inbound' AND id > $3) THEN awaiting_reply_since ELSE NULL END \
         WHERE id = $6 AND ($9 IS NULL OR turn_lease_until = $9) RETURNING awaiting_reply_since",
    )
    .bind(t.state.as_str())
    .bind(t.details_json)
    .bind(t.handled_up_to)
    .bind(t.handoff_reason)
    .bind(now_ms)
    .bind(id)
    .bind(State::HumanOwned.as_str())
    .bind(t.replied.then_some(now_ms))
    .bind(t.lease)
    .fetch_optional(&mut *conn)
    .await
    .context("finishing turn")?;
    Ok(match row {
        Some(r) => col::<Option<i64>>(&r, "awaiting_reply_since")?.is_some(),
        None if t.lease.is_some() => return Err(LeaseLost.into()),
        None => false,
    })
}

/// Claim conversations owed a reply whose caller has been quiet for a moment (or waited long
/// enough), so that one worker at a time answers each.
#[allow(clippy::too_many_arguments)]
pub async fn claim_due(
    store: &super::Store,
    now_ms: i64,
    quiet_ms: i64,
    max_wait_ms: i64,
    lease_ms: i64,
    limit: i64,
    instance: Option<&str>,
) -> anyhow::Result<Vec<Claimed>> {
    let mut conn = store.pool().acquire().await?;
    let due = Due {
        now_ms,
        quiet_ms,
        max_wait_ms,
    };
    claim_due_on(&mut conn, due, lease_ms, limit, instance).await
}

/// When a claim looks for conversations owed a reply.
#[derive(Debug, Clone, Copy)]
pub struct Due {
    pub now_ms: i64,
    /// A caller's texts are answered once they have been quiet this long...
    pub quiet_ms: i64,
    /// ...or have waited this long.
    pub max_wait_ms: i64,
}

/// [`claim_due`], then (unless the claim was full) [`next_due`], on one checkout. A `limit` of
/// 0 claims nothing and only reads the next due time.
pub async fn claim_due_then_next(
    store: &super::Store,
    due: Due,
    lease_ms: i64,
    limit: i64,
    instance: Option<&str>,
) -> anyhow::Result<super::Claim<Claimed>> {
    let mut conn = store.pool().acquire().await?;
    let ids = if limit > 0 {
        claim_due_on(&mut conn, due, lease_ms, limit, instance).await?
    } else {
        Vec::new()
    };
    let full = limit > 0 && ids.len() as i64 >= limit;
    let next_due = if full {
        None
    } else {
        next_due_on(&mut conn, due.now_ms, due.quiet_ms).await?
    };
    Ok(super::Claim {
        items: ids,
        full,
        next_due,
    })
}

async fn claim_due_on(
    conn: &mut Conn,
    due: Due,
    lease_ms: i64,
    limit: i64,
    instance: Option<&str>,
) -> anyhow::Result<Vec<Claimed>> {
    let lock = match super::Backend::of(conn) {
        super::Backend::Postgres => "FOR UPDATE SKIP LOCKED",
        super::Backend::Sqlite => "",
    };
    let sql = format!(
        "UPDATE conversations SET turn_lease_until = $1, turn_claimed_by = $6 WHERE id IN (SELECT id FROM conversations \
         WHERE awaiting_reply_since IS NOT NULL AND (last_inbound_at <= $2 OR awaiting_reply_since <= $3) \
         AND (turn_lease_until IS NULL OR turn_lease_until < $4) \
         ORDER BY awaiting_reply_since LIMIT $5 {lock}) \
         RETURNING id"
    );
    let lease_until = due.now_ms + lease_ms;
    let rows = sqlx::query(&sql)
        .bind(lease_until)
        .bind(due.now_ms - due.quiet_ms)
        .bind(due.now_ms - due.max_wait_ms)
        .bind(due.now_ms)
        .bind(limit)
        .bind(instance)
        .fetch_all(&mut *conn)
        .await
        .context("claiming conversations")?;
    rows.iter()
        .map(|r| {
            Ok(Claimed {
                id: col(r, "id")?,
                lease_until,
            })
        })
        .collect()
}

/// Keep a conversation whose turn failed from being claimed again before `until_ms`, if the
/// claim `lease` is still the failed turn's (another worker's claim is left alone).
pub async fn defer(
    conn: &mut Conn,
    id: ConversationId,
    lease: i64,
    until_ms: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE conversations SET turn_lease_until = $1 WHERE id = $2 AND turn_lease_until = $3",
    )
    .bind(until_ms)
    .bind(id)
    .bind(lease)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn release(conn: &mut Conn, id: ConversationId) -> anyhow::Result<()> {
    sqlx::query("UPDATE conversations SET turn_lease_until = NULL WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// When a conversation next falls due: its caller's quiet time ends, or a turn's lease runs out.
/// Conversations in a turn now are not counted: the worker running it claims again when done.
pub async fn next_due(
    store: &super::Store,
    now_ms: i64,
    quiet_ms: i64,
) -> anyhow::Result<Option<i64>> {
    let mut conn = store.pool().acquire().await?;
    next_due_on(&mut conn, now_ms, quiet_ms).await
}

async fn next_due_on(conn: &mut Conn, now_ms: i64, quiet_ms: i64) -> anyhow::Result<Option<i64>> {
    let row = sqlx::query(
        "SELECT (SELECT MIN(last_inbound_at) FROM conversations WHERE awaiting_reply_since IS NOT NULL \
                 AND (turn_lease_until IS NULL OR turn_lease_until < $1)) AS quiet, \
                (SELECT MIN(turn_lease_until) FROM conversations WHERE turn_lease_until >= $1 \
                 AND awaiting_reply_since IS NOT NULL) AS lease",
    )
    .bind(now_ms)
    .fetch_one(&mut *conn)
    .await?;
    let quiet: Option<i64> = col(&row, "quiet")?;
    let lease: Option<i64> = col(&row, "lease")?;
    Ok(quiet.map(|q| q + quiet_ms).into_iter().chain(lease).min())
}

pub async fn record_unanswered(
    conn: &mut Conn,
    business_id: BusinessId,
    conversation_id: ConversationId,
    question: &str,
    now_ms: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO unanswered_questions (business_id, conversation_id, question, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(business_id)
    .bind(conversation_id)
    .bind(question)
    .bind(now_ms)
    .execute(&mut *conn)
    .await
    .context("recording unanswered question")?;
    Ok(())
}

/// The conversation's state, locking its row until the transaction ends (PostgreSQL; SQLite
/// transactions are serialised anyway).
pub async fn lock_state(
    conn: &mut Conn,
    backend: super::Backend,
    id: ConversationId,
) -> anyhow::Result<State> {
    let sql = match backend {
        super::Backend::Postgres => "SELECT state FROM conversations WHERE id = $1 FOR UPDATE",
        super::Backend::Sqlite => "SELECT state FROM conversations WHERE id = $1",
    };
    let row = sqlx::query(sql)
        .bind(id)
        .fetch_one(&mut *conn)
        .await
        .context("locking conversation")?;
    col::<String>(&row, "state")?.parse()
}

/// The details of the contact's latest conversations, newest first (at most `limit`), for
/// what a caller told us before (their name).
pub async fn recent_details_of_contact(
    conn: &mut Conn,
    contact_id: ContactId,
    limit: i64,
) -> anyhow::Result<Vec<String>> {
    let rows = sqlx::query(
        "SELECT details_json FROM conversations WHERE contact_id = $1 AND details_json IS NOT NULL \
         ORDER BY id DESC LIMIT $2",
    )
    .bind(contact_id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await
    .context("reading a caller's earlier details")?;
    rows.iter().map(|r| super::col(r, "details_json")).collect()
}
