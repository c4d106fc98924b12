//! Landlines: with `[textback] lookup = true` a missed caller's line is asked of Twilio Lookup
//! (once per contact); a landline gets no text-back but a call-back task and one staff alert. A
//! text-back the carrier refuses (30006 in a delivery report, 21614 from the API) opens the same
//! task. Lookup failing or slow, or turned off, leaves the text-back as it was.

use crate::both_backends;
use crate::dashboard::{dashboard_app_with, signed_in, STAFF_EMAIL};
use crate::helpers::*;
use frontdesk::clock::FixedClock;
use reqwest::StatusCode;
use std::time::Duration;
use wiremock::matchers::{basic_auth, body_string_contains, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

/// The example profile's notify number.
const NOTIFY: &str = "+15550100999";
const LOOKUP_PREFIX: &str = "/v2/PhoneNumbers/";

fn lookup_profile() -> String {
    EXAMPLE.replace(
        "cooldown_minutes = 60",
        "cooldown_minutes = 60\nlookup = true",
    )
}

async fn lookup_app(backend: Backend) -> TestApp {
    spawn_app_with(
        backend,
        Options {
            clock: Some(FixedClock::new(open_hours_instant())),
            profile: lookup_profile(),
            ..Default::default()
        },
    )
    .await
}

/// Twilio Lookup v2's answer for a number, as its documentation shows it.
fn lookup_answer(number: &str, kind: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({
        "calling_country_code": "1",
        "country_code": "US",
        "phone_number": number,
        "national_format": "(555) 010-0123",
        "valid": true,
        "validation_errors": [],
        "caller_name": null,
        "sim_swap": null,
        "call_forwarding": null,
        "line_status": null,
        "line_type_intelligence": {
            "carrier_name": "Test Telephone Co",
            "error_code": null,
            "mobile_country_code": null,
            "mobile_network_code": null,
            "type": kind
        },
        "url": format!("https://lookups.twilio.com/v2/PhoneNumbers/{number}")
    }))
}

async fn mount_lookup(app: &TestApp, number: &str, response: ResponseTemplate) {
    Mock::given(method("GET"))
        .and(path(format!("{LOOKUP_PREFIX}{number}")))
        .and(query_param("Fields", "line_type_intelligence"))
        .and(basic_auth(ACCOUNT_SID, AUTH_TOKEN))
        .respond_with(response)
        .mount(&app.twilio)
        .await;
}

/// Lookup requests the fake Twilio received.
async fn lookups(app: &TestApp) -> usize {
    app.twilio
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.url.path().starts_with(LOOKUP_PREFIX))
        .count()
}

async fn line_type(app: &TestApp, phone: &str) -> Option<String> {
    let (t,): (Option<String>,) =
        sqlx::query_as("SELECT line_type FROM contacts WHERE business_id = $1 AND phone = $2")
            .bind(app.business_id)
            .bind(phone)
            .fetch_one(app.state.store.pool())
            .await
            .unwrap();
    t
}

async fn open_call_backs(app: &TestApp) -> Vec<frontdesk::store::call_backs::OpenCallBack> {
    frontdesk::store::call_backs::open_list(&app.state.store, app.business_id, 50)
        .await
        .unwrap()
}

both_backends!(
    a_landline_caller_gets_a_call_back_not_a_text,
    a_mobile_caller_gets_the_text_back_and_lookup_is_asked_once,
    lookup_failing_or_slow_falls_back_to_the_text_back,
    without_lookup_on_no_lookup_is_made,
    a_refused_text_back_opens_a_call_back,
    an_unreachable_handset_gets_a_call_back_and_stays_textable,
    the_call_back_list_shows_and_is_marked_done,
);

