//! Appointment reminders: when each one goes (the booking's offsets, kept inside the recipient's
//! sending window), what it says, and what a reply to it means. Pure functions; the worker in
//! `jobs::reminders` applies them to the bookings rows.

use crate::domain::sms_text::to_gsm as plain;
use crate::domain::BusinessProfile;
use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Timelike};
use chrono_tz::Tz;

/// The words every reminder ends with.
pub const REPLY_HINT: &str = "Reply C to confirm, R to reschedule, X to cancel";

/// Longest reminder: two GSM-7 segments.
pub const MAX_REMINDER_UNITS: usize = 306;

/// What a caller's text means as an answer to a reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyWord {
    Confirm,
    Reschedule,
    Cancel,
}

impl ReplyWord {
    /// "c", "C.", " x " and the like; anything longer is a normal text.
    pub fn parse(body: &str) -> Option<Self> {
        let t = body.trim().trim_end_matches(['.', '!', ',', ';']).trim();
        match t.to_ascii_lowercase().as_str() {
            "c" => Some(ReplyWord::Confirm),
            "r" => Some(ReplyWord::Reschedule),
            "x" => Some(ReplyWord::Cancel),
            _ => None,
        }
    }

    /// What the engine is handed for R and X: its own reschedule and cancel flows.
    pub fn as_request(self) -> Option<&'static str> {
        match self {
            ReplyWord::Confirm => None,
            ReplyWord::Reschedule => Some("I need to reschedule"),
            ReplyWord::Cancel => Some("I need to cancel"),
        }
    }
}

/// US and Canadian area codes outside the Eastern zone, and the Eastern ones, to their zone. A
/// number whose area code is not here (or not North American) gets the business's zone. States
/// split between zones take the zone most of the area code's numbers are in.
const AREA_ZONES: &[(&str, &[u16])] = &[
    (
        "America/Los_Angeles",
        &[
            209, 213, 279, 310, 323, 341, 350, 369, 408, 415, 424, 442, 510, 530, 559, 562, 619,
            626, 628, 650, 657, 661, 669, 707, 714, 747, 760, 805, 818, 820, 831, 840, 858, 909,
            916, 925, 949, 951, // California
            206, 253, 360, 425, 509, 564, // Washington
            458, 503, 541, 971, // Oregon
            702, 725, 775, // Nevada
            236, 250, 604, 672, 778, // British Columbia
        ],
    ),
    (
        "America/Denver",
        &[
            303, 719, 720, 970, 983, // Colorado
            505, 575, // New Mexico
            385, 435, 801, // Utah
            406, 307, // Montana, Wyoming
            208, 986, // Idaho
            915, // El Paso
            368, 403, 587, 780, 825, // Alberta
        ],
    ),
    ("America/Phoenix", &[480, 520, 602, 623, 928]),
    ("America/Anchorage", &[907]),
    ("Pacific/Honolulu", &[808]),
    (
        "America/Chicago",
        &[
            210, 214, 254, 281, 325, 346, 361, 409, 430, 432, 469, 512, 682, 713, 726, 737, 806,
            817, 830, 832, 903, 936, 940, 945, 956, 972, 979, // Texas
            217, 224, 309, 312, 331, 447, 464, 618, 630, 708, 730, 773, 779, 815, 847,
            872, // Illinois
            218, 320, 507, 612, 651, 763, 952, // Minnesota
            262, 274, 414, 534, 608, 715, 920, // Wisconsin
            319, 515, 563, 641, 712, // Iowa
            314, 417, 557, 573, 636, 660, 816, 975, // Missouri
            327, 479, 501, 870, // Arkansas
            225, 318, 337, 504, 985, // Louisiana
            405, 539, 572, 580, 918, // Oklahoma
            316, 620, 785, 913, // Kansas
            308, 402, 531, // Nebraska
            605, 701, // the Dakotas
            228, 601, 662, 769, // Mississippi
            205, 251, 256, 334, 659, 938, // Alabama
            615, 629, 731, 901, 931, // Tennessee (middle and west)
            270, 364, // western Kentucky
            219, // northwest Indiana
            204, 431, 306, 639, // Manitoba, Saskatchewan
        ],
    ),
    (
        "America/New_York",
        &[
            212, 315, 332, 347, 516, 518, 585, 607, 631, 646, 680, 716, 718, 838, 845, 914, 917,
            929, 934, // New York
            201, 551, 609, 640, 732, 848, 856, 862, 908, 973, // New Jersey
            215, 223, 267, 272, 412, 445, 484, 570, 582, 610, 717, 724, 814, 835,
            878, // Pennsylvania
            239, 305, 321, 324, 352, 386, 407, 448, 561, 645, 656, 689, 727, 728, 754, 772, 786,
            813, 850, 863, 904, 941, 954, // Florida
            229, 404, 470, 478, 678, 706, 762, 770, 912, 943, // Georgia
            252, 336, 472, 704, 743, 828, 910, 919, 980, 984, // North Carolina
            803, 839, 843, 854, 864, // South Carolina
            276, 434, 540, 571, 686, 703, 757, 804, 826, 948, // Virginia
            227, 240, 301, 410, 443, 667, 302, 202, // Maryland, Delaware, DC
            339, 351, 413, 508, 617, 774, 781, 857, 978, // Massachusetts
            203, 475, 860, 959, 401, 603, 802, 207, // Connecticut, RI, NH, VT, Maine
            216, 220, 234, 283, 326, 330, 380, 419, 436, 440, 513, 567, 614, 740, 937, // Ohio
            231, 248, 269, 313, 517, 586, 616, 679, 734, 810, 906, 947, 989, // Michigan
            260, 317, 463, 574, 765, 812, 930, // Indiana
            502, 606, 859, 304, 681, 423, 865, // Kentucky, West Virginia, east Tennessee
            226, 249, 289, 343, 365, 416, 437, 519, 548, 613, 647, 705, 807, 905, // Ontario
            263, 354, 367, 418, 438, 450, 514, 579, 581, 819, 873, // Quebec
        ],
    ),
];

