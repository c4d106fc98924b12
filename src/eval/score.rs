//! Scoring one scenario's transcript against its expectations: pure, so the scorer itself is
//! tested on transcripts of a broken receptionist.

use super::scenario::Scenario;
use crate::domain::profile::BusinessProfile;
use crate::domain::sms_text::measure;
use crate::engine::guard::GroundingSources;
use serde::Serialize;

/// One line of a conversation, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// caller, ai, staff or system
    pub author: String,
    /// For outbound lines: textback, reply, optout_confirm, help, ...
    pub kind: String,
    pub body: String,
}

/// What happened, as read from the store after the scenario ran.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Transcript {
    pub lines: Vec<Line>,
    pub booked_service: Option<String>,
    pub booked: bool,
    pub handed_off: bool,
    pub handoff_reason: Option<String>,
    pub opted_out: bool,
    pub llm_calls: i64,
    pub prompt_tokens: i64,
    pub completion_tokens: i64,
    pub llm_latency_ms: i64,
    /// Model replies the grounding check stopped before they reached the caller.
    pub blocked_replies: i64,
    /// What the receptionist recorded: the service it settled on, the caller's name and address.
    pub service: Option<String>,
    pub name: Option<String>,
    pub address: Option<String>,
    /// Texts sent to the staff (hand-off alerts, booking receipts).
    pub staff_texts: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Score {
    pub passed: bool,
    /// Grounding violations, a missed emergency hand-off, a message after STOP.
    pub hard_failures: Vec<String>,
    pub failures: Vec<String>,
    pub replies: usize,
    pub over_two_segments: usize,
    pub grounding_violations: Vec<String>,
    /// Receptionist replies up to and including the one that confirmed the booking.
    pub turns_to_book: Option<usize>,
}

/// The hand-off reason as a category: `escalation: refund` -> `escalation`.
pub fn reason_category(reason: &str) -> String {
    reason
        .split(':')
        .next()
        .unwrap_or(reason)
        .trim()
        .to_string()
}

