//! [`ClientError`]: every way a call can fail, with the `code` JS sees.

use crate::models::ErrorMessage;

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    /// The server answered with an `ErrorPayload`.
    #[error("{message} ({status}){}", description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    Api {
        /// The HTTP status.
        status: u16,
        /// The payload's `message`.
        message: ErrorMessage,
        /// The payload's `description`.
        description: Option<String>,
        /// The body, as received.
        body: String,
    },
    /// A failure status whose body is not an `ErrorPayload` (a proxy's HTML page, say).
    #[error("unexpected status {status} from {called}")]
    UnexpectedStatus {
        /// The HTTP status.
        status: u16,
        /// What was called: the method and URL (over HTTP) or target (on a mock).
        called: String,
        /// The body, as received.
        body: String,
    },
    /// A success status whose body is not what the operation returns.
    #[error("could not decode the {status} answer: {reason}")]
    Decode {
        /// The HTTP status.
        status: u16,
        /// What did not decode.
        reason: String,
        /// The body, as received.
        body: String,
    },
    /// No HTTP answer: the connection failed, CORS refused it, the network is down.
    #[error("network failure: {reason}")]
    Network {
        /// What failed, and where.
        reason: String,
        /// The error the platform reported, if any (in the browser, what `fetch` rejected
        /// with).
        cause: Option<Cause>,
    },
    /// No answer within the timeout.
    #[error("no answer within {0} ms")]
    Timeout(u32),
    /// The caller's `AbortSignal` fired.
    #[error("the call was aborted")]
    Aborted,
    /// The arguments were wrong; nothing was sent.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
}

/// The error a platform reported under a [`ClientError::Network`], as text: its name
/// (`TypeError`) and message (`Failed to fetch`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cause {
    /// The error's name.
    pub name: String,
    /// Its message.
    pub message: String,
}

/// The `code` of a [`ClientError`] that is not an `ErrorPayload`'s message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// [`ClientError::Network`].
    Network,
    /// [`ClientError::Timeout`].
    Timeout,
    /// [`ClientError::Aborted`].
    Aborted,
    /// [`ClientError::Decode`].
    Decode,
    /// [`ClientError::InvalidArgument`].
    InvalidArgument,
    /// [`ClientError::UnexpectedStatus`].
    UnexpectedStatus,
}

impl ErrorCode {
    /// The code as JS sees it.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Network => "NETWORK",
            ErrorCode::Timeout => "TIMEOUT",
            ErrorCode::Aborted => "ABORTED",
            ErrorCode::Decode => "DECODE",
            ErrorCode::InvalidArgument => "INVALID_ARGUMENT",
            ErrorCode::UnexpectedStatus => "UNEXPECTED_STATUS",
        }
    }
}

impl ClientError {
    /// A network failure with no error of the platform's behind it.
    pub fn network(reason: impl Into<String>) -> Self {
        ClientError::Network {
            reason: reason.into(),
            cause: None,
        }
    }

    /// The platform's error behind a network failure, if any.
    pub fn cause(&self) -> Option<&Cause> {
        match self {
            ClientError::Network { cause, .. } => cause.as_ref(),
            ClientError::Api { .. }
            | ClientError::UnexpectedStatus { .. }
            | ClientError::Decode { .. }
            | ClientError::Timeout(_)
            | ClientError::Aborted
            | ClientError::InvalidArgument(_) => None,
        }
    }

    /// Whether calling again may succeed and is safe: the network failed or no answer came
    /// in time, or the server answered 408, 429, 502, 503 or 504. After a call that is not
    /// `idempotent` (a `POST`), whose request may have arrived, only a 429 or a 503 (the
    /// server did not act on it) is.
    pub fn retryable(&self, idempotent: bool) -> bool {
        match self {
            ClientError::Network { .. } | ClientError::Timeout(_) => idempotent,
            ClientError::Api { status, .. } | ClientError::UnexpectedStatus { status, .. } => {
                matches!(status, 429 | 503) || (idempotent && matches!(status, 408 | 502 | 504))
            }
            ClientError::Decode { .. } | ClientError::Aborted | ClientError::InvalidArgument(_) => {
                false
            }
        }
    }

    /// The HTTP status, or 0 when no HTTP answer came.
    pub fn status(&self) -> u16 {
        match self {
            ClientError::Api { status, .. }
            | ClientError::UnexpectedStatus { status, .. }
            | ClientError::Decode { status, .. } => *status,
            ClientError::Network { .. }
            | ClientError::Timeout(_)
            | ClientError::Aborted
            | ClientError::InvalidArgument(_) => 0,
        }
    }

    /// The `ErrorPayload` message, or the client-side code.
    pub fn code(&self) -> &str {
        let code = match self {
            ClientError::Api { message, .. } => return message.as_str(),
            ClientError::UnexpectedStatus { .. } => ErrorCode::UnexpectedStatus,
            ClientError::Decode { .. } => ErrorCode::Decode,
            ClientError::Network { .. } => ErrorCode::Network,
            ClientError::Timeout(_) => ErrorCode::Timeout,
            ClientError::Aborted => ErrorCode::Aborted,
            ClientError::InvalidArgument(_) => ErrorCode::InvalidArgument,
        };
        code.as_str()
    }

