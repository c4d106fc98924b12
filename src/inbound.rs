//! Inbound texts: stored first, then opt-out, opt-in and help keywords are honoured before
//! anything else may look at the text. What is left is owed an answer by the receptionist.

use crate::app::AppState;
use crate::clock::to_millis;
use crate::domain::phone::CallerId;
use crate::domain::PhoneNumber;
use crate::engine::state::{self as states, Event};
use crate::store::businesses::BusinessRecord;
use crate::store::messages::{Author, MessageKind};
use crate::store::{
    contacts, conversations, messages, outbox, BookingId, BusinessId, ContactId, ConversationId,
    MessageId, Tx,
};
use anyhow::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyword {
    OptOut,
    OptIn,
    Help,
}

/// Outbound kinds that may still go to a contact who opted out: the one confirmation of the
/// opt-out itself, and answers to HELP (which carriers require).
const OPT_OUT_WORDS: &[&str] = &[
    "stop",
    "stopall",
    "stop all",
    "unsubscribe",
    "cancel",
    "end",
    "quit",
    "revoke",
    "optout",
    "opt out",
];
const OPT_OUT_PHRASES: &[&str] = &[
    "stop texting",
    "stop messaging",
    "stop sending",
    "stop contacting",
    "stop text",
    "dont text me",
    "do not text me",
    "dont message me",
    "do not message me",
    "dont contact me",
    "do not contact me",
    "no more texts",
    "no more messages",
    "remove me from",
    "take me off",
    "unsubscribe me",
    "opt me out",
];
const OPT_IN_WORDS: &[&str] = &["start", "unstop", "yes", "opt in", "optin"];
const HELP_WORDS: &[&str] = &["help", "info"];
/// Words that may stand beside a keyword without changing what it means ("STOP please").
const FILLER: &[&str] = &["please", "pls", "now", "it", "thanks", "thank you", "me"];

/// Lower-case, drop apostrophes, turn other punctuation into spaces, collapse white space.
fn normalize(body: &str) -> String {
    crate::engine::understand::words(body).join(" ")
}

fn is_word_with_filler(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| {
        if text == *w {
            return true;
        }
        let rest = text
            .strip_prefix(w)
            .and_then(|r| r.strip_prefix(' '))
            .or_else(|| text.strip_suffix(w).and_then(|r| r.strip_suffix(' ')));
        rest.is_some_and(|r| FILLER.contains(&r))
    })
}

/// Keywords that end a longer text and still mean "stop" ("too much for me. STOP").
const TRAILING_OPT_OUT: &[&str] = &["stop", "stopall", "unsubscribe", "optout"];

/// A text whose last sentence is a stop word, or whose last word is one in capitals: people
/// write "ok STOP" or "no thanks. STOP" and mean it. (CANCEL, END and QUIT count only alone:
/// "I need to cancel." is about a booking.)
fn ends_with_stop(body: &str) -> bool {
    let last_sentence = body
        .trim()
        .rsplit(['.', '!', '?', '\n', ','])
        .find(|s| !s.trim().is_empty())
        .unwrap_or("");
    if is_word_with_filler(&normalize(last_sentence), TRAILING_OPT_OUT) {
        return true;
    }
    let last_word = body
        .split_whitespace()
        .last()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    last_word.len() > 1
        && last_word.chars().all(|c| c.is_ascii_uppercase())
        && TRAILING_OPT_OUT.contains(&last_word.to_ascii_lowercase().as_str())
}

/// What a text means as a compliance keyword, if anything.
pub fn classify(body: &str) -> Option<Keyword> {
    let text = normalize(body);
    if text.is_empty() {
        return None;
    }
    if is_word_with_filler(&text, OPT_OUT_WORDS)
        || OPT_OUT_PHRASES.iter().any(|p| contains_phrase(&text, p))
        || ends_with_stop(body)
    {
        return Some(Keyword::OptOut);
    }
    if is_word_with_filler(&text, OPT_IN_WORDS) {
        return Some(Keyword::OptIn);
    }
    if is_word_with_filler(&text, HELP_WORDS) {
        return Some(Keyword::Help);
    }
    None
}

