//! Businesses, their profiles and the provider numbers that route to them.

use super::{col, BusinessId, Conn, Doing, Found, Store};
use crate::domain::{BusinessProfile, ProfileError};
use anyhow::Context;
use sqlx::Row;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone)]
pub struct BusinessRecord {
    pub id: BusinessId,
    /// Shared: records are cached per stored profile version (see [`parse_record`]).
    pub profile: Arc<BusinessProfile>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOutcome {
    pub id: BusinessId,
    pub created: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    // Transparent, not "{0}": the profile error is the message, not also its own cause (an
    // anyhow chain would say it twice).
    #[error(transparent)]
    Profile(#[from] ProfileError),
    #[error(transparent)]
    Store(#[from] anyhow::Error),
}

/// Create the business, or update the one that owns any of the profile's numbers, in one transaction.
pub async fn import(
    store: &Store,
    profile: &BusinessProfile,
    now_ms: i64,
) -> Result<ImportOutcome, ImportError> {
    let mut tx = store.begin().await?;
    let numbers: Vec<&str> = profile
        .business
        .phone_numbers
        .iter()
        .map(|n| n.as_str())
        .collect();
    let placeholders: Vec<String> = (1..=numbers.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT n.number, n.business_id, b.name FROM business_numbers n \
         JOIN businesses b ON b.id = n.business_id WHERE n.number IN ({}) ORDER BY n.business_id",
        placeholders.join(", ")
    );
    let mut query = sqlx::query(&sql);
    for n in &numbers {
        query = query.bind(*n);
    }
    let owners = query
        .fetch_all(&mut *tx)
        .await
        .context("looking up business numbers")?;
    let mut existing: Option<(BusinessId, String)> = None;
    for row in &owners {
        let id: BusinessId = col(row, "business_id")?;
        let name: String = col(row, "name")?;
        match &existing {
            None => existing = Some((id, name)),
            Some((first, first_name)) if *first != id => {
                let number: String = col(row, "number")?;
                let i = numbers.iter().position(|n| *n == number).unwrap_or(0);
                return Err(ProfileError {
                    field: format!("business.phone_numbers[{i}]"),
                    message: format!(
                        "{number} belongs to another business ('{name}'), while other numbers belong to '{first_name}'"
                    ),
                }
                .into());
            }
            Some(_) => {}
        }
    }
    let json = profile.to_json();
    let tz = profile.tz().name().to_string();
    let caldav_url = profile.booking.caldav.as_ref().map(|c| c.url.trim());
    let outcome = match existing {
        Some((id, _)) => {
            super::caldav::follow_url(&mut tx, id, caldav_url).await?;
            sqlx::query(
                "UPDATE businesses SET name = $1, timezone = $2, profile_json = $3, updated_at = $4, \
                 caldav_url = $6 WHERE id = $5",
            )
            .bind(&profile.business.name)
            .bind(&tz)
            .bind(&json)
            .bind(now_ms)
            .bind(id)
            .bind(caldav_url)
            .execute(&mut *tx)
            .await
            .context("updating business")?;
            sqlx::query("DELETE FROM business_numbers WHERE business_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            ImportOutcome { id, created: false }
        }
        None => {
            let row = sqlx::query(
                "INSERT INTO businesses (name, timezone, profile_json, created_at, updated_at, caldav_url) \
                 VALUES ($1, $2, $3, $4, $4, $5) RETURNING id",
            )
            .bind(&profile.business.name)
            .bind(&tz)
            .bind(&json)
            .bind(now_ms)
            .bind(caldav_url)
            .fetch_one(&mut *tx)
            .await
            .context("inserting business")?;
            ImportOutcome {
                id: col(&row, "id")?,
                created: true,
            }
        }
    };
    for n in &numbers {
        sqlx::query(
            "INSERT INTO business_numbers (number, business_id, provider) VALUES ($1, $2, $3)",
        )
        .bind(*n)
        .bind(outcome.id)
        .bind(profile.business.provider.as_str())
        .execute(&mut *tx)
        .await
        .context("inserting business number")?;
    }
    super::feeds::sync(&mut tx, outcome.id, &profile.booking.calendar_feeds).await?;
    tx.commit().await.context("committing import")?;
    Ok(outcome)
}

impl From<sqlx::Error> for ImportError {
    fn from(e: sqlx::Error) -> Self {
        ImportError::Store(e.into())
    }
}

fn record(row: &sqlx::any::AnyRow) -> anyhow::Result<BusinessRecord> {
    parse_record(col(row, "id")?, &col::<String>(row, "profile_json")?)
}

/// Business id -> (stored profile JSON, the profile parsed from it).
type ParsedProfiles = HashMap<BusinessId, (String, Arc<BusinessProfile>)>;

/// A business from its stored profile. Every webhook and turn loads its business; parsing the
/// profile (and what is derived from it, such as the grounding check's text) is done once per
/// stored version in this process, not once per load.
pub(crate) fn parse_record(id: BusinessId, profile_json: &str) -> anyhow::Result<BusinessRecord> {
    static PARSED: Mutex<Option<ParsedProfiles>> = Mutex::new(None);
    if let Some((json, profile)) = PARSED.lock().unwrap().get_or_insert_default().get(&id) {
        if json == profile_json {
            return Ok(BusinessRecord {
                id,
                profile: profile.clone(),
            });
        }
    }
    let profile = Arc::new(
        BusinessProfile::from_json(profile_json).with_context(|| format!("business {id}"))?,
    );
    PARSED
        .lock()
        .unwrap()
        .get_or_insert_default()
        .insert(id, (profile_json.to_string(), profile.clone()));
    Ok(BusinessRecord { id, profile })
}

/// The business a provider number belongs to.
pub async fn by_number(conn: &mut Conn, number: &str) -> anyhow::Result<Option<BusinessRecord>> {
    let row = sqlx::query(
        "SELECT b.id, b.profile_json FROM business_numbers n JOIN businesses b ON b.id = n.business_id \
         WHERE n.number = $1",
    )
    .bind(number)
    .fetch_optional(&mut *conn)
    .await
    .context("looking up business by number")?;
    row.as_ref().map(record).transpose()
}

/// The business `id`; [`super::Error::NotFound`] when there is none.
pub async fn by_id(conn: &mut Conn, id: BusinessId) -> super::Result<BusinessRecord> {
    let row = sqlx::query("SELECT id, profile_json FROM businesses WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .doing("loading a business")?
        .found("business")?;
    Ok(record(&row)?)
}

/// Find by exact name (case-insensitive) or by one of its numbers.
pub async fn find(store: &Store, name_or_number: &str) -> anyhow::Result<Option<BusinessRecord>> {
    let mut conn = store.pool().acquire().await?;
    if let Some(found) = by_number(&mut conn, name_or_number.trim()).await? {
        return Ok(Some(found));
    }
    let rows = sqlx::query(
        "SELECT id, profile_json FROM businesses WHERE LOWER(name) = LOWER($1) ORDER BY id",
    )
    .bind(name_or_number.trim())
    .fetch_all(&mut *conn)
    .await?;
    if rows.len() > 1 {
        anyhow::bail!(
            "{} businesses are named '{}'; use a phone number instead",
            rows.len(),
            name_or_number
        );
    }
    rows.first().map(record).transpose()
}

#[derive(Debug, Clone)]
pub struct BusinessSummary {
    pub id: BusinessId,
    pub name: String,
    pub timezone: String,
    pub numbers: Vec<String>,
}

pub async fn list(store: &Store) -> anyhow::Result<Vec<BusinessSummary>> {
    let rows = sqlx::query(
        "SELECT b.id, b.name, b.timezone, n.number FROM businesses b \
         LEFT JOIN business_numbers n ON n.business_id = b.id ORDER BY b.id, n.number",
    )
    .fetch_all(store.pool())
    .await?;
    let mut out: Vec<BusinessSummary> = Vec::new();
    for row in rows {
        let id: BusinessId = col(&row, "id")?;
        let number: Option<String> = row.try_get("number").ok().flatten();
        match out.last_mut() {
            Some(last) if last.id == id => last.numbers.extend(number),
            _ => out.push(BusinessSummary {
                id,
                name: col(&row, "name")?,
                timezone: col(&row, "timezone")?,
                numbers: number.into_iter().collect(),
            }),
        }
    }
    Ok(out)
}

pub async fn count(store: &Store) -> anyhow::Result<i64> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM businesses")
        .fetch_one(store.pool())
        .await?;
    col(&row, "n")
}
