//! One tenant's input cannot hold the server: whatever an owner, a caller, a calendar feed or a
//! model sends, handling one input takes bounded time and allocates bounded memory. Measured here,
//! per input, with a counting allocator (bytes allocated on the test's thread) and a clock.
//!
//! The bounds are generous for a debug build on a slow, busy machine (the whole suite runs in
//! parallel): the point is that they do not grow with how hostile the input is (a template bomb
//! allocated 1 GiB; a loop ran for minutes; a 64 KB text took 31 s in the name search).

use crate::properties::{example_profile, ics_availability, understanding};
use crate::ALLOCATED;
use frontdesk::domain::profile::render_sms_template;
use frontdesk::domain::BusinessProfile;
use frontdesk::engine::guard;
use proptest::prelude::*;
use std::time::{Duration, Instant};

const MAX_TIME: Duration = Duration::from_secs(5);
const MAX_BYTES: usize = 64 << 20;

/// Run `f` and check its cost.
fn bounded(what: &str, f: impl FnOnce()) {
    let before = ALLOCATED.with(|a| a.get());
    let started = Instant::now();
    f();
    let took = started.elapsed();
    let bytes = ALLOCATED.with(|a| a.get()) - before;
    assert!(took < MAX_TIME, "{what} took {took:?}");
    assert!(bytes < MAX_BYTES, "{what} allocated {} MiB", bytes >> 20);
}

fn cases() -> u32 {
    std::env::var("FRONTDESK_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

/// Pieces that make parsers and matchers work hard, repeated many times.
fn hostile(max_repeat: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("{% if open_now %}".to_string()),
        Just("{% endif %}".to_string()),
        Just("{{ business.about }}".to_string()),
        Just("{% for i in [1,2,3] %}".to_string()),
        Just("{% set_global a = a ~ a %}".to_string()),
        Just(
            "BEGIN:VEVENT\nDTSTART:20261203T150000Z\nRRULE:FREQ=SECONDLY\nEND:VEVENT\n".to_string()
        ),
        Just("RRULE:FREQ=MINUTELY;INTERVAL=1;COUNT=1000000\n".to_string()),
        Just("help gas smell my baby ".to_string()),
        Just("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".to_string()),
        Just("$99 bit.ly/x ninety nine dollars ".to_string()),
        Just("\u{1F600}".to_string()),
        Just("1234 Main St apt 5, ".to_string()),
        "[a-z ]{0,20}",
    ];
    prop::collection::vec(piece, 0..max_repeat).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn owner_templates_are_bounded(t in hostile(200)) {
        let p = example_profile();
        bounded("a text template", || {
            let _ = render_sms_template(&t, &p, true);
            let _ = render_sms_template(&t, &p, false);
        });
    }

    #[test]
    fn caller_texts_are_bounded(t in hostile(400)) {
        let p = example_profile();
        bounded("a caller's text", || understanding(&p, &t));
    }

    #[test]
    fn feed_bodies_are_bounded(t in hostile(2000)) {
        let p = example_profile();
        let body = format!("BEGIN:VCALENDAR\nVERSION:2.0\n{t}\nEND:VCALENDAR\n");
        bounded("a calendar feed", || ics_availability(&p, &body));
    }

    #[test]
    fn model_answers_are_bounded(t in hostile(2000)) {
        let p = example_profile();
        bounded("a model's answer", || {
            let r = guard::finalize(&t);
            let _ = guard::ungrounded(&t, &p, &[]);
            let _ = guard::unpromised(&t, &p);
            let _ = guard::gibberish(&r);
        });
    }

    #[test]
    fn profiles_are_bounded(n in 0usize..5000, t in hostile(50)) {
        let mut toml = crate::properties::EXAMPLE.to_string();
        for i in 0..n {
            toml.push_str(&format!(
                "\n[[services]]\nname = \"s{i} {}\"\nduration_minutes = 30\n",
                t.replace(['"', '\\', '\n'], " ")
            ));
        }
        bounded("a profile", || {
            let _ = BusinessProfile::from_toml(&toml);
        });
    }
}

/// Large, worst-case inputs of each kind, beyond what the generators reach.
#[test]
fn the_largest_inputs_are_bounded() {
    let p = example_profile();
    // Profiles past the size limits are refused with the field named, before anything slow.
    let mut toml = crate::properties::EXAMPLE.to_string();
    for i in 0..150 {
        toml.push_str(&format!(
            "\n[[services]]\nname = \"extra {i}\"\nduration_minutes = 30\n"
        ));
    }
    let e = BusinessProfile::from_toml(&toml).unwrap_err().to_string();
    assert!(e.contains("services") && e.contains("at most 100"), "{e}");
    let long_about = crate::properties::EXAMPLE.replacen(
        "about = \"Family-owned",
        &format!("about = \"{} Family-owned", "x".repeat(5000)),
        1,
    );
    let e = BusinessProfile::from_toml(&long_about)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("business.about") && e.contains("at most 2000"),
        "{e}"
    );
    let bomb = "{% if open_now %}{{ business.about }}".repeat(60);
    bounded("a template of nested ifs", || {
        let _ = render_sms_template(&bomb, &p, true);
    });
    let text = "my baby is sick and the gas smells help call me ".repeat(1400);
    bounded("a 64 KB caller text", || understanding(&p, &text));
    let mut ics = String::from("BEGIN:VCALENDAR\n");
    for i in 0..900 {
        ics.push_str(&format!(
            "BEGIN:VEVENT\nUID:{i}\nDTSTART:20261203T150000Z\nDTEND:20261203T160000Z\nRRULE:FREQ=MINUTELY\nEND:VEVENT\n"
        ));
    }
    ics.push_str("END:VCALENDAR\n");
    bounded("900 minutely recurring events", || {
        ics_availability(&p, &ics)
    });
    let answer = "A".repeat(100_000);
    bounded("a 100 KB model answer", || {
        let _ = guard::gibberish(&guard::finalize(&answer));
        let _ = guard::ungrounded(&answer, &p, &[]);
    });
}