    /// What went wrong, for a person to read.
    pub fn description(&self) -> String {
        match self {
            ClientError::Api {
                description: Some(description),
                ..
            } => description.clone(),
            ClientError::UnexpectedStatus {
                status,
                called,
                body,
            } => {
                let excerpt: String = body.chars().take(200).collect();
                let colon = if excerpt.is_empty() { "" } else { ": " };
                format!("unexpected status {status} from {called}{colon}{excerpt}")
            }
            // The code already says it: no "invalid argument:" or "network failure:" before
            // the reason (a mock's injected failure, passed on, would say it twice).
            ClientError::InvalidArgument(reason) | ClientError::Network { reason, .. } => {
                reason.clone()
            }
            ClientError::Api { .. }
            | ClientError::Decode { .. }
            | ClientError::Timeout(_)
            | ClientError::Aborted => self.to_string(),
        }
    }

    /// The body as received, when an HTTP answer came.
    pub fn body(&self) -> Option<&str> {
        match self {
            ClientError::Api { body, .. }
            | ClientError::UnexpectedStatus { body, .. }
            | ClientError::Decode { body, .. } => Some(body),
            ClientError::Network { .. }
            | ClientError::Timeout(_)
            | ClientError::Aborted
            | ClientError::InvalidArgument(_) => None,
        }
    }

    /// The error for a failure `status` with `body`: an `ErrorPayload` when the body is one
    /// (decoded by `parse_payload`), an unexpected status otherwise, which names what was
    /// `called` (a proxy's error page does not say which call it answered).
    pub fn from_failure(
        status: u16,
        called: String,
        body: String,
        parse_payload: impl FnOnce(&str) -> Option<(ErrorMessage, Option<String>)>,
    ) -> Self {
        match parse_payload(&body) {
            Some((message, description)) => ClientError::Api {
                status,
                message,
                description,
                body,
            },
            None => ClientError::UnexpectedStatus {
                status,
                called,
                body,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_network_failure_keeps_the_platforms_error_and_nothing_else_has_one() {
        let cause = Cause {
            name: "TypeError".into(),
            message: "Failed to fetch".into(),
        };
        let failed = ClientError::Network {
            reason: "fetch failed".into(),
            cause: Some(cause.clone()),
        };
        assert_eq!(failed.cause(), Some(&cause));
        assert_eq!(ClientError::network("down").cause(), None);
        assert_eq!(ClientError::Timeout(5).cause(), None);
    }

    #[test]
    fn retryable_only_where_calling_again_is_safe() {
        let api = |status| ClientError::Api {
            status,
            message: ErrorMessage::ServerError,
            description: None,
            body: String::new(),
        };
        let proxy = |status| ClientError::UnexpectedStatus {
            status,
            called: "GET /sessions/x".into(),
            body: String::new(),
        };
        for (err, idempotent, retryable) in [
            (ClientError::network("down"), true, true),
            (ClientError::network("down"), false, false),
            (ClientError::Timeout(5), true, true),
            (ClientError::Timeout(5), false, false),
            (api(503), false, true),
            (api(429), false, true),
            (proxy(429), true, true),
            (api(408), true, true),
            (api(408), false, false),
            (proxy(502), true, true),
            (proxy(502), false, false),
            (api(504), true, true),
            (api(500), true, false),
            (api(404), true, false),
            (ClientError::Aborted, true, false),
            (ClientError::InvalidArgument("x".into()), true, false),
        ] {
            assert_eq!(
                err.retryable(idempotent),
                retryable,
                "{err:?} idempotent {idempotent}"
            );
        }
    }

    #[test]
    fn codes_and_statuses() {
        let api = ClientError::Api {
            status: 404,
            message: ErrorMessage::NotFound,
            description: Some("no session".into()),
            body: "{}".into(),
        };
        assert_eq!(
            (api.status(), api.code(), api.description().as_str()),
            (404, "NOT_FOUND", "no session")
        );
        assert_eq!(api.to_string(), "NOT_FOUND (404): no session");
        let timeout = ClientError::Timeout(50);
        assert_eq!((timeout.status(), timeout.code()), (0, "TIMEOUT"));
        assert_eq!(timeout.body(), None);
        let unknown = ClientError::Api {
            status: 418,
            message: ErrorMessage::Unknown("TEAPOT".into()),
            description: None,
            body: String::new(),
        };
        assert_eq!(
            unknown.code(),
            "TEAPOT",
            "an unknown message is kept as its string"
        );
    }

    #[test]
    fn a_failure_without_an_error_payload_is_an_unexpected_status() {
        let html = "<html><body>502 Bad Gateway</body></html>".to_owned();
        let called = "GET https://api.example/sessions/x".to_owned();
        let err = ClientError::from_failure(502, called, html.clone(), |_| None);
        assert_eq!(err.code(), "UNEXPECTED_STATUS");
        assert!(err.description().contains("502 Bad Gateway"));
        assert!(err
            .description()
            .starts_with("unexpected status 502 from GET https://api.example/sessions/x: "));
        assert_eq!(err.body(), Some(html.as_str()));
        // An empty body: no colon left hanging.
        let called = "POST /api/sessions".to_owned();
        let empty = ClientError::from_failure(404, called, String::new(), |_| None);
        assert_eq!(
            empty.description(),
            "unexpected status 404 from POST /api/sessions"
        );
    }

    #[test]
    fn a_network_failure_says_its_reason_once() {
        let err = ClientError::network("injected network failure (mock)");
        assert_eq!(err.description(), "injected network failure (mock)");
        // Passed on by a client calling that mock: still once.
        let passed = ClientError::network(err.description());
        assert_eq!(passed.description(), "injected network failure (mock)");
        assert_eq!(passed.code(), "NETWORK");
    }
}
