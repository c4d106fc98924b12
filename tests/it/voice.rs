//! Live voice through the real webhooks and a real WebSocket client speaking ConversationRelay's
//! messages (signed upgrade), with texts caught at a fake Twilio.

use crate::both_backends;
use crate::helpers::*;
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::time::Duration;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

both_backends!(
    the_receptionist_answers_a_call_and_books_it_by_voice,
    a_person_asked_for_on_a_call_is_put_through,
    danger_on_a_call_says_911_and_alerts_the_team,
    a_caller_who_hangs_up_gets_one_pickup_text_and_goes_on_by_text,
    ring_through_no_answer_is_answered_by_the_receptionist,
    an_interrupted_reply_keeps_what_was_heard,
    the_gather_engine_answers_turn_by_turn_and_confirms_once,
    speech_heard_badly_twice_goes_on_by_text,
    a_telnyx_call_is_answered_over_the_same_relay,
    a_models_words_are_spoken_as_they_stream_and_figures_only_once_checked,
);

const TRANSFER: &str = "+15550100300";

pub(crate) fn voice_profile(extra: &str) -> String {
    format!("{EXAMPLE}\n[voice]\nanswer = \"ai\"\ntransfer_to = [\"{TRANSFER}\"]\n{extra}")
}

pub(crate) async fn voice_app(backend: Backend, profile: String) -> TestApp {
    spawn_app_with(
        backend,
        Options {
            clock: Some(frontdesk::clock::FixedClock::new(open_hours_instant())),
            profile,
            ..Default::default()
        },
    )
    .await
}

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Open the relay the way Twilio does: signed over the public `ws://` URL.
async fn relay(
    app: &TestApp,
    sig: Option<&str>,
) -> Result<Ws, tokio_tungstenite::tungstenite::Error> {
    let url = format!(
        "{}/webhooks/twilio/relay",
        app.base.replace("http://", "ws://")
    );
    let mut req = url.into_client_request().unwrap();
    if let Some(sig) = sig {
        req.headers_mut()
            .insert("x-twilio-signature", sig.parse().unwrap());
    }
    tokio_tungstenite::connect_async(req)
        .await
        .map(|(ws, _)| ws)
}

fn relay_signature() -> String {
    frontdesk::telephony::twilio::signature(
        AUTH_TOKEN,
        &format!(
            "{}/webhooks/twilio/relay",
            PUBLIC_URL.replace("http://", "ws://")
        ),
        &[],
    )
}

pub(crate) async fn call(app: &TestApp, call_sid: &str) -> Ws {
    let mut ws = relay(app, Some(&relay_signature()))
        .await
        .expect("relay opens");
    send(
        &mut ws,
        json!({"type": "setup", "sessionId": "VX1", "callSid": call_sid, "from": CALLER,
               "to": BUSINESS_NUMBER, "direction": "inbound", "customParameters": {}}),
    )
    .await;
    ws
}

async fn send(ws: &mut Ws, v: Value) {
    ws.send(Message::Text(v.to_string().into())).await.unwrap();
}

/// Say something; get back the words spoken and, if the receptionist leaves, its `end` message.
pub(crate) async fn say(ws: &mut Ws, words: &str) -> (String, Option<Value>) {
    send(
        ws,
        json!({"type": "prompt", "voicePrompt": words, "lang": "en-US", "last": true}),
    )
    .await;
    let reply = next(ws).await;
    assert_eq!(reply["type"], "text", "{reply}");
    assert_eq!(reply["last"], true, "{reply}");
    let token = reply["token"].as_str().unwrap().to_string();
    // An `end` follows straight away when the call is handed over.
    let end = match tokio::time::timeout(Duration::from_millis(300), ws.next()).await {
        Ok(Some(Ok(Message::Text(t)))) => Some(serde_json::from_str::<Value>(&t).unwrap()),
        _ => None,
    };
    (token, end)
}

async fn next(ws: &mut Ws) -> Value {
    loop {
        let msg = tokio::time::timeout(Duration::from_secs(10), ws.next())
            .await
            .expect("an answer in time")
            .expect("socket open")
            .expect("a message");
        if let Message::Text(t) = msg {
            return serde_json::from_str(&t).unwrap();
        }
    }
}

pub(crate) async fn hang_up(mut ws: Ws) {
    ws.close(None).await.ok();
    // The server finishes the call after the socket closes.
    tokio::time::sleep(Duration::from_millis(300)).await;
}

