//! Wrong arguments from JS: typed `INVALID_ARGUMENT` errors, nothing sent, the client
//! still usable. Every failure is a real `Error` named `SessionApiError`.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use session_client::wasm::{SessionApiMock, SessionClient};

use crate::support::*;

fn assert_invalid(err: &JsValue, mentions: &str) {
    assert!(err.is_instance_of::<js_sys::Error>(), "a real Error");
    assert_eq!(text(err, "name"), "SessionApiError");
    assert_eq!(text(err, "code"), "INVALID_ARGUMENT");
    assert_eq!(get(err, "status").as_f64(), Some(0.0), "nothing was sent");
    let description = text(err, "description");
    assert!(
        description.contains(mentions),
        "{description:?} should mention {mentions:?}"
    );
    assert!(text(err, "message").contains("INVALID_ARGUMENT"));
}

/// Makes every call with a wrong argument through `client`; each must be refused.
async fn refuse_wrong_arguments(client: &SessionClient) {
    let err = rejection(client.get_session(arg(42), None, None)).await;
    assert_invalid(&err, "`uuid` must be a string, got the number 42");
    let err = rejection(client.get_session(s("x"), Some(arg("yes")), None)).await;
    assert_invalid(&err, "keepAlive");
    let err = rejection(client.create_session(obj("{}"), None)).await;
    assert_invalid(&err, "userUuid");
    let err = rejection(client.create_session(obj(r#"{"userUuid": 5}"#), None)).await;
    assert_invalid(&err, "payload");
    let err = rejection(client.create_session(arg(JsValue::UNDEFINED), None)).await;
    assert_invalid(&err, "payload");
    let err = rejection(client.impersonate(s("x"), obj("{}"), None)).await;
    assert_invalid(&err, "userUuid");
    let err = rejection(client.get_session_sso_token(s("x"), s(""), None)).await;
    assert_invalid(&err, "tokenId");
    let err = rejection(client.get_session_sso_token(s("x"), s(".."), None)).await;
    assert_invalid(&err, "tokenId");
    let err =
        rejection(client.set_session_sso_token(s("x"), s("t"), arg(JsValue::NULL), None)).await;
    assert_invalid(&err, "body");
    let err = rejection(client.delete_all_sessions(Some(obj(r#"{"timeoutMs": -5}"#)))).await;
    assert_invalid(&err, "opts.timeoutMs");
    let err = rejection(client.delete_all_sessions(Some(obj(r#"{"signal": "stop"}"#)))).await;
    assert_invalid(&err, "opts.signal");
    let err = rejection(client.delete_all_sessions(Some(obj(r#"{"headers": {"x-a": 1}}"#)))).await;
    assert_invalid(&err, "opts.headers");
}

#[wasm_bindgen_test]
async fn wrong_arguments_reject_without_sending() {
    let mock = virtual_mock();
    let client = mock_client(&mock);
    refuse_wrong_arguments(&client).await;
    assert_eq!(
        js_sys::Array::from(&mock.requests(None)).length(),
        0,
        "nothing reached the mock"
    );
    let http = tagged_http_client("arguments-test");
    refuse_wrong_arguments(&http).await;
    assert_eq!(
        fetch_log("arguments-test").length(),
        0,
        "nothing reached fetch"
    );

    // The same clients still work.
    for client in [client, http] {
        let session =
            value(client.create_session(obj(&format!(r#"{{"userUuid":"{ADMIN}"}}"#)), None)).await;
        assert_eq!(text(&session, "state"), "ENABLED");
    }
    assert_eq!(fetch_log("arguments-test").length(), 1, "the good call did");
}

#[wasm_bindgen_test]
fn bad_client_options_throw() {
    for (options, mentions) in [
        ("{}", "baseUrl"),
        (r#"{"baseUrl": 5}"#, "options.baseUrl"),
        (
            r#"{"baseUrl": "http://x", "credentials": "sometimes"}"#,
            "credentials",
        ),
        (r#"{"baseUrl": "http://x", "timeoutMs": 1.5}"#, "timeoutMs"),
        (r#"{"baseUrl": "http://x", "headers": ["a"]}"#, "headers"),
        (r#"{"mock": "yes"}"#, "options.mock"),
    ] {
        match SessionClient::new(Some(obj(options))) {
            Ok(_) => panic!("{options} was accepted"),
            Err(err) => assert_invalid(&err, mentions),
        }
    }
    assert!(SessionClient::new(Some(arg(JsValue::from_str("http://x")))).is_err());
}

#[wasm_bindgen_test]
fn bad_mock_options_throw_and_name_the_field() {
    for (options, mentions) in [
        (r#"{"clock": "fast"}"#, "clock"),
        (r#"{"now": "2026-11-28T12:00:00Z"}"#, "virtual"),
        (r#"{"clock": "virtual", "now": "noon"}"#, "now"),
        (r#"{"seed": -1}"#, "seed"),
        (
            r#"{"scenario": {"users": [{"uuid": "nope"}]}}"#,
            "users[0].uuid",
        ),
        (r#"{"scenario": "{not json"}"#, "not JSON"),
    ] {
        match SessionApiMock::new(Some(obj(options))) {
            Ok(_) => panic!("{options} was accepted"),
            Err(err) => assert_invalid(&err, mentions),
        }
    }
    let mock = virtual_mock();
    let err = mock
        .restore(obj(
            r#"{"format": "session-client/mock-state", "version": 7}"#,
        ))
        .unwrap_err();
    assert_invalid(&err, "version");
    // Its own `body` field, undefined: no response was involved.
    let own = js_sys::Object::get_own_property_descriptor(
        err.unchecked_ref::<js_sys::Object>(),
        &"body".into(),
    );
    assert!(!own.is_undefined(), "`body` is the error's own field");
    assert!(get(&err, "body").is_undefined());
}

/// Header names and values `fetch` would throw on (which left an HTTP call unsettled
/// forever) are refused in both modes before anything is sent.
#[wasm_bindgen_test]
async fn headers_fetch_would_refuse_are_refused_in_both_modes() {
    let mock = virtual_mock();
    for client in [mock_client(&mock), http_client()] {
        for headers in [
            r#"{"X Client": "v"}"#,
            r#"{"Ünicode": "v"}"#,
            r#"{"X-A": "a\r\nInjected: 1"}"#,
            r#"{"X-A": "a\nb"}"#,
            r#"{"X-A": "snow \u2603"}"#,
        ] {
            let opts = obj(&format!(r#"{{"headers": {headers}, "timeoutMs": 3000}}"#));
            let err = rejection(client.delete_all_sessions(Some(opts))).await;
            assert_invalid(&err, "opts.headers");
        }
        // A good header still goes through.
        let opts = obj(r#"{"headers": {"X-Trace": "é 1"}}"#);
        assert!(value(client.delete_all_sessions(Some(opts)))
            .await
            .is_undefined());
    }
    assert_eq!(
        js_sys::Array::from(&mock.requests(None)).length(),
        1,
        "only the good call reached the mock"
    );
    let options = format!(
        r#"{{"baseUrl": "{}", "headers": {{"a b": "c"}}}}"#,
        server_url()
    );
    let err = SessionClient::new(Some(obj(&options))).expect_err("a bad client header throws");
    assert_invalid(&err, "options.headers");
}
