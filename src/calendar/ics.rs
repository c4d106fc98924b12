//! Turning an iCalendar feed into busy time: the intervals (UTC) an owner's calendar says they are
//! busy, within a window.
//!
//! Handled: `RRULE` expansion (capped at the window; several RRULEs on one event count as their
//! union) with `EXDATE`, `RDATE` (dates, date-times and `VALUE=PERIOD` start/end or
//! start/duration, each period its own length) and `RECURRENCE-ID` overrides (one instance, or
//! `RANGE=THISANDFUTURE`: that instance and every later one moved and resized); `TZID` with or
//! without `VTIMEZONE` (Windows names too; a name that is neither is read from the feed's own
//! `VTIMEZONE` definition); UTC and floating times (floating means the feed's `X-WR-TIMEZONE` when
//! it names a zone, as Google and Apple feeds do, else the business's zone); all-day events (busy
//! from local midnight to local midnight of each occurrence, across DST too);
//! `TRANSP:TRANSPARENT` (free); `STATUS:CANCELLED` (ignored); `DURATION` instead of `DTEND`.
//! Read as the reference expander `recurring-ical-events` reads them (scripts/ics-conformance):
//! a DTEND before DTSTART (the two swapped), dates in a timed event's RDATE/EXDATE (that day where
//! the event is), and overrides left behind by an older version of their series (not busy).
//! The text is read by the forgiving [`ics_read`] reader: a bad line costs a warning, not the feed.

use super::ics_read::{self, Component, Property};
use super::zones;
use super::Interval;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use std::collections::{HashMap, HashSet};

/// Occurrences expanded per recurring event at most (a rule that never ends stops at the window;
/// this bounds rules like FREQ=MINUTELY).
pub const MAX_OCCURRENCES: u16 = 10_000;

/// Busy intervals one feed may yield within the window at most (an hourly job all day for two
/// weeks is a few hundred).
pub const MAX_INTERVALS: usize = 50_000;

/// How long reading one feed may take before the rest of it is left out.
pub const TIME_BUDGET: std::time::Duration = std::time::Duration::from_secs(3);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IcsError {
    #[error("not an iCalendar file ({0})")]
    NotIcs(String),
    #[error("the iCalendar file does not parse: {0}")]
    Parse(String),
}

/// A feed's busy time within a window, sorted and merged.
#[derive(Debug, Clone, Default)]
pub struct BusyTime {
    pub intervals: Vec<Interval>,
    pub events: usize,
    /// Things we could read only approximately (an unknown zone, a rule we could not expand).
    pub warnings: Vec<String>,
}

/// A local time to an instant: the earlier of two in a DST fold; in a DST gap, read with the UTC
/// offset in force before the gap (RFC 5545, 3.3.5), so 02:30 on a spring-forward night is 03:30.
pub fn local_instant(tz: Tz, naive: NaiveDateTime) -> DateTime<Utc> {
    use chrono::Offset;
    match tz.from_local_datetime(&naive) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(a, _) => a.with_timezone(&Utc),
        chrono::LocalResult::None => {
            let offset = tz
                .from_local_datetime(&(naive - Duration::hours(3)))
                .earliest()
                .map(|t| t.offset().fix().local_minus_utc())
                .unwrap_or(0);
            Utc.from_utc_datetime(&(naive - Duration::seconds(i64::from(offset))))
        }
    }
}

/// A zone read from the feed's own `VTIMEZONE` (its STANDARD/DAYLIGHT offsets and rules), for
/// names that are neither IANA nor Windows ("UTC+11", "/Europe/CUSTOM", Outlook's localized
/// names). Transitions are worked out for the years around the window.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomZone {
    /// (local onset, offset from UTC in seconds from then on), sorted by onset.
    transitions: Vec<(NaiveDateTime, i32)>,
    /// The offset before the first transition.
    initial: i32,
}

/// An observance's onset: a local date-time, or a date (its midnight), as some writers put it
/// (`DTSTART;VALUE=DATE:20170101` in a fixed-offset zone).
fn onset_time(raw: &str) -> Option<NaiveDateTime> {
    let raw = raw.trim().trim_end_matches('Z');
    NaiveDateTime::parse_from_str(raw, "%Y%m%dT%H%M%S")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(raw, "%Y%m%d")
                .ok()?
                .and_hms_opt(0, 0, 0)
        })
}