fn contains_phrase(text: &str, phrase: &str) -> bool {
    let padded = format!(" {text} ");
    padded.contains(&format!(" {phrase} ")) || padded.contains(&format!(" {phrase}"))
}

/// The longest inbound text stored (Twilio's own limit for a concatenated message).
pub const MAX_INBOUND_CHARS: usize = 1600;

#[derive(Clone, Copy)]
pub struct InboundSms<'a> {
    pub message_sid: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub body: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InboundOutcome {
    /// A retry of a text already stored.
    Duplicate,
    /// From a sender we cannot answer (short code, alphanumeric ID).
    Unanswerable,
    OptedOut {
        confirmation_queued: bool,
    },
    OptedIn,
    HelpSent,
    /// Stored without answer: the contact has opted out.
    Silenced,
    /// C in answer to a reminder: the booking is confirmed and the caller told so.
    ReminderConfirmed {
        conversation_id: ConversationId,
        booking_id: BookingId,
    },
    /// Stored; the conversation now awaits the receptionist's reply.
    AwaitingReply {
        conversation_id: ConversationId,
        message_id: MessageId,
    },
}

/// A webhook's inbound text to the number `sms.to`; `None` when that number belongs to no
/// business. On SQLite the business is looked up inside the text's batch (no checkout of the
/// connection of its own).
#[tracing::instrument(skip_all, fields(message_sid = sms.message_sid))]
pub async fn handle_inbound_sms_to(
    state: &AppState,
    sms: &InboundSms<'_>,
) -> anyhow::Result<Option<InboundOutcome>> {
    if let (Some(writer), CallerId::Number(from)) =
        (&state.inbound_writer, CallerId::parse(sms.from))
    {
        let now_ms = to_millis(state.clock.now());
        let body = clipped(sms.body);
        let sms = &InboundSms {
            body: &body,
            ..*sms
        };
        let outcome = writer.store(None, &from, sms, now_ms).await?;
        if let Some(outcome) = &outcome {
            after_commit(state, outcome);
        }
        return Ok(outcome);
    }
    let mut conn = state.store.pool().acquire().await?;
    let business = crate::store::businesses::by_number(&mut conn, sms.to).await?;
    drop(conn);
    match business {
        Some(business) => Ok(Some(handle_inbound_sms(state, &business, sms).await?)),
        None => Ok(None),
    }
}

#[tracing::instrument(skip_all, fields(business = business.id.0, message_sid = sms.message_sid))]
pub async fn handle_inbound_sms(
    state: &AppState,
    business: &BusinessRecord,
    sms: &InboundSms<'_>,
) -> anyhow::Result<InboundOutcome> {
    let from = match CallerId::parse(sms.from) {
        CallerId::Number(n) => n,
        CallerId::Withheld => {
            tracing::info!("inbound text from a sender that cannot be answered; ignored");
            return Ok(InboundOutcome::Unanswerable);
        }
    };
    let now_ms = to_millis(state.clock.now());
    let body = clipped(sms.body);
    let sms = &InboundSms {
        body: &body,
        ..*sms
    };
    // On SQLite the text joins a batch (one transaction for many webhooks); either way the
    // outcome comes back only once the text is committed.
    let outcome = match &state.inbound_writer {
        Some(writer) => writer
            .store(Some(business), &from, sms, now_ms)
            .await?
            .context("the business was given")?,
        None => {
            let mut tx = state.store.begin().await?;
            let outcome = record(&mut tx, business, &from, sms, now_ms).await?;
            tx.commit().await?;
            outcome
        }
    };
    after_commit(state, &outcome);
    Ok(outcome)
}

