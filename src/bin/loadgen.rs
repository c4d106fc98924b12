//! `frontdesk-loadgen`: fires signed missed-call webhooks at a real `frontdesk serve` process and
//! measures time-to-text: from sending the webhook to the moment a fake Twilio REST server (run
//! here) receives the Messages POST for that caller. Also counts duplicates and lost texts, and
//! reads the server's peak RSS. See BENCHMARKS.md.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use clap::Parser;
use frontdesk::telephony::twilio::signature;
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ACCOUNT_SID: &str = "AC0000000000000000000000000000load";
const AUTH_TOKEN: &str = "loadgen-token";
const PUBLIC_URL: &str = "http://loadgen.test";
const BUSINESS_NUMBER: &str = "+15550100200";

#[derive(Parser)]
#[command(about = "Load generator: missed calls in, time-to-text out")]
struct Args {
    /// Missed calls per second (open loop: sent on schedule whatever the responses do).
    #[arg(long, default_value_t = 500)]
    rate: u64,
    /// Seconds of load.
    #[arg(long, default_value_t = 20)]
    duration: u64,
    /// The frontdesk binary to start (default: next to this one).
    #[arg(long)]
    frontdesk: Option<PathBuf>,
    /// Database for the server (default: a fresh SQLite file in a temp folder).
    #[arg(long)]
    database_url: Option<String>,
    /// How long to wait for stragglers after the last webhook, in seconds.
    #[arg(long, default_value_t = 15)]
    drain: u64,
    /// Also write the report as JSON to this file.
    #[arg(long)]
    json: Option<PathBuf>,
}

#[derive(Default)]
struct FakeTwilio {
    /// caller -> instants the Messages POSTs for it arrived
    received: Mutex<HashMap<String, Vec<Instant>>>,
    counter: std::sync::atomic::AtomicU64,
}