pub(crate) async fn answered(app: &TestApp, call_sid: &str) -> String {
    let res = app.missed_call(call_sid, CALLER).await;
    assert_eq!(res.status(), 200);
    res.text().await.unwrap()
}

/// Twilio's status callback: the call is over.
async fn call_completed(app: &TestApp, call_sid: &str) {
    app.post_twilio(
        "/webhooks/twilio/voice/status",
        &[
            ("CallSid", call_sid),
            ("From", CALLER),
            ("To", BUSINESS_NUMBER),
            ("CallStatus", "completed"),
        ],
    )
    .await;
}

/// Every text sent once the outbox drains, and the bodies of those to the caller.
async fn texts_to_caller(
    app: &TestApp,
) -> (Vec<std::collections::HashMap<String, String>>, Vec<String>) {
    let texts = app.settle().await;
    let to_caller = texts
        .iter()
        .filter(|t| t["To"] == CALLER)
        .map(|t| t["Body"].clone())
        .collect();
    (texts, to_caller)
}

async fn funnel(app: &TestApp) -> frontdesk::store::dashboard::VoiceFunnel {
    frontdesk::store::dashboard::funnel(
        &app.state.store,
        app.business_id,
        0,
        i64::MAX,
        chrono_tz::America::New_York,
    )
    .await
    .unwrap()
    .voice
}

async fn lines_of_the_call(app: &TestApp) -> Vec<(String, String)> {
    sqlx::query_as("SELECT author, body FROM messages WHERE kind = 'voice' ORDER BY id")
        .fetch_all(app.state.store.pool())
        .await
        .unwrap()
}

