//! Recall-first detectors for what must reach a person whatever else the text says: danger,
//! vulnerable people, complaints and requests for a person. They run before any matching or
//! model, so a missed hand-off can never come from a matching score.
//!
//! Each detector works on concepts, not phrases: a group of words that mean one thing ("burn*",
//! "scorch*", "melt*"), and rules that fire when groups co-occur in one text ("a burning word" and
//! "something electrical or a smell"). A caller's own wording rarely matches a fixed phrase; it
//! nearly always names the concepts.

use super::normalize::words;
use crate::domain::profile::BusinessProfile;

/// Why someone may be unsafe; decides what the caller is told first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Danger {
    Gas,
    Fire,
    Electrical,
    Water,
    Medical,
    /// An infant, an elderly or ill person without heat or cooling.
    Vulnerable,
    Vehicle,
    Animal,
    /// A bite or sting, or a wild animal loose in the home.
    Bite,
    Intruder,
    /// Something heavy that could fall, or broken glass, where children or others are.
    Hazard,
    /// Someone, often a child, has not come home or cannot be found.
    Missing,
    /// Money going out of an account now, or a scam under way.
    Fraud,
    /// Heating oil or fuel leaking out onto the ground or a floor.
    Spill,
    /// Someone who may take or harm their own life.
    SelfHarm,
}

impl Danger {
    pub fn as_str(self) -> &'static str {
        match self {
            Danger::Gas => "gas",
            Danger::Fire => "fire",
            Danger::Electrical => "electrical",
            Danger::Water => "water",
            Danger::Medical => "medical",
            Danger::Vulnerable => "vulnerable person",
            Danger::Vehicle => "vehicle",
            Danger::Animal => "animal",
            Danger::Bite => "bite or wild animal",
            Danger::Intruder => "intruder",
            Danger::Hazard => "falling or broken hazard",
            Danger::Missing => "missing person",
            Danger::Fraud => "fraud under way",
            Danger::Spill => "fuel spill",
            Danger::SelfHarm => "self-harm",
        }
    }
}

/// Does `hay` hold `needle` after a space (and, with `space_after`, before one)? What
/// `hay.contains(&format!(" {needle} "))` says, without building a string per test: the
/// detectors make thousands of these tests per turn.
pub(crate) fn contains_spaced(hay: &str, needle: &str, space_after: bool) -> bool {
    if needle.is_empty() {
        let pattern = if space_after { "  " } else { " " };
        return hay.contains(pattern);
    }
    // Every place right after a space is a place the needle may start (a space is one byte, so
    // it is a character boundary): compared there in place. Cheaper than a substring search for
    // these short texts, which sets up a searcher for the needle on every call.
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if h.len() <= n.len() {
        return false;
    }
    (1..=h.len() - n.len()).any(|at| {
        h[at - 1] == b' '
            && h[at] == n[0]
            && h[at..at + n.len()] == *n
            && (!space_after || h.get(at + n.len()) == Some(&b' '))
    })
}

/// A body temperature said as a number, 100 to 106 after "at", "of", "is", "hit", "like",
/// "running" or "reading" ("been at like 101.5", "hit 102").
fn temperature_said(words: &[String]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        w.parse::<u32>().is_ok_and(|n| (100..=106).contains(&n))
            && words[i.saturating_sub(2)..i].iter().any(|b| {
                [
                    "at", "of", "hit", "running", "reading", "to", "and", "with", "temp", "fever",
                    "around", "about",
                ]
                .contains(&b.as_str())
            })
            && !words.get(i + 1).is_some_and(|n| {
                [
                    "dollars", "bucks", "minutes", "mins", "people", "guests", "kids", "sq",
                    "feet", "ft", "pounds", "lbs", "percent",
                ]
                .contains(&n.as_str())
            })
    })
}

/// A caller's text as words, for concept tests.
pub struct Text {
    pub(super) words: Vec<String>,
    padded: String,
    /// Where in `padded` each place right after a space is: where an entry may start.
    starts: Vec<usize>,
}

/// Someone drowning now ("a kid is drowning in the neighbors pool", "she almost drowned in the
/// bathtub", "someone is drowning!"): not swamped ("drowning in leaves", "hes drowning this
/// semester"), a sound drowned out, or a drowning said not to happen ("he would never drown").
fn drowning_now(t: &Text) -> bool {
    const DROWN: &[&str] = &["drowning", "drowned", "drown", "drowns"];
    const WATER: &[&str] = &[
        "pool", "lake", "river", "ocean", "tub", "bathtub", "bath", "jacuzzi", "spa", "canal",
        "pond", "creek", "sea", "surf", "waves", "current", "water", "dock", "boat",
    ];
    let t = t.without(&[
        "drown out",
        "drowned out",
        "drowning out",
        "wont drown",
        "never drown",
        "not drown",
        "would drown",
        "could drown",
        "can drown",
        "might drown",
    ]);
    let ws = &t.words;
    let literal = ws.iter().enumerate().any(|(i, w)| {
        if !DROWN.contains(&w.as_str()) {
            return false;
        }
        // "drowning in <what>": water, or a thing one is swamped by ("in water bills").
        match ws.get(i + 1).map(String::as_str) {
            Some("in") => {
                // (Within three words: "in the neighbors pool"; not "in water bills".)
                let after = &ws[i + 2..ws.len().min(i + 5)];
                after.iter().enumerate().any(|(k, x)| {
                    WATER.contains(&x.as_str()) && after.get(k + 1).is_none_or(|y| y != "bills")
                })
            }
            Some("this" | "rn" | "with" | "lately" | "at" | "under") => false,
            _ => true,
        }
    });
    literal && (t.any(WATER) || !t.any(&["homework", "paperwork", "bills", "school", "work"]))
}

/// A word that only softens a "can't" put weight on a limb ("she cant really put weight on her
/// leg"), taken out so the phrase reads as said without it; "can barely breathe" is a "can't"
/// for safety's sake. (Only there: "can't really get out to the salon anymore" and "can barely
/// walk" of an old horse are how things have long been, not an emergency.)
fn without_softeners(words: Vec<String>) -> Vec<String> {
    const NOT: &[&str] = &["cant", "cannot", "couldnt", "wont"];
    const SOFT: &[&str] = &["really", "even", "actually"];
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut held: Option<String> = None;
    for w in words {
        if let Some(soft) = held.take() {
            let keep_soft = !matches!(w.as_str(), "put" | "bear" | "breathe" | "breath");
            if keep_soft {
                out.push(soft);
            } else if let Some(before) = out.last_mut() {
                if matches!(before.as_str(), "can" | "could") {
                    *before = "cant".to_string();
                }
            }
        }
        let softens = match out.last() {
            Some(before) => {
                NOT.contains(&before.as_str()) && SOFT.contains(&w.as_str())
                    || matches!(before.as_str(), "can" | "could")
                        && matches!(w.as_str(), "barely" | "hardly" | "scarcely")
            }
            None => false,
        };
        if softens {
            held = Some(w);
        } else {
            out.push(w);
        }
    }
    out.extend(held);
    out
}

/// Is the flood word at `i` dated months or years back ("flooded in october", "flooded last
/// spring", "flooded a couple years ago", "ever since the basement flooded")? Not "an hour ago",
/// nor "flooding again like it did last spring".
fn flooded_long_ago(words: &[String], i: usize) -> bool {
    const MONTHS_AND_SEASONS: &[&str] = &[
        "jan",
        "january",
        "feb",
        "february",
        "march",
        "april",
        "june",
        "july",
        "aug",
        "august",
        "sept",
        "september",
        "oct",
        "october",
        "nov",
        "november",
        "spring",
        "summer",
        "fall",
        "winter",
    ];
    const LONG_UNITS: &[&str] = &[
        "week", "weeks", "wks", "month", "months", "mos", "year", "years", "yrs",
    ];
    let after = &words[i + 1..words.len().min(i + 6)];
    let now = after.iter().any(|w| {
        [
            "again", "tonight", "today", "now", "morning", "still", "right",
        ]
        .contains(&w.as_str())
    });
    let dated = after.windows(2).any(|p| {
        ["in", "last", "past", "since"].contains(&p[0].as_str())
            && MONTHS_AND_SEASONS.contains(&p[1].as_str())
            || LONG_UNITS.contains(&p[0].as_str()) && p[1] == "ago"
    });
    let ever_since = i >= 2
        && words[i.saturating_sub(4)..i]
            .windows(2)
            .any(|p| p[0] == "ever" && p[1] == "since");
    !now && (dated || ever_since)
}

impl Text {
    pub fn new(text: &str) -> Self {
        let words = without_softeners(words(text));
        let padded = format!(" {} ", words.join(" "));
        Self::of(words, padded)
    }

    fn of(words: Vec<String>, padded: String) -> Self {
        let starts = padded
            .bytes()
            .enumerate()
            .filter(|(i, b)| *b == b' ' && i + 1 < padded.len())
            .map(|(i, _)| i + 1)
            .collect();
        Self {
            words,
            padded,
            starts,
        }
    }

    /// `contains_spaced(&self.padded, needle, space_after)`, trying only the places right
    /// after a space (known once per text) instead of every byte.
    fn spaced(&self, needle: &str, space_after: bool) -> bool {
        if needle.is_empty() {
            return contains_spaced(&self.padded, needle, space_after);
        }
        let (h, n) = (self.padded.as_bytes(), needle.as_bytes());
        self.starts.iter().any(|&at| {
            h.len() >= at + n.len()
                && h[at] == n[0]
                && h[at..at + n.len()] == *n
                && (!space_after || h.get(at + n.len()) == Some(&b' '))
        })
    }

    /// Does any entry of the group occur? Entries: `word`, `prefix*`, or `a phrase`.
    pub fn any(&self, group: &[&str]) -> bool {
        group.iter().any(|g| self.has(g))
    }

    fn has(&self, entry: &str) -> bool {
        if let Some(prefix) = entry.strip_suffix('*') {
            if prefix.contains(' ') {
                return self.spaced(prefix, false);
            }
            return self.words.iter().any(|w| w.starts_with(prefix));
        }
        if !entry.is_empty() && !entry.contains(' ') {
            // One word: the words hold no spaces, so " word " occurs exactly where a word is it.
            return self.words.iter().any(|w| w == entry);
        }
        self.spaced(entry, true)
    }

    /// The text with these phrases taken out ("fire marshal" is an inspector, not a fire).
    pub fn without(&self, phrases: &[&str]) -> Text {
        let mut padded = self.padded.clone();
        for p in phrases {
            let p = format!(" {p} ");
            while let Some(at) = padded.find(&p) {
                padded.replace_range(at..at + p.len(), " ");
            }
        }
        let words: Vec<String> = padded.split_whitespace().map(str::to_string).collect();
        let padded = format!(" {} ", words.join(" "));
        Text::of(words, padded)
    }

    /// The text without things coming loose said with "fall out" ("watch it fall out", "her
    /// hair is falling out in clumps", "a filling fell out"): shedding, not a fall. Someone
    /// falling out of something keeps it ("fell out of bed", "fell out the window").
    pub fn without_shedding(self) -> Text {
        const FALLS: &[&str] = &["fall", "falls", "falling", "fell", "fallen"];
        const OUT_OF: &[&str] = &[
            "of", "the", "a", "an", "his", "her", "my", "their", "onto", "into", "through", "thru",
            "window", "bed", "chair",
        ];
        let shed = |i: usize| {
            FALLS.contains(&self.words[i].as_str())
                && self.words.get(i + 1).is_some_and(|w| w == "out")
                && !self
                    .words
                    .get(i + 2)
                    .is_some_and(|w| OUT_OF.contains(&w.as_str()))
        };
        // (Only of a thing that sheds: "fell out" alone is also said of a person who
        // collapsed, "my dad fell out in the yard".)
        let sheds = self.any(&[
            "hair",
            "hairs",
            "tooth",
            "teeth",
            "filling",
            "crown",
            "stitch*",
            "lash*",
            "brow*",
            "clump*",
            "bald*",
            "wig",
            "braid*",
            "extension*",
        ]);
        if !sheds || !(0..self.words.len()).any(shed) {
            return self;
        }
        let mut words = Vec::with_capacity(self.words.len());
        let mut skip = false;
        for (i, w) in self.words.iter().enumerate() {
            if skip {
                skip = false;
                continue;
            }
            if shed(i) {
                words.push("shed".to_string());
                skip = true;
                continue;
            }
            words.push(w.clone());
        }
        let padded = format!(" {} ", words.join(" "));
        Text::of(words, padded)
    }

    /// The text without floods that are over or a word of the trade: "the 2016 flood", "after
    /// the flood", "flood cuts", "flood zone", "flood insurance".
    pub fn without_past_floods(&self) -> Text {
        let t = self.without(&[
            "after the flood",
            "since the flood",
            "during the flood",
            "before the flood",
            "last flood",
            "the big flood",
            "flood cut",
            "flood cuts",
            "flood zone",
            "flood insurance",
            "flood policy",
            "flood plain",
            "floodplain",
        ]);
        // "the 2016 flood", "in 2016 when it flooded"
        let year = |w: &str| w.len() == 4 && (w.starts_with("19") || w.starts_with("20"));
        let mut words = Vec::with_capacity(t.words.len());
        let mut skip = false;
        for (i, w) in t.words.iter().enumerate() {
            if skip {
                skip = false;
                continue;
            }
            if year(w) && t.words.get(i + 1).is_some_and(|n| n.starts_with("flood")) {
                skip = true;
                continue;
            }
            // "Ever since the basement flooded a little in oct": a flood months back, its smell
            // or stain the question now.
            if w.starts_with("flood") && flooded_long_ago(&t.words, i) {
                continue;
            }
            words.push(w.clone());
        }
        let padded = format!(" {} ", words.join(" "));
        Text::of(words, padded)
    }

    /// The text with every "you" that is asked to do something ("can you put in a filter",
    /// "want you to set up") marked, so it reads as no past work of ours.
    pub fn stated(&self) -> Text {
        const ASKING: &[&str] = &[
            "can", "could", "would", "will", "should", "to", "do", "if", "cant", "wont", "shall",
        ];
        let words: Vec<String> = self
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let asked = i > 0 && ASKING.contains(&self.words[i - 1].as_str());
                if asked && matches!(w.as_str(), "you" | "yall") {
                    "you-asked".to_string()
                } else if w == "your"
                    && i > 0
                    && (asked
                        || ["are", "is"].contains(&self.words[i - 1].as_str())
                        // "Do any of your trainers do zoom?"
                        || i > 1
                            && self.words[i - 1] == "of"
                            && ["any", "some", "either"]
                                .contains(&self.words[i - 2].as_str()))
                {
                    // "Are your guys certified?": asked about them, no visit told.
                    "your-asked".to_string()
                } else {
                    w.clone()
                }
            })
            .collect();
        let padded = format!(" {} ", words.join(" "));
        Text::of(words, padded)
    }

    /// An age said of someone: "shes 86", "he is 90", "86 years old", "my 92 yo dad".
    pub fn age_said(&self) -> Option<u32> {
        let w = &self.words;
        (0..w.len()).find_map(|i| {
            let n: u32 = w[i].parse().ok().filter(|n| (1..=120).contains(n))?;
            let before = i.checked_sub(1).map(|j| w[j].as_str());
            let after = w.get(i + 1).map(String::as_str);
            let said = matches!(
                before,
                Some("shes" | "hes" | "is" | "aged" | "age" | "im" | "am")
            ) || matches!(after, Some("years" | "yrs" | "yo" | "year"));
            said.then_some(n)
        })
    }

    /// "My 2 year old", "our 6 yo", "her 10 month old": a young child is named.
    pub fn young_child(&self) -> bool {
        if self.any(YOUNG) {
            return true;
        }
        // "my 10 year old furnace" is a thing, not a child.
        const THINGS: &[&str] = &[
            "furnace",
            "ac",
            "unit",
            "heater",
            "heat",
            "boiler",
            "system",
            "car",
            "truck",
            "van",
            "house",
            "roof",
            "water",
            "fridge",
            "freezer",
            "dishwasher",
            "washer",
            "dryer",
            "door",
            "opener",
            "lock",
            "locks",
            "deck",
            "pool",
            "pump",
            "tank",
            "tree",
            "septic",
            "hvac",
            "thermostat",
            "window",
            "windows",
            "carpet",
            "floor",
            "floors",
            "panel",
            "cat",
            "dog",
        ];
        // "hes 3", "she's 6 and scared": an age said alone, not "hes 3 hours late".
        const UNITS: &[&str] = &[
            "hour", "hours", "hr", "hrs", "min", "mins", "minutes", "day", "days", "week", "weeks",
            "month", "months", "feet", "ft", "inch", "inches", "am", "pm", "oclock", "times",
            "percent", "dollars", "bucks", "lb", "lbs", "pounds", "miles", "min",
        ];
        let n = self.words.len();
        let age_alone = (0..n).any(|i| {
            ["hes", "shes"].contains(&self.words[i].as_str())
                && self
                    .words
                    .get(i + 1)
                    .and_then(|w| w.parse::<u32>().ok())
                    .is_some_and(|a| a <= 12)
                && self
                    .words
                    .get(i + 2)
                    .is_none_or(|u| !UNITS.contains(&u.as_str()))
        });
        if age_alone {
            return true;
        }
        (0..n.saturating_sub(2)).any(|i| {
            let w = &self.words[i..];
            let years_old = || {
                w.len() >= 4
                    && matches!(
                        (w[2].as_str(), w[3].as_str()),
                        ("year" | "yr" | "yrs", "old")
                    )
            };
            ["my", "our", "his", "her", "a"].contains(&w[0].as_str())
                && w[1].parse::<u32>().is_ok_and(|n| n <= 12)
                && (years_old() || w[2] == "yo")
                && w.get(if w[2] == "yo" { 3 } else { 4 })
                    .is_none_or(|next| !THINGS.contains(&next.as_str()))
        })
    }

    /// "You guys tuned it", "yall replaced", "u did": the business's own past work, said as
    /// "you" followed by a verb in the past tense.
    pub fn our_past_work(&self) -> bool {
        const PAST: &[&str] = &[
            "did", "came", "put", "took", "made", "left", "sold", "gave", "fit", "set", "cut",
            "hung", "ran", "told", "swept", "built", "dug", "broke", "spent", "was", "were",
            "said", "nicked", "rebuilt", "redid", "laid", "sent", "brought", "wrote", "sprayed",
            "dug", "threw", "tore", "bent", "drove",
        ];
        let past = |v: &String| {
            (v.len() > 4 && v.ends_with("ed") && !v.ends_with("need")) || PAST.contains(&v.as_str())
        };
        // "The groomer did our bichon", "my therapist spent most of my session on her phone".
        // (Or opening the text: "crew came yesterday for our lights".)
        // ("The painters we hired leaned their ladder on the trim": someone the caller hired, a
        // clause about them, not our staff.)
        let staff_did = (0..self.words.len()).any(|i| {
            (i == 0 || matches!(self.words[i - 1].as_str(), "the" | "my" | "our" | "your"))
                && STAFF.contains(&self.words[i].as_str())
                && !self
                    .words
                    .get(i + 1)
                    .is_some_and(|w| matches!(w.as_str(), "we" | "i"))
                && (1..=2).any(|k| self.words.get(i + k).is_some_and(past))
        });
        // "Your company replaced our opener on Monday": the business itself, said as "your".
        // ("Your lady came for my mom friday", "your delivery guys brought my recliner back".)
        const YOURS: &[&str] = &[
            "company",
            "guys",
            "team",
            "people",
            "shop",
            "office",
            "folks",
            "lady",
            "woman",
            "man",
            "girl",
            "nurse",
            "driver",
            "drivers",
            "crew",
            "installer",
            "installers",
            "movers",
            "worker",
            "workers",
            "guy",
            // ("Your two men moved our treadmill down to the basement yesterday.")
            "men",
            "techs",
            "plumbers",
            "electricians",
            "painters",
            "cleaners",
            "roofers",
        ];
        let yours_did = (1..self.words.len()).any(|i| {
            let at = |k: usize| {
                self.words
                    .get(k)
                    .is_some_and(|w| YOURS.contains(&w.as_str()))
            };
            self.words[i - 1] == "your"
                && (at(i) && (1..=2).any(|k| self.words.get(i + k).is_some_and(past))
                    || at(i + 1) && (2..=3).any(|k| self.words.get(i + k).is_some_and(past)))
        });
        // "Got my iphone screen done there last wednesday", "had it fixed by you guys": our
        // work said from the caller's side, a past job and where or by whom.
        let had_it_done = (1..self.words.len()).any(|i| {
            const DONE: &[&str] = &[
                "done",
                "fixed",
                "replaced",
                "repaired",
                "installed",
                "cleaned",
                "serviced",
            ];
            let w = &self.words;
            DONE.contains(&w[i].as_str())
                && (w[..i]
                    .iter()
                    .rev()
                    .take(6)
                    .any(|v| matches!(v.as_str(), "got" | "had" | "gotten")))
                && match w.get(i + 1).map(String::as_str) {
                    Some("there" | "here") => true,
                    Some("by" | "with" | "at") => w
                        .get(i + 2)
                        .is_some_and(|v| matches!(v.as_str(), "you" | "u" | "yall" | "your")),
                    _ => false,
                }
        });
        // "Had her groom with yall monday", "paid like $600 for yall to put lights up".
        let with_us = (0..self.words.len()).any(|i| {
            let w = &self.words;
            w[i] == "had"
                && (i + 1..w.len().min(i + 6)).any(|j| {
                    w[j] == "with"
                        && w.get(j + 1)
                            .is_some_and(|v| matches!(v.as_str(), "you" | "u" | "yall"))
                })
        }) || (0..self.words.len()).any(|i| {
            let w = &self.words;
            let us = |v: &String| matches!(v.as_str(), "you" | "u" | "yall");
            // ("...for yall to", or paid to us outright: "paid you guys $280 for front brakes".)
            matches!(w[i].as_str(), "paid" | "payed")
                && (w.get(i + 1).is_some_and(us)
                    || (i + 1..w.len().min(i + 6))
                        .any(|j| w[j] == "for" && w.get(j + 1).is_some_and(us)))
        });
        staff_did
            || yours_did
            || had_it_done
            || with_us
            || (0..self.words.len()).any(|i| {
                if !matches!(self.words[i].as_str(), "you" | "yall") {
                    return false;
                }

                // "you guys tuned", "you all did": the verb after the optional "guys"/"all".
                let skip = matches!(
                    self.words.get(i + 1).map(String::as_str),
                    Some("guys" | "all")
                );
                self.words.get(i + 1 + usize::from(skip)).is_some_and(past)
            })
    }

    /// Does an entry of `a` start within `gap` words before an entry of `b` ("brakes ... went out")?
    pub fn near(&self, a: &[&str], b: &[&str], gap: usize) -> bool {
        let at = |group: &[&str], i: usize| {
            group
                .iter()
                .any(|g| super::normalize::entry_at(&self.words, i, g).is_some())
        };
        (0..self.words.len())
            .any(|i| at(a, i) && (i + 1..self.words.len().min(i + 1 + gap)).any(|j| at(b, j)))
    }
}

// --- danger -------------------------------------------------------------------------------

const GAS: &[&str] = &[
    "gas smell",
    "smell gas",
    "smell of gas",
    "smells like gas",
    "smelling gas",
    "gas leak*",
    "leaking gas",
    "rotten egg*",
    "sulfur smell",
    "sulphur smell",
    "carbon monoxide",
    "co alarm",
    "co detector",
    "co2 alarm",
];
const BURN: &[&str] = &[
    // (Not "burners": a stove's burners are no fire.)
    "burn",
    "burns",
    "burning",
    "burnin",
    "burnt",
    "burned",
    "scorch*",
    "melt*",
    "charred",
    "singed",
    "smoldering",
    "smouldering",
];
const SMELL_OR_ELECTRIC: &[&str] = &[
    "smell*",
    "odor*",
    "odour*",
    "stink*",
    "plastic",
    "wire*",
    "wiring",
    "outlet*",
    "socket*",
    "switch*",
    "panel*",
    "breaker*",
    "electric*",
    "plug*",
    "cord*",
    "fuse*",
    "light*",
    "fixture*",
    "meter",
    "hood",
    "engine",
    "dash*",
];
const FIRE_WORDS: &[&str] = &[
    "fire",
    "fires",
    "on fire",
    "flames",
    "flame",
    "caught fire",
    "smoke",
    "smoking",
    "smoky",
    "smokey",
];
const SPARKS: &[&str] = &[
    "spark*",
    "arcing",
    "electrocut*",
    "shocked me",
    "got shocked",
    "got a shock",
    // ("he got a big shock off the monitor")
    "big shock",
    "bad shock",
    "nasty shock",
    "huge shock",
    "shock off the",
    "getting shocked",
    "shock from",
    "zapped",
    "live wire*",
    "exposed wire*",
    "downed line*",
    "power line down",
    "line down",
    "line is down",
    "lines are down",
    "lines down",
    "wire down",
    "wires down",
    "wire is down",
    // Something come down on the lines ("the big cloth part is hanging over the power lines").
    "over the power line*",
    "on the power line*",
    "in the power line*",
    "touching the power line*",
    "tangled in the power line*",
    "caught in the power line*",
    "into the power line*",
];
const HOT_ELECTRIC: &[&str] = &[
    "outlet*", "socket*", "switch*", "panel*", "breaker*", "plug*", "cord*",
];
const HOT: &[&str] = &[
    "hot to the touch",
    "too hot to touch",
    "very hot",
    "really hot",
    "warm to the touch",
    "buzzing",
    "crackling",
    "popping",
];
/// Water that is somewhere it should not be (not "do you use my water").
const WATER: &[&str] = &[
    "leak*",
    "drip*",
    "pour*",
    "gush*",
    "flood*",
    "pipe*",
    "wet",
    "standing water",
    "water coming",
    "water is coming",
    "water in",
    "water on",
    "water all",
    "water near",
    "water touching",
    "waters up",
    "water over",
    "waters over",
    "over the floorboards",
    "taking on water",
    "sinking",
    "water around",
    "water behind",
    "water under",
    "water everywhere",
    "water up",
    "pooling",
    "puddle*",
    "soak*",
    "seep*",
    "spraying",
    // ("...just split open and its shooting water sideways right onto the electrical box".)
    "shooting water",
    "water shooting",
    "spewing",
    "spurting",
    "squirting",
];
const NEAR_ELECTRIC_OR_CEILING: &[&str] = &[
    "ceiling*",
    "light fixture*",
    "lights",
    "outlet*",
    "socket*",
    "panel*",
    "breaker*",
    "electric*",
    "wiring",
    // Power beside the water ("shore power cord is still plugged in and the batteries are
    // right by the water").
    "plugged in",
    "power cord",
    "shore power",
    "extension cord",
    "batteries",
];
const FLOOD: &[&str] = &[
    "flood*",
    "burst*",
    "busted pipe*",
    "pipe broke",
    "pipe broken",
    "pipe exploded",
    "gushing",
    "pouring",
    "spraying",
    "cant shut",
    "cant turn off",
    "everywhere",
    "inches of water",
    "sewage",
    "sewer backing",
    "backing up into",
    "ceiling is sagging",
    "ceiling sagging",
    "ceiling collaps*",
    "ceiling caving",
    "ceiling fell",
];
/// Medical red flags about a person, whatever the business.
const MEDICAL: &[&str] = &[
    "worst headache",
    "seeing double",
    "double vision",
    "face droop*",
    "face is droop*",
    "face looks droop*",
    "mouth droop*",
    "mouth is droop*",
    "lip droop*",
    "lip is droop*",
    "smile droop*",
    "smile is droop*",
    "cheek droop*",
    "cheek is droop*",
    "eyelid is droop*",
    "lost my vision",
    "cant see out",
    "bent the wrong way",
    "wrong way",
    "bone is sticking",
    "chest pain*",
    "chest hurts",
    "chest is tight",
    "heart attack",
    "stroke",
    "cant breathe",
    "cannot breathe",
    "cant breath",
    "barely breathe",
    "not breathing",
    "stopped breathing",
    "trouble breathing",
    "difficulty breathing",
    "hard to breathe",
    "struggling to breathe",
    "breathing hard",
    "breathing fast",
    "breathing funny",
    "breathing weird",
    "gasping",
    "labored breathing",
    "short of breath",
    "shortness of breath",
    "throat feels tight",
    "throat is closing",
    "throat closing",
    "tongue swelling",
    "face swelling",
    "lips swelling",
    "swelling in my throat",
    "allergic reaction",
    "anaphyla*",
    "epipen",
    "unconscious",
    "unresponsive",
    // ("...hes breathing but hes not answering me when i say his name")
    "not answering me when",
    "isnt answering me when",
    "not responding to me",
    "not responding when",
    "wont respond to me",
    "doesnt respond to me",
    "wont respond to his",
    "wont respond to her",
    "went limp",
    "passed out",
    "fainted",
    "blacked out",
    "seizure*",
    "convuls*",
    "heavy bleeding",
    "bleeding a lot",
    "wont stop bleeding",
    "cant stop the bleeding",
    "lots of blood",
    "fainting",
    "blood everywhere",
    "coughing up blood",
    "vomiting blood",
    "throwing up blood",
    "hit my head",
    "hit his head",
    "hit her head",
    "hit their head",
    "head injury",
    "concussion",
    "broken bone",
    "bone sticking",
    "cant move my",
    "cant feel my",
    "cant feel her",
    "cant feel his",
    "slurred",
    "hurt herself",
    "hurt himself",
    "hurting herself",
    "hurting himself",
    "harm herself",
    "harm himself",
    "harming herself",
    "harming himself",
    "overdos*",
    "poisoned",
    "poisoning",
    "emergency room",
    "ambulance",
    "911",
    "choking",
    "electrocuted",
    "cant put weight",
    "cant put any weight",
    "cant bear weight",
    "cant stand on",
    "cant walk on",
    "severe pain",
    "unbearable pain",
    "worst pain",
    "excruciating",
];
/// Someone who may take or harm their own life, said outright ("kill myself", "shes been
/// cutting"); the ways families and callers say it otherwise are [`may_harm_themselves`].
const SELF_HARM: &[&str] = &[
    "suicid*",
    "kill myself",
    "kill herself",
    "kill himself",
    "kill themselves",
    "want to die",
    "wants to die",
    "want to be alive",
    "wants to be alive",
    "want to live anymore",
    "wants to live anymore",
    "no reason to live",
    "nothing to live for",
    "no point in living",
    "better off without me",
    "better off without her",
    "better off without him",
    "cant go on",
    "end it all",
    "end my life",
    "end her life",
    "end his life",
    "take my own life",
    "take my life",
    "self harm*",
    "selfharm*",
    "been cutting",
    "cutting herself",
    "cutting himself",
    "cutting myself",
    // (Not "hurt myself": "i hurt myself falling off the ladder" is an injury.)
    "harm myself",
    "harming myself",
];

/// Someone who may take or harm their own life, however it is put. ("gonna kill myself lol jk
/// just tell me what i owe": taken back at once, a figure of speech.)
fn self_harm(t: &Text) -> bool {
    let taken_back = t.any(&["jk", "j k", "just kidding", "just joking", "kidding lol"]);
    (t.any(SELF_HARM) && !taken_back) || may_harm_themselves(t) || farewell(t)
}

/// A farewell in other words: things given away or left in order for after one is gone, a
/// goodbye and then silence ("my daughter texted me goodbye and said she loves us and now shes
/// not answering", "giving everything away, wont need any of it where im going", "my son keeps
/// saying hes not going to be here next week and gave away his hearing aids").
fn farewell(t: &Text) -> bool {
    const GONE: &[&str] = &[
        "wont be around much longer",
        "wont be here much longer",
        "not going to be around much longer",
        "not gonna be around much longer",
        "not be around much longer",
        "wont need any of it where",
        "wont need it where",
        "tired of being a burden",
        "its almost over",
        "it will all be over",
        "itll all be over soon",
    ];
    const GOODBYE: &[&str] = &[
        "texted me goodbye",
        "texted goodbye",
        "said goodbye",
        "text saying goodbye",
        "goodbye text*",
        "goodbye letter*",
        "wrote the letters",
        "wrote letters",
        "gave away his",
        "gave away her",
        "gave away all",
        "giving everything away",
        "giving away everything",
    ];
    const SILENCE_OR_END: &[&str] = &[
        "not answering",
        "isnt answering",
        "wont answer",
        "not picking up",
        "cant reach",
        "after im gone",
        "when im gone",
        "not going to be here",
        "not gonna be here",
        "wont be here",
        "wont need",
        "scared what",
        "what hes planning",
        "what shes planning",
    ];
    t.any(GONE) || t.any(GOODBYE) && t.any(SILENCE_OR_END)
}

/// Signs of a body in trouble told in other words, read before the other rules: a neck or a
/// back that hurts with hands or legs gone tingly or strange (a spine hurt in a fall or a
/// crash), sudden confusion or a crooked smile (a stroke), asthma a reliever does not help, a
/// young child out and not found, a child or an elder left alone without care.
fn signs_told_otherwise(t: &Text) -> Option<Danger> {
    const LIMBS: &[&str] = &[
        "hand", "hands", "leg", "legs", "arm", "arms", "feet", "foot", "fingers", "toes",
    ];
    const STRANGE: &[&str] = &[
        "tingl*",
        "numb*",
        "feel weird",
        "feels weird",
        "feel funny",
        "feels funny",
        "feel strange",
        "pins and needles",
        "weak",
        "wont move",
    ];
    const SPINE: &[&str] = &["neck", "back", "spine"];
    const PAIN: &[&str] = &["hurt*", "pain*", "sore", "killing"];
    let spine = (t.near(SPINE, PAIN, 3) || t.near(PAIN, SPINE, 3))
        && (t.near(LIMBS, STRANGE, 4) || t.near(&["cant feel"], LIMBS, 3));
    if spine && !t.any(PETS) {
        return Some(Danger::Medical);
    }
    let sudden = t.any(&[
        "out of nowhere",
        "all of a sudden",
        "suddenly",
        "just now",
        "this morning",
    ]);
    let confused = t.any(&[
        "really confused",
        "so confused",
        "very confused",
        "got confused",
        "doesnt know where he is",
        "doesnt know where she is",
        "dont know where he is",
        "didnt know where he was",
        "didnt know where she was",
    ]);
    let crooked = t.any(&[
        "smile is crooked",
        "smile looks crooked",
        "face is crooked",
        "face looks crooked",
        "mouth is crooked",
        "mouth looks crooked",
        "face is lopsided",
        "smile is lopsided",
    ]) && !t.any(&["teeth", "tooth", "braces", "aligners", "invisalign"]);
    if (confused && sudden || crooked) && !t.any(PETS) {
        return Some(Danger::Medical);
    }
    if t.any(&[
        "inhaler isnt helping",
        "inhaler not helping",
        "inhaler isnt working",
        "inhaler not working",
        "inhaler doesnt help",
        "inhaler didnt help",
        "cant talk in full sentences",
        "cant finish a sentence",
        "cant get a full sentence out",
    ]) {
        return Some(Danger::Medical);
    }
    // ("my 3 yr old got out the back gate and i cant find him and the pool cover is off")
    let not_found = t.any(&[
        "cant find him",
        "cant find her",
        "cant find my son",
        "cant find my daughter",
        "got out the",
        "wandered off",
        "snuck out",
    ]);
    if not_found && t.young_child() {
        return Some(Danger::Missing);
    }
    // ("the little boy next door has been home alone for 2 days, no heat"; "my 90 yr old mother
    // hasnt eaten in days and her caregiver left")
    let alone = t.any(&[
        "home alone",
        "alone",
        "by himself",
        "by herself",
        "caregiver left",
        "nobody there",
    ]);
    let uncared = t.any(&[
        "no heat",
        "no food",
        "hasnt eaten",
        "not eaten",
        "cant get out of bed",
        "cant get up",
    ]);
    let child = t.young_child()
        || t.any(&[
            "little boy",
            "little girl",
            "kid",
            "child",
            "toddler",
            "baby",
        ]);
    let child_left = t.any(&[
        "for 2 days",
        "for two days",
        "for days",
        "crying",
        "all night",
    ]);
    let elder = t.any(&[
        "90*", "80*", "elderly", "grandma", "grandpa", "mother", "father", "mom", "dad",
    ]);
    if alone && (uncared && (child || elder) || child && child_left) {
        return Some(Danger::Vulnerable);
    }
    None
}

const NUMB: &[&str] = &[
    "numb",
    "numbness",
    "numbed",
    "numbing",
    "tingl*",
    "pins and needles",
    "paraly*",
    "fizzy",
];
const SUDDEN_OR_FALL: &[&str] = &[
    "ladder",
    "slid",
    "off the roof",
    "monkey bars",
    "down the stairs",
    "fall",
    "fell",
    "fallen",
    "falling",
    "accident",
    "crash*",
    "sudden*",
    "face",
    "slur*",
    "hit",
    "both legs",
    "bladder",
    "bowel*",
    "slipped",
    "landed",
    "tripped",
    "took a tumble",
    "tumbled",
    "took a spill",
    "pee",
    "peeing",
];
const FELL: &[&str] = &[
    "fell",
    "fall",
    "fallen",
    "slipped",
    "tripped",
    // ("took a tumble on the stairs", "dad took a spill in the driveway")
    "took a tumble",
    "taken a tumble",
    "had a tumble",
    "tumbled",
    "took a spill",
    "taken a spill",
    "had a spill",
    // ("the ram came at him and knocked him flat")
    "knocked him",
    "knocked her",
    "knocked me",
];
const FALL_SEVERE: &[&str] = &[
    // ("she fall down, hit head on door... not answer me correct")
    "hit head",
    "not answer me",
    "not answering me",
    "cant get up",
    "couldnt get up",
    "wont get up",
    "cant stand",
    "cant walk",
    "hit her head",
    "hit his head",
    "hit my head",
    "hit their head",
    "on the floor",
    "still on the ground",
    "broke*",
    "bleed*",
    "confus*",
    "dizzy",
    "unconscious",
    "passed out",
    "cant move",
    "out of it",
    "not making sense",
    "wont wake",
    "not moving",
];
/// Who fell: a person, not a branch.
const FALLERS: &[&str] = &[
    "i",
    "he",
    "she",
    "husband",
    "wife",
    "son",
    "daughter",
    "dad",
    "mom",
    "father",
    "mother",
    "kid",
    "guy",
    "worker",
    "someone",
    "somebody",
    "grandma",
    "grandpa",
    "boyfriend",
    "girlfriend",
    "partner",
    "brother",
    "sister",
    "friend",
    "neighbor",
];
/// Falls from a height hurt whoever falls.
const FROM_HEIGHT: &[&str] = &[
    "ladder",
    "roof",
    "scaffold*",
    "stairs",
    "steps",
    "balcony",
    "deck",
    "tree",
    "loft",
    "attic",
];
/// Older relatives and seniors: at risk after a fall, and without heat or cooling.
const OLDER_PEOPLE: &[&str] = &[
    "elderly",
    "grandma*",
    "grandmother*",
    "grandpa*",
    "grandfather*",
    "granny",
    "nana",
    "my mom",
    "my mother",
    "my dad",
    "my father",
    "my mum",
    "my parent*",
    "senior*",
];
/// Words that say someone is old ("he's 82", "88 year old").
const OLD_AGE: &[&str] = &[
    "old man",
    "old lady",
    "aged",
    "year old",
    "years old",
    "yr old",
    "yrs old",
    "80*",
    "90*",
];
/// Young children, by word.
const YOUNG: &[&str] = &[
    "baby",
    "babies",
    "infant*",
    "newborn*",
    "toddler*",
    "month old",
    "week old",
];
/// Others who cannot go without heat or cooling (besides young children and older people).
const VULNERABLE: &[&str] = &[
    "disabled",
    "disability",
    "wheelchair",
    "bedridden",
    "bed ridden",
    "hospice",
    "oxygen",
    "pregnant",
    "chemo*",
    "dialysis",
    "sick",
    "heart condition",
    "medical condition",
    "asthma*",
    "copd",
    "dementia",
    "90",
    "80",
    "85",
    "95",
    "kids",
    "children",
];
const CLIMATE: &[&str] = &[
    "heat",
    // ("heat's out", "the ac's been out": the apostrophe goes.)
    "heats",
    "acs",
    "heater*",
    "heating",
    "furnace*",
    "boiler*",
    "ac",
    "air condition*",
    "cooling",
    "cold",
    // (Not "freezer": an appliance, not the weather.)
    "freeze",
    "freezing",
    "froze",
    "frozen",
    "hot",
    "temperature",
    "degrees",
    "thermostat",
    "warm",
    "frigid",
    "heatwave",
    "heat wave",
    "hvac",
    "air",
    "radiator*",
];
const OUTAGE: &[&str] = &[
    "no", "not", "without", "broke*", "died", "dead", "stopped", "wont", "cant", "isnt", "doesnt",
    "quit", "freez*", "cold", "frigid", "degrees", "hot", "blowing", "failed", "gone",
];
const PET: &[&str] = &[
    "dog*", "puppy", "pup", "cat", "cats", "kitten*", "pet", "pets", "he", "she", "him", "her",
];
const ATE: &[&str] = &[
    "ate", "eaten", "eat", "swallow*", "got into", "chewed", "chewing", "licked", "licking",
    "ingest*", "drank", "eating", "gulp*", "sipped", "lapped", "lapping",
];
const TOXIC: &[&str] = &[
    "trident",
    "sugar free",
    "bait*",
    "rodenticide",
    "chocolate*",
    "grape*",
    "raisin*",
    "xylitol",
    "gum",
    "poison*",
    "rat bait",
    "mouse bait",
    "antifreeze",
    "pill*",
    "medication*",
    "meds",
    "ibuprofen",
    "advil",
    "tylenol",
    "aspirin",
    "onion*",
    "garlic",
    "lily",
    "lilies",
    "bleach",
    "sock*",
    "battery",
    "batteries",
    "cooked bone*",
    "chicken bone*",
    "string",
    "toy",
    "weed",
    "edible*",
    "marijuana",
    "thc",
    "cleaner",
    "chemical*",
    "insecticide",
    "pesticide",
    "fertilizer",
    "chlorine",
    "tablet*",
    "tabs",
    "acid",
    "detergent",
    "pod",
    "pods",
    "lye",
    "thinner",
    "gasoline",
    "kerosene",
    "lighter fluid",
    "lamp oil",
    "acetone",
    "polish remover",
    "glue",
    "mothball*",
    "drano",
    "ammonia",
    "remover",
    "degreaser",
    "bug spray",
    "weed killer",
    "roundup",
    "cigarette*",
    "nicotine",
    "vape",
    "solvent*",
];
/// Putting something in the mouth: for a young child, a reason to call poison control whatever
/// the thing is.
const MOUTHED: &[&str] = &[
    "swallow*",
    "chewed",
    "chewing",
    "drank",
    "drinking",
    "sucking on",
    "licked",
    "licking",
    "ingest*",
    "in his mouth",
    "in her mouth",
    "in their mouth",
    "got into",
];
/// Some of a product taken or on a child's mouth ("took a sip of the paint thinner", "theres
/// some around her mouth" of the etching stuff): a sip of water or a rash around the mouth is
/// not.
fn took_some_of_a_product(t: &Text) -> bool {
    t.any(&[
        "sip",
        "sipped",
        "sips",
        "gulp*",
        "mouthful",
        "around his mouth",
        "around her mouth",
        "around their mouth",
        "on his lips",
        "on her lips",
    ]) && t.any(&[
        "bottle",
        "cleaner",
        "chemical*",
        "stuff",
        "solvent*",
        "thinner",
        "spirits",
        "bleach",
        "stain",
        "paint",
        "gasoline",
        "antifreeze",
        "etching",
        "acid",
        "lye",
        "detergent",
        "pod",
        "pods",
        "polish",
        "remover",
        "got it open",
        "pine sol",
        "pinesol",
        "drano",
        "soap",
        "windex",
        "lysol",
        "clorox",
        "mouthwash",
        "perfume",
        "lighter fluid",
        "kerosene",
        "lamp oil",
        "medicine",
        "pills",
        "vape",
        "juice pod",
        "chocolate",
    ])
}
/// A person's breath running short.
const BREATHLESS: &[&str] = &[
    "winded",
    "out of breath",
    "short of breath",
    "cant catch",
    "breathless",
    "wheez*",
    "gasping",
    "hard to breathe",
    "cant breathe",
    "trouble breathing",
    "full breath",
    "deep breath",
    "catch my breath",
    "catch his breath",
    "catch her breath",
    "when i breathe",
    "breathe in",
    "breathing fast",
    "breathing really fast",
    "breathing hard",
    "grunting",
];
/// Signs that go with breathlessness in a real emergency (a clot, a heart, fumes).
const BREATH_SIGNS: &[&str] = &[
    "swollen",
    "swelling",
    "chest",
    "dizzy",
    "faint*",
    "cough*",
    "blue",
    "pale",
    "calf",
    "leg",
    "fumes",
    "cloud",
    "smoke",
    "heart",
    "stab*",
    "sharp",
    "gray*",
    "grey*",
    "lips",
    "needle*",
    "baby",
    "newborn",
    "infant",
    "inhaler",
    "copd",
    "asthma*",
    "emphysema",
    "oxygen",
    "nebulizer",
];
/// Eyes and sight, and the sudden changes that can mean a detached retina or a stroke.
const EYE: &[&str] = &["eye", "eyes", "vision", "sight", "seeing"];
const EYE_RED_FLAGS: &[&str] = &[
    "curtain",
    "shadow",
    "veil",
    "flash*",
    "went black",
    "went dark",
    "gone dark",
    "lost vision",
    "lost sight",
    "lost the vision",
    "losing vision",
    "losing sight",
    "losing her sight",
    "losing his sight",
    "sudden*",
    "cant see",
    "blind",
    "chemical*",
    "splash*",
    "bleach",
    "glue",
    "acid",
    // A product or cleaner that got into an eye and burns.
    "relaxer",
    "perm solution",
    "developer",
    "peroxide",
    "dye",
    "cleaner",
    "degreaser",
    "sanitizer",
    "chlorine",
    "lye",
    "burning",
    "burns so",
    "cant open",
    "cant even open",
    "barely open",
    "full of sand",
    "sand in them",
    "sand in my eye*",
    "feel like sand",
    "arc eye",
    "welders flash",
    "ran down in",
    "ran into",
    "got in my",
    "got into",
];
/// An open hole or a collapse someone could fall into.
const OPENING: &[&str] = &[
    "hole",
    "sinkhole",
    "sink hole",
    "caved",
    "cave in",
    "caving",
    "collaps*",
    "open pit",
    "uncovered",
    "fell in",
    "fell into",
    "lid cracked",
    "lid broke",
    "lid is broken",
];
/// What makes a hole deep enough to fall into.
const DEEP: &[&str] = &[
    "tank",
    "septic",
    "well",
    "pit",
    "cistern",
    "manhole",
    "sinkhole",
    "sink hole",
    "cave*",
    "caving",
    "collaps*",
    "deep",
    "down into",
    "see down",
    "lid",
    "cover",
    "shaft",
    "pool",
];
const COULD_FALL_IN: &[&str] = &[
    "almost",
    "nearly",
    "fall in",
    "fell in",
    "step* in",
    "stepped",
    "play*",
    "walk* over",
    "could fall",
    "someone could",
    "somebody could",
];
const PEOPLE_AROUND: &[&str] = &[
    "kid",
    "kids",
    "child*",
    "son",
    "daughter",
    "grandkid*",
    "toddler*",
    "dog*",
    "someone",
    "somebody",
    "people",
    "neighbor*",
];
/// Sewage coming back into the house.
const DRAINS: &[&str] = &[
    "toilet*",
    "shower*",
    "tub",
    "bathtub",
    "sink*",
    "drain*",
    "basement",
    "floor drain",
];
const BACKING_UP: &[&str] = &[
    "back* up",
    "backup",
    "fills up",
    "filling up",
    "overflow*",
    "coming up",
    "comes up",
    "bubbling up",
];
const FOUL: &[&str] = &[
    "nasty water",
    "dirty water",
    "black water",
    "brown water",
    "gross water",
    "poop*",
    "sewage",
    "sewer water",
    "waste",
    "feces",
];
const PET_EMERGENCY: &[&str] = &[
    "hit by a car",
    "got hit",
    "bleed*",
    "blood",
    "not breathing",
    "cant breathe",
    "collapsed",
    "seizure*",
    "seizing",
    "bloat*",
    "cant stand",
    "wont wake",
    "unresponsive",
    "vomiting blood",
    "throwing up blood",
    "choking",
    "heatstroke",
    "heat stroke",
    "overheated",
    "deep cut",
    "gash",
    "cut himself",
    "cut herself",
    "bitten",
    "bit by",
    "attacked",
    "lethargic",
    "pale gums",
    "blue gums",
    "gums are white",
    "gums are blue",
    "mouth open",
    "open mouth",
    "open mouthed",
    "cant pee",
    "straining to pee",
    "trying to pee",
    "yelping",
    "nothing comes out",
    "nothing coming out",
    "hasnt peed",
    "not peeing",
    // A gut that has stopped (a rabbit or a guinea pig: "hasnt pooped since last night... sitting
    // hunched up grinding her teeth").
    // Struggling for air ("this awful honking wheeze... wobbly on his feet").
    "wheez*",
    "honking",
    "wobbly",
    "hasnt pooped",
    "hasnt pooped since",
    "not pooping",
    "no poop",
    "no poops",
    "hunched",
    "grinding her teeth",
    "grinding his teeth",
    "grinding its teeth",
    "teeth grinding",
];
/// Signs no grooming or nail trim explains: a blocked bladder, collapse, gums gone pale.
const PET_EMERGENCY_STRONG: &[&str] = &[
    "not breathing",
    "cant breathe",
    "collapsed",
    "seizure*",
    "seizing",
    "bloat*",
    "wont wake",
    "unresponsive",
    "vomiting blood",
    "throwing up blood",
    "choking",
    "heatstroke",
    "heat stroke",
    "hit by a car",
    "pale gums",
    "blue gums",
    "gray gums",
    "grey gums",
    "gums are white",
    "gums are blue",
    "cant pee",
    "straining to pee",
    "nothing comes out",
    "nothing coming out",
    "nothing is coming out",
    "hasnt peed",
    "not peeing",
];
/// The business's people by what they do ("the groomer did our bichon", "can the sitter also
/// bathe her").
pub(crate) const STAFF: &[&str] = &[
    "groomer",
    "therapist",
    "tech",
    "technician",
    "techs",
    "crew",
    "installer",
    "installers",
    "plumber",
    "electrician",
    "roofer",
    "roofers",
    "cleaner",
    "cleaners",
    "painter",
    "painters",
    "mechanic",
    "worker",
    "workers",
    "hygienist",
    "stylist",
    "trainer",
    "inspector",
    "contractor",
    "sitter",
    "guy",
    "chef",
    "driver",
    "nurse",
    "aide",
    "caregiver",
    "walker",
];
/// Pets by the words owners use, small ones and exotics too (rabbits, birds, reptiles).
const PETS: &[&str] = &[
    "dog*",
    "puppy",
    "pup",
    "cat",
    "cats",
    "kitten*",
    "pet",
    "pets",
    "litter box",
    "rabbit*",
    "bunny",
    "bunnies",
    "guinea pig*",
    "ferret*",
    "hamster*",
    "chinchilla*",
    "bird",
    "birds",
    "parrot*",
    "budgie*",
    "cockatiel*",
    "parakeet*",
    "lizard*",
    "bearded dragon*",
    "beardie*",
    "iguana*",
    "snake*",
    "tortoise*",
    "turtle*",
    "reptile*",
];
/// Dogs by the names owners call them ("our lab", "the husky").
pub(crate) const DOG_BREEDS: &[&str] = &[
    "lab",
    "labrador",
    "retriever",
    "shepherd",
    "pitbull",
    "pit bull",
    "husky",
    "doodle",
    "poodle",
    "beagle",
    "terrier",
    "chihuahua",
    "dachshund",
    "corgi",
    "pug",
    "pugs",
    "bulldog",
    "frenchie",
    "yorkie",
    "shih tzu",
    "bichon",
    "maltese",
    "schnauzer",
    "pomeranian",
    "pup",
    "pooch",
];
/// Horses and farm animals, by the words their owners use.
const LARGE_ANIMAL: &[&str] = &[
    "horse*", "mare", "mares", "gelding*", "stallion", "pony", "ponies", "foal*", "colt", "filly",
    "donkey*", "mule*", "cow", "cows", "calf", "goat*", "sheep", "llama*", "alpaca*",
];
const LARGE_ANIMAL_EMERGENCY: &[&str] = &[
    "wont put weight",
    "wont put any weight",
    "not putting weight",
    "no weight on",
    "wont bear weight",
    "cant bear weight",
    "three legged",
    "3 legged",
    "dead lame",
    "very lame",
    "wont walk",
    "doesnt want to walk",
    "refuses to walk",
    "cant walk",
    "nail in",
    "nail stuck",
    "stepped on a nail",
    // Walking on three legs ("came in from the field hopping on 3 legs").
    "on 3 legs",
    "on three legs",
    "hopping on",
    "puncture*",
    "hot feet",
    "feet feel hot",
    "feet are hot",
    "hooves are hot",
    "hoof is hot",
    "leaning back",
    "rocking back",
    "colic*",
    "rolling",
    "keeps rolling",
    "down and wont get up",
    "wont get up",
    "cant get up",
    "wont stand",
    "cant stand",
    "cast in",
    "got cast",
    "tied up",
    // Colic: a belly ache shown by rolling, lying down and getting up, looking or kicking at the
    // belly, no manure.
    "getting back up",
    "getting up and down",
    "up and down",
    "down and up",
    "kicking at her belly",
    "kicking at his belly",
    "kicking at her stomach",
    "kicking at his stomach",
    "kicking at her side",
    "kicking at his side",
    "biting at her side",
    "biting at his side",
    "looking at her side",
    "looking at his side",
    "looking round at her side",
    "looking round at his side",
    "looking around at her side",
    "looking around at his side",
    "no manure",
    "hasnt pooped",
    "hasnt passed manure",
    "not pooping",
    "no poop",
    "choke",
    "choking",
    "feed coming out",
];
const BRAKES: &[&str] = &["brake*", "steering", "accelerator", "gas pedal", "wheel"];
const FAILED: &[&str] = &[
    "fail*",
    "gone",
    "went out",
    "go out",
    "gave out",
    "dont work",
    "doesnt work",
    "not working",
    "stopped working",
    "quit",
    "to the floor",
    "goes to the floor",
    "locked up",
    "fell off",
    "came off",
    "wont stop",
    "not stopping",
];
const VEHICLE_FIRE: &[&str] = &[
    "hood",
    "engine",
    "car",
    "truck",
    "dash*",
    "exhaust",
    "tailpipe",
    "under the",
];
/// Things that burn gas or propane: a smell beside one may be a leak.
const GAS_APPLIANCE: &[&str] = &[
    "stove",
    "stovetop",
    "range",
    "burner*",
    "knob*",
    "pilot*",
    "propane",
    "furnace",
    "boiler",
    "water heater",
    "fireplace",
    "gas line",
    "gas grill",
    "gas dryer",
    "regulator",
];
/// A way into a home or a shop: what is left open at night (not "the plastic under my trailer is
/// ripped wide open").
const WAYS_IN: &[&str] = &[
    "door*",
    "window*",
    "gate*",
    "slider",
    "sliding",
    "latch*",
    "deadbolt*",
    "hatch",
    "entrance",
    "shutter*",
];
/// A way in forced or broken ("broke in", "the back door is bent open and theres a drill hole
/// started on the safe"): danger now, unless told as over and done (`break_in_over`).
const BREAK_IN: &[&str] = &[
    "kicked in",
    "pried open",
    "been pried",
    "was pried",
    "bent open",
    "forced open",
    "broke in",
    "broken into",
    "break in",
    "break-in",
    "breaking in",
    "burglar*",
    "robbed",
];
/// Someone inside, threatening or following now.
const INTRUDER: &[&str] = &[
    "been kicked",
    "still in the house",
    "still inside",
    "still down",
    "still in there",
    "protective order",
    "restraining order",
    "banging on the door",
    "banging on my door",
    "trying the handle",
    "trying to get in",
    "threaten*",
    "stalk*",
    "intruder*",
    "someone in my house",
    "someone is in my house",
    "someone inside",
    "stalker",
    "domestic",
    "being followed",
];
const LOCKED: &[&str] = &[
    "locked",
    "lock",
    "stuck",
    "trapped",
    "shut",
    "jammed",
    "wont budge",
    "cant get the door open",
    "cant get it open",
    "cant get the little door open",
    "cant open",
    "wont open",
];
const LOCKED_IN_WHO: &[&str] = &[
    "grandson",
    "granddaughter",
    "grandkid*",
    "grandchild*",
    "nephew",
    "niece",
    "baby",
    "infant*",
    "toddler*",
    "child",
    "kid",
    "kids",
    "son",
    "daughter",
    "dog",
    "puppy",
    "cat",
    "pet",
    "grandma*",
    "grandpa*",
    "my mom",
    "my dad",
    "yr old",
    "year old",
    "month old",
    "by herself",
    "by himself",
    "alone",
    "dementia",
];
const INSIDE: &[&str] = &[
    "inside",
    "in the car",
    "in the house",
    "in there",
    "in the room",
    "in the bathroom",
    "in the apartment",
    "in my car",
    "buckled",
    "car seat",
    "in the back",
    "from the inside",
];

/// Words that are a danger only when they are not the business's ordinary work ("smoke detector
/// install" for an electrician, "sports injury" for a physio).
const WEAK_DANGER: &[&str] = &["injured", "injury", "hurt", "bleeding"];

/// Signs of a body in trouble, one group per kind (the third is confusion).
const SIGNS: &[&[&str]] = &[
    &[
        "dizzy",
        "dizziness",
        "lightheaded",
        "light headed",
        "spinning",
    ],
    &[
        "headache",
        "head is pounding",
        "head pounding",
        "pounding head",
        "head hurts",
    ],
    &[
        "confused",
        "not making sense",
        "calling me by",
        "wrong name",
        "doesnt know where",
        "doesnt know who",
        "slurr*",
        "out of it",
        "talking sounds off",
        "speech sounds off",
        "sounds off",
        "talking funny",
        "talking weird",
        "talking strange",
        "words are jumbled",
        "cant get words out",
        "cant get his words out",
        "cant get her words out",
        "cant find words",
        // Repeating itself after a knock to the head.
        "same question*",
        "same thing over",
        "what day it is",
        "what year it is",
        "all mixed up",
        "doesnt remember",
        "dont remember what",
        "cant remember what",
    ],
    &[
        "vomit*",
        "throwing up",
        "threw up",
        "thrown up",
        // "He cant keep even water down."
        "keep anything down",
        "keep water down",
        "keep even water down",
        "keep food down",
        "keep fluids down",
        "nause*",
        "puking",
        "puked",
    ],
    &["faint*", "passed out", "blacked out", "collapsed"],
    &["short of breath", "cant breathe", "wheez*", "gasping"],
    &["numb", "numbness", "numbed", "numbing", "tingl*"],
    &["pale", "clammy", "cold sweat", "sweaty", "sweating"],
    &["shaky", "shaking", "trembling", "tremors"],
    // Hard to keep awake, slow to answer ("now he just wants to sleep and is kinda slow
    // answering me").
    &[
        "wants to sleep",
        "cant stay awake",
        "keeps falling asleep",
        "hard to wake",
        "wont wake",
        "slow answering",
        "slow to answer",
        "slow to respond",
        "not himself",
        "not herself",
    ],
    &[
        "chest pain",
        "chest hurts",
        "chest is tight",
        "sitting on his chest",
        "sitting on her chest",
        "sitting on my chest",
    ],
    &[
        "cuts on", "cut her", "cut his", "cut my", "cut up", "bleed*", "blood", "gash*",
    ],
];

/// Someone may be unsafe. Recall-first: an unneeded hand-off is cheaper than a missed emergency.
/// A caller asking whether something is normal or what to do, worried.
const WORRIED: &[&str] = &[
    "is that normal",
    "is this normal",
    "is it normal",
    "normal reaction",
    "is that dangerous",
    "is this dangerous",
    "should i be worried",
    "should we be worried",
    "should i worry",
    "what do i do",
    "what should i do",
    "what do we do",
    "freaking out",
    "panicking",
    "im scared",
    "so scared",
    "really scared",
    "go to the er",
    "go to the hospital",
    "urgent care",
];
/// Signs of a body in trouble (not soreness or a bruise: those are ordinary after many jobs).
const BODY_IN_TROUBLE: &[&str] = &[
    "hurt",
    "hurts",
    "hurting",
    "injur*",
    "neck",
    "breath*",
    "breathing",
    "bleed*",
    "blood",
    "faint*",
    "passed out",
    "unconscious",
    "vomit*",
    "throwing up",
    "threw up",
    "chest",
    "numb",
    "numbness",
    "numbed",
    "numbing",
    "dizzy",
    "fever",
    "swollen",
    "swelling",
    "hives",
    "seizure",
    "confused",
    "not waking",
    "wont wake",
    "lethargic",
    "limp",
];
/// How many different signs of a body in trouble the text gives.
fn body_signs(t: &Text) -> usize {
    let cannot_move = t.near(
        &[
            "cant",
            "couldnt",
            "can barely",
            "unable to",
            "wont",
            // ("says his hip hurts too bad to get up")
            "too bad to",
            "too much to",
        ],
        &[
            "get up", "stand*", "walk*", "move", "climb*", "grip*", "hold", "lift his", "lift her",
        ],
        3,
    );
    // "her head really hurts", "my head is killing me"
    let head = t.near(
        &["head"],
        &["hurts", "hurting", "pounding", "killing", "aches"],
        3,
    );
    let head_counted = t.any(SIGNS[1]);
    // A finger, a toe or lips changing colour (not "the tint is all purple").
    const BODY_PARTS: &[&str] = &[
        "finger", "fingers", "toe", "toes", "lips", "lip", "hand", "hands", "foot", "feet", "skin",
        "nails", "face",
    ];
    const COLOURS: &[&str] = &["purple", "blue", "white", "gray", "grey"];
    let colour = t.near(BODY_PARTS, COLOURS, 6) || t.near(COLOURS, BODY_PARTS, 3);
    SIGNS.iter().filter(|g| t.any(g)).count()
        + usize::from(cannot_move)
        + usize::from(head && !head_counted)
        + usize::from(colour)
}

/// Emergencies told without an emergency's words: a pregnancy going wrong, a baby's water
/// tainted, a child out on a pool cover, water running through a light, a scald, a ring
/// cutting off a finger.
fn said_in_everyday_words(t: &Text) -> Option<Danger> {
    // A used needle in someone's skin ("got poked by one of those needles... little bit of
    // blood on his palm"): bloodborne infection, seen the same day.
    let needle = t.any(&["needle", "needles", "syringe*", "sharps"]);
    let stuck_by = t.any(&[
        "poked",
        "pricked",
        "stuck himself",
        "stuck herself",
        "stuck myself",
        "stuck by",
        "stuck with",
        "jabbed",
        "needle stick",
        "needlestick",
        "went into his",
        "went into her",
        "went into my",
    ]);
    if needle && stuck_by {
        return Some(Danger::Medical);
    }
    // A swelling in the mouth or throat and trouble swallowing or breathing ("its like 3x the
    // size now... i can barely swallow my own spit and my breathing sounds kinda weird").
    let swollen = t.near(
        &["tongue", "throat", "lip", "lips", "face", "mouth"],
        &["swell*", "swollen", "puff*", "size", "huge", "bigger"],
        10,
    ) || t.near(
        &["swell*", "swollen"],
        &["tongue", "throat", "lip", "lips", "face"],
        4,
    );
    let airway = t.any(&[
        "swallow*",
        "breathing",
        "breathe",
        "breath",
        "choking",
        "wheez*",
        "cant talk",
    ]);
    if swollen && airway {
        return Some(Danger::Medical);
    }
    // A small child bleeding and screaming, or caught in a machine ("her hair got sucked into
    // the spinny brush... wound up tight against her head and theres blood and shes
    // screaming").
    let child = t.young_child() || t.any(&["my son", "my daughter", "my kid", "my little"]);
    let blood = t.any(&["blood*", "bleed*"]);
    let caught = t.any(&[
        "sucked into",
        "sucked in",
        "caught in",
        "wound up",
        "wrapped around",
        "stuck in the",
        "pinned",
        "crushed",
    ]);
    let screaming = t.any(&["screaming", "screams", "wont stop crying", "hysterical"]);
    if child && (blood && (screaming || caught) || caught && screaming) {
        return Some(Danger::Medical);
    }
    // "Im 34 wks... a little spotting and cramps... she hasnt kicked much today".
    let pregnant = t.any(&[
        "pregnant",
        "trimester",
        "my ob",
        "ob said",
        "midwife",
        "prenatal",
        "weeks along",
        "wks along",
        "months along",
    ]) || t.words.windows(3).any(|w| {
        matches!(w[0].as_str(), "im" | "am" | "at" | "shes" | "is")
            && w[1].parse::<u32>().is_ok_and(|n| (12..=42).contains(&n))
            && matches!(w[2].as_str(), "wks" | "weeks" | "wk" | "week")
    });
    // (A pregnant cat is the vet's; radiators and brakes are bled too.)
    let pregnant = pregnant
        && !t.near(
            &[
                "cat", "dog", "mare", "horse", "goat", "cow", "ewe", "rabbit",
            ],
            &["pregnant"],
            4,
        );
    let bled = !t.any(&["radiator*", "brake*", "bleeder*", "bleed the"]);
    // ("my wife is 6 months pregnant and shes had headaches all week": a headache, blurred
    // sight, fainting or vomiting in pregnancy is for a doctor today.)
    let going_wrong = bled && t.any(&["spotting", "bleeding"])
        || t.any(&[
            "headache*",
            "head hurts",
            "head is pounding",
            "blurry",
            "seeing spots",
            "dizzy",
            "lightheaded",
            "faint*",
            "passed out",
            "vomit*",
            "throwing up",
            "cant keep anything down",
            "fever",
            "face is swollen",
            "hands are swollen",
            "cramp*",
            "contraction*",
            "hasnt kicked",
            "havent felt her kick",
            "havent felt him kick",
            "not kicking",
            "kicked much",
            "hasnt moved",
            "not moving much",
            "stopped moving",
            "fewer kicks",
            "less movement",
            // ("shes been real quiet since yesterday afternoon, i barely felt any kicks")
            "barely felt",
            "barely any kicks",
            "barely kicking",
            "barely moving",
            "hardly felt",
            "hardly moving",
            "hardly kicking",
            "real quiet since",
            "really quiet since",
            "so quiet since",
            "not moving as much",
            "water broke",
            "leaking fluid",
            // ("just kinda dropped next to the car... white as a sheet and shaking and says her
            // belly hurts")
            "collapsed",
            "white as a sheet",
            "belly is hard",
        ]);
    // ("my sister... just kinda dropped next to the car... white as a sheet and shaking and
    // says her belly hurts"; not "the prices just dropped")
    let went_down = t.near(
        &[
            "she", "shes", "sister", "wife", "daughter", "i", "im", "her",
        ],
        &["dropped", "went down", "fell over"],
        3,
    ) && !t.any(&[
        "price*",
        "cost*",
        "rate*",
        "dropped off",
        "dropped her off",
        "dropped me off",
    ]);
    let belly = t.any(&[
        "belly hurts",
        "stomach hurts",
        "tummy hurts",
        "belly pain",
        "stomach pain",
        "abdominal pain",
    ]);
    let pale_or_shaking = t.any(&["white as a sheet", "pale", "shaking", "bleeding", "faint*"]);
    if pregnant && (going_wrong || went_down || belly && pale_or_shaking) {
        return Some(Danger::Medical);
    }
    // A fever in someone whose body cannot fight one: on chemo, after a transplant, a newborn
    // ("shes on chemo... at like 101.5 since last night and shaking under 3 blankets").
    // (A baby of three months or less: "my 2 month old has a fever of 101".)
    let tiny = t.words.windows(3).any(|w| {
        w[0].parse::<u32>().is_ok_and(|n| n <= 3)
            && (w[1] == "month" || w[1] == "months")
            && w[2] == "old"
    });
    // (Not a fever feared or past: "she cant risk a fever", "if she had the chills last week".)
    let feared = t.any(&[
        "risk",
        "if she",
        "if he",
        "in case",
        "last week",
        "last month",
        "avoid",
    ]);
    if (tiny
        || t.any(&[
            "chemo*",
            "transplant",
            "neutropen*",
            "immunocomp*",
            "immune compromised",
            "newborn*",
            "week old",
            "weeks old",
        ]))
        && (!feared
            && t.any(&[
                "fever",
                "fevers",
                "feverish",
                "chills",
                "burning up",
                "shivering",
            ])
            || t.near(&["shaking", "shivery"], &["blanket*", "cold"], 4)
            || temperature_said(&t.words))
    {
        return Some(Danger::Medical);
    }
    // Bleeding on a blood thinner ("shes 88 and on coumadin... bled thru 2 bandaids").
    if t.any(&[
        "coumadin",
        "warfarin",
        "eliquis",
        "xarelto",
        "blood thinner*",
    ]) && t.any(&[
        "bleed*",
        "bled",
        "dripping",
        "blood everywhere",
        "wont stop",
    ]) {
        return Some(Danger::Medical);
    }
    // Tap water gone strange, fed to a baby ("smells like lawn fertilizer... ive been using it
    // to mix my 4 month olds bottles").
    let tainted = t.any(&["water"])
        && t.any(&[
            "fertilizer",
            "chemical*",
            "soapy",
            "gasoline",
            "pesticide*",
            "weed killer",
            "yellow",
            "blue tint",
            "green tint",
        ]);
    let fed = t.any(&[
        "bottle",
        "bottles",
        "formula",
        "drinking it",
        "drank it",
        "drank some",
        "been drinking",
    ]);
    if tainted && fed {
        return Some(Danger::Medical);
    }
    // A child out on a pool cover or on ice that is giving way.
    let on_cover = t.any(&[
        "pool cover",
        "safety cover",
        "on the cover",
        "on the ice",
        "thin ice",
        "frozen pond",
    ]);
    let child = t.young_child()
        || t.any(&[
            "little boy",
            "little girl",
            "kid",
            "kids",
            "child",
            "toddler",
            "my son",
            "my daughter",
        ]);
    let giving_way = t.any(&[
        "ripping",
        "tearing",
        "torn",
        "sinking",
        "pooled",
        "cracking",
        "in the middle",
        "grab him",
        "grab her",
        "fell through",
    ]);
    if on_cover && child && giving_way {
        return Some(Danger::Hazard);
    }
    // Water coming through a light, a fan or an outlet ("dripping out of the light in the babys
    // room... the light is still on").
    if !t.any(&["pilot light", "water heater"])
        && t.any(&["water", "wet"])
        && t.near(
            &["drip*", "leak*", "pouring"],
            &["light", "fixture", "outlet", "switch", "ceiling fan"],
            5,
        )
    {
        return Some(Danger::Electrical);
    }
    // A scald ("the wax spilled all down her forearm... white and bubbly and shes screaming").
    let spilled = t.any(&[
        "spilled",
        "spill",
        "splashed",
        "poured",
        "dumped",
        "knocked over",
        "pulled the cord",
    ]);
    let hot = t.any(&[
        "wax",
        "hot water",
        "boiling",
        "coffee",
        "grease",
        "hot oil",
        "tea",
        "soup",
        "hot",
    ]);
    let scalded = t.any(&[
        "white and",
        "bubbl*",
        "blister*",
        "peeling",
        "screaming",
        "burn*",
        "skin",
    ]);
    if spilled && hot && scalded && t.any(&["her", "his", "my", "skin", "arm", "hand", "leg"]) {
        return Some(Danger::Medical);
    }
    // A ring cutting off a swollen finger ("the finger is kind of dark purple now and she says
    // its tingly").
    if t.any(&["ring", "band"])
        && t.any(&["finger", "fingers"])
        && t.any(&[
            "purple", "blue", "dark", "numb", "numbness", "numbed", "numbing", "tingl*", "cold",
            "white",
        ])
        && t.any(&[
            "swoll*",
            "swell*",
            "puffed",
            "puffy",
            "stuck",
            "digging",
            "tight",
            "wont come off",
        ])
    {
        return Some(Danger::Medical);
    }
    None
}

/// Someone who may take their own life, said the way families say it: hopelessness beyond
/// doubt ("keeps saying theres no point anymore and hes ready to go be with her"), or weaker
/// words beside a means or a place ("the baby would be better off with someone else... keeps
/// talking about walking down to the river by herself").
fn may_harm_themselves(t: &Text) -> bool {
    const HOPELESS: &[&str] = &[
        "no point anymore",
        "no point in anything",
        "no point to anything",
        "no point in going on",
        "go be with her",
        "go be with him",
        "be with her again",
        "be with him again",
        "join her soon",
        "join him soon",
        "tired of living",
        "tired of being alive",
        "dont want to wake up anymore",
        "doesnt want to wake up anymore",
        "wish i wouldnt wake up",
        "wish i was dead",
        "wishes he was dead",
        "wishes she was dead",
        "wish i wasnt here",
        "dont really see the point of anything",
        "dont see the point of anything",
        "see the point of anything anymore",
        // ("some nights i dont really see the point of still being around")
        "point of still being around",
        "point of still being here",
        "point of being around",
        "point of being here anymore",
        "point of being alive",
        "point in being alive",
        "point in still being",
        "dont want to be around anymore",
        "dont want to be here anymore",
        // ("honestly i dont see the point anymore, theyd all be better off with the life
        // insurance")
        "dont see the point anymore",
        "dont see the point any more",
        "whats the point anymore",
        "point of living anymore",
        "point in living anymore",
        "point of even living",
        "go to sleep and not wake up",
        "go to sleep and never wake up",
        "better off with the life insurance",
        "better off with my life insurance",
        // Said of oneself by a child or a grown-up ("she told me she is too stupid to live and
        // everyone would be better without her").
        "too stupid to live",
        "too ugly to live",
        "to live anymore",
        "not worth living",
        "rather be dead",
        "better off dead",
        "everyone would be better without",
        "everybody would be better without",
        "everyone would be better off without",
        "everybody would be better off without",
        "world would be better without",
        "be better without me",
        // ("everyone would be better off if i just wasnt around")
        "if i just wasnt around",
        "if i wasnt around",
        "if i wasnt here anymore",
        "if i just wasnt here",
    ];
    const WEAKER: &[&str] = &[
        "better off with someone else",
        "better off with somebody else",
        "better off without",
        "better off if i",
        "better off if she",
        "better off if he",
        "theres no point",
        "cant do this anymore",
        "cant take it anymore",
        "hopeless",
        "goodbye texts",
        "goodbye letter",
        "giving away his",
        "giving away her",
        "a burden",
    ];
    // Said of where someone is or what they hold, close to the hopeless words.
    const MEANS: &[&str] = &[
        "gun",
        "guns",
        "revolver",
        "pistol",
        "rifle",
        "shotgun",
        "pills",
        "his meds",
        "her meds",
        "rope",
        "bridge",
        "river",
        "train tracks",
        "jump off",
        "by herself",
        "by himself",
    ];
    // ("Tired of living with this leak" is fed up with a thing.)
    let t = t.without(&[
        "tired of living with",
        "tired of living in",
        "tired of living like",
    ]);
    // Giving one's things away beside seeing no point ("ive been giving my stuff away to my
    // roommates this week and i dont really see the point of anything anymore").
    let giving_away = t.any(&[
        "giving my stuff away",
        "giving my things away",
        "giving away my",
        "gave away my",
        "giving everything away",
        "gave all my",
    ]);
    // (Of anything at all, not "no point keeping it".)
    let no_point = t.any(&[
        "point of anything",
        "point in anything",
        "point anymore",
        "see the point of",
        "doesnt matter anymore",
        "not sure it matters",
        "nothing matters",
    ]);
    t.any(HOPELESS)
        || t.near(WEAKER, MEANS, 16)
        || t.near(MEANS, WEAKER, 16)
        || giving_away && no_point
}

/// A person held down under something heavy that came down ("part of the block wall came
/// down... my dad's leg is under some of the blocks, he says he cant move it").
fn pinned_under(t: &Text) -> bool {
    const BODY: &[&str] = &[
        "leg", "legs", "foot", "feet", "arm", "arms", "hand", "hands", "chest", "head", "he",
        "she", "hes", "shes", "him", "her", "someone", "somebody", "husband", "wife", "son",
        "daughter", "dad", "mom", "grandpa", "grandma", "kid", "worker", "guy",
    ];
    const UNDER: &[&str] = &[
        "is stuck under",
        "are stuck under",
        "trapped under",
        "caught under",
        "pinned",
        "crushed",
        "stuck underneath",
    ];
    // Only under it: someone may be holding it up (a danger of its own kind), unless they
    // cannot move.
    const ONLY_UNDER: &[&str] = &["is under", "are under", "is underneath"];
    const CAME_DOWN: &[&str] = &[
        "came down",
        "fell",
        "collapsed",
        "caved",
        "gave way",
        "tipped",
        "rolled",
        "slid",
        "came off",
        "landed on",
    ];
    // (Said of a person: "crushed our gutter" is a thing, and so is "crushed her car".)
    const PERSON_AFTER: &[&str] = &[
        "him", "me", "someone", "somebody", "husband", "wife", "son", "daughter", "dad", "mom",
        "grandpa", "grandma", "kid", "worker", "guy",
    ];
    let cannot_move = t.any(&[
        "cant move",
        "cant get out",
        "cant pull",
        "cannot pull",
        "cant get it off",
        "cant get him out",
        "cant get her out",
        "cant get it out",
        "cant get them out",
        "cant get free",
    ]);
    // ...or caught in what gave way ("the ground caved in ... went thru up to his hip. his leg
    // is stuck down in there ... I cant pull him out").
    let caught_in = cannot_move
        && t.near(
            BODY,
            &[
                "is stuck",
                "are stuck",
                "stuck down",
                "stuck in",
                "wedged",
                "went thru",
                "went through",
            ],
            3,
        );
    let held = t.near(BODY, UNDER, 3)
        || t.near(UNDER, PERSON_AFTER, 2)
        || cannot_move && t.near(BODY, ONLY_UNDER, 3);
    // (Caught in something needs nothing to have come down: "my kids hand is stuck in the
    // garbage disposal, cant pull it out".)
    (held && t.any(CAME_DOWN) || caught_in) && !t.any(NOBODY_HURT)
}

/// A burn on a person's body past a red mark: blistering, white or charred skin, or a hoarse
/// voice after a burn to the face ("the tubing caught and burned his nose and cheek... his face
/// is red and blistering up and his voice sounds hoarse").
fn burned_badly(t: &Text) -> bool {
    const BURNED: &[&str] = &[
        "burned",
        "burnt",
        "burns",
        "scald*",
        "caught fire",
        "singed",
        "scorched",
    ];
    const BODY: &[&str] = &[
        "face", "nose", "cheek", "cheeks", "lip", "lips", "mouth", "neck", "chest", "hand",
        "hands", "arm", "arms", "leg", "legs", "finger*", "palm", "eyebrows", "foot", "feet",
        "belly",
    ];
    const SEVERE: &[&str] = &[
        "blister*",
        "hoarse",
        "charred",
        "skin came off",
        "skin is coming off",
        "oozing",
        "weeping",
        "raw",
        "cant swallow",
        "white and",
        "leathery",
    ];
    // (Not the sun's, nor a car's paint.)
    let sun_or_paint = t.any(&["sun", "sunburn*", "paint", "clear coat", "beach"]);
    let said_of_body = t.near(BURNED, BODY, 5) || t.near(BODY, BURNED, 4);
    // ("he also got the back of his hand with it, theres a big white blister ... and the skin
    // around it is kinda gray": the burn told by what it did, its cause in an earlier text.)
    let skin_gone_pale = t.any(&["blister*"])
        && t.any(BODY)
        && t.near(
            &["skin"],
            &["gray", "grey", "black", "leathery", "waxy", "charred"],
            6,
        );
    (said_of_body && t.any(SEVERE) || skin_gone_pale) && !sun_or_paint
}

/// Something heavy came down on or beside a small child, who is hurt or may be ("our tv came
/// off the wall... my 2 yr old was right under it, hes screaming and theres a bump coming up on
/// his forehead"): a head injury in a toddler is seen now, not at the next opening.
fn fell_on_a_child(t: &Text) -> bool {
    const HEAVY: &[&str] = &[
        "tv",
        "television",
        "dresser",
        "bookcase",
        "bookshelf",
        "shelf",
        "shelves",
        "mirror",
        "cabinet",
        "mount",
        "furniture",
        "wardrobe",
        "chest of drawers",
    ];
    const CAME_DOWN: &[&str] = &[
        "came off",
        "fell",
        "tipped",
        "came down",
        "ripped out",
        "pulled over",
        "toppled",
        "crashed",
        "knocked over",
    ];
    const HIT: &[&str] = &[
        "bump",
        "goose egg",
        "forehead",
        "hit him",
        "hit her",
        "hit his",
        "hit her head",
        "knocked out",
        "screaming",
        "bleed*",
        "blood",
        "under it",
        "on top of him",
        "on top of her",
        "throwing up",
        "threw up",
        "sleepy",
    ];
    let child = t.young_child() || t.any(&["toddler", "baby", "little one", "infant"]);
    // Told as the reason for work now ("after the bookshelf tipped on our 2 yr old last month
    // we want everything anchored"), or missed: no one hurt now.
    let over = t.any(&[
        "last week",
        "last month",
        "last year",
        "ago",
        "after the",
        "missed him",
        "missed her",
        "hes fine",
        "shes fine",
        "didnt hit",
        "not hurt",
    ]);
    child && t.any(HEAVY) && t.any(CAME_DOWN) && t.any(HIT) && !over && !t.any(NOBODY_HURT)
}

/// Someone who hurt or threatened the caller before is coming, or has a way in ("my ex still has
/// a key and says hes coming by tonight... last time he punched the wall by my head").
fn threatened_by_someone(t: &Text) -> bool {
    // Someone holding a blade or a gun at people now ("came back in thru the back door and
    // grabbed one of the knives... yelling at my sous chef, wont let him by").
    // (Not a knife roll, a collection, a knife grabbed to cut the cake.)
    let t_arms = t.without(&[
        "knife roll",
        "knife collection",
        "knife set",
        "knife block",
        "grabbed a knife to",
        "grabbed the knife to",
    ]);
    let aimed = t_arms.any(&[
        "pulled a knife on",
        "pulled a gun on",
        "pointing a gun",
        "pointed a gun",
        "pointing a knife",
        "pointed a knife",
        "showed up with a gun",
        "showed up with a knife",
    ]);
    let armed = t_arms.any(&[
        "grabbed a knife",
        "grabbed one of the knives",
        "grabbed the knife",
        "has a knife",
        "got a knife",
        "with a knife",
        "waving a knife",
        "holding a knife",
        "has a gun",
        "got a gun",
        "with a gun",
        "waving a gun",
        "holding a gun",
    ]);
    let menacing = t_arms.any(&[
        "yelling at",
        "screaming at",
        "threatening us",
        "threatening me",
        "threatening him",
        "threatening her",
        "threatening to kill",
        "wont let me",
        "wont let him",
        "wont let her",
        "wont let us",
        "wont let anyone",
        "cornered",
        "coming at",
    ]);
    if aimed || armed && menacing {
        return true;
    }
    const VIOLENT: &[&str] = &[
        "punched",
        "hit me",
        "hits me",
        "beat me",
        "beats me",
        "choked",
        "strangled",
        "shoved me",
        "pushed me",
        "grabbed me",
        "hurt me",
        "abusive",
        "abuser",
        "abused",
        "violent",
        "kill me",
        "kill us",
        "scared of him",
        "scared of her",
        "afraid of him",
        "afraid of her",
        "terrified of",
        "fear for my",
    ];
    const WHO: &[&str] = &[
        "ex",
        "my ex",
        "ex husband",
        "ex wife",
        "ex boyfriend",
        "ex girlfriend",
        "boyfriend",
        "girlfriend",
        "he",
        "she",
        "hes",
        "shes",
        "him",
        "her",
        "neighbor",
        "roommate",
        "tenant",
    ];
    const COMING: &[&str] = &[
        "coming by",
        "coming over",
        "coming back",
        "come by",
        "come over",
        "come back",
        "show up",
        "showing up",
        "still has a key",
        "has a key",
        "has keys",
        "still has keys",
        "kept a key",
        "kept his key",
        "kept her key",
        "knows where",
        "tonight",
        "outside",
    ];
    // A veiled threat passed on ("my ex texted that if i sign it im going to regret it"), with
    // the one who made it close by ("his car has been parked across from my apartment").
    let veiled = t.near(
        &[
            "texted",
            "texting",
            "texts",
            "said",
            "says",
            "told",
            "telling",
            "warned",
            "threatening",
            "messaged",
        ],
        &[
            "regret it",
            "be sorry",
            "or else",
            "watch your back",
            "watch my back",
            "pay for this",
            "pay for it",
        ],
        12,
    );
    const WATCHING: &[&str] = &[
        "parked across",
        "parked outside",
        "parked out front",
        "parked down the street",
        "watching the door",
        "watching the house",
        "watching my",
        "watching me",
        "sitting outside",
        "waiting outside",
        "keeps driving by",
        "drove by",
        "driving by",
    ];
    t.any(VIOLENT) && (t.any(WHO) && t.any(COMING) || t.any(&["ex", "my ex", "restraining"]))
        || veiled && (t.any(WATCHING) || t.any(WHO) && t.any(COMING))
}

/// Someone kept from leaving or from help by another ("he took her phone and wont let her go to
/// my place, i can hear him yelling at her"): a person, often older, controlled now.
fn kept_under_control(t: &Text) -> bool {
    // (The caller kept in only by someone close: "my boss... wont let me leave early" is
    // no danger.)
    let close = t.any(&[
        "husband",
        "boyfriend",
        "bf",
        "ex",
        "partner",
        "wife",
        "girlfriend",
        "gf",
        "brother",
        "son",
        "stepdad",
        "stepfather",
        "uncle",
    ]) && !t.any(&["boss", "bank", "manager", "work", "job", "school"]);
    let kept = t.near(
        &[
            "wont let her",
            "wont let him",
            "not letting her",
            "not letting him",
            "doesnt let her",
            "doesnt let him",
        ],
        &["leave", "go", "out", "call", "talk", "see", "use"],
        3,
    ) || close
        && t.near(
            &["wont let me", "not letting me"],
            &["leave", "go", "out", "call", "talk", "see"],
            3,
        )
        || t.any(&[
            "locked her in",
            "locked him in",
            "locked me in",
            "keeping her from",
            "keeping him from",
        ]);
    let phone_taken = t.near(
        &["took", "taken", "takes", "taking", "grabbed", "hid"],
        &["phone", "cell"],
        3,
    );
    let pressure = t.any(&[
        "yelling at her",
        "yelling at him",
        "yelling at me",
        "screaming at her",
        "screaming at him",
        "screaming at me",
        "pressuring",
        "pressured",
        "forcing her",
        "forcing him",
        "forcing me",
        "making her sign",
        "making him sign",
        "keeps telling her",
        "keeps telling him",
        "telling her she has to",
        "telling him he has to",
    ]);
    // (Not a parent's rule alone: "my mom wont let her go to the party, she took her phone".)
    (kept || phone_taken) && pressure
}

/// A break-in told as over and done ("the store on Pine that was broken into Tuesday night"):
/// nobody there now, nothing threatening said; the caller is dealing with what it left.
fn break_in_over(t: &Text) -> bool {
    // (Called when a break-in or an intruder was said: only a break-in may be over.)
    let only_a_break_in = !t.any(INTRUDER);
    let days = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let past = t.any(&[
        "last week",
        "last weekend",
        "last month",
        "other night",
        "other day",
        "days ago",
        "weeks ago",
        "was broken into",
        "were broken into",
        "got broken into",
        "got robbed",
    ]) || t.near(&days, &["night", "morning", "afternoon", "evening"], 1);
    let now = t.any(&[
        "still",
        "right now",
        "now",
        "inside",
        "in the house",
        "hear*",
        "tonight",
        "scared",
        "afraid",
        "came back",
        "coming back",
    ]);
    only_a_break_in && past && !now
}

/// Words that only soften what is said ("cant really get him to wake up", "cant really talk"):
/// taken out before a rule looks for words side by side.
const FILLERS: &[&str] = &["really", "even", "actually", "just", "kind of"];

/// Someone who does not respond: slumped, unconscious, not breathing, or down in a tank, pit,
/// well or manhole and not answering (where whoever goes in after them can be overcome too).
fn someone_down(t: &Text) -> bool {
    // "We cant really wake her up and her breathing sounds weird and slow."
    // ("i cant really get him to wake up": the helper words between; not "we cant have the
    // doorbell wake him".)
    let hard_to_wake = {
        let tw = t.without(FILLERS);
        tw.near(
            &["cant", "wont", "barely", "hard to", "couldnt", "not"],
            &["wake", "waking"],
            4,
        ) && !tw.any(&["cant have", "cant let", "not have", "dont want"])
    };
    // ("snoring really weird, kinda gurgly": a snore sounding wrong, after drink or pills.)
    let snore_wrong = t.near(
        &["snoring", "snores", "snore"],
        &[
            "weird", "funny", "strange", "gurgl*", "rattl*", "choking", "gasping",
        ],
        4,
    ) && t.any(&[
        "drank",
        "drunk",
        "overdose*",
        "pills",
        "took some",
        "took something",
    ]);
    let breathing_wrong = t.near(
        &["breathing", "breath", "breathes", "breaths"],
        &[
            "weird",
            "slow",
            "funny",
            "strange",
            "shallow",
            "rattl*",
            "gurgl*",
            "labored",
            "laboured",
            "noisy",
            "irregular",
        ],
        4,
    );
    // A person, not a phone or a laptop that "wont wake up".
    let a_person = t.any(&[
        "her",
        "him",
        "his",
        "she",
        "he",
        "friend",
        "mom",
        "dad",
        "husband",
        "wife",
        "son",
        "daughter",
        "baby",
        "kid",
        "grandma",
        "grandpa",
        "brother",
        "sister",
        "roommate",
        "boyfriend",
        "girlfriend",
        "partner",
    ]) && !t.any(&[
        "phone", "ipad", "tablet", "laptop", "computer", "screen", "tv", "device", "watch",
        "iphone", "macbook",
    ]);
    if a_person
        && (hard_to_wake
            || snore_wrong
            || breathing_wrong && t.any(&["drank", "drunk", "overdose*", "pills", "took"]))
    {
        return true;
    }
    const UNRESPONSIVE: &[&str] = &[
        "slumped",
        "unresponsive",
        "out cold",
        "not breathing",
        "stopped breathing",
        "isnt breathing",
        "wont wake up",
        "not waking up",
        "cant wake him",
        "cant wake her",
        "cant wake them",
        "unconscious",
        "collapsed",
        "passed out",
        "blacked out",
        "barely responding",
        "barely responsive",
        "hardly responding",
        "barely conscious",
        "barely awake",
    ];
    const DOWN_IN: &[&str] = &[
        "tank",
        "septic",
        "pit",
        "the well",
        "in the well",
        "down the well",
        "well pit",
        "manhole",
        "sewer",
        "cistern",
        "silo",
        "vault",
        "crawl space",
        "crawlspace",
        "trench",
        "down there",
        "down in",
        "climbed down",
        "went down",
    ];
    const STUCK: &[&str] = &[
        "cant get out",
        "cant climb out",
        "fell in",
        "fell down in",
        "dizzy",
        "cant breathe",
        "wont answer",
        "not answering",
        "isnt answering",
        "not moving",
        "isnt moving",
    ];
    // Someone else (a person, not the caller joking about themself).
    const OTHER: &[&str] = &[
        "he",
        "she",
        "hes",
        "shes",
        "him",
        "her",
        "husband",
        "wife",
        "son",
        "daughter",
        "dad",
        "mom",
        "father",
        "mother",
        "worker",
        "guy",
        "man",
        "woman",
        "friend",
        "brother",
        "sister",
        "boyfriend",
        "girlfriend",
        "partner",
        "kid",
        "child",
        "grandpa",
        "grandma",
        "someone",
        "somebody",
    ];
    let other = t.any(OTHER) && !t.any(&["dog", "cat", "puppy", "kitten", "horse"]);
    other && (t.any(UNRESPONSIVE) || t.any(DOWN_IN) && t.any(STUCK))
}

/// An older or vulnerable person nobody can reach, with the door shut or a sign of a fall
/// ("mom is 79, hasnt picked up since yesterday, her door is deadbolted"): a welfare check.
/// Gasoline or fuel smelled through a home, or leaking where people are ("a big wet puddle under
/// the car in our garage and the whole house reeks like gasoline"): fumes that can catch fire.
fn fuel_leaking_indoors(t: &Text) -> bool {
    const FUEL: &[&str] = &[
        "gasoline", "fuel", "diesel", "kerosene", "petrol", "gas can",
    ];
    const SMELL: &[&str] = &["smell*", "reek*", "stink*", "odor*", "odour*", "fumes"];
    // The smell of the fuel ("reeks like gasoline", "gasoline smell"), not "fuel efficient
    // heaters ... the basement smells musty".
    let smelled = t.near(SMELL, FUEL, 4) || t.near(FUEL, SMELL, 3);
    let where_people_are = t.any(&[
        "house",
        "home",
        "apartment",
        "upstairs",
        "downstairs",
        "room",
        "kitchen",
        "bedroom",
        "inside",
        "basement",
    ]);
    let leaking = t.any(&["puddle", "leak*", "dripping", "pouring", "soaked"]);
    smelled && (where_people_are || leaking && t.any(&["garage", "baby", "kids"]))
}

/// Old paint sanded or scraped to dust where a pregnant woman or small children live ("been
/// sanding the old chalky paint all weekend... my wife is 6 months pregnant"): lead dust.
fn old_paint_dust(t: &Text) -> bool {
    const DECADES: &[&str] = &[
        "1890s", "1900s", "1910s", "1920s", "1930s", "1940s", "1950s", "1960s", "1970s",
    ];
    let sanding = t.any(&["sand*", "scrap*", "grind*", "chipping", "flaking"]);
    let old_paint = t.any(&["lead paint", "lead based", "leaded paint"])
        || t.near(&["old", "chalky", "original", "peeling"], &["paint"], 4)
        || t.near(&["paint"], DECADES, 12)
        || t.near(DECADES, &["paint"], 12);
    let who =
        t.any(&["pregnant", "baby", "babys", "toddler*", "infant", "newborn"]) || t.young_child();
    sanding && old_paint && who
}

/// People out on a frozen pond, lake or river whose ice is giving way ("water coming up on top
/// of the ice near where they are standing", "the ice is cracking and the kids are still out
/// on it"). (A rink's slushy ice is no danger.)
fn on_thin_ice(t: &Text) -> bool {
    let natural = t.any(&["pond", "lake", "river", "creek", "reservoir", "bay"]) && t.any(&["ice"]);
    // What only natural ice does, and what a rink's ice may do too.
    let breaking = t.any(&["ice"])
        && t.any(&[
            "water coming up",
            "water on top",
            "ice is cracking",
            "ice cracking",
            "open water",
            "fell through",
            "went through the ice",
        ])
        // ("my buddy just went through by the ridge, hes holding on to the edge")
        || t.any(&["pond", "lake", "river", "creek", "reservoir", "ice"])
            && t.any(&["went through", "fell through", "broke through", "fell in"])
            && t.any(&["holding on", "cant get out", "the edge", "in the water"]);
    let weak = t.any(&[
        "water on the ice",
        "water over the ice",
        "ice is thin",
        "thin ice",
        "ice is soft",
    ]);
    let giving = breaking || weak && natural;
    let there_now = t.any(&[
        "standing",
        "skating",
        "playing",
        "fishing",
        "right now",
        "out on it",
        "out there",
        "still on",
        "are on",
        "theyre on",
        "they are",
        "near where",
        "holding on",
        "cant get out",
    ]);
    giving && there_now
}

/// Heating oil or fuel leaking out of a tank onto the ground or a basement floor ("theres oil
/// dripping out the bottom onto the snow. its maybe 20 ft from our well"): a spill to stop and
/// report. (A car or an RV leaking oil on the driveway is a repair.)
fn fuel_spilling(t: &Text) -> bool {
    const FUEL: &[&str] = &["oil", "fuel", "diesel", "kerosene", "heating oil"];
    const OUT: &[&str] = &[
        "dripping",
        "drips",
        "leaking",
        "leaks",
        "pouring",
        "spilling",
        "spilled",
        "running out",
        "coming out",
        "puddle*",
        "pooling",
        "soaking",
        "stream",
    ];
    let spilling = t.near(FUEL, OUT, 4) || t.near(OUT, FUEL, 3);
    let tank = t.any(&["tank", "tanks", "oil line", "fuel line"]);
    let vehicle = t.any(&[
        "car",
        "truck",
        "motorhome",
        "rv",
        "camper",
        "engine",
        "vehicle",
        "van",
        "boat",
        "mower",
        "tractor",
    ]) && !t.any(&["oil tank", "fuel tank", "heating oil", "home heating"]);
    let ground = t.any(&[
        "snow", "ground", "dirt", "yard", "well", "creek", "stream", "ditch", "onto the",
        "all over", "basement",
    ]);
    spilling && tank && ground && !vehicle
}

/// Money going out of the caller's account now, or a scam under way ("2400 dollars gone from my
/// checking, 3 transfers I did not make", "a man from the IRS says she'll be arrested unless she
/// pays in gift cards"): the bank, the police, whoever can stop it, before any appointment.
fn money_being_taken(t: &Text) -> bool {
    const MOVED: &[&str] = &[
        "transfer*",
        "charge*",
        "withdrawal*",
        "purchase*",
        "payment*",
        "transaction*",
    ];
    const NOT_MINE: &[&str] = &[
        "i did not make",
        "i didnt make",
        "we did not make",
        "we didnt make",
        "i did not authorize",
        "i didnt authorize",
        "i never made",
        "we never made",
        "unauthorized",
        "not mine",
    ];
    let not_mine = t.near(MOVED, NOT_MINE, 4) || t.near(&["unauthorized"], MOVED, 2);
    let t_acc = t.without(&["taken into account", "take into account", "into account"]);
    let gone = t_acc.near(
        &[
            "gone",
            "missing",
            "taken",
            "drained",
            "emptied",
            "stolen",
            "withdrawn",
        ],
        &["checking", "savings", "account", "bank account"],
        4,
    ) && (t
        .words
        .iter()
        .any(|w| w.chars().all(|c| c.is_ascii_digit()) && w.len() >= 2)
        || t.any(&["money", "dollars", "everything", "all of it"]));
    let scam = t.any(&[
        "gift card*",
        "wire the money",
        "bitcoin",
        "crypto atm",
        "zelle",
    ]) && t.any(&[
        "irs",
        "warrant",
        "arrest*",
        "police",
        "jail",
        "social security",
        "sheriff",
        "grandson",
        "granddaughter",
    ]) && !t.any(&["do you take", "can i pay", "pay with"]);
    not_mine || gone || scam
}

/// Water leaking into or out of a light that flickers or buzzes ("its coming out of the light
/// thats right next to it, the light keeps flickering and buzzing"): the water and the light
/// are one thing, not two jobs in a list.
fn water_at_a_failing_light(t: &Text) -> bool {
    const LIGHT: &[&str] = &["light", "lights", "fixture*", "light fixture*"];
    const WET: &[&str] = &["leak*", "drip*", "water", "wet"];
    const FAILING: &[&str] = &["flicker*", "buzz*", "sizzl*", "spark*", "crackl*"];
    let wet_light = t.any(&[
        "coming out of the light",
        "out of the light",
        "into the light",
        "from the light",
        "around the light",
    ]) || t.near(LIGHT, WET, 4)
        || t.near(WET, LIGHT, 4);
    let failing = t.near(LIGHT, FAILING, 5) || t.near(FAILING, LIGHT, 3);
    wet_light && failing
}

/// A tingle or a shock felt in water or from a cord ("he felt like a tingle when he stepped in
/// the water", "water up to the power strip her oxygen machine is plugged into"): current in the
/// water.
fn shock_in_water(t: &Text) -> bool {
    let felt = t.any(&[
        "tingle",
        "tingling",
        "tingles",
        "zapped",
        "zap",
        "shocked",
        "got shocked",
        "a shock",
        "shocks",
    ]) && !t.any(&["lips", "lip", "tongue", "mouth", "throat", "face"]);
    let wet = t.any(&[
        "water", "wet", "puddle", "flood*", "tub", "shower", "faucet", "sink", "pool",
    ]);
    let power = t.any(&[
        "cord",
        "unplug*",
        "extension",
        "outlet*",
        "plug*",
        "power strip",
        "panel",
        "breaker*",
        "wire*",
        "electric*",
    ]);
    let water_at_power = t.near(
        &["water", "waters", "flood*"],
        &[
            "up to the power strip",
            "up to the outlet*",
            "at the outlet*",
            "reaching the outlet*",
            "touching the outlet*",
            "around the cord*",
            "over the cord*",
            "up to the plug*",
            "power strip",
        ],
        14,
    ) && t.any(&["rising", "still coming", "inches", "deep"]);
    // A shock from something plugged in, felt after ("went to unplug the freezer... felt like a
    // little zap and now her hand feels funny").
    let after = t.near(
        &["hand", "hands", "arm", "arms", "fingers", "finger"],
        &[
            "funny", "weird", "numb", "numbness", "numbed", "numbing", "tingl*", "hurts", "burn*",
            "dead", "asleep",
        ],
        4,
    ) || t.any(&[
        "cant feel her",
        "cant feel his",
        "cant feel my",
        "heart racing",
        "heart is racing",
    ]);
    felt && wet && (power || t.any(&["water"])) || water_at_power || felt && power && after
}

/// Scalded skin that blisters on someone ("it sprayed on her arm. its bright red and theres
/// blisters coming up already she wont stop screaming").
fn scalded(t: &Text) -> bool {
    t.any(&["blister*"])
        && t.any(&[
            "steam",
            "sprayed",
            "boiling",
            "scald*",
            "hot water",
            "hot oil",
            "grease",
            "splash*",
            "burn*",
        ])
        && t.any(&[
            "her arm",
            "his arm",
            "her hand",
            "his hand",
            "my hand",
            "my arm",
            "her face",
            "his face",
            "her leg",
            "his leg",
            "screaming",
            "crying",
            "baby",
            "toddler",
            "yr old",
            "year old",
            "son",
            "daughter",
        ])
}

/// The ground opening up and growing where people are ("the end of our driveway cracked and
/// dropped into a HOLE ... dirt washing away underneath and it keeps getting bigger ... my kids
/// are 5 and 7"): a sinkhole, not a slab to lift.
fn ground_opening(t: &Text) -> bool {
    let opened = t.any(&[
        "sinkhole",
        "sink hole",
        "into a hole",
        "caved in",
        "cave in",
        "caving in",
        "opened up",
        "giant hole",
        "huge hole",
        "big hole",
    ]);
    let growing = t.any(&[
        "getting bigger",
        "keeps growing",
        "growing",
        "washing away",
        "washed out",
        "ft deep",
        "feet deep",
        "foot deep",
        "deep",
    ]);
    opened && growing
}

/// Someone out in the back country or on the water who has not come back when they said and
/// cannot be reached ("said hed be back by 1. its almost 5 now and getting dark, his phone goes
/// straight to vm"): a search, not a question for the business.
fn overdue_outdoors(t: &Text) -> bool {
    const OUT_THERE: &[&str] = &[
        "hiking",
        "hike",
        "touring",
        "backcountry",
        "back country",
        "skiing",
        "snowmobil*",
        "hunting",
        "fishing",
        "kayak*",
        "canoe*",
        "paddl*",
        "out on the lake",
        "out on the water",
        "out on the boat",
        "on the mountain",
        "the trail",
        "trailhead",
        "climbing",
        "by himself",
        "by herself",
        "snowshoe*",
        "on the boat",
        "went out on",
        "elk",
        "deer",
        "solo",
    ];
    // Said to be back, and the time has passed ("its almost 5 now", "getting dark").
    const EXPECTED: &[&str] = &[
        "be back by",
        "be back at",
        "be back before",
        "supposed to be back",
        "supposed to be out",
        "supposed to text",
        "supposed to call",
        "should be back",
        "shouldve been back",
        "should have been back",
    ];
    const PASSED: &[&str] = &[
        "its almost",
        "its now",
        "now its",
        "its been",
        "getting dark",
        "its dark now",
        "dark now",
        "and nothing",
        "still nothing",
        "no word",
    ];
    const OVERDUE: &[&str] = &[
        "hours late",
        "was due back",
        "were due back",
        "due back last",
        "hasnt come back",
        "hasnt gotten back",
        "hasnt made it back",
        "never came back",
        "never made it back",
        "not back yet",
        "isnt back",
        "still not back",
        "overdue",
        "hasnt returned",
        "not home yet",
    ];
    const NO_WORD: &[&str] = &[
        "straight to vm",
        "straight to voicemail",
        "goes to voicemail",
        "goes to vm",
        "not answering",
        "no answer",
        "cant reach",
        "wont answer",
        "hasnt answered",
        "not picking up",
        "getting dark",
        "its dark",
        "dark out",
        "no signal",
        "no service",
        "truck is still",
        "car is still",
        "hasnt texted",
        "havent heard",
        "phone is off",
        "nobody has heard",
        "no one has heard",
        "cant get ahold",
        "cant get a hold",
        "nothing",
    ];
    const SOMEONE: &[&str] = &[
        "he",
        "she",
        "they",
        "him",
        "her",
        "them",
        "hes",
        "shes",
        "husband",
        "wife",
        "son",
        "daughter",
        "dad",
        "mom",
        "brother",
        "sister",
        "buddy",
        "friend*",
        "roommate",
        "boyfriend",
        "girlfriend",
    ];
    // ("its 7 now", "its 6 and his phone...")
    let hour_now = t
        .words
        .windows(2)
        .any(|w| w[0] == "its" && w[1].parse::<u32>().is_ok_and(|h| h <= 12));
    let overdue = t.any(OVERDUE) || t.any(EXPECTED) && (t.any(PASSED) || hour_now);
    t.any(OUT_THERE) && overdue && t.any(NO_WORD) && t.any(SOMEONE)
}

/// Someone out in the water who cannot be seen any more ("i cant see him out there anymore,
/// its big today and i think hes past the break").
fn lost_in_the_water(t: &Text) -> bool {
    let unseen = t.near(
        &[
            "cant see",
            "cant find",
            "lost sight of",
            "dont see",
            "cant spot",
        ],
        &[
            "him",
            "her",
            "my son",
            "my daughter",
            "my friend",
            "my buddy",
            "my dad",
            "my husband",
            "my wife",
            "my kid",
        ],
        2,
    ) && t.any(&[
        "anymore",
        "any more",
        "out there",
        "past the break",
        "in the water",
        "under water",
        "underwater",
    ]);
    // ("i lost my friend in the water, he went under and hasnt come up")
    // (Someone, not water that "went under the wall into the nail salon".)
    let went_under = (t.near(
        &[
            "he", "she", "they", "friend", "son", "daughter", "buddy", "kid", "husband", "wife",
        ],
        &["went under", "hasnt come up", "didnt come up"],
        3,
    ) || t.any(&[
        "pulled out by the rip",
        "caught in a rip",
        "dragged out",
        "swept out",
    ])) && t.any(&[
        "water", "waves", "surf*", "break", "ocean", "lake", "river", "current", "rip", "swim*",
        "beach", "pool",
    ]);
    unseen || went_under
}

/// Someone shut inside something that fell or jammed and hurt ("one of my guys was in it. door
/// is facing the ground and we cant get it open hes yelling his leg is messed up").
fn shut_in_and_hurt(t: &Text) -> bool {
    t.any(&[
        "cant get it open",
        "cant get the door open",
        "cant open it",
        "cant open the door",
        "door wont open",
        "wont open",
    ]) && t.any(&[
        "was in it",
        "is in it",
        "hes inside",
        "shes inside",
        "he is inside",
        "she is inside",
        "someone inside",
        "somebody inside",
        "trapped",
        "hes stuck",
        "shes stuck",
        "stuck in there",
        "still in there",
    ]) && t.any(&[
        "yelling",
        "hurt",
        "bleeding",
        "cant breathe",
        "messed up",
        "broken",
        "crying",
    ])
}

/// Choking on something ("chewed on a popped balloon piece ... now hes coughing and cant talk,
/// face is getting red").
fn choking_on_something(t: &Text) -> bool {
    // ("shes coughing and cant really talk, shes pointing at her throat": the helper words
    // between, as for someone hard to wake.)
    let t = &t.without(FILLERS);
    (t.any(&["cant talk", "cant speak", "cant breathe", "cant cough"])
        || t.any(&[
            "pointing at her throat",
            "pointing at his throat",
            "grabbing her throat",
            "grabbing his throat",
        ]))
        && t.any(&[
            "chewed",
            "swallow*",
            "piece",
            "stuck in his throat",
            "stuck in her throat",
            "in his throat",
            "in her throat",
            "coughing",
            "gagging",
        ])
        && !t.any(&["lost my voice", "laryngitis", "sore throat"])
}

/// Wet through in the cold and showing it ("went in up to his waist. hes soaked and shaking
/// really bad and kinda talking slow. were like a mile out on forest lake").
fn cold_and_wet(t: &Text) -> bool {
    t.any(&[
        "soaked",
        "wet",
        "went in",
        "fell in",
        "in the water",
        "went through",
    ]) && t.any(&["ice", "snow", "lake", "freezing", "frozen", "cold"])
        && t.any(&["shaking", "shivering", "trembling"])
        && t.any(&[
            "talking slow",
            "slow to answer",
            "slurr*",
            "confused",
            "sleepy",
            "cant feel",
            "blue",
        ])
        && t.any(&[
            "he", "hes", "she", "shes", "son", "daughter", "kid", "buddy", "friend", "husband",
            "wife", "dad", "mom", "im",
        ])
}

fn cannot_be_reached(t: &Text) -> bool {
    const UNREACHED: &[&str] = &[
        "not answering",
        "isnt answering",
        "wont answer",
        "not picking up",
        "hasnt picked up",
        "hasnt answered",
        "havent heard from",
        "hasnt called",
        "no answer",
        "not responding",
        "isnt responding",
        "wont come to the door",
        "not coming to the door",
        "cant reach",
        "cant get ahold",
        "cant get a hold",
        "cant get hold",
        "able to reach",
        "unable to reach",
        "cant get through to",
    ];
    const SIGN: &[&str] = &[
        "walker",
        "cane",
        "on the floor",
        "on the ground",
        "tipped over",
        "knocked over",
        "fell",
        "fallen",
        "lives alone",
        "lives by herself",
        "lives by himself",
        "by herself",
        "by himself",
        "since yesterday",
        "since last night",
        "since this morning",
        "all day",
        "tv is on",
        "lights are on",
        "deadbolt*",
        "locked",
        "cant get in",
    ];
    let who = t.any(OLDER_PEOPLE)
        || t.age_said().is_some_and(|a| a >= 65)
        || t.any(&[
            "dementia",
            "diabetic",
            "disabled",
            "wheelchair",
            "heart condition",
        ]);
    // A person is the one not answering ("she hasnt picked up"), not a keypad or a thermostat.
    const PERSON: &[&str] = &[
        "she",
        "he",
        "her",
        "him",
        "mom",
        "dad",
        "mother",
        "father",
        "grandma",
        "grandpa",
        "grandmother",
        "grandfather",
        "nana",
        "they",
        "uncle",
        "aunt",
        "brother",
        "sister",
        "son",
        "daughter",
        "cousin",
        "husband",
        "wife",
        "neighbor",
        "neighbour",
        "friend",
    ];
    let person_unreached = t.near(PERSON, UNREACHED, 4) || t.near(UNREACHED, PERSON, 4);
    // Days without a word and the signs at the door ("havent been able to reach my uncle in like
    // 9 days... flies on the inside of the front window and a really bad smell"), at any age.
    let days_gone = t.any(&[
        "for days",
        "in days",
        "few days",
        "couple days",
        "a week",
        "in weeks",
    ]) || t.words.windows(2).any(|w| {
        w[0].parse::<u32>().is_ok_and(|n| n >= 2) && matches!(w[1].as_str(), "days" | "weeks")
    });
    let signs_at_the_door = t.any(&[
        "flies",
        "smell*",
        "stink*",
        "odor*",
        "mail piling",
        "mail is piling",
        "newspapers",
        "packages piling",
    ]);
    person_unreached && (who && t.any(SIGN) || days_gone && signs_at_the_door)
}

/// Said outright that nobody was hurt.
/// A high-pressure jet into the skin (a pressure washer, a paint sprayer, a grease gun): a small
/// hole that is a surgical emergency ("got the top of his foot with it, its just a tiny hole but
/// its swelling up").
fn injected(t: &Text) -> bool {
    t.any(&[
        "pressure washer",
        "power washer",
        "paint sprayer",
        "airless sprayer",
        "grease gun",
        "hydraulic line",
    ]) && t.any(&[
        "foot", "hand", "finger*", "leg", "toe*", "arm", "palm", "skin", "thumb",
    ]) && t.any(&[
        "hole", "hit", "got his", "got her", "got my", "cut", "injected", "went in", "pierced",
        "swell*",
    ]) && t.any(&["hole", "swell*", "burn*", "bleed*", "pierced", "injected"])
}

/// A seizure in words: a limb jerking, eyes rolled up, not answering ("her arm started jerking and
/// her eyes are kinda rolled up and she wont answer me").
fn seizing(t: &Text) -> bool {
    const SIGNS: &[&str] = &[
        "jerking",
        "jerks",
        "convuls*",
        "twitching all over",
        "shaking all over",
        "eyes rolled",
        "eyes are rolled",
        "eyes kinda rolled",
        "eyes are kinda rolled",
        "rolled back",
        "rolled up",
        "wont answer me",
        "not answering me",
        "doesnt answer me",
        "wont respond",
        "not responding",
        "staring blank*",
        "blank stare",
        // ("my nephew has epilepsy... now hes on the floor jerking and not answering us")
        "not answering us",
        "wont answer us",
    ];
    const WHO: &[&str] = &[
        "daughter", "son", "kid", "child", "baby", "toddler", "husband", "wife", "mom", "dad",
        "her", "his", "he", "she", "hes", "shes", "him", "nephew", "niece", "brother", "sister",
        "friend", "grandma", "grandpa", "uncle", "aunt", "cousin",
    ];
    let count = SIGNS.iter().filter(|s| t.has(s)).count();
    // Someone with epilepsy moving as in a fit: one sign is enough.
    let fit = t.any(&["epilep*"])
        && t.any(&[
            "jerking",
            "jerks",
            "convuls*",
            "shaking all over",
            "eyes rolled",
            "rolled back",
        ]);
    (count >= 2 || fit) && t.any(WHO)
}

/// A wound or sore turning bad: a toe gone black, a red line running up a limb, chills or fever
/// with a wound ("the whole toe is dark almost black and it smells bad, a red line going up his
/// shin and hes had the chills").
fn infection_spreading(t: &Text) -> bool {
    let red_line = t.any(&[
        "red line",
        "red lines",
        "red streak*",
        "streak* going up",
        "streak* up his",
        "streak* up her",
    ]);
    const PART: &[&str] = &[
        "toe*", "foot", "feet", "heel*", "finger*", "hand", "leg", "ankle", "sore", "wound", "cut",
        "ulcer", "blister",
    ];
    let black = t.near(&["black", "dark", "blackish"], PART, 6)
        || t.near(
            PART,
            &[
                "black",
                "blackish",
                "gone dark",
                "turned dark",
                "went dark",
                "getting dark",
            ],
            8,
        );
    let wound = t.any(PART) || t.any(&["infect*"]);
    let fever = t.any(&[
        "chills",
        "fever*",
        "shaking chills",
        "burning up",
        "shivery",
        "shivering",
    ]);
    // Fever with a skin site gone bad: oozing, pus, red and hot spreading ("blisters ... oozing
    // yellow stuff, red and hot up to my knee, 101.8 fever").
    let site_bad = t.any(&[
        "ooz*",
        "pus",
        "red and hot",
        "hot and red",
        "hot to the touch",
        "spreading",
        "all the way up",
    ]);
    // A diabetic's foot hurt and now swollen and hot, or with the shakes ("stepped on a screw
    // in the garage sat didnt even feel it (diabetic). foots kinda swollen n hot now and ive had
    // the shakes since last nite").
    let diabetic_wound = t.any(&["diabet*"])
        && t.any(&[
            "stepped on",
            "puncture*",
            "screw",
            "nail",
            "wound",
            "cut my",
            "blister*",
        ])
        && t.any(&["foot", "feet", "toe*", "heel*", "foots"])
        && (t.any(&["shakes", "shaking", "chills", "fever*"])
            || t.any(&["swollen", "swelling"]) && t.any(&["hot", "red", "warm"]));
    red_line && wound
        || black && (fever || t.any(&["smell*", "diabet*"]))
        || fever && red_line
        || fever && site_bad && (wound || t.any(&["blister*", "skin", "burn*", "rash"]))
        || diabetic_wound
}

/// Someone confused after a blow to the head, or not making sense with a sign of illness ("he
/// smacked his head ... keeps asking me the same thing over and over", "not really making sense
/// when she talks").
fn confused_after_a_blow(t: &Text) -> bool {
    const CONFUSED: &[&str] = &[
        "asking the same thing",
        "asking me the same thing",
        "asks the same thing",
        "asking the same question*",
        "repeating himself",
        "repeating herself",
        "not making sense",
        "not really making sense",
        "isnt making sense",
        "making no sense",
        "doesnt make sense when",
        "slurring",
        "slurred",
        "doesnt know where he is",
        "doesnt know where she is",
        "doesnt know what day",
        "what day it is",
        "what day is it",
        "asked me what day",
        "same question",
        "keeps asking",
        "dont know where he is",
        "dont know where she is",
        "hes confused",
        "shes confused",
        "seems confused",
        "really confused",
        "acting confused",
        "confused and",
        "disoriented",
        "out of it",
    ];
    const HEAD: &[&str] = &[
        "hit his head",
        "hit her head",
        "hit my head",
        "smacked his head",
        "smacked her head",
        "smacked my head",
        "bumped his head",
        "bumped her head",
        "banged his head",
        "banged her head",
        "cracked his head",
        "cracked her head",
        "head hit",
        "landed on his head",
        "landed on her head",
        "on the head",
        "knocked out",
    ];
    let who = t.any(&[
        "he", "she", "hes", "shes", "him", "her", "dad", "mom", "grandma", "grandpa", "husband",
        "wife", "son", "daughter",
    ]);
    // "Not making sense" is about a person only when it is said of one speaking or unwell.
    let unwell = t.any(&[
        "talks",
        "talking",
        "talk",
        "speaks",
        "speaking",
        "fever*",
        "shivery",
        "diabet*",
        "sick",
        "sore",
        "infect*",
        "fell",
        "fall",
        // A fall said otherwise ("came down the hard way onto the driveway", "slid off the
        // porch roof").
        "came down",
        "slid off",
        "slipped off",
        "off the roof",
        "off the ladder",
        "hard way",
        "landed",
    ]);
    let confused = t.any(CONFUSED) && who;
    // "Hit the back of his head on the step".
    let head = t.any(HEAD)
        || t.near(
            &[
                "hit", "smacked", "bumped", "banged", "cracked", "whacked", "kicked", "struck",
                "bonked", "clocked",
            ],
            &["head"],
            5,
        )
        // ("kicked my 10yo daughter in the head")
        || t.near(
            &["hit", "kicked", "struck", "whacked", "smacked", "clocked"],
            &["in the head", "on the head"],
            8,
        );
    // "The tv tipped over on him... a big knot on his forehead and just threw up": a blow to
    // the head with vomiting or drowsiness is an emergency however the blow is told.
    let lump = t.near(
        &["knot", "bump", "lump", "goose egg", "gash", "cut"],
        &["forehead", "head", "temple"],
        4,
    ) || t.any(&["goose egg"])
        // A hard hit in a game ("got hit into the boards pretty hard").
        || t.near(
            &["hit", "slammed", "checked", "smashed", "knocked", "thrown", "crashed"],
            &["the boards", "the glass", "the wall", "the ice", "the post", "the goal post"],
            5,
        ) && t.any(&["hard", "game", "practice", "tackle*", "check*"]);
    let struck = t.near(
        &[
            "tipped over",
            "fell",
            "fallen",
            "landed",
            "came down",
            "toppled",
        ],
        &[
            "on him",
            "on her",
            "on my son",
            "on my daughter",
            "on the baby",
            "on top of",
        ],
        3,
    );
    let worse_after = t.any(&[
        "threw up",
        "throwing up",
        "thrown up",
        "vomit*",
        "puked",
        "puking",
        "wont wake",
        "hard to wake",
        "keeps falling asleep",
        "really sleepy",
        "so sleepy",
        "drowsy",
        "passed out",
        "too bright",
        "light hurts",
        "lights hurt",
        "hurts his eyes",
        "hurts her eyes",
        "seeing double",
        "seeing two",
    ]);
    // "Came off the slide head first and landed on his neck... says his neck hurts": a fall
    // onto the neck, then pain, numbness or confusion, may be a spine injury.
    let on_the_neck = t.any(&[
        "landed on his neck",
        "landed on her neck",
        "landed on my neck",
        "landed on their neck",
        "fell on his neck",
        "fell on her neck",
        "fell on my neck",
        "head first",
        "headfirst",
    ]) && t.any(&[
        "neck hurts",
        "neck pain",
        "hurts his neck",
        "hurts her neck",
        "cant move",
        "tingl*",
        "numb",
        "numbness",
        "numbed",
        "numbing",
        "out of it",
        "confus*",
    ]);
    confused && (head || unwell) || worse_after && (head || lump || struck && who) || on_the_neck
}

/// A cut that keeps bleeding ("sliced my palm pretty deep. its soaked thru 2 dish towels and not
/// slowing down and im getting kinda woozy"): bleeding that does not stop, or a faint feeling
/// after a cut, needs help now whatever part of the body it is.
fn bleeding_wont_stop(t: &Text) -> bool {
    const CUT: &[&str] = &[
        "sliced",
        "slit",
        "nicked",
        "opened back up",
        "split open",
        "gash*",
        "lacerat*",
        "stabbed",
        "deep cut",
        "cut my",
        "cut his",
        "cut her",
        "cut myself",
        "cut himself",
        "cut herself",
        "cut open",
        "bleed*",
        "blood*",
    ];
    const NOT_STOPPING: &[&str] = &[
        "soaked thru",
        "soaked through",
        "soaking thru",
        "soaking through",
        "not slowing",
        "isnt slowing",
        "wont slow",
        "not stopping",
        "wont stop",
        "will not stop",
        "cant stop it",
        "cant get it to stop",
        "keeps bleeding",
        "still bleeding",
        "pouring",
        "gushing",
        "spurting",
        "squirting",
        "dripping",
        "pool of blood",
        "blood everywhere",
    ];
    const FAINT: &[&str] = &[
        "woozy",
        "white as a sheet",
        "white as a ghost",
        "pale and sweaty",
        "clammy",
        "lightheaded",
        "light headed",
        "faint*",
        "gonna pass out",
        "going to pass out",
        "about to pass out",
        "dizzy",
        "pale",
        "looking white",
        "lookin white",
        "kinda white",
        "gone white",
        "turning white",
        "went white",
    ];
    // ("its across his palm pretty deep": a deep cut said of the body.)
    const PART: &[&str] = &[
        "palm", "palms", "finger*", "thumb", "hand", "wrist", "arm", "leg", "foot", "lip", "chin",
        "forehead", "knee",
    ];
    let deep = t.near(PART, &["deep"], 4)
        && t.any(&["blood*", "bleed*", "soak*", "towel", "gash*", "cut"])
        && !t.any(&["deep clean*", "deep tissue", "deep condition*"]);
    // Blood through what holds it back ("blood is thru 2 towels already").
    let through = t.near(
        &["thru", "through"],
        &[
            "towel*", "bandage*", "bandaid*", "gauze", "rag", "rags", "napkin*", "shirt",
        ],
        3,
    );
    // Said of a body ("the pipe under the sink split open... thru the towels" is a leak), and
    // still going ("bled thru a rag but its stopped now").
    let body = t.any(&["blood*", "bleed*", "bled"])
        || t.any(PART)
        || t.any(&["myself", "himself", "herself"]);
    let stopped = t.any(&["its stopped", "it stopped", "has stopped", "stopped now"]);
    (t.any(CUT) || deep)
        && body
        && !stopped
        && (t.any(NOT_STOPPING) || through || t.any(FAINT))
        && !t.any(NOBODY_HURT)
}

/// Part of a finger, a thumb or a toe cut off ("took the tip of his finger off on the
/// mandoline, its on the cutting board").
fn part_cut_off(t: &Text) -> bool {
    // ("keep your finger off the trigger" is no cut; nor "cut the fur between his toes off",
    // "the gel on the tip of my finger came off".)
    let grooming = t.any(&[
        "fur", "hair", "nail", "nails", "polish", "gel", "acrylic*", "dip", "tips",
    ]);
    let cut_off = !grooming
        && t.near(
            &[
                "cut",
                "sliced",
                "chopped",
                "took",
                "blade",
                "saw",
                "mower",
                "mandoline",
            ],
            &[
                "finger off",
                "fingers off",
                "thumb off",
                "toe off",
                "toes off",
            ],
            6,
        );
    const OFF: &[&str] = &[
        "fingertip off",
        "finger tip off",
        "cut off his finger",
        "cut off her finger",
        "cut off my finger",
        "finger is hanging",
        "finger hanging",
    ];
    // ("took the tip of his finger off"; not "the tip of my finger is numb".)
    let tip_off = !grooming
        && t.any(&["off"])
        && t.any(&[
            "cut",
            "sliced",
            "chopped",
            "took",
            "blade",
            "saw",
            "mandoline",
            "knife",
        ])
        && t.any(&[
            "tip of his finger",
            "tip of her finger",
            "tip of my finger",
            "tip of their finger",
            "tip of his thumb",
            "tip of her thumb",
            "tip of my thumb",
        ]);
    (cut_off || tip_off || t.any(OFF)) && !t.any(NOBODY_HURT)
}

/// Someone taken out of water and not right ("found him in our pool. i pulled him out hes
/// coughing but hes all floppy and not really answering me"): a near drowning.
fn pulled_from_water(t: &Text) -> bool {
    const FOUND: &[&str] = &[
        "found him in",
        "found her in",
        "found them in",
        "pulled him out",
        "pulled her out",
        "got him out",
        "got her out",
        "he was in it",
        "she was in it",
        "pulled them out",
        "fished him out",
        "fished her out",
        "went under",
        "face down",
        "fell in the",
        "fell into the",
        "under water",
        "underwater",
    ];
    const WATER: &[&str] = &[
        "pool", "tub", "bathtub", "bath", "pond", "lake", "river", "creek", "canal", "spa",
        "hot tub", "water",
    ];
    // Signs of a person, not of a phone that fell in ("not responding").
    const SIGNS: &[&str] = &[
        "cough*",
        "floppy",
        "limp",
        "not breathing",
        "breathing",
        "not answering",
        "not really answering",
        "wont wake",
        "sleepy",
        "drowsy",
        "wants to sleep",
        "want to sleep",
        "vomit*",
        "throwing up",
        "threw up",
        "out of it",
    ];
    const WHO: &[&str] = &[
        "him", "her", "them", "he", "hes", "she", "shes", "son", "daughter", "kid", "child",
        "baby", "toddler", "boy", "girl",
    ];
    t.any(FOUND) && t.any(WATER) && t.any(SIGNS) && t.any(WHO)
}

/// A small child and a button battery that may have been swallowed ("cant find the old battery
/// anywhere. my 18 month old was sitting right next to me and shes drooling"): minutes matter.
fn battery_swallowed(t: &Text) -> bool {
    let battery = t.any(&[
        "battery",
        "batteries",
        "button cell",
        "coin cell",
        "magnet*",
    ]);
    let gone = t.any(&[
        "swallow*",
        "cant find",
        "missing",
        "in his mouth",
        "in her mouth",
        "put it in",
        "ate",
        "choking",
        "drooling",
    ]);
    let little = t.any(&[
        "baby",
        "toddler",
        "month old",
        "months old",
        "year old",
        "yr old",
        "my son",
        "my daughter",
        "kid",
        "little one",
        "grandson",
        "granddaughter",
    ]);
    battery && gone && little
}

/// An alarm sounding or fumes, with several people sick at once: carbon monoxide until proven
/// otherwise ("something is beeping in the basement... all of us have had headaches tonight and
/// my daughter just threw up").
fn fumes_making_people_sick(t: &Text) -> bool {
    const SICK: &[&str] = &[
        "headache*",
        "nause*",
        "threw up",
        "throwing up",
        "vomit*",
        "dizzy",
        "lightheaded",
        "light headed",
        "sleepy",
        "drowsy",
    ];
    let alarm = t.any(&[
        "beeping", "beeps", "chirping", "alarm", "detector", "fumes", "exhaust",
    ]);
    let several = t.any(&[
        "all of us",
        "everyone",
        "everybody",
        "the whole family",
        "we all",
        "both of us",
    ]);
    // Sick together where a fuel burns or fumes gather, not a bug going round.
    let indoors = t.any(&[
        "house",
        "home",
        "basement",
        "furnace",
        "heater",
        "boiler",
        "garage",
        "generator",
        "fireplace",
        "stove",
        "inside",
        "in here",
        "smell*",
        "fumes",
    ]);
    let bug = t.any(&[
        "stomach bug",
        "flu",
        "virus",
        "covid",
        "food poisoning",
        "ate",
    ]);
    // "Both kids are saying their heads hurt", "my head is pounding".
    let sore_head = t.near(
        &["head", "heads"],
        &[
            "hurt*",
            "pound*",
            "ache*",
            "killing",
            "splitting",
            "throbbing",
        ],
        3,
    );
    let sick = SICK.iter().filter(|s| t.has(s)).count() + usize::from(sore_head);
    // "Smell is so strong im lightheaded just standing down there": one person is enough when
    // the smell itself is what they blame.
    let strong_smell = t.near(
        &["smell*", "fumes", "odor*", "stench"],
        &[
            "strong",
            "so bad",
            "overpowering",
            "terrible",
            "awful",
            "thick",
        ],
        6,
    );
    !bug && (alarm && sick >= 1 || several && indoors && sick >= 2 || strong_smell && sick >= 1)
}

/// Stopped on a highway shoulder with traffic rushing past ("the shoulder is tiny and 18
/// wheelers are flying by shaking the whole car").
/// Someone driving now who cannot see the road ("shes driving back on 680 right now ... says she
/// can barely see").
fn driving_blind(t: &Text) -> bool {
    // (A chip so small "you can barely see it" is no driver who cannot see.)
    let t = t.without(&[
        "cant see it",
        "can barely see it",
        "barely see it",
        "cant see the chip",
        "cant see the crack",
        "barely see the chip",
        "barely see the crack",
        "cant see them",
        "barely see them",
    ]);
    // ("still doing like 60 lol", "im doing like 70 on i25")
    let at_speed = t.any(&["doing like", "going like", "mph", "miles an hour"]);
    let driving_now = t.any(&[
        "driving",
        "on the highway",
        "on the interstate",
        "on the freeway",
        "behind the wheel",
    ]) && t.any(&["right now", "now", "currently", "still"]);
    (at_speed || driving_now)
        && t.any(&[
            "can barely see",
            "cant see",
            "cannot see",
            "barely see",
            "cant see out",
            "cant see the road",
        ])
}

/// Someone hurt in a crash or a collision just now ("we hit a deer ... my husband has little
/// cuts all over his face and arm from glass and his eye is watering bad").
fn hurt_in_a_crash(t: &Text) -> bool {
    t.any(&[
        "hit a deer",
        "hit a car",
        "hit by a car",
        "crashed",
        "car accident",
        "wreck",
        "rear ended",
        "t boned",
        "rolled the",
        "collision",
    ]) && t.any(&[
        "cuts",
        "bleeding",
        "hurt",
        "his eye",
        "her eye",
        "my eye",
        "glass in",
        "cant move",
        "passed out",
        "knocked out",
    ]) && !t.any(&["last year", "last month", "years ago", "months ago", "a while ago"])
        // (A pet hit by a car is the animal emergency line's.)
        && !t.any(&["dog*", "puppy", "cat", "cats", "kitten*", "pet", "horse*"])
}

fn stranded_by_traffic(t: &Text) -> bool {
    let road = t.any(&[
        "shoulder",
        "side of the road",
        "side of the highway",
        "highway",
        "freeway",
        "interstate",
        "hwy",
        "expressway",
        "tollway",
        "on ramp",
        "off ramp",
    ]);
    let traffic = t.any(&[
        "flying by",
        "flying past",
        "whizzing",
        "zooming",
        "18 wheel*",
        "semis",
        "semi trucks",
        "trucks",
        "traffic",
        "shaking the whole car",
    ]);
    let stopped = t.any(&[
        "pulled over",
        "stuck",
        "stranded",
        "broke down",
        "broken down",
        "blew a tire",
        "blew out",
        "blown out",
        "on the shoulder",
        "blowout",
        "flat",
        "cant move",
        "wont start",
    ]);
    // (A flat on the highway yesterday is a tire to replace now.)
    let earlier = t.any(&[
        "yesterday",
        "last week",
        "last night",
        "last month",
        "the other day",
    ]);
    road && traffic && stopped && !earlier
}

/// A person shut in somewhere they cannot get out of: a walk-in freezer, an elevator, a vault
/// ("one of my prep guys is stuck in the walk in freezer, the release handle snapped off").
fn shut_in_somewhere(t: &Text) -> bool {
    const SHUT: &[&str] = &[
        "stuck in",
        "stuck inside",
        "trapped",
        "locked in",
        "locked inside",
        "shut in",
        "shut inside",
        "cant get out",
        "cant get him out",
        "cant get her out",
        "cant get them out",
    ];
    const PLACE: &[&str] = &[
        "freezer",
        "walk in",
        "walkin",
        "cooler",
        "elevator",
        "lift",
        "vault",
        "closet",
        "crawl space",
        "crawlspace",
        "attic",
        "trunk",
        "silo",
        "tank",
        "cellar",
        "sauna",
        "steam room",
        "bathroom",
    ];
    const WHO: &[&str] = &[
        "guy",
        "guys",
        "man",
        "woman",
        "worker*",
        "employee*",
        "cook",
        "dishwasher",
        "coworker",
        "someone",
        "somebody",
        "he",
        "hes",
        "she",
        "shes",
        "they",
        "theyre",
        "husband",
        "wife",
        "son",
        "daughter",
        "kid",
        "kids",
        "child",
        "mom",
        "dad",
        "im",
        "i am",
        "were",
        "we are",
    ];
    // "If I am inside the elevator when the power goes off, what happens?": a question about
    // what could happen.
    let what_if = t.any(&[
        "what happens",
        "what if",
        "if i",
        "if we",
        "if someone",
        "if somebody",
        "if the power",
        "in case",
        "would i",
        "would we",
    ]);
    // The place is where someone is shut in ("stuck in the walk in", "the elevator stopped and
    // mom is stuck in it"), not a thing named elsewhere ("lift recliners... he cant get out of
    // bed by himself").
    // (A lift chair is furniture.)
    let t = &t.without(&[
        "lift chair",
        "lift chairs",
        "lift recliner",
        "lift recliners",
    ]);
    let shut_there = t.near(SHUT, PLACE, 8) || t.near(PLACE, SHUT, 8);
    shut_there && t.any(WHO) && !what_if
}

/// A person struck hard (kicked, trampled, thrown) with signs of shock or an injury inside:
/// pale, clammy, holding their side, dizzy, throwing up ("our gelding kicked my daughter in the
/// stomach... shes real pale and keeps holding her side"), even when they say they are fine.
fn struck_with_signs(t: &Text) -> bool {
    const STRUCK: &[&str] = &[
        "kicked",
        "trampled",
        "stepped on",
        "thrown",
        "bucked off",
        "threw her",
        "threw him",
        "fell off",
        "knocked down",
        "knocked over",
        "hit in the",
        "hit on the head",
        "gored",
        "headbutted",
        "rammed",
    ];
    const SIGNS: &[&str] = &[
        "pale",
        "clammy",
        "holding her side",
        "holding his side",
        "holding her stomach",
        "holding his stomach",
        "holding her belly",
        "holding his belly",
        "dizzy",
        "lightheaded",
        "light headed",
        "throwing up",
        "threw up",
        "vomit*",
        "confused",
        "drowsy",
        "wont wake",
        "not answering me",
        "not answer me",
        "passed out",
        "blacked out",
        "cant catch",
        "hard to breathe",
        "blood in",
    ];
    const WHO: &[&str] = &[
        "daughter",
        "son",
        "kid",
        "kids",
        "child",
        "husband",
        "wife",
        "my mom",
        "my dad",
        "granddaughter",
        "grandson",
        "me",
        "him",
        "her",
        "friend",
        "rider",
    ];
    t.any(STRUCK) && t.any(SIGNS) && t.any(WHO)
}

const NOBODY_HURT: &[&str] = &[
    "nobody was hurt",
    "nobody got hurt",
    "no one was hurt",
    "no one got hurt",
    "nobody hurt",
    "wasnt hurt",
    "werent hurt",
];

/// A person hurt right now, with signs past a bump or a bruise: bleeding that goes on, a limb
/// swelling or turning purple, deep wounds, a bone, screaming in pain.
fn hurt_now(t: &Text) -> bool {
    const BODY: &[&str] = &[
        "foot", "feet", "toe*", "hand", "hands", "finger*", "thumb", "arm", "arms", "leg", "legs",
        "ankle", "wrist", "knee", "face", "cheek", "lip", "lips", "head", "eye", "eyes", "nose",
        "neck", "chin", "forehead", "scalp", "shoulder", "elbow",
    ];
    const BAD: &[&str] = &[
        "still bleeding",
        "bleeding through",
        "bled through",
        "soaked through",
        "bleeding a lot",
        "bleeding pretty",
        "bleeding bad*",
        "bleeding really",
        "wont stop bleeding",
        "cant stop the bleeding",
        "cant get it to stop",
        "blood everywhere",
        "deep cut",
        "deep holes",
        "deep gash",
        "puncture*",
        "bone sticking",
        "see the bone",
        "sticking out",
        "purple",
        "turning blue",
        "bent wrong",
        "wrong angle",
        "cant put weight",
        "cant walk on",
        "cant move it",
        "cant move his",
        "cant move her",
        "stitches",
        "broke his",
        "broke her",
        "broke my",
    ];
    const PAIN: &[&str] = &[
        "screaming",
        "screamed",
        "crying",
        "wont stop crying",
        "swelling",
        "swelled",
        "swollen",
        "bleeding",
    ];
    // With a pet in the text, the hurt one must be named as a person ("my granddaughter").
    let pet = t.any(&[
        "dog*", "puppy", "cat", "cats", "kitten*", "pet", "pets", "paw*", "horse*",
    ]);
    let person = (person_in_danger_text(t) && !pet)
        || t.any(&[
            "son",
            "daughter",
            "kid",
            "kids",
            "child",
            "baby",
            "toddler",
            "granddaughter",
            "grandson",
            "my mom",
            "my dad",
            "my mother",
            "my father",
            "my wife",
            "my husband",
            "my boyfriend",
            "my girlfriend",
        ]);
    let nobody_hurt = t.any(NOBODY_HURT) || t.any(&["not hurt"]);
    // The hurt part is named, and the signs are past the ordinary, said of it (not "the shower
    // head is broken" beside a swelling floor).
    let t = t.without(&[
        "shower head",
        "showerhead",
        "print head",
        "head of",
        "head gasket",
    ]);
    let said_of_body = |group: &[&str]| t.near(BODY, group, 9) || t.near(group, BODY, 6);
    person && !nobody_hurt && said_of_body(BAD) && said_of_body(PAIN)
}

/// A person (not an animal) is the one hurt or in danger: a child, a relative, the caller.
pub fn person_in_danger(text: &str) -> bool {
    person_in_danger_text(&Text::new(text))
}

fn person_in_danger_text(t: &Text) -> bool {
    t.young_child()
        || t.any(&[
            "kid",
            "kids",
            "son",
            "daughter",
            "child",
            "husband",
            "wife",
            "his hand",
            "her hand",
            "my hand",
            "bit me",
            "bit him",
            "bit her",
            "yo",
            "grandma",
            "grandpa",
            "myself",
            "i slipped",
            "i fell",
            "i tripped",
            "years old",
        ])
}

/// Signs of a body in trouble, said in any way (a headache and dizziness count here).
pub fn body_in_trouble(text: &str) -> bool {
    let t = Text::new(text);
    t.any(BODY_IN_TROUBLE) || t.any(&["headache", "head is pounding", "head pounding", "nause*"])
}

/// The text without the towns of the service area said as places ("her party at the sparks
/// marina park", "we're in burns"): Sparks is a town there, not sparks. Sparks said as a thing
/// ("sparks coming out of the outlet") stay.
fn without_towns(t: Text, service_area: &str, raw: &str) -> Text {
    const PLACES: &[&str] = &[
        "marina",
        "park",
        "library",
        "area",
        "school",
        "mall",
        "side",
        "office",
        "location",
        "store",
        "community",
        "rec",
        "ymca",
        "church",
        "high",
        "middle",
        "elementary",
    ];
    // The area's towns: its capitalised words that do not open a sentence ("All of Chicago
    // plus Cicero" gives Chicago and Cicero).
    let mut towns: Vec<String> = Vec::new();
    let mut opens = true;
    for raw in service_area.split_whitespace() {
        let word: String = raw
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        if !opens
            && raw.starts_with(char::is_uppercase)
            && word.len() >= 4
            && t.words.contains(&word)
        {
            towns.push(word);
        }
        opens = raw.ends_with(['.', '!', '?', ':']);
    }
    if towns.is_empty() {
        return t;
    }
    let mut phrases: Vec<String> = Vec::new();
    for w in towns {
        // A town written as one, at the end of an address ("2290 Pyramid Way apartment 12,
        // Sparks"): the place, whatever the word means elsewhere.
        let capitalised: String = w
            .chars()
            .enumerate()
            .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
            .collect();
        // (Only when every use of the word is the town: "threw sparks, Sparks NV" keeps one;
        // and only after an address, at its end: "it arced, Sparks came out" is no town.)
        let pattern = format!(", {capitalised}");
        let as_town = raw
            .match_indices(&pattern)
            .filter(|(at, _)| {
                let before = &raw[..*at];
                let line = before
                    .rsplit(['.', '!', '?', '\n'])
                    .next()
                    .unwrap_or(before);
                let after = raw[at + pattern.len()..].trim_start_matches(' ');
                let ends = after.is_empty()
                    || after.starts_with([',', '.', '!', '\n'])
                    || after.split_whitespace().next().is_some_and(|w| {
                        w.len() == 2 && w.chars().all(|c| c.is_ascii_uppercase())
                            || w.chars().all(|c| c.is_ascii_digit())
                    });
                line.chars().any(|c| c.is_ascii_digit()) && ends
            })
            .count();
        if as_town > 0 && as_town >= t.words.iter().filter(|x| **x == w).count() {
            phrases.push(w.clone());
        }
        for before in ["in", "at", "to", "from", "near", "of", "outside"] {
            phrases.push(format!("{before} {w}"));
        }
        for place in PLACES {
            phrases.push(format!("the {w} {place}"));
            phrases.push(format!("{w} {place}"));
        }
    }
    let refs: Vec<&str> = phrases.iter().map(String::as_str).collect();
    t.without(&refs)
}

/// Something heavy giving way, or about to.
const UNSTABLE: &[&str] = &[
    "bowing",
    "bowed",
    "creaking",
    "buckling",
    "leaning",
    "sagging",
    "sagged",
    "tipping",
    "tipped",
    "tilting",
    "shifted",
    "shifting",
    "about to fall",
    "could fall",
    // ("...it creaked when i set my coffee down... is it gonna snap?")
    "creaked",
    "gonna snap",
    "going to snap",
    "about to snap",
    "could snap",
    "might snap",
    "gonna break off",
    "going to break off",
    "going to fall",
    "gonna fall",
    "might fall",
    "falling over",
    "falling down",
    "fall on",
    // ("the fan ... just dropped like 6 inches and is hanging there by the wires over his crib")
    "hanging by the wire*",
    "hanging there by the wire*",
    "hanging by wire*",
    "hanging from the wire*",
    "dangling by",
    "dangling from the wire*",
    "coming loose",
    "came loose",
    "pulling away",
    // ("...theres a gap between it and the wall now maybe an inch and it was not there this
    // morning. i heard a crack sound")
    "away from the wall",
    "separating from the wall",
    "pulling out of the wall",
    "pulling off the wall",
    "coming off the wall",
    "giving way",
    "gave way",
    "hanging by",
    "collaps*",
    // An inflatable or a tent the wind is taking ("the back corner is lifting off the grass").
    "lifting off",
    "lifting up off",
    "blowing away",
    "blowing over",
    "blew over",
    "blown over",
    "stakes pulled",
    "stake pulled",
    "stakes came out",
    "stake came out",
];
/// Glass or edges that cut.
const SHARP: &[&str] = &[
    "shard*",
    "broken glass",
    "shattered",
    "glass everywhere",
    "pieces of glass",
    "glass pieces",
    "little pieces",
    "jagged",
];
/// Who could be under it or step in it.
const AT_RISK: &[&str] = &[
    "kid",
    "kids",
    "child*",
    "toddler*",
    "baby",
    "babys",
    "babies",
    "crib",
    "nursery",
    "grandkid*",
    "students",
    "class",
    "choir",
    "customers",
];

/// Fire words that name an inspection or equipment, not a fire ("the fire marshal came by").
const FIRE_OFFICIAL: &[&str] = &[
    "fire marshal",
    "fire marshall",
    "fire marshals",
    "fire inspector",
    "fire inspection",
    "fire code",
    "fire codes",
    "fire department inspection",
    "fire suppression",
    "fire safety",
    "fire sticker",
    "fire rated",
];

/// Water standing in what we built ("you put our shelter in at the end of october... theres
/// like 3 inches of water in the bottom, our emergency kit... soaked"): the work failed, a
/// complaint, when nothing is pouring in, rising or near power (those stay a danger).
pub fn water_left_by_our_work(text: &str) -> bool {
    let t = Text::new(text);
    !t.any(NEAR_ELECTRIC_OR_CEILING)
        && !t.any(&[
            "pour*",
            "gush*",
            "spray*",
            "burst*",
            "shooting",
            "spewing",
            "spurting",
            "cant shut",
            "cant turn off",
            "wont stop",
            "rising",
            "coming in",
            "coming through",
            "still coming",
            "sewage",
            "sewer",
            "gas",
            "smell gas",
            "sinking",
            "taking on water",
            "leak*",
            "drip*",
            "flood*",
            "broke*",
            "everywhere",
            "deeper",
            "worse",
            "overflow*",
            "keeps coming",
            "coming up",
        ])
        && complaint(text, &[]).is_some_and(|k| {
            // ("you guys put a new pump in 3 weeks ago ... 2 inches of water ... who's paying
            // for this???": our work, and anger at what it left.)
            k == "work not fixed"
                || t.near(
                    &[
                        "you guys",
                        "you all",
                        "yall",
                        "your guy",
                        "your tech",
                        "your crew",
                    ],
                    &["put", "installed", "replaced", "fixed", "did"],
                    2,
                )
        })
}

pub fn danger(text: &str, profile: Option<&BusinessProfile>) -> Option<Danger> {
    // "Nothing fell thank god": a fall said not to have happened.
    const NOT_FALLEN: &[&str] = &[
        "nothing fell",
        "nobody fell",
        "no one fell",
        "didnt fall",
        "did not fall",
        "hasnt fallen",
        "nothing has fallen",
        "nothing tipped",
        "didnt tip",
    ];
    // "So sick of dealing w this every january": fed up, nobody ill.
    const FED_UP: &[&str] = &[
        "sick of",
        "sick and tired",
        "sick to death",
        "makes me sick",
        "getting sick of",
    ];
    // "My baby lock serger is chewing up the edges": a brand or a thing for babies, no baby.
    const BABY_THINGS: &[&str] = &[
        "baby lock",
        "babylock",
        "baby shower",
        "baby monitor",
        "baby oil",
        "baby powder",
        "baby wipes",
        "baby carrots",
        "baby shampoo",
    ];
    // "I'm running on fumes" is tired; "you cant breathe in there" is a smell, said of a place
    // to anyone ("the carpet is soaked through, you cant breathe in there").
    const IDIOMS: &[&str] = &[
        "on fumes",
        "you cant breathe in there",
        "u cant breathe in there",
        "you can barely breathe in there",
        "you cant breathe in here",
        // A stuffy nose, not a breath that will not come.
        "breathe out of my nose",
        "breathe out of his nose",
        "breathe out of her nose",
        "breathe through my nose",
        "breathe through his nose",
        "breathe through her nose",
        "breathe thru my nose",
        // Radiators and brakes are bled ("we really want the radiators bleeding").
        "radiators bleeding",
        "radiator bleeding",
        "bleeding the radiators",
        "bleeding radiators",
        "bleed the radiators",
        "bleeding the brakes",
        "brakes bleeding",
        "bleed the brakes",
        // Snow melting is water, not something melting in heat ("every time the snow melts
        // theres a wet line").
        "snow melts",
        "snow melt",
        "snowmelt",
        "snow melted",
        "snow melting",
        "melting snow",
        "snow is melting",
        "ice melt",
        "ice melts",
        // Ants, not flames ("can yall do something about fire ants too?").
        "fire ant",
        "fire ants",
        // Smoking asked about or said not to be there ("can we smoke on the boat", "no smoke or
        // anything"), and a drift as a way to fish.
        "can we smoke",
        "can i smoke",
        "is smoking allowed",
        "smoking allowed",
        "no smoking",
        "non smoking",
        "nonsmoking",
        "smoke free",
        "no smoke",
        "not smoking",
        "isnt smoking",
        "drifting for",
        "drift fishing",
    ];
    let t = Text::new(text)
        .without(FIRE_OFFICIAL)
        .without(NOT_FALLEN)
        .without(FED_UP)
        .without(BABY_THINGS)
        .without(IDIOMS)
        .without_shedding();
    // "Take the tubes to the lab": a laboratory, no labrador, where blood is drawn for tests.
    let t = if t.any(&[
        "tube*",
        "sample*",
        "specimen*",
        "results",
        "bloodwork",
        "blood work",
        "draw",
        "draws",
        "drawn",
        "blood draw*",
        "test*",
    ]) {
        t.without(&["the lab", "a lab", "lab work", "labs", "lab order"])
    } else {
        t
    };
    let t = match profile {
        Some(p) => without_towns(t, &p.business.service_area, text),
        None => t,
    };
    if self_harm(&t) {
        return Some(Danger::SelfHarm);
    }
    if let Some(kind) = signs_told_otherwise(&t) {
        return Some(kind);
    }
    // Someone drowning ("a kid is drowning in the neighbors pool"), not swamped ("my 7th
    // grader is drowning in pre-algebra", "drowning in paperwork").
    if drowning_now(&t) {
        let pet = t.any(&["dog*", "puppy", "cat", "cats", "kitten*", "pet", "pets"]);
        return Some(if pet { Danger::Animal } else { Danger::Medical });
    }
    // A pet or a person called by a fire word ("this is about Smokey, hes 19"): a name,
    // written with its capital, is no smoke.
    // ("Smokey" with an e is a name unless a smell follows; "Smoky Mountain" is a place.)
    let mut named: Vec<String> = ["Sparky", "Blaze", "Ember", "Ash", "Flash"]
        .iter()
        .filter(|n| {
            text.split(|c: char| !c.is_alphanumeric())
                .skip(1)
                .any(|w| w == **n)
        })
        .map(|n| n.to_lowercase())
        .collect();
    if !t.any(&[
        "smokey smell*",
        "smokey in",
        "smokey air",
        "smokey odor",
        "smells smokey",
    ]) {
        named.push("smokey".into());
    }
    named.extend(["smoky mountain", "smoky mountains", "smokey mountain"].map(String::from));
    let named: Vec<&str> = named.iter().map(String::as_str).collect();
    let t = t.without(&named);
    // ("gas one in the garage... no leak that i can see": a leak said not to be there.)
    let gas_said = t.any(&["gas"])
        && t.without(&[
            "no leak",
            "no leaks",
            "not leaking",
            "isnt leaking",
            "no smell",
            "dont smell",
            "doesnt smell",
        ])
        .any(&["smell*", "leak*", "hiss*", "odor*"]);
    if t.any(GAS) || gas_said {
        return Some(Danger::Gas);
    }
    // Carbon monoxide by another name: an engine or a burner running shut in ("started his truck
    // inside to warm it up"), or its signs beside one ("dizzy and his head is pounding").
    const BURNERS: &[&str] = &[
        "truck",
        "car",
        "engine",
        "generator",
        "grill",
        "charcoal",
        "mower",
        "snowblower",
    ];
    let burner = t.any(BURNERS);
    let shut_in = t.any(&[
        "inside",
        "garage",
        "basement",
        "closed",
        "shut",
        "crawl space",
    ]);
    // The engine running, not "cracks running across the garage slab ... off my truck".
    const RUNNING: &[&str] = &["running", "started", "warm it up", "idling", "left it on"];
    let running = t.near(BURNERS, RUNNING, 5) || t.near(RUNNING, BURNERS, 4);
    let co_signs = t.any(&[
        "dizzy",
        "headache",
        "head is pounding",
        "head pounding",
        "nause*",
        "drowsy",
    ]);
    if burner && shut_in && (running || co_signs) {
        return Some(Danger::Gas);
    }
    // A smell beside something that burns gas ("left the knob on... funny smell in the
    // kitchen", "smells weird by the propane tank").
    if t.any(&["smell*", "odor*", "odour*", "stink*", "whiff", "reek*"])
        && t.any(GAS_APPLIANCE)
        && !t.any(&["no smell", "smell is gone", "doesnt smell", "dont smell"])
    {
        return Some(Danger::Gas);
    }
    if fuel_leaking_indoors(&t) {
        return Some(Danger::Gas);
    }
    if shock_in_water(&t) {
        return Some(Danger::Electrical);
    }
    if scalded(&t) {
        return Some(Danger::Medical);
    }
    if old_paint_dust(&t) {
        return Some(Danger::Medical);
    }
    if ground_opening(&t) || on_thin_ice(&t) {
        return Some(Danger::Hazard);
    }
    if fuel_spilling(&t) {
        return Some(Danger::Spill);
    }
    if money_being_taken(&t) {
        return Some(Danger::Fraud);
    }
    if (t.any(BREAK_IN) || t.any(INTRUDER)) && !break_in_over(&t) {
        return Some(Danger::Intruder);
    }
    // Afraid of someone ("scared he'll come back tonight"), not afraid for oneself ("she is
    // afraid she will go through it", of a soft floor).
    // ("im afraid they will take forever to come back with the part" is a slow job.)
    let a_job = t.any(&[
        "part",
        "parts",
        "quote",
        "estimate",
        "forever",
        "finish",
        "the leak",
        "the job",
        "your tech",
        "your guy",
    ]);
    if t.near(
        &["scared", "afraid", "terrified", "worried", "frightened"],
        &[
            "come back",
            "coming back",
            "show up",
            "showing up",
            "break in",
            "get in",
            "kill",
            "hurt me",
            "hurt us",
            "hurt the kids",
            "follow",
        ],
        7,
    ) && t.any(&[
        "he",
        "she",
        "they",
        "ex",
        "him",
        "hes",
        "shes",
        "boyfriend",
        "husband",
    ]) && !a_job
    {
        return Some(Danger::Intruder);
    }
    // Someone heard or seen where nobody should be ("i swear i just heard somebody walking
    // around upstairs"), not someone asked to come ("no leak that i can see. can someone come
    // tmrw morning", of a heater in the garage).
    const SEEN: &[&str] = &["heard", "hear", "hearing", "saw", "see", "seeing"];
    const WHO_SEEN: &[&str] = &[
        "someone",
        "somebody",
        "something",
        "footsteps",
        "steps",
        "voices",
        "a man",
        "a guy",
        "people",
    ];
    let seen = t.near(SEEN, WHO_SEEN, 3)
        && t.without(&[
            "can someone",
            "could someone",
            "can somebody",
            "could somebody",
            "will someone",
            "would someone",
            "someone come",
            "somebody come",
        ])
        .near(SEEN, WHO_SEEN, 3);
    if seen
        && t.any(&[
            "upstairs",
            "downstairs",
            "storage room",
            "back room",
            "in the back",
            "inside",
            "in the house",
            "in our house",
            "in my house",
            "in the basement",
            "in the garage",
            "walking around",
        ])
    {
        return Some(Danger::Intruder);
    }
    if t.any(LOCKED) && t.any(LOCKED_IN_WHO) && t.any(INSIDE) {
        return Some(Danger::Medical);
    }
    if someone_down(&t)
        || pinned_under(&t)
        || burned_badly(&t)
        || fell_on_a_child(&t)
        || shut_in_somewhere(&t)
        || struck_with_signs(&t)
        || seizing(&t)
        || infection_spreading(&t)
        || injected(&t)
        || confused_after_a_blow(&t)
        || battery_swallowed(&t)
        || pulled_from_water(&t)
        || part_cut_off(&t)
        || lost_in_the_water(&t)
        || shut_in_and_hurt(&t)
        || choking_on_something(&t)
        || cold_and_wet(&t)
    {
        return Some(Danger::Medical);
    }
    // (A pet's cut that keeps bleeding is the vet's emergency.)
    if bleeding_wont_stop(&t) {
        let pet = t.any(&[
            "dog*", "puppy", "cat", "cats", "kitten*", "pet", "pets", "paw*", "horse*",
        ]) && !t.any(&[
            "son",
            "daughter",
            "kid",
            "kids",
            "child",
            "baby",
            "toddler",
            "granddaughter",
            "grandson",
            "husband",
            "wife",
            "mom",
            "dad",
            "grandpa",
            "grandma",
            "me",
            "myself",
            "my hand",
            "my finger*",
            "my arm",
            "my leg",
        ]);
        return Some(if pet { Danger::Animal } else { Danger::Medical });
    }
    if fumes_making_people_sick(&t) {
        return Some(Danger::Gas);
    }
    if stranded_by_traffic(&t) || driving_blind(&t) {
        return Some(Danger::Vehicle);
    }
    if hurt_in_a_crash(&t) {
        return Some(Danger::Medical);
    }
    if threatened_by_someone(&t) || kept_under_control(&t) {
        return Some(Danger::Intruder);
    }
    if cannot_be_reached(&t) || overdue_outdoors(&t) {
        return Some(Danger::Medical);
    }
    if hurt_now(&t) {
        return Some(Danger::Medical);
    }
    // (A sparkler is no spark: "the sparkler exit pics". A line down the middle of a screen is
    // no power line down.)
    let t_sparks = t.without(&[
        "sparkler",
        "sparklers",
        "sparkler exit",
        "sparkly",
        "sparkling",
        "sparkles",
        "line down the middle",
        "line down the center",
        "line down the centre",
        "line down the side",
        "line down the screen",
        "line down my screen",
        "line down his screen",
        "line down her screen",
        "lines down the middle",
        "lines down the center",
        "lines down the side",
        "lines down the screen",
        "lines down my screen",
    ]);
    if t_sparks.any(SPARKS) || (t.any(HOT_ELECTRIC) && t.any(HOT)) {
        return Some(Danger::Electrical);
    }
    // A lithium battery swelling or hissing can burst into fire ("the battery looks puffy on one
    // side and theres a crackly sound").
    const BATTERY: &[&str] = &[
        "battery",
        "batteries",
        "battery pack",
        "power bank",
        "powerbank",
    ];
    const BATTERY_FAILING: &[&str] = &[
        "puff*", "swell*", "swollen", "bulg*", "bloat*", "hiss*", "crackl*", "smok*", "popping",
        "melt*",
    ];
    if t.near(BATTERY, BATTERY_FAILING, 10) || t.near(BATTERY_FAILING, BATTERY, 6) {
        return Some(Danger::Fire);
    }
    // The same said of the device, without the word battery ("the ipad screen is popping up
    // off the side like somethings pushing it from inside, a crackly hiss noise and a sweet
    // nail polish smell"): a sound or smell of it failing, or the case pushed apart beside a
    // smell, heat or charging.
    const DEVICE: &[&str] = &[
        "ipad",
        "tablet",
        "phone",
        "phones",
        "iphone",
        "galaxy",
        "samsung",
        "pixel",
        "laptop",
        "macbook",
        "chromebook",
        "vape",
        "juul",
        "scooter",
        "ebike",
        "e bike",
        "hoverboard",
        "airpods",
        "earbuds",
        "kindle",
        "smartwatch",
        "nintendo switch",
        "battery",
        "batteries",
    ];
    const PUSHED_APART: &[&str] = &[
        "pushing it from inside",
        "pushing from inside",
        "pushed up",
        "pushing up",
        "popping up",
        "popped up",
        "popping off",
        "popped off",
        "popped open",
        "pushed apart",
        "lifting",
        "lifting up",
        "lifting off",
        "separating",
        "coming apart",
        "bulg*",
        "swell*",
        "swollen",
        "puff*",
    ];
    const FAILING_SMELL: &[&str] = &[
        "smoking",
        "smoke coming",
        "smoke out",
        "nail polish",
        "sweet smell",
        "smells sweet",
        "smells kinda sweet",
        "smells kind of sweet",
        "smells really sweet",
        "chemical smell",
        "smells like chemicals",
        "exploded",
        "sizzl*",
        "leaking some liquid",
        "leaking liquid",
    ];
    // (A hiss or crackle in the sound is the speaker: "a crackle on calls".)
    let audio = t.any(&[
        "speaker*",
        "audio",
        "static",
        "headphone*",
        "mic",
        "microphone",
        "music",
        "on calls",
        "during calls",
        "sound quality",
    ]);
    // (A tire hissing is a flat; a crackle over bumps is the ride; a scented case smells.)
    let mechanical = t.any(&[
        "tire*", "tyre*", "tube", "valve", "bump*", "pedal*", "brake*", "gear*", "chain",
    ]);
    let scented = t.any(&["scented", "roommate smokes", "smells like smoke cuz"]);
    let device_failing = t.any(DEVICE)
        && !scented
        && (t.near(DEVICE, FAILING_SMELL, 40)
            || !audio && !mechanical && t.near(DEVICE, &["hiss*", "crackl*"], 40)
            || t.any(PUSHED_APART)
                && t.any(&[
                    "smell*",
                    "smells",
                    "hot",
                    "charging",
                    "charger",
                    "plugged in",
                    "warm",
                ]));
    if device_failing {
        return Some(Danger::Fire);
    }
    // Metal pushed into an outlet ("stuck a bobby pin in the outlet... a big pop"): whoever did
    // it may have been shocked.
    if t.near(
        &[
            "pin",
            "fork",
            "key",
            "knife",
            "paperclip",
            "paper clip",
            "screwdriver",
            "nail",
            "clip",
        ],
        &["outlet*", "socket*", "plug*", "receptacle*"],
        5,
    ) && t.any(&[
        "pop", "popped", "bang", "flash", "spark*", "burn*", "black", "mark*", "cried", "scream*",
        "shock*",
    ]) {
        return Some(Danger::Electrical);
    }
    if t.any(BURN) && t.any(SMELL_OR_ELECTRIC) {
        return Some(Danger::Fire);
    }
    // Something electrical running hot ("a hot plastic smell... the light flickers and buzzes...
    // the metal box felt warm"): two of a hot smell, flickering or buzzing, and warmth.
    // (Overheating wiring insulation smells of fish or of something burnt.)
    let hot_smell = t.near(
        &[
            "hot",
            "plastic",
            "electrical",
            "electric",
            "fish",
            "fishy",
            "burnt",
            "burned",
        ],
        &["smell*", "odor*"],
        2,
    ) || t.near(
        &["smell*", "smel", "odor*"],
        &["fish", "fishy", "burnt plastic"],
        3,
    );
    let flicker = t.any(&["flicker*", "buzz*", "crackl*", "sizzl*"]);
    const KIT: &[&str] = &[
        "box",
        "outlet*",
        "switch*",
        "panel*",
        "breaker*",
        "wire*",
        "cord*",
        "plug*",
        "fixture*",
        "plate",
        "faceplate",
        "cover plate",
        "socket*",
        "receptacle*",
    ];
    let warm_kit = t.near(&["warm", "hot"], KIT, 6) || t.near(KIT, &["warm", "hot"], 6);
    // Scorch marks: "brownish around the holes", "black marks on the plug".
    const SCORCHED: &[&str] = &[
        "brown*",
        "black*",
        "scorch*",
        "melt*",
        "discolo*",
        "charred",
        "burn mark*",
        "singed",
    ];
    let scorched = t.near(SCORCHED, KIT, 8) || t.near(KIT, SCORCHED, 8);
    // ("...and kind of a haze in there when i open the door.")
    let haze = t.any(&["haze", "hazy", "smoky", "smokey", "wisp*", "smoke"]);
    // Arcing: "the box is buzzing and i heard a couple pops and saw a little flash".
    let arcing = t.any(&[
        "pop", "pops", "popping", "flash", "flashes", "flashing", "spark*",
    ]) && t.any(KIT);
    if [hot_smell, flicker, warm_kit, scorched, haze, arcing]
        .iter()
        .filter(|b| **b)
        .count()
        >= 2
    {
        return Some(Danger::Electrical);
    }
    if (t.near(BRAKES, FAILED, 5)
        || (t.any(&["brake*", "pedal"])
            && t.any(&[
                "to the floor",
                "went out",
                "gave out",
                "failed",
                "not stopping",
                "wont stop",
                "barely stop*",
                "couldnt stop",
                "cant stop",
            ]))
        || t.any(&[
            "no brakes",
            "lost brakes",
            "lost my brakes",
            "lost the brakes",
            "lost steering",
        ]))
        && !t.any(&["grind*", "squeak*", "squeal*", "noise*", "sound*"])
    {
        return Some(Danger::Vehicle);
    }
    // Something stopped in a traffic lane with traffic coming ("my hay trailer came off the
    // truck on I-90 ... sitting sideways across the right lane and its pitch dark, semis coming
    // by").
    let in_a_lane = t.any(&[
        "across the lane",
        "across the right lane",
        "across the left lane",
        "across both lanes",
        "in the right lane",
        "in the left lane",
        "in the middle lane",
        "blocking the lane",
        "blocking a lane",
        "blocking traffic",
        "middle of the road",
        "middle of the highway",
        "middle of the interstate",
        "middle of the freeway",
        "across the road",
        "across the highway",
    ]);
    // (Directions are not: "we live across the road from the school, traffic is crazy at 8";
    // a vehicle or its load must have stopped there.)
    let traffic_coming = t.any(&[
        "semis",
        "semi trucks",
        "cars coming",
        "trucks coming",
        "coming by",
        "flying by",
        "whizzing by",
        "oncoming",
        "pitch dark",
    ]);
    let stopped_there = t.any(&[
        "came off",
        "came loose",
        "came unhooked",
        "came unhitched",
        "broke down",
        "broken down",
        "stalled",
        "jackknif*",
        "flipped",
        "tipped over",
        "rolled over",
        "sitting sideways",
        "stuck",
    ]);
    if in_a_lane && traffic_coming && stopped_there {
        return Some(Danger::Vehicle);
    }
    // ("Hood" alone is a kitchen's as often as a car's.)
    if (t.any(&["smoke", "smoking", "flames", "fire", "on fire"]) && t.any(VEHICLE_FIRE))
        && t.any(&["car", "truck", "vehicle", "engine", "suv", "van"])
    {
        return Some(Danger::Vehicle);
    }
    let fire_is_their_work = profile.is_some_and(|p| service_words_include(p, &["smoke", "fire"]));
    let fire_compound = t.any(&[
        "smoke detector*",
        "smoke alarm*",
        "fire alarm*",
        "fire extinguisher*",
        "fire pit*",
        "fire place",
    ]);
    let alarm_sounding = t.any(&[
        "going off",
        "went off",
        "sounding",
        "wont stop",
        "keeps going",
    ]);
    // Smoke that is happening, not smoke as a service: filling a room, making people cough,
    // setting off an alarm.
    let smoke_now = t.near(
        &["smoke", "smoky", "smokey"],
        &[
            "filling",
            "filled",
            "fills",
            "pouring",
            "billowing",
            "thick",
            "everywhere",
            "coming",
            "full",
            "cough*",
            "choking",
        ],
        4,
    ) || t.near(&["filling", "filled", "full"], &["smoke", "smoky"], 4)
        || t.any(&["smoke", "smoky"]) && (alarm_sounding || t.any(&["cough*", "choking"]));
    let real_fire = smoke_now
        || t.any(&[
            "on fire",
            "flames",
            "caught fire",
            "smoke coming",
            "smoke everywhere",
            "full of smoke",
            // ("...started smoking from up inside... its still kinda smoking up in there")
            "started smoking",
            "still smoking",
            "still kinda smoking",
            "is smoking",
            "its smoking",
            "smoking from",
            "keeps smoking",
        ]);
    // "Smoke detector install" is a job, not a fire; an alarm going off is not.
    // A fire someone means to light ("we wanna have a fire christmas eve") is no emergency.
    let planned_fire = t.any(&[
        "have a fire",
        "having a fire",
        "build a fire",
        "light a fire",
        "make a fire",
        "start a fire in the",
        "fire in the fireplace",
        "fire in our fireplace",
    ]) && !real_fire;
    // Smoke with heat said beside it is happening ("the trailer tires are smoking pretty good
    // and it smells like hot brakes, like really hot"), even where smoke is the trade's word.
    const HEAT: &[&str] = &[
        "really hot",
        "too hot to touch",
        "hot brakes",
        "burning smell",
        "smells like burning",
        "smells burnt",
    ];
    let real_fire = real_fire
        || t.near(&["smoking", "smoke"], HEAT, 10)
        || t.near(HEAT, &["smoking", "smoke"], 10);
    // A fire someone asked about or took it for ("my neighbor literally asked if we had a
    // fire", of a patch the wrong colour) is no fire now.
    let fire_asked_about = t.near(
        &[
            "asked if",
            "asked me if",
            "asking if",
            "asked whether",
            "wondered if",
            "thought we had",
            "thought there was",
        ],
        &["a fire", "had a fire", "was a fire"],
        4,
    ) && !real_fire
        // ("...asked if we had a fire, we do!! theres fire in the garage")
        && !t.without(&["a fire"]).any(FIRE_WORDS)
        && !t.any(&["burning", "we do", "we did", "yes we"]);
    let just_a_job = (fire_compound && !alarm_sounding)
        || (fire_is_their_work && !real_fire)
        || planned_fire
        || fire_asked_about;
    // ("One hub was smoking hot when we pulled out": very hot, said as people say it.)
    // (Not of an outlet, a plug or a wire: "the outlet is smoking hot" is a fire risk.)
    let fire_said = if t.any(HOT_ELECTRIC) || t.any(&["wire*"]) {
        t.any(FIRE_WORDS)
    } else {
        t.without(&["smoking hot"]).any(FIRE_WORDS)
    };
    if fire_said && !just_a_job {
        return Some(Danger::Fire);
    }
    // ("Cold air pouring down around the attic ladder" is a draught.)
    let t_water = t.without(&[
        "air pouring",
        "air pours",
        "air poured",
        "air is pouring",
        // Stopped: "water guy shut it off at the meter so at least nothings spraying".
        "nothings spraying",
        "nothing spraying",
        "nothing is spraying",
        "not spraying",
        "isnt spraying",
        "stopped spraying",
        "no longer spraying",
        "nothings leaking",
        "nothing is leaking",
    ]);
    // A flood in the past or as a word of the trade ("after the 2016 flood", "flood cuts") is no
    // water now.
    let t_water = t_water.without_past_floods();
    // "Pouring", "spraying": water only when water is what pours (not beer foam from a tap).
    let watery = t_water.any(&[
        "water", "leak*", "pipe*", "flood*", "sewage", "drip*", "wet", "soak*", "puddle*",
        "pooling", "seep*", "ceiling*", "toilet*", "tub", "sink", "heater", "rain*", "storm*",
    ]);
    // "Roofer came out and fixed it last week. Now there's a brown ring on the ceiling": the
    // leak is over and its mark is left, unless water is coming again.
    let leak_fixed = (t_water.near(&["leak*"], &["fixed", "repaired", "patched"], 10)
        || t_water.near(&["fixed", "repaired", "patched"], &["leak*"], 4))
        && !t_water.any(&[
            "drip*",
            "pour*",
            "gush*",
            "spraying",
            "water coming",
            "water is coming",
            "puddle*",
            "pooling",
            "still leak*",
            "leaking again",
            "leaks again",
        ]);
    // ("Water is literally running out of the ceiling light".)
    let water_moving = t_water.near(
        &["water"],
        &[
            "running",
            "runs",
            "coming out",
            "dripping",
            "streaming",
            "trickling",
        ],
        3,
    );
    if water_at_a_failing_light(&t_water) {
        return Some(Danger::Water);
    }
    // ("the range hood duct ... caked with grease, it drips sometimes": grease, not water.)
    let grease = t_water.any(&["grease", "greasy"]) && !t_water.any(&["water"]);
    if (t_water.any(WATER) || water_moving)
        && t_water.any(NEAR_ELECTRIC_OR_CEILING)
        && !t_water.any(&["stain*", "spot*", "old leak"])
        && !leak_fixed
        && !grease
        || t_water.any(FLOOD) && t_water.any(WATER) && watery
        || t_water.any(&["flood*", "burst pipe*", "pipe burst", "sewage"])
    {
        return Some(Danger::Water);
    }
    // A swimmer's or a painter's stroke, a two-stroke engine, a stroke clinic: no stroke of the
    // brain.
    let t_med = t.without(&[
        "every stroke",
        "each stroke",
        "per stroke",
        "swim stroke",
        "freestyle stroke",
        "back stroke",
        "breast stroke",
        "brush stroke",
        "stroke clinic",
        "stroke technique",
        "stroke count",
        // A golfer's or a swimmer's stroke ("measure the stroke and find the right putter").
        "the stroke",
        "my stroke",
        "your stroke",
        "putting stroke",
        "2 stroke",
        "two stroke",
        "4 stroke",
        "four stroke",
    ]);
    // "Had a stroke last year", "since her heart attack": a person's history, told as why a
    // visit at home helps, not something happening now (what is happening now still counts:
    // a drooping face, slurred speech).
    const EVENTS: &[&str] = &["stroke", "strokes", "heart attack", "heart attacks"];
    let long_ago = t.any(&[
        "last year",
        "years ago",
        "yrs ago",
        "year ago",
        "yr ago",
        "months ago",
        "a while back",
        "a while ago",
        "back in",
        "few years",
        "last month",
        "last spring",
        "last summer",
        "last fall",
        "last winter",
        "in the spring",
        "in the summer",
        "in january",
        "in february",
        "in march",
        "in april",
        "in may",
        "in june",
        "in july",
        "in august",
        "in september",
        "in october",
        "in november",
        // Being looked after already ("had a stroke and is getting discharged next week... while
        // he does rehab").
        "discharged",
        "rehab",
        "recovering",
        "home from the hospital",
        "coming home",
    ]);
    // (Gaps count from an entry's first word: "since his" then "stroke" is two on.)
    let history = t_med.near(
        &["since his", "since her", "since my", "since their"],
        EVENTS,
        2,
    ) || t_med.near(&["after his", "after her", "after my"], EVENTS, 2)
        || t_med.near(
            &["had a", "had 2", "had two", "had several", "had mini"],
            EVENTS,
            3,
        ) && long_ago;
    // "I about had a heart attack", "the bill nearly gave me a heart attack": a fright, said of
    // the caller's own feelings, not a heart stopping.
    let fright = t_med.near(
        &[
            "about had",
            "almost had",
            "nearly had",
            "practically had",
            "just about had",
            "gave me",
            "give me",
            "giving me",
            "gonna give me",
        ],
        &["heart attack", "heart attacks"],
        3,
    );
    let t_med = if history || fright {
        t_med.without(EVENTS)
    } else {
        t_med
    };
    if t_med.any(MEDICAL) {
        return Some(Danger::Medical);
    }
    // The heart out of rhythm, with another sign of a body in trouble ("now shes saying she
    // feels dizzy and her heart is fluttering"); not a heart racing with excitement.
    let heart = t.any(&[
        "heart is racing",
        "heart racing",
        "hearts racing",
        "heart is fluttering",
        "heart fluttering",
        "heart is flutter*",
        "heart is skipping",
        "heart skipping",
        "heart keeps skipping",
        "skipping beats",
        "heart is pounding",
        "heart pounding",
        "hearts pounding",
        "heart is beating really",
        "heart is beating so",
        "heart beating really",
        "heart rate is",
        "heart is going crazy",
        "palpitation*",
    ]);
    let other_sign = t.any(&[
        "dizzy",
        "faint*",
        "lightheaded",
        "light headed",
        "chest",
        "sweat*",
        "short of breath",
        "cant breathe",
        "pale",
        "weak",
        "confused",
        "pass out",
        "passing out",
        "shaky",
        "shaking",
    ]);
    if heart && other_sign {
        return Some(Danger::Medical);
    }
    // Someone's oxygen running low ("her oxygen concentrator is inside... only got a little
    // left in the portable tank").
    if t.any(&["oxygen", "o2", "concentrator"])
        && t.any(&[
            "little left",
            "not much left",
            "running low",
            "getting low",
            "running out",
            "almost out",
            "almost empty",
            "about out",
            "low on oxygen",
            "out of oxygen",
            "sats",
            "dropping",
        ])
        && !t.any(&[
            "rental",
            "extend",
            "last month",
            "last week",
            "refill",
            "filled",
        ])
    {
        return Some(Danger::Medical);
    }
    // Signs of a stroke in everyday words ("talking kinda slurry and his left hand keeps
    // dropping his cup", "his words are mushed and one side of his mouth looks droopy").
    const SPEECH: &[&str] = &[
        "slurr*",
        "mushed",
        "talking funny",
        "talking weird",
        "talking strange",
        "cant get his words out",
        "cant get her words out",
    ];
    // ("he is mixing up his words and can barely stand up"; a 4 year old mixing up words is
    // learning to talk.)
    const MIXED_WORDS: &[&str] = &[
        "mixing up his words",
        "mixing up her words",
        "mixing his words",
        "mixing her words",
        "words jumbled",
        "words are jumbled",
        "words all jumbled",
    ];
    const ONE_SIDE: &[&str] = &[
        "droop*",
        "keeps dropping",
        "weak on one side",
        "numb on one side",
    ];
    // (Of a person: "one side of his face is puffing up" of a dog is a swelling, and a
    // lopsided haircut no stroke.)
    let animal = t.any(PETS) || t.any(DOG_BREEDS) || t.any(LARGE_ANIMAL);
    let one_side = t.any(ONE_SIDE) && t.any(&["face", "mouth", "hand", "arm", "side"]);
    // Words that come out wrong, however it is put ("her words were all jumbled", "his speech
    // is garbled and not making sense").
    let garbled = t.near(
        &["words", "speech", "talking", "sentences", "speaking"],
        &[
            "jumbled",
            "garbled",
            "scrambled",
            "mixed up",
            "all mixed",
            "not making sense",
            "dont make sense",
            "coming out wrong",
            "came out wrong",
            "gibberish",
            "nonsense",
        ],
        3,
    );
    let mixed_words = (t.any(MIXED_WORDS) || garbled) && !t.young_child();
    // An arm or a leg gone weak or heavy on one side ("her right arm feels heavy and she cant
    // lift it"): the A of FAST, said with a side or with how sudden it was.
    let limb_weak = (t.near(
        &["arm", "arms", "leg", "hand"],
        &[
            "heavy",
            "weak",
            "went dead",
            "gone dead",
            "limp",
            "wont move",
            "cant lift",
            "cant raise",
            "cant move",
        ],
        4,
    ) || t.near(
        &["cant lift", "cant raise", "cant move", "couldnt lift"],
        &["arm", "arms", "leg", "hand"],
        4,
    )) && t.any(&[
        "right",
        "left",
        "one side",
        "suddenly",
        "all of a sudden",
        "out of nowhere",
        "just now",
    ]);
    if !history && !animal && (t.any(SPEECH) || mixed_words || one_side || limb_weak) {
        return Some(Danger::Medical);
    }
    // Someone holding up or pinned under something heavy ("its stuck halfway and my husband is
    // under it on the stairs holding it up, his arms are shaking").
    let under = t.any(&[
        "holding it up",
        "holding up the",
        "pinned",
        "trapped under",
        "stuck under",
        "under it",
        "crushed",
    ]) || t.near(
        &[
            "cant lift",
            "cant get",
            "cant move",
            "cant pull",
            "cant budge",
            "couldnt lift",
            "couldnt get",
            "unable to lift",
        ],
        &[
            "off him",
            "off her",
            "off of him",
            "off of her",
            "off his",
            "off of his",
            "off me",
            "off the baby",
            "off my son",
            "off my daughter",
            "off my husband",
            "off my wife",
            "off my dad",
            "off my mom",
            "off my leg",
            "off my foot",
            "off my arm",
            "off my hand",
        ],
        4,
    );
    let giving_out = t.any(&[
        "shaking",
        "slipping",
        "cant hold",
        "cant budge",
        "cant get it to budge",
        "cant move",
        "cant get out",
        "cant breathe",
        "on top of",
        "cant lift",
        "cant get it off",
    ]);
    if under && giving_out {
        return Some(Danger::Hazard);
    }
    // A ceiling or roof giving way under snow ("the ceiling has been making loud popping sounds
    // and theres a crack across the drywall... its dipping in the middle").
    let giving_way = t.near(
        &["ceiling", "roof", "rafter*", "beam*", "drywall"],
        &[
            "sag*", "dipping", "dips", "bowing", "bows", "caving", "buckl*", "popping", "creak*",
            "crack*",
        ],
        10,
    ) && t.any(&["snow", "ice", "weight", "load", "heavy"])
        && t.any(&[
            "sag*", "dipping", "bowing", "caving", "buckl*", "popping", "creak*", "crack*",
        ])
        && t.any(&[
            "tonight",
            "now",
            "today",
            "started",
            "wasnt there",
            "just",
            "getting worse",
        ]);
    if giving_way {
        return Some(Danger::Hazard);
    }
    // A power line down ("a wire from the pole hanging down in our back yard... laying in the
    // snow").
    let line_down = t.near(
        &["wire", "wires", "line", "lines", "cable"],
        &[
            "down",
            "hanging",
            "laying",
            "lying",
            "on the ground",
            "snapped",
            "fell",
            "fallen",
        ],
        6,
    ) && t.any(&["pole", "power", "utility", "electric*", "sparking"]);
    if line_down {
        return Some(Danger::Electrical);
    }
    // Blue or grey lips or skin: not enough oxygen, at any age (not "my kid gets cold so fast,
    // lips go purple", a habit in a chilly pool).
    let habitually_cold = t.any(&[
        "cold", "chilly", "freezing", "shiver*", "popsicle", "icicle",
    ]) && t.any(&["go", "gets", "always", "every time", "usually"]);
    const COLOUR: &[&str] = &["blue*", "bluish", "grey*", "gray*", "purple*", "dusky"];
    let blue = t.near(
        &[
            "lips",
            "lip",
            "skin",
            "face",
            "fingers",
            "fingernails",
            "mouth",
        ],
        COLOUR,
        4,
    ) || t.near(COLOUR, &["lips", "lip", "skin", "fingernails"], 3);
    if blue && !habitually_cold {
        return Some(Danger::Medical);
    }
    // Someone stuck where they cannot get out or down (a stair lift stopped halfway, a lift
    // between floors), when they are old, frail or need care, or have been stuck a while.
    let stuck = t.near(
        &[
            "stuck",
            "trapped",
            "stranded",
            "cant get",
            "cannot get",
            "wont go",
        ],
        &[
            "halfway", "up", "down", "off", "out", "between", "mid*", "on the", "in the",
        ],
        4,
    );
    let frail = t.any(&[
        "oxygen",
        "wheelchair",
        "walker",
        "cant walk",
        "frail",
        "disabled",
        "dementia",
        "elderly",
        "hospice",
        "bedridden",
    ]) || t.age_said().is_some_and(|age| age >= 65);
    let a_while = t.any(&[
        "min",
        "mins",
        "minutes",
        "hour",
        "hours",
        "hrs",
        "all night",
        "since",
    ]);
    let person = t.any(&[
        "mother",
        "mom",
        "mum",
        "father",
        "dad",
        "grandma",
        "grandpa",
        "grandmother",
        "grandfather",
        "husband",
        "wife",
        "she",
        "he",
        "someone",
        "my son",
        "my daughter",
    ]);
    if stuck && person && (frail || a_while) {
        return Some(Danger::Medical);
    }
    if let Some(d) = said_in_everyday_words(&t) {
        return Some(d);
    }
    // Two signs of a person's body in trouble, however they are said ("hes dizzy and his head
    // is pounding and he cant really get up"): no single phrase needed.
    // (Not an animal's: "our old boy has been down in the paddock... just trembling" is the
    // horse's, told by the animal rules below.)
    const LARGE_ANIMALS: &[&str] = &[
        "horse*", "pony", "mare", "gelding", "foal", "paddock", "pasture", "goat*", "cow", "cows",
        "sheep", "llama*", "alpaca*", "donkey*",
    ];
    // Someone old newly confused ("my dad is 86... today hes all mixed up, asked me twice what
    // day it is"): not the confusion of a known dementia, nor how they often are.
    let newly_confused = t.any(SIGNS[2])
        && t.any(&[
            "today",
            "now",
            "suddenly",
            "all of a sudden",
            "this morning",
            "tonight",
        ])
        && !t.any(&[
            "dementia",
            "alzheimer*",
            "memory care",
            "gets confused",
            "sometimes",
        ]);
    if newly_confused && (t.any(OLDER_PEOPLE) || t.age_said().is_some_and(|a| a >= 65)) {
        return Some(Danger::Medical);
    }
    if body_signs(&t) >= 2 && !t.any(PETS) && !t.any(LARGE_ANIMALS) {
        return Some(Danger::Medical);
    }
    if t.any(&["chest"])
        && t.any(&[
            "tight*", "pressure", "pain*", "hurt*", "heavy", "squeez*", "crushing", "burn*",
        ])
        || t.any(&["arm", "arms", "jaw"])
            && t.any(&["left arm", "left side"])
            && t.any(&["tingl*", "numb", "numbness", "numbed", "numbing", "pain*"])
    {
        return Some(Danger::Medical);
    }
    // Cleaning products mixed, fumes breathed.
    if t.any(&[
        "bleach",
        "ammonia",
        "chemical*",
        "fumes",
        "toilet bowl",
        "cleaner*",
        "drano",
        "acid",
        "chlorine",
        "shock",
        "muriatic",
        "pool chemical*",
        "cloud",
        "vapor*",
        "solvent*",
    ]) && t.any(&[
        "dizzy",
        "cough*",
        "throat",
        "breath*",
        "eyes burning",
        "nause*",
        "headache",
        "mixed",
        "fumes",
        "faint*",
    ]) && !t.any(&[
        "your cleaner",
        "the cleaner",
        "our cleaner",
        "cleaner left",
        "cleaners left",
    ]) {
        return Some(Danger::Medical);
    }
    // Breath running short beside another sign (a swollen calf, a cough, fumes, the chest).
    if t.any(BREATHLESS) && t.any(BREATH_SIGNS) {
        return Some(Danger::Medical);
    }
    // A leg swollen, red and hot: a possible clot.
    if t.any(&["calf", "leg", "legs", "thigh"])
        && t.any(&["swollen", "swelling", "swelled"])
        && t.any(&["red", "hot", "warm", "painful"])
    {
        return Some(Danger::Medical);
    }
    // Sudden changes in sight, or something splashed in an eye.
    if t.any(EYE) && t.any(EYE_RED_FLAGS) && !t.any(&["eye shadow", "eyeshadow", "blind spot"]) {
        return Some(Danger::Medical);
    }
    // A hole or a collapse where children, pets or anyone could fall in.
    if t.any(OPENING)
        && t.any(DEEP)
        && (t.any(PEOPLE_AROUND) && t.any(COULD_FALL_IN) || t.young_child())
    {
        return Some(Danger::Medical);
    }
    // Someone who has not come home or cannot be found ("he left at 4:45 and hes still not
    // home", "cant find my mom, she has dementia").
    if t.any(&[
        "son", "daughter", "kid", "kids", "child", "boy", "girl", "mom", "dad", "mother", "father",
        "grandma", "grandpa", "husband", "wife", "he", "she", "hes", "shes",
    ]) && t.any(&[
        "still not home",
        "still isnt home",
        "not home yet",
        "isnt home yet",
        "should have been home",
        "shouldve been home",
        "still not back",
        "never made it home",
        "never came home",
        "didnt come home",
        "didnt make it home",
        "hasnt come home",
        "hasnt made it home",
        "not come home",
        "cant find him",
        "cant find her",
        "cant find my",
        "went missing",
        "gone missing",
        "no one knows where",
        "nobody knows where",
        "not answering his phone",
        "not answering her phone",
    ]) || (t.any(&[
        "son", "daughter", "kid", "child", "boy", "girl", "mom", "dad", "mother", "father",
        "grandma", "grandpa", "husband", "wife",
    ]) || t.age_said().is_some_and(|a| a < 18)
        || t.young_child())
        // Not arrived, and not answering (not "my son never made it to the appointment, he
        // was sick").
        && t.any(&[
            "never late like this",
            "never this late",
            "never made it to",
            "never made it from",
            "hasnt shown up",
            "didnt show up",
            "not back yet",
        ])
        && t.any(&[
            "not picking up his phone",
            "not picking up her phone",
            "wont pick up his phone",
            "wont pick up her phone",
            "not answering his phone",
            "not answering her phone",
            "his phone goes to voicemail",
            "her phone goes to voicemail",
            "not picking up",
            "not answering",
        ])
        // A child who did not arrive where they walk or ride to alone ("he didnt show up for
        // 4:30 reading. he walks from budlong... hes 10").
        || t.age_said().is_some_and(|a| a < 16)
            && t.any(&[
                "he didnt show up",
                "she didnt show up",
                "he never showed up",
                "she never showed up",
                "he never got there",
                "she never got there",
                "he didnt make it",
                "she didnt make it",
                "he never made it",
                "she never made it",
                "he hasnt shown up",
                "she hasnt shown up",
            ])
            && t.any(&[
                "walks", "walking", "walked", "bus", "bike", "bikes", "from school", "blocks",
            ])
        || t.words
            .windows(2)
            .any(|w| w[0] == "is" && w[1] == "missing")
            && !t.near(
                &["missing"],
                &[
                    "his", "her", "their", "the", "a", "my", "class", "lesson", "school", "work",
                ],
                2,
            )
            && t.any(&[
                "son", "daughter", "kid", "child", "mom", "dad", "mother", "father", "grandma",
                "grandpa", "husband", "wife",
            ])
    {
        return Some(Danger::Missing);
    }
    // A worried question about a body in trouble, whatever the words for the trouble ("is that
    // normal?? ... cant stop throwing up"): recall first, a person decides.
    // ("break out... on my chest so im scared": the chest or the neck as the place of a rash
    // or a tattoo is no sign.)
    if t.any(WORRIED)
        && t.without(&[
            "on my chest",
            "on her chest",
            "on his chest",
            "on the chest",
            "across my chest",
            "on my neck",
            "on her neck",
            "on his neck",
            "on the neck",
            "back of my neck",
            "back of her neck",
            "back of his neck",
        ])
        .any(BODY_IN_TROUBLE)
    {
        return Some(Danger::Medical);
    }
    // A crash with someone hurt, stranded in traffic, or adrift on the water.
    let crash = t.any(&[
        "crash*",
        "accident",
        "fender bender",
        "collision",
        "rear ended",
        "hit by a",
        "t boned",
        "wreck*",
        // ("somebody just slammed into the back of me ... my neck really hurts and i cant stop
        // shaking")
        "slammed into",
        "smashed into",
        "ran into me",
        "ran into us",
        "ran into the back",
        "hit me",
        "hit us",
        "hit my car",
        "hit the back of",
        "backed into me",
        "sideswiped",
        "totaled",
    ]);
    // (A pet hit by a car is the animal danger, below.)
    if crash
        && !t.any(&[
            "dog*", "puppy", "pup", "cat", "cats", "kitten*", "pet", "pets",
        ])
        && t.any(&[
            "hurt*",
            "pain",
            "injur*",
            "neck",
            "head",
            "bleed*",
            "crying",
            "ambulance",
            "whiplash",
            "dizzy",
            "cant stop shaking",
        ])
    {
        return Some(Danger::Vehicle);
    }
    // ("My husband is stuck in traffic" is late, not stranded.)
    let late = t.without(&["stuck in traffic", "sitting in traffic", "stuck at work"]);
    if late.any(&[
        "stuck",
        "stalled",
        "broke down",
        "died",
        "dead",
        "wont move",
    ]) && late.any(&[
        "on ramp",
        "onramp",
        "off ramp",
        "freeway",
        "highway",
        "interstate",
        "in the lane",
        "in traffic",
        "middle of the road",
        "railroad",
        "train tracks",
    ]) {
        return Some(Danger::Vehicle);
    }
    // (A surfboard's ding "taking on water" is a repair, not a boat going down.)
    let a_board = t.any(&["board", "surfboard", "boards", "ding", "dings"])
        && !t.any(&[
            "boat", "kayak", "canoe", "hull", "vessel", "sailboat", "pontoon", "skiff", "dinghy",
        ]);
    const GOING_DOWN: &[&str] = &[
        "drifting",
        "adrift",
        "taking on water",
        "sinking",
        "capsiz*",
        "overboard",
        "man overboard",
    ];
    let going_down =
        t.any(GOING_DOWN) && (!a_board || t.without(&["taking on water"]).any(GOING_DOWN));
    // Water coming into a boat out on the water ("in my jon boat off fort pickens, waters
    // coming in around the back plug faster than i can bail").
    // (Bailing out water, not bailing on a trip: "sorry we have to bail on the boat trip".)
    let on_the_water = t.any(&[
        "boat",
        "skiff",
        "dinghy",
        "pontoon",
        "canoe",
        "kayak",
        "hull",
        "bilge",
        "transom",
        "out on the",
        "miles out",
        "offshore",
        "on the bay",
        "on the lake",
        "on the water",
    ]);
    let filling = on_the_water
        && t.any(&[
            "water coming in",
            "waters coming in",
            "water is coming in",
            "water pouring in",
            "water keeps coming in",
            "filling with water",
            "filling up with water",
            "taking water",
            "taking in water",
            "bailing water",
            "bailing with",
            "bailing it",
            "bail water",
            "bail it out",
            "than i can bail",
            "than we can bail",
            "cant keep up",
            "pump quit",
            "pump died",
            "flipped",
        ])
        && !t.any(&[
            "trailer",
            "driveway",
            "garage",
            "storage",
            "in the yard",
            "winteriz*",
        ]);
    if going_down || filling {
        return Some(Danger::Vehicle);
    }
    // Horses or cattle loose on a road ("two of them are standing in the middle of Ironworks
    // Pike... cars are swerving around them"), not a barn off the highway.
    const ON_A_ROAD: &[&str] = &[
        "in the road",
        "on the road",
        "middle of the road",
        "middle of the highway",
        "on the highway",
        "in the highway",
        "on the interstate",
        "on route",
        "in the street",
        "on the street",
        "mile marker",
        "on hwy",
        "on highway",
    ];
    const ROAD: &[&str] = &[
        "pike",
        "road",
        "rd",
        "highway",
        "hwy",
        "street",
        "avenue",
        "ave",
        "route",
        "lane",
        "blvd",
        "interstate",
        "freeway",
    ];
    let on_a_road = t.any(ON_A_ROAD)
        || t.near(
            // ("middle" alone: a town word of the area after "of" is taken out.)
            &[
                "middle",
                "loose on",
                "out on",
                "standing on",
                "wandering on",
            ],
            ROAD,
            4,
        );
    if t.any(LARGE_ANIMAL)
        && on_a_road
        && t.any(&[
            "loose",
            "standing",
            "wandering",
            "running",
            "got out",
            "cars",
            "traffic",
            "swerv*",
            "hit",
        ])
    {
        return Some(Danger::Vehicle);
    }
    // Arrows or shots landing where people are ("one just stuck in our yard like 10 ft from where
    // my kids are playing").
    if t.any(&[
        "arrow*", "bullet*", "pellet*", "bb gun", "shots", "shooting",
    ]) && t.any(&[
        "landed",
        "stuck in our",
        "stuck in my",
        "in our yard",
        "in my yard",
        "over the fence",
        "over it",
        "hit our",
        "hit my",
        "flying",
    ]) && t.any(&[
        "my kids",
        "the kids",
        "kids are",
        "children",
        "my son",
        "my daughter",
        "people",
        "where we",
        "where i",
        "my dog",
    ]) {
        return Some(Danger::Hazard);
    }
    // A roof or ceiling giving way ("loud cracking and popping from the ceiling", "the ceiling is
    // sagging"), wherever it is and whoever is under it.
    const STRUCTURE: &[&str] = &[
        "roof", "ceiling", "ceilings", "beam*", "rafter*", "joist*", "truss*",
    ];
    // Sounds mean it is moving now; a sag or a cave-in is a danger where people are (a shed
    // to be torn down is a job).
    const GIVING_NOW: &[&str] = &["cracking", "creaking", "popping", "groaning", "snapping"];
    const GIVING: &[&str] = &[
        "sagging",
        "sags",
        "sagged",
        "bowing",
        "bowed",
        "bulging",
        "bulge*",
        "buckling",
        "buckled",
        "giving way",
        "gave way",
        "caving",
        "caved",
        "collaps*",
        "coming down",
    ];
    let demolition = t.any(&[
        "shed",
        "barn",
        "torn down",
        "tear down",
        "tear it down",
        "demo*",
        "haul*",
        "abandoned",
    ]);
    let people_under = t.any(&[
        "bedroom",
        "nursery",
        "living room",
        "kitchen",
        "sleep*",
        "kids",
        "baby",
        "mother",
        "mom",
        "dad",
        "father",
        "grandma*",
        "grandpa*",
        "family",
        "we live",
        "inside",
    ]);
    let moving_now = t.near(STRUCTURE, GIVING_NOW, 8) || t.near(GIVING_NOW, STRUCTURE, 8);
    let giving = t.near(STRUCTURE, GIVING, 8) || t.near(GIVING, STRUCTURE, 8);
    if !demolition && (moving_now || giving && people_under) {
        return Some(Danger::Hazard);
    }
    // Something heavy giving way, or broken glass, where children or anyone could be hurt ("the
    // bookcase is leaning and my toddler climbs", "glass shattered and the kids are home"); a
    // car's gears shifting is no falling object.
    // ("...theres a gap between it and the wall now... it was not there this morning.")
    let off_the_wall = t.near(&["gap", "space"], &["the wall"], 6) && !t.any(&["caulk*", "paint*"]);
    if (t.any(UNSTABLE) || t.any(SHARP) || off_the_wall)
        && (t.any(AT_RISK) || t.young_child())
        && !t.any(&["gear*", "transmission", "clutch"])
    {
        return Some(Danger::Hazard);
    }
    // Sewage coming back up into the house.
    if t.any(DRAINS) && t.any(BACKING_UP) && t.any(FOUL) {
        return Some(Danger::Water);
    }
    if t.any(NUMB) && t.any(SUDDEN_OR_FALL) {
        return Some(Danger::Medical);
    }
    // Heart-attack signs described as aches: jaw or left arm with sweating or breathlessness.
    if t.any(&[
        "left arm",
        "jaw",
        "shoulder blades",
        "arm feels heavy",
        "arm is heavy",
    ]) && t.any(&[
        "sweat*",
        "winded",
        "short of breath",
        "nause*",
        "radiat*",
        "spread*",
        "clammy",
    ]) {
        return Some(Danger::Medical);
    }
    // Carbon monoxide signs: headaches, dizziness or nausea beside something that burns fuel.
    if t.any(&[
        "headache*",
        "dizzy",
        "nause*",
        "sick to",
        "vomit*",
        "throwing up",
        "drowsy",
        "confus*",
    ]) && t.any(&[
        "furnace*",
        "vent*",
        "flue",
        "exhaust",
        "generator",
        "truck",
        "car running",
        "engine",
        "heater",
        "stuffy",
        "fumes",
        "boiler",
        "chimney",
        "fireplace",
        "pipe",
    ]) {
        return Some(Danger::Gas);
    }
    // Someone (or a pet) trapped, pinned or caught.
    // Something coming down on someone must land on them ("came down right on his foot"), not
    // on a car beside them ("came down on the roof of my wife's car... nobody was hurt").
    const CAUGHT_WHO: &[&str] = &[
        "dog*", "cat", "pet", "pets", "puppy", "son", "daughter", "kid*", "child*", "baby",
        "toddler", "hand", "hands", "finger*", "arm", "leg", "foot", "head", "someone", "somebody",
        "him", "her", "he", "she", "husband", "wife", "me", "my",
    ];
    let unhurt = t.any(NOBODY_HURT);
    // ("came down right on his foot": the thing lands *on* someone, said right after.)
    let landed_on = t.near(
        &[
            "came down on",
            "came down right on",
            "came right down on",
            "came down onto",
            "fell on",
            "fell onto",
            "fell over on",
            "tipped over on",
            "tipped onto",
            "tipped on",
            "closed on",
            "slammed on",
            "slammed down on",
            "slammed down right on",
            "shut on",
            "dropped on",
            "landed on",
        ],
        &[
            "foot",
            "feet",
            "toe*",
            "hand",
            "hands",
            "finger*",
            "arm",
            "leg",
            "head",
            "him",
            "me",
            "someone",
            "somebody",
            "son",
            "sons",
            "daughter",
            "daughters",
            "kid",
            "kids",
            "child",
            "baby",
            "toddler",
            "dog",
            "cat",
            "puppy",
        ],
        5,
    );
    // "My daughters macbook air got crushed in her backpack": a thing crushed, nobody in it.
    let thing_crushed = {
        const AUX: &[&str] = &[
            "got",
            "get",
            "gets",
            "getting",
            "was",
            "is",
            "were",
            "been",
            "be",
            "are",
            "just",
            "all",
            "completely",
            "totally",
            "kinda",
            "pretty",
        ];
        const PEOPLE: &[&str] = &[
            "i", "im", "we", "they", "he", "hes", "she", "shes", "him", "her", "me", "us", "them",
            "someone", "somebody", "son", "daughter", "kid", "kids", "child", "baby", "toddler",
            "husband", "wife", "dog", "cat", "puppy", "pet", "hand", "hands", "finger", "fingers",
            "arm", "leg", "foot", "head",
        ];
        let w = &t.words;
        let traps: Vec<usize> = (0..w.len())
            .filter(|&i| matches!(w[i].as_str(), "crushed" | "pinned" | "trapped"))
            .collect();
        !traps.is_empty()
            && traps.iter().all(|&i| {
                let before = w[..i].iter().rev().find(|x| !AUX.contains(&x.as_str()));
                let after = w[i + 1..]
                    .iter()
                    .find(|x| !["his", "her", "my", "the", "their", "our"].contains(&x.as_str()));
                before.is_some_and(|b| !PEOPLE.contains(&b.as_str()))
                    && !after.is_some_and(|a| PEOPLE.contains(&a.as_str()))
            })
            && !t.any(&["stuck under", "caught in", "caught between"])
    };
    // ("Got caught in that hail storm back in october... need an estimate on my equinox": out
    // in the weather or the traffic, not caught in a thing.)
    // (The weather itself, not a thing named by it: a storm door, a rain barrel, a snow fence.)
    let caught_out = {
        const WEATHER: &[&str] = &[
            "hail",
            "hailstorm",
            "storm",
            "snowstorm",
            "rainstorm",
            "thunderstorm",
            "rain",
            "snow",
            "traffic",
            "downpour",
            "weather",
            "blizzard",
            "wind",
            "sleet",
        ];
        const THINGS: &[&str] = &[
            "door", "doors", "drain", "drains", "grate", "fence", "barrel", "gutter", "gutters",
            "shelter", "cellar", "pipe", "window", "windows", "guard", "chain", "chains", "plow",
            "shovel", "machine", "gauge", "blower", "thrower", "tire", "tires",
        ];
        let w = &t.words;
        (0..w.len()).any(|i| {
            let at = if w[i] == "caught" && w.get(i + 1).is_some_and(|x| x == "in") {
                i + 2
            } else if w[i] == "caught"
                && w.get(i + 1).is_some_and(|x| x == "out")
                && w.get(i + 2).is_some_and(|x| x == "in")
            {
                i + 3
            } else {
                return false;
            };
            let at = (at..w.len().min(at + 2))
                .find(|&k| !["the", "that", "a", "this", "some", "all"].contains(&w[k].as_str()))
                .unwrap_or(at);
            w.get(at).is_some_and(|x| WEATHER.contains(&x.as_str()))
                && !w.get(at + 1).is_some_and(|x| THINGS.contains(&x.as_str()))
        })
    };
    let held = if caught_out {
        &[
            "stuck under",
            "pinned",
            "crushed",
            "trapped",
            "caught between",
        ][..]
    } else {
        &[
            "stuck under",
            "pinned",
            "crushed",
            "trapped",
            "caught in",
            "caught between",
        ][..]
    };
    if !unhurt && (t.any(held) && t.any(CAUGHT_WHO) && !thing_crushed || landed_on) {
        let pet = t.any(&["dog*", "cat", "pet", "pets", "puppy"]);
        return Some(if pet { Danger::Animal } else { Danger::Medical });
    }
    // A ceiling that sags or bulges can come down (not a ceiling fan or light hanging low).
    let t_ceiling = t.without(&[
        "ceiling fan",
        "ceiling fans",
        "ceiling light",
        "ceiling lights",
    ]);
    if t_ceiling.any(&["ceiling*"])
        && t.any(&[
            "sag*",
            "bulg*",
            "bowing",
            "hanging down",
            "hanging low",
            "balloon*",
            "droop*",
            "bubbl*",
            "belly",
            "collaps*",
            "caving",
            "falling in",
        ])
    {
        return Some(Danger::Water);
    }
    // A house left open at night, with someone vulnerable inside or prowlers about.
    if t.any(&[
        "wont close",
        "stuck open",
        "cant lock",
        "wont lock",
        "cant close",
        "wont shut",
        "cant shut",
        "wide open",
        "broken lock",
    ]) && t.any(WAYS_IN)
        && (t.any(&["night", "tonight", "overnight"]) && !t.any(&["all night", "every night"])
        // (Left open by our crew overnight, "snow came in all over the storage": careless work,
        // unless someone is at risk.)
        && !t.any(&["your guys", "your guy", "your crew", "your tech*", "after you", "you guys left"])
            || t.any(&[
                "alone",
                "by myself",
                "by herself",
                "by himself",
                "kids",
                "children",
                "baby",
                "break in*",
                "going thru",
                "going through",
                "burglar*",
                "prowler*",
                "someone",
                "stranger*",
            ]))
    {
        return Some(Danger::Intruder);
    }
    // Swelling of the face or throat, hives: an allergic reaction (after a sting, a bite, a shot).
    let pet_words = t.any(&[
        "dog*", "puppy", "cat", "cats", "kitten*", "pet", "pets", "he", "she", "his", "her",
    ]);
    if t.any(&[
        "face", "muzzle", "eye", "eyes", "lips", "tongue", "throat", "neck", "mouth", "cheek*",
        "jaw",
    ]) && t.any(&["swell*", "swollen", "puff*", "hives", "scratchy", "tight"])
        || t.any(&["hives"]) && t.any(&["throat", "breath*", "sting*", "stung", "wheez*"])
    {
        return Some(
            if t.any(&["dog*", "puppy", "cat", "muzzle"]) || t.any(DOG_BREEDS) {
                Danger::Animal
            } else {
                Danger::Medical
            },
        );
    }
    // Bites and stings that need care now; any bat that touched or slept near someone.
    let bitten = t.any(&[
        "stung",
        "sting*",
        "bit",
        "bitten",
        "nipped",
        "bite",
        "scratched",
    ]);
    if bitten
        && t.any(&[
            "bat",
            "bats",
            "snake*",
            "rattl*",
            "raccoon*",
            "coyote*",
            "fox",
            "skunk*",
            "stray",
            "rabi*",
            "spider",
            "scorpion",
            "hornet*",
            "wasp*",
            "yellowjacket*",
            "bees",
            "swarm",
        ])
        // Stung many times ("got stung like 5 times"); not "getting bit 10 times" in a yard full
        // of mosquitoes.
        || t.any(&["stung", "sting*"]) && t.any(&["times"])
        || t.any(&["bat", "bats"])
            && t.any(&[
                "bare hand*",
                "picked it up",
                "touched",
                "crib",
                "slept",
                "sleeping",
                "baby",
                "nursery",
                "bedroom",
                "sons room",
                "daughters room",
                "kids room",
            ])
        || t.any(&["snake*", "rattl*"])
            && t.any(&["face", "puff*", "swell*", "bit*", "strike", "struck"])
    {
        return Some(Danger::Bite);
    }
    // A wild animal loose in the home, near someone who cannot get away.
    if t.any(&[
        "raccoon*",
        "coyote*",
        "skunk*",
        "snake*",
        "rattl*",
        "opossum",
        "possum",
        "bear",
        "wild animal",
        "bat",
        "bats",
    ]) && t.any(&[
        "kitchen",
        "bedroom",
        "living room",
        "in the house",
        "in our house",
        "inside",
        "in the room",
        "bathroom",
    ]) && t.any(&[
        "hiss*",
        "growl*",
        "aggressive",
        "attack*",
        "cornered",
        "between us",
        "baby",
        "kids",
        "my mom",
        "my dad",
        "elderly",
        "year old",
        "yr old",
        "80*",
        "90*",
        "recliner",
        "wheelchair",
        "bedridden",
    ]) {
        return Some(Danger::Bite);
    }
    // A pet in trouble: bloat, a seizure, loose near traffic. For a business that cares for
    // animals "he" and "she" are usually the pet; elsewhere a person is in trouble.
    let animal_care = profile.is_some_and(cares_for_animals);
    let kind = if t.any(&["dog*", "puppy", "cat", "cats", "kitten*", "pet", "pets"]) || animal_care
    {
        Danger::Animal
    } else {
        Danger::Medical
    };
    if pet_words
        && (t.any(&[
            "trying to throw up",
            "retch*",
            "dry heav*",
            "nothing comes out",
            "nothing coming out",
        ]) || t.any(&["belly", "stomach", "abdomen"])
            && t.any(&["tight", "swollen", "bloated", "hard", "distended", "puffed"])
            // (Legs paddling in a seizure, a dog paddling under a pool cover; not paddling a
            // kayak: "paddling is too slow for him".)
            || t.any(&["paddling"])
                && (t.any(&["legs", "leg", "paws", "feet", "on her side", "on his side"])
                    || !t.any(&[
                        "kayak*",
                        "board*",
                        "paddleboard*",
                        "canoe*",
                        "tour*",
                        "jet ski*",
                        "rent*",
                        "lesson*",
                        // (Asleep, or swimming for fun: "paddling in his sleep", "doggy
                        // paddling in the river".)
                        "sleep*",
                        "dream*",
                        "doggy",
                        "lake",
                        "river",
                        "creek",
                        "loves",
                    ]))
            || t.any(&[
                "didnt know who",
                "didnt recognize",
                "twitching",
                "shaking uncontrollably",
                "lying on her side",
                "lying on his side",
            ])
            // Breathing in distress ("breathing super fast and hard, stretching his neck out,
            // and his tongue looks kind of purple grey").
            || t.any(&[
                "breathing super fast",
                "breathing really fast",
                "breathing so fast",
                "breathing fast and hard",
                "breathing hard",
                "breathing heavy",
                "gasping",
                "struggling to breathe",
                "stretching his neck",
                "stretching her neck",
            ])
            || t.near(
                &["tongue", "gums"],
                &["purple", "blue", "grey", "gray", "white"],
                5,
            )
            || kind == Danger::Animal
                && t.any(&[
                    "got loose",
                    "ran off",
                    "took off",
                    "escaped",
                    "slipped out",
                    "out of her collar",
                    "out of his collar",
                    "slipped her collar",
                    "slipped his collar",
                    "out the gate",
                ]))
    {
        return Some(kind);
    }
    // A fall told as history ("since she slipped last spring") is why they call, not an
    // emergency now.
    let long_ago = t.any(&[
        "last spring",
        "last summer",
        "last fall",
        "last winter",
        "last year",
        "last month",
        "months ago",
        "years ago",
        "a while ago",
        "a while back",
        "ever since",
        "at thanksgiving",
        "on thanksgiving",
        "last week",
        "last weekend",
    ]) && !t.any(&[
        "just",
        "today",
        "tonight",
        "this morning",
        "right now",
        "cant get up",
    ]);
    // ...or as why they need equipment now ("she cant do the steps anymore after her fall").
    let long_ago = long_ago
        || t.any(&[
            "after her fall",
            "after his fall",
            "after my fall",
            "since her fall",
            "since his fall",
            "since my fall",
        ]) && t.any(&["anymore", "any more", "no longer"])
            && !t.any(&[
                "ago",
                "today",
                "tonight",
                "this morning",
                "this afternoon",
                "just",
            ]);
    let cannot_get_up = t.near(
        &["cant", "cannot", "couldnt", "unable", "wont"],
        &[
            "get up",
            "get myself up",
            "get herself up",
            "get himself up",
            "stand*",
            "get off the floor",
        ],
        3,
    );
    let head_hurt = t.any(&[
        "goose egg",
        "knot on",
        "lump on",
        "bump on",
        "hit his head",
        "hit her head",
        "hit my head",
        "banged his head",
        "banged her head",
        "threw up",
        "throwing up",
        "vomit*",
    ]);
    // "Moved away in the fall" is a season.
    let season = t.any(&[
        "in the fall",
        "this fall",
        "last fall",
        "next fall",
        "the fall season",
    ]);
    // A near miss ("she has almost fallen twice", "nearly fell on the ice") is why they call, not
    // a fall, unless someone got hurt or cannot get up.
    let near_miss = !t
        .without(&[
            "almost fell",
            "almost fallen",
            "almost falling",
            "almost falls",
            "almost fall",
            "nearly fell",
            "nearly fallen",
            "nearly falling",
            "nearly falls",
            "nearly fall",
        ])
        .any(FELL)
        && !cannot_get_up
        && !head_hurt
        && !t.any(FALL_SEVERE)
        && !t.any(&[
            "stuck",
            "cant move",
            "cant walk",
            "not moving",
            "on the floor",
            "hanging",
            "trapped",
        ]);
    if t.any(FELL)
        && !near_miss
        && !long_ago
        && !season
        && !t.any(&["fell asleep", "fell behind", "fell through"])
        && (t.any(FALL_SEVERE)
            || cannot_get_up
            || head_hurt
            || t.any(OLDER_PEOPLE)
            || t.any(OLD_AGE)
            || t.age_said().is_some_and(|age| age >= 65)
            || t.any(FROM_HEIGHT) && t.near(FALLERS, FELL, 12))
    {
        return Some(Danger::Medical);
    }
    let child = t.young_child();
    // A baby cut or with something in an eye ("my 8 month old... little sparkly bits in her hair
    // and a tiny bit of blood on her cheek and she keeps rubbing her eye").
    // (A baby's blood drawn, paint bleeding through, brakes bled on "my baby" are none.)
    let infant = t.any(&["month old", "months old", "mo old", "infant", "newborn"]);
    let baby = infant || t.any(&["baby", "babys", "my baby", "the baby"]);
    let not_a_wound = t.any(&[
        "blood test",
        "blood draw*",
        "blood drawn",
        "bloodwork",
        "blood work",
        "blood drive",
        "baby shower",
        "paint",
        "brake*",
        "bleeding through",
        "bleeding thru",
        "fluid",
    ]);
    if !not_a_wound
        && (infant && t.any(&["blood", "bleeding"])
            || baby
                && t.near(
                    &["glass", "shard*", "bits", "splinter*", "something"],
                    &["eye", "eyes"],
                    12,
                )
                && t.any(&[
                    "rubbing",
                    "rubs",
                    "in her eye",
                    "in his eye",
                    "fussing",
                    "crying",
                ]))
    {
        return Some(Danger::Medical);
    }
    if (child || t.any(&["kid", "kids", "child", "my son", "my daughter"]))
        && t.any(&[
            "really sleepy",
            "very sleepy",
            "so sleepy",
            "super sleepy",
            "wont wake",
            "hard to wake",
            "cant wake",
            "limp",
            "lethargic",
            "not acting right",
            "not herself",
            "not himself",
        ])
    {
        return Some(Danger::Medical);
    }
    // "We had that cold snap last week": weather, not a home without heat.
    // ("My dad has a cold coming on": an illness, not a house without heat.)
    let weather = t.without(&[
        // A heated class or room ("my midwife said no hot stuff", "a hot yoga class").
        "no hot stuff",
        "hot stuff",
        "hot class",
        "hot classes",
        "hot yoga",
        "hot room",
        // The season turning ("since it got cold ive been using my inhaler every night").
        "since it got cold",
        "when it got cold",
        "once it got cold",
        "since it turned cold",
        "since its gotten cold",
        "a cold",
        "head cold",
        "chest cold",
        "cold coming on",
        "cold snap",
        "cold spell",
        "cold front",
        "cold weather",
        "heat wave",
        "the cold",
        "out of the house",
        "out of the home",
        "out of our house",
        "out of the apartment",
        "out of the room",
        "out of town",
    ]);
    // ("She gets cold so easy her lips turn purple at the splash pad": how she is, no house
    // without heat.)
    let habitually = t.any(&[
        "gets cold",
        "get cold",
        "so easy",
        "so easily",
        "always cold",
        "runs cold",
    ]);
    if (t.any(OLDER_PEOPLE) || t.any(VULNERABLE) || child)
        && !habitually
        && weather.any(CLIMATE)
        && (weather.any(OUTAGE)
            // "Out" when it is the heat that is out ("the furnace went out", "ran out of
            // propane"), not "figure out where we go" or "out of the house".
            || weather
                .without(&[
                    "figured out",
                    "figure out",
                    "checked out",
                    "check out",
                    "looked at",
                    "warm out",
                    "hot out",
                    "nice out",
                ])
                .near(CLIMATE, &["out"], 4)
            // Shut out of the home ("locked herself out ... sitting in her car with the heater").
            || weather.near(&["locked"], &["out"], 2) && !weather.any(&["warm out", "nice out"])
            || weather.near(
                &["out of", "ran out", "run out", "running out"],
                &["oil", "propane", "fuel", "gas", "heat", "heating"],
                3,
            ))
    {
        return Some(Danger::Vulnerable);
    }
    // Anyone (a pet, a child) who ate something toxic: the pet words are not needed. A child
    // needs poison control or 911, a pet the animal emergency line.
    let pet = t.any(&[
        "dog*", "puppy", "pup", "cat", "cats", "kitten*", "pet", "pets",
    ]);
    // (The pet named as the owner of the pills, "my 2 yr old got the cats pill bottle open",
    // is not who swallowed them.)
    // (Said of a child, not of "a 9 year old beagle" or "my 10 wk old puppy".)
    let pet_ate = t.near(
        &["dog", "dogs", "puppy", "cat", "cats", "kitten", "pet"],
        &[
            "ate", "eaten", "swallow*", "chew*", "got into", "lick*", "drank", "drinking", "gulp*",
            "sip*", "lapped", "lapping",
        ],
        3,
    );
    let a_child_by_age = t.words.windows(3).any(|w| {
        ["yr", "year", "yo", "month", "mo"].contains(&w[0].as_str())
            && w[1] == "old"
            && [
                "just",
                "got",
                "is",
                "was",
                "ate",
                "has",
                "had",
                "found",
                "swallowed",
                "drank",
                "son",
                "daughter",
                "boy",
                "girl",
                "kid",
                "grabbed",
                "opened",
            ]
            .contains(&w[2].as_str())
    });
    let human_child = t.any(&[
        "toddler*",
        "baby",
        "son",
        "daughter",
        "kid",
        "kids",
        "child",
        "grandson",
        "granddaughter",
        "little one",
        "infant",
    ]) || a_child_by_age;
    // ("eating and drinking normally" is well.)
    let mouthed = t
        .without(&[
            "eating and drinking",
            "drinking normally",
            "drinking fine",
            "drinking ok",
            "drinking water",
        ])
        .any(MOUTHED);
    // ("found my 2 yr old w the bottle open behind the couch his mouth smells like it", after
    // "i been using the hot shot spray"): the smell of a product on a child's mouth.
    let smells_of_it = t.any(&[
        "mouth smells like",
        "breath smells like",
        "smells like it",
        "tastes like it",
    ]) && (t.any(&["bottle", "spray", "can", "cleaner", "jug", "container"])
        || t.any(TOXIC));
    let took_some = took_some_of_a_product(&t);
    let mouthed = mouthed || took_some;
    if child && (mouthed || smells_of_it) && (!pet || !pet_ate && human_child) {
        return Some(Danger::Medical);
    }
    // A product taken by someone of the family, whatever their age ("my daughter sipped the
    // pine sol, what do i do").
    if took_some
        && !pet_ate
        && t.any(&[
            "my daughter",
            "my son",
            "my kid",
            "my baby",
            "my child",
            "my toddler",
            "my husband",
            "my wife",
            "my mom",
            "my dad",
            "grandma",
            "grandpa",
        ])
    {
        return Some(Danger::Medical);
    }
    // Something chewed or swallowed, and now sick: whatever it was.
    let got_into = t.any(MOUTHED)
        || took_some
        || t.any(&["ate", "eaten", "got ahold", "got a hold", "got hold"]);
    let sick_after = t.any(&[
        "drool*",
        "threw up",
        "throwing up",
        "vomit*",
        "foam*",
        "shaking",
        "trembling",
        "seiz*",
        "collaps*",
        "lethargic",
        "wont stop",
    ]);
    let animal = pet || t.any(PETS) || t.any(DOG_BREEDS);
    if got_into && sick_after {
        return Some(if animal {
            Danger::Animal
        } else {
            Danger::Medical
        });
    }
    // Sick after a spray or a chemical nearby ("my 2 year old was outside playing by the
    // bushes while he did it. now shes thrown up twice and keeps rubbing her mouth").
    // (A spray the caller cleaned with is no exposure: "the cat threw up on it and we tried
    // spray cleaner".)
    let exposed = t
        .without(&[
            "spray cleaner",
            "cleaning spray",
            "spray bottle",
            "tried spray",
            "sprayed it with",
            "sprayed them with",
        ])
        .any(&[
            "sprayed",
            "spraying",
            "spray",
            "pesticide*",
            "insecticide*",
            "chemical*",
            "fumes",
            "fogged",
            "fogger",
            "sealer",
            "stripper",
            "solvent*",
            "thinner",
            "mineral spirits",
        ]);
    // Sick now, not as a rule ("bleach makes me lightheaded", "my cat vomits a lot anyway"),
    // and not a mess to clean ("the cat threw up on it and we tried spray cleaner").
    // (Built only when something was sprayed or used: most texts never need it.)
    const AS_A_RULE: &[&str] = &[
        "makes me dizzy",
        "make me dizzy",
        "gets me dizzy",
        "makes her dizzy",
        "makes him dizzy",
        "makes me lightheaded",
        "make me lightheaded",
        "makes me light headed",
        "make me light headed",
        "makes me sick",
        "make me sick",
        "makes her sick",
        "makes him sick",
        "makes me throw up",
        "make me throw up",
        "makes me puke",
        "gets dizzy",
        "dizzy spells",
        "vomits a lot",
        "throws up a lot",
    ];
    let sick_now = || {
        t.without(AS_A_RULE).any(&[
            "threw up",
            "thrown up",
            "throwing up",
            "puked",
            "puking",
            "vomit*",
            "drooling",
            // (Foaming at the mouth; spray foam is what the business puts in.)
            "foaming",
            "seizure*",
            "having a seizure",
            "collaps*",
            "cant breathe",
            "trouble breathing",
            "mouth feels funny",
            "dizzy",
            "lightheaded",
            "light headed",
            "barely stand*",
            "hardly stand*",
            "cant stand up",
            "passed out",
        ])
    };
    if exposed && sick_now() {
        return Some(if animal && !child {
            Danger::Animal
        } else {
            Danger::Medical
        });
    }
    // ("...rubs a raw place on my gum ... eating soup": the gum of a mouth, not a pack of gum.)
    // ("My dog ate my gum" is the candy.)
    let t_toxic = t.without(&[
        "my gums",
        "his gums",
        "her gums",
        "the gums",
        "gum line",
        "gumline",
        "on my gum",
        "on the gum",
        "sore gum",
        "sore gums",
    ]);
    if t.any(ATE) && t_toxic.any(TOXIC) && !t.any(&["dont eat", "wont eat", "not eating"])
        || t.any(PET) && t.any(&["poison*"])
    {
        let person = child
            || t.any(&[
                "son", "daughter", "kid", "kids", "child", "baby", "toddler*", "husband", "wife",
                "grandma*", "grandpa*", "my mom", "my dad",
            ]);
        // (The cat's pills a toddler ate are the toddler's emergency.)
        return Some(if person && (!pet || !pet_ate && human_child) {
            Danger::Medical
        } else {
            Danger::Animal
        });
    }
    // A bird's broken blood feather that keeps bleeding ("one of the new feathers on his wing
    // snapped and its still dripping, theres drops all over the paper").
    if t.any(&["feather*"])
        && t.any(&[
            "snapped",
            "broke",
            "broken",
            "cracked",
            "pulled out",
            "ripped",
        ])
        && t.without(&["blood feather", "blood feathers"])
            .any(&["dripping", "bleed*", "blood*", "drops"])
        && !t.any(&[
            "stopped",
            "has stopped",
            "not bleeding",
            "yesterday",
            "last week",
            "fine now",
            "hes fine",
            "shes fine",
            "its fine",
            "a little blood",
        ])
    {
        return Some(Danger::Animal);
    }
    // A cat breathing through its mouth or panting is in distress.
    if t.any(&["cat", "cats", "kitten*", "kitty", "kitties"])
        && t.any(&[
            "panting",
            "pants",
            "mouth open",
            "open mouth",
            "open mouthed",
        ])
    {
        return Some(Danger::Animal);
    }
    let groomy = t.any(&["nail*", "trim*", "groom*", "haircut", "matted", "mats"]);
    // (A dog by its breed too.)
    if (t.any(DOG_BREEDS) || t.any(PETS))
        && (t.any(PET_EMERGENCY) && !groomy || t.any(PET_EMERGENCY_STRONG))
    {
        return Some(Danger::Animal);
    }
    // A horse or farm animal that cannot stand or walk, something driven into a foot, hot feet
    // with a strange stance, a belly ache rolling: signs a vet must see today.
    // At a practice for horses and farm animals, "he" and "our 29 yr old" are the animal.
    let large_care = profile.is_some_and(cares_for_large_animals);
    // ("A big roofing nail sticking up out of the bottom of her back foot by the frog".)
    let in_the_sole = t.near(
        &["nail", "screw", "glass", "wire", "spike", "stick", "metal"],
        &[
            "bottom of her",
            "bottom of his",
            "bottom of the",
            "sole",
            "frog",
        ],
        8,
    );
    // ("Vet came out sat, pulled the shoe and said...": already in a vet's hands.)
    let seen_by_vet = t.any(&[
        "vet came",
        "vet was out",
        "vet was here",
        "vet already",
        "vet said",
        "vet pulled",
        "vet has",
        "vet put",
    ]);
    if (t.any(LARGE_ANIMAL) || large_care)
        && !seen_by_vet
        && (t.any(LARGE_ANIMAL_EMERGENCY) || t.any(PET_EMERGENCY) || in_the_sole)
    {
        return Some(Danger::Animal);
    }
    // Single words that mean danger unless they are this business's ordinary work, or said not
    // to have happened ("nobody got hurt").
    let nobody_hurt = t.near(
        &[
            "nobody", "no one", "noone", "not", "wasnt", "werent", "isnt", "no",
        ],
        &["hurt", "injured", "injuries", "bleeding"],
        2,
    );
    for w in WEAK_DANGER.iter().filter(|_| !nobody_hurt) {
        if t.any(&[w]) {
            let ordinary = profile.is_some_and(|p| service_words_include(p, &[w]));
            let serious = t.any(&[
                "badly",
                "seriously",
                "someone got",
                "somebody got",
                "someone is",
                "someone was",
                "got hurt",
                "is hurt",
                "was hurt",
                "hurt himself",
                "hurt herself",
                "hurt themselves",
                "hurt myself",
                "a lot",
                "wont stop",
            ]);
            if !ordinary || serious {
                if *w == "hurt" && !serious {
                    continue; // "my back hurts" is a reason to book, not an emergency
                }
                // "Still cracked and bleeding", "chapped and bleeding": skin that splits, sore
                // and worth a visit, not a wound (a head that cracked open still is one).
                let split_skin = t.near(&["cracked", "cracking", "chapped", "dry", "raw"], &[w], 3)
                    && !t.any(&["head", "skull", "fell", "fall", "hit", "cut", "gash*"]);
                if *w == "bleeding" && split_skin && !serious {
                    continue;
                }
                return Some(Danger::Medical);
            }
        }
    }
    None
}

/// A vet, groomer, kennel or daycare: its profile talks about pets.
fn cares_for_animals(profile: &BusinessProfile) -> bool {
    let all = format!(
        "{} {} {}",
        profile.business.about,
        profile
            .services
            .iter()
            .map(|s| format!("{} {}", s.name, s.description.as_deref().unwrap_or("")))
            .collect::<Vec<_>>()
            .join(" "),
        profile
            .faq
            .iter()
            .map(|f| f.a.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    );
    let t = Text::new(&all);
    t.any(&[
        "dog*", "puppy", "puppies", "cat", "cats", "pet", "pets", "canine", "feline", "vet*",
    ])
}

/// A practice for horses or farm animals: its profile talks about them.
fn cares_for_large_animals(profile: &BusinessProfile) -> bool {
    let all = format!(
        "{} {}",
        profile.business.about,
        profile
            .services
            .iter()
            .map(|s| format!("{} {}", s.name, s.description.as_deref().unwrap_or("")))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let t = Text::new(&all);
    if t.any(&["equine", "farrier", "hoof", "hooves", "livestock"]) {
        return true;
    }
    // Animals in the work itself, not a brand name in one service ("Mighty Mule" gate openers).
    profile
        .services
        .iter()
        .filter(|s| {
            Text::new(&format!(
                "{} {}",
                s.name,
                s.description.as_deref().unwrap_or("")
            ))
            .any(LARGE_ANIMAL)
        })
        .count()
        >= 2
        || Text::new(&profile.business.about).any(LARGE_ANIMAL)
}

/// Do the business's services (names, descriptions, keywords) use one of these words?
fn service_words_include(profile: &BusinessProfile, ws: &[&str]) -> bool {
    profile
        .derived(ServiceWords::new)
        .0
        .iter()
        .any(|w| ws.iter().any(|x| w.starts_with(x)))
}

/// The words of all the services' names, descriptions and keywords: made from the profile
/// alone, so once per profile value ([`BusinessProfile::derived`]).
struct ServiceWords(Vec<String>);

impl ServiceWords {
    fn new(profile: &BusinessProfile) -> Self {
        let mut all = Vec::new();
        for s in &profile.services {
            all.extend(words(&s.name));
            if let Some(d) = &s.description {
                all.extend(words(d));
            }
            for k in &s.keywords {
                all.extend(words(k));
            }
        }
        Self(all)
    }
}

// --- a person -----------------------------------------------------------------------------

const CALL: &[&str] = &["call", "calls", "phone", "phones", "telephone", "callback"];
/// Words that call someone only right before who is called ("ring me", "buzz us back"): a ring
/// is also a thing a jeweler sizes ("picked up my ring saturday after u sized it").
const CALL_RIGHT_BEFORE: &[&str] = &["ring", "buzz"];
const CALL_WHO: &[&str] = &[
    "me",
    "back",
    "us",
    "the house",
    "his cell",
    "her cell",
    "my cell",
    "my number",
    "this number",
    "him",
    "her",
    "you",
];
// Asking to talk now, not a story about who talked ("he talked her into it").
const TALK: &[&str] = &["talk", "talking", "speak", "speaking", "chat"];
const TALK_WHO: &[&str] = &[
    "someone",
    "somebody",
    "anyone",
    "anybody",
    "person",
    "people",
    "human",
    "owner",
    "manager",
    "boss",
    "tech",
    "technician",
    "doctor",
    "vet",
    "staff",
    "real",
    "live",
    "actual",
    "receptionist",
    "you guys",
    "a guy",
    "the guy",
    "a man",
    "a woman",
];
const PERSON: &[&str] = &[
    // More than a text can do ("this is probably more of a conversation than a text thread,
    // whoever handles the bigger accounts can reach me at this number").
    "more of a conversation",
    "more of a phone call",
    "reach me at this number",
    "reach me at this #",
    "can reach me at",
    "call me at this number",
    "whoever handles",
    // Who to take it up with ("They didn't mention a thing. Who do I talk to about this?").
    "who do i talk to",
    "who do i speak to",
    "who do i speak with",
    "who can i talk to",
    "who can i speak to",
    "who can i speak with",
    "who should i talk to",
    "who should i speak to",
    "who do i need to talk to",
    "who do i need to speak",
    "who should i contact",
    "who do i contact",
    "who do i call about",
    "who would i talk to",
    "who do i reach out to",
    "whos in charge",
    "who is in charge",
    "whos the manager",
    "who is the manager",
    "is there someone i can call",
    "is there someone i can talk to",
    "is there someone i can speak",
    "who can i ask about",
    // Someone asked for by name on a referral ("she said ask for him directly").
    "ask for him",
    "ask for her",
    "asked for him",
    "asked for her",
    // The owner asked for ("is the owner around?").
    "is the owner around",
    "is the owner there",
    "is the owner in",
    "is the owner available",
    "the owner around",
    "looking for the owner",
    "give me a call",
    "give me a ring",
    "give us a call",
    "give me a buzz",
    "me a call",
    "us a call",
    "an actual human",
    "an actual person",
    "a live human",
    "actual human",
    "best way to reach",
    "best number to call",
    "best number to reach",
    "way to reach",
    "telephone me",
    "phone me",
    "real person",
    "actual person",
    "live person",
    "a human",
    "human being",
    "talk to a human",
    "someone real",
    "real human",
    "representative",
    "operator",
    "an agent",
    "live agent",
    "real agent",
    "actual agent",
    "a manager",
    "your manager",
    "supervisor",
    "callback",
    "call back",
    "phone call",
    "can you call",
    "could you call",
    "please call",
    "over the phone",
    "by phone",
    "pick up the phone",
    "pick up your phone",
    "answer the phone",
    "answer your phone",
    "answer my call",
    "not a bot",
    "no bots",
    "stop being a bot",
    // Asked in Spanish: "¿alguien me puede llamar en español?"
    "llamar",
    "llamarme",
    "llámame",
    "llamame",
    "me llamen",
    "me llame",
    "hablar con alguien",
    "hablar con una persona",
    "en español",
    "en espanol",
];
const BOT: &[&str] = &[
    "auto text*",
    "auto repl*",
    "autorepl*",
    "auto message*",
    "bot",
    "robot",
    "ai",
    "automated",
    "automatic",
    "machine",
    "computer",
    "chatbot",
    "real",
    "human",
    "person",
];
const BOT_QUESTION: &[&str] = &[
    "is this",
    "are these",
    "are you",
    "am i talking",
    "am i texting",
    "am i speaking",
    "is that",
    "this a",
    "youre a",
    "you a",
];
const NO_TEXT: &[&str] = &[
    "dont want to text",
    "dont like texting",
    "dont text",
    "dont do text*",
    "hate texting",
    "hate text*",
    "not good at texting",
    "not good with text*",
    "cant text",
    "rather not text",
    "rather talk",
    "rather speak",
    // Too much to put in a text ("It's a lot to type on this little phone ... I would much
    // rather explain it to somebody").
    "rather explain",
    "rather tell somebody",
    "rather tell someone",
    "a lot to type",
    "too much to type",
    "hard to type",
    "hard for me to type",
    "prefer to talk",
    "prefer to speak",
    "prefer a call",
    "prefer calling",
    "prefer talking",
    "not over text",
    "not by text",
    "easier to talk",
    "easier to explain",
    "easier on the phone",
    "easier if someone",
    "easier if somebody",
    "easier if you call",
    "easier to call",
    "easier over the phone",
    "too much to text",
    "too complicated to text",
    "stop texting and call",
    "just call",
    "can someone call",
    "can somebody call",
    "have someone call",
    "have somebody call",
    "get someone to call",
    "give me a holler",
    "give me a call",
    "give me a ring",
    "give me a shout",
    "give me a buzz",
    "give us a call",
    "give us a ring",
    "give us a holler",
    "give us a shout",
    "hit me up",
    // ("have him hit me back when he can"; not "it hit me back in the face")
    "hit me back when",
    "hit me back asap",
    "hit me back pls",
    "hit me back please",
    "hit me back at",
    "hit me back today",
    "hit me back tmrw",
    "hit me back tomorrow",
    "him hit me back",
    "her hit me back",
    "someone hit me back",
    "hit us back when",
    "reach out to me",
    "someone reach out",
    "somebody reach out",
    "someone contact me",
    "someone get in touch",
    "somebody get in touch",
    "give him a call",
    "give her a call",
    "give them a call",
    "give my dad a call",
    "give my mom a call",
    "not do text*",
    "doesnt do text*",
    "doesnt text",
    "doesnt like texting",
    "wont text",
    "get in touch with me",
    "rather go thru",
    "rather go through",
    "rather deal with",
    "rather work with",
    "rather hear from",
    "rather just hear from",
    "rather just talk",
    "rather just speak",
    "rather just call",
    "than typing",
    "than texting",
    "than text",
    "than doing this by text",
    "on the phone than",
    "rather not type",
    "dont want to type",
];

/// The caller asks for a person, to be phoned, or whether anyone real is there.
pub fn wants_person(text: &str) -> bool {
    let t = Text::new(text);
    // "Yall quoted me $95 over the phone": what was said on a call before, not asking for one.
    let t = if t.near(
        &[
            "quoted", "told", "said", "gave", "agreed", "promised", "booked", "ordered", "paid",
        ],
        &["over the phone"],
        8,
    ) {
        t.without(&["over the phone"])
    } else {
        t
    };
    if t.any(PERSON) || t.any(NO_TEXT) {
        return true;
    }
    if t.any(&["dont", "not", "rather", "no", "cant", "hate"])
        && t.any(&[
            "over text",
            "by text",
            "via text",
            "through text",
            "over texting",
            "on text",
        ])
    {
        return true;
    }
    // Someone else's phone ("she was on her phone the whole session") asks for no call.
    let calls = t.without(&[
        // Shopping around ("just curious before i call around").
        "call around",
        "calling around",
        "call around first",
        "call me in",
        "calls me in",
        "called me in",
        "call us in",
        "call in sick",
        "called in sick",
        "on her phone",
        "on his phone",
        "on their phone",
        "on my phone",
        "on the phone the whole",
        "her phone",
        "his phone",
        // Someone else sent them to us ("the landlord ... he say call you for the heat").
        "said call",
        "say call",
        "says call",
        "said to call",
        "says to call",
        "told me to call",
        "told me call",
        "told us to call",
        "told us call",
        "said i should call",
        "said we should call",
        // The back of a phone ("my phones back is separating from the frame").
        "phones back",
        "phone back is",
        "phone back cover",
        "phone back glass",
        // A call asked not to be made ("its a surprise so please dont call him").
        "dont call",
        "do not call",
        "dont phone",
        "do not phone",
        "no need to call",
        "dont need to call",
        "dont need a call",
    ]);
    // Within one sentence: "before i call anybody.. do yall deal with insurance" is the caller
    // phoning someone else, then a question to us.
    let called = |t: &Text| t.near(CALL, CALL_WHO, 3) || t.near(CALL_RIGHT_BEFORE, CALL_WHO, 1);
    let call_asked = called(&calls)
        && text
            .split(['.', '?', '!', '\n'])
            .any(|s| called(&Text::new(s)));
    if call_asked {
        return true;
    }
    // "Is kelsey still there??": one of the people asked after by name.
    let still_there = text.contains('?')
        && t.words.windows(4).any(|w| {
            w[0] == "is"
                && w[2] == "still"
                && ["there", "around", "working", "with", "at"].contains(&w[3].as_str())
                && w[1].len() >= 3
                && w[1].chars().all(|c| c.is_ascii_alphabetic())
                && ![
                    "it",
                    "that",
                    "this",
                    "there",
                    "the",
                    "everything",
                    "anything",
                    "something",
                    "water",
                    "leak",
                    "offer",
                    "deal",
                    "price",
                    "sale",
                    "spot",
                    "slot",
                    "opening",
                    "appointment",
                    "time",
                    "special",
                    "coupon",
                    "discount",
                    "warranty",
                    "place",
                    "shop",
                    "store",
                    "office",
                    "business",
                ]
                .contains(&w[1].as_str())
        });
    if still_there {
        return true;
    }
    // "Somebody needs to get back to me tonight": a person asked to answer, not the thread.
    if t.near(
        &[
            "someone",
            "somebody",
            "anyone",
            "anybody",
            "a person",
            "a human",
            "the owner",
            "manager",
        ],
        &[
            "get back to me",
            "get back to us",
            "reach out to me",
            "reach out to us",
            "contact me",
        ],
        4,
    ) {
        return true;
    }
    // Asking for someone by name: "i just want to talk to megan", "can i speak with dr patel"
    // (not "i need to talk to my wife first").
    const WISH: &[&str] = &[
        "want", "wanna", "need", "can", "could", "let", "like", "may",
    ];
    let asks_for_named = (2..t.words.len()).any(|i| {
        TALK.contains(&t.words[i - 1].as_str())
            && matches!(t.words[i].as_str(), "to" | "with")
            && t.words.get(i + 1).is_some_and(|who| {
                !matches!(
                    who.as_str(),
                    "you"
                        | "yall"
                        | "u"
                        | "about"
                        | "my"
                        | "our"
                        | "them"
                        | "him"
                        | "her"
                        | "it"
                        | "that"
                        | "this"
                        | "me"
                        | "us"
                        | "your"
                        | "a"
                        | "an"
                        | "some"
                )
            })
            && t.words[i.saturating_sub(4)..i - 1]
                .iter()
                .any(|w| WISH.contains(&w.as_str()))
    });
    if asks_for_named && !talk_told_of(&t) {
        return true;
    }
    // "Is Bev in today?", "is he around?": asking whether someone of theirs is there.
    const NOT_SOMEONE: &[&str] = &[
        // "Is someone available today?" asks for a visit, not for a person by name.
        "someone",
        "somebody",
        "anyone",
        "anybody",
        "something",
        "one",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "morning",
        "afternoon",
        "it",
        "this",
        "that",
        "the",
        "there",
        "your",
        "my",
        "our",
        "a",
        "an",
        "anything",
        "what",
        "where",
        "when",
        "how",
        "which",
        "who",
        "why",
        "today",
        "tomorrow",
        "everything",
    ];
    let is_someone_in = t.words.windows(4).any(|w| {
        w[0] == "is"
            && !NOT_SOMEONE.contains(&w[1].as_str())
            && !w[1].chars().all(|c| c.is_ascii_digit())
            && matches!(w[2].as_str(), "in" | "around" | "available" | "working")
            && matches!(
                w[3].as_str(),
                "today" | "now" | "tomorrow" | "this" | "still"
            )
    }) || t.words.windows(3).any(|w| {
        w[0] == "is"
            && matches!(w[1].as_str(), "he" | "she")
            && matches!(
                w[2].as_str(),
                "in" | "around" | "there" | "available" | "working"
            )
    }) || t.words.len() >= 3 && {
        // ...also as the last words of the text ("is bev in").
        let w = &t.words[t.words.len() - 3..];
        w[0] == "is"
            && !NOT_SOMEONE.contains(&w[1].as_str())
            && matches!(w[2].as_str(), "in" | "around" | "available")
    };
    // "I'd really like to talk to him directly": the person, not a relative to ask first.
    let directly = t.any(&[
        "to him directly",
        "to her directly",
        "with him directly",
        "with her directly",
        "to them directly",
    ]);
    if is_someone_in || directly {
        return true;
    }
    // "A quick call would be way easier", "calling works better for me", "texting is tough".
    const SPOKEN: &[&str] = &[
        "call",
        "calling",
        "phone",
        "talk",
        "talking",
        "speak",
        "conversation",
    ];
    const BETTER: &[&str] = &[
        "easier", "better", "quicker", "faster", "simpler", "prefer*", "rather",
    ];
    const TEXTING: &[&str] = &["texting", "text", "texts", "typing", "type"];
    const HARD: &[&str] = &[
        "tough",
        "hard",
        "difficult",
        "pain",
        "annoying",
        "not easy",
        "a hassle",
        "hassle",
        "terrible",
        "awful",
        "bad",
        "not great",
        "hate",
    ];
    let spoken_is_better = (t.near(SPOKEN, BETTER, 5) || t.near(BETTER, SPOKEN, 8))
        && !t.any(&["call back later", "ill call"]);
    let texting_is_hard = t.near(TEXTING, HARD, 5) || t.near(HARD, TEXTING, 3);
    // "Talking to the acupuncturist voice to voice", "hop on a call".
    if t.any(&[
        "voice to voice",
        "hop on a call",
        "jump on a call",
        "get on a call",
        "on the phone with",
        "talking to the",
        "talk to the",
        "speak with the",
        "speak to the",
        "talk with the",
    ]) {
        return true;
    }
    if spoken_is_better || texting_is_hard {
        return true;
    }
    // "Can someone come meet him and talk thru what he needs": a visit, where the talking
    // happens in person.
    let visit = t.any(&[
        "someone come",
        "somebody come",
        "someone to come",
        "somebody to come",
        "come meet",
        "come out and",
        "come by and",
        "come over and",
        "in person",
    ]);
    let named_who = t.any(&TALK_WHO[6..]);
    if t.any(TALK) && t.any(TALK_WHO) && (named_who || !visit) && !talk_told_of(&t) {
        return true;
    }
    t.any(BOT_QUESTION)
        && t.near(
            // ("Are these auto replies?", "are these texts automated")
            &[
                "this", "you", "talking", "texting", "speaking", "a", "youre", "these", "texts",
                "replies", "messages",
            ],
            BOT,
            7,
        )
        && t.any(&[
            "auto text*",
            "auto repl*",
            "autorepl*",
            "auto message*",
            "bot",
            "robot",
            "ai",
            "automated",
            "machine",
            "computer",
            "chatbot",
            "real person",
            "a real",
            "human",
            "a person",
        ])
}

/// A verb of work done, right after who did it: a regular past tense ("drilled", "changed") or
/// one of `irregular` ("put", "did").
fn did_work(v: &str, irregular: &[&str]) -> bool {
    v.len() > 4 && v.ends_with("ed") || irregular.contains(&v)
}

/// "There are 3 extra holes in my wall from where he drilled in the wrong place": someone did
/// work at the caller's home and the text never says who, so it is whoever both sides know came
/// (ours), not a husband or a neighbour named before.
fn unnamed_worker_did(t: &Text, raw: &str) -> bool {
    const SOMEONE_NAMED: &[&str] = &[
        "tenants",
        "movers",
        "roommates",
        "neighbors",
        "neighbours",
        "dogs",
        "cats",
        "previous",
        "husband",
        "wife",
        "son",
        "daughter",
        "dad",
        "mom",
        "father",
        "mother",
        "brother",
        "sister",
        "boyfriend",
        "girlfriend",
        "friend",
        "buddy",
        "neighbor",
        "neighbour",
        "landlord",
        "roommate",
        "kid",
        "kids",
        "baby",
        "grandpa",
        "grandma",
        "contractor",
        "plumber",
        "electrician",
        "handyman",
        "builder",
        "dog",
        "cat",
        "puppy",
        "cousin",
        "uncle",
        "aunt",
        "nephew",
        "niece",
        "partner",
        "boss",
        "coworker",
        "tenant",
        "owner",
        "owners",
    ];
    const DID: &[&str] = &[
        "put", "left", "did", "broke", "cut", "made", "took", "dug", "hung", "drove", "tore",
    ];
    let w = &t.words;
    let Some(i) = w
        .iter()
        .position(|x| matches!(x.as_str(), "he" | "she" | "they"))
    else {
        return false;
    };
    let did = w.get(i + 1).is_some_and(|v| did_work(v, DID));
    // Nor someone named by name before ("Joe from next door hung our tv and he drilled..."):
    // a capitalised word that does not open a sentence.
    let head: Vec<&str> = raw
        .split_whitespace()
        .take_while(|r| {
            !matches!(
                r.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
                    .as_str(),
                "he" | "she" | "they"
            )
        })
        .collect();
    // (Opening the text, a capital is a name unless it is a common first word.)
    const OPENERS: &[&str] = &[
        "the",
        "my",
        "our",
        "we",
        "hi",
        "hey",
        "hello",
        "so",
        "just",
        "your",
        "you",
        "its",
        "it",
        "this",
        "that",
        "there",
        "when",
        "after",
        "last",
        "yesterday",
        "today",
        "ok",
        "okay",
        "well",
        "and",
        "but",
        "a",
        "an",
        "i",
        "im",
        "ive",
        "id",
        "ill",
    ];
    let named_before = head.iter().enumerate().any(|(k, r)| {
        let bare = r
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        r.starts_with(|c: char| c.is_uppercase())
            && !OPENERS.contains(&bare.as_str())
            && (k == 0 || !head[k - 1].ends_with(['.', '!', '?']))
    });
    did && !named_before && !w[..i].iter().any(|x| SOMEONE_NAMED.contains(&x.as_str()))
}

/// Every "talk to someone" in the text is advice passed on or someone else's wish, told as the
/// reason for writing ("my doctor said i should talk to someone", "hes the one who asked if he
/// could talk to somebody"), not the caller asking us for a person.
fn talk_told_of(t: &Text) -> bool {
    // Each ends right before the word for talking ("said i should talk", "asked if he could
    // talk"), so "the estimate you recommended seems high, id like to talk to the owner" still
    // asks for a person.
    const TOLD: &[&str] = &[
        "said i should",
        "says i should",
        "said we should",
        "said he should",
        "said she should",
        "thinks i should",
        "thinks he should",
        "thinks she should",
        "told me to",
        "told him to",
        "told her to",
        "told us to",
        "suggested i",
        "suggested we",
        "recommended i",
        "recommended we",
        "advised me to",
        "asked if he could",
        "asked if she could",
        "asked if they could",
        "asked if i could",
        "wants him to",
        "wants her to",
        "wanted him to",
        "wanted her to",
        // Talks going on ("we're talking to u guys about doing our floor in january"); not a
        // call that dropped ("i was talking with your tech and the call dropped").
        "were",
        "we are",
        "weve been",
        "already",
    ];
    let w = &t.words;
    let talks: Vec<usize> = (0..w.len())
        .filter(|&i| TALK.contains(&w[i].as_str()))
        .collect();
    !talks.is_empty()
        && talks.iter().all(|&i| {
            let before = format!(" {} ", w[i.saturating_sub(5)..i].join(" "));
            TOLD.iter().any(|p| before.ends_with(&format!(" {p} ")))
        })
}

// --- complaints ---------------------------------------------------------------------------

/// Words that are a complaint on their own.
const ANGER: &[&str] = &[
    // Disbelief that the job was done ("did anybody even pump the whole thing").
    "did anybody even",
    "did anyone even",
    "did you even",
    "did u even",
    "did yall even",
    "did you guys even",
    // Asked and not heard ("asked like 3 times for lighter pressure... i wasnt being listened to").
    "wasnt being listened to",
    "was not being listened to",
    "werent listening to me",
    "ignored my request*",
    "asked like 3 times",
    "asked 3 times",
    "asked three times",
    "asked multiple times",
    "asked several times",
    "rolled her eyes",
    "rolled his eyes",
    "rolled their eyes",
    "eye roll*",
    "not thrilled",
    "this is ridiculous",
    "thats ridiculous",
    "this is insane",
    "this is a joke",
    "nobody told me",
    "no one told me",
    "never told me",
    // ("...u can see his ribs. nobody said a thing about him not eating. honestly not sure why
    // we keep coming back")
    "nobody said a thing",
    "nobody said anything",
    "no one said a thing",
    "no one said anything",
    "why we keep coming back",
    "why i keep coming back",
    "can never be replaced",
    "cant be replaced",
    "irreplaceable",
    "feel sick about",
    // ("...starting to feel like i got taken")
    "got taken",
    "getting taken",
    "been taken",
    "taken advantage",
    "nobody told us",
    "no one told us",
    "nobody let us know",
    "nobody let me know",
    // Chasing us again and again ("every time i call its 'next week'").
    "every time i call",
    "every time we call",
    "every time i text",
    "every time i ask",
    "each time i call",
    "at this point i just want",
    "im not laughing",
    // ("...nobody said anything or left a note")
    "nobody said anything",
    "no one said anything",
    "or left a note",
    "not what we agreed",
    "not what i agreed",
    // A mix-up in our care ("the card on the box says Bella. our dog was Stella... how we even
    // know it's her").
    "how we even know",
    "how do we even know",
    "how do i even know",
    "wrong name on",
    // Promised one thing, got another ("i thought this was supposed to be dustless??").
    "thought this was supposed to",
    "thought it was supposed to",
    "not laughing",
    // Leaving us over it ("honestly thinking about going somewhere else").
    "thinking about going somewhere else",
    "thinking of going somewhere else",
    "take our business elsewhere",
    "take my business elsewhere",
    "not ok",
    "not okay",
    "not acceptable",
    "not paying",
    "wont pay",
    "make this right",
    "makes this right",
    "make it right",
    "kind of upset",
    "pretty upset",
    "annoyed",
    "for what we paid",
    "for what i paid",
    // What the caller paid for did not happen ("the entire point of paying you was so this
    // wouldnt happen").
    "point of paying",
    "point of hiring",
    "what i paid you for",
    "what we paid you for",
    "i expected",
    "charged twice",
    "rude",
    // ("when i finally got somebody she was real short w me")
    "short with me",
    "short w me",
    "short with us",
    "short w us",
    "unprofessional",
    "never been treated",
    "treated like that",
    "treated like this",
    "treated me like",
    "laughed at",
    "laughed about",
    "made fun",
    "humiliat*",
    "embarrassed me",
    "embarrassed her",
    "embarrassed him",
    "talked down",
    "condescending",
    "nobody said a word",
    "no one said a word",
    "didnt say a word",
    "didnt even leave a note",
    "no note",
    "now i owe",
    "now we owe",
    "wouldnt owe",
    "would not owe",
    "nobody mentioned",
    "no one mentioned",
    "never mentioned",
    "who is going to pay",
    "whos going to pay",
    "who pays for",
    "who is paying",
    "be made right",
    "made right",
    "nobody mentioned it",
    "no one mentioned it",
    "not the first time",
    "isnt the first time",
    "wasnt the first time",
    "second time this",
    "third time this",
    "want this resolved",
    "want this sorted",
    "billing mistake",
    "billing error",
    "wrong amount",
    "charged for 2",
    "charged for two",
    "charged for both",
    "charged extra",
    "billed twice",
    "billed me twice",
    "duplicate charge",
    "double charge*",
    "reversed",
    "reverse the charge",
    "whos paying",
    "who is paying",
    "who pays",
    "intend to do about",
    "going to do about",
    "gonna do about",
    "not happy",
    "unhappy",
    "disappointed",
    // ("not cool at all", "kind of a letdown for my husband's 40th")
    "not cool at all",
    "thats not cool",
    "so not cool",
    "really not cool",
    "was not cool",
    "letdown",
    "never been like this",
    "real professional",
    "so professional",
    "complaint",
    "complain*",
    "lawyer",
    "attorney",
    "sue",
    "suing",
    "lawsuit",
    "legal action",
    "small claims",
    "refund*",
    "money back",
    "my money",
    "reimburs*",
    "overcharg*",
    "charged me twice",
    "double charged",
    "charged twice",
    "charged us twice",
    // The bank shows it twice ("my bank shows $3,950 taken out twice").
    "taken out twice",
    "went through twice",
    "shows up twice",
    "showing up twice",
    "shows twice",
    "hit twice",
    "payment out twice",
    "card 2 times",
    "card two times",
    "pulled out twice",
    "withdrawn twice",
    "debited twice",
    "deducted twice",
    "posted twice",
    "ran my card twice",
    "billed twice",
    "billed me twice",
    "2 charges",
    "two charges",
    "duplicate charge*",
    "dispute",
    "chargeback",
    "scam*",
    "ripped off",
    "rip off",
    "ripoff",
    "furious",
    "pissed",
    "livid",
    "fed up",
    "never again",
    "not what i was told",
    "not what we were told",
    "not what i was promised",
    "not what we were promised",
    "not what i paid for",
    "not what we paid for",
    "waste of money",
    "threw that money away",
    "threw my money away",
    "threw our money away",
    "money down the drain",
    "waste of time",
    "wasted my",
    "bbb",
    "better business bureau",
    "review",
    "yelp",
    "1 star",
    "one star",
    "report you",
    "wtf",
    "bullshit",
    "no show",
    "no showed",
    "never showed",
    "never came",
    "nobody showed",
    "no one showed",
    "nobody came",
    "no one came",
    "didnt show",
    "stood me up",
    "still waiting",
    "unbelievable",
    "make this right",
    "make it right",
    "so upset",
    "very upset",
    "really upset",
    "worst service",
    "terrible service",
    "not impressed",
    "unimpressed",
    "not what we paid for",
    "not what i paid for",
    "not really what we paid for",
    "not really what i paid for",
];
/// Words that are a complaint when they are about the business ("your tech was rude"), not about
/// the problem ("an awful noise").
const PROFANITY: &[&str] = &["damn", "hell", "crap", "crappy", "bs", "shit*", "wtf"];
/// Who the swearing is about, said plainly: us, not a generic "you".
const AT_US_STRICT: &[&str] = &[
    "your",
    "yall",
    "you all",
    "you guys",
    "you people",
    "this company",
    "this place",
];
const ANGER_AT_US: &[&str] = &[
    "terrible",
    "horrible",
    "awful",
    "worst",
    "ridiculous",
    "unacceptable",
    "incompetent",
    "outrageous",
    "disgust*",
    "disappoint*",
    "frustrat*",
    "angry",
    "so mad",
    "really mad",
    "damaged",
    "ruined",
    "messed up",
    "screwed up",
    "botched",
    "sick of",
];
const AT_US: &[&str] = &[
    "you",
    "your",
    "yall",
    "service",
    "company",
    "experience",
    "guys",
    "tech*",
    "staff",
    "worker*",
    "people",
    "this place",
    "business",
    "cleaner*",
    "groomer*",
    "mechanic*",
];
const PAST_SERVICE: &[&str] = &[
    "your crew",
    "you put",
    "you all put",
    "put a new",
    "put in a new",
    "repair done",
    "work done",
    "service done",
    "your guy",
    "your tech*",
    "your man",
    "your worker*",
    "your cleaner*",
    "your team",
    "your mechanic*",
    "your groomer*",
    "your staff",
    "you came",
    "came out",
    "came last",
    "was here",
    "were here",
    "was out",
    "were out",
    "you fixed",
    "you repaired",
    "fixed",
    "repaired",
    "installed",
    "replaced",
    "serviced",
    "paid",
    "charged",
    "last time",
    "you did",
    "did it",
    "after the",
    "after your",
    "since you",
    "since the",
    // Brought to us ("we brought Clover in nov 19 for the teeth filing").
    "we brought",
    "i brought",
    "brought her in",
    "brought him in",
    "brought it in",
    "took her in",
    "took him in",
];
/// Our own visit, named outright: "your guy", "you came out", "since you fixed it".
const OUR_VISIT: &[&str] = &[
    "your crew",
    "you put",
    "you all put",
    "your guy*",
    "your tech*",
    "your man",
    "your worker*",
    "your cleaner*",
    "your team",
    "your mechanic*",
    "your groomer*",
    "your staff",
    "your people",
    "your walker*",
    "your sitter*",
    "your trainer*",
    "your driver*",
    "your instructor*",
    "your teacher*",
    "your barber*",
    "your stylist*",
    "your installer*",
    "your employee*",
    "your new guy",
    "your person",
    "you came",
    "you all came",
    "you guys came",
    "you fixed",
    "you repaired",
    "you installed",
    "you replaced",
    "you cleaned",
    "you did",
    "you were here",
    "you were out",
    "from you last",
    "back from you",
    "picked up from you",
    // ("Since you", "after you", "when you" count with a past verb after them, in
    // `our_past_work`: "since you do ceilings" is what we do, not a visit.)
    "after your",
];
/// A bad time had elsewhere, said without naming a company of ours ("burned by a scammy company
/// last yr", "at my old place").
const ELSEWHERE: &[&str] = &[
    "burned by",
    "burnt by",
    "got burned",
    "got burnt",
    "my old place",
    "my old house",
    "my old apartment",
    "our old place",
    "our old house",
    "a scammy",
    "other companies",
    "another outfit",
    "the dealer",
    "the dealership",
];
/// Someone else's work: a caller who had a bad time elsewhere is a customer, not a complaint.
const OTHER_COMPANY: &[&str] = &[
    "last company",
    "other company",
    "previous company",
    "another company",
    "old company",
    "last guy",
    "other guy",
    "previous guy",
    "last place",
    "other place",
    "previous owner*",
    "last contractor",
    "another contractor",
    "someone else",
    "somebody else",
];
/// Words that describe an ordinary job ("a broken branch", "pet stains") as well as damage
/// after our work: a complaint only when our visit is named.
const DAMAGE: &[&str] = &[
    // What was the caller's, given away or thrown out ("your team donated the cedar chest...
    // it had a KEEP sticker").
    "donated",
    "threw out",
    "threw away",
    "thrown out",
    "thrown away",
    "tossed",
    "got rid of",
    "gave away",
    // A promise not kept, harm left behind ("thought you guys were supposed to run a magnet",
    // "my wifes car got a flat").
    "were supposed to",
    "was supposed to",
    "ones supposed to",
    "got a flat",
    "flat tire",
    "left behind",
    "stain*",
    "peeling",
    "ripped",
    "torn",
    "streak*",
    "all over my",
    "still",
    "again",
    "worse",
    "broke*",
    "cracked",
    "scratch*",
    // Water left behind ("the bottom of the cabinet is soaked and puffed up... one of the fittings
    // he put on is dripping"), a floor gouged on the way out.
    "soaked",
    "puffed up",
    "swelled",
    "warped",
    "dripping",
    "puddle*",
    "water on the floor",
    "gouge*",
    "chunk out",
    "stained",
    "chipped",
    "dented",
    "a dent",
    "in pieces",
    "shattered",
    "smashed",
    "missing",
    // Carelessness on a visit ("left our gate wide open, the dog got out", "tracked sooty
    // footprints across the carpet", "no drop cloth").
    "tracked",
    "footprints",
    "ground into",
    "drop cloth*",
    "scraped",
    "left the old",
    "left a pile",
    "left a coffee",
    "left their",
    "greasy",
    "carpet cleaner",
    "wide open",
    "left open",
    "left the gate",
    "left our gate",
    "left my gate",
    "left the door",
    "got out",
    "ran off",
    // Noise left behind ("the fan hums so loud you can hear it thru the bedroom wall").
    "so loud",
    "too loud",
    "really loud",
    "super loud",
    "noisy",
    "keeps us up",
    "all night long",
    // Asked for one thing and got another ("i literally asked her to keep the heat low").
    // Bent or broken on the visit ("the gutter over the door is bent now... that wasnt like
    // that before").
    "is bent",
    "are bent",
    "got bent",
    "bent now",
    "all bent",
    "wasnt like that before",
    "been dark",
    "went dark",
    // Frozen and split after a winterizing ("the exhaust manifold froze and split").
    "split",
    "froze",
    // Hair or a part breaking after the work ("little pieces are snapping off when I brush it").
    "snapping off",
    "breaking off",
    // Animals lost after a visit ("6 of my discus were floating", "the hamster died").
    "dead",
    "died",
    "floating",
    "belly up",
    "killed",
    "asked her to",
    "asked him to",
    "asked them to",
    "told her to",
    "told him to",
    "specifically asked",
    "literally asked",
    "ever since",
    // Work put where it should not be ("drilled in the wrong place first and just left them").
    "wrong place",
    "wrong spot",
    "extra holes",
];
/// A bill the caller disputes ("the bill says 312 gallons on a 250 gallon tank, somethings not
/// adding up"), not a question about prices.
const BILLED: &[&str] = &[
    "bill",
    "billed",
    "invoice*",
    "charged",
    "ran my card",
    "another charge",
    "charge on my card",
    "walked out paying",
    "paid",
    "paying",
    "ran our card",
    "ran the card",
    "charged my card",
    "statement",
    "receipt",
];
const DISPUTED: &[&str] = &[
    // ("Invoice says 9 hours... they got there at 10 and left at 4... someone needs to explain
    // this to me")
    "explain this",
    "explain that",
    "explain why",
    "needs to explain",
    "left at",
    // A charge never spoken of ("a shop supplies charge on the bill nobody ever mentioned"), or
    // asked about as a wrong ("u charged 7 nights, she was there 5. whats going on").
    "nobody mentioned",
    "nobody ever mentioned",
    "no one mentioned",
    "no one ever mentioned",
    "never mentioned",
    "whats going on",
    "what is going on",
    // Work nobody agreed to ("sheathing replacement on it that nobody ever asked me about").
    // ("...told me Medicare would take care of it. I don't understand why we are being billed.")
    "dont understand why",
    "why we are being",
    "why am i being",
    "why are we being",
    "nobody asked",
    "nobody ever asked",
    "nobody actually asked",
    "nobody asked me",
    "no one actually asked",
    "no one asked",
    "never asked",
    "didnt ask",
    "never approved",
    "didnt approve",
    "never agreed",
    "didnt agree",
    "never signed",
    "didnt sign",
    "without asking",
    "without telling",
    "not adding up",
    "doesnt add up",
    "dont add up",
    "not add up",
    "overcharg*",
    "double charg*",
    "charged twice",
    "charged us twice",
    "charged me twice",
    "never ordered",
    "didnt order",
    // Charged in full for what did not happen ("yall still ran my card for the whole thing").
    "still ran",
    "still charged",
    "for the whole thing",
    "never got",
    "not right",
    "is wrong",
    "was wrong",
    "mistake",
    "twice",
    "never even",
    "didnt even",
    "off the bill",
    // Who pays for a mistake ("how is that on us", "whos covering that?").
    "on us",
    "how is that",
    "why am i paying",
    "why should i",
    "why should we",
    "your mistake",
    "your fault",
    "whos covering",
    "who is covering",
    "whos paying",
    "who pays",
    "wreck my credit",
    "collection*",
    // Hours billed that were not worked ("says 3.5 hrs labor, your tech was here an hour and a
    // half tops, I have it on camera").
    "tops",
    "at most",
    "on camera",
    "only here",
    "only there",
    "was here maybe",
    "was here for like",
    "need that fixed",
    "get that fixed",
    "fix the bill",
    "corrected",
    "taken off",
    "take it off",
    "sorted out",
    "fix this",
    // Charged after cancelling, and wanting it back.
    "still charged",
    "charged again",
    "put back",
    "put that back",
    "credit it back",
    "credited back",
    "after i cancelled",
    "after we cancelled",
    "i cancelled",
    "we cancelled",
    // Disbelief at the charge ("a $150 storage fee on it?? for the days YOU had it sitting.
    // thats crazy").
    "thats crazy",
    "thats insane",
    "outrageous",
    "for the days you",
    // Billed for what was already paid ("I paid that at the front desk ... receipt right here").
    "already paid",
    "i paid that",
    "i paid this",
    "i paid it",
    "we paid that",
    "we paid this",
    "we paid it",
    "paid in full",
    "receipt right here",
    "have the receipt",
    "got the receipt",
    "second time",
];
/// Someone of ours did not come, or kept the caller waiting.
/// One of our people treating the caller or their child badly ("the instructor made my son do 20
/// pushups in front of everyone ... kept calling him out", "the girl at the counter acted like i
/// was doing something wrong"), or the same thing replaced over and over and still failing
/// ("this is the 3rd machine yall have given me and it STILL cuts off").
fn mistreated(t: &Text) -> Option<&'static str> {
    const STAFF: &[&str] = &[
        "instructor",
        "teacher",
        "coach",
        "sensei",
        "trainer",
        "receptionist",
        "front desk",
        "the girl at",
        "the guy at",
        "the lady at",
        "the man at",
        "the woman at",
        "your girl",
        "your guy",
        "your tech*",
        "your plumber*",
        "your electrician*",
        "your driver*",
        "your mover*",
        "your cleaner*",
        "your groomer*",
        "your stylist*",
        "your worker*",
        "your crew",
        "your installer*",
        "your mechanic*",
        "your nurse",
        "the nurse",
        "your staff",
        "staff",
        "employee",
    ];
    const TREATED_BADLY: &[&str] = &[
        "yelled",
        "screamed at",
        "called him out",
        "called her out",
        "calling him out",
        "calling her out",
        "called me out",
        "acted like i",
        "acted like we",
        "acted like he",
        "acted like she",
        "talked down",
        "rude",
        "embarrass*",
        "humiliat*",
        "singled",
        "laughed at",
        "blamed",
        "mocked",
        "belittl*",
        "snapped at",
        "in front of everyone",
        "in front of the whole",
        "made fun",
        "cussed",
        "swore at",
        "disrespect*",
        "short with",
        "made him cry",
        "made her cry",
        "made my son cry",
        "made my daughter cry",
        "grabbed my",
        "grabbed his",
        "grabbed her",
        "ignored my",
        "ignored him",
        "ignored her",
        "ignored me",
        "ignored us",
        "push him around",
        "push her around",
        "shoved",
    ];
    // Thanks or a question about them ("your guy was great, my dog barked and yelled the whole
    // time", "can your staff handle a kid who gets embarrassed?", "the coach said hes rude to
    // other kids") is no complaint.
    let praised = t.any(&[
        "great",
        "amazing",
        "so kind",
        "thank you",
        "thanks",
        "awesome",
        "wonderful",
        "loved",
    ]) && !t.any(&["but", "however", "except"]);
    let asked_of = t.near(
        &["can", "could", "will", "would", "does", "do", "is"],
        STAFF,
        2,
    ) && t.words.len() < 25;
    let reported = t.near(STAFF, &["said", "says", "told me", "told us"], 2);
    if !praised && !asked_of && !reported && t.near(STAFF, TREATED_BADLY, 12)
        || t.any(&[
            "not how you talk to",
            "not how you treat",
            "no way to talk to",
            "no way to treat",
        ])
    {
        return Some("staff");
    }
    // ("this is my 3rd cpap machine from yall and it still shuts off"; not "need a second
    // battery, the first one still works great".)
    let again_and_again = t.words.windows(3).any(|w| {
        matches!(
            w[0].as_str(),
            "2nd" | "3rd" | "4th" | "5th" | "second" | "third" | "fourth" | "fifth"
        ) && w[1..].iter().any(|n| {
            matches!(
                n.as_str(),
                "machine"
                    | "unit"
                    | "replacement"
                    | "device"
                    | "mask"
                    | "motor"
                    | "pump"
                    | "battery"
                    | "compressor"
            )
        })
    });
    let failing = t.near(
        &["still", "again", "keeps"],
        &[
            "cuts off",
            "cuts out",
            "shuts off",
            "shuts down",
            "cutting out",
            "shutting off",
            "turns off",
            "doesnt work",
            "dont work",
            "not working",
            "broke*",
            "leak*",
            "dies",
            "died",
            "stops",
            "stopped",
            "wont",
            "beep*",
            "error*",
        ],
        4,
    ) || t.any(&["same problem", "same issue"]);
    (again_and_again && failing).then_some("work not fixed")
}

const NO_SHOW: &[&str] = &[
    // ("Was somebody coming today?? ... its 12:20. no van no text no nothing.")
    "was somebody coming",
    "was someone coming",
    "was anyone coming",
    "no van no",
    "no text no",
    "no nothing",
    "nobody came",
    "no one has shown",
    "nobody has shown",
    "no one has come",
    "nobody has come",
    "no one has called",
    "nobody has called",
    "nobody ever came",
    "no one came",
    "nobody showed",
    "no one showed",
    "never showed",
    "never came",
    "didnt show",
    "didnt come",
    "no show",
    "no call no show",
    "stood us up",
    "stood me up",
    "wasnt coming",
    "werent coming",
    "no truck no call",
    "no call no text",
    "no call or text",
    "no call no show",
    "nobody called",
    "no one called",
    "never called back",
    "nobody called back",
    "nobody ever called back",
    // ("Tom finally picks up and says hes busy and hangs up on me")
    "hangs up on me",
    "hung up on me",
    "hung up on us",
    "hanging up on me",
    "hangs up on us",
    "no one called back",
    "no one ever called back",
    "never heard back",
    "still no one",
    "still nobody",
    "nobody calls back",
    "no one calls back",
    "never calls back",
    "nobody returns",
    "nobody calls me back",
    "no one calls me back",
    "nobody ever calls me back",
    "nobody called me back",
    "no one called me back",
    "never called me back",
    "never call me back",
    "nobody calls us back",
    "nobody called us back",
    "never called us back",
    "nobody gets back to me",
    "no one gets back to me",
    "nobody got back to me",
    "no one got back to me",
    "never got back to me",
    "never got back to us",
    "never returned my call*",
    "never returned our call*",
];
const STILL_BROKEN: &[&str] = &[
    "already quit",
    "already died",
    "already broke",
    "already stopped",
    "already failed",
    "already leaking",
    "already peel*",
    "already chipp*",
    "already lifting",
    "already cracking",
    "already coming off",
    "already coming up",
    "already fading",
    "already gone",
    "already falling out",
    "already fell out",
    "quit again",
    "never there before",
    "not there before",
    "wasnt there before",
    "new leak",
    "same problem",
    "same issue",
    "same thing",
    "didnt fix",
    "didnt work",
    "did not fix",
    "not fixed",
    "never fixed",
    "doesnt work",
    "isnt working",
    "not working",
    "stopped working",
    "back to",
    "came back",
    "is back",
    "for nothing",
    "nothing changed",
    "no better",
    "didnt help",
    "didnt do it",
    "didnt do the job",
    "didnt do what",
    "didnt do squat",
    "didnt do jack",
    "left a mess",
    "knocked over",
    "stole*",
    "peeled off",
    "fell off",
    "came off",
    "lifting",
    "coming apart",
    "falling apart",
    "came apart",
    "fell apart",
    "just as thick",
    "as thick as before",
    "same as before",
    "just as bad",
    "as bad as before",
    "cant even tell",
    "cant tell i did",
    "no difference",
    "didnt do anything",
    "didnt do a thing",
    // Gone wrong since ("since yesterday it types by itself... the bottom doesnt respond").
    "doesnt respond",
    "wont respond",
    "not responding",
    "stopped responding",
    // Locked out by the work ("today it wont open with the new numbers").
    "wont open",
    "would not open",
    "wouldnt open",
    "did not open",
    "didnt open",
    "wont unlock",
    "lock me out",
    "locked me out",
    // Coming undone soon after ("already got like 15 braids sliding out at the ends").
    "sliding out",
    "slipping out",
    "coming loose",
    "came loose",
];

/// The caller needs someone now, not at the next opening ("can anyone come tonight?").
/// Only a call back that did not come ("said hed get back to me ... never heard back"), with no
/// visit missed and nothing angry: asked beside "can he just call me?", a request for a person.
pub fn only_a_missed_callback(text: &str) -> bool {
    let t = Text::new(text);
    t.any(&[
        "never heard back",
        "didnt hear back",
        "havent heard back",
        "never got back to me",
        "never called back",
        "never called me back",
        "didnt call back",
        "didnt call me back",
    ]) && !t.any(&[
        "nobody came",
        "no one came",
        "never showed",
        "never came",
        "didnt show",
        "didnt come",
        "no show",
        "stood us up",
        "stood me up",
        "waited",
        "waiting",
        "again",
        "still no",
        "still nothing",
        "still havent",
        "still hasnt",
    ]) && !t.any(ANGER)
}

pub fn needs_someone_now(text: &str) -> bool {
    // ("Not an emergency, hes basking and pooping fine.")
    let t = Text::new(text).without(&[
        "not an emergency",
        "not urgent",
        "no emergency",
        "isnt an emergency",
        "not a emergency",
        "no rush",
    ]);
    t.any(&[
        "tonight",
        "right now",
        "right away",
        "asap",
        "immediately",
        "urgent*",
        "emergency",
        "cant wait",
        "this evening",
        "come now",
        "out now",
        "someone now",
        "anyone now",
        "middle of the night",
    ])
}

/// What a lawyer does to papers ("her lawyer had drawn up a power of attorney"): a lawyer said
/// as their author is no dispute.
const AUTHOR_VERBS: &[&str] = &[
    "draw",
    "drew",
    "drawn",
    "drafted",
    "drafts",
    "prepared",
    "wrote",
    "written",
    "advised",
    "recommended",
    "suggested",
];

/// The words after a lawyer say they wrote papers or gave advice ("drew up", "said to get it
/// notarized"), not that they are against us ("drew my attention to the error").
fn lawyer_as_author(after: &[&str]) -> bool {
    let next: Vec<&str> = after.iter().take(4).copied().collect();
    !next.contains(&"attention")
        && (next.iter().any(|w| AUTHOR_VERBS.contains(w))
            || next
                .windows(2)
                .any(|p| matches!(p, ["said", "to"] | ["told", "me"] | ["told", "us"])))
}

/// The text without lawyers said as the authors of papers.
fn without_lawyers_as_authors(t: Text) -> Text {
    let author = (0..t.words.len()).any(|i| {
        // (Four words on are enough: a long text is not copied once per word.)
        let after: Vec<&str> = t.words[i + 1..t.words.len().min(i + 5)]
            .iter()
            .map(String::as_str)
            .collect();
        ["lawyer", "lawyers", "attorney", "attorneys"].contains(&t.words[i].as_str())
            && lawyer_as_author(&after)
    });
    if author {
        t.without(&["lawyer", "lawyers", "attorney", "attorneys"])
    } else {
        t
    }
}

/// The first of the profile's own escalation keywords the text uses.
pub fn own_keyword(text: &str, profile_keywords: &[String]) -> Option<String> {
    let t = Text::new(text);
    profile_keywords
        .iter()
        .find(|k| {
            let kw = words(k).join(" ");
            // ("It is not peeling but very dull": the word said not to be so.)
            let said_not = |at: usize| {
                let before = &t.padded[..at];
                [" not", " isnt", " arent"]
                    .iter()
                    .any(|n| before.ends_with(n))
            };
            // ("her lawyer had drawn up a power of attorney": the author of papers, no dispute; nor
            // "my lawyer said to get it notarized".)
            let author = |at: usize| {
                let after: Vec<&str> = t.padded[at + kw.len() + 1..]
                    .split_whitespace()
                    .take(4)
                    .collect();
                lawyer_as_author(&after)
            };
            !kw.is_empty()
                && t.padded
                    .match_indices(&format!(" {kw}"))
                    .any(|(at, _)| !said_not(at) && !author(at))
        })
        .cloned()
}

/// A complaint, a billing or legal dispute, anger, or one of the profile's escalation keywords:
/// the word or concept that decided it.
pub fn complaint(text: &str, profile_keywords: &[String]) -> Option<String> {
    if let Some(k) = own_keyword(text, profile_keywords) {
        return Some(k);
    }
    // Work wanted, not work done ("just want it fixed before it gets worse", "it has to be
    // replaced or they wont renew us"); and a reply going back to someone ("something to send
    // back to them"), not a problem back again.
    let t = without_lawyers_as_authors(without_others_absence(Text::new(text))).without(&[
        "want it fixed",
        "want it repaired",
        "want it replaced",
        "need it fixed",
        "need it repaired",
        "need it replaced",
        "get it fixed",
        "get it replaced",
        "to be fixed",
        "to be repaired",
        "to be replaced",
        "send back to",
        "sent back to",
        "get back to",
        "go back to",
        "write back to",
        // Results returned, not a problem back ("our inspection came back w high radon").
        "came back with",
        "came back w",
        "came back high",
        "came back positive",
        "came back negative",
        "came back clean",
        "came back at",
        // A lawyer's paper, not a lawyer against us ("his healthcare power of attorney", "papers
        // from the probate court, the bank and the attorney").
        "power of attorney",
        "powers of attorney",
        "attorney general",
        "district attorney",
        "and the attorney",
        "from the attorney",
        "estate attorney",
        "probate attorney",
        "closing attorney",
        // Torn by the wind, not cheated ("its going to rip off in the wind").
        "going to rip off",
        "will rip off",
        "could rip off",
        "might rip off",
        "would rip off",
        "it rip off",
        "rip off in",
        "rip off the",
        "rip it off",
        "ripped off by the wind",
        // What wore out the old one, as we told it ("you all said the hard water is what
        // killed our last heater"), not harm we did.
        "what killed",
        "killed our last",
        "killed my last",
        "killed the last",
        "killed our old",
        "killed my old",
        "killed the old",
        // Ours passing the caller on, not a complaint ("he did my neighbors floor and told her
        // to have me reach out to him").
        "told her to have me",
        "told him to have me",
        "told her to reach out",
        "told him to reach out",
        "told her to call",
        "told him to call",
        "told her to text",
        "told him to text",
        // The line dropping, not us ("sorry my phone hung up on me").
        "phone hung up on me",
        "call hung up on me",
        "line hung up on me",
        "app hung up on me",
        // A review of the caller's own place ("got a guest review saying they got bit").
        "guest review",
        "guest reviews",
        "a review saying",
        "review saying",
        "reviews saying",
        "a bad review from",
    ]);
    // The same work wanted again ("Marcus did our vans last winter ... want to talk about
    // doing all 5 again before christmas"), not a problem back again.
    let wanted_again = t.near(
        &[
            "doing", "do", "book", "booking", "schedule", "set up", "come out",
        ],
        &["again"],
        4,
    ) && !t.any(&[
        "broke*",
        "not working",
        "stopped",
        "died",
        "leak*",
        "still",
        "worse",
        "fail*",
        "redo",
        "re do",
        "clog*",
        "backed",
        "backing",
        "drip*",
        "running",
        "noise",
        "smell*",
        "same problem",
        "same issue",
        "same thing",
    ]);
    let t = if wanted_again {
        t.without(&["again"])
    } else {
        t
    };
    // A battery's charge, not a charge on a card ("fully charged in the morning and by lunch it
    // is nearly dead. Twice this week it turned itself off"), when no money is in the text.
    let battery = t.any(&[
        "battery",
        "batteries",
        "percent",
        "fully charged",
        "charged up",
        "charged overnight",
        "charged all night",
        "charged it",
        "charge it",
        "charged my phone",
        "charger",
        "charging",
        "plugged in",
    ]);
    // ("i got charged twice for the battery": the caller was charged, not the battery.)
    let money = t.any(&[
        "bill*",
        "bank",
        "card",
        "paid",
        "pay",
        "refund*",
        "invoice*",
        "price",
        "cost",
        "fee",
        "statement",
        "account",
        "receipt",
        "dollar*",
        "money",
        "got charged",
        "charged me",
        "charged us",
        "was charged",
        "were charged",
        "been charged",
        "double charged",
        "overcharged",
        "charged twice for",
    ]) || text.contains('$');
    let t = if battery && !money {
        t.without(&["charged", "charge", "charges", "fully"])
    } else {
        t
    };
    // Who pays, to be worked out among others ("need to figure out inspections, who pays,
    // scheduling around tenants"), not who pays for our mistake.
    let t = if t.near(
        &[
            "figure out",
            "sort out",
            "work out",
            "decide",
            "discuss",
            "talk about",
        ],
        &["who pays", "whos paying", "who is paying"],
        4,
    ) {
        t.without(&["who pays", "whos paying", "who is paying"])
    } else {
        t
    };
    // "I am not ok" after a night out: how the caller feels, not what they think of us ("im not
    // ok with this" still is).
    // ("im not ok paying 200", "not ok that he left" still are.)
    let about_it = (0..t.words.len()).any(|i| {
        t.words[i] == "not"
            && t.words.get(i + 1).is_some_and(|w| w == "ok" || w == "okay")
            && t.words.get(i + 2).is_some_and(|w| {
                [
                    "with", "paying", "that", "about", "how", "to", "being", "when",
                ]
                .contains(&w.as_str())
            })
    });
    let t = if about_it {
        t
    } else {
        t.without(&["i am not ok", "im not ok", "i am not okay", "im not okay"])
    };
    // "She's been complaining about a back tooth": a symptom, not a complaint about us.
    // "My dad keeps complaining his nails are too long": someone's own trouble told to us.
    let t = if t.near(
        &[
            "he",
            "she",
            "they",
            "dad",
            "mom",
            "father",
            "mother",
            "husband",
            "wife",
            "son",
            "daughter",
            "kids",
            "grandma",
            "grandpa",
            "aunt",
            "uncle",
            "keeps",
            "kept",
            "lady",
            "man",
            "guy",
            "neighbor",
            "neighbors",
            "tenant",
            "tenants",
            "mailman",
            "customers",
            "hoa",
            "city",
            "landlord",
            "shes",
            "hes",
            "theyre",
            "theyve",
            "kid",
            "child",
            "students",
            "players",
        ],
        &["complaining", "complains", "complained"],
        // ("tenants in 3 units now complaining")
        8,
    ) && !t.near(
        &["complaining", "complains", "complained"],
        &[
            "about you",
            "about your",
            "about yall",
            "about the service",
            "about the work",
            "that your",
            "that you",
            "that yall",
        ],
        // ("hes been complaining about it for weeks, your tutor yells at him")
        8,
    ) && !t.near(
        &["your", "ur", "yalls"],
        &["complaining", "complains", "complained"],
        8,
    ) {
        t.without(&["complaining", "complains", "complained"])
    } else {
        t
    };
    let t = if t.near(
        &["complaining", "complains", "complained"],
        &[
            "of",
            "tooth",
            "teeth",
            "tummy",
            "stomach",
            "belly",
            "ear*",
            "head*",
            "back",
            "neck",
            "knee*",
            "hip*",
            "shoulder*",
            "leg*",
            "arm*",
            "foot",
            "feet",
            "chest",
            "throat",
            "pain*",
            "hurt*",
            "ache*",
            "sore*",
        ],
        4,
    ) {
        t.without(&["complaining", "complains", "complained", "been complaining"])
    } else {
        t
    };
    // A bad time somewhere else ("got burned by adt w a 3 yr contract at my old place, never
    // again", "got burned by a scammy company last yr") is a cautious customer, not a complaint:
    // unless the text also says it is about us.
    let elsewhere = t.any(OTHER_COMPANY) || t.any(ELSEWHERE);
    // ("quick q, if PG&E cuts the power again can i open it by hand": "if" after an opener.)
    let hypothetical = t.words.iter().take(4).any(|w| w == "if")
        || t.any(&["what if", "what happens if", "in case"])
        // ("ok good. and if it bubbles up again in a few months is that on you guys")
        || t.any(&["and if", "but if", "so if", "also if"])
            && t.any(&["is that", "would that", "will that", "will you", "would you", "am i", "do i"])
        || t.any(&[
            "if ur guy",
            "if your guy",
            "if the tech",
            "if your tech",
            "if he says",
            "if they say",
            "if it turns out",
            "before i book",
            "b4 i book",
            "before booking",
        ])
        // "Does that warranty still count for us or did it die when they sold": a question
        // about a warranty, nothing gone wrong yet.
        || t.near(&["does", "do", "is", "would", "will", "can"], &["warrant*", "guarante*"], 3)
            && !t.any(&[
                "again",
                "already",
                "broke*",
                "died",
                "stopped",
                "not working",
                "doesnt work",
                "still not",
                "still doesnt",
                "still broken",
            ]);
    let stated = t.stated();
    // "Ever since my silk press w yall": a service had here, and what followed.
    let ever_since_ours = t.near(
        &["ever since"],
        &["with you", "your", "you all", "you guys"],
        6,
    );
    // "Picked up my allen edmonds from u guys friday".
    let picked_up_from_us = t.near(
        &["picked up", "got back", "dropped off"],
        &["from you", "from yall", "from your", "from ya"],
        6,
    );
    // "My neighbor had u guys put that wire mesh around his": our work for someone else, told
    // as a reason to call us.
    let for_someone_else = t.any(&[
        "neighbor had",
        "neighbors had",
        "neighbour had",
        "friend had",
        "sister had",
        "brother had",
        "coworker had",
        "neighbor used",
        "friend used",
    ]);
    // "You guys sealed our drive in september ... neighbors had theirs done by someone else":
    // our work on the caller's own thing, whatever is said of a neighbour's.
    let you_did_ours = (0..t.words.len()).any(|i| {
        let w = &t.words;
        // ("the patch ur guys did on the front of our house")
        let you = matches!(w[i].as_str(), "you" | "u" | "yall" | "yous")
            || matches!(w[i].as_str(), "guys" | "all")
                && i > 0
                && matches!(w[i - 1].as_str(), "you" | "u" | "ur" | "your");
        // ("do u guys put in windows? our 84 fleetwood...": asked, not done.)
        let start = if matches!(w[i].as_str(), "guys" | "all") {
            i.saturating_sub(1)
        } else {
            i
        };
        // ("how could you guys install the wrong size" is no question.)
        let asked = start > 0
            && matches!(
                w[start - 1].as_str(),
                "do" | "can" | "could" | "would" | "will" | "does"
            )
            && !(start > 1 && matches!(w[start - 2].as_str(), "how" | "why"));
        let you = you && !asked;
        let did = w.get(i + 1).is_some_and(|v| {
            did_work(
                v,
                &[
                    "did", "put", "came", "made", "cut", "laid", "redid", "built",
                ],
            )
        });
        // ("you guys changed the combo on my store safe")
        you && did
            && w[i + 2..w.len().min(i + 8)]
                .iter()
                .any(|o| ["my", "our", "me", "us"].contains(&o.as_str()))
    });
    // "The guy who did it last year retired": whoever did the last job is gone, so the job is not
    // ours (unless the text says it was).
    let gone = t.any(&["retired", "out of business", "went under", "moved away"]);
    // "Marcus fixed my son's phone last spring and did a great job": our work praised, told as
    // the reason to come back (unless a "but" turns it: "great job but it leaks now").
    let praised = t.any(&[
        "great job",
        "good job",
        "amazing job",
        "awesome job",
        "fantastic job",
        "excellent job",
        "wonderful job",
        "nice job",
        "did great",
        "was great",
        "were great",
        "loved it",
        "love it",
    ]) && !t.any(&["but", "except", "however", "though", "until"]);
    let ours = !hypothetical
        && !praised
        && (you_did_ours || !gone)
        && (you_did_ours || !for_someone_else)
        && (you_did_ours
            || stated.any(OUR_VISIT)
            || stated.our_past_work()
            || ever_since_ours
            || picked_up_from_us);
    let at_us = t.any(AT_US_STRICT)
        || t.any(NO_SHOW)
        || t.any(&[
            "from you",
            "you charged",
            "you billed",
            "you guys",
            "u guys",
        ]);
    if elsewhere && !ours && !at_us {
        return None;
    }
    // What someone else says of a product, asked about ("my neighbor says that roof coating
    // only lasts 2 yrs and its a waste of money. is that true??"): a question, not a complaint.
    let hearsay = t.any(&[
        "is that true",
        "is it true",
        "is this true",
        "true or not",
        "whos right",
        "who is right",
        "is he right",
        "is she right",
        "are they right",
    ]) && t.near(
        &[
            "neighbor",
            "neighbors",
            "neighbour",
            "friend",
            "friends",
            "husband",
            "wife",
            "brother",
            "sister",
            "dad",
            "mom",
            "roommate",
            "coworker",
            "cousin",
            "buddy",
            "people",
            "everyone",
            "someone",
            "reddit",
            "online",
        ],
        &["says", "said", "told me", "claims", "thinks", "swears"],
        2,
    ) && !t.any(&[
        "overcharg*",
        "charged me",
        "charged us",
        "showed up",
        "nobody showed",
        "never showed",
        "yelled",
        "last week",
        "last time",
        "you did",
        "you guys did",
    ]);
    if let Some(k) = mistreated(&t) {
        return Some(k.into());
    }
    if hearsay && !ours {
        return None;
    }
    // "3 days w no power in that storm, my wife says never again lol. looking to get one put
    // in": fed up with a situation, asking for new work, and nothing said of us.
    const SITUATIONAL: &[&str] = &["never again", "fed up"];
    let new_work = t.any(&[
        "looking to get",
        "looking to have",
        "want to get",
        "wanna get",
        "want one",
        "get one",
        "put in",
        "come look",
        "give me a price",
        "quote",
        "estimate",
    ]);
    let about_a_situation = |w: &&str| SITUATIONAL.contains(w) && !ours && !at_us && new_work;
    // "Wife is not happy" about what the brother-in-law did to the counter: unhappy, at nobody
    // of ours.
    const MILD: &[&str] = &["not happy", "unhappy", "upset"];
    let at_nobody = |w: &&str| MILD.contains(w) && !ours && !at_us;
    if let Some(word) = ANGER
        .iter()
        .find(|w| t.has(w) && !about_a_situation(w) && !at_nobody(w))
    {
        return Some(word.trim_end_matches('*').to_string());
    }
    // Swearing is a complaint when it is about us ("your guy did a crap job"), not in "cant see
    // crap at night, can u fix that".
    if t.near(PROFANITY, AT_US_STRICT, 6) || t.near(AT_US_STRICT, PROFANITY, 6) {
        return Some("profanity".into());
    }
    // Anger at us: the word near us ("your crew was awful"), not about the caller's own thing
    // ("an awful grinding noise", "the inside of my car is disgusting ... can u come").
    if let Some(word) = ANGER_AT_US.iter().find(|w| t.has(w)) {
        let about_us = t.near(ANGER_AT_US, AT_US, 6) || t.near(AT_US, ANGER_AT_US, 6);
        const THINGS: &[&str] = &[
            "noise",
            "smell",
            "sound",
            "squeal*",
            "grind*",
            "leak*",
            "odor",
            "rattl*",
            "stain*",
            "mess",
            "clog*",
            "smoke",
            "poop",
            "droppings",
            "guano",
            "poo",
        ];
        // ("The poop on the patio is disgusting": the thing, not us.)
        // ("...the cords just hang down the middle and it looks terrible. can u hide them":
        // how the caller's own thing looks, smells or sounds.)
        let describes_a_thing = t.near(ANGER_AT_US, THINGS, 3)
            || t.near(THINGS, ANGER_AT_US, 5)
            || t.near(
                &[
                    "looks", "look", "looking", "smells", "smell", "sounds", "feels",
                ],
                ANGER_AT_US,
                2,
            ) && !t.stated().any(AT_US_STRICT);
        if about_us && !describes_a_thing {
            return Some(word.trim_end_matches('*').to_string());
        }
    }
    // Kept waiting long past the time booked ("we sat in the lobby over an hour past our appt
    // time. pretty frustrated honestly"); not a wait elsewhere or a happy one ("waited an hour
    // at the dmv", "sat in the lobby last time and loved the coffee").
    let past_our_time = t.any(&[
        "past our appt",
        "past our appointment",
        "past my appt",
        "past my appointment",
        "past the appointment time",
        "past our time",
    ]);
    let waited = t.any(&[
        "kept us waiting",
        "kept me waiting",
        "waited over an hour",
        "waited an hour",
        "waited for over an hour",
        "sat in the lobby",
        "sat in the waiting room",
    ]) && t.any(&[
        "frustrat*",
        "ridiculous",
        "unacceptable",
        "annoyed",
        "upset",
        "rude",
        "disappoint*",
        "not ok",
        "nobody",
        "no one",
    ]);
    if !hypothetical && (past_our_time || waited) {
        return Some("kept waiting".into());
    }
    // The result not what was asked for, and paid for ("asked for icy blonde and showed pics
    // and everything. in daylight its straight up orange/brassy ... i paid 180 plus tip and
    // honestly i cried in my car").
    let asked_for = t.any(&[
        "asked for",
        "showed pics",
        "showed pictures",
        "showed a pic",
        "showed a picture",
        "showed her",
        "showed him",
        "showed them",
    ]);
    let not_it = t.any(&[
        "cried",
        "crying",
        "in tears",
        "orange",
        "brassy",
        "not what i asked",
        "not what we asked",
        "nothing like",
        "looks nothing",
        "butchered",
        "uneven",
        "patchy",
        "way too short",
        "hate it",
        "ruined",
        "wrong color",
        "wrong colour",
    ]);
    let pleased = t.any(&[
        "love it",
        "loved it",
        "is fine",
        "looks great",
        "looks good",
        "obsessed",
    ]);
    if !hypothetical
        && asked_for
        && not_it
        && !pleased
        && t.any(&["paid", "charged", "tip", "tipped"])
    {
        return Some("not as asked".into());
    }
    // A charge that makes no sense to the caller ("yall cancel my sat class ... and now theres
    // a $25 rebook charge on my card?? how does that make any sense").
    let senseless = t.any(&[
        "how does that make",
        "how does this make",
        "makes no sense",
        "make no sense",
        "how is that fair",
        "how is this fair",
        "thats not fair",
    ]);
    if !hypothetical && senseless && money {
        return Some("billing".into());
    }
    // Our work harmed what was left with us ("one nail got cut way too short, bled all over her
    // carrier"; "the tip on my wusthof is rounded off now... grinder scratches all up the side").
    let harmed = t.any(&[
        "cut way too short",
        "cut too short",
        "way too short",
        "rounded off",
        "grinder scratches",
        "scratches all",
        "scratched up",
        "gouged",
        "ruined my",
        "ruined her",
        "ruined his",
    ]);
    // ...by us: given back by us, left with us, or "you" did it; not another shop, the caller
    // or someone else ("cut way too short at another salon yesterday, can you fix it?").
    let from_us = t.any(&[
        "got my",
        "got our",
        "got it back",
        "got them back",
        "came back",
        "picked up my",
        "picked up our",
        "picked her up",
        "picked him up",
        "you cut",
        "you guys",
        "yall",
        "your",
        "ur guy",
    ]) || t.any(&["took my", "took our", "brought my", "brought our"])
        && t.any(&["in this morning", "in yesterday", "in today", "in for"]);
    let elsewhere = t.any(&[
        "another",
        "other salon",
        "other shop",
        "different",
        "myself",
        "my ex",
        "someone",
        "somebody",
        "the kids",
        "dropped",
        "bought",
        "crashed",
        "roommate",
        "last stylist",
        "pull through",
        "pull thru",
        "can you fix",
        "can u fix",
        "could you fix",
    ]);
    if !hypothetical && harmed && from_us && !elsewhere {
        return Some("work damaged".into());
    }
    // "If something breaks again after u fix it, am i covered?" asks about a warranty.
    if t.any(OTHER_COMPANY) && !ours {
        return None;
    }
    // ("...rebuilt my mother's porch years ago and it's still solid as a rock": praise.)
    let t_praise = t.without(&[
        "still solid",
        "still good",
        "still great",
        "still fine",
        "still perfect",
        "still holding",
        "still going strong",
        "still looks great",
        "still looks good",
        "still works great",
        "still beautiful",
        // Due again, as it is every year ("got the letter that my backflow test is due again").
        "due again",
        "that time again",
        // Coming back for more ("had a great time with yall, want to book again").
        "book again",
        "booking again",
        "come again",
        "do it again",
        "use you again",
        "see you again",
        "schedule again",
    ]);
    // (Only harm a visit leaves: "is Randy still with yall? he did our install" is no harm, and
    // "cracked screens" may be the next job.)
    const LEFT_BY_A_VISIT: &[&str] = &[
        "scratch*",
        "gouge*",
        "dented",
        "a dent",
        "stain*",
        "chipped",
        "wrong place",
        "wrong spot",
        "extra holes",
        "tracked",
        "footprints",
        "scraped",
        "left a mess",
        "left a pile",
        "left the gate",
        "left our gate",
        "left the door",
        "drop cloth*",
    ];
    let worker = !hypothetical
        && !praised
        && !elsewhere
        && t.any(LEFT_BY_A_VISIT)
        && unnamed_worker_did(&t, text);
    // Still wrong after the work ("paid $225 to have my top plate relined. It still rocks
    // every time I chew").
    let still_wrong = t.near(
        &["still"],
        &[
            "pinch*",
            "hurt*",
            "rub*",
            "rock*",
            "ache*",
            "aching",
            "sore",
            "loose",
            "wobbl*",
            "leak*",
            "drip*",
            "running",
            "squeak*",
            "slip*",
            "broken",
            "doesnt",
            "isnt",
            "wont",
            "not working",
            "not fixed",
        ],
        2,
    );
    // ("Travis came out in October and gave us a quote for the stain and the chinking. had
    // some questions about it": a quote, no work done; the job quoted is no harm left.)
    let quoted_only = t.any(&[
        "gave us a quote",
        "gave me a quote",
        "gave us an estimate",
        "gave me an estimate",
        "gave us a bid",
        "gave me a bid",
        "came out to quote",
        "came out for a quote",
        "came out for an estimate",
        "came out to look",
        "about the quote",
        "about the estimate",
    ]) && !t.any(&[
        "broke*",
        "cracked",
        "scratch*",
        "gouge*",
        "dent*",
        "damag*",
        "ruin*",
        "mess",
        "never",
        "didnt",
        "wasnt",
        "ignor*",
        "still waiting",
        "no one",
        "nobody",
        "left",
        "tracked",
        "mud",
        "gone",
    ]);
    if (ours || worker) && !quoted_only && t_praise.any(DAMAGE)
        || stated.any(PAST_SERVICE) && (t.any(STILL_BROKEN) || still_wrong && !t.any(OTHER_COMPANY))
    {
        return Some("work not fixed".into());
    }
    // Paid, and asking whether what went wrong since is normal ("paid like 700 for it. now the
    // left ear is splitting... is that supposed to happen", "paid 1400 something... the mic cut
    // out during like every toast. is that normal for yall??").
    if !hypothetical
        && t.any(&[
            "we paid",
            "i paid",
            "paid like",
            "paid almost",
            "paid over",
            "paid about",
            "paid around",
            "we spent",
            "i spent",
        ])
        && !t.any(&["havent paid", "not paid yet", "just paid the deposit"])
        && t.any(&[
            "is that normal",
            "is this normal",
            "is it normal",
            "normal for yall",
            "normal for you",
            "supposed to happen",
            "supposed to do that",
            "supposed to look like",
        ])
        && t.any(&[
            "now",
            "already",
            "every",
            "useless",
            "ruin*",
            "but",
            "wouldnt",
            "didnt",
            "couldnt",
            "wont",
            "doesnt",
            "isnt",
            "never",
            "broke*",
            "split*",
            "crack*",
            "peel*",
            "fad*",
            "cut out",
            "coming off",
            "came off",
            "stood around",
            "on his phone",
            "on her phone",
        ])
    {
        return Some("work not right".into());
    }
    // Asked to pay twice for one job ("I shouldnt have to pay again to get it done right").
    if !hypothetical
        && t.any(&[
            "shouldnt have to pay",
            "should not have to pay",
            "not paying again",
            "not paying for it again",
            "pay twice",
            "paying twice",
        ])
    {
        return Some("work not fixed".into());
    }
    // "Want it fixed" is a complaint about our work, an ordinary request about theirs.
    if ours
        && Text::new(text).any(&[
            "want it fixed",
            "want this fixed",
            "want it redone",
            "want this redone",
        ])
    {
        return Some("work not fixed".into());
    }
    // Our work, then worse, back again, or the caller is fed up about it.
    let other = t.any(OTHER_COMPANY);
    // ...or not what was asked for: a patch that does not match ("a totally different color,
    // looks like a big gray band-aid").
    const MISMATCHED: &[&str] = &[
        "different color",
        "different colour",
        "wrong color",
        "wrong colour",
        "doesnt match",
        "does not match",
        "dont match",
        "didnt match",
        "not the same color",
        "sticks out like",
        "stands out like",
    ];
    // (Said as it is, not asked: "is it ok if the pipe insulation is a different color?")
    let mismatch_told = text
        .split_inclusive(['.', '!', '?', '\n'])
        .any(|s| !s.trim_end().ends_with('?') && Text::new(s).any(MISMATCHED));
    if ours && !other && mismatch_told {
        return Some("work not fixed".into());
    }
    // Back again and again for the same thing, and it is still not right ("This is my 3rd
    // time back for the same adjustment and my leg still pinches").
    let back_again = t.near(
        &[
            "2nd", "second", "3rd", "third", "4th", "fourth", "5th", "fifth",
        ],
        &[
            "time back",
            "trip back",
            "time coming in",
            "time coming back",
        ],
        2,
    ) || t.any(&[
        "keep coming back",
        "kept coming back",
        "keep having to come back",
    ]);
    if back_again && !other && !hypothetical && (still_wrong || t.any(STILL_BROKEN)) {
        return Some("work not fixed".into());
    }
    // "Flashing the same HL code it was before": back to where it was before our work.
    let same_as_before = t.near(&["same"], &["before"], 6);
    if ours
        && !other
        && (t.any(STILL_BROKEN) || same_as_before || t.any(ANGER_AT_US) || t.any(WORSE))
    {
        return Some("work not fixed".into());
    }
    if t.stated().any(BILLED) && t.any(DISPUTED) && !hypothetical {
        return Some("billing".into());
    }
    // Billed after being told it would be covered ("I just opened a statement for $280... the
    // woman at the front told me Premera would cover it and I'd only owe my copay"); not a
    // question about coverage ("is this covered or am i paying out of pocket?").
    const BILLED_NOW: &[&str] = &[
        "statement",
        "got a bill",
        "a bill for",
        "billed",
        "charged",
        "invoice*",
    ];
    const PROMISED: &[&str] = &[
        "would cover it",
        "would cover this",
        "would cover that",
        "would be covered",
        "said it was covered",
        "only owe",
        "only pay my copay",
        "just my copay",
        "just the copay",
        "only the copay",
    ];
    let told = t.any(&["told me", "told us", "said", "says"]);
    if t.any(BILLED_NOW)
        && told
        && t.any(PROMISED)
        && !text.trim_end().ends_with('?')
        && !hypothetical
    {
        return Some("billing".into());
    }
    // Something promised did not happen, at a cost to the caller ("the report was supposed to
    // go to our agent on monday. its thursday... now we're paying $400").
    // Fine when it was left with us, not now ("the diamond wiggles... it was NOT loose when i
    // dropped it off"): damage in our care.
    if !hypothetical
        && t.near(
            &[
                "not",
                "wasnt",
                "never",
                "was fine",
                "was perfect",
                "worked fine",
                "was working",
            ],
            &[
                "when i dropped it off",
                "when we dropped it off",
                "when i brought it in",
                "when we brought it in",
                "when i left it",
                "before i brought it in",
                "before we brought it in",
                "before i dropped it off",
                // ("bald patches on his chest that were NOT there when I dropped him off")
                "when i dropped him off",
                "when i dropped her off",
                "when we dropped him off",
                "when we dropped her off",
                "before i took it in",
                "before you had it",
                "before u had it",
                "before you worked on it",
                "before u worked on it",
            ],
            4,
        )
    {
        return Some("damage".into());
    }
    // ("...a deep scratch down the top tube. That is a $3,800 bike and it did not leave my
    // house like that.")
    if !hypothetical
        && t.any(&[
            "did not leave my house like that",
            "didnt leave my house like that",
            "did not leave here like that",
            "didnt leave here like that",
        ])
    {
        return Some("damage".into());
    }
    // ...or a time we gave has long passed ("was told 2 weeks. its been 7"), or messages left
    // with us go unanswered ("ive left like 4 messages").
    let told = t.any(&[
        "was told",
        "were told",
        "you told me",
        "you said",
        "yall said",
        "u said",
        "they told me",
        "he told me",
        "she told me",
    ]);
    let overdue = t.any(&[
        "its been",
        "it has been",
        "still waiting",
        "been waiting",
        "still dont have",
        "still havent",
        "still not done",
        "still not ready",
        // ("...was told the deposit would come back. Its Dec 11 and nothing on my card.")
        "nothing on my card",
        "still nothing",
        "nothing yet",
        "not back yet",
        "hasnt come back",
        "texted twice",
        "called twice",
        "emailed twice",
        // ("I had to call twice to even find out it was done")
        "call twice",
        "had to chase",
        "weeks now",
        "months now",
    ]);
    // ("...and ive texted twice with no answer": reached out, nothing came back.)
    let unanswered = t.near(&["left"], &["messages", "voicemails", "msgs"], 4)
        || t.near(
            &[
                "texted",
                "called",
                "emailed",
                "messaged",
                "reached out",
                "tried calling",
            ],
            &[
                "no answer",
                "no response",
                "no reply",
                "no call back",
                "no callback",
                "nothing back",
                "never heard back",
                "never got back",
                "nobody got back",
                "no one got back",
            ],
            6,
        );
    // "She said shed email a written plan that night and we never got it": told, then it
    // never came.
    let never_came = t.any(&["she said", "he said", "they said", "you said", "u said"])
        && t.any(&[
            "never got it",
            "never got them",
            "never got one",
            "never came",
            "never arrived",
            "never received",
            "never showed",
            "never sent",
            "still havent gotten",
            "still havent received",
            "still dont have it",
        ]);
    if !hypothetical && !t.any(OTHER_COMPANY) && (told && overdue || unanswered || never_came) {
        return Some("promise not kept".into());
    }
    if !hypothetical
        && t.any(&["was supposed to", "were supposed to", "promised"])
        && t.any(&[
            "never",
            "hasnt",
            "havent",
            "didnt",
            "still",
            "not yet",
            "late",
            "pushed",
            "delayed",
            "paying",
            "cost us",
            "costing",
            "whos covering",
        ])
    {
        return Some("promise not kept".into());
    }
    // A quote and a bill that differ ("quoted me $129 at the door... a bill for $389").
    let amounts = t
        .words
        .iter()
        .filter(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_digit()))
        .collect::<std::collections::HashSet<_>>()
        .len();
    if t.any(&[
        "quoted",
        "quote",
        "estimate*",
        "told me it would",
        "said it would",
        "said around",
        "said about",
        "on the phone said",
        "was told",
        "were told",
        "told me",
        "told us",
    ]) && t.stated().any(BILLED)
        && amounts >= 2
    {
        return Some("billing".into());
    }
    // Came so late the thing was over ("got to my daughters party at like 2:15. party
    // started at 1. half the kids had already gone home by then").
    let late = t.any(&[
        "showed up late",
        "came late",
        "got there late",
        "got here late",
        "arrived late",
        "hour late",
        "hours late",
        "minutes late",
        "minute late",
        "mins late",
    ]) || t.any(&["got there", "got to", "got here", "showed up", "arrived"])
        && t.any(&[
            "by then",
            "already gone",
            "had already",
            "gone home",
            "was over",
            "missed the",
        ])
        && !t.any(&["we got", "i got", "when we", "when i"])
        // Hours spent waiting for our person ("sat by the window from 9 till almost 1 waiting
        // for your installer. no call").
        || t
            .without(&["be waiting", "ill wait", "will wait", "can wait"])
            .near(
            &["waiting", "waited"],
            &[
                "your installer",
                "your tech",
                "your guy",
                "your crew",
                "your man",
                "your plumber",
                "your electrician",
                "your driver",
                "the installer",
                "the tech",
                "your person",
                "your worker",
            ],
            6,
        ) && t.any(&["no call", "no text", "hours", "till", "until", "all day", "all morning", "all afternoon"])
            && !t.any(NO_SHOW);
    if late && !other && !hypothetical {
        return Some("late".into());
    }
    // Waited for us and nobody came; or paying for what they describe ("we pay $150 a month
    // for this").
    if (t.any(NO_SHOW) || absences(&t)) && !other && !hypothetical {
        return Some("no show".into());
    }
    // Told one thing and it has not happened ("you told us we'd get paid in 10 days and its
    // been 3 weeks, havent seen a check"), or told nothing of harm done ("someone should have
    // told us it happened").
    let promised = t.near(
        &[
            "you told us",
            "you told me",
            "you said",
            "yall said",
            "yall told",
            "you guys said",
            "you guys told",
            "your lady said",
            "your guy said",
        ],
        &[
            "its been",
            "been weeks",
            "been a month",
            "still no",
            "still nothing",
            "havent seen",
            "havent gotten",
            "havent got",
            "havent received",
            "never got",
            "never received",
            "never came",
            "apparently",
        ],
        16,
    );
    if !hypothetical
        && (promised
            || t.any(&[
                "should have told us",
                "should have told me",
                "shouldve told us",
                "shouldve told me",
                "paid the vet",
                "vet bill",
            ]))
    {
        return Some("promise not kept".into());
    }
    // Shut out at the time they booked ("a 12:30 booking that I paid for... standing outside a
    // locked door in the cold. Lights are off. Nobody answers the phone").
    let shut = t.any(&[
        "locked door",
        "door is locked",
        "doors are locked",
        "door locked",
        "doors locked",
        "lights are off",
        "lights off",
        "place is closed",
        "its closed",
        "dark inside",
    ]);
    let nobody = t.any(&[
        "nobody answers",
        "no one answers",
        "nobody is answering",
        "no one is answering",
        "nobody answering",
        "nobody here",
        "no one here",
        "nobody is here",
        "no one is here",
        "standing outside",
        "waiting outside",
    ]);
    if shut
        && nobody
        && t.any(&[
            "booking",
            "booked",
            "reservation",
            "appointment",
            "appt",
            "paid",
        ])
        && !hypothetical
    {
        return Some("no show".into());
    }
    // ...or already failing what they paid for ("its already peeling up... paid $410 for
    // this"), told in a text of its own after the one that said it was our work.
    if !other
        && t.near(&["pay", "paid", "paying"], &["for this", "for that"], 6)
        && (ours || t.any(NO_SHOW) || t.any(STILL_BROKEN))
    {
        return Some("work not fixed".into());
    }
    // Someone of ours not doing the job they are paid for ("the aide was sitting out in her car
    // on her phone for over an hour").
    const OUR_PEOPLE: &[&str] = &[
        "the aide",
        "her aide",
        "his aide",
        "the caregiver",
        "her caregiver",
        "his caregiver",
        "the sitter",
        "the walker",
        "the groomer",
        "the tech",
        "the nurse",
        "the girl you",
        "the guy you",
        "the lady you",
        "your aide",
        "your caregiver",
    ];
    let idle = t.any(&[
        "on her phone",
        "on his phone",
        "on their phone",
        "in her car",
        "in his car",
        "sitting in",
        "sitting out",
        "asleep",
        "sleeping",
        "fell asleep",
        "left early",
        "left after",
        "never came in",
    ]);
    if !other && !hypothetical && t.any(OUR_PEOPLE) && idle {
        return Some("staff".into());
    }
    // Paying for one thing and getting another ("we pay $32 an hour for someone to be WITH him,
    // not in the driveway"; "I specifically asked for a teddy bear face and he is SHAVED").
    let paying_for = t.near(
        &[
            "we pay",
            "i pay",
            "we paid",
            "i paid",
            "paying",
            "we are paying",
        ],
        &[
            "for someone to",
            "for somebody to",
            "for you to",
            "for them to",
        ],
        6,
    );
    let asked_otherwise = t.any(&[
        "specifically asked",
        "specifically said",
        "specifically told",
        "clearly asked",
        "i asked for",
        "we asked for",
        "told them i wanted",
        "told her i wanted",
        "told him i wanted",
    ]) && t.any(&[
        // ("...the blue quilt was STAYING. It's gone. It went out in the donation load.")
        "its gone",
        "it was gone",
        "went out in",
        "threw it out",
        "threw out",
        "tossed it",
        "donated it",
        "instead",
        "and he is",
        "and she is",
        "and it is",
        "and its",
        "and he was",
        "and she was",
        "and got",
        "totally different",
        "completely different",
        "nothing like",
        "not what",
    ]);
    // ...or "so what exactly did we pay for??"
    let paid_for_this = (t.near(&["paid", "pay"], &["for this", "for that"], 6)
        || t.near(&["what"], &["pay for", "paid for", "paying for"], 5))
        && (text.contains("??") || text.contains("?!"));
    if !other && !hypothetical && (paying_for || asked_otherwise || paid_for_this) {
        return Some("not what was paid for".into());
    }
    // Money asked back: "I want that $10 back", "give me my 40 back".
    // (Not "the 3 back bedrooms": "back" there says which rooms.)
    let money_back = (0..t.words.len().saturating_sub(1)).any(|i| {
        let w = &t.words;
        let said_of_a_place = w.get(i + 2).is_some_and(|n| {
            [
                "bedroom", "bedrooms", "room", "rooms", "yard", "door", "doors", "porch", "patio",
                "deck", "window", "windows", "wall", "fence", "bathroom", "office", "house",
            ]
            .contains(&n.as_str())
        });
        w[i + 1] == "back"
            && !said_of_a_place
            && (w[i].chars().all(|c| c.is_ascii_digit())
                || ["money", "fee", "charge", "payment", "cash"].contains(&w[i].as_str()))
    });
    // ("we got charged another $60 for 'gear' which ur website says is included?? want that
    // back")
    // (Not a thing paid for and wanted back by a day: "just want it back by saturday".)
    let charged_back = t.any(&[
        "charged",
        "billed",
        "got hit for",
        "hit my card",
        "card got hit",
    ]) && t.any(&[
        "want that back",
        "want it back",
        "some of that back",
        "some of it back",
        "part of it back",
        "want that refunded",
        "want it refunded",
        "want my money",
    ]);
    if charged_back || money_back && t.any(&["want", "need", "give me", "expect", "owe"]) {
        return Some("money back".into());
    }
    // Money asked back in other words ("Please I want the second money return to my card").
    if !hypothetical
        && t.any(&[
            "money return*",
            "return my money",
            "return the money",
            "return the second",
            "back to my card",
            "back on my card",
            "back to my account",
        ])
        && t.any(&["charge*", "paid", "pay", "bank", "card", "bill*"])
        && !t.any(&["can i", "could i", "if i", "if we", "would you"])
    {
        return Some("money back".into());
    }
    // The same charge seen twice ("my bank show two charge of $178 from your gym").
    if !hypothetical
        && t.near(
            &["two", "2", "double"],
            &["charge", "charges", "charged", "transaction*"],
            2,
        )
        && (t.any(&["bank", "statement"])
            || t.near(&["card", "account"], &["show*", "has", "got"], 3))
        && !t.any(&["split", "installment*", "can i", "could i", "do you take"])
    {
        return Some("charged twice".into());
    }
    // A deposit or payment asked back ("paid the $30 deposit. I want it back, period").
    if !hypothetical
        && t.any(&["want it back", "want that back", "want my deposit back"])
        && t.any(&["deposit", "refund", "money"])
        // (A landlord's deposit is why a cleaning is wanted.)
        && !t.any(&["landlord", "security deposit", "move out", "moving out", "rental"])
    {
        return Some("money back".into());
    }
    // Booked twice over by us ("got told keisha double booked"), not the caller's own mix-up.
    if !hypothetical
        && t.any(&[
            "double booked",
            "double booking",
            "doublebooked",
            "overbooked",
        ])
        && !t.any(&[
            "i double booked",
            "double booked myself",
            "we double booked",
            "not double booked",
            "dont double book",
            "dont want to be double",
            "im double booked",
            "be double booked",
            "accidentally",
            "by mistake",
            "my fault",
            "my bad",
        ])
    {
        return Some("double booked".into());
    }
    // A child upset by one of ours ("came home crying bc the teacher ... told him his bowl was
    // garbage").
    const OUR_ROLE: &[&str] = &[
        "the teacher",
        "your teacher",
        "the instructor",
        "your instructor",
        "the coach",
        "your coach",
        "the groomer",
        "your groomer",
        "the stylist",
        "your stylist",
        "the tutor",
        "your tutor",
        "the tech",
        "your tech",
    ];
    if !hypothetical
        && t.any(OUR_ROLE)
        && t.near(
            &["crying", "cried", "in tears", "humiliated", "embarrassed"],
            &["because", "bc", "cause", "cuz", "after"],
            3,
        )
        && t.any(&[
            "told him",
            "told her",
            "told them",
            "said",
            "yelled",
            "rude",
            "mean",
            "laughed",
            "called him",
            "called her",
            "garbage",
            "stupid",
            "in front of",
        ])
        && !t.any(&["patient", "sweet", "amazing", "great", "love*", "happy"])
    {
        return Some("staff".into());
    }
    // Paid for it and angry ("paid 400 for this ... ridiculous").
    if !other && t.any(&["paid", "charged", "spent"]) && t.any(ANGER_AT_US) {
        return Some("work not fixed".into());
    }
    // Paid for what hardly happened ("paid $199 for a drip that barely went in"), or the price
    // paid not deserved ("i dont think i should have paid full price").
    // (Paid *for* it, then how little it was: "i paid already, barely have time today" is not.)
    let paid_for_little = {
        const LITTLE: &[&str] = &[
            "barely went",
            "barely worked",
            "barely works",
            "barely did",
            "barely lasted",
            "barely touched",
            "barely cleaned",
            "barely helped",
            "barely changed",
            "barely any difference",
            "hardly worked",
            "hardly did",
            "hardly lasted",
            "hardly any difference",
            "never worked",
            "didnt work",
            "did nothing",
            "didnt do anything",
            "didnt do a thing",
        ];
        let w = &t.words;
        (0..w.len()).any(|i| {
            // ("paid 150 for a facial that barely lasted 20 minutes")
            let Some(j) = (i + 1..w.len().min(i + 4)).find(|&j| w[j] == "for") else {
                return false;
            };
            matches!(w[i].as_str(), "paid" | "payed" | "charged")
                && (j + 1..w.len().min(j + 11)).any(|k| {
                    LITTLE
                        .iter()
                        .any(|l| super::normalize::entry_at(w, k, l).is_some())
                        && !["i", "we", "ive", "have"].contains(&w[k - 1].as_str())
                })
        })
    };
    let price_not_deserved = t.any(&[
        "think i should have paid",
        "shouldnt have paid",
        "should not have paid",
        "shouldnt have to pay",
        "should not have to pay",
        "shouldnt pay full",
        "not worth what i paid",
        "not worth what we paid",
        "not worth the money",
    ]);
    if !other && (paid_for_little || price_not_deserved) {
        return Some("not what was paid for".into());
    }
    None
}

/// Waiting listed in absences, one of them of word from us or of us: "no wood, no call,
/// nothing", "no truck no text", "its 2:30 ... no call nothing"; or asked, after the time has
/// passed, whether anyone was coming ("was anyone actually coming today").
fn absences(t: &Text) -> bool {
    const FROM_US: &[&str] = &[
        "call", "calls", "text", "texts", "word", "show", "truck", "van", "crew", "tech", "update",
        "email", "message", "heads",
    ];
    let w = &t.words;
    let nos: Vec<usize> = (0..w.len())
        .filter(|&i| w[i] == "no" && w.get(i + 1).is_some_and(|n| n != "one"))
        .collect();
    let listed = nos.windows(2).any(|p| p[1] - p[0] <= 3)
        || nos
            .iter()
            .any(|&i| w[i + 1..w.len().min(i + 4)].iter().any(|n| n == "nothing"));
    let from_us = nos
        .iter()
        .any(|&i| w.get(i + 1).is_some_and(|n| FROM_US.contains(&n.as_str())));
    let was_anyone_coming = t.near(
        &["was anyone", "was anybody", "was someone", "was somebody"],
        &["coming", "showing"],
        3,
    );
    listed && from_us || was_anyone_coming
}

/// "My brother in law ... never came back to help stack it": someone of the caller's own did
/// not come, not us. Those words are taken out; an absence of ours stays ("ur guy never came").
fn without_others_absence(t: Text) -> Text {
    const GONE: &[&str] = &[
        "never came",
        "never showed",
        "didnt show",
        "didnt come",
        "never called back",
        "stood me up",
        "stood us up",
    ];
    const OURS: &[&str] = &[
        "you",
        "u",
        "yall",
        "your",
        "guys",
        "guy",
        "crew",
        "tech",
        "truck",
        "van",
        "anyone",
        "anybody",
        "someone",
        "somebody",
        "nobody",
        "installer",
        "driver",
        "company",
    ];
    const THEIRS: &[&str] = &[
        "brother",
        "sister",
        "law",
        "friend",
        "neighbor",
        "neighbour",
        "dad",
        "mom",
        "father",
        "mother",
        "husband",
        "wife",
        "son",
        "daughter",
        "cousin",
        "uncle",
        "aunt",
        "roommate",
        "landlord",
        "boyfriend",
        "girlfriend",
        "ex",
        "buddy",
    ];
    let w = &t.words;
    let mut cut: Vec<(usize, usize)> = Vec::new();
    for i in 0..w.len() {
        let Some(n) = GONE
            .iter()
            .find_map(|g| super::normalize::entry_at(w, i, g))
        else {
            continue;
        };
        let who = (i.saturating_sub(16)..i)
            .rev()
            .find(|&j| OURS.contains(&w[j].as_str()) || THEIRS.contains(&w[j].as_str()));
        // ("...failed the test last spring too and the other company never came back".)
        let another = |j: usize| {
            j > 0
                && ["other", "last", "previous", "old", "another", "first"]
                    .contains(&w[j - 1].as_str())
        };
        if who.is_some_and(|j| THEIRS.contains(&w[j].as_str()) || another(j)) {
            cut.push((i, i + n));
        }
    }
    if cut.is_empty() {
        return t;
    }
    let words: Vec<String> = w
        .iter()
        .enumerate()
        .filter(|(i, _)| !cut.iter().any(|&(a, b)| (a..b).contains(i)))
        .map(|(_, v)| v.clone())
        .collect();
    let padded = format!(" {} ", words.join(" "));
    Text::of(words, padded)
}

/// Things got worse or came back after a visit.
const WORSE: &[&str] = &[
    // Asked what went wrong, after our work ("...theres water in the oil. so what happened").
    "so what happened",
    "worse",
    "out again",
    "again already",
    "already again",
    "than before",
    "all over again",
    "same as before",
    "exactly the same",
    "still the same",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaced_search_says_what_the_formatted_search_said() {
        let hays = [
            " ",
            "  ",
            " gas leak ",
            " gas gas ",
            " a gasp of gas ",
            " café au lait ",
            " x ",
        ];
        let needles = [
            "", "gas", "gas leak", "leak", "as", "café", "é", "au lait", "x", "gasp of",
        ];
        for hay in hays {
            for needle in needles {
                assert_eq!(
                    contains_spaced(hay, needle, true),
                    hay.contains(&format!(" {needle} ")),
                    "{hay:?} {needle:?}"
                );
                assert_eq!(
                    contains_spaced(hay, needle, false),
                    hay.contains(&format!(" {needle}")),
                    "{hay:?} {needle:?}"
                );
            }
        }
    }

    #[test]
    fn danger_in_indirect_words() {
        for (text, want) in [
            ("I smell gas in my kitchen", Danger::Gas),
            (
                "theres a weird burning smell coming from the outlet in the bedroom",
                Danger::Fire,
            ),
            (
                "smells like burning plastic near my breaker box",
                Danger::Fire,
            ),
            (
                "outlet in the kitchen is hot to the touch and buzzing",
                Danger::Electrical,
            ),
            ("water is pouring through my ceiling", Danger::Water),
            (
                "water dripping from the light fixture in the hall",
                Danger::Water,
            ),
            (
                "furnace died and I have a 3 month old baby, its 55 degrees in here",
                Danger::Vulnerable,
            ),
            (
                "my mom is 88 and her AC isnt working, its 98 out",
                Danger::Vulnerable,
            ),
            (
                "brakes went out on the highway, pedal goes to the floor",
                Danger::Vehicle,
            ),
            (
                "my dog ate a bunch of chocolate like an hour ago",
                Danger::Animal,
            ),
            ("my dog got hit by a car hes bleeding", Danger::Animal),
            (
                "my dad fell this morning and now his leg is numb",
                Danger::Medical,
            ),
            (
                "my chest has been hurting, chest pain when I lift my arm",
                Danger::Medical,
            ),
            ("locked out and my baby is inside the car", Danger::Medical),
            // Something heavy or sharp that could fall on or cut a child.
            (
                "the bookcase in the playroom is leaning forward and my toddler climbs everything",
                Danger::Hazard,
            ),
            (
                "back door glass shattered, shards all over the floor and the kids are home",
                Danger::Hazard,
            ),
            (
                "big crack in the window in my sons room and now its shifted, hes 4",
                Danger::Hazard,
            ),
            (
                "the tv mount is pulling away from the wall right above where the kids sit",
                Danger::Hazard,
            ),
            // Someone not home when they should be.
            (
                "my daughter left practice at 5 and still isnt home",
                Danger::Missing,
            ),
            (
                "cant find my dad, he has dementia and wandered off",
                Danger::Missing,
            ),
            // A crash with someone hurt, stuck in traffic, adrift.
            (
                "your instructor and my son were just rear ended, he says his neck hurts",
                Danger::Vehicle,
            ),
            (
                "car stalled on the freeway on ramp and im stuck in the lane",
                Danger::Vehicle,
            ),
            (
                "engine quit and we're drifting toward the breakwater with the kids",
                Danger::Vehicle,
            ),
            (
                "the carport roof is bowing under the snow and the kids are under it",
                Danger::Hazard,
            ),
            // Carbon monoxide by another name.
            (
                "my grandpa started his truck inside the garage to warm it up and hes been out there a while",
                Danger::Gas,
            ),
            (
                "generator is running in the garage and now im dizzy with a headache",
                Danger::Gas,
            ),
            // A worried question about a body in trouble.
            (
                "got my lip done yesterday and now its really swollen and i feel dizzy, is that normal??",
                Danger::Medical,
            ),
            (
                "my dad keeps throwing up since he got home, what should i do",
                Danger::Medical,
            ),
            // Breathing after a procedure, or a newborn breathing hard.
            (
                "since the session its hard to get a full breath and it stabs when i breathe in",
                Danger::Medical,
            ),
            (
                "our 9 day old baby is breathing really fast and looks grayish around the lips",
                Danger::Medical,
            ),
            (
                "someone broke in last night and the door wont lock",
                Danger::Intruder,
            ),
            ("basement flooded", Danger::Water),
            (
                "my 3 yr old got into the roach bait under the sink",
                Danger::Medical,
            ),
            ("the puppy ate half a bag of chocolates", Danger::Animal),
            ("kitty is breathing with her mouth open", Danger::Animal),
            (
                "locked out with my 4 year old and its 20 degrees",
                Danger::Vulnerable,
            ),
            // Breath running short beside another sign.
            (
                "since yesterday his leg is puffy and he gets winded walking to the car",
                Danger::Medical,
            ),
            (
                "her calf is swollen and red and warm to the touch",
                Danger::Medical,
            ),
            // Pool and cleaning chemicals breathed in.
            (
                "mixed the muriatic acid near the shock and now im coughing",
                Danger::Medical,
            ),
            (
                "my chest burns after breathing that chlorine cloud",
                Danger::Medical,
            ),
            // A young child with something in the mouth, age written the short way.
            ("my 2yo was sucking on a dishwasher pod", Danger::Medical),
            (
                "our 5 y/o drank some of the pool shock water",
                Danger::Medical,
            ),
            ("toddler swallowed a button, is that bad", Danger::Medical),
            // Sudden changes in sight.
            (
                "dad says a grey shadow is creeping across his eye",
                Danger::Medical,
            ),
            (
                "i keep seeing flashes of light in my left eye since this morning",
                Danger::Medical,
            ),
            ("got bleach splashed in my eye", Danger::Medical),
            // Holes someone could fall into.
            (
                "the well cover rotted and theres a hole the kids almost stepped in",
                Danger::Medical,
            ),
            // A fall from a height.
            (
                "my son fell off the roof, hes talking but groggy",
                Danger::Medical,
            ),
            ("she fell from the ladder onto the patio", Danger::Medical),
            // Something chewed, and now sick.
            (
                "my dog got ahold of a spray bottle and chewed it up, shes drooling and threw up",
                Danger::Animal,
            ),
            // Sewage back in the house.
            (
                "the tub fills up with brown water every time we flush",
                Danger::Water,
            ),
        ] {
            assert_eq!(danger(text, None), Some(want), "{text}");
        }
    }

    #[test]
    fn ordinary_work_is_not_danger() {
        for text in [
            "need a drain cleaning",
            "can you install smoke detectors in my new house",
            "my back hurts when I sit, can I book",
            "car makes a grinding noise when I brake",
            "furnace tune up for my grandma's house please",
            "my dog needs a nail trim",
            "water heater is making noise",
            "do you fix leaky faucets",
            "my 10 year old furnace needs a tune up",
            "our 8 year old ac is not cooling well",
            // Shared words that are ordinary work.
            "a big limb fell on the roof during the storm, can you haul it",
            "the dogs dug holes all over the yard where the kids play, can you reseed",
            "my kitchen sink is backed up and smells",
            "can i get a gel mani and some eye shadow advice",
            "my eyes get tired at the computer, due for an exam",
            "need my pool shock levels checked",
            "my 4yo wants to watch, is that ok",
            "do yall need to plug into my outlets or use my water",
            "the fence is leaning a bit, can you fix it next week",
            "my 5 year old cracked my phone screen",
            "transmission is shifting hard with the kids in the back, can i bring it in",
            "my daughters hair is falling out in clumps, can you help",
            "my son is missing his lesson today, can we move it",
            "shes not home till 6, can you come after",
            "is it normal to be sore the day after a deep tissue massage?",
            "can you pick the truck up from my garage, it wont start",
            "my battery died in the parking lot, can you come jump it",
            "the floor is creaking in the hallway, can you look",
            "garage door opener quit, car is stuck inside",
            "what should i do before you come, move the furniture?",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
    }

    #[test]
    fn a_child_by_age_alone() {
        for text in ["hes 3", "she's 6 and scared", "our 2 yo", "my 10 month old"] {
            assert!(Text::new(text).young_child(), "{text}");
        }
        for text in [
            "hes 3 hours late",
            "shes 10 weeks out",
            "my 10 year old furnace",
        ] {
            assert!(!Text::new(text).young_child(), "{text}");
        }
    }

    #[test]
    fn people_asking_for_a_person() {
        for text in [
            "can someone just call me",
            "pls have the owner ring me",
            "is this a bot?",
            "am I talking to a real person",
            "I'd rather talk to someone",
            "I don't want to do this over text",
            "can I speak to the tech",
            "call me back at this number",
            "r u a robot lol",
            "would be easier if somebody calls me",
            "have Dana give me a ring when she's free",
            "id rather go through the owner, he knows our house",
            // A call would be easier; texting is hard right now.
            "texting is a pain for me today, talking would be quicker",
            "honestly a phone convo would be way easier",
            "im on job sites all day so texting back and forth is tough",
            "calling works better for me than texting",
            "id feel better talking to the groomer voice to voice",
            "its easier if we just hop on a call, im terrible at texting",
        ] {
            assert!(wants_person(text), "{text}");
        }
        for text in [
            "my sink is clogged",
            "I called earlier about my drain",
            "the first one",
            "yes",
            "is this the plumber?",
            "the easier option is fine, the first one",
            "my son texted you earlier about the sink",
        ] {
            assert!(!wants_person(text), "{text}");
        }
    }

    #[test]
    fn complaints_in_plain_words() {
        assert_eq!(
            complaint("how much is the bill for a fill usually?", &[]),
            None
        );
        for text in [
            "your tech left the side gate wide open and our cat got out",
            "got the invoice, 3 hrs billed for a 1 hr visit?? doesnt add up",
            "my statement shows the service fee on there twice, can this get sorted",
            "we sat in your waiting room 30 min and nobody ever came out",
            "your guy tracked mud footprints across our white carpet",
            "you guys came out last week and its still leaking",
            "I paid $300 and the AC still doesnt work",
            "I want my money back",
            "this is ridiculous, nobody showed up",
            "worst service ever",
            "your tech left a mess and scratched my floor, damaged it",
            "we were billed twice for one visit",
            "the lady on the phone was really rude to me",
            "since your guy was here the carpet has a big stain",
            "you cleaned the couch tuesday and the spots are back again",
            "got a gel mani saturday and 3 already peeled off, paid $40 for this, not ok",
            "your crew was awful, they left the gate open",
            "your guy did a crap job on the trim",
            // Our past work, said with "you guys <did>", and it is worse or back.
            "yall replaced my screen last month and now its worse than before",
            "u guys cleaned our windows tuesday and theyre already streaky again, kind of frustrated",
            "dropped my car off with you friday, paid 400 for this and it still pulls left?? ridiculous",
            "you tuned it in october and its out again already",
            "got charged a no show fee when i called ahead. want that $25 back",
            "the cut was fine but honestly not impressed with the wait",
        ] {
            assert!(complaint(text, &[]).is_some(), "{text}");
        }
        for text in [
            "my ac is not working",
            "need a cleaning next week",
            "the drain is slow",
            // The job itself, or someone else's work.
            "after the storm last week a branch broke and is on the fence",
            "dog had an accident yesterday, can you get the stain out",
            "are your guys licensed? the last company left a mess",
            "the other company cracked two tiles, can you replace them",
            "the inside of my car is disgusting, kids spilled juice all over the seats. outside is fine. can u come to my house",
            "my car makes this awful grinding noise when i brake, can you look at it",
            "my headlights are all yellow, cant see crap at night. can u fix that?",
            "our piano sounds terrible, it hasnt been tuned since we moved in",
            "the last guy tuned it in june and its already out again, can you come look",
            "you guys did my sisters windows and she loved it, can i book",
            "i want to come back in 2 weeks for a trim",
            "need the car back by 5, can you do an oil change",
            // The landlord's deposit is why the caller wants a cleaning.
            "landlord is picky and we really want our deposit back, can yall clean the place",
            "if something breaks again after you fix it am i covered or do i pay all over again",
        ] {
            assert_eq!(complaint(text, &[]), None, "{text}");
        }
    }

    #[test]
    fn a_request_to_us_is_no_complaint_and_our_worker_named_is() {
        // "Can you put in..." asks for work; it is not work we did.
        assert_eq!(
            complaint(
                "the sink has rust stains and the water tastes off, can u put in a filter?",
                &[]
            ),
            None
        );
        assert_eq!(
            complaint(
                "a few tiles are cracked, want it fixed before my party",
                &[]
            ),
            None
        );
        assert!(complaint(
            "you guys installed the tiles in june and they're loose, want it fixed",
            &[]
        )
        .is_some());
        assert!(complaint(
            "your sitter only stayed 5 minutes, the litter box was full. not the first time",
            &[]
        )
        .is_some());
    }

    #[test]
    fn two_signs_of_a_body_in_trouble_are_a_danger_however_said() {
        assert_eq!(
            danger(
                "now hes sitting at the bottom saying hes dizzy and his head is pounding and he cant really get up the ladder",
                None
            ),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger("my wife is pale and clammy and keeps throwing up", None),
            Some(Danger::Medical)
        );
        // One sign in passing is no emergency.
        assert_eq!(
            danger("the smell gives me a headache lol, can u come tue", None),
            None
        );
    }

    #[test]
    fn self_harm_gas_by_smell_intruders_heard_and_injuries_counted() {
        for (text, kind) in [
            (
                "my son said he doesnt want to be alive anymore, what do i do",
                Danger::SelfHarm,
            ),
            (
                "found out my teen has been cutting, can we cancel today",
                Danger::SelfHarm,
            ),
            (
                "the burner knob was left on for a bit and theres an odd smell in the kitchen",
                Danger::Gas,
            ),
            (
                "smells kinda weird out by the propane tank since this morning",
                Danger::Gas,
            ),
            (
                "back door glass is smashed and i can hear someone walking around upstairs",
                Danger::Intruder,
            ),
            (
                "grandma is 90, glass everywhere, she has cuts on her arms and cant get up",
                Danger::Medical,
            ),
            (
                "my husband has copd and is wheezing, cant catch his breath",
                Danger::Medical,
            ),
        ] {
            assert_eq!(danger(text, None), Some(kind), "{text}");
        }
        for (text, kind) in [
            ("theres a hot plastic smell by the hall light and it flickers", Danger::Electrical),
            ("my hand went numb and wont grip, and my wife says my talking sounds off", Danger::Medical),
            ("my granddaughter climbed in the laundry chute lift and it wont budge, shes 5 and inside", Danger::Medical),
            ("some days i think my family would be better off without me", Danger::SelfHarm),
        ] {
            assert_eq!(danger(text, None), Some(kind), "{text}");
        }
        // Smoke filling a kitchen is a fire even where smoke is the business's work.
        let hood: BusinessProfile = crate::domain::profile::BusinessProfile::from_toml(
            &include_str!("../../examples/daves-plumbing.toml").replace(
                "name = \"Drain cleaning\"",
                "name = \"Smoke and fire damage cleanup\"",
            ),
        )
        .unwrap();
        assert_eq!(
            danger(
                "exhaust fan died, kitchen filling up w smoke, cooks coughing",
                Some(&hood)
            ),
            Some(Danger::Fire)
        );
        assert_eq!(
            danger("need a quote for smoke damage cleanup", Some(&hood)),
            None
        );
        assert_eq!(
            danger(
                "cold air pouring down around the attic ladder at night",
                None
            ),
            None
        );
        // An inspector and a kitchen hood are no fire; weather last week is no home without heat.
        assert_eq!(
            danger(
                "the fire marshal says our hood needs cleaning before friday",
                None
            ),
            None
        );
        assert_eq!(
            danger(
                "that cold snap cracked my windshield, my grandson is 12, can u replace it",
                None
            ),
            None
        );
        // Said not to have happened, or told as history: no emergency.
        assert_eq!(
            danger(
                "kid threw a rock thru the window, nobody got hurt, can u fix it monday",
                None
            ),
            None
        );
        assert_eq!(
            danger(
                "my dad needs a hand getting in the tub since he slipped last year",
                None
            ),
            None
        );
        // A visit where the talking happens in person is a booking, not a request for a person.
        assert!(!wants_person(
            "can someone come meet my mom and talk thru what she needs"
        ));
        assert!(wants_person("can i talk to someone about my moms care"));
    }

    #[test]
    fn horses_people_stuck_and_head_injuries_in_their_owners_words() {
        for text in [
            "my mare was messing around by the old shed and now theres a nail stuck up in the bottom of her back foot, she wont put any weight on it",
            "my gelding has been standing kinda funny, leaning back like hes trying to sit, and his front feet feel real hot",
            "our pony keeps rolling and looking at his belly",
        ] {
            assert_eq!(danger(text, None), Some(Danger::Animal), "{text}");
        }
        assert_eq!(
            danger(
                "my mother is stuck halfway up the stairs on her chair lift, shes 86 and on oxygen",
                None
            ),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger(
                "she bumped her head on monday, today shes thrown up twice and says her head really hurts",
                None
            ),
            Some(Danger::Medical)
        );
        // A horse due for a trim, or a lift stuck with nobody on it, is an ordinary job.
        assert_eq!(danger("need my gelding trimmed, hes overdue", None), None);
        assert_eq!(
            danger(
                "the stair lift is stuck at the top, can u come look tue",
                None
            ),
            None
        );
    }

    #[test]
    fn round_eight_people_hurt_threatened_or_out_of_reach() {
        for (text, want) in [
            (
                "the trunk lid slammed down right on my sons hand, his fingers are purple and hes screaming",
                Danger::Medical,
            ),
            (
                "our neighbors dog bit my daughter on the arm, its a deep puncture and still bleeding",
                Danger::Medical,
            ),
            (
                "my ex boyfriend kept a key and says hes coming over tonight. he choked me last spring",
                Danger::Intruder,
            ),
            (
                "my grandpa is 84 and lives alone, he hasnt answered his phone since yesterday and the door is locked",
                Danger::Medical,
            ),
            (
                "her jaw is swollen on one side and she has a fever of 103",
                Danger::Medical,
            ),
        ] {
            assert_eq!(danger(text, None), Some(want), "{text}");
        }
        // No one hurt: what came down landed on a thing.
        assert_eq!(
            danger(
                "door slammed down on the hood of my truck yesterday, nobody was hurt but theres a dent",
                None
            ),
            None
        );
        // A stove's burners are no fire; a freezer is no cold snap for an older person.
        assert_eq!(
            danger(
                "electric range: the burners work but the oven wont heat, element looks blistered",
                None
            ),
            None
        );
        assert_eq!(
            danger(
                "my dad is 84, his chest freezer is humming loud, can someone call him instead of texting",
                None
            ),
            None
        );
        // A pet hurt at a vet stays an animal emergency.
        assert_ne!(
            danger(
                "my dog cut his paw on glass and its still bleeding through the wrap",
                None
            ),
            Some(Danger::Medical)
        );
        // Someone who does not respond, or is down in a pit and not answering.
        for text in [
            "my dad went into the well pit to check the pump and now he wont answer when i yell down",
            "coworker is slumped over in the truck cab and i cant wake him",
        ] {
            assert_eq!(danger(text, None), Some(Danger::Medical), "{text}");
        }
        // Everyday texts with the same words are no danger.
        for text in [
            "sorry call dropped, can you text me the times",
            "waters shut off, can someone come today",
            "your tech said the railing is not safe, can he come back tomorrow",
            "our 12 year old thermostat is not responding all day",
            "the floor by the kids tub is swelling and the shower head is broken",
            "the garage door isnt moving, my husband tried the button twice",
            "well the pump isnt moving any water, my husband says its the pressure switch",
            "i texted your office twice and she wont answer me about the quote",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
    }

    #[test]
    fn round_eight_complaints_without_a_bill_and_not_about_others() {
        for text in [
            "the lady at your counter made fun of my sons haircut in front of everyone, ive never been treated like that",
            "after your crew left we found the glass shower door shattered and nobody said a word",
            "we were supposed to have the install at 9. its 2pm. no truck, no call no text",
            "the office said insurance would cover it all and now i owe $240??",
            "your company rebuilt our gate last week and today it swung into my car, a dent in the door",
            "we stopped the monthly service in september and you still charged my card twice since, need it put back",
            "yall put in a new water heater in august and its already quit, no hot water again",
        ] {
            assert!(complaint(text, &[]).is_some(), "{text}");
        }
        for text in [
            "hi, never called you guys before, are estimates free?",
            "theres no truck access to the backyard, is that a problem",
            "my son has been complaining about his ear all day, can he be seen tomorrow",
            "got burned by another outfit last year with a contract, never again. do u do month to month?",
            "quick q before i book: if your guy says its not worth fixing do i still pay the trip fee",
        ] {
            assert_eq!(complaint(text, &[]), None, "{text}");
        }
    }

    #[test]
    fn round_seven_warning_signs_said_in_passing() {
        let danger_of = |t: &str| danger(t, None);
        // An outlet scorched and warm, or smelling of fish (overheating insulation).
        assert_eq!(
            danger_of(
                "the socket by the tv has black marks around it and the cover plate feels warm"
            ),
            Some(Danger::Electrical)
        );
        assert_eq!(
            danger_of("theres a fishy smell near the outlet in the den and its kinda brown around the plug"),
            Some(Danger::Electrical)
        );
        // Metal in an outlet; a drowsy child afterwards.
        assert_eq!(
            danger_of("my son put a paper clip in the outlet and there was a flash"),
            Some(Danger::Electrical)
        );
        assert_eq!(
            danger_of("my daughter bumped into the table earlier and now shes very sleepy"),
            Some(Danger::Medical)
        );
        // A fall with head-injury signs, or someone old who cannot get up, however far apart.
        assert_eq!(
            danger_of("my dad was on the ladder cleaning leaves and it tipped and he fell, hes got a big knot on his forehead"),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger_of("I am 81 years old and I slipped in the kitchen, I cannot get myself up"),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger_of("my daughter moved away in the fall and i am 79"),
            None
        );
        // A roof or ceiling moving now; a sagging one where people are; not a shed to tear down.
        assert_eq!(
            danger_of(
                "we keep hearing creaking from the ceiling above the kids room since the storm"
            ),
            Some(Danger::Hazard)
        );
        assert_eq!(
            danger_of("want the old barn torn down, the roof is sagging and half caved in"),
            None
        );
        // A swelling or hissing battery; blue lips; repeating questions after a knock.
        assert_eq!(
            danger_of("the scooter battery is kind of bulging and hissing while it charges"),
            Some(Danger::Fire)
        );
        assert_eq!(
            danger_of("grandpa is napping a lot and his lips look bluish to me"),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger_of("my kid gets cold so fast in the pool, lips go purple, how warm is it"),
            None
        );
        assert_eq!(
            danger_of("she bonked her head, puked once and keeps asking the same question"),
            Some(Danger::Medical)
        );
    }

    #[test]
    fn round_seven_complaints_and_person_requests() {
        // Quote against bill; work nobody approved; rudeness; a promise not kept.
        assert!(complaint("the estimate said 200 and now the invoice says 640", &[]).is_some());
        assert!(complaint(
            "my bill has a new filter on it that nobody asked me about",
            &[]
        )
        .is_some());
        assert!(complaint(
            "the tech rolled his eyes at me when i asked a question",
            &[]
        )
        .is_some());
        assert!(complaint(
            "the groomer did her nails friday and we paid 40 for this?",
            &[]
        )
        .is_some());
        assert!(complaint("how often are you supposed to get it serviced", &[]).is_none());
        // Someone by name, not "my wife"; a bot question with words between.
        assert!(wants_person("can i speak with dr alvarez about my results"));
        assert!(!wants_person(
            "i need to talk to my wife first about the price"
        ));
        assert!(wants_person("is this some kind of automated thing"));
        assert!(!wants_person("she was on her phone the whole time"));
    }

    #[test]
    fn round_nine_shut_in_struck_eyes_ceilings_and_animals() {
        for (text, want) in [
            (
                "my dishwasher got locked inside the cooler, the latch broke and we cant get it open",
                Danger::Medical,
            ),
            (
                "the cow pinned my husband against the gate and now hes pale and dizzy, says hes ok",
                Danger::Medical,
            ),
            (
                "got some oven cleaner in my eye and it wont stop burning",
                Danger::Medical,
            ),
            (
                "the bedroom ceiling is drooping where the roof leaked, kids sleep in there",
                Danger::Water,
            ),
        ] {
            assert_eq!(danger(text, None), Some(want), "{text}");
        }
        // Not now: a question about what could happen, a flood years ago, foam from a tap.
        for text in [
            "if im inside the elevator when the power goes out, what happens? am i stuck in there?",
            "we used you after the 2019 flood and were happy, need an estimate on a new job",
            "the soda fountain is pouring flat and foamy, can someone look at it",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
        // At a practice for horses, "he" is the horse: a belly ache or an old horse down.
        let mut horses =
            BusinessProfile::from_toml(include_str!("../../examples/daves-plumbing.toml")).unwrap();
        horses.business.about = "Equine vet and farrier for horses and ponies.".into();
        for text in [
            "our old boy has been down in the paddock since noon and wont stand up, just trembling",
            "shes been getting up and down all afternoon and biting at her side, no manure in the stall",
        ] {
            assert_eq!(danger(text, Some(&horses)), Some(Danger::Animal), "{text}");
        }
    }

    #[test]
    fn round_nine_complaints_and_calls_to_someone_else() {
        for text in [
            "the bill shows 4 hours but your guy was here 2 at most",
            "ever since the color with you guys my scalp has been flaking and sore",
        ] {
            assert!(complaint(text, &[]).is_some(), "{text}");
        }
        // Still working there is no complaint; calling someone else is no request for a call.
        assert!(complaint("is maria still with yall? she did our kitchen in 2020", &[]).is_none());
        assert!(!wants_person(
            "before i call my landlord.. do you all handle the paperwork for renters"
        ));
        assert!(wants_person("can u call me back at this number"));
    }

    #[test]
    fn round_nine_seizures_fumes_roadsides_infections_and_who_is_in() {
        for (text, want) in [
            (
                "my son is jerking and his eyes rolled back, he wont respond to me",
                Danger::Medical,
            ),
            (
                "theres a cut on his heel that went black and he has a fever tonight",
                Danger::Medical,
            ),
            (
                "the co detector keeps chirping and my wife has a pounding headache",
                Danger::Gas,
            ),
            (
                "broke down on the interstate, stuck on the shoulder with semis flying by",
                Danger::Vehicle,
            ),
        ] {
            assert_eq!(danger(text, None), Some(want), "{text}");
        }
        // Asking whether someone of theirs is in, or for them directly.
        for text in [
            "is gloria in today? she set up our plan",
            "is he around this week",
            "id like to go over it with her directly",
            "my mom does not do texting, can your tech give her a call",
            "it'd be easier to go over the whole list on a call, can someone reach out",
        ] {
            assert!(wants_person(text), "{text}");
        }
        for text in [
            "is it in stock",
            "what if my boss calls me in early that day, can i move it",
            "our agent says the inspection has to be done by the 11th",
            "is someone available today to come look at the furnace",
            "is friday available still",
        ] {
            assert!(!wants_person(text), "{text}");
        }
        // A promise not kept at a cost, and a noise left behind by our install.
        for text in [
            "the permit was supposed to be filed last week and its still not, now we're paying extra rent",
            "your crew put in the new unit and it rattles so loud it keeps us up",
        ] {
            assert!(complaint(text, &[]).is_some(), "{text}");
        }
        assert!(complaint("how often are you supposed to flush it?", &[]).is_none());
        for text in [
            "the ceiling fan in the bedroom is hanging down a bit",
            "the kids have a stomach bug, both threw up and have headaches, can we move it",
            "my husband is stuck in traffic so can we do 3 instead",
            "got a flat on the highway yesterday, traffic was crazy, can you replace the tire",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
        // A jet into the skin; someone barely responding in the cold; not being heard.
        for text in [
            "my husband caught his palm with the paint sprayer, small hole but its swelling fast",
            "theres a guy on our porch who wont wake up properly, barely responding and its freezing",
        ] {
            assert_eq!(danger(text, None), Some(Danger::Medical), "{text}");
        }
        assert!(complaint(
            "i asked several times to skip the hot towel and she did it anyway",
            &[]
        )
        .is_some());
    }

    #[test]
    fn round_ten_confusion_fever_eyes_pets_and_planned_fires() {
        for (text, want) in [
            (
                "grandpa tripped on the porch step and banged his head, now hes repeating himself every minute",
                Danger::Medical,
            ),
            (
                "mom has a cut on her heel that wont heal, shes been shivering all night and isnt making sense when she talks",
                Danger::Medical,
            ),
            (
                "the burn on my arm from the wax is oozing and red and hot up to the elbow, fever of 102",
                Danger::Medical,
            ),
            (
                "ground some rust off a trailer without glasses, now my eyes feel like sand and i can barely open them",
                Danger::Medical,
            ),
            (
                "my cat keeps squatting in the litter box and nothing comes out, wanted to ask about his nail trim",
                Danger::Animal,
            ),
        ] {
            assert_eq!(danger(text, None), Some(want), "{text}");
        }
        assert_eq!(
            danger(
                "grandma slipped on the ice and hit the side of her head on the rail, now she asked me what day it is twice",
                None
            ),
            Some(Danger::Medical)
        );
        // Not dangers: a fire someone plans, dry eyes, a confusing bill, cracks "running" by a car.
        for text in [
            "long cracks running across the garage floor where the car drips salt water",
            "we want to light a fire for new years, can you check the flue before then",
            "my eyes get tired and dry by the afternoon",
            "your invoice is not making sense to me, can someone explain the labor line",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
    }

    #[test]
    fn round_ten_complaints_and_people_by_name() {
        for text in [
            "paid 80 for new heels and the left one is already falling apart, picked them up from you guys tuesday",
            "got a bill for $90 but we paid in full when he finished, I have the card slip",
            "your caregiver spent the visit sitting in her car on her phone",
            "we pay $25 an hour for somebody to walk him, not to stand in the yard",
            "I specifically asked for just a trim and now its a buzz cut and she looks nothing like herself",
            "paid for all four sessions and the redness is just as bad as before",
        ] {
            assert!(complaint(text, &[]).is_some(), "{text}");
        }
        // Asking how long a repair lasts or paying for the next visit is no complaint.
        for text in [
            "how long do new soles usually last before they start coming apart?",
            "I paid the deposit online, what time should we come",
        ] {
            assert!(complaint(text, &[]).is_none(), "{text}");
        }
        for text in [
            "I'd rather hear from Tomas before I leave the saddle with anyone",
            "would be easier on the phone than typing all of this",
            "hola, me pueden llamar? no escribo bien en ingles",
        ] {
            assert!(wants_person(text), "{text}");
        }
        // Our crew leaving a door open overnight is careless work, not an intruder; a neighbour's
        // job by us is no complaint; the mess is what is disgusting.
        let left_open = "your guys left the back door wide open all night and rain got all over the tile, whos paying for that";
        assert_eq!(danger(left_open, None), None);
        assert!(complaint(left_open, &[]).is_some());
        assert!(complaint(
            "raccoons got in the attic again, the droppings are disgusting. my neighbor had you guys seal his vents and it worked, need that",
            &[]
        )
        .is_none());
        assert!(!crate::engine::understand::looks_automated(
            "is this an auto reply or a real person? I need the brakes looked at"
        ));
    }

    #[test]
    fn round_eleven_a_blow_to_the_head_with_vomiting_and_a_missing_battery() {
        for text in [
            "the shelf came down on top of my daughter, theres a goose egg on her head and she threw up twice",
            "my son fell off the top bunk and has a bump on his forehead, now hes really sleepy",
            "cant find the button battery from the remote and my 2 year old had it a minute ago",
        ] {
            assert_eq!(danger(text, None), Some(Danger::Medical), "{text}");
        }
        // A battery to change, a bump with nothing after it: no emergency.
        for text in [
            "can you change the battery in my sons watch while we wait",
            "the frame fell and left a bump in the drywall, can you patch it when you mount the tv",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
    }

    #[test]
    fn round_eleven_a_ring_is_a_thing_unless_someone_is_rung() {
        assert!(!wants_person(
            "picked up my ring saturday after u sized it and the stone wiggles now"
        ));
        assert!(wants_person("can somebody ring me back this afternoon"));
        assert!(wants_person("just buzz me when ur free"));
    }

    #[test]
    fn round_eleven_promises_and_messages_left_unanswered() {
        for text in [
            "brought the amp in on the 2nd and was told a week, its been almost a month now",
            "ive left 3 messages about my order and nothing",
            "nobody ever calls me back about the estimate",
            "you said it would be done by friday. still waiting on it",
        ] {
            assert!(complaint(text, &[]).is_some(), "{text}");
        }
        assert!(complaint(
            "the sealer is already peeling by the sink and we paid $300 for this",
            &[]
        )
        .is_some());
        assert!(complaint(
            "got my watch back and the crown spins freely now, it was not like that, it worked fine when i dropped it off",
            &[]
        )
        .is_some());
        // Told by someone what to do, one message left, or a wait at another company: no
        // complaint about us.
        for text in [
            "i was told to text this number to book a tune up",
            "i left a message earlier about a quote for a new panel",
            "another company said 3 weeks and its been 5, can you do it sooner",
        ] {
            assert!(complaint(text, &[]).is_none(), "{text}");
        }
    }

    #[test]
    fn round_twelve_bleeding_that_goes_on_and_a_child_out_of_the_water() {
        for text in [
            "cut my hand open on the broken mirror, its dripping through the paper towels and im lightheaded",
            "my husband sliced his thumb on the blade and the blood wont stop",
            "we pulled her out of the hot tub, shes limp and coughing",
            "found him in the bath face down, hes breathing but so sleepy",
        ] {
            assert_eq!(danger(text, None), Some(Danger::Medical), "{text}");
        }
        // A swimmer's stroke, a two-stroke engine, a kid who is always cold, a phone crushed
        // or dropped in the pool: nobody in danger.
        for text in [
            "her backstroke is fine but she lifts her head every stroke",
            "do you work on 2 stroke engines, the weed eater wont start",
            "my son is a popsicle after 10 minutes, his lips go blue at every pool",
            "my sons ipad got crushed in the car door, screen has lines",
            "my daughters phone fell in the pool and its not responding",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
    }

    #[test]
    fn round_twelve_our_work_on_the_callers_thing_and_a_situation_had_enough_of() {
        // Said of our work on their own thing, whatever a neighbour's job was like.
        assert!(complaint(
            "you guys painted our deck in june and its already peeling, our neighbors had theirs done by someone else and it looks fine",
            &[]
        )
        .is_some());
        assert!(complaint(
            "there are 2 charges of $95 from you on my card this month",
            &[]
        )
        .is_some());
        assert!(complaint(
            "the touchscreen was fine before i brought it in and now it ghost taps",
            &[]
        )
        .is_some());
        // Fed up with a storm, asking for new work; a machine that did not do its own job.
        for text in [
            "lost power 4 days last winter, never again. looking to get a whole house unit put in",
            "the unit didnt do its weekly self test and the battery light is on, can you come swap it",
        ] {
            assert!(complaint(text, &[]).is_none(), "{text}");
        }
    }

    #[test]
    fn round_twelve_after_the_last_held_out_run() {
        // A child got out of a pond and now only wants to sleep.
        assert_eq!(
            danger(
                "turned my back for a sec and she was in the pool, got her out, shes 2 and coughing and just wants to sleep",
                None
            ),
            Some(Danger::Medical)
        );
        for text in [
            "you did my gel set tuesday and 3 are already gone",
            "picked it up after the repair and its not what i was told at all",
        ] {
            assert!(complaint(text, &[]).is_some(), "{text}");
        }
        // A price agreed on a call before is no request for one; asking for a call still is.
        assert!(!wants_person(
            "you quoted me $80 over the phone for the ding"
        ));
        assert!(wants_person("can we do this over the phone instead"));
    }

    #[test]
    fn round_thirteen_complaints_and_what_is_not_one() {
        // "Since you do X" is what we do, not a visit of ours; a warranty question is no
        // complaint; a fixed leak's mark is no water coming in.
        assert_eq!(
            complaint(
                "can yall mount a tv? box is still sealed. since you do walls i figured id ask",
                &[]
            ),
            None
        );
        assert_eq!(
            complaint(
                "the receipt says you did the roof in 2019, does the warranty still apply now that we own it",
                &[]
            ),
            None
        );
        assert_eq!(
            danger(
                "plumber fixed the leak on monday, now theres a yellow ring on the ceiling and its a bit soft",
                None
            ),
            None
        );
        assert_eq!(
            danger(
                "plumber fixed the leak on monday but now its dripping through the ceiling again",
                None
            ),
            Some(Danger::Water)
        );
        // A price told and a bigger one charged; back to how it was before our work; "what did
        // we pay for??".
        for text in [
            "they told me $150 when i dropped it off and my card was charged $210. why",
            "your guy replaced the motor friday and it's making the same noise it made before",
            "you put in a new pump last week and its dead. what did i even pay for??",
        ] {
            assert!(complaint(text, &[]).is_some(), "{text}");
        }
    }

    #[test]
    fn round_thirteen_asked_about_our_people_is_no_visit() {
        assert_eq!(
            complaint(
                "r ur techs even licensed or just some guy w a van lol. the last company we had left a mess",
                &[]
            ),
            None
        );
        assert!(complaint(
            "your techs left a mess all over the garage and the drain is still slow",
            &[]
        )
        .is_some());
    }

    #[test]
    fn round_thirteen_how_a_thing_looks_is_no_anger_at_us() {
        assert_eq!(
            complaint(
                "the wires hang down under the tv and it looks awful. can u run them inside the wall?",
                &[]
            ),
            None
        );
        assert!(complaint("your install looks awful, the tv is crooked", &[]).is_some());
    }

    #[test]
    fn round_thirteen_after_the_last_held_out_run() {
        assert_eq!(
            danger(
                "wind is picking up and the canopy is lifting off the ground, kids are still under it",
                None
            ),
            Some(Danger::Hazard)
        );
        assert_eq!(
            danger(
                "my son flew off the trampoline head first and landed on his neck, says his neck hurts",
                None
            ),
            Some(Danger::Medical)
        );
        // A town of the service area said as a place is no danger; the thing itself is.
        let mut p =
            BusinessProfile::from_toml(include_str!("../../examples/daves-plumbing.toml")).unwrap();
        p.business.service_area = "Reno, Sparks and Verdi".into();
        assert_eq!(
            danger(
                "can Dana call me? she did our job at the sparks library last year",
                Some(&p)
            ),
            None
        );
        assert_eq!(
            danger("the outlet by the sink is throwing sparks", Some(&p)),
            Some(Danger::Electrical)
        );
        for text in [
            "we came in for our 10:00 and nobody told us she was out sick",
            "third time this month. honestly thinking about going somewhere else",
        ] {
            assert!(complaint(text, &[]).is_some(), "{text}");
        }
    }

    #[test]
    fn round_fourteen_our_work_told_from_the_callers_side() {
        for text in [
            "had my laptop fixed there on friday and now the trackpad doesnt respond. pretty ridiculous",
            "your guy cleaned the pond tuesday and this morning two of the koi were dead",
            "she said shed send the receipt that night and we never got it",
            "ive called twice about the invoice with no answer",
            "every time i call about my ring they say friday. its been a month",
        ] {
            assert!(complaint(text, &[]).is_some(), "{text}");
        }
        for text in [
            "the generator starts by itself every monday, is that normal?",
            "she said to text you about times for next week",
            "had my laptop fixed there last year, can you do my phone screen too?",
        ] {
            assert_eq!(complaint(text, &[]), None, "{text}");
        }
    }

    #[test]
    fn round_fourteen_split_skin_is_no_wound() {
        assert_eq!(
            danger("my knuckles are so dry and cracked theyre bleeding", None),
            None
        );
        assert_eq!(
            danger(
                "he fell off the ladder, cracked his head and its bleeding",
                None
            ),
            Some(Danger::Medical)
        );
    }

    #[test]
    fn round_fourteen_dangers_in_other_trades_words() {
        for (text, kind) in [
            (
                "my guinea pig hasnt pooped since this morning and hes sitting hunched in the corner",
                Danger::Animal,
            ),
            (
                "the pontoon is sitting way low, waters over the floorboards and the shore power cord is still plugged in",
                Danger::Water,
            ),
            (
                "theres a hot plastic smell from the motor room and kind of a haze when i open the door",
                Danger::Electrical,
            ),
            (
                "our gelding came in off the pasture and theres a screw in the bottom of his front foot",
                Danger::Animal,
            ),
        ] {
            assert_eq!(danger(text, None), Some(kind), "{text}");
        }
        for text in [
            "needs a trim at home, she had a stroke a few years ago and cant do the stairs",
            "got married saturday, the sparkler exit pics came out great",
            "vet came out friday, pulled the shoe and said its an abscess, now we need the shoe back on",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
        // What is happening now still counts, whatever the history.
        assert!(danger(
            "he had a stroke last year and now his face is drooping",
            None
        )
        .is_some());
    }

    #[test]
    fn round_fourteen_complaints_in_other_words() {
        for text in [
            "the dj got to the reception at 8:40, it started at 7. half the guests had already gone home by then",
            "i was told $120 for the checkup and walked out paying $340 for tests nobody actually asked me about",
            "we brought our cockatiel in last month for the beak trim and its overgrown the same as before",
            "you guys winterized the boat in november and now the block froze and split",
        ] {
            assert!(complaint(text, &[]).is_some(), "{text}");
        }
        for text in [
            "my mom keeps complaining her nails are too long, can someone come to her place",
            "you rebuilt my dads steps years ago and theyre still solid. can you look at our walk",
        ] {
            assert_eq!(complaint(text, &[]), None, "{text}");
        }
        assert!(needs_someone_now(
            "its urgent, she cant get out of the chair"
        ));
        assert!(!needs_someone_now(
            "not an emergency, she just needs her nails done"
        ));
    }

    #[test]
    fn round_fourteen_a_stroke_a_line_down_and_a_dog_by_its_breed() {
        for (text, kind) in [
            (
                "mom seems off since dinner, her speech is kinda slurry and she keeps dropping her fork",
                Danger::Medical,
            ),
            (
                "grandpa is talking funny and the left side of his mouth looks droopy",
                Danger::Medical,
            ),
            (
                "the storm brought a line down off the pole, its laying across our driveway",
                Danger::Electrical,
            ),
            (
                "our frenchie is wheezing really bad and his gums look bluish",
                Danger::Animal,
            ),
        ] {
            assert_eq!(danger(text, None), Some(kind), "{text}");
        }
        for text in [
            "been caring for my mom since her stroke in the spring, i need a break",
            "my dad has a cold coming on, can we move his visit",
            "our husky is blowing his coat, fur everywhere. earliest you can take him?",
            "the groomer left one side of his face way shorter, he looks lopsided",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
    }

    #[test]
    fn round_fourteen_our_visit_in_the_callers_words() {
        for text in [
            "had her nails done with yall friday and two of them already split",
            "we paid like $300 for you guys to put the lights up and half of them went dark",
            "crew came tuesday for the gutters, theres shingle bits all over my flower beds",
            "your guys put the lights up friday and now the gutter is bent",
            "was someone coming today?? its 2pm. no truck no text no nothing",
            "got a statement for $240 but the girl told me insurance covers it. i dont understand why we are being billed",
        ] {
            assert!(complaint(text, &[]).is_some(), "{text}");
        }
        for text in [
            "is someone coming today? just checking the time",
            "had a great time with yall last year, want to book again",
        ] {
            assert_eq!(complaint(text, &[]), None, "{text}");
        }
    }

    #[test]
    fn round_fourteen_the_owner_asked_for_and_more_complaints() {
        assert!(wants_person(
            "is the owner around? wanted to ask about a used saw"
        ));
        assert!(wants_person(
            "looking for the owner. want to talk to him directly"
        ));
        assert_eq!(
            complaint(
                "your tech helped us last year. i manage the bent nail pub",
                &[]
            ),
            None
        );
        for text in [
            "just saw another charge on my card from yall for $120. i didnt sign up for anything",
            "you can see swirl marks all over the floor. i thought this was supposed to be dustless??",
        ] {
            assert!(complaint(text, &[]).is_some(), "{text}");
        }
        // How a child is, not a house without heat.
        assert_eq!(
            danger(
                "how warm is the pool? my son gets cold so easy, lips go purple",
                None
            ),
            None
        );
    }

    #[test]
    fn round_fourteen_a_blowout_on_the_highway() {
        assert_eq!(
            danger(
                "tire blew out on 71, im on the shoulder with my toddler and semis are flying by",
                None
            ),
            Some(Danger::Vehicle)
        );
    }

    #[test]
    fn round_fourteen_a_roof_giving_way_and_more_complaints() {
        assert_eq!(
            danger(
                "so much snow on the porch roof, the ceiling under it started creaking tonight and theres a new crack",
                None
            ),
            Some(Danger::Hazard)
        );
        assert_eq!(
            danger(
                "my dad already tripped on those roots at thanksgiving. can you grind them down",
                None
            ),
            None
        );
        for text in [
            "was told the refund would come back in a week. its been 3 and still nothing, ive called twice",
            "ur guy ground the stump today, chips all through my beds and nobody said anything",
            "the man on the phone said around $300 and my card got charged $520. not what we agreed to",
        ] {
            assert!(complaint(text, &[]).is_some(), "{text}");
        }
    }

    #[test]
    fn round_fourteen_someone_under_something_heavy() {
        assert_eq!(
            danger(
                "the dresser tipped on the stairs and my son is under it holding it up, hes shaking",
                None
            ),
            Some(Danger::Hazard)
        );
        assert_eq!(
            danger("can you move a dresser up the stairs on friday", None),
            None
        );
    }

    #[test]
    fn round_sixteen_people_in_trouble_in_everyday_words() {
        for (text, kind) in [
            ("my roommate drank a whole bottle of vodka and his breathing is slow and kind of weird", Danger::Medical),
            ("we cant really wake him, he took something at the party", Danger::Medical),
            ("grandpa is 90 and this morning he keeps asking me what year it is", Danger::Medical),
            ("the diesel smell in the basement is so strong my wife feels dizzy", Danger::Gas),
            ("my daughter got pricked by a syringe in the park sandbox", Danger::Medical),
            ("my toddlers fingers got caught in the paper shredder and hes screaming", Danger::Medical),
            ("nobody has been able to reach my sister for a week and the mail is piling up at her door", Danger::Medical),
            ("the pipe split and water is spewing onto the breaker panel", Danger::Water),
            ("the outlet in the hall is buzzing and it popped with a flash", Danger::Electrical),
        ] {
            assert_eq!(danger(text, None), Some(kind), "{text}");
        }
        for text in [
            "im running on fumes this week, can i get a massage friday",
            "the shop was broken into last week and we need the front glass replaced",
            "the spare room smells so bad you cant breathe in there, can you clean the carpet",
            "the city shut it off at the meter so nothing is spraying anymore",
            "my ipad wont wake up after the update",
            "my mom has dementia and gets confused in the evenings, we need a sitter on tuesdays",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
    }

    #[test]
    fn round_eighteen_what_happened_and_what_almost_did() {
        // A fire someone asked about, of soot or a stain, is none; one burning is.
        assert_eq!(
            danger(
                "the mail lady asked if we had a fire, the siding by the dryer vent is that black",
                None
            ),
            None
        );
        assert_eq!(
            danger(
                "my neighbor asked if we had a fire bc theres smoke pouring out of the attic vent",
                None
            ),
            Some(Danger::Fire)
        );
        // A near miss is why they call; a fall with a hurt or stuck person is not.
        assert_eq!(
            danger(
                "grandpa is 84 and nearly fell twice on the back steps this week, can we get a railing",
                None
            ),
            None
        );
        assert_eq!(
            danger(
                "my 80 yr old mom almost fell, then went down in the hall and cant get up",
                None
            ),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger("my 80 yr old mom fell in the shower", None),
            Some(Danger::Medical)
        );
    }

    #[test]
    fn round_eighteen_held_out_61_caught_in_the_ground_and_stopped_in_a_lane() {
        assert!(danger(
            "the deck boards gave way and my son went thru up to his waist, his foot is stuck and we cant pull him out",
            None
        )
        .is_some());
        assert_eq!(
            danger(
                "our camper came unhooked on route 9, its sitting across the left lane and traffic is flying by",
                None
            ),
            Some(Danger::Vehicle)
        );
        assert_eq!(
            danger(
                "can you fix our camper hitch before we leave on the 20th",
                None
            ),
            None
        );
        // "Smoking hot" is how hot, and a gum in a mouth is no pack of gum.
        assert_eq!(
            danger(
                "the left hub on the camper was smoking hot after the trip last month, can u check the bearings",
                None
            ),
            None
        );
        assert_eq!(
            danger(
                "my partial rubs a sore spot on my gums so ive been eating soft food",
                None
            ),
            None
        );
        assert_eq!(
            danger("my dog ate a whole pack of sugar free gum", None),
            Some(Danger::Animal)
        );
    }

    #[test]
    fn round_eighteen_the_reviews_everyday_texts() {
        // Directions are no vehicle stopped in a lane.
        assert_eq!(
            danger(
                "we live across the road from the elementary school, traffic is crazy at 8 so can you come after 9?",
                None
            ),
            None
        );
        assert_eq!(
            danger(
                "the dumpster is blocking traffic, can you move it when you come friday",
                None
            ),
            None
        );
        // A near fall that ends on the floor or stuck is a fall.
        assert_eq!(
            danger("mom nearly fell in the tub and now shes on the floor", None),
            Some(Danger::Medical)
        );
        assert!(danger(
            "grandma almost fell and is stuck between the toilet and the tub, she cant move",
            None
        )
        .is_some());
        // A fire asked about, then confirmed, is a fire.
        assert_eq!(
            danger(
                "neighbor asked if we had a fire, we do!! theres fire in the garage by the water heater",
                None
            ),
            Some(Danger::Fire)
        );
        // The candy, and a hot outlet.
        assert_eq!(
            danger("the dog got into my purse and ate my gum", None),
            Some(Danger::Animal)
        );
        assert!(danger("the outlet behind the water heater is smoking hot", None).is_some());
        // Caught in something, nothing come down.
        assert!(danger(
            "my kids hand is stuck in the garbage disposal, cant pull it out",
            None
        )
        .is_some());
        // A call that dropped still asks for a person.
        assert!(wants_person(
            "i was talking with your tech on the phone and the call dropped"
        ));
        // Not ours, not a promise, not a complaint; but "the tech they sent" is ours.
        assert_eq!(
            complaint(
                "theres a water stain on the ceiling, it wasnt like that when we moved in, can someone come look",
                &[]
            ),
            None
        );
        assert_eq!(
            complaint(
                "they told me to call you, I had to call the insurance first. when can you come out",
                &[]
            ),
            None
        );
        assert!(complaint(
            "the tech they sent out yesterday left mud all over my carpet",
            &[]
        )
        .is_some());
        assert_eq!(
            complaint(
                "this will be my third time in for my annual checkup, still not sure what time works",
                &[]
            ),
            None
        );
        assert_eq!(
            complaint(
                "you installed our water heater in 2019. is it ok if the pipe insulation is a different color?",
                &[]
            ),
            None
        );
    }

    #[test]
    fn round_eighteen_our_work_not_right_and_someone_elses() {
        // Our work that does not match, or that they keep coming back for.
        assert!(complaint(
            "ur guys did the grout in our bathroom last week and its a different color than the sample",
            &[]
        )
        .is_some());
        assert!(complaint(
            "this is my third time back for the same fitting and it still rubs by lunch",
            &[]
        )
        .is_some());
        assert_eq!(
            complaint("my second time back was great, thanks again", &[]),
            None
        );
        // Chased, or given back worse than it came.
        assert!(complaint(
            "was told my mower would be done monday, had to call twice just to hear it was ready",
            &[]
        )
        .is_some());
        assert!(complaint(
            "theres a dent in the fender now and it did not leave my house like that",
            &[]
        )
        .is_some());
        // Still wrong after what was paid for, or asked to pay twice.
        assert!(complaint(
            "paid $300 to have the door rehung last week and it still sticks at the top, still rubs",
            &[]
        )
        .is_some());
        assert!(complaint("i shouldnt have to pay again for you to get it right", &[]).is_some());
        // Shopping around is no request for a call.
        assert!(!wants_person(
            "just curious before i call around, do you charge extra on weekends?"
        ));
        // Someone the caller hired is not our staff.
        assert_eq!(
            complaint(
                "the roofers we hired dropped a bundle on the gutter and cracked it, can you replace that section",
                &[]
            ),
            None
        );
        // Talks going on are not a wish to talk now.
        assert!(!wants_person(
            "we're talking to you guys about a new patio in the spring, do you also do fire pits"
        ));
        assert!(wants_person("can i just talk to you guys on the phone"));
    }

    #[test]
    fn round_seventeen_people_in_trouble_in_everyday_words() {
        for text in [
            // Hopelessness beyond doubt, or weaker words beside a means.
            "since grandpa died my grandma keeps saying shes ready to go be with him",
            "my husband says the kids would be better off with someone else and he took his rifle out to the truck",
            // Held down under something that came down.
            "the shelving in the garage tipped and my husbands arm is stuck under it",
            // A burn past a red mark.
            "he burned his palm on the grill and now its blistering",
            // Something heavy on a small child.
            "the dresser tipped over on my 3 year old, shes got a bump on her head",
        ] {
            // (Those who may harm themselves are told of the crisis line: a kind of their own.)
            let kind = if self_harm(&Text::new(text)) {
                Danger::SelfHarm
            } else {
                Danger::Medical
            };
            assert_eq!(danger(text, None), Some(kind), "{text}");
        }
        for text in [
            "every spring i cant breathe through my nose, want allergy testing",
            "since it got cold my 80 yr old dad uses his inhaler more, can he get a checkup",
            "do you sell lift chairs? my mom cant get out of her recliner on her own",
            "ever since the crawlspace flooded in august the whole house smells musty",
            "theres no point fixing the old unit, we want a new one put in",
            "i burned my hand on the oven door yesterday, its just a little red, still ok for my massage friday?",
            // Everyday words the detectors must not take for danger.
            "im so tired of living with this leak, can someone come friday",
            "please just text, i dont want to wake up the baby",
            "my beard is hopeless, need a razor line up saturday",
            "a branch fell and crushed our gutter, can you replace that section",
            "the oak fell last night and crushed her car, can you cut it up and haul it",
            "got burned at the beach and my back is peeling, can i still get a massage tomorrow",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
        // A fall told as the reason for work now is no injury now (the older rule for heavy
        // things near a small child still calls it a hazard).
        assert_ne!(
            danger(
                "after the bookshelf tipped over on our 2 yr old last month we want everything anchored",
                None
            ),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger("the basement flooded an hour ago, what do we do", None),
            Some(Danger::Water)
        );
        // Smoke and heat at a shop whose trade names smoke; and a truck called Pete is no pet.
        let mut p = crate::domain::profile::BusinessProfile::from_toml(include_str!(
            "../../examples/daves-plumbing.toml"
        ))
        .unwrap();
        p.services[0].description =
            Some("We find the cause of black smoke and hard starts.".into());
        assert_eq!(
            danger(
                "my trailer tires are smoking and it smells like hot brakes, can i bring it monday",
                Some(&p)
            ),
            Some(Danger::Fire)
        );
        assert_eq!(
            danger(
                "paid for brake work on my pete and it still bleeds air overnight",
                None
            ),
            None
        );
        // A flood today is water now.
        assert_eq!(
            danger(
                "the basement flooded 2 hours ago and its still coming in",
                None
            ),
            Some(Danger::Water)
        );
    }

    #[test]
    fn round_seventeen_who_talks_and_who_did_it() {
        // Advice passed on, or someone else's wish, is the reason for writing.
        assert!(!wants_person(
            "my pediatrician said i should talk to someone about my daughters anxiety"
        ));
        assert!(!wants_person(
            "my husband is the one who asked if he could talk to somebody, can we book"
        ));
        assert!(wants_person("can i talk to someone about the estimate"));
        assert!(wants_person(
            "the estimate you recommended seems high, id like to talk to the owner"
        ));
        // Harm left by someone the text never names is our visit's; a husband's is not.
        assert!(complaint(
            "there are two extra holes in the drywall where he drilled in the wrong spot",
            &[]
        )
        .is_some());
        assert_eq!(
            complaint(
                "my husband drilled in the wrong spot, can you patch the drywall",
                &[]
            ),
            None
        );
        assert_eq!(
            complaint(
                "the tenants moved out and they left stains all over the carpet, can you clean thursday",
                &[]
            ),
            None
        );
        assert_eq!(
            complaint(
                "Joe from next door hung our tv and he drilled in the wrong spot, can you patch it",
                &[]
            ),
            None
        );
        // A question about coverage is no disputed bill.
        assert_eq!(
            complaint(
                "is this supposed to be covered by my insurance or am i paying out of pocket?",
                &[]
            ),
            None
        );
        assert_eq!(
            complaint(
                "got a bill for $180 but the lady on the phone said insurance would cover it",
                &[]
            )
            .as_deref(),
            Some("billing")
        );
        assert_eq!(
            complaint(
                "the invoice has a $90 storage charge for the days you had it sitting. thats crazy",
                &[]
            )
            .as_deref(),
            Some("billing")
        );
        // "If" after an opener is still a what-if, not our work failing again.
        assert_eq!(
            complaint(
                "quick q, if the power goes out again can i open it by hand? you guys put our opener in last spring",
                &[]
            ),
            None
        );
    }

    #[test]
    fn round_sixteen_not_complaints_about_us() {
        for text in [
            "your tech did a great job on our furnace last year, we want the same checkup",
            "our annual test is due again. the guy who did it last year moved away, can you take it over",
            "it failed inspection in spring and the other company never came back to redo it",
        ] {
            assert_eq!(complaint(text, &[]), None, "{text}");
        }
        for text in [
            "your tech did a great job but its leaking again already",
            "you guys did our furnace in october and it quit again",
            "got my twists done two weeks ago and a bunch are already sliding out. paid 180 for this",
        ] {
            assert!(complaint(text, &[]).is_some(), "{text}");
        }
        // Work wanted, and papers to send on, are no complaint.
        for text in [
            "the patio is crumbling by the steps, just want it fixed before it gets worse",
            "it has to be replaced for the insurance, can you give me something to send back to them",
        ] {
            assert_eq!(complaint(text, &[]), None, "{text}");
        }
        assert!(wants_person(
            "can somebody get back to me tonight about this"
        ));
        assert!(!wants_person("get back to me with a price when you can"));
    }

    #[test]
    fn round_sixteen_second_round() {
        for (text, kind) in [
            ("theres a burnt plastic smell and a little wisp coming from the base of the chair lift", Danger::Fire),
            ("just got to the store, the back door was pried open and i think i heard something moving in the back room", Danger::Intruder),
            ("shes 33 weeks and having cramps every few minutes and some bleeding", Danger::Medical),
            ("theres a gap between the upper cabinet and the wall now and my toddler plays under it", Danger::Hazard),
        ] {
            assert_eq!(danger(text, None), Some(kind), "{text}");
        }
        assert_eq!(
            danger(
                "if you draw my blood at home who takes the tubes to the lab after",
                None
            ),
            None
        );
        for text in [
            "your delivery guys brought the couch back and there is a long scratch in our floor",
            "your lady came friday, it took four tries and now the sample got rejected. all for nothing",
            "your guy swapped the filter last week and now the cabinet under the sink is soaked",
            "my appointment was at 8 and no one has shown up",
            "you guys changed the code on my safe last month and today it wont open",
        ] {
            assert!(complaint(text, &[]).is_some(), "{text}");
        }
        for text in [
            "my brother set a hot pan on the counter and my wife is not happy, can that be fixed",
            "do you also put up tile? our old backsplash looks awful",
            "do any of your trainers do sessions over video? id still pay the same",
        ] {
            assert_eq!(complaint(text, &[]), None, "{text}");
        }
        assert_eq!(
            danger(
                "had my lip pierced yesterday and now my lips are twice the size and its getting hard to breathe",
                None
            ),
            Some(Danger::Medical)
        );
        assert!(complaint(
            "you guys jetted our line monday and its overflowing tonight. did anybody even run the camera",
            &[]
        )
        .is_some());
        assert_eq!(
            complaint(
                "we want shutters for the 3 back bedrooms, need someone to measure",
                &[]
            ),
            None
        );
        assert!(wants_person(
            "is maria still there?? she did my color last year"
        ));
        assert!(!wants_person(
            "is the leak still there? it stopped dripping"
        ));
    }

    #[test]
    fn round_fifteen_an_alarm_and_sore_heads() {
        assert_eq!(
            danger(
                "the alarm by the bedrooms keeps going off, like 4 beeps then quiet then 4 beeps, and both kids are saying their heads hurt",
                None
            ),
            Some(Danger::Gas)
        );
        assert_eq!(
            danger(
                "the smoke alarm keeps chirping, i think the battery is low",
                None
            ),
            None
        );
    }

    #[test]
    fn round_fifteen_a_heart_attack_said_as_a_fright() {
        assert_eq!(
            danger(
                "my 2 yr old uses the dresser drawers like a ladder and i about had a heart attack. nothing fell thank god",
                None
            ),
            None
        );
        assert_eq!(
            danger("the bill nearly gave me a heart attack lol", None),
            None
        );
        assert_eq!(
            danger(
                "i think my dad is having a heart attack, he is gray and sweating",
                None
            ),
            Some(Danger::Medical)
        );
    }

    #[test]
    fn round_fifteen_complaints_in_other_words() {
        for text in [
            "paid you guys $280 for front brakes last week and theyre grinding again, worse than before",
            "plus theres a shop supplies charge on the bill nobody ever mentioned. starting to feel like i got taken",
            "looking at my card statement and you charged 7 nights, she was there 5. whats going on",
            "so was anyone actually coming today or... i stayed home from work, its 2:30 and the window was 10 to 12. no call nothing",
            "i was out shoveling at 6am so your truck could get in for the 9 oclock delivery. its 1 now. no wood, no call, nothing",
        ] {
            assert!(complaint(text, &[]).is_some(), "{text}");
        }
        for text in [
            "my brother in law dumped 2 face cords in my driveway in october and never came back to help stack it",
            "no rush, no pressure, whenever you have a spot",
            "you charged me $95 last time, is it the same for 2 rooms?",
        ] {
            assert_eq!(complaint(text, &[]), None, "{text}");
        }
    }

    #[test]
    fn round_fifteen_asked_whether_the_replies_are_automatic() {
        assert!(wants_person("are these auto replies?"));
        assert!(wants_person(
            "are these texts automated or is someone there"
        ));
    }

    #[test]
    fn round_fifteen_emergencies_in_everyday_words() {
        for (text, kind) in [
            ("im 30 weeks and having some cramping and spotting tonight, baby hasnt moved much", Danger::Medical),
            ("the tap water smells like chemicals and looks yellow, been making the babys formula with it", Danger::Medical),
            ("a kid from down the street is standing on our pool cover and its tearing at the corner", Danger::Hazard),
            ("theres water dripping out of the light in the nursery and its still on", Danger::Electrical),
            ("my toddler knocked over the coffee and it went down her arm, the skin is blistering", Danger::Medical),
            ("her ring is stuck on her swollen finger and the tip is turning purple and numb", Danger::Medical),
            ("hes diabetic, skipped lunch, now hes sweaty and shaky and not making sense", Danger::Medical),
            ("he says it feels like someone is sitting on his chest and hes clammy", Danger::Medical),
            ("got hit in the head with a bat, threw up and now just wants to sleep", Danger::Medical),
        ] {
            assert_eq!(danger(text, None), Some(kind), "{text}");
        }
        for text in [
            "the tint on my back window is all purple and bubbly like blisters, want it off",
            "theres a gray papery nest the size of a football in the oak, they fly in and out",
            "spilled hot coffee on the white couch, can you get the stain out",
            "the pilot light on the water heater keeps going out",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
    }

    #[test]
    fn round_fifteen_sick_of_it_is_nobody_ill() {
        assert_eq!(
            danger(
                "once the ice is gone do you put in heat cables? so sick of dealing w this every january",
                None
            ),
            None
        );
    }

    #[test]
    fn round_fifteen_more_complaints_and_a_brand_that_says_baby() {
        for text in [
            "picked him up and you can see his ribs. nobody said a thing about him not eating",
            "the invoice says 9 hours, they got there at 10 and left at 4. someone needs to explain this",
            "your team donated my grandmothers cedar chest, it had a keep sticker on it",
        ] {
            assert!(complaint(text, &[]).is_some(), "{text}");
        }
        assert!(wants_person(
            "my neighbor said ask for him directly, want to talk to him about my shop floor"
        ));
        assert_eq!(
            danger(
                "my baby lock serger is chewing up the edges of everything",
                None
            ),
            None
        );
    }

    #[test]
    fn round_twenty_dangers_said_sideways() {
        // Afraid for herself of a soft floor; afraid of someone coming back.
        assert_eq!(
            danger(
                "the floor is soft, my wife is afraid she will go through it",
                None
            ),
            None
        );
        assert_eq!(
            danger(
                "my ex was here last night, im afraid he will come back",
                None
            ),
            Some(Danger::Intruder)
        );
        // Torn wide open is no way in left open.
        assert_eq!(
            danger(
                "the wrap under the trailer is ripped wide open, i hear it at night",
                None
            ),
            None
        );
        assert!(danger(
            "the back door wont lock and its night, kids are asleep",
            None
        )
        .is_some());
        // Gasoline smelled through a home, or a puddle of it in the garage.
        assert_eq!(
            danger("theres a puddle under the car in the garage and the whole house reeks like gasoline", None),
            Some(Danger::Gas)
        );
        assert_eq!(
            danger("can you top off the fuel and check the oil", None),
            None
        );
        // Said with the g dropped.
        assert!(danger(
            "cut my finger, its bleedin pretty good thru the towel",
            None
        )
        .is_some());
        // Out on the mountain, overdue and unreachable.
        assert_eq!(
            danger("my brother went hiking alone, said hed be back by 2. its 6 and his phone goes straight to voicemail", None),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger("your tech said hed be back by 2 with the part, his phone goes straight to voicemail", None),
            None
        );
    }

    #[test]
    fn round_twenty_complaints_and_what_is_not_one() {
        // One of ours treating a child or the caller badly.
        assert!(complaint(
            "the coach made my daughter run laps in front of everyone for laughing. shes 7",
            &[]
        )
        .is_some());
        assert!(complaint(
            "the guy at the front desk acted like i was lying about the bill",
            &[]
        )
        .is_some());
        assert!(complaint("that is not how you talk to a little kid", &[]).is_some());
        // The same thing replaced again and again and still failing.
        assert!(complaint(
            "this is the 3rd unit you have sent me and it still shuts off at night",
            &[]
        )
        .is_some());
        assert_eq!(complaint("ok still want it. 2nd one works", &[]), None);
        // Torn by the wind, a neighbour's opinion asked about, feeling rough: no complaint.
        assert_eq!(
            complaint(
                "is it ok to leave the awning out in wind or will it rip off",
                &[]
            ),
            None
        );
        assert!(complaint("that price is a total rip off", &[]).is_some());
        assert_eq!(
            complaint(
                "my neighbor says sealing is a waste of money. is that true? how long does yours last",
                &[]
            ),
            None
        );
        assert_eq!(complaint("can i get one today? i am not ok lol", &[]), None);
        assert!(complaint("im not ok with how this was left", &[]).is_some());
        // A question about a job is not work we did.
        assert_eq!(
            complaint(
                "do u guys put in doors? our old one still sticks and the cold pours in",
                &[]
            ),
            None
        );
    }

    #[test]
    fn round_twenty_the_reviews_everyday_texts() {
        // "He'll" is not "hell"; a slow job is not someone to fear.
        assert_eq!(
            danger("scared he'll come back", None),
            Some(Danger::Intruder)
        );
        assert_eq!(
            danger(
                "im afraid they will take forever to come back with the part",
                None
            ),
            None
        );
        assert_eq!(
            danger(
                "my son is scared he will get hurt at sparring, can he sit out",
                None
            ),
            None
        );
        // Gasoline smelled in the house; "fuel efficient" beside a musty smell is not.
        assert_eq!(
            danger(
                "the house smells like gasoline and we cant figure out why",
                None
            ),
            Some(Danger::Gas)
        );
        assert_eq!(
            danger(
                "do you install fuel efficient water heaters? the basement smells musty",
                None
            ),
            None
        );
        // "All night" is how long it runs, not a door left open at night.
        assert_eq!(
            danger(
                "the flapper is stuck open at the back, runs all night",
                None
            ),
            None
        );
        // Overdue, in other words; the caller's own plan to be back is not.
        assert_eq!(
            danger("2 friends went snowshoeing, were supposed to be out by 3. its 7 now and we cant get ahold of them", None),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger("can i pick up my skis at 5? im out skiing and should be back by 4, no service up here", None),
            None
        );
        // Thanks are no complaint; rudeness in other words is.
        assert_eq!(
            complaint("sorry your tech had to see that mess, so embarrassing lol. he did great, thank you", &[]),
            None
        );
        assert!(complaint(
            "your plumber swore at my mom and tracked mud everywhere",
            &[]
        )
        .is_some());
        assert!(complaint(
            "the instructor was really short with my son and made him cry",
            &[]
        )
        .is_some());
        assert_eq!(
            complaint(
                "need a second battery for camping, the first one still works great",
                &[]
            ),
            None
        );
        // A real complaint asked about stays one.
        assert!(complaint(
            "my wife says we got overcharged for the drain job last week. is she right?",
            &[]
        )
        .is_some());
        assert!(complaint(
            "feels like i got ripped off the first time, you charged me 400",
            &[]
        )
        .is_some());
        assert!(complaint("im not ok paying 200 for a 10 minute visit", &[]).is_some());
        // Only a call back that never came, with the call asked for: a request for a person.
        assert!(only_a_missed_callback(
            "he said hed get back to me about the color. never heard back. can he just call me?"
        ));
        assert!(!only_a_missed_callback(
            "nobody came on tuesday and i never heard back"
        ));
    }

    #[test]
    fn round_twenty_held_out_67_after_its_run() {
        // The ground opening and growing where children play.
        assert_eq!(
            danger("the end of the drive dropped into a hole and dirt keeps washing away, kids play right there", None),
            Some(Danger::Hazard)
        );
        assert_eq!(
            danger("can you fill the old post holes by the deck", None),
            None
        );
        // A heated class is no home without heat.
        assert_eq!(
            danger(
                "im 20 wks pregnant and my doctor said no hot stuff, do you have a gentle class",
                None
            ),
            None
        );
        // Someone else complained of the caller's thing: not a complaint about us.
        assert_eq!(
            complaint(
                "two slabs on the walk sank and the mail lady already complained, need it fixed",
                &[]
            ),
            None
        );
        // More than a text can do, said sideways.
        assert!(wants_person(
            "this is more of a conversation than a text thread, whoever handles big accounts can reach me at this number"
        ));
    }

    #[test]
    fn round_twenty_held_out_68_after_its_run() {
        // A tingle in the water beside a cord; water rising to a power strip.
        assert_eq!(
            danger("water is ankle deep, he ran an extension cord down there and felt a tingle stepping in", None),
            Some(Danger::Electrical)
        );
        assert_eq!(
            danger("waters 3 inches and rising and its up to the power strip her oxygen is plugged into", None),
            Some(Danger::Electrical)
        );
        assert_eq!(danger("my lips feel tingly since this morning", None), None);
        // Steam on a child's arm, blistering.
        assert_eq!(
            danger(
                "the kettle sprayed steam on his hand, its blistering and he is screaming",
                None
            ),
            Some(Danger::Medical)
        );
        // Water our new pump left, and anger at it: a complaint.
        assert!(water_left_by_our_work(
            "you guys put a new pump in 3 weeks ago. 2 inches of water in the basement today. who is paying for this"
        ));
        // Results back, a power of attorney, a list with "the attorney": no complaint.
        assert_eq!(
            complaint(
                "our inspection came back w high radon, the inspector said they put a fan in",
                &[]
            ),
            None
        );
        assert_eq!(
            complaint(
                "my dad needs his healthcare power of attorney notarized before surgery",
                &[]
            ),
            None
        );
        assert!(complaint("my attorney will be in touch about this", &[]).is_some());
        // Late by minutes, said with "min".
        assert!(complaint(
            "your notary came to our signing 45 MIN late and a page was missed",
            &[]
        )
        .is_some());
        // Too much to type: a person.
        assert!(wants_person(
            "its a lot to type on this little phone, i would much rather explain it to somebody"
        ));
    }

    #[test]
    fn round_nineteen_pinned_a_racing_heart_and_what_is_past() {
        // Something heavy on a person that nobody can lift off.
        assert!(danger(
            "the dresser tipped onto my husbands leg and we cant lift it off him",
            None
        )
        .is_some());
        // The heart out of rhythm is a medical red flag.
        assert_eq!(
            danger(
                "my dad says his heart is racing and he feels lightheaded",
                None
            ),
            Some(Danger::Medical)
        );
        // Blinds droop; a face drooping on one side is still a stroke sign.
        assert_eq!(
            danger("all the blinds are drooping since the heat treatment", None),
            None
        );
        assert_eq!(
            danger("her face is drooping on one side and she sounds off", None),
            Some(Danger::Medical)
        );
        // A fall told as why they need equipment; a fall now is still one.
        assert_eq!(
            danger(
                "dad cant manage the stairs anymore after his fall, do you rent ramps",
                None
            ),
            None
        );
        assert_eq!(
            danger("grandma fell in the hall and cant get up", None),
            Some(Danger::Medical)
        );
        // Out of the house for the treatment is no home without heat.
        assert_eq!(
            danger(
                "how long do we need to be out of the house on the heat day? we have a baby",
                None
            ),
            None
        );
        assert_eq!(
            danger("the heat is out and we have a newborn", None),
            Some(Danger::Vulnerable)
        );
        // "Out" that is no outage: figuring out where to go with the kids.
        assert_eq!(
            danger(
                "the heat treatment day, trying to figure out where we go with 3 kids",
                None
            ),
            None
        );
        // An 80-year-old shut out of the house in the cold; oxygen running low.
        assert!(danger(
            "my dad is 80 and locked himself out, hes waiting in the car with the heater running",
            None
        )
        .is_some());
        assert_eq!(
            danger(
                "her concentrator is in the house and shes almost out in the portable tank",
                None
            ),
            Some(Danger::Medical)
        );
    }

    #[test]
    fn round_nineteen_our_men_the_bank_and_a_quote() {
        assert!(complaint(
            "your three men carried the piano upstairs and left a gouge in the hallway floor",
            &[]
        )
        .is_some());
        assert!(complaint("my card statement shows the deposit taken out twice", &[]).is_some());
        // A quote visit did no work: the job quoted is no harm.
        assert_eq!(
            complaint(
                "your tech came out last month and gave us a quote for the stain, had a couple questions",
                &[]
            ),
            None
        );
        assert!(complaint(
            "your tech gave us a quote and left a big scratch on the door on his way out",
            &[]
        )
        .is_some());
        // Who to take it up with is a person asked for.
        assert!(wants_person(
            "the installer never said a word about it. who do i talk to about that?"
        ));
        // Water standing in what we built is our work failing; water pouring in stays a danger.
        assert!(water_left_by_our_work(
            "you installed our window well liners in may, now theres 2 inches of water in the bottom and the boxes by them are soaked"
        ));
        assert!(!water_left_by_our_work(
            "the pipe you guys fixed burst again and water is pouring into the basement"
        ));
    }

    #[test]
    fn round_nineteen_the_reviews_everyday_texts() {
        // A fall now, whatever "since her fall" says after it.
        assert_eq!(
            danger(
                "grandpa fell on the porch an hour ago and his hip has hurt since his fall",
                None
            ),
            Some(Danger::Medical)
        );
        // Flooding after our work stays a danger, not only a complaint.
        assert!(!water_left_by_our_work(
            "the line you fixed broke again and the laundry room is flooding"
        ));
        // The apostrophe goes: "heat's out" is "heats out".
        assert_eq!(
            danger("heat's out and my grandma is 90", None),
            Some(Danger::Vulnerable)
        );
        // A thermostat figured out, a furnace checked out: no outage.
        assert_eq!(
            danger(
                "my 88 year old dad needs his thermostat figured out, its confusing",
                None
            ),
            None
        );
        // A drooping lip or smile is a stroke sign.
        assert_eq!(
            danger("his smile is drooping on one side all of a sudden", None),
            Some(Danger::Medical)
        );
        // A racing heart with a sign; not with excitement.
        assert_eq!(
            danger("my hearts racing and im really lightheaded", None),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger("my heart is racing, so excited to book the trial lol", None),
            None
        );
        // Cleaning something off a carpet is no one pinned; a fridge on a foot is.
        assert_eq!(
            danger("the cat threw up and i cant get it off my rug", None),
            None
        );
        assert!(danger(
            "the bookcase tipped over on my sons foot and we cant get it off",
            None
        )
        .is_some());
        // Oxygen low is a danger; a rental ending is not; a propane tank is not oxygen.
        assert_eq!(
            danger("his oxygen is getting low and the power is out", None),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger(
                "my concentrator rental ran out last month, can i extend it",
                None
            ),
            None
        );
        assert_eq!(
            danger(
                "our portable tank is running low, can we get it filled",
                None
            ),
            None
        );
        // A quote visit that left harm is a complaint.
        assert!(complaint(
            "your tech came out for an estimate and left our gate open, now the dog is gone",
            &[]
        )
        .is_some());
        // Two visits are no double charge; a charge seen twice is.
        assert_eq!(
            complaint(
                "your guys came out twice last winter and were great, can we book again",
                &[]
            ),
            None
        );
        assert!(complaint("it shows up twice on my card", &[]).is_some());
        // Who to contact asks for a person.
        assert!(wants_person("who should i contact about this"));
        assert!(wants_person("whos in charge there"));
        // A puddle under what we put in is our work failing.
        assert!(complaint(
            "you replaced our water heater in march and now theres a puddle under it",
            &[]
        )
        .is_some());
    }

    #[test]
    fn round_nineteen_held_out_64_after_its_run() {
        // Someone who does not answer to their name; a screen that does not respond to touch.
        assert_eq!(
            danger(
                "my wife got real pale and sat down on the floor, shes not answering me when i talk to her",
                None
            ),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger(
                "screen cracked and the bottom half doesnt respond to touch",
                None
            ),
            None
        );
        // Water running out of a light fixture.
        assert_eq!(
            danger(
                "theres water running out of the light in the hallway ceiling",
                None
            ),
            Some(Danger::Water)
        );
        // A shelf about to snap where a toddler climbs.
        assert!(danger(
            "the floating shelf creaked and my toddler climbs on it, is it gonna snap",
            None
        )
        .is_some());
    }

    #[test]
    fn round_twenty_one_dangers_in_other_words() {
        // A child or a grown-up who says they would be better gone.
        for text in [
            "my son said hes too stupid to live and everybody would be better without him",
            "she keeps saying everyone would be better off without her, she wrote it in a notebook",
            "my dad says he doesnt see the point, says life is not worth living anymore",
        ] {
            assert_eq!(danger(text, None), Some(Danger::SelfHarm), "{text}");
        }
        assert_eq!(
            danger("our team would be better without that coach honestly", None),
            None
        );
        // A hard hit in a game, then sick or light hurting his eyes.
        assert_eq!(
            danger(
                "she got slammed into the boards at practice, now the light hurts her eyes",
                None
            ),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger("he got checked into the glass pretty hard in the game, hes fine tho, needs a sharpen", None),
            None
        );
        // People on ice with water coming over it.
        assert_eq!(
            danger(
                "the kids are skating on the lake and theres open water near the dock, ice looks slushy",
                None
            ),
            Some(Danger::Hazard)
        );
        assert_eq!(
            danger(
                "how long does the ice last on my skates after a sharpen",
                None
            ),
            None
        );
        // Fuel running out of a tank onto the ground or a floor.
        assert_eq!(
            danger(
                "the oil tank out back has oil leaking out of the filter onto the ground",
                None
            ),
            Some(Danger::Spill)
        );
        assert_eq!(
            danger(
                "how much to swap out our old oil tank, its 40 years old",
                None
            ),
            None
        );
        // Money leaving an account now, or a scam under way.
        assert_eq!(
            danger(
                "someone took 900 from my savings this morning, 2 withdrawals i didnt make",
                None
            ),
            Some(Danger::Fraud)
        );
        assert_eq!(
            danger(
                "my grandpa got a call saying hes going to jail unless he pays in gift cards",
                None
            ),
            Some(Danger::Fraud)
        );
        assert_eq!(
            danger("do you take gift cards for the bookkeeping package", None),
            None
        );
        // Water at a light that flickers.
        assert_eq!(
            danger(
                "the ceiling is wet around the kitchen light and it keeps flickering",
                None
            ),
            Some(Danger::Water)
        );
        // A cracked skylight sagging over the nursery.
        assert_eq!(
            danger(
                "the glass is sagging with a crack right above the crib",
                None
            ),
            Some(Danger::Hazard)
        );
        // A small child with the bottle open, the smell on his mouth.
        assert!(danger(
            "found my 3 year old with the roach spray, cap off, his breath smells like it",
            None
        )
        .is_some());
        // Pregnant and unwell; old paint sanded to dust where a baby is coming or lives.
        assert_eq!(
            danger(
                "im 30 weeks pregnant and my feet are swollen and i have a bad headache",
                None
            ),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger(
                "im 30 weeks pregnant, can i still get a massage on my back",
                None
            ),
            None
        );
        assert_eq!(
            danger(
                "we scraped the chipping old paint off the porch of our 1920s house, baby crawls out there",
                None
            ),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger("can you sand and paint the trim in our nursery", None),
            None
        );
        // A child by age who has not arrived and does not answer.
        assert_eq!(
            danger(
                "hes 9 and he never made it from the bus stop, never late like this",
                None
            ),
            Some(Danger::Missing)
        );
        // A cat called Smokey is no smoke; a toddler with the cat's pills is the child's
        // emergency; a 9 year old beagle drinking is no child.
        assert_eq!(
            danger("calling about Smokey, hes 17 and not eating much", None),
            None
        );
        assert_eq!(
            danger("theres smoke coming from the dryer", None),
            Some(Danger::Fire)
        );
        assert_eq!(
            danger(
                "my 3 yr old got the dogs pill bottle open, i think he swallowed some",
                None
            ),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger(
                "my 9 year old beagle is limping but eating and drinking normally",
                None
            ),
            None
        );
        // A child who never made it and is not answering.
        assert_eq!(
            danger(
                "my daughter never made it to practice and shes not picking up her phone",
                None
            ),
            Some(Danger::Missing)
        );
    }

    #[test]
    fn round_twenty_one_the_reviews_everyday_texts() {
        // Everyday texts near the new dangers are none.
        for text in [
            "I didnt make enough money last year, do I need to file?",
            "please make sure my daycare costs are taken into account",
            "can I pay with Zelle? a guy at church said you take it",
            "I didnt make the payment yet, will there be a late charge?",
            "my son never made it to the appointment, he was sick, can we reschedule?",
            "my son tried calling but your phone goes to voicemail every time",
            "Im 7 months pregnant and my ankles are so swollen, do you do prenatal massage?",
            "my cat is pregnant and wont stop purring",
            "my wife is 6 months pregnant so we really want the radiators bleeding",
            "we have an old house and a new baby, lots of dust from scraping the wallpaper",
            "my motorhome leaks oil near the oil filter, theres a puddle on the driveway",
            "the bathroom fan buzzes and the faucet leaks",
            "the ceiling fan light flickers and we need the shower drain cleaned, water pools",
            "my daughters edges are dull, the rink ice was slushy all week and she skates on it",
            "my 6 year old has bad breath, his mouth smells even after brushing",
            "the toddler keeps pulling the cap off the kitchen faucet aerator",
            "Smokey hasnt eaten in 2 days, can we come in",
            "Smoky mountain rv repair? ac quit",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
        // Complaints kept, and none made up.
        assert!(complaint(
            "my son says your tutor yells at him, hes been complaining about it for weeks",
            &[]
        )
        .is_some());
        assert_eq!(
            complaint(
                "sorry my phone hung up on me, was trying to book a drain cleaning",
                &[]
            ),
            None
        );
        assert_eq!(
            complaint("Ill be waiting for your plumber, im home all day", &[]),
            None
        );
    }

    #[test]
    fn round_twenty_one_held_out_71_and_73_after_their_runs() {
        // A fall said otherwise, then confused.
        assert_eq!(
            danger(
                "grandpa slid off the shed roof, says hes ok but keeps asking what day it is",
                None
            ),
            Some(Danger::Medical)
        );
        // Giving things away and seeing no point.
        assert_eq!(
            danger(
                "been giving away my guitars and books, honestly i dont see the point anymore",
                None
            ),
            Some(Danger::SelfHarm)
        );
        assert_eq!(
            danger(
                "giving away my old couch, no point keeping it, can you haul the rest",
                None
            ),
            None
        );
        // Driving now and cannot see; hurt in a crash.
        assert_eq!(
            danger(
                "my son is driving home on the interstate right now and says he can barely see thru the cracked glass",
                None
            ),
            Some(Danger::Vehicle)
        );
        assert_eq!(
            danger(
                "we just got rear ended, my wife has glass in her hair and cuts on her arm",
                None
            ),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger("we hit a deer last month, need the bumper fixed", None),
            None
        );
        // A diabetic's foot hurt, swollen and hot.
        assert_eq!(
            danger(
                "im diabetic and stepped on a nail tuesday, foot is swollen and hot today",
                None
            ),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger(
                "im diabetic, can i book a toenail trim and callus care",
                None
            ),
            None
        );
    }

    #[test]
    fn round_twenty_one_no_complaint_no_person() {
        // Someone else's review, tenants complaining of bugs, who pays among others.
        assert_eq!(
            complaint(
                "had a guest review saying there were bites, can your dog check the unit",
                &[]
            ),
            None
        );
        assert_eq!(
            complaint(
                "the tenants on the second floor are now complaining too, need an inspection",
                &[]
            ),
            None
        );
        assert_eq!(
            complaint(
                "we need to sort out who pays between me and the tenants before we book",
                &[]
            ),
            None
        );
        assert!(complaint("you broke my door and now who pays for it", &[]).is_some());
        // Hours spent waiting for our installer is a complaint.
        assert_eq!(
            complaint(
                "mom waited from 8 till noon for your installer, no call at all",
                &[]
            )
            .as_deref(),
            Some("late")
        );
        // Someone's own trouble, said with "shes"; hung up on by us is a complaint.
        assert_eq!(
            complaint(
                "her skates are too small, shes been complaining after every game",
                &[]
            ),
            None
        );
        assert!(complaint(
            "called 3 times, your office manager hung up on me, i want my records back",
            &[]
        )
        .is_some());
        // Told by someone else to call us is no request for a call.
        assert!(!wants_person(
            "my property manager told me to call you about the bugs, when can you come"
        ));
        assert!(wants_person("can you call me about the bugs"));
    }

    #[test]
    fn round_twenty_three_weather_pills_poison_and_paid_for_little() {
        // Caught out in the weather or the traffic is nobody trapped; caught in a thing is.
        for text in [
            "we got caught in the hail on I-80 last spring, my truck roof looks like a golf ball",
            "got caught in traffic so my car sat out in the storm, need an estimate",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
        assert_eq!(
            danger("my sons hand got caught in the treadmill belt", None),
            Some(Danger::Medical)
        );
        // A lab that draws blood is no labrador.
        assert_eq!(
            danger(
                "can your nurses do blood draws for my mom? she hates the lab place downtown",
                None
            ),
            None
        );
        // Hard to wake with words between; a snore that sounds wrong after pills.
        assert_eq!(
            danger(
                "my brother took a bunch of pills and i cant even really get him to wake up",
                None
            ),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger(
                "he drank a lot and took some pills, now hes snoring weird and gurgly",
                None
            ),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger(
                "he cant make it before 10, he wakes up late on weekends",
                None
            ),
            None
        );
        // A little one with the product around the mouth.
        assert_eq!(
            danger(
                "my 3 yr old got the cleaner open, theres some of it around his mouth",
                None
            ),
            Some(Danger::Medical)
        );
        // A town at the end of an address is the town; sparks said as sparks stay a danger.
        let mut p =
            BusinessProfile::from_toml(include_str!("../../examples/daves-plumbing.toml")).unwrap();
        p.business.service_area = "Reno, Sparks and Verdi".into();
        assert_eq!(
            danger("my name Lin, 18 Baring Blvd unit 4, Sparks", Some(&p)),
            None
        );
        assert_eq!(
            danger(
                "the panel threw sparks, Sparks fire dept is on the way",
                Some(&p)
            ),
            Some(Danger::Electrical)
        );
        // Paid for what hardly happened; paid a price not deserved.
        for text in [
            "paid 150 for a facial that barely lasted 20 minutes",
            "honestly i dont think i should have paid full price for that",
            "we paid for the heated table add on and it never worked the whole session",
        ] {
            assert_eq!(
                complaint(text, &[]).as_deref(),
                Some("not what was paid for"),
                "{text}"
            );
        }
        for text in [
            "how much should i have paid for the deposit",
            "i paid already, barely have time today so can we do thursday",
        ] {
            assert_eq!(complaint(text, &[]), None, "{text}");
        }

        // Held-out 80: a sip of a solvent; sick after a spray nearby, a child or a dog by its
        // breed; words mixed up after fumes; snow melting and fire ants are no fire.
        for text in [
            "my 4 yr old took a sip of the paint thinner before i could grab it, hes coughing",
            "they fogged the yard an hour ago and my daughter (3) has thrown up twice",
            "grandpa used the floor stripper in the basement all morning and now hes mixing up his words",
        ] {
            assert_eq!(danger(text, None), Some(Danger::Medical), "{text}");
        }
        assert_eq!(
            danger(
                "yall sprayed the yard this morning and now my beagle is drooling and twitchy and foaming",
                None
            ),
            Some(Danger::Animal)
        );
        for text in [
            "every spring when the snow melts the basement gets a damp smell, can you look",
            "theres fire ant mounds all over the back yard, do yall treat those",
            "do we have to leave while you spray the foam? we have two cats",
            "our bunny is still eating her hay fine but the drooling is back since the filing",
        ] {
            assert_ne!(danger(text, None), Some(Danger::Fire), "{text}");
        }
        assert_eq!(
            danger(
                "do we have to leave while you spray the foam? we have two cats",
                None
            ),
            None
        );
        // Short with the caller is a complaint; the owner telling a neighbour to reach out is
        // not; a keyword said not to be so is not the owner's escalation word.
        assert!(complaint("called twice and the lady was real short w me", &[]).is_some());
        assert_eq!(
            complaint(
                "your tech did my sisters deck and told her to have me text you",
                &[]
            ),
            None
        );
        assert!(complaint(
            "your tech was here monday, i told him to leave the gate shut and he didnt",
            &[]
        )
        .is_some());
        // The review's texts (round 23): caught in a thing named by the weather; a sip of
        // water, a rash around the mouth, a toddler mixing up words, a snore, a doorbell that
        // must not wake him, a product that makes someone dizzy, a mess thrown up, a seized
        // engine: none is an emergency, and the real ones still are.
        for text in [
            "my sons hand got caught in the snowblower",
            "my daughters arm is caught in the middle of the garage door and it wont go back up",
            "my dogs leg got caught in the storm drain grate",
            "my son got his foot caught in the middle of the mower deck",
        ] {
            assert!(danger(text, None).is_some(), "{text}");
        }
        for text in [
            "my 4 year old has a little rash around her mouth, should we still come in tuesday?",
            "my 5 year old can take a sip of water before the cleaning right?",
            "my 4 year old keeps mixing up his words, like aminal for animal, can we get an eval?",
            "my wife says my snoring is irregular, i took an at home test last year",
            "text only please, baby is napping and I can't have the doorbell wake him",
            "what cleaning spray do you use? bleach makes me lightheaded",
            "can you do the couch too, the cat threw up on it and we tried spray cleaner",
            "lug nuts are seized, already sprayed them with wd40",
            "i was treated for vertigo at another clinic and still get dizzy when i stand",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
        assert_eq!(
            danger(
                "hot tub heater just arced, Sparks came out the side panel",
                Some(&p)
            ),
            Some(Danger::Electrical)
        );
        assert_eq!(
            danger(
                "no hot water since this morning. gas one in the garage, no leak that i can see",
                None
            ),
            None
        );
        assert_eq!(
            danger(
                "my friend fall down in the car, hit head on door. she is pregnant",
                None
            ),
            Some(Danger::Medical)
        );
        for text in [
            "i paid for a 10 session package and have barely used it lol, can i book tuesday",
            "paid for the gift card online yesterday, didnt get anything in my email",
            "i paid for a deep clean last time, barely any dust left so a standard is fine now",
        ] {
            assert_eq!(complaint(text, &[]), None, "{text}");
        }
        assert!(complaint(
            "your plumber told her to run the hot water for 10 min and now the basement has water all over",
            &[]
        )
        .is_some());
        // Held-out 81: someone asked to come is nobody seen in the garage; what wore out the
        // old heater, as we told it, is no harm done.
        assert_eq!(
            danger(
                "gas one in the garage, no leak that i can see. can someone come tmrw",
                None
            ),
            None
        );
        assert_eq!(
            danger("i can see someone in the garage with a flashlight", None),
            Some(Danger::Intruder)
        );
        assert_eq!(
            complaint(
                "since you all said the hard water is what killed our last heater, can you install a softener?",
                &[]
            ),
            None
        );
        // Held-out 82: horses loose on a road with cars; a friend not seen past the break; a
        // worker shut in a tipped unit and hurt; a board's ding taking on water is no boat.
        assert_eq!(
            danger(
                "theres 3 cows standing on the road by the farm and cars keep swerving",
                None
            ),
            Some(Danger::Vehicle)
        );
        assert_eq!(
            danger(
                "my horse is lame again, can we trailer in by car thursday",
                None
            ),
            None
        );
        assert_eq!(
            danger(
                "i lost sight of my son out past the waves, he was on his board",
                None
            ),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger(
                "the shed door slammed shut with my husband inside, we cant get it open and hes yelling his arm is hurt",
                None
            ),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger(
                "theres a ding on my board thats taking on water, can you fix it by friday",
                None
            ),
            None
        );
        assert_eq!(
            danger("our boat is taking on water at the dock", None),
            Some(Danger::Vehicle)
        );
        // The second review's texts (round 23).
        for text in [
            "yall sprayed this morning and my son just threw up on the carpet twice",
            "yall sprayed and now my son vomits every few minutes",
            "my daughter sipped the pine sol, what do i do",
            "my dog took a gulp of antifreeze off the garage floor",
            "a cow is standing in the middle of the highway near your farm",
            "i lost my friend in the water, he went under and hasnt come up",
            "my husband got hit on the head by the pipe and hes not answering me",
        ] {
            assert!(danger(text, None).is_some(), "{text}");
        }
        for text in [
            "i havent seen them in a while, do you still do ding repair? surfing tomorrow",
            "garage door wont open, car is stuck inside and the opener arm looks bent",
            "dryer door wont open with clothes inside, heard a screaming noise from the drum",
            "my gel fell off after 2 days and the color looks pale",
            "sorry the appointment slipped my mind, im pregnant, can we move it",
            "is the barn right off the highway? my daughter is nervous about horses near traffic",
            "my kid took a sip from the cup of coffee i left out, hes 2",
            "my husband gets dizzy spells, can you spray while hes at work",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
        // Held-out 83 and 84 (mid-round): a balloon over the power lines; arrows landing by the
        // kids; a child choking on a balloon piece; through the ice and holding the edge; wet,
        // shaking and talking slow out on a lake; charged and wanting it back.
        for text in [
            "the kite is tangled in the power lines and the kids are trying to pull it down",
            "neighbor is shooting arrows and one landed in our yard right where my kids are",
            "my son chewed a piece of the party balloon and now hes coughing and cant talk",
            "my friend just fell through out on the pond, hes holding on to the edge",
            "shes soaked from the lake and shivering, kinda talking slow",
        ] {
            assert!(danger(text, None).is_some(), "{text}");
        }
        // After the kept-aside set's run (round 23): the same helper words in a choking text.
        assert!(danger(
            "my dad took a bite of the steak and now hes coughing and cant really talk",
            None
        )
        .is_some());
        assert!(danger(
            "my dad got a big shock off the old tv while fixing it, his arm is numb",
            None
        )
        .is_some());
        for text in [
            "the washer is shaking a lot when it spins, the clothes come out wet",
            "i lost my voice and cant talk much, can you text me the times",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
        assert_eq!(
            complaint(
                "they charged me $40 for parking that was supposed to be free, i want that back",
                &[]
            )
            .as_deref(),
            Some("money back")
        );
        let kw = vec!["peeling".to_string()];
        assert_eq!(
            own_keyword("the floor is not peeling, just dull", &kw),
            None
        );
        assert_eq!(
            own_keyword("its not the color, its peeling", &kw).as_deref(),
            Some("peeling")
        );
    }

    #[test]
    fn round_twenty_two_cuts_feathers_and_complaints() {
        // A deep cut that keeps bleeding, a fingertip cut off, a bird's broken blood feather.
        for text in [
            "my 5 yr old grabbed the santoku. its across his palm pretty deep, ive been holding a dish towel on it for 15 min and its still soaking thru",
            "one of my guys just took the tip of his finger off on the mandoline, its on the cutting board",
            "sliced my thumb on the blade and now im white as a sheet",
        ] {
            assert_eq!(danger(text, None), Some(Danger::Medical), "{text}");
        }
        assert_eq!(
            danger(
                "one of the new feathers on his wing snapped and its still dripping, theres drops all over the paper",
                None
            ),
            Some(Danger::Animal)
        );
        for text in [
            "the cut on the table top is pretty deep, can you sand it out",
            "he broke a feather last week but it has stopped, can we book a wing trim",
            "need my finger off the trigger of the old sprayer fixed lol",
            "the tip of my finger has been numb since the diabetes, can the nurse check my feet too",
            "our range hood duct goes up through the ceiling and its caked with grease, it drips sometimes",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
        // Complaints: a deposit asked back, booked twice over, harm after our care, a child
        // upset by one of ours, something kept that we threw out.
        for (text, why) in [
            (
                "I drove all the way here and paid the $30 deposit. I want it back, period",
                "money back",
            ),
            (
                "sat in my car til 10:40, then got told keisha double booked",
                "double booked",
            ),
            (
                "he has bald patches that were NOT there when I dropped him off",
                "damage",
            ),
            (
                "my son came home crying bc the teacher told him his bowl was garbage",
                "staff",
            ),
            (
                "I specifically told the girl the blue quilt was STAYING. It's gone.",
                "not what was paid for",
            ),
        ] {
            assert_eq!(complaint(text, &[]).as_deref(), Some(why), "{text}");
        }
        // The same work wanted again is no problem back again.
        assert_eq!(
            complaint(
                "your tech did our vans last winter. Want to talk about doing all 5 again before christmas",
                &[]
            ),
            None
        );
        assert!(complaint("your tech did our vans last winter and its dead again", &[]).is_some());
        // Seeing no point in still being around; a fixture hanging by its wires over a crib.
        assert_eq!(
            danger(
                "im so tired of all of it, some nights i dont really see the point of still being around",
                None
            ),
            Some(Danger::SelfHarm)
        );
        assert!(danger(
            "the fan in my sons nursery just dropped and is hanging there by the wires over his crib",
            None
        )
        .is_some());
        // After the kept-aside set's run: better off if I wasnt around; a pet breathing hard
        // with a purple tongue.
        assert_eq!(
            danger(
                "lately i keep thinking everyone would be better off if i just wasnt around",
                None
            ),
            Some(Danger::SelfHarm)
        );
        assert!(danger(
            "tonight hes breathing super fast and hard, stretching his neck out, and his tongue looks kind of purple grey",
            None
        )
        .is_some());
        assert_eq!(
            danger("she loves the purple gums we got for the party bags", None),
            None
        );
        // The review's everyday texts (round 22): none is a complaint...
        for text in [
            "sorry i wasnt there when your guy came by, can we reschedule",
            "she cried after her silk press but the stylist was so patient, book her again for next month",
            "I accidentally booked twice, looks like im double booked for thursday, cancel one please",
            "I paid for the alterations already, just want it back by saturday for the wedding",
        ] {
            assert_eq!(complaint(text, &[]), None, "{text}");
        }
        // ...this one still is, though it asks for another visit...
        assert!(complaint(
            "your tech fixed the toilet last week and its clogged again, can you come out again today",
            &[]
        )
        .is_some());
        // ...and none of these is a danger.
        for text in [
            "the gel on the tip of my finger came off, can i get it fixed today",
            "can you cut the fur between his toes off, he keeps slipping on the floor",
            "need a deep clean on my hand knotted rug, the last one left it soaking wet",
            "my parrot broke a feather yesterday, there was a little blood but hes fine, can we get his nails done",
            "he has a broken blood feather, its fine now, can we book a nail and wing trim",
            "i will not be around anymore after this month, moving to ohio, please cancel my standing appt",
            "my grandma passed, whats the point of living in that big house now, need it winterized before we sell",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
        for text in [
            "landlord is picky and we really want our deposit back, can yall clean the place",
            "i think i double booked myself, can we move mine to friday",
            "she was crying because she was so happy with her braids lol",
        ] {
            assert_eq!(complaint(text, &[]), None, "{text}");
        }
    }

    #[test]
    fn round_twenty_five_devices_boats_falls_and_words_that_only_looked_alike() {
        // A device failing without the word battery; not a crackle on calls.
        assert_eq!(
            danger(
                "can i bring my daughters ipad in tmrw, the screen is kinda popping up off the side like somethings pushing it from inside. its also making a little crackly hiss noise and smells weird, like sweet nail polish kind of smell. its on her bed charging rn",
                None
            ),
            Some(Danger::Fire)
        );
        assert_eq!(
            danger(
                "my phone speaker has a crackle on calls, can u fix it",
                None
            ),
            None
        );
        // Water coming into a boat out on the water.
        assert_eq!(
            danger(
                "were in my little jon boat off fort pickens, waters coming in around the back plug faster than i can bail w a cup. got my 2 kids with me",
                None
            ),
            Some(Danger::Vehicle)
        );
        // An old woman's tumble, told with a "cant really".
        assert_eq!(
            danger(
                "shes 87 and took a tumble on the stairs last night. she cant really put weight on her left leg and her hip is all purple",
                None
            ),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger("he can barely breathe and his lips look blue", None),
            Some(Danger::Medical)
        );
        // Words that only looked like danger: "number" is not numb, a line down a screen is no
        // power line, a kayak paddled is no seizure.
        assert_eq!(
            danger(
                "My wife requires blood drawn every month. Please have someone call me at this number at your convenience.",
                None
            ),
            None
        );
        assert_eq!(
            danger(
                "My husbands phone has a weird green line down the middle now",
                None
            ),
            None
        );
        assert_eq!(
            danger("theres a power line down across our driveway", None),
            Some(Danger::Electrical)
        );
        assert_eq!(
            danger(
                "my husband says paddling is too slow for him lol he wants to do the jet ski loop",
                None
            ),
            None
        );
        assert_eq!(
            danger(
                "my dog is on her side paddling her legs and wont respond",
                None
            ),
            Some(Danger::Animal)
        );
        // A battery's charge is no charge on a card; a charge on a card still is.
        assert_eq!(
            complaint(
                "My phone is fully charged in the morning and by lunchtime it is nearly dead. Twice this week it turned itself off at 30 percent.",
                &[]
            ),
            None
        );
        assert!(complaint(
            "you charged my card twice for the battery, i want it fixed",
            &[]
        )
        .is_some());
        // What the caller paid for did not happen.
        assert!(complaint(
            "my neighbor brings me a handful of my own bank statements blowing around on the sidewalk. NOT shredded. the entire point of paying you was so this wouldnt happen",
            &[]
        )
        .is_some());
        // After a review: drowning; a boat filling told without the word boat; bailing on a
        // trip, a drift for fish, smoking asked about, a tumble setting, a dog paddling in its
        // sleep, a tire hissing are none.
        for text in [
            "someone is drowning in the neighbors pool",
            "im bailing with a bucket, the bilge pump quit",
            "dad took a spill in the driveway, hes 88",
            "my juul is hissing",
            "the back of my iphone is pushed apart and it smells weird",
            "a line is down across the road near our house",
        ] {
            assert!(danger(text, None).is_some(), "{text}");
        }
        for text in [
            "sorry we have to bail on the boat trip saturday",
            "whats the price for drifting for fluke",
            "my cracked phone is fine just want a quote, no smoke or anything",
            "can we smoke on the boat",
            "my scooter makes a crackling noise when i ride over bumps",
            "my scooter tire is hissing",
            "the dryer tumble setting is broken",
            "he was paddling in his sleep and whimpering, so cute",
            "the phone case smells sweet, its a scented case haha",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
        assert!(complaint("i got charged twice for the battery", &[]).is_some());
        assert_eq!(
            complaint(
                "i charged it twice overnight and it says 100 then drops to 20",
                &[]
            ),
            None
        );
        assert!(!wants_person(
            "my phones back is separating from the frame and it feels warm"
        ));
        // From a blind set's first run: a baby with glass in her eye, someone holding a knife
        // and yelling, driving unable to see; not "drowning in pre-algebra".
        for text in [
            "my 8 month old is in her car seat back there, she has little sparkly bits in her hair and a tiny bit of blood on her cheek and she keeps rubbing her eye",
            "the dishwasher we let go today came back in thru the back door and grabbed one of the knives and hes yelling at my sous chef, wont let him by",
            "its all white n cracked on my side, can barely see out a lil corner. still doing like 60 lol",
            "a kid is drowning in the neighbors pool",
        ] {
            assert!(danger(text, None).is_some(), "{text}");
        }
        assert_eq!(
            danger(
                "hi my 7th grader is drowning in pre-algebra, can you help",
                None
            ),
            None
        );
        // After a second review: drowning in a bathtub or a canal, a knife pulled, a driver at
        // speed who cannot see; not a wait at the bank, a chip too small to see, someone
        // swamped, a knife collection, another salon's cut.
        for text in [
            "she almost drowned in the bathtub, she's blue",
            "someone is drowning!!",
            "theres glass near my babys eye and shes rubbing it and crying",
            "he pulled a knife on me",
            "hes got a knife and wont let me leave",
            "windshield just cracked all the way across, im doing like 70 on i25 and cant see",
        ] {
            assert!(danger(text, None).is_some(), "{text}");
        }
        for text in [
            "drowning in leaves over here, pool is a swamp",
            "drown out the noise of the pump?",
            "hes drowning this semester, need help asap",
            "my dog loves the lake, he would never drown lol",
            "can my baby get his blood drawn saturday",
            "my husband is yelling at me to get the knives done, he has a knife collection",
            "the kids were screaming when i grabbed a knife to cut the cake",
            "tiny chip, you can barely see it, im still driving on it fine",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
        for text in [
            "i waited an hour on hold with my bank lol, anyway can i book a cut",
            "we sat in the lobby last time and loved the coffee",
            "my hair was cut way too short at another salon yesterday, can you fix it?",
            "took my dog to the park and he got scratched up",
        ] {
            assert_eq!(complaint(text, &[]), None, "{text}");
        }
        assert!(complaint("you cut it way too short", &[]).is_some());
        assert!(complaint(
            "we sat in the lobby over an hour past our appt time. pretty frustrated honestly",
            &[]
        )
        .is_some());
        assert!(complaint(
            "so i got my knives back friday and the tip on my chef knife is rounded off now, and theres grinder scratches all up the side",
            &[]
        )
        .is_some());
        // A call asked not to be made is no request for one.
        assert!(!wants_person(
            "morning is best. its a surprise so please dont call him haha. Marlene Dupree"
        ));
        assert!(wants_person("please call me when you get a sec"));
    }

    #[test]
    fn round_twenty_four_shedding_fevers_threats_and_paid_for_work_gone_wrong() {
        // Hair falling out is shedding, not a fall; falling out of something is a fall.
        assert_eq!(
            danger(
                "my mom is coming out in clumps now from chemo and she said shed rather just shave it than watch it fall out",
                None
            ),
            None
        );
        assert_eq!(
            danger("my dad fell out of bed and cant get up", None),
            Some(Danger::Medical)
        );
        // A fever with no defences against it.
        assert_eq!(
            danger(
                "shes on chemo. shes been at like 101.5 since last night and shaking under 3 blankets",
                None
            ),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger(
                "shes on chemo and the wig was 100 dollars, is that normal",
                None
            ),
            None
        );
        // Blood through the towels, and pale.
        assert_eq!(
            danger(
                "my buddy sliced his hand pretty good caping it, blood is thru 2 towels already",
                None
            ),
            Some(Danger::Medical)
        );
        // A rash on the chest is a place, not a sign.
        assert_eq!(
            danger(
                "the jergens make me break out like crazy on my chest so im scared lol",
                None
            ),
            None
        );
        assert_eq!(
            danger("my chest hurts and im scared", None),
            Some(Danger::Medical)
        );
        // Someone kept from help, or threatened and watching.
        assert_eq!(
            danger(
                "now he took her phone and wont let her go to my place, i can hear him yelling at her",
                None
            ),
            Some(Danger::Intruder)
        );
        assert_eq!(
            danger(
                "my ex texted that if i sign it im going to regret it and his car has been parked across from my apartment for an hour",
                None
            ),
            Some(Danger::Intruder)
        );
        assert_eq!(
            danger(
                "my mom wont let her go to the party, she took her phone away",
                None
            ),
            None
        );
        assert_eq!(
            danger(
                "she said you wont regret it, the parking is out front",
                None
            ),
            None
        );
        // A zap from something plugged in, felt after.
        assert_eq!(
            danger(
                "she went to unplug the freezer and felt like a little zap and now her hand feels funny",
                None
            ),
            Some(Danger::Electrical)
        );
        // Complaints: paid, and asking whether what went wrong is normal; money asked back;
        // one charge seen twice.
        for text in [
            "paid like 700 for it. now the left ear is splitting down the middle. is that supposed to happen",
            "we paid 1400 for the package and the mic cut out during every toast. is that normal for yall??",
            "Hello, my bank show two charge of $178 from your gym. Please I want the second money return to my card",
        ] {
            assert!(complaint(text, &[]).is_some(), "{text}");
        }
        for text in [
            "is it normal to pay a deposit first?",
            "can i split it into 2 payments on my card?",
        ] {
            assert_eq!(complaint(text, &[]), None, "{text}");
        }
        // A lawyer as the author of papers is no dispute, the profile's keyword or ours.
        let papers = "My mother had her lawyer draw up a power of attorney and it needs a notary";
        assert_eq!(complaint(papers, &[]), None);
        assert_eq!(complaint(papers, &["lawyer".to_string()]), None);
        assert!(complaint("im calling my lawyer about this", &["lawyer".to_string()]).is_some());
    }

    #[test]
    fn round_twenty_four_seizures_pregnancy_cuts_call_backs_and_shut_doors() {
        // A seizure told as a person on the floor jerking, not answering.
        assert_eq!(
            danger(
                "my nephew has epilepsy and now hes on the floor jerking and not answering us",
                None
            ),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger("the dog is on the floor jerking his toy around", None),
            None
        );
        // Pregnant and dropped, pale, belly hurting.
        assert_eq!(
            danger(
                "my sister just kinda dropped next to the car. shes 7 months pregnant, white as a sheet and says her belly hurts",
                None
            ),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger("im 7 months pregnant, can i still get a spray tan?", None),
            None
        );
        // A nick that opened back up and soaked through towels.
        assert_eq!(
            danger(
                "my uncle got nicked on his hand, we taped it up but it opened back up and its soaked thru like 3 towels now",
                None
            ),
            Some(Danger::Medical)
        );
        // "Hit me back" asks for a call.
        assert!(wants_person(
            "Marcus there? have him hit me back when he can"
        ));
        // Shut out at the time booked; a lock that would not open; money partly asked back.
        for text in [
            "We have a 12:30 booking that I paid for and there are 8 of us standing outside a locked door. Nobody answers the phone",
            "paid like $190 for the 6 of us. the code was right and the box would not open",
            "My card got hit for $900 but only 11 came. I'd like some of that back",
            "paid like 1200 for our group and the coach was on his phone. is that normal",
            "then the gm basically said we broke it?? not cool at all",
        ] {
            assert!(complaint(text, &[]).is_some(), "{text}");
        }
        assert_eq!(
            complaint("is the door locked after 9? we booked the late room", &[]),
            None
        );
    }

    #[test]
    fn round_twenty_four_after_review_what_the_new_rules_must_not_take() {
        // "Fell out" of a person is a collapse; only a thing that sheds sheds.
        assert_eq!(
            danger("my dad fell out in the yard and hes not responding", None),
            Some(Danger::Medical)
        );
        // Threats passed on by text, a phone taken from mom, and not a boss's rule.
        for text in [
            "my ex keeps texting me that ill regret it and hes been parked outside my place all night",
            "my stepdad took moms phone and is screaming at her",
        ] {
            assert_eq!(danger(text, None), Some(Danger::Intruder), "{text}");
        }
        // A fever after "and", a baby of two months; not a temp wig, 100 percent, a fever
        // feared.
        for text in [
            "she is on chemo and shes been throwing up and 101.2 all night",
            "my 2 month old has a fever of 101, we need to cancel",
        ] {
            assert_eq!(danger(text, None), Some(Danger::Medical), "{text}");
        }
        for text in [
            "my boss is pressuring me to get this notarized today, he wont let me leave early tho",
            "my mom is on chemo, do you have a temp wig she can wear",
            "mom is on chemo, it was 100 percent covered by insurance last time",
            "mom is on chemo so she cant risk a fever, is the salon private",
            // A leak through towels, a seizure worry with nobody seizing, pregnant and a price.
            "the pipe under the sink split open and water is coming thru the towels i put down",
            "cut myself on the antler, bled thru a rag but its stopped now, can i still drop off",
            "my son has epilepsy so we need to know about strobe lights, yall are not answering us",
            "my sister is 8 months pregnant, the price went down right?",
            "im pregnant and my stomach hurts a bit from morning sickness, is the solution safe?",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
        for text in [
            "is it normal for the first tan to look patchy? havent paid yet",
            "how much is the bump tan? my friend paid 60, is that normal",
            "just paid the deposit, is that how it works? rest due day of?",
            "dont want to let down my bridesmaids, can you do 6 of us saturday",
            "not cool if i bring my sister along? lol",
            "can i put the deposit back on my card if i reschedule?",
            "do you take 2 payments? my bank is weird with big charges",
            "my lawyer said to get it notarized, can you do tomorrow",
        ] {
            assert_eq!(complaint(text, &[]), None, "{text}");
        }
        assert!(complaint(
            "my lawyer drew my attention to the notary error you made, the deed got rejected",
            &[]
        )
        .is_some());
        assert!(!wants_person(
            "so it hit me back in the face when the door swung lol"
        ));
    }

    #[test]
    fn round_twenty_four_after_the_kept_aside_run() {
        // Knocked flat and hurting too much to get up; kicked in the head, sick and sleepy;
        // a baby barely moving.
        for text in [
            "my dad is 78 and the ram knocked him flat. hes still laying out in the paddock says his hip hurts too bad to get up",
            "our llama kicked my 10yo daughter in the head this morning. shes thrown up twice since and keeps falling asleep",
            "im 33 wks. honestly shes been real quiet since yesterday afternoon, i barely felt any kicks",
        ] {
            assert_eq!(danger(text, None), Some(Danger::Medical), "{text}");
        }
        assert_eq!(
            danger(
                "im 33 wks and she kicks all night lol, can i come saturday",
                None
            ),
            None
        );
        // A promise not kept; told nothing of harm; the vet paid for it.
        for text in [
            "you told us we'd get paid in 10 days and its been 3 weeks, havent seen a check",
            "kinda feel like someone should have told us it happened",
            "Pedro had a long nick on his side, it got infected and we just paid the vet $240",
        ] {
            assert!(complaint(text, &[]).is_some(), "{text}");
        }
        assert_eq!(
            complaint("you said to text when the ram is penned, he is now", &[]),
            None
        );
    }

    #[test]
    fn round_twenty_six_a_person_asked_for_beside_a_visit_is_still_asked_for() {
        // (A review found "come in and talk it over", read as a visit, also hid these.)
        assert!(wants_person(
            "can i stop by and talk to someone about my results, theyre scaring me"
        ));
        assert!(wants_person(
            "can i swing by and talk to a person, the bot isnt helping"
        ));
        assert!(wants_person(
            "can someone call me so i can talk it over with someone"
        ));
        assert!(wants_person("id rather talk to someone than text"));
    }

    #[test]
    fn round_twenty_six_a_burn_told_by_its_skin_and_complaints_told_by_the_result() {
        // A burn told by what it did to the skin, its cause in an earlier text.
        assert!(danger(
            "he also got the back of his hand with it, theres a big white blister like the size of a credit card and the skin around it is kinda gray",
            None
        )
        .is_some());
        assert!(danger(
            "got a blister on my heel from the new boots, skin is fine",
            None
        )
        .is_none());
        assert!(danger(
            "got a blister on my hand from paddling and the skin is white, is that normal",
            None
        )
        .is_none());
        // Not what was asked for, and paid for.
        assert!(complaint(
            "so i got highlights last thurs and asked for icy blonde and showed pics. its straight up orange. i paid 180 plus tip and honestly i cried in my car",
            &[]
        )
        .is_some());
        assert!(complaint("i asked for a trim and paid at the desk, love it", &[]).is_none());
        // A charge that makes no sense to the caller.
        assert!(complaint(
            "so yall cancel my sat class at 9pm the night before and now theres a $25 rebook charge on my card?? how does that make any sense",
            &[]
        )
        .is_some());
        assert!(complaint("how does that make the door quieter?", &[]).is_none());
        // Hurt in a crash just now, told as it happened.
        assert!(danger(
            "on my way to my drive test and somebody just slammed into the back of me. my neck really hurts and i cant stop shaking",
            None
        )
        .is_some());
        assert!(danger(
            "the door slammed into the wall and left a dent, can you patch it",
            None
        )
        .is_none());
        assert!(complaint("the tip is not fair to the groomer lol i paid extra", &[]).is_none());
        assert!(complaint(
            "showed him pictures of what i wanted and its nothing like it, i even tipped",
            &[]
        )
        .is_some());
    }

    #[test]
    fn round_twenty_seven_self_harm_and_a_stroke_in_everyday_words() {
        // Someone at risk who never says the word, and the crisis line said to them.
        for t in [
            "i owe the irs like 40k. honestly i dont see the point anymore, theyd all be better off with the life insurance",
            "everyone would be better off without me tbh",
            "i just want to go to sleep and not wake up",
            "whats the point of living anymore",
        ] {
            assert_eq!(danger(t, None), Some(Danger::SelfHarm), "{t}");
        }
        // A service found pointless, or a bill that stings, is no risk.
        assert_eq!(
            danger(
                "i dont see the point of paying for a tune up every single year",
                None
            ),
            None
        );
        // Words that come out wrong and an arm gone heavy on one side: signs of a stroke.
        assert_eq!(
            danger(
                "she called from the parking lot, her words were all jumbled and she said her right arm feels heavy and she cant lift it",
                None
            ),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger("all of a sudden he cant lift his left arm", None),
            Some(Danger::Medical)
        );
        assert_eq!(
            danger("my arms are sore from painting the ceiling all day", None),
            None
        );
        // Bitten many times in a yard of mosquitoes is no bite to treat; stung many times is.
        assert_ne!(
            danger(
                "cant even take the dog out without getting bit 10 times. just come spray the yard one time",
                None
            ),
            Some(Danger::Bite)
        );
        assert_eq!(
            danger("my son got stung like 5 times out by the shed", None),
            Some(Danger::Bite)
        );
    }

    #[test]
    fn round_twenty_seven_a_review_of_dangers_told_otherwise() {
        // A blind review's misses: a farewell, a spine hurt, a stroke, asthma, a child not
        // found, a child or an elder left without care.
        for (text, kind) in [
            ("can you find a new home for bear? i wont be around much longer and i want him with someone good", Danger::SelfHarm),
            ("want to sell my bike and all my gear cheap, giving everything away, wont need any of it where im going", Danger::SelfHarm),
            ("just get my taxes done so my wife isnt stuck with it after im gone. i already wrote the letters", Danger::SelfHarm),
            ("no need to come out anymore, im tired of being a burden on everyone, its almost over", Danger::SelfHarm),
            ("my son keeps saying hes not going to be here next week and gave away his hearing aids, im scared what hes planning", Danger::SelfHarm),
            ("my daughter texted me goodbye and said she loves us and now shes not answering, i dont know what to do, can u cancel today", Danger::SelfHarm),
            ("can i pick up the bike tmrw instead, my dad just got really confused out of nowhere and doesnt know where he is, his smile is crooked", Danger::Medical),
            ("went over the handlebars, neck really hurts and my hands are tingly, can u come get the bike", Danger::Medical),
            ("the ladder slid out, hes on the driveway saying his back hurts and his legs feel weird", Danger::Medical),
            ("sorry running late, my asthma is acting up bad and my inhaler isnt helping, cant talk in full sentences", Danger::Medical),
            ("my 3 yr old got out the back gate and i cant find him and the pool cover is off", Danger::Missing),
            ("the little boy next door has been home alone for 2 days, no heat, he's crying at the window", Danger::Vulnerable),
            ("my 90 yr old mother hasnt eaten in days and her caregiver left, shes alone and cant get out of bed", Danger::Vulnerable),
        ] {
            assert_eq!(danger(text, None), Some(kind), "{text}");
        }
        for text in [
            "if i owe again this year im gonna kill myself lol jk just tell me what i owe",
            "we wont be here next week, can you come the week after",
            "my back hurts from shoveling, can you come clear the gutters",
            "i want to fix my crooked smile, do you do invisalign",
            "my dad lives alone now, can you clean his windows on friday",
            "ill text you where im going to be staying, its 12 oak st",
        ] {
            assert_eq!(danger(text, None), None, "{text}");
        }
        // An injury told as hurting oneself is no self-harm.
        assert_ne!(
            danger(
                "i hurt myself falling off the ladder, my ankle is huge",
                None
            ),
            Some(Danger::SelfHarm)
        );
        assert_eq!(
            danger("some days i just want to harm myself", None),
            Some(Danger::SelfHarm)
        );
    }
}
