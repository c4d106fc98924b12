//! Live voice: the receptionist answers the call itself, through Twilio ConversationRelay (Twilio
//! turns speech into text and text into speech; the WebSocket in `http::relay` carries the words).
//! The call is one more channel of the same conversation: each thing the caller says is a line of
//! the thread, decided by the same engine with words for speech, and text picks up whatever the
//! call did not finish (one confirmation after a booking, or one pick-up text).

use crate::app::AppState;
use crate::clock::to_millis;
use crate::domain::phone::CallerId;
use crate::domain::profile::{BusinessProfile, Disclosure};
use crate::engine::state::{self as states, Event, State};
use crate::store::businesses::{self, BusinessRecord};
use crate::store::contacts::Contact;
use crate::store::messages::{Author, MessageKind};
use crate::store::{
    calls, contacts, conversations, messages, outbox, ConversationId, MessageId, Optional as _,
};

/// The longest stretch of speech kept for one turn (Twilio sends a few sentences at most).
pub const MAX_UTTERANCE_CHARS: usize = 1_000;

/// States where recording a call needs every party's consent (and those that partly do, taken as
/// yes). Not legal advice: owners set `[voice] disclosure = "always"` when unsure.
const ALL_PARTY_STATES: &[&str] = &[
    "CA", "CT", "DE", "FL", "IL", "MD", "MA", "MI", "MT", "NV", "NH", "OR", "PA", "WA",
];

/// Area codes of those states (North American numbering plan).
const ALL_PARTY_AREA_CODES: &[(&str, &[u16])] = &[
    (
        "CA",
        &[
            209, 213, 279, 310, 323, 341, 350, 408, 415, 424, 442, 510, 530, 559, 562, 619, 626,
            628, 650, 657, 661, 669, 707, 714, 747, 760, 805, 818, 820, 831, 840, 858, 909, 916,
            925, 949, 951,
        ],
    ),
    ("CT", &[203, 475, 860, 959]),
    ("DE", &[302]),
    (
        "FL",
        &[
            239, 305, 321, 324, 352, 386, 407, 448, 561, 645, 656, 689, 727, 728, 754, 772, 786,
            813, 850, 863, 904, 941, 954,
        ],
    ),
    (
        "IL",
        &[
            217, 224, 309, 312, 331, 447, 464, 618, 630, 708, 730, 773, 779, 815, 847, 861, 872,
        ],
    ),
    ("MD", &[227, 240, 301, 410, 443, 667]),
    ("MA", &[339, 351, 413, 508, 617, 774, 781, 857, 978]),
    (
        "MI",
        &[
            231, 248, 269, 313, 517, 586, 616, 679, 734, 810, 906, 947, 989,
        ],
    ),
    ("MT", &[406]),
    ("NV", &[702, 725, 775]),
    ("NH", &[603]),
    ("OR", &[458, 503, 541, 971]),
    (
        "PA",
        &[
            215, 223, 267, 272, 412, 445, 484, 570, 582, 610, 717, 724, 814, 835, 878,
        ],
    ),
    ("WA", &[206, 253, 360, 425, 509, 564]),
];

/// The all-party-consent state of a North American number, if it is in one.
fn consent_state_of(number: &str) -> Option<&'static str> {
    let digits = number.strip_prefix("+1")?;
    let area: u16 = digits.get(..3)?.parse().ok()?;
    ALL_PARTY_AREA_CODES
        .iter()
        .find(|(_, codes)| codes.contains(&area))
        .map(|(state, _)| *state)
}

/// Must this call start by saying it is automated and transcribed?
pub fn needs_disclosure(profile: &BusinessProfile, caller: &str) -> bool {
    match profile.voice.disclosure {
        Disclosure::Always => true,
        Disclosure::Never => false,
        Disclosure::Auto => {
            let business_state = match &profile.business.state {
                Some(s) => ALL_PARTY_STATES.contains(&s.trim().to_uppercase().as_str()),
                None => profile
                    .business
                    .phone_numbers
                    .iter()
                    .any(|n| consent_state_of(n.as_str()).is_some()),
            };
            business_state || consent_state_of(caller).is_some()
        }
    }
}

pub const DISCLOSURE: &str = "This call is answered by an automated assistant and transcribed.";

