//! Twilio form bodies and signatures (property: tests/it/properties.rs).
#![no_main]
#[allow(dead_code)] // each target uses one of the shared properties
#[path = "../../tests/it/properties.rs"]
mod properties;

libfuzzer_sys::fuzz_target!(|input: (&[u8], &str, &str, &str, &str)| {
    let (body, url, token, given, extra) = input;
    properties::twilio_form(body, url, token, given, extra);
});
