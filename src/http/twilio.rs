//! Twilio webhooks. Paths are fixed: owners paste them into Twilio's console.
//!
//! Every request is form-encoded and signed; [`TwilioForm`] checks the signature over the public
//! URL and all parameters before a handler sees anything, so a forged request stores nothing.
//!
//! The voice handlers serve Telnyx too: TeXML takes the same verbs and posts the same form
//! parameters. They are generic over [`VoiceForm`], the provider's verified callback, which
//! also says where that provider's follow-up callbacks go.

use crate::app::AppState;
use crate::domain::profile::{VoiceAnswer, VoiceEngine};
use crate::error::{Error, Result};
use crate::inbound::{self, InboundSms};
use crate::store::businesses::{self, BusinessRecord};
use crate::store::contacts;
use crate::store::messages::{self, MessageKey};
use crate::store::MessageId;
use crate::telephony::{twilio as tw, twiml};
use crate::textback::{self, MissedCall, Outcome};
use axum::body::Body;
use axum::extract::{FromRequest, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use std::collections::HashMap;

pub fn router(max_body: usize) -> Router<AppState> {
    Router::new()
        .route("/webhooks/twilio/voice", post(voice::<TwilioForm>))
        .route(DIAL_STATUS_PATH, post(dial_status::<TwilioForm>))
        .route(
            "/webhooks/twilio/voice/status",
            post(call_status::<TwilioForm>),
        )
        .route(RELAY_DONE_PATH, post(relay_done::<TwilioForm>))
        .route(GATHER_PATH, post(gathered::<TwilioForm>))
        .route("/webhooks/twilio/sms", post(sms))
        .route("/webhooks/twilio/sms/status", post(sms_status))
        .layer(axum::extract::DefaultBodyLimit::max(max_body))
}

pub const DIAL_STATUS_PATH: &str = "/webhooks/twilio/voice/dial-status";
/// Where Twilio posts what a `<Gather>` heard (the `gather` voice engine).
pub const GATHER_PATH: &str = "/webhooks/twilio/voice/gather";
/// Where Twilio asks what to do when a ConversationRelay session ends.
pub const RELAY_DONE_PATH: &str = "/webhooks/twilio/voice/relay-done";

/// Where a provider's voice callbacks go (the paths its answers name).
pub struct VoicePaths {
    pub dial_status: &'static str,
    pub gather: &'static str,
    pub relay_done: &'static str,
}

/// A provider's verified voice callback: the form, and where that provider's next callbacks
/// and the relay WebSocket are.
pub trait VoiceForm:
    FromRequest<AppState, Rejection = Error> + std::ops::Deref<Target = CallForm> + Send
{
    const PATHS: VoicePaths;
    /// The relay WebSocket URL for this call (`wss://`, or `ws://` behind plain http).
    fn relay_url(state: &AppState, headers: &HeaderMap, sid: &str, from: &str, to: &str) -> String;
}

/// A verified webhook's form parameters, and the query (part of what was signed).
pub struct CallForm {
    params: HashMap<String, String>,
    query: HashMap<String, String>,
}

/// A verified Twilio webhook.
pub struct TwilioForm(CallForm);

impl std::ops::Deref for TwilioForm {
    type Target = CallForm;
    fn deref(&self) -> &CallForm {
        &self.0
    }
}

impl VoiceForm for TwilioForm {
    const PATHS: VoicePaths = VoicePaths {
        dial_status: DIAL_STATUS_PATH,
        gather: GATHER_PATH,
        relay_done: RELAY_DONE_PATH,
    };
    fn relay_url(state: &AppState, headers: &HeaderMap, _: &str, _: &str, _: &str) -> String {
        format!(
            "{}{}",
            super::relay::ws_base(state, headers),
            super::relay::RELAY_PATH
        )
    }
}

/// The URLs a request may have been signed over: the public URL when configured; otherwise this
/// request's host, as the proxy said it was reached and, behind a TLS proxy, as https too.
pub(crate) fn signed_urls(
    state: &AppState,
    headers: &HeaderMap,
    path_and_query: &str,
) -> Vec<String> {
    match &state.config.public_url {
        Some(base) => vec![format!("{base}{path_and_query}")],
        None => {
            let (proto, host) = reached_as(headers);
            let mut v = vec![format!("{proto}://{host}{path_and_query}")];
            if proto != "https" {
                v.push(format!("https://{host}{path_and_query}"));
            }
            v
        }
    }
}

/// The scheme and host a request says it reached us by (behind a proxy, as the proxy says).
pub(crate) fn reached_as(headers: &HeaderMap) -> (&str, &str) {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    (
        header("x-forwarded-proto").unwrap_or("http"),
        header(header::HOST.as_str()).unwrap_or(""),
    )
}

impl CallForm {
    /// A form body, as received, and the request's query.
    pub(crate) fn with_query(body: &[u8], query: HashMap<String, String>) -> Result<Self> {
        let params: Vec<(String, String)> = serde_urlencoded::from_bytes(body)
            .map_err(|e| Error::BadRequest(format!("malformed form body: {e}")))?;
        Ok(Self {
            params: params.into_iter().collect(),
            query,
        })
    }

    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.params.get(name).map(String::as_str)
    }

    pub(crate) fn require(&self, name: &str) -> Result<&str> {
        self.get(name)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| Error::BadRequest(format!("missing form parameter {name}")))
    }
}