/// Rules that began centuries ago: the expander steps from DTSTART, so each would cost minutes
/// before reaching this month (the first was found by the `ics_availability` fuzz target: a zone
/// observance with a minutely rule from 1601, 25 s for one 3 KB feed). Each is bounded, and
/// its cost does not grow with how long ago it began.
#[test]
fn rules_begun_centuries_ago_are_bounded() {
    let p = example_profile();
    let found = include_str!("../fixtures/ics/zone-rule-every-minute-since-1601.ics");
    bounded("the fuzz target's feed", || ics_availability(&p, found));
    let zone = |rule: &str| {
        format!(
            "BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nTZID:Old time\nBEGIN:STANDARD\nDTSTART:16010101T020000\n\
TZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nRRULE:{rule}\nEND:STANDARD\nEND:VTIMEZONE\n\
BEGIN:VEVENT\nUID:z\nDTSTART;TZID=Old time:20261203T090000\nDTEND;TZID=Old time:20261203T100000\n\
END:VEVENT\nEND:VCALENDAR\n"
        )
    };
    let event = |start: &str, rule: &str| {
        format!(
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:e\nDTSTART{start}\nDURATION:PT15M\nRRULE:{rule}\n\
END:VEVENT\nEND:VCALENDAR\n"
        )
    };
    let feeds = [
        zone("FREQ=MINUTELY"),
        zone("FREQ=HOURLY"),
        zone("FREQ=DAILY;COUNT=100000000"),
        zone("FREQ=YEARLY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23"),
        event(":00010101T000000Z", "FREQ=HOURLY"),
        event(
            ";TZID=America/New_York:00010101T000000",
            "FREQ=HOURLY;BYDAY=MO",
        ),
        event(";VALUE=DATE:00010101", "FREQ=DAILY;COUNT=2000000000"),
        event(
            ":16010101T000000Z",
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=1,2,3,4,5,6,7,8",
        ),
        event(
            ":16010101T000000Z",
            "FREQ=MONTHLY;BYMONTHDAY=1,2,3;BYHOUR=1,2,3,4,5,6,7,8",
        ),
    ];
    for feed in &feeds {
        bounded(feed, || ics_availability(&p, feed));
    }
}
