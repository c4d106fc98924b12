//! Kill -9 with reminders due: the real `frontdesk serve` process is killed (SIGKILL) while
//! reminders are due, and after a restart each is sent exactly once: none lost, none twice.
//!
//! The real binary runs on the real clock and keeps reminders to 08:00-20:00 in the recipient's
//! zone, so the business is put in a zone where it is about noon now (the callers' 555 numbers
//! have no area-code zone and fall back to the business's).

use crate::both_backends;
use crate::helpers::*;
use crate::scale::{slow_twilio, spawn_binary, wait_ready, SlowTwilio};
use chrono::{Timelike, Utc};
use frontdesk::store::Store;
use std::collections::HashMap;
use std::time::{Duration, Instant};

both_backends!(a_reminder_due_at_kill_dash_nine_is_sent_once_after_restart);

const CALLERS: [&str; 3] = ["+15550107001", "+15550107002", "+15550107003"];

/// An `Etc/GMT` zone where it is 12:xx now.
fn zone_at_noon() -> String {
    let ahead = 12 - Utc::now().hour() as i32;
    match ahead {
        0 => "Etc/UTC".to_string(),
        // (Etc/GMT-5 is five hours *ahead* of UTC.)
        a if a > 0 => format!("Etc/GMT-{a}"),
        a => format!("Etc/GMT+{}", -a),
    }
}

/// A booking for `phone` made 10 minutes ago, two hours and 5 minutes from the time its 2h
/// reminder was due: that reminder is 5 minutes overdue (its 24h one had passed when it was made).
async fn due_booking(db_url: &str, business_id: frontdesk::store::BusinessId, phone: &str) {
    let store = Store::open(db_url, None).await.unwrap();
    let now_ms = Utc::now().timestamp_millis();
    let made_ms = now_ms - 10 * 60_000;
    let start_ms = now_ms + 2 * 3_600_000 - 5 * 60_000;
    insert_booking(&store, business_id, phone, start_ms, made_ms).await;
    store.close().await;
}

/// Texts the fake Twilio took, per recipient.
fn per_recipient(fake: &SlowTwilio) -> HashMap<String, Vec<String>> {
    let mut per: HashMap<String, Vec<String>> = HashMap::new();
    for (_, to, _, body) in fake.sent.lock().unwrap().iter() {
        per.entry(to.clone()).or_default().push(body.clone());
    }
    per
}

/// Wait until each of `phones` got a text (failing at once if anyone got two).
async fn each_texted_once(fake: &SlowTwilio, phones: &[&str]) {
    let started = Instant::now();
    loop {
        let per = per_recipient(fake);
        assert!(
            per.values().all(|t| t.len() == 1),
            "a reminder went out twice: {per:?}"
        );
        if phones.iter().all(|p| per.contains_key(*p)) {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "not every due reminder was sent: {per:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn count(db_url: &str, table: &str) -> i64 {
    use sqlx::Row;
    let store = Store::open(db_url, None).await.unwrap();
    let n = sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
        .fetch_one(store.pool())
        .await
        .unwrap()
        .get::<i64, _>("n");
    store.close().await;
    n
}

async fn a_reminder_due_at_kill_dash_nine_is_sent_once_after_restart(backend: Backend) {
    // The business and schema come from a normal app; the real binary then serves that database.
    let profile = EXAMPLE.replace(
        "timezone = \"America/New_York\"",
        &format!("timezone = \"{}\"", zone_at_noon()),
    );
    let app = spawn_app_with(
        backend,
        Options {
            profile,
            worker: false,
            ..Default::default()
        },
    )
    .await;
    let business_id = app.business_id;
    let db = app.stop_keep_db().await;
    let db_url = db.url.clone();
    due_booking(&db_url, business_id, CALLERS[0]).await;
    due_booking(&db_url, business_id, CALLERS[1]).await;
    // Every send is taken by the fake Twilio and never answered until after the crash.
    let (twilio, fake) = slow_twilio(0).await;
    let port = crate::helpers::free_port();
    let http = reqwest::Client::new();

    // 1. Killed with both reminders queued and their sends in flight (their outcome unknown).
    let mut child = spawn_binary(&db_url, &twilio, port);
    wait_ready(&http, port).await;
    let started = Instant::now();
    while fake.sent.lock().unwrap().len() < 2 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the due reminders were not sent"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    child.kill().expect("kill -9");
    child.wait().unwrap();
    let per = per_recipient(&fake);
    assert_eq!(per.len(), 2, "{per:?}");
    for texts in per.values() {
        assert!(
            texts[0].starts_with("Reminder from Dave's Plumbing: your drain cleaning is"),
            "{texts:?}"
        );
    }
    assert_eq!(
        count(&db_url, "booking_reminders WHERE state = 'sent'").await,
        2
    );
    assert_eq!(
        count(&db_url, "outbox WHERE state = 'sent'").await,
        0,
        "the crash came before any send was recorded"
    );
    fake.hold.store(false, std::sync::atomic::Ordering::SeqCst);

    // 2. After the restart the sends are looked up at Twilio, not made again.
    let mut child = spawn_binary(&db_url, &twilio, port);
    wait_ready(&http, port).await;
    each_texted_once(&fake, &CALLERS[..2]).await;
    let started = Instant::now();
    while count(&db_url, "outbox WHERE state = 'sent'").await < 2 {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the sends were never recorded"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // 3. Killed with a reminder due that no round has looked at yet (or just has: either way).
    due_booking(&db_url, business_id, CALLERS[2]).await;
    child.kill().expect("kill -9");
    child.wait().unwrap();
    let mut child = spawn_binary(&db_url, &twilio, port);
    wait_ready(&http, port).await;
    each_texted_once(&fake, &CALLERS).await;

    // A moment more (the restart ran a reminder round at once): nothing goes again.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let per = per_recipient(&fake);
    assert_eq!(fake.sent.lock().unwrap().len(), 3, "{per:?}");
    assert_eq!(
        count(&db_url, "booking_reminders WHERE state = 'sent'").await,
        3
    );
    assert_eq!(count(&db_url, "messages WHERE kind = 'reminder'").await, 3);
    child.kill().unwrap();
    child.wait().unwrap();
    drop(db);
}
