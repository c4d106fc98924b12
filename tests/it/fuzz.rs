//! Hostile input, fuzzed with proptest in every `cargo test`: Twilio form parsing and signature
//! checks, the profile TOML import, ICS parsing plus availability, the GSM-7 normaliser and
//! segment counter, and the built-in policy's text understanding. The properties themselves are
//! in `properties.rs`, shared with the coverage-guided libFuzzer targets in `fuzz/` (see README).
//!
//! CI runs each target for a bounded number of cases (`FRONTDESK_FUZZ_CASES`, default 256); run
//! longer locally with e.g. `FRONTDESK_FUZZ_CASES=20000 cargo test --test it fuzz`.

use crate::properties;
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("FRONTDESK_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
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

    #[test]
    fn twilio_forms_and_signatures(
        body in nasty_text(),
        url in "https?://[a-z.]{1,20}(/[a-z?=&%]{0,20})?",
        token in "[a-zA-Z0-9]{1,40}",
        given in ".{0,60}",
        extra in "[a-zA-Z]{1,10}",
    ) {
        properties::twilio_form(body.as_bytes(), &url, &token, &given, &extra);
    }

    #[test]
    fn profile_import(text in nasty_text(), line in 0usize..80, junk in nasty_text()) {
        properties::profile_toml(&text, line, &junk);
    }

    #[test]
    fn ics_and_availability(ics in ics_lines(), garbage in nasty_text()) {
        let profile = properties::example_profile();
        properties::ics_availability(&profile, &ics);
        properties::ics_availability(&profile, &garbage);
    }

    #[test]
    fn gsm7_normaliser_and_segments(text in nasty_text()) {
        properties::gsm7(&text);
    }

    #[test]
    fn builtin_understanding(text in nasty_text()) {
        properties::understanding(&properties::example_profile(), &text);
    }
}
