//! What the calendar needs from the rest of the program, and nothing more: the store, the clock,
//! metrics, and the feed fetcher with its cache. Built once in `app.rs`.

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
}
