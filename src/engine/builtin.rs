//! The built-in policy: deterministic, no model needed. It drives the same tools as the LLM:
//! answers from the profile, collects the service, address and name, proposes numbered slots,
//! books on YES, and hands off when it is unsure, when asked, or when there is danger.

use super::state::State;
use super::tools::{Outcome, ToolCall, ToolError, Turn};
use super::understand as u;
use crate::calendar::Slot;
use chrono::Timelike;

use super::detect::Danger;
use crate::domain::profile::{in_sentence, BusinessProfile};

/// What to do first, in words that fit the danger (a dog owner is not told about gas leaks).
fn danger_advice(kind: Danger) -> &'static str {
    match kind {
        Danger::Gas => "Please get everyone outside now and call 911 or the gas company from outside. Don't switch anything on or off.",
        Danger::Fire => "If there is smoke or fire, get everyone out and call 911 now.",
        Danger::Electrical => "Please stay away from it and, if it is safe, switch off the power at the breaker. If there is smoke or fire, get out and call 911.",
        Danger::Water => "If water is near lights or outlets, stay clear and switch off the power at the breaker if it is safe. Turn off the main water valve if you can, and call 911 if anyone is in danger.",
        Danger::Medical => "If this is a medical emergency, call 911 now.",
        Danger::Vulnerable => "If anyone is unwell from the cold or heat, call 911. Meanwhile keep them somewhere warm (or cool).",
        Danger::Vehicle => "Please don't drive it. Pull over somewhere safe, and call 911 if anyone is hurt.",
        Danger::Animal => "Please get your pet to an emergency vet right away.",
        Danger::Bite => "Keep everyone and any pets away from the animal. Call 911 now if there is swelling of the face or throat, hives or trouble breathing; any bat or wild animal bite needs a doctor today.",
        Danger::Intruder => "If you are in danger, call 911 now.",
        Danger::Hazard => "Please keep everyone, especially children, well away from it until it is made safe, and call 911 if anyone is hurt.",
        Danger::Missing => "If you think someone is missing or in danger, please call 911 now.",
        Danger::Spill => "Please keep everyone and any flame or spark away from it, and keep it out of drains and wells if you safely can. Call 911 if anyone feels unwell or it is near a flame.",
        Danger::Fraud => "If money is leaving your account, call your bank's fraud line now. If someone is pressing you to pay by gift card or wire, hang up: it is a scam.",
        Danger::SelfHarm => "If you're thinking about ending your life or hurting yourself, please call or text 988, the Suicide & Crisis Lifeline, now. If you're in danger right now, call 911.",
    }
}

/// Where the profile sends people who need urgent help: its own setting, else an FAQ answer
/// about emergencies that names a place or a number.
pub fn emergency_referral(profile: &BusinessProfile) -> Option<String> {
    if let Some(r) = profile
        .escalation
        .emergency_referral
        .as_ref()
        .filter(|r| !r.trim().is_empty())
    {
        return Some(r.trim().to_string());
    }
    profile
        .faq
        .iter()
        .find(|f| {
            let q = format!("{} {}", f.q, f.a).to_lowercase();
            let about = ["emergenc", "urgent", "after hours", "after-hours", "er "]
                .iter()
                .any(|w| q.contains(w));
            let a = f.a.to_lowercase();
            let place = a.chars().filter(|c| c.is_ascii_digit()).count() >= 7
                || [
                    "hospital",
                    "urgent care",
                    "animal er",
                    "emergency room",
                    "clinic",
                    "call ",
                ]
                .iter()
                .any(|w| a.contains(w));
            about && place && !promises_after_hours_text(&a)
        })
        // Emergency instructions carry no prices: keep the answer's sentences without one.
        .map(|f| {
            super::guard::sentences(&f.a)
                .into_iter()
                .filter(|s| !s.contains('$'))
                .collect::<String>()
                .trim()
                .to_string()
        })
        .filter(|a| !a.is_empty())
}

fn promises_after_hours_text(text: &str) -> bool {
    let t = text.to_lowercase();
    [
        "24/7",
        "24 hours",
        "24hrs",
        "24 hrs",
        "around the clock",
        "any time of day",
        "on call",
        "on-call",
        "nights and weekends",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// The business takes emergencies outside its hours (a setting, or an FAQ answer saying so).
pub fn promises_after_hours(profile: &BusinessProfile) -> bool {
    /// Read from the profile alone, so once per profile value.
    struct Promised(bool);
    profile
        .derived(|profile| {
            Promised(
                profile.escalation.after_hours_emergencies
                    || profile.faq.iter().any(|f| {
                        let all = format!("{} {}", f.q, f.a).to_lowercase();
                        (all.contains("emergenc")
                            || all.contains("lockout")
                            || all.contains("urgent"))
                            && promises_after_hours_text(&f.a)
                    }),
            )
        })
        .0
}

fn list_services(turn: &Turn<'_>) -> String {
    let names: Vec<&str> = turn
        .business
        .profile
        .services
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    match names.len() {
        0 => String::new(),
        1 => names[0].to_string(),
        n => format!("{} or {}", names[..n - 1].join(", "), names[n - 1]),
    }
}

pub fn proposals_text(turn: &Turn<'_>, slots: &[Slot], moving: bool) -> String {
    let lead = if moving {
        "I can move it to"
    } else {
        "I can do"
    };
    turn.channel.offer(lead, slots, turn.tz())
}

fn confirm_text(turn: &Turn<'_>, slot: Slot) -> String {
    let service = in_sentence(turn.details.service.as_deref().unwrap_or("visit"));
    let place = turn
        .details
        .address
        .as_deref()
        .map(|a| format!(" at {a}"))
        .unwrap_or_default();
    format!(
        "{}, {service}{place} - {}",
        turn.channel.when(slot, turn.tz()),
        turn.channel.confirm()
    )
}

fn handoff_text(turn: &Turn<'_>, when: &str, lead: &str) -> String {
    let name = &turn.business.profile.business.name;
    let back = turn.channel.get_back();
    format!("{lead}I'm passing this to the team at {name}; a person will {back} {when}.")
}

async fn hand_off(turn: &mut Turn<'_>, reason: &str, lead: &str) -> anyhow::Result<Option<String>> {
    match turn
        .execute(ToolCall::HandOff {
            reason: reason.into(),
        })
        .await
    {
        Ok(Outcome::HandedOff(when)) => Ok(Some(handoff_text(turn, &when, lead))),
        Ok(_) => Ok(None),
        Err(e) => Err(anyhow::anyhow!("hand-off refused: {e}")),
    }
}

/// A caller we know, for another visit that needs an address and has none yet: the address of
/// their last visit is taken for it (either policy), and the words that say it back with the
/// times, so they can give another instead of being asked again.
pub fn take_known_address(turn: &mut Turn<'_>, price: &str) -> Option<String> {
    let on_site = turn
        .business
        .profile
        .needs_address(turn.details.service.as_deref());
    if !on_site || turn.details.address.is_some() {
        return None;
    }
    let address = turn.details.known_address.take()?;
    let service = in_sentence(turn.details.service.as_deref().unwrap_or_default());
    let words = turn.channel.same_address(&service, price, &address);
    turn.details.address = Some(address);
    Some(words)
}

/// The words for a calendar outcome, the same for either policy on the channel of the turn:
/// times on offer, a time read back for a yes, a booking made, moved or cancelled. `None` for
/// outcomes whose words depend on the conversation.
pub fn outcome_words(turn: &Turn<'_>, outcome: &Outcome, moving: bool) -> Option<String> {
    let when = |slot: &Slot| turn.channel.when(*slot, turn.tz());
    Some(match outcome {
        Outcome::Proposed(slots) => proposals_text(turn, slots, moving),
        Outcome::ProposedInstead(slots) => format!(
            "Nothing is open then. {}",
            proposals_text(turn, slots, moving)
        ),
        Outcome::NoSlots => {
            "I don't see an opening that fits. What other day or time works for you?".into()
        }
        Outcome::Chosen(slot) => confirm_text(turn, *slot),
        Outcome::Booked(slot) => format!(
            "You're booked: {}, {}. See you then! {}",
            when(slot),
            in_sentence(turn.details.service.as_deref().unwrap_or("visit")),
            turn.channel.after_booking()
        ),
        Outcome::Moved(slot) => format!(
            "Done - your visit is moved to {}. See you then!",
            when(slot)
        ),
        Outcome::Cancelled(slot) => format!(
            "Your {} visit is cancelled. {}",
            when(slot),
            turn.channel.come_again()
        ),
        _ => return None,
    })
}

/// What was answered first (`lead`), then the times (`rest`), in two segments at most: the
/// answer whole, with as much of the times as fits (the time read back first). When not even
/// that fits, the answer comes whole and the times are cut when the text is finished: what
/// was asked is answered first.
fn with_lead(lead: &str, rest: &str) -> String {
    let whole = format!("{lead}{rest}");
    let max = super::guard::MAX_REPLY_CHARS;
    let units = super::guard::sms_units;
    if lead.is_empty() || units(&whole) <= max {
        return whole;
    }
    let room = max.saturating_sub(units(lead) + 1);
    let times = super::guard::leading_sentences(rest, room, 0);
    if !times.is_empty() {
        return format!("{} {times}", lead.trim_end());
    }
    whole
}

/// Propose slots (or explain why not, handing off when a person must confirm).
async fn find(turn: &mut Turn<'_>, call: ToolCall, lead: &str) -> anyhow::Result<Option<String>> {
    let moving = matches!(call, ToolCall::Reschedule { .. });
    match turn.execute(call).await {
        // Nothing open twice in a row: a person finds the time, not the same answer again.
        Ok(Outcome::NoSlots) if turn.details.no_times >= 1 => {
            turn.details.no_times = 0;
            hand_off(
                turn,
                "no_open_times",
                "I can't find an opening that fits, so ",
            )
            .await
        }
        Ok(o @ (Outcome::Proposed(_) | Outcome::ProposedInstead(_) | Outcome::NoSlots)) => {
            turn.details.no_times = u32::from(matches!(o, Outcome::NoSlots));
            if let Some(words) = read_back_singled_out(turn, &o, moving).await? {
                return Ok(Some(with_lead(lead, &words)));
            }
            Ok(outcome_words(turn, &o, moving).map(|w| with_lead(lead, &w)))
        }
        Ok(Outcome::NeedsPerson) => {
            hand_off(
                turn,
                "calendar_unconfirmed",
                "I want to be sure of the schedule, so ",
            )
            .await
        }
        Ok(_) => Ok(None),
        Err(ToolError::Booking(e)) => Ok(Some(format!(
            "{lead}Sorry, {e}. What other day or time works for you?"
        ))),
        Err(e) => Err(anyhow::anyhow!("{e}")),
    }
}

async fn choose(turn: &mut Turn<'_>, option: usize) -> anyhow::Result<Option<String>> {
    match turn.execute(ToolCall::ChooseSlot { option }).await {
        Ok(Outcome::Chosen(slot)) => Ok(Some(confirm_text(turn, slot))),
        Ok(_) => Ok(None),
        Err(ToolError::Booking(_)) => {
            let pref = String::new();
            find(
                turn,
                ToolCall::FindSlots {
                    service: None,
                    preference: pref,
                },
                "Sorry, that time was just taken. ",
            )
            .await
        }
        Err(e) => Err(anyhow::anyhow!("{e}")),
    }
}

/// An address for an on-site visit other than the one recorded, said once the booking is under
/// way: recorded (the booking is written with it when confirmed), and returned to say back.
fn moved_address(turn: &mut Turn<'_>, text: &str) -> Option<String> {
    let profile = &turn.business.profile;
    if !profile.needs_address(turn.details.service.as_deref()) {
        return None;
    }
    let address = u::extract_address(text)?;
    let same = turn
        .details
        .address
        .as_deref()
        .is_some_and(|a| a.eq_ignore_ascii_case(&address));
    if same {
        return None;
    }
    turn.details.address = Some(address.chars().take(120).collect());
    // ("Renee Castillo 2219 Emerson Ave louisville": the name beside it is kept too.)
    if turn.details.name.is_none() {
        let profile = turn.business.profile.clone();
        turn.details.name = u::extract_name_in(text, &profile);
    }
    turn.details.address.clone()
}

/// Did the caller name one of the proposals by its day or time ("Thursday works", "the 10am")?
fn mentioned_proposal(turn: &Turn<'_>, text: &str) -> Option<usize> {
    let tz = turn.tz();
    let said = u::words(text);
    // "The one closest to 9 please": the offer nearest that hour of the day (an hour under 7,
    // or one said with "pm", in the afternoon).
    if let Some(h) = closest_to_hour(text) {
        let wanted = |pm: bool| (if pm && h < 12 { h + 12 } else { h }) * 60;
        let pm = said.iter().any(|w| w == "pm") || h < 7;
        let distance = |s: &Slot| minute_of_day(s, tz).abs_diff(wanted(pm));
        return turn
            .details
            .proposals
            .iter()
            .enumerate()
            .min_by_key(|(_, s)| distance(s))
            .map(|(i, _)| i + 1);
    }
    let matches: Vec<usize> = turn
        .details
        .proposals
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            let shown = s.for_sms(tz).to_lowercase(); // "thu dec 3, 10:00 am"
            let day = &shown[..3];
            let hour = s.start_utc().with_timezone(&tz).format("%-I").to_string();
            let ampm = s.start_utc().with_timezone(&tz).format("%P").to_string();
            // ("any day except tuesday works", "cant do tuesday", "tuesday doesnt work": not
            // the Tuesday.)
            let day_said = said.iter().enumerate().any(|(i, w)| {
                let before = |k: usize| {
                    i >= k
                        && [
                            "except", "but", "besides", "than", "not", "no", "cant", "exept",
                        ]
                        .contains(&said[i - k].as_str())
                };
                let after = said[i + 1..said.len().min(i + 3)]
                    .iter()
                    .any(|a| ["doesnt", "dont", "wont", "isnt", "cant"].contains(&a.as_str()));
                w.len() >= 3
                    && w.starts_with(day)
                    && !before(1)
                    && !(i >= 2 && said[i - 2] == "cant" && said[i - 1] == "do")
                    && !after
            });
            // ("5 works, Dave Mercer": an hour no pick number could be, said as a yes.)
            let no_pick = hour
                .parse::<usize>()
                .is_ok_and(|h| h > turn.details.proposals.len());
            let time_said = said.iter().enumerate().any(|(i, w)| {
                *w == format!("{hour}{ampm}")
                    || (*w == hour && said.get(i + 1).is_some_and(|n| *n == ampm))
                    || (*w == hour
                        && (no_pick || said.get(i + 1).is_some_and(|n| n == "oclock"))
                        && said.get(i + 1).is_none_or(|n| {
                            [
                                "works", "is", "sounds", "please", "oclock", "ok", "okay", "then",
                            ]
                            .contains(&n.as_str())
                        }))
            });
            day_said || time_said
        })
        .map(|(i, _)| i + 1)
        .collect();
    // "The 2pm one" when 2:00 PM is offered on two days: the first of them, unless a day
    // was said too (then it is unclear).
    let day_named = said.iter().any(|w| is_day_word(w));
    match matches.as_slice() {
        [one] => Some(*one),
        [first, ..] if !day_named => Some(*first),
        _ => None,
    }
}

