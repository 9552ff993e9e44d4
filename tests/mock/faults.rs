//! Injected faults and latency: what the next calls see, seeded and replayable.

use serde_json::json;
use session_client::mock::default_scenario::ADMIN;
use session_client::mock::{Fault, Latency, Mock, MockOptions};

use crate::support::*;

fn create(m: &mut TestMock) -> Reply {
    m.create(json!({ "userUuid": ADMIN }))
}

#[test]
fn fail_next_answers_with_the_fault_then_back_to_normal() {
    let mut m = mock();
    m.mock.fail_next(Fault {
        status: Some(503),
        code: Some("SERVER_ERROR".into()),
        description: Some("maintenance".into()),
        times: Some(2),
        ..Fault::default()
    });
    for _ in 0..2 {
        let answer = create(&mut m);
        answer.assert_error(503, "SERVER_ERROR");
        assert_eq!(answer.description(), "maintenance");
    }
    assert!(
        m.mock.sessions().is_empty(),
        "a failed call changes nothing"
    );
    assert_eq!(create(&mut m).status, 201);
}

#[test]
fn a_fault_can_target_one_operation() {
    let mut m = mock();
    let id = m.admin_session();
    m.mock.fail_next(Fault {
        operation: Some("getSession".into()),
        status: Some(404),
        ..Fault::default()
    });
    assert_eq!(
        m.call("DELETE", "/sessions/expired", "").status,
        204,
        "other operations pass"
    );
    m.get(&id).assert_error(404, "NOT_FOUND");
    assert_eq!(m.get(&id).status, 200);
}

#[test]
fn network_failures_and_delays() {
    let mut m = mock();
    m.mock.fail_next(Fault {
        network: true,
        ..Fault::default()
    });
    let answer = m.mock.handle(&session_client::mock::MockRequest::new(
        "DELETE",
        "/sessions",
    ));
    assert!(answer.network_error);
    assert_eq!(answer.status, 0);

    m.mock.fail_next(Fault {
        delay_ms: Some(700),
        ..Fault::default()
    });
    let late = create(&mut m);
    assert_eq!(
        (late.status, late.response.delay_ms),
        (201, 700),
        "a delay alone keeps the real answer"
    );
}

#[test]
fn a_rate_fails_a_seeded_share_the_same_way_every_run() {
    let run = || {
        let mut m = mock();
        m.mock.fail_rate(
            0.3,
            Fault {
                status: Some(500),
                ..Fault::default()
            },
        );
        (0..200)
            .map(|_| m.call("DELETE", "/sessions", "").status)
            .collect::<Vec<_>>()
    };
    let statuses = run();
    let failed = statuses.iter().filter(|&&s| s == 500).count();
    assert!(
        (40..=80).contains(&failed),
        "about 30% of 200, got {failed}"
    );
    assert_eq!(statuses, run(), "the same seed fails the same calls");
    let mut m = mock();
    m.mock.fail_rate(
        0.5,
        Fault {
            status: Some(500),
            ..Fault::default()
        },
    );
    m.mock.clear_faults();
    assert!((0..50).all(|_| m.call("DELETE", "/sessions", "").status == 204));
}

#[test]
fn latency_fixed_and_seeded_range() {
    let mut m = mock();
    m.mock.set_latency(Latency::Fixed(120));
    assert_eq!(create(&mut m).response.delay_ms, 120);
    let draws = |seed| {
        let mut mock = Mock::new(MockOptions {
            seed: Some(seed),
            latency: Latency::Range(50, 150),
            ..MockOptions::default()
        });
        (0..50)
            .map(|_| {
                mock.handle(&session_client::mock::MockRequest::new(
                    "DELETE",
                    "/sessions",
                ))
                .delay_ms
            })
            .collect::<Vec<_>>()
    };
    let a = draws(9);
    assert!(a.iter().all(|d| (50..=150).contains(d)));
    assert!(a.iter().any(|&d| d != a[0]), "it varies");
    assert_eq!(a, draws(9), "and replays with the seed");
    assert_ne!(a, draws(10));
}

