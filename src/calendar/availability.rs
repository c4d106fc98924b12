//! Open slots: inside business hours for the weekday (split shifts too), not on closed dates, at
//! least the minimum notice from now, within the horizon, clear of busy time and bookings by the
//! buffer, starting on a clean grid and fitting entirely inside open hours. Computed in the
//! business's zone; instants are UTC milliseconds.

use super::ics::local_instant;
use super::{Interval, Slot};
use crate::domain::profile::BusinessProfile;
use crate::domain::Hours;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;

/// The rules for one service's slots.
#[derive(Debug, Clone)]
pub struct Rules<'a> {
    pub hours: &'a Hours,
    pub tz: Tz,
    pub duration_minutes: u32,
    pub min_notice_minutes: u32,
    pub horizon_days: u32,
    pub buffer_minutes: u32,
    pub grid_minutes: u32,
}

impl<'a> Rules<'a> {
    /// Rules for a service of the profile (by name, case-insensitive); `None` uses `slot_minutes`.
    pub fn for_service(
        profile: &'a BusinessProfile,
        service: Option<&str>,
    ) -> Result<Self, String> {
        let b = &profile.booking;
        let duration = match service {
            None => b.slot_minutes,
            Some(name) => {
                let s = profile
                    .services
                    .iter()
                    .find(|s| s.name.eq_ignore_ascii_case(name.trim()))
                    .ok_or_else(|| format!("'{name}' is not one of the services"))?;
                s.duration_minutes.unwrap_or(b.slot_minutes)
            }
        };
        Ok(Self {
            hours: &profile.hours,
            tz: profile.tz(),
            duration_minutes: duration,
            min_notice_minutes: b.min_notice_minutes,
            horizon_days: b.horizon_days,
            buffer_minutes: b.buffer_minutes,
            grid_minutes: b.grid_minutes,
        })
    }

    fn duration_ms(&self) -> i64 {
        i64::from(self.duration_minutes) * 60_000
    }
    fn buffer_ms(&self) -> i64 {
        i64::from(self.buffer_minutes) * 60_000
    }
    fn earliest(&self, now: DateTime<Utc>) -> i64 {
        (now + Duration::minutes(i64::from(self.min_notice_minutes))).timestamp_millis()
    }
    fn latest(&self, now: DateTime<Utc>) -> i64 {
        (now + Duration::days(i64::from(self.horizon_days))).timestamp_millis()
    }
}

/// Why a slot is not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotProblem {
    OffGrid,
    OutsideHours,
    TooSoon,
    BeyondHorizon,
    Busy,
}

impl SlotProblem {
    pub fn explain(self) -> &'static str {
        match self {
            SlotProblem::OffGrid => "that time is not on the booking grid",
            SlotProblem::OutsideHours => "that time is outside business hours",
            SlotProblem::TooSoon => "that time is too soon to book",
            SlotProblem::BeyondHorizon => "that time is too far ahead to book",
            SlotProblem::Busy => "that time is no longer free",
        }
    }
}

/// Does `[start - buffer, end + buffer)` touch any busy interval? `busy` is sorted and merged.
pub fn overlaps(busy: &[Interval], start: i64, end: i64, buffer: i64) -> bool {
    let (lo, hi) = (start - buffer, end + buffer);
    let i = busy.partition_point(|b| b.end <= lo);
    busy.get(i).is_some_and(|b| b.start < hi)
}

/// How long an offered time stays bookable past the minimum notice: a caller who answers a few
/// minutes later still gets the time they were offered (as long as a hold lasts).
pub const OFFER_GRACE_MINUTES: i64 = 15;

/// Every open slot from `now` to the horizon, earliest first: times that are still bookable when
/// the caller answers.
pub fn open_slots(rules: &Rules<'_>, now: DateTime<Utc>, busy: &[Interval]) -> Vec<Slot> {
    let grid = rules.grid_minutes.max(5) as u16;
    let dur_min = rules.duration_minutes as u16;
    let (earliest, latest) = (
        rules.earliest(now) + OFFER_GRACE_MINUTES * 60_000,
        rules.latest(now),
    );
    let first_day = now.with_timezone(&rules.tz).date_naive();
    let mut out = Vec::new();
    for offset in 0..=i64::from(rules.horizon_days) {
        let date = first_day + Duration::days(offset);
        for &(open, close) in rules.hours.on_date(date) {
            let mut minute = open.div_ceil(grid) * grid;
            while minute + dur_min <= close {
                let start = local_instant(rules.tz, at_minute(date, minute)).timestamp_millis();
                let end = start + rules.duration_ms();
                minute += grid;
                if start < earliest || start >= latest {
                    continue;
                }
                // Wall-clock fit: on a DST night the absolute end can land past closing time.
                if !fits_hours(rules, date, start, end)
                    || overlaps(busy, start, end, rules.buffer_ms())
                {
                    continue;
                }
                out.push(Slot { start, end });
            }
        }
    }
    out.dedup();
    out
}

fn at_minute(date: NaiveDate, minute: u16) -> chrono::NaiveDateTime {
    date.and_hms_opt(0, 0, 0).expect("midnight") + Duration::minutes(i64::from(minute))
}

