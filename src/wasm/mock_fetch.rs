//! `SessionApiMock.handleRequest`: the seam between the two modules. A `SessionClient` (from
//! `session-client`) hands its request here as a plain object, and so do the service worker
//! (`mock-sw.js`) and the Node server (`npx session-client-mock`); each gets the same
//! answer from [`SharedMock::exchange`](super::mock_shared::SharedMock::exchange).
//!
//! `{ method, target, headers?, body?, signal? }` in; `{ status, headers, body }` out, or a
//! rejection with a `SessionApiError`: `NETWORK` for an injected network failure,
//! `ABORTED` when `signal` fires during a latency or a delay, `INVALID_ARGUMENT` for a
//! request that does not read.

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::AbortSignal;

use super::convert::Options;
use super::mock_class::SessionApiMock;
use super::typescript::*;
use crate::client::ClientError;
use crate::mock::{MockRequest, MockResponse, MAX_BODY_BYTES};

#[wasm_bindgen]
impl SessionApiMock {
    /// The largest request body the mock accepts, in bytes (a larger one is answered
    /// `413`). An HTTP adapter may stop reading a body one byte past it.
    #[wasm_bindgen(js_name = bodyLimit)]
    pub fn body_limit() -> u32 {
        MAX_BODY_BYTES as u32
    }

    /// The CORS headers the mock gives its answer to `request` (`{ method, target, headers? }`:
    /// none without an `origin` header or for an origin a server's mock does not grant, see
    /// `fromCommandLine`; a preflight's for `OPTIONS`). For an HTTP adapter answering a request the mock never
    /// sees, such as one whose head is over the adapter's limit, so that a browser on an
    /// origin it grants can read that answer too.
    ///
    /// # Errors
    ///
    /// `INVALID_ARGUMENT` for a request that does not read (see `handleRequest`).
    #[wasm_bindgen(js_name = corsHeaders, unchecked_return_type = "Record<string, string>")]
    pub fn cors_headers(&self, request: MockHttpRequestArg) -> Result<Object, JsValue> {
        let (request, _) = read_request(request.into())?;
        let mock = self.mock.mock();
        Ok(headers_to_js(&mock.options().access.cors_headers(&request)))
    }

    /// What an HTTP server binding this mock prints as it starts, a line each: a warning
    /// when `--allow-origin '*'` grants every page, and the hosts it accepts when it listens
    /// on every address (`everyAddress`).
    #[wasm_bindgen(js_name = accessNotes)]
    pub fn access_notes(
        &self,
        #[wasm_bindgen(js_name = everyAddress)] every_address: bool,
    ) -> Vec<String> {
        self.mock.mock().options().access.start_notes(every_address)
    }

    /// Answers one HTTP request (`target`: the path under the API's base URL, with its
    /// query) as the HTTP server would: `{ status, headers, body }`, after any latency or
    /// injected delay. This is what a `SessionClient` calls in mock mode.
    #[wasm_bindgen(js_name = handleRequest, unchecked_return_type = "Promise<MockHttpResponse>")]
    pub fn handle_request(&self, request: MockHttpRequestArg) -> Promise {
        let (request, signal) = match read_request(request.into()) {
            Ok(read) => read,
            Err(err) => return Promise::reject(&err.into()),
        };
        // In a long run of requests with no task between them, the event loop has a turn
        // first (js/turns.js).
        let turn = turn_if_due();
        if !turn.is_undefined() {
            let server = self.clone();
            return future_to_promise(async move {
                JsFuture::from(Promise::from(turn)).await?;
                JsFuture::from(server.respond(request, signal)).await
            });
        }
        self.respond(request, signal)
    }
}

impl SessionApiMock {
    /// The answer to `request`, as [`Self::handle_request`] promises it.
    fn respond(&self, request: MockRequest, signal: Option<AbortSignal>) -> Promise {
        let begun = self.mock.exchange_now(&request);
        // Most answers are ready at once: resolved without a future (still never in the
        // caller's own synchronous turn, as promise reactions are not).
        if let Some(Ok((exchange, true))) = begun {
            return match self.mock.finish_now(exchange, signal.as_ref()) {
                Ok(response) => Promise::resolve(&to_js(response)),
                Err(err) => Promise::reject(&err.into()),
            };
        }
        let server = self.clone();
        future_to_promise(async move {
            let answered = match begun {
                Some(Ok((exchange, _))) => server.mock.complete(exchange, signal.as_ref()).await,
                Some(Err(err)) => Err(err),
                None => server.mock.exchange(&request, signal.as_ref()).await,
            };
            answered.map(to_js).map_err(JsValue::from)
        })
    }
}

#[wasm_bindgen(module = "/js/turns.js")]
extern "C" {
    /// Counts a request: a promise of the event loop's next turn when the request must wait
    /// for it, else `undefined`.
    #[wasm_bindgen(js_name = turnIfDue)]
    fn turn_if_due() -> JsValue;
}

thread_local! {
    /// The answer's field names, made into JS strings once.
    static KEYS: [JsValue; 3] = ["status", "headers", "body"].map(JsValue::from_str);
}

/// `{ status, headers, body }`.
fn to_js(response: MockResponse) -> JsValue {
    let headers = headers_to_js(&response.headers);
    let body = String::from_utf8(response.body)
        .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned());
    let answer = Object::new();
    KEYS.with(|[status, headers_key, body_key]| {
        let _ = Reflect::set(&answer, status, &response.status.into());
        let _ = Reflect::set(&answer, headers_key, &headers);
        let _ = Reflect::set(&answer, body_key, &body.into());
    });
    answer.into()
}

/// Headers as an object, a property a header.
fn headers_to_js(headers: &[(String, String)]) -> Object {
    let object = Object::new();
    for (name, value) in headers {
        let _ = Reflect::set(&object, &name.into(), &value.into());
    }
    object
}

/// Reads `{ method, target, headers?, body?, signal? }`.
fn read_request(value: JsValue) -> Result<(MockRequest, Option<AbortSignal>), ClientError> {
    let options = Options::new(value, "request")?
        .ok_or_else(|| ClientError::InvalidArgument("`request` must be an object".into()))?;
    options.known(&["method", "target", "headers", "body", "signal"])?;
    let method = options.string("method")?;
    let target = options.string("target")?;
    let (Some(method), Some(target)) = (method, target) else {
        return Err(ClientError::InvalidArgument(
            "`request.method` and `request.target` are required".into(),
        ));
    };
    let mut request = MockRequest::new(&method, &target);
    request.headers = options.headers("headers")?;
    if let Some(body) = options.string("body")? {
        request.body = body.into_bytes();
    }
    Ok((request, options.signal("signal")?))
}
