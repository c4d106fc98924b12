//! The properties hostile input must keep, one function per fuzz target. Shared by the proptest
//! runs in `cargo test` (`fuzz.rs`) and the coverage-guided libFuzzer targets in `fuzz/` (which
//! include this file): each function panics when a property is broken.

use chrono::{DateTime, Duration, Utc};
use frontdesk::calendar::availability::{open_slots, Rules};
use frontdesk::calendar::ics::busy_time;
use frontdesk::domain::{sms_text, BusinessProfile};
use frontdesk::engine::understand;
use frontdesk::telephony::twilio::{signature, verify};

/// The example business every target runs against.
pub const EXAMPLE: &str = include_str!("../../examples/daves-plumbing.toml");

pub fn example_profile() -> BusinessProfile {
    BusinessProfile::from_toml(EXAMPLE).expect("the example profile is valid")
}

/// Twilio forms: any body parses or is refused (never a panic), and a signature verifies for
/// exactly the URL and parameters it was made for.
pub fn twilio_form(body: &[u8], url: &str, token: &str, given: &str, extra: &str) {
    let params: Vec<(String, String)> = serde_urlencoded::from_bytes(body).unwrap_or_default();
    let good = signature(token, url, &params);
    if given != good {
        assert!(
            !verify(token, url, &params, given),
            "a forged signature verified"
        );
    }
    assert!(
        verify(token, url, &params, &good),
        "a genuine signature was refused"
    );
    if !extra.is_empty() {
        let mut tampered = params.clone();
        tampered.push((extra.to_string(), "1".into()));
        assert!(
            !verify(token, url, &tampered, &good),
            "an added parameter went unnoticed"
        );
    }
    let other_url = format!("{url}x");
    assert!(
        !verify(token, &other_url, &params, &good),
        "another URL verified"
    );
}

/// Profile TOML: any text, and the example with line `line` replaced by `junk`, is accepted or
/// refused with a field and message, never a panic; what is accepted survives export and import.
pub fn profile_toml(text: &str, line: usize, junk: &str) {
    let _ = BusinessProfile::from_toml(text);
    let mut lines: Vec<&str> = EXAMPLE.lines().collect();
    let i = line % lines.len();
    lines[i] = junk;
    match BusinessProfile::from_toml(&lines.join("\n")) {
        Ok(p) => {
            let again = BusinessProfile::from_toml(&p.to_toml());
            assert_eq!(
                again.ok().as_ref(),
                Some(&p),
                "export then import changed the profile"
            );
        }
        Err(e) => assert!(!e.message.is_empty(), "a refusal without a message"),
    }
}

/// ICS: any feed is parsed or refused without a panic, and the slots offered never overlap what
/// it marks busy.
pub fn ics_availability(profile: &BusinessProfile, ics: &str) {
    let now: DateTime<Utc> = "2026-03-02T13:00:00Z".parse().expect("a fixed instant");
    if let Ok(busy) = busy_time(ics, profile.tz(), now, now + Duration::days(14)) {
        let rules = Rules::for_service(profile, None).expect("rules for the example");
        for slot in open_slots(&rules, now, &busy.intervals) {
            for b in &busy.intervals {
                assert!(
                    slot.end <= b.start || slot.start >= b.end,
                    "slot {slot:?} overlaps busy {b:?}"
                );
            }
        }
    }
}

/// GSM-7: normalising is idempotent, never lengthens plain GSM-7 text, and the segment count
/// follows the documented limits.
pub fn gsm7(text: &str) {
    let n = sms_text::normalize(text);
    assert_eq!(
        sms_text::normalize(&n),
        n,
        "normalising twice changed the text"
    );
    let m = sms_text::measure(&n);
    let (single, multi) = match m.encoding {
        sms_text::Encoding::Gsm7 => (160, 153),
        sms_text::Encoding::Ucs2 => (70, 67),
    };
    let expected = if m.units == 0 {
        0
    } else if m.units <= single {
        1
    } else {
        m.units.div_ceil(multi)
    };
    assert_eq!(m.segments, expected, "segments of {} units", m.units);
    let before = sms_text::measure(text);
    if before.encoding == sms_text::Encoding::Gsm7 {
        assert!(m.units <= before.units, "normalising lengthened GSM-7 text");
    }
}

/// The built-in policy's understanding: never a panic, and what it picks is in range.
pub fn understanding(profile: &BusinessProfile, text: &str) {
    let _ = understand::is_yes(text);
    let _ = understand::is_no(text);
    let _ = frontdesk::engine::detect::danger(text, None);
    let _ = frontdesk::engine::detect::wants_person(text);
    let _ = frontdesk::engine::detect::complaint(text, &profile.escalation.keywords);
    let _ = understand::looks_automated(text);
    let _ = understand::wants_booking(text);
    let _ = understand::wants_cancel(text);
    let _ = understand::wants_reschedule(text);
    let _ = understand::is_question(text);
    let _ = understand::topic(text, profile);
    let _ = understand::best_faq(text, profile);
    if let Some(i) = understand::match_service(text, profile) {
        assert!(i < profile.services.len(), "service {i} out of range");
    }
    if let Some(n) = understand::pick_number(text, 3) {
        assert!((1..=3).contains(&n), "picked option {n} of 3");
    }
    let _ = frontdesk::inbound::classify(text);
    let _ = understand::extract_address(text);
    let _ = understand::extract_name(text);
}
