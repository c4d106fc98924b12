//! Writing bookings into an owner's CalDAV calendar collection (`booking.caldav`): one calendar
//! object resource per booking at `{collection}/{uid}.ics`, created with `If-None-Match: *`,
//! replaced with `If-Match: <etag>`, deleted on cancel. The worker that decides what to send is
//! `jobs::caldav`; this is only the HTTP side.
//!
//! The collection address goes through the same guard as calendar feeds (`address`): public
//! `https://` only unless the admin allows private networks, checked again when connecting (the
//! resolver hands out public addresses only). No redirects are followed, every request has a
//! timeout, and a body is read no further than a bound. Errors are sentences for the owner:
//! never the password, never the server's own text.

use super::address::{self, FeedPolicy, Origin, Source};
use std::sync::Arc;
use std::time::Duration;

/// The most of a calendar object we read back (ours are a few hundred bytes).
pub const MAX_OBJECT_BYTES: usize = 256 * 1024;

/// What a write must find on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precondition<'a> {
    /// Nothing there yet (`If-None-Match: *`).
    Absent,
    /// Our copy, unchanged (`If-Match`).
    Matches(&'a str),
    /// Anything (the server gave us no ETag to compare).
    Any,
}

/// How the server answered a write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Done {
        etag: Option<String>,
    },
    /// 412: the precondition did not hold (an earlier try landed, or the owner changed the event).
    PreconditionFailed,
    /// 404 or 410.
    NotFound,
}

pub struct Credentials<'a> {
    pub username: &'a str,
    pub password: &'a str,
}

pub struct Client {
    http: reqwest::Client,
    policy: FeedPolicy,
}

/// `{collection}/{uid}.ics`.
pub fn resource_url(collection: &str, uid: &str) -> String {
    let base = collection.trim();
    let encoded: String = uid
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'@' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("{}/{encoded}.ics", base.trim_end_matches('/'))
}

impl Client {
    pub fn new(timeout: Duration, policy: FeedPolicy) -> anyhow::Result<Self> {
        crate::telephony::twilio::ensure_crypto_provider();
        let mut http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(Duration::from_secs(5).min(timeout))
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!(
                "frontdesk/",
                env!("CARGO_PKG_VERSION"),
                " (CalDAV write-back)"
            ));
        if !policy.allow_private {
            http = http.dns_resolver(Arc::new(address::PublicOnly));
        }
        Ok(Self {
            http: http.build()?,
            policy,
        })
    }

    /// The address as the guard sees it: an http(s) URL (never a file).
    pub fn check(&self, url: &str) -> Result<reqwest::Url, String> {
        match address::check(url, self.policy, Origin::Dashboard) {
            Ok(Source::Url(u)) if matches!(u.scheme(), "https" | "http") => Ok(u),
            Ok(_) => Err("the CalDAV address must be an https:// address".into()),
            Err(e) => Err(format!(
                "the CalDAV address {}",
                e.replace("a calendar feed", "a CalDAV calendar")
            )),
        }
    }

    fn request(
        &self,
        method: reqwest::Method,
        url: &str,
        auth: &Credentials<'_>,
    ) -> Result<reqwest::RequestBuilder, String> {
        let url = self.check(url)?;
        Ok(self
            .http
            .request(method, url)
            .basic_auth(auth.username, Some(auth.password)))
    }

    /// Put one calendar object.
    pub async fn put(
        &self,
        url: &str,
        auth: &Credentials<'_>,
        ics: &str,
        pre: Precondition<'_>,
    ) -> Result<Answer, String> {
        let req = self
            .request(reqwest::Method::PUT, url, auth)?
            .header("Content-Type", "text/calendar; charset=utf-8")
            .body(ics.to_string());
        answer(send(precondition(req, pre)).await?)
    }

    /// Delete one calendar object.
    pub async fn delete(
        &self,
        url: &str,
        auth: &Credentials<'_>,
        pre: Precondition<'_>,
    ) -> Result<Answer, String> {
        let req = self.request(reqwest::Method::DELETE, url, auth)?;
        answer(send(precondition(req, pre)).await?)
    }

    /// The object and its ETag; `None` when it is not there.
    pub async fn get(
        &self,
        url: &str,
        auth: &Credentials<'_>,
    ) -> Result<Option<(String, Option<String>)>, String> {
        let res = send(self.request(reqwest::Method::GET, url, auth)?).await?;
        match answer_status(&res)? {
            Answer::NotFound => return Ok(None),
            Answer::PreconditionFailed => return Err(status_error(res.status())),
            Answer::Done { .. } => {}
        }
        let etag = etag_of(&res);
        let body = bounded_body(res, MAX_OBJECT_BYTES).await?;
        Ok(Some((body, etag)))
    }

    /// The ETag of the object now on the server; `None` when it is not there (the body is not read).
    pub async fn current_etag(
        &self,
        url: &str,
        auth: &Credentials<'_>,
    ) -> Result<Option<String>, String> {
        let res = send(self.request(reqwest::Method::HEAD, url, auth)?).await?;
        match answer_status(&res)? {
            Answer::NotFound => Ok(None),
            Answer::PreconditionFailed => Err(status_error(res.status())),
            Answer::Done { etag } => Ok(Some(etag.unwrap_or_default())),
        }
    }
}

