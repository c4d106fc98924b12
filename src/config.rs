//! Settings from environment variables, optionally from a `frontdesk.toml` file too.
//!
//! Each setting has one environment variable; the file may give the same settings under the
//! lower-case name without the `FRONTDESK_` prefix (`DATABASE_URL` -> `database_url`,
//! `FRONTDESK_LISTEN` -> `listen`). The environment wins over the file. A bad value stops start-up
//! with one line that names the key. Secrets are never printed (see the `Debug` impl).

use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    pub listen: SocketAddr,
    /// Where `/metrics` (and health checks) are served, apart from the public listener
    /// (`FRONTDESK_METRICS_LISTEN`, default `127.0.0.1:9464`; `off` for none).
    pub metrics_listen: Option<SocketAddr>,
    /// With it, `/metrics` is also served on the public listener to `Authorization: Bearer
    /// <token>` (`FRONTDESK_METRICS_TOKEN`).
    pub metrics_token: Option<String>,
    /// The public base URL Twilio calls (e.g. `https://frontdesk.example.com`).
    pub public_url: Option<String>,
    pub twilio: Option<TwilioConfig>,
    /// Used for webhook signature checks even without sending credentials.
    pub twilio_api_base: String,
    /// Twilio Lookup's base (`TWILIO_LOOKUP_BASE`): line types of callers, for businesses with
    /// `[textback] lookup = true`.
    pub twilio_lookup_base: String,
    /// Longest wait for a Lookup answer (`FRONTDESK_LOOKUP_TIMEOUT_MS`); past it the text-back
    /// goes as if there were no Lookup.
    pub lookup_timeout: Duration,
    /// Telnyx's sending credentials (`TELNYX_API_KEY`, `TELNYX_MESSAGING_PROFILE_ID`).
    pub telnyx: Option<TelnyxConfig>,
    /// The account's public key Telnyx webhooks are verified with (`TELNYX_PUBLIC_KEY`); without
    /// it every Telnyx webhook is refused.
    pub telnyx_public_key: Option<ed25519_dalek::VerifyingKey>,
    /// `TELNYX_API_BASE` (tests point it at a local server).
    pub telnyx_api_base: String,
    pub log_json: bool,
    pub db_max_connections: Option<u32>,
    pub send_concurrency: usize,
    pub send_retry_base: Duration,
    pub send_timeout: Duration,
    /// Largest webhook body accepted, in bytes.
    pub max_body_bytes: usize,
    /// How often calendar feeds are fetched again.
    pub feed_refresh: Duration,
    pub feed_timeout: Duration,
    /// Largest calendar feed accepted, in bytes.
    pub feed_max_bytes: usize,
    /// Calendar feeds may be on loopback or private networks, and plain http
    /// (`FRONTDESK_ALLOW_PRIVATE_NETWORKS`): tests, a calendar server on the office network.
    pub allow_private_networks: bool,
    /// Proxies whose `X-Forwarded-For` is believed (`FRONTDESK_TRUSTED_PROXIES`: addresses or
    /// CIDR ranges, comma-separated). From anyone else the header is ignored.
    pub trusted_proxies: Vec<IpRange>,
    /// Calendar feeds may be file paths, from `business import` only (`FRONTDESK_ALLOW_FILE_FEEDS`).
    pub allow_file_feeds: bool,
    /// How long a caller must be quiet before the receptionist answers (bursts get one reply).
    pub reply_quiet: Duration,
    /// Tests only (`FRONTDESK_INBOUND_BATCH_HOLD_MS`, default 0): on SQLite each batch of inbound
    /// texts is held open this long before its commit, so a test can kill the server between a
    /// batch's writes and its commit (see `jobs::group_commit`).
    pub inbound_batch_hold: Duration,
    /// Tests only (`FRONTDESK_SENT_BATCH_HOLD_MS`, default 0): on SQLite each batch of the
    /// outbox's records of sent texts is held open this long before its commit, so a test can
    /// kill the server after a send but before its record commits (see `jobs::sent_commit`).
    pub sent_batch_hold: Duration,
    /// The OpenAI-compatible chat-completions endpoint, when an LLM is configured.
    pub llm: Option<LlmConfig>,
}

