//! Telnyx webhooks: texts (JSON events at `/webhooks/telnyx/messaging`) and calls (TeXML, the
//! TwiML-compatible markup: form-encoded callbacks served by the same voice handlers as Twilio).
//!
//! Every request is signed with Ed25519 over `"{telnyx-timestamp}|{raw body}"`; [`TelnyxSigned`]
//! checks the exact bytes received, and the timestamp's age, before anything is parsed, so a
//! forged, replayed or re-serialised request stores nothing.

use super::twilio::{self as tw_http, CallForm, Delivery, VoiceForm, VoicePaths};
use crate::app::AppState;
use crate::error::{Error, Result};
use crate::inbound::{self, InboundSms};
use crate::store::MessageId;
use crate::telephony::{telnyx as tx, twiml};
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use std::collections::HashMap;

pub const MESSAGING_PATH: &str = "/webhooks/telnyx/messaging";
pub const VOICE_PATH: &str = "/webhooks/telnyx/voice";
pub const DIAL_STATUS_PATH: &str = "/webhooks/telnyx/voice/dial-status";
pub const CALL_STATUS_PATH: &str = "/webhooks/telnyx/voice/status";
pub const GATHER_PATH: &str = "/webhooks/telnyx/voice/gather";
pub const RELAY_DONE_PATH: &str = "/webhooks/telnyx/voice/relay-done";

pub fn router(max_body: usize) -> Router<AppState> {
    Router::new()
        .route(MESSAGING_PATH, post(messaging))
        .route(VOICE_PATH, post(tw_http::voice::<TexmlForm>))
        .route(DIAL_STATUS_PATH, post(tw_http::dial_status::<TexmlForm>))
        .route(CALL_STATUS_PATH, post(tw_http::call_status::<TexmlForm>))
        .route(GATHER_PATH, post(tw_http::gathered::<TexmlForm>))
        .route(RELAY_DONE_PATH, post(tw_http::relay_done::<TexmlForm>))
        .layer(axum::extract::DefaultBodyLimit::max(max_body))
}

/// A Telnyx webhook whose signature checked out: the raw body and the query.
pub struct TelnyxSigned {
    body: Bytes,
    query: HashMap<String, String>,
    headers: HeaderMap,
}

impl FromRequest<AppState> for TelnyxSigned {
    type Rejection = Error;

    async fn from_request(req: Request, state: &AppState) -> Result<Self> {
        let (parts, body) = req.into_parts();
        let reject = |reason: &str, e: Error| {
            state.metrics.webhook_rejected(reason);
            tracing::warn!(path = parts.uri.path(), reason, "Telnyx webhook rejected");
            e
        };
        let limit = state.config.max_body_bytes;
        let body = axum::body::to_bytes(Body::new(body), limit)
            .await
            .map_err(|_| reject("too_large", Error::PayloadTooLarge(limit)))?;
        let Some(key) = state.config.telnyx_public_key.as_ref() else {
            return Err(reject(
                "missing_key",
                Error::Forbidden(
                    "Telnyx webhooks are refused: TELNYX_PUBLIC_KEY is not set".into(),
                ),
            ));
        };
        let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok());
        let now = state.clock.now().timestamp();
        if let Err(refusal) = tx::verify(
            key,
            header("telnyx-timestamp"),
            header("telnyx-signature-ed25519"),
            &body,
            now,
        ) {
            let reason = match refusal {
                tx::Refusal::Missing => "missing_signature",
                tx::Refusal::Expired => "expired_signature",
                _ => "bad_signature",
            };
            return Err(reject(reason, Error::Forbidden(refusal.as_str().into())));
        }
        Ok(Self {
            body,
            query: tw_http::parse_query(parts.uri.query()),
            headers: parts.headers,
        })
    }
}

/// A verified TeXML callback (form-encoded, like Twilio's).
pub struct TexmlForm(CallForm);

impl std::ops::Deref for TexmlForm {
    type Target = CallForm;
    fn deref(&self) -> &CallForm {
        &self.0
    }
}

impl FromRequest<AppState> for TexmlForm {
    type Rejection = Error;

    async fn from_request(req: Request, state: &AppState) -> Result<Self> {
        let signed = TelnyxSigned::from_request(req, state).await?;
        if !tw_http::is_form(&signed.headers) {
            state.metrics.webhook_rejected("content_type");
            return Err(Error::UnsupportedMediaType(
                "expected an application/x-www-form-urlencoded body".into(),
            ));
        }
        Ok(Self(CallForm::with_query(&signed.body, signed.query)?))
    }
}

impl VoiceForm for TexmlForm {
    const PATHS: VoicePaths = VoicePaths {
        dial_status: DIAL_STATUS_PATH,
        gather: GATHER_PATH,
        relay_done: RELAY_DONE_PATH,
    };

