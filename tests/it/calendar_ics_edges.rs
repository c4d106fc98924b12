//! Feeds that bend RFC 5545 the way real calendars do, read as the reference expander
//! (`recurring-ical-events`, see scripts/ics-conformance) and the owner's calendar app read them.
//! Each case stands for one class of difference the conformance run found.

use super::calendar_ics::{cal, local, read};

/// A zone defined only in the feed whose observance starts on a date (`DTSTART;VALUE=DATE`), as
/// some writers put a fixed-offset zone: its offset still counts (it was read as the business's
/// zone, hours off).
#[test]
fn a_feed_zone_whose_observance_starts_on_a_date() {
    let feed = cal("BEGIN:VTIMEZONE\r\nTZID:GMT+10 fixed\r\nBEGIN:STANDARD\r\n\
DTSTART;VALUE=DATE:20200101\r\nTZOFFSETFROM:+1000\r\nTZOFFSETTO:+1000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n\
BEGIN:VEVENT\r\nUID:z1\r\nDTSTART;TZID=GMT+10 fixed:20261203T220000\r\n\
DTEND;TZID=GMT+10 fixed:20261203T233000\r\nEND:VEVENT\r\n");
    let busy = read(&feed, "2026-11-30T00:00:00Z", "2026-12-31T00:00:00Z");
    assert!(busy.warnings.is_empty(), "{:?}", busy.warnings);
    // 22:00 at UTC+10 is 12:00 UTC, 07:00 in New York.
    assert_eq!(
        local(&busy.intervals),
        vec!["Thu Dec 03 07:00-Thu Dec 03 08:30"]
    );
}

/// DTEND before DTSTART breaks the RFC, but the owner did block that stretch: it is busy from
/// DTEND to DTSTART (the reference swaps them too), for a single event and every occurrence of a
/// recurring one.
#[test]
fn an_end_before_the_start_is_read_swapped() {
    let feed = cal(
        "BEGIN:VEVENT\r\nUID:w1\r\nDTSTART;TZID=America/New_York:20261202T093000\r\n\
DTEND;TZID=America/New_York:20261202T090000\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:w2\r\nDTSTART;TZID=America/New_York:20261207T150000\r\n\
DTEND;TZID=America/New_York:20261207T140000\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\nEND:VEVENT\r\n",
    );
    let busy = read(&feed, "2026-11-30T00:00:00Z", "2026-12-31T00:00:00Z");
    assert_eq!(
        local(&busy.intervals),
        vec![
            "Wed Dec 02 09:00-Wed Dec 02 09:30",
            "Mon Dec 07 14:00-Mon Dec 07 15:00",
            "Mon Dec 14 14:00-Mon Dec 14 15:00",
        ]
    );
}

/// A date in the RDATE or EXDATE of a timed event means that day where the event is (here UTC),
/// not the business's day: a `VALUE=PERIOD` of two dates is that UTC day, and an EXDATE date takes
/// out the occurrence on that day whatever its time.
#[test]
fn dates_in_a_timed_events_lists_are_days_where_the_event_is() {
    let feed = cal("BEGIN:VEVENT\r\nUID:p1\r\nDTSTART:20261201T180000Z\r\n\
RDATE;VALUE=PERIOD:20261202/20261203\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:x1\r\nDTSTART;TZID=America/New_York:20261207T100000\r\n\
DTEND;TZID=America/New_York:20261207T110000\r\nRRULE:FREQ=DAILY;COUNT=3\r\n\
EXDATE;VALUE=DATE:20261208\r\nEND:VEVENT\r\n");
    let busy = read(&feed, "2026-11-30T00:00:00Z", "2026-12-31T00:00:00Z");
    assert_eq!(
        local(&busy.intervals),
        vec![
            // Dec 2 00:00 to Dec 3 00:00 UTC.
            "Tue Dec 01 19:00-Wed Dec 02 19:00",
            "Mon Dec 07 10:00-Mon Dec 07 11:00",
            "Wed Dec 09 10:00-Wed Dec 09 11:00",
        ]
    );
}

