//! The conversation engine: an explicit state machine whose moves are tools.

pub mod state;
pub mod understand;
