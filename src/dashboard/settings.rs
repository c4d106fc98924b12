//! Owner pages: the profile editor (what the receptionist knows), unanswered questions, the team.
//!
//! A save builds the whole profile anew from the stored one plus the submitted section, runs the
//! same validation as `frontdesk business import`, and stores it in one transaction. An invalid
//! save changes nothing and shows each error next to its field.

use super::after_reply;
use super::view::{self, FormData};
use super::{render, render_status, Access, CsrfForm, DashError, DashResult, Owner};
use crate::app::AppState;
use crate::clock::to_millis;
use crate::domain::profile::{
    render_sms_template_for, BusinessProfile, CallerFacts, Faq, ProfileError,
};
use crate::domain::sms_text;
use crate::store::users::{self, Role};
use crate::store::{
    businesses, dashboard as q, feeds, BusinessId, ConversationId, Optional as _, UserId,
};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub const SECTIONS: &[&str] = &[
    "voice",
    "details",
    "hours",
    "services",
    "faq",
    "messages",
    "escalation",
    "booking",
    after_reply::SECTION,
];
const DAYS: &[(&str, &str)] = &[
    ("mon", "Monday"),
    ("tue", "Tuesday"),
    ("wed", "Wednesday"),
    ("thu", "Thursday"),
    ("fri", "Friday"),
    ("sat", "Saturday"),
    ("sun", "Sunday"),
];

fn lines(s: &str) -> Vec<Value> {
    s.lines()
        .flat_map(|l| l.split(','))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Value::String(l.to_string()))
        .collect()
}