/// The slot's local start and end lie in one open range of `date`.
fn fits_hours(rules: &Rules<'_>, date: NaiveDate, start: i64, end: i64) -> bool {
    let to_local = |ms: i64| {
        DateTime::<Utc>::from_timestamp_millis(ms)
            .unwrap_or_default()
            .with_timezone(&rules.tz)
    };
    let (s, e) = (to_local(start), to_local(end));
    if s.date_naive() != date {
        return false;
    }
    let s_min = (s.hour() * 60 + s.minute()) as u16;
    let e_min = if e.date_naive() == date {
        (e.hour() * 60 + e.minute()) as u16
    } else if e.date_naive() == date.succ_opt().unwrap_or(date) && e.hour() == 0 && e.minute() == 0
    {
        1440
    } else {
        return false;
    };
    rules
        .hours
        .on_date(date)
        .iter()
        .any(|&(o, c)| s_min >= o && e_min <= c && s_min < e_min)
}

/// Check one slot against the rules and the busy time (used again at booking time).
pub fn check_slot(
    rules: &Rules<'_>,
    now: DateTime<Utc>,
    busy: &[Interval],
    slot: Slot,
) -> Result<(), SlotProblem> {
    if slot.end - slot.start != rules.duration_ms() {
        return Err(SlotProblem::OutsideHours);
    }
    let local = DateTime::<Utc>::from_timestamp_millis(slot.start)
        .unwrap_or_default()
        .with_timezone(&rules.tz);
    let minute = local.hour() * 60 + local.minute();
    if local.second() != 0 || minute % rules.grid_minutes.max(5) != 0 {
        return Err(SlotProblem::OffGrid);
    }
    if !fits_hours(rules, local.date_naive(), slot.start, slot.end)
        || local.weekday().num_days_from_monday() > 6
    {
        return Err(SlotProblem::OutsideHours);
    }
    if slot.start < rules.earliest(now) {
        return Err(SlotProblem::TooSoon);
    }
    if slot.start >= rules.latest(now) {
        return Err(SlotProblem::BeyondHorizon);
    }
    if overlaps(busy, slot.start, slot.end, rules.buffer_ms()) {
        return Err(SlotProblem::Busy);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::DayHours;

    fn hours() -> Hours {
        Hours {
            mon: DayHours::parse("08:00-12:00,13:00-17:00").unwrap(),
            tue: DayHours::parse("08:00-17:00").unwrap(),
            closed_dates: vec![NaiveDate::from_ymd_opt(2026, 12, 8).unwrap()],
            ..Default::default()
        }
    }

    fn rules(h: &Hours) -> Rules<'_> {
        Rules {
            hours: h,
            tz: chrono_tz::America::New_York,
            duration_minutes: 60,
            min_notice_minutes: 120,
            horizon_days: 14,
            buffer_minutes: 30,
            grid_minutes: 30,
        }
    }

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn split_shift_and_notice() {
        let h = hours();
        let r = rules(&h);
        // Monday Nov 30 2026, 09:10 in New York.
        let now = t("2026-11-30T14:10:00Z");
        let slots = open_slots(&r, now, &[]);
        let first: Vec<String> = slots
            .iter()
            .take(5)
            .map(|s| Slot::fmt_local(s.start, r.tz))
            .collect();
        // Notice pushes to 11:10, so 11:30 is too late for the morning shift (ends 12:00): 13:00 on.
        assert_eq!(
            first,
            vec![
                "Mon 13:00",
                "Mon 13:30",
                "Mon 14:00",
                "Mon 14:30",
                "Mon 15:00"
            ]
        );
        // An offered time is still bookable when the caller answers a few minutes later.
        let right_at_notice = t("2026-11-30T14:30:00Z"); // 09:30: notice reaches 11:30 exactly
        let offered = open_slots(&r, right_at_notice, &[]);
        let answered = right_at_notice + Duration::minutes(OFFER_GRACE_MINUTES - 1);
        assert!(check_slot(&r, answered, &[], offered[0]).is_ok());
        // Tuesday Dec 8 is a closed date; no slot then.
        assert!(slots
            .iter()
            .all(|s| !Slot::fmt_local(s.start, r.tz).starts_with("Tue")
                || s.start < t("2026-12-08T05:00:00Z").timestamp_millis()
                || s.start >= t("2026-12-09T05:00:00Z").timestamp_millis()));
    }

    #[test]
    fn busy_time_and_buffer_block_slots() {
        let h = hours();
        let r = rules(&h);
        let now = t("2026-11-30T12:00:00Z");
        // Busy Tuesday Dec 1 10:00-11:00 local.
        let busy = [Interval {
            start: t("2026-12-01T15:00:00Z").timestamp_millis(),
            end: t("2026-12-01T16:00:00Z").timestamp_millis(),
        }];
        let slots = open_slots(&r, now, &busy);
        let tue: Vec<String> = slots
            .iter()
            .filter(|s| {
                s.start >= t("2026-12-01T05:00:00Z").timestamp_millis()
                    && s.start < t("2026-12-02T05:00:00Z").timestamp_millis()
            })
            .map(|s| Slot::fmt_local(s.start, r.tz))
            .collect();
        // 08:00 and 08:30 end by 09:30 (buffer ok); 09:00 would end 10:00 (inside the buffer);
        // the next free start is 11:30.
        assert_eq!(&tue[..3], &["Tue 08:00", "Tue 08:30", "Tue 11:30"]);
        let slot = Slot {
            start: t("2026-12-01T14:00:00Z").timestamp_millis(),
            end: t("2026-12-01T15:00:00Z").timestamp_millis(),
        };
        assert_eq!(check_slot(&r, now, &busy, slot), Err(SlotProblem::Busy));
    }
}
