//! Test helpers: a real app on a random port, a fresh database per test, and a fake Twilio REST
//! server (wiremock) that records what it received.

#![allow(dead_code)]

use frontdesk::app::{App, AppState, BuildOptions};
use frontdesk::clock::{FixedClock, SharedClock};
use frontdesk::config::{Config, TwilioConfig};
use frontdesk::store::Store;
use frontdesk::telephony::twilio::signature;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

pub const ACCOUNT_SID: &str = "AC00000000000000000000000000000001";
pub const AUTH_TOKEN: &str = "test-auth-token";
/// The SharedKey secret of a Twilio Webhooks Rule (HMAC-SHA256 signatures).
pub const SHARED_KEY: &str = "test-shared-key";
pub const PUBLIC_URL: &str = "http://frontdesk.test";
pub const BUSINESS_NUMBER: &str = "+15550100200";
pub const CALLER: &str = "+15550100123";
pub const EXAMPLE: &str = include_str!("../../examples/daves-plumbing.toml");
/// The test Telnyx account's Ed25519 signing key (its public half is `TELNYX_PUBLIC_KEY`).
pub const TELNYX_SECRET: [u8; 32] = [42; 32];
pub const TELNYX_API_KEY: &str = "KEYtest0000";
pub const TELNYX_MESSAGES_PATH: &str = "/v2/messages";
pub const MESSAGES_PATH: &str =
    "/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages.json";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Generate one test per backend from an `async fn name(backend: Backend)`.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                use $crate::helpers::Backend;
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name(Backend::Sqlite).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if $crate::helpers::postgres_url().is_none() {
                        $crate::helpers::skipped_once(
                            "PostgreSQL variants",
                            "set FRONTDESK_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test to run them",
                        );
                        return;
                    }
                    super::$name(Backend::Postgres).await
                }
            }
        )*
    };
}

/// Say once per test run, past the test harness's output capture, that some tests were skipped
/// and how to run them (a plain `cargo test` on a fresh machine shows one line per kind).
pub fn skipped_once(kind: &'static str, how: &str) {
    use std::io::Write;
    static SAID: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let mut said = SAID.lock().unwrap_or_else(|e| e.into_inner());
    if !said.contains(&kind) {
        said.push(kind);
        let _ = writeln!(std::io::stderr().lock(), "note: {kind} skipped: {how}");
    }
}

/// A local port nothing listens on right now (for a process the test starts itself).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn postgres_url() -> Option<String> {
    std::env::var("FRONTDESK_TEST_POSTGRES_URL")
        .ok()
        .filter(|s| !s.is_empty())
}

/// A fresh, empty database for one test. Holds what must live as long as the test.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

pub async fn fresh_db(backend: Backend) -> TestDb {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}/frontdesk.db", dir.path().display());
            TestDb {
                url,
                _dir: Some(dir),
            }
        }
        Backend::Postgres => {
            let admin = postgres_url().expect("FRONTDESK_TEST_POSTGRES_URL");
            sqlx::any::install_default_drivers();
            let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin)
                .await
                .expect("connect to test PostgreSQL");
            let now = chrono::Utc::now().timestamp();
            // Databases of test runs older than two hours are left-overs of crashed runs.
            let old: Vec<(String,)> =
                sqlx::query_as("SELECT datname FROM pg_database WHERE datname LIKE 'fdtest_%'")
                    .fetch_all(&mut conn)
                    .await
                    .unwrap_or_default();
            for (name,) in old {
                let ts = name
                    .split('_')
                    .nth(1)
                    .and_then(|t| t.parse::<i64>().ok())
                    .unwrap_or(now);
                if now - ts > 7200 {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
                        .execute(&mut conn)
                        .await;
                }
            }
            let name = format!("fdtest_{now}_{}", uuid::Uuid::new_v4().simple());
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .expect("create test database");
            let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
            TestDb {
                url: format!("{base}/{name}"),
                _dir: None,
            }
        }
    }
}

/// A unique SID per request, like Twilio's.
struct TwilioMessages(AtomicU64);

impl Respond for TwilioMessages {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.0.fetch_add(1, Ordering::SeqCst);
        ResponseTemplate::new(201).set_body_json(serde_json::json!({
            "sid": format!("SM{:032x}", n + 1),
            "status": "queued",
            "account_sid": ACCOUNT_SID,
        }))
    }
}

