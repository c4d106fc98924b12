//! Telnyx: webhook signatures (Ed25519 over `"{timestamp}|{raw body}"`) and the Messaging API
//! (`POST /v2/messages`; sent texts looked up in the message detail records).

use super::{Accepted, OutboundSms, SendError};
use anyhow::Context;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use std::time::Duration;

/// A webhook signed further than this from our clock is refused (replays).
pub const MAX_SKEW_SECS: i64 = 300;

/// The account's public key, from its base64 form (`TELNYX_PUBLIC_KEY`).
pub fn public_key(base64_key: &str) -> Result<VerifyingKey, String> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(base64_key.trim())
        .map_err(|e| format!("is not base64: {e}"))?;
    let bytes: [u8; 32] = bytes
        .try_into()
        .map_err(|b: Vec<u8>| format!("must be 32 bytes once decoded, not {}", b.len()))?;
    VerifyingKey::from_bytes(&bytes).map_err(|e| format!("is not an Ed25519 public key: {e}"))
}

/// Why a webhook's signature was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Missing,
    BadTimestamp,
    Expired,
    BadSignature,
}

impl Refusal {
    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::Missing => "missing telnyx-signature-ed25519 or telnyx-timestamp",
            Refusal::BadTimestamp => "telnyx-timestamp is not a number of seconds",
            Refusal::Expired => "telnyx-timestamp is more than 300 seconds from now",
            Refusal::BadSignature => "invalid telnyx-signature-ed25519",
        }
    }
}

/// Check a webhook: the signature over the exact bytes received, signed within
/// [`MAX_SKEW_SECS`] of `now_secs`.
pub fn verify(
    key: &VerifyingKey,
    timestamp: Option<&str>,
    signature: Option<&str>,
    body: &[u8],
    now_secs: i64,
) -> Result<(), Refusal> {
    let (Some(timestamp), Some(signature)) = (timestamp, signature) else {
        return Err(Refusal::Missing);
    };
    let timestamp = timestamp.trim();
    let secs: i64 = timestamp.parse().map_err(|_| Refusal::BadTimestamp)?;
    if (now_secs - secs).abs() > MAX_SKEW_SECS {
        return Err(Refusal::Expired);
    }
    let raw = base64::engine::general_purpose::STANDARD
        .decode(signature.trim())
        .map_err(|_| Refusal::BadSignature)?;
    let sig = Signature::from_slice(&raw).map_err(|_| Refusal::BadSignature)?;
    key.verify(&signed_bytes(timestamp, body), &sig)
        .map_err(|_| Refusal::BadSignature)
}

fn signed_bytes(timestamp: &str, body: &[u8]) -> Vec<u8> {
    let mut data = Vec::with_capacity(timestamp.len() + 1 + body.len());
    data.extend_from_slice(timestamp.as_bytes());
    data.push(b'|');
    data.extend_from_slice(body);
    data
}

/// Sign as Telnyx does (for tests and the load tool, which play Telnyx).
pub fn sign(secret: &[u8; 32], timestamp: &str, body: &[u8]) -> String {
    let key = SigningKey::from_bytes(secret);
    base64::engine::general_purpose::STANDARD
        .encode(key.sign(&signed_bytes(timestamp, body)).to_bytes())
}

/// The base64 public key that goes with `secret` (what `TELNYX_PUBLIC_KEY` would hold).
pub fn public_key_of(secret: &[u8; 32]) -> String {
    base64::engine::general_purpose::STANDARD
        .encode(SigningKey::from_bytes(secret).verifying_key().to_bytes())
}

/// Telnyx refused to send because the recipient replied STOP (its own block rule).
pub const OPTED_OUT: &str = "40300";

/// Error codes that mean the recipient cannot get texts at this number, Telnyx's counterparts of
/// Twilio's 30006 and 21614: 40001 "Not routable" (a landline or non-routable number, in a
/// delivery report), 40012 "Invalid destination number" (the carrier refused the number), 40310
/// "Invalid 'to' address" (the API's answer), and 40311/40312 (an invalid or non-mobile
/// destination). Retrying any of them only costs money.
const NOT_TEXTABLE: &[&str] = &["40001", "40012", "40310", "40311", "40312"];

pub fn is_not_textable(code: &str) -> bool {
    NOT_TEXTABLE.contains(&code)
}

