//! Telnyx as a second provider: signed JSON messaging events and TeXML voice callbacks in,
//! `POST /v2/messages` out, through the same gate, engine and outbox as Twilio. A local fake
//! Telnyx API (wiremock) answers with Telnyx's wire format; webhooks are signed with a test
//! Ed25519 key.

use crate::both_backends;
use crate::helpers::*;
use frontdesk::clock::FixedClock;
use frontdesk::jobs::outbox::{OutboxWorker, Sent};
use std::time::Duration;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, Request, Respond, ResponseTemplate};

pub(crate) const TELNYX_NUMBER: &str = "+15550100300";

pub(crate) fn telnyx_profile(number: &str, forward_to: &str) -> String {
    EXAMPLE
        .replace(
            "phone_numbers = [\"+15550100200\"]",
            &format!("phone_numbers = [\"{number}\"]\nprovider = \"telnyx\""),
        )
        .replace("forward_to = []", &format!("forward_to = [{forward_to}]"))
}

/// A unique message id per request, as Telnyx answers `POST /v2/messages`.
pub(crate) struct TelnyxMessages(std::sync::atomic::AtomicU64);

impl Respond for TelnyxMessages {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let n = self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap_or_default();
        ResponseTemplate::new(200).set_body_json(serde_json::json!({"data": {
            "record_type": "message",
            "id": format!("40317a9e-0000-4000-8000-{:012x}", n + 1),
            "direction": "outbound",
            "type": "SMS",
            "from": {"phone_number": body["from"]},
            "to": [{"phone_number": body["to"], "status": "queued"}],
            "text": body["text"],
        }}))
    }
}

pub(crate) async fn mount_telnyx_ok(app: &TestApp) {
    Mock::given(method("POST"))
        .and(path(TELNYX_MESSAGES_PATH))
        .and(header(
            "authorization",
            format!("Bearer {TELNYX_API_KEY}").as_str(),
        ))
        .respond_with(TelnyxMessages(Default::default()))
        .mount(&app.twilio)
        .await;
}

/// A Telnyx business whose fake API answers nothing yet (each test mounts what it needs).
async fn telnyx_app_unmounted(backend: Backend) -> TestApp {
    spawn_app_with(
        backend,
        Options {
            profile: telnyx_profile(TELNYX_NUMBER, ""),
            ..Default::default()
        },
    )
    .await
}

/// A Telnyx business with a fixed clock and no outbox worker (tests drive the sends).
async fn telnyx_app_manual(backend: Backend, clock: &FixedClock) -> TestApp {
    spawn_app_with(
        backend,
        Options {
            profile: telnyx_profile(TELNYX_NUMBER, ""),
            clock: Some(clock.clone()),
            worker: false,
            ..Default::default()
        },
    )
    .await
}

/// A call forwarded unanswered to the Telnyx number (forward mode), as TeXML posts it.
async fn telnyx_missed_call(app: &TestApp, call_sid: &str) -> reqwest::Response {
    app.post_telnyx(
        "/webhooks/telnyx/voice",
        FORM,
        &voice_form(&[
            ("CallSid", call_sid),
            ("From", CALLER),
            ("To", TELNYX_NUMBER),
        ]),
    )
    .await
}

async fn telnyx_app(backend: Backend, forward_to: &str) -> TestApp {
    let app = spawn_app_with(
        backend,
        Options {
            profile: telnyx_profile(TELNYX_NUMBER, forward_to),
            ..Default::default()
        },
    )
    .await;
    mount_telnyx_ok(&app).await;
    app
}

fn received(id: &str, from: &str, to: &str, text: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({"data": {
        "event_type": "message.received",
        "id": id,
        "occurred_at": "2026-12-02T15:00:00.000+00:00",
        "payload": {
            "id": format!("msg-{id}"),
            "direction": "inbound",
            "type": "SMS",
            "from": {"phone_number": from, "carrier": "T-Mobile USA", "line_type": "Wireless"},
            "to": [{"phone_number": to, "status": "webhook_delivered"}],
            "text": text,
            "media": [],
        },
        "record_type": "event",
    }, "meta": {"attempt": 1, "delivered_to": "http://frontdesk.test/webhooks/telnyx/messaging"}}))
    .unwrap()
}

