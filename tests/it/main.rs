//! Integration tests, one binary. Every database test runs on SQLite, and on PostgreSQL when
//! FRONTDESK_TEST_POSTGRES_URL is set (each test in a fresh database).

mod helpers;

mod browser;

mod calendar;
mod calendar_ics;
mod calendar_props;
mod cli;
mod dashboard;
mod engine;
mod eval;
mod fuzz;
mod llm;
mod outbox;
mod profile_import;
mod properties;
mod real_llm;
mod scale;
mod security;
mod sms;
mod textback;
mod webhooks;
