//! Bookings (list and week view, cancel, the secret feed URL), the funnel with its charts, and
//! the phone simulator.

use super::view;
use super::{render, CsrfForm, DashError, DashResult, Member, Owner};
use crate::app::AppState;
use crate::calendar::service::Calendar;
use crate::clock::to_millis;
use crate::domain::phone::PhoneNumber;
use crate::engine::details::Details;
use crate::inbound::{handle_inbound_sms, InboundSms};
use crate::store::bookings::{self, BookingRow};
use crate::store::conversations;
use crate::store::{dashboard as q, BookingId, BusinessId, ConversationId, Optional as _};
use crate::textback::{handle_missed_call, MissedCall};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, Duration as CDuration, NaiveDate, TimeZone, Timelike};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Default)]
pub struct BookingsQuery {
    view: Option<String>,
    week: Option<String>,
}

#[derive(Serialize, Clone)]
struct BookingView {
    id: BookingId,
    when: String,
    day: String,
    time: String,
    minutes: i64,
    top_pct: f64,
    height_pct: f64,
    status: String,
    service: String,
    caller: String,
    name: String,
    address: String,
    conversation_id: Option<ConversationId>,
    cancellable: bool,
    /// When the caller confirmed it (answered a reminder with C), else empty.
    confirmed: String,
    /// When staff marked it a no-show, else empty.
    no_show: String,
    /// Begun, still booked, not yet marked: it can be marked a no-show.
    no_show_markable: bool,
}

fn booking_view(b: &BookingRow, tz: chrono_tz::Tz) -> BookingView {
    let start = view::local(b.start_at, tz);
    let minutes = (b.end_at - b.start_at) / 60_000;
    let from_midnight = (start.hour() * 60 + start.minute()) as f64;
    // Week view spans 6:00 to 22:00.
    let top = ((from_midnight - 360.0) / 960.0 * 100.0).clamp(0.0, 98.0);
    BookingView {
        id: b.id,
        when: view::when(b.start_at, tz),
        day: start.format("%a %b %-d").to_string(),
        time: format!(
            "{} - {}",
            start.format("%-I:%M %p"),
            view::local(b.end_at, tz).format("%-I:%M %p")
        ),
        minutes,
        top_pct: top,
        height_pct: (minutes as f64 / 960.0 * 100.0).clamp(2.0, 100.0 - top),
        status: b.status.clone(),
        service: b.service.clone().unwrap_or_default(),
        caller: b
            .caller_phone
            .as_deref()
            .map(view::phone)
            .unwrap_or_default(),
        name: b.caller_name.clone().unwrap_or_default(),
        address: b.address.clone().unwrap_or_default(),
        conversation_id: b.conversation_id,
        cancellable: matches!(b.status.as_str(), "booked" | "rescheduled") && b.end_at > 0,
        confirmed: b
            .confirmed_at
            .map(|at| view::when(at, tz))
            .unwrap_or_default(),
        no_show: b
            .no_show_at
            .map(|at| view::when(at, tz))
            .unwrap_or_default(),
        no_show_markable: matches!(b.status.as_str(), "booked" | "rescheduled")
            && b.no_show_at.is_none(),
    }
}

fn local_midnight_ms(day: NaiveDate, tz: chrono_tz::Tz) -> i64 {
    tz.from_local_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default())
        .earliest()
        .map(|d| d.timestamp_millis())
        .unwrap_or_default()
}

