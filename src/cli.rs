//! The `business` subcommands and the demo set-up: profile files in and out of the store.

use crate::clock::to_millis;
use crate::domain::BusinessProfile;
use crate::store::businesses::{self, ImportError};
use crate::store::Store;
use anyhow::Context as _;
use std::path::Path;

/// The example profile shipped with the binary, used by `serve --demo`.
pub const DEMO_PROFILE: &str = include_str!("../examples/daves-plumbing.toml");

/// Parse a profile file; errors name the file and the field.
pub fn read_profile(path: &Path) -> anyhow::Result<BusinessProfile> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    BusinessProfile::from_toml(&text).with_context(|| path.display().to_string())
}

pub async fn import(
    store: &Store,
    path: &Path,
    policy: crate::calendar::address::FeedPolicy,
) -> anyhow::Result<String> {
    let profile = read_profile(path)?;
    for (i, feed) in profile.booking.calendar_feeds.iter().enumerate() {
        crate::calendar::address::check_on_save(
            feed,
            policy,
            crate::calendar::address::Origin::Admin,
        )
        .await
        .map_err(|e| {
            anyhow::anyhow!(
                "{}: booking.calendar_feeds[{i}]: this address {e}",
                path.display()
            )
        })?;
    }
    if let Some(c) = &profile.booking.caldav {
        // The same guard as feeds (never a file: the section names a server to write to).
        crate::calendar::address::check_on_save(
            &c.url,
            policy,
            crate::calendar::address::Origin::Dashboard,
        )
        .await
        .map_err(|e| {
            anyhow::anyhow!(
                "{}: booking.caldav.url: this address {}",
                path.display(),
                e.replace("a calendar feed", "a CalDAV calendar")
            )
        })?;
    }
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
        Err(ImportError::Profile(e)) => {
            Err(anyhow::Error::new(e).context(path.display().to_string()))
        }
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
    let profile = BusinessProfile::from_toml(DEMO_PROFILE).context("demo profile")?;
    businesses::import(store, &profile, to_millis(chrono::Utc::now()))
        .await
        .context("importing the demo business")?;
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
        crate::calendar::feeds::refresh(
            &state.engine.calendar,
            f,
            b.profile.tz(),
            b.profile.booking.horizon_days,
        )
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
    let cal = crate::calendar::service::Calendar::new(&state.engine.calendar, &b);
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

/// `frontdesk user reset-password`: a new one-time password for an account (the holder chooses
/// their own at the next sign-in); every session of the account ends, and sign-in throttling for
/// it starts afresh.
pub async fn user_reset_password(store: &Store, email: &str) -> anyhow::Result<String> {
    let email = crate::store::users::normalise_email(email);
    let password = new_one_time_password(store, &email).await?;
    Ok(format!(
        "{email}: one-time password {password}\n(they choose their own at the next sign-in; all their sessions were ended)\n"
    ))
}

/// A new one-time password for the account (`email` already normalised; returned, never stored
/// in the clear); its sessions end and its sign-in throttling starts afresh.
async fn new_one_time_password(store: &Store, email: &str) -> anyhow::Result<String> {
    use crate::store::users;
    let mut conn = store.pool().acquire().await?;
    let Some(user) = users::by_email(&mut conn, email).await? else {
        anyhow::bail!("--email: no account '{email}' (see `frontdesk user list BUSINESS`)");
    };
    drop(conn);
    let password = crate::dashboard::auth::one_time_password();
    let hash = crate::dashboard::auth::hash_password(&password)?;
    let mut tx = store.begin().await?;
    users::set_password(&mut tx, user.id, &hash, true).await?;
    users::delete_other_sessions(&mut tx, user.id, "").await?;
    tx.commit().await?;
    users::attempt_succeeded(store, &format!("email:{email}"), "").await?;
    Ok(password)
}

/// `frontdesk user add`: give an account a role at a business, creating the account if needed.
pub async fn user_add(
    store: &Store,
    business_name: &str,
    email: &str,
    role: &str,
    name: Option<&str>,
    password: Option<&str>,
) -> anyhow::Result<String> {
    Ok(add_user(store, business_name, email, role, name, password)
        .await?
        .0)
}

/// The report to print, and the one-time password when one was made for a new account.
async fn add_user(
    store: &Store,
    business_name: &str,
    email: &str,
    role: &str,
    name: Option<&str>,
    password: Option<&str>,
) -> anyhow::Result<(String, Option<String>)> {
    use crate::store::users::{self, Role};
    let b = business(store, business_name).await?;
    let role = Role::parse(role)
        .ok_or_else(|| anyhow::anyhow!("--role: '{role}' is not a role (use owner or staff)"))?;
    let email = users::normalise_email(email);
    if !email.contains('@') || email.contains(' ') || email.len() > 200 {
        anyhow::bail!("--email: '{email}' is not an email address");
    }
    let name = name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| email.split('@').next().unwrap_or("").to_string());
    let (password, one_time) = match password {
        Some(p) => {
            crate::dashboard::auth::check_new_password(p)
                .map_err(|e| anyhow::anyhow!("password: {e}"))?;
            (p.to_string(), false)
        }
        None => (crate::dashboard::auth::one_time_password(), true),
    };
    let hash = crate::dashboard::auth::hash_password(&password)?;
    let now_ms = crate::clock::to_millis(chrono::Utc::now());
    let mut tx = store.begin().await?;
    let (user, created) =
        users::add_to_business(&mut tx, &email, &name, &hash, one_time, b.id, role, now_ms).await?;
    if !created && !one_time {
        users::set_password(&mut tx, user.id, &hash, false).await?;
    }
    tx.commit().await?;
    let business_name = &b.profile.business.name;
    let mut out = format!(
        "{} is {} of {business_name} (business {}).\n",
        user.email,
        match role {
            Role::Owner => "an owner",
            Role::Staff => "staff",
        },
        b.id
    );
    if created && one_time {
        out.push_str(&format!(
            "One-time password: {password}\n(they choose their own at first sign-in)\n"
        ));
    } else if !created && one_time {
        out.push_str("The account existed already; its password is unchanged.\n");
    }
    Ok((out, (created && one_time).then_some(password)))
}

