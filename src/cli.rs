//! The `business` subcommands and the demo set-up: profile files in and out of the store.

use crate::clock::to_millis;
use crate::domain::BusinessProfile;
use crate::store::businesses::{self, ImportError};
use crate::store::Store;
use std::path::Path;

/// The example profile shipped with the binary, used by `serve --demo`.
pub const DEMO_PROFILE: &str = include_str!("../examples/daves-plumbing.toml");

/// Parse a profile file; errors name the file and the field.
pub fn read_profile(path: &Path) -> anyhow::Result<BusinessProfile> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", path.display()))?;
    BusinessProfile::from_toml(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

pub async fn import(store: &Store, path: &Path) -> anyhow::Result<String> {
    let profile = read_profile(path)?;
    match businesses::import(store, &profile, to_millis(chrono::Utc::now())).await {
        Ok(o) => Ok(format!(
            "{} business '{}' (id {}) with number(s) {}",
            if o.created { "created" } else { "updated" },
            profile.business.name,
            o.id,
            profile
                .business
                .phone_numbers
                .iter()
                .map(|n| n.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        Err(ImportError::Profile(e)) => Err(anyhow::anyhow!("{}: {e}", path.display())),
        Err(ImportError::Store(e)) => Err(e),
    }
}

pub async fn export(store: &Store, name_or_number: &str) -> anyhow::Result<String> {
    match businesses::find(store, name_or_number).await? {
        Some(b) => Ok(b.profile.to_toml()),
        None => anyhow::bail!(
            "no business named or numbered '{name_or_number}' (see `frontdesk business list`)"
        ),
    }
}

pub async fn list(store: &Store) -> anyhow::Result<String> {
    let all = businesses::list(store).await?;
    if all.is_empty() {
        return Ok("no businesses yet: import one with `frontdesk business import FILE`\n".into());
    }
    let mut out = String::new();
    for b in all {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            b.id,
            b.name,
            b.timezone,
            b.numbers.join(",")
        ));
    }
    Ok(out)
}

/// Import the example business when the database has none yet.
pub async fn ensure_demo_business(store: &Store) -> anyhow::Result<Option<String>> {
    if businesses::count(store).await? > 0 {
        return Ok(None);
    }
    let profile = BusinessProfile::from_toml(DEMO_PROFILE)
        .map_err(|e| anyhow::anyhow!("demo profile: {e}"))?;
    businesses::import(store, &profile, to_millis(chrono::Utc::now()))
        .await
        .map_err(|e| anyhow::anyhow!("importing the demo business: {e}"))?;
    Ok(Some(profile.business.name))
}

fn when(ms: Option<i64>, tz: chrono_tz::Tz) -> String {
    ms.and_then(chrono::DateTime::<chrono::Utc>::from_timestamp_millis)
        .map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M %Z").to_string())
        .unwrap_or_else(|| "never".into())
}

async fn business(
    store: &Store,
    name_or_number: &str,
) -> anyhow::Result<businesses::BusinessRecord> {
    businesses::find(store, name_or_number)
        .await?
        .ok_or_else(|| {
            anyhow::anyhow!(
                "no business named or numbered '{name_or_number}' (see `frontdesk business list`)"
            )
        })
}

/// Each feed's health: last success, last error, events, warnings.
pub async fn calendar_status(
    state: &crate::app::AppState,
    name_or_number: &str,
) -> anyhow::Result<String> {
    let b = business(&state.store, name_or_number).await?;
    let tz = b.profile.tz();
    let mut conn = state.store.pool().acquire().await?;
    let feeds = crate::store::feeds::list(&mut conn, b.id).await?;
    if feeds.is_empty() {
        return Ok(format!(
            "{} has no calendar feeds (booking.calendar_feeds is empty)\n",
            b.profile.business.name
        ));
    }
    let mut out = String::new();
    for f in feeds {
        let state_word = match (&f.last_error, f.has_body) {
            (None, true) => "ok",
            (Some(_), true) => "failing (using the last good copy)",
            (_, false) => "never loaded (times need a person to confirm)",
        };
        out.push_str(&format!("{}\n  status:        {state_word}\n", f.source));
        out.push_str(&format!(
            "  last success:  {}\n",
            when(f.last_success_at, tz)
        ));
        if let Some(e) = &f.last_error {
            out.push_str(&format!(
                "  last error:    {} ({})\n",
                e,
                when(f.last_error_at, tz)
            ));
        }
        if let Some(n) = f.events {
            out.push_str(&format!("  events:        {n}\n"));
        }
        if let Some(w) = &f.warnings {
            out.push_str(&format!("  warnings:      {w}\n"));
        }
    }
    Ok(out)
}

pub async fn calendar_refresh(
    state: &crate::app::AppState,
    name_or_number: &str,
) -> anyhow::Result<String> {
    let b = business(&state.store, name_or_number).await?;
    let feeds = {
        let mut conn = state.store.pool().acquire().await?;
        crate::store::feeds::list(&mut conn, b.id).await?
    };
    for f in &feeds {
        crate::calendar::feeds::refresh(state, f, b.profile.tz(), b.profile.booking.horizon_days)
            .await?;
    }
    calendar_status(state, name_or_number).await
}

/// The secret address of the business's bookings feed.
pub async fn calendar_url(
    state: &crate::app::AppState,
    name_or_number: &str,
) -> anyhow::Result<String> {
    let b = business(&state.store, name_or_number).await?;
    let mut conn = state.store.pool().acquire().await?;
    let token = crate::store::bookings::calendar_token(&mut conn, b.id).await?;
    let base = state
        .config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", state.config.listen));
    Ok(format!("{base}/calendar/{token}.ics\n"))
}

/// What the receptionist would offer now: proposals for the caller's words, then all open slots.
pub async fn calendar_slots(
    state: &crate::app::AppState,
    name_or_number: &str,
    service: Option<&str>,
    words: &str,
) -> anyhow::Result<String> {
    let b = business(&state.store, name_or_number).await?;
    let cal = crate::calendar::service::Calendar::new(state, &b);
    let (picks, availability) = cal.propose(service, words).await?;
    let tz = b.profile.tz();
    let mut out = String::new();
    if availability.needs_human_confirmation() {
        out.push_str(&format!(
            "warning: these feeds never loaded, so a person must confirm times: {}\n",
            availability.unloaded_feeds.join(", ")
        ));
    }
    out.push_str("proposals:\n");
    for (i, s) in picks.iter().enumerate() {
        out.push_str(&format!("  {}. {}\n", i + 1, s.for_sms(tz)));
    }
    out.push_str(&format!("open slots: {}\n", availability.slots.len()));
    for s in availability.slots.iter().take(40) {
        out.push_str(&format!("  {}\n", s.for_sms(tz)));
    }
    Ok(out)
}
