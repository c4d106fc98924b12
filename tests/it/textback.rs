//! Missed-call text-back through the real webhooks, observed at a fake Twilio.

use crate::both_backends;
use crate::helpers::*;

both_backends!(
    forward_mode_texts_back_once,
    ring_through_dials_and_texts_on_each_missed_status,
    status_callback_is_a_backstop_and_never_doubles,
    duplicate_and_concurrent_webhooks_send_once,
    cooldown_limits_texts_per_caller,
    after_hours_uses_the_after_hours_message,
    opted_out_callers_are_never_texted,
    withheld_and_internal_numbers_are_skipped_with_a_reason,
    block_list_is_honoured,
    a_returning_caller_is_greeted_by_name_and_booking,
);

async fn forward_mode_texts_back_once(backend: Backend) {
    let app = spawn_app_at(backend, open_hours_instant()).await;
    let res = app.missed_call("CA100", CALLER).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/xml"));
    let twiml = res.text().await.unwrap();
    assert!(
        twiml.contains("<Say>") && twiml.contains("<Hangup/>"),
        "{twiml}"
    );
    assert!(twiml.contains("Dave&apos;s Plumbing"), "{twiml}");

    let sent = app.settle().await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    let text = &sent[0];
    assert_eq!(text["To"], CALLER);
    assert_eq!(text["From"], BUSINESS_NUMBER);
    assert_eq!(
        text["Body"],
        "Sorry we missed you - this is Dave's Plumbing. What do you need help with?"
    );
    assert!(
        text["StatusCallback"].starts_with("http://frontdesk.test/webhooks/twilio/sms/status?m=")
    );

    // Recorded with its author, kind and the provider's SID.
    let (author, kind, sid, status): (String, String, Option<String>, String) = sqlx::query_as(
        "SELECT author, kind, provider_sid, status FROM messages WHERE direction = 'outbound'",
    )
    .fetch_one(app.state.store.pool())
    .await
    .unwrap();
    assert_eq!(
        (author.as_str(), kind.as_str(), status.as_str()),
        ("system", "textback", "queued")
    );
    assert!(sid.unwrap().starts_with("SM"));
    assert_eq!(
        app.call_decision("CA100").await,
        (Some("queued".into()), None)
    );
    let metrics = app.metrics().await;
    assert!(
        metrics.contains("frontdesk_missed_calls_total 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("frontdesk_time_to_text_seconds_count 1"),
        "{metrics}"
    );
    app.stop().await;
}

fn ring_through_profile() -> String {
    EXAMPLE.replace(
        "forward_to = []",
        "forward_to = [\"+15550100300\", \"+15550100301\"]",
    )
}

async fn ring_through_dials_and_texts_on_each_missed_status(backend: Backend) {
    let app = spawn_app_with(
        backend,
        Options {
            profile: ring_through_profile(),
            ..Default::default()
        },
    )
    .await;
    let statuses = ["no-answer", "busy", "failed", "canceled", "completed"];
    for (i, status) in statuses.iter().enumerate() {
        let sid = format!("CA20{i}");
        let caller = format!("+1555010040{i}");
        let res = app.missed_call(&sid, &caller).await;
        let twiml = res.text().await.unwrap();
        assert!(
            twiml.contains(
                r#"<Dial timeout="20" action="/webhooks/twilio/voice/dial-status" method="POST">"#
            ),
            "{twiml}"
        );
        assert!(
            twiml.contains("<Number>+15550100300</Number><Number>+15550100301</Number>"),
            "{twiml}"
        );
        assert_eq!(
            app.call_decision(&sid).await,
            (None, None),
            "ringing is not missed"
        );

        let res = app
            .post_twilio(
                "/webhooks/twilio/voice/dial-status",
                &[
                    ("CallSid", &sid),
                    ("From", &caller),
                    ("To", BUSINESS_NUMBER),
                    ("DialCallStatus", status),
                    ("DialCallDuration", "0"),
                ],
            )
            .await;
        assert_eq!(res.status(), 200);
        let twiml = res.text().await.unwrap();
        assert!(twiml.contains("<Hangup/>"), "{twiml}");
    }
    let sent = app.settle().await;
    let mut to: Vec<&str> = sent.iter().map(|t| t["To"].as_str()).collect();
    to.sort();
    assert_eq!(
        to,
        vec![
            "+15550100400",
            "+15550100401",
            "+15550100402",
            "+15550100403"
        ]
    );
    assert_eq!(
        app.call_decision("CA204").await.0,
        None,
        "an answered call gets no text-back"
    );
    app.stop().await;
}

async fn status_callback_is_a_backstop_and_never_doubles(backend: Backend) {
    let app = spawn_app_with(
        backend,
        Options {
            profile: ring_through_profile(),
            ..Default::default()
        },
    )
    .await;
    // Only a status callback reports the missed call.
    let status = |sid: &'static str, from: &'static str, s: &'static str| {
        [
            ("CallSid", sid),
            ("From", from),
            ("To", BUSINESS_NUMBER),
            ("CallStatus", s),
        ]
    };
    let res = app
        .post_twilio(
            "/webhooks/twilio/voice/status",
            &status("CA300", CALLER, "no-answer"),
        )
        .await;
    assert_eq!(res.status(), 200);
    // Then the dial-status for the same call arrives too: no second text.
    app.post_twilio(
        "/webhooks/twilio/voice/dial-status",
        &[
            ("CallSid", "CA300"),
            ("From", CALLER),
            ("To", BUSINESS_NUMBER),
            ("DialCallStatus", "no-answer"),
        ],
    )
    .await;
    // A completed call is not missed.
    app.post_twilio(
        "/webhooks/twilio/voice/status",
        &status("CA301", "+15550100500", "completed"),
    )
    .await;
    let sent = app.settle().await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0]["To"], CALLER);
    app.stop().await;
}

