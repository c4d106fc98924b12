//! Twilio: webhook signatures (`X-Twilio-Signature`) and the Messages REST API.

use super::{Accepted, OutboundSms, SendError};
use anyhow::Context;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use std::time::Duration;
use subtle::ConstantTimeEq;

/// The hash a signature was made with: HMAC-SHA1 with the auth token (the default), or the
/// algorithm a Webhooks Rule names with its SharedKey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    Sha1,
    Sha256,
}

impl Algorithm {
    /// From `X-Twilio-Webhooks-Signature-Settings: key=...,algorithm=HMAC_SHA256`.
    pub fn from_settings(header: &str) -> Option<Self> {
        let algo = header
            .split(',')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("algorithm"))
            .map(|(_, v)| v.trim().to_ascii_uppercase())?;
        match algo.as_str() {
            "HMAC_SHA1" | "HMAC-SHA1" => Some(Self::Sha1),
            "HMAC_SHA256" | "HMAC-SHA256" => Some(Self::Sha256),
            _ => None,
        }
    }
}

/// The string Twilio signs: the URL, then each POST parameter's name and value sorted by name
/// (a repeated name's values sorted too).
fn signed_data(url: &str, params: &[(String, String)]) -> Vec<u8> {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort();
    let mut data = url.as_bytes().to_vec();
    for (k, v) in sorted {
        data.extend_from_slice(k.as_bytes());
        data.extend_from_slice(v.as_bytes());
    }
    data
}

/// Twilio's signature: base64(HMAC-SHA1(auth token, URL + each POST parameter's name and value,
/// sorted by name)).
pub fn signature(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    signature_with(Algorithm::Sha1, auth_token, url, params)
}

pub fn signature_with(
    algorithm: Algorithm,
    key: &str,
    url: &str,
    params: &[(String, String)],
) -> String {
    let data = signed_data(url, params);
    let bytes = match algorithm {
        Algorithm::Sha1 => {
            let mut mac =
                Hmac::<Sha1>::new_from_slice(key.as_bytes()).expect("HMAC takes any key length");
            mac.update(&data);
            mac.finalize().into_bytes().to_vec()
        }
        Algorithm::Sha256 => {
            let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes())
                .expect("HMAC takes any key length");
            mac.update(&data);
            mac.finalize().into_bytes().to_vec()
        }
    };
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Constant-time check of a request's signature.
pub fn verify(auth_token: &str, url: &str, params: &[(String, String)], given: &str) -> bool {
    verify_with(Algorithm::Sha1, auth_token, url, params, given)
}

pub fn verify_with(
    algorithm: Algorithm,
    key: &str,
    url: &str,
    params: &[(String, String)],
    given: &str,
) -> bool {
    let expected = signature_with(algorithm, key, url, params);
    expected.as_bytes().ct_eq(given.trim().as_bytes()).into()
}

/// The forms of a URL Twilio's own validators accept: as given, and with the scheme's default
/// port added or removed (`https://host/x` and `https://host:443/x` sign differently).
pub fn url_variants(url: &str) -> Vec<String> {
    let mut out = vec![url.to_string()];
    let Some((scheme, rest)) = url.split_once("://") else {
        return out;
    };
    let default = match scheme.to_ascii_lowercase().as_str() {
        "https" => "443",
        "http" => "80",
        _ => return out,
    };
    let split = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(split);
    // Credentials ("user:pass@host") stay as they are.
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (format!("{u}@"), h),
        None => (String::new(), authority),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || hostport.starts_with('[') => {
            if p.chars().all(|c| c.is_ascii_digit()) && !h.is_empty() && !p.is_empty() {
                (h, Some(p))
            } else {
                (hostport, None)
            }
        }
        _ => (hostport, None),
    };
    match port {
        None => out.push(format!("{scheme}://{userinfo}{host}:{default}{tail}")),
        Some(p) if p == default => out.push(format!("{scheme}://{userinfo}{host}{tail}")),
        Some(_) => {}
    }
    out
}

