//! Booking against the real store: races, holds, stale slots, cancel and reschedule, the bookings
//! feed, and owners' feeds that fail in every way a server can fail.

use crate::both_backends;
use crate::helpers::*;
use frontdesk::calendar::availability::SlotProblem;
use frontdesk::calendar::service::{BookingDetails, BookingError, Calendar};
use frontdesk::calendar::Slot;
use frontdesk::clock::FixedClock;
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

both_backends!(
    concurrent_bookings_exactly_one_wins,
    holds_expire_and_stale_slots_are_refused,
    cancel_and_reschedule_show_in_the_bookings_feed,
    feed_busy_time_blocks_slots_and_bad_fetches_keep_the_last_good_copy,
    a_feed_that_never_loaded_asks_for_a_person,
);

fn details(name: &str) -> BookingDetails {
    BookingDetails {
        service: Some("Drain cleaning".into()),
        caller_name: Some(name.into()),
        caller_phone: Some(CALLER.into()),
        address: Some("12 Oak St".into()),
        notes: Some("Kitchen sink backs up".into()),
        ..Default::default()
    }
}

async fn app_at_open_hours(backend: Backend, profile: String) -> TestApp {
    spawn_app_with(
        backend,
        Options {
            clock: Some(FixedClock::new(open_hours_instant())),
            profile,
            worker: false,
            ..Default::default()
        },
    )
    .await
}

async fn stored_row(
    app: &TestApp,
    id: frontdesk::store::BookingId,
) -> frontdesk::store::bookings::BookingRow {
    let mut conn = app.state.store.pool().acquire().await.unwrap();
    frontdesk::store::bookings::get(&mut conn, app.business_id, id)
        .await
        .unwrap()
}

async fn concurrent_bookings_exactly_one_wins(backend: Backend) {
    let app = app_at_open_hours(backend, EXAMPLE.to_string()).await;
    let business = app.business().await;
    let slots = Calendar::new(&app.state.engine.calendar, &business)
        .open_slots(Some("Drain cleaning"))
        .await
        .unwrap()
        .slots;
    let first = slots[0];
    // Twenty callers at once: the same slot, or one overlapping it by half an hour.
    let mut tasks = Vec::new();
    for i in 0..20 {
        let (state, business) = (app.state.clone(), business.clone());
        let slot = if i % 2 == 0 { first } else { slots[1] };
        tasks.push(tokio::spawn(async move {
            Calendar::new(&state.engine.calendar, &business)
                .book(slot, &details(&format!("Caller {i}")), None)
                .await
        }));
    }
    let mut wins = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => wins += 1,
            Err(BookingError::Taken) | Err(BookingError::Unavailable(SlotProblem::Busy)) => {}
            Err(e) => panic!("unexpected: {e}"),
        }
    }
    assert_eq!(wins, 1);
    assert_eq!(app.count("bookings WHERE status = 'booked'").await, 1);
    app.stop().await;
}

async fn holds_expire_and_stale_slots_are_refused(backend: Backend) {
    let app = app_at_open_hours(backend, EXAMPLE.to_string()).await;
    let business = app.business().await;
    let cal = Calendar::new(&app.state.engine.calendar, &business);
    let slots = cal.open_slots(Some("Drain cleaning")).await.unwrap().slots;
    // Not the very first slot: the clock moves on below, and that one would become too soon.
    let slot = slots[4];
    let hold = cal.hold(slot, &details("Ann"), 15).await.unwrap();
    assert_eq!(hold.status, "held");
    // The rows the calendar returns (built from what was written) are the rows as stored.
    assert_eq!(hold, stored_row(&app, hold.id).await);
    // Held slots are not offered to anyone else, and cannot be booked over.
    let again = cal.open_slots(Some("Drain cleaning")).await.unwrap().slots;
    assert!(!again.contains(&slot));
    assert!(matches!(
        cal.book(slot, &details("Bob"), None).await,
        Err(BookingError::Unavailable(SlotProblem::Busy))
    ));
    // The hold lapses after 15 minutes: now Bob can have it and Ann's hold is refused.
    app.clock
        .as_ref()
        .unwrap()
        .advance(chrono::Duration::minutes(16));
    let bob = cal.book(slot, &details("Bob"), None).await.unwrap();
    assert_eq!(bob.status, "booked");
    assert!(matches!(
        cal.book(slot, &details("Ann"), Some(hold.id)).await,
        Err(BookingError::HoldLapsed)
    ));
    // A hold confirmed in time becomes the booking.
    let later = cal.open_slots(Some("Drain cleaning")).await.unwrap().slots;
    let s2 = *later.last().unwrap();
    let h2 = cal.hold(s2, &details("Cy"), 15).await.unwrap();
    let booked = cal.book(s2, &details("Cy"), Some(h2.id)).await.unwrap();
    assert_eq!((booked.id, booked.status.as_str()), (h2.id, "booked"));
    assert_eq!(booked, stored_row(&app, booked.id).await);
    // Unknown or stale slots are refused with a reason.
    let off_grid = Slot {
        start: slot.start + 10 * 60_000,
        end: slot.end + 10 * 60_000,
    };
    assert!(matches!(
        cal.book(off_grid, &details("Dee"), None).await,
        Err(BookingError::Unavailable(SlotProblem::OffGrid))
    ));
    let now = app.state.clock.now().timestamp_millis();
    let past = Slot {
        start: now - 3_600_000,
        end: now,
    };
    assert!(matches!(
        cal.book(past, &details("Dee"), None).await,
        Err(BookingError::Unavailable(_))
    ));
    let wrong_length = Slot {
        start: later[3].start,
        end: later[3].start + 7 * 60_000,
    };
    assert!(cal.book(wrong_length, &details("Dee"), None).await.is_err());
    let mut unknown = details("Dee");
    unknown.service = Some("Boiler repair".into());
    assert!(matches!(
        cal.book(later[3], &unknown, None).await,
        Err(BookingError::UnknownService(_))
    ));
    app.stop().await;
}

