//! The profile TOML import (property: tests/it/properties.rs).
#![no_main]
#[allow(dead_code)] // each target uses one of the shared properties
#[path = "../../tests/it/properties.rs"]
mod properties;

libfuzzer_sys::fuzz_target!(|input: (&str, u8, &str)| {
    let (text, line, junk) = input;
    properties::profile_toml(text, line as usize, junk);
});
