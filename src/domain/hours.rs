//! Opening hours: per weekday ranges like `08:00-12:00,13:00-17:00`, or `closed`, plus closed dates.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Open ranges of one weekday, in minutes after local midnight, sorted and non-overlapping.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DayHours(Vec<(u16, u16)>);

impl DayHours {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let text = raw.trim();
        if text.is_empty() || text.eq_ignore_ascii_case("closed") {
            return Ok(Self(Vec::new()));
        }
        let mut ranges = Vec::new();
        for part in text.split([',', ';']) {
            let part = part.trim();
            // "9am-5pm", "9 - 5", "9:30am to 1pm", "8–12" as well as "08:00-17:00".
            let spelled = part
                .to_ascii_lowercase()
                .replace(['\u{2013}', '\u{2014}'], "-");
            let spelled = spelled.replace(" to ", "-");
            let (a, b) = spelled
                .split_once('-')
                .ok_or_else(|| format!("'{part}' is not a range like 08:00-17:00 or 9am-5pm"))?;
            let (start, end) =
                parse_range(a.trim(), b.trim()).map_err(|e| format!("'{part}': {e}"))?;
            if start >= end {
                return Err(format!("'{part}': the range must end after it starts"));
            }
            ranges.push((start, end));
        }
        ranges.sort_unstable();
        for pair in ranges.windows(2) {
            if pair[1].0 < pair[0].1 {
                return Err(format!(
                    "ranges '{}' and '{}' overlap",
                    fmt_range(pair[0]),
                    fmt_range(pair[1])
                ));
            }
        }
        Ok(Self(ranges))
    }

    pub fn ranges(&self) -> &[(u16, u16)] {
        &self.0
    }

    pub fn is_closed(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, minute_of_day: u16) -> bool {
        self.0
            .iter()
            .any(|&(s, e)| minute_of_day >= s && minute_of_day < e)
    }
}

/// A time as owners write it: `08:00`, `8`, `8am`, `8:30 pm`, `noon`, `midnight`. Returns the
/// hour and minute as written and whether it said am or pm.
fn parse_clock(s: &str) -> Result<(u16, u16, Option<bool>), String> {
    let bad = || format!("'{s}' is not a time like 08:00 or 9am");
    match s {
        "noon" => return Ok((12, 0, Some(true))),
        "midnight" => return Ok((12, 0, Some(false))),
        _ => {}
    }
    let (digits, half) = if let Some(d) = s.strip_suffix("am").or_else(|| s.strip_suffix("a.m.")) {
        (d.trim(), Some(false))
    } else if let Some(d) = s.strip_suffix("pm").or_else(|| s.strip_suffix("p.m.")) {
        (d.trim(), Some(true))
    } else {
        (s, None)
    };
    let (h, m) = match digits.split_once([':', '.']) {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return Err(bad()),
        None => (digits, "00"),
    };
    if !(1..=2).contains(&h.len()) || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let (h, m): (u16, u16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if m > 59 {
        return Err(format!("'{s}': minutes must be 00-59"));
    }
    if half.is_some() && !(1..=12).contains(&h) {
        return Err(format!("'{s}': with am or pm the hour must be 1-12"));
    }
    Ok((h, m, half))
}

/// A range's two ends in minutes after midnight. Without am/pm a range that would end before it
/// starts is read the way people mean it ("9-5" is 09:00-17:00); "1-5pm" is 13:00-17:00.
fn parse_range(a: &str, b: &str) -> Result<(u16, u16), String> {
    let with_half = |h: u16, half: Option<bool>| match half {
        Some(false) if h == 12 => 0,
        Some(true) if h < 12 => h + 12,
        _ => h,
    };
    let (ah, am, a_half) = parse_clock(a)?;
    let (bh, bm, b_half) = parse_clock(b)?;
    let mut start = with_half(ah, a_half);
    let mut end = with_half(bh, b_half);
    if b_half == Some(false) && bh == 12 && bm == 0 {
        end = 24; // "8pm-midnight"
    }
    if a_half.is_none() && b_half == Some(true) && start + 12 <= end && start < 12 {
        start += 12;
    }
    // ("08:00-07:00" is written in 24-hour form: a mistake, not an afternoon.)
    let clock_face = |raw: &str| !raw.contains([':', '.']) && !raw.starts_with('0');
    if b_half.is_none()
        && a_half.is_none()
        && clock_face(b)
        && end <= start
        && end < 12
        && (end + 12) > start
    {
        end += 12;
    }
    let check = |h: u16, m: u16, allow_24: bool, raw: &str| -> Result<u16, String> {
        if h == 24 && m == 0 && allow_24 {
            return Ok(24 * 60);
        }
        if h > 23 {
            return Err(format!("'{raw}': hours must be 00-23"));
        }
        Ok(h * 60 + m)
    };
    Ok((check(start, am, false, a)?, check(end, bm, true, b)?))
}

fn fmt_range((s, e): (u16, u16)) -> String {
    format!("{:02}:{:02}-{:02}:{:02}", s / 60, s % 60, e / 60, e % 60)
}

impl fmt::Display for DayHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("closed");
        }
        let parts: Vec<String> = self.0.iter().map(|&r| fmt_range(r)).collect();
        f.write_str(&parts.join(","))
    }
}

