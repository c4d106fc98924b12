//! Several instances on one database, crashes, provider faults and input limits.

use crate::both_backends;
use crate::helpers::*;
use frontdesk::app::{App, BuildOptions};
use frontdesk::store::Store;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

both_backends!(
    periodic_jobs_run_once_across_instances,
    faults_show_in_metrics,
    a_caller_cannot_open_endless_threads,
    an_overlong_text_is_clipped_not_lost,
    kill_dash_nine_loses_nothing_and_sends_nothing_twice,
);

/// Another `frontdesk serve` on the same database and the same fake Twilio.
pub struct Peer {
    pub base: String,
    shutdown: tokio::sync::oneshot::Sender<()>,
    server: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl Peer {
    pub async fn start(app: &TestApp) -> Peer {
        let config = test_config(&app.db.url, &app.twilio.uri());
        let store = Store::open(&config.database_url, None).await.unwrap();
        let built = App::build(
            config,
            BuildOptions {
                store: Some(store),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let base = format!("http://{}", built.local_addr());
        let (tx, rx) = tokio::sync::oneshot::channel();
        let server = tokio::spawn(built.run_until_stopped(async {
            let _ = rx.await;
        }));
        Peer {
            base,
            shutdown: tx,
            server,
        }
    }

    pub async fn stop(self) {
        let _ = self.shutdown.send(());
        let _ = self.server.await;
    }
}

async fn periodic_jobs_run_once_across_instances(backend: Backend) {
    let app = spawn_app(backend).await;
    let other = Store::open(&app.db.url, None).await.unwrap();
    let stores = [app.state.store.clone(), other];
    for round in 0..3 {
        let now = 1_000_000 + round * 60_000;
        let mut claims = Vec::new();
        for i in 0..8 {
            let store = stores[i % 2].clone();
            claims.push(tokio::spawn(async move {
                frontdesk::store::jobs::claim_run(&store, "feeds", &format!("i{i}"), now, 60_000)
                    .await
                    .unwrap()
            }));
        }
        let mut won = 0;
        for c in claims {
            if c.await.unwrap() {
                won += 1;
            }
        }
        assert_eq!(won, 1, "round {round}: exactly one instance runs the job");
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_notify_from_one_instance_wakes_another() {
    if postgres_url().is_none() {
        return;
    }
    let app = spawn_app_with(
        Backend::Postgres,
        Options {
            worker: false,
            ..Default::default()
        },
    )
    .await;
    let (_stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let state = app.state.clone();
    tokio::spawn(frontdesk::jobs::listen::listen(state.clone(), stop_rx));
    // The listener wakes the workers once when it connects...
    tokio::time::timeout(Duration::from_secs(20), state.outbox_wake.notified())
        .await
        .expect("listener connected");
    // ...and again whenever another instance writes work.
    let other = Store::open(&app.db.url, None).await.unwrap();
    let waiter = tokio::spawn({
        let state = state.clone();
        async move { state.turn_wake.notified().await }
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    other
        .notify(frontdesk::jobs::listen::TURNS, "another-instance")
        .await
        .unwrap();
    tokio::time::timeout(Duration::from_secs(20), waiter)
        .await
        .expect("woken by NOTIFY from another instance")
        .unwrap();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_share_the_work_exactly_once() {
    if postgres_url().is_none() {
        return;
    }
    let app = spawn_app(Backend::Postgres).await;
    let peer = Peer::start(&app).await;
    let callers: Vec<String> = (0..20)
        .map(|i| format!("+1555010{:04}", 3000 + i))
        .collect();
    // Missed calls land on either instance.
    for (i, c) in callers.iter().enumerate() {
        let base = if i % 2 == 0 { &app.base } else { &peer.base };
        let resp = app
            .post_twilio_to(
                base,
                "/webhooks/twilio/voice",
                &[
                    ("CallSid", &format!("CAmulti{i}")),
                    ("From", c),
                    ("To", BUSINESS_NUMBER),
                    ("CallStatus", "ringing"),
                ],
            )
            .await;
        assert_eq!(resp.status(), 200);
    }
    // Each caller then texts twice, each text to the other instance.
    for round in 0..2 {
        for (i, c) in callers.iter().enumerate() {
            let base = if (i + round) % 2 == 0 {
                &peer.base
            } else {
                &app.base
            };
            let body = if round == 0 {
                "Do you charge for estimates?"
            } else {
                "how much is drain cleaning?"
            };
            let resp = app
                .post_twilio_to(
                    base,
                    "/webhooks/twilio/sms",
                    &[
                        ("MessageSid", &format!("SMmulti{round}x{i}")),
                        ("From", c),
                        ("To", BUSINESS_NUMBER),
                        ("Body", body),
                    ],
                )
                .await;
            assert_eq!(resp.status(), 200);
        }
        app.quiet().await;
    }
    for c in &callers {
        let texts = app.texts_to(c).await;
        assert_eq!(
            texts.len(),
            3,
            "{c}: one text-back and one reply per text: {texts:?}"
        );
        // The text-back first (open-hours or after-hours wording: the real clock decides).
        assert!(
            texts[0].starts_with("Sorry we missed you")
                || texts[0].starts_with("Thanks for calling"),
            "{texts:?}"
        );
        assert!(
            texts[1].contains("Estimates are free"),
            "in order: {texts:?}"
        );
        assert!(texts[2].contains("$149"), "in order: {texts:?}");
    }
    peer.stop().await;
    app.stop().await;
}

async fn faults_show_in_metrics(backend: Backend) {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    // The LLM endpoint is down, Twilio fails twice, a calendar feed hangs.
    let feeds = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/hang.ics"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&feeds)
        .await;
    let profile = EXAMPLE.replace(
        "calendar_feeds = []",
        &format!("calendar_feeds = [\"{}/hang.ics\"]", feeds.uri()),
    );
    let app = spawn_app_with(
        backend,
        Options {
            // A real clock: retries are scheduled in real time.
            profile,
            llm: Some("http://127.0.0.1:9/v1".into()),
            mount_default_twilio: false,
            ..Default::default()
        },
    )
    .await;
    Mock::given(method("POST"))
        .and(path(MESSAGES_PATH))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&app.twilio)
        .await;
    mount_twilio_ok(&app.twilio).await;
    // The caller still gets one answer (the built-in policy), accepted on the third attempt.
    assert_eq!(
        app.inbound_sms("SMfault1", CALLER, "Do you charge for estimates?")
            .await
            .status(),
        200
    );
    app.quiet().await;
    let attempts = app.texts_to(CALLER).await;
    assert_eq!(attempts.len(), 3, "two refused with 500, then accepted");
    assert!(attempts[2].contains("Estimates are free"), "{attempts:?}");
    assert_eq!(
        app.count("messages WHERE direction = 'outbound' AND sent_at IS NOT NULL")
            .await,
        1
    );
    frontdesk::calendar::feeds::refresh_all(&app.state.engine.calendar)
        .await
        .unwrap();
    let metrics = app.metrics().await;
    assert!(
        metrics.contains("frontdesk_llm_calls_total{outcome=\"http_error\"}"),
        "{metrics}"
    );
    assert!(
        metrics.contains("frontdesk_send_retries_total 2"),
        "{metrics}"
    );
    assert!(
        metrics.contains("frontdesk_feed_errors_total 1"),
        "{metrics}"
    );
    app.stop().await;
}

async fn a_caller_cannot_open_endless_threads(backend: Backend) {
    let app = spawn_app_with(
        backend,
        Options {
            clock: Some(frontdesk::clock::FixedClock::new(open_hours_instant())),
            ..Default::default()
        },
    )
    .await;
    let limit = frontdesk::store::conversations::MAX_CONVERSATIONS_PER_HOUR;
    for i in 0..limit + 3 {
        app.say(&format!("Do you charge for estimates? ({i})"))
            .await;
        // Staff resolve it each time; the caller texts again.
        sqlx::query("UPDATE conversations SET closed_at = 1")
            .execute(app.state.store.pool())
            .await
            .unwrap();
    }
    assert_eq!(app.count("conversations").await, limit);
    // No text was lost: every one is stored.
    assert_eq!(
        app.count("messages WHERE direction = 'inbound'").await,
        limit + 3
    );
    app.stop().await;
}

async fn an_overlong_text_is_clipped_not_lost(backend: Backend) {
    let app = spawn_app(backend).await;
    let long = "x".repeat(5000);
    let resp = app.inbound_sms("SMlong", CALLER, &long).await;
    assert_eq!(resp.status(), 200);
    use sqlx::Row;
    let stored: String = sqlx::query("SELECT body FROM messages WHERE provider_sid = 'SMlong'")
        .fetch_one(app.state.store.pool())
        .await
        .unwrap()
        .get("body");
    assert_eq!(
        stored.chars().count(),
        frontdesk::inbound::MAX_INBOUND_CHARS
    );
    app.stop().await;
}

/// A fake Twilio for the real binary: Messages POSTs (slow, so a crash catches sends in flight)
/// and the Messages list the outbox reconciles with.
#[derive(Default)]
pub struct SlowTwilio {
    /// (sid, To, From, Body) of each send taken, in order.
    pub sent: Mutex<Vec<(String, String, String, String)>>,
    /// Until the crash, every send after the first `answered` is taken but never answered: its
    /// outcome is unknown to the sender when it dies.
    pub hold: std::sync::atomic::AtomicBool,
    pub answered: std::sync::atomic::AtomicUsize,
}

/// The fake Twilio's base URL, and what it took; it holds every send after the first `answered`.
pub async fn slow_twilio(answered: usize) -> (String, Arc<SlowTwilio>) {
    use axum::extract::{Query, State};
    use axum::routing::post;
    let fake = Arc::new(SlowTwilio::default());
    fake.hold.store(true, std::sync::atomic::Ordering::SeqCst);
    fake.answered
        .store(answered, std::sync::atomic::Ordering::SeqCst);
    async fn create(
        State(f): State<Arc<SlowTwilio>>,
        body: axum::body::Bytes,
    ) -> (axum::http::StatusCode, axum::Json<serde_json::Value>) {
        // Recorded on arrival, answered later: a crash in between leaves a text that went out
        // but whose SID the sender never learnt.
        let form: HashMap<String, String> = serde_urlencoded::from_bytes(&body).unwrap();
        let sid = {
            let mut sent = f.sent.lock().unwrap();
            let sid = format!("SM{:032x}", sent.len() + 1);
            sent.push((
                sid.clone(),
                form["To"].clone(),
                form["From"].clone(),
                form["Body"].clone(),
            ));
            sid
        };
        let held = f.hold.load(std::sync::atomic::Ordering::SeqCst)
            && f.sent.lock().unwrap().len() > f.answered.load(std::sync::atomic::Ordering::SeqCst);
        let wait = if held { 3_600_000 } else { 150 };
        tokio::time::sleep(Duration::from_millis(wait)).await;
        (
            axum::http::StatusCode::CREATED,
            axum::Json(serde_json::json!({"sid": sid, "status": "queued"})),
        )
    }
    async fn list(
        State(f): State<Arc<SlowTwilio>>,
        Query(q): Query<HashMap<String, String>>,
    ) -> axum::Json<serde_json::Value> {
        let sent = f.sent.lock().unwrap();
        let messages: Vec<serde_json::Value> = sent
            .iter()
            .filter(|(_, to, from, _)| Some(to) == q.get("To") && Some(from) == q.get("From"))
            .map(
                |(sid, _, _, body)| serde_json::json!({"sid": sid, "body": body, "status": "sent"}),
            )
            .collect();
        axum::Json(serde_json::json!({"messages": messages}))
    }
    let app = axum::Router::new()
        .route(MESSAGES_PATH, post(create).get(list))
        .with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}"), fake)
}

/// `frontdesk serve` as a real process on `port`, on `db_url`, sending through `twilio`.
pub fn spawn_binary(db_url: &str, twilio: &str, port: u16) -> std::process::Child {
    spawn_binary_with(db_url, twilio, port, &[])
}

/// [`spawn_binary`] with more settings in its environment.
pub fn spawn_binary_with(
    db_url: &str,
    twilio: &str,
    port: u16,
    env: &[(&str, &str)],
) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .envs(env.iter().copied())
        .arg("serve")
        .env("DATABASE_URL", db_url)
        .env("FRONTDESK_LISTEN", format!("127.0.0.1:{port}"))
        .env("FRONTDESK_METRICS_LISTEN", "off")
        .env("FRONTDESK_PUBLIC_URL", PUBLIC_URL)
        .env("TWILIO_ACCOUNT_SID", ACCOUNT_SID)
        .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
        .env("TWILIO_API_BASE", twilio)
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start frontdesk")
}

pub async fn wait_ready(http: &reqwest::Client, port: u16) {
    for _ in 0..300 {
        if let Ok(r) = http
            .get(format!("http://127.0.0.1:{port}/readyz"))
            .send()
            .await
        {
            if r.status() == 200 {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("frontdesk did not become ready");
}

async fn kill_dash_nine_loses_nothing_and_sends_nothing_twice(backend: Backend) {
    // The business and schema come from a normal app; the real binary then serves that database.
    let app = spawn_app(backend).await;
    let db = app.stop_keep_db().await;
    let db_url = db.url.clone();
    let (twilio, fake) = slow_twilio(5).await;
    let port = crate::helpers::free_port();
    let http = reqwest::Client::new();
    let mut child = spawn_binary(&db_url, &twilio, port);
    wait_ready(&http, port).await;
    let callers: Vec<String> = (0..30)
        .map(|i| format!("+1555010{:04}", 5000 + i))
        .collect();
    let mut accepted = 0;
    for (i, c) in callers.iter().enumerate() {
        missed_call(&http, port, &format!("CAcrash{i}"), c).await;
        accepted += 1;
    }
    // Kill -9 while sends are in flight (each takes 150 ms at the fake Twilio).
    let started = Instant::now();
    while fake.sent.lock().unwrap().len() < 5 && started.elapsed() < Duration::from_secs(30) {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    child.kill().expect("kill -9");
    child.wait().unwrap();
    fake.hold.store(false, std::sync::atomic::Ordering::SeqCst);
    // The crash came mid-way: texts had gone out whose outcome the server never recorded.
    let recorded: i64 = {
        use sqlx::Row;
        let store = Store::open(&db_url, None).await.unwrap();
        let n = sqlx::query("SELECT COUNT(*) AS n FROM outbox WHERE state = 'sent'")
            .fetch_one(store.pool())
            .await
            .unwrap()
            .get::<i64, _>("n");
        store.close().await;
        n
    };
    let at_crash = fake.sent.lock().unwrap().len() as i64;
    assert!(
        recorded < at_crash,
        "some sends were in flight at the crash ({recorded} recorded, {at_crash} taken by Twilio)"
    );
    // Restart: pending work resumes; sends whose outcome was unknown are looked up, not resent.
    let mut child = spawn_binary(&db_url, &twilio, port);
    wait_ready(&http, port).await;
    let started = Instant::now();
    loop {
        let sent = fake.sent.lock().unwrap().clone();
        let mut per: HashMap<&str, usize> = HashMap::new();
        for (_, to, _, _) in &sent {
            *per.entry(to.as_str()).or_default() += 1;
        }
        assert!(
            per.values().all(|n| *n == 1),
            "a text went out twice: {per:?}"
        );
        if callers.iter().all(|c| per.contains_key(c.as_str())) {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "not every accepted call got its text-back: {} of {accepted}",
            per.len()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // A moment more: nothing is sent again afterwards either.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(fake.sent.lock().unwrap().len(), callers.len());
    child.kill().unwrap();
    child.wait().unwrap();
}

/// A signed missed call from `caller` (its text-back is queued at once).
pub async fn missed_call(http: &reqwest::Client, port: u16, sid: &str, caller: &str) {
    let params = form(&[
        ("CallSid", sid),
        ("From", caller),
        ("To", BUSINESS_NUMBER),
        ("CallStatus", "ringing"),
    ]);
    let sig = frontdesk::telephony::twilio::signature(
        AUTH_TOKEN,
        &format!("{PUBLIC_URL}/webhooks/twilio/voice"),
        &params,
    );
    let r = http
        .post(format!("http://127.0.0.1:{port}/webhooks/twilio/voice"))
        .header("X-Twilio-Signature", sig)
        .form(&params)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}