async fn a_landline_caller_gets_a_call_back_not_a_text(backend: Backend) {
    let app = lookup_app(backend).await;
    mount_lookup(&app, CALLER, lookup_answer(CALLER, "landline")).await;

    let res = app.missed_call("CA1", CALLER).await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("call you back"));
    app.settle().await;
    assert!(
        app.texts_to(CALLER).await.is_empty(),
        "no text to a landline"
    );
    let alerts = app.texts_to(NOTIFY).await;
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    assert!(
        alerts[0].contains(CALLER) && alerts[0].contains("landline"),
        "{}",
        alerts[0]
    );
    assert_eq!(
        app.call_decision("CA1").await,
        (Some("skipped".into()), Some("landline".into()))
    );
    assert_eq!(line_type(&app, CALLER).await.as_deref(), Some("landline"));
    assert_eq!(lookups(&app).await, 1);

    // The same call reported again (status callback after the dial action): nothing more.
    app.missed_call("CA1", CALLER).await;
    app.settle().await;
    assert_eq!(lookups(&app).await, 1);
    assert_eq!(app.count("call_backs").await, 1);
    assert_eq!(app.texts_to(NOTIFY).await.len(), 1);

    // Calls again ten minutes later: the line type is known (no look-up), a second call on the
    // list, no second alert within the cool-down.
    app.advance(chrono::Duration::minutes(10));
    app.missed_call("CA2", CALLER).await;
    app.settle().await;
    assert_eq!(lookups(&app).await, 1);
    assert_eq!(app.texts_to(NOTIFY).await.len(), 1);
    let open = open_call_backs(&app).await;
    assert_eq!(open.len(), 1);
    assert_eq!((open[0].phone.as_str(), open[0].calls), (CALLER, 2));
    assert_eq!(open[0].reason, "landline");

    // Two hours on: the cool-down is over, staff hear of it again.
    app.advance(chrono::Duration::hours(2));
    app.missed_call("CA3", CALLER).await;
    app.settle().await;
    assert_eq!(lookups(&app).await, 1);
    assert_eq!(app.texts_to(NOTIFY).await.len(), 2);
    assert!(app.texts_to(CALLER).await.is_empty());

    let f = frontdesk::store::dashboard::funnel(
        &app.state.store,
        app.business_id,
        0,
        i64::MAX,
        chrono_tz::America::New_York,
    )
    .await
    .unwrap();
    assert_eq!((f.call_backs.opened, f.call_backs.landline), (3, 3));
    app.stop().await;
}

async fn a_mobile_caller_gets_the_text_back_and_lookup_is_asked_once(backend: Backend) {
    let app = lookup_app(backend).await;
    mount_lookup(&app, CALLER, lookup_answer(CALLER, "mobile")).await;

    let res = app.missed_call("CA1", CALLER).await;
    assert!(res.text().await.unwrap().contains("sending you a text"));
    app.settle().await;
    assert_eq!(app.texts_to(CALLER).await.len(), 1);
    assert_eq!(app.call_decision("CA1").await.0.as_deref(), Some("queued"));
    assert_eq!(line_type(&app, CALLER).await.as_deref(), Some("mobile"));
    assert_eq!(lookups(&app).await, 1);
    assert_eq!(app.count("call_backs").await, 0);
    assert!(app.texts_to(NOTIFY).await.is_empty());

    // Past the cool-down: a second text-back, from what is known of the line (no look-up).
    app.advance(chrono::Duration::hours(2));
    app.missed_call("CA2", CALLER).await;
    app.settle().await;
    assert_eq!(app.texts_to(CALLER).await.len(), 2);
    assert_eq!(lookups(&app).await, 1, "the line type is kept per contact");
    app.stop().await;
}

async fn lookup_failing_or_slow_falls_back_to_the_text_back(backend: Backend) {
    let app = lookup_app(backend).await;
    let slow = "+15550100131";
    let refused = "+15550100132";
    mount_lookup(
        &app,
        CALLER,
        ResponseTemplate::new(500).set_body_string("oops"),
    )
    .await;
    // A landline, but the answer comes after the timeout (500 ms in tests).
    mount_lookup(
        &app,
        slow,
        lookup_answer(slow, "landline").set_delay(Duration::from_secs(3)),
    )
    .await;
    // Lookup has no line type for the number (its error in the package).
    mount_lookup(
        &app,
        refused,
        ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "phone_number": refused,
            "valid": true,
            "line_type_intelligence": {"type": null, "error_code": 60601, "carrier_name": null}
        })),
    )
    .await;

    app.missed_call("CA1", CALLER).await;
    let started = std::time::Instant::now();
    app.missed_call("CA2", slow).await;
    assert!(
        started.elapsed() < Duration::from_millis(2500),
        "the caller waited {:?} on Lookup",
        started.elapsed()
    );
    app.missed_call("CA3", refused).await;
    app.settle().await;
    for (sid, phone) in [("CA1", CALLER), ("CA2", slow), ("CA3", refused)] {
        assert_eq!(app.texts_to(phone).await.len(), 1, "{phone}");
        assert_eq!(app.call_decision(sid).await.0.as_deref(), Some("queued"));
        assert_eq!(line_type(&app, phone).await, None, "a failure is not kept");
    }
    assert_eq!(lookups(&app).await, 3);
    assert_eq!(app.count("call_backs").await, 0);
    app.stop().await;
}

