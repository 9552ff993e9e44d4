//! Paths and methods outside the table, oversized bodies, injected delays.

use session_client::mock::{MockRequest, MAX_BODY_BYTES};

use crate::support::*;

#[test]
fn unknown_paths_are_404() {
    let mut m = mock();
    for target in [
        "/",
        "/session",
        "/sessions/a/b",
        "/sessions/a/enable/PLAN",
        "/api/sessions",
    ] {
        m.call("GET", target, "").assert_error(404, "NOT_FOUND");
    }
}

#[test]
fn a_known_path_with_another_method_is_405_with_allow() {
    let mut m = mock();
    for (method, target, allow) in [
        ("GET", "/sessions", "DELETE, POST"),
        ("PUT", "/sessions/x", "DELETE, GET"),
        ("GET", "/sessions/x/enable", "POST"),
        ("POST", "/sessions/x/tokens/t", "DELETE, GET, PUT"),
        ("PATCH", "/sessions/expired", "DELETE, GET"),
    ] {
        let answer = m.call(method, target, "");
        answer.assert_error(405, "BAD_REQUEST");
        assert_eq!(
            answer.response.header("allow"),
            Some(allow),
            "{method} {target}"
        );
    }
}

#[test]
fn bodies_over_64_kib_are_413() {
    let mut m = mock();
    let big = MockRequest::new("POST", "/sessions").with_body(vec![b' '; MAX_BODY_BYTES + 1]);
    m.send(big).assert_error(413, "BAD_REQUEST");
    let id = m.admin_session();
    let exactly = MockRequest::new("PUT", &format!("/sessions/{id}/tokens/t"))
        .with_body(vec![b'v'; MAX_BODY_BYTES]);
    assert_eq!(m.send(exactly).status, 400, "64 KiB passes the size check");
}

#[test]
fn a_delay_applies_to_the_next_answers_only() {
    let mut m = mock();
    m.mock.delay_next(250, 2);
    assert_eq!(m.call("GET", "/sessions/x", "").response.delay_ms, 250);
    assert_eq!(m.call("DELETE", "/sessions", "").response.delay_ms, 250);
    assert_eq!(m.call("DELETE", "/sessions", "").response.delay_ms, 0);
}
