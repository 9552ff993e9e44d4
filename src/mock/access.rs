//! [`Access`]: which web pages may drive a mock served over HTTP.
//!
//! A mock server left running on a developer's machine is reachable by every page their
//! browser opens. By default a served mock grants CORS only to loopback origins
//! (`http(s)://localhost`, `*.localhost`, `127.x.x.x`, `[::1]`, any port), refuses its
//! controls (`/__mock/`) to a request carrying any other `Origin` (a "simple" cross-site
//! `POST` needs no preflight, so withholding CORS alone would not stop it), and refuses any
//! request whose `Host` names no address of its own (DNS rebinding: a foreign page whose name
//! now resolves to 127.0.0.1 sends its own name as `Host`). The same defaults as Vite's dev
//! server (`server.cors`, `server.allowedHosts`) after CVE-2025-24010.
//!
//! An in-process mock (the in-page `SessionApiMock`, the service worker) has no such
//! callers: its default, [`Access::open`], lets every request in.

use std::net::IpAddr;

use super::control;
use super::wire::{ApiError, MockRequest};
use crate::models::ErrorMessage;

/// Who may call the mock: a pure policy over a request's `Origin` and `Host`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Access {
    /// Origins granted CORS besides loopback ones, lower-cased; `None`: every origin.
    origins: Option<Vec<String>>,
    /// Hosts (without port) accepted besides loopback ones, lower-cased, a leading `.` for a
    /// domain and its subdomains; `None`: every host.
    hosts: Option<Vec<String>>,
}

impl Access {
    /// Every origin and every host: for a mock no other page can reach.
    pub fn open() -> Self {
        Access::default()
    }

