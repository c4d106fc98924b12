//! ICS parsing and the availability built on it (property: tests/it/properties.rs).
#![no_main]
#[allow(dead_code)] // each target uses one of the shared properties
#[path = "../../tests/it/properties.rs"]
mod properties;

use std::sync::OnceLock;

libfuzzer_sys::fuzz_target!(|ics: &str| {
    static PROFILE: OnceLock<frontdesk::domain::BusinessProfile> = OnceLock::new();
    properties::ics_availability(PROFILE.get_or_init(properties::example_profile), ics);
});
