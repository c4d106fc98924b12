//! CalDAV write-back against a real CalDAV server (Radicale, started by `scripts/radicale`; CI
//! sets FRONTDESK_TEST_CALDAV_URL and FRONTDESK_REQUIRE_CALDAV=1). Each test makes its own
//! calendar collection, and drives the worker one round at a time on a fixed clock.

use crate::both_backends;
use crate::helpers::*;
use frontdesk::calendar::service::{BookingDetails, Calendar};
use frontdesk::clock::FixedClock;
use frontdesk::jobs::caldav::{CaldavWorker, Synced};
use frontdesk::store::bookings::BookingRow;
use frontdesk::store::caldav::Health;
use frontdesk::store::BookingId;

both_backends!(
    a_booking_is_written_moved_and_removed,
    a_write_whose_answer_was_lost_is_not_doubled_and_owner_edits_are_overwritten,
    a_wrong_or_missing_password_is_a_health_error_and_the_booking_lands_once_fixed,
    an_unreachable_server_backs_off_and_the_booking_lands_later,
    held_and_lapsed_bookings_are_never_written,
    a_booking_made_by_text_reaches_the_calendar_through_the_running_worker,
);

/// The test server: its base URL (without credentials) and the test user.
struct Dav {
    base: reqwest::Url,
    user: String,
    password: String,
    http: reqwest::Client,
}

fn dav() -> Option<Dav> {
    let Some(url) = std::env::var("FRONTDESK_TEST_CALDAV_URL")
        .ok()
        .filter(|s| !s.is_empty())
    else {
        if std::env::var("FRONTDESK_REQUIRE_CALDAV").as_deref() == Ok("1") {
            panic!("FRONTDESK_REQUIRE_CALDAV=1 but FRONTDESK_TEST_CALDAV_URL is not set: run `scripts/radicale start`");
        }
        skipped_once(
            "CalDAV tests",
            "run `scripts/radicale start` and set FRONTDESK_TEST_CALDAV_URL=$(scripts/radicale start) to run them",
        );
        return None;
    };
    let mut base = reqwest::Url::parse(&url).expect("FRONTDESK_TEST_CALDAV_URL is a URL");
    let user = base.username().to_string();
    let password = base.password().unwrap_or_default().to_string();
    assert!(
        !user.is_empty(),
        "FRONTDESK_TEST_CALDAV_URL names the test user: http://USER:PASSWORD@HOST:PORT/"
    );
    frontdesk::telephony::twilio::ensure_crypto_provider();
    base.set_username("").unwrap();
    base.set_password(None).unwrap();
    Some(Dav {
        base,
        user,
        password,
        http: reqwest::Client::new(),
    })
}

impl Dav {
    /// A new, empty calendar collection of the test user.
    async fn new_calendar(&self) -> String {
        let url = self
            .base
            .join(&format!(
                "{}/fdtest-{}/",
                self.user,
                uuid::Uuid::new_v4().simple()
            ))
            .unwrap()
            .to_string();
        let res = self
            .http
            .request(reqwest::Method::from_bytes(b"MKCALENDAR").unwrap(), &url)
            .basic_auth(&self.user, Some(&self.password))
            .send()
            .await
            .expect("the CalDAV server answers");
        assert_eq!(res.status(), 201, "MKCALENDAR {url}");
        url
    }

    /// The addresses of the calendar objects in a collection.
    async fn objects(&self, collection: &str) -> Vec<String> {
        let res = self
            .http
            .request(
                reqwest::Method::from_bytes(b"PROPFIND").unwrap(),
                collection,
            )
            .basic_auth(&self.user, Some(&self.password))
            .header("Depth", "1")
            .header("Content-Type", "application/xml")
            .body(
                r#"<?xml version="1.0"?><propfind xmlns="DAV:"><prop><getetag/></prop></propfind>"#,
            )
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 207);
        let xml = res.text().await.unwrap();
        xml.split("<href>")
            .skip(1)
            .filter_map(|s| s.split("</href>").next())
            .filter(|h| h.ends_with(".ics"))
            // The server escapes the '@' of our UIDs; the two spellings name one object.
            .map(|h| self.base.join(&h.replace("%40", "@")).unwrap().to_string())
            .collect()
    }

    /// A calendar object and its ETag (None: not there).
    async fn get(&self, url: &str) -> Option<(String, String)> {
        let res = self
            .http
            .get(url)
            .basic_auth(&self.user, Some(&self.password))
            .send()
            .await
            .unwrap();
        if res.status() == 404 {
            return None;
        }
        assert_eq!(res.status(), 200, "GET {url}");
        let etag = res.headers()["etag"].to_str().unwrap().to_string();
        Some((res.text().await.unwrap(), etag))
    }

    async fn put(&self, url: &str, ics: &str) -> String {
        let res = self
            .http
            .put(url)
            .basic_auth(&self.user, Some(&self.password))
            .header("Content-Type", "text/calendar")
            .body(ics.to_string())
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success(), "PUT {url}: {}", res.status());
        res.headers()["etag"].to_str().unwrap().to_string()
    }
}

