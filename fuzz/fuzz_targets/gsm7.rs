//! The GSM-7 normaliser and segment counter (property: tests/it/properties.rs).
#![no_main]
#[allow(dead_code)] // each target uses one of the shared properties
#[path = "../../tests/it/properties.rs"]
mod properties;

libfuzzer_sys::fuzz_target!(|text: &str| {
    properties::gsm7(text);
});
