//! One turn: load what it needs, `decide` (no database), then apply the plan in one
//! transaction: the new state and details, the calendar changes, the reply, any notifications to
//! staff and the outbox rows. A calendar change that no longer fits (someone booked the time
//! meanwhile) rolls the whole plan back and the turn is decided again from a fresh snapshot.

use super::channel::Channel;
use super::decide::{decide, Decision, Plan, TurnInput};
use super::deps::Deps;
use super::details::{Details, Known};
use super::state::State;
use super::tools::{booking_details, CalendarChange};
use crate::calendar::service::{BookingError, Calendar, Snapshot, DEFAULT_HOLD_MINUTES};
use crate::clock::to_millis;
use crate::store::messages::{Author, MessageKind};
use crate::store::{
    businesses, contacts, conversations, messages, outbox, ContactId, ConversationId, MessageId, Tx,
};
use anyhow::Context as _;

pub use super::decide::{MAX_AI_REPLIES_PER_DAY, MAX_LLM_FAILURES};

/// Times a turn is decided again because the calendar changed under it.
const MAX_DECISIONS: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TurnOutcome {
    /// Nothing was waiting.
    Idle,
    /// Texts were handled without a reply (staff own the thread, opted out, an internal number).
    Silent,
    Replied {
        state: State,
    },
    /// The turn ran past its claim and another worker claimed the conversation: nothing of this
    /// turn was written (the other worker answers the same texts, once).
    LeaseLost,
}

pub async fn run_turn(deps: &Deps, conversation_id: ConversationId) -> anyhow::Result<TurnOutcome> {
    let how = How {
        force_hand_off: None,
        channel: Channel::Sms,
        lease: None,
    };
    Ok(run_turn_with(deps, conversation_id, how, None)
        .await?
        .outcome)
}

/// A turn for a conversation a worker claimed (`conversations::claim_due`): written only while
/// the claim is still this worker's.
pub async fn run_claimed_turn(
    deps: &Deps,
    claimed: conversations::Claimed,
) -> anyhow::Result<TurnOutcome> {
    let how = How {
        force_hand_off: None,
        channel: Channel::Sms,
        lease: Some(claimed.lease_until),
    };
    Ok(run_turn_with(deps, claimed.id, how, None).await?.outcome)
}

/// How a turn runs, besides its conversation.
struct How<'a> {
    force_hand_off: Option<&'a str>,
    channel: Channel,
    /// The claim it runs under, if any (see [`conversations::TurnResult::lease`]).
    lease: Option<i64>,
}

/// A turn on a live call: the same decision, worded for speech; the reply is returned to be
/// spoken (and recorded as a line of the call), not texted. With a `speaker`, a model's words
/// go to it as they stream in (each checked first); the reply then holds all that was said.
pub async fn run_voice_turn(
    deps: &Deps,
    conversation_id: ConversationId,
    speaker: Option<super::channel::Speaker>,
) -> anyhow::Result<Finished> {
    let how = How {
        force_hand_off: None,
        channel: Channel::Voice,
        lease: None,
    };
    run_turn_with(deps, conversation_id, how, speaker).await
}

/// What a turn ended with.
#[derive(Debug, Clone)]
pub struct Finished {
    pub outcome: TurnOutcome,
    pub reply: Option<String>,
    /// The thread went to a person in this turn, and why.
    pub handoff_reason: Option<String>,
    /// What the receptionist learnt (service, address, name...), for whoever takes over.
    pub summary: String,
    pub details: Details,
}

impl Finished {
    fn idle(outcome: TurnOutcome) -> Self {
        Self {
            outcome,
            reply: None,
            handoff_reason: None,
            summary: String::new(),
            details: Details::default(),
        }
    }
}

/// A turn that failed again and again: hand the thread to a person with the reason, instead of
/// retrying forever or leaving the caller with silence.
pub async fn hand_off_failed_turn(
    deps: &Deps,
    claimed: conversations::Claimed,
    reason: &str,
) -> anyhow::Result<TurnOutcome> {
    let how = How {
        force_hand_off: Some(reason),
        channel: Channel::Sms,
        lease: Some(claimed.lease_until),
    };
    Ok(run_turn_with(deps, claimed.id, how, None).await?.outcome)
}

