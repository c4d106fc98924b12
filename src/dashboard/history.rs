//! A caller's history with the business, as the thread page shows it beside the conversation:
//! their other threads (when, how each ended, a link) and their bookings (what, when, and what
//! became of it: confirmed, moved, cancelled, a no-show). Pure shaping of store rows; the page's
//! handler reads them.

use super::view;
use crate::domain::State;
use crate::store::bookings::BookingRow;
use crate::store::dashboard::EarlierThread;
use crate::store::ConversationId;
use chrono_tz::Tz;
use serde::Serialize;

/// One earlier conversation, one line.
#[derive(Debug, Serialize)]
pub struct ThreadLine {
    pub id: ConversationId,
    pub when: String,
    /// How it ended up: "Booked", "Needs a person", ... and "resolved" when staff closed it.
    pub outcome: String,
    /// The caller's last words in it, so staff can tell the threads apart at a glance.
    pub said: String,
}

/// One booking, one line.
#[derive(Debug, Serialize)]
pub struct BookingLine {
    pub when: String,
    pub service: String,
    pub status: &'static str,
    /// The thread it was booked in, when it was booked in one (not one made outside a thread).
    pub thread: Option<ConversationId>,
}

pub fn threads(rows: &[EarlierThread], tz: Tz) -> Vec<ThreadLine> {
    rows.iter()
        .map(|t| ThreadLine {
            id: t.id,
            when: view::when(t.created_at, tz),
            outcome: outcome(t.state, t.closed_at.is_some()),
            said: view::preview(
                t.last_caller_body
                    .as_deref()
                    .unwrap_or("(no text from the caller)"),
                80,
            ),
        })
        .collect()
}

pub fn bookings(rows: &[BookingRow], tz: Tz) -> Vec<BookingLine> {
    rows.iter()
        .map(|b| BookingLine {
            when: crate::calendar::Slot {
                start: b.start_at,
                end: b.end_at,
            }
            .for_sms(tz),
            service: b.service.clone().unwrap_or_else(|| "Visit".into()),
            status: booking_status(&b.status, b.confirmed_at.is_some(), b.no_show_at.is_some()),
            thread: b.conversation_id,
        })
        .collect()
}

fn outcome(state: State, closed: bool) -> String {
    let label = view::state_label(state);
    // A thread staff closed keeps the state it reached (a booking stays "Booked"): both are news.
    if closed && state != State::Closed {
        format!("{label}, resolved")
    } else {
        label.to_string()
    }
}

/// What became of a booking, most telling first: a no-show outranks the confirmation that came
/// before it, and a cancelled booking is only cancelled.
fn booking_status(status: &str, confirmed: bool, no_show: bool) -> &'static str {
    match (status, confirmed, no_show) {
        ("cancelled", _, _) => "cancelled",
        (_, _, true) => "no-show",
        ("rescheduled", true, _) => "moved, confirmed by caller",
        ("rescheduled", false, _) => "moved",
        (_, true, _) => "booked, confirmed by caller",
        _ => "booked",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_booking_says_what_became_of_it() {
        assert_eq!(booking_status("booked", false, false), "booked");
        assert_eq!(
            booking_status("booked", true, false),
            "booked, confirmed by caller"
        );
        assert_eq!(booking_status("rescheduled", false, false), "moved");
        assert_eq!(booking_status("booked", true, true), "no-show");
        assert_eq!(booking_status("rescheduled", false, true), "no-show");
        assert_eq!(booking_status("cancelled", true, false), "cancelled");
    }

    #[test]
    fn a_resolved_thread_keeps_how_it_ended() {
        assert_eq!(outcome(State::Booked, true), "Booked, resolved");
        assert_eq!(outcome(State::Closed, true), "Closed");
        assert_eq!(outcome(State::HumanOwned, false), "Needs a person");
    }
}