    /// Loopback origins and hosts only, and `listen_host`, the address the server listens on
    /// (an unspecified address, `0.0.0.0` or `::`, adds nothing).
    pub fn local(listen_host: &str) -> Self {
        let mut access = Access {
            origins: Some(Vec::new()),
            hosts: Some(Vec::new()),
        };
        let unspecified = strip_brackets(listen_host)
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_unspecified());
        if !unspecified {
            // An address `--host` accepted is a host name or an IP address: it reads.
            let _ = access.allow_host(listen_host);
        }
        access
    }

    /// Grants CORS (and the controls) to `origin` too: `scheme://host[:port]`, or `*` for
    /// every origin.
    ///
    /// # Errors
    /// Text naming the value when it is no origin.
    pub fn allow_origin(&mut self, origin: &str) -> Result<(), String> {
        if origin.trim() == "*" {
            self.origins = None;
            return Ok(());
        }
        let normal = origin.trim().trim_end_matches('/').to_ascii_lowercase();
        if parse_origin(&normal).is_none() {
            return Err(format!(
                "`{origin}` is not an origin (http://host or https://host, with an optional :port, no path) nor *"
            ));
        }
        if let Some(origins) = &mut self.origins {
            origins.push(normal);
        }
        Ok(())
    }

    /// Accepts `host` as a request's `Host` too (without a port; `.example.test` also
    /// accepts its subdomains).
    ///
    /// # Errors
    /// Text naming the value when it is no host name or address.
    pub fn allow_host(&mut self, host: &str) -> Result<(), String> {
        let normal = strip_brackets(host.trim()).to_ascii_lowercase();
        let name = normal.strip_prefix('.').unwrap_or(&normal);
        let readable = name.parse::<IpAddr>().is_ok()
            || !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
        if !readable {
            return Err(format!("`{host}` is not a host name or an IP address"));
        }
        if let Some(hosts) = &mut self.hosts {
            hosts.push(normal);
        }
        Ok(())
    }

    /// What a server prints as it starts (without its name): a warning when every page is
    /// granted, and the hosts it accepts when it listens on every address.
    pub fn start_notes(&self, every_address: bool) -> Vec<String> {
        let mut notes = Vec::new();
        if self.origins.is_none() {
            notes.push("warning: --allow-origin '*': any web page open in a browser on this machine can read this mock's journal (token values included), replace its state or wipe it".to_owned());
        }
        if let (true, Some(hosts)) = (every_address, &self.hosts) {
            let mut text = "on every address; a request must name one of these hosts: localhost, *.localhost, 127.0.0.0/8, [::1]".to_owned();
            for host in hosts {
                text.push_str(", ");
                text.push_str(host);
            }
            text.push_str(" (add others with --allow-host)");
            notes.push(text);
        }
        notes
    }

    /// The refusal (`403 ACCESS_DENIED`) for a request this policy turns away: a `Host`
    /// naming none of the server's addresses, or a control request from a foreign origin.
    pub fn refusal(&self, req: &MockRequest) -> Option<ApiError> {
        if let Some(host) = req.header("host") {
            if !self.host_allowed(host) {
                return Some(ApiError::new(
                    403,
                    ErrorMessage::AccessDenied,
                    format!(
                        "this mock server does not answer for the host `{host}` (allow it with --allow-host)"
                    ),
                ));
            }
        }
        if req.path.starts_with(control::PREFIX) {
            if let Some(origin) = req.header("origin") {
                if !self.origin_allowed(origin) {
                    return Some(ApiError::new(
                        403,
                        ErrorMessage::AccessDenied,
                        format!(
                            "a page on `{origin}` may not use this mock's controls (allow it with --allow-origin)"
                        ),
                    ));
                }
            }
        }
        None
    }

    /// The CORS headers for the answer to `req`: none without an `Origin` (not a browser's
    /// cross-origin call) or for an origin not granted; else they let that page call the
    /// mock with credentials, read `Allow` and `Retry-After`, and pass preflights
    /// (`OPTIONS`).
    pub fn cors_headers(&self, req: &MockRequest) -> Vec<(String, String)> {
        let mut headers = Vec::new();
        let Some(origin) = req.header("origin") else {
            return headers;
        };
        if !self.origin_allowed(origin) {
            return headers;
        }
        let mut add = |name: &str, value: &str| headers.push((name.into(), value.into()));
        add("access-control-allow-origin", origin);
        add("access-control-allow-credentials", "true");
        // What a page may read of an answer besides the basics: `Allow` (on a 405),
        // `Retry-After` (on a 429 or 503, for a client's retry) and `Date` (the mock's time,
        // for a countdown).
        add("access-control-expose-headers", "allow, retry-after, date");
        add("vary", "origin");
        if req.method == "OPTIONS" {
            add(
                "access-control-allow-methods",
                "GET, POST, PUT, PATCH, DELETE, OPTIONS",
            );
            if let Some(asked) = req.header("access-control-request-headers") {
                add("access-control-allow-headers", asked);
            }
            add("access-control-max-age", "600");
        }
        headers
    }

    /// Whether a page on `origin` is granted CORS.
    fn origin_allowed(&self, origin: &str) -> bool {
        let Some(origins) = &self.origins else {
            return true;
        };
        let normal = origin.trim().to_ascii_lowercase();
        parse_origin(&normal).is_some_and(is_loopback) || origins.contains(&normal)
    }

    /// Whether `host` (a `Host` header: a name or address, maybe with a port) is accepted.
    fn host_allowed(&self, host: &str) -> bool {
        let Some(hosts) = &self.hosts else {
            return true;
        };
        let Some(name) = split_port(&host.trim().to_ascii_lowercase()) else {
            return false;
        };
        is_loopback(&name)
            || hosts.iter().any(|allowed| match allowed.strip_prefix('.') {
                Some(domain) => {
                    name == domain
                        || name
                            .strip_suffix(domain)
                            .is_some_and(|sub| sub.ends_with('.'))
                }
                None => name == *allowed,
            })
    }
}

/// The host of a lower-cased `http(s)://host[:port]` origin, brackets removed.
fn parse_origin(origin: &str) -> Option<String> {
    let rest = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))?;
    if rest.contains(['/', '?', '#', '@']) {
        return None;
    }
    split_port(rest).filter(|host| !host.is_empty())
}

/// `host[:port]` or `[v6][:port]` without its port and brackets; `None` for a port that is
/// not a number.
fn split_port(authority: &str) -> Option<String> {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        (host, after.strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    match port {
        Some(port) if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) => None,
        _ => Some(host.to_owned()),
    }
}

fn strip_brackets(host: &str) -> &str {
    host.strip_prefix('[')
        .and_then(|inner| inner.strip_suffix(']'))
        .unwrap_or(host)
}