#[derive(Clone)]
pub struct LlmConfig {
    pub base_url: String,
    pub api_key: Option<String>,
    pub model: String,
    pub timeout: Duration,
    /// Further attempts after a failed call (HTTP error or timeout).
    pub retries: u32,
}

#[derive(Clone)]
pub struct TwilioConfig {
    pub account_sid: String,
    pub auth_token: String,
    /// The SharedKey secret of a Twilio Webhooks Rule: requests that say they were signed with
    /// it (`X-Twilio-Webhooks-Signature-Settings`) are checked with it (`TWILIO_WEBHOOK_SHARED_KEY`).
    pub webhook_shared_key: Option<String>,
}

#[derive(Clone)]
pub struct TelnyxConfig {
    pub api_key: String,
    pub messaging_profile_id: Option<String>,
}

/// An address or a CIDR range ("10.0.0.0/8", "::1").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpRange {
    net: std::net::IpAddr,
    prefix: u8,
}

impl std::str::FromStr for IpRange {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        let (ip, prefix) = match s.split_once('/') {
            Some((ip, p)) => (ip, Some(p.parse::<u8>().map_err(|_| ())?)),
            None => (s, None),
        };
        let net: std::net::IpAddr = ip.parse().map_err(|_| ())?;
        let max = if net.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        if prefix > max {
            return Err(());
        }
        Ok(Self { net, prefix })
    }
}

impl IpRange {
    pub fn contains(&self, ip: std::net::IpAddr) -> bool {
        let bits = |ip: std::net::IpAddr| -> (u128, u32) {
            match ip {
                std::net::IpAddr::V4(v) => (u32::from(v) as u128, 32),
                std::net::IpAddr::V6(v) => match v.to_ipv4_mapped() {
                    Some(v4) => (u32::from(v4) as u128, 32),
                    None => (u128::from(v), 128),
                },
            }
        };
        let (a, width) = bits(self.net);
        let (b, width_b) = bits(ip);
        if width != width_b {
            return false;
        }
        let shift = width - self.prefix as u32;
        shift >= width || (a >> shift) == (b >> shift)
    }
}

