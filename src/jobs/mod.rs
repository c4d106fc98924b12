//! Background work: the outbox sender.

pub mod outbox;

pub use outbox::OutboxWorker;
