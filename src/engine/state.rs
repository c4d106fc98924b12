//! Conversation states and the tools each state allows. Code owns the state: a policy (the LLM or
//! the built-in one) only picks among the tools of the current state, and the transition each tool
//! causes is decided here. A (state, tool) pair outside the table is refused.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// The text-back went out; nothing heard yet.
    Greeted,
    /// Learning what the caller needs.
    Qualifying,
    /// A question was answered from the profile.
    Answering,
    /// Slots were proposed.
    Scheduling,
    /// A slot was chosen and held; waiting for YES.
    Confirming,
    Booked,
    /// Escalated or taken over by staff: the AI is silent.
    HumanOwned,
    Closed,
    OptedOut,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Greeted => "greeted",
            State::Qualifying => "qualifying",
            State::Answering => "answering",
            State::Scheduling => "scheduling",
            State::Confirming => "confirming",
            State::Booked => "booked",
            State::HumanOwned => "human_owned",
            State::Closed => "closed",
            State::OptedOut => "opted_out",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        ALL_STATES.iter().copied().find(|st| st.as_str() == s)
    }

    /// States in which the AI answers at all.
    pub fn ai_speaks(self) -> bool {
        !matches!(self, State::HumanOwned | State::OptedOut)
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

pub const ALL_STATES: &[State] = &[
    State::Greeted,
    State::Qualifying,
    State::Answering,
    State::Scheduling,
    State::Confirming,
    State::Booked,
    State::HumanOwned,
    State::Closed,
    State::OptedOut,
];

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

#[cfg(test)]
mod tests {
    use super::*;

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
