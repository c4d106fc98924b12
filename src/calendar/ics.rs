//! Turning an iCalendar feed into busy time: the intervals (UTC) an owner's calendar says they are
//! busy, within a window.
//!
//! Handled: `RRULE` expansion (capped at the window) with `EXDATE`, `RDATE` (dates, date-times
//! and `VALUE=PERIOD` start/end or start/duration, each period its own length) and `RECURRENCE-ID`
//! overrides; `TZID` with or without `VTIMEZONE` (Windows names too); UTC and floating times
//! (floating means the feed's `X-WR-TIMEZONE` when it names a zone, as Google and Apple feeds do,
//! else the business's zone); all-day events (busy the whole local day);
//! `TRANSP:TRANSPARENT` (free); `STATUS:CANCELLED` (ignored); `DURATION` instead of `DTEND`.

use super::zones;
use super::Interval;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::parser::{read_calendar, unfold, Component};
use std::collections::HashMap;

/// Occurrences expanded per recurring event at most (a rule that never ends stops at the window;
/// this bounds rules like FREQ=MINUTELY).
pub const MAX_OCCURRENCES: u16 = 10_000;

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

#[derive(Debug, Clone, Copy, PartialEq)]
enum When {
    Utc(DateTime<Utc>),
    Local(NaiveDateTime, Tz),
    Date(NaiveDate),
}

impl When {
    /// The instant this denotes; dates are local midnight in `tz`.
    fn instant(self, tz: Tz) -> DateTime<Utc> {
        match self {
            When::Utc(t) => t,
            When::Local(n, z) => local_instant(z, n),
            When::Date(d) => local_instant(tz, d.and_hms_opt(0, 0, 0).expect("midnight")),
        }
    }
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

struct Prop<'a> {
    value: &'a str,
    params: Vec<(&'a str, &'a str)>,
}

impl Prop<'_> {
    fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| *v)
    }
}

struct Event<'a> {
    props: Vec<(String, Prop<'a>)>,
}

impl<'a> Event<'a> {
    fn get(&self, name: &str) -> Option<&Prop<'a>> {
        self.props.iter().find(|(n, _)| n == name).map(|(_, p)| p)
    }
    fn all(&self, name: &str) -> impl Iterator<Item = &Prop<'a>> {
        let name = name.to_string();
        self.props
            .iter()
            .filter(move |(n, _)| *n == name)
            .map(|(_, p)| p)
    }
}

fn collect_event<'a>(c: &'a Component<'a>) -> Event<'a> {
    Event {
        props: c
            .properties
            .iter()
            .map(|p| {
                (
                    p.name.as_str().to_ascii_uppercase(),
                    Prop {
                        value: p.val.as_str(),
                        params: p
                            .params
                            .iter()
                            .map(|pa| {
                                (
                                    pa.key.as_str(),
                                    pa.val.as_ref().map(|v| v.as_str()).unwrap_or(""),
                                )
                            })
                            .collect(),
                    },
                )
            })
            .collect(),
    }
}

struct Ctx<'a> {
    default_tz: Tz,
    /// Where floating times are read: the feed's `X-WR-TIMEZONE`, else the business's zone.
    floating_tz: Tz,
    vtimezones: HashMap<String, Option<&'a str>>,
    warnings: Vec<String>,
}

