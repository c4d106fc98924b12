//! The tools a policy may use, checked against the state's table and validated here, whoever
//! asked for them (the LLM or the built-in policy). The business, the caller and the conversation
//! come from the verified webhook, never from tool arguments.

use super::details::Details;
use super::knowledge::{answer, follow_up_when};
use super::state::{transition, State, ToolName};
use super::understand::{match_service, topic};
use crate::calendar::service::{BookingDetails, BookingError, Snapshot};
use crate::calendar::Slot;
use crate::store::businesses::BusinessRecord;
use crate::store::contacts::Contact;
use crate::store::{BookingId, ConversationId};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, PartialEq)]
pub enum ToolCall {
    AnswerFromProfile {
        topic: String,
    },
    RecordDetails {
        service: Option<String>,
        description: Option<String>,
        address: Option<String>,
        name: Option<String>,
        urgency: Option<String>,
    },
    FindSlots {
        service: Option<String>,
        preference: String,
    },
    ChooseSlot {
        option: usize,
    },
    ConfirmBooking,
    CancelBooking,
    Reschedule {
        preference: String,
    },
    HandOff {
        reason: String,
    },
}

impl ToolCall {
    pub fn name(&self) -> ToolName {
        match self {
            ToolCall::AnswerFromProfile { .. } => ToolName::AnswerFromProfile,
            ToolCall::RecordDetails { .. } => ToolName::RecordDetails,
            ToolCall::FindSlots { .. } => ToolName::FindSlots,
            ToolCall::ChooseSlot { .. } => ToolName::ChooseSlot,
            ToolCall::ConfirmBooking => ToolName::ConfirmBooking,
            ToolCall::CancelBooking => ToolName::CancelBooking,
            ToolCall::Reschedule { .. } => ToolName::Reschedule,
            ToolCall::HandOff { .. } => ToolName::HandOff,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Answer(String),
    /// The profile does not answer this; recorded for the owner.
    Unanswered(String),
    Recorded,
    Proposed(Vec<Slot>),
    /// Nothing fits what the caller asked for; these are the nearest open times instead.
    ProposedInstead(Vec<Slot>),
    NoSlots,
    /// A feed never loaded: a person must confirm times.
    NeedsPerson,
    Chosen(Slot),
    Booked(Slot),
    Moved(Slot),
    Cancelled(Slot),
    HandedOff(String),
}

#[derive(Debug, thiserror::Error)]
pub enum ToolError {
    #[error("{tool} is not available while the conversation is {state}")]
    NotAllowed { state: State, tool: &'static str },
    #[error("{0}")]
    BadArgument(String),
    #[error(transparent)]
    Booking(#[from] BookingError),
    /// The turn was decided without the calendar and a tool needs it: decide again with it.
    #[error("the calendar has not been read for this turn")]
    NeedsCalendar,
}

/// A change to the calendar a turn wants; applied, and checked again, in the turn's transaction.
#[derive(Debug, Clone, PartialEq)]
pub enum CalendarChange {
    /// Hold this slot for the caller; the hold's id goes into the details' `hold_id`.
    Hold(Slot),
    Release(BookingId),
    /// The held time becomes the booking (same id).
    Confirm {
        hold: BookingId,
        slot: Slot,
    },
    /// Let the hold go and move the booking to its time.
    Move {
        booking: BookingId,
        hold: BookingId,
        slot: Slot,
    },
    Cancel(BookingId),
}

/// Things a turn does besides replying, written with the turn's result.
#[derive(Debug, Clone, Default)]
pub struct Effects {
    /// Texts to the business's notify numbers (hand-offs, booking receipts).
    pub notify: Vec<String>,
    pub unanswered: Vec<String>,
    pub handoff_reason: Option<String>,
    /// Holds, bookings, moves and cancellations, in order.
    pub calendar: Vec<CalendarChange>,
}

/// One turn being decided: what is known, and what it has done so far (in memory only).
pub struct Turn<'a> {
    pub business: &'a BusinessRecord,
    pub conversation_id: ConversationId,
    pub contact: &'a Contact,
    pub now: DateTime<Utc>,
    /// Where the caller is: the wording of the reply depends on it, the decision does not.
    pub channel: super::channel::Channel,
    /// The calendar as it stood when the turn began; `None` until a tool needs it.
    pub calendar: Option<&'a Snapshot>,
    /// A tool needed the calendar and there was none.
    pub needs_calendar: bool,
    pub current: State,
    pub details: Details,
    pub effects: Effects,
    /// The caller's texts this turn answers, as they wrote them (quoted to staff).
    pub said: String,
    /// What the caller said just before these texts, if anything (a danger may need both).
    pub earlier: Option<String>,
    /// A time was chosen in this turn: it has not been read back to the caller yet, so no yes
    /// in this turn can confirm it.
    pub chosen_this_turn: bool,
    /// The caller said the held time again, exactly as read back, with a yes or "book it"
    /// ("yes friday at 6 works, book it"): the engine's reading, a yes to that time.
    pub agreed_to_held: bool,
    /// On a live call: where the model's words go as they stream in.
    pub speaker: Option<super::channel::Speaker>,
}

/// A caller's words for a staff text: one line, short enough to leave room for the rest.
pub fn quote(words: &str) -> String {
    let line = words.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= 220 {
        return line;
    }
    let cut: String = line.chars().take(217).collect();
    format!("{}...", cut.trim_end())
}

fn clip(s: Option<String>, max: usize) -> Option<String> {
    s.map(|v| v.trim().chars().take(max).collect::<String>())
        .filter(|v| !v.is_empty())
}

/// Who and what a hold or booking made in this conversation is for.
pub fn booking_details(
    details: &Details,
    contact: &Contact,
    conversation_id: ConversationId,
) -> BookingDetails {
    BookingDetails {
        service: details.service.clone(),
        caller_name: details.name.clone(),
        caller_phone: Some(contact.phone.clone()),
        address: details.address.clone(),
        notes: details.description.clone(),
        conversation_id: Some(conversation_id),
        contact_id: Some(contact.id),
    }
}

impl<'a> Turn<'a> {
    fn snapshot(&mut self) -> Result<&'a Snapshot, ToolError> {
        match self.calendar {
            Some(c) => Ok(c),
            None => {
                self.needs_calendar = true;
                Err(ToolError::NeedsCalendar)
            }
        }
    }

    pub fn tz(&self) -> chrono_tz::Tz {
        self.business.profile.tz()
    }

    /// A booking is under way (the service is known and nothing is booked yet): a question the
    /// profile cannot answer goes to the team on its own, and the booking goes on.
    pub fn booking_under_way(&self) -> bool {
        self.details.service.is_some()
            && matches!(
                self.current,
                State::Qualifying | State::Answering | State::Scheduling | State::Confirming
            )
    }

    /// Record a question the profile cannot answer and text it to the team, without handing the
    /// conversation off; returns the words that tell the caller so.
    pub fn pass_question_on(&mut self, asked: &str) -> String {
        self.effects
            .unanswered
            .push(asked.chars().take(300).collect());
        self.text_team_the_question(asked);
        "I'll check that with the team and they'll text you.".to_string()
    }

    /// Text the team a question asked while booking (it is recorded as unanswered apart).
    pub fn text_team_the_question(&mut self, asked: &str) {
        self.effects.notify.push(format!(
            "Frontdesk: {} asked a question we could not answer while booking: \"{}\"",
            self.contact.phone,
            quote(asked)
        ));
    }

    /// Run one tool: refused unless the current state offers it; on success the state moves as
    /// the transition table says.
    pub async fn execute(&mut self, call: ToolCall) -> Result<Outcome, ToolError> {
        let tool = call.name();
        let Some(next) = transition(self.current, tool) else {
            return Err(ToolError::NotAllowed {
                state: self.current,
                tool: tool.as_str(),
            });
        };
        let profile = &self.business.profile;
        let outcome = match call {
            ToolCall::AnswerFromProfile { topic: asked } => match topic(&asked, profile) {
                Some(t) => Outcome::Answer(answer(&t, profile)),
                None => {
                    self.effects
                        .unanswered
                        .push(asked.chars().take(300).collect());
                    return Ok(Outcome::Unanswered(asked));
                }
            },
            ToolCall::RecordDetails {
                service,
                description,
                address,
                name,
                urgency,
            } => {
                if let Some(s) = service.filter(|s| !s.trim().is_empty()) {
                    let exact = profile
                        .services
                        .iter()
                        .position(|x| x.name.eq_ignore_ascii_case(s.trim()));
                    let index = exact
                        .or_else(|| match_service(&s, profile))
                        .ok_or_else(|| {
                            ToolError::BadArgument(format!(
                                "'{s}' is not one of the services of {}",
                                profile.business.name
                            ))
                        })?;
                    self.details.service = Some(profile.services[index].name.clone());
                }
                if let Some(v) = clip(description, 300) {
                    self.details.description = Some(v);
                }
                if let Some(v) = clip(address, 120) {
                    self.details.address = Some(v);
                }
                if let Some(v) = clip(name, 60) {
                    self.details.name = Some(v);
                }
                if let Some(v) = clip(urgency, 40) {
                    self.details.urgency = Some(v);
                }
                Outcome::Recorded
            }
            ToolCall::FindSlots {
                service,
                preference,
            } => {
                if let Some(s) = service {
                    let index = profile
                        .services
                        .iter()
                        .position(|x| x.name.eq_ignore_ascii_case(s.trim()))
                        .or_else(|| match_service(&s, profile))
                        .ok_or_else(|| {
                            ToolError::BadArgument(format!("'{s}' is not one of the services"))
                        })?;
                    self.details.service = Some(profile.services[index].name.clone());
                }
                return self.find(&preference, next).await;
            }
            ToolCall::Reschedule { preference } => {
                if self.details.booking_id.is_none() {
                    return Err(ToolError::BadArgument("there is no booking to move".into()));
                }
                self.details.rescheduling = true;
                return self.find(&preference, next).await;
            }
            ToolCall::ChooseSlot { option } => {
                let n = self.details.proposals.len();
                if option == 0 || option > n {
                    return Err(ToolError::BadArgument(format!(
                        "option {option} was not offered (1 to {n} were)"
                    )));
                }
                let slot = self.details.proposals[option - 1];
                let calendar = self.snapshot()?;
                self.release_hold();
                // (A hold let go earlier in this turn, by a new search, is free for this pick
                // too: "no, other times" then the same time favoured again.)
                let released: Vec<BookingId> = self
                    .effects
                    .calendar
                    .iter()
                    .filter_map(|c| match c {
                        CalendarChange::Release(id) => Some(*id),
                        _ => None,
                    })
                    .collect();
                calendar.check(
                    profile,
                    self.details.service.as_deref(),
                    self.now,
                    slot,
                    &released,
                )?;
                self.effects.calendar.push(CalendarChange::Hold(slot));
                self.details.chosen = Some(slot);
                self.chosen_this_turn = true;
                Outcome::Chosen(slot)
            }
            ToolCall::ConfirmBooking => {
                let Some(slot) = self.details.chosen else {
                    return Err(ToolError::BadArgument("no time has been chosen yet".into()));
                };
                // Whoever calls it (the built-in policy or a model): a booking needs the held
                // time read back in an earlier reply and the caller's yes after it.
                if self.chosen_this_turn {
                    return Err(ToolError::BadArgument(
                        "the caller has not seen this time yet: read it back and ask them to reply YES"
                            .into(),
                    ));
                }
                let Some(hold) = self.details.hold_id else {
                    return Err(ToolError::BadArgument("no time has been chosen yet".into()));
                };
                if !self.said.is_empty()
                    && !self.agreed_to_held
                    && !super::understand::is_yes(&self.said)
                    && !super::understand::opens_with_yes(&self.said)
                {
                    return Err(ToolError::BadArgument(
                        "the caller has not said YES to this time; ask them to reply YES".into(),
                    ));
                }
                let calendar = self.snapshot()?;
                let live = calendar.own(hold).is_some_and(|h| {
                    h.status == "held"
                        && h.hold_expires_at
                            .is_some_and(|t| t > crate::clock::to_millis(self.now))
                        && h.start_at == slot.start
                        && h.end_at == slot.end
                });
                if !live {
                    return Err(BookingError::HoldLapsed.into());
                }
                let outcome = match (self.details.rescheduling, self.details.booking_id) {
                    (true, Some(booking)) => {
                        let row = calendar.own(booking).ok_or(BookingError::NotFound)?;
                        if !matches!(row.status.as_str(), "booked" | "rescheduled") {
                            return Err(BookingError::WrongState(row.status.clone()).into());
                        }
                        calendar.check(
                            profile,
                            row.service.as_deref(),
                            self.now,
                            slot,
                            &[booking, hold],
                        )?;
                        self.details.hold_id = None;
                        self.effects.calendar.push(CalendarChange::Move {
                            booking,
                            hold,
                            slot,
                        });
                        Outcome::Moved(slot)
                    }
                    _ => {
                        calendar.check(
                            profile,
                            self.details.service.as_deref(),
                            self.now,
                            slot,
                            &[hold],
                        )?;
                        self.effects
                            .calendar
                            .push(CalendarChange::Confirm { hold, slot });
                        self.details.booking_id = Some(hold);
                        Outcome::Booked(slot)
                    }
                };
                self.details.booked = Some(slot);
                self.details.chosen = None;
                self.details.hold_id = None;
                self.details.proposals.clear();
                self.details.rescheduling = false;
                let verb = if matches!(outcome, Outcome::Moved(_)) {
                    "Moved booking"
                } else {
                    "New booking"
                };
                let receipt = format!(
                    "{verb}: {} {}, {} ({}){}{}",
                    self.details.service.as_deref().unwrap_or("Visit"),
                    slot.for_sms(self.tz()),
                    self.details.name.as_deref().unwrap_or("caller"),
                    self.contact.phone,
                    self.details
                        .address
                        .as_deref()
                        .map(|a| format!(", {a}"))
                        .unwrap_or_default(),
                    self.details
                        .description
                        .as_deref()
                        .map(|d| format!(". They said: \"{}\"", quote(d)))
                        .unwrap_or_default()
                );
                self.effects.notify.push(receipt);
                outcome
            }
            ToolCall::CancelBooking => {
                let Some(booking) = self.details.booking_id else {
                    return Err(ToolError::BadArgument(
                        "there is no booking to cancel".into(),
                    ));
                };
                let calendar = self.snapshot()?;
                let row = calendar.own(booking).ok_or(BookingError::NotFound)?;
                if !matches!(row.status.as_str(), "booked" | "rescheduled" | "held") {
                    return Err(BookingError::WrongState(row.status.clone()).into());
                }
                self.effects.calendar.push(CalendarChange::Cancel(booking));
                let slot = Slot {
                    start: row.start_at,
                    end: row.end_at,
                };
                self.effects.notify.push(format!(
                    "Cancelled: {} {}, {} ({})",
                    row.service.as_deref().unwrap_or("Visit"),
                    slot.for_sms(self.tz()),
                    self.details.name.as_deref().unwrap_or("caller"),
                    self.contact.phone
                ));
                self.details.booking_id = None;
                self.details.booked = None;
                Outcome::Cancelled(slot)
            }
            ToolCall::HandOff { reason } => {
                let reason: String = reason.trim().chars().take(80).collect();
                let reason = if reason.is_empty() {
                    "unspecified".to_string()
                } else {
                    reason
                };
                self.release_hold();
                let summary = self.details.summary();
                let urgent = reason == "safety"
                    || reason.starts_with("safety:")
                    || reason.starts_with("urgent");
                let words = if self.said.trim().is_empty() {
                    self.details.description.clone().unwrap_or_default()
                } else {
                    self.said.clone()
                };
                // The caller's own words first: a text cut to two segments loses the summary.
                self.effects.notify.push(format!(
                    "{}Frontdesk: {} needs a person ({}).{}{}",
                    if urgent { "URGENT " } else { "" },
                    self.contact.phone,
                    reason.replace('_', " "),
                    if words.trim().is_empty() {
                        String::new()
                    } else {
                        format!(" They said: \"{}\"", quote(&words))
                    },
                    if summary.is_empty() {
                        String::new()
                    } else {
                        format!(" {summary}.")
                    }
                ));
                self.effects.handoff_reason = Some(reason.clone());
                Outcome::HandedOff(follow_up_when(profile, self.now))
            }
        };
        self.current = next;
        Ok(outcome)
    }

    async fn find(&mut self, preference: &str, next: State) -> Result<Outcome, ToolError> {
        let calendar = self.snapshot()?;
        let profile = &self.business.profile;
        let service = self.details.service.clone();
        // The caller's own hold is let go if they pick again: its time may be offered.
        let own: Vec<BookingId> = self.details.hold_id.into_iter().collect();
        let (mut slots, availability) =
            calendar.propose(profile, service.as_deref(), preference, self.now, &own)?;
        if availability.needs_human_confirmation() {
            if !calendar.feeds.missing_fetched {
                // Read without trying the feeds that never loaded: try them, then decide again.
                self.needs_calendar = true;
                return Err(ToolError::NeedsCalendar);
            }
            return Ok(Outcome::NeedsPerson);
        }
        let mut instead = false;
        if slots.is_empty() && !preference.trim().is_empty() {
            // Nothing fits the wish: offer the nearest times rather than a dead end.
            slots = calendar
                .propose(profile, service.as_deref(), "", self.now, &own)?
                .0;
            instead = true;
        }
        if slots.is_empty() {
            return Ok(Outcome::NoSlots);
        }
        self.release_hold();
        self.details.proposals = slots.clone();
        self.details.chosen = None;
        self.current = next;
        Ok(if instead {
            Outcome::ProposedInstead(slots)
        } else {
            Outcome::Proposed(slots)
        })
    }

    /// Let go of a hold this conversation no longer needs (a stored one, or one this turn meant
    /// to make); returns the stored hold let go, if any.
    fn release_hold(&mut self) -> Vec<BookingId> {
        self.effects
            .calendar
            .retain(|c| !matches!(c, CalendarChange::Hold(_)));
        self.details.chosen = None;
        match self.details.hold_id.take() {
            Some(hold) => {
                self.effects.calendar.push(CalendarChange::Release(hold));
                vec![hold]
            }
            None => Vec::new(),
        }
    }
}
