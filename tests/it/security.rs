//! One tenant cannot hurt another: what an owner types cannot reach the server's files or
//! network, and cannot exhaust its time or memory.

use crate::both_backends;
use crate::dashboard::{dashboard_app, dashboard_app_with, signed_in, Web, OWNER, PASSWORD};
use crate::helpers::*;
use frontdesk::calendar::address::FeedPolicy;
use frontdesk::calendar::feeds::{Fetched, Fetcher};
use reqwest::StatusCode;
use std::time::{Duration, Instant};

both_backends!(
    feed_addresses_from_the_dashboard_stay_outside_the_server,
    metrics_are_not_public,
    an_admin_resets_a_password,
);

async fn feed_addresses_from_the_dashboard_stay_outside_the_server(backend: Backend) {
    let app = dashboard_app_with(
        backend,
        Options {
            strict_network: true,
            ..Default::default()
        },
    )
    .await;
    let bid = app.business_id;
    let web = signed_in(&app, OWNER).await;
    let internal = wiremock::MockServer::start().await;
    let page_path = format!("/app/{bid}/profile");
    let stored = || async {
        let mut conn = app.state.store.pool().acquire().await.unwrap();
        frontdesk::store::feeds::list(&mut conn, bid)
            .await
            .unwrap()
            .len()
    };
    for feed in [
        "/etc/passwd".to_string(),
        "file:///dev/zero".to_string(),
        "evals/calendars/plumber.ics".to_string(),
        format!("{}/calendar.ics", internal.uri()),
        format!("https://{}/calendar.ics", internal.address()),
        "https://169.254.169.254/latest/meta-data/".into(),
        "https://[::1]/x.ics".into(),
        "https://localhost/x.ics".into(),
        "https://10.0.0.5/x.ics".into(),
        "gopher://example.com/x".into(),
    ] {
        let page = web
            .submit(
                &page_path,
                &format!("{page_path}/booking"),
                &[
                    ("booking.calendar_feeds", feed.as_str()),
                    ("booking.slot_minutes", "60"),
                    ("booking.buffer_minutes", "0"),
                    ("booking.min_notice_minutes", "120"),
                    ("booking.horizon_days", "14"),
                    ("booking.max_proposals", "3"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{feed}");
        assert!(
            page.body.contains("booking.calendar_feeds"),
            "the error names the field: {feed}"
        );
        assert_eq!(stored().await, 0, "{feed} was not stored");
    }
    assert!(
        internal
            .received_requests()
            .await
            .unwrap_or_default()
            .is_empty(),
        "the internal service was never contacted"
    );
    app.stop().await;
}

fn fetcher(policy: FeedPolicy) -> Fetcher {
    Fetcher::new(Duration::from_secs(2), 100_000, policy).unwrap()
}

#[tokio::test]
async fn feeds_are_checked_again_when_fetched() {
    let strict = fetcher(FeedPolicy::default());
    let internal = wiremock::MockServer::start().await;
    for source in [
        format!("{}/x.ics", internal.uri()),
        format!("https://{}/x.ics", internal.address()),
        "https://localhost/x.ics".into(),
        "/etc/hostname".into(),
        "tests/fixtures/does-not-exist.ics".into(),
    ] {
        let err = strict.fetch(&source, None, None).await.err().unwrap();
        assert!(!err.contains("/etc"), "no internal detail: {err}");
    }
    assert!(internal
        .received_requests()
        .await
        .unwrap_or_default()
        .is_empty());
}

#[tokio::test]
async fn file_feeds_are_bounded_and_say_nothing_about_the_server() {
    let files = fetcher(FeedPolicy {
        allow_private: false,
        allow_files: true,
    });
    // /dev/zero reports size 0 and never ends: only regular files are read, in bounded time.
    let started = Instant::now();
    assert!(files.fetch("/dev/zero", None, None).await.is_err());
    assert!(started.elapsed() < Duration::from_secs(2));
    // The size limit is enforced while reading, not from metadata.
    let big = std::env::temp_dir().join(format!("fd-big-{}.ics", std::process::id()));
    std::fs::write(&big, "X".repeat(300_000)).unwrap();
    let err = files
        .fetch(big.to_str().unwrap(), None, None)
        .await
        .err()
        .unwrap();
    let _ = std::fs::remove_file(&big);
    assert!(err.contains("larger than"), "{err}");
    // Missing, a directory, unreadable: the same sentence, so errors are no file-existence oracle.
    let missing = files
        .fetch("/nonexistent/cal.ics", None, None)
        .await
        .err()
        .unwrap();
    let dir = files.fetch("/etc", None, None).await.err().unwrap();
    assert_eq!(missing, dir);
    assert!(!missing.contains("/nonexistent"), "{missing}");
    let ok = files
        .fetch("evals/calendars/plumber.ics", None, None)
        .await
        .unwrap();
    assert!(matches!(ok, Fetched::Body { text, .. } if text.contains("BEGIN:VCALENDAR")));
}

#[tokio::test]
async fn import_refuses_file_feeds_unless_the_admin_allows_them() {
    let db = fresh_db(Backend::Sqlite).await;
    let store = frontdesk::store::Store::open(&db.url, None).await.unwrap();
    let dir = std::env::temp_dir().join(format!("fd-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("biz.toml");
    std::fs::write(
        &file,
        EXAMPLE.replace(
            "calendar_feeds = []",
            "calendar_feeds = [\"evals/calendars/plumber.ics\"]",
        ),
    )
    .unwrap();
    let err = frontdesk::cli::import(&store, &file, FeedPolicy::default())
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("booking.calendar_feeds[0]"), "{err}");
    assert!(err.contains("FRONTDESK_ALLOW_FILE_FEEDS"), "{err}");
    let allowed = FeedPolicy {
        allow_private: false,
        allow_files: true,
    };
    frontdesk::cli::import(&store, &file, allowed)
        .await
        .unwrap();
}

/// `/metrics` is served on the operations listener; on the public one only to the bearer of the
/// configured token.
async fn metrics_are_not_public(backend: Backend) {
    let app = spawn_app(backend).await;
    assert!(app.metrics().await.contains("frontdesk_"));
    let public = reqwest::get(format!("{}/metrics", app.base)).await.unwrap();
    assert_eq!(public.status(), 404);
    app.stop().await;
    let token = "a-long-metrics-token-123";
    let app = spawn_app_with(
        backend,
        Options {
            metrics_token: Some(token.into()),
            ..Default::default()
        },
    )
    .await;
    let http = reqwest::Client::new();
    let url = format!("{}/metrics", app.base);
    let status = |auth: Option<&str>| {
        let mut req = http.get(&url);
        if let Some(a) = auth {
            req = req.header("authorization", a);
        }
        async move { req.send().await.unwrap().status() }
    };
    assert_eq!(status(None).await, 401);
    assert_eq!(status(Some("Bearer wrong-token-wrong-token")).await, 401);
    assert_eq!(status(Some(&format!("Bearer {token}"))).await, 200);
    app.stop().await;
}

async fn an_admin_resets_a_password(backend: Backend) {
    let app = dashboard_app(backend).await;
    let web = signed_in(&app, OWNER).await;
    let out = frontdesk::cli::user_reset_password(&app.state.store, OWNER)
        .await
        .unwrap();
    let one_time = out
        .split("one-time password ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    // The old session has ended, the old password no longer works, the new one does.
    let page = web.get(&format!("/app/{}/inbox", app.business_id)).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "signed out");
    let fresh = Web::new(&app);
    assert_eq!(
        fresh.sign_in(OWNER, PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    let page = fresh.sign_in(OWNER, &one_time).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(
        page.location.unwrap_or_default().contains("password"),
        "asked to choose a password"
    );
    let unknown = frontdesk::cli::user_reset_password(&app.state.store, "nobody@example.com")
        .await
        .unwrap_err()
        .to_string();
    assert!(unknown.contains("--email"), "{unknown}");
    app.stop().await;
}
