//! The LLM policy: any OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, vLLM,
//! llama.cpp) through async-openai, with tool calling. The model only sees the tools of the
//! current state; every call it makes goes through the same validation as the built-in policy's;
//! its text passes the same output checks. Any failure falls back to the built-in policy.

use super::knowledge::hours_summary;
use super::state::{allowed, ToolName};
use super::tools::{Outcome, ToolCall, Turn};
use crate::config::LlmConfig;
use crate::store::BusinessId;
use async_openai::config::OpenAIConfig;
use async_openai::types::chat::{
    ChatCompletionMessageToolCalls, CreateChatCompletionRequest, CreateChatCompletionResponse,
};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const SYSTEM: &str = include_str!("../../prompts/system.tera");
const STATE: &str = include_str!("../../prompts/state.tera");
/// Model round trips per turn (tool calls and their results count as one each).
const MAX_ROUNDS: usize = 4;

#[derive(Debug, thiserror::Error)]
pub enum LlmError {
    #[error("the model did not answer in time")]
    Timeout,
    #[error("the model endpoint failed: {0}")]
    Http(String),
    #[error("the model's answer was unusable: {0}")]
    Malformed(String),
}

impl LlmError {
    pub fn outcome(&self) -> &'static str {
        match self {
            LlmError::Timeout => "timeout",
            LlmError::Http(_) => "http_error",
            LlmError::Malformed(_) => "malformed",
        }
    }
}

pub struct Llm {
    client: async_openai::Client<OpenAIConfig>,
    pub model: String,
    timeout: Duration,
    retries: u32,
    templates: tera::Tera,
    /// The rendered business part of the prompt per business, with the profile it came from.
    system_cache:
        std::sync::Mutex<std::collections::HashMap<BusinessId, (String, std::sync::Arc<String>)>>,
    /// Total time spent waiting for the model, in microseconds (for measuring the engine's own cost).
    model_time_us: std::sync::atomic::AtomicU64,
}

/// Token counts and timing of one model call, recorded per call.
#[derive(Debug, Clone, Default)]
pub struct CallRecord {
    pub latency_ms: i64,
    pub prompt_tokens: Option<i64>,
    pub completion_tokens: Option<i64>,
    pub outcome: String,
}

impl Llm {
    pub fn new(cfg: &LlmConfig) -> anyhow::Result<Self> {
        crate::telephony::twilio::ensure_crypto_provider();
        let mut config = OpenAIConfig::new().with_api_base(cfg.base_url.clone());
        // Local servers (Ollama, llama.cpp) take any key; OpenAI needs the real one.
        config = config.with_api_key(cfg.api_key.clone().unwrap_or_else(|| "not-needed".into()));
        let http = reqwest::Client::builder().timeout(cfg.timeout).build()?;
        let mut templates = tera::Tera::default();
        templates.add_raw_templates(vec![("system", SYSTEM), ("state", STATE)])?;
        Ok(Self {
            client: async_openai::Client::build(http, config),
            model: cfg.model.clone(),
            timeout: cfg.timeout,
            retries: cfg.retries,
            templates,
            model_time_us: std::sync::atomic::AtomicU64::new(0),
            system_cache: Default::default(),
        })
    }

    /// A plain completion without tools (the evaluation suite's simulated caller).
    pub async fn complete(&self, system: &str, user: &str) -> Result<String, LlmError> {
        let request = json!({
            "model": self.model,
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
            "temperature": 0.7,
            "max_tokens": 120,
        });
        let mut records = Vec::new();
        let response = self.call(&request, &mut records).await?;
        response
            .choices
            .into_iter()
            .next()
            .and_then(|c| c.message.content)
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .ok_or_else(|| LlmError::Malformed("empty completion".into()))
    }

