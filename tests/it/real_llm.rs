//! The LLM path against a real model server (run when FRONTDESK_TEST_LLM_URL is set; CI starts
//! `scripts/local-llm`, a tiny SmolLM2-135M on llama.cpp). A weak model is the point: whatever it
//! does, every text is answered exactly once, nothing it invents reaches the caller, nothing is
//! booked without YES, a slow model is cut off, and STOP and hand-offs work as with the built-in policy.

use crate::helpers::*;
use frontdesk::clock::FixedClock;
use frontdesk::domain::BusinessProfile;
use frontdesk::engine::guard::{ungrounded, unpromised};
use std::time::Duration;

/// One conversation at a time: the model server has two CPU cores to share.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn llm_url() -> Option<String> {
    std::env::var("FRONTDESK_TEST_LLM_URL")
        .ok()
        .filter(|s| !s.is_empty())
}

async fn app(url: String, timeout: Duration) -> TestApp {
    spawn_app_with(
        Backend::Sqlite,
        Options {
            clock: Some(FixedClock::new(open_hours_instant())),
            llm: Some(url),
            llm_timeout: Some(timeout),
            ..Default::default()
        },
    )
    .await
}

fn assert_clean(reply: &str, said: &[&str]) {
    let profile = BusinessProfile::from_toml(EXAMPLE).unwrap();
    let said: Vec<String> = said.iter().map(|s| s.to_string()).collect();
    assert!(
        ungrounded(reply, &profile, &said).is_empty(),
        "invented figures reached the caller: {reply}"
    );
    assert!(
        unpromised(reply, &profile).is_empty(),
        "an invented promise reached the caller: {reply}"
    );
    assert!(
        frontdesk::domain::sms_text::measure(reply).segments <= 2,
        "too long: {reply}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_model_answers_every_text_once_and_invents_nothing() {
    let Some(url) = llm_url() else {
        crate::helpers::skipped_once(
            "real-model tests",
            "set FRONTDESK_TEST_LLM_URL=$(scripts/local-llm start) to run them",
        );
        return;
    };
    let _serial = SERIAL.lock().await;
    let app = app(url, Duration::from_secs(30)).await;
    let texts = [
        "Hi, my kitchen drain is clogged",
        "12 Oak St, I'm Jane Doe",
        "How much will it cost? Any discount?",
        "What about tomorrow morning?",
        "2",
        "hmm let me think about it",
    ];
    let mut said: Vec<&str> = Vec::new();
    let mut handed_off = false;
    for t in texts {
        said.push(t);
        if handed_off {
            // A person owns the thread now (the model handed off, or its reply was blocked
            // twice): the receptionist stays silent and leaves the caller to staff.
            app.say_nothing_back(t).await;
            continue;
        }
        // say() fails unless exactly one reply comes back.
        let reply = app.say(t).await;
        assert_clean(&reply, &said);
        handed_off = app.conversation_state(CALLER).await == "human_owned";
    }
    // Never a YES: never a booking.
    assert_eq!(
        app.count("bookings WHERE status IN ('booked', 'rescheduled')")
            .await,
        0
    );
    assert!(app.count("llm_calls").await > 0, "the model was used");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_model_that_runs_long_is_cut_off_and_the_caller_still_gets_an_answer() {
    let Some(url) = llm_url() else {
        return;
    };
    let _serial = SERIAL.lock().await;
    let app = app(url, Duration::from_millis(1)).await;
    let reply = app.say("Do you charge for estimates?").await;
    assert!(
        reply.starts_with("Estimates are free inside our service area."),
        "{reply}"
    );
    assert!(app.count("llm_calls WHERE outcome = 'timeout'").await >= 1);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stop_and_hand_off_behave_as_with_the_built_in_policy() {
    let Some(url) = llm_url() else {
        return;
    };
    let _serial = SERIAL.lock().await;
    let app = app(url, Duration::from_secs(30)).await;
    let reply = app
        .say("There is water everywhere, the basement is flooding!")
        .await;
    assert!(reply.contains("call 911"), "{reply}");
    assert_eq!(app.conversation_state(CALLER).await, "human_owned");
    app.say_nothing_back("hello?").await;
    let other = "+15550100124";
    let reply = app.say_from(other, "I need a leak repair").await;
    assert_clean(&reply, &["I need a leak repair"]);
    let reply = app.say_from(other, "STOP").await;
    assert!(reply.contains("unsubscribed"), "{reply}");
    let before = app.texts_to(other).await.len();
    assert_eq!(
        app.inbound_sms("SMafterstop", other, "2").await.status(),
        200
    );
    app.quiet().await;
    assert_eq!(
        app.texts_to(other).await.len(),
        before,
        "nothing after STOP"
    );
    app.stop().await;
}
