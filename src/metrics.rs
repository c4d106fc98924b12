//! Process metrics for `GET /metrics`, in the OpenMetrics text format (which Prometheus scrapes),
//! kept and encoded by the `prometheus-client` crate. Each instance reports its own.

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

/// The content type of [`Metrics::render`]'s text.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

const BUCKETS: [f64; 13] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
];

/// A counter with one label, its value one of a few fixed words (a reason, a result).
type Labeled = Family<Vec<(&'static str, String)>, Counter>;

pub struct Metrics {
    registry: Registry,
    missed_calls: Counter,
    textbacks_queued: Counter,
    textbacks_skipped: Labeled,
    inbound_messages: Counter,
    outbound_messages: Labeled,
    send_retries: Counter,
    webhooks_rejected: Labeled,
    time_to_text: Histogram,
    logins_throttled: Counter,
    llm_calls: Labeled,
    feed_errors: Counter,
    staff_replies: Counter,
    outbox_depth: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("frontdesk");
        let counter = |r: &mut Registry, name: &str, help: &str| {
            let c = Counter::default();
            r.register(name, help, c.clone());
            c
        };
        let labeled = |r: &mut Registry, name: &str, help: &str| {
            let f = Labeled::default();
            r.register(name, help, f.clone());
            f
        };
        let r = &mut registry;
        let missed_calls = counter(r, "missed_calls", "Missed calls recorded");
        let textbacks_queued = counter(r, "textbacks_queued", "Text-backs queued for sending");
        let textbacks_skipped = labeled(r, "textbacks_skipped", "Text-backs not sent, by reason");
        let inbound_messages = counter(r, "inbound_messages", "Inbound texts stored");
        let outbound_messages = labeled(
            r,
            "outbound_messages",
            "Outbound texts finished, by result (sent, failed, dropped)",
        );
        let llm_calls = labeled(
            r,
            "llm_calls",
            "Calls to the language model, by outcome (ok, timeout, http_error, malformed, blocked)",
        );
        let feed_errors = counter(
            r,
            "feed_errors",
            "Calendar feed fetches or parses that failed (the last good copy stays in use)",
        );
        let logins_throttled = counter(
            r,
            "logins_throttled",
            "Dashboard sign-ins refused for too many failures",
        );
        let staff_replies = counter(
            r,
            "staff_replies",
            "Replies sent by staff from the dashboard",
        );
        let send_retries = counter(
            r,
            "send_retries",
            "Send attempts rescheduled after a temporary failure",
        );
        let webhooks_rejected = labeled(r, "webhooks_rejected", "Webhooks refused, by reason");
        let time_to_text = Histogram::new(BUCKETS);
        r.register(
            "time_to_text_seconds",
            "From the missed-call webhook to the provider accepting the text-back",
            time_to_text.clone(),
        );
        let outbox_depth = Gauge::default();
        r.register(
            "outbox_depth",
            "Outbound texts waiting or in flight",
            outbox_depth.clone(),
        );
        Self {
            registry,
            missed_calls,
            textbacks_queued,
            textbacks_skipped,
            inbound_messages,
            outbound_messages,
            send_retries,
            webhooks_rejected,
            time_to_text,
            logins_throttled,
            llm_calls,
            feed_errors,
            staff_replies,
            outbox_depth,
        }
    }
}

fn inc(family: &Labeled, key: &'static str, value: &str) {
    family.get_or_create(&vec![(key, value.to_string())]).inc();
}

impl Metrics {
    pub fn missed_call(&self) {
        self.missed_calls.inc();
    }
    pub fn textback_queued(&self) {
        self.textbacks_queued.inc();
    }
    pub fn textback_skipped(&self, reason: &str) {
        inc(&self.textbacks_skipped, "reason", reason);
    }
    pub fn inbound_message(&self) {
        self.inbound_messages.inc();
    }
    /// `result` is sent, failed or dropped.
    pub fn outbound_message(&self, result: &str) {
        inc(&self.outbound_messages, "result", result);
    }
    /// `outcome`: ok, timeout, http_error, malformed, blocked.
    pub fn llm_call(&self, outcome: &str) {
        inc(&self.llm_calls, "outcome", outcome);
    }
    pub fn feed_error(&self) {
        self.feed_errors.inc();
    }
    pub fn login_throttled(&self) {
        self.logins_throttled.inc();
    }
    pub fn staff_reply(&self) {
        self.staff_replies.inc();
    }
    pub fn send_retry(&self) {
        self.send_retries.inc();
    }
    pub fn webhook_rejected(&self, reason: &str) {
        inc(&self.webhooks_rejected, "reason", reason);
    }
    /// From the missed call's webhook to the provider accepting the text-back.
    pub fn time_to_text(&self, seconds: f64) {
        self.time_to_text.observe(seconds.max(0.0));
    }

    /// The exposition text; the outbox depth is read by the caller (a database query) and shown
    /// as a gauge when known.
    pub fn render(&self, outbox_depth: Option<i64>) -> String {
        if let Some(depth) = outbox_depth {
            self.outbox_depth.set(depth);
        }
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = encode(&mut out, &self.registry);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_openmetrics_text() {
        let m = Metrics::default();
        m.missed_call();
        m.textback_skipped("cooldown");
        m.textback_skipped("cooldown");
        m.time_to_text(0.02);
        let text = m.render(Some(3));
        assert!(
            text.contains("# TYPE frontdesk_missed_calls counter"),
            "{text}"
        );
        assert!(text.contains("frontdesk_missed_calls_total 1"), "{text}");
        assert!(text.contains("frontdesk_textbacks_skipped_total{reason=\"cooldown\"} 2"));
        assert!(text.contains("frontdesk_time_to_text_seconds_bucket{le=\"0.025\"} 1"));
        assert!(text.contains("frontdesk_time_to_text_seconds_bucket{le=\"0.01\"} 0"));
        assert!(text.contains("frontdesk_time_to_text_seconds_count 1"));
        assert!(text.contains("frontdesk_outbox_depth 3"));
        assert!(text.ends_with("# EOF\n"));
    }
}
