//! The transport seam: the same [`ApiRequest`] goes to real `fetch` or to a
//! mock's `handleRequest` (a JS-level interface: the mock is another wasm module, loaded
//! only in development). Nothing else differs between the two modes.
//!
//! A call with hooks (the app's `headers` function, `fetch`, middleware or a retry policy:
//! [`Attempt::hooks`]) hands the request, built the same way, to `js/transport.js`, which
//! runs them around the same transport.

use js_sys::{JsString, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::AbortSignal;

use crate::client::{ApiRequest, Cause, ClientError, CONTENT_JSON};

/// A status and a body: all the rest of the client needs from a response.
pub(super) struct RawResponse {
    /// The HTTP status.
    pub status: u16,
    /// The body as text, still a JS string: it is copied into wasm once, to be checked, and
    /// `JSON.parse` reads this one.
    pub body: JsString,
}

/// Where requests go.
#[derive(Clone)]
pub(super) enum Transport {
    /// Real HTTP through `fetch`.
    Http,
    /// A mock's `handleRequest` (the mock lives in its own module).
    Mock(MockHandler),
}

/// The per-client HTTP settings.
#[derive(Clone)]
pub(super) struct HttpSettings {
    /// The API's base URL.
    pub base_url: String,
    /// `fetch`'s credentials mode: `omit`, `same-origin` or `include`.
    pub credentials: &'static str,
}

/// Which attempt of a call is being sent.
pub(super) struct Attempt<'a> {
    /// The call's hooks (`js/transport.js`), or `undefined` when it has none.
    pub hooks: &'a JsValue,
    /// 1, then 2, 3... when the call is retried.
    pub number: u32,
}

impl Transport {
    /// Where `request` goes: its URL under the base URL over HTTP, its target (path and
    /// query) on a mock. A call renders it once, for each attempt and its errors.
    pub(super) fn address(&self, http: &HttpSettings, request: &ApiRequest) -> String {
        match self {
            Transport::Http => request.url(&http.base_url),
            Transport::Mock(_) => request.target(),
        }
    }

    /// Sends `request` to its `address` ([`Transport::address`]) with its `lines` (as
    /// [`request_lines`] renders them), honouring `signal`: a promise that
    /// [`Transport::read`] reads once it settles.
    pub(super) fn send(
        &self,
        http: &HttpSettings,
        request: &ApiRequest,
        address: &str,
        lines: &str,
        signal: &AbortSignal,
        attempt: &Attempt<'_>,
    ) -> Result<Promise, ClientError> {
        match self {
            Transport::Http => fetch(http, request, address, lines, signal, attempt),
            Transport::Mock(mock) => Ok(via_mock(mock, request, address, lines, signal, attempt)),
        }
    }

    /// What the promise of [`Transport::send`] settled to: a status and the body's text,
    /// or (no status) what it rejected with: text (a mock's network failure, or the call
    /// stopped) or what the transport threw (over HTTP, `fetch` could not reach the URL).
    /// (When an app's function failed, `js/transport.js` makes the call's error itself: code
    /// `HOOK`.) [`Cancel::outcome`](super::cancel::Cancel::outcome) names a failure
    /// `TIMEOUT` or `ABORTED` when that is why it stopped.
    pub(super) fn read(
        &self,
        address: &str,
        status: Option<u16>,
        value: JsValue,
    ) -> Result<RawResponse, ClientError> {
        let Some(status) = status else {
            return Err(match (value.as_string(), self) {
                (Some(text), _) => ClientError::network(text),
                (None, Transport::Http) => unreachable_at(cause_of_js(value), address),
                (None, Transport::Mock(_)) => ClientError::network(cause_of_js(value).message),
            });
        };
        Ok(RawResponse {
            status,
            body: value.unchecked_into(),
        })
    }
}

fn fetch(
    http: &HttpSettings,
    request: &ApiRequest,
    url: &str,
    lines: &str,
    signal: &AbortSignal,
    attempt: &Attempt<'_>,
) -> Result<Promise, ClientError> {
    if http.base_url.is_empty() {
        return Err(ClientError::InvalidArgument(
            "this client has no baseUrl: give one to use real HTTP".into(),
        ));
    }
    // The `Request` is made and sent by `js/transport.js` in one call (each web-sys setter
    // was a crossing of its own, and each string another).
    fetch_http(
        url,
        lines,
        signal,
        request.body.as_ref().map(|body| body.text.as_str()),
        attempt.hooks,
        attempt.number,
    )
    .map_err(|err| {
        let Cause { name, message } = cause_of_js(err);
        ClientError::InvalidArgument(format!("cannot build the request: {name}: {message}"))
    })
}

