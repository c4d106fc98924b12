//! The missed-call text-back gate: one decision per call, made in one transaction, in a fixed order.
//!
//! 1. a call already decided (webhook retry, or dial-status and status callback both reporting it)
//!    is left alone;
//! 2. a withheld caller ID (anonymous, restricted, empty, not E.164) is skipped: nobody to text;
//! 3. a contact who opted out is skipped (opt-outs come before anything else about a real person);
//! 4. the business's own numbers and its staff's are skipped, then the profile's block list;
//! 5. a number the carrier said cannot receive texts, and (with `[textback] lookup = true`) a
//!    number Twilio Lookup says is a landline, get no text: a call-back task for staff instead
//!    (`crate::callbacks`);
//! 6. at most one text-back per caller within `cooldown_minutes`;
//! 7. otherwise the profile's template (after-hours one when closed) is rendered and queued in the
//!    outbox with the decision. Every skip records its reason on the call.

use crate::app::AppState;
use crate::callbacks;
use crate::clock::to_millis;
use crate::domain::phone::{CallerId, PhoneNumber};
use crate::domain::profile::{check_fits_one_sms, render_sms_template_for, CallerFacts};
use crate::engine::state::{self as states, Event};
use crate::store::businesses::BusinessRecord;
use crate::store::messages::Author;
use crate::store::{
    call_backs, calls, contacts, conversations, messages, outbox, BusinessId, ContactId, MessageId,
};
use crate::telephony::lookup::LineType;

/// Caller IDs Twilio substitutes when the caller hides their number.
const TWILIO_WITHHELD: &[&str] = &["+266696687", "+7378742833", "+86282452253", "+8656696"];

/// A text-back is pointless after this long: it is dropped rather than sent late.
pub const TEXTBACK_TTL_MINUTES: i64 = 15;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Queued {
        message_id: MessageId,
    },
    Skipped(SkipReason),
    /// No text: the caller cannot get one (`Landline` or `NotTextable`); staff have a call-back
    /// task for them instead.
    CallBack(SkipReason),
    /// This call was decided before (a duplicate webhook).
    AlreadyDecided,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    Withheld,
    OptedOut,
    InternalNumber,
    Blocked,
    NotTextable,
    /// Twilio Lookup says the number is a landline.
    Landline,
    Cooldown,
    TemplateError,
    /// The receptionist answered the call itself: nothing was missed.
    AnsweredByAi,
}

impl SkipReason {
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Withheld => "withheld",
            SkipReason::OptedOut => "opted_out",
            SkipReason::InternalNumber => "internal_number",
            SkipReason::Blocked => "blocked",
            SkipReason::NotTextable => "not_textable",
            SkipReason::Landline => "landline",
            SkipReason::Cooldown => "cooldown",
            SkipReason::TemplateError => "template_error",
            SkipReason::AnsweredByAi => "answered_by_ai",
        }
    }
}

pub struct MissedCall<'a> {
    pub call_sid: &'a str,
    pub from: &'a str,
    /// The business number that was called (the text-back comes from it).
    pub to: &'a str,
    /// What made it a missed call (`forwarded`, `no-answer`, `busy`, ...).
    pub status: &'a str,
    /// Ask Twilio Lookup about the caller if the business has `[textback] lookup = true`. False
    /// for the dashboard's simulator: its numbers are fictional and a look-up costs money.
    pub look_up: bool,
}

/// Lookup's answer is asked again after this long: numbers move between landline and mobile.
const LINE_TYPE_TTL_MS: i64 = 90 * 24 * 3_600_000;