pub async fn bookings(
    State(state): State<AppState>,
    a: Member,
    Path(bid): Path<BusinessId>,
    Query(query): Query<BookingsQuery>,
) -> DashResult<Response> {
    let tz = a.business.profile.tz();
    let now = state.clock.now();
    let now_ms = to_millis(now);
    let mut ctx = a.context("bookings");
    let week_view = query.view.as_deref() == Some("week");
    ctx.insert("week_view", &week_view);
    if week_view {
        let today = now.with_timezone(&tz).date_naive();
        let start = query
            .week
            .as_deref()
            .and_then(|w| NaiveDate::parse_from_str(w, "%Y-%m-%d").ok())
            .filter(|d| (2000..=2200).contains(&d.year()))
            .unwrap_or(today);
        let monday = start - CDuration::days(start.weekday().num_days_from_monday() as i64);
        let from = local_midnight_ms(monday, tz);
        let to = local_midnight_ms(monday + CDuration::days(7), tz);
        let rows = q::bookings_between(&state.store, bid, from, to, false).await?;
        let days: Vec<(String, bool, Vec<BookingView>)> = (0..7)
            .map(|i| {
                let d = monday + CDuration::days(i);
                let list = rows
                    .iter()
                    .filter(|b| b.status != "cancelled")
                    .filter(|b| view::local(b.start_at, tz).date_naive() == d)
                    .map(|b| booking_view(b, tz))
                    .collect();
                (d.format("%a %b %-d").to_string(), d == today, list)
            })
            .collect();
        ctx.insert("days", &days);
        ctx.insert(
            "prev_week",
            &(monday - CDuration::days(7)).format("%Y-%m-%d").to_string(),
        );
        ctx.insert(
            "next_week",
            &(monday + CDuration::days(7)).format("%Y-%m-%d").to_string(),
        );
        ctx.insert(
            "week_label",
            &monday.format("Week of %b %-d, %Y").to_string(),
        );
    } else {
        let upcoming = q::bookings_between(&state.store, bid, now_ms, i64::MAX / 2, false).await?;
        let past =
            q::bookings_between(&state.store, bid, now_ms - 90 * 86_400_000, now_ms, true).await?;
        ctx.insert(
            "upcoming",
            &upcoming
                .iter()
                .map(|b| booking_view(b, tz))
                .collect::<Vec<_>>(),
        );
        ctx.insert(
            "past",
            &past.iter().map(|b| booking_view(b, tz)).collect::<Vec<_>>(),
        );
    }
    if a.is_owner() {
        let mut conn = state.store.pool().acquire().await?;
        let token = bookings::calendar_token(&mut conn, bid).await?;
        let base = state
            .config
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", state.config.listen));
        ctx.insert("feed_url", &format!("{base}/calendar/{token}.ics"));
    }
    render("bookings.html", &ctx)
}

/// Cancel a booking: its time is free again, and the conversation no longer counts it as booked.
pub async fn cancel_booking(
    State(state): State<AppState>,
    a: Member,
    Path((bid, id)): Path<(BusinessId, BookingId)>,
    CsrfForm(_): CsrfForm,
) -> DashResult<Response> {
    let cancelled = Calendar::new(&state.engine.calendar, &a.business)
        .cancel(id)
        .await
        .map_err(|e| match e {
            crate::calendar::service::BookingError::NotFound => DashError::NotFound("booking"),
            other => DashError::Conflict(format!("The booking cannot be cancelled: {other}")),
        })?;
    if let Some(cid) = cancelled.conversation_id {
        let mut tx = state.store.begin().await?;
        // The thread may be gone (the caller was forgotten); the booking is cancelled all the same.
        if let Some(head) = q::thread_head(&mut tx, bid, cid).await.optional()? {
            let mut d = Details::parse(head.details_json.as_deref());
            if d.booking_id == Some(id) {
                d.booking_id = None;
                d.booked = None;
                let next_state = crate::engine::state::after(
                    Some(head.row.state),
                    crate::engine::state::Event::BookingCancelled,
                );
                conversations::set_state_and_details(
                    &mut tx,
                    bid,
                    cid,
                    next_state,
                    &d.to_json(),
                    to_millis(state.clock.now()),
                )
                .await?;
            }
        }
        tx.commit().await?;
    }
    tracing::info!(
        booking = %id,
        user = a.session.user.id.0,
        "booking cancelled from the dashboard"
    );
    Ok(Redirect::to(&format!("/app/{bid}/bookings")).into_response())
}