async fn duplicate_and_concurrent_webhooks_send_once(backend: Backend) {
    let app = spawn_app(backend).await;
    // Twilio retries, possibly in parallel.
    let attempts = (0..8).map(|_| app.missed_call("CA400", CALLER));
    for res in futures::future::join_all(attempts).await {
        assert_eq!(res.status(), 200);
    }
    app.missed_call("CA400", CALLER).await;
    let sent = app.settle().await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(app.count("calls").await, 1);
    assert_eq!(app.count("outbox").await, 1);
    app.stop().await;
}

async fn cooldown_limits_texts_per_caller(backend: Backend) {
    let app = spawn_app_at(backend, open_hours_instant()).await;
    app.missed_call("CA500", CALLER).await;
    app.settle().await;
    app.advance(chrono::Duration::minutes(30));
    let res = app.missed_call("CA501", CALLER).await;
    let twiml = res.text().await.unwrap();
    assert!(twiml.contains("try again later"), "{twiml}");
    assert_eq!(
        app.call_decision("CA501").await,
        (Some("skipped".into()), Some("cooldown".into()))
    );
    // Another caller is not affected.
    app.missed_call("CA502", "+15550100777").await;
    assert_eq!(app.settle().await.len(), 2);
    // After the 60-minute window, the first caller can be texted again.
    app.advance(chrono::Duration::minutes(31));
    app.missed_call("CA503", CALLER).await;
    let sent = app.settle().await;
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[2]["To"], CALLER);
    assert!(app
        .metrics()
        .await
        .contains("frontdesk_textbacks_skipped_total{reason=\"cooldown\"} 1"));
    app.stop().await;
}

async fn after_hours_uses_the_after_hours_message(backend: Backend) {
    let app = spawn_app_at(backend, closed_instant()).await;
    app.missed_call("CA600", CALLER).await;
    let sent = app.settle().await;
    assert_eq!(
        sent[0]["Body"],
        "Thanks for calling Dave's Plumbing. We're closed right now, but reply here and we'll get you on the schedule."
    );
    app.stop().await;
}

async fn opted_out_callers_are_never_texted(backend: Backend) {
    let app = spawn_app(backend).await;
    app.inbound_sms("SM700", CALLER, "STOP").await;
    let sent = app.settle().await;
    assert_eq!(sent.len(), 1, "only the opt-out confirmation");
    assert!(sent[0]["Body"].contains("unsubscribed"), "{:?}", sent[0]);
    app.missed_call("CA700", CALLER).await;
    let sent = app.settle().await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(
        app.call_decision("CA700").await,
        (Some("skipped".into()), Some("opted_out".into()))
    );
    app.stop().await;
}