/// The one VEVENT of a calendar object, as (name, value) pairs.
fn event(ics: &str) -> Vec<(String, String)> {
    let unfolded = icalendar::parser::unfold(ics);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("the object parses");
    let events: Vec<_> = parsed
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    assert_eq!(events.len(), 1, "{ics}");
    events[0]
        .properties
        .iter()
        .map(|p| (p.name.as_str().to_string(), p.val.as_str().to_string()))
        .collect()
}

fn prop<'a>(event: &'a [(String, String)], name: &str) -> &'a str {
    event
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {name} in {event:?}"))
}

fn ical_utc(ms: i64) -> String {
    chrono::DateTime::<chrono::Utc>::from_timestamp_millis(ms)
        .unwrap()
        .format("%Y%m%dT%H%M%SZ")
        .to_string()
}

fn details(name: &str) -> BookingDetails {
    BookingDetails {
        service: Some("Drain cleaning".into()),
        caller_name: Some(name.into()),
        caller_phone: Some(CALLER.into()),
        address: Some("12 Oak St".into()),
        ..Default::default()
    }
}

/// A fresh password variable for one test (tests run at once; each has its own).
fn password_var() -> String {
    format!(
        "FD_TEST_CALDAV_PW_{}",
        uuid::Uuid::new_v4().simple().to_string().to_uppercase()
    )
}

fn profile(collection: &str, user: &str, password_env: &str) -> String {
    format!(
        "{EXAMPLE}\n[booking.caldav]\nurl = {collection:?}\nusername = {user:?}\npassword_env = {password_env:?}\n"
    )
}

struct Setup {
    app: TestApp,
    dav: Dav,
    collection: String,
    password_env: String,
    worker: CaldavWorker,
}

async fn setup(backend: Backend) -> Option<Setup> {
    let dav = dav()?;
    let collection = dav.new_calendar().await;
    let password_env = password_var();
    std::env::set_var(&password_env, &dav.password);
    let app = spawn_app_with(
        backend,
        Options {
            clock: Some(FixedClock::new(open_hours_instant())),
            profile: profile(&collection, &dav.user, &password_env),
            worker: false,
            ..Default::default()
        },
    )
    .await;
    let worker = CaldavWorker::new(app.state.clone());
    Some(Setup {
        app,
        dav,
        collection,
        password_env,
        worker,
    })
}

impl Setup {
    async fn calendar_slots(
        &self,
    ) -> (
        frontdesk::store::businesses::BusinessRecord,
        Vec<frontdesk::calendar::Slot>,
    ) {
        let business = self.app.business().await;
        let slots = Calendar::new(&self.app.state.engine.calendar, &business)
            .open_slots(Some("Drain cleaning"))
            .await
            .unwrap()
            .slots;
        (business, slots)
    }

    fn url_of(&self, b: &BookingRow) -> String {
        frontdesk::calendar::caldav::resource_url(&self.collection, &b.uid)
    }

    async fn health(&self) -> Health {
        let mut conn = self.app.state.store.pool().acquire().await.unwrap();
        frontdesk::store::caldav::health(&mut conn, self.app.business_id)
            .await
            .unwrap()
    }

    async fn round(&self) -> Vec<(BookingId, Synced)> {
        self.worker.run_once().await.unwrap()
    }
}