#[tracing::instrument(skip_all, fields(conversation = conversation_id.0))]
async fn run_turn_with(
    deps: &Deps,
    conversation_id: ConversationId,
    how: How<'_>,
    speaker: Option<super::channel::Speaker>,
) -> anyhow::Result<Finished> {
    match run_turn_once(deps, conversation_id, how, speaker).await {
        Err(e) if e.downcast_ref::<conversations::LeaseLost>().is_some() => {
            tracing::warn!("the turn outlived its lease and another worker took the conversation; this turn's answer is dropped");
            Ok(Finished::idle(TurnOutcome::LeaseLost))
        }
        other => other,
    }
}

async fn run_turn_once(
    deps: &Deps,
    conversation_id: ConversationId,
    how: How<'_>,
    speaker: Option<super::channel::Speaker>,
) -> anyhow::Result<Finished> {
    let How {
        force_hand_off,
        channel,
        lease,
    } = how;
    let now = deps.clock.now();
    let now_ms = to_millis(now);
    let (row, pending, earlier, known) = {
        let mut conn = deps.store.pool().acquire().await?;
        let since = now_ms - 86_400_000;
        let Some(row) = conversations::load_for_turn(&mut conn, conversation_id, since).await?
        else {
            return Ok(Finished::idle(TurnOutcome::Idle));
        };
        let (mut pending, earlier) =
            conversations::pending_inbound(&mut conn, conversation_id, row.last_handled_message_id)
                .await?;
        // R or X in answer to a reminder: the caller's wish in words the reschedule and cancel
        // flows know (the thread keeps the letter they sent).
        if let Some((id, body)) = pending.last_mut() {
            if let Some(request) =
                crate::reminders::ReplyWord::parse(body).and_then(|w| w.as_request())
            {
                if crate::store::reminders::answered(&mut conn, row.contact.id, *id, now_ms)
                    .await?
                    .is_some()
                {
                    *body = request.to_string();
                }
            }
        }
        // A caller we already know, in a new thread: what they told us before (their name, the
        // address of their last visit) is not asked again. Their latest earlier threads with
        // this business say it.
        let known = if row.details_json.is_none() {
            let before =
                conversations::recent_details_of_contact(&mut conn, row.contact.id, 5).await?;
            Some(Known::from_earlier(&before))
        } else {
            None
        };
        (row, pending, earlier, known)
    };
    if pending.is_empty() {
        let mut tx = deps.store.begin().await?;
        let details = row.details_json.clone().unwrap_or_else(|| "{}".into());
        let t = conversations::TurnResult {
            state: row.state,
            details_json: &details,
            handled_up_to: row.last_handled_message_id,
            handoff_reason: None,
            replied: false,
            lease,
        };
        let due_again = conversations::finish_turn(&mut tx, row.id, t, now_ms).await?;
        tx.commit().await?;
        if due_again {
            deps.turn_wake.notify_one();
        }
        return Ok(Finished::idle(TurnOutcome::Idle));
    }
    // Only a model reads the history; the built-in policy answers from the new texts.
    let history = if deps.llm.is_some() {
        let mut conn = deps.store.pool().acquire().await?;
        let mut recent =
            conversations::recent_messages(&mut conn, row.id, 10 + pending.len() as i64).await?;
        recent.truncate(recent.len().saturating_sub(pending.len()));
        recent
    } else {
        Vec::new()
    };
    let input = TurnInput {
        earlier,
        details: match known {
            Some(known) => Details::starting_from(known),
            None => Details::parse(row.details_json.as_deref()),
        },
        business: row.business,
        contact: row.contact,
        conversation_id: row.id,
        state: row.state,
        handoff_reason: row.handoff_reason,
        pending,
        history,
        replies_today: row.ai_replies,
        now,
        channel,
        force_hand_off: force_hand_off.map(str::to_string),
        speaker,
    };
    let mut input = input;
    // The calendar as far as it is already loaded, read up front: a turn is decided once (a feed
    // that never loaded is fetched, and the turn decided again, only if a tool needs the times).
    let mut calendar = Some(snapshot(deps, &input, false).await?);
    for _ in 0..MAX_DECISIONS {
        let decided = decide(&input, calendar.as_ref(), deps.llm.as_deref()).await?;
        // Words already spoken are not spoken again by a second decision.
        input.speaker = None;
        let plan = match decided {
            Decision::Plan(plan) => plan,
            Decision::NeedsCalendar
                if calendar.as_ref().is_none_or(|c| !c.feeds.missing_fetched) =>
            {
                calendar = Some(snapshot(deps, &input, true).await?);
                continue;
            }
            Decision::NeedsCalendar => anyhow::bail!("a tool asked for the calendar twice"),
        };
        match apply(deps, &input, *plan, calendar.as_ref(), lease).await? {
            Ok(outcome) => return Ok(outcome),
            Err(e) => {
                tracing::info!(error = %e, "the calendar changed under the turn; deciding again");
                calendar = Some(snapshot(deps, &input, true).await?);
            }
        }
    }
    anyhow::bail!("the calendar kept changing while this turn was decided")
}