/// Mark a past booking a no-show (owner or staff). The caller gets one text offering to rebook,
/// through the outbox (opt-outs honoured), queued in the transaction that marks it: marking again
/// (a double click, a colleague) changes nothing and sends nothing.
pub async fn mark_no_show(
    State(state): State<AppState>,
    a: Member,
    Path((bid, id)): Path<(BusinessId, BookingId)>,
    CsrfForm(_): CsrfForm,
) -> DashResult<Response> {
    use crate::store::{contacts, messages, outbox, reminders as rq};
    let now_ms = to_millis(state.clock.now());
    let profile = &a.business.profile;
    let mut tx = state.store.begin().await?;
    // No such booking of the business is a 404 (from the store); one not eligible, a conflict.
    let Some(booking) = bookings::mark_no_show(&mut tx, bid, id, now_ms).await? else {
        tx.rollback().await?;
        return Err(DashError::Conflict(
            "Only a booking that has begun, and is not cancelled or already marked, can be marked a no-show.".into(),
        ));
    };
    let phone = match (booking.caller_phone.clone(), booking.contact_id) {
        (Some(p), _) => Some(p),
        (None, Some(c)) => rq::phone_of_contact(&mut tx, c).await?,
        _ => None,
    };
    let mut queued = false;
    if let (Some(phone), Some(from)) = (phone, profile.sending_number()) {
        let contact = contacts::upsert(&mut tx, bid, &phone, now_ms).await?;
        if contact.opted_out_at.is_none() && contact.not_textable_at.is_none() {
            let own = match booking.conversation_id {
                Some(c) => rq::open_thread_of(&mut tx, c, contact.id).await?,
                None => None,
            };
            let conversation_id = match own {
                Some(c) => c,
                None => {
                    conversations::open_for_contact(
                        &mut tx,
                        bid,
                        contact.id,
                        crate::engine::state::after(None, crate::engine::state::Event::MissedCall),
                        now_ms,
                    )
                    .await?
                }
            };
            let body = crate::reminders::no_show_text(profile, booking.service.as_deref());
            // Not an answer to anything the caller said: it waits for their sending window (a
            // no-show marked at 21:00 is texted at 08:00 in the caller's zone).
            let not_before = Some(crate::reminders::next_in_window(profile, &phone, now_ms))
                .filter(|&at| at > now_ms);
            outbox::queue_text(
                &mut tx,
                outbox::NewText {
                    business_id: bid,
                    conversation_id,
                    contact_id: contact.id,
                    author: messages::Author::System,
                    author_name: None,
                    kind: messages::MessageKind::NoShow,
                    to: &phone,
                    from,
                    body: &body,
                    now_ms,
                    expires_at: Some(not_before.unwrap_or(now_ms) + 24 * 3_600_000),
                    not_before,
                },
            )
            .await?;
            queued = true;
        }
    }
    tx.commit().await?;
    if queued {
        state.wake_outbox();
    }
    tracing::info!(
        booking = %id,
        user = a.session.user.id.0,
        texted = queued,
        "booking marked a no-show from the dashboard"
    );
    Ok(Redirect::to(&format!("/app/{bid}/bookings")).into_response())
}

/// A new secret feed address; the old one stops working at once.
pub async fn rotate_calendar_token(
    State(state): State<AppState>,
    _a: Owner,
    Path(bid): Path<BusinessId>,
    CsrfForm(_): CsrfForm,
) -> DashResult<Response> {
    let mut conn = state.store.pool().acquire().await?;
    bookings::rotate_calendar_token(&mut conn, bid).await?;
    Ok(Redirect::to(&format!("/app/{bid}/bookings")).into_response())
}

#[derive(Deserialize, Default)]
pub struct FunnelQuery {
    days: Option<i64>,
    from: Option<String>,
    to: Option<String>,
}

