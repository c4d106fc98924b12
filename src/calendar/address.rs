//! Which calendar feed addresses the server will read.
//!
//! An owner types the address, so by default it must be a public `https://` (or `webcal://`)
//! address: loopback, private, link-local and other non-public ranges are refused when the
//! profile is saved and again when connecting (the resolver below only hands out public
//! addresses, so a name that later resolves inward is refused too). File paths are read only
//! when the server admin allows them, and never come from the dashboard.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// The admin's switches (`FRONTDESK_ALLOW_PRIVATE_NETWORKS`, `FRONTDESK_ALLOW_FILE_FEEDS`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FeedPolicy {
    /// Loopback and private addresses (and plain `http://`) are allowed: tests, an office server.
    pub allow_private: bool,
    /// File paths are allowed (from `business import` only).
    pub allow_files: bool,
}

/// Where a feed address came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Typed in the dashboard: never a file.
    Dashboard,
    /// `business import` or a stored profile being fetched: files if the admin allows them.
    Admin,
}

/// What kind of source an address is, once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Url(reqwest::Url),
    File(String),
}

/// Whether an address can be global: not loopback, private, link-local, shared, documentation,
/// multicast, reserved or unspecified (IPv4-mapped and NAT64 IPv6 are judged by their IPv4).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => public_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return public_v4(v4);
            }
            let s = v6.segments();
            // NAT64 (64:ff9b::/96) reaches the embedded IPv4 address.
            if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
                let o = v6.octets();
                return public_v4(Ipv4Addr::new(o[12], o[13], o[14], o[15]));
            }
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00 // unique local
                || (s[0] & 0xffc0) == 0xfe80 // link-local
                || (s[0] & 0xffc0) == 0xfec0 // site-local (deprecated)
                || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
                || s[..6] == [0, 0, 0, 0, 0, 0]) // IPv4-compatible, ::/96
        }
    }
}

fn public_v4(ip: Ipv4Addr) -> bool {
    let o = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_unspecified()
        || ip.is_multicast()
        || o[0] == 0
        || (o[0] == 100 && (64..128).contains(&o[1])) // shared address space (CGNAT)
        || (o[0] == 192 && o[1] == 0 && o[2] == 0) // IETF protocol assignments
        || (o[0] == 198 && (18..20).contains(&o[1])) // benchmarking
        || o[0] >= 240) // reserved
}

const PRIVATE_REFUSED: &str = "points to a private or local network address; a calendar feed must be a public https:// or webcal:// address";

/// Check an address as typed, without the network: the scheme, a literal IP, local names, and
/// whether a file path may be used here. Errors are sentences for the owner.
pub fn check(source: &str, policy: FeedPolicy, origin: Origin) -> Result<Source, String> {
    let source = source.trim();
    let lower = source.to_ascii_lowercase();
    let url_text = if let Some(rest) = lower.strip_prefix("webcal://") {
        // Calendar apps hand out webcal:// addresses; they are plain https.
        format!("https://{}", &source[source.len() - rest.len()..])
    } else if lower.contains("://") {
        source.to_string()
    } else {
        return match (origin, policy.allow_files) {
            (Origin::Admin, true) => Ok(Source::File(
                source
                    .strip_prefix("file://")
                    .unwrap_or(source)
                    .to_string(),
            )),
            (Origin::Dashboard, _) => Err(
                "must be an https:// or webcal:// address (file paths cannot be used from the dashboard)"
                    .into(),
            ),
            (Origin::Admin, false) => Err(
                "is a file path; this server reads calendar files only when FRONTDESK_ALLOW_FILE_FEEDS=true"
                    .into(),
            ),
        };
    };
    if lower.starts_with("file://") {
        return check(&source["file://".len()..], policy, origin);
    }
    let url = reqwest::Url::parse(&url_text).map_err(|_| "is not a valid address".to_string())?;
    match url.scheme() {
        "https" => {}
        "http" if policy.allow_private => {}
        "http" => return Err("must use https:// (or webcal://), not http://".into()),
        other => {
            return Err(format!(
                "uses {other}://; only https:// and webcal:// are read"
            ))
        }
    }
    if !policy.allow_private {
        let host = url
            .host_str()
            .ok_or_else(|| "has no server name".to_string())?;
        match host_ip(&url) {
            Some(ip) if !is_public(ip) => return Err(PRIVATE_REFUSED.into()),
            Some(_) => {}
            None => {
                let d = host.trim_end_matches('.').to_ascii_lowercase();
                if d == "localhost"
                    || [".localhost", ".local", ".internal", ".lan", ".home.arpa"]
                        .iter()
                        .any(|s| d.ends_with(s))
                    || !d.contains('.')
                {
                    return Err(PRIVATE_REFUSED.into());
                }
            }
        }
    }
    Ok(Source::Url(url))
}

