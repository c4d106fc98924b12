//! The pick-up text after a live call that did not finish is no answer to a text: like reminders
//! and nudges it waits for the recipient's sending window, and it is not sent at all when the
//! caller has written since. The injectable clock stands in for the night.

use crate::both_backends;
use crate::helpers::*;
use crate::voice::{answered, call, hang_up, say, voice_app, voice_profile};
use std::time::Duration;

both_backends!(
    a_call_cut_off_at_night_is_picked_up_in_the_morning,
    a_caller_who_texts_at_night_is_answered_at_once_and_not_picked_up,
);

/// Wednesday 21:30 in New York (the business's zone, and the caller's: 555 is no real area code).
const NIGHT: &str = "2026-12-03T02:30:00Z";
/// Thursday 08:00 in New York: the window opens.
const MORNING: &str = "2026-12-03T13:00:00Z";

fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
    s.parse().unwrap()
}

/// A live call at night where the caller hangs up half way.
async fn call_cut_off_at_night(app: &TestApp) {
    app.clock.as_ref().unwrap().set(at(NIGHT));
    answered(app, "CAQ1").await;
    let mut ws = call(app, "CAQ1").await;
    let (words, _) = say(
        &mut ws,
        "yeah I need a drain cleaning, my shower is backing up",
    )
    .await;
    assert!(!words.is_empty());
    hang_up(ws).await;
}

async fn pickup(app: &TestApp) -> (String, i64) {
    sqlx::query_as(
        "SELECT m.status, o.next_attempt_at FROM messages m JOIN outbox o ON o.message_id = m.id \
         WHERE m.kind = 'voice_pickup'",
    )
    .fetch_one(app.state.store.pool())
    .await
    .unwrap()
}

/// Give the outbox worker time to send anything it would send now.
async fn let_the_outbox_run(app: &TestApp) {
    app.state.wake_outbox();
    tokio::time::sleep(Duration::from_millis(400)).await;
}

async fn a_call_cut_off_at_night_is_picked_up_in_the_morning(backend: Backend) {
    let app = voice_app(backend, voice_profile("")).await;
    call_cut_off_at_night(&app).await;
    let_the_outbox_run(&app).await;
    assert!(app.texts_to(CALLER).await.is_empty(), "nothing at night");
    // Written into the thread now, due when the window opens.
    let (status, due) = pickup(&app).await;
    assert_eq!(status, "pending");
    assert_eq!(due, at(MORNING).timestamp_millis());
    // A minute before: still nothing.
    app.clock
        .as_ref()
        .unwrap()
        .set(at(MORNING) - chrono::Duration::minutes(1));
    let_the_outbox_run(&app).await;
    assert!(app.texts_to(CALLER).await.is_empty());
    app.clock.as_ref().unwrap().set(at(MORNING));
    app.state.wake_outbox();
    app.settle().await;
    let texts = app.texts_to(CALLER).await;
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(
        texts[0].starts_with("Sorry we got cut off - this is Dave's Plumbing"),
        "{texts:?}"
    );
    app.stop().await;
}

async fn a_caller_who_texts_at_night_is_answered_at_once_and_not_picked_up(backend: Backend) {
    let app = voice_app(backend, voice_profile("")).await;
    call_cut_off_at_night(&app).await;
    // The caller goes on by text the same night: answered then, not held behind the waiting
    // pick-up (texts to one number otherwise go out in the order they were written).
    let res = app
        .inbound_sms("SMQ1", CALLER, "12 Oak Street, tomorrow morning is good")
        .await;
    assert_eq!(res.status(), 200);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    let reply = loop {
        if let Some(r) = app.texts_to(CALLER).await.first() {
            break r.clone();
        }
        assert!(tokio::time::Instant::now() < deadline, "no answer at night");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(reply.contains("reply YES to confirm"), "{reply}");
    // In the morning the pick-up ("text us here") is not sent: they already did.
    app.clock.as_ref().unwrap().set(at(MORNING));
    app.state.wake_outbox();
    app.settle().await;
    assert_eq!(app.texts_to(CALLER).await, vec![reply]);
    assert_eq!(pickup(&app).await.0, "dropped");
    app.stop().await;
}
