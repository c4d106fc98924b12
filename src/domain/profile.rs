//! The business profile: everything the receptionist knows about a business, as imported from TOML.
//!
//! Parsing is strict: unknown keys, bad time zones, malformed hours, numbers not in E.164 and
//! templates that do not render or do not fit one SMS are rejected with the path of the field.

use super::{hours::Hours, phone::PhoneNumber, sms_text};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessProfile {
    pub business: BusinessSection,
    #[serde(default)]
    pub textback: TextbackSection,
    #[serde(default)]
    pub hours: Hours,
    #[serde(default)]
    pub booking: BookingSection,
    #[serde(default)]
    pub services: Vec<Service>,
    #[serde(default)]
    pub faq: Vec<Faq>,
    #[serde(default)]
    pub escalation: EscalationSection,
    /// `[reminders]`: texts before each booking (default: one, 24 hours before).
    #[serde(default)]
    pub reminders: RemindersSection,
    /// `[quiet_hours]`: the business's own, narrower window for texts that are not answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quiet_hours: Option<QuietHoursSection>,
    #[serde(default, skip_serializing_if = "VoiceSection::is_default")]
    pub voice: VoiceSection,
    /// The profile as text, made once when first asked for ([`BusinessProfile::as_text`]),
    /// and what other layers derive from the profile ([`BusinessProfile::derived`]).
    #[serde(skip)]
    text: TextMemo,
}

/// A memo of the profile's text and derived data. Not part of the profile's value: equal
/// whatever it holds, and empty in a clone (a clone may be edited, and must not keep the
/// original's text).
#[derive(Default)]
struct TextMemo(
    std::sync::OnceLock<String>,
    std::sync::Mutex<Vec<std::sync::Arc<dyn std::any::Any + Send + Sync>>>,
);

impl Clone for TextMemo {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl PartialEq for TextMemo {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl fmt::Debug for TextMemo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("..")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessSection {
    pub name: String,
    pub timezone: TimeZone,
    pub phone_numbers: Vec<PhoneNumber>,
    #[serde(default)]
    pub forward_to: Vec<PhoneNumber>,
    #[serde(default = "default_ring_seconds")]
    pub ring_seconds: u32,
    #[serde(default)]
    pub service_area: String,
    #[serde(default)]
    pub about: String,
    /// The US state the business is in ("FL"), for the call-recording disclosure; when absent,
    /// read from its numbers' area codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// The carrier API the business's numbers are on: `twilio` (default) or `telnyx`.
    #[serde(default, skip_serializing_if = "ProviderKind::is_twilio")]
    pub provider: ProviderKind,
}

/// Which provider's API a business number is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProviderKind {
    #[default]
    Twilio,
    Telnyx,
}

impl ProviderKind {
    fn is_twilio(&self) -> bool {
        *self == ProviderKind::Twilio
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ProviderKind::Twilio => "twilio",
            ProviderKind::Telnyx => "telnyx",
        }
    }

    /// As stored (`business_numbers.provider`); anything unknown is Twilio, the default.
    pub fn parse(s: &str) -> Self {
        if s == "telnyx" {
            ProviderKind::Telnyx
        } else {
            ProviderKind::Twilio
        }
    }
}

/// `[reminders]`: how long before a booking each reminder text goes, e.g. `["24h", "2h"]` or
/// `["90m"]` (a number and `m`, `h` or `d`). Empty: no reminders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemindersSection {
    #[serde(default = "default_reminders")]
    pub before: Vec<String>,
}

impl Default for RemindersSection {
    fn default() -> Self {
        Self {
            before: default_reminders(),
        }
    }
}

fn default_reminders() -> Vec<String> {
    vec!["24h".to_string()]
}

/// The longest a reminder may go before its booking.
pub const MAX_REMINDER_MINUTES: i64 = 14 * 24 * 60;
/// Most reminders per booking.
pub const MAX_REMINDERS: usize = 5;

impl RemindersSection {
    /// The offsets in minutes, largest first, without repeats (the profile is validated).
    pub fn offsets_minutes(&self) -> Vec<i64> {
        let mut v: Vec<i64> = self
            .before
            .iter()
            .filter_map(|s| parse_reminder_offset(s).ok())
            .collect();
        v.sort_unstable_by(|a, b| b.cmp(a));
        v.dedup();
        v
    }
}

/// `"24h"`, `"90m"`, `"2d"` as minutes.
pub fn parse_reminder_offset(s: &str) -> Result<i64, String> {
    let t = s.trim();
    let unit = t.chars().last().unwrap_or(' ').to_ascii_lowercase();
    let per = match unit {
        'm' => 1,
        'h' => 60,
        'd' => 24 * 60,
        _ => {
            return Err(format!(
                "{s:?} is not a duration: write a number and m, h or d, like \"24h\" or \"90m\""
            ))
        }
    };
    let n: i64 = t[..t.len() - 1].trim().parse().map_err(|_| {
        format!("{s:?} is not a duration: write a number and m, h or d, like \"24h\" or \"90m\"")
    })?;
    let minutes = n.saturating_mul(per);
    if minutes < 1 {
        return Err(format!("{s:?} must be at least 1 minute"));
    }
    if minutes > MAX_REMINDER_MINUTES {
        return Err(format!("{s:?} is too long: at most 14 days (\"14d\")"));
    }
    Ok(minutes)
}

/// `[quiet_hours]`: texts that are not answers (reminders) go only between `start` and `end`
/// (local "HH:MM", in the recipient's zone), inside the fixed 08:00-20:00 that always applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuietHoursSection {
    pub start: String,
    pub end: String,
}

/// The window every text that is not an answer keeps to, in the recipient's local time.
pub const SEND_WINDOW: (u32, u32) = (8 * 60, 20 * 60);

fn parse_hhmm(s: &str) -> Option<u32> {
    let (h, m) = s.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then_some(h * 60 + m)
}