/// The recipient's zone from their North American area code, else `fallback`.
pub fn zone_of_number(number: &str, fallback: Tz) -> Tz {
    let Some(digits) = number.strip_prefix("+1") else {
        return fallback;
    };
    let Some(code) = digits.get(..3).and_then(|c| c.parse::<u16>().ok()) else {
        return fallback;
    };
    AREA_ZONES
        .iter()
        .find(|(_, codes)| codes.contains(&code))
        .and_then(|(zone, _)| zone.parse().ok())
        .unwrap_or(fallback)
}

fn local_instant(tz: Tz, date: NaiveDate, minutes: u32) -> Option<i64> {
    let t = NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0)?;
    tz.from_local_datetime(&date.and_time(t))
        .earliest()
        .map(|d| d.timestamp_millis())
}

/// When a reminder due at `nominal_ms` is sent, or `None` when it is skipped.
///
/// - A reminder whose time had passed when the booking was made (`made_ms`) is skipped.
/// - Inside the window `[start, end)` (minutes after local midnight in `tz`, the recipient's
///   zone) it goes at its time.
/// - Otherwise it moves earlier, to the window's last minute before its time, if that is still
///   after the booking was made; else it waits for the window to open, if that is still before
///   the appointment (`start_ms`); else it is skipped.
pub fn send_at(
    nominal_ms: i64,
    made_ms: i64,
    start_ms: i64,
    tz: Tz,
    window: (u32, u32),
) -> Option<i64> {
    if nominal_ms < made_ms || nominal_ms >= start_ms {
        return None;
    }
    let local =
        chrono::DateTime::<chrono::Utc>::from_timestamp_millis(nominal_ms)?.with_timezone(&tz);
    let minute = local.hour() * 60 + local.minute();
    let (open, close) = window;
    if (open..close).contains(&minute) {
        return Some(nominal_ms);
    }
    let date = local.date_naive();
    let (earlier_day, later_day) = if minute >= close {
        (date, date + Duration::days(1))
    } else {
        (date - Duration::days(1), date)
    };
    if let Some(earlier) = local_instant(tz, earlier_day, close - 1) {
        if earlier >= made_ms && earlier < nominal_ms {
            return Some(earlier);
        }
    }
    local_instant(tz, later_day, open).filter(|&later| later < start_ms && later > nominal_ms)
}

