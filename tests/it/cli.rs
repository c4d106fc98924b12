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
