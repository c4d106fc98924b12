//! The ConversationRelay WebSocket: Twilio carries a live call's words here as JSON (`setup`,
//! `prompt`, `interrupt`, `dtmf`, `error`) and speaks what comes back (`text`; `end` leaves the
//! receptionist, with `handoffData` saying why). The upgrade is signed like any Twilio webhook
//! (over the exact `wss://` URL, no body); an unsigned or forged one is refused before anything
//! is read. What the words mean is [`crate::voice`]'s business.

use crate::app::AppState;
use crate::telephony::twilio as tw;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};
use std::time::Duration;

pub const RELAY_PATH: &str = "/webhooks/twilio/relay";
/// Telnyx opens its relay here; the URL we hand it carries the call and a token we signed.
pub const TELNYX_RELAY_PATH: &str = "/webhooks/telnyx/relay";

/// Largest message accepted from the relay (its messages are a few hundred bytes).
const MAX_MESSAGE_BYTES: usize = 64 * 1024;
/// A call that says nothing for this long is over.
const IDLE: Duration = Duration::from_secs(600);
/// No call lasts longer than this.
const MAX_CALL: Duration = Duration::from_secs(3_600);

pub fn router() -> Router<AppState> {
    Router::new()
        .route(RELAY_PATH, get(relay))
        .route(TELNYX_RELAY_PATH, get(telnyx_relay))
}

/// `wss://host` (or `ws://` behind plain http): where Twilio should open the relay.
pub fn ws_base(state: &AppState, headers: &HeaderMap) -> String {
    let base = match &state.config.public_url {
        Some(base) => base.clone(),
        None => {
            let (proto, host) = super::twilio::reached_as(headers);
            format!("{proto}://{host}")
        }
    };
    to_ws(&base)
}

fn to_ws(url: &str) -> String {
    if let Some(rest) = url.strip_prefix("https://") {
        format!("wss://{rest}")
    } else if let Some(rest) = url.strip_prefix("http://") {
        format!("ws://{rest}")
    } else {
        url.to_string()
    }
}

/// Is the upgrade signed by Twilio? (Without a Twilio auth token configured, as in the demo,
/// nothing is signed and everything is accepted, as for the other webhooks.)
fn signed(state: &AppState, headers: &HeaderMap, uri: &Uri) -> bool {
    let Some(token) = state.twilio_auth_token() else {
        return true;
    };
    let Some(given) = headers
        .get("x-twilio-signature")
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let path_and_query = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    super::twilio::signed_urls(state, headers, path_and_query)
        .iter()
        .map(|u| to_ws(u))
        .flat_map(|u| tw::url_variants(&u))
        .any(|u| tw::verify_with(tw::Algorithm::Sha1, token, &u, &[], given))
}

async fn relay(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    ws: WebSocketUpgrade,
) -> Response {
    if !signed(&state, &headers, &uri) {
        state.metrics.webhook_rejected("bad_signature");
        tracing::warn!("relay upgrade refused: missing or invalid X-Twilio-Signature");
        return (StatusCode::FORBIDDEN, "invalid X-Twilio-Signature").into_response();
    }
    ws.max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| async move {
            if tokio::time::timeout(MAX_CALL, session(&state, socket, None))
                .await
                .is_err()
            {
                tracing::warn!("call reached its time limit; relay closed");
            }
        })
}

#[derive(serde::Deserialize)]
struct TelnyxRelayQuery {
    call: String,
    from: String,
    to: String,
    token: String,
}

/// Telnyx's relay upgrade: the call, caller and business number come from the URL we handed
/// Telnyx in the TeXML answer (itself a verified webhook), vouched for by our token over them;
/// the `setup` frame cannot change them.
async fn telnyx_relay(
    State(state): State<AppState>,
    query: std::result::Result<
        axum::extract::Query<TelnyxRelayQuery>,
        axum::extract::rejection::QueryRejection,
    >,
    ws: WebSocketUpgrade,
) -> Response {
    let Ok(axum::extract::Query(q)) = query else {
        return (StatusCode::FORBIDDEN, "missing relay token").into_response();
    };
    let vouched = super::telnyx::relay_token(&state, &q.call, &q.from, &q.to).is_some_and(|t| {
        bool::from(subtle::ConstantTimeEq::ct_eq(
            t.as_bytes(),
            q.token.as_bytes(),
        ))
    });
    if !vouched {
        state.metrics.webhook_rejected("bad_signature");
        tracing::warn!("Telnyx relay upgrade refused: missing or invalid token");
        return (StatusCode::FORBIDDEN, "invalid relay token").into_response();
    }
    let known = KnownCall {
        call_sid: q.call,
        from: q.from,
        to: q.to,
        greet: false,
    };
    ws.max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| async move {
            if tokio::time::timeout(MAX_CALL, session(&state, socket, Some(known)))
                .await
                .is_err()
            {
                tracing::warn!("call reached its time limit; relay closed");
            }
        })
}

async fn send(socket: &mut WebSocket, value: Value) -> bool {
    socket
        .send(Message::Text(value.to_string().into()))
        .await
        .is_ok()
}

/// A call whose caller, business and call the server already knows (a simulated call from the
/// dashboard; a Telnyx call from our signed URL), whatever the `setup` frame says.
pub struct KnownCall {
    pub call_sid: String,
    pub from: String,
    pub to: String,
    /// Speak the greeting when the session starts (no TwiML spoke it: the simulator).
    pub greet: bool,
}