impl FromRequest<AppState> for TwilioForm {
    type Rejection = Error;

    async fn from_request(req: Request, state: &AppState) -> Result<Self> {
        let (parts, body) = req.into_parts();
        let reject = |reason: &str, e: Error| {
            state.metrics.webhook_rejected(reason);
            tracing::warn!(path = parts.uri.path(), reason, "webhook rejected");
            e
        };
        if !is_form(&parts.headers) {
            return Err(reject(
                "content_type",
                Error::UnsupportedMediaType(
                    "expected an application/x-www-form-urlencoded body".into(),
                ),
            ));
        }
        let limit = state.config.max_body_bytes;
        let bytes = axum::body::to_bytes(Body::new(body), limit)
            .await
            .map_err(|_| reject("too_large", Error::PayloadTooLarge(limit)))?;
        let params: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).map_err(|e| {
            reject(
                "malformed",
                Error::BadRequest(format!("malformed form body: {e}")),
            )
        })?;
        let path_and_query = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/");
        if let Some(token) = state.twilio_auth_token() {
            let Some(given) = parts
                .headers
                .get("x-twilio-signature")
                .and_then(|v| v.to_str().ok())
            else {
                return Err(reject(
                    "missing_signature",
                    Error::Forbidden("missing X-Twilio-Signature".into()),
                ));
            };
            let urls = signed_urls(state, &parts.headers, path_and_query);
            // A Webhooks Rule signs with its SharedKey and names the algorithm in a header.
            let settings = parts
                .headers
                .get("x-twilio-webhooks-signature-settings")
                .and_then(|v| v.to_str().ok());
            let (algorithm, key) = match settings {
                None => (tw::Algorithm::Sha1, Some(token)),
                Some(h) => {
                    let Some(algorithm) = tw::Algorithm::from_settings(h) else {
                        return Err(reject(
                            "bad_signature",
                            Error::Forbidden("unsupported signature algorithm".into()),
                        ));
                    };
                    let key = state
                        .config
                        .twilio
                        .as_ref()
                        .and_then(|t| t.webhook_shared_key.as_deref());
                    if key.is_none() {
                        tracing::warn!(
                            "a webhook was signed with a Webhooks Rule SharedKey; set TWILIO_WEBHOOK_SHARED_KEY"
                        );
                    }
                    (algorithm, key)
                }
            };
            let valid = key.is_some_and(|key| {
                urls.iter()
                    .flat_map(|u| tw::url_variants(u))
                    .any(|u| tw::verify_with(algorithm, key, &u, &params, given))
            });
            if !valid {
                return Err(reject(
                    "bad_signature",
                    Error::Forbidden("invalid X-Twilio-Signature".into()),
                ));
            }
        }
        Ok(Self(CallForm {
            params: params.into_iter().collect(),
            query: parse_query(parts.uri.query()),
        }))
    }
}

