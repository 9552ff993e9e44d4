//! [`Namespaces`]: isolated mocks on one HTTP server, one a name, for tests that run at once.
//!
//! A request names its namespace by the header [`HEADER`] or the cookie [`COOKIE`] (the
//! header wins; neither: the default namespace, the server's own mock). A namespace's mock is
//! made from the server's options (its scenario, clock, seed and latency) when a request first
//! names it, and answers API and control requests alike. At most `max` are kept: making one
//! more drops the least recently used, and a later request naming a dropped one starts it
//! afresh.

use std::collections::HashMap;

use serde::Serialize;

use super::engine::{Mock, MockOptions};
use super::wire::{ApiError, MockRequest, MockResponse};

/// The request header naming a namespace.
pub const HEADER: &str = "x-mock-namespace";

/// The cookie naming a namespace (for requests a browser makes, and an app's server passes on).
pub const COOKIE: &str = "mock-namespace";

/// How many namespaces a server keeps unless told otherwise.
pub const DEFAULT_MAX: usize = 1000;

/// The longest name.
pub const MAX_NAME_LEN: usize = 64;

/// The named mocks of one server.
#[derive(Debug, Clone)]
pub struct Namespaces {
    /// What a new namespace's mock is made from.
    template: MockOptions,
    max: usize,
    /// Each mock with the tick of its last use.
    mocks: HashMap<String, (Mock, u64)>,
    tick: u64,
}

/// One namespace as `GET /__mock/namespaces` lists it.
#[derive(Debug, Serialize)]
struct Listed<'a> {
    name: &'a str,
    sessions: usize,
}

impl Namespaces {
    /// No namespace yet; new ones are made from `template` (its own `namespaces` ignored),
    /// at most `max` (at least 1) kept.
    pub fn new(mut template: MockOptions, max: usize) -> Self {
        template.namespaces = None;
        Namespaces {
            template,
            max: max.max(1),
            mocks: HashMap::new(),
            tick: 0,
        }
    }

    /// The namespace `req` names: `None` for the default one.
    ///
    /// # Errors
    /// `400 BAD_REQUEST` naming the value when it is not 1 to 64 letters, digits, `-` or `_`.
    pub fn named(req: &MockRequest) -> Result<Option<&str>, ApiError> {
        let name = match req.header(HEADER) {
            Some(name) => Some((name.trim(), HEADER, "header")),
            None => req.header("cookie").and_then(|cookies| {
                cookies.split(';').find_map(|pair| {
                    let (key, value) = pair.split_once('=')?;
                    (key.trim() == COOKIE).then(|| (value.trim(), COOKIE, "cookie"))
                })
            }),
        };
        match name {
            None | Some(("", _, _)) => Ok(None),
            Some((name, _, _)) if is_valid(name) => Ok(Some(name)),
            Some((name, carrier, kind)) => Err(ApiError::bad_request(format!(
                "the namespace `{name}` (from the {carrier} {kind}) must be 1 to {MAX_NAME_LEN} letters, digits, `-` or `_`"
            ))),
        }
    }

    /// The mock of namespace `name`, made now if it has none (dropping the least recently
    /// used one when `max` are kept).
    pub fn get(&mut self, name: &str) -> &mut Mock {
        self.tick += 1;
        let tick = self.tick;
        if !self.mocks.contains_key(name) && self.mocks.len() >= self.max {
            let oldest = self
                .mocks
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(name, _)| name.clone());
            if let Some(oldest) = oldest {
                self.mocks.remove(&oldest);
            }
        }
        let template = &self.template;
        let (mock, used) = self
            .mocks
            .entry(name.to_owned())
            .or_insert_with(|| (Mock::new(template.clone()), tick));
        *used = tick;
        mock
    }

    /// `GET /__mock/namespaces`: `{ "max": N, "namespaces": [{ "name", "sessions" }] }`, by name.
    pub fn list(&self) -> MockResponse {
        let mut listed: Vec<Listed<'_>> = self
            .mocks
            .iter()
            .map(|(name, (mock, _))| Listed {
                name,
                sessions: mock.state().sessions.len(),
            })
            .collect();
        listed.sort_by(|a, b| a.name.cmp(b.name));
        MockResponse::json(
            200,
            &serde_json::json!({ "max": self.max, "namespaces": listed }),
        )
    }
}

/// 1 to [`MAX_NAME_LEN`] ASCII letters, digits, `-` or `_`.
pub fn is_valid(name: &str) -> bool {
    (1..=MAX_NAME_LEN).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_wins_over_the_cookie_and_names_are_checked() {
        let req = MockRequest::new("GET", "/sessions/x")
            .with_header("cookie", "a=1; mock-namespace=from-cookie; b=2");
        assert_eq!(Namespaces::named(&req).unwrap(), Some("from-cookie"));
        let req = req.with_header(HEADER, "from_header-2");
        assert_eq!(Namespaces::named(&req).unwrap(), Some("from_header-2"));
        let none = MockRequest::new("GET", "/sessions/x").with_header("cookie", "a=1");
        assert_eq!(Namespaces::named(&none).unwrap(), None);
        for bad in ["a b", "é", "x/y", &"x".repeat(65)] {
            let req = MockRequest::new("GET", "/").with_header(HEADER, bad);
            let err = Namespaces::named(&req).unwrap_err();
            assert_eq!(err.status, 400, "{bad}");
            assert!(err.description.contains(bad), "{}", err.description);
        }
        assert!(is_valid(&"x".repeat(64)));
    }

    #[test]
    fn the_least_recently_used_is_dropped_past_the_bound() {
        let mut namespaces = Namespaces::new(MockOptions::default(), 2);
        namespaces.get("a");
        namespaces.get("b");
        namespaces.get("a"); // a is used last: b goes
        namespaces.get("c");
        let listed = String::from_utf8(namespaces.list().body).unwrap();
        assert!(
            listed.contains("\"a\"") && listed.contains("\"c\""),
            "{listed}"
        );
        assert!(!listed.contains("\"b\""), "{listed}");
    }
}