#[derive(Serialize)]
struct Bar {
    label: String,
    value: i64,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

/// Horizontal bars for the funnel stages, scaled to the largest.
fn stage_bars(stages: &[(&str, i64)]) -> Vec<Bar> {
    let max = stages.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1) as f64;
    stages
        .iter()
        .enumerate()
        .map(|(i, (label, v))| Bar {
            label: label.to_string(),
            value: *v,
            x: 150.0,
            y: 8.0 + i as f64 * 34.0,
            w: (*v as f64 / max * 300.0).max(if *v > 0 { 2.0 } else { 0.0 }),
            h: 24.0,
        })
        .collect()
}

#[derive(Serialize)]
struct DayBars {
    label: String,
    x: f64,
    missed_y: f64,
    missed_h: f64,
    booked_y: f64,
    booked_h: f64,
    missed: i64,
    booked: i64,
    show_label: bool,
}

fn daily_bars(daily: &[(String, i64, i64)]) -> (Vec<DayBars>, f64) {
    let n = daily.len().max(1) as f64;
    let slot = 560.0 / n;
    let max = daily
        .iter()
        .map(|(_, m, b)| (*m).max(*b))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let every = (daily.len() / 7).max(1);
    let bars = daily
        .iter()
        .enumerate()
        .map(|(i, (d, m, b))| {
            let mh = *m as f64 / max * 140.0;
            let bh = *b as f64 / max * 140.0;
            DayBars {
                label: d.get(5..).unwrap_or(d).to_string(),
                x: 30.0 + i as f64 * slot,
                missed_y: 150.0 - mh,
                missed_h: mh,
                booked_y: 150.0 - bh,
                booked_h: bh,
                missed: *m,
                booked: *b,
                show_label: i % every == 0,
            }
        })
        .collect();
    (bars, (slot / 2.0 - 1.0).max(1.0))
}

pub async fn funnel(
    State(state): State<AppState>,
    a: Member,
    Path(bid): Path<BusinessId>,
    Query(query): Query<FunnelQuery>,
) -> DashResult<Response> {
    let tz = a.business.profile.tz();
    let now = state.clock.now();
    let today = now.with_timezone(&tz).date_naive();
    let parse = |s: &Option<String>| {
        s.as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .filter(|d| (2000..=2200).contains(&d.year()))
    };
    let (first, last, days) = match (parse(&query.from), parse(&query.to)) {
        (Some(f), Some(t)) if f <= t && (t - f).num_days() <= 366 => (f, t, None),
        _ => {
            let days = query.days.unwrap_or(30).clamp(1, 366);
            (today - CDuration::days(days - 1), today, Some(days))
        }
    };
    let from = local_midnight_ms(first, tz);
    let to = local_midnight_ms(last + CDuration::days(1), tz);
    let f = q::funnel(&state.store, bid, from, to, tz).await?;
    let stages = [
        ("Missed calls", f.missed_calls),
        ("Text-backs sent", f.textbacks_sent),
        ("Callers replied", f.callers_replied),
        ("Handed off", f.handed_off),
        ("Bookings made", f.bookings),
    ];
    let (daily, bar_w) = daily_bars(&f.daily);
    let mut ctx = a.context("funnel");
    ctx.insert("voice", &f.voice);
    ctx.insert("reminders", &f.reminders);
    ctx.insert("nudges", &f.nudges);
    ctx.insert("no_shows", &f.no_shows);
    ctx.insert("call_backs", &f.call_backs);
    ctx.insert("stages", &stage_bars(&stages));
    ctx.insert("daily", &daily);
    ctx.insert("bar_w", &bar_w);
    ctx.insert(
        "skipped",
        &f.textbacks_skipped
            .iter()
            .map(|(r, n)| (view::reason_label(r), *n))
            .collect::<Vec<_>>(),
    );
    ctx.insert(
        "median_tt_text",
        &f.median_time_to_text_ms.map(view::short_duration),
    );
    ctx.insert(
        "median_staff",
        &f.median_first_staff_reply_ms.map(view::duration),
    );
    ctx.insert("from", &first.format("%Y-%m-%d").to_string());
    ctx.insert("to", &last.format("%Y-%m-%d").to_string());
    ctx.insert("days", &days);
    ctx.insert(
        "rate",
        &if f.missed_calls > 0 {
            Some(format!(
                "{:.0}%",
                f.bookings as f64 / f.missed_calls as f64 * 100.0
            ))
        } else {
            None
        },
    );
    render("funnel.html", &ctx)
}