pub(crate) fn voice_form(pairs: &[(&str, &str)]) -> Vec<u8> {
    serde_urlencoded::to_string(pairs).unwrap().into_bytes()
}

pub(crate) const FORM: &str = "application/x-www-form-urlencoded";

async fn wait_for<F: std::future::Future<Output = bool>>(what: &str, mut check: impl FnMut() -> F) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while !check().await {
        assert!(tokio::time::Instant::now() < deadline, "timed out: {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn inbound_text_is_answered_through_telnyx_once(backend: Backend) {
    let app = telnyx_app(backend, "").await;
    let event = received("ev-1", CALLER, TELNYX_NUMBER, "do you do drain cleaning?");
    let resp = app
        .post_telnyx("/webhooks/telnyx/messaging", "application/json", &event)
        .await;
    assert_eq!(resp.status(), 200);
    // Telnyx delivers again until acknowledged: the same event is one text.
    let again = app
        .post_telnyx("/webhooks/telnyx/messaging", "application/json", &event)
        .await;
    assert_eq!(again.status(), 200);
    wait_for("a reply through Telnyx", || async {
        !app.telnyx_texts().await.is_empty()
    })
    .await;
    app.quiet().await;
    let sent = app.telnyx_texts().await;
    assert_eq!(sent.len(), 1, "one reply: {sent:?}");
    assert_eq!(sent[0]["from"], TELNYX_NUMBER);
    assert_eq!(sent[0]["to"], CALLER);
    assert!(
        sent[0]["text"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("drain"),
        "{sent:?}"
    );
    assert_eq!(
        sent[0]["webhook_url"],
        format!("{PUBLIC_URL}/webhooks/telnyx/messaging?m=2"),
        "delivery reports come back to the signed messaging URL naming the message"
    );
    assert!(
        app.sent_texts().await.is_empty(),
        "nothing went through Twilio"
    );
    assert_eq!(app.count("messages WHERE direction = 'inbound'").await, 1);
    app.stop().await;
}

async fn forged_expired_and_reserialised_events_are_refused(backend: Backend) {
    let app = telnyx_app(backend, "").await;
    let body = received("ev-forged", CALLER, TELNYX_NUMBER, "hello");
    let now = chrono::Utc::now().timestamp();
    let post = |ts: String, sig: Option<String>, body: Vec<u8>| {
        let mut req = app
            .http
            .post(format!("{}/webhooks/telnyx/messaging", app.base))
            .header("content-type", "application/json")
            .header("telnyx-timestamp", ts)
            .body(body);
        if let Some(sig) = sig {
            req = req.header("telnyx-signature-ed25519", sig);
        }
        req.send()
    };
    let sign = |ts: &str, b: &[u8]| frontdesk::telephony::telnyx::sign(&TELNYX_SECRET, ts, b);
    // No signature.
    let r = post(now.to_string(), None, body.clone()).await.unwrap();
    assert_eq!(r.status(), 403);
    // Signed with another key.
    let other = frontdesk::telephony::telnyx::sign(&[1; 32], &now.to_string(), &body);
    let r = post(now.to_string(), Some(other), body.clone())
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // Signed ten minutes ago: a replay.
    let old = (now - 600).to_string();
    let r = post(old.clone(), Some(sign(&old, &body)), body.clone())
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("300 seconds"));
    // The same JSON, re-serialised (other bytes) under the original signature.
    let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let pretty = serde_json::to_vec_pretty(&value).unwrap();
    let r = post(now.to_string(), Some(sign(&now.to_string(), &body)), pretty)
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // A TeXML callback with a forged signature stores no call either.
    let form = voice_form(&[
        ("CallSid", "v3:forged"),
        ("From", CALLER),
        ("To", TELNYX_NUMBER),
    ]);
    let r = app
        .http
        .post(format!("{}/webhooks/telnyx/voice", app.base))
        .header("content-type", FORM)
        .header("telnyx-timestamp", now.to_string())
        .header("telnyx-signature-ed25519", sign(&now.to_string(), b"other"))
        .body(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(app.count("messages").await, 0, "nothing stored");
    assert_eq!(app.count("calls").await, 0, "nothing stored");
    assert_eq!(app.count("contacts").await, 0, "nothing stored");
    app.stop().await;
}

async fn missed_calls_text_back_through_telnyx_in_both_modes(backend: Backend) {
    // Forward mode: the carrier forwards the unanswered call to the TeXML application.
    let app = telnyx_app(backend, "").await;
    let resp = app
        .post_telnyx(
            "/webhooks/telnyx/voice",
            FORM,
            &voice_form(&[
                ("CallSid", "v3:call-1"),
                ("AccountSid", "acct"),
                ("From", CALLER),
                ("To", TELNYX_NUMBER),
                ("CallStatus", "ringing"),
                ("Direction", "inbound"),
            ]),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let texml = resp.text().await.unwrap();
    assert!(
        texml.contains("<Say>") && texml.contains("<Hangup/>"),
        "{texml}"
    );
    app.settle().await;
    let sent = app.telnyx_texts().await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(
        (sent[0]["from"].as_str(), sent[0]["to"].as_str()),
        (Some(TELNYX_NUMBER), Some(CALLER))
    );
    app.stop().await;

    // Ring-through: ring the owner first; nobody answers; the Dial action texts back.
    let app = telnyx_app(backend, "\"+15550100999\"").await;
    let resp = app
        .post_telnyx(
            "/webhooks/telnyx/voice",
            FORM,
            &voice_form(&[
                ("CallSid", "v3:call-2"),
                ("From", CALLER),
                ("To", TELNYX_NUMBER),
            ]),
        )
        .await;
    let texml = resp.text().await.unwrap();
    assert!(
        texml.contains("<Dial") && texml.contains("/webhooks/telnyx/voice/dial-status"),
        "the Dial action comes back to the Telnyx callback: {texml}"
    );
    assert!(app.telnyx_texts().await.is_empty(), "ringing: no text yet");
    let resp = app
        .post_telnyx(
            "/webhooks/telnyx/voice/dial-status",
            FORM,
            &voice_form(&[
                ("CallSid", "v3:call-2"),
                ("From", CALLER),
                ("To", TELNYX_NUMBER),
                ("DialCallStatus", "no-answer"),
            ]),
        )
        .await;
    assert_eq!(resp.status(), 200);
    app.settle().await;
    assert_eq!(app.telnyx_texts().await.len(), 1);
    assert_eq!(
        app.call_decision("v3:call-2").await.0.as_deref(),
        Some("queued")
    );
    app.stop().await;
}

async fn stop_blocked_at_telnyx_opts_the_caller_out(backend: Backend) {
    let clock = FixedClock::new(open_hours_instant());
    let app = telnyx_app_manual(backend, &clock).await;
    Mock::given(method("POST"))
        .and(path(TELNYX_MESSAGES_PATH))
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({"errors": [{
            "code": "40300",
            "title": "Blocked due to STOP message",
            "detail": "Messages cannot be sent from this number to that one due to an existing block rule."
        }]})))
        .mount(&app.twilio)
        .await;
    telnyx_missed_call(&app, "v3:stop").await;
    let worker = OutboxWorker::new(app.state.clone());
    assert_eq!(
        worker.try_execute_batch(10).await.unwrap(),
        vec![Sent::Failed]
    );
    assert!(
        app.contact(CALLER).await.opted_out_at.is_some(),
        "marked opted out"
    );
    // Never retried.
    clock.advance(chrono::Duration::minutes(10));
    assert_eq!(worker.try_execute_batch(10).await.unwrap(), vec![]);
    assert_eq!(app.telnyx_texts().await.len(), 1);
    app.stop().await;
}

async fn a_server_error_is_retried_and_sent_once(backend: Backend) {
    let app = telnyx_app_unmounted(backend).await;
    Mock::given(method("POST"))
        .and(path(TELNYX_MESSAGES_PATH))
        .respond_with(ResponseTemplate::new(500).set_body_json(
            serde_json::json!({"errors": [{"code": "10001", "title": "Inactive phone number"}]}),
        ))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&app.twilio)
        .await;
    mount_telnyx_ok(&app).await;
    telnyx_missed_call(&app, "v3:retry").await;
    app.settle().await;
    assert_eq!(
        app.telnyx_texts().await.len(),
        2,
        "one failed attempt, one success"
    );
    let sent: (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM messages WHERE direction = 'outbound' AND status = 'queued'",
    )
    .fetch_one(app.state.store.pool())
    .await
    .unwrap();
    assert_eq!(sent.0, 1, "the caller got one text");
    app.stop().await;
}

