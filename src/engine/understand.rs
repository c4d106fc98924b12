//! The built-in policy's understanding of a caller's text: keywords, numbers, yes and no, names,
//! addresses, and which part of the business profile a question is about (a small BM25 over the
//! FAQ). Deterministic and explainable; when it cannot tell, it says so and the policy asks once
//! more or hands off.

use crate::domain::profile::BusinessProfile;
use std::collections::HashSet;

/// Lower-case words, punctuation removed (apostrophes dropped: "don't" -> "dont").
pub fn words(text: &str) -> Vec<String> {
    text.chars()
        .filter(|c| *c != '\'' && *c != '\u{2019}')
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

fn padded(text: &str) -> String {
    format!(" {} ", words(text).join(" "))
}

fn has_any(text: &str, phrases: &[&str]) -> bool {
    let p = padded(text);
    phrases.iter().any(|ph| p.contains(&format!(" {ph} ")))
}

fn has_prefix_word(text: &str, prefixes: &[&str]) -> bool {
    words(text)
        .iter()
        .any(|w| prefixes.iter().any(|p| w.starts_with(p)))
}

const YES: &[&str] = &[
    "yes",
    "y",
    "yep",
    "yeah",
    "yea",
    "ya",
    "yup",
    "sure",
    "ok",
    "okay",
    "k",
    "confirm",
    "confirmed",
    "correct",
    "sounds good",
    "that works",
    "works for me",
    "perfect",
    "great",
    "please do",
    "book it",
    "do it",
    "absolutely",
    "definitely",
];
const NO: &[&str] = &[
    "no",
    "n",
    "nope",
    "nah",
    "not really",
    "none of those",
    "none of them",
    "neither",
    "wrong",
];

/// A plain yes (the whole message is an agreement, perhaps with filler).
pub fn is_yes(text: &str) -> bool {
    let w = words(text);
    if w.is_empty() || w.len() > 6 || is_no(text) {
        return false;
    }
    has_any(text, YES)
}

pub fn is_no(text: &str) -> bool {
    let w = words(text);
    !w.is_empty() && w.len() <= 8 && has_any(text, NO)
}

/// Danger to people or property: the caller is told to call 911 or the utility, and a person follows.
pub fn safety(text: &str) -> bool {
    has_any(
        text,
        &[
            "gas smell",
            "smell gas",
            "smells like gas",
            "smell of gas",
            "gas leak",
            "leaking gas",
            "carbon monoxide",
            "co alarm",
            "co detector",
            "flooding",
            "flooded",
            "flood",
            "sparks",
            "sparking",
            "electrocuted",
            "shock",
            "fire",
            "smoke",
            "burning smell",
            "injured",
            "injury",
            "bleeding",
            "hurt",
            "unconscious",
            "emergency room",
            "sewage backing up",
            "burst pipe",
            "pipe burst",
            "trouble breathing",
            "cant breathe",
            "cannot breathe",
            "barely breathe",
            "difficulty breathing",
            "hard to breathe",
            "short of breath",
            "throat feels tight",
            "throat is closing",
            "chest pain",
            "allergic reaction",
            "anaphylaxis",
            "passed out",
            "fainted",
            "seizure",
            "heavy bleeding",
            "wont stop bleeding",
        ],
    )
}

/// Asking for a person.
pub fn wants_human(text: &str) -> bool {
    has_any(
        text,
        &[
            "human",
            "real person",
            "a person",
            "someone real",
            "talk to someone",
            "speak to someone",
            "speak with someone",
            "talk to a person",
            "speak to a person",
            "call me",
            "call me back",
            "give me a call",
            "manager",
            "the owner",
            "talk to dave",
            "representative",
            "operator",
            "agent",
            "stop being a bot",
            "are you a bot",
            "is this a bot",
        ],
    )
}

/// Complaints, legal and billing disputes (on top of the profile's own escalation keywords).
pub fn complaint(text: &str, profile_keywords: &[String]) -> Option<String> {
    let p = padded(text);
    for k in profile_keywords {
        let kw = words(k).join(" ");
        if !kw.is_empty() && p.contains(&format!(" {kw}")) {
            return Some(k.clone());
        }
    }
    const BUILT_IN: &[&str] = &[
        "complaint",
        "complain",
        "lawyer",
        "attorney",
        "sue",
        "lawsuit",
        "legal action",
        "refund",
        "overcharged",
        "charged me twice",
        "dispute",
        "chargeback",
        "scam",
        "ripped off",
        "rip off",
        "terrible service",
        "worst service",
        "unacceptable",
        "bbb",
        "better business bureau",
        "review",
    ];
    BUILT_IN
        .iter()
        .find(|k| p.contains(&format!(" {k} ")))
        .map(|k| k.to_string())
}

/// Messages an auto-responder would send ("I'm driving", "out of office").
pub fn looks_automated(text: &str) -> bool {
    has_any(
        text,
        &[
            "auto reply",
            "autoreply",
            "automatic reply",
            "automated message",
            "this is an automated",
            "out of office",
            "im driving",
            "i am driving",
            "driving with do not disturb",
            "do not disturb",
            "will get back to you",
            "this number is not monitored",
            "do not reply to this",
            "cannot receive texts",
        ],
    )
}

const ORDINALS: &[(&str, usize)] = &[
    ("first", 1),
    ("1st", 1),
    ("one", 1),
    ("second", 2),
    ("2nd", 2),
    ("two", 2),
    ("third", 3),
    ("3rd", 3),
    ("three", 3),
    ("fourth", 4),
    ("4th", 4),
    ("four", 4),
    ("fifth", 5),
    ("5th", 5),
    ("five", 5),
];

/// Which of `n` numbered options the caller picked ("2", "#2", "option 2", "the second one", "the last").
pub fn pick_number(text: &str, n: usize) -> Option<usize> {
    let w = words(text);
    if w.is_empty() || w.len() > 8 {
        return None;
    }
    let mut found: Option<usize> = None;
    for (i, word) in w.iter().enumerate() {
        let pick = if let Ok(k) = word.parse::<usize>() {
            // "2" but not "2pm" or "at 2": a bare small number, not followed by a time word.
            let time_follows = w
                .get(i + 1)
                .is_some_and(|n| ["pm", "am", "oclock", "thirty", "30"].contains(&n.as_str()));
            let time_before =
                i > 0 && ["at", "after", "before", "around", "by"].contains(&w[i - 1].as_str());
            (!time_follows && !time_before).then_some(k)
        } else if word == "last" {
            Some(n)
        } else if word == "one"
            && !(w.len() == 1
                || (i > 0 && ["option", "number", "choice"].contains(&w[i - 1].as_str())))
        {
            // "the second one": a noun, not a number.
            None
        } else {
            ORDINALS.iter().find(|(o, _)| o == word).map(|(_, k)| *k)
        };
        if let Some(k) = pick {
            if (1..=n).contains(&k) {
                if found.is_some_and(|f| f != k) {
                    return None; // "1 or 2": undecided
                }
                found = Some(k);
            }
        }
    }
    found
}

pub fn is_greeting(text: &str) -> bool {
    let w = words(text);
    w.len() <= 4
        && has_any(
            text,
            &[
                "hi",
                "hello",
                "hey",
                "good morning",
                "good afternoon",
                "good evening",
                "yo",
            ],
        )
}

pub fn has_thanks(text: &str) -> bool {
    has_any(
        text,
        &[
            "thanks",
            "thank you",
            "thx",
            "ty",
            "appreciate it",
            "cheers",
        ],
    )
}

pub fn wants_booking(text: &str) -> bool {
    has_any(
        text,
        &[
            "book",
            "booking",
            "appointment",
            "appt",
            "schedule",
            "come out",
            "come by",
            "come over",
            "send someone",
            "available",
            "availability",
            "when can",
            "what times",
            "any time",
            "anytime",
            "openings",
            "slot",
            "visit",
            "asap",
            "as soon as possible",
            "today",
            "tomorrow",
            "this week",
            "next week",
            "set up",
            "get on the schedule",
        ],
    ) || has_prefix_word(
        text,
        &[
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ],
    )
}

pub fn wants_cancel(text: &str) -> bool {
    has_any(
        text,
        &[
            "cancel",
            "call it off",
            "dont need",
            "do not need",
            "no longer need",
            "nevermind",
            "never mind",
        ],
    )
}

pub fn wants_reschedule(text: &str) -> bool {
    has_any(
        text,
        &[
            "reschedule",
            "move",
            "change the time",
            "change the day",
            "change my appointment",
            "different time",
            "different day",
            "another time",
            "another day",
            "push it",
            "earlier",
            "later",
        ],
    )
}

const STREET: &[&str] = &[
    "st",
    "street",
    "ave",
    "avenue",
    "rd",
    "road",
    "dr",
    "drive",
    "ln",
    "lane",
    "blvd",
    "boulevard",
    "ct",
    "court",
    "way",
    "pl",
    "place",
    "cir",
    "circle",
    "pkwy",
    "parkway",
    "hwy",
    "highway",
    "ter",
    "terrace",
    "trl",
    "trail",
];

/// A street address: a house number, words, and a street type ("12 Oak St", "4410 W Kennedy Blvd Apt 3").
pub fn extract_address(text: &str) -> Option<String> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    for (i, t) in tokens.iter().enumerate() {
        let num = t.trim_matches(|c: char| !c.is_alphanumeric());
        if num.is_empty()
            || !num.chars().next().is_some_and(|c| c.is_ascii_digit())
            || num.len() > 6
        {
            continue;
        }
        for j in i + 1..tokens.len().min(i + 7) {
            let w = tokens[j]
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase();
            if STREET.contains(&w.as_str()) {
                // Keep a unit ("Apt 3", "#3") that follows.
                let mut end = j + 1;
                if let Some(next) = tokens.get(end) {
                    let n = next
                        .trim_matches(|c: char| !c.is_alphanumeric())
                        .to_ascii_lowercase();
                    if ["apt", "unit", "suite", "ste"].contains(&n.as_str())
                        && tokens.get(end + 1).is_some()
                    {
                        end += 2;
                    } else if next.starts_with('#') {
                        end += 1;
                    }
                }
                let addr = tokens[i..end].join(" ");
                return Some(addr.trim_end_matches([',', '.', ';']).to_string());
            }
        }
    }
    None
}

