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

/// Rules that began long ago (an hourly job "since 1990", a standing meeting every 3 days since
/// 2001, a weekly one since 1995 in the feed's own zone) yield the same times this month as a
/// rule that began last week: the expander starts near the window, keeping each rule's phase.
#[test]
fn rules_begun_long_ago_keep_their_times() {
    let feed = cal("BEGIN:VTIMEZONE\r\nTZID:Office time\r\nBEGIN:STANDARD\r\n\
DTSTART:19701101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\n\
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\n\
DTSTART:19700308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n\
BEGIN:VEVENT\r\nUID:h1\r\nDTSTART:19900101T060000Z\r\n\
DTEND:19900101T061500Z\r\nRRULE:FREQ=HOURLY;INTERVAL=5\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:d3\r\nDTSTART:20010101T150000Z\r\nDTEND:20010101T160000Z\r\n\
RRULE:FREQ=DAILY;INTERVAL=3\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:w2\r\nDTSTART;TZID=Office time:19950104T120000\r\n\
DTEND;TZID=Office time:19950104T130000\r\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE\r\nEND:VEVENT\r\n");
    let busy = read(&feed, "2026-12-07T05:00:00Z", "2026-12-10T05:00:00Z");
    assert!(busy.warnings.is_empty(), "{:?}", busy.warnings);
    // Every 5 hours from 06:00 UTC on 1 Jan 1990: 323,735 hours later is 05:00 UTC on 7 Dec 2026
    // (00:00 in New York), a multiple of 5, so that day's are at 00:00, 05:00, 10:00 ... .
    // Every 3 days from 1 Jan 2001: 9,471 days later is 7 Dec 2026, 9,471 = 3 * 3,157: that day.
    // Every other Wednesday from 4 Jan 1995: 1,666 weeks later is Wed 9 Dec 2026, an even count.
    let times = local(&busy.intervals);
    let on = |day: &str| {
        times
            .iter()
            .filter(|t| t.starts_with(day))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(
        on("Mon Dec 07"),
        vec![
            "Mon Dec 07 00:00-Mon Dec 07 00:15",
            "Mon Dec 07 05:00-Mon Dec 07 05:15",
            "Mon Dec 07 10:00-Mon Dec 07 11:00",
            "Mon Dec 07 15:00-Mon Dec 07 15:15",
            "Mon Dec 07 20:00-Mon Dec 07 20:15",
        ]
    );
    assert!(
        on("Tue Dec 08").iter().all(|t| t.ends_with(":15")),
        "{times:?}"
    );
    assert!(
        on("Wed Dec 09").contains(&"Wed Dec 09 12:00-Wed Dec 09 13:00".to_string()),
        "{times:?}"
    );
}
