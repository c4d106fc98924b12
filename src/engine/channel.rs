//! The channels a conversation runs on, and the words each needs. The decision is the engine's
//! on every channel; only how it is said differs: a text numbers the times and asks for a reply
//! ("Reply 1, 2 or 3"), speech says them in words and asks a question, with nothing that only
//! makes sense on a screen.

use crate::calendar::Slot;
use chrono_tz::Tz;

/// Where words go as soon as they may be said (a live call), while the turn is still being
/// decided: the model's words as they stream in, each checked before it is spoken.
pub type Speaker = tokio::sync::mpsc::UnboundedSender<String>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Channel {
    #[default]
    Sms,
    Voice,
}

impl Channel {
    /// A time as it is best said here: "Thu Dec 3, 10:00 AM" in a text, "Thursday, December 3
    /// at 10 AM" aloud.
    pub fn when(self, slot: Slot, tz: Tz) -> String {
        match self {
            Channel::Sms => slot.for_sms(tz),
            Channel::Voice => slot.for_speech(tz),
        }
    }

    /// Times on offer, and how to pick one.
    pub fn offer(self, lead: &str, slots: &[Slot], tz: Tz) -> String {
        let items: Vec<String> = slots
            .iter()
            .enumerate()
            .map(|(i, s)| match self {
                Channel::Sms => format!("{}) {}", i + 1, s.for_sms(tz)),
                Channel::Voice => s.for_speech(tz),
            })
            .collect();
        let joined = match items.len() {
            1 => items[0].clone(),
            n => format!("{} or {}", items[..n - 1].join(", "), items[n - 1]),
        };
        let pick = match (self, slots.len()) {
            (Channel::Sms, 1) => "Reply 1 to take it.".to_string(),
            (Channel::Sms, n) => {
                let choices: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
                format!(
                    "Reply {} or {}.",
                    choices[..n - 1].join(", "),
                    choices[n - 1]
                )
            }
            (Channel::Voice, 1) => "Does that work for you?".to_string(),
            (Channel::Voice, _) => "Which one works for you?".to_string(),
        };
        format!("{lead} {joined}. {pick}")
    }

    /// After a time is read back: how to say yes to it.
    pub fn confirm(self) -> &'static str {
        match self {
            Channel::Sms => "reply YES to confirm.",
            Channel::Voice => "shall I book it?",
        }
    }

    /// Asked again while a time waits for a yes.
    pub fn yes_to_book(self) -> &'static str {
        match self {
            Channel::Sms => "Just reply YES to book that time, or tell me another day or time.",
            Channel::Voice => "Just say yes to book that time, or tell me another day or time.",
        }
    }

    /// Asked again while times are on offer.
    pub fn which_time(self) -> &'static str {
        match self {
            Channel::Sms => {
                "Which of those times works? Reply with its number, or tell me another day."
            }
            Channel::Voice => "Which of those times works for you? Or tell me another day.",
        }
    }

    /// After a booking: where to go for changes.
    pub fn after_booking(self) -> &'static str {
        match self {
            Channel::Sms => "Reply here if you need to change it.",
            Channel::Voice => "I'll text you the details.",
        }
    }

    /// Said to someone who already has a booking.
    pub fn change_or_cancel(self) -> &'static str {
        match self {
            Channel::Sms => "Reply here if you need to change or cancel it.",
            Channel::Voice => "Would you like to change or cancel it?",
        }
    }

    /// How a person will get back to the caller.
    pub fn get_back(self) -> &'static str {
        match self {
            Channel::Sms => "text you back",
            Channel::Voice => "call you back",
        }
    }

    /// With the times for a caller we know: the service, and the address of their last visit,
    /// said back so they can give another instead of being asked again. The price gives way to a
    /// long address, so the times after it still fit the reply.
    pub fn same_address(self, service: &str, price: &str, address: &str) -> String {
        let other = match self {
            Channel::Sms => "if it's somewhere else, just send the address",
            Channel::Voice => "if it's somewhere else, just tell me",
        };
        let price = if address.chars().count() > 40 {
            ""
        } else {
            price
        };
        format!("Got it - {service}{price}, at {address} like last time ({other}). ")
    }

    /// The address changed while times are on offer or one waits for a yes.
    pub fn new_address(self, address: &str) -> String {
        format!("Thanks - the visit is at {address} then.")
    }

    /// Said at the end of a finished errand.
    pub fn come_again(self) -> &'static str {
        match self {
            Channel::Sms => "Text us anytime if you need us again.",
            Channel::Voice => "Call or text us anytime if you need us again.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speech_has_no_numbers_to_reply_with() {
        let tz: Tz = "America/New_York".parse().unwrap();
        let start = chrono::DateTime::parse_from_rfc3339("2026-12-03T15:00:00Z")
            .unwrap()
            .timestamp_millis();
        let slots = [
            Slot {
                start,
                end: start + 3_600_000,
            },
            Slot {
                start: start + 5_400_000,
                end: start + 9_000_000,
            },
        ];
        let sms = Channel::Sms.offer("I can do", &slots, tz);
        assert_eq!(
            sms,
            "I can do 1) Thu Dec 3, 10:00 AM or 2) Thu Dec 3, 11:30 AM. Reply 1 or 2."
        );
        let voice = Channel::Voice.offer("I can do", &slots, tz);
        assert_eq!(
            voice,
            "I can do Thursday, December 3 at 10 AM or Thursday, December 3 at 11:30 AM. Which one works for you?"
        );
        assert!(!voice.contains(')') && !voice.to_lowercase().contains("reply"));
    }
}
