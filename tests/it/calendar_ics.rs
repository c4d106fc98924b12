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

pub(crate) fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// Each interval in New York time: "Tue Dec 01 10:00-11:30".
pub(crate) fn local(intervals: &[Interval]) -> Vec<String> {
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

pub(crate) fn read(feed: &str, from: &str, to: &str) -> frontdesk::calendar::ics::BusyTime {
    busy_time(feed, NY, t(from), t(to)).unwrap()
}

pub(crate) fn cal(body: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n")
}

/// A VTIMEZONE whose name is neither IANA nor Windows is read from its own definition: a fixed
/// offset (Outlook's localized names) and a zone with its own daylight-saving rules.
#[test]
fn zones_defined_only_in_the_feed_use_their_own_offsets() {
    let feed = cal("BEGIN:VTIMEZONE\r\nTZID:(UTC-03:00) Brasília\r\nBEGIN:STANDARD\r\n\
DTSTART:16010101T000000\r\nTZOFFSETFROM:-0300\r\nTZOFFSETTO:-0300\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n\
BEGIN:VTIMEZONE\r\nTZID:UTC+11\r\nBEGIN:STANDARD\r\nDTSTART:19700405T030000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU\r\nTZOFFSETFROM:+1100\r\nTZOFFSETTO:+1000\r\nEND:STANDARD\r\n\
BEGIN:DAYLIGHT\r\nDTSTART:19701004T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU\r\n\
TZOFFSETFROM:+1000\r\nTZOFFSETTO:+1100\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n\
BEGIN:VEVENT\r\nUID:b1\r\nDTSTART;TZID=\"(UTC-03:00) Brasília\":20261202T100000\r\n\
DTEND;TZID=\"(UTC-03:00) Brasília\":20261202T110000\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:s1\r\nDTSTART;TZID=UTC+11:20261204T100000\r\nDTEND;TZID=UTC+11:20261204T120000\r\n\
RRULE:FREQ=WEEKLY;COUNT=2\r\nEND:VEVENT\r\n");
    let busy = read(&feed, "2026-11-30T00:00:00Z", "2026-12-31T00:00:00Z");
    assert!(busy.warnings.is_empty(), "{:?}", busy.warnings);
    assert_eq!(
        local(&busy.intervals),
        vec![
            // 10:00 at UTC-3 is 08:00 in New York.
            "Wed Dec 02 08:00-Wed Dec 02 09:00",
            // 10:00 in summer time at UTC+11 is 18:00 the day before in New York.
            "Thu Dec 03 18:00-Thu Dec 03 20:00",
            "Thu Dec 10 18:00-Thu Dec 10 20:00",
        ]
    );
}

/// A recurring all-day event is busy from local midnight to local midnight on every occurrence:
/// the fall-back Sunday is 25 hours, not 24 (no free hour at the end of it).
#[test]
fn recurring_all_day_events_follow_local_midnights_across_dst() {
    let feed = cal(
        "BEGIN:VEVENT\r\nUID:a1\r\nDTSTART;VALUE=DATE:20261025\r\nDTEND;VALUE=DATE:20261026\r\n\
RRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:Sundays off\r\nEND:VEVENT\r\n",
    );
    let busy = read(&feed, "2026-10-20T00:00:00Z", "2026-11-20T00:00:00Z");
    assert_eq!(
        local(&busy.intervals),
        vec![
            "Sun Oct 25 00:00-Mon Oct 26 00:00",
            "Sun Nov 01 00:00-Mon Nov 02 00:00",
            "Sun Nov 08 00:00-Mon Nov 09 00:00",
        ]
    );
    assert_eq!(
        busy.intervals[1].end - busy.intervals[1].start,
        25 * 3_600_000
    );
}

/// `RANGE=THISANDFUTURE` moves that instance and every later one, not just the one.
#[test]
fn this_and_future_overrides_move_every_later_instance() {
    let feed = cal("BEGIN:VEVENT\r\nUID:d1\r\nDTSTART;TZID=America/New_York:20261201T090000\r\n\
DTEND;TZID=America/New_York:20261201T100000\r\nRRULE:FREQ=DAILY;COUNT=5\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:d1\r\nRECURRENCE-ID;RANGE=THISANDFUTURE;TZID=America/New_York:20261203T090000\r\n\
DTSTART;TZID=America/New_York:20261203T140000\r\nDTEND;TZID=America/New_York:20261203T153000\r\nEND:VEVENT\r\n");
    let busy = read(&feed, "2026-11-30T00:00:00Z", "2026-12-31T00:00:00Z");
    assert_eq!(
        local(&busy.intervals),
        vec![
            "Tue Dec 01 09:00-Tue Dec 01 10:00",
            "Wed Dec 02 09:00-Wed Dec 02 10:00",
            "Thu Dec 03 14:00-Thu Dec 03 15:30",
            "Fri Dec 04 14:00-Fri Dec 04 15:30",
            "Sat Dec 05 14:00-Sat Dec 05 15:30",
        ]
    );
}

/// Several RRULEs on one event (RFC 2445 allowed it) count as their union.
#[test]
fn a_second_rrule_adds_its_occurrences() {
    let feed = cal(
        "BEGIN:VEVENT\r\nUID:r2\r\nDTSTART;TZID=America/New_York:20261130T080000\r\n\
DTEND;TZID=America/New_York:20261130T090000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=2\r\n\
RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=2\r\nEND:VEVENT\r\n",
    );
    let busy = read(&feed, "2026-11-29T00:00:00Z", "2026-12-31T00:00:00Z");
    assert_eq!(
        local(&busy.intervals),
        vec![
            "Mon Nov 30 08:00-Mon Nov 30 09:00",
            "Wed Dec 02 08:00-Wed Dec 02 09:00",
            "Mon Dec 07 08:00-Mon Dec 07 09:00",
            "Wed Dec 09 08:00-Wed Dec 09 09:00",
        ]
    );
}

/// The grammar slips real feeds carry cost a warning each, never the whole calendar: LF lines in a
/// CRLF file, a line without a colon, spaces around a property name, unquoted `;` and `:` in
/// parameters, a misspelled END, text after END:VCALENDAR.
#[test]
fn one_bad_line_does_not_cost_the_calendar() {
    let feed = "BEGIN:VCALENDAR\r\nVERSION:2.0\nPRODID:-//test//EN\r\n\
BEGIN:VEVENT\r\nUID:ok1\nDTSTART:20261202T150000Z\r\nDTEND:20261202T160000Z\r\n\
this line has no colon at all\r\nEND:VEVENTT\r\n\
BEGIN:VEVENT\r\nUID :ok2\r\nORGANIZER;CN=Doe; John;SENT-BY=mailto:a@b.example:mailto:c@d.example\r\n\
DTSTART :20261203T150000Z\r\nDTEND:20261203T170000Z\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\nthis was pasted after the end\r\nBEGIN:VEVENT\r\n";
    let busy = read(feed, "2026-11-30T00:00:00Z", "2026-12-31T00:00:00Z");
    assert_eq!(
        local(&busy.intervals),
        vec![
            "Wed Dec 02 10:00-Wed Dec 02 11:00",
            "Thu Dec 03 10:00-Thu Dec 03 12:00",
        ]
    );
    assert_eq!(busy.events, 2);
    let said = busy.warnings.join("; ");
    for w in ["without a ':'", "END line", "after END:VCALENDAR"] {
        assert!(said.contains(w), "{said}");
    }
}

/// Hostile shapes stay cheap and cannot take the server down: deep nesting (once a stack
/// overflow that aborted the process) and thousands of overrides of one event.
#[test]
fn hostile_feeds_are_bounded() {
    let mut deep = String::from("BEGIN:VCALENDAR\r\n");
    deep.push_str(&"BEGIN:X-DEEP\r\n".repeat(20_000));
    deep.push_str(&"BEGIN:VEVENT\r\nBEGIN:VALARM\r\n".repeat(20_000));
    deep.push_str("END:VCALENDAR\r\n");
    // Read on a small stack: recursion on the input's depth would overflow it.
    let busy = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            busy_time(
                &deep,
                NY,
                t("2026-11-30T00:00:00Z"),
                t("2026-12-31T00:00:00Z"),
            )
        })
        .unwrap()
        .join()
        .expect("no stack overflow")
        .unwrap();
    assert!(busy.intervals.is_empty());

    // One daily rule with an override for every one of 3,000 days (most outside the window).
    let mut feed = String::from(
        "BEGIN:VEVENT\r\nUID:many\r\nDTSTART:20200101T150000Z\r\nDTEND:20200101T160000Z\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n",
    );
    let day0 = t("2020-01-01T15:00:00Z");
    for d in 0..3000 {
        let orig = day0 + chrono::Duration::days(d);
        let moved = orig + chrono::Duration::hours(2);
        feed.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:many\r\nRECURRENCE-ID:{}\r\nDTSTART:{}\r\nDTEND:{}\r\nEND:VEVENT\r\n",
            orig.format("%Y%m%dT%H%M%SZ"),
            moved.format("%Y%m%dT%H%M%SZ"),
            (moved + chrono::Duration::hours(1)).format("%Y%m%dT%H%M%SZ"),
        ));
    }
    let busy = read(&cal(&feed), "2026-12-01T05:00:00Z", "2026-12-03T05:00:00Z");
    // Every instance in the window is the moved one (12:00-13:00 New York), none twice.
    assert_eq!(
        local(&busy.intervals),
        vec![
            "Tue Dec 01 12:00-Tue Dec 01 13:00",
            "Wed Dec 02 12:00-Wed Dec 02 13:00",
        ]
    );
}

/// An edit written as a second copy of the event (same UID, higher SEQUENCE) replaces it; the
/// old copy's times are not busy as well.
#[test]
fn a_newer_copy_of_an_event_replaces_the_older() {
    let feed = cal("BEGIN:VEVENT\r\nUID:e1\r\nSEQUENCE:1\r\nDTSTART:20261202T150000Z\r\nDTEND:20261202T160000Z\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:e1\r\nSEQUENCE:2\r\nDTSTART:20261203T150000Z\r\nDTEND:20261203T160000Z\r\nEND:VEVENT\r\n");
    let busy = read(&feed, "2026-11-30T00:00:00Z", "2026-12-31T00:00:00Z");
    assert_eq!(
        local(&busy.intervals),
        vec!["Thu Dec 03 10:00-Thu Dec 03 11:00"]
    );
}
