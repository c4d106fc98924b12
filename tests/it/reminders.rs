//! Appointment reminders with the fixed clock (no sleeping): the configured offsets, skipped when
//! too late, following a moved booking, gone with a cancelled one, C/R/X answers, opt-outs, quiet
//! hours in the caller's own zone, and two workers sending each reminder once. Texts are caught
//! at the fake Twilio.

use crate::both_backends;
use crate::helpers::*;
use chrono::{DateTime, Utc};
use frontdesk::clock::{to_millis, FixedClock};
use frontdesk::jobs::reminders::ReminderWorker;
use frontdesk::reminders::REPLY_HINT;
use frontdesk::store::bookings;

both_backends!(
    reminders_go_at_the_configured_offsets,
    a_reminder_already_past_when_booked_is_skipped,
    reminders_move_with_a_moved_booking,
    a_cancelled_booking_gets_no_reminder,
    a_stopped_caller_gets_no_reminder,
    quiet_hours_are_the_callers_own,
    two_workers_send_each_reminder_once,
    c_confirms_and_x_cancels,
    r_reschedules_and_the_reminders_follow,
);

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

async fn app_at(backend: Backend, now: &str) -> TestApp {
    spawn_app_with(
        backend,
        Options {
            clock: Some(FixedClock::new(at(now))),
            ..Default::default()
        },
    )
    .await
}

/// Move the clock to `to` and run one reminders round; what reached Twilio for `phone` since.
async fn round_at(app: &TestApp, to: &str, phone: &str) -> Vec<String> {
    worker_round_at(app, to, phone, Worker::Reminders).await
}

// Dave's Plumbing (New York) reminds 24h and 2h before. Wednesday Dec 2 2026, 10:00 New York.
const WED_10: &str = "2026-12-02T15:00:00Z";
// Thursday Dec 3, 14:00 New York.
const THU_14: &str = "2026-12-03T19:00:00Z";

async fn reminders_go_at_the_configured_offsets(backend: Backend) {
    let app = app_at(backend, WED_10).await;
    book_at(&app, THU_14, CALLER).await;
    assert!(round_at(&app, WED_10, CALLER).await.is_empty());
    // A minute before the 24h reminder: nothing.
    assert!(round_at(&app, "2026-12-02T18:59:00Z", CALLER)
        .await
        .is_empty());
    let sent = round_at(&app, "2026-12-02T19:00:00Z", CALLER).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    let text = &sent[0];
    assert!(text.starts_with("Reminder from Dave's Plumbing: your drain cleaning is Thu Dec 3 at 2:00 PM at 12 Oak St."), "{text}");
    assert!(text.ends_with(REPLY_HINT), "{text}");
    assert!(frontdesk::engine::guard::sms_units(text) <= 306, "{text}");
    assert_eq!(
        app.count("messages WHERE kind = 'reminder' AND author = 'system'")
            .await,
        1
    );
    // Not again.
    assert!(round_at(&app, "2026-12-02T19:05:00Z", CALLER)
        .await
        .is_empty());
    // 2h before: the second.
    assert!(round_at(&app, "2026-12-03T16:59:00Z", CALLER)
        .await
        .is_empty());
    let sent = round_at(&app, "2026-12-03T17:00:00Z", CALLER).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    // After the appointment: nothing more.
    assert!(round_at(&app, "2026-12-03T20:00:00Z", CALLER)
        .await
        .is_empty());
    assert_eq!(app.count("booking_reminders WHERE state = 'sent'").await, 2);
    app.stop().await;
}

async fn a_reminder_already_past_when_booked_is_skipped(backend: Backend) {
    let app = app_at(backend, WED_10).await;
    // Booked 3 hours ahead: no 24h reminder, the 2h one at 11:00.
    book_at(&app, "2026-12-02T18:00:00Z", CALLER).await;
    assert!(round_at(&app, WED_10, CALLER).await.is_empty());
    let sent = round_at(&app, "2026-12-02T16:00:00Z", CALLER).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(sent[0].contains("Wed Dec 2 at 1:00 PM"), "{sent:?}");
    assert!(round_at(&app, "2026-12-02T17:59:00Z", CALLER)
        .await
        .is_empty());
    assert_eq!(app.count("booking_reminders").await, 1);
    app.stop().await;
}

