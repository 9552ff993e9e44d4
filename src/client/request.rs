//! [`ApiRequest`]: one call as an HTTP request, before any transport sees it.

use super::ClientError;
use crate::operation::{Method, Operation};

/// The `Content-Type` of JSON bodies.
pub const CONTENT_JSON: &str = "application/json";
/// The `Content-Type` of text bodies (enableSession, revertIdentity, setSessionSsoToken).
pub const CONTENT_TEXT: &str = "text/plain";

/// Checks a header `fetch` would accept: the name a token of RFC 9110 (letters, digits and
/// ``!#$%&'*+-.^_`|~``), the value free of CR, LF and NUL and within Latin-1 (a `ByteString`).
/// `fetch` throws on anything else, so the client refuses it before sending, in both modes.
///
/// # Errors
/// What is wrong with the name or the value, for an `INVALID_ARGUMENT` message.
pub fn check_header(name: &str, value: &str) -> Result<(), String> {
    // A match, not `contains`: a searcher (memchr) would be linked into the wasm for it.
    let tchar = |b: u8| {
        b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'!' | b'#'
                    | b'$'
                    | b'%'
                    | b'&'
                    | b'\''
                    | b'*'
                    | b'+'
                    | b'-'
                    | b'.'
                    | b'^'
                    | b'_'
                    | b'`'
                    | b'|'
                    | b'~'
            )
    };
    if name.is_empty() || !name.bytes().all(tchar) {
        return Err(format!(
            "the header name \"{name}\" is not a token (letters, digits and !#$%&'*+-.^_`|~)"
        ));
    }
    if value
        .chars()
        .any(|c| c == '\r' || c == '\n' || c == '\0' || u32::from(c) > 0xff)
    {
        return Err(format!(
            "the value of header \"{name}\" holds a line break, a NUL or a character beyond Latin-1"
        ));
    }
    Ok(())
}

/// Checks a client's base URL when the client is built: an absolute `http:` or `https:`
/// URL, or a path on the page's origin (`/api`), with no query or fragment (either would
/// swallow every call's path).
///
/// # Errors
/// The message for an `INVALID_ARGUMENT`.
pub fn check_base_url(base: &str) -> Result<(), String> {
    // `get`, not `split_at`: a slice that may panic links core's panic formatting into the wasm.
    let scheme_end = base.bytes().position(|b| b == b':').unwrap_or(0);
    let scheme = base.get(..scheme_end).unwrap_or("");
    let host = base
        .get(scheme_end..)
        .and_then(|rest| rest.strip_prefix("://"));
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    let absolute = web && host.is_some_and(|h| !h.is_empty() && !h.starts_with('/'));
    let plain = !base.bytes().any(|b| b == b'?' || b == b'#');
    if plain && (absolute || base.starts_with('/')) {
        Ok(())
    } else {
        Err(format!(
            "`options.baseUrl` must be an absolute http(s) URL or a path such as \"/api\", with no query or fragment, got \"{base}\""
        ))
    }
}

/// A request body and its content type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestBody {
    /// [`CONTENT_JSON`] or [`CONTENT_TEXT`].
    pub content_type: &'static str,
    /// The body.
    pub text: String,
}

/// One call, ready for a transport: method and path from the [`Operation`] table, each
/// path parameter percent-encoded as one segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiRequest {
    /// Which endpoint.
    pub operation: Operation,
    /// The percent-encoded path, such as `/sessions/abc/tokens/a%2Fb`.
    pub path: String,
    /// The query string without `?`, if any.
    pub query: Option<String>,
    /// The body, if any.
    pub body: Option<RequestBody>,
}