async fn a_booking_is_written_moved_and_removed(backend: Backend) {
    let Some(s) = setup(backend).await else {
        return;
    };
    let (business, slots) = s.calendar_slots().await;
    let cal = Calendar::new(&s.app.state.engine.calendar, &business);
    let ann = cal
        .book(slots[0], &details("Ann Smith"), None)
        .await
        .unwrap();
    let bob = cal
        .book(slots[8], &details("Bob Jones"), None)
        .await
        .unwrap();
    assert_eq!(s.health().await.pending, 2);

    // Two workers at once (two instances): each booking is written exactly once.
    let (w1, w2) = (s.worker.clone(), CaldavWorker::new(s.app.state.clone()));
    let (r1, r2) = tokio::join!(w1.run_once(), w2.run_once());
    let mut done: Vec<(BookingId, Synced)> = r1.unwrap().into_iter().chain(r2.unwrap()).collect();
    done.sort_by_key(|(id, _)| *id);
    assert_eq!(
        done,
        vec![(ann.id, Synced::Written), (bob.id, Synced::Written)]
    );
    let mut objects = s.dav.objects(&s.collection).await;
    objects.sort();
    let mut expected = vec![s.url_of(&ann), s.url_of(&bob)];
    expected.sort();
    assert_eq!(objects, expected);

    // What the owner's calendar shows: the booking's UID, time, service and caller.
    let (ics, etag) = s.dav.get(&s.url_of(&ann)).await.expect("Ann's event");
    let e = event(&ics);
    assert_eq!(prop(&e, "UID"), ann.uid);
    assert_eq!(prop(&e, "DTSTART"), ical_utc(slots[0].start));
    assert_eq!(prop(&e, "DTEND"), ical_utc(slots[0].end));
    assert_eq!(prop(&e, "SUMMARY"), "Drain cleaning - Ann Smith");
    assert_eq!(prop(&e, "SEQUENCE"), "0");
    assert_eq!(prop(&e, "LOCATION"), "12 Oak St");
    assert!(
        !ics.contains("METHOD:"),
        "a CalDAV object has no METHOD: {ics}"
    );
    let h = s.health().await;
    assert_eq!((h.pending, h.error.as_deref()), (0, None));
    assert!(h.last_synced_at.is_some());

    // Nothing is written twice: another round finds nothing, and the event is untouched.
    assert!(s.round().await.is_empty());
    assert_eq!(s.dav.get(&s.url_of(&ann)).await.unwrap().1, etag);

    // A reschedule updates the same resource: one event, the new time, a new ETag.
    let moved = cal.reschedule(ann.id, slots[20]).await.unwrap();
    assert_eq!(s.round().await, vec![(ann.id, Synced::Written)]);
    assert_eq!(s.dav.objects(&s.collection).await.len(), 2);
    let (ics2, etag2) = s.dav.get(&s.url_of(&ann)).await.unwrap();
    assert_ne!(etag2, etag);
    let e2 = event(&ics2);
    assert_eq!(prop(&e2, "UID"), ann.uid);
    assert_eq!(prop(&e2, "DTSTART"), ical_utc(slots[20].start));
    assert_eq!(prop(&e2, "SEQUENCE"), moved.sequence.to_string());
    assert!(s.round().await.is_empty());

    // A cancel removes it; the other booking stays.
    cal.cancel(ann.id).await.unwrap();
    assert_eq!(s.round().await, vec![(ann.id, Synced::Deleted)]);
    assert!(s.dav.get(&s.url_of(&ann)).await.is_none());
    assert_eq!(s.dav.objects(&s.collection).await, vec![s.url_of(&bob)]);
    assert!(s.round().await.is_empty());
    // The bookings feed still says what happened.
    assert_eq!(s.health().await.pending, 0);
    s.app.stop().await;
}

async fn a_write_whose_answer_was_lost_is_not_doubled_and_owner_edits_are_overwritten(
    backend: Backend,
) {
    let Some(s) = setup(backend).await else {
        return;
    };
    let (business, slots) = s.calendar_slots().await;
    let cal = Calendar::new(&s.app.state.engine.calendar, &business);
    let ann = cal.book(slots[2], &details("Ann"), None).await.unwrap();
    // An earlier try reached the server but its answer never came back: the event is there, and
    // the booking is still marked unwritten.
    let url = s.url_of(&ann);
    s.dav
        .put(&url, &frontdesk::calendar::export::render_one(&ann))
        .await;
    assert_eq!(s.round().await, vec![(ann.id, Synced::Written)]);
    assert_eq!(s.dav.objects(&s.collection).await, vec![url.clone()]);
    let (_, etag) = s.dav.get(&url).await.unwrap();

    // The owner edits the event in their calendar app; then the caller moves the booking. The
    // booking wins (If-Match fails, the current copy is read and written over), still one event.
    let edited = frontdesk::calendar::export::render_one(&ann).replace(
        "SUMMARY:Drain cleaning - Ann",
        "SUMMARY:Drain cleaning - Ann (owner's note)",
    );
    let owner_etag = s.dav.put(&url, &edited).await;
    assert_ne!(owner_etag, etag);
    cal.reschedule(ann.id, slots[12]).await.unwrap();
    assert_eq!(s.round().await, vec![(ann.id, Synced::Written)]);
    let (ics, _) = s.dav.get(&url).await.unwrap();
    let e = event(&ics);
    assert_eq!(prop(&e, "DTSTART"), ical_utc(slots[12].start));
    assert_eq!(prop(&e, "SUMMARY"), "Drain cleaning - Ann");
    assert_eq!(s.dav.objects(&s.collection).await.len(), 1);

    // The owner deletes the event; a cancel then finds nothing to remove, and is done.
    let res = s
        .dav
        .http
        .delete(&url)
        .basic_auth(&s.dav.user, Some(&s.dav.password))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    cal.cancel(ann.id).await.unwrap();
    assert_eq!(s.round().await, vec![(ann.id, Synced::Deleted)]);
    assert!(s.round().await.is_empty());
    s.app.stop().await;
}