/// "The earliest one", "whichever is soonest" with times on offer: the earliest of them, not a
/// new search; "the latest one", "whichever is later": the latest. Said with a day, a part of
/// the day or "after 5" ("the first afternoon one", "the earliest friday one pls"), among the
/// offers that fit it (none fitting: none).
fn earliest_offered(turn: &Turn<'_>, text: &str) -> Option<usize> {
    let said = u::words(text);
    let has = |list: &[&str]| said.iter().any(|w| list.contains(&w.as_str()));
    let of_these = has(&[
        "one",
        "of",
        "time",
        "slot",
        "option",
        "whichever",
        "whatever",
        "whatevers",
    ]);
    let fit = offer_filter(turn, text);
    let digits_only_in_fit = said
        .iter()
        .enumerate()
        .filter(|(_, w)| w.chars().any(|c| c.is_ascii_digit()))
        .all(|(i, _)| i > 0 && ["after", "before"].contains(&said[i - 1].as_str()));
    // (A day said outside a wish it fits, or a number other than "after 5": no pick of these.)
    if !digits_only_in_fit || fit.is_none() && said.iter().any(|w| is_day_word(w)) {
        return None;
    }
    let offers: Vec<(usize, &Slot)> = turn
        .details
        .proposals
        .iter()
        .enumerate()
        .filter(|(_, s)| fit.as_ref().is_none_or(|f| f(s)))
        .collect();
    let first = has(&["earliest", "soonest", "earlier"]) || fit.is_some() && has(&["first", "1st"]);
    // ("thursday one": the only offer on the day said.)
    let only = fit.is_some() && offers.len() == 1 && has(&["one"]) && !has(&["another", "other"]);
    if (first || only) && of_these {
        return offers
            .iter()
            .min_by_key(|(_, s)| s.start_utc())
            .map(|(i, _)| i + 1);
    }
    // ("Do you have one a little later?" asks for other times.)
    let later = has(&["latest"])
        || has(&["later"]) && has(&["whichever", "whatever", "whatevers"])
        || said.windows(2).any(|w| w[0] == "the" && w[1] == "later");
    if later && of_these && !text.contains('?') && !has(&["than", "in", "on", "at"]) {
        return offers
            .iter()
            .max_by_key(|(_, s)| s.start_utc())
            .map(|(i, _)| i + 1);
    }
    None
}

/// New times in a text: the one the caller's own wish favours ("9 if you have it", "whichever
/// is closest to 12"; else the first) held and read back for a yes, the others still open to
/// pick, so that a plain "yes" books a time the caller has seen, not a list it cannot answer.
/// `None` (the list) when moving a booking or when the hold fails.
async fn read_back_singled_out(
    turn: &mut Turn<'_>,
    outcome: &Outcome,
    moving: bool,
) -> anyhow::Result<Option<String>> {
    let instead = match outcome {
        Outcome::Proposed(_) => "",
        Outcome::ProposedInstead(_) => "Nothing is open then. ",
        _ => return Ok(None),
    };
    if moving || turn.details.proposals.is_empty() {
        return Ok(None);
    }
    let k = favoured_offer(turn);
    let others = others_open(turn, k);
    match turn.execute(ToolCall::ChooseSlot { option: k }).await {
        Ok(Outcome::Chosen(slot)) => Ok(Some(format!(
            "{instead}{}{others}",
            confirm_text(turn, slot)
        ))),
        Ok(_) | Err(ToolError::Booking(_)) => Ok(None),
        Err(e) => Err(anyhow::anyhow!("{e}")),
    }
}

/// A yes to the times on offer without saying which: the one the caller's own wish singles out
/// (nearest a time they said, "like 4ish"; else the first that fits a day or a part of the day
/// they said), else the first.
fn favoured_offer(turn: &Turn<'_>) -> usize {
    let Some(said) = turn.details.preference.as_deref() else {
        return 1;
    };
    let tz = turn.tz();
    let wish = crate::calendar::propose::Preference::parse(said, turn.now, tz);
    let offers = &turn.details.proposals;
    let fits: Vec<usize> = (0..offers.len())
        .filter(|&i| wish.accepts(&offers[i], tz))
        .collect();
    let among = if fits.is_empty() {
        (0..offers.len()).collect()
    } else {
        fits
    };
    // ("anything fri before 9 ... earliest one": a bound and the soonest, not a time of day.)
    let at = hour_wished(said).filter(|_| !wish.asap && wish.before_minute.is_none());
    match at {
        Some(at) => among
            .iter()
            .min_by_key(|&&i| minute_of_day(&offers[i], tz).abs_diff(at))
            .map(|i| i + 1),
        None => among.first().map(|i| i + 1),
    }
    .unwrap_or(1)
}

/// The minute of the local day an offer starts at.
fn minute_of_day(s: &Slot, tz: chrono_tz::Tz) -> u32 {
    let local = s.start_utc().with_timezone(&tz);
    local.hour() * 60 + local.minute()
}

/// A time of day said as the one wished for ("like 4ish", "around 10am", "at 2:30"), as a minute
/// of the day; not a number of something ("1/2 inch", "2 bedroom").
fn hour_wished(text: &str) -> Option<u32> {
    let raw: Vec<String> = text
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.' || c == '?' || c == '!')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    raw.iter().enumerate().find_map(|(i, w)| {
        let digits: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
        let rest = &w[digits.len()..];
        let hour: u32 = digits.parse().ok().filter(|h| (1..=12).contains(h))?;
        let (minute, mark) = match rest.strip_prefix(':') {
            Some(r) => {
                let m: String = r.chars().take_while(|c| c.is_ascii_digit()).collect();
                (m.parse::<u32>().ok().filter(|m| *m < 60)?, &r[m.len()..])
            }
            None => (0, rest),
        };
        let next = raw.get(i + 1).map(String::as_str);
        let marked = matches!(mark, "am" | "pm" | "ish" | "a" | "p")
            || rest.starts_with(':')
            || mark.is_empty() && matches!(next, Some("am" | "pm" | "ish" | "oclock"));
        // ("like 2 months" is no time.)
        const UNITS: &[&str] = &[
            "months", "month", "weeks", "week", "days", "day", "years", "year", "yrs", "yr",
            "hours", "hour", "hrs", "mins", "minutes", "min", "inch", "inches", "feet", "ft",
            "miles", "people", "kids", "pairs", "pair", "bedroom", "bedrooms", "rooms", "times",
            "dollars", "bucks", "of", "x",
        ];
        // ("anything but 4pm" is no wish for 4.)
        if raw[i.saturating_sub(3)..i]
            .iter()
            .any(|b| ["but", "not", "except", "no", "besides"].contains(&b.as_str()))
        {
            return None;
        }
        // ("at 12 oak st" is an address.)
        const THEN: &[&str] = &[
            "or", "if", "on", "then", "works", "work", "please", "pls", "today", "tomorrow",
            "tmrw", "ok", "okay", "is", "would", "and", "so", "maybe", "ish",
        ];
        // ("at 9 in the morning")
        let of_day = next == Some("in")
            && raw.get(i + 2).is_some_and(|w| w == "the")
            && raw
                .get(i + 3)
                .is_some_and(|w| ["morning", "afternoon", "evening"].contains(&w.as_str()));
        let led = i > 0
            && ["at", "around", "like", "about", "bout", "roughly", "say"]
                .contains(&raw[i - 1].as_str())
            && mark.is_empty()
            && (of_day || next.is_none_or(|n| !UNITS.contains(&n) && THEN.contains(&n)));
        if !(marked || led) {
            return None;
        }
        let pm = mark == "pm" || mark == "p" || next == Some("pm");
        let am = mark == "am" || mark == "a" || next == Some("am");
        let h24 = if pm && hour < 12 || !am && hour < 7 {
            hour + 12
        } else {
            hour
        };
        Some(h24 * 60 + minute)
    })
}

/// "The first afternoon one", "the earliest friday one": `earliest_offered`, only when the text
/// says which offers fit.
fn earliest_that_fits(turn: &Turn<'_>, text: &str) -> Option<usize> {
    offer_filter(turn, text).and_then(|_| earliest_offered(turn, text))
}

/// What a wish said beside "the earliest" keeps of the offers: a weekday named in full, a part
/// of the day, "after 5" or "before 11".
#[allow(clippy::type_complexity)]
fn offer_filter(turn: &Turn<'_>, text: &str) -> Option<Box<dyn Fn(&Slot) -> bool>> {
    use chrono::{Datelike, Timelike};
    let said = u::words(text);
    let tz = turn.tz();
    // (Monday first, as chrono counts.)
    let day = said.iter().find_map(|w| {
        u::WEEKDAY_NAMES
            .iter()
            .position(|d| w.trim_end_matches('s') == *d)
    });
    // (Not "good morning", a greeting.)
    let part = said.iter().enumerate().find_map(|(i, w)| {
        if i > 0 && said[i - 1] == "good" {
            return None;
        }
        match w.as_str() {
            "morning" | "mornings" => Some((0, 12)),
            "afternoon" | "afternoons" => Some((12, 17)),
            "evening" | "evenings" | "night" => Some((17, 24)),
            _ => None,
        }
    });
    let bound = |word: &str| {
        said.windows(2).find_map(|w| {
            (w[0] == word)
                .then(|| w[1].parse::<u32>().ok())
                .flatten()
                .filter(|h| (1..=12).contains(h))
                .map(|h| if h < 7 { h + 12 } else { h })
        })
    };
    let (after, before) = (bound("after"), bound("before"));
    if day.is_none() && part.is_none() && after.is_none() && before.is_none() {
        return None;
    }
    Some(Box::new(move |s: &Slot| {
        let local = s.start_utc().with_timezone(&tz);
        let h = local.hour();
        day.is_none_or(|d| local.weekday().num_days_from_monday() as usize == d)
            && part.is_none_or(|(a, b)| (a..b).contains(&h))
            && after.is_none_or(|a| h >= a)
            && before.is_none_or(|b| h < b)
    }))
}

/// "Saturday, whatever the earliest is", "whichever is first": a new search whose earliest time
/// is the one wanted.
fn wants_the_earliest(text: &str) -> bool {
    let said = u::words(text);
    let has = |list: &[&str]| said.iter().any(|w| list.contains(&w.as_str()));
    has(&["earliest", "soonest"]) || has(&["whichever", "whatever", "whatevers"]) && has(&["first"])
}

/// The offers other than `k`, said after `k` is read back: by number in a text, in words aloud.
fn others_open(turn: &Turn<'_>, k: usize) -> String {
    let tz = turn.tz();
    let others: Vec<String> = turn
        .details
        .proposals
        .iter()
        .enumerate()
        .filter(|(i, _)| i + 1 != k)
        .map(|(i, s)| match turn.channel {
            super::channel::Channel::Sms => format!("{}) {}", i + 1, turn.channel.when(*s, tz)),
            super::channel::Channel::Voice => turn.channel.when(*s, tz),
        })
        .collect();
    match (others.is_empty(), turn.channel) {
        (true, _) => String::new(),
        (false, super::channel::Channel::Sms) => format!(" Or pick {}.", others.join(" or ")),
        (false, super::channel::Channel::Voice) => {
            format!(" If not, I also have {}.", others.join(" or "))
        }
    }
}

/// Offer `k` read back for a yes, with the other offers still open to pick.
async fn read_back_with_others(turn: &mut Turn<'_>, k: usize) -> anyhow::Result<Option<String>> {
    let others = others_open(turn, k);
    Ok(choose(turn, k)
        .await?
        .map(|confirm| format!("{confirm}{others}")))
}

/// New times found for a wish that asked for the earliest ("whichever is earliest after 5"):
/// the earliest of them read back for a yes, not the list again.
async fn earliest_of_new_times(
    turn: &mut Turn<'_>,
    text: &str,
    reply: Option<String>,
) -> anyhow::Result<Option<String>> {
    // ("Whats the soonest you can get it in?" asks to see the times.)
    let asks = text.contains('?')
        || u::words(text)
            .first()
            .is_some_and(|w| ["whats", "what", "when", "how"].contains(&w.as_str()));
    if !wants_the_earliest(text) || asks || turn.current != State::Scheduling {
        return Ok(reply);
    }
    let earliest = turn
        .details
        .proposals
        .iter()
        .enumerate()
        .min_by_key(|(_, s)| s.start_utc())
        .map(|(i, _)| i + 1);
    match earliest {
        Some(k) => read_back_with_others(turn, k).await,
        None => Ok(reply),
    }
}

/// The text names the held time itself: its day (if a day is said) and its hour (if an hour is
/// said), nothing wider ("friday at 6" of Fri 6:00 PM; not "thursday at 11" of 10:00 AM, not
/// "after 4").
fn said_as_held(turn: &Turn<'_>, text: &str, slot: Slot) -> bool {
    let wish = crate::calendar::propose::Preference::parse(
        &without_before_picking(text),
        turn.now,
        turn.tz(),
    );
    let local = slot.start_utc().with_timezone(&turn.tz());
    let minute = local.hour() * 60 + local.minute();
    let said = wish.dates.is_some() || wish.after_minute.is_some();
    // (A number that could be another hour but was not read as one, "thursday at 11,": not
    // sure.)
    let unread_hour = wish.after_minute.is_none() && other_number_than(text, local.hour());
    // ("at 6" is read as the morning's; 6 PM read back is the same hour, unless "am" was
    // written; "next friday" may be a week on: not sure.)
    let ws = u::words(text);
    let meridiem = writes_am_pm(text);
    let next = ws.iter().any(|w| w == "next");
    let other_hour = written_hour(text).is_some_and(|h| h != local.hour());
    said && !unread_hour
        && !next
        && !other_hour
        && wish.before_minute.is_none()
        && wish
            .after_minute
            .is_none_or(|m| m == minute || !meridiem && m + 720 == minute)
        && wish
            .dates
            .as_ref()
            .is_none_or(|d| d.contains(&local.date_naive()))
}

/// The text writes "am" or "pm" with an hour ("6am", "10 pm").
fn writes_am_pm(text: &str) -> bool {
    u::words(text).iter().any(|w| {
        w == "am"
            || w == "pm"
            || (w.ends_with("am") || w.ends_with("pm"))
                && w.starts_with(|c: char| c.is_ascii_digit())
    })
}

/// The hour written with "am" or "pm" ("5pm", "10:30 am"), on a 24-hour clock.
fn written_hour(text: &str) -> Option<u32> {
    let ws = u::words(text);
    ws.iter().enumerate().find_map(|(i, w)| {
        let (digits, pm) = if w.starts_with(|c: char| c.is_ascii_digit())
            && (w.ends_with("pm") || w.ends_with("am"))
        {
            (&w[..w.len() - 2], w.ends_with("pm"))
        } else if i > 0 && (w == "pm" || w == "am") {
            (ws[i - 1].as_str(), w == "pm")
        } else {
            return None;
        };
        let h: u32 = digits.split(':').next()?.parse().ok()?;
        (1..=12)
            .contains(&h)
            .then_some(h % 12 + if pm { 12 } else { 0 })
    })
}