fn precondition(req: reqwest::RequestBuilder, pre: Precondition<'_>) -> reqwest::RequestBuilder {
    match pre {
        Precondition::Absent => req.header("If-None-Match", "*"),
        Precondition::Matches(etag) => req.header("If-Match", etag),
        Precondition::Any => req,
    }
}

async fn send(req: reqwest::RequestBuilder) -> Result<reqwest::Response, String> {
    req.send()
        .await
        .map_err(|e| address::unreachable(&e, "the CalDAV address"))
}

fn etag_of(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

fn status_error(status: reqwest::StatusCode) -> String {
    match status.as_u16() {
        401 => "the calendar server refused the username or password (401)".into(),
        403 => "the calendar server refused access to the calendar (403)".into(),
        300..=399 => {
            format!("the calendar server redirected ({status}); use the calendar's final address")
        }
        507 => "the calendar server is out of space (507)".into(),
        _ => format!("the calendar server answered {status}"),
    }
}

fn answer_status(res: &reqwest::Response) -> Result<Answer, String> {
    let status = res.status();
    match status.as_u16() {
        200..=299 => Ok(Answer::Done { etag: etag_of(res) }),
        412 => Ok(Answer::PreconditionFailed),
        404 | 410 => Ok(Answer::NotFound),
        _ => Err(status_error(status)),
    }
}

fn answer(res: reqwest::Response) -> Result<Answer, String> {
    // The body of a write's answer is not needed; dropping the response leaves it unread.
    answer_status(&res)
}

async fn bounded_body(mut res: reqwest::Response, max: usize) -> Result<String, String> {
    if res.content_length().is_some_and(|l| l as usize > max) {
        return Err("the calendar server sent more than expected".into());
    }
    let mut body: Vec<u8> = Vec::new();
    loop {
        match res.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > max {
                    return Err("the calendar server sent more than expected".into());
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => break,
            Err(e) if e.is_timeout() => {
                return Err("the calendar server did not answer in time".into())
            }
            Err(_) => return Err("the download broke off".into()),
        }
    }
    String::from_utf8(body).map_err(|_| "the calendar object is not UTF-8 text".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_urls_join_and_escape() {
        assert_eq!(
            resource_url("https://c.example.com/dave/bookings/", "a1@frontdesk"),
            "https://c.example.com/dave/bookings/a1@frontdesk.ics"
        );
        assert_eq!(
            resource_url("https://c.example.com/dave/bookings", "a b/c"),
            "https://c.example.com/dave/bookings/a%20b%2Fc.ics"
        );
    }

    #[test]
    fn the_guard_refuses_private_addresses_unless_allowed() {
        let strict = Client::new(Duration::from_secs(1), FeedPolicy::default()).unwrap();
        for bad in [
            "http://cal.example.com/x/",
            "https://127.0.0.1/x/",
            "https://10.0.0.5/x/",
            "https://localhost/x/",
            "/etc/passwd",
        ] {
            assert!(strict.check(bad).is_err(), "{bad}");
        }
        assert!(strict.check("https://cal.example.com/dave/").is_ok());
        let open = Client::new(
            Duration::from_secs(1),
            FeedPolicy {
                allow_private: true,
                allow_files: true,
            },
        )
        .unwrap();
        assert!(open.check("http://127.0.0.1:5232/u/c/").is_ok());
        assert!(open.check("/etc/passwd").is_err());
    }
}
