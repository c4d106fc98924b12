//! One tenant's hostile calendar feed must not hold up another tenant: while a nesting bomb or an
//! override bomb is fetched and read (on SQLite with its single connection too), signed inbound
//! texts for another business are answered 200 promptly, and the bad feed ends bounded, with what
//! happened in its health.

use crate::both_backends;
use crate::helpers::{form, open_hours_instant, spawn_app_with, Backend, Options, EXAMPLE};
use chrono::{DateTime, Duration, Utc};
use frontdesk::clock::FixedClock;
use frontdesk::telephony::twilio::signature;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

both_backends!(other_tenants_webhooks_answer_while_a_hostile_feed_is_read);

/// Each webhook for the other business must be answered within this.
const PROMPT: std::time::Duration = std::time::Duration::from_secs(2);
const OTHER_NUMBER: &str = "+15550100300";

/// 250,000 nested blocks (once a stack overflow that aborted the process), then a real event.
fn nesting_bomb() -> String {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
    out.push_str(&"BEGIN:X-NEST\r\n".repeat(250_000));
    out.push_str(&"END:X-NEST\r\n".repeat(250_000));
    out.push_str("BEGIN:VEVENT\r\nUID:after\r\nDTSTART:20261203T150000Z\r\nDTEND:20261203T160000Z\r\nEND:VEVENT\r\n");
    out.push_str("END:VCALENDAR\r\n");
    out
}

/// One daily event moved on each of 40,000 days, every move its own override of one UID (once
/// quadratic: minutes of one core and gigabytes for a few MB of feed).
fn override_bomb() -> String {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
    out.push_str("BEGIN:VEVENT\r\nUID:bomb\r\nDTSTART:19200101T150000Z\r\nDTEND:19200101T160000Z\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n");
    let day0: DateTime<Utc> = "1920-01-01T15:00:00Z".parse().unwrap();
    let fmt = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    for d in 0..40_000 {
        let orig = day0 + Duration::days(d);
        let moved = orig + Duration::hours(2);
        out.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:bomb\r\nRECURRENCE-ID:{}\r\nDTSTART:{}\r\nDTEND:{}\r\nEND:VEVENT\r\n",
            fmt(orig),
            fmt(moved),
            fmt(moved + Duration::hours(1))
        ));
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

async fn other_tenants_webhooks_answer_while_a_hostile_feed_is_read(backend: Backend) {
    for (kind, body) in [("nesting", nesting_bomb()), ("overrides", override_bomb())] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/feed.ics"))
            .respond_with(ResponseTemplate::new(200).set_body_string(body.clone()))
            .mount(&server)
            .await;
        let profile = EXAMPLE.replace(
            "calendar_feeds = []",
            &format!("calendar_feeds = [\"{}/feed.ics\"]", server.uri()),
        );
        let app = spawn_app_with(
            backend,
            Options {
                clock: Some(FixedClock::new(open_hours_instant())),
                profile,
                // Production's limit: the bomb is read whole.
                feed_max_bytes: Some(10_000_000),
                ..Default::default()
            },
        )
        .await;
        // Another business on the same server, with no feed of its own.
        let other = EXAMPLE
            .replace("Dave's Plumbing", "Rival Rooter")
            .replace("+15550100200", OTHER_NUMBER);
        let other = frontdesk::domain::BusinessProfile::from_toml(&other).unwrap();
        frontdesk::store::businesses::import(&app.state.store, &other, 0)
            .await
            .unwrap();

        // The refresh round, as the worker runs it: fetch and read every feed.
        let state = app.state.clone();
        let refresh = tokio::spawn(async move {
            let started = std::time::Instant::now();
            let failures = frontdesk::calendar::feeds::refresh_all(&state.engine.calendar).await;
            (failures, started.elapsed())
        });
        let mut answered = 0;
        while !refresh.is_finished() {
            let sid = format!("SM{kind}{answered:028}");
            let params = form(&[
                ("MessageSid", &sid),
                ("From", &format!("+1555020{answered:04}")),
                ("To", OTHER_NUMBER),
                ("Body", "Can someone look at a leaking tap this week?"),
            ]);
            let sig = signature(
                crate::helpers::AUTH_TOKEN,
                &format!("{}/webhooks/twilio/sms", crate::helpers::PUBLIC_URL),
                &params,
            );
            let sent = std::time::Instant::now();
            let res = app
                .http
                .post(format!("{}/webhooks/twilio/sms", app.base))
                .header("X-Twilio-Signature", sig)
                .form(&params)
                .send()
                .await
                .expect("request");
            let took = sent.elapsed();
            assert_eq!(res.status(), 200, "{kind}: webhook {answered}");
            assert!(took < PROMPT, "{kind}: webhook {answered} took {took:?}");
            answered += 1;
        }
        let (failures, took) = refresh.await.unwrap();
        assert_eq!(failures.expect("the round itself runs"), 0, "{kind}");
        // Reading is bounded by its time budget (3 s) plus the fetch; debug builds are slow.
        assert!(
            took < std::time::Duration::from_secs(20),
            "{kind}: {took:?}"
        );
        // Webhooks were answered while the feed was read, not after it: a refresh that held the
        // only SQLite connection while reading would let one through at most.
        assert!(
            answered >= 5,
            "{kind}: only {answered} webhooks answered while the feed was read ({took:?})"
        );

        // The feed loaded, and its health says what was left out.
        let meta = {
            let mut conn = app.state.store.pool().acquire().await.unwrap();
            frontdesk::store::feeds::list(&mut conn, app.business_id)
                .await
                .unwrap()
                .remove(0)
        };
        assert!(meta.has_body, "{kind}: {:?}", meta.last_error);
        assert_eq!(meta.last_error, None, "{kind}");
        let warnings = meta.warnings.unwrap_or_default();
        match kind {
            "nesting" => assert!(warnings.contains("nested too deeply"), "{warnings}"),
            _ => assert!(
                warnings.contains("took too long") || meta.events == Some(40_001),
                "{kind}: {warnings} ({:?} events)",
                meta.events
            ),
        }
        eprintln!(
            "{kind}: read in {took:?}; {answered} webhooks answered meanwhile; health: {warnings}"
        );
        app.stop().await;
    }
}
