//! A mock on a virtual clock, and one-line calls that return the status and the JSON body.

use serde_json::{json, Value};
use session_client::mock::default_scenario::{ADMIN, ADVISOR};
use session_client::mock::{Clock, Mock, MockOptions, MockRequest, MockResponse};
use session_client::schema::SchemaError;
use session_client::time::Timestamp;

pub const MINUTE: i64 = 60_000;
pub const HOUR: i64 = 60 * MINUTE;

/// 2026-11-28T12:00:00Z, where every test mock starts.
pub fn start() -> Timestamp {
    Timestamp::parse("2026-11-28T12:00:00Z").unwrap()
}

pub struct TestMock {
    pub mock: Mock,
}

/// A status and the body parsed as JSON (`Null` when empty).
pub struct Reply {
    pub status: u16,
    pub body: Value,
    pub response: MockResponse,
}

impl Reply {
    /// Asserts a failure's status and `message`, and that it has a description.
    #[track_caller]
    pub fn assert_error(&self, status: u16, message: &str) {
        assert_eq!(
            (self.status, self.body["message"].as_str()),
            (status, Some(message)),
            "body: {}",
            self.body
        );
        let description = self.body["description"].as_str().unwrap_or("");
        assert!(!description.is_empty(), "no description in {}", self.body);
    }

    /// The error's description.
    pub fn description(&self) -> &str {
        self.body["description"].as_str().unwrap_or("")
    }
}

pub fn mock() -> TestMock {
    TestMock {
        mock: Mock::new(MockOptions {
            clock: Clock::Virtual(start()),
            seed: Some(7),
            ..MockOptions::default()
        }),
    }
}

impl TestMock {
    /// The mock's dump, as a serde value the tests can edit.
    pub fn dump(&self) -> Value {
        self.mock.dump()
    }

    /// Restores a dump given as a serde value.
    pub fn restore(&mut self, dump: Value) -> Result<(), SchemaError> {
        self.mock.restore(&dump)
    }

    pub fn send(&mut self, req: MockRequest) -> Reply {
        let response = self.mock.exchange(&req).response;
        let body = if response.body.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&response.body).expect("every body is JSON")
        };
        if !response.body.is_empty() {
            assert_eq!(response.header("content-type"), Some("application/json"));
        }
        Reply {
            status: response.status,
            body,
            response,
        }
    }

    pub fn call(&mut self, method: &str, target: &str, body: &str) -> Reply {
        self.send(MockRequest::new(method, target).with_body(body))
    }

    pub fn create(&mut self, payload: Value) -> Reply {
        self.call("POST", "/sessions", &payload.to_string())
    }

    /// Creates a session from `payload` and returns its id.
    #[track_caller]
    pub fn created(&mut self, payload: Value) -> String {
        let answer = self.create(payload);
        assert_eq!(answer.status, 201, "{}", answer.body);
        answer.body["sessionId"].as_str().unwrap().to_owned()
    }

    /// Creates an enabled session for `user` and returns its id.
    #[track_caller]
    pub fn session_for(&mut self, user: &str) -> String {
        self.created(json!({ "userUuid": user }))
    }

    pub fn admin_session(&mut self) -> String {
        self.session_for(ADMIN)
    }

    pub fn advisor_session(&mut self) -> String {
        self.session_for(ADVISOR)
    }

    pub fn get(&mut self, id: &str) -> Reply {
        self.call("GET", &format!("/sessions/{id}"), "")
    }

    pub fn state_of(&mut self, id: &str) -> String {
        self.get(id).body["state"]
            .as_str()
            .unwrap_or("GONE")
            .to_owned()
    }

    pub fn advance(&mut self, ms: i64) {
        self.mock.advance(ms);
    }
}

/// The rows of the Markdown table in `doc` whose header line starts with `header` (the lines
/// after its header and separator, while they start with `|`).
pub fn table_rows<'a>(doc: &'a str, header: &str) -> Vec<&'a str> {
    let start = doc
        .find(header)
        .unwrap_or_else(|| panic!("no table headed {header}"));
    doc[start..]
        .lines()
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .collect()
}
