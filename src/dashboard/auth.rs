//! Sign-in, sessions, CSRF tokens and rate limiting.
//!
//! Passwords are hashed with argon2id. The session cookie holds a random token; the database keeps
//! only its SHA-1 (the token has 256 random bits, so the hash is not guessable), together with the
//! session's CSRF token, which every form must send back. Cookies are HttpOnly and SameSite=Lax,
//! and Secure when the dashboard is served over https.

use super::view::FormData;
use super::{render, render_status, DashError, DashResult};
use crate::app::AppState;
use crate::clock::to_millis;
use crate::store::users::{self, Membership, User};
use crate::store::UserId;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::{ConnectInfo, FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use base64::Engine;
use rand::RngCore;
use sha1::{Digest, Sha1};
use std::net::SocketAddr;

pub const COOKIE: &str = "fd_session";
const LOGIN_CSRF_COOKIE: &str = "fd_login";
const SESSION_DAYS: i64 = 14;
/// Failed sign-ins allowed per account, and per client address, in the window.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
pub const FAILURE_WINDOW_MS: i64 = 15 * 60_000;
pub const MIN_PASSWORD_CHARS: usize = 10;

pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A password for a new account, readable enough to type once: four groups of letters and digits.
pub fn one_time_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::thread_rng();
    let mut out = String::new();
    for group in 0..4 {
        if group > 0 {
            out.push('-');
        }
        for _ in 0..4 {
            out.push(ALPHABET[(rng.next_u32() as usize) % ALPHABET.len()] as char);
        }
    }
    out
}

fn token_hash(token: &str) -> String {
    let digest = Sha1::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing password: {e}"))
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Hashing costs tens of milliseconds of CPU: keep it off the async workers.
pub(crate) async fn hash_blocking(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash_password(&password)).await?
}

async fn verify_blocking(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .unwrap_or(false)
}

pub fn check_new_password(password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(format!("Use at least {MIN_PASSWORD_CHARS} characters."));
    }
    if password.chars().count() > 200 {
        return Err("Use at most 200 characters.".into());
    }
    Ok(())
}

fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Over https (by the public URL or the proxy's header), cookies are marked Secure.
fn is_https(state: &AppState, headers: &HeaderMap) -> bool {
    state
        .config
        .public_url
        .as_deref()
        .is_some_and(|u| u.starts_with("https://"))
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

fn set_cookie(name: &str, value: &str, max_age_s: i64, secure: bool) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_s}");
    if secure {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The signed-in user, taken from the session cookie.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: User,
    pub csrf: String,
    pub token_hash: String,
    pub memberships: Vec<Membership>,
}

impl Session {
    /// Every state-changing request must carry the session's CSRF token.
    pub fn check_csrf(&self, given: &str) -> DashResult<()> {
        use subtle::ConstantTimeEq;
        if !given.is_empty() && bool::from(given.as_bytes().ct_eq(self.csrf.as_bytes())) {
            Ok(())
        } else {
            Err(DashError::Csrf)
        }
    }
}

impl FromRequestParts<AppState> for Session {
    type Rejection = DashError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> DashResult<Self> {
        // Read once per request, whichever extractors ask (a page's access and its form's CSRF).
        if let Some(session) = parts.extensions.get::<Session>() {
            return Ok(session.clone());
        }
        let session = Self::load(parts, state).await?;
        parts.extensions.insert(session.clone());
        Ok(session)
    }
}

impl Session {
    async fn load(parts: &Parts, state: &AppState) -> DashResult<Self> {
        let next = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/app".into());
        let Some(token) = cookie_value(&parts.headers, COOKIE) else {
            return Err(DashError::Login(next));
        };
        let hash = token_hash(&token);
        let now_ms = to_millis(state.clock.now());
        let Some(row) = users::session(&state.store, &hash, now_ms).await? else {
            return Err(DashError::Login(next));
        };
        // A user with a one-time password must choose their own before anything else.
        if row.user.must_change_password
            && parts.uri.path() != "/app/password"
            && parts.uri.path() != "/logout"
        {
            return Err(DashError::Redirect("/app/password".into()));
        }
        let mut conn = state.store.pool().acquire().await?;
        let memberships = users::memberships(&mut conn, row.user.id).await?;
        Ok(Session {
            user: row.user,
            csrf: row.csrf,
            token_hash: hash,
            memberships,
        })
    }
}

#[derive(serde::Deserialize, Default)]
pub struct NextQuery {
    next: Option<String>,
}

/// Only local paths are followed after sign-in (no open redirect).
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if (n == "/app" || n.starts_with("/app/"))
                && !n.bytes().any(|b| b <= 0x20 || b == 0x7f || b == b'\\') =>
        {
            n.to_string()
        }
        _ => "/app".into(),
    }
}

