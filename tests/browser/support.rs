//! Calling the JS surface from Rust as JS would, and driving the mock or the server.

use js_sys::{Promise, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use session_client::wasm::typescript::*;
use session_client::wasm::{SessionApiMock, SessionClient};

pub const ADMIN: &str = "00000000-0000-4000-8000-000000000001";
pub const ADVISOR: &str = "00000000-0000-4000-8000-000000000002";
pub const DISABLED: &str = "00000000-0000-4000-8000-000000000003";
pub const PLANNER: &str = "00000000-0000-4000-8000-000000000005";
pub const START: &str = "2026-11-28T12:00:00.000Z";
pub const SEED: u32 = 11;

/// The mock-server the test command started.
pub fn server_url() -> &'static str {
    match option_env!("MOCK_SERVER_URL") {
        Some(url) => url,
        None => panic!("MOCK_SERVER_URL is not set: run the browser tests through scripts/test"),
    }
}

/// A JS value of any extern argument type.
pub fn arg<T: JsCast>(value: impl Into<JsValue>) -> T {
    value.into().unchecked_into()
}

pub fn s<T: JsCast>(text: &str) -> T {
    arg(JsValue::from_str(text))
}

/// A JS object from JSON text.
pub fn obj<T: JsCast>(json: &str) -> T {
    arg(JSON::parse(json).expect("valid JSON"))
}

pub fn get(value: &JsValue, field: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(field)).unwrap()
}

pub fn text(value: &JsValue, field: &str) -> String {
    get(value, field).as_string().unwrap_or_default()
}

/// How a call ended: `ok <JSON>` or `err <status> <code>`.
pub async fn outcome(promise: Promise) -> String {
    match JsFuture::from(promise).await {
        Ok(value) if value.is_undefined() => "ok".into(),
        Ok(value) => format!("ok {}", String::from(JSON::stringify(&value).unwrap())),
        Err(err) => format!(
            "err {} {}",
            get(&err, "status").as_f64().unwrap_or(-1.0),
            text(&err, "code")
        ),
    }
}

/// The rejection of a call that must fail.
pub async fn rejection(promise: Promise) -> JsValue {
    match JsFuture::from(promise).await {
        Ok(value) => panic!("expected a rejection, got {value:?}"),
        Err(err) => err,
    }
}

/// The value of a call that must succeed.
pub async fn value(promise: Promise) -> JsValue {
    match JsFuture::from(promise).await {
        Ok(value) => value,
        Err(err) => panic!(
            "expected success, got {} {}",
            text(&err, "code"),
            text(&err, "description")
        ),
    }
}

pub fn virtual_mock() -> SessionApiMock {
    let options = format!(r#"{{"clock": "virtual", "now": "{START}", "seed": {SEED}}}"#);
    SessionApiMock::new(Some(obj(&options))).unwrap_or_else(|_| panic!("mock options are valid"))
}

pub fn mock_client(mock: &SessionApiMock) -> SessionClient {
    let options: JsValue = obj::<JsValue>("{}");
    Reflect::set(&options, &"mock".into(), &JsValue::from(mock.clone())).unwrap();
    SessionClient::new(Some(arg(options))).unwrap_or_else(|_| panic!("client options are valid"))
}

pub fn http_client_with(extra: &str) -> SessionClient {
    let options = format!(r#"{{"baseUrl": "{}"{extra}}}"#, server_url());
    SessionClient::new(Some(obj(&options))).unwrap_or_else(|_| panic!("client options are valid"))
}

pub fn http_client() -> SessionClient {
    http_client_with("")
}

/// Sends a control request to the mock-server (`/__mock/...`).
pub async fn control(method: &str, path: &str, body: &str) -> u16 {
    let url = format!("{}{path}", server_url());
    let request = gloo_net::http::RequestBuilder::new(&url)
        .method(match method {
            "GET" => gloo_net::http::Method::GET,
            "PUT" => gloo_net::http::Method::PUT,
            _ => gloo_net::http::Method::POST,
        })
        .header("Content-Type", "application/json")
        .body(body.to_owned())
        .unwrap();
    request
        .send()
        .await
        .expect("the mock-server answers")
        .status()
}

/// Where the parity suite moves time: the in-browser mock or the server's clock.
pub enum Clock<'a> {
    Mock(&'a SessionApiMock),
    Server,
}

impl Clock<'_> {
    pub async fn advance(&self, ms: u64) {
        match self {
            Clock::Mock(mock) => {
                mock.advance(JsValue::from(ms as f64))
                    .unwrap_or_else(|_| panic!("virtual clock"));
            }
            Clock::Server => {
                let status = control(
                    "POST",
                    "/__mock/clock",
                    &format!(r#"{{"advanceMs": {ms}}}"#),
                )
                .await;
                assert_eq!(status, 200);
            }
        }
    }
}

/// An `AbortSignal` argument.
pub fn signal_opts(signal: &web_sys::AbortSignal) -> CallOptionsArg {
    let options = js_sys::Object::new();
    Reflect::set(&options, &"signal".into(), signal).unwrap();
    arg(options)
}

/// The calls that went through the page's `fetch` with the header `X-Test-Tag: tag`, in
/// order, each as `{ url, method, credentials, headers }` (header names in lower case).
/// What a test's client sends carries its own tag, so "nothing was sent" and "this reached
/// `fetch`" are read off the requests themselves. The page's `fetch` is wrapped once and
/// never restored: tests run side by side in this page, and a wrapper one test restored
/// would drop what another was recording.
pub fn fetch_log(tag: &str) -> js_sys::Array {
    let log = js_sys::Function::new_with_args(
        "tag",
        r#"if (!globalThis.__fetchLog) {
             const log = new Map();
             const original = globalThis.fetch;
             globalThis.fetch = function (input, init) {
               const request = input instanceof Request ? input : null;
               const headers = new Headers(request ? request.headers : init?.headers);
               log.get(headers.get("x-test-tag"))?.push({
                 url: request ? request.url : String(input),
                 method: request ? request.method : (init?.method ?? "GET"),
                 credentials: request ? request.credentials : (init?.credentials ?? "same-origin"),
                 headers: Object.fromEntries(headers),
               });
               return original.call(this, input, init);
             };
             globalThis.__fetchLog = log;
           }
           if (!globalThis.__fetchLog.has(tag)) globalThis.__fetchLog.set(tag, []);
           return globalThis.__fetchLog.get(tag);"#,
    );
    log.call1(&JsValue::NULL, &tag.into())
        .unwrap()
        .unchecked_into()
}

/// A client of the mock-server whose every request carries `X-Test-Tag: tag` (see
/// [`fetch_log`]).
pub fn tagged_http_client(tag: &str) -> SessionClient {
    http_client_with(&format!(r#", "headers": {{"X-Test-Tag": "{tag}"}}"#))
}

/// Every `console.warn` of this page from the first call on, each as its arguments joined
/// with spaces. `console.warn` is wrapped once and never restored (see [`fetch_log`]); it
/// still prints.
pub fn console_warnings() -> js_sys::Array {
    js_sys::Function::new_no_args(
        r#"if (!globalThis.__warnings) {
             const warnings = [];
             const original = console.warn;
             console.warn = function (...args) {
               warnings.push(args.map(String).join(" "));
               return original.apply(this, args);
             };
             globalThis.__warnings = warnings;
           }
           return globalThis.__warnings;"#,
    )
    .call0(&JsValue::NULL)
    .unwrap()
    .unchecked_into()
}
