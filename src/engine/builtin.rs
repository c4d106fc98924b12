//! The built-in policy: deterministic, no model needed. It drives the same tools as the LLM:
//! answers from the profile, collects the service, address and name, proposes numbered slots,
//! books on YES, and hands off when it is unsure, when asked, or when there is danger.

use super::state::State;
use super::tools::{Outcome, ToolCall, ToolError, Turn};
use super::understand as u;
use crate::calendar::Slot;

const SAFETY: &str = "If anyone is in danger, call 911 now. If you smell gas, leave the building and call the gas company from outside.";

fn list_services(turn: &Turn<'_>) -> String {
    let names: Vec<&str> = turn
        .business
        .profile
        .services
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    match names.len() {
        0 => String::new(),
        1 => names[0].to_string(),
        n => format!("{} or {}", names[..n - 1].join(", "), names[n - 1]),
    }
}

pub fn proposals_text(slots: &[Slot], tz: chrono_tz::Tz, moving: bool) -> String {
    let items: Vec<String> = slots
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}) {}", i + 1, s.for_sms(tz)))
        .collect();
    let lead = if moving {
        "I can move it to"
    } else {
        "I can do"
    };
    let joined = match items.len() {
        1 => items[0].clone(),
        n => format!("{} or {}", items[..n - 1].join(", "), items[n - 1]),
    };
    let choices: Vec<String> = (1..=slots.len()).map(|i| i.to_string()).collect();
    let reply_with = match choices.len() {
        1 => "Reply 1 to take it.".to_string(),
        n => format!(
            "Reply {} or {}.",
            choices[..n - 1].join(", "),
            choices[n - 1]
        ),
    };
    format!("{lead} {joined}. {reply_with}")
}

fn confirm_text(turn: &Turn<'_>, slot: Slot) -> String {
    let service = turn
        .details
        .service
        .as_deref()
        .unwrap_or("visit")
        .to_lowercase();
    let place = turn
        .details
        .address
        .as_deref()
        .map(|a| format!(" at {a}"))
        .unwrap_or_default();
    format!(
        "{}, {service}{place} - reply YES to confirm.",
        slot.for_sms(turn.tz())
    )
}

fn handoff_text(turn: &Turn<'_>, when: &str, lead: &str) -> String {
    let name = &turn.business.profile.business.name;
    format!("{lead}I'm passing this to the team at {name}; a person will text you back {when}.")
}

async fn hand_off(turn: &mut Turn<'_>, reason: &str, lead: &str) -> anyhow::Result<Option<String>> {
    match turn
        .execute(ToolCall::HandOff {
            reason: reason.into(),
        })
        .await
    {
        Ok(Outcome::HandedOff(when)) => Ok(Some(handoff_text(turn, &when, lead))),
        Ok(_) => Ok(None),
        Err(e) => Err(anyhow::anyhow!("hand-off refused: {e}")),
    }
}

/// Propose slots (or explain why not, handing off when a person must confirm).
async fn find(turn: &mut Turn<'_>, call: ToolCall, lead: &str) -> anyhow::Result<Option<String>> {
    let moving = matches!(call, ToolCall::Reschedule { .. });
    match turn.execute(call).await {
        Ok(Outcome::Proposed(slots)) => Ok(Some(format!(
            "{lead}{}",
            proposals_text(&slots, turn.tz(), moving)
        ))),
        Ok(Outcome::NoSlots) => Ok(Some(format!(
            "{lead}I don't see an opening that fits. What other day or time works for you?"
        ))),
        Ok(Outcome::NeedsPerson) => {
            hand_off(
                turn,
                "calendar_unconfirmed",
                "I want to be sure of the schedule, so ",
            )
            .await
        }
        Ok(_) => Ok(None),
        Err(ToolError::Booking(e)) => Ok(Some(format!(
            "{lead}Sorry, {e}. What other day or time works for you?"
        ))),
        Err(e) => Err(anyhow::anyhow!("{e}")),
    }
}