    /// Time spent waiting for the model so far, in microseconds.
    pub fn model_time_us(&self) -> u64 {
        self.model_time_us
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The static business part of the prompt (first, so providers can cache it).
    pub fn system_prompt(&self, turn: &Turn<'_>) -> anyhow::Result<std::sync::Arc<String>> {
        let key = turn.business.profile.to_json();
        let mut cache = self.system_cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((profile, prompt)) = cache.get(&turn.business.id) {
            if *profile == key {
                return Ok(prompt.clone());
            }
        }
        let prompt = std::sync::Arc::new(self.render_system(turn)?);
        cache.insert(turn.business.id, (key, prompt.clone()));
        Ok(prompt)
    }

    fn render_system(&self, turn: &Turn<'_>) -> anyhow::Result<String> {
        let p = &turn.business.profile;
        let mut ctx = tera::Context::new();
        ctx.insert("business", &p.business);
        ctx.insert("services", &p.services);
        ctx.insert("location", &p.booking.location);
        ctx.insert("faq", &p.faq);
        ctx.insert("hours", &hours_summary(p));
        Ok(self.templates.render("system", &ctx)?)
    }

    /// The per-turn part: state instructions and a running summary of what is known.
    pub fn state_prompt(&self, turn: &Turn<'_>) -> anyhow::Result<String> {
        let tz = turn.tz();
        let mut ctx = tera::Context::new();
        ctx.insert("state", turn.current.as_str());
        ctx.insert(
            "channel",
            match turn.channel {
                super::channel::Channel::Sms => "sms",
                super::channel::Channel::Voice => "voice",
            },
        );
        ctx.insert("details", &turn.details);
        let offered: Vec<String> = turn
            .details
            .proposals
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{}) {}", i + 1, s.for_sms(tz)))
            .collect();
        ctx.insert("proposals", &offered.join(", "));
        ctx.insert("chosen", &turn.details.chosen.map(|s| s.for_sms(tz)));
        ctx.insert("booked", &turn.details.booked.map(|s| s.for_sms(tz)));
        Ok(self.templates.render("state", &ctx)?)
    }

    fn tools(&self, turn: &Turn<'_>) -> Vec<Value> {
        allowed(turn.current)
            .iter()
            .map(|t| tool_schema(*t))
            .collect()
    }

    async fn call(
        &self,
        request: &Value,
        records: &mut Vec<CallRecord>,
    ) -> Result<CreateChatCompletionResponse, LlmError> {
        let deadline = Instant::now() + self.timeout * (self.retries + 1);
        self.call_until(request, records, deadline).await
    }

    /// One model call (retried on failure), never running past `deadline`.
    async fn call_until(
        &self,
        request: &Value,
        records: &mut Vec<CallRecord>,
        deadline: Instant,
    ) -> Result<CreateChatCompletionResponse, LlmError> {
        let parsed: CreateChatCompletionRequest = serde_json::from_value(request.clone())
            .map_err(|e| LlmError::Malformed(format!("request: {e}")))?;
        let mut last = LlmError::Timeout;
        for _ in 0..=self.retries {
            let started = Instant::now();
            let budget = self
                .timeout
                .min(deadline.saturating_duration_since(started));
            if budget.is_zero() {
                return Err(LlmError::Timeout);
            }
            let result =
                tokio::time::timeout(budget, self.client.chat().create(parsed.clone())).await;
            let elapsed = started.elapsed();
            self.model_time_us.fetch_add(
                elapsed.as_micros() as u64,
                std::sync::atomic::Ordering::Relaxed,
            );
            let latency_ms = elapsed.as_millis() as i64;
            match result {
                Ok(Ok(resp)) => {
                    records.push(CallRecord {
                        latency_ms,
                        prompt_tokens: resp.usage.as_ref().map(|u| i64::from(u.prompt_tokens)),
                        completion_tokens: resp
                            .usage
                            .as_ref()
                            .map(|u| i64::from(u.completion_tokens)),
                        outcome: "ok".into(),
                    });
                    return Ok(resp);
                }
                Ok(Err(e)) => {
                    let err = match e {
                        async_openai::error::OpenAIError::Reqwest(e) if e.is_timeout() => {
                            LlmError::Timeout
                        }
                        async_openai::error::OpenAIError::JSONDeserialize(e, _) => {
                            LlmError::Malformed(e.to_string())
                        }
                        other => LlmError::Http(other.to_string()),
                    };
                    records.push(CallRecord {
                        latency_ms,
                        outcome: err.outcome().into(),
                        ..Default::default()
                    });
                    last = err;
                }
                Err(_) => {
                    records.push(CallRecord {
                        latency_ms,
                        outcome: "timeout".into(),
                        ..Default::default()
                    });
                    last = LlmError::Timeout;
                }
            }
        }
        Err(last)
    }

