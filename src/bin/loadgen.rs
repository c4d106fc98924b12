//! `frontdesk-loadgen`: realistic traffic against real `frontdesk serve` processes, with a fake
//! Twilio or Telnyx (`--provider`) and (optionally) a scripted LLM run here. See BENCHMARKS.md.
//!
//! Traffic: missed calls at `--rate` per second; each caller then texts (`--texts-rate` per
//! second in all): most ask a question, `--stop-pct` text STOP, `--book-pct` go through a whole
//! booking (details, pick a time, YES), waiting for each answer. Webhooks are spread across
//! `--instances` servers sharing one database, as a load balancer would (a refused connection is
//! retried on another instance). Faults on demand: `--twilio-fail-pct` of sends get a 500,
//! `--llm-timeout-pct` of model calls never answer, `--kill-at` kills instance 0 with SIGKILL
//! and restarts it.
//!
//! Reported: throughput, time-to-text and time-to-reply percentiles (reply time without the
//! scripted model's latency), webhook errors, duplicates (texts beyond what each caller is owed),
//! lost texts, order violations, and each server's peak RSS. Exit code 1 on any lost, duplicate
//! or out-of-order text.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use clap::Parser;
use frontdesk::telephony::twilio::signature;
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

const ACCOUNT_SID: &str = "AC0000000000000000000000000000load";
const AUTH_TOKEN: &str = "loadgen-token";
const PUBLIC_URL: &str = "http://loadgen.test";
const BUSINESS_NUMBER: &str = "+15550100200";
/// The load tool plays Telnyx with this signing key; the servers get its public half.
const TELNYX_SECRET: [u8; 32] = [9; 32];
const TELNYX_API_KEY: &str = "KEYloadgen";

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Wire {
    Twilio,
    Telnyx,
}

#[derive(Parser, Clone)]
#[command(about = "Load generator: missed calls and conversations in, texts out, measured")]
struct Args {
    /// Missed calls per second (open loop: sent on schedule whatever the responses do).
    #[arg(long, default_value_t = 300)]
    rate: u64,
    /// Inbound texts per second in all (each caller texts once; 0: no texts).
    #[arg(long)]
    texts_rate: Option<u64>,
    /// Seconds of load.
    #[arg(long, default_value_t = 20)]
    duration: u64,
    /// Servers to start on the same database (more than one needs PostgreSQL).
    #[arg(long, default_value_t = 1)]
    instances: usize,
    /// The frontdesk binary to start (default: next to this one).
    #[arg(long)]
    frontdesk: Option<PathBuf>,
    /// Database for the servers (default: a fresh SQLite file in a temp folder). A PostgreSQL
    /// database is emptied first.
    #[arg(long)]
    database_url: Option<String>,
    /// Percent of texting callers who text STOP.
    #[arg(long, default_value_t = 5)]
    stop_pct: u64,
    /// Percent of texting callers who book a job (three texts, each after the previous answer).
    #[arg(long, default_value_t = 2)]
    book_pct: u64,
    /// Percent of texting callers a member of staff also answers from the dashboard.
    #[arg(long, default_value_t = 2)]
    staff_pct: u64,
    /// The business's provider: webhooks signed and shaped as it sends them, texts caught at
    /// its fake API.
    #[arg(long, value_enum, default_value = "twilio")]
    provider: Wire,
    /// Percent of sends the fake Twilio answers with a 500 (the outbox retries them).
    #[arg(long, default_value_t = 0)]
    twilio_fail_pct: u64,
    /// Run a scripted OpenAI-compatible model with this latency (ms) and use it.
    #[arg(long)]
    llm_latency_ms: Option<u64>,
    /// Percent of model calls that never answer (cut by the servers' 1 s model timeout).
    #[arg(long, default_value_t = 0)]
    llm_timeout_pct: u64,
    /// Kill instance 0 with SIGKILL this many seconds in, and restart it.
    #[arg(long)]
    kill_at: Option<u64>,
    /// How long to wait for stragglers after the last webhook, in seconds.
    #[arg(long, default_value_t = 30)]
    drain: u64,
    /// Also write the report as JSON to this file.
    #[arg(long)]
    json: Option<PathBuf>,
    /// Start each server through this command, split at spaces (e.g. `valgrind --tool=callgrind
    /// --callgrind-out-file=/tmp/fd.%p`). A wrapped server is stopped with SIGTERM at the end,
    /// so the wrapper can write its report, and is given 5 minutes to become ready.
    #[arg(long)]
    wrap: Option<String>,
    /// Find the sustained maximum: run `--duration` seconds at `--rate`, then at `--step` more
    /// per second each time, until a run breaks the target (p99 time-to-text or time-to-reply
    /// over `--target-p99-ms`, or any text lost, duplicated or out of order); report the last
    /// rate that held. Texting callers follow the rate unless `--texts-rate 0`.
    #[arg(long)]
    find_max: bool,
    /// The rate added per step of `--find-max`.
    #[arg(long, default_value_t = 50)]
    step: u64,
    /// The p99 target of `--find-max`, in ms, for both time-to-text and time-to-reply.
    #[arg(long, default_value_t = 100.0)]
    target_p99_ms: f64,
    /// The highest rate `--find-max` tries.
    #[arg(long, default_value_t = 3000)]
    max_rate: u64,
}

/// The fake Twilio REST API: records every accepted text per recipient, in arrival order.
#[derive(Default)]
struct FakeTwilio {
    received: Mutex<HashMap<String, Vec<(Instant, String)>>>,
    counter: AtomicU64,
    failed: AtomicU64,
    fail_pct: u64,
    /// One bell per recipient, rung when a text to them arrives: a caller waiting for an answer
    /// is woken by their own texts only (one shared bell woke every waiting caller on every
    /// arrival, which made the load tool itself the bottleneck once answers slowed).
    arrived: Mutex<HashMap<String, Arc<Notify>>>,
    /// (sid, to, from, body) of every accepted text: the Messages list a sender reconciles with.
    log: Mutex<Vec<(String, String, String, String)>>,
}