/// `+hhmm`, `-hhmm` or `+hhmmss` as seconds east of UTC.
fn parse_offset(raw: &str) -> Option<i32> {
    let raw = raw.trim();
    let (sign, digits) = match raw.as_bytes().first()? {
        b'-' => (-1, &raw[1..]),
        b'+' => (1, &raw[1..]),
        _ => (1, raw),
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| digits.get(r).and_then(|d| d.parse::<i32>().ok());
    let secs = n(0..2)? * 3600 + n(2..4)? * 60 + n(4..6).unwrap_or(0);
    (secs < 24 * 3600).then_some(sign * secs)
}

impl CustomZone {
    /// Build from a VTIMEZONE; `None` when it has no readable observance.
    fn from_component(c: &Component, years: std::ops::RangeInclusive<i32>) -> Option<Self> {
        let mut transitions = Vec::new();
        let mut first: Option<(NaiveDateTime, i32)> = None;
        for obs in &c.children {
            if obs.name != "STANDARD" && obs.name != "DAYLIGHT" {
                continue;
            }
            let Some(to) = obs.get("TZOFFSETTO").and_then(|p| parse_offset(&p.value)) else {
                continue;
            };
            let from = obs
                .get("TZOFFSETFROM")
                .and_then(|p| parse_offset(&p.value))
                .unwrap_or(to);
            let Some(onset) = obs.get("DTSTART").and_then(|p| onset_time(&p.value)) else {
                continue;
            };
            if first.is_none_or(|(t, _)| onset < t) {
                first = Some((onset, from));
            }
            let mut onsets = vec![onset];
            for rule in obs.all("RRULE") {
                onsets.extend(naive_occurrences(onset, &rule.value, &years));
            }
            for rdate in obs.all("RDATE") {
                onsets.extend(rdate.value.split(',').filter_map(|v| {
                    NaiveDateTime::parse_from_str(v.trim().trim_end_matches('Z'), "%Y%m%dT%H%M%S")
                        .ok()
                }));
            }
            transitions.extend(onsets.into_iter().map(|t| (t, to)));
        }
        let (_, initial) = first?;
        transitions.sort();
        transitions.dedup();
        Some(Self {
            transitions,
            initial,
        })
    }

    fn offset_at(&self, local: NaiveDateTime) -> i32 {
        let at = self.transitions.partition_point(|(t, _)| *t <= local);
        if at == 0 {
            self.initial
        } else {
            self.transitions[at - 1].1
        }
    }

    fn instant(&self, local: NaiveDateTime) -> DateTime<Utc> {
        Utc.from_utc_datetime(&(local - Duration::seconds(i64::from(self.offset_at(local)))))
    }
}

/// The local times a rule yields from `start` within `years`, expanded as wall-clock times (the
/// rule is read as if local time were UTC, which is what "every second Sunday of March at 02:00"
/// means).
fn naive_occurrences(
    start: NaiveDateTime,
    rule: &str,
    years: &std::ops::RangeInclusive<i32>,
) -> Vec<NaiveDateTime> {
    let Some(from) = NaiveDate::from_ymd_opt(*years.start(), 1, 1) else {
        return Vec::new();
    };
    let Some(to) = NaiveDate::from_ymd_opt(*years.end() + 1, 1, 1) else {
        return Vec::new();
    };
    let from = from.and_hms_opt(0, 0, 0).expect("midnight");
    let to = to.and_hms_opt(0, 0, 0).expect("midnight");
    naive_between(start, rule, from, to, 400).unwrap_or_default()
}

/// Expand a rule over wall-clock times between `from` and `to` (at most `cap`).
fn naive_between(
    start: NaiveDateTime,
    rule: &str,
    from: NaiveDateTime,
    to: NaiveDateTime,
    cap: u16,
) -> Result<Vec<NaiveDateTime>, String> {
    plain_rule(rule)?;
    let as_utc = |n: NaiveDateTime| Utc.from_utc_datetime(&n).with_timezone(&rrule::Tz::UTC);
    let dtstart = as_utc(within_reach(start, rule, (from, to))?);
    let rule = normalise_until(rule, &dtstart);
    let parsed: rrule::RRule<rrule::Unvalidated> =
        rule.parse().map_err(|e: rrule::RRuleError| e.to_string())?;
    let set = parsed.build(dtstart).map_err(|e| e.to_string())?;
    Ok(set
        .after(as_utc(from))
        .before(as_utc(to))
        .all(cap)
        .dates
        .into_iter()
        .map(|d| d.naive_utc())
        .collect())
}

/// Where a local time is: a zone by name, or one defined in the feed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Zone<'z> {
    Named(Tz),
    Custom(&'z CustomZone),
}

impl Zone<'_> {
    fn instant(self, n: NaiveDateTime) -> DateTime<Utc> {
        match self {
            Zone::Named(tz) => local_instant(tz, n),
            Zone::Custom(z) => z.instant(n),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum When<'z> {
    Utc(DateTime<Utc>),
    Local(NaiveDateTime, Zone<'z>),
    Date(NaiveDate),
}

impl When<'_> {
    /// The instant this denotes; dates are local midnight in `tz`.
    fn instant(self, tz: Tz) -> DateTime<Utc> {
        match self {
            When::Utc(t) => t,
            When::Local(n, z) => z.instant(n),
            When::Date(d) => local_instant(tz, d.and_hms_opt(0, 0, 0).expect("midnight")),
        }
    }
}

/// Where an RDATE or EXDATE value of an event falls. A date in a timed event's list means that
/// day where the event is (its start's zone; RFC 5545 wants the list to have DTSTART's value type,
/// and readers such as `recurring-ical-events` read a stray date so), not the business's day.
fn instant_in(w: When<'_>, event: When<'_>, tz: Tz) -> DateTime<Utc> {
    let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).expect("midnight");
    match (w, event) {
        (When::Date(d), When::Utc(_)) => Utc.from_utc_datetime(&midnight(d)),
        (When::Date(d), When::Local(_, zone)) => zone.instant(midnight(d)),
        _ => w.instant(tz),
    }
}

/// The calendar day an occurrence starting at `s` falls on, where its event is.
fn day_of(s: DateTime<Utc>, event: When<'_>, tz: Tz) -> NaiveDate {
    match event {
        When::Utc(_) => s.date_naive(),
        When::Local(_, Zone::Named(z)) => s.with_timezone(&z).date_naive(),
        When::Local(_, Zone::Custom(c)) => {
            let utc = s.naive_utc();
            (utc + Duration::seconds(i64::from(c.offset_at(utc)))).date()
        }
        When::Date(_) => s.with_timezone(&tz).date_naive(),
    }
}

struct Ctx<'z> {
    default_tz: Tz,
    /// Where floating times are read: the feed's `X-WR-TIMEZONE`, else the business's zone.
    floating_tz: Tz,
    /// The feed's VTIMEZONEs by TZID: their X-LIC-LOCATION, and their own definition.
    vtimezones: HashMap<String, (Option<String>, Option<&'z CustomZone>)>,
    warnings: Vec<String>,
}

impl<'z> Ctx<'z> {
    fn warn(&mut self, w: String) {
        if !self.warnings.contains(&w) {
            self.warnings.push(w);
        }
    }

    fn zone(&mut self, tzid: &str) -> Zone<'z> {
        let (location, custom) = match self.vtimezones.get(tzid) {
            Some((l, c)) => (l.clone(), *c),
            None => (None, None),
        };
        if let Some(tz) = zones::resolve(tzid, location.as_deref()) {
            return Zone::Named(tz);
        }
        if let Some(c) = custom {
            return Zone::Custom(c);
        }
        self.warn(format!(
            "unknown time zone '{tzid}'; read as the business's own zone"
        ));
        Zone::Named(self.default_tz)
    }

    /// Parse one date or date-time value of a property.
    fn when(&mut self, raw: &str, tzid: Option<&str>, date_only: bool) -> Option<When<'z>> {
        let raw = raw.trim();
        if date_only || (raw.len() == 8 && raw.bytes().all(|b| b.is_ascii_digit())) {
            return NaiveDate::parse_from_str(raw, "%Y%m%d")
                .ok()
                .map(When::Date);
        }
        if let Some(utc) = raw.strip_suffix('Z').or_else(|| raw.strip_suffix('z')) {
            let n = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").ok()?;
            return Some(When::Utc(Utc.from_utc_datetime(&n)));
        }
        let n = NaiveDateTime::parse_from_str(raw, "%Y%m%dT%H%M%S").ok()?;
        let zone = match tzid {
            Some(id) => self.zone(id),
            None => Zone::Named(self.floating_tz),
        };
        Some(When::Local(n, zone))
    }

    fn prop_when(&mut self, p: &Property) -> Option<When<'z>> {
        let date_only = p
            .param("VALUE")
            .is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
        self.when(&p.value, p.param("TZID"), date_only)
    }

    /// `RDATE;VALUE=PERIOD` values ("start/end" or "start/duration"): each its own busy time.
    fn periods(&mut self, props: &[&Property], event: When<'_>) -> Vec<(DateTime<Utc>, Duration)> {
        let mut out = Vec::new();
        for p in props {
            let tzid = p.param("TZID");
            for v in p.value.split(',') {
                let Some((a, b)) = v.split_once('/') else {
                    continue;
                };
                let Some(start) = self.when(a, tzid, false) else {
                    self.warn(format!("an RDATE period '{v}' could not be read; skipped"));
                    continue;
                };
                let start = instant_in(start, event, self.default_tz);
                let length = if b.trim_start_matches(['+', '-']).starts_with('P') {
                    parse_duration(b)
                } else {
                    self.when(b, tzid, false)
                        .map(|end| instant_in(end, event, self.default_tz) - start)
                };
                match length {
                    Some(l) => out.push((start, l.max(Duration::zero()))),
                    None => self.warn(format!("an RDATE period '{v}' could not be read; skipped")),
                }
            }
        }
        out
    }

    /// Every value of a list property (EXDATE, RDATE) as instants.
    fn instants<'p>(
        &mut self,
        props: impl IntoIterator<Item = &'p Property>,
        event: When<'_>,
    ) -> Vec<i64> {
        let mut out = Vec::new();
        for p in props {
            let date_only = p
                .param("VALUE")
                .is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
            let tzid = p.param("TZID");
            for v in p.value.split(',') {
                if let Some(w) = self.when(v, tzid, date_only) {
                    out.push(instant_in(w, event, self.default_tz).timestamp_millis());
                }
            }
        }
        out
    }
}

