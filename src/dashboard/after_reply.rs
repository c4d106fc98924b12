//! The profile editor's "After the first reply" section: `[reminders] before`, `[quiet_hours]`,
//! `[textback] follow_up_after` and `[textback] lookup`.
//!
//! This module only turns the form into the profile's JSON form (and back, for showing); whether
//! the values are good is decided by `BusinessProfile::problems`, the same checks as
//! `frontdesk business import`, so the two can never disagree.

use super::view::FormData;
use crate::domain::profile::BusinessProfile;
use serde_json::Value;
use std::collections::BTreeMap;

/// The section's name in `/app/{bid}/profile/{section}` and its anchor on the page.
pub const SECTION: &str = "reminders";

/// The section's fields as the text shown in their inputs.
pub fn fields_of(profile: &BusinessProfile, f: &mut BTreeMap<String, String>) {
    f.insert(
        "reminders.before".into(),
        profile.reminders.before.join(", "),
    );
    let (start, end) = profile
        .quiet_hours
        .as_ref()
        .map(|q| (q.start.clone(), q.end.clone()))
        .unwrap_or_default();
    f.insert("quiet_hours.start".into(), start);
    f.insert("quiet_hours.end".into(), end);
    f.insert(
        "textback.follow_up_after".into(),
        profile.textback.follow_up_after.clone().unwrap_or_default(),
    );
    f.insert("textback.lookup".into(), checkbox(profile.textback.lookup));
}

fn checkbox(on: bool) -> String {
    if on {
        "1".into()
    } else {
        String::new()
    }
}

/// Put the submitted section into the profile's JSON form `v`, and what was typed into `shown`
/// (to show again if the save is refused).
pub fn apply(v: &mut Value, form: &FormData, shown: &mut BTreeMap<String, String>) {
    // Comma- or line-separated, as typed; empty is `[]`: no reminders (as in a profile).
    let before = form.get("reminders.before").unwrap_or("").to_string();
    v["reminders"]["before"] = Value::Array(
        before
            .split([',', '\n'])
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(|d| Value::String(d.to_string()))
            .collect(),
    );
    shown.insert("reminders.before".into(), before);

    // Both empty: no `[quiet_hours]`, so 08:00-20:00. One empty is passed on as typed, and the
    // profile's check says that it is not a time.
    let start = form.text("quiet_hours.start");
    let end = form.text("quiet_hours.end");
    v["quiet_hours"] = if start.is_empty() && end.is_empty() {
        Value::Null
    } else {
        serde_json::json!({ "start": start, "end": end })
    };
    shown.insert("quiet_hours.start".into(), start);
    shown.insert("quiet_hours.end".into(), end);

    // Empty or "off": no nudge (the profile leaves the key out).
    let follow = form.text("textback.follow_up_after");
    v["textback"]["follow_up_after"] = if follow.is_empty() || follow.eq_ignore_ascii_case("off") {
        Value::Null
    } else {
        Value::String(follow.clone())
    };
    shown.insert("textback.follow_up_after".into(), follow);

    let lookup = form.get("textback.lookup").is_some();
    v["textback"]["lookup"] = Value::Bool(lookup);
    shown.insert("textback.lookup".into(), checkbox(lookup));
}

/// The label an owner sees for one of this section's fields (as the profile's checks name it,
/// e.g. `reminders.before[1]`), for the summary of a refused save.
pub fn label(field: &str) -> Option<String> {
    if let Some(rest) = field.strip_prefix("reminders.before") {
        let entry = rest
            .strip_prefix('[')
            .and_then(|r| r.strip_suffix(']'))
            .and_then(|i| i.parse::<usize>().ok());
        return Some(match entry {
            Some(i) => format!("Reminders before each booking (entry {})", i + 1),
            None => "Reminders before each booking".into(),
        });
    }
    let plain = match field {
        "quiet_hours" => "Quiet hours",
        "quiet_hours.start" => "Quiet hours start",
        "quiet_hours.end" => "Quiet hours end",
        "textback.follow_up_after" => "Follow-up nudge after",
        "textback.lookup" => "Check for landlines before texting",
        _ => return None,
    };
    Some(plain.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> FormData {
        FormData(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    fn applied(pairs: &[(&str, &str)]) -> Value {
        let mut v = serde_json::json!({"reminders": {"before": ["24h"]}, "textback": {}});
        apply(&mut v, &form(pairs), &mut BTreeMap::new());
        v
    }

    #[test]
    fn the_form_becomes_the_profiles_values() {
        let v = applied(&[
            ("reminders.before", "24h, 2h\n90m"),
            ("quiet_hours.start", "09:00"),
            ("quiet_hours.end", " 19:00 "),
            ("textback.follow_up_after", "3h"),
            ("textback.lookup", "1"),
        ]);
        assert_eq!(
            v["reminders"]["before"],
            serde_json::json!(["24h", "2h", "90m"])
        );
        assert_eq!(
            v["quiet_hours"],
            serde_json::json!({"start": "09:00", "end": "19:00"})
        );
        assert_eq!(v["textback"]["follow_up_after"], "3h");
        assert_eq!(v["textback"]["lookup"], true);
    }

    #[test]
    fn empty_means_off_and_the_default_window() {
        let v = applied(&[
            ("reminders.before", " "),
            ("quiet_hours.start", ""),
            ("quiet_hours.end", ""),
            ("textback.follow_up_after", "Off"),
        ]);
        assert_eq!(v["reminders"]["before"], serde_json::json!([]));
        assert!(v["quiet_hours"].is_null());
        assert!(v["textback"]["follow_up_after"].is_null());
        assert_eq!(v["textback"]["lookup"], false);
        // One end of the window alone is passed on, for the profile's check to refuse.
        let v = applied(&[("quiet_hours.start", "09:00")]);
        assert_eq!(v["quiet_hours"]["end"], "");
    }

    #[test]
    fn fields_are_named_in_plain_words() {
        assert_eq!(
            label("reminders.before[1]").unwrap(),
            "Reminders before each booking (entry 2)"
        );
        assert_eq!(
            label("reminders.before").unwrap(),
            "Reminders before each booking"
        );
        assert_eq!(label("quiet_hours.end").unwrap(), "Quiet hours end");
        assert!(label("business.name").is_none());
    }
}
