//! No-shows: a past booking marked from the dashboard's bookings list by staff (CSRF-checked),
//! one text offering to rebook (through the outbox, opt-outs honoured, once), and the funnel's
//! count.

use crate::both_backends;
use crate::dashboard::{dashboard_app, signed_in, OWNER, STAFF_EMAIL};
use crate::helpers::*;
use reqwest::StatusCode;

both_backends!(
    staff_mark_a_no_show_and_the_caller_is_texted_once,
    a_no_show_marked_at_night_is_texted_in_the_callers_morning,
);

async fn staff_mark_a_no_show_and_the_caller_is_texted_once(backend: Backend) {
    // Wednesday 10:00 New York: a booking at 08:00 this morning, and one tomorrow.
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    let past = book_at(&app, "2026-12-02T13:00:00Z", CALLER).await;
    let ahead = book_at(&app, "2026-12-03T19:00:00Z", "+15550100161").await;
    let stopped = "+15550100162";
    let stopped_past = book_at(&app, "2026-12-02T14:00:00Z", stopped).await;
    sqlx::query("UPDATE contacts SET opted_out_at = 1 WHERE phone = $1")
        .bind(stopped)
        .execute(app.state.store.pool())
        .await
        .unwrap();
    let marked = || app.count("bookings WHERE no_show_at IS NOT NULL");

    let web = signed_in(&app, STAFF_EMAIL).await;
    let page = web.get(&format!("/app/{bid}/bookings")).await;
    assert_eq!(page.status, StatusCode::OK);
    let path = format!("/app/{bid}/bookings/{past}/no-show");
    assert!(page.body.contains(&path), "{}", page.body);
    assert!(!page
        .body
        .contains(&format!("/app/{bid}/bookings/{ahead}/no-show")));
    let csrf = page.csrf();

    // Without the form's token: refused, nothing changed.
    for token in [None, Some("forged-token")] {
        let form: Vec<(&str, &str)> = token.map(|t| ("csrf", t)).into_iter().collect();
        let page = web.post(&path, &form).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{token:?}");
    }
    assert_eq!(marked().await, 0);

    let page = web.post(&path, &[("csrf", &csrf)]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    app.settle().await;
    let texts = app.texts_to(CALLER).await;
    assert_eq!(
        texts,
        vec!["Hi, it's Dave's Plumbing - sorry we missed you for your drain cleaning. Want to book another time? Just reply here. Reply STOP to opt out.".to_string()]
    );
    assert_eq!(
        app.count("messages WHERE kind = 'no_show' AND author = 'system'")
            .await,
        1
    );
    // Again (a double click): nothing more.
    let page = web.post(&path, &[("csrf", &csrf)]).await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    app.settle().await;
    assert_eq!(app.texts_to(CALLER).await.len(), 1);
    // A booking still ahead cannot be marked.
    let page = web
        .post(
            &format!("/app/{bid}/bookings/{ahead}/no-show"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert_eq!(marked().await, 1);
    // A caller who opted out: marked, not texted.
    let owner = signed_in(&app, OWNER).await;
    let csrf = owner.get(&format!("/app/{bid}/bookings")).await.csrf();
    let page = owner
        .post(
            &format!("/app/{bid}/bookings/{stopped_past}/no-show"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    app.settle().await;
    assert!(app.texts_to(stopped).await.is_empty());
    assert_eq!(marked().await, 2);
    assert_eq!(app.count("messages WHERE kind = 'no_show'").await, 1);

    let page = owner.get(&format!("/app/{bid}/bookings")).await;
    assert!(page.body.contains("no-show</span>"), "{}", page.body);
    let page = owner.get(&format!("/app/{bid}/funnel?days=7")).await;
    assert!(
        page.body.contains("id=\"stat-no-shows\">2<"),
        "{}",
        page.body
    );
    app.stop().await;
}

/// Wednesday 21:30 in New York (Dave's Plumbing, and the caller: 555 is no real area code).
const NIGHT: &str = "2026-12-03T02:30:00Z";
/// Thursday 08:00 in New York.
const MORNING: &str = "2026-12-03T13:00:00Z";

async fn a_no_show_marked_at_night_is_texted_in_the_callers_morning(backend: Backend) {
    let at = |s: &str| s.parse::<chrono::DateTime<chrono::Utc>>().unwrap();
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    let clock = app.clock.as_ref().unwrap();
    let past = book_at(&app, "2026-12-02T21:00:00Z", CALLER).await;
    clock.set(at(NIGHT));
    let web = signed_in(&app, STAFF_EMAIL).await;
    let csrf = web.get(&format!("/app/{bid}/bookings")).await.csrf();
    let page = web
        .post(
            &format!("/app/{bid}/bookings/{past}/no-show"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    // Marked and written into the thread now; due when the caller's window opens.
    assert_eq!(app.count("bookings WHERE no_show_at IS NOT NULL").await, 1);
    let (status, due): (String, i64) = sqlx::query_as(
        "SELECT m.status, o.next_attempt_at FROM messages m JOIN outbox o ON o.message_id = m.id \
         WHERE m.kind = 'no_show'",
    )
    .fetch_one(app.state.store.pool())
    .await
    .unwrap();
    assert_eq!(status, "pending");
    assert_eq!(due, at(MORNING).timestamp_millis());
    app.state.wake_outbox();
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    assert!(app.texts_to(CALLER).await.is_empty(), "nothing at night");
    clock.set(at(MORNING));
    app.state.wake_outbox();
    app.settle().await;
    let texts = app.texts_to(CALLER).await;
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(texts[0].contains("sorry we missed you"), "{texts:?}");
    app.stop().await;
}