/// The first words of the call.
pub fn greeting(profile: &BusinessProfile, caller: &str) -> String {
    let hello = format!(
        "Thanks for calling {}. How can I help you today?",
        profile.business.name
    );
    if needs_disclosure(profile, caller) {
        format!("{DISCLOSURE} {hello}")
    } else {
        hello
    }
}

/// Note that the receptionist answers this call: the call's one decision, so no status callback
/// later sends a text-back for it as well.
pub async fn answer(
    state: &AppState,
    business: &BusinessRecord,
    call_sid: &str,
    from: &str,
    to: &str,
) -> anyhow::Result<()> {
    let now_ms = to_millis(state.clock.now());
    let mut tx = state.store.begin().await?;
    let row = calls::upsert(
        &mut tx,
        business.id,
        call_sid,
        from,
        to,
        "ai-answered",
        now_ms,
    )
    .await?;
    if row.textback.is_none() {
        calls::record_decision(
            &mut tx,
            calls::Decision {
                call_id: row.id,
                contact_id: None,
                missed_at: now_ms,
                status: "ai-answered",
                textback: "skipped",
                reason: Some(crate::textback::SkipReason::AnsweredByAi.as_str()),
                message_id: None,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// One call being answered.
#[derive(Debug, Clone)]
pub struct Call {
    pub call_sid: String,
    pub business: BusinessRecord,
    pub contact: Contact,
    pub conversation_id: ConversationId,
    /// Lines the caller said, numbered for idempotent storage.
    heard: i64,
    /// The last reply said, while it may still be interrupted.
    last_said: Option<MessageId>,
    /// The call ended with a hand-off (the caller is being put through, or called back).
    pub handed_off: bool,
}

/// What to say, and whether the receptionist leaves the call after saying it.
#[derive(Debug, Clone, PartialEq)]
pub struct Said {
    pub words: String,
    /// Set when a person must take over: the reason and what was learnt.
    pub hand_off: Option<(String, String)>,
}

/// The call's `setup`: find the business, the caller and their one conversation, and record the
/// greeting as the first line. `None` when the number is no business's or the caller is hidden.
pub async fn start(
    state: &AppState,
    call_sid: &str,
    from: &str,
    to: &str,
) -> anyhow::Result<Option<Call>> {
    let now_ms = to_millis(state.clock.now());
    let mut tx = state.store.begin().await?;
    let Some(business) = businesses::by_number(&mut tx, to).await? else {
        return Ok(None);
    };
    let CallerId::Number(number) = CallerId::parse(from) else {
        return Ok(None);
    };
    let contact = contacts::upsert(&mut tx, business.id, number.as_str(), now_ms).await?;
    let conversation_id = conversations::open_for_contact(
        &mut tx,
        business.id,
        contact.id,
        states::after(None, Event::CallAnswered),
        now_ms,
    )
    .await?;
    let greeting = greeting(&business.profile, number.as_str());
    messages::insert_spoken(
        &mut tx,
        business.id,
        conversation_id,
        contact.id,
        Author::System,
        &greeting,
        Some(&format!("{call_sid}#greeting")),
        now_ms,
    )
    .await?;
    conversations::touch(&mut tx, conversation_id, now_ms, false).await?;
    // (A call answered turn by turn over plain webhooks is taken up again on each one.)
    let heard = messages::caller_lines(&mut tx, call_sid).await?;
    tx.commit().await?;
    Ok(Some(Call {
        call_sid: call_sid.to_string(),
        business,
        contact,
        conversation_id,
        heard,
        last_said: None,
        handed_off: false,
    }))
}

/// The caller finished saying something: record it, decide, and return what to say.
pub async fn heard(
    state: &AppState,
    call: &mut Call,
    words: &str,
    speaker: Option<crate::engine::channel::Speaker>,
) -> anyhow::Result<Said> {
    let words: String = words.trim().chars().take(MAX_UTTERANCE_CHARS).collect();
    let now_ms = to_millis(state.clock.now());
    call.heard += 1;
    {
        let mut tx = state.store.begin().await?;
        messages::insert_spoken(
            &mut tx,
            call.business.id,
            call.conversation_id,
            call.contact.id,
            Author::Caller,
            &words,
            Some(&format!("{}#{}", call.call_sid, call.heard)),
            now_ms,
        )
        .await?;
        conversations::touch(&mut tx, call.conversation_id, now_ms, false).await?;
        tx.commit().await?;
    }
    let done =
        crate::engine::turn::run_voice_turn(&state.engine, call.conversation_id, speaker).await?;
    call.last_said = None;
    if done.reply.is_some() {
        let mut conn = state.store.pool().acquire().await?;
        call.last_said = messages::last_spoken_by_ai(&mut conn, call.conversation_id).await?;
    }
    let handed_off = matches!(
        done.outcome,
        crate::engine::turn::TurnOutcome::Replied {
            state: State::HumanOwned
        }
    ) || done.handoff_reason.is_some();
    let words = done.reply.unwrap_or_else(|| {
        // Staff own the thread, or the caller opted out of texts: a person takes it from here.
        format!(
            "Let me put you through to the team at {}.",
            call.business.profile.business.name
        )
    });
    let hand_off = if handed_off || done.outcome == crate::engine::turn::TurnOutcome::Silent {
        call.handed_off = true;
        Some((
            done.handoff_reason
                .unwrap_or_else(|| "staff_own_thread".into()),
            done.summary,
        ))
    } else {
        None
    };
    Ok(Said { words, hand_off })
}

/// The caller talked over the last reply: keep only what they heard of it.
pub async fn interrupted(state: &AppState, call: &Call, heard_part: &str) -> anyhow::Result<()> {
    let Some(id) = call.last_said else {
        return Ok(());
    };
    let heard_part: String = heard_part.chars().take(MAX_UTTERANCE_CHARS).collect();
    let mut conn = state.store.pool().acquire().await?;
    messages::cut_spoken(
        &mut conn,
        id,
        heard_part.trim(),
        to_millis(state.clock.now()),
    )
    .await
}

/// The call ended: text picks up what it did not finish. After a booking made on the call, one
/// confirmation; when it ended unfinished, one pick-up text; after a hand-off, nothing (the team
/// was alerted). Through the same checks as any text: opt-outs, landlines, the business's own
/// numbers.
pub async fn ended(state: &AppState, call: &Call) -> anyhow::Result<()> {
    let now = state.clock.now();
    let now_ms = to_millis(now);
    let mut tx = state.store.begin().await?;
    // Once per call, whoever reports its end first (the relay closing, the status callback).
    let Some((call_id, status, started_at)) =
        calls::answered_by_ai(&mut tx, &call.call_sid).await?
    else {
        return Ok(());
    };
    if status == ENDED || status == TRANSFERRED {
        return Ok(());
    }
    calls::set_status(&mut tx, call_id, ENDED, now_ms).await?;
    let Some(row) = conversations::load_for_turn(&mut tx, call.conversation_id, now_ms).await?
    else {
        tx.commit().await?;
        return Ok(());
    };
    let contact = &row.contact;
    let profile = &row.business.profile;
    let internal = profile
        .internal_numbers()
        .any(|n| n.as_str() == contact.phone);
    if contact.opted_out_at.is_some()
        || contact.not_textable_at.is_some()
        || internal
        || call.handed_off
        || row.state == State::HumanOwned
    {
        tx.commit().await?;
        return Ok(());
    }
    let details = crate::engine::details::Details::parse(row.details_json.as_deref());
    let booked_on_this_call = match details.booking_id {
        Some(id) => crate::store::bookings::get(&mut tx, row.business.id, id)
            .await
            .optional()?
            .is_some_and(|b| b.created_at >= started_at),
        None => false,
    };
    let name = &profile.business.name;
    let (kind, body) = match details.booked {
        Some(slot) if booked_on_this_call => (
            MessageKind::VoiceConfirmation,
            format!(
                "You're booked with {name}: {}, {}. Reply here if you need to change it.",
                slot.for_sms(profile.tz()),
                crate::domain::profile::in_sentence(details.service.as_deref().unwrap_or("visit"))
            ),
        ),
        // Booked before the call, and nothing new: nothing to pick up.
        _ if row.state == State::Booked => {
            tx.commit().await?;
            return Ok(());
        }
        _ => (
            MessageKind::VoicePickup,
            format!(
                "Sorry we got cut off - this is {name}. Text us here and we'll pick up where we left off."
            ),
        ),
    };
    let body = crate::engine::guard::finalize(&body);
    // The pick-up is no answer to anything the caller just asked: like reminders and nudges it
    // waits for their sending window (a call cut off at 21:30 is picked up at 08:00). The
    // confirmation of a booking just made is an answer, and goes at once.
    let not_before = (kind == MessageKind::VoicePickup)
        .then(|| crate::reminders::next_in_window(profile, &contact.phone, now_ms))
        .filter(|&at| at > now_ms);
    let from = profile.sending_number().unwrap_or_default().to_string();
    outbox::queue_text(
        &mut tx,
        outbox::NewText {
            business_id: row.business.id,
            conversation_id: call.conversation_id,
            contact_id: contact.id,
            author: Author::System,
            author_name: None,
            kind,
            to: &contact.phone,
            from: &from,
            body: &body,
            now_ms,
            // One that waited past the morning (downtime) would come out of nowhere.
            expires_at: not_before.map(|at| at + PICKUP_WAIT_MS),
            not_before,
        },
    )
    .await?;
    tx.commit().await?;
    state.wake_outbox();
    Ok(())
}

/// How long a pick-up that waited for the window may still go after it opens.
const PICKUP_WAIT_MS: i64 = 3_600_000;

/// A call's status once the receptionist's part of it is over.
const ENDED: &str = "ai-ended";
/// ...when it was put through to a person.
const TRANSFERRED: &str = "ai-transferred";

/// The receptionist handed the call over and it is being put through.
pub async fn transferred(state: &AppState, call_sid: &str) -> anyhow::Result<()> {
    let mut conn = state.store.pool().acquire().await?;
    calls::set_ai_status(
        &mut conn,
        call_sid,
        TRANSFERRED,
        to_millis(state.clock.now()),
    )
    .await
}

/// The call ended, reported by Twilio's status callback: finish it if the relay did not.
pub async fn ended_by_sid(
    state: &AppState,
    call_sid: &str,
    from: &str,
    to: &str,
) -> anyhow::Result<()> {
    let open = {
        let mut conn = state.store.pool().acquire().await?;
        calls::answered_by_ai(&mut conn, call_sid)
            .await?
            .is_some_and(|(_, status, _)| status != ENDED && status != TRANSFERRED)
    };
    if !open {
        return Ok(());
    }
    if let Some(call) = start(state, call_sid, from, to).await? {
        ended(state, &call).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(extra: &str) -> BusinessProfile {
        BusinessProfile::from_toml(&format!(
            "{}{extra}",
            include_str!("../examples/daves-plumbing.toml")
        ))
        .unwrap()
    }

    fn ms(s: &str) -> i64 {
        s.parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap()
            .timestamp_millis()
    }

    #[test]
    fn a_pickup_waits_for_the_recipients_morning() {
        let p = profile("");
        // Dave's Plumbing is in New York. 15:00 there: at once.
        let day = ms("2026-12-02T20:00:00Z");
        assert_eq!(
            crate::reminders::next_in_window(&p, "+15550100123", day),
            day
        );
        // 21:30 there: 08:00 the next morning.
        let night = ms("2026-12-03T02:30:00Z");
        assert_eq!(
            crate::reminders::next_in_window(&p, "+15550100123", night),
            ms("2026-12-03T13:00:00Z")
        );
        // A Los Angeles caller at 18:30 their time (21:30 in New York): still their evening.
        assert_eq!(
            crate::reminders::next_in_window(&p, "+14155550100", night),
            night
        );
        // ...and at 21:30 theirs: 08:00 Pacific.
        let late = ms("2026-12-03T05:30:00Z");
        assert_eq!(
            crate::reminders::next_in_window(&p, "+14155550100", late),
            ms("2026-12-03T16:00:00Z")
        );
    }

    #[test]
    fn disclosure_follows_the_state_of_the_business_or_the_caller() {
        let mut florida = profile("");
        florida.business.state = Some("FL".into());
        assert!(needs_disclosure(&florida, "+12145550100"));
        let mut texas = florida.clone();
        texas.business.state = Some("TX".into());
        assert!(!needs_disclosure(&texas, "+12145550100"));
        // A Texas business called from a Florida number: that caller must hear it.
        assert!(needs_disclosure(&texas, "+13055550100"));
        assert!(greeting(&texas, "+13055550100").starts_with(DISCLOSURE));
        assert!(!greeting(&texas, "+12145550100").contains("transcribed"));
        texas.voice.disclosure = Disclosure::Always;
        assert!(needs_disclosure(&texas, "+12145550100"));
        let mut never = florida;
        never.voice.disclosure = Disclosure::Never;
        assert!(!needs_disclosure(&never, "+13055550100"));
    }
}