fn join_lines(v: &Value) -> String {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

fn str_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A number field: kept as a string when it is not a number, so the error names the field.
fn number(s: &str) -> Value {
    let t = s.trim();
    match t.parse::<u64>() {
        Ok(n) => json!(n),
        Err(_) => Value::String(t.to_string()),
    }
}

#[derive(Serialize, Clone, Default)]
struct ServiceRow {
    name: String,
    duration: String,
    price: String,
    description: String,
    /// Other words callers use, comma-separated as typed.
    keywords: String,
    /// "" (the business's default), "on_site" or "at_business".
    location: String,
}

#[derive(Serialize, Clone, Default)]
struct FaqRow {
    q: String,
    a: String,
    keywords: String,
}

/// Words typed comma- or line-separated, as a list.
fn word_list(text: &str) -> Vec<Value> {
    text.split([',', '\n'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(|w| Value::String(w.to_string()))
        .collect()
}

fn location_text(l: Option<crate::domain::profile::Location>) -> String {
    use crate::domain::profile::Location;
    match l {
        None => String::new(),
        Some(Location::OnSite) => "on_site".into(),
        Some(Location::AtBusiness) => "at_business".into(),
    }
}

/// Every field of the editor as the text shown in its input.
#[derive(Default)]
struct Values {
    fields: BTreeMap<String, String>,
    services: Vec<ServiceRow>,
    faq: Vec<FaqRow>,
}

fn values_of(profile: &BusinessProfile) -> Values {
    let v = serde_json::to_value(profile).unwrap_or_default();
    let mut f = BTreeMap::new();
    for key in ["name", "timezone", "service_area", "about", "ring_seconds"] {
        f.insert(format!("business.{key}"), str_of(&v["business"][key]));
    }
    f.insert(
        "business.forward_to".into(),
        join_lines(&v["business"]["forward_to"]),
    );
    f.insert(
        "business.provider".into(),
        profile.business.provider.as_str().into(),
    );
    for (d, _) in DAYS {
        f.insert(format!("hours.{d}"), str_of(&v["hours"][*d]));
    }
    f.insert(
        "hours.closed_dates".into(),
        join_lines(&v["hours"]["closed_dates"]),
    );
    for key in [
        "message",
        "after_hours_message",
        "returning_message",
        "cooldown_minutes",
    ] {
        f.insert(format!("textback.{key}"), str_of(&v["textback"][key]));
    }
    f.insert(
        "escalation.keywords".into(),
        join_lines(&v["escalation"]["keywords"]),
    );
    f.insert(
        "escalation.notify".into(),
        join_lines(&v["escalation"]["notify"]),
    );
    f.insert(
        "escalation.emergency_referral".into(),
        profile
            .escalation
            .emergency_referral
            .clone()
            .unwrap_or_default(),
    );
    f.insert(
        "escalation.after_hours_emergencies".into(),
        if profile.escalation.after_hours_emergencies {
            "1".into()
        } else {
            String::new()
        },
    );
    f.insert(
        "booking.location".into(),
        location_text(Some(profile.booking.location)),
    );
    let voice = serde_json::to_value(&profile.voice).unwrap_or_default();
    for key in ["answer", "engine", "disclosure"] {
        f.insert(format!("voice.{key}"), str_of(&voice[key]));
    }
    f.insert(
        "voice.transfer_to".into(),
        join_lines(&voice["transfer_to"]),
    );
    f.insert(
        "business.state".into(),
        profile.business.state.clone().unwrap_or_default(),
    );
    f.insert(
        "booking.calendar_feeds".into(),
        join_lines(&v["booking"]["calendar_feeds"]),
    );
    for key in [
        "slot_minutes",
        "buffer_minutes",
        "min_notice_minutes",
        "horizon_days",
        "max_proposals",
    ] {
        f.insert(format!("booking.{key}"), str_of(&v["booking"][key]));
    }
    after_reply::fields_of(profile, &mut f);
    Values {
        fields: f,
        services: profile
            .services
            .iter()
            .map(|s| ServiceRow {
                name: s.name.clone(),
                duration: s
                    .duration_minutes
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                price: s.price.clone().unwrap_or_default(),
                description: s.description.clone().unwrap_or_default(),
                keywords: s.keywords.join(", "),
                location: location_text(s.location),
            })
            .collect(),
        faq: profile
            .faq
            .iter()
            .map(|x| FaqRow {
                q: x.q.clone(),
                a: x.a.clone(),
                keywords: x.keywords.join(", "),
            })
            .collect(),
    }
}

/// Apply one submitted section to the profile's JSON form; also returns the submitted values,
/// to show again if the save is refused.
fn apply(section: &str, v: &mut Value, form: &FormData, shown: &mut Values) -> DashResult<()> {
    let mut set = |path: &str, value: Value, text: String| {
        let mut parts = path.split('.');
        let (a, b) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        v[a][b] = value;
        shown.fields.insert(path.to_string(), text);
    };
    match section {
        "details" => {
            for key in ["name", "timezone", "service_area", "about"] {
                let path = format!("business.{key}");
                let t = form.text(&path);
                set(&path, Value::String(t.clone()), t);
            }
            let ring = form.text("business.ring_seconds");
            set("business.ring_seconds", number(&ring), ring);
            let fwd = form.get("business.forward_to").unwrap_or("").to_string();
            set("business.forward_to", Value::Array(lines(&fwd)), fwd);
            let provider = form.text("business.provider");
            if !provider.is_empty() {
                set(
                    "business.provider",
                    Value::String(provider.clone()),
                    provider,
                );
            }
        }
        "hours" => {
            for (d, _) in DAYS {
                let path = format!("hours.{d}");
                let mut t = form.text(&path);
                if t.is_empty() {
                    t = "closed".into();
                }
                set(&path, Value::String(t.clone()), t);
            }
            let dates = form.get("hours.closed_dates").unwrap_or("").to_string();
            set("hours.closed_dates", Value::Array(lines(&dates)), dates);
        }
        "messages" => {
            for key in ["message", "after_hours_message"] {
                let path = format!("textback.{key}");
                let t = form.text(&path);
                set(&path, Value::String(t.clone()), t);
            }
            // Optional: left empty, every caller gets the usual text-back.
            let r = form.text("textback.returning_message");
            let value = if r.is_empty() {
                Value::Null
            } else {
                Value::String(r.clone())
            };
            set("textback.returning_message", value, r);
            let c = form.text("textback.cooldown_minutes");
            set("textback.cooldown_minutes", number(&c), c);
        }
        "escalation" => {
            for key in ["keywords", "notify"] {
                let path = format!("escalation.{key}");
                let t = form.get(&path).unwrap_or("").to_string();
                set(&path, Value::Array(lines(&t)), t);
            }
            let referral = form.text("escalation.emergency_referral");
            let value = if referral.is_empty() {
                Value::Null
            } else {
                Value::String(referral.clone())
            };
            set("escalation.emergency_referral", value, referral);
            let after_hours = form.get("escalation.after_hours_emergencies").is_some();
            set(
                "escalation.after_hours_emergencies",
                Value::Bool(after_hours),
                if after_hours {
                    "1".into()
                } else {
                    String::new()
                },
            );
        }
        "voice" => {
            for key in ["answer", "engine", "disclosure"] {
                let path = format!("voice.{key}");
                let t = form.text(&path);
                set(&path, Value::String(t.clone()), t);
            }
            let to = form.get("voice.transfer_to").unwrap_or("").to_string();
            set("voice.transfer_to", Value::Array(lines(&to)), to);
            let state = form.text("business.state").to_ascii_uppercase();
            let value = if state.is_empty() {
                Value::Null
            } else {
                Value::String(state.clone())
            };
            set("business.state", value, state);
        }
        "booking" => {
            let feeds = form.get("booking.calendar_feeds").unwrap_or("").to_string();
            let list: Vec<Value> = feeds
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| Value::String(l.to_string()))
                .collect();
            set("booking.calendar_feeds", Value::Array(list), feeds);
            let location = form.text("booking.location");
            set(
                "booking.location",
                Value::String(location.clone()),
                location,
            );
            for key in [
                "slot_minutes",
                "buffer_minutes",
                "min_notice_minutes",
                "horizon_days",
                "max_proposals",
            ] {
                let path = format!("booking.{key}");
                let t = form.text(&path);
                set(&path, number(&t), t);
            }
        }
        "services" => {
            let mut rows = Vec::new();
            let mut shown_rows = Vec::new();
            for i in 0..200 {
                let key = |f: &str| format!("services[{i}].{f}");
                if form.get(&key("name")).is_none() {
                    break;
                }
                let row = ServiceRow {
                    name: form.text(&key("name")),
                    duration: form.text(&key("duration_minutes")),
                    price: form.text(&key("price")),
                    description: form.text(&key("description")),
                    keywords: form.text(&key("keywords")),
                    location: form.text(&key("location")),
                };
                let removed = form.get(&key("remove")).is_some();
                let blank = row.name.is_empty()
                    && row.duration.is_empty()
                    && row.price.is_empty()
                    && row.description.is_empty();
                if removed || blank {
                    continue;
                }
                let mut s = json!({"name": row.name});
                s["duration_minutes"] = if row.duration.is_empty() {
                    Value::Null
                } else {
                    number(&row.duration)
                };
                s["price"] = if row.price.is_empty() {
                    Value::Null
                } else {
                    Value::String(row.price.clone())
                };
                if !row.description.is_empty() {
                    s["description"] = Value::String(row.description.clone());
                }
                let keywords = word_list(&row.keywords);
                if !keywords.is_empty() {
                    s["keywords"] = Value::Array(keywords);
                }
                if !row.location.is_empty() {
                    s["location"] = Value::String(row.location.clone());
                }
                rows.push(s);
                shown_rows.push(row);
            }
            v["services"] = Value::Array(rows);
            shown.services = shown_rows;
        }
        "faq" => {
            let mut rows: Vec<FaqRow> = Vec::new();
            for i in 0..500 {
                let (qk, ak) = (format!("faq[{i}].q"), format!("faq[{i}].a"));
                if form.get(&qk).is_none() {
                    break;
                }
                rows.push(FaqRow {
                    q: form.text(&qk),
                    a: form.text(&ak),
                    keywords: form.text(&format!("faq[{i}].keywords")),
                });
            }
            // Buttons: delete:i, up:i, down:i; anything else saves.
            let action = form.text("action");
            if let Some((verb, index)) = action.split_once(':') {
                let i: usize = index
                    .parse()
                    .map_err(|_| DashError::BadRequest("unknown FAQ action".into()))?;
                if i >= rows.len() {
                    return Err(DashError::BadRequest("no such FAQ entry".into()));
                }
                match verb {
                    "delete" => {
                        rows.remove(i);
                    }
                    "up" if i > 0 => rows.swap(i, i - 1),
                    "down" if i + 1 < rows.len() => rows.swap(i, i + 1),
                    "up" | "down" => {}
                    _ => return Err(DashError::BadRequest("unknown FAQ action".into())),
                }
            }
            rows.retain(|r| !(r.q.is_empty() && r.a.is_empty()));
            v["faq"] = Value::Array(
                rows.iter()
                    .map(|r| {
                        let mut entry = json!({"q": r.q, "a": r.a});
                        let keywords = word_list(&r.keywords);
                        if !keywords.is_empty() {
                            entry["keywords"] = Value::Array(keywords);
                        }
                        entry
                    })
                    .collect(),
            );
            shown.faq = rows;
        }
        after_reply::SECTION => after_reply::apply(v, form, &mut shown.fields),
        _ => return Err(DashError::NotFound("profile section")),
    }
    Ok(())
}

/// Feed addresses added in the dashboard: public https:// or webcal:// only (feeds already in
/// the profile were allowed when the admin imported them).
async fn check_new_feeds(
    state: &AppState,
    before: &BusinessProfile,
    after: &BusinessProfile,
) -> Result<(), ProfileError> {
    use crate::calendar::address::{check_on_save, Origin};
    for (i, feed) in after.booking.calendar_feeds.iter().enumerate() {
        if before.booking.calendar_feeds.contains(feed) {
            continue;
        }
        check_on_save(feed, state.config.feed_policy(), Origin::Dashboard)
            .await
            .map_err(|e| ProfileError {
                field: format!("booking.calendar_feeds[{i}]"),
                message: format!("this address {e}"),
            })?;
    }
    Ok(())
}

/// Parse and validate the edited JSON as a profile, naming the field at fault.
/// Every problem at once, so the owner fixes them in one go.
pub fn profile_from_value(v: Value) -> Result<BusinessProfile, Vec<ProfileError>> {
    let profile: BusinessProfile = serde_path_to_error::deserialize(v).map_err(|e| {
        let field = e.path().to_string();
        vec![ProfileError {
            field,
            message: e.into_inner().to_string(),
        }]
    })?;
    let problems = profile.problems();
    if problems.is_empty() {
        Ok(profile)
    } else {
        Err(problems)
    }
}

#[derive(Serialize)]
struct FeedView {
    source: String,
    loaded: bool,
    events: Option<i64>,
    last_success: Option<String>,
    last_error: Option<String>,
    last_error_at: Option<String>,
    warnings: Option<String>,
}

/// `booking.caldav`'s health, shown under the feeds.
#[derive(Serialize)]
struct CaldavView {
    url: String,
    pending: i64,
    error: Option<String>,
    next_try: Option<String>,
    last_synced: Option<String>,
}

async fn profile_context(
    state: &AppState,
    a: &Access,
    values: &Values,
    errors: &BTreeMap<String, String>,
    saved: Option<&str>,
) -> DashResult<tera::Context> {
    let tz = a.business.profile.tz();
    let feeds = {
        let mut conn = state.store.pool().acquire().await?;
        feeds::list(&mut conn, a.business.id).await?
    };
    let caldav = match &a.business.profile.booking.caldav {
        Some(c) => {
            let mut conn = state.store.pool().acquire().await?;
            let h = crate::store::caldav::health(&mut conn, a.business.id).await?;
            Some(CaldavView {
                url: crate::config::redact_url(&c.url),
                pending: h.pending,
                error: h.error,
                next_try: h.next_try_at.map(|t| view::when(t, tz)),
                last_synced: h.last_synced_at.map(|t| view::when(t, tz)),
            })
        }
        None => None,
    };
    let feed_views: Vec<FeedView> = feeds
        .iter()
        .map(|f| FeedView {
            source: f.source.clone(),
            loaded: f.has_body,
            events: f.events,
            last_success: f.last_success_at.map(|t| view::when(t, tz)),
            last_error: f.last_error.clone(),
            last_error_at: f.last_error_at.map(|t| view::when(t, tz)),
            warnings: f.warnings.clone(),
        })
        .collect();
    let mut ctx = a.context("profile");
    ctx.insert("f", &values.fields);
    ctx.insert("services", &values.services);
    ctx.insert("faq", &values.faq);
    ctx.insert("errors", errors);
    ctx.insert("days", DAYS);
    ctx.insert("feeds", &feed_views);
    ctx.insert("caldav", &caldav);
    ctx.insert("saved", &saved);
    ctx.insert(
        "numbers",
        &a.business
            .profile
            .business
            .phone_numbers
            .iter()
            .map(|n| n.display_national())
            .collect::<Vec<_>>(),
    );
    ctx.insert("has_errors", &!errors.is_empty());
    Ok(ctx)
}

#[derive(Deserialize, Default)]
pub struct SavedQuery {
    saved: Option<String>,
}

pub async fn profile(
    State(state): State<AppState>,
    a: Owner,
    Query(query): Query<SavedQuery>,
) -> DashResult<Response> {
    let values = values_of(&a.business.profile);
    let ctx = profile_context(
        &state,
        &a,
        &values,
        &BTreeMap::new(),
        query.saved.as_deref().filter(|s| SECTIONS.contains(s)),
    )
    .await?;
    render("profile.html", &ctx)
}

/// Store a validated profile for this business (matched by its numbers, which the editor never changes).
async fn store_profile(
    state: &AppState,
    bid: BusinessId,
    profile: &BusinessProfile,
) -> DashResult<()> {
    // The save must land on this business (matched by its numbers, which the editor keeps).
    let mut conn = state.store.pool().acquire().await?;
    for n in &profile.business.phone_numbers {
        match businesses::by_number(&mut conn, n.as_str()).await? {
            Some(b) if b.id == bid => {}
            _ => {
                return Err(DashError::Conflict(format!(
                "{} does not belong to this business any more; nothing was saved. Reload the page.",
                n.display_national()
            )))
            }
        }
    }
    drop(conn);
    let now_ms = to_millis(state.clock.now());
    businesses::import(&state.store, profile, now_ms)
        .await
        .map_err(|e| match e {
            businesses::ImportError::Profile(p) => DashError::BadRequest(p.to_string()),
            businesses::ImportError::Store(e) => DashError::Internal(e),
        })?;
    Ok(())
}

pub async fn save_section(
    State(state): State<AppState>,
    a: Owner,
    Path((bid, section)): Path<(BusinessId, String)>,
    CsrfForm(form): CsrfForm,
) -> DashResult<Response> {
    if !SECTIONS.contains(&section.as_str()) {
        return Err(DashError::NotFound("profile section"));
    }
    let mut v = serde_json::to_value(&a.business.profile).map_err(anyhow::Error::from)?;
    let mut shown = values_of(&a.business.profile);
    apply(&section, &mut v, &form, &mut shown)?;
    let checked = match profile_from_value(v) {
        Ok(profile) => check_new_feeds(&state, &a.business.profile, &profile)
            .await
            .map(|_| profile)
            .map_err(|e| vec![e]),
        Err(e) => Err(e),
    };
    match checked {
        Ok(profile) => {
            store_profile(&state, bid, &profile).await?;
            tracing::info!(business = bid.0, section = %section, user = a.session.user.id.0, "profile saved");
            if section == "booking" {
                // Fetch new or changed feeds now, so their health shows on the next page.
                let st = state.clone();
                tokio::spawn(async move {
                    if let Err(e) = crate::calendar::feeds::refresh_all(&st.engine.calendar).await {
                        tracing::warn!(error = %format!("{e:#}"), "refreshing feeds after a save");
                    }
                });
            }
            Ok(
                Redirect::to(&format!("/app/{bid}/profile?saved={section}#{section}"))
                    .into_response(),
            )
        }
        Err(problems) => {
            // Each field shows its own problem; the summary lists them all.
            let mut errors = BTreeMap::new();
            for e in &problems {
                let field = if e.field.is_empty() || e.field == "." {
                    section.clone()
                } else {
                    e.field.clone()
                };
                errors.entry(field).or_insert_with(|| e.message.clone());
            }
            // Named by the field's label where it has one ("Quiet hours end: ..."), else by
            // its key in the profile, as `business import` names it.
            let said = |e: &ProfileError| match after_reply::label(&e.field) {
                Some(label) => format!("{label}: {}", e.message),
                None => e.to_string(),
            };
            let summary = match problems.as_slice() {
                [one] => said(one),
                many => format!(
                    "{} problems: {}",
                    many.len(),
                    many.iter().map(said).collect::<Vec<_>>().join("; ")
                ),
            };
            let mut ctx = profile_context(&state, &a, &shown, &errors, None).await?;
            ctx.insert("error_section", &section);
            ctx.insert("error_summary", &summary);
            render_status(StatusCode::UNPROCESSABLE_ENTITY, "profile.html", &ctx)
        }
    }
}

/// Live preview of a text template: rendered text, length and segments. A POST with the
/// session's CSRF token (form fields `template` and `csrf`), so a link cannot fire it.
pub async fn preview(
    State(state): State<AppState>,
    a: Owner,
    CsrfForm(form): CsrfForm,
) -> DashResult<Response> {
    let open_now = a.business.profile.is_open_at(state.clock.now());
    // Shown for a caller we know, so the returning-caller placeholders show what they become.
    let profile = &a.business.profile;
    let sample = CallerFacts {
        name: "Jane".into(),
        booking_when: "Thursday".into(),
        booking_service: profile
            .services
            .first()
            .map(|s| s.name.to_lowercase())
            .unwrap_or_else(|| "visit".into()),
    };
    let body = match render_sms_template_for(&form.text("template"), profile, open_now, &sample) {
        Ok(text) => {
            let m = sms_text::measure(&text);
            json!({
                "ok": true,
                "text": text,
                "chars": text.chars().count(),
                "segments": m.segments,
                "encoding": format!("{:?}", m.encoding),
                "fits": m.segments <= 1,
            })
        }
        Err(e) => json!({"ok": false, "error": e}),
    };
    Ok(Json(body).into_response())
}

#[derive(Serialize)]
struct QuestionView {
    id: i64,
    question: String,
    conversation_id: ConversationId,
    when: String,
}

async fn questions_context(state: &AppState, a: &Access) -> DashResult<tera::Context> {
    let tz = a.business.profile.tz();
    let list = q::unanswered(&state.store, a.business.id).await?;
    let mut ctx = a.context("questions");
    ctx.insert(
        "questions",
        &list
            .iter()
            .map(|u| QuestionView {
                id: u.id,
                question: u.question.clone(),
                conversation_id: u.conversation_id,
                when: view::when(u.created_at, tz),
            })
            .collect::<Vec<_>>(),
    );
    Ok(ctx)
}

pub async fn questions(State(state): State<AppState>, a: Owner) -> DashResult<Response> {
    render("questions.html", &questions_context(&state, &a).await?)
}

/// One click: the question becomes an FAQ entry with the owner's answer.
pub async fn question_to_faq(
    State(state): State<AppState>,
    a: Owner,
    Path((bid, qid)): Path<(BusinessId, i64)>,
    CsrfForm(form): CsrfForm,
) -> DashResult<Response> {
    let question = {
        let mut conn = state.store.pool().acquire().await?;
        q::unanswered_one(&mut conn, bid, qid).await?
    };
    let q_text = {
        let edited = form.text("q");
        if edited.is_empty() {
            question
        } else {
            edited
        }
    };
    let answer = form.text("a");
    if answer.is_empty() {
        let mut ctx = questions_context(&state, &a).await?;
        ctx.insert("error_id", &qid);
        ctx.insert("error", "Write the answer the receptionist should give.");
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, "questions.html", &ctx);
    }
    let mut profile = (*a.business.profile).clone();
    profile.faq.push(Faq {
        q: q_text,
        a: answer,
        keywords: Vec::new(),
    });
    if let Err(e) = profile.validate() {
        let mut ctx = questions_context(&state, &a).await?;
        ctx.insert("error_id", &qid);
        ctx.insert("error", &e.to_string());
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, "questions.html", &ctx);
    }
    store_profile(&state, bid, &profile).await?;
    let now_ms = to_millis(state.clock.now());
    let mut conn = state.store.pool().acquire().await?;
    // Dismissed meanwhile by another owner: the entry is in the profile all the same.
    q::resolve_unanswered(&mut conn, bid, qid, now_ms)
        .await
        .optional()?;
    Ok(Redirect::to(&format!("/app/{bid}/questions")).into_response())
}