    fn relay_url(state: &AppState, headers: &HeaderMap, sid: &str, from: &str, to: &str) -> String {
        let token = relay_token(state, sid, from, to).unwrap_or_default();
        let query = serde_urlencoded::to_string([
            ("call", sid),
            ("from", from),
            ("to", to),
            ("token", token.as_str()),
        ])
        .unwrap_or_default();
        format!(
            "{}{}?{query}",
            super::relay::ws_base(state, headers),
            super::relay::TELNYX_RELAY_PATH
        )
    }
}

/// Our token for a Telnyx relay URL: HMAC-SHA256 under the Telnyx API key (a secret only this
/// server and Telnyx hold) over the call, the caller and the business number. `None` without
/// an API key: live voice on Telnyx needs one.
pub fn relay_token(state: &AppState, sid: &str, from: &str, to: &str) -> Option<String> {
    let key = state.config.telnyx.as_ref()?.api_key.as_bytes();
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key).ok()?;
    mac.update(format!("relay|{sid}|{from}|{to}").as_bytes());
    Some(hex(&mac.finalize().into_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Deserialize)]
struct Event {
    data: EventData,
}

#[derive(Deserialize)]
struct EventData {
    id: String,
    event_type: String,
    #[serde(default)]
    payload: Payload,
}

#[derive(Deserialize, Default)]
struct Payload {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    from: Option<Party>,
    #[serde(default)]
    to: Vec<Party>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    errors: Vec<EventError>,
}

#[derive(Deserialize, Default)]
struct Party {
    #[serde(default)]
    phone_number: Option<String>,
    #[serde(default)]
    status: Option<String>,
}

#[derive(Deserialize)]
struct EventError {
    #[serde(default)]
    code: Option<serde_json::Value>,
}

fn ok() -> Response {
    tw_http::xml(StatusCode::OK, twiml::empty())
}

/// Texts: `message.received` goes through the same gate, engine and outbox as a Twilio text;
/// `message.sent` and `message.finalized` record delivery. Other events are acknowledged.
#[tracing::instrument(skip_all)]
async fn messaging(State(state): State<AppState>, signed: TelnyxSigned) -> Result<Response> {
    let event: Event = serde_json::from_slice(&signed.body)
        .map_err(|e| Error::BadRequest(format!("malformed Telnyx event: {e}")))?;
    let data = event.data;
    let payload = &data.payload;
    match data.event_type.as_str() {
        "message.received" => {
            let from = payload
                .from
                .as_ref()
                .and_then(|p| p.phone_number.as_deref())
                .filter(|n| !n.is_empty())
                .ok_or_else(|| {
                    Error::BadRequest("missing data.payload.from.phone_number".into())
                })?;
            let to = payload
                .to
                .first()
                .and_then(|p| p.phone_number.as_deref())
                .filter(|n| !n.is_empty())
                .ok_or_else(|| {
                    Error::BadRequest("missing data.payload.to[0].phone_number".into())
                })?;
            let sms = InboundSms {
                // Telnyx sends an event again until it is acknowledged: its id is the key.
                message_sid: &data.id,
                from,
                to,
                body: payload.text.as_deref().unwrap_or(""),
            };
            match inbound::handle_inbound_sms_to(&state, &sms).await? {
                Some(_) => Ok(ok()),
                None => Ok(tw_http::unknown_number(&state, to, false)),
            }
        }
        "message.sent" | "message.finalized" => {
            let sid = payload
                .id
                .as_deref()
                .filter(|s| !s.is_empty())
                .ok_or_else(|| Error::BadRequest("missing data.payload.id".into()))?;
            let Some(status) = payload
                .to
                .first()
                .and_then(|p| p.status.as_deref())
                .and_then(tx::status_in_our_words)
            else {
                return Ok(ok());
            };
            let code = payload.errors.first().and_then(|e| match &e.code {
                Some(serde_json::Value::Number(n)) => Some(n.to_string()),
                Some(serde_json::Value::String(s)) => Some(s.clone()),
                _ => None,
            });
            let code = code.as_deref();
            let delivery = Delivery {
                sid,
                message_id: signed
                    .query
                    .get("m")
                    .and_then(|m| m.parse().ok())
                    .map(MessageId),
                status,
                error_code: code,
                opted_out: code == Some(tx::OPTED_OUT),
                not_textable: code.is_some_and(tx::is_not_textable),
                unreachable: false,
            };
            tw_http::record_delivery(&state, &delivery).await?;
            Ok(ok())
        }
        other => {
            tracing::debug!(event = other, "Telnyx event ignored");
            Ok(ok())
        }
    }
}
