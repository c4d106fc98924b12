//! Frontdesk: an AI receptionist for small service businesses.
//!
//! Module map (one line each; find any behaviour in one guess):
//! - [`config`]: settings from the environment and an optional `frontdesk.toml`; secrets never printed.
//! - [`app`]: `App::build(config)` binds the listener, starts workers; `AppState` shared by handlers.
//! - [`domain`]: plain types that parse: phone numbers, business profiles, hours, SMS text, and the
//!   conversation [`domain::State`] (its transitions are the engine's).
//! - [`textback`]: the missed-call text-back gate (one decision per call, every skip has a reason).
//! - [`callbacks`]: call-back tasks for missed callers texts do not reach (a landline, a refused
//!   text-back), and the one staff alert each.
//! - [`reminders`]: after the first reply: appointment reminders and the follow-up nudge, when each
//!   goes (quiet hours in the caller's area-code zone), what it says, replies C/R/X.
//! - [`inbound`]: inbound SMS handling: opt-out, opt-in and help keywords before anything else.
//! - [`voice`]: live calls answered by the receptionist (the same engine, worded for speech), and
//!   the text that picks up what a call did not finish.
//! - [`engine`]: the receptionist: detectors (danger, complaints, requests for a person), the
//!   built-in policy and the LLM policy, tools and the state table, grounding, one turn.
//! - [`calendar`]: owners' iCalendar feeds, open slots, proposals, race-free booking, bookings feed,
//!   CalDAV write-back (the HTTP side).
//! - [`jobs`]: background workers: the outbox sender, the reply (turn) worker, feed refresh, CalDAV
//!   write-back, reminders, nudges, heartbeat, wake-ups.
//! - [`telephony`]: provider adapters (Twilio, Telnyx, console): signatures, TwiML, sending,
//!   reconciling; each business number names its provider.
//! - [`store`]: persistence on SQLite or PostgreSQL, migrations, runtime queries (all SQL lives here).
//! - [`http`]: routers: Twilio and Telnyx webhooks, the live-voice relay, operations endpoints, the
//!   bookings feed; a span and a time limit per request (tower-http).
//! - [`dashboard`]: the web dashboard: sign-in, inbox, threads, profile editor, bookings, funnel, simulator.
//! - [`cli`]: the `business` and `user` subcommands.
//! - [`doctor`]: `frontdesk doctor`, is this installation ready for real callers (each problem with its fix).
//! - [`eval`]: `frontdesk eval`, the conversation evaluation suite and its scoring.
//! - [`metrics`]: counters and histograms (prometheus-client), served as OpenMetrics text.
//! - [`clock`]: the injectable clock (tests fix "now").
//! - [`error`]: the one error type of the HTTP edge and its responses.
#![forbid(unsafe_code)]

pub mod app;
pub mod calendar;
pub mod callbacks;
pub mod cli;
pub mod clock;
pub mod config;
pub mod dashboard;
pub mod doctor;
pub mod domain;
pub mod engine;
pub mod error;
pub mod eval;
pub mod http;
pub mod inbound;
pub mod jobs;
pub mod metrics;
pub mod reminders;
pub mod store;
pub mod telephony;
pub mod textback;
pub mod voice;