async fn an_unknown_outcome_is_looked_up_not_resent(backend: Backend) {
    let app = telnyx_app_unmounted(backend).await;
    // Telnyx takes the text but answers after our 2 s timeout.
    Mock::given(method("POST"))
        .and(path(TELNYX_MESSAGES_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(
                    serde_json::json!({"data": {"id": "40slow", "to": [{"status": "queued"}]}}),
                )
                .set_delay(Duration::from_secs(3)),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&app.twilio)
        .await;
    mount_telnyx_ok(&app).await;
    // Its message detail records show the text went out.
    Mock::given(method("GET"))
        .and(path("/v2/detail_records"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"data": [{
            "record_type": "message_detail_record",
            "id": "40slow",
            "cld": CALLER,
            "cli": TELNYX_NUMBER,
            "direction": "outbound",
            "status": "delivered",
            "created_at": chrono::Utc::now().to_rfc3339(),
        }], "meta": {"page_number": 1, "page_size": 20, "total_pages": 1, "total_results": 1}})),
        )
        .mount(&app.twilio)
        .await;
    telnyx_missed_call(&app, "v3:slow").await;
    app.settle().await;
    assert_eq!(
        app.telnyx_texts().await.len(),
        1,
        "found at Telnyx, not sent again"
    );
    let row: (Option<String>, String) =
        sqlx::query_as("SELECT provider_sid, status FROM messages WHERE direction = 'outbound'")
            .fetch_one(app.state.store.pool())
            .await
            .unwrap();
    assert_eq!(row, (Some("40slow".to_string()), "delivered".to_string()));
    app.stop().await;
}

