//! Requests and responses as plain data, and [`ApiError`], the one way a failure is answered.

use serde::Serialize;

use crate::models::{ErrorMessage, ErrorPayload};

/// The largest request body the mock accepts; a larger one gets `413`. An adapter may stop
/// reading a body after `MAX_BODY_BYTES + 1` bytes: the core refuses it all the same.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The longest request target (path, `?` and query, as sent) the mock accepts; a longer one
/// gets `414` with no body, before routing and the journal. It is the limit of hyper's parser,
/// which answers `mock-server`'s requests the same way, so every mode agrees.
pub const MAX_TARGET_BYTES: usize = 65_534;

/// An HTTP request, as plain data. Its `Debug` form shows the body's size, not its text (a
/// `PUT` of a token carries the token's value).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct MockRequest {
    /// The method, upper case (`GET`, `POST`, ...).
    pub method: String,
    /// The percent-encoded path relative to the API's base URL, such as `/sessions/abc`.
    pub path: String,
    /// The query string without its `?` (empty when there is none).
    pub query: String,
    /// Request headers (names compared case-insensitively). The rules read none; the core
    /// reads `Origin` and `Access-Control-Request-Headers` to answer CORS.
    pub headers: Vec<(String, String)>,
    /// The body's bytes.
    pub body: Vec<u8>,
}

impl std::fmt::Debug for MockRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &self.headers)
            .field("body_bytes", &self.body.len())
            .finish()
    }
}

impl MockRequest {
    /// A request with `method` and a `target` that may carry a query (`/sessions/x?keepAlive=true`).
    pub fn new(method: &str, target: &str) -> Self {
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        MockRequest {
            method: method.to_ascii_uppercase(),
            path: path.to_owned(),
            query: query.to_owned(),
            ..MockRequest::default()
        }
    }

    /// This request with `body`.
    pub fn with_body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// This request with a header added.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The length of the target as sent (path, then `?` and the query if any), in bytes.
    pub fn target_len(&self) -> usize {
        let query = if self.query.is_empty() {
            0
        } else {
            1 + self.query.len()
        };
        self.path.len() + query
    }

    /// The value of header `name` (case-insensitive), if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// An HTTP response, as plain data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MockResponse {
    /// The status code.
    pub status: u16,
    /// Response headers.
    pub headers: Vec<(String, String)>,
    /// The body's bytes (empty for `204`).
    pub body: Vec<u8>,
    /// How long the transport must wait before delivering this answer (an injected delay).
    pub delay_ms: u64,
    /// No answer at all: the transport must fail as a network failure would.
    pub network_error: bool,
}

impl MockResponse {
    /// A response with no body.
    pub fn empty(status: u16) -> Self {
        MockResponse {
            status,
            ..MockResponse::default()
        }
    }

    /// No answer: an injected network failure.
    pub fn network_failure() -> Self {
        MockResponse {
            network_error: true,
            ..MockResponse::default()
        }
    }

    /// A JSON response: `value` written by its serde derive.
    pub fn json(status: u16, value: &(impl Serialize + ?Sized)) -> Self {
        // A session's text is about 1 KB: room for it at once. Cannot fail: nothing the
        // mock writes has a map with keys that are not strings.
        let mut text = Vec::with_capacity(1024);
        let _ = serde_json::to_writer(&mut text, value);
        Self::json_text(status, String::from_utf8(text).unwrap_or_default())
    }

    /// The `description` of a failure's `ErrorPayload` (empty when the body is not one).
    pub fn description(&self) -> String {
        serde_json::from_slice::<ErrorPayload>(&self.body)
            .ok()
            .and_then(|payload| payload.description)
            .unwrap_or_default()
    }

    /// `status` with JSON `text` as the body.
    pub fn json_text(status: u16, text: String) -> Self {
        MockResponse {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: text.into_bytes(),
            ..MockResponse::default()
        }
    }

    /// `405` for `method` on `path`, with an `Allow` header listing `allowed`.
    pub fn method_not_allowed(method: &str, path: &str, allowed: &[&str]) -> Self {
        let mut allow = String::new();
        for method in allowed {
            if !allow.is_empty() {
                allow.push_str(", ");
            }
            allow.push_str(method);
        }
        let mut response: MockResponse = ApiError::new(
            405,
            ErrorMessage::BadRequest,
            format!("{method} is not allowed on {path}; allowed: {allow}"),
        )
        .into();
        response.headers.push(("allow".into(), allow));
        response
    }

    /// The value of header `name` (case-insensitive), if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A failure with its status, [`ErrorMessage`] and a description of what was wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{status} {message}: {description}")]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The error kind.
    pub message: ErrorMessage,
    /// What was wrong, for a person to read.
    pub description: String,
}

impl ApiError {
    /// A failure with any status and message.
    pub fn new(status: u16, message: ErrorMessage, description: impl Into<String>) -> Self {
        ApiError {
            status,
            message,
            description: description.into(),
        }
    }

    /// `400 BAD_REQUEST`.
    pub fn bad_request(description: impl Into<String>) -> Self {
        Self::new(400, ErrorMessage::BadRequest, description)
    }

    /// `404 NOT_FOUND`.
    pub fn not_found(description: impl Into<String>) -> Self {
        Self::new(404, ErrorMessage::NotFound, description)
    }

    /// `500 SERVER_ERROR`.
    pub fn server_error(description: impl Into<String>) -> Self {
        Self::new(500, ErrorMessage::ServerError, description)
    }

    /// `413` for a body over [`MAX_BODY_BYTES`].
    pub fn body_too_large() -> Self {
        Self::new(
            413,
            ErrorMessage::BadRequest,
            format!("the request body is larger than the {MAX_BODY_BYTES}-byte limit"),
        )
    }
}

impl From<ApiError> for MockResponse {
    fn from(err: ApiError) -> Self {
        MockResponse::json(
            err.status,
            &ErrorPayload {
                message: err.message,
                description: Some(err.description),
            },
        )
    }
}
