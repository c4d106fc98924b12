//! Telephony providers: Twilio and Telnyx (the real things) and a console provider for demos and
//! development.
//!
//! Signature checks and the REST clients live in [`twilio`] and [`telnyx`] ([`lookup`]: Twilio's
//! line types, to hold text-backs to landlines); the HTTP handlers that
//! use them are in `crate::http::{twilio, telnyx}`. Sending goes through [`Provider`]; each
//! business number names its provider ([`crate::domain::profile::ProviderKind`]) and
//! [`Providers`] picks the client for it.

pub mod console;
pub mod lookup;
pub mod telnyx;
pub mod twilio;
pub mod twiml;

use crate::domain::profile::ProviderKind;

/// One text to send.
#[derive(Debug, Clone)]
pub struct OutboundSms<'a> {
    pub to: &'a str,
    pub from: &'a str,
    pub body: &'a str,
    /// Where the provider reports delivery status.
    pub status_callback: Option<String>,
}

/// The provider took the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub sid: String,
    pub status: String,
}

/// Why a send did not succeed, sorted by what the outbox must do next.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SendError {
    /// Certainly not sent (connection refused, 429, 5xx): retry with backoff.
    #[error("temporary failure: {0}")]
    Transient(String),
    /// Maybe sent (the request went out and no answer came back): reconcile before any resend.
    #[error("outcome unknown: {0}")]
    Unknown(String),
    /// The recipient has opted out at the carrier (Twilio 21610): never retry, mark the contact.
    #[error("recipient opted out ({code}): {message}")]
    OptedOut { code: String, message: String },
    /// The number cannot receive texts (invalid, landline, unreachable): never retry, mark it.
    #[error("number cannot receive texts ({code}): {message}")]
    NotTextable { code: String, message: String },
    /// Any other refusal (bad credentials, bad sender): never retry.
    #[error("refused ({code}): {message}")]
    Permanent { code: String, message: String },
}

/// Send one request to a provider's API: its status and body, or why no answer came (a
/// connection refused is certainly unsent; anything after the request went out may have been).
pub(crate) async fn exchange(
    provider: &str,
    request: reqwest::RequestBuilder,
) -> Result<(reqwest::StatusCode, bytes::Bytes), SendError> {
    let response = request.send().await.map_err(|e| {
        if e.is_connect() {
            SendError::Transient(format!("cannot connect to {provider}: {e}"))
        } else {
            SendError::Unknown(format!("no answer from {provider}: {e}"))
        }
    })?;
    let status = response.status();
    let body = response
        .bytes()
        .await
        .map_err(|e| SendError::Unknown(format!("{provider}'s answer broke off: {e}")))?;
    Ok((status, body))
}

impl SendError {
    /// A provider's refusal, sorted: 429 and 5xx are temporary; the provider's opt-out code and
    /// its codes for numbers that cannot get texts mark the contact; anything else is final.
    pub fn refused(
        provider: &str,
        status: reqwest::StatusCode,
        code: Option<serde_json::Value>,
        message: Option<String>,
        opted_out: &str,
        not_textable: fn(&str) -> bool,
    ) -> Self {
        let code = match code {
            Some(serde_json::Value::Number(n)) => n.to_string(),
            Some(serde_json::Value::String(s)) => s,
            _ => status.as_u16().to_string(),
        };
        let message = message.unwrap_or_else(|| format!("HTTP {status}"));
        if status.as_u16() == 429 || status.is_server_error() {
            SendError::Transient(format!("{provider} answered {status}: {message}"))
        } else if code == opted_out {
            SendError::OptedOut { code, message }
        } else if not_textable(&code) {
            SendError::NotTextable { code, message }
        } else {
            SendError::Permanent { code, message }
        }
    }
}

/// The sending side of a provider.
#[derive(Clone)]
pub enum Provider {
    Twilio(twilio::TwilioClient),
    Telnyx(telnyx::TelnyxClient),
    Console(console::ConsoleProvider),
}

/// The sending clients, one per provider a business number may be on. A provider without
/// credentials sends through the console provider (texts logged, not sent), as in the demo.
#[derive(Clone)]
pub struct Providers {
    pub twilio: Provider,
    pub telnyx: Provider,
}

impl Providers {
    pub fn get(&self, kind: ProviderKind) -> &Provider {
        match kind {
            ProviderKind::Twilio => &self.twilio,
            ProviderKind::Telnyx => &self.telnyx,
        }
    }
}

impl Provider {
    pub fn name(&self) -> &'static str {
        match self {
            Provider::Twilio(_) => "twilio",
            Provider::Telnyx(_) => "telnyx",
            Provider::Console(_) => "console",
        }
    }

    pub async fn send(&self, sms: &OutboundSms<'_>) -> Result<Accepted, SendError> {
        match self {
            Provider::Twilio(t) => t.send(sms).await,
            Provider::Telnyx(t) => t.send(sms).await,
            Provider::Console(c) => c.send(sms),
        }
    }

    /// Find a text sent at or after `since_ms` with this recipient, sender and body: did an earlier
    /// attempt whose outcome we never learnt actually go out?
    pub async fn find_sent(
        &self,
        sms: &OutboundSms<'_>,
        since_ms: i64,
    ) -> anyhow::Result<Option<Accepted>> {
        match self {
            Provider::Twilio(t) => t.find_sent(sms, since_ms).await,
            Provider::Telnyx(t) => t.find_sent(sms, since_ms).await,
            Provider::Console(c) => Ok(c.find_sent(sms)),
        }
    }
}