/// The client a request came from: the peer, or, when the peer is a trusted proxy, the
/// right-most address in `X-Forwarded-For` that is not itself a trusted proxy.
pub fn client_ip(
    peer: std::net::IpAddr,
    forwarded_for: Option<&str>,
    trusted: &[IpRange],
) -> std::net::IpAddr {
    let is_trusted = |ip: std::net::IpAddr| trusted.iter().any(|r| r.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let mut client = peer;
    for hop in forwarded_for.unwrap_or("").rsplit(',') {
        match hop.trim().parse::<std::net::IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !is_trusted(ip) {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    client
}

impl Config {
    /// The calendar feed switches as one policy.
    pub fn feed_policy(&self) -> crate::calendar::address::FeedPolicy {
        crate::calendar::address::FeedPolicy {
            allow_private: self.allow_private_networks,
            allow_files: self.allow_file_feeds,
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact_url(&self.database_url))
            .field("listen", &self.listen)
            .field("public_url", &self.public_url)
            .field(
                "twilio_account_sid",
                &self.twilio.as_ref().map(|t| &t.account_sid),
            )
            .field(
                "twilio_auth_token",
                &self.twilio.as_ref().map(|_| "<redacted>"),
            )
            .field("twilio_api_base", &self.twilio_api_base)
            .field("twilio_lookup_base", &self.twilio_lookup_base)
            .field(
                "telnyx_api_key",
                &self.telnyx.as_ref().map(|_| "<redacted>"),
            )
            .field("telnyx_public_key", &self.telnyx_public_key.is_some())
            .field("telnyx_api_base", &self.telnyx_api_base)
            .field("log_json", &self.log_json)
            .field("llm_base_url", &self.llm.as_ref().map(|l| &l.base_url))
            .field(
                "llm_api_key",
                &self
                    .llm
                    .as_ref()
                    .and_then(|l| l.api_key.as_ref())
                    .map(|_| "<redacted>"),
            )
            .finish_non_exhaustive()
    }
}

/// Hide a password in a database URL.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let creds = &url[scheme_end + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!(
                    "{}{}:<redacted>{}",
                    &url[..scheme_end + 3],
                    user,
                    &url[at..]
                ),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// A configuration problem, naming the key at fault.
#[derive(Debug, thiserror::Error)]
#[error("configuration error: {key}: {message}")]
pub struct ConfigError {
    pub key: String,
    pub message: String,
}

fn bad(key: &str, message: impl Into<String>) -> ConfigError {
    ConfigError {
        key: key.to_string(),
        message: message.into(),
    }
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://frontdesk.db";

impl Config {
    /// Read the process environment and, if present, the config file.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        let env: HashMap<String, String> = std::env::vars().collect();
        let explicit = file
            .map(Path::to_path_buf)
            .or_else(|| env.get("FRONTDESK_CONFIG").map(Into::into));
        let (path, required) = match explicit {
            Some(p) => (p, true),
            None => ("frontdesk.toml".into(), false),
        };
        let file_table = match std::fs::read_to_string(&path) {
            Ok(text) => Some(
                text.parse::<toml::Table>()
                    .map_err(|e| bad(&path.display().to_string(), e.message().to_string()))?,
            ),
            Err(_) if !required => None,
            Err(e) => {
                return Err(bad(
                    &path.display().to_string(),
                    format!("cannot read: {e}"),
                ))
            }
        };
        Self::from_sources(&env, file_table.as_ref())
    }

    /// Build from explicit sources (the environment wins over the file).
    pub fn from_sources(
        env: &HashMap<String, String>,
        file: Option<&toml::Table>,
    ) -> Result<Self, ConfigError> {
        if let Some(table) = file {
            for key in table.keys() {
                if !KEYS.iter().any(|k| file_key(k) == *key) {
                    return Err(bad(key, "unknown setting in frontdesk.toml"));
                }
            }
        }
        let get = |key: &str| -> Result<Option<String>, ConfigError> {
            if let Some(v) = env.get(key) {
                return Ok(Some(v.clone()).filter(|v| !v.trim().is_empty()));
            }
            match file.and_then(|t| t.get(&file_key(key))) {
                None => Ok(None),
                Some(toml::Value::String(s)) => Ok(Some(s.clone())),
                Some(toml::Value::Integer(i)) => Ok(Some(i.to_string())),
                Some(toml::Value::Boolean(b)) => Ok(Some(b.to_string())),
                Some(_) => Err(bad(&file_key(key), "must be a string or a number")),
            }
        };

        let database_url = get("DATABASE_URL")?.unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(bad(
                "DATABASE_URL",
                "must start with sqlite: or postgres:// (e.g. sqlite://frontdesk.db)",
            ));
        }

        let metrics_listen = match get("FRONTDESK_METRICS_LISTEN")?.as_deref().map(str::trim) {
            Some("off" | "none" | "") => None,
            None => Some(SocketAddr::from(([127, 0, 0, 1], 9464))),
            Some(raw) => Some(raw.parse().map_err(|_| {
                bad(
                    "FRONTDESK_METRICS_LISTEN",
                    format!("'{raw}' is not an address like 127.0.0.1:9464 (or off)"),
                )
            })?),
        };
        let metrics_token = get("FRONTDESK_METRICS_TOKEN")?.filter(|t| !t.trim().is_empty());
        if metrics_token.as_ref().is_some_and(|t| t.len() < 16) {
            return Err(bad(
                "FRONTDESK_METRICS_TOKEN",
                "must be at least 16 characters",
            ));
        }
        let listen_raw = get("FRONTDESK_LISTEN")?.unwrap_or_else(|| "127.0.0.1:3000".into());
        let listen = listen_raw.parse().map_err(|_| {
            bad(
                "FRONTDESK_LISTEN",
                format!("'{listen_raw}' is not an address like 127.0.0.1:3000"),
            )
        })?;

        let public_url = get("FRONTDESK_PUBLIC_URL")?
            .map(|u| {
                let trimmed = u.trim_end_matches('/').to_string();
                let parsed = reqwest::Url::parse(&trimmed)
                    .map_err(|e| bad("FRONTDESK_PUBLIC_URL", format!("'{u}' is not a URL: {e}")))?;
                if !matches!(parsed.scheme(), "http" | "https") {
                    return Err(bad("FRONTDESK_PUBLIC_URL", "must be an http or https URL"));
                }
                Ok(trimmed)
            })
            .transpose()?;

        let twilio = match (get("TWILIO_ACCOUNT_SID")?, get("TWILIO_AUTH_TOKEN")?) {
            (Some(sid), Some(token)) => {
                if !sid.starts_with("AC") || sid.len() != 34 {
                    return Err(bad(
                        "TWILIO_ACCOUNT_SID",
                        "must look like AC followed by 32 hex characters",
                    ));
                }
                Some(TwilioConfig {
                    account_sid: sid,
                    auth_token: token,
                    webhook_shared_key: get("TWILIO_WEBHOOK_SHARED_KEY")?,
                })
            }
            (Some(_), None) => {
                return Err(bad(
                    "TWILIO_AUTH_TOKEN",
                    "is required when TWILIO_ACCOUNT_SID is set",
                ))
            }
            (None, Some(_)) => {
                return Err(bad(
                    "TWILIO_ACCOUNT_SID",
                    "is required when TWILIO_AUTH_TOKEN is set",
                ))
            }
            (None, None) => None,
        };

        let twilio_api_base = get("TWILIO_API_BASE")?
            .unwrap_or_else(|| "https://api.twilio.com".into())
            .trim_end_matches('/')
            .to_string();
        reqwest::Url::parse(&twilio_api_base).map_err(|e| {
            bad(
                "TWILIO_API_BASE",
                format!("'{twilio_api_base}' is not a URL: {e}"),
            )
        })?;

        let twilio_lookup_base = get("TWILIO_LOOKUP_BASE")?
            .unwrap_or_else(|| "https://lookups.twilio.com".into())
            .trim_end_matches('/')
            .to_string();
        reqwest::Url::parse(&twilio_lookup_base).map_err(|e| {
            bad(
                "TWILIO_LOOKUP_BASE",
                format!("'{twilio_lookup_base}' is not a URL: {e}"),
            )
        })?;

        let telnyx = get("TELNYX_API_KEY")?
            .filter(|k| !k.trim().is_empty())
            .map(|api_key| -> Result<TelnyxConfig, ConfigError> {
                Ok(TelnyxConfig {
                    api_key: api_key.trim().to_string(),
                    messaging_profile_id: get("TELNYX_MESSAGING_PROFILE_ID")?,
                })
            })
            .transpose()?;
        let telnyx_public_key = match get("TELNYX_PUBLIC_KEY")? {
            Some(k) => Some(
                crate::telephony::telnyx::public_key(&k)
                    .map_err(|e| bad("TELNYX_PUBLIC_KEY", e))?,
            ),
            None if telnyx.is_some() => {
                return Err(bad(
                    "TELNYX_PUBLIC_KEY",
                    "is required when TELNYX_API_KEY is set (Telnyx webhooks are verified with it; Mission Control > Keys & Credentials > Public Key)",
                ))
            }
            None => None,
        };
        let telnyx_api_base = get("TELNYX_API_BASE")?
            .unwrap_or_else(|| "https://api.telnyx.com".into())
            .trim_end_matches('/')
            .to_string();
        reqwest::Url::parse(&telnyx_api_base).map_err(|e| {
            bad(
                "TELNYX_API_BASE",
                format!("'{telnyx_api_base}' is not a URL: {e}"),
            )
        })?;

        let log_json = match get("FRONTDESK_LOG_FORMAT")?.as_deref() {
            None | Some("text") => false,
            Some("json") => true,
            Some(other) => {
                return Err(bad(
                    "FRONTDESK_LOG_FORMAT",
                    format!("'{other}' is not one of: text, json"),
                ))
            }
        };

        let number = |key: &str,
                      default: u64,
                      range: std::ops::RangeInclusive<u64>|
         -> Result<u64, ConfigError> {
            match get(key)? {
                None => Ok(default),
                Some(raw) => match raw.trim().parse::<u64>() {
                    Ok(v) if range.contains(&v) => Ok(v),
                    _ => Err(bad(
                        key,
                        format!(
                            "'{raw}' is not a whole number from {} to {}",
                            range.start(),
                            range.end()
                        ),
                    )),
                },
            }
        };
        let flag = |key: &str| -> Result<bool, ConfigError> {
            match get(key)?.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
                None | Some("false" | "0" | "no" | "off" | "") => Ok(false),
                Some("true" | "1" | "yes" | "on") => Ok(true),
                Some(other) => Err(bad(key, format!("'{other}' is not true or false"))),
            }
        };
        let db_max_connections = match get("FRONTDESK_DB_MAX_CONNECTIONS")? {
            None => None,
            Some(_) => Some(number("FRONTDESK_DB_MAX_CONNECTIONS", 10, 1..=500)? as u32),
        };
        Ok(Self {
            database_url,
            listen,
            metrics_listen,
            metrics_token,
            public_url,
            twilio,
            twilio_api_base,
            twilio_lookup_base,
            lookup_timeout: Duration::from_millis(number(
                "FRONTDESK_LOOKUP_TIMEOUT_MS",
                2000,
                100..=10_000,
            )?),
            telnyx,
            telnyx_public_key,
            telnyx_api_base,
            log_json,
            db_max_connections,
            send_concurrency: number("FRONTDESK_SEND_CONCURRENCY", 32, 1..=1024)? as usize,
            send_retry_base: Duration::from_millis(number(
                "FRONTDESK_SEND_RETRY_BASE_MS",
                1000,
                1..=600_000,
            )?),
            send_timeout: Duration::from_secs(number("FRONTDESK_SEND_TIMEOUT_SECS", 15, 1..=300)?),
            max_body_bytes: number(
                "FRONTDESK_MAX_BODY_BYTES",
                64 * 1024,
                1024..=10 * 1024 * 1024,
            )? as usize,
            feed_refresh: Duration::from_secs(number(
                "FRONTDESK_FEED_REFRESH_SECS",
                900,
                10..=86_400,
            )?),
            feed_timeout: Duration::from_secs(number("FRONTDESK_FEED_TIMEOUT_SECS", 10, 1..=120)?),
            feed_max_bytes: number("FRONTDESK_FEED_MAX_BYTES", 10_000_000, 10_000..=100_000_000)?
                as usize,
            trusted_proxies: match get("FRONTDESK_TRUSTED_PROXIES")? {
                None => Vec::new(),
                Some(list) => list
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(|p| {
                        p.parse::<IpRange>().map_err(|_| {
                            bad(
                                "FRONTDESK_TRUSTED_PROXIES",
                                format!(
                                    "'{p}' is not an IP address or CIDR range (e.g. 10.0.0.0/8)"
                                ),
                            )
                        })
                    })
                    .collect::<Result<_, _>>()?,
            },
            allow_private_networks: flag("FRONTDESK_ALLOW_PRIVATE_NETWORKS")?,
            allow_file_feeds: flag("FRONTDESK_ALLOW_FILE_FEEDS")?,
            reply_quiet: Duration::from_millis(number(
                "FRONTDESK_REPLY_QUIET_MS",
                2500,
                0..=30_000,
            )?),
            inbound_batch_hold: Duration::from_millis(number(
                "FRONTDESK_INBOUND_BATCH_HOLD_MS",
                0,
                0..=60_000,
            )?),
            sent_batch_hold: Duration::from_millis(number(
                "FRONTDESK_SENT_BATCH_HOLD_MS",
                0,
                0..=60_000,
            )?),
            llm: {
                let base = get("OPENAI_BASE_URL")?;
                let key = get("OPENAI_API_KEY")?;
                match (base, key) {
                    (None, None) => None,
                    (base, api_key) => {
                        let base_url = base
                            .unwrap_or_else(|| "https://api.openai.com/v1".into())
                            .trim_end_matches('/')
                            .to_string();
                        reqwest::Url::parse(&base_url).map_err(|e| {
                            bad("OPENAI_BASE_URL", format!("'{base_url}' is not a URL: {e}"))
                        })?;
                        Some(LlmConfig {
                            base_url,
                            api_key,
                            model: get("FRONTDESK_LLM_MODEL")?
                                .unwrap_or_else(|| "gpt-4o-mini".into()),
                            timeout: Duration::from_secs(number(
                                "FRONTDESK_LLM_TIMEOUT_SECS",
                                10,
                                1..=300,
                            )?),
                            retries: number("FRONTDESK_LLM_RETRIES", 1, 0..=5)? as u32,
                        })
                    }
                }
            },
        })
    }

    /// Defaults only (no environment, no file): what tests start from.
    pub fn defaults() -> Self {
        Self::from_sources(&HashMap::new(), None).expect("defaults are valid")
    }
}