async fn snapshot(deps: &Deps, input: &TurnInput, fetch_missing: bool) -> anyhow::Result<Snapshot> {
    Calendar::new(&deps.calendar, &input.business)
        .snapshot(&input.own_bookings(), fetch_missing)
        .await
        .context("reading the calendar")
}

/// Apply the calendar changes in order, inside the turn's transaction; the details learn the
/// new hold's id. A change that no longer fits is `Ok(Err(..))`: nothing of the plan is kept.
async fn apply_calendar(
    tx: &mut Tx,
    deps: &Deps,
    input: &TurnInput,
    plan: &mut Plan,
    snapshot: Option<&Snapshot>,
) -> anyhow::Result<Result<(), BookingError>> {
    if plan.effects.calendar.is_empty() {
        return Ok(Ok(()));
    }
    let Some(snapshot) = snapshot else {
        anyhow::bail!("calendar changes planned without reading the calendar");
    };
    let calendar = Calendar::new(&deps.calendar, &input.business);
    let feeds = &snapshot.feeds;
    let who = booking_details(&plan.details, &input.contact, input.conversation_id);
    for change in plan.effects.calendar.clone() {
        let done = match change {
            CalendarChange::Hold(slot) => calendar
                .hold_in(tx, feeds, slot, &who, DEFAULT_HOLD_MINUTES)
                .await
                .map(|row| plan.details.hold_id = Some(row.id)),
            // A hold that already lapsed needs no letting go.
            CalendarChange::Release(hold) => match calendar.release_in(tx, hold).await {
                Err(BookingError::NotFound) => Ok(()),
                other => other,
            },
            CalendarChange::Confirm { hold, slot } => calendar
                .confirm_in(tx, feeds, slot, &who, hold)
                .await
                .map(drop),
            CalendarChange::Move {
                booking,
                hold,
                slot,
            } => match calendar.release_in(tx, hold).await {
                Ok(()) | Err(BookingError::NotFound) => calendar
                    .reschedule_in(tx, feeds, booking, slot)
                    .await
                    .map(drop),
                Err(e) => Err(e),
            },
            CalendarChange::Cancel(booking) => calendar.cancel_in(tx, booking).await.map(drop),
        };
        match done {
            Ok(()) => {}
            Err(BookingError::Store(e)) => return Err(e),
            Err(e) => return Ok(Err(e)),
        }
    }
    Ok(Ok(()))
}

