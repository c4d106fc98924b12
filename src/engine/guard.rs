//! Output checks on every reply before it can reach a caller: plain SMS text of at most two
//! segments, and no figure, phone number, address on the web or e-mail that the profile (or the
//! caller) did not give.

use crate::domain::profile::BusinessProfile;
use crate::domain::sms_text::{measure, normalize};

/// Longest reply: two GSM-7 segments.
pub const MAX_REPLY_CHARS: usize = 306;

/// Make a reply SMS-shaped: no markdown, no list symbols, plain GSM-7, at most two segments (cut at
/// a sentence end when too long).
pub fn finalize(text: &str) -> String {
    let mut lines = Vec::new();
    for line in text.lines() {
        let l = line
            .trim()
            .trim_start_matches(['#', '>', '*', '-', '\u{2022}'])
            .trim();
        if !l.is_empty() {
            lines.push(l.to_string());
        }
    }
    let joined = lines.join(" ");
    let cleaned: String = joined
        .chars()
        .filter(|c| !matches!(c, '*' | '`' | '~'))
        .collect();
    let out = crate::domain::sms_text::to_gsm(&cleaned);
    if measure(&out).units <= MAX_REPLY_CHARS {
        return out;
    }
    let cut = leading_sentences(&out, MAX_REPLY_CHARS, 0);
    if cut.is_empty() {
        return out.chars().take(MAX_REPLY_CHARS - 3).collect::<String>() + "...";
    }
    cut
}

/// How many GSM-7 units a text takes once normalised for sending.
pub fn sms_units(text: &str) -> usize {
    measure(&normalize(text)).units
}

/// A text's sentences, each with its end mark; a full stop inside a figure ("$2.50") or an
/// abbreviation without a space after it does not end one.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let ends = matches!(c, '.' | '!' | '?')
            && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace());
        if ends {
            out.push(&text[start..=i]);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The leading sentences of `text` that fit in `budget` units, never cut inside a sentence;
/// sentences are kept past the budget until at least `min_chars` are ("Yes." alone says little).
pub fn leading_sentences(text: &str, budget: usize, min_chars: usize) -> String {
    let mut kept = String::new();
    for sentence in sentences(text) {
        let enough = kept.trim().chars().count() >= min_chars;
        if enough && sms_units(&format!("{kept}{sentence}")) > budget {
            break;
        }
        kept.push_str(sentence);
    }
    kept.trim().to_string()
}

fn digits(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
}

/// Words that make the number beside them an amount of money.
const CURRENCY: &[&str] = &[
    "dollar", "dollars", "buck", "bucks", "usd", "cent", "cents", "eur", "euro", "euros", "gbp",
    "pound", "pounds", "cad", "aud", "grand",
];
/// Numbers written as words ("ninety nine dollars").
const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "half",
    "a",
];

/// A token shaped like a web address of any top-level domain ("paypal.me/x", "shop.store").
fn domain_like(lower: &str) -> bool {
    let host = lower.split(['/', '?', '#']).next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels.last().is_some_and(|tld| {
            (2..=24).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_alphabetic())
        })
        // "e.g", "a.m", "p.m": abbreviations, not hosts.
        && !(labels.len() == 2 && labels[0].len() == 1 && labels[1].len() <= 2)
}

/// Amounts of money said with words around them ("99 dollars", "USD 40", "fifty bucks"): the
/// amount's digits, or the phrase when it is spelled out.
fn money_phrases(text: &str) -> Vec<(String, String)> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_ascii_alphanumeric())
                .to_ascii_lowercase()
        })
        .collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !CURRENCY.contains(&w.as_str()) {
            continue;
        }
        for j in [i.checked_sub(1), Some(i + 1)].into_iter().flatten() {
            let Some(n) = words.get(j) else { continue };
            let d = digits(n);
            if !d.is_empty() {
                out.push((format!("{n} {w}"), d));
            }
        }
        // Spelled out: the number words right before the currency word.
        let mut k = i;
        while k > 0 && NUMBER_WORDS.contains(&words[k - 1].as_str()) {
            k -= 1;
        }
        if k < i && !(i - k == 1 && words[k] == "a") {
            let phrase = words[k..=i].join(" ");
            out.push((phrase.clone(), format!("words:{phrase}")));
        }
    }
    out
}

/// A time of day as the engine writes one in hours: "12pm", "7:30am", "10pm".
fn clock_word(w: &str) -> bool {
    let w = w.trim_matches(|c: char| matches!(c, '.' | ',' | ';' | '(' | ')'));
    let Some(time) = w
        .strip_suffix("am")
        .or_else(|| w.strip_suffix("pm"))
        .or_else(|| w.strip_suffix("AM"))
        .or_else(|| w.strip_suffix("PM"))
    else {
        return false;
    };
    let mut parts = time.split(':');
    let hour = parts.next().unwrap_or("");
    let minutes = parts.next();
    (1..=2).contains(&hour.len())
        && hour.chars().all(|c| c.is_ascii_digit())
        && minutes.is_none_or(|m| m.len() == 2 && m.chars().all(|c| c.is_ascii_digit()))
        && parts.next().is_none()
}