/// ISO 8601 duration as used by iCalendar (`PT1H30M`, `P1D`, `P1W`).
fn parse_duration(raw: &str) -> Option<Duration> {
    let (neg, s) = match raw.trim().strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, raw.trim().strip_prefix('+').unwrap_or(raw.trim())),
    };
    let s = s.strip_prefix('P')?;
    let mut total = Duration::zero();
    let mut num = String::new();
    let mut in_time = false;
    for c in s.chars() {
        match c {
            'T' => in_time = true,
            '0'..='9' => num.push(c),
            _ => {
                let n: i64 = num.parse().ok()?;
                num.clear();
                // Out of range (P999999999999999999W) is unreadable, not a panic.
                let part = match (c, in_time) {
                    ('W', false) => Duration::try_weeks(n),
                    ('D', false) => Duration::try_days(n),
                    ('H', true) => Duration::try_hours(n),
                    ('M', true) => Duration::try_minutes(n),
                    ('S', true) => Duration::try_seconds(n),
                    _ => return None,
                }?;
                total = total.checked_add(&part)?;
            }
        }
    }
    Some(if neg { -total } else { total })
}

/// Instances a `RECURRENCE-ID` override replaces, per UID.
#[derive(Default)]
struct Overrides {
    /// Single instances (by their original start) that an override stands in for.
    single: HashSet<i64>,
    /// `RANGE=THISANDFUTURE` overrides, sorted by the original start they apply from.
    future: Vec<FromHereOn>,
}

