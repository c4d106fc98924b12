//! One turn: the caller's unanswered texts in, at most one reply out, written in one transaction
//! with the new state, the details, any notifications to staff and the outbox rows.

use super::builtin;
use super::deps::Deps;
use super::details::Details;
use super::guard;
use super::llm::{CallRecord, LlmReply};
use super::state::State;
use super::tools::{Effects, Turn};
use crate::clock::to_millis;
use crate::store::messages::Author;
use crate::store::{businesses, contacts, conversations, outbox, Tx};

/// AI replies per conversation per day before a person takes over.
pub const MAX_AI_REPLIES_PER_DAY: i64 = 30;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TurnOutcome {
    /// Nothing was waiting.
    Idle,
    /// Texts were handled without a reply (staff own the thread, opted out, an internal number).
    Silent,
    Replied {
        state: State,
    },
}

pub async fn run_turn(deps: &Deps, conversation_id: i64) -> anyhow::Result<TurnOutcome> {
    run_turn_with(deps, conversation_id, None).await
}

/// A turn that failed again and again: hand the thread to a person with the reason, instead of
/// retrying forever or leaving the caller with silence.
pub async fn hand_off_failed_turn(
    deps: &Deps,
    conversation_id: i64,
    reason: &str,
) -> anyhow::Result<TurnOutcome> {
    run_turn_with(deps, conversation_id, Some(reason)).await
}

