//! The inbox and the thread page: staff see conversations live, take them over, reply and hand
//! them back to the receptionist. The inbox's "Call back" view lists missed callers texts do not
//! reach (`crate::callbacks`), to ring and mark done.

use super::view;
use super::{render, CsrfForm, DashError, DashResult, Member};
use crate::app::AppState;
use crate::clock::to_millis;
use crate::domain::sms_text;
use crate::domain::State as ConvState;
use crate::engine::details::Details;
use crate::engine::state::{self as states, Event as ConvEvent};
use crate::store::dashboard::{self as q, Filter, InboxRow};
use crate::store::messages::Author;
use crate::store::{call_backs, contacts, BusinessId, ContactId, ConversationId, MessageId};
use axum::extract::{Path, Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use std::convert::Infallible;
use std::time::Duration;

/// Longest staff reply: a few segments are fine for a person, a novel is not.
pub const MAX_REPLY_CHARS: usize = 640;

pub async fn to_inbox(Path(bid): Path<BusinessId>) -> Redirect {
    Redirect::to(&format!("/app/{bid}/inbox"))
}

#[derive(Deserialize, Default)]
pub struct InboxQuery {
    filter: Option<String>,
}

#[derive(Serialize)]
struct RowView {
    id: ConversationId,
    caller: String,
    name: Option<String>,
    state: ConvState,
    state_label: &'static str,
    reason: Option<String>,
    taken_over_by: Option<String>,
    last: String,
    last_author: String,
    when: String,
    needs_human: bool,
    /// Handed off because someone may be unsafe: shown as an emergency, with a call button.
    emergency: bool,
    /// The number to tap to call (E.164).
    tel: String,
    waiting_since: Option<i64>,
    waiting: Option<String>,
    opted_out: bool,
    closed: bool,
}

fn row_view(r: &InboxRow, now_ms: i64, tz: chrono_tz::Tz) -> RowView {
    let needs_human = r.state == ConvState::HumanOwned && !r.closed && !r.opted_out;
    let waiting_since = if needs_human { r.waiting_since } else { None };
    let emergency = needs_human
        && r.handoff_reason
            .as_deref()
            .is_some_and(|h| h.starts_with("safety"));
    // What the caller said, not our boilerplate; what we said only when they said nothing yet.
    let (last, last_author) = match &r.last_caller_body {
        Some(b) => (b.as_str(), "caller".to_string()),
        None => (
            r.last_body.as_deref().unwrap_or(""),
            r.last_author.clone().unwrap_or_default(),
        ),
    };
    RowView {
        id: r.id,
        caller: view::phone(&r.phone),
        name: r.name.clone(),
        state: r.state,
        state_label: if r.opted_out {
            "Opted out"
        } else if r.closed {
            "Resolved"
        } else if emergency && !r.staff_replied {
            "Emergency"
        } else if needs_human && r.staff_replied && waiting_since.is_none() {
            // Answered by a person, and the caller has not written since.
            "Staff replied"
        } else {
            view::state_label(r.state)
        },
        reason: r.handoff_reason.as_deref().map(view::reason_label),
        taken_over_by: r.taken_over_by.clone(),
        last: view::preview(last, 120),
        last_author,
        when: view::short_when(r.last_message_at, now_ms, tz),
        needs_human,
        emergency,
        tel: r.phone.clone(),
        waiting_since,
        waiting: waiting_since.map(|t| view::duration(now_ms - t)),
        opted_out: r.opted_out,
        closed: r.closed,
    }
}

/// The inbox's `filter` parameter: conversations of one kind, or the callers to ring back.
#[derive(Debug, Clone, Copy)]
enum View {
    Conversations(Filter),
    CallBacks,
}

const CALL_BACK: &str = "call_back";

impl View {
    fn parse(s: Option<&str>) -> View {
        match s {
            Some(CALL_BACK) => View::CallBacks,
            other => View::Conversations(Filter::parse(other)),
        }
    }
}

/// One caller to ring back.
#[derive(Serialize)]
struct CallBackView {
    contact_id: ContactId,
    caller: String,
    /// The number to tap to call (E.164).
    tel: String,
    calls: i64,
    /// When they (last) called, in the business's time.
    when: String,
    /// How long the first call has waited.
    waiting: String,
    reason: String,
}

fn call_back_view(c: &call_backs::OpenCallBack, now_ms: i64, tz: chrono_tz::Tz) -> CallBackView {
    let at = chrono::DateTime::<chrono::Utc>::from_timestamp_millis(c.last_called_at)
        .unwrap_or_default()
        .with_timezone(&tz);
    let reason = match (c.reason.as_str(), c.error_code.as_deref()) {
        ("landline", _) => "Landline: texts do not reach it".to_string(),
        ("send_failed", Some(code)) => format!("Our text was not delivered (error {code})"),
        ("send_failed", None) => "Our text was not delivered".to_string(),
        _ => "Texts to this number fail".to_string(),
    };
    CallBackView {
        contact_id: c.contact_id,
        caller: view::phone(&c.phone),
        tel: c.phone.clone(),
        calls: c.calls,
        when: at.format("%a %b %-d, %-I:%M %p").to_string(),
        waiting: view::duration(now_ms - c.first_called_at),
        reason,
    }
}

async fn inbox_context(
    state: &AppState,
    a: &super::Access,
    selected: View,
) -> DashResult<tera::Context> {
    let now_ms = to_millis(state.clock.now());
    let tz = a.business.profile.tz();
    let mut ctx = a.context("inbox");
    match selected {
        View::Conversations(filter) => {
            let rows = q::inbox(&state.store, a.business.id, filter, 200).await?;
            let views: Vec<RowView> = rows.iter().map(|r| row_view(r, now_ms, tz)).collect();
            ctx.insert("rows", &views);
            ctx.insert("filter", filter.as_str());
        }
        View::CallBacks => {
            let open = call_backs::open_list(&state.store, a.business.id, 200).await?;
            let views: Vec<CallBackView> =
                open.iter().map(|c| call_back_view(c, now_ms, tz)).collect();
            ctx.insert("call_backs", &views);
            ctx.insert("filter", CALL_BACK);
        }
    }
    ctx.insert(
        "filters",
        &[
            ("all", "All"),
            ("human", "Needs a person"),
            (CALL_BACK, "Call back"),
            ("ai", "AI handling"),
            ("booked", "Booked"),
            ("opted_out", "Opted out"),
            ("resolved", "Resolved"),
        ],
    );
    Ok(ctx)
}

/// Staff called the caller back: their open call-back tasks are done.
pub async fn call_back_done(
    State(state): State<AppState>,
    a: Member,
    Path((bid, kid)): Path<(BusinessId, ContactId)>,
    CsrfForm(_): CsrfForm,
) -> DashResult<Response> {
    let now_ms = to_millis(state.clock.now());
    let mut conn = state.store.pool().acquire().await?;
    let closed = call_backs::mark_done(&mut conn, bid, kid, a.session.user.id, now_ms).await?;
    if closed == 0 {
        return Err(DashError::Conflict(
            "This caller has no call-back waiting (already marked done?).".into(),
        ));
    }
    tracing::info!(
        contact = %kid,
        user = a.session.user.id.0,
        tasks = closed,
        "call-back marked done"
    );
    Ok(Redirect::to(&format!("/app/{bid}/inbox?filter={CALL_BACK}")).into_response())
}

pub async fn inbox(
    State(state): State<AppState>,
    a: Member,
    Query(query): Query<InboxQuery>,
) -> DashResult<Response> {
    let selected = View::parse(query.filter.as_deref());
    render("inbox.html", &inbox_context(&state, &a, selected).await?)
}

/// The rows alone, for the live refresh.
pub async fn inbox_rows(
    State(state): State<AppState>,
    a: Member,
    Query(query): Query<InboxQuery>,
) -> DashResult<Response> {
    let selected = View::parse(query.filter.as_deref());
    render(
        "inbox_rows.html",
        &inbox_context(&state, &a, selected).await?,
    )
}

/// Server-sent events: a `change` event whenever a message or conversation of the business
/// changes (on any instance: it watches the database, not this process). Pages re-fetch their
/// live part when it arrives.
pub async fn events(State(state): State<AppState>, a: Member) -> DashResult<Response> {
    let business_id = a.business.id;
    let first = q::change_marker(&state.store, business_id).await?;
    let stream = futures_util::stream::unfold(
        (state, first, true),
        move |(state, last, hello)| async move {
            if hello {
                // Tell the page it is connected (and what it has seen).
                let ev = Event::default().event("hello").data(last.clone());
                return Some((Ok::<_, Infallible>(ev), (state, last, false)));
            }
            // Browsers reconnect by themselves: end the stream after a while, and at shutdown.
            let until = tokio::time::Instant::now() + Duration::from_secs(300);
            loop {
                tokio::time::sleep(Duration::from_millis(700)).await;
                if state.is_stopping() || tokio::time::Instant::now() > until {
                    return None;
                }
                match q::change_marker(&state.store, business_id).await {
                    Ok(now) if now != last => {
                        let ev = Event::default().event("change").data(now.clone());
                        return Some((Ok(ev), (state, now, false)));
                    }
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!(error = %format!("{e:#}"), "live updates: reading changes failed");
                    }
                }
            }
        },
    );
    Ok(Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response())
}