async fn delivery_events_move_the_status_and_mark_the_number(backend: Backend) {
    let app = telnyx_app(backend, "").await;
    telnyx_missed_call(&app, "v3:dlr").await;
    app.settle().await;
    let (id, sid): (i64, String) =
        sqlx::query_as("SELECT id, provider_sid FROM messages WHERE direction = 'outbound'")
            .fetch_one(app.state.store.pool())
            .await
            .unwrap();
    let event = |event_type: &str, status: &str, errors: serde_json::Value| {
        serde_json::to_vec(&serde_json::json!({"data": {
            "event_type": event_type,
            "id": uuid::Uuid::new_v4().to_string(),
            "payload": {
                "id": sid,
                "direction": "outbound",
                "from": {"phone_number": TELNYX_NUMBER},
                "to": [{"phone_number": CALLER, "status": status}],
                "errors": errors,
            }
        }}))
        .unwrap()
    };
    let path = format!("/webhooks/telnyx/messaging?m={id}");
    let r = app
        .post_telnyx(
            &path,
            "application/json",
            &event("message.sent", "sent", serde_json::json!([])),
        )
        .await;
    assert_eq!(r.status(), 200);
    let status: (String,) = sqlx::query_as("SELECT status FROM messages WHERE id = $1")
        .bind(id)
        .fetch_one(app.state.store.pool())
        .await
        .unwrap();
    assert_eq!(status.0, "sent");
    // The carrier says the number is a landline: undelivered, and no more texts to it.
    let r = app
        .post_telnyx(
            &path,
            "application/json",
            &event(
                "message.finalized",
                "delivery_failed",
                serde_json::json!([{"code": "40001", "title": "Not routable"}]),
            ),
        )
        .await;
    assert_eq!(r.status(), 200);
    let row: (String, Option<String>) =
        sqlx::query_as("SELECT status, error_code FROM messages WHERE id = $1")
            .bind(id)
            .fetch_one(app.state.store.pool())
            .await
            .unwrap();
    assert_eq!(row, ("undelivered".to_string(), Some("40001".to_string())));
    assert!(app.contact(CALLER).await.not_textable_at.is_some());
    // An event for a text we never sent is a clear 404, and changes nothing.
    let stray = serde_json::to_vec(&serde_json::json!({"data": {
        "event_type": "message.finalized", "id": "ev-stray",
        "payload": {"id": "not-ours", "to": [{"phone_number": CALLER, "status": "delivered"}]}
    }}))
    .unwrap();
    let r = app
        .post_telnyx("/webhooks/telnyx/messaging", "application/json", &stray)
        .await;
    assert_eq!(r.status(), 404);
    // Malformed JSON: 400, nothing stored.
    let r = app
        .post_telnyx(
            "/webhooks/telnyx/messaging",
            "application/json",
            b"{\"data\": 5",
        )
        .await;
    assert_eq!(r.status(), 400);
    app.stop().await;
}

