//! What the receptionist has learnt and offered in a conversation, kept as JSON beside its state.

use crate::calendar::Slot;
use crate::store::BookingId;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Details {
    pub service: Option<String>,
    pub description: Option<String>,
    pub address: Option<String>,
    pub name: Option<String>,
    pub urgency: Option<String>,
    /// Slots offered, numbered from 1 in the text.
    pub proposals: Vec<Slot>,
    /// The slot chosen and held, awaiting YES.
    pub chosen: Option<Slot>,
    /// The hold's and the booking's rows (bare numbers in the JSON).
    pub hold_id: Option<BookingId>,
    pub booking_id: Option<BookingId>,
    pub booked: Option<Slot>,
    /// Proposals are for moving the existing booking.
    pub rescheduling: bool,
    /// Clarifying questions asked in a row without understanding.
    pub unsure: u32,
    pub asked_address: bool,
    pub asked_name: bool,
    /// What the caller said about timing before slots were offered ("tomorrow morning").
    pub preference: Option<String>,
    /// Turns in a row on which the LLM failed (the built-in policy answered instead).
    pub llm_failures: u32,
    /// Services the caller's words fit nearly equally; the last question asked which one.
    pub candidates: Vec<String>,
    /// Times the address was asked for.
    pub address_asks: u32,
    /// A time picked before any were offered ("2 works", "the earliest one" while the address
    /// was asked): taken, and read back for a yes, when the times are offered.
    pub early_pick: Option<usize>,
    /// An hour said alone before any times were offered ("9 is good" after "this saturday
    /// morning?"): the offered time at that hour is read back for a yes.
    pub early_hour: Option<u32>,
    /// Searches in a row that found no open time: the second hands the thread to a person.
    pub no_times: u32,
    /// The address the caller gave in an earlier thread with the business: taken for an on-site
    /// visit (and said back with the times, so they can give another) instead of asking again.
    pub known_address: Option<String>,
}

/// What we already know of a caller from their earlier threads with the business.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Known {
    pub name: Option<String>,
    pub address: Option<String>,
}

impl Known {
    /// From the details of their earlier threads, newest first: the latest name and the latest
    /// address each was given (a thread that never got as far as the address still gave a name).
    pub fn from_earlier<S: AsRef<str>>(earlier: &[S]) -> Self {
        let parsed: Vec<Details> = earlier
            .iter()
            .map(|d| Details::parse(Some(d.as_ref())))
            .collect();
        Known {
            name: parsed.iter().find_map(|d| d.name.clone()),
            address: parsed.iter().find_map(|d| d.address.clone()),
        }
    }
}

impl Details {
    /// A new thread of a caller we know starts from what they told us before: their name is
    /// taken as said (they can still correct it); the address waits until a visit needs one.
    pub fn starting_from(known: Known) -> Self {
        Details {
            name: known.name,
            known_address: known.address,
            ..Details::default()
        }
    }

    pub fn parse(json: Option<&str>) -> Self {
        json.and_then(|j| serde_json::from_str(j).ok())
            .unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// One line for staff: "Drain cleaning at 12 Oak St for Jane".
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = &self.service {
            parts.push(s.clone());
        }
        if let Some(a) = &self.address {
            parts.push(format!("at {a}"));
        }
        if let Some(n) = &self.name {
            parts.push(format!("for {n}"));
        }
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booking_ids_stay_bare_numbers_in_the_stored_json() {
        let stored = r#"{"hold_id":41,"booking_id":7}"#;
        let d = Details::parse(Some(stored));
        assert_eq!(d.hold_id, Some(BookingId(41)));
        assert_eq!(d.booking_id, Some(BookingId(7)));
        let json = d.to_json();
        assert!(json.contains(r#""hold_id":41"#), "{json}");
        assert!(json.contains(r#""booking_id":7"#), "{json}");
    }

    #[test]
    fn what_we_know_is_the_latest_name_and_the_latest_address() {
        let earlier = [
            r#"{"service":"Leak repair"}"#,
            r#"{"name":"Jane Doe"}"#,
            r#"{"name":"Jane","address":"12 Oak St"}"#,
            r#"{"address":"1 Old Rd"}"#,
        ];
        let known = Known::from_earlier(&earlier);
        assert_eq!(known.name.as_deref(), Some("Jane Doe"));
        assert_eq!(known.address.as_deref(), Some("12 Oak St"));
        let d = Details::starting_from(known);
        assert_eq!(d.address, None, "not taken before a visit needs it");
        assert_eq!(d.known_address.as_deref(), Some("12 Oak St"));
        assert_eq!(Known::from_earlier::<&str>(&[]), Known::default());
    }
}
