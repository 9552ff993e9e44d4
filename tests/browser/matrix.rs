//! The bad-input matrix (cases in `matrix.js`): wrong JS types for every kind of argument,
//! ids and payloads that must not be sent, options out of range, bad base URLs, bad
//! `SessionApiMock` input (100,000 users among them), and answers that must not decode, in mock mode and over HTTP. Each
//! must end in a `SessionApiError` with the expected code, and a working call after each
//! case shows that no panic poisoned the module.

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

#[wasm_bindgen(module = "/tests/browser/matrix.js")]
extern "C" {
    #[wasm_bindgen(js_name = callCases)]
    fn call_cases(client: &JsValue, id: &str) -> Array;
    #[wasm_bindgen(js_name = constructorCases)]
    fn constructor_cases(class: &JsValue) -> Array;
    #[wasm_bindgen(js_name = mockCases)]
    fn mock_cases(mock: &JsValue, class: &JsValue) -> Array;
    #[wasm_bindgen(js_name = answerCases)]
    fn answer_cases(class: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = addManyUsers)]
    fn add_many_users(mock: &JsValue, count: u32) -> JsValue;
    #[wasm_bindgen(js_name = runCases)]
    fn run_cases(cases: &Array, healthy: &Function, sent: &JsValue) -> Promise;
}

/// The class of a JS object made by this module.
fn class_of(value: &JsValue) -> JsValue {
    Reflect::get(value, &"constructor".into()).unwrap()
}

/// A health check: a read of session `id` through `client` that must succeed.
fn reads(client: &JsValue, id: &str) -> Function {
    Function::new_with_args(
        "client, id",
        "return async () => { const s = await client.getSession(id); if (s.sessionId !== id) throw new Error('wrong session'); };",
    )
    .call2(&JsValue::NULL, client, &id.into())
    .unwrap()
    .into()
}

/// A function counting the requests that went out so far: the length of `list`, a JS
/// expression of `it` (read anew at each call).
fn counter(list: &str, it: &JsValue) -> Function {
    Function::new_with_args("it", &format!("return () => {list}.length;"))
        .call1(&JsValue::NULL, it)
        .unwrap()
        .into()
}

/// Runs `cases`, each followed by `healthy`; with `sent` (a function counting the requests
/// that went out), a case refused before sending must leave the count as it was.
async fn assert_all_refused(
    cases: Array,
    healthy: &Function,
    what: &str,
    sent: Option<&Function>,
) -> u32 {
    let count = cases.length();
    let sent = sent.map_or(JsValue::UNDEFINED, JsValue::from);
    let failures = JsFuture::from(run_cases(&cases, healthy, &sent))
        .await
        .unwrap();
    let failures: Vec<String> = Array::from(&failures)
        .iter()
        .filter_map(|f| f.as_string())
        .collect();
    assert!(failures.is_empty(), "{what}:\n{}", failures.join("\n"));
    count
}

#[wasm_bindgen_test]
async fn every_bad_input_is_a_typed_error_and_leaves_everything_usable() {
    let mock = virtual_mock();
    let mut total = 0;

    // Mock mode, then the same calls over HTTP.
    let client = mock_client(&mock);
    let session =
        value(client.create_session(obj(&format!(r#"{{"userUuid":"{ADMIN}"}}"#)), None)).await;
    let id = text(&session, "sessionId");
    let client = JsValue::from(client);
    let journal = counter("it.requests()", &JsValue::from(mock.clone()));
    total += assert_all_refused(
        call_cases(&client, &id),
        &reads(&client, &id),
        "mock mode",
        Some(&journal),
    )
    .await;

    let http = tagged_http_client("matrix");
    let fetched = counter("it", &fetch_log("matrix"));
    let session =
        value(http.create_session(obj(&format!(r#"{{"userUuid":"{ADMIN}"}}"#)), None)).await;
    let http_id = text(&session, "sessionId");
    let http = JsValue::from(http);
    total += assert_all_refused(
        call_cases(&http, &http_id),
        &reads(&http, &http_id),
        "HTTP",
        Some(&fetched),
    )
    .await;
    assert!(
        fetch_log("matrix").length() >= total / 2,
        "the fetch log saw the health check after each case (else `sent` proves nothing)"
    );

    // Constructors, the mock's own methods, and answers through the seam.
    let class = class_of(&client);
    total += assert_all_refused(
        constructor_cases(&class),
        &reads(&client, &id),
        "constructors",
        None,
    )
    .await;
    let mock_js = JsValue::from(mock.clone());
    let cases = mock_cases(&mock_js, &class_of(&mock_js));
    total += assert_all_refused(cases, &reads(&client, &id), "SessionApiMock", None).await;
    assert_eq!(
        Array::from(&mock.sessions()).length(),
        1,
        "the mock kept its state"
    );
    // 100,000 users added one by one: all there, a duplicate still refused, calls still
    // answered.
    let before = Array::from(&mock.users()).length();
    let added = add_many_users(&mock_js, 100_000);
    assert_eq!(
        Reflect::get(&added, &"users".into()).unwrap().as_f64(),
        Some(f64::from(before + 100_000))
    );
    assert_eq!(
        Reflect::get(&added, &"duplicate".into())
            .unwrap()
            .as_string()
            .as_deref(),
        Some("INVALID_ARGUMENT")
    );
    JsFuture::from(
        reads(&client, &id)
            .call0(&JsValue::NULL)
            .unwrap()
            .unchecked_into::<Promise>(),
    )
    .await
    .unwrap();
    total += 1;

    let answers = answer_cases(&class);
    let cases: Array = Reflect::get(&answers, &"cases".into()).unwrap().into();
    let healthy: Function = Reflect::get(&answers, &"healthy".into()).unwrap().into();
    total += assert_all_refused(cases, &healthy, "answers", None).await;

    assert!(
        total >= 130,
        "{total} cases: docs/architecture.md promises over 130"
    );
    web_sys::console::log_1(
        &format!("bad-input matrix: {total} cases, all typed errors, no trap").into(),
    );
}
