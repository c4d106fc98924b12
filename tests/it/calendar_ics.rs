//! Real-world-shaped feeds (Google, Outlook with Windows zone names, Apple) read into busy time.

use chrono::{DateTime, Utc};
use frontdesk::calendar::ics::{busy_time, IcsError};
use frontdesk::calendar::Interval;

const NY: chrono_tz::Tz = chrono_tz::America::New_York;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/ics/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// Each interval in New York time: "Tue Dec 01 10:00-11:30".
fn local(intervals: &[Interval]) -> Vec<String> {
    intervals
        .iter()
        .map(|i| {
            let s = DateTime::<Utc>::from_timestamp_millis(i.start)
                .unwrap()
                .with_timezone(&NY);
            let e = DateTime::<Utc>::from_timestamp_millis(i.end)
                .unwrap()
                .with_timezone(&NY);
            format!(
                "{}-{}",
                s.format("%a %b %d %H:%M"),
                e.format("%a %b %d %H:%M")
            )
        })
        .collect()
}

#[test]
fn google_weekly_with_exception_and_moved_instance() {
    let busy = busy_time(
        &fixture("google.ics"),
        NY,
        t("2026-11-27T00:00:00Z"),
        t("2027-01-01T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(
        local(&busy.intervals),
        vec![
            "Tue Dec 01 10:00-Tue Dec 01 11:30",
            // All-day: the whole local day.
            "Thu Dec 03 00:00-Fri Dec 04 00:00",
            "Fri Dec 04 09:00-Fri Dec 04 10:00",
            // Dec 8 is an EXDATE; Dec 15 moved to the afternoon by a RECURRENCE-ID override.
            "Tue Dec 15 14:00-Tue Dec 15 15:30",
            "Tue Dec 22 10:00-Tue Dec 22 11:30",
            "Tue Dec 29 10:00-Tue Dec 29 11:30",
        ]
    );
    assert_eq!(busy.events, 6);
    assert!(busy.warnings.is_empty(), "{:?}", busy.warnings);
}

#[test]
fn outlook_windows_zone_names_and_midnight() {
    let busy = busy_time(
        &fixture("outlook.ics"),
        chrono_tz::America::Los_Angeles,
        t("2026-11-27T00:00:00Z"),
        t("2027-01-01T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(
        local(&busy.intervals),
        vec![
            "Thu Dec 03 09:00-Thu Dec 03 10:00",
            // Crosses midnight.
            "Sat Dec 05 22:00-Sun Dec 06 02:00",
            "Thu Dec 10 09:00-Thu Dec 10 10:00",
            // UNTIL is inclusive.
            "Thu Dec 17 09:00-Thu Dec 17 10:00",
        ]
    );
    assert!(busy.warnings.is_empty(), "{:?}", busy.warnings);
}

#[test]
fn apple_across_both_dst_changes_and_floating_times() {
    let busy = busy_time(
        &fixture("apple.ics"),
        NY,
        t("2026-03-01T00:00:00Z"),
        t("2026-12-31T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(
        local(&busy.intervals),
        vec![
            // Daily at 08:30 local across the March change (Mar 8): the wall time holds.
            "Fri Mar 06 08:30-Fri Mar 06 09:30",
            "Sat Mar 07 08:30-Sat Mar 07 09:30",
            "Sun Mar 08 08:30-Sun Mar 08 09:30",
            "Mon Mar 09 08:30-Mon Mar 09 09:30",
            "Tue Mar 10 08:30-Tue Mar 10 09:30",
            // And across the November change (Nov 1), with DURATION instead of DTEND.
            "Fri Oct 30 16:00-Fri Oct 30 17:00",
            "Sat Oct 31 16:00-Sat Oct 31 17:00",
            "Sun Nov 01 16:00-Sun Nov 01 17:00",
            "Mon Nov 02 16:00-Mon Nov 02 17:00",
            // Floating time: the business's own zone; RDATE adds an instance.
            "Wed Dec 02 12:00-Wed Dec 02 13:00",
            "Wed Dec 09 12:00-Wed Dec 09 13:00",
        ]
    );
    // The UTC offsets really differ either side of each change.
    let starts: Vec<String> = busy
        .intervals
        .iter()
        .map(|i| {
            DateTime::<Utc>::from_timestamp_millis(i.start)
                .unwrap()
                .format("%H:%M")
                .to_string()
        })
        .collect();
    assert_eq!(&starts[1..3], &["13:30", "12:30"]);
    assert_eq!(&starts[6..8], &["20:00", "21:00"]);
}

#[test]
fn bad_feeds_are_errors_not_panics() {
    let (from, to) = (t("2026-11-27T00:00:00Z"), t("2027-01-01T00:00:00Z"));
    assert!(matches!(
        busy_time(&fixture("not-ics.html"), NY, from, to),
        Err(IcsError::NotIcs(_))
    ));
    assert!(matches!(
        busy_time(&fixture("truncated.ics"), NY, from, to),
        Err(IcsError::Parse(_))
    ));
    assert!(matches!(
        busy_time("", NY, from, to),
        Err(IcsError::NotIcs(_))
    ));
    assert!(busy_time(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        NY,
        from,
        to
    )
    .is_ok());
}

#[test]
fn a_rule_that_never_ends_is_capped() {
    let from = t("2026-12-01T05:00:00Z");
    let busy = busy_time(
        &fixture("never-ends.ics"),
        NY,
        from,
        t("2026-12-15T05:00:00Z"),
    )
    .unwrap();
    // Daily since 2020 with no end: expanded only inside the window (14 mornings).
    let shown = local(&busy.intervals);
    assert_eq!(shown.len(), 14, "{shown:?}");
    assert_eq!(shown[0], "Tue Dec 01 07:00-Tue Dec 01 07:30");
    // A minutely rule is refused with a warning, not expanded for years.
    assert!(
        busy.warnings
            .iter()
            .any(|w| w.contains("every second or minute")),
        "{:?}",
        busy.warnings
    );
}

/// `RDATE;VALUE=PERIOD` (start/end and start/duration) is busy for each period's own length,
/// beside the event's own time; an unreadable period is skipped with a warning, not silently.
#[test]
fn rdate_periods_are_busy_for_their_own_length() {
    let feed = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:p1\r\n\
DTSTAMP:20261201T000000Z\r\nDTSTART:20261201T150000Z\r\nDTEND:20261201T160000Z\r\n\
RDATE;VALUE=PERIOD:20261203T150000Z/20261203T183000Z,20261208T140000Z/PT45M\r\n\
RDATE;VALUE=PERIOD:20261210T150000Z/soon\r\nSUMMARY:Jobs\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let busy = busy_time(
        feed,
        NY,
        t("2026-11-30T00:00:00Z"),
        t("2026-12-31T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(
        local(&busy.intervals),
        vec![
            "Tue Dec 01 10:00-Tue Dec 01 11:00",
            "Thu Dec 03 10:00-Thu Dec 03 13:30",
            "Tue Dec 08 09:00-Tue Dec 08 09:45",
        ]
    );
    assert!(
        busy.warnings
            .iter()
            .any(|w| w.contains("20261210T150000Z/soon")),
        "{:?}",
        busy.warnings
    );
}

/// Floating times in a feed that names its zone (`X-WR-TIMEZONE`, as Google and Apple write) are
/// read in that zone, not the business's.
#[test]
fn floating_times_follow_the_feeds_own_zone() {
    let feed = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nX-WR-TIMEZONE:America/Los_Angeles\r\n\
BEGIN:VEVENT\r\nUID:f1\r\nDTSTAMP:20261201T000000Z\r\nDTSTART:20261202T090000\r\n\
DTEND:20261202T100000\r\nSUMMARY:Floating\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let busy = busy_time(
        feed,
        NY,
        t("2026-11-30T00:00:00Z"),
        t("2026-12-31T00:00:00Z"),
    )
    .unwrap();
    // 09:00 in Los Angeles is 12:00 in New York.
    assert_eq!(
        local(&busy.intervals),
        vec!["Wed Dec 02 12:00-Wed Dec 02 13:00"]
    );
    // Without it, the business's zone.
    let plain = feed.replace("X-WR-TIMEZONE:America/Los_Angeles\r\n", "");
    let busy = busy_time(
        &plain,
        NY,
        t("2026-11-30T00:00:00Z"),
        t("2026-12-31T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(
        local(&busy.intervals),
        vec!["Wed Dec 02 09:00-Wed Dec 02 10:00"]
    );
}
