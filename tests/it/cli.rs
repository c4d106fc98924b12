//! The `frontdesk` binary as a user runs it: commands work in any order on a fresh database, and
//! errors name the file and field.

use crate::helpers::*;
use std::process::Command;

fn frontdesk(db_url: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .args(args)
        .env("DATABASE_URL", db_url)
        .env_remove("TWILIO_ACCOUNT_SID")
        .env_remove("TWILIO_AUTH_TOKEN")
        .env_remove("FRONTDESK_CONFIG")
        .env("RUST_LOG", "warn")
        .output()
        .expect("run frontdesk");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

async fn cli_round_trip(backend: Backend) {
    let db = fresh_db(backend).await;
    let dir = tempfile::tempdir().unwrap();
    // Export first, on a database that does not exist yet: a clear error, not a crash.
    let (ok, _, err) = frontdesk(&db.url, &["business", "export", "Dave's Plumbing"]);
    assert!(!ok);
    assert!(err.contains("no business named"), "{err}");

    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, EXAMPLE.replace("America/New_York", "Europe/Gondor")).unwrap();
    let (ok, _, err) = frontdesk(&db.url, &["business", "import", bad.to_str().unwrap()]);
    assert!(!ok);
    assert!(
        err.contains("bad.toml: business.timezone: unknown time zone 'Europe/Gondor'"),
        "{err}"
    );

    let good = dir.path().join("daves.toml");
    std::fs::write(&good, EXAMPLE).unwrap();
    let (ok, out, err) = frontdesk(&db.url, &["business", "import", good.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(out.contains("created business 'Dave's Plumbing'"), "{out}");
    let (ok, out, _) = frontdesk(&db.url, &["business", "import", good.to_str().unwrap()]);
    assert!(ok && out.contains("updated business"), "{out}");

    let (ok, out, _) = frontdesk(&db.url, &["business", "list"]);
    assert!(
        ok && out.contains("Dave's Plumbing\tAmerica/New_York\t+15550100200"),
        "{out}"
    );

    let (ok, exported, _) = frontdesk(&db.url, &["business", "export", "+15550100200"]);
    assert!(ok);
    let reexport = dir.path().join("exported.toml");
    std::fs::write(&reexport, &exported).unwrap();
    let (ok, out, err) = frontdesk(&db.url, &["business", "import", reexport.to_str().unwrap()]);
    assert!(ok && out.contains("updated business"), "{out}{err}");
    let (_, exported_again, _) = frontdesk(&db.url, &["business", "export", "dave's plumbing"]);
    assert_eq!(exported, exported_again);

    let (ok, out, _) = frontdesk(&db.url, &["migrate"]);
    assert!(ok && out.contains("up to date"));
}

#[tokio::test]
async fn cli_round_trip_sqlite() {
    cli_round_trip(Backend::Sqlite).await;
}

#[tokio::test]
async fn cli_round_trip_postgres() {
    if postgres_url().is_none() {
        return;
    }
    cli_round_trip(Backend::Postgres).await;
}

#[test]
fn bad_config_fails_with_one_line_naming_the_key() {
    let out = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .args(["serve"])
        .env("FRONTDESK_LISTEN", "not-an-address")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("FRONTDESK_LISTEN"), "{err}");
}

fn run_doctor(db_url: String, envs: Vec<(&str, String)>) -> (bool, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
    cmd.arg("doctor")
        .env("DATABASE_URL", db_url)
        .env_remove("TWILIO_ACCOUNT_SID")
        .env_remove("TWILIO_AUTH_TOKEN")
        .env_remove("TELNYX_API_KEY")
        .env_remove("OPENAI_BASE_URL")
        .env_remove("FRONTDESK_PUBLIC_URL")
        .env_remove("FRONTDESK_CONFIG")
        .env("RUST_LOG", "warn");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// `frontdesk doctor` on a fresh import: each problem is named with its fix, and the exit code
/// says whether the installation is ready; once the problems are fixed it says so.
async fn doctor_names_problems_and_fixes(backend: Backend) {
    let db = fresh_db(backend).await;
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("daves.toml");
    std::fs::write(&profile, EXAMPLE).unwrap();
    let (ok, _, err) = frontdesk(&db.url, &["business", "import", profile.to_str().unwrap()]);
    assert!(ok, "{err}");
    // No provider, a model nobody answers at: problems, each with its fix, and a failing exit.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}/v1", closed.local_addr().unwrap());
    drop(closed);
    let (ok, out) = run_doctor(db.url.clone(), vec![("OPENAI_BASE_URL", dead)]);
    assert!(!ok, "{out}");
    assert!(out.contains("FAIL no SMS provider credentials"), "{out}");
    assert!(
        out.contains("fix: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN"),
        "{out}"
    );
    assert!(out.contains("does not answer (cannot connect)"), "{out}");
    assert!(
        out.contains("warn Dave's Plumbing: no dashboard account"),
        "{out}"
    );
    assert!(
        out.contains("ok   Dave's Plumbing: answers +15550100200"),
        "{out}"
    );
    assert!(out.contains("problem(s) to fix before going live"), "{out}");

    // Credentials set and a model that answers: ready (the missing account stays a warning).
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method("GET"))
        .and(wiremock::matchers::path("/v1/models"))
        .respond_with(wiremock::ResponseTemplate::new(200).set_body_string(r#"{"data":[]}"#))
        .mount(&server)
        .await;
    let live = format!("{}/v1", server.uri());
    let url = db.url.clone();
    let (ok, out) = tokio::task::spawn_blocking(move || {
        run_doctor(
            url,
            vec![
                ("OPENAI_BASE_URL", live),
                (
                    "TWILIO_ACCOUNT_SID",
                    "AC00000000000000000000000000000000".into(),
                ),
                ("TWILIO_AUTH_TOKEN", "secret".into()),
                (
                    "FRONTDESK_PUBLIC_URL",
                    "https://frontdesk.example.com".into(),
                ),
            ],
        )
    })
    .await
    .unwrap();
    assert!(ok, "{out}");
    assert!(out.contains("answers"), "{out}");
    assert!(out.contains("Ready, with 1 warning(s)"), "{out}");
}

#[tokio::test]
async fn doctor_names_problems_and_fixes_sqlite() {
    doctor_names_problems_and_fixes(Backend::Sqlite).await;
}

#[tokio::test]
async fn doctor_names_problems_and_fixes_postgres() {
    if postgres_url().is_none() {
        return;
    }
    doctor_names_problems_and_fixes(Backend::Postgres).await;
}

/// `serve --demo` prints the owner's sign-in again on each start until the owner has signed in
/// and chosen a password (the first one may have scrolled away); then it stops.
async fn demo_sign_in_is_reprinted_until_used(backend: Backend) {
    use frontdesk::store::{users, Store};
    let db = fresh_db(backend).await;
    let store = Store::open(&db.url, None).await.unwrap();
    frontdesk::cli::ensure_demo_business(&store).await.unwrap();
    let (email, first) = frontdesk::cli::ensure_demo_owner(&store)
        .await
        .unwrap()
        .expect("a sign-in on the first start");
    let (_, second) = frontdesk::cli::ensure_demo_owner(&store)
        .await
        .unwrap()
        .expect("printed again: never used");
    assert_ne!(first, second);
    // The owner signs in and chooses a password: nothing is printed any more.
    let mut conn = store.pool().acquire().await.unwrap();
    let user = users::by_email(&mut conn, &email).await.unwrap().unwrap();
    let hash = frontdesk::dashboard::auth::hash_password("their own choice 42").unwrap();
    users::set_password(&mut conn, user.id, &hash, false)
        .await
        .unwrap();
    drop(conn);
    assert_eq!(
        frontdesk::cli::ensure_demo_owner(&store).await.unwrap(),
        None
    );
}

#[tokio::test]
async fn demo_sign_in_is_reprinted_until_used_sqlite() {
    demo_sign_in_is_reprinted_until_used(Backend::Sqlite).await;
}

#[tokio::test]
async fn demo_sign_in_is_reprinted_until_used_postgres() {
    if postgres_url().is_none() {
        return;
    }
    demo_sign_in_is_reprinted_until_used(Backend::Postgres).await;
}

/// `frontdesk contact forget`: a caller who asked to be forgotten leaves nothing behind but
/// the opt-out (no texts, no staff alert quoting them, no conversation, no booking details, no
/// number on their calls), and is never texted again; other callers keep everything.
async fn forget_erases_a_caller_and_keeps_the_opt_out(backend: Backend) {
    let app = spawn_app_at(backend, open_hours_instant()).await;
    const OTHER: &str = "+15550100177";
    // A missed call, a booking, and a question that alerted the staff (quoting the number).
    app.missed_call("CA900", CALLER).await;
    app.post_twilio(
        "/webhooks/twilio/voice/status",
        &[
            ("CallSid", "CA900"),
            ("From", CALLER),
            ("To", BUSINESS_NUMBER),
            ("CallStatus", "no-answer"),
        ],
    )
    .await;
    let sent = app.settle().await;
    assert!(sent.iter().any(|t| t["To"] == CALLER), "{sent:?}");
    app.say("Hi, my kitchen drain is clogged, can you come out?")
        .await;
    app.say("12 Oak St, I'm Jane Doe").await;
    app.say("2").await;
    let r = app.say("YES").await;
    assert!(r.starts_with("You're booked: "), "{r}");
    app.say("also do you fix boilers?").await;
    // Another caller's own words that mention the number stay theirs.
    app.say_from(
        OTHER,
        &format!("my neighbour at {CALLER} said you're good, how much is drain cleaning?"),
    )
    .await;
    let bookings = app.count("bookings").await;
    let other_messages = app
        .count(&format!(
            "messages WHERE contact_id = (SELECT id FROM contacts WHERE phone = '{OTHER}')"
        ))
        .await;
    assert!(
        app.count(&format!("messages WHERE body LIKE '%{CALLER}%'"))
            .await
            > 0
    );

    // Bad input: a clear error naming the argument, nothing changed.
    let (ok, _, err) = frontdesk(&app.db.url, &["contact", "forget", "call me maybe"]);
    assert!(!ok && err.contains("NUMBER"), "{err}");
    let (ok, _, err) = frontdesk(&app.db.url, &["contact", "forget", "+15550104444"]);
    assert!(!ok && err.contains("no caller"), "{err}");

    let (ok, out, err) = frontdesk(&app.db.url, &["contact", "forget", CALLER]);
    assert!(ok, "{err}");
    assert!(
        out.contains(&format!("{CALLER} forgotten")) && out.contains("will not be texted again"),
        "{out}"
    );
    let caller = format!("(SELECT id FROM contacts WHERE phone = '{CALLER}')");
    assert_eq!(
        app.count(&format!("messages WHERE contact_id = {caller}"))
            .await,
        0
    );
    assert_eq!(
        app.count(&format!(
            "messages WHERE body LIKE '%{CALLER}%' AND kind = 'staff_notify'"
        ))
        .await,
        0
    );
    assert_eq!(
        app.count(&format!(
            "messages WHERE body LIKE '%my neighbour at {CALLER}%'"
        ))
        .await,
        1,
        "another caller's words are theirs"
    );
    assert_eq!(
        app.count(&format!("conversations WHERE contact_id = {caller}"))
            .await,
        0
    );
    assert_eq!(
        app.count(&format!("outbox WHERE to_number = '{CALLER}'"))
            .await,
        0
    );
    assert_eq!(
        app.count(&format!("calls WHERE from_number = '{CALLER}'"))
            .await,
        0
    );
    assert_eq!(app.count("unanswered_questions").await, 0);
    // The booking keeps its time (the calendar stays right), not who it was for.
    assert_eq!(app.count("bookings").await, bookings);
    assert_eq!(
        app.count("bookings WHERE caller_name IS NOT NULL OR caller_phone IS NOT NULL OR address IS NOT NULL")
            .await,
        0
    );
    // Only the opt-out is left of them; the other caller keeps everything.
    assert_eq!(
        app.count(&format!(
            "contacts WHERE phone = '{CALLER}' AND opted_out_at IS NOT NULL"
        ))
        .await,
        1
    );
    assert_eq!(
        app.count(&format!(
            "messages WHERE contact_id = (SELECT id FROM contacts WHERE phone = '{OTHER}')"
        ))
        .await,
        other_messages
    );
    // Never texted again.
    app.say_nothing_back("hello? did you get my booking").await;
    app.stop().await;
}

#[tokio::test]
async fn forget_erases_a_caller_and_keeps_the_opt_out_sqlite() {
    forget_erases_a_caller_and_keeps_the_opt_out(Backend::Sqlite).await;
}

#[tokio::test]
async fn forget_erases_a_caller_and_keeps_the_opt_out_postgres() {
    if postgres_url().is_none() {
        return;
    }
    forget_erases_a_caller_and_keeps_the_opt_out(Backend::Postgres).await;
}

/// `frontdesk backup FILE` on SQLite: a copy that opens and holds the same data, made while
/// the server runs; never over an existing file. On PostgreSQL it points to pg_dump.
#[tokio::test]
async fn backup_copies_a_live_sqlite_database() {
    let app = spawn_app_at(Backend::Sqlite, open_hours_instant()).await;
    app.say("how much is drain cleaning?").await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("backup.db");
    let (ok, out, err) = frontdesk(&app.db.url, &["backup", file.to_str().unwrap()]);
    assert!(ok && out.contains("backed up to"), "{out}{err}");
    let copy = frontdesk::store::Store::open(&format!("sqlite://{}", file.display()), Some(1))
        .await
        .unwrap();
    for table in ["businesses", "contacts", "messages", "conversations"] {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(copy.pool())
            .await
            .unwrap();
        assert_eq!(n, app.count(table).await, "{table}");
    }
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM messages WHERE body LIKE '%$149%'")
        .fetch_one(copy.pool())
        .await
        .unwrap();
    assert_eq!(n, 1);
    // Never over an existing file.
    let (ok, _, err) = frontdesk(&app.db.url, &["backup", file.to_str().unwrap()]);
    assert!(!ok && err.contains("already exists"), "{err}");
    app.stop().await;
    if let Some(url) = postgres_url() {
        let db = fresh_db(Backend::Postgres).await;
        let _ = url;
        let (ok, _, err) = frontdesk(&db.url, &["backup", file.to_str().unwrap()]);
        assert!(!ok && err.contains("pg_dump"), "{err}");
    }
}

/// `booking.caldav` on import: the address goes through the feeds' guard (no private network
/// unless the admin allows it), and an export names the password's variable, never a password.
#[tokio::test]
async fn caldav_addresses_are_guarded_on_import_and_exports_carry_no_password() {
    let db = fresh_db(Backend::Sqlite).await;
    let dir = tempfile::tempdir().unwrap();
    let with = |url: &str| {
        format!("{EXAMPLE}\n[booking.caldav]\nurl = \"{url}\"\nusername = \"dave\"\npassword_env = \"DAVE_CALDAV_PASSWORD\"\n")
    };
    let private = dir.path().join("private.toml");
    std::fs::write(&private, with("http://127.0.0.1:5232/dave/bookings/")).unwrap();
    let (ok, _, err) = frontdesk(&db.url, &["business", "import", private.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("booking.caldav.url"), "{err}");
    let inward = dir.path().join("inward.toml");
    std::fs::write(&inward, with("https://10.1.2.3/dave/bookings/")).unwrap();
    let (ok, _, err) = frontdesk(&db.url, &["business", "import", inward.to_str().unwrap()]);
    assert!(!ok);
    assert!(
        err.contains("booking.caldav.url") && err.contains("private"),
        "{err}"
    );

    let public = dir.path().join("public.toml");
    std::fs::write(&public, with("https://203.0.114.7/dave/bookings/")).unwrap();
    let (ok, _, err) = frontdesk(&db.url, &["business", "import", public.to_str().unwrap()]);
    assert!(ok, "{err}");
    let (ok, exported, _) = frontdesk(&db.url, &["business", "export", "Dave's Plumbing"]);
    assert!(ok);
    assert!(exported.contains("[booking.caldav]"), "{exported}");
    assert!(
        exported.contains("password_env = \"DAVE_CALDAV_PASSWORD\""),
        "{exported}"
    );
    assert!(!exported.contains("password ="), "{exported}");
}
