//! Fetching and caching owners' calendar feeds.
//!
//! A feed is a URL (https, or http on a private network the admin allows; conditional GET with
//! ETag and Last-Modified) or, when the admin allows it, a file path. A
//! copy that fetches and parses replaces the stored one; a failure records the error and keeps the
//! last good copy. Parsed busy time is cached in memory per feed version, so availability does not
//! re-read the feed; any instance can rebuild the cache from the stored copy.

use super::address::{self, FeedPolicy, Origin, Source};
use super::deps::Deps;
use super::ics::{busy_time, BusyTime, IcsError};
use super::Interval;
use crate::clock::to_millis;
use crate::store::feeds::{self, FeedMeta};
use crate::store::BusinessId;
use crate::store::Optional as _;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// What a fetch brought back.
pub enum Fetched {
    NotModified,
    Body {
        text: String,
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

#[derive(Clone)]
struct Cached {
    version: i64,
    window_end: i64,
    busy: Arc<Vec<Interval>>,
}

/// Days of busy time parsed past the booking horizon, so the cached copy keeps serving as the
/// clock moves on.
const CACHE_SLACK_DAYS: i64 = 7;

/// Parsed busy time per feed id and version.
#[derive(Default)]
pub struct FeedCache {
    inner: Mutex<HashMap<i64, Cached>>,
}

/// Busy time of all of a business's feeds, and the feeds that have never loaded.
#[derive(Debug, Clone, Default)]
pub struct FeedsBusy {
    pub intervals: Vec<Interval>,
    pub unloaded: Vec<String>,
    /// Feeds that had never loaded were tried before being listed in `unloaded`.
    pub missing_fetched: bool,
}

pub struct Fetcher {
    http: reqwest::Client,
    max_bytes: usize,
    policy: FeedPolicy,
}

impl Fetcher {
    pub fn new(
        timeout: std::time::Duration,
        max_bytes: usize,
        policy: FeedPolicy,
    ) -> anyhow::Result<Self> {
        crate::telephony::twilio::ensure_crypto_provider();
        let mut http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(std::time::Duration::from_secs(5))
            .no_proxy()
            .user_agent(concat!(
                "frontdesk/",
                env!("CARGO_PKG_VERSION"),
                " (calendar feed reader)"
            ))
            // Every redirect is checked like the address the owner typed.
            .redirect(reqwest::redirect::Policy::custom(move |attempt| {
                if attempt.previous().len() >= 5 {
                    attempt.error("too many redirects")
                } else if let Err(e) = address::check(attempt.url().as_str(), policy, Origin::Admin)
                {
                    attempt.error(format!("redirected to an address that {e}"))
                } else {
                    attempt.follow()
                }
            }));
        if !policy.allow_private {
            http = http.dns_resolver(Arc::new(address::PublicOnly));
        }
        Ok(Self {
            http: http.build()?,
            max_bytes,
            policy,
        })
    }

    fn too_large(&self, what: &str) -> String {
        format!(
            "the {what} is larger than the {} MB limit",
            self.max_bytes / 1_000_000
        )
    }

    /// A file feed (allowed by the admin): a regular file, read no further than the limit.
    fn read_file(&self, path: &str) -> Result<Fetched, String> {
        use std::io::Read;
        let unreadable = || "the calendar file cannot be read".to_string();
        let file = std::fs::File::open(path).map_err(|_| unreadable())?;
        if !file.metadata().map_err(|_| unreadable())?.is_file() {
            return Err(unreadable());
        }
        let mut body = Vec::new();
        file.take(self.max_bytes as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|_| unreadable())?;
        if body.len() > self.max_bytes {
            return Err(self.too_large("file"));
        }
        let text = String::from_utf8(body).map_err(|_| "the feed is not UTF-8 text".to_string())?;
        Ok(Fetched::Body {
            text,
            etag: None,
            last_modified: None,
        })
    }

    /// Fetch a feed. Errors are sentences for the owner, without the server's internals.
    pub async fn fetch(
        &self,
        source: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<Fetched, String> {
        let url = match address::check(source, self.policy, Origin::Admin) {
            Ok(Source::File(path)) => return self.read_file(&path),
            Ok(Source::Url(url)) => url,
            Err(e) => return Err(format!("the address {e}")),
        };
        let mut req = self.http.get(url);
        if let Some(e) = etag {
            req = req.header("If-None-Match", e);
        }
        if let Some(m) = last_modified {
            req = req.header("If-Modified-Since", m);
        }
        let mut res = req
            .send()
            .await
            .map_err(|e| super::address::unreachable(&e, "the address"))?;
        let status = res.status();
        if status == reqwest::StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified);
        }
        if !status.is_success() {
            return Err(format!("the calendar server answered {status}"));
        }
        let header = |name: &str| {
            res.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let (etag, last_modified) = (header("etag"), header("last-modified"));
        if res
            .content_length()
            .is_some_and(|l| l as usize > self.max_bytes)
        {
            return Err(self.too_large("feed"));
        }
        let mut body: Vec<u8> = Vec::new();
        loop {
            match res.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > self.max_bytes {
                        return Err(self.too_large("feed"));
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) if e.is_timeout() => {
                    return Err("the calendar server did not answer in time".into())
                }
                Err(_) => return Err("the download broke off".into()),
            }
        }
        let text = String::from_utf8(body).map_err(|_| "the feed is not UTF-8 text".to_string())?;
        Ok(Fetched::Body {
            text,
            etag,
            last_modified,
        })
    }
}

/// The span a parsed feed covers: a day back (events running into today) to the horizon and a
/// day beyond (DST and long events at the edge).
fn window(now: DateTime<Utc>, horizon_days: u32) -> (DateTime<Utc>, DateTime<Utc>) {
    (
        now - Duration::days(1),
        now + Duration::days(i64::from(horizon_days) + 2),
    )
}

/// A new copy of a feed, read.
struct Read {
    text: String,
    etag: Option<String>,
    last_modified: Option<String>,
    parsed: Result<BusyTime, IcsError>,
}

/// Fetch one feed now and record the outcome. Returns the error, if any.
pub async fn refresh(
    deps: &Deps,
    feed: &FeedMeta,
    tz: Tz,
    horizon_days: u32,
) -> anyhow::Result<Option<String>> {
    let now = deps.clock.now();
    let fetched = deps
        .fetcher
        .fetch(
            &feed.source,
            feed.etag.as_deref(),
            feed.last_modified.as_deref(),
        )
        .await;
    // Parse before taking a database connection (on SQLite the only writer), off the async
    // threads: a large or hostile feed must not hold up other tenants' webhooks.
    let fetched = match fetched {
        Ok(Fetched::Body {
            text,
            etag,
            last_modified,
        }) => {
            let (from, to) = window(now, horizon_days);
            let (text, parsed) = parse(text, tz, from, to).await;
            Ok(Some(Read {
                text,
                etag,
                last_modified,
                parsed,
            }))
        }
        Ok(Fetched::NotModified) => Ok(None),
        Err(e) => Err(e),
    };
    let mut conn = deps.store.pool().acquire().await?;
    let outcome = match fetched {
        Ok(None) => {
            feeds::record_success(
                &mut conn,
                feed.id,
                feeds::Success {
                    body: None,
                    etag: None,
                    last_modified: None,
                    events: None,
                    warnings: None,
                },
                to_millis(now),
            )
            .await?;
            None
        }
        Ok(Some(Read {
            text,
            etag,
            last_modified,
            parsed,
        })) => match parsed {
            Ok(parsed) => {
                let warnings = (!parsed.warnings.is_empty()).then(|| parsed.warnings.join("; "));
                feeds::record_success(
                    &mut conn,
                    feed.id,
                    feeds::Success {
                        body: Some(&text),
                        etag: etag.as_deref(),
                        last_modified: last_modified.as_deref(),
                        events: Some(parsed.events as i64),
                        warnings: warnings.as_deref(),
                    },
                    to_millis(now),
                )
                .await?;
                None
            }
            Err(e) => Some(e.to_string()),
        },
        Err(e) => Some(e),
    };
    if let Some(e) = &outcome {
        tracing::warn!(feed = feed.id, business = feed.business_id.0, error = %e, "calendar feed refresh failed; keeping the last good copy");
        deps.metrics.feed_error();
        feeds::record_error(&mut conn, feed.id, e, to_millis(now)).await?;
    }
    Ok(outcome)
}

/// Busy time from every feed of a business. A feed that has never loaded is tried once now (when
/// `fetch_missing`); if it still has nothing, it is listed in `unloaded` (its busy time is unknown).
pub async fn busy_for(
    deps: &Deps,
    business_id: BusinessId,
    tz: Tz,
    horizon_days: u32,
    fetch_missing: bool,
) -> anyhow::Result<FeedsBusy> {
    let metas = {
        let mut conn = deps.store.pool().acquire().await?;
        feeds::list(&mut conn, business_id).await?
    };
    busy_from(deps, business_id, metas, tz, horizon_days, fetch_missing).await
}

/// [`busy_for`] from the business's feeds as already listed (`feeds::list`, read on a
/// checkout of the caller's).
pub async fn busy_from(
    deps: &Deps,
    business_id: BusinessId,
    metas: Vec<FeedMeta>,
    tz: Tz,
    horizon_days: u32,
    fetch_missing: bool,
) -> anyhow::Result<FeedsBusy> {
    let now = deps.clock.now();
    let mut lists: Vec<Arc<Vec<Interval>>> = Vec::new();
    let mut unloaded = Vec::new();
    let (_, needed_end) = window(now, horizon_days);
    let mut refreshed = false;
    for meta in metas.iter().filter(|m| fetch_missing && !m.has_body) {
        refresh(deps, meta, tz, horizon_days).await?;
        refreshed = true;
    }
    let metas = if refreshed {
        let mut conn = deps.store.pool().acquire().await?;
        feeds::list(&mut conn, business_id).await?
    } else {
        metas
    };
    for meta in metas {
        match cached_busy(deps, &meta, tz, horizon_days, needed_end.timestamp_millis()).await? {
            Some(busy) => lists.push(busy),
            None => unloaded.push(meta.source.clone()),
        }
    }
    let refs: Vec<&[Interval]> = lists.iter().map(|l| l.as_slice()).collect();
    Ok(FeedsBusy {
        intervals: super::merge_all(&refs),
        unloaded,
        missing_fetched: fetch_missing,
    })
}

async fn cached_busy(
    deps: &Deps,
    meta: &FeedMeta,
    tz: Tz,
    horizon_days: u32,
    needed_end: i64,
) -> anyhow::Result<Option<Arc<Vec<Interval>>>> {
    let hit = {
        let cache = deps
            .feed_cache
            .inner
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        cache.get(&meta.id).cloned()
    };
    if !meta.has_body {
        return Ok(None);
    }
    if let Some(c) = &hit {
        if c.version == meta.version && c.window_end >= needed_end {
            return Ok(Some(c.busy.clone()));
        }
    }
    let stored = {
        let mut conn = deps.store.pool().acquire().await?;
        feeds::body(&mut conn, meta.id).await?
    };
    let Some((text, version)) = stored else {
        return Ok(None);
    };
    // A week of slack past the horizon: the copy serves every turn until the clock moves that
    // far (or the feed changes), instead of one parse per turn.
    let (from, to) = window(deps.clock.now(), horizon_days);
    let to = to + Duration::days(CACHE_SLACK_DAYS);
    let parsed: BusyTime = match parse(text, tz, from, to).await.1 {
        Ok(p) => p,
        Err(e) => {
            tracing::error!(feed = meta.id, error = %e, "stored calendar copy no longer parses");
            return Ok(None);
        }
    };
    let busy = Arc::new(parsed.intervals);
    let mut cache = deps
        .feed_cache
        .inner
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    cache.insert(
        meta.id,
        Cached {
            version,
            window_end: to.timestamp_millis(),
            busy: busy.clone(),
        },
    );
    Ok(Some(busy))
}

/// Read a feed's busy time on a blocking thread (reading is bounded in time and size by
/// `busy_time` itself); the text comes back for storing.
async fn parse(
    text: String,
    tz: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> (String, Result<BusyTime, IcsError>) {
    let joined = tokio::task::spawn_blocking(move || {
        let parsed = busy_time(&text, tz, from, to);
        (text, parsed)
    })
    .await;
    match joined {
        Ok(done) => done,
        Err(e) => {
            tracing::error!(error = %e, "reading a calendar feed failed");
            (
                String::new(),
                Err(IcsError::Parse("the feed could not be read".into())),
            )
        }
    }
}

/// Refresh every feed of every business.
pub async fn refresh_all(deps: &Deps) -> anyhow::Result<usize> {
    let metas = {
        let mut conn = deps.store.pool().acquire().await?;
        feeds::all(&mut conn).await?
    };
    let mut failures = 0;
    for meta in metas {
        let business = {
            let mut conn = deps.store.pool().acquire().await?;
            crate::store::businesses::by_id(&mut conn, meta.business_id)
                .await
                .optional()?
        };
        let Some(b) = business else { continue };
        if refresh(deps, &meta, b.profile.tz(), b.profile.booking.horizon_days)
            .await?
            .is_some()
        {
            failures += 1;
        }
    }
    Ok(failures)
}
