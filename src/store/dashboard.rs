//! Read models and staff actions for the dashboard. Every query takes the business id, so a
//! foreign id simply finds nothing.

use super::{
    col, BusinessId, Conn, ContactId, ConversationId, Doing, Found, MessageId, Store, UserId,
};
use crate::domain::State;
use anyhow::Context;
use serde::Serialize;

/// Inbox filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    All,
    NeedsHuman,
    Ai,
    Booked,
    OptedOut,
    Resolved,
}

impl Filter {
    pub fn parse(s: Option<&str>) -> Filter {
        match s.unwrap_or("") {
            "human" => Filter::NeedsHuman,
            "ai" => Filter::Ai,
            "booked" => Filter::Booked,
            "opted_out" => Filter::OptedOut,
            "resolved" => Filter::Resolved,
            _ => Filter::All,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::NeedsHuman => "human",
            Filter::Ai => "ai",
            Filter::Booked => "booked",
            Filter::OptedOut => "opted_out",
            Filter::Resolved => "resolved",
        }
    }
    /// The filter as SQL; the state names come from [`State`], never typed here.
    fn sql(self) -> String {
        use State::{Booked, Closed, HumanOwned, OptedOut};
        match self {
            Filter::All => String::new(),
            Filter::NeedsHuman => format!(
                " AND c.state = '{HumanOwned}' AND c.closed_at IS NULL AND k.opted_out_at IS NULL"
            ),
            Filter::Ai => format!(
                " AND c.state NOT IN ('{HumanOwned}', '{OptedOut}', '{Booked}', '{Closed}') \
                 AND c.closed_at IS NULL AND k.opted_out_at IS NULL"
            ),
            Filter::Booked => format!(" AND c.state = '{Booked}'"),
            Filter::OptedOut => {
                format!(" AND (k.opted_out_at IS NOT NULL OR c.state = '{OptedOut}')")
            }
            Filter::Resolved => " AND c.closed_at IS NOT NULL".to_string(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct InboxRow {
    pub id: ConversationId,
    pub phone: String,
    pub name: Option<String>,
    pub state: State,
    pub handoff_reason: Option<String>,
    pub handed_off_at: Option<i64>,
    pub taken_over_by: Option<String>,
    pub opted_out: bool,
    pub closed: bool,
    pub last_message_at: i64,
    pub last_body: Option<String>,
    pub last_author: Option<String>,
    /// The caller's own last words (their last inbound text).
    pub last_caller_body: Option<String>,
    /// A person of the business has replied since the hand-off.
    pub staff_replied: bool,
    /// For escalated threads: since the hand-off until a person answers, then since the caller's
    /// first text after the last staff reply.
    pub waiting_since: Option<i64>,
}

const HEAD: &str = "SELECT c.id, k.phone, k.name, c.state, c.handoff_reason, c.handed_off_at, u.name AS taken_over_by, \
    k.opted_out_at, c.closed_at, c.last_message_at, c.details_json, \
    (SELECT m.body FROM messages m WHERE m.conversation_id = c.id ORDER BY m.id DESC LIMIT 1) AS last_body, \
    (SELECT m.author FROM messages m WHERE m.conversation_id = c.id ORDER BY m.id DESC LIMIT 1) AS last_author, \
    (SELECT m.body FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound' ORDER BY m.id DESC LIMIT 1) AS last_caller_body, \
    CAST(CASE WHEN EXISTS (SELECT 1 FROM messages s WHERE s.conversation_id = c.id AND s.author = 'staff' \
        AND s.created_at >= c.handed_off_at) THEN 1 ELSE 0 END AS BIGINT) AS staff_replied, \
    CASE WHEN NOT EXISTS (SELECT 1 FROM messages s WHERE s.conversation_id = c.id AND s.author = 'staff' \
        AND s.created_at >= c.handed_off_at) THEN c.handed_off_at \
      ELSE (SELECT MIN(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound' \
        AND m.id > (SELECT MAX(s.id) FROM messages s WHERE s.conversation_id = c.id AND s.author = 'staff')) \
      END AS waiting_since \
    FROM conversations c JOIN contacts k ON k.id = c.contact_id LEFT JOIN users u ON u.id = c.taken_over_by";

fn inbox_row(r: &sqlx::any::AnyRow) -> anyhow::Result<InboxRow> {
    Ok(InboxRow {
        id: col(r, "id")?,
        phone: col(r, "phone")?,
        name: col(r, "name")?,
        state: col::<String>(r, "state")?.parse()?,
        handoff_reason: col(r, "handoff_reason")?,
        handed_off_at: col(r, "handed_off_at")?,
        taken_over_by: col(r, "taken_over_by")?,
        opted_out: col::<Option<i64>>(r, "opted_out_at")?.is_some(),
        closed: col::<Option<i64>>(r, "closed_at")?.is_some(),
        last_message_at: col(r, "last_message_at")?,
        last_body: col(r, "last_body")?,
        last_author: col(r, "last_author")?,
        last_caller_body: col(r, "last_caller_body")?,
        staff_replied: col::<i64>(r, "staff_replied")? != 0,
        waiting_since: col(r, "waiting_since")?,
    })
}

/// Conversations of the business, newest first. Staff notification threads are left out.
pub async fn inbox(
    store: &Store,
    business_id: BusinessId,
    filter: Filter,
    limit: i64,
) -> anyhow::Result<Vec<InboxRow>> {
    let sql = format!(
        "{HEAD} WHERE c.business_id = $1 AND EXISTS (SELECT 1 FROM messages x WHERE x.conversation_id = c.id \
         AND x.kind <> 'staff_notify'){} ORDER BY c.last_message_at DESC, c.id DESC LIMIT $2",
        filter.sql()
    );
    let rows = sqlx::query(&sql)
        .bind(business_id)
        .bind(limit)
        .fetch_all(store.pool())
        .await
        .context("listing conversations")?;
    rows.iter().map(inbox_row).collect()
}

pub struct ThreadHead {
    pub row: InboxRow,
    pub contact_id: ContactId,
    pub details_json: Option<String>,
}

/// The business's conversation `id`; [`super::Error::NotFound`] for another business's.
pub async fn thread_head(
    conn: &mut Conn,
    business_id: BusinessId,
    id: ConversationId,
) -> super::Result<ThreadHead> {
    let sql = format!("{HEAD} WHERE c.business_id = $1 AND c.id = $2");
    let r = sqlx::query(&sql)
        .bind(business_id)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .doing("loading conversation")?
        .found("conversation")?;
    let contact = sqlx::query("SELECT contact_id FROM conversations WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await
        .doing("loading the conversation's contact")?;
    Ok(ThreadHead {
        row: inbox_row(&r)?,
        contact_id: col(&contact, "contact_id")?,
        details_json: col(&r, "details_json")?,
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct MessageRow {
    pub id: MessageId,
    pub direction: String,
    pub author: String,
    pub author_name: Option<String>,
    pub kind: String,
    pub body: String,
    pub status: String,
    pub error_code: Option<String>,
    pub created_at: i64,
}

pub async fn messages(
    conn: &mut Conn,
    business_id: BusinessId,
    conversation_id: ConversationId,
) -> anyhow::Result<Vec<MessageRow>> {
    let rows = sqlx::query(
        "SELECT id, direction, author, author_name, kind, body, status, error_code, created_at FROM messages \
         WHERE business_id = $1 AND conversation_id = $2 ORDER BY id",
    )
    .bind(business_id)
    .bind(conversation_id)
    .fetch_all(&mut *conn)
    .await
    .context("loading messages")?;
    rows.iter()
        .map(|r| {
            Ok(MessageRow {
                id: col(r, "id")?,
                direction: col(r, "direction")?,
                author: col(r, "author")?,
                author_name: col(r, "author_name")?,
                kind: col(r, "kind")?,
                body: col(r, "body")?,
                status: col(r, "status")?,
                error_code: col(r, "error_code")?,
                created_at: col(r, "created_at")?,
            })
        })
        .collect()
}

/// Staff take the thread: the AI goes silent. Returns false when there is no such thread.
pub async fn take_over(
    conn: &mut Conn,
    business_id: BusinessId,
    id: ConversationId,
    user_id: UserId,
    to: State,
    now_ms: i64,
) -> anyhow::Result<bool> {
    if to == State::HumanOwned {
        super::conversations::record_handoff(conn, id, Some(business_id), now_ms).await?;
    }
    let done = sqlx::query(
        "UPDATE conversations SET state = $5, taken_over_by = $1, \
         handoff_reason = COALESCE(handoff_reason, 'taken_over'), handed_off_at = COALESCE(handed_off_at, $2), \
         first_handed_off_at = COALESCE(first_handed_off_at, $2), \
         awaiting_reply_since = NULL, closed_at = NULL, resolved_at = NULL, updated_at = $2 \
         WHERE business_id = $3 AND id = $4 AND state <> $6",
    )
    .bind(user_id)
    .bind(now_ms)
    .bind(business_id)
    .bind(id)
    .bind(to.as_str())
    .bind(State::OptedOut.as_str())
    .execute(&mut *conn)
    .await
    .context("taking over conversation")?;
    Ok(done.rows_affected() > 0)
}

/// Give the thread back to the receptionist, which picks up with the conversation so far.
pub async fn hand_back(
    conn: &mut Conn,
    business_id: BusinessId,
    id: ConversationId,
    resume_state: State,
    now_ms: i64,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE conversations SET state = $1, taken_over_by = NULL, handoff_reason = NULL, handed_off_at = NULL, \
         closed_at = NULL, resolved_at = NULL, updated_at = $2, \
         last_handled_message_id = COALESCE((SELECT MAX(id) FROM messages WHERE conversation_id = $4), 0) \
         WHERE business_id = $3 AND id = $4 AND state = $5",
    )
    .bind(resume_state.as_str())
    .bind(now_ms)
    .bind(business_id)
    .bind(id)
    .bind(State::HumanOwned.as_str())
    .execute(&mut *conn)
    .await
    .context("handing conversation back")?;
    Ok(done.rows_affected() > 0)
}

/// Close the thread: the caller's next text opens a new one.
pub async fn resolve(
    conn: &mut Conn,
    business_id: BusinessId,
    id: ConversationId,
    now_ms: i64,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE conversations SET closed_at = $1, resolved_at = $1, awaiting_reply_since = NULL, updated_at = $1 \
         WHERE business_id = $2 AND id = $3 AND closed_at IS NULL",
    )
    .bind(now_ms)
    .bind(business_id)
    .bind(id)
    .execute(&mut *conn)
    .await
    .context("resolving conversation")?;
    Ok(done.rows_affected() > 0)
}

#[derive(Debug, Clone, Serialize)]
pub struct Unanswered {
    pub id: i64,
    pub question: String,
    pub conversation_id: ConversationId,
    pub created_at: i64,
}

pub async fn unanswered(store: &Store, business_id: BusinessId) -> anyhow::Result<Vec<Unanswered>> {
    let rows = sqlx::query(
        "SELECT id, question, conversation_id, created_at FROM unanswered_questions \
         WHERE business_id = $1 AND resolved_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 200",
    )
    .bind(business_id)
    .fetch_all(store.pool())
    .await
    .context("listing unanswered questions")?;
    rows.iter()
        .map(|r| {
            Ok(Unanswered {
                id: col(r, "id")?,
                question: col(r, "question")?,
                conversation_id: col(r, "conversation_id")?,
                created_at: col(r, "created_at")?,
            })
        })
        .collect()
}

/// The words of an open question; [`super::Error::NotFound`] once resolved, or another business's.
pub async fn unanswered_one(
    conn: &mut Conn,
    business_id: BusinessId,
    id: i64,
) -> super::Result<String> {
    let row = sqlx::query(
        "SELECT question FROM unanswered_questions WHERE business_id = $1 AND id = $2 AND resolved_at IS NULL",
    )
    .bind(business_id)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
    .doing("loading an unanswered question")?
    .found("question")?;
    Ok(col(&row, "question")?)
}

/// Close an open question; [`super::Error::NotFound`] when it is not open (or not the business's).
pub async fn resolve_unanswered(
    conn: &mut Conn,
    business_id: BusinessId,
    id: i64,
    now_ms: i64,
) -> super::Result<()> {
    let done = sqlx::query(
        "UPDATE unanswered_questions SET resolved_at = $1 WHERE business_id = $2 AND id = $3 AND resolved_at IS NULL",
    )
    .bind(now_ms)
    .bind(business_id)
    .bind(id)
    .execute(&mut *conn)
    .await
    .doing("resolving an unanswered question")?;
    (done.rows_affected() > 0).then_some(()).found("question")
}

/// Something to refresh a live page on: changes whenever a message or conversation changes.
pub async fn change_marker(store: &Store, business_id: BusinessId) -> anyhow::Result<String> {
    let row = sqlx::query(
        "SELECT (SELECT MAX(updated_at) FROM messages WHERE business_id = $1) AS m, \
                (SELECT MAX(id) FROM messages WHERE business_id = $1) AS i, \
                (SELECT MAX(updated_at) FROM conversations WHERE business_id = $1) AS c, \
                (SELECT COUNT(*) FROM conversations WHERE business_id = $1 AND state = $2 AND closed_at IS NULL) AS h",
    )
    .bind(business_id)
    .bind(State::HumanOwned.as_str())
    .fetch_one(store.pool())
    .await
    .context("reading change marker")?;
    let m: Option<i64> = col(&row, "m")?;
    let i: Option<i64> = col(&row, "i")?;
    let c: Option<i64> = col(&row, "c")?;
    let h: i64 = col(&row, "h")?;
    Ok(format!(
        "{}-{}-{}-{h}",
        m.unwrap_or(0),
        i.unwrap_or(0),
        c.unwrap_or(0)
    ))
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Funnel {
    pub missed_calls: i64,
    pub textbacks_sent: i64,
    pub textbacks_skipped: Vec<(String, i64)>,
    pub callers_replied: i64,
    pub handed_off: i64,
    pub bookings: i64,
    pub median_time_to_text_ms: Option<i64>,
    pub median_first_staff_reply_ms: Option<i64>,
    /// Per day (local date string): missed calls, bookings.
    pub daily: Vec<(String, i64, i64)>,
    /// Calls the receptionist answered itself (live voice).
    pub voice: VoiceFunnel,
    /// Appointment reminders sent in the period, and bookings the caller confirmed (C).
    pub reminders: ReminderFunnel,
    /// Follow-up nudges sent in the period, and those the caller answered with a text.
    pub nudges: NudgeFunnel,
    /// Bookings marked a no-show in the period.
    pub no_shows: i64,
    /// Missed callers texts do not reach (landlines, refused text-backs), turned into call-backs.
    pub call_backs: CallBackFunnel,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct CallBackFunnel {
    /// Missed calls in the period that became a call-back task.
    pub opened: i64,
    /// Of those, landlines (Twilio Lookup).
    pub landline: i64,
    /// Of those, marked called back by staff.
    pub done: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct NudgeFunnel {
    /// Nudges that reached the provider.
    pub sent: i64,
    /// Of those, nudges the caller texted back after.
    pub answered: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ReminderFunnel {
    /// Reminders that reached the provider.
    pub sent: i64,
    /// Bookings confirmed by a caller's C in the period.
    pub confirmed: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct VoiceFunnel {
    pub answered: i64,
    /// Booked during the call.
    pub booked: i64,
    /// Put through to a person.
    pub transferred: i64,
    /// Ended unfinished and got the pick-up text.
    pub picked_up_by_text: i64,
    /// ...and the caller texted back.
    pub continued_by_text: i64,
}

fn median(mut v: Vec<i64>) -> Option<i64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2
    })
}

async fn count(
    store: &Store,
    sql: &str,
    business_id: BusinessId,
    from: i64,
    to: i64,
) -> anyhow::Result<i64> {
    let row = sqlx::query(sql)
        .bind(business_id)
        .bind(from)
        .bind(to)
        .fetch_one(store.pool())
        .await
        .with_context(|| format!("funnel query: {sql}"))?;
    col(&row, "n")
}

async fn instants(
    store: &Store,
    sql: &str,
    business_id: BusinessId,
    from: i64,
    to: i64,
) -> anyhow::Result<Vec<i64>> {
    let rows = sqlx::query(sql)
        .bind(business_id)
        .bind(from)
        .bind(to)
        .fetch_all(store.pool())
        .await
        .with_context(|| format!("funnel query: {sql}"))?;
    rows.iter().map(|r| col(r, "t")).collect()
}

/// The funnel for missed calls in `[from, to)`, with per-day series in the business's zone.
pub async fn funnel(
    store: &Store,
    business_id: BusinessId,
    from: i64,
    to: i64,
    tz: chrono_tz::Tz,
) -> anyhow::Result<Funnel> {
    let mut f = Funnel {
        missed_calls: count(
            store,
            "SELECT COUNT(*) AS n FROM calls WHERE business_id = $1 AND missed_at >= $2 AND missed_at < $3",
            business_id,
            from,
            to,
        )
        .await?,
        textbacks_sent: count(
            store,
            "SELECT COUNT(*) AS n FROM calls c JOIN messages m ON m.id = c.message_id WHERE c.business_id = $1 \
             AND c.missed_at >= $2 AND c.missed_at < $3 AND c.textback = 'queued' AND m.sent_at IS NOT NULL",
            business_id,
            from,
            to,
        )
        .await?,
        callers_replied: count(
            store,
            "SELECT COUNT(DISTINCT c.contact_id) AS n FROM calls c WHERE c.business_id = $1 AND c.missed_at >= $2 \
             AND c.missed_at < $3 AND c.textback = 'queued' AND EXISTS (SELECT 1 FROM messages m WHERE \
             m.contact_id = c.contact_id AND m.direction = 'inbound' AND m.created_at >= c.missed_at)",
            business_id,
            from,
            to,
        )
        .await?,
        handed_off: count(
            store,
            // Every thread handed to a person in the period, including those since handed back
            // and those handed off again after an earlier period's hand-off.
            "SELECT COUNT(DISTINCT h.conversation_id) AS n FROM handoffs h WHERE h.business_id = $1 \
             AND h.at >= $2 AND h.at < $3 AND EXISTS (SELECT 1 FROM messages x WHERE \
             x.conversation_id = h.conversation_id AND x.kind <> 'staff_notify')",
            business_id,
            from,
            to,
        )
        .await?,
        bookings: count(
            store,
            "SELECT COUNT(*) AS n FROM bookings WHERE business_id = $1 AND created_at >= $2 AND created_at < $3 \
             AND status IN ('booked', 'rescheduled')",
            business_id,
            from,
            to,
        )
        .await?,
        voice: VoiceFunnel {
            answered: count(
                store,
                "SELECT COUNT(*) AS n FROM calls WHERE business_id = $1 AND missed_at >= $2 AND missed_at < $3 \
                 AND textback_reason = 'answered_by_ai'",
                business_id,
                from,
                to,
            )
            .await?,
            booked: count(
                store,
                "SELECT COUNT(*) AS n FROM messages WHERE business_id = $1 AND created_at >= $2 AND created_at < $3 \
                 AND kind = 'voice_confirmation'",
                business_id,
                from,
                to,
            )
            .await?,
            transferred: count(
                store,
                "SELECT COUNT(*) AS n FROM calls WHERE business_id = $1 AND missed_at >= $2 AND missed_at < $3 \
                 AND status = 'ai-transferred'",
                business_id,
                from,
                to,
            )
            .await?,
            picked_up_by_text: count(
                store,
                "SELECT COUNT(*) AS n FROM messages WHERE business_id = $1 AND created_at >= $2 AND created_at < $3 \
                 AND kind = 'voice_pickup'",
                business_id,
                from,
                to,
            )
            .await?,
            continued_by_text: count(
                store,
                "SELECT COUNT(*) AS n FROM messages p WHERE p.business_id = $1 AND p.created_at >= $2 \
                 AND p.created_at < $3 AND p.kind = 'voice_pickup' AND EXISTS (SELECT 1 FROM messages m \
                 WHERE m.conversation_id = p.conversation_id AND m.direction = 'inbound' AND m.kind = 'inbound' \
                 AND m.id > p.id)",
                business_id,
                from,
                to,
            )
            .await?,
        },
        reminders: ReminderFunnel {
            sent: count(
                store,
                "SELECT COUNT(*) AS n FROM messages WHERE business_id = $1 AND created_at >= $2 AND created_at < $3 \
                 AND kind = 'reminder' AND sent_at IS NOT NULL",
                business_id,
                from,
                to,
            )
            .await?,
            confirmed: count(
                store,
                "SELECT COUNT(*) AS n FROM bookings WHERE business_id = $1 AND confirmed_at >= $2 AND confirmed_at < $3",
                business_id,
                from,
                to,
            )
            .await?,
        },
        nudges: NudgeFunnel {
            sent: count(
                store,
                "SELECT COUNT(*) AS n FROM messages WHERE business_id = $1 AND created_at >= $2 AND created_at < $3 \
                 AND kind = 'nudge' AND sent_at IS NOT NULL",
                business_id,
                from,
                to,
            )
            .await?,
            answered: count(
                store,
                "SELECT COUNT(*) AS n FROM messages p WHERE p.business_id = $1 AND p.created_at >= $2 \
                 AND p.created_at < $3 AND p.kind = 'nudge' AND p.sent_at IS NOT NULL AND EXISTS \
                 (SELECT 1 FROM messages m WHERE m.contact_id = p.contact_id AND m.direction = 'inbound' \
                 AND m.id > p.id)",
                business_id,
                from,
                to,
            )
            .await?,
        },
        no_shows: count(
            store,
            "SELECT COUNT(*) AS n FROM bookings WHERE business_id = $1 AND no_show_at >= $2 AND no_show_at < $3",
            business_id,
            from,
            to,
        )
        .await?,
        call_backs: CallBackFunnel {
            opened: count(
                store,
                "SELECT COUNT(*) AS n FROM call_backs WHERE business_id = $1 AND called_at >= $2 AND called_at < $3",
                business_id,
                from,
                to,
            )
            .await?,
            landline: count(
                store,
                "SELECT COUNT(*) AS n FROM call_backs WHERE business_id = $1 AND called_at >= $2 AND called_at < $3 \
                 AND reason = 'landline'",
                business_id,
                from,
                to,
            )
            .await?,
            done: count(
                store,
                "SELECT COUNT(*) AS n FROM call_backs WHERE business_id = $1 AND called_at >= $2 AND called_at < $3 \
                 AND done_at IS NOT NULL",
                business_id,
                from,
                to,
            )
            .await?,
        },
        ..Default::default()
    };
    let rows = sqlx::query(
        "SELECT COALESCE(textback_reason, 'unknown') AS reason, COUNT(*) AS n FROM calls WHERE business_id = $1 \
         AND missed_at >= $2 AND missed_at < $3 AND textback = 'skipped' GROUP BY COALESCE(textback_reason, 'unknown') \
         ORDER BY n DESC",
    )
    .bind(business_id)
    .bind(from)
    .bind(to)
    .fetch_all(store.pool())
    .await
    .context("funnel: skipped text-backs")?;
    for r in &rows {
        f.textbacks_skipped.push((col(r, "reason")?, col(r, "n")?));
    }
    f.median_time_to_text_ms = median(
        instants(
            store,
            "SELECT m.sent_at - c.missed_at AS t FROM calls c JOIN messages m ON m.id = c.message_id \
             WHERE c.business_id = $1 AND c.missed_at >= $2 AND c.missed_at < $3 AND m.sent_at IS NOT NULL",
            business_id,
            from,
            to,
        )
        .await?,
    );
    f.median_first_staff_reply_ms = median(
        instants(
            store,
            "SELECT (SELECT MIN(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.author = 'staff' \
             AND m.created_at >= c.handed_off_at) - c.handed_off_at AS t FROM conversations c \
             WHERE c.business_id = $1 AND c.handed_off_at >= $2 AND c.handed_off_at < $3 AND EXISTS \
             (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.author = 'staff' AND m.created_at >= c.handed_off_at)",
            business_id,
            from,
            to,
        )
        .await?,
    );
    // Daily series, bucketed in the business's zone.
    let missed = instants(
        store,
        "SELECT missed_at AS t FROM calls WHERE business_id = $1 AND missed_at >= $2 AND missed_at < $3",
        business_id,
        from,
        to,
    )
    .await?;
    let booked = instants(
        store,
        "SELECT created_at AS t FROM bookings WHERE business_id = $1 AND created_at >= $2 AND created_at < $3 \
         AND status IN ('booked', 'rescheduled')",
        business_id,
        from,
        to,
    )
    .await?;
    let day = |ms: i64| {
        chrono::DateTime::from_timestamp_millis(ms)
            .map(|d| d.with_timezone(&tz).date_naive())
            .unwrap_or_default()
    };
    let (mut d, last) = (day(from), day(to - 1));
    while d <= last && f.daily.len() < 400 {
        let m = missed.iter().filter(|t| day(**t) == d).count() as i64;
        let b = booked.iter().filter(|t| day(**t) == d).count() as i64;
        f.daily.push((d.format("%Y-%m-%d").to_string(), m, b));
        match d.succ_opt() {
            Some(next) => d = next,
            None => break,
        }
    }
    Ok(f)
}

/// Bookings (booked, rescheduled, cancelled) starting in `[from, to)`.
pub async fn bookings_between(
    store: &Store,
    business_id: BusinessId,
    from: i64,
    to: i64,
    newest_first: bool,
) -> anyhow::Result<Vec<super::bookings::BookingRow>> {
    let rows = sqlx::query(&format!(
        "SELECT {} FROM bookings WHERE business_id = $1 AND start_at >= $2 AND start_at < $3 \
         AND status IN ('booked', 'rescheduled', 'cancelled') ORDER BY start_at {} LIMIT 500",
        super::bookings::COLUMNS,
        if newest_first { "DESC" } else { "ASC" }
    ))
    .bind(business_id)
    .bind(from)
    .bind(to)
    .fetch_all(store.pool())
    .await
    .context("listing bookings")?;
    rows.iter().map(super::bookings::from_row).collect()
}

/// A message of the simulator's thread with one (test) caller.
pub struct SimMessage {
    pub direction: String,
    pub author: String,
    pub author_name: Option<String>,
    pub body: String,
    pub status: String,
    pub created_at: i64,
}

/// The last 60 messages with this caller, oldest first.
pub async fn simulator_messages(
    store: &Store,
    business_id: BusinessId,
    phone: &str,
) -> anyhow::Result<Vec<SimMessage>> {
    let rows = sqlx::query(
        "SELECT m.direction, m.author, m.author_name, m.body, m.status, m.created_at FROM messages m \
         JOIN contacts k ON k.id = m.contact_id WHERE m.business_id = $1 AND k.phone = $2 \
         ORDER BY m.id DESC LIMIT 60",
    )
    .bind(business_id)
    .bind(phone)
    .fetch_all(store.pool())
    .await
    .context("reading the simulator thread")?;
    let mut out = rows
        .iter()
        .map(|r| {
            Ok(SimMessage {
                direction: col(r, "direction")?,
                author: col(r, "author")?,
                author_name: col(r, "author_name")?,
                body: col(r, "body")?,
                status: col(r, "status")?,
                created_at: col(r, "created_at")?,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    out.reverse();
    Ok(out)
}

/// Another conversation of the same caller, for the thread page's history.
#[derive(Debug, Clone)]
pub struct EarlierThread {
    pub id: ConversationId,
    pub created_at: i64,
    /// Where it ended up (booked, handed to a person...), and whether staff closed it.
    pub state: State,
    pub closed_at: Option<i64>,
    pub last_caller_body: Option<String>,
}

/// The caller's other conversations with this business, newest first (at most `limit`).
pub async fn earlier_threads(
    conn: &mut Conn,
    business_id: BusinessId,
    contact_id: ContactId,
    except: ConversationId,
    limit: i64,
) -> anyhow::Result<Vec<EarlierThread>> {
    let rows = sqlx::query(
        "SELECT c.id, c.created_at, c.state, c.closed_at, (SELECT m.body FROM messages m WHERE m.conversation_id = c.id \
         AND m.direction = 'inbound' ORDER BY m.id DESC LIMIT 1) AS last_caller_body \
         FROM conversations c WHERE c.business_id = $1 AND c.contact_id = $2 AND c.id <> $3 \
         ORDER BY c.id DESC LIMIT $4",
    )
    .bind(business_id)
    .bind(contact_id)
    .bind(except)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await
    .context("reading the caller's earlier conversations")?;
    rows.iter()
        .map(|r| {
            Ok(EarlierThread {
                id: col(r, "id")?,
                created_at: col(r, "created_at")?,
                state: col::<String>(r, "state")?.parse()?,
                closed_at: col(r, "closed_at")?,
                last_caller_body: col(r, "last_caller_body")?,
            })
        })
        .collect()
}