/// A name the caller gives ("I'm Jane Doe", "my name is Jane", "this is Jane", "name: Jane").
pub fn extract_name(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    for cue in [
        "my name is ",
        "name is ",
        "this is ",
        "i'm ",
        "im ",
        "i am ",
        "name: ",
        "it's ",
        "its ",
    ] {
        if let Some(pos) = lower.find(cue) {
            let at_word_start = pos == 0 || !lower[..pos].ends_with(|c: char| c.is_alphanumeric());
            if !at_word_start {
                continue;
            }
            let rest = &text[pos + cue.len()..];
            let name: Vec<&str> = rest
                .split(|c: char| !(c.is_alphabetic() || c == '-' || c == '\''))
                .filter(|w| !w.is_empty())
                .take_while(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
                .take(3)
                .collect();
            if !name.is_empty() {
                return Some(name.join(" "));
            }
        }
    }
    None
}

/// The service of the profile the text names, by its words ("drain", "water heater").
pub fn match_service(text: &str, profile: &BusinessProfile) -> Option<usize> {
    let said: HashSet<String> = words(text).into_iter().map(|w| stem(&w)).collect();
    let mut best: Option<(usize, f64)> = None;
    for (i, s) in profile.services.iter().enumerate() {
        // Generic trade verbs ("repair", "install") do not tell services apart.
        const GENERIC: &[&str] = &[
            "repair",
            "install",
            "installation",
            "service",
            "clean",
            "cleaning",
            "fix",
            "replacement",
            "replace",
            "maintenance",
            "visit",
            "job",
            "work",
        ];
        // ...unless the generic word leads the name ("Cleaning and exam").
        let name: Vec<String> = words(&s.name)
            .into_iter()
            .enumerate()
            .filter(|(i, w)| {
                !STOP.contains(&w.as_str()) && (*i == 0 || !GENERIC.contains(&w.as_str()))
            })
            .map(|(_, w)| stem(&w))
            .collect();
        if name.is_empty() {
            continue;
        }
        let hits = name.iter().filter(|w| said.contains(*w)).count();
        let score = hits as f64 / name.len() as f64;
        if hits > 0 && score >= 0.5 && best.is_none_or(|(_, b)| score > b) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

const STOP: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "is", "are", "do", "does",
    "you", "your", "i", "me", "my", "we", "it", "be", "can", "could", "will", "would", "what",
    "how", "when", "where", "who", "which", "have", "has", "with", "this", "that", "there", "any",
    "some", "about", "if", "im", "just", "need", "want", "get", "please", "hi", "hello", "hey",
    "thanks", "thank", "so", "also", "yes", "no", "ok", "u", "ur", "y",
];

/// A crude stemmer: enough to match "estimates" with "estimate" and "charging" with "charge".
pub fn stem(word: &str) -> String {
    let w = word.to_ascii_lowercase();
    for suffix in ["ing", "ed", "es", "s"] {
        if w.len() > suffix.len() + 3 {
            if let Some(base) = w.strip_suffix(suffix) {
                return base.to_string();
            }
        }
    }
    w
}

fn content_words(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| !STOP.contains(&w.as_str()))
        .map(|w| stem(&w))
        .collect()
}

/// Does the text ask something?
pub fn is_question(text: &str) -> bool {
    let w = words(text);
    // "??? zzz" asks nothing: a question needs at least one word that could be a word.
    let wordlike = w.iter().any(|x| {
        x.len() >= 2
            && x.chars().any(|c| "aeiouy".contains(c))
            && x.chars().all(|c| c.is_alphabetic())
    });
    if !wordlike {
        return false;
    }
    if text.contains('?') {
        return true;
    }
    const Q: &[&str] = &[
        "do", "does", "did", "can", "could", "will", "would", "is", "are", "what", "whats", "when",
        "where", "how", "why", "who", "which", "should",
    ];
    w.first().is_some_and(|f| Q.contains(&f.as_str()))
}

/// What a question is about, answered only from the profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Topic {
    Faq(usize),
    /// A price or a "do you do X" about a service.
    Service {
        index: usize,
        price_asked: bool,
    },
    /// All services and prices.
    Services,
    Hours,
    ServiceArea,
    About,
}