pub async fn dismiss_question(
    State(state): State<AppState>,
    _a: Owner,
    Path((bid, qid)): Path<(BusinessId, i64)>,
    CsrfForm(_): CsrfForm,
) -> DashResult<Response> {
    let now_ms = to_millis(state.clock.now());
    let mut conn = state.store.pool().acquire().await?;
    q::resolve_unanswered(&mut conn, bid, qid, now_ms).await?;
    Ok(Redirect::to(&format!("/app/{bid}/questions")).into_response())
}

async fn team_context(state: &AppState, a: &Access) -> DashResult<tera::Context> {
    let mut conn = state.store.pool().acquire().await?;
    let members = users::members(&mut conn, a.business.id).await?;
    let mut ctx = a.context("team");
    let now_ms = to_millis(state.clock.now());
    let pending = crate::store::invites::pending(&mut conn, a.business.id, now_ms).await?;
    let tz = a.business.profile.tz();
    let pending: Vec<serde_json::Value> = pending
        .iter()
        .map(|i| {
            json!({
                "id": i.id,
                "email": i.email,
                "name": i.name,
                "role": i.role.as_str(),
                "expires": view::local(i.expires_at, tz).format("%a %b %-d").to_string(),
            })
        })
        .collect();
    ctx.insert("members", &members);
    ctx.insert("pending", &pending);
    ctx.insert("me", &a.session.user.id);
    Ok(ctx)
}