pub(crate) fn parse_query(query: Option<&str>) -> HashMap<String, String> {
    query
        .map(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).unwrap_or_default())
        .unwrap_or_default()
        .into_iter()
        .collect()
}

/// Content-Type is form-encoded.
pub(crate) fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

pub(crate) fn xml(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
        body,
    )
        .into_response()
}

/// The business a webhook's `To` number belongs to, or a 404 TwiML answer.
pub(crate) async fn business_for(
    state: &AppState,
    to: &str,
    voice: bool,
) -> Result<std::result::Result<BusinessRecord, Response>> {
    let mut conn = state
        .store
        .pool()
        .acquire()
        .await
        .map_err(anyhow::Error::from)?;
    match businesses::by_number(&mut conn, to).await? {
        Some(b) => Ok(Ok(b)),
        None => Ok(Err(unknown_number(state, to, voice))),
    }
}

/// The 404 TwiML answer to a webhook for a number that belongs to no business.
pub(crate) fn unknown_number(state: &AppState, to: &str, voice: bool) -> Response {
    state.metrics.webhook_rejected("unknown_number");
    tracing::warn!(to, "webhook for a number that belongs to no business");
    let body = if voice {
        twiml::say_and_hang_up("Sorry, this number is not in service.")
    } else {
        twiml::empty()
    };
    xml(StatusCode::NOT_FOUND, body)
}

fn missed_call_line(business: &BusinessRecord, outcome: &Outcome) -> String {
    let name = &business.profile.business.name;
    match outcome {
        Outcome::Queued { .. } | Outcome::AlreadyDecided => {
            format!("Thanks for calling {name}. Sorry we missed you. We are sending you a text message right now.")
        }
        Outcome::CallBack(_) => format!("Thanks for calling {name}. Sorry we missed you. We will call you back as soon as we can."),
        Outcome::Skipped(_) => format!("Thanks for calling {name}. Sorry, nobody can take your call right now. Please try again later."),
    }
}

const MISSED: &[&str] = &["no-answer", "busy", "failed", "canceled"];

/// The receptionist takes the call: TwiML that connects it to the relay WebSocket.
async fn answer_with_ai<F: VoiceForm>(
    state: &AppState,
    headers: &HeaderMap,
    business: &BusinessRecord,
    sid: &str,
    from: &str,
    to: &str,
) -> Result<Response> {
    crate::voice::answer(state, business, sid, from, to).await?;
    if business.profile.voice.engine == VoiceEngine::Gather {
        let greeting = match crate::voice::start(state, sid, from, to).await? {
            Some(call) => crate::voice::greeting(&call.business.profile, from),
            None => return Ok(xml(StatusCode::OK, twiml::hang_up())),
        };
        return Ok(xml(
            StatusCode::OK,
            twiml::gather(&greeting, F::PATHS.gather),
        ));
    }
    let relay = F::relay_url(state, headers, sid, from, to);
    let greeting = crate::voice::greeting(&business.profile, from);
    let disclosure = crate::voice::needs_disclosure(&business.profile, from);
    Ok(xml(
        StatusCode::OK,
        twiml::connect_relay(&relay, F::PATHS.relay_done, &greeting, disclosure),
    ))
}

#[tracing::instrument(skip_all)]
pub(crate) async fn voice<F: VoiceForm>(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: F,
) -> Result<Response> {
    let (sid, from, to) = (
        form.require("CallSid")?,
        form.get("From").unwrap_or(""),
        form.require("To")?,
    );
    let business = match business_for(&state, to, true).await? {
        Ok(b) => b,
        Err(resp) => return Ok(resp),
    };
    let forward_to = &business.profile.business.forward_to;
    let ai = business.profile.voice.answer == VoiceAnswer::Ai;
    if forward_to.is_empty() && ai && callable(from) {
        // Forward mode, answered by the receptionist.
        return answer_with_ai::<F>(&state, &headers, &business, sid, from, to).await;
    }
    if forward_to.is_empty() {
        // Forward mode: the carrier sent us a call nobody answered.
        let call = MissedCall {
            call_sid: sid,
            from,
            to,
            status: "forwarded",
            look_up: true,
        };
        let outcome = textback::handle_missed_call(&state, &business, &call).await?;
        return Ok(xml(
            StatusCode::OK,
            twiml::say_and_hang_up(&missed_call_line(&business, &outcome)),
        ));
    }
    textback::record_call(&state, &business, sid, from, to, "ringing").await?;
    let body = twiml::dial(
        forward_to,
        business.profile.business.ring_seconds,
        F::PATHS.dial_status,
    );
    Ok(xml(StatusCode::OK, body))
}

