//! Normalisation in front of all matching: people text in shorthand ("u", "r", "tmrw", "pls"),
//! with typos and glued symbols ("a/c", "w/o"). Every matcher of the built-in policy reads words
//! through [`words`], so a caller's "wat r ur hrs" and "what are your hours" look the same to it.
//! Stemming (Snowball, via `rust-stemmers`) and typo tolerance (edit distance, via `strsim`) live
//! here too, so the scorers share one idea of "the same word".

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;

/// Texting shorthand and common misspellings, each to the words it stands for.
const SHORTHAND: &[(&str, &str)] = &[
    ("u", "you"),
    ("ya", "you"),
    ("yu", "you"),
    ("ur", "your"),
    ("youre", "you are"),
    ("r", "are"),
    ("ru", "are you"),
    ("wat", "what"),
    ("wut", "what"),
    ("wht", "what"),
    ("whta", "what"),
    ("rn", "right now"),
    ("yall", "you all"),
    ("n", "and"),
    ("yalls", "your"),
    ("pls", "please"),
    ("plz", "please"),
    ("pleas", "please"),
    ("tmrw", "tomorrow"),
    ("mtn", "mountain"),
    ("tmr", "tomorrow"),
    ("tmw", "tomorrow"),
    ("tmrow", "tomorrow"),
    ("tmrrw", "tomorrow"),
    ("tomoro", "tomorrow"),
    ("tomorow", "tomorrow"),
    ("tommorow", "tomorrow"),
    ("tommorrow", "tomorrow"),
    ("tomorrw", "tomorrow"),
    ("2morrow", "tomorrow"),
    ("2moro", "tomorrow"),
    ("2day", "today"),
    ("tdy", "today"),
    ("tonite", "tonight"),
    ("2nite", "tonight"),
    ("nite", "night"),
    ("thx", "thanks"),
    ("thnx", "thanks"),
    ("thanx", "thanks"),
    ("tks", "thanks"),
    ("ty", "thank you"),
    ("tysm", "thank you"),
    ("cuz", "because"),
    ("bc", "because"),
    ("abt", "about"),
    ("bout", "about"),
    ("appt", "appointment"),
    ("appts", "appointments"),
    ("apointment", "appointment"),
    ("appointmnet", "appointment"),
    ("hrs", "hours"),
    ("hr", "hour"),
    ("mins", "minutes"),
    ("min", "minute"),
    ("wknd", "weekend"),
    ("wkend", "weekend"),
    ("b4", "before"),
    ("idk", "i dont know"),
    ("ppl", "people"),
    ("msg", "message"),
    ("txt", "text"),
    ("txting", "texting"),
    ("avail", "available"),
    ("availible", "available"),
    ("availabe", "available"),
    ("avaliable", "available"),
    ("wanna", "want to"),
    ("gonna", "going to"),
    ("gotta", "got to"),
    ("kinda", "kind of"),
    ("lemme", "let me"),
    ("gimme", "give me"),
    ("prolly", "probably"),
    ("hav", "have"),
    ("earlist", "earliest"),
    ("erliest", "earliest"),
    ("furnature", "furniture"),
    ("lisence", "license"),
    ("liscense", "license"),
    ("lisense", "license"),
    ("licence", "license"),
    ("furnture", "furniture"),
    ("sum1", "someone"),
    ("some1", "someone"),
    ("any1", "anyone"),
    ("ne1", "anyone"),
    ("no1", "no one"),
    ("tho", "though"),
    ("thru", "through"),
    ("recieve", "receive"),
    ("definately", "definitely"),
    ("wensday", "wednesday"),
    ("wedensday", "wednesday"),
    ("wednsday", "wednesday"),
    ("thrusday", "thursday"),
    ("thursdy", "thursday"),
    ("tuesdy", "tuesday"),
    ("teusday", "tuesday"),
    ("saterday", "saturday"),
    ("satruday", "saturday"),
    ("fryday", "friday"),
    ("mon", "monday"),
    ("tues", "tuesday"),
    ("tue", "tuesday"),
    ("weds", "wednesday"),
    ("thurs", "thursday"),
    ("thur", "thursday"),
    ("thu", "thursday"),
    ("fri", "friday"),
    ("pic", "picture"),
    ("pics", "pictures"),
    ("okay", "ok"),
    ("okey", "ok"),
    ("kk", "ok"),
    ("okk", "ok"),
    ("yess", "yes"),
    ("yesss", "yes"),
    ("yeh", "yeah"),
    ("yah", "yeah"),
    ("w", "with"),
    ("wk", "week"),
    ("wks", "weeks"),
    ("insta", "instagram"),
    ("ig", "instagram"),
    ("fb", "facebook"),
    ("lil", "little"),
    ("convo", "conversation"),
    ("wo", "without"),
    ("acct", "account"),
    ("estim", "estimate"),
    ("est", "estimate"),
    ("aint", "isnt"),
    ("teeth", "tooth"),
    ("amex", "american express"),
    ("eval", "evaluation"),
    ("evals", "evaluations"),
    ("feet", "foot"),
    ("mice", "mouse"),
    ("geese", "goose"),
];

