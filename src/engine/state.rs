//! Conversation states and the tools each state allows. Code owns the state: a policy (the LLM or
//! the built-in one) only picks among the tools of the current state, and the transition each tool
//! causes is decided here. A (state, tool) pair outside the table is refused.

use serde::{Deserialize, Serialize};

pub use crate::domain::state::{State, ALL_STATES};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToolName {
    AnswerFromProfile,
    RecordDetails,
    FindSlots,
    ChooseSlot,
    ConfirmBooking,
    CancelBooking,
    Reschedule,
    HandOff,
}

pub const ALL_TOOLS: &[ToolName] = &[
    ToolName::AnswerFromProfile,
    ToolName::RecordDetails,
    ToolName::FindSlots,
    ToolName::ChooseSlot,
    ToolName::ConfirmBooking,
    ToolName::CancelBooking,
    ToolName::Reschedule,
    ToolName::HandOff,
];

impl ToolName {
    pub fn as_str(self) -> &'static str {
        match self {
            ToolName::AnswerFromProfile => "answer_from_profile",
            ToolName::RecordDetails => "record_details",
            ToolName::FindSlots => "find_slots",
            ToolName::ChooseSlot => "choose_slot",
            ToolName::ConfirmBooking => "confirm_booking",
            ToolName::CancelBooking => "cancel_booking",
            ToolName::Reschedule => "reschedule",
            ToolName::HandOff => "hand_off",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        ALL_TOOLS.iter().copied().find(|t| t.as_str() == s)
    }
}

/// The tools a state offers. `hand_off` is in every state where the AI speaks.
pub fn allowed(state: State) -> &'static [ToolName] {
    use ToolName::*;
    match state {
        State::Greeted | State::Qualifying | State::Answering | State::Closed => {
            &[AnswerFromProfile, RecordDetails, FindSlots, HandOff]
        }
        State::Scheduling => &[
            AnswerFromProfile,
            RecordDetails,
            FindSlots,
            ChooseSlot,
            HandOff,
        ],
        State::Confirming => &[
            AnswerFromProfile,
            RecordDetails,
            FindSlots,
            ChooseSlot,
            ConfirmBooking,
            HandOff,
        ],
        State::Booked => &[
            AnswerFromProfile,
            RecordDetails,
            CancelBooking,
            Reschedule,
            HandOff,
        ],
        State::HumanOwned | State::OptedOut => &[],
    }
}

/// What a tool's success does to the state. `None`: the pair is not in the table.
pub fn transition(state: State, tool: ToolName) -> Option<State> {
    if !allowed(state).contains(&tool) {
        return None;
    }
    use ToolName::*;
    Some(match tool {
        AnswerFromProfile => match state {
            State::Greeted | State::Qualifying | State::Closed => State::Answering,
            other => other,
        },
        RecordDetails => match state {
            State::Greeted | State::Answering | State::Closed => State::Qualifying,
            other => other,
        },
        FindSlots | Reschedule => State::Scheduling,
        ChooseSlot => State::Confirming,
        ConfirmBooking => State::Booked,
        CancelBooking => State::Closed,
        HandOff => State::HumanOwned,
    })
}

/// What happens to a conversation outside a turn of the receptionist: a channel or a person
/// moves it, and the engine says where that leaves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// A missed call opened the thread with the text-back.
    MissedCall,
    /// The caller texted first.
    CallerTexted,
    /// The receptionist answered the caller's call.
    CallAnswered,
    /// STOP (or an equivalent keyword).
    OptedOut,
    /// START after an opt-out.
    OptedIn,
    /// A member of staff took the thread (or it was opened to alert staff).
    TakenOver,
    /// Staff gave the thread back; `booked` when the caller holds a booking.
    HandedBack { booked: bool },
    /// The caller's booking was cancelled from the dashboard.
    BookingCancelled,
    /// A booking was made outside a conversation (the evaluation's returning callers).
    BookedElsewhere,
}

/// The state an event leaves a conversation in (`current`: where it stood, if it existed).
pub fn after(current: Option<State>, event: Event) -> State {
    match event {
        Event::MissedCall => State::Greeted,
        Event::CallerTexted | Event::CallAnswered => current.unwrap_or(State::Qualifying),
        Event::OptedOut => State::OptedOut,
        Event::OptedIn => State::Qualifying,
        Event::TakenOver => State::HumanOwned,
        Event::HandedBack { booked: true } | Event::BookedElsewhere => State::Booked,
        Event::HandedBack { booked: false } => State::Qualifying,
        // A cancelled booking reopens booking; a thread elsewhere (staff own it) stays put.
        Event::BookingCancelled => match current {
            Some(State::Booked) | None => State::Qualifying,
            Some(other) => other,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_outside_a_turn() {
        assert_eq!(after(None, Event::MissedCall), State::Greeted);
        assert_eq!(after(None, Event::CallerTexted), State::Qualifying);
        assert_eq!(after(Some(State::Booked), Event::OptedOut), State::OptedOut);
        assert_eq!(
            after(Some(State::OptedOut), Event::OptedIn),
            State::Qualifying
        );
        assert_eq!(
            after(Some(State::HumanOwned), Event::HandedBack { booked: true }),
            State::Booked
        );
        assert_eq!(
            after(Some(State::Booked), Event::BookingCancelled),
            State::Qualifying
        );
        assert_eq!(
            after(Some(State::HumanOwned), Event::BookingCancelled),
            State::HumanOwned
        );
    }

    #[test]
    fn every_pair_outside_the_table_is_refused() {
        for &s in ALL_STATES {
            for &t in ALL_TOOLS {
                let in_table = allowed(s).contains(&t);
                assert_eq!(transition(s, t).is_some(), in_table, "{s} / {t:?}");
            }
        }
        // A few that must never happen.
        assert_eq!(transition(State::Greeted, ToolName::ConfirmBooking), None);
        assert_eq!(transition(State::Qualifying, ToolName::ChooseSlot), None);
        assert_eq!(
            transition(State::Scheduling, ToolName::ConfirmBooking),
            None
        );
        assert_eq!(transition(State::HumanOwned, ToolName::HandOff), None);
        assert_eq!(
            transition(State::OptedOut, ToolName::AnswerFromProfile),
            None
        );
        assert_eq!(transition(State::Booked, ToolName::ChooseSlot), None);
    }

    #[test]
    fn hand_off_everywhere_the_ai_speaks() {
        for &s in ALL_STATES {
            assert_eq!(
                allowed(s).contains(&ToolName::HandOff),
                s.ai_speaks(),
                "{s}"
            );
        }
    }

    #[test]
    fn the_booking_path() {
        let mut s = State::Greeted;
        for (tool, expect) in [
            (ToolName::RecordDetails, State::Qualifying),
            (ToolName::FindSlots, State::Scheduling),
            (ToolName::ChooseSlot, State::Confirming),
            (ToolName::ConfirmBooking, State::Booked),
            (ToolName::Reschedule, State::Scheduling),
        ] {
            s = transition(s, tool).unwrap();
            assert_eq!(s, expect);
        }
    }

    #[test]
    fn names_round_trip() {
        for &s in ALL_STATES {
            assert_eq!(State::parse(s.as_str()), Some(s));
        }
        for &t in ALL_TOOLS {
            assert_eq!(ToolName::parse(t.as_str()), Some(t));
        }
    }
}
