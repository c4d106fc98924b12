//! Process metrics in Prometheus text format (`GET /metrics`). Each instance reports its own.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

const BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
];

#[derive(Default)]
struct Histogram {
    counts: [AtomicU64; 13],
    count: AtomicU64,
    sum_micros: AtomicU64,
}

impl Histogram {
    fn observe(&self, seconds: f64) {
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                self.counts[i].fetch_add(1, Ordering::Relaxed);
            }
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum_micros
            .fetch_add((seconds.max(0.0) * 1e6) as u64, Ordering::Relaxed);
    }
}

/// A counter with one label.
#[derive(Default)]
struct Labeled(Mutex<BTreeMap<String, u64>>);

impl Labeled {
    fn inc(&self, label: &str) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *map.entry(label.to_string()).or_default() += 1;
    }

    fn snapshot(&self) -> Vec<(String, u64)> {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.iter().map(|(k, v)| (k.clone(), *v)).collect()
    }
}

#[derive(Default)]
pub struct Metrics {
    missed_calls: AtomicU64,
    textbacks_queued: AtomicU64,
    textbacks_skipped: Labeled,
    inbound_messages: AtomicU64,
    outbound_messages: Labeled,
    send_retries: AtomicU64,
    webhooks_rejected: Labeled,
    time_to_text: Histogram,
    logins_throttled: AtomicU64,
    llm_calls: Labeled,
    feed_errors: AtomicU64,
    staff_replies: AtomicU64,
}

impl Metrics {
    pub fn missed_call(&self) {
        self.missed_calls.fetch_add(1, Ordering::Relaxed);
    }
    pub fn textback_queued(&self) {
        self.textbacks_queued.fetch_add(1, Ordering::Relaxed);
    }
    pub fn textback_skipped(&self, reason: &str) {
        self.textbacks_skipped.inc(reason);
    }
    pub fn inbound_message(&self) {
        self.inbound_messages.fetch_add(1, Ordering::Relaxed);
    }
    /// `result` is sent, failed or dropped.
    pub fn outbound_message(&self, result: &str) {
        self.outbound_messages.inc(result);
    }
    /// `outcome`: ok, timeout, http_error, malformed, blocked.
    pub fn llm_call(&self, outcome: &str) {
        self.llm_calls.inc(outcome);
    }
    pub fn feed_error(&self) {
        self.feed_errors.fetch_add(1, Ordering::Relaxed);
    }
    pub fn login_throttled(&self) {
        self.logins_throttled.fetch_add(1, Ordering::Relaxed);
    }
    pub fn staff_reply(&self) {
        self.staff_replies.fetch_add(1, Ordering::Relaxed);
    }
    pub fn send_retry(&self) {
        self.send_retries.fetch_add(1, Ordering::Relaxed);
    }
    pub fn webhook_rejected(&self, reason: &str) {
        self.webhooks_rejected.inc(reason);
    }
    /// From the missed call's webhook to the provider accepting the text-back.
    pub fn time_to_text(&self, seconds: f64) {
        self.time_to_text.observe(seconds);
    }

    pub fn render(&self, outbox_depth: Option<i64>) -> String {
        let mut out = String::new();
        let counter = |out: &mut String, name: &str, help: &str, v: u64| {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {v}"
            );
        };
        let labeled = |out: &mut String, name: &str, help: &str, label: &str, c: &Labeled| {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter");
            for (k, v) in c.snapshot() {
                let _ = writeln!(out, "{name}{{{label}=\"{k}\"}} {v}");
            }
        };
        counter(
            &mut out,
            "frontdesk_missed_calls_total",
            "Missed calls recorded.",
            self.missed_calls.load(Ordering::Relaxed),
        );
        counter(
            &mut out,
            "frontdesk_textbacks_queued_total",
            "Text-backs queued for sending.",
            self.textbacks_queued.load(Ordering::Relaxed),
        );
        labeled(
            &mut out,
            "frontdesk_textbacks_skipped_total",
            "Text-backs not sent, by reason.",
            "reason",
            &self.textbacks_skipped,
        );
        counter(
            &mut out,
            "frontdesk_inbound_messages_total",
            "Inbound texts stored.",
            self.inbound_messages.load(Ordering::Relaxed),
        );
        labeled(
            &mut out,
            "frontdesk_outbound_messages_total",
            "Outbound texts finished, by result (sent, failed, dropped).",
            "result",
            &self.outbound_messages,
        );
        labeled(
            &mut out,
            "frontdesk_llm_calls_total",
            "Calls to the language model, by outcome (ok, timeout, http_error, malformed, blocked).",
            "outcome",
            &self.llm_calls,
        );
        counter(
            &mut out,
            "frontdesk_feed_errors_total",
            "Calendar feed fetches or parses that failed (the last good copy stays in use).",
            self.feed_errors.load(Ordering::Relaxed),
        );
        counter(
            &mut out,
            "frontdesk_logins_throttled_total",
            "Dashboard sign-ins refused for too many failures.",
            self.logins_throttled.load(Ordering::Relaxed),
        );
        counter(
            &mut out,
            "frontdesk_staff_replies_total",
            "Replies sent by staff from the dashboard.",
            self.staff_replies.load(Ordering::Relaxed),
        );
        counter(
            &mut out,
            "frontdesk_send_retries_total",
            "Send attempts rescheduled after a temporary failure.",
            self.send_retries.load(Ordering::Relaxed),
        );
        labeled(
            &mut out,
            "frontdesk_webhooks_rejected_total",
            "Webhooks refused, by reason.",
            "reason",
            &self.webhooks_rejected,
        );
        let h = &self.time_to_text;
        let name = "frontdesk_time_to_text_seconds";
        let _ = writeln!(
            out,
            "# HELP {name} From the missed-call webhook to the provider accepting the text-back.\n# TYPE {name} histogram"
        );
        for (i, bound) in BUCKETS.iter().enumerate() {
            let _ = writeln!(
                out,
                "{name}_bucket{{le=\"{bound}\"}} {}",
                h.counts[i].load(Ordering::Relaxed)
            );
        }
        let count = h.count.load(Ordering::Relaxed);
        let _ = writeln!(out, "{name}_bucket{{le=\"+Inf\"}} {count}");
        let _ = writeln!(
            out,
            "{name}_sum {}",
            h.sum_micros.load(Ordering::Relaxed) as f64 / 1e6
        );
        let _ = writeln!(out, "{name}_count {count}");
        if let Some(depth) = outbox_depth {
            let _ = writeln!(
                out,
                "# HELP frontdesk_outbox_depth Outbound texts waiting or in flight.\n# TYPE frontdesk_outbox_depth gauge\nfrontdesk_outbox_depth {depth}"
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_prometheus_text() {
        let m = Metrics::default();
        m.missed_call();
        m.textback_skipped("cooldown");
        m.textback_skipped("cooldown");
        m.time_to_text(0.02);
        let text = m.render(Some(3));
        assert!(text.contains("frontdesk_missed_calls_total 1"));
        assert!(text.contains("frontdesk_textbacks_skipped_total{reason=\"cooldown\"} 2"));
        assert!(text.contains("frontdesk_time_to_text_seconds_bucket{le=\"0.025\"} 1"));
        assert!(text.contains("frontdesk_time_to_text_seconds_bucket{le=\"0.01\"} 0"));
        assert!(text.contains("frontdesk_outbox_depth 3"));
    }
}
