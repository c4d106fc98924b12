//! The one follow-up nudge after an unanswered text-back, with the fixed clock (no sleeping):
//! after the delay, not after any activity (a text, a call, STOP, staff), never twice, in the
//! caller's own sending window, and not at all without `follow_up_after`. Texts are caught at the
//! fake Twilio.

use crate::both_backends;
use crate::dashboard::{add_user, signed_in, OWNER};
use crate::helpers::*;
use chrono::{DateTime, Utc};
use frontdesk::clock::{to_millis, FixedClock};
use frontdesk::jobs::nudges::NudgeWorker;
use frontdesk::store::{ContactId, ConversationId};

both_backends!(
    a_nudge_after_the_delay_once,
    no_nudge_after_a_reply_a_call_or_stop,
    no_nudge_once_staff_handled_it,
    two_workers_nudge_once,
    nudges_keep_to_the_callers_own_hours,
    no_nudge_without_follow_up_after,
);

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

// Dave's Plumbing (New York, follow_up_after = "3h"). Wednesday Dec 2 2026, 10:00 New York.
const WED_10: &str = "2026-12-02T15:00:00Z";
const WED_13: &str = "2026-12-02T18:00:00Z";
const WED_1259: &str = "2026-12-02T17:59:00Z";
const NUDGE: &str = "Hi, it's Dave's Plumbing again - still need help? Just reply here and we'll get you sorted. Reply STOP to opt out.";

async fn app_at(backend: Backend, now: &str) -> TestApp {
    app_with(backend, now, EXAMPLE.to_string()).await
}

async fn app_with(backend: Backend, now: &str, profile: String) -> TestApp {
    spawn_app_with(
        backend,
        Options {
            clock: Some(FixedClock::new(at(now))),
            profile,
            ..Default::default()
        },
    )
    .await
}

/// A missed call from `phone` now; its text-back sent.
async fn missed(app: &TestApp, sid: &str, phone: &str) {
    assert_eq!(app.missed_call(sid, phone).await.status(), 200);
    app.settle().await;
}

/// Move the clock to `to` and run one nudges round; what reached Twilio for `phone` since.
async fn round_at(app: &TestApp, to: &str, phone: &str) -> Vec<String> {
    worker_round_at(app, to, phone, Worker::Nudges).await
}

async fn a_nudge_after_the_delay_once(backend: Backend) {
    let app = app_at(backend, WED_10).await;
    missed(&app, "CAnudge1", CALLER).await;
    assert_eq!(app.texts_to(CALLER).await.len(), 1, "the text-back");
    assert!(round_at(&app, WED_1259, CALLER).await.is_empty());
    let sent = round_at(&app, WED_13, CALLER).await;
    assert_eq!(sent, vec![NUDGE.to_string()]);
    assert_eq!(
        app.count("messages WHERE kind = 'nudge' AND author = 'system'")
            .await,
        1
    );
    assert_eq!(app.count("textback_nudges").await, 1);
    // Never a second one.
    assert!(round_at(&app, "2026-12-02T18:05:00Z", CALLER)
        .await
        .is_empty());
    assert!(round_at(&app, "2026-12-02T22:00:00Z", CALLER)
        .await
        .is_empty());

    // A caller whose nudge fell due more than a day ago (downtime) gets none.
    let late = "+15550100124";
    app.clock.as_ref().unwrap().set(at("2026-12-03T15:00:00Z"));
    missed(&app, "CAnudge2", late).await;
    assert!(round_at(&app, "2026-12-04T18:01:00Z", late)
        .await
        .is_empty());

    // The funnel: one sent; answered once the caller texts after it.
    let now = to_millis(app.state.clock.now());
    let funnel = |app: &TestApp| {
        let store = app.state.store.clone();
        let bid = app.business_id;
        async move {
            frontdesk::store::dashboard::funnel(
                &store,
                bid,
                now - 7 * 86_400_000,
                now + 86_400_000,
                chrono_tz::America::New_York,
            )
            .await
            .unwrap()
            .nudges
        }
    };
    let f = funnel(&app).await;
    assert_eq!((f.sent, f.answered), (1, 0));
    app.say("yes, my water heater is leaking").await;
    let f = funnel(&app).await;
    assert_eq!((f.sent, f.answered), (1, 1));
    add_user(&app, OWNER, "owner", "Dave").await;
    let web = signed_in(&app, OWNER).await;
    let page = web
        .get(&format!("/app/{}/funnel?days=7", app.business_id))
        .await;
    assert!(
        page.body.contains("id=\"stat-nudges-sent\">1<"),
        "{}",
        page.body
    );
    assert!(page.body.contains("id=\"stat-nudges-answered\">1<"));
    app.stop().await;
}

async fn no_nudge_after_a_reply_a_call_or_stop(backend: Backend) {
    let app = app_at(backend, WED_10).await;
    let (replied, called, stopped) = ("+15550100131", "+15550100132", "+15550100133");
    for (i, p) in [replied, called, stopped].iter().enumerate() {
        missed(&app, &format!("CAact{i}"), p).await;
    }
    app.advance(chrono::Duration::minutes(30));
    app.say_from(replied, "how much is a drain cleaning?").await;
    // Calls again (inside the cooldown, so no second text-back either).
    missed(&app, "CAact-again", called).await;
    assert_eq!(
        app.call_decision("CAact-again").await.0.as_deref(),
        Some("skipped")
    );
    assert_eq!(
        app.inbound_sms("SMstop", stopped, "STOP").await.status(),
        200
    );
    app.settle().await;
    for p in [replied, called, stopped] {
        assert!(round_at(&app, WED_13, p).await.is_empty(), "{p}");
        assert!(
            round_at(&app, "2026-12-02T21:00:00Z", p).await.is_empty(),
            "{p}"
        );
    }
    assert_eq!(app.count("messages WHERE kind = 'nudge'").await, 0);
    assert_eq!(app.count("textback_nudges").await, 0);
    app.stop().await;
}

