//! What `Mock::exchange` decides once for every adapter: API or control, the body limit,
//! CORS, the journal entry handed to listeners, and whether the saved state changed.

use serde_json::json;
use session_client::mock::default_scenario::ADMIN;
use session_client::mock::{MockRequest, MAX_BODY_BYTES};

use crate::support::mock;

#[test]
fn only_successful_writes_change_the_state() {
    let mut m = mock();
    let created = m.mock.exchange(
        &MockRequest::new("POST", "/sessions").with_body(json!({ "userUuid": ADMIN }).to_string()),
    );
    assert_eq!(created.response.status, 201);
    assert!(created.changed, "a created session changes the state");
    let id = serde_json::from_slice::<serde_json::Value>(&created.response.body).unwrap()
        ["sessionId"]
        .as_str()
        .unwrap()
        .to_owned();

    let changed = |m: &mut crate::support::TestMock, method: &str, target: &str, body: &str| {
        let exchange = m
            .mock
            .exchange(&MockRequest::new(method, target).with_body(body));
        (exchange.response.status, exchange.changed)
    };
    let session = format!("/sessions/{id}");
    assert_eq!(changed(&mut m, "GET", &session, ""), (200, false));
    assert_eq!(
        changed(&mut m, "GET", &format!("{session}?keepAlive=false"), ""),
        (200, false)
    );
    assert_eq!(
        changed(&mut m, "GET", &format!("{session}?keepAlive=true"), ""),
        (200, true),
        "keep-alive moves `suspend`"
    );
    assert_eq!(changed(&mut m, "GET", "/sessions/nope", ""), (404, false));
    assert_eq!(
        changed(&mut m, "DELETE", "/sessions/nope", ""),
        (404, false)
    );
    assert_eq!(
        changed(&mut m, "PUT", &format!("{session}/tokens/t"), "v"),
        (200, true)
    );
    assert_eq!(
        changed(&mut m, "GET", &format!("{session}/tokens/t"), ""),
        (200, false)
    );
    assert_eq!(changed(&mut m, "GET", "/__mock/users", ""), (200, false));
    assert_eq!(
        changed(&mut m, "POST", "/__mock/clock", r#"{"advanceMs": 1000}"#),
        (200, true)
    );
    assert_eq!(
        changed(&mut m, "POST", "/__mock/clock", r#"{"advanceMs": "x"}"#),
        (400, false)
    );

    // A canned answer runs no rule, even for a write: the sessions stay; what changed is
    // the canned answer, used up (tests/mock/stored.rs).
    m.call("POST", "/__mock/respond", r#"{"status": 204, "times": 1}"#);
    assert_eq!(changed(&mut m, "DELETE", "/sessions", ""), (204, true));
    assert_eq!(m.mock.sessions().len(), 1);
}

#[test]
fn api_calls_hand_back_the_entry_they_journaled() {
    let mut m = mock();
    let exchange = m
        .mock
        .exchange(&MockRequest::new("GET", "/sessions/x?keepAlive=true"));
    let entry = exchange.entry.expect("an API call makes an entry");
    assert_eq!(Some(&entry), m.mock.journal().last());
    assert_eq!(
        (entry.status, entry.path.as_str()),
        (404, "/sessions/x?keepAlive=true")
    );

    let control = m
        .mock
        .exchange(&MockRequest::new("GET", "/__mock/requests"));
    assert_eq!(control.response.status, 200);
    assert!(control.entry.is_none(), "controls are not journaled");
    assert_eq!(m.mock.journal().entries().count(), 1);
}

#[test]
fn the_body_limit_holds_for_api_and_control_paths() {
    let mut m = mock();
    let big = vec![b' '; MAX_BODY_BYTES + 1];
    for target in ["/sessions", "/__mock/scenario"] {
        let method = if target == "/sessions" { "POST" } else { "PUT" };
        let exchange = m
            .mock
            .exchange(&MockRequest::new(method, target).with_body(big.clone()));
        assert_eq!(exchange.response.status, 413, "{target}");
        assert!(!exchange.changed);
    }
}

#[test]
fn cors_is_answered_only_for_a_request_with_an_origin() {
    let mut m = mock();
    let plain = m.mock.exchange(&MockRequest::new("GET", "/sessions/x"));
    assert_eq!(plain.response.header("access-control-allow-origin"), None);

    let cross = m.mock.exchange(
        &MockRequest::new("GET", "/sessions/x").with_header("Origin", "http://localhost:5173"),
    );
    assert_eq!(cross.response.status, 404);
    let header = |name| cross.response.header(name);
    assert_eq!(
        header("access-control-allow-origin"),
        Some("http://localhost:5173")
    );
    assert_eq!(header("access-control-allow-credentials"), Some("true"));
    assert_eq!(header("access-control-allow-methods"), None);

    let journaled = m.mock.journal().entries().count();
    let preflight = m.mock.exchange(
        &MockRequest::new("OPTIONS", "/__mock/users/x")
            .with_header("origin", "http://localhost:5173")
            .with_header("access-control-request-headers", "content-type, x-client"),
    );
    assert_eq!(preflight.response.status, 204);
    let allowed = preflight
        .response
        .header("access-control-allow-methods")
        .unwrap();
    assert!(allowed.contains("PATCH"), "{allowed}");
    assert_eq!(
        preflight.response.header("access-control-allow-headers"),
        Some("content-type, x-client")
    );
    assert!(!preflight.changed && preflight.entry.is_none());
    assert_eq!(
        m.mock.journal().entries().count(),
        journaled,
        "not journaled"
    );
}
