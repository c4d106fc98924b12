//! Live instances: each writes a heartbeat a few times a second. One whose heartbeat stopped
//! (`kill -9`, a lost machine) is dead: its claimed sends and turns are taken over at once,
//! reconciled with the provider first, instead of waiting for their leases to run out.
//!
//! Heartbeats use the wall clock (not the business clock tests may fix).

use super::Store;
use anyhow::Context;

/// How often an instance writes its heartbeat.
pub const HEARTBEAT_MS: i64 = 400;
/// An instance silent this long is dead.
pub const DEAD_AFTER_MS: i64 = 1_200;

pub fn wall_now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Heartbeats older than this mean a dead instance.
pub fn dead_cutoff() -> i64 {
    wall_now_ms() - DEAD_AFTER_MS
}

pub async fn heartbeat(store: &Store, id: &str, now_ms: i64) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO instances (id, started_at, heartbeat_at) VALUES ($1, $2, $2) \
         ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at",
    )
    .bind(id)
    .bind(now_ms)
    .execute(store.pool())
    .await
    .context("writing the heartbeat")?;
    Ok(())
}

/// End the leases of every send and turn a dead instance holds, so the live workers claim them
/// now (sends are looked up at the provider before any resend). The number of rows freed.
pub async fn expire_dead(store: &Store, cutoff_ms: i64) -> anyhow::Result<u64> {
    // A read first: writes (and their commits) only when an instance has died.
    let any: Option<String> =
        sqlx::query_scalar("SELECT id FROM instances WHERE heartbeat_at < $1 LIMIT 1")
            .bind(cutoff_ms)
            .fetch_optional(store.pool())
            .await
            .context("looking for dead instances")?;
    if any.is_none() {
        return Ok(0);
    }
    let dead = "(SELECT i.id FROM instances i WHERE i.heartbeat_at < $1)";
    let sends = sqlx::query(&format!(
        "UPDATE outbox SET lease_until = 0 WHERE state = 'sending' AND claimed_by IS NOT NULL \
         AND lease_until > 0 AND claimed_by IN {dead}"
    ))
    .bind(cutoff_ms)
    .execute(store.pool())
    .await
    .context("ending a dead instance's sends")?;
    let turns = sqlx::query(&format!(
        "UPDATE conversations SET turn_lease_until = 0 WHERE turn_lease_until > 0 \
         AND turn_claimed_by IS NOT NULL AND turn_claimed_by IN {dead}"
    ))
    .bind(cutoff_ms)
    .execute(store.pool())
    .await
    .context("ending a dead instance's turns")?;
    Ok(sends.rows_affected() + turns.rows_affected())
}

/// Forget dead instances whose work has all been taken over.
pub async fn prune(store: &Store, cutoff_ms: i64) -> anyhow::Result<()> {
    sqlx::query(
        "DELETE FROM instances WHERE heartbeat_at < $1 \
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.claimed_by = instances.id \
                         AND o.state = 'sending' AND o.lease_until > 0) \
         AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.turn_claimed_by = instances.id \
                         AND c.turn_lease_until > 0)",
    )
    .bind(cutoff_ms)
    .execute(store.pool())
    .await
    .context("pruning dead instances")?;
    Ok(())
}

/// A clean shutdown: this instance's work is finished, it leaves.
pub async fn leave(store: &Store, id: &str) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM instances WHERE id = $1")
        .bind(id)
        .execute(store.pool())
        .await
        .context("leaving")?;
    Ok(())
}
