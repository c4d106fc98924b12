//! Answers built only from the business profile: FAQ, services and prices, hours, service area.

use super::understand::Topic;
use crate::calendar::ics::local_instant;
use crate::domain::profile::{in_sentence, BusinessProfile};
use chrono::{DateTime, Datelike, Duration, Timelike, Utc, Weekday};

fn clock(minute: u16) -> String {
    let (h, m) = (minute / 60, minute % 60);
    let (h12, ampm) = match h {
        0 | 24 => (12, "am"),
        12 => (12, "pm"),
        h if h > 12 => (h - 12, "pm"),
        h => (h, "am"),
    };
    if m == 0 {
        format!("{h12}{ampm}")
    } else {
        format!("{h12}:{m:02}{ampm}")
    }
}

const DAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "Mon"),
    (Weekday::Tue, "Tue"),
    (Weekday::Wed, "Wed"),
    (Weekday::Thu, "Thu"),
    (Weekday::Fri, "Fri"),
    (Weekday::Sat, "Sat"),
    (Weekday::Sun, "Sun"),
];

/// "Mon 8am-12pm and 1pm-5pm, Tue-Thu 8am-5pm, Fri 8am-4pm, Sat 9am-12pm, Sun closed".
pub fn hours_summary(profile: &BusinessProfile) -> String {
    let describe = |w: Weekday| {
        let ranges = profile.hours.day(w).ranges();
        if ranges.is_empty() {
            "closed".to_string()
        } else {
            ranges
                .iter()
                .map(|&(s, e)| format!("{}-{}", clock(s), clock(e)))
                .collect::<Vec<_>>()
                .join(" and ")
        }
    };
    let mut groups: Vec<(usize, usize, String)> = Vec::new();
    for (i, (w, _)) in DAYS.iter().enumerate() {
        let d = describe(*w);
        match groups.last_mut() {
            Some((_, end, last)) if *last == d => *end = i,
            _ => groups.push((i, i, d)),
        }
    }
    groups
        .iter()
        .map(|(a, b, d)| {
            if a == b {
                format!("{} {d}", DAYS[*a].1)
            } else {
                format!("{}-{} {d}", DAYS[*a].1, DAYS[*b].1)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The next moment the business opens after `now`, if within two weeks.
pub fn next_opening(profile: &BusinessProfile, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let tz = profile.tz();
    let today = now.with_timezone(&tz).date_naive();
    for d in 0..15 {
        let date = today + Duration::days(d);
        for &(open, _) in profile.hours.on_date(date) {
            let t = local_instant(
                tz,
                date.and_hms_opt(0, 0, 0)? + Duration::minutes(i64::from(open)),
            );
            if t > now {
                return Some(t);
            }
        }
    }
    None
}

/// When a person will follow up, in words: "shortly" during hours, else "when we open Mon at 8am".
pub fn follow_up_when(profile: &BusinessProfile, now: DateTime<Utc>) -> String {
    if profile.is_open_at(now) {
        return "shortly".into();
    }
    match next_opening(profile, now) {
        Some(t) => {
            let local = t.with_timezone(&profile.tz());
            let minute = (local.hour() * 60 + local.minute()) as u16;
            let same_day = local.date_naive() == now.with_timezone(&profile.tz()).date_naive();
            let tomorrow = local.date_naive()
                == now.with_timezone(&profile.tz()).date_naive() + Duration::days(1);
            let day = if same_day {
                "today".to_string()
            } else if tomorrow {
                "tomorrow".to_string()
            } else {
                DAYS[local.weekday().num_days_from_monday() as usize]
                    .1
                    .to_string()
            };
            format!("when we open {day} at {}", clock(minute))
        }
        None => "as soon as we can".into(),
    }
}

fn service_line(profile: &BusinessProfile, i: usize) -> String {
    let s = &profile.services[i];
    match &s.price {
        Some(p) => format!("{} ({p})", s.name),
        None => s.name.clone(),
    }
}

/// The profile's answer to a topic.
pub fn answer(topic: &Topic, profile: &BusinessProfile) -> String {
    match topic {
        Topic::Faq(i) => profile.faq[*i].a.clone(),
        Topic::Service { index, price_asked } => {
            let s = &profile.services[*index];
            match (&s.price, price_asked) {
                // ("Free floor estimate is Free." says nothing twice.)
                (Some(p), true) if p.trim().eq_ignore_ascii_case("free") => {
                    if s.name.to_lowercase().contains("free") {
                        format!("{} costs nothing.", s.name)
                    } else {
                        format!("{} is free.", s.name)
                    }
                }
                (Some(p), true) => format!("{} is {p}.", s.name),
                (None, true) => format!(
                    "We do {}; the price depends on the job, so we'll confirm it with you.",
                    in_sentence(&s.name)
                ),
                (Some(p), false) => format!("Yes, we do {} ({p}).", in_sentence(&s.name)),
                (None, false) => format!("Yes, we do {}.", in_sentence(&s.name)),
            }
        }
        Topic::Services => {
            let lines: Vec<String> = (0..profile.services.len())
                .map(|i| service_line(profile, i))
                .collect();
            match lines.len() {
                0 => format!("{} will confirm prices with you.", profile.business.name),
                1 => format!("We offer {}.", lines[0]),
                n => format!(
                    "We offer {} and {}.",
                    lines[..n - 1].join(", "),
                    lines[n - 1]
                ),
            }
        }
        Topic::Prices(services) => services
            .iter()
            .filter_map(|&i| profile.services.get(i))
            .map(|s| match &s.price {
                Some(p) => format!("{} is {p}.", s.name),
                None => format!("{}: we'll confirm the price with you.", s.name),
            })
            .collect::<Vec<_>>()
            .join(" "),
        Topic::Hours => format!("Our hours: {}.", hours_summary(profile)),
        Topic::ServiceArea => {
            if profile.business.service_area.is_empty() {
                format!(
                    "{} will confirm whether we cover your area.",
                    profile.business.name
                )
            } else {
                // The owner's own sentence ("We come to your home in...") is said as written; a
                // list of places gets "We serve".
                let area = profile.business.service_area.trim_end_matches('.');
                let sentence = area.split_whitespace().count() > 1
                    && ["we ", "our ", "shop ", "studio ", "office "]
                        .iter()
                        .any(|w| area.to_lowercase().starts_with(w));
                if sentence {
                    format!("{area}.")
                } else {
                    format!("We serve {area}.")
                }
            }
        }
        Topic::About => profile.business.about.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> BusinessProfile {
        BusinessProfile::from_toml(include_str!("../../examples/daves-plumbing.toml")).unwrap()
    }

    #[test]
    fn hours_read_naturally() {
        assert_eq!(
            hours_summary(&profile()),
            "Mon 8am-12pm and 1pm-5pm, Tue-Thu 8am-5pm, Fri 8am-4pm, Sat 9am-12pm, Sun closed"
        );
    }

    #[test]
    fn follow_up_times() {
        let p = profile();
        // Wednesday 10:00 in New York: open.
        assert_eq!(
            follow_up_when(&p, "2026-12-02T15:00:00Z".parse().unwrap()),
            "shortly"
        );
        // Saturday 13:00: closed until Monday 8am.
        assert_eq!(
            follow_up_when(&p, "2026-12-05T18:00:00Z".parse().unwrap()),
            "when we open Mon at 8am"
        );
        // Tuesday 20:00: tomorrow at 8am.
        assert_eq!(
            follow_up_when(&p, "2026-12-02T01:00:00Z".parse().unwrap()),
            "when we open tomorrow at 8am"
        );
    }

    #[test]
    fn answers_from_the_profile() {
        let p = profile();
        assert_eq!(
            answer(
                &Topic::Service {
                    index: 0,
                    price_asked: true
                },
                &p
            ),
            "Drain cleaning is $149 flat rate."
        );
        assert_eq!(
            answer(&Topic::Services, &p),
            "We offer Drain cleaning ($149 flat rate), Water heater install (from $1,200 including the unit) and Leak repair (from $180)."
        );
        assert_eq!(
            answer(&Topic::ServiceArea, &p),
            "We serve Tampa, St. Petersburg and Clearwater."
        );
    }

    #[test]
    fn a_free_service_is_said_to_be_free_once() {
        let mut p = profile();
        p.services[0].price = Some("Free".into());
        let asked = Topic::Service {
            index: 0,
            price_asked: true,
        };
        assert_eq!(answer(&asked, &p), "Drain cleaning is free.");
        p.services[0].name = "Free drain inspection".into();
        assert_eq!(answer(&asked, &p), "Free drain inspection costs nothing.");
        // An acronym keeps its capitals inside the sentence.
        p.services[0].name = "AC repair".into();
        p.services[0].price = Some("$89".into());
        let offered = Topic::Service {
            index: 0,
            price_asked: false,
        };
        assert_eq!(answer(&offered, &p), "Yes, we do AC repair ($89).");
    }
}