/// Run a simulated call over the same protocol (the dashboard's phone simulator).
pub async fn simulate(state: AppState, socket: WebSocket, sim: KnownCall) {
    if tokio::time::timeout(MAX_CALL, session(&state, socket, Some(sim)))
        .await
        .is_err()
    {
        tracing::warn!("simulated call reached its time limit");
    }
}

/// One call, from `setup` to the socket closing.
async fn session(state: &AppState, mut socket: WebSocket, sim: Option<KnownCall>) {
    let mut call: Option<crate::voice::Call> = None;
    loop {
        let msg = match tokio::time::timeout(IDLE, socket.recv()).await {
            Ok(Some(Ok(m))) => m,
            Ok(Some(Err(e))) => {
                tracing::info!(error = %e, "relay connection failed");
                break;
            }
            Ok(None) | Err(_) => break,
        };
        let text = match msg {
            Message::Text(t) => t,
            Message::Close(_) => break,
            _ => continue,
        };
        let Ok(v) = serde_json::from_str::<Value>(&text) else {
            tracing::warn!("relay sent something that is not JSON; ignored");
            continue;
        };
        let words = match v["type"].as_str() {
            Some("setup") if call.is_none() => {
                let field = |k: &str| v[k].as_str().unwrap_or("").to_string();
                let (sid, from, to) = match &sim {
                    Some(s) => (s.call_sid.clone(), s.from.clone(), s.to.clone()),
                    None => (field("callSid"), field("from"), field("to")),
                };
                match crate::voice::start(state, &sid, &from, &to).await {
                    Ok(Some(c)) => {
                        // The provider speaks the greeting from the TwiML; a simulated call has none.
                        if sim.as_ref().is_some_and(|s| s.greet) {
                            let greeting = crate::voice::greeting(&c.business.profile, &from);
                            send(
                                &mut socket,
                                json!({"type": "text", "token": greeting, "last": true}),
                            )
                            .await;
                        }
                        call = Some(c);
                    }
                    Ok(None) => {
                        tracing::warn!("relay setup for no business or a hidden caller; ended");
                        send(&mut socket, json!({"type": "end"})).await;
                        break;
                    }
                    Err(e) => {
                        tracing::error!(error = %e, "starting a call failed");
                        break;
                    }
                }
                continue;
            }
            // What the caller said (Twilio sends it whole, `last: true`, unless told otherwise).
            Some("prompt") if v["last"].as_bool().unwrap_or(true) => {
                v["voicePrompt"].as_str().unwrap_or("").to_string()
            }
            // Keys pressed: "1" picks the first time offered, as it would in a text.
            Some("dtmf") => v["digit"].as_str().unwrap_or("").to_string(),
            Some("interrupt") => {
                if let Some(c) = &call {
                    let heard = v["utteranceUntilInterrupt"].as_str().unwrap_or("");
                    if let Err(e) = crate::voice::interrupted(state, c, heard).await {
                        tracing::warn!(error = %e, "recording an interruption failed");
                    }
                }
                continue;
            }
            Some("error") => {
                tracing::warn!(
                    description = v["description"].as_str().unwrap_or(""),
                    "relay reported an error"
                );
                continue;
            }
            _ => continue,
        };
        let Some(c) = call.as_mut() else {
            continue;
        };
        if words.trim().is_empty() {
            continue;
        }
        // A model's words are spoken as they stream in (each checked first); what the turn
        // adds after them (the times, the read-back) ends the reply.
        let (speaker, mut spoken_rx) = tokio::sync::mpsc::unbounded_channel::<String>();
        let mut spoken = String::new();
        let mut open = true;
        let said = {
            let turn = crate::voice::heard(state, c, &words, Some(speaker));
            tokio::pin!(turn);
            loop {
                tokio::select! {
                    done = &mut turn => break done,
                    Some(part) = spoken_rx.recv() => {
                        open = open && send(
                            &mut socket,
                            json!({"type": "text", "token": part, "last": false}),
                        )
                        .await;
                        spoken.push_str(&part);
                    }
                }
            }
        };
        while let Ok(part) = spoken_rx.try_recv() {
            open = open
                && send(
                    &mut socket,
                    json!({"type": "text", "token": part, "last": false}),
                )
                .await;
            spoken.push_str(&part);
        }
        let said = match said {
            Ok(s) => s,
            Err(e) => {
                tracing::error!(error = %e, "a voice turn failed; handing the call over");
                c.handed_off = true;
                crate::voice::Said {
                    words: "Sorry, let me put you through to the team.".into(),
                    hand_off: Some(("turn_failed".into(), String::new())),
                }
            }
        };
        // What the turn said after the streamed words (the reply starts with them, trimmed).
        let rest = match said.words.strip_prefix(spoken.trim_end()) {
            Some(rest) => rest.trim_start().to_string(),
            None => said.words.clone(),
        };
        if !open
            || !send(
                &mut socket,
                json!({"type": "text", "token": rest, "last": true}),
            )
            .await
        {
            break;
        }
        if let Some((reason, summary)) = said.hand_off {
            let data = json!({"reason": reason, "summary": summary}).to_string();
            send(&mut socket, json!({"type": "end", "handoffData": data})).await;
            break;
        }
    }
    if let Some(c) = &call {
        if let Err(e) = crate::voice::ended(state, c).await {
            tracing::error!(error = %e, "finishing a call failed");
        }
    }
}