async fn reminders_move_with_a_moved_booking(backend: Backend) {
    let app = app_at(backend, WED_10).await;
    let id = book_at(&app, THU_14, CALLER).await;
    assert_eq!(
        round_at(&app, "2026-12-02T19:00:00Z", CALLER).await.len(),
        1
    );
    // Confirmed for Thursday, then moved to Friday 14:00 on Wednesday at 15:00: the
    // confirmation was for the old time and goes.
    app.clock.as_ref().unwrap().set(at("2026-12-02T20:00:00Z"));
    let fri = to_millis(at("2026-12-04T19:00:00Z"));
    let mut conn = app.state.store.pool().acquire().await.unwrap();
    frontdesk::store::reminders::confirm(&mut conn, id, to_millis(at("2026-12-02T19:30:00Z")))
        .await
        .unwrap();
    assert!(frontdesk::store::reminders::confirmed_at(&mut conn, id)
        .await
        .unwrap()
        .is_some());
    assert!(bookings::update(
        &mut conn,
        id,
        "booked",
        "rescheduled",
        fri,
        fri + 3_600_000,
        None,
        to_millis(at("2026-12-02T20:00:00Z")),
    )
    .await
    .unwrap());
    assert_eq!(
        frontdesk::store::reminders::confirmed_at(&mut conn, id)
            .await
            .unwrap(),
        None
    );
    drop(conn);
    // The old time's 2h reminder does not go.
    assert!(round_at(&app, "2026-12-03T17:00:00Z", CALLER)
        .await
        .is_empty());
    // The new time's 24h reminder does.
    let sent = round_at(&app, "2026-12-03T19:00:00Z", CALLER).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(sent[0].contains("Fri Dec 4 at 2:00 PM"), "{sent:?}");
    let sent = round_at(&app, "2026-12-04T17:00:00Z", CALLER).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    app.stop().await;
}

async fn a_cancelled_booking_gets_no_reminder(backend: Backend) {
    let app = app_at(backend, WED_10).await;
    let id = book_at(&app, THU_14, CALLER).await;
    let mut conn = app.state.store.pool().acquire().await.unwrap();
    let start = to_millis(at(THU_14));
    assert!(bookings::update(
        &mut conn,
        id,
        "booked",
        "cancelled",
        start,
        start + 3_600_000,
        None,
        to_millis(at(WED_10)),
    )
    .await
    .unwrap());
    drop(conn);
    assert!(round_at(&app, "2026-12-02T19:00:00Z", CALLER)
        .await
        .is_empty());
    assert!(round_at(&app, "2026-12-03T17:00:00Z", CALLER)
        .await
        .is_empty());
    assert_eq!(app.count("booking_reminders").await, 0);
    app.stop().await;
}

async fn a_stopped_caller_gets_no_reminder(backend: Backend) {
    let app = app_at(backend, WED_10).await;
    book_at(&app, THU_14, CALLER).await;
    let r = app.say("STOP").await;
    assert!(r.contains("unsubscribed"), "{r}");
    assert!(round_at(&app, "2026-12-02T19:00:00Z", CALLER)
        .await
        .is_empty());
    assert!(round_at(&app, "2026-12-03T17:00:00Z", CALLER)
        .await
        .is_empty());
    assert_eq!(app.count("messages WHERE kind = 'reminder'").await, 0);
    app.stop().await;
}