/// Find the part of the profile that answers the text, if any.
pub fn topic(text: &str, profile: &BusinessProfile) -> Option<Topic> {
    const PRICE: &[&str] = &[
        "how much", "price", "prices", "pricing", "cost", "costs", "rate", "rates", "fee", "fees",
        "quote", "charge", "charges",
    ];
    let price_asked = has_any(text, PRICE);
    let rest: Vec<String> = content_words(text)
        .into_iter()
        .filter(|w| {
            ![
                "much", "price", "pric", "pricing", "cost", "rate", "fee", "quote", "charge",
                "charg",
            ]
            .contains(&w.as_str())
        })
        .collect();
    if price_asked && rest.is_empty() {
        return Some(Topic::Services);
    }
    if has_any(
        text,
        &[
            "your hours",
            "business hours",
            "opening hours",
            "are you open",
            "when are you open",
            "what time do you",
            "when do you open",
            "when do you close",
            "open today",
            "open tomorrow",
        ],
    ) {
        return Some(Topic::Hours);
    }
    let faq = best_faq(text, profile);
    if let Some((i, score)) = faq {
        if score >= 0.75 || (!price_asked && score >= 0.5) {
            return Some(Topic::Faq(i));
        }
    }
    if let Some(index) = match_service(text, profile) {
        return Some(Topic::Service { index, price_asked });
    }
    if has_any(
        text,
        &[
            "hours",
            "open",
            "close",
            "closed",
            "closing",
            "what time",
            "weekend",
            "saturday",
            "sunday",
        ],
    ) {
        return Some(Topic::Hours);
    }
    if has_any(
        text,
        &[
            "area",
            "areas",
            "service area",
            "come to",
            "cover",
            "serve",
            "service my",
            "near",
            "located",
            "location",
            "where are you",
        ],
    ) {
        return Some(Topic::ServiceArea);
    }
    // A price for something the profile does not list is unanswered, not the whole price list.
    if has_any(
        text,
        &[
            "what services",
            "what do you do",
            "what do you offer",
            "services",
            "price list",
            "your prices",
        ],
    ) {
        return Some(Topic::Services);
    }
    if has_any(
        text,
        &[
            "who are you",
            "about you",
            "how long",
            "family owned",
            "licensed",
            "insured",
        ],
    ) && !profile.business.about.is_empty()
    {
        return Some(Topic::About);
    }
    faq.filter(|(_, s)| *s >= 0.5).map(|(i, _)| Topic::Faq(i))
}