impl BusinessProfile {
    /// The window, in minutes after local midnight `[start, end)`, reminders are sent in.
    pub fn send_window(&self) -> (u32, u32) {
        let (mut start, mut end) = SEND_WINDOW;
        if let Some(q) = &self.quiet_hours {
            if let (Some(s), Some(e)) = (parse_hhmm(&q.start), parse_hhmm(&q.end)) {
                start = start.max(s);
                end = end.min(e);
            }
        }
        (start, end.max(start + 1))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextbackSection {
    #[serde(default = "default_textback")]
    pub message: String,
    #[serde(default = "default_after_hours")]
    pub after_hours_message: String,
    #[serde(default = "default_cooldown")]
    pub cooldown_minutes: u32,
    /// The text-back for a caller we know (a name or a booking on record), e.g. "Hi {{ caller.name }},
    /// sorry we missed you - is this about {{ booking.when }}'s {{ booking.service }}?". Optional:
    /// without it every caller gets `message` / `after_hours_message`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returning_message: Option<String>,
    /// Numbers that never get a text-back (optional; e.g. known spam callers or suppliers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub block_list: Vec<PhoneNumber>,
    /// One follow-up nudge this long after the text-back (`"3h"`, like `[reminders] before`) to a
    /// caller who has not answered, called again, opted out or been handled by staff since.
    /// Absent: no nudge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up_after: Option<String>,
    /// Ask Twilio Lookup whether a missed caller's number is a landline before texting it (each
    /// look-up costs money, so off by default). A landline caller gets no text-back; staff get a
    /// call-back task and one alert instead.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lookup: bool,
}

impl TextbackSection {
    /// The nudge's delay in minutes, `None` when off (the profile is validated).
    pub fn follow_up_minutes(&self) -> Option<i64> {
        self.follow_up_after
            .as_deref()
            .and_then(|s| parse_reminder_offset(s).ok())
    }
}

impl Default for TextbackSection {
    fn default() -> Self {
        Self {
            message: default_textback(),
            after_hours_message: default_after_hours(),
            cooldown_minutes: default_cooldown(),
            returning_message: None,
            block_list: Vec::new(),
            follow_up_after: None,
            lookup: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookingSection {
    #[serde(default)]
    pub calendar_feeds: Vec<String>,
    #[serde(default = "default_slot")]
    pub slot_minutes: u32,
    #[serde(default)]
    pub buffer_minutes: u32,
    #[serde(default = "default_notice")]
    pub min_notice_minutes: u32,
    #[serde(default = "default_horizon")]
    pub horizon_days: u32,
    #[serde(default = "default_proposals")]
    pub max_proposals: u32,
    /// Slots start on this grid, in minutes after midnight (optional; default 30).
    #[serde(default = "default_grid")]
    pub grid_minutes: u32,
    /// Where services happen unless a service says otherwise: `on_site` (default; the caller's
    /// address is needed) or `at_business` (a salon, a clinic).
    #[serde(default, skip_serializing_if = "is_on_site")]
    pub location: Location,
    /// Write each booking into the owner's own calendar over CalDAV (optional). Last: a table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caldav: Option<CaldavSection>,
}

/// `[booking.caldav]`: the owner's calendar collection bookings are written into. The password
/// is never part of the profile: it is read at send time from the environment variable named by
/// `password_env`, so an exported profile carries only that name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaldavSection {
    /// The calendar collection's address, e.g. `https://cal.example.com/dave/bookings/`.
    pub url: String,
    pub username: String,
    /// The name of the environment variable that holds the password, e.g. `DAVE_CALDAV_PASSWORD`.
    pub password_env: String,
}

impl CaldavSection {
    /// Every problem of the section, each naming its field.
    pub fn problems(&self) -> Vec<ProfileError> {
        let mut out = Vec::new();
        match reqwest::Url::parse(self.url.trim()) {
            Ok(u) if !matches!(u.scheme(), "https" | "http") => out.push(err(
                "booking.caldav.url",
                format!(
                    "uses {}://; a CalDAV calendar is an https:// address",
                    u.scheme()
                ),
            )),
            Ok(u) if u.host_str().is_none_or(str::is_empty) => {
                out.push(err("booking.caldav.url", "has no server name"))
            }
            Ok(u) if !u.username().is_empty() || u.password().is_some() => out.push(err(
                "booking.caldav.url",
                "must not contain a user name or password (use username and password_env)",
            )),
            Ok(u) if u.query().is_some() || u.fragment().is_some() => out.push(err(
                "booking.caldav.url",
                "must be the calendar collection's address, without ? or #",
            )),
            Ok(_) => {}
            Err(_) => out.push(err(
                "booking.caldav.url",
                "is not a valid address (e.g. https://cal.example.com/dave/bookings/)",
            )),
        }
        if self.username.trim().is_empty() {
            out.push(err("booking.caldav.username", "must not be empty"));
        } else if self.username.chars().any(|c| c == ':' || c.is_control()) {
            out.push(err(
                "booking.caldav.username",
                "must not contain ':' or control characters",
            ));
        }
        if !is_env_var_name(&self.password_env) {
            out.push(err(
                "booking.caldav.password_env",
                "must be the name of an environment variable (letters, digits and _, not starting \
                 with a digit, e.g. DAVE_CALDAV_PASSWORD), not the password itself",
            ));
        }
        out
    }
}

/// `NAME_2`: ASCII letters, digits and underscores, not starting with a digit, at most 128.
pub fn is_env_var_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.len() <= 128
}

fn is_on_site(l: &Location) -> bool {
    *l == Location::OnSite
}

impl Default for BookingSection {
    fn default() -> Self {
        Self {
            calendar_feeds: Vec::new(),
            slot_minutes: default_slot(),
            buffer_minutes: 0,
            min_notice_minutes: default_notice(),
            horizon_days: default_horizon(),
            max_proposals: default_proposals(),
            grid_minutes: default_grid(),
            location: Location::OnSite,
            caldav: None,
        }
    }
}

/// A service's name as said inside a sentence ("Got it - ankle-foot orthosis (AFO) fitting"):
/// lower case, except a word written with more than its first letter in capitals, an acronym or
/// a brand ("AFO", "CPAP", "iPhone"), which keeps its own spelling.
pub fn in_sentence(name: &str) -> String {
    // (Each part of a hyphenated word on its own: "Tune-Up" is title case, "X-Ray" too.)
    let part = |w: &str| {
        let inner_capital = w
            .chars()
            .filter(|c| c.is_alphabetic())
            .skip(1)
            .any(char::is_uppercase);
        if inner_capital {
            w.to_string()
        } else {
            w.to_lowercase()
        }
    };
    name.split(' ')
        .map(|w| w.split('-').map(part).collect::<Vec<_>>().join("-"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub name: String,
    pub duration_minutes: Option<u32>,
    pub price: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Other words callers use for this service ("checkup", "tune-up"); optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Where this service happens, when it differs from `booking.location`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

/// Where the work happens: at the caller's place (an address is needed to book) or at the business.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    #[default]
    OnSite,
    AtBusiness,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faq {
    pub q: String,
    pub a: String,
    /// Other words callers use when they ask this ("visa", "amex"); optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
}

/// Who answers a call (`[voice]`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoiceSection {
    /// `off` (default): a missed call gets the text-back. `ai`: the receptionist answers it.
    #[serde(default)]
    pub answer: VoiceAnswer,
    /// Where a call the receptionist hands over is put through (default: `business.forward_to`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transfer_to: Vec<PhoneNumber>,
    /// Say that the call is automated and transcribed: `auto` (default: where the business's or
    /// the caller's state requires all-party consent), `always` or `never`.
    #[serde(default)]
    pub disclosure: Disclosure,
    /// `relay` (default): ConversationRelay over a WebSocket. `gather`: plain `<Gather
    /// input="speech">` webhooks, turn by turn (no ConversationRelay needed on the account).
    #[serde(default)]
    pub engine: VoiceEngine,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VoiceEngine {
    #[default]
    Relay,
    Gather,
}

impl VoiceSection {
    fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VoiceAnswer {
    #[default]
    Off,
    Ai,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Disclosure {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationSection {
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub notify: Vec<PhoneNumber>,
    /// Where to send someone in danger or needing urgent care the business cannot give by text
    /// ("For pet emergencies after hours call Metro Animal ER at 555-0142"); optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emergency_referral: Option<String>,
    /// The business takes emergency jobs outside its hours (the notify numbers are alerted at
    /// once and the caller is told so); optional, also read from an FAQ answer promising 24/7.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub after_hours_emergencies: bool,
}

/// Longest emergency referral. A long one may cover several dangers; the receptionist sends the
/// sentences about the caller's danger, so the text stays within two segments.
pub const MAX_REFERRAL_CHARS: usize = 800;

fn default_ring_seconds() -> u32 {
    20
}
fn default_textback() -> String {
    "Sorry we missed you - this is {{ business.name }}. What do you need help with?".into()
}
fn default_after_hours() -> String {
    "Thanks for calling {{ business.name }}. We're closed right now, but reply here and we'll get you on the schedule.".into()
}
fn default_cooldown() -> u32 {
    60
}
fn default_slot() -> u32 {
    60
}
fn default_notice() -> u32 {
    120
}
fn default_horizon() -> u32 {
    14
}
fn default_proposals() -> u32 {
    3
}
fn default_grid() -> u32 {
    30
}

/// An IANA time zone name such as `America/New_York`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeZone(pub Tz);

impl TryFrom<String> for TimeZone {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        // The names owners use for US zones ("Eastern", "Pacific Time", "CST") mean the zone.
        let plain = value
            .trim()
            .trim_end_matches(" Time")
            .trim_end_matches(" time")
            .to_ascii_lowercase();
        let us = match plain.as_str() {
            "eastern" | "et" | "est" | "edt" => Some(chrono_tz::America::New_York),
            "central" | "ct" | "cst" | "cdt" => Some(chrono_tz::America::Chicago),
            "mountain" | "mt" | "mst" | "mdt" => Some(chrono_tz::America::Denver),
            "arizona" => Some(chrono_tz::America::Phoenix),
            "pacific" | "pt" | "pst" | "pdt" => Some(chrono_tz::America::Los_Angeles),
            "alaska" | "akst" | "akdt" => Some(chrono_tz::America::Anchorage),
            "hawaii" | "hst" => Some(chrono_tz::Pacific::Honolulu),
            _ => None,
        };
        if let Some(tz) = us {
            return Ok(TimeZone(tz));
        }
        value.trim().parse::<Tz>().map(TimeZone).map_err(|_| {
            format!("unknown time zone '{value}' (use an IANA name like America/New_York)")
        })
    }
}

impl From<TimeZone> for String {
    fn from(value: TimeZone) -> Self {
        value.0.name().to_string()
    }
}

/// Why a profile was refused: the field at fault and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    pub field: String,
    pub message: String,
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() || self.field == "." {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for ProfileError {}

fn err(field: impl Into<String>, message: impl Into<String>) -> ProfileError {
    ProfileError {
        field: field.into(),
        message: message.into(),
    }
}

/// Longest text-back allowed: one GSM-7 segment.
pub const TEXTBACK_MAX_CHARS: usize = 160;

impl BusinessProfile {
    /// Parse and validate a profile from TOML text.
    pub fn from_toml(text: &str) -> Result<Self, ProfileError> {
        let de = toml::Deserializer::new(text);
        let profile: BusinessProfile = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let mut message = inner.message().to_string();
            if let Some(span) = inner.span() {
                let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                message = format!("{message} (line {line})");
            }
            err(path, message)
        })?;
        profile.validate()?;
        Ok(profile)
    }

    pub fn from_json(text: &str) -> Result<Self, ProfileError> {
        serde_json::from_str(text)
            .map_err(|e| err("", format!("stored profile is unreadable: {e}")))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }

    /// The whole profile as text (its TOML), what the grounding check compares replies with.
    /// Made once per profile value; a cached profile (see `store::businesses`) keeps it.
    pub fn as_text(&self) -> &str {
        self.text.0.get_or_init(|| self.to_toml())
    }

    /// What `make` derives from this profile (one value per type), made once per profile value:
    /// a cached profile (see `store::businesses`) keeps it, so work that depends on the profile
    /// alone (the FAQ's search index) is not redone on every turn.
    pub fn derived<T: std::any::Any + Send + Sync>(
        &self,
        make: impl FnOnce(&Self) -> T,
    ) -> std::sync::Arc<T> {
        let slots = || self.text.1.lock().unwrap_or_else(|e| e.into_inner());
        let find = |slots: &[std::sync::Arc<dyn std::any::Any + Send + Sync>]| {
            // The type is asked first: no reference counted for each slot passed over.
            slots
                .iter()
                .find(|a| (***a).is::<T>())
                .and_then(|a| a.clone().downcast::<T>().ok())
        };
        if let Some(found) = find(&slots()) {
            return found;
        }
        // Made without the lock held (`make` may ask for other derived values); if another
        // thread made it meanwhile, theirs is kept.
        let made = std::sync::Arc::new(make(self));
        let mut slots = slots();
        if let Some(found) = find(&slots) {
            return found;
        }
        slots.push(made.clone());
        made
    }

    /// The number texts to callers are sent from: the first provider number.
    pub fn sending_number(&self) -> Option<&str> {
        self.business.phone_numbers.first().map(|n| n.as_str())
    }

    /// Whether booking `service` needs the caller's address (the work happens on site).
    pub fn needs_address(&self, service: Option<&str>) -> bool {
        let own = service.and_then(|n| self.services.iter().find(|s| s.name == n));
        own.and_then(|s| s.location)
            .unwrap_or(self.booking.location)
            == Location::OnSite
    }

    pub fn tz(&self) -> Tz {
        self.business.timezone.0
    }

    /// Cross-field checks that serde alone cannot express; the first problem.
    pub fn validate(&self) -> Result<(), ProfileError> {
        match self.problems().into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Every problem of the profile at once, in the order of its sections (an owner fixes them
    /// all in one go). Too-large lists or fields are reported alone: nothing else is checked on
    /// a profile that size.
    pub fn problems(&self) -> Vec<ProfileError> {
        if let Err(e) = self.check_sizes() {
            return vec![e];
        }
        let mut out: Vec<ProfileError> = Vec::new();
        if let Some(r) = &self.escalation.emergency_referral {
            // It goes into the danger reply with a line saying who was alerted: two segments.
            if sms_text::measure(&sms_text::normalize(r)).units > MAX_REFERRAL_CHARS {
                out.push(err(
                    "escalation.emergency_referral",
                    format!("must be at most {MAX_REFERRAL_CHARS} characters (the sentences about the caller's danger are texted to them)"),
                ));
            }
        }
        let b = &self.business;
        if let Some(state) = &b.state {
            let t = state.trim();
            if t.len() != 2 || !t.chars().all(|c| c.is_ascii_alphabetic()) {
                out.push(err(
                    "business.state",
                    "must be a two-letter US state code, like \"FL\"",
                ));
            }
        }
        if b.name.trim().is_empty() {
            out.push(err("business.name", "must not be empty"));
        }
        if b.name.chars().count() > 60 {
            out.push(err(
                "business.name",
                "must be at most 60 characters (it goes into texts)",
            ));
        }
        if b.phone_numbers.is_empty() {
            out.push(err(
                "business.phone_numbers",
                "at least one provider number is needed to route calls and texts",
            ));
        }
        for (i, n) in b.phone_numbers.iter().enumerate() {
            if b.phone_numbers[..i].contains(n) {
                out.push(err(
                    format!("business.phone_numbers[{i}]"),
                    format!("{n} is listed twice"),
                ));
            }
        }
        if !b.forward_to.is_empty() && !(5..=120).contains(&b.ring_seconds) {
            out.push(err("business.ring_seconds", "must be between 5 and 120"));
        }
        for (i, n) in b.forward_to.iter().enumerate() {
            if b.phone_numbers.contains(n) {
                out.push(err(
                    format!("business.forward_to[{i}]"),
                    format!(
                        "{n} is one of the business's own provider numbers (the call would loop)"
                    ),
                ));
            }
        }
        if self.reminders.before.len() > MAX_REMINDERS {
            out.push(err(
                "reminders.before",
                format!(
                    "has {} entries; at most {MAX_REMINDERS} are allowed",
                    self.reminders.before.len()
                ),
            ));
        }
        let mut seen = Vec::new();
        for (i, d) in self.reminders.before.iter().enumerate() {
            match parse_reminder_offset(d) {
                Ok(m) if seen.contains(&m) => out.push(err(
                    format!("reminders.before[{i}]"),
                    format!("{d:?} is the same time as an earlier entry"),
                )),
                Ok(m) => seen.push(m),
                Err(e) => out.push(err(format!("reminders.before[{i}]"), e)),
            }
        }
        if let Some(q) = &self.quiet_hours {
            let (lo, hi) = SEND_WINDOW;
            let parsed = [("start", &q.start), ("end", &q.end)].map(|(name, v)| {
                let field = format!("quiet_hours.{name}");
                match parse_hhmm(v) {
                    None => {
                        out.push(err(&field, format!("{v:?} is not a time: write HH:MM, like \"09:00\"")));
                        None
                    }
                    Some(m) if m < lo || m > hi => {
                        out.push(err(&field, format!("{v:?} is outside 08:00-20:00: reminders never go earlier or later than that, so the window can only be narrower")));
                        None
                    }
                    Some(m) => Some(m),
                }
            });
            if let [Some(s), Some(e)] = parsed {
                if s >= e {
                    out.push(err(
                        "quiet_hours.end",
                        format!("{:?} must be later than start ({:?})", q.end, q.start),
                    ));
                }
            }
        }
        if self.textback.cooldown_minutes > 60 * 24 * 30 {
            out.push(err(
                "textback.cooldown_minutes",
                "must be at most 43200 (30 days)",
            ));
        }
        if let Some(d) = &self.textback.follow_up_after {
            if let Err(e) = parse_reminder_offset(d) {
                out.push(err("textback.follow_up_after", e));
            }
        }
        for (field, template) in [
            ("textback.message", &self.textback.message),
            (
                "textback.after_hours_message",
                &self.textback.after_hours_message,
            ),
        ] {
            // (One problem per template: open and closed usually fail the same way.)
            for open_now in [true, false] {
                let checked = render_sms_template(template, self, open_now)
                    .and_then(|text| check_fits_one_sms(&text));
                if let Err(e) = checked {
                    out.push(err(field, e));
                    break;
                }
            }
        }
        if let Some(template) = &self.textback.returning_message {
            let caller = CallerFacts::longest_for(self);
            for open_now in [true, false] {
                let checked = render_sms_template_for(template, self, open_now, &caller)
                    .and_then(|text| check_fits_one_sms(&text));
                if let Err(e) = checked {
                    out.push(err(
                        "textback.returning_message",
                        format!("{e} (checked with a long name, date and service)"),
                    ));
                    break;
                }
            }
        }
        let bk = &self.booking;
        if !(5..=24 * 60).contains(&bk.slot_minutes) {
            out.push(err("booking.slot_minutes", "must be between 5 and 1440"));
        }
        if !(1..=365).contains(&bk.horizon_days) {
            out.push(err("booking.horizon_days", "must be between 1 and 365"));
        }
        if !(1..=10).contains(&bk.max_proposals) {
            out.push(err("booking.max_proposals", "must be between 1 and 10"));
        }
        if !(5..=240).contains(&bk.grid_minutes) || 1440 % bk.grid_minutes != 0 {
            out.push(err(
                "booking.grid_minutes",
                "must divide a day evenly and be between 5 and 240 (e.g. 15, 30, 60)",
            ));
        }
        if bk.buffer_minutes > 24 * 60 {
            out.push(err("booking.buffer_minutes", "must be at most 1440"));
        }
        for (i, feed) in bk.calendar_feeds.iter().enumerate() {
            if feed.trim().is_empty() {
                out.push(err(
                    format!("booking.calendar_feeds[{i}]"),
                    "must not be empty",
                ));
            }
        }
        if let Some(c) = &bk.caldav {
            out.extend(c.problems());
        }
        for (i, s) in self.services.iter().enumerate() {
            if s.name.trim().is_empty() {
                out.push(err(
                    format!("services[{i}].name"),
                    "give the service a name",
                ));
            }
            if self.services[..i]
                .iter()
                .any(|o| o.name.eq_ignore_ascii_case(&s.name))
            {
                out.push(err(
                    format!("services[{i}].name"),
                    format!("'{}' is listed twice", s.name),
                ));
            }
            if let Some(d) = s.duration_minutes {
                if !(5..=24 * 60).contains(&d) {
                    out.push(err(
                        format!("services[{i}].duration_minutes"),
                        "must be between 5 and 1440",
                    ));
                }
            }
        }
        for (i, f) in self.faq.iter().enumerate() {
            if f.q.trim().is_empty() {
                out.push(err(format!("faq[{i}].q"), "write the question"));
            }
            if f.a.trim().is_empty() {
                out.push(err(
                    format!("faq[{i}].a"),
                    "write the answer the receptionist should give",
                ));
            }
        }
        for (i, k) in self.escalation.keywords.iter().enumerate() {
            if k.trim().is_empty() {
                out.push(err(
                    format!("escalation.keywords[{i}]"),
                    "must not be empty",
                ));
            }
        }
        out
    }

    /// Is the business open at this instant (in its own time zone, closed dates included)?
    pub fn is_open_at(&self, at: chrono::DateTime<chrono::Utc>) -> bool {
        let local = at.with_timezone(&self.tz());
        self.hours.is_open_at(local.date_naive(), local.time())
    }

    /// Every number that belongs to the business or its people: never texted a text-back.
    pub fn internal_numbers(&self) -> impl Iterator<Item = &PhoneNumber> {
        self.business
            .phone_numbers
            .iter()
            .chain(&self.business.forward_to)
            .chain(&self.escalation.notify)
    }
}

pub use super::sms_template::MAX_TEMPLATE_CHARS;

/// Most services, FAQ entries, keywords per entry, escalation keywords, notify numbers and feeds
/// a profile may have, and the longest text field: every caller's text is weighed against all
/// of them, so one profile cannot make its business's turns (and the shared workers) slow.
pub const MAX_SERVICES: usize = 100;
pub const MAX_FAQ: usize = 200;
pub const MAX_KEYWORDS: usize = 30;
pub const MAX_LIST: usize = 50;
pub const MAX_FEEDS: usize = 10;
pub const MAX_FIELD_CHARS: usize = 2000;

impl BusinessProfile {
    fn check_sizes(&self) -> Result<(), ProfileError> {
        let count = |field: &str, n: usize, max: usize| {
            if n > max {
                Err(err(
                    field,
                    format!("has {n} entries; at most {max} are allowed"),
                ))
            } else {
                Ok(())
            }
        };
        let long = |field: String, text: &str| {
            let n = text.chars().count();
            if n > MAX_FIELD_CHARS {
                Err(err(
                    field,
                    format!("is {n} characters; at most {MAX_FIELD_CHARS} are allowed"),
                ))
            } else {
                Ok(())
            }
        };
        count("services", self.services.len(), MAX_SERVICES)?;
        count("faq", self.faq.len(), MAX_FAQ)?;
        count(
            "escalation.keywords",
            self.escalation.keywords.len(),
            MAX_LIST,
        )?;
        count("escalation.notify", self.escalation.notify.len(), MAX_LIST)?;
        count(
            "business.phone_numbers",
            self.business.phone_numbers.len(),
            MAX_LIST,
        )?;
        count(
            "business.forward_to",
            self.business.forward_to.len(),
            MAX_LIST,
        )?;
        count(
            "booking.calendar_feeds",
            self.booking.calendar_feeds.len(),
            MAX_FEEDS,
        )?;
        long("business.name".into(), &self.business.name)?;
        if let Some(c) = &self.booking.caldav {
            long("booking.caldav.url".into(), &c.url)?;
            long("booking.caldav.username".into(), &c.username)?;
        }
        long("business.service_area".into(), &self.business.service_area)?;
        long("business.about".into(), &self.business.about)?;
        for (i, f) in self.booking.calendar_feeds.iter().enumerate() {
            long(format!("booking.calendar_feeds[{i}]"), f)?;
        }
        for (i, k) in self.escalation.keywords.iter().enumerate() {
            long(format!("escalation.keywords[{i}]"), k)?;
        }
        for (i, sv) in self.services.iter().enumerate() {
            long(format!("services[{i}].name"), &sv.name)?;
            long(
                format!("services[{i}].price"),
                sv.price.as_deref().unwrap_or(""),
            )?;
            long(
                format!("services[{i}].description"),
                sv.description.as_deref().unwrap_or(""),
            )?;
            count(
                &format!("services[{i}].keywords"),
                sv.keywords.len(),
                MAX_KEYWORDS,
            )?;
            for (k, w) in sv.keywords.iter().enumerate() {
                long(format!("services[{i}].keywords[{k}]"), w)?;
            }
        }
        for (i, f) in self.faq.iter().enumerate() {
            long(format!("faq[{i}].q"), &f.q)?;
            long(format!("faq[{i}].a"), &f.a)?;
            count(
                &format!("faq[{i}].keywords"),
                f.keywords.len(),
                MAX_KEYWORDS,
            )?;
            for (k, w) in f.keywords.iter().enumerate() {
                long(format!("faq[{i}].keywords[{k}]"), w)?;
            }
        }
        Ok(())
    }
}

/// Render an SMS template (variables and `{% if %}` only, see `sms_template`) and normalise it
/// to plain GSM-7 text.
/// What a text-back may say about a caller we know (empty for a new caller).
#[derive(Debug, Default, Clone)]
pub struct CallerFacts {
    /// Their first name.
    pub name: String,
    /// Their upcoming (or recent) booking's day as said in a text ("tomorrow", "Thursday",
    /// "Dec 20"), and its service.
    pub booking_when: String,
    pub booking_service: String,
}

impl CallerFacts {
    /// Anything to say: a name or a booking.
    pub fn known(&self) -> bool {
        !self.name.is_empty() || !self.booking_when.is_empty()
    }

    /// Does the template say nothing about this caller that we do not know? ("Hi {{ caller.name }}"
    /// is for a caller whose name we have; "{% if caller.name %}" copes without.)
    pub fn fill(&self, template: &str) -> bool {
        let Ok(t) = super::sms_template::Template::parse(template) else {
            return false;
        };
        t.unguarded().iter().all(|v| match *v {
            "caller.name" => !self.name.is_empty(),
            "booking.when" | "booking.service" => !self.booking_when.is_empty(),
            _ => true,
        })
    }

    /// A caller with everything known, the longest the profile allows (for checking that a
    /// returning caller's text still fits one SMS).
    pub fn longest_for(profile: &BusinessProfile) -> Self {
        let service = profile
            .services
            .iter()
            .map(|s| s.name.as_str())
            .max_by_key(|n| n.chars().count())
            .unwrap_or("appointment");
        Self {
            name: "Alexandria".into(),
            booking_when: "Wednesday".into(),
            booking_service: service.to_lowercase(),
        }
    }
}

pub fn render_sms_template(
    template: &str,
    profile: &BusinessProfile,
    open_now: bool,
) -> Result<String, String> {
    render_sms_template_for(template, profile, open_now, &CallerFacts::default())
}

/// The template rendered for a particular caller (their name and booking, when known).
pub fn render_sms_template_for(
    template: &str,
    profile: &BusinessProfile,
    open_now: bool,
    caller: &CallerFacts,
) -> Result<String, String> {
    let phone = profile
        .business
        .phone_numbers
        .first()
        .map(|n| n.display_national())
        .unwrap_or_default();
    let rendered =
        super::sms_template::Template::parse(template)?.render(&super::sms_template::Values {
            name: &profile.business.name,
            service_area: &profile.business.service_area,
            about: &profile.business.about,
            phone: &phone,
            open_now,
            caller_name: &caller.name,
            booking_when: &caller.booking_when,
            booking_service: &caller.booking_service,
        })?;
    let text = sms_text::normalize(&rendered);
    if text.is_empty() {
        return Err("template renders to an empty text".into());
    }
    Ok(text)
}

/// A text-back must fit one SMS: at most 160 GSM-7 characters.
pub fn check_fits_one_sms(text: &str) -> Result<(), String> {
    let size = sms_text::measure(text);
    match size.encoding {
        sms_text::Encoding::Gsm7 if size.units <= TEXTBACK_MAX_CHARS => Ok(()),
        sms_text::Encoding::Gsm7 => Err(format!(
            "renders to {} characters; a text-back must fit one SMS ({} characters)",
            size.units, TEXTBACK_MAX_CHARS
        )),
        sms_text::Encoding::Ucs2 => {
            let bad: String = text
                .chars()
                .filter(|c| !sms_text::is_gsm_char(*c))
                .take(5)
                .collect();
            Err(format!(
                "contains characters outside the GSM-7 SMS alphabet ({bad}); they would make every text cost more and split it"
            ))
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn us_zone_names_owners_use() {
        for (typed, iana) in [
            ("Eastern", "America/New_York"),
            ("Pacific Time", "America/Los_Angeles"),
            ("CST", "America/Chicago"),
            ("arizona", "America/Phoenix"),
            (" America/Denver ", "America/Denver"),
        ] {
            let tz = TimeZone::try_from(typed.to_string()).unwrap();
            assert_eq!(tz.0.name(), iana, "{typed}");
        }
        assert!(TimeZone::try_from("Europe/Gondor".to_string()).is_err());
    }
    use super::*;

    #[test]
    fn a_service_in_a_sentence_keeps_its_acronyms() {
        assert_eq!(in_sentence("Drain cleaning"), "drain cleaning");
        assert_eq!(
            in_sentence("Ankle-foot orthosis (AFO) fitting"),
            "ankle-foot orthosis (AFO) fitting"
        );
        assert_eq!(in_sentence("EV charger install"), "EV charger install");
        assert_eq!(in_sentence("iPad screen repair"), "iPad screen repair");
        assert_eq!(in_sentence("Furnace Tune-Up"), "furnace tune-up");
    }

    const EXAMPLE: &str = include_str!("../../examples/daves-plumbing.toml");

    #[test]
    fn every_problem_at_once_and_the_returning_text_checked_at_its_longest() {
        let bad = EXAMPLE
            .replacen("slot_minutes = 60", "slot_minutes = 1", 1)
            .replacen(
                "cooldown_minutes = 60",
                &format!(
                    "cooldown_minutes = 60\nreturning_message = \"Hi {{{{ caller.name }}}}, {} {{{{ booking.service }}}}\"",
                    "x".repeat(140)
                ),
                1,
            );
        let p: BusinessProfile = toml::from_str(&bad).unwrap();
        let problems = p.problems();
        let fields: Vec<&str> = problems.iter().map(|e| e.field.as_str()).collect();
        assert!(
            fields.contains(&"textback.returning_message"),
            "{problems:?}"
        );
        assert!(fields.contains(&"booking.slot_minutes"), "{problems:?}");
        assert_eq!(p.validate().unwrap_err().field, fields[0]);
        // A fitting returning text renders what we know, and nothing for a caller we do not.
        let ok = EXAMPLE.replacen(
            "cooldown_minutes = 60",
            "cooldown_minutes = 60\nreturning_message = \"Hi{% if caller.name %} {{ caller.name }}{% endif %}, sorry we missed you\"",
            1,
        );
        let p = BusinessProfile::from_toml(&ok).unwrap();
        let t = p.textback.returning_message.as_deref().unwrap();
        let jane = CallerFacts {
            name: "Jane".into(),
            ..CallerFacts::default()
        };
        assert_eq!(
            render_sms_template_for(t, &p, true, &jane).unwrap(),
            "Hi Jane, sorry we missed you"
        );
        assert_eq!(
            render_sms_template(t, &p, true).unwrap(),
            "Hi, sorry we missed you"
        );
    }

    #[test]
    fn templates_cannot_read_the_environment_or_loop_forever() {
        std::env::set_var("FRONTDESK_TEMPLATE_SECRET", "s3cret-value");
        let p = BusinessProfile::from_toml(EXAMPLE).unwrap();
        for t in [
            "{{ get_env(name=\"FRONTDESK_TEMPLATE_SECRET\") }}",
            "{% for i in range(end=1000000000) %}x{% endfor %}",
            "{{ now() }}",
        ] {
            let out = render_sms_template(t, &p, true);
            assert!(out.is_err(), "{t} rendered: {out:?}");
            assert!(!format!("{out:?}").contains("s3cret-value"));
        }
        assert!(render_sms_template(&"x".repeat(1001), &p, true).is_err());
        assert_eq!(
            render_sms_template("Hi from {{ business.name }}", &p, true).unwrap(),
            "Hi from Dave's Plumbing"
        );
    }

    #[test]
    fn example_profile_parses() {
        let p = BusinessProfile::from_toml(EXAMPLE).unwrap();
        assert_eq!(p.business.name, "Dave's Plumbing");
        assert_eq!(p.tz(), chrono_tz::America::New_York);
        assert_eq!(p.services.len(), 3);
        assert_eq!(p.faq.len(), 4);
        assert_eq!(p.hours.mon.ranges().len(), 2);
        assert!(p.hours.sun.is_closed());
    }

    #[test]
    fn export_round_trips() {
        let p = BusinessProfile::from_toml(EXAMPLE).unwrap();
        let again = BusinessProfile::from_toml(&p.to_toml()).unwrap();
        assert_eq!(p, again);
        let from_json = BusinessProfile::from_json(&p.to_json()).unwrap();
        assert_eq!(p, from_json);
    }

    #[test]
    fn the_voice_section_parses_round_trips_and_names_bad_fields() {
        let text = format!(
            "{}\n[voice]\nanswer = \"ai\"\ntransfer_to = [\"+15550100300\"]\ndisclosure = \"always\"\n",
            EXAMPLE.replace("[business]", "[business]\nstate = \"FL\"")
        );
        let p = BusinessProfile::from_toml(&text).unwrap();
        assert_eq!(p.voice.answer, VoiceAnswer::Ai);
        assert_eq!(p.voice.disclosure, Disclosure::Always);
        assert_eq!(p.business.state.as_deref(), Some("FL"));
        assert_eq!(BusinessProfile::from_json(&p.to_json()).unwrap(), p);
        // Off by default, and not written out when off.
        let plain = BusinessProfile::from_toml(EXAMPLE).unwrap();
        assert_eq!(plain.voice.answer, VoiceAnswer::Off);
        assert!(!plain.to_toml().contains("[voice]"));
        let bad = rejected(|e| format!("{e}\n[voice]\nanswer = \"maybe\"\n"));
        assert!(bad.to_string().contains("voice"), "{bad}");
        let bad = rejected(|e| e.replace("[business]", "[business]\nstate = \"Florida\""));
        assert_eq!(bad.field, "business.state");
    }

    fn with_caldav(url: &str, username: &str, password_env: &str) -> String {
        format!(
            "{EXAMPLE}\n[booking.caldav]\nurl = {url:?}\nusername = {username:?}\npassword_env = {password_env:?}\n"
        )
    }

    #[test]
    fn caldav_section_parses_exports_no_password_and_names_each_bad_field() {
        let text = with_caldav(
            "https://cal.example.com/dave/bookings/",
            "dave",
            "DAVE_CALDAV_PW",
        );
        let p = BusinessProfile::from_toml(&text).unwrap();
        let c = p.booking.caldav.as_ref().unwrap();
        assert_eq!(
            (c.url.as_str(), c.username.as_str(), c.password_env.as_str()),
            (
                "https://cal.example.com/dave/bookings/",
                "dave",
                "DAVE_CALDAV_PW"
            )
        );
        let exported = p.to_toml();
        assert!(exported.contains("[booking.caldav]"), "{exported}");
        assert!(
            exported.contains("password_env = \"DAVE_CALDAV_PW\""),
            "{exported}"
        );
        assert!(!exported.contains("password ="), "{exported}");
        assert_eq!(BusinessProfile::from_toml(&exported).unwrap(), p);
        assert_eq!(BusinessProfile::from_json(&p.to_json()).unwrap(), p);
        // Off by default and not written out.
        let plain = BusinessProfile::from_toml(EXAMPLE).unwrap();
        assert!(plain.booking.caldav.is_none() && !plain.to_toml().contains("caldav"));

        let problems = |text: String| {
            let p: BusinessProfile = toml::from_str(&text).unwrap();
            p.problems()
                .into_iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        for url in [
            "ftp://cal.example.com/x/",
            "not a url",
            "https://dave:secret@cal.example.com/x/",
            "https://cal.example.com/x/?token=1",
            "file:///etc/passwd",
        ] {
            assert_eq!(
                problems(with_caldav(url, "dave", "PW")),
                ["booking.caldav.url"],
                "{url}"
            );
        }
        assert_eq!(
            problems(with_caldav("https://cal.example.com/x/", " ", "PW")),
            ["booking.caldav.username"]
        );
        for env in ["", "1PW", "my password", "PW-1", "hunter2!"] {
            assert_eq!(
                problems(with_caldav("https://cal.example.com/x/", "dave", env)),
                ["booking.caldav.password_env"],
                "{env}"
            );
        }
        // All three at once, each named.
        assert_eq!(
            problems(with_caldav("gopher://x", "", "not a name")),
            [
                "booking.caldav.url",
                "booking.caldav.username",
                "booking.caldav.password_env"
            ]
        );
        // The first problem is what from_toml reports.
        let e =
            BusinessProfile::from_toml(&with_caldav("https://cal.example.com/x/", "dave", "a b"))
                .unwrap_err();
        assert_eq!(e.field, "booking.caldav.password_env", "{e}");
        // A password in the profile is refused, not stored.
        let e = BusinessProfile::from_toml(&format!(
            "{}password = \"hunter2\"\n",
            with_caldav("https://cal.example.com/x/", "dave", "PW")
        ))
        .unwrap_err();
        assert!(e.field.starts_with("booking.caldav"), "{e}");
        assert!(e.message.contains("password"), "{e}");
        // A missing field is named.
        let e = BusinessProfile::from_toml(&format!(
            "{EXAMPLE}\n[booking.caldav]\nurl = \"https://cal.example.com/x/\"\nusername = \"dave\"\n"
        ))
        .unwrap_err();
        assert!(e.message.contains("password_env"), "{e}");
    }

    fn rejected(edit: impl Fn(&str) -> String) -> ProfileError {
        BusinessProfile::from_toml(&edit(EXAMPLE)).unwrap_err()
    }

    #[test]
    fn errors_name_the_field() {
        let e = rejected(|t| t.replace("America/New_York", "Mars/Olympus"));
        assert_eq!(e.field, "business.timezone", "{e}");
        assert!(e.message.contains("Mars/Olympus"), "{e}");

        let e = rejected(|t| {
            t.replace(
                "notify = [",
                &format!(
                    "emergency_referral = \"{}\"\nnotify = [",
                    "Call us. ".repeat(110)
                ),
            )
        });
        assert_eq!(e.field, "escalation.emergency_referral", "{e}");

        let e = rejected(|t| t.replace("tue = \"08:00-17:00\"", "tue = \"25:00-26:00\""));
        assert_eq!(e.field, "hours.tue", "{e}");

        let e =
            rejected(|t| t.replace("\"08:00-12:00,13:00-17:00\"", "\"08:00-12:00,11:00-17:00\""));
        assert_eq!(e.field, "hours.mon", "{e}");
        assert!(e.message.contains("overlap"), "{e}");

        let e = rejected(|t| t.replace("[\"+15550100200\"]", "[\"555-0100\"]"));
        assert_eq!(e.field, "business.phone_numbers[0]", "{e}");

        let e = rejected(|t| {
            t.replace(
                "ring_seconds = 20",
                "ring_seconds = 20\nfavourite_colour = \"blue\"",
            )
        });
        assert!(e.field.starts_with("business"), "{e}");
        assert!(e.message.contains("favourite_colour"), "{e}");

        let e = rejected(|t| {
            t.replace(
                "{{ business.name }}. What",
                "{{ business.name | nope }}. What",
            )
        });
        assert_eq!(e.field, "textback.message", "{e}");

        let e = rejected(|t| {
            t.replace(
                "What do you need help with?",
                &"What do you need help with? ".repeat(6),
            )
        });
        assert_eq!(e.field, "textback.message", "{e}");
        assert!(e.message.contains("160"), "{e}");
    }

    #[test]
    fn reminders_and_quiet_hours_are_checked() {
        let p = BusinessProfile::from_toml(EXAMPLE).unwrap();
        assert_eq!(p.reminders.offsets_minutes(), vec![24 * 60, 120]);
        assert_eq!(p.send_window(), (8 * 60, 20 * 60));
        // Absent: one reminder, a day before.
        let none = EXAMPLE.replace("before = [\"24h\", \"2h\"]", "");
        let p = BusinessProfile::from_toml(&none).unwrap();
        assert_eq!(p.reminders.offsets_minutes(), vec![24 * 60]);
        let with = |before: &str| {
            BusinessProfile::from_toml(&EXAMPLE.replace("[\"24h\", \"2h\"]", before))
        };
        assert_eq!(
            with("[\"90m\", \"2d\"]")
                .unwrap()
                .reminders
                .offsets_minutes(),
            vec![2 * 24 * 60, 90]
        );
        assert!(with("[]").unwrap().reminders.offsets_minutes().is_empty());
        for (bad, field, says) in [
            (
                "[\"24h\", \"soon\"]",
                "reminders.before[1]",
                "not a duration",
            ),
            ("[\"0m\"]", "reminders.before[0]", "at least 1 minute"),
            ("[\"15d\"]", "reminders.before[0]", "at most 14 days"),
            ("[\"24h\", \"1d\"]", "reminders.before[1]", "same time"),
        ] {
            let e = with(bad).unwrap_err();
            assert_eq!(e.field, field, "{bad}: {e}");
            assert!(e.message.contains(says), "{bad}: {e}");
        }
        let e =
            BusinessProfile::from_toml(&EXAMPLE.replace("before = [", "after = [")).unwrap_err();
        assert!(e.field.starts_with("reminders"), "{e}");
        let quiet = |start: &str, end: &str| {
            BusinessProfile::from_toml(&format!(
                "{EXAMPLE}\n[quiet_hours]\nstart = \"{start}\"\nend = \"{end}\"\n"
            ))
        };
        assert_eq!(
            quiet("09:00", "19:00").unwrap().send_window(),
            (9 * 60, 19 * 60)
        );
        let e = quiet("7:00", "19:00").unwrap_err();
        assert_eq!(e.field, "quiet_hours.start", "{e}");
        let e = quiet("09:00", "9pm").unwrap_err();
        assert_eq!(e.field, "quiet_hours.end", "{e}");
        let e = quiet("12:00", "10:00").unwrap_err();
        assert_eq!(e.field, "quiet_hours.end", "{e}");
    }

    #[test]
    fn renders_templates_plain() {
        let p = BusinessProfile::from_toml(EXAMPLE).unwrap();
        let t = render_sms_template(&p.textback.message, &p, true).unwrap();
        assert_eq!(
            t,
            "Sorry we missed you - this is Dave's Plumbing. What do you need help with?"
        );
        let t = render_sms_template(
            "{% if open_now %}open{% else %}closed{% endif %}",
            &p,
            false,
        )
        .unwrap();
        assert_eq!(t, "closed");
    }
}