async fn a_wrong_or_missing_password_is_a_health_error_and_the_booking_lands_once_fixed(
    backend: Backend,
) {
    let Some(s) = setup(backend).await else {
        return;
    };
    let (business, slots) = s.calendar_slots().await;
    let cal = Calendar::new(&s.app.state.engine.calendar, &business);

    // A missing variable: a clear error and no request.
    std::env::remove_var(&s.password_env);
    let ann = cal.book(slots[0], &details("Ann"), None).await.unwrap();
    let out = s.round().await;
    let Synced::Retrying(e) = &out[0].1 else {
        panic!("{out:?}")
    };
    assert!(e.contains(&s.password_env) && e.contains("not set"), "{e}");
    let h = s.health().await;
    assert_eq!((h.pending, h.failing), (1, 1));
    assert!(h.error.as_deref().unwrap().contains("not set"));
    assert!(s.dav.objects(&s.collection).await.is_empty());
    let config = test_config(&s.app.db.url, "http://127.0.0.1:9");
    let report = frontdesk::doctor::check(&config, std::time::Duration::from_secs(1)).await;
    let line = report
        .findings
        .iter()
        .find(|f| f.what.contains("CalDAV"))
        .expect("doctor checks CalDAV");
    assert_eq!(line.level, frontdesk::doctor::Level::Fail, "{line:?}");
    assert!(line.what.contains(&s.password_env), "{line:?}");

    // A wrong password: the server refuses it; the error says so, without the password.
    std::env::set_var(&s.password_env, "not-the-password");
    s.app.advance(chrono::Duration::hours(1));
    let out = s.round().await;
    let Synced::Retrying(e) = &out[0].1 else {
        panic!("{out:?}")
    };
    assert!(e.contains("username or password"), "{e}");
    assert!(!e.contains("not-the-password"));
    let h = s.health().await;
    assert_eq!(h.pending, 1);
    assert!(h.error.as_deref().unwrap().contains("401"), "{h:?}");
    assert!(h.next_try_at.unwrap() > frontdesk::clock::to_millis(s.app.state.clock.now()));
    let report = frontdesk::doctor::check(&config, std::time::Duration::from_secs(1)).await;
    let line = report
        .findings
        .iter()
        .find(|f| f.what.contains("CalDAV"))
        .unwrap();
    assert_eq!(line.level, frontdesk::doctor::Level::Fail, "{line:?}");
    assert!(line.what.contains("username or password"), "{line:?}");
    // The dashboard shows it where feed health is shown.
    let page = dashboard_profile_page(&s.app).await;
    assert!(page.contains("Calendar write-back (CalDAV)"), "{page}");
    assert!(page.contains("username or password"), "{page}");

    // Fixed: not before the retry falls due, then it lands, once.
    std::env::set_var(&s.password_env, &s.dav.password);
    assert!(s.round().await.is_empty());
    s.app.advance(chrono::Duration::hours(1));
    assert_eq!(s.round().await, vec![(ann.id, Synced::Written)]);
    assert_eq!(s.dav.objects(&s.collection).await, vec![s.url_of(&ann)]);
    let h = s.health().await;
    assert_eq!((h.pending, h.error), (0, None));
    let report = frontdesk::doctor::check(&config, std::time::Duration::from_secs(1)).await;
    let line = report
        .findings
        .iter()
        .find(|f| f.what.contains("CalDAV"))
        .unwrap();
    assert_eq!(line.level, frontdesk::doctor::Level::Ok, "{line:?}");
    assert!(s.round().await.is_empty());
    std::env::remove_var(&s.password_env);
    s.app.stop().await;
}