/// The address a URL names literally ("https://10.0.0.5/", "https://[::1]/"), if it does.
fn host_ip(url: &reqwest::Url) -> Option<IpAddr> {
    let host = url.host_str()?;
    host.trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .ok()
}

/// Check an address when it is saved: as `check`, and a name that resolves only to non-public
/// addresses is refused too (a name that cannot be resolved now is left to the feed's health).
pub async fn check_on_save(source: &str, policy: FeedPolicy, origin: Origin) -> Result<(), String> {
    let Source::Url(url) = check(source, policy, origin)? else {
        return Ok(());
    };
    if policy.allow_private {
        return Ok(());
    }
    let host = url.host_str().unwrap_or("");
    if host_ip(&url).is_none() && !host.is_empty() {
        let lookup = tokio::net::lookup_host((host, url.port_or_known_default().unwrap_or(443)));
        if let Ok(Ok(addrs)) = tokio::time::timeout(std::time::Duration::from_secs(3), lookup).await
        {
            let addrs: Vec<SocketAddr> = addrs.collect();
            if !addrs.is_empty() && !addrs.iter().any(|a| is_public(a.ip())) {
                return Err(PRIVATE_REFUSED.into());
            }
        }
    }
    Ok(())
}

/// A resolver that hands out only public addresses: checked at connect time, so a name that
/// resolves to a private address (or changes to one after the save) is never connected to.
pub struct PublicOnly;

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|a| is_public(a.ip()))
                .collect();
            if addrs.is_empty() {
                return Err(Box::<dyn std::error::Error + Send + Sync>::from(
                    "the address points to a private or local network",
                ));
            }
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// A failed request to a calendar server, in words for the owner (never the server's own text):
/// timed out, refused by the address guard (`what` names the address: "the address", "the CalDAV
/// address"), redirected, or unreachable.
pub fn unreachable(e: &reqwest::Error, what: &str) -> String {
    let mut chain = String::new();
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(s) = source {
        chain.push_str(&s.to_string());
        source = s.source();
    }
    if e.is_timeout() {
        "the calendar server did not answer in time".to_string()
    } else if chain.contains("private or local network") {
        format!("{what} points to a private or local network address")
    } else if e.is_redirect() {
        "the calendar server redirected somewhere that cannot be read".to_string()
    } else {
        "cannot reach the calendar server".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_public_ranges() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "64:ff9b::a00:1",
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["8.8.8.8", "151.101.1.69", "2606:4700::1111"] {
            assert!(is_public(ip.parse().unwrap()), "{ip}");
        }
    }

    #[tokio::test]
    async fn the_resolver_never_hands_out_a_private_address() {
        use reqwest::dns::Resolve;
        // "localhost" resolves to loopback: refused at connect time, whatever the saved check said.
        let name: reqwest::dns::Name = "localhost".parse().unwrap();
        assert!(PublicOnly.resolve(name).await.is_err());
    }

    #[test]
    fn addresses_by_policy() {
        let strict = FeedPolicy::default();
        let d = Origin::Dashboard;
        assert!(check("https://calendar.google.com/x.ics", strict, d).is_ok());
        assert!(matches!(
            check("webcal://p01-caldav.icloud.com/x", strict, d),
            Ok(Source::Url(u)) if u.scheme() == "https"
        ));
        for bad in [
            "http://calendar.example.com/x.ics",
            "https://127.0.0.1/x.ics",
            "https://[::1]/x.ics",
            "https://169.254.169.254/latest/meta-data",
            "https://localhost:8080/x",
            "https://intranet/x",
            "https://printer.local/x",
            "ftp://example.com/x",
            "/etc/passwd",
            "file:///dev/zero",
            "evals/calendars/plumber.ics",
        ] {
            assert!(check(bad, strict, d).is_err(), "{bad}");
        }
        let admin = FeedPolicy {
            allow_private: false,
            allow_files: true,
        };
        assert!(check("/srv/feeds/a.ics", admin, Origin::Admin).is_ok());
        assert!(check("/srv/feeds/a.ics", admin, Origin::Dashboard).is_err());
        assert!(check("/srv/feeds/a.ics", strict, Origin::Admin).is_err());
        let office = FeedPolicy {
            allow_private: true,
            allow_files: false,
        };
        assert!(check("http://192.168.1.20:5232/cal/", office, d).is_ok());
    }
}