/// BM25-like score of each FAQ entry (question and answer) against the text, normalised to 0..1
/// by the text's own weight: the share of what the caller asked that the entry covers.
pub fn best_faq(text: &str, profile: &BusinessProfile) -> Option<(usize, f64)> {
    let query: Vec<String> = content_words(text);
    if query.is_empty() || profile.faq.is_empty() {
        return None;
    }
    let docs: Vec<HashSet<String>> = profile
        .faq
        .iter()
        .map(|f| {
            content_words(&format!("{} {} {}", f.q, f.q, f.a))
                .into_iter()
                .collect()
        })
        .collect();
    let n = docs.len() as f64;
    let idf = |t: &str| {
        let df = docs.iter().filter(|d| d.contains(t)).count() as f64;
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    };
    // Words the caller used that no entry has still count against the match (an unknown topic).
    let unknown_weight = (n + 1.0).ln();
    let total: f64 = query
        .iter()
        .map(|t| {
            if docs.iter().any(|d| d.contains(t)) {
                idf(t)
            } else {
                unknown_weight
            }
        })
        .sum();
    let mut best: Option<(usize, f64)> = None;
    for (i, d) in docs.iter().enumerate() {
        let s: f64 = query
            .iter()
            .filter(|t| d.contains(*t))
            .map(|t| idf(t))
            .sum::<f64>()
            / total.max(1e-9);
        if s > 0.0 && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> BusinessProfile {
        BusinessProfile::from_toml(include_str!("../../examples/daves-plumbing.toml")).unwrap()
    }

    #[test]
    fn yes_and_no() {
        for y in [
            "YES",
            "yes please",
            "Yep!",
            "ok",
            "sounds good",
            "Yes, book it",
        ] {
            assert!(is_yes(y), "{y}");
        }
        for n in [
            "no",
            "nope, none of those",
            "not really",
            "yes? no wait, what time was it again and where",
        ] {
            assert!(!is_yes(n), "{n}");
        }
        assert!(is_no("none of those work"));
    }

    #[test]
    fn picks() {
        assert_eq!(pick_number("2", 3), Some(2));
        assert_eq!(pick_number("#3", 3), Some(3));
        assert_eq!(pick_number("the second one", 3), Some(2));
        assert_eq!(pick_number("option 1 please", 3), Some(1));
        assert_eq!(pick_number("the last one", 3), Some(3));
        assert_eq!(pick_number("5", 3), None);
        assert_eq!(pick_number("1 or 2", 3), None);
        assert_eq!(pick_number("after 2", 3), None);
        assert_eq!(pick_number("2pm", 3), None);
    }

    #[test]
    fn addresses_and_names() {
        assert_eq!(
            extract_address("it's at 12 Oak St, Tampa").as_deref(),
            Some("12 Oak St")
        );
        assert_eq!(
            extract_address("4410 W Kennedy Blvd Apt 3 please").as_deref(),
            Some("4410 W Kennedy Blvd Apt 3")
        );
        assert_eq!(extract_address("call me at 3"), None);
        assert_eq!(
            extract_name("Hi, this is Jane Doe").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(extract_name("my name is Carlos").as_deref(), Some("Carlos"));
        assert_eq!(extract_name("I'm at home"), None);
    }

    #[test]
    fn safety_human_complaints() {
        assert!(safety("I smell gas in the kitchen"));
        assert!(safety("basement is flooding!!"));
        assert!(!safety("my drain is slow"));
        assert!(wants_human("can I talk to a real person"));
        assert!(!wants_human("my sink is clogged"));
        let p = profile();
        assert_eq!(
            complaint("I want a refund", &p.escalation.keywords).as_deref(),
            Some("refund")
        );
        assert_eq!(
            complaint("I'm calling my lawyer", &[]).as_deref(),
            Some("lawyer")
        );
        assert_eq!(complaint("sink is clogged", &p.escalation.keywords), None);
    }

    #[test]
    fn topics_come_from_the_profile() {
        let p = profile();
        assert_eq!(
            topic("Do you charge for estimates?", &p),
            Some(Topic::Faq(0))
        );
        assert_eq!(topic("are you insured", &p), Some(Topic::Faq(1)));
        assert_eq!(topic("do you do emergencies?", &p), Some(Topic::Faq(2)));
        assert_eq!(topic("how do I pay", &p), Some(Topic::Faq(3)));
        assert_eq!(
            topic("how much is drain cleaning?", &p),
            Some(Topic::Service {
                index: 0,
                price_asked: true
            })
        );
        assert_eq!(
            topic("do you install water heaters", &p),
            Some(Topic::Service {
                index: 1,
                price_asked: false
            })
        );
        assert_eq!(topic("what are your hours", &p), Some(Topic::Hours));
        assert_eq!(
            topic("do you come to clearwater?", &p),
            Some(Topic::ServiceArea)
        );
        assert_eq!(topic("what do you charge?", &p), Some(Topic::Services));
        assert_eq!(topic("do you fix boilers?", &p), None);
        assert_eq!(topic("can you repair my roof", &p), None);
    }

    #[test]
    fn services_by_their_words() {
        let p = profile();
        assert_eq!(match_service("my water heater died", &p), Some(1));
        assert_eq!(match_service("need drain cleaning", &p), Some(0));
        assert_eq!(match_service("there's a leak under the sink", &p), Some(2));
        assert_eq!(match_service("hello", &p), None);
    }
}
