//! Proposals: at most `max_proposals` slots, spread out (the earliest, one on another day, one in
//! the other half of the day) and narrowed by what the caller said ("Thursday", "tomorrow",
//! "next week", "morning", "after 3", "not Monday", "as soon as possible").

use super::Slot;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc, Weekday};
use chrono_tz::Tz;

/// What the caller asked for, in the business's local terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preference {
    /// Only these local dates (from "tomorrow", "Thursday", "next week").
    pub dates: Option<Vec<NaiveDate>>,
    pub not_weekdays: Vec<Weekday>,
    /// Local start time at or after this minute of the day.
    pub after_minute: Option<u32>,
    /// Local start time before this minute of the day.
    pub before_minute: Option<u32>,
    pub asap: bool,
    /// A time said outright ("at 5"), taken as the earliest start when no other limit is said.
    at_minute: Option<u32>,
}

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("mon", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("tues", Weekday::Tue),
    ("tue", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("wed", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("thurs", Weekday::Thu),
    ("thur", Weekday::Thu),
    ("thu", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("fri", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sat", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("sun", Weekday::Sun),
];

fn weekday_of(word: &str) -> Option<Weekday> {
    let w = word.trim_end_matches('s'); // "mondays"
    WEEKDAYS
        .iter()
        .find(|(n, _)| *n == word || *n == w)
        .map(|(_, d)| *d)
}

/// Read an hour like "3", "3pm", "3:30", "15:00", "10am". Bare 1-7 mean afternoon (business hours).
fn parse_clock(word: &str, next: Option<&str>) -> Option<u32> {
    let w = word.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != ':');
    let (num, suffix) = match w.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => (&w[..i], &w[i..]),
        None => (w, next.unwrap_or("")),
    };
    let (h, m) = match num.split_once(':') {
        Some((h, m)) => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None => (num.parse::<u32>().ok()?, 0),
    };
    if h > 23 || m > 59 {
        return None;
    }
    let suffix = suffix.trim_matches('.').to_ascii_lowercase();
    let hour = match suffix.as_str() {
        "pm" | "p" if h < 12 => h + 12,
        "am" | "a" if h == 12 => 0,
        "am" | "a" | "pm" | "p" => h,
        _ if (1..=7).contains(&h) => h + 12,
        _ => h,
    };
    Some(hour * 60 + m)
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A day of the month said at word `i`: "17th" after "the" (not "the 2nd one"), or a number
/// after a month's name ("dec 9", "december 9th").
fn day_of_month(words: &[&str], i: usize) -> Option<u32> {
    let w = words[i];
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    let suffix = &w[digits.len()..];
    let day: u32 = digits.parse().ok().filter(|d| (1..=31).contains(d))?;
    let ordinal = matches!(suffix, "st" | "nd" | "rd" | "th");
    let after_month = i > 0 && {
        let m = words[i - 1];
        m.len() >= 3 && MONTHS.iter().any(|name| m.starts_with(name))
    };
    let a_pick = words.get(i + 1).is_some_and(|n| {
        matches!(
            *n,
            "one" | "option" | "choice" | "slot" | "time" | "pick" | "1" | "ones"
        )
    });
    // ("The 2nd works", "the 1st pls": a pick among the times offered.)
    let a_pick = a_pick
        || day <= 3
            && words.get(i + 1).is_none_or(|n| {
                matches!(
                    *n,
                    "works" | "is" | "sounds" | "please" | "pls" | "plz" | "thx"
                )
            });
    let after_the = i > 0 && matches!(words[i - 1], "the" | "on");
    ((after_month && (ordinal || suffix.is_empty())) || (ordinal && after_the && !a_pick))
        .then_some(day)
}

/// The next date on this day of the month: this month's, or next month's once it has passed.
fn next_date_on(today: NaiveDate, day: u32) -> NaiveDate {
    let this = NaiveDate::from_ymd_opt(today.year(), today.month(), day);
    match this {
        Some(d) if d >= today => d,
        _ => {
            let (y, m) = if today.month() == 12 {
                (today.year() + 1, 1)
            } else {
                (today.year(), today.month() + 1)
            };
            NaiveDate::from_ymd_opt(y, m, day).unwrap_or(today)
        }
    }
}

impl Preference {
    /// Understand a caller's words about timing. Unknown words are ignored.
    pub fn parse(text: &str, now: DateTime<Utc>, tz: Tz) -> Self {
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| c.is_whitespace() || c == ',' || c == '?' || c == '!')
            .filter(|w| !w.is_empty())
            .collect();
        let today = now.with_timezone(&tz).date_naive();
        let mut p = Preference::default();
        let mut dates: Vec<NaiveDate> = Vec::new();
        let mut on_day: Option<NaiveDate> = None;
        let has = |phrase: &str| format!(" {} ", words.join(" ")).contains(&format!(" {phrase} "));
        if has("asap")
            || has("as soon as possible")
            || has("earliest")
            || has("soonest")
            || has("first available")
        {
            p.asap = true;
        }
        if has("today") || has("this afternoon") || has("this morning") || has("tonight") {
            dates.push(today);
        }
        if has("tomorrow") || has("tmrw") || has("tmr") {
            dates.push(today + Duration::days(1));
        }
        if has("next week") {
            let days_to_monday = 7 - i64::from(today.weekday().num_days_from_monday());
            let monday = today + Duration::days(days_to_monday);
            dates.extend((0..7).map(|d| monday + Duration::days(d)));
        } else if has("this week") {
            let left = 7 - i64::from(today.weekday().num_days_from_monday());
            dates.extend((0..left).map(|d| today + Duration::days(d)));
        }
        if has("weekend") {
            for d in 0..7 {
                let date = today + Duration::days(d);
                if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                    dates.push(date);
                }
            }
        }
        for (i, w) in words.iter().enumerate() {
            if let Some(day) = weekday_of(w) {
                let negated = i > 0 && matches!(words[i - 1], "not" | "no" | "except" | "but");
                if negated {
                    p.not_weekdays.push(day);
                } else {
                    let ahead = (7 + i64::from(day.num_days_from_monday())
                        - i64::from(today.weekday().num_days_from_monday()))
                        % 7;
                    // "next Tuesday" on a Tuesday, or "next" before any weekday more than
                    // a few days off, is the one a week on; either way a weekday means the
                    // next such day *with room*, so the same weekday in later weeks counts too.
                    let next_week = i > 0 && words[i - 1] == "next" && ahead == 0;
                    let first = if next_week { 7 } else { ahead };
                    for week in 0..3 {
                        dates.push(today + Duration::days(first + 7 * week));
                    }
                }
            }
            let next = words.get(i + 1).copied();
            let clock = || next.and_then(|n| parse_clock(n, words.get(i + 2).copied()));
            let before_here = |k: usize| &words[i.saturating_sub(k)..i];
            match *w {
                "after" | "from" | "past" => {
                    if let Some(m) = clock() {
                        p.after_minute = Some(m);
                    }
                }
                "before" | "by" | "until" | "till" | "til" => {
                    let Some(m) = clock() else { continue };
                    // What the caller cannot do, or is busy with, until then: "cant get there
                    // before 5", "at work till 3", "home by 4" all mean from then on.
                    let cannot = *w == "before"
                        && before_here(4).iter().any(|b| {
                            matches!(
                                *b,
                                "cant"
                                    | "can't"
                                    | "cannot"
                                    | "not"
                                    | "dont"
                                    | "don't"
                                    | "wont"
                                    | "won't"
                            )
                        });
                    let busy = matches!(*w, "until" | "till" | "til")
                        && before_here(1).iter().any(|b| {
                            matches!(
                                *b,
                                "work"
                                    | "working"
                                    | "busy"
                                    | "class"
                                    | "school"
                                    | "shift"
                                    | "meetings"
                                    | "out"
                                    | "gone"
                            )
                        });
                    let back = *w == "by"
                        && before_here(1)
                            .iter()
                            .any(|b| matches!(*b, "home" | "back" | "free" | "off"));
                    if cannot || busy || back {
                        p.after_minute = Some(m);
                    } else {
                        p.before_minute = Some(m);
                    }
                }
                // "Thurs the 17th at 5": that time, or soon after it; "friday the 18th around
                // 10am" the same.
                "at" | "around" | "round" | "about" | "bout" => {
                    // (Not "i'm at 12 Oak Street": a time only with its own mark or alone.)
                    let marked = next
                        .is_some_and(|n| n.contains(':') || n.ends_with("am") || n.ends_with("pm"));
                    let alone = words.get(i + 2).is_none_or(|a| {
                        [
                            "am",
                            "pm",
                            "oclock",
                            "o'clock",
                            "on",
                            // "at 9 in the morning"
                            "in",
                            "or",
                            "if",
                            "tomorrow",
                            "today",
                            "tmrw",
                            "please",
                            "pls",
                            "works",
                            "then",
                            "sharp",
                            "ish",
                            "so",
                            "still",
                            "available",
                            "open",
                            "free",
                            "good",
                            "ok",
                            "okay",
                            "instead",
                        ]
                        .contains(a)
                    });
                    // ("is the sunset paddle on wed at 4 still open": a day, then "at" and a
                    // number, is a time whatever follows.)
                    let after_day = i > 0
                        && (WEEKDAYS.iter().any(|(w, _)| *w == words[i - 1])
                            || matches!(words[i - 1], "tomorrow" | "tmrw" | "today" | "tonight"));
                    let alone = alone || after_day;
                    // ("We open at 11 so early mornings only": their own hours, no wish.)
                    // (Not "when you open at 9": the business's hours, the first time wished.)
                    let own_hours = before_here(1).iter().any(|b| {
                        matches!(
                            *b,
                            "open" | "opens" | "close" | "closes" | "leave" | "leaves"
                        )
                    }) && before_here(3)
                        .iter()
                        .any(|b| matches!(*b, "we" | "i" | "our" | "my"))
                        || before_here(1)
                            .iter()
                            .any(|b| matches!(*b, "starts" | "start"))
                            && before_here(3)
                                .iter()
                                .any(|b| matches!(*b, "shift" | "work" | "school" | "class"));
                    if let Some(m) = clock().filter(|_| (marked || alone) && !own_hours) {
                        p.at_minute = Some(m);
                    }
                }
                _ => {}
            }
            // "The 17th", "dec 9": a day of the month.
            if let Some(day) = day_of_month(&words, i) {
                on_day = Some(next_date_on(today, day));
            }
        }
        if let Some(m) = p.at_minute.take() {
            if p.after_minute.is_none() && p.before_minute.is_none() {
                p.after_minute = Some(m);
            }
        }
        if let Some(date) = on_day {
            dates = vec![date];
        }
        // "Can u do this saturday morning? weekdays im at work til 6": the hours said of
        // weekdays do not bound the weekend day asked for.
        let of_weekdays = has("weekdays")
            || has("weekday")
            || has("during the week")
            || has("m-f")
            || has("mon-fri");
        if of_weekdays
            && !dates.is_empty()
            && dates
                .iter()
                .all(|d| matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        {
            p.after_minute = None;
            p.before_minute = None;
        }
        if has("morning") {
            p.before_minute = Some(p.before_minute.unwrap_or(12 * 60).min(12 * 60));
        }
        if has("afternoon") {
            p.after_minute = Some(p.after_minute.unwrap_or(12 * 60).max(12 * 60));
        }
        if has("evening") {
            p.after_minute = Some(p.after_minute.unwrap_or(17 * 60).max(17 * 60));
        }
        if !dates.is_empty() {
            dates.sort();
            dates.dedup();
            p.dates = Some(dates);
        }
        p
    }

    pub fn accepts(&self, slot: &Slot, tz: Tz) -> bool {
        let local = slot.start_utc().with_timezone(&tz);
        let minute = local.hour() * 60 + local.minute();
        if let Some(dates) = &self.dates {
            if !dates.contains(&local.date_naive()) {
                return false;
            }
        }
        !self.not_weekdays.contains(&local.weekday())
            && self.after_minute.is_none_or(|a| minute >= a)
            && self.before_minute.is_none_or(|b| minute < b)
    }
}

/// A test of whether a slot is spread out enough from the ones already picked.
type SpreadRule<'a> = dyn Fn(&Slot, &[Slot]) -> bool + 'a;

/// Pick up to `max` slots that fit the preference and are spread out.
pub fn propose(slots: &[Slot], preference: &Preference, max: usize, tz: Tz) -> Vec<Slot> {
    let candidates: Vec<&Slot> = slots.iter().filter(|s| preference.accepts(s, tz)).collect();
    let mut picked: Vec<Slot> = Vec::new();
    let Some(first) = candidates.first() else {
        return picked;
    };
    picked.push(**first);
    let day = |s: &Slot| s.start_utc().with_timezone(&tz).date_naive();
    let afternoon = |s: &Slot| s.start_utc().with_timezone(&tz).hour() >= 12;
    let apart = |a: &Slot, b: &Slot| (a.start - b.start).abs() >= 2 * 3_600_000;
    // Each pass relaxes what "spread out" demands, so a busy week still yields proposals.
    let passes: [&SpreadRule<'_>; 4] = [
        &|s, p| {
            p.iter().all(|q| day(q) != day(s))
                && p.last().is_some_and(|q| afternoon(q) != afternoon(s))
        },
        &|s, p| p.iter().all(|q| day(q) != day(s)),
        &|s, p| p.iter().all(|q| apart(q, s)),
        &|s, p| !p.contains(s),
    ];
    let horizon = if preference.asap {
        &passes[2..]
    } else {
        &passes[..]
    };
    for pass in horizon {
        for s in &candidates {
            if picked.len() >= max {
                break;
            }
            if pass(s, &picked) && !picked.contains(s) {
                picked.push(**s);
            }
        }
    }
    picked.truncate(max);
    picked.sort();
    picked
}

#[cfg(test)]
mod tests {
    use super::*;

    const TZ: Tz = chrono_tz::America::New_York;

    fn now() -> DateTime<Utc> {
        // Monday Nov 30 2026, 09:00 in New York.
        "2026-11-30T14:00:00Z".parse().unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_day_then_at_and_a_number_is_a_time_whatever_follows() {
        let p = Preference::parse(
            "hi is the sunset paddle on wed at 4 still open? thered be 3 of us",
            now(),
            TZ,
        );
        assert_eq!(p.after_minute, Some(16 * 60));
        // (Not an address: "i'm at 12 Oak Street".)
        let p = Preference::parse("i'm at 12 Oak Street", now(), TZ);
        assert_eq!(p.after_minute, None);
    }

    #[test]
    fn the_callers_own_opening_hour_is_no_time_wished() {
        let p = Preference::parse("wednesday morning? we open at 11", now(), TZ);
        assert_eq!(p.after_minute, None);
        assert_eq!(p.before_minute, Some(12 * 60));
        let p = Preference::parse("wednesday at 11 please", now(), TZ);
        assert_eq!(p.after_minute, Some(11 * 60));
        // The business's opening asked for is the time wished.
        let p = Preference::parse("can i come in when you open at 9?", now(), TZ);
        assert_eq!(p.after_minute, Some(9 * 60));
    }

    #[test]
    fn round_twenty_seven_a_time_said_around_is_the_time_wished() {
        let p = Preference::parse("can yall spray friday the 18th around 10am?", now(), TZ);
        assert_eq!(p.after_minute, Some(10 * 60));
        let p = Preference::parse("friday about 2:30 if you can", now(), TZ);
        assert_eq!(p.after_minute, Some(14 * 60 + 30));
        // A count is no time.
        let p = Preference::parse("friday, we have about 3 dogs", now(), TZ);
        assert_eq!(p.after_minute, None);
    }

    #[test]
    fn hours_said_of_weekdays_do_not_bound_a_weekend_day() {
        let p = Preference::parse(
            "could you come sunday afternoon? weekdays im at the shop til 7",
            now(),
            TZ,
        );
        assert!(p
            .dates
            .as_ref()
            .unwrap()
            .iter()
            .all(|d| d.weekday() == Weekday::Sun));
        assert_eq!(p.after_minute, Some(12 * 60));
        // Said of a weekday, they still do.
        let p = Preference::parse("thursday, im at work til 3", now(), TZ);
        assert_eq!(p.after_minute, Some(15 * 60));
    }

    #[test]
    fn understands_days_and_times() {
        let p = Preference::parse("Thursday works", now(), TZ);
        assert_eq!(
            p.dates,
            Some(vec![d("2026-12-03"), d("2026-12-10"), d("2026-12-17")])
        );
        let p = Preference::parse("tomorrow after 3", now(), TZ);
        assert_eq!(p.dates, Some(vec![d("2026-12-01")]));
        assert_eq!(p.after_minute, Some(15 * 60));
        let p = Preference::parse("any morning next week but not monday", now(), TZ);
        assert_eq!(p.dates.as_ref().map(|v| v.len()), Some(7));
        assert_eq!(p.dates.as_ref().unwrap()[0], d("2026-12-07"));
        assert_eq!(p.before_minute, Some(12 * 60));
        assert_eq!(p.not_weekdays, vec![Weekday::Mon]);
        let p = Preference::parse("ASAP please", now(), TZ);
        assert!(p.asap);
        let p = Preference::parse("before 10am", now(), TZ);
        assert_eq!(p.before_minute, Some(10 * 60));
        let p = Preference::parse("after 15:30", now(), TZ);
        assert_eq!(p.after_minute, Some(15 * 60 + 30));
    }

    #[test]
    fn a_limit_said_as_what_the_caller_cannot_do() {
        // "Cant get there before 5": from 5 on, not before it.
        let p = Preference::parse("i cant get there before 5 on weekdays", now(), TZ);
        assert_eq!((p.after_minute, p.before_minute), (Some(17 * 60), None));
        let p = Preference::parse("im at work till 3", now(), TZ);
        assert_eq!((p.after_minute, p.before_minute), (Some(15 * 60), None));
        let p = Preference::parse("im home by 4", now(), TZ);
        assert_eq!(p.after_minute, Some(16 * 60));
        // ...while a plain limit stays one.
        let p = Preference::parse("has to be done by 11am", now(), TZ);
        assert_eq!(p.before_minute, Some(11 * 60));
        let p = Preference::parse("anything until noon", now(), TZ);
        assert_eq!(p.after_minute, None);
    }

    #[test]
    fn a_date_and_a_time_said_outright() {
        let p = Preference::parse("can u do thurs the 17th at 5", now(), TZ);
        assert_eq!(p.dates, Some(vec![d("2026-12-17")]));
        assert_eq!(p.after_minute, Some(17 * 60));
        let p = Preference::parse("dec 9 works", now(), TZ);
        assert_eq!(p.dates, Some(vec![d("2026-12-09")]));
        // A day of the month already past is next month's; "the 2nd works" is a pick.
        let p = Preference::parse("how about the 2nd at 10", now(), TZ);
        assert_eq!(p.dates, Some(vec![d("2026-12-02")]));
        let p = Preference::parse("the 2nd works", now(), TZ);
        assert_eq!(p.dates, None);
        let p = Preference::parse("the 29th", now(), TZ);
        assert_eq!(p.dates, Some(vec![d("2026-12-29")]));
        // "At 123 Elm", "I'm at 12 Oak Street" are places, not times.
        let p = Preference::parse("at 123 elm st", now(), TZ);
        assert_eq!(p.after_minute, None);
        let p = Preference::parse(
            "I'm at 12 Oak Street. Tomorrow morning if you can.",
            now(),
            TZ,
        );
        assert_eq!((p.after_minute, p.before_minute), (None, Some(12 * 60)));
        let p = Preference::parse("im off at 4 so anytime after that", now(), TZ);
        assert_eq!(p.after_minute, Some(16 * 60));
    }

    fn slot(local: &str) -> Slot {
        let n = chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").unwrap();
        let start = super::super::ics::local_instant(TZ, n).timestamp_millis();
        Slot {
            start,
            end: start + 3_600_000,
        }
    }

    #[test]
    fn spreads_proposals_out() {
        let slots: Vec<Slot> = [
            "2026-12-01 08:00",
            "2026-12-01 08:30",
            "2026-12-01 09:00",
            "2026-12-01 14:00",
            "2026-12-02 08:00",
            "2026-12-02 15:00",
            "2026-12-03 09:00",
        ]
        .iter()
        .map(|s| slot(s))
        .collect();
        let picks = propose(&slots, &Preference::default(), 3, TZ);
        let shown: Vec<String> = picks.iter().map(|s| s.for_sms(TZ)).collect();
        assert_eq!(
            shown,
            vec![
                "Tue Dec 1, 8:00 AM",
                "Wed Dec 2, 3:00 PM",
                "Thu Dec 3, 9:00 AM"
            ]
        );
        let pm = Preference::parse("afternoon", now(), TZ);
        let shown: Vec<String> = propose(&slots, &pm, 3, TZ)
            .iter()
            .map(|s| s.for_sms(TZ))
            .collect();
        assert_eq!(shown, vec!["Tue Dec 1, 2:00 PM", "Wed Dec 2, 3:00 PM"]);
        let asap = Preference::parse("asap", now(), TZ);
        let shown: Vec<String> = propose(&slots, &asap, 2, TZ)
            .iter()
            .map(|s| s.for_sms(TZ))
            .collect();
        assert_eq!(shown, vec!["Tue Dec 1, 8:00 AM", "Tue Dec 1, 2:00 PM"]);
    }
}