async fn quiet_hours_are_the_callers_own(backend: Backend) {
    // A San Francisco caller of the New York business, booked Wednesday 10:00 New York for
    // Thursday 10:00 New York (07:00 in San Francisco).
    let pacific = "+14155550123";
    let app = app_at(backend, WED_10).await;
    book_at(&app, "2026-12-03T15:00:00Z", pacific).await;
    // 24h before is Wednesday 07:00 in San Francisco, before their day starts and before the
    // booking was made, so it waits for 08:00 there (11:00 New York).
    assert!(round_at(&app, "2026-12-02T15:59:00Z", pacific)
        .await
        .is_empty());
    let sent = round_at(&app, "2026-12-02T16:00:00Z", pacific).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    // The time is the business's.
    assert!(sent[0].contains("Thu Dec 3 at 10:00 AM"), "{sent:?}");
    // 2h before is Thursday 05:00 in San Francisco: it moves earlier, to 19:59 on Wednesday
    // there (22:59 in New York, where an Eastern caller would not get it).
    assert!(round_at(&app, "2026-12-03T03:58:00Z", pacific)
        .await
        .is_empty());
    let sent = round_at(&app, "2026-12-03T03:59:00Z", pacific).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(round_at(&app, "2026-12-03T13:00:00Z", pacific)
        .await
        .is_empty());
    app.stop().await;

    // The business's narrower window: 09:00-19:00.
    let profile = EXAMPLE.replace(
        "[reminders]",
        "[quiet_hours]\nstart = \"09:00\"\nend = \"19:00\"\n\n[reminders]",
    );
    let app = spawn_app_with(
        backend,
        Options {
            clock: Some(FixedClock::new(at(WED_10))),
            profile,
            ..Default::default()
        },
    )
    .await;
    book_at(&app, "2026-12-03T15:00:00Z", pacific).await;
    assert_eq!(
        round_at(&app, "2026-12-02T16:59:00Z", pacific).await.len(),
        0
    );
    assert_eq!(
        round_at(&app, "2026-12-02T17:00:00Z", pacific).await.len(),
        1
    );
    // 18:59 in San Francisco.
    assert_eq!(
        round_at(&app, "2026-12-03T02:58:00Z", pacific).await.len(),
        0
    );
    assert_eq!(
        round_at(&app, "2026-12-03T02:59:00Z", pacific).await.len(),
        1
    );
    app.stop().await;
}

async fn two_workers_send_each_reminder_once(backend: Backend) {
    let app = app_at(backend, WED_10).await;
    let callers: Vec<String> = (0..6).map(|i| format!("+1555010013{i}")).collect();
    for c in &callers {
        book_at(&app, THU_14, c).await;
    }
    app.clock.as_ref().unwrap().set(at("2026-12-02T19:00:00Z"));
    let (a, b) = (
        ReminderWorker::new(app.state.clone()),
        ReminderWorker::new(app.state.clone()),
    );
    let (ra, rb) = tokio::join!(a.run_once(), b.run_once());
    let (ra, rb) = (ra.unwrap(), rb.unwrap());
    let queued = |r: &Vec<frontdesk::jobs::reminders::Decided>| {
        r.iter().filter(|d| d.message_id.is_some()).count()
    };
    assert_eq!(queued(&ra) + queued(&rb), 6, "{ra:?} {rb:?}");
    // And once more, each: nothing.
    let (ra, rb) = tokio::join!(a.run_once(), b.run_once());
    assert_eq!(queued(&ra.unwrap()) + queued(&rb.unwrap()), 0);
    app.settle().await;
    for c in &callers {
        assert_eq!(app.texts_to(c).await.len(), 1, "{c}");
    }
    app.stop().await;
}

/// Book drain cleaning by text, as a caller would: the booking's start.
async fn book_by_text(app: &TestApp) -> i64 {
    app.say("Hi, my kitchen drain is clogged, can you come out?")
        .await;
    app.say("12 Oak St, I'm Jane Doe").await;
    app.say("2").await;
    let r = app.say("YES").await;
    assert!(r.starts_with("You're booked: "), "{r}");
    let (start,): (i64,) = sqlx::query_as("SELECT start_at FROM bookings WHERE status = 'booked'")
        .fetch_one(app.state.store.pool())
        .await
        .unwrap();
    start
}

fn iso(ms: i64) -> String {
    frontdesk::clock::from_millis(ms).to_rfc3339()
}

