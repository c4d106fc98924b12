//! The transactional outbox: rows written with the change that caused a text, claimed by workers
//! under a lease, and finished exactly once (the attempt count fences out a worker whose lease ran
//! out while another took the row over).

use super::messages::{self, Author};
use super::{col, Backend, BusinessId, Conn, ContactId, ConversationId, MessageId, Store};
use anyhow::Context;

/// A text to send: its message in the thread and its outbox row are written together.
pub struct NewText<'a> {
    pub business_id: BusinessId,
    pub conversation_id: ConversationId,
    pub contact_id: ContactId,
    pub author: Author,
    pub author_name: Option<&'a str>,
    pub kind: super::messages::MessageKind,
    pub to: &'a str,
    pub from: &'a str,
    pub body: &'a str,
    pub now_ms: i64,
    /// Past this instant the text is pointless and is dropped instead of sent late.
    pub expires_at: Option<i64>,
    /// Not sent before this instant (a text that waits for the recipient's sending window). Until
    /// then it does not hold back later texts to the same number: an answer to a caller who
    /// just texted goes at once.
    pub not_before: Option<i64>,
}

/// Write an outbound text into its thread and the outbox, and note it on the conversation, inside
/// the caller's transaction. One statement on PostgreSQL; three on SQLite, where a statement is
/// a function call, not a round trip.
pub async fn queue_text(conn: &mut Conn, t: NewText<'_>) -> anyhow::Result<MessageId> {
    queue(conn, t, true).await
}

/// A turn's reply: as `queue_text`, but the conversation is noted by the turn's own
/// `conversations::finish_turn` (`TurnResult::replied`), one statement fewer on SQLite.
pub async fn queue_reply(conn: &mut Conn, t: NewText<'_>) -> anyhow::Result<MessageId> {
    queue(conn, t, false).await
}

async fn queue(conn: &mut Conn, t: NewText<'_>, note: bool) -> anyhow::Result<MessageId> {
    const MESSAGE: &str =
        "INSERT INTO messages (business_id, conversation_id, contact_id, direction, author, \
        author_name, kind, body, status, created_at, updated_at) \
        VALUES ($1, $2, $3, 'outbound', $4, $5, $6, $7, 'pending', $8, $8) RETURNING id";
    const OUTBOX_COLUMNS: &str = "INSERT INTO outbox (message_id, business_id, contact_id, to_number, \
        from_number, body, kind, state, attempts, next_attempt_at, expires_at, created_at, updated_at)";
    const TOUCH: &str =
        "UPDATE conversations SET last_message_at = $8, updated_at = $8 WHERE id = $2";
    let due = t.not_before.map_or(t.now_ms, |at| at.max(t.now_ms));
    if Backend::of(conn) == Backend::Postgres {
        let touch = if note {
            format!(", t AS ({TOUCH})")
        } else {
            String::new()
        };
        let sql = format!(
            "WITH m AS ({MESSAGE}), \
                  o AS ({OUTBOX_COLUMNS} SELECT id, $1, $3, $9, $10, $7, $6, 'pending', 0, $12, $11, $8, $8 \
                        FROM m RETURNING message_id){touch} \
             SELECT message_id AS id FROM o"
        );
        let row = bind_message(sqlx::query(&sql), &t)
            .bind(t.to)
            .bind(t.from)
            .bind(t.expires_at)
            .bind(due)
            .fetch_one(&mut *conn)
            .await
            .context("queueing outbound text")?;
        return col(&row, "id");
    }
    let row = bind_message(sqlx::query(MESSAGE), &t)
        .fetch_one(&mut *conn)
        .await
        .context("inserting outbound message")?;
    let message_id: MessageId = col(&row, "id")?;
    sqlx::query(&format!(
        "{OUTBOX_COLUMNS} VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $10, $9, $8, $8)"
    ))
    .bind(message_id)
    .bind(t.business_id)
    .bind(t.contact_id)
    .bind(t.to)
    .bind(t.from)
    .bind(t.body)
    .bind(t.kind.as_str())
    .bind(t.now_ms)
    .bind(t.expires_at)
    .bind(due)
    .execute(&mut *conn)
    .await
    .context("enqueueing outbound text")?;
    if note {
        sqlx::query("UPDATE conversations SET last_message_at = $1, updated_at = $1 WHERE id = $2")
            .bind(t.now_ms)
            .bind(t.conversation_id)
            .execute(&mut *conn)
            .await
            .context("noting the text on its conversation")?;
    }
    Ok(message_id)
}

/// Binds the message's fields as `$1`..`$8`, the numbering both backends' statements share.
fn bind_message<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    t: &NewText<'q>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    query
        .bind(t.business_id)
        .bind(t.conversation_id)
        .bind(t.contact_id)
        .bind(t.author.as_str())
        .bind(t.author_name)
        .bind(t.kind.as_str())
        .bind(t.body)
        .bind(t.now_ms)
}

