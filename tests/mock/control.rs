//! The `/__mock/` control endpoints.

use serde_json::json;
use session_client::mock::control::{CONTROLS, PREFIX};
use session_client::mock::default_scenario::ADMIN;
use session_client::mock::{control, Mock, MockRequest};
use session_client::time::Timestamp;

use crate::support::*;

#[test]
fn clock_get_set_and_advance() {
    let mut m = mock();
    let answer = m.call("GET", "/__mock/clock", "");
    assert_eq!(
        answer.body,
        json!({ "now": "2026-11-28T12:00:00.000Z", "clock": "virtual" })
    );
    let answer = m.call("POST", "/__mock/clock", r#"{"advanceMs": 90000}"#);
    assert_eq!(answer.body["now"], "2026-11-28T12:01:30.000Z");
    let answer = m.call(
        "POST",
        "/__mock/clock",
        r#"{"now": "2027-01-01T00:00:00+01:00"}"#,
    );
    assert_eq!(answer.body["now"], "2026-12-31T23:00:00.000Z");
    for bad in [
        r#"{}"#,
        r#"{"now": "soon"}"#,
        r#"{"advanceMs": 1.5}"#,
        r#"{"advanceMs": 1, "now": "2027-01-01T00:00:00Z"}"#,
    ] {
        m.call("POST", "/__mock/clock", bad)
            .assert_error(400, "BAD_REQUEST");
    }
}

/// A system clock is moved by an offset: a set time or an advance, from which it runs on in
/// real time (a development mock moved by an hour still ticks).
#[test]
fn the_system_clock_moves_by_an_offset_and_runs_on() {
    let mut mock = Mock::default();
    let before = mock.now().as_millis();
    let req = MockRequest::new("POST", "/__mock/clock").with_body(r#"{"advanceMs": 3600000}"#);
    let response = control::handle_control(&mut mock, &req);
    assert_eq!(response.status, 200);
    let body: serde_json::Value = serde_json::from_slice(&response.body).unwrap();
    assert_eq!(body["clock"], "system");
    let moved = mock.now().as_millis() - before;
    assert!((3_600_000..3_605_000).contains(&moved), "{moved}");
    let req =
        MockRequest::new("POST", "/__mock/clock").with_body(r#"{"now": "2030-01-01T00:00:00Z"}"#);
    assert_eq!(control::handle_control(&mut mock, &req).status, 200);
    let set = mock.now().as_millis()
        - Timestamp::parse("2030-01-01T00:00:00Z")
            .unwrap()
            .as_millis();
    assert!((0..5_000).contains(&set), "{set}");
    std::thread::sleep(std::time::Duration::from_millis(30));
    assert!(mock.now().as_millis() - before > 3_600_000, "it runs on");
}

/// Every answer carries the mock's own time as `Date` (IMF-fixdate), a virtual clock's too.
#[test]
fn every_answer_carries_the_mocks_time_as_date() {
    let mut m = mock();
    let created = m.mock.handle(
        &MockRequest::new("POST", "/sessions").with_body(format!(r#"{{"userUuid":"{ADMIN}"}}"#)),
    );
    let at = |response: &session_client::mock::MockResponse| {
        let date = response.header("date").expect("a Date header").to_owned();
        let parsed = httpdate::parse_http_date(&date).unwrap();
        parsed
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as i64
    };
    assert_eq!(at(&created), m.mock.now().as_millis() / 1000 * 1000);
    m.mock.advance(90 * 60_000);
    let clock = m.mock.handle(&MockRequest::new("GET", "/__mock/clock"));
    assert_eq!(at(&clock), m.mock.now().as_millis() / 1000 * 1000);
    let missing = m.mock.handle(&MockRequest::new("GET", "/sessions/nope"));
    assert_eq!(missing.status, 404);
    assert!(missing.header("date").is_some());
}

#[test]
fn sessions_are_listed_with_their_state_now() {
    let mut m = mock();
    assert_eq!(m.call("GET", "/__mock/sessions", "").body, json!([]));
    let first = m.admin_session();
    m.call("POST", "/__mock/clock", r#"{"advanceMs": 60000}"#);
    let second = m.admin_session();
    // Past the first one's idle time: each reads as the API answers it now.
    m.call("POST", "/__mock/clock", r#"{"advanceMs": 3540001}"#);
    let listed = m.call("GET", "/__mock/sessions", "").body;
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(
        (&listed[0]["sessionId"], &listed[1]["sessionId"]),
        (&json!(first), &json!(second))
    );
    assert_eq!(
        listed[0],
        m.call("GET", &format!("/sessions/{first}"), "").body
    );
    assert_eq!(
        listed[1],
        m.call("GET", &format!("/sessions/{second}"), "").body
    );
    assert_eq!(listed[0]["state"], "SUSPENDED");
    m.call("DELETE", &format!("/sessions/{first}"), "");
    let listed = m.call("GET", "/__mock/sessions", "").body;
    assert_eq!(listed.as_array().unwrap().len(), 1);
}

#[test]
fn state_round_trip_and_reset() {
    let mut m = mock();
    let id = m.admin_session();
    let dump = m.call("GET", "/__mock/state", "").body;
    assert_eq!(dump["sessions"][0]["sessionId"], id.as_str());
    assert_eq!(m.call("POST", "/__mock/reset", "").status, 204);
    assert_eq!(m.get(&id).status, 404);
    assert_eq!(
        m.call("PUT", "/__mock/state", &dump.to_string()).status,
        204
    );
    assert_eq!(m.get(&id).status, 200);
    let refused = m.call(
        "PUT",
        "/__mock/state",
        r#"{"format": "session-client/mock-state", "version": 9}"#,
    );
    refused.assert_error(400, "BAD_REQUEST");
    assert!(refused.description().contains("version"));
    assert_eq!(m.get(&id).status, 200, "a refused restore changes nothing");
}

#[test]
fn reset_restarts_the_seeded_id_sequence() {
    let mut m = mock();
    let first = m.admin_session();
    m.call("POST", "/__mock/reset", "");
    assert_eq!(m.admin_session(), first);
}

#[test]
fn users_and_delay() {
    let mut m = mock();
    let users = m.call("GET", "/__mock/users", "").body;
    assert_eq!(users.as_array().unwrap().len(), 6);
    assert_eq!(users[0]["uuid"], ADMIN);
    assert_eq!(
        m.call("POST", "/__mock/delay", r#"{"ms": 50, "times": 1}"#)
            .status,
        204
    );
    assert_eq!(m.call("GET", "/sessions/x", "").response.delay_ms, 50);
    assert_eq!(m.call("GET", "/sessions/x", "").response.delay_ms, 0);
    m.call("POST", "/__mock/delay", r#"{"ms": -1}"#)
        .assert_error(400, "BAD_REQUEST");
    m.call("POST", "/__mock/delay", r#"{"times": 1}"#)
        .assert_error(400, "BAD_REQUEST");
}

#[test]
fn unknown_control_paths_and_methods() {
    let mut m = mock();
    m.call("GET", "/__mock/nothing", "")
        .assert_error(404, "NOT_FOUND");
    let answer = m.call("DELETE", "/__mock/state", "");
    answer.assert_error(405, "BAD_REQUEST");
    assert_eq!(answer.response.header("allow"), Some("GET, PUT"));
}

#[test]
fn respond_replaces_the_next_answers_exactly() {
    let mut m = mock();
    let existing = m.admin_session();
    let canned = r#"{"status": 502, "contentType": "text/html", "body": "<h1>Bad gateway</h1>", "times": 2}"#;
    assert_eq!(m.call("POST", "/__mock/respond", canned).status, 204);
    // A create that the rules would carry out (and a delete of everything): canned answers
    // stand in for them, and nothing is created or deleted.
    let create = json!({ "userUuid": ADMIN }).to_string();
    for request in [
        MockRequest::new("POST", "/sessions").with_body(create.clone()),
        MockRequest::new("DELETE", "/sessions"),
    ] {
        let answer = m.mock.handle(&request);
        assert_eq!(answer.status, 502);
        assert_eq!(answer.header("content-type"), Some("text/html"));
        assert_eq!(answer.body, b"<h1>Bad gateway</h1>");
    }
    let ids: Vec<String> = m
        .mock
        .sessions()
        .iter()
        .map(|s| s.session_id.to_string())
        .collect();
    assert_eq!(ids, [existing], "canned answers touch no state");
    assert_eq!(
        m.call("GET", "/sessions/x", "").status,
        404,
        "then back to the rules"
    );
    m.call("POST", "/__mock/respond", r#"{"status": 42}"#)
        .assert_error(400, "BAD_REQUEST");

    // With headers of its own, checked as a request's are.
    let limited = r#"{"status": 429, "headers": {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT", "X-Limit": "0"}}"#;
    assert_eq!(m.call("POST", "/__mock/respond", limited).status, 204);
    let answer = m.call("GET", "/sessions/x", "");
    assert_eq!(answer.status, 429);
    assert_eq!(
        answer.response.header("retry-after"),
        Some("Wed, 21 Oct 2015 07:28:00 GMT")
    );
    assert_eq!(answer.response.header("x-limit"), Some("0"));
    for bad in [
        r#"{"status": 429, "headers": {"Retry-After": 1}}"#,
        r#"{"status": 429, "headers": {"X": "a\nb"}}"#,
        r#"{"status": 429, "headers": "Retry-After: 1"}"#,
    ] {
        let answer = m.call("POST", "/__mock/respond", bad);
        answer.assert_error(400, "BAD_REQUEST");
        assert!(
            answer.description().contains("headers"),
            "{bad}: {}",
            answer.description()
        );
    }
    assert_eq!(
        m.call("GET", "/sessions/x", "").status,
        404,
        "nothing canned"
    );
}

/// An integer field of a control body that holds something else is refused, naming the
/// field, rather than read as absent (`times` has a default, so absent would pass).
#[test]
fn control_integers_of_another_type_are_refused() {
    let mut m = mock();
    for (target, body, field) in [
        ("/__mock/delay", r#"{"ms": 10, "times": "twice"}"#, "times"),
        ("/__mock/delay", r#"{"ms": 10, "times": 1.5}"#, "times"),
        ("/__mock/delay", r#"{"ms": "soon"}"#, "ms"),
        ("/__mock/clock", r#"{"advanceMs": true}"#, "advanceMs"),
    ] {
        let reply = m.call("POST", target, body);
        reply.assert_error(400, "BAD_REQUEST");
        let description = reply.description();
        assert!(description.contains(field), "{body}: {description}");
    }
}

/// Latency is fixed (`{"ms": N}`) or a range (`{"min": A, "max": B}`), and reads back as set.
#[test]
fn latency_is_set_fixed_or_as_a_range_and_reads_back() {
    let mut m = mock();
    for body in [json!({ "ms": 250 }), json!({ "min": 10, "max": 20 })] {
        assert_eq!(
            m.call("PUT", "/__mock/latency", &body.to_string()).status,
            204,
            "{body}"
        );
        assert_eq!(m.call("GET", "/__mock/latency", "").body, body);
    }
    // Equal bounds are a fixed latency.
    let equal = json!({ "min": 7, "max": 7 }).to_string();
    assert_eq!(m.call("PUT", "/__mock/latency", &equal).status, 204);
    assert_eq!(
        m.call("GET", "/__mock/latency", "").body,
        json!({ "ms": 7 })
    );
    m.call("PUT", "/__mock/latency", r#"{"ms": 5, "min": 1}"#)
        .assert_error(400, "BAD_REQUEST");
}

/// `respond_next(…, 0)` cans nothing: the next answer comes from the rules.
#[test]
fn responding_zero_times_cans_nothing() {
    let mut m = mock();
    m.mock
        .respond_next(session_client::mock::MockResponse::empty(502), 0);
    assert_eq!(m.call("GET", "/sessions/x", "").status, 404);
}

/// A control body of exactly the limit is read; one byte more is `413`, as for the API.
#[test]
fn control_bodies_up_to_the_limit_are_read() {
    use session_client::mock::MAX_BODY_BYTES;
    let mut m = mock();
    let body = r#"{"advanceMs": 1000}"#;
    let at_limit = format!("{body}{}", " ".repeat(MAX_BODY_BYTES - body.len()));
    assert_eq!(m.call("POST", "/__mock/clock", &at_limit).status, 200);
    let over = format!("{at_limit} ");
    m.call("POST", "/__mock/clock", &over)
        .assert_error(413, "BAD_REQUEST");
}

/// docs/servers.md's table of control endpoints lists exactly the controls of the table the
/// dispatch reads (`CONTROLS`), in its order: `| `GET`/`PUT /__mock/state` | … |`.
#[test]
fn the_readme_lists_every_control() {
    let mut listed = Vec::new();
    for row in table_rows(include_str!("../../docs/servers.md"), "| endpoint | does |") {
        let cell = row.split('|').nth(1).unwrap().trim().replace('`', "");
        let (methods, path) = cell.split_once(' ').unwrap();
        for method in methods.split('/') {
            listed.push(format!("{method} {path}"));
        }
    }
    let controls: Vec<String> = CONTROLS
        .iter()
        .map(|c| format!("{} {PREFIX}{}", c.method, c.path))
        .collect();
    assert_eq!(listed, controls);
}

/// `GET /__mock/overview`: the clock, the sessions, the users and the journal in one answer,
/// as the separate reads give them.
#[test]
fn the_overview_is_the_separate_reads_in_one() {
    let mut m = mock();
    let id = m.admin_session();
    let overview = m.call("GET", "/__mock/overview", "").body;
    let clock = m.call("GET", "/__mock/clock", "").body;
    assert_eq!(
        (&overview["now"], &overview["clock"]),
        (&clock["now"], &clock["clock"])
    );
    assert_eq!(
        overview["sessions"],
        m.call("GET", "/__mock/sessions", "").body
    );
    assert_eq!(overview["users"], m.call("GET", "/__mock/users", "").body);
    assert_eq!(overview["sessions"][0]["sessionId"], id);
    let journal = m.call("GET", "/__mock/requests", "").body;
    assert_eq!(overview["requests"], journal);
    let revealed = m.call("GET", "/__mock/overview?reveal=true", "").body;
    assert_eq!(
        revealed["requests"],
        m.call("GET", "/__mock/requests?reveal=true", "").body
    );
}