/// From the instance starting at `from_ms` on, instances move by `shift` and last `length`, or
/// are free when the override is cancelled or transparent.
#[derive(Clone, Copy)]
struct FromHereOn {
    from_ms: i64,
    shift: Duration,
    length: Duration,
    free: bool,
}

/// Read a feed's busy time within `[from, to)`.
///
/// Bounded whatever the feed holds: reading is linear in its size, each recurring event yields at
/// most [`MAX_OCCURRENCES`] times, the feed at most [`MAX_INTERVALS`] busy intervals, and reading
/// stops after [`TIME_BUDGET`] (each limit says so in the warnings).
pub fn busy_time(
    text: &str,
    default_tz: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<BusyTime, IcsError> {
    let started = std::time::Instant::now();
    let head = text.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with('<') {
        return Err(IcsError::NotIcs("it looks like an HTML page".into()));
    }
    if !head
        .get(..15)
        .is_some_and(|h| h.eq_ignore_ascii_case("BEGIN:VCALENDAR"))
    {
        return Err(IcsError::NotIcs(
            "it does not start with BEGIN:VCALENDAR".into(),
        ));
    }
    // A download cut off mid-way must not replace the last good copy; a file whose last line is
    // some END (a misspelled END:VCALENDAR) is complete.
    let last_line = head.trim_end().lines().last().unwrap_or("").trim();
    if !text.to_ascii_uppercase().contains("END:VCALENDAR")
        && !last_line.to_ascii_uppercase().starts_with("END")
    {
        return Err(IcsError::Parse(
            "the file is truncated (no END:VCALENDAR)".into(),
        ));
    }
    let read = ics_read::read(head);

    let years = (from.year() - 1)..=(to.year() + 1);
    let mut customs: HashMap<String, CustomZone> = HashMap::new();
    let mut locations: HashMap<String, Option<String>> = HashMap::new();
    for c in read.components.iter().filter(|c| c.name == "VTIMEZONE") {
        let Some(id) = c.get("TZID") else { continue };
        let id = id.value.trim().to_string();
        locations.insert(id.clone(), c.get("X-LIC-LOCATION").map(|l| l.value.clone()));
        if let Some(z) = CustomZone::from_component(c, years.clone()) {
            customs.insert(id, z);
        }
    }
    let vtimezones = locations
        .into_iter()
        .map(|(id, loc)| {
            let custom = customs.get(&id);
            (id, (loc, custom))
        })
        .collect();
    // Google and Apple name the calendar's zone once, for its floating times.
    let floating_tz = read
        .calendar_props
        .iter()
        .find(|p| p.name == "X-WR-TIMEZONE")
        .and_then(|p| zones::resolve(p.value.trim(), None))
        .unwrap_or(default_tz);
    let mut ctx = Ctx {
        default_tz,
        floating_tz,
        vtimezones,
        warnings: read.warnings.clone(),
    };
    let events: Vec<&Component> = read
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();

    // Overridden instances per UID, indexed so that checking an occurrence costs the same however
    // many overrides an event has.
    let mut overrides: HashMap<&str, Overrides> = HashMap::new();
    for e in &events {
        let (Some(uid), Some(rid)) = (e.get("UID"), e.get("RECURRENCE-ID")) else {
            continue;
        };
        let Some(w) = ctx.prop_when(rid) else {
            continue;
        };
        let original = w.instant(default_tz);
        let entry = overrides.entry(uid.value.as_str()).or_default();
        entry.single.insert(original.timestamp_millis());
        if rid
            .param("RANGE")
            .is_some_and(|r| r.eq_ignore_ascii_case("THISANDFUTURE"))
        {
            let Some(start) = e.get("DTSTART").and_then(|p| ctx.prop_when(p)) else {
                continue;
            };
            let length = event_length(&mut ctx, e, start).length;
            let free = is_free(e);
            entry.future.push(FromHereOn {
                from_ms: original.timestamp_millis(),
                shift: start.instant(default_tz) - original,
                length,
                free,
            });
        }
    }
    for o in overrides.values_mut() {
        o.future.sort_by_key(|f| f.from_ms);
    }

    // A feed may carry an event twice under one UID (an edit written as a new copy): the copy
    // with the highest SEQUENCE (the first, when they tie) is the event.
    let mut current: HashMap<&str, (i64, usize)> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        if e.get("RECURRENCE-ID").is_some() {
            continue;
        }
        let Some(uid) = e.get("UID") else { continue };
        let seq = e
            .get("SEQUENCE")
            .and_then(|p| p.value.trim().parse::<i64>().ok())
            .unwrap_or(0);
        let slot = current.entry(uid.value.as_str()).or_insert((seq, i));
        if seq > slot.0 {
            *slot = (seq, i);
        }
    }
    let superseded = |i: usize, e: &Component| {
        e.get("RECURRENCE-ID").is_none()
            && e.get("UID")
                .and_then(|u| current.get(u.value.as_str()))
                .is_some_and(|(_, keep)| *keep != i)
    };

    let (from_ms, to_ms) = (from.timestamp_millis(), to.timestamp_millis());
    let mut intervals = Vec::new();
    // Each series' EXDATEs, read once however many overrides it has.
    let mut exdates: HashMap<usize, Exdates> = HashMap::new();
    for (read_events, e) in events.iter().enumerate() {
        if intervals.len() >= MAX_INTERVALS {
            ctx.warn(format!("the feed has more than {MAX_INTERVALS} busy times in the window; the rest were not read"));
            break;
        }
        if started.elapsed() > TIME_BUDGET {
            ctx.warn(format!(
                "the feed took too long to read; only its first {read_events} events count"
            ));
            break;
        }
        if superseded(read_events, e) {
            continue;
        }
        let is_override = e.get("RECURRENCE-ID").is_some();
        let cancelled = e
            .get("STATUS")
            .is_some_and(|s| s.value.trim().eq_ignore_ascii_case("CANCELLED"));
        let Some(start_prop) = e.get("DTSTART") else {
            ctx.warn("an event without DTSTART was skipped".into());
            continue;
        };
        let Some(start) = ctx.prop_when(start_prop) else {
            ctx.warn(format!(
                "an event with an unreadable DTSTART '{}' was skipped",
                start_prop.value
            ));
            continue;
        };
        let length = event_length(&mut ctx, e, start);
        if is_override {
            // An override stands for itself; cancelled or transparent overrides free their slot.
            let master = e
                .get("UID")
                .and_then(|u| current.get(u.value.as_str()))
                .map(|(_, i)| (*i, events[*i]));
            let stale = master.is_some_and(|m| stale_override(&mut ctx, e, m, &mut exdates));
            if !is_free(e) && !stale {
                let s = start.instant(default_tz);
                push(&mut intervals, s, length.at(s, default_tz), from_ms, to_ms);
            }
            continue;
        }
        if cancelled {
            continue;
        }
        let moved = e.get("UID").and_then(|u| overrides.get(u.value.as_str()));
        let excluded: HashSet<i64> = ctx.instants(e.all("EXDATE"), start).into_iter().collect();
        // An EXDATE date on a timed event takes out whatever occurrence falls on that day.
        let excluded_days = exdate_days(e, start);
        let is_excluded = |s: DateTime<Utc>| {
            excluded.contains(&s.timestamp_millis())
                || (!excluded_days.is_empty()
                    && excluded_days.contains(&day_of(s, start, default_tz)))
        };
        let mut starts: Vec<DateTime<Utc>> = Vec::new();
        let rules: Vec<&Property> = e.all("RRULE").collect();
        if rules.is_empty() {
            starts.push(start.instant(default_tz));
        }
        // RFC 2445 allowed several RRULEs; real feeds still carry them: their union counts.
        let (earliest, latest) = (from - length.longest(), to + length.longest());
        for rule in rules {
            match expand(start, &rule.value, default_tz, earliest, latest) {
                Ok(list) => starts.extend(list),
                Err(msg) => {
                    ctx.warn(format!(
                        "a recurrence rule could not be read ({msg}); only its first time counts"
                    ));
                    starts.push(start.instant(default_tz));
                }
            }
        }
        let (period_props, date_props): (Vec<&Property>, Vec<&Property>) =
            e.all("RDATE").partition(|p| {
                p.param("VALUE")
                    .is_some_and(|v| v.eq_ignore_ascii_case("PERIOD"))
                    || p.value.contains('/')
            });
        for r in ctx.instants(date_props, start) {
            starts.push(DateTime::<Utc>::from_timestamp_millis(r).unwrap_or_default());
        }
        let periods = ctx.periods(&period_props, start);
        if is_free(e) {
            continue;
        }
        for (s, l) in periods {
            if !is_excluded(s) {
                push(&mut intervals, s, l, from_ms, to_ms);
            }
        }
        starts.sort();
        starts.dedup();
        for s in starts {
            let ms = s.timestamp_millis();
            if is_excluded(s) {
                continue;
            }
            let Some(o) = moved else {
                push(&mut intervals, s, length.at(s, default_tz), from_ms, to_ms);
                continue;
            };
            if o.single.contains(&ms) {
                continue;
            }
            let later = o.future.partition_point(|f| f.from_ms <= ms);
            match later.checked_sub(1).map(|i| o.future[i]) {
                Some(f) if f.free => {}
                Some(f) => push(&mut intervals, s + f.shift, f.length, from_ms, to_ms),
                None => push(&mut intervals, s, length.at(s, default_tz), from_ms, to_ms),
            }
        }
    }
    Ok(BusyTime {
        intervals: super::merge(intervals),
        events: events.len(),
        warnings: ctx.warnings,
    })
}

