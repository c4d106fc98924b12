//! Frontdesk: an AI receptionist for small service businesses.
//!
//! Module map (one line each; find any behaviour in one guess):
//! - [`config`]: settings from the environment and an optional `frontdesk.toml`; secrets never printed.
//! - [`app`]: `App::build(config)` binds the listener, starts workers; `AppState` shared by handlers.
//! - [`eval`]: `frontdesk eval`, the conversation evaluation suite and its scoring.
//! - [`error`]: the one error type of the HTTP edge and its responses.
//! - [`calendar`]: owners' iCalendar feeds, open slots, proposals, race-free booking, bookings feed.
//! - [`clock`]: the injectable clock (tests fix "now").
//! - [`metrics`]: counters and histograms rendered in Prometheus text format.
//! - [`domain`]: plain types that parse: phone numbers, business profiles, hours, SMS text.
//! - [`telephony`]: provider adapters (Twilio, console): signatures, TwiML, sending, reconciling.
//! - [`textback`]: the missed-call text-back gate (one decision per call, every skip has a reason).
//! - [`inbound`]: inbound SMS handling: opt-out, opt-in and help keywords before anything else.
//! - [`store`]: persistence on SQLite or PostgreSQL, migrations, runtime queries.
//! - [`jobs`]: the transactional outbox and its sending worker.
//! - [`http`]: routers: Twilio webhooks and operations endpoints.
//! - [`cli`]: the `business` and `user` subcommands.
//! - [`dashboard`]: the web dashboard: sign-in, inbox, threads, profile editor, bookings, funnel, simulator.
#![forbid(unsafe_code)]

pub mod app;
pub mod calendar;
pub mod cli;
pub mod clock;
pub mod config;
pub mod dashboard;
pub mod domain;
pub mod engine;
pub mod error;
pub mod eval;
pub mod http;
pub mod inbound;
pub mod jobs;
pub mod metrics;
pub mod store;
pub mod telephony;
pub mod textback;