/// Words said with the g dropped ("its bleedin pretty good", "somethin is leakin"): read as the
/// word. A closed list of everyday verbs, so "cabin", "raisin" or "Austin" never gain a g.
const G_DROPPED: &[&str] = &[
    "bleedin",
    "leakin",
    "drippin",
    "gushin",
    "sprayin",
    "spewin",
    "burnin",
    "sparkin",
    "comin",
    "goin",
    "doin",
    "nothin",
    "somethin",
    "anythin",
    "everythin",
    "workin",
    "runnin",
    "tryin",
    "gettin",
    "lookin",
    "talkin",
    "wonderin",
    "thinkin",
    "freakin",
    "fallin",
    "breathin",
    "shakin",
    "hurtin",
    "cryin",
    "screamin",
    "throwin",
    "pukin",
    "flickerin",
    "flashin",
    "blinkin",
    "beepin",
    "stinkin",
    "makin",
    "takin",
    "havin",
    "sayin",
    "waitin",
    "callin",
    "textin",
    "sittin",
    "standin",
    "walkin",
    "movin",
    "pourin",
    "floodin",
    "buzzin",
    "hummin",
    "smellin",
    "drivin",
    "fixin",
    "chargin",
    "startin",
    "turnin",
    "heatin",
    "coolin",
    "blowin",
    "grindin",
    "squeakin",
    "squealin",
    "rattlin",
    "knockin",
    "bangin",
    "clickin",
    "stoppin",
    "actin",
    "keepin",
    "soundin",
    "feelin",
    "crackin",
    "saggin",
    "sinkin",
    "trippin",
    "slippin",
    "swellin",
    "itchin",
    "throbbin",
    "achin",
    "limpin",
    "chokin",
    "gaspin",
    "wheezin",
    "coughin",
    "vomitin",
    "bringin",
    "droppin",
    "pickin",
    "askin",
    "needin",
    "wantin",
    "plannin",
    "hopin",
    "lettin",
    "puttin",
    "losin",
    "missin",
];

/// Symbols glued to words that a plain split would break apart or lose.
const GLUED: &[(&str, &str)] = &[
    ("a/c", " ac "),
    ("a.c.", " ac "),
    ("w/o", " without "),
    ("w/", " with "),
    ("&", " and "),
    ("@", " at "),
    ("24/7", " 24/7 "),
    ("y/o", " yo "),
    ("air conditioning", " ac "),
    ("air conditioner", " ac "),
    ("air-conditioning", " ac "),
];

/// Ages and spans glued to their number ("my 4yo", "a 10mo old"): split, so "4 yo" reads as an age.
const AGE_UNITS: &[&str] = &["yo", "yr", "yrs", "mo", "mos", "wk", "wks"];

fn split_age(w: &str) -> Option<(&str, &str)> {
    let digits = w.find(|c: char| !c.is_ascii_digit())?;
    let (n, unit) = w.split_at(digits);
    (!n.is_empty() && n.len() <= 2 && AGE_UNITS.contains(&unit)).then_some((n, unit))
}

fn expand(word: &str) -> Option<&'static str> {
    SHORTHAND
        .iter()
        .find(|(short, _)| *short == word)
        .map(|(_, long)| *long)
}