async fn c_confirms_and_x_cancels(backend: Backend) {
    let app = app_at(backend, WED_10).await;
    let start = book_by_text(&app).await;
    // Before any reminder, C is a normal text.
    let r = app.say("c").await;
    assert!(!r.starts_with("Thanks, you're confirmed"), "{r}");
    assert_eq!(
        app.count("bookings WHERE confirmed_at IS NOT NULL").await,
        0
    );

    // The last reminder due before the appointment goes (24h, or 2h when booked for today).
    let due = start - 2 * 3_600_000;
    let sent = round_at(&app, &iso(due), CALLER).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    let r = app.say(" C. ").await;
    assert!(r.starts_with("Thanks, you're confirmed for "), "{r}");
    assert_eq!(
        app.count("bookings WHERE confirmed_at IS NOT NULL").await,
        1
    );
    assert_eq!(
        app.count("messages WHERE kind = 'reminder_confirm' AND author = 'system'")
            .await,
        1
    );
    // The funnel counts both.
    let now = to_millis(app.state.clock.now());
    let f = frontdesk::store::dashboard::funnel(
        &app.state.store,
        app.business_id,
        now - 7 * 86_400_000,
        now + 1,
        chrono_tz::America::New_York,
    )
    .await
    .unwrap();
    assert_eq!((f.reminders.sent, f.reminders.confirmed), (1, 1));
    // C again is not an answer to a reminder any more (our last text was the confirmation).
    let r = app.say("c").await;
    assert!(!r.starts_with("Thanks, you're confirmed"), "{r}");

    // A second booking's reminder, answered X: the engine's cancel flow.
    app.clock.as_ref().unwrap().set(at(WED_10));
    let other = "+15550100177";
    let mut conn = app.state.store.pool().acquire().await.unwrap();
    sqlx::query("UPDATE bookings SET status = 'cancelled'")
        .execute(&mut *conn)
        .await
        .unwrap();
    drop(conn);
    book_at(&app, THU_14, other).await;
    let sent = round_at(&app, "2026-12-02T19:00:00Z", other).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    let r = app.say_from(other, " x ").await;
    assert!(r.contains("is cancelled"), "{r}");
    assert_eq!(
        app.count("bookings WHERE status IN ('booked', 'rescheduled')")
            .await,
        0
    );
    // Its 2h reminder does not go.
    assert!(round_at(&app, "2026-12-03T17:00:00Z", other)
        .await
        .is_empty());
    app.stop().await;
}

async fn r_reschedules_and_the_reminders_follow(backend: Backend) {
    let app = app_at(backend, WED_10).await;
    let start = book_by_text(&app).await;
    let sent = round_at(&app, &iso(start - 2 * 3_600_000), CALLER).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    let r = app.say("R").await;
    assert!(r.contains("I can move it to 1) "), "{r}");
    let r = app.say("the first one").await;
    assert!(r.contains("reply YES to confirm"), "{r}");
    let r = app.say("yes").await;
    assert!(r.starts_with("Done - your visit is moved to"), "{r}");
    let (moved,): (i64,) =
        sqlx::query_as("SELECT start_at FROM bookings WHERE status = 'rescheduled'")
            .fetch_one(app.state.store.pool())
            .await
            .unwrap();
    assert_ne!(moved, start);
    // The new time's reminder goes at its time (2h before, kept inside 08:00-20:00 New York:
    // the caller's 555 number maps to no zone), naming the new time.
    let due = frontdesk::reminders::send_at(
        moved - 2 * 3_600_000,
        to_millis(app.state.clock.now()),
        moved,
        chrono_tz::America::New_York,
        (8 * 60, 20 * 60),
    )
    .expect("the moved booking's 2h reminder is not skipped");
    let sent = round_at(&app, &iso(due - 60_000), CALLER).await;
    assert!(sent.is_empty(), "{sent:?}");
    let sent = round_at(&app, &iso(due), CALLER).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    let when = frontdesk::clock::from_millis(moved)
        .with_timezone(&chrono_tz::America::New_York)
        .format("%a %b %-d at %-I:%M %p")
        .to_string();
    assert!(sent[0].contains(&when), "{sent:?} {when}");
    app.stop().await;
}