pub struct Options {
    pub clock: Option<FixedClock>,
    pub profile: String,
    pub worker: bool,
    pub mount_default_twilio: bool,
    /// Base URL of an OpenAI-compatible server (e.g. a scripted one) to use as the LLM.
    pub llm: Option<String>,
    /// Per-call timeout for that LLM (default 1 s, for scripted servers).
    pub llm_timeout: Option<Duration>,
    /// The production defaults for calendar feeds: no private networks, no files.
    pub strict_network: bool,
    /// Serve `/metrics` on the public listener to this bearer token too.
    pub metrics_token: Option<String>,
    /// Run without FRONTDESK_PUBLIC_URL (signatures checked against the Host header).
    pub no_public_url: bool,
    /// The largest feed read (the tests' default is 100 KB; production's 10 MB).
    pub feed_max_bytes: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            clock: None,
            profile: EXAMPLE.to_string(),
            worker: true,
            mount_default_twilio: true,
            llm: None,
            llm_timeout: None,
            strict_network: false,
            metrics_token: None,
            no_public_url: false,
            feed_max_bytes: None,
        }
    }
}

pub struct TestApp {
    pub base: String,
    /// The separate operations listener (metrics, health checks).
    pub metrics_base: String,
    pub state: AppState,
    pub twilio: MockServer,
    pub http: reqwest::Client,
    pub clock: Option<FixedClock>,
    pub business_id: frontdesk::store::BusinessId,
    pub db: TestDb,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, Options::default()).await
}

/// The example business with its clock fixed at `at`.
pub async fn spawn_app_at(backend: Backend, at: chrono::DateTime<chrono::Utc>) -> TestApp {
    spawn_app_with(
        backend,
        Options {
            clock: Some(FixedClock::new(at)),
            ..Default::default()
        },
    )
    .await
}

pub fn test_config(db_url: &str, twilio_base: &str) -> Config {
    let mut config = Config::defaults();
    config.database_url = db_url.to_string();
    config.listen = "127.0.0.1:0".parse().unwrap();
    config.metrics_listen = Some("127.0.0.1:0".parse().unwrap());
    config.public_url = Some(PUBLIC_URL.into());
    config.twilio = Some(TwilioConfig {
        account_sid: ACCOUNT_SID.into(),
        auth_token: AUTH_TOKEN.into(),
        webhook_shared_key: Some(SHARED_KEY.into()),
    });
    config.twilio_api_base = twilio_base.to_string();
    config.twilio_lookup_base = twilio_base.to_string();
    config.lookup_timeout = Duration::from_millis(500);
    // One fake server plays both providers: their API paths differ.
    config.telnyx = Some(frontdesk::config::TelnyxConfig {
        api_key: TELNYX_API_KEY.into(),
        messaging_profile_id: None,
    });
    config.telnyx_public_key = Some(
        frontdesk::telephony::telnyx::public_key(&frontdesk::telephony::telnyx::public_key_of(
            &TELNYX_SECRET,
        ))
        .unwrap(),
    );
    config.telnyx_api_base = twilio_base.to_string();
    config.send_retry_base = Duration::from_millis(20);
    config.send_timeout = Duration::from_secs(2);
    config.feed_timeout = Duration::from_secs(1);
    config.feed_max_bytes = 100_000;
    // Local test servers (wiremock, Radicale) and fixture files; the security tests turn these off.
    config.allow_private_networks = true;
    config.allow_file_feeds = true;
    config.reply_quiet = Duration::ZERO;
    config
}

pub async fn spawn_app_with(backend: Backend, options: Options) -> TestApp {
    // Logs only when asked for (RUST_LOG=frontdesk=debug cargo test ...).
    if std::env::var_os("RUST_LOG").is_some() {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_test_writer()
            .try_init();
    }
    let db = fresh_db(backend).await;
    let twilio = MockServer::start().await;
    if options.mount_default_twilio {
        mount_twilio_ok(&twilio).await;
    }
    let mut config = test_config(&db.url, &twilio.uri());
    config.metrics_token = options.metrics_token.clone();
    if options.no_public_url {
        config.public_url = None;
    }
    if let Some(max) = options.feed_max_bytes {
        config.feed_max_bytes = max;
    }
    if options.strict_network {
        config.allow_private_networks = false;
        config.allow_file_feeds = false;
    }
    config.llm = options
        .llm
        .clone()
        .map(|base_url| frontdesk::config::LlmConfig {
            base_url,
            api_key: None,
            model: "scripted-model".into(),
            timeout: options.llm_timeout.unwrap_or(Duration::from_secs(1)),
            retries: 0,
        });
    let store = Store::open(&config.database_url, None)
        .await
        .expect("open store");
    let profile = frontdesk::domain::BusinessProfile::from_toml(&options.profile)
        .expect("test profile is valid");
    let business_id = frontdesk::store::businesses::import(&store, &profile, 0)
        .await
        .expect("import")
        .id;
    let app = App::build(
        config,
        BuildOptions {
            clock: options.clock.clone().map(|c| Arc::new(c) as SharedClock),
            store: Some(store),
            without_worker: !options.worker,
        },
    )
    .await
    .expect("build app");
    let base = format!("http://{}", app.local_addr());
    let metrics_base = format!("http://{}", app.metrics_addr().expect("metrics listener"));
    let state = app.state().clone();
    let (tx, rx) = tokio::sync::oneshot::channel();
    let server = tokio::spawn(app.run_until_stopped(async {
        let _ = rx.await;
    }));
    TestApp {
        base,
        metrics_base,
        state,
        twilio,
        http: reqwest::Client::new(),
        clock: options.clock,
        business_id,
        db,
        shutdown: Some(tx),
        server: Some(server),
    }
}

