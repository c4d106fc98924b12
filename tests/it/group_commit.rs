//! Group commit never acknowledges a webhook before its batch is durable: the real `frontdesk
//! serve` is killed (SIGKILL) while a batch of inbound texts has been written but not committed
//! (`FRONTDESK_INBOUND_BATCH_HOLD_MS` holds each batch open before its commit). Every text that
//! was answered 200 is stored after the restart; none of the held batch was answered or stored;
//! the provider's retries then store each of those texts once.
//!
//! On PostgreSQL, where each webhook has its own transaction and the hold does nothing, the same
//! story holds with nothing in flight at the kill.
//!
//! The outbox's records of sent texts are committed in batches too (`jobs::sent_commit`): killed
//! after the provider accepted texts but while their records' batch is held before its commit
//! (`FRONTDESK_SENT_BATCH_HOLD_MS`), the server has recorded none of them; after a restart each
//! is looked up at the provider and recorded, none is sent twice.

use crate::both_backends;
use crate::helpers::*;
use crate::scale::{missed_call, slow_twilio, spawn_binary, spawn_binary_with, wait_ready};
use frontdesk::store::Store;
use std::collections::HashMap;
use std::time::{Duration, Instant};

both_backends!(
    a_webhook_is_answered_only_after_its_batch_commits,
    a_send_recorded_in_a_batch_that_never_committed_is_reconciled_not_resent,
);

/// A signed inbound text from `caller`; `Ok(status)` or `Err` when the connection dropped.
async fn text(
    http: &reqwest::Client,
    port: u16,
    sid: &str,
    caller: &str,
) -> Result<u16, reqwest::Error> {
    let params = form(&[
        ("MessageSid", sid),
        ("From", caller),
        ("To", BUSINESS_NUMBER),
        ("Body", "Do you fix water heaters?"),
    ]);
    let sig = frontdesk::telephony::twilio::signature(
        AUTH_TOKEN,
        &format!("{PUBLIC_URL}/webhooks/twilio/sms"),
        &params,
    );
    let r = http
        .post(format!("http://127.0.0.1:{port}/webhooks/twilio/sms"))
        .header("X-Twilio-Signature", sig)
        .form(&params)
        .send()
        .await?;
    Ok(r.status().as_u16())
}

/// How many inbound texts with this SID are stored.
async fn stored(db_url: &str, sid: &str) -> i64 {
    use sqlx::Row;
    let store = Store::open(db_url, None).await.unwrap();
    let n = sqlx::query("SELECT COUNT(*) AS n FROM messages WHERE provider_sid = $1")
        .bind(sid)
        .fetch_one(store.pool())
        .await
        .unwrap()
        .get::<i64, _>("n");
    store.close().await;
    n
}

/// Send `texts` (SID, caller) at once; their answers in the same order.
async fn at_once(
    port: u16,
    texts: &[(String, String)],
) -> Vec<tokio::task::JoinHandle<Option<u16>>> {
    texts
        .iter()
        .cloned()
        .map(|(sid, caller)| {
            tokio::spawn(async move {
                let http = reqwest::Client::new();
                text(&http, port, &sid, &caller).await.ok()
            })
        })
        .collect()
}

/// `n` texts, each from its own caller.
fn texts(wave: &str, from: usize, n: usize) -> Vec<(String, String)> {
    (from..from + n)
        .map(|i| {
            (
                format!("SMgroup{wave}{i:020}"),
                format!("+1555013{:04}", 1000 + i),
            )
        })
        .collect()
}