/// The stored form of an invite code (codes are compared without case, spaces or dashes).
pub fn invite_code_hash(code: &str) -> String {
    let plain: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    token_hash(&format!("invite:{plain}"))
}

/// A form for someone not signed in (sign-in, join): its CSRF token goes in the page and in a
/// short-lived cookie, and the post must carry both (double submit).
fn signed_out_form(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    template: &str,
    mut ctx: tera::Context,
) -> DashResult<Response> {
    // The browser's token is kept when it sent one: a form shown again after a failed try does
    // not invalidate the same form open in another tab (or a request still in flight).
    let token = cookie_value(headers, LOGIN_CSRF_COOKIE)
        .filter(|t| {
            t.len() == 43
                && t.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
        .unwrap_or_else(random_token);
    ctx.insert("login_csrf", &token);
    let mut resp = render_status(status, template, &ctx)?;
    resp.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(LOGIN_CSRF_COOKIE, &token, 3600, is_https(state, headers)),
    );
    Ok(resp)
}

/// Count one attempt (sign-in or join) against its account key and the client's address, before
/// it is evaluated, in one statement per key: concurrent guesses cannot all slip in under the
/// limit. Behind a proxy every client shares its address, so the client a trusted proxy names is
/// counted. Whether either limit is passed, and the address key.
async fn count_attempt(
    state: &AppState,
    peer: SocketAddr,
    headers: &HeaderMap,
    key: &str,
    now_ms: i64,
) -> DashResult<(bool, String)> {
    let client = crate::config::client_ip(
        peer.ip(),
        headers.get("x-forwarded-for").and_then(|v| v.to_str().ok()),
        &state.config.trusted_proxies,
    );
    let address_key = format!("ip:{client}");
    let n = users::count_attempt(&state.store, key, now_ms, FAILURE_WINDOW_MS).await?;
    let by_address =
        users::count_attempt(&state.store, &address_key, now_ms, FAILURE_WINDOW_MS).await?;
    Ok((
        n > MAX_FAILURES_PER_ACCOUNT || by_address > MAX_FAILURES_PER_ADDRESS,
        address_key,
    ))
}

/// The double-submit check of a signed-out form: the posted token must match the cookie.
fn check_signed_out_csrf(headers: &HeaderMap, form: &FormData) -> DashResult<()> {
    use subtle::ConstantTimeEq;
    let cookie = cookie_value(headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    let given = form.csrf();
    if cookie.is_empty()
        || given.is_empty()
        || !bool::from(given.as_bytes().ct_eq(cookie.as_bytes()))
    {
        return Err(DashError::Csrf);
    }
    Ok(())
}

fn join_form(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    email: &str,
    error: Option<&str>,
) -> DashResult<Response> {
    let mut ctx = tera::Context::new();
    ctx.insert("email", email);
    ctx.insert("error", &error);
    signed_out_form(state, headers, status, "join.html", ctx)
}

pub async fn join_page(State(state): State<AppState>, headers: HeaderMap) -> DashResult<Response> {
    join_form(&state, &headers, StatusCode::OK, "", None)
}

/// Accept an invite: with the code, a new account chooses its password; an existing account
/// proves it is its holder with its own password. Only then is it added to the business.
pub async fn join(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<FormData>,
) -> DashResult<Response> {
    let email = users::normalise_email(form.get("email").unwrap_or(""));
    let code = form.get("code").unwrap_or("").to_string();
    let password = form.get("password").unwrap_or("").to_string();
    check_signed_out_csrf(&headers, &form)?;
    let now_ms = to_millis(state.clock.now());
    let join_key = format!("join:{email}");
    let (over, address_key) = count_attempt(&state, peer, &headers, &join_key, now_ms).await?;
    let fail =
        |status: StatusCode, msg: &str| join_form(&state, &headers, status, &email, Some(msg));
    if over {
        state.metrics.login_throttled();
        return fail(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many tries. Wait 15 minutes and try again.",
        );
    }
    let mut conn = state.store.pool().acquire().await?;
    let invite =
        crate::store::invites::find(&mut conn, &email, &invite_code_hash(&code), now_ms).await?;
    let existing = users::by_email(&mut conn, &email).await?;
    drop(conn);
    let Some(invite) = invite else {
        let _ = hash_blocking(password).await;
        return fail(
            StatusCode::UNAUTHORIZED,
            "That email and invite code do not match an open invite. Codes work once, for 7 days.",
        );
    };
    let hash = match &existing {
        Some(u) => {
            if !verify_blocking(password, u.password_hash.clone()).await {
                return fail(
                    StatusCode::UNAUTHORIZED,
                    "That email, code and password do not match.",
                );
            }
            u.password_hash.clone()
        }
        None => {
            if let Err(e) = check_new_password(&password) {
                return fail(StatusCode::UNPROCESSABLE_ENTITY, &e);
            }
            hash_blocking(password).await?
        }
    };
    let mut tx = state.store.begin().await?;
    if !crate::store::invites::accept(&mut tx, invite.id, now_ms).await? {
        return fail(StatusCode::CONFLICT, "That invite was used already.");
    }
    let (user, _) = users::add_to_business(
        &mut tx,
        &email,
        &invite.name,
        &hash,
        false,
        invite.business_id,
        invite.role,
        now_ms,
    )
    .await?;
    tx.commit().await?;
    users::attempt_succeeded(&state.store, &join_key, &address_key).await?;
    tracing::info!(
        user = user.id.0,
        business = invite.business_id.0,
        "invite accepted"
    );
    start_session(
        &state,
        &headers,
        user.id,
        now_ms,
        &format!("/app/{}/inbox", invite.business_id),
    )
    .await
}

fn login_form(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    email: &str,
    next: &str,
    error: Option<&str>,
) -> DashResult<Response> {
    let mut ctx = tera::Context::new();
    ctx.insert("email", email);
    ctx.insert("next", next);
    ctx.insert("error", &error);
    signed_out_form(state, headers, status, "login.html", ctx)
}

pub async fn login_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> DashResult<Response> {
    login_form(
        &state,
        &headers,
        StatusCode::OK,
        "",
        &safe_next(q.next.as_deref()),
        None,
    )
}

pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<FormData>,
) -> DashResult<Response> {
    let email = users::normalise_email(form.get("email").unwrap_or(""));
    let password = form.get("password").unwrap_or("").to_string();
    let next = safe_next(form.get("next"));
    check_signed_out_csrf(&headers, &form)?;
    let now_ms = to_millis(state.clock.now());
    let account_key = format!("email:{email}");
    let (over, address_key) = count_attempt(&state, peer, &headers, &account_key, now_ms).await?;
    if over {
        state.metrics.login_throttled();
        return login_form(
            &state,
            &headers,
            StatusCode::TOO_MANY_REQUESTS,
            &email,
            &next,
            Some("Too many failed sign-ins. Wait 15 minutes and try again."),
        );
    }
    let user = {
        let mut conn = state.store.pool().acquire().await?;
        users::by_email(&mut conn, &email).await?
    };
    let ok = match &user {
        Some(u) => verify_blocking(password, u.password_hash.clone()).await,
        None => {
            // Spend the same effort for unknown accounts, so timing does not reveal them.
            let _ = hash_blocking(password).await;
            false
        }
    };
    let Some(user) = user.filter(|_| ok) else {
        tracing::info!(email = %email, "failed sign-in");
        return login_form(
            &state,
            &headers,
            StatusCode::UNAUTHORIZED,
            &email,
            &next,
            Some("That email and password do not match."),
        );
    };
    users::attempt_succeeded(&state.store, &account_key, &address_key).await?;
    let to = if user.must_change_password {
        "/app/password".to_string()
    } else {
        next
    };
    start_session(&state, &headers, user.id, now_ms, &to).await
}

/// Sign a user in: a new session and its cookie, then on to `to`.
async fn start_session(
    state: &AppState,
    headers: &HeaderMap,
    user_id: UserId,
    now_ms: i64,
    to: &str,
) -> DashResult<Response> {
    let token = random_token();
    let csrf = random_token();
    let expires = now_ms + SESSION_DAYS * 86_400_000;
    let mut conn = state.store.pool().acquire().await?;
    users::create_session(
        &mut conn,
        &token_hash(&token),
        user_id,
        &csrf,
        now_ms,
        expires,
    )
    .await?;
    tracing::info!(user = user_id.0, "signed in");
    let mut resp = Redirect::to(to).into_response();
    let secure = is_https(state, headers);
    resp.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(COOKIE, &token, SESSION_DAYS * 86_400, secure),
    );
    resp.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(LOGIN_CSRF_COOKIE, "", 0, secure),
    );
    Ok(resp)
}

pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: Session,
    super::CsrfForm(_): super::CsrfForm,
) -> DashResult<Response> {
    users::delete_session(&state.store, &session.token_hash).await?;
    let mut resp = Redirect::to("/login").into_response();
    resp.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(COOKIE, "", 0, is_https(&state, &headers)),
    );
    Ok(resp)
}

pub async fn home(session: Session) -> DashResult<Response> {
    match session.memberships.first() {
        Some(m) => Ok(Redirect::to(&format!("/app/{}/inbox", m.business_id)).into_response()),
        None => {
            let mut ctx = tera::Context::new();
            ctx.insert("title", "No business yet");
            ctx.insert(
                "detail",
                "Your account is not part of any business. Ask an owner to invite you.",
            );
            render("message.html", &ctx)
        }
    }
}

fn password_ctx(session: &Session, error: Option<&str>) -> tera::Context {
    let mut ctx = tera::Context::new();
    ctx.insert("csrf", &session.csrf);
    ctx.insert("user_name", &session.user.name);
    ctx.insert("must_change", &session.user.must_change_password);
    ctx.insert("error", &error);
    ctx
}

pub async fn password_page(session: Session) -> DashResult<Response> {
    render("password.html", &password_ctx(&session, None))
}

pub async fn change_password(
    State(state): State<AppState>,
    session: Session,
    super::CsrfForm(form): super::CsrfForm,
) -> DashResult<Response> {
    let current = form.get("current").unwrap_or("").to_string();
    let new = form.get("new").unwrap_or("").to_string();
    let again = form.get("again").unwrap_or("");
    let fail = |msg: &str| {
        render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            "password.html",
            &password_ctx(&session, Some(msg)),
        )
    };
    if !verify_blocking(current, session.user.password_hash.clone()).await {
        return fail("Your current password is not right.");
    }
    if let Err(e) = check_new_password(&new) {
        return fail(&e);
    }
    if new != again {
        return fail("The two new passwords differ.");
    }
    let hash = hash_blocking(new).await?;
    let mut tx = state.store.begin().await?;
    users::set_password(&mut tx, session.user.id, &hash, false).await?;
    users::delete_other_sessions(&mut tx, session.user.id, &session.token_hash).await?;
    tx.commit().await?;
    Ok(Redirect::to("/app").into_response())
}