#[tracing::instrument(skip_all)]
pub(crate) async fn dial_status<F: VoiceForm>(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: F,
) -> Result<Response> {
    let (sid, from, to) = (
        form.require("CallSid")?,
        form.get("From").unwrap_or(""),
        form.require("To")?,
    );
    let dial = form.require("DialCallStatus")?;
    let business = match business_for(&state, to, true).await? {
        Ok(b) => b,
        Err(resp) => return Ok(resp),
    };
    let ai = business.profile.voice.answer == VoiceAnswer::Ai;
    if MISSED.contains(&dial) && ai && callable(from) {
        // Ring-through, nobody picked up: the receptionist answers instead of hanging up.
        return answer_with_ai::<F>(&state, &headers, &business, sid, from, to).await;
    }
    if MISSED.contains(&dial) {
        let call = MissedCall {
            call_sid: sid,
            from,
            to,
            status: dial,
            look_up: true,
        };
        let outcome = textback::handle_missed_call(&state, &business, &call).await?;
        return Ok(xml(
            StatusCode::OK,
            twiml::say_and_hang_up(&missed_call_line(&business, &outcome)),
        ));
    }
    textback::record_call(
        &state,
        &business,
        sid,
        from,
        to,
        if dial == "completed" {
            "answered"
        } else {
            dial
        },
    )
    .await?;
    Ok(xml(StatusCode::OK, twiml::hang_up()))
}

#[tracing::instrument(skip_all)]
pub(crate) async fn call_status<F: VoiceForm>(
    State(state): State<AppState>,
    form: F,
) -> Result<Response> {
    let (sid, from, to) = (
        form.require("CallSid")?,
        form.get("From").unwrap_or(""),
        form.require("To")?,
    );
    let status = form.require("CallStatus")?;
    let business = match business_for(&state, to, true).await? {
        Ok(b) => b,
        Err(resp) => return Ok(resp),
    };
    if MISSED.contains(&status) {
        let call = MissedCall {
            call_sid: sid,
            from,
            to,
            status,
            look_up: true,
        };
        textback::handle_missed_call(&state, &business, &call).await?;
    } else {
        textback::record_call(&state, &business, sid, from, to, status).await?;
        if status == "completed" {
            // A call the receptionist answered: text picks up what it did not finish (once).
            crate::voice::ended_by_sid(&state, sid, from, to).await?;
        }
    }
    Ok(xml(StatusCode::OK, twiml::empty()))
}

/// A caller the receptionist can talk to (not a withheld number: it could not text them after).
fn callable(from: &str) -> bool {
    matches!(
        crate::domain::phone::CallerId::parse(from),
        crate::domain::phone::CallerId::Number(_)
    )
}

/// Speech recognised with less confidence than this is asked for again.
const MIN_CONFIDENCE: f64 = 0.4;

