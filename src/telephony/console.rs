//! The console provider: used when no Twilio credentials are set (e.g. `serve --demo`). It logs
//! each outbound text and records it as sent, so the whole pipeline runs on a fresh machine.

use super::{Accepted, OutboundSms, SendError};
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
pub struct ConsoleProvider {
    sent: Arc<Mutex<Vec<ConsoleText>>>,
}

struct ConsoleText {
    sid: String,
    to: String,
    from: String,
    body: String,
}

impl ConsoleProvider {
    pub fn send(&self, sms: &OutboundSms<'_>) -> Result<Accepted, SendError> {
        let sid = format!("SMconsole{}", uuid::Uuid::new_v4().simple());
        // The console provider exists to show what would be sent, so it prints the text itself.
        tracing::info!(to = sms.to, from = sms.from, sid = %sid, "console provider: would send SMS: {}", sms.body);
        let mut sent = self.sent.lock().unwrap_or_else(|e| e.into_inner());
        sent.push(ConsoleText {
            sid: sid.clone(),
            to: sms.to.into(),
            from: sms.from.into(),
            body: sms.body.into(),
        });
        Ok(Accepted {
            sid,
            status: "sent".into(),
        })
    }

    pub fn find_sent(&self, sms: &OutboundSms<'_>) -> Option<Accepted> {
        let sent = self.sent.lock().unwrap_or_else(|e| e.into_inner());
        sent.iter()
            .rev()
            .find(|t| t.to == sms.to && t.from == sms.from && t.body == sms.body)
            .map(|t| Accepted {
                sid: t.sid.clone(),
                status: "sent".into(),
            })
    }
}