/// When a text that answers nothing (a pick-up after a cut-off call, a no-show note) may go:
/// now inside the recipient's window (08:00-20:00 in the zone of
/// their area code, or the business's narrower `[quiet_hours]`), else when it next opens.
pub fn next_in_window(profile: &BusinessProfile, phone: &str, now_ms: i64) -> i64 {
    let tz = zone_of_number(phone, profile.tz());
    // Due now, made now, useful for a day: `send_at` keeps it or moves it to the next opening.
    send_at(
        now_ms,
        now_ms,
        now_ms + 86_400_000,
        tz,
        profile.send_window(),
    )
    .unwrap_or(now_ms)
}

/// What the booking is for, and where, as a reminder says it.
pub struct ReminderFacts<'a> {
    pub service: Option<&'a str>,
    pub start_ms: i64,
    pub address: Option<&'a str>,
}

/// The reminder text: the business, the service, the time in the business's zone, the address
/// when the work is on site, and the reply words. Plain GSM-7, at most two segments (the address,
/// then the service, give way when too long).
pub fn reminder_text(profile: &BusinessProfile, f: &ReminderFacts<'_>) -> String {
    let when = when(profile, f.start_ms);
    let name = &profile.business.name;
    // Each part made plain on its own, so a character dropped at its end leaves no stray space.
    let service = f
        .service
        .map(|s| plain(s).trim().to_lowercase())
        .filter(|s| !s.is_empty());
    let address = f
        .address
        .filter(|_| profile.needs_address(f.service))
        .map(|a| plain(a).trim().to_string())
        .filter(|a| !a.is_empty());
    let address = address.as_deref();
    let compose = |service: Option<&str>, address: Option<&str>| {
        let what = match service {
            Some(s) => format!("your {s}"),
            None => "your appointment".to_string(),
        };
        let at = address.map(|a| format!(" at {a}")).unwrap_or_default();
        plain(&format!(
            "Reminder from {name}: {what} is {when}{at}. {REPLY_HINT}"
        ))
    };
    for (s, a) in [
        (service.as_deref(), address),
        (service.as_deref(), None),
        (None, None),
    ] {
        let text = compose(s, a);
        if crate::engine::guard::sms_units(&text) <= MAX_REMINDER_UNITS {
            return text;
        }
    }
    compose(None, None)
}

/// The answer to C.
pub fn confirmed_text(profile: &BusinessProfile, service: Option<&str>, start_ms: i64) -> String {
    let when = when(profile, start_ms);
    let what = service
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
        .map(|s| format!(" ({s})"))
        .unwrap_or_default();
    plain(&format!(
        "Thanks, you're confirmed for {when}{what}. See you then!"
    ))
}

/// The follow-up nudge to a caller who did not answer the text-back: plain GSM-7, one segment
/// (the business's name gives way when too long), ending with how to opt out.
pub fn nudge_text(profile: &BusinessProfile) -> String {
    let tail = "still need help? Just reply here and we'll get you sorted. Reply STOP to opt out.";
    let name = plain(&profile.business.name);
    let name = name.trim();
    let text = plain(&format!("Hi, it's {name} again - {tail}"));
    if !name.is_empty() && crate::engine::guard::sms_units(&text) <= 160 {
        return text;
    }
    plain(&format!("Hi again - {tail}"))
}