/// Error codes that mean the recipient cannot get texts at this number: invalid or unreachable
/// numbers (21211, 21214, 21408, 21612), not a mobile number (21614), unknown handset (30005: not
/// in service), landline or unreachable carrier (30006).
const NOT_TEXTABLE: &[&str] = &[
    "21211", "21214", "21408", "21612", "21614", "30005", "30006",
];
/// 30003, unreachable handset: per Twilio's docs usually a phone switched off or out of signal,
/// sometimes a landline. The text did not arrive, so its missed call gets a call-back, but the
/// number is not marked (the next text-back may well arrive).
const UNREACHABLE_NOW: &[&str] = &["30003"];
/// The recipient replied STOP at the carrier level.
pub const OPTED_OUT: &str = "21610";

/// Classify a provider error code (also used for `ErrorCode` in status callbacks).
pub fn is_not_textable(code: &str) -> bool {
    NOT_TEXTABLE.contains(&code)
}

/// A delivery error that says this text did not reach the handset, for now.
pub fn is_unreachable_now(code: &str) -> bool {
    UNREACHABLE_NOW.contains(&code)
}

#[derive(Clone)]
pub struct TwilioClient {
    http: reqwest::Client,
    api_base: String,
    account_sid: String,
    auth_token: String,
}

/// reqwest is built without a bundled crypto provider; install rustls' ring provider once.
pub fn ensure_crypto_provider() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

#[derive(serde::Deserialize)]
struct MessageResource {
    sid: String,
    status: Option<String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    date_created: Option<String>,
}

#[derive(serde::Deserialize)]
struct MessageList {
    #[serde(default)]
    messages: Vec<MessageResource>,
}

#[derive(serde::Deserialize, Default)]
struct ApiError {
    #[serde(default)]
    code: Option<serde_json::Value>,
    #[serde(default)]
    message: Option<String>,
}

impl TwilioClient {
    pub fn new(
        api_base: &str,
        account_sid: &str,
        auth_token: &str,
        timeout: Duration,
    ) -> anyhow::Result<Self> {
        ensure_crypto_provider();
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(Duration::from_secs(5))
            .pool_max_idle_per_host(64)
            .user_agent(concat!("frontdesk/", env!("CARGO_PKG_VERSION")))
            .build()
            .context("building the Twilio HTTP client")?;
        Ok(Self {
            http,
            api_base: api_base.trim_end_matches('/').to_string(),
            account_sid: account_sid.to_string(),
            auth_token: auth_token.to_string(),
        })
    }

    pub fn auth_token(&self) -> &str {
        &self.auth_token
    }

    fn messages_url(&self) -> String {
        format!(
            "{}/2010-04-01/Accounts/{}/Messages.json",
            self.api_base, self.account_sid
        )
    }

    pub async fn send(&self, sms: &OutboundSms<'_>) -> Result<Accepted, SendError> {
        let mut form = vec![("To", sms.to), ("From", sms.from), ("Body", sms.body)];
        if let Some(cb) = &sms.status_callback {
            form.push(("StatusCallback", cb.as_str()));
        }
        let request = self
            .http
            .post(self.messages_url())
            .basic_auth(&self.account_sid, Some(&self.auth_token))
            .form(&form);
        let (status, body) = super::exchange("Twilio", request).await?;
        if status.is_success() {
            let msg: MessageResource = serde_json::from_slice(&body).map_err(|e| {
                SendError::Unknown(format!("Twilio accepted but its answer is unreadable: {e}"))
            })?;
            return Ok(Accepted {
                sid: msg.sid,
                status: msg.status.unwrap_or_else(|| "queued".into()),
            });
        }
        let err: ApiError = serde_json::from_slice(&body).unwrap_or_default();
        Err(SendError::refused(
            "Twilio",
            status,
            err.code,
            err.message,
            OPTED_OUT,
            is_not_textable,
        ))
    }

