//! The dashboard: server-rendered pages (tera) for owners and staff. Owners edit what the
//! receptionist knows and watch the funnel; staff work the inbox, take threads over and reply.
//!
//! Every page lives under `/app/{business_id}/...`; access is checked per request against the
//! signed-in user's memberships, and a business or record the user has no access to is a 404.
//! Templates and assets are embedded in the binary.

mod after_reply;
pub mod auth;
mod history;
mod inbox;
mod reports;
mod settings;
mod view;

use crate::app::AppState;
use crate::store::users::{Membership, Role};
use crate::store::BusinessId;
use anyhow::Context as _;
use axum::extract::FromRequestParts as _;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use std::sync::OnceLock;

pub use auth::Session;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/app") }))
        .route("/login", get(auth::login_page).post(auth::login))
        .route("/join", get(auth::join_page).post(auth::join))
        .route("/logout", post(auth::logout))
        .route(
            "/app/password",
            get(auth::password_page).post(auth::change_password),
        )
        .route("/app", get(auth::home))
        .route("/assets/app.css", get(css))
        .route("/assets/app.js", get(js))
        .route("/app/{bid}", get(inbox::to_inbox))
        .route("/app/{bid}/inbox", get(inbox::inbox))
        .route("/app/{bid}/inbox/rows", get(inbox::inbox_rows))
        .route("/app/{bid}/events", get(inbox::events))
        .route(
            "/app/{bid}/call-backs/{kid}/done",
            post(inbox::call_back_done),
        )
        .route("/app/{bid}/c/{cid}", get(inbox::thread))
        .route("/app/{bid}/c/{cid}/messages", get(inbox::thread_messages))
        .route("/app/{bid}/c/{cid}/take-over", post(inbox::take_over))
        .route("/app/{bid}/c/{cid}/reply", post(inbox::reply))
        .route("/app/{bid}/c/{cid}/hand-back", post(inbox::hand_back))
        .route("/app/{bid}/c/{cid}/resolve", post(inbox::resolve))
        .route("/app/{bid}/profile", get(settings::profile))
        .route("/app/{bid}/profile/{section}", post(settings::save_section))
        .route("/app/{bid}/preview", post(settings::preview))
        .route("/app/{bid}/questions", get(settings::questions))
        .route(
            "/app/{bid}/questions/{qid}/faq",
            post(settings::question_to_faq),
        )
        .route(
            "/app/{bid}/questions/{qid}/dismiss",
            post(settings::dismiss_question),
        )
        .route(
            "/app/{bid}/team",
            get(settings::team).post(settings::invite),
        )
        .route(
            "/app/{bid}/team/{uid}/remove",
            post(settings::remove_member),
        )
        .route(
            "/app/{bid}/team/invites/{id}/cancel",
            post(settings::cancel_invite),
        )
        .route("/app/{bid}/bookings", get(reports::bookings))
        .route(
            "/app/{bid}/bookings/{id}/cancel",
            post(reports::cancel_booking),
        )
        .route(
            "/app/{bid}/bookings/{id}/no-show",
            post(reports::mark_no_show),
        )
        .route(
            "/app/{bid}/calendar/rotate",
            post(reports::rotate_calendar_token),
        )
        .route("/app/{bid}/funnel", get(reports::funnel))
        .route("/app/{bid}/simulator", get(reports::simulator))
        .route("/app/{bid}/simulator/call", post(reports::simulator_call))
        .route("/app/{bid}/simulator/text", post(reports::simulator_text))
        .route("/app/{bid}/simulator/voice", get(reports::simulator_voice))
        .route(
            "/app/{bid}/simulator/messages",
            get(reports::simulator_messages),
        )
}

const CSS: &str = include_str!("assets/app.css");
const JS: &str = include_str!("assets/app.js");

async fn css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        CSS,
    )
        .into_response()
}

