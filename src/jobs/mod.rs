//! Background work: the outbox sender and the reply worker.

pub mod outbox;
pub mod turns;

pub use outbox::OutboxWorker;
pub use turns::TurnWorker;