/// The profile page of the dashboard (where feed health is shown), as the business's owner.
async fn dashboard_profile_page(app: &TestApp) -> String {
    use crate::dashboard::{add_user, signed_in, OWNER};
    add_user(app, OWNER, "owner", "Dave").await;
    let web = signed_in(app, OWNER).await;
    let page = web.get(&format!("/app/{}/profile", app.business_id)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.body
}

/// A door to the CalDAV server that can be shut: while shut, nothing listens on its port.
struct Door {
    addr: std::net::SocketAddr,
    target: std::net::SocketAddr,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Door {
    async fn shut(target: std::net::SocketAddr) -> Door {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = l.local_addr().unwrap();
        drop(l);
        Door {
            addr,
            target,
            task: None,
        }
    }

    async fn open(&mut self) {
        let l = tokio::net::TcpListener::bind(self.addr).await.unwrap();
        let target = self.target;
        self.task = Some(tokio::spawn(async move {
            while let Ok((mut inbound, _)) = l.accept().await {
                tokio::spawn(async move {
                    if let Ok(mut out) = tokio::net::TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut out).await;
                    }
                });
            }
        }));
    }
}

impl Drop for Door {
    fn drop(&mut self) {
        if let Some(t) = self.task.take() {
            t.abort();
        }
    }
}

async fn an_unreachable_server_backs_off_and_the_booking_lands_later(backend: Backend) {
    let Some(dav) = dav() else { return };
    let collection = dav.new_calendar().await;
    let target = dav
        .base
        .socket_addrs(|| None)
        .unwrap()
        .into_iter()
        .next()
        .unwrap();
    let mut door = Door::shut(target).await;
    let mut through_door = reqwest::Url::parse(&collection).unwrap();
    through_door.set_port(Some(door.addr.port())).unwrap();
    let password_env = password_var();
    std::env::set_var(&password_env, &dav.password);
    let app = spawn_app_with(
        backend,
        Options {
            clock: Some(FixedClock::new(open_hours_instant())),
            profile: profile(through_door.as_str(), &dav.user, &password_env),
            worker: false,
            ..Default::default()
        },
    )
    .await;
    let worker = CaldavWorker::new(app.state.clone());
    let business = app.business().await;
    let cal = Calendar::new(&app.state.engine.calendar, &business);
    let slots = cal.open_slots(Some("Drain cleaning")).await.unwrap().slots;
    let ann = cal.book(slots[3], &details("Ann"), None).await.unwrap();

    // Each failure waits longer before the next try.
    let now = || frontdesk::clock::to_millis(app.state.clock.now());
    let mut waits = Vec::new();
    for _ in 0..4 {
        let out = worker.run_once().await.unwrap();
        let Synced::Retrying(e) = &out[0].1 else {
            panic!("{out:?}")
        };
        assert!(e.contains("cannot reach"), "{e}");
        let h = {
            let mut conn = app.state.store.pool().acquire().await.unwrap();
            frontdesk::store::caldav::health(&mut conn, app.business_id)
                .await
                .unwrap()
        };
        let wait = h.next_try_at.unwrap() - now();
        waits.push(wait);
        // Not before it is due.
        assert!(worker.run_once().await.unwrap().is_empty());
        app.advance(chrono::Duration::milliseconds(wait));
    }
    assert!(waits.windows(2).all(|w| w[1] > w[0]), "{waits:?}");
    assert!(waits[0] >= 15_000, "{waits:?}");

    // The server is back: the booking lands, once, at the address the owner gave.
    door.open().await;
    assert_eq!(
        worker.run_once().await.unwrap(),
        vec![(ann.id, Synced::Written)]
    );
    let url = frontdesk::calendar::caldav::resource_url(&collection, &ann.uid);
    let (ics, _) = dav.get(&url).await.expect("landed");
    assert_eq!(prop(&event(&ics), "UID"), ann.uid);
    assert_eq!(dav.objects(&collection).await.len(), 1);
    assert!(worker.run_once().await.unwrap().is_empty());
    std::env::remove_var(&password_env);
    app.stop().await;
}