#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: i64,
    pub message_id: MessageId,
    pub business_id: BusinessId,
    pub contact_id: ContactId,
    pub to: String,
    pub from: String,
    pub body: String,
    pub kind: super::messages::MessageKind,
    /// The fencing token: this claim's attempt number.
    pub attempts: i64,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    /// Set when an earlier attempt may have reached the provider: reconcile before sending.
    pub uncertain_since: Option<i64>,
    /// The recipient's state when the row was claimed, checked just before sending.
    pub opted_out: bool,
    pub not_textable: bool,
    /// The provider the sending number is on.
    pub provider: crate::domain::profile::ProviderKind,
}

/// Claim up to `limit` due rows: pending and due, in order, and (beyond `limit`, rarely) rows
/// whose worker's lease ran out. Only the head of each recipient's queue is claimable, so texts
/// to one number go out in the order they were written. Each part walks a partial index in claim
/// order and stops at its limit: the cost does not grow with the backlog.
pub async fn claim(
    store: &Store,
    now_ms: i64,
    lease_ms: i64,
    limit: i64,
) -> anyhow::Result<Vec<Claimed>> {
    claim_as(store, now_ms, lease_ms, limit, None).await
}

/// [`claim`] on behalf of a live instance: its claims are marked with its id, so that when its
/// heartbeat stops their leases can be ended at once (`instances::expire_dead`).
pub async fn claim_as(
    store: &Store,
    now_ms: i64,
    lease_ms: i64,
    limit: i64,
    instance: Option<&str>,
) -> anyhow::Result<Vec<Claimed>> {
    let mut conn = store.pool().acquire().await?;
    claim_on(&mut conn, now_ms, lease_ms, limit, instance).await
}

/// [`claim_as`], then (unless the claim was full) [`next_due`], on one checkout.
pub async fn claim_then_next(
    store: &Store,
    now_ms: i64,
    lease_ms: i64,
    limit: i64,
    instance: Option<&str>,
) -> anyhow::Result<super::Claim<Claimed>> {
    let mut conn = store.pool().acquire().await?;
    let rows = claim_on(&mut conn, now_ms, lease_ms, limit, instance).await?;
    let full = rows.len() as i64 >= limit;
    let next_due = if full {
        None
    } else {
        next_due_on(&mut conn, now_ms).await?
    };
    Ok(super::Claim {
        items: rows,
        full,
        next_due,
    })
}

async fn claim_on(
    conn: &mut Conn,
    now_ms: i64,
    lease_ms: i64,
    limit: i64,
    instance: Option<&str>,
) -> anyhow::Result<Vec<Claimed>> {
    let lock = match Backend::of(conn) {
        Backend::Postgres => "FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    // A text never tried and not yet due is waiting for the recipient's sending window
    // (`NewText::not_before`), not in line: it holds nothing back.
    let head_of_queue = "NOT EXISTS (SELECT 1 FROM outbox e WHERE e.to_number = o.to_number \
                         AND e.state IN ('pending', 'sending') AND e.id < o.id \
                         AND NOT (e.state = 'pending' AND e.attempts = 0 AND e.next_attempt_at > $2))";
    let sql = format!(
        "WITH expired AS (SELECT o.id FROM outbox o WHERE o.state = 'sending' AND o.lease_until < $2 \
                          AND {head_of_queue} ORDER BY o.lease_until LIMIT $3 {lock}), \
              due AS (SELECT o.id FROM outbox o WHERE o.state = 'pending' AND o.next_attempt_at <= $2 \
                      AND {head_of_queue} ORDER BY o.next_attempt_at, o.id LIMIT $3 {lock}) \
         UPDATE outbox SET state = 'sending', lease_until = $1, attempts = attempts + 1, \
         uncertain_since = in_flight_since, in_flight_since = $2, updated_at = $2, claimed_by = $4 \
         WHERE id IN (SELECT id FROM expired UNION ALL SELECT id FROM due) \
         RETURNING id, message_id, business_id, contact_id, to_number, from_number, body, kind, attempts, \
                   created_at, expires_at, uncertain_since, \
                   (SELECT c.opted_out_at FROM contacts c WHERE c.id = contact_id) AS opted_out_at, \
                   (SELECT c.not_textable_at FROM contacts c WHERE c.id = contact_id) AS not_textable_at, \
                   (SELECT n.provider FROM business_numbers n WHERE n.number = from_number) AS provider"
    );
    let rows = sqlx::query(&sql)
        .bind(now_ms + lease_ms)
        .bind(now_ms)
        .bind(limit)
        .bind(instance)
        .fetch_all(&mut *conn)
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
                kind: {
                    let k: String = col(r, "kind")?;
                    super::messages::MessageKind::parse(&k)
                        .with_context(|| format!("outbox row of unknown kind {k:?}"))?
                },
                attempts: col(r, "attempts")?,
                created_at: col(r, "created_at")?,
                expires_at: col(r, "expires_at")?,
                uncertain_since: col(r, "uncertain_since")?,
                opted_out: col::<Option<i64>>(r, "opted_out_at")?.is_some(),
                not_textable: col::<Option<i64>>(r, "not_textable_at")?.is_some(),
                provider: crate::domain::profile::ProviderKind::parse(
                    col::<Option<String>>(r, "provider")?
                        .as_deref()
                        .unwrap_or(""),
                ),
            })
        })
        .collect::<anyhow::Result<_>>()?;
    out.sort_by_key(|c| c.id);
    Ok(out)
}