/// Lower-case words with shorthand expanded and punctuation removed (apostrophes dropped:
/// "don't" -> "dont"). Numbers stay as they are ("2" is a pick, not "to").
///
/// A turn reads the same text through dozens of matchers, so the last few texts' words are kept
/// per thread (a hit costs a copy, a miss the full pass).
pub fn words(text: &str) -> Vec<String> {
    thread_local! {
        static RECENT: std::cell::RefCell<std::collections::VecDeque<(String, Vec<String>)>> =
            Default::default();
    }
    const KEPT: usize = 16;
    if let Some(hit) = RECENT.with(|r| {
        r.borrow()
            .iter()
            .find(|(t, _)| t == text)
            .map(|(_, w)| w.clone())
    }) {
        return hit;
    }
    let out = words_uncached(text);
    RECENT.with(|r| {
        let mut r = r.borrow_mut();
        if r.len() >= KEPT {
            r.pop_back();
        }
        r.push_front((text.to_string(), out.clone()));
    });
    out
}

fn words_uncached(text: &str) -> Vec<String> {
    let mut lower = text.to_lowercase();
    // "He'll", "she'll", "they'll": read without the apostrophe they would be "hell", "shell".
    for (short, long) in [
        ("he'll", "he will"),
        ("he\u{2019}ll", "he will"),
        ("they'll", "they will"),
        ("they\u{2019}ll", "they will"),
    ] {
        if lower.contains(short) {
            lower = lower.replace(short, long);
        }
    }
    if GLUED.iter().any(|(g, _)| lower.contains(g)) {
        for (g, with) in GLUED {
            lower = lower.replace(g, with);
        }
    }
    let plain: String = lower
        .chars()
        .filter(|c| *c != '\'' && *c != '\u{2019}')
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut out = Vec::new();
    for w in plain.split_whitespace() {
        // Letters repeated for emphasis ("pleeease", "yesss") are one letter too many.
        let w = squeeze(w);
        if let Some((n, unit)) = split_age(&w) {
            out.push(n.to_string());
            out.push(unit.to_string());
            continue;
        }
        match expand(&w) {
            Some(long) => out.extend(long.split(' ').map(str::to_string)),
            None if G_DROPPED.contains(&w.as_str()) => out.push(format!("{w}g")),
            None => out.push(w),
        }
    }
    // "Next wed", "sun afternoon": a day, where "wed" could be "we'd" and "sun" the sun; read
    // as the day only beside a word that says so.
    const BEFORE: &[&str] = &[
        "next", "this", "on", "by", "til", "till", "until", "thru", "through", "or", "every",
        "friday", "thursday", "tuesday", "monday", "saturday",
    ];
    const AFTER: &[&str] = &[
        "morning",
        "afternoon",
        "evening",
        "night",
        "am",
        "pm",
        "or",
        "works",
        "work",
        "ok",
    ];
    // ("Think he needs 1 on 1": one to one, a private session; one word, so a keyword "one on
    // one" is matched by it, though each of its words alone says nothing.)
    let mut i = 0;
    while i + 2 < out.len() {
        let one = |w: &str| w == "1" || w == "one";
        if one(&out[i]) && out[i + 1] == "on" && one(&out[i + 2]) {
            out.splice(i..i + 3, ["oneonone".to_string()]);
        }
        i += 1;
    }
    // "Sat" is Saturday unless it is the verb ("the water sat at the bottom", "its sat there
    // for a week", "my car sat in the lot").
    const SAT_AFTER: &[&str] = &[
        "there",
        "down",
        "up",
        "for",
        "outside",
        "around",
        "with",
        "under",
        "out",
        "still",
        "idle",
        "empty",
        "unused",
        "overnight",
        "all",
        "too",
        "behind",
        "inside",
    ];
    // ("Sat at the bottom", "sat in the lot"; but "sat at 10", "sat on the 12th" are days.)
    const SAT_PLACE: &[&str] = &["at", "on", "in", "by"];
    const SAT_BEFORE: &[&str] = &[
        "it", "its", "water", "car", "he", "she", "i", "we", "they", "had", "has", "have", "been",
        "just", "that", "which", "who", "truck", "boat", "dog", "cat",
    ];
    for i in 0..out.len() {
        if out[i] == "sat" {
            let word = |k: usize| out.get(k).map(String::as_str).unwrap_or("");
            let a_place = SAT_PLACE.contains(&word(i + 1))
                && ["the", "a", "my", "our", "his", "her", "their", "your"].contains(&word(i + 2))
                && !word(i + 3).starts_with(|c: char| c.is_ascii_digit());
            // ("first time coming in sat for the stretch thing": when they come.)
            let day_said = i > 0
                && [
                    "on", "this", "next", "by", "til", "until", "come", "coming", "in", "for",
                    "do", "before", "after", "or", "and", "thru",
                ]
                .contains(&word(i - 1));
            let verb = !day_said
                && (i > 0 && SAT_BEFORE.contains(&word(i - 1))
                    || SAT_AFTER.contains(&word(i + 1))
                    || a_place);
            if !verb {
                out[i] = "saturday".to_string();
            }
        }
    }
    for i in 0..out.len() {
        let day = match out[i].as_str() {
            "wed" => "wednesday",
            "sun" => "sunday",
            _ => continue,
        };
        let before = i > 0 && BEFORE.contains(&out[i - 1].as_str());
        // ("Wed the 16th would be best", "wed 10am?": a date or a clock time after it.)
        let digit_led = |k: usize| {
            out.get(k)
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
        };
        // ("can u do wed at 3:30", "wed 330 is good": an hour, or hours and minutes run
        // together, said after it.)
        let hour_like = |k: usize| {
            out.get(k).is_some_and(|n| match n.parse::<u32>() {
                Ok(h) if n.len() <= 2 => (1..=12).contains(&h),
                Ok(hm) if n.len() <= 4 => (1..=12).contains(&(hm / 100)) && hm % 100 < 60,
                _ => false,
            })
        };
        let clock = digit_led(i + 1)
            && (out[i + 1].contains(':')
                || out[i + 1].ends_with("am")
                || out[i + 1].ends_with("pm")
                || hour_like(i + 1)
                || out.get(i + 2).is_some_and(|m| m == "am" || m == "pm"))
            || out.get(i + 1).is_some_and(|n| n == "at") && hour_like(i + 2);
        let after = out.get(i + 1).is_some_and(|n| {
            AFTER.contains(&n.as_str())
                || ["mornings", "afternoons", "evenings"].contains(&n.as_str())
                || n == "the" && digit_led(i + 2)
        }) || clock;
        if before || after {
            out[i] = day.to_string();
        }
    }
    out
}