/// `localhost`, a name under `.localhost` (which resolves to loopback, RFC 6761), or a
/// loopback address.
fn is_loopback(host: impl AsRef<str>) -> bool {
    let host = host.as_ref();
    host == "localhost"
        || host.ends_with(".localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(path: &str, headers: &[(&str, &str)]) -> MockRequest {
        headers
            .iter()
            .fold(MockRequest::new("POST", path), |req, (name, value)| {
                req.with_header(name, value)
            })
    }

    #[test]
    fn loopback_origins_on_any_port_are_granted_and_others_not() {
        let access = Access::local("127.0.0.1");
        for origin in [
            "http://localhost:5173",
            "https://localhost",
            "http://app.localhost:3000",
            "http://127.0.0.1:8080",
            "http://127.0.0.2",
            "http://[::1]:4173",
            "HTTP://LOCALHOST:1",
        ] {
            assert!(access.origin_allowed(origin), "{origin}");
        }
        for origin in [
            "https://evil.example",
            "http://localhost.evil.example",
            "http://127.0.0.1.evil.example",
            "null",
            "file://",
            "http://localhost:80/path",
            "http://localhost:port",
        ] {
            assert!(!access.origin_allowed(origin), "{origin}");
        }
    }

    #[test]
    fn allowed_origins_widen_it_and_a_star_opens_it() {
        let mut access = Access::local("127.0.0.1");
        access.allow_origin("https://App.Example:8443/").unwrap();
        assert!(access.origin_allowed("https://app.example:8443"));
        assert!(!access.origin_allowed("https://app.example"));
        assert!(access.start_notes(false).is_empty());
        access.allow_origin("*").unwrap();
        assert!(access.start_notes(false)[0].starts_with("warning: --allow-origin '*'"));
        assert!(access.origin_allowed("https://evil.example"));
        assert!(Access::local("127.0.0.1")
            .allow_origin("example.com")
            .unwrap_err()
            .contains("example.com"));
        assert!(Access::local("127.0.0.1")
            .allow_origin("https://example.com/app")
            .is_err());
    }

    #[test]
    fn hosts_are_loopback_the_listening_address_and_those_allowed() {
        let mut access = Access::local("192.168.1.20");
        for host in [
            "localhost:8081",
            "localhost",
            "127.0.0.1:8081",
            "[::1]:8081",
            "192.168.1.20:8081",
        ] {
            assert!(access.host_allowed(host), "{host}");
        }
        for host in [
            "evil.example:8081",
            "evil.example",
            "192.168.1.21:8081",
            "localhost:x",
        ] {
            assert!(!access.host_allowed(host), "{host}");
        }
        access.allow_host("dev.example.test").unwrap();
        access.allow_host(".corp.test").unwrap();
        assert!(access.host_allowed("DEV.example.test:8081"));
        assert!(access.host_allowed("corp.test"));
        assert!(access.host_allowed("a.b.corp.test:1"));
        assert!(!access.host_allowed("evilcorp.test"));
        assert!(access.allow_host("no/slash").is_err());
        // An unspecified listening address is no host a request names.
        assert!(!Access::local("0.0.0.0").host_allowed("0.0.0.0:8081"));
        let notes = access.start_notes(true);
        assert!(notes[0].contains("[::1], 192.168.1.20, dev.example.test, .corp.test"));
    }

    #[test]
    fn refusals_are_a_403_for_a_foreign_host_or_a_foreign_page_on_a_control() {
        let access = Access::local("127.0.0.1");
        let evil = ("origin", "https://evil.example");
        let refused = access
            .refusal(&request("/__mock/reset", &[evil]))
            .expect("a foreign page's control call");
        assert_eq!(
            (refused.status, refused.message),
            (403, ErrorMessage::AccessDenied)
        );
        assert!(refused.description.contains("evil.example"));
        // The API is answered (the browser withholds it from the page: no CORS headers).
        assert!(access.refusal(&request("/sessions", &[evil])).is_none());
        assert!(access
            .cors_headers(&request("/sessions", &[evil]))
            .is_empty());
        let rebound = access
            .refusal(&request("/sessions", &[("host", "evil.example:8081")]))
            .expect("a rebinding host");
        assert!(rebound.description.contains("evil.example:8081"));
        // No Origin and a loopback Host (curl, Playwright, a server-side client).
        assert!(access
            .refusal(&request("/__mock/reset", &[("host", "127.0.0.1:8081")]))
            .is_none());
        let own = ("origin", "http://localhost:5173");
        assert!(access.refusal(&request("/__mock/reset", &[own])).is_none());
        assert!(!access
            .cors_headers(&request("/__mock/reset", &[own]))
            .is_empty());
        // An open mock refuses nothing.
        assert!(Access::open()
            .refusal(&request("/__mock/reset", &[evil, ("host", "evil.example")]))
            .is_none());
    }
}
