//! Call-back tasks: missed callers staff should ring back because texts do not reach them (a
//! landline, or a number the carrier refused a text to). One row per missed call; the dashboard
//! shows the open ones per caller. The decision to open one is `crate::callbacks`.

use super::{col, BusinessId, CallId, Conn, ContactId, MessageId, Store, UserId};
use anyhow::Context;

/// Why staff should call back rather than text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Twilio Lookup says the number is a landline.
    Landline,
    /// An earlier text to the number was refused as undeliverable.
    NotTextable,
    /// This call's text-back was refused as undeliverable (the error code is kept).
    SendFailed,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Landline => "landline",
            Reason::NotTextable => "not_textable",
            Reason::SendFailed => "send_failed",
        }
    }
}

pub struct NewCallBack<'a> {
    pub business_id: BusinessId,
    pub contact_id: ContactId,
    pub call_id: CallId,
    pub reason: Reason,
    pub error_code: Option<&'a str>,
    pub called_at: i64,
    pub now_ms: i64,
}

/// Open the task for this call; `Some(id)` when it is new, `None` when the call has one already
/// (a second delivery report, a webhook retry).
pub async fn open(conn: &mut Conn, n: NewCallBack<'_>) -> anyhow::Result<Option<i64>> {
    let row = sqlx::query(
        "INSERT INTO call_backs (business_id, contact_id, call_id, reason, error_code, called_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (call_id) DO NOTHING RETURNING id",
    )
    .bind(n.business_id)
    .bind(n.contact_id)
    .bind(n.call_id)
    .bind(n.reason.as_str())
    .bind(n.error_code)
    .bind(n.called_at)
    .bind(n.now_ms)
    .fetch_optional(&mut *conn)
    .await
    .context("opening a call-back task")?;
    row.map(|r| col(&r, "id")).transpose()
}

/// Whether staff were alerted about this caller at or after `since_ms`.
pub async fn alerted_since(
    conn: &mut Conn,
    contact_id: ContactId,
    since_ms: i64,
) -> anyhow::Result<bool> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM call_backs WHERE contact_id = $1 AND alerted_at >= $2",
    )
    .bind(contact_id)
    .bind(since_ms)
    .fetch_one(&mut *conn)
    .await
    .context("reading call-back alerts")?;
    Ok(col::<i64>(&row, "n")? > 0)
}

pub async fn set_alerted(conn: &mut Conn, id: i64, now_ms: i64) -> anyhow::Result<()> {
    sqlx::query("UPDATE call_backs SET alerted_at = $1 WHERE id = $2")
        .bind(now_ms)
        .bind(id)
        .execute(&mut *conn)
        .await
        .context("recording a call-back alert")?;
    Ok(())
}

/// A missed call whose text-back went out (or was meant to).
#[derive(Debug, Clone)]
pub struct TextbackCall {
    pub call_id: CallId,
    pub business_id: BusinessId,
    pub contact_id: ContactId,
    /// The caller's number.
    pub phone: String,
    /// The business number they called.
    pub business_number: String,
    pub called_at: i64,
}

/// The missed call whose text-back this message was, if it was one.
pub async fn call_of_textback(
    conn: &mut Conn,
    message_id: MessageId,
) -> anyhow::Result<Option<TextbackCall>> {
    let row = sqlx::query(
        "SELECT c.id, c.business_id, c.contact_id, k.phone, c.to_number, \
         COALESCE(c.missed_at, c.created_at) AS called_at \
         FROM calls c JOIN messages m ON m.id = c.message_id JOIN contacts k ON k.id = c.contact_id \
         WHERE c.message_id = $1 AND m.kind = 'textback'",
    )
    .bind(message_id)
    .fetch_optional(&mut *conn)
    .await
    .context("finding the call of a text-back")?;
    row.map(|r| {
        Ok(TextbackCall {
            call_id: col(&r, "id")?,
            business_id: col(&r, "business_id")?,
            contact_id: col(&r, "contact_id")?,
            phone: col(&r, "phone")?,
            business_number: col(&r, "to_number")?,
            called_at: col(&r, "called_at")?,
        })
    })
    .transpose()
}

/// One caller to ring back: their open tasks taken together.
#[derive(Debug, Clone)]
pub struct OpenCallBack {
    pub contact_id: ContactId,
    pub phone: String,
    /// Missed calls not yet called back.
    pub calls: i64,
    pub first_called_at: i64,
    pub last_called_at: i64,
    /// The latest call's reason and error code.
    pub reason: String,
    pub error_code: Option<String>,
}

/// The business's callers to ring back, the longest waiting first.
pub async fn open_list(
    store: &Store,
    business_id: BusinessId,
    limit: i64,
) -> anyhow::Result<Vec<OpenCallBack>> {
    let rows = sqlx::query(
        "SELECT t.contact_id, k.phone, COUNT(*) AS calls, MIN(t.called_at) AS first_called_at, \
         MAX(t.called_at) AS last_called_at, \
         (SELECT l.reason FROM call_backs l WHERE l.contact_id = t.contact_id AND l.done_at IS NULL \
          ORDER BY l.called_at DESC, l.id DESC LIMIT 1) AS reason, \
         (SELECT l.error_code FROM call_backs l WHERE l.contact_id = t.contact_id AND l.done_at IS NULL \
          ORDER BY l.called_at DESC, l.id DESC LIMIT 1) AS error_code \
         FROM call_backs t JOIN contacts k ON k.id = t.contact_id \
         WHERE t.business_id = $1 AND t.done_at IS NULL \
         GROUP BY t.contact_id, k.phone ORDER BY MIN(t.called_at), t.contact_id LIMIT $2",
    )
    .bind(business_id)
    .bind(limit)
    .fetch_all(store.pool())
    .await
    .context("listing call-back tasks")?;
    rows.iter()
        .map(|r| {
            Ok(OpenCallBack {
                contact_id: col(r, "contact_id")?,
                phone: col(r, "phone")?,
                calls: col(r, "calls")?,
                first_called_at: col(r, "first_called_at")?,
                last_called_at: col(r, "last_called_at")?,
                reason: col(r, "reason")?,
                error_code: col(r, "error_code")?,
            })
        })
        .collect()
}

/// Staff called the caller back: close their open tasks. The number closed (0: none was open).
pub async fn mark_done(
    conn: &mut Conn,
    business_id: BusinessId,
    contact_id: ContactId,
    user_id: UserId,
    now_ms: i64,
) -> anyhow::Result<u64> {
    Ok(sqlx::query(
        "UPDATE call_backs SET done_at = $1, done_by = $2 \
         WHERE business_id = $3 AND contact_id = $4 AND done_at IS NULL",
    )
    .bind(now_ms)
    .bind(user_id)
    .bind(business_id)
    .bind(contact_id)
    .execute(&mut *conn)
    .await
    .context("closing call-back tasks")?
    .rows_affected())
}