/// The caller number the simulator plays (fictional 555-01xx range by default).
pub const SIM_CALLER: &str = "+15550100777";

#[derive(Deserialize, Default)]
pub struct SimQuery {
    from: Option<String>,
}

fn sim_caller(raw: Option<&str>) -> DashResult<String> {
    let raw = raw
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(SIM_CALLER);
    let n = PhoneNumber::parse(raw)
        .map_err(|e| DashError::BadRequest(format!("The caller number is not valid: {e}")))?;
    if !is_reserved_for_tests(n.as_str()) {
        // A real number would let the simulator speak for a real caller (texting START for
        // someone who opted out re-subscribes them).
        return Err(DashError::BadRequest(
            "The simulator plays only fictional numbers (555-0100 to 555-0199 in any area code, e.g. +1 202 555 0142, or the 555 area code)."
                .into(),
        ));
    }
    Ok(n.as_str().to_string())
}

/// Numbers no real caller has: the North American fictional range (NXX-555-01XX) and the
/// unassigned 555 area code.
pub fn is_reserved_for_tests(e164: &str) -> bool {
    let Some(d) = e164.strip_prefix("+1") else {
        return false;
    };
    d.len() == 10 && (d.starts_with("555") || (&d[3..6] == "555" && &d[6..8] == "01"))
}

async fn sim_context(state: &AppState, a: &super::Access, from: &str) -> DashResult<tera::Context> {
    let tz = a.business.profile.tz();
    let mut messages = Vec::new();
    for m in q::simulator_messages(&state.store, a.business.id, from).await? {
        messages.push(serde_json::json!({
            "mine": m.direction == "inbound",
            "who": match m.author.as_str() {
                "caller" => "You".to_string(),
                "ai" => "Receptionist (AI)".to_string(),
                "staff" => m.author_name.unwrap_or_else(|| "Staff".into()),
                _ => "System".to_string(),
            },
            "body": m.body,
            "status": m.status,
            "when": view::local(m.created_at, tz).format("%-I:%M %p").to_string(),
        }));
    }
    let mut ctx = a.context("simulator");
    ctx.insert("from", from);
    ctx.insert("from_q", &super::urlencode(from));
    ctx.insert("from_display", &view::phone(from));
    ctx.insert("messages", &messages);
    ctx.insert(
        "business_number",
        &a.business
            .profile
            .business
            .phone_numbers
            .first()
            .map(|n| n.display_national())
            .unwrap_or_default(),
    );
    let provider = state.providers.get(a.business.profile.business.provider);
    ctx.insert("console", &(provider.name() == "console"));
    Ok(ctx)
}

pub async fn simulator(
    State(state): State<AppState>,
    a: Owner,
    Query(query): Query<SimQuery>,
) -> DashResult<Response> {
    let from = sim_caller(query.from.as_deref())?;
    render("simulator.html", &sim_context(&state, &a, &from).await?)
}

pub async fn simulator_messages(
    State(state): State<AppState>,
    a: Owner,
    Query(query): Query<SimQuery>,
) -> DashResult<Response> {
    let from = sim_caller(query.from.as_deref())?;
    render("sim_messages.html", &sim_context(&state, &a, &from).await?)
}

