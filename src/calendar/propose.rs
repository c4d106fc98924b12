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
            match *w {
                "after" | "from" | "past" => {
                    if let Some(m) = next.and_then(|n| parse_clock(n, words.get(i + 2).copied())) {
                        p.after_minute = Some(m);
                    }
                }
                "before" | "by" | "until" => {
                    if let Some(m) = next.and_then(|n| parse_clock(n, words.get(i + 2).copied())) {
                        p.before_minute = Some(m);
                    }
                }
                _ => {}
            }
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