async fn choose(turn: &mut Turn<'_>, option: usize) -> anyhow::Result<Option<String>> {
    match turn.execute(ToolCall::ChooseSlot { option }).await {
        Ok(Outcome::Chosen(slot)) => Ok(Some(confirm_text(turn, slot))),
        Ok(_) => Ok(None),
        Err(ToolError::Booking(_)) => {
            let pref = String::new();
            find(
                turn,
                ToolCall::FindSlots {
                    service: None,
                    preference: pref,
                },
                "Sorry, that time was just taken. ",
            )
            .await
        }
        Err(e) => Err(anyhow::anyhow!("{e}")),
    }
}

/// Did the caller name one of the proposals by its day or time ("Thursday works", "the 10am")?
fn mentioned_proposal(turn: &Turn<'_>, text: &str) -> Option<usize> {
    let tz = turn.tz();
    let said = u::words(text);
    let matches: Vec<usize> = turn
        .details
        .proposals
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            let shown = s.for_sms(tz).to_lowercase(); // "thu dec 3, 10:00 am"
            let day = &shown[..3];
            let hour = s.start_utc().with_timezone(&tz).format("%-I").to_string();
            let ampm = s.start_utc().with_timezone(&tz).format("%P").to_string();
            let day_said = said.iter().any(|w| w.len() >= 3 && w.starts_with(day));
            let time_said = said.iter().enumerate().any(|(i, w)| {
                *w == format!("{hour}{ampm}")
                    || (*w == hour && said.get(i + 1).is_some_and(|n| *n == ampm))
            });
            day_said || time_said
        })
        .map(|(i, _)| i + 1)
        .collect();
    (matches.len() == 1).then(|| matches[0])
}

fn has_time_words(text: &str) -> bool {
    u::wants_booking(text)
        || [
            "morning",
            "afternoon",
            "evening",
            "after",
            "before",
            "weekend",
            "earlier",
            "later",
        ]
        .iter()
        .any(|w| u::words(text).iter().any(|x| x == w))
}

/// Safety words, a request for a person, complaints and the profile's escalation keywords hand
/// off at once, whatever the policy: decided in code, before any model sees the text.
pub async fn hand_off_if_needed(turn: &mut Turn<'_>, text: &str) -> anyhow::Result<Option<String>> {
    if u::safety(text) {
        return hand_off(turn, "safety", &format!("{SAFETY} ")).await;
    }
    if u::wants_human(text) {
        return hand_off(turn, "human_requested", "Of course. ").await;
    }
    if let Some(k) = u::complaint(text, &turn.business.profile.escalation.keywords) {
        return hand_off(
            turn,
            &format!("escalation: {k}"),
            "I'm sorry to hear that. ",
        )
        .await;
    }
    Ok(None)
}

/// The standard words for a hand-off, with the follow-up time.
pub fn handoff_reply(turn: &Turn<'_>, when: &str) -> String {
    handoff_text(turn, when, "")
}

/// Hand off for a reason the caller needs no special words for.
pub async fn hand_off_plain(turn: &mut Turn<'_>, reason: &str) -> anyhow::Result<Option<String>> {
    hand_off(turn, reason, "").await
}