pub async fn mount_twilio_ok(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path(MESSAGES_PATH))
        .respond_with(TwilioMessages(AtomicU64::new(0)))
        .mount(server)
        .await;
}

pub fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

impl TestApp {
    /// POST a webhook signed the way Twilio signs it.
    pub async fn post_twilio(&self, path: &str, params: &[(&str, &str)]) -> reqwest::Response {
        let params = form(params);
        let sig = signature(AUTH_TOKEN, &format!("{PUBLIC_URL}{path}"), &params);
        self.post_raw(path, &params, Some(&sig)).await
    }

    /// POST a webhook signed the way Telnyx signs it, at the app's clock.
    pub async fn post_telnyx(
        &self,
        path: &str,
        content_type: &str,
        body: &[u8],
    ) -> reqwest::Response {
        let now = match &self.clock {
            Some(c) => frontdesk::clock::Clock::now(c).timestamp(),
            None => chrono::Utc::now().timestamp(),
        };
        let ts = now.to_string();
        let sig = frontdesk::telephony::telnyx::sign(&TELNYX_SECRET, &ts, body);
        self.http
            .post(format!("{}{path}", self.base))
            .header("content-type", content_type)
            .header("telnyx-timestamp", ts)
            .header("telnyx-signature-ed25519", sig)
            .body(body.to_vec())
            .send()
            .await
            .expect("request")
    }

    /// Every text the fake Telnyx was asked to send, as JSON bodies, in order.
    pub async fn telnyx_texts(&self) -> Vec<serde_json::Value> {
        let requests = self.twilio.received_requests().await.unwrap_or_default();
        requests
            .iter()
            .filter(|r| r.method.as_str() == "POST" && r.url.path() == TELNYX_MESSAGES_PATH)
            .map(|r| serde_json::from_slice(&r.body).unwrap())
            .collect()
    }

    pub async fn post_raw(
        &self,
        path: &str,
        params: &[(String, String)],
        sig: Option<&str>,
    ) -> reqwest::Response {
        let mut req = self.http.post(format!("{}{path}", self.base)).form(params);
        if let Some(sig) = sig {
            req = req.header("X-Twilio-Signature", sig);
        }
        req.send().await.expect("request")
    }

    /// A call forwarded to us unanswered (forward mode).
    pub async fn missed_call(&self, call_sid: &str, from: &str) -> reqwest::Response {
        self.post_twilio(
            "/webhooks/twilio/voice",
            &[
                ("CallSid", call_sid),
                ("AccountSid", ACCOUNT_SID),
                ("From", from),
                ("To", BUSINESS_NUMBER),
                ("CallStatus", "ringing"),
                ("Direction", "inbound"),
                ("ApiVersion", "2010-04-01"),
                ("CallerCountry", "US"),
            ],
        )
        .await
    }

    pub async fn inbound_sms(&self, sid: &str, from: &str, body: &str) -> reqwest::Response {
        self.post_twilio(
            "/webhooks/twilio/sms",
            &[
                ("MessageSid", sid),
                ("SmsSid", sid),
                ("AccountSid", ACCOUNT_SID),
                ("From", from),
                ("To", BUSINESS_NUMBER),
                ("Body", body),
                ("NumMedia", "0"),
                ("NumSegments", "1"),
                ("ApiVersion", "2010-04-01"),
            ],
        )
        .await
    }