/// Telnyx's per-recipient delivery status in our words (Twilio's vocabulary).
pub fn status_in_our_words(status: &str) -> Option<&'static str> {
    Some(match status {
        "queued" => "queued",
        "sending" => "sending",
        "sent" | "delivery_unconfirmed" => "sent",
        "delivered" => "delivered",
        "sending_failed" => "failed",
        "delivery_failed" | "expired" => "undelivered",
        _ => return None,
    })
}

#[derive(Clone)]
pub struct TelnyxClient {
    http: reqwest::Client,
    api_base: String,
    api_key: String,
    messaging_profile_id: Option<String>,
}

#[derive(serde::Deserialize)]
struct Envelope<T> {
    data: T,
}

#[derive(serde::Deserialize)]
struct SentMessage {
    id: String,
    #[serde(default)]
    to: Vec<Recipient>,
}

#[derive(serde::Deserialize)]
struct Recipient {
    #[serde(default)]
    status: Option<String>,
}

#[derive(serde::Deserialize, Default)]
struct Errors {
    #[serde(default)]
    errors: Vec<ApiError>,
}

#[derive(serde::Deserialize)]
struct ApiError {
    #[serde(default)]
    code: Option<serde_json::Value>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    detail: Option<String>,
}

/// One message detail record (what the reconcile step reads).
#[derive(serde::Deserialize)]
struct DetailRecord {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    uuid: Option<String>,
    #[serde(default)]
    cld: Option<String>,
    #[serde(default)]
    cli: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    status: Option<String>,
}

impl TelnyxClient {
    pub fn new(
        api_base: &str,
        api_key: &str,
        messaging_profile_id: Option<&str>,
        timeout: Duration,
    ) -> anyhow::Result<Self> {
        super::twilio::ensure_crypto_provider();
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(Duration::from_secs(5))
            .pool_max_idle_per_host(64)
            .user_agent(concat!("frontdesk/", env!("CARGO_PKG_VERSION")))
            .build()
            .context("building the Telnyx HTTP client")?;
        Ok(Self {
            http,
            api_base: api_base.trim_end_matches('/').to_string(),
            api_key: api_key.to_string(),
            messaging_profile_id: messaging_profile_id.map(str::to_string),
        })
    }

    pub async fn send(&self, sms: &OutboundSms<'_>) -> Result<Accepted, SendError> {
        let mut body = serde_json::json!({"from": sms.from, "to": sms.to, "text": sms.body});
        if let Some(profile) = &self.messaging_profile_id {
            body["messaging_profile_id"] = profile.as_str().into();
        }
        if let Some(cb) = &sms.status_callback {
            body["webhook_url"] = cb.as_str().into();
        }
        let request = self
            .http
            .post(format!("{}/v2/messages", self.api_base))
            .bearer_auth(&self.api_key)
            .json(&body);
        let (status, bytes) = super::exchange("Telnyx", request).await?;
        if status.is_success() {
            let msg: Envelope<SentMessage> = serde_json::from_slice(&bytes).map_err(|e| {
                SendError::Unknown(format!("Telnyx accepted but its answer is unreadable: {e}"))
            })?;
            let state = msg
                .data
                .to
                .first()
                .and_then(|r| r.status.as_deref())
                .and_then(status_in_our_words)
                .unwrap_or("queued");
            return Ok(Accepted {
                sid: msg.data.id,
                status: state.into(),
            });
        }
        let errors: Errors = serde_json::from_slice(&bytes).unwrap_or_default();
        let first = errors.errors.into_iter().next();
        let code = first.as_ref().and_then(|e| e.code.clone());
        let message = first.and_then(|e| e.detail.or(e.title));
        Err(SendError::refused(
            "Telnyx",
            status,
            code,
            message,
            OPTED_OUT,
            is_not_textable,
        ))
    }