/// Every setting's environment variable name.
pub const KEYS: &[&str] = &[
    "DATABASE_URL",
    "FRONTDESK_LISTEN",
    "FRONTDESK_METRICS_LISTEN",
    "FRONTDESK_METRICS_TOKEN",
    "FRONTDESK_PUBLIC_URL",
    "TWILIO_ACCOUNT_SID",
    "TWILIO_AUTH_TOKEN",
    "TWILIO_API_BASE",
    "TWILIO_LOOKUP_BASE",
    "FRONTDESK_LOOKUP_TIMEOUT_MS",
    "TWILIO_WEBHOOK_SHARED_KEY",
    "FRONTDESK_LOG_FORMAT",
    "FRONTDESK_DB_MAX_CONNECTIONS",
    "FRONTDESK_SEND_CONCURRENCY",
    "FRONTDESK_SEND_RETRY_BASE_MS",
    "FRONTDESK_SEND_TIMEOUT_SECS",
    "FRONTDESK_MAX_BODY_BYTES",
    "FRONTDESK_FEED_REFRESH_SECS",
    "FRONTDESK_FEED_TIMEOUT_SECS",
    "FRONTDESK_FEED_MAX_BYTES",
    "FRONTDESK_TRUSTED_PROXIES",
    "FRONTDESK_ALLOW_PRIVATE_NETWORKS",
    "FRONTDESK_ALLOW_FILE_FEEDS",
    "FRONTDESK_REPLY_QUIET_MS",
    "FRONTDESK_INBOUND_BATCH_HOLD_MS",
    "FRONTDESK_SENT_BATCH_HOLD_MS",
    "OPENAI_BASE_URL",
    "OPENAI_API_KEY",
    "FRONTDESK_LLM_MODEL",
    "FRONTDESK_LLM_TIMEOUT_SECS",
    "FRONTDESK_LLM_RETRIES",
];

