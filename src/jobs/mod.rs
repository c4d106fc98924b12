//! Background work: the outbox sender, the reply worker, the CalDAV write-back, appointment
//! reminders, and (on PostgreSQL) the listener that
//! wakes them when another instance wrote work.

pub mod caldav;
pub mod feeds;
pub mod heartbeat;
pub mod listen;
pub mod nudges;
pub mod outbox;
pub mod reminders;
pub mod turns;

pub use outbox::OutboxWorker;
pub use turns::TurnWorker;
