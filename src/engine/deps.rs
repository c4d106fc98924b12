//! What the engine needs from the rest of the program, and nothing more: the store, the clock,
//! metrics, the calendar, the model (when one is configured) and two bells (a reply is owed, a
//! text is queued). Built once in `app.rs`; the engine never sees the HTTP state.

use crate::clock::SharedClock;
use crate::metrics::Metrics;
use crate::store::Store;
use std::sync::Arc;
use tokio::sync::Notify;

#[derive(Clone)]
pub struct Deps {
    pub store: Store,
    pub clock: SharedClock,
    pub metrics: Arc<Metrics>,
    pub calendar: crate::calendar::deps::Deps,
    /// The LLM policy, when an endpoint is configured; otherwise the built-in policy answers.
    pub llm: Option<Arc<super::llm::Llm>>,
    /// Rung when a conversation is owed another turn (texts arrived while one ran).
    pub turn_wake: Arc<Notify>,
    /// Rung when texts were queued, here and on the other instances.
    pub wake_outbox: Arc<dyn Fn() + Send + Sync>,
}

impl Deps {
    pub fn wake_outbox(&self) {
        (self.wake_outbox)()
    }
}
