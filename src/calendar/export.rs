//! The bookings feed owners subscribe to (served at `GET /calendar/{token}.ics` by
//! `http::calendar_feed`): RFC 5545, one VEVENT per
//! booking with a stable UID, SEQUENCE bumped on every change, cancelled ones as STATUS:CANCELLED.

use crate::store::bookings::BookingRow;
use chrono::{DateTime, Utc};

/// Escape a TEXT value (RFC 5545, 3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Append a content line, folded at 75 octets (RFC 5545, 3.1), ending in CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn stamp(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .unwrap_or_default()
        .format("%Y%m%dT%H%M%SZ")
        .to_string()
}

pub fn render(business_name: &str, tz_name: &str, rows: &[BookingRow]) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Frontdesk//Bookings//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(
        &mut out,
        &format!(
            "X-WR-CALNAME:{}",
            escape(&format!("{business_name} bookings"))
        ),
    );
    line(&mut out, &format!("X-WR-TIMEZONE:{tz_name}"));
    for b in rows {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", escape(&b.uid)));
        line(&mut out, &format!("DTSTAMP:{}", stamp(b.updated_at)));
        line(&mut out, &format!("CREATED:{}", stamp(b.created_at)));
        line(&mut out, &format!("LAST-MODIFIED:{}", stamp(b.updated_at)));
        line(&mut out, &format!("SEQUENCE:{}", b.sequence));
        line(&mut out, &format!("DTSTART:{}", stamp(b.start_at)));
        line(&mut out, &format!("DTEND:{}", stamp(b.end_at)));
        let status = if b.status == "cancelled" {
            "CANCELLED"
        } else {
            "CONFIRMED"
        };
        line(&mut out, &format!("STATUS:{status}"));
        let service = b.service.as_deref().unwrap_or("Appointment");
        let who = b
            .caller_name
            .as_deref()
            .or(b.caller_phone.as_deref())
            .unwrap_or("caller");
        line(
            &mut out,
            &format!("SUMMARY:{}", escape(&format!("{service} - {who}"))),
        );
        if let Some(a) = &b.address {
            line(&mut out, &format!("LOCATION:{}", escape(a)));
        }
        let mut description = Vec::new();
        if let Some(p) = &b.caller_phone {
            description.push(format!("Phone: {p}"));
        }
        if let Some(n) = &b.notes {
            description.push(format!("Notes: {n}"));
        }
        description.push("Booked by Frontdesk".to_string());
        line(
            &mut out,
            &format!("DESCRIPTION:{}", escape(&description.join("\n"))),
        );
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_long_lines_and_escapes() {
        let mut out = String::new();
        line(
            &mut out,
            &format!("SUMMARY:{}", escape(&"a,b;c\\d\n".repeat(20))),
        );
        for l in out.split("\r\n") {
            assert!(l.len() <= 75, "{l}");
        }
        assert!(out.starts_with("SUMMARY:a\\,b\\;c\\\\d\\n"));
    }
}