/// Marks the claimed row `$4` sent, if this claim (attempt `$5`) still owns it.
const MARK_SENT: &str =
    "UPDATE outbox SET state = 'sent', lease_until = NULL, in_flight_since = NULL, \
    last_error = NULL, updated_at = $2 WHERE id = $4 AND attempts = $5 AND state = 'sending'";

/// A row finished by [`finish_sent`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finished {
    /// More texts to the same number wait behind this one (claimable now).
    pub queued_behind: bool,
}

/// The provider accepted the text: mark the row sent and record the SID and status on its
/// message, atomically (one statement on PostgreSQL, one transaction of two on SQLite). `None`: the row
/// is not ours any more (another worker took it over after our lease ran out; it reconciles by SID).
pub async fn finish_sent(
    store: &Store,
    item: &Claimed,
    sid: &str,
    provider_status: &str,
    now_ms: i64,
) -> anyhow::Result<Option<Finished>> {
    let message = messages::sent_assignments(provider_status);
    if store.backend() == Backend::Postgres {
        let sql = format!(
            "WITH o AS ({MARK_SENT} RETURNING message_id) \
             UPDATE messages SET {message} WHERE id IN (SELECT message_id FROM o) \
             RETURNING {QUEUED_BEHIND} AS queued_behind"
        );
        let row = mark_sent(&sql, item, sid, provider_status, now_ms)
            .fetch_optional(store.pool())
            .await
            .context("recording the sent text")?;
        return row
            .map(|r| {
                Ok(Finished {
                    queued_behind: col::<i64>(&r, "queued_behind")? > 0,
                })
            })
            .transpose();
    }
    let mut tx = store.begin().await?;
    let finished = record_sent(&mut tx, item, sid, provider_status, now_ms).await?;
    tx.commit().await?;
    Ok(finished)
}

/// A statement built on [`MARK_SENT`], with its parameters bound in its order.
fn mark_sent<'q>(
    sql: &'q str,
    item: &'q Claimed,
    sid: &'q str,
    provider_status: &'q str,
    now_ms: i64,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    sqlx::query(sql)
        .bind(sid)
        .bind(now_ms)
        .bind(provider_status)
        .bind(item.id)
        .bind(item.attempts)
        .bind(&item.to)
}

/// [`finish_sent`]'s writes on SQLite, inside the caller's transaction (a batch of them is
/// committed together by `jobs::sent_commit`). `None`: the row is not ours any more, and
/// nothing was changed.
pub async fn record_sent(
    conn: &mut Conn,
    item: &Claimed,
    sid: &str,
    provider_status: &str,
    now_ms: i64,
) -> anyhow::Result<Option<Finished>> {
    // Numbered as in the PostgreSQL statement; parameters a statement does not mention are
    // unused. Whether a text waits behind this one comes back with the row.
    let sql = format!("{MARK_SENT} RETURNING {QUEUED_BEHIND} AS queued_behind");
    let row = mark_sent(&sql, item, sid, provider_status, now_ms)
        .fetch_optional(&mut *conn)
        .await
        .context("marking outbox row sent")?;
    let Some(row) = row else {
        return Ok(None);
    };
    let message = messages::sent_assignments(provider_status);
    sqlx::query(&format!("UPDATE messages SET {message} WHERE id = $4"))
        .bind(sid)
        .bind(now_ms)
        .bind(provider_status)
        .bind(item.message_id)
        .execute(&mut *conn)
        .await
        .context("recording the sent text")?;
    Ok(Some(Finished {
        queued_behind: col::<i64>(&row, "queued_behind")? > 0,
    }))
}

/// 1 if a text to the number `$6` waits to be sent (it may have waited for the one just sent),
/// else 0 (a count, which both backends return as a BIGINT).
const QUEUED_BEHIND: &str = "(SELECT COUNT(*) FROM (SELECT 1 FROM outbox q \
    WHERE q.to_number = $6 AND q.state = 'pending' LIMIT 1) AS x)";

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

/// When a row next falls due after `now_ms`: a retry's time, or an in-flight row's lease end.
/// Rows already due but queued behind a text in flight are not counted: the worker sending that
/// text claims again when it is done.
pub async fn next_due(store: &Store, now_ms: i64) -> anyhow::Result<Option<i64>> {
    let mut conn = store.pool().acquire().await?;
    next_due_on(&mut conn, now_ms).await
}

async fn next_due_on(conn: &mut Conn, now_ms: i64) -> anyhow::Result<Option<i64>> {
    let row = sqlx::query(
        "SELECT (SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'pending' AND next_attempt_at > $1) AS retry, \
                (SELECT MIN(lease_until) FROM outbox WHERE state = 'sending') AS lease",
    )
    .bind(now_ms)
    .fetch_one(&mut *conn)
    .await?;
    let retry: Option<i64> = col(&row, "retry")?;
    let lease: Option<i64> = col(&row, "lease")?;
    Ok(retry.into_iter().chain(lease).min())
}
