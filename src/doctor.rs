//! `frontdesk doctor`: is this installation ready to answer real callers? Each check prints one
//! line (ok, warn or FAIL) and, when something is wrong, a line saying how to fix it. Nothing is
//! changed, except that opening the database applies pending migrations, as every command does.

use crate::config::{redact_url, Config};
use crate::domain::profile::ProviderKind;
use crate::store::{BusinessId, Optional as _, Store};
use std::fmt::Write as _;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Ok,
    Warn,
    Fail,
}

/// One finding: what was checked, what was found, and how to fix it.
#[derive(Debug, Clone)]
pub struct Finding {
    pub level: Level,
    pub what: String,
    pub fix: Option<String>,
}

#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
}

impl Report {
    fn ok(&mut self, what: impl Into<String>) {
        self.push(Level::Ok, what.into(), None);
    }
    fn warn(&mut self, what: impl Into<String>, fix: impl Into<String>) {
        self.push(Level::Warn, what.into(), Some(fix.into()));
    }
    fn fail(&mut self, what: impl Into<String>, fix: impl Into<String>) {
        self.push(Level::Fail, what.into(), Some(fix.into()));
    }
    fn push(&mut self, level: Level, what: String, fix: Option<String>) {
        self.findings.push(Finding { level, what, fix });
    }

    pub fn failed(&self) -> bool {
        self.findings.iter().any(|f| f.level == Level::Fail)
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        for f in &self.findings {
            let tag = match f.level {
                Level::Ok => "ok  ",
                Level::Warn => "warn",
                Level::Fail => "FAIL",
            };
            let _ = writeln!(out, "{tag} {}", f.what);
            if let Some(fix) = &f.fix {
                let _ = writeln!(out, "     fix: {fix}");
            }
        }
        let (fails, warns) = self
            .findings
            .iter()
            .fold((0, 0), |(f, w), x| match x.level {
                Level::Fail => (f + 1, w),
                Level::Warn => (f, w + 1),
                Level::Ok => (f, w),
            });
        let _ = writeln!(
            out,
            "{}",
            match (fails, warns) {
                (0, 0) => "Ready to answer callers.".to_string(),
                (0, w) => format!("Ready, with {w} warning(s) worth a look."),
                (f, _) => format!("{f} problem(s) to fix before going live."),
            }
        );
        out
    }
}

/// Run every check; the model endpoint is asked for its models, waiting at most `timeout`.
pub async fn check(config: &Config, timeout: Duration) -> Report {
    let mut r = Report::default();
    check_settings(config, &mut r);
    match Store::open(&config.database_url, config.db_max_connections).await {
        Ok(store) => {
            r.ok(format!("database: {}", redact_url(&config.database_url)));
            if let Err(e) = check_businesses(config, &store, &mut r).await {
                r.fail(
                    format!("reading the businesses failed: {e}"),
                    "check that the database is the one `frontdesk serve` uses",
                );
            }
        }
        Err(e) => r.fail(
            format!("database: cannot open {} ({e})", redact_url(&config.database_url)),
            "set DATABASE_URL to sqlite://PATH or postgres://USER@HOST/DB and check the server is up",
        ),
    }
    check_model(config, timeout, &mut r).await;
    r
}

fn check_settings(config: &Config, r: &mut Report) {
    match &config.public_url {
        Some(url) if url.starts_with("https://") => r.ok(format!("public address: {url}")),
        Some(url) => r.warn(
            format!("public address {url} is not https"),
            "Twilio and Telnyx should call an https address: set FRONTDESK_PUBLIC_URL to it",
        ),
        None => r.warn(
            "no public address set: webhook signatures are checked against the request's own URL",
            "set FRONTDESK_PUBLIC_URL to the https address your provider calls (behind a proxy it differs)",
        ),
    }
    if config.twilio.is_none() && config.telnyx.is_none() {
        r.fail(
            "no SMS provider credentials: no text would be sent",
            "set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TELNYX_API_KEY and TELNYX_PUBLIC_KEY)",
        );
    }
    if config.telnyx.is_some() && config.telnyx_public_key.is_none() {
        r.fail(
            "TELNYX_API_KEY is set but TELNYX_PUBLIC_KEY is not: Telnyx webhooks cannot be verified",
            "copy the public key from the Telnyx portal (Keys & Credentials) into TELNYX_PUBLIC_KEY",
        );
    }
}