/// What a `<Gather>` heard: one turn of the call. Heard badly twice, the call offers to go on
/// by text; handed over, it is put through.
#[tracing::instrument(skip_all)]
pub(crate) async fn gathered<F: VoiceForm>(
    State(state): State<AppState>,
    form: F,
) -> Result<Response> {
    let (sid, from, to) = (
        form.require("CallSid")?,
        form.get("From").unwrap_or(""),
        form.require("To")?,
    );
    let Some(mut call) = crate::voice::start(&state, sid, from, to).await? else {
        return Ok(xml(StatusCode::OK, twiml::hang_up()));
    };
    let speech = form.get("SpeechResult").unwrap_or("").trim();
    let digits = form.get("Digits").unwrap_or("").trim();
    let confidence: f64 = form
        .get("Confidence")
        .and_then(|c| c.parse().ok())
        .unwrap_or(if speech.is_empty() { 0.0 } else { 1.0 });
    let words = if !digits.is_empty() {
        digits
    } else if confidence >= MIN_CONFIDENCE {
        speech
    } else {
        ""
    };
    if words.is_empty() {
        let again = form.query.contains_key("again");
        if !again {
            return Ok(xml(
                StatusCode::OK,
                twiml::gather(
                    "Sorry, I didn't catch that. Could you say it again?",
                    &format!("{}?again=1", F::PATHS.gather),
                ),
            ));
        }
        // Twice: carry on by text (the pick-up text goes out as the call ends).
        crate::voice::ended(&state, &call).await?;
        return Ok(xml(
            StatusCode::OK,
            twiml::say_and_hang_up(
                "Sorry, I'm having trouble hearing you. I'll send you a text so we can carry on there. Goodbye.",
            ),
        ));
    }
    let said = crate::voice::heard(&state, &mut call, words, None).await?;
    if said.hand_off.is_none() {
        return Ok(xml(
            StatusCode::OK,
            twiml::gather(&said.words, F::PATHS.gather),
        ));
    }
    crate::voice::transferred(&state, sid).await?;
    let profile = &call.business.profile;
    Ok(xml(StatusCode::OK, put_through(profile, &said.words)))
}

/// After `said`, the call goes to the business's transfer numbers (default `forward_to`); with
/// none, the caller is told someone will call back.
fn put_through(profile: &crate::domain::BusinessProfile, said: &str) -> String {
    let targets = if profile.voice.transfer_to.is_empty() {
        &profile.business.forward_to
    } else {
        &profile.voice.transfer_to
    };
    let said = said.trim();
    let lead = if said.is_empty() {
        String::new()
    } else {
        format!("{said} ")
    };
    if targets.is_empty() {
        // (What the receptionist said already tells the caller how they will hear back.)
        twiml::say_and_hang_up(&if said.is_empty() {
            format!(
                "A member of the team at {} will call you back shortly. Goodbye.",
                profile.business.name
            )
        } else {
            said.to_string()
        })
    } else {
        twiml::say_and_dial(
            &format!("{lead}Please hold while I put you through."),
            targets,
            profile.business.ring_seconds,
        )
    }
}

/// The relay session ended. If the receptionist handed the call over (`HandoffData`), put it
/// through to the business's transfer numbers; otherwise end the call.
#[tracing::instrument(skip_all)]
pub(crate) async fn relay_done<F: VoiceForm>(
    State(state): State<AppState>,
    form: F,
) -> Result<Response> {
    let to = form.require("To")?;
    let business = match business_for(&state, to, true).await? {
        Ok(b) => b,
        Err(resp) => return Ok(resp),
    };
    let handoff: Option<serde_json::Value> = form
        .get("HandoffData")
        .filter(|h| !h.is_empty())
        .and_then(|h| serde_json::from_str(h).ok());
    let Some(handoff) = handoff else {
        return Ok(xml(StatusCode::OK, twiml::hang_up()));
    };
    let reason = handoff["reason"].as_str().unwrap_or("");
    tracing::info!(reason, "call handed over by the receptionist");
    if let Some(sid) = form.get("CallSid") {
        crate::voice::transferred(&state, sid).await?;
    }
    Ok(xml(StatusCode::OK, put_through(&business.profile, "")))
}

#[tracing::instrument(skip_all)]
async fn sms(State(state): State<AppState>, form: TwilioForm) -> Result<Response> {
    let sid = form
        .get("MessageSid")
        .or_else(|| form.get("SmsSid"))
        .filter(|s| !s.is_empty())
        .ok_or_else(|| Error::BadRequest("missing form parameter MessageSid".into()))?;
    let (from, to) = (form.require("From")?, form.require("To")?);
    let body = form.get("Body").unwrap_or("");
    let sms = InboundSms {
        message_sid: sid,
        from,
        to,
        body,
    };
    match inbound::handle_inbound_sms_to(&state, &sms).await? {
        Some(_) => Ok(xml(StatusCode::OK, twiml::empty())),
        None => Ok(unknown_number(&state, to, false)),
    }
}

