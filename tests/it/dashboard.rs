//! The dashboard over HTTP: sign-in and sessions, CSRF on every form, tenant isolation, roles,
//! the inbox and thread actions, the profile editor, questions, bookings, funnel, live updates,
//! and the phone simulator.

use crate::both_backends;
use crate::helpers::*;
use frontdesk::clock::FixedClock;
use reqwest::StatusCode;
use std::collections::BTreeMap;
use std::sync::Mutex;

both_backends!(
    pages_need_sign_in_and_sessions_end_at_sign_out,
    failed_sign_ins_are_throttled,
    concurrent_guesses_are_counted_before_they_are_evaluated,
    a_forged_forwarded_for_header_does_not_reset_the_count,
    invites_wait_for_the_invitee,
    every_form_needs_the_csrf_token,
    another_business_is_invisible,
    staff_see_the_inbox_but_not_settings,
    take_over_reply_and_hand_back,
    two_replies_at_once_both_go_out_in_order,
    a_reply_to_an_opted_out_caller_is_refused,
    profile_editor_saves_and_refuses_invalid,
    owners_teach_the_receptionist_their_words,
    an_unanswered_question_becomes_an_faq_entry,
    bookings_list_cancel_and_feed_rotation,
    a_booking_confirmed_by_reply_shows_everywhere,
    funnel_counts_the_way_from_missed_call_to_booking,
    live_updates_announce_new_messages,
    phone_simulator_plays_the_caller,
    the_inbox_shows_the_callers_words_and_emergencies,
    a_thread_shows_the_callers_earlier_threads_and_bookings,
);

pub const OWNER: &str = "owner@daves.test";
pub const STAFF_EMAIL: &str = "sam@daves.test";
pub const PASSWORD: &str = "correct-horse-battery";

/// A browser-like client: keeps cookies, does not follow redirects.
pub struct Web {
    base: String,
    client: reqwest::Client,
    cookies: Mutex<BTreeMap<String, String>>,
}

pub struct Page {
    pub status: StatusCode,
    pub body: String,
    pub location: Option<String>,
}

impl Page {
    pub fn csrf(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        let i = self
            .body
            .find(marker)
            .expect("page has a form with a CSRF token")
            + marker.len();
        self.body[i..].split('"').next().unwrap().to_string()
    }
}

impl Web {
    pub fn new(app: &TestApp) -> Self {
        Self {
            base: app.base.clone(),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: Mutex::new(BTreeMap::new()),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .lock()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn finish(&self, resp: reqwest::Response) -> Page {
        for v in resp.headers().get_all("set-cookie") {
            let v = v.to_str().unwrap();
            let pair = v.split(';').next().unwrap();
            let (k, val) = pair.split_once('=').unwrap();
            let mut jar = self.cookies.lock().unwrap();
            if v.contains("Max-Age=0") {
                jar.remove(k);
            } else {
                jar.insert(k.to_string(), val.to_string());
            }
        }
        let status = resp.status();
        let location = resp
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_string());
        Page {
            status,
            body: resp.text().await.unwrap(),
            location,
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        let resp = self
            .client
            .get(format!("{}{path}", self.base))
            .header("cookie", self.cookie_header())
            .send()
            .await
            .unwrap();
        self.finish(resp).await
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        let resp = self
            .client
            .post(format!("{}{path}", self.base))
            .header("cookie", self.cookie_header())
            .form(form)
            .send()
            .await
            .unwrap();
        self.finish(resp).await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Page {
        let form = self.get("/login").await;
        let csrf = form.csrf();
        self.post(
            "/login",
            &[
                ("csrf", &csrf),
                ("email", email),
                ("password", password),
                ("next", "/app"),
            ],
        )
        .await
    }

    /// Post a form found on `page_path`, with its CSRF token.
    /// `submit` with owned field names and values (forms built in a loop).
    pub async fn submit_fields(
        &self,
        page_path: &str,
        action: &str,
        fields: &[(String, String)],
    ) -> Page {
        let refs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        self.submit(page_path, action, &refs).await
    }

    pub async fn submit(&self, page_path: &str, action: &str, fields: &[(&str, &str)]) -> Page {
        let csrf = self.get(page_path).await.csrf();
        let mut form: Vec<(&str, &str)> = vec![("csrf", &csrf)];
        form.extend_from_slice(fields);
        self.post(action, &form).await
    }
}

pub async fn add_user(app: &TestApp, email: &str, role: &str, name: &str) {
    frontdesk::cli::user_add(
        &app.state.store,
        "Dave's Plumbing",
        email,
        role,
        Some(name),
        Some(PASSWORD),
    )
    .await
    .unwrap();
}

pub async fn dashboard_app(backend: Backend) -> TestApp {
    dashboard_app_with(backend, Options::default()).await
}

/// The dashboard app (an owner and a member of staff, open hours) with other options too.
pub async fn dashboard_app_with(backend: Backend, options: Options) -> TestApp {
    let app = spawn_app_with(
        backend,
        Options {
            clock: Some(FixedClock::new(open_hours_instant())),
            ..options
        },
    )
    .await;
    add_user(&app, OWNER, "owner", "Dave").await;
    add_user(&app, STAFF_EMAIL, "staff", "Sam").await;
    app
}

pub async fn signed_in(app: &TestApp, email: &str) -> Web {
    let web = Web::new(app);
    let page = web.sign_in(email, PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    web
}

async fn conversation_id(app: &TestApp, phone: &str) -> i64 {
    use sqlx::Row;
    sqlx::query(
        "SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.phone = $1 ORDER BY c.id DESC LIMIT 1",
    )
    .bind(phone)
    .fetch_one(app.state.store.pool())
    .await
    .unwrap()
    .get::<i64, _>("id")
}

pub async fn profile_of(app: &TestApp) -> frontdesk::domain::BusinessProfile {
    let mut conn = app.state.store.pool().acquire().await.unwrap();
    frontdesk::store::businesses::by_id(&mut conn, app.business_id)
        .await
        .unwrap()
        .profile
        .as_ref()
        .clone()
}

async fn pages_need_sign_in_and_sessions_end_at_sign_out(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    let web = Web::new(&app);
    let page = web.get(&format!("/app/{bid}/inbox")).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        page.location.as_deref(),
        Some(format!("/login?next=%2Fapp%2F{bid}%2Finbox").as_str())
    );
    let page = web.sign_in(OWNER, "wrong password!").await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(page.body.contains("That email and password do not match."));
    let page = web.sign_in(OWNER, PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let cookie = web.cookies.lock().unwrap().get("fd_session").cloned();
    assert!(cookie.is_some(), "a session cookie is set");
    for path in [
        "inbox",
        "inbox?filter=human",
        "profile",
        "questions",
        "team",
        "bookings",
        "bookings?view=week",
        "funnel",
        "funnel?days=7",
        "simulator",
    ] {
        let page = web.get(&format!("/app/{bid}/{path}")).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
        assert!(page.body.contains("Dave&#x27;s Plumbing"), "{path}");
    }
    for evil in [
        "//evil.example",
        "/\t/evil.example",
        "https://evil.example",
        "/app\\..\\x",
        "/login",
    ] {
        let page = sign_in_to(&Web::new(&app), evil).await;
        assert_eq!(page.location.as_deref(), Some("/app"), "{evil:?}");
    }
    let page = sign_in_to(&Web::new(&app), &format!("/app/{bid}/funnel?days=7")).await;
    assert_eq!(
        page.location.as_deref(),
        Some(format!("/app/{bid}/funnel?days=7").as_str())
    );
    // Sign out: the same cookie no longer opens anything.
    let inbox = web.get(&format!("/app/{bid}/inbox")).await;
    let page = web.post("/logout", &[("csrf", &inbox.csrf())]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let stale = Web::new(&app);
    stale
        .cookies
        .lock()
        .unwrap()
        .insert("fd_session".into(), cookie.unwrap());
    let page = stale.get(&format!("/app/{bid}/inbox")).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "signed out");
    // The cookie's attributes.
    let resp = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}/login", app.base))
        .send()
        .await
        .unwrap();
    let set = resp.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax"),
        "{set}"
    );
    app.stop().await;
}

/// After sign-in only local dashboard paths are followed (no open redirect).
async fn sign_in_to(web: &Web, next: &str) -> Page {
    let csrf = web.get("/login").await.csrf();
    web.post(
        "/login",
        &[
            ("csrf", &csrf),
            ("email", OWNER),
            ("password", PASSWORD),
            ("next", next),
        ],
    )
    .await
}

async fn failed_sign_ins_are_throttled(backend: Backend) {
    let app = dashboard_app(backend).await;
    let web = Web::new(&app);
    for _ in 0..5 {
        let page = web.sign_in(OWNER, "not the password").await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    }
    // Even the right password is refused now, with a clear message.
    let page = web.sign_in(OWNER, PASSWORD).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        page.body.contains("Too many failed sign-ins"),
        "{}",
        page.body
    );
    assert!(app
        .metrics()
        .await
        .contains("frontdesk_logins_throttled_total 1"));
    // Another account is not locked by it.
    let page = web.sign_in(STAFF_EMAIL, PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    app.stop().await;
}

/// Thirty-nine guesses at once: at most five are evaluated, and the right password sent after them
/// is throttled like any other guess.
async fn concurrent_guesses_are_counted_before_they_are_evaluated(backend: Backend) {
    let app = dashboard_app(backend).await;
    let web = Web::new(&app);
    let guesses: Vec<String> = (0..39).map(|i| format!("guess-{i}")).collect();
    let web = &web;
    let sign_in = |csrf: &str, password: &str| {
        let form = [
            ("csrf", csrf.to_string()),
            ("email", OWNER.to_string()),
            ("password", password.to_string()),
            ("next", "/app".to_string()),
        ];
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            web.post("/login", &form).await
        }
    };
    let csrf = web.get("/login").await.csrf();
    let pages = futures::future::join_all(guesses.iter().map(|g| sign_in(&csrf, g))).await;
    let statuses: Vec<StatusCode> = pages.iter().map(|p| p.status).collect();
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::UNAUTHORIZED || *s == StatusCode::TOO_MANY_REQUESTS),
        "every guess is refused or throttled, none fails: {statuses:?}"
    );
    let evaluated = statuses
        .iter()
        .filter(|s| **s != StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert!(evaluated <= 5, "{evaluated} guesses were evaluated");
    // The burst used up the account's budget: the right password now waits like any other guess.
    let csrf = web.get("/login").await.csrf();
    let after = sign_in(&csrf, PASSWORD).await;
    assert_eq!(
        after.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the right password after the burst is throttled too"
    );
    app.stop().await;
}