    /// Drive one turn. `Ok(None)` when the model handed off without words (the caller still gets
    /// the standard hand-off text from the caller of this function).
    pub async fn respond(
        &self,
        turn: &mut Turn<'_>,
        text: &str,
        history: &[(String, String)],
        records: &mut Vec<CallRecord>,
    ) -> Result<LlmReply, LlmError> {
        let system = self
            .system_prompt(turn)
            .map_err(|e| LlmError::Malformed(e.to_string()))?;
        let mut messages = vec![json!({"role": "system", "content": system.as_str()})];
        let state_note = self
            .state_prompt(turn)
            .map_err(|e| LlmError::Malformed(e.to_string()))?;
        messages.push(json!({"role": "system", "content": state_note}));
        for (author, body) in history {
            let role = if author == "caller" {
                "user"
            } else {
                "assistant"
            };
            messages.push(json!({"role": role, "content": body}));
        }
        messages.push(json!({"role": "user", "content": text}));
        let mut regenerated = false;
        // The whole turn, every round included, gets one timeout's worth of the model's time.
        let deadline = Instant::now() + self.timeout;
        for _ in 0..MAX_ROUNDS {
            let request = json!({
                "model": self.model,
                "messages": messages,
                "tools": self.tools(turn),
                "temperature": 0.2,
                "max_tokens": 160,
            });
            // On a live call the words are spoken as they arrive (first round only).
            let speaker = turn
                .speaker
                .clone()
                .filter(|_| !regenerated && turn.channel == super::channel::Channel::Voice);
            let message = match speaker {
                Some(speaker) => {
                    let sources = Self::sources(text, history, turn);
                    let said = self
                        .stream_until(&request, records, deadline, &speaker, &sources)
                        .await?;
                    // Spoken already: later rounds do not speak again.
                    turn.speaker = None;
                    said
                }
                None => {
                    let response = self.call_until(&request, records, deadline).await?;
                    let message = response
                        .choices
                        .into_iter()
                        .next()
                        .ok_or_else(|| LlmError::Malformed("no choices".into()))?
                        .message;
                    let calls = message
                        .tool_calls
                        .unwrap_or_default()
                        .into_iter()
                        .filter_map(|c| match c {
                            ChatCompletionMessageToolCalls::Function(f) => {
                                Some((f.id, f.function.name, f.function.arguments))
                            }
                            ChatCompletionMessageToolCalls::Custom(_) => None,
                        })
                        .collect();
                    ModelMessage {
                        content: message.content,
                        calls,
                        spoken: String::new(),
                    }
                }
            };
            let calls = message.calls.clone();
            if !calls.is_empty() {
                let wire: Vec<Value> = calls
                    .iter()
                    .map(|(id, name, args)| json!({"id": id, "type": "function", "function": {"name": name, "arguments": args}}))
                    .collect();
                messages.push(
                    json!({"role": "assistant", "content": message.content, "tool_calls": wire}),
                );
                let mut refused = false;
                // The words for the calendar's answer, when the last tool that has some ran.
                let mut worded: Option<String> = None;
                for (id, name, args) in calls {
                    let result = match parse_call(&name, &args) {
                        Err(e) => {
                            tracing::info!(tool = %name, error = %e, "model tool call refused");
                            refused = true;
                            format!("refused: {e}")
                        }
                        Ok(call) => {
                            let moving = matches!(call, ToolCall::Reschedule { .. });
                            let finding = matches!(call, ToolCall::FindSlots { .. });
                            match turn.execute(call).await {
                                Ok(Outcome::HandedOff(when)) => {
                                    return Ok(LlmReply::HandedOff(when))
                                }
                                Ok(outcome) => {
                                    // A question the profile cannot answer, asked while
                                    // booking: the team gets it by text, and no hand-off.
                                    if let Outcome::Unanswered(asked) = &outcome {
                                        if turn.booking_under_way() {
                                            turn.text_team_the_question(asked);
                                        }
                                    }
                                    // Times for a caller we know, and no address given: they
                                    // are for the address of their last visit, said back with
                                    // them (as the built-in policy does), and booked there.
                                    let same = match outcome {
                                        Outcome::Proposed(_) | Outcome::ProposedInstead(_)
                                            if finding =>
                                        {
                                            super::builtin::take_known_address(turn, "")
                                        }
                                        _ => None,
                                    };
                                    if let Some(w) =
                                        super::builtin::outcome_words(turn, &outcome, moving)
                                    {
                                        worded = Some(format!("{}{w}", same.unwrap_or_default()));
                                    }
                                    describe(&outcome, turn)
                                }
                                Err(e) => {
                                    refused = true;
                                    format!("refused: {e}")
                                }
                            }
                        }
                    };
                    messages.push(json!({"role": "tool", "tool_call_id": id, "content": result}));
                }
                // One model call per turn: the calendar's answer is worded by the engine (as
                // for the built-in policy, on this channel), after anything else the model said.
                // The model is asked again only when a tool was refused or it left nothing to say.
                let lead = message
                    .content
                    .as_deref()
                    .map(super::guard::finalize)
                    .unwrap_or_default();
                if !refused {
                    if let Some(words) = worded {
                        // Words already spoken on the call stay the reply's start, as said.
                        let lead = if message.spoken.is_empty() {
                            self.usable_lead(&lead, text, history, turn)
                        } else {
                            message.spoken.trim_end().to_string()
                        };
                        return Ok(LlmReply::Text(if lead.is_empty() {
                            words
                        } else {
                            format!("{lead} {words}")
                        }));
                    }
                    if !lead.is_empty() {
                        if let Some(reply) = self.grounded(&lead, text, history, turn) {
                            return Ok(LlmReply::Text(reply));
                        }
                    }
                }
                continue;
            }
            let spoken = message.spoken;
            let content = message.content.unwrap_or_default();
            let reply = super::guard::finalize(&content);
            if reply.is_empty() {
                return Err(LlmError::Malformed("empty reply".into()));
            }
            let bad = self.problems(&reply, text, history, turn);
            if bad.is_empty() {
                // Spoken whole on the call: the reply is what was said.
                let whole = !spoken.is_empty() && spoken == for_speech(&content);
                return Ok(LlmReply::Text(if whole { spoken } else { reply }));
            }
            tracing::warn!(figures = ?bad, "model reply blocked by the grounding check");
            if let Some(last) = records.last_mut() {
                last.outcome = "blocked".into();
            }
            if regenerated {
                return Ok(LlmReply::Ungrounded);
            }
            regenerated = true;
            messages.push(json!({"role": "assistant", "content": content}));
            messages.push(json!({"role": "system", "content": format!(
                "Your reply mentioned {}, which is not in the business facts. Write the reply again using only the facts given, or call hand_off.",
                bad.join(", ")
            )}));
        }
        Err(LlmError::Malformed("too many tool rounds".into()))
    }
}

