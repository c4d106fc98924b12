//! `decide`: one turn's decision, from what was loaded to a plan, touching no database and no
//! channel. The caller's texts, the conversation's state and details, the profile and (when a
//! tool needs it) a snapshot of the calendar go in; the new state, details, the reply and the
//! effects to apply come out. `turn` loads the input and applies the plan in one transaction.

use super::builtin;
use super::details::Details;
use super::guard;
use super::llm::{CallRecord, Llm, LlmReply};
use super::state::State;
use super::tools::{Effects, ToolCall, Turn};
use crate::calendar::service::Snapshot;
use crate::store::businesses::BusinessRecord;
use crate::store::contacts::Contact;
use crate::store::{BookingId, ConversationId, MessageId};
use anyhow::Context as _;
use chrono::{DateTime, Utc};

/// AI replies per conversation per day before a person takes over.
pub const MAX_AI_REPLIES_PER_DAY: i64 = 30;

/// LLM turns failing this many times in a row hand the thread to a person.
pub const MAX_LLM_FAILURES: u32 = 3;

/// Everything a turn decides from, read before it starts.
#[derive(Debug, Clone)]
pub struct TurnInput {
    pub business: BusinessRecord,
    pub contact: Contact,
    pub conversation_id: ConversationId,
    pub state: State,
    pub details: Details,
    /// Why the thread was last handed to a person, if it was.
    pub handoff_reason: Option<String>,
    /// The caller's texts this turn answers: (message id, body), oldest first.
    pub pending: Vec<(MessageId, String)>,
    /// Earlier messages (author, body), for a model; empty for the built-in policy.
    pub history: Vec<(String, String)>,
    /// The caller's last message before these, if any.
    pub earlier: Option<String>,
    /// AI replies in this conversation in the last day.
    pub replies_today: i64,
    pub now: DateTime<Utc>,
    /// Where the caller is (a text thread, a live call).
    pub channel: super::channel::Channel,
    /// Hand the thread to a person with this reason instead of answering (a turn that kept failing).
    pub force_hand_off: Option<String>,
    /// On a live call, where a model's words go as they stream in (first decision only: a turn
    /// decided again does not say them twice).
    pub speaker: Option<super::channel::Speaker>,
}

