//! Landlines on Telnyx: a text-back Telnyx refuses as not textable (an invalid destination in the
//! API's answer, or "not routable", a landline, in a `message.finalized` event) opens the same
//! call-back task and staff alert as Twilio's 21614 and 30006. A local fake Telnyx API answers in
//! Telnyx's wire format; events are signed with the test Ed25519 key.

use crate::both_backends;
use crate::helpers::*;
use crate::telnyx::{mount_telnyx_ok, telnyx_profile, voice_form, FORM, TELNYX_NUMBER};
use frontdesk::clock::FixedClock;
use wiremock::matchers::{body_partial_json, method, path};
use wiremock::{Mock, ResponseTemplate};

/// The example profile's notify number.
const NOTIFY: &str = "+15550100999";

both_backends!(
    a_text_back_the_telnyx_api_refuses_opens_a_call_back,
    a_landline_reported_by_telnyx_opens_a_call_back,
);

async fn app(backend: Backend) -> TestApp {
    spawn_app_with(
        backend,
        Options {
            profile: telnyx_profile(TELNYX_NUMBER, ""),
            clock: Some(FixedClock::new(open_hours_instant())),
            ..Default::default()
        },
    )
    .await
}

/// A call forwarded unanswered to the Telnyx number, as TeXML posts it.
async fn missed_call(app: &TestApp, call_sid: &str, from: &str) -> String {
    let res = app
        .post_telnyx(
            "/webhooks/telnyx/voice",
            FORM,
            &voice_form(&[("CallSid", call_sid), ("From", from), ("To", TELNYX_NUMBER)]),
        )
        .await;
    assert_eq!(res.status(), 200);
    res.text().await.unwrap()
}

/// Bodies of the texts Telnyx was asked to send to a number.
async fn telnyx_texts_to(app: &TestApp, to: &str) -> Vec<String> {
    app.telnyx_texts()
        .await
        .iter()
        .filter(|t| t["to"] == to)
        .map(|t| t["text"].as_str().unwrap_or_default().to_string())
        .collect()
}

async fn open_call_backs(app: &TestApp) -> Vec<frontdesk::store::call_backs::OpenCallBack> {
    frontdesk::store::call_backs::open_list(&app.state.store, app.business_id, 50)
        .await
        .unwrap()
}

async fn a_text_back_the_telnyx_api_refuses_opens_a_call_back(backend: Backend) {
    let app = app(backend).await;
    let other = "+15550100133";
    // Telnyx refuses a text to `other` at once, in its error format.
    Mock::given(method("POST"))
        .and(path(TELNYX_MESSAGES_PATH))
        .and(body_partial_json(serde_json::json!({ "to": other })))
        .respond_with(
            ResponseTemplate::new(400).set_body_json(serde_json::json!({"errors": [{
                "code": "40310",
                "title": "Invalid 'to' address",
                "detail": "The 'to' address should be a single valid number."
            }]})),
        )
        .with_priority(1)
        .mount(&app.twilio)
        .await;
    mount_telnyx_ok(&app).await;

    missed_call(&app, "v3:refused", other).await;
    app.settle().await;
    assert!(app.contact(other).await.not_textable_at.is_some());
    let open = open_call_backs(&app).await;
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].phone, other);
    assert_eq!(
        (open[0].reason.as_str(), open[0].error_code.as_deref()),
        ("send_failed", Some("40310"))
    );
    // Staff are told, through Telnyx too.
    let alerts = telnyx_texts_to(&app, NOTIFY).await;
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    assert!(
        alerts[0].contains(other) && alerts[0].contains("40310"),
        "{}",
        alerts[0]
    );
    app.stop().await;
}

async fn a_landline_reported_by_telnyx_opens_a_call_back(backend: Backend) {
    let app = app(backend).await;
    mount_telnyx_ok(&app).await;
    missed_call(&app, "v3:landline-1", CALLER).await;
    app.settle().await;
    assert_eq!(telnyx_texts_to(&app, CALLER).await.len(), 1);
    let (id, sid): (i64, String) =
        sqlx::query_as("SELECT id, provider_sid FROM messages WHERE kind = 'textback'")
            .fetch_one(app.state.store.pool())
            .await
            .unwrap();
    // Accepted, then finalized as not routable (40001: a landline), reported twice.
    let event = serde_json::to_vec(&serde_json::json!({"data": {
        "event_type": "message.finalized",
        "id": "ev-landline",
        "payload": {
            "id": sid,
            "direction": "outbound",
            "from": {"phone_number": TELNYX_NUMBER},
            "to": [{"phone_number": CALLER, "status": "delivery_failed"}],
            "errors": [{"code": "40001", "title": "Not routable",
                        "detail": "Destination is a landline or non-routable number"}],
        }
    }}))
    .unwrap();
    for _ in 0..2 {
        let r = app
            .post_telnyx(
                &format!("/webhooks/telnyx/messaging?m={id}"),
                "application/json",
                &event,
            )
            .await;
        assert_eq!(r.status(), 200);
    }
    app.settle().await;
    let open = open_call_backs(&app).await;
    assert_eq!(open.len(), 1);
    assert_eq!(
        (open[0].reason.as_str(), open[0].error_code.as_deref()),
        ("send_failed", Some("40001"))
    );
    let alerts = telnyx_texts_to(&app, NOTIFY).await;
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    assert!(alerts[0].contains(CALLER) && alerts[0].contains("40001"));

    // Their next missed call (past the cool-down): told we will call back, no text, a task.
    app.advance(chrono::Duration::hours(2));
    let answer = missed_call(&app, "v3:landline-2", CALLER).await;
    assert!(answer.contains("call you back"), "{answer}");
    app.settle().await;
    assert_eq!(
        telnyx_texts_to(&app, CALLER).await.len(),
        1,
        "only the first"
    );
    assert_eq!(
        app.call_decision("v3:landline-2").await,
        (Some("skipped".into()), Some("not_textable".into()))
    );
    assert_eq!(open_call_backs(&app).await[0].calls, 2);
    assert_eq!(telnyx_texts_to(&app, NOTIFY).await.len(), 2);
    app.stop().await;
}