impl Llm {
    /// What a reply this turn may draw its figures from.
    fn sources<'t>(
        text: &'t str,
        history: &[(String, String)],
        turn: &'t Turn<'_>,
    ) -> super::guard::GroundingSources<'t> {
        super::guard::GroundingSources::for_turn(
            &turn.business.profile,
            [text],
            history,
            &turn.details,
            turn.tz(),
            turn.channel,
        )
    }

    /// What is wrong with a reply: figures the profile and the conversation do not contain,
    /// promises it does not make, gibberish.
    fn problems(
        &self,
        reply: &str,
        text: &str,
        history: &[(String, String)],
        turn: &Turn<'_>,
    ) -> Vec<String> {
        Self::sources(text, history, turn).problems(reply)
    }

    /// The reply, when it passes the output checks.
    fn grounded(
        &self,
        reply: &str,
        text: &str,
        history: &[(String, String)],
        turn: &Turn<'_>,
    ) -> Option<String> {
        self.problems(reply, text, history, turn)
            .is_empty()
            .then(|| reply.to_string())
    }

    /// What the model said beside a calendar tool, kept in front of the engine's words when it
    /// passes the checks and does not itself offer or confirm times (the engine's words do).
    fn usable_lead(
        &self,
        lead: &str,
        text: &str,
        history: &[(String, String)],
        turn: &Turn<'_>,
    ) -> String {
        let lower = lead.to_lowercase();
        let clock = lower.split_whitespace().enumerate().any(|(i, w)| {
            let digits = w
                .trim_end_matches([',', '.'])
                .trim_end_matches("am")
                .trim_end_matches("pm");
            let time_like = !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit() || c == ':')
                && digits.chars().next().is_some_and(|c| c.is_ascii_digit());
            let next_is_ampm = lower
                .split_whitespace()
                .nth(i + 1)
                .is_some_and(|n| n.starts_with("am") || n.starts_with("pm"));
            time_like
                && (digits.contains(':') || w.ends_with("am") || w.ends_with("pm") || next_is_ampm)
        });
        let about_times = clock
            || lead.contains(')')
            || ["reply", "confirm", "booked", "option"]
                .iter()
                .any(|w| lower.contains(w));
        if lead.is_empty() || about_times || lead.len() > 160 {
            return String::new();
        }
        self.grounded(lead, text, history, turn).unwrap_or_default()
    }
}