async fn withheld_and_internal_numbers_are_skipped_with_a_reason(backend: Backend) {
    let app = spawn_app(backend).await;
    let cases = [
        ("CA801", "anonymous", "withheld"),
        ("CA802", "restricted", "withheld"),
        ("CA803", "", "withheld"),
        ("CA804", "5550100123", "withheld"),
        ("CA805", "+266696687", "withheld"),
        ("CA806", "+15550100999", "internal_number"),
        ("CA807", BUSINESS_NUMBER, "internal_number"),
    ];
    for (sid, from, _) in cases {
        let res = app.missed_call(sid, from).await;
        assert_eq!(res.status(), 200);
        let twiml = res.text().await.unwrap();
        assert!(twiml.contains("try again later"), "{from}: {twiml}");
    }
    assert!(app.settle().await.is_empty());
    for (sid, from, reason) in cases {
        assert_eq!(
            app.call_decision(sid).await,
            (Some("skipped".into()), Some(reason.into())),
            "{from}"
        );
    }
    app.stop().await;
}

async fn block_list_is_honoured(backend: Backend) {
    let profile = EXAMPLE.replace(
        "cooldown_minutes = 60",
        "cooldown_minutes = 60\nblock_list = [\"+15550100666\"]",
    );
    let app = spawn_app_with(
        backend,
        Options {
            profile,
            ..Default::default()
        },
    )
    .await;
    app.missed_call("CA900", "+15550100666").await;
    app.missed_call("CA901", CALLER).await;
    let sent = app.settle().await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["To"], CALLER);
    assert_eq!(
        app.call_decision("CA900").await.1.as_deref(),
        Some("blocked")
    );
    app.stop().await;
}

/// A caller we know (a name given before, a booking on record) gets the returning-caller text
/// with what we know; a caller we know only by name gets it without the booking part; a new
/// caller gets the usual one.
async fn a_returning_caller_is_greeted_by_name_and_booking(backend: Backend) {
    let profile = EXAMPLE.replacen(
        "cooldown_minutes = 60",
        "cooldown_minutes = 60\nreturning_message = \"Hi {{ caller.name }}, sorry we missed you at {{ business.name }}{% if booking.when %} - is this about {{ booking.when }}'s {{ booking.service }}{% endif %}?\"",
        1,
    );
    let app = spawn_app_with(
        backend,
        Options {
            clock: Some(frontdesk::clock::FixedClock::new(open_hours_instant())),
            profile,
            ..Default::default()
        },
    )
    .await;
    // New: the usual text-back.
    app.missed_call("CA800", CALLER).await;
    let sent = app.settle().await;
    assert_eq!(
        sent[0]["Body"],
        "Sorry we missed you - this is Dave's Plumbing. What do you need help with?"
    );
    // They book (Jane Doe, a drain cleaning).
    app.say("my kitchen drain is clogged, can you come out?")
        .await;
    app.say("12 Oak St, I'm Jane Doe").await;
    app.say("1").await;
    let r = app.say("YES").await;
    assert!(r.starts_with("You're booked: "), "{r}");
    let (start_at,): (i64,) =
        sqlx::query_as("SELECT start_at FROM bookings WHERE status = 'booked'")
            .fetch_one(app.state.store.pool())
            .await
            .unwrap();
    let tz: chrono_tz::Tz = "America/New_York".parse().unwrap();
    let day = frontdesk::clock::from_millis(start_at).with_timezone(&tz);
    let today = open_hours_instant().with_timezone(&tz);
    let said = match (day.date_naive() - today.date_naive()).num_days() {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        _ => day.format("%A").to_string(),
    };
    // They call again after the cool-down: greeted by name, asked about their booking.
    app.advance(chrono::Duration::minutes(61));
    app.missed_call("CA801", CALLER).await;
    let sent = app.settle().await;
    let last = sent.iter().rev().find(|t| t["To"] == CALLER).unwrap();
    assert_eq!(
        last["Body"],
        format!("Hi Jane, sorry we missed you at Dave's Plumbing - is this about {said}'s drain cleaning?")
    );
    // Someone new still gets the usual text.
    app.missed_call("CA802", "+15550100778").await;
    let sent = app.settle().await;
    let other = sent.iter().find(|t| t["To"] == "+15550100778").unwrap();
    assert!(
        other["Body"].starts_with("Sorry we missed you"),
        "{other:?}"
    );
    // Known by name only (no booking): greeted by name, nothing said of a booking.
    app.say_from(
        "+15550100778",
        "hi this is Priya, do you charge for estimates?",
    )
    .await;
    app.advance(chrono::Duration::minutes(61));
    app.missed_call("CA803", "+15550100778").await;
    let sent = app.settle().await;
    let last = sent
        .iter()
        .rev()
        .find(|t| t["To"] == "+15550100778")
        .unwrap();
    assert_eq!(
        last["Body"],
        "Hi Priya, sorry we missed you at Dave's Plumbing?"
    );
    app.stop().await;
}