/// The days a timed event's date EXDATEs take out (whatever occurrence falls on them); none for an
/// all-day event, whose date EXDATEs are its occurrences' own starts.
fn exdate_days(e: &Component, start: When<'_>) -> HashSet<NaiveDate> {
    match start {
        When::Date(_) => HashSet::new(),
        _ => e
            .all("EXDATE")
            .flat_map(|p| p.value.split(','))
            .filter_map(|v| NaiveDate::parse_from_str(v.trim(), "%Y%m%d").ok())
            .collect(),
    }
}

/// A series' EXDATEs: instants, and for a timed series the days a date value takes out.
#[derive(Default)]
struct Exdates {
    instants: HashSet<i64>,
    days: HashSet<NaiveDate>,
}

/// Whether an override is left over from an older version of its series (`key` is the series'
/// current copy's index, `master` that copy), so that the series as
/// it is now does not have it (what the owner's calendar app shows, and `recurring-ical-events`
/// reads alike):
/// - the series' current copy takes the instance out with an EXDATE: the owner deleted the moved
///   occurrence and the client left the override behind;
/// - the override carries a rule of its own, an older SEQUENCE than the series, and the series'
///   rules no longer yield the instance it stood for (the series was cut short since).
fn stale_override(
    ctx: &mut Ctx<'_>,
    e: &Component,
    (key, master): (usize, &Component),
    cache: &mut HashMap<usize, Exdates>,
) -> bool {
    let tz = ctx.default_tz;
    let Some(original) = e.get("RECURRENCE-ID").and_then(|p| ctx.prop_when(p)) else {
        return false;
    };
    let Some(mstart) = master.get("DTSTART").and_then(|p| ctx.prop_when(p)) else {
        return false;
    };
    let original = instant_in(original, mstart, tz);
    let ex = cache.entry(key).or_insert_with(|| Exdates {
        instants: ctx
            .instants(master.all("EXDATE"), mstart)
            .into_iter()
            .collect(),
        days: exdate_days(master, mstart),
    });
    if ex.instants.contains(&original.timestamp_millis())
        || ex.days.contains(&day_of(original, mstart, tz))
    {
        return true;
    }
    let sequence = |c: &Component| {
        c.get("SEQUENCE")
            .and_then(|p| p.value.trim().parse::<i64>().ok())
            .unwrap_or(0)
    };
    if e.get("RRULE").is_none() || sequence(e) >= sequence(master) {
        return false;
    }
    let rules: Vec<&Property> = master.all("RRULE").collect();
    if rules.is_empty() {
        return original != mstart.instant(tz);
    }
    let near = Duration::minutes(1);
    !rules.iter().any(|r| {
        expand(mstart, &r.value, tz, original - near, original + near)
            .map_or(true, |list| list.contains(&original))
    })
}

