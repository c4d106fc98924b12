//! The dashboard in a real headless Chromium, driven over the W3C WebDriver protocol
//! (chromedriver): an owner adds an FAQ entry and the simulator's receptionist uses it; a thread
//! escalated from the simulator is taken over by staff, answered and handed back; staff find a
//! caller texts cannot reach in the inbox's "Call back" view and mark them called back; staff
//! see a booking the caller confirmed by reminder, then mark it a no-show once it is past.
//! Screenshots of the inbox, a thread, the profile editor, the bookings and the funnel land in
//! target/screenshots/.
//!
//! Runs when /usr/bin/chromedriver (Debian's chromium-driver) exists; `.ci/run` installs it.

use crate::dashboard::{dashboard_app, OWNER, PASSWORD, STAFF_EMAIL};
use crate::helpers::*;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

struct Driver {
    http: reqwest::Client,
    base: String,
    session: String,
    process: tokio::process::Child,
}

impl Driver {
    async fn start() -> Option<Driver> {
        if !std::path::Path::new(CHROMEDRIVER).exists() {
            assert!(
                std::env::var_os("FRONTDESK_REQUIRE_BROWSER").is_none(),
                "{CHROMEDRIVER} is required (FRONTDESK_REQUIRE_BROWSER is set)"
            );
            crate::helpers::skipped_once(
                "browser test",
                "apt-get install chromium chromium-driver to run it",
            );
            return None;
        }
        frontdesk::telephony::twilio::ensure_crypto_provider();
        let port = crate::helpers::free_port();
        let process = tokio::process::Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("chromedriver starts");
        let http = reqwest::Client::new();
        let base = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            if http.get(format!("{base}/status")).send().await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=412,915"]
            }
        }}});
        let resp: Value = http
            .post(format!("{base}/session"))
            .json(&caps)
            .send()
            .await
            .expect("new session")
            .json()
            .await
            .unwrap();
        let session = resp["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {resp}"))
            .to_string();
        Some(Driver {
            http,
            base,
            session,
            process,
        })
    }

    async fn try_cmd(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, Value> {
        let url = format!("{}/session/{}{path}", self.base, self.session);
        let mut req = self.http.request(method, url);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let v: Value = req.send().await.unwrap().json().await.unwrap();
        if v["value"].get("error").is_some() {
            return Err(v["value"].clone());
        }
        Ok(v["value"].clone())
    }

    async fn cmd(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        self.try_cmd(method, path, body)
            .await
            .unwrap_or_else(|e| panic!("webdriver {path}: {e}"))
    }

    /// Find the element and act on it, finding it again if a live update replaced it meanwhile.
    async fn on_element(
        &self,
        css: &str,
        method: reqwest::Method,
        action: &str,
        body: Option<Value>,
    ) -> Value {
        let mut last = Value::Null;
        for _ in 0..20 {
            let id = self.find(css).await;
            match self
                .try_cmd(
                    method.clone(),
                    &format!("/element/{id}{action}"),
                    body.clone(),
                )
                .await
            {
                Ok(v) => return v,
                // The page navigated or a live update replaced the element: find it again.
                Err(e)
                    if e["error"] == "stale element reference"
                        || e["message"]
                            .as_str()
                            .is_some_and(|m| m.contains("does not belong to the document")) =>
                {
                    last = e
                }
                Err(e) => panic!("webdriver {css}{action}: {e}"),
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{css} kept going stale: {last}")
    }

    /// The page fits a phone's width (no sideways scrolling) and every field has a label a
    /// screen reader can read; `page` names it in the failure.
    async fn check_layout(&self, page: &str) {
        let script = r#"
            const over = document.documentElement.scrollWidth - window.innerWidth;
            const wide = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(0, 5).map(e => e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''));
            const unlabelled = [...document.querySelectorAll('input, select, textarea')]
                .filter(e => !['hidden', 'submit', 'button'].includes(e.type))
                .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
                .map(e => e.name || e.id || e.outerHTML.slice(0, 80));
            return {over, wide, unlabelled};
        "#;
        let v = self
            .cmd(
                reqwest::Method::POST,
                "/execute/sync",
                Some(json!({"script": script, "args": []})),
            )
            .await;
        assert!(
            v["over"].as_i64().unwrap_or(0) <= 0,
            "{page}: wider than a 412 px phone by {} px ({})",
            v["over"],
            v["wide"]
        );
        assert_eq!(
            v["unlabelled"].as_array().map(Vec::len).unwrap_or(0),
            0,
            "{page}: fields without a label: {}",
            v["unlabelled"]
        );
    }

    async fn go(&self, url: &str) {
        self.cmd(reqwest::Method::POST, "/url", Some(json!({"url": url})))
            .await;
    }

    async fn find(&self, css: &str) -> String {
        for _ in 0..100 {
            let url = format!("{}/session/{}/element", self.base, self.session);
            let v: Value = self
                .http
                .post(url)
                .json(&json!({"using": "css selector", "value": css}))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            if let Some(id) = v["value"][ELEMENT].as_str() {
                return id.to_string();
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no element {css} on {}", self.source().await);
    }

    async fn type_into(&self, css: &str, text: &str) {
        self.on_element(css, reqwest::Method::POST, "/clear", Some(json!({})))
            .await;
        self.on_element(
            css,
            reqwest::Method::POST,
            "/value",
            Some(json!({"text": text})),
        )
        .await;
    }

    async fn click(&self, css: &str) {
        self.on_element(css, reqwest::Method::POST, "/click", Some(json!({})))
            .await;
    }

    async fn source(&self) -> String {
        self.cmd(reqwest::Method::GET, "/source", None)
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    async fn text_of(&self, css: &str) -> String {
        self.on_element(css, reqwest::Method::GET, "/text", None)
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Wait until the element's visible text contains `needle` (live updates, no reload).
    async fn wait_text(&self, css: &str, needle: &str) {
        for _ in 0..300 {
            if self.text_of(css).await.contains(needle) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css} never showed {needle:?}: {}", self.text_of(css).await);
    }

    /// Accept the confirmation the page asked for (a `window.confirm`); its words.
    async fn accept_alert(&self) -> String {
        for _ in 0..100 {
            if let Ok(text) = self
                .try_cmd(reqwest::Method::GET, "/alert/text", None)
                .await
            {
                self.cmd(reqwest::Method::POST, "/alert/accept", Some(json!({})))
                    .await;
                return text.as_str().unwrap_or_default().to_string();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no confirmation was asked for");
    }

    async fn screenshot(&self, name: &str) {
        use base64::Engine;
        let png = self.cmd(reqwest::Method::GET, "/screenshot", None).await;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().unwrap())
            .unwrap();
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), bytes).unwrap();
    }

    async fn sign_in(&self, base: &str, email: &str) {
        self.go(&format!("{base}/login")).await;
        self.type_into("#email", email).await;
        self.type_into("#password", PASSWORD).await;
        self.click("button[type=submit]").await;
        self.find("header.top").await;
    }

    async fn sign_out(&self) {
        self.click("form[action='/logout'] button").await;
        self.find("#email").await;
    }

    async fn quit(mut self) {
        let _ = self
            .http
            .delete(format!("{}/session/{}", self.base, self.session))
            .send()
            .await;
        let _ = self.process.kill().await;
    }
}

/// Chromium under chromedriver, and the dashboard app it browses: SQLite, open hours on the
/// fixed clock, an owner (Dave) and a member of staff (Sam). `None` when chromedriver is missing
/// (the test is skipped, said once).
async fn start_browser_app() -> Option<(Driver, TestApp)> {
    let driver = Driver::start().await?;
    let app = dashboard_app(Backend::Sqlite).await;
    Some((driver, app))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn owner_and_staff_in_a_real_browser() {
    let Some((driver, app)) = start_browser_app().await else {
        return;
    };
    let (base, bid) = (app.base.clone(), app.business_id);
    // Some history for the inbox and the funnel.
    app.missed_call("CAbrowser1", CALLER).await;
    app.quiet().await;
    app.say("Hi, my kitchen drain is clogged, can you come out?")
        .await;
    app.say("12 Oak St, I'm Jane Doe").await;
    app.say("2").await;
    app.say("YES").await;
    app.say_from("+15550100124", "Do you fix boilers?").await;

    // The owner adds an FAQ entry in the profile editor...
    driver.sign_in(&base, OWNER).await;
    driver.screenshot("inbox").await;
    // Every page fits a phone (the window is 412 px wide) and labels every field.
    for page in [
        "inbox",
        "profile",
        "bookings",
        "bookings?view=week",
        "funnel",
        "questions",
        "team",
        "simulator",
    ] {
        driver.go(&format!("{base}/app/{bid}/{page}")).await;
        driver.find("main").await;
        driver.check_layout(page).await;
    }
    driver.go(&format!("{base}/app/{bid}/bookings")).await;
    driver.screenshot("bookings").await;
    driver
        .go(&format!("{base}/app/{bid}/bookings?view=week"))
        .await;
    driver.screenshot("bookings-week").await;
    driver.go(&format!("{base}/app/{bid}/profile#faq")).await;
    let n = {
        let src = driver.source().await;
        (0..50)
            .take_while(|i| src.contains(&format!("id=\"faq[{i}].a\"")))
            .count()
            - 1
    };
    driver
        .type_into(
            &format!("[id='faq[{n}].q']"),
            "Do you service septic tanks?",
        )
        .await;
    driver
        .type_into(
            &format!("[id='faq[{n}].a']"),
            "No, we do not work on septic tanks.",
        )
        .await;
    driver.click("#save-faq").await;
    driver.wait_text("#saved", "Saved faq").await;
    driver.go(&format!("{base}/app/{bid}/profile")).await;
    driver.find("[id='textback.message-preview'] .sms").await;
    driver
        .wait_text("[id='textback.message-preview'] .count", "segment")
        .await;
    driver.screenshot("profile-editor").await;

    // ...and the simulator's receptionist uses it.
    driver.go(&format!("{base}/app/{bid}/simulator")).await;
    driver.click("#sim-call").await;
    driver
        .wait_text("#sim-messages", "Sorry we missed you")
        .await;
    driver
        .type_into("#sim-body", "Do you service septic tanks?")
        .await;
    driver.click("#sim-send").await;
    driver
        .wait_text("#sim-messages", "we do not work on septic tanks")
        .await;
    // Escalate from the simulator: ask for a person.
    driver
        .type_into("#sim-body", "Can I talk to a real person please")
        .await;
    driver.click("#sim-send").await;
    driver
        .wait_text("#sim-messages", "passing this to the team")
        .await;
    app.quiet().await;
    assert_eq!(app.conversation_state("+15550100777").await, "human_owned");
    driver.screenshot("simulator").await;
    // A voice call in the simulator: the receptionist answers, over the live-voice protocol.
    driver
        .go(&format!("{base}/app/{bid}/simulator?from=%2B15550100778"))
        .await;
    driver.click("#sim-voice-call").await;
    driver
        .wait_text("#sim-voice-lines", "How can I help you today?")
        .await;
    driver.type_into("#sim-say", "what are your hours?").await;
    driver.click("#sim-say-send").await;
    driver
        .wait_text("#sim-voice-lines", "Receptionist: Our hours")
        .await;
    driver.screenshot("simulator-voice").await;
    driver.go(&format!("{base}/app/{bid}/funnel")).await;
    driver.find("#funnel-chart").await;
    driver.screenshot("funnel").await;
    driver.sign_out().await;

    // Staff see it in the inbox, take it over, reply and hand back.
    driver.sign_in(&base, STAFF_EMAIL).await;
    driver
        .go(&format!("{base}/app/{bid}/inbox?filter=human"))
        .await;
    driver.wait_text("#inbox-rows", "(555) 010-0777").await;
    driver.screenshot("inbox-needs-a-person").await;
    driver
        .click("#inbox-rows li[data-conversation] a[href*='/c/']")
        .await;
    driver.find("#transcript").await;
    driver.check_layout("thread").await;
    // A text arriving while the page is open shows up live.
    app.say_nothing_back_from("+15550100777", "hello? anyone?")
        .await;
    driver.wait_text("#transcript", "hello? anyone?").await;
    if driver.source().await.contains("id=\"take-over\"") {
        driver.click("#take-over").await;
    }
    driver
        .type_into(
            "#reply-body",
            "Hi, this is Sam from Dave's. How can I help?",
        )
        .await;
    driver.click("form.reply button[type=submit]").await;
    driver.wait_text("#transcript", "this is Sam").await;
    app.quiet().await;
    assert_eq!(
        app.texts_to("+15550100777").await.last().unwrap(),
        "Hi, this is Sam from Dave's. How can I help?"
    );
    driver.screenshot("thread").await;
    driver.click("#hand-back").await;
    driver.wait_text("#thread-state", "AI handling").await;
    assert_eq!(app.conversation_state("+15550100777").await, "qualifying");
    driver.quit().await;
    app.stop().await;
}

/// A missed caller texts cannot reach (Twilio refuses the text-back: not a mobile number) is in
/// the inbox's "Call back" view: staff find it there, ring the number and mark it done.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_find_a_call_back_in_a_real_browser() {
    use wiremock::matchers::{body_string_contains, method, path};
    use wiremock::{Mock, ResponseTemplate};
    let Some((driver, app)) = start_browser_app().await else {
        return;
    };
    let (base, bid) = (app.base.clone(), app.business_id);
    Mock::given(method("POST"))
        .and(path(MESSAGES_PATH))
        .and(body_string_contains("To=%2B15550100123"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "code": 21614,
            "message": "'To' number is not a valid mobile number",
            "status": 400
        })))
        .with_priority(1)
        .mount(&app.twilio)
        .await;
    app.missed_call("CAbrowser-cb", CALLER).await;
    app.settle().await;

    driver.sign_in(&base, STAFF_EMAIL).await;
    driver.go(&format!("{base}/app/{bid}/inbox")).await;
    driver
        .click("nav.filters a[href$='filter=call_back']")
        .await;
    driver.wait_text("#inbox-rows", "(555) 010-0123").await;
    driver.wait_text("#inbox-rows", "21614").await;
    driver
        .find(&format!("#inbox-rows a.call[href='tel:{CALLER}']"))
        .await;
    driver.check_layout("inbox-call-back").await;
    driver.screenshot("inbox-call-back").await;
    driver
        .click("#inbox-rows li[data-call-back] button[type=submit]")
        .await;
    driver.wait_text("#inbox-rows", "Nobody to call back").await;
    assert_eq!(app.count("call_backs WHERE done_by IS NOT NULL").await, 1);
    driver.quit().await;
    app.stop().await;
}

/// A caller confirms their booking by answering the reminder with C: staff see it confirmed on
/// the bookings page and in the thread. The time comes and nobody is there: staff mark the past
/// booking a no-show from the bookings page (after the page asks them to be sure), the page shows
/// it, the caller gets the one text offering to rebook, and the thread shows that text sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_see_a_confirmation_and_mark_a_no_show_in_a_real_browser() {
    let Some((driver, app)) = start_browser_app().await else {
        return;
    };
    let (base, bid) = (app.base.clone(), app.business_id);
    let iso = |ms: i64| frontdesk::clock::from_millis(ms).to_rfc3339();
    // Jane books by text, gets the reminder and confirms with C.
    app.say("Hi, my kitchen drain is clogged, can you come out?")
        .await;
    app.say("12 Oak St, I'm Jane Doe").await;
    app.say("2").await;
    let r = app.say("YES").await;
    assert!(r.starts_with("You're booked: "), "{r}");
    let (id, start): (i64, i64) =
        sqlx::query_as("SELECT id, start_at FROM bookings WHERE status = 'booked'")
            .fetch_one(app.state.store.pool())
            .await
            .unwrap();
    let reminded =
        worker_round_at(&app, &iso(start - 2 * 3_600_000), CALLER, Worker::Reminders).await;
    assert_eq!(reminded.len(), 1, "{reminded:?}");
    let r = app.say("C").await;
    assert!(r.starts_with("Thanks, you're confirmed for "), "{r}");
    let no_show_path = format!("/app/{bid}/bookings/{id}/no-show");

    // Staff see it confirmed among the upcoming bookings, with no no-show control yet...
    driver.sign_in(&base, STAFF_EMAIL).await;
    driver.go(&format!("{base}/app/{bid}/bookings")).await;
    driver.wait_text("main table", "confirmed by caller").await;
    let row = driver.text_of("main table tbody tr").await;
    assert!(
        row.contains("Jane Doe")
            && row.contains("12 Oak St")
            && row.contains("confirmed by caller"),
        "{row}"
    );
    assert!(!driver.source().await.contains(&no_show_path));
    driver.check_layout("bookings-confirmed").await;
    driver.screenshot("bookings-confirmed").await;
    // ...and in the thread.
    driver.click("main table tbody tr a[href*='/c/']").await;
    driver
        .wait_text("#booking-confirmed", "confirmed by the caller")
        .await;

    // An hour and a half after the start, nobody came: the booking is past, and can be marked.
    app.clock
        .as_ref()
        .unwrap()
        .set(frontdesk::clock::from_millis(start + 90 * 60_000));
    driver.go(&format!("{base}/app/{bid}/bookings")).await;
    driver.wait_text("main", "No upcoming bookings.").await;
    let row = driver.text_of("main table tbody tr").await;
    assert!(
        row.contains("Jane Doe") && row.contains("confirmed"),
        "{row}"
    );
    assert!(!row.contains("no-show"), "{row}");
    driver
        .click(&format!("form[action='{no_show_path}'] button"))
        .await;
    let asked = driver.accept_alert().await;
    assert!(asked.starts_with("Mark as a no-show?"), "{asked}");
    driver.wait_text("main table tbody tr", "no-show").await;
    driver.find("main table tbody tr span.no-show").await;
    // Marked: the control is gone, so it cannot be marked (and the caller texted) twice.
    assert!(!driver.source().await.contains(&no_show_path));
    driver.check_layout("bookings-no-show").await;
    driver.screenshot("bookings-no-show").await;

    // The caller gets one text offering to rebook, and the thread shows it sent.
    app.settle().await;
    let offers: Vec<String> = app
        .texts_to(CALLER)
        .await
        .into_iter()
        .filter(|t| t.contains("sorry we missed you for your drain cleaning"))
        .collect();
    assert_eq!(offers.len(), 1, "{offers:?}");
    driver.go(&format!("{base}/app/{bid}/inbox")).await;
    driver
        .click("#inbox-rows li[data-conversation] a[href*='/c/']")
        .await;
    driver
        .wait_text("#transcript", "sorry we missed you for your drain cleaning")
        .await;
    driver.wait_text("#caller-bookings", "no-show").await;
    let transcript = driver.text_of("#transcript").await;
    assert_eq!(
        transcript
            .matches("sorry we missed you for your drain cleaning")
            .count(),
        1,
        "{transcript}"
    );
    // The newest message in the thread: the offer, taken by the carrier (not waiting, not failed).
    let last = driver.text_of("#transcript li.msg:last-child").await;
    assert!(
        last.contains("sorry we missed you") && last.contains("queued") && !last.contains("failed"),
        "{last}"
    );
    driver.screenshot("thread-no-show").await;
    driver.quit().await;
    app.stop().await;
}