/// A number from 1 to 12 in the text that is not this hour on a 12-hour clock ("at 11" of a
/// 10:00 slot; "at 1" of 1:00 PM is the same hour).
fn other_number_than(text: &str, hour: u32) -> bool {
    let twelve = if hour % 12 == 0 { 12 } else { hour % 12 };
    u::words(text).iter().any(|w| {
        w.parse::<u32>()
            .is_ok_and(|n| (1..=12).contains(&n) && n != twelve)
    })
}

/// The text names a day or a time the held one is not ("ok cool. saturday morning if
/// possible" with a Tuesday held, "yes at 11" with 10:00, "Yes. I'd prefer the afternoon"):
/// whatever yes it holds is no yes to the held time.
fn names_other_time(turn: &Turn<'_>, text: &str, slot: Slot) -> bool {
    let wish = crate::calendar::propose::Preference::parse(
        &without_before_picking(text),
        turn.now,
        turn.tz(),
    );
    let said = wish.dates.is_some() || wish.after_minute.is_some() || wish.before_minute.is_some();
    let local = slot.start_utc().with_timezone(&turn.tz());
    let minute = local.hour() * 60 + local.minute();
    // (An hour said is the hour wished, not "from then on": "yes at 11" is not 1 PM either.)
    let meridiem = writes_am_pm(text);
    let hour_said = u::words(text)
        .iter()
        .any(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    let hour_ok = !hour_said
        || wish.after_minute.is_none_or(|m| {
            m == minute
                || !meridiem && m + 720 == minute
                || wish.before_minute.is_some()
                || m < minute && super::detect::Text::new(text).any(&["after"])
        });
    // (A day said with another hour not read as one, "thursday at 11," of 10:00: not ours.)
    let unread_hour = wish.dates.is_some()
        && wish.after_minute.is_none()
        && other_number_than(text, local.hour());
    let other_hour = written_hour(text).is_some_and(|h| h != local.hour());
    said && (!wish.accepts(&slot, turn.tz()) || !hour_ok || unread_hour)
        || other_hour
        || u::words(text)
            .iter()
            .any(|w| w == "prefer" || w == "rather")
}

/// A word of agreement beside a pick ("the first one works", "first one thx", "the earliest
/// one pls", "option 1 is great").
fn agrees_to_pick(text: &str) -> bool {
    const AGREE: &[&str] = &[
        "works", "work", "great", "perfect", "good", "fine", "thx", "thanks", "thank", "ty", "pls",
        "please", "plz", "ok", "okay", "sure", "book", "lets", "take", "awesome", "cool", "sounds",
    ];
    // (Not a pick that goes on to change it: "first one works but can we do 3 instead".)
    const CHANGES: &[&str] = &[
        "but", "instead", "actually", "rather", "prefer", "not", "unless",
    ];
    let ws = u::words(text);
    ws.iter().any(|w| AGREE.contains(&w.as_str()))
        && !ws.iter().any(|w| CHANGES.contains(&w.as_str()))
}

/// The held time, said again by the caller as read back, with a yes or "book it" ("yes friday
/// at 6 works, book it", "si saturday 12:30 perfect, book it"), or picked again with a word of
/// agreement (`picked`: "the first one works, thanks"): booked, as a YES would. `None` when
/// the text does not agree or the booking could not be made.
async fn book_if_agreed(turn: &mut Turn<'_>, text: &str, picked: bool) -> Option<Option<String>> {
    let agrees = u::words(text)
        .iter()
        .any(|w| ["yes", "yep", "yeah", "yup", "si", "confirm", "confirmed"].contains(&w.as_str()))
        || super::detect::Text::new(text).any(&["book it", "lock it in"])
        || picked && agrees_to_pick(text);
    // ("yeah friday might work, let me check with my husband", "I'll confirm tonight")
    let hedged = super::detect::Text::new(text).any(&[
        "might",
        "could",
        "maybe",
        "probably",
        "possibly",
        "check",
        "get back",
        "let me",
        "ill confirm",
        "i will confirm",
        "will confirm",
        "think",
        "not sure",
    ]);
    if !agrees || hedged || u::is_no(text) {
        return None;
    }
    turn.agreed_to_held = true;
    match turn.execute(ToolCall::ConfirmBooking).await {
        Ok(o @ (Outcome::Booked(_) | Outcome::Moved(_))) => Some(outcome_words(turn, &o, false)),
        _ => {
            turn.agreed_to_held = false;
            None
        }
    }
}

/// The text without "before I pick one" and the like: those are no wish about times.
fn without_before_picking(text: &str) -> String {
    let mut out = text.to_lowercase();
    for p in [
        "before i pick",
        "before i choose",
        "before i book",
        "before i decide",
        "before booking",
        "before i confirm",
        "b4 i pick",
        "b4 i book",
    ] {
        out = out.replace(p, " ");
    }
    out
}

/// A wish about the time of day: "late afternoon", "after 3", "before noon", "mornings".
fn part_of_day_wish(text: &str) -> bool {
    let ws = u::words(text);
    ws.iter().any(|w| {
        u::PARTS_OF_DAY.contains(&w.as_str())
            || [
                "noon", "lunch", "after", "before", "til", "till", "until", "later", "earlier",
            ]
            .contains(&w.as_str())
    })
}

/// "Whichever one is closest to 2": the hour the times should be nearest.
/// (Not "close to 12 years old".)
fn closest_to_hour(text: &str) -> Option<u32> {
    let ws = u::words(text);
    (0..ws.len().saturating_sub(2)).find_map(|i| {
        let measure = ws.get(i + 3).is_some_and(|m| {
            [
                "year", "years", "yrs", "yr", "months", "miles", "feet", "foot", "inches",
                "degrees", "percent", "dollars", "bucks", "hours", "minutes", "days", "weeks",
                "lbs", "pounds", "gallons",
            ]
            .contains(&m.as_str())
        });
        (["closest", "nearest", "close"].contains(&ws[i].as_str()) && ws[i + 1] == "to" && !measure)
            .then(|| ws[i + 2].parse::<u32>().ok())
            .flatten()
            .filter(|h| (1..=12).contains(h))
    })
}

/// A bare hour said alone ("9 is good", "10 works for me").
fn hour_alone(text: &str) -> Option<u32> {
    const FILLER: &[&str] = &[
        "is", "good", "works", "work", "fine", "great", "perfect", "please", "thanks", "for", "me",
        "sounds", "would", "be", "ok", "okay", "oclock", "am", "pm", "then",
    ];
    let ws = u::words(text);
    let hour = ws.first()?.parse::<u32>().ok()?;
    ((1..=12).contains(&hour) && ws[1..].iter().all(|w| FILLER.contains(&w.as_str())))
        .then_some(hour)
}

/// A day said by its name, short or whole, or as today, tomorrow or the weekend ("fri",
/// "thursdays", "tmrw").
fn is_day_word(w: &str) -> bool {
    let w = w.trim_end_matches('s');
    w.ends_with("day")
        || [
            "tonight", "tomorrow", "mon", "tue", "wed", "thu", "thur", "fri", "sat", "sun",
            "weekend", "week",
        ]
        .contains(&w)
}

/// A day or a time of day said, or the times asked for ("any chance this saturday morning?",
/// "the earliest you have"); not "after" or "before" alone ("it started after the rain").
fn says_when(text: &str) -> bool {
    u::asks_for_times(text)
        || u::words(text).iter().any(|w| {
            is_day_word(w)
                || u::PARTS_OF_DAY.contains(&w.as_str())
                || ["earliest", "soonest", "asap"].contains(&w.as_str())
        })
}

fn has_time_words(text: &str) -> bool {
    u::wants_booking(text)
        || [
            "morning",
            "afternoon",
            "evening",
            "mornings",
            "afternoons",
            "evenings",
            "after",
            "before",
            "weekend",
            "earlier",
            "later",
            "earliest",
            "soonest",
            "asap",
        ]
        .iter()
        .any(|w| u::words(text).iter().any(|x| x == w))
}

/// Danger, a request for a person, complaints and the profile's escalation keywords hand off at
/// once, whatever the policy: decided in code (the detectors), before any model sees the text.
pub async fn hand_off_if_needed(turn: &mut Turn<'_>, text: &str) -> anyhow::Result<Option<String>> {
    // Whoever takes over should know who is asking: a name the caller gave goes into the alert.
    // (When nothing is handed off, the conversation reads the name as usual.)
    let known = turn.details.name.clone();
    if known.is_none() {
        turn.details.name = u::extract_name_in(text, &turn.business.profile);
    }
    let reply = hand_off_now(turn, text).await?;
    if reply.is_none() {
        turn.details.name = known;
    }
    Ok(reply)
}

async fn hand_off_now(turn: &mut Turn<'_>, text: &str) -> anyhow::Result<Option<String>> {
    let profile = turn.business.profile.clone();
    if let Some(kind) = super::detect::danger(text, Some(&profile)) {
        if kind == Danger::Water && super::detect::water_left_by_our_work(text) {
            return hand_off(
                turn,
                "complaint: work not fixed",
                "I'm sorry to hear that. ",
            )
            .await;
        }
        return safety_hand_off(turn, kind).await;
    }
    // The danger may only show with what the caller said just before ("my gelding is overdue",
    // then "his front feet feel hot and he leans back"): read together, when the earlier text
    // alone was not a danger (that would have been handed off then).
    // (A pick or a yes, "1" or "ok thx", carries no sign needing what came before.)
    let long_enough = text.split_whitespace().count() >= 4;
    if let Some(earlier) = turn.earlier.clone().filter(|_| long_enough) {
        let together = format!("{earlier}\n{text}");
        if super::detect::danger(&earlier, Some(&profile)).is_none() {
            if let Some(kind) = super::detect::danger(&together, Some(&profile)) {
                return safety_hand_off(turn, kind).await;
            }
        }
    }
    // A complaint that also asks for a person is handed off as the complaint it is (the
    // staff alert says why); the owner's own escalation words come after a plain request for
    // a person ("have the owner call me back" asks for a person).
    // ("Dale did Bandit's full set last wed": the owner by name is "your guy".)
    let owner = u::owner_first_name(&profile);
    let as_ours = |t: &str| owner_as(t, owner.as_deref(), "your tech", true);
    let text_ours = as_ours(text);
    if let Some(k) = super::detect::complaint(&text_ours, &[]) {
        // ("...said he'd get back to me. never heard back. can he just call me?": the call
        // asked for is what they want.)
        if k == "no show"
            && super::detect::only_a_missed_callback(text)
            && super::detect::wants_person(text)
        {
            return hand_off(turn, "human_requested", "Of course. ").await;
        }
        return hand_off(turn, &format!("complaint: {k}"), "I'm sorry to hear that. ").await;
    }
    // So may a complaint ("your guys did the shower tile tuesday", then "theres overspray all
    // over my mirror and footprints on the carpet"): our work told first, what it left after.
    // (Not a pick or a yes: "or not?" then "ok number 1 is good" is no "not ok".)
    let a_pick = u::pick_number(text, 9).is_some() || u::is_yes(text);
    if let Some(earlier) = turn.earlier.clone().filter(|_| long_enough && !a_pick) {
        let earlier = as_ours(&earlier);
        let together = format!("{earlier}\n{text_ours}");
        if super::detect::complaint(&earlier, &[]).is_none() {
            if let Some(k) = super::detect::complaint(&together, &[]) {
                return hand_off(turn, &format!("complaint: {k}"), "I'm sorry to hear that. ")
                    .await;
            }
        }
    }
    // ("Is Dale around? ... wanted to talk to him": the owner asked for by name.)
    if super::detect::wants_person(text)
        || super::detect::wants_person(&owner_as(text, owner.as_deref(), "the owner", false))
    {
        return hand_off(turn, "human_requested", "Of course. ").await;
    }
    if let Some(k) = super::detect::own_keyword(text, &profile.escalation.keywords) {
        return hand_off(
            turn,
            &format!("escalation: {k}"),
            "I'm sorry to hear that. ",
        )
        .await;
    }
    // Outside hours, a business that takes emergencies around the clock: a caller who needs
    // someone now reaches the on-call person at once, not the next opening.
    if !profile.is_open_at(turn.now)
        && promises_after_hours(&profile)
        && super::detect::needs_someone_now(text)
    {
        let reason = "urgent after hours".to_string();
        if let Ok(Outcome::HandedOff(_)) = turn.execute(ToolCall::HandOff { reason }).await {
            return Ok(Some(format!(
                "I've alerted the on-call team at {} now; a person will contact you right away.",
                profile.business.name
            )));
        }
    }
    Ok(None)
}

/// A name stated outright ("my name is Dolores Amaral") that is not the one recorded.
fn stated_anew(turn: &Turn<'_>, text: &str) -> Option<String> {
    // Only "my name is ..." or "name is ...": "its Dave right? the owner?" names nobody new.
    let said = u::words(text);
    let outright = said
        .windows(2)
        .any(|w| w[0] == "name" && w[1] == "is" || w[0] == "my" && w[1] == "names")
        && !text.contains('?');
    u::stated_name(text).filter(|_| outright).filter(|n| {
        turn.details
            .name
            .as_deref()
            .is_some_and(|k| !k.eq_ignore_ascii_case(n))
    })
}

/// The text with the owner's first name, said as a word of its own, put as `with` ("dale did
/// our full set" reads as "your tech did our full set").
/// (Not a name that is also an everyday word, "the bill", "will you": those stay as they are.)
/// With `not_when_asked_for`, the owner asked for ("ask for Dale", "is Dale available") keeps
/// the name: a request for the person, not the person's past work.
fn owner_as(text: &str, owner: Option<&str>, with: &str, not_when_asked_for: bool) -> String {
    const EVERYDAY: &[&str] = &[
        "bill", "will", "mark", "rose", "grant", "rich", "sue", "pat", "art", "jack", "frank",
        "grace", "hope", "faith", "joy", "dawn", "summer", "april", "may", "june", "rob", "drew",
        "guy", "chase", "hunter", "miles", "max", "ray", "sky", "gene", "chip", "buck", "penny",
        "ginger", "holly", "ivy", "rusty", "sandy", "skip", "doc",
    ];
    let Some(name) = owner.filter(|n| !EVERYDAY.contains(n)) else {
        return text.to_string();
    };
    // ("Detective Morales said to ask for Dale... is Dale available to call me back?": the
    // owner asked for, not the owner's work.)
    let pieces: Vec<&str> = text.split_inclusive(char::is_whitespace).collect();
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase()
    };
    let asked_for = |i: usize| {
        not_when_asked_for
            && (i
                .checked_sub(1)
                .is_some_and(|k| ["for", "to", "with"].contains(&bare(pieces[k]).as_str()))
                || pieces.get(i + 1).is_some_and(|n| {
                    ["available", "around", "there", "in"].contains(&bare(n).as_str())
                })
                // ("Rick still running things over there?": the owner asked after.)
                || pieces.get(i + 1).is_some_and(|n| bare(n) == "still")
                    && pieces.get(i + 2).is_some_and(|n| {
                        ["running", "around", "there", "in", "own", "owns"]
                            .contains(&bare(n).as_str())
                    }))
    };
    pieces
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let trimmed = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            if trimmed.eq_ignore_ascii_case(name) && !asked_for(i) {
                format!("{with}{}", &w[trimmed.len()..])
            } else {
                w.to_string()
            }
        })
        .collect()
}

