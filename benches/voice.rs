//! Live-voice latency: many simultaneous calls over the real ConversationRelay WebSocket, each a
//! whole booking said aloud (the need with address and name, "the first one", "yes"), against
//! the real server (SQLite in a temp folder, the example profile, the built-in policy, a fixed
//! weekday morning). Measured per turn: from sending the caller's `prompt` to receiving the
//! `text` to speak. Callers pause between turns as people do (`--think-ms`, 2 s by default, spread
//! per call) and the calls start spread over that pause; `--think-ms 0` fires every turn at once
//! (a throughput test, not a latency one). `cargo bench --bench voice -- --calls 100`; see
//! BENCHMARKS.md.
//!
//! `--stream`: the LLM policy against a scripted streaming model on loopback (server-sent events,
//! a word every `--gap-ms`, 20 by default); each call asks one question and the model streams ten
//! words. Measured per word: from the model writing it to the caller's socket receiving it.

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

/// When each streamed word left the scripted model.
type Emitted = Arc<std::sync::Mutex<std::collections::HashMap<String, Instant>>>;

/// A word no other call or position uses, made of syllables (no digits: a figure is held until
/// its sentence is checked, and that is not what this measures).
fn word(call: usize, i: usize) -> String {
    const SYL: [&str; 10] = ["ba", "be", "bi", "bo", "bu", "da", "de", "di", "do", "du"];
    let spell = |mut n: usize| {
        let mut w = String::new();
        loop {
            w.insert_str(0, SYL[n % 10]);
            n /= 10;
            if n == 0 {
                return w;
            }
        }
    };
    format!("{}so{}", spell(call), spell(i))
}

/// The scripted model: streams ten words for the call named in the caller's text.
async fn streaming_model(
    axum::extract::State(emitted): axum::extract::State<Emitted>,
    axum::Json(request): axum::Json<Value>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let gap = Duration::from_millis(
        std::env::var("FD_BENCH_GAP_MS")
            .ok()
            .and_then(|g| g.parse().ok())
            .unwrap_or(20),
    );
    let asked = request["messages"]
        .as_array()
        .and_then(|m| m.last())
        .and_then(|m| m["content"].as_str())
        .unwrap_or("")
        .to_string();
    let call: usize = asked
        .split_whitespace()
        .last()
        .and_then(|w| w.trim_start_matches("call").parse().ok())
        .unwrap_or(0);
    let stream = futures::stream::unfold(0usize, move |i| {
        let emitted = emitted.clone();
        async move {
            if i > 10 {
                return None;
            }
            tokio::time::sleep(gap).await;
            let chunk = if i == 10 {
                let done = json!({"id": "s", "object": "chat.completion.chunk", "created": 1, "model": "scripted",
                    "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]});
                format!("data: {done}\n\ndata: [DONE]\n\n")
            } else {
                let w = word(call, i);
                let ev = json!({"id": "s", "object": "chat.completion.chunk", "created": 1, "model": "scripted",
                    "choices": [{"index": 0, "delta": {"content": format!("{w} ")}, "finish_reason": null}]});
                emitted.lock().unwrap().insert(w, Instant::now());
                format!("data: {ev}\n\n")
            };
            Some((Ok::<_, std::io::Error>(chunk), i + 1))
        }
    });
    (
        [(axum::http::header::CONTENT_TYPE, "text/event-stream")],
        axum::body::Body::from_stream(stream),
    )
        .into_response()
}

/// One call asking one question; the delay of each streamed word, in ms.
async fn streamed_call(url: String, n: usize, emitted: Emitted) -> anyhow::Result<Vec<f64>> {
    tokio::time::sleep(Duration::from_millis((n as u64 * 7) % 500)).await;
    let (mut ws, _) = tokio_tungstenite::connect_async_with_config(url, None, true).await?;
    let setup = json!({"type": "setup", "callSid": format!("CAstream{n}"),
        "from": format!("+1555{:07}", 5_000_000 + n), "to": "+15550100200"});
    ws.send(Message::Text(setup.to_string().into())).await?;
    let ask = json!({"type": "prompt", "voicePrompt": format!("tell me about the company call{n}"), "last": true});
    ws.send(Message::Text(ask.to_string().into())).await?;
    let mut delays = Vec::new();
    loop {
        match tokio::time::timeout(Duration::from_secs(30), ws.next()).await? {
            Some(Ok(Message::Text(t))) => {
                let now = Instant::now();
                let v: Value = serde_json::from_str(&t)?;
                if v["type"] != "text" {
                    continue;
                }
                for w in v["token"].as_str().unwrap_or("").split_whitespace() {
                    if let Some(at) = emitted.lock().unwrap().get(w) {
                        delays.push(now.duration_since(*at).as_secs_f64() * 1000.0);
                    }
                }
                if v["last"] == true {
                    break;
                }
            }
            Some(Ok(_)) => {}
            other => anyhow::bail!("relay closed: {other:?}"),
        }
    }
    ws.close(None).await.ok();
    Ok(delays)
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
    let stream = args.iter().any(|a| a == "--stream");
    if let Some(g) = args
        .iter()
        .position(|a| a == "--gap-ms")
        .and_then(|i| args.get(i + 1))
    {
        std::env::set_var("FD_BENCH_GAP_MS", g);
    }
    frontdesk::telephony::twilio::ensure_crypto_provider();
    let emitted: Emitted = Arc::default();
    let llm = if stream {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let base = format!("http://{}/v1", l.local_addr()?);
        let router = axum::Router::new()
            .route("/v1/chat/completions", axum::routing::post(streaming_model))
            .with_state(emitted.clone());
        // A model server writes each event at once (no Nagle delay), as streaming servers do.
        use axum::serve::ListenerExt;
        let l = l.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        tokio::spawn(async move { axum::serve(l, router).await });
        Some(base)
    } else {
        None
    };
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
    config.llm = llm.map(|base_url| frontdesk::config::LlmConfig {
        base_url,
        api_key: None,
        model: "scripted".into(),
        timeout: Duration::from_secs(10),
        retries: 0,
    });
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

    if stream {
        let started = Instant::now();
        let tasks: Vec<_> = (0..calls)
            .map(|n| tokio::spawn(streamed_call(ws_url.clone(), n, emitted.clone())))
            .collect();
        let mut delays = Vec::new();
        for t in tasks {
            delays.extend(t.await??);
        }
        delays.sort_by(|a, b| a.total_cmp(b));
        println!(
            "frontdesk voice bench --stream: {calls} simultaneous calls, {} streamed words in {:.2} s (of {} sent)",
            delays.len(),
            started.elapsed().as_secs_f64(),
            calls * 10
        );
        println!(
            "model -> caller  ms  p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}",
            pct(&delays, 50.0),
            pct(&delays, 90.0),
            pct(&delays, 99.0),
            delays.last().copied().unwrap_or_default()
        );
        let _ = stop.send(());
        let _ = server.await;
        std::fs::remove_dir_all(&dir).ok();
        return Ok(());
    }
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
