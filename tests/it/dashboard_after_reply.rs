//! The profile editor's "After the first reply" section: reminders before each booking, quiet
//! hours, the follow-up nudge and the landline check, saved from the dashboard and then obeyed
//! by the reminder and nudge workers; refused by name (every problem at once, nothing stored)
//! when a value is wrong; and refused without the session's CSRF token.

use crate::both_backends;
use crate::dashboard::{dashboard_app, profile_of, signed_in, Web, OWNER};
use crate::helpers::*;
use reqwest::StatusCode;

both_backends!(
    saved_settings_are_what_reminders_and_nudges_use,
    a_wrong_value_is_refused_by_name_and_nothing_changes,
    the_section_needs_the_csrf_token,
);

// The dashboard app's clock: Wednesday Dec 2 2026, 10:00 in New York (Dave's Plumbing).
const BOOKED: &str = "+15550100124";

fn fields(
    before: &str,
    start: &str,
    end: &str,
    follow: &str,
    lookup: bool,
) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = [
        ("reminders.before", before),
        ("quiet_hours.start", start),
        ("quiet_hours.end", end),
        ("textback.follow_up_after", follow),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    if lookup {
        v.push(("textback.lookup".into(), "1".into()));
    }
    v
}

async fn save(
    web: &Web,
    bid: frontdesk::store::BusinessId,
    fields: &[(String, String)],
) -> crate::dashboard::Page {
    let page = format!("/app/{bid}/profile");
    web.submit_fields(&page, &format!("{page}/reminders"), fields)
        .await
}

/// One round of the reminder (`reminders`) or nudge worker at `to`; what reached `phone` since.
async fn texts_after(app: &TestApp, to: &str, phone: &str, reminders: bool) -> Vec<String> {
    let worker = if reminders {
        Worker::Reminders
    } else {
        Worker::Nudges
    };
    worker_round_at(app, to, phone, worker).await
}

