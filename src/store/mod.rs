//! Persistence: one `Store` over SQLite (the zero-set-up default) or PostgreSQL (for several
//! instances sharing one database), chosen by the URL scheme.
//!
//! Both backends run the same runtime SQL through sqlx's `Any` driver: we keep to the dialect they
//! share (`$n` parameters, `RETURNING`, `ON CONFLICT`, BIGINT millisecond timestamps), so every query
//! is written once and every store test runs on both. Where the backends must differ (row locks,
//! `SKIP LOCKED`), the query asks [`Backend`]. Schema files live in `migrations/<backend>/`.

pub mod bookings;
pub mod businesses;
pub mod caldav;
pub mod call_backs;
pub mod calls;
pub mod contacts;
pub mod conversations;
pub mod dashboard;
pub mod error;
pub mod evaluation;
pub mod feeds;
pub mod ids;
pub mod instances;
pub mod invites;
pub mod jobs;
pub mod messages;
pub mod migrate;
pub mod nudges;
pub mod outbox;
pub mod reminders;
pub mod users;

use anyhow::Context;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyConnection, AnyPool, Executor, Row};
use std::time::Duration;

pub use error::{Doing, Error, Found, Optional, Result};
pub use ids::{BookingId, BusinessId, CallId, ContactId, ConversationId, MessageId, UserId};

pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

/// What one claim of due work found: the items claimed and, when fewer than asked were due,
/// when the next one falls due (read on the same checkout: on SQLite's one connection every
/// checkout is a hop to its thread and back, and its release another).
pub struct Claim<T> {
    pub items: Vec<T>,
    /// As many as asked were claimed: more may be due at once (`next_due` was not read).
    pub full: bool,
    pub next_due: Option<i64>,
}
pub type Conn = AnyConnection;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend a connection (or transaction) talks to.
    pub fn of(conn: &Conn) -> Backend {
        if conn.backend_name().eq_ignore_ascii_case("postgresql") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// SQLite's WAL checkpoints, run on a connection of their own (see `checkpoints`).
    checkpointer: Option<std::sync::Arc<Checkpointer>>,
}

/// The task that checkpoints a SQLite database in the background, and its connection: stopped
/// by `Store::close` or with the last clone of the `Store`.
struct Checkpointer {
    task: tokio::task::JoinHandle<()>,
    conn: std::sync::Arc<tokio::sync::Mutex<Option<AnyConnection>>>,
}