fn file_key(env_key: &str) -> String {
    env_key
        .strip_prefix("FRONTDESK_")
        .unwrap_or(env_key)
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_for_only_from_trusted_proxies() {
        let trusted: Vec<IpRange> = vec!["10.0.0.0/8".parse().unwrap(), "::1".parse().unwrap()];
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        // From anyone else the header is ignored.
        assert_eq!(
            client_ip(ip("198.51.100.7"), Some("1.2.3.4"), &trusted),
            ip("198.51.100.7")
        );
        // Through the proxy: the right-most address that is not a proxy itself.
        assert_eq!(
            client_ip(ip("10.0.0.2"), Some("6.6.6.6, 1.2.3.4, 10.0.0.9"), &trusted),
            ip("1.2.3.4")
        );
        assert_eq!(client_ip(ip("::1"), None, &trusted), ip("::1"));
        assert!("10.0.0.0/33".parse::<IpRange>().is_err());
        assert!("not-an-ip".parse::<IpRange>().is_err());
    }

    fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults() {
        let c = Config::defaults();
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.listen.to_string(), "127.0.0.1:3000");
        assert!(c.twilio.is_none());
    }

    #[test]
    fn bad_values_name_the_key() {
        let e = Config::from_sources(&env(&[("FRONTDESK_LISTEN", "nope")]), None).unwrap_err();
        assert_eq!(e.key, "FRONTDESK_LISTEN");
        let e = Config::from_sources(&env(&[("DATABASE_URL", "mysql://x")]), None).unwrap_err();
        assert_eq!(e.key, "DATABASE_URL");
        let e = Config::from_sources(
            &env(&[("TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000000")]),
            None,
        )
        .unwrap_err();
        assert_eq!(e.key, "TWILIO_AUTH_TOKEN");
        // Telnyx: sending without the key its webhooks are verified with, or a key that is not
        // one, stops start-up naming the key.
        let e = Config::from_sources(&env(&[("TELNYX_API_KEY", "KEY0123")]), None).unwrap_err();
        assert_eq!(e.key, "TELNYX_PUBLIC_KEY");
        let e = Config::from_sources(
            &env(&[
                ("TELNYX_API_KEY", "KEY0123"),
                ("TELNYX_PUBLIC_KEY", "c2hvcnQ="),
            ]),
            None,
        )
        .unwrap_err();
        assert_eq!(e.key, "TELNYX_PUBLIC_KEY");
        assert!(e.message.contains("32 bytes"), "{}", e.message);
        let key = crate::telephony::telnyx::public_key_of(&[3; 32]);
        let c = Config::from_sources(
            &env(&[("TELNYX_API_KEY", "KEY0123"), ("TELNYX_PUBLIC_KEY", &key)]),
            None,
        )
        .unwrap();
        assert!(c.telnyx.is_some() && c.telnyx_public_key.is_some());
        assert!(
            !format!("{c:?}").contains("KEY0123"),
            "the key is never logged"
        );
        let e =
            Config::from_sources(&env(&[("FRONTDESK_SEND_CONCURRENCY", "0")]), None).unwrap_err();
        assert_eq!(e.key, "FRONTDESK_SEND_CONCURRENCY");
        assert!(e
            .to_string()
            .starts_with("configuration error: FRONTDESK_SEND_CONCURRENCY:"));
    }

    #[test]
    fn file_values_and_env_precedence() {
        let table: toml::Table = "listen = \"0.0.0.0:8080\"\ndatabase_url = \"sqlite://x.db\""
            .parse()
            .unwrap();
        let c =
            Config::from_sources(&env(&[("DATABASE_URL", "sqlite://y.db")]), Some(&table)).unwrap();
        assert_eq!(c.listen.to_string(), "0.0.0.0:8080");
        assert_eq!(c.database_url, "sqlite://y.db");
        let table: toml::Table = "lisen = \"0.0.0.0:8080\"".parse().unwrap();
        assert_eq!(
            Config::from_sources(&env(&[]), Some(&table))
                .unwrap_err()
                .key,
            "lisen"
        );
    }

    #[test]
    fn secrets_are_not_printed() {
        let c = Config::from_sources(
            &env(&[
                ("TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000000"),
                ("TWILIO_AUTH_TOKEN", "supersecret"),
                ("DATABASE_URL", "postgres://u:hunter2@db/x"),
            ]),
            None,
        )
        .unwrap();
        let shown = format!("{c:?}");
        assert!(
            !shown.contains("supersecret") && !shown.contains("hunter2"),
            "{shown}"
        );
    }
}
