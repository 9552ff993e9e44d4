//! Mock mode and its toggle: one MockServer shared by clients, state that survives
//! `useHttp()`/`useMock()`, a scenario given as JSON.

use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

#[wasm_bindgen_test]
async fn state_survives_toggling_and_mocks_can_be_shared() {
    let mock = virtual_mock();
    let client = mock_client(&mock);
    assert!(client.is_mock());
    assert_eq!(client.mock().map(|m| m.mock_id()), Some(mock.mock_id()));
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

    // Over HTTP the session does not exist: the transport really changed.
    let client = http_client_with(r#", "mock": true"#);
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
    let mock = session_client::wasm::MockServer::new(Some(obj(options)))
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
    assert_eq!(mock.advance(61_000.0).unwrap(), "2026-11-28T12:01:01.000Z");
    let sessions = js_sys::Array::from(&mock.sessions());
    assert_eq!(text(&sessions.get(0), "state"), "SUSPENDED");

    let dump = mock.dump();
    mock.reset();
    assert_eq!(js_sys::Array::from(&mock.sessions()).length(), 0);
    mock.restore(arg(dump))
        .unwrap_or_else(|_| panic!("restores"));
    assert_eq!(js_sys::Array::from(&mock.sessions()).length(), 1);
}
