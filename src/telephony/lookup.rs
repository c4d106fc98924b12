//! Twilio Lookup v2, Line Type Intelligence: is a caller's number a landline?
//!
//! `GET {base}/v2/PhoneNumbers/{E164}?Fields=line_type_intelligence` with the account's SID and
//! token. Each request costs money, so it is asked only for businesses with `[textback] lookup =
//! true`, and its answer is kept on the contact (`store::contacts::set_line_type`). Bounded by a
//! short timeout: a caller must not wait on it, and without an answer the text-back goes as
//! before.

use crate::domain::phone::PhoneNumber;
use anyhow::Context;
use std::time::Duration;

/// A caller's line as Twilio names it: `landline`, `mobile`, `fixedVoip`, `nonFixedVoip`,
/// `tollFree`, `personal`, `premium`, `sharedCost`, `uan`, `voicemail`, `pager`, `unknown`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineType(pub String);

impl LineType {
    /// Only a landline is certain not to take a text. VoIP and the rarer kinds often do (a
    /// business line with hosted texting): they get the text-back, and if the carrier refuses it
    /// (30006, 21614) the call-back task opens from the refusal instead.
    pub fn is_landline(&self) -> bool {
        self.0 == "landline"
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Clone)]
pub struct LookupClient {
    http: reqwest::Client,
    base: String,
    account_sid: String,
    auth_token: String,
}

#[derive(serde::Deserialize)]
struct Answer {
    #[serde(default)]
    line_type_intelligence: Option<LineTypeIntelligence>,
}

#[derive(serde::Deserialize)]
struct LineTypeIntelligence {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    error_code: Option<serde_json::Value>,
}

impl LookupClient {
    pub fn new(
        base: &str,
        account_sid: &str,
        auth_token: &str,
        timeout: Duration,
    ) -> anyhow::Result<Self> {
        super::twilio::ensure_crypto_provider();
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .user_agent(concat!("frontdesk/", env!("CARGO_PKG_VERSION")))
            .build()
            .context("building the Twilio Lookup HTTP client")?;
        Ok(Self {
            http,
            base: base.trim_end_matches('/').to_string(),
            account_sid: account_sid.to_string(),
            auth_token: auth_token.to_string(),
        })
    }

    /// The number's line type. An error (timeout, refusal, a number Lookup has no line type
    /// for) is for the caller to fall back on: it is never cached.
    pub async fn line_type(&self, number: &PhoneNumber) -> anyhow::Result<LineType> {
        let url = format!("{}/v2/PhoneNumbers/{}", self.base, number.as_str());
        let response = self
            .http
            .get(url)
            .basic_auth(&self.account_sid, Some(&self.auth_token))
            .query(&[("Fields", "line_type_intelligence")])
            .send()
            .await
            .context("asking Twilio Lookup for a line type")?;
        let status = response.status();
        if !status.is_success() {
            anyhow::bail!("Twilio Lookup answered {status}");
        }
        let answer: Answer = response
            .json()
            .await
            .context("reading Twilio Lookup's answer")?;
        let info = answer
            .line_type_intelligence
            .context("Twilio Lookup's answer has no line_type_intelligence")?;
        if let Some(code) = info.error_code.filter(|c| !c.is_null()) {
            anyhow::bail!("Twilio Lookup has no line type for the number (error {code})");
        }
        match info.kind {
            Some(kind) if !kind.is_empty() => Ok(LineType(kind)),
            _ => anyhow::bail!("Twilio Lookup gave no line type"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_landline_is_held_back() {
        assert!(LineType("landline".into()).is_landline());
        for other in ["mobile", "fixedVoip", "nonFixedVoip", "tollFree", "unknown"] {
            assert!(!LineType(other.into()).is_landline(), "{other}");
        }
    }

    #[test]
    fn reads_twilio_documented_answer() {
        let body = r#"{"calling_country_code":"1","country_code":"US","phone_number":"+14159929960",
            "national_format":"(415) 992-9960","valid":true,"validation_errors":null,
            "line_type_intelligence":{"carrier_name":"Bandwidth","error_code":null,
            "mobile_country_code":"313","mobile_network_code":"981","type":"nonFixedVoip"},
            "url":"https://lookups.twilio.com/v2/PhoneNumbers/+14159929960"}"#;
        let a: Answer = serde_json::from_str(body).unwrap();
        let info = a.line_type_intelligence.unwrap();
        assert_eq!(info.kind.as_deref(), Some("nonFixedVoip"));
        assert!(info.error_code.is_none(), "null is no error");
    }
}