/// Record a missed call and decide its text-back. Safe to call again for the same call.
#[tracing::instrument(skip_all, fields(business = business.id.0, call_sid = call.call_sid))]
pub async fn handle_missed_call(
    state: &AppState,
    business: &BusinessRecord,
    call: &MissedCall<'_>,
) -> anyhow::Result<Outcome> {
    let now = state.clock.now();
    let now_ms = to_millis(now);
    let profile = &business.profile;
    // Before the transaction: no database connection waits on Twilio.
    let line = line_type(state, business, call, now_ms).await?;
    let mut tx = state.store.begin().await?;
    let row = calls::upsert(
        &mut tx,
        business.id,
        call.call_sid,
        call.from,
        call.to,
        call.status,
        now_ms,
    )
    .await?;
    if row.textback.is_some() {
        tx.commit().await?;
        tracing::debug!("call already decided");
        return Ok(Outcome::AlreadyDecided);
    }
    state.metrics.missed_call();

    let skip = |reason: SkipReason| Outcome::Skipped(reason);
    let mut contact_id = None;
    let mut caller_number: Option<PhoneNumber> = None;
    let outcome: Outcome = 'gate: {
        let number = match CallerId::parse(call.from) {
            CallerId::Number(n) if !TWILIO_WITHHELD.contains(&n.as_str()) => n,
            _ => break 'gate skip(SkipReason::Withheld),
        };
        let contact = contacts::upsert(&mut tx, business.id, number.as_str(), now_ms).await?;
        contact_id = Some(contact.id);
        caller_number = Some(number.clone());
        if let Some(Line { kind, fresh: true }) = &line {
            contacts::set_line_type(&mut tx, contact.id, kind.as_str(), now_ms).await?;
        }
        if contact.opted_out_at.is_some() {
            break 'gate skip(SkipReason::OptedOut);
        }
        if profile.internal_numbers().any(|n| *n == number) {
            break 'gate skip(SkipReason::InternalNumber);
        }
        if profile.textback.block_list.contains(&number) {
            break 'gate skip(SkipReason::Blocked);
        }
        if contact.not_textable_at.is_some() {
            break 'gate Outcome::CallBack(SkipReason::NotTextable);
        }
        if line.as_ref().is_some_and(|l| l.kind.is_landline()) {
            break 'gate Outcome::CallBack(SkipReason::Landline);
        }
        let cooldown_ms = i64::from(profile.textback.cooldown_minutes) * 60_000;
        if let Some(last) = messages::last_textback_at(&mut tx, contact.id).await? {
            if cooldown_ms > 0 && now_ms - last < cooldown_ms {
                break 'gate skip(SkipReason::Cooldown);
            }
        }
        let open = profile.is_open_at(now);
        // A caller we know gets the returning-caller text when the owner wrote one (their name,
        // their booking); every template may use what we know.
        // (Looked up only when a template says something of the caller: no extra queries on
        // the text-back path otherwise.)
        let about_caller = |t: &str| t.contains("caller.") || t.contains("booking.");
        let tb = &profile.textback;
        let caller = if tb.returning_message.is_some()
            || about_caller(&tb.message)
            || about_caller(&tb.after_hours_message)
        {
            caller_facts(&mut tx, business.id, contact.id, profile, now_ms).await?
        } else {
            CallerFacts::default()
        };
        let usual = if open {
            &profile.textback.message
        } else {
            &profile.textback.after_hours_message
        };
        let render = |template: &str| {
            render_sms_template_for(template, profile, open, &caller)
                .and_then(|b| check_fits_one_sms(&b).map(|_| b))
        };
        // The returning text only when we know what it says of them, and only if it still fits
        // (a long real name): else the usual text, never none.
        let returning = profile
            .textback
            .returning_message
            .as_deref()
            .filter(|t| caller.known() && caller.fill(t))
            .and_then(|t| match render(t) {
                Ok(body) => Some(body),
                Err(e) => {
                    tracing::warn!(error = %e, "returning-caller text did not fit; the usual text goes");
                    None
                }
            });
        let body = match returning.map(Ok).unwrap_or_else(|| render(usual)) {
            Ok(body) => body,
            Err(e) => {
                // Import validates templates, so this is a stored profile gone bad: say so loudly.
                tracing::error!(error = %e, "text-back template failed to render");
                break 'gate skip(SkipReason::TemplateError);
            }
        };
        let conversation_id = conversations::open_for_contact(
            &mut tx,
            business.id,
            contact.id,
            states::after(None, Event::MissedCall),
            now_ms,
        )
        .await?;
        let message_id = outbox::queue_text(
            &mut tx,
            outbox::NewText {
                business_id: business.id,
                conversation_id,
                contact_id: contact.id,
                author: Author::System,
                author_name: None,
                kind: crate::store::messages::MessageKind::Textback,
                to: number.as_str(),
                from: call.to,
                body: &body,
                now_ms,
                expires_at: Some(now_ms + TEXTBACK_TTL_MINUTES * 60_000),
                not_before: None,
            },
        )
        .await?;
        Outcome::Queued { message_id }
    };

    let (textback, reason, message_id) = match &outcome {
        Outcome::Queued { message_id } => ("queued", None, Some(*message_id)),
        Outcome::Skipped(r) | Outcome::CallBack(r) => ("skipped", Some(r.as_str()), None),
        Outcome::AlreadyDecided => unreachable!("decided calls return early"),
    };
    let mut alerted = false;
    if let (Outcome::CallBack(r), Some(contact_id), Some(number)) =
        (&outcome, contact_id, &caller_number)
    {
        let missed = callbacks::Missed {
            call_id: row.id,
            contact_id,
            phone: number.as_str(),
            from: call.to,
            called_at: now_ms,
            reason: match r {
                SkipReason::Landline => call_backs::Reason::Landline,
                _ => call_backs::Reason::NotTextable,
            },
            error_code: None,
        };
        alerted = callbacks::open(&mut tx, business, &missed, now_ms).await?
            == callbacks::Opened::Alerted;
    }
    calls::record_decision(
        &mut tx,
        calls::Decision {
            call_id: row.id,
            contact_id,
            missed_at: now_ms,
            status: call.status,
            textback,
            reason,
            message_id,
        },
    )
    .await?;
    tx.commit().await?;

    match &outcome {
        Outcome::Queued { .. } => {
            state.metrics.textback_queued();
            state.wake_outbox();
            tracing::info!("text-back queued");
        }
        Outcome::Skipped(r) => {
            state.metrics.textback_skipped(r.as_str());
            tracing::info!(reason = r.as_str(), "text-back skipped");
        }
        Outcome::CallBack(r) => {
            state.metrics.textback_skipped(r.as_str());
            if alerted {
                state.wake_outbox();
            }
            tracing::info!(
                reason = r.as_str(),
                "no text-back; call-back task for staff"
            );
        }
        Outcome::AlreadyDecided => {}
    }
    Ok(outcome)
}

