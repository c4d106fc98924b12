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
