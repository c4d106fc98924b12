//! What the evaluation reads back after a scenario: the caller's thread, the booking, the
//! conversation's end state, model usage and the texts to staff.

use super::{BusinessId, Store};

/// The raw rows behind one scenario's transcript.
pub struct Rows {
    /// (author, kind, body) of every message with the caller, in order.
    pub lines: Vec<(String, String, String)>,
    /// The caller's live booking, with its service.
    pub booked: Option<(Option<String>,)>,
    /// The caller's latest thread: (state, hand-off reason, details JSON).
    pub conv: Option<(String, Option<String>, Option<String>)>,
    pub opted: Option<(Option<i64>,)>,
    /// Model calls: (count, prompt tokens, completion tokens, latency ms).
    pub llm: (i64, Option<i64>, Option<i64>, Option<i64>),
    pub blocked: (i64,),
    /// Texts to anyone but the caller (hand-off alerts, booking receipts).
    pub staff: Vec<(String,)>,
}

pub async fn rows(store: &Store, business_id: BusinessId, caller: &str) -> anyhow::Result<Rows> {
    let pool = store.pool();
    let lines = sqlx::query_as(
        "SELECT m.author, m.kind, m.body FROM messages m JOIN contacts c ON c.id = m.contact_id \
         WHERE c.phone = $1 AND m.business_id = $2 ORDER BY m.id",
    )
    .bind(caller)
    .bind(business_id)
    .fetch_all(pool)
    .await?;
    let booked = sqlx::query_as(
        "SELECT service FROM bookings WHERE caller_phone = $1 AND status IN ('booked', 'rescheduled') ORDER BY id DESC LIMIT 1",
    )
    .bind(caller)
    .fetch_optional(pool)
    .await?;
    let conv = sqlx::query_as(
        "SELECT v.state, v.handoff_reason, v.details_json FROM conversations v JOIN contacts c ON c.id = v.contact_id \
         WHERE c.phone = $1 ORDER BY v.id DESC LIMIT 1",
    )
    .bind(caller)
    .fetch_optional(pool)
    .await?;
    let opted = sqlx::query_as("SELECT opted_out_at FROM contacts WHERE phone = $1")
        .bind(caller)
        .fetch_optional(pool)
        .await?;
    let llm = sqlx::query_as(
        "SELECT COUNT(*), SUM(prompt_tokens), SUM(completion_tokens), SUM(latency_ms) FROM llm_calls",
    )
    .fetch_one(pool)
    .await?;
    let blocked = sqlx::query_as("SELECT COUNT(*) FROM llm_calls WHERE outcome = 'blocked'")
        .fetch_one(pool)
        .await?;
    let staff = sqlx::query_as(
        "SELECT m.body FROM messages m JOIN contacts c ON c.id = m.contact_id \
         WHERE c.phone <> $1 AND m.business_id = $2 AND m.author <> 'caller' ORDER BY m.id",
    )
    .bind(caller)
    .bind(business_id)
    .fetch_all(pool)
    .await?;
    Ok(Rows {
        lines,
        booked,
        conv,
        opted,
        llm,
        blocked,
        staff,
    })
}
