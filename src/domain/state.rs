//! Where a conversation stands. The type lives here so that storage and the dashboard can name a
//! state without reaching up into the engine; which state follows which is the engine's alone
//! (`engine::state`).

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

impl std::str::FromStr for State {
    type Err = anyhow::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        State::parse(s).ok_or_else(|| anyhow::anyhow!("unknown conversation state {s:?}"))
    }
}
