//! Periodic jobs shared by every instance on one database: a job runs when an instance moves its
//! `next_run_at` forward, which exactly one instance can do per interval (a conditional UPDATE is
//! atomic on both backends).

use super::Store;
use anyhow::Context;

/// Claim this interval's run of `name`. True: this instance runs it now.
pub async fn claim_run(
    store: &Store,
    name: &str,
    owner: &str,
    now_ms: i64,
    every_ms: i64,
) -> anyhow::Result<bool> {
    sqlx::query(
        "INSERT INTO job_runs (name, next_run_at) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .execute(store.pool())
    .await
    .context("registering job")?;
    let done = sqlx::query(
        "UPDATE job_runs SET next_run_at = $1, owner = $2, started_at = $3 WHERE name = $4 AND next_run_at <= $3",
    )
    .bind(now_ms + every_ms)
    .bind(owner)
    .bind(now_ms)
    .bind(name)
    .execute(store.pool())
    .await
    .context("claiming job run")?;
    Ok(done.rows_affected() == 1)
}