/// A request's method, credentials mode and headers, as `js/transport.js` takes them: each
/// on a line of its own, each header's name and value too (no header holds a line break:
/// `check_header`). `Accept` always, the body's `Content-Type`, then each list of `headers`
/// in turn (a later one wins). One string: each string a call hands to JS is decoded there.
pub(super) fn request_lines(
    request: &ApiRequest,
    credentials: &str,
    headers: [&[(String, String)]; 2],
) -> String {
    let mut lines = String::new();
    let mut add = |first: &str, second: &str| {
        for part in [first, second] {
            lines.push_str(part);
            lines.push('\n');
        }
    };
    add(request.method().as_str(), credentials);
    add("accept", CONTENT_JSON);
    if let Some(body) = &request.body {
        add("content-type", body.content_type);
    }
    for (name, value) in headers.into_iter().flatten() {
        add(name, value);
    }
    lines
}

/// A JS error's name and message (`Error` and the text, for a thrown value that is not an
/// `Error`).
fn cause_of_js(err: JsValue) -> Cause {
    match err.dyn_into::<js_sys::Error>() {
        Ok(err) => Cause {
            name: err.name().into(),
            message: err.message().into(),
        },
        Err(other) => Cause {
            name: "Error".into(),
            message: other.as_string().unwrap_or_default(),
        },
    }
}

#[wasm_bindgen(module = "/js/transport.js")]
extern "C" {
    #[wasm_bindgen(js_name = isMockHandler)]
    fn is_mock_handler(value: &JsValue) -> bool;
    #[wasm_bindgen(js_name = callMock)]
    fn call_mock(
        handler: &JsValue,
        target: &str,
        lines: &str,
        body: Option<&str>,
        signal: &AbortSignal,
        hooks: &JsValue,
        attempt: u32,
    ) -> Promise;
    #[wasm_bindgen(js_name = fetchHttp, catch)]
    fn fetch_http(
        url: &str,
        lines: &str,
        signal: &AbortSignal,
        body: Option<&str>,
        hooks: &JsValue,
        attempt: u32,
    ) -> Result<Promise, JsValue>;
    /// Once `promise` settles, `finish(status, body)` or `finish(undefined, reason)`: the
    /// promise of what it returns, or of what it throws.
    pub(super) fn settle(promise: &Promise, finish: &JsValue) -> Promise;
}

/// A network failure reaching `url`: what `fetch` rejected with.
fn unreachable_at(cause: Cause, url: &str) -> ClientError {
    ClientError::Network {
        reason: format!(
            "{}: {} at {url} (server down, wrong URL, or refused by CORS)",
            cause.name, cause.message
        ),
        cause: Some(cause),
    }
}

/// A mock as a client sees it: any object with `handleRequest(request)` (a `SessionApiMock`
/// from `session-client/mock`, or a test double). The client knows nothing else of it.
#[derive(Clone)]
pub(super) struct MockHandler(JsValue);

impl MockHandler {
    /// `value` as a mock, if it has a `handleRequest` method.
    pub(super) fn from_js(value: &JsValue) -> Option<MockHandler> {
        is_mock_handler(value).then(|| MockHandler(value.clone()))
    }

    /// The JS object.
    pub(super) fn object(&self) -> &JsValue {
        &self.0
    }
}

/// Hands the request to the mock as `{ method, target, headers, body?, signal }`
/// (`js/transport.js`, with the call's hooks); its rejection (an injected network failure,
/// or `signal` firing) is a network failure, see [`Transport::read`].
fn via_mock(
    mock: &MockHandler,
    request: &ApiRequest,
    target: &str,
    lines: &str,
    signal: &AbortSignal,
    attempt: &Attempt<'_>,
) -> Promise {
    let body = request.body.as_ref().map(|body| body.text.as_str());
    call_mock(
        &mock.0,
        target,
        lines,
        body,
        signal,
        attempt.hooks,
        attempt.number,
    )
}