/// A moved occurrence that the series' current copy has since deleted (EXDATE) is not busy: some
/// clients leave the override behind when the owner deletes it.
#[test]
fn an_override_the_series_deletes_is_not_busy() {
    let feed = cal("BEGIN:VEVENT\r\nUID:o1\r\nSEQUENCE:1\r\nDTSTART;VALUE=DATE:20261201\r\n\
DTEND;VALUE=DATE:20261202\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:o1\r\nRECURRENCE-ID;VALUE=DATE:20261208\r\nSEQUENCE:1\r\n\
DTSTART;VALUE=DATE:20261210\r\nDTEND;VALUE=DATE:20261211\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:o1\r\nSEQUENCE:2\r\nDTSTART;VALUE=DATE:20261201\r\n\
DTEND;VALUE=DATE:20261202\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEXDATE;VALUE=DATE:20261208\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:kept\r\nDTSTART:20261220T150000Z\r\nDTEND:20261220T160000Z\r\nRRULE:FREQ=DAILY;COUNT=2\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:kept\r\nRECURRENCE-ID:20261221T150000Z\r\nDTSTART:20261221T170000Z\r\n\
DTEND:20261221T180000Z\r\nEND:VEVENT\r\n");
    let busy = read(&feed, "2026-11-30T00:00:00Z", "2026-12-31T00:00:00Z");
    assert_eq!(
        local(&busy.intervals),
        vec![
            "Tue Dec 01 00:00-Wed Dec 02 00:00",
            "Tue Dec 15 00:00-Wed Dec 16 00:00",
            // An ordinary override still moves its instance.
            "Sun Dec 20 10:00-Sun Dec 20 11:00",
            "Mon Dec 21 12:00-Mon Dec 21 13:00",
        ]
    );
}

/// An override carrying a rule of its own, older than the series, for an instance the series no
/// longer has (it was cut short since) is a leftover, not busy time. A current one still counts.
#[test]
fn a_leftover_override_of_an_instance_the_series_lost_is_not_busy() {
    let series = "BEGIN:VEVENT\r\nUID:l1\r\nSEQUENCE:2\r\nDTSTART;VALUE=DATE:20261130\r\n\
DTEND;VALUE=DATE:20261201\r\nRRULE:FREQ=WEEKLY;UNTIL=20261208\r\nEND:VEVENT\r\n";
    let leftover = |sequence: u32| {
        format!(
            "BEGIN:VEVENT\r\nUID:l1\r\nSEQUENCE:{sequence}\r\nRECURRENCE-ID;VALUE=DATE:20261214\r\n\
DTSTART;VALUE=DATE:20261214\r\nDTEND;VALUE=DATE:20261216\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\nEND:VEVENT\r\n"
        )
    };
    let old = read(
        &cal(&format!("{}{series}", leftover(1))),
        "2026-11-29T00:00:00Z",
        "2026-12-31T00:00:00Z",
    );
    assert_eq!(
        local(&old.intervals),
        vec![
            "Mon Nov 30 00:00-Tue Dec 01 00:00",
            "Mon Dec 07 00:00-Tue Dec 08 00:00",
        ]
    );
    let current = read(
        &cal(&format!("{}{series}", leftover(2))),
        "2026-11-29T00:00:00Z",
        "2026-12-31T00:00:00Z",
    );
    assert_eq!(
        current.intervals.len(),
        3,
        "{:?}",
        local(&current.intervals)
    );
}

/// Lengths far out of range (a DURATION of 10^18 weeks, a DTEND ten millennia on, an RDATE period
/// as long) are read as unreadable or as long as any window, never a panic.
#[test]
fn absurd_lengths_do_not_panic() {
    let feed = cal("BEGIN:VEVENT\r\nUID:d1\r\nDTSTART:20261202T150000Z\r\n\
DURATION:P999999999999999999W\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:d2\r\nDTSTART:00010101T000000Z\r\nDTEND:99991231T000000Z\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:d3\r\nDTSTART:20261203T150000Z\r\n\
RDATE;VALUE=PERIOD:20261203T150000Z/P99999999W\r\nEND:VEVENT\r\n");
    let busy = read(&feed, "2026-11-30T00:00:00Z", "2026-12-31T00:00:00Z");
    // The event that runs from year 1 to 9999 covers the whole window; the period runs on as long
    // as any busy time may (a century).
    assert_eq!(busy.intervals.len(), 1);
    assert!(
        busy.intervals[0].start
            <= super::calendar_ics::t("2026-11-30T00:00:00Z").timestamp_millis()
    );
    assert!(
        busy.intervals[0].end >= super::calendar_ics::t("2126-01-01T00:00:00Z").timestamp_millis()
    );
}
