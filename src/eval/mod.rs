//! `frontdesk eval`: runs conversation scenarios (`evals/scenarios/*.toml`) through the real engine
//! and store, each in its own SQLite database with a fixed clock, and scores the receptionist like a
//! user would: bookings made, hand-offs right, nothing invented, nothing sent after STOP.

pub mod scenario;
pub mod score;

use crate::app::AppState;
use crate::calendar::service::{BookingDetails, Calendar};
use crate::clock::{to_millis, FixedClock, SharedClock};
use crate::config::{Config, LlmConfig};
use crate::domain::BusinessProfile;
use crate::engine::details::Details;
use crate::engine::state as states;
use crate::engine::turn::run_turn;
use crate::inbound::{handle_inbound_sms, InboundOutcome, InboundSms};
use crate::store::{
    businesses, contacts, conversations, feeds, BusinessId, ConversationId, MessageId, Store,
};
use anyhow::Context;
use scenario::Scenario;
use score::{score, Line, Score, Transcript};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The caller's number in every scenario (fictional).
pub const CALLER: &str = "+15550188001";
const DEFAULT_NOW: &str = "2026-12-02T15:00:00Z";

#[derive(Debug, Clone, Serialize)]
pub struct ScenarioResult {
    pub file: String,
    pub name: String,
    pub category: String,
    pub tags: Vec<String>,
    pub business: String,
    pub score: Score,
    pub transcript: Transcript,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub scenarios: usize,
    pub passed: usize,
    pub bookable: usize,
    pub booked_when_bookable: usize,
    pub booking_rate: f64,
    pub handoff_expected: usize,
    pub handoff_actual: usize,
    pub handoff_correct: usize,
    pub handoff_precision: f64,
    pub handoff_recall: f64,
    pub grounding_violations: usize,
    pub over_two_segments: usize,
    pub hard_failures: usize,
    pub avg_turns_to_book: f64,
    pub llm_tokens_per_conversation: f64,
    pub llm_latency_ms_per_conversation: f64,
    pub blocked_replies: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub policy: String,
    pub results: Vec<ScenarioResult>,
    pub totals: Totals,
}

/// Every scenario file in `dir/scenarios`, sorted, optionally those whose name contains `only`.
pub fn load(dir: &Path, only: Option<&str>) -> anyhow::Result<Vec<(String, Scenario)>> {
    load_for(dir, only, true)
}

/// Scenarios whose caller is simulated by the LLM are left out when no LLM is configured.
pub fn load_for(
    dir: &Path,
    only: Option<&str>,
    with_simulated: bool,
) -> anyhow::Result<Vec<(String, Scenario)>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("scenarios"))
        .with_context(|| format!("reading {}", dir.join("scenarios").display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f)?;
        let s = Scenario::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", f.display()))?;
        if s.caller.messages.is_empty() && s.caller.goal.is_none() {
            anyhow::bail!("{}: the caller needs messages or a goal", f.display());
        }
        let simulated = s.caller.messages.is_empty();
        if (with_simulated || !simulated)
            && only.is_none_or(|o| s.name.contains(o) || f.to_string_lossy().contains(o))
        {
            out.push((
                f.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                s,
            ));
        }
    }
    Ok(out)
}

