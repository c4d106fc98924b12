//! Building and running the application: `App::build(config)` binds the port (0 in tests) and
//! wires the store, provider, metrics and clock into `AppState`; `run_until_stopped` serves until
//! the shutdown future completes, then lets in-flight sends finish.

use crate::calendar::feeds::{FeedCache, Fetcher};
use crate::clock::{SharedClock, SystemClock};
use crate::config::Config;
use crate::jobs::listen::Bell;
use crate::jobs::OutboxWorker;
use crate::metrics::Metrics;
use crate::store::Store;
use crate::telephony::{
    console::ConsoleProvider, telnyx::TelnyxClient, twilio::TwilioClient, Provider, Providers,
};
use anyhow::Context;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};

/// What every handler and job shares. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    pub clock: SharedClock,
    pub metrics: Arc<Metrics>,
    /// The sending client for each provider a business number may be on.
    pub providers: Providers,
    /// Twilio Lookup, when Twilio credentials are set (used only for businesses that turn it on).
    pub lookup: Option<crate::telephony::lookup::LookupClient>,
    pub outbox_wake: Arc<Notify>,
    /// Woken when a caller's text is stored and owed a reply.
    pub turn_wake: Arc<Notify>,
    pub fetcher: Arc<Fetcher>,
    pub feed_cache: Arc<FeedCache>,
    /// Writes bookings into owners' CalDAV calendars (`booking.caldav`; `jobs::caldav`).
    pub caldav: Arc<crate::calendar::caldav::Client>,
    /// The LLM policy, when an endpoint is configured; otherwise the built-in policy answers.
    pub llm: Option<Arc<crate::engine::llm::Llm>>,
    /// Set when the server begins to shut down: long-lived responses (live updates) end.
    pub stopping: Arc<std::sync::atomic::AtomicBool>,
    /// Names this process in shared bookkeeping (which instance ran a periodic job) and in
    /// its NOTIFYs.
    pub instance: Arc<str>,
    /// What the engine (and, through it, the calendar) is given: no more than it needs.
    pub engine: crate::engine::deps::Deps,
    /// On SQLite, where inbound texts are stored: in batches, one transaction each
    /// (`jobs::group_commit`). `None` on PostgreSQL: each webhook its own transaction.
    pub inbound_writer: Option<Arc<crate::jobs::group_commit::InboundWriter>>,
    /// On SQLite, where the outbox records its sent texts: in batches (`jobs::sent_commit`).
    /// `None` on PostgreSQL: one statement per send.
    pub sent_writer: Option<Arc<crate::jobs::sent_commit::SentWriter>>,
    bells: Arc<Bells>,
}

/// One [`Bell`] per NOTIFY channel.
#[derive(Default)]
struct Bells {
    outbox: Arc<Bell>,
    turns: Arc<Bell>,
}

impl AppState {
    /// Tell the outbox worker a row was written (it may be asleep), here and on every other
    /// instance sharing the PostgreSQL database.
    pub fn wake_outbox(&self) {
        self.engine.wake_outbox();
    }

    /// Tell the reply worker a caller is owed an answer, here and on the other instances.
    pub fn wake_turns(&self) {
        self.turn_wake.notify_one();
        self.tell_peers(&self.bells.turns, crate::jobs::listen::TURNS);
    }

    fn tell_peers(&self, bell: &Arc<Bell>, channel: &'static str) {
        if self.store.backend() == crate::store::Backend::Postgres {
            bell.ring(&self.store, channel, &self.instance);
        }
    }