/// The caller's line type, when the business asked for Twilio Lookup.
struct Line {
    kind: LineType,
    /// Just asked (to be kept on the contact), not read from it.
    fresh: bool,
}

/// Twilio Lookup's line type for the caller: as kept on the contact when asked within
/// [`LINE_TYPE_TTL_MS`], else asked now (bounded by `FRONTDESK_LOOKUP_TIMEOUT_MS`). Asked only
/// for a call the gate would otherwise text (not decided yet, a real number, not opted out,
/// internal, blocked or known not textable), so nobody pays for a look-up that changes nothing.
/// `None` when off or when Lookup fails: the text-back then goes as it would without it.
async fn line_type(
    state: &AppState,
    business: &BusinessRecord,
    call: &MissedCall<'_>,
    now_ms: i64,
) -> anyhow::Result<Option<Line>> {
    let profile = &business.profile;
    let Some(client) = state
        .lookup
        .as_ref()
        .filter(|_| profile.textback.lookup && call.look_up)
    else {
        return Ok(None);
    };
    let number = match CallerId::parse(call.from) {
        CallerId::Number(n) if !TWILIO_WITHHELD.contains(&n.as_str()) => n,
        _ => return Ok(None),
    };
    if profile.internal_numbers().any(|n| *n == number)
        || profile.textback.block_list.contains(&number)
    {
        return Ok(None);
    }
    {
        let mut conn = state.store.pool().acquire().await?;
        if calls::is_decided(&mut conn, call.call_sid).await? {
            return Ok(None);
        }
        if let Some(c) = contacts::by_phone(&mut conn, business.id, number.as_str()).await? {
            if c.opted_out_at.is_some() || c.not_textable_at.is_some() {
                return Ok(None);
            }
        }
        if let Some((kind, at)) =
            contacts::line_type(&mut conn, business.id, number.as_str()).await?
        {
            if now_ms - at < LINE_TYPE_TTL_MS {
                return Ok(Some(Line {
                    kind: LineType(kind),
                    fresh: false,
                }));
            }
        }
    }
    match client.line_type(&number).await {
        Ok(kind) => {
            tracing::info!(line_type = kind.as_str(), "Twilio Lookup answered");
            Ok(Some(Line { kind, fresh: true }))
        }
        Err(e) => {
            tracing::warn!(error = %format!("{e:#}"), "Twilio Lookup failed; the text-back goes as usual");
            Ok(None)
        }
    }
}