async fn messages(
    State(fake): State<Arc<FakeTwilio>>,
    body: axum::body::Bytes,
) -> (StatusCode, String) {
    let now = Instant::now();
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let to = form
        .iter()
        .find(|(k, _)| k == "To")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    fake.received
        .lock()
        .unwrap()
        .entry(to)
        .or_default()
        .push(now);
    let n = fake
        .counter
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    (
        StatusCode::CREATED,
        format!(r#"{{"sid":"SM{n:032x}","status":"queued","account_sid":"{ACCOUNT_SID}"}}"#),
    )
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

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    frontdesk::telephony::twilio::ensure_crypto_provider();
    let binary = match args.frontdesk {
        Some(p) => p,
        None => std::env::current_exe()?.with_file_name("frontdesk"),
    };
    anyhow::ensure!(
        binary.exists(),
        "{} not found: build it with cargo build --release",
        binary.display()
    );

    // The fake Twilio REST API.
    let fake = Arc::new(FakeTwilio::default());
    let twilio_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let twilio_base = format!("http://{}", twilio_listener.local_addr()?);
    let router = Router::new()
        .route(
            &format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"),
            post(messages),
        )
        .with_state(fake.clone());
    tokio::spawn(async move { axum::serve(twilio_listener, router).await });

    let tmp = std::env::temp_dir().join(format!("frontdesk-loadgen-{}", std::process::id()));
    std::fs::create_dir_all(&tmp)?;
    let database_url = args
        .database_url
        .unwrap_or_else(|| format!("sqlite://{}/load.db", tmp.display()));
    let profile = tmp.join("profile.toml");
    std::fs::write(&profile, frontdesk::cli::DEMO_PROFILE)?;
    let port = free_port();
    let env = |cmd: &mut tokio::process::Command| {
        cmd.env("DATABASE_URL", &database_url)
            .env("FRONTDESK_LISTEN", format!("127.0.0.1:{port}"))
            .env("FRONTDESK_PUBLIC_URL", PUBLIC_URL)
            .env("TWILIO_ACCOUNT_SID", ACCOUNT_SID)
            .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
            .env("TWILIO_API_BASE", &twilio_base)
            .env("RUST_LOG", "warn")
            .env_remove("FRONTDESK_CONFIG");
    };
    let mut import = tokio::process::Command::new(&binary);
    import.args(["business", "import"]).arg(&profile);
    env(&mut import);
    let out = import.output().await?;
    anyhow::ensure!(
        out.status.success(),
        "import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut serve = tokio::process::Command::new(&binary);
    serve
        .arg("serve")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .kill_on_drop(true);
    env(&mut serve);
    let mut child = serve.spawn()?;
    let pid = child.id().unwrap_or(0);
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .build()?;
    let ready_by = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(r) = client.get(format!("{base}/readyz")).send().await {
            if r.status().is_success() {
                break;
            }
        }
        anyhow::ensure!(Instant::now() < ready_by, "frontdesk did not become ready");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    let total = args.rate * args.duration;
    println!(
        "frontdesk-loadgen: {} missed calls at {}/s for {}s against {} ({})",
        total,
        args.rate,
        args.duration,
        base,
        frontdesk::config::redact_url(&database_url)
    );
    let sent_at: Arc<Mutex<HashMap<String, Instant>>> = Arc::default();
    let http_latency: Arc<Mutex<Vec<f64>>> = Arc::default();
    let http_errors = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let url = format!("{base}/webhooks/twilio/voice");
    let signed_url = format!("{PUBLIC_URL}/webhooks/twilio/voice");
    let start = Instant::now();
    let interval = Duration::from_secs_f64(1.0 / args.rate as f64);
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..total {
        let due = start + interval.mul_f64(i as f64);
        tokio::time::sleep_until(due.into()).await;
        let caller = format!("+1555{:07}", 2_000_000 + i);
        let params = vec![
            ("CallSid".to_string(), format!("CAload{i:026}")),
            ("AccountSid".to_string(), ACCOUNT_SID.to_string()),
            ("From".to_string(), caller.clone()),
            ("To".to_string(), BUSINESS_NUMBER.to_string()),
            ("CallStatus".to_string(), "ringing".to_string()),
            ("Direction".to_string(), "inbound".to_string()),
        ];
        let sig = signature(AUTH_TOKEN, &signed_url, &params);
        let (client, url, sent_at, lat, errors) = (
            client.clone(),
            url.clone(),
            sent_at.clone(),
            http_latency.clone(),
            http_errors.clone(),
        );
        tasks.spawn(async move {
            let t0 = Instant::now();
            sent_at.lock().unwrap().insert(caller, t0);
            let res = client
                .post(&url)
                .header("X-Twilio-Signature", sig)
                .form(&params)
                .send()
                .await;
            match res {
                Ok(r) if r.status().is_success() => lat
                    .lock()
                    .unwrap()
                    .push(t0.elapsed().as_secs_f64() * 1000.0),
                _ => {
                    errors.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
            }
        });
        while tasks.try_join_next().is_some() {}
    }
    while tasks.join_next().await.is_some() {}
    let offered_secs = start.elapsed().as_secs_f64();
    let drain_by = Instant::now() + Duration::from_secs(args.drain);
    while Instant::now() < drain_by {
        if fake.received.lock().unwrap().len() as u64 >= total {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // A moment more, so a late duplicate would still be seen.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss = peak_rss_kib(pid);
    let _ = child.start_kill();
    let _ = child.wait().await;

    let sent_at = sent_at.lock().unwrap();
    let received = fake.received.lock().unwrap();
    let mut ttt: Vec<f64> = Vec::with_capacity(received.len());
    let mut duplicates = 0u64;
    let mut last_receive = start;
    for (caller, times) in received.iter() {
        duplicates += times.len().saturating_sub(1) as u64;
        if let (Some(t0), Some(first)) = (sent_at.get(caller), times.first()) {
            ttt.push(first.duration_since(*t0).as_secs_f64() * 1000.0);
            last_receive = last_receive.max(*first);
        }
    }
    ttt.sort_by(|a, b| a.total_cmp(b));
    let mut http = http_latency.lock().unwrap().clone();
    http.sort_by(|a, b| a.total_cmp(b));
    let lost = total.saturating_sub(ttt.len() as u64);
    let throughput = ttt.len() as f64 / last_receive.duration_since(start).as_secs_f64().max(1e-9);
    let report = serde_json::json!({
        "calls": total,
        "rate_offered_per_s": args.rate,
        "offered_seconds": offered_secs,
        "texts_received": ttt.len(),
        "throughput_texts_per_s": throughput,
        "duplicates": duplicates,
        "lost": lost,
        "webhook_errors": http_errors.load(std::sync::atomic::Ordering::Relaxed),
        "time_to_text_ms": {
            "p50": percentile(&ttt, 50.0), "p90": percentile(&ttt, 90.0),
            "p99": percentile(&ttt, 99.0), "max": ttt.last().copied().unwrap_or(f64::NAN)
        },
        "webhook_response_ms": { "p50": percentile(&http, 50.0), "p99": percentile(&http, 99.0) },
        "server_peak_rss_mib": rss.map(|k| k as f64 / 1024.0),
    });
    println!(
        "texts received     {} of {} ({} lost, {} duplicates)",
        ttt.len(),
        total,
        lost,
        duplicates
    );
    println!("webhook errors     {}", report["webhook_errors"]);
    println!(
        "throughput         {throughput:.1} texts/s (offered {}/s)",
        args.rate
    );
    println!(
        "time-to-text ms    p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}",
        percentile(&ttt, 50.0),
        percentile(&ttt, 90.0),
        percentile(&ttt, 99.0),
        ttt.last().copied().unwrap_or(f64::NAN)
    );
    println!(
        "webhook answer ms  p50 {:.2}  p99 {:.2}",
        percentile(&http, 50.0),
        percentile(&http, 99.0)
    );
    if let Some(k) = rss {
        println!("server peak RSS    {:.1} MiB", k as f64 / 1024.0);
    }
    if let Some(path) = args.json {
        std::fs::write(path, serde_json::to_string_pretty(&report)?)?;
    }
    let _ = std::fs::remove_dir_all(&tmp);
    if lost > 0 || duplicates > 0 {
        std::process::exit(1);
    }
    Ok(())
}