async fn held_and_lapsed_bookings_are_never_written(backend: Backend) {
    let Some(s) = setup(backend).await else {
        return;
    };
    let (business, slots) = s.calendar_slots().await;
    let cal = Calendar::new(&s.app.state.engine.calendar, &business);
    // A hold, a hold let go, a hold cancelled, a hold that lapses: nothing reaches the calendar.
    let held = cal.hold(slots[4], &details("Ann"), 15).await.unwrap();
    let let_go = cal.hold(slots[8], &details("Bob"), 15).await.unwrap();
    cal.release(let_go.id).await.unwrap();
    let cancelled = cal.hold(slots[12], &details("Cy"), 15).await.unwrap();
    cal.cancel(cancelled.id).await.unwrap();
    let lapsing = cal.hold(slots[16], &details("Dee"), 15).await.unwrap();
    let out = s.round().await;
    assert_eq!(out, vec![(cancelled.id, Synced::Nothing)], "held: {held:?}");
    assert!(s.dav.objects(&s.collection).await.is_empty());
    s.app.advance(chrono::Duration::minutes(10));
    // Confirmed in time: now it is a booking, and it is written.
    let booked = cal
        .book(slots[4], &details("Ann"), Some(held.id))
        .await
        .unwrap();
    assert_eq!(booked.id, held.id);
    s.app.advance(chrono::Duration::minutes(10));
    // Dee's hold has lapsed (marked expired by the next booking change).
    cal.book(slots[24], &details("Eve"), None).await.unwrap();
    let lapsed = {
        let mut conn = s.app.state.store.pool().acquire().await.unwrap();
        frontdesk::store::bookings::get(&mut conn, s.app.business_id, lapsing.id)
            .await
            .unwrap()
    };
    assert_eq!(lapsed.status, "expired");
    let mut out = s.round().await;
    out.sort_by_key(|(id, _)| *id);
    assert_eq!(out.len(), 2, "{out:?}");
    assert!(out.iter().all(|(_, r)| *r == Synced::Written), "{out:?}");
    assert!(out.iter().any(|(id, _)| *id == held.id));
    assert_eq!(s.dav.objects(&s.collection).await.len(), 2);
    assert!(s.dav.get(&s.url_of(&lapsed)).await.is_none());
    assert!(s.dav.get(&s.url_of(&let_go)).await.is_none());
    assert!(s.dav.get(&s.url_of(&cancelled)).await.is_none());
    assert_eq!(s.health().await.pending, 0);
    s.app.stop().await;
}

/// Wait (a real 15 s at most) until the collection holds `n` objects.
async fn until_objects(dav: &Dav, collection: &str, n: usize) -> Vec<String> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let objects = dav.objects(collection).await;
        if objects.len() == n || std::time::Instant::now() > deadline {
            return objects;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn a_booking_made_by_text_reaches_the_calendar_through_the_running_worker(backend: Backend) {
    let Some(dav) = dav() else { return };
    let collection = dav.new_calendar().await;
    let password_env = password_var();
    std::env::set_var(&password_env, &dav.password);
    // The app as it runs in production: its own CalDAV worker, woken by the receptionist.
    let app = spawn_app_with(
        backend,
        Options {
            clock: Some(FixedClock::new(open_hours_instant())),
            profile: profile(&collection, &dav.user, &password_env),
            ..Default::default()
        },
    )
    .await;
    app.say("Hi, my kitchen drain is clogged, can you come out?")
        .await;
    app.say("12 Oak St, I'm Jane Doe").await;
    let r = app.say("2").await;
    assert!(r.contains("reply YES to confirm"), "{r}");
    // Held while the caller decides: not on the calendar.
    assert_eq!(app.count("bookings WHERE status = 'held'").await, 1);
    let r = app.say("YES").await;
    assert!(r.starts_with("You're booked: "), "{r}");
    let objects = until_objects(&dav, &collection, 1).await;
    assert_eq!(objects.len(), 1, "the booking never reached the calendar");
    let (ics, _) = dav.get(&objects[0]).await.unwrap();
    let e = event(&ics);
    assert_eq!(prop(&e, "SUMMARY"), "Drain cleaning - Jane Doe");
    assert_eq!(prop(&e, "LOCATION"), "12 Oak St");
    let r = app.say("Actually please cancel my appointment").await;
    assert!(r.contains("is cancelled"), "{r}");
    assert!(
        until_objects(&dav, &collection, 0).await.is_empty(),
        "the cancelled booking stayed on the calendar"
    );
    std::env::remove_var(&password_env);
    app.stop().await;
}
