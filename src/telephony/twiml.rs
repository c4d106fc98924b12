//! TwiML responses: the XML Twilio expects back from voice and messaging webhooks.

use crate::domain::PhoneNumber;

/// Escape text for XML content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

const HEADER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

/// Nothing to do (e.g. inbound SMS; the reply is sent asynchronously).
pub fn empty() -> String {
    format!("{HEADER}<Response/>")
}

/// Say one line, then hang up.
pub fn say_and_hang_up(line: &str) -> String {
    format!(
        "{HEADER}<Response><Say>{}</Say><Hangup/></Response>",
        escape(line)
    )
}

/// Ring the owner's phones for `timeout` seconds; Twilio then posts the outcome to `action`.
pub fn dial(numbers: &[PhoneNumber], timeout: u32, action: &str) -> String {
    let targets: String = numbers
        .iter()
        .map(|n| format!("<Number>{}</Number>", escape(n.as_str())))
        .collect();
    format!(
        r#"{HEADER}<Response><Dial timeout="{timeout}" action="{}" method="POST">{targets}</Dial></Response>"#,
        escape(action)
    )
}

/// Hand the call to the receptionist over ConversationRelay: Twilio speaks `greeting`, then
/// carries the caller's words to `relay_url` (a WebSocket) and speaks what comes back. When the
/// session ends, Twilio asks `action` what to do next. A disclosure in the greeting is not
/// interruptible.
pub fn connect_relay(relay_url: &str, action: &str, greeting: &str, disclosure: bool) -> String {
    let greeting_interruptible = if disclosure { "none" } else { "any" };
    format!(
        r#"{HEADER}<Response><Connect action="{}" method="POST"><ConversationRelay url="{}" welcomeGreeting="{}" welcomeGreetingInterruptible="{greeting_interruptible}" language="en-US" interruptible="any" dtmfDetection="true"/></Connect></Response>"#,
        escape(action),
        escape(relay_url),
        escape(greeting)
    )
}

/// Say a line and listen for the answer (speech or keys); Twilio posts what it heard to `action`
/// (also when it heard nothing).
pub fn gather(line: &str, action: &str) -> String {
    format!(
        r#"{HEADER}<Response><Gather input="speech dtmf" action="{}" method="POST" speechTimeout="auto" actionOnEmptyResult="true" language="en-US"><Say>{}</Say></Gather></Response>"#,
        escape(action),
        escape(line)
    )
}

/// Say a line, then put the call through to the numbers (all ring; the first to answer takes it).
pub fn say_and_dial(line: &str, numbers: &[PhoneNumber], timeout: u32) -> String {
    let targets: String = numbers
        .iter()
        .map(|n| format!("<Number>{}</Number>", escape(n.as_str())))
        .collect();
    format!(
        r#"{HEADER}<Response><Say>{}</Say><Dial timeout="{timeout}">{targets}</Dial></Response>"#,
        escape(line)
    )
}

/// Just end the call.
pub fn hang_up() -> String {
    format!("{HEADER}<Response><Hangup/></Response>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text() {
        assert_eq!(
            say_and_hang_up("Dave's <Plumbing> & co"),
            format!("{HEADER}<Response><Say>Dave&apos;s &lt;Plumbing&gt; &amp; co</Say><Hangup/></Response>")
        );
    }

    #[test]
    fn dials_every_number() {
        let n = vec![
            PhoneNumber::parse("+15550100300").unwrap(),
            PhoneNumber::parse("+15550100301").unwrap(),
        ];
        let x = dial(&n, 20, "/webhooks/twilio/voice/dial-status");
        assert!(x.contains(
            r#"<Dial timeout="20" action="/webhooks/twilio/voice/dial-status" method="POST">"#
        ));
        assert!(x.contains("<Number>+15550100300</Number><Number>+15550100301</Number>"));
    }
}