async fn the_receptionist_answers_a_call_and_books_it_by_voice(backend: Backend) {
    let app = voice_app(backend, voice_profile("")).await;
    let twiml = answered(&app, "CAV1").await;
    assert!(
        twiml.contains(r#"<Connect action="/webhooks/twilio/voice/relay-done""#)
            && twiml
                .contains(r#"<ConversationRelay url="ws://frontdesk.test/webhooks/twilio/relay""#),
        "{twiml}"
    );
    assert!(
        twiml.contains("welcomeGreeting=\"Thanks for calling Dave&apos;s Plumbing"),
        "{twiml}"
    );
    // The call's one decision: answered, so no text-back now or from a later status callback.
    assert_eq!(
        app.call_decision("CAV1").await,
        (Some("skipped".into()), Some("answered_by_ai".into()))
    );

    let mut ws = call(&app, "CAV1").await;
    let (offer, end) = say(
        &mut ws,
        "Hi, this is Ann. My kitchen sink is clogged, I need a drain cleaning. I'm at 12 Oak Street. Tomorrow morning if you can.",
    )
    .await;
    assert!(end.is_none());
    assert!(offer.contains("Thursday, December 3"), "{offer}");
    assert!(!offer.contains("Reply") && !offer.contains("1)"), "{offer}");
    let (read_back, _) = say(&mut ws, "the first one").await;
    assert!(read_back.ends_with("shall I book it?"), "{read_back}");
    let (booked, end) = say(&mut ws, "yes please").await;
    assert!(booked.starts_with("You're booked"), "{booked}");
    assert!(end.is_none());
    hang_up(ws).await;

    // One text: the confirmation (the owner's receipt goes to the notify number).
    let (texts, to_caller) = texts_to_caller(&app).await;
    assert_eq!(to_caller.len(), 1, "{texts:?}");
    assert!(
        to_caller[0].starts_with("You're booked with Dave's Plumbing: Thu Dec 3"),
        "{to_caller:?}"
    );
    assert_eq!(app.count("bookings WHERE status = 'booked'").await, 1);
    // The call is part of the thread: greeting, three things said, three replies.
    let lines = lines_of_the_call(&app).await;
    assert_eq!(lines.len(), 7, "{lines:?}");
    assert_eq!(lines[1], ("caller".into(), "Hi, this is Ann. My kitchen sink is clogged, I need a drain cleaning. I'm at 12 Oak Street. Tomorrow morning if you can.".into()));
    assert_eq!(lines[6].0, "ai");
    // A status callback for the finished call sends nothing more.
    call_completed(&app, "CAV1").await;
    assert_eq!(app.settle().await.len(), texts.len());
    app.stop().await;
}

async fn a_person_asked_for_on_a_call_is_put_through(backend: Backend) {
    let app = voice_app(backend, voice_profile("")).await;
    answered(&app, "CAV2").await;
    let mut ws = call(&app, "CAV2").await;
    let (words, end) = say(&mut ws, "can I just talk to a real person please").await;
    assert!(
        words.contains("call you back") || words.contains("team"),
        "{words}"
    );
    let end = end.expect("the receptionist leaves the call");
    assert_eq!(end["type"], "end");
    let data: Value = serde_json::from_str(end["handoffData"].as_str().unwrap()).unwrap();
    assert_eq!(data["reason"], "human_requested");
    hang_up(ws).await;
    // Twilio asks what next: the call is put through to the transfer number.
    let res = app
        .post_twilio(
            "/webhooks/twilio/voice/relay-done",
            &[
                ("CallSid", "CAV2"),
                ("From", CALLER),
                ("To", BUSINESS_NUMBER),
                ("SessionStatus", "ended"),
                ("HandoffData", end["handoffData"].as_str().unwrap()),
            ],
        )
        .await;
    let twiml = res.text().await.unwrap();
    assert!(
        twiml.contains(&format!("<Number>{TRANSFER}</Number>")),
        "{twiml}"
    );
    // The team was alerted as for a text hand-off, and no pick-up text goes to the caller.
    let texts = app.settle().await;
    assert!(
        texts
            .iter()
            .any(|t| t["To"] == "+15550100999" && t["Body"].contains("needs a person")),
        "{texts:?}"
    );
    assert!(!texts.iter().any(|t| t["To"] == CALLER), "{texts:?}");
    assert_eq!(app.conversation_state(CALLER).await, "human_owned");
    let f = funnel(&app).await;
    assert_eq!(
        (f.answered, f.transferred, f.booked, f.picked_up_by_text),
        (1, 1, 0, 0)
    );
    app.stop().await;
}

async fn danger_on_a_call_says_911_and_alerts_the_team(backend: Backend) {
    let app = voice_app(backend, voice_profile("")).await;
    answered(&app, "CAV3").await;
    let mut ws = call(&app, "CAV3").await;
    let (words, end) = say(&mut ws, "there's a really strong gas smell in my basement").await;
    assert!(words.contains("911"), "{words}");
    let data: Value =
        serde_json::from_str(end.expect("handed over")["handoffData"].as_str().unwrap()).unwrap();
    assert!(
        data["reason"].as_str().unwrap().starts_with("safety"),
        "{data}"
    );
    hang_up(ws).await;
    let texts = app.settle().await;
    assert!(
        texts
            .iter()
            .any(|t| t["To"] == "+15550100999" && t["Body"].starts_with("URGENT")),
        "{texts:?}"
    );
    app.stop().await;
}

async fn a_caller_who_hangs_up_gets_one_pickup_text_and_goes_on_by_text(backend: Backend) {
    let app = voice_app(backend, voice_profile("")).await;
    answered(&app, "CAV4").await;
    let mut ws = call(&app, "CAV4").await;
    let (words, _) = say(
        &mut ws,
        "yeah I need a drain cleaning, my shower is backing up",
    )
    .await;
    assert!(!words.is_empty());
    hang_up(ws).await;
    let (texts, to_caller) = texts_to_caller(&app).await;
    assert_eq!(to_caller.len(), 1, "{texts:?}");
    assert!(
        to_caller[0].starts_with("Sorry we got cut off - this is Dave's Plumbing"),
        "{to_caller:?}"
    );
    // The thread goes on by text, with what the call learnt: the service is known.
    let reply = app.say("12 Oak Street, tomorrow morning is good").await;
    assert!(reply.contains("reply YES to confirm"), "{reply}");
    assert!(
        reply.to_lowercase().contains("drain cleaning") || reply.contains("Thu"),
        "{reply}"
    );
    app.stop().await;
}

async fn ring_through_no_answer_is_answered_by_the_receptionist(backend: Backend) {
    let profile = voice_profile("").replace("forward_to = []", "forward_to = [\"+15550100301\"]");
    let app = voice_app(
        backend,
        profile.replace("[business]", "[business]\nstate = \"TX\""),
    )
    .await;
    let twiml = answered(&app, "CAV5").await;
    assert!(twiml.contains("<Dial"), "{twiml}");
    let res = app
        .post_twilio(
            "/webhooks/twilio/voice/dial-status",
            &[
                ("CallSid", "CAV5"),
                ("From", CALLER),
                ("To", BUSINESS_NUMBER),
                ("DialCallStatus", "no-answer"),
            ],
        )
        .await;
    let twiml = res.text().await.unwrap();
    assert!(twiml.contains("<ConversationRelay"), "{twiml}");
    // A Texas business called from a number in no all-party-consent state: no disclosure.
    assert!(!twiml.contains("transcribed"), "{twiml}");
    assert!(
        app.settle().await.is_empty(),
        "no text-back for a call the receptionist took"
    );

    // The same business called from Florida: the disclosure comes first and cannot be talked over.
    let res = app
        .post_twilio(
            "/webhooks/twilio/voice/dial-status",
            &[
                ("CallSid", "CAV6"),
                ("From", "+13055550123"),
                ("To", BUSINESS_NUMBER),
                ("DialCallStatus", "busy"),
            ],
        )
        .await;
    let twiml = res.text().await.unwrap();
    assert!(
        twiml.contains(
            "welcomeGreeting=\"This call is answered by an automated assistant and transcribed."
        ) && twiml.contains("welcomeGreetingInterruptible=\"none\""),
        "{twiml}"
    );
    app.stop().await;
}

async fn an_interrupted_reply_keeps_what_was_heard(backend: Backend) {
    let app = voice_app(backend, voice_profile("")).await;
    answered(&app, "CAV7").await;
    let mut ws = call(&app, "CAV7").await;
    let (offer, _) = say(
        &mut ws,
        "I need a drain cleaning at 12 Oak Street, I'm Ann, tomorrow morning",
    )
    .await;
    assert!(offer.len() > 20);
    send(
        &mut ws,
        json!({"type": "interrupt", "utteranceUntilInterrupt": "I can do Thursday", "durationUntilInterruptMs": 900}),
    )
    .await;
    // (The relay records the cut as it reads the message: wait for it, a busy database may
    // take a while.)
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    let mut lines = lines_of_the_call(&app).await;
    while lines.last().is_some_and(|l| l.1 != "I can do Thursday")
        && tokio::time::Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
        lines = lines_of_the_call(&app).await;
    }
    assert_eq!(
        lines.last().unwrap(),
        &("ai".to_string(), "I can do Thursday".to_string())
    );
    hang_up(ws).await;
    app.stop().await;
}

#[tokio::test]
async fn a_forged_relay_upgrade_is_refused() {
    let app = voice_app(Backend::Sqlite, voice_profile("")).await;
    assert!(
        relay(&app, None).await.is_err(),
        "unsigned upgrade accepted"
    );
    assert!(
        relay(&app, Some("bm90IGEgc2lnbmF0dXJl")).await.is_err(),
        "forged upgrade accepted"
    );
    assert!(relay(&app, Some(&relay_signature())).await.is_ok());
    app.stop().await;
}

async fn gather(app: &TestApp, query: &str, params: &[(&str, &str)]) -> String {
    let mut all = vec![("From", CALLER), ("To", BUSINESS_NUMBER)];
    all.extend_from_slice(params);
    let res = app
        .post_twilio(&format!("/webhooks/twilio/voice/gather{query}"), &all)
        .await;
    assert_eq!(res.status(), 200);
    res.text().await.unwrap()
}

async fn the_gather_engine_answers_turn_by_turn_and_confirms_once(backend: Backend) {
    let app = voice_app(backend, voice_profile("engine = \"gather\"\n")).await;
    let twiml = answered(&app, "CAG1").await;
    assert!(
        twiml.contains(r#"<Gather input="speech dtmf" action="/webhooks/twilio/voice/gather""#)
            && twiml.contains("<Say>Thanks for calling Dave&apos;s Plumbing"),
        "{twiml}"
    );
    let offer = gather(
        &app,
        "",
        &[
            ("CallSid", "CAG1"),
            (
                "SpeechResult",
                "I need a drain cleaning at 12 Oak Street, this is Ann, tomorrow morning",
            ),
            ("Confidence", "0.92"),
        ],
    )
    .await;
    assert!(
        offer.contains("<Gather") && offer.contains("Thursday, December 3"),
        "{offer}"
    );
    // Keys pressed count as a reply: 1 is the first time offered.
    let read_back = gather(&app, "", &[("CallSid", "CAG1"), ("Digits", "1")]).await;
    assert!(read_back.contains("shall I book it?"), "{read_back}");
    let booked = gather(
        &app,
        "",
        &[
            ("CallSid", "CAG1"),
            ("SpeechResult", "yes"),
            ("Confidence", "0.8"),
        ],
    )
    .await;
    assert!(booked.contains("You&apos;re booked"), "{booked}");
    // The call ends (reported twice): one confirmation text.
    for _ in 0..2 {
        call_completed(&app, "CAG1").await;
    }
    let (texts, to_caller) = texts_to_caller(&app).await;
    assert_eq!(to_caller.len(), 1, "{texts:?}");
    assert!(
        to_caller[0].starts_with("You're booked with Dave's Plumbing"),
        "{to_caller:?}"
    );
    assert_eq!(lines_of_the_call(&app).await.len(), 7);
    assert_eq!(funnel(&app).await.booked, 1);
    app.stop().await;
}

async fn speech_heard_badly_twice_goes_on_by_text(backend: Backend) {
    let app = voice_app(backend, voice_profile("engine = \"gather\"\n")).await;
    answered(&app, "CAG2").await;
    let again = gather(
        &app,
        "",
        &[
            ("CallSid", "CAG2"),
            ("SpeechResult", "mumble"),
            ("Confidence", "0.12"),
        ],
    )
    .await;
    assert!(
        again.contains("say it again") && again.contains("gather?again=1"),
        "{again}"
    );
    let bye = gather(
        &app,
        "?again=1",
        &[
            ("CallSid", "CAG2"),
            ("SpeechResult", ""),
            ("Confidence", "0"),
        ],
    )
    .await;
    assert!(
        bye.contains("send you a text") && bye.contains("<Hangup/>"),
        "{bye}"
    );
    call_completed(&app, "CAG2").await;
    let (texts, to_caller) = texts_to_caller(&app).await;
    assert_eq!(to_caller.len(), 1, "{texts:?}");
    assert!(
        to_caller[0].starts_with("Sorry we got cut off"),
        "{to_caller:?}"
    );
    app.stop().await;
}

/// Telnyx: the TeXML answer names our relay with the call and a token we signed; Telnyx opens
/// it (no signature header of its own) and speaks the same frames. The call is the one in the
/// URL, whatever `setup` says; a tampered URL is refused.
async fn a_telnyx_call_is_answered_over_the_same_relay(backend: Backend) {
    let number = "+15550100400";
    let profile = voice_profile("").replace(
        "phone_numbers = [\"+15550100200\"]",
        &format!("phone_numbers = [\"{number}\"]\nprovider = \"telnyx\""),
    );
    let app = voice_app(backend, profile).await;
    let form = serde_urlencoded::to_string([
        ("CallSid", "v3:relay-1"),
        ("From", CALLER),
        ("To", number),
        ("CallStatus", "ringing"),
    ])
    .unwrap();
    let res = app
        .post_telnyx(
            "/webhooks/telnyx/voice",
            "application/x-www-form-urlencoded",
            form.as_bytes(),
        )
        .await;
    assert_eq!(res.status(), 200);
    let texml = res.text().await.unwrap();
    assert!(
        texml.contains(r#"<Connect action="/webhooks/telnyx/voice/relay-done""#),
        "{texml}"
    );
    let start = texml.find("url=\"").unwrap() + 5;
    let url = texml[start..start + texml[start..].find('"').unwrap()].replace("&amp;", "&");
    assert!(
        url.starts_with("ws://frontdesk.test/webhooks/telnyx/relay?call="),
        "{url}"
    );
    let local = url.replace("ws://frontdesk.test", &app.base.replace("http://", "ws://"));
    // A token for another call opens nothing.
    let forged = local.replace("relay-1", "relay-2");
    assert!(tokio_tungstenite::connect_async(forged.as_str())
        .await
        .is_err());
    let (mut ws, _) = tokio_tungstenite::connect_async(local.as_str())
        .await
        .expect("the relay opens with our token");
    send(
        &mut ws,
        json!({"type": "setup", "sessionId": "s1", "callSid": "v3:someone-else",
               "callControlId": "v3:someone-else", "from": "+15550109999", "to": number,
               "direction": "inbound", "customParameters": {}}),
    )
    .await;
    let (words, end) = say(&mut ws, "how much is drain cleaning").await;
    assert!(words.contains("$"), "{words}");
    assert!(end.is_none());
    hang_up(ws).await;
    // The call recorded is the one in the URL, from the caller Telnyx named.
    let row: (String,) =
        sqlx::query_as("SELECT from_number FROM calls WHERE call_sid = 'v3:relay-1'")
            .fetch_one(app.state.store.pool())
            .await
            .unwrap();
    assert_eq!(row.0, CALLER);
    app.stop().await;
}

/// A scripted model that streams its answer (server-sent events, as OpenAI-compatible servers
/// send with `stream: true`).
fn sse(chunks: &[&str]) -> wiremock::ResponseTemplate {
    let mut body = String::new();
    for (i, c) in chunks.iter().enumerate() {
        let delta = if i == 0 {
            json!({"role": "assistant", "content": c})
        } else {
            json!({"content": c})
        };
        let event = json!({"id": "chatcmpl-s", "object": "chat.completion.chunk", "created": 1,
            "model": "scripted-model", "choices": [{"index": 0, "delta": delta, "finish_reason": null}]});
        body.push_str(&format!("data: {event}\n\n"));
    }
    let last = json!({"id": "chatcmpl-s", "object": "chat.completion.chunk", "created": 1,
        "model": "scripted-model", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]});
    body.push_str(&format!("data: {last}\n\ndata: [DONE]\n\n"));
    wiremock::ResponseTemplate::new(200)
        .insert_header("content-type", "text/event-stream")
        .set_body_string(body)
}

/// Every text frame of one reply, up to and including the one with `last: true`.
async fn reply_frames(ws: &mut Ws) -> Vec<(String, bool)> {
    let mut frames = Vec::new();
    loop {
        let v = next(ws).await;
        assert_eq!(v["type"], "text", "{v}");
        let last = v["last"].as_bool().unwrap();
        frames.push((v["token"].as_str().unwrap().to_string(), last));
        if last {
            return frames;
        }
    }
}

async fn a_models_words_are_spoken_as_they_stream_and_figures_only_once_checked(backend: Backend) {
    use wiremock::matchers::{method, path};
    let server = wiremock::MockServer::start().await;
    // First a grounded answer, then one with a price nobody gave it.
    wiremock::Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(sse(&[
            "Sure! ",
            "Drain ",
            "cleaning ",
            "is ",
            "$1",
            "49 flat rate",
            ". Want a visit?",
        ]))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    wiremock::Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(sse(&[
            "Good news, ",
            "a water heater ",
            "is only ",
            "$99",
            " this week.",
        ]))
        .mount(&server)
        .await;
    let app = spawn_app_with(
        backend,
        Options {
            clock: Some(frontdesk::clock::FixedClock::new(open_hours_instant())),
            profile: voice_profile(""),
            llm: Some(format!("{}/v1", server.uri())),
            ..Default::default()
        },
    )
    .await;
    answered(&app, "CAS1").await;
    let mut ws = call(&app, "CAS1").await;
    send(
        &mut ws,
        json!({"type": "prompt", "voicePrompt": "how much is a drain cleaning", "last": true}),
    )
    .await;
    let frames = reply_frames(&mut ws).await;
    // Plain words go out as they come; the sentence with the price only once it is whole and
    // found in the profile; the reply ends with last: true.
    assert!(frames.len() >= 4, "{frames:?}");
    assert_eq!(frames[0], ("Sure! ".to_string(), false));
    assert!(
        frames
            .iter()
            .any(|(t, last)| !last && t.contains("$149 flat rate.")),
        "{frames:?}"
    );
    assert!(
        !frames.iter().any(|(t, _)| t == "$1"),
        "no half figure is spoken: {frames:?}"
    );
    let said: String = frames.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        said,
        "Sure! Drain cleaning is $149 flat rate. Want a visit?"
    );
    // The invented price is never spoken: the words before it may be, then the check stops it.
    send(
        &mut ws,
        json!({"type": "prompt", "voicePrompt": "and a water heater?", "last": true}),
    )
    .await;
    let frames = reply_frames(&mut ws).await;
    let said: String = frames.iter().map(|(t, _)| t.as_str()).collect();
    assert!(!said.contains("$99"), "{said}");
    hang_up(ws).await;
    // The call's record holds what was said, and no invented figure.
    let lines = lines_of_the_call(&app).await;
    assert!(
        lines
            .iter()
            .any(|(who, l)| who == "ai"
                && l == "Sure! Drain cleaning is $149 flat rate. Want a visit?"),
        "{lines:?}"
    );
    assert!(!lines.iter().any(|(_, l)| l.contains("$99")), "{lines:?}");
    app.stop().await;
}