/// How long an invite code works.
pub const INVITE_DAYS: i64 = 7;

pub async fn team(State(state): State<AppState>, a: Owner) -> DashResult<Response> {
    render("team.html", &team_context(&state, &a).await?)
}

/// Invite someone: an invite code, shown once to the owner to pass on. Nothing is granted until
/// the invitee accepts it at /join (setting a password, or giving their own if they have an
/// account already), and the owner sees the same whether the address has an account or not.
pub async fn invite(
    State(state): State<AppState>,
    a: Owner,
    Path(bid): Path<BusinessId>,
    CsrfForm(form): CsrfForm,
) -> DashResult<Response> {
    let email = users::normalise_email(&form.text("email"));
    let name = form.text("name");
    let role = Role::parse(&form.text("role"));
    let mut errors: BTreeMap<&str, String> = BTreeMap::new();
    if !(email.contains('@') && email.len() >= 3 && email.len() <= 200 && !email.contains(' ')) {
        errors.insert(
            "email",
            "Enter an email address like sam@example.com.".into(),
        );
    }
    if name.is_empty() || name.chars().count() > 80 {
        errors.insert(
            "name",
            "Enter the person's name (shown on their replies).".into(),
        );
    }
    let Some(role) = role else {
        errors.insert("role", "Choose owner or staff.".into());
        let mut ctx = team_context(&state, &a).await?;
        ctx.insert("errors", &errors);
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, "team.html", &ctx);
    };
    if !errors.is_empty() {
        let mut ctx = team_context(&state, &a).await?;
        ctx.insert("errors", &errors);
        ctx.insert("draft_email", &email);
        ctx.insert("draft_name", &name);
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, "team.html", &ctx);
    }
    {
        let mut conn = state.store.pool().acquire().await?;
        if let Some(m) = users::members(&mut conn, bid)
            .await?
            .into_iter()
            .find(|m| m.email == email)
        {
            return Err(DashError::Conflict(format!(
                "{} is already on the team (as {}). Remove them first to change their role.",
                m.email,
                m.role.as_str()
            )));
        }
    }
    let code = super::auth::one_time_password().to_uppercase();
    let now_ms = to_millis(state.clock.now());
    let mut conn = state.store.pool().acquire().await?;
    crate::store::invites::create(
        &mut conn,
        bid,
        &email,
        &name,
        role,
        &super::auth::invite_code_hash(&code),
        now_ms,
        now_ms + INVITE_DAYS * 86_400_000,
    )
    .await?;
    drop(conn);
    let mut ctx = team_context(&state, &a).await?;
    ctx.insert("invited", &email);
    ctx.insert("invite_code", &code);
    ctx.insert("invite_days", &INVITE_DAYS);
    render("team.html", &ctx)
}