/// Without a trusted proxy configured, X-Forwarded-For is ignored: rotating it does not give
/// a guesser a fresh address budget.
async fn a_forged_forwarded_for_header_does_not_reset_the_count(backend: Backend) {
    let app = dashboard_app(backend).await;
    let web = Web::new(&app);
    let csrf = web.get("/login").await.csrf();
    let mut statuses = Vec::new();
    for i in 0..25 {
        let resp = web
            .client
            .post(format!("{}/login", web.base))
            .header("cookie", web.cookie_header())
            .header("x-forwarded-for", format!("203.0.113.{i}"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("email", format!("nobody{i}@example.com").as_str()),
                ("password", "guess"),
                ("next", "/app"),
            ])
            .send()
            .await
            .unwrap();
        statuses.push(resp.status());
    }
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::UNAUTHORIZED)
            .count(),
        20,
        "one address gets 20 attempts, whatever header it sends: {statuses:?}"
    );
    assert_eq!(statuses[24], StatusCode::TOO_MANY_REQUESTS);
    app.stop().await;
}

async fn every_form_needs_the_csrf_token(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    app.say("Do you charge for estimates?").await;
    let cid = conversation_id(&app, CALLER).await;
    let web = signed_in(&app, OWNER).await;
    let before = profile_of(&app).await;
    let posts: Vec<(String, Vec<(&str, &str)>)> = vec![
        (format!("/app/{bid}/c/{cid}/take-over"), vec![]),
        (format!("/app/{bid}/c/{cid}/reply"), vec![("body", "hi")]),
        (format!("/app/{bid}/c/{cid}/hand-back"), vec![]),
        (format!("/app/{bid}/c/{cid}/resolve"), vec![]),
        (
            format!("/app/{bid}/profile/details"),
            vec![("business.name", "Hacked")],
        ),
        (
            format!("/app/{bid}/team"),
            vec![("email", "x@y.z"), ("name", "X"), ("role", "owner")],
        ),
        (format!("/app/{bid}/calendar/rotate"), vec![]),
        (format!("/app/{bid}/simulator/call"), vec![]),
        ("/logout".to_string(), vec![]),
    ];
    for (path, fields) in &posts {
        for token in [None, Some("forged-token")] {
            let mut form = fields.clone();
            if let Some(t) = token {
                form.push(("csrf", t));
            }
            let page = web.post(path, &form).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{path} {token:?}");
            assert!(page.body.contains("The form expired"), "{path}");
        }
    }
    // Nothing changed.
    assert_eq!(profile_of(&app).await, before);
    assert_eq!(app.conversation_state(CALLER).await, "answering");
    assert_eq!(app.count("messages WHERE author = 'staff'").await, 0);
    assert_eq!(app.count("users").await, 2);
    // Sign-in itself is protected by a token tied to the form's cookie.
    let fresh = Web::new(&app);
    let page = fresh
        .post(
            "/login",
            &[
                ("csrf", "made-up"),
                ("email", OWNER),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    app.stop().await;
}

async fn another_business_is_invisible(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    // A second business with its own caller and conversation.
    let other = EXAMPLE
        .replace("Dave's Plumbing", "Rival Rooter")
        .replace("+15550100200", "+15550100300");
    let profile = frontdesk::domain::BusinessProfile::from_toml(&other).unwrap();
    let other_id = frontdesk::store::businesses::import(&app.state.store, &profile, 0)
        .await
        .unwrap()
        .id;
    let resp = app
        .post_twilio(
            "/webhooks/twilio/sms",
            &[
                ("MessageSid", "SMother1"),
                ("From", "+15550100555"),
                ("To", "+15550100300"),
                ("Body", "hello rival"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 200);
    app.quiet().await;
    let foreign = conversation_id(&app, "+15550100555").await;
    let foreign_state = app.conversation_state("+15550100555").await;
    let web = signed_in(&app, OWNER).await;
    let csrf = web.get(&format!("/app/{bid}/inbox")).await.csrf();
    for path in [
        format!("/app/{other_id}/inbox"),
        format!("/app/{other_id}/profile"),
        format!("/app/{other_id}/funnel"),
        format!("/app/{other_id}/c/{foreign}"),
        format!("/app/{bid}/c/{foreign}"),
        format!("/app/{bid}/c/{foreign}/messages"),
        format!("/app/{bid}/c/999999"),
    ] {
        let page = web.get(&path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!page.body.contains("hello rival"), "{path}");
    }
    for path in [
        format!("/app/{bid}/c/{foreign}/take-over"),
        format!("/app/{bid}/c/{foreign}/reply"),
        format!("/app/{bid}/c/{foreign}/resolve"),
        format!("/app/{other_id}/c/{foreign}/take-over"),
        format!("/app/{other_id}/profile/details"),
    ] {
        let page = web
            .post(
                &path,
                &[("csrf", &csrf), ("body", "sneaky"), ("business.name", "X")],
            )
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
    }
    // The inbox lists only this business's conversations.
    let inbox = web.get(&format!("/app/{bid}/inbox")).await;
    assert!(!inbox.body.contains("(555) 010-0555"));
    assert_eq!(app.count("messages WHERE author = 'staff'").await, 0);
    assert_eq!(app.conversation_state("+15550100555").await, foreign_state);
    app.stop().await;
}

async fn staff_see_the_inbox_but_not_settings(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    let web = signed_in(&app, STAFF_EMAIL).await;
    for path in ["inbox", "bookings", "funnel"] {
        assert_eq!(
            web.get(&format!("/app/{bid}/{path}")).await.status,
            StatusCode::OK,
            "{path}"
        );
    }
    let inbox = web.get(&format!("/app/{bid}/inbox")).await;
    assert!(
        !inbox.body.contains("/profile\""),
        "no settings link for staff"
    );
    let preview = web
        .post(
            &format!("/app/{bid}/preview"),
            &[("csrf", &inbox.csrf()), ("template", "hi")],
        )
        .await;
    assert_eq!(preview.status, StatusCode::FORBIDDEN, "staff preview");
    for path in ["profile", "questions", "team", "simulator"] {
        assert_eq!(
            web.get(&format!("/app/{bid}/{path}")).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let before = profile_of(&app).await;
    let page = web
        .post(
            &format!("/app/{bid}/profile/details"),
            &[("csrf", &inbox.csrf()), ("business.name", "Sam's Plumbing")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(profile_of(&app).await, before);
    app.stop().await;
}

async fn take_over_reply_and_hand_back(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    app.say("Hi, my kitchen drain is clogged").await;
    let cid = conversation_id(&app, CALLER).await;
    let web = signed_in(&app, STAFF_EMAIL).await;
    let thread = format!("/app/{bid}/c/{cid}");
    let page = web.get(&thread).await;
    assert!(page.body.contains("Hi, my kitchen drain is clogged"));
    assert!(page.body.contains("AI receptionist"));

    let page = web
        .submit(&thread, &format!("{thread}/take-over"), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(app.conversation_state(CALLER).await, "human_owned");
    // The AI is silent now.
    app.say_nothing_back("are you still there?").await;
    let page = web.get(&format!("/app/{bid}/inbox?filter=human")).await;
    assert!(page.body.contains("Taken over by staff"), "{}", page.body);
    assert!(page.body.contains("Waiting"), "the wait shows");

    let page = web
        .submit(
            &thread,
            &format!("{thread}/reply"),
            &[("body", "Hi, this is Sam. I can come at 3pm today.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    app.quiet().await;
    let texts = app.texts_to(CALLER).await;
    assert_eq!(
        texts.last().unwrap(),
        "Hi, this is Sam. I can come at 3pm today."
    );
    assert_eq!(
        app.count(
            "messages WHERE author = 'staff' AND author_name = 'Sam' AND sent_at IS NOT NULL"
        )
        .await,
        1,
        "{:?}",
        {
            use sqlx::Row;
            sqlx::query("SELECT author, author_name, status, body FROM messages ORDER BY id")
                .fetch_all(app.state.store.pool())
                .await
                .unwrap()
                .iter()
                .map(|r| {
                    format!(
                        "{}/{:?}/{}/{}",
                        r.get::<String, _>("author"),
                        r.get::<Option<String>, _>("author_name"),
                        r.get::<String, _>("status"),
                        r.get::<String, _>("body")
                    )
                })
                .collect::<Vec<_>>()
        }
    );
    let page = web.get(&thread).await;
    assert!(page.body.contains("Sam"), "the reply shows who sent it");
    // An empty or over-long reply is refused next to the box, and nothing is sent.
    let page = web
        .submit(&thread, &format!("{thread}/reply"), &[("body", "   ")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Write a message first."));
    let long = "x".repeat(700);
    let page = web
        .submit(&thread, &format!("{thread}/reply"), &[("body", &long)])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains(&long), "the draft is kept");

    // Hand back: the AI answers the next text, with the conversation so far.
    let page = web
        .submit(&thread, &format!("{thread}/hand-back"), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(app.conversation_state(CALLER).await, "qualifying");
    let reply = app.say("Do you charge for estimates?").await;
    assert!(reply.contains("Estimates are free"), "{reply}");

    // Resolve closes the thread; the next text starts a new one.
    let page = web.submit(&thread, &format!("{thread}/resolve"), &[]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.count(&format!(
            "conversations WHERE id = {cid} AND closed_at IS NOT NULL"
        ))
        .await,
        1
    );
    app.stop().await;
}

async fn two_replies_at_once_both_go_out_in_order(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    app.say("Hi, my kitchen drain is clogged").await;
    let cid = conversation_id(&app, CALLER).await;
    let owner = signed_in(&app, OWNER).await;
    let staff = signed_in(&app, STAFF_EMAIL).await;
    let thread = format!("/app/{bid}/c/{cid}");
    let (a, b) = (
        owner.get(&thread).await.csrf(),
        staff.get(&thread).await.csrf(),
    );
    let path = format!("{thread}/reply");
    let f1 = [("csrf", a.as_str()), ("body", "From Dave: on my way")];
    let f2 = [
        ("csrf", b.as_str()),
        ("body", "From Sam: Dave is on his way"),
    ];
    let (r1, r2) = tokio::join!(owner.post(&path, &f1), staff.post(&path, &f2));
    assert_eq!(r1.status, StatusCode::SEE_OTHER);
    assert_eq!(r2.status, StatusCode::SEE_OTHER);
    app.quiet().await;
    // Both sent, in the order they were accepted (message ids), once each.
    use sqlx::Row;
    let stored: Vec<String> =
        sqlx::query("SELECT body FROM messages WHERE author = 'staff' ORDER BY id")
            .fetch_all(app.state.store.pool())
            .await
            .unwrap()
            .iter()
            .map(|r| r.get::<String, _>("body"))
            .collect();
    assert_eq!(stored.len(), 2);
    let texts = app.texts_to(CALLER).await;
    let sent: Vec<&String> = texts.iter().filter(|t| t.starts_with("From ")).collect();
    assert_eq!(sent, stored.iter().collect::<Vec<_>>());
    app.stop().await;
}

async fn a_reply_to_an_opted_out_caller_is_refused(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    app.say("Hi, my kitchen drain is clogged").await;
    let cid = conversation_id(&app, CALLER).await;
    let web = signed_in(&app, STAFF_EMAIL).await;
    let thread = format!("/app/{bid}/c/{cid}");
    let csrf = web.get(&thread).await.csrf();
    app.say("STOP").await;
    let before = app.texts_to(CALLER).await.len();
    let page = web
        .post(
            &format!("{thread}/reply"),
            &[("csrf", &csrf), ("body", "Are you sure?")],
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(
        page.body.contains("has opted out of texts"),
        "{}",
        page.body
    );
    app.quiet().await;
    assert_eq!(app.texts_to(CALLER).await.len(), before);
    assert_eq!(app.count("messages WHERE author = 'staff'").await, 0);
    // The thread page says so instead of offering a reply box.
    let page = web.get(&thread).await;
    assert!(page.body.contains("This caller opted out"));
    assert!(!page.body.contains("id=\"reply-body\""));
    app.stop().await;
}

async fn profile_editor_saves_and_refuses_invalid(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    let web = signed_in(&app, OWNER).await;
    let profile_page = format!("/app/{bid}/profile");
    let page = web.get(&profile_page).await;
    assert!(page.body.contains("Do you charge for estimates?"));
    assert!(page.body.contains("08:00-12:00,13:00-17:00"));

    // Add an FAQ entry (the existing four are posted back as the form holds them).
    let p = profile_of(&app).await;
    let mut fields: Vec<(String, String)> = Vec::new();
    for (i, f) in p.faq.iter().enumerate() {
        fields.push((format!("faq[{i}].q"), f.q.clone()));
        fields.push((format!("faq[{i}].a"), f.a.clone()));
    }
    let n = p.faq.len();
    fields.push((format!("faq[{n}].q"), "Do you service septic tanks?".into()));
    fields.push((
        format!("faq[{n}].a"),
        "No, we do not work on septic tanks.".into(),
    ));
    fields.push(("action".into(), "save".into()));
    let page = web
        .submit_fields(&profile_page, &format!("{profile_page}/faq"), &fields)
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let after = profile_of(&app).await;
    assert_eq!(after.faq.len(), n + 1);
    // The receptionist uses it at once.
    let reply = app.say("Do you service septic tanks?").await;
    assert!(reply.contains("we do not work on septic tanks"), "{reply}");

    // Move the new entry up, then delete the first one.
    let mut move_fields = fields.clone();
    move_fields.retain(|(k, _)| k != "action");
    move_fields.push(("action".into(), format!("up:{n}")));
    let page = web
        .submit_fields(&profile_page, &format!("{profile_page}/faq"), &move_fields)
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let moved = profile_of(&app).await;
    assert_eq!(moved.faq[n - 1].q, "Do you service septic tanks?");

    // The numbers move to Telnyx: the provider is saved with the profile and on each number,
    // so texts from them go out through Telnyx. An unknown provider is refused by name.
    let details = |provider: &'static str| {
        let b = moved.business.clone();
        vec![
            ("business.name", b.name.clone()),
            ("business.timezone", b.timezone.0.name().to_string()),
            ("business.service_area", b.service_area.clone()),
            ("business.about", b.about.clone()),
            ("business.ring_seconds", b.ring_seconds.to_string()),
            ("business.forward_to", String::new()),
            ("business.provider", provider.to_string()),
        ]
    };
    let as_refs = |v: &[(&'static str, String)]| -> Vec<(String, String)> {
        v.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    };
    let page = web
        .submit_fields(
            &profile_page,
            &format!("{profile_page}/details"),
            &as_refs(&details("telnyx")),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        profile_of(&app).await.business.provider,
        frontdesk::domain::profile::ProviderKind::Telnyx
    );
    let on: (String,) = sqlx::query_as("SELECT provider FROM business_numbers WHERE number = $1")
        .bind(BUSINESS_NUMBER)
        .fetch_one(app.state.store.pool())
        .await
        .unwrap();
    assert_eq!(on.0, "telnyx");
    assert!(web
        .get(&profile_page)
        .await
        .body
        .contains(r#"<option value="telnyx" selected>"#));
    let before = profile_of(&app).await;
    let page = web
        .submit_fields(
            &profile_page,
            &format!("{profile_page}/details"),
            &as_refs(&details("sinch")),
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("business.provider"), "{}", page.body);
    assert_eq!(profile_of(&app).await, before);
    let page = web
        .submit_fields(
            &profile_page,
            &format!("{profile_page}/details"),
            &as_refs(&details("twilio")),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        profile_of(&app).await.business.provider,
        frontdesk::domain::profile::ProviderKind::Twilio
    );

    // Live voice is switched on from the editor; a state that is not two letters is refused
    // by name and nothing changes.
    let voice = |state: &str| -> Vec<(String, String)> {
        [
            ("voice.answer", "ai"),
            ("voice.engine", "gather"),
            ("voice.disclosure", "always"),
            ("voice.transfer_to", "+15550100777"),
            ("business.state", state),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    };
    let page = web
        .submit_fields(
            &profile_page,
            &format!("{profile_page}/voice"),
            &voice("fl"),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let p = profile_of(&app).await;
    assert_eq!(p.voice.answer, frontdesk::domain::profile::VoiceAnswer::Ai);
    assert_eq!(
        p.voice.engine,
        frontdesk::domain::profile::VoiceEngine::Gather
    );
    assert_eq!(
        p.voice.disclosure,
        frontdesk::domain::profile::Disclosure::Always
    );
    assert_eq!(p.voice.transfer_to[0].as_str(), "+15550100777");
    assert_eq!(p.business.state.as_deref(), Some("FL"));
    let page = web.get(&profile_page).await;
    assert!(page.body.contains(r#"<option value="ai" selected>"#));
    let before = profile_of(&app).await;
    let page = web
        .submit_fields(
            &profile_page,
            &format!("{profile_page}/voice"),
            &voice("Florida"),
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("business.state"), "{}", page.body);
    assert_eq!(profile_of(&app).await, before);

    // Invalid hours: refused next to the field, nothing stored.
    let before = profile_of(&app).await;
    let page = web
        .submit(
            &profile_page,
            &format!("{profile_page}/hours"),
            &[
                ("hours.mon", "25:00-26:00"),
                ("hours.tue", "08:00-17:00"),
                ("hours.wed", "08:00-17:00"),
                ("hours.thu", "08:00-17:00"),
                ("hours.fri", "08:00-16:00"),
                ("hours.sat", "closed"),
                ("hours.sun", "closed"),
                ("hours.closed_dates", "2026-12-25"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("id=\"hours.mon-error\""),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("value=\"25:00-26:00\""),
        "the bad value stays in its box"
    );
    assert_eq!(profile_of(&app).await, before);
    // A bad service duration and an over-long text-back are refused too.
    let page = web
        .submit(
            &profile_page,
            &format!("{profile_page}/services"),
            &[
                ("services[0].name", "Drain cleaning"),
                ("services[0].duration_minutes", "an hour"),
                ("services[0].price", "$149"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("services[0].duration_minutes"));
    let long = "Sorry we missed you! ".repeat(12);
    let page = web
        .submit(
            &profile_page,
            &format!("{profile_page}/messages"),
            &[
                ("textback.message", &long),
                ("textback.after_hours_message", "We're closed."),
                ("textback.cooldown_minutes", "60"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(profile_of(&app).await, before);

    // Valid split shifts and a new service save.
    let page = web
        .submit(
            &profile_page,
            &format!("{profile_page}/hours"),
            &[
                ("hours.mon", "07:00-11:00,12:00-18:00"),
                ("hours.tue", "08:00-17:00"),
                // As owners type them.
                ("hours.wed", "9am-5pm"),
                ("hours.thu", "08:00-17:00"),
                ("hours.fri", "08:00-16:00"),
                ("hours.sat", ""),
                ("hours.sun", "closed"),
                ("hours.closed_dates", "2026-12-25\n2027-01-01"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let saved = profile_of(&app).await;
    assert_eq!(saved.hours.mon.to_string(), "07:00-11:00,12:00-18:00");
    assert_eq!(saved.hours.wed.to_string(), "09:00-17:00");
    assert_eq!(saved.hours.sat.to_string(), "closed");
    assert_eq!(saved.hours.closed_dates.len(), 2);
    // The live preview renders the template and counts segments: a POST with the CSRF token,
    // so a link clicked by a signed-in owner cannot fire it.
    let csrf = web.get(&format!("/app/{bid}/profile")).await.csrf();
    let preview_of = |template: &'static str, csrf: String| {
        let web = &web;
        async move {
            web.post(
                &format!("/app/{bid}/preview"),
                &[("csrf", &csrf), ("template", template)],
            )
            .await
        }
    };
    let resp = preview_of("Hi from {{ business.name }}!", csrf.clone()).await;
    let preview: serde_json::Value = serde_json::from_str(&resp.body).unwrap();
    assert_eq!(preview["text"], "Hi from Dave's Plumbing!");
    assert_eq!(preview["segments"], 1);
    let link = web.get(&format!("/app/{bid}/preview?template=hi")).await;
    assert_eq!(link.status, StatusCode::METHOD_NOT_ALLOWED);
    let forged = preview_of("hi", "not-the-token".into()).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    // Template bombs are refused at once with a reason, in preview and at save, and the saved
    // template stays as it was.
    let bombs = [
        "{% set_global a = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' %}{% for i in [1,2,3,4,5,6,7,8] %}{% set_global a = a ~ a ~ a ~ a ~ a ~ a ~ a ~ a %}{% endfor %}{{ a }}",
        "{% for a in [1,2,3,4,5,6,7,8,9,10] %}{% for b in [1,2,3,4,5,6,7,8,9,10] %}{% for c in [1,2,3,4,5,6,7,8,9,10] %}{{ business.about }}{% endfor %}{% endfor %}{% endfor %}",
        "{{ get_env(name='DATABASE_URL') }}",
    ];
    let before = profile_of(&app).await;
    for bomb in bombs {
        let started = std::time::Instant::now();
        let resp = preview_of(bomb, csrf.clone()).await;
        let v: serde_json::Value = serde_json::from_str(&resp.body).unwrap();
        assert_eq!(v["ok"], false, "{bomb}");
        assert!(
            v["error"].as_str().unwrap().contains("business.name"),
            "the error says what may be used: {v}"
        );
        let page = web
            .submit(
                &format!("/app/{bid}/profile"),
                &format!("/app/{bid}/profile/messages"),
                &[
                    ("textback.message", bomb),
                    ("textback.after_hours_message", ""),
                    ("textback.cooldown_minutes", "60"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{bomb}");
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
    assert_eq!(
        profile_of(&app).await.textback.message,
        before.textback.message
    );
    app.stop().await;
}

async fn an_unanswered_question_becomes_an_faq_entry(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    app.say("Do you fix boilers?").await;
    let web = signed_in(&app, OWNER).await;
    let page = web.get(&format!("/app/{bid}/questions")).await;
    assert!(page.body.contains("Do you fix boilers?"), "{}", page.body);
    let qid: i64 = {
        use sqlx::Row;
        sqlx::query("SELECT id FROM unanswered_questions")
            .fetch_one(app.state.store.pool())
            .await
            .unwrap()
            .get("id")
    };
    // No answer: refused, nothing added.
    let path = format!("/app/{bid}/questions/{qid}/faq");
    let page = web
        .submit(&format!("/app/{bid}/questions"), &path, &[("a", "")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = web
        .submit(
            &format!("/app/{bid}/questions"),
            &path,
            &[("a", "No, we only work on water heaters, not boilers.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let p = profile_of(&app).await;
    assert_eq!(p.faq.last().unwrap().q, "Do you fix boilers?");
    let page = web.get(&format!("/app/{bid}/questions")).await;
    assert!(!page.body.contains("Do you fix boilers?"));
    app.stop().await;
}

async fn book_a_job(app: &TestApp) {
    app.say("Hi, my kitchen drain is clogged, can you come out?")
        .await;
    app.say("12 Oak St, I'm Jane Doe").await;
    app.say("2").await;
    let r = app.say("YES").await;
    assert!(r.contains("booked"), "{r}");
}

/// A caller answers their reminder with C: the bookings list, the thread and the funnel say so.
async fn a_booking_confirmed_by_reply_shows_everywhere(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    book_a_job(&app).await;
    let start: i64 = {
        use sqlx::Row;
        sqlx::query("SELECT start_at FROM bookings WHERE status = 'booked'")
            .fetch_one(app.state.store.pool())
            .await
            .unwrap()
            .get("start_at")
    };
    let web = signed_in(&app, OWNER).await;
    let page = web.get(&format!("/app/{bid}/bookings")).await;
    assert!(!page.body.contains("confirmed by caller"), "{}", page.body);
    // Whenever the reminder goes (quiet hours may move it), it has gone by the appointment.
    app.clock
        .as_ref()
        .unwrap()
        .set(frontdesk::clock::from_millis(start - 60_000));
    frontdesk::jobs::reminders::ReminderWorker::new(app.state.clone())
        .run_once()
        .await
        .unwrap();
    app.state.wake_outbox();
    app.settle().await;
    let r = app.say("C").await;
    assert!(r.starts_with("Thanks, you're confirmed for "), "{r}");
    let page = web.get(&format!("/app/{bid}/bookings")).await;
    assert!(page.body.contains("confirmed by caller"), "{}", page.body);
    let cid = conversation_id(&app, CALLER).await;
    let page = web.get(&format!("/app/{bid}/c/{cid}")).await;
    assert!(
        page.body.contains("id=\"booking-confirmed\""),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("booked, confirmed by caller"),
        "{}",
        page.body
    );
    let page = web.get(&format!("/app/{bid}/funnel?days=7")).await;
    assert!(
        page.body.contains("id=\"stat-reminders-sent\">1<"),
        "{}",
        page.body
    );
    assert!(page.body.contains("id=\"stat-reminders-confirmed\">1<"));
    app.stop().await;
}

async fn bookings_list_cancel_and_feed_rotation(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    book_a_job(&app).await;
    let web = signed_in(&app, STAFF_EMAIL).await;
    let page = web.get(&format!("/app/{bid}/bookings")).await;
    assert!(page.body.contains("Drain cleaning"), "{}", page.body);
    assert!(page.body.contains("Jane Doe"));
    assert!(
        !page.body.contains("feed-url"),
        "staff do not see the secret feed"
    );
    let booking_id: i64 = {
        use sqlx::Row;
        sqlx::query("SELECT id, start_at FROM bookings WHERE status = 'booked'")
            .fetch_one(app.state.store.pool())
            .await
            .unwrap()
            .get("id")
    };
    let week = web.get(&format!("/app/{bid}/bookings?view=week")).await;
    assert!(
        week.body.contains("class=\"slot\""),
        "the week view shows it"
    );
    let page = web
        .submit(
            &format!("/app/{bid}/bookings"),
            &format!("/app/{bid}/bookings/{booking_id}/cancel"),
            &[],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(app.count("bookings WHERE status = 'cancelled'").await, 1);
    assert_eq!(app.conversation_state(CALLER).await, "qualifying");
    // Owners see the feed address and can rotate it; the old one stops working.
    let owner = signed_in(&app, OWNER).await;
    let page = owner.get(&format!("/app/{bid}/bookings")).await;
    let marker = "id=\"feed-url\" readonly value=\"";
    let i = page.body.find(marker).unwrap() + marker.len();
    let url = page.body[i..]
        .split('"')
        .next()
        .unwrap()
        .replace("&#x2F;", "/");
    let old_path = url
        .split("/calendar/")
        .nth(1)
        .unwrap_or_else(|| panic!("feed url {url}"))
        .to_string();
    let feed = reqwest::get(format!("{}/calendar/{old_path}", app.base))
        .await
        .unwrap();
    assert_eq!(feed.status(), 200);
    let page = owner
        .submit(
            &format!("/app/{bid}/bookings"),
            &format!("/app/{bid}/calendar/rotate"),
            &[],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let feed = reqwest::get(format!("{}/calendar/{old_path}", app.base))
        .await
        .unwrap();
    assert_eq!(feed.status(), 404);
    app.stop().await;
}

async fn funnel_counts_the_way_from_missed_call_to_booking(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    assert_eq!(app.missed_call("CAfunnel1", CALLER).await.status(), 200);
    app.quiet().await;
    book_a_job(&app).await;
    // A second missed call from a withheld number: skipped, with its reason.
    assert_eq!(
        app.missed_call("CAfunnel2", "anonymous").await.status(),
        200
    );
    let web = signed_in(&app, OWNER).await;
    let page = web.get(&format!("/app/{bid}/funnel?days=7")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("id=\"stat-missed\">2<"), "{}", page.body);
    assert!(page.body.contains("id=\"stat-booked\">1<"));
    assert!(page.body.contains("Text-backs sent: 1"));
    assert!(page.body.contains("callers who replied: 1"));
    assert!(page.body.contains("Number withheld"));
    assert!(page.body.contains("<svg"), "charts are drawn");
    assert!(page.body.contains(
        "Missed calls 2, Text-backs sent 1, Callers replied 1, Handed off 0, Bookings made 1"
    ));
    // A thread handed to a person and then handed back still counts as handed off.
    let other = "+15550100166";
    app.say_from(other, "can I talk to a real person please")
        .await;
    let cid = conversation_id(&app, other).await;
    let thread = format!("/app/{bid}/c/{cid}");
    let res = web
        .submit(&thread, &format!("{thread}/hand-back"), &[])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let page = web.get(&format!("/app/{bid}/funnel?days=7")).await;
    assert!(page.body.contains("Handed off 1,"), "{}", page.body);
    // Handed off again ten days later: counted in that week too (not only in the first one's).
    app.clock
        .as_ref()
        .unwrap()
        .advance(chrono::Duration::days(10));
    app.say_from(other, "still need to talk to a real person please")
        .await;
    let page = web.get(&format!("/app/{bid}/funnel?days=7")).await;
    assert!(page.body.contains("Handed off 1,"), "{}", page.body);
    assert!(page.body.contains("Missed calls 0,"), "{}", page.body);
    app.stop().await;
}

async fn read_until<S>(stream: &mut S, seen: &mut String, needle: &str)
where
    S: futures::Stream<Item = reqwest::Result<bytes::Bytes>> + Unpin,
{
    use futures::StreamExt;
    tokio::time::timeout(std::time::Duration::from_secs(20), async {
        while !seen.contains(needle) {
            let chunk = stream.next().await.expect("stream open").unwrap();
            seen.push_str(&String::from_utf8_lossy(&chunk));
        }
    })
    .await
    .unwrap_or_else(|_| panic!("no {needle} event"));
}

async fn live_updates_announce_new_messages(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    let web = signed_in(&app, STAFF_EMAIL).await;
    let resp = web
        .client
        .get(format!("{}/app/{bid}/events", app.base))
        .header("cookie", web.cookie_header())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "text/event-stream");
    let mut stream = resp.bytes_stream();
    let mut seen = String::new();
    read_until(&mut stream, &mut seen, "event: hello").await;
    app.say("Hi, my kitchen drain is clogged").await;
    read_until(&mut stream, &mut seen, "event: change").await;
    // Someone without access gets no stream.
    let stranger = Web::new(&app);
    assert_eq!(
        stranger.get(&format!("/app/{bid}/events")).await.status,
        StatusCode::SEE_OTHER
    );
    app.stop().await;
}

async fn phone_simulator_plays_the_caller(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    let web = signed_in(&app, OWNER).await;
    let sim = format!("/app/{bid}/simulator");
    let sim_number = "+15550100777";
    let page = web
        .submit(&sim, &format!("{sim}/call"), &[("from", sim_number)])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    app.quiet().await;
    assert_eq!(app.count("calls").await, 1, "a missed call, as from Twilio");
    let texts = app.texts_to(sim_number).await;
    assert_eq!(texts.len(), 1);
    assert!(texts[0].contains("Dave's Plumbing"), "{texts:?}");
    let page = web
        .submit(
            &sim,
            &format!("{sim}/text"),
            &[
                ("from", sim_number),
                ("body", "how much is drain cleaning?"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    app.quiet().await;
    let page = web
        .get(&format!("{sim}/messages?from=%2B15550100777"))
        .await;
    assert!(
        page.body.contains("how much is drain cleaning?"),
        "{}",
        page.body
    );
    assert!(page.body.contains("$149 flat rate"), "{}", page.body);
    // A bad caller number is a clear error.
    let page = web.get(&format!("{sim}?from=not-a-number")).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    // A real caller who opted out cannot be re-subscribed by the simulator texting START as them.
    let real = "+18135550299";
    app.say_from("+12125551234", "STOP").await;
    let before = app.count("messages").await;
    for (action, fields) in [
        ("text", vec![("from", "+12125551234"), ("body", "START")]),
        ("call", vec![("from", "+12125551234")]),
        ("text", vec![("from", real), ("body", "hi")]),
    ] {
        let page = web.submit(&sim, &format!("{sim}/{action}"), &fields).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{action} {fields:?}");
        assert!(page.body.contains("fictional numbers"), "{}", page.body);
    }
    assert_eq!(app.count("messages").await, before, "nothing recorded");
    // The fictional range in any area code is fine.
    let page = web
        .submit(
            &sim,
            &format!("{sim}/text"),
            &[("from", "+12025550142"), ("body", "hello")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    app.stop().await;
}

/// An invite grants nothing until the invitee accepts it, and the owner sees the same whether the
/// address already has an account or not.
async fn invites_wait_for_the_invitee(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    // An account that exists but is not on this team (say, an owner elsewhere).
    add_user(&app, "pat@elsewhere.test", "staff", "Pat").await;
    sqlx::query("DELETE FROM memberships WHERE user_id = (SELECT id FROM users WHERE email = 'pat@elsewhere.test')")
        .execute(app.state.store.pool())
        .await
        .unwrap();
    let web = signed_in(&app, OWNER).await;
    let team = format!("/app/{bid}/team");
    let invite = |email: &'static str| {
        let web = &web;
        let team = team.clone();
        async move {
            web.submit(
                &team,
                &team,
                &[("email", email), ("name", "Pat"), ("role", "owner")],
            )
            .await
        }
    };
    let existing = invite("pat@elsewhere.test").await;
    let fresh = invite("new@daves.test").await;
    let code_of = |page: &Page| {
        let marker = "id=\"invite-code\">";
        let i = page.body.find(marker).unwrap() + marker.len();
        page.body[i..].split('<').next().unwrap().to_string()
    };
    let (pat_code, new_code) = (code_of(&existing), code_of(&fresh));
    // Word for word the same notice, whoever the address belongs to.
    let notice = |page: &Page, email: &str, code: &str| {
        let i = page.body.find("id=\"invited\"").unwrap();
        let end = page.body[i..].find("</div>").unwrap();
        page.body[i..i + end].replace(email, "E").replace(code, "C")
    };
    assert_eq!(existing.status, StatusCode::OK);
    assert_eq!(
        notice(&existing, "pat@elsewhere.test", &pat_code),
        notice(&fresh, "new@daves.test", &new_code)
    );
    let members = || async {
        let mut conn = app.state.store.pool().acquire().await.unwrap();
        frontdesk::store::users::members(&mut conn, bid)
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.email)
            .collect::<Vec<_>>()
    };
    assert!(!members().await.contains(&"pat@elsewhere.test".to_string()));
    assert!(web
        .get(&team)
        .await
        .body
        .contains("Invited, not yet accepted"));

    let join = |email: &'static str, code: String, password: &'static str| {
        let app = &app;
        async move {
            let w = Web::new(app);
            let csrf = w.get("/join").await.csrf();
            w.post(
                "/join",
                &[
                    ("csrf", csrf.as_str()),
                    ("email", email),
                    ("code", code.as_str()),
                    ("password", password),
                ],
            )
            .await
        }
    };
    // The holder of an existing account must prove it with its own password.
    let page = join("pat@elsewhere.test", pat_code.clone(), "not-pats-password").await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(!members().await.contains(&"pat@elsewhere.test".to_string()));
    let page = join("pat@elsewhere.test", "WRONG-CODE".into(), PASSWORD).await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    let page = join("pat@elsewhere.test", pat_code.to_lowercase(), PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        page.location.as_deref(),
        Some(format!("/app/{bid}/inbox").as_str())
    );
    assert!(members().await.contains(&"pat@elsewhere.test".to_string()));
    // A new account chooses a password good enough; the code then works only once.
    let page = join("new@daves.test", new_code.clone(), "short").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = join("new@daves.test", new_code.clone(), "a-long-enough-password").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(members().await.contains(&"new@daves.test".to_string()));
    let page = join("new@daves.test", new_code, "a-long-enough-password").await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    app.stop().await;
}

/// Owners teach the receptionist in the editor: other words callers use for a service or a
/// question, where a service happens, what to tell someone in danger, and whether emergencies
/// are taken after hours. Saving one section keeps what the others hold; a bad value is refused
/// next to its field and changes nothing.
async fn owners_teach_the_receptionist_their_words(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    let web = signed_in(&app, OWNER).await;
    let profile_page = format!("/app/{bid}/profile");
    let p = profile_of(&app).await;
    let mut fields: Vec<(String, String)> = Vec::new();
    for (i, s) in p.services.iter().enumerate() {
        fields.push((format!("services[{i}].name"), s.name.clone()));
        fields.push((
            format!("services[{i}].duration_minutes"),
            s.duration_minutes
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ));
        fields.push((
            format!("services[{i}].price"),
            s.price.clone().unwrap_or_default(),
        ));
        fields.push((format!("services[{i}].keywords"), String::new()));
        fields.push((format!("services[{i}].location"), String::new()));
    }
    // "Drain cleaning" also answers to "rooter" and "snake"; it happens at the caller's.
    fields[3].1 = "rooter, snake the line".into();
    fields[4].1 = "on_site".into();
    let page = web
        .submit_fields(&profile_page, &format!("{profile_page}/services"), &fields)
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let saved = profile_of(&app).await;
    assert_eq!(saved.services[0].keywords, vec!["rooter", "snake the line"]);
    assert_eq!(
        saved.services[0].location,
        Some(frontdesk::domain::profile::Location::OnSite)
    );
    let page = web.get(&profile_page).await;
    assert!(
        page.body.contains("value=\"rooter, snake the line\""),
        "shown again"
    );

    // An FAQ entry's own words, kept on save.
    let mut faq: Vec<(String, String)> = Vec::new();
    for (i, f) in saved.faq.iter().enumerate() {
        faq.push((format!("faq[{i}].q"), f.q.clone()));
        faq.push((format!("faq[{i}].a"), f.a.clone()));
        faq.push((format!("faq[{i}].keywords"), String::new()));
    }
    faq[2].1 = "free quote, ballpark".into();
    faq.push(("action".into(), "save".into()));
    let page = web
        .submit_fields(&profile_page, &format!("{profile_page}/faq"), &faq)
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let saved = profile_of(&app).await;
    assert_eq!(saved.faq[0].keywords, vec!["free quote", "ballpark"]);
    // Saving the FAQ kept the services' words.
    assert_eq!(saved.services[0].keywords, vec!["rooter", "snake the line"]);

    // The danger referral and after-hours emergencies.
    let page = web
        .submit(
            &profile_page,
            &format!("{profile_page}/escalation"),
            &[
                ("escalation.keywords", "lawyer\nrefund"),
                ("escalation.notify", "+15550100999"),
                (
                    "escalation.emergency_referral",
                    "Our on-call plumber: 555-0100-777.",
                ),
                ("escalation.after_hours_emergencies", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let saved = profile_of(&app).await;
    assert_eq!(
        saved.escalation.emergency_referral.as_deref(),
        Some("Our on-call plumber: 555-0100-777.")
    );
    assert!(saved.escalation.after_hours_emergencies);

    // A bad place for the work is refused next to its field; nothing changes.
    let booking = |location: &'static str| {
        let web = &web;
        let profile_page = &profile_page;
        async move {
            web.submit(
                profile_page,
                &format!("{profile_page}/booking"),
                &[
                    ("booking.calendar_feeds", ""),
                    ("booking.location", location),
                    ("booking.slot_minutes", "60"),
                    ("booking.buffer_minutes", "0"),
                    ("booking.min_notice_minutes", "60"),
                    ("booking.horizon_days", "14"),
                    ("booking.max_proposals", "3"),
                ],
            )
            .await
        }
    };
    let before = profile_of(&app).await;
    let page = booking("on_the_moon").await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    assert!(page.body.contains("booking.location"), "{}", page.body);
    assert_eq!(profile_of(&app).await, before);
    // Several problems in one save are all shown at once, each next to its field.
    let page = web
        .submit(
            &profile_page,
            &format!("{profile_page}/booking"),
            &[
                ("booking.calendar_feeds", ""),
                ("booking.location", "on_site"),
                ("booking.slot_minutes", "1"),
                ("booking.buffer_minutes", "0"),
                ("booking.min_notice_minutes", "60"),
                ("booking.horizon_days", "900"),
                ("booking.max_proposals", "3"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("2 problems"), "{}", page.body);
    assert!(
        page.body.contains("must be between 5 and 1440")
            && page.body.contains("must be between 1 and 365"),
        "{}",
        page.body
    );
    assert_eq!(profile_of(&app).await, before);
    let page = booking("at_business").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        profile_of(&app).await.booking.location,
        frontdesk::domain::profile::Location::AtBusiness
    );

    // The receptionist uses the owner's word at once.
    let reply = app.say("can someone come rooter my kitchen line").await;
    assert!(reply.to_lowercase().contains("drain cleaning"), "{reply}");
    app.stop().await;
}

/// An inbox row shows what the caller said (not our boilerplate), cut with an ellipsis; an
/// emergency looks like one and has a tap-to-call link; a handed-off thread can be taken; after
/// a staff reply the badge says so.
async fn the_inbox_shows_the_callers_words_and_emergencies(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    let said = "hi so theres a really strong rotten egg smell by the water heater in the basement \
                and my kids are home with me, we havent touched anything yet, what do we do now";
    let r = app.say(said).await;
    assert!(r.contains("911") || r.contains("gas"), "{r}");
    let cid = conversation_id(&app, CALLER).await;
    let web = signed_in(&app, STAFF_EMAIL).await;
    let inbox = web.get(&format!("/app/{bid}/inbox")).await.body;
    assert!(
        inbox.contains("hi so theres a really strong rotten egg smell"),
        "{inbox}"
    );
    assert!(
        inbox.contains('\u{2026}'),
        "a cut preview ends with an ellipsis: {inbox}"
    );
    assert!(
        !inbox.contains("alerted the team"),
        "our boilerplate is not the preview: {inbox}"
    );
    assert!(inbox.contains("emergency"), "{inbox}");
    assert!(inbox.contains(">Emergency<"), "{inbox}");
    assert!(inbox.contains(&format!("href=\"tel:{CALLER}\"")), "{inbox}");

    let thread = format!("/app/{bid}/c/{cid}");
    let page = web.get(&thread).await.body;
    assert!(page.contains(&format!("href=\"tel:{CALLER}\"")), "{page}");
    assert!(
        page.contains("Take over (I&#x27;ll handle this)")
            || page.contains("Take over (I'll handle this)"),
        "{page}"
    );
    let res = web
        .submit(&thread, &format!("{thread}/take-over"), &[])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let page = web.get(&thread).await.body;
    assert!(page.contains("taken over by Sam"), "{page}");

    web.submit(
        &thread,
        &format!("{thread}/reply"),
        &[(
            "body",
            "Sam here - get everyone outside and call the gas company, I'm on my way.",
        )],
    )
    .await;
    app.quiet().await;
    let inbox = web.get(&format!("/app/{bid}/inbox")).await.body;
    assert!(inbox.contains(">Staff replied<"), "{inbox}");
    app.stop().await;
}

/// A caller who comes back: their new thread shows their bookings (and what became of them) and
/// their earlier conversations (how each ended, a link to it).
async fn a_thread_shows_the_callers_earlier_threads_and_bookings(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    book_a_job(&app).await;
    let first = conversation_id(&app, CALLER).await;
    let web = signed_in(&app, STAFF_EMAIL).await;
    let thread = format!("/app/{bid}/c/{first}");
    let page = web.get(&thread).await.body;
    assert!(page.contains("This is their first."), "{page}");
    let res = web.submit(&thread, &format!("{thread}/resolve"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    app.say("hi its jane again, do you charge for estimates?")
        .await;
    let second = conversation_id(&app, CALLER).await;
    assert_ne!(first, second, "a new thread after the first was resolved");
    let page = web.get(&format!("/app/{bid}/c/{second}")).await.body;
    assert!(page.contains("id=\"caller-bookings\""), "{page}");
    // The booking, and the thread it was made in.
    let link = format!("href=\"/app/{bid}/c/{first}\"");
    assert!(
        page.contains(&format!(
            "Drain cleaning · <span class=\"booking-status\">booked</span> · <a {link}>thread</a>"
        )),
        "{page}"
    );
    // The earlier thread: how it ended (booked, then resolved by staff), the caller's last words.
    assert!(
        page.contains("<span class=\"outcome\">Booked, resolved</span>: YES</li>"),
        "{page}"
    );
    assert_eq!(page.matches(&link).count(), 2, "{page}");

    // The caller did not turn up: marked a no-show, which the history now says.
    let (booking, start): (i64, i64) = {
        use sqlx::Row;
        let r = sqlx::query("SELECT id, start_at FROM bookings WHERE status = 'booked'")
            .fetch_one(app.state.store.pool())
            .await
            .unwrap();
        (r.get("id"), r.get("start_at"))
    };
    app.clock
        .as_ref()
        .unwrap()
        .set(frontdesk::clock::from_millis(start + 3_600_000));
    let res = web
        .submit(
            &format!("/app/{bid}/bookings"),
            &format!("/app/{bid}/bookings/{booking}/no-show"),
            &[],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = web.get(&format!("/app/{bid}/c/{second}")).await.body;
    assert!(
        page.contains("Drain cleaning · <span class=\"booking-status\">no-show</span>"),
        "{page}"
    );
    // The first thread's own page lists the second as an earlier-or-other conversation.
    let page = web.get(&thread).await.body;
    assert!(
        page.contains(&format!("href=\"/app/{bid}/c/{second}\"")),
        "{page}"
    );
    app.stop().await;
}