async fn one_server_routes_twilio_and_telnyx_businesses(backend: Backend) {
    // The default app serves Dave's Plumbing on Twilio; a second business is on Telnyx.
    let app = spawn_app(backend).await;
    mount_telnyx_ok(&app).await;
    let profile = frontdesk::domain::BusinessProfile::from_toml(
        &telnyx_profile(TELNYX_NUMBER, "").replace("Dave's Plumbing", "Tess's Plumbing"),
    )
    .unwrap();
    frontdesk::store::businesses::import(&app.state.store, &profile, 0)
        .await
        .unwrap();
    app.missed_call("CA-twilio", CALLER).await;
    let event = received(
        "ev-mixed",
        "+15550100777",
        TELNYX_NUMBER,
        "hi do u do water heaters",
    );
    assert_eq!(
        app.post_telnyx("/webhooks/telnyx/messaging", "application/json", &event)
            .await
            .status(),
        200
    );
    wait_for("both texts", || async {
        !app.telnyx_texts().await.is_empty() && !app.sent_texts().await.is_empty()
    })
    .await;
    app.quiet().await;
    let twilio = app.sent_texts().await;
    let telnyx = app.telnyx_texts().await;
    assert_eq!(twilio.len(), 1);
    assert_eq!(twilio[0]["From"], BUSINESS_NUMBER);
    assert_eq!(twilio[0]["To"], CALLER);
    assert!(twilio[0]["Body"].contains("Dave's Plumbing"));
    assert_eq!(telnyx.len(), 1);
    assert_eq!(telnyx[0]["from"], TELNYX_NUMBER);
    assert_eq!(telnyx[0]["to"], "+15550100777");
    app.stop().await;
}

both_backends!(
    inbound_text_is_answered_through_telnyx_once,
    forged_expired_and_reserialised_events_are_refused,
    missed_calls_text_back_through_telnyx_in_both_modes,
    stop_blocked_at_telnyx_opts_the_caller_out,
    a_server_error_is_retried_and_sent_once,
    an_unknown_outcome_is_looked_up_not_resent,
    a_send_cut_off_by_a_crash_is_reconciled_not_repeated,
    delivery_events_move_the_status_and_mark_the_number,
    one_server_routes_twilio_and_telnyx_businesses,
);

/// The worker died (kill -9) after claiming a text and sending it, before recording it: once
/// the lease runs out, the next worker finds the text in Telnyx's records and does not send
/// it again.
async fn a_send_cut_off_by_a_crash_is_reconciled_not_repeated(backend: Backend) {
    use frontdesk::clock::Clock;
    let clock = FixedClock::new(open_hours_instant());
    let app = telnyx_app_manual(backend, &clock).await;
    mount_telnyx_ok(&app).await;
    telnyx_missed_call(&app, "v3:crash").await;
    // The crashed worker's claim (its send reached Telnyx; its answer was never recorded).
    claim_and_crash(&app).await;
    Mock::given(method("GET"))
        .and(path("/v2/detail_records"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"data": [{
                "record_type": "message_detail_record", "id": "40crashed", "cld": CALLER,
                "cli": TELNYX_NUMBER, "direction": "outbound", "status": "delivered",
                "created_at": clock.now().to_rfc3339(),
            }]})),
        )
        .mount(&app.twilio)
        .await;
    let worker = OutboxWorker::new(app.state.clone());
    assert!(
        worker.try_execute_batch(10).await.unwrap().is_empty(),
        "the lease still holds"
    );
    clock.advance(chrono::Duration::minutes(1));
    assert_eq!(
        worker.try_execute_batch(10).await.unwrap(),
        vec![Sent::Reconciled]
    );
    assert!(app.telnyx_texts().await.is_empty(), "nothing sent again");
    let row: (Option<String>, String) =
        sqlx::query_as("SELECT provider_sid, status FROM messages WHERE direction = 'outbound'")
            .fetch_one(app.state.store.pool())
            .await
            .unwrap();
    assert_eq!(
        row,
        (Some("40crashed".to_string()), "delivered".to_string())
    );
    app.stop().await;
}
