//! A persisted SessionApiMock: state written through to Web Storage or IndexedDB and found
//! again by the next SessionApiMock on the same key (what a page reload does); unusable stored
//! state gives a fresh mock.

use js_sys::Array;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

use session_client::wasm::SessionApiMock;

use crate::support::*;

fn persisted(storage: &str, key: &str) -> SessionApiMock {
    let options = format!(
        r#"{{"clock": "virtual", "now": "{START}", "persist": {{"storage": "{storage}", "key": "{key}"}}}}"#
    );
    SessionApiMock::new(Some(obj(&options))).unwrap_or_else(|_| panic!("valid options"))
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

async fn survives_a_reload(storage: &str, key: &str) {
    let mock = persisted(storage, key);
    JsFuture::from(mock.ready()).await.unwrap();
    let client = mock_client(&mock);
    let session =
        value(client.create_session(obj(&format!(r#"{{"userUuid":"{ADMIN}"}}"#)), None)).await;
    let id = text(&session, "sessionId");
    value(client.set_session_sso_token(s(&id), s("okta"), s("kept"), None)).await;
    mock.advance(wasm_bindgen::JsValue::from(60_000.0)).unwrap();
    // A method's change is written moments later (under the lock tabs share); `ready`
    // resolves once it is.
    JsFuture::from(mock.ready()).await.unwrap();

    // What a reload does: a new SessionApiMock on the same key.
    let reloaded = persisted(storage, key);
    JsFuture::from(reloaded.ready()).await.unwrap();
    assert_eq!(
        reloaded.now(),
        "2026-11-28T12:01:00.000Z",
        "the clock came back"
    );
    let sessions = Array::from(&reloaded.sessions());
    assert_eq!(sessions.length(), 1);
    assert_eq!(text(&sessions.get(0), "sessionId"), id);
    let token = value(mock_client(&reloaded).get_session_sso_token(s(&id), s("okta"), None)).await;
    assert_eq!(text(&token, "value"), "kept");
}

#[wasm_bindgen_test]
async fn local_storage_state_survives_a_reload() {
    local_storage().remove_item("test-local").unwrap();
    survives_a_reload("localStorage", "test-local").await;
}

#[wasm_bindgen_test]
async fn session_storage_state_survives_a_reload() {
    survives_a_reload("sessionStorage", "test-session").await;
}

#[wasm_bindgen_test]
async fn indexed_db_state_survives_a_reload() {
    let key = format!("test-idb-{}", js_sys::Date::now());
    survives_a_reload("indexedDB", &key).await;
}

/// With IndexedDB, stored state is read asynchronously: a client call made at once, before
/// `ready()` is awaited, waits for it and sees the stored sessions.
#[wasm_bindgen_test]
async fn indexed_db_calls_wait_for_the_stored_state() {
    let key = format!("test-idb-wait-{}", js_sys::Date::now());
    let mock = persisted("indexedDB", &key);
    JsFuture::from(mock.ready()).await.unwrap();
    let session = value(
        mock_client(&mock).create_session(obj(&format!(r#"{{"userUuid":"{ADMIN}"}}"#)), None),
    )
    .await;
    let id = text(&session, "sessionId");

    let reloaded = persisted("indexedDB", &key);
    let read = value(mock_client(&reloaded).get_session(s(&id), None, None)).await;
    assert_eq!(
        text(&read, "sessionId"),
        id,
        "the call saw the stored session"
    );
}

#[wasm_bindgen_test]
async fn unusable_stored_state_gives_a_fresh_mock() {
    let storage = local_storage();
    let warnings = console_warnings();
    for (key, stored) in [
        ("test-corrupt", "{not json"),
        (
            "test-future",
            r#"{"format": "session-client/mock-state", "version": 99}"#,
        ),
        ("test-wrong", r#"[1, 2, 3]"#),
    ] {
        storage.set_item(key, stored).unwrap();
        let mock = persisted("localStorage", key);
        assert_eq!(
            Array::from(&mock.sessions()).length(),
            0,
            "{key}: a fresh mock"
        );
        let warned = warnings
            .iter()
            .filter_map(|w| w.as_string())
            .any(|w| w.contains(key));
        assert!(warned, "{key}: a console warning names the key");
        assert_eq!(Array::from(&mock.users()).length(), 6);
        // The next write replaces the unusable state.
        value(
            mock_client(&mock).create_session(obj(&format!(r#"{{"userUuid":"{ADMIN}"}}"#)), None),
        )
        .await;
        let written = storage.get_item(key).unwrap().unwrap();
        assert!(
            written.contains("session-client/mock-state"),
            "{key}: {written}"
        );
    }
    assert!(SessionApiMock::new(Some(obj(r#"{"persist": {"storage": "cookies"}}"#))).is_err());
}

/// Only a change is written: reads, 404s and refused calls leave the stored state alone,
/// and `addUser` is written through like every other change.
#[wasm_bindgen_test]
async fn only_changes_are_written_through() {
    let key = "test-writes";
    local_storage().remove_item(key).unwrap();
    let mock = persisted("localStorage", key);
    let client = mock_client(&mock);
    let session =
        value(client.create_session(obj(&format!(r#"{{"userUuid":"{ADMIN}"}}"#)), None)).await;
    let id = text(&session, "sessionId");
    let stored = || local_storage().get_item(key).unwrap().unwrap_or_default();
    assert!(stored().contains(&id), "the created session was written");

    local_storage().set_item(key, "marker").unwrap();
    value(client.get_session(s(&id), None, None)).await;
    value(client.get_session(s(&id), Some(arg(false)), None)).await;
    rejection(client.get_session(s("nope"), None, None)).await;
    rejection(client.delete_session(s("nope"), None)).await;
    rejection(client.create_session(obj(&format!(r#"{{"userUuid":"{DISABLED}"}}"#)), None)).await;
    assert_eq!(stored(), "marker", "no read or refusal rewrote the state");

    value(client.get_session(s(&id), Some(arg(true)), None)).await;
    assert!(
        stored().contains(&id),
        "a keep-alive moves `suspend`, so it is written"
    );

    local_storage().set_item(key, "marker").unwrap();
    mock.add_user(obj(r#"{"uuid": "aaaaaaaa-0000-4000-8000-0000000000aa"}"#))
        .unwrap_or_else(|_| panic!("a valid user"));
    // Shared with other tabs, a method's change is written under the lock; `ready` says
    // when it is.
    JsFuture::from(mock.ready()).await.unwrap();
    assert!(
        stored().contains("aaaaaaaa-0000-4000-8000-0000000000aa"),
        "addUser is written through"
    );
}