fn sim_back(bid: BusinessId, from: &str) -> Response {
    Redirect::to(&format!(
        "/app/{bid}/simulator?from={}",
        super::urlencode(from)
    ))
    .into_response()
}

fn business_number(a: &super::Access) -> DashResult<String> {
    a.business
        .profile
        .sending_number()
        .map(str::to_string)
        .ok_or_else(|| DashError::Conflict("The business has no phone number.".into()))
}

/// "Call" the business: a missed call through the same code path as Twilio's webhook.
pub async fn simulator_call(
    State(state): State<AppState>,
    a: Owner,
    Path(bid): Path<BusinessId>,
    CsrfForm(form): CsrfForm,
) -> DashResult<Response> {
    let from = sim_caller(form.get("from"))?;
    let to = business_number(&a)?;
    let sid = format!("CAsim{}", uuid::Uuid::new_v4().simple());
    handle_missed_call(
        &state,
        &a.business,
        &MissedCall {
            call_sid: &sid,
            from: &from,
            to: &to,
            status: "no-answer",
            look_up: false,
        },
    )
    .await?;
    state.wake_outbox();
    Ok(sim_back(bid, &from))
}

#[derive(serde::Deserialize, Default)]
pub struct SimVoiceQuery {
    from: Option<String>,
    csrf: Option<String>,
}

/// "Call" the business and let the receptionist answer: the live-voice protocol over a
/// WebSocket, with what the caller says typed in the page. Same engine, same records, as a call
/// through Twilio's ConversationRelay.
pub async fn simulator_voice(
    State(state): State<AppState>,
    a: Owner,
    headers: axum::http::HeaderMap,
    Query(query): Query<SimVoiceQuery>,
    ws: axum::extract::ws::WebSocketUpgrade,
) -> DashResult<Response> {
    // A WebSocket is not covered by the form check: the token comes in the URL, and the page
    // must be our own (no other site may open it with the owner's cookie).
    a.session.check_csrf(query.csrf.as_deref().unwrap_or(""))?;
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok());
    let origin = headers
        .get(axum::http::header::ORIGIN)
        .and_then(|h| h.to_str().ok());
    if let (Some(origin), Some(host)) = (origin, host) {
        let origin_host = origin.split("://").nth(1).unwrap_or(origin);
        if origin_host != host {
            return Err(DashError::Forbidden(
                "This page may only be used from the dashboard.".into(),
            ));
        }
    }
    let from = sim_caller(query.from.as_deref())?;
    let to = business_number(&a)?;
    let sid = format!("CAsim{}", uuid::Uuid::new_v4().simple());
    crate::voice::answer(&state, &a.business, &sid, &from, &to).await?;
    let sim = crate::http::relay::KnownCall {
        call_sid: sid,
        from,
        to,
        greet: true,
    };
    Ok(ws
        .max_message_size(64 * 1024)
        .on_upgrade(move |socket| crate::http::relay::simulate(state, socket, sim)))
}

/// Text the business as the caller: the same code path as an inbound SMS webhook.
pub async fn simulator_text(
    State(state): State<AppState>,
    a: Owner,
    Path(bid): Path<BusinessId>,
    CsrfForm(form): CsrfForm,
) -> DashResult<Response> {
    let from = sim_caller(form.get("from"))?;
    let body = form.text("body");
    if body.is_empty() {
        return Ok(sim_back(bid, &from));
    }
    if body.chars().count() > 1600 {
        return Err(DashError::BadRequest(
            "A text message can be at most 1600 characters.".into(),
        ));
    }
    let to = business_number(&a)?;
    let sid = format!("SMsim{}", uuid::Uuid::new_v4().simple());
    handle_inbound_sms(
        &state,
        &a.business,
        &InboundSms {
            message_sid: &sid,
            from: &from,
            to: &to,
            body: &body,
        },
    )
    .await?;
    Ok(sim_back(bid, &from))
}
