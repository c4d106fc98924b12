//! The bookings feed owners subscribe to (served at `GET /calendar/{token}.ics` by
//! `http::calendar_feed`): RFC 5545, one VEVENT per
//! booking with a stable UID, SEQUENCE bumped on every change, cancelled ones as STATUS:CANCELLED.
//! Written with the `icalendar` crate (escaping and line folding are its job); feeds we *read* go
//! through our own forgiving reader (`ics_read`).

use crate::store::bookings::BookingRow;
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};

fn utc(ms: i64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or_default()
}

pub fn render(business_name: &str, tz_name: &str, rows: &[BookingRow]) -> String {
    let mut cal = Calendar::empty();
    for (key, value) in [
        ("VERSION", "2.0"),
        ("PRODID", "-//Frontdesk//Bookings//EN"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
        ("X-WR-TIMEZONE", tz_name),
    ] {
        cal.append_property(Property::new(key, value));
    }
    cal.name(&format!("{business_name} bookings"));
    for b in rows {
        cal.push(event(b));
    }
    cal.to_string()
}

/// One booking as a VEVENT: the stable UID, SEQUENCE bumped on every change, cancelled ones as
/// STATUS:CANCELLED.
fn event(b: &BookingRow) -> Event {
    let service = b.service.as_deref().unwrap_or("Appointment");
    let who = b
        .caller_name
        .as_deref()
        .or(b.caller_phone.as_deref())
        .unwrap_or("caller");
    let mut description = Vec::new();
    if let Some(p) = &b.caller_phone {
        description.push(format!("Phone: {p}"));
    }
    if let Some(n) = &b.notes {
        description.push(format!("Notes: {n}"));
    }
    description.push("Booked by Frontdesk".to_string());
    let mut event = Event::new();
    event
        .uid(&b.uid)
        .timestamp(utc(b.updated_at))
        .created(utc(b.created_at))
        .last_modified(utc(b.updated_at))
        .sequence(u32::try_from(b.sequence).unwrap_or(0))
        .starts(utc(b.start_at))
        .ends(utc(b.end_at))
        .status(if b.status == "cancelled" {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        })
        .summary(&format!("{service} - {who}"))
        .description(&description.join("\n"));
    if let Some(a) = &b.address {
        event.location(a);
    }
    event.done()
}

/// One booking as a calendar object resource for a CalDAV collection (RFC 4791 5.3.2: one
/// VEVENT, its UID the booking's, and no METHOD property). The same event the feed shows.
pub fn render_one(b: &BookingRow) -> String {
    let mut cal = Calendar::empty();
    for (key, value) in [("VERSION", "2.0"), ("PRODID", "-//Frontdesk//Bookings//EN")] {
        cal.append_property(Property::new(key, value));
    }
    cal.push(event(b));
    cal.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{BookingId, BusinessId};

    #[test]
    fn folds_long_lines_and_escapes() {
        let row = BookingRow {
            id: BookingId(1),
            business_id: BusinessId(1),
            uid: "b1@frontdesk".into(),
            status: "booked".into(),
            start_at: 1_796_000_000_000,
            end_at: 1_796_003_600_000,
            hold_expires_at: None,
            conversation_id: None,
            contact_id: None,
            caller_name: Some("Ann".into()),
            caller_phone: Some("+15550100123".into()),
            service: Some("Drain cleaning".into()),
            address: Some("12 Oak St, Apt 3; back door".into()),
            notes: Some("a,b;c\\d\n".repeat(20)),
            sequence: 2,
            created_at: 1_795_000_000_000,
            confirmed_at: None,
            no_show_at: None,
            updated_at: 1_795_000_000_000,
        };
        let out = render("Dave's Plumbing", "America/New_York", &[row]);
        for l in out.split("\r\n") {
            assert!(l.len() <= 75, "{l}");
        }
        assert!(
            out.contains("LOCATION:12 Oak St\\, Apt 3\\; back door\r\n"),
            "{out}"
        );
        assert!(
            out.contains("DESCRIPTION:Phone: +15550100123\\nNotes: a\\,b\\;c\\\\d\\n"),
            "{out}"
        );
        assert!(out.contains("SEQUENCE:2\r\n") && out.contains("STATUS:CONFIRMED\r\n"));
        assert!(out.contains("X-WR-TIMEZONE:America/New_York\r\n"));
        assert!(out.contains("X-WR-CALNAME:Dave's Plumbing bookings\r\n"));
    }
}
