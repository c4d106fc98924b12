//! What the calendar needs from the rest of the program, and nothing more: the store, the clock,
//! metrics, the feed fetcher with its cache, and the CalDAV worker's bell. Built once in `app.rs`.

use super::feeds::{FeedCache, Fetcher};
use crate::clock::SharedClock;
use crate::metrics::Metrics;
use crate::store::Store;
use std::sync::Arc;

#[derive(Clone)]
pub struct Deps {
    pub store: Store,
    pub clock: SharedClock,
    pub metrics: Arc<Metrics>,
    pub fetcher: Arc<Fetcher>,
    pub feed_cache: Arc<FeedCache>,
    /// Woken after a booking changes: the CalDAV write-back worker (`jobs::caldav`) looks for
    /// work at once instead of at its next poll.
    pub caldav_wake: Arc<tokio::sync::Notify>,
}