impl FakeTwilio {
    /// Number a send, or fail it (a 500) as `--twilio-fail-pct` asks.
    fn admit(&self) -> Option<u64> {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        if self.fail_pct > 0 && rand::random::<u64>() % 100 < self.fail_pct {
            self.failed.fetch_add(1, Ordering::Relaxed);
            return None;
        }
        Some(n)
    }

    /// Record an accepted text and wake its recipient's caller.
    fn record(&self, id: String, to: String, from: String, body: String, at: Instant) {
        self.received
            .lock()
            .unwrap()
            .entry(to.clone())
            .or_default()
            .push((at, body.clone()));
        self.log.lock().unwrap().push((id, to.clone(), from, body));
        self.bell(&to).notify_waiters();
    }

    fn bell(&self, to: &str) -> Arc<Notify> {
        self.arrived
            .lock()
            .unwrap()
            .entry(to.to_string())
            .or_default()
            .clone()
    }
}

/// GET Messages.json?To=..&From=..: Twilio's message log, which the outbox consults before
/// resending a text whose outcome it never learnt (a crash mid-send).
async fn message_log(
    State(fake): State<Arc<FakeTwilio>>,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> axum::Json<serde_json::Value> {
    let log = fake.log.lock().unwrap();
    let messages: Vec<serde_json::Value> = log
        .iter()
        .rev()
        .filter(|(_, to, from, _)| Some(to) == q.get("To") && Some(from) == q.get("From"))
        .take(50)
        .map(|(sid, _, _, body)| serde_json::json!({"sid": sid, "body": body, "status": "sent"}))
        .collect();
    axum::Json(serde_json::json!({ "messages": messages }))
}

async fn messages(
    State(fake): State<Arc<FakeTwilio>>,
    body: axum::body::Bytes,
) -> (StatusCode, String) {
    let now = Instant::now();
    let Some(n) = fake.admit() else {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            r#"{"code":20500,"message":"Internal Server Error","status":500}"#.into(),
        );
    };
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let field = |k: &str| {
        form.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    fake.record(
        format!("SM{n:032x}"),
        field("To"),
        field("From"),
        field("Body"),
        now,
    );
    (
        StatusCode::CREATED,
        format!(r#"{{"sid":"SM{n:032x}","status":"queued","account_sid":"{ACCOUNT_SID}"}}"#),
    )
}

/// POST /v2/messages: Telnyx's send, recorded like Twilio's.
async fn telnyx_messages(
    State(fake): State<Arc<FakeTwilio>>,
    body: axum::body::Bytes,
) -> (StatusCode, String) {
    let now = Instant::now();
    let Some(n) = fake.admit() else {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            r#"{"errors":[{"code":"10007","title":"Unexpected error"}]}"#.into(),
        );
    };
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    let field = |k: &str| v[k].as_str().unwrap_or("").to_string();
    let id = format!("40000000-0000-4000-8000-{n:012x}");
    fake.record(id.clone(), field("to"), field("from"), field("text"), now);
    let answer = serde_json::json!({"data": {"id": id, "to": [{"phone_number": field("to"), "status": "queued"}]}});
    (StatusCode::OK, answer.to_string())
}

/// GET /v2/detail_records: Telnyx's message records, which the outbox consults before resending.
async fn telnyx_records(
    State(fake): State<Arc<FakeTwilio>>,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> axum::Json<serde_json::Value> {
    let log = fake.log.lock().unwrap();
    let data: Vec<serde_json::Value> = log
        .iter()
        .rev()
        .filter(|(_, to, from, _)| {
            Some(to) == q.get("filter[cld]") && Some(from) == q.get("filter[cli]")
        })
        .take(20)
        .map(|(id, to, from, _)| serde_json::json!({"id": id, "cld": to, "cli": from, "status": "sent"}))
        .collect();
    axum::Json(serde_json::json!({ "data": data }))
}

/// A scripted OpenAI-compatible model: answers from the profile after a fixed latency.
#[derive(Clone)]
struct Script {
    latency: Duration,
    timeout_pct: u64,
    calls: Arc<AtomicU64>,
}

async fn completions(State(s): State<Script>) -> (StatusCode, String) {
    s.calls.fetch_add(1, Ordering::Relaxed);
    if s.timeout_pct > 0 && rand::random::<u64>() % 100 < s.timeout_pct {
        tokio::time::sleep(Duration::from_secs(30)).await;
    }
    tokio::time::sleep(s.latency).await;
    let body = serde_json::json!({
        "id": "chatcmpl-load", "object": "chat.completion", "created": 0, "model": "scripted",
        "choices": [{"index": 0, "finish_reason": "stop",
            "message": {"role": "assistant", "content": "Estimates are free inside our service area."}}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110}
    });
    (StatusCode::OK, body.to_string())
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let idx = ((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// What a caller does after the missed call.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Plan {
    Silent,
    Question,
    Stop,
    Book,
    /// A question, then a staff reply from the dashboard.
    Staff,
}

const STAFF_EMAIL: &str = "load@example.com";
const STAFF_PASSWORD: &str = "loadgen-password-123";

/// A signed-in staff member: replies through the dashboard like a person would.
#[derive(Clone)]
struct Staff {
    client: reqwest::Client,
    cookie: String,
    csrf: String,
    business_id: i64,
    db: sqlx::AnyPool,
}

fn set_cookies(resp: &reqwest::Response) -> Vec<String> {
    resp.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .map(str::to_string)
        .collect()
}

fn csrf_in(html: &str) -> Option<String> {
    let marker = "name=\"csrf\" value=\"";
    let i = html.find(marker)? + marker.len();
    Some(html[i..].split('"').next()?.to_string())
}

impl Staff {
    async fn sign_in(port: u16, database_url: &str) -> anyhow::Result<Staff> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        let base = format!("http://127.0.0.1:{port}");
        let page = client.get(format!("{base}/login")).send().await?;
        let login_cookie = set_cookies(&page).join("; ");
        let token = csrf_in(&page.text().await?).ok_or_else(|| anyhow::anyhow!("no login form"))?;
        let resp = client
            .post(format!("{base}/login"))
            .header("cookie", &login_cookie)
            .form(&[
                ("csrf", token.as_str()),
                ("email", STAFF_EMAIL),
                ("password", STAFF_PASSWORD),
                ("next", "/app"),
            ])
            .send()
            .await?;
        let cookie = set_cookies(&resp)
            .into_iter()
            .find(|c| c.starts_with("fd_session=") && c.len() > "fd_session=".len())
            .ok_or_else(|| anyhow::anyhow!("sign-in refused ({})", resp.status()))?;
        sqlx::any::install_default_drivers();
        let db = sqlx::AnyPool::connect(database_url).await?;
        let row = sqlx::query("SELECT id FROM businesses ORDER BY id LIMIT 1")
            .fetch_one(&db)
            .await?;
        let business_id: i64 = sqlx::Row::try_get(&row, "id")?;
        let inbox = client
            .get(format!("{base}/app/{business_id}/inbox"))
            .header("cookie", &cookie)
            .send()
            .await?
            .text()
            .await?;
        let csrf = csrf_in(&inbox).ok_or_else(|| anyhow::anyhow!("no CSRF token on the inbox"))?;
        Ok(Staff {
            client,
            cookie,
            csrf,
            business_id,
            db,
        })
    }

    /// Reply to the caller's thread from the dashboard of instance `port`. `None`: the instance
    /// refused the connection (nothing was sent), try again.
    async fn reply(&self, port: u16, caller: &str) -> Option<bool> {
        let Ok(row) = sqlx::query(
            "SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id \
             WHERE k.phone = $1 ORDER BY c.id DESC LIMIT 1",
        )
        .bind(caller)
        .fetch_one(&self.db)
        .await
        else {
            return Some(false);
        };
        let cid: i64 = sqlx::Row::try_get(&row, "id").unwrap_or_default();
        let resp = self
            .client
            .post(format!(
                "http://127.0.0.1:{port}/app/{}/c/{cid}/reply",
                self.business_id
            ))
            .header("cookie", &self.cookie)
            .form(&[
                ("csrf", self.csrf.as_str()),
                (
                    "body",
                    "Hi, this is Sam from the office. I'll call you shortly.",
                ),
            ])
            .send()
            .await;
        match resp {
            Ok(r) => Some(r.status() == StatusCode::SEE_OTHER),
            Err(e) if e.is_connect() => None,
            Err(_) => Some(false),
        }
    }
}

struct Servers {
    binary: PathBuf,
    wrap: Option<String>,
    env: Vec<(String, String)>,
    ports: Vec<u16>,
    children: Vec<Option<tokio::process::Child>>,
    peak_rss: Vec<u64>,
}

impl Servers {
    fn spawn(&self, i: usize) -> anyhow::Result<tokio::process::Child> {
        let mut words = self.wrap.as_deref().unwrap_or("").split_whitespace();
        let mut cmd = match words.next() {
            Some(wrapper) => {
                let mut cmd = tokio::process::Command::new(wrapper);
                cmd.args(words).arg(&self.binary);
                cmd
            }
            None => tokio::process::Command::new(&self.binary),
        };
        cmd.arg("serve")
            .env("FRONTDESK_LISTEN", format!("127.0.0.1:{}", self.ports[i]))
            // Several instances on one machine: each would claim the same metrics port.
            .env("FRONTDESK_METRICS_LISTEN", "off")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .env_remove("FRONTDESK_CONFIG");
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        Ok(cmd.spawn()?)
    }

    fn note_rss(&mut self) {
        for (i, c) in self.children.iter().enumerate() {
            if let Some(k) = c.as_ref().and_then(|c| c.id()).and_then(peak_rss_kib) {
                self.peak_rss[i] = self.peak_rss[i].max(k);
            }
        }
    }
}

async fn wait_ready(client: &reqwest::Client, port: u16, wrapped: bool) -> anyhow::Result<()> {
    let ready_by = Instant::now() + Duration::from_secs(if wrapped { 300 } else { 30 });
    loop {
        if let Ok(r) = client
            .get(format!("http://127.0.0.1:{port}/readyz"))
            .send()
            .await
        {
            if r.status().is_success() {
                return Ok(());
            }
        }
        anyhow::ensure!(Instant::now() < ready_by, "frontdesk did not become ready");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A signed webhook, to instance `first` or (if it refuses the connection) the next one.
#[derive(Clone)]
struct Sender {
    wire: Wire,
    client: reqwest::Client,
    ports: Arc<Vec<u16>>,
    errors: Arc<AtomicU64>,
    rerouted: Arc<AtomicU64>,
    latency: Arc<Mutex<Vec<f64>>>,
}

impl Sender {
    /// A missed call, as the provider's voice webhook.
    async fn call(&self, first: usize, sid: &str, caller: &str) -> bool {
        let params: Vec<(&str, &str)> = vec![
            ("CallSid", sid),
            ("AccountSid", ACCOUNT_SID),
            ("From", caller),
            ("To", BUSINESS_NUMBER),
            ("CallStatus", "ringing"),
            ("Direction", "inbound"),
        ];
        let path = match self.wire {
            Wire::Twilio => "/webhooks/twilio/voice",
            Wire::Telnyx => "/webhooks/telnyx/voice",
        };
        let body = serde_urlencoded::to_string(&params).unwrap_or_default();
        self.post(first, path, "application/x-www-form-urlencoded", body)
            .await
    }

    /// A caller's text, as the provider's messaging webhook.
    async fn text(&self, first: usize, sid: &str, caller: &str, words: &str) -> bool {
        match self.wire {
            Wire::Twilio => {
                let params: Vec<(&str, &str)> = vec![
                    ("MessageSid", sid),
                    ("SmsSid", sid),
                    ("AccountSid", ACCOUNT_SID),
                    ("From", caller),
                    ("To", BUSINESS_NUMBER),
                    ("Body", words),
                    ("NumMedia", "0"),
                ];
                let body = serde_urlencoded::to_string(&params).unwrap_or_default();
                self.post(
                    first,
                    "/webhooks/twilio/sms",
                    "application/x-www-form-urlencoded",
                    body,
                )
                .await
            }
            Wire::Telnyx => {
                let event = serde_json::json!({"data": {
                    "event_type": "message.received", "id": sid, "record_type": "event",
                    "payload": {"id": sid, "type": "SMS", "text": words,
                        "from": {"phone_number": caller},
                        "to": [{"phone_number": BUSINESS_NUMBER, "status": "webhook_delivered"}]}
                }});
                self.post(
                    first,
                    "/webhooks/telnyx/messaging",
                    "application/json",
                    event.to_string(),
                )
                .await
            }
        }
    }

    /// Sign as the provider does and post, to instance `first` or (refused) the next one.
    async fn post(&self, first: usize, path: &str, content_type: &str, body: String) -> bool {
        let (name, value, ts) = match self.wire {
            Wire::Twilio => {
                let params: Vec<(String, String)> =
                    serde_urlencoded::from_str(&body).unwrap_or_default();
                let sig = signature(AUTH_TOKEN, &format!("{PUBLIC_URL}{path}"), &params);
                ("X-Twilio-Signature", sig, None)
            }
            Wire::Telnyx => {
                let ts = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or(0)
                    .to_string();
                let sig = frontdesk::telephony::telnyx::sign(&TELNYX_SECRET, &ts, body.as_bytes());
                ("telnyx-signature-ed25519", sig, Some(ts))
            }
        };
        let t0 = Instant::now();
        for attempt in 0..self.ports.len() * 20 {
            let port = self.ports[(first + attempt) % self.ports.len()];
            let mut req = self
                .client
                .post(format!("http://127.0.0.1:{port}{path}"))
                .header(name, &value)
                .header("content-type", content_type)
                .body(body.clone());
            if let Some(ts) = &ts {
                req = req.header("telnyx-timestamp", ts);
            }
            let res = req.send().await;
            match res {
                Ok(r) if r.status().is_success() => {
                    self.latency
                        .lock()
                        .unwrap()
                        .push(t0.elapsed().as_secs_f64() * 1000.0);
                    return true;
                }
                Ok(_) => {
                    self.errors.fetch_add(1, Ordering::Relaxed);
                    return false;
                }
                Err(_) => {
                    // Down (killed or restarting): the load balancer tries another instance.
                    self.rerouted.fetch_add(1, Ordering::Relaxed);
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        }
        self.errors.fetch_add(1, Ordering::Relaxed);
        false
    }
}

/// Whether the text `caller` received at position `at` tells them a person takes over (the
/// engine's hand-off wording: "... I'm passing this to the team at <business>; a person will
/// text you ...").
fn answer_hands_off(fake: &FakeTwilio, caller: &str, at: usize) -> bool {
    fake.received
        .lock()
        .unwrap()
        .get(caller)
        .and_then(|v| v.get(at))
        .is_some_and(|(_, body)| body.contains("passing this to the team"))
}

/// Wait until `caller` has received more than `have` texts (or give up).
async fn wait_for_text(fake: &FakeTwilio, caller: &str, have: usize, limit: Duration) -> bool {
    let until = Instant::now() + limit;
    let bell = fake.bell(caller);
    loop {
        let notified = bell.notified();
        if fake
            .received
            .lock()
            .unwrap()
            .get(caller)
            .map_or(0, |v| v.len())
            > have
        {
            return true;
        }
        if Instant::now() > until {
            return false;
        }
        let _ = tokio::time::timeout(Duration::from_millis(200), notified).await;
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if args.find_max {
        return find_max(&args).await;
    }
    frontdesk::telephony::twilio::ensure_crypto_provider();
    let binary = match args.frontdesk.clone() {
        Some(p) => p,
        None => std::env::current_exe()?.with_file_name("frontdesk"),
    };
    anyhow::ensure!(
        binary.exists(),
        "{} not found: build it with cargo build --release",
        binary.display()
    );
    let texts_rate = args.texts_rate.unwrap_or(args.rate);

    let fake = Arc::new(FakeTwilio {
        fail_pct: args.twilio_fail_pct,
        ..Default::default()
    });
    let twilio_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let twilio_base = format!("http://{}", twilio_listener.local_addr()?);
    let router = Router::new()
        .route(
            &format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"),
            post(messages).get(message_log),
        )
        .route("/v2/messages", post(telnyx_messages))
        .route("/v2/detail_records", axum::routing::get(telnyx_records))
        .with_state(fake.clone());
    tokio::spawn(async move { axum::serve(twilio_listener, router).await });

    let script = Script {
        latency: Duration::from_millis(args.llm_latency_ms.unwrap_or(0)),
        timeout_pct: args.llm_timeout_pct,
        calls: Arc::default(),
    };
    let llm_base = if args.llm_latency_ms.is_some() {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let base = format!("http://{}/v1", l.local_addr()?);
        let router = Router::new()
            .route("/v1/chat/completions", post(completions))
            .with_state(script.clone());
        tokio::spawn(async move { axum::serve(l, router).await });
        Some(base)
    } else {
        None
    };

    let tmp = std::env::temp_dir().join(format!("frontdesk-loadgen-{}", std::process::id()));
    std::fs::create_dir_all(&tmp)?;
    let database_url = args
        .database_url
        .clone()
        .unwrap_or_else(|| format!("sqlite://{}/load.db", tmp.display()));
    anyhow::ensure!(
        args.instances == 1 || database_url.starts_with("postgres"),
        "--instances > 1 needs a PostgreSQL --database-url"
    );
    if database_url.starts_with("postgres") {
        // A clean slate: the schema is re-created by the import below.
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&database_url).await?;
        sqlx::query("DROP SCHEMA public CASCADE")
            .execute(&pool)
            .await?;
        sqlx::query("CREATE SCHEMA public").execute(&pool).await?;
        pool.close().await;
    }
    let mut env: Vec<(String, String)> = vec![
        ("DATABASE_URL".into(), database_url.clone()),
        ("FRONTDESK_PUBLIC_URL".into(), PUBLIC_URL.into()),
        ("TWILIO_ACCOUNT_SID".into(), ACCOUNT_SID.into()),
        ("TWILIO_AUTH_TOKEN".into(), AUTH_TOKEN.into()),
        ("TWILIO_API_BASE".into(), twilio_base.clone()),
        ("TELNYX_API_KEY".into(), TELNYX_API_KEY.into()),
        (
            "TELNYX_PUBLIC_KEY".into(),
            frontdesk::telephony::telnyx::public_key_of(&TELNYX_SECRET),
        ),
        ("TELNYX_API_BASE".into(), twilio_base.clone()),
        ("FRONTDESK_REPLY_QUIET_MS".into(), "0".into()),
        ("FRONTDESK_SEND_RETRY_BASE_MS".into(), "50".into()),
        ("RUST_LOG".into(), "error".into()),
    ];
    if let Some(base) = &llm_base {
        env.push(("OPENAI_BASE_URL".into(), base.clone()));
        env.push(("FRONTDESK_LLM_TIMEOUT_SECS".into(), "1".into()));
        env.push(("FRONTDESK_LLM_RETRIES".into(), "0".into()));
    }
    let profile = tmp.join("profile.toml");
    let demo = match args.provider {
        Wire::Twilio => frontdesk::cli::DEMO_PROFILE.to_string(),
        Wire::Telnyx => frontdesk::cli::DEMO_PROFILE.replacen(
            "[business]\n",
            "[business]\nprovider = \"telnyx\"\n",
            1,
        ),
    };
    anyhow::ensure!(
        args.provider == Wire::Twilio || demo.contains("provider = \"telnyx\""),
        "the demo profile has no [business] table to put the provider in"
    );
    std::fs::write(&profile, demo)?;
    let mut import = tokio::process::Command::new(&binary);
    import.args(["business", "import"]).arg(&profile);
    for (k, v) in &env {
        import.env(k, v);
    }
    let out = import.output().await?;
    anyhow::ensure!(
        out.status.success(),
        "import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut add_user = tokio::process::Command::new(&binary);
    add_user
        .args([
            "user",
            "add",
            "--business",
            "Dave's Plumbing",
            "--email",
            STAFF_EMAIL,
            "--role",
            "staff",
            "--name",
            "Sam",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null());
    for (k, v) in &env {
        add_user.env(k, v);
    }
    let mut child = add_user.spawn()?;
    {
        use tokio::io::AsyncWriteExt;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(format!("{STAFF_PASSWORD}\n").as_bytes())
            .await?;
    }
    anyhow::ensure!(child.wait().await?.success(), "user add failed");

    let ports: Vec<u16> = (0..args.instances).map(|_| free_port()).collect();
    let mut servers = Servers {
        binary: binary.clone(),
        wrap: args.wrap.clone(),
        env,
        ports: ports.clone(),
        children: Vec::new(),
        peak_rss: vec![0; args.instances],
    };
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(512)
        .build()?;
    for (i, port) in ports.iter().enumerate() {
        let child = servers.spawn(i)?;
        servers.children.push(Some(child));
        wait_ready(&client, *port, args.wrap.is_some()).await?;
    }

    let staff = Staff::sign_in(ports[0], &database_url).await?;
    let total_calls = args.rate * args.duration;
    let texting = (texts_rate * args.duration).min(total_calls);
    println!(
        "frontdesk-loadgen: {total_calls} missed calls at {}/s and {texting} texting callers ({texts_rate}/s) for {}s through {}; {} instance(s) on {}{}{}{}",
        args.rate,
        args.duration,
        match args.provider { Wire::Twilio => "Twilio", Wire::Telnyx => "Telnyx" },
        args.instances,
        frontdesk::config::redact_url(&database_url),
        if args.twilio_fail_pct > 0 { format!("; Twilio fails {}% of sends", args.twilio_fail_pct) } else { String::new() },
        match args.llm_latency_ms { Some(l) => format!("; scripted LLM {l} ms, {}% time out", args.llm_timeout_pct), None => String::new() },
        match args.kill_at { Some(k) => format!("; instance 0 killed at {k}s"), None => String::new() },
    );
    let sender = Sender {
        wire: args.provider,
        client: client.clone(),
        ports: Arc::new(ports.clone()),
        errors: Arc::default(),
        rerouted: Arc::default(),
        latency: Arc::default(),
    };
    let call_sent: Arc<Mutex<HashMap<String, Instant>>> = Arc::default();
    // caller -> (instant each text was sent, texts the caller had received before it)
    let texts_sent: Arc<Mutex<HashMap<String, Vec<Instant>>>> = Arc::default();
    let plans: Arc<Mutex<HashMap<String, Plan>>> = Arc::default();
    // caller -> scripted texts not sent because an answer handed the thread to a person: the
    // caller waits for that person (staff own the thread, the AI stays silent by design), so
    // those texts are not sent and no answer to them is owed.
    let handed_off: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
    let start = Instant::now();
    let interval = Duration::from_secs_f64(1.0 / args.rate as f64);
    let mut tasks = tokio::task::JoinSet::new();
    let mut killed = false;
    let mut killed_at: Option<Instant> = None;
    for i in 0..total_calls {
        let due = start + interval.mul_f64(i as f64);
        tokio::time::sleep_until(due.into()).await;
        if let Some(k) = args.kill_at {
            if !killed && start.elapsed() >= Duration::from_secs(k) {
                killed = true;
                servers.note_rss();
                if let Some(mut c) = servers.children[0].take() {
                    let _ = c.start_kill();
                    killed_at = Some(Instant::now());
                    let _ = c.wait().await;
                }
                println!(
                    "killed instance 0 (SIGKILL) at {:.1}s",
                    start.elapsed().as_secs_f64()
                );
                let child = servers.spawn(0)?;
                servers.children[0] = Some(child);
            }
        }
        if i % 200 == 0 {
            servers.note_rss();
        }
        let caller = format!("+1555{:07}", 2_000_000 + i);
        // Which callers text back, and how.
        let plan = if i < texting {
            let roll = (i * 7919) % 100;
            if roll < args.stop_pct {
                Plan::Stop
            } else if roll < args.stop_pct + args.book_pct {
                Plan::Book
            } else if roll < args.stop_pct + args.book_pct + args.staff_pct {
                Plan::Staff
            } else {
                Plan::Question
            }
        } else {
            Plan::Silent
        };
        plans.lock().unwrap().insert(caller.clone(), plan);
        let (sender, fake, call_sent, texts_sent, staff, handed_off) = (
            sender.clone(),
            fake.clone(),
            call_sent.clone(),
            texts_sent.clone(),
            staff.clone(),
            handed_off.clone(),
        );
        let instances = args.instances;
        tasks.spawn(async move {
            call_sent
                .lock()
                .unwrap()
                .insert(caller.clone(), Instant::now());
            if !sender
                .call(i as usize % instances, &format!("CAload{i:026}"), &caller)
                .await
            {
                return;
            }
            if plan == Plan::Silent {
                return;
            }
            // The caller reads the text-back, then answers (on whichever instance).
            if !wait_for_text(&fake, &caller, 0, Duration::from_secs(60)).await {
                return;
            }
            let script: &[&str] = match plan {
                Plan::Stop => &["STOP"],
                Plan::Book => &[
                    "Hi, I need drain cleaning at 12 Oak St, I'm Jane Doe",
                    "1",
                    "YES",
                ],
                _ => &["Do you charge for estimates?"],
            };
            for (turn, body) in script.iter().enumerate() {
                let have = turn + 1;
                texts_sent
                    .lock()
                    .unwrap()
                    .entry(caller.clone())
                    .or_default()
                    .push(Instant::now());
                let sid = format!("SMload{i:020}t{turn}");
                if !sender
                    .text((i as usize + turn + 1) % instances, &sid, &caller, body)
                    .await
                {
                    return;
                }
                if turn + 1 < script.len() {
                    if !wait_for_text(&fake, &caller, have, Duration::from_secs(60)).await {
                        return;
                    }
                    // A booking ends with a hand-off when the calendar has no open time left
                    // in its horizon (the example's 14 days hold about 60 visits; 2% of 4,000
                    // callers book at 200/s for 20 s): the caller is told a person will text
                    // and stops. A hand-off in any other plan is not expected: its caller goes
                    // on, and the answer it does not get is counted lost.
                    if plan == Plan::Book && answer_hands_off(&fake, &caller, have) {
                        handed_off
                            .lock()
                            .unwrap()
                            .insert(caller.clone(), script.len() - have);
                        return;
                    }
                }
            }
            if plan == Plan::Staff
                && wait_for_text(&fake, &caller, 1, Duration::from_secs(60)).await
            {
                for attempt in 0..50 {
                    let port = sender.ports[(i as usize + attempt) % sender.ports.len()];
                    match staff.reply(port, &caller).await {
                        Some(true) => break,
                        Some(false) => {
                            sender.errors.fetch_add(1, Ordering::Relaxed);
                            break;
                        }
                        None => tokio::time::sleep(Duration::from_millis(100)).await,
                    }
                }
            }
        });
        while tasks.try_join_next().is_some() {}
    }
    let offered_secs = start.elapsed().as_secs_f64();
    let drain_by = Instant::now() + Duration::from_secs(args.drain);
    while !tasks.is_empty() && Instant::now() < drain_by {
        let _ = tokio::time::timeout(Duration::from_millis(200), tasks.join_next()).await;
        servers.note_rss();
    }
    tasks.abort_all();
    // Everything owed, then a moment more so a late duplicate would still be seen.
    let owed = |plan: Plan| -> usize {
        match plan {
            Plan::Silent => 1,
            Plan::Question | Plan::Stop => 2,
            Plan::Staff => 3,
            Plan::Book => 4,
        }
    };
    let plans = plans.lock().unwrap().clone();
    let handed_off = handed_off.lock().unwrap().clone();
    let owed_to = |caller: &str, plan: Plan| {
        owed(plan).saturating_sub(handed_off.get(caller).copied().unwrap_or(0))
    };
    let expected: u64 = plans.iter().map(|(c, p)| owed_to(c, *p) as u64).sum();
    while Instant::now() < drain_by {
        let got: u64 = fake
            .received
            .lock()
            .unwrap()
            .values()
            .map(|v| v.len() as u64)
            .sum();
        if got >= expected {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        servers.note_rss();
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    servers.note_rss();
    for c in servers.children.iter_mut().flatten() {
        if args.wrap.is_some() {
            // A graceful stop, so that the wrapper (callgrind) writes its report.
            if let Some(pid) = c.id() {
                let _ = tokio::process::Command::new("kill")
                    .args(["-TERM", &pid.to_string()])
                    .status()
                    .await;
            }
            if tokio::time::timeout(Duration::from_secs(300), c.wait())
                .await
                .is_ok()
            {
                continue;
            }
        }
        let _ = c.start_kill();
        let _ = c.wait().await;
    }

    let call_sent = call_sent.lock().unwrap();
    let texts_sent = texts_sent.lock().unwrap();
    let received = fake.received.lock().unwrap();
    let (mut ttt, mut ttr) = (Vec::new(), Vec::new());
    let (mut duplicates, mut lost, mut out_of_order) = (0u64, 0u64, 0u64);
    let mut last_receive = start;
    let llm_ms = args.llm_latency_ms.unwrap_or(0) as f64;
    // After a kill: the time from the kill to the last text that was already owed at that moment
    // (its call or text came before the kill) reaching the caller.
    let mut takeover_ms: Option<f64> = None;
    let mut after_kill = |owed_since: Instant, arrived: Instant| {
        if let Some(k) = killed_at {
            if owed_since < k && arrived >= k {
                let ms = arrived.duration_since(k).as_secs_f64() * 1000.0;
                takeover_ms = Some(takeover_ms.map_or(ms, |m: f64| m.max(ms)));
            }
        }
    };
    for (caller, plan) in &plans {
        let got = received.get(caller).map(|v| v.as_slice()).unwrap_or(&[]);
        let want = owed_to(caller, *plan);
        duplicates += got.len().saturating_sub(want) as u64;
        lost += want.saturating_sub(got.len()) as u64;
        if let Some((first, body)) = got.first() {
            if !body.starts_with("Sorry we missed you") && !body.starts_with("Thanks for calling") {
                out_of_order += 1;
            }
            if let Some(t0) = call_sent.get(caller) {
                ttt.push(first.duration_since(*t0).as_secs_f64() * 1000.0);
                after_kill(*t0, *first);
            }
            last_receive = last_receive.max(*first);
        }
        if let Some(sent) = texts_sent.get(caller) {
            for (k, t0) in sent.iter().enumerate() {
                if let Some((t, _)) = got.get(k + 1) {
                    after_kill(*t0, *t);
                    let ms = t.duration_since(*t0).as_secs_f64() * 1000.0;
                    ttr.push((ms - llm_ms).max(0.0));
                    last_receive = last_receive.max(*t);
                }
            }
        }
        if *plan == Plan::Stop && got.len() >= 2 && !got[1].1.contains("unsubscribed") {
            out_of_order += 1;
        }
    }
    ttt.sort_by(|a, b| a.total_cmp(b));
    ttr.sort_by(|a, b| a.total_cmp(b));
    let mut http = sender.latency.lock().unwrap().clone();
    http.sort_by(|a, b| a.total_cmp(b));
    let all: u64 = received.values().map(|v| v.len() as u64).sum();
    let delivered: u64 = plans
        .keys()
        .map(|c| received.get(c).map_or(0, |v| v.len() as u64))
        .sum();
    let to_staff = all - delivered;
    let throughput = delivered as f64 / last_receive.duration_since(start).as_secs_f64().max(1e-9);
    let webhooks = http.len() as u64;
    let report = serde_json::json!({
        "instances": args.instances,
        "database": frontdesk::config::redact_url(&database_url),
        "missed_calls": total_calls,
        "texting_callers": texting,
        "webhooks_accepted": webhooks,
        "webhooks_per_s": webhooks as f64 / offered_secs,
        "offered_seconds": offered_secs,
        "texts_expected": expected,
        "bookers_handed_off": handed_off.len(),
        "texts_not_sent_after_hand_off": handed_off.values().sum::<usize>(),
        "texts_delivered": delivered,
        "texts_to_staff": to_staff,
        "throughput_texts_per_s": throughput,
        "duplicates": duplicates,
        "lost": lost,
        "out_of_order": out_of_order,
        "webhook_errors": sender.errors.load(Ordering::Relaxed),
        "webhooks_rerouted": sender.rerouted.load(Ordering::Relaxed),
        "twilio_500s": fake.failed.load(Ordering::Relaxed),
        "llm_calls": script.calls.load(Ordering::Relaxed),
        "time_to_text_ms": {
            "p50": percentile(&ttt, 50.0), "p90": percentile(&ttt, 90.0),
            "p99": percentile(&ttt, 99.0), "max": ttt.last().copied().unwrap_or(f64::NAN)
        },
        "time_to_reply_ms_excluding_llm": {
            "p50": percentile(&ttr, 50.0), "p90": percentile(&ttr, 90.0),
            "p99": percentile(&ttr, 99.0), "max": ttr.last().copied().unwrap_or(f64::NAN)
        },
        "webhook_response_ms": { "p50": percentile(&http, 50.0), "p99": percentile(&http, 99.0) },
        "kill_to_last_owed_text_ms": takeover_ms,
        "server_peak_rss_mib": servers.peak_rss.iter().map(|k| *k as f64 / 1024.0).collect::<Vec<_>>(),
    });
    println!(
        "texts delivered    {delivered} of {expected} owed ({lost} lost, {duplicates} duplicates, {out_of_order} out of order); {to_staff} hand-off notices to staff"
    );
    if !handed_off.is_empty() {
        println!(
            "handed off         {} booking callers told a person will text them (no open time left); their {} remaining scripted texts not sent nor owed",
            handed_off.len(),
            handed_off.values().sum::<usize>()
        );
    }
    println!(
        "webhooks           {webhooks} accepted ({:.0}/s), {} errors, {} rerouted after a refused connection",
        webhooks as f64 / offered_secs,
        report["webhook_errors"],
        report["webhooks_rerouted"]
    );
    if args.twilio_fail_pct > 0 {
        println!("twilio 500s        {} (retried)", report["twilio_500s"]);
    }
    if llm_base.is_some() {
        println!("llm calls          {}", report["llm_calls"]);
    }
    println!("throughput         {throughput:.1} texts/s");
    if let Some(ms) = takeover_ms {
        println!("after the kill     the last text owed at the kill arrived {ms:.0} ms after it");
    }
    println!(
        "time-to-text ms    p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}",
        percentile(&ttt, 50.0),
        percentile(&ttt, 90.0),
        percentile(&ttt, 99.0),
        ttt.last().copied().unwrap_or(f64::NAN)
    );
    println!(
        "time-to-reply ms   p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}  (without the model's {llm_ms} ms)",
        percentile(&ttr, 50.0),
        percentile(&ttr, 90.0),
        percentile(&ttr, 99.0),
        ttr.last().copied().unwrap_or(f64::NAN)
    );
    println!(
        "webhook answer ms  p50 {:.2}  p99 {:.2}",
        percentile(&http, 50.0),
        percentile(&http, 99.0)
    );
    for (i, k) in servers.peak_rss.iter().enumerate() {
        println!("instance {i} peak RSS {:.1} MiB", *k as f64 / 1024.0);
    }
    if let Some(path) = args.json {
        std::fs::write(path, serde_json::to_string_pretty(&report)?)?;
    }
    let _ = std::fs::remove_dir_all(&tmp);
    if lost > 0 || duplicates > 0 || out_of_order > 0 {
        std::process::exit(1);
    }
    Ok(())
}

/// `--find-max`: one run per rate (this tool again, as a child process, so each run starts from
/// a fresh database and servers), stepping up until a run breaks the target.
async fn find_max(args: &Args) -> anyhow::Result<()> {
    let me = std::env::current_exe()?;
    let texts = args.texts_rate != Some(0);
    let json = std::env::temp_dir().join(format!("frontdesk-findmax-{}.json", std::process::id()));
    let mut held: Option<(u64, serde_json::Value)> = None;
    let mut rate = args.rate.max(1);
    println!(
        "find-max: {}s per step from {rate}/s by {}/s; target p99 < {} ms (time-to-text{}), nothing lost, duplicated or out of order",
        args.duration,
        args.step,
        args.target_p99_ms,
        if texts { " and time-to-reply" } else { "" }
    );
    while rate <= args.max_rate {
        // Every argument as given, except the mode and the rates, which this loop sets.
        let mut child_args: Vec<String> = Vec::new();
        let mut skip = false;
        for a in std::env::args().skip(1) {
            if skip {
                skip = false;
                continue;
            }
            let name = a.split('=').next().unwrap_or("");
            if matches!(
                name,
                "--find-max"
                    | "--rate"
                    | "--texts-rate"
                    | "--json"
                    | "--step"
                    | "--target-p99-ms"
                    | "--max-rate"
            ) {
                skip = !a.contains('=') && name != "--find-max";
                continue;
            }
            child_args.push(a);
        }
        child_args.extend([
            "--rate".into(),
            rate.to_string(),
            "--texts-rate".into(),
            if texts { rate.to_string() } else { "0".into() },
            "--json".into(),
            json.display().to_string(),
        ]);
        let _ = std::fs::remove_file(&json);
        let status = tokio::process::Command::new(&me)
            .args(&child_args)
            .stdout(Stdio::null())
            .status()
            .await?;
        let report: serde_json::Value = std::fs::read_to_string(&json)
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default();
        let p99 = |k: &str| report[k]["p99"].as_f64().unwrap_or(f64::INFINITY);
        let (ttt, ttr) = (
            p99("time_to_text_ms"),
            p99("time_to_reply_ms_excluding_llm"),
        );
        let correct = status.success()
            && report["lost"] == 0
            && report["duplicates"] == 0
            && report["out_of_order"] == 0;
        let ok = correct
            && ttt < args.target_p99_ms
            && (!texts || ttr < args.target_p99_ms)
            && report["webhook_errors"] == 0;
        println!(
            "{rate:>5}/s{}: p99 time-to-text {ttt:.1} ms{}, {:.0} texts/s delivered, lost {} dup {} order {} errors {}: {}",
            if texts { format!(" + {rate}/s texting") } else { String::new() },
            if texts { format!(", time-to-reply {ttr:.1} ms") } else { String::new() },
            report["throughput_texts_per_s"].as_f64().unwrap_or(0.0),
            report["lost"],
            report["duplicates"],
            report["out_of_order"],
            report["webhook_errors"],
            if ok { "held" } else { "broke" }
        );
        if !ok {
            break;
        }
        held = Some((rate, report));
        rate += args.step.max(1);
    }
    let _ = std::fs::remove_file(&json);
    match held {
        Some((rate, report)) => {
            println!(
                "sustained maximum: {rate} missed calls/s{} (p99 time-to-text {:.1} ms{})",
                if texts {
                    format!(" + {rate} texting callers/s")
                } else {
                    String::new()
                },
                report["time_to_text_ms"]["p99"]
                    .as_f64()
                    .unwrap_or(f64::NAN),
                if texts {
                    format!(
                        ", time-to-reply {:.1} ms",
                        report["time_to_reply_ms_excluding_llm"]["p99"]
                            .as_f64()
                            .unwrap_or(f64::NAN)
                    )
                } else {
                    String::new()
                }
            );
            if let Some(path) = &args.json {
                let out = serde_json::json!({"sustained_rate": rate, "report": report});
                std::fs::write(path, serde_json::to_string_pretty(&out)?)?;
            }
        }
        None => println!(
            "sustained maximum: below {}/s (the first step broke the target)",
            args.rate
        ),
    }
    Ok(())
}
