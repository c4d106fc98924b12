//! `frontdesk-enginebench`: the conversation engine's own cost per turn, and the prompt tokens it
//! sends, for the example profile. Runs whole booking conversations (ask, propose, pick, YES)
//! through the real engine and store (SQLite in a temp folder) against a scripted
//! OpenAI-compatible server on loopback that answers at once, and through the built-in policy.
//! See BENCHMARKS.md.

use axum::routing::post;
use axum::{Json, Router};
use clap::Parser;
use frontdesk::app::AppState;
use frontdesk::clock::{FixedClock, SharedClock};
use frontdesk::config::{Config, LlmConfig};
use frontdesk::engine::turn::run_turn;
use frontdesk::inbound::{handle_inbound_sms, InboundOutcome, InboundSms};
use frontdesk::store::{businesses, Store};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Parser)]
#[command(about = "Engine cost per turn and prompt tokens")]
struct Args {
    /// Booking conversations per policy.
    #[arg(long, default_value_t = 100)]
    conversations: usize,
}

/// Tokens are estimated as characters / 4 (the usual rule of thumb for English with GPT tokenizers).
fn estimate_tokens(request: &Value) -> u32 {
    let mut chars = 0;
    for m in request["messages"].as_array().into_iter().flatten() {
        chars += m["content"].as_str().map(str::len).unwrap_or(0) + 8;
        chars += m
            .get("tool_calls")
            .map(|t| t.to_string().len())
            .unwrap_or(0);
    }
    chars += request["tools"].to_string().len();
    (chars / 4) as u32
}