async fn check_businesses(config: &Config, store: &Store, r: &mut Report) -> anyhow::Result<()> {
    let list = crate::store::businesses::list(store).await?;
    if list.is_empty() {
        r.fail(
            "no business imported: calls to your number reach nobody",
            "copy examples/daves-plumbing.toml, edit it, then `frontdesk business import FILE`",
        );
        return Ok(());
    }
    let mut conn = store.pool().acquire().await?;
    for summary in list {
        let Some(b) = crate::store::businesses::by_id(&mut conn, summary.id)
            .await
            .optional()?
        else {
            continue;
        };
        let p = &b.profile;
        let name = &p.business.name;
        if summary.numbers.is_empty() {
            r.fail(
                format!("{name}: no phone numbers"),
                "add the provider number to business.phone_numbers and import again",
            );
        } else {
            r.ok(format!("{name}: answers {}", summary.numbers.join(", ")));
        }
        let has_provider = match p.business.provider {
            ProviderKind::Twilio => config.twilio.is_some(),
            ProviderKind::Telnyx => config.telnyx.is_some(),
        };
        if !has_provider {
            r.fail(
                format!(
                    "{name}: sends through {} but its credentials are not set",
                    p.business.provider.as_str()
                ),
                "set that provider's credentials, or change business.provider",
            );
        }
        if p.textback.lookup && config.twilio.is_none() {
            r.warn(
                format!("{name}: textback.lookup is on but Twilio is not configured: landlines are texted like any caller"),
                "set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or remove textback.lookup",
            );
        }
        if p.escalation.notify.is_empty() {
            r.warn(
                format!("{name}: hand-offs and emergencies alert nobody by text"),
                "add a staff mobile number to escalation.notify",
            );
        }
        if crate::store::users::members(&mut conn, b.id)
            .await?
            .is_empty()
        {
            r.warn(
                format!("{name}: no dashboard account"),
                format!("`frontdesk user add --business \"{name}\" --email EMAIL --role owner`"),
            );
        }
        for feed in crate::store::feeds::list(&mut conn, b.id).await? {
            let source = redact_url(&feed.source);
            match (&feed.last_error, feed.has_body) {
                (None, true) => r.ok(format!("{name}: calendar {source}")),
                (Some(e), true) => r.warn(
                    format!("{name}: calendar {source} failing ({e}); the last good copy is used"),
                    format!("check the address, then `frontdesk calendar refresh \"{name}\"`"),
                ),
                (_, false) => r.fail(
                    format!(
                        "{name}: calendar {source} never loaded{}; times will need a person to confirm",
                        feed.last_error
                            .as_deref()
                            .map(|e| format!(" ({e})"))
                            .unwrap_or_default()
                    ),
                    format!("check the address, then `frontdesk calendar refresh \"{name}\"`"),
                ),
            }
        }
        if let Some(c) = &p.booking.caldav {
            check_caldav(config, &mut conn, b.id, name, c, r).await?;
        }
    }
    Ok(())
}

/// CalDAV write-back (`booking.caldav`): the password variable, the address, and how the writes
/// are going (from the database: no request is made here).
async fn check_caldav(
    config: &Config,
    conn: &mut crate::store::Conn,
    business_id: BusinessId,
    name: &str,
    c: &crate::domain::profile::CaldavSection,
    r: &mut Report,
) -> anyhow::Result<()> {
    let target = redact_url(&c.url);
    let health = crate::store::caldav::health(conn, business_id).await?;
    let waiting = match health.pending {
        0 => String::new(),
        1 => "; 1 booking is waiting to be written".to_string(),
        n => format!("; {n} bookings are waiting to be written"),
    };
    if std::env::var(&c.password_env).map_or(true, |v| v.is_empty()) {
        r.fail(
            format!(
                "{name}: CalDAV write-back to {target}: the password variable {} is not set, so nothing is sent{waiting}",
                c.password_env
            ),
            format!(
                "set {} in the server's environment (booking.caldav.password_env names it)",
                c.password_env
            ),
        );
    } else if let Err(e) = crate::calendar::address::check(
        &c.url,
        config.feed_policy(),
        crate::calendar::address::Origin::Dashboard,
    ) {
        r.fail(
            format!("{name}: CalDAV write-back: the address {target} {e}"),
            "use the calendar collection's public https:// address in booking.caldav.url",
        );
    } else if let Some(e) = &health.error {
        r.fail(
            format!("{name}: CalDAV write-back to {target} failing ({e}){waiting}; retried automatically"),
            "check booking.caldav (url, username) and the password variable; nothing is lost meanwhile",
        );
    } else {
        r.ok(format!("{name}: CalDAV write-back to {target}{waiting}"));
    }
    Ok(())
}

async fn check_model(config: &Config, timeout: Duration, r: &mut Report) {
    let Some(llm) = &config.llm else {
        r.ok("receptionist: the built-in policy (no model configured)");
        return;
    };
    let url = format!("{}/models", llm.base_url.trim_end_matches('/'));
    crate::telephony::twilio::ensure_crypto_provider();
    let client = match reqwest::Client::builder().timeout(timeout).build() {
        Ok(c) => c,
        Err(e) => {
            r.fail(
                format!("model: cannot build an HTTP client ({e})"),
                "report this as a bug",
            );
            return;
        }
    };
    let mut req = client.get(&url);
    if let Some(key) = &llm.api_key {
        req = req.bearer_auth(key);
    }
    let fix = "check OPENAI_BASE_URL and OPENAI_API_KEY, or unset OPENAI_BASE_URL to use the built-in receptionist";
    match req.send().await {
        Ok(res) if res.status().is_success() => r.ok(format!(
            "model: '{}' at {} answers",
            llm.model,
            redact_url(&llm.base_url)
        )),
        Ok(res) => r.fail(
            format!(
                "model: {} answered {}",
                redact_url(&llm.base_url),
                res.status()
            ),
            fix,
        ),
        Err(e) => r.fail(
            format!(
                "model: {} does not answer ({})",
                redact_url(&llm.base_url),
                if e.is_timeout() {
                    "timed out"
                } else {
                    "cannot connect"
                }
            ),
            fix,
        ),
    }
}