impl Ctx<'_> {
    fn zone(&mut self, tzid: &str) -> Tz {
        let location = self.vtimezones.get(tzid).copied().flatten();
        match zones::resolve(tzid, location) {
            Some(tz) => tz,
            None => {
                let w = format!("unknown time zone '{tzid}'; read as the business's own zone");
                if !self.warnings.contains(&w) {
                    self.warnings.push(w);
                }
                self.default_tz
            }
        }
    }

    /// Parse one date or date-time value of a property.
    fn when(&mut self, raw: &str, tzid: Option<&str>, date_only: bool) -> Option<When> {
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
        let tz = match tzid {
            Some(id) => self.zone(id),
            None => self.floating_tz,
        };
        Some(When::Local(n, tz))
    }

    fn prop_when(&mut self, p: &Prop<'_>) -> Option<When> {
        let date_only = p
            .param("VALUE")
            .is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
        let tzid = p.param("TZID");
        self.when(p.value, tzid, date_only)
    }

    /// `RDATE;VALUE=PERIOD` values ("start/end" or "start/duration"): each its own busy time.
    fn periods(&mut self, props: &[&Prop<'_>]) -> Vec<(DateTime<Utc>, Duration)> {
        let mut out = Vec::new();
        for p in props {
            let tzid = p.param("TZID");
            for v in p.value.split(',') {
                let Some((a, b)) = v.split_once('/') else {
                    continue;
                };
                let Some(start) = self.when(a, tzid, false) else {
                    self.warnings
                        .push(format!("an RDATE period '{v}' could not be read; skipped"));
                    continue;
                };
                let start = start.instant(self.default_tz);
                let length = if b.trim_start_matches(['+', '-']).starts_with('P') {
                    parse_duration(b)
                } else {
                    self.when(b, tzid, false)
                        .map(|end| end.instant(self.default_tz) - start)
                };
                match length {
                    Some(l) => out.push((start, l.max(Duration::zero()))),
                    None => self
                        .warnings
                        .push(format!("an RDATE period '{v}' could not be read; skipped")),
                }
            }
        }
        out
    }

    /// Every value of a list property (EXDATE, RDATE) as instants.
    fn instants(&mut self, props: Vec<&Prop<'_>>) -> Vec<i64> {
        let mut out = Vec::new();
        for p in props {
            let date_only = p
                .param("VALUE")
                .is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
            let tzid = p.param("TZID");
            for v in p.value.split(',') {
                if let Some(w) = self.when(v, tzid, date_only) {
                    out.push(w.instant(self.default_tz).timestamp_millis());
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
                total += match (c, in_time) {
                    ('W', false) => Duration::weeks(n),
                    ('D', false) => Duration::days(n),
                    ('H', true) => Duration::hours(n),
                    ('M', true) => Duration::minutes(n),
                    ('S', true) => Duration::seconds(n),
                    _ => return None,
                };
            }
        }
    }
    Some(if neg { -total } else { total })
}

/// Read a feed's busy time within `[from, to)`.
pub fn busy_time(
    text: &str,
    default_tz: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<BusyTime, IcsError> {
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
    if !text.to_ascii_uppercase().contains("END:VCALENDAR") {
        return Err(IcsError::Parse(
            "the file is truncated (no END:VCALENDAR)".into(),
        ));
    }
    let unfolded = unfold(head);
    let parsed = read_calendar(&unfolded)
        .map_err(|e| IcsError::Parse(e.lines().next().unwrap_or("").to_string()))?;

    let mut vevents: Vec<&Component> = Vec::new();
    let mut vtimezones = HashMap::new();
    fn walk<'a>(
        c: &'a Component<'a>,
        ev: &mut Vec<&'a Component<'a>>,
        tz: &mut HashMap<String, Option<&'a str>>,
    ) {
        match c.name.as_str().to_ascii_uppercase().as_str() {
            "VEVENT" => ev.push(c),
            "VTIMEZONE" => {
                let id = c
                    .properties
                    .iter()
                    .find(|p| p.name.as_str().eq_ignore_ascii_case("TZID"));
                let loc = c
                    .properties
                    .iter()
                    .find(|p| p.name.as_str().eq_ignore_ascii_case("X-LIC-LOCATION"));
                if let Some(id) = id {
                    tz.insert(id.val.as_str().to_string(), loc.map(|l| l.val.as_str()));
                }
            }
            _ => {
                for child in &c.components {
                    walk(child, ev, tz);
                }
            }
        }
    }
    for c in &parsed.components {
        walk(c, &mut vevents, &mut vtimezones);
    }
    // Google and Apple name the calendar's zone once, for its floating times.
    let wr_zone = parsed
        .components
        .iter()
        .flat_map(|c| c.properties.iter())
        .chain(parsed.properties.iter())
        .find(|p| p.name.as_str().eq_ignore_ascii_case("X-WR-TIMEZONE"))
        .map(|p| p.val.as_str().trim().to_string());
    let floating_tz = wr_zone
        .as_deref()
        .and_then(|z| zones::resolve(z, None))
        .unwrap_or(default_tz);
    let mut ctx = Ctx {
        default_tz,
        floating_tz,
        vtimezones,
        warnings: Vec::new(),
    };
    let events: Vec<Event> = vevents.iter().map(|c| collect_event(c)).collect();

    // Overridden instances per UID: RECURRENCE-ID instant -> the override event.
    let mut overrides: HashMap<&str, Vec<(i64, &Event)>> = HashMap::new();
    for e in &events {
        if let (Some(uid), Some(rid)) = (e.get("UID"), e.get("RECURRENCE-ID")) {
            if let Some(w) = ctx.prop_when(rid) {
                overrides
                    .entry(uid.value)
                    .or_default()
                    .push((w.instant(default_tz).timestamp_millis(), e));
            }
        }
    }

    let (from_ms, to_ms) = (from.timestamp_millis(), to.timestamp_millis());
    let mut intervals = Vec::new();
    for e in &events {
        let is_override = e.get("RECURRENCE-ID").is_some();
        let cancelled = e
            .get("STATUS")
            .is_some_and(|s| s.value.eq_ignore_ascii_case("CANCELLED"));
        let transparent = e
            .get("TRANSP")
            .is_some_and(|s| s.value.eq_ignore_ascii_case("TRANSPARENT"));
        let Some(start_prop) = e.get("DTSTART") else {
            ctx.warnings
                .push("an event without DTSTART was skipped".into());
            continue;
        };
        let Some(start) = ctx.prop_when(start_prop) else {
            ctx.warnings.push(format!(
                "an event with an unreadable DTSTART '{}' was skipped",
                start_prop.value
            ));
            continue;
        };
        let length = event_length(&mut ctx, e, start);
        if is_override {
            // An override stands for itself; cancelled or transparent overrides free their slot.
            if !cancelled && !transparent {
                push(
                    &mut intervals,
                    start.instant(default_tz),
                    length,
                    from_ms,
                    to_ms,
                );
            }
            continue;
        }
        if cancelled {
            continue;
        }
        let moved: Vec<i64> = e
            .get("UID")
            .and_then(|u| overrides.get(u.value))
            .map(|v| v.iter().map(|(t, _)| *t).collect())
            .unwrap_or_default();
        let excluded = ctx.instants(e.all("EXDATE").collect());
        let mut starts: Vec<DateTime<Utc>> = Vec::new();
        match e.get("RRULE") {
            Some(rule) => {
                match expand(start, rule.value, default_tz, from - length, to) {
                    Ok(list) => starts.extend(list),
                    Err(msg) => {
                        ctx.warnings.push(format!("a recurrence rule could not be read ({msg}); only its first time counts"));
                        starts.push(start.instant(default_tz));
                    }
                }
            }
            None => starts.push(start.instant(default_tz)),
        }
        let (period_props, date_props): (Vec<&Prop<'_>>, Vec<&Prop<'_>>) =
            e.all("RDATE").partition(|p| {
                p.param("VALUE")
                    .is_some_and(|v| v.eq_ignore_ascii_case("PERIOD"))
                    || p.value.contains('/')
            });
        for r in ctx.instants(date_props) {
            starts.push(DateTime::<Utc>::from_timestamp_millis(r).unwrap_or_default());
        }
        let periods = ctx.periods(&period_props);
        if transparent {
            continue;
        }
        for (s, l) in periods {
            if !excluded.contains(&s.timestamp_millis()) {
                push(&mut intervals, s, l, from_ms, to_ms);
            }
        }
        for s in starts {
            let ms = s.timestamp_millis();
            if excluded.contains(&ms) || moved.contains(&ms) {
                continue;
            }
            push(&mut intervals, s, length, from_ms, to_ms);
        }
    }
    Ok(BusyTime {
        intervals: super::merge(intervals),
        events: events.len(),
        warnings: ctx.warnings,
    })
}

/// How long an event lasts: DTEND - DTSTART, or DURATION, or a day for dates and zero otherwise.
/// All-day events are measured in local days, so a DST change does not shorten them.
fn event_length(ctx: &mut Ctx<'_>, e: &Event<'_>, start: When) -> Duration {
    if let Some(end) = e.get("DTEND").and_then(|p| ctx.prop_when(p)) {
        let tz = ctx.default_tz;
        let length = match (start, end) {
            (When::Date(a), When::Date(b)) => {
                return (local_instant(tz, b.and_hms_opt(0, 0, 0).expect("midnight"))
                    - local_instant(tz, a.and_hms_opt(0, 0, 0).expect("midnight")))
                .max(Duration::zero())
            }
            _ => end.instant(tz) - start.instant(tz),
        };
        return length.max(Duration::zero());
    }
    if let Some(d) = e.get("DURATION").and_then(|p| parse_duration(p.value)) {
        return d.max(Duration::zero());
    }
    match start {
        When::Date(_) => Duration::days(1),
        _ => Duration::zero(),
    }
}

fn push(out: &mut Vec<Interval>, start: DateTime<Utc>, length: Duration, from_ms: i64, to_ms: i64) {
    let s = start.timestamp_millis();
    let e = s + length.num_milliseconds();
    if e > from_ms && s < to_ms && e > s {
        out.push(Interval { start: s, end: e });
    }
}

/// Expand an RRULE from its DTSTART within `[from, to]`.
fn expand(
    start: When,
    rule: &str,
    default_tz: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, String> {
    let dtstart = match start {
        When::Utc(t) => t.with_timezone(&rrule::Tz::UTC),
        When::Local(n, tz) => local_instant(tz, n).with_timezone(&rrule::Tz::Tz(tz)),
        When::Date(d) => local_instant(default_tz, d.and_hms_opt(0, 0, 0).expect("midnight"))
            .with_timezone(&rrule::Tz::Tz(default_tz)),
    };
    // Rules finer than hourly are not how anyone marks busy time, and expanding years of them
    // would let one feed stall availability: refuse them.
    let upper = rule.to_ascii_uppercase();
    if upper.contains("FREQ=SECONDLY") || upper.contains("FREQ=MINUTELY") {
        return Err("a rule repeating every second or minute is not supported".into());
    }
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