/// "soooo" -> "soo", "pleeeease" -> "pleease": three or more of a letter become two.
fn squeeze(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut run = 0;
    let mut last = '\0';
    for c in w.chars() {
        run = if c == last { run + 1 } else { 1 };
        last = c;
        if run <= 2 || c.is_ascii_digit() {
            out.push(c);
        }
    }
    out
}

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Does a group entry (`word`, `a phrase`, or one ending in a `prefix*`) start at word `i`? The
/// number of words it covers.
pub fn entry_at(ws: &[String], i: usize, entry: &str) -> Option<usize> {
    let (body, prefix) = match entry.strip_suffix('*') {
        Some(b) => (b, true),
        None => (entry, false),
    };
    // Matched in place (no list of the entry's words per call: this runs for every word of a
    // text against every entry of a group).
    let mut parts = body.split(' ').peekable();
    let mut n = 0;
    while let Some(p) = parts.next() {
        let w = ws.get(i + n)?.as_str();
        let matched = if prefix && parts.peek().is_none() {
            w.starts_with(p)
        } else {
            w == p
        };
        if !matched {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// The Snowball (Porter 2) stem of a lower-case word: "estimates" and "estimate" -> "estim".
/// Small numbers are one word however written: "two" and "2" both stem to "2".
///
/// Stems are kept per thread (a turn stems the same few dozen words many times over).
pub fn stem(word: &str) -> String {
    thread_local! {
        static STEMS: std::cell::RefCell<std::collections::HashMap<String, String>> =
            Default::default();
    }
    if let Some(hit) = STEMS.with(|s| s.borrow().get(word).cloned()) {
        return hit;
    }
    let out = stem_uncached(word);
    STEMS.with(|s| {
        let mut s = s.borrow_mut();
        // Bounded: callers' typos are endless.
        if s.len() >= 8192 {
            s.clear();
        }
        s.insert(word.to_string(), out.clone());
    });
    out
}

fn stem_uncached(word: &str) -> String {
    const NUMBERS: &[&str] = &[
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let lower = word.to_lowercase();
    if let Some(n) = NUMBERS.iter().position(|w| *w == lower) {
        return n.to_string();
    }
    // Past tenses the stemmer cannot know ("swept" is "sweep").
    const IRREGULAR: &[(&str, &str)] = &[
        ("swept", "sweep"),
        ("dug", "dig"),
        ("broke", "break"),
        ("broken", "break"),
        ("froze", "freez"),
        ("frozen", "freez"),
        ("blew", "blow"),
        ("blown", "blow"),
        ("tore", "tear"),
        ("torn", "tear"),
        ("hung", "hang"),
        ("mown", "mow"),
        ("bent", "bend"),
        ("built", "build"),
        ("threw", "throw"),
        ("thrown", "throw"),
        ("wore", "wear"),
        ("worn", "wear"),
        ("shook", "shake"),
        ("stung", "sting"),
        ("bit", "bite"),
        ("bitten", "bite"),
        ("ran", "run"),
        // "Something died under the house" is a dead animal (but "dying" is not yet dead).
        ("died", "dead"),
    ];
    if let Some((_, base)) = IRREGULAR.iter().find(|(past, _)| *past == lower) {
        return STEMMER.stem(base).into_owned();
    }
    let stemmed = STEMMER.stem(&lower).into_owned();
    // Words that mean the same to a caller, one stem for both.
    const SAME: &[(&str, &str)] = &[
        ("warranti", "guarante"),
        ("warrante", "guarante"),
        ("normal", "standard"),
        ("basic", "standard"),
        ("regular", "standard"),
        // Furniture "bolted to the wall" is anchored; a TV's "bracket" is its mount.
        ("bolt", "anchor"),
        ("bracket", "mount"),
        ("queasi", "nausea"),
        ("nauseous", "nausea"),
        ("shot", "vaccin"),
        ("exterior", "outsid"),
        ("interior", "insid"),
        ("pictur", "photo"),
        ("pic", "photo"),
        // A place to stay is a hotel ("staying at a guesthouse on whitehead st").
        ("guesthous", "hotel"),
        ("motel", "hotel"),
        ("pee", "potti"),
        ("nip", "bite"),
        ("haircut", "cut"),
        // Knots and tangles in a coat are mats.
        ("knot", "mat"),
        ("tangl", "mat"),
        ("whole", "full"),
        // Getting someone washed up is a bath.
        ("wash", "bath"),
        // Trade words: a line is "scoped" with a camera.
        ("scope", "camera"),
        // "Do you need proof its mine" asks "Do I have to prove the safe is mine?".
        ("proof", "prove"),
        // "I'm getting married" is a wedding.
        ("marri", "wed"),
        // A practice run before the day is a trial ("a practice tan" is the "trial tan").
        ("practic", "trial"),
        // Kinds of shoes are shoes ("can i throw in crocs" asks about closed-toe shoes).
        ("croc", "shoe"),
        ("sneaker", "shoe"),
        ("sandal", "shoe"),
    ];
    match SAME.iter().find(|(from, _)| *from == stemmed) {
        Some((_, to)) => to.to_string(),
        None => stemmed,
    }
}

/// Stems of two everyday words a letter apart: each is a word in its own right, never a typo of
/// the other ("is there a trip charge" asks no combination change).
const TWO_WORDS: &[(&str, &str)] = &[
    ("charg", "chang"),
    ("floor", "flood"),
    ("grass", "glass"),
    ("stain", "strain"),
    ("spark", "spare"),
    ("screen", "scream"),
    ("chair", "chain"),
    ("board", "broad"),
    ("paint", "point"),
    ("sheet", "sheep"),
    ("group", "grout"),
    ("steam", "stream"),
    ("price", "pride"),
    ("plant", "plank"),
    ("crack", "crank"),
    ("train", "trail"),
];

/// Are two stems the same word but for a typo? Short words must match exactly; longer ones may
/// differ by one edit (two from eight letters), and must share their first letter.
pub fn near(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if TWO_WORDS
        .iter()
        .any(|&(x, y)| (a == x && b == y) || (a == y && b == x))
    {
        return false;
    }
    let shortest = a.len().min(b.len());
    if shortest < 5 || a.as_bytes()[0] != b.as_bytes()[0] {
        return false;
    }
    let allowed = if shortest >= 8 { 2 } else { 1 };
    strsim::damerau_levenshtein(a, b) <= allowed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorthand_is_expanded() {
        assert_eq!(
            words("wat r ur hrs tmrw?? thx").join(" "),
            "what are your hours tomorrow thanks"
        );
        assert_eq!(
            words("can u come rn pls").join(" "),
            "can you come right now please"
        );
        assert_eq!(words("my A/C is out").join(" "), "my ac is out");
        assert_eq!(
            words("saw the lil moth on ur insta").join(" "),
            "saw the little moth on your instagram"
        );
        assert_eq!(words("Don't").join(" "), "dont");
        assert_eq!(words("pleeeease").join(" "), "pleease");
        assert_eq!(words("2").join(" "), "2");
    }

    #[test]
    fn sat_is_saturday_unless_it_is_the_verb() {
        assert_eq!(words("anything sat?").join(" "), "anything saturday");
        assert_eq!(
            words("sat morning works").join(" "),
            "saturday morning works"
        );
        assert!(!words("the water sat at the bottom of the tub").contains(&"saturday".to_string()));
        assert!(!words("its sat there a week").contains(&"saturday".to_string()));
        assert!(words("can u do sat at 10").contains(&"saturday".to_string()));
        assert!(words("first time coming in sat for a cut").contains(&"saturday".to_string()));
        assert!(words("how about sat on the 12th").contains(&"saturday".to_string()));
    }

    #[test]
    fn words_said_with_the_g_dropped() {
        assert_eq!(words("its bleedin bad"), ["its", "bleeding", "bad"]);
        assert_eq!(words("somethin is leakin"), ["something", "is", "leaking"]);
        // Not words that end in "in" of their own.
        assert_eq!(
            words("the cabin in austin"),
            ["the", "cabin", "in", "austin"]
        );
    }

    #[test]
    fn two_everyday_words_are_not_typos_of_each_other() {
        assert!(!near(&stem("charge"), &stem("change")));
        assert!(!near(&stem("floor"), &stem("flood")));
        assert!(near(&stem("flooor"), &stem("floor")));
    }

    #[test]
    fn stems_and_typos() {
        assert_eq!(stem("estimates"), stem("estimate"));
        assert_eq!(stem("charging"), stem("charge"));
        assert_eq!(stem("checkups"), stem("checkup"));
        assert!(near(&stem("insurence"), &stem("insurance")));
        assert!(near(&stem("furnance"), &stem("furnace")));
        assert!(!near("heat", "heal"));
        assert!(!near(&stem("softener"), &stem("heater")));
        // Words a caller uses for the owner's word.
        assert_eq!(stem("exterior"), stem("outside"));
        assert_eq!(stem("interior"), stem("inside"));
        assert_eq!(stem("pics"), stem("photos"));
        assert_eq!(stem("pictures"), stem("photo"));
        assert_eq!(stem("died"), stem("dead"));
        assert_ne!(stem("dying"), stem("dead"));
    }

    #[test]
    fn a_short_day_beside_a_word_that_says_so() {
        assert_eq!(
            words("can u do next wed?").join(" "),
            "can you do next wednesday"
        );
        assert_eq!(words("sun afternoon ok?").join(" "), "sunday afternoon ok");
        assert_eq!(words("wed love to come").join(" "), "wed love to come");
        assert_eq!(
            words("out in the sun all day").join(" "),
            "out in the sun all day"
        );
    }

    #[test]
    fn one_on_one() {
        assert_eq!(
            words("think he needs 1 on 1").join(" "),
            "think he needs oneonone"
        );
        assert_eq!(words("one on one please").join(" "), "oneonone please");
        assert_eq!(words("21 on 1st st").join(" "), "21 on 1st st");
    }
}