    /// Look the text up in Twilio's message log: same recipient, sender and body, created at or
    /// after `since_ms` (Twilio's timestamps have one-second precision).
    pub async fn find_sent(
        &self,
        sms: &OutboundSms<'_>,
        since_ms: i64,
    ) -> anyhow::Result<Option<Accepted>> {
        let response = self
            .http
            .get(self.messages_url())
            .basic_auth(&self.account_sid, Some(&self.auth_token))
            .query(&[("To", sms.to), ("From", sms.from), ("PageSize", "50")])
            .send()
            .await
            .context("looking up a text at Twilio")?;
        let status = response.status();
        if !status.is_success() {
            anyhow::bail!("Twilio message lookup answered {status}");
        }
        let list: MessageList = response
            .json()
            .await
            .context("reading Twilio's message list")?;
        let found = list.messages.into_iter().find(|m| {
            let same_body = m.body.as_deref() == Some(sms.body);
            let recent = m
                .date_created
                .as_deref()
                .and_then(|d| chrono::DateTime::parse_from_rfc2822(d).ok())
                // Twilio's dates have whole seconds, and clocks differ a little.
                .map(|d| d.timestamp_millis() >= since_ms - 5_000)
                .unwrap_or(true);
            same_body && recent
        });
        Ok(found.map(|m| Accepted {
            sid: m.sid,
            status: m.status.unwrap_or_else(|| "queued".into()),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn matches_twilio_documented_example() {
        // The worked example from Twilio's webhook security documentation.
        let params = p(&[
            ("CallSid", "CA1234567890ABCDE"),
            ("Caller", "+12349013030"),
            ("Digits", "1234"),
            ("From", "+12349013030"),
            ("To", "+18005551212"),
        ]);
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        assert_eq!(
            signature("12345", url, &params),
            "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
        );
        assert!(verify(
            "12345",
            url,
            &params,
            "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
        ));
        assert!(!verify(
            "12345",
            url,
            &params,
            "0/KCTR6DLpKmkAf8muzZqo1nDgQ"
        ));
        assert!(!verify(
            "54321",
            url,
            &params,
            "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
        ));
    }

    #[test]
    fn url_forms_twilio_accepts() {
        assert_eq!(
            url_variants("https://desk.example.com/twilio/sms?x=1"),
            vec![
                "https://desk.example.com/twilio/sms?x=1",
                "https://desk.example.com:443/twilio/sms?x=1"
            ]
        );
        assert_eq!(
            url_variants("http://desk.example.com:80/sms"),
            vec![
                "http://desk.example.com:80/sms",
                "http://desk.example.com/sms"
            ]
        );
        assert_eq!(
            url_variants("https://desk.example.com:8443/sms"),
            vec!["https://desk.example.com:8443/sms"]
        );
        assert_eq!(
            url_variants("https://[2001:db8::1]/sms"),
            vec!["https://[2001:db8::1]/sms", "https://[2001:db8::1]:443/sms"]
        );
    }

    #[test]
    fn sha256_settings_header() {
        assert_eq!(
            Algorithm::from_settings("key=KS123,algorithm=HMAC_SHA256"),
            Some(Algorithm::Sha256)
        );
        assert_eq!(Algorithm::from_settings("key=KS1,algorithm=MD5"), None);
        let params = p(&[("Body", "hi")]);
        let sig = signature_with(Algorithm::Sha256, "shared", "https://x/y", &params);
        assert!(verify_with(
            Algorithm::Sha256,
            "shared",
            "https://x/y",
            &params,
            &sig
        ));
        assert!(!verify_with(
            Algorithm::Sha1,
            "shared",
            "https://x/y",
            &params,
            &sig
        ));
    }

    #[test]
    fn order_of_parameters_does_not_matter() {
        let a = p(&[("b", "2"), ("a", "1")]);
        let b = p(&[("a", "1"), ("b", "2")]);
        assert_eq!(
            signature("t", "http://x/y", &a),
            signature("t", "http://x/y", &b)
        );
    }
}
