//! What a persisted mock stores (`mock::stored`): the dump, the controls and a stamp, read
//! back whole by a tab sharing the state.

use serde_json::json;
use session_client::mock::default_scenario::ADVISOR;
use session_client::mock::{MockRequest, MockResponse};

use crate::support::*;

/// A mock with a session, two waiting faults (one for two calls), a failure rate, a
/// latency range and a canned answer.
fn with_controls() -> TestMock {
    let mut m = mock();
    m.advisor_session();
    for fault in [
        json!({ "status": 503, "headers": { "Retry-After": "1" }, "times": 2 }),
        json!({ "operation": "getSession", "network": true }),
    ] {
        assert_eq!(
            m.call("POST", "/__mock/faults", &fault.to_string()).status,
            204
        );
    }
    let rate = json!({ "probability": 0.25, "fault": { "status": 502 } });
    assert_eq!(
        m.call("POST", "/__mock/faults/rate", &rate.to_string())
            .status,
        204
    );
    let latency = json!({ "min": 5, "max": 20 });
    assert_eq!(
        m.call("PUT", "/__mock/latency", &latency.to_string())
            .status,
        204
    );
    let canned =
        json!({ "status": 200, "contentType": "text/html", "body": "<p>proxy</p>", "times": 3 });
    assert_eq!(
        m.call("POST", "/__mock/respond", &canned.to_string())
            .status,
        204
    );
    m
}

fn control(m: &mut TestMock, path: &str) -> serde_json::Value {
    m.call("GET", &format!("/__mock/{path}"), "").body
}

/// The raw answer to `GET target` (a canned one need not be JSON).
fn get(m: &mut TestMock, target: &str) -> MockResponse {
    m.mock.exchange(&MockRequest::new("GET", target)).response
}

#[test]
fn the_state_and_every_control_come_back_with_the_stamp() {
    let mut original = with_controls();
    let text = original.mock.stored_text("5f0c9a7e21b34d68");
    let mut copy = mock();
    copy.advance(HOUR);
    let stamp = copy.mock.restore_stored(text.as_bytes()).unwrap();
    assert_eq!(stamp.as_deref(), Some("5f0c9a7e21b34d68"));
    assert_eq!(copy.dump(), original.dump());
    for path in ["faults", "latency"] {
        assert_eq!(
            control(&mut copy, path),
            control(&mut original, path),
            "{path}"
        );
    }
    // The canned answer, three times, then the faults in order, as in the original.
    for m in [&mut original, &mut copy] {
        for _ in 0..3 {
            let reply = get(m, "/sessions/x");
            assert_eq!((reply.status, &reply.body[..]), (200, &b"<p>proxy</p>"[..]));
        }
        assert_eq!(get(m, "/sessions/x").status, 503);
    }
}

#[test]
fn a_plain_dump_still_reads_with_no_stamp_and_keeps_the_controls() {
    let original = with_controls();
    let mut copy = mock();
    let fault = json!({ "status": 418 }).to_string();
    copy.call("POST", "/__mock/faults", &fault);
    let stamp = copy
        .mock
        .restore_stored(original.mock.dump_text().as_bytes())
        .unwrap();
    assert_eq!(stamp, None);
    assert_eq!(copy.dump(), original.dump());
    assert_eq!(copy.call("GET", "/sessions/x", "").status, 418);
}

#[test]
fn a_bad_control_or_dump_changes_nothing_and_says_where() {
    let mut m = with_controls();
    let before = (m.dump(), control(&mut m, "faults"));
    let good: serde_json::Value = serde_json::from_str(&mock().mock.stored_text("s")).unwrap();

    let mut bad_control = good.clone();
    bad_control["controls"] =
        json!([{ "method": "POST", "path": "faults", "body": { "status": 42 } }]);
    let err = m
        .mock
        .restore_stored(bad_control.to_string().as_bytes())
        .unwrap_err();
    assert_eq!(err.path, "controls[0]");
    assert!(
        err.to_string().contains("42 is not a failure status"),
        "{err}"
    );

    let mut bad_state = good;
    bad_state["state"]["sessions"] = json!([{ "sessionId": "nope" }]);
    let err = m
        .mock
        .restore_stored(bad_state.to_string().as_bytes())
        .unwrap_err();
    assert!(err.path.starts_with("sessions[0]"), "{err}");

    assert_eq!((m.dump(), control(&mut m, "faults")), before);
}

#[test]
fn a_call_that_uses_up_a_waiting_fault_or_canned_answer_changes_what_is_stored() {
    let mut m = mock();
    let session = format!("/sessions/{}", m.session_for(ADVISOR));
    // Whether it changed, and whether `may_change` said beforehand that it might.
    let changed = |m: &mut TestMock| {
        let request = MockRequest::new("GET", &session);
        let may = m.mock.may_change(&request);
        let changed = m.mock.exchange(&request).changed;
        assert_eq!(may, changed, "may_change is exact here");
        changed
    };
    assert!(!changed(&mut m), "a plain read changes nothing");
    m.call(
        "POST",
        "/__mock/faults",
        &json!({ "status": 503 }).to_string(),
    );
    assert!(changed(&mut m), "the fault is used up");
    assert!(!changed(&mut m));
    let rate = json!({ "probability": 1, "fault": { "status": 502 } });
    m.call("POST", "/__mock/faults/rate", &rate.to_string());
    assert!(!changed(&mut m), "a rate stays as it is");
    m.call("DELETE", "/__mock/faults", "");
    m.call(
        "POST",
        "/__mock/respond",
        &json!({ "status": 200 }).to_string(),
    );
    assert!(changed(&mut m), "the canned answer is used up");
    assert!(!changed(&mut m));
}
