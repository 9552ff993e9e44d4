//! Input that used to be accepted silently, or changed on the way: now refused with a typed
//! `INVALID_ARGUMENT` that names what is wrong, nothing sent and nothing changed.

use js_sys::{Array, Function};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use session_client::wasm::{SessionApiMock, SessionClient};

use crate::support::*;

fn assert_refused(err: &JsValue, mentions: &str) {
    assert_eq!(
        text(err, "code"),
        "INVALID_ARGUMENT",
        "{}",
        text(err, "description")
    );
    let description = text(err, "description");
    assert!(
        description.contains(mentions),
        "{description:?} should mention {mentions:?}"
    );
    assert!(
        !description.starts_with("invalid argument"),
        "the code is not repeated: {description:?}"
    );
}

#[wasm_bindgen_test]
async fn unknown_option_keys_are_refused() {
    let options = format!(r#"{{"baseUrl": "{}", "timeout": 1}}"#, server_url());
    let err = SessionClient::new(Some(obj(&options))).err().unwrap();
    assert_refused(&err, "`options.timeout` is not an option");

    let mock = virtual_mock();
    let client = mock_client(&mock);
    let err = rejection(client.delete_all_sessions(Some(obj(r#"{"timeout": 1}"#)))).await;
    assert_refused(&err, "`opts.timeout` is not an option");

    let err = SessionApiMock::new(Some(obj(r#"{"clok": "virtual"}"#)))
        .err()
        .unwrap();
    assert_refused(&err, "`options.clok`");
    let err = SessionApiMock::new(Some(obj(
        r#"{"persist": {"storage": "localStorage", "kee": "x"}}"#,
    )))
    .err()
    .unwrap();
    assert_refused(&err, "`options.persist.kee`");
    assert_eq!(
        Array::from(&mock.requests(None)).length(),
        0,
        "nothing was sent"
    );
}

#[wasm_bindgen_test]
fn base_urls_are_checked_when_the_client_is_built() {
    for base in [
        "https://a.example/api?v=1",
        "javascript:alert(1)",
        "ftp://files.example/",
        "api",
    ] {
        let options = format!(r#"{{"baseUrl": "{base}"}}"#);
        let err = SessionClient::new(Some(obj(&options))).err().unwrap();
        assert_refused(&err, &format!("absolute http(s) URL or a path such as \"/api\", with no query or fragment, got \"{base}\""));
    }
    assert!(SessionClient::new(Some(obj(r#"{"baseUrl": "/api"}"#))).is_ok());
}

#[wasm_bindgen_test]
async fn lone_surrogates_are_refused_not_replaced() {
    let mock = virtual_mock();
    let client = mock_client(&mock);
    let session =
        value(client.create_session(obj(&format!(r#"{{"userUuid":"{ADMIN}"}}"#)), None)).await;
    let id = text(&session, "sessionId");
    let lone: session_client::wasm::typescript::StringArg = arg(JSON_parse(r#""a\ud800b""#));
    let err = rejection(client.get_session(lone, None, None)).await;
    assert_refused(&err, "lone surrogate");
    let err = rejection(client.set_session_sso_token(
        s(&id),
        s("okta"),
        arg(JSON_parse(r#""secret\udc00""#)),
        None,
    ))
    .await;
    assert_refused(&err, "lone surrogate");
    assert_eq!(
        Array::from(&mock.requests(None)).length(),
        1,
        "only the create was sent"
    );
    // A well-formed pair is fine, and read back exactly.
    let emoji = "s\u{1F600}";
    value(client.set_session_sso_token(s(&id), s("okta"), s(emoji), None)).await;
    let token = value(client.get_session_sso_token(s(&id), s("okta"), None)).await;
    assert_eq!(text(&token, "value"), emoji);
}

#[allow(non_snake_case)]
fn JSON_parse(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

#[wasm_bindgen_test]
fn the_clock_only_moves_forward_by_whole_milliseconds_in_range() {
    let mock = virtual_mock();
    for bad in [
        JsValue::from(-1),
        JsValue::from(f64::NAN),
        JsValue::from(1e300),
        JsValue::from(0.5),
        JsValue::from_str("5"),
    ] {
        let err = mock.advance(bad).expect_err("refused");
        assert_refused(&err, "`ms` must be a whole number");
        assert_eq!(mock.now(), START, "the clock did not move");
    }
    assert_eq!(
        mock.advance(JsValue::from(1000)).unwrap(),
        "2026-11-28T12:00:01.000Z"
    );
    let err = mock.set_now(arg(1e300)).err().unwrap();
    assert_refused(&err, "years 0000 to 9999");
    let err = SessionApiMock::new(Some(obj(r#"{"clock": "virtual", "now": 1e300}"#)))
        .err()
        .unwrap();
    assert_refused(&err, "options.now");
}

#[wasm_bindgen_test]
async fn listeners_and_fault_rates_are_checked() {
    let mock = virtual_mock();
    let err = mock.on_request(JsValue::from_str("nope")).err().unwrap();
    assert_refused(&err, "`listener` must be a function");
    let stop: Function = mock
        .on_request(Function::new_no_args("").into())
        .unwrap()
        .into();
    stop.call0(&JsValue::NULL).unwrap();
    stop.call0(&JsValue::NULL)
        .expect("stopping twice does nothing");

    // The JS method's check is the control's (POST /__mock/faults/rate), which says what
    // it got.
    for (bad, got) in [
        (JsValue::from(2), "got 2"),
        (JsValue::from_str("0.5"), "got \"0.5\""),
        (JsValue::NULL, "got null"),
        (JsValue::from(f64::NAN), "got null"),
    ] {
        let err = mock.fail_rate(bad, None).err().unwrap();
        assert_refused(&err, "`probability` must be a number from 0 to 1");
        assert_refused(&err, got);
    }
    // Without a fault, a rate fails calls with 500.
    mock.fail_rate(JsValue::from(1), None).unwrap();
    let err = rejection(mock_client(&mock).delete_all_sessions(None)).await;
    assert_eq!(get(&err, "status").as_f64(), Some(500.0));
}