/// Cancelled or transparent: takes no time.
fn is_free(e: &Component) -> bool {
    let has = |name: &str, value: &str| {
        e.get(name)
            .is_some_and(|s| s.value.trim().eq_ignore_ascii_case(value))
    };
    has("STATUS", "CANCELLED") || has("TRANSP", "TRANSPARENT")
}

/// How long each occurrence lasts: a fixed length, or for all-day events a number of local days
/// (so a recurring all-day event is midnight to midnight on every occurrence, across DST too).
#[derive(Debug, Clone, Copy)]
struct Length {
    /// Negative when DTEND is before DTSTART (see [`event_length`]).
    length: Duration,
    days: Option<i32>,
}

impl Length {
    fn at(self, start: DateTime<Utc>, tz: Tz) -> Duration {
        match self.days {
            Some(days) => {
                let day = start.with_timezone(&tz).date_naive() + Duration::days(i64::from(days));
                local_instant(tz, day.and_hms_opt(0, 0, 0).expect("midnight")) - start
            }
            None => self.length,
        }
    }
    /// An upper bound on how far any occurrence reaches from its start, either way (an hour more
    /// for a DST day).
    fn longest(self) -> Duration {
        self.length.abs() + Duration::hours(i64::from(self.days.is_some()))
    }
}

