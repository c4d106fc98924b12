//! Live-voice latency: many simultaneous calls over the real ConversationRelay WebSocket, each a
//! whole booking said aloud (the need with address and name, "the first one", "yes"), against
//! the real server (SQLite in a temp folder, the example profile, the built-in policy, a fixed
//! weekday morning). Measured per turn: from sending the caller's `prompt` to receiving the
//! `text` to speak. Callers pause between turns as people do (`--think-ms`, 2 s by default, spread
//! per call) and the calls start spread over that pause; `--think-ms 0` fires every turn at once
//! (a throughput test, not a latency one). `cargo bench --bench voice -- --calls 100`; see
//! BENCHMARKS.md.

use frontdesk::app::{App, BuildOptions};
use frontdesk::clock::{FixedClock, SharedClock};
use frontdesk::config::Config;
use frontdesk::store::{businesses, Store};
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Message;

fn pct(sorted: &[f64], p: f64) -> f64 {
    sorted[((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize]
}

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn turn(ws: &mut Ws, words: &str) -> anyhow::Result<(String, f64)> {
    let started = Instant::now();
    ws.send(Message::Text(
        json!({"type": "prompt", "voicePrompt": words, "last": true})
            .to_string()
            .into(),
    ))
    .await?;
    loop {
        match tokio::time::timeout(Duration::from_secs(30), ws.next()).await? {
            Some(Ok(Message::Text(t))) => {
                let v: Value = serde_json::from_str(&t)?;
                if v["type"] == "text" {
                    let ms = started.elapsed().as_secs_f64() * 1000.0;
                    return Ok((v["token"].as_str().unwrap_or("").to_string(), ms));
                }
            }
            Some(Ok(_)) => {}
            other => anyhow::bail!("relay closed: {other:?}"),
        }
    }
}

const DAYS: [&str; 5] = ["monday", "tuesday", "wednesday", "thursday", "friday"];
const PARTS: [&str; 2] = ["morning", "afternoon"];

/// One call: a booking said in three turns (a taken time is picked again).
async fn call(url: String, n: usize, think_ms: u64) -> anyhow::Result<(Vec<f64>, bool)> {
    // People pause between turns; each call its own pause, the calls starting spread over it.
    let pause = Duration::from_millis(think_ms / 2 + (n as u64 * 37) % think_ms.max(1));
    tokio::time::sleep(Duration::from_millis((n as u64 * 53) % think_ms.max(1))).await;
    // (Twilio's side sends without delay too: no Nagle on the client.)
    let (mut ws, _) = tokio_tungstenite::connect_async_with_config(url, None, true).await?;
    let from = format!("+1555{:07}", 4_000_000 + n);
    ws.send(Message::Text(
        json!({"type": "setup", "callSid": format!("CAbench{n}"), "from": from, "to": "+15550100200"})
            .to_string()
            .into(),
    ))
    .await?;
    let mut times = Vec::new();
    // Callers ask for different days, as they would.
    let need = format!(
        "Hi, this is Jane. My kitchen drain is clogged, I need a drain cleaning at 12 Oak Street. {} {} if you can.",
        DAYS[n % 5],
        PARTS[(n / 5) % 2]
    );
    let (_, ms) = turn(&mut ws, &need).await?;
    times.push(ms);
    let mut booked = false;
    for attempt in 0..4 {
        tokio::time::sleep(pause).await;
        let pick = ["the first one", "the second one", "the third one"][(n + attempt) % 3];
        let (said, ms) = turn(&mut ws, pick).await?;
        times.push(ms);
        if !said.ends_with("shall I book it?") {
            continue;
        }
        tokio::time::sleep(pause).await;
        let (said, ms) = turn(&mut ws, "yes").await?;
        times.push(ms);
        if said.starts_with("You're booked") {
            booked = true;
            break;
        }
    }
    ws.close(None).await.ok();
    Ok((times, booked))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let calls: usize = args
        .iter()
        .position(|a| a == "--calls")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let think_ms: u64 = args
        .iter()
        .position(|a| a == "--think-ms")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000);
    frontdesk::telephony::twilio::ensure_crypto_provider();
    let dir = std::env::temp_dir().join(format!("frontdesk-voicebench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let url = format!("sqlite://{}/bench.db", dir.display());
    let store = Store::open(&url, None).await?;
    let profile = format!(
        "{}\n[voice]\nanswer = \"ai\"\n",
        include_str!("../examples/daves-plumbing.toml")
    );
    let profile = frontdesk::domain::BusinessProfile::from_toml(&profile)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    businesses::import(&store, &profile, 0)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut config = Config::defaults();
    config.database_url = url;
    config.listen = "127.0.0.1:0".parse()?;
    config.metrics_listen = None;
    // Wednesday 10:00 in New York: open, with two weeks of slots ahead.
    let clock: SharedClock = Arc::new(FixedClock::new("2026-12-02T15:00:00Z".parse()?));
    let app = App::build(
        config,
        BuildOptions {
            clock: Some(clock),
            store: Some(store),
            without_worker: false,
        },
    )
    .await?;
    let ws_url = format!("ws://{}/webhooks/twilio/relay", app.local_addr());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until_stopped(async {
        let _ = stopped.await;
    }));

    let started = Instant::now();
    let tasks: Vec<_> = (0..calls)
        .map(|n| tokio::spawn(call(ws_url.clone(), n, think_ms)))
        .collect();
    let mut times = Vec::new();
    let mut booked = 0;
    for t in tasks {
        let (ms, ok) = t.await??;
        times.extend(ms);
        booked += usize::from(ok);
    }
    let wall = started.elapsed().as_secs_f64();
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "frontdesk voice bench: {calls} simultaneous calls, think time {think_ms} ms, {} turns in {wall:.2} s, booked {booked}/{calls}",
        times.len()
    );
    println!(
        "prompt -> text   ms  p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}",
        pct(&times, 50.0),
        pct(&times, 90.0),
        pct(&times, 99.0),
        times.last().copied().unwrap_or_default()
    );
    let _ = stop.send(());
    let _ = server.await;
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}
