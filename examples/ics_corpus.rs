//! Compare the busy time Frontdesk reads from calendar feeds with a reference expansion.
//!
//! Input: a folder with `ics/*.ics` and `reference.jsonl`, one line per calendar:
//! `{"file", "from", "to", "intervals": [[start_ms, end_ms], ...]}` (merged busy time in that
//! window, all-day and floating times in America/New_York), or `{"file", "reference_error"}`.
//! Run: `cargo run --example ics_corpus -- /path/to/corpus`. Prints one line per calendar that
//! differs and the totals; exits non-zero when the folder cannot be read.

use chrono::{DateTime, Utc};
use frontdesk::calendar::ics::busy_time;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: ics_corpus <folder with ics/ and reference.jsonl>");
    let reference = std::fs::read_to_string(format!("{dir}/reference.jsonl"))
        .expect("reference.jsonl can be read");
    let tz = chrono_tz::America::New_York;
    let (mut same, mut differ, mut rejected, mut skipped) = (0, 0, 0, 0);
    for line in reference.lines().filter(|l| !l.trim().is_empty()) {
        let r: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let file = r["file"].as_str().unwrap_or_default();
        if r.get("reference_error").is_some() {
            skipped += 1;
            continue;
        }
        let when = |k: &str| -> DateTime<Utc> {
            r[k].as_str().unwrap_or_default().parse().expect("a time")
        };
        let want: Vec<(i64, i64)> = r["intervals"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| (p[0].as_i64().unwrap_or(0), p[1].as_i64().unwrap_or(0)))
            .collect();
        let text = match std::fs::read(format!("{dir}/ics/{file}")) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => panic!("{file}: {e}"),
        };
        match busy_time(&text, tz, when("from"), when("to")) {
            Ok(busy) => {
                // The reference is clipped to the window; busy time runs on past its end.
                let end = when("to").timestamp_millis();
                let got: Vec<(i64, i64)> = busy
                    .intervals
                    .iter()
                    .map(|i| (i.start, i.end.min(end)))
                    .collect();
                if got == want {
                    same += 1;
                } else {
                    differ += 1;
                    println!(
                        "differs: {file}: {} intervals, reference {} (first: {:?} vs {:?})",
                        got.len(),
                        want.len(),
                        got.first(),
                        want.first()
                    );
                }
            }
            // Test fixtures of a single component are not feeds.
            Err(_) if text.trim_start().starts_with("BEGIN:V") && !text.contains("VCALENDAR") => {
                skipped += 1;
            }
            Err(e) => {
                rejected += 1;
                println!("rejected: {file}: {e}");
            }
        }
    }
    println!(
        "{same} of {} comparable calendars match the reference; {differ} differ, {rejected} rejected; {skipped} skipped (the reference could not read them, or a bare component, not a calendar)",
        same + differ + rejected
    );
}
