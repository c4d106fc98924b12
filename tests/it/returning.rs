//! A caller we know, in a new conversation: the receptionist starts from what they told us
//! before (their name, the address of their last visit), does not ask again, and takes another
//! address when they give one. Through the real webhook path, on both backends; with the
//! built-in policy, and with a (scripted) model, which is told what we know and whose booking
//! records it.

use crate::both_backends;
use crate::helpers::*;
use sqlx::Row;

both_backends!(
    a_returning_caller_books_again_without_being_asked_name_or_address,
    a_returning_caller_can_give_another_address,
    with_a_model_a_returning_callers_name_and_address_reach_it_and_the_booking,
);

/// The first booking: the caller gives their address and name when asked.
async fn first_booking(app: &TestApp) {
    let r = app
        .say("Hi, my kitchen drain is clogged, can you come out?")
        .await;
    assert!(r.contains("address"), "{r}");
    app.say("12 Oak St, I'm Jane Doe").await;
    app.say("2").await;
    let r = app.say("YES").await;
    assert!(r.starts_with("You're booked: "), "{r}");
}

/// Staff resolve the caller's open thread, so their next text starts a new one.
async fn resolve_open_thread(app: &TestApp) {
    let now_ms = frontdesk::clock::to_millis(app.state.clock.now());
    let mut conn = app.state.store.pool().acquire().await.unwrap();
    let id: frontdesk::store::ConversationId = sqlx::query(
        "SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id \
         WHERE c.business_id = $1 AND k.phone = $2 AND c.closed_at IS NULL",
    )
    .bind(app.business_id)
    .bind(CALLER)
    .fetch_one(&mut *conn)
    .await
    .unwrap()
    .get(0);
    assert!(
        frontdesk::store::dashboard::resolve(&mut conn, app.business_id, id, now_ms)
            .await
            .unwrap()
    );
}

