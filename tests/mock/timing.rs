//! Suspension, expiry and keep-alive on the virtual clock; deleteExpiredSessions.

use serde_json::json;
use session_client::mock::default_scenario::ADMIN;

use crate::support::*;

#[test]
fn a_session_suspends_after_the_idle_timeout_and_expires_after_its_lifetime() {
    let mut m = mock();
    let id = m.admin_session();
    m.advance(30 * MINUTE - 1);
    assert_eq!(m.state_of(&id), "ENABLED");
    m.advance(1);
    assert_eq!(m.state_of(&id), "SUSPENDED");
    m.advance(12 * HOUR);
    assert_eq!(m.state_of(&id), "EXPIRED");
}

#[test]
fn keep_alive_moves_suspend_but_never_past_expire() {
    let mut m = mock();
    let id = m.admin_session();
    m.advance(20 * MINUTE);
    let kept = m.call("GET", &format!("/sessions/{id}?keepAlive=true"), "");
    assert_eq!(kept.body["suspend"], "2026-11-28T12:50:00.000Z");
    m.advance(25 * MINUTE);
    assert_eq!(
        m.state_of(&id),
        "ENABLED",
        "kept alive past the first suspend time"
    );
    m.call("GET", &format!("/sessions/{id}?keepAlive=true"), "");

    // Keep it alive every 20 minutes until the end of its life.
    for _ in 0..40 {
        m.advance(20 * MINUTE);
        m.call("GET", &format!("/sessions/{id}?keepAlive=true"), "");
    }
    let last = m.get(&id);
    assert_eq!(last.body["state"], "EXPIRED");
    assert_eq!(
        last.body["suspend"], last.body["expire"],
        "suspend stops at expire"
    );
}

#[test]
fn keep_alive_false_or_absent_changes_nothing() {
    let mut m = mock();
    let id = m.admin_session();
    m.advance(20 * MINUTE);
    for target in [
        format!("/sessions/{id}?keepAlive=false"),
        format!("/sessions/{id}"),
    ] {
        let answer = m.call("GET", &target, "");
        assert_eq!(answer.body["suspend"], "2026-11-28T12:30:00.000Z");
    }
}

#[test]
fn keep_alive_cannot_revive_a_suspended_or_expired_session() {
    let mut m = mock();
    let id = m.admin_session();
    m.advance(31 * MINUTE);
    let answer = m.call("GET", &format!("/sessions/{id}?keepAlive=true"), "");
    assert_eq!(answer.body["state"], "SUSPENDED");
    assert_eq!(answer.body["suspend"], "2026-11-28T12:30:00.000Z");
    m.advance(12 * HOUR);
    let answer = m.call("GET", &format!("/sessions/{id}?keepAlive=true"), "");
    assert_eq!(answer.body["state"], "EXPIRED");
}

#[test]
fn keep_alive_also_works_on_a_new_session() {
    let mut m = mock();
    let id = m.created(json!({ "userUuid": ADMIN, "enable": false }));
    m.advance(10 * MINUTE);
    let answer = m.call("GET", &format!("/sessions/{id}?keepAlive=true"), "");
    assert_eq!(answer.body["state"], "NEW");
    assert_eq!(answer.body["suspend"], "2026-11-28T12:40:00.000Z");
}

#[test]
fn delete_expired_removes_exactly_the_expired_ones() {
    let mut m = mock();
    let old = m.admin_session();
    m.advance(6 * HOUR);
    let younger = m.admin_session();
    let mobile = m.created(json!({ "userUuid": ADMIN, "mobileDevice": true }));
    m.advance(6 * HOUR);
    // `old` expires exactly now (now >= expire); `younger` is suspended but alive.
    assert_eq!(m.state_of(&old), "EXPIRED");
    assert_eq!(m.state_of(&younger), "SUSPENDED");
    assert_eq!(m.call("DELETE", "/sessions/expired", "").status, 204);
    assert_eq!(m.get(&old).status, 404);
    assert_eq!(m.state_of(&younger), "SUSPENDED");
    assert_eq!(m.state_of(&mobile), "SUSPENDED");
    assert_eq!(m.mock.sessions().len(), 2);
}