impl TurnInput {
    /// The texts as one message, one per line.
    pub fn text(&self) -> String {
        self.pending
            .iter()
            .map(|(_, b)| b.trim())
            .filter(|b| !b.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn internal(&self) -> bool {
        self.business
            .profile
            .internal_numbers()
            .any(|n| n.as_str() == self.contact.phone)
    }

    /// The calendar rows the conversation refers to.
    pub fn own_bookings(&self) -> Vec<BookingId> {
        self.details
            .hold_id
            .into_iter()
            .chain(self.details.booking_id)
            .collect()
    }
}

/// What a turn decided: applied as a whole, or not at all.
#[derive(Debug, Clone)]
pub struct Plan {
    pub state: State,
    pub details: Details,
    pub reply: Option<String>,
    pub effects: Effects,
    pub llm_records: Vec<CallRecord>,
}

#[derive(Debug, Clone)]
pub enum Decision {
    Plan(Box<Plan>),
    /// A tool needed the calendar and none was given: decide again with a snapshot.
    NeedsCalendar,
}

/// Decide one turn. Without `calendar`, a turn that needs it says so instead of deciding.
pub async fn decide(
    input: &TurnInput,
    calendar: Option<&Snapshot>,
    llm: Option<&Llm>,
) -> anyhow::Result<Decision> {
    let current = input.state;
    let internal = input.internal();
    let contact = &input.contact;
    let text = input.text();
    let mut turn = Turn {
        business: &input.business,
        conversation_id: input.conversation_id,
        contact,
        now: input.now,
        channel: input.channel,
        calendar,
        needs_calendar: false,
        current: if current == State::Closed {
            State::Qualifying
        } else {
            current
        },
        details: input.details.clone(),
        effects: Effects::default(),
        said: text.replace('\n', " "),
        earlier: input.earlier.clone(),
        chosen_this_turn: false,
        agreed_to_held: false,
        speaker: input.speaker.clone(),
    };
    let silent = contact.opted_out_at.is_some() || !current.ai_speaks() || internal;
    let mut llm_records: Vec<CallRecord> = Vec::new();
    let reply = if silent {
        let staff_own = current == State::HumanOwned && contact.opted_out_at.is_none() && !internal;
        if staff_own {
            builtin::safety_while_staff_own(&mut turn, &text, input.handoff_reason.as_deref())
        } else {
            None
        }
    } else if let Some(reason) = &input.force_hand_off {
        builtin::hand_off_plain(&mut turn, reason).await?
    } else {
        let repeated =
            input.pending.len() >= 3 && input.pending.windows(2).all(|w| w[0].1 == w[1].1);
        if input.replies_today >= MAX_AI_REPLIES_PER_DAY
            || super::understand::looks_automated(&text)
            || repeated
        {
            // Do not answer a machine or keep texting forever: hand the thread to a person quietly.
            let reason = if input.replies_today >= MAX_AI_REPLIES_PER_DAY {
                "reply_cap"
            } else {
                "auto_responder"
            };
            turn.execute(ToolCall::HandOff {
                reason: reason.into(),
            })
            .await
            .context("handing the thread to a person")?;
            None
        } else {
            let chosen =
                choose_policy(&mut turn, &text, &input.history, llm, &mut llm_records).await;
            if turn.needs_calendar {
                return Ok(Decision::NeedsCalendar);
            }
            chosen?
        }
    };
    if turn.needs_calendar {
        return Ok(Decision::NeedsCalendar);
    }
    let reply = match reply.map(|r| guard::finalize(&r)) {
        Some(r) if r.is_empty() => None,
        Some(r) => Some(grounded_or_hand_off(&mut turn, input, r).await),
        None => None,
    };
    Ok(Decision::Plan(Box::new(Plan {
        state: turn.current,
        details: turn.details,
        reply,
        effects: turn.effects,
        llm_records,
    })))
}

/// Never send a figure the profile does not contain: hand off instead.
async fn grounded_or_hand_off(turn: &mut Turn<'_>, input: &TurnInput, reply: String) -> String {
    let profile = &input.business.profile;
    let bad = guard::GroundingSources::for_turn(
        profile,
        input.pending.iter().map(|(_, b)| b.as_str()),
        &input.history,
        &turn.details,
        turn.tz(),
        input.channel,
    )
    .problems(&reply);
    if bad.is_empty() {
        return reply;
    }
    tracing::warn!(figures = ?bad, "reply blocked by the grounding check");
    let when = super::knowledge::follow_up_when(profile, input.now);
    turn.execute(ToolCall::HandOff {
        reason: "grounding_check".into(),
    })
    .await
    .ok();
    guard::finalize(&format!(
        "I want to get that right, so I'm passing this to the team at {}; a person will {} {when}.",
        profile.business.name,
        input.channel.get_back()
    ))
}

/// The deterministic hand-offs first; then the LLM when configured, falling back to the built-in
/// policy when it fails; otherwise the built-in policy.
async fn choose_policy(
    turn: &mut Turn<'_>,
    text: &str,
    history: &[(String, String)],
    llm: Option<&Llm>,
    records: &mut Vec<CallRecord>,
) -> anyhow::Result<Option<String>> {
    if let Some(reply) = builtin::hand_off_if_needed(turn, text).await? {
        return Ok(Some(reply));
    }
    let Some(llm) = llm else {
        return builtin::respond(turn, text).await;
    };
    if plain_step(turn, text) {
        return builtin::respond(turn, text).await;
    }
    match llm.respond(turn, text, history, records).await {
        Ok(LlmReply::Text(reply)) => {
            turn.details.llm_failures = 0;
            Ok(Some(reply))
        }
        Ok(LlmReply::HandedOff(when)) => {
            turn.details.llm_failures = 0;
            Ok(Some(builtin::handoff_reply(turn, &when)))
        }
        Ok(LlmReply::Ungrounded) => builtin::hand_off_plain(turn, "grounding_check").await,
        Err(e) => {
            turn.details.llm_failures += 1;
            tracing::warn!(error = %e, failures = turn.details.llm_failures, "LLM turn failed; the built-in policy answers");
            if turn.details.llm_failures >= MAX_LLM_FAILURES {
                return builtin::hand_off_plain(turn, "llm_failure").await;
            }
            builtin::respond(turn, text).await
        }
    }
}

/// A bare pick of an offered time ("2", "option 2 pls") or a bare yes to the time read back:
/// the next step is certain, so no model is asked (it would cost a call and a second or more,
/// and could only agree or get it wrong).
fn plain_step(turn: &Turn<'_>, text: &str) -> bool {
    use super::understand as u;
    let w = u::words(text);
    match turn.current {
        State::Scheduling => {
            let filler = ["option", "number", "no", "please", "pls", "the"];
            w.len() <= 3
                && w.iter()
                    .all(|x| x.chars().all(|c| c.is_ascii_digit()) || filler.contains(&x.as_str()))
                && u::pick_number(text, turn.details.proposals.len()).is_some()
        }
        State::Confirming => w.len() <= 3 && u::is_yes(text) && !u::is_question(text),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    //! A table of state × caller input → plan, decided without a database: the calendar is a
    //! snapshot built by hand, as `turn` would have read it.
    use super::*;
    use crate::calendar::Slot;
    use crate::engine::tools::CalendarChange;
    use crate::store::bookings::BookingRow;
    use crate::store::{BookingId, BusinessId, ContactId, ConversationId, MessageId};
    use chrono::Timelike;
    use std::sync::Arc;

    const NOW: &str = "2026-12-02T15:00:00Z";

    fn input(state: State, details: Details, texts: &[&str]) -> TurnInput {
        let profile = crate::domain::profile::BusinessProfile::from_toml(include_str!(
            "../../examples/daves-plumbing.toml"
        ))
        .unwrap();
        TurnInput {
            business: BusinessRecord {
                id: BusinessId(1),
                profile: Arc::new(profile),
            },
            contact: Contact {
                id: ContactId(7),
                phone: "+15550007777".into(),
                opted_out_at: None,
                not_textable_at: None,
                not_textable_reason: None,
            },
            conversation_id: ConversationId(3),
            state,
            details,
            handoff_reason: None,
            pending: texts
                .iter()
                .enumerate()
                .map(|(i, t)| (MessageId(i as i64 + 1), t.to_string()))
                .collect(),
            history: Vec::new(),
            earlier: None,
            replies_today: 0,
            now: NOW.parse().unwrap(),
            channel: crate::engine::channel::Channel::Sms,
            force_hand_off: None,
            speaker: None,
        }
    }

    fn row(id: i64, status: &str, slot: Slot, hold_expires_at: Option<i64>) -> BookingRow {
        BookingRow {
            id: BookingId(id),
            business_id: BusinessId(1),
            uid: format!("b{id}"),
            status: status.into(),
            start_at: slot.start,
            end_at: slot.end,
            hold_expires_at,
            conversation_id: Some(ConversationId(3)),
            contact_id: Some(ContactId(7)),
            caller_name: None,
            caller_phone: None,
            service: Some("Drain cleaning".into()),
            address: None,
            notes: None,
            sequence: 0,
            created_at: 0,
            confirmed_at: None,
            no_show_at: None,
            updated_at: 0,
        }
    }

    /// Thursday 10:00 New York, an hour.
    fn thursday_ten() -> Slot {
        let start: DateTime<Utc> = "2026-12-03T15:00:00Z".parse().unwrap();
        Slot {
            start: start.timestamp_millis(),
            end: start.timestamp_millis() + 3_600_000,
        }
    }

    async fn plan(input: &TurnInput, calendar: Option<&Snapshot>) -> Plan {
        match decide(input, calendar, None).await.unwrap() {
            Decision::Plan(p) => *p,
            Decision::NeedsCalendar => panic!("asked for the calendar"),
        }
    }

    fn holding() -> Details {
        Details {
            service: Some("Drain cleaning".into()),
            address: Some("12 Oak St".into()),
            name: Some("Ann".into()),
            proposals: vec![thursday_ten()],
            chosen: Some(thursday_ten()),
            hold_id: Some(BookingId(41)),
            ..Details::default()
        }
    }

    #[tokio::test]
    async fn a_danger_is_handed_off_without_the_calendar() {
        let i = input(
            State::Greeted,
            Details::default(),
            &["i smell gas in the basement"],
        );
        let p = plan(&i, None).await;
        assert_eq!(p.state, State::HumanOwned);
        assert!(p
            .effects
            .handoff_reason
            .as_deref()
            .is_some_and(|r| r.starts_with("safety")));
        assert!(
            p.effects.notify[0].starts_with("URGENT"),
            "{:?}",
            p.effects.notify
        );
        assert!(p.reply.unwrap().contains("911"));
        assert!(p.effects.calendar.is_empty());
    }

    #[tokio::test]
    async fn a_question_is_answered_without_the_calendar() {
        let i = input(
            State::Greeted,
            Details::default(),
            &["what are your hours?"],
        );
        let p = plan(&i, None).await;
        assert!(p.reply.unwrap().to_lowercase().contains("mon"));
        assert!(p.effects.handoff_reason.is_none());
    }

    #[tokio::test]
    async fn a_job_the_caller_doubts_is_ours_goes_to_the_team_not_a_yes() {
        for text in [
            "can u guys hang a ceiling fan while ur here or is that not your thing",
            "do yall insulate pipes in the crawlspace?",
            // A job no service names, asked beside a booking.
            "if u guys clear the drain next week can u also paint the bathroom?",
        ] {
            let i = input(State::Greeted, Details::default(), &[text]);
            let p = plan(&i, None).await;
            assert_eq!(
                p.effects.handoff_reason.as_deref(),
                Some("unanswered_question"),
                "{text}"
            );
            let reply = p.reply.unwrap();
            assert!(
                !reply.contains("Yes") && !reply.contains("Got it"),
                "{reply}"
            );
        }
        // A listed job asked plainly is still booked.
        for text in ["can you guys come fix a leak tomorrow?"] {
            let i = input(State::Greeted, Details::default(), &[text]);
            let p = plan(&i, None).await;
            assert!(p.effects.handoff_reason.is_none(), "{text}");
        }
    }

    #[tokio::test]
    async fn offering_times_needs_the_calendar_and_then_proposes_from_it() {
        let d = Details {
            service: Some("Drain cleaning".into()),
            address: Some("12 Oak St".into()),
            name: Some("Ann".into()),
            ..Details::default()
        };
        let i = input(State::Qualifying, d, &["thursday morning works"]);
        assert!(matches!(
            decide(&i, None, None).await.unwrap(),
            Decision::NeedsCalendar
        ));
        let p = plan(&i, Some(&Snapshot::default())).await;
        // The first time that fits is held and read back for a yes, the others open to pick.
        assert_eq!(p.state, State::Confirming);
        assert!(!p.details.proposals.is_empty());
        assert_eq!(p.details.chosen, p.details.proposals.first().copied());
        let reply = p.reply.unwrap();
        assert!(
            reply.contains("Thu") && reply.contains("reply YES"),
            "{reply}"
        );
        // Busy time from a feed is never offered.
        let mut busy = Snapshot::default();
        busy.feeds.intervals.push(crate::calendar::Interval {
            start: thursday_ten().start - 4 * 3_600_000,
            end: thursday_ten().start + 4 * 3_600_000,
        });
        let p = plan(&i, Some(&busy)).await;
        assert!(!p.details.proposals.contains(&thursday_ten()));
    }

    /// A time read back and turned down: the new search does not read the same time back again
    /// (the next is, the declined one still open to pick).
    #[tokio::test]
    async fn a_time_turned_down_is_not_read_back_again() {
        let d = Details {
            service: Some("Drain cleaning".into()),
            address: Some("12 Oak St".into()),
            name: Some("Ann".into()),
            ..Details::default()
        };
        let i = input(State::Qualifying, d, &["any day works"]);
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(p.state, State::Confirming, "{:?}", p.reply);
        let declined = p.details.chosen;
        let i = input(
            State::Confirming,
            p.details,
            &["actually no, something else?"],
        );
        let q = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(q.state, State::Confirming, "{:?}", q.reply);
        assert!(
            q.details.chosen.is_some() && q.details.chosen != declined,
            "{:?}",
            q.reply
        );
        assert!(q.reply.unwrap().contains("Or pick 1) "));
    }

    /// Asked which of two services, the caller gives an address and name instead: the better
    /// fit is taken and named, not the same question again.
    #[tokio::test]
    async fn a_tie_asked_once_then_details_settles_on_the_better_fit() {
        let d = Details {
            candidates: vec!["Leak repair".into(), "Drain cleaning".into()],
            ..Details::default()
        };
        let i = input(State::Qualifying, d, &["44 Elm St, its Rosa"]);
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(p.details.service.as_deref(), Some("Leak repair"));
        assert_eq!(p.details.address.as_deref(), Some("44 Elm St"));
        let reply = p.reply.unwrap();
        assert!(reply.contains("leak repair"), "{reply}");
        assert!(!reply.contains("Just to be sure"), "{reply}");
        // ...and so does saying when they are free instead.
        let d = Details {
            candidates: vec!["Leak repair".into(), "Drain cleaning".into()],
            ..Details::default()
        };
        let i = input(
            State::Qualifying,
            d,
            &["we both work weekdays, anything saturday morning?"],
        );
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(p.details.service.as_deref(), Some("Leak repair"));
        let reply = p.reply.unwrap();
        assert!(!reply.contains("Just to be sure"), "{reply}");
    }

    /// "Yep" to the times offered: the first of them, asked to confirm (never booked unseen).
    #[tokio::test]
    async fn a_bare_yes_to_the_times_takes_the_first_and_asks_to_confirm() {
        let d = Details {
            service: Some("Drain cleaning".into()),
            address: Some("12 Oak St".into()),
            proposals: vec![thursday_ten()],
            ..Details::default()
        };
        let i = input(State::Scheduling, d, &["yep sounds good"]);
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(p.state, State::Confirming);
        assert_eq!(p.details.chosen, Some(thursday_ten()));
        assert!(p.reply.unwrap().contains("YES"));
    }

    /// "ok thats fine. its Tyler" to three times, after "like 4ish": the name is kept and the
    /// yes reads back the time nearest the hour the caller wished for, not the first.
    #[tokio::test]
    async fn a_yes_beside_a_name_reads_back_the_time_the_wish_singles_out() {
        let at = |h: i64| {
            let start = thursday_ten().start + (h - 10) * 3_600_000;
            Slot {
                start,
                end: start + 3_600_000,
            }
        };
        let d = Details {
            service: Some("Drain cleaning".into()),
            address: Some("12 Oak St".into()),
            proposals: vec![at(12), at(14), at(16)],
            preference: Some("thursday, like 2ish".into()),
            asked_name: true,
            ..Details::default()
        };
        let i = input(State::Scheduling, d, &["ok thats fine. its Tyler Moss"]);
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(p.state, State::Confirming, "{:?}", p.reply);
        assert_eq!(p.details.chosen, Some(at(14)), "{:?}", p.reply);
        assert_eq!(p.details.name.as_deref(), Some("Tyler Moss"));
        // "Great. Tyler Moss" after an answer only thanks: the times stay on offer.
        let d = Details {
            service: Some("Drain cleaning".into()),
            address: Some("12 Oak St".into()),
            proposals: vec![at(12), at(14), at(16)],
            asked_name: true,
            ..Details::default()
        };
        let i = input(State::Scheduling, d, &["Great. Tyler Moss"]);
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(p.state, State::Scheduling, "{:?}", p.reply);
        assert!(p.reply.unwrap().contains("Thanks, Tyler"));
    }

    /// An hour said alone while the address is still missing ("9 is good" after a day was
    /// wished): the time offered at that hour is read back for a yes once the address comes.
    #[tokio::test]
    async fn an_hour_before_any_times_is_read_back_at_that_hour() {
        let d = Details {
            service: Some("Drain cleaning".into()),
            asked_address: true,
            address_asks: 1,
            ..Details::default()
        };
        let i = input(State::Qualifying, d, &["10 is good"]);
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert!(p.reply.unwrap().contains("address"));
        assert_eq!(p.details.early_hour, Some(10));
        assert_eq!(p.details.early_pick, None, "10 is no pick of three");
        let i = input(State::Qualifying, p.details, &["12 Oak St"]);
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(p.state, State::Confirming);
        let tz = i.business.profile.tz();
        let chosen = p.details.chosen.unwrap().start_utc().with_timezone(&tz);
        assert_eq!(chosen.hour(), 10, "{:?}", p.reply);
    }

    /// "The first afternoon one" picks the first afternoon time on offer, not the first time;
    /// "whichever is earliest after 3" looks again and reads back the earliest found for a yes.
    #[tokio::test]
    async fn the_earliest_of_the_times_that_fit_what_was_said() {
        let d = Details {
            service: Some("Drain cleaning".into()),
            address: Some("12 Oak St".into()),
            ..Details::default()
        };
        let i = input(State::Qualifying, d, &["any day works"]);
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(p.state, State::Confirming, "{:?}", p.reply);
        let tz = i.business.profile.tz();
        let hour = |s: &crate::calendar::Slot| s.start_utc().with_timezone(&tz).hour();
        let afternoon = p.details.proposals.iter().position(|s| hour(s) >= 12);
        // (As a list, with nothing read back yet, as after a time that was just taken.)
        let listed = Details {
            chosen: None,
            hold_id: None,
            ..p.details.clone()
        };
        let i = input(
            State::Scheduling,
            listed.clone(),
            &["The first afternoon one is fine."],
        );
        let q = plan(&i, Some(&Snapshot::default())).await;
        match afternoon {
            Some(k) => {
                assert_eq!(q.state, State::Confirming, "{:?}", q.reply);
                assert_eq!(q.details.chosen, Some(p.details.proposals[k]));
            }
            None => assert_ne!(q.state, State::Confirming, "no afternoon time was offered"),
        }
        let i = input(
            State::Scheduling,
            listed,
            &["whichever is earliest after 3"],
        );
        let q = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(q.state, State::Confirming, "{:?}", q.reply);
        let chosen = q.details.chosen.unwrap();
        assert!(hour(&chosen) >= 15, "{:?}", q.reply);
        assert!(q
            .details
            .proposals
            .iter()
            .all(|s| s.start_utc() >= chosen.start_utc()));
        assert!(q.reply.unwrap().contains("Or pick"));
    }

    /// A number sent while the address is still missing: the address is asked for again, not
    /// the list of services.
    #[tokio::test]
    async fn a_number_before_any_times_asks_for_the_address_again() {
        let d = Details {
            service: Some("Drain cleaning".into()),
            asked_address: true,
            address_asks: 1,
            ..Details::default()
        };
        let i = input(State::Qualifying, d, &["3 please"]);
        let p = plan(&i, Some(&Snapshot::default())).await;
        let reply = p.reply.unwrap();
        assert!(reply.contains("address"), "{reply}");
        assert!(!reply.contains("What can we help with"), "{reply}");
        assert_eq!(p.details.address_asks, 1, "not counted as a refusal");
        // The pick is kept: once the address comes, the times are offered with that one read
        // back for a yes, the others still open to pick.
        assert_eq!(p.details.early_pick, Some(3));
        let i = input(State::Qualifying, p.details, &["12 Oak St"]);
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(p.state, State::Confirming);
        assert_eq!(p.details.proposals.len(), 3);
        assert_eq!(p.details.chosen, Some(p.details.proposals[2]));
        assert_eq!(p.details.early_pick, None);
        let reply = p.reply.unwrap();
        assert!(
            reply.contains("YES") && reply.contains("Or pick 1)"),
            "{reply}"
        );
    }

    /// Another time picked while one is read back for a yes ("ok lets do the first one. Pam
    /// Lee"): that pick, with the name kept, not a yes to the time read back.
    #[tokio::test]
    async fn a_pick_while_confirming_is_that_pick_and_keeps_the_name() {
        let friday = Slot {
            start: thursday_ten().start + 24 * 3_600_000,
            end: thursday_ten().end + 24 * 3_600_000,
        };
        let d = Details {
            service: Some("Drain cleaning".into()),
            address: Some("12 Oak St".into()),
            proposals: vec![thursday_ten(), friday],
            chosen: Some(friday),
            asked_name: true,
            ..Details::default()
        };
        let i = input(State::Confirming, d, &["ok lets do the first one. Pam Lee"]);
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(p.state, State::Confirming);
        assert_eq!(p.details.chosen, Some(thursday_ten()));
        assert_eq!(p.details.name.as_deref(), Some("Pam Lee"));
        assert!(
            !p.effects
                .calendar
                .iter()
                .any(|c| matches!(c, CalendarChange::Confirm { .. })),
            "nothing booked without a yes"
        );
    }

    /// The name asked for, sent with more words while a time is read back ("Tomas Reyes, im
    /// the manager"): kept, and the time still waits for a yes.
    #[tokio::test]
    async fn a_name_with_more_words_while_confirming_is_kept() {
        let d = Details {
            service: Some("Drain cleaning".into()),
            address: Some("12 Oak St".into()),
            proposals: vec![thursday_ten()],
            chosen: Some(thursday_ten()),
            asked_name: true,
            ..Details::default()
        };
        let i = input(State::Confirming, d, &["Tomas Reyes, im the manager"]);
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(p.state, State::Confirming);
        assert_eq!(p.details.name.as_deref(), Some("Tomas Reyes"));
        assert!(
            p.reply.as_deref().is_some_and(|r| r.contains("YES")),
            "{:?}",
            p.reply
        );
    }

    /// A day named with a wish about the time of day is a wish, not the one offer on that day;
    /// a bare digit answers an unnumbered list of services only before times are offered.
    #[tokio::test]
    async fn wishes_and_digits_are_not_picks_of_what_was_not_offered() {
        let d = Details {
            service: Some("Drain cleaning".into()),
            address: Some("12 Oak St".into()),
            name: Some("Ann".into()),
            proposals: vec![thursday_ten()],
            ..Details::default()
        };
        let i = input(
            State::Scheduling,
            d,
            &["thursday late afternoon would be best"],
        );
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_ne!(p.details.chosen, Some(thursday_ten()), "{:?}", p.reply);
        assert!(
            !p.details.proposals.contains(&thursday_ten()),
            "{:?}",
            p.reply
        );
        let d = Details {
            candidates: vec![
                "Drain cleaning".into(),
                "Leak repair".into(),
                "Water heater install".into(),
            ],
            ..Details::default()
        };
        // Before any times are offered the question is the only list there is: "2 pls" picks
        // its second service, and is also kept as a pick of the second time, read back for an
        // explicit yes (the caller may have meant a time).
        let i = input(State::Qualifying, d.clone(), &["2 pls"]);
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(p.details.service.as_deref(), Some("Leak repair"));
        assert_eq!(p.details.early_pick, Some(2));
        // Once times are on offer, a bare digit is a time, not a service.
        let d = Details {
            proposals: vec![thursday_ten(), thursday_ten()],
            ..d
        };
        let i = input(State::Qualifying, d, &["2 pls"]);
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(p.details.service, None);
    }

    /// A question the profile does not answer, asked while times are on offer: the team is
    /// told, the question recorded, and the times stay on offer (no hand-off).
    #[tokio::test]
    async fn a_question_while_booking_is_passed_on_and_the_booking_goes_on() {
        let d = Details {
            service: Some("Drain cleaning".into()),
            address: Some("12 Oak St".into()),
            proposals: vec![thursday_ten()],
            ..Details::default()
        };
        let i = input(
            State::Scheduling,
            d,
            &["before i pick, does your plumber wear shoe covers inside"],
        );
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(p.state, State::Scheduling);
        assert!(p.effects.handoff_reason.is_none());
        assert_eq!(p.effects.unanswered.len(), 1);
        assert_eq!(p.effects.notify.len(), 1);
        assert!(p.reply.unwrap().contains("check that with the team"));
    }

    /// A question we cannot answer while we wait for the address (the service is known): the
    /// team gets it, and the booking goes on; before the service is known it is a hand-off.
    #[tokio::test]
    async fn a_question_while_asked_for_the_address_goes_to_the_team_and_the_booking_goes_on() {
        let d = Details {
            service: Some("Drain cleaning".into()),
            asked_address: true,
            asked_name: true,
            ..Details::default()
        };
        let i = input(
            State::Qualifying,
            d,
            &["quick q do yall pull the city permit or is that on me?"],
        );
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(p.state, State::Qualifying, "{:?}", p.reply);
        assert!(p.effects.handoff_reason.is_none(), "{:?}", p.reply);
        assert_eq!(p.effects.unanswered.len(), 1);
        assert_eq!(p.effects.notify.len(), 1);
        let reply = p.reply.unwrap();
        assert!(reply.contains("check that with the team"), "{reply}");
        assert!(reply.contains("address"), "{reply}");
        let i = input(
            State::Greeted,
            Details::default(),
            &["quick q do yall pull the city permit or is that on me?"],
        );
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(
            p.effects.handoff_reason.as_deref(),
            Some("unanswered_question")
        );
    }

    #[tokio::test]
    async fn picking_a_time_plans_a_hold_and_asks_for_yes() {
        let d = Details {
            service: Some("Drain cleaning".into()),
            address: Some("12 Oak St".into()),
            proposals: vec![thursday_ten()],
            ..Details::default()
        };
        let i = input(State::Scheduling, d, &["1"]);
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(p.state, State::Confirming);
        assert_eq!(
            p.effects.calendar,
            vec![CalendarChange::Hold(thursday_ten())]
        );
        assert_eq!(p.details.chosen, Some(thursday_ten()));
        assert!(p.reply.unwrap().contains("YES"));
    }

    /// With a model configured, a bare pick and a bare yes are decided without it: the model
    /// here is unreachable, and no call is made (nor recorded as failed).
    #[tokio::test]
    async fn a_bare_pick_and_a_bare_yes_need_no_model_call() {
        let llm = Llm::new(&crate::config::LlmConfig {
            base_url: "http://127.0.0.1:9/v1".into(),
            api_key: None,
            model: "unreachable".into(),
            timeout: std::time::Duration::from_millis(200),
            retries: 0,
        })
        .unwrap();
        let d = Details {
            service: Some("Drain cleaning".into()),
            address: Some("12 Oak St".into()),
            proposals: vec![thursday_ten()],
            ..Details::default()
        };
        let i = input(State::Scheduling, d, &["1 please"]);
        let Decision::Plan(p) = decide(&i, Some(&Snapshot::default()), Some(&llm))
            .await
            .unwrap()
        else {
            panic!("asked for the calendar")
        };
        assert_eq!(p.state, State::Confirming);
        assert!(p.llm_records.is_empty(), "{:?}", p.llm_records);
        // Anything more than a pick goes to the model (here: fails, and the built-in answers).
        let i = input(
            State::Confirming,
            holding(),
            &["yes but can it be earlier?"],
        );
        let Decision::Plan(p) = decide(&i, Some(&Snapshot::default()), Some(&llm))
            .await
            .unwrap()
        else {
            panic!("asked for the calendar")
        };
        assert_eq!(p.llm_records.len(), 1);
    }

    #[tokio::test]
    async fn yes_on_a_live_hold_plans_the_booking_and_a_receipt() {
        let i = input(State::Confirming, holding(), &["yes"]);
        let expires = i.now.timestamp_millis() + 600_000;
        let snapshot = Snapshot {
            own: vec![row(41, "held", thursday_ten(), Some(expires))],
            claimed: vec![(BookingId(41), thursday_ten().start, thursday_ten().end)],
            ..Snapshot::default()
        };
        let p = plan(&i, Some(&snapshot)).await;
        assert_eq!(p.state, State::Booked);
        assert_eq!(
            p.effects.calendar,
            vec![CalendarChange::Confirm {
                hold: BookingId(41),
                slot: thursday_ten()
            }]
        );
        assert_eq!(p.details.booking_id, Some(BookingId(41)));
        assert!(p.reply.unwrap().starts_with("You're booked"));
        assert!(p.effects.notify[0].starts_with("New booking: Drain cleaning"));
    }

    /// The calendar with Thursday 10:00 held for this conversation (`holding()`) for 10 minutes.
    fn held_thursday_ten() -> Snapshot {
        let expires = input(State::Confirming, holding(), &["x"])
            .now
            .timestamp_millis()
            + 600_000;
        Snapshot {
            own: vec![row(41, "held", thursday_ten(), Some(expires))],
            claimed: vec![(BookingId(41), thursday_ten().start, thursday_ten().end)],
            ..Snapshot::default()
        }
    }

    /// The plan books the held time.
    fn confirms(p: &Plan) -> bool {
        p.effects
            .calendar
            .iter()
            .any(|c| matches!(c, CalendarChange::Confirm { .. }))
    }

    /// The time read back said again with a yes ("yes thursday at 10 works, book it") books it;
    /// said again without one, or another hour with one, books nothing.
    #[tokio::test]
    async fn the_held_time_said_again_with_a_yes_books_it() {
        let snapshot = held_thursday_ten();
        let i = input(
            State::Confirming,
            holding(),
            &["yes thursday at 10 works, book it"],
        );
        let p = plan(&i, Some(&snapshot)).await;
        assert!(confirms(&p), "{:?}", p.reply);
        assert_eq!(p.state, State::Booked);
        // After a review: a plain yes with the held hour still books; a hedge, another day or
        // hour, "next", a written "am" for a PM time or a preference for another part of the
        // day does not.
        for text in [
            "yes at 10",
            "yes see you thursday",
            "Yes, that's fine. I will leave the gate open for you",
        ] {
            let i = input(State::Confirming, holding(), &[text]);
            let p = plan(&i, Some(&snapshot)).await;
            assert!(confirms(&p), "{text}: {:?}", p.reply);
        }
        for text in [
            "thursday at 10 works",
            "yes thursday at 11, book it",
            "yeah thursday might work, let me check with my husband and get back to you",
            "yes next thursday at 10 works, book it",
            "yes thursday 10pm book it",
            "Yes. I'd prefer the afternoon if there is an opening, I get home around 1",
            "ok cool. saturday morning if possible",
        ] {
            let i = input(State::Confirming, holding(), &[text]);
            let p = plan(&i, Some(&snapshot)).await;
            assert!(!confirms(&p), "{text}: {:?}", p.reply);
        }
    }

    #[tokio::test]
    async fn the_held_time_picked_again_with_a_word_of_agreement_books_it() {
        let snapshot = held_thursday_ten();
        // The caller picks the very time read back, and says it suits them.
        for text in [
            "the first one works, thanks",
            "first one thx",
            "the earliest one pls",
            "the first one is great, thank you",
        ] {
            let i = input(State::Confirming, holding(), &[text]);
            let p = plan(&i, Some(&snapshot)).await;
            assert!(confirms(&p), "{text}: {:?}", p.reply);
        }
        // A bare pick is read back for a yes; a pick with a question or a hedge books nothing.
        for text in [
            "1",
            "the first one, do you take cards?",
            "the first one might work, let me check",
            "first one works but actually can we do 3 instead",
        ] {
            let i = input(State::Confirming, holding(), &[text]);
            let p = plan(&i, Some(&snapshot)).await;
            assert!(!confirms(&p), "{text}: {:?}", p.reply);
        }
    }

    #[tokio::test]
    async fn yes_on_a_lapsed_hold_books_nothing_and_offers_times_again() {
        let i = input(State::Confirming, holding(), &["yes"]);
        let lapsed = Snapshot {
            own: vec![row(41, "expired", thursday_ten(), None)],
            ..Snapshot::default()
        };
        let p = plan(&i, Some(&lapsed)).await;
        assert!(!p
            .effects
            .calendar
            .iter()
            .any(|c| matches!(c, CalendarChange::Confirm { .. })));
        assert_ne!(p.state, State::Booked);
        assert!(p.reply.unwrap().starts_with("Sorry"));
    }

    /// A drain cleaning booked for Thursday at ten (booking 41), and the calendar that holds it.
    fn booked_thursday_ten() -> (Details, Snapshot) {
        let d = Details {
            service: Some("Drain cleaning".into()),
            booking_id: Some(BookingId(41)),
            booked: Some(thursday_ten()),
            ..Details::default()
        };
        let snapshot = Snapshot {
            own: vec![row(41, "booked", thursday_ten(), None)],
            ..Snapshot::default()
        };
        (d, snapshot)
    }

    #[tokio::test]
    async fn a_cancel_after_booking_plans_the_cancellation() {
        let (d, snapshot) = booked_thursday_ten();
        let i = input(State::Booked, d, &["i need to cancel my appointment"]);
        let p = plan(&i, Some(&snapshot)).await;
        assert_eq!(
            p.effects.calendar,
            vec![CalendarChange::Cancel(BookingId(41))]
        );
        assert_eq!(p.details.booking_id, None);
        assert!(p.effects.notify[0].starts_with("Cancelled"));
    }

    #[tokio::test]
    async fn a_question_about_cancelling_keeps_the_booking() {
        let (mut d, snapshot) = booked_thursday_ten();
        d.asked_name = true;
        let i = input(
            State::Booked,
            d,
            &["Ana. how late can i cancel if my kid ends up sick?"],
        );
        let p = plan(&i, Some(&snapshot)).await;
        assert!(p.effects.calendar.is_empty(), "{:?}", p.effects.calendar);
        assert_eq!(p.details.booking_id, Some(BookingId(41)));
        // The name said as a sentence of its own is kept.
        assert_eq!(p.details.name.as_deref(), Some("Ana"));
    }

    #[tokio::test]
    async fn silent_cases_send_nothing_and_change_nothing() {
        // Staff own the thread.
        let i = input(State::HumanOwned, Details::default(), &["ok thanks"]);
        let p = plan(&i, None).await;
        assert!(p.reply.is_none() && p.effects.notify.is_empty());
        assert_eq!(p.state, State::HumanOwned);
        // The caller opted out.
        let mut i = input(State::Qualifying, Details::default(), &["need a plumber"]);
        i.contact.opted_out_at = Some(1);
        let p = plan(&i, None).await;
        assert!(p.reply.is_none());
        // One of the business's own numbers.
        let mut i = input(State::Qualifying, Details::default(), &["need a plumber"]);
        i.contact.phone = "+15550100999".into();
        assert!(plan(&i, None).await.reply.is_none());
    }

    #[tokio::test]
    async fn a_danger_while_staff_own_the_thread_still_gets_advice_and_an_alert() {
        let i = input(
            State::HumanOwned,
            Details::default(),
            &["now there's smoke coming out of the outlet"],
        );
        let p = plan(&i, None).await;
        assert!(p.reply.is_some_and(|r| r.contains("911")));
        assert!(p.effects.notify.iter().any(|n| n.starts_with("URGENT")));
    }

    #[tokio::test]
    async fn a_complaint_after_a_hand_off_for_a_question_tells_staff_it_is_one() {
        let mut i = input(
            State::HumanOwned,
            Details::default(),
            &["the bill came to $240 and nobody said a word about that, thats not ok"],
        );
        i.handoff_reason = Some("unanswered_question".into());
        let p = plan(&i, None).await;
        assert!(p.reply.is_none());
        assert!(p
            .effects
            .handoff_reason
            .as_deref()
            .is_some_and(|r| r.starts_with("complaint")));
        assert!(p.effects.notify.iter().any(|n| n.contains("complaining")));
        // Already a complaint, or only thanks: nothing new for staff.
        i.handoff_reason = Some("complaint: refund".into());
        assert!(plan(&i, None).await.effects.notify.is_empty());
        let mut i = input(State::HumanOwned, Details::default(), &["ok thanks"]);
        i.handoff_reason = Some("unanswered_question".into());
        assert!(plan(&i, None).await.effects.notify.is_empty());
    }

    #[tokio::test]
    async fn a_call_asked_for_after_a_hand_off_for_a_question_tells_staff() {
        let mut i = input(
            State::HumanOwned,
            Details::default(),
            &["actually could the owner just phone me when hes free"],
        );
        i.handoff_reason = Some("unanswered_question".into());
        let p = plan(&i, None).await;
        assert!(p.reply.is_none());
        assert_eq!(p.effects.handoff_reason.as_deref(), Some("human_requested"));
        assert!(p
            .effects
            .notify
            .iter()
            .any(|n| n.contains("asks for a person")));
        // Handed off for safety or a complaint: that reason stays.
        i.handoff_reason = Some("complaint: billing".into());
        let p = plan(&i, None).await;
        assert!(p.effects.handoff_reason.is_none() && p.effects.notify.is_empty());
    }

    #[tokio::test]
    async fn a_question_the_profile_cannot_answer_starts_no_booking() {
        // A word of a service's description ("hose") in a question about the visit is no wish
        // for that service: the question goes to the team.
        let with_description = |mut i: TurnInput| {
            let mut p = (*i.business.profile).clone();
            p.services[0].description = Some("We run a hose-fed jetter through the line.".into());
            i.business.profile = Arc::new(p);
            i
        };
        let i = with_description(input(
            State::Greeted,
            Details::default(),
            &["do i need to have a hose hooked up for you guys?"],
        ));
        let p = plan(&i, None).await;
        assert_eq!(
            p.effects.handoff_reason.as_deref(),
            Some("unanswered_question")
        );
        assert!(p.details.service.is_none());
        // Asking for a visit is a booking, question or not.
        let i = with_description(input(
            State::Greeted,
            Details::default(),
            &["whats the earliest you can get someone out to jet the line?"],
        ));
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert!(p.effects.handoff_reason.is_none(), "{:?}", p.reply);
    }

    #[tokio::test]
    async fn the_reply_cap_and_a_failing_turn_hand_off() {
        let mut i = input(State::Qualifying, Details::default(), &["hello?"]);
        i.replies_today = MAX_AI_REPLIES_PER_DAY;
        let p = plan(&i, None).await;
        assert_eq!(p.state, State::HumanOwned);
        assert_eq!(p.effects.handoff_reason.as_deref(), Some("reply_cap"));
        assert!(p.reply.is_none());
        let mut i = input(State::Qualifying, Details::default(), &["hello?"]);
        i.force_hand_off = Some("turn_failed".into());
        let p = plan(&i, None).await;
        assert_eq!(p.effects.handoff_reason.as_deref(), Some("turn_failed"));
        assert!(p.reply.is_some());
    }

    #[tokio::test]
    async fn the_same_decision_is_worded_for_speech_on_a_call() {
        let d = Details {
            service: Some("Drain cleaning".into()),
            address: Some("12 Oak St".into()),
            name: Some("Ann".into()),
            ..Details::default()
        };
        let mut i = input(State::Qualifying, d, &["thursday morning works"]);
        let sms = plan(&i, Some(&Snapshot::default())).await;
        i.channel = crate::engine::channel::Channel::Voice;
        let voice = plan(&i, Some(&Snapshot::default())).await;
        // Same state, same times offered; only the words differ.
        assert_eq!(sms.state, voice.state);
        assert_eq!(sms.details.proposals, voice.details.proposals);
        assert_eq!(sms.details.chosen, voice.details.chosen);
        let said = voice.reply.unwrap();
        assert!(said.contains("Thursday, December 3"), "{said}");
        assert!(said.contains("shall I book it?"), "{said}");
        assert!(!said.contains("Reply") && !said.contains("1)"), "{said}");
        // Picking one aloud, then the read-back asks a question rather than for a typed YES.
        let mut d = voice.details.clone();
        d.proposals.truncate(1);
        let mut pick = input(State::Scheduling, d, &["the first one"]);
        pick.channel = crate::engine::channel::Channel::Voice;
        let p = plan(&pick, Some(&Snapshot::default())).await;
        assert_eq!(p.state, State::Confirming);
        assert!(p.reply.unwrap().ends_with("shall I book it?"));
    }

    #[tokio::test]
    async fn a_danger_that_shows_only_with_the_text_before_is_handed_off() {
        let mut i = input(
            State::Qualifying,
            Details::default(),
            &["also hes been leaning back since yesterday and his front feet feel real hot, doesnt want to walk"],
        );
        // Alone, no animal is named: an ordinary text.
        assert_ne!(
            plan(&i, Some(&Snapshot::default())).await.state,
            State::HumanOwned
        );
        i.earlier = Some("hey need to get my gelding trimmed, hes overdue".into());
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(p.state, State::HumanOwned);
        assert!(p
            .effects
            .handoff_reason
            .as_deref()
            .is_some_and(|r| r.starts_with("safety")));
    }

    async fn assert_handed_off_as_complaint(i: &TurnInput) {
        let p = plan(i, Some(&Snapshot::default())).await;
        let why = p.effects.handoff_reason.as_deref();
        assert!(
            why.is_some_and(|r| r.starts_with("complaint")),
            "{why:?}: {:?}",
            p.reply
        );
    }

    #[tokio::test]
    async fn a_complaint_told_over_two_texts_is_handed_off() {
        let mut i = input(
            State::Qualifying,
            Details::default(),
            &["now theres black grease smeared all over my white carpet in the hall"],
        );
        i.earlier = Some("hey your plumber did our kitchen drain yesterday".into());
        assert_handed_off_as_complaint(&i).await;
        // A pick after a question is no complaint, whatever the two texts make together.
        let mut i = input(
            State::Scheduling,
            Details::default(),
            &["ok number 1 is good"],
        );
        i.details.service = Some("Drain cleaning".into());
        i.details.proposals = vec![thursday_ten()];
        i.earlier = Some("will it take long or not?".into());
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert!(p.effects.handoff_reason.is_none(), "{:?}", p.reply);
    }

    #[tokio::test]
    async fn water_standing_in_our_work_is_a_complaint_water_pouring_in_a_danger() {
        let i = input(
            State::Greeted,
            Details::default(),
            &["you installed our sump liner in october and now theres 3 inches of water in it and our stored boxes are soaked"],
        );
        assert_handed_off_as_complaint(&i).await;
        let i = input(
            State::Greeted,
            Details::default(),
            &["the pipe you fixed in october burst and water is pouring into the basement"],
        );
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert!(p
            .effects
            .handoff_reason
            .as_deref()
            .is_some_and(|r| r.starts_with("safety")));
    }

    #[tokio::test]
    async fn a_name_beside_a_new_address_is_kept_while_confirming() {
        let mut d = holding();
        d.name = None;
        let i = input(State::Confirming, d, &["Marisol Vega 88 Birch Lane"]);
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(p.details.address.as_deref(), Some("88 Birch Lane"));
        assert_eq!(p.details.name.as_deref(), Some("Marisol Vega"));
    }

    #[tokio::test]
    async fn the_owner_named_is_our_own_visit() {
        let mut i = input(
            State::Greeted,
            Details::default(),
            &["dave did our water heater last month, now theres rusty water all over my floor"],
        );
        let mut p = (*i.business.profile).clone();
        p.business.about = format!("Owned by master plumber Dave Ruiz. {}", p.business.about);
        i.business.profile = Arc::new(p);
        assert_handed_off_as_complaint(&i).await;
    }

    #[tokio::test]
    async fn asked_again_for_the_address_the_reply_takes_in_what_was_said() {
        let d = Details {
            service: Some("Drain cleaning".into()),
            asked_address: true,
            asked_name: true,
            address_asks: 1,
            ..Details::default()
        };
        // A name instead of the address: thanked by it, then the address again.
        let i = input(State::Qualifying, d.clone(), &["Brittany Vo"]);
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_eq!(p.details.name.as_deref(), Some("Brittany Vo"));
        let reply = p.reply.unwrap();
        assert!(
            reply.starts_with("Thanks, Brittany.") && reply.contains("street address"),
            "{reply}"
        );
        // A pick asked as a question: kept for when the times come, not passed to the team.
        let i = input(
            State::Qualifying,
            d,
            &["oh ok perfect. can u do the 2nd one"],
        );
        let p = plan(&i, Some(&Snapshot::default())).await;
        assert_ne!(p.state, State::HumanOwned, "{:?}", p.effects.handoff_reason);
        assert_eq!(p.details.early_pick, Some(2));
        assert!(p.reply.unwrap().contains("address"));
    }

    /// Picks said by how they compare: "the earliest one" while a later time is read back, "the
    /// one closest to 9", "the 10am one" when 10:00 is offered on two days (the first).
    #[tokio::test]
    async fn picks_said_by_how_they_compare() {
        let hour = 3_600_000;
        let shift = |s: Slot, ms: i64| Slot {
            start: s.start + ms,
            end: s.end + ms,
        };
        let (thu_ten, thu_noon, fri_ten) = (
            thursday_ten(),
            shift(thursday_ten(), 2 * hour),
            shift(thursday_ten(), 24 * hour),
        );
        let base = Details {
            service: Some("Drain cleaning".into()),
            address: Some("12 Oak St".into()),
            name: Some("Ann".into()),
            ..Details::default()
        };
        let confirming = Details {
            proposals: vec![thu_ten, thu_noon],
            chosen: Some(thu_noon),
            ..base.clone()
        };
        let p = plan(
            &input(State::Confirming, confirming, &["the earliest one"]),
            Some(&Snapshot::default()),
        )
        .await;
        assert_eq!(p.details.chosen, Some(thu_ten));
        for (text, proposals, wanted) in [
            (
                "the one closest to 9 please",
                vec![thu_noon, thu_ten],
                thu_ten,
            ),
            ("the 10am one", vec![thu_noon, thu_ten, fri_ten], thu_ten),
            // (An hour under 7 is in the afternoon: 3 is nearer noon than ten.)
            ("closest to 3 if u can", vec![thu_ten, thu_noon], thu_noon),
        ] {
            let d = Details {
                proposals,
                ..base.clone()
            };
            let p = plan(
                &input(State::Scheduling, d, &[text]),
                Some(&Snapshot::default()),
            )
            .await;
            assert_eq!(p.details.chosen, Some(wanted), "{text}");
        }
    }
}
