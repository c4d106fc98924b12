//! A small migrator: numbered SQL files per backend, embedded in the binary, applied in order,
//! each in its own transaction. Several instances starting at once on PostgreSQL take turns
//! through an advisory lock.

use super::{Backend, Store};
use anyhow::Context;
use sqlx::{Executor, Row};

struct Migration {
    version: i64,
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "foundation",
        sqlite: include_str!("../../migrations/sqlite/0001_foundation.sql"),
        postgres: include_str!("../../migrations/postgres/0001_foundation.sql"),
    },
    Migration {
        version: 2,
        name: "calendar",
        sqlite: include_str!("../../migrations/sqlite/0002_calendar.sql"),
        postgres: include_str!("../../migrations/postgres/0002_calendar.sql"),
    },
    Migration {
        version: 3,
        name: "engine",
        sqlite: include_str!("../../migrations/sqlite/0003_engine.sql"),
        postgres: include_str!("../../migrations/postgres/0003_engine.sql"),
    },
    Migration {
        version: 4,
        name: "llm_calls",
        sqlite: include_str!("../../migrations/sqlite/0004_llm_calls.sql"),
        postgres: include_str!("../../migrations/postgres/0004_llm_calls.sql"),
    },
    Migration {
        version: 5,
        name: "dashboard",
        sqlite: include_str!("../../migrations/sqlite/0005_dashboard.sql"),
        postgres: include_str!("../../migrations/postgres/0005_dashboard.sql"),
    },
    Migration {
        version: 6,
        name: "scale",
        sqlite: include_str!("../../migrations/sqlite/0006_scale.sql"),
        postgres: include_str!("../../migrations/postgres/0006_scale.sql"),
    },
    Migration {
        version: 7,
        name: "claims",
        sqlite: include_str!("../../migrations/sqlite/0007_claims.sql"),
        postgres: include_str!("../../migrations/postgres/0007_claims.sql"),
    },
    Migration {
        version: 8,
        name: "login_throttle",
        sqlite: include_str!("../../migrations/sqlite/0008_login_throttle.sql"),
        postgres: include_str!("../../migrations/postgres/0008_login_throttle.sql"),
    },
    Migration {
        version: 9,
        name: "invites",
        sqlite: include_str!("../../migrations/sqlite/0009_invites.sql"),
        postgres: include_str!("../../migrations/postgres/0009_invites.sql"),
    },
    Migration {
        version: 10,
        name: "instances",
        sqlite: include_str!("../../migrations/sqlite/0010_instances.sql"),
        postgres: include_str!("../../migrations/postgres/0010_instances.sql"),
    },
    Migration {
        version: 11,
        name: "providers",
        sqlite: include_str!("../../migrations/sqlite/0011_providers.sql"),
        postgres: include_str!("../../migrations/postgres/0011_providers.sql"),
    },
    Migration {
        version: 12,
        name: "handoff_history",
        sqlite: include_str!("../../migrations/sqlite/0012_handoff_history.sql"),
        postgres: include_str!("../../migrations/postgres/0012_handoff_history.sql"),
    },
    Migration {
        version: 13,
        name: "caldav",
        sqlite: include_str!("../../migrations/sqlite/0013_caldav.sql"),
        postgres: include_str!("../../migrations/postgres/0013_caldav.sql"),
    },
    Migration {
        version: 14,
        name: "reminders",
        sqlite: include_str!("../../migrations/sqlite/0014_reminders.sql"),
        postgres: include_str!("../../migrations/postgres/0014_reminders.sql"),
    },
    Migration {
        version: 15,
        name: "handoffs",
        sqlite: include_str!("../../migrations/sqlite/0015_handoffs.sql"),
        postgres: include_str!("../../migrations/postgres/0015_handoffs.sql"),
    },
    Migration {
        version: 16,
        name: "nudges",
        sqlite: include_str!("../../migrations/sqlite/0016_nudges.sql"),
        postgres: include_str!("../../migrations/postgres/0016_nudges.sql"),
    },
    Migration {
        version: 17,
        name: "no_shows",
        sqlite: include_str!("../../migrations/sqlite/0017_no_shows.sql"),
        postgres: include_str!("../../migrations/postgres/0017_no_shows.sql"),
    },
    Migration {
        version: 18,
        name: "call_backs",
        sqlite: include_str!("../../migrations/sqlite/0018_call_backs.sql"),
        postgres: include_str!("../../migrations/postgres/0018_call_backs.sql"),
    },
];

/// Advisory lock key for migrations ("fdmigr" in ASCII).
const LOCK_KEY: i64 = 0x6664_6d69_6772;

pub async fn run(store: &Store) -> anyhow::Result<()> {
    let mut conn = store
        .pool()
        .acquire()
        .await
        .context("connecting to migrate")?;
    if store.backend() == Backend::Postgres {
        sqlx::query("SELECT pg_advisory_lock($1)")
            .bind(LOCK_KEY)
            .execute(&mut *conn)
            .await
            .context("taking the migration lock")?;
    }
    let result = apply(store.backend(), &mut conn).await;
    if store.backend() == Backend::Postgres {
        let _ = sqlx::query("SELECT pg_advisory_unlock($1)")
            .bind(LOCK_KEY)
            .execute(&mut *conn)
            .await;
    }
    result
}

async fn apply(backend: Backend, conn: &mut sqlx::AnyConnection) -> anyhow::Result<()> {
    conn.execute(
        "CREATE TABLE IF NOT EXISTS frontdesk_migrations (
            version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
    )
    .await
    .context("creating the migrations table")?;
    let rows = sqlx::query("SELECT version FROM frontdesk_migrations")
        .fetch_all(&mut *conn)
        .await?;
    let applied: Vec<i64> = rows.iter().filter_map(|r| r.try_get(0).ok()).collect();
    if let Some(newest) = applied.iter().max() {
        let known = MIGRATIONS.last().map(|m| m.version).unwrap_or(0);
        if *newest > known {
            anyhow::bail!(
                "the database is at schema version {newest}, newer than this frontdesk knows ({known}); upgrade frontdesk"
            );
        }
    }
    for m in MIGRATIONS.iter().filter(|m| !applied.contains(&m.version)) {
        let sql = match backend {
            Backend::Sqlite => m.sqlite,
            Backend::Postgres => m.postgres,
        };
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        tx.execute(sqlx::raw_sql(sql))
            .await
            .with_context(|| format!("applying migration {} ({})", m.version, m.name))?;
        sqlx::query(
            "INSERT INTO frontdesk_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
        )
        .bind(m.version)
        .bind(m.name)
        .bind(chrono::Utc::now().timestamp_millis())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        tracing::info!(version = m.version, name = m.name, "applied migration");
    }
    Ok(())
}