impl TryFrom<String> for DayHours {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<DayHours> for String {
    fn from(value: DayHours) -> Self {
        value.to_string()
    }
}

/// The week's hours and the dates the business is closed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    #[serde(default)]
    pub mon: DayHours,
    #[serde(default)]
    pub tue: DayHours,
    #[serde(default)]
    pub wed: DayHours,
    #[serde(default)]
    pub thu: DayHours,
    #[serde(default)]
    pub fri: DayHours,
    #[serde(default)]
    pub sat: DayHours,
    #[serde(default)]
    pub sun: DayHours,
    #[serde(default)]
    pub closed_dates: Vec<NaiveDate>,
}

impl Hours {
    pub fn day(&self, weekday: Weekday) -> &DayHours {
        match weekday {
            Weekday::Mon => &self.mon,
            Weekday::Tue => &self.tue,
            Weekday::Wed => &self.wed,
            Weekday::Thu => &self.thu,
            Weekday::Fri => &self.fri,
            Weekday::Sat => &self.sat,
            Weekday::Sun => &self.sun,
        }
    }

    /// Open ranges on a given local date: none on a closed date.
    pub fn on_date(&self, date: NaiveDate) -> &[(u16, u16)] {
        if self.closed_dates.contains(&date) {
            &[]
        } else {
            self.day(date.weekday()).ranges()
        }
    }

    /// Whether the business is open at a local date and time.
    pub fn is_open_at(&self, date: NaiveDate, time: NaiveTime) -> bool {
        let minute = (time.hour() * 60 + time.minute()) as u16;
        self.on_date(date)
            .iter()
            .any(|&(s, e)| minute >= s && minute < e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_split_shifts() {
        let d = DayHours::parse("08:00-12:00,13:00-17:00").unwrap();
        assert_eq!(d.ranges(), &[(480, 720), (780, 1020)]);
        assert!(d.contains(480) && !d.contains(720) && d.contains(800));
        assert_eq!(d.to_string(), "08:00-12:00,13:00-17:00");
    }

    #[test]
    fn closed_and_24() {
        assert!(DayHours::parse("closed").unwrap().is_closed());
        assert_eq!(
            DayHours::parse("00:00-24:00").unwrap().ranges(),
            &[(0, 1440)]
        );
    }

    #[test]
    fn rejects_bad_ranges() {
        for bad in [
            "25:00-26:00",
            "08:00-07:00",
            "08:00-12:00,11:00-13:00",
            "08:60-09:00",
            "13pm-5pm",
            "9pm-2am",
            "nine to five",
            "24:00-24:00",
        ] {
            assert!(DayHours::parse(bad).is_err(), "{bad} accepted");
        }
        let err = DayHours::parse("08:00-12:00,11:00-13:00").unwrap_err();
        assert!(err.contains("overlap"), "{err}");
    }

    /// The forms owners type (issue: the profile editor refused "9am-5pm"), stored as HH:MM.
    #[test]
    fn accepts_hours_as_owners_write_them() {
        for (typed, stored) in [
            ("9am-5pm", "09:00-17:00"),
            ("9-5", "09:00-17:00"),
            ("8-17", "08:00-17:00"),
            ("9:30am-1pm, 2pm-6pm", "09:30-13:00,14:00-18:00"),
            ("1-5pm", "13:00-17:00"),
            ("10 AM to 2 PM", "10:00-14:00"),
            ("7:30\u{2013}noon", "07:30-12:00"),
            ("6pm-midnight", "18:00-24:00"),
        ] {
            let parsed = DayHours::parse(typed).unwrap_or_else(|e| panic!("{typed}: {e}"));
            assert_eq!(parsed.to_string(), stored, "{typed}");
        }
    }

    #[test]
    fn closed_dates_close_the_day() {
        let hours = Hours {
            fri: DayHours::parse("08:00-16:00").unwrap(),
            closed_dates: vec![NaiveDate::from_ymd_opt(2026, 12, 25).unwrap()],
            ..Default::default()
        };
        let t = NaiveTime::from_hms_opt(10, 0, 0).unwrap();
        assert!(!hours.is_open_at(NaiveDate::from_ymd_opt(2026, 12, 25).unwrap(), t));
        assert!(hours.is_open_at(NaiveDate::from_ymd_opt(2026, 12, 18).unwrap(), t));
    }
}