#[derive(Serialize)]
struct MessageView {
    id: MessageId,
    inbound: bool,
    who: String,
    author: String,
    body: String,
    when: String,
    status: String,
    failed: bool,
    segments: usize,
}

fn message_views(rows: &[q::MessageRow], tz: chrono_tz::Tz, caller: &str) -> Vec<MessageView> {
    rows.iter()
        .map(|m| {
            let who = match m.author.as_str() {
                "caller" => caller.to_string(),
                "ai" => "AI receptionist".to_string(),
                "staff" => m.author_name.clone().unwrap_or_else(|| "Staff".to_string()),
                _ => "System".to_string(),
            };
            MessageView {
                id: m.id,
                inbound: m.direction == "inbound",
                who,
                author: m.author.clone(),
                body: m.body.clone(),
                when: view::when(m.created_at, tz),
                status: if m.direction == "inbound" {
                    String::new()
                } else {
                    m.status.clone()
                },
                failed: matches!(m.status.as_str(), "failed" | "undelivered" | "dropped"),
                segments: sms_text::measure(&m.body).segments,
            }
        })
        .collect()
}

async fn thread_context(
    state: &AppState,
    a: &super::Access,
    cid: ConversationId,
    error: Option<&str>,
    draft: &str,
) -> DashResult<tera::Context> {
    let mut conn = state.store.pool().acquire().await?;
    let head = q::thread_head(&mut conn, a.business.id, cid).await?;
    let msgs = q::messages(&mut conn, a.business.id, cid).await?;
    // The caller's history with the business: other threads and every booking.
    let earlier = q::earlier_threads(&mut conn, a.business.id, head.contact_id, cid, 10).await?;
    let bookings =
        crate::store::bookings::of_contact(&mut conn, a.business.id, head.contact_id, 10).await?;
    drop(conn);
    let tz = a.business.profile.tz();
    let now_ms = to_millis(state.clock.now());
    let caller = view::phone(&head.row.phone);
    let details = Details::parse(head.details_json.as_deref());
    let mut ctx = a.context("inbox");
    ctx.insert("c", &row_view(&head.row, now_ms, tz));
    ctx.insert("messages", &message_views(&msgs, tz, &caller));
    ctx.insert(
        "details",
        &[
            ("Service", details.service.clone()),
            ("What's wrong", details.description.clone()),
            ("Address", details.address.clone()),
            ("Name", details.name.clone()),
            ("Urgency", details.urgency.clone()),
            ("Preferred time", details.preference.clone()),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect::<Vec<_>>(),
    );
    ctx.insert("earlier", &super::history::threads(&earlier, tz));
    ctx.insert("caller_bookings", &super::history::bookings(&bookings, tz));
    ctx.insert("booked", &details.booked.map(|s| s.for_sms(tz)));
    // The thread's booking, confirmed by the caller answering a reminder with C.
    let confirmed = details
        .booking_id
        .and_then(|id| bookings.iter().find(|b| b.id == id))
        .and_then(|b| b.confirmed_at)
        .map(|at| view::when(at, tz));
    ctx.insert("confirmed", &confirmed);
    ctx.insert("held", &details.chosen.map(|s| s.for_sms(tz)));
    ctx.insert("human_owned", &(head.row.state == ConvState::HumanOwned));
    ctx.insert("error", &error);
    ctx.insert("draft", draft);
    ctx.insert("max_reply", &MAX_REPLY_CHARS);
    Ok(ctx)
}

pub async fn thread(
    State(state): State<AppState>,
    a: Member,
    Path((_, cid)): Path<(BusinessId, ConversationId)>,
) -> DashResult<Response> {
    render(
        "thread.html",
        &thread_context(&state, &a, cid, None, "").await?,
    )
}

pub async fn thread_messages(
    State(state): State<AppState>,
    a: Member,
    Path((_, cid)): Path<(BusinessId, ConversationId)>,
) -> DashResult<Response> {
    render(
        "thread_messages.html",
        &thread_context(&state, &a, cid, None, "").await?,
    )
}

fn back(bid: BusinessId, cid: ConversationId) -> Response {
    Redirect::to(&format!("/app/{bid}/c/{cid}")).into_response()
}

pub async fn take_over(
    State(state): State<AppState>,
    a: Member,
    Path((bid, cid)): Path<(BusinessId, ConversationId)>,
    CsrfForm(_): CsrfForm,
) -> DashResult<Response> {
    let now_ms = to_millis(state.clock.now());
    let mut tx = state.store.begin().await?;
    let head = q::thread_head(&mut tx, bid, cid).await?;
    let to = states::after(Some(head.row.state), ConvEvent::TakenOver);
    if head.row.opted_out || !q::take_over(&mut tx, bid, cid, a.session.user.id, to, now_ms).await?
    {
        return Err(DashError::Conflict(
            "This caller has opted out of texts; the thread cannot be taken over.".into(),
        ));
    }
    tx.commit().await?;
    tracing::info!(
        conversation = %cid,
        user = a.session.user.id.0,
        "thread taken over"
    );
    Ok(back(bid, cid))
}

pub async fn hand_back(
    State(state): State<AppState>,
    a: Member,
    Path((bid, cid)): Path<(BusinessId, ConversationId)>,
    CsrfForm(_): CsrfForm,
) -> DashResult<Response> {
    let now_ms = to_millis(state.clock.now());
    let mut tx = state.store.begin().await?;
    let head = q::thread_head(&mut tx, bid, cid).await?;
    if head.row.opted_out {
        return Err(DashError::Conflict(
            "This caller has opted out of texts; the receptionist cannot take the thread back."
                .into(),
        ));
    }
    let details = Details::parse(head.details_json.as_deref());
    // The receptionist resumes where the conversation stands: after a booking, in `booked`.
    let resume = states::after(
        Some(head.row.state),
        ConvEvent::HandedBack {
            booked: details.booked.is_some(),
        },
    );
    if !q::hand_back(&mut tx, bid, cid, resume, now_ms).await? {
        return Err(DashError::Conflict(
            "The receptionist is already handling this thread.".into(),
        ));
    }
    tx.commit().await?;
    tracing::info!(
        conversation = %cid,
        user = a.session.user.id.0,
        "thread handed back to the AI"
    );
    Ok(back(bid, cid))
}

pub async fn resolve(
    State(state): State<AppState>,
    _a: Member,
    Path((bid, cid)): Path<(BusinessId, ConversationId)>,
    CsrfForm(_): CsrfForm,
) -> DashResult<Response> {
    let now_ms = to_millis(state.clock.now());
    let mut tx = state.store.begin().await?;
    q::thread_head(&mut tx, bid, cid).await?;
    q::resolve(&mut tx, bid, cid, now_ms).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/app/{bid}/inbox?filter=human")).into_response())
}

/// Why a staff reply cannot be sent, as the words the staff member sees.
pub fn check_reply(body: &str) -> Result<String, String> {
    let text = sms_text::normalize(body);
    if text.trim().is_empty() {
        return Err("Write a message first.".into());
    }
    if text.chars().count() > MAX_REPLY_CHARS {
        return Err(format!(
            "That is {} characters; keep replies under {MAX_REPLY_CHARS}.",
            text.chars().count()
        ));
    }
    Ok(text)
}

/// A staff reply: sent as a text from the business number through the outbox, recorded with the
/// staff member's name. Replying takes the thread over (the AI goes silent).
pub async fn reply(
    State(state): State<AppState>,
    a: Member,
    Path((bid, cid)): Path<(BusinessId, ConversationId)>,
    CsrfForm(form): CsrfForm,
) -> DashResult<Response> {
    let draft = form.get("body").unwrap_or("").to_string();
    let text = match check_reply(&draft) {
        Ok(t) => t,
        Err(msg) => {
            let ctx = thread_context(&state, &a, cid, Some(&msg), &draft).await?;
            return super::render_status(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                "thread.html",
                &ctx,
            );
        }
    };
    let now_ms = to_millis(state.clock.now());
    let mut tx = state.store.begin().await?;
    let head = q::thread_head(&mut tx, bid, cid).await?;
    let contact = contacts::get(&mut tx, head.contact_id).await?;
    if contact.opted_out_at.is_some() {
        drop(tx);
        return Err(DashError::Conflict(format!(
            "{} has opted out of texts (they replied STOP). Nothing was sent; they can text START to opt back in.",
            view::phone(&contact.phone)
        )));
    }
    if contact.not_textable_at.is_some() {
        drop(tx);
        return Err(DashError::Conflict(format!(
            "{} cannot receive texts ({}). Nothing was sent.",
            view::phone(&contact.phone),
            contact
                .not_textable_reason
                .as_deref()
                .unwrap_or("carrier refused")
        )));
    }
    let from = a
        .business
        .profile
        .sending_number()
        .map(str::to_string)
        .ok_or_else(|| {
            DashError::Conflict("The business has no phone number to send from.".into())
        })?;
    let to = states::after(None, ConvEvent::TakenOver);
    if !q::take_over(&mut tx, bid, cid, a.session.user.id, to, now_ms).await? {
        return Err(DashError::Conflict(
            "This caller has opted out of texts. Nothing was sent.".into(),
        ));
    }
    crate::engine::turn::queue(
        &mut tx,
        &a.business,
        cid,
        contact.id,
        &contact.phone,
        &from,
        Author::Staff,
        Some(&a.session.user.name),
        crate::store::messages::MessageKind::StaffReply,
        &text,
        now_ms,
    )
    .await?;
    tx.commit().await?;
    state.metrics.staff_reply();
    state.wake_outbox();
    tracing::info!(
        conversation = %cid,
        user = a.session.user.id.0,
        "staff reply queued"
    );
    Ok(back(bid, cid))
}
