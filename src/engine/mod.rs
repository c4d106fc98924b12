//! The conversation engine: an explicit state machine whose moves are tools.
//!
//! - [`state`]: states, tools and the transition table;
//! - [`tools`]: tool execution and validation, shared by every policy;
//! - [`builtin`]: the deterministic policy (the default, and the fallback when an LLM fails);
//! - [`normalize`]: shorthand, stems and typos, in front of all matching;
//! - [`detect`]: recall-first detectors (danger, a person asked for, complaints), run first;
//! - [`understand`], [`knowledge`]: reading callers' texts; answering from the profile only;
//! - [`guard`]: output checks every reply passes;
//! - [`channel`]: the wording each channel needs (a text, a live call); the decision is the same;
//! - [`decide`]: one turn's decision, from its input to a plan, without a database;
//! - [`turn`]: one turn of a conversation: load its input, decide, apply the plan in one transaction.

pub mod builtin;
pub mod channel;
pub mod decide;
pub mod deps;
pub mod details;
pub mod detect;
pub mod guard;
pub mod knowledge;
pub mod llm;
pub mod normalize;
pub mod state;
pub mod tools;
pub mod turn;
pub mod understand;