    pub fn is_stopping(&self) -> bool {
        self.stopping.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// The auth token webhook signatures are checked with, when Twilio is configured.
    pub fn twilio_auth_token(&self) -> Option<&str> {
        self.config.twilio.as_ref().map(|t| t.auth_token.as_str())
    }
}

/// Choices made by the caller of `build` rather than by configuration (tests, the demo).
#[derive(Default)]
pub struct BuildOptions {
    pub clock: Option<SharedClock>,
    pub store: Option<Store>,
    /// Run the outbox worker (tests that drive it step by step turn this off).
    pub without_worker: bool,
}

pub struct App {
    listener: TcpListener,
    metrics_listener: Option<TcpListener>,
    state: AppState,
    run_worker: bool,
}

impl AppState {
    /// Everything but the listener: also what the CLI uses for calendar commands.
    pub fn new(config: Config, store: Store, clock: Option<SharedClock>) -> anyhow::Result<Self> {
        // Without credentials a provider's texts are logged, not sent (one console for both).
        let console = Provider::Console(ConsoleProvider::default());
        let providers = Providers {
            twilio: match &config.twilio {
                Some(t) => Provider::Twilio(TwilioClient::new(
                    &config.twilio_api_base,
                    &t.account_sid,
                    &t.auth_token,
                    config.send_timeout,
                )?),
                None => console.clone(),
            },
            telnyx: match &config.telnyx {
                Some(t) => Provider::Telnyx(TelnyxClient::new(
                    &config.telnyx_api_base,
                    &t.api_key,
                    t.messaging_profile_id.as_deref(),
                    config.send_timeout,
                )?),
                None => console,
            },
        };
        let lookup = match &config.twilio {
            Some(t) => Some(crate::telephony::lookup::LookupClient::new(
                &config.twilio_lookup_base,
                &t.account_sid,
                &t.auth_token,
                config.lookup_timeout,
            )?),
            None => None,
        };
        let fetcher = Arc::new(Fetcher::new(
            config.feed_timeout,
            config.feed_max_bytes,
            config.feed_policy(),
        )?);
        let caldav = Arc::new(crate::calendar::caldav::Client::new(
            config.feed_timeout,
            config.feed_policy(),
        )?);
        let llm = match &config.llm {
            Some(c) => Some(Arc::new(crate::engine::llm::Llm::new(c)?)),
            None => None,
        };
        let clock = clock.unwrap_or_else(|| Arc::new(SystemClock) as SharedClock);
        let metrics = Arc::new(Metrics::default());
        let feed_cache = Arc::new(FeedCache::default());
        let outbox_wake = Arc::new(Notify::new());
        let turn_wake = Arc::new(Notify::new());
        let bells: Arc<Bells> = Arc::default();
        let instance: Arc<str> = format!(
            "{}-{}",
            std::process::id(),
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        )
        .into();
        let wake_outbox = {
            let (notify, bell, store, instance) = (
                outbox_wake.clone(),
                bells.outbox.clone(),
                store.clone(),
                instance.clone(),
            );
            Arc::new(move || {
                notify.notify_one();
                if store.backend() == crate::store::Backend::Postgres {
                    bell.ring(&store, crate::jobs::listen::OUTBOX, &instance);
                }
            }) as Arc<dyn Fn() + Send + Sync>
        };
        let engine = crate::engine::deps::Deps {
            store: store.clone(),
            clock: clock.clone(),
            metrics: metrics.clone(),
            calendar: crate::calendar::deps::Deps {
                store: store.clone(),
                clock: clock.clone(),
                metrics: metrics.clone(),
                fetcher: fetcher.clone(),
                feed_cache: feed_cache.clone(),
                caldav_wake: Arc::new(Notify::new()),
            },
            llm: llm.clone(),
            turn_wake: turn_wake.clone(),
            wake_outbox,
        };
        let inbound_writer = (store.backend() == crate::store::Backend::Sqlite).then(|| {
            Arc::new(crate::jobs::group_commit::InboundWriter::new(
                store.clone(),
                config.inbound_batch_hold,
            ))
        });
        let sent_writer = (store.backend() == crate::store::Backend::Sqlite).then(|| {
            Arc::new(crate::jobs::sent_commit::SentWriter::new(
                store.clone(),
                config.sent_batch_hold,
            ))
        });
        Ok(AppState {
            store,
            config: Arc::new(config),
            clock,
            metrics,
            providers,
            lookup,
            outbox_wake,
            turn_wake,
            fetcher,
            feed_cache,
            caldav,
            llm,
            stopping: Arc::new(std::sync::atomic::AtomicBool::new(false)),
            instance,
            engine,
            inbound_writer,
            sent_writer,
            bells,
        })
    }
}

impl App {
    pub async fn build(config: Config, options: BuildOptions) -> anyhow::Result<Self> {
        let store = match options.store {
            Some(s) => s,
            None => Store::open(&config.database_url, config.db_max_connections).await?,
        };
        if config.twilio.is_none() {
            tracing::warn!(
                "no Twilio credentials: using the console provider (texts are logged, not sent) \
                 and accepting unsigned webhooks"
            );
        } else if config.public_url.is_none() {
            tracing::warn!("FRONTDESK_PUBLIC_URL is not set: delivery status callbacks are off and signatures are checked against the Host header");
        }
        let listener = TcpListener::bind(config.listen)
            .await
            .with_context(|| format!("FRONTDESK_LISTEN: cannot listen on {}", config.listen))?;
        let metrics_listener = match config.metrics_listen {
            None => None,
            Some(addr) => Some(TcpListener::bind(addr).await.with_context(|| {
                format!("FRONTDESK_METRICS_LISTEN: cannot listen on {addr} (set another address, or off)")
            })?),
        };
        let state = AppState::new(config, store, options.clock)?;
        Ok(Self {
            listener,
            metrics_listener,
            state,
            run_worker: !options.without_worker,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("bound listener has an address")
    }

    /// Where metrics and health checks are served apart from the public listener.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics_listener
            .as_ref()
            .and_then(|l| l.local_addr().ok())
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serve until `shutdown` completes; then stop taking requests and let in-flight sends finish.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let (stop_tx, stop_rx) = watch::channel(false);
        let worker = self
            .run_worker
            .then(|| tokio::spawn(OutboxWorker::new(self.state.clone()).run(stop_rx.clone())));
        let turns = self.run_worker.then(|| {
            tokio::spawn(crate::jobs::TurnWorker::new(self.state.clone()).run(stop_rx.clone()))
        });
        let feeds = self
            .run_worker
            .then(|| tokio::spawn(crate::jobs::feeds::run(self.state.clone(), stop_rx.clone())));
        let caldav = self.run_worker.then(|| {
            tokio::spawn(
                crate::jobs::caldav::CaldavWorker::new(self.state.clone()).run(stop_rx.clone()),
            )
        });
        let reminders = self.run_worker.then(|| {
            tokio::spawn(
                crate::jobs::reminders::ReminderWorker::new(self.state.clone())
                    .run(stop_rx.clone()),
            )
        });
        let nudges = self.run_worker.then(|| {
            tokio::spawn(
                crate::jobs::nudges::NudgeWorker::new(self.state.clone()).run(stop_rx.clone()),
            )
        });
        let listener = (self.run_worker
            && self.state.store.backend() == crate::store::Backend::Postgres)
            .then(|| {
                tokio::spawn(crate::jobs::listen::listen(
                    self.state.clone(),
                    stop_rx.clone(),
                ))
            });
        // The heartbeat: others see this instance alive; a dead one's work is taken over at once.
        // Stopped only after the workers drained: their claims stay visibly alive until done.
        let (beat_stop, beat_rx) = watch::channel(false);
        let heartbeat = self
            .run_worker
            .then(|| tokio::spawn(crate::jobs::heartbeat::run(self.state.clone(), beat_rx)));
        let ops = self.metrics_listener.map(|l| {
            let mut stop = stop_rx.clone();
            tracing::info!(addr = %l.local_addr().map(|a| a.to_string()).unwrap_or_default(), "metrics listening");
            let serve = axum::serve(l, crate::http::ops::private_router(self.state.clone()))
                .with_graceful_shutdown(async move {
                    let _ = stop.wait_for(|s| *s).await;
                });
            tokio::spawn(async move { serve.await })
        });
        let router = crate::http::router(self.state.clone());
        tracing::info!(addr = %self.listener.local_addr().map(|a| a.to_string()).unwrap_or_default(), twilio = self.state.providers.twilio.name(), telnyx = self.state.providers.telnyx.name(), "frontdesk listening");
        // No Nagle delay: a reply spoken on a live call (or a webhook's answer) is one small write
        // that must not wait for the peer's delayed ACK (about 40 ms on Linux).
        use axum::serve::ListenerExt;
        let public = self.listener.tap_io(|tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::debug!(error = %e, "TCP_NODELAY");
            }
        });
        let served = axum::serve(
            public,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown({
            let stopping = self.state.stopping.clone();
            async move {
                shutdown.await;
                stopping.store(true, std::sync::atomic::Ordering::SeqCst);
            }
        })
        .await
        .context("serving HTTP");
        let _ = stop_tx.send(true);
        if let Some(ops) = ops {
            let _ = ops.await;
        }
        if let Some(worker) = worker {
            let _ = worker.await;
        }
        if let Some(turns) = turns {
            let _ = turns.await;
        }
        if let Some(feeds) = feeds {
            let _ = feeds.await;
        }
        if let Some(caldav) = caldav {
            let _ = caldav.await;
        }
        if let Some(reminders) = reminders {
            let _ = reminders.await;
        }
        if let Some(nudges) = nudges {
            let _ = nudges.await;
        }
        if let Some(listener) = listener {
            let _ = listener.await;
        }
        let _ = beat_stop.send(true);
        if let Some(heartbeat) = heartbeat {
            let _ = heartbeat.await;
        }
        self.state.store.close().await;
        tracing::info!("frontdesk stopped");
        served
    }
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
    tracing::info!("shutting down: finishing in-flight work");
}