/// The newest booking's name and address.
async fn last_booking(app: &TestApp) -> (Option<String>, Option<String>) {
    let r = sqlx::query(
        "SELECT caller_name, address FROM bookings WHERE status = 'booked' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(app.state.store.pool())
    .await
    .unwrap();
    (r.get("caller_name"), r.get("address"))
}

async fn a_returning_caller_books_again_without_being_asked_name_or_address(backend: Backend) {
    let app = spawn_app_at(backend, open_hours_instant()).await;
    first_booking(&app).await;
    resolve_open_thread(&app).await;
    // Another job, another thread: the times come at once, with the address said back.
    let r = app
        .say("the bathroom sink is leaking under the cabinet now, can someone come look")
        .await;
    assert!(!r.to_lowercase().contains("name"), "{r}");
    assert!(!r.contains("What's the address"), "{r}");
    assert!(r.contains("at 12 Oak St like last time"), "{r}");
    assert!(
        r.contains("at 12 Oak St - reply YES to confirm. Or pick 2) "),
        "{r}"
    );
    let r = app.say("yes").await;
    assert!(r.starts_with("You're booked: "), "{r}");
    assert_eq!(
        last_booking(&app).await,
        (Some("Jane Doe".into()), Some("12 Oak St".into()))
    );
    assert_eq!(
        app.count("bookings WHERE status = 'booked' AND caller_name = 'Jane Doe'")
            .await,
        2
    );
    // The staff alert for the new booking says who and where, as for the first.
    let staff = app.texts_to("+15550100999").await;
    let last = staff.last().unwrap();
    assert!(
        last.starts_with("New booking: ")
            && last.contains("Jane Doe")
            && last.contains("12 Oak St"),
        "{staff:?}"
    );
    app.stop().await;
}

async fn a_returning_caller_can_give_another_address(backend: Backend) {
    let app = spawn_app_at(backend, open_hours_instant()).await;
    first_booking(&app).await;
    resolve_open_thread(&app).await;
    let r = app.say("my drain is clogged again, can you come out").await;
    assert!(r.contains("at 12 Oak St like last time"), "{r}");
    // Somewhere else this time: taken, and the times stay on offer.
    let r = app.say("it's at my mom's this time, 88 Pine Ave").await;
    assert!(
        r.starts_with("Thanks - the visit is at 88 Pine Ave then."),
        "{r}"
    );
    assert!(r.contains("Just reply YES to book that time"), "{r}");
    let r = app.say("2").await;
    assert!(r.contains("at 88 Pine Ave - reply YES to confirm."), "{r}");
    // And again while the time waits for a yes (a typo in the house number).
    let r = app.say("sorry, 86 Pine Ave").await;
    assert!(
        r.starts_with("Thanks - the visit is at 86 Pine Ave then."),
        "{r}"
    );
    let r = app.say("YES").await;
    assert!(r.starts_with("You're booked: "), "{r}");
    assert_eq!(
        last_booking(&app).await,
        (Some("Jane Doe".into()), Some("86 Pine Ave".into()))
    );
    // The caller's name can still be corrected outright.
    resolve_open_thread(&app).await;
    let r = app
        .say("hi, my name is Janet Doe, the kitchen drain is slow again")
        .await;
    assert!(r.contains("at 86 Pine Ave like last time"), "{r}");
    app.say("1").await;
    let r = app.say("yes").await;
    assert!(r.starts_with("You're booked: "), "{r}");
    assert_eq!(
        last_booking(&app).await,
        (Some("Janet Doe".into()), Some("86 Pine Ave".into()))
    );
    app.stop().await;
}

/// With an LLM: the first visit is booked through the model's tool calls; in the caller's next
/// thread the model is told their name and the address of their last visit, and a booking it
/// makes without asking for either again is for that name and address.
async fn with_a_model_a_returning_callers_name_and_address_reach_it_and_the_booking(
    backend: Backend,
) {
    use crate::llm::{llm_app, requests, tools};
    use serde_json::json;
    let (app, server, script) = llm_app(backend).await;
    script.ok(tools(&[
        (
            "record_details",
            json!({"service": "Drain cleaning", "address": "12 Oak St", "name": "Jane Doe"}),
        ),
        ("find_slots", json!({"preference": ""})),
    ]));
    let r = app
        .say("Hi, my kitchen drain is clogged, can you come out? 12 Oak St, I'm Jane Doe")
        .await;
    assert!(r.contains("I can do 1) "), "{r}");
    app.say("2").await;
    let r = app.say("YES").await;
    assert!(r.starts_with("You're booked: "), "{r}");
    assert_eq!(
        last_booking(&app).await,
        (Some("Jane Doe".into()), Some("12 Oak St".into()))
    );
    resolve_open_thread(&app).await;

    // Another job, another thread: the model asks for nothing and looks for times at once.
    let asked = requests(&server).await.len();
    script.ok(tools(&[
        (
            "record_details",
            json!({"service": "Leak repair", "description": "bathroom sink leaking under the cabinet"}),
        ),
        ("find_slots", json!({"preference": ""})),
    ]));
    let r = app
        .say("the bathroom sink is leaking under the cabinet now, can someone come look")
        .await;
    let all = requests(&server).await;
    assert_eq!(all.len(), asked + 1);
    // What the model was sent for this turn says who the caller is and where they were visited.
    let body = serde_json::to_string(&all[asked]).unwrap();
    assert!(body.contains("Jane Doe"), "{body}");
    assert!(body.contains("12 Oak St"), "{body}");
    let note = all[asked]["messages"][1]["content"].as_str().unwrap();
    assert!(note.contains("name Jane Doe"), "{note}");
    assert!(
        note.contains("address of their last visit 12 Oak St"),
        "{note}"
    );
    // The caller is told which address the times are for, and can give another.
    assert!(r.contains("at 12 Oak St like last time"), "{r}");
    assert!(r.contains("I can do 1) "), "{r}");
    let r = app.say("1").await;
    assert!(r.contains("at 12 Oak St - reply YES to confirm."), "{r}");
    let r = app.say("yes").await;
    assert!(r.starts_with("You're booked: "), "{r}");
    assert_eq!(
        last_booking(&app).await,
        (Some("Jane Doe".into()), Some("12 Oak St".into()))
    );
    let staff = app.texts_to("+15550100999").await;
    let last = staff.last().unwrap();
    assert!(
        last.starts_with("New booking: Leak repair")
            && last.contains("Jane Doe")
            && last.contains("12 Oak St"),
        "{staff:?}"
    );
    // Only the turn that needed the model asked it: the pick and the yes were certain.
    assert_eq!(requests(&server).await.len(), asked + 1);
    app.stop().await;
}