#[tracing::instrument(skip_all, fields(conversation = conversation_id))]
async fn run_turn_with(
    deps: &Deps,
    conversation_id: i64,
    force_hand_off: Option<&str>,
) -> anyhow::Result<TurnOutcome> {
    let now = deps.clock.now();
    let now_ms = to_millis(now);
    let (row, pending) = {
        let mut conn = deps.store.pool().acquire().await?;
        let since = now_ms - 86_400_000;
        let Some(row) = conversations::load_for_turn(&mut conn, conversation_id, since).await?
        else {
            return Ok(TurnOutcome::Idle);
        };
        let pending =
            conversations::pending_inbound(&mut conn, conversation_id, row.last_handled_message_id)
                .await?;
        (row, pending)
    };
    let (business, contact) = (&row.business, &row.contact);
    let Some(&(last_id, _)) = pending.last() else {
        let mut tx = deps.store.begin().await?;
        let details = row.details_json.clone().unwrap_or_else(|| "{}".into());
        let t = conversations::TurnResult {
            state: row.state,
            details_json: &details,
            handled_up_to: row.last_handled_message_id,
            handoff_reason: None,
        };
        let due_again = conversations::finish_turn(&mut tx, row.id, t, now_ms).await?;
        tx.commit().await?;
        if due_again {
            deps.turn_wake.notify_one();
        }
        return Ok(TurnOutcome::Idle);
    };
    let current = row.state;
    let internal = business
        .profile
        .internal_numbers()
        .any(|n| n.as_str() == contact.phone);
    let details = Details::parse(row.details_json.as_deref());
    let mut turn = Turn {
        deps,
        business,
        conversation_id: row.id,
        contact,
        current: if current == State::Closed {
            State::Qualifying
        } else {
            current
        },
        details,
        effects: Effects::default(),
        said: String::new(),
        chosen_this_turn: false,
    };
    let text = pending
        .iter()
        .map(|(_, b)| b.trim())
        .filter(|b| !b.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    turn.said = text.replace('\n', " ");

    let silent = contact.opted_out_at.is_some() || !current.ai_speaks() || internal;
    let mut llm_records: Vec<CallRecord> = Vec::new();
    let reply: Option<String> = if silent {
        let staff_own = current == State::HumanOwned && contact.opted_out_at.is_none() && !internal;
        if staff_own {
            builtin::safety_while_staff_own(&mut turn, &text, row.handoff_reason.as_deref())
        } else {
            None
        }
    } else if let Some(reason) = force_hand_off {
        builtin::hand_off_plain(&mut turn, reason).await?
    } else {
        let replies_today = row.ai_replies;
        let repeated = pending.len() >= 3 && pending.windows(2).all(|w| w[0].1 == w[1].1);
        if replies_today >= MAX_AI_REPLIES_PER_DAY
            || super::understand::looks_automated(&text)
            || repeated
        {
            // Do not answer a machine or keep texting forever: hand the thread to a person quietly.
            let reason = if replies_today >= MAX_AI_REPLIES_PER_DAY {
                "reply_cap"
            } else {
                "auto_responder"
            };
            turn.execute(super::tools::ToolCall::HandOff {
                reason: reason.into(),
            })
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            None
        } else {
            // Only a model reads the history; the built-in policy answers from the new texts.
            let history = if deps.llm.is_some() {
                let mut conn = deps.store.pool().acquire().await?;
                let mut recent =
                    conversations::recent_messages(&mut conn, row.id, 10 + pending.len() as i64)
                        .await?;
                recent.truncate(recent.len().saturating_sub(pending.len()));
                recent
            } else {
                Vec::new()
            };
            choose_policy(&mut turn, &text, &history, &mut llm_records).await?
        }
    };
    let reply = match reply.map(|r| guard::finalize(&r)) {
        Some(r) if r.is_empty() => None,
        Some(r) => {
            let mut allowed: Vec<String> = pending.iter().map(|(_, b)| b.clone()).collect();
            allowed.extend(turn.details.address.clone());
            let mut bad = guard::ungrounded(&r, &business.profile, &allowed);
            bad.extend(guard::unpromised(&r, &business.profile));
            bad.extend(guard::gibberish(&r));
            if bad.is_empty() {
                Some(r)
            } else {
                // Never send a figure the profile does not contain: hand off instead.
                tracing::warn!(figures = ?bad, "reply blocked by the grounding check");
                let when = super::knowledge::follow_up_when(&business.profile, now);
                turn.execute(super::tools::ToolCall::HandOff {
                    reason: "grounding_check".into(),
                })
                .await
                .ok();
                Some(guard::finalize(&format!(
                    "I want to get that right, so I'm passing this to the team at {}; a person will text you back {when}.",
                    business.profile.business.name
                )))
            }
        }
        None => None,
    };

    let mut tx = deps.store.begin().await?;
    // A member of staff may have taken the thread over while this turn ran: then the AI stays quiet.
    let taken_over = current != State::HumanOwned
        && conversations::lock_state(&mut tx, deps.store.backend(), row.id).await?
            == State::HumanOwned;
    let reply = if taken_over { None } else { reply };
    let final_state = if taken_over {
        State::HumanOwned
    } else {
        turn.current
    };
    let details_json = turn.details.to_json();
    let from = business
        .profile
        .sending_number()
        .unwrap_or_default()
        .to_string();
    if let Some(body) = &reply {
        queue(
            &mut tx,
            business,
            row.id,
            contact.id,
            &contact.phone,
            &from,
            Author::Ai,
            None,
            "reply",
            body,
            now_ms,
        )
        .await?;
    }
    for note in &turn.effects.notify {
        for staff in &business.profile.escalation.notify {
            let staff_contact =
                contacts::upsert(&mut tx, business.id, staff.as_str(), now_ms).await?;
            let staff_conv = conversations::open_for_contact(
                &mut tx,
                business.id,
                staff_contact.id,
                super::state::after(None, super::state::Event::TakenOver),
                now_ms,
            )
            .await?;
            let body = guard::finalize(note);
            queue(
                &mut tx,
                business,
                staff_conv,
                staff_contact.id,
                staff.as_str(),
                &from,
                Author::System,
                None,
                "staff_notify",
                &body,
                now_ms,
            )
            .await?;
        }
    }
    if let Some(llm) = &deps.llm {
        for r in &llm_records {
            deps.metrics.llm_call(&r.outcome);
            let call = conversations::LlmCall {
                business_id: business.id,
                conversation_id: row.id,
                model: &llm.model,
                latency_ms: r.latency_ms,
                prompt_tokens: r.prompt_tokens,
                completion_tokens: r.completion_tokens,
                outcome: &r.outcome,
            };
            conversations::record_llm_call(&mut tx, call, now_ms).await?;
        }
    }
    for q in &turn.effects.unanswered {
        conversations::record_unanswered(&mut tx, business.id, row.id, q, now_ms).await?;
    }
    let t = conversations::TurnResult {
        state: final_state,
        details_json: &details_json,
        handled_up_to: last_id,
        handoff_reason: turn.effects.handoff_reason.as_deref(),
    };
    let due_again = conversations::finish_turn(&mut tx, row.id, t, now_ms).await?;
    tx.commit().await?;
    if due_again {
        // The caller wrote again while this turn ran: answer that too.
        deps.turn_wake.notify_one();
    }
    if reply.is_some() || !turn.effects.notify.is_empty() {
        deps.wake_outbox();
    }
    tracing::info!(from_state = %current, to_state = %final_state, replied = reply.is_some(), "turn done");
    Ok(match reply {
        Some(_) => TurnOutcome::Replied { state: final_state },
        None => TurnOutcome::Silent,
    })
}

/// LLM turns failing this many times in a row hand the thread to a person.
pub const MAX_LLM_FAILURES: u32 = 3;

/// The deterministic hand-offs first; then the LLM when configured, falling back to the built-in
/// policy when it fails; otherwise the built-in policy.
async fn choose_policy(
    turn: &mut Turn<'_>,
    text: &str,
    history: &[(String, String)],
    records: &mut Vec<CallRecord>,
) -> anyhow::Result<Option<String>> {
    if let Some(reply) = builtin::hand_off_if_needed(turn, text).await? {
        return Ok(Some(reply));
    }
    let Some(llm) = turn.deps.llm.clone() else {
        return builtin::respond(turn, text).await;
    };
    match llm.respond(turn, text, history, records).await {
        Ok(LlmReply::Text(reply)) => {
            turn.details.llm_failures = 0;
            Ok(Some(reply))
        }
        Ok(LlmReply::HandedOff(when)) => {
            turn.details.llm_failures = 0;
            Ok(Some(builtin::handoff_reply(turn, &when)))
        }
        Ok(LlmReply::Ungrounded) => builtin::hand_off_plain(turn, "grounding_check").await,
        Err(e) => {
            turn.details.llm_failures += 1;
            tracing::warn!(error = %e, failures = turn.details.llm_failures, "LLM turn failed; the built-in policy answers");
            if turn.details.llm_failures >= MAX_LLM_FAILURES {
                return builtin::hand_off_plain(turn, "llm_failure").await;
            }
            builtin::respond(turn, text).await
        }
    }
}

/// Write an outbound text and its outbox row, and note it on the conversation (one transaction).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn queue(
    tx: &mut Tx,
    business: &businesses::BusinessRecord,
    conversation_id: i64,
    contact_id: i64,
    to: &str,
    from: &str,
    author: Author,
    author_name: Option<&str>,
    kind: &str,
    body: &str,
    now_ms: i64,
) -> anyhow::Result<()> {
    outbox::queue_text(
        tx,
        outbox::NewText {
            business_id: business.id,
            conversation_id,
            contact_id,
            author,
            author_name,
            kind,
            to,
            from,
            body,
            now_ms,
            expires_at: None,
        },
    )
    .await?;
    Ok(())
}