async fn saved_settings_are_what_reminders_and_nudges_use(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    let web = signed_in(&app, OWNER).await;
    let page = web.get(&format!("/app/{bid}/profile")).await;
    assert!(
        page.body
            .contains("Reminders before each booking: e.g. 24h, 2h"),
        "{}",
        page.body
    );
    assert!(page
        .body
        .contains(r#"name="reminders.before" value="24h, 2h""#));
    assert!(page
        .body
        .contains(r#"name="textback.follow_up_after" value="3h""#));
    assert!(page
        .body
        .contains("Check for landlines before texting (Twilio Lookup, costs money)"));

    // One reminder 3 hours ahead, texts only 09:00-19:00, a nudge after an hour, no Lookup.
    let page = save(&web, bid, &fields("3h", "09:00", "19:00", "1h", false)).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        page.location.as_deref(),
        Some(format!("/app/{bid}/profile?saved=reminders#reminders").as_str())
    );
    let p = profile_of(&app).await;
    assert_eq!(p.reminders.offsets_minutes(), vec![180]);
    assert_eq!(p.send_window(), (9 * 60, 19 * 60));
    assert_eq!(p.textback.follow_up_minutes(), Some(60));
    assert!(!p.textback.lookup);
    let page = web
        .get(&format!("/app/{bid}/profile?saved=reminders"))
        .await;
    assert!(page
        .body
        .contains(r#"name="quiet_hours.start" value="09:00""#));

    // The nudge worker: an hour after the missed call, not three.
    assert_eq!(app.missed_call("CAafter1", CALLER).await.status(), 200);
    app.settle().await;
    assert_eq!(app.texts_to(CALLER).await.len(), 1, "the text-back");
    assert!(texts_after(&app, "2026-12-02T15:59:00Z", CALLER, false)
        .await
        .is_empty());
    let sent = texts_after(&app, "2026-12-02T16:00:00Z", CALLER, false).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(sent[0].contains("still need help?"), "{sent:?}");

    // The reminder worker: Thursday 11:00's booking is reminded 3h before, which is 08:00, before
    // the 09:00 start: it moves to the evening before's last minute, 18:59. (With the old
    // settings a 24h reminder would go Wednesday 11:00, and the 08:00 one on Thursday.)
    book_at(&app, "2026-12-03T16:00:00Z", BOOKED).await;
    assert!(texts_after(&app, "2026-12-02T16:00:00Z", BOOKED, true)
        .await
        .is_empty());
    assert!(texts_after(&app, "2026-12-02T23:58:00Z", BOOKED, true)
        .await
        .is_empty());
    let sent = texts_after(&app, "2026-12-02T23:59:00Z", BOOKED, true).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(
        sent[0].starts_with("Reminder from Dave's Plumbing"),
        "{sent:?}"
    );
    assert!(texts_after(&app, "2026-12-03T13:00:00Z", BOOKED, true)
        .await
        .is_empty());

    // Lookup on, the nudge off ("off" or empty), reminders off (empty), the default window.
    let page = save(&web, bid, &fields("", "", "", "off", true)).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let p = profile_of(&app).await;
    assert!(p.reminders.offsets_minutes().is_empty());
    assert!(p.quiet_hours.is_none());
    assert_eq!(p.send_window(), (8 * 60, 20 * 60));
    assert_eq!(p.textback.follow_up_minutes(), None);
    assert!(p.textback.lookup);
    let page = web.get(&format!("/app/{bid}/profile")).await;
    assert!(page
        .body
        .contains(r#"name="textback.lookup" value="1" checked"#));
    // As an import would write it.
    let toml = p.to_toml();
    assert!(toml.contains("lookup = true"), "{toml}");
    assert!(toml.contains("before = []"), "{toml}");
    assert!(!toml.contains("follow_up_after"), "{toml}");
    app.stop().await;
}

async fn a_wrong_value_is_refused_by_name_and_nothing_changes(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    let web = signed_in(&app, OWNER).await;
    let before = profile_of(&app).await;

    // Three problems at once, each by its label, next to its field and in the summary.
    let page = save(
        &web,
        bid,
        &fields("24h, 25x", "12:00", "10:00", "soon", true),
    )
    .await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    let body = &page.body;
    assert!(body.contains("Nothing was saved: 3 problems"), "{body}");
    assert!(
        body.contains("Reminders before each booking (entry 2): &quot;25x&quot; is not a duration"),
        "{body}"
    );
    assert!(
        body.contains("Quiet hours end: &quot;10:00&quot; must be later than start"),
        "{body}"
    );
    assert!(
        body.contains("Follow-up nudge after: &quot;soon&quot; is not a duration"),
        "{body}"
    );
    assert_eq!(body.matches(r#"class="field-error""#).count(), 3, "{body}");
    // What was typed is shown again, to be corrected.
    assert!(body.contains(r#"name="reminders.before" value="24h, 25x""#));
    assert!(body.contains(r#"name="quiet_hours.end" value="10:00""#));
    assert!(body.contains(r#"name="textback.lookup" value="1" checked"#));
    assert_eq!(profile_of(&app).await, before);

    // Outside 08:00-20:00, half a window, a repeat, too long, too many.
    for (form, said) in [
        (
            fields("24h", "07:00", "19:00", "", false),
            "Quiet hours start: &quot;07:00&quot; is outside 08:00-20:00",
        ),
        (
            fields("24h", "09:00", "", "", false),
            "Quiet hours end: &quot;&quot; is not a time",
        ),
        (
            fields("24h, 1d", "", "", "", false),
            "Reminders before each booking (entry 2): &quot;1d&quot; is the same time",
        ),
        (fields("15d", "", "", "", false), "at most 14 days"),
        (
            fields("1h, 2h, 3h, 4h, 5h, 6h", "", "", "", false),
            "Reminders before each booking: has 6 entries; at most 5",
        ),
        (
            fields("24h", "", "", "0m", false),
            "Follow-up nudge after: &quot;0m&quot; must be at least 1 minute",
        ),
    ] {
        let page = save(&web, bid, &form).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{form:?}");
        assert!(page.body.contains(said), "{said}: {}", page.body);
        assert_eq!(profile_of(&app).await, before, "{form:?}");
    }
    app.stop().await;
}

async fn the_section_needs_the_csrf_token(backend: Backend) {
    let app = dashboard_app(backend).await;
    let bid = app.business_id;
    let web = signed_in(&app, OWNER).await;
    let before = profile_of(&app).await;
    let path = format!("/app/{bid}/profile/reminders");
    for token in [None, Some("forged-token")] {
        let mut form = vec![
            ("reminders.before", "1h"),
            ("textback.follow_up_after", "1m"),
            ("textback.lookup", "1"),
        ];
        if let Some(t) = token {
            form.push(("csrf", t));
        }
        let page = web.post(&path, &form).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{token:?}");
        assert!(page.body.contains("The form expired"), "{}", page.body);
    }
    assert_eq!(profile_of(&app).await, before);
    app.stop().await;
}