async fn a_webhook_is_answered_only_after_its_batch_commits(backend: Backend) {
    let app = spawn_app(backend).await;
    let db = app.stop_keep_db().await;
    let db_url = db.url.clone();
    let (twilio, _fake) = slow_twilio(usize::MAX).await;
    let port = free_port();
    let http = reqwest::Client::new();
    let hold = Duration::from_millis(1_500);
    let hold_ms = hold.as_millis().to_string();
    let mut child = spawn_binary_with(
        &db_url,
        &twilio,
        port,
        &[("FRONTDESK_INBOUND_BATCH_HOLD_MS", hold_ms.as_str())],
    );
    wait_ready(&http, port).await;

    // Texts answered before the crash: each 200 came after its batch committed.
    let first = texts("first", 0, 5);
    for answer in at_once(port, &first).await {
        assert_eq!(answer.await.unwrap(), Some(200));
    }

    // A second wave, killed while its batch is written but held before its commit.
    let second = texts("second", 5, 10);
    let answers = at_once(port, &second).await;
    tokio::time::sleep(hold / 3).await;
    child.kill().expect("kill -9");
    child.wait().unwrap();
    let mut acked = Vec::new();
    for ((sid, _), answer) in second.iter().zip(answers) {
        if answer.await.unwrap() == Some(200) {
            acked.push(sid.clone());
        }
    }
    if backend == Backend::Sqlite {
        assert!(
            acked.is_empty(),
            "answered before its batch committed: {acked:?}"
        );
    }

    // After the crash: everything acknowledged is there, once; the held batch left nothing.
    for sid in first.iter().map(|(sid, _)| sid).chain(&acked) {
        assert_eq!(
            stored(&db_url, sid).await,
            1,
            "acknowledged text {sid} lost"
        );
    }
    for (sid, _) in second.iter().filter(|(s, _)| !acked.contains(s)) {
        assert_eq!(
            stored(&db_url, sid).await,
            0,
            "{sid} was never acknowledged, yet stored"
        );
    }

    // The provider retries what was not acknowledged (and, needlessly, one that was).
    let mut child = spawn_binary(&db_url, &twilio, port);
    wait_ready(&http, port).await;
    let retried: Vec<(String, String)> = second.iter().chain(&first[..1]).cloned().collect();
    for answer in at_once(port, &retried).await {
        assert_eq!(answer.await.unwrap(), Some(200));
    }
    for (sid, _) in first.iter().chain(&second) {
        assert_eq!(stored(&db_url, sid).await, 1, "{sid} stored once");
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

/// (state, provider SID) of every outbox row with its message, by recipient.
async fn outbox_rows(db_url: &str) -> HashMap<String, (String, Option<String>)> {
    use sqlx::Row;
    let store = Store::open(db_url, None).await.unwrap();
    let rows = sqlx::query(
        "SELECT o.to_number, o.state, m.provider_sid FROM outbox o \
         JOIN messages m ON m.id = o.message_id",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    store.close().await;
    rows.iter()
        .map(|r| {
            (
                r.get::<String, _>("to_number"),
                (r.get("state"), r.get("provider_sid")),
            )
        })
        .collect()
}

async fn a_send_recorded_in_a_batch_that_never_committed_is_reconciled_not_resent(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let db = app.stop_keep_db().await;
    let db_url = db.url.clone();
    // Every send is answered (after 150 ms): the server learns each text's SID.
    let (twilio, fake) = slow_twilio(usize::MAX).await;
    let port = free_port();
    let http = reqwest::Client::new();
    let mut child = spawn_binary_with(
        &db_url,
        &twilio,
        port,
        &[("FRONTDESK_SENT_BATCH_HOLD_MS", "5000")],
    );
    wait_ready(&http, port).await;
    let callers: Vec<String> = (0..8).map(|i| format!("+1555014{:04}", 2000 + i)).collect();
    let calls = callers.iter().enumerate().map(|(i, caller)| {
        let http = http.clone();
        async move { missed_call(&http, port, &format!("CAsent{i:030}"), caller).await }
    });
    futures::future::join_all(calls).await;
    // Text-backs taken by the provider and answered; on SQLite their records are then written
    // but held before their commit (and, while a batch is held, no other text is claimed: the
    // one connection is the batch's). Kill -9 there, well inside the hold.
    let started = Instant::now();
    while fake.sent.lock().unwrap().is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no text-back sent"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let first = Instant::now();
    while fake.sent.lock().unwrap().len() < callers.len()
        && first.elapsed() < Duration::from_secs(1)
    {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tokio::time::sleep(Duration::from_millis(600)).await;
    child.kill().expect("kill -9");
    child.wait().unwrap();
    let rows = outbox_rows(&db_url).await;
    assert_eq!(rows.len(), callers.len());
    if backend == Backend::Sqlite {
        let recorded: Vec<_> = rows
            .iter()
            .filter(|(_, (state, _))| state == "sent")
            .collect();
        assert!(
            recorded.is_empty(),
            "recorded sent although its batch never committed: {recorded:?}"
        );
    }

    // Restart: each text whose record was lost is looked up at the provider, not sent again.
    let mut child = spawn_binary(&db_url, &twilio, port);
    wait_ready(&http, port).await;
    let started = Instant::now();
    loop {
        let rows = outbox_rows(&db_url).await;
        if rows.values().all(|(state, _)| state == "sent") {
            let sent = fake.sent.lock().unwrap().clone();
            assert_eq!(sent.len(), callers.len(), "a text went out twice: {sent:?}");
            for (sid, to, _, _) in &sent {
                assert_eq!(
                    rows[to].1.as_deref(),
                    Some(sid.as_str()),
                    "the text to {to} is recorded with the SID the provider gave it"
                );
            }
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "not every text recorded after the restart: {rows:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // A moment more: nothing is sent again afterwards either.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(fake.sent.lock().unwrap().len(), callers.len());
    child.kill().unwrap();
    child.wait().unwrap();
}