/// Write the plan in one transaction. `Ok(Err(..))`: the calendar changed under it, nothing
/// was written, decide again.
async fn apply(
    deps: &Deps,
    input: &TurnInput,
    mut plan: Plan,
    snapshot: Option<&Snapshot>,
    lease: Option<i64>,
) -> anyhow::Result<Result<Finished, BookingError>> {
    let now_ms = to_millis(input.now);
    let business = &input.business;
    let contact = &input.contact;
    let current = input.state;
    let mut tx = deps.store.begin().await?;
    // A member of staff may have taken the thread over while this turn ran: then the AI stays
    // quiet and changes nothing on the calendar.
    let taken_over = current != State::HumanOwned
        && conversations::lock_state(&mut tx, deps.store.backend(), input.conversation_id).await?
            == State::HumanOwned;
    if taken_over {
        plan.reply = None;
        plan.state = State::HumanOwned;
        plan.effects.calendar.clear();
        plan.details = input.details.clone();
    }
    if let Err(e) = apply_calendar(&mut tx, deps, input, &mut plan, snapshot).await? {
        return Ok(Err(e));
    }
    let from = business
        .profile
        .sending_number()
        .unwrap_or_default()
        .to_string();
    match (&plan.reply, input.channel) {
        // (The conversation is noted as answered by `finish_turn`, below.)
        (Some(body), Channel::Sms) => {
            outbox::queue_reply(
                &mut tx,
                outbox::NewText {
                    business_id: business.id,
                    conversation_id: input.conversation_id,
                    contact_id: contact.id,
                    author: Author::Ai,
                    author_name: None,
                    kind: MessageKind::Reply,
                    to: &contact.phone,
                    from: &from,
                    body,
                    now_ms,
                    expires_at: None,
                    not_before: None,
                },
            )
            .await?;
        }
        // Said on the call: recorded as a line of it, never texted.
        (Some(body), Channel::Voice) => {
            messages::insert_spoken(
                &mut tx,
                business.id,
                input.conversation_id,
                contact.id,
                Author::Ai,
                body,
                None,
                now_ms,
            )
            .await?;
        }
        (None, _) => {}
    }
    for note in &plan.effects.notify {
        alert_staff(
            &mut tx,
            business,
            &from,
            &super::guard::finalize(note),
            now_ms,
        )
        .await?;
    }
    if let Some(llm) = &deps.llm {
        for r in &plan.llm_records {
            deps.metrics.llm_call(&r.outcome);
            let call = conversations::LlmCall {
                business_id: business.id,
                conversation_id: input.conversation_id,
                model: &llm.model,
                latency_ms: r.latency_ms,
                prompt_tokens: r.prompt_tokens,
                completion_tokens: r.completion_tokens,
                outcome: &r.outcome,
            };
            conversations::record_llm_call(&mut tx, call, now_ms).await?;
        }
    }
    for q in &plan.effects.unanswered {
        conversations::record_unanswered(&mut tx, business.id, input.conversation_id, q, now_ms)
            .await?;
    }
    let details_json = plan.details.to_json();
    let handled_up_to = input.pending.last().map_or(MessageId(0), |(id, _)| *id);
    let t = conversations::TurnResult {
        state: plan.state,
        details_json: &details_json,
        handled_up_to,
        handoff_reason: plan.effects.handoff_reason.as_deref(),
        replied: plan.reply.is_some(),
        lease,
    };
    let due_again = conversations::finish_turn(&mut tx, input.conversation_id, t, now_ms).await?;
    tx.commit().await?;
    if !plan.effects.calendar.is_empty() {
        // A booking changed: its copy in the owner's calendar (CalDAV) is behind now.
        deps.calendar.caldav_wake.notify_one();
    }
    if due_again {
        // The caller wrote again while this turn ran: answer that too.
        deps.turn_wake.notify_one();
    }
    if plan.reply.is_some() || !plan.effects.notify.is_empty() {
        deps.wake_outbox();
    }
    tracing::info!(from_state = %current, to_state = %plan.state, replied = plan.reply.is_some(), "turn done");
    let outcome = match plan.reply {
        Some(_) => TurnOutcome::Replied { state: plan.state },
        None => TurnOutcome::Silent,
    };
    Ok(Ok(Finished {
        outcome,
        summary: plan.details.summary(),
        reply: plan.reply,
        handoff_reason: plan.effects.handoff_reason,
        details: plan.details,
    }))
}

/// Queue one alert to each of the business's notify numbers (`escalation.notify`), each in its
/// own staff thread (staff's, never the receptionist's); the number of alerts queued.
pub(crate) async fn alert_staff(
    tx: &mut Tx,
    business: &businesses::BusinessRecord,
    from: &str,
    body: &str,
    now_ms: i64,
) -> anyhow::Result<usize> {
    for staff in &business.profile.escalation.notify {
        let staff_contact = contacts::upsert(tx, business.id, staff.as_str(), now_ms).await?;
        let staff_conv = conversations::open_for_contact(
            tx,
            business.id,
            staff_contact.id,
            super::state::after(None, super::state::Event::TakenOver),
            now_ms,
        )
        .await?;
        queue(
            tx,
            business,
            staff_conv,
            staff_contact.id,
            staff.as_str(),
            from,
            Author::System,
            None,
            MessageKind::StaffNotify,
            body,
            now_ms,
        )
        .await?;
    }
    Ok(business.profile.escalation.notify.len())
}

/// Write an outbound text and its outbox row, and note it on the conversation (one transaction).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn queue(
    tx: &mut Tx,
    business: &businesses::BusinessRecord,
    conversation_id: ConversationId,
    contact_id: ContactId,
    to: &str,
    from: &str,
    author: Author,
    author_name: Option<&str>,
    kind: MessageKind,
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
            not_before: None,
        },
    )
    .await?;
    Ok(())
}