/// How long an event lasts: DTEND - DTSTART, or DURATION, or a day for dates and zero otherwise.
/// All-day events are measured in local days, so a DST change does not shorten them.
///
/// A DTEND before DTSTART breaks RFC 5545 (3.8.2.2: DTEND must be later), but the owner did mark
/// that stretch of time: the two are read swapped, as `recurring-ical-events` does, so the length
/// comes out negative and [`push`] counts the time from DTEND to DTSTART. Dropping the event
/// would offer callers a time the owner blocked. A negative DURATION stays nothing.
fn event_length(ctx: &mut Ctx<'_>, e: &Component, start: When<'_>) -> Length {
    let fixed = |length: Duration| Length {
        length: length.clamp(-century(), century()),
        days: None,
    };
    let days = |n: i64| {
        let n = n.clamp(-3660, 3660);
        Length {
            length: Duration::days(n),
            days: Some(i32::try_from(n).unwrap_or(0)),
        }
    };
    if let Some(end) = e.get("DTEND").and_then(|p| ctx.prop_when(p)) {
        return match (start, end) {
            (When::Date(a), When::Date(b)) => days((b - a).num_days()),
            _ => fixed(end.instant(ctx.default_tz) - start.instant(ctx.default_tz)),
        };
    }
    if let Some(d) = e
        .get("DURATION")
        .and_then(|p| parse_duration(&p.value))
        .map(|d| d.max(Duration::zero()))
    {
        let whole_days = d.num_seconds() % 86_400 == 0;
        return match start {
            When::Date(_) if whole_days => days(d.num_days()),
            _ => fixed(d),
        };
    }
    match start {
        When::Date(_) => days(1),
        _ => fixed(Duration::zero()),
    }
}

/// The longest any busy time is counted: longer than any window is read over, and it keeps the
/// arithmetic on instants far from chrono's limits whatever DTEND, DURATION or a period says.
fn century() -> Duration {
    Duration::days(36_600)
}

/// Count `length` from `start` (back from it when negative: a DTEND before DTSTART).
fn push(out: &mut Vec<Interval>, start: DateTime<Utc>, length: Duration, from_ms: i64, to_ms: i64) {
    let length = length.clamp(-century(), century());
    let (a, b) = (
        start.timestamp_millis(),
        start.timestamp_millis() + length.num_milliseconds(),
    );
    let (s, e) = (a.min(b), a.max(b));
    if e > from_ms && s < to_ms && e > s {
        out.push(Interval { start: s, end: e });
    }
}

/// An RRULE is plain ASCII (RFC 5545); anything else is refused before the rule parser sees it
/// (it slices by bytes and panics inside a multi-byte character, as in a `BYDAY` of a Greek
/// letter and a "U": found by fuzzing a feed).
fn plain_rule(rule: &str) -> Result<(), String> {
    if rule.is_ascii() {
        Ok(())
    } else {
        Err("the recurrence rule is not plain ASCII".into())
    }
}

/// Expand an RRULE from its DTSTART within `[from, to]`.
fn expand(
    start: When<'_>,
    rule: &str,
    default_tz: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, String> {
    plain_rule(rule)?;
    let window = (from.naive_utc(), to.naive_utc());
    let dtstart = match start {
        When::Utc(t) => Utc
            .from_utc_datetime(&within_reach(t.naive_utc(), rule, window)?)
            .with_timezone(&rrule::Tz::UTC),
        When::Local(n, Zone::Named(tz)) => {
            let n = within_reach(n, rule, window)?;
            local_instant(tz, n).with_timezone(&rrule::Tz::Tz(tz))
        }
        // A zone defined in the feed: expand wall-clock times, then place each in the zone.
        When::Local(n, Zone::Custom(z)) => {
            let day = Duration::days(1);
            let list = naive_between(
                n,
                rule,
                from.naive_utc() - day,
                to.naive_utc() + day,
                MAX_OCCURRENCES,
            )?;
            return Ok(list.into_iter().map(|t| z.instant(t)).collect());
        }
        When::Date(d) => {
            let n = within_reach(d.and_hms_opt(0, 0, 0).expect("midnight"), rule, window)?;
            local_instant(default_tz, n).with_timezone(&rrule::Tz::Tz(default_tz))
        }
    };
    // Some writers give UNTIL as a date or local time where the RFC wants UTC: make it UTC.
    let rule = normalise_until(rule, &dtstart);
    let parsed: rrule::RRule<rrule::Unvalidated> =
        rule.parse().map_err(|e: rrule::RRuleError| e.to_string())?;
    let set = parsed.build(dtstart).map_err(|e| e.to_string())?;
    let result = set
        .after(from.with_timezone(&rrule::Tz::UTC))
        .before(to.with_timezone(&rrule::Tz::UTC))
        .all(MAX_OCCURRENCES);
    Ok(result
        .dates
        .into_iter()
        .map(|d| d.with_timezone(&Utc))
        .collect())
}

/// Candidate times one rule may step through, from its start to the end of the window, at most.
const MAX_RULE_STEPS: i64 = 400_000;

/// Where to expand a rule from, so that its cost is bounded.
///
/// Expanders step from DTSTART through every period since, so a rule that began long ago costs
/// time for each one (an hourly rule from 1601 is millions of steps before this month). Refused:
/// what no busy calendar writes (every second or minute, lists of minutes, any seconds) and a
/// rule that would still step more than [`MAX_RULE_STEPS`] times. An hourly, daily or weekly rule
/// without COUNT starts again a few whole periods before the window instead, which yields the same
/// times inside it (a whole number of its periods keeps its phase).
fn within_reach(
    start: NaiveDateTime,
    rule: &str,
    window: (NaiveDateTime, NaiveDateTime),
) -> Result<NaiveDateTime, String> {
    let part = |key: &str| {
        rule.split(';').find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case(key)
                .then(|| v.trim().to_ascii_uppercase())
        })
    };
    let listed = |key: &str| part(key).map_or(0, |v| v.split(',').count() as i64);
    let freq = part("FREQ").unwrap_or_default();
    if matches!(freq.as_str(), "SECONDLY" | "MINUTELY")
        || part("BYSECOND").is_some()
        || listed("BYMINUTE") > 1
    {
        return Err("a rule repeating every second or minute is not supported".into());
    }
    // A period's length in seconds, and how many days of it a rule may pick.
    let (unit, days): (i64, i64) = match freq.as_str() {
        "HOURLY" => (3_600, 1),
        "DAILY" => (86_400, 1),
        "WEEKLY" => (7 * 86_400, 7),
        "MONTHLY" => (28 * 86_400, 31),
        _ => (365 * 86_400, 366),
    };
    let picks_days = ["BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO"]
        .iter()
        .any(|k| part(k).is_some());
    let interval = part("INTERVAL")
        .and_then(|v| v.parse::<i64>().ok())
        .filter(|n| *n > 0)
        .unwrap_or(1);
    let period = unit.saturating_mul(interval);
    let per_period = if picks_days { days } else { 1 } * listed("BYHOUR").max(1);
    let count = part("COUNT").and_then(|v| v.parse::<i64>().ok());
    let mut start = start;
    if count.is_none() && matches!(freq.as_str(), "HOURLY" | "DAILY" | "WEEKLY") {
        let skip = (window.0 - start).num_seconds() / period - 2;
        if skip > 0 {
            start += Duration::seconds(skip * period);
        }
    }
    let periods = ((window.1 - start).num_seconds() / period).max(0) + 1;
    let steps = count.map_or(periods, |c| c.clamp(0, periods)) * per_period;
    if steps > MAX_RULE_STEPS {
        return Err(format!(
            "a rule from {} would take {steps} steps to reach this window",
            start.format("%Y-%m-%d")
        ));
    }
    Ok(start)
}

