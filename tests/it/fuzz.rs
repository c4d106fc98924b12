//! Hostile input, fuzzed with proptest (cargo-fuzz needs a nightly toolchain these machines do not
//! have). Five targets: Twilio form parsing and signature checks, the profile TOML import, ICS
//! parsing plus availability, the GSM-7 normaliser and segment counter, and the built-in policy's
//! text understanding. Each must never panic, and each keeps a property a user would notice.
//!
//! CI runs each target for a bounded number of cases (`FRONTDESK_FUZZ_CASES`, default 256); run
//! longer locally with e.g. `FRONTDESK_FUZZ_CASES=20000 cargo test --test it fuzz`.

use chrono::{DateTime, Duration, Utc};
use frontdesk::calendar::availability::{open_slots, Rules};
use frontdesk::calendar::ics::busy_time;
use frontdesk::domain::{sms_text, BusinessProfile};
use frontdesk::engine::understand;
use frontdesk::telephony::twilio::{signature, verify};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("FRONTDESK_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

fn profile() -> BusinessProfile {
    BusinessProfile::from_toml(crate::helpers::EXAMPLE).unwrap()
}

/// Text with the characters that break parsers: quotes, brackets, escapes, newlines, non-ASCII.
fn nasty_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,200}",
        "[\\x00-\\x7f]{0,200}",
        prop::collection::vec(
            prop_oneof![
                Just("\"".to_string()),
                Just("'".to_string()),
                Just("[".to_string()),
                Just("]]".to_string()),
                Just("=".to_string()),
                Just("\\".to_string()),
                Just("\n".to_string()),
                Just("\r\n ".to_string()),
                Just("{{".to_string()),
                Just("}}".to_string()),
                Just("€".to_string()),
                Just("😀".to_string()),
                Just("STOP".to_string()),
                Just("yes".to_string()),
                Just("$".to_string()),
                Just("99".to_string()),
                "[a-z]{1,8}",
            ],
            0..40
        )
        .prop_map(|v| v.concat()),
    ]
}