/// Someone may be unsafe: what to do first, the profile's own emergency referral, and who is
/// alerted; outside hours a business that takes emergencies says its on-call person is alerted.
async fn safety_hand_off(turn: &mut Turn<'_>, kind: Danger) -> anyhow::Result<Option<String>> {
    let reason = format!("safety: {}", kind.as_str());
    let Ok(Outcome::HandedOff(when)) = turn.execute(ToolCall::HandOff { reason }).await else {
        return Ok(None);
    };
    Ok(Some(safety_reply(turn, kind, &when)))
}

/// A thread a person already owns: the AI stays quiet, except when the caller may be unsafe.
/// Then the caller still gets the danger advice at once and staff an urgent alert; the thread
/// stays theirs.
pub fn safety_while_staff_own(
    turn: &mut Turn<'_>,
    text: &str,
    handed_off_for: Option<&str>,
) -> Option<String> {
    let profile = turn.business.profile.clone();
    // In a thread already handed off for safety, signs of a body in trouble ("he just came in
    // saying hes dizzy") are the danger going on, whatever words they use.
    let worse = handed_off_for.is_some_and(|r| r.starts_with("safety"))
        && super::detect::body_in_trouble(text);
    let Some(kind) =
        super::detect::danger(text, Some(&profile)).or(worse.then_some(Danger::Medical))
    else {
        // Handed over for a question, then a complaint ("yall quoted me $95" ... "the bill is
        // $240?? thats not ok"): staff learn it is one now. Staff own the thread: no reply.
        let for_other =
            handed_off_for.is_some_and(|r| !r.starts_with("complaint") && !r.starts_with("safety"));
        if let Some(why) =
            super::detect::complaint(text, &profile.escalation.keywords).filter(|_| for_other)
        {
            turn.effects.notify.push(format!(
                "Frontdesk: {} is now complaining ({why}). They said: \"{}\"",
                turn.contact.phone,
                super::tools::quote(text)
            ));
            turn.effects.handoff_reason = Some(format!("complaint: {why}"));
        } else if handed_off_for.is_some_and(|r| r == "unanswered_question")
            && super::detect::wants_person(text)
        {
            // Handed over for a question, then a call asked for ("can he call me when he gets
            // a sec"): staff learn someone is waiting to be phoned.
            turn.effects.notify.push(format!(
                "Frontdesk: {} asks for a person to get in touch. They said: \"{}\"",
                turn.contact.phone,
                super::tools::quote(text)
            ));
            turn.effects.handoff_reason = Some("human_requested".into());
        }
        return None;
    };
    turn.effects.notify.push(format!(
        "URGENT Frontdesk: {} may be unsafe ({}). They said: \"{}\"",
        turn.contact.phone,
        kind.as_str(),
        super::tools::quote(text)
    ));
    turn.effects.handoff_reason = Some(format!("safety: {}", kind.as_str()));
    let when = super::knowledge::follow_up_when(&profile, turn.now);
    Some(safety_reply(turn, kind, &when))
}

/// Words that tie a sentence of the referral to a kind of danger (stems).
fn danger_words(kind: Danger) -> &'static [&'static str] {
    match kind {
        Danger::Gas => &[
            "gas", "smell", "odor", "rotten", "egg", "leak", "line", "fume",
        ],
        Danger::Fire => &["fire", "smoke", "smoking", "burn", "flame", "spark"],
        Danger::Electrical => &[
            "outlet", "spark", "smoke", "smoking", "burn", "breaker", "panel", "wire", "shock",
            "electr",
        ],
        Danger::Water => &["water", "flood", "pipe", "burst", "leak", "sewag", "valv"],
        Danger::Medical => &[
            "hurt",
            "breath",
            "breathing",
            "swallow",
            "poison",
            "eye",
            "swell",
            "throat",
            "bleed",
            "fell",
            "fall",
            "injur",
            "hospit",
        ],
        Danger::Vulnerable => &["heat", "cold", "warm", "cool", "temperatur"],
        Danger::Vehicle => &["drive", "car", "brake", "vehicl"],
        Danger::Animal => &[
            "pet",
            "dog",
            "cat",
            "vet",
            "anim",
            "hors",
            "colic",
            "mare",
            "foal",
            "livestock",
        ],
        Danger::Bite => &["bite", "sting", "bat", "snake", "anim", "swell"],
        Danger::Intruder => &["polic", "safe", "lock"],
        Danger::Missing => &["missing", "home", "find", "polic", "911"],
        Danger::Spill => &[
            "oil", "spill", "leak", "tank", "fuel", "report", "dep", "drain", "well",
        ],
        Danger::Fraud => &[
            "fraud", "scam", "bank", "ident", "theft", "stolen", "gift", "card", "irs", "polic",
        ],
        Danger::SelfHarm => &["988", "suicid", "crisis", "lifelin", "harm", "ending"],
        Danger::Hazard => &[
            "fall", "tip", "glass", "crack", "collaps", "shatter", "sharp", "away", "board", "hurt",
        ],
    }
}

/// The owner's referral for this caller: whole when it fits beside the alert line; a long one
/// covering several dangers cut to the sentences about this caller's danger (its leading
/// sentences when none is).
fn safety_guidance(
    profile: &crate::domain::BusinessProfile,
    said: &str,
    kind: Danger,
) -> Option<String> {
    let r = profile.escalation.emergency_referral.as_deref()?.trim();
    if r.is_empty() {
        return None;
    }
    if super::guard::sms_units(r) <= REFERRAL_BUDGET {
        return Some(r.to_string());
    }
    referral_for(r, said, kind).or_else(|| {
        Some(shortened(
            &super::guard::leading_sentences(r, REFERRAL_BUDGET, 1),
            REFERRAL_BUDGET,
        ))
    })
}

/// Room for the referral beside a short line saying who was alerted.
const REFERRAL_BUDGET: usize = 240;