#[test]
fn faults_over_the_control_endpoints() {
    let mut m = mock();
    let added = m.call(
        "POST",
        "/__mock/faults",
        r#"{"operation": "createSession", "status": 409, "times": 3}"#,
    );
    assert_eq!(added.status, 204);
    let listed = m.call("GET", "/__mock/faults", "").body;
    assert_eq!(listed["next"][0]["times"], 3);
    create(&mut m).assert_error(409, "CONFLICT");
    assert_eq!(
        m.call("GET", "/__mock/faults", "").body["next"][0]["times"],
        2
    );
    assert_eq!(m.call("DELETE", "/__mock/faults", "").status, 204);
    assert_eq!(create(&mut m).status, 201);

    for bad in [
        r#"{"operation": "fly"}"#,
        r#"{"status": 200}"#,
        r#"{"network": true, "status": 500}"#,
        r#"{"times": 0}"#,
        r#"{"stauts": 500}"#,
    ] {
        m.call("POST", "/__mock/faults", bad)
            .assert_error(400, "BAD_REQUEST");
    }
    // Wrong types and out-of-range numbers are refused, naming the field.
    for (bad, field) in [
        (r#"{"delayMs": -1}"#, "delayMs"),
        (r#"{"status": "500"}"#, "status"),
        (r#"{"times": 1.5}"#, "times"),
        (r#"{"status": 70000}"#, "status"),
        (r#"{"status": 1000}"#, "status"),
        (r#"{"status": -1}"#, "status"),
        (r#"{"status": 503, "times": -1}"#, "times"),
        (r#"{"status": 503, "times": 4294967296}"#, "times"),
        (r#"{"network": "yes"}"#, "network"),
        // Headers only with an answer, each a string `fetch` would send.
        (r#"{"headers": {"Retry-After": "2"}}"#, "headers"),
        (
            r#"{"network": true, "headers": {"Retry-After": "2"}}"#,
            "headers",
        ),
        (
            r#"{"status": 503, "headers": {"Retry-After": 2}}"#,
            "headers",
        ),
        (
            r#"{"status": 503, "headers": {"Bad Name": "x"}}"#,
            "Bad Name",
        ),
        (r#"{"status": 503, "headers": ["Retry-After"]}"#, "headers"),
    ] {
        let answer = m.call("POST", "/__mock/faults", bad);
        answer.assert_error(400, "BAD_REQUEST");
        assert!(
            answer.description().contains(field),
            "{bad}: {}",
            answer.description()
        );
    }
    assert_eq!(
        m.call("GET", "/sessions/x", "").status,
        404,
        "no fault was added"
    );
    // A fractional probability reads back as it was given.
    m.call(
        "POST",
        "/__mock/faults/rate",
        r#"{"probability": 0.25, "fault": {"status": 503}}"#,
    );
    let listed = m.call("GET", "/__mock/faults", "").body;
    assert_eq!(listed["rate"]["probability"], 0.25);
    assert_eq!(listed["rate"]["fault"], json!({ "status": 503 }));
    m.call("DELETE", "/__mock/faults", "");
    assert_eq!(
        m.call(
            "POST",
            "/__mock/faults/rate",
            r#"{"probability": 1, "fault": {"status": 502}}"#
        )
        .status,
        204
    );
    create(&mut m).assert_error(502, "SERVER_ERROR");
    let refused = m.call(
        "POST",
        "/__mock/faults/rate",
        r#"{"probability": 2, "fault": {}}"#,
    );
    refused.assert_error(400, "BAD_REQUEST");
    assert_eq!(
        refused.description(),
        "`probability` must be a number from 0 to 1, got 2"
    );

    assert_eq!(
        m.call("PUT", "/__mock/latency", r#"{"min": 10, "max": 20}"#)
            .status,
        204
    );
    assert_eq!(
        m.call("GET", "/__mock/latency", "").body,
        json!({ "min": 10, "max": 20 })
    );
    // Bounds in either order, bounded like every delay.
    m.call("PUT", "/__mock/latency", r#"{"min": 30, "max": 20}"#);
    assert_eq!(
        m.call("GET", "/__mock/latency", "").body,
        json!({ "min": 20, "max": 30 })
    );
    m.call("PUT", "/__mock/latency", r#"{"min": 0, "max": 600001}"#)
        .assert_error(400, "BAD_REQUEST");
    m.call("POST", "/__mock/faults", r#"{"delayMs": 600001}"#)
        .assert_error(400, "BAD_REQUEST");
}

/// A fault's headers reach its answer (a 429 with `Retry-After`) and list with it (the
/// refusals are in `faults_over_the_control_endpoints`).
#[test]
fn a_faults_headers_reach_its_answer() {
    let mut m = mock();
    let fault = r#"{"status": 429, "code": "TOO_MANY", "headers": {"Retry-After": "2"}}"#;
    assert_eq!(m.call("POST", "/__mock/faults", fault).status, 204);
    assert_eq!(
        m.call("GET", "/__mock/faults", "").body["next"][0]["headers"],
        json!({ "Retry-After": "2" })
    );
    let answer = create(&mut m);
    answer.assert_error(429, "TOO_MANY");
    assert_eq!(answer.response.header("retry-after"), Some("2"));
    assert_eq!(
        answer.response.header("content-type"),
        Some("application/json")
    );
    let answer = create(&mut m);
    assert_eq!(
        (answer.status, answer.response.header("retry-after")),
        (201, None),
        "used up"
    );
}

/// `delay_next(ms, 0)` delays nothing.
#[test]
fn delaying_zero_answers_delays_none() {
    let mut m = mock();
    m.mock.delay_next(500, 0);
    let answer = m.mock.handle(&session_client::mock::MockRequest::new(
        "GET",
        "/sessions/x",
    ));
    assert_eq!((answer.status, answer.delay_ms), (404, 0));
}

/// A fault with a status and no code answers with the message that status means.
#[test]
fn a_faults_message_defaults_from_its_status() {
    let mut m = mock();
    for (status, message) in [
        (400, "BAD_REQUEST"),
        (401, "ACCESS_DENIED"),
        (403, "ACCESS_DENIED"),
        (404, "NOT_FOUND"),
        (409, "CONFLICT"),
        (503, "SERVER_ERROR"),
    ] {
        let fault = json!({ "status": status }).to_string();
        assert_eq!(m.call("POST", "/__mock/faults", &fault).status, 204);
        m.call("DELETE", "/sessions", "")
            .assert_error(status, message);
    }
}

/// A rate of 0 is no rate: the faults read back as before it was set.
#[test]
fn a_zero_fault_rate_is_no_rate() {
    let mut m = mock();
    let before = m.call("GET", "/__mock/faults", "").body;
    let rate = json!({ "probability": 0, "fault": { "status": 503 } }).to_string();
    assert_eq!(m.call("POST", "/__mock/faults/rate", &rate).status, 204);
    assert_eq!(m.call("GET", "/__mock/faults", "").body, before);
}

/// A latency range spreads answers over the whole range, bounds included (seeded).
#[test]
fn a_latency_range_spreads_over_the_whole_range() {
    let mut m = mock();
    let range = json!({ "min": 10, "max": 20 }).to_string();
    assert_eq!(m.call("PUT", "/__mock/latency", &range).status, 204);
    let delays: Vec<u64> = (0..300)
        .map(|_| {
            m.mock
                .handle(&session_client::mock::MockRequest::new(
                    "GET",
                    "/sessions/x",
                ))
                .delay_ms
        })
        .collect();
    assert_eq!(delays.iter().min(), Some(&10));
    assert_eq!(delays.iter().max(), Some(&20));
}