impl Checkpointer {
    /// Stop the task and close its connection (the last connection to close a SQLite database
    /// checkpoints what is left and removes the WAL).
    async fn stop(&self) {
        self.task.abort();
        if let Some(conn) = self.conn.lock().await.take() {
            use sqlx::Connection;
            let _ = conn.close().await;
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// How often the background checkpoint runs.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(250);
/// Pages of WAL (64 MiB) at which the writing connection checkpoints by itself after all. The WAL
/// starts over at the first commit after a checkpoint that copied every page; under steady
/// writes new pages arrive while a background checkpoint copies, so that may take a while, and
/// then the writer's own checkpoint finds nearly every page copied already: what it costs the
/// commit is little more than the fsync, sixteen times more rarely than SQLite's default (1,000
/// pages).
const WAL_PAGES_BEFORE_A_WRITER_CHECKPOINTS: u32 = 16_384;
/// Size the WAL file is cut back to when it starts over (16 MiB), after a burst grew it.
const WAL_BYTES_KEPT: u32 = 16 * 1024 * 1024;
/// A failing checkpoint is logged once, then once every this many failures (a minute).
const CHECKPOINT_FAILURES_PER_WARNING: u64 = 240;

/// Copy the WAL into the database file every `CHECKPOINT_EVERY`, on a connection of its own.
/// SQLite's default is for the connection whose commit fills 1,000 pages to do it, inside that
/// commit: the copy and its fsync, several milliseconds every few hundred turns, were most of
/// the engine's p99 per turn. A passive checkpoint never waits for, nor blocks, readers and
/// writers; commits stay as durable as before (WAL, synchronous = NORMAL).
async fn checkpoints(url: &str) -> anyhow::Result<Checkpointer> {
    use sqlx::Connection;
    let conn = AnyConnection::connect(url)
        .await
        .context("opening the SQLite checkpoint connection")?;
    let conn = std::sync::Arc::new(tokio::sync::Mutex::new(Some(conn)));
    let shared = conn.clone();
    let task = tokio::spawn(async move {
        let mut tick = tokio::time::interval(CHECKPOINT_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut failures: u64 = 0;
        loop {
            tick.tick().await;
            let mut guard = shared.lock().await;
            let Some(conn) = guard.as_mut() else {
                return;
            };
            if let Err(e) = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").await {
                if failures % CHECKPOINT_FAILURES_PER_WARNING == 0 {
                    tracing::warn!(
                        error = %e,
                        failures = failures + 1,
                        "SQLite background checkpoint failed; the writer still checkpoints at its own limit"
                    );
                }
                failures += 1;
            }
        }
    });
    Ok(Checkpointer { task, conn })
}

impl Store {
    /// Connect (creating a SQLite file if missing) and apply pending migrations.
    pub async fn open(url: &str, max_connections: Option<u32>) -> anyhow::Result<Self> {
        let store = Self::connect(url, max_connections).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Connect without migrating.
    pub async fn connect(url: &str, max_connections: Option<u32>) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            anyhow::bail!("DATABASE_URL must start with sqlite: or postgres://");
        };
        let (url, options) = match backend {
            Backend::Sqlite => {
                let url = if url.contains("mode=") || url.contains(":memory:") {
                    url.to_string()
                } else if url.contains('?') {
                    format!("{url}&mode=rwc")
                } else {
                    format!("{url}?mode=rwc")
                };
                // SQLite allows one writer at a time; one connection serialises writes without
                // busy-wait retries, and WAL keeps readers of other processes unblocked.
                // No ping before each use: the connection is a thread in this process, and on
                // the one connection each ping was a hop to that thread that every other
                // statement waited behind (sqlx still pings once on each release).
                let options = AnyPoolOptions::new()
                    .max_connections(max_connections.unwrap_or(1))
                    .test_before_acquire(false)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            conn.execute(
                                format!(
                                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                                     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
                                     PRAGMA wal_autocheckpoint = {}; \
                                     PRAGMA journal_size_limit = {};",
                                    WAL_PAGES_BEFORE_A_WRITER_CHECKPOINTS, WAL_BYTES_KEPT
                                )
                                .as_str(),
                            )
                            .await?;
                            Ok(())
                        })
                    });
                (url, options)
            }
            Backend::Postgres => (
                url.to_string(),
                // No ping before each use: it is a round trip per statement batch, which under
                // load cost PostgreSQL as much as the statements. A connection that died (server
                // restart) fails its next statement, whose work is retried like any other error.
                AnyPoolOptions::new()
                    .max_connections(max_connections.unwrap_or(10))
                    .test_before_acquire(false),
            ),
        };
        let pool = options
            .acquire_timeout(Duration::from_secs(10))
            .connect(&url)
            .await
            .with_context(|| {
                format!("connecting to database {}", crate::config::redact_url(&url))
            })?;
        // (An in-memory database is one per connection: nothing to checkpoint, and a second
        // connection would be another database.)
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        // (Without it the writer still checkpoints, at its own limit: a warning, not a failure.)
        let checkpointer = if backend == Backend::Sqlite && !in_memory {
            match checkpoints(&url).await {
                Ok(c) => Some(std::sync::Arc::new(c)),
                Err(e) => {
                    tracing::warn!(error = %e, "no background SQLite checkpoints");
                    None
                }
            }
        } else {
            None
        };
        Ok(Self {
            pool,
            backend,
            checkpointer,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub async fn migrate(&self) -> anyhow::Result<()> {
        migrate::run(self).await
    }

    pub async fn begin(&self) -> anyhow::Result<Tx> {
        self.pool
            .begin()
            .await
            .context("starting a database transaction")
    }

    /// Is the database reachable?
    /// Tell every instance listening on this PostgreSQL database that there is work on `channel`
    /// (NOTIFY; `from` names the sender, so it can ignore its own). A no-op on SQLite, where one
    /// process owns the database.
    pub async fn notify(&self, channel: &str, from: &str) -> anyhow::Result<()> {
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(channel)
                .bind(from)
                .execute(&self.pool)
                .await
                .context("NOTIFY")?;
        }
        Ok(())
    }

    pub async fn ping(&self) -> anyhow::Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        if let Some(c) = &self.checkpointer {
            c.stop().await;
        }
        self.pool.close().await;
    }
}

/// An online, consistent copy of a SQLite database into a new file (`VACUUM INTO`): readers
/// and writers may go on while it runs; the copy is one moment of the database.
pub async fn backup_sqlite(store: &Store, target: &str) -> anyhow::Result<()> {
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(store.pool())
        .await
        .with_context(|| format!("FILE: could not write the backup to {target}"))?;
    Ok(())
}

/// Read a column, naming it in the error.
pub(crate) fn col<'r, T>(row: &'r AnyRow, name: &str) -> anyhow::Result<T>
where
    T: sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any>,
{
    row.try_get(name)
        .with_context(|| format!("reading column {name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sqlite_commits_are_checkpointed_in_the_background_not_by_the_writer() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cp.db");
        let store = Store::connect(&format!("sqlite://{}", file.display()), None)
            .await
            .unwrap();
        let limit: i64 = sqlx::query_scalar("PRAGMA wal_autocheckpoint")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(limit, i64::from(WAL_PAGES_BEFORE_A_WRITER_CHECKPOINTS));
        sqlx::query("CREATE TABLE t (v TEXT)")
            .execute(store.pool())
            .await
            .unwrap();
        // About 400 KiB of rows: far fewer pages than the writer's own limit, so they reach the
        // database file only if the background task copies them there.
        for i in 0..200 {
            sqlx::query("INSERT INTO t (v) VALUES ($1)")
                .bind(format!("{i:0>2000}"))
                .execute(store.pool())
                .await
                .unwrap();
        }
        let mut size = 0;
        for _ in 0..20 {
            tokio::time::sleep(CHECKPOINT_EVERY).await;
            size = std::fs::metadata(&file).unwrap().len();
            if size > 300 * 1024 {
                break;
            }
        }
        assert!(size > 300 * 1024, "the database file holds {size} bytes");
        // A clean stop leaves everything in the database file: no WAL to copy along with it.
        store.close().await;
        let wal = dir.path().join("cp.db-wal");
        assert!(
            std::fs::metadata(&wal).map_or(true, |m| m.len() == 0),
            "a WAL was left behind"
        );
    }
}