fn normalise_until(rule: &str, dtstart: &DateTime<rrule::Tz>) -> String {
    rule.split(';')
        .map(|part| {
            let Some(value) = part.strip_prefix("UNTIL=") else {
                return part.to_string();
            };
            if value.ends_with('Z') {
                return part.to_string();
            }
            let tz = dtstart.timezone();
            let naive = if value.len() == 8 {
                NaiveDate::parse_from_str(value, "%Y%m%d")
                    .ok()
                    .and_then(|d| d.and_hms_opt(23, 59, 59))
            } else {
                NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").ok()
            };
            match naive.and_then(|n| tz.from_local_datetime(&n).earliest()) {
                Some(t) => format!("UNTIL={}", t.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ")),
                None => part.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rule with a character outside ASCII (a fuzzed feed's `BYDAY=δU`, in a time zone's
    /// rule or an event's) is refused, not a panic inside the rule parser; the rest of the feed
    /// is still read.
    #[test]
    fn a_rule_outside_ascii_is_refused_not_a_panic() {
        let ics =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:Eastern Standard Time\r\n\
BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\n\
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=\u{3b4}U;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n\
BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261203T140000Z\r\nDTEND:20261203T150000Z\r\n\
RRULE:FREQ=WEEKLY;BYDAY=\u{3b4}U\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261204T140000Z\r\nDTEND:20261204T150000Z\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
        let now: DateTime<Utc> = "2026-12-01T00:00:00Z".parse().unwrap();
        let read = std::panic::catch_unwind(|| {
            busy_time(
                ics,
                chrono_tz::America::New_York,
                now,
                now + Duration::days(14),
            )
        });
        let read = read.expect("no panic on a rule outside ASCII");
        if let Ok(busy) = read {
            let plain: DateTime<Utc> = "2026-12-04T14:00:00Z".parse().unwrap();
            assert!(
                busy.intervals.iter().any(
                    |b| b.start <= plain.timestamp_millis() && b.end > plain.timestamp_millis()
                ),
                "the plain event is still busy: {:?}",
                busy.intervals
            );
        }
        assert!(plain_rule("FREQ=WEEKLY;BYDAY=\u{3b4}U").is_err());
        assert!(plain_rule("FREQ=WEEKLY;BYDAY=TH").is_ok());
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("PT1H30M"), Some(Duration::minutes(90)));
        assert_eq!(parse_duration("P1D"), Some(Duration::days(1)));
        assert_eq!(parse_duration("P1W"), Some(Duration::weeks(1)));
        assert_eq!(parse_duration("P1DT2H"), Some(Duration::hours(26)));
        assert_eq!(parse_duration("nonsense"), None);
    }

    #[test]
    fn gap_times_move_forward() {
        let tz = chrono_tz::America::New_York;
        // 2026-03-08 02:30 does not exist in New York.
        let n = NaiveDate::from_ymd_opt(2026, 3, 8)
            .unwrap()
            .and_hms_opt(2, 30, 0)
            .unwrap();
        let t = local_instant(tz, n);
        assert_eq!(t.to_rfc3339(), "2026-03-08T07:30:00+00:00");
    }
}
