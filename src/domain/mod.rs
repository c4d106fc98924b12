//! Plain types that parse rather than validate: once built, they are correct.

pub mod hours;
pub mod phone;
pub mod profile;
pub mod sms_template;
pub mod sms_text;
pub mod state;

pub use hours::{DayHours, Hours};
pub use phone::PhoneNumber;
pub use profile::{BusinessProfile, ProfileError};
pub use state::State;