async fn js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        JS,
    )
        .into_response()
}

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("templates/base.html")),
    ("login.html", include_str!("templates/login.html")),
    ("join.html", include_str!("templates/join.html")),
    ("password.html", include_str!("templates/password.html")),
    ("message.html", include_str!("templates/message.html")),
    ("inbox.html", include_str!("templates/inbox.html")),
    ("inbox_rows.html", include_str!("templates/inbox_rows.html")),
    ("thread.html", include_str!("templates/thread.html")),
    (
        "thread_messages.html",
        include_str!("templates/thread_messages.html"),
    ),
    ("profile.html", include_str!("templates/profile.html")),
    ("questions.html", include_str!("templates/questions.html")),
    ("team.html", include_str!("templates/team.html")),
    ("bookings.html", include_str!("templates/bookings.html")),
    ("funnel.html", include_str!("templates/funnel.html")),
    ("simulator.html", include_str!("templates/simulator.html")),
    (
        "sim_messages.html",
        include_str!("templates/sim_messages.html"),
    ),
];

fn templates() -> &'static tera::Tera {
    static T: OnceLock<tera::Tera> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = tera::Tera::default();
        t.add_raw_templates(TEMPLATES.iter().copied())
            .expect("dashboard templates parse");
        t.autoescape_on(vec![".html"]);
        t
    })
}

/// What went wrong, as the page the user sees.
#[derive(Debug)]
pub enum DashError {
    /// Not signed in: go to the sign-in page, then come back.
    Login(String),
    /// Somewhere else first (e.g. choose a password).
    Redirect(String),
    /// No such record (named: "booking") for this user (also: another business's record).
    NotFound(&'static str),
    Forbidden(String),
    Csrf,
    BadRequest(String),
    Conflict(String),
    TooMany(String),
    Internal(anyhow::Error),
}

impl From<anyhow::Error> for DashError {
    fn from(e: anyhow::Error) -> Self {
        DashError::Internal(e)
    }
}

/// A missing row is a 404 naming it; a unique key taken meanwhile is a conflict; anything else
/// is internal (logged with its chain).
impl From<crate::store::Error> for DashError {
    fn from(e: crate::store::Error) -> Self {
        match e {
            crate::store::Error::NotFound { what } => DashError::NotFound(what),
            crate::store::Error::Conflict { what, .. } => DashError::Conflict(format!(
                "The {what} was just taken by someone else. Reload the page and try again."
            )),
            other => DashError::Internal(other.into()),
        }
    }
}

impl From<sqlx::Error> for DashError {
    fn from(e: sqlx::Error) -> Self {
        DashError::Internal(e.into())
    }
}

pub type DashResult<T> = Result<T, DashError>;

impl IntoResponse for DashError {
    fn into_response(self) -> Response {
        let (status, title, detail) = match self {
            DashError::Login(next) => {
                let to = format!("/login?next={}", urlencode(&next));
                return Redirect::to(&to).into_response();
            }
            DashError::Redirect(to) => return Redirect::to(&to).into_response(),
            DashError::NotFound(what) => (
                StatusCode::NOT_FOUND,
                "Not found",
                format!(
                    "There is no such {what} here, or it belongs to a business you do not have access to."
                ),
            ),
            DashError::Forbidden(m) => (StatusCode::FORBIDDEN, "Not allowed", m),
            DashError::Csrf => (
                StatusCode::FORBIDDEN,
                "The form expired",
                "This form's security token is missing or out of date. Go back, reload the page and try again.".to_string(),
            ),
            DashError::BadRequest(m) => (StatusCode::BAD_REQUEST, "Cannot do that", m),
            DashError::Conflict(m) => (StatusCode::CONFLICT, "Cannot do that", m),
            DashError::TooMany(m) => (StatusCode::TOO_MANY_REQUESTS, "Slow down", m),
            DashError::Internal(e) => {
                tracing::error!(error = %format!("{e:#}"), "dashboard request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong",
                    "The server could not finish this request. Nothing was changed; try again in a moment.".to_string(),
                )
            }
        };
        let mut ctx = tera::Context::new();
        ctx.insert("title", title);
        ctx.insert("detail", &detail);
        match templates().render("message.html", &ctx) {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, format!("{title}: {detail}")).into_response(),
        }
    }
}

pub(crate) fn render(name: &str, ctx: &tera::Context) -> DashResult<Response> {
    render_status(StatusCode::OK, name, ctx)
}