/// Number-like and link-like things in a text, as they would be compared.
fn figures(text: &str) -> Vec<(String, String)> {
    let mut out = money_phrases(text);
    // An hours range ("7:30am-6pm", "12pm-10pm") is two clock times, not one four-digit figure.
    let pieces = text.split(|c: char| c.is_whitespace()).flat_map(|raw| {
        let dash = |c: char| c == '-' || c == '\u{2013}';
        let range = raw.contains(['-', '\u{2013}'])
            && (raw.contains(':') || raw.split(dash).all(clock_word));
        raw.split(move |c: char| range && dash(c))
    });
    for raw in pieces {
        let token = raw.trim_matches(|c: char| {
            matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '"' | '\''
            )
        });
        if token.is_empty() {
            continue;
        }
        let lower = token.to_ascii_lowercase();
        if lower.contains("http")
            || lower.starts_with("www.")
            || lower.contains('@')
            || domain_like(&lower)
        {
            out.push((token.to_string(), lower));
            continue;
        }
        let d = digits(token);
        // Clock times ("10:00", "2:30pm") are the engine's own renderings of slots and hours.
        let time_like = token.contains(':')
            && d.len() <= 4
            && token.split(':').all(|p| {
                p.trim_end_matches(|c: char| c.is_ascii_alphabetic())
                    .chars()
                    .all(|c| c.is_ascii_digit())
            });
        if time_like {
            continue;
        }
        let money = token.contains('$') || lower.ends_with('k') && !d.is_empty();
        if money || d.len() >= 4 || token.contains('%') {
            out.push((token.to_string(), d));
        }
    }
    out
}

/// What a reply may state figures from, and the one check every reply passes: the engine's
/// before anything is sent, the LLM policy's before it accepts a model's words, the evaluation's
/// when it scores a transcript. Figures must come from the profile or the conversation's own
/// words; no promise the profile does not make; nothing that does not read as language.
pub struct GroundingSources<'a> {
    profile: &'a BusinessProfile,
    said: Vec<String>,
}

impl<'a> GroundingSources<'a> {
    pub fn new(profile: &'a BusinessProfile) -> Self {
        Self {
            profile,
            said: Vec::new(),
        }
    }

    /// Words of the conversation a reply may repeat figures from.
    pub fn with<S: Into<String>>(mut self, texts: impl IntoIterator<Item = S>) -> Self {
        self.said.extend(texts.into_iter().map(Into::into));
        self
    }

    /// For one turn: the caller's texts, the conversation so far, the address recorded and the
    /// times on offer (as texted and as said on the channel).
    pub fn for_turn<'t>(
        profile: &'a BusinessProfile,
        caller: impl IntoIterator<Item = &'t str>,
        history: &[(String, String)],
        details: &super::details::Details,
        tz: chrono_tz::Tz,
        channel: super::channel::Channel,
    ) -> Self {
        Self::new(profile)
            .with(caller)
            .with(history.iter().map(|(_, body)| body.as_str()))
            .with(details.address.clone())
            .with(details.proposals.iter().map(|s| s.for_sms(tz)))
            .with(details.proposals.iter().map(|s| channel.when(*s, tz)))
    }

    /// What is wrong with `reply`: ungrounded figures and links, promises, gibberish.
    pub fn problems(&self, reply: &str) -> Vec<String> {
        let mut bad = ungrounded(reply, self.profile, &self.said);
        bad.extend(unpromised(reply, self.profile));
        bad.extend(gibberish(reply));
        bad
    }
}

/// What the grounding check reads from the profile alone, made once per profile value
/// ([`BusinessProfile::derived`]) instead of on every reply.
struct ProfileGrounds {
    /// The figures of the profile's text.
    figures: Vec<(String, String)>,
    /// The profile's text, lower-cased (ASCII).
    lower_text: String,
    /// The business's own numbers, digits only (the caller may see them written nationally).
    own_numbers: Vec<String>,
    /// The [`PROMISES`] the profile's text makes (lower-cased, it contains them).
    promises: Vec<&'static str>,
}

impl ProfileGrounds {
    fn new(profile: &BusinessProfile) -> Self {
        let text = profile.as_text();
        Self {
            figures: figures(text),
            lower_text: text.to_ascii_lowercase(),
            own_numbers: profile
                .business
                .phone_numbers
                .iter()
                .map(|n| digits(n.as_str()))
                .collect(),
            promises: {
                let lower = text.to_lowercase();
                PROMISES
                    .iter()
                    .copied()
                    .filter(|p| lower.contains(p))
                    .collect()
            },
        }
    }
}

