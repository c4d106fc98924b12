//! The calendar: owners' iCalendar feeds, open slots, proposals, race-free booking, and the
//! bookings feed owners subscribe to.
//!
//! The conversation engine uses [`service::Calendar`]: `open_slots`, `propose`, `hold`, `book`,
//! `cancel`, `reschedule`.

pub mod address;
pub mod availability;
pub mod caldav;
pub mod deps;
pub mod export;
pub mod feeds;
pub mod ics;
pub mod ics_read;
pub mod propose;
pub mod service;
pub mod zones;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// A half-open span of time `[start, end)` in UTC milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interval {
    pub start: i64,
    pub end: i64,
}

/// A bookable slot `[start, end)` in UTC milliseconds.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Slot {
    pub start: i64,
    pub end: i64,
}

impl Slot {
    pub fn start_utc(&self) -> DateTime<Utc> {
        DateTime::<Utc>::from_timestamp_millis(self.start).unwrap_or_default()
    }

    /// Short local rendering for logs and tests: `Mon 13:00`.
    pub fn fmt_local(ms: i64, tz: Tz) -> String {
        DateTime::<Utc>::from_timestamp_millis(ms)
            .unwrap_or_default()
            .with_timezone(&tz)
            .format("%a %H:%M")
            .to_string()
    }

    /// How a slot is said aloud: `Thursday, December 3 at 10 AM` (no ":00" for speech to read).
    pub fn for_speech(&self, tz: Tz) -> String {
        let local = self.start_utc().with_timezone(&tz);
        let time = local.format("%-I:%M %p").to_string().replace(":00 ", " ");
        format!("{} at {time}", local.format("%A, %B %-d"))
    }

    /// How a slot reads in a text: `Thu Dec 3, 10:00 AM`.
    pub fn for_sms(&self, tz: Tz) -> String {
        self.start_utc()
            .with_timezone(&tz)
            .format("%a %b %-d, %-I:%M %p")
            .to_string()
    }
}

/// Sort and merge overlapping or touching intervals.
pub fn merge(mut intervals: Vec<Interval>) -> Vec<Interval> {
    intervals.sort_unstable();
    let mut out: Vec<Interval> = Vec::with_capacity(intervals.len());
    for i in intervals {
        match out.last_mut() {
            Some(last) if i.start <= last.end => last.end = last.end.max(i.end),
            _ => out.push(i),
        }
    }
    out
}

/// Merge several sorted, merged lists into one.
pub fn merge_all(lists: &[&[Interval]]) -> Vec<Interval> {
    let total = lists.iter().map(|l| l.len()).sum();
    let mut all = Vec::with_capacity(total);
    for l in lists {
        all.extend_from_slice(l);
    }
    merge(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_overlapping_and_touching() {
        let m = merge(vec![
            Interval { start: 5, end: 7 },
            Interval { start: 1, end: 3 },
            Interval { start: 3, end: 4 },
            Interval { start: 6, end: 9 },
        ]);
        assert_eq!(
            m,
            vec![Interval { start: 1, end: 4 }, Interval { start: 5, end: 9 }]
        );
    }

    #[test]
    fn sms_rendering() {
        let s = Slot {
            start: "2026-12-03T15:00:00Z"
                .parse::<DateTime<Utc>>()
                .unwrap()
                .timestamp_millis(),
            end: 0,
        };
        assert_eq!(
            s.for_sms(chrono_tz::America::New_York),
            "Thu Dec 3, 10:00 AM"
        );
    }
}