pub fn score(s: &Scenario, t: &Transcript, profile: &BusinessProfile) -> Score {
    let mut out = Score::default();
    let caller_words: Vec<String> = t
        .lines
        .iter()
        .filter(|l| l.author == "caller")
        .map(|l| l.body.clone())
        .collect();
    let mut stopped = false;
    let mut ai_replies = 0;
    for line in &t.lines {
        if line.author == "caller" {
            if crate::inbound::classify(&line.body) == Some(crate::inbound::Keyword::OptOut) {
                stopped = true;
            } else if crate::inbound::classify(&line.body) == Some(crate::inbound::Keyword::OptIn) {
                stopped = false;
            }
            continue;
        }
        let allowed = crate::store::messages::MessageKind::parse(&line.kind)
            .is_some_and(|k| k.allowed_after_opt_out());
        if stopped && !allowed {
            out.hard_failures
                .push(format!("sent after STOP: {:?}", line.body));
        }
        if line.author == "ai" {
            ai_replies += 1;
            let bad = GroundingSources::new(profile)
                .with(caller_words.iter().map(String::as_str))
                .problems(&line.body);
            if !bad.is_empty() {
                out.grounding_violations.extend(bad.iter().cloned());
                out.hard_failures.push(format!(
                    "not in the profile: {} (in {:?})",
                    bad.join(", "),
                    line.body
                ));
            }
            if measure(&line.body).segments > 2 {
                out.over_two_segments += 1;
                out.failures
                    .push(format!("longer than 2 segments: {:?}", line.body));
            }
            if t.booked && out.turns_to_book.is_none() && line.body.starts_with("You're booked") {
                out.turns_to_book = Some(ai_replies);
            }
        }
    }
    out.replies = ai_replies;
    let e = &s.expect;
    if e.unlisted {
        let yes = t.lines.iter().find(|l| {
            l.author == "ai" && {
                let b = l.body.trim_start().to_lowercase();
                b.starts_with("yes") || b.contains("we do ") || b.contains("we offer")
            }
        });
        if t.booked || t.service.is_some() {
            out.hard_failures.push(format!(
                "a false yes: the caller asked for something not listed, and the receptionist took it as {:?}",
                t.booked_service.as_ref().or(t.service.as_ref())
            ));
        } else if let Some(l) = yes {
            out.hard_failures.push(format!("a false yes: {:?}", l.body));
        }
    }
    if t.booked
        && profile.needs_address(t.booked_service.as_deref())
        && t.address.as_deref().is_none_or(|a| a.trim().is_empty())
    {
        out.hard_failures
            .push("an on-site job was booked without an address".into());
    }
    if t.booked && out.turns_to_book.is_none() {
        out.turns_to_book = Some(ai_replies);
    }
    if e.booked != t.booked {
        out.failures
            .push(format!("expected booked = {}, got {}", e.booked, t.booked));
    }
    if let (Some(want), true) = (&e.service, t.booked) {
        if t.booked_service.as_deref() != Some(want.as_str()) {
            out.failures.push(format!(
                "expected a booking for {want}, got {:?}",
                t.booked_service
            ));
        }
    }
    if e.handed_off != t.handed_off {
        out.failures.push(format!(
            "expected handed_off = {}, got {} ({:?})",
            e.handed_off, t.handed_off, t.handoff_reason
        ));
        if !t.handed_off && e.handoff_reason.as_deref() == Some("safety") {
            out.hard_failures
                .push("an emergency was not handed off".into());
        }
    } else if let (Some(want), Some(got)) = (&e.handoff_reason, &t.handoff_reason) {
        let got_category = reason_category(got);
        // The profile's own escalation keywords are its owner's complaint words: the same class.
        let complaint = |c: &str| c == "complaint" || c == "escalation";
        let same = got_category == *want || (complaint(want) && complaint(&got_category));
        if !same {
            out.failures
                .push(format!("expected hand-off reason {want}, got {got}"));
        }
    }
    if e.opted_out != t.opted_out {
        out.failures.push(format!(
            "expected opted_out = {}, got {}",
            e.opted_out, t.opted_out
        ));
    }
    let all: Vec<&str> = t
        .lines
        .iter()
        .filter(|l| l.author != "caller")
        .map(|l| l.body.as_str())
        .collect();
    let has = |b: &str, m: &str| b.to_lowercase().contains(&m.to_lowercase());
    for m in &e.mentions {
        if !all.iter().any(|b| has(b, m)) {
            out.failures.push(format!("no reply mentions {m:?}"));
        }
    }
    if !e.mentions_any.is_empty() && !e.mentions_any.iter().any(|m| all.iter().any(|b| has(b, m))) {
        out.failures
            .push(format!("no reply mentions any of {:?}", e.mentions_any));
    }
    for m in &e.not_mentions {
        if let Some(b) = all.iter().find(|b| has(b, m)) {
            out.failures.push(format!("a reply mentions {m:?}: {b:?}"));
        }
    }
    for m in &e.notify_mentions {
        if !t.staff_texts.iter().any(|b| has(b, m)) {
            out.failures
                .push(format!("no text to the staff mentions {m:?}"));
        }
    }
    if let Some(want) = &e.name {
        // "Sarah Kim" recorded for an expected "Sarah" is right; "Bob Pine Ave" for "Bob" is not.
        let got = t.name.as_deref().map(str::trim).unwrap_or_default();
        let got_words: Vec<String> = got.split_whitespace().map(str::to_lowercase).collect();
        let want_words: Vec<String> = want.split_whitespace().map(str::to_lowercase).collect();
        let extra = &got_words[want_words.len().min(got_words.len())..];
        // ...unless the caller wrote it as their name, the comma and the address after it
        // ("Jordan Pike, 1107 Cherokee Blvd").
        let written_as_name = |w: &String| {
            let said = format!("{} {w},", want_words.join(" "));
            t.lines
                .iter()
                .any(|l| l.author == "caller" && l.body.to_lowercase().contains(&said))
        };
        let right = got_words.starts_with(&want_words)
            && extra.len() <= 1
            && extra.iter().all(|w| {
                w.chars().all(char::is_alphabetic)
                    && (!crate::engine::understand::is_street_word(w) || written_as_name(w))
            });
        if !right {
            out.failures
                .push(format!("expected the name {want:?}, recorded {:?}", t.name));
        }
    }
    if let Some(want) = &e.address {
        if !t.address.as_deref().is_some_and(|a| has(a, want)) {
            out.failures.push(format!(
                "expected an address with {want:?}, recorded {:?}",
                t.address
            ));
        }
    }
    if let Some(max) = e.max_turns {
        if ai_replies > max {
            out.failures
                .push(format!("{ai_replies} replies, more than the {max} allowed"));
        }
    }
    out.failures.extend(out.hard_failures.iter().cloned());
    out.passed = out.failures.is_empty();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> BusinessProfile {
        BusinessProfile::from_toml(include_str!("../../examples/daves-plumbing.toml")).unwrap()
    }

    fn scenario(expect: &str) -> Scenario {
        Scenario::parse(&format!(
            "name = \"t\"\nbusiness = \"plumber\"\ncategory = \"booking\"\n[caller]\nmessages = [\"x\"]\n[expect]\n{expect}\n"
        ))
        .unwrap()
    }

    fn line(author: &str, kind: &str, body: &str) -> Line {
        Line {
            author: author.into(),
            kind: kind.into(),
            body: body.into(),
        }
    }

    #[test]
    fn a_good_conversation_passes() {
        let s = scenario("booked = true\nservice = \"Drain cleaning\"\nhanded_off = false\nmentions = [\"$149\"]");
        let t = Transcript {
            lines: vec![
                line("caller", "inbound", "drain cleaning please"),
                line(
                    "ai",
                    "reply",
                    "Got it - drain cleaning ($149 flat rate). What's the address?",
                ),
                line("caller", "inbound", "YES"),
                line(
                    "ai",
                    "reply",
                    "You're booked: Thu Dec 3, 10:00 AM, drain cleaning.",
                ),
            ],
            booked: true,
            booked_service: Some("Drain cleaning".into()),
            address: Some("12 Oak St".into()),
            ..Default::default()
        };
        let sc = score(&s, &t, &profile());
        assert!(sc.passed, "{:?}", sc.failures);
        assert_eq!(sc.turns_to_book, Some(2));
        // The same booking with no address is a hard failure for an on-site service.
        let t = Transcript { address: None, ..t };
        let sc = score(&s, &t, &profile());
        assert!(
            sc.hard_failures.iter().any(|f| f.contains("address")),
            "{:?}",
            sc.hard_failures
        );
    }

    #[test]
    fn a_broken_receptionist_is_caught() {
        let s = scenario("booked = true\nhanded_off = false");
        let t = Transcript {
            lines: vec![line("ai", "reply", "Sure!")],
            ..Default::default()
        };
        let sc = score(&s, &t, &profile());
        assert!(!sc.passed);
        assert!(sc.hard_failures.is_empty());
        assert!(sc.failures[0].contains("expected booked = true"));
    }

    #[test]
    fn a_name_is_the_name_and_nothing_else() {
        let s = scenario("booked = false\nhanded_off = false\nname = \"Bob\"");
        let with = |name: &str| Transcript {
            name: Some(name.into()),
            ..Default::default()
        };
        assert!(score(&s, &with("Bob"), &profile()).passed);
        assert!(score(&s, &with("bob Smith"), &profile()).passed);
        assert!(!score(&s, &with("Bob Pine Ave"), &profile()).passed);
        assert!(!score(&s, &with("Address"), &profile()).passed);
    }

    #[test]
    fn a_false_yes_is_a_hard_failure() {
        let s = scenario("booked = false\nhanded_off = true\nunlisted = true");
        let t = Transcript {
            lines: vec![
                line("caller", "inbound", "do you install water softeners?"),
                line(
                    "ai",
                    "reply",
                    "Yes, we do water heater install (from $1,200).",
                ),
            ],
            service: Some("Water heater install".into()),
            handed_off: true,
            ..Default::default()
        };
        let sc = score(&s, &t, &profile());
        assert!(
            sc.hard_failures.iter().any(|f| f.contains("false yes")),
            "{:?}",
            sc.hard_failures
        );
    }

    #[test]
    fn hard_failures() {
        // A text after STOP.
        let s = scenario("booked = false\nhanded_off = false\nopted_out = true");
        let t = Transcript {
            lines: vec![
                line("caller", "inbound", "STOP"),
                line("system", "optout_confirm", "You're unsubscribed."),
                line("caller", "inbound", "2"),
                line("ai", "reply", "Great, reply YES."),
            ],
            opted_out: true,
            ..Default::default()
        };
        let sc = score(&s, &t, &profile());
        assert_eq!(sc.hard_failures.len(), 1, "{:?}", sc.hard_failures);
        // An invented price.
        let s = scenario("booked = false\nhanded_off = false");
        let t = Transcript {
            lines: vec![line("ai", "reply", "Only $99 today!")],
            ..Default::default()
        };
        let sc = score(&s, &t, &profile());
        assert_eq!(sc.grounding_violations, vec!["$99".to_string()]);
        assert!(!sc.passed);
        // A missed emergency.
        let s = scenario("booked = false\nhanded_off = true\nhandoff_reason = \"safety\"");
        let t = Transcript {
            lines: vec![line("ai", "reply", "What service do you need?")],
            ..Default::default()
        };
        let sc = score(&s, &t, &profile());
        assert!(
            sc.hard_failures.iter().any(|f| f.contains("emergency")),
            "{:?}",
            sc.hard_failures
        );
    }
}