/// The one text to a caller marked a no-show: an offer to rebook. Plain GSM-7, one segment (the
/// service, then the business's name, give way when too long).
pub fn no_show_text(profile: &BusinessProfile, service: Option<&str>) -> String {
    let name = plain(&profile.business.name).trim().to_string();
    let service = service
        .map(|s| plain(s).trim().to_lowercase())
        .filter(|s| !s.is_empty());
    let compose = |name: Option<&str>, service: Option<&str>| {
        let who = name
            .map(|n| format!("Hi, it's {n} - "))
            .unwrap_or("Hi - ".into());
        let what = service
            .map(|s| format!("your {s}"))
            .unwrap_or("your appointment".into());
        plain(&format!(
            "{who}sorry we missed you for {what}. Want to book another time? Just reply here. Reply STOP to opt out."
        ))
    };
    let named = Some(name.as_str()).filter(|n| !n.is_empty());
    for (n, s) in [(named, service.as_deref()), (named, None)] {
        let t = compose(n, s);
        if crate::engine::guard::sms_units(&t) <= 160 {
            return t;
        }
    }
    compose(None, None)
}

/// A booking's start as the texts say it, in the business's zone: "Thu Dec 3 at 10:00 AM".
fn when(profile: &BusinessProfile, start_ms: i64) -> String {
    chrono::DateTime::<chrono::Utc>::from_timestamp_millis(start_ms)
        .unwrap_or_default()
        .with_timezone(&profile.tz())
        .format("%a %b %-d at %-I:%M %p")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(s: &str) -> i64 {
        s.parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap()
            .timestamp_millis()
    }

    #[test]
    fn reply_words() {
        for (s, w) in [
            ("c", ReplyWord::Confirm),
            ("C.", ReplyWord::Confirm),
            (" x ", ReplyWord::Cancel),
            ("R", ReplyWord::Reschedule),
            ("r!", ReplyWord::Reschedule),
        ] {
            assert_eq!(ReplyWord::parse(s), Some(w), "{s}");
        }
        for s in ["cc", "yes", "c please", "", "xr"] {
            assert_eq!(ReplyWord::parse(s), None, "{s}");
        }
    }

    #[test]
    fn reminder_texts_are_plain_and_at_most_two_segments() {
        let p =
            BusinessProfile::from_toml(include_str!("../examples/daves-plumbing.toml")).unwrap();
        let start = ms("2026-12-03T19:00:00Z");
        let t = reminder_text(
            &p,
            &ReminderFacts {
                service: Some("Drain cleaning"),
                start_ms: start,
                address: Some("12 Oak St \u{2013} \u{201c}back door\u{201d} \u{1F6AA}"),
            },
        );
        assert_eq!(
            t,
            "Reminder from Dave's Plumbing: your drain cleaning is Thu Dec 3 at 2:00 PM at 12 Oak St - \"back door\". Reply C to confirm, R to reschedule, X to cancel"
        );
        // A long address gives way first.
        let long = "1234 Very Long Boulevard Name, Building 7, Suite 1200, ".repeat(6);
        let t = reminder_text(
            &p,
            &ReminderFacts {
                service: Some("Drain cleaning"),
                start_ms: start,
                address: Some(&long),
            },
        );
        assert!(
            crate::engine::guard::sms_units(&t) <= MAX_REMINDER_UNITS,
            "{t}"
        );
        assert!(
            t.contains("your drain cleaning is Thu Dec 3 at 2:00 PM.") && t.ends_with(REPLY_HINT),
            "{t}"
        );
        // No service known: "your appointment".
        let t = reminder_text(
            &p,
            &ReminderFacts {
                service: None,
                start_ms: start,
                address: None,
            },
        );
        assert!(t.contains("your appointment is Thu Dec 3"), "{t}");
        assert_eq!(
            confirmed_text(&p, Some("Drain cleaning"), start),
            "Thanks, you're confirmed for Thu Dec 3 at 2:00 PM (drain cleaning). See you then!"
        );
    }

    #[test]
    fn nudge_text_is_one_plain_segment() {
        let mut p =
            BusinessProfile::from_toml(include_str!("../examples/daves-plumbing.toml")).unwrap();
        assert_eq!(
            nudge_text(&p),
            "Hi, it's Dave's Plumbing again - still need help? Just reply here and we'll get you sorted. Reply STOP to opt out."
        );
        p.business.name = "A \u{201c}Very\u{201d} Long Name ".repeat(8);
        let t = nudge_text(&p);
        assert!(t.starts_with("Hi again - "), "{t}");
        assert!(crate::engine::guard::sms_units(&t) <= 160, "{t}");
        let t = no_show_text(&p, Some("Drain cleaning"));
        assert!(
            t.starts_with("Hi - sorry we missed you for your appointment."),
            "{t}"
        );
        assert!(crate::engine::guard::sms_units(&t) <= 160, "{t}");
    }

    #[test]
    fn zones_from_area_codes() {
        let ny: Tz = "America/New_York".parse().unwrap();
        assert_eq!(
            zone_of_number("+14155550123", ny),
            chrono_tz::America::Los_Angeles
        );
        assert_eq!(
            zone_of_number("+16025550123", ny),
            chrono_tz::America::Phoenix
        );
        assert_eq!(
            zone_of_number("+13125550123", ny),
            chrono_tz::America::Chicago
        );
        assert_eq!(zone_of_number("+15550100123", ny), ny);
        assert_eq!(zone_of_number("+447700900123", ny), ny);
        // Every code is listed once.
        let mut all: Vec<u16> = AREA_ZONES
            .iter()
            .flat_map(|(_, c)| c.iter().copied())
            .collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n, "an area code is listed twice");
    }

    #[test]
    fn quiet_hours_move_reminders() {
        let tz: Tz = "America/New_York".parse().unwrap();
        let w = (8 * 60, 20 * 60);
        // Appointment Thu 09:00 New York (14:00Z); booked Monday.
        let start = ms("2026-12-10T14:00:00Z");
        let made = ms("2026-12-07T15:00:00Z");
        // 24h before: Wed 09:00, inside the window.
        assert_eq!(
            send_at(start - 24 * 3_600_000, made, start, tz, w),
            Some(start - 24 * 3_600_000)
        );
        // 2h before: 07:00, before the window: moves to Wed 19:59.
        assert_eq!(
            send_at(start - 2 * 3_600_000, made, start, tz, w),
            Some(ms("2026-12-10T00:59:00Z"))
        );
        // Booked Wed 21:00 (after the window): 19:59 is before the booking, and 08:00 is
        // before the appointment: it waits for the window.
        let made_late = ms("2026-12-10T02:00:00Z");
        assert_eq!(
            send_at(start - 2 * 3_600_000, made_late, start, tz, w),
            Some(ms("2026-12-10T13:00:00Z"))
        );
        // An 08:30 appointment booked late the evening before: 06:30 cannot move earlier, and the
        // window opens at 08:00, before the appointment.
        let start2 = ms("2026-12-10T13:30:00Z");
        assert_eq!(
            send_at(start2 - 2 * 3_600_000, made_late, start2, tz, w),
            Some(ms("2026-12-10T13:00:00Z"))
        );
        // An 08:00 appointment: the window opens as it starts: skipped.
        let start3 = ms("2026-12-10T13:00:00Z");
        assert_eq!(
            send_at(start3 - 2 * 3_600_000, made_late, start3, tz, w),
            None
        );
        // Too late when booked.
        assert_eq!(
            send_at(start - 24 * 3_600_000, start - 3 * 3_600_000, start, tz, w),
            None
        );
    }
}
