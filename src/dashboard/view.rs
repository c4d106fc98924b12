//! Small helpers shared by the pages: form fields, time formatting.

use crate::domain::State;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// A submitted form as its (name, value) pairs, in order; repeated names keep every value.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(transparent)]
pub struct FormData(pub Vec<(String, String)>);

impl FormData {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or("").trim().to_string()
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub fn csrf(&self) -> &str {
        self.get("csrf").unwrap_or("")
    }
}

pub fn local(ms: i64, tz: Tz) -> DateTime<Tz> {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .unwrap_or_default()
        .with_timezone(&tz)
}

/// "Nov 27, 2:05 PM"
pub fn when(ms: i64, tz: Tz) -> String {
    local(ms, tz).format("%b %-d, %-I:%M %p").to_string()
}

/// "2:05 PM" today, else "Nov 27".
pub fn short_when(ms: i64, now_ms: i64, tz: Tz) -> String {
    let (t, n) = (local(ms, tz), local(now_ms, tz));
    if t.date_naive() == n.date_naive() {
        t.format("%-I:%M %p").to_string()
    } else {
        t.format("%b %-d").to_string()
    }
}

/// "3 min", "2 h 5 min", "3 days".
pub fn duration(ms: i64) -> String {
    let mins = (ms.max(0) + 30_000) / 60_000;
    if mins < 1 {
        "under a minute".into()
    } else if mins < 60 {
        format!("{mins} min")
    } else if mins < 48 * 60 {
        format!("{} h {} min", mins / 60, mins % 60)
    } else {
        format!("{} days", mins / (24 * 60))
    }
}

/// "4.2 s", "3 min" for medians.
pub fn short_duration(ms: i64) -> String {
    if ms < 60_000 {
        format!("{:.1} s", ms as f64 / 1000.0)
    } else {
        duration(ms)
    }
}

/// Human words for machine reasons (hand-offs, skipped text-backs).
pub fn reason_label(reason: &str) -> String {
    if let Some((category, detail)) = reason.split_once(':') {
        return format!("{} ({})", reason_label(category.trim()), detail.trim());
    }
    match reason {
        "safety" => "Safety or emergency".into(),
        "unclear" => "The receptionist was unsure".into(),
        "escalation" => "Escalation keyword".into(),
        "model_request" => "The model asked for a person".into(),
        "emergency" => "Emergency".into(),
        "asked_for_human" | "human_requested" => "Asked for a person".into(),
        "unanswered_question" => "Question the profile does not answer".into(),
        "grounding_check" => "Reply blocked (not in the profile)".into(),
        "llm_failure" => "The model kept failing".into(),
        "calendar_unconfirmed" => "Calendar not confirmed".into(),
        "keyword" | "escalation_keyword" => "Escalation keyword".into(),
        "angry" | "frustrated" => "Upset caller".into(),
        "taken_over" => "Taken over by staff".into(),
        "answered_by_ai" => "Answered by the receptionist (live voice)".into(),
        "reply_cap" => "Too many AI replies today".into(),
        "auto_responder" => "Looks like an automated sender".into(),
        "out_of_area" => "Outside the service area".into(),
        "opted_out" => "Caller opted out".into(),
        "cooldown" => "Texted recently (cool-down)".into(),
        "withheld" => "Number withheld".into(),
        "blocked" => "On the block list".into(),
        "internal" => "A staff or internal number".into(),
        "not_textable" => "Number cannot receive texts".into(),
        "landline" => "Landline: call back".into(),
        "send_failed" => "Text not delivered".into(),
        "template_error" => "Template error".into(),
        other => other.replace('_', " "),
    }
}

pub fn state_label(state: State) -> &'static str {
    match state {
        State::Greeted | State::Qualifying | State::Answering => "AI handling",
        State::Scheduling => "AI: offering times",
        State::Confirming => "AI: awaiting YES",
        State::Booked => "Booked",
        State::HumanOwned => "Needs a person",
        State::Closed => "Closed",
        State::OptedOut => "Opted out",
    }
}

/// A text cut to `max` characters for a one-line preview, with an ellipsis when cut (at a word
/// boundary when one is near).
pub fn preview(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(at) if at + 20 >= cut.len() => cut[..at].to_string(),
        _ => cut,
    };
    format!(
        "{}\u{2026}",
        cut.trim_end_matches([',', '.', ';', ':', ' '])
    )
}

/// National format for North American numbers, else as stored.
pub fn phone(p: &str) -> String {
    crate::domain::phone::PhoneNumber::parse(p)
        .map(|n| n.display_national())
        .unwrap_or_else(|_| p.to_string())
}

#[cfg(test)]
mod tests {
    use super::preview;

    #[test]
    fn previews_are_cut_at_a_word_with_an_ellipsis() {
        assert_eq!(preview("short text", 20), "short text");
        let p = preview(
            "the water heater in the basement is leaking all over the floor",
            30,
        );
        assert!(p.ends_with('\u{2026}') && p.chars().count() <= 30, "{p}");
        assert!(p.starts_with("the water heater in the"), "{p}");
        // Line breaks do not break the one-line preview.
        assert_eq!(preview("two\nlines", 20), "two lines");
    }
}
