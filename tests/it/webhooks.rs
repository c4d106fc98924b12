//! The webhook edge: signatures, unknown numbers, malformed and oversized requests. A refused
//! request stores nothing.

use crate::both_backends;
use crate::helpers::*;
use frontdesk::telephony::twilio::{signature, signature_with, Algorithm};

both_backends!(
    forged_or_missing_signatures_are_refused,
    unknown_number_gets_404_twiml,
    malformed_and_oversized_requests_are_refused,
    delivery_status_only_moves_forward,
    every_url_form_twilio_signs_is_accepted,
);

async fn forged_or_missing_signatures_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let params = form(&[
        ("CallSid", "CA1"),
        ("From", CALLER),
        ("To", BUSINESS_NUMBER),
    ]);
    let path = "/webhooks/twilio/voice";
    let cases = [
        None,
        Some("bm90IGEgc2lnbmF0dXJl".to_string()),
        Some(signature(
            "wrong-token",
            &format!("{PUBLIC_URL}{path}"),
            &params,
        )),
        // Signed for another URL.
        Some(signature(
            AUTH_TOKEN,
            &format!("{PUBLIC_URL}/webhooks/twilio/sms"),
            &params,
        )),
    ];
    for sig in &cases {
        let res = app.post_raw(path, &params, sig.as_deref()).await;
        assert_eq!(res.status(), 403, "{sig:?}");
    }
    // Tampered parameters under a valid signature.
    let sig = signature(AUTH_TOKEN, &format!("{PUBLIC_URL}{path}"), &params);
    let tampered = form(&[
        ("CallSid", "CA1"),
        ("From", "+15550100999"),
        ("To", BUSINESS_NUMBER),
    ]);
    assert_eq!(
        app.post_raw(path, &tampered, Some(&sig)).await.status(),
        403
    );
    let sms = form(&[
        ("MessageSid", "SM1"),
        ("From", CALLER),
        ("To", BUSINESS_NUMBER),
        ("Body", "STOP"),
    ]);
    assert_eq!(
        app.post_raw("/webhooks/twilio/sms", &sms, None)
            .await
            .status(),
        403
    );

    for table in ["calls", "contacts", "messages", "outbox"] {
        assert_eq!(app.count(table).await, 0, "{table}");
    }
    assert!(app.settle().await.is_empty());
    assert!(app
        .metrics()
        .await
        .contains("frontdesk_webhooks_rejected_total{reason=\"bad_signature\"} 4"));
    // Unknown extra parameters that Twilio adds are fine when signed.
    let res = app
        .post_twilio(
            path,
            &[
                ("CallSid", "CA2"),
                ("From", CALLER),
                ("To", BUSINESS_NUMBER),
                ("StirVerstat", "TN-Validation-Passed-A"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    app.stop().await;
}

async fn unknown_number_gets_404_twiml(backend: Backend) {
    let app = spawn_app(backend).await;
    let res = app
        .post_twilio(
            "/webhooks/twilio/voice",
            &[("CallSid", "CA1"), ("From", CALLER), ("To", "+15550100888")],
        )
        .await;
    assert_eq!(res.status(), 404);
    let body = res.text().await.unwrap();
    assert!(body.contains("not in service"), "{body}");
    let res = app
        .post_twilio(
            "/webhooks/twilio/sms",
            &[
                ("MessageSid", "SM1"),
                ("From", CALLER),
                ("To", "+15550100888"),
                ("Body", "hi"),
            ],
        )
        .await;
    assert_eq!(res.status(), 404);
    assert_eq!(
        app.count("calls").await + app.count("messages").await + app.count("contacts").await,
        0
    );
    app.stop().await;
}

async fn malformed_and_oversized_requests_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    // A required parameter missing: 400 naming it.
    let res = app
        .post_twilio(
            "/webhooks/twilio/voice",
            &[("From", CALLER), ("To", BUSINESS_NUMBER)],
        )
        .await;
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("CallSid"));
    // Not a form.
    let res = app
        .http
        .post(format!("{}/webhooks/twilio/voice", app.base))
        .header("content-type", "application/json")
        .body("{\"CallSid\":\"CA1\"}")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 415);
    // Far larger than any Twilio webhook.
    let big = "x".repeat(200 * 1024);
    let res = app
        .post_twilio(
            "/webhooks/twilio/sms",
            &[
                ("MessageSid", "SM1"),
                ("From", CALLER),
                ("To", BUSINESS_NUMBER),
                ("Body", &big),
            ],
        )
        .await;
    assert_eq!(res.status(), 413);
    // Broken percent-encoding. (On a new connection: the server answered 413 without reading the
    // whole body and closed the one just used, which a pooled client could try to reuse.)
    let res = reqwest::Client::new()
        .post(format!("{}/webhooks/twilio/sms", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", "x")
        .body("Body=%E0%A4%A&From")
        .send()
        .await
        .unwrap();
    assert!(
        res.status() == 400 || res.status() == 403,
        "{}",
        res.status()
    );
    assert_eq!(app.count("calls").await + app.count("messages").await, 0);
    app.stop().await;
}

async fn delivery_status_only_moves_forward(backend: Backend) {
    let app = spawn_app(backend).await;
    app.missed_call("CA1", CALLER).await;
    let sent = app.settle().await;
    let callback = sent[0]["StatusCallback"].clone();
    let path = callback.strip_prefix(PUBLIC_URL).unwrap().to_string();
    let (sid,): (String,) =
        sqlx::query_as("SELECT provider_sid FROM messages WHERE direction = 'outbound'")
            .fetch_one(app.state.store.pool())
            .await
            .unwrap();
    let status = |s: &'static str| {
        vec![
            ("MessageSid", sid.clone()),
            ("MessageStatus", s.to_string()),
        ]
    };
    for s in ["sent", "delivered", "sent", "queued"] {
        let p = status(s);
        let p: Vec<(&str, &str)> = p.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(app.post_twilio(&path, &p).await.status(), 200);
    }
    let (st,): (String,) =
        sqlx::query_as("SELECT status FROM messages WHERE direction = 'outbound'")
            .fetch_one(app.state.store.pool())
            .await
            .unwrap();
    assert_eq!(st, "delivered");

    // An undeliverable landline: the contact is marked and gets no more text-backs.
    app.missed_call("CA2", "+15550100124").await;
    let sent = app.settle().await;
    let path = sent[1]["StatusCallback"]
        .strip_prefix(PUBLIC_URL)
        .unwrap()
        .to_string();
    let res = app
        .post_twilio(
            &path,
            &[
                ("MessageSid", "SMwhatever"),
                ("MessageStatus", "undelivered"),
                ("ErrorCode", "30006"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(app.contact("+15550100124").await.not_textable_at.is_some());
    // A status for a message we never sent.
    let res = app
        .post_twilio(
            "/webhooks/twilio/sms/status",
            &[("MessageSid", "SMnope"), ("MessageStatus", "delivered")],
        )
        .await;
    assert_eq!(res.status(), 404);
    app.stop().await;
}

/// Twilio's own validators accept the URL with and without the default port, repeated
/// parameters, and HMAC-SHA256 when a Webhooks Rule says so; forgeries of each stay refused.
async fn every_url_form_twilio_signs_is_accepted(backend: Backend) {
    let app = spawn_app(backend).await;
    let path = "/webhooks/twilio/sms";
    let sms = |sid: &str| {
        form(&[
            ("MessageSid", sid),
            ("From", CALLER),
            ("To", BUSINESS_NUMBER),
            ("Body", "hi"),
            ("MediaUrl", "b"),
            ("MediaUrl", "a"),
        ])
    };
    let with_port = format!("{}:80{path}", PUBLIC_URL);
    let params = sms("SMport");
    let sig = signature(AUTH_TOKEN, &with_port, &params);
    assert_eq!(app.post_raw(path, &params, Some(&sig)).await.status(), 200);
    // HMAC-SHA256 with the SharedKey, announced in the settings header.
    let params = sms("SMsha256");
    let url = format!("{PUBLIC_URL}{path}");
    let post = |params: Vec<(String, String)>, sig: String, algo: &'static str| {
        let http = reqwest::Client::new();
        let base = app.base.clone();
        async move {
            http.post(format!("{base}{path}"))
                .form(&params)
                .header("X-Twilio-Signature", sig)
                .header(
                    "X-Twilio-Webhooks-Signature-Settings",
                    format!("key=KS0001,algorithm={algo}"),
                )
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    let sig = signature_with(Algorithm::Sha256, SHARED_KEY, &url, &params);
    assert_eq!(post(params.clone(), sig, "HMAC_SHA256").await, 200);
    // Forgeries: the auth token under SHA256, SHA1 claimed for a SHA256 signature, an unknown
    // algorithm, a wrong port.
    for (sig, algo) in [
        (
            signature_with(Algorithm::Sha256, AUTH_TOKEN, &url, &params),
            "HMAC_SHA256",
        ),
        (
            signature_with(Algorithm::Sha256, SHARED_KEY, &url, &params),
            "HMAC_SHA1",
        ),
        (
            signature_with(Algorithm::Sha256, SHARED_KEY, &url, &params),
            "MD5",
        ),
    ] {
        assert_eq!(post(sms("SMforged"), sig, algo).await, 403, "{algo}");
    }
    let params = sms("SMbadport");
    let sig = signature(AUTH_TOKEN, &format!("{}:8080{path}", PUBLIC_URL), &params);
    assert_eq!(app.post_raw(path, &params, Some(&sig)).await.status(), 403);
    app.stop().await;

    // Behind a TLS proxy without FRONTDESK_PUBLIC_URL: Twilio signed the https form of the Host.
    let app = spawn_app_with(
        backend,
        Options {
            no_public_url: true,
            ..Default::default()
        },
    )
    .await;
    let host = app.base.trim_start_matches("http://").to_string();
    let params = sms("SMproxy");
    let sig = signature(AUTH_TOKEN, &format!("https://{host}{path}"), &params);
    assert_eq!(app.post_raw(path, &params, Some(&sig)).await.status(), 200);
    let params = sms("SMproxyforged");
    let sig = signature("wrong-token", &format!("https://{host}{path}"), &params);
    assert_eq!(app.post_raw(path, &params, Some(&sig)).await.status(), 403);
    app.stop().await;
}
