//! The built-in policy's understanding of a caller's text: keywords, numbers, yes and no, names,
//! addresses, and which part of the business profile a question is about (a small BM25 over the
//! FAQ). Deterministic and explainable; when it cannot tell, it says so and the policy asks once
//! more or hands off.

use crate::domain::profile::BusinessProfile;

pub use super::normalize::{stem, words};

/// The part of a text the matchers read: a turn's texts are at most a few SMS long; past this
/// a text is chatter, and reading it all would let one caller cost the server more.
pub const MATCH_CHARS: usize = 3000;

fn bounded(text: &str) -> &str {
    if text.len() <= MATCH_CHARS {
        return text;
    }
    let mut end = MATCH_CHARS;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn padded(text: &str) -> String {
    format!(" {} ", words(text).join(" "))
}

fn has_any(text: &str, phrases: &[&str]) -> bool {
    let p = padded(text);
    phrases
        .iter()
        .any(|ph| super::detect::contains_spaced(&p, ph, true))
}

fn has_prefix_word(text: &str, prefixes: &[&str]) -> bool {
    words(text)
        .iter()
        .any(|w| prefixes.iter().any(|p| w.starts_with(p)))
}

const YES: &[&str] = &[
    "yes",
    "yessir",
    "yes sir",
    "yes maam",
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
    "fine",
    "thats fine",
    "that is fine",
    "that one",
    "lets do it",
    "will be fine",
    "would be fine",
    // ("cool thx" to the time read back)
    "cool",
    "that will do",
    // "That'll work, thank you", "that would work".
    "will work",
    "would work",
    "should work",
    "thatll work",
    "thatd work",
    // The time read back, met with "see you then".
    "see you then",
    "see u then",
    "see ya then",
    "see you there",
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
    // A thumbs up or an OK hand is the nod ("👍 thanks", "👌").
    const NODS: &[char] = &['\u{1F44D}', '\u{1F44C}', '\u{2705}'];
    if text.contains(NODS) && !text.contains('?') {
        let rest: String = text.chars().filter(|c| !NODS.contains(c)).collect();
        return rest.trim().is_empty() || is_yes(&format!("ok {rest}"));
    }
    // "ya", "ya do it": the yes, though "ya" alone reads as "you" everywhere else.
    let raw: Vec<String> = text
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    // ("ye" alone, or "ye thats fine", is the same yes.)
    if raw.first().is_some_and(|w| w == "ya" || w == "ye")
        && !text.contains('?')
        && (raw.len() == 1
            || raw.len() <= 6
                && [
                    "do", "book", "thats", "that", "sounds", "please", "pls", "perfect", "works",
                    "go", "lock", "sure", "ok", "yes",
                ]
                .contains(&raw[1].as_str()))
    {
        return is_yes(&format!("yes {}", raw[1..].join(" ")));
    }
    let w = words(text);
    if w.is_empty() || is_no(text) {
        return false;
    }
    if name_beside_yes(text).is_some() {
        return true;
    }
    // ("That will be fine dear. Thank you": the courtesies make it no longer.)
    const COURTESY: &[&str] = &[
        "thank", "thanks", "you", "ty", "dear", "hun", "honey", "sweetie", "hon", "much", "so",
        "gracias",
    ];
    let said = w.iter().filter(|x| !COURTESY.contains(&x.as_str())).count();
    // ("not sure", "not cool": a yes word said not to be so; "sure why not" is still a yes.)
    let negated = w.iter().enumerate().any(|(i, x)| {
        ["not", "dont", "isnt", "wasnt", "didnt", "wont", "cant"].contains(&x.as_str())
            && (i == 0 || w[i - 1] != "why")
    });
    if w.len() <= 6 {
        return has_any(text, YES) && !negated;
    }
    if said <= 4
        && has_any(text, &["thank you", "thanks", "dear", "ty"])
        && !w.iter().any(|x| YES_CHANGES.contains(&x.as_str()))
    {
        return has_any(text, YES);
    }
    // A longer yes opens with it and changes nothing ("Yes, please go ahead and book it"), unlike
    // "yes but can we do thursday instead".
    const OPENS: &[&str] = &[
        "yes",
        "yessir",
        "yep",
        "yeah",
        "yup",
        "sure",
        "absolutely",
        "definitely",
        "perfect",
        "great",
        // "Sounds good, go ahead and book it", "ok book it for me then".
        "sounds",
        "ok",
        "okay",
        "alright",
        "go",
        "book",
    ];
    w.len() <= 15
        && OPENS.contains(&w[0].as_str())
        && !text.contains('?')
        && !w.iter().any(|x| YES_CHANGES.contains(&x.as_str()))
}

/// Words that turn a yes into a change ("yes but can we do thursday instead").
const YES_CHANGES: &[&str] = &[
    "but",
    "instead",
    "actually",
    "change",
    "different",
    "other",
    "another",
    "earlier",
    "later",
    "not",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "tomorrow",
    "week",
    // A wish about the time said after the nod ("Great. Weekday after school is best, after 4").
    "weekday",
    "weekdays",
    "weekend",
    "weekends",
    "mornings",
    "afternoons",
    "evenings",
];

/// A yes said beside the caller's name, in pieces of its own ("Marcus Batiste. yes go ahead
/// and book", "its Aisha Brown, and yes book it"): the name, when every other piece is a yes.
pub fn name_beside_yes(text: &str) -> Option<String> {
    let pieces: Vec<&str> = text
        .split(['.', ',', ';', '\n', '!'])
        .map(|p| {
            let p = p.trim();
            p.strip_prefix("and ").unwrap_or(p)
        })
        .filter(|p| !p.is_empty())
        .collect();
    // ("Lena Ortiz. yes but not friday" changes the time: no yes.)
    let changes = words(text)
        .iter()
        .any(|w| YES_CHANGES.contains(&w.as_str()));
    if pieces.len() < 2 || text.contains('?') || is_no(text) || changes {
        return None;
    }
    let mut name = None;
    let mut yes = false;
    // ("jess p. yes": a name with an initial.)
    let initialed = |p: &str| {
        let ts: Vec<&str> = p.split_whitespace().collect();
        match ts.as_slice() {
            [first, initial]
                if initial.trim_end_matches('.').chars().count() == 1 && name_word(first, true) =>
            {
                Some(capitalise(first))
            }
            _ => None,
        }
    };
    let last = pieces.len() - 1;
    for (k, p) in pieces.into_iter().enumerate() {
        if is_yes(p) {
            yes = true;
        } else if let Some(n) = stated_name(p)
            .or_else(|| just_a_name(p))
            .or_else(|| initialed(p))
        {
            name.get_or_insert(n);
        } else if k == last && has_thanks(p) && words(p).len() <= 5 {
            // ("My name is Jonas Weber. Yes this is correct, thank you very much")
        } else if k > 0 && about_family(p) {
            // ("Heather Kim, daughter is Sophie. Yes confirm": who it is for, told beside.)
        } else {
            return None;
        }
    }
    name.filter(|_| yes)
}

/// A short piece about one of the caller's family ("daughter is Sophie", "its for my son").
fn about_family(piece: &str) -> bool {
    const FAMILY: &[&str] = &[
        "daughter",
        "daughters",
        "son",
        "sons",
        "kid",
        "kids",
        "child",
        "mom",
        "moms",
        "dad",
        "dads",
        "mother",
        "father",
        "husband",
        "husbands",
        "wife",
        "wifes",
        "grandma",
        "grandpa",
    ];
    let w = words(piece);
    w.len() <= 6 && w.iter().take(4).any(|x| FAMILY.contains(&x.as_str()))
}

/// A yes said first, then something else asked or told ("yes confirm. landlord will pay? or i
/// pay"): the opening piece is a plain yes and nothing after it changes the time.
pub fn opens_with_yes(text: &str) -> bool {
    let first = text
        .split(['.', ',', '!', ';', '?', '\n'])
        .map(str::trim)
        .find(|p| !p.is_empty());
    // (A plain "ok" before a question is a nod, not a yes: "ok. how much is it all in?")
    first.is_some_and(|p| {
        words(p).len() <= 4
            && is_yes(p)
            && has_any(
                p,
                &[
                    "yes",
                    "yep",
                    "yeah",
                    "yup",
                    "confirm",
                    "confirmed",
                    "book it",
                    "perfect",
                    "sounds good",
                    "that works",
                    "lets do it",
                    "do it",
                    "absolutely",
                ],
            )
    }) && !is_no(text)
        && !words(text)
            .iter()
            .any(|w| YES_CHANGES.contains(&w.as_str()) || w == "cancel" || w == "wait")
}

pub fn is_no(text: &str) -> bool {
    let w = words(text);
    !w.is_empty() && w.len() <= 8 && has_any(text, NO) && !open_choice_at_end(&w)
}

/// "...or nah" ending a text of four words or more: the choice left open, which asks ("can you
/// come today or nah", "im 16 can i get my nose pierced there or nah"), not a no.
fn open_choice_at_end(w: &[String]) -> bool {
    w.len() >= 4
        && w[w.len() - 2] == "or"
        && ["nah", "naw", "no", "nope"].contains(&w[w.len() - 1].as_str())
}

/// Messages an auto-responder would send ("I'm driving", "out of office"). Phrases a person also
/// writes in passing ("when I'm driving") count only in a short text.
pub fn looks_automated(text: &str) -> bool {
    // A person asking whether they are texting a machine is no machine ("am i texting a real
    // person or one of those auto reply things?").
    // ...with or without a "?" ("is this like an auto reply thing or is someone at the shop
    // actually reading these").
    if (text.contains('?')
        || has_any(
            text,
            &[
                "is this",
                "are these",
                "is someone",
                "is anyone",
                "is anybody",
                "actually reading",
                "anyone reading",
            ],
        ))
        && has_any(
            text,
            &[
                "real person",
                "a person",
                "a human",
                "am i texting",
                "am i talking",
                "one of those",
                "is this",
                "are these",
                "is someone",
                "is anyone",
                "is anybody",
                "actually reading",
                "anyone reading",
            ],
        )
    {
        return false;
    }
    has_any(
        text,
        &[
            "auto reply",
            "autoreply",
            "automatic reply",
            "automated message",
            "this is an automated",
            "out of office",
            "this number is not monitored",
            "do not reply to this",
            "cannot receive texts",
        ],
    ) || (words(text).len() <= 20
        && has_any(
            text,
            &[
                "im driving",
                "i am driving",
                "driving with do not disturb",
                "do not disturb",
                "will get back to you",
            ],
        )
        // A person at the wheel says what they want ("im driving rn cant really text... can u
        // just call me back"); a phone's reply never asks.
        && !has_any(
            text,
            &[
                "cant really text",
                "cant text",
                "call me",
                "can u",
                "can you",
                "pls",
                "please call",
                "lol",
            ],
        ))
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
    // A longer text may still pick in a sentence of its own ("2 is good for me. My name is
    // Oksana"): one pick among its short sentences.
    if w.len() > 8 {
        let sentences: Vec<&str> = text
            .split(['.', '!', ';', '\n'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        // (A pick beside a question is `pick_beside_question`'s: the question gets answered.)
        if sentences.len() < 2 || text.contains('?') || sentences.iter().any(|c| is_question(c)) {
            // ("The second time you listed would be better, I have water aerobics the other
            // mornings": one pick named as one.)
            return said_pick(&w, n).filter(|_| !text.contains('?'));
        }
        let picks: Vec<Option<usize>> = sentences
            .iter()
            .filter(|c| words(c).len() <= 8)
            .map(|c| pick_number(c, n))
            .collect();
        let mut chosen = picks.iter().flatten();
        let first = *chosen.next()?;
        return chosen.all(|k| *k == first).then_some(first);
    }

    if w.is_empty() {
        return None;
    }
    // "Jesse Two Bulls": a name of capitalised words, one of them a number's, picks nothing
    // (unless it opens as a pick does: "Second One", "Option Two").
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let capitalised_name = tokens.len() >= 2
        && tokens.iter().all(|t| {
            let t = t.trim_matches(|c: char| !c.is_alphanumeric());
            t.starts_with(char::is_uppercase)
                && t.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        })
        && !ORDINALS.iter().any(|(o, _)| *o == w[0])
        && ![
            "the", "option", "number", "choice", "slot", "time", "one", "last", "ok", "okay", "yes",
        ]
        .contains(&w[0].as_str());
    if capitalised_name {
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
            // "unit 3", "apt 2": part of an address, not a pick.
            let unit_before = i > 0
                && [
                    "unit",
                    "apt",
                    "apartment",
                    "suite",
                    "ste",
                    "building",
                    "bldg",
                    "lot",
                    "floor",
                ]
                .contains(&w[i - 1].as_str());
            // ("whatever's closest to 2": an hour, for `mentioned_proposal`.)
            let closest_to = i > 1
                && w[i - 1] == "to"
                && ["closest", "nearest", "close"].contains(&w[i - 2].as_str());
            let time_before = time_before || unit_before || closest_to;
            (!time_follows && !time_before).then_some(k)
        } else if word == "last" && !text.contains('?') {
            // "the last one", "last please"; not "same last name as mom", "last time i came",
            // "will it last".
            let verb = i > 0
                && [
                    "it", "does", "will", "would", "to", "should", "can", "they", "that", "this",
                    "wax", "ll",
                ]
                .contains(&w[i - 1].as_str());
            let next = w.get(i + 1).map(String::as_str);
            let after = w.get(i + 2).map(String::as_str);
            let a_pick = match next {
                None => true,
                Some("time") => {
                    after.is_none_or(|a| ["slot", "please", "works", "is", "ok"].contains(&a))
                }
                Some(x) => [
                    "one", "option", "slot", "choice", "opening", "please", "works", "is",
                    "thanks", "ok", "sounds", "would", "for", "then", "of",
                ]
                .contains(&x),
            };
            (a_pick && !verb).then_some(n)
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

/// A pick named as one in a longer sentence: an ordinal or number before "one", "option",
/// "slot", "choice", "opening" or "time you listed" ("the 2nd one", "the second time you listed"),
/// when exactly one is named.
fn said_pick(w: &[String], n: usize) -> Option<usize> {
    let mut found: Option<usize> = None;
    for i in 0..w.len() {
        let k = ORDINALS
            .iter()
            .find(|(o, _)| *o == w[i] && *o != "one")
            .map(|(_, k)| *k)
            .or_else(|| {
                (i > 0 && ["option", "number", "choice", "slot"].contains(&w[i - 1].as_str()))
                    .then(|| w[i].parse::<usize>().ok())
                    .flatten()
            });
        let Some(k) = k else { continue };
        let named = |j: usize| w.get(j).map(String::as_str);
        let as_a_pick = ["one", "option", "slot", "choice", "opening"]
            .contains(&named(i + 1).unwrap_or(""))
            || named(i + 1) == Some("time")
                && ["you", "listed", "u"].contains(&named(i + 2).unwrap_or(""))
            || i > 0 && ["option", "number", "choice", "slot"].contains(&w[i - 1].as_str());
        if as_a_pick && (1..=n).contains(&k) {
            if found.is_some_and(|f| f != k) {
                return None;
            }
            found = Some(k);
        }
    }
    found
}

/// A pick said beside a question ("3 please! what do i wear for it", "The first appointment is
/// fine. Must the fixtures be bought from you?"): the pick from the clauses that ask nothing,
/// when they name one option, and the clauses that ask, for answering.
pub fn pick_beside_question(text: &str, n: usize) -> Option<(usize, String)> {
    let clauses: Vec<&str> = text
        .split(['.', '!', '?', '\n', ';'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if clauses.len() < 2 {
        return None;
    }
    let mut pick = None;
    let mut asked = Vec::new();
    let mut rest = text;
    for c in &clauses {
        // Whether this clause ended with a question mark in the text.
        let at = rest.find(c).unwrap_or(0);
        let after = &rest[at + c.len()..];
        let ends_with_q = after.trim_start().starts_with('?');
        rest = after;
        if ends_with_q || is_question(c) {
            asked.push(*c);
            continue;
        }
        if let Some(k) = pick_number(c, n) {
            if pick.is_some_and(|p| p != k) {
                return None;
            }
            pick = Some(k);
        }
    }
    let k = pick?;
    (!asked.is_empty()).then(|| (k, asked.join("? ") + "?"))
}

/// "Whichever is earliest", "any of those", "you pick": the first (earliest) offered time, as
/// long as the text names no day or time of its own.
pub fn any_will_do(text: &str) -> bool {
    let w = words(text);
    w.len() <= 8
        && has_any(
            text,
            &[
                "earliest",
                "soonest",
                "first available",
                "whichever",
                "any of them",
                "any of those",
                "any is fine",
                "any works",
                "either",
                "either one",
                "doesnt matter",
                "dont care",
                "you pick",
                "up to you",
                "whatever works",
                "anything works",
            ],
        )
        && !has_prefix_word(text, WEEKDAY_NAMES)
        && !has_prefix_word(
            text,
            &[
                "morning",
                "afternoon",
                "evening",
                "tomorrow",
                "today",
                "week",
            ],
        )
        && !w.iter().any(|x| x.chars().all(|c| c.is_ascii_digit()))
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

pub(crate) const WEEKDAY_NAMES: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The parts of a day a caller names ("mornings are best").
pub(crate) const PARTS_OF_DAY: &[&str] = &[
    "morning",
    "mornings",
    "afternoon",
    "afternoons",
    "evening",
    "evenings",
];

/// Weekday names as shortened in texts ("fri", "thurs").
const DAY_SHORT: &[&str] = &[
    "mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs", "fri", "sat", "sun",
];

/// Weekday names, also as "sundays".
const WEEKDAYS_AND_PLURALS: &[&str] = &[
    "monday*",
    "tuesday*",
    "wednesday*",
    "thursday*",
    "friday*",
    "saturday*",
    "sunday*",
];

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
            "when could",
            "what times",
            "any time",
            "anytime",
            "openings",
            "an opening",
            "any opening",
            "a spot",
            "any spots",
            "fit me in",
            "squeeze me in",
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
            "come look",
            "come take a look",
            "come check",
            "come see",
            "come spray",
            "come fix",
            "come in",
            "you come",
            "someone come",
            "somebody come",
            "send me times",
            "send times",
            "some times",
            "available times",
            "time slots",
        ],
    ) || has_prefix_word(text, WEEKDAY_NAMES)
        || asks_for_times(text)
        || says_day_of_month(text)
}

/// Where the caller wants the work done, when they say: at their place ("do you come out?",
/// "no way im taking that thing apart to haul it in") or brought to the business ("can i
/// drop it off"). Neither, or both, says nothing.
pub fn wants_it_done_at_home(text: &str) -> Option<bool> {
    let t = super::detect::Text::new(text);
    let home = t.any(&[
        "come out",
        "come to me",
        "come to my",
        "come to us",
        "come to our",
        "come to the house",
        "come to her",
        "come to his",
        "come to them",
        "come set",
        "at her house",
        "at his house",
        "at their house",
        "at her home",
        "at his home",
        "at her place",
        "at my place",
        "to my place",
        "to our place",
        "house call",
        "house calls",
        "at my house",
        "at my home",
        "cant bring",
        "cannot bring",
        "cant haul",
        "cant move it",
        "no way im taking",
        "not taking it",
        "too heavy to bring",
        "too big to bring",
        "too heavy to move",
        "you come",
        "someone come",
        "somebody come",
    ]);
    // ("I cant bring it in": said of the shop, wanting the visit.)
    let refused = t.any(&[
        "cant bring",
        "cannot bring",
        "no way",
        "not bringing",
        "not taking it",
    ]);
    let shop = !refused
        && t.any(&[
            "bring it in",
            "bring them in",
            "bring it by",
            "drop it off",
            "drop them off",
            "drop off",
            "drop it by",
            "walk in",
            "bring it to you",
            "bring it to your",
        ]);
    match (home, shop) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

/// A day of the month asked for ("could you do the 16th?", "could you do the 10th sometime
/// after 1?"), not a deadline or someone else's date ("agent says we have until the 11th", "in
/// laws come the 22nd"), nor an order of things ("the 2nd one", "past the 7th fret").
pub fn says_day_of_month(text: &str) -> bool {
    const AFTER_A_DAY: &[&str] = &[
        "after",
        "before",
        "at",
        "around",
        "in",
        "morning",
        "afternoon",
        "evening",
        "sometime",
        "anytime",
        "or",
        "would",
        "works",
        "work",
        "if",
        "thats",
        "then",
        "please",
        "between",
        "from",
        "too",
        "instead",
        "maybe",
        "possibly",
        "ok",
        "is",
        "any",
        "open",
        "available",
        "free",
    ];
    // ("I get paid on the 15th", "what the 3rd is for on my bill", "if the 5th is when my
    // warranty ends": a date of something else.)
    const NOT_ON_THE_DAY: &[&str] = &[
        "until", "til", "till", "before", "by", "past", "from", "to", "since", "after", "come",
        "comes", "coming", "due", "closing", "close", "leave", "leaving", "paid", "what", "if",
        "when", "whether", "ends", "expires", "billed",
    ];
    // Asked for in the words just before the date ("could you do the 16th?", "any chance on
    // the 16th?", "does the 16th work?").
    const ASKS: &[&str] = &[
        "could you",
        "can you",
        "can we",
        "could we",
        "would you",
        "do you have",
        "have anything",
        "got anything",
        "anything on",
        "any time on",
        "anytime on",
        "how about",
        "what about",
        "any chance",
        "are you free",
        "you free",
        "does the",
        "is the",
        "maybe the",
    ];
    let ws = words(text);
    ws.iter().enumerate().any(|(i, w)| {
        let Some(digits) = ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|s| w.strip_suffix(s))
        else {
            return false;
        };
        let next = ws.get(i + 1).map(String::as_str);
        let window = ws[i.saturating_sub(6)..i].join(" ");
        let asked = super::detect::Text::new(&window).any(ASKS)
            // ("The 16th would be great.")
            || next.is_some_and(|n| ["would", "works", "work"].contains(&n));
        !digits.is_empty()
            && digits.len() <= 2
            && digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
            && i > 0
            && ["the", "on"].contains(&ws[i - 1].as_str())
            && (i < 2 || !NOT_ON_THE_DAY.contains(&ws[i - 2].as_str()))
            && next.is_none_or(|n| AFTER_A_DAY.contains(&n))
            && asked
    })
}

/// The owner's first name, from what the business says about itself ("owned by Dale Whitaker",
/// "run by Kirsten Halvorsen, RN", "founded by lead artist Jolene Harper"): callers name the
/// owner where others would say "your guy".
pub fn owner_first_name(profile: &BusinessProfile) -> Option<String> {
    struct Owner(Option<String>);
    profile
        .derived(|p| Owner(owner_in(&p.business.about)))
        .0
        .clone()
}

fn owner_in(about: &str) -> Option<String> {
    let tokens: Vec<&str> = about.split_whitespace().collect();
    let cue = (1..tokens.len()).find(|&i| {
        let (a, b) = (tokens[i - 1].to_lowercase(), tokens[i].to_lowercase());
        ["owned", "run", "founded", "started"].contains(&a.as_str()) && b == "by"
            || a == "owner" && tokens[i].starts_with(char::is_uppercase)
    })?;
    let start = if tokens[cue].eq_ignore_ascii_case("by") {
        cue + 1
    } else {
        cue
    };
    tokens[start..tokens.len().min(start + 4)]
        .iter()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|t| !["Dr", "Dr.", "Mr", "Mrs", "Ms"].contains(t))
        .find(|t| t.len() >= 2 && t.starts_with(char::is_uppercase))
        .map(str::to_lowercase)
}

/// "What days do u have?", "any other times?": the caller asks which times are open.
pub fn asks_for_times(text: &str) -> bool {
    has_any(
        text,
        &[
            "what days",
            "which days",
            "what day",
            "which day",
            "what times",
            "which times",
            "what time slots",
            "other times",
            "other days",
            "any other time",
            "any other day",
            "when are you free",
            "when r u free",
            "when are u free",
            "days do you have",
            "times do you have",
            "days you have",
            "times you have",
            "do you have open",
            "you have open",
        ],
    ) || {
        // "ok thats fine. what do you have": asked last, with nothing after it, it is the times.
        let w = words(text);
        let ends = |tail: &[&str]| w.len() >= tail.len() && w[w.len() - tail.len()..] == *tail;
        // ("do you have anything thursday evening? like 6ish")
        let then = |x: &String| {
            WEEKDAY_NAMES.contains(&x.as_str())
                || PARTS_OF_DAY.contains(&x.as_str())
                || ["today", "tomorrow", "tmrw", "tonight", "this", "next"].contains(&x.as_str())
        };
        let anything_then = w
            .windows(3)
            .any(|x| x[0] == "have" && x[1] == "anything" && then(&x[2]))
            || w.windows(4)
                .any(|x| x[0] == "have" && x[1] == "anything" && x[2] == "on" && then(&x[3]));
        anything_then
            || ends(&["what", "do", "you", "have"])
            || ends(&["what", "you", "got"])
            || ends(&["what", "do", "you", "got"])
            || ends(&["what", "have", "you", "got"])
            || ends(&["whats", "open"])
            || ends(&["what", "is", "open"])
    }
}

/// A question that opens with what, which, how, when, where or why.
fn asks_wh(text: &str) -> bool {
    words(text)
        .first()
        .is_some_and(|w| ["what", "which", "how", "when", "where", "why"].contains(&w.as_str()))
}

/// "What brand pump do u put in?", "what kind of shampoo": a question about a detail of a job
/// (brand, kind, material), which a service's name and price do not answer.
pub fn asks_attribute(text: &str) -> bool {
    super::detect::Text::new(text).near(
        &["what", "which"],
        &[
            "brand*",
            "kind",
            "kinds",
            "type",
            "types",
            "make",
            "model*",
            "product*",
            "chemical*",
            "material*",
        ],
        2,
    )
}

/// A request for a visit at a time ("can i bring it in saturday", "come by tomorrow am?").
/// Asking to be seen or for someone to come, question or not ("whats the earliest u can get
/// my husky in?", "can someone run a camera down there").
pub fn asks_to_be_seen(text: &str) -> bool {
    super::detect::Text::new(text).any(&[
        "earliest",
        "soonest",
        "can someone",
        "could someone",
        "can somebody",
        "could somebody",
        "someone come",
        "send someone",
        "get him in",
        "get her in",
        "get them in",
        "get me in",
        "get us in",
        "fit me in",
        "fit us in",
        "fit him in",
        "fit her in",
    ]) || words(text).windows(4).any(|w| {
        w[0] == "get" && ["my", "our", "his", "her", "the"].contains(&w[1].as_str()) && w[3] == "in"
    })
}

fn asks_for_a_visit(text: &str) -> bool {
    wants_booking(text)
        && (has_prefix_word(text, WEEKDAY_NAMES)
            // "Can yall come check it all over?": someone sent out to look.
            || super::detect::Text::new(text).any(&[
                "come check",
                "come look",
                "come take a look",
                "come out and check",
                "come out and look",
                "come by and",
                "send someone",
                "send somebody",
                "someone come",
                "somebody come",
            ])
            || has_any(
                text,
                &[
                    "today",
                    "tomorrow",
                    "tonight",
                    "morning",
                    "afternoon",
                    "evening",
                    "this week",
                    "next week",
                ],
            ))
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
    ) && !asks_about_cancelling(text)
}

/// A question about cancelling, not a wish to ("how late can i cancel if my kid ends up sick?",
/// "whats ur cancellation policy"): the rule asked for, a condition, or a fee, with no plain
/// "i need to cancel" outside the condition.
pub fn asks_about_cancelling(text: &str) -> bool {
    let lower = text.to_lowercase().replace(['\'', '\u{2019}'], "");
    let asks = is_question(text)
        && has_any(
            text,
            &[
                "how late",
                "how far",
                "how much notice",
                "how soon",
                "how long before",
                "how many hours",
                "policy",
                "fee",
                "charge",
                "penalty",
                "if i",
                "if we",
                "if he",
                "if she",
                "if my",
                "in case",
                "what if",
                "what happens",
            ],
        );
    let outright = [
        "need to cancel",
        "want to cancel",
        "wanna cancel",
        "please cancel",
        "pls cancel",
        "plz cancel",
        "have to cancel",
        "gotta cancel",
        "going to cancel",
        "gonna cancel",
    ]
    .iter()
    .any(|p| {
        lower.match_indices(p).any(|(at, _)| {
            let before = lower[..at].trim_end();
            ![
                "if i",
                "if we",
                "in case i",
                "in case we",
                "when i",
                "if i ever",
            ]
            .iter()
            .any(|c| before.ends_with(c))
        })
    });
    asks && !outright
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
            "instead",
            "cant make it",
            "cant make that",
            "wont make it",
            "cant come that",
            "cant do that day",
            "switch",
        ],
    )
}

/// A street-type word ("ave", "rd"): never part of a name.
pub fn is_street_word(w: &str) -> bool {
    STREET.contains(&w)
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
    "pike",
    "loop",
    "row",
    "square",
    "crossing",
    "xing",
    "alley",
    "cove",
    "cv",
    "expy",
    "fwy",
];

/// Street types said before the street's name ("Calle Fernando", "Camino del Sol").
const STREET_FIRST: &[&str] = &[
    "calle", "camino", "avenida", "paseo", "via", "rue", "caminito", "placita", "entrada",
    "cerrada", "corte", "circulo",
];

/// A street address: a house number, words, and a street type ("12 Oak St", "4410 W Kennedy Blvd Apt 3").
pub fn extract_address(text: &str) -> Option<String> {
    const UNIT: &[&str] = &[
        "unit",
        "apt",
        "suite",
        "ste",
        "lot",
        "space",
        "apartment",
        "trailer",
        "#",
    ];
    let found = street_address(text)?;
    // (The address as written in the text; when it is not, as found.)
    let Some(at) = text.find(&found) else {
        return Some(found);
    };
    let clean = |t: &str| {
        t.trim_matches(|c: char| !c.is_alphanumeric() && c != '#')
            .to_lowercase()
    };
    let a_number = |t: &str| t.len() <= 6 && t.chars().any(|c| c.is_ascii_digit());
    let after: Vec<&str> = text[at + found.len()..]
        .split_whitespace()
        .take(2)
        .collect();
    let last = found
        .split_whitespace()
        .last()
        .map(clean)
        .unwrap_or_default();
    let mut out = found.clone();
    if UNIT.contains(&last.as_str()) {
        // "7120 e via ventura unit 2108": the unit's number belongs with its word.
        if let Some(n) = after
            .first()
            .map(|n| n.trim_end_matches([',', '.', ';', '!', '?']))
        {
            if a_number(n) {
                out = format!("{out} {n}");
            }
        }
    } else if let [word, n] = after.as_slice() {
        // "4417 Orange Blossom Ln lot 22": the lot in the park.
        let n = n.trim_end_matches([',', '.', ';', '!', '?']);
        if UNIT.contains(&clean(word).as_str()) && a_number(n) {
            out = format!("{out} {} {n}", clean(word));
        }
    }
    // "lot 118 Tropical Breeze Estates 2300 Old Bartow Rd": the lot and the park said first.
    let before: Vec<&str> = text[..at].split_whitespace().collect();
    let from = before.len().saturating_sub(6);
    if let Some(k) = (from..before.len()).find(|k| UNIT[..7].contains(&clean(before[*k]).as_str()))
    {
        if before.get(k + 1).is_some_and(|n| a_number(&clean(n))) {
            let lot = before[k..].join(" ");
            out = format!("{}, {out}", lot.trim_end_matches([',', '.', ';', ' ']));
        }
    }
    Some(out)
}

/// A house number and the street words after it (the unit's number is `extract_address`'s).
fn street_address(text: &str) -> Option<String> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    for (i, t) in tokens.iter().enumerate() {
        let num = t.trim_matches(|c: char| !c.is_alphanumeric());
        // ("Saturday the 19th and want that big 2 lane...": a date is no house number.)
        let ordinal = num.len() > 2
            && ["st", "nd", "rd", "th"]
                .iter()
                .any(|s| num.to_ascii_lowercase().ends_with(s))
            && num[..num.len() - 2].chars().all(|c| c.is_ascii_digit());
        // ("That pink 1950s tile all the way up the walls": a decade is no house number.)
        let decade = num.len() > 2
            && num.to_ascii_lowercase().ends_with('s')
            && num[..num.len() - 1].chars().all(|c| c.is_ascii_digit());
        if num.is_empty()
            || !num.chars().next().is_some_and(|c| c.is_ascii_digit())
            || num.len() > 6
            || ordinal
            || decade
        {
            continue;
        }
        for j in i + 1..tokens.len().min(i + 7) {
            // "zone 3 runs. 1187 Summerfield Dr": a sentence ends before the street.
            if tokens[j - 1].ends_with(['.', '!', '?', ';']) {
                break;
            }
            let w = tokens[j]
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase();
            // "4471 e calle fernando", "880 Camino del Sol": the street type first, right
            // after the number (and a direction), then the street's name.
            let direction = ["n", "s", "e", "w", "ne", "nw", "se", "sw"];
            let type_first = j == i + 1
                || j == i + 2
                    && direction.contains(
                        &tokens[i + 1]
                            .trim_matches(|c: char| !c.is_alphanumeric())
                            .to_ascii_lowercase()
                            .as_str(),
                    );
            // (A house number of two digits or more: "2 via the side gate" is no address.)
            if type_first
                && num.len() >= 2
                && STREET_FIRST.contains(&w.as_str())
                && !tokens[j].ends_with([',', '.'])
            {
                let mut end = j + 1;
                while end < tokens.len() && end < j + 4 {
                    let n = tokens[end]
                        .trim_matches(|c: char| !c.is_alphanumeric())
                        .to_ascii_lowercase();
                    if n.is_empty()
                        || !n.chars().all(|c| c.is_alphabetic())
                        || [
                            "in", "near", "by", "off", "and", "at", "on", "for", "im", "its",
                            "the", "a", "my", "your",
                        ]
                        .contains(&n.as_str())
                    {
                        break;
                    }
                    end += 1;
                    if tokens[end - 1].ends_with([',', '.', '!', '?', ';']) {
                        break;
                    }
                }
                if end > j + 1 {
                    let addr = tokens[i..end].join(" ");
                    return Some(addr.trim_end_matches([',', '.', ';', '!', '?']).to_string());
                }
            }
            // ("A big 2 lane race inflatable": a street has a name between number and type.)
            // ("...2 stage wont start, theres no way": a street's name has no comma in it, and
            // "no way", "the way" are no street.)
            let before = tokens[j - 1]
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase();
            // (Nor words of a sentence between: "error 9 then just spins in a circle", "in 4
            // wheel drive theres a grinding".)
            let sentence = tokens[i + 1..j].iter().any(|t| {
                [
                    "then", "just", "is", "was", "it", "its", "theres", "there", "keeps", "spins",
                    "goes", "but", "when", "if", "his", "her", "their", "days", "times", "years",
                    "months", "weeks", "hours", "mins",
                ]
                .contains(
                    &t.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_ascii_lowercase()
                        .as_str(),
                )
            });
            // ("4 wheel drive", "all wheel drive": a car's, not a street.)
            let wheel_drive = w == "drive" && before == "wheel";
            let not_a_street = ["no", "the", "all", "any", "my", "your"].contains(&before.as_str())
                || sentence
                || wheel_drive
                || tokens[i + 1..j].iter().any(|t| t.ends_with(','));
            if STREET.contains(&w.as_str()) && j > i + 1 && !not_a_street {
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

/// Words that follow "I'm" or "this is" but are not names.
const NOT_NAMES: &[&str] = &[
    // Words no one is called ("plain band, nothing fancy" after the name was asked).
    "nothing",
    "something",
    "anything",
    "everything",
    "none",
    "nobody",
    "fancy",
    // Where the caller is, or asks about ("im near reid park", "im around next week", "and
    // wheres parking"), and words no one is named ("alright", "building B").
    "near",
    "around",
    "nearby",
    "wheres",
    "where",
    "alright",
    "aight",
    // ("All right. The first time is fine.")
    "all",
    // Words that name a place ("yea one. rancho viejo", "we're out in the estates").
    "rancho",
    "estates",
    "heights",
    "village",
    "vista",
    "canyon",
    "building",
    "bldg",
    "his",
    "her",
    "next",
    "week",
    "parking",
    "kinda",
    "sorta",
    // Where in town ("2245 N Camino Seco, east side").
    "side",
    "east",
    "west",
    "north",
    "south",
    // A text's opening words ("question tho, most lash glue gives me...").
    "question",
    "questions",
    "tho",
    "though",
    "quick",
    // Contractions open sentences, never names ("we're at 1420 yarrow st").
    "we're",
    "they're",
    "you're",
    "i'm",
    "it's",
    "there's",
    "here's",
    "let's",
    "lets",
    "we'll",
    "we've",
    "i'll",
    "i've",
    "tired",
    "desperate",
    "lost",
    "confused",
    "pregnant",
    "alone",
    "away",
    "open",
    "flexible",
    "asap",
    "pls",
    "tia",
    "curious",
    "aware",
    "a",
    "an",
    "the",
    "at",
    "in",
    "on",
    "not",
    "so",
    "just",
    "still",
    "here",
    "home",
    "out",
    "from",
    "with",
    "looking",
    "calling",
    "texting",
    "trying",
    "wondering",
    "interested",
    "going",
    "having",
    "getting",
    "available",
    "free",
    "off",
    "busy",
    "working",
    "back",
    "ok",
    "okay",
    "fine",
    "good",
    "sorry",
    "new",
    "your",
    "my",
    "our",
    "their",
    "hoping",
    "also",
    "currently",
    "really",
    "very",
    "pretty",
    "leaking",
    "broken",
    "done",
    "ready",
    "sure",
    "the",
    "thinking",
    "needing",
    "about",
    "gonna",
    "going",
    "over",
    "up",
    "down",
    "usually",
    "always",
    "never",
    "only",
    "still",
    "what",
    "that",
    "thats",
    "that's",
    "whats",
    "it",
    "is",
    "was",
    "be",
    "and",
    "or",
    "but",
    "if",
    "for",
    "to",
    "of",
    "by",
    "after",
    "before",
    "until",
    "til",
    "till",
    "tomorrow",
    "today",
    "tonight",
    "yes",
    "no",
    "yeah",
    "nope",
    "thanks",
    "thank",
    "please",
    "hi",
    "hey",
    "hello",
    "mr",
    "mrs",
    "ms",
    "dr",
    "miss",
    "sir",
    "landlord",
    "owner",
    "tenant",
    "renter",
    "property",
    "manager",
    "homeowner",
    "retired",
    "in",
    "stuck",
    "locked",
    "hurt",
    "sick",
    "afraid",
    "worried",
    "scared",
    "concerned",
    "glad",
    "happy",
    "calling",
    "number",
    "call",
    "text",
    "need",
    "needs",
    "want",
    "wanted",
    "like",
    "would",
    "could",
    "can",
    "will",
    "did",
    "do",
    "does",
    "has",
    "have",
    "had",
    "am",
    "are",
    "were",
    "been",
    "being",
    "there",
    "btw",
    "lol",
    "haha",
    "oh",
    "um",
    "uh",
    "thx",
    "ty",
    "first",
    "second",
    "third",
    "one",
    "two",
    "address",
    "perfect",
    "great",
    "cool",
    "awesome",
    "sweet",
    "nice",
    "dope",
    "bet",
    "gotcha",
    "sounds",
    "thanks",
    "works",
    "street",
    "unit",
    "apt",
    "apartment",
    "suite",
    "zip",
    "city",
    "town",
    "house",
    "morning",
    "afternoon",
    "evening",
    "night",
    "weekend",
    "christmas",
    "xmas",
    "thanksgiving",
    "january",
    "february",
    "march",
    "july",
    "september",
    "october",
    "november",
    "december",
    "merry",
    "ridiculous",
    "crazy",
    "insane",
    "awful",
    "terrible",
    "horrible",
    "amazing",
    "annoying",
    "unacceptable",
    "frustrating",
    "bad",
    "wrong",
    "urgent",
    "important",
    "serious",
    "weird",
    "strange",
    "expensive",
    "late",
    "early",
    "fine",
    // Words about when, said where a name was asked ("whatever ur soonest is", "anything after
    // 3:30").
    "under",
    "already",
    "left",
    "whatever",
    "whatevers",
    "whichever",
    "whichevers",
    "whenever",
    "anything",
    "ideally",
    "preferably",
    "mornings",
    "afternoons",
    "evenings",
    "weekdays",
    "weekends",
    // Compass parts of an address ("7708 Tanager Dr NE").
    "ne",
    "nw",
    "se",
    "sw",
    "anytime",
    "soonest",
    "earliest",
    "earlist",
    "erliest",
    "ur",
];

fn name_word(w: &str, lowercase_ok: bool) -> bool {
    let lower = w.to_lowercase();
    // "sooo": a letter three times over is emphasis, not a name.
    let chars: Vec<char> = lower.chars().collect();
    if chars.windows(3).any(|c| c[0] == c[1] && c[1] == c[2]) {
        return false;
    }
    w.chars()
        .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && w.chars().next().is_some_and(|c| c.is_alphabetic())
        && (lowercase_ok || w.chars().next().is_some_and(|c| c.is_uppercase()))
        && !NOT_NAMES.contains(&lower.as_str())
        && !WEEKDAY_NAMES.contains(&lower.as_str())
        && !STREET.contains(&lower.as_str())
        && w.len() >= 2
}

/// Up to three name words from the start of `rest`, stopping at punctuation, a number or a
/// word that is not a name ("Bob, 45 Pine Ave" gives "Bob").
fn take_name(rest: &str, lowercase_ok: bool) -> Option<String> {
    // A name ends with its line: "hey its Tori" and "im due for a fill" are two texts.
    let rest = rest.trim_start().lines().next().unwrap_or("");
    let mut out: Vec<String> = Vec::new();
    let tokens: Vec<&str> = rest.split_whitespace().collect();
    for (i, raw) in tokens.iter().enumerate() {
        // "dana (her aunt)": an aside after the name is not part of it.
        if raw.starts_with('(') {
            break;
        }
        let stop = raw.ends_with([',', '.', '!', '?', ';', ':']);
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() || !name_word(w, lowercase_ok) {
            break;
        }
        // A lower-case word after a capitalised one is the sentence going on ("Bob here").
        if !out.is_empty() && w.chars().next().is_some_and(|c| c.is_lowercase()) && !lowercase_ok {
            break;
        }
        out.push(capitalise(w));
        // "its jess, jessica moran": the short name, then the whole one.
        if stop && out.len() == 1 && raw.ends_with(',') {
            let short = w.to_lowercase();
            let whole = tokens.get(i + 1).is_some_and(|n| {
                let n = n
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                n.len() > short.len() && n.starts_with(&short)
            });
            // (Only when the rest is that name and nothing else: "Ken, Kenmore washer wont
            // drain" is Ken.)
            let rest = tokens[i + 1..].join(" ");
            let rest = rest.trim_end_matches(['.', '!', '?', ' ']);
            if whole {
                if let Some(full) = take_name(rest, lowercase_ok) {
                    if full.split_whitespace().count() == rest.split_whitespace().count() {
                        return Some(full);
                    }
                }
            }
        }
        if stop || out.len() == 3 {
            break;
        }
    }
    if names_a_business(&out.join(" ")) {
        return None;
    }
    (!out.is_empty()).then(|| out.join(" "))
}

/// "El Fogon Grill, 5531 S Archer Ave" names a business, not a person.
fn names_a_business(name: &str) -> bool {
    const BUSINESS_WORDS: &[&str] = &[
        "grill",
        "cafe",
        "café",
        "restaurant",
        "bar",
        "pub",
        "diner",
        "deli",
        "bistro",
        "kitchen",
        "pizza",
        "pizzeria",
        "taqueria",
        "bakery",
        "llc",
        "inc",
        "co",
        "company",
        "salon",
        "shop",
        "store",
        "market",
        "tavern",
        "brewery",
        "cantina",
        "eatery",
        "church",
        "school",
    ];
    words(name)
        .iter()
        .any(|w| BUSINESS_WORDS.contains(&w.as_str()))
}

/// Whether the name taken from the start of `rest` is all there is before punctuation, the end
/// of the text, or "here".
fn name_ends_sentence(rest: &str, name: &str) -> bool {
    let tokens: Vec<&str> = rest.split_whitespace().collect();
    let n = name.split_whitespace().count();
    let last = tokens.get(n.saturating_sub(1)).copied().unwrap_or("");
    // A line break after the name ends it too ("hey its marcus" as its own text in a burst).
    let line_ends = rest
        .trim_start()
        .split('\n')
        .next()
        .is_some_and(|line| line.split_whitespace().count() == n);
    line_ends
        || last.ends_with([',', '.', '!', '?', ';', ':'])
        // "im marisol (his mom)"
        || tokens.get(n).is_some_and(|next| next.starts_with('('))
        // "its bryce at 48 marsh hawk ln": the address begins after the name.
        || tokens.get(n).is_some_and(|next| ["at", "from", "on", "in"].contains(next))
            && tokens
                .get(n + 1)
                .is_some_and(|a| a.starts_with(|c: char| c.is_ascii_digit()))
        || tokens.get(n).is_none_or(|next| {
            let next = next
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            next.is_empty()
                || ["here", "btw", "lol", "thx", "thanks", "fyi", "haha"].contains(&next.as_str())
        })
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) if f.is_lowercase() => f.to_uppercase().collect::<String>() + c.as_str(),
        Some(f) => f.to_string() + c.as_str(),
        None => String::new(),
    }
}

/// A name the caller gives ("I'm Jane Doe", "my name is Jane", "this is Jane", "name: Jane",
/// "Bob here", "- Tom").
pub fn extract_name(text: &str) -> Option<String> {
    extract_name_any(text).filter(|n| !names_a_business(n))
}

/// `extract_name`, less what the business's service area names ("...2815 Jefferson St. Des
/// Moines" is a town, not a caller).
pub fn extract_name_in(text: &str, profile: &BusinessProfile) -> Option<String> {
    let area = profile.business.service_area.to_lowercase();
    extract_name(text).filter(|n| !contains_words(&area, &n.to_lowercase()))
}

/// Whether `hay` holds `needle` as whole words.
fn contains_words(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn extract_name_any(text: &str) -> Option<String> {
    let text = bounded(text);
    stated_name(text)
        .or_else(|| leading_name(text))
        .or_else(|| signed_name(text))
        .or_else(|| sign_off_name(text))
        .or_else(|| name_before_address(text))
}

/// A first and last name opening a sentence that goes straight on to the street address
/// ("need a cap put on, whatever u have soonest. walt brooks 88 sand hill rd candler").
/// (Only the text's last sentence, where a name is signed; and not a place at the address:
/// "gate code 4410...", "rear entrance 88 ...", "Hilton Hawaiian 2005 Kalia Rd".)
fn name_before_address(text: &str) -> Option<String> {
    const PLACE: &[&str] = &[
        "gate", "code", "rear", "front", "back", "side", "entrance", "loading", "dock", "door",
        "blue", "red", "green", "white", "black", "garden", "unit", "apt", "suite", "building",
        "lot", "hotel", "office", "shop", "store", "main", "north", "south", "east", "west",
        "upper", "lower", "hilton", "hawaiian", "marriott", "hyatt", "inn", "motel", "condo",
        "house", "home", "work", "job", "site", "church", "school", "park", "plaza", "center",
    ];
    let last = text
        .split(['.', '\n', '!', '?', ';'])
        .map(str::trim)
        .rfind(|p| !p.is_empty())?;
    let tokens: Vec<&str> = last.split_whitespace().collect();
    let [a, b, number, ..] = tokens.as_slice() else {
        return None;
    };
    let plain = |t: &str| {
        let lower = t.to_lowercase();
        name_word(t, true) && !STOP.contains(&lower.as_str()) && !PLACE.contains(&lower.as_str())
    };
    let b = b.trim_end_matches(',');
    let address = extract_address(last)?;
    (number.chars().all(|c| c.is_ascii_digit())
        && address.starts_with(number)
        && plain(a)
        && plain(b))
    .then(|| format!("{} {}", capitalise(a), capitalise(b)))
}

/// A first and last name, capitalised, as the text's first sentence, with more after it
/// ("Carol Benedetti. Pickup is 45 Squaw Run Rd East, Fox Chapel"): the name, not the town the
/// text ends with.
fn leading_name(text: &str) -> Option<String> {
    let (first, rest) = text.trim_start().split_once(['.', '\n'])?;
    if rest.trim().is_empty() || first.split_whitespace().count() < 2 {
        return None;
    }
    // (With the address after it, as a name-then-details text is: "Kitchen Sink. its clogged"
    // names no one.)
    extract_address(rest)?;
    let tokens: Vec<&str> = first.split_whitespace().collect();
    (tokens.len() <= 3 && tokens.iter().all(|t| name_word(t, false))).then(|| tokens.join(" "))
}

/// "I'm his son Paul Abernathy", "this is her daughter Patricia": the caller, named after who
/// they are to the one the visit is for. The name is a first and a last name written with
/// capitals, or one such word ending the sentence ("im his son Drain is backed up" names no one).
fn named_after_family(text: &str) -> Option<String> {
    const ME: &[&str] = &["i'm", "im", "i am", "this is"];
    const WHOSE: &[&str] = &["his", "her", "their"];
    const WHO: &[&str] = &[
        "son",
        "daughter",
        "grandson",
        "granddaughter",
        "niece",
        "nephew",
        "wife",
        "husband",
    ];
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let low: Vec<String> = tokens
        .iter()
        .map(|t| t.replace('\u{2019}', "'").to_lowercase())
        .collect();
    for i in 0..tokens.len() {
        for me in ME {
            let me_len = me.split(' ').count();
            let (Some(whose), Some(who)) = (low.get(i + me_len), low.get(i + me_len + 1)) else {
                continue;
            };
            if low[i..i + me_len].join(" ") != *me
                || !WHOSE.contains(&whose.as_str())
                || !WHO.contains(&who.trim_end_matches(',').trim_end_matches('.'))
                || who.ends_with([',', '.'])
            {
                continue;
            }
            let rest = &tokens[i + me_len + 2..];
            let word = |t: &str| {
                let core = t.trim_end_matches(['.', ',', '!', '?', ';']);
                core.len() >= 2
                    && core.starts_with(|c: char| c.is_uppercase())
                    && core.chars().all(char::is_alphabetic)
            };
            match rest {
                [a, b, ..] if word(a) && word(b) && !a.ends_with([',', '.', '!', '?', ';']) => {
                    let a = a.trim_end_matches(['.', ',', '!', '?', ';']);
                    let b = b.trim_end_matches(['.', ',', '!', '?', ';']);
                    return Some(format!("{a} {b}"));
                }
                [a, ..]
                    if word(a) && (rest.len() == 1 || a.ends_with([',', '.', '!', '?', ';'])) =>
                {
                    return Some(a.trim_end_matches(['.', ',', '!', '?', ';']).to_string());
                }
                _ => {}
            }
        }
    }
    None
}

/// A name the caller states with a cue ("my name is", "this is", "I'm", "Bob here"): strong
/// enough to correct a name recorded earlier, unlike a name read from how a text is signed.
pub fn stated_name(text: &str) -> Option<String> {
    // Positions found in the lower-cased text cut the original: the two must line up byte for
    // byte (a curly apostrophe is made plain in both; a letter whose lower case has another
    // length, rare in names, becomes a space).
    let text: String = text
        .replace('\u{2019}', "'")
        .chars()
        .map(|c| {
            if c.to_lowercase().map(char::len_utf8).sum::<usize>() == c.len_utf8() {
                c
            } else {
                ' '
            }
        })
        .collect();
    let text = text.as_str();
    let lower = text.to_lowercase();
    // Cues after which a lower-case word is still a name; then cues that need a capital.
    let strong = [
        "my name is ",
        "my names ",
        "my name's ",
        // ("Our names are Gloria and Ed Thorsen": the first one named.)
        "our names are ",
        "our names ",
        "names are ",
        "name's ",
        "name is ",
        "name: ",
        "name - ",
        "names ",
        "put it under ",
        "book it under ",
        "under the name ",
        "put me down as ",
        "put us down as ",
        // "My name Tomasz": the verb left out.
        "my name ",
        // Spanish, as callers mix it in ("me llamo Lupe", "mi nombre es Ana").
        "me llamo ",
        "mi nombre es ",
    ];
    // ("It's for Judith Halvorsen, I'm her daughter": who the visit is for.)
    let weak = [
        "this is ", "i'm ", "im ", "i am ", "it's ", "its ", "it is ", "call me ", "soy ",
        // ("11802 Lipsey Rd, Carrollwood area. name Kevin")
        "name ",
    ];
    if let Some(name) = named_after_family(text) {
        return Some(name);
    }
    let short = words(text).len() <= 6;
    for (cues, lowercase_ok) in [(&strong[..], true), (&weak[..], false)] {
        for cue in cues {
            let mut from = 0;
            while let Some(found) = lower[from..].find(cue) {
                let pos = from + found;
                from = pos + cue.len();
                let at_word_start =
                    pos == 0 || !lower[..pos].ends_with(|c: char| c.is_alphanumeric());
                if !at_word_start {
                    continue;
                }
                // A bare "name" starts its sentence ("... area. name Kevin"), unlike "the name
                // Brand is on it".
                let opens = lower[..pos].trim_end().is_empty()
                    || lower[..pos]
                        .trim_end()
                        .ends_with(['.', ',', '!', '?', ';', '-', '\n']);
                // ("booking for my dog. Name Biscuit": the pet's.)
                let others = super::detect::Text::new(&lower[..pos]).any(&[
                    "dog", "dogs", "cat", "cats", "pet", "puppy", "kitten", "son", "daughter",
                    "kid", "horse", "bird",
                ]);
                if *cue == "name " && (!opens || others) {
                    continue;
                }
                // "His name is Biscuit", "my daughter's name is Ava": someone else's name.
                let whose = lower[..pos]
                    .trim_end()
                    .rsplit(|c: char| !(c.is_alphanumeric() || c == '\''))
                    .next()
                    .unwrap_or("");
                if !cue.starts_with("my")
                    && (["his", "her", "their", "its", "whose"].contains(&whose)
                        || whose.ends_with("'s") && whose != "name's"
                        || [
                            "dogs",
                            "cats",
                            "sons",
                            "daughters",
                            "wifes",
                            "husbands",
                            "kids",
                        ]
                        .contains(&whose))
                {
                    continue;
                }
                // "this is" and "it's" name someone only at the start of a sentence.
                let sentence_start = lower[..pos].ends_with('\n')
                    || lower[..pos].trim_end().ends_with(['.', '!', '?', ',', '-'])
                    || lower[..pos].trim().is_empty()
                    || ends_with_greeting(&lower[..pos])
                    || filler_open(&lower[..pos]);
                // ...or anywhere in a short text, before a capitalised name ("oh sorry its Reggie").
                if ["this is ", "it's ", "its ", "it is "].contains(cue)
                    && !sentence_start
                    && !short
                {
                    continue;
                }
                let lower_after_it = !lowercase_ok
                    && sentence_start
                    && ["this is ", "it's ", "its ", "it is "].contains(cue);
                let rest = &text[pos + cue.len()..];
                // "...in louisville. im kristen", "if possible, im greg": one lower-case word
                // after "im" opening a sentence, and ending it, is a name ("im sick." is not:
                // states like that are not names).
                if !lowercase_ok && sentence_start && ["i'm ", "im ", "i am "].contains(cue) {
                    if let Some(n) = take_name(rest, true) {
                        let one_word = !n.contains(' ');
                        let state_word = n.to_lowercase().ends_with("ing");
                        if one_word && !state_word && name_ends_sentence(rest, &n) {
                            return Some(n);
                        }
                    }
                }
                if let Some(n) = take_name(rest, lowercase_ok || lower_after_it) {
                    // In lower case after "its" a name is one word ("its dana"); more is a
                    // sentence going on ("its sooo dated"), unless it opens the text after a
                    // greeting ("hey its marcus bell.").
                    let lower_start = !rest.trim_start().starts_with(char::is_uppercase);
                    let greeted = lower[..pos].split_whitespace().count() == 1
                        && ends_with_greeting(&lower[..pos])
                        || filler_open(&lower[..pos]);
                    if lower_after_it
                        && lower_start
                        && n.split_whitespace().count() > 1
                        && !(greeted && name_ends_sentence(rest, &n))
                    {
                        continue;
                    }
                    // "its tasha" names her; "its parked at my place" goes on as a sentence.
                    let capital = rest.trim_start().starts_with(char::is_uppercase);
                    if lower_after_it && !capital && !name_ends_sentence(rest, &n) {
                        continue;
                    }
                    return Some(n);
                }
            }
        }
    }
    // "doug here. got huge icicles...": a name and "here" opening the text as its own sentence.
    // ("Hi, Erin Kessler here, 3817 Mintwood St": after a greeting too.)
    let mut pieces = text
        .trim_start()
        .split(['.', '!', ',', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let mut opening = pieces.next().unwrap_or("");
    if is_greeting(opening) && words(opening).len() <= 3 {
        opening = pieces.next().unwrap_or("");
    }
    if let Some(who) = opening.strip_suffix(" here") {
        if who.split_whitespace().count() <= 2 {
            if let Some(n) = take_name(who, true) {
                return Some(n);
            }
        }
    }
    // "Bob here" / "- Bob" / "thanks, Bob" at the end.
    let trimmed = text.trim();
    if let Some(rest) = trimmed
        .strip_suffix(" here")
        .or_else(|| trimmed.strip_suffix(" here."))
    {
        let last = rest.split_whitespace().last().unwrap_or("");
        if rest.split_whitespace().count() <= 2 {
            return take_name(last, false);
        }
    }
    None
}

/// Only fillers before a cue ("oh and its gloria nguyen"): the name opens the text.
/// Whether the text so far ends with a greeting, however drawn out ("hiii", "heyyy").
fn ends_with_greeting(before: &str) -> bool {
    let last = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let mut squeezed = String::new();
    for c in last.chars() {
        if !squeezed.ends_with(c) {
            squeezed.push(c);
        }
    }
    ["hi", "hey", "helo", "hello", "hiya", "heya"].contains(&squeezed.as_str())
}

fn filler_open(before: &str) -> bool {
    let before = before.trim();
    !before.is_empty()
        && before.split_whitespace().count() <= 3
        && before.split_whitespace().all(|w| {
            [
                "oh", "and", "also", "btw", "sorry", "ok", "okay", "so", "ah",
            ]
            .contains(&w.trim_matches(|c: char| !c.is_alphanumeric()))
        })
}

/// A name signed the way people sign a text: two or three capitalised words standing alone as a
/// sentence, just before the address ("...after 3. Sam Okafor, 20788 Pinebrook Blvd") or at the
/// very end ("...staring at the computer. Linda Marsh").
fn signed_name(text: &str) -> Option<String> {
    let address_at = extract_address(text).and_then(|a| text.find(&a));
    let before_address = address_at.map(|at| &text[..at]);
    let at_end = text.trim_end_matches(|c: char| c.is_whitespace() || ".!".contains(c));
    [(before_address, true), (Some(at_end), false)]
        .into_iter()
        .filter_map(|(before, is_before_address)| Some((before?, is_before_address)))
        .find_map(|(before, is_before_address)| {
            let tokens: Vec<&str> = before.split_whitespace().collect();
            // The words joining a name to its address ("at", "in", "house is") are not the name.
            let mut end = tokens.len();
            while end > 0
                && [
                    "at", "in", "from", "-", "is", "house", "address", "home", "place", "property",
                    "the", "located",
                ]
                .contains(&tokens[end - 1].to_lowercase().as_str())
            {
                end -= 1;
            }
            let mut start = end;
            while start > 0 && end - start < 3 {
                let raw = tokens[start - 1];
                // Only the last word may carry the comma before the address.
                let w = if start == end {
                    raw.trim_end_matches([',', ':'])
                } else {
                    raw
                };
                // "FL", "NE": a state, not a name.
                let initials = w.len() <= 3 && w.chars().all(|c| c.is_ascii_uppercase());
                // "Jordan Pike, 1107 Cherokee Blvd": a surname that is also a street word, with
                // the comma and the address still to come, is no street.
                let street_surname = start == end
                    && is_before_address
                    && raw.ends_with(',')
                    && w.starts_with(char::is_uppercase)
                    && STREET.contains(&w.to_lowercase().as_str())
                    && start >= 2
                    && name_word(tokens[start - 2], false);
                if !(name_word(w, false) || street_surname) || initials {
                    break;
                }
                start -= 1;
            }
            // One word is a name only when a comma joins it to the address that follows
            // ("...whats ur earliest? Derek, 745 W Warner Rd").
            let one_before_address = end - start == 1
                && end == tokens.len()
                && is_before_address
                && tokens[start].ends_with(',');
            // "...earliest u got. marcus, 1120 kildaire farm rd": one lower-case word with the
            // comma, opening its sentence, before the address.
            if start == end && end == tokens.len() && is_before_address && end > 0 {
                let raw = tokens[end - 1];
                let w = raw.trim_end_matches(',');
                let opens = end == 1 || tokens[end - 2].ends_with(['.', '!', '?']);
                if raw.ends_with(',') && opens && w.len() >= 3 && name_word(w, true) {
                    return Some(capitalise(w));
                }
                // "...in the afternoon. derek osei, 5580 brand rd": first and last name, the same way.
                if raw.ends_with(',') && end >= 2 {
                    let first = tokens[end - 2];
                    let opens = end == 2 || tokens[end - 3].ends_with(['.', '!', '?']);
                    if opens
                        && [first, w]
                            .iter()
                            .all(|x| x.len() >= 2 && name_word(x, true) && !STREET.contains(x))
                    {
                        return Some(format!("{} {}", capitalise(first), capitalise(w)));
                    }
                }
            }
            if end - start < 2 && !one_before_address {
                return None;
            }
            // It stands alone: at the start, or after a sentence ends. After a street ("12 Oak
            // St, Tampa FL") it is a place.
            let boundary = start == 0 || {
                let prev = tokens[start - 1];
                let bare = prev
                    .trim_end_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                prev.ends_with(['.', '!', '?', ',', ';', ':', '-'])
                    && (!STREET.contains(&bare.as_str())
                        // "...2815 Jefferson St. Gary Lindqvist": a full stop after the
                        // street, then a first and last name (a town there is caught by the
                        // service area, where the name is used).
                        || prev.ends_with('.') && end - start >= 2 && !is_before_address)
                    && !bare.chars().all(|c| c.is_ascii_digit())
            };
            boundary.then(|| {
                tokens[start..end]
                    .iter()
                    .map(|t| t.trim_end_matches([',', ':']))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        })
}

/// One name signing off a text, the way people sign: "..., Jolene", "... open. Kendra", "- Kayla",
/// "-Nicole", and after an address even lower-case ("77 Dartmouth St East Ridge, sam"). Not a
/// town after a street ("12 Oak St, Tampa").
fn sign_off_name(text: &str) -> Option<String> {
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || ".!".contains(c));
    let tokens: Vec<&str> = trimmed.split_whitespace().collect();
    // "... mon wed or fri. - tomas herrera": a first and last name after a dash.
    if tokens.len() >= 3 {
        let k = tokens.len();
        let (dash, first, last) = (tokens[k - 3], tokens[k - 2], tokens[k - 1]);
        let first_dashed = first.starts_with(['-', '\u{2013}']);
        let first = first.trim_start_matches(['-', '\u{2013}']);
        if (dash == "-" || dash == "\u{2013}" || first_dashed)
            && [first, last]
                .iter()
                .all(|w| w.len() >= 2 && name_word(w, true))
        {
            return Some(format!("{} {}", capitalise(first), capitalise(last)));
        }
    }
    let last = *tokens.last()?;
    let prev = tokens.len().checked_sub(2).map(|i| tokens[i]);
    let dashed =
        last.starts_with(['-', '\u{2013}']) || prev.is_some_and(|p| p == "-" || p == "\u{2013}");
    let word = last.trim_start_matches(['-', '\u{2013}']);
    let after_comma = prev.is_some_and(|p| {
        p.ends_with(',')
            || ["thx", "thanks", "ty", "cheers"].contains(
                &p.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
                    .as_str(),
            )
    });
    let after_sentence = prev.is_some_and(|p| p.ends_with(['.', '!', '?']));
    let prev_bare = prev
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    // "12 Oak St, Tampa", "415 W Morgan St apt 3, raleigh": a town right after the address.
    let before_last = trimmed[..trimmed.len() - last.len()]
        .trim_end()
        .trim_end_matches(',');
    // ("1907 Gallatin Pike N, Madison": a direction may follow the street.)
    let before_last = before_last.trim_end();
    let before_last = before_last
        .rsplit_once(' ')
        .filter(|(_, d)| {
            [
                "n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west",
            ]
            .contains(&d.to_lowercase().as_str())
        })
        .map_or(before_last, |(rest, _)| rest.trim_end());
    let right_after_address =
        extract_address(trimmed).is_some_and(|a| before_last.ends_with(a.as_str()));
    if (STREET.contains(&prev_bare.as_str()) || right_after_address) && !dashed {
        return None;
    }
    let capital = word.starts_with(char::is_uppercase);
    let initials = word.len() <= 3 && word.chars().all(|c| c.is_ascii_uppercase());
    if !name_word(word, true) || initials || word.len() < 3 {
        return None;
    }
    // "...6612 s yale ave tulsa. brenda": after a sentence that gave the address, even lower
    // case.
    let has_address = extract_address(trimmed).is_some();
    let signed = dashed
        || capital && (after_comma || after_sentence)
        || (after_comma || after_sentence) && has_address;
    signed.then(|| capitalise(word))
}

/// A text that is nothing but a capitalised name ("Morgan Fields"), asked for or not.
pub fn just_a_name(text: &str) -> Option<String> {
    let tokens: Vec<&str> = text
        .split_whitespace()
        .map(|t| t.trim_end_matches(['.', '!', ',']))
        .collect();
    ((1..=3).contains(&tokens.len()) && tokens.iter().all(|t| name_word(t, false)))
        .then(|| tokens.join(" "))
}

/// The whole text as a name, when it was asked for and the text is just that ("jordan",
/// "its Karen", "Dana Smith thx").
pub fn bare_name(text: &str) -> Option<String> {
    if let Some(n) = extract_name(text) {
        return Some(n);
    }
    let w = words(text);
    if w.is_empty()
        || w.len() > 4
        || is_question(text)
        || pick_number(text, 9).is_some()
        || is_yes(text)
        || is_no(text)
    {
        return None;
    }
    // A piece of a sentence ("we both work M" of "we both work M-F") or a day ("Fri" of "I work
    // Mon-Fri") is no name.
    const NEVER_NAMES: &[&str] = &[
        "we", "i", "you", "they", "he", "she", "it", "us", "our", "this", "that", "there",
    ];
    let first = w[0].as_str();
    if NEVER_NAMES.contains(&first) || WEEKDAY_NAMES.contains(&first) || DAY_SHORT.contains(&first)
    {
        return None;
    }
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let lower = |t: &str| {
        t.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let cleaned: Vec<&str> = tokens
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            let l = lower(t);
            // "is" only in "name is": "barn is" is no name.
            let name_is = l == "is" && *i > 0 && lower(tokens[i - 1]).starts_with("name");
            !name_is
                && !l.is_empty()
                && ![
                    "thanks", "thx", "ty", "its", "it's", "im", "i'm", "yes", "ok", "sure", "name",
                    "oh", "sorry", "um", "uh", "btw", "lol", "and", "my", "names", "under",
                ]
                .contains(&l.as_str())
        })
        .map(|(_, t)| *t)
        .collect();
    // The whole piece is the name, or it is no name ("whatever ur soonest is", "barn is"); a
    // capitalised word after it is a surname the name words stopped at ("Jordan Pike").
    let name = take_name(&cleaned.join(" "), true)?;
    let rest = &cleaned[name.split_whitespace().count().min(cleaned.len())..];
    // ("mike d": an initial after the name, whatever its case.)
    let initial = |w: &str| {
        let letters = w.trim_end_matches('.');
        letters.chars().count() == 1 && letters.chars().all(char::is_alphabetic)
    };
    rest.iter()
        .all(|w| {
            initial(w)
                || w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars()
                        .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        })
        .then_some(name)
}

/// A name given beside other details when it was asked for ("Jen Alvarez" after a sentence,
/// "Tasha Green, 800 Glenwood Ave"): a short piece of the text that is only a name, and not a
/// place the profile names (a town of the service area).
pub fn name_when_asked(text: &str, profile: &BusinessProfile) -> Option<String> {
    if let Some(n) = extract_name(text) {
        return Some(n);
    }
    let mut rest = text.to_string();
    if let Some(a) = extract_address(text).or_else(|| loose_address(text)) {
        rest = rest.replace(&a, "\n");
    }
    // The area's and the about text's words, padded, so a piece is matched word for word.
    let places = format!(
        " {} ",
        words(&format!(
            "{} {}",
            profile.business.service_area, profile.business.about
        ))
        .join(" ")
    );
    // What the business works on ("skis. volkl mantras", "plain band, nothing fancy") is the
    // job, not the caller's name.
    let trade = profile.derived(TradeWords::new);
    rest.split([',', '.', '-', ';', '\n', '!', '(', ')'])
        .map(str::trim)
        // ("derek at 7120 e via ventura": the name before where.)
        .map(|seg| {
            let lower = seg.to_lowercase();
            let Some(w) = [" at", " from", " on"].iter().find(|w| lower.ends_with(*w)) else {
                return seg;
            };
            let who = seg[..seg.len() - w.len()].trim_end();
            // ("She's at 3419 Riverside Dr": who is there, not a name.)
            let pronoun = words(who).first().is_some_and(|w| {
                [
                    "shes", "hes", "im", "its", "were", "theyre", "we", "they", "she", "he", "i",
                    "it", "mom", "dad", "my", "our", "the",
                ]
                .contains(&w.as_str())
            });
            if pronoun {
                ""
            } else {
                who
            }
        })
        .filter(|seg| !seg.is_empty() && seg.split_whitespace().count() <= 4)
        // (A name written with capitals, "Jack White", stays one.)
        .filter(|seg| {
            let capitalised = seg
                .split_whitespace()
                .all(|w| w.starts_with(char::is_uppercase));
            capitalised && seg.split_whitespace().count() >= 2
                || !content_words(seg).iter().any(|w| trade.0.contains(w))
        })
        // A town of the area, word for word ("Tom" is not in "custom"), or a part of one
        // ("east dallas").
        .filter(|seg| !places.contains(&format!(" {} ", words(seg).join(" "))))
        .filter(|seg| {
            let ws = words(seg);
            let compass = ws.iter().any(|w| {
                [
                    "north", "south", "east", "west", "downtown", "uptown", "near", "outside",
                ]
                .contains(&w.as_str())
            });
            !(compass && ws.iter().any(|w| places.contains(&format!(" {w} "))))
        })
        // "Harold and Bev Jensen": a couple, booked under the first of them ("Harold Jensen").
        .map(|seg| {
            let ts: Vec<&str> = seg.split_whitespace().collect();
            match ts.as_slice() {
                [a, and, _, last] if ["and", "&"].contains(&and.to_lowercase().as_str()) => {
                    format!("{a} {last}")
                }
                _ => seg.to_string(),
            }
        })
        .filter_map(|seg| bare_name(&seg))
        // "its jess, jessica moran": the short name, then the whole one.
        .reduce(|first, next| {
            let (f, n) = (first.to_lowercase(), next.to_lowercase());
            let fuller = !f.contains(' ') && n.len() > f.len() && n.starts_with(&f);
            if fuller {
                next
            } else {
                first
            }
        })
}

/// The content words of the services' names, descriptions and keywords (stemmed, three letters
/// or more, and not the owner's name), once per profile.
struct TradeWords(std::collections::HashSet<String>);

impl TradeWords {
    fn new(profile: &BusinessProfile) -> Self {
        let owner = owner_first_name(profile).map(|o| o.to_lowercase());
        let mut set = std::collections::HashSet::new();
        for s in &profile.services {
            let text = format!(
                "{} {} {}",
                s.name,
                s.description.as_deref().unwrap_or(""),
                s.keywords.join(" ")
            );
            for w in content_words(&text) {
                if w.len() >= 3
                    && w.chars().all(char::is_alphabetic)
                    && owner.as_deref() != Some(w.as_str())
                {
                    set.insert(w);
                }
            }
        }
        TradeWords(set)
    }
}

/// An address given loosely after it was asked for: a house number and up to five words
/// ("1432 elm", "88 old mill rd apt 2, round rock").
pub fn loose_address(text: &str) -> Option<String> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let start = tokens.iter().position(|t| {
        let n = t.trim_matches(|c: char| !c.is_alphanumeric());
        // "1. Gino Ferraro", "lets do 2, Amber": a pick before a name; "3:30": a time.
        let punctuated = t.ends_with(['.', ',', ')', ':', '!', ';']) || n.contains(':');
        // ("$3,950 taken out twice": money; "like 8ish?": a time.)
        let money = t.starts_with('$') || n.ends_with(['k', 'K']);
        !n.is_empty()
            && !punctuated
            && !money
            && !n.to_ascii_lowercase().ends_with("ish")
            && n.len() <= 6
            && n.chars().next().is_some_and(|c| c.is_ascii_digit())
            && n.chars().filter(|c| c.is_ascii_digit()).count() >= 1
            && !n.ends_with("am")
            && !n.ends_with("pm")
            // ("2nd option": a pick, not a house number.)
            && !["st", "nd", "rd", "th"]
                .iter()
                .any(|s| n.to_ascii_lowercase().ends_with(s) && n.len() <= 4)
    })?;
    // "Thurs after 2 if u can": a time of day, not a house number and a street.
    let bare = |k: usize| {
        tokens.get(k).map(|t| {
            t.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
    };
    const TIME_BEFORE: &[&str] = &[
        "after", "before", "at", "by", "til", "till", "until", "around", "from", "between",
        "about", "past",
    ];
    // (...and "its 3 bed, kitchen is the big one": the size of the place, not where it is.)
    const CLAUSE_AFTER: &[&str] = &[
        "if",
        "or",
        "so",
        "but",
        "when",
        "because",
        "cuz",
        "bc",
        "to",
        "oclock",
        "ish",
        "today",
        "tomorrow",
        "tmrw",
        "then",
        "on",
        "bed",
        "beds",
        "bedroom",
        "bedrooms",
        "br",
        "bath",
        "baths",
        "bathroom",
        "bathrooms",
        "ba",
        "car",
        "story",
        "stories",
        "room",
        "rooms",
        "kids",
        "people",
        "hours",
        "hrs",
        "weeks",
        "days",
        "sq",
        "square",
        "ft",
        "feet",
        "yr",
        "yrs",
        "year",
        "years",
        "month",
        "week",
        "day",
        "lb",
        "lbs",
        // Money and measures ("3 inches of water"; "8 thousand dollars" below: Grand Ave and
        // Thousand Oaks are streets).
        "dollars",
        "bucks",
        "cents",
        "percent",
        "inch",
        "inches",
        "foot",
        "yards",
        "miles",
        "mi",
        "gallons",
        "degrees",
        "pounds",
        "minutes",
        "mins",
        "min",
        "months",
        "times",
    ];
    // ("we have 2 cats who basically live in that bathroom": how many, not where.)
    const COUNT_BEFORE: &[&str] = &[
        "have", "has", "had", "got", "own", "with", "bought", "about", "like", "only", "just",
        "are", "were", "my", "our", "his", "her", "their",
    ];
    if start
        .checked_sub(1)
        .and_then(bare)
        .is_some_and(|b| TIME_BEFORE.contains(&b.as_str()) || COUNT_BEFORE.contains(&b.as_str()))
        || bare(start + 1).is_some_and(|a| CLAUSE_AFTER.contains(&a.as_str()))
        || bare(start + 2).is_some_and(|a| ["dollars", "dollar", "bucks"].contains(&a.as_str()))
    {
        return None;
    }
    let mut out = vec![tokens[start]];
    for t in &tokens[start + 1..] {
        let w = t
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if w.is_empty()
            || [
                "and", "im", "i", "my", "name", "its", "this", "thanks", "thx",
            ]
            .contains(&w.as_str())
        {
            break;
        }
        out.push(t);
        if t.ends_with(['.', '!', '?', ',']) || out.len() >= 6 {
            break;
        }
    }
    // "2 pls", "3 works", "1 is fine": a pick, not a house number and a street.
    const FILLER: &[&str] = &[
        "pls", "please", "plz", "works", "work", "is", "fine", "good", "ok", "okay", "sounds",
        "great", "sure", "thanks", "thx", "perfect", "yes", "yep", "for", "me", "one", "then",
        "lol", "is", "would", "be", "best",
    ];
    let street_words = out[1..]
        .iter()
        .map(|t| {
            t.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty() && !FILLER.contains(&w.as_str()))
        .count();
    (out.len() >= 2 && street_words > 0)
        .then(|| {
            out.join(" ")
                .trim_end_matches([',', '.', ';', '!'])
                .to_string()
        })
        .or_else(|| number_after_street(&tokens))
}

/// The house number said after its street ("Its a double on Hopkins Ave in Lakewood, 1427"):
/// a capitalised street name with its suffix, and the text's last word a bare number.
fn number_after_street(tokens: &[&str]) -> Option<String> {
    let clean = |t: &str| t.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    let number = clean(tokens.last()?);
    if number.is_empty() || number.len() > 6 || !number.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let before_number = &tokens[..tokens.len() - 1];
    // (After a comma: "...in Lakewood, 1427".)
    if !before_number.last()?.ends_with(',') {
        return None;
    }
    let at = (1..before_number.len()).find(|&j| {
        let suffix = clean(before_number[j]).to_lowercase();
        let name = clean(before_number[j - 1]);
        is_street_word(&suffix)
            && name.starts_with(char::is_uppercase)
            && name.chars().all(char::is_alphabetic)
    })?;
    Some(format!(
        "{number} {} {}",
        clean(before_number[at - 1]),
        clean(before_number[at])
    ))
}

/// A place told by its name and street, with no house number: "im at the hyatt on doubletree
/// ranch rd, room 2214" gives "hyatt on doubletree ranch rd, room 2214".
pub fn landmark_address(text: &str) -> Option<String> {
    const STREET_TYPES: &[&str] = &[
        "rd",
        "road",
        "st",
        "street",
        "ave",
        "avenue",
        "blvd",
        "boulevard",
        "dr",
        "drive",
        "ln",
        "lane",
        "way",
        "pkwy",
        "parkway",
        "hwy",
        "highway",
        "ct",
        "court",
        "trail",
        "cir",
        "circle",
    ];
    const UNITS: &[&str] = &["room", "rm", "suite", "unit", "apt", "apartment"];
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let bare: Vec<String> = tokens
        .iter()
        .map(|t| {
            t.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let alpha = |w: &String| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic());
    let j = (1..bare.len()).find(|&j| STREET_TYPES.contains(&bare[j].as_str()))?;
    let on = (j.saturating_sub(5)..j).rev().find(|&k| bare[k] == "on")?;
    // The street's own words, then the place named right before "on" ("the hyatt").
    if on + 1 >= j || !bare[on + 1..j].iter().all(alpha) || on == 0 {
        return None;
    }
    let place = on - 1;
    let placed = alpha(&bare[place])
        && !STOP.contains(&bare[place].as_str())
        && place
            .checked_sub(1)
            .is_some_and(|k| ["the", "at"].contains(&bare[k].as_str()));
    if !placed {
        return None;
    }
    let mut end = j;
    if bare.get(j + 1).is_some_and(|u| UNITS.contains(&u.as_str()))
        && bare
            .get(j + 2)
            .is_some_and(|n| n.chars().any(|c| c.is_ascii_digit()))
    {
        end = j + 2;
    }
    let out = tokens[place..=end].join(" ");
    Some(
        out.trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_string(),
    )
}

/// Does the text describe something wrong ("toilet keeps running", "lights flicker")?
pub fn describes_problem(text: &str) -> bool {
    super::detect::Text::new(text).any(PROBLEM)
}

/// The caller's problem in a few words for staff and the calendar: the first sentence, clipped.
pub fn problem_summary(text: &str) -> String {
    let first = text
        .split_inclusive(['.', '!', '?', '\n'])
        .map(str::trim)
        .find(|s| s.split_whitespace().count() >= 3)
        .unwrap_or(text.trim());
    let line = first.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= 100 {
        return line;
    }
    let cut: String = line.chars().take(97).collect();
    format!("{}...", cut.trim_end())
}

/// How well a text names each service: the best match and, when another is nearly as good, the
/// runner-up (a near-tie asks the caller one short question instead of guessing).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ServiceMatch {
    pub best: usize,
    pub score: f64,
    pub runner_up: Option<usize>,
    /// A word of the best service's name or keywords was used (not only its description).
    pub named: bool,
    /// The share of the text's content words the best service accounts for: "open a gun safe,
    /// lost the combo" shares only "lost" with a car key service, too little to say yes to it.
    pub coverage: f64,
    /// How many of the text's words the best service accounts for.
    pub hits: usize,
}

/// Words that make what follows a place ("in our garage", "under my house").
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "at", "on", "by", "from", "to", "under", "behind", "near", "outside", "inside", "into",
    "around", "over", "above", "below", "beside", "across", "through", "off",
];

/// Below this a service is not named at all (one distinctive description word scores 2, one
/// distinctive name word or keyword 3, a generic trade verb under 1).
const SERVICE_THRESHOLD: f64 = 2.0;
/// A runner-up within this share of the best is a near-tie.
const TIE_SHARE: f64 = 0.8;

/// Generic trade words: they say what kind of work, not which service.
const GENERIC: &[&str] = &[
    "home",
    "house",
    "property",
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
    "new",
    "appointment",
    "session",
    "min",
    "minute",
    "minutes",
    "hour",
];
/// Whether the text shares a word of substance with an FAQ entry's question and one with its
/// answer ("do u see hedgehogs?" with "What animals do you see?" and the answer that names
/// them); not words every question has ("how many sessions does it take" shares nothing with
/// "Do you take a deposit?").
pub fn shares_entry_words(text: &str, entry: &crate::domain::profile::Faq) -> bool {
    const EVERYDAY: &[&str] = &[
        "take", "do", "get", "make", "have", "use", "come", "go", "know", "much", "long", "many",
    ];
    let plain = |t: &str| {
        content_words(t)
            .into_iter()
            .filter(|w| !GENERIC_STEMS.contains(w) && !EVERYDAY.contains(&w.as_str()))
            .collect::<Vec<_>>()
    };
    let (q, a, asked) = (plain(&entry.q), plain(&entry.a), plain(text));
    asked.iter().any(|w| q.contains(w)) && asked.iter().any(|w| a.contains(w))
}

/// The generic words as stems, made once.
static GENERIC_STEMS: std::sync::LazyLock<Vec<String>> =
    std::sync::LazyLock::new(|| GENERIC.iter().map(|g| stem(g)).collect());

/// A caller describing something broken wants a repair, not a tune-up.
const PROBLEM: &[&str] = &[
    "broke*",
    "dies",
    "dying",
    "wont hold",
    "wont charge",
    "snapped",
    "busted",
    "gush*",
    "spraying",
    "wont shut off",
    "wont turn off",
    "not working",
    "doesnt work",
    "isnt working",
    "stopped",
    "wont",
    "leak*",
    "noise*",
    "grind*",
    "squeal*",
    "squeak*",
    "clunk*",
    "rattl*",
    "died",
    "dead",
    "blowing cold",
    "blowing warm",
    "blowing hot",
    "trip*",
    "flicker*",
    "keeps",
    "stuck",
    "jammed",
    "acting up",
    "issue",
    "problem*",
    "trouble",
    "cant",
    "quit",
    "cracked",
    "shuts off",
    "short cycl*",
    "not heating",
    "not cooling",
    "no heat",
    "no power",
    "dont work",
    "went out",
];
/// A first visit ("never been", "new patient") points to the service for newcomers.
const FIRST_VISIT: &[&str] = &[
    "never been",
    "never done",
    "never had",
    "first time",
    "first visit",
    "first appointment",
    "new patient",
    "new client",
    "new customer",
    "first haircut",
    "first groom",
    "first cut",
];
const FIRST_VISIT_WORDS: &[&str] = &[
    "initial",
    "first",
    "new patient",
    "new client",
    "intro",
    "consult",
    "evaluation",
];
/// A caller who has been before ("saw dr ames last spring", "she wants me back") is not new.
const RETURNING: &[&str] = &[
    "been in before",
    "been there before",
    "been here before",
    "been before",
    "came in before",
    "saw dr",
    "seen dr",
    "last time",
    "last visit",
    "wants me back",
    "want me back",
    "come back",
    "coming back",
    "existing patient",
    "current patient",
    "existing client",
    "current client",
    "returning",
    "regular",
    "follow up",
    "followup",
    "again",
];

/// Names that say who a service is for ("Children's eye exam", "Diabetic eye exam", "Prenatal
/// massage"), and the other ways callers say they are that person (besides the name's own words).
/// A caller who says nothing of the kind wants the other service.
const AUDIENCES: &[(&[&str], &[&str])] = &[
    (
        &[
            "child*",
            "kid",
            "kids",
            "pediatric*",
            "teen*",
            "youth",
            "junior*",
            "infant*",
            "baby",
            "babies",
            "toddler*",
            "student*",
        ],
        &[
            "son", "daughter", "boy", "girl", "year old", "yr old", "grade", "school",
        ],
    ),
    (&["diabet*"], &["sugar", "a1c", "insulin"]),
    (&["senior*", "elderly"], &["retired", "medicare"]),
    (
        &["prenatal", "pregnan*", "maternity"],
        &["expecting", "trimester", "weeks along", "due date"],
    ),
    // A young animal, said by its age ("my 12 wk old lab").
    (
        &["pupp*", "kitten*"],
        &[
            "pup",
            "week old",
            "weeks old",
            "month old",
            "months old",
            "mo old",
        ],
    ),
    // Cats, also by breed ("my 9 lb Persian"); a name for dogs and cats alike is for neither.
    (&["cat", "cats", "feline*"], CATS_AS_SAID),
];
/// Cats as owners name them ("my 9 lb Persian"): for the cat service and the FAQ's "cat".
const CATS_AS_SAID: &[&str] = &[
    "kitty",
    "persian",
    "siamese",
    "maine coon",
    "ragdoll",
    "himalayan",
    "sphynx",
    "tabby",
    "calico",
    "litter box",
];
/// Two people at once, said the way people say it; a word services use for it.
const TWO_PEOPLE: &[&str] = &[
    "me and my",
    "both of us",
    "two of us",
    "the 2 of us",
    "side by side",
    "at the same time",
    "me and her",
    "me and him",
    "my wife and i",
    "my husband and i",
    "my partner and i",
];
const NEGATORS: &[&str] = &[
    " dont need ",
    " dont want ",
    " no need ",
    " not looking for ",
    " instead of ",
    " rather than ",
    " not a ",
    " not an ",
    " not the ",
    " not just ",
    " keeping the ",
    " keep the ",
    " except the ",
    " leave the ",
    " leaving the ",
    " other than ",
    " but not ",
    " not every ",
    " without a ",
    " without the ",
    " skip the ",
];
/// Negators that rule a thing out ("not the lobe"), unlike those that keep a part as it is
/// ("keep the original hem") or add to it ("not just").
const REFUSERS: &[&str] = &[
    " dont need ",
    " dont want ",
    " no need ",
    " not looking for ",
    " instead of ",
    " rather than ",
    " not a ",
    " not an ",
    " not the ",
    " except the ",
    " other than ",
    " but not ",
    " not every ",
];
/// What a caller wants done with the thing: more of it put in, it taken out, or kept.
struct Action {
    adds: bool,
    removes: bool,
    /// "Not getting rid of it, we wanna take it with us".
    keeps: bool,
}

impl Action {
    fn of(t: &super::detect::Text) -> Self {
        let keeps = t.any(&[
            "not getting rid",
            "not get rid",
            "not removing",
            "not remove",
            "not to remove",
            "dont want it removed",
            "dont want it gone",
            "not hauling",
            "take it with us",
            "take it with me",
            "keeping it",
        ]);
        Self {
            adds: t.any(ADDING),
            removes: !keeps && (t.any(REMOVING) || t.any(&["replace*", "swap*", "redo"])),
            keeps,
        }
    }
}

/// A removal service (or any service of a business that takes things away, "Lilac City
/// Haul-Away") for a caller who wants more put in, or wants the thing kept.
fn opposite_action(v: &Vocab, a: &Action) -> bool {
    v.removal && (a.keeps || a.adds && !a.removes)
}

/// Whether the whole text wants the opposite of what service `index` does ("do yall do
/// insulation? ... want the blown in kind added" of an insulation removal service).
fn wants_opposite(whole: &str, profile: &BusinessProfile, index: usize) -> bool {
    let t = super::detect::Text::new(whole);
    let vocabs = profile.derived(ServiceVocabs::new);
    vocabs
        .0
        .get(index)
        .is_some_and(|v| opposite_action(v, &Action::of(&t)))
}

/// Taking a thing out, in a service's name or a caller's words.
const REMOVING: &[&str] = &[
    "removal",
    "remove*",
    "removing",
    "take out",
    "taken out",
    "tear out",
    "tear off",
    "haul*",
    "get rid",
    "strip*",
    "extraction",
    "scrape off",
    "clean out",
    "pull out",
    // ("just want it off", "want it all GONE")
    "want it off",
    "want it all off",
    "want them off",
    "get it off",
    "get it all off",
    "want it gone",
    "want it all gone",
];
/// Putting more of a thing in.
const ADDING: &[&str] = &[
    "add",
    "added",
    "adding",
    "blown in",
    "blow in",
    "put in more",
    "more of",
    "install*",
    "top up",
    "top off",
];

/// Things going wrong, as a caller fears them ("don't want the pipes freezing").
const GOING_WRONG: &[&str] = &[
    "freez", "crack", "leak", "burst", "break", "flood", "rot", "rust", "mold", "mould", "peel",
    "fad", "sag", "clog", "overflow", "warp", "split", "bubbl", "fall",
];
/// Words of a service's own text that make it a repair, as whole words or stems: "fix", not
/// the "fixed" of "a fixed, tilting or full-motion mount".
const REPAIR_WORDS: &[&str] = &[
    "repair*",
    "fix",
    "fixes",
    "fixing",
    "troubleshoot*",
    "diagnos*",
    "sick*",
    "problem*",
];

/// One word of a service's vocabulary, with the distinctive words beside it in its phrase.
struct Term {
    stem: String,
    weight: f64,
    /// "water" in "water heater" has "heater" after it: alone, next to another word ("water
    /// softener"), it names something else.
    prev: Option<String>,
    next: Option<String>,
    /// From the name or a keyword (not the description).
    strong: bool,
    /// For an everyday verb inside a longer phrase ("battery keeps dying", "see the place"),
    /// the phrase's other words: the verb says what happens, not which service, unless one of
    /// them is said too ("come see the place", not "keep it there" or "to see family").
    mates: Option<Vec<String>>,
}

struct Vocab {
    terms: Vec<Term>,
    /// Phrases of the name or keywords whose sense rests on a word matching otherwise drops
    /// ("no water", "low pressure"), as stems: said whole, they name the service.
    phrases: Vec<Vec<String>>,
    name: Vec<String>,
    keywords: Vec<Vec<String>>,
    /// A new install and nothing about repairs ("Light fixture or ceiling fan install").
    install_only: bool,
    /// Taking something out ("Old insulation and debris removal", "Tint removal").
    removal: bool,
    /// The name is for one kind of person ("Children's eye exam"): its words, and how else
    /// callers say they are that person.
    audience: Option<(&'static [&'static str], &'static [&'static str])>,
    repair: bool,
    /// The name says it is for grown-ups ("Women's haircut", "Men's cut", "Adult lesson").
    for_grown_ups: bool,
    first_visit: bool,
    /// A visit for those already seen ("Follow-up visit", "Return visit").
    follow_up: bool,
}

/// The terms of one phrase (a name, a keyword, a description), with their neighbours.
/// Is this word of a service's name a stop word here? A small number is not when a word follows
/// it ("One-story home" is not any story); alone it is. (A caller's "one room" stays a stop word:
/// "up to 3 rooms" fits it.)
fn stop_at(ws: &[String], i: usize) -> bool {
    let w = ws[i].as_str();
    let number = stem(w).chars().all(|c| c.is_ascii_digit());
    STOP.contains(&w) && !(number && ws.get(i + 1).is_some_and(|n| !STOP.contains(&n.as_str())))
}

fn phrase_terms(phrase: &str, base: f64, lead_counts: bool, out: &mut Vec<Term>) {
    let generic = &*GENERIC_STEMS;
    let ws = words(phrase);
    let content = |i: usize| {
        ws.get(i)
            .filter(|_| !stop_at(&ws, i))
            .map(|w| stem(w))
            .filter(|st| !generic.contains(st))
    };
    // A question word glued to "is" in a keyword ("not sure what's wrong") names nothing: a
    // caller's "whats the soonest" is no request for that service.
    const GLUED: &[&str] = &[
        "whats", "wheres", "hows", "whos", "thats", "theres", "heres",
    ];
    let mut first = true;
    for (i, w) in ws.iter().enumerate() {
        if stop_at(&ws, i) || GLUED.contains(&w.as_str()) {
            continue;
        }
        let st = stem(w);
        // A generic word weighs little, unless it leads a name ("Cleaning and exam"); a number
        // ("30 min", "2 story") only ever helps the words around it.
        let number = st.chars().all(|c| c.is_ascii_digit());
        let weight = if number || generic.contains(&st) && !(lead_counts && first) {
            base * 0.3
        } else {
            base
        };
        first = false;
        // The job done to a thing is no part of it: "pantry organizing" is the pantry, so a
        // caller's "pantry door" still names it (unlike "water heater" and "water softener").
        const JOB_GERUNDS: &[&str] = &[
            "organizing",
            "organising",
            "cleaning",
            "sorting",
            "unpacking",
            "detailing",
            "grooming",
            "training",
            "washing",
            "sealing",
            "staining",
            "mowing",
            "trimming",
            "pruning",
            "testing",
            "pumping",
            "polishing",
            "sharpening",
            "tuning",
            "coating",
            "recovering",
            "refinishing",
            "repair",
            "repairs",
            "replacement",
            "install",
            "installation",
        ];
        let neighbour = |k: usize| content(k).filter(|_| !JOB_GERUNDS.contains(&ws[k].as_str()));
        out.push(Term {
            stem: st,
            weight,
            prev: i.checked_sub(1).and_then(neighbour),
            next: neighbour(i + 1),
            strong: base >= 3.0,
            mates: Some(
                (0..ws.len())
                    .filter(|&k| k != i)
                    .filter_map(content)
                    .collect::<Vec<_>>(),
            )
            .filter(|m| !m.is_empty() && EVERYDAY_VERBS.contains(&w.as_str())),
        });
    }
}

/// Verbs of every day, in a service's phrases: alone they name no service.
const EVERYDAY_VERBS: &[&str] = &[
    "see", "keep", "keeps", "kept", "get", "gets", "go", "goes", "come", "comes", "take", "takes",
    "make", "makes", "put", "let", "give", "want", "need", "know", "say", "tell", "try", "buy",
    "buying", "bought",
];

/// The alternatives a name lists ("Spa / hot tub service", "Gutter cleaning - two-story home"):
/// each is its own phrase, so "spa" is not expected to come before "hot".
fn alternatives(name: &str) -> Vec<String> {
    name.replace(['/', '&', '+', ',', '(', ')'], "|")
        .replace(" - ", "|")
        .replace(" and ", "|")
        .replace(" or ", "|")
        .split('|')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// Each service's vocabulary, in the profile's order: made from the profile alone, so once per
/// profile value ([`BusinessProfile::derived`]), not on every scoring.
struct ServiceVocabs(Vec<Vocab>);

impl ServiceVocabs {
    fn new(profile: &BusinessProfile) -> Self {
        let mut vocabs: Vec<Vocab> = profile.services.iter().map(vocab).collect();
        // A business that takes things away ("Lilac City Haul-Away"): every service removes.
        if super::detect::Text::new(&profile.business.name).any(REMOVING) {
            for v in &mut vocabs {
                v.removal = true;
            }
        }
        Self(vocabs)
    }
}

fn vocab(s: &crate::domain::profile::Service) -> Vocab {
    let mut terms = Vec::new();
    for part in alternatives(&s.name) {
        phrase_terms(&part, 3.0, true, &mut terms);
    }
    for k in &s.keywords {
        for part in alternatives(k) {
            phrase_terms(&part, 3.0, true, &mut terms);
        }
    }
    if let Some(d) = &s.description {
        for sentence in d.split(['.', ',', ';', '(', ')']) {
            phrase_terms(sentence, 2.0, false, &mut terms);
        }
    }
    let all = format!(
        "{} {} {}",
        s.name,
        s.description.as_deref().unwrap_or(""),
        s.keywords.join(" ")
    )
    .to_lowercase();
    let phrases = alternatives(&s.name)
        .iter()
        .chain(s.keywords.iter())
        .map(|p| words(p))
        .filter(|ws| ws.len() >= 2 && ws.iter().any(|w| STOP.contains(&w.as_str())))
        .map(|ws| ws.iter().map(|w| stem(w)).collect())
        .collect();
    let repair = super::detect::Text::new(&all).any(REPAIR_WORDS);
    Vocab {
        terms,
        phrases,
        repair,
        for_grown_ups: {
            let name = super::detect::Text::new(&s.name);
            name.any(&[
                "women*",
                "woman",
                "men",
                "mens",
                "ladies",
                "gentlemen*",
                "adult*",
                "grown up*",
            ]) && !name.any(&["boy*", "girl*", "kid*", "child*", "youth", "junior*"])
        },
        first_visit: FIRST_VISIT_WORDS.iter().any(|r| all.contains(r)),
        follow_up: super::detect::Text::new(&s.name).any(&[
            "follow*",
            "return*",
            "recheck",
            "re-check",
            "existing",
            "established",
            "repeat",
        ]),
        install_only: !repair && super::detect::Text::new(&s.name).any(&["install*", "new"]),
        // (Not "Panel removal and reinstall": that one puts back too.)
        removal: super::detect::Text::new(&s.name).any(REMOVING)
            && !super::detect::Text::new(&s.name).any(&[
                "install*",
                "reinstall*",
                "replace*",
                "new",
            ]),
        name: content_words(&s.name),
        keywords: s.keywords.iter().map(|k| content_words(k)).collect(),
        audience: {
            let name = super::detect::Text::new(&s.name);
            AUDIENCES
                .iter()
                .find(|(named, _)| name.any(named))
                .copied()
                .filter(|(named, _)| !(named.contains(&"cat") && name.any(&["dog*"])))
        },
    }
}

/// Which of the services a caller means by its length: "the hour one", "30 min", "the longer
/// one" (the position in `durations`, when exactly one fits).
pub fn pick_by_length(text: &str, durations: &[u32]) -> Option<usize> {
    let t = super::detect::Text::new(text);
    let longest = durations.iter().max()?;
    let shortest = durations.iter().min()?;
    let wanted = if t.any(&["half hour", "half an hour", "30 min*", "30"]) {
        Some(30)
    } else if t.any(&["hour and a half", "90 min*", "90"]) {
        Some(90)
    } else if t.any(&["2 hours", "two hours", "120"]) {
        Some(120)
    } else if t.any(&[
        "hour",
        "an hour",
        "1 hour",
        "60 min*",
        "60",
        "full hour",
        "hour long",
    ]) {
        Some(60)
    } else if t.any(&["45 min*", "45"]) {
        Some(45)
    } else if t.any(&["longer", "longest", "long one"]) {
        Some(*longest)
    } else if t.any(&["shorter", "shortest", "short one", "quick one", "quicker"]) {
        Some(*shortest)
    } else {
        None
    }?;
    let fits: Vec<usize> = (0..durations.len())
        .filter(|&i| durations[i] == wanted)
        .collect();
    (fits.len() == 1 && longest != shortest).then(|| fits[0])
}

/// Weigh the whole text against every service's name, description and keywords: distinctive
/// words count more than words many services share, typos count, and a word that only matches as
/// part of a different compound ("water softener" against "water heater") does not.
pub fn score_services(text: &str, profile: &BusinessProfile) -> Option<ServiceMatch> {
    let found = score_by_words(text, profile).or_else(|| removal_wanted(text, profile))?;
    Some(fit_age(found, text, profile))
}

/// No service named by its words, but the text wants a thing taken away ("not hanging anything
/// new yet, just want it off"): the business's one removal service.
fn removal_wanted(text: &str, profile: &BusinessProfile) -> Option<ServiceMatch> {
    // (What is said not to be done adds nothing: "not installing anything new yet".)
    let t = super::detect::Text::new(bounded(text)).without(&[
        "not installing",
        "not install",
        "not putting in",
        "not putting up",
        "not adding",
        "not hanging",
        "nothing new",
    ]);
    let action = Action::of(&t);
    if !action.removes || action.adds || action.keeps {
        return None;
    }
    let vocabs = profile.derived(ServiceVocabs::new);
    let mut removals = (0..vocabs.0.len()).filter(|&i| vocabs.0[i].removal);
    match (removals.next(), removals.next()) {
        (Some(best), None) => Some(ServiceMatch {
            best,
            score: 1.0,
            runner_up: None,
            named: true,
            coverage: 0.2,
            hits: 1,
        }),
        _ => None,
    }
}

/// The match, moved to the one service whose ages take in the person the text is about.
fn fit_age(mut found: ServiceMatch, text: &str, profile: &BusinessProfile) -> ServiceMatch {
    // "My daughter is 5" beside "kids trial class (ages 7-12)": the one service whose ages
    // take the child in, when the best by words says ages that do not.
    if let Some(age) = age_of_who(text) {
        let ranges = profile.derived(AgeRanges::new);
        let fits = |i: usize| ranges.0[i].map(|(lo, hi)| (lo..=hi).contains(&age));
        if fits(found.best) == Some(false) {
            let mut taking = (0..profile.services.len()).filter(|i| fits(*i) == Some(true));
            if let (Some(i), None) = (taking.next(), taking.next()) {
                found.runner_up = None;
                found.best = i;
            }
        }
    }
    found
}

/// The ages each service says it takes ("Little Dragons class (ages 4-6)", "ages 13+"), from
/// its name or description, once per profile.
struct AgeRanges(Vec<Option<(u32, u32)>>);

impl AgeRanges {
    fn new(profile: &BusinessProfile) -> Self {
        let range = |text: &str| {
            let lower = text.to_lowercase();
            let w = words(&lower);
            let at = w.iter().position(|x| x == "ages" || x == "age")?;
            let lo: u32 = w.get(at + 1)?.parse().ok()?;
            match w.get(at + 2).and_then(|x| x.parse::<u32>().ok()) {
                Some(hi) if hi >= lo => Some((lo, hi)),
                _ if lower.contains(&format!("{lo}+"))
                    || w.get(at + 2).is_some_and(|x| x == "and")
                        && w.get(at + 3)
                            .is_some_and(|x| ["up", "older", "over"].contains(&x.as_str())) =>
                {
                    Some((lo, 120))
                }
                _ => None,
            }
        };
        // A name that says who it is for ("Pediatric blood draw", "Parent and baby splash",
        // "Adult intro class").
        let said_of = |name: &str| {
            let w = words(name);
            let has = |list: &[&str]| w.iter().any(|x| list.contains(&x.as_str()));
            if has(&["baby", "babies", "infant", "infants", "newborn"]) {
                Some((0, 2))
            } else if has(&["toddler", "toddlers"]) {
                Some((1, 4))
            } else if has(&["teen", "teens"]) {
                Some((13, 19))
            } else if has(&["pediatric", "kids", "kid", "child", "children", "youth"]) {
                Some((0, 17))
            } else if has(&["adult", "adults"]) {
                Some((18, 120))
            } else if has(&["senior", "seniors"]) {
                Some((60, 120))
            } else {
                None
            }
        };
        AgeRanges(
            profile
                .services
                .iter()
                .map(|s| {
                    range(&s.name)
                        .or_else(|| s.description.as_deref().and_then(range))
                        .or_else(|| said_of(&s.name))
                })
                .collect(),
        )
    }
}

/// The age of the person the text is about, said surely once: "my daughter is 5", "a 6 yr old",
/// "turning 8"; not "did karate for like 6 yrs" or "it is 5 o'clock".
fn age_of_who(text: &str) -> Option<u32> {
    let w = words(text);
    let mut ages = (0..w.len()).filter_map(|i| {
        let n: u32 = w[i].parse().ok().filter(|n| (1..=110).contains(n))?;
        let next = w.get(i + 1).map(String::as_str);
        let unit_old = matches!(next, Some("year" | "years" | "yr" | "yrs"))
            && w.get(i + 2).is_some_and(|x| x == "old");
        let said = i > 0
            && [
                "shes", "hes", "is", "turning", "turns", "turned", "aged", "age",
            ]
            .contains(&w[i - 1].as_str())
            && next.is_none_or(|x| {
                ![
                    "am", "pm", "oclock", "minute", "minutes", "hour", "hours", "days", "weeks",
                    "months", "dollars", "bucks", "percent", "inches", "feet", "foot", "miles",
                ]
                .contains(&x)
            });
        (unit_old || next == Some("yo") || said).then_some(n)
    });
    let first = ages.next()?;
    ages.all(|a| a == first).then_some(first)
}

fn score_by_words(text: &str, profile: &BusinessProfile) -> Option<ServiceMatch> {
    let text = bounded(text);
    if profile.services.is_empty() {
        return None;
    }
    let mut said_words: Vec<String> = words(text);
    // "Cord looks fine": a thing said to be all right is not what the job is about.
    let fine = |i: usize| {
        let next: Vec<&str> = said_words[i + 1..]
            .iter()
            .take(2)
            .map(String::as_str)
            .collect();
        matches!(
            next.as_slice(),
            [
                "looks" | "seems" | "is" | "works" | "looked" | "seemed" | "was",
                "fine" | "ok" | "okay" | "good"
            ]
        )
    };
    let kept: Vec<String> = (0..said_words.len())
        .filter(|&i| !fine(i))
        .map(|i| said_words[i].clone())
        .collect();
    said_words = kept;
    // "me and my gf, side by side": a couple, in the word a service would use.
    if super::detect::Text::new(text).any(TWO_PEOPLE) {
        said_words.push("couples".to_string());
    }
    // "one lesson only me and teacher": one to one, in the word a service would use.
    if super::detect::Text::new(text).any(&[
        "one on one",
        "1 on 1",
        "only me and",
        "just me and",
        "me and the teacher",
        "me and the instructor",
        "me and the trainer",
        "me and teacher",
        "me and instructor",
    ]) {
        said_words.push("private".to_string());
    }
    // "Out of town for 3 weeks", "a 12 week old lab": a length of time, not a weekly service.
    const SPANS: &[&str] = &["week", "month", "day", "year", "hour", "minut"];
    // "Good morning", "mornings are best": when, not what, unless a service is named by it
    // ("Evening class"); a description's "morning drop-off" does not make it one.
    const WHEN: &[&str] = &["tonight", "today", "tomorrow", "weekend"];
    // (A keyword of several words names it only when said whole: "morning after" does, "some
    // morning this week" does not.)
    let padded = format!(" {} ", said_words.join(" "));
    let named_by = |w: &str| {
        profile.services.iter().any(|s| {
            words(&s.name).iter().any(|x| x == w)
                || s.keywords.iter().any(|k| {
                    let kw = words(k);
                    kw.iter().any(|x| x == w)
                        && (kw.len() == 1 || padded.contains(&format!(" {} ", kw.join(" "))))
                })
        })
    };
    let mut said: Vec<(String, bool)> = said_words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let st = stem(w);
            let span = SPANS.contains(&st.as_str())
                && i > 0
                && said_words[i - 1].chars().all(|c| c.is_ascii_digit());
            let when =
                (WHEN.contains(&w.as_str()) || PARTS_OF_DAY.contains(&w.as_str())) && !named_by(w);
            // "Do yall charge extra to come out": a price asked, not a battery's charge.
            let price_verb = st.starts_with("charg")
                && (i > 0
                    && ["you", "all", "they", "we", "guys", "do", "does"]
                        .contains(&said_words[i - 1].as_str())
                    || said_words.get(i + 1).is_some_and(|n| {
                        ["extra", "more", "for", "anything", "a", "to"].contains(&n.as_str())
                    }));
            let stop = STOP.contains(&w.as_str()) || span || when || price_verb;
            (st, stop)
        })
        .collect();
    // "The oil change place said my front pads are almost gone": what another business is
    // called by is not the job asked for.
    for i in 1..said_words.len() {
        const OTHERS: &[&str] = &["place", "shop", "store", "dealer", "dealership", "guys"];
        const TOLD: &[&str] = &[
            "said",
            "says",
            "told",
            "tells",
            "thinks",
            "thought",
            "quoted",
            "mentioned",
            "recommended",
            "suggested",
        ];
        if OTHERS.contains(&said_words[i].as_str())
            && said_words
                .get(i + 1)
                .is_some_and(|n| TOLD.contains(&n.as_str()))
        {
            for j in (i.saturating_sub(2)..i).rev() {
                if ["the", "a", "an", "my", "our", "that", "your", "you"]
                    .contains(&said_words[j].as_str())
                {
                    break;
                }
                said[j].1 = true;
            }
        }
    }
    // Where a sentence or clause ends after a word ("...pacific panel. insurance says"): the
    // next word is no neighbour of it. (Aligned word for word when the text splits cleanly.)
    let clause_end: Vec<bool> = {
        let mut ends = Vec::new();
        for token in text.split_whitespace() {
            let n = words(token).len();
            let end = token.ends_with(['.', ',', ';', ':', '!', '?']);
            ends.extend((0..n).map(|k| end && k + 1 == n));
        }
        if ends.len() != words(text).len() {
            ends.clear();
        }
        ends.resize(said_words.len(), false);
        ends
    };
    let vocabs = profile.derived(ServiceVocabs::new);
    let vocabs: &[Vocab] = &vocabs.0;
    join_phrasal_verbs(&said_words, &mut said, vocabs);
    // "...keeps sliding every time i change strings": what happens whenever something is done
    // is when the trouble shows, not the job asked for; those words name no service.
    let mut aside_at = vec![false; said.len()];
    let mut aside = false;
    for i in 0..said.len() {
        let w = said_words[i].as_str();
        let opens = w == "whenever"
            || (w == "time"
                && i > 0
                && ["every", "each", "any"].contains(&said_words[i - 1].as_str()));
        // (Not when what is done then is only using the thing: "every time i open my pantry
        // door something falls on my head" is about the pantry.)
        let using = |k: usize| {
            said_words.get(k).is_some_and(|v| {
                [
                    "open", "opens", "use", "uses", "turn", "turns", "walk", "walks", "sit",
                    "sits", "step", "steps", "pull", "pulls", "push", "pushes", "look", "looks",
                    "go", "goes", "reach", "reaches",
                ]
                .contains(&v.as_str())
            })
        };
        if opens && !(using(i + 1) || using(i + 2)) {
            aside = true;
            continue;
        }
        // Short: "every time we get a real soaker theres water coming in" goes on with what
        // happens then.
        if aside
            && (["and", "but", "so", "then", "theres", "there", "its", "it"].contains(&w)
                || aside_at[..i].iter().rev().take_while(|a| **a).count() >= 4)
        {
            aside = false;
        }
        aside_at[i] = aside;
        if clause_end[i] {
            aside = false;
        }
    }
    let n = vocabs.len() as f64;
    // How distinctive each word of the text is: in how many services it appears (once per word).
    // A word in one service's name that others only mention in their descriptions still names
    // that service: name and keyword words are weighed against other names and keywords.
    let idf_of = |df: usize| {
        let idf = (1.0 + n / (df as f64).max(1.0)).ln() / (1.0 + n).ln().max(1e-9);
        idf.max(0.35)
    };
    let idf: std::collections::HashMap<&str, (f64, f64)> = said
        .iter()
        .filter(|(_, stop)| !*stop)
        .map(|(w, _)| {
            let df = |strong_only: bool| {
                vocabs
                    .iter()
                    .filter(|v| {
                        v.terms.iter().any(|t| {
                            (t.strong || !strong_only) && super::normalize::near(&t.stem, w)
                        })
                    })
                    .count()
            };
            (w.as_str(), (idf_of(df(true)), idf_of(df(false))))
        })
        .collect();
    let has = |x: &str| said.iter().any(|(y, _)| super::normalize::near(y, x));
    // The word beside position `at` in the text, when it is a content word.
    // The word right beside position `from`, when it is a content word.
    // Words about when ("my battery yesterday", "the fan again") are no other compound.
    let when_stems: Vec<String> = [
        "yesterday",
        "today",
        "tonight",
        "tomorrow",
        "now",
        "again",
        "too",
        "also",
        "still",
        "lately",
        "recently",
        "anymore",
        "already",
    ]
    .iter()
    .map(|w| stem(w))
    .collect();
    let beside = |from: usize, forward: bool| {
        let i = if forward {
            from + 1
        } else {
            from.checked_sub(1)?
        };
        let across = if forward { from } else { i };
        if clause_end.get(across).copied().unwrap_or(false) {
            return None;
        }
        said.get(i)
            .filter(|(w, stop)| !*stop && !when_stems.contains(w))
            .map(|(w, _)| w.clone())
    };
    let generic = &*GENERIC_STEMS;
    let concepts = super::detect::Text::new(text);
    let problem = concepts.any(PROBLEM);
    let action = Action::of(&concepts);
    let first_visit = concepts.any(FIRST_VISIT);
    let returning = concepts.any(RETURNING);
    // "don't need an inspection", "instead of a repair": the words after are not the request.
    // Each word: said as not wanted, and (a narrower case) ruled out outright.
    // "Don't want the lines freezing", "don't want them to crack": what the caller fears will
    // happen is the reason for the work; no word of it is a part turned down.
    let mut feared = vec![false; said_words.len()];
    for k in 0..said_words.len().saturating_sub(1) {
        if !(said_words[k] == "dont" && said_words[k + 1] == "want") {
            continue;
        }
        let going_wrong = |j: usize| {
            let w = &said_words[j];
            GOING_WRONG.iter().any(|g| w.starts_with(g))
                && (w.ends_with("ing") || j > 0 && said_words[j - 1] == "to")
        };
        let end = (k + 9).min(said_words.len());
        if let Some(j) = (k + 2..end)
            .take_while(|&j| {
                !clause_end
                    .get(j.saturating_sub(1))
                    .copied()
                    .unwrap_or(false)
                    || j == k + 2
            })
            .find(|&j| going_wrong(j))
        {
            feared[k + 2..=j].iter_mut().for_each(|f| *f = true);
        }
    }
    let (negated, refusing): (Vec<bool>, Vec<bool>) = (0..said_words.len())
        .map(|i| {
            let before = format!(" {} ", said_words[i.saturating_sub(4)..i].join(" "));
            // "the siding is fine", "timer works fine": that part needs nothing.
            let next = |k: usize| said_words.get(i + k).map(String::as_str);
            let fine_after = matches!(
                (next(1), next(2)),
                (Some("is" | "are" | "works"), Some("fine" | "ok" | "good"))
            );
            // "No bath or anything", "no cut needed": that thing is not wanted. ("No heat" is
            // the problem, not a refusal.)
            let no_thanks = i >= 1
                && said_words[i - 1] == "no"
                && matches!(
                    (next(1), next(2)),
                    (Some("or"), Some("anything" | "nothing" | "whatever"))
                        | (
                            Some("needed" | "necessary" | "required" | "please" | "thanks"),
                            _
                        )
                );
            // "The tank hooked up to the boiler, not a regular water heater": a kind of the
            // thing told apart from the usual one, not the thing turned down.
            // "Not hanging anything new yet": what is not being done now.
            let not_any =
                i >= 1 && said_words[i - 1] == "not" && matches!(next(1), Some("anything" | "any"));
            let of_a_kind = ["a", "an", "the", "your"].iter().any(|a| {
                [
                    "regular",
                    "normal",
                    "standard",
                    "typical",
                    "ordinary",
                    "usual",
                    "plain",
                    "traditional",
                ]
                .iter()
                .any(|k| before.contains(&format!(" not {a} {k} ")))
            });
            (
                !feared[i]
                    && !of_a_kind
                    && (NEGATORS.iter().any(|n| before.contains(n))
                        || fine_after
                        || no_thanks
                        || not_any),
                !feared[i]
                    && !of_a_kind
                    && (REFUSERS.iter().any(|n| before.contains(n)) || not_any),
            )
        })
        .unzip();
    // Where a service's phrase is said whole ("no water"), its words are that phrase: "no" there
    // negates nothing.
    let phrase_at = |ph: &Vec<String>, i: usize| {
        ph.iter()
            .enumerate()
            .all(|(k, p)| said.get(i + k).is_some_and(|(w, _)| w == p))
    };
    let mut said_phrase: Vec<bool> = vec![false; vocabs.len()];
    let mut negated = negated;
    for (si, v) in vocabs.iter().enumerate() {
        for ph in &v.phrases {
            for i in 0..said.len() {
                if phrase_at(ph, i) {
                    said_phrase[si] = true;
                    // (Unless the phrase itself is turned down: "one time only, not every
                    // month".)
                    let head = format!(" {} ", said_words[i.saturating_sub(4)..i].join(" "));
                    let with_first = format!(" {} ", said_words[i.saturating_sub(4)..=i].join(" "));
                    let turned_down = head.ends_with(" not ")
                        || REFUSERS
                            .iter()
                            .any(|n| head.ends_with(n) || with_first.ends_with(n));
                    for flag in negated.iter_mut().skip(i).take(ph.len()) {
                        *flag = turned_down;
                    }
                }
            }
        }
    }
    // A child named as who it is for, by age ("hes 7", "my 6 yr old") or as "a kids cut".
    let child_named = concepts.young_child()
        || concepts.any(&[
            "kids cut",
            "kid cut",
            "kids haircut",
            "childs cut",
            "for my son",
            "for my daughter",
            "for my kid",
        ])
        || concepts.any(&["my son", "my daughter"])
            && concepts.age_said().is_some_and(|age| age <= 12);
    let adult_asking = concepts.any(&[
        "grown up",
        "grown ups",
        "grownup*",
        "an adult",
        "adults",
        "adult lesson*",
        "for myself",
    ]) || (concepts.any(&["im", "i am"])
        && concepts.age_said().is_some_and(|age| age >= 18)
        && !audience_said(&concepts, AUDIENCES[0].0, AUDIENCES[0].1));
    // ...and at a business for children ("a swim school for kids 6 months to 14"), no service is.
    let about = super::detect::Text::new(&profile.business.about);
    let only_children = about.any(&["for kids", "for children", "for babies", "for toddlers"])
        && !about.any(&[
            "adult*", "family", "families", "all ages", "grown*", "parents",
        ]);
    if adult_asking && only_children && !concepts.any(&["for myself"]) {
        return None;
    }
    let mut scores: Vec<(usize, f64)> = Vec::new();
    let mut hits: Vec<(usize, bool)> = vec![(0, false); vocabs.len()];
    // Chosen by who the caller is (a newcomer, someone already seen), not by one word.
    let mut by_concept: Vec<bool> = vec![false; vocabs.len()];
    let mut matched: Vec<Vec<String>> = vec![Vec::new(); vocabs.len()];
    for (si, v) in vocabs.iter().enumerate() {
        let mut score = 0.0;
        let mut seen: Vec<&str> = Vec::new();
        let mut refused = false;
        let mut owned_named = false;
        for (pos, (w, stop)) in said.iter().enumerate() {
            if *stop || aside_at[pos] || seen.contains(&w.as_str()) {
                continue;
            }
            // "Just the walls, we're keeping the cabinets": a word of this service's own name
            // said as what is not wanted rules it out ("not the lobe"); a word of its
            // description counts against it.
            if negated[pos] {
                // (Not when another word of the name is wanted: "a regular 3 cushion sofa, not a
                // sectional" is the "Sofa and sectional" service.)
                let raw_name = profile.services[si].name.to_lowercase();
                let alternatives = raw_name.contains(" and ")
                    || raw_name.contains(" or ")
                    || raw_name.contains('&')
                    || raw_name.contains('/');
                let other_name_word_wanted = alternatives
                    && said.iter().zip(&negated).any(|((x, stop), neg)| {
                        !*stop
                            && !*neg
                            && x != w
                            && idf.get(x.as_str()).is_some_and(|(strong, _)| *strong > 0.9)
                            && v.name
                                .iter()
                                .any(|t| super::normalize::near(t, x) && !generic.contains(t))
                    });
                let own_name = refusing[pos]
                    && !other_name_word_wanted
                    && v.name.iter().any(|t| {
                        super::normalize::near(t, w)
                            && !generic.contains(t)
                            && idf[w.as_str()].0 > 0.5
                    });
                refused |= own_name;
                let against = v
                    .terms
                    .iter()
                    .filter(|t| t.weight >= 1.0 && super::normalize::near(&t.stem, w))
                    .map(|t| if t.strong { 3.0 } else { 1.5 })
                    .fold(0.0, f64::max);
                if !other_name_word_wanted {
                    score -= against;
                }
                continue;
            }
            let best = v
                .terms
                .iter()
                .filter(|t| super::normalize::near(&t.stem, w))
                .map(|t| {
                    // Another distinctive word beside it: a different compound. A generic
                    // word the service itself uses ("weekly cleaning" for a weekly pool
                    // service that cleans) is no compound.
                    // Nor is a neighbour this service's own description uses ("ear pierced"
                    // for the piercing of "ear cartilage").
                    let own_word = |g: &String| {
                        v.terms
                            .iter()
                            .any(|x| x.stem == *g && (generic.contains(g) || !x.strong))
                    };
                    let broken = |want: &Option<String>, got: Option<String>| {
                        want.as_ref().is_some_and(|nx| {
                            !has(nx)
                                && got.is_some_and(|g| {
                                    !super::normalize::near(&g, nx) && !own_word(&g)
                                })
                        })
                    };
                    if broken(&t.next, beside(pos, true)) || broken(&t.prev, beside(pos, false)) {
                        return 0.0;
                    }
                    if t.mates.as_ref().is_some_and(|m| !m.iter().any(|n| has(n))) {
                        return 0.0;
                    }
                    let (strong, all) = idf[w.as_str()];
                    // A name or keyword word names the service, unless it is a generic trade word.
                    if t.strong && t.weight >= 1.0 {
                        hits[si].1 = true;
                    }
                    t.weight * if t.strong { strong } else { all }
                })
                .fold(0.0, f64::max);
            if best > 0.0 {
                seen.push(w);
                score += best;
                // "My mandolin bridge keeps sliding": the caller's own thing, named by this
                // service's name alone, says which job it is more than the story's other words
                // (not a place: "the charger in our garage").
                let owned = pos > 0
                    && ["my", "our", "his", "her", "their"].contains(&said_words[pos - 1].as_str())
                    && !(pos > 1 && PLACE_PREPOSITIONS.contains(&said_words[pos - 2].as_str()));
                if owned
                    && !owned_named
                    && !generic.contains(w)
                    && idf[w.as_str()].0 > 0.9
                    && v.name.iter().any(|t| super::normalize::near(t, w))
                {
                    owned_named = true;
                    score += 2.0;
                }
                // Generic trade words ("clean" for a cleaner) weigh little and count as no hit.
                if best >= 1.0 {
                    hits[si].0 += 1;
                    matched[si].push(w.clone());
                }
            }
        }
        if score > 0.0 {
            // Naming the service outright beats describing it (a word said as not wanted,
            // "not the lobe", names nothing).
            let wanted = |t: &String| {
                said.iter()
                    .zip(&negated)
                    .zip(&aside_at)
                    .any(|(((x, _), neg), aside)| !neg && !aside && super::normalize::near(x, t))
            };
            let all_named = !v.name.is_empty() && v.name.iter().all(wanted);
            // ...and so does saying one of its keywords whole ("outside windows").
            let keyword_said = v
                .keywords
                .iter()
                .any(|k| k.len() >= 2 && k.iter().all(wanted));
            // A name of several words said whole ("is face painting available") names it more
            // than the package whose description lists it.
            let name_whole = v.name.len() >= 2
                && (0..said.len().saturating_sub(v.name.len() - 1)).any(|i| {
                    v.name
                        .iter()
                        .enumerate()
                        .all(|(k, n)| super::normalize::near(&said[i + k].0, n))
                });
            if all_named && name_whole {
                score += 2.5;
            } else if all_named || keyword_said {
                score += 1.0;
            }
            if said_phrase[si] {
                score += 3.0;
                hits[si].1 = true;
            }
            // "An eye exam for myself" is not the children's exam; "for my son" is, and so is
            // one of the service's own keywords.
            if let Some((named, said_as)) = v.audience {
                let own_keyword = v.keywords.iter().any(|k| {
                    !k.is_empty()
                        && k.iter()
                            .all(|t| said.iter().any(|(x, _)| super::normalize::near(x, t)))
                });
                score += if audience_said(&concepts, named, said_as) || own_keyword {
                    1.0
                } else {
                    -1.5
                };
            }
            if problem && v.repair {
                score += 1.0;
            }
        }
        // Newcomers start with the newcomer service, whatever else their story matches; a
        // caller who has been before does not.
        if first_visit && v.first_visit {
            score += 3.0;
            by_concept[si] = true;
        }
        if returning && !first_visit && v.first_visit {
            score -= 2.0;
        }
        // ...and is the one the follow-up visit is for ("Dr. Whitfield wants me back").
        if returning && !first_visit && v.follow_up {
            score += 2.0;
            by_concept[si] = true;
        }

        // "Lessons for grown ups? im 34": a service for children is not theirs, whatever words
        // it shares.
        let for_children = v.audience.is_some_and(|(named, _)| named.contains(&"kids"));
        if for_children && adult_asking {
            continue;
        }
        // ...and "a kids cut? my son is 7" is not the women's or the men's haircut.
        // (Unless the grown-ups' word is said: "a mens cut at 9 after i drop the kids off".)
        let grown_up_said = v.name.iter().any(|n| {
            ["women", "men", "adult"].contains(&n.as_str())
                && said.iter().any(|(x, stop)| !*stop && x == n)
        });
        if v.for_grown_ups && child_named && !grown_up_said {
            continue;
        }
        // "Want the blown in kind added up there" is not a removal service, whatever thing
        // the two share.
        if opposite_action(v, &action) {
            continue;
        }
        if score > 0.0 && !refused {
            scores.push((si, score));
        }
    }
    // One description word that names what the whole business does ("house" for a house
    // cleaning company, in "an empty house" of its move-out service) does not pick a service:
    // the caller is asked which.
    // (Stemmed only when a single-word match needs it, not on every call.)
    let domain = std::cell::OnceCell::new();
    // Nor does one word of the business's own name that several services share ("pool" at a
    // pool company, in "mesh fences around the pool"): it says which business, not which job.
    let business_name: Vec<String> = content_words(&profile.business.name);
    let shared_name_word = |m: &String| {
        business_name.iter().any(|b| super::normalize::near(b, m))
            && vocabs
                .iter()
                .filter(|v| {
                    v.terms
                        .iter()
                        .any(|t| t.strong && super::normalize::near(&t.stem, m))
                })
                .count()
                >= 2
    };
    scores.retain(|(si, _)| {
        by_concept[*si] || !(matched[*si].len() == 1 && shared_name_word(&matched[*si][0]))
    });
    scores.retain(|(si, _)| {
        hits[*si].1
            || hits[*si].0 >= 2
            || !matched[*si].iter().any(|m| {
                domain
                    .get_or_init(|| {
                        words(&format!(
                            "{} {}",
                            profile.business.name, profile.business.about
                        ))
                        .iter()
                        .map(|w| stem(w))
                        .collect::<Vec<String>>()
                    })
                    .iter()
                    .any(|d| super::normalize::near(d, m))
            })
    });
    // "He's like 60 lbs": of services by weight ("dogs up to 25 lb", "over 25 lb"), the one
    // whose range holds the animal's weight; so by size ("my ariens 28 inch" between "18-22
    // inch" and "24 inch and up").
    for units in SIZE_UNITS {
        let Some(size) = size_said(text, units) else {
            continue;
        };
        for (si, s) in scores.iter_mut() {
            let sv = &profile.services[*si];
            let about = format!(
                "{} {} {}",
                sv.name,
                sv.price.as_deref().unwrap_or(""),
                sv.description.as_deref().unwrap_or("")
            );
            if let Some((lo, hi)) = size_range(&about, units) {
                if size >= lo && size <= hi {
                    *s += 1.5;
                } else {
                    *s -= 3.0;
                }
            }
        }
    }
    // Something broken wants a look first: when a repair service fits, a new install does not
    // (unless a new one is asked for).
    let wants_new = concepts.any(&["install*", "new", "replac*", "put in", "put up", "swap"]);
    if problem
        && !wants_new
        && scores
            .iter()
            .any(|(si, s)| vocabs[*si].repair && *s >= SERVICE_THRESHOLD)
    {
        scores.retain(|(si, _)| !vocabs[*si].install_only);
    }
    scores.sort_by(|a, b| b.1.total_cmp(&a.1));
    let &(best, score) = scores.first()?;
    if score < SERVICE_THRESHOLD {
        return None;
    }
    let mut best = best;
    // "A regular cut for my son, hes 6": a service for the caller's person (a kids' cut, a
    // puppy visit) that fits at all beats one for anyone.
    let for_the_person = |v: &Vocab| {
        v.audience
            .is_some_and(|(named, said_as)| audience_said(&concepts, named, said_as))
    };
    // (Not one the story barely touches: "my 2 yr old climbs the dresser... want the dresser,
    // the bookshelf and the tv stand bolted to the wall" at a childproofer is the anchoring,
    // not the whole-home package whose name says "child".)
    let for_person = scores
        .iter()
        .find(|(si, s)| {
            *s >= SERVICE_THRESHOLD && *s >= score * 0.3 && for_the_person(&vocabs[*si])
        })
        .map(|&(si, _)| si)
        .filter(|_| vocabs[best].audience.is_none())
        // ("My husband and I... the kids are throwing a party... just the two of us": the
        // couple is who it is for, whoever else the story names.)
        .filter(|_| {
            !super::detect::Text::new(text).any(&[
                "my husband and i",
                "my wife and i",
                "my partner and i",
                "my fiance and i",
                "two of us",
                "the 2 of us",
            ])
        });
    let mut runner_up = scores
        .get(1)
        .filter(|(_, s)| *s >= SERVICE_THRESHOLD && *s >= score * TIE_SHARE)
        .map(|(i, _)| *i);
    if let Some(p) = for_person {
        best = p;
        runner_up = None;
    }
    // Something broken and nothing new asked for: of two jobs on the same thing ("Charger
    // troubleshooting and repair", "Detached garage charger circuit"), the repair, whatever
    // other word of the story ("in our garage") the other one's name shares.
    if problem && !wants_new && !vocabs[best].repair {
        let name_words = |i: usize| content_words(&profile.services[i].name);
        let siblings = |i: usize| name_words(i).iter().any(|w| name_words(best).contains(w));
        // (Not one the text barely names beside it: "my watch died, needs a battery" is the
        // battery, not the band repair that shares "watch".)
        if let Some(&(r, _)) = scores.iter().find(|(si, s)| {
            vocabs[*si].repair && *s >= SERVICE_THRESHOLD && *s >= score * 0.5 && siblings(*si)
        }) {
            best = r;
            runner_up = None;
        }
    }
    // "Come out, look and give us a price" for a new install: the estimate visit comes first,
    // when the business lists one and the text fits it at all.
    let price_first = concepts.any(&[
        "give us a price",
        "give me a price",
        "get a price",
        "a quote",
        "get a quote",
        "an estimate",
        "free estimate",
        "come look",
        "come out and look",
        "come take a look",
        "take a look",
        "price it out",
        // ("Need somebody to test it and tell us what we actually need.")
        "what we need",
        "what we actually need",
        "what i need",
        "what i actually need",
        "tell us what",
        "tell me what",
    ]);
    // So does a job whose own price is set at an estimate ("from $2,800, quoted after a free
    // estimate") when the caller asks for a quote.
    let quoted_at_estimate = |i: usize| {
        super::detect::Text::new(profile.services[i].price.as_deref().unwrap_or("")).any(&[
            "estimate*",
            "quote*",
            "quoted",
        ])
    };
    let assessment = |i: usize| is_assessment(profile, i);
    // ...and so does any job when the look and the price are both asked for ("can someone
    // come look and tell us what it would cost").
    let price_said = has_any(
        text,
        &[
            "how much", "cost", "costs", "price", "quote", "estimate", "ballpark",
        ],
    );
    if price_first && (vocabs[best].install_only || quoted_at_estimate(best) || price_said) {
        let scored = scores
            .iter()
            .find(|(si, s)| *s > 0.0 && assessment(*si))
            .map(|&(a, _)| a);
        // (With the price asked outright, the business's one estimate visit, whatever words
        // it shares with the story.)
        let only_one = || {
            let all: Vec<usize> = (0..profile.services.len())
                .filter(|&i| assessment(i))
                .collect();
            (all.len() == 1).then(|| all[0])
        };
        if let Some(a) = scored.or_else(|| price_said.then(only_one).flatten()) {
            best = a;
            runner_up = None;
        }
    }
    // A near-tie the text already settles is no tie: "2 stories" between the one- and the
    // two-story wash, "about 1800 sq ft" between "under 2,000" and "2,000 to 3,500".
    if let Some(r) = runner_up {
        let (a, b) = (&profile.services[best].name, &profile.services[r].name);
        // "For my son, hes 7": of a kids' service and one for anyone, the caller's person decides.
        let by_person =
            (for_the_person(&vocabs[best]) && vocabs[r].audience.is_none()).then_some(0);
        // "Quit charging, blinks red... in the garage": something broken and nothing new
        // asked for is the repair, not the other job a word of the story names.
        let by_problem = (problem && !wants_new && vocabs[best].repair != vocabs[r].repair)
            .then(|| if vocabs[best].repair { 0 } else { 1 });
        // "How much to get it white": the price of the job named, not the estimate visit
        // whose keywords say "how much" (unless a quote or a look is asked for).
        let by_price_only = |i: usize| {
            assessment(i)
                && matched[i]
                    .iter()
                    .all(|m| PRICE_WORDS.iter().any(|p| m.starts_with(p)))
        };
        let price_of_job = !price_first
            && has_any(text, &["how much", "price", "cost", "costs", "charge"])
            && by_price_only(best) != by_price_only(r)
            && assessment(best) != assessment(r);
        let by_price = price_of_job.then(|| if by_price_only(best) { 1 } else { 0 });
        let pick = by_person
            .or(by_problem)
            .or(by_price)
            .or_else(|| settled_by_words(text, a, b))
            .or_else(|| settled_by_number(text, a, b))
            .or_else(|| settled_by_request(text, profile, best, r));
        if let Some(pick) = pick {
            if pick == 1 {
                best = r;
            }
            runner_up = None;
        }
    }
    let mut content: Vec<&str> = said
        .iter()
        .filter(|(w, stop)| !*stop && !PRICE_WORDS.contains(&w.as_str()))
        .map(|(w, _)| w.as_str())
        .collect();
    content.sort_unstable();
    content.dedup();
    Some(ServiceMatch {
        best,
        score,
        runner_up,
        named: hits[best].1,
        coverage: hits[best].0 as f64 / content.len().max(1) as f64,
        hits: hits[best].0,
    })
}

const WEIGHT_UNITS: &[&str] = &["lb", "lbs", "pound", "pounds"];
/// Units a caller sizes a thing in, one kind per group ("in" alone is too common a word).
const SIZE_UNITS: &[&[&str]] = &[
    WEIGHT_UNITS,
    &["inch", "inches"],
    &["gallon", "gallons", "gal"],
    &["ton", "tons"],
];

/// A size the caller gives in one of these units: "he's like 60 lbs", "a 9 lb persian",
/// "80lbs", "my 28 inch ariens".
fn size_said(text: &str, units: &[&str]) -> Option<f64> {
    let ws = words(text);
    ws.iter().enumerate().find_map(|(i, w)| {
        if let Some(n) = units
            .iter()
            .find_map(|u| w.strip_suffix(u).filter(|n| !n.is_empty()))
        {
            return n.parse().ok();
        }
        (units.contains(&w.as_str()) && i > 0)
            .then(|| ws[i - 1].parse().ok())
            .flatten()
    })
}

/// The sizes a service is for, from its own words: "up to 25 lb", "over 25 lb", "26-60 lbs",
/// "24 inch and up".
fn size_range(text: &str, units: &[&str]) -> Option<(f64, f64)> {
    let ws = words(text);
    let num = |i: usize| ws.get(i).and_then(|w| w.parse::<f64>().ok());
    for (i, w) in ws.iter().enumerate() {
        if !units.contains(&w.as_str()) || i == 0 {
            continue;
        }
        let Some(n) = num(i - 1) else { continue };
        let before = |k: usize| {
            i.checked_sub(k)
                .and_then(|j| ws.get(j))
                .map(String::as_str)
                .unwrap_or("")
        };
        match (before(3), before(2)) {
            (_, "under" | "below") | ("up" | "less" | "fewer", "to" | "than") => {
                return Some((0.0, n))
            }
            (_, "over" | "above") | ("more", "than") => return Some((n, f64::INFINITY)),
            (_, "to") => {
                if let Some(lo) = i.checked_sub(3).and_then(num) {
                    return Some((lo, n));
                }
            }
            _ => {}
        }
        // "26 60 lbs" (a range with a dash).
        if let Some(lo) = i.checked_sub(2).and_then(num).filter(|lo| *lo < n) {
            return Some((lo, n));
        }
        // "25 lb and up".
        if ws.get(i + 1).is_some_and(|x| x == "and") && ws.get(i + 2).is_some_and(|x| x == "up") {
            return Some((n, f64::INFINITY));
        }
    }
    None
}

/// Which of two sibling services the text names by the words only one of the names has
/// ("two" in "House wash - two story" against "- one story"): 0 or 1, when the text says one's
/// and not the other's.
/// Did the caller say they are (or speak for) this audience? A child also by age ("my 7 yo"), but
/// "yo" alone is a greeting.
fn audience_said(concepts: &super::detect::Text, named: &[&str], said_as: &[&str]) -> bool {
    concepts.any(named)
        || concepts.any(said_as)
        || (said_as.contains(&"son") && concepts.young_child())
}

/// The part of a text that asks for something: the sentence with the request ("can someone come
/// meet them?"), with the sentence before it when the request only points back at it ("they said
/// to shock the well. can u guys do that?"). `None` when that is the whole text.
fn request_part(text: &str) -> Option<String> {
    let sentences: Vec<&str> = text
        .split_inclusive(['.', '?', '!', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if sentences.len() < 2 {
        return None;
    }
    let asks = |p: &str| {
        let t = super::detect::Text::new(p);
        p.ends_with('?')
            || t.any(&[
                "can you",
                "could you",
                "can someone",
                "could someone",
                "can somebody",
                "do you",
                "i need",
                "we need",
                "looking for",
                "want to book",
            ])
    };
    let i = sentences.iter().position(|p| asks(p))?;
    let points_back = {
        let t = super::detect::Text::new(sentences[i]);
        t.any(&[
            "do that",
            "do this",
            "do it",
            "handle that",
            "help with that",
        ]) && content_words(sentences[i]).len() <= 3
    };
    let part = if points_back && i > 0 {
        format!("{} {}", sentences[i - 1], sentences[i])
    } else {
        sentences[i].to_string()
    };
    (part.len() < text.trim().len()).then_some(part)
}

/// Of two nearly tied services, the one the request itself names (0 for `a`, 1 for `b`).
fn settled_by_request(text: &str, profile: &BusinessProfile, a: usize, b: usize) -> Option<usize> {
    let part = request_part(text)?;
    // The request names one of the two and nothing of the other.
    let names = |i: usize| {
        let mut only = profile.clone();
        only.services = vec![profile.services[i].clone()];
        score_services(&part, &only).is_some()
    };
    match (names(a), names(b)) {
        (true, false) => Some(0),
        (false, true) => Some(1),
        _ => None,
    }
}

fn settled_by_words(text: &str, a: &str, b: &str) -> Option<usize> {
    // Siblings only: names that share a word ("Light fixture install" and "Electrical
    // troubleshooting" are different jobs, asked about when unclear).
    let (wa, wb) = (content_words(a), content_words(b));
    if !wa.iter().any(|w| wb.contains(w)) {
        return None;
    }
    // "Inside and out" asks for both halves, so neither half's word decides.
    let both = super::detect::Text::new(text).any(&["inside and out*", "in and out"]);
    let said: Vec<String> = words(text)
        .iter()
        .map(|w| stem(w))
        .filter(|w| !(both && [stem("inside"), stem("outside")].contains(w)))
        .collect();
    let own = |x: &str, y: &str| -> Vec<String> {
        let other: Vec<String> = words(y).iter().map(|w| stem(w)).collect();
        words(x)
            .iter()
            .map(|w| stem(w))
            .filter(|w| !other.contains(w) && !STOP.contains(&w.as_str()))
            .collect()
    };
    let says = |ws: Vec<String>| {
        ws.iter()
            .any(|w| said.iter().any(|x| super::normalize::near(x, w)))
    };
    match (says(own(a, b)), says(own(b, a))) {
        (true, false) => Some(0),
        (false, true) => Some(1),
        _ => None,
    }
}

/// The numbers of a text, commas dropped ("2,600" is 2600).
fn numbers(text: &str) -> Vec<u64> {
    text.split(|c: char| !(c.is_ascii_digit() || c == ','))
        .map(|t| t.trim_matches(',').replace(',', ""))
        .filter_map(|t| t.parse::<u64>().ok())
        .collect()
}

/// The range of sizes a service's name covers: "under 2,000 sq ft", "2,000 to 3,500 sq ft",
/// "over 3,500", "3,500+".
fn name_range(name: &str) -> Option<(u64, u64)> {
    let lower = name.to_lowercase();
    let ns = numbers(&lower);
    match ns.as_slice() {
        [n] if ["under", "less than", "up to", "below", "max"]
            .iter()
            .any(|w| lower.contains(w)) =>
        {
            Some((0, n.saturating_sub(1)))
        }
        [n] if ["over", "more than", "above", "+", "and up"]
            .iter()
            .any(|w| lower.contains(w)) =>
        {
            Some((*n, u64::MAX))
        }
        [lo, hi] if lo < hi => Some((*lo, *hi)),
        // "Sports massage 90 min": that length exactly.
        [n] if ["min", "minute", "hour", "hr"]
            .iter()
            .any(|w| lower.contains(w)) =>
        {
            Some((*n, *n))
        }
        _ => None,
    }
}

/// Which of two services sized by range the caller's number falls in ("about 1800 sq ft").
fn settled_by_number(text: &str, a: &str, b: &str) -> Option<usize> {
    let (ra, rb) = (name_range(a)?, name_range(b)?);
    let fits = |n: u64, (lo, hi): (u64, u64)| n >= lo && n <= hi;
    let decide = |n: u64| match (fits(n, ra), fits(n, rb)) {
        (true, false) => Some(0),
        (false, true) => Some(1),
        _ => None,
    };
    // A length said with its unit decides first ("after 60 mile weeks... the long 90 min one").
    let ws = words(text);
    let timed = ws.windows(2).filter_map(|p| {
        let unit = [
            "min", "mins", "minute", "minutes", "hour", "hours", "hr", "hrs",
        ];
        unit.contains(&p[1].as_str())
            .then(|| p[0].parse::<u64>().ok())
            .flatten()
    });
    timed.filter(|n| *n >= 10).find_map(decide).or_else(|| {
        numbers(text)
            .into_iter()
            .filter(|n| *n >= 10)
            .find_map(decide)
    })
}

/// Stems of the words that ask for a price, not for a service.
const PRICE_WORDS: &[&str] = &[
    "much", "price", "pric", "cost", "rate", "fee", "quot", "charg", "estim",
];

/// "locked myself out" is a lockout and "check her up" a checkup, when a service says so: a verb
/// followed (at most one pronoun apart) by its particle becomes the closed compound, in place.
fn join_phrasal_verbs(said_words: &[String], said: &mut [(String, bool)], vocabs: &[Vocab]) {
    const PARTICLES: &[&str] = &["out", "up", "down", "off", "over", "in"];
    const BETWEEN: &[&str] = &[
        "myself",
        "me",
        "us",
        "ourselves",
        "it",
        "him",
        "her",
        "them",
        "himself",
        "herself",
        "themselves",
    ];
    for i in 0..said_words.len() {
        if said[i].1 {
            continue;
        }
        let particle = said_words[i + 1..]
            .iter()
            .take(2)
            .enumerate()
            .find(|(k, w)| {
                PARTICLES.contains(&w.as_str())
                    && (*k == 0 || BETWEEN.contains(&said_words[i + 1].as_str()))
            })
            .map(|(_, w)| w.as_str());
        let Some(p) = particle else { continue };
        let joined = stem(&format!("{}{p}", said[i].0));
        let known = vocabs
            .iter()
            .any(|v| v.terms.iter().any(|t| t.stem == joined));
        if known {
            said[i].0 = joined;
        }
    }
}

/// The service of the profile the text names, when one clearly does.
/// Does the text use a distinctive word of the service's name ("windshield" for "Windshield
/// replacement"; not "replacement", which many services share)?
pub fn names_service(text: &str, profile: &BusinessProfile, index: usize) -> bool {
    let said: Vec<String> = words(bounded(text)).iter().map(|w| stem(w)).collect();
    words(&profile.services[index].name)
        .iter()
        .filter(|w| w.len() >= 4 && !GENERIC.contains(&w.as_str()) && !STOP.contains(&w.as_str()))
        .map(|w| stem(w))
        .any(|w| said.iter().any(|s| super::normalize::near(s, &w)))
}

pub fn match_service(text: &str, profile: &BusinessProfile) -> Option<usize> {
    score_services(text, profile).map(|m| m.best)
}

const STOP: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "is",
    "are",
    "do",
    "does",
    "you",
    "your",
    "i",
    "me",
    "my",
    "we",
    "it",
    "be",
    "can",
    "could",
    "will",
    "would",
    "what",
    "how",
    "when",
    "where",
    "who",
    "which",
    "have",
    "has",
    "with",
    "this",
    "that",
    "there",
    "any",
    "some",
    "about",
    "if",
    "im",
    "just",
    "need",
    "want",
    "get",
    "please",
    "hi",
    "hello",
    "hey",
    "thanks",
    "thank",
    "so",
    "also",
    "yes",
    "no",
    "ok",
    "u",
    "ur",
    "y",
    "all",
    "our",
    "off",
    "out",
    "up",
    "not",
    "too",
    "done",
    "guys",
    "from",
    "by",
    "as",
    "into",
    "them",
    "they",
    "their",
    "us",
    "was",
    "were",
    "been",
    "am",
    "did",
    "done",
    "got",
    "go",
    "going",
    "like",
    "really",
    "very",
    "one",
    "ones",
    "thing",
    "things",
    "stuff",
    "lol",
    "idk",
    "tho",
    "though",
    "right",
    "now",
    "here",
    "know",
    "think",
    "maybe",
    "probably",
    "kind",
    "sort",
    "lot",
    "bit",
    "little",
    "much",
    "more",
    "most",
    "other",
    "same",
    "every",
    "each",
    "when",
    "then",
    "than",
    "ours",
    "mine",
    "yours",
    "his",
    "her",
    "him",
    "she",
    "he",
    "its",
    // Coming to a visit says when, not what ("can we come in sat").
    "come",
    "coming",
    "bring",
    // Texting filler: it says how, not what ("how often r u supposed to tune these anyway").
    "these",
    "those",
    "supposed",
    "should",
    "must",
    "anyway",
    "anyways",
    "honestly",
    "till",
    "til",
    "until",
    "tbh",
    "basically",
    "actually",
    "literally",
    "gonna",
    "wanna",
    "gotta",
    "ever",
    "even",
    "omg",
];

pub fn content_words(text: &str) -> Vec<String> {
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
    // ("im 16 can i get my nose pierced there or nah": the choice left open at the end asks.)
    if open_choice_at_end(&w) {
        return true;
    }
    // An agreement is no question, though it opens like one: "ya thats good" ("ya" reads as
    // "you"), "ok do that one. its Beth" (a pick told, not asked).
    let raw_first = text
        .split(|c: char| !c.is_alphanumeric())
        .find(|x| !x.is_empty())
        .map(str::to_lowercase);
    let told_pick = w
        .iter()
        .position(|x| x == "do")
        .filter(|&i| {
            w[..i]
                .iter()
                .all(|x| ["ok", "okay", "k", "yes", "yeah", "lets"].contains(&x.as_str()))
        })
        .is_some_and(|i| {
            w.get(i + 1)
                .is_some_and(|n| ["that", "this", "the"].contains(&n.as_str()))
                && w.get(i + 2).is_some_and(|n| {
                    [
                        "one", "1st", "2nd", "3rd", "first", "second", "third", "last", "time",
                    ]
                    .contains(&n.as_str())
                })
        });
    if (raw_first.as_deref() == Some("ya") || told_pick) && is_yes(text) {
        return false;
    }
    // "If u replace the vent things and it starts again is that covered or do i pay again": a
    // condition, then the question.
    if w.first().is_some_and(|f| f == "if")
        && has_any(
            text,
            &[
                "is that",
                "is it",
                "do i",
                "does it",
                "does that",
                "will it",
                "will that",
                "would it",
                "would that",
                "can i",
                "do you",
                "am i",
            ],
        )
    {
        return true;
    }
    // ("ok and does medicare pay for any of this": the question after the fillers.)
    const FILLERS: &[&str] = &[
        "ok", "and", "so", "but", "also", "oh", "k", "alright", "well", "um", "hey", "hi", "hello",
        "ah", "quick", "question",
    ];
    // "Any weekday is fine", "any time works": a statement that starts like "any openings".
    let any_is_fine = |f: &String| {
        f == "any"
            && has_any(
                text,
                &[
                    "is fine",
                    "are fine",
                    "is good",
                    "is ok",
                    "is okay",
                    "is perfect",
                    "works",
                    "would work",
                    "is great",
                ],
            )
    };
    w.iter()
        .find(|x| !FILLERS.contains(&x.as_str()))
        .is_some_and(|f| Q.contains(&f.as_str()) && !any_is_fine(f))
        || asks_in_a_clause(text)
        || has_any(
            text,
            &[
                "do you",
                "can you",
                "are you",
                "you guys",
                "you all",
                "wondering",
                "how much",
                "how late",
                "how early",
                "how long",
                "what time",
                "what is",
                "is there",
                "do i need",
                "do i have to",
                "do i got to",
                "do we got to",
                "do we have to",
                "do we need",
                "should i",
                "should we",
                "need to know",
                "let me know",
                "any idea",
                "you take",
                "you accept",
                "you open",
                "do i still",
                "do i owe",
                "will i owe",
                "would i owe",
                "is that gonna",
                "is that going to",
                "is it gonna",
                "is it going to",
                "will that cost",
                "does that cost",
                "will it cost",
                "would it cost",
            ],
        )
}

/// A question opening a later clause, without a "?" ("weird q, it started by itself. is it
/// possessed or is that normal lol"): a question word, or a verb asking about "that", "it",
/// "we"...
fn asks_in_a_clause(text: &str) -> bool {
    const OPENERS: &[&str] = &["why", "how", "what", "whats", "which", "where", "when"];
    const VERBS: &[&str] = &[
        "is", "are", "does", "do", "should", "can", "could", "would", "will",
    ];
    const ABOUT: &[&str] = &[
        "that", "this", "it", "there", "i", "we", "you", "u", "yall", "they", "thats", "your",
        "ur", "he", "she", "someone", "somebody", "anyone", "those", "these", "my", "our",
    ];
    text.split([',', '.', '!', ';', '\n'])
        .skip(1)
        .map(words)
        .any(|w| match (w.first(), w.get(1)) {
            (Some(a), Some(_)) if OPENERS.contains(&a.as_str()) => true,
            (Some(a), Some(b)) => VERBS.contains(&a.as_str()) && ABOUT.contains(&b.as_str()),
            _ => false,
        })
}

const Q: &[&str] = &[
    "do", "does", "did", "can", "could", "will", "would", "is", "are", "what", "whats", "when",
    "where", "how", "why", "who", "which", "should", "you", "any", "anyone",
];

/// "Do you do X?", "can u hang Y": the caller asks whether something is offered.
pub fn asks_if_offered(text: &str) -> bool {
    named_doer(&words(text)).is_some()
        || asks_your_people(text)
        || super::detect::Text::new(text).any(&[
            "do you",
            "do you all",
            "does your",
            "can you do",
            "you guys do",
            "you do",
            "you offer",
            "you all do",
            "do they",
            "can you",
            "could you",
            "are you able",
            "does anyone",
            "does anybody",
            "does someone",
            "does somebody",
            // "Do any of your trainers do sessions over zoom?"
            "any of your",
            "any of you",
        ])
        || asks_without_do(text)
}

/// "yall install hitches?", "u guys fix openers?": "do you ...?" with the "do" left out, at the
/// start of the text.
/// (Also a later sentence asked so: "need 2 porta johns at a job site. yall handle those
/// right?")
pub fn asks_without_do(text: &str) -> bool {
    text.split_inclusive(['.', '!', '?', '\n'])
        .filter(|clause| clause.contains('?'))
        .any(|clause| {
            let w = words(clause);
            let at = match w.first().map(String::as_str) {
                Some("you" | "u" | "yall") => match w.get(1).map(String::as_str) {
                    Some("all" | "guys") => 2,
                    _ => 1,
                },
                _ => return false,
            };
            w.get(at).is_some_and(|v| {
                [
                    "install", "fix", "repair", "put", "work", "sell", "carry", "service", "clean",
                    "handle", "rent", "offer", "deliver",
                ]
                .contains(&v.as_str())
            })
        })
}

/// "Do ur nurses do the weight loss shots too?": the business's people asked about, in the place
/// of "you" (not "do your prices include tax").
fn asks_your_people(text: &str) -> bool {
    let ws = words(text);
    ws.windows(4).any(|w| {
        w[0] == "do"
            && w[1] == "your"
            && [
                "nurses",
                "techs",
                "technicians",
                "guys",
                "people",
                "staff",
                "plumbers",
                "electricians",
                "instructors",
                "groomers",
                "stylists",
                "drivers",
                "crews",
                "crew",
                "team",
                "cleaners",
                "movers",
                "trainers",
                "therapists",
                "doctors",
                "vets",
                "mechanics",
                "installers",
            ]
            .contains(&w[2].as_str())
            && [
                "do", "offer", "give", "carry", "handle", "work", "fix", "install", "sell",
            ]
            .contains(&w[3].as_str())
    })
}

/// "Does maria do waxing?": the owner or one of the staff, asked by name, in the place of
/// "you"; the name's position.
fn named_doer(ws: &[String]) -> Option<usize> {
    const NOT_A_DOER: &[&str] = &[
        "it",
        "that",
        "this",
        "the",
        "a",
        "an",
        "insurance",
        "one",
        "everything",
        "anything",
        "something",
        "what",
        "which",
        "your",
        "my",
        "our",
        "price",
        "cost",
        "visit",
    ];
    // ("Can the sitter also give Mabel a bath": one of the staff, asked by what they are.)
    use super::detect::STAFF;
    let staff = (1..ws.len().saturating_sub(1)).find(|&i| {
        ["can", "could", "will", "would", "does"].contains(&ws[i - 1].as_str())
            || ws[i - 1] == "the"
                && i >= 2
                && ["can", "could", "will", "would", "does"].contains(&ws[i - 2].as_str())
    });
    if let Some(i) = staff {
        let at = if ws[i] == "the" { i + 1 } else { i };
        if ws.get(at).is_some_and(|w| STAFF.contains(&w.as_str())) {
            return Some(at);
        }
    }
    (0..ws.len().saturating_sub(2)).find_map(|i| {
        (ws[i] == "does"
            && ["do", "offer", "work"].contains(&ws[i + 2].as_str())
            && !NOT_A_DOER.contains(&ws[i + 1].as_str())
            && ws[i + 1].len() >= 2
            && ws[i + 1].chars().all(|c| c.is_alphabetic()))
        .then_some(i + 1)
    })
}

/// The clause that asks whether the business does a thing: the one asked as a question when
/// there are several ("saw yall do the tesla wall connectors.. do you also install the powerwall
/// batteries?": the story names what we do, the question what is asked).
fn offer_clause(text: &str) -> Option<&str> {
    let mut clauses: Vec<(&str, bool)> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if ['?', '.', '!', ',', '\n'].contains(&c) {
            clauses.push((&text[start..i], c == '?'));
            start = i + c.len_utf8();
        }
    }
    clauses.push((&text[start..], false));
    let offered = || clauses.iter().filter(|(c, _)| asks_if_offered(c));
    // Asked by its mark, else by its form ("do you also...", not "saw you guys do...").
    let opens_as_question = |c: &str| {
        words(c).first().is_some_and(|w| {
            [
                "do", "does", "can", "could", "would", "will", "are", "r", "is", "did", "dont",
                "doesnt",
            ]
            .contains(&w.as_str())
        })
    };
    offered()
        .find(|(_, asked)| *asked)
        .or_else(|| offered().find(|(c, _)| opens_as_question(c)))
        .or_else(|| offered().next())
        .map(|(c, _)| *c)
}

/// "How much to engrave a wedding band?": the price of a job on a thing the profile does not
/// name (whatever word it shares with a service, "band" of "Watch band sizing").
pub fn asks_price_of_unknown(text: &str, profile: &BusinessProfile) -> bool {
    // (A word the profile never uses in front of a known thing names another thing, as when
    // we are asked to do it: "how much to install a lift kit" at a shop that installs light
    // kits.)
    price_clause(bounded(text)).is_some() && unknown_asked(text, profile, true, true, true)
}

/// The clause asking a price for a job ("how much to engrave a wedding band?").
fn price_clause(text: &str) -> Option<&str> {
    text.split(['?', '.', '!', ',', '\n'])
        .find(|c| price_to_at(&words(c)).is_some())
}

/// Where "to" follows "how much", "cost", "price" or "charge" ("how much to ...", "how much
/// would it be to swap out ..."), or "for" does ("how much do you guys charge for laser
/// removal").
fn price_to_at(ws: &[String]) -> Option<usize> {
    (1..ws.len()).find(|&k| {
        ["to", "for"].contains(&ws[k].as_str())
            && (1..=5).any(|back| {
                k >= back
                    && ["much", "cost", "price", "charge"].contains(&ws[k - back].as_str())
                    && ws[k - back + 1..k].iter().all(|w| {
                        [
                            "would", "will", "it", "be", "cost", "run", "does", "is", "do", "you",
                            "guys", "yall", "u", "all", "charge",
                        ]
                        .contains(&w.as_str())
                    })
            })
    })
}

/// "Do you (guys) do/offer/fix X?": asking whether the business does a thing at all, not
/// asking for a time ("can you do tuesday?").
pub fn asks_do_you_do(text: &str) -> bool {
    named_doer(&words(text)).is_some()
        || asks_your_people(text)
        || super::detect::Text::new(text).any(&[
            "do you",
            "do you all",
            "does your",
            "you guys do",
            "you all do",
            "you offer",
            "can you guys",
            "can you all",
            "does anyone",
            "does anybody",
        ])
}

/// "Can u also tune it", "would you...": the business asked outright to do something (not "after
/// yall close", "and u do the oil change").
pub fn asks_you_outright(text: &str) -> bool {
    let ws = words(text);
    (1..ws.len()).any(|i| {
        ws[i] == "you" && ["can", "could", "would", "will", "do"].contains(&ws[i - 1].as_str())
    }) || asks_without_do(text)
}

/// The action a "do you (verb) ...?" question asks about, when it is a particular one ("give"
/// in "do yall give vaccines?"), not one every business does ("do", "take", "have").
pub fn asked_action(text: &str) -> Option<String> {
    if let Some(job) = job_needed_before(text) {
        return Some(job);
    }
    let clause = offer_clause(text)?;
    let ws = words(clause);
    // The "you" that is asked ("if yall fix it ... do you guys stand behind it"), else the first.
    let asked_you = (1..ws.len()).find(|&i| {
        ws[i] == "you"
            && [
                "do", "does", "can", "could", "would", "will", "are", "r", "did", "dont",
            ]
            .contains(&ws[i - 1].as_str())
    });
    let you = asked_you.or_else(|| ws.iter().position(|w| w == "you"))?;
    // ("how long do u guys usually keep it": "usually" says how often, not what is done.)
    const FILLER: &[&str] = &[
        "guys",
        "all",
        "folks",
        "still",
        "ever",
        "also",
        "even",
        "ppl",
        "usually",
        "normally",
        "typically",
        "generally",
        "really",
        "actually",
        "just",
    ];
    const GENERIC: &[&str] = &[
        "do", "does", "offer", "provide", "have", "handle", "take", "accept", "work", "need",
        "carry", "service", "cover", "go", "come", "get", "know", "see", "let", "want", "help",
        "be", "are", "able", "got", "charge", "require", "allow", "like", "deal", "bill", "file",
        "process",
    ];
    let verb = ws[you + 1..]
        .iter()
        .find(|w| !FILLER.contains(&w.as_str()))?;
    (!GENERIC.contains(&verb.as_str()) && !STOP.contains(&verb.as_str()) && verb.len() >= 3)
        .then(|| stem(verb))
}

/// "Is that something you do?" after the job was told ("builder said the screw jacks on top of
/// the posts need turned down. is that something you do?"): the job is what was said to need
/// doing ("turn").
fn job_needed_before(text: &str) -> Option<String> {
    let t = super::detect::Text::new(text);
    if !t.any(&[
        "something you do",
        "something you all do",
        "something you guys do",
        "something you offer",
        "something you handle",
        "something you work on",
        "do you do that",
        "you do that",
        "you guys do that",
        "you all do that",
        "do you do this",
        "can you do that",
        "can you do this",
        "a thing you do",
    ]) {
        return None;
    }
    const BETWEEN: &[&str] = &["to", "be", "get", "got", "gotten", "getting", "been"];
    let ws = words(text);
    let at = ws
        .iter()
        .position(|w| ["need", "needs", "needed"].contains(&w.as_str()))?;
    // ("We need kitchen cabinets painted": the job may follow what it is done to.)
    let verb = ws[at + 1..]
        .iter()
        .filter(|w| !BETWEEN.contains(&w.as_str()))
        .take(4)
        .find(|w| w.len() >= 5 && w.ends_with("ed") && !STOP.contains(&w.as_str()))?;
    let job = stem(verb);
    // (A plain job, "needs looked at", is every business's.)
    (!PLAIN_JOBS.iter().any(|p| stem(p) == job)).then_some(job)
}

/// "Do yall clean out gutters?" at a lawn company: the thing asked about (the words after the
/// verb) is named nowhere in the profile, so no listed service is it, whatever word it shares.
pub fn asks_about_unknown(text: &str, profile: &BusinessProfile) -> bool {
    unknown_asked(text, profile, false, true, false)
}

/// The thing asked about is itself unknown ("curtains" in "can u hem curtains?"), not only a
/// word said of it ("disposable" in "do u use the disposable liners?"): no FAQ entry is about it.
pub fn asks_about_unknown_thing(text: &str, profile: &BusinessProfile) -> bool {
    unknown_asked(text, profile, true, true, false)
}

/// "Do yall work on furnaces?", "do u put in whole house fans?": asked whether we do work on a
/// thing the profile never names (not "do you need money up front", "do u charge extra").
/// Who is asked to do the thing: the business, however it is addressed ("does anyone there do").
const DOER: &[&str] = &["you", "u", "anyone", "anybody", "someone", "somebody"];

/// Jobs every trade does in some way: asked of us, they say nothing of which job.
const PLAIN_JOBS: &[&str] = &[
    "do", "work", "fix", "repair", "service", "come", "see", "handle", "look", "check", "help",
    "take", "get", "put", "make", "deal", "swap", "switch", "change", "replace", "install",
    "remove", "clean", "inspect", "test", "give",
];

/// What a business is asked to do ("do yall seal concrete drives?").
const DOING: &[&str] = &[
    "do",
    "tune",
    // ("Can the sitter also give Mabel a bath?")
    "give",
    "swap",
    "switch",
    "change",
    "work",
    "fix",
    "repair",
    "service",
    "install",
    "put",
    "clean",
    "pump",
    "treat",
    "see",
    "handle",
    "replace",
    "build",
    "sell",
    "offer",
    "remove",
    "inspect",
    "come",
    "spray",
    "haul",
    "move",
    "mow",
    "trim",
    "cut",
    "paint",
    "wash",
    "groom",
    "board",
    "train",
    "tow",
    "deliver",
    "make",
    "program",
    "unlock",
    "seal",
    "reseal",
    "coat",
    "patch",
    "fill",
    "assemble",
    "mount",
    "hang",
    "refinish",
    "restore",
    "sharpen",
    "tint",
    "teach",
    "host",
    "cover",
    "sand",
    "stain",
    "resurface",
    // ("Do you all organize photos?": the organizer's own verb, on a thing it never names.)
    "organize",
    "declutter",
    "scan",
    "digitize",
];

pub fn asks_to_do_unknown_thing(text: &str, profile: &BusinessProfile) -> bool {
    asks_to_do(text, profile, true)
}

fn asks_to_do(text: &str, profile: &BusinessProfile, with_faq: bool) -> bool {
    const FILLER: &[&str] = &[
        "guys", "all", "yall", "folks", "ever", "also", "still", "even", "there", "here",
    ];
    let text = bounded(text);
    // (The last ask of a clause too: "since yall pressure wash the pads can u do my driveway".)
    let clauses = offer_clause(text).map(|c| [Some(c), last_you(c)]);
    let doing = clauses.into_iter().flatten().flatten().any(|clause| {
        let ws = words(clause);
        let asked_of_you = ws
            .iter()
            .position(|w| DOER.contains(&w.as_str()))
            .or_else(|| named_doer(&ws))
            .and_then(|you| ws[you + 1..].iter().find(|w| !FILLER.contains(&w.as_str())))
            .is_some_and(|verb| DOING.contains(&verb.as_str()));
        // "Do any of your trainers do sessions over zoom?": asked of the staff.
        let asked_of_staff = ws.windows(3).any(|w| {
            w[0] == "your"
                && super::detect::STAFF.contains(&w[1].trim_end_matches('s'))
                && DOING.contains(&w[2].as_str())
        });
        asked_of_you || asked_of_staff
    });
    doing && unknown_asked(text, profile, true, with_faq, true)
}

/// "Do yall board birds??" at a bird clinic whose nail trim shares "birds": a job asked for that
/// is neither a plain one (fix, clean, come, meet...) nor said anywhere in the service's own
/// name, description or keywords (nor in another service's name or keywords) is not that
/// service.
pub fn job_not_the_services(text: &str, profile: &BusinessProfile, index: usize) -> bool {
    const ERRANDS: &[&str] = &[
        "meet", "stop", "drop", "pick", "bring", "send", "call", "text", "squeeze", "schedule",
        "book",
    ];
    let Some(verb) = asked_action(text) else {
        return false;
    };
    if PLAIN_JOBS.iter().chain(ERRANDS).any(|p| stem(p) == verb) {
        return false;
    }
    // (Exactly, not within a typo: "board" is no "beard" of "bearded dragon".)
    let says = |said: &str| {
        words(said)
            .iter()
            .any(|w| stem(w) == verb || w.starts_with(verb.as_str()))
    };
    let sv = &profile.services[index];
    // (Another service that names it, "Duct sanitizing and odor treatment" for "can u treat
    // that", is a choice between services, not a job we do not list.)
    !says(&format!(
        "{} {} {}",
        sv.name,
        sv.description.as_deref().unwrap_or(""),
        sv.keywords.join(" ")
    )) && !profile
        .services
        .iter()
        .any(|o| says(&format!("{} {}", o.name, o.keywords.join(" "))))
}

/// The caller doubts the job is ours ("can u guys take them out too or do i have to go
/// somewhere else for that", "can you level those or is that not your thing", "do yall move
/// stuff too or just haul it off?").
pub fn doubts_fit(text: &str) -> bool {
    let t = super::detect::Text::new(text);
    // ("or do i need a separate glass place")
    t.near(
        &["separate"],
        &["place", "shop", "company", "business", "outfit", "guy"],
        2,
    ) || t.any(&[
        "not your thing",
        "not ur thing",
        "not really your thing",
        "somewhere else for",
        "go somewhere else",
        "go elsewhere",
        "someone else for",
        "somebody else for",
        "not something you do",
        "not something you guys do",
        "not something yall do",
        "not something you all do",
        "or is that not something",
        "not sure if you do",
        "not sure if you guys do",
        "not sure if yall do",
        "not sure if thats something",
        // ("is that something yall fix or who do i call")
        "or who do i call",
        "or who should i call",
        "or do i call someone",
        "dont know if you do",
        "dont know if thats something",
        "idk if you do",
        "no idea if you do",
        "too or just",
        "also or just",
        "or do you just",
        "or do you guys just",
        "or do yall just",
        "or do you only",
        "outside what you do",
        "wheelhouse",
        "call someone else",
        "find someone else",
        "call somebody else",
        // ("can you guys sharpen those or is it a totally different thing?")
        "a totally different thing",
        "a completely different thing",
        "a whole different thing",
        "or is it different",
        "or is that different",
        // The caller's own reason it may be ours ("u guys do those too since its glass?",
        // "figured pinball people might know old jukeboxes", "figured its all the same
        // electrical stuff", "do you guys work on those or just the machines").
        "too since its",
        "too since you",
        "too since yall",
        "too since u",
        "or just the",
        "or only the",
        "or is it just",
        // ("hey since yall do tv stuff can you mount our new tv", "its basically a little
        // chimney lol": the reason given is a likeness to what we do.)
        "since you do",
        "since u do",
        "since yall do",
        "since you guys do",
        "since u guys do",
        "since you all do",
        "since you work on",
        "since yall work on",
        "since you guys work on",
        "since you fix",
        "since yall fix",
        "since you all fix",
        "since you all work on",
        "basically the same",
        "pretty much the same",
    ]) || t.near(
        &["also do", "also fix", "also work on"],
        &["or just", "or only"],
        6,
    ) || t.near(
        &["figured", "figure", "thought", "assumed"],
        &[
            "might know",
            "would know",
            "might do",
            "all the same",
            "same kind of",
            "same thing",
        ],
        8,
    ) || {
        // "yall do lights right? the light inside our swimming pool went out": asked whether a
        // kind of work is ours, then a thing of its kind.
        let ws = &t.words;
        (2..ws.len()).any(|i| {
            ws[i] == "right"
                && ws[..i]
                    .iter()
                    .rev()
                    .take(4)
                    .any(|w| w == "do" || w == "does")
                && ws[i.saturating_sub(5)..i]
                    .iter()
                    .any(|w| ["you", "yall", "u", "guys", "ya"].contains(&w.as_str()))
        }) && text.contains("right?")
    } || {
        // "you guys clean out dryer vents too right?": a job asked as an extra of ours.
        let ws = &t.words;
        // (Not a visit of ours told: "you came out last year too right?")
        (2..ws.len()).any(|i| {
            let before = &ws[i.saturating_sub(9)..i];
            ws[i] == "right"
                && ["too", "also", "aswell"].contains(&ws[i - 1].as_str())
                && before
                    .iter()
                    .any(|w| ["you", "yall", "u", "guys", "ya"].contains(&w.as_str()))
                && !before.iter().any(|w| {
                    ["came", "did", "was", "were", "last", "had", "fixed"].contains(&w.as_str())
                })
        })
    } || {
        // "Do I need a different company for that" doubts; "we went to a different place in
        // the gulch" tells where they were before.
        let ws = &t.words;
        (0..ws.len()).any(|i| {
            ws[i] == "different"
                && i >= 1
                && ws[i - 1] == "a"
                && ws
                    .get(i + 1)
                    .is_some_and(|n| n == "company" || n == "place")
                && !ws[i.saturating_sub(4)..i - 1].iter().any(|b| {
                    [
                        "went", "used", "tried", "had", "called", "from", "at", "hired",
                    ]
                    .contains(&b.as_str())
                })
        })
    }
}

/// What the business is, said not to be wanted, with something else asked instead ("can i just
/// rent the speakers and a mic? ... we dont need a dj just the equipment" of a DJ company): the
/// word declined names the business or most of its services.
pub fn declines_what_we_do(text: &str, profile: &BusinessProfile) -> bool {
    const DECLINED: &[&str] = &[
        "dont need a",
        "dont need an",
        "dont need the",
        "dont want a",
        "dont want an",
        "without a",
        "without an",
        "without the",
        "no need for a",
    ];
    let w = words(bounded(text));
    let own = content_words(&profile.business.name);
    let named_by_most = |x: &str| {
        let n = profile
            .services
            .iter()
            .filter(|s| content_words(&s.name).iter().any(|m| m == x))
            .count();
        n * 2 > profile.services.len()
    };
    // (Not a decline with a when or a part: "we dont need a dj until 8", "for the ceremony,
    // just the reception".)
    const QUALIFIED: &[&str] = &[
        "until", "till", "til", "for", "before", "after", "at", "during", "on",
    ];
    let declined = (0..w.len()).any(|i| {
        DECLINED.iter().any(|d| {
            let len = d.split(' ').count();
            w[i..].len() > len
                && w[i..i + len].join(" ") == *d
                && {
                    let x = stem(&w[i + len]);
                    x.len() >= 2 && (own.contains(&x) || named_by_most(&x))
                }
                && !w
                    .get(i + len + 1)
                    .is_some_and(|n| QUALIFIED.contains(&n.as_str()))
        })
    });
    // What is asked instead is no service of ours ("just the equipment", not "just the
    // reception").
    if !declined {
        return false;
    }
    let ours: Vec<String> = profile
        .services
        .iter()
        .flat_map(|s| {
            std::iter::once(s.name.as_str())
                .chain(s.keywords.iter().map(String::as_str))
                .flat_map(content_words)
        })
        .collect();
    let instead_ours = w.iter().enumerate().any(|(i, x)| {
        (x == "just" || x == "only")
            && w[i + 1..]
                .iter()
                .take(3)
                .any(|y| !STOP.contains(&y.as_str()) && ours.contains(&stem(y)))
    });
    !instead_ours
        && w.iter()
            .any(|x| ["just", "only", "rent", "borrow", "instead"].contains(&x.as_str()))
}

/// What we do, said as the reason we might do something else that no service names ("yall
/// already spray the yard for skeeters so can yall do something about fire ants too?"); not
/// another listed job asked the same way ("since you already have the car for the oil change,
/// could you also rotate the tires?").
/// A reason from what we do or have, then something asked on its strength ("you guys have the
/// barn so can our two labs board there"): the text's words, where the reason starts and where
/// the ask starts.
fn reason_then_ask(text: &str) -> Option<(Vec<String>, usize, usize)> {
    const SINCE: &[&str] = &[
        "you already",
        "yall already",
        "you all already",
        "you guys already",
        "since you",
        "since yall",
        "since you all",
        "since you guys",
        // "you guys do the LLC taxes so can you also set up a new LLC"; "you guys have the
        // barn so can our two labs board there".
        "you guys have",
        "yall have",
        "you all have",
        "you guys do",
        "yall do",
        "you all do",
        "u guys do",
        "you guys fix",
        "yall fix",
    ];
    const ASK: &[&str] = &[
        "so can",
        "so could",
        "so do",
        "so would",
        "figured",
        "can you",
        "could you",
        "can yall",
        "could yall",
        "can u",
        "could u",
    ];
    let t = super::detect::Text::new(text);
    if !t.near(SINCE, ASK, 14) {
        return None;
    }
    let ws = words(bounded(text));
    let since = (0..ws.len()).find(|&i| {
        SINCE
            .iter()
            .any(|s| super::normalize::entry_at(&ws, i, s).is_some())
    })?;
    let ask = (since + 1..ws.len()).find(|&i| {
        ASK.iter()
            .any(|a| super::normalize::entry_at(&ws, i, a).is_some())
    })?;
    Some((ws, since, ask))
}

/// The part asked after a reason from what we do ([`reason_then_ask`]): what an FAQ entry must
/// answer, not the reason ("the barn" of "you guys have the barn so can our labs board there").
pub fn asked_after_reason(text: &str) -> Option<String> {
    reason_then_ask(text).map(|(ws, _, ask)| ws[ask..].join(" "))
}

pub fn builds_on_what_we_do(text: &str, profile: &BusinessProfile) -> bool {
    let Some((ws, since, ask)) = reason_then_ask(text) else {
        return false;
    };
    // (With what came before the reason: "...we need an egress window. You guys already cut
    // concrete... so can you put one in?")
    let asked = format!("{} {}", ws[..since].join(" "), ws[ask..].join(" "));
    // (Something we never name: "do something about fire ants", not "do the back yard too".)
    const GENERIC: &[&str] = &[
        "back",
        "front",
        "side",
        "mine",
        "yours",
        "ours",
        "also",
        "thing",
        "things",
        "stuff",
        "everything",
        "something",
        "anything",
        "place",
        "house",
        "home",
        "there",
        "here",
        "while",
        "same",
        "time",
        "please",
        "thanks",
    ];
    let listed = profile.derived(ListedWork::new);
    // (content_words gives stems.)
    let new_thing = content_words(&asked).iter().any(|w| {
        w.len() >= 4 && !GENERIC.iter().any(|g| stem(g) == *w) && !listed.stems.contains(w)
    });
    // (A word of the reason said again in the ask names no new service: "the LLC taxes... so
    // can you also set up a new LLC" asks for forming one.)
    let reason = content_words(&ws[since..ask].join(" "));
    let asked_words = words(&asked);
    let kept: Vec<&String> = asked_words
        .iter()
        .filter(|w| !reason.contains(&stem(w)))
        .collect();
    // (Once the reason's word is set aside, a service named by a word or two of a long ask, "set
    // up ... with the state" of payroll setup, is not surely what is asked.)
    let repeated = kept.len() < asked_words.len();
    let asked_new = kept
        .iter()
        .map(|w| w.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    new_thing
        && score_services(&asked_new, profile)
            .is_none_or(|m| !m.named || repeated && m.coverage < 0.3)
}

/// The caller's thing set against what the business is about ("my daughter does figure skating
/// not hockey" at a hockey pro shop): a contrast with a word of the business's name or about
/// that no service's name carries, so none of them is surely it.
pub fn contrasts_with_business(text: &str, profile: &BusinessProfile) -> bool {
    let w = words(bounded(text));
    let about = content_words(&format!(
        "{} {}",
        profile.business.name, profile.business.about
    ));
    let named = |x: &str| {
        profile
            .services
            .iter()
            .any(|s| content_words(&s.name).iter().any(|n| n == x))
    };
    (1..w.len()).any(|i| {
        if w[i] != "not"
            || ["im", "i", "its", "thats", "is", "are", "was", "do", "dont"]
                .contains(&w[i - 1].as_str())
        {
            return false;
        }
        let Some(x) = w[i + 1..]
            .iter()
            .find(|x| !["a", "an", "the", "for", "just"].contains(&x.as_str()))
        else {
            return false;
        };
        x.len() >= 4
            && about.iter().any(|a| a == x)
            && !named(x)
            && w.iter().filter(|y| *y == x).count() == 1
    })
}

/// "Do u guys put in whole house fans?" where only an FAQ answer mentions fans (running exhaust
/// fans while foam cures): asked to do a thing no service names. (When an FAQ entry answers
/// the question, the entry is the answer: see `builtin`.)
pub fn asks_to_do_unlisted_thing(text: &str, profile: &BusinessProfile) -> bool {
    asks_to_do(text, profile, false)
}

/// Things that belong to other trades. Each group is one kind of thing; a business whose
/// services name none of a group's words does not work on that kind of thing, whatever other
/// word a request about it shares with a listed service.
const OTHER_TRADES: &[&[&str]] = &[
    // Vehicles.
    &[
        "car",
        "cars",
        "truck",
        "vehicle",
        "vehicles",
        "suv",
        "fob",
        "key fob",
        "ignition",
        "civic",
        "camry",
        "accord",
        "corolla",
        "f150",
        "f 150",
        "silverado",
        "jeep",
        "motorcycle",
        "boat",
        "rv",
        "camper",
        // Parts only vehicles have: a business naming them works on vehicles.
        "headlight*",
        "tire",
        "tires",
        "dealership",
        "engine",
        "windshield",
        "brake*",
        "oil change",
    ],
    // Heating and cooling.
    &[
        "ac",
        "a c",
        "air conditioner",
        "air conditioning",
        "hvac",
        "furnace",
        "heat pump",
        "condensate",
        "condenser",
        "evaporator",
        "mini split",
        "ductwork",
        "air handler",
    ],
    // Orthodontics.
    &[
        "palate expander",
        "expander",
        "braces",
        "invisalign",
        "aligners",
        "orthodont*",
        "crossbite",
        "overbite",
        "underbite",
    ],
    // Appliances.
    &[
        "fridge",
        "refrigerator",
        "dishwasher",
        "oven",
        "stove",
        "microwave",
        "freezer",
        "ice maker",
        "range hood",
    ],
    // Pools and hot tubs.
    &["pool", "hot tub", "jacuzzi"],
    // Garage doors ("the spring on top of the garage door is snapped" at a window and door
    // company that fits entry doors).
    &[
        "garage door*",
        "garage spring*",
        "torsion spring*",
        "door opener*",
        "garage opener*",
    ],
    // Septic systems and wells.
    &["septic", "leach field", "well pump", "pressure tank"],
    // Built-in kitchen and bath cabinets (a china cabinet is furniture).
    &[
        "kitchen cabinet*",
        "bathroom cabinet*",
        "bath cabinet*",
        "vanity cabinet*",
        "kitchen cupboard*",
        "cabinetry",
        // (Owned, not asked: a service naming cabinets at all works on them.)
        "~cabinet*",
    ],
];

/// What a business says it works on (its services, its name and what it says about itself: an
/// auto shop's services may never say "car"), and which other trades it names itself; from the
/// profile alone, so made once per profile ([`BusinessProfile::derived`]).
struct ListedWork {
    /// Stems of the listed words that can name a thing.
    stems: Vec<String>,
    /// Per group of [`OTHER_TRADES`]: does the business name it (then it is not foreign)?
    own_trades: Vec<bool>,
}

impl ListedWork {
    fn new(profile: &BusinessProfile) -> Self {
        let listed: Vec<String> = profile
            .services
            .iter()
            .flat_map(|s| {
                words(&format!(
                    "{} {} {}",
                    s.name,
                    s.description.as_deref().unwrap_or(""),
                    s.keywords.join(" ")
                ))
            })
            .chain(words(&profile.business.name))
            .chain(words(&profile.business.about))
            .collect();
        let stems = listed
            .iter()
            .filter(|w| w.len() >= 3 && !STOP.contains(&w.as_str()))
            .map(|w| stem(w))
            .filter(|st| !GENERIC_STEMS.contains(st))
            .collect();
        let own_trades = OTHER_TRADES
            .iter()
            .map(|group| {
                // ("~cabinet*": an entry that only tells a business its own.)
                let entries: Vec<&str> = group.iter().map(|e| e.trim_start_matches('~')).collect();
                let named = |w: &String| {
                    entries.iter().any(|e| {
                        super::normalize::entry_at(std::slice::from_ref(w), 0, e).is_some()
                    })
                };
                entries.iter().any(|e| {
                    (0..listed.len()).any(|i| super::normalize::entry_at(&listed, i, e).is_some())
                }) || listed.iter().any(named)
            })
            .collect();
        Self { stems, own_trades }
    }
}

/// Whether the profile (what it says about itself, its services, its FAQ) names felling trees:
/// made once per profile.
struct NamesFelling(bool);

impl NamesFelling {
    fn new(p: &BusinessProfile) -> Self {
        let services = p.services.iter().map(|s| {
            format!(
                "{} {} {}",
                s.name,
                s.description.as_deref().unwrap_or(""),
                s.keywords.join(" ")
            )
        });
        let faq = p.faq.iter().map(|f| format!("{} {}", f.q, f.a));
        let all: Vec<String> = std::iter::once(p.business.about.clone())
            .chain(services)
            .chain(faq)
            .collect();
        Self(super::detect::Text::new(&all.join(" ")).any(&[
            "take down",
            "taking down",
            "cut down",
            "cutting down",
            "tree removal",
            "fell",
            "felling",
            "remove trees",
            "remove the tree",
        ]))
    }
}

/// The caller asks for work on a kind of thing this business never names: "do u guys make car
/// keys?" at a house locksmith, "the drain line coming off my AC unit" at a plumber, "might need
/// a palate expander, is that something dr ames does" at a children's dentist. The thing is the
/// request when it is what is asked about, what is needed, or what a word of a service belongs
/// to ("car keys", "drain line off my ac"); a car parked in a stuck garage is not.
pub fn foreign_request(text: &str, profile: &BusinessProfile) -> bool {
    let text = bounded(text);
    let ws = words(text);
    let listed = profile.derived(ListedWork::new);
    let service_stems = &listed.stems;
    let service_word = |i: usize| {
        ws.get(i)
            .is_some_and(|w| !STOP.contains(&w.as_str()) && service_stems.contains(&stem(w)))
    };
    let ask_clause: Option<std::ops::Range<usize>> = {
        // Word positions of the first clause that asks whether something is offered.
        // ("yall pump septic tanks too?": a clause asked of "you" with a question mark.)
        let mut at = 0;
        let mut found = None;
        for piece in text.split_inclusive(['?', '.', '!', ',', '\n']) {
            let n = words(piece).len();
            let asked_of_you = piece.trim_end().ends_with('?')
                && words(piece).iter().any(|w| DOER[..2].contains(&w.as_str()));
            if found.is_none()
                && (asks_if_offered(piece) || asks_is_that_something(piece) || asked_of_you)
            {
                found = Some(at..at + n);
                // ("our oak kitchen cabinets ... are worn. Is that something you all
                // refinish?": "that" is what was just told.)
                if asks_is_that_something(piece) {
                    found = Some(0..at + n);
                }
            }
            at += n;
        }
        found
    };
    // ("from" names where a mess came from, "on", "behind", "under" where a leak is: a leak
    // behind the fridge is still a plumber's.)
    const ATTACH: &[&str] = &["for", "off", "of"];
    // A thing said in a statement is the request only when it is what is needed; in a
    // question ("can yall blow out the drain line off my ac?") what a service word belongs to
    // counts too.
    let question = is_question(text);
    const DETERMINERS: &[&str] = &["my", "the", "a", "an", "our", "his", "her", "their", "that"];
    for (group, own) in OTHER_TRADES.iter().zip(&listed.own_trades) {
        let named = |w: &String| {
            group
                .iter()
                .any(|e| super::normalize::entry_at(std::slice::from_ref(w), 0, e).is_some())
        };
        if *own {
            continue;
        }
        for i in 0..ws.len() {
            let Some(n) = group
                .iter()
                .find_map(|e| super::normalize::entry_at(&ws, i, e))
            else {
                continue;
            };
            // "A 2 car garage": a size, not a car; "a quarter of ur truck": the business's own.
            let size = i.checked_sub(1).is_some_and(|j| {
                ws[j].chars().all(|c| c.is_ascii_digit())
                    || ["two", "three", "one", "ur", "your", "yalls"].contains(&ws[j].as_str())
            });
            if size {
                continue;
            }
            // What a "do you ...?" asks about.
            let asked = ask_clause.as_ref().is_some_and(|r| {
                r.contains(&i)
                    && (ws[r.start..i]
                        .iter()
                        .any(|w| DOER.contains(&w.as_str()) || w == "something")
                        || r.start == 0 && asks_is_that_something(text))
            });
            // What is needed: "might need a palate expander", "want to get braces".
            let needed = (1..=3).any(|k| {
                i.checked_sub(k).is_some_and(|j| {
                    ["need", "needs", "get", "getting", "want", "wants"].contains(&ws[j].as_str())
                        && ws[j + 1..i].iter().all(|w| {
                            DETERMINERS.contains(&w.as_str())
                                || w.len() <= 2 && w.chars().all(|c| c.is_alphabetic())
                        })
                })
            });
            // "car keys", "ac drain": it names what a service word belongs to.
            let compound =
                service_word(i + n) || ws.get(i + n).is_some_and(&named) && service_word(i + n + 1);
            // "the drain line coming off my ac unit", "a fob for my civic".
            // ("the drain pipe off the back of my furnace": the words between may name a part.)
            let owner = (1..=6).any(|k| {
                i.checked_sub(k).is_some_and(|j| {
                    ATTACH.contains(&ws[j].as_str())
                        && ws[j + 1..i]
                            .iter()
                            .filter(|w| {
                                !DETERMINERS.contains(&w.as_str())
                                    && !ATTACH.contains(&w.as_str())
                                    && !w.chars().all(|c| c.is_ascii_digit())
                            })
                            .count()
                            <= 2
                        && (j.saturating_sub(3)..j).any(|b| service_word(b) || ws[b] == "coming")
                })
            });
            // "The garage door": another kind of the listed door, named whole.
            let kind_of_listed = n >= 2 && service_word(i + n - 1);
            if asked || needed || question && (compound || owner || kind_of_listed) {
                return true;
            }
        }
    }
    false
}

/// "Is that something you do?", "is that something dr ames does", "or do we need to go
/// somewhere else?": whether the thing just described is offered here.
fn asks_is_that_something(text: &str) -> bool {
    super::detect::Text::new(text).any(&[
        "is that something",
        "is this something",
        "is it something",
        "somewhere else",
        "go elsewhere",
        "someone else for",
        "a specialist",
    ])
}

/// What the profile names, for telling a thing asked about from one it does not know: made
/// from the profile alone, so once per profile value ([`BusinessProfile::derived`]).
struct KnownThings {
    /// The concepts the FAQ's entries (question and answer) hold.
    faq_concepts: Vec<&'static str>,
    /// Content words of the services (name, description, keywords), the business's name and
    /// its service area.
    words: Vec<String>,
    /// Content words of the FAQ's entries (question, answer, keywords).
    faq_words: Vec<String>,
    /// The words of the services that can name a job done: as `words`, but a keyword's word in
    /// the past tense tells the caller's situation, not our work ("moved in" is no moving).
    job_words: Vec<String>,
}

impl KnownThings {
    fn new(profile: &BusinessProfile) -> Self {
        let mut faq_tokens: Vec<&'static str> = Vec::new();
        for f in &profile.faq {
            for c in faq_concepts(&format!("{} {}", f.q, f.a), false) {
                if !faq_tokens.contains(&c.token) {
                    faq_tokens.push(c.token);
                }
            }
        }
        let mut words: Vec<String> = Vec::new();
        let mut job_words: Vec<String> = Vec::new();
        for sv in &profile.services {
            let told = format!("{} {}", sv.name, sv.description.as_deref().unwrap_or(""));
            words.extend(content_words(&format!("{told} {}", sv.keywords.join(" "))));
            job_words.extend(content_words(&told));
            for k in &sv.keywords {
                let present: Vec<&str> = k
                    .split_whitespace()
                    .filter(|w| !(w.len() > 4 && w.to_lowercase().ends_with("ed")))
                    .collect();
                job_words.extend(content_words(&present.join(" ")));
            }
        }
        words.extend(content_words(&profile.business.name));
        // A town of the service area is no unknown thing ("do u go out as far as timnath").
        words.extend(content_words(&profile.business.service_area));
        let faq_words = profile
            .faq
            .iter()
            .flat_map(|f| content_words(&format!("{} {} {}", f.q, f.a, f.keywords.join(" "))))
            .collect();
        Self {
            faq_concepts: faq_tokens,
            words,
            faq_words,
            job_words,
        }
    }
}

fn unknown_asked(
    text: &str,
    profile: &BusinessProfile,
    head_only: bool,
    with_faq: bool,
    modifiers: bool,
) -> bool {
    let text = bounded(text);
    // The clause that asks whether we do it, and one that asks its price ("how much to pump
    // out our grease trap? ... figured since yall do the grease stuff"): either may name it.
    // ...and the last of several asks in one clause ("u guys do rugs so figured yall do carpet
    // too").
    let last_ask = offer_clause(text).and_then(last_you);
    [offer_clause(text), price_clause(text), last_ask]
        .into_iter()
        .flatten()
        .any(|clause| unknown_in_clause(clause, text, profile, head_only, with_faq, modifiers))
}

/// What the caller said they want or need before the clause that asks ("want custom in ear
/// monitors, the molded kind"): up to four words, to the end of that phrase.
fn wanted_before(text: &str, clause: &str) -> Vec<String> {
    let before = before_clause(text, clause);
    let lower = before.to_lowercase();
    // ("Its a Whirlpool we got at Lowes, do yall even work on those": what it is said to be.)
    let Some(at) = [
        "want ",
        "wants ",
        "need ",
        "needs ",
        "looking for ",
        "interested in ",
        "asking for ",
        "its the ",
        "it's the ",
        "its a ",
        "it's a ",
    ]
    .iter()
    .filter_map(|cue| cue_end(&lower, cue))
    .max()
    .or_else(|| others_do(&lower)) else {
        return Vec::new();
    };
    let phrase = before
        .get(at..)
        .unwrap_or("")
        .split(['.', ',', '!', '?', ';', '\n'])
        .next()
        .unwrap_or("");
    // (Not when it is said: "its the faucet again".)
    const WHEN: &[&str] = &[
        "again",
        "too",
        "also",
        "now",
        "still",
        "anymore",
        "today",
        "yesterday",
    ];
    words(phrase)
        .into_iter()
        .filter(|w| !STOP.contains(&w.as_str()) && w.len() >= 3 && !WHEN.contains(&w.as_str()))
        .take(4)
        .collect()
}

/// Where what other businesses are said to do begins ("the nurse said some prosthetic places
/// fit the breast forms and the special bras": "the breast forms..."), after their verb.
fn others_do(lower: &str) -> Option<usize> {
    const SOME: &[&str] = &[
        "some", "other", "most", "certain", "a few", "a lot of", "many",
    ];
    const WHO: &[&str] = &[
        "places",
        "shops",
        "companies",
        "clinics",
        "offices",
        "stores",
        "businesses",
    ];
    const MODAL: &[&str] = &[
        "can", "will", "do", "also", "actually", "even", "who", "that",
    ];
    let mut found = None;
    for who in WHO {
        for (at, _) in lower.match_indices(&format!(" {who} ")) {
            let head = &lower[..at];
            // The word (or two) before says which: "some prosthetic places".
            let before: Vec<&str> = head.split_whitespace().rev().take(3).collect();
            if !before
                .iter()
                .any(|w| SOME.iter().any(|s| s.split(' ').next_back() == Some(*w)))
            {
                continue;
            }
            let mut end = at + who.len() + 2;
            let mut rest = lower[end..].split(' ');
            // Past "can", "will", then the verb itself.
            for w in rest.by_ref() {
                end += w.len() + 1;
                if !MODAL.contains(&w) {
                    break;
                }
            }
            found = found.max(Some(end.min(lower.len())));
        }
    }
    found
}

/// The text before `clause`, a slice of it.
fn before_clause<'a>(text: &'a str, clause: &str) -> &'a str {
    let end = (clause.as_ptr() as usize)
        .saturating_sub(text.as_ptr() as usize)
        .min(text.len());
    &text[..end]
}

/// Where the last `cue` said as whole words ends in `lower` ("its the", not the end of "hits
/// the").
fn cue_end(lower: &str, cue: &str) -> Option<usize> {
    lower
        .match_indices(cue)
        .filter(|(i, _)| {
            !lower[..*i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        })
        .map(|(i, _)| i + cue.len())
        .last()
}

/// What the caller was told the thing is, before the clause that asks ("my buddy says its the
/// transfer case", "plumber says the pressure regulator by the main is shot"): up to three
/// words, to where the sentence goes on about it.
fn said_to_be(text: &str, clause: &str) -> Vec<String> {
    const CUES: &[&str] = &[
        "says the ",
        "said the ",
        "says its ",
        "said its ",
        "says it's ",
        "said it's ",
        "thinks its ",
        "think its ",
        "its the ",
        "it's the ",
    ];
    const GOES_ON: &[&str] = &[
        "is", "are", "was", "were", "has", "have", "had", "needs", "need", "keeps", "by", "in",
        "on", "near", "next", "under", "behind", "that", "which", "and", "so", "but", "again",
    ];
    let before = before_clause(text, clause).to_lowercase();
    let Some(at) = CUES.iter().filter_map(|cue| cue_end(&before, cue)).max() else {
        return Vec::new();
    };
    let phrase = before[at..]
        .split(['.', ',', '!', '?', ';', '\n'])
        .next()
        .unwrap_or("");
    words(phrase)
        .into_iter()
        .take_while(|w| !GOES_ON.contains(&w.as_str()))
        .filter(|w| !STOP.contains(&w.as_str()) && w.len() >= 3)
        .take(3)
        .collect()
}

/// The clause from its last "you" on, when it has more than one ("u guys do rugs so figured
/// yall do carpet too" gives "yall do carpet too").
fn last_you(clause: &str) -> Option<&str> {
    let starts: Vec<usize> = clause
        .split_whitespace()
        .filter(|t| {
            let w = t
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            ["you", "u", "yall", "y'all", "ya"].contains(&w.as_str())
        })
        .map(|t| t.as_ptr() as usize - clause.as_ptr() as usize)
        .collect();
    (starts.len() >= 2).then(|| &clause[starts[starts.len() - 1]..])
}

/// The words of what the caller says they bought ("i bought a bafang mid drive kit off amazon"
/// gives "bafang mid drive kit"), if they say so.
fn bought_thing(text: &str) -> Vec<String> {
    // (The clause that says it: "i bought a fridge, can you install it" gives "fridge".)
    let Some(clause) = text.split(['.', ',', '!', '?', ';', '\n']).find(|c| {
        words(c)
            .iter()
            .any(|w| ["bought", "ordered", "purchased"].contains(&w.as_str()))
    }) else {
        return Vec::new();
    };
    let ws = words(clause);
    let Some(at) = ws
        .iter()
        .position(|w| ["bought", "ordered", "purchased"].contains(&w.as_str()))
    else {
        return Vec::new();
    };
    let mut thing = Vec::new();
    for w in ws[at + 1..].iter().take(7) {
        if [
            "off",
            "from",
            "at",
            "on",
            "for",
            "online",
            "and",
            "but",
            "so",
            "last",
            "yesterday",
            "today",
            "it",
            "that",
            "can",
            "could",
            "will",
            "would",
            "do",
        ]
        .contains(&w.as_str())
        {
            break;
        }
        if !STOP.contains(&w.as_str())
            && w.len() >= 3
            && ![
                "new", "old", "used", "brand", "nice", "big", "small", "cheap",
            ]
            .contains(&w.as_str())
        {
            thing.push(w.clone());
        }
    }
    thing
}

fn unknown_in_clause(
    clause: &str,
    text: &str,
    profile: &BusinessProfile,
    head_only: bool,
    with_faq: bool,
    modifiers: bool,
) -> bool {
    // "Do u need someone there to let u in": asked in other words than an FAQ entry's, but
    // about what the entry answers.
    let known_things = profile.derived(KnownThings::new);
    let faq_holds = faq_concepts(clause, true)
        .iter()
        .any(|c| known_things.faq_concepts.contains(&c.token));
    if faq_holds {
        return false;
    }
    let ws = words(clause);
    // ("How much to engrave a wedding band": the price asked stands where "you" would.)
    let priced = price_to_at(&ws);
    let Some(you) = priced
        .or_else(|| {
            ws.iter()
                .position(|w| w == "your" || DOER.contains(&w.as_str()))
        })
        .or_else(|| named_doer(&ws))
    else {
        return false;
    };
    const SKIP: &[&str] = &[
        "guys", "all", "folks", "still", "ever", "also", "even", "do", "does", "offer", "provide",
        "have", "handle", "take", "work", "on", "with", "out", "up", "off", "a", "an", "the",
        "some", "any", "those", "these", "that", "this", "my", "our", "me", "us", "to", "get",
        "put", "in", "clean", "fix", "install", "repair", "replace", "hang", "make", "sell",
        "service", "use", "come", "and", "just", "ever", "really", "look", "check", "see", "at",
        "peek", "help", "deal", "there", "here", "charge",
    ];
    const ENDS: &[&str] = &[
        "for", "in", "on", "at", "with", "over", "from", "by", "near", "to", "so", "because",
        "and", "or", "but", "if", "when", "after", "before", "around", "between", "until", "while",
        "since", "once", "without",
    ];
    // The verb asked about is skipped once ("do you seal cracked drives"); a word that could be
    // one after it is the thing ("do yall do tint").
    let mut i = you + 1;
    let mut verb_done = false;
    let mut asked_verb: Option<&str> = None;
    while let Some(w) = ws.get(i).map(String::as_str) {
        if SKIP.contains(&w) {
            // ("Come" only brings the verb: "can yall come swap it out".)
            verb_done |= DOING.contains(&w) && w != "come";
        } else if !verb_done && DOING.contains(&w) {
            verb_done = true;
            asked_verb = Some(w);
        } else {
            break;
        }
        i += 1;
    }
    // ("Do you guys rent or put in those chair lifts": two verbs for one thing; the thing is
    // after the second.)
    const SECOND_VERB: &[&str] = &[
        "put", "install", "fix", "repair", "replace", "clean", "sell", "service", "make", "hang",
        "handle", "offer", "provide", "rent", "lease",
    ];
    // (Not a question of its own: "can u patch just that or do i need the whole tub redone".)
    let verb_at = |k: usize| {
        ws.get(k).is_some_and(|n| {
            n != "do"
                && n != "does"
                && (DOING.contains(&n.as_str()) || SECOND_VERB.contains(&n.as_str()))
        }) && ws
            .get(k + 1)
            .is_none_or(|n| !["i", "we", "you", "they", "he", "she", "it"].contains(&n.as_str()))
    };
    let or_at = |k: usize| ws.get(k).is_some_and(|w| w == "or" || w == "and");
    let (first, second) = if or_at(i) && verb_at(i + 1) {
        (asked_verb, Some(i + 1))
    } else if verb_at(i) && or_at(i + 1) && verb_at(i + 2) {
        (ws.get(i).map(String::as_str), Some(i + 2))
    } else {
        (None, None)
    };
    if let Some(at) = second {
        i = at + 1;
        while ws.get(i).is_some_and(|w| SKIP.contains(&w.as_str())) {
            i += 1;
        }
    }
    let job_unknown = |v: &str| {
        let st = stem(v);
        !known_things
            .job_words
            .iter()
            .chain(&known_things.faq_words)
            .any(|k| {
                super::normalize::near(k, &st)
                    || k.ends_with(st.as_str())
                    // ("Can u treat that" at a business whose service is an odor treatment.)
                    || st.len() >= 5 && k.starts_with(st.as_str())
            })
    };
    // ("Do you rent or sell water heaters" at a plumber who rents nothing: the first job is
    // asked about too.)
    if first.is_some_and(|v| !PLAIN_JOBS.contains(&v) && job_unknown(v)) {
        return true;
    }
    // "Could u do that over our old laminate countertops?": the job already told, on a thing
    // named now; that thing is what is asked about.
    let pronoun = |k: usize| {
        ws.get(k)
            .is_some_and(|w| ["it", "them", "this", "that", "one"].contains(&w.as_str()))
    };
    let onto = |k: usize| {
        ws.get(k)
            .is_some_and(|w| ["over", "on", "onto"].contains(&w.as_str()))
    };
    if (pronoun(i) && onto(i + 1)) || (i > 0 && pronoun(i - 1) && onto(i)) {
        i += if onto(i) { 1 } else { 2 };
        while ws.get(i).is_some_and(|w| {
            [
                "our", "my", "the", "a", "an", "his", "her", "their", "some", "old", "new",
            ]
            .contains(&w.as_str())
        }) {
            i += 1;
        }
    } else if pronoun(i) {
        // "Can yall do it while I'm at work?": "it" is the job already told, nothing unknown;
        // unless the job asked is one the profile never names ("can yall reseal it?" at a
        // pond and aquarium business that seals nothing).
        let verb = ws[you + 1..i]
            .iter()
            .rev()
            .find(|w| DOING.contains(&w.as_str()) && !PLAIN_JOBS.contains(&w.as_str()));
        // ("i bought a bafang mid drive kit off amazon... could yall install it": what they
        // bought, to be put in, is a thing the profile never names.)
        let fitting = ws[you + 1..i]
            .iter()
            .any(|w| ["install", "put", "mount", "fit", "hook", "wire"].contains(&w.as_str()));
        let bought = bought_thing(text);
        let bought_unknown = fitting && !bought.is_empty() && bought.iter().all(|w| job_unknown(w));
        return verb.is_some_and(|v| job_unknown(v)) || bought_unknown;
    }
    // "Do yall take down trees too?" at a stump grinder: felling, which the profile never
    // names, whatever it says of trees.
    const FELLING: &[&str] = &[
        "take down",
        "cut down",
        "chop down",
        "tear down",
        "knock down",
    ];
    let asks_felling = super::detect::Text::new(&ws[you + 1..].join(" ")).any(FELLING);
    if asks_felling && !profile.derived(NamesFelling::new).0 {
        return true;
    }
    // "Do yall board birds??" at a bird clinic: a job the profile never names, on a thing it
    // knows.
    if asked_verb.is_some_and(|v| !PLAIN_JOBS.contains(&v) && job_unknown(v)) {
        return true;
    }
    // "House calls for rabbits": who or what it is for is asked about too.
    let mut asked: Vec<&String> = ws[i..]
        .iter()
        .take_while(|w| !ENDS.contains(&w.as_str()))
        .collect();
    let after = i + asked.len();
    // ("Redo the felt on poker tables": what the job is on is asked about too; and how it is
    // done, "sessions over zoom or facetime", unless that is when: "over the holidays".)
    const WHEN_WORDS: &[&str] = &[
        "weekend",
        "weekends",
        "holiday",
        "holidays",
        "break",
        "summer",
        "winter",
        "christmas",
        "week",
        "night",
        "phone",
    ];
    let by_means = ws
        .get(after)
        .is_some_and(|w| ["over", "via", "through"].contains(&w.as_str()))
        && ws.get(after + 1).is_some_and(|n| {
            !["the", "a", "an", "this", "next"].contains(&n.as_str())
                && !WHEN_WORDS.contains(&n.as_str())
        });
    if ws.get(after).is_some_and(|w| w == "for" || w == "on") || by_means {
        asked.extend(
            ws[after + 1..]
                .iter()
                .skip_while(|w| {
                    ["my", "our", "a", "an", "the", "some", "his", "her"].contains(&w.as_str())
                })
                .take_while(|w| !ENDS.contains(&w.as_str()))
                .take(2),
        );
    }
    // "Do yall do sitters at the hospital?": where the work is asked for is asked about too,
    // unless it is the caller's own place.
    if ws.get(after).is_some_and(|w| w == "at" || w == "in") {
        const OWN_PLACES: &[&str] = &[
            "home",
            "house",
            "place",
            "apartment",
            "apt",
            "condo",
            "office",
            "work",
            "yard",
            "garage",
            "basement",
            "kitchen",
            "bathroom",
            "room",
            "building",
            "town",
            "area",
            "morning",
            "afternoon",
            "evening",
            "night",
            "week",
            "weekend",
            "same",
            "once",
            "all",
        ];
        let place = ws[after + 1..]
            .iter()
            .find(|w| {
                ![
                    "the", "a", "an", "my", "our", "her", "his", "their", "your", "this", "that",
                ]
                .contains(&w.as_str())
            })
            .filter(|w| {
                w.len() >= 4
                    && w.chars().all(|c| c.is_alphabetic())
                    && !OWN_PLACES.contains(&w.as_str())
                    && !STOP.contains(&w.as_str())
                    && !WEEKDAY_NAMES.contains(&w.as_str())
            });
        if let Some(place) = place {
            let st = stem(place);
            let known = known_things
                .words
                .iter()
                .chain(&known_things.faq_words)
                .any(|k| super::normalize::near(k, &st))
                || words(&profile.business.service_area)
                    .iter()
                    .chain(words(&profile.business.about).iter())
                    .any(|a| stem(a) == st);
            if !known {
                return true;
            }
        }
    }
    let object: Vec<String> = asked
        .into_iter()
        .enumerate()
        .filter(|(k, w)| {
            // A short word after the first is part of a product's name ("gel x").
            // ...and a thing with a two-letter name is one ("replace a tv screen").
            const SHORT_THINGS: &[&str] = &["tv", "pc", "ac", "rv", "ev", "dj"];
            let long_enough = w.len() >= 3
                || *k > 0 && w.chars().all(|c| c.is_alphabetic())
                || SHORT_THINGS.contains(&w.as_str());
            const VAGUE: &[&str] = &[
                // A time asked for ("anything next tuesday") is no thing asked about.
                "next",
                "available",
                "availability",
                "far",
                // How far they would come ("do yall come way up to the 45 mile marker").
                "way",
                "whole",
                "place",
                "thing",
                "things",
                "stuff",
                "job",
                "work",
                "room",
                "area",
                "kind",
                "type",
                "something",
                "anything",
                "everything",
                "one",
                "ones",
                "clinic",
                "shop",
                "company",
                "business",
                "soon",
                "today",
                "tomorrow",
                "week",
                "weekend",
                "morning",
                "afternoon",
                "evening",
                "time",
                "times",
                "asap",
                "earliest",
                "opening",
                "openings",
                "spot",
                "spots",
                // ("Do u guys just do the stacking part?": that share of the job.)
                "part",
                // How the job should be, not another thing ("can yall do a real wash", "put a
                // fresh shiny coat over it", "a plain old singer").
                "real",
                "proper",
                "good",
                "fresh",
                "shiny",
                "nice",
                "quick",
                "thorough",
                "decent",
                "plain",
                "old",
                "little",
                "big",
                "better",
                "actual",
            ];
            long_enough
                && !w.chars().any(|c| c.is_ascii_digit())
                && !STOP.contains(&w.as_str())
                && !VAGUE.contains(&w.as_str())
                && !WEEKDAY_NAMES.contains(&w.as_str())
                && !DAY_SHORT.contains(&w.as_str())
                && !["those", "these", "kind", "sort", "type"].contains(&w.as_str())
        })
        .map(|(_, w)| w.clone())
        .take(3)
        .collect();
    // "Do you guys do the house too? like spray or treat the couches, mattresses": a thing
    // said only in a trade's generic word is said by the example that follows.
    let generic = &*GENERIC_STEMS;
    let object = if object.iter().all(|w| generic.contains(&stem(w))) {
        let end = clause.as_ptr() as usize - text.as_ptr() as usize + clause.len();
        let next = text
            .get(end..)
            .unwrap_or("")
            .trim_start_matches(['?', '.', '!', ',', ' '])
            .split(['?', '.', '!', '\n'])
            .next()
            .unwrap_or("");
        let nw = words(next);
        let example = ["like", "eg", "ie", "meaning"]
            .contains(&nw.first().map(String::as_str).unwrap_or(""))
            || nw.starts_with(&["such".to_string(), "as".to_string()]);
        if example {
            nw.into_iter()
                .skip(1)
                .filter(|w| w.len() >= 3 && !STOP.contains(&w.as_str()))
                .take(5)
                .collect()
        } else {
            object
        }
    } else {
        object
    };
    // "Want custom in ear monitors, the molded kind... do u guys do those": "those" is what the
    // caller said they want before asking.
    // ...and so is "that" in "is that something u guys do" ("our insurance wants a written
    // appraisal of the ring... is that something u guys do").
    let that_before = ws[..you].windows(2).any(|w| {
        ["is", "was"].contains(&w[0].as_str()) && ["that", "this", "it"].contains(&w[1].as_str())
    }) && ws[..you].iter().any(|w| w == "something");
    // ...and "that" in "can u guys swap that out too" is what the caller was told it is
    // ("plumber buddy says the pressure regulator by the main is shot").
    let object = if object.is_empty()
        && (that_before
            || ws[you + 1..]
                .iter()
                .any(|w| ["those", "these", "them"].contains(&w.as_str())))
    {
        wanted_before(text, clause)
    } else if object.is_empty()
        && ws[you + 1..i.min(ws.len())]
            .iter()
            .any(|w| ["that", "this"].contains(&w.as_str()))
    {
        said_to_be(text, clause)
    } else {
        object
    };
    if object.is_empty() {
        return false;
    }
    let faq_words: &[String] = if with_faq {
        &known_things.faq_words
    } else {
        &[]
    };
    let unknown = |w: &String| {
        let st = stem(w);
        !generic.contains(&st)
            && !known_things
                .words
                .iter()
                .chain(faq_words)
                .any(|k| super::normalize::near(k, &st))
    };
    if head_only {
        // The head is the last word that is not a generic trade word ("frontal installs":
        // frontal).
        let head = object.iter().rposition(|w| !generic.contains(&stem(w)));
        // A thing named by a word the profile never uses in front of a known one is another
        // thing ("concrete driveways" at a blacktop sealer, "gate openers" at a garage door
        // company): unless that word only says what state or size it is in ("leaky faucets").
        // (Asked to do it, that is: "do u use the disposable liners" asks about a detail.)
        // ("A 2 car driveway", "a 75 gallon tank": a word after a number is a size.)
        let after_number = |w: &String| {
            ws.windows(2)
                .any(|p| p[1] == *w && p[0].chars().all(|c| c.is_ascii_digit()))
        };
        let other_kind = modifiers
            && head.is_some_and(|h| {
                object[..h]
                    .iter()
                    .any(|w| unknown(w) && !says_state_or_size(w) && !after_number(w))
            });
        head.is_some_and(|h| unknown(&object[h])) || other_kind
    } else {
        object.iter().any(unknown)
    }
}

/// The text asks about a thing no service or FAQ entry is about, or asks us to do one ("do yall
/// install those tesla powerwall battery backup things?"): a price asked beside it is its price.
fn asks_for_unknown(text: &str, profile: &BusinessProfile) -> bool {
    asks_about_unknown_thing(text, profile)
        || asks_to_do_unknown_thing(text, profile)
        || asks_price_of_unknown(text, profile)
}

/// A word in front of a thing that says what state, size or age it is in ("leaky", "old",
/// "cracked"), not which kind of thing it is ("concrete", "gate").
fn says_state_or_size(w: &str) -> bool {
    const STATES: &[&str] = &[
        "old",
        "new",
        "regular",
        "normal",
        "standard",
        "typical",
        "average",
        "big",
        "small",
        "little",
        "large",
        "tiny",
        "huge",
        "bad",
        "good",
        "whole",
        "entire",
        "full",
        "empty",
        "main",
        "front",
        "back",
        "side",
        "extra",
        "long",
        "short",
        "tall",
        "high",
        "low",
        "hot",
        "cold",
        "warm",
        "basic",
        "regular",
        "normal",
        "quick",
        "first",
        "second",
        "last",
        "other",
        "same",
        "different",
        "few",
        "couple",
        "several",
        "many",
        "more",
        "less",
        "both",
        "each",
        "every",
        "own",
        "wet",
        "dry",
        "dirty",
        "clean",
        "loose",
        "tight",
        "stuck",
        "slow",
        "fast",
        "annual",
        "deep",
        "simple",
        "standard",
        "minor",
        "major",
        "real",
        "actual",
        "older",
        "newer",
        "bigger",
        "smaller",
        "nice",
        "cheap",
        "free",
        "broken",
        "bent",
        "torn",
        "worn",
        "busted",
        "shattered",
        "upstairs",
        "downstairs",
    ];
    STATES.contains(&w)
        || w.len() > 4 && (w.ends_with("ed") || w.ends_with("ing") || w.ends_with('y'))
        || w.ends_with("ly")
}

/// Every part of the profile the text asks about, in order, at most two ("do you take discover
/// and are you licensed" asks two things).
pub fn topics(text: &str, profile: &BusinessProfile) -> Vec<Topic> {
    let text = bounded(text);
    // Parts keep the caller's own text (commas included: "and r u licensed, last guy wasnt"
    // is scored clause by clause).
    let mut parts: Vec<String> = Vec::new();
    // Whether each part asks something: ends with "?" or reads as a question.
    let mut asks: Vec<bool> = Vec::new();
    for piece in text.split_inclusive(['?', '.', '!', '\n', ';']) {
        let asked = piece.ends_with('?');
        let piece = piece.trim_end_matches(['?', '.', '!', '\n', ';']);
        let before = parts.len();
        let tokens: Vec<(&str, Vec<String>)> =
            piece.split_whitespace().map(|t| (t, words(t))).collect();
        let first = |i: usize| tokens.get(i).and_then(|(_, w)| w.first().cloned());
        let mut cur: Vec<&str> = Vec::new();
        for (i, (raw, _)) in tokens.iter().enumerate() {
            let joins =
                first(i).is_some_and(|x| ["and", "also", "plus", "n"].contains(&x.as_str()));
            let next_asks = first(i + 1).is_some_and(|n| Q.contains(&n.as_str()) || n == "also");
            if joins && next_asks && cur.len() >= 2 {
                parts.push(cur.join(" "));
                cur.clear();
                continue;
            }
            cur.push(raw);
        }
        if !cur.is_empty() {
            parts.push(cur.join(" "));
        }
        for (k, p) in parts.iter().enumerate().skip(before) {
            // The last part of a piece carries its "?"; one split off before it asks by form,
            // and so does one joined to an earlier question ("...? and can i pay w apple pay").
            let joined = words(p)
                .first()
                .is_some_and(|w| ["and", "also", "plus", "n", "or"].contains(&w.as_str()))
                && asks.iter().any(|a| *a);
            asks.push(asked && k + 1 == parts.len() || is_question(p) || joined);
        }
    }
    let mut out: Vec<Topic> = Vec::new();
    // A story told beside a question ("do yall detail boats? its been under a cover all
    // summer") is context, not a second question.
    let any_asks = asks.iter().any(|a| *a);
    let asked: Vec<&String> = parts
        .iter()
        .zip(&asks)
        .filter(|(_, a)| **a || !any_asks)
        .map(|(p, _)| p)
        .collect();
    if parts.len() > 1 {
        for p in &asked {
            if let Some(t) = topic_within(p, text, profile) {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
    }
    if out.is_empty() {
        let questions = asked
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(". ");
        out.extend(topic_within(
            if any_asks { &questions } else { text },
            text,
            profile,
        ));
    }
    // "...the gauge only says 80 after the fill. is that how its supposed to be?": a short
    // question pointing back at the story before it asks about that story.
    let points_back = any_asks
        && asked.iter().all(|p| {
            let last = p.rsplit(',').next().unwrap_or(p);
            // ("...5 sessions left on my pack... do those run out at some point or are they
            // good whenever i get back")
            // ("if we catch keepers do yall clean em or r we on our own w that lol")
            words(last).len() <= 20
                && super::detect::Text::new(last).any(&[
                    "that", "this", "it", "its", "thats", "those", "these", "they", "them", "em",
                ])
        });
    if out.is_empty() && points_back {
        if let Some((i, score)) = best_faq_in_clauses(text, profile) {
            if score >= FAQ_FROM_STORY {
                out.push(Topic::Faq(i));
            }
        }
    }
    out.truncate(2);
    out
}

/// How well the story must match an entry for a question pointing back at it to get that entry.
const FAQ_FROM_STORY: f64 = 0.4;

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
    /// The prices of these services (those priced by the night, when asked the nightly rate).
    Prices(Vec<usize>),
    Hours,
    ServiceArea,
    About,
}

/// Find the part of the profile that answers the text, if any.
pub fn topic(text: &str, profile: &BusinessProfile) -> Option<Topic> {
    let text = bounded(text);
    topic_within(text, text, profile)
}

/// The service a part of a text names; when two are nearly tied, the whole text decides ("do you
/// tent for termites? and how much is an inspection" asks about the termite inspection).
fn service_in(part: &str, whole: &str, profile: &BusinessProfile) -> Option<ServiceMatch> {
    // ("my daughter is 5 ... can she try a class": the age said anywhere in the text.)
    let m = fit_age(score_services(part, profile)?, whole, profile);
    if wants_opposite(whole, profile, m.best) {
        return None;
    }
    if let Some(other) = m.runner_up {
        if let Some(w) = score_services(whole, profile) {
            if w.best == other || w.best == m.best {
                return Some(ServiceMatch {
                    best: w.best,
                    runner_up: None,
                    ..m
                });
            }
        }
    }
    Some(m)
}

/// The services whose price is per the unit of time a price question names ("nightly rate",
/// "how much per hour", "what is it a night"), at most three.
fn priced_by_unit(text: &str, profile: &BusinessProfile) -> Option<Topic> {
    const UNITS: &[(&str, &str)] = &[
        ("night", "nightly"),
        ("hour", "hourly"),
        ("day", "daily"),
        ("week", "weekly"),
        ("month", "monthly"),
    ];
    let t = super::detect::Text::new(text);
    let (unit, _) = UNITS.iter().find(|(unit, adverb)| {
        t.any(&[adverb])
            || t.any(&[
                &format!("per {unit}"),
                &format!("a {unit}"),
                &format!("an {unit}"),
                &format!("by the {unit}"),
            ])
    })?;
    let found: Vec<usize> = profile
        .services
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.price.as_deref().is_some_and(|price| {
                let p = super::detect::Text::new(price);
                p.any(&[
                    &format!("per {unit}"),
                    &format!("a {unit}"),
                    &format!("an {unit}"),
                    &format!("{unit}ly"),
                ]) || price.to_lowercase().contains(&format!("/{unit}"))
            })
        })
        .map(|(i, _)| i)
        .take(3)
        .collect();
    match found.len() {
        0 => None,
        1 => Some(Topic::Service {
            index: found[0],
            price_asked: true,
        }),
        _ => Some(Topic::Prices(found)),
    }
}

/// Is this service the look before the work: an estimate, a consultation, or a visit that costs
/// nothing ("Free water test")?
fn is_assessment(profile: &BusinessProfile, i: usize) -> bool {
    profile.services[i]
        .price
        .as_deref()
        .is_some_and(|p| p.trim().eq_ignore_ascii_case("free"))
        || super::detect::Text::new(&profile.services[i].name).any(&[
            "estimate*",
            "quote*",
            "assessment*",
            "consult*",
            "evaluation*",
            "walkthrough",
            "site visit",
        ])
}

/// "marietta" as a name is written: "Marietta".
fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The topic of one part of a longer text.
fn topic_within(text: &str, whole: &str, profile: &BusinessProfile) -> Option<Topic> {
    const PRICE: &[&str] = &[
        "how much", "price", "prices", "pricing", "cost", "costs", "rate", "rates", "fee", "fees",
        "quote", "charge", "charges", "ballpark",
    ];
    // "She charges it all night" is a battery, not a price.
    let battery = super::detect::Text::new(text).near(
        &["charge", "charges", "charged", "charging"],
        &[
            "it",
            "them",
            "overnight",
            "all night",
            "every night",
            "battery",
            "up",
        ],
        2,
    );
    let price_asked =
        has_any(text, PRICE) && (!battery || has_any(text, &["how much", "price", "cost"]));
    let rest: Vec<String> = content_words(text)
        .into_iter()
        .filter(|w| {
            ![
                "much", "price", "pric", "pricing", "cost", "rate", "fee", "quote", "charge",
                "charg", "ballpark",
            ]
            .contains(&w.as_str())
        })
        .collect();
    // "Can we rent your pool for a party? ... how much would that be": the price of the thing
    // asked about, which no service is, not the whole price list.
    if price_asked && rest.is_empty() && !asks_about_unknown_thing(whole, profile) {
        // ("Do u guys come out as far as marietta? and does it cost more": the entry on the
        // travel fee, which the whole text asks about, not the price list.)
        let asked = faq_concepts(whole, true);
        let entry = profile.faq.iter().position(|f| {
            faq_concepts(&f.q, false)
                .iter()
                .any(|c| c.token == "#tripfee" && asked.iter().any(|a| a.token == c.token))
        });
        if let Some(i) = entry {
            return Some(Topic::Faq(i));
        }
        return Some(Topic::Services);
    }
    // "Whats ur nightly rate for one cat": the services priced by the night, when no
    // service is named.
    if price_asked && score_services(text, profile).is_none_or(|m| !m.named) {
        if let Some(priced) = priced_by_unit(text, profile) {
            return Some(priced);
        }
    }
    // "Open" and "close" are about the hours when said of the business or a day ("r u guys open
    // sundays", "are you closed christmas"), not of a sale ("our closing is not sure yet") or a
    // job ("open a gun safe").
    let t = super::detect::Text::new(text);
    const OPEN_CLOSE: &[&str] = &["open", "close", "closed", "closing", "opens", "closes"];
    // ("A keypad deadbolt you can open from your phone", "the gate wont open".)
    let open_verb = t.any(&[
        "open a",
        "open an",
        "open the",
        "open my",
        "open his",
        "open her",
        "open our",
        "open it",
        "open up",
        "you can open",
        "wont open",
        "cant open",
        "doesnt open",
        "didnt open",
        "wont close",
        "doesnt close",
    ]);
    let of_us_or_a_day = !open_verb
        && (t.near(
            &["you", "your", "yall", "office", "shop", "store"],
            OPEN_CLOSE,
            3,
        ) || t.near(OPEN_CLOSE, WEEKDAYS_AND_PLURALS, 3)
            || t.any(&[
                "today",
                "tomorrow",
                "tonight",
                "holiday*",
                "christmas",
                "xmas",
            ]) && t.any(OPEN_CLOSE));
    // "R u working christmas week?", "open over thanksgiving?"
    let holiday = t.near(
        &["work", "working", "open", "around"],
        &[
            "christmas",
            "xmas",
            "holiday*",
            "thanksgiving",
            "new year*",
            "easter",
        ],
        4,
    );
    let asks_hours = of_us_or_a_day
        || holiday
        || has_any(
            text,
            &["til what time", "till what time", "until what time"],
        )
        || t.near(
            &["earliest", "early", "latest", "late"],
            &["start*", "open*", "close*", "stay open"],
            4,
        );
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
    // "How much is a tune-up?": a price question naming a listed service gets its price.
    // (Named, or most of what was asked: "do u charge extra to come out" is no key repair.)
    if price_asked {
        // ("If i drop my bike off and cant grab it for a while, do u charge to keep it there?"
        // is the storage entry, not the one service with "bike" in a keyword.)
        let faq_fits_well = || {
            best_faq_in_clauses(text, profile).is_some_and(|(i, s)| {
                let f = &profile.faq[i];
                let entry = faq_concepts(&format!("{} {}", f.q, f.a), false);
                s >= 0.5
                    && faq_concepts(text, true)
                        .iter()
                        .any(|c| entry.iter().any(|e| e.token == c.token))
            })
        };
        // ("how do u guys count bags for the price" asks "How do you count a box?": every word
        // of the entry's own question is in the caller's.)
        let faq_asked_outright = || {
            best_faq_in_clauses(text, profile).is_some_and(|(i, s)| {
                let q = content_words(&profile.faq[i].q);
                let said = asked_words(whole);
                s >= 0.55 && q.len() >= 2 && q.iter().all(|w| said.contains(w))
            })
        };
        if let Some(m) = service_in(text, whole, profile).filter(|m| {
            (m.named || m.coverage >= 0.5)
                && !(m.coverage < 0.5 && asks_for_unknown(whole, profile))
                && !(m.coverage < 0.25 && faq_fits_well())
                && !faq_asked_outright()
        }) {
            return Some(Topic::Service {
                index: m.best,
                price_asked,
            });
        }
    }
    // "How much is it just to have someone come out and look and tell us what we need?": the
    // price of the business's one visit for a look, when it lists one.
    let look_asked = t.any(&[
        "come look",
        "come out and look",
        "come take a look",
        "take a look",
        "look at it",
        "walk through",
        "tell us what we need",
        "tell me what i need",
        "what we need",
        "what i need",
    ]);
    if price_asked && look_asked {
        let looks: Vec<usize> = (0..profile.services.len())
            .filter(|&i| is_assessment(profile, i))
            .collect();
        if let [only] = looks.as_slice() {
            return Some(Topic::Service {
                index: *only,
                price_asked,
            });
        }
    }
    let faq = best_faq_in_clauses(text, profile);
    // "Can I drop my car off after you close?" is the drop-off entry; "r u open sundays" the hours.
    // An entry that is itself about the hours ("Can I drop my car off after hours?") is the
    // more specific answer.
    let faq_about_hours = faq.is_some_and(|(i, score)| {
        score >= 0.5
            && super::detect::Text::new(&profile.faq[i].q).any(&[
                "hour*",
                "open*",
                "clos*",
                "weekend*",
                "saturday*",
                "sunday*",
                "holiday*",
                "late",
                "early",
            ])
    });
    if asks_hours && !faq_about_hours && faq.is_none_or(|(_, score)| score < 0.75) {
        return Some(Topic::Hours);
    }
    // "Do yall give vaccines?" is not answered by the entry on which vaccines a dog needs: the
    // entry must speak of the action asked about.
    let action = asked_action(text);
    let action_fits = |i: usize| {
        let f = &profile.faq[i];
        // An entry asking whether there is such a thing ("Is there a warranty?") answers any
        // way of asking for it ("do u give any kind of warranty").
        let offers = super::detect::Text::new(&f.q).any(&[
            "is there",
            "are there",
            "do you offer",
            "do you have",
            "do you provide",
            "do you give",
            "can i get",
        ]);
        // ("Do you vet the caregivers?" is asked of an entry about screening: the verb is a
        // way of saying what the entry is about.)
        let same_concept = action.as_ref().is_some_and(|verb| {
            faq_concepts(text, true).iter().any(|c| {
                c.asked.iter().any(|a| a.starts_with(verb.as_str()))
                    && faq_concepts(&format!("{} {}", f.q, f.a), false)
                        .iter()
                        .any(|d| d.token == c.token)
            })
        });
        // ("What kind do you guys put in?" asks which make, whatever the verb.)
        let which_make = faq_concepts(text, true).iter().any(|c| {
            c.token == "#brands"
                && faq_concepts(&format!("{} {}", f.q, f.a), false)
                    .iter()
                    .any(|d| d.token == c.token)
        });
        // ("how long do u guys usually keep it" asks what "How long do repairs take?" does:
        // the measure asked for, not the verb, is the question.)
        let same_measure = [
            "how long",
            "how soon",
            "how often",
            "how many",
            "how far",
            "how old",
        ]
        .iter()
        .any(|m| has_any(text, &[m]) && has_any(&f.q, &[m]));
        offers
            || same_concept
            || which_make
            || same_measure
            || action.as_ref().is_none_or(|verb| {
                let said = format!("{} {} {}", f.q, f.a, f.keywords.join(" "));
                words(&said)
                    .iter()
                    .any(|w| super::normalize::near(&stem(w), verb) || w.starts_with(verb.as_str()))
            })
    };
    // "Do yall do a pilates teacher training?": a job the profile never names, asked whether we
    // do it, is not answered by an entry about what the caller may do ("Can I do pilates while
    // pregnant?") that shares "pilates" with it.
    let faq = faq.filter(|(i, score)| {
        let asks_leave = |ws: &[String]| {
            matches!(
                ws.iter()
                    .map(String::as_str)
                    .take(3)
                    .collect::<Vec<_>>()
                    .as_slice(),
                ["can", "i" | "we", ..]
                    | ["should", "i" | "we", ..]
                    | ["may", "i", ..]
                    | ["is", "it", "ok" | "okay" | "safe"]
            )
        };
        let permission = asks_leave(&words(&profile.faq[*i].q)) && !asks_leave(&words(whole));
        *score >= 0.75
            || !permission
            || !asks_if_offered(whole)
            || !asks_to_do_unlisted_thing(whole, profile)
    });
    if let Some((i, score)) = faq {
        // (A price question naming a listed service was answered with its price above.) An
        // entry that fits only through its answer's words ("an oil change takes 30 minutes" in
        // the shuttle answer) does not outrank a service the caller named.
        let f = &profile.faq[i];
        let asked: Vec<String> = content_words(&format!("{} {}", f.q, f.keywords.join(" ")));
        // ("Too long" is no "how long?": a question word counts only as a question.)
        let as_asked = |w: &str| match w {
            "long" => has_any(text, &["how long"]),
            "much" => has_any(text, &["how much"]),
            _ => true,
        };
        // (A concept the entry's question is about, asked in other words, "do you guys stand
        // behind it" of "Do you guarantee your work?", is its question too.)
        let entry_concepts = faq_concepts(&format!("{} {}", f.q, f.keywords.join(" ")), false);
        let through_question = asked_words(text).iter().any(|w| {
            asked.contains(w) && as_asked(w) || entry_concepts.iter().any(|c| c.token == w)
        });
        let named = || service_in(text, whole, profile).is_some_and(|m| m.named);
        // An entry that fits only through its answer's words does not answer a request for a
        // visit ("can i bring it in saturday" is no question about free adjustments), nor a
        // question about something the profile names nowhere ("can u hem curtains").
        // "What shots do yall need before the first day?": a what/which/how question whose
        // thing is in the entry's own question fits on less (the rest is the caller's context).
        // ("do i have to buy a machine first for the beginner class" of "Do I need my own
        // machine for a class?": asked whether something is needed, as entries are.)
        let asks_needed = has_any(
            text,
            &[
                "do i have to",
                "do we have to",
                "do i need to",
                "do we need to",
                "do i need a",
                "do we need a",
                "do i need my",
                "do we need our",
                "should i bring",
                "should we bring",
                "do i bring",
                "do we bring",
            ],
        );
        let entry_asks_needed = has_any(
            &f.q,
            &[
                "do i need",
                "do we need",
                "do i have to",
                "do we have to",
                "should i",
                "should we",
                "do i bring",
                "what do i need",
            ],
        );
        let asks_needed = asks_needed && entry_asks_needed;
        let needed = if (asks_wh(text) || asks_needed) && through_question {
            0.35
        } else {
            0.5
        };
        if score >= needed
            && action_fits(i)
            && (through_question
                || !named() && !asks_for_a_visit(text) && !asks_about_unknown(text, profile))
        {
            return Some(Topic::Faq(i));
        }
    }
    // "Do you do X?" is answered yes only when the service's own name or keywords were used, or
    // it accounts for most of what was asked: never a yes on one shared word.
    if let Some(m) = service_in(text, whole, profile) {
        // "Yes, we do X" answers "do you do X?", not "do I need a hose for you?".
        // ("Saw yall do the tesla wall connectors.. do you also install the powerwall
        // batteries?": the story says what we do; the question, about something unlisted, is
        // what gets answered.)
        let offered_asked =
            price_asked || asks_if_offered(text) && is_question(text) || m.coverage >= 0.5;
        // ("Do you guys paint it when you're done?": one word of a description, "ready to
        // paint", is no yes.)
        if (price_asked || m.named || m.coverage >= 0.5 && m.hits >= 2)
            && !(m.coverage < 0.5 && job_not_the_services(text, profile, m.best))
            && offered_asked
            && (price_asked || !asks_attribute(text))
            && !asks_about_unknown(text, profile)
            // "Do yall install those tesla powerwall things? how much vs a generator": a price
            // asked beside a do-you-do question about an unknown thing is that thing's price.
            && (price_asked && !asks_do_you_do(whole) || !asks_about_unknown(whole, profile))
            // "Can we rent your pool for a party? ... how much would that be": the price of
            // the unknown thing asked for, which one shared word does not make a service's.
            && !(price_asked && m.coverage < 0.5 && asks_for_unknown(whole, profile))
            && !foreign_request(text, profile)
            && !asks_to_do_unlisted_thing(text, profile)
        {
            return Some(Topic::Service {
                index: m.best,
                price_asked,
            });
        }
    }
    // A day said with a time or a visit ("can i bring it by sat morning", "sat ok?") asks for
    // a slot, not for the hours.
    let asks_for_a_slot = t.any(&[
        "morning",
        "afternoon",
        "evening",
        "am",
        "pm",
        "after",
        "before",
        "bring",
        "drop",
        "come",
        "book*",
        "ok",
        "okay",
        "works",
        "work for",
        "possible",
        "if possible",
    ]);
    // ("So we can sleep a few hrs": a length of time, not the hours we keep.)
    let hours_long = t.near(
        &[
            "few", "couple", "several", "some", "many", "more", "extra", "for", "like",
        ],
        &["hours", "hrs"],
        2,
    ) || words(text)
        .windows(2)
        .any(|p| p[1] == "hours" && p[0].chars().all(|c| c.is_ascii_digit()));
    if !open_verb
        && (has_any(text, &["hours", "what time"]) && !hours_long
            || has_any(text, &["what time"])
            || t.any(&["weekend*", "saturday*", "sunday*"]) && !asks_for_a_slot
            // ("do yall come out to midway on saturdays?": the days we work, asked of a kind
            // of day, not of one day; not "my husband works saturdays, can you come friday?")
            || t.any(&["weekends", "saturdays", "sundays"])
                && is_question(text)
                && !t.near(
                    &["work", "works", "working", "off", "busy"],
                    &["weekends", "saturdays", "sundays"],
                    3,
                )
                && !t.any(&["expensive", "extra", "charge", "cost*", "price*", "rate*"])
            // ("do you work mondays? thats my only day off", "yall work on fridays?")
            || t.near(
                &[
                    "you work",
                    "u work",
                    "yall work",
                    "guys work",
                    "you all work",
                    "you working",
                    "u working",
                    "yall working",
                    "guys working",
                    "all work on",
                    "all working on",
                ],
                WEEKDAYS_AND_PLURALS,
                3,
            ) && is_question(text)
                && !asks_for_a_slot)
    {
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
            "as far as",
            "out to",
            "near me",
            "near you",
            "near here",
            "office near",
            "shop near",
            "you near",
            "located",
            "location",
            "where are you",
        ],
    ) {
        // "Do u come out as far as marietta": a place the service area does not name, which an
        // entry's answer does ("...beyond our listed areas (Marietta, ...) there is a $25
        // travel fee"): that entry says the rest.
        let area = words(&profile.business.service_area);
        let place_in_entry = profile.faq.iter().position(|f| {
            let answer = words(&f.a);
            words(text).iter().any(|w| {
                w.len() >= 4
                    && w.chars().all(|c| c.is_ascii_alphabetic())
                    && !STOP.contains(&w.as_str())
                    && !area.contains(w)
                    && f.a.contains(&capitalised(w))
                    && answer.contains(w)
            })
        });
        if let Some(i) = place_in_entry {
            return Some(Topic::Faq(i));
        }
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
            "how long have you",
            "how long you been",
            "how long in business",
            "how long has your",
            "family owned",
        ],
    ) && !profile.business.about.is_empty()
    {
        return Some(Topic::About);
    }
    // "R u licensed?" is answered by the about text only when it says so.
    let about = profile.business.about.to_lowercase();
    // (An FAQ entry about insurance claims answers "do yall deal with the insurance" better than
    // "licensed and insured".)
    let faq_on_insurance = faq.is_some_and(|(i, s)| {
        s >= 0.5
            && format!("{} {}", profile.faq[i].q, profile.faq[i].a)
                .to_lowercase()
                .contains("insur")
    });
    if (has_any(text, &["licensed", "license"]) && about.contains("licens"))
        || (has_any(text, &["insured", "insurance"])
            && (about.contains("insur") || about.contains("bonded"))
            && !faq_on_insurance)
    {
        return Some(Topic::About);
    }
    faq.filter(|(i, s)| *s >= 0.5 && action_fits(*i) && !asks_about_unknown_thing(text, profile))
        .map(|(i, _)| Topic::Faq(i))
}

/// The best FAQ entry for the text or for one question in it set off by commas ("also r u
/// insured, last company wasnt"): chatter around a question does not hide it.
fn best_faq_in_clauses(text: &str, profile: &BusinessProfile) -> Option<(usize, f64)> {
    let text = bounded(text);
    let index = FaqIndex::of(profile);
    let index = index.as_ref().as_ref()?;
    let whole = index.best(text);
    // At most a handful of clauses: a question is not hidden behind hundreds of commas.
    text.split([',', ';'])
        .take(12)
        .filter(|c| is_question(c))
        .filter_map(|c| index.best(c))
        .chain(whole)
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

/// BM25-like score of each FAQ entry (question and answer) against the text, normalised to 0..1
/// by the text's own weight: the share of what the caller asked that the entry covers.
/// A question's content words for matching FAQ entries. "Saturday night" asks what an entry
/// about weekends answers (not the other way round: "open on the weekend?" is not answered by
/// an entry about Saturdays alone).
fn asked_words(text: &str) -> Vec<String> {
    let mut query = content_words(text);
    // An hour of the clock asks no FAQ ("can u do thurs at 2" is no question about "1-2
    // business days").
    for hour in clock_hours(text) {
        if let Some(at) = query.iter().position(|w| *w == hour) {
            query.remove(at);
        }
    }
    query.extend(faq_concepts(text, true).iter().map(|c| c.token.to_string()));
    let weekend = stem("weekend");
    if !query.contains(&weekend)
        && query
            .iter()
            .any(|w| *w == stem("saturday") || *w == stem("sunday"))
    {
        query.push(weekend);
    }
    query
}

/// The numbers of a text said as hours of the clock: 1 to 12 (or "2:30") after "at", "around",
/// "by", "after", "before", "until" or a weekday, or before "am", "pm" or "oclock"; not "at 2
/// weeks old".
fn clock_hours(text: &str) -> Vec<String> {
    const BEFORE: &[&str] = &[
        "at",
        "around",
        "by",
        "after",
        "before",
        "until",
        "til",
        "till",
        "from",
        "about",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "tomorrow",
        "today",
        "tonight",
    ];
    const UNITS: &[&str] = &[
        "week", "weeks", "wk", "wks", "day", "days", "month", "months", "year", "years", "yr",
        "yrs", "hour", "hours", "hr", "hrs", "minute", "minutes", "min", "mins", "people", "kids",
        "of", "percent", "dollars", "bucks",
    ];
    let ws = words(text);
    let mut out = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        let hour = w.split(':').next().unwrap_or("");
        let is_hour = !hour.is_empty()
            && hour.chars().all(|c| c.is_ascii_digit())
            && hour.parse::<u32>().is_ok_and(|h| (1..=12).contains(&h));
        if !is_hour {
            continue;
        }
        let next = ws.get(i + 1).map(String::as_str);
        let after_cue = i > 0 && BEFORE.contains(&ws[i - 1].as_str());
        // ("does 2 work", "is 2 ok")
        let before_cue = matches!(
            next,
            Some("am" | "pm" | "oclock" | "ish" | "work" | "works" | "ok" | "okay" | "instead")
        );
        if (after_cue || before_cue) && !next.is_some_and(|n| UNITS.contains(&n)) {
            out.push(w.clone());
        }
    }
    out
}

pub fn best_faq(text: &str, profile: &BusinessProfile) -> Option<(usize, f64)> {
    let text = bounded(text);
    FaqIndex::of(profile).as_ref().as_ref()?.best(text)
}

/// One thing owners answer in an FAQ, said in the caller's words and in the owner's: the
/// caller asks "how long r ur springs good for", the owner wrote "Is there a warranty?".
struct FaqConcept {
    token: &'static str,
    /// How callers ask about it.
    asked: &'static [&'static str],
    /// When not empty, a caller's text names the concept only if it also says one of these
    /// ("good for" is a warranty only with "how long"; "come out" a trip fee only with money).
    guard: &'static [&'static str],
    /// Phrases whose words do not name it ("pay again" asks about a warranty, not payment).
    unless: &'static [&'static str],
    /// How owners write it, in a question or an answer.
    written: &'static [&'static str],
}

const FAQ_CONCEPTS: &[FaqConcept] = &[
    // How old one must be, asked by an age and who comes along ("can u get ur nose done at 16
    // if my mom comes w me").
    FaqConcept {
        token: "#age",
        asked: &[
            "how old",
            "at 13",
            "at 14",
            "at 15",
            "at 16",
            "at 17",
            "under 18",
            "im 16",
            "im 17",
            "im 15",
            "parental consent",
            "my mom comes",
            "my dad comes",
            "with a parent",
            "w a parent",
            // ("my son is 7, is he allowed or is that too young")
            "too young",
            "old enough",
            "age limit",
            "minimum age",
            "age requirement",
            "how young",
        ],
        guard: &[],
        unless: &[],
        written: &[
            "how old",
            "age",
            "ages",
            "under 18",
            "minor*",
            "parent*",
            "guardian*",
            "and up",
            "and older",
            "or older",
            "years old",
            "kids",
            "children",
        ],
    },
    // A reaction the caller has had to what we use ("most lash glue gives me itchy puffy
    // eyelids... is that gonna be a problem?").
    FaqConcept {
        token: "#allergy",
        asked: &[
            "allerg*",
            "itchy",
            "itching",
            "itches",
            "rash",
            "hives",
            "puffy",
            "breakout",
            "break out",
            "breaks me out",
            "react*",
            "sensitive skin",
            "sensitive to",
        ],
        guard: &[
            "problem", "issue", "ok", "okay", "safe", "can you", "do you", "will", "gonna",
            "is that", "should i", "what do", "anything",
        ],
        unless: &[],
        written: &[
            "allerg*",
            "hypoallergenic",
            "sensitive skin",
            "sensitive",
            "patch test",
        ],
    },
    FaqConcept {
        token: "#cancel",
        asked: &[
            "cancel*",
            "reschedul*",
            "no show",
            "miss my appointment",
            "miss the appointment",
            "miss a session",
            "miss the session",
            // ("if he gets it and misses do we just lose that lesson or can we make it up")
            "misses",
            "make it up",
            "make up",
            "makeup",
            "lose that lesson",
            "lose the lesson",
            "gets sick",
            "wakes up sick",
            "if im sick",
            "if he is sick",
            "if she is sick",
            "something comes up",
        ],
        // Asked about, not told of ("we had to cancel on the last guy").
        guard: &[
            "if",
            "what happens",
            "policy",
            "fee",
            "fees",
            "charge*",
            "penalty",
            "can i",
            "do i",
            "do we",
            "refund*",
            "lose",
            "notice",
        ],
        unless: &[],
        written: &["cancel*", "reschedul*", "no show*", "notice"],
    },
    FaqConcept {
        token: "#toohigh",
        asked: &[
            "bad enough",
            "too high",
            "high enough",
            "worry about",
            "should i worry",
            "should we worry",
            "safe level",
            "is that bad",
            "is that high",
            "is that safe",
            "is that dangerous",
            "dangerous level",
        ],
        guard: &[],
        unless: &[],
        written: &[
            "too high",
            "safe level*",
            "dangerous level*",
            "action level",
        ],
    },
    FaqConcept {
        token: "#deposit",
        asked: &[
            "deposit*",
            "money down",
            "put down",
            "put money",
            "down payment",
            "to hold my",
            "to hold the",
            "hold my spot",
            "hold the spot",
            "refundable",
            "nonrefundable",
            "non refundable",
            "get it back",
            "get my money back",
        ],
        guard: &[],
        unless: &[],
        written: &["deposit*", "down payment", "forfeit*", "non refundable"],
    },
    FaqConcept {
        token: "#insurance",
        asked: &[
            "insurance",
            "insurer",
            "claim",
            "claims",
            "adjuster",
            "state farm",
            "allstate",
            "geico",
            "progressive",
            "usaa",
            "farmers",
            "nationwide",
            "liberty mutual",
            "travelers",
            "deductible",
            // Health insurers and what a patient pays ("do yall take blue cross or is it all
            // out of pocket").
            "blue cross",
            "blue shield",
            "bcbs",
            "aetna",
            "cigna",
            "humana",
            "united healthcare",
            "unitedhealthcare",
            "kaiser",
            "anthem",
            "medicare",
            "medicaid",
            "tricare",
            "copay",
            "co pay",
            "out of pocket",
        ],
        guard: &[],
        unless: &[],
        written: &[
            "insurance",
            "insurer*",
            "carrier*",
            "claim*",
            "adjuster*",
            "deductible",
        ],
    },
    FaqConcept {
        token: "#warranty",
        asked: &[
            "warrant*",
            "guarante*",
            "good for",
            "last long",
            "lasts",
            "will it last",
            "will they last",
            "do they last",
            "does it last",
            "hold up",
            "holds up",
            "breaks again",
            "stops working",
            "covered if",
            "stand behind*",
            "stands behind",
            "craps out",
            "quits again",
            "dies again",
            "goes out again",
            "fails again",
            "out the money",
            // ("If u replace the vent things and it starts again a month later is that
            // covered or do i pay again")
            "starts again",
            "happens again",
            "does it again",
            "is that covered",
            "is it covered",
            "am i covered",
            "are we covered",
            "pay again",
            "paying again",
            "pay twice",
            // ("...if it starts dying fast again in a few months am i just out of luck or do u
            // guys cover that for a while")
            "cover that",
            "cover it",
            "out of luck",
        ],
        guard: &[
            "stand behind*",
            "stands behind",
            "how long",
            "warrant*",
            "guarante*",
            "covered",
            "again",
            "last",
            "lasts",
        ],
        unless: &[],
        written: &["warrant*", "guarante*", "rated for"],
    },
    FaqConcept {
        token: "#pay",
        asked: &[
            "pay",
            "paying",
            "payment*",
            "personal check",
            "a check",
            "by check",
            "checks",
            "cash",
            "venmo",
            "zelle",
            "apple pay",
            "credit card",
            "debit",
            "visa",
            "amex",
            "mastercard",
        ],
        guard: &[],
        unless: &[
            "pay again",
            "paying again",
            "pay twice",
            "pay for it again",
            "pay all over again",
        ],
        written: &["pay", "payment*", "cash", "venmo", "zelle", "apple pay"],
    },
    FaqConcept {
        token: "#home",
        asked: &[
            "be home",
            "someone there",
            "somebody there",
            "anyone there",
            "let you in",
            "let u in",
            "let yall in",
            "let them in",
            "nobody home",
            "nobodys home",
            "nobodys ever home",
            "not home",
            "wont be home",
            "be present",
            "at work all day",
            "have to be there",
            "need to be there",
            "while im out",
            "while im gone",
            "while im away",
            "while were out",
            "while were gone",
        ],
        guard: &[],
        unless: &[],
        written: &[
            "be home",
            "be there",
            "lockbox",
            "door code",
            "keypad code",
            "let you in",
        ],
    },
    FaqConcept {
        token: "#tripfee",
        asked: &[
            "trip fee",
            "trip charge",
            "service call",
            "come out",
            "comin out",
            "coming out",
            "diagnos*",
            "still owe",
            // ("do u guys go out that far or is there an extra charge for that")
            "that far",
            "go out to",
        ],
        guard: &[
            "owe", "charge*", "cost*", "fee", "fees", "pay", "how much", "extra", "free", "bill*",
        ],
        unless: &[],
        written: &[
            "trip fee",
            "trip charge",
            "service call",
            "diagnos*",
            "travel fee",
            "travel charge",
        ],
    },
    FaqConcept {
        token: "#contract",
        asked: &[
            "contract",
            "monthly",
            "every month",
            "forever",
            "commit*",
            "locked in",
            "month to month",
            "cancel anytime",
        ],
        guard: &[],
        unless: &[],
        written: &["contract", "month to month", "per month", "commit*"],
    },
    FaqConcept {
        token: "#area",
        asked: &[
            "come out to",
            "come to",
            "come across",
            "go to",
            "go out to",
            "service area",
            "do you serve",
            "how far",
            "travel",
        ],
        guard: &[
            "far",
            "serve",
            "cover",
            "extra",
            "charge*",
            "fee",
            "or just",
            "travel",
            "outside",
            "that far",
            "out there",
        ],
        // (Only an entry about what going farther costs: "free inside our service area" on an
        // entry about estimates does not say where we go.)
        unless: &[],
        written: &[
            "travel fee",
            "trip fee",
            "trip charge",
            "mileage",
            "a mile",
            "per mile",
        ],
    },
    // Getting ready for the visit ("do we have to turn it off before your guy comes out").
    FaqConcept {
        token: "#prep",
        asked: &[
            "before you come",
            "before you get here",
            "before your guy",
            "before your tech",
            "before the tech",
            "before they come",
            "before he comes",
            "before she comes",
            "before you guys come",
            "before you all come",
            "before the appointment",
            "before my appointment",
            "ahead of time",
            "to get ready",
            "prep for",
            "prepare for",
        ],
        guard: &[
            "do i",
            "do we",
            "should i",
            "should we",
            "have to",
            "need to",
            "need me",
            "need us",
            "set up",
            "have ready",
            "gotta",
            "anything",
        ],
        unless: &[],
        written: &[
            "have ready",
            "to have ready",
            "set up",
            "before you come",
            "before we come",
            "before we arrive",
            "before we get there",
            "before your appointment",
            "before the appointment",
            "ahead of time",
            "prepare",
            "prep",
        ],
    },
    // Safe for the pets or the children ("is the salt stuff ok for dogs").
    FaqConcept {
        token: "#safe",
        asked: &[
            "ok for dogs",
            "ok for my dog",
            "ok for the dog",
            "ok for cats",
            "ok for my cat",
            "ok for pets",
            "ok for kids",
            "ok for my kids",
            "ok for the kids",
            "ok for babies",
            "okay for dogs",
            "okay for pets",
            "okay for kids",
            "safe for dogs",
            "safe for my dog",
            "safe for cats",
            "safe for pets",
            "safe for kids",
            "safe for my kids",
            "safe for the kids",
            "safe for babies",
            "safe around",
            "hurt my dog",
            "hurt the dog",
            "hurt my cat",
            "hurt the kids",
            "bad for dogs",
            "bad for my dog",
            "bad for pets",
            "toxic",
            "harmful",
        ],
        guard: &[],
        unless: &[],
        written: &[
            "safe for",
            "pet safe",
            "pet-safe",
            "pet friendly",
            "pet-friendly",
            "kid safe",
            "child safe",
            "non-toxic",
            "nontoxic",
            "safe around",
        ],
    },
    // Doing it themselves ("can i bleed the radiators myself?" of "Can I bleed my own
    // radiators?").
    FaqConcept {
        token: "#diy",
        asked: &[
            "myself",
            "my self",
            "on my own",
            "ourselves",
            "diy",
            "by hand",
        ],
        guard: &[
            "can i", "can we", "should i", "could i", "is it ok", "how do i", "how to",
        ],
        unless: &[],
        written: &[
            "my own",
            "our own",
            "yourself",
            "yourselves",
            "on your own",
            "diy",
        ],
    },
    // Leaving while the work or the session goes on ("can i drop him off and run to costco").
    FaqConcept {
        token: "#leave",
        asked: &[
            "run to",
            "run out",
            "run errands",
            "step out",
            "can i leave",
            "can we leave",
            "ok to leave",
            "okay to leave",
            "wait in the car",
            "drop him off and",
            "drop her off and",
            "drop them off and",
            "drop my son off",
            "drop my daughter off",
        ],
        guard: &[],
        unless: &[],
        written: &[
            "leave during",
            "leave while",
            "stay in the building",
            "stay for the",
            "stay on site",
            "can i leave",
            "in between you can leave",
        ],
    },
    // Which make we put in ("my sister says it has to be a Bruno... what kind do you guys put
    // in?"): what owners list as the brands they carry.
    FaqConcept {
        token: "#brands",
        asked: &[
            "what kind do",
            "which kind do",
            "what brand*",
            "which brand*",
            "what make",
            "what makes",
        ],
        guard: &[],
        unless: &[],
        written: &["brand*", "carry", "we sell"],
    },
    // Time running out on what was paid for ("do those run out at some point or are they good
    // whenever i get back"): what owners call expiring.
    FaqConcept {
        token: "#expire",
        asked: &[
            "expire*",
            "run out",
            "runs out",
            "good whenever",
            "still be good",
            "still good",
            "lose them",
            "lose my",
            "use them later",
        ],
        guard: &[],
        unless: &[],
        written: &["expire*", "expiration", "good for"],
    },
    // What happens to what the caller lets go ("do i have to drive all the giveaway bags
    // somewhere myself??").
    FaqConcept {
        token: "#donate",
        asked: &[
            "giveaway",
            "give away",
            "giving away",
            "donat*",
            "goodwill",
            "getting rid of",
            "get rid of",
            "toss pile",
        ],
        guard: &[],
        unless: &[],
        written: &["donat*", "getting rid of", "get rid of", "goodwill"],
    },
    // Which one to buy or use ("does it matter which one i put in mine").
    FaqConcept {
        token: "#choose",
        asked: &[
            "does it matter which",
            "which one should",
            "which one do i",
            "which kind",
            "which type",
            "what kind should",
            "what type should",
            "which brand should",
            "what brand should",
        ],
        guard: &[],
        unless: &[],
        written: &["should i use", "should i buy", "should i get", "what kind"],
    },
    // Papers for someone else ("do you guys give me something to send back to them after? they
    // want proof it got done"): what owners call paperwork or a certificate.
    FaqConcept {
        token: "#paperwork",
        asked: &[
            "proof",
            "paperwork",
            "documentation",
            "in writing",
            "something to send",
            "something to show",
            "something for my insurance",
            "certificate",
        ],
        guard: &[],
        unless: &[],
        written: &["paperwork", "certificate*", "documentation", "proof"],
    },
    // Being seen ("do your trucks say biohazard all over them? my street is the nosiest street"):
    // what the owner says of unmarked vans and keeping quiet.
    FaqConcept {
        token: "#discreet",
        asked: &[
            "discreet*",
            "discretion",
            "unmarked",
            "nosy",
            "nosey",
            "nosiest",
            "neighbors see",
            "neighbors know",
            "neighbors will see",
            "neighbors will know",
            "neighbours see",
            "neighbours know",
            "everyone knowing",
            "everyone will know",
            "people knowing",
            "trucks say",
            "truck say",
            "vans say",
            "van say",
            "logo on",
            "logos on",
        ],
        guard: &[],
        unless: &[],
        written: &[
            "unmarked",
            "discreet*",
            "plain clothes",
            "neighbors",
            "neighbours",
        ],
    },
    // Being fetched by us ("we dont have a car this trip. do yall come get ppl for the tours"):
    // what the owner calls a shuttle or a pickup.
    FaqConcept {
        token: "#pickup",
        asked: &[
            "come get us",
            "come get me",
            "come get people",
            "come get ppl",
            "come get peopl",
            "pick us up",
            "pick me up",
            "pick up from",
            "pickup from",
            "shuttle",
            "give us a ride",
            "give me a ride",
            "get a ride",
            "uber",
            "lyft",
            "dont have a car",
            "no car",
        ],
        guard: &[],
        unless: &[],
        written: &[
            "shuttle",
            "picks you up",
            "pick you up",
            "pick up from",
            "pickup",
            "van",
        ],
    },
    // What is on a device, kept or lost through a repair ("do u guys have to wipe the phone or
    // whatever? i got like 4 yrs of baby pics on it").
    FaqConcept {
        token: "#data",
        asked: &[
            "wipe",
            "wiped",
            "wiping",
            "erase",
            "erased",
            "reset",
            "factory reset",
            "lose my photos",
            "lose my pics",
            "lose my pictures",
            "lose my data",
            "lose everything",
            "lose all my",
            "deleted",
        ],
        guard: &[],
        unless: &[],
        written: &["data", "reset", "wipe*", "erase*"],
    },
    // What a visit needs from the home ("do you need to plug the van into our garage or hook up
    // to the hose?"): what the owner calls self-contained, a generator, their own water.
    FaqConcept {
        token: "#hookup",
        asked: &[
            "plug into",
            "plug in",
            "plug the",
            "plug it",
            "hook up to",
            "hook into",
            "hookup",
            "hook up",
            "use my hose",
            "use our hose",
            "use my water",
            "use our water",
            "use my power",
            "use our power",
            "use my electric*",
            "use our electric*",
            "extension cord",
            "an outlet",
            "our outlet",
            "my outlet",
            "spigot",
        ],
        guard: &[],
        unless: &[],
        written: &[
            "self-contained",
            "self contained",
            "generator",
            "own water",
            "own power",
            "plug into",
            "hook up",
            "outlet",
        ],
    },
    // A test taken on paper ("is there like a paper test for the normal cpr one"): what the
    // owner calls a written exam.
    FaqConcept {
        token: "#written",
        asked: &[
            "paper test",
            "paper exam",
            "written test",
            "written exam",
            "written part",
            "multiple choice",
            "test on paper",
            "book test",
        ],
        guard: &[],
        unless: &[],
        written: &["written"],
    },
    // Coming without booking ("do u guys let ppl just show up for a dude cut or do i gotta
    // book it"): what the owner calls walk-ins.
    FaqConcept {
        token: "#walkin",
        asked: &[
            "walk in",
            "walk ins",
            "walkin",
            "walkins",
            "just show up",
            "show up without",
            "just come in",
            "just stop in",
            "just drop in",
            "without an appointment",
            "without an appt",
            "without booking",
            "no appointment",
            "no appt",
            "do i gotta book",
            "do i have to book",
            "do i need to book",
            "do we need to book",
            "do i need an appointment",
            "do i need an appt",
            "do we need an appointment",
            "do i need to make an appointment",
        ],
        guard: &[],
        unless: &[],
        written: &["walk-in*", "walk in*", "appointment only", "by appointment"],
    },
    // The mess a visit leaves ("we just put in new cream colored carpet. is this gonna get soot
    // all over it?"): what the owner answers with drop cloths and a clean-up.
    FaqConcept {
        token: "#mess",
        asked: &[
            "soot all over",
            "soot everywhere",
            "soot on",
            "dust all over",
            "dust everywhere",
            "dirt all over",
            "dirt everywhere",
            "mud all over",
            "mess up my",
            "mess up the",
            "messy",
            "make a mess",
            // ("is refinishing gonna fill the whole house with sawdust?")
            "sawdust",
            "saw dust",
            "get everything dirty",
            "ruin my carpet",
            "ruin the carpet",
            "ruin my floor*",
            "stain my carpet",
        ],
        guard: &[],
        unless: &[],
        written: &[
            "mess",
            "messy",
            "dust",
            "dusty",
            "drop cloth*",
            "hepa",
            "shoe covers",
            "booties",
            "tarps",
            "clean up after",
        ],
    },
    // Another state named by its name ("moved here from denver in june. can yall do my colorado
    // taxes too"): what the owner writes as other states.
    FaqConcept {
        token: "#state",
        asked: &[
            "alabama",
            "alaska",
            "arizona",
            "arkansas",
            "california",
            "colorado",
            "connecticut",
            "delaware",
            "florida",
            "georgia",
            "hawaii",
            "idaho",
            "illinois",
            "indiana",
            "iowa",
            "kansas",
            "kentucky",
            "louisiana",
            "maine",
            "maryland",
            "massachusetts",
            "michigan",
            "minnesota",
            "mississippi",
            "missouri",
            "montana",
            "nebraska",
            "nevada",
            "new hampshire",
            "new jersey",
            "new mexico",
            "new york",
            "north carolina",
            "north dakota",
            "ohio",
            "oklahoma",
            "oregon",
            "pennsylvania",
            "rhode island",
            "south carolina",
            "south dakota",
            "tennessee",
            "texas",
            "utah",
            "vermont",
            "virginia",
            "washington",
            "west virginia",
            "wisconsin",
            "wyoming",
            "out of state",
            "another state",
            "other state",
            "other states",
            "different state",
        ],
        // (A state said of where one lives, moved from, is licensed or files: not "4410
        // maryland st".)
        guard: &[
            "moved", "move", "moving", "from", "live", "lived", "living", "tax", "taxes", "return",
            "returns", "license", "licensed", "too", "also",
        ],
        unless: &[],
        written: &[
            "state",
            "states",
            "out-of-state",
            "multi-state",
            "multistate",
        ],
    },
    // Leaving the thing with us for a while ("cant grab it for a while after... do u charge to
    // keep it there?"): what the owner calls storage.
    FaqConcept {
        token: "#storage",
        asked: &[
            "storage",
            "store it",
            "store my",
            "keep it there",
            "keep it at",
            "keep it for",
            "leave it there",
            "leave it with",
            "leave it at",
            "hold it",
            "hold onto it",
            "hold on to it",
            "hang on to it",
            "hang onto it",
            "hang on to my",
            "sit there",
            "sits there",
            "cant grab it",
            "cant pick it up",
            "pick it up later",
        ],
        guard: &[
            "charge", "fee", "cost", "pay", "extra", "how long", "ok", "okay", "can i", "is it",
        ],
        unless: &[],
        written: &["storage", "stored", "store"],
    },
    // A referral or a prescription from a doctor.
    FaqConcept {
        token: "#referral",
        asked: &[
            "referral",
            "referal",
            "refferal",
            "referred",
            "dr note",
            "doctors note",
            "doctor note",
            "prescription",
            "script from",
            "from my doctor",
            "from my dr",
        ],
        guard: &[],
        unless: &[],
        written: &["referral", "prescription", "direct access"],
    },
    FaqConcept {
        token: "#bring",
        asked: &[
            "bring anything",
            "bring with",
            "need to bring",
            "what to bring",
            "should i bring",
            "do i bring",
            "have to bring",
            "should we bring",
            "do we bring",
            // ("...i already bought the oil and a filter, can i bring those or do i have to
            // buy urs?")
            "can i bring",
            "can we bring",
            "bring my own",
            "bring our own",
            "bring those",
            "bring them",
            // ("do i have to haul the whole tank in or what?")
            "haul the",
            "haul it in",
            "haul in",
            "lug the",
            "drag the",
        ],
        guard: &[],
        unless: &[],
        written: &["bring", "carrier"],
    },
    // Closing for the visit ("do we have to shut down for it tho? we open at 11").
    FaqConcept {
        token: "#shutdown",
        asked: &[
            "shut down",
            "close down",
            "have to close",
            "have to shut",
            "need to close",
            "need to shut",
            "close the kitchen",
            "shut the kitchen",
            "close the shop",
            "close the store",
            "stop cooking",
        ],
        guard: &[],
        unless: &[],
        written: &[
            "close the kitchen",
            "have to close",
            "shut down",
            "closed for",
            "close for",
            "stay open",
        ],
    },
    // What we bring to the job ("do i need to buy the bracket thing myself or do yall bring
    // one?").
    FaqConcept {
        token: "#supplies",
        asked: &[
            "do you bring",
            "you bring",
            "you all bring",
            "you guys bring",
            "yall bring",
            "bring one",
            "bring your own",
            "buy it myself",
            "buy one myself",
            "buy myself",
            "need to buy",
            "have to buy",
            "do you supply",
            "do you provide the",
        ],
        guard: &[],
        unless: &[],
        written: &[
            "we bring",
            "bring all",
            "bring our own",
            "bring your own",
            "supplies",
            "hardware",
            "materials",
            "equipment",
        ],
    },
    FaqConcept {
        token: "#duration",
        asked: &[
            "how long",
            "how many days",
            "how soon can i get",
            "when will it be ready",
            "when will they be ready",
            "when would it be ready",
            "turnaround",
            "stuck without",
            "stuck wearing",
            "be without",
        ],
        // Not how long the business has been around, nor how long a repair holds up.
        guard: &[
            "til",
            "till",
            "until",
            "days or weeks",
            "hours or days",
            "gonna be",
            "going to be",
            "be here",
            "be there",
            "be at",
            "take",
            "takes",
            "taking",
            "ready",
            "get",
            "back",
            "stuck",
            "be without",
            "without",
            "turnaround",
            "wait",
            "keep",
            "have",
        ],
        unless: &[],
        written: &[
            "how long",
            "business days",
            "turnaround",
            "ready in",
            "ready within",
            "takes about",
            "take about",
        ],
    },
    // Done the same day, while the caller waits ("can u do it same day or is that a whole
    // thing"), written by owners as a rush or same-day service.
    FaqConcept {
        token: "#rush",
        asked: &[
            "same day",
            "same-day",
            "rush job",
            "rush service",
            "rush fee",
            "rush order",
            "rush it",
            "done today",
            "back today",
            "while i wait",
            "while you wait",
            "while i am there",
            "while im there",
            "in one day",
        ],
        guard: &[],
        unless: &["rush hour", "no rush", "not in a rush"],
        written: &["same-day", "same day", "rush", "while you wait", "express"],
    },
    // A car to get around in while the caller's is in the shop ("do yall do loaners or how am
    // i supposed to get to work"), written as a rental or a loaner.
    FaqConcept {
        token: "#loaner",
        asked: &[
            "loaner*",
            "courtesy car",
            "rental car",
            "a rental",
            "get a ride",
            "shuttle",
        ],
        guard: &[],
        unless: &[],
        written: &[
            "loaner*",
            "courtesy car",
            "rental car",
            "the rental",
            "a rental",
            "shuttle",
        ],
    },
    // What to do, or not do, right after the work ("can i roll the windows down", "can i
    // shower tonight"), written by owners as the care after it.
    FaqConcept {
        token: "#aftercare",
        asked: &[
            "roll the windows down",
            "roll my windows down",
            "roll them down",
            "roll em down",
            "roll down",
            "mess it up",
            "mess them up",
            "ruin it",
            "ruin them",
            "get it wet",
            "get them wet",
            "take care of it",
            "take care of them",
            "aftercare",
            "after care",
        ],
        guard: &[
            "can i",
            "can we",
            "will that",
            "will it",
            "is it ok",
            "is it okay",
            "should i",
            "ok to",
            "okay to",
            "how do i",
            "what do i",
        ],
        unless: &[],
        written: &[
            "after i get",
            "after we get",
            "aftercare",
            "after care",
            "after your appointment",
            "after the appointment",
            "first few days",
        ],
    },
    // How long to wait after the work before something ("can i paint it that night or do i
    // gotta wait"), written "How long before I can paint?".
    FaqConcept {
        token: "#waitbefore",
        asked: &[
            "gotta wait",
            "have to wait",
            "need to wait",
            "wait before",
            "wait till",
            "wait until",
            "how long before",
            "how long till",
            "how long until",
            "how long after",
            "how soon can i",
            "how soon can we",
            "that night",
            "same day",
            "right away",
            "right after",
        ],
        guard: &[
            "can i", "can we", "do i", "do we", "should i", "how soon", "how long",
        ],
        unless: &[],
        written: &[
            "how long before",
            "how soon",
            "how long after",
            "how long until",
            "wait before",
            "ready for paint",
            "ready to",
            "to dry",
            "dry time",
            "drying time",
            "to cure",
        ],
    },
    // The weather on the day ("what if its crazy windy or snowing").
    FaqConcept {
        token: "#weather",
        asked: &[
            "weather", "windy", "wind", "snowing", "snows", "snow", "raining", "rains", "rain",
            "storm*", "too cold", "freezing", "icy",
        ],
        guard: &[
            "if",
            "what if",
            "what happens",
            "in case",
            "cancel*",
            "still",
            "lose",
            // ("is it a bad idea this time of year w all the rain")
            "bad idea",
            "good idea",
        ],
        unless: &[],
        written: &["weather", "wind*", "snow*", "rain*", "storm*", "cold"],
    },
    // Work in the cold season ("do u guys even do floors in the winter or should we wait til
    // spring? its 5 below out").
    FaqConcept {
        token: "#season",
        asked: &[
            "in the winter",
            "in winter",
            "this winter",
            "over the winter",
            "during winter",
            "this time of year",
            "wait til spring",
            "wait till spring",
            "wait until spring",
            "below zero",
            "below out",
            "degrees out",
        ],
        guard: &[],
        unless: &[],
        // ("Do you work in the rain or cold?" answers the winter question.)
        written: &[
            "winter",
            "year round",
            "cold months",
            "all year",
            "or cold",
            "in the cold",
            "cold weather",
            "below freezing",
        ],
    },
    // Brothers and sisters, or a baby, brought along.
    FaqConcept {
        token: "#siblings",
        asked: &[
            "no sitter",
            "no babysitter",
            "bring the baby",
            "bring my baby",
            "bring my toddler",
            "bring the kids",
            "bring my other",
            "bring his brother",
            "bring her brother",
            "bring his sister",
            "bring her sister",
            "tag along",
            "come along",
            "bring him along",
            "bring her along",
            "bring them along",
            // "my 1 yr old along"
            "old along",
        ],
        guard: &[],
        unless: &[],
        written: &["sibling*", "brothers", "sisters", "tag along", "come along"],
    },
    FaqConcept {
        token: "#extra",
        asked: &[
            "cost more",
            "costs more",
            "charge more",
            "charge extra",
            "cost extra",
            "costs extra",
            "more than the regular",
            "more than usual",
            "more than normal",
            "upcharge",
            "additional charge",
            "additional fee",
        ],
        guard: &[],
        unless: &[],
        written: &["extra", "additional", "surcharge", "fee", "on top"],
    },
    FaqConcept {
        token: "#sessions",
        asked: &[
            "how many times",
            "how many sessions",
            "how many visits",
            "how many treatments",
            "how many appointments",
            "how many rounds",
            "how many lessons",
        ],
        guard: &[],
        unless: &[],
        written: &[
            "how many sessions",
            "how many treatments",
            "how many visits",
            "how many lessons",
            "sessions",
            "treatments",
            "series of",
        ],
    },
    FaqConcept {
        token: "#financing",
        asked: &[
            "spread it out",
            "spread out",
            "payment plan*",
            "monthly payment*",
            "financ*",
            "pay over time",
            "pay it off",
            "installment*",
            "pay monthly",
        ],
        guard: &[],
        unless: &[],
        written: &[
            "payment plan*",
            "financ*",
            "per month",
            "a month",
            "monthly",
            "installment*",
            "carecredit",
        ],
    },
    FaqConcept {
        token: "#cost",
        asked: &[
            "what does it run",
            "what do they run",
            "what would it run",
            "what will it run",
            "does it run",
            "run me",
            "set me back",
            "ballpark",
        ],
        guard: &[],
        unless: &[],
        written: &["cost*", "how much", "price*"],
    },
    // "Do i need to run a hose out for u or plug u in somewhere?" asks "Do you need my water or
    // electricity?".
    FaqConcept {
        token: "#utilities",
        asked: &[
            "hose",
            "hoses",
            "spigot",
            "spigots",
            "faucet",
            "outlet",
            "outlets",
            "plug in",
            "plug into",
            "plug u in",
            "plug you in",
            "plug them in",
            "extension cord",
            "my water",
            "our water",
            "your own water",
            "my electric*",
            "our electric*",
            "my power",
            "our power",
            "your own power",
        ],
        // Asked about what the crew needs, not told of a leaking hose or a dead outlet.
        guard: &[
            "need", "use", "run", "bring", "have to", "got to", "supply", "provide", "hook",
        ],
        unless: &[],
        written: &[
            "hose*",
            "spigot*",
            "outlet*",
            "electric*",
            "own water",
            "own power",
            "generator",
            "water or power",
            "water or electricity",
        ],
    },
    FaqConcept {
        token: "#returns",
        asked: &[
            "give them back",
            "give em back",
            "give it back",
            "bring them back",
            "bring it back",
            "send them back",
            "send it back",
            "return them",
            "return it",
            "take them back",
            "take it back",
            "trial",
            "try them out",
            "try it out",
        ],
        guard: &[],
        unless: &[],
        written: &["return*", "trial", "money back", "refund*", "exchange*"],
    },
    FaqConcept {
        token: "#vetting",
        asked: &[
            "vet the",
            "vet your",
            "vet them",
            "vet their",
            "vetted",
            "vetting",
            "background check*",
            "screen the",
            "screen your",
            "screened",
            "hire whoever",
            "who are these people",
            "criminal record*",
            "drug test*",
            "trustworthy",
            "can i trust",
        ],
        guard: &[],
        unless: &[],
        written: &[
            "background check*",
            "screened",
            "screening",
            "vetted",
            "fingerprint*",
            "drug screen*",
            "drug test*",
            "reference check*",
        ],
    },
];

/// The concepts a text names, as callers ask (`asked`) or as owners write.
fn faq_concepts(text: &str, asked: bool) -> Vec<&'static FaqConcept> {
    let t_all = super::detect::Text::new(text);
    let t = &t_all;
    FAQ_CONCEPTS
        .iter()
        .filter(|c| {
            if asked {
                let t = if c.unless.is_empty() {
                    None
                } else {
                    Some(t.without(c.unless))
                };
                let t = t.as_ref().unwrap_or(&t_all);
                t.any(c.asked) && (c.guard.is_empty() || t.any(c.guard))
            } else {
                t.any(c.written)
            }
        })
        .collect()
}

/// The stems a concept's written forms are made of ("warrant" for "warrant*").
fn concept_stems(c: &FaqConcept) -> Vec<(String, bool)> {
    c.written
        .iter()
        .chain(c.asked.iter())
        .flat_map(|e| {
            let prefix = e.ends_with('*');
            let n = words(e.trim_end_matches('*')).len();
            words(e.trim_end_matches('*'))
                .into_iter()
                .enumerate()
                .filter(|(_, w)| !STOP.contains(&w.as_str()))
                .map(move |(k, w)| (stem(&w), prefix && k + 1 == n))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The FAQ entries' words and weights, built once per text.
struct FaqIndex {
    docs: Vec<std::collections::HashMap<String, f64>>,
    /// Each entry's question, as content words.
    asked: Vec<Vec<String>>,
    /// The words the business names its work with (in its name, or in two services' names):
    /// "coat" in "Can you coat a floor in winter?" at a floor coater is what any caller asking
    /// means by "do".
    trade: Vec<String>,
    /// The answers' pairs of words said one after the other ("box spring", "red bank") and
    /// acronyms ("DLS") that only one entry has, with that entry: a caller who says one asks it.
    marks: std::collections::HashMap<String, usize>,
}

/// A text's marks (see `FaqIndex::marks`): its pairs of content words in a row within a
/// sentence, and (when `acronyms`) its words written in capitals, two to five letters.
fn faq_marks(text: &str, acronyms: bool) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    for sentence in text.split(['.', '?', '!', ',', ';', ':', '(', ')', '\n']) {
        let ws = content_words(sentence);
        for pair in ws.windows(2) {
            if pair[0] != pair[1] && pair.iter().all(|w| !w.chars().all(|c| c.is_ascii_digit())) {
                out.insert(format!("{} {}", pair[0], pair[1]));
            }
        }
        if acronyms {
            for raw in sentence.split_whitespace() {
                let w = raw.trim_matches(|c: char| !c.is_ascii_alphanumeric());
                // (Not a word written loud: "OK", "NO", "AM".)
                let plain = [
                    "OK", "NO", "AM", "PM", "US", "IT", "IS", "ID", "TV", "ALL", "NOT", "ANY",
                    "YES", "FREE", "NEW", "ONLY", "NOW", "ASAP", "FYI", "PLUS", "EACH", "AND",
                    "OR", "THE",
                ];
                if (2..=5).contains(&w.len())
                    && w.chars().all(|c| c.is_ascii_uppercase())
                    && !plain.contains(&w)
                {
                    out.insert(w.to_lowercase());
                }
            }
        }
    }
    out
}

impl FaqIndex {
    /// The profile's index, built once per profile value.
    fn of(profile: &BusinessProfile) -> std::sync::Arc<Option<Self>> {
        profile.derived(FaqIndex::new)
    }

    fn new(profile: &BusinessProfile) -> Option<Self> {
        if profile.faq.is_empty() {
            return None;
        }
        // A word of the question or the keywords says what the entry is about; a word only in
        // the answer counts less ("outside" in "for outside work you don't need to be home" does
        // not make "just the outside windows" a question about being home), unless it is a name
        // or a figure ("Venmo", "CSIA", "Gorham", "10 days").
        let docs = profile
            .faq
            .iter()
            .map(|f| {
                let mut d = std::collections::HashMap::new();
                let mut sentence_start = true;
                for raw in f.a.split_whitespace() {
                    // ("Check, card or ACH": a capital that only opens a sentence is no name.)
                    let proper = raw.starts_with(|c: char| c.is_ascii_digit())
                        || raw.starts_with(char::is_uppercase) && !sentence_start;
                    sentence_start = raw.ends_with(['.', '!', '?', ':']);
                    for w in content_words(raw) {
                        let weight: f64 = if proper { 1.0 } else { 0.85 };
                        let e = d.entry(w).or_insert(0.0);
                        *e = weight.max(*e);
                    }
                }
                for w in content_words(&format!("{} {}", f.q, f.keywords.join(" "))) {
                    d.insert(w, 1.0);
                }
                // What the entry is about, however it is worded: a concept in the question
                // counts fully, one only in the answer as an answer word does.
                for c in faq_concepts(&f.a, false) {
                    d.entry(c.token.to_string()).or_insert(0.85);
                }
                for c in faq_concepts(&format!("{} {}", f.q, f.keywords.join(" ")), false) {
                    d.insert(c.token.to_string(), 1.0);
                }
                d
            })
            .collect();
        // ("Policy" in "What's your cancellation policy?" is how owners title it, not what
        // callers say.)
        // A concept in the question stands for its words ("Is there a warranty?" is asked by
        // "how long are they good for").
        let asked: Vec<Vec<String>> = profile
            .faq
            .iter()
            .map(|f| {
                // "Do I need to be home while you clean?": what comes after "while" is when,
                // not what is asked.
                // (Cut the lower-cased text itself: lower-casing can change byte lengths.)
                let lower = f.q.to_lowercase();
                let q = ["while", "when", "during"]
                    .iter()
                    .filter_map(|w| lower.find(&format!(" {w} ")))
                    .min()
                    .map_or(f.q.clone(), |at| lower[..at].to_string());
                let q = if content_words(&q).is_empty() {
                    f.q.clone()
                } else {
                    q
                };
                let concepts = faq_concepts(&q, false);
                let of_concept = |w: &String| {
                    concepts.iter().any(|c| {
                        concept_stems(c)
                            .iter()
                            .any(|(st, prefix)| st == w || *prefix && w.starts_with(st.as_str()))
                    })
                };
                let mut asked: Vec<String> = content_words(&q)
                    .into_iter()
                    .filter(|w| {
                        !["polici", "rule", "process", "procedur", "cover", "includ"]
                            .contains(&w.as_str())
                            // ("Do I need to do anything before you come?": what is asked is
                            // the getting ready, not "anything".)
                            && !["anyth", "someth", "everyth"]
                                .iter()
                                .any(|f| w.starts_with(f))
                            && !STOP.contains(&w.as_str())
                            && !of_concept(w)
                    })
                    .collect();
                asked.extend(concepts.iter().map(|c| c.token.to_string()));
                asked
            })
            .collect();
        // A word most entries' questions use is what the whole business is about ("pet" at a
        // vet): an entry does not need it asked.
        let common: Vec<String> = {
            let mut counts: std::collections::HashMap<&String, usize> = Default::default();
            for a in &asked {
                let a: &Vec<String> = a;
                for w in a.iter().collect::<std::collections::HashSet<&String>>() {
                    *counts.entry(w).or_default() += 1;
                }
            }
            let n = asked.len();
            counts
                .into_iter()
                .filter(|(w, c)| !w.starts_with('#') && *c >= 3 && *c * 10 >= n * 3)
                .map(|(w, _)| w.clone())
                .collect()
        };
        // ...and so is a word of the business's own name ("tinted" at a tint shop): "What do I
        // do after I get it tinted?" is asked by "can i roll the windows down".
        let own_name = content_words(&profile.business.name);
        let asked = asked
            .into_iter()
            .map(|a: Vec<String>| {
                let kept: Vec<String> = a
                    .iter()
                    .filter(|w| !common.contains(w) && !own_name.contains(w))
                    .cloned()
                    .collect();
                if kept.is_empty() {
                    a
                } else {
                    kept
                }
            })
            .collect();
        // (Only the work most of it is: a word of two services' names or of the business's
        // own; "feeding evaluation", one service, is what "What should we bring to a feeding
        // evaluation?" is about.)
        let mut trade: Vec<String> = content_words(&profile.business.name);
        let named: Vec<Vec<String>> = profile
            .services
            .iter()
            .map(|s| content_words(&s.name))
            .collect();
        for (k, ws) in named.iter().enumerate() {
            for w in ws {
                if named[k + 1..].iter().any(|o| o.contains(w)) && !trade.contains(w) {
                    trade.push(w.clone());
                }
            }
        }
        // (A pair with a word of the trade, "grease trap" at a grease trap cleaner, "old paper"
        // at a paper hanger, is what callers say of any job, not a mark of one entry.)
        let mut trade_words: std::collections::HashSet<String> =
            content_words(&profile.business.name).into_iter().collect();
        for s in &profile.services {
            trade_words.extend(content_words(&s.name));
            for k in &s.keywords {
                trade_words.extend(content_words(k));
            }
        }
        // (The answer's own: the question's words are asked already.)
        let mut owners: std::collections::HashMap<String, Option<usize>> = Default::default();
        for (i, f) in profile.faq.iter().enumerate() {
            for mark in faq_marks(&f.a, true) {
                if !mark.split(' ').any(|w| trade_words.contains(w)) {
                    owners
                        .entry(mark)
                        .and_modify(|o| *o = None)
                        .or_insert(Some(i));
                }
            }
        }
        let marks = owners
            .into_iter()
            .filter_map(|(mark, owner)| owner.map(|i| (mark, i)))
            .collect();
        Some(Self {
            docs,
            asked,
            trade,
            marks,
        })
    }

    fn best(&self, text: &str) -> Option<(usize, f64)> {
        let mut query = asked_words(text);
        // "My poodle mix is super matted" asks "What if my dog is matted?": a breed says
        // which kind of animal.
        let t = super::detect::Text::new(text);
        for (kind, breeds) in [("dog", super::detect::DOG_BREEDS), ("cat", CATS_AS_SAID)] {
            let st = stem(kind);
            if !query.contains(&st) && t.any(breeds) {
                query.push(st);
            }
        }
        let wh = asks_wh(text);
        if query.is_empty() {
            return None;
        }
        // The words of the sentences that ask ("...on a saturday night do u guys even come
        // out?"): an entry whose whole question is in one of them fits a long text.
        // (A question already cut from its text, without its "?", is one such sentence.)
        let asking: Vec<String> = if !text.contains('?') && is_question(text) && query.len() <= 12 {
            query.clone()
        } else if !text.contains('?') {
            // (...or the sentences that ask, in a longer text without one: "do u guys let ppl
            // just show up for a dude cut or do i gotta book it. my schedules all over the
            // place".)
            text.split(['.', '!', '\n'])
                .filter(|p| is_question(p))
                .flat_map(asked_words)
                .collect()
        } else {
            text.split_inclusive('?')
                .filter(|p| p.trim_end().ends_with('?'))
                .map(|p| p.rsplit(['.', '!', '\n']).next().unwrap_or(p))
                .flat_map(asked_words)
                .collect()
        };
        // An entry's words must all be asked; of its concepts ("#area", "#tripfee" for "Is
        // there a trip fee?"), one is enough: they are ways of saying the same words.
        // (A word of the entry that is itself one of the concept's written forms, "insurance"
        // of "Do you work with insurance?", is said by naming the concept: "allstate", "claim".)
        let covers = |asked: &Vec<String>, said: &Vec<String>| {
            let (concepts, plain): (Vec<&String>, Vec<&String>) =
                asked.iter().partition(|w| w.starts_with('#'));
            let concept_said: Vec<&FaqConcept> = FAQ_CONCEPTS
                .iter()
                .filter(|c| {
                    concepts.iter().any(|t| *t == c.token) && said.iter().any(|w| w == c.token)
                })
                .collect();
            let by_concept = |w: &String| {
                concept_said.iter().any(|c| {
                    concept_stems(c)
                        .iter()
                        .any(|(st, prefix)| st == w || *prefix && w.starts_with(st.as_str()))
                })
            };
            // (With the concept said, the entry's generic words, "work" of "do you work with",
            // need not be; nor its vague ones: "What happens to the stuff I'm getting rid of?"
            // is asked by "do i have to drive all the giveaway bags somewhere myself".)
            let generic = |w: &String| {
                !concept_said.is_empty()
                    && (GENERIC_STEMS.contains(w)
                        || ["happen", "stuff", "thing", "know"].contains(&w.as_str()))
            };
            let missing: Vec<&&String> = plain
                .iter()
                .filter(|w| !(said.contains(w) || by_concept(w) || generic(w)))
                .collect();
            // (Nor one word for the work the business does, beside a word of the entry that was
            // said: "is it even possible to do a garage floor this time of year" asks "Can you
            // coat a floor in winter?" at a floor coater.)
            let only_the_work = matches!(missing.as_slice(), [w] if self.trade.contains(w))
                && !concept_said.is_empty()
                && plain.iter().any(|w| said.contains(w));
            (missing.is_empty() || only_the_work)
                && (concepts.is_empty() || concepts.iter().any(|c| said.contains(c)))
        };
        let in_question = |asked: &Vec<String>| covers(asked, &asking);
        let docs = &self.docs;
        let n = docs.len() as f64;
        let idf = |t: &str| {
            let df = docs.iter().filter(|d| d.contains_key(t)).count() as f64;
            ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
        };
        // Words the caller used that no entry has still count against the match (an unknown
        // topic), at half weight: callers wrap questions in chatter ("wait", "honestly").
        let unknown_weight = 0.5 * (n + 1.0).ln();
        // (A concept no entry is about adds nothing: it is another way of saying words that
        // are counted already.)
        let total: f64 = query
            .iter()
            .map(|t| {
                if docs.iter().any(|d| d.contains_key(t)) {
                    idf(t)
                } else if t.starts_with('#') {
                    0.0
                } else {
                    unknown_weight
                }
            })
            .sum();
        // A mark of one entry only, said by the caller ("mattress n box spring", "my moms in
        // red bank", "my insurance only does DLS").
        let said_marks: std::collections::HashSet<String> = {
            let mut m = faq_marks(text, false);
            m.extend(words(text));
            m
        };
        let mut marked: Vec<usize> = said_marks
            .iter()
            .filter_map(|mark| self.marks.get(mark).copied())
            .collect();
        marked.sort_unstable();
        marked.dedup();
        let mut best: Option<(usize, f64)> = None;
        for (i, d) in docs.iter().enumerate() {
            let s: f64 = query
                .iter()
                .filter_map(|t| d.get(t).map(|w| w * idf(t)))
                .sum::<f64>()
                / total.max(1e-9);
            // Every word of the entry's own question was asked ("do i pay when u come or do u
            // need it beforehand" asks "How do I pay?"): it fits whatever else was said.
            let asked = &self.asked[i];
            // (A one-word entry, "How old do I have to be?", only for a short question or one
            // asked with what/how ("what happens if we cancel the day of"): not every long
            // story with "old" in it.)
            // (A concept is a phrase, not one word: it fits a long text.)
            let fits = asked.len() >= 2
                || asked.iter().any(|w| w.starts_with('#'))
                || query.len() <= 4
                || wh
                || in_question(asked);
            let s = if fits && !asked.is_empty() && covers(asked, &query) {
                s.max(0.55)
            } else {
                s
            };
            let s = if marked == [i] { s.max(0.6) } else { s };
            if s > 0.0 && best.is_none_or(|(_, b)| s > b) {
                best = Some((i, s));
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> BusinessProfile {
        BusinessProfile::from_toml(include_str!("../../examples/daves-plumbing.toml")).unwrap()
    }

    /// The example plumber with these FAQ entries (question, answer) instead of its own.
    fn with_entries(entries: &[(&str, &str)]) -> BusinessProfile {
        let mut p = profile();
        p.faq = entries
            .iter()
            .map(|(q, a)| crate::domain::profile::Faq {
                q: q.to_string(),
                a: a.to_string(),
                keywords: vec![],
            })
            .collect();
        p
    }

    /// The example plumber with one more FAQ entry (the last).
    fn with_faq(q: &str, a: &str) -> BusinessProfile {
        let mut p = profile();
        p.faq.push(crate::domain::profile::Faq {
            q: q.into(),
            a: a.into(),
            keywords: Vec::new(),
        });
        p
    }

    /// The example plumber with more services: TOML added right after its drain cleaning entry.
    fn plumber_with(extra: &str) -> BusinessProfile {
        BusinessProfile::from_toml(&include_str!("../../examples/daves-plumbing.toml").replace(
            "name = \"Drain cleaning\"",
            &format!("name = \"Drain cleaning\"{extra}"),
        ))
        .unwrap()
    }

    /// The name of the service that scores best for a text (near-tie or not).
    fn best_named(text: &str, p: &BusinessProfile) -> Option<String> {
        score_services(text, p).map(|m| p.services[m.best].name.clone())
    }

    /// The name of the service a text picks.
    fn picked<'p>(text: &str, p: &'p BusinessProfile) -> Option<&'p str> {
        match_service(text, p).map(|i| p.services[i].name.as_str())
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
        assert_eq!(extract_name("its parked out front, 12 Elm St"), None);
        assert_eq!(extract_name("its dana").as_deref(), Some("Dana"));
        // A name signed before the address or at the end of the text.
        for (text, name) in [
            (
                "anything after 3 on a weekday, im at work till then. Sam Okafor, 20788 Pinebrook Blvd, Bend",
                "Sam Okafor",
            ),
            ("friday afternoon if u have it. Tom Becker 9 Lindworth Dr sunset hills", "Tom Becker"),
            ("they get gritty every afternoon at the computer. Linda Marsh", "Linda Marsh"),
            ("wood fireplace, we use it most nights. Nancy Albright, 61450 Blakely Rd in Bend", "Nancy Albright"),
            ("whats ur soonest? Dana, 88 N Lake Ave Pasadena", "Dana"),
            ("hey its rosa diaz. the sink is clogged", "Rosa Diaz"),
        ] {
            assert_eq!(extract_name(text).as_deref(), Some(name), "{text}");
        }
        for text in [
            "it's at 12 Oak St, Tampa FL",
            "can you come Saturday Morning",
            "sometime next week. Saturday Morning",
            "we're out past 88 Bay Rd, Cape Elizabeth",
            "yes thats fine",
            "Thanks, 88 N Lake Ave",
            "Tuesday, 88 N Lake Ave",
            "hey its pretty bad. the sink",
        ] {
            assert_eq!(extract_name(text), None, "{text}");
        }
        assert_eq!(bare_name("yes thats fine"), None);
        // One name signing off.
        for (text, name) in [
            (
                "whats the earliest u can come. 56 Oak Creek Dr in Waverly, Jolene",
                "Jolene",
            ),
            (
                "next tuesday if yall have anything. 302 Morrison Rd, Red Bank. - Kayla",
                "Kayla",
            ),
            ("anything thursday? -Nicole", "Nicole"),
            ("earliest u got? 77 Dartmouth St East Ridge, sam", "Sam"),
            ("sat morning if u have anything open. Kendra", "Kendra"),
            ("2209 Vineyard Oaks Dr Roseville, name's Anita", "Anita"),
            (
                "its drywall not brick. Derek Pham 1418 Hixson Pike",
                "Derek Pham",
            ),
        ] {
            assert_eq!(extract_name(text).as_deref(), Some(name), "{text}");
        }
        for text in [
            "it's at 12 Oak St, Tampa",
            "Devon here is at 415 W Morgan St apt 3, raleigh",
            "ok see you then, thanks",
            "yes, Friday",
            "sounds good, perfect",
        ] {
            assert_eq!(extract_name(text), None, "{text}");
        }
        assert_eq!(
            extract_address("the head on zone 3 runs. 1187 Summerfield Dr Roseville").as_deref(),
            Some("1187 Summerfield Dr")
        );
    }

    use crate::engine::detect::{complaint, wants_person as wants_human};

    fn safety(text: &str) -> bool {
        crate::engine::detect::danger(text, None).is_some()
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
        // A question pointing back at the story before it, with no "?": the story is asked about.
        let mut q = profile();
        q.faq.push(crate::domain::profile::Faq {
            q: "Why does my water heater make a popping noise?".into(),
            a: "That's sediment in the tank; a flush usually fixes it.".into(),
            keywords: Vec::new(),
        });
        let last = q.faq.len() - 1;
        assert_eq!(
            topics(
                "our water heater has been popping all morning. is that normal lol",
                &q
            ),
            vec![Topic::Faq(last)]
        );
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
        // A day asked about is the hours; a day asked for, with a time or a visit, is not.
        assert_eq!(topic("r u open saturday?", &p), Some(Topic::Hours));
        assert_eq!(topic("do you guys work sundays?", &p), Some(Topic::Hours));
        assert_eq!(topic("can you come saturday morning?", &p), None);
        assert_eq!(topic("saturday ok?", &p), None);
        // A one-word entry ("How do I pay?") fits a short question, not a long story that
        // happens to use the word.
        assert_eq!(topic("do i pay u or the tech", &p), Some(Topic::Faq(3)));
        assert_ne!(
            topic(
                "do you replace sump pumps? the old one quit and i had to pay a guy to bail the basement last spring",
                &p
            ),
            Some(Topic::Faq(3))
        );
        // A story told beside the question is no second question ("near" and "cover" in it
        // do not ask about the service area); a question joined by "and" is one.
        assert_eq!(
            topics(
                "do you guys fix boilers? its in the basement near the pool cover",
                &p
            ),
            vec![]
        );
        assert_eq!(
            topics("how much is drain cleaning? and can i pay with a card", &p),
            vec![
                Topic::Service {
                    index: 0,
                    price_asked: true
                },
                Topic::Faq(3)
            ]
        );
        // Charging a battery is no price.
        assert_eq!(
            topic("the sump alarm dies even tho i charge it every night", &p),
            None
        );
        // A price question with no service named or described is the FAQ's.
        assert_eq!(
            topic("do u charge extra for estimates on a weekend", &p),
            Some(Topic::Faq(0))
        );
    }

    #[test]
    fn names_addresses_and_picks_in_real_texts() {
        assert_eq!(extract_name("I'm Bob, 45 Pine Ave").as_deref(), Some("Bob"));
        assert_eq!(extract_name("hi this is dana").as_deref(), Some("Dana"));
        assert_eq!(extract_name("im at work til 3"), None);
        assert_eq!(
            extract_name("oh sorry its Reggie").as_deref(),
            Some("Reggie")
        );
        assert_eq!(extract_name("ugh its leaking again"), None);
        // Lower-case names in the places people put them.
        assert_eq!(
            extract_name("tues after 4 works, we're at 9 elm st in dover. im priya").as_deref(),
            Some("Priya")
        );
        assert_eq!(extract_name("earliest u have. im sick of it"), None);
        assert_eq!(
            extract_name("thurs after 3 is best. im dana (her aunt)").as_deref(),
            Some("Dana")
        );
        assert_eq!(
            extract_name("limpieza el lunes, 12 Main St. soy Rosa").as_deref(),
            Some("Rosa")
        );
        assert_eq!(
            extract_name("whenever u can. dale, 40 birch rd salem").as_deref(),
            Some("Dale")
        );
        assert_eq!(
            extract_name("come sat morning? 77 pine ave dover. wendy").as_deref(),
            Some("Wendy")
        );
        let p = profile();
        assert_eq!(
            name_when_asked("lets just do the inspection first. Jen Alvarez", &p).as_deref(),
            Some("Jen Alvarez")
        );
        assert_eq!(
            name_when_asked("Tasha Green, 800 Glenwood Ave apt 3C, Tampa", &p).as_deref(),
            Some("Tasha Green")
        );
        assert_eq!(name_when_asked("address is 2210 Hickman Rd", &p), None);
        assert_eq!(name_when_asked("88 Bay Rd, Clearwater", &p), None);
        assert_eq!(
            loose_address("1432 elm, by the park").as_deref(),
            Some("1432 elm")
        );
        assert_eq!(pick_number("unit 3, Urbandale", 3), None);
        assert_eq!(
            just_a_name("Morgan Fields").as_deref(),
            Some("Morgan Fields")
        );
        assert_eq!(just_a_name("Dry needling"), None);
        assert!(any_will_do("whichever is earliest"));
        assert!(!any_will_do("earliest on friday"));
        assert!(!looks_automated(
            "my neck is so stiff I can barely turn my head to check my blind spot when im driving, \
             my coworker goes to you and loves it, can I get in sometime next week please"
        ));
        assert!(looks_automated(
            "I'm driving right now, will get back to you"
        ));
    }

    #[test]
    fn services_weigh_the_whole_request() {
        let p = profile();
        // A shared word alone is not the service ("water softener" is not a water heater).
        assert_eq!(match_service("do you install water softeners?", &p), None);
        assert_eq!(match_service("water pouring through my ceiling", &p), None);
        assert_eq!(
            match_service("our water heater died last night", &p),
            Some(1)
        );
        // A description and keywords count; names beat descriptions.
        let p = BusinessProfile::from_toml(
            &include_str!("../../examples/daves-plumbing.toml").replace(
                "name = \"Leak repair\"",
                "name = \"Leak repair\"\ndescription = \"Dripping faucets, running toilets, pipes under the sink\"\nkeywords = [\"drip\"]",
            ),
        )
        .unwrap();
        assert_eq!(match_service("my toilet keeps running", &p), Some(2));
        assert_eq!(match_service("faucet drips all night", &p), Some(2));
        // A near-tie is reported, so the caller can be asked which one.
        let p = plumber_with("\n\n[[services]]\nname = \"Drain camera inspection\"");
        let m = score_services("something with my drain", &p).unwrap();
        assert!(m.runner_up.is_some(), "{m:?}");
        // "Locked myself out" names a lockout; a shared description word is no "yes we do".
        let p = plumber_with("\n\n[[services]]\nname = \"Home lockout\"\n\n[[services]]\nname = \"Key cutting\"\ndescription = \"Spare keys, or new ones when you lost yours\"");
        let lockout = p.services.iter().position(|s| s.name == "Home lockout");
        assert_eq!(match_service("locked myself out of the house", &p), lockout);
        assert_eq!(topic("can you open a gun safe? lost the combo", &p), None);
        // A word that names what the whole business does picks no service on its own.
        let p = plumber_with("\n\n[[services]]\nname = \"Repipe\"\ndescription = \"Old plumbing replaced throughout the home\"");
        assert_eq!(match_service("need some plumbing work done", &p), None);
        let repipe = p.services.iter().position(|s| s.name == "Repipe");
        assert_eq!(match_service("old plumbing needs replacing", &p), repipe);
    }

    #[test]
    fn names_list_alternatives_numbers_and_audiences() {
        let base = include_str!("../../examples/daves-plumbing.toml");
        let with = |extra: &str| {
            BusinessProfile::from_toml(&base.replace(
                "name = \"Drain cleaning\"",
                &format!("name = \"Drain cleaning\"\n{extra}"),
            ))
            .unwrap()
        };
        let index =
            |p: &BusinessProfile, name: &str| p.services.iter().position(|s| s.name == name);
        // "Spa / hot tub service": "spa water" is the spa, not a different compound.
        let p = with("\n[[services]]\nname = \"Spa / hot tub service\"");
        assert_eq!(
            match_service("my spa water is cloudy", &p),
            index(&p, "Spa / hot tub service")
        );
        // "2 story" is the two-story service.
        let p = with(
            "\n[[services]]\nname = \"Gutters - one-story home\"\n\n[[services]]\nname = \"Gutters - two-story home\"",
        );
        assert_eq!(
            match_service("gutters on a 2 story colonial", &p),
            index(&p, "Gutters - two-story home")
        );
        // A service for children is not an adult's; two people side by side are a couple.
        let p = with(
            "\n[[services]]\nname = \"Comprehensive eye exam\"\n\n[[services]]\nname = \"Children's eye exam\"\n\n[[services]]\nname = \"Couples massage\"\n\n[[services]]\nname = \"Prenatal massage\"\ndescription = \"Side-lying, with bolsters\"",
        );
        assert_eq!(
            match_service("eye exam for myself please", &p),
            index(&p, "Comprehensive eye exam")
        );
        assert_eq!(
            match_service("eye exam for my son, hes 7", &p),
            index(&p, "Children's eye exam")
        );
        assert_eq!(
            match_service("me and my wife want a massage side by side", &p),
            index(&p, "Couples massage")
        );
        // A service's own word ruled out ("not the lobe") rules the service out, and a
        // neighbour the other service's description uses ("ear") is no different compound; a
        // part kept as it is ("keep the original hem") still asks for the hemming.
        let p = with(
            "\n[[services]]\nname = \"Ear lobe piercing\"\nkeywords = [\"ears pierced\"]\n\n[[services]]\nname = \"Cartilage piercing\"\ndescription = \"Helix, tragus and other ear cartilage piercings\"\n\n[[services]]\nname = \"Pant hemming\"\ndescription = \"Shorten jeans and trousers\"\nkeywords = [\"jeans\", \"shorten\"]",
        );
        assert_eq!(
            match_service("want my ear pierced up at the top, not the lobe", &p),
            index(&p, "Cartilage piercing")
        );
        assert_eq!(
            match_service("want my ears pierced", &p),
            index(&p, "Ear lobe piercing")
        );
        assert_eq!(
            match_service("shorten my jeans but keep the original hem", &p),
            index(&p, "Pant hemming")
        );
    }

    #[test]
    fn the_action_asked_about_and_lengths_and_follow_ups() {
        let p = BusinessProfile::from_toml(
            &include_str!("../../examples/daves-plumbing.toml").replace(
                "[[faq]]",
                "[[faq]]\nq = \"Do you need vaccination records?\"\na = \"Yes, every dog needs a current rabies certificate.\"\n\n[[faq]]\nq = \"Is there a warranty?\"\na = \"Every repair has a 90 day warranty.\"\n\n[[faq]]",
            ),
        )
        .unwrap();
        // The entry on records a dog needs does not answer whether we give the shots; the one
        // on whether there is a warranty answers "do u give a warranty".
        assert_eq!(topic("do yall give vaccines?", &p), None);
        assert_eq!(
            topic("do u give any kind of warranty on it", &p),
            Some(Topic::Faq(1))
        );
        assert_eq!(asked_action("do you guys give shots"), Some(stem("give")));
        assert_eq!(asked_action("do you take apple pay"), None);
        // "The hour one" between a 30- and a 60-minute service; nothing when lengths are equal.
        assert_eq!(pick_by_length("the hour one", &[30, 60]), Some(1));
        assert_eq!(pick_by_length("half hour is fine", &[30, 60]), Some(0));
        assert_eq!(pick_by_length("the longer one", &[30, 60, 90]), Some(2));
        assert_eq!(pick_by_length("the hour one", &[60, 60]), None);
        assert_eq!(pick_by_length("the first one", &[30, 60]), None);
        // Someone already seen is booked into the follow-up visit.
        let p = plumber_with("\n\n[[services]]\nname = \"Initial evaluation\"\n\n[[services]]\nname = \"Follow-up visit\"\n\n[[services]]\nname = \"Dry needling\"");
        assert_eq!(
            picked(
                "i saw dr lee last week for my ankle and she wants me back thursday",
                &p
            ),
            Some("Follow-up visit")
        );
    }

    #[test]
    fn near_ties_the_text_already_settles() {
        // Sibling services told apart by a word only one name has, or by a size range.
        assert_eq!(
            settled_by_words(
                "its 2 stories vinyl",
                "House wash - one story",
                "House wash - two story"
            ),
            Some(1)
        );
        assert_eq!(
            settled_by_words("inside and out please", "Full detail", "Interior detail"),
            None
        );
        // Not siblings: two different jobs stay a question.
        assert_eq!(
            settled_by_words(
                "the light flickers",
                "Light fixture install",
                "Electrical troubleshooting"
            ),
            None
        );
        let (a, b) = (
            "Inspection - under 2,000 sq ft",
            "Inspection - 2,000 to 3,500 sq ft",
        );
        assert_eq!(settled_by_number("about 1800 sq ft", a, b), Some(0));
        assert_eq!(
            settled_by_number("its a 2,600 sq ft colonial", a, b),
            Some(1)
        );
        assert_eq!(settled_by_number("its 4000 sq ft", a, b), None);
        assert_eq!(name_range("Lawn - over 1 acre"), Some((1, u64::MAX)));
    }

    #[test]
    fn a_length_of_time_is_no_frequency() {
        let p = plumber_with("\n\n[[services]]\nname = \"Weekly pool service\"\n\n[[services]]\nname = \"Green pool cleanup\"\ndescription = \"A swampy green pool brought back to clear\"");
        assert_eq!(
            picked(
                "pool went green and swampy while we were away for 3 wks",
                &p
            ),
            Some("Green pool cleanup")
        );
        assert_eq!(
            picked("looking for someone to do the pool every week", &p),
            Some("Weekly pool service")
        );
    }

    #[test]
    fn a_young_animal_by_its_age() {
        let p = plumber_with("\n\n[[services]]\nname = \"Puppy basics\"\ndescription = \"Nipping, potty training and crate routines\"\n\n[[services]]\nname = \"Recall session\"\nkeywords = [\"come when called\"]");
        assert_eq!(
            picked(
                "my 12 wk old lab is biting everything and peeing in the house, can we come in sat",
                &p
            ),
            Some("Puppy basics")
        );
    }

    #[test]
    fn a_newcomer_where_every_service_shares_the_trade_word() {
        // "Acupuncture" is in the business name and every service: it picks none alone, but a
        // newcomer still gets the first visit.
        let p = BusinessProfile::from_toml(
            &include_str!("../../examples/daves-plumbing.toml")
                .replace("Dave's Plumbing", "Manoa Acupuncture")
                .replace(
                    "name = \"Drain cleaning\"",
                    "name = \"Drain cleaning\"\n\n[[services]]\nname = \"Initial acupuncture visit\"\n\n[[services]]\nname = \"Acupuncture with cupping\"\ndescription = \"Cupping on the back and shoulders\"\n\n[[services]]\nname = \"Community acupuncture\"",
                ),
        )
        .unwrap();
        assert_eq!(
            picked(
                "never done acupuncture before but my lower back is killing me",
                &p
            ),
            Some("Initial acupuncture visit")
        );
        // And a time named after the question is no unknown thing asked about.
        assert!(!asks_about_unknown(
            "do you have anything thursday after 2pm?",
            &p
        ));
    }

    #[test]
    fn a_name_inside_a_longer_place_word_is_still_a_name() {
        let mut p = profile();
        p.business.service_area = "Custom plumbing for Tampa and Tomball".into();
        assert_eq!(
            name_when_asked("Tom. do u need his records", &p).as_deref(),
            Some("Tom")
        );
        assert_eq!(name_when_asked("Tampa", &p), None);
        // A what-question about an entry's own thing fits it, whatever context comes with it.
        assert_eq!(
            topic(
                "what do you charge for estimates if you come out before the holidays",
                &profile()
            ),
            Some(Topic::Faq(0))
        );
    }

    #[test]
    fn an_entry_titled_as_a_policy_fits_a_question_about_its_thing() {
        let p = BusinessProfile::from_toml(
            &include_str!("../../examples/daves-plumbing.toml").replacen(
                "[[faq]]",
                "[[faq]]\nq = \"What's your cancellation policy?\"\na = \"Cancel 24 hours ahead for free.\"\n\n[[faq]]",
                1,
            ),
        )
        .unwrap();
        assert_eq!(
            topic(
                "what happens if we gotta cancel last min, like the day of? my son has a lot going on",
                &p
            ),
            Some(Topic::Faq(0))
        );
        // Still not every long story that uses the word.
        assert_eq!(
            topic(
                "we had to cancel on the last guy because he never called back",
                &p
            ),
            None
        );
    }

    #[test]
    fn the_thing_asked_about() {
        let p = profile();
        // "Do you do X?" with a word the profile never uses: unknown; with the thing known and
        // only a word said of it unknown, the thing itself is known.
        assert!(asks_about_unknown("do you guys do hot tub moving?", &p));
        assert!(asks_about_unknown_thing(
            "can u guys fix garage door openers",
            &p
        ));
        assert!(asks_about_unknown(
            "do you do trenchless drain cleaning",
            &p
        ));
        assert!(!asks_about_unknown_thing(
            "do you do trenchless drain cleaning",
            &p
        ));
        // A time asked for, or a town served, is no unknown thing.
        assert!(!asks_about_unknown(
            "do you have anything next tuesday morning?",
            &p
        ));
        assert!(wants_booking(
            "can u just send me times? ill text the address later"
        ));
    }

    #[test]
    fn returning_callers_broken_things_and_sentence_ends() {
        let p = plumber_with("\n\n[[services]]\nname = \"New patient exam and adjustment\"\n\n[[services]]\nname = \"Chiropractic adjustment\"\n\n[[services]]\nname = \"Ceiling fan install\"\n\n[[services]]\nname = \"Electrical troubleshooting\"\ndescription = \"Find and fix what stopped working: fans, outlets, lights\"\n\n[[services]]\nname = \"Panel upgrade\"\n\n[[services]]\nname = \"Standard clean\"");
        let index = |name: &str| p.services.iter().position(|s| s.name == name);
        // Been in before: not the new-patient visit.
        assert_eq!(
            match_service(
                "been in before, saw dr ames in spring. need an adjustment",
                &p
            ),
            index("Chiropractic adjustment")
        );
        // Something broken wants a look first, not a new install.
        assert_eq!(
            match_service("the ceiling fan quit, it wont spin at all", &p),
            index("Electrical troubleshooting")
        );
        // A word at the end of a sentence has no neighbour in the next one.
        assert_eq!(
            match_service(
                "we still have the old federal pacific panel. insurance wants it gone",
                &p
            ),
            index("Panel upgrade")
        );
        // "The siding is fine": that part needs nothing.
        let p2 = plumber_with("\n\n[[services]]\nname = \"House wash - one story\"\ndescription = \"Siding, soffits and gutters washed\"\n\n[[services]]\nname = \"House wash - two story\"\n\n[[services]]\nname = \"Roof wash\"");
        let at = |name: &str| p2.services.iter().position(|s| s.name == name);
        assert_eq!(
            match_service("black streaks all down the roof, the siding is fine", &p2),
            at("Roof wash")
        );
        // "One-story" in a name is one story: a 2-story house is the other.
        assert_eq!(
            match_service("house wash please, its 2 stories", &p2),
            at("House wash - two story")
        );
        // "A normal clean" is the standard one.
        assert_eq!(
            match_service("just need a normal clean", &p),
            index("Standard clean")
        );
    }

    #[test]
    fn a_word_of_the_business_name_several_services_share_picks_none() {
        let p = BusinessProfile::from_toml(
            &include_str!("../../examples/daves-plumbing.toml")
                .replace("name = \"Dave's Plumbing\"", "name = \"Dave's Pool Care\"")
                .replace(
                    "name = \"Drain cleaning\"",
                    "name = \"Drain cleaning\"\n\n[[services]]\nname = \"Weekly pool service\"\n\n[[services]]\nname = \"Green pool cleanup\"",
                ),
        )
        .unwrap();
        assert_eq!(
            match_service("do you put mesh fences around the pool", &p),
            None
        );
        let green = p
            .services
            .iter()
            .position(|s| s.name == "Green pool cleanup");
        assert_eq!(match_service("my pool is green", &p), green);
    }

    #[test]
    fn asking_to_do_work_on_a_thing_the_profile_never_names() {
        let p = profile();
        assert!(asks_to_do_unknown_thing("do yall work on hot tubs?", &p));
        assert!(asks_to_do_unknown_thing(
            "do you do house calls for llamas?",
            &p
        ));
        assert!(!asks_to_do_unknown_thing("do you need money up front?", &p));
        assert!(!asks_to_do_unknown_thing("do u fix water heaters?", &p));
    }

    #[test]
    fn asking_about_something_the_profile_never_names() {
        let p = profile();
        assert!(asks_about_unknown(
            "do yall clean out gutters? theyre full",
            &p
        ));
        assert!(asks_about_unknown(
            "can you guys do garage door openers",
            &p
        ));
        assert!(!asks_about_unknown("do you do drain cleaning?", &p));
        assert!(!asks_about_unknown("do you have an opening soon?", &p));
        assert!(!asks_about_unknown(
            "can u put in one of those water heaters",
            &p
        ));
        // The hours, asked of a day; "closing" of a sale is not.
        assert_eq!(topic("r u guys open sundays?", &p), Some(Topic::Hours));
        assert_ne!(
            topic("do you need a deposit? our closing is not sure yet", &p),
            Some(Topic::Hours)
        );
        // Every word of an entry's own question asked, among other words: that entry.
        assert_eq!(
            topic(
                "and how do i pay when u come, or do u need it beforehand",
                &p
            ),
            Some(Topic::Faq(3))
        );
    }

    #[test]
    fn services_by_their_words() {
        let p = profile();
        assert_eq!(match_service("my water heater died", &p), Some(1));
        assert_eq!(match_service("need drain cleaning", &p), Some(0));
        assert_eq!(match_service("there's a leak under the sink", &p), Some(2));
        assert_eq!(match_service("hello", &p), None);
    }

    #[test]
    fn a_phrase_with_a_small_word_names_its_service() {
        // "No" is a word matching drops; said inside the owner's phrase it is the request.
        let p = plumber_with(
            "\nduration_minutes = 60\nprice = \"$99\"\n\n[[services]]\nname = \"No hot water call\"\nkeywords = [\"no hot water\"]",
        );
        assert_eq!(
            picked(
                "got up this morning and theres no hot water at all, can someone come",
                &p
            ),
            Some("No hot water call")
        );
    }

    #[test]
    fn a_near_tie_is_settled_by_the_request_or_the_person() {
        let p = plumber_with(
            "\nduration_minutes = 60\nprice = \"$99\"\ndescription = \"Camera check of the sewer line after a test or a backup.\"\n\n[[services]]\nname = \"Sewer line jetting\"\nkeywords = [\"jet\", \"hydro jet\"]",
        );
        // The story names the camera check; the request, pointing back, names the jetting.
        let m = score_services(
            "the inspector ran a camera down our sewer line last week. he said to hydro jet it. can you guys do that?",
            &p,
        )
        .unwrap();
        assert_eq!(p.services[m.best].name, "Sewer line jetting");
        assert_eq!(m.runner_up, None);
        // A kid's service against one for anyone: the caller's child decides; "yo" as a
        // greeting is no child.
        let salon = BusinessProfile::from_toml(
            &include_str!("../../examples/daves-plumbing.toml")
                .replace(
                    "name = \"Drain cleaning\"",
                    "name = \"Kids cut\"\nkeywords = [\"boys cut\"]",
                )
                .replace(
                    "name = \"Leak repair\"",
                    "name = \"Regular cut\"\nkeywords = [\"regular cut\"]",
                ),
        )
        .unwrap();
        assert_eq!(
            picked(
                "any time saturday for my son hes 6? just a regular boys cut",
                &salon
            ),
            Some("Kids cut")
        );
        assert_ne!(
            picked("yo can i get a regular cut saturday", &salon),
            Some("Kids cut")
        );
    }

    #[test]
    fn a_detail_of_a_job_is_not_a_yes_we_do_it() {
        let p = profile();
        assert!(asks_attribute(
            "what brand of water heater do u guys install?"
        ));
        assert!(!matches!(
            topic("what brand of water heater do u guys install?", &p),
            Some(Topic::Service { .. })
        ));
        assert!(!asks_attribute(
            "what do you charge for a water heater install?"
        ));
    }

    #[test]
    fn licensed_is_answered_by_the_about_text_only_when_it_says_so() {
        let mut p = profile();
        p.faq.retain(|f| !f.q.contains("licensed"));
        assert_eq!(topic("r u guys licensed?", &p), Some(Topic::About));
        p.business.about = "Family-owned plumbing company since 1998.".into();
        assert_ne!(topic("r u guys licensed?", &p), Some(Topic::About));
    }

    #[test]
    fn a_weekend_entry_answers_a_question_about_one_weekend_day() {
        let mut p = profile();
        p.faq.push(crate::domain::profile::Faq {
            q: "Do you come out on weekends?".into(),
            a: "Yes, weekend visits cost $40 more.".into(),
            keywords: Vec::new(),
        });
        let i = p.faq.len() - 1;
        assert_eq!(
            topic(
                "if the toilet backs up on a sunday afternoon would u guys even come out? we had to wait for monday last time",
                &p
            ),
            Some(Topic::Faq(i))
        );
    }

    #[test]
    fn an_adult_asking_is_not_offered_a_service_for_children() {
        let p = BusinessProfile::from_toml(
            &include_str!("../../examples/daves-plumbing.toml")
                .replace("name = \"Drain cleaning\"", "name = \"Kids swim lesson\"")
                .replace(
                    "name = \"Leak repair\"",
                    "name = \"Semi-private lesson (2 kids)\"",
                ),
        )
        .unwrap();
        assert_eq!(
            picked(
                "do u do swim lessons for grown ups? im 34 and never learned",
                &p
            ),
            None
        );
        assert_eq!(
            picked("any semi-private lesson spots for my 2 kids?", &p),
            Some("Semi-private lesson (2 kids)")
        );
        // A business only for children offers an adult nothing; one for the family does.
        let mut school = BusinessProfile::from_toml(
            &include_str!("../../examples/daves-plumbing.toml").replace(
                "name = \"Drain cleaning\"",
                "name = \"Private swim lesson\"",
            ),
        )
        .unwrap();
        school.business.about = "A swim school for kids 6 months to 14 years.".into();
        let adult = "do u do private swim lessons for grown ups? im 34";
        assert_eq!(picked(adult, &school), None);
        school.business.about = "Swim lessons for adults and kids.".into();
        assert_eq!(picked(adult, &school), Some("Private swim lesson"));
    }

    #[test]
    fn round_eight_a_kind_of_thing_no_service_names_is_no_listed_service() {
        let p = profile();
        // What the request is about belongs to another trade.
        assert!(foreign_request(
            "the drain pipe off the back of my furnace is dripping, can u clear it",
            &p
        ));
        assert!(foreign_request("do you guys fix ice maker lines?", &p));
        assert!(foreign_request(
            "dentist said she might need braces, is that something you do?",
            &p
        ));
        assert!(foreign_request("can u clean out the drain on my boat", &p));
        assert!(foreign_request("yall pump out septic tanks too?", &p));
        // Named only in an FAQ answer ("we run fans while it dries") is not a service.
        let p2 = BusinessProfile::from_toml(&include_str!("../../examples/daves-plumbing.toml").replacen(
            "[[faq]]",
            "[[faq]]\nq = \"Do I need to leave?\"\na = \"No, we run fans while the glue dries.\"\n\n[[faq]]",
            1,
        ))
        .unwrap();
        assert!(asks_to_do_unlisted_thing("do u put in fans?", &p2));
        assert!(!asks_to_do_unknown_thing("do u put in fans?", &p2));
        // (Attic fans are another kind of fan than the FAQ's: unknown either way.)
        assert!(asks_to_do_unknown_thing("do u put in attic fans?", &p2));
        assert!(!asks_to_do_unlisted_thing(
            "do u put in water heaters?",
            &p2
        ));
        // A thing said in passing is not the request.
        assert!(!foreign_request(
            "kitchen drain is clogged again, my car is blocking the driveway so park on the street",
            &p
        ));
        assert!(!foreign_request(
            "water heater in our 2 car garage is leaking",
            &p
        ));
        assert!(!foreign_request("do you do drain cleaning?", &p));
        // A leak by an appliance, said as what happened, is still a plumber's job.
        assert!(!foreign_request("theres a leak behind my fridge", &p));
        assert!(!foreign_request("water heater is leaking on my car", &p));
        // A business that names the kind of thing works on it.
        let hvac = plumber_with("\n\n[[services]]\nname = \"Furnace repair\"");
        assert!(!foreign_request(
            "the drain pipe off the back of my furnace is dripping, can u clear it",
            &hvac
        ));
    }

    #[test]
    fn round_eight_faq_entries_asked_in_other_words() {
        let p = BusinessProfile::from_toml(
            &include_str!("../../examples/daves-plumbing.toml").replacen(
                "[[faq]]",
                "[[faq]]\nq = \"Is there a warranty?\"\na = \"Parts we install carry a 3-year warranty; labor 1 year.\"\n\n[[faq]]\nq = \"Do I need to be home while you work?\"\na = \"No, lots of customers leave a lockbox or a garage code.\"\n\n[[faq]]\nq = \"Is there a trip fee?\"\na = \"No trip fee in town. Lakeland and Plant City add $35.\"\n\n[[faq]]\nq = \"How do I pay?\"\na = \"Card, cash or check when the job is done.\"\n\n[[faq]]",
                1,
            ),
        )
        .unwrap();
        let entry = |text: &str| {
            best_faq(text, &p)
                .filter(|(_, s)| *s >= 0.5)
                .map(|(i, _)| p.faq[i].q.clone())
        };
        assert_eq!(
            entry("if u put a new disposal in how long is it good for? last one died in 2 yrs")
                .as_deref(),
            Some("Is there a warranty?")
        );
        assert_eq!(
            entry("we both work all day, does someone have to be there to let u in?").as_deref(),
            Some("Do I need to be home while you work?")
        );
        assert_eq!(
            entry("can i write you a personal check or is it card only").as_deref(),
            Some("How do I pay?")
        );
        assert_eq!(
            entry("would u come out to lakeland or is that too far").as_deref(),
            Some("Is there a trip fee?")
        );
        // Words in passing are no concept: "last night" asks nothing about a warranty, a time
        // "good for you" nothing about one either, a visit asked for nothing about a trip fee.
        for (text, not) in [
            (
                "toilet overflowed last night, can u come today",
                "Is there a warranty?",
            ),
            ("is 2pm good for you?", "Is there a warranty?"),
            ("can someone come out today?", "Is there a trip fee?"),
            (
                "can you be there by 9?",
                "Do I need to be home while you work?",
            ),
        ] {
            assert_ne!(entry(text).as_deref(), Some(not), "{text}");
        }
    }

    #[test]
    fn round_eight_picks_names_and_when_words() {
        // A pick in its own sentence beside a name.
        assert_eq!(
            pick_number("the 3rd works for us. Name is Dev Patel, thanks", 3),
            Some(3)
        );
        assert_eq!(
            pick_number("2 is fine. actually no, 1 is better for me", 3),
            None
        );
        // Someone else's name is not the caller's.
        assert_eq!(
            extract_name("got a new puppy, her name is Waffles, im Theo").as_deref(),
            Some("Theo")
        );
        assert_eq!(extract_name("my daughter's name is Ava and she's 7"), None);
        assert!(!name_word("we're", true));
        // A question in a later clause, about "your" someone.
        assert!(is_question(
            "before i pick, does your tech bring the ladder"
        ));
        // A greeting or a time of day picks no service whose description mentions mornings.
        let p = plumber_with(
            "\n\n[[services]]\nname = \"Sump pump service\"\ndescription = \"Morning visits only, pump tested and cleaned\"",
        );
        assert_eq!(
            picked(
                "good morning! could someone look at my basement this week",
                &p
            ),
            None
        );
    }

    #[test]
    fn round_seven_picks_beside_questions_names_and_not_addresses() {
        assert_eq!(
            pick_beside_question("2 please! do i need to bring anything?", 3),
            Some((2, "do i need to bring anything?".to_string()))
        );
        assert_eq!(
            pick_beside_question("The second time suits me. Is there parking nearby?", 3)
                .map(|p| p.0),
            Some(2)
        );
        assert_eq!(
            pick_beside_question("is 2 or 3 better? either works", 3),
            None
        );
        assert_eq!(
            extract_name("need it fixed by friday. - maria lopez").as_deref(),
            Some("Maria Lopez")
        );
        assert_eq!(
            extract_name("oh and its priya shah, forgot").as_deref(),
            Some("Priya Shah")
        );
        assert_eq!(
            extract_name("ken here. furnace is making a racket").as_deref(),
            Some("Ken")
        );
        assert_eq!(
            extract_name("mornings are best. maria chen, 12 birch ln").as_deref(),
            Some("Maria Chen")
        );
        assert!(is_yes("Yes, please go ahead and put me down for it."));
        assert!(!is_yes("yes but could we do thursday instead of that one"));
        assert_eq!(loose_address("2 pls"), None);
        assert_eq!(loose_address("3 works for me"), None);
        assert_eq!(loose_address("48 elm").as_deref(), Some("48 elm"));
        assert!(asks_if_offered("does anyone there do cupping"));
        assert!(asks_do_you_do("does anybody at your place do gel nails"));
    }

    #[test]
    fn round_nine_deposits_insurance_names_and_unlisted_heads() {
        let p = BusinessProfile::from_toml(
            &include_str!("../../examples/daves-plumbing.toml").replacen(
                "[[faq]]",
                "[[faq]]\nq = \"Is there a deposit?\"\na = \"A $50 deposit holds the day; it comes off the bill.\"\n\n[[faq]]\nq = \"Do you work with insurance?\"\na = \"Yes, we bill most carriers directly.\"\n\n[[faq]]",
                1,
            ),
        )
        .unwrap();
        let entry = |text: &str| faq_entry_asked(text, &p);
        assert_eq!(
            entry("do u need money down to hold the day? and is it refundable").as_deref(),
            Some("Is there a deposit?")
        );
        assert_eq!(
            entry("do you all deal with allstate yourselves or do i file the claim").as_deref(),
            Some("Do you work with insurance?")
        );
        // Where a name was asked: words about when are no name, a name before a street word
        // ("Lane") still is one, and a pick before the name leaves the name.
        for text in [
            "whenever ur earliest is",
            "anything friday",
            "shop is 14 elm st",
        ] {
            assert_eq!(name_when_asked(text, &p), None, "{text}");
        }
        assert_eq!(name_when_asked("Dana Lane", &p).as_deref(), Some("Dana"));
        assert_eq!(
            name_when_asked("3. Rosa Diaz", &p).as_deref(),
            Some("Rosa Diaz")
        );
        for text in ["next friday, afternoons ideally", "4410 Elm St SW"] {
            assert_eq!(name_when_asked(text, &p), None, "{text}");
        }
        assert!(is_yes("Sounds good, go ahead and book it"));
        assert!(!is_yes("ok but can we do thursday instead"));
        // "Do you do X installs": the thing asked about is X, not the generic install.
        assert!(asks_about_unknown_thing(
            "do you guys do bidet installs?",
            &p
        ));
    }

    #[test]
    fn round_ten_durations_sessions_costs_screening_and_greeted_names() {
        let p = BusinessProfile::from_toml(
            &include_str!("../../examples/daves-plumbing.toml").replacen(
                "[[faq]]",
                "[[faq]]\nq = \"How long will the work take?\"\na = \"Most bathroom remodels take 5-8 working days.\"\n\n\
                 [[faq]]\nq = \"How many visits will a repipe need?\"\na = \"Usually 3 visits over two weeks.\"\n\n\
                 [[faq]]\nq = \"Are your plumbers screened?\"\na = \"Every plumber passes a background check and a drug test.\"\n\n\
                 [[faq]]\nq = \"How much does a repipe cost?\"\na = \"A whole-house repipe runs $4,000-$9,000, with payment plans from $150/month.\"\n\n[[faq]]",
                1,
            ),
        )
        .unwrap();
        let entry = |text: &str| faq_entry_asked(text, &p);
        for (text, want) in [
            (
                "if we redo the hall bathroom how long are we stuck without a shower",
                "How long will the work take?",
            ),
            (
                "for the repipe how many times do u have to come back out",
                "How many visits will a repipe need?",
            ),
            (
                "do you vet the plumbers you send out? im home alone with the kids",
                "Are your plumbers screened?",
            ),
            (
                "ballpark what would a repipe run us? can we spread it out",
                "How much does a repipe cost?",
            ),
        ] {
            assert_eq!(entry(text).as_deref(), Some(want), "{text}");
        }
        // A question without a question mark, in the middle of a sentence.
        assert!(is_question(
            "if the part is on backorder do i still owe the visit fee"
        ));
        assert_eq!(
            extract_name("Hey, Tomas Reyes here, 88 Birch Ln. Kitchen sink is backing up")
                .as_deref(),
            Some("Tomas Reyes")
        );
        // "It" is the job already told, not an unknown thing.
        assert!(!asks_about_unknown(
            "water heater is leaking from the bottom. can yall do it while im at work? garage code is 1234",
            &p
        ));
        // A business's name before an address is no person's name.
        assert_eq!(extract_name("Rusty Spoon Cafe, 41 Oak St"), None);
        assert!(is_yes("yessir"));
        assert!(is_yes("yes maam thank you"));
    }

    /// The question of the FAQ entry a text is taken to ask about, if any.
    fn faq_entry_asked(text: &str, p: &BusinessProfile) -> Option<String> {
        topics(text, p).into_iter().find_map(|t| match t {
            Topic::Faq(i) => Some(p.faq[i].q.clone()),
            _ => None,
        })
    }

    #[test]
    fn round_eleven_a_breed_and_the_things_of_a_house_say_what_an_faq_entry_is_about() {
        let p = BusinessProfile::from_toml(
            &include_str!("../../examples/daves-plumbing.toml").replacen(
                "[[faq]]",
                "[[faq]]\nq = \"What if my dog has fleas?\"\na = \"We add a flea bath for $15 and tell you before we start.\"\n\n\
                 [[faq]]\nq = \"Do you need our water or power?\"\na = \"No, the van has its own tank and generator.\"\n\n[[faq]]",
                1,
            ),
        )
        .unwrap();
        let entry = |text: &str| faq_entry_asked(text, &p);
        assert_eq!(
            entry("our golden retriever came back from the lake with fleas, is that extra")
                .as_deref(),
            Some("What if my dog has fleas?")
        );
        // What the crew needs from the house, asked in the things of a house.
        assert_eq!(
            entry("do we have to leave a hose out for u or find an outlet? the spigot is off")
                .as_deref(),
            Some("Do you need our water or power?")
        );
    }

    #[test]
    fn round_eleven_owned_things_repairs_quotes_and_the_question_asked() {
        let p = BusinessProfile::from_toml(
            &include_str!("../../examples/daves-plumbing.toml")
                .replace("Dave's Plumbing", "Riverside Strings")
                .replacen(
                    "[[services]]",
                    "[[services]]\nname = \"Guitar setup\"\nduration_minutes = 60\nprice = \"$75\"\ndescription = \"Truss rod, string height and intonation so it plays in tune.\"\nkeywords = [\"setup\", \"action\", \"intonation\"]\n\n\
                     [[services]]\nname = \"Restring\"\nduration_minutes = 30\nprice = \"$25 plus strings\"\ndescription = \"New strings and a tune up.\"\nkeywords = [\"new strings\", \"change strings\"]\n\n\
                     [[services]]\nname = \"Banjo and ukulele setup\"\nduration_minutes = 60\nprice = \"$70\"\ndescription = \"Bridge placement, string height and a restring for banjos and ukes.\"\nkeywords = [\"banjo\", \"ukulele\"]\n\n\
                     [[services]]\nname = \"Pickup troubleshooting and repair\"\nduration_minutes = 60\nprice = \"$60\"\ndescription = \"We find why a pickup or jack is dead or crackles and fix it.\"\nkeywords = [\"dead pickup\", \"crackling\"]\n\n\
                     [[services]]\nname = \"Humbucker pickup swap\"\nduration_minutes = 60\nprice = \"$90 plus parts\"\ndescription = \"We fit the humbuckers you choose.\"\n\n\
                     [[services]]\nname = \"Refret\"\nduration_minutes = 240\nprice = \"from $350, quoted after a free evaluation\"\ndescription = \"New frets, leveled and crowned.\"\nkeywords = [\"refret\", \"worn frets\"]\n\n\
                     [[services]]\nname = \"Free repair evaluation\"\nduration_minutes = 30\nprice = \"Free\"\ndescription = \"We look it over and give you a written quote.\"\nkeywords = [\"quote\", \"estimate\"]\n\n[[services]]",
                    1,
                ),
        )
        .unwrap();
        let best = |text: &str| score_services(text, &p).map(|m| p.services[m.best].name.clone());
        // The caller's own thing, named by one service's name, says which setup.
        assert_eq!(
            best("my banjo goes out of tune every time i change strings, the bridge keeps moving")
                .as_deref(),
            Some("Banjo and ukulele setup")
        );
        // Something broken, nothing new asked for: of two near alike, the repair, whatever
        // else the story names ("garage" of the detached garage circuit).
        let ev = BusinessProfile::from_toml(
            &include_str!("../../examples/daves-plumbing.toml").replacen(
                "[[services]]",
                "[[services]]\nname = \"Charger troubleshooting and repair\"\nduration_minutes = 60\nprice = \"$149\"\ndescription = \"We find why your charger won't charge or trips the breaker and fix the wiring.\"\nkeywords = [\"not charging\", \"error code\"]\n\n\
                 [[services]]\nname = \"Detached garage charger circuit\"\nduration_minutes = 240\nprice = \"from $1,800\"\ndescription = \"We run a feed to a detached garage so you can charge there.\"\nkeywords = [\"detached garage\", \"trench\"]\n\n[[services]]",
                1,
            ),
        )
        .unwrap();
        assert_eq!(
            score_services(
                "the charger in our garage quit on us, light blinks red after a few min",
                &ev
            )
            .map(|m| ev.services[m.best].name.clone())
            .as_deref(),
            Some("Charger troubleshooting and repair")
        );
        // A job priced at an evaluation, and a quote asked for: the evaluation first.
        assert_eq!(
            best("my frets are worn down to nothing, can someone look at it and give me a quote for a refret")
                .as_deref(),
            Some("Free repair evaluation")
        );
        // The question asked, not the story around it, says what is asked about.
        assert!(asks_about_unknown(
            "saw you guys do setups.. do you also build custom pedalboards?",
            &p
        ));
        assert!(!asks_about_unknown(
            "do you guys do setups? mine buzzes bad",
            &p
        ));
        // How it is done ("without wrecking the finish") is no thing asked about.
        assert!(!asks_about_unknown(
            "my neck is warped, can yall do that without wrecking the finish?",
            &p
        ));
        // ...and the story's listed work gets no "yes, we do" in place of the answer.
        assert!(!topics(
            "saw you guys do setups.. do you also build custom pedalboards?",
            &p
        )
        .iter()
        .any(|t| matches!(t, Topic::Service { .. })));
        // A thing said in a generic word is said by the example after it.
        let dave =
            BusinessProfile::from_toml(include_str!("../../examples/daves-plumbing.toml")).unwrap();
        assert!(asks_about_unknown(
            "do you guys do the house too? like the gutters and soffits",
            &dave
        ));
        assert!(!asks_about_unknown(
            "do you guys do the house too? like the drains and the water heater",
            &dave
        ));
        // A town after a street with its direction is no name (unless a name was asked for:
        // "742 N Grant Ave, Mike" answers "your address and name?").
        assert_eq!(extract_name("1907 Gallatin Pike N, Madison"), None);
        // A name joined to its address by "house is".
        assert_eq!(
            extract_name("we close on the 20th. Tomasz Kowal, house is 88 Birch Rd").as_deref(),
            Some("Tomasz Kowal")
        );
    }

    #[test]
    fn round_ten_weights_cats_and_things_not_wanted() {
        let p = BusinessProfile::from_toml(
            &include_str!("../../examples/daves-plumbing.toml")
                .replace("Dave's Plumbing", "Paws Up Grooming")
                .replacen(
                    "[[services]]",
                    "[[services]]\nname = \"Groom - toy breeds\"\nduration_minutes = 60\nprice = \"$55 (under 20 lb)\"\ndescription = \"Bath, full haircut and nails.\"\n\n\
                     [[services]]\nname = \"Groom - big breeds\"\nduration_minutes = 120\nprice = \"$90 (over 20 lb)\"\ndescription = \"Bath, full haircut and nails.\"\n\n\
                     [[services]]\nname = \"Cat comb-out\"\nduration_minutes = 60\nprice = \"$70\"\n\n\
                     [[services]]\nname = \"Nail clip\"\nduration_minutes = 30\nprice = \"$15\"\n\n\
                     [[services]]\nname = \"Bath only\"\nduration_minutes = 45\nprice = \"$35\"\n\n[[services]]",
                    1,
                ),
        )
        .unwrap();
        let best = |text: &str| score_services(text, &p).map(|m| p.services[m.best].name.clone());
        assert_eq!(
            best("our shepherd mix is about 70 lbs and needs the whole haircut").as_deref(),
            Some("Groom - big breeds")
        );
        assert_eq!(
            best("she is a tiny 8lb thing, full haircut please").as_deref(),
            Some("Groom - toy breeds")
        );
        // A cat by breed is the cat service.
        assert_eq!(
            best("my siamese needs a comb-out, he hates it").as_deref(),
            Some("Cat comb-out")
        );
        // "No bath or anything": the bath is not the request.
        assert_eq!(
            best("just a nail clip, no bath or anything").as_deref(),
            Some("Nail clip")
        );
        assert_eq!(
            size_range("$55 (under 20 lb)", WEIGHT_UNITS),
            Some((0.0, 20.0))
        );
        assert_eq!(
            size_range("dogs 21 to 50 lbs", WEIGHT_UNITS),
            Some((21.0, 50.0))
        );
        assert_eq!(
            size_range("25 lb and up", WEIGHT_UNITS),
            Some((25.0, f64::INFINITY))
        );
        assert_eq!(size_said("hes like 60 lbs", WEIGHT_UNITS), Some(60.0));
        assert_eq!(size_said("a 9lb persian", WEIGHT_UNITS), Some(9.0));
        assert_eq!(size_said("60 minutes", WEIGHT_UNITS), None);
        // Sizes in inches the same way.
        let inch = SIZE_UNITS[1];
        assert_eq!(
            size_said("my 28 inch ariens needs a tune up", inch),
            Some(28.0)
        );
        assert_eq!(
            size_range("smaller ones (usually 18-22 inch)", inch),
            Some((18.0, 22.0))
        );
        assert_eq!(
            size_range("bigger self-propelled ones (24 inch and up)", inch),
            Some((24.0, f64::INFINITY))
        );
    }

    #[test]
    fn round_twelve_another_kind_of_a_known_thing_and_its_price() {
        let p = BusinessProfile::from_toml(
            &include_str!("../../examples/daves-plumbing.toml").replacen(
                "[[services]]",
                "[[services]]\nname = \"Driveway sealcoating\"\nduration_minutes = 180\nprice = \"$250\"\ndescription = \"Two coats of sealer on your blacktop drive.\"\nkeywords = [\"blacktop\", \"reseal\"]\n\n[[services]]",
                1,
            ),
        )
        .unwrap();
        // A word the profile never uses in front of a known thing names another thing...
        assert!(asks_to_do_unknown_thing(
            "do you seal brick driveways or only blacktop?",
            &p
        ));
        // ...unless it only says what state the thing is in.
        assert!(!asks_to_do_unknown_thing(
            "do you seal cracked driveways?",
            &p
        ));
        // The price asked beside an unknown thing is not the price of a listed one.
        assert_eq!(
            topic(
                "do you guys install those rooftop solar water things? how much would that run",
                &p
            ),
            None
        );
        assert!(matches!(
            topic("how much to reseal my driveway?", &p),
            Some(Topic::Service { .. })
        ));
    }

    #[test]
    fn round_twelve_a_name_ends_with_its_text() {
        assert_eq!(
            extract_name("hey its Marla\nim due for a touch up").as_deref(),
            Some("Marla")
        );
    }

    /// The example plumber with one more service (first in the list) and more FAQ entries, under
    /// another name when given.
    fn plumber_plus(service: &str, faq: &str, name: Option<&str>) -> BusinessProfile {
        let mut toml = include_str!("../../examples/daves-plumbing.toml")
            .replacen(
                "[[services]]",
                &format!("[[services]]\n{service}\n\n[[services]]"),
                1,
            )
            .replacen("[escalation]", &format!("{faq}\n\n[escalation]"), 1);
        if let Some(n) = name {
            toml = toml.replacen("name = \"Dave's Plumbing\"", &format!("name = \"{n}\""), 1);
        }
        BusinessProfile::from_toml(&toml).unwrap()
    }

    #[test]
    fn round_thirteen_a_fear_is_the_reason_for_the_work() {
        let p = plumber_plus(
            "name = \"Outdoor faucet winterizing\"\nduration_minutes = 60\nprice = \"$95\"\ndescription = \"We shut off and drain your outside spigots and lines before winter so nothing freezes and cracks.\"\nkeywords = [\"winterize\"]",
            "",
            None,
        );
        let best = |t: &str| best_named(t, &p);
        assert_eq!(
            best("we're away till march and i don't want the outside lines freezing and cracking")
                .as_deref(),
            Some("Outdoor faucet winterizing")
        );
        // ...while what is turned down still is: "don't want the winterizing, just a leak fixed".
        assert_ne!(
            best("don't want the winterizing this year, just the dripping kitchen faucet fixed")
                .as_deref(),
            Some("Outdoor faucet winterizing")
        );
    }

    #[test]
    fn round_thirteen_questions_asked_in_other_words() {
        let faq = "[[faq]]\nq = \"How soon can I use the shower after you caulk it?\"\na = \"Give the caulk 24 hours to cure before it gets wet.\"\n\n[[faq]]\nq = \"Do you guarantee your work?\"\na = \"Yes, one year on labor.\"\n\n[[faq]]\nq = \"Can I pay by check?\"\na = \"Check, card or cash.\"";
        let p = plumber_plus("name = \"Tub caulking\"\nduration_minutes = 60\nprice = \"$120\"\ndescription = \"Old caulk out, new silicone in.\"", faq, None);
        let entry = |q: &str| p.faq.iter().position(|f| f.q.starts_with(q)).unwrap();
        let topics_of = |t: &str| topics(t, &p);
        // How long to wait before something, asked as "can i ... that night or do i have to wait".
        assert!(topics_of(
            "if you redo the caulk in the morning can i shower that night or do i have to wait?"
        )
        .contains(&Topic::Faq(entry("How soon"))));
        // A warranty, asked as standing behind the work, after a story about fixing.
        assert!(topics_of(
            "before we book. if you fix it and it quits again in a month am i out the money or do you stand behind it?"
        )
        .contains(&Topic::Faq(entry("Do you guarantee"))));
        // A capital that only opens the answer's sentence is no name: "come check it" is no
        // question about paying by check.
        assert!(!topics_of("can you come check the water heater over?")
            .contains(&Topic::Faq(entry("Can I pay"))));

        // The care after the work, at a business whose own name says what the work is.
        let tint = plumber_plus(
            "name = \"Window tint\"\nduration_minutes = 120\nprice = \"$250\"\ndescription = \"Film on your car windows.\"",
            "[[faq]]\nq = \"What do I do after I get it tinted?\"\na = \"Keep the windows up for 3 days.\"",
            Some("Dave's Tint"),
        );
        let i = tint.faq.len() - 1;
        assert!(topics(
            "just picked up the car, is it ok to roll em down for the dog or will that mess them up",
            &tint
        )
        .contains(&Topic::Faq(i)));
    }

    #[test]
    fn round_thirteen_everyday_ways_of_asking_what_owners_answer() {
        let faq = "[[faq]]\nq = \"Do I need to do anything before you come?\"\na = \"Clear a path to the water heater.\"\n\n[[faq]]\nq = \"Can I snake my own drain?\"\na = \"Sure, a hand auger from the hardware store works on most sink clogs.\"\n\n[[faq]]\nq = \"Can I leave while you work?\"\na = \"Yes, as long as someone lets us in and is back by the end.\"\n\n[[faq]]\nq = \"Do I need a referral?\"\na = \"No, book directly.\"";
        let p = plumber_plus(
            "name = \"Hand auger service\"\nduration_minutes = 60\nprice = \"$90\"\ndescription = \"A hand auger through the trap.\"",
            faq,
            None,
        );
        let entry = |q: &str| p.faq.iter().position(|f| f.q.starts_with(q)).unwrap();
        for (text, q) in [
            (
                "quick q, do we have to move the car out of the garage before your guy comes tues?",
                "Do I need to do",
            ),
            (
                "dumb question but can i snake the drain myself?",
                "Can I snake",
            ),
            (
                "can i let him in and then run to the store while he works?",
                "Can I leave",
            ),
            ("do i need a referal from anyone?", "Do I need a referral"),
        ] {
            assert!(
                topics(text, &p).contains(&Topic::Faq(entry(q))),
                "{text}: {:?}",
                topics(text, &p)
            );
        }
    }

    #[test]
    fn round_thirteen_the_price_of_a_job_on_an_unknown_thing() {
        let p = profile();
        assert!(asks_price_of_unknown(
            "how much to flush a water softener?",
            &p
        ));
        assert!(asks_price_of_unknown(
            "how much to pump out our septic tank? figured since yall do the drain stuff",
            &p
        ));
        assert!(!asks_price_of_unknown(
            "how much to install a water heater?",
            &p
        ));
    }

    #[test]
    fn round_thirteen_what_a_do_you_do_question_asks_about() {
        let p = profile();
        for (text, unknown) in [
            ("saw yall clean drains. could u do that on our boat's holding tank?", true),
            ("could u do that on saturday?", false),
            ("could you do it on our old water heater too?", false),
            ("the caulk around the tub is peeling at the seams. can yall reseal it?", true),
            ("the water heater is leaking again. can yall replace it?", false),
            ("you guys do drains so i figured you do septic tanks too", true),
            ("you guys did our drain so i figured you do water heaters too", false),
            ("we want one of those tankless water softeners, the whole house kind. do u guys do those", true),
            ("we need a new water heater, the 50 gallon kind. do u guys do those", false),
            ("can you come tune our piano", true),
            ("the water heater is leaking again. can yall come swap it out", false),
            ("can you come switch out the water heater", false),
        ] {
            assert_eq!(asks_about_unknown(text, &p), unknown, "{text}");
        }
    }

    #[test]
    fn round_thirteen_street_type_before_the_name() {
        for (text, addr) in [
            (
                "the lift is at 902 w camino del oro in oro valley",
                "902 w camino del oro",
            ),
            ("1150 Calle Sonora, apt 2", "1150 Calle Sonora"),
            ("55 Paseo Verde Dr, Henderson", "55 Paseo Verde Dr"),
        ] {
            assert_eq!(extract_address(text).as_deref(), Some(addr), "{text}");
        }
        // A number of things is no address.
        assert_eq!(extract_address("2 via the side gate"), None);
    }

    #[test]
    fn round_thirteen_names_as_people_text_them() {
        for (text, name) in [
            ("evenings are best for me. My name Wojciech", "Wojciech"),
            ("heyyy its Noor 🙂 can i come in friday", "Noor"),
            (
                "mornings work, I'm retired. 18 Alder St. Walt Benson",
                "Walt Benson",
            ),
        ] {
            assert_eq!(extract_name(text).as_deref(), Some(name), "{text}");
        }
        // A town after the street is no name when the business serves it.
        let mut p = profile();
        p.business.service_area = "Des Moines, Ankeny and Ames".into();
        assert_eq!(
            extract_name_in("mornings work, I'm retired. 18 Alder St. Des Moines", &p),
            None
        );
        assert_eq!(extract_name("my name and number are on the invoice"), None);
    }

    #[test]
    fn round_thirteen_a_surname_that_is_also_a_street_word() {
        assert_eq!(
            extract_name("the hallway wall is cracked. Dana Lane, 45 Birch St").as_deref(),
            Some("Dana Lane")
        );
        assert_eq!(
            extract_name("my hallway wall is cracked. 45 Birch St, Tampa").as_deref(),
            None
        );
    }

    #[test]
    fn round_thirteen_more_put_in_is_no_removal() {
        let p = plumber_plus(
            "name = \"Old mulch removal\"\nduration_minutes = 120\nprice = \"from $300\"\ndescription = \"We rake out and haul away old, moldy mulch from your beds.\"",
            "",
            None,
        );
        let removal = Topic::Service {
            index: 0,
            price_asked: false,
        };
        let text =
            "do you guys do mulch? the beds are bare, want a fresh layer added before spring";
        assert!(
            !topics(text, &p).contains(&removal),
            "{:?}",
            topics(text, &p)
        );
        assert_ne!(score_services(text, &p).map(|m| m.best), Some(0));
        // ...nor one who wants the thing kept and moved.
        let keep = "can you move our mulch pile? not getting rid of it, just want it by the garden";
        assert!(!topics(keep, &p).contains(&removal));
        assert_ne!(score_services(keep, &p).map(|m| m.best), Some(0));
        // Taking it out is that service.
        assert_eq!(
            score_services("want the old moldy mulch hauled away from the beds", &p)
                .map(|m| m.best),
            Some(0)
        );
    }

    #[test]
    fn round_thirteen_after_the_last_held_out_run() {
        // A date is no house number, and a street has a name before its type.
        assert_eq!(
            extract_address(
                "party is saturday the 12th and we want a 2 lane slide. we're at 410 Elm St"
            )
            .as_deref(),
            Some("410 Elm St")
        );
        // "A regular sofa, not a sectional" is the sofa-and-sectional service, its other
        // alternative named.
        let p = plumber_plus(
            "name = \"Sofa and sectional cleaning\"\nduration_minutes = 90\nprice = \"$149\"\n\n[[services]]\nname = \"Chair cleaning\"\nduration_minutes = 30\nprice = \"$59\"",
            "[[faq]]\nq = \"What if it rains?\"\na = \"We reschedule free.\"\n\n[[faq]]\nq = \"Can siblings come along?\"\na = \"Yes, with another adult.\"",
            None,
        );
        assert_eq!(
            score_services("just a regular 3 cushion sofa, not a sectional", &p).map(|m| m.best),
            Some(0)
        );
        let entry = |q: &str| p.faq.iter().position(|f| f.q.starts_with(q)).unwrap();
        assert!(topics("what happens if its super windy that day?", &p)
            .contains(&Topic::Faq(entry("What if it rains"))));
        assert!(
            topics("can i bring my 2 yr old along? no sitter that day", &p)
                .contains(&Topic::Faq(entry("Can siblings")))
        );
        // A price for a job on another kind of a known thing; a size or "regular" is no kind.
        let lights = plumber_plus(
            "name = \"LED light kit install\"\nduration_minutes = 90\nprice = \"$389\"",
            "",
            None,
        );
        assert!(asks_price_of_unknown(
            "how much do u charge to install a lift kit?",
            &lights
        ));
        assert!(!asks_price_of_unknown(
            "how much to install a regular 4 light kit?",
            &lights
        ));
    }

    #[test]
    fn round_fourteen_a_thing_with_a_two_letter_name() {
        let p = plumber_plus(
            "name = \"Shower screen install\"\nprice = \"$240\"\ndescription = \"We fit a glass screen.\"",
            "",
            None,
        );
        assert!(asks_to_do_unknown_thing(
            "can you guys replace a tv screen? the dog knocked it over",
            &p
        ));
        assert!(!asks_to_do_unknown_thing(
            "can you guys replace a shower screen? the glass cracked",
            &p
        ));
    }

    #[test]
    fn round_fourteen_the_price_of_the_job_not_of_the_estimate_visit() {
        let p = plumber_plus(
            "name = \"Free plumbing estimate\"\nprice = \"Free\"\nkeywords = [\"how much\", \"quote\", \"price\"]\ndescription = \"We look and give a written price.\"",
            "",
            None,
        );
        let name = |text: &str| {
            score_services(text, &p)
                .filter(|m| m.runner_up.is_none())
                .map(|m| p.services[m.best].name.clone())
        };
        assert_eq!(
            name("our water heater is from like 1995, how much to get a new one in").as_deref(),
            Some("Water heater install")
        );
        // Asked for a quote, the estimate visit is still what fits; so it is when a look and
        // the cost are both asked for, whatever the job.
        assert_ne!(
            name("can someone come give me a quote on a new water heater").as_deref(),
            Some("Water heater install")
        );
        assert_eq!(
            name("the drain keeps clogging, can someone come look and tell us what it would cost")
                .as_deref(),
            Some("Free plumbing estimate")
        );
    }

    #[test]
    fn round_fourteen_a_decade_and_a_length_of_time() {
        assert_eq!(
            extract_address("the kitchen has that green 1970s paneling all the way around"),
            None
        );
        assert_eq!(
            extract_address("its 1970 Parkway Dr").as_deref(),
            Some("1970 Parkway Dr")
        );
        let p = profile();
        assert!(
            !topics("could someone stay a few hrs while we're out?", &p).contains(&Topic::Hours)
        );
        assert!(topics("what are your hours on saturday?", &p).contains(&Topic::Hours));
        assert!(asks_for_times("ok that works. what days do u have"));
        assert!(!asks_for_times("what colors do you have"));
    }

    #[test]
    fn round_fourteen_asked_of_the_owner_by_name() {
        let p = profile();
        assert!(asks_to_do_unknown_thing("does dave do septic tanks?", &p));
        assert!(!asks_to_do_unknown_thing("does dave do water heaters?", &p));
        // A job the profile never names, on a thing it knows.
        assert!(asks_about_unknown("do yall winterize water heaters?", &p));
        assert!(!asks_about_unknown("do yall install water heaters?", &p));
        assert_eq!(
            owner_first_name(
                &BusinessProfile::from_toml(
                    &include_str!("../../examples/daves-plumbing.toml").replace(
                        "about = \"",
                        "about = \"Owned by master plumber Dave Ruiz. "
                    )
                )
                .unwrap()
            )
            .as_deref(),
            Some("dave")
        );
    }

    #[test]
    fn round_fourteen_a_price_asked_a_pick_and_a_question_opener() {
        let p = plumber_plus(
            "name = \"Backup battery check\"\nprice = \"$99\"\ndescription = \"We charge and test your sump pump backup battery.\"",
            "",
            None,
        );
        assert!(score_services("do yall charge extra to come out to the lake?", &p).is_none());
        assert!(score_services("my sump backup battery wont charge", &p).is_some());
        assert_eq!(loose_address("2nd option"), None);
        assert_eq!(bare_name("question tho"), None);
    }

    #[test]
    fn round_fourteen_a_name_said_whole_and_a_reaction_asked_about() {
        let p = plumber_plus(
            "name = \"Whole house plumbing package\"\nprice = \"$300\"\ndescription = \"Drain cleaning, a camera look and a water heater flush in one visit.\"",
            "",
            None,
        );
        let m = score_services(
            "is drain cleaning available for a whole house? small place",
            &p,
        )
        .unwrap();
        assert_eq!(p.services[m.best].name, "Drain cleaning");
        let p = with_faq(
            "Do you work with sensitive skin or allergies?",
            "Yes. We use fragrance-free, hypoallergenic products and patch test first.",
        );
        assert!(topics(
            "most sealants give me an itchy rash for a day. is that gonna be a problem?",
            &p
        )
        .contains(&Topic::Faq(p.faq.len() - 1)));
    }

    #[test]
    fn round_eighteen_the_measure_asked_and_the_season() {
        // "Usually" says how often, not what is done: the entry on how long answers.
        let p = with_faq(
            "How long do repairs take?",
            "Most repairs are done in 2-3 business days.",
        );
        let last = p.faq.len() - 1;
        assert_eq!(
            topics(
                "if i leave my disposal with you how long do u guys normally keep it?",
                &p
            ),
            vec![Topic::Faq(last)]
        );
        // The cold season said as the time of year or the rain, of an entry on rain or cold.
        let p = with_faq(
            "Do you work in the rain or cold?",
            "We don't dig in heavy rain or below 20F. If rain is forecast we call the day before.",
        );
        let last = p.faq.len() - 1;
        assert_eq!(
            topics(
                "is it a bad idea to get the line dug up this time of year w all the rain? do u even work in winter",
                &p
            ),
            vec![Topic::Faq(last)]
        );
    }

    #[test]
    fn round_eighteen_a_job_the_service_never_names_is_not_it() {
        // The example plumber's leak repair shares "pipes"; "insulate" is said nowhere.
        let p = profile();
        let leak = p
            .services
            .iter()
            .position(|s| s.name == "Leak repair")
            .unwrap();
        assert!(job_not_the_services(
            "do yall insulate pipes in the crawlspace?",
            &p,
            leak
        ));
        // A plain job, or an errand, is any service's.
        assert!(!job_not_the_services("do yall fix leaky pipes?", &p, leak));
        assert!(!job_not_the_services(
            "can u meet me at the rental to look at a leak",
            &p,
            leak
        ));
        // Doubts that it is ours.
        assert!(doubts_fit(
            "can you guys hang a ceiling fan or is that not your thing"
        ));
        assert!(doubts_fit(
            "do yall do sprinklers too or just the house plumbing?"
        ));
        assert!(!doubts_fit("can you guys come thursday to fix a leak"));
    }

    #[test]
    fn round_eighteen_what_other_places_do_is_what_is_asked() {
        let p = profile();
        assert!(asks_about_unknown(
            "my sister said some plumbing companies rebuild antique clawfoot hardware. is that something you do?",
            &p
        ));
        // A piece of a sentence, or a day, is no name ("we both work M-F", "I work Mon-Fri").
        assert_eq!(bare_name("we both work M"), None);
        assert_eq!(bare_name("Fri"), None);
        assert_eq!(bare_name("Amy Schultz").as_deref(), Some("Amy Schultz"));
        assert_eq!(bare_name("Jan Kowalski").as_deref(), Some("Jan Kowalski"));
        // A name with a number's word in it picks nothing; a pick written in capitals still does.
        assert_eq!(pick_number("Jesse Two Bulls", 3), None);
        assert_eq!(pick_number("Second One", 3), Some(2));
        assert_eq!(pick_number("Option Two", 3), Some(2));
        // The house number after its street.
        assert_eq!(
            loose_address("its the blue house on Maple Ave in Dundee, 2210").as_deref(),
            Some("2210 Maple Ave")
        );
        assert_eq!(loose_address("we moved to Maple Ave in 2019"), None);
    }

    #[test]
    fn round_seventeen_open_said_of_a_thing_is_no_hours_question() {
        let p = profile();
        assert_ne!(
            topic(
                "do you put in those keypad locks you can open from your phone?",
                &p
            ),
            Some(Topic::Hours)
        );
        assert_ne!(
            topic("my side gate wont open, can someone look at it?", &p),
            Some(Topic::Hours)
        );
        assert_eq!(topic("are you open saturday?", &p), Some(Topic::Hours));
        assert_eq!(
            topic("is the shop open from 8 on saturdays?", &p),
            Some(Topic::Hours)
        );
    }

    #[test]
    fn round_seventeen_those_is_what_it_was_said_to_be() {
        let p = profile();
        assert!(asks_about_unknown_thing(
            "the guy at the parts store says its the transfer case. do yall work on those?",
            &p
        ));
        // "Hits the" is no "its the".
        assert!(!asks_about_unknown_thing(
            "the drip hits the subfloor under the water heater. do yall work on those?",
            &p
        ));
        assert!(!asks_about_unknown_thing(
            "the basement is damp again, its the water heater again. do yall work on those?",
            &p
        ));
        // "That" is what the caller was told it is.
        assert!(asks_about_unknown_thing(
            "my neighbor says the pressure regulator by the meter is shot. can u guys swap that out too?",
            &p
        ));
        assert!(!asks_about_unknown_thing(
            "my neighbor says the water heater is shot. can u guys swap that out?",
            &p
        ));
    }

    #[test]
    fn round_seventeen_a_grown_ups_service_is_not_for_a_child() {
        let p = plumber_plus(
            "name = \"Men's haircut\"\nduration_minutes = 30\nprice = \"$30\"\ndescription = \"Clipper or scissor cut.\"\nkeywords = [\"cut\", \"trim\"]",
            "[[faq]]\nq = \"Do you cut kids' hair?\"\na = \"Yes, kids 12 and under are $18 for a simple cut.\"",
            None,
        );
        let kids = p.faq.len() - 1;
        assert_eq!(
            topic(
                "how much for a kids cut? my boy is 6 and his bangs are in his eyes",
                &p
            ),
            Some(Topic::Faq(kids))
        );
        assert!(matches!(
            topic("how much is a mens cut?", &p),
            Some(Topic::Service { .. })
        ));
        assert_eq!(
            best_named("can i get a mens cut at 9 after i drop the kids off", &p).as_deref(),
            Some("Men's haircut")
        );
    }

    #[test]
    fn round_seventeen_what_do_you_have_asks_the_times() {
        assert!(asks_for_times("ok thats fine. what do u have"));
        assert!(asks_for_times("sounds good, whats open"));
        assert!(!asks_for_times("what do you have for dogs that pull"));
    }

    #[test]
    fn round_seventeen_a_yes_beside_the_name() {
        assert!(is_yes("Lena Ortiz. yes go ahead and book"));
        assert_eq!(
            name_beside_yes("its Omar Haddad, and yes book it").as_deref(),
            Some("Omar Haddad")
        );
        assert!(!is_yes("Lena Ortiz. can we do thursday instead?"));
        assert!(!is_yes("Lena Ortiz. no not that one"));
        assert!(!is_yes("Lena Ortiz, 44 Elm St"));
        assert!(!is_yes("This is Lena Ortiz. yes but not friday"));
    }

    #[test]
    fn round_seventeen_names_and_what_is_no_name() {
        assert_eq!(
            extract_name("Rosa Delgado. Pickup is 12 Birch Hill Rd West, Glen Ellyn").as_deref(),
            Some("Rosa Delgado")
        );
        assert_eq!(extract_name("im near the high school, off 5th"), None);
        assert_eq!(extract_name("whenever works, im around next week"), None);
        assert_eq!(just_a_name("Alright"), None);
        assert_eq!(extract_name("Kitchen Sink. its clogged again"), None);
    }

    #[test]
    fn round_seventeen_a_repair_beside_it_must_fit_too() {
        // Something broken: the repair of the same thing wins a near tie, not a far second.
        let p = plumber_plus(
            "name = \"Clock battery replacement\"\nduration_minutes = 30\nprice = \"$15\"\ndescription = \"A fresh cell in your wall clock, set to time.\"\nkeywords = [\"clock battery\", \"clock stopped\", \"dead clock\"]\n\n[[services]]\nname = \"Clock hands and glass repair\"\nduration_minutes = 60\nprice = \"$40\"\ndescription = \"Bent hands straightened, cracked glass replaced.\"\nkeywords = [\"clock glass\", \"clock\"]",
            "",
            None,
        );
        assert_eq!(
            best_named("my clock died again, it needs a battery", &p).as_deref(),
            Some("Clock battery replacement")
        );
    }

    #[test]
    fn round_sixteen_a_later_clause_asks_about_those() {
        assert!(is_question(
            "i still have 5 sessions left on my pack. do those run out at some point"
        ));
        assert!(!is_question(
            "i still have 5 sessions left on my pack. those are paid for"
        ));
    }

    #[test]
    fn round_sixteen_the_size_of_a_place_is_no_address() {
        assert_eq!(loose_address("its 3 bed, kitchen is the big one"), None);
        assert_eq!(
            name_when_asked("Harold and Bev Jensen, 3300 E Fort Lowell Rd", &profile()).as_deref(),
            Some("Harold Jensen")
        );
        assert_eq!(
            name_when_asked("2245 N Camino Seco, east side", &profile()),
            None
        );
        assert_eq!(loose_address("2 story colonial, 4 bedrooms"), None);
        assert!(loose_address("7720 Idlewild Rd in Mint Hill").is_some());
    }

    #[test]
    fn round_sixteen_a_keyword_in_the_past_tense_names_no_job() {
        let mut p = profile();
        p.services[0].keywords.push("just moved in".into());
        assert!(asks_to_do_unknown_thing(
            "do you guys move water heaters? ours has to go to the garage",
            &p
        ));
    }

    #[test]
    fn round_sixteen_the_thing_used_when_trouble_shows_names_it() {
        let p = plumber_plus(
            "name = \"Closet and pantry organizing\"\ndescription = \"We set your closet or pantry back up with bins.\"\n\n[[services]]\nname = \"Move-in unpacking\"\nkeywords = [\"boxes\"]",
            "",
            None,
        );
        assert_eq!(
            best_named(
                "every time i open my pantry door something falls on my head. cereal boxes, chip bags",
                &p
            )
            .as_deref(),
            Some("Closet and pantry organizing")
        );
    }

    #[test]
    fn round_sixteen_asked_of_the_staff_over_an_unknown_medium() {
        let p = profile();
        assert!(asks_to_do_unknown_thing(
            "do any of your plumbers do consults over zoom?",
            &p
        ));
        assert!(!asks_to_do_unknown_thing(
            "can you do it over the weekend?",
            &p
        ));
    }

    #[test]
    fn round_sixteen_faq_concepts_in_other_words() {
        for (q, a, text) in [
            (
                "Is there a warranty?",
                "Parts are covered for 180 days.",
                "if it starts acting up again in a couple months do u guys cover that",
            ),
            (
                "How long do you hold finished items?",
                "We hold finished work for 60 days, then there is a storage fee.",
                "im gone till february, how long will yall hang on to it",
            ),
            (
                "Will the neighbors know?",
                "We come in unmarked vans and plain clothes.",
                "do your vans say pest control all over them? my street is super nosy",
            ),
            (
                "Is there a trip charge?",
                "Towns outside our area pay a $40 trip charge.",
                "do u go out that far or is it extra",
            ),
            (
                "Do class cards expire?",
                "Cards are good for 6 months from purchase.",
                "i have 4 classes left on my card and im away all of january. do those run out or are they good whenever",
            ),
            (
                "What happens to the stuff I'm getting rid of?",
                "We take a carload of donations to Goodwill.",
                "when we finish do i have to haul the giveaway bags myself",
            ),
            (
                "What salt should I use?",
                "Solar salt pellets.",
                "does it matter which salt i buy",
            ),
            (
                "What brands do you carry?",
                "Bruno and Harmar stair lifts.",
                "my sister says it has to be a bruno. what kind do you guys put in?",
            ),
            (
                "Do I have to prove the safe is mine?",
                "Yes, a photo ID with the address.",
                "would you need proof its mine",
            ),
        ] {
            let p = with_faq(q, a);
            assert!(
                topics(text, &p).contains(&Topic::Faq(p.faq.len() - 1)),
                "{text}: {:?}",
                topics(text, &p)
            );
        }
    }

    #[test]
    fn round_fourteen_questions_people_text_and_where_the_work_is() {
        let p = profile();
        // A place asked about that the profile never names; the caller's own place is none.
        assert!(asks_about_unknown(
            "do yall do drain cleaning at the marina?",
            &p
        ));
        assert!(!asks_about_unknown(
            "do yall do drain cleaning at my house?",
            &p
        ));
        // Questions without a question mark.
        assert!(is_question("ok and does insurance cover any of this"));
        assert!(is_question(
            "before i pick one do i gotta turn the water off first"
        ));
        assert!(!is_question("ok and the first one works"));
        // "2 stage wont start, theres no way": no street.
        assert_eq!(
            extract_address("our 2 stage wont start, theres no way we can lift it"),
            None
        );
        assert_eq!(
            extract_address("its 418 Kenduskeag Ave Bangor").as_deref(),
            Some("418 Kenduskeag Ave")
        );
        let p = with_faq(
            "Do you work in winter?",
            "Yes, year round; we heat the house to 65F while the finish cures.",
        );
        assert!(topics(
            "do u guys even do that in the winter or should we wait til spring?",
            &p
        )
        .contains(&Topic::Faq(p.faq.len() - 1)));
    }

    #[test]
    fn round_fourteen_a_length_said_with_its_unit() {
        assert_eq!(
            settled_by_number(
                "legs are wrecked after 60 mile weeks. want the long 90 min one",
                "Sports massage 90 min",
                "Sports massage 60 min"
            ),
            Some(0)
        );
    }

    #[test]
    fn round_fourteen_what_the_job_is_on_and_a_price_asked_in_more_words() {
        let p = profile();
        assert!(asks_about_unknown(
            "do u guys snake the drains on boats too?",
            &p
        ));
        assert!(asks_price_of_unknown(
            "how much would it be to swap our water heater for a heat pump?",
            &p
        ));
        assert!(!asks_price_of_unknown(
            "how much would it be to swap out our old water heater?",
            &p
        ));
        assert!(foreign_request(
            "the spring on the garage door snapped, u guys do doors right? can u replace it",
            &plumber_plus("name = \"Entry door replacement\"", "", None)
        ));
    }

    #[test]
    fn round_fourteen_asked_of_the_staff_and_felling() {
        let p = profile();
        assert!(asks_to_do_unknown_thing(
            "can the tech also give our dog a bath while hes here?",
            &p
        ));
        assert!(asks_about_unknown("do yall take down trees too?", &p));
        assert!(!asks_about_unknown(
            "do yall install water heaters too?",
            &p
        ));
    }

    #[test]
    fn round_fourteen_the_last_ask_of_a_clause_asked_to_do() {
        let p = profile();
        assert!(asks_to_do_unknown_thing(
            "since yall clean drains can u do my gutters too?",
            &p
        ));
        assert!(asks_to_do_unknown_thing(
            "can u also tune the piano while youre here?",
            &p
        ));
    }

    #[test]
    fn round_fifteen_an_everyday_verb_of_a_keyword_names_nothing_alone() {
        let p = plumber_plus(
            "name = \"Meet and greet tour\"\nprice = \"Free\"\nkeywords = [\"see the place\", \"tour\"]\ndescription = \"Come meet the staff.\"",
            "",
            None,
        );
        let best = |t: &str| best_named(t, &p);
        assert_eq!(
            best("could i come see the place first").as_deref(),
            Some("Meet and greet tour")
        );
        assert_ne!(
            best("flying out to see family on the 18th").as_deref(),
            Some("Meet and greet tour")
        );
    }

    #[test]
    fn round_fifteen_a_rate_asked_by_the_night() {
        let p = plumber_plus(
            "name = \"Standard suite\"\nprice = \"$42 per night\"\ndescription = \"A cat condo.\"\n\n[[services]]\nname = \"Window suite\"\nprice = \"$58/night\"\ndescription = \"A bigger room.\"",
            "",
            None,
        );
        let t = topics("whats ur nightly rate for one cat? nothing fancy", &p);
        assert_eq!(t, vec![Topic::Prices(vec![0, 1])]);
        let said = super::super::knowledge::answer(&t[0], &p);
        assert!(said.contains("$42") && said.contains("$58"), "{said}");
    }

    #[test]
    fn round_fifteen_statements_and_questions() {
        assert!(!is_question("any weekday is fine"));
        assert!(is_question("any openings friday"));
        assert!(is_question(
            "if u replace the vents and it starts again is that covered or do i pay again"
        ));
        assert_eq!(loose_address("thurs after 2 if u can, im home then"), None);
        assert!(loose_address("1817 Woodland Ave").is_some());
        assert_eq!(
            landmark_address("can a nurse come? im at the hyatt on doubletree ranch rd, room 2214")
                .as_deref(),
            Some("hyatt on doubletree ranch rd, room 2214")
        );
        assert_eq!(landmark_address("i work on the road all day"), None);
    }

    #[test]
    fn round_fifteen_a_kind_told_apart_is_not_turned_down() {
        let p = profile();
        assert_eq!(
            picked(
                "2 min of hot water then its freezing. its the tank hooked to the boiler, not a regular water heater",
                &p
            ),
            Some("Water heater install")
        );
        assert_ne!(
            picked("not the water heater, the kitchen drain is clogged", &p),
            Some("Water heater install")
        );
    }

    #[test]
    fn round_fifteen_a_fixed_mount_is_no_repair() {
        let p = plumber_plus(
            "name = \"TV wall mounting\"\nprice = \"$149\"\ndescription = \"We mount a TV with a fixed, tilting or full-motion mount.\"",
            "",
            None,
        );
        assert!(!vocab(&p.services[0]).repair);
        let q = plumber_plus(
            "name = \"Fryer service\"\nprice = \"$145\"\ndescription = \"We fix fryers that won't light.\"",
            "",
            None,
        );
        assert!(vocab(&q.services[0]).repair);
    }

    #[test]
    fn round_fifteen_paying_again_is_about_the_warranty() {
        let faq = "[[faq]]\nq = \"Is there a warranty on your work?\"\na = \"Repairs are covered for 1 year.\"\n\n[[faq]]\nq = \"How do I pay?\"\na = \"Card or check.\"";
        let p = plumber_plus("name = \"Radiator vent service\"\nprice = \"$140\"\ndescription = \"We replace radiator vents.\"", faq, None);
        let warranty = p.faq.iter().position(|f| f.q.contains("warranty")).unwrap();
        assert_eq!(
            topics(
                "if u replace the vent things and it starts again a month later is that covered or do i pay again",
                &p
            ),
            vec![Topic::Faq(warranty)]
        );
        assert!(!asks_about_unknown_thing(
            "do u guys just do the radiator vent part?",
            &p
        ));
    }

    #[test]
    fn round_fifteen_an_entry_about_what_the_caller_may_do_is_no_yes_to_another_job() {
        let faq = "[[faq]]\nq = \"Can I do pilates while pregnant?\"\na = \"Yes, with a note from your OB.\"\n\n[[faq]]\nq = \"Do we have to close the kitchen for a hood inspection?\"\na = \"No, it takes about 1 hour before opening.\"";
        let p = plumber_plus(
            "name = \"Intro private pilates session\"\nprice = \"$60\"\ndescription = \"One on one reformer pilates.\"",
            faq,
            None,
        );
        let pregnant = p.faq.iter().position(|f| f.q.contains("pregnant")).unwrap();
        let kitchen = p.faq.iter().position(|f| f.q.contains("kitchen")).unwrap();
        assert!(!topics(
            "do yall do a pilates teacher training or certification program?? want to start teaching",
            &p
        )
        .contains(&Topic::Faq(pregnant)));
        assert_eq!(
            topics("can i still do pilates while pregnant?", &p),
            vec![Topic::Faq(pregnant)]
        );
        assert_eq!(
            topics("do we have to shut down for it tho? we open at 11", &p),
            vec![Topic::Faq(kitchen)]
        );
    }

    #[test]
    fn round_fifteen_a_town_named_only_in_an_answer() {
        let faq = "[[faq]]\nq = \"Is there a travel charge?\"\na = \"No travel charge inside our service area. Beyond it (Marietta, Lawrenceville) there is a $25 travel fee.\"";
        let mut p = plumber_plus(
            "name = \"Home blood draw\"\nprice = \"$75\"\ndescription = \"We draw blood at home.\"",
            faq,
            None,
        );
        p.business.service_area = "Atlanta, Decatur and Smyrna".into();
        let fee = p.faq.iter().position(|f| f.q.contains("travel")).unwrap();
        assert_eq!(
            topics(
                "do u guys come out as far as marietta or nah? and does it cost more",
                &p
            )
            .first(),
            Some(&Topic::Faq(fee))
        );
        assert_eq!(
            topics("do you come out to decatur?", &p),
            vec![Topic::ServiceArea]
        );
    }

    #[test]
    fn round_fifteen_how_the_job_should_be_is_no_other_thing() {
        let p = profile();
        assert!(!asks_about_unknown(
            "can yall do a real good drain cleaning, the kitchen sink is so slow",
            &p
        ));
        assert!(asks_about_unknown("do you guys do pool heaters?", &p));
    }

    #[test]
    fn round_nineteen_a_day_of_the_month_money_and_two_verbs() {
        assert!(says_day_of_month("could you do the 16th?"));
        assert!(says_day_of_month(
            "can you do the 3rd in the afternoon, im off then"
        ));
        assert!(wants_booking("could u do the 22nd?"));
        // A deadline, someone else's date, a pick, a floor, a fret: no day asked for.
        assert!(!says_day_of_month(
            "realtor says we have until the 11th, can you fit us in"
        ));
        assert!(!says_day_of_month("can you do the 2nd one"));
        assert!(!says_day_of_month("can you fix the 2nd floor toilet"));
        assert!(!says_day_of_month(
            "can you set it up so it plays past the 7th fret"
        ));
        // Money, measures and a rough time are no house number.
        assert_eq!(loose_address("my bank shows $3,950 taken out twice"), None);
        assert_eq!(
            loose_address("thats 8 thousand dollars out of our account"),
            None
        );
        assert_eq!(loose_address("like 4 inches of water in the pit"), None);
        assert_eq!(
            loose_address("anything early like 7ish? tues is best"),
            None
        );
        assert!(loose_address("412 w prairie sky st").is_some());
        // "Is that something you do?" asks about the job said to be needed.
        assert_eq!(
            asked_action("the gutters need resealed at the seams, is that something you do?"),
            Some(stem("reseal"))
        );
        // Two verbs for one thing: the thing after the second is asked about.
        let p = profile();
        assert!(asks_about_unknown(
            "do you guys sell or install those tankless water softener loops?",
            &p
        ));
        assert!(!asks_about_unknown(
            "can u fix just that leak or do i need the whole pipe redone",
            &p
        ));
        // Where the work is wanted.
        assert_eq!(
            wants_it_done_at_home("its too heavy to bring in, do you come out?"),
            Some(true)
        );
        assert_eq!(
            wants_it_done_at_home("can i drop it off tomorrow"),
            Some(false)
        );
        assert_eq!(wants_it_done_at_home("it stopped working"), None);
    }

    #[test]
    fn round_nineteen_another_business_named_by_its_trade() {
        // "The water heater place said": what the other business is called by is no job
        // asked for.
        let p = profile();
        let m = score_services(
            "the water heater place said my kitchen drain is clogged up bad",
            &p,
        )
        .unwrap();
        assert_eq!(p.services[m.best].name, "Drain cleaning");
        assert!(m.runner_up.is_none());
    }

    #[test]
    fn round_twenty_three_names_insurers_and_separate_places() {
        // "Whatevers earlist" answers when, not who.
        assert_eq!(bare_name("whatevers earlist"), None);
        assert_eq!(bare_name("whichever is erliest"), None);
        assert_eq!(
            bare_name("Terrence Hollis").as_deref(),
            Some("Terrence Hollis")
        );
        // A health insurer or out of pocket asks the insurance entry.
        let mut p = profile();
        p.faq.push(crate::domain::profile::Faq {
            q: "Do you take insurance?".into(),
            a: "We don't bill insurance; HSA and FSA cards are fine.".into(),
            keywords: vec![],
        });
        let i = p.faq.len() - 1;
        for text in [
            "do u take aetna",
            "is it covered by medicare?",
            "is that a copay thing",
        ] {
            assert_eq!(topics(text, &p), vec![Topic::Faq(i)], "{text}");
        }
        // Doubting the job is ours: a separate place for it.
        assert!(doubts_fit(
            "can you fix the mirror too or do i need a separate glass shop"
        ));
        assert!(!doubts_fit("can you do the two bathrooms on separate days"));
        // Misspelt furniture is furniture.
        assert_eq!(words("move my furnature"), vec!["move", "my", "furniture"]);

        // Held-out 80: an initial after a name; the short name, then the whole one.
        assert_eq!(bare_name("dave m").as_deref(), Some("Dave"));
        assert_eq!(
            name_when_asked("oh and its sam, samantha reyes", &profile()).as_deref(),
            Some("Samantha Reyes")
        );
        assert_eq!(
            name_when_asked("its sam, tom is my husband", &profile()).as_deref(),
            Some("Sam")
        );
        // What we already do, said as the reason to ask for another thing no service names;
        // not a listed job asked the same way.
        assert!(builds_on_what_we_do(
            "since you guys already come for the drains, could you also look at the fridge coils?",
            &profile()
        ));
        assert!(!builds_on_what_we_do(
            "since you guys are already here for the drains, could you also fix the leak under the sink?",
            &profile()
        ));
        assert!(!builds_on_what_we_do(
            "can you clear the drain thursday?",
            &profile()
        ));
        // "Ken, Kenmore washer": the name is Ken.
        assert_eq!(
            extract_name("Hi this is Ken, Kenmore washer wont drain").as_deref(),
            Some("Ken")
        );
        // Held-out 81: an age and a parent ask the age entry; "only me and teacher" is private.
        let mut p = profile();
        p.faq.push(crate::domain::profile::Faq {
            q: "How old do you have to be?".into(),
            a: "18, or 14 with a parent and ID.".into(),
            keywords: vec![],
        });
        let i = p.faq.len() - 1;
        assert_eq!(
            topics("can my daughter get it done at 15 if i come with her", &p),
            vec![Topic::Faq(i)]
        );
        let mut p = profile();
        p.services[1].name = "Private lesson".into();
        p.services[1].keywords = vec![];
        assert_eq!(
            score_services("i want one lesson, just me and the instructor", &p).map(|m| m.best),
            Some(1)
        );
        // Held-out 82: "Under Kim Alvarez" is Kim Alvarez; a name, a yes and thanks is a yes
        // with the name; "jess p. yes" too; "training" is no typo of "trail".
        assert_eq!(
            bare_name("Under Kim Alvarez").as_deref(),
            Some("Kim Alvarez")
        );
        assert_eq!(
            name_beside_yes("My name is Jonas Weber. Yes this is correct, thank you very much")
                .as_deref(),
            Some("Jonas Weber")
        );
        assert_eq!(name_beside_yes("jess p. yes").as_deref(), Some("Jess"));
        assert!(!crate::engine::normalize::near("train", "trail"));
        // A yes with thanks and the owner's name is no name of the caller's.
        assert_eq!(name_beside_yes("Yes, thank you, Claire"), None);
        // A person at the wheel is no auto-reply; a phone's driving reply is.
        assert!(!looks_automated("im driving rn cant really text"));
        assert!(looks_automated(
            "I'm Driving with Do Not Disturb While Driving turned on. I'll see your message when I get where I'm going."
        ));
        assert!(looks_automated(
            "I'm driving right now - I'll get back to you later."
        ));
        // "Keep the X going" keeps it.
        let mut p = profile();
        p.services[1].name = "Monthly cleaning".into();
        p.services[1].keywords = vec!["every month".into()];
        assert_eq!(
            score_services(
                "can we keep the every month cleaning going thru october?",
                &p
            )
            .map(|m| m.best),
            Some(1)
        );
        // Built-in kitchen cabinets at a furniture shop, asked as "is that something you do".
        let mut p = profile();
        p.services[0].name = "Table strip and refinish".into();
        p.services[0].description = Some("We strip and refinish dining tables.".into());
        assert!(foreign_request(
            "our kitchen cabinets are worn around the handles. Is that something you refinish?",
            &p
        ));
        assert!(!foreign_request(
            "our dining table is worn around the edges. Is that something you refinish?",
            &p
        ));
        // A business whose services name cabinets at all works on kitchen cabinets.
        let mut p = profile();
        p.services[1].description = Some("Inside all cabinets and drawers wiped out.".into());
        assert!(!foreign_request(
            "can you clean inside the kitchen cabinets too?",
            &p
        ));
    }

    #[test]
    fn round_twenty_two_ye_and_what_is_needed() {
        // "name Kevin" opening its sentence is the name; "the name Brand is on it" is not.
        assert_eq!(
            stated_name("11802 Lipsey Rd, Carrollwood area. name Kevin").as_deref(),
            Some("Kevin")
        );
        assert_eq!(stated_name("the name Brand is on it"), None);
        assert_eq!(
            stated_name("booking for my dog. Name Biscuit, goldendoodle, needs full groom"),
            None
        );
        // "Do you have anything thursday evening?" asks for times.
        assert!(asks_for_times(
            "do you have anything thursday evening? like 6ish after work"
        ));
        assert!(!asks_for_times("do you have anything for sore hamstrings?"));
        // "ye" alone is a yes.
        assert!(is_yes("ye"));
        assert!(is_yes("ye thats fine"));
        assert!(!is_yes("ye olde shoppe?"));
        // "Do I have to buy a machine first for the class?" is the entry "Do I need my own
        // machine for a class?", not a booking of the class.
        let mut p = profile();
        p.faq.push(crate::domain::profile::Faq {
            q: "Do I need my own machine for a class?".into(),
            a: "No. The classroom has machines for students to use.".into(),
            keywords: vec![],
        });
        let i = p.faq.len() - 1;
        assert_eq!(
            topics("do i have to buy a machine first for the class or nah", &p),
            vec![Topic::Faq(i)]
        );
    }

    #[test]
    fn round_twenty_one_agreements_places_and_removal() {
        // An agreement is no question, however it opens; a pick asked is.
        assert!(!is_question("ya thats good"));
        assert!(!is_question("ok do that one. its Beth Yarbrough"));
        assert!(is_question("do that one on saturday?"));
        assert!(is_question("ok do that kind of work"));
        // A yes first, then a question: the yes opens it; a change after it is no yes.
        assert!(opens_with_yes("yes confirm. will the landlord pay?"));
        assert!(opens_with_yes("yep. do i need to be home?"));
        assert!(!opens_with_yes("yes but can we do thursday instead?"));
        assert!(!opens_with_yes("how much is it? yes or no"));
        // "Figure skating not hockey" at a hockey shop: set against what the business is about.
        let mut p = profile();
        p.business.about = "Hockey pro shop since 2009. We sharpen hockey skates.".into();
        assert!(contrasts_with_business(
            "my daughter does figure skating not hockey, can you sharpen hers",
            &p
        ));
        assert!(!contrasts_with_business(
            "can you sharpen my hockey skates",
            &p
        ));
        assert!(!contrasts_with_business(
            "im not sure, its hockey skates",
            &p
        ));
        assert!(doubts_fit(
            "can you do those or is it a totally different thing"
        ));
        // A yes with courtesies; "yall install X?" asks if it is offered, "after u fix it"
        // does not.
        assert!(is_yes("That will be fine dear. Thank you"));
        assert!(!is_yes("That will be a problem dear. Thank you"));
        assert!(asks_if_offered("yall install hitches?"));
        assert!(asks_if_offered("u guys fix garage door openers?"));
        assert!(!asks_if_offered(
            "if sumthin breaks again after u fix it am i covered"
        ));
        // A nod before a question is no yes; a courtesy does not hide a change.
        assert!(!opens_with_yes(
            "ok. how much is this going to cost me all in?"
        ));
        assert!(!opens_with_yes(
            "ok, whats the soonest you could come out to us?"
        ));
        assert!(!is_yes("ok but not 9am, thank you so much dear"));
        // "Our names are Gloria and Ed" gives the first.
        assert_eq!(
            extract_name_in("Our names are Gloria and Ed Thorsen.", &profile()).as_deref(),
            Some("Gloria")
        );
        // "All right" and the names of places are no name.
        assert_eq!(
            name_when_asked("All right. The first time is fine.", &profile()),
            None
        );
        assert_eq!(name_when_asked("yea one. rancho viejo", &profile()), None);
        // Not doing something now rules out the service that does it; wanting it off is
        // the removal service.
        let p = BusinessProfile::from_toml(
            &include_str!("../../examples/daves-plumbing.toml").replace(
                "name = \"Drain cleaning\"",
                "name = \"Old fixture removal\"",
            ),
        )
        .unwrap();
        let found = score_services("not installing anything new yet, just want it off", &p);
        assert_eq!(
            found.map(|m| p.services[m.best].name.as_str()),
            Some("Old fixture removal")
        );
    }

    #[test]
    fn round_twenty_yes_picks_names_and_addresses() {
        // "Ya" alone is a yes, though it reads as "you" in a sentence.
        assert!(is_yes("ya"));
        assert!(is_yes("ya do it"));
        assert!(!is_yes("ya know what, never mind"));
        // "Last" picks the last time only as a pick.
        assert_eq!(pick_number("the last one", 3), Some(3));
        assert_eq!(pick_number("last please", 3), Some(3));
        assert_eq!(pick_number("Denise, same last name as my mom", 3), None);
        assert_eq!(pick_number("last time i came in it was fine", 3), None);
        // "Closest to 2" is an hour, not the second time.
        assert_eq!(pick_number("whatever's closest to 2", 3), None);
        // The unit's number stays with the address; the name said before "at" is the name.
        assert_eq!(
            extract_address("sam at 88 n palm dr unit 2108").as_deref(),
            Some("88 n palm dr unit 2108")
        );
        assert_eq!(
            name_when_asked("sam at 88 n palm dr unit 2108", &profile()).as_deref(),
            Some("Sam")
        );
        // What the business works on is no name ("pipes. pex ones" to "what name?").
        let p = plumber_with("\nkeywords = [\"pipes\", \"clogged pipe\"]");
        assert_eq!(name_when_asked("pipes", &p), None);
        assert_eq!(name_when_asked("pipes, nothing fancy", &p), None);
        assert_eq!(
            name_when_asked("pipes. Jo Lee", &p).as_deref(),
            Some("Jo Lee")
        );
    }

    #[test]
    fn round_twenty_the_reviews_everyday_texts() {
        // "Ya do weekends?" asks; "last" as a verb picks nothing.
        assert!(!is_yes("ya do weekends?"));
        assert_eq!(pick_number("how long does the wax last", 3), None);
        // "Do your prices...?" is no "do you do"; "do your techs do...?" is.
        assert!(!asks_do_you_do("do your prices include tax"));
        assert!(asks_do_you_do("do your techs do tankless"));
        // A lot said before the street, or after it, stays in the address.
        assert_eq!(
            extract_address("lot 118 Palm Breeze Estates 2300 Old Bartow Rd").as_deref(),
            Some("lot 118 Palm Breeze Estates, 2300 Old Bartow Rd")
        );
        assert_eq!(
            extract_address("4410 Lakeland Hills Blvd Lot 37").as_deref(),
            Some("4410 Lakeland Hills Blvd lot 37")
        );
        // Odd spacing and emoji around it: no panic, the street still found.
        assert!(extract_address("lot 5 \u{1f3e0}  12 Main St  unit\n\u{1f480}").is_some());
        assert!(extract_address("\u{1f480}\u{1f480} 12   Main St apt").is_some());
        // Who is at the address is no name; a name in capitals stays one.
        assert_eq!(
            name_when_asked("She's at 3419 Riverside Dr", &profile()),
            None
        );
        let p = plumber_with("\nkeywords = [\"drain\", \"clogged drain\"]");
        assert_eq!(
            name_when_asked("Drain Smith", &p).as_deref(),
            Some("Drain Smith")
        );
        // An age said picks the service whose ages take the child in.
        let kids = plumber_with(
            "\nduration_minutes = 60\nprice = \"$20\"\ndescription = \"Kids class, ages 7-12.\"\n\n[[services]]\nname = \"Little ones class (ages 4-6)\"",
        );
        assert_eq!(
            best_named("my son is 5, can he try a class", &kids).as_deref(),
            Some("Little ones class (ages 4-6)")
        );
        // Who a service is for, said in its name, is its ages.
        let named = plumber_with(
            "\nduration_minutes = 60\nprice = \"$20\"\n\n[[services]]\nname = \"Pediatric drain check\"",
        );
        let ranges = AgeRanges::new(&named).0;
        let at = |n: &str| named.services.iter().position(|s| s.name == n).unwrap();
        assert_eq!(ranges[at("Pediatric drain check")], Some((0, 17)));
        assert_eq!(ranges[at("Drain cleaning")], None);
        // "How long til" asks how long a job takes.
        let lead = with_faq(
            "How long do new shutters take?",
            "About 6 weeks from the order to install.",
        );
        assert_eq!(
            best_faq(
                "if i ordered them now how long til theyre actually on the house",
                &lead
            )
            .map(|(i, _)| i),
            Some(lead.faq.len() - 1)
        );
        // Years of doing something are no age; a child's age said is.
        assert_eq!(age_of_who("i did karate for like 6 yrs as a kid"), None);
        assert_eq!(age_of_who("she is a 6 yr old, very shy"), Some(6));
    }

    #[test]
    fn round_twenty_a_pick_named_in_a_long_sentence() {
        assert_eq!(
            pick_number(
                "The second time you listed would be better, I have water aerobics the other mornings",
                3
            ),
            Some(2)
        );
        assert_eq!(
            pick_number(
                "ok we can do the 3rd one since my husband is home that day",
                3
            ),
            Some(3)
        );
        // Not a story with an ordinal in it.
        assert_eq!(
            pick_number(
                "the second time it broke we had just paid for the first repair",
                3
            ),
            None
        );
    }

    #[test]
    fn round_twenty_keywords_times_and_faq_words() {
        // A keyword of several words counts only said whole: "some morning this week" is when.
        let p = plumber_with("\nkeywords = [\"morning after\"]");
        assert_eq!(
            best_named("could someone come some morning this week?", &p),
            None
        );
        assert_eq!(
            best_named("need someone the morning after our party", &p).as_deref(),
            Some("Drain cleaning")
        );
        // "Do your plumbers do X too?" asks if it is offered.
        assert!(asks_if_offered("do ur plumbers do gas lines too?"));
        assert!(asks_do_you_do("do your guys do gas lines"));
        // A loaner and a same-day rush, asked in the caller's words, find the owner's entry.
        let loaner = with_faq(
            "Can I get a rental car?",
            "Enterprise on Main St picks you up here; the other driver's insurance pays for the rental.",
        );
        assert_eq!(
            best_faq(
                "do yall do loaners or how am i supposed to get to work",
                &loaner
            )
            .map(|(i, _)| i),
            Some(loaner.faq.len() - 1)
        );
        let rush = with_faq(
            "How long does a repair take?",
            "Most jobs are ready in 3-5 business days. Rush same-day service is $30 extra.",
        );
        assert_eq!(
            best_faq(
                "if i bring it in can u do it same day or is that a whole thing",
                &rush
            )
            .map(|(i, _)| i),
            Some(rush.faq.len() - 1)
        );
    }

    #[test]
    fn round_nineteen_the_reviews_everyday_texts() {
        // A date of something else is no booking wish; "can we" and "is the" ask for a day.
        assert!(!says_day_of_month(
            "can you send me the invoice? i get paid on the 15th"
        ));
        assert!(!says_day_of_month(
            "could you check if the 5th is when my warranty ends"
        ));
        assert!(says_day_of_month("can we do the 16th?"));
        assert!(says_day_of_month("is the 16th open"));
        assert!(says_day_of_month("the 16th would be great"));
        // "Wed" may be "we'd", "sun" the sun: a day only when surely one.
        assert!(!wants_booking(
            "wed at least like a ballpark price on a new water heater"
        ));
        assert!(!wants_booking("that side gets sun after 2"));
        assert!(wants_booking("wed 10am?"));
        // Grand Ave and Thousand Oaks are streets; thousands of dollars are not.
        assert!(loose_address("412 grand").is_some());
        assert!(loose_address("2150 thousand oaks").is_some());
        assert_eq!(
            loose_address("thats 8 thousand dollars out of our account"),
            None
        );
        // The first of two jobs is asked about too.
        let p = profile();
        assert!(asks_about_unknown("do you rent or sell water heaters", &p));
        // The job needed may follow what it is done to; a plain job is every business's.
        assert_eq!(
            asked_action("we need kitchen cabinets painted, is that something you do?"),
            Some(stem("paint"))
        );
        assert_eq!(
            asked_action("the dryer needs looked at, is that something you do"),
            None
        );
        // Where the work is wanted.
        assert_eq!(
            wants_it_done_at_home("i cant bring it in, can someone come out"),
            Some(true)
        );
        assert_eq!(wants_it_done_at_home("can someone stop by the house"), None);
        // "The oil change guys said": another business, by its trade.
        let m =
            score_services("the water heater guys said my kitchen drain is clogged", &p).unwrap();
        assert_eq!(p.services[m.best].name, "Drain cleaning");
    }

    #[test]
    fn round_twenty_five_faq_marks_concepts_and_hours_of_the_clock() {
        let p = with_entries(&[
            (
                "What can't go in the dumpster?",
                "No paint, oil or tires. Mattresses and box springs are OK for a $25 landfill charge each.",
            ),
            (
                "Do you deliver?",
                "Yes. Delivery is $15 in Chattanooga, Red Bank and Hixson. Order by 1 pm for same-day delivery.",
            ),
            (
                "Which labs do you take samples to?",
                "We deliver to Clinical Labs or Diagnostic Laboratory Services (DLS), the same day.",
            ),
            (
                "How long does a repair take?",
                "Most are done in under an hour. Rare parts take 1-2 business days.",
            ),
            (
                "Will I lose my photos or data?",
                "Repairs don't touch your photos or data - we never reset the phone.",
            ),
            (
                "Can kids come?",
                "Kids 6 and up are welcome on guided tours.",
            ),
        ]);
        let faq = |t: &str| best_faq(t, &p).filter(|(_, s)| *s >= 0.5).map(|(i, _)| i);
        // Two words in a row that only one entry has, or its acronym.
        assert_eq!(
            faq("can i toss our old mattress n box spring in there w the rest of the junk"),
            Some(0)
        );
        assert_eq!(
            faq("can it still get to my moms in red bank today?? its her bday"),
            Some(1)
        );
        assert_eq!(
            faq("my insurance only does DLS, do u take it there"),
            Some(2)
        );
        // An hour of the clock is no figure of an entry.
        assert_eq!(faq("can u do thurs at 2"), None);
        // Ways of asking that the entries word otherwise.
        assert_eq!(
            faq("do u guys have to wipe the phone or whatever? i got 4 yrs of baby pics on it"),
            Some(4)
        );
        assert_eq!(
            faq("my son is 7, is he allowed or is that too young"),
            Some(5)
        );
        assert_eq!(clock_hours("can u do thurs at 2"), vec!["2".to_string()]);
        assert!(clock_hours("she was born at 2 weeks early").is_empty());
        assert!(clock_hours("we have 2 dogs").is_empty());
    }

    #[test]
    fn round_twenty_four_weddings_trials_what_we_do_declined_and_yes_with_a_wish() {
        // Getting married is a wedding; a practice run is a trial.
        assert_eq!(stem("married"), stem("wedding"));
        assert_eq!(stem("practice"), stem("trial"));
        // The business's own thing declined, something else asked instead.
        let mut p = profile();
        p.business.name = "Alamo City Beats DJ Co".into();
        assert!(declines_what_we_do(
            "can i just rent the speakers? we dont need a dj just the equipment",
            &p
        ));
        assert!(!declines_what_we_do(
            "we dont need a dj till 9, can you start then",
            &p
        ));
        // A nod, then a wish about the time, is no yes.
        assert!(!is_yes("Great. Weekday after school is best, after 4"));
        assert!(is_yes("Great, book it"));
        // A name, who it is for, and a yes.
        assert!(is_yes("Heather Kim, daughter is Sophie. Yes confirm"));
        assert_eq!(
            name_beside_yes("Heather Kim, daughter is Sophie. Yes confirm").as_deref(),
            Some("Heather Kim")
        );
        // Kinds of shoes are shoes; teaching is a lesson.
        assert_eq!(stem("crocs"), stem("shoes"));
        // A different place told as where they were is no doubt; asked, it is.
        assert!(!doubts_fit(
            "we went to a different place and she didnt stick one. can u teach us?"
        ));
        assert!(doubts_fit("do i need a different company for that?"));
        // What they bought, to be put in, when the profile never names it.
        assert_eq!(
            bought_thing("i bought a bafang mid drive kit off amazon for my bike"),
            vec!["bafang", "mid", "drive", "kit"]
        );
        assert!(bought_thing("can you put it in").is_empty());
        assert_eq!(
            bought_thing("i bought a new fridge, can you install it"),
            vec!["fridge"]
        );
        // A nod then when they will come is still a yes; a part of the day declined is no
        // decline of what we do.
        assert!(is_yes("yes book it! we'll come right after work"));
        assert!(!declines_what_we_do(
            "we dont need a dj for the ceremony, just the reception. are you free june 14",
            &p
        ));
        // The caller named after who they are to the one the visit is for.
        assert_eq!(
            stated_name("4807 Kensington Ave. I'm his son Paul Abernathy").as_deref(),
            Some("Paul Abernathy")
        );
        assert_eq!(stated_name("im his son, can u come tmrw"), None);
        assert_eq!(stated_name("I'm his son Drain is backed up"), None);
        assert_eq!(stated_name("im his son Paul").as_deref(), Some("Paul"));
        // Street names with small words in them are still streets.
        for a in [
            "310 So Main St",
            "100 Town and Country Blvd",
            "12 Isle of Palms Blvd",
            "320 Wheel Ln",
        ] {
            assert_eq!(extract_address(a).as_deref(), Some(a), "{a}");
        }
        // A sentence between a number and a street word is no address.
        assert_eq!(
            extract_address("saying error 9 then just spins in a circle"),
            None
        );
        assert_eq!(
            extract_address("when i put it in 4 wheel drive theres a grinding"),
            None
        );
        assert_eq!(extract_address("had to get a jump 2 days in a row"), None);
        assert_eq!(extract_address("my son is 6 and his dr wants a cbc"), None);
        assert_eq!(
            extract_address("we're at 4412 Shoal Creek Blvd").as_deref(),
            Some("4412 Shoal Creek Blvd")
        );
        // A thing said to be all right is not the job.
        let mut shop = profile();
        shop.services[0].keywords.push("cord".into());
        let cord = shop.services[0].name.clone();
        let read = |t: &str| score_services(t, &shop).map(|m| shop.services[m.best].name.clone());
        assert_eq!(read("the cord is frayed").as_deref(), Some(cord.as_str()));
        assert_ne!(
            read("it wont turn on at all. cord looks fine").as_deref(),
            Some(cord.as_str())
        );
    }

    #[test]
    fn round_twenty_six_questions_hours_prices_and_names_before_an_address() {
        let p = profile();
        // The choice left open at the end asks.
        assert!(is_question("im 16 can i get my nose pierced there or nah"));
        assert!(!is_question("im not sure if its worth fixing or not"));
        assert!(!is_no("can you come today or nah"));
        assert!(is_no("nah"));
        // The days we work, asked of a kind of day.
        assert_eq!(
            topics("do you work mondays? thats my only day off", &p),
            vec![Topic::Hours]
        );
        assert!(topics("do yall come out on saturdays?", &p).contains(&Topic::Hours));
        assert!(!topics("can you work on it monday at 3?", &p).contains(&Topic::Hours));
        assert!(
            !topics("my husband works saturdays, can you come friday?", &p).contains(&Topic::Hours)
        );
        // A price asked "for" a thing, as "to" one.
        assert_eq!(
            price_to_at(&words("how much do you guys charge for laser removal")),
            Some(6)
        );
        assert_eq!(
            price_to_at(&words("how much to install a lift kit")),
            Some(2)
        );
        // "Yall handle those right?" in a later sentence asks whether we do it.
        assert!(asks_if_offered(
            "need 2 porta johns at a job site by monday. yall handle those right?"
        ));
        assert!(!asks_if_offered("you fixed it last year. thanks again"));
        // A first and last name opening the sentence with the address.
        assert_eq!(
            extract_name(
                "need a cap put on, whatever u have soonest. walt brooks 88 sand hill rd candler"
            )
            .as_deref(),
            Some("Walt Brooks")
        );
        assert_eq!(extract_name("send someone to 88 sand hill rd"), None);
        assert_eq!(extract_name("rear entrance 14 abercorn st"), None);
        assert_eq!(
            extract_name("gate code 1234. front gate 14 abercorn st"),
            None
        );
        // How many, not where.
        assert_eq!(
            loose_address("we have 2 cats who basically live in that bathroom"),
            None
        );
        assert!(loose_address("2219 emerson ave louisville").is_some());
        // "That'll work": a yes.
        assert!(is_yes("That'll work, thank you"));
        assert!(is_yes("that would work"));
    }

    #[test]
    fn round_twenty_six_a_question_about_cancelling_cancels_nothing() {
        assert!(!wants_cancel(
            "Ana. how late can i cancel if my kid ends up sick? he gets everything going around"
        ));
        assert!(!wants_cancel("whats ur cancellation policy?"));
        assert!(!wants_cancel("is there a fee if i have to cancel?"));
        assert!(wants_cancel("i need to cancel, is there a fee?"));
        assert!(wants_cancel("please cancel my appointment"));
        assert!(wants_cancel("can i cancel my appt for tomorrow?"));
    }

    #[test]
    fn round_twenty_six_a_job_asked_as_like_ours_is_doubted() {
        assert!(doubts_fit(
            "our dryer takes 3 cycles now. you guys clean out dryer vents too right? its basically a little chimney lol"
        ));
        assert!(doubts_fit(
            "hey since yall do tv stuff can you mount our new 75in tv over the fireplace"
        ));
        assert!(!doubts_fit("you guys clean chimneys right? ours is due"));
        assert!(!doubts_fit(
            "you came out last year too right? for the water heater"
        ));
    }

    #[test]
    fn round_twenty_six_faq_concepts_for_hookups_mess_written_tests_and_walk_ins() {
        let p = with_entries(&[
            (
                "Do you need to plug into my house or use my water?",
                "No. The van is fully self-contained with its own generator and heated water.",
            ),
            (
                "Will it make a mess in my house?",
                "No. We lay drop cloths from the door to the hearth and run a HEPA vacuum.",
            ),
            (
                "Is there a written test?",
                "BLS has a written exam plus a skills test. Heartsaver has only a skills test.",
            ),
            (
                "Do you take walk-ins?",
                "We take walk-ins for cuts when a chair is open. Color is by appointment only.",
            ),
            ("How do I pay?", "Card, cash or Apple Pay."),
        ]);
        let faq = |t: &str| best_faq(t, &p).filter(|(_, s)| *s >= 0.5).map(|(i, _)| i);
        assert_eq!(
            faq("random q but do you need to plug the van into our garage or hook up to the hose?"),
            Some(0)
        );
        assert_eq!(
            faq("we just put in new cream carpet. is this gonna get soot all over it?"),
            Some(1)
        );
        assert_eq!(
            faq("is there like a paper test for the normal one or is it just the hands on stuff?"),
            Some(2)
        );
        assert_eq!(faq("can i just show up?"), Some(3));
        assert_eq!(faq("can i come without an appointment?"), Some(3));
        assert_eq!(faq("do you take apple pay?"), Some(4));
    }

    #[test]
    fn round_twenty_seven_nods_names_and_faq_concepts() {
        // The time read back, met with a nod in other words.
        for t in [
            "gracias see you then",
            "\u{1F44D} thanks",
            "\u{1F44D}",
            "ok see u then",
        ] {
            assert!(is_yes(t), "{t}");
        }
        assert!(!is_yes("\u{1F44D} but can we do friday instead?"));
        // A name, then the address.
        assert_eq!(
            extract_name("its bryce at 48 marsh hawk ln in mount pleasant").as_deref(),
            Some("Bryce")
        );
        let p = with_entries(&[
            (
                "Can you do returns for other states?",
                "Yes, we file returns for all states. Each extra state return adds $75.",
            ),
            (
                "How much dust is there?",
                "We sand with a dustless system and a HEPA vacuum, so there's very little.",
            ),
            ("How do I pay?", "Card, cash or check."),
        ]);
        let faq = |t: &str| best_faq(t, &p).filter(|(_, s)| *s >= 0.5).map(|(i, _)| i);
        assert_eq!(
            faq("moved here from denver in june. can yall do my colorado taxes too"),
            Some(0)
        );
        assert_eq!(
            faq("is refinishing gonna fill the whole house with sawdust?"),
            Some(1)
        );
        assert_eq!(faq("im at 1812 w maryland st, can you come friday?"), None);
        // A new thing asked on the strength of what we do, with a word of it said again.
        let plumber =
            BusinessProfile::from_toml(include_str!("../../examples/daves-plumbing.toml")).unwrap();
        assert!(builds_on_what_we_do(
            "you guys do the water heaters so can you also set up a new water softener for me? want it done before xmas",
            &plumber
        ));
    }
}