/// One answer of the model: its words and its tool calls (id, name, arguments).
struct ModelMessage {
    content: Option<String>,
    calls: Vec<(String, String, String)>,
    /// What was already spoken of `content` on a live call, exactly as sent.
    spoken: String,
}

/// Words as they may be spoken: no markup characters.
fn for_speech(words: &str) -> String {
    words.chars().filter(|c| !"*`~#_".contains(*c)).collect()
}

/// Where a streamed reply stops being safe to say at once: a figure, an amount or a link (held
/// until its sentence is complete and checked).
fn figure_at(text: &str) -> Option<usize> {
    text.find(|c: char| c.is_ascii_digit() || "$@/%#".contains(c))
        .map(|i| text[..i].rfind(char::is_whitespace).map_or(0, |w| w + 1))
}

/// The end of the first sentence in `text`, if it has ended.
fn sentence_end(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    (0..b.len())
        .find(|&i| {
            matches!(b[i], b'.' | b'!' | b'?')
                && b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace())
        })
        .map(|i| i + 1)
}

impl Llm {
    /// One streamed model call (a live call): words go to `speaker` as they arrive, except a
    /// sentence with a figure or a link, which is held until it ends and passes the grounding
    /// check (one that fails stops the streaming: the rest is checked whole, as for a text).
    async fn stream_until(
        &self,
        request: &Value,
        records: &mut Vec<CallRecord>,
        deadline: Instant,
        speaker: &super::channel::Speaker,
        sources: &super::guard::GroundingSources<'_>,
    ) -> Result<ModelMessage, LlmError> {
        use futures_util::StreamExt;
        let mut parsed: CreateChatCompletionRequest = serde_json::from_value(request.clone())
            .map_err(|e| LlmError::Malformed(format!("request: {e}")))?;
        parsed.stream = Some(true);
        let started = Instant::now();
        let budget = self
            .timeout
            .min(deadline.saturating_duration_since(started));
        let mut content = String::new();
        let mut calls: Vec<(String, String, String)> = Vec::new();
        // How much of `content` has been spoken, and whether speaking stopped.
        let mut spoken = 0;
        let mut said = String::new();
        let mut blocked = false;
        let say = |words: &str, said: &mut String| {
            let words = for_speech(words);
            if !words.is_empty() {
                said.push_str(&words);
                let _ = speaker.send(words);
            }
        };
        let run = async {
            let mut stream = self
                .client
                .chat()
                .create_stream(parsed)
                .await
                .map_err(|e| LlmError::Http(e.to_string()))?;
            while let Some(chunk) = stream.next().await {
                let chunk = chunk.map_err(|e| LlmError::Malformed(e.to_string()))?;
                let Some(choice) = chunk.choices.into_iter().next() else {
                    continue;
                };
                for c in choice.delta.tool_calls.unwrap_or_default() {
                    let i = c.index as usize;
                    if calls.len() <= i {
                        calls.resize(i + 1, Default::default());
                    }
                    if let Some(id) = c.id {
                        calls[i].0 = id;
                    }
                    if let Some(f) = c.function {
                        calls[i].1.push_str(f.name.as_deref().unwrap_or(""));
                        calls[i].2.push_str(f.arguments.as_deref().unwrap_or(""));
                    }
                }
                let Some(delta) = choice.delta.content else {
                    continue;
                };
                content.push_str(&delta);
                while !blocked && spoken < content.len() {
                    let unsaid = &content[spoken..];
                    let safe = figure_at(unsaid).unwrap_or(unsaid.len());
                    if safe > 0 {
                        say(&unsaid[..safe], &mut said);
                        spoken += safe;
                        continue;
                    }
                    // A figure starts here: say its sentence once it is whole and checked.
                    let Some(end) = sentence_end(unsaid) else {
                        break;
                    };
                    let sentence = &unsaid[..end];
                    if sources.problems(sentence).is_empty() {
                        say(sentence, &mut said);
                        spoken += end;
                    } else {
                        blocked = true;
                    }
                }
            }
            Ok::<(), LlmError>(())
        };
        let result = tokio::time::timeout(budget, run).await;
        let elapsed = started.elapsed();
        self.model_time_us.fetch_add(
            elapsed.as_micros() as u64,
            std::sync::atomic::Ordering::Relaxed,
        );
        let outcome = match &result {
            Ok(Ok(())) => "ok",
            Ok(Err(e)) => e.outcome(),
            Err(_) => "timeout",
        };
        records.push(CallRecord {
            latency_ms: elapsed.as_millis() as i64,
            outcome: outcome.into(),
            ..Default::default()
        });
        match result {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(e),
            Err(_) => return Err(LlmError::Timeout),
        }
        // The last words of a reply with no sentence end after its figure.
        if !blocked && spoken < content.len() {
            let rest = &content[spoken..];
            if sources.problems(rest).is_empty() {
                say(rest, &mut said);
            }
        }
        calls.retain(|(_, name, _)| !name.is_empty());
        Ok(ModelMessage {
            content: (!content.is_empty()).then_some(content),
            calls,
            spoken: said,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum LlmReply {
    Text(String),
    HandedOff(String),
    /// Twice a reply with figures the profile does not contain.
    Ungrounded,
}

/// "1) Thu Dec 3, 10:00 AM, 2) ...": slots as the model must offer them.
fn numbered(slots: &[crate::calendar::Slot], tz: chrono_tz::Tz) -> String {
    slots
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}) {}", i + 1, s.for_sms(tz)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn describe(outcome: &Outcome, turn: &Turn<'_>) -> String {
    let tz = turn.tz();
    match outcome {
        Outcome::Answer(a) => format!("answer from the profile: {a}"),
        // Mid-booking the question has gone to the team (see `run`) and the booking goes on.
        Outcome::Unanswered(_) if turn.booking_under_way() => {
            "the profile does not answer this; the question has been texted to the team, who will text the caller. Tell the caller that in a few words and go on with the booking (ask for what is still missing)".into()
        }
        Outcome::Unanswered(_) => {
            "the profile does not answer this; call hand_off with reason unanswered_question".into()
        }
        Outcome::Recorded => "recorded".into(),
        Outcome::Proposed(slots) => format!(
            "open times to offer, numbered: {}. Offer exactly these and ask for the number.",
            numbered(slots, tz)
        ),
        Outcome::ProposedInstead(slots) => format!(
            "nothing is open when the caller asked; the nearest open times, numbered: {}. Say so, offer exactly these and ask for the number.",
            numbered(slots, tz)
        ),
        Outcome::NoSlots => "no open time fits; ask for another day or time".into(),
        Outcome::NeedsPerson => {
            "the calendar is not confirmed; call hand_off with reason calendar_unconfirmed".into()
        }
        Outcome::Chosen(s) => format!(
            "holding {}; read it back with the service and address and ask the caller to reply YES",
            s.for_sms(tz)
        ),
        Outcome::Booked(s) => format!("booked for {}", s.for_sms(tz)),
        Outcome::Moved(s) => format!("moved to {}", s.for_sms(tz)),
        Outcome::Cancelled(s) => format!("cancelled the booking of {}", s.for_sms(tz)),
        Outcome::HandedOff(when) => format!("handed off; a person follows up {when}"),
    }
}

fn opt(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(|x| x.as_str())
        .map(str::to_string)
        .filter(|s| !s.trim().is_empty())
}

/// Turn a model's tool call into a typed call, refusing unknown tools and malformed arguments.
pub fn parse_call(name: &str, arguments: &str) -> Result<ToolCall, String> {
    let tool = ToolName::parse(name).ok_or_else(|| format!("there is no tool named {name}"))?;
    let args: Value = if arguments.trim().is_empty() {
        json!({})
    } else {
        serde_json::from_str(arguments).map_err(|e| format!("arguments are not JSON: {e}"))?
    };
    if !args.is_object() {
        return Err("arguments must be a JSON object".into());
    }
    Ok(match tool {
        ToolName::AnswerFromProfile => ToolCall::AnswerFromProfile {
            topic: opt(&args, "topic").ok_or("topic is required")?,
        },
        ToolName::RecordDetails => ToolCall::RecordDetails {
            service: opt(&args, "service"),
            description: opt(&args, "description"),
            address: opt(&args, "address"),
            name: opt(&args, "name"),
            urgency: opt(&args, "urgency"),
        },
        ToolName::FindSlots => ToolCall::FindSlots {
            service: opt(&args, "service"),
            preference: opt(&args, "preference").unwrap_or_default(),
        },
        ToolName::ChooseSlot => {
            let option = args
                .get("option")
                .and_then(|o| {
                    o.as_u64()
                        .or_else(|| o.as_str().and_then(|s| s.trim().parse().ok()))
                })
                .ok_or("option must be the number of an offered time")?;
            ToolCall::ChooseSlot {
                option: option as usize,
            }
        }
        ToolName::ConfirmBooking => ToolCall::ConfirmBooking,
        ToolName::CancelBooking => ToolCall::CancelBooking,
        ToolName::Reschedule => ToolCall::Reschedule {
            preference: opt(&args, "preference").unwrap_or_default(),
        },
        ToolName::HandOff => ToolCall::HandOff {
            reason: opt(&args, "reason").unwrap_or_else(|| "model_request".into()),
        },
    })
}

fn tool_schema(tool: ToolName) -> Value {
    let (description, properties, required): (&str, Value, Vec<&str>) = match tool {
        ToolName::AnswerFromProfile => (
            "Look up the answer to the caller's question in the business profile.",
            json!({"topic": {"type": "string", "description": "the caller's question in their words"}}),
            vec!["topic"],
        ),
        ToolName::RecordDetails => (
            "Record what the caller needs.",
            json!({
                "service": {"type": "string", "description": "one of the business's services"},
                "description": {"type": "string"},
                "address": {"type": "string"},
                "name": {"type": "string"},
                "urgency": {"type": "string"}
            }),
            vec![],
        ),
        ToolName::FindSlots => (
            "Find open times for the service, narrowed by the caller's preference (e.g. 'Thursday morning').",
            json!({"service": {"type": "string"}, "preference": {"type": "string"}}),
            vec![],
        ),
        ToolName::ChooseSlot => (
            "Hold the offered time the caller picked, by its number.",
            json!({"option": {"type": "integer", "minimum": 1}}),
            vec!["option"],
        ),
        ToolName::ConfirmBooking => ("Book the held time after the caller said YES.", json!({}), vec![]),
        ToolName::CancelBooking => ("Cancel the caller's booking.", json!({}), vec![]),
        ToolName::Reschedule => ("Find new times to move the caller's booking to.", json!({"preference": {"type": "string"}}), vec![]),
        ToolName::HandOff => (
            "Pass the conversation to a person.",
            json!({"reason": {"type": "string", "description": "why: human_requested, unanswered_question, complaint, unsure, ..."}}),
            vec!["reason"],
        ),
    };
    json!({
        "type": "function",
        "function": {
            "name": tool.as_str(),
            "description": description,
            "parameters": {"type": "object", "properties": properties, "required": required}
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_calls_are_validated() {
        assert_eq!(
            parse_call("choose_slot", r#"{"option": 2}"#),
            Ok(ToolCall::ChooseSlot { option: 2 })
        );
        assert_eq!(
            parse_call("choose_slot", r#"{"option": "3"}"#),
            Ok(ToolCall::ChooseSlot { option: 3 })
        );
        assert!(parse_call("choose_slot", r#"{"option": "the second"}"#).is_err());
        assert!(parse_call("choose_slot", "{not json").is_err());
        assert!(parse_call("book_twenty_slots", "{}").is_err());
        assert!(parse_call("answer_from_profile", "{}").is_err());
        assert_eq!(
            parse_call("confirm_booking", ""),
            Ok(ToolCall::ConfirmBooking)
        );
    }

    #[test]
    fn requests_deserialize_into_async_openai_types() {
        let request = json!({
            "model": "m",
            "messages": [
                {"role": "system", "content": "s"},
                {"role": "user", "content": "u"},
                {"role": "assistant", "content": null, "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "hand_off", "arguments": "{}"}}]},
                {"role": "tool", "tool_call_id": "c1", "content": "ok"}
            ],
            "tools": [tool_schema(ToolName::HandOff)],
            "temperature": 0.2,
            "max_tokens": 300
        });
        let parsed: CreateChatCompletionRequest = serde_json::from_value(request).unwrap();
        assert_eq!(parsed.messages.len(), 4);
    }
}