    /// Did an attempt whose answer never came reach Telnyx? Its message detail records are
    /// searched for an outbound text from this sender to this recipient created at or after
    /// `since_ms`. Texts to one recipient go out one at a time, so that text is this one.
    pub async fn find_sent(
        &self,
        sms: &OutboundSms<'_>,
        since_ms: i64,
    ) -> anyhow::Result<Option<Accepted>> {
        let since = chrono::DateTime::from_timestamp_millis(since_ms - 5_000)
            .unwrap_or_default()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        let response = self
            .http
            .get(format!("{}/v2/detail_records", self.api_base))
            .bearer_auth(&self.api_key)
            .query(&[
                ("filter[record_type]", "messaging"),
                ("filter[direction]", "outbound"),
                ("filter[cld]", sms.to),
                ("filter[cli]", sms.from),
                ("filter[created_at][gte]", since.as_str()),
                ("sort", "-created_at"),
                ("page[size]", "20"),
            ])
            .send()
            .await
            .context("looking up a text at Telnyx")?;
        let status = response.status();
        if !status.is_success() {
            anyhow::bail!("Telnyx message lookup answered {status}");
        }
        let list: Envelope<Vec<DetailRecord>> = response
            .json()
            .await
            .context("reading Telnyx's message records")?;
        let found = list.data.into_iter().find(|r| {
            let same_parties = r.cld.as_deref().is_none_or(|c| c == sms.to)
                && r.cli.as_deref().is_none_or(|c| c == sms.from);
            let recent = r
                .created_at
                .as_deref()
                .and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok())
                .map(|d| d.timestamp_millis() >= since_ms - 5_000)
                .unwrap_or(true);
            same_parties && recent
        });
        Ok(found.and_then(|r| {
            let sid = r.id.or(r.uuid)?;
            let status = r
                .status
                .as_deref()
                .and_then(status_in_our_words)
                .unwrap_or("sent");
            Some(Accepted {
                sid,
                status: status.into(),
            })
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: [u8; 32] = [7; 32];

    #[test]
    fn a_signature_verifies_only_over_the_exact_bytes_and_time() {
        let key = public_key(&public_key_of(&SECRET)).unwrap();
        let body = br#"{"data":{"id":"1"}}"#;
        let sig = sign(&SECRET, "1700000000", body);
        assert_eq!(
            verify(&key, Some("1700000000"), Some(&sig), body, 1700000100),
            Ok(())
        );
        // The same JSON re-serialised with a space is other bytes.
        assert_eq!(
            verify(
                &key,
                Some("1700000000"),
                Some(&sig),
                br#"{"data": {"id":"1"}}"#,
                1700000100
            ),
            Err(Refusal::BadSignature)
        );
        assert_eq!(
            verify(&key, Some("1700000001"), Some(&sig), body, 1700000100),
            Err(Refusal::BadSignature)
        );
        assert_eq!(
            verify(&key, Some("1700000000"), Some(&sig), body, 1700000301),
            Err(Refusal::Expired)
        );
        assert_eq!(
            verify(&key, None, Some(&sig), body, 1700000000),
            Err(Refusal::Missing)
        );
        assert_eq!(
            verify(&key, Some("soon"), Some(&sig), body, 1700000000),
            Err(Refusal::BadTimestamp)
        );
        assert_eq!(
            verify(&key, Some("1700000000"), Some("AAAA"), body, 1700000000),
            Err(Refusal::BadSignature)
        );
        let other = public_key(&public_key_of(&[8; 32])).unwrap();
        assert_eq!(
            verify(&other, Some("1700000000"), Some(&sig), body, 1700000000),
            Err(Refusal::BadSignature)
        );
    }

    #[test]
    fn public_keys_are_checked() {
        assert!(public_key("not base64!").is_err());
        assert!(public_key("AAAA").unwrap_err().contains("32 bytes"));
        assert!(public_key(&public_key_of(&SECRET)).is_ok());
    }

    #[test]
    fn landline_and_invalid_destination_codes_are_not_textable() {
        for code in ["40001", "40012", "40310"] {
            assert!(is_not_textable(code), "{code}");
        }
        // Spam blocks, an unavailable carrier, an expired message: the number itself is fine.
        for code in ["40002", "40006", "40005", "40300", "10007"] {
            assert!(!is_not_textable(code), "{code}");
        }
    }

    #[test]
    fn delivery_statuses_map_to_ours() {
        assert_eq!(status_in_our_words("delivered"), Some("delivered"));
        assert_eq!(status_in_our_words("delivery_failed"), Some("undelivered"));
        assert_eq!(status_in_our_words("sending_failed"), Some("failed"));
        assert_eq!(status_in_our_words("webhook_delivered"), None);
    }
}
