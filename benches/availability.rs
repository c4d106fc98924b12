//! Availability over 14 days for a feed of 5,000 events, a third of them recurring.
//! Run: `cargo bench --bench availability`. Target: under 5 ms per availability call once the
//! feed is parsed; the parse time is reported too.

use chrono::{DateTime, Duration, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use frontdesk::calendar::availability::{open_slots, Rules};
use frontdesk::calendar::ics::busy_time;
use frontdesk::domain::BusinessProfile;
use std::hint::black_box;

const PROFILE: &str = include_str!("../examples/daves-plumbing.toml");

fn now() -> DateTime<Utc> {
    "2026-12-01T13:00:00Z".parse().unwrap()
}

/// `n` events: two thirds one-off (spread over the past month and the next three weeks, as a
/// busy shared calendar has), one third weekly or daily rules with exceptions.
fn big_feed(n: u32) -> String {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n");
    let start = now() - Duration::days(30);
    let fmt = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    for i in 0..n {
        // A deterministic spread of start times.
        let offset = Duration::minutes(i64::from((i * 7919) % (51 * 24 * 60)));
        let s = start + offset;
        let e = s + Duration::minutes(30 + i64::from(i % 4) * 30);
        out.push_str(&format!("BEGIN:VEVENT\r\nUID:ev{i}@bench\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:{}\r\nDTEND:{}\r\n", fmt(s), fmt(e)));
        if i % 3 == 0 {
            if i % 2 == 0 {
                out.push_str("RRULE:FREQ=WEEKLY;COUNT=20\r\n");
                out.push_str(&format!("EXDATE:{}\r\n", fmt(s + Duration::weeks(2))));
            } else {
                out.push_str("RRULE:FREQ=DAILY;INTERVAL=3\r\n");
            }
        }
        out.push_str("SUMMARY:Busy\r\nEND:VEVENT\r\n");
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

/// Hostile shapes from the security review: 5,000 moved instances of one daily event (once
/// quadratic), and 10,000 nested blocks (once a stack overflow).
fn override_bomb() -> String {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n");
    out.push_str("BEGIN:VEVENT\r\nUID:bomb\r\nDTSTART:20120101T150000Z\r\nDTEND:20120101T160000Z\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n");
    let day0: DateTime<Utc> = "2012-01-01T15:00:00Z".parse().unwrap();
    let fmt = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    for d in 0..5000 {
        let orig = day0 + Duration::days(d);
        let moved = orig + Duration::hours(2);
        out.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:bomb\r\nRECURRENCE-ID:{}\r\nDTSTART:{}\r\nDTEND:{}\r\nSUMMARY:moved\r\nEND:VEVENT\r\n",
            fmt(orig),
            fmt(moved),
            fmt(moved + Duration::hours(1))
        ));
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn bench(c: &mut Criterion) {
    let feed = big_feed(5000);
    let profile = BusinessProfile::from_toml(PROFILE).expect("example profile");
    let tz = profile.tz();
    let (from, to) = (now() - Duration::days(1), now() + Duration::days(16));
    c.bench_function("parse_feed_5000_events", |b| {
        b.iter(|| busy_time(black_box(&feed), tz, from, to).expect("parses"))
    });
    // The size: a 1 MB feed (7,000 such events).
    let mb = big_feed(7000);
    eprintln!("7,000-event feed: {} KB", mb.len() / 1000);
    c.bench_function("parse_feed_1mb_7000_events", |b| {
        b.iter(|| busy_time(black_box(&mb), tz, from, to).expect("parses"))
    });
    let bomb = override_bomb();
    eprintln!("override feed: {} KB", bomb.len() / 1000);
    c.bench_function("parse_feed_5000_overrides_one_uid", |b| {
        b.iter(|| busy_time(black_box(&bomb), tz, from, to).expect("parses"))
    });
    let nested = format!(
        "BEGIN:VCALENDAR\r\n{}END:VCALENDAR\r\n",
        "BEGIN:X-NEST\r\n".repeat(10_000)
    );
    c.bench_function("parse_feed_10000_nested_blocks", |b| {
        b.iter(|| busy_time(black_box(&nested), tz, from, to).expect("parses"))
    });
    eprintln!("5,000-event feed: {} KB", feed.len() / 1000);
    let busy = busy_time(&feed, tz, from, to).expect("parses").intervals;
    eprintln!(
        "5,000 events give {} merged busy intervals in the 17-day window",
        busy.len()
    );
    let rules = Rules::for_service(&profile, Some("Drain cleaning")).expect("service");
    c.bench_function("availability_14_days_5000_events", |b| {
        b.iter(|| open_slots(black_box(&rules), now(), black_box(&busy)))
    });
    // The busy feed leaves some room: make sure the benchmark measures real work.
    let mut sparse = profile.clone();
    sparse.booking.buffer_minutes = 0;
    let rules = Rules::for_service(&sparse, None).expect("rules");
    c.bench_function("availability_14_days_no_feed", |b| {
        b.iter(|| open_slots(black_box(&rules), now(), &[]))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