async fn without_lookup_on_no_lookup_is_made(backend: Backend) {
    let app = spawn_app_at(backend, open_hours_instant()).await;
    mount_lookup(&app, CALLER, lookup_answer(CALLER, "landline")).await;
    app.missed_call("CA1", CALLER).await;
    app.settle().await;
    assert_eq!(app.texts_to(CALLER).await.len(), 1);
    assert_eq!(lookups(&app).await, 0);
    assert_eq!(app.count("call_backs").await, 0);
    app.stop().await;
}

async fn a_refused_text_back_opens_a_call_back(backend: Backend) {
    // Lookup off (the default): the carrier's refusal is how we learn of a landline.
    let app = spawn_app_at(backend, open_hours_instant()).await;
    let other = "+15550100133";
    // The Messages API refuses a text to `other` at once: not a mobile number.
    Mock::given(method("POST"))
        .and(path(MESSAGES_PATH))
        .and(body_string_contains("To=%2B15550100133"))
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "code": 21614,
            "message": "'To' number is not a valid mobile number",
            "more_info": "https://www.twilio.com/docs/errors/21614",
            "status": 400
        })))
        .with_priority(1)
        .mount(&app.twilio)
        .await;

    // Accepted, then reported undelivered: 30006, landline or unreachable carrier.
    app.missed_call("CA1", CALLER).await;
    let sent = app.settle().await;
    assert_eq!(sent.len(), 1);
    let status_path = sent[0]["StatusCallback"]
        .strip_prefix(PUBLIC_URL)
        .unwrap()
        .to_string();
    let report = [
        ("MessageSid", sent_sid(&app).await),
        ("MessageStatus", "undelivered".to_string()),
        ("ErrorCode", "30006".to_string()),
        ("AccountSid", ACCOUNT_SID.to_string()),
    ];
    let report: Vec<(&str, &str)> = report.iter().map(|(k, v)| (*k, v.as_str())).collect();
    for _ in 0..2 {
        // Twice (a repeated report): one task, one alert.
        let res = app.post_twilio(&status_path, &report).await;
        assert_eq!(res.status(), 200);
    }
    app.settle().await;
    let alerts = app.texts_to(NOTIFY).await;
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    assert!(
        alerts[0].contains(CALLER) && alerts[0].contains("30006"),
        "{}",
        alerts[0]
    );
    let open = open_call_backs(&app).await;
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].reason, "send_failed");
    assert_eq!(open[0].error_code.as_deref(), Some("30006"));

    // The next call from them (past the cool-down): no text at all, a call-back again.
    app.advance(chrono::Duration::hours(2));
    let res = app.missed_call("CA2", CALLER).await;
    assert!(res.text().await.unwrap().contains("call you back"));
    app.settle().await;
    assert_eq!(
        app.texts_to(CALLER).await.len(),
        1,
        "only the first attempt"
    );
    assert_eq!(
        app.call_decision("CA2").await,
        (Some("skipped".into()), Some("not_textable".into()))
    );
    assert_eq!(app.texts_to(NOTIFY).await.len(), 2);
    assert_eq!(open_call_backs(&app).await[0].calls, 2);

    // Refused by the API at once (21614): the outbox opens the task.
    app.missed_call("CA3", other).await;
    app.settle().await;
    assert!(app.contact(other).await.not_textable_at.is_some());
    let open = open_call_backs(&app).await;
    let theirs = open.iter().find(|c| c.phone == other).expect("task");
    assert_eq!(
        (theirs.reason.as_str(), theirs.error_code.as_deref()),
        ("send_failed", Some("21614"))
    );
    let alerts = app.texts_to(NOTIFY).await;
    assert_eq!(alerts.len(), 3);
    assert!(alerts[2].contains(other) && alerts[2].contains("21614"));
    app.stop().await;
}