/// Run every scenario (a few at a time) and score them.
pub async fn run_suite(
    dir: &Path,
    only: Option<&str>,
    llm: Option<LlmConfig>,
    parallel: usize,
) -> anyhow::Result<Report> {
    let scenarios = load_for(dir, only, llm.is_some())?;
    let expectations: Vec<Scenario> = scenarios.iter().map(|(_, s)| s.clone()).collect();
    anyhow::ensure!(
        !scenarios.is_empty(),
        "no scenarios found in {}",
        dir.join("scenarios").display()
    );
    let permits = Arc::new(tokio::sync::Semaphore::new(parallel.max(1)));
    let mut tasks = tokio::task::JoinSet::new();
    for (i, (file, s)) in scenarios.into_iter().enumerate() {
        let (dir, llm, permits) = (dir.to_path_buf(), llm.clone(), permits.clone());
        tasks.spawn(async move {
            let _permit = permits.acquire_owned().await;
            let outcome = run_one(&dir, &s, llm, i)
                .await
                .with_context(|| format!("scenario {file}"));
            (i, file, s, outcome)
        });
    }
    let mut results: Vec<(usize, ScenarioResult)> = Vec::new();
    while let Some(done) = tasks.join_next().await {
        let (i, file, s, outcome) = done?;
        let (transcript, profile) = outcome?;
        let sc = score(&s, &transcript, &profile);
        results.push((
            i,
            ScenarioResult {
                file,
                name: s.name.clone(),
                category: s.category.clone(),
                tags: s.tags.clone(),
                business: s.business.clone(),
                score: sc,
                transcript,
            },
        ));
    }
    results.sort_by_key(|(i, _)| *i);
    let results: Vec<ScenarioResult> = results.into_iter().map(|(_, r)| r).collect();
    let totals = totals(&results, &expectations);
    Ok(Report {
        policy: if llm.is_some() {
            "llm".into()
        } else {
            "built-in".into()
        },
        results,
        totals,
    })
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn totals(results: &[ScenarioResult], scenarios: &[Scenario]) -> Totals {
    let mut t = Totals {
        scenarios: results.len(),
        ..Default::default()
    };
    let mut turns = Vec::new();
    let mut tokens = 0i64;
    let mut latency = 0i64;
    for (r, s) in results.iter().zip(scenarios) {
        t.passed += usize::from(r.score.passed);
        if s.expect.booked {
            t.bookable += 1;
            t.booked_when_bookable += usize::from(r.transcript.booked);
        }
        t.handoff_expected += usize::from(s.expect.handed_off);
        t.handoff_actual += usize::from(r.transcript.handed_off);
        t.handoff_correct += usize::from(s.expect.handed_off && r.transcript.handed_off);
        t.grounding_violations += r.score.grounding_violations.len();
        t.over_two_segments += r.score.over_two_segments;
        t.hard_failures += r.score.hard_failures.len();
        if let Some(n) = r.score.turns_to_book {
            turns.push(n as f64);
        }
        tokens += r.transcript.prompt_tokens + r.transcript.completion_tokens;
        latency += r.transcript.llm_latency_ms;
        t.blocked_replies += r.transcript.blocked_replies;
    }
    t.booking_rate = ratio(t.booked_when_bookable, t.bookable);
    t.handoff_precision = ratio(t.handoff_correct, t.handoff_actual);
    t.handoff_recall = ratio(t.handoff_correct, t.handoff_expected);
    t.avg_turns_to_book = if turns.is_empty() {
        0.0
    } else {
        turns.iter().sum::<f64>() / turns.len() as f64
    };
    t.llm_tokens_per_conversation = tokens as f64 / results.len().max(1) as f64;
    t.llm_latency_ms_per_conversation = latency as f64 / results.len().max(1) as f64;
    t
}

async fn run_one(
    dir: &Path,
    s: &Scenario,
    llm: Option<LlmConfig>,
    index: usize,
) -> anyhow::Result<(Transcript, BusinessProfile)> {
    let profile_path = dir.join("businesses").join(format!("{}.toml", s.business));
    let text = std::fs::read_to_string(&profile_path)
        .with_context(|| format!("reading {}", profile_path.display()))?;
    let profile =
        BusinessProfile::from_toml(&text).with_context(|| profile_path.display().to_string())?;
    let tmp = std::env::temp_dir().join(format!(
        "frontdesk-eval-{}-{index}-{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&tmp)?;
    let result = async {
        let url = format!("sqlite://{}/eval.db", tmp.display());
        let store = Store::open(&url, None).await?;
        let business_id = businesses::import(&store, &profile, 0).await?.id;
        let mut config = Config::defaults();
        config.database_url = url;
        config.llm = llm;
        // Scenario businesses read their calendars from files beside them.
        config.allow_file_feeds = true;
        let now: chrono::DateTime<chrono::Utc> = s
            .now
            .as_deref()
            .unwrap_or(DEFAULT_NOW)
            .parse()
            .context("scenario 'now'")?;
        let clock = FixedClock::new(now);
        let state = AppState::new(
            config,
            store.clone(),
            Some(Arc::new(clock.clone()) as SharedClock),
        )?;
        let business = {
            let mut conn = store.pool().acquire().await?;
            businesses::by_id(&mut conn, business_id).await?
        };
        let metas = {
            let mut conn = store.pool().acquire().await?;
            feeds::list(&mut conn, business_id).await?
        };
        for m in &metas {
            crate::calendar::feeds::refresh(
                &state.engine.calendar,
                m,
                profile.tz(),
                profile.booking.horizon_days,
            )
            .await?;
        }
        if s.caller.returning {
            seed_booking(&state, &business, s).await?;
        }
        let to = profile.business.phone_numbers[0].as_str().to_string();
        if s.caller.messages.is_empty() {
            let llm = state.llm.clone().context(
                "this scenario's caller is simulated by the LLM: configure OPENAI_BASE_URL",
            )?;
            simulate_caller(&state, &business, s, &llm, &clock, &to, index).await?;
        }
        let mut pending: Vec<ConversationId> = Vec::new();
        let texts = s.caller.messages.iter().map(|m| (m, s.caller.burst));
        let then = s.caller.then.iter().map(|m| (m, false));
        for (i, (body, burst)) in texts.chain(then).enumerate() {
            let sid = format!("SMeval{index}x{i}");
            let sms = InboundSms {
                message_sid: &sid,
                from: CALLER,
                to: &to,
                body,
            };
            if let InboundOutcome::AwaitingReply {
                conversation_id, ..
            } = handle_inbound_sms(&state, &business, &sms).await?
            {
                pending.push(conversation_id);
            }
            let burst_goes_on = burst && i + 1 < s.caller.messages.len();
            if !burst_goes_on {
                pending.dedup();
                for c in pending.drain(..) {
                    run_turn(&state.engine, c).await?;
                }
                clock.advance(chrono::Duration::minutes(1));
            }
        }
        let transcript = read_transcript(&store, business_id).await?;
        store.close().await;
        Ok::<_, anyhow::Error>(transcript)
    }
    .await;
    let _ = std::fs::remove_dir_all(&tmp);
    Ok((result?, profile))
}

/// The LLM plays the caller: each turn it writes the caller's next text from the persona, the
/// goal and the conversation so far, until it says DONE or eight texts were sent.
async fn simulate_caller(
    state: &AppState,
    business: &businesses::BusinessRecord,
    s: &Scenario,
    llm: &crate::engine::llm::Llm,
    clock: &FixedClock,
    to: &str,
    index: usize,
) -> anyhow::Result<()> {
    let system = format!(
        "You are role-playing a person texting {}. Persona: {}. Goal: {}. Write only the next SMS you would send, \
         short and natural. When your goal is reached or cannot be reached, reply with just DONE.",
        business.profile.business.name,
        s.caller.persona.as_deref().unwrap_or("an ordinary customer"),
        s.caller.goal.as_deref().unwrap_or("get help")
    );
    for i in 0..8 {
        let transcript = read_transcript(&state.store, business.id).await?;
        let so_far: Vec<String> = transcript
            .lines
            .iter()
            .map(|l| {
                format!(
                    "{}: {}",
                    if l.author == "caller" {
                        "You"
                    } else {
                        "Business"
                    },
                    l.body
                )
            })
            .collect();
        let next = llm
            .complete(
                &system,
                &format!(
                    "Conversation so far:\n{}\nYour next text:",
                    so_far.join("\n")
                ),
            )
            .await?;
        if next.trim().eq_ignore_ascii_case("done") || next.trim().starts_with("DONE") {
            break;
        }
        let sid = format!("SMsim{index}x{i}");
        let sms = InboundSms {
            message_sid: &sid,
            from: CALLER,
            to,
            body: &next,
        };
        if let InboundOutcome::AwaitingReply {
            conversation_id, ..
        } = handle_inbound_sms(state, business, &sms).await?
        {
            run_turn(&state.engine, conversation_id).await?;
        }
        clock.advance(chrono::Duration::minutes(1));
    }
    Ok(())
}

/// A returning caller: a booking for the scenario's service at the first open time, and a
/// conversation that knows about it.
async fn seed_booking(
    state: &AppState,
    business: &businesses::BusinessRecord,
    s: &Scenario,
) -> anyhow::Result<()> {
    let service = s
        .expect
        .service
        .clone()
        .or_else(|| business.profile.services.first().map(|x| x.name.clone()));
    let cal = Calendar::new(&state.engine.calendar, business);
    let slots = cal.open_slots(service.as_deref()).await?.slots;
    let slot = *slots
        .first()
        .context("no open slot to seed a returning caller's booking")?;
    let now_ms = to_millis(state.clock.now());
    let mut conn = state.store.pool().acquire().await?;
    let contact = contacts::upsert(&mut conn, business.id, CALLER, now_ms).await?;
    drop(conn);
    let details = BookingDetails {
        service: service.clone(),
        caller_name: Some("Returning Caller".into()),
        caller_phone: Some(CALLER.into()),
        address: Some("1 Main St".into()),
        contact_id: Some(contact.id),
        ..Default::default()
    };
    let row = cal.book(slot, &details, None).await?;
    let mut conn = state.store.pool().acquire().await?;
    let conversation = conversations::open_for_contact(
        &mut conn,
        business.id,
        contact.id,
        states::after(None, states::Event::BookedElsewhere),
        now_ms,
    )
    .await?;
    let d = Details {
        service,
        address: details.address.clone(),
        name: details.caller_name.clone(),
        booking_id: Some(row.id),
        booked: Some(slot),
        ..Default::default()
    };
    let t = conversations::TurnResult {
        state: states::after(None, states::Event::BookedElsewhere),
        details_json: &d.to_json(),
        handled_up_to: MessageId(0),
        handoff_reason: None,
        replied: false,
        lease: None,
    };
    conversations::finish_turn(&mut conn, conversation, t, now_ms).await?;
    Ok(())
}

async fn read_transcript(store: &Store, business_id: BusinessId) -> anyhow::Result<Transcript> {
    let crate::store::evaluation::Rows {
        lines,
        booked,
        conv,
        opted,
        llm,
        blocked,
        staff,
    } = crate::store::evaluation::rows(store, business_id, CALLER).await?;
    let (state, reason, details) = conv.unwrap_or_default();
    let details = Details::parse(details.as_deref());
    Ok(Transcript {
        lines: lines
            .into_iter()
            .map(|(author, kind, body)| Line { author, kind, body })
            .collect(),
        booked: booked.is_some(),
        booked_service: booked.and_then(|b| b.0),
        handed_off: states::State::parse(&state) == Some(states::State::HumanOwned),
        handoff_reason: reason,
        opted_out: opted.and_then(|o| o.0).is_some(),
        llm_calls: llm.0,
        prompt_tokens: llm.1.unwrap_or(0),
        completion_tokens: llm.2.unwrap_or(0),
        llm_latency_ms: llm.3.unwrap_or(0),
        blocked_replies: blocked.0,
        service: details.service,
        name: details.name,
        address: details.address,
        staff_texts: staff.into_iter().map(|(b,)| b).collect(),
    })
}

/// Passes per category and per tag (a scenario counts once under each of its tags).
fn by_tag(results: &[ScenarioResult]) -> String {
    let mut counts: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    for r in results {
        let mut keys = vec![format!("category {}", r.category)];
        keys.extend(r.tags.iter().map(|t| format!("tag {t}")));
        keys.dedup();
        for k in keys {
            let c = counts.entry(k).or_default();
            c.0 += usize::from(r.score.passed);
            c.1 += 1;
        }
    }
    let mut out = String::from("\n");
    for (k, (p, n)) in counts {
        out.push_str(&format!("{k:<32} {p:>4} / {n:<4}\n"));
    }
    out
}

/// The report as a text table and totals.
pub fn render(report: &Report) -> String {
    let mut out = format!("Frontdesk evaluation ({} policy)\n\n", report.policy);
    out.push_str(&format!(
        "{:<6} {:<15} {:<52} {:>5}  {}\n",
        "result", "category", "scenario", "turns", "notes"
    ));
    for r in &report.results {
        let result = if !r.score.hard_failures.is_empty() {
            "HARD"
        } else if r.score.passed {
            "pass"
        } else {
            "FAIL"
        };
        let notes = r.score.failures.join("; ");
        let name: String = r.name.chars().take(52).collect();
        out.push_str(&format!(
            "{result:<6} {:<15} {name:<52} {:>5}  {notes}\n",
            r.category, r.score.replies
        ));
    }
    out.push_str(&by_tag(&report.results));
    let t = &report.totals;
    out.push_str(&format!(
        "\n{} of {} scenarios passed\nbooking rate on bookable scenarios: {:.0}% ({}/{})\nhand-off precision {:.0}%, recall {:.0}% ({} expected, {} made, {} right)\ngrounding violations: {}\nreplies over 2 segments: {}\nhard failures: {}\naverage replies to book: {:.1}\n",
        t.passed,
        t.scenarios,
        t.booking_rate * 100.0,
        t.booked_when_bookable,
        t.bookable,
        t.handoff_precision * 100.0,
        t.handoff_recall * 100.0,
        t.handoff_expected,
        t.handoff_actual,
        t.handoff_correct,
        t.grounding_violations,
        t.over_two_segments,
        t.hard_failures,
        t.avg_turns_to_book
    ));
    if report.policy == "llm" {
        out.push_str(&format!(
            "model replies blocked by the grounding check: {}\nLLM tokens per conversation: {:.0}; LLM latency per conversation: {:.0} ms\n",
            t.blocked_replies, t.llm_tokens_per_conversation, t.llm_latency_ms_per_conversation
        ));
    }
    out
}