/// Twilio delivers at most 1600 characters; anything longer is cut there, not stored whole.
fn clipped(body: &str) -> std::borrow::Cow<'_, str> {
    let chars = body.chars().count();
    if chars > MAX_INBOUND_CHARS {
        tracing::warn!(chars, "inbound text longer than {MAX_INBOUND_CHARS} characters; keeping the first {MAX_INBOUND_CHARS}");
        body.chars()
            .take(MAX_INBOUND_CHARS)
            .collect::<String>()
            .into()
    } else {
        body.into()
    }
}

/// Store an inbound text and what it calls for, inside the caller's transaction. Nothing here
/// leaves the database (no wake-ups, no metrics): the transaction may hold other texts too, and
/// may be rolled back and this text recorded again alone.
pub(crate) async fn record(
    tx: &mut Tx,
    business: &BusinessRecord,
    from: &PhoneNumber,
    sms: &InboundSms<'_>,
    now_ms: i64,
) -> anyhow::Result<InboundOutcome> {
    if messages::exists_by_sid(tx, sms.message_sid).await? {
        return Ok(InboundOutcome::Duplicate);
    }
    let contact = contacts::upsert(tx, business.id, from.as_str(), now_ms).await?;
    let conversation_id = conversations::open_for_contact(
        tx,
        business.id,
        contact.id,
        states::after(None, Event::CallerTexted),
        now_ms,
    )
    .await?;
    let Some(message_id) = messages::insert_inbound(
        tx,
        business.id,
        conversation_id,
        contact.id,
        sms.body,
        sms.message_sid,
        now_ms,
    )
    .await?
    else {
        return Ok(InboundOutcome::Duplicate);
    };
    let opted_out = contact.opted_out_at.is_some();
    let name = &business.profile.business.name;
    let reply = Reply {
        business: business.id,
        conversation_id,
        contact_id: contact.id,
        to: from,
        from: sms.to,
        now_ms,
    };
    let outcome = match classify(sms.body) {
        Some(Keyword::OptOut) if !opted_out => {
            contacts::set_opted_out(tx, contact.id, Some(now_ms)).await?;
            let to = states::after(None, Event::OptedOut);
            conversations::set_state(tx, conversation_id, to, now_ms).await?;
            let text = format!("You're unsubscribed from {name} texts and won't get any more. Reply START to resubscribe.");
            reply.queue(tx, MessageKind::OptoutConfirm, &text).await?;
            InboundOutcome::OptedOut {
                confirmation_queued: true,
            }
        }
        Some(Keyword::OptOut) => InboundOutcome::OptedOut {
            confirmation_queued: false,
        },
        Some(Keyword::OptIn) if opted_out => {
            contacts::set_opted_out(tx, contact.id, None).await?;
            let to = states::after(None, Event::OptedIn);
            conversations::set_state(tx, conversation_id, to, now_ms).await?;
            let text = format!("You're resubscribed to {name} texts. Reply STOP to opt out.");
            reply.queue(tx, MessageKind::OptinConfirm, &text).await?;
            InboundOutcome::OptedIn
        }
        Some(Keyword::Help) => {
            let phone = PhoneNumber::parse(sms.to)
                .map(|n| n.display_national())
                .unwrap_or_else(|_| sms.to.to_string());
            let text = format!("{name}: to reach a person, call us at {phone}. Msg&data rates may apply. Reply STOP to opt out.");
            reply.queue(tx, MessageKind::Help, &text).await?;
            InboundOutcome::HelpSent
        }
        _ if opted_out => InboundOutcome::Silenced,
        _ if crate::reminders::ReplyWord::parse(sms.body)
            == Some(crate::reminders::ReplyWord::Confirm) =>
        {
            match crate::store::reminders::answered(tx, contact.id, message_id, now_ms).await? {
                Some(booking) => {
                    crate::store::reminders::confirm(tx, booking.id, now_ms).await?;
                    let text = crate::reminders::confirmed_text(
                        &business.profile,
                        booking.service.as_deref(),
                        booking.start_at,
                    );
                    reply.queue(tx, MessageKind::ReminderConfirm, &text).await?;
                    InboundOutcome::ReminderConfirmed {
                        conversation_id,
                        booking_id: booking.id,
                    }
                }
                // Not an answer to a reminder: a normal text.
                None => {
                    conversations::touch(tx, conversation_id, now_ms, true).await?;
                    InboundOutcome::AwaitingReply {
                        conversation_id,
                        message_id,
                    }
                }
            }
        }
        _ => {
            conversations::touch(tx, conversation_id, now_ms, true).await?;
            InboundOutcome::AwaitingReply {
                conversation_id,
                message_id,
            }
        }
    };
    if matches!(
        outcome,
        InboundOutcome::OptedOut {
            confirmation_queued: false
        } | InboundOutcome::Silenced
    ) {
        // Queued replies noted the thread already.
        conversations::touch(tx, conversation_id, now_ms, false).await?;
    }
    Ok(outcome)
}

