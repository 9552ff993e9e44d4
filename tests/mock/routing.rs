//! Paths and methods outside the table, oversized bodies, injected delays.

use session_client::mock::{MockRequest, MAX_BODY_BYTES, MAX_TARGET_BYTES};

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
fn targets_over_hypers_limit_are_414_before_routing() {
    let mut m = mock();
    let at_limit = format!(
        "/sessions/{}",
        "x".repeat(MAX_TARGET_BYTES - "/sessions/".len())
    );
    let exchange = m.mock.exchange(&MockRequest::new("GET", &at_limit));
    assert_eq!(exchange.response.status, 404, "at the limit: routed");
    assert!(exchange.entry.is_some());
    // With a query, the `?` counts too: at the limit routed, one byte more refused.
    let query_at_limit = format!(
        "/sessions/x?{}",
        "k".repeat(MAX_TARGET_BYTES - "/sessions/x?".len())
    );
    let exchange = m.mock.exchange(&MockRequest::new("GET", &query_at_limit));
    assert_eq!(
        exchange.response.status, 404,
        "a query at the limit: routed"
    );
    let over = MockRequest::new("GET", &format!("{query_at_limit}k"));
    assert_eq!(m.mock.exchange(&over).response.status, 414);

    for target in [
        format!("{at_limit}x"),
        format!("{at_limit}?keepAlive=true"),
        format!("/sessions/x?{}", "k".repeat(MAX_TARGET_BYTES)),
    ] {
        let request = MockRequest::new("GET", &target).with_header("origin", "http://a");
        let exchange = m.mock.exchange(&request);
        assert_eq!(exchange.response.status, 414);
        assert!(
            exchange.response.body.is_empty(),
            "no body, as hyper answers"
        );
        assert!(
            exchange.entry.is_none(),
            "not an API call: no journal entry"
        );
        assert_eq!(
            exchange.response.header("access-control-allow-origin"),
            Some("http://a"),
            "a browser on another origin reads it"
        );
    }
    // A preflight for it passes, as the servers let it through.
    let preflight = MockRequest::new("OPTIONS", &format!("{at_limit}x"));
    assert_eq!(m.mock.exchange(&preflight).response.status, 204);
}

#[test]
fn a_delay_applies_to_the_next_answers_only() {
    let mut m = mock();
    m.mock.delay_next(250, 2);
    assert_eq!(m.call("GET", "/sessions/x", "").response.delay_ms, 250);
    assert_eq!(m.call("DELETE", "/sessions", "").response.delay_ms, 250);
    assert_eq!(m.call("DELETE", "/sessions", "").response.delay_ms, 0);
}

/// An unknown session is `404 NOT_FOUND` whatever else is wrong with the request: the
/// session is looked up before the call's input is read, so a client that sends a bad
/// input for a session that is gone learns that the session is gone.
#[test]
fn an_unknown_session_is_404_before_its_input_is_read() {
    let mut m = mock();
    let unknown = "00000000-0000-4000-8000-00000000dead";
    for (method, target, body) in [
        (
            "GET",
            format!("/sessions/{unknown}?keepAlive=maybe"),
            &b""[..],
        ),
        (
            "POST",
            format!("/sessions/{unknown}/enable/EQUISOFT_CONNECT"),
            b"{not json",
        ),
        ("POST", format!("/sessions/{unknown}/impersonate"), b""),
        ("PUT", format!("/sessions/{unknown}/tokens/okta"), b"\xff"),
    ] {
        let reply = m.send(MockRequest::new(method, &target).with_body(body));
        assert_eq!(reply.status, 404, "{method} {target}: {}", reply.body);
    }
}