async fn an_unreachable_handset_gets_a_call_back_and_stays_textable(backend: Backend) {
    let app = spawn_app_at(backend, open_hours_instant()).await;
    app.missed_call("CA1", CALLER).await;
    let sent = app.settle().await;
    let status_path = sent[0]["StatusCallback"]
        .strip_prefix(PUBLIC_URL)
        .unwrap()
        .to_string();
    let sid = sent_sid(&app).await;
    let report = [
        ("MessageSid", sid.as_str()),
        ("MessageStatus", "undelivered"),
        ("ErrorCode", "30003"),
    ];
    assert_eq!(app.post_twilio(&status_path, &report).await.status(), 200);
    app.settle().await;
    // This call gets a person; the number is not written off (a phone switched off).
    let open = open_call_backs(&app).await;
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].error_code.as_deref(), Some("30003"));
    assert_eq!(app.texts_to(NOTIFY).await.len(), 1);
    assert!(app.contact(CALLER).await.not_textable_at.is_none());
    app.advance(chrono::Duration::hours(2));
    app.missed_call("CA2", CALLER).await;
    app.settle().await;
    assert_eq!(app.texts_to(CALLER).await.len(), 2, "texted again");
    app.stop().await;
}

/// The provider's id of the first text sent.
async fn sent_sid(app: &TestApp) -> String {
    let (sid,): (String,) =
        sqlx::query_as("SELECT provider_sid FROM messages WHERE kind = 'textback'")
            .fetch_one(app.state.store.pool())
            .await
            .unwrap();
    sid
}

async fn the_call_back_list_shows_and_is_marked_done(backend: Backend) {
    let app = dashboard_app_with(
        backend,
        Options {
            profile: lookup_profile(),
            ..Default::default()
        },
    )
    .await;
    mount_lookup(&app, CALLER, lookup_answer(CALLER, "landline")).await;
    app.missed_call("CA1", CALLER).await;
    app.settle().await;
    let bid = app.business_id;
    let kid = app.contact(CALLER).await.id;
    let list = format!("/app/{bid}/inbox?filter=call_back");
    let done = format!("/app/{bid}/call-backs/{kid}/done");

    let web = signed_in(&app, STAFF_EMAIL).await;
    let page = web.get(&format!("/app/{bid}/inbox")).await;
    assert!(page.body.contains("filter=call_back"), "{}", page.body);
    let page = web.get(&list).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&format!("href=\"tel:{CALLER}\"")),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("Called Wed Dec 2, 10:00 AM"),
        "{}",
        page.body
    );
    assert!(page.body.contains(&done), "{}", page.body);
    // The live refresh renders the same list.
    let rows = web
        .get(&format!("/app/{bid}/inbox/rows?filter=call_back"))
        .await;
    assert!(rows.body.contains(&format!("tel:{CALLER}")));
    let csrf = page.csrf();

    // Without the form's token: refused, still open.
    for token in [None, Some("forged-token")] {
        let form: Vec<(&str, &str)> = token.map(|t| ("csrf", t)).into_iter().collect();
        let res = web.post(&done, &form).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{token:?}");
    }
    assert_eq!(open_call_backs(&app).await.len(), 1);

    let res = web.post(&done, &[("csrf", &csrf)]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(open_call_backs(&app).await.is_empty());
    assert_eq!(app.count("call_backs WHERE done_by IS NOT NULL").await, 1);
    let page = web.get(&list).await;
    assert!(
        !page.body.contains(&format!("tel:{CALLER}")),
        "{}",
        page.body
    );
    assert!(page.body.contains("Nobody to call back"));
    // Again: nothing left to mark.
    let res = web.post(&done, &[("csrf", &csrf)]).await;
    assert_eq!(res.status, StatusCode::CONFLICT);

    // The funnel counts it.
    let page = web.get(&format!("/app/{bid}/funnel")).await;
    assert!(
        page.body.contains("id=\"stat-call-backs\">1<")
            && page.body.contains("id=\"stat-call-backs-done\">1<"),
        "{}",
        page.body
    );
    app.stop().await;
}