/// `frontdesk user list`.
pub async fn user_list(store: &Store, business_name: &str) -> anyhow::Result<String> {
    let b = business(store, business_name).await?;
    let mut conn = store.pool().acquire().await?;
    let members = crate::store::users::members(&mut conn, b.id).await?;
    let mut out = String::new();
    for m in members {
        out.push_str(&format!("{}\t{}\t{}\n", m.email, m.role.as_str(), m.name));
    }
    if out.is_empty() {
        out = format!(
            "{} has no dashboard accounts yet\n",
            b.profile.business.name
        );
    }
    Ok(out)
}

/// With `serve --demo`: an owner account for the demo business when there is no account yet.
/// Returns the email and one-time password to print.
pub async fn ensure_demo_owner(store: &Store) -> anyhow::Result<Option<(String, String)>> {
    let email = "owner@example.com";
    if crate::store::users::count(store).await? > 0 {
        // Until the demo owner has signed in and chosen a password, each start prints a fresh
        // one-time password (the first one may have scrolled away); after that, nothing.
        let mut conn = store.pool().acquire().await?;
        let unused = crate::store::users::by_email(&mut conn, email)
            .await?
            .is_some_and(|u| u.must_change_password);
        drop(conn);
        if !unused {
            return Ok(None);
        }
        let password = new_one_time_password(store, email).await?;
        return Ok(Some((email.to_string(), password)));
    }
    let Some(first) = crate::store::businesses::list(store)
        .await?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    let (_, password) =
        add_user(store, &first.name, email, "owner", Some("Demo Owner"), None).await?;
    Ok(password.map(|p| (email.to_string(), p)))
}

/// `frontdesk contact forget NUMBER`: erase a caller's texts and details on their request. Only
/// the opt-out stays, so they are never texted again; the summary is also logged as an audit
/// line.
pub async fn contact_forget(
    store: &Store,
    number: &str,
    business_name: Option<&str>,
) -> anyhow::Result<String> {
    let phone = crate::domain::phone::PhoneNumber::parse(number)
        .map_err(|e| anyhow::anyhow!("NUMBER: {e}"))?;
    let phone = phone.as_str().to_string();
    let business_id = match business_name {
        Some(b) => Some(business(store, b).await?.id),
        None => None,
    };
    let now_ms = crate::clock::to_millis(chrono::Utc::now());
    let mut tx = store.begin().await?;
    let gone = crate::store::contacts::forget(&mut tx, &phone, business_id, now_ms).await?;
    if gone.contacts == 0 {
        anyhow::bail!("NUMBER: no caller {phone} in this database (nothing was changed)");
    }
    tx.commit().await?;
    tracing::info!(
        target: "audit",
        number = %phone,
        businesses = gone.contacts,
        conversations = gone.conversations,
        messages = gone.messages,
        bookings = gone.bookings,
        calls = gone.calls,
        "caller forgotten on request; opt-out kept"
    );
    let mut out = format!(
        "{phone} forgotten: {} conversation(s), {} message(s) erased; the number removed from {} call(s); \
         name, number, address and notes erased from {} booking(s).\n\
         The opt-out is kept: {phone} will not be texted again (unless they text START).\n",
        gone.conversations, gone.messages, gone.calls, gone.bookings
    );
    if gone.upcoming_bookings > 0 {
        out.push_str(&format!(
            "{} upcoming booking(s) still hold their time on the calendar; cancel them in the dashboard if the visit is off.\n",
            gone.upcoming_bookings
        ));
    }
    Ok(out)
}

/// `frontdesk backup FILE`: an online, consistent copy of a SQLite database (the server may keep
/// running). PostgreSQL has its own tool for this.
pub async fn backup(store: &Store, file: &Path) -> anyhow::Result<String> {
    if store.backend() != crate::store::Backend::Sqlite {
        anyhow::bail!(
            "this database is PostgreSQL: back it up with pg_dump, e.g. `pg_dump --format=custom --file=frontdesk.dump \"$DATABASE_URL\"`"
        );
    }
    if file.exists() {
        anyhow::bail!(
            "FILE: {} already exists; choose a new file name (a backup never overwrites)",
            file.display()
        );
    }
    let target = file
        .to_str()
        .ok_or_else(|| anyhow::anyhow!("FILE: the path must be valid UTF-8"))?;
    crate::store::backup_sqlite(store, target).await?;
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    Ok(format!(
        "backed up to {} ({} KiB); restore by pointing DATABASE_URL at a copy of it\n",
        file.display(),
        size.div_ceil(1024)
    ))
}