fn ics_lines() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("BEGIN:VEVENT".to_string()),
        Just("END:VEVENT".to_string()),
        Just("BEGIN:VTIMEZONE".to_string()),
        Just("END:VTIMEZONE".to_string()),
        Just("DTSTART:20260302T140000Z".to_string()),
        Just("DTEND:20260302T150000Z".to_string()),
        Just("DTSTART;TZID=America/New_York:20260303T090000".to_string()),
        Just("DTSTART;TZID=Eastern Standard Time:20260303T090000".to_string()),
        Just("DTSTART;VALUE=DATE:20260304".to_string()),
        Just("DTEND;VALUE=DATE:20260305".to_string()),
        Just("DURATION:PT1H".to_string()),
        Just("DURATION:P-1D".to_string()),
        Just("RRULE:FREQ=DAILY;COUNT=5".to_string()),
        Just("RRULE:FREQ=WEEKLY;BYDAY=MO,WE".to_string()),
        Just("RRULE:FREQ=SECONDLY".to_string()),
        Just("RRULE:garbage".to_string()),
        Just("EXDATE:20260303T140000Z".to_string()),
        Just("RDATE:20260310T140000Z".to_string()),
        Just("RECURRENCE-ID:20260303T140000Z".to_string()),
        Just("TRANSP:TRANSPARENT".to_string()),
        Just("STATUS:CANCELLED".to_string()),
        Just("UID:x".to_string()),
        Just(" continued".to_string()),
        "[A-Z]{1,10}(;[A-Z]{1,5}=[^:\r\n]{0,10})?:[^\r\n]{0,30}",
    ];
    prop::collection::vec(line, 0..40).prop_map(|lines| {
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{}\r\nEND:VCALENDAR\r\n",
            lines.join("\r\n")
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Twilio forms: any body parses or is refused (never a panic), and a signature only
    /// verifies for exactly the URL and parameters it was made for.
    #[test]
    fn twilio_forms_and_signatures(
        body in nasty_text(),
        url in "https?://[a-z.]{1,20}(/[a-z?=&%]{0,20})?",
        token in "[a-zA-Z0-9]{1,40}",
        given in ".{0,60}",
        extra in "[a-zA-Z]{1,10}",
    ) {
        let params: Vec<(String, String)> = serde_urlencoded::from_str(&body).unwrap_or_default();
        // Random signatures are refused (a forged one would have to match HMAC-SHA1).
        let good = signature(&token, &url, &params);
        if given != good {
            prop_assert!(!verify(&token, &url, &params, &given));
        }
        prop_assert!(verify(&token, &url, &params, &good));
        // Any change to what was signed breaks it.
        let mut tampered = params.clone();
        tampered.push((extra.clone(), "1".into()));
        prop_assert!(!verify(&token, &url, &tampered, &good));
        let other_url = format!("{}x", url);
        prop_assert!(!verify(&token, &other_url, &params, &good));
    }

    /// Profile TOML: random text and random edits of the example are accepted or refused with a
    /// field, never a panic; whatever is accepted survives export and import unchanged.
    #[test]
    fn profile_import(text in nasty_text(), line in 0usize..80, junk in nasty_text()) {
        let _ = BusinessProfile::from_toml(&text);
        let mut lines: Vec<String> = crate::helpers::EXAMPLE.lines().map(str::to_string).collect();
        let i = line % lines.len();
        lines[i] = junk;
        let edited = lines.join("\n");
        match BusinessProfile::from_toml(&edited) {
            Ok(p) => {
                let again = BusinessProfile::from_toml(&p.to_toml());
                prop_assert_eq!(again.as_ref().ok(), Some(&p), "export then import changes nothing");
            }
            Err(e) => prop_assert!(!e.message.is_empty()),
        }
    }

    /// ICS: any feed is parsed or refused without a panic, and the slots offered never overlap
    /// what it marks busy.
    #[test]
    fn ics_and_availability(ics in ics_lines(), garbage in nasty_text()) {
        let profile = profile();
        let now: DateTime<Utc> = "2026-03-02T13:00:00Z".parse().unwrap();
        let _ = busy_time(&garbage, profile.tz(), now, now + Duration::days(14));
        if let Ok(busy) = busy_time(&ics, profile.tz(), now, now + Duration::days(14)) {
            let rules = Rules::for_service(&profile, None).unwrap();
            for slot in open_slots(&rules, now, &busy.intervals) {
                for b in &busy.intervals {
                    prop_assert!(slot.end <= b.start || slot.start >= b.end, "slot {slot:?} overlaps busy {b:?}");
                }
            }
        }
    }

    /// GSM-7: normalising is idempotent, and the segment count matches the documented limits.
    #[test]
    fn gsm7_normaliser_and_segments(text in nasty_text()) {
        let n = sms_text::normalize(&text);
        prop_assert_eq!(sms_text::normalize(&n), n.clone());
        let m = sms_text::measure(&n);
        let (single, multi) = match m.encoding {
            sms_text::Encoding::Gsm7 => (160, 153),
            sms_text::Encoding::Ucs2 => (70, 67),
        };
        let expected = if m.units == 0 { 0 } else if m.units <= single { 1 } else { m.units.div_ceil(multi) };
        prop_assert_eq!(m.segments, expected);
        // Normalising never turns plain GSM-7 text into something longer.
        if sms_text::measure(&text).encoding == sms_text::Encoding::Gsm7 {
            prop_assert!(m.units <= sms_text::measure(&text).units);
        }
    }

    /// The built-in policy's understanding: never a panic on any text, and what it extracts comes
    /// from the text.
    #[test]
    fn builtin_understanding(text in nasty_text()) {
        let profile = profile();
        let _ = understand::is_yes(&text);
        let _ = understand::is_no(&text);
        let _ = understand::safety(&text);
        let _ = understand::wants_human(&text);
        let _ = understand::complaint(&text, &profile.escalation.keywords);
        let _ = understand::looks_automated(&text);
        let _ = understand::pick_number(&text, 3);
        let _ = understand::wants_booking(&text);
        let _ = understand::wants_cancel(&text);
        let _ = understand::wants_reschedule(&text);
        let _ = understand::is_question(&text);
        let _ = understand::topic(&text, &profile);
        let _ = understand::best_faq(&text, &profile);
        if let Some(i) = understand::match_service(&text, &profile) {
            prop_assert!(i < profile.services.len());
        }
        if let Some(n) = understand::pick_number(&text, 3) {
            prop_assert!((1..=3).contains(&n));
        }
        let _ = frontdesk::inbound::classify(&text);
        let _ = understand::extract_address(&text);
        let _ = understand::extract_name(&text);
    }
}
