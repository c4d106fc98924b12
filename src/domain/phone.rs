//! E.164 phone numbers, and the caller IDs that are not one.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A phone number in E.164 form: `+` then 8 to 15 digits, the first not zero.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let digits = raw.strip_prefix('+').ok_or_else(|| {
            format!("'{raw}' is not an E.164 phone number (it must start with +)")
        })?;
        let ok = (8..=15).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0');
        if ok {
            Ok(Self(raw.to_string()))
        } else {
            Err(format!(
                "'{raw}' is not an E.164 phone number (+ and 8 to 15 digits, e.g. +15550100200)"
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A friendlier rendering for texts: `+1 555-010-0200` for North American numbers.
    pub fn display_national(&self) -> String {
        let d = &self.0[1..];
        if d.len() == 11 && d.starts_with('1') {
            format!("({}) {}-{}", &d[1..4], &d[4..7], &d[7..])
        } else {
            self.0.clone()
        }
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<PhoneNumber> for String {
    fn from(value: PhoneNumber) -> Self {
        value.0
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a caller ID from the carrier turns out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallerId {
    Number(PhoneNumber),
    /// Withheld, anonymous, restricted, empty or not E.164: nobody to text.
    Withheld,
}

impl CallerId {
    pub fn parse(raw: &str) -> Self {
        match PhoneNumber::parse(raw.trim()) {
            Ok(n) => CallerId::Number(n),
            Err(_) => CallerId::Withheld,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_e164() {
        assert_eq!(
            PhoneNumber::parse("+15550100200").unwrap().as_str(),
            "+15550100200"
        );
        assert!(PhoneNumber::parse("+447700900123").is_ok());
    }

    #[test]
    fn rejects_non_e164() {
        for bad in [
            "5550100200",
            "+1 555 010 0200",
            "+0123456789",
            "+12",
            "",
            "+1555abc0200",
        ] {
            assert!(PhoneNumber::parse(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn withheld_caller_ids() {
        for raw in [
            "anonymous",
            "restricted",
            "",
            "+266696687",
            "Anonymous",
            "unknown",
        ] {
            let parsed = CallerId::parse(raw);
            if raw == "+266696687" {
                // Twilio's placeholder for a withheld number is still E.164-shaped; it is caught
                // by the text-back gate's withheld list, not here.
                assert!(matches!(parsed, CallerId::Number(_)));
            } else {
                assert_eq!(parsed, CallerId::Withheld, "{raw}");
            }
        }
    }

    #[test]
    fn national_display() {
        let n = PhoneNumber::parse("+15550100200").unwrap();
        assert_eq!(n.display_national(), "(555) 010-0200");
    }
}