/// A scripted model: record details and find slots, pick option 1, confirm on YES, then speak.
async fn scripted(Json(request): Json<Value>) -> Json<Value> {
    let messages = request["messages"].as_array().cloned().unwrap_or_default();
    let last = messages.last().cloned().unwrap_or_default();
    let prompt_tokens = estimate_tokens(&request);
    let message = if last["role"] == "tool" {
        json!({"role": "assistant", "content": "Done. Reply 1, 2 or 3, or YES to confirm."})
    } else {
        let said = last["content"].as_str().unwrap_or("");
        let call = |name: &str, args: Value| json!({"id": "c", "type": "function", "function": {"name": name, "arguments": args.to_string()}});
        let calls = if said.contains("clogged") {
            vec![
                call(
                    "record_details",
                    json!({"service": "Drain cleaning", "address": "12 Oak St", "name": "Jane"}),
                ),
                call("find_slots", json!({"preference": ""})),
            ]
        } else if said == "1" {
            vec![call("choose_slot", json!({"option": 1}))]
        } else {
            vec![call("confirm_booking", json!({}))]
        };
        json!({"role": "assistant", "content": null, "tool_calls": calls})
    };
    Json(json!({
        "id": "x", "object": "chat.completion", "created": 1, "model": "scripted",
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": 20, "total_tokens": prompt_tokens + 20}
    }))
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    sorted[((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize]
}

async fn run(
    llm: Option<String>,
    conversations: usize,
) -> anyhow::Result<(Vec<f64>, usize, Store)> {
    let dir = std::env::temp_dir().join(format!(
        "frontdesk-enginebench-{}-{}",
        std::process::id(),
        llm.is_some()
    ));
    std::fs::create_dir_all(&dir)?;
    let url = format!("sqlite://{}/bench.db", dir.display());
    let store = Store::open(&url, None).await?;
    let profile = frontdesk::domain::BusinessProfile::from_toml(frontdesk::cli::DEMO_PROFILE)?;
    let id = businesses::import(&store, &profile, 0).await?.id;
    let mut config = Config::defaults();
    config.allow_file_feeds = true;
    config.database_url = url;
    config.llm = llm.map(|base_url| LlmConfig {
        base_url,
        api_key: None,
        model: "scripted".into(),
        timeout: Duration::from_secs(5),
        retries: 0,
    });
    // Wednesday 10:00 in New York: open, with two weeks of slots ahead.
    let clock: SharedClock = Arc::new(FixedClock::new("2026-12-02T15:00:00Z".parse()?));
    let state = AppState::new(config, store.clone(), Some(clock))?;
    let business = {
        let mut conn = store.pool().acquire().await?;
        businesses::by_id(&mut conn, id).await?
    };
    let mut times = Vec::new();
    let mut booked = 0;
    for c in 0..conversations {
        let from = format!("+1555{:07}", 3_000_000 + c);
        for (t, body) in [
            "Hi, my kitchen drain is clogged. 12 Oak St, I'm Jane",
            "1",
            "YES",
        ]
        .iter()
        .enumerate()
        {
            let sid = format!("SMbench{c}x{t}");
            let sms = InboundSms {
                message_sid: &sid,
                from: &from,
                to: "+15550100200",
                body,
            };
            let InboundOutcome::AwaitingReply {
                conversation_id, ..
            } = handle_inbound_sms(&state, &business, &sms).await?
            else {
                anyhow::bail!("text not awaiting a reply");
            };
            let model_before = state.llm.as_ref().map(|l| l.model_time_us()).unwrap_or(0);
            let started = Instant::now();
            run_turn(&state.engine, conversation_id).await?;
            let model_ms = (state.llm.as_ref().map(|l| l.model_time_us()).unwrap_or(0)
                - model_before) as f64
                / 1000.0;
            let ms = started.elapsed().as_secs_f64() * 1000.0 - model_ms;
            times.push(ms);
            if std::env::var_os("ENGINEBENCH_TRACE").is_some() {
                eprintln!("turn {t}: {ms:.3} ms");
            }
        }
        let mut conn = store.pool().acquire().await?;
        let row: (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM bookings WHERE status = 'booked' AND caller_phone = $1",
        )
        .bind(&from)
        .fetch_one(&mut *conn)
        .await?;
        booked += row.0 as usize;
        // Free the calendar again so every conversation meets the same two weeks of open slots.
        sqlx::query("DELETE FROM booking_cells")
            .execute(&mut *conn)
            .await?;
        sqlx::query("UPDATE bookings SET status = 'cancelled' WHERE status <> 'cancelled'")
            .execute(&mut *conn)
            .await?;
    }
    times.sort_by(|a, b| a.total_cmp(b));
    Ok((times, booked, store))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    frontdesk::telephony::twilio::ensure_crypto_provider();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}/v1", listener.local_addr()?);
    tokio::spawn(async move {
        axum::serve(
            listener,
            Router::new().route("/v1/chat/completions", post(scripted)),
        )
        .await
    });

    let (builtin, builtin_booked, _) = run(None, args.conversations).await?;
    let (llm, llm_booked, store) = run(Some(base), args.conversations).await?;
    let (calls, tokens): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COALESCE(SUM(prompt_tokens), 0) FROM llm_calls")
            .fetch_one(store.pool())
            .await?;
    let turns = llm.len() as f64;
    println!(
        "frontdesk-enginebench: {} booking conversations per policy, 3 turns each",
        args.conversations
    );
    println!(
        "built-in policy  turn ms  p50 {:.3}  p99 {:.3}  max {:.3}   booked {}/{}",
        pct(&builtin, 50.0),
        pct(&builtin, 99.0),
        builtin.last().unwrap_or(&0.0),
        builtin_booked,
        args.conversations
    );
    println!(
        "LLM policy       turn ms  p50 {:.3}  p99 {:.3}  max {:.3}   booked {}/{}   (excluding the time waiting for the model)",
        pct(&llm, 50.0),
        pct(&llm, 99.0),
        llm.last().unwrap_or(&0.0),
        llm_booked,
        args.conversations
    );
    println!(
        "prompt tokens    {:.0} per model call, {:.0} per turn, {:.0} per booked conversation ({} calls, estimated as characters / 4)",
        tokens as f64 / calls.max(1) as f64,
        tokens as f64 / turns.max(1.0),
        tokens as f64 / llm_booked.max(1) as f64,
        calls
    );
    Ok(())
}