/// Once the text is committed: count it and wake whoever has work from it.
fn after_commit(state: &AppState, outcome: &InboundOutcome) {
    if !matches!(
        outcome,
        InboundOutcome::Duplicate | InboundOutcome::Unanswerable
    ) {
        state.metrics.inbound_message();
    }
    if matches!(
        outcome,
        InboundOutcome::OptedOut {
            confirmation_queued: true
        } | InboundOutcome::OptedIn
            | InboundOutcome::HelpSent
            | InboundOutcome::ReminderConfirmed { .. }
    ) {
        state.wake_outbox();
    }
    if matches!(outcome, InboundOutcome::AwaitingReply { .. }) {
        state.wake_turns();
    }
    tracing::info!(outcome = ?outcome, "inbound text handled");
}

/// Where a system reply to an inbound text goes.
struct Reply<'a> {
    business: BusinessId,
    conversation_id: ConversationId,
    contact_id: ContactId,
    to: &'a PhoneNumber,
    from: &'a str,
    now_ms: i64,
}

impl Reply<'_> {
    async fn queue(&self, tx: &mut Tx, kind: MessageKind, text: &str) -> anyhow::Result<MessageId> {
        let body = crate::domain::sms_text::normalize(text);
        let message_id = outbox::queue_text(
            tx,
            outbox::NewText {
                business_id: self.business,
                conversation_id: self.conversation_id,
                contact_id: self.contact_id,
                author: Author::System,
                author_name: None,
                kind,
                to: self.to.as_str(),
                from: self.from,
                body: &body,
                now_ms: self.now_ms,
                expires_at: None,
                not_before: None,
            },
        )
        .await?;
        Ok(message_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opt_out_keywords() {
        for s in [
            "STOP",
            "stop",
            "Stop.",
            " STOP!! ",
            "stopall",
            "UNSUBSCRIBE",
            "cancel",
            "End",
            "quit",
            "REVOKE",
            "optout",
            "opt-out",
            "Stop please",
            "please stop",
            "stop texting me",
            "Please stop texting me!",
            "Don't text me again",
            "do not text me",
            "take me off your list",
            "remove me from this list",
            "ok STOP",
            "eh thats more than i wanted. STOP",
            "no thanks, stop",
        ] {
            assert_eq!(classify(s), Some(Keyword::OptOut), "{s}");
        }
    }

    #[test]
    fn ordinary_texts_are_not_keywords() {
        for s in [
            "Can you stop by tomorrow?",
            "My sink won't stop leaking",
            "I need help with my water heater",
            "cancel my appointment on Tuesday",
            "Is this the end of the line?",
            "I need to cancel.",
            "the water wont stop",
            "can you stop by. I need the drain done",
            "yes please come at 3",
            "",
            "hello",
        ] {
            assert_eq!(classify(s), None, "{s}");
        }
    }

    #[test]
    fn opt_in_and_help() {
        for s in ["START", "start", "Unstop", "YES", "yes!"] {
            assert_eq!(classify(s), Some(Keyword::OptIn), "{s}");
        }
        for s in ["HELP", "help?", "Info", "help please"] {
            assert_eq!(classify(s), Some(Keyword::Help), "{s}");
        }
    }
}
