//! Inbound texts: STOP, START and HELP before anything else; duplicates stored once.

use crate::both_backends;
use crate::helpers::*;

both_backends!(
    stop_start_help,
    inbound_texts_are_stored_once_and_await_a_reply,
    stop_phrases_opt_out
);

async fn stop_start_help(backend: Backend) {
    let app = spawn_app(backend).await;
    let res = app.inbound_sms("SM1", CALLER, "Stop").await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("<Response/>"));
    let sent = app.settle().await;
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0]["Body"],
        "You're unsubscribed from Dave's Plumbing texts and won't get any more. Reply START to resubscribe."
    );
    assert!(app.contact(CALLER).await.opted_out_at.is_some());

    // A second STOP and any other text get silence (but are stored).
    app.inbound_sms("SM2", CALLER, "STOP").await;
    app.inbound_sms("SM3", CALLER, "hello? are you there").await;
    assert_eq!(app.settle().await.len(), 1);
    assert_eq!(app.count("messages WHERE direction = 'inbound'").await, 3);

    // HELP is answered even now, with the business name and how to reach a person.
    app.inbound_sms("SM4", CALLER, "help").await;
    let sent = app.settle().await;
    assert_eq!(sent.len(), 2);
    assert!(
        sent[1]["Body"].starts_with("Dave's Plumbing:"),
        "{:?}",
        sent[1]
    );
    assert!(sent[1]["Body"].contains("(555) 010-0200"), "{:?}", sent[1]);

    // START opts back in, with one confirmation.
    app.inbound_sms("SM5", CALLER, "START").await;
    let sent = app.settle().await;
    assert_eq!(sent.len(), 3);
    assert!(sent[2]["Body"].contains("resubscribed"), "{:?}", sent[2]);
    assert!(app.contact(CALLER).await.opted_out_at.is_none());
    // Now a missed call texts back again.
    app.missed_call("CA1", CALLER).await;
    let sent = app.settle().await;
    assert_eq!(sent.len(), 4);
    // The text-back (the open-hours or the after-hours one: this test runs on the real clock).
    assert!(
        sent[3]["Body"].contains("Sorry we missed you")
            || sent[3]["Body"].starts_with("Thanks for calling"),
        "{:?}",
        sent[3]
    );
    app.stop().await;
}

async fn inbound_texts_are_stored_once_and_await_a_reply(backend: Backend) {
    // Workers off: what the webhook itself stored, before any reply is written.
    let app = spawn_app_with(
        backend,
        Options {
            worker: false,
            ..Default::default()
        },
    )
    .await;
    for _ in 0..3 {
        let res = app
            .inbound_sms("SM10", CALLER, "Do you fix water heaters?")
            .await;
        assert_eq!(res.status(), 200);
    }
    assert_eq!(app.count("messages WHERE direction = 'inbound'").await, 1);
    let (awaiting,): (Option<i64>,) =
        sqlx::query_as("SELECT awaiting_reply_since FROM conversations")
            .fetch_one(app.state.store.pool())
            .await
            .unwrap();
    assert!(awaiting.is_some(), "the caller is owed an answer");
    // "YES" from someone who never opted out is an ordinary message, not an opt-in.
    app.inbound_sms("SM11", CALLER, "YES").await;
    assert_eq!(app.count("messages WHERE direction = 'inbound'").await, 2);
    assert_eq!(
        app.count("outbox").await,
        0,
        "no opt-in confirmation queued"
    );
    assert!(app.contact(CALLER).await.opted_out_at.is_none());
    app.stop().await;
}

async fn stop_phrases_opt_out(backend: Backend) {
    let app = spawn_app(backend).await;
    app.inbound_sms("SM20", CALLER, "Please stop texting me!")
        .await;
    app.inbound_sms("SM21", "+15550100124", "unsubscribe").await;
    app.inbound_sms("SM22", "+15550100125", "Can you stop by Tuesday?")
        .await;
    app.quiet().await;
    let sent = app.settle().await;
    // Opt-out confirmations go to the two who opted out (the third gets an ordinary answer).
    let mut to: Vec<&str> = sent
        .iter()
        .filter(|t| t["Body"].contains("unsubscribed"))
        .map(|t| t["To"].as_str())
        .collect();
    to.sort();
    assert_eq!(to, vec![CALLER, "+15550100124"]);
    assert!(app.contact("+15550100125").await.opted_out_at.is_none());
    app.stop().await;
}
