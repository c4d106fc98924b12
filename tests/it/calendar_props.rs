//! Properties of availability that must hold for any feed, any clock and any settings.

use chrono::{DateTime, Duration, Timelike, Utc};
use frontdesk::calendar::availability::{open_slots, Rules};
use frontdesk::calendar::ics::busy_time;
use frontdesk::calendar::propose::{propose, Preference};
use frontdesk::calendar::{merge, merge_all, Interval};
use frontdesk::domain::BusinessProfile;
use proptest::prelude::*;

const NY: chrono_tz::Tz = chrono_tz::America::New_York;

fn profile() -> BusinessProfile {
    BusinessProfile::from_toml(crate::helpers::EXAMPLE).unwrap()
}

fn base() -> DateTime<Utc> {
    // Late February 2026: the window crosses the March DST change.
    "2026-02-27T05:00:00Z".parse().unwrap()
}

prop_compose! {
    fn busy_list()(raw in prop::collection::vec((0i64..20 * 24 * 60, 5i64..600), 0..60)) -> Vec<Interval> {
        raw.into_iter()
            .map(|(start_min, len)| {
                let s = base().timestamp_millis() + start_min * 60_000;
                Interval { start: s, end: s + len * 60_000 }
            })
            .collect()
    }
}

fn ics_of(events: &[Interval]) -> String {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//prop//EN\r\n");
    for (i, e) in events.iter().enumerate() {
        let f = |ms: i64| {
            DateTime::<Utc>::from_timestamp_millis(ms)
                .unwrap()
                .format("%Y%m%dT%H%M%SZ")
                .to_string()
        };
        out.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:e{i}\r\nDTSTART:{}\r\nDTEND:{}\r\nSUMMARY:busy\r\nEND:VEVENT\r\n",
            f(e.start),
            f(e.end)
        ));
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn slots_respect_busy_time_hours_and_notice(
        busy in busy_list(),
        now_offset in 0i64..5 * 24 * 60,
        buffer in 0u32..90,
        notice in 0u32..300,
        service in 0usize..4,
    ) {
        let mut p = profile();
        p.booking.buffer_minutes = buffer;
        p.booking.min_notice_minutes = notice;
        let names = [None, Some("Drain cleaning"), Some("Water heater install"), Some("Leak repair")];
        let rules = Rules::for_service(&p, names[service]).unwrap();
        let now = base() + Duration::minutes(now_offset);
        let merged = merge(busy.clone());
        let slots = open_slots(&rules, now, &merged);
        let buffer_ms = i64::from(buffer) * 60_000;
        for s in &slots {
            prop_assert!(s.start >= (now + Duration::minutes(i64::from(notice))).timestamp_millis());
            prop_assert!(s.start < (now + Duration::days(i64::from(p.booking.horizon_days))).timestamp_millis());
            for b in &busy {
                prop_assert!(!(b.start < s.end + buffer_ms && b.end > s.start - buffer_ms), "slot {s:?} overlaps {b:?}");
            }
            let ls = s.start_utc().with_timezone(&NY);
            let le = DateTime::<Utc>::from_timestamp_millis(s.end).unwrap().with_timezone(&NY);
            prop_assert_eq!(ls.date_naive(), le.date_naive());
            let (sm, em) = ((ls.hour() * 60 + ls.minute()) as u16, (le.hour() * 60 + le.minute()) as u16);
            prop_assert!(p.hours.on_date(ls.date_naive()).iter().any(|&(o, c)| sm >= o && em <= c), "slot {} outside hours", ls);
            prop_assert_eq!(sm % 30, 0);
        }
        // Proposals are open slots, at most max_proposals of them, without repeats.
        let picks = propose(&slots, &Preference::default(), 3, NY);
        prop_assert!(picks.len() <= 3);
        prop_assert!(picks.iter().all(|s| slots.contains(s)));
        prop_assert_eq!(picks.len(), picks.iter().collect::<std::collections::HashSet<_>>().len());
        if !slots.is_empty() {
            prop_assert_eq!(picks[0], slots[0]);
        }
    }

    #[test]
    fn results_do_not_depend_on_feed_or_event_order(busy in busy_list(), split in 0usize..60, seed in any::<u64>()) {
        let split = split.min(busy.len());
        let (a, b) = busy.split_at(split);
        let from = base() - Duration::days(1);
        let to = base() + Duration::days(30);
        let feed_a = busy_time(&ics_of(a), NY, from, to).unwrap().intervals;
        let feed_b = busy_time(&ics_of(b), NY, from, to).unwrap().intervals;
        let mut shuffled = busy.clone();
        // A cheap deterministic shuffle from the seed.
        let mut x = seed | 1;
        for i in (1..shuffled.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            shuffled.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let one_feed = busy_time(&ics_of(&shuffled), NY, from, to).unwrap().intervals;
        prop_assert_eq!(&merge_all(&[&feed_a, &feed_b]), &merge_all(&[&feed_b, &feed_a]));
        prop_assert_eq!(&merge_all(&[&feed_a, &feed_b]), &one_feed);
        let p = profile();
        let rules = Rules::for_service(&p, None).unwrap();
        prop_assert_eq!(open_slots(&rules, base(), &one_feed), open_slots(&rules, base(), &merge_all(&[&feed_b, &feed_a])));
    }
}