async fn cancel_and_reschedule_show_in_the_bookings_feed(backend: Backend) {
    let app = app_at_open_hours(backend, EXAMPLE.to_string()).await;
    let business = app.business().await;
    let cal = Calendar::new(&app.state.engine.calendar, &business);
    let slots = cal.open_slots(Some("Drain cleaning")).await.unwrap().slots;
    let a = cal.book(slots[0], &details("Ann"), None).await.unwrap();
    let b = cal.book(slots[10], &details("Bob"), None).await.unwrap();
    let moved = cal.reschedule(a.id, slots[20]).await.unwrap();
    assert_eq!(
        (moved.status.as_str(), moved.sequence, moved.start_at),
        ("rescheduled", 1, slots[20].start)
    );
    // The old time is free again; the new one is not.
    let now_free = cal.open_slots(Some("Drain cleaning")).await.unwrap().slots;
    assert!(now_free.contains(&slots[0]) && !now_free.contains(&slots[20]));
    assert_eq!(moved, stored_row(&app, a.id).await);
    let cancelled = cal.cancel(b.id).await.unwrap();
    assert_eq!(cancelled.status, "cancelled");
    assert_eq!(cancelled, stored_row(&app, b.id).await);
    assert!(matches!(
        cal.cancel(b.id).await,
        Err(BookingError::WrongState(_))
    ));
    assert!(cal
        .open_slots(Some("Drain cleaning"))
        .await
        .unwrap()
        .slots
        .contains(&slots[10]));

    let token = {
        let mut conn = app.state.store.pool().acquire().await.unwrap();
        frontdesk::store::bookings::calendar_token(&mut conn, app.business_id)
            .await
            .unwrap()
    };
    assert_eq!(token.len(), 64);
    let res = app
        .http
        .get(format!("{}/calendar/{token}.ics", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let body = res.text().await.unwrap();
    let unfolded = icalendar::parser::unfold(&body);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("our feed parses");
    let events: Vec<_> = parsed
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    assert_eq!(events.len(), 2);
    let prop = |e: &icalendar::parser::Component, n: &str| {
        e.properties
            .iter()
            .find(|p| p.name.as_str() == n)
            .map(|p| p.val.as_str().to_string())
    };
    let ann = events
        .iter()
        .find(|e| prop(e, "UID").as_deref() == Some(a.uid.as_str()))
        .unwrap();
    assert_eq!(prop(ann, "SEQUENCE").as_deref(), Some("1"));
    assert_eq!(prop(ann, "STATUS").as_deref(), Some("CONFIRMED"));
    assert_eq!(prop(ann, "LOCATION").as_deref(), Some("12 Oak St"));
    assert!(prop(ann, "DTSTAMP").is_some());
    let bob = events
        .iter()
        .find(|e| prop(e, "UID").as_deref() == Some(b.uid.as_str()))
        .unwrap();
    assert_eq!(prop(bob, "STATUS").as_deref(), Some("CANCELLED"));
    assert!(body.lines().all(|l| l.len() <= 76));
    // A wrong token is a plain 404.
    let wrong = "0".repeat(64);
    assert_eq!(
        app.http
            .get(format!("{}/calendar/{wrong}.ics", app.base))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        app.http
            .get(format!("{}/calendar/nope.ics", app.base))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    app.stop().await;
}

fn with_feed(url: &str) -> String {
    EXAMPLE.replace(
        "calendar_feeds = []",
        &format!("calendar_feeds = [\"{url}\"]"),
    )
}

async fn serve(server: &MockServer, response: ResponseTemplate) {
    server.reset().await;
    Mock::given(method("GET"))
        .and(path("/feed.ics"))
        .respond_with(response)
        .mount(server)
        .await;
}

async fn feed_health(app: &TestApp) -> frontdesk::store::feeds::FeedMeta {
    let mut conn = app.state.store.pool().acquire().await.unwrap();
    frontdesk::store::feeds::list(&mut conn, app.business_id)
        .await
        .unwrap()
        .remove(0)
}

async fn feed_busy_time_blocks_slots_and_bad_fetches_keep_the_last_good_copy(backend: Backend) {
    let feed = MockServer::start().await;
    let google = std::fs::read_to_string(format!(
        "{}/tests/fixtures/ics/google.ics",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    serve(
        &feed,
        ResponseTemplate::new(200)
            .insert_header("ETag", "\"v1\"")
            .set_body_string(google.clone()),
    )
    .await;
    let app = app_at_open_hours(backend, with_feed(&format!("{}/feed.ics", feed.uri()))).await;
    let business = app.business().await;
    let cal = Calendar::new(&app.state.engine.calendar, &business);
    let thursday = |slots: &[Slot]| {
        slots
            .iter()
            .filter(|s| {
                s.for_sms(chrono_tz::America::New_York)
                    .starts_with("Thu Dec 3")
            })
            .count()
    };
    let avail = cal.open_slots(None).await.unwrap();
    assert!(!avail.needs_human_confirmation());
    assert_eq!(
        thursday(&avail.slots),
        0,
        "the all-day supplier visit blocks Thursday"
    );
    let baseline = avail.slots.clone();
    let health = feed_health(&app).await;
    assert!(health.last_success_at.is_some() && health.last_error.is_none());
    assert_eq!(health.events, Some(6));

    // Conditional GET: the server says nothing changed.
    serve(&feed, ResponseTemplate::new(304)).await;
    let meta = feed_health(&app).await;
    let tz = chrono_tz::America::New_York;
    assert_eq!(
        frontdesk::calendar::feeds::refresh(&app.state.engine.calendar, &meta, tz, 14)
            .await
            .unwrap(),
        None
    );
    let req = &feed.received_requests().await.unwrap()[0];
    assert_eq!(
        req.headers.get("if-none-match").unwrap().to_str().unwrap(),
        "\"v1\""
    );

    let truncated = google[..900].to_string();
    let failures = vec![
        ("HTTP 500", ResponseTemplate::new(500), "answered 500"),
        (
            "HTML",
            ResponseTemplate::new(200).set_body_string("<!DOCTYPE html><html>Sign in</html>"),
            "HTML",
        ),
        (
            "truncated",
            ResponseTemplate::new(200).set_body_string(truncated),
            "truncated",
        ),
        (
            "huge",
            ResponseTemplate::new(200).set_body_string("X".repeat(300_000)),
            "limit",
        ),
        (
            "slow",
            ResponseTemplate::new(200)
                .set_body_string(google.clone())
                .set_delay(Duration::from_secs(3)),
            "in time",
        ),
    ];
    for (what, response, expect) in failures {
        serve(&feed, response).await;
        let meta = feed_health(&app).await;
        let err = frontdesk::calendar::feeds::refresh(&app.state.engine.calendar, &meta, tz, 14)
            .await
            .unwrap();
        let err = err.unwrap_or_else(|| panic!("{what}: refresh should fail"));
        assert!(err.contains(expect), "{what}: {err}");
        let health = feed_health(&app).await;
        assert_eq!(health.last_error.as_deref(), Some(err.as_str()), "{what}");
        assert!(health.has_body, "{what}: last good copy kept");
        assert_eq!(
            cal.open_slots(None).await.unwrap().slots,
            baseline,
            "{what}: availability unchanged"
        );
    }
    app.stop().await;
}

async fn a_feed_that_never_loaded_asks_for_a_person(backend: Backend) {
    let feed = MockServer::start().await;
    serve(&feed, ResponseTemplate::new(503)).await;
    let app = app_at_open_hours(backend, with_feed(&format!("{}/feed.ics", feed.uri()))).await;
    let business = app.business().await;
    let avail = Calendar::new(&app.state.engine.calendar, &business)
        .open_slots(None)
        .await
        .unwrap();
    assert!(avail.needs_human_confirmation());
    assert_eq!(avail.unloaded_feeds.len(), 1);
    assert!(feed_health(&app).await.last_error.unwrap().contains("503"));
    app.stop().await;
}
