//! Mock mode and its toggle: one SessionApiMock shared by clients, state that survives
//! `useHttp()`/`useMock()`, a scenario given as JSON.

use js_sys::{Array, Function, Reflect};
use session_client::wasm::SessionClient;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

#[wasm_bindgen_test]
async fn state_survives_toggling_and_mocks_can_be_shared() {
    let mock = virtual_mock();
    let client = mock_client(&mock);
    assert!(client.is_mock());
    assert!(get(&client.mock(), "handleRequest").is_function());
    let session =
        value(client.create_session(obj(&format!(r#"{{"userUuid":"{ADMIN}"}}"#)), None)).await;
    let id = text(&session, "sessionId");

    // Another client on the same mock sees it.
    let other = mock_client(&mock);
    assert_eq!(
        text(
            &value(other.get_session(s(&id), None, None)).await,
            "sessionId"
        ),
        id
    );

    // The mock is its own module now: `mock: true` and a bare `useMock()` say where one
    // comes from.
    let refused = SessionClient::new(Some(obj(&format!(
        r#"{{"baseUrl": "{}", "mock": true}}"#,
        server_url()
    ))));
    let err = refused.expect_err("mock: true is refused");
    assert_eq!(text(&err, "code"), "INVALID_ARGUMENT");
    assert!(text(&err, "description").contains("session-client/mock"));
    let client = http_client();
    let err = client.use_mock(None).expect_err("no mock to go back to");
    assert!(text(&err, "description").contains("session-client/mock"));

    // Over HTTP the session does not exist: the transport really changed.
    client.use_mock(Some(arg(virtual_mock()))).unwrap();
    let made =
        value(client.create_session(obj(&format!(r#"{{"userUuid":"{ADVISOR}"}}"#)), None)).await;
    let made = text(&made, "sessionId");
    client.use_http();
    assert!(!client.is_mock());
    let err = rejection(client.get_session(s(&made), None, None)).await;
    assert_eq!(text(&err, "code"), "NOT_FOUND");
    client.use_mock(None).unwrap();
    assert_eq!(
        text(
            &value(client.get_session(s(&made), None, None)).await,
            "sessionId"
        ),
        made
    );

    // Switching to a given mock.
    client.use_mock(Some(arg(mock.clone()))).unwrap();
    assert_eq!(
        text(
            &value(client.get_session(s(&id), None, None)).await,
            "sessionId"
        ),
        id
    );
}

#[wasm_bindgen_test]
async fn a_scenario_and_the_virtual_clock_from_js() {
    let options = r#"{"clock": "virtual", "now": 1795867200000, "seed": 3,
        "scenario": {"users": [{"uuid": "aaaaaaaa-0000-4000-8000-000000000001", "displayName": "Only"}],
                     "policy": {"idleTimeoutMs": 60000}}}"#;
    let mock = session_client::wasm::SessionApiMock::new(Some(obj(options)))
        .unwrap_or_else(|_| panic!("valid"));
    assert_eq!(mock.now(), START);
    let users = js_sys::Array::from(&mock.users());
    assert_eq!(users.length(), 1);
    assert_eq!(text(&users.get(0), "displayName"), "Only");
    let client = mock_client(&mock);
    let session = value(client.create_session(
        obj(r#"{"userUuid":"aaaaaaaa-0000-4000-8000-000000000001"}"#),
        None,
    ))
    .await;
    assert_eq!(text(&session, "suspend"), "2026-11-28T12:01:00.000Z");
    assert_eq!(
        mock.advance(JsValue::from(61_000.0)).unwrap(),
        "2026-11-28T12:01:01.000Z"
    );
    let sessions = js_sys::Array::from(&mock.sessions());
    assert_eq!(text(&sessions.get(0), "state"), "SUSPENDED");

    let dump = mock.dump();
    mock.reset();
    assert_eq!(js_sys::Array::from(&mock.sessions()).length(), 0);
    mock.restore(arg(dump))
        .unwrap_or_else(|_| panic!("restores"));
    assert_eq!(js_sys::Array::from(&mock.sessions()).length(), 1);
}

/// The seam is a JS-level interface: any object with `handleRequest` is a mock, so the
/// client hands it exactly what HTTP would carry and decodes its answer the same way.
#[wasm_bindgen_test]
async fn any_object_with_handle_request_is_a_mock() {
    let seen = Array::new();
    let handle = Function::new_with_args(
        "request",
        r#"this.seen.push(request);
           return Promise.resolve({ status: 200, headers: {}, body: JSON.stringify({ id: "a/b", value: "v" }) });"#,
    );
    let fake = js_sys::Object::new();
    Reflect::set(&fake, &"seen".into(), &seen).unwrap();
    Reflect::set(&fake, &"handleRequest".into(), &handle).unwrap();
    let options = obj::<JsValue>(r#"{"headers": {"X-Client": "tests"}}"#);
    Reflect::set(&options, &"mock".into(), &fake).unwrap();
    let client = SessionClient::new(Some(arg(options))).unwrap_or_else(|_| panic!("valid"));

    let token = value(client.get_session_sso_token(s("s 1"), s("a/b"), None)).await;
    assert_eq!(text(&token, "value"), "v");
    assert_eq!(seen.length(), 1);
    let request = seen.get(0);
    assert_eq!(text(&request, "method"), "GET");
    assert_eq!(text(&request, "target"), "/sessions/s%201/tokens/a%2Fb");
    let headers = get(&request, "headers");
    assert_eq!(text(&headers, "accept"), "application/json");
    assert_eq!(text(&headers, "X-Client"), "tests");
    assert!(get(&request, "signal").is_instance_of::<web_sys::AbortSignal>());
    assert!(get(&request, "body").is_undefined());

    // Its answer is checked like an HTTP body: a 2xx that is not an SsoToken is DECODE.
    let put = value(client.set_session_sso_token(s("s"), s("t"), s("secret"), None)).await;
    assert!(put.is_undefined());
    assert_eq!(text(&seen.get(1), "body"), "secret");
    assert_eq!(
        text(&get(&seen.get(1), "headers"), "content-type"),
        "text/plain"
    );
    let err = rejection(client.get_session(s("x"), None, None)).await;
    assert_eq!(text(&err, "code"), "DECODE");

    // A rejection is a network failure; an object without handleRequest is no mock.
    Reflect::set(
        &fake,
        &"handleRequest".into(),
        &Function::new_no_args("return Promise.reject(new Error('offline'))"),
    )
    .unwrap();
    let err = rejection(client.delete_all_sessions(None)).await;
    assert_eq!(
        (
            text(&err, "code"),
            text(&err, "description").contains("offline")
        ),
        ("NETWORK".into(), true)
    );
    let err = client
        .use_mock(Some(arg(js_sys::Object::new())))
        .expect_err("no handleRequest");
    assert_eq!(text(&err, "code"), "INVALID_ARGUMENT");
}
