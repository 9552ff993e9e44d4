//! enableSessionForEquisoftConnect and concurrent access.

use serde_json::json;
use session_client::mock::default_scenario::{ADMIN, ADVISOR, PLANNER, TEAM_LEAD};

use crate::support::*;

fn connect(m: &mut TestMock, id: &str, body: &str) -> Reply {
    m.call(
        "POST",
        &format!("/sessions/{id}/enable/EQUISOFT_CONNECT"),
        body,
    )
}

fn connected(m: &mut TestMock, id: &str) -> bool {
    m.get(id).body["enabledForEquisoftConnect"] == true
}

#[test]
fn enabling_sets_the_flag_and_is_idempotent() {
    let mut m = mock();
    let id = m.advisor_session();
    let answer = connect(&mut m, &id, "");
    assert_eq!((answer.status, answer.response.body.len()), (202, 0));
    assert!(connected(&mut m, &id));
    assert_eq!(
        connect(&mut m, &id, "").status,
        202,
        "does not count against itself"
    );
}

#[test]
fn refusals() {
    let mut m = mock();
    connect(&mut m, "00000000-0000-4000-8000-00000000dead", "").assert_error(404, "NOT_FOUND");

    let new = m.created(json!({ "userUuid": ADVISOR, "enable": false }));
    connect(&mut m, &new, "").assert_error(400, "SESSION_NOT_ENABLED");

    let planner = m.session_for(PLANNER);
    let denied = connect(&mut m, &planner, "");
    denied.assert_error(400, "ACCESS_DENIED");
    assert!(denied.description().contains("EQUISOFT_CONNECT"));

    let advisor = m.advisor_session();
    connect(&mut m, &advisor, "{").assert_error(400, "BAD_REQUEST");
    let wrong = connect(&mut m, &advisor, r#"{"disableOldestSessions": "yes"}"#);
    wrong.assert_error(400, "BAD_REQUEST");
    assert!(wrong.description().contains("disableOldestSessions"));
    assert!(
        !connected(&mut m, &advisor),
        "a refused call changes nothing"
    );

    m.advance(31 * MINUTE);
    connect(&mut m, &advisor, "").assert_error(400, "SESSION_NOT_ENABLED");
}

#[test]
fn the_limit_refuses_a_second_session_without_disable_oldest() {
    let mut m = mock();
    let first = m.advisor_session();
    let second = m.advisor_session();
    assert_eq!(connect(&mut m, &first, "").status, 202);
    let refused = connect(&mut m, &second, r#"{"disableOldestSessions": false}"#);
    refused.assert_error(400, "CONCURRENT_ACCESS");
    assert!(connected(&mut m, &first) && !connected(&mut m, &second));
}

#[test]
fn disable_oldest_takes_connect_from_the_oldest_sessions() {
    let mut m = mock();
    let first = m.advisor_session();
    m.advance(MINUTE);
    let second = m.advisor_session();
    assert_eq!(connect(&mut m, &first, "").status, 202);
    let answer = connect(&mut m, &second, r#"{"disableOldestSessions": true}"#);
    assert_eq!(answer.status, 202);
    assert!(
        !connected(&mut m, &first),
        "the oldest lost Equisoft/Connect"
    );
    assert!(connected(&mut m, &second));
    assert_eq!(
        m.state_of(&first),
        "ENABLED",
        "the session itself stays enabled"
    );
}

#[test]
fn with_a_limit_of_two_only_the_oldest_one_is_disabled() {
    let mut m = mock();
    let ids: Vec<String> = (0..3)
        .map(|_| {
            m.advance(MINUTE);
            m.session_for(TEAM_LEAD)
        })
        .collect();
    assert_eq!(connect(&mut m, &ids[0], "").status, 202);
    assert_eq!(connect(&mut m, &ids[1], "").status, 202);
    connect(&mut m, &ids[2], "").assert_error(400, "CONCURRENT_ACCESS");
    assert_eq!(
        connect(&mut m, &ids[2], r#"{"disableOldestSessions":true}"#).status,
        202
    );
    let flags: Vec<bool> = ids.iter().map(|id| connected(&mut m, id)).collect();
    assert_eq!(flags, [false, true, true]);
}

#[test]
fn suspended_sessions_do_not_count() {
    let mut m = mock();
    let first = m.advisor_session();
    assert_eq!(connect(&mut m, &first, "").status, 202);
    m.advance(31 * MINUTE);
    let second = m.advisor_session();
    assert_eq!(connect(&mut m, &second, "").status, 202);
    assert!(
        connected(&mut m, &first),
        "a suspended session keeps its flag"
    );
}

#[test]
fn no_limit_for_the_admin() {
    let mut m = mock();
    for _ in 0..5 {
        let id = m.session_for(ADMIN);
        assert_eq!(connect(&mut m, &id, "").status, 202);
    }
}
