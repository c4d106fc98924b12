//! Scenario files (`evals/scenarios/*.toml`): a business, a clock, a caller, and expectations.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    /// File stem in `evals/businesses/`.
    pub business: String,
    /// The clock for the scenario (UTC); default Wednesday 2026-12-02 15:00Z.
    #[serde(default)]
    pub now: Option<String>,
    pub category: String,
    /// The failure classes this scenario exercises (wrong_service, faq_casual, dates_times,
    /// person_request, emergency, complaint, details, everyday_words, job_location,
    /// danger_referral, hours, reschedule, booking, ...); the report counts passes per tag.
    #[serde(default)]
    pub tags: Vec<String>,
    pub caller: Caller,
    pub expect: Expect,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Caller {
    #[serde(default)]
    pub messages: Vec<String>,
    /// All messages arrive before the receptionist answers.
    #[serde(default)]
    pub burst: bool,
    /// Texts sent one at a time after the burst is answered ("1", then "yes").
    #[serde(default)]
    pub then: Vec<String>,
    /// The caller already has a booking for `expect.service`.
    #[serde(default)]
    pub returning: bool,
    /// For a simulated caller played by the LLM (when one is configured).
    #[serde(default)]
    pub goal: Option<String>,
    #[serde(default)]
    pub persona: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub booked: bool,
    #[serde(default)]
    pub service: Option<String>,
    pub handed_off: bool,
    #[serde(default)]
    pub handoff_reason: Option<String>,
    /// Each must appear in some reply (case-insensitive).
    #[serde(default)]
    pub mentions: Vec<String>,
    /// At least one of these must appear in some reply (case-insensitive).
    #[serde(default)]
    pub mentions_any: Vec<String>,
    /// None may appear in any reply (case-insensitive).
    #[serde(default)]
    pub not_mentions: Vec<String>,
    /// The caller asks for something the business does not list: saying yes to it, choosing a
    /// service for it or booking it is a hard failure ("a false yes").
    #[serde(default)]
    pub unlisted: bool,
    /// The name the receptionist should have recorded (case-insensitive, exact after trimming).
    #[serde(default)]
    pub name: Option<String>,
    /// Words the recorded address must contain (case-insensitive).
    #[serde(default)]
    pub address: Option<String>,
    /// Each must appear in some text to the staff (hand-off alert or booking receipt).
    #[serde(default)]
    pub notify_mentions: Vec<String>,
    #[serde(default)]
    pub max_turns: Option<usize>,
    #[serde(default)]
    pub opted_out: bool,
}

impl Scenario {
    pub fn parse(text: &str) -> Result<Self, String> {
        let de = toml::Deserializer::new(text);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            format!("{path}: {}", e.into_inner().message())
        })
    }
}