/// Note a call that is not (yet) missed, e.g. ringing through to the owner.
pub async fn record_call(
    state: &AppState,
    business: &BusinessRecord,
    call_sid: &str,
    from: &str,
    to: &str,
    status: &str,
) -> anyhow::Result<()> {
    let now_ms = to_millis(state.clock.now());
    let mut tx = state.store.begin().await?;
    let row = calls::upsert(&mut tx, business.id, call_sid, from, to, status, now_ms).await?;
    if row.textback.is_none() && row.status != status {
        calls::set_status(&mut tx, row.id, status, now_ms).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// How far back a past booking is still worth mentioning to a caller who rings again.
const RECENT_BOOKING_DAYS: i64 = 14;

/// What we know of this caller: the first name they gave in an earlier conversation, and their
/// next booking (or the one of the last two weeks).
async fn caller_facts(
    conn: &mut crate::store::Conn,
    business_id: BusinessId,
    contact_id: ContactId,
    profile: &crate::domain::BusinessProfile,
    now_ms: i64,
) -> anyhow::Result<CallerFacts> {
    let name = crate::store::conversations::recent_details_of_contact(conn, contact_id, 5)
        .await?
        .iter()
        .find_map(|json| crate::engine::details::Details::parse(Some(json)).name)
        .and_then(|n| n.split_whitespace().next().map(str::to_string))
        .unwrap_or_default();
    let booking = crate::store::bookings::near_for_contact(
        conn,
        business_id,
        contact_id,
        now_ms,
        RECENT_BOOKING_DAYS * 24 * 3_600_000,
    )
    .await?;
    let (booking_when, booking_service) = match booking {
        Some(b) => (
            day_words(b.start_at, now_ms, profile.tz()),
            crate::domain::profile::in_sentence(&b.service.unwrap_or_default()),
        ),
        None => Default::default(),
    };
    Ok(CallerFacts {
        name,
        booking_when,
        booking_service,
    })
}

/// A booking's day as people say it in a text: "today", "tomorrow", "yesterday", "Thursday"
/// within the week ahead, "last Monday" within the week before, else "Dec 3".
fn day_words(at_ms: i64, now_ms: i64, tz: chrono_tz::Tz) -> String {
    let day = |ms: i64| {
        chrono::DateTime::<chrono::Utc>::from_timestamp_millis(ms)
            .unwrap_or_default()
            .with_timezone(&tz)
            .date_naive()
    };
    let (d, today) = (day(at_ms), day(now_ms));
    match (d - today).num_days() {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        2..=6 => d.format("%A").to_string(),
        -6..=-2 => d.format("last %A").to_string(),
        _ => d.format("%b %-d").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::day_words;

    #[test]
    fn a_booking_day_as_people_say_it() {
        let tz: chrono_tz::Tz = "America/New_York".parse().unwrap();
        let ms = |s: &str| {
            s.parse::<chrono::DateTime<chrono::Utc>>()
                .unwrap()
                .timestamp_millis()
        };
        // Wednesday Dec 2, 10:00 New York.
        let now = ms("2026-12-02T15:00:00Z");
        assert_eq!(day_words(ms("2026-12-02T20:00:00Z"), now, tz), "today");
        assert_eq!(day_words(ms("2026-12-03T15:00:00Z"), now, tz), "tomorrow");
        assert_eq!(day_words(ms("2026-12-05T15:00:00Z"), now, tz), "Saturday");
        assert_eq!(
            day_words(ms("2026-11-30T15:00:00Z"), now, tz),
            "last Monday"
        );
        assert_eq!(day_words(ms("2026-12-20T15:00:00Z"), now, tz), "Dec 20");
        // Late evening in New York is still that day there (already the next day in UTC).
        assert_eq!(day_words(ms("2026-12-03T03:30:00Z"), now, tz), "today");
    }
}