pub(crate) fn render_status(
    status: StatusCode,
    name: &str,
    ctx: &tera::Context,
) -> DashResult<Response> {
    let html = templates()
        .render(name, ctx)
        .with_context(|| format!("rendering {name}"))?;
    Ok((status, [(header::CACHE_CONTROL, "no-store")], Html(html)).into_response())
}

pub fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .map(|e| e.trim_start_matches('=').to_string())
        .unwrap_or_default()
}

/// The signed-in user at one of their businesses.
pub struct Access {
    pub session: Session,
    pub membership: Membership,
    pub business: crate::store::businesses::BusinessRecord,
}

impl Access {
    pub fn is_owner(&self) -> bool {
        self.membership.role == Role::Owner
    }

    pub fn require_owner(&self) -> DashResult<()> {
        if self.is_owner() {
            Ok(())
        } else {
            Err(DashError::Forbidden(
                "Only an owner of this business can change its settings.".into(),
            ))
        }
    }

    /// Page context every page shares: who, which business, the CSRF token, the navigation.
    pub fn context(&self, active: &str) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("user_name", &self.session.user.name);
        ctx.insert("csrf", &self.session.csrf);
        ctx.insert("bid", &self.business.id);
        ctx.insert("business_name", &self.business.profile.business.name);
        ctx.insert("role", self.membership.role.as_str());
        ctx.insert("is_owner", &self.is_owner());
        ctx.insert("active", active);
        ctx.insert("memberships", &self.session.memberships);
        ctx
    }
}

/// A member of the business in the path (`/app/{bid}/...`): the extractor every page of a
/// business takes, so none can forget the check. Anyone else gets a 404.
pub struct Member(pub Access);

impl std::ops::Deref for Member {
    type Target = Access;
    fn deref(&self) -> &Access {
        &self.0
    }
}

impl axum::extract::FromRequestParts<AppState> for Member {
    type Rejection = DashError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> DashResult<Self> {
        let session = Session::from_request_parts(parts, state).await?;
        // The business id is the path's second segment ("/app/{bid}/...").
        let bid = parts
            .uri
            .path()
            .strip_prefix("/app/")
            .and_then(|rest| rest.split('/').next())
            .and_then(|b| b.parse::<i64>().ok())
            .map(BusinessId)
            .ok_or(DashError::NotFound("business"))?;
        Ok(Member(access(state, session, bid).await?))
    }
}

/// An owner of the business in the path: the extractor of every settings change.
pub struct Owner(pub Access);

impl std::ops::Deref for Owner {
    type Target = Access;
    fn deref(&self) -> &Access {
        &self.0
    }
}

impl axum::extract::FromRequestParts<AppState> for Owner {
    type Rejection = DashError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> DashResult<Self> {
        let Member(access) = Member::from_request_parts(parts, state).await?;
        access.require_owner()?;
        Ok(Owner(access))
    }
}

/// A submitted form whose CSRF token matches the session's: the extractor of every change, so
/// no handler can forget the check.
pub struct CsrfForm(pub view::FormData);

impl axum::extract::FromRequest<AppState> for CsrfForm {
    type Rejection = DashError;

    async fn from_request(req: axum::extract::Request, state: &AppState) -> DashResult<Self> {
        let (mut parts, body) = req.into_parts();
        let session = Session::from_request_parts(&mut parts, state).await?;
        let req = axum::extract::Request::from_parts(parts, body);
        let axum::Form(form) = axum::Form::<view::FormData>::from_request(req, state)
            .await
            .map_err(|e| DashError::BadRequest(e.body_text()))?;
        session.check_csrf(form.csrf())?;
        Ok(CsrfForm(form))
    }
}

/// Check that the session's user belongs to business `bid`; anyone else gets a 404.
pub async fn access(state: &AppState, session: Session, bid: BusinessId) -> DashResult<Access> {
    let Some(membership) = session
        .memberships
        .iter()
        .find(|m| m.business_id == bid)
        .cloned()
    else {
        return Err(DashError::NotFound("business"));
    };
    let mut conn = state.store.pool().acquire().await?;
    let business = crate::store::businesses::by_id(&mut conn, bid).await?;
    Ok(Access {
        session,
        membership,
        business,
    })
}