/// Figures in `reply` that appear neither in the profile nor in `also_allowed` (the caller's own
/// words, the slots and dates the engine rendered).
pub fn ungrounded(reply: &str, profile: &BusinessProfile, also_allowed: &[String]) -> Vec<String> {
    let found = figures(reply);
    if found.is_empty() {
        return Vec::new();
    }
    let grounds = profile.derived(ProfileGrounds::new);
    let also_known: Vec<(String, String)> = also_allowed.iter().flat_map(|s| figures(s)).collect();
    // The profile's text and the turn's own words, joined by spaces, lower-cased (ASCII, as a
    // whole: the profile's part is lower-cased once per profile).
    let mut known_text = String::with_capacity(
        grounds.lower_text.len() + also_allowed.iter().map(|a| a.len() + 1).sum::<usize>(),
    );
    known_text.push_str(&grounds.lower_text);
    for a in also_allowed {
        known_text.push(' ');
        known_text.push_str(&a.to_ascii_lowercase());
    }
    let own = &grounds.own_numbers;
    found
        .into_iter()
        .filter(|(shown, key)| {
            if let Some(phrase) = key.strip_prefix("words:") {
                return !known_text.contains(phrase);
            }
            let is_link = !key.chars().all(|c| c.is_ascii_digit());
            if is_link {
                return !known_text.contains(key.as_str());
            }
            let grounded = grounds
                .figures
                .iter()
                .chain(&also_known)
                .any(|(_, k)| k == key)
                || own
                    .iter()
                    .any(|o| key.len() >= 7 && o.ends_with(key.as_str()))
                || (key.len() >= 4 && known_text.contains(key.as_str()) && !shown.contains('$'));
            !grounded
        })
        .map(|(shown, _)| shown)
        .collect()
}

/// Whether a reply reads like language: mostly letters, words of a normal length with vowels,
/// no long runs of one character. A model that degenerates ("AAAA...", token soup) is not sent.
pub fn gibberish(reply: &str) -> Option<String> {
    let visible: Vec<char> = reply.chars().filter(|c| !c.is_whitespace()).collect();
    if visible.is_empty() {
        return Some("an empty reply".into());
    }
    let letters = visible.iter().filter(|c| c.is_alphabetic()).count();
    let mut run = 1;
    let mut longest = 1;
    for w in visible.windows(2) {
        run = if w[0] == w[1] { run + 1 } else { 1 };
        longest = longest.max(run);
    }
    let words: Vec<&str> = reply.split_whitespace().collect();
    let odd = words
        .iter()
        .filter(|w| {
            let letters: String = w.chars().filter(|c| c.is_alphabetic()).collect();
            letters.len() > 20
                || (letters.len() >= 5 && !letters.chars().any(|c| "aeiouyAEIOUY".contains(c)))
        })
        .count();
    if letters * 2 < visible.len() || longest > 6 || odd * 5 > words.len().max(1) {
        Some("text that does not read as language".into())
    } else {
        None
    }
}

/// Commitments a receptionist may only repeat, never make up: each must appear in the profile.
const PROMISES: &[&str] = &[
    "guarantee",
    "guaranteed",
    "promise",
    "warranty",
    "discount",
    "free",
    "no charge",
    "no cost",
    "refund",
    "% off",
    "percent off",
    "coupon",
    "waive",
    "same day",
    "same-day",
    "within the hour",
    "within an hour",
];

