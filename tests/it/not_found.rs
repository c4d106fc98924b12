//! Missing records (#15): the store says which row is missing (`store::Error::NotFound`), the
//! dashboard answers 404 naming it and changes nothing; a unique key taken is a `Conflict`, not a
//! failure.

use crate::both_backends;
use crate::dashboard::{dashboard_app, signed_in, OWNER, STAFF_EMAIL};
use crate::helpers::*;
use frontdesk::store::{bookings, BusinessId, Error};
use reqwest::StatusCode;

both_backends!(
    a_missing_record_is_a_404_that_names_it,
    the_store_tells_missing_from_taken,
);

async fn a_missing_record_is_a_404_that_names_it(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    // A real booking, so "nothing else changes" has something to keep.
    let booking = book_at(&app, "2026-12-02T13:00:00Z", CALLER).await;
    let messages_before = app.count("messages").await;
    let missing = 999_999;

    let staff = signed_in(&app, STAFF_EMAIL).await;
    let csrf = staff.get(&format!("/app/{bid}/inbox")).await.csrf();
    let page = staff.get(&format!("/app/{bid}/c/{missing}")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(
        page.body.contains("There is no such conversation here"),
        "{}",
        page.body
    );
    for action in ["take-over", "hand-back", "resolve", "reply"] {
        let page = staff
            .post(
                &format!("/app/{bid}/c/{missing}/{action}"),
                &[("csrf", &csrf), ("body", "hello?")],
            )
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{action}");
        assert!(page.body.contains("no such conversation"), "{action}");
    }
    for action in ["cancel", "no-show"] {
        let page = staff
            .post(
                &format!("/app/{bid}/bookings/{missing}/{action}"),
                &[("csrf", &csrf)],
            )
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{action}");
        assert!(
            page.body.contains("no such booking"),
            "{action}: {}",
            page.body
        );
    }
    let page = staff.get(&format!("/app/{missing}/inbox")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("no such business"), "{}", page.body);

    let owner = signed_in(&app, OWNER).await;
    let csrf = owner.get(&format!("/app/{bid}/inbox")).await.csrf();
    for (path, what) in [
        (
            format!("/app/{bid}/questions/{missing}/dismiss"),
            "question",
        ),
        (format!("/app/{bid}/questions/{missing}/faq"), "question"),
        (
            format!("/app/{bid}/team/invites/{missing}/cancel"),
            "invite",
        ),
        (format!("/app/{bid}/team/{missing}/remove"), "team member"),
    ] {
        let page = owner
            .post(&path, &[("csrf", &csrf), ("a", "An answer.")])
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(
            page.body.contains(&format!("no such {what}")),
            "{path}: {}",
            page.body
        );
    }

    // Nothing was sent or marked for the missing records; the real booking can still be marked.
    assert_eq!(app.count("messages").await, messages_before);
    assert_eq!(app.count("bookings WHERE no_show_at IS NOT NULL").await, 0);
    let csrf = staff.get(&format!("/app/{bid}/inbox")).await.csrf();
    let page = staff
        .post(
            &format!("/app/{bid}/bookings/{booking}/no-show"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(app.count("bookings WHERE no_show_at IS NOT NULL").await, 1);
    app.stop().await;
}

async fn the_store_tells_missing_from_taken(backend: Backend) {
    let app = spawn_app(backend).await;
    let bid = app.business_id;
    let now_ms = frontdesk::clock::to_millis(app.state.clock.now());
    let start = now_ms + 86_400_000;
    let first = insert_booking(&app.state.store, bid, CALLER, start, now_ms).await;
    let second = insert_booking(&app.state.store, bid, "+15550100161", start, now_ms).await;
    let mut conn = app.state.store.pool().acquire().await.unwrap();

    // Another business's booking is as missing as one never made.
    let e = bookings::get(&mut conn, BusinessId(bid.0 + 1), first)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { what: "booking" }), "{e:?}");
    assert_eq!(
        bookings::get(&mut conn, bid, first).await.unwrap().id,
        first
    );

    // Two bookings on the same cells: the second is a conflict (a unique violation, read
    // through the Any driver on both backends), not a failure.
    bookings::claim_cells(&mut conn, bid, first, start, start + 3_600_000)
        .await
        .unwrap();
    let e = bookings::claim_cells(&mut conn, bid, second, start, start + 3_600_000)
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Conflict {
                what: "booking time",
                ..
            }
        ),
        "{e:?}"
    );
    drop(conn);
    app.stop().await;
}
