//! The app's code around calls (cases in `hooks.js`): a `headers` function, a custom
//! `fetch`, middleware and `use()`, `onError`, retry with backoff and `Retry-After`, and
//! what each refuses. Each case runs in mock mode and over HTTP against mock-server, except
//! where only one mode has the thing tested.

use js_sys::{Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

#[wasm_bindgen(module = "/tests/browser/hooks.js")]
extern "C" {
    fn harness(mode: &str, class: &JsValue, mock: &JsValue, server: &str) -> JsValue;
    #[wasm_bindgen(js_name = runCase)]
    fn run_case(name: &str, harness: &JsValue, class: &JsValue, mock: &JsValue) -> Promise;
}

#[derive(Clone, Copy)]
enum Mode {
    Mock,
    Http,
}

/// Runs case `name` of `hooks.js` in each of `modes`.
async fn run(name: &str, modes: &[Mode]) {
    let mock = JsValue::from(virtual_mock());
    let class = Reflect::get(
        &JsValue::from(mock_client(&virtual_mock())),
        &"constructor".into(),
    )
    .unwrap();
    for mode in modes {
        let (label, h) = match mode {
            Mode::Mock => ("mock", harness("mock", &class, &mock, "")),
            Mode::Http => (
                "http",
                harness("http", &class, &JsValue::UNDEFINED, server_url()),
            ),
        };
        if let Err(err) = JsFuture::from(run_case(name, &h, &class, &mock)).await {
            let message = Reflect::get(&err, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| format!("{err:?}"));
            panic!("{name} ({label}): {message}");
        }
    }
}

const BOTH: &[Mode] = &[Mode::Mock, Mode::Http];

#[wasm_bindgen_test]
async fn headers_from_a_function() {
    run("headersFromAFunction", BOTH).await;
}

#[wasm_bindgen_test]
async fn middleware_runs_in_order_around_the_transport() {
    run("middlewareRunsInOrderAroundTheTransport", BOTH).await;
}

#[wasm_bindgen_test]
async fn a_hook_that_never_settles_times_out() {
    run("aHookThatNeverSettlesTimesOut", BOTH).await;
}

#[wasm_bindgen_test]
async fn on_error_is_told_once_per_rejected_call() {
    run("onErrorIsToldOncePerRejectedCall", BOTH).await;
}

#[wasm_bindgen_test]
async fn use_adds_middleware_and_returns_its_removal() {
    run("useAddsMiddlewareAndReturnsItsRemoval", BOTH).await;
}

#[wasm_bindgen_test]
async fn refresh_and_replay_with_one_refresh_for_concurrent_calls() {
    run("refreshAndReplayOneRefreshForConcurrentCalls", BOTH).await;
}

#[wasm_bindgen_test]
async fn retry_backs_off_and_honours_retry_after() {
    run("retryBacksOffAndHonoursRetryAfter", BOTH).await;
}

#[wasm_bindgen_test]
async fn retry_options_and_the_calls_own() {
    run("retryOptionsAndTheCallsOwn", BOTH).await;
}

#[wasm_bindgen_test]
async fn bad_hooks_are_refused_before_anything_is_sent() {
    run("badHooksAreRefusedBeforeAnythingIsSent", &[Mode::Mock]).await;
}

#[wasm_bindgen_test]
async fn mock_mode_requests_are_real_requests() {
    run("mockModeRequestsAreRealRequests", &[Mode::Mock]).await;
}

#[wasm_bindgen_test]
async fn a_custom_fetch_sends_every_request() {
    run("aCustomFetchSendsEveryRequest", &[Mode::Http]).await;
}