    /// Every Messages POST the fake Twilio received, as form maps, in order.
    pub async fn sent_texts(&self) -> Vec<HashMap<String, String>> {
        let requests = self.twilio.received_requests().await.unwrap_or_default();
        requests
            .iter()
            .filter(|r| r.method.as_str() == "POST" && r.url.path() == MESSAGES_PATH)
            .map(|r| {
                serde_urlencoded::from_bytes::<Vec<(String, String)>>(&r.body)
                    .unwrap()
                    .into_iter()
                    .collect()
            })
            .collect()
    }

    /// Wait until nothing is left to send (the worker finished every row), then return what was sent.
    pub async fn settle(&self) -> Vec<HashMap<String, String>> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            let depth = frontdesk::store::outbox::depth(&self.state.store)
                .await
                .unwrap();
            if depth == 0 {
                break;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "outbox did not drain: {depth} rows left"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        self.sent_texts().await
    }

    pub async fn count(&self, table: &str) -> i64 {
        let row: (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(self.state.store.pool())
            .await
            .unwrap();
        row.0
    }

    /// The text-back decision recorded for a call: (textback, reason).
    pub async fn call_decision(&self, call_sid: &str) -> (Option<String>, Option<String>) {
        sqlx::query_as("SELECT textback, textback_reason FROM calls WHERE call_sid = $1")
            .bind(call_sid)
            .fetch_one(self.state.store.pool())
            .await
            .unwrap()
    }

    pub async fn contact(&self, phone: &str) -> frontdesk::store::contacts::Contact {
        let mut conn = self.state.store.pool().acquire().await.unwrap();
        frontdesk::store::contacts::by_phone(&mut conn, self.business_id, phone)
            .await
            .unwrap()
            .expect("contact exists")
    }

    pub async fn metrics(&self) -> String {
        self.http
            .get(format!("{}/metrics", self.metrics_base))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// Text the business as the caller and wait for the receptionist's one reply to it.
    pub async fn say(&self, body: &str) -> String {
        self.say_from(CALLER, body).await
    }

    pub async fn say_from(&self, from: &str, body: &str) -> String {
        let before = self.texts_to(from).await.len();
        let sid = format!("SM{}", uuid::Uuid::new_v4().simple());
        assert_eq!(self.inbound_sms(&sid, from, body).await.status(), 200);
        // Generous: a real model on a CPU takes seconds per reply.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(90);
        loop {
            let texts = self.texts_to(from).await;
            if texts.len() > before {
                self.quiet().await;
                let texts = self.texts_to(from).await;
                assert_eq!(
                    texts.len(),
                    before + 1,
                    "more than one reply to {body:?}: {texts:?}"
                );
                return texts.last().unwrap().clone();
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "no reply to {body:?}"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Text and expect no reply.
    pub async fn say_nothing_back(&self, body: &str) {
        self.say_nothing_back_from(CALLER, body).await
    }

    pub async fn say_nothing_back_from(&self, from: &str, body: &str) {
        let before = self.texts_to(from).await.len();
        let sid = format!("SM{}", uuid::Uuid::new_v4().simple());
        assert_eq!(self.inbound_sms(&sid, from, body).await.status(), 200);
        self.quiet().await;
        assert_eq!(
            self.texts_to(from).await.len(),
            before,
            "unexpected reply to {body:?}"
        );
    }

    /// Wait until no conversation is owed a reply and nothing is left to send.
    pub async fn quiet(&self) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(90);
        loop {
            let owed = self
                .count("conversations WHERE awaiting_reply_since IS NOT NULL")
                .await;
            let depth = frontdesk::store::outbox::depth(&self.state.store)
                .await
                .unwrap();
            if owed == 0 && depth == 0 {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "did not settle: {owed} owed, {depth} to send"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Bodies of texts sent to a number, in order.
    pub async fn texts_to(&self, to: &str) -> Vec<String> {
        self.sent_texts()
            .await
            .into_iter()
            .filter(|t| t["To"] == to)
            .map(|t| t["Body"].clone())
            .collect()
    }

    pub async fn conversation_state(&self, phone: &str) -> String {
        let (s,): (String,) = sqlx::query_as(
            "SELECT c.state FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.phone = $1 ORDER BY c.id DESC LIMIT 1",
        )
        .bind(phone)
        .fetch_one(self.state.store.pool())
        .await
        .unwrap();
        s
    }

    pub async fn business(&self) -> frontdesk::store::businesses::BusinessRecord {
        let mut conn = self.state.store.pool().acquire().await.unwrap();
        frontdesk::store::businesses::by_id(&mut conn, self.business_id)
            .await
            .unwrap()
    }

    pub fn advance(&self, by: chrono::Duration) {
        self.clock.as_ref().expect("fixed clock").advance(by);
        self.state.wake_outbox();
    }

    /// Stop serving but keep the database (for a real binary to take over).
    pub async fn stop_keep_db(mut self) -> TestDb {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
        self.db
    }

    /// A signed Twilio webhook to another instance serving the same business.
    pub async fn post_twilio_to(
        &self,
        base: &str,
        path: &str,
        params: &[(&str, &str)],
    ) -> reqwest::Response {
        let params = form(params);
        let sig = signature(AUTH_TOKEN, &format!("{PUBLIC_URL}{path}"), &params);
        self.http
            .post(format!("{base}{path}"))
            .header("X-Twilio-Signature", sig)
            .form(&params)
            .send()
            .await
            .expect("request")
    }

    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
    }
}

/// A worker claims the one queued text and dies before recording anything (kill -9): its lease
/// holds for 32 s.
pub async fn claim_and_crash(app: &TestApp) {
    let now = frontdesk::clock::to_millis(app.state.clock.now());
    let claimed = frontdesk::store::outbox::claim(&app.state.store, now, 32_000, 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
}

/// Wednesday 2026-12-02 10:00 in New York: Dave's Plumbing is open.
pub fn open_hours_instant() -> chrono::DateTime<chrono::Utc> {
    "2026-12-02T15:00:00Z".parse().unwrap()
}

/// Sunday 2026-12-06 10:00 in New York: closed.
pub fn closed_instant() -> chrono::DateTime<chrono::Utc> {
    "2026-12-06T15:00:00Z".parse().unwrap()
}

/// A booking made now of `phone` for drain cleaning at 12 Oak St, an hour from `start` (RFC 3339),
/// written straight into the store (for the reminder and no-show tests).
pub async fn book_at(app: &TestApp, start: &str, phone: &str) -> frontdesk::store::BookingId {
    let now_ms = frontdesk::clock::to_millis(app.state.clock.now());
    let start_ms =
        frontdesk::clock::to_millis(start.parse::<chrono::DateTime<chrono::Utc>>().unwrap());
    insert_booking(&app.state.store, app.business_id, phone, start_ms, now_ms).await
}

/// Jane Doe's hour of drain cleaning at 12 Oak St for `phone`, starting at `start_ms`, made at
/// `made_ms`, written straight into the store.
pub async fn insert_booking(
    store: &frontdesk::store::Store,
    business_id: frontdesk::store::BusinessId,
    phone: &str,
    start_ms: i64,
    made_ms: i64,
) -> frontdesk::store::BookingId {
    let mut tx = store.begin().await.unwrap();
    let contact = frontdesk::store::contacts::upsert(&mut tx, business_id, phone, made_ms)
        .await
        .unwrap();
    let id = frontdesk::store::bookings::insert(
        &mut tx,
        frontdesk::store::bookings::NewBooking {
            business_id,
            status: "booked",
            start_at: start_ms,
            end_at: start_ms + 3_600_000,
            hold_expires_at: None,
            conversation_id: None,
            contact_id: Some(contact.id),
            caller_name: Some("Jane Doe"),
            caller_phone: Some(phone),
            service: Some("Drain cleaning"),
            address: Some("12 Oak St"),
            notes: None,
            now_ms: made_ms,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

/// Which worker [`worker_round_at`] runs.
pub enum Worker {
    Reminders,
    Nudges,
}

/// Move the fixed clock to `to` (RFC 3339) and run one round of the reminder or nudge worker;
/// what reached Twilio for `phone` since.
pub async fn worker_round_at(app: &TestApp, to: &str, phone: &str, worker: Worker) -> Vec<String> {
    app.clock
        .as_ref()
        .unwrap()
        .set(to.parse::<chrono::DateTime<chrono::Utc>>().unwrap());
    let before = app.texts_to(phone).await.len();
    match worker {
        Worker::Reminders => {
            frontdesk::jobs::reminders::ReminderWorker::new(app.state.clone())
                .run_once()
                .await
                .unwrap();
        }
        Worker::Nudges => {
            frontdesk::jobs::nudges::NudgeWorker::new(app.state.clone())
                .run_once()
                .await
                .unwrap();
        }
    }
    app.state.wake_outbox();
    app.settle().await;
    app.texts_to(phone).await[before..].to_vec()
}
