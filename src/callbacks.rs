//! Call-back tasks: a missed caller whom texts do not reach gets a person instead.
//!
//! Opened by the text-back gate (Twilio Lookup says landline, or an earlier text to the number was
//! refused) and by a refused text-back (the outbox's answer from the provider, or a delivery
//! report: 30006, 21614, ...). Either way, in the transaction that learns it:
//!
//! - one task per missed call (`store::call_backs`; a second report of the same call changes
//!   nothing), listed in the dashboard inbox's "Call back" view until staff mark it done;
//! - one alert to each `escalation.notify` number through the outbox, unless staff were alerted
//!   about the same caller within the text-back `cooldown_minutes` (the same rule that keeps a
//!   caller from a second text-back: a caller ringing three times is one alert, three calls).

use crate::store::businesses::BusinessRecord;
use crate::store::call_backs::{self, NewCallBack, Reason};
use crate::store::{CallId, ContactId, MessageId, Optional as _, Tx};

/// The missed call to ring back.
pub struct Missed<'a> {
    pub call_id: CallId,
    pub contact_id: ContactId,
    /// The caller's number (E.164).
    pub phone: &'a str,
    /// The business number the alert comes from.
    pub from: &'a str,
    pub called_at: i64,
    pub reason: Reason,
    pub error_code: Option<&'a str>,
}

/// What opening the task did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// New task; staff alerts queued (wake the outbox).
    Alerted,
    /// New task; no alert (within the cooldown, or nobody to notify).
    Quiet,
    /// The call had its task already.
    Already,
}

/// Open the call-back task for a missed call and alert staff, in the caller's transaction.
pub async fn open(
    tx: &mut Tx,
    business: &BusinessRecord,
    missed: &Missed<'_>,
    now_ms: i64,
) -> anyhow::Result<Opened> {
    let new = NewCallBack {
        business_id: business.id,
        contact_id: missed.contact_id,
        call_id: missed.call_id,
        reason: missed.reason,
        error_code: missed.error_code,
        called_at: missed.called_at,
        now_ms,
    };
    let Some(id) = call_backs::open(tx, new).await? else {
        return Ok(Opened::Already);
    };
    let cooldown_ms = i64::from(business.profile.textback.cooldown_minutes) * 60_000;
    if cooldown_ms > 0
        && call_backs::alerted_since(tx, missed.contact_id, now_ms - cooldown_ms).await?
    {
        tracing::info!(
            business = business.id.0,
            "call-back task opened; staff alerted about this caller recently"
        );
        return Ok(Opened::Quiet);
    }
    let body = alert_text(business, missed);
    let sent = crate::engine::turn::alert_staff(tx, business, missed.from, &body, now_ms).await?;
    if sent == 0 {
        tracing::info!(
            business = business.id.0,
            "call-back task opened; no escalation.notify number to alert"
        );
        return Ok(Opened::Quiet);
    }
    call_backs::set_alerted(tx, id, now_ms).await?;
    tracing::info!(
        business = business.id.0,
        reason = missed.reason.as_str(),
        "call-back task opened; staff alerted"
    );
    Ok(Opened::Alerted)
}

/// The staff alert. It names the caller's number as stored (E.164), like every staff alert, so
/// `contact forget` finds and erases it.
fn alert_text(business: &BusinessRecord, missed: &Missed<'_>) -> String {
    let when = chrono::DateTime::<chrono::Utc>::from_timestamp_millis(missed.called_at)
        .unwrap_or_default()
        .with_timezone(&business.profile.tz())
        .format("%a %-I:%M%P");
    let why = match missed.reason {
        Reason::Landline => "It is a landline, so no text went".to_string(),
        Reason::NotTextable => "Texts to this number fail, so no text went".to_string(),
        Reason::SendFailed => format!(
            "Our text could not be delivered (error {})",
            missed.error_code.unwrap_or("unknown")
        ),
    };
    format!(
        "Frontdesk: missed call from {} ({when}). {why}: please call them back.",
        missed.phone
    )
}

/// A text-back the provider refused as undeliverable: open the task for its call. Other texts
/// (replies, reminders) are not missed calls and open nothing. Returns whether alerts were queued.
pub async fn after_refused_textback(
    tx: &mut Tx,
    message_id: MessageId,
    error_code: &str,
    now_ms: i64,
) -> anyhow::Result<bool> {
    let Some(call) = call_backs::call_of_textback(tx, message_id).await? else {
        return Ok(false);
    };
    let Some(business) = crate::store::businesses::by_id(tx, call.business_id)
        .await
        .optional()?
    else {
        return Ok(false);
    };
    let missed = Missed {
        call_id: call.call_id,
        contact_id: call.contact_id,
        phone: &call.phone,
        from: &call.business_number,
        called_at: call.called_at,
        reason: Reason::SendFailed,
        error_code: Some(error_code),
    };
    Ok(open(tx, &business, &missed, now_ms).await? == Opened::Alerted)
}