/// Withdraw an invite that has not been accepted.
pub async fn cancel_invite(
    State(state): State<AppState>,
    _a: Owner,
    Path((bid, id)): Path<(BusinessId, i64)>,
    CsrfForm(_): CsrfForm,
) -> DashResult<Response> {
    let mut conn = state.store.pool().acquire().await?;
    crate::store::invites::cancel(&mut conn, bid, id).await?;
    Ok(Redirect::to(&format!("/app/{bid}/team")).into_response())
}

pub async fn remove_member(
    State(state): State<AppState>,
    _a: Owner,
    Path((bid, uid)): Path<(BusinessId, UserId)>,
    CsrfForm(_): CsrfForm,
) -> DashResult<Response> {
    let mut tx = state.store.begin().await?;
    // Two owners removing each other at once: the owner rows are locked, so one sees the other gone.
    users::lock_owners(&mut tx, state.store.backend(), bid).await?;
    let members = users::members(&mut tx, bid).await?;
    let Some(target) = members.iter().find(|m| m.user_id == uid) else {
        return Err(DashError::NotFound("team member"));
    };
    let owners = members.iter().filter(|m| m.role == Role::Owner).count();
    if target.role == Role::Owner && owners <= 1 {
        return Err(DashError::Conflict(
            "A business needs at least one owner. Make someone else an owner first.".into(),
        ));
    }
    users::remove_member(&mut tx, bid, uid).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/app/{bid}/team")).into_response())
}