/// The part of the profile's emergency referral that fits this caller: a referral that covers
/// several dangers ("if you smell gas... if a child swallowed... if a pet ate...") is cut to
/// the sentences about what the caller said and the kind of danger, so it fits in the text.
fn referral_for(referral: &str, said: &str, kind: Danger) -> Option<String> {
    let said = u::content_words(said);
    let parts = super::guard::sentences(referral);
    let mut ranked: Vec<(usize, usize)> = parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let words = u::content_words(part);
            let by_caller = words.iter().filter(|w| said.contains(w)).count();
            let by_kind = words
                .iter()
                .filter(|w| danger_words(kind).iter().any(|k| w.starts_with(k)))
                .count();
            (i, 2 * by_caller + 3 * by_kind)
        })
        .collect();
    // Only sentences about this danger; none: nothing fits this caller.
    ranked.retain(|(_, score)| *score > 0);
    if ranked.is_empty() {
        return None;
    }
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut chosen: Vec<usize> = Vec::new();
    let mut used = 0;
    for (i, _) in ranked {
        let n = super::guard::sms_units(parts[i]) + 1;
        if used + n <= REFERRAL_BUDGET || chosen.is_empty() {
            chosen.push(i);
            used += n;
        }
    }
    chosen.sort_unstable();
    Some(
        chosen
            .iter()
            .map(|i| shortened(parts[*i].trim(), REFERRAL_BUDGET))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// A referral sentence too long to send beside who was alerted, cut to what to do: "If your pet
/// is struggling to breathe, bleeding, ... call Columbia Emergency Vet (24/7) at 555-0142-7700
/// now; for poisoning also call ..." gives "Call Columbia Emergency Vet (24/7) at 555-0142-7700
/// now." (the conditions first, then a later clause, go).
fn shortened(sentence: &str, budget: usize) -> String {
    let fits = |t: &str| super::guard::sms_units(t) <= budget;
    if fits(sentence) {
        return sentence.to_string();
    }
    const DO: &[&str] = &[
        "call", "go", "get", "head", "bring", "take", "leave", "text", "drive", "dial",
    ];
    let mut out = sentence.to_string();
    if out.to_lowercase().starts_with("if ") {
        let action = out.match_indices(", ").map(|(i, _)| i + 2).find(|&i| {
            let next = out[i..]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_lowercase();
            DO.contains(&next.as_str())
        });
        if let Some(i) = action {
            let rest = &out[i..];
            let mut c = rest.chars();
            out = c
                .next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default();
        }
    }
    if !fits(&out) {
        if let Some(i) = out.find("; ") {
            out = format!("{}.", out[..i].trim_end_matches(['.', ',']));
        }
    }
    out
}

fn safety_reply(turn: &Turn<'_>, kind: Danger, when: &str) -> String {
    let profile = &turn.business.profile;
    let advice = danger_advice(kind).to_string();
    let referral =
        safety_guidance(profile, &turn.said, kind).or_else(|| emergency_referral(profile));
    let name = &profile.business.name;
    let open = profile.is_open_at(turn.now);
    let follow = if open {
        format!("I've alerted the team at {name}; a person will contact you shortly.")
    } else if promises_after_hours(profile) {
        format!(
            "I've alerted the on-call team at {name} now; a person will contact you right away."
        )
    } else {
        format!(
            "I've alerted the team at {name}; a person will {} {when}.",
            turn.channel.get_back()
        )
    };
    // The referral matters more than general advice when both do not fit in two segments.
    // But "call 911" is never dropped for a referral that does not say it (a well company's
    // advice about sparking switches to someone whose husband is dizzy in a well pit).
    let mut options = Vec::new();
    if let Some(r) = &referral {
        if kind != Danger::Animal {
            options.push(format!("{advice} {r} {follow}"));
        }
        let words = u::content_words(r);
        // A referral for animals ("call the emergency vet") is not advice for a person in
        // danger (a child bitten while grooming the dog).
        let for_animals = words.iter().any(|w| {
            ["vet", "dog", "cat", "pet", "animal", "hors"]
                .iter()
                .any(|k| w.starts_with(k))
        });
        let for_a_person = kind != Danger::Animal && super::detect::person_in_danger(&turn.said);
        let about_this = !(for_animals && for_a_person)
            && words
                .iter()
                .any(|w| danger_words(kind).iter().any(|k| w.starts_with(k)));
        // Someone at risk of harming themselves is told of the crisis line, whatever the
        // business's referral says about its own dangers.
        let crisis = kind == Danger::SelfHarm && !about_this;
        if crisis
            || advice.contains("911") && !r.contains("911") && !about_this && kind != Danger::Animal
        {
            options.push(format!("{advice} {follow}"));
        }
        options.push(format!("{r} {follow}"));
        options.push(format!("{r} The team at {name} has been alerted."));
    }
    options.push(format!("{advice} {follow}"));
    let fits = |t: &String| super::guard::sms_units(t) <= super::guard::MAX_REPLY_CHARS;
    options
        .iter()
        .find(|t| fits(t))
        .unwrap_or(&options[0])
        .clone()
}

/// The standard words for a hand-off, with the follow-up time.
pub fn handoff_reply(turn: &Turn<'_>, when: &str) -> String {
    handoff_text(turn, when, "")
}

/// Hand off for a reason the caller needs no special words for.
pub async fn hand_off_plain(turn: &mut Turn<'_>, reason: &str) -> anyhow::Result<Option<String>> {
    hand_off(turn, reason, "").await
}

/// Decide and act on the caller's (combined) text; returns the reply, if any.
pub async fn respond(turn: &mut Turn<'_>, text: &str) -> anyhow::Result<Option<String>> {
    let profile = turn.business.profile.clone();
    if let Some(reply) = hand_off_if_needed(turn, text).await? {
        return Ok(Some(reply));
    }
    // "Oh ok perfect. can u do the 2nd one": a pick asked as a question (in the text's last
    // sentence), not a question to answer.
    let asked_pick = text
        .split(['.', '!', '?', '\n'])
        .map(str::trim)
        .rfind(|c| !c.is_empty())
        .and_then(|last| u::pick_number(last, profile.booking.max_proposals.max(1) as usize))
        .filter(|_| {
            u::words(text).iter().any(|w| w == "one" || w == "option")
                && u::topics(text, &profile).is_empty()
        });
    let question = u::is_question(text) && asked_pick.is_none();
    let topics = if question {
        u::topics(text, &profile)
    } else {
        Vec::new()
    };
    let answer = topics
        .first()
        .map(|t| (t.clone(), answers_text(&topics, &profile, text)));
    match turn.current {
        State::Confirming => {
            let chosen = turn.details.chosen;
            // "it's at 88 Pine Ave this time": the visit moves there; the time still waits.
            if let Some(address) = moved_address(turn, text) {
                let words = turn.channel.new_address(&address);
                return Ok(Some(format!("{words} {}", turn.channel.yes_to_book())));
            }
            // "Option 1 please. Pam Whitaker", "earliest one works. Kyle": the name is kept
            // whatever else the text does.
            let picks = u::pick_number(text, 9).is_some()
                || earliest_that_fits(turn, text).is_some()
                || earliest_offered(turn, text).is_some();
            // ("Monday if you have it. I'm Rosemary, her daughter": a name said outright is kept
            // beside a new wish too.)
            // (Not "its Memorial Day weekend", "its Jake's birthday", "This is Rebecca's phone".)
            const NOT_NAMES: &[&str] = &[
                "day", "weekend", "birthday", "phone", "house", "place", "car", "week",
            ];
            let plain = |n: &String| {
                !n.contains('\'') && !u::words(n).iter().any(|w| NOT_NAMES.contains(&w.as_str()))
            };
            if turn.details.name.is_none() && !picks && has_time_words(text) {
                if let Some(name) = u::stated_name(text).filter(plain) {
                    turn.details.name = Some(name);
                }
            }
            if turn.details.name.is_none() && picks {
                if let Some(name) = u::name_when_asked(text, &profile) {
                    turn.details.name = Some(name);
                }
            }
            // "ok lets do the first one": a pick of another time than the one read back is that
            // pick, not a yes to the time read back.
            // ("The first afternoon one is fine" when a morning time was read back.)
            let other_pick = earliest_that_fits(turn, text)
                .or_else(|| u::pick_number(text, turn.details.proposals.len()))
                .filter(|k| turn.details.proposals.get(k - 1) != chosen.as_ref());
            if let Some(k) = other_pick {
                return choose(turn, k).await;
            }
            // "Marcus Batiste. yes go ahead and book", "its Aisha Brown, and yes book it": a
            // name beside the yes is kept, and the yes is a yes.
            // ("ya thats fine its Kayla Brandt": a name said outright beside a yes.)
            // ("yes please, under Kristin Bauer": the name it goes under.)
            let under = || {
                // (ASCII lower-casing keeps the byte offsets of the text.)
                let lower = text.to_ascii_lowercase();
                let at = lower.find("under ")?;
                u::name_when_asked(&text[at + 6..], &profile)
            };
            let beside_yes = || {
                u::stated_name(text)
                    .filter(plain)
                    .or_else(under)
                    .filter(|_| u::is_yes(text) || u::opens_with_yes(text))
            };
            if let Some(name) = u::name_beside_yes(text)
                .or_else(beside_yes)
                .filter(|_| turn.details.name.is_none())
            {
                turn.details.name = Some(name);
            }
            // "yes confirm. landlord will pay? or i pay": the yes books the time, and what is
            // asked after it is answered (or passed to the team) in the same reply.
            // ("Yes, that's fine. I will leave the front door unlocked": a yes, then news.)
            let yes_then_more = !u::is_yes(text) && u::opens_with_yes(text) && question;
            let yes_then_news = !u::is_yes(text) && u::opens_with_yes(text) && !question;
            // (No yes to the held time when another is named with it.)
            let other_time = chosen.is_some_and(|slot| names_other_time(turn, text, slot));
            if (u::is_yes(text) || yes_then_more || yes_then_news) && !other_time {
                return match turn.execute(ToolCall::ConfirmBooking).await {
                    Ok(o @ (Outcome::Booked(_) | Outcome::Moved(_))) if yes_then_more => {
                        let lead = match &answer {
                            Some((_, a)) => a.clone(),
                            None => turn.pass_question_on(text),
                        };
                        Ok(outcome_words(turn, &o, false).map(|w| format!("{lead} {w}")))
                    }
                    Ok(o @ (Outcome::Booked(_) | Outcome::Moved(_))) => {
                        Ok(outcome_words(turn, &o, false))
                    }
                    Ok(_) => Ok(None),
                    Err(ToolError::Booking(e)) => {
                        find(
                            turn,
                            ToolCall::FindSlots {
                                service: None,
                                preference: String::new(),
                            },
                            &format!("Sorry, {e}. "),
                        )
                        .await
                    }
                    Err(e) => Err(anyhow::anyhow!("{e}")),
                };
            }
            if let Some(n) = earliest_that_fits(turn, text)
                .or_else(|| u::pick_number(text, turn.details.proposals.len()))
                .or_else(|| earliest_offered(turn, text))
            {
                // ("1" to the time already read back and held: read back again, held as it is;
                // "yes friday at 6 works, book it" of it: booked.)
                if let Some(slot) = chosen.filter(|c| turn.details.proposals.get(n - 1) == Some(c))
                {
                    // ("the first one works, thanks", "the earliest one pls": the time read
                    // back, picked again with a word of agreement, is a yes to it.)
                    if !question && (said_as_held(turn, text, slot) || agrees_to_pick(text)) {
                        if let Some(booked) = book_if_agreed(turn, text, true).await {
                            return Ok(booked);
                        }
                    }
                    return Ok(Some(confirm_text(turn, slot)));
                }
                return choose(turn, n).await;
            }
            // "tuesday 10 works. Linda Harjo" with Tue 10:00 AM read back and held: the time said
            // again, not a new wish (our own hold would keep it from being found again); it is
            // read back once more, the name kept, for the yes that books it.
            if let Some(slot) = chosen.filter(|_| has_time_words(text)) {
                let wish = crate::calendar::propose::Preference::parse(
                    &without_before_picking(text),
                    turn.now,
                    turn.tz(),
                );
                let said = wish.dates.is_some()
                    || wish.after_minute.is_some()
                    || wish.before_minute.is_some();
                let changes = u::is_no(text)
                    || u::words(text).iter().any(|w| {
                        [
                            "instead",
                            "other",
                            "different",
                            "another",
                            "later",
                            "earlier",
                            "actually",
                            "but",
                            "not",
                            "else",
                        ]
                        .contains(&w.as_str())
                    });
                if said && !changes && wish.accepts(&slot, turn.tz()) {
                    if turn.details.name.is_none() {
                        if let Some(name) = u::extract_name_in(text, &profile) {
                            turn.details.name = Some(name);
                        }
                    }
                    // The very time read back (its day, and its hour if one is said) with a
                    // yes or "book it": booked ("yes friday at 6 works, book it", "si saturday
                    // 12:30 perfect, book it").
                    if said_as_held(turn, text, slot) && !question {
                        if let Some(booked) = book_if_agreed(turn, text, false).await {
                            return Ok(booked);
                        }
                    }
                    // (Read back again for a plain YES: only a yes books. Anything asked
                    // beside it is answered first, or passed to the team.)
                    // (A question about the times, "do you have anything after 3pm?", is
                    // answered by the read-back itself.)
                    let asks_other = text
                        .split_inclusive(['.', '!', '?', '\n'])
                        .any(|p| p.contains('?') && !has_time_words(p) && u::is_question(p));
                    let lead = match &answer {
                        Some((_, a)) => format!("{a} "),
                        None if asks_other => format!("{} ", turn.pass_question_on(text)),
                        None => String::new(),
                    };
                    return Ok(Some(format!("{lead}{}", confirm_text(turn, slot))));
                }
            }
            // ("before i pick one do u guys warranty ur work?" asks; it says no day or time.)
            let asks_only = answer.is_some() && !u::is_no(text) && {
                let wish = crate::calendar::propose::Preference::parse(text, turn.now, turn.tz());
                wish.dates.is_none()
                    && wish.after_minute.is_none()
                    && wish.before_minute.is_none()
                    && !wish.asap
            };
            let wish_words = has_time_words(&without_before_picking(text));
            if (u::is_no(text) || wish_words) && !asks_only {
                let pref = if u::is_no(text) && !wish_words {
                    String::new()
                } else {
                    text.to_string()
                };
                let reply = find(
                    turn,
                    ToolCall::FindSlots {
                        service: None,
                        preference: pref,
                    },
                    "No problem. ",
                )
                .await?;
                // ("actually no, can I do later in the day?": the time just turned down is not
                // the one read back again; the next is, the declined one still open to pick.)
                let again = chosen.is_some() && turn.details.chosen == chosen;
                let next = turn
                    .details
                    .proposals
                    .iter()
                    .position(|s| Some(*s) != chosen)
                    .map(|i| i + 1);
                let turned_down = u::is_no(text)
                    || u::words(text).iter().any(|w| {
                        [
                            "no",
                            "nah",
                            "nope",
                            "actually",
                            "instead",
                            "different",
                            "another",
                            "other",
                            "later",
                            "earlier",
                        ]
                        .contains(&w.as_str())
                    });
                if let (true, Some(k)) = (again && turned_down, next) {
                    if let Some(words) = read_back_with_others(turn, k).await? {
                        return Ok(Some(format!("No problem. {words}")));
                    }
                }
                return earliest_of_new_times(turn, text, reply).await;
            }
            // "oh and its gloria nguyen, sorry forgot to say": the name is kept, the time still
            // waits for a yes.
            // (A word or two alone, "pete", is the name asked for earlier, when it can be one.)
            let anew = stated_anew(turn, text);
            if turn.details.name.is_none() || anew.is_some() {
                // ("Rosa Mendez, im the owner" after we asked for a name.)
                let short = u::words(text).len() <= 2 || turn.details.asked_name;
                let name = anew
                    .or_else(|| u::extract_name_in(text, &profile))
                    .or_else(|| short.then(|| u::name_when_asked(text, &profile)).flatten());
                if let Some(name) = name {
                    let first = first_name(&name).to_string();
                    turn.details.name = Some(name);
                    // ("Chris Delaney. where do i park?": the question is answered too.)
                    return Ok(Some(match &answer {
                        Some((_, a)) => {
                            format!("Thanks, {first}. {a} {}", turn.channel.yes_to_book())
                        }
                        None => format!("Thanks, {first}. {}", turn.channel.yes_to_book()),
                    }));
                }
            }
            if let Some((_, a)) = answer {
                let slot = chosen
                    .map(|s| turn.channel.when(s, turn.tz()))
                    .unwrap_or_default();
                let yes = match turn.channel {
                    super::channel::Channel::Sms => "Reply YES to book",
                    super::channel::Channel::Voice => "Say yes to book",
                };
                return Ok(Some(format!("{a} {yes} {slot}.")));
            }
            // A question we cannot answer while a time waits for a yes goes to the team; the
            // time still waits.
            if question {
                let lead = turn.pass_question_on(text);
                return Ok(Some(format!("{lead} {}", turn.channel.yes_to_book())));
            }
            let again = turn.channel.yes_to_book();
            return unsure(turn, again).await;
        }
        State::Scheduling => {
            let n = turn.details.proposals.len();
            // A new address with the times on offer (the one we had was from their last visit,
            // or they mistyped it): taken, and the times stay on offer unless they also picked.
            if let Some(address) = moved_address(turn, text) {
                if u::pick_number(text, n).is_none() && !has_time_words(text) {
                    let words = turn.channel.new_address(&address);
                    return Ok(Some(format!("{words} {}", turn.channel.which_time())));
                }
            }
            // A name sent after the times were offered ("Jordan") is a detail, not a muddle.
            // ("It is yellow gold, plain band" was taken for a name; "My name is Dolores Amaral"
            // said after it is the name: one stated outright corrects a guess.)
            let late_name = if turn.details.name.is_none() {
                u::extract_name_in(text, &profile).or_else(|| u::name_when_asked(text, &profile))
            } else {
                stated_anew(turn, text)
            };
            // ("ok do that one. its Beth Yarbrough", "thats fine. name is Dale": the yes beside
            // the name is a yes to the times; "Great. Brent Kowalczyk" after an answer only
            // thanks for it.)
            let agrees = u::is_yes(text) && !question;
            let to_the_times = agrees
                && u::words(text).iter().any(|w| {
                    [
                        "that", "thats", "this", "one", "works", "work", "fine", "good", "book",
                    ]
                    .contains(&w.as_str())
                })
                // ("ok thats good to know. Brent Kowalczyk" thanks for an answer.)
                && !super::detect::Text::new(text).any(&["to know", "noted", "got it"]);
            if let Some(name) = late_name {
                let first = first_name(&name).to_string();
                turn.details.name = Some(name);
                if u::pick_number(text, n).is_none()
                    && !has_time_words(text)
                    && mentioned_proposal(turn, text).is_none()
                    && !to_the_times
                {
                    // "Priya. also do u have a shuttle?": thanked, answered, times still on offer.
                    let a = answer
                        .as_ref()
                        .map(|(_, a)| format!("{a} "))
                        .unwrap_or_default();
                    return Ok(Some(format!(
                        "Thanks, {first}. {a}{}",
                        turn.channel.which_time()
                    )));
                }
            }
            // "Yep", "yes book it" to the times offered: the one their wish singles out, else the
            // first (earliest) of them, asked to confirm like any pick, so a yes never books a
            // time the caller did not see named.
            let any = (u::any_will_do(text) || agrees).then(|| favoured_offer(turn));
            // A day named beside a wish about the time of day ("late afternoon would be best, or a
            // friday") is a wish: times are looked for again, not the one offer on that day.
            // ("The first afternoon one is fine": the first of the afternoon ones.)
            if let Some(k) = earliest_that_fits(turn, text) {
                return choose(turn, k).await;
            }
            let mentioned = mentioned_proposal(turn, text)
                .filter(|_| !part_of_day_wish(text))
                .or_else(|| earliest_offered(turn, text));
            if let Some(k) = u::pick_number(text, n).or(mentioned).or(any) {
                return choose(turn, k).await;
            }
            // A pick with a question beside it: the question is answered (or passed to the team)
            // and the booking goes on with the time picked.
            if let Some((k, asked)) = u::pick_beside_question(text, n) {
                let topics = u::topics(&asked, &profile);
                let lead = if topics.is_empty() {
                    turn.pass_question_on(&asked)
                } else {
                    answers_text(&topics, &profile, &asked)
                };
                return Ok(choose(turn, k).await?.map(|c| format!("{lead} {c}")));
            }
            // "Before I pick one, does your guy carry that part on the truck?": a question, not
            // a wish for other times.
            let about_times = has_time_words(&without_before_picking(text));
            // A question about something else ("do you warranty your work?" before picking)
            // is answered first; the times stay on offer.
            // ("What days do u have": the times asked for, whatever FAQ entry says "days".)
            if let Some((topic, a)) = answer.as_ref().filter(|_| !u::asks_for_times(text)) {
                if !matches!(topic, u::Topic::Hours) {
                    return Ok(Some(format!("{a} Which time works for you?")));
                }
            }
            if u::is_no(text) || about_times {
                let pref = if about_times {
                    text.to_string()
                } else {
                    String::new()
                };
                // (The wish the new times are found for is the one a later yes is read by.)
                if about_times {
                    turn.details.preference = Some(pref.clone());
                }
                // Already offering times (for a new booking or a move): look again. The
                // rescheduling flag stays, so a YES still moves the existing booking.
                let call = ToolCall::FindSlots {
                    service: None,
                    preference: pref,
                };
                let reply = find(turn, call, "").await?;
                return earliest_of_new_times(turn, text, reply).await;
            }
            if let Some((_, a)) = answer {
                return Ok(Some(format!("{a} Which time works for you?")));
            }
            // A question we cannot answer in the middle of a booking goes to the team, and the
            // booking goes on: the times stay on offer.
            if question {
                let lead = turn.pass_question_on(text);
                return Ok(Some(format!("{lead} {}", turn.channel.which_time())));
            }
            let again = turn.channel.which_time();
            return unsure(turn, again).await;
        }
        State::Booked => {
            // "Hi this is Carol Brandt, I need to move my test": the caller says who they are.
            if let Some(name) = u::stated_name(text) {
                turn.details.name = Some(name);
            } else if turn.details.name.is_none() && turn.details.asked_name {
                // The name asked for with the times, sent after the booking was made.
                // ("Luis Ortega. yes confirm" to a time booked already.)
                // ("Rosa Mendez, im the owner", "Marcus Olsen. her name is Ruby": said the way
                // a name asked for is.)
                // (Only a name written as one, not "See you then" or "Sounds good".)
                let written_as_name = |n: &String| {
                    let first = n.split_whitespace().next().unwrap_or("").to_lowercase();
                    text.trim_start().starts_with(char::is_uppercase)
                        && !u::has_thanks(text)
                        && !u::is_yes(text)
                        && ![
                            "see", "sounds", "perfect", "great", "cool", "will", "ill", "bye",
                            "sure", "awesome", "got", "ok", "okay", "thanks", "thank", "yes", "no",
                            "im", "we", "i", "that", "thats", "it", "its", "good", "nice",
                        ]
                        .contains(&first.as_str())
                };
                let name = u::bare_name(text)
                    .or_else(|| u::name_beside_yes(text))
                    .or_else(|| u::name_when_asked(text, &profile).filter(written_as_name));
                if let Some(name) = name.filter(|_| !question) {
                    let first = first_name(&name).to_string();
                    turn.details.name = Some(name);
                    return Ok(Some(format!("Thanks, {first} - you're all set.")));
                }
                // ("Ana. how late can i cancel if my kid ends up sick?": the name as a sentence
                // of its own, then a question, which is answered as usual.)
                if question {
                    if let Some((head, _)) = text.split_once(['.', '\n', '!']) {
                        if let Some(name) = u::bare_name(head).filter(written_as_name) {
                            turn.details.name = Some(name);
                        }
                    }
                }
            }
            let booked = turn
                .details
                .booked
                .map(|s| turn.channel.when(s, turn.tz()))
                .unwrap_or_default();
            // ("ok thats fine" booked the time read back; "any day after 1, not sat" next is a
            // move to a time that fits, not a question for the team.)
            // (Only asked as a change: not "I'll be there by 9:45", "I work till 6", "I'll send
            // the deposit tomorrow", nor a cancel.)
            let as_change = super::detect::Text::new(text).any(&[
                "can we",
                "could we",
                "can you",
                "could you",
                "can u",
                "instead",
                "any day",
                "anyday",
                "only",
                "not sat*",
                "not sun*",
                "not mon*",
                "not tue*",
                "not wed*",
                "not thu*",
                "not fri*",
                "works better",
                "better for me",
                "rather",
            ]);
            let misfit = answer.is_none()
                && as_change
                && !u::wants_cancel(text)
                && !u::has_thanks(text)
                && {
                    let tz = turn.tz();
                    let wish = crate::calendar::propose::Preference::parse(text, turn.now, tz);
                    let said = wish.dates.is_some()
                        || wish.after_minute.is_some()
                        || wish.before_minute.is_some()
                        || !wish.not_weekdays.is_empty();
                    said && turn.details.booked.is_some_and(|b| !wish.accepts(&b, tz))
                };
            if u::wants_reschedule(text) || misfit {
                let pref = text.to_string();
                return find(turn, ToolCall::Reschedule { preference: pref }, "Sure. ").await;
            }
            if u::wants_cancel(text) {
                return match turn.execute(ToolCall::CancelBooking).await {
                    Ok(o @ Outcome::Cancelled(_)) => Ok(outcome_words(turn, &o, false)),
                    Ok(_) => Ok(None),
                    Err(e) => Err(anyhow::anyhow!("{e}")),
                };
            }
            if let Some((_, a)) = answer {
                return Ok(Some(a));
            }
            if question {
                return unanswered(turn, text).await;
            }
            if u::has_thanks(text) {
                return Ok(Some(format!("You're welcome! See you {booked}.")));
            }
            return Ok(Some(format!(
                "You're booked for {booked}. {}",
                turn.channel.change_or_cancel()
            )));
        }
        State::HumanOwned | State::OptedOut => return Ok(None),
        State::Greeted | State::Qualifying | State::Answering | State::Closed => {}
    }

    // Learning what the caller needs; a wish about timing is kept for when slots are offered.
    // ("Earliest one lol" after "anything fri before 9": the soonest of what was asked, not
    // the soonest of all.)
    if has_time_words(text) {
        let only_soonest = !u::words(text)
            .iter()
            .any(|w| w.chars().any(|c| c.is_ascii_digit()))
            && ["earliest", "soonest", "asap", "first"]
                .iter()
                .any(|w| u::words(text).iter().any(|x| x == w))
            && !u::words(text).iter().any(|w| is_day_word(w));
        turn.details.preference = match turn.details.preference.take() {
            Some(before) if only_soonest => Some(format!("{before} {text}")),
            _ => Some(text.to_string()),
        };
    }
    // A pick said before any times were offered, to a question about the job ("3 please" when
    // asked for the address, "the earliest one"): kept, and taken when the times are offered.
    if turn.details.service.is_some() && turn.details.proposals.is_empty() && !question {
        let most = profile.booking.max_proposals.max(1) as usize;
        // "9 is good" before any times were offered, after "can u do this saturday morning?":
        // an hour too high to be a pick is the time wished for, on the day wished for.
        // ("whichever one is closest to 2": the offer nearest 2 o'clock, when times come.)
        let wish = hour_alone(text)
            .filter(|h| *h as usize > most)
            .map(|h| (h, "at"))
            .or_else(|| closest_to_hour(text).map(|h| (h, "around")));
        if let Some((hour, how)) = wish {
            turn.details.preference = Some(match turn.details.preference.take() {
                Some(before) => format!("{before} {how} {hour}"),
                None => format!("{how} {hour}"),
            });
            turn.details.early_hour = Some(hour);
        }
        let early = u::pick_number(text, most)
            .or(asked_pick)
            .or(u::any_will_do(text).then_some(1));
        if early.is_some() {
            turn.details.early_pick = early;
        } else if has_time_words(text) {
            // A new wish about times replaces a blind pick.
            turn.details.early_pick = None;
        }
    }
    let mut understood = false;
    let mut lead = String::new();
    let asked_before = turn.details.candidates.len() == 2;
    // A question we cannot answer while a booking is under way (the service is known: "quick q
    // do yall handle the permit?" when asked for the address) goes to the team, and the booking
    // goes on: the address, the name or the times are asked as before.
    let underway = turn.details.service.is_some();
    let mut passed_on = false;
    // "What brand pump do u put in?": a detail of the job the profile does not give.
    let cannot_answer = question && answer.is_none() && u::asks_attribute(text);
    // "Do yall work on furnaces?" at a boiler company: an FAQ entry that shares other words
    // (which brands we work on) does not say whether we do a thing the profile never names.
    let service_answer = matches!(answer, Some((u::Topic::Service { .. }, _)));
    let books = u::wants_booking(text) || u::extract_address(text).is_some();
    // ...and so does one asked beside a booking, when no service names the job ("if u guys
    // move it next week can u also tune it": no service tunes).
    // (Asked outright, "can u also": not "after yall close".)
    let job_nowhere = || {
        u::asks_you_outright(text)
            && u::score_services(text, &profile)
                .is_some_and(|m| u::job_not_the_services(text, &profile, m.best))
    };
    // An entry picked on little ("do you all organize photos? ... scanned into digital folders"
    // is not answered by the entry on photos of your home) does not answer a job asked about.
    // ("do u see hedgehogs?" is answered by "What animals do you see?", whose answer names
    // them: a word shared with the entry's question and one with its answer.)
    let faq_unsure = match &answer {
        Some((u::Topic::Faq(i), _)) => {
            !u::shares_entry_words(text, &profile.faq[*i])
                && u::best_faq(text, &profile).is_none_or(|(_, score)| score < 0.35)
        }
        _ => false,
    };
    let cannot_answer = cannot_answer
        || question
            && !service_answer
            && (!books || job_nowhere())
            && u::asks_to_do_unknown_thing(text, &profile)
        || question
            && (answer.is_none() || faq_unsure)
            && !books
            && u::asks_to_do_unlisted_thing(text, &profile)
        || question
            && (answer.is_none() || faq_unsure)
            && !books
            && u::asks_price_of_unknown(text, &profile)
        // ("need 2 porta johns at a job site by monday ... yall handle those right?": asked
        // outright, and no service matches any of it.)
        || question
            && answer.is_none()
            && !underway
            && u::asks_without_do(text)
            && u::score_services(text, &profile).is_none();
    if cannot_answer {
        if !underway && faq_unsure {
            return pass_to_team(turn, text, true).await;
        }
        if !underway {
            return unanswered(turn, text).await;
        }
        lead = format!("{} ", turn.pass_question_on(text));
        passed_on = true;
        understood = true;
    }
    // A first request that no service covers half of goes to the team, never a yes on a shared
    // word, when the caller doubts it is ours ("can u guys take them out too or do i have to go
    // somewhere else for that"; unless an entry answered it), or asks whether we do a job the
    // service it matches never names ("do yall board birds??"; unless a price or an entry was
    // answered).
    // (Declining what we are, "we dont need a dj just the equipment", doubts it even when a
    // day is asked for.)
    let declines = u::declines_what_we_do(text, &profile);
    // ("you guys do the LLC taxes so can you also set up a new LLC for me... want it done
    // before jan 1": a new thing asked on the strength of what we do, a date or not.)
    let builds =
        question && turn.details.service.is_none() && u::builds_on_what_we_do(text, &profile);
    if question && (!books || declines || builds) && turn.details.service.is_none() {
        let faq_answered = matches!(answer, Some((u::Topic::Faq(_), _)));
        // (Built on what we have, the entry must answer the ask, not the reason: "you guys have
        // the barn so can our two labs board there" is not answered by where the barn is.)
        let asked = builds.then(|| u::asked_after_reason(text)).flatten();
        let faq_sure = faq_answered
            && u::best_faq(asked.as_deref().unwrap_or(text), &profile)
                .is_some_and(|(_, score)| score >= 0.35);
        let doubts = (u::doubts_fit(text)
            || u::contrasts_with_business(text, &profile)
            || builds
            || declines)
            // (Unless an entry answered it, surely: "u guys do those too since its glass?"
            // is not answered by the entry on chips in the cold.)
            && !faq_sure;
        let asks_job = u::asks_if_offered(text)
            && answer.as_ref().is_none_or(|(t, _)| {
                matches!(
                    t,
                    u::Topic::Service {
                        price_asked: false,
                        ..
                    }
                )
            });
        if doubts || asks_job {
            let best = u::score_services(text, &profile);
            let covered = best.as_ref().is_some_and(|m| m.coverage >= 0.5);
            let job_unnamed = || {
                best.as_ref()
                    .is_some_and(|m| u::job_not_the_services(text, &profile, m.best))
            };
            if !covered && (doubts || asks_job && job_unnamed()) {
                // (An entry set aside as unsure is not looked for again in a looser reading.)
                if doubts && faq_answered {
                    return pass_to_team(turn, text, true).await;
                }
                return unanswered(turn, text).await;
            }
        }
    }
    // Asked outright whether we do a thing, with a day for it ("yall install hitches? need a
    // weight distribution hitch ... next week"), when no service's name or keyword is used and
    // the best one accounts for little of it: no yes on a word of its description.
    if question && books && turn.details.service.is_none() && u::asks_without_do(text) {
        let weak = u::score_services(text, &profile).is_some_and(|m| !m.named && m.coverage < 0.2);
        if weak && answer.is_none() {
            return unanswered(turn, text).await;
        }
    }
    // "Could one of your chefs come to the house and cook for us?" where every service happens
    // at the business: a visit no service offers.
    let all_at_business = profile
        .services
        .iter()
        .all(|s| !profile.needs_address(Some(&s.name)));
    // (A visit to where they are, not "can we come out and watch a lesson" or "i cant bring
    // the board in till monday".)
    let visit_asked = super::detect::Text::new(text).any(&[
        "come to the house",
        "come to my house",
        "come to our house",
        "come to the home",
        "come to my home",
        "come to our place",
        "come to my place",
        "come over",
        "house call*",
        "come tune",
        "come cook",
        "come fix",
        "come do",
        "come set",
    ]);
    // Brought to where they are, said outright ("the mobile kind where u bring the puzzles and
    // boxes to us? our office in middleton").
    let brought_to_them = {
        let t = super::detect::Text::new(text);
        t.near(
            &["bring", "bringing", "brings", "come"],
            &[
                "to us",
                "to our house",
                "to our place",
                "to our office",
                "to our home",
                "to our building",
                "to my house",
                "to my place",
                "to my home",
                "to my office",
                "to the office",
                "to work",
            ],
            6,
        ) || t.any(&[
            "mobile kind",
            "mobile version",
            "mobile one",
            "mobile service",
            "mobile unit",
        ])
    };
    if question
        && turn.details.service.is_none()
        && all_at_business
        && (visit_asked && u::wants_it_done_at_home(text) == Some(true) || brought_to_them)
    {
        return unanswered(turn, text).await;
    }
    // "Do u guys make car keys?" at a house locksmith: a kind of thing no service names is no
    // listed service, whatever word it shares with one.
    if turn.details.service.is_none() && u::foreign_request(text, &profile) {
        return unanswered(turn, text).await;
    }
    // "Do i need to have a hose hooked up for u guys?": a question about the visit that the
    // profile does not answer, asked with no wish to book and no trouble told, is a question for
    // the team; a word a service's description shares ("hose") does not start a booking.
    if question
        && answer.is_none()
        && turn.details.service.is_none()
        && turn.details.candidates.is_empty()
        && !u::wants_booking(text)
        && !u::describes_problem(text)
        && !u::asks_to_be_seen(text)
        && u::score_services(text, &profile).is_none_or(|m| !m.named)
    {
        return unanswered(turn, text).await;
    }
    // (A question passed on chooses no service: its words are about something else.)
    let (mut service, tie) = if passed_on {
        (None, None)
    } else {
        which_service(turn, text)
    };
    // What is answered and what is booked are one service. "What would it take to get a new
    // windshield put in?" answered "yes, we do windshield replacement" books that, not the
    // mirror mentioned in passing; a question that names no service ("can someone come before
    // then?") is answered about the service the whole text asks for.
    let mut answer = answer;
    if let (Some((u::Topic::Service { index, price_asked }, _)), None) = (&answer, &tie) {
        let (index, price_asked) = (*index, *price_asked);
        let answered = profile.services[index].name.clone();
        if turn.details.service.is_none() && service.as_deref() != Some(answered.as_str()) {
            if u::names_service(text, &profile, index) || service.is_none() {
                service = Some(answered);
            } else if let Some(i) = service
                .as_deref()
                .and_then(|n| profile.services.iter().position(|s| s.name == n))
            {
                let topic = u::Topic::Service {
                    index: i,
                    price_asked,
                };
                let words = answers_text(std::slice::from_ref(&topic), &profile, text);
                answer = Some((topic, words));
            }
        }
    }
    let address = u::extract_address(text).or_else(|| {
        (turn.details.asked_address && turn.details.address.is_none())
            .then(|| u::loose_address(text).or_else(|| u::landmark_address(text)))
            .flatten()
    });
    // A name already recorded is corrected only by one stated outright ("my name is...").
    let name = if turn.details.name.is_some() {
        u::stated_name(text)
    } else {
        u::extract_name_in(text, &profile)
    };
    let name = name
        .or_else(|| {
            (turn.details.asked_name && turn.details.name.is_none())
                .then(|| u::name_when_asked(text, &profile))
                .flatten()
        })
        .or_else(|| {
            (service.is_none() && turn.details.name.is_none())
                .then(|| u::just_a_name(text))
                .flatten()
        });
    // Asked once which of two, and the caller went on with their address, name or when they
    // are free instead ("we both work weekdays, any chance this saturday morning?"): the better
    // fit is taken (the reply names it, so the caller can still say it is the other), not the
    // same question a third time.
    let mut settled_tie = false;
    let tie = match tie {
        Some(pair)
            if asked_before
                && service.is_none()
                && turn.details.service.is_none()
                && (address.is_some() || name.is_some() || says_when(text)) =>
        {
            service = Some(pair.0);
            settled_tie = true;
            None
        }
        t => t,
    };
    // At the business's own place a street address is never needed: a number and words are no
    // place to read back ("lost 4 balls in a row at the scramble" of a golf lesson).
    // (Only once the service is known: before, an address may be for one done on site.)
    let known = service.as_deref().or(turn.details.service.as_deref());
    let at_our_place = known.is_some() && !profile.needs_address(known);
    let address =
        address.filter(|a| !(at_our_place && a.starts_with(|c: char| c.is_ascii_digit())));
    let named_now = name.is_some();
    if service.is_some() || address.is_some() || name.is_some() {
        let description = (service.is_some() && turn.details.description.is_none())
            .then(|| u::problem_summary(text));
        turn.execute(ToolCall::RecordDetails {
            service,
            description,
            address,
            name,
            urgency: None,
        })
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        understood = true;
    }
    // A question the profile answers, asked with no wish to book and no trouble described
    // ("how often should it be tuned?"), is answered; which service can wait.
    let just_asking = question
        && !topics.is_empty()
        && !topics.iter().any(|t| matches!(t, u::Topic::Service { .. }))
        && !u::wants_booking(text)
        && !u::describes_problem(text)
        && turn.details.service.is_none();
    // A question the profile cannot answer, asked with no wish to book and no trouble described
    // ("would it be the same person every time?"), goes to the team: the service words in it
    // are context, not a choice to make.
    // (Not "can someone fix that part", "can u guys put a fresh coat over it": work asked for.)
    let work_asked = u::asks_to_be_seen(text)
        || u::asks_if_offered(text) && u::score_services(text, &profile).is_some_and(|m| m.named);
    let asking_other = question
        && answer.is_none()
        && !u::wants_booking(text)
        && !u::describes_problem(text)
        && !work_asked
        && turn.details.service.is_none();
    // A question answered while our "A or B?" is still open ("oh wait its a bullfrog, do yall
    // even work on those?"): the answer, then the same question again, not a fresh start.
    let still_open = tie.clone().filter(|_| asked_before && just_asking);
    let tie = tie.filter(|_| !just_asking && !asking_other);
    if let Some(pair) = tie {
        // Two services fit nearly equally: one short question, not a guess. Asked again when
        // the answer did not say, counted unless the caller told us something else instead.
        if asked_before && !understood {
            turn.details.unsure += 1;
        }
        if turn.details.unsure >= 2 {
            return hand_off(turn, "unclear", "Sorry, I'm having trouble understanding. ").await;
        }
        // The caller answered with their name or address instead: thank them, then ask again.
        let thanks = if asked_before && understood {
            match turn.details.name.as_deref() {
                Some(n) => format!("Thanks, {}. ", first_name(n)),
                None => "Thanks. ".to_string(),
            }
        } else {
            String::new()
        };
        let ask = format!(
            "{thanks}Just to be sure: is that for {} or {}?",
            pair.0, pair.1
        );
        turn.details.candidates = vec![pair.0, pair.1];
        if turn.details.description.is_none() {
            turn.details.description = Some(u::problem_summary(text));
        }
        // Not "yes we do X" for one of the two (that would pre-empt the question); a price
        // question gets both prices.
        let price_asked = topics.iter().any(|t| {
            matches!(
                t,
                u::Topic::Service {
                    price_asked: true,
                    ..
                }
            )
        });
        let mut others: Vec<u::Topic> = topics
            .iter()
            .filter(|t| !matches!(t, u::Topic::Service { .. }))
            .cloned()
            .collect();
        if price_asked {
            for name in &turn.details.candidates {
                if let Some(index) = profile.services.iter().position(|s| &s.name == name) {
                    others.push(u::Topic::Service {
                        index,
                        price_asked: true,
                    });
                }
            }
        }
        let answers = if others.is_empty() {
            String::new()
        } else {
            record_answer(turn, text).await;
            format!("{} ", answers_text(&others, &profile, text))
        };
        return Ok(Some(format!("{answers}{ask}")));
    }
    if question {
        if let Some((_, a)) = &answer {
            record_answer(turn, text).await;
            lead = format!("{a} ");
            understood = true;
        } else if !understood
            && (!u::wants_booking(text)
                || (u::asks_do_you_do(text)
                    && u::asks_about_unknown(text, &profile)
                    && !u::asks_for_times(text)))
        {
            // ("do yall do loc retwists? need mine redone before next sat": a wish to book
            // something we do not list is still a question for the team.)
            if !underway {
                return unanswered(turn, text).await;
            }
            lead = format!("{} ", turn.pass_question_on(text));
            understood = true;
        }
    }
    let booking = u::wants_booking(text);
    if u::is_greeting(text) || u::has_thanks(text) {
        understood = true;
    }
    // With the service known, a text we cannot read ("3 please" before any times were offered)
    // goes on with the booking (the address, or times), not back to the list of services.
    // (Such a text is no refusal to give the address: it does not count as one more ask.)
    let unread = !understood && turn.details.service.is_some();
    let understood = understood || turn.details.service.is_some();
    if !understood && !booking {
        let services = list_services(turn);
        if u::describes_problem(text) {
            turn.details.unsure += 1;
            if turn.details.unsure >= 2 {
                return unanswered(turn, text).await;
            }
            if turn.details.description.is_none() {
                turn.details.description = Some(u::problem_summary(text));
            }
            return Ok(Some(format!(
                "Sorry to hear that. Which of our services is it closest to: {services}? If none fits, say so and I'll check with the team."
            )));
        }
        return unsure(
            turn,
            &format!("Sorry, I didn't catch that. What can we help with - {services}?"),
        )
        .await;
    }
    turn.details.unsure = 0;
    // Only answered a question and the caller showed no wish to book: offer, don't push.
    if !booking && turn.details.service.is_none() && lead.is_empty() && u::is_greeting(text) {
        return Ok(Some(format!(
            "Hi! What can we help you with - {}?",
            list_services(turn)
        )));
    }
    if turn.details.service.is_none() {
        if profile.services.len() == 1 {
            turn.details.service = Some(profile.services[0].name.clone());
        } else if let Some((a, b)) = still_open.filter(|_| !lead.is_empty()) {
            let ask = format!("{lead}Just to be sure: is that for {a} or {b}?");
            turn.details.candidates = vec![a, b];
            return Ok(Some(ask));
        } else if !lead.is_empty() && !booking && turn.details.candidates.len() > 2 {
            // (The list again when it fits beside the answer; they have just seen it.)
            let list = format!("{lead}Which service do you need: {}?", list_services(turn));
            if super::guard::sms_units(&list) <= super::guard::MAX_REPLY_CHARS {
                return Ok(Some(list));
            }
            return Ok(Some(format!("{lead}Which of those services do you need?")));
        } else if !lead.is_empty() && !booking {
            return Ok(Some(format!("{lead}Would you like to book a visit?")));
        } else {
            // Callers answer a list by its place ("the 2nd one") as often as by its name.
            turn.details.candidates = profile.services.iter().map(|s| s.name.clone()).collect();
            return Ok(Some(format!(
                "{lead}Which service do you need: {}?",
                list_services(turn)
            )));
        }
    }
    let on_site = profile.needs_address(turn.details.service.as_deref());
    let service_name = in_sentence(turn.details.service.as_deref().unwrap_or_default());
    let price = profile
        .services
        .iter()
        .find(|s| Some(&s.name) == turn.details.service.as_ref())
        .and_then(|s| s.price.clone())
        .filter(|_| lead.is_empty())
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    // A caller we know, for another visit: the address of their last one, said back with the
    // times, instead of asking for it again.
    let mut said_service = false;
    if let Some(words) = take_known_address(turn, &price) {
        lead = format!("{lead}{words}");
        said_service = true;
    }
    if on_site && turn.details.address.is_none() {
        if !unread {
            turn.details.address_asks += 1;
        }
        if turn.details.address_asks > 3 {
            return hand_off(turn, "no_address", "").await;
        }
        let first = !turn.details.asked_address;
        turn.details.asked_address = true;
        let also_name = turn.details.name.is_none() && !turn.details.asked_name;
        turn.details.asked_name |= also_name;
        // Asked again, the reply takes in what the caller said instead: a name, a time wished
        // or picked (kept for when the times are offered).
        let again = match turn.details.name.as_deref().filter(|_| named_now) {
            Some(n) => format!(
                "Thanks, {}. What's the street address for the visit? Then I can send the open times.",
                first_name(n)
            ),
            None if has_time_words(text) || turn.details.early_pick.is_some() => {
                "Got it. I just need the street address for the visit first - what is it?".into()
            }
            None => {
                "I'll need the street address for the visit before I can book it - what is it?"
                    .into()
            }
        };
        let ask = match (first, also_name) {
            (true, true) => "What's the address for the visit, and your name?".to_string(),
            (true, false) => "What's the address for the visit?".to_string(),
            (false, _) => again,
        };
        let got = if first {
            format!("Got it - {service_name}{price}. ")
        } else {
            String::new()
        };
        return Ok(Some(format!("{lead}{got}{ask}")));
    }
    // The name is asked beside the times, never instead of them: a caller who answers "1" has
    // picked a time, and one who never says a name is booked under their number.
    let ask_name = turn.details.name.is_none() && !turn.details.asked_name;
    if (ask_name && !on_site || settled_tie) && !said_service {
        lead = format!("{lead}Got it - {service_name}{price}. ");
    }
    let pref = if has_time_words(text) {
        text.to_string()
    } else {
        turn.details.preference.clone().unwrap_or_default()
    };
    let reply = find(
        turn,
        ToolCall::FindSlots {
            service: None,
            preference: pref,
        },
        &lead,
    )
    .await?;
    // An hour said before the times were offered picks the time offered nearest it (within two
    // hours), read back for a yes.
    if let Some(hour) = turn.details.early_hour.take() {
        let tz = turn.tz();
        let off = |s: &Slot| {
            let m = minute_of_day(s, tz);
            m.abs_diff(hour * 60).min(m.abs_diff((hour + 12) * 60))
        };
        let at = turn
            .details
            .proposals
            .iter()
            .enumerate()
            .filter(|(_, s)| off(s) <= 120)
            .min_by_key(|(_, s)| off(s))
            .map(|(i, _)| i);
        if turn.details.early_pick.is_none() {
            turn.details.early_pick = at.map(|i| i + 1);
        }
    }
    // The time picked before the times were offered is read back for a yes, with the others
    // still open to pick.
    let offered = turn.details.proposals.len();
    if let Some(k) = turn
        .details
        .early_pick
        .take()
        .filter(|k| (1..=offered).contains(k))
    {
        if let Some(confirm) = read_back_with_others(turn, k).await? {
            let name = if ask_name {
                turn.details.asked_name = true;
                " What name should I put it under?"
            } else {
                ""
            };
            return Ok(Some(with_lead(&lead, &format!("{confirm}{name}"))));
        }
    }
    if ask_name && !turn.details.proposals.is_empty() {
        turn.details.asked_name = true;
        return Ok(reply.map(|r| format!("{r} What name should I put it under?")));
    }
    Ok(reply)
}

/// "Dana" of "Dana Smith": how a reply thanks the caller.
fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// The service the caller means: from the pending clarifying question's candidates first, then
/// from all services. A near-tie comes back as the pair to ask about.
fn which_service(turn: &mut Turn<'_>, text: &str) -> (Option<String>, Option<(String, String)>) {
    let profile = turn.business.profile.clone();
    let candidates = std::mem::take(&mut turn.details.candidates);
    if !candidates.is_empty() {
        // The list was not numbered: "the 2nd one" picks from it, a bare "2 pls" is a time
        // once times have been offered; before that, the question is the only list there is.
        let digit = u::words(text)
            .iter()
            .any(|w| w.chars().all(|c| c.is_ascii_digit()));
        let bare_digit = digit && !turn.details.proposals.is_empty();
        if let Some(k) = u::pick_number(text, candidates.len()).filter(|_| !bare_digit) {
            // A bare "1" may also have meant a time the caller expected: that time is read
            // back for a yes when the times are offered (the caller sees service and time).
            if digit {
                turn.details.early_pick = Some(k);
            }
            // ("first one. kelsey tran": the name given with the pick, in a piece of its own.)
            if turn.details.name.is_none() {
                let pieces: Vec<&str> = text
                    .split(['.', ',', '\n'])
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect();
                if let [pick, rest @ ..] = pieces.as_slice() {
                    if rest.len() == 1 && u::pick_number(pick, candidates.len()).is_some() {
                        turn.details.name = u::bare_name(rest[0]);
                    }
                }
            }
            return (Some(candidates[k - 1].clone()), None);
        }
        // "The hour one" between a 30- and a 60-minute massage.
        let durations: Vec<u32> = candidates
            .iter()
            .map(|c| {
                profile
                    .services
                    .iter()
                    .find(|s| &s.name == c)
                    .and_then(|s| s.duration_minutes)
                    .unwrap_or(0)
            })
            .collect();
        if let Some(k) = u::pick_by_length(text, &durations) {
            return (Some(candidates[k].clone()), None);
        }
        let mut sub = (*profile).clone();
        sub.services.retain(|s| candidates.contains(&s.name));
        if let Some(m) = u::score_services(text, &sub) {
            return (Some(sub.services[m.best].name.clone()), None);
        }
        // A word of one candidate's name decides ("the tune-up", "repair").
        let said: Vec<String> = u::words(text).iter().map(|w| u::stem(w)).collect();
        let hits: Vec<&String> = candidates
            .iter()
            .filter(|c| {
                let own: Vec<String> = u::words(c).iter().map(|w| u::stem(w)).collect();
                let others: Vec<String> = candidates
                    .iter()
                    .filter(|o| o != c)
                    .flat_map(|o| u::words(o).into_iter().map(|w| u::stem(&w)))
                    .collect();
                own.iter().any(|w| !others.contains(w) && said.contains(w))
            })
            .collect();
        if hits.len() == 1 {
            return (Some(hits[0].clone()), None);
        }
        // Not decided: a service named outright still counts; else the same question again
        // (counted, so a caller who never says is handed to a person).
        // ("Whenever works, we're home most days" names no service, whatever "one-day" shares
        // with "days": one outside the question is taken only when named outright.)
        if let Some(m) = u::score_services(text, &profile).filter(|m| {
            m.runner_up.is_none()
                && (candidates.contains(&profile.services[m.best].name) || m.named && m.hits >= 2)
        }) {
            return (Some(profile.services[m.best].name.clone()), None);
        }
        if let [a, b] = candidates.as_slice() {
            return (None, Some((a.clone(), b.clone())));
        }
        // A question asked while the list is open ("ok and does medicare pay for any of
        // this"): answered, and the list stays open for "the first one".
        if u::is_question(text) {
            turn.details.candidates = candidates;
        }
    }
    // "Do you hang Christmas lights?" sharing one description word with a service is not a
    // request for it: the same rule as "yes we do X" (named, or most of what was asked).
    let asks_if_offered = u::is_question(text)
        && u::asks_if_offered(text)
        && !u::describes_problem(text)
        && !u::wants_booking(text);
    // ...and a question about something the profile names nowhere picks no service at all,
    // whatever story comes with it ("do u do garage door openers? mine died").
    // ("do you have anything thursday evening?" asks for times, not about a thing.)
    if u::is_question(text)
        && u::asks_do_you_do(text)
        && u::asks_about_unknown(text, &profile)
        && !u::asks_for_times(text)
    {
        return (None, None);
    }
    // A service already settled is changed only by one the caller names ("the first one" in
    // reply to another question is no new service).
    // (One shared word does not: "1st one works" is no "not working" service call, "do u
    // warranty ur repairs" no other repair; a pick is no service at all.)
    let settled = turn.details.service.is_some();
    let switch_said = super::detect::Text::new(text).any(&[
        "instead",
        "actually",
        "rather",
        "change it to",
        "switch it to",
        "make it",
        "make that",
        // ("ok great lets do the trial then. what days")
        "lets do",
        "lets go with",
        "go with",
        "ill take",
        "well take",
    ]);
    let a_pick = u::pick_number(text, 9).is_some() || u::any_will_do(text);
    // (Nor is a question about the job: "if u replace the vent things and it starts again is
    // that covered" keeps the radiator service, whatever "replace" names.)
    // (A "do you do X" about another service is asked to have it: "do u guys just do the
    // stacking part?")
    let asked = u::is_question(text) && !asks_if_offered;
    match u::score_services(text, &profile)
        .filter(|m| !asks_if_offered || m.named || m.coverage >= 0.5)
        .filter(|m| {
            !settled
                || m.named
                    && !a_pick
                    && (switch_said || !asked && m.hits >= 2 && m.runner_up.is_none())
        }) {
        Some(m) => match m.runner_up {
            Some(r) if turn.details.service.is_none() => {
                let (a, b) = (
                    profile.services[m.best].name.clone(),
                    profile.services[r].name.clone(),
                );
                // Where the caller wants it done decides between a visit and a drop-off ("no
                // way im taking that thing apart to haul it in. do you come out?").
                let on_site = |s: &str| profile.needs_address(Some(s));
                match u::wants_it_done_at_home(text) {
                    Some(home) if on_site(&a) != on_site(&b) => {
                        (Some(if on_site(&a) == home { a } else { b }), None)
                    }
                    _ => (None, Some((a, b))),
                }
            }
            _ => {
                // "Can someone come set it up at her house?" at a shop whose one home visit is
                // its own service: that service, whatever else the words name.
                let on_site: Vec<usize> = (0..profile.services.len())
                    .filter(|i| profile.needs_address(Some(&profile.services[*i].name)))
                    .collect();
                let best = match on_site.as_slice() {
                    [visit]
                        if !on_site.contains(&m.best)
                            && turn.details.service.is_none()
                            && u::wants_it_done_at_home(text) == Some(true) =>
                    {
                        *visit
                    }
                    _ => m.best,
                };
                (Some(profile.services[best].name.clone()), None)
            }
        },
        None => (None, None),
    }
}

/// The profile's answers to the topics asked about, each once.
fn answers_text(
    topics: &[u::Topic],
    profile: &crate::domain::BusinessProfile,
    asked: &str,
) -> String {
    let mut out: Vec<String> = Vec::new();
    for t in topics {
        let a = super::knowledge::answer(t, profile);
        if !out.contains(&a) {
            out.push(a);
        }
    }
    let all = out.join(" ");
    if out.len() < 2 || all.chars().count() <= ANSWERS_BUDGET {
        return all;
    }
    // The words asked, and which of them the profile uses in one sentence only (a town, a
    // brand): those say most about which sentence answers. (Only when the answers must be cut.)
    let texts: Vec<String> = profile
        .faq
        .iter()
        .flat_map(|f| [f.q.as_str(), f.a.as_str()])
        .chain(
            profile
                .services
                .iter()
                .flat_map(|s| [s.name.as_str(), s.description.as_deref().unwrap_or("")]),
        )
        .flat_map(super::guard::sentences)
        .map(|t| {
            u::words(t)
                .iter()
                .map(|w| u::stem(w))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let asked: Vec<(String, bool)> = u::content_words(asked)
        .iter()
        .filter(|w| w.len() >= 4)
        .map(|w| {
            let st = u::stem(w);
            let places = texts
                .iter()
                .filter(|t| t.split(' ').any(|x| x == st))
                .count();
            (st, places <= 1)
        })
        .collect();
    fit_answers(&out, ANSWERS_BUDGET, &asked)
}

/// Room for the answers in a two-segment text, leaving some for what follows them.
const ANSWERS_BUDGET: usize = 260;

/// Two answers that together would not fit in a text: each keeps its leading sentences within
/// its share (at least its first), so both questions get answered rather than the second cut;
/// the sentence that answers what was asked is kept first ("do yall go out to gretna... is
/// there an extra charge" keeps "Gretna... have a $50 travel fee").
fn fit_answers(answers: &[String], budget: usize, asked: &[(String, bool)]) -> String {
    let all = answers.join(" ");
    if answers.len() < 2 || all.chars().count() <= budget {
        return all;
    }
    // (What a short answer leaves of its share goes to the longer ones: "We serve ..." and the
    // travel fee entry's "$25" both fit.)
    let share = budget / answers.len();
    let spare: usize = answers
        .iter()
        .map(|a| share.saturating_sub(a.chars().count() + 1))
        .sum();
    let long = answers
        .iter()
        .filter(|a| a.chars().count() + 1 > share)
        .count()
        .max(1);
    answers
        .iter()
        .map(|a| sentences_asked_for(a, share + spare / long, asked))
        .collect::<Vec<_>>()
        .join(" ")
}

/// An answer cut to `budget`: its leading sentences, unless that leaves out the sentence that
/// shares most with what was asked (`asked`: stems, and whether the profile uses the word in
/// one place only, which counts double); then that sentence, with the others in order as they
/// fit, in the answer's own order.
fn sentences_asked_for(answer: &str, budget: usize, asked: &[(String, bool)]) -> String {
    let leading = super::guard::leading_sentences(answer, budget, 40);
    let sentences = super::guard::sentences(answer);
    let score = |s: &str| -> usize {
        u::words(s)
            .iter()
            .map(|w| {
                let st = u::stem(w);
                asked
                    .iter()
                    .find(|(a, _)| *a == st)
                    .map_or(0, |(_, rare)| if *rare { 2 } else { 1 })
            })
            .sum()
    };
    let best = sentences
        .iter()
        .enumerate()
        .max_by_key(|(k, s)| (score(s), std::cmp::Reverse(*k)))
        .filter(|(_, s)| score(s) > 0);
    let Some((b, best)) = best else {
        return leading;
    };
    if leading.contains(best.trim()) {
        return leading;
    }
    let mut keep = vec![false; sentences.len()];
    keep[b] = true;
    let mut used = super::guard::sms_units(best);
    for (k, s) in sentences.iter().enumerate() {
        let units = super::guard::sms_units(s);
        if !keep[k] && used + units <= budget {
            keep[k] = true;
            used += units;
        }
    }
    sentences
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(s, _)| s.trim())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Record the move: answering from the profile (the state table decides where it leads).
async fn record_answer(turn: &mut Turn<'_>, text: &str) {
    if turn.current != State::Answering {
        let _ = turn
            .execute(ToolCall::AnswerFromProfile {
                topic: text.to_string(),
            })
            .await;
    }
}

/// A question the profile does not answer: say so honestly, record it, and let a person follow up.
async fn unanswered(turn: &mut Turn<'_>, text: &str) -> anyhow::Result<Option<String>> {
    // The same reading of the question as the rest of the turn: a text whose questions no
    // topic answers is not answered from a looser reading of the whole ("do yall do frontal
    // installs? ... for a wedding next weekend" is no question about the hours).
    // (A "yes, we do X" is no answer to a question we could not place: that is the false yes
    // this hand-off is for.)
    let topics = u::topics(text, &turn.business.profile);
    let offered = |t: &u::Topic| {
        matches!(
            t,
            u::Topic::Service {
                price_asked: false,
                ..
            }
        )
    };
    // (...nor from the single reading the answer tool makes: "Do you repair those, and would
    // someone come to the house?" of a grandfather clock is no "yes, we do watch batteries".)
    let only_offered = topics.iter().all(offered)
        || u::topic(text, &turn.business.profile).is_some_and(|t| offered(&t));
    if only_offered {
        return pass_to_team(turn, text, true).await;
    }
    if let Ok(Outcome::Answer(a)) = turn
        .execute(ToolCall::AnswerFromProfile {
            topic: text.to_string(),
        })
        .await
    {
        return Ok(Some(a));
    }
    pass_to_team(turn, text, false).await
}

/// A question we will not guess at, passed to the team as it is: no answer from the profile;
/// `noted` keeps it among the questions the owner sees unanswered.
async fn pass_to_team(
    turn: &mut Turn<'_>,
    text: &str,
    noted: bool,
) -> anyhow::Result<Option<String>> {
    if noted {
        turn.effects
            .unanswered
            .push(text.chars().take(300).collect());
    }
    hand_off(
        turn,
        "unanswered_question",
        "Good question - I don't want to guess. ",
    )
    .await
}

/// Ask once more; after two misunderstandings in a row, hand off.
async fn unsure(turn: &mut Turn<'_>, clarify: &str) -> anyhow::Result<Option<String>> {
    turn.details.unsure += 1;
    if turn.details.unsure >= 2 {
        return hand_off(turn, "unclear", "Sorry, I'm having trouble understanding. ").await;
    }
    Ok(Some(clarify.to_string()))
}

#[cfg(test)]
mod tests {
    use super::{hour_alone, hour_wished, Danger};

    #[test]
    fn an_hour_wished_is_a_time_of_day_not_a_number_of_things() {
        assert_eq!(
            hour_wished("today after school. like 4ish. 1/2 inch"),
            Some(16 * 60)
        );
        assert_eq!(hour_wished("around 10am if you can"), Some(10 * 60));
        assert_eq!(hour_wished("say 2:30?"), Some(14 * 60 + 30));
        assert_eq!(hour_wished("its been like 2 months"), None);
        assert_eq!(hour_wished("2 bedroom, 3 kids"), None);
        assert_eq!(hour_wished("we're at 12 oak st"), None);
        assert_eq!(hour_wished("anything but 4pm"), None);
    }

    #[test]
    fn an_hour_said_alone_is_an_hour() {
        assert_eq!(hour_alone("9 is good"), Some(9));
        assert_eq!(hour_alone("10 works for me"), Some(10));
        assert_eq!(hour_alone("9 dogs"), None);
        assert_eq!(hour_alone("42 is good"), None);
    }

    #[test]
    fn the_owner_asked_for_is_not_the_owners_work() {
        let ours = |t: &str| super::owner_as(t, Some("dale"), "your tech", true);
        assert_eq!(
            ours("Dale did our floors last week and they peeled"),
            "your tech did our floors last week and they peeled"
        );
        assert_eq!(
            ours("the detective said to ask for Dale. is Dale available?"),
            "the detective said to ask for Dale. is Dale available?"
        );
        assert_eq!(
            super::owner_as("is Dale around?", Some("dale"), "the owner", false),
            "is the owner around?"
        );
        // Asked after, not his work: "is Dale still running the place?"
        assert_eq!(
            ours("Dale still running the place? have him text me"),
            "Dale still running the place? have him text me"
        );
        assert_eq!(
            ours("Dale still hasnt sent the invoice"),
            "your tech still hasnt sent the invoice"
        );
    }

    #[test]
    fn a_long_referral_sends_the_sentences_about_this_danger() {
        let referral = "If you smell gas, leave the house and call 911 or the gas company from outside. \
            If a child swallowed weed killer or got it in their eyes, call Poison Control at 1-800-222-1222. \
            If a pet ate it, call your vet or the animal poison line at 888-426-4435. \
            If someone is badly hurt, call 911.";
        let pet = super::referral_for(
            referral,
            "my dog ate some of the fertilizer",
            Danger::Animal,
        )
        .unwrap();
        assert!(pet.contains("888-426-4435"), "{pet}");
        assert!(!pet.contains("smell gas"), "{pet}");
        let child =
            super::referral_for(referral, "my son swallowed weed killer", Danger::Medical).unwrap();
        assert!(child.contains("1-800-222-1222"), "{child}");
        let gas =
            super::referral_for(referral, "we hit the gas line digging", Danger::Gas).unwrap();
        assert!(gas.starts_with("If you smell gas"), "{gas}");
        // Nothing about this danger: none of it.
        assert_eq!(
            super::referral_for(referral, "the car brakes failed", Danger::Vehicle),
            None
        );
    }

    #[test]
    fn a_cut_answer_keeps_the_sentence_asked_about() {
        let trip = "No trip charge in Springfield, Riverton, Oak Hill, Maple Grove and Eastbrook. Fairview and Lakeside have a $35 travel fee.".to_string();
        let long =
            "Most visits take about two hours. We cover the floors and clean up after ourselves."
                .to_string();
        // Asked about Fairview (a town the profile names in one sentence), and a charge.
        let asked = [("fairview".to_string(), true), ("charg".to_string(), false)];
        let out = super::fit_answers(&[trip.clone(), long.clone()], 200, &asked);
        assert!(out.contains("$35"), "{out}");
        assert!(out.contains("two hours"), "{out}");
        // Nothing asked that a later sentence holds: the leading sentences, as before.
        let out = super::fit_answers(&[trip, long], 200, &[]);
        assert!(out.starts_with("No trip charge"), "{out}");
    }

    #[test]
    fn two_long_answers_both_fit() {
        let a = "We bring everything. We use plant-based products and HEPA vacuums. If you'd rather we use yours, leave them out on the counter by the sink.".to_string();
        let b = "Yes. We are licensed, bonded and insured for $2.5 million. Certificates on request, just ask us and we will email one within a day or so.".to_string();
        let out = super::fit_answers(&[a, b], 200, &[]);
        assert!(
            out.contains("plant-based") && out.contains("$2.5 million"),
            "{out}"
        );
        assert!(out.chars().count() <= 230, "{out}");
    }

    #[test]
    fn names_given_as_a_line_of_their_own_or_for_the_booking() {
        assert_eq!(
            crate::engine::understand::extract_name("hey its dana\ncan i get a cleaning friday"),
            Some("Dana".into())
        );
        assert_eq!(
            crate::engine::understand::extract_name("2 pls. put it under Rosa"),
            Some("Rosa".into())
        );
    }

    #[test]
    fn a_referral_too_long_to_send_keeps_what_to_do() {
        let long = "If your rabbit is not eating, has stopped pooping, is bleeding, breathing with its mouth open, had a seizure or may have eaten something toxic, call Cascade Animal ER (open 24/7) at 555-0100-2200 now and head in; for poisoning also call the animal poison line at 888-426-4435.";
        let short = super::shortened(long, super::REFERRAL_BUDGET);
        assert!(short.starts_with("Call Cascade Animal ER"), "{short}");
        assert!(short.contains("555-0100-2200"), "{short}");
        assert!(super::super::guard::sms_units(&short) <= super::REFERRAL_BUDGET);
        // Short enough already: kept whole.
        let plain = "If you smell gas, call 911.";
        assert_eq!(super::shortened(plain, super::REFERRAL_BUDGET), plain);
    }
}