/// Decide and act on the caller's (combined) text; returns the reply, if any.
pub async fn respond(turn: &mut Turn<'_>, text: &str) -> anyhow::Result<Option<String>> {
    let profile = turn.business.profile.clone();
    if let Some(reply) = hand_off_if_needed(turn, text).await? {
        return Ok(Some(reply));
    }
    let question = u::is_question(text);
    let answer = if question {
        u::topic(text, &profile).map(|t| (t.clone(), super::knowledge::answer(&t, &profile)))
    } else {
        None
    };
    match turn.current {
        State::Confirming => {
            let chosen = turn.details.chosen;
            if u::is_yes(text) {
                return match turn.execute(ToolCall::ConfirmBooking).await {
                    Ok(Outcome::Booked(slot)) => {
                        Ok(Some(format!(
                        "You're booked: {}, {}. See you then! Reply here if you need to change it.",
                        slot.for_sms(turn.tz()),
                        turn.details.service.as_deref().unwrap_or("visit").to_lowercase()
                    )))
                    }
                    Ok(Outcome::Moved(slot)) => Ok(Some(format!(
                        "Done - your visit is moved to {}. See you then!",
                        slot.for_sms(turn.tz())
                    ))),
                    Ok(_) => Ok(None),
                    Err(ToolError::Booking(e)) => {
                        find(
                            turn,
                            ToolCall::FindSlots {
                                service: None,
                                preference: String::new(),
                            },
                            &format!("Sorry, {e}. "),
                        )
                        .await
                    }
                    Err(e) => Err(anyhow::anyhow!("{e}")),
                };
            }
            if let Some(n) = u::pick_number(text, turn.details.proposals.len()) {
                return choose(turn, n).await;
            }
            if u::is_no(text) || has_time_words(text) {
                let pref = if u::is_no(text) && !has_time_words(text) {
                    String::new()
                } else {
                    text.to_string()
                };
                return find(
                    turn,
                    ToolCall::FindSlots {
                        service: None,
                        preference: pref,
                    },
                    "No problem. ",
                )
                .await;
            }
            if let Some((_, a)) = answer {
                let slot = chosen.map(|s| s.for_sms(turn.tz())).unwrap_or_default();
                return Ok(Some(format!("{a} Reply YES to book {slot}.")));
            }
            return unsure(
                turn,
                "Just reply YES to book that time, or tell me another day or time.",
            )
            .await;
        }
        State::Scheduling => {
            let n = turn.details.proposals.len();
            if let Some(k) = u::pick_number(text, n).or_else(|| mentioned_proposal(turn, text)) {
                return choose(turn, k).await;
            }
            if u::is_no(text) || has_time_words(text) {
                let pref = if has_time_words(text) {
                    text.to_string()
                } else {
                    String::new()
                };
                let call = if turn.details.rescheduling {
                    ToolCall::Reschedule { preference: pref }
                } else {
                    ToolCall::FindSlots {
                        service: None,
                        preference: pref,
                    }
                };
                return find(turn, call, "").await;
            }
            if let Some((_, a)) = answer {
                return Ok(Some(format!("{a} Which time works for you?")));
            }
            if question {
                return unanswered(turn, text).await;
            }
            return unsure(
                turn,
                "Which of those times works? Reply with its number, or tell me another day.",
            )
            .await;
        }
        State::Booked => {
            let booked = turn
                .details
                .booked
                .map(|s| s.for_sms(turn.tz()))
                .unwrap_or_default();
            if u::wants_reschedule(text) {
                let pref = text.to_string();
                return find(turn, ToolCall::Reschedule { preference: pref }, "Sure. ").await;
            }
            if u::wants_cancel(text) {
                return match turn.execute(ToolCall::CancelBooking).await {
                    Ok(Outcome::Cancelled(slot)) => Ok(Some(format!(
                        "Your {} visit is cancelled. Text us anytime if you need us again.",
                        slot.for_sms(turn.tz())
                    ))),
                    Ok(_) => Ok(None),
                    Err(e) => Err(anyhow::anyhow!("{e}")),
                };
            }
            if let Some((_, a)) = answer {
                return Ok(Some(a));
            }
            if question {
                return unanswered(turn, text).await;
            }
            if u::has_thanks(text) {
                return Ok(Some(format!("You're welcome! See you {booked}.")));
            }
            return Ok(Some(format!(
                "You're booked for {booked}. Reply here if you need to change or cancel it."
            )));
        }
        State::HumanOwned | State::OptedOut => return Ok(None),
        State::Greeted | State::Qualifying | State::Answering | State::Closed => {}
    }

    // Learning what the caller needs; a wish about timing is kept for when slots are offered.
    if has_time_words(text) {
        turn.details.preference = Some(text.to_string());
    }
    let mut understood = false;
    let mut lead = String::new();
    let service = u::match_service(text, &profile).map(|i| profile.services[i].name.clone());
    let address = u::extract_address(text);
    let name = u::extract_name(text);
    if service.is_some() || address.is_some() || name.is_some() {
        let description =
            (service.is_some() && turn.details.description.is_none()).then(|| text.to_string());
        turn.execute(ToolCall::RecordDetails {
            service,
            description,
            address,
            name,
            urgency: None,
        })
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        understood = true;
    } else if turn.details.asked_name
        && turn.details.name.is_none()
        && !question
        && u::words(text).len() <= 3
    {
        // The answer to "and your name?" is often just the name.
        let name = text.trim().trim_end_matches(['.', '!']).to_string();
        if name.chars().next().is_some_and(|c| c.is_alphabetic()) {
            turn.execute(ToolCall::RecordDetails {
                service: None,
                description: None,
                address: None,
                name: Some(name),
                urgency: None,
            })
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            understood = true;
        }
    }
    if question {
        match &answer {
            Some((t, _)) => {
                let topic_text = text.to_string();
                if let Ok(Outcome::Answer(a)) = turn
                    .execute(ToolCall::AnswerFromProfile { topic: topic_text })
                    .await
                {
                    lead = format!("{a} ");
                } else {
                    lead = format!("{} ", super::knowledge::answer(t, &profile));
                }
                understood = true;
            }
            None if !understood && !u::wants_booking(text) => return unanswered(turn, text).await,
            None => {}
        }
    }
    let booking = u::wants_booking(text);
    if u::is_greeting(text) || u::has_thanks(text) {
        understood = true;
    }
    if !understood && !booking {
        let services = list_services(turn);
        return unsure(
            turn,
            &format!("Sorry, I didn't catch that. What can we help with - {services}?"),
        )
        .await;
    }
    turn.details.unsure = 0;
    // Only answered a question and the caller showed no wish to book: offer, don't push.
    if !booking && turn.details.service.is_none() && lead.is_empty() && u::is_greeting(text) {
        return Ok(Some(format!(
            "Hi! What can we help you with - {}?",
            list_services(turn)
        )));
    }
    if turn.details.service.is_none() {
        if profile.services.len() == 1 {
            turn.details.service = Some(profile.services[0].name.clone());
        } else if !lead.is_empty() && !booking {
            return Ok(Some(format!("{lead}Would you like to book a visit?")));
        } else {
            return Ok(Some(format!(
                "{lead}Which service do you need: {}?",
                list_services(turn)
            )));
        }
    }
    if turn.details.address.is_none() && !turn.details.asked_address {
        turn.details.asked_address = true;
        let also_name = turn.details.name.is_none() && !turn.details.asked_name;
        turn.details.asked_name |= also_name;
        let service = turn
            .details
            .service
            .clone()
            .unwrap_or_default()
            .to_lowercase();
        let price = profile
            .services
            .iter()
            .find(|s| Some(&s.name) == turn.details.service.as_ref())
            .and_then(|s| s.price.clone())
            .filter(|_| lead.is_empty())
            .map(|p| format!(" ({p})"))
            .unwrap_or_default();
        let ask = if also_name {
            "What's the address for the visit, and your name?"
        } else {
            "What's the address for the visit?"
        };
        return Ok(Some(format!("{lead}Got it - {service}{price}. {ask}")));
    }
    if turn.details.name.is_none() && !turn.details.asked_name {
        turn.details.asked_name = true;
        return Ok(Some(format!("{lead}Thanks. And your name?")));
    }
    let pref = if has_time_words(text) {
        text.to_string()
    } else {
        turn.details.preference.clone().unwrap_or_default()
    };
    find(
        turn,
        ToolCall::FindSlots {
            service: None,
            preference: pref,
        },
        &lead,
    )
    .await
}

/// A question the profile does not answer: say so honestly, record it, and let a person follow up.
async fn unanswered(turn: &mut Turn<'_>, text: &str) -> anyhow::Result<Option<String>> {
    if let Ok(Outcome::Answer(a)) = turn
        .execute(ToolCall::AnswerFromProfile {
            topic: text.to_string(),
        })
        .await
    {
        return Ok(Some(a));
    }
    hand_off(
        turn,
        "unanswered_question",
        "Good question - I don't want to guess. ",
    )
    .await
}

/// Ask once more; after two misunderstandings in a row, hand off.
async fn unsure(turn: &mut Turn<'_>, clarify: &str) -> anyhow::Result<Option<String>> {
    turn.details.unsure += 1;
    if turn.details.unsure >= 2 {
        return hand_off(turn, "unclear", "Sorry, I'm having trouble understanding. ").await;
    }
    Ok(Some(clarify.to_string()))
}