impl ApiRequest {
    /// The request for `operation`, with `params` filling its path placeholders in order
    /// (`uuid`, then `tokenId`). An empty parameter, or `.` or `..` (which URL parsers would
    /// resolve away), is refused: it would change which URL is called.
    ///
    /// # Errors
    ///
    /// `INVALID_ARGUMENT` for a parameter that is empty, `.` or `..`, or too few parameters.
    pub fn new(operation: Operation, params: &[&str]) -> Result<Self, ClientError> {
        let mut params = params.iter();
        let mut path = String::new();
        for part in operation.path_template().split('/').skip(1) {
            path.push('/');
            if let Some(name) = part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                let Some(value) = params.next() else {
                    return Err(ClientError::InvalidArgument(format!(
                        "`{name}` is required"
                    )));
                };
                if value.is_empty() || *value == "." || *value == ".." {
                    return Err(ClientError::InvalidArgument(format!(
                        "`{name}` must be a non-empty string other than `.` and `..`, got \"{value}\""
                    )));
                }
                crate::percent::encode_segment(value, &mut path);
            } else {
                path.push_str(part);
            }
        }
        if params.next().is_some() {
            return Err(ClientError::InvalidArgument(format!(
                "{operation} takes fewer path parameters"
            )));
        }
        Ok(ApiRequest {
            operation,
            path,
            query: None,
            body: None,
        })
    }

    /// This request with a query string (without `?`).
    pub fn with_query(mut self, query: String) -> Self {
        self.query = Some(query);
        self
    }

    /// This request with a JSON body.
    pub fn with_json(mut self, text: String) -> Self {
        self.body = Some(RequestBody {
            content_type: CONTENT_JSON,
            text,
        });
        self
    }

    /// This request with a `text/plain` body.
    pub fn with_text(mut self, text: String) -> Self {
        self.body = Some(RequestBody {
            content_type: CONTENT_TEXT,
            text,
        });
        self
    }

    /// The HTTP method.
    pub fn method(&self) -> Method {
        self.operation.method()
    }

    /// The path and query, as a server sees them (`/sessions/x?keepAlive=true`).
    pub fn target(&self) -> String {
        match &self.query {
            Some(query) => format!("{}?{query}", self.path),
            None => self.path.clone(),
        }
    }

    /// The full URL under `base`, which may or may not end with `/`.
    pub fn url(&self, base: &str) -> String {
        format!("{}{}", base.trim_end_matches('/'), self.target())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn urls_under_a_base_with_or_without_slash() {
        let req = ApiRequest::new(Operation::GetSession, &["abc"]).unwrap();
        for base in [
            "https://a.example/api",
            "https://a.example/api/",
            "https://a.example/api//",
        ] {
            assert_eq!(req.url(base), "https://a.example/api/sessions/abc");
        }
        let req = req.with_query("keepAlive=true".into());
        assert_eq!(req.url("http://h"), "http://h/sessions/abc?keepAlive=true");
        assert_eq!(req.method(), Method::Get);
    }

    #[test]
    fn every_parameter_is_one_segment() {
        let req = ApiRequest::new(Operation::SetSessionSsoToken, &["s 1", "a/b?c#d%e é"]).unwrap();
        assert_eq!(
            req.path,
            "/sessions/s%201/tokens/a%2Fb%3Fc%23d%25e%20%C3%A9"
        );
        assert_eq!(req.method(), Method::Put);
        let fixed = ApiRequest::new(Operation::EnableSessionForEquisoftConnect, &["x"]).unwrap();
        assert_eq!(fixed.path, "/sessions/x/enable/EQUISOFT_CONNECT");
        assert_eq!(
            ApiRequest::new(Operation::DeleteExpiredSessions, &[])
                .unwrap()
                .path,
            "/sessions/expired"
        );
    }

    #[test]
    fn parameters_that_would_change_the_url_are_refused() {
        for bad in ["", ".", ".."] {
            let err = ApiRequest::new(Operation::GetSessionSsoToken, &["s", bad]).unwrap_err();
            assert_eq!(err.code(), "INVALID_ARGUMENT");
            assert!(err.to_string().contains("tokenId"), "{err}");
        }
        let err = ApiRequest::new(Operation::GetSession, &[]).unwrap_err();
        assert_eq!(err.to_string(), "invalid argument: `uuid` is required");
        let err = ApiRequest::new(Operation::GetSession, &["a", "b"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid argument: getSession takes fewer path parameters"
        );
        assert!(ApiRequest::new(Operation::GetSessionSsoToken, &["s", "..."]).is_ok());
    }

    #[test]
    fn headers_fetch_would_refuse_are_refused() {
        for good in [
            ("X-Client", "my app; v=1"),
            ("accept", ""),
            ("x!#$%&'*+-.^_`|~1", "é"),
            ("X-Last-Latin-1", "\u{ff}"),
        ] {
            assert_eq!(check_header(good.0, good.1), Ok(()), "{good:?}");
        }
        for (name, value) in [
            ("X Client", "v"),
            ("", "v"),
            ("Ünicode", "v"),
            ("X:Y", "v"),
            ("X", "a\r\nInjected: 1"),
            ("X", "a\nb"),
            ("X", "a\0b"),
            ("X", "snowman \u{2603}"),
            ("X", "first beyond Latin-1 \u{100}"),
        ] {
            assert!(check_header(name, value).is_err(), "{name:?}: {value:?}");
        }
    }

    #[test]
    fn base_urls_are_checked_up_front() {
        for good in [
            "https://a.example/api",
            "HTTP://localhost:8081",
            "/api",
            "/",
            "http://h/api/",
        ] {
            assert_eq!(check_base_url(good), Ok(()), "{good}");
        }
        for bad in [
            "https://a.example/api?v=1",
            "/api#x",
            "javascript:alert(1)",
            "ftp://files.example",
            "https://",
            "http:///x",
            "api",
        ] {
            let err = check_base_url(bad).unwrap_err();
            assert!(
                err.contains("absolute http(s) URL") && err.contains(bad),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn bodies_carry_their_content_type() {
        let req = ApiRequest::new(Operation::CreateSession, &[])
            .unwrap()
            .with_json("{}".into());
        assert_eq!(req.body.unwrap().content_type, "application/json");
        let req = ApiRequest::new(Operation::EnableSession, &["s"])
            .unwrap()
            .with_text("x".into());
        assert_eq!(req.body.unwrap().content_type, "text/plain");
    }

    #[cfg(feature = "mock")]
    proptest! {
        /// Whatever the token id, the mock's router decodes exactly it from the path.
        #[test]
        fn the_mock_router_decodes_what_the_client_encodes(token in "\\PC{1,40}") {
            prop_assume!(token != "." && token != "..");
            let req = ApiRequest::new(Operation::GetSessionSsoToken, &["s", &token]).unwrap();
            let route = crate::mock::route("GET", &req.path).unwrap();
            prop_assert_eq!(route.operation, Operation::GetSessionSsoToken);
            prop_assert_eq!(route.token_id, token);
        }
    }
}