#[tracing::instrument(skip_all)]
async fn sms_status(State(state): State<AppState>, form: TwilioForm) -> Result<Response> {
    let sid = form
        .get("MessageSid")
        .or_else(|| form.get("SmsSid"))
        .filter(|s| !s.is_empty())
        .ok_or_else(|| Error::BadRequest("missing form parameter MessageSid".into()))?;
    let status = form
        .get("MessageStatus")
        .or_else(|| form.get("SmsStatus"))
        .filter(|s| !s.is_empty())
        .ok_or_else(|| Error::BadRequest("missing form parameter MessageStatus".into()))?
        .to_ascii_lowercase();
    let error_code = form.get("ErrorCode").filter(|c| !c.is_empty() && *c != "0");
    let message_id = form
        .query
        .get("m")
        .and_then(|m| m.parse::<i64>().ok())
        .map(MessageId);
    let delivery = Delivery {
        sid,
        message_id,
        status: &status,
        error_code,
        opted_out: error_code == Some(tw::OPTED_OUT),
        not_textable: error_code.is_some_and(tw::is_not_textable),
        unreachable: error_code.is_some_and(tw::is_unreachable_now),
    };
    record_delivery(&state, &delivery).await?;
    Ok(xml(StatusCode::OK, twiml::empty()))
}

/// A provider's report on a text we sent.
pub(crate) struct Delivery<'a> {
    /// The provider's id for the text.
    pub sid: &'a str,
    /// Our message, named by the signed callback URL.
    pub message_id: Option<MessageId>,
    /// In our (Twilio's) words.
    pub status: &'a str,
    pub error_code: Option<&'a str>,
    /// The carrier says the recipient replied STOP.
    pub opted_out: bool,
    /// The number cannot receive texts.
    pub not_textable: bool,
    /// This text did not reach the handset, perhaps only for now (switched off, no signal).
    pub unreachable: bool,
}

/// Move the message's status forward and mark its recipient when the carrier says they opted
/// out or cannot get texts.
pub(crate) async fn record_delivery(state: &AppState, d: &Delivery<'_>) -> Result<()> {
    let now_ms = crate::clock::to_millis(state.clock.now());
    let mut tx = state.store.begin().await?;
    let key = match d.message_id {
        Some(id) => {
            // The status can arrive before the send's own answer was recorded: the signed
            // callback URL names the message, so record the provider's id from here too.
            messages::set_provider_sid(&mut tx, id, d.sid, now_ms).await?;
            MessageKey::Id(id)
        }
        None => MessageKey::Sid(d.sid),
    };
    // Nothing was written for an unknown message: dropping the transaction loses nothing.
    let (msg_id, contact_id) = messages::ids_of(&mut tx, key).await.map_err(|e| match e {
        crate::store::Error::NotFound { .. } => {
            Error::NotFound(format!("no message with SID {}", d.sid))
        }
        e => e.into(),
    })?;
    messages::advance_status(
        &mut tx,
        MessageKey::Id(msg_id),
        d.status,
        d.error_code,
        now_ms,
    )
    .await?;
    let mut alerted = false;
    if d.opted_out {
        contacts::opt_out_number(&mut tx, contact_id, now_ms).await?;
    } else if d.not_textable {
        let code = d.error_code.unwrap_or("");
        let reason = format!("delivery error {code}");
        contacts::mark_not_textable(&mut tx, contact_id, &reason, now_ms).await?;
        // A text-back that never arrived (30006: a landline or unreachable): staff call instead.
        alerted = crate::callbacks::after_refused_textback(&mut tx, msg_id, code, now_ms).await?;
    } else if d.unreachable {
        // Not marked: the number may take the next text. This caller still needs a person.
        let code = d.error_code.unwrap_or("");
        alerted = crate::callbacks::after_refused_textback(&mut tx, msg_id, code, now_ms).await?;
    }
    tx.commit().await?;
    if alerted {
        state.wake_outbox();
    }
    Ok(())
}
