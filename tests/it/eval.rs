//! The evaluation runner itself: it runs scenarios through the real engine and reports a
//! scenario that should fail as failed.

use crate::helpers::EXAMPLE;

fn write(dir: &std::path::Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn runner_scores_good_and_broken_expectations() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("businesses")).unwrap();
    std::fs::create_dir_all(dir.path().join("scenarios")).unwrap();
    write(&dir.path().join("businesses"), "plumber.toml", EXAMPLE);
    let s = dir.path().join("scenarios");
    write(&s, "a-booking.toml", "name = \"booking\"\nbusiness = \"plumber\"\ncategory = \"booking\"\n[caller]\nmessages = [\"Hi, I need drain cleaning\", \"12 Oak St, I'm Jane Doe\", \"2\", \"YES\"]\n[expect]\nbooked = true\nservice = \"Drain cleaning\"\nhanded_off = false\nmentions = [\"$149\"]\n");
    // Expects a booking from a caller who never asks for one: must be reported as failed.
    write(&s, "b-wrong.toml", "name = \"wrong expectation\"\nbusiness = \"plumber\"\ncategory = \"booking\"\n[caller]\nmessages = [\"what are your hours?\"]\n[expect]\nbooked = true\nhanded_off = false\n");
    write(&s, "c-gas.toml", "name = \"gas\"\nbusiness = \"plumber\"\ncategory = \"emergency\"\n[caller]\nmessages = [\"I smell gas!\"]\n[expect]\nbooked = false\nhanded_off = true\nhandoff_reason = \"safety\"\nmentions = [\"911\"]\n");
    let report = frontdesk::eval::run_suite(dir.path(), None, None, 2)
        .await
        .unwrap();
    let results: Vec<(&str, bool)> = report
        .results
        .iter()
        .map(|r| (r.name.as_str(), r.score.passed))
        .collect();
    assert_eq!(
        results,
        vec![
            ("booking", true),
            ("wrong expectation", false),
            ("gas", true)
        ]
    );
    assert_eq!(report.totals.passed, 2);
    assert_eq!(report.totals.bookable, 2);
    assert_eq!(report.totals.booked_when_bookable, 1);
    assert_eq!(report.totals.hard_failures, 0);
    let text = frontdesk::eval::render(&report);
    assert!(
        text.contains("FAIL   booking         wrong expectation"),
        "{text}"
    );
    assert!(text.contains("2 of 3 scenarios passed"), "{text}");
}