/// Promises in `reply` that the profile does not make.
pub fn unpromised(reply: &str, profile: &BusinessProfile) -> Vec<String> {
    let said = reply.to_lowercase();
    let grounds = profile.derived(ProfileGrounds::new);
    PROMISES
        .iter()
        .filter(|p| said.contains(*p) && !grounds.promises.contains(*p))
        .map(|p| p.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> BusinessProfile {
        BusinessProfile::from_toml(include_str!("../../examples/daves-plumbing.toml")).unwrap()
    }

    #[test]
    fn a_cut_never_ends_inside_a_figure() {
        let long = format!(
            "{} The fee is $2.50 per mile. {}",
            "We clean carpets and rugs all over town every day of the week.".repeat(3),
            "More words here to push the text past two segments for sure.".repeat(3)
        );
        let out = finalize(&long);
        assert!(!out.ends_with("$2."), "{out}");
        assert!(sentences("It is $2.50. Then more.").len() == 2);
    }

    #[test]
    fn invented_figures_are_caught() {
        let p = profile();
        assert!(ungrounded("Drain cleaning is $149 flat rate.", &p, &[]).is_empty());
        assert!(ungrounded(
            "Water heaters start from $1,200 including the unit.",
            &p,
            &[]
        )
        .is_empty());
        assert_eq!(
            ungrounded("Drain cleaning is $99 today only!", &p, &[]),
            vec!["$99"]
        );
        assert_eq!(
            ungrounded("Call us on 813-555-9999.", &p, &[]),
            vec!["813-555-9999"]
        );
        assert_eq!(
            ungrounded("See www.daves-plumbing.com for more", &p, &[]),
            vec!["www.daves-plumbing.com"]
        );
        assert_eq!(
            ungrounded("Our licence is CFC9999999.", &p, &[]),
            vec!["CFC9999999"]
        );
        assert!(ungrounded("Our licence is CFC1234567.", &p, &[]).is_empty());
        assert!(ungrounded("Call (555) 010-0200 anytime.", &p, &[]).is_empty());
        assert!(ungrounded(
            "See you at 4410 Kennedy Blvd",
            &p,
            &["4410 Kennedy Blvd".into()]
        )
        .is_empty());
        assert!(ungrounded("Thu Dec 3, 10:00 AM works.", &p, &[]).is_empty());
    }

    #[test]
    fn money_links_and_addresses_in_any_form() {
        let p = profile();
        for leak in [
            "Drain cleaning is only 99 dollars today",
            "It's USD 40 for you",
            "just fifty bucks cash",
            "ninety nine dollars flat",
            "pay at paypal.me/davesplumbing",
            "details: bit.ly/3xYz",
            "order at yourshop.shop/pay",
            "email billing@daves-plumbing.example",
            "see daves.plumbing for photos",
        ] {
            assert!(!ungrounded(leak, &p, &[]).is_empty(), "{leak}");
        }
        // The caller's own words and the profile's own figures pass.
        assert!(ungrounded(
            "Sure, 40 dollars it is",
            &p,
            &["can you do it for 40 dollars".into()]
        )
        .is_empty());
        assert!(ungrounded("Drain cleaning is $149.", &p, &[]).is_empty());
        assert!(ungrounded("See you at 9 a.m. on Thu, e.g. tomorrow.", &p, &[]).is_empty());
    }

    #[test]
    fn nonsense_is_not_sent() {
        assert!(gibberish(&"A".repeat(306)).is_some());
        assert!(gibberish("xkcdqwrt zzzvbnm plkjhg").is_some());
        assert!(gibberish("!!!! ???? $$$$ ####").is_some());
        assert!(gibberish("Thanks! Drain cleaning is $149. Want Thu Dec 3, 10:00 AM?").is_none());
        assert!(gibberish("Ok, see you then.").is_none());
    }

    #[test]
    fn the_business_hours_are_its_own_words() {
        let p = BusinessProfile::from_toml(
            &include_str!("../../examples/daves-plumbing.toml")
                .replace("mon = \"08:00-12:00,13:00-17:00\"", "mon = \"07:30-18:00\""),
        )
        .unwrap();
        let reply = format!(
            "Our hours: {}.",
            crate::engine::knowledge::hours_summary(&p)
        );
        assert!(ungrounded(&reply, &p, &[]).is_empty(), "{reply}");
        assert!(ungrounded("Open Mon 7:30am-6pm.", &p, &[]).is_empty());
        // Whole hours on both sides too ("Sat 10am-11pm"), as hours_summary writes them.
        let late = BusinessProfile::from_toml(
            &include_str!("../../examples/daves-plumbing.toml")
                .replace("mon = \"08:00-12:00,13:00-17:00\"", "mon = \"12:00-22:00\""),
        )
        .unwrap();
        let reply = format!(
            "Our hours: {}.",
            crate::engine::knowledge::hours_summary(&late)
        );
        assert!(reply.contains("12pm-10pm"), "{reply}");
        assert!(ungrounded(&reply, &late, &[]).is_empty(), "{reply}");
        // A range of other figures is still checked as one.
        assert!(!ungrounded("Call 1200-3400 now", &p, &[]).is_empty());
        assert_eq!(
            ungrounded("Call 555-9999 now", &p, &[]),
            vec!["555-9999".to_string()]
        );
    }

    #[test]
    fn invented_promises_are_caught() {
        let p = profile();
        assert_eq!(
            unpromised("I promise we'll be there in 10 minutes.", &p),
            vec!["promise"]
        );
        assert_eq!(unpromised("We guarantee our work.", &p), vec!["guarantee"]);
        // The profile itself says estimates are free.
        assert!(unpromised("Estimates are free inside our service area.", &p).is_empty());
    }

    #[test]
    fn replies_are_plain_and_short() {
        assert_eq!(
            finalize("**Great!** Here you go:\n- one\n- two \u{1F600}"),
            "Great! Here you go: one two"
        );
        let long = "This is a sentence that goes on. ".repeat(20);
        let out = finalize(&long);
        assert!(measure(&out).units <= MAX_REPLY_CHARS, "{}", out.len());
        assert!(out.ends_with('.'));
    }
}