async fn no_nudge_once_staff_handled_it(backend: Backend) {
    let app = app_at(backend, WED_10).await;
    let (taken, answered) = ("+15550100141", "+15550100142");
    missed(&app, "CAstaff1", taken).await;
    missed(&app, "CAstaff2", answered).await;
    let now = to_millis(app.state.clock.now());
    let thread = |phone: &'static str| {
        let pool = app.state.store.pool().clone();
        async move {
            let (id, contact): (ConversationId, ContactId) = sqlx::query_as(
                "SELECT c.id, c.contact_id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.phone = $1",
            )
            .bind(phone)
            .fetch_one(&pool)
            .await
            .unwrap();
            (id, contact)
        }
    };
    let (taken_id, _) = thread(taken).await;
    let (id, contact) = thread(answered).await;
    // A member of staff takes one thread over...
    let mut tx = app.state.store.begin().await.unwrap();
    assert!(frontdesk::store::dashboard::take_over(
        &mut tx,
        app.business_id,
        taken_id,
        frontdesk::store::UserId(1),
        frontdesk::domain::State::HumanOwned,
        now,
    )
    .await
    .unwrap());
    // ...and writes in the other.
    frontdesk::store::outbox::queue_text(
        &mut tx,
        frontdesk::store::outbox::NewText {
            business_id: app.business_id,
            conversation_id: id,
            contact_id: contact,
            author: frontdesk::store::messages::Author::Staff,
            author_name: Some("Sam"),
            kind: frontdesk::store::messages::MessageKind::StaffReply,
            to: answered,
            from: BUSINESS_NUMBER,
            body: "Hi, Sam here - I'll call you in 10 minutes.",
            now_ms: now,
            expires_at: None,
            not_before: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    app.state.wake_outbox();
    app.settle().await;
    for p in [taken, answered] {
        assert!(round_at(&app, WED_13, p).await.is_empty(), "{p}");
    }
    assert_eq!(app.count("messages WHERE kind = 'nudge'").await, 0);
    app.stop().await;
}

async fn two_workers_nudge_once(backend: Backend) {
    let app = app_at(backend, WED_10).await;
    let callers: Vec<String> = (0..5).map(|i| format!("+1555010015{i}")).collect();
    for (i, c) in callers.iter().enumerate() {
        missed(&app, &format!("CAtwo{i}"), c).await;
    }
    app.clock.as_ref().unwrap().set(at(WED_13));
    let (a, b) = (
        NudgeWorker::new(app.state.clone()),
        NudgeWorker::new(app.state.clone()),
    );
    let (ra, rb) = tokio::join!(a.run_once(), b.run_once());
    let (ra, rb) = (ra.unwrap(), rb.unwrap());
    assert_eq!(ra.len() + rb.len(), 5, "{ra:?} {rb:?}");
    // A second round of each: nothing.
    let (ra, rb) = tokio::join!(a.run_once(), b.run_once());
    assert_eq!(ra.unwrap().len() + rb.unwrap().len(), 0);
    app.settle().await;
    for c in &callers {
        // The text-back and one nudge.
        assert_eq!(app.texts_to(c).await.len(), 2, "{c}");
    }
    assert_eq!(app.count("messages WHERE kind = 'nudge'").await, 5);
    app.stop().await;
}

async fn nudges_keep_to_the_callers_own_hours(backend: Backend) {
    // Missed calls at 22:00 New York (19:00 in San Francisco): the nudges fall due at 01:00 New
    // York, 22:00 in San Francisco, at night for both.
    let pacific = "+14155550123";
    let app = app_at(backend, "2026-12-03T03:00:00Z").await;
    missed(&app, "CAquiet1", pacific).await;
    missed(&app, "CAquiet2", CALLER).await;
    for p in [pacific, CALLER] {
        assert!(
            round_at(&app, "2026-12-03T06:00:00Z", p).await.is_empty(),
            "{p}"
        );
    }
    // The Eastern caller's morning: 08:00 New York. Still 05:00 in San Francisco.
    assert!(round_at(&app, "2026-12-03T12:59:00Z", CALLER)
        .await
        .is_empty());
    assert!(round_at(&app, "2026-12-03T13:00:00Z", pacific)
        .await
        .is_empty());
    app.clock.as_ref().unwrap().set(at("2026-12-03T13:00:00Z"));
    app.settle().await;
    assert_eq!(app.texts_to(CALLER).await.len(), 2, "text-back and nudge");
    assert_eq!(app.texts_to(CALLER).await[1], NUDGE);
    // 07:59 in San Francisco: not yet; 08:00: the nudge.
    assert!(round_at(&app, "2026-12-03T15:59:00Z", pacific)
        .await
        .is_empty());
    let sent = round_at(&app, "2026-12-03T16:00:00Z", pacific).await;
    assert_eq!(sent, vec![NUDGE.to_string()]);
    app.stop().await;
}

async fn no_nudge_without_follow_up_after(backend: Backend) {
    let profile = EXAMPLE.replace("follow_up_after = \"3h\"\n", "");
    assert_ne!(profile, EXAMPLE);
    let app = app_with(backend, WED_10, profile).await;
    missed(&app, "CAoff1", CALLER).await;
    for t in [WED_13, "2026-12-02T20:00:00Z", "2026-12-03T14:00:00Z"] {
        assert!(round_at(&app, t, CALLER).await.is_empty(), "{t}");
    }
    assert_eq!(app.count("messages WHERE kind = 'nudge'").await, 0);
    app.stop().await;
}
