//! impersonate and revertIdentity.

use serde_json::json;
use session_client::mock::default_scenario::{ADMIN, ADVISOR, DISABLED, PLANNER};

use crate::support::*;

fn impersonate(m: &mut TestMock, id: &str, body: &str) -> Reply {
    m.call("POST", &format!("/sessions/{id}/impersonate"), body)
}

fn target(user: &str) -> String {
    json!({ "userUuid": user }).to_string()
}

#[test]
fn impersonate_then_revert() {
    let mut m = mock();
    let id = m.admin_session();
    let answer = impersonate(&mut m, &id, &target(ADVISOR));
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["user"]["uuid"], ADVISOR);
    assert_eq!(answer.body["actor"]["uuid"], ADMIN);
    assert_eq!(m.get(&id).body["actor"]["uuid"], ADMIN, "stored");

    let reverted = m.call("POST", &format!("/sessions/{id}/revertIdentity"), "");
    assert_eq!(reverted.status, 200);
    assert_eq!(reverted.body["user"]["uuid"], ADMIN);
    assert!(reverted.body.get("actor").is_none());

    // The cycle can start again.
    assert_eq!(impersonate(&mut m, &id, &target(PLANNER)).status, 200);
}

#[test]
fn impersonate_refusals_in_contract_order() {
    let mut m = mock();
    impersonate(
        &mut m,
        "00000000-0000-4000-8000-00000000dead",
        &target(ADVISOR),
    )
    .assert_error(404, "NOT_FOUND");
    let id = m.admin_session();
    impersonate(&mut m, &id, "nope").assert_error(400, "BAD_REQUEST");
    impersonate(&mut m, &id, "{}").assert_error(400, "BAD_REQUEST");
    impersonate(&mut m, &id, r#"{"userUuid": 3}"#).assert_error(400, "BAD_REQUEST");

    let not_admin = m.advisor_session();
    let denied = impersonate(&mut m, &not_admin, &target(PLANNER));
    denied.assert_error(403, "ACCESS_DENIED");

    impersonate(&mut m, &id, &target("00000000-0000-4000-8000-00000000beef"))
        .assert_error(404, "NOT_FOUND");
    impersonate(&mut m, &id, &target(ADMIN)).assert_error(400, "BAD_REQUEST");
    impersonate(&mut m, &id, &target(DISABLED)).assert_error(400, "USER_NOT_ENABLED");

    assert_eq!(impersonate(&mut m, &id, &target(ADVISOR)).status, 200);
    impersonate(&mut m, &id, &target(PLANNER)).assert_error(400, "SESSION_ALREADY_IMPERSONATED");

    let new = m.created(json!({ "userUuid": ADMIN, "enable": false }));
    impersonate(&mut m, &new, &target(ADVISOR)).assert_error(400, "SESSION_NOT_ENABLED");
}

#[test]
fn revert_refusals() {
    let mut m = mock();
    m.call(
        "POST",
        "/sessions/00000000-0000-4000-8000-00000000dead/revertIdentity",
        "",
    )
    .assert_error(404, "NOT_FOUND");
    let id = m.admin_session();
    m.call("POST", &format!("/sessions/{id}/revertIdentity"), "")
        .assert_error(400, "SESSION_NOT_IMPERSONATED");
}

#[test]
fn the_impersonated_user_is_counted_for_equisoft_connect() {
    let mut m = mock();
    let advisor = m.advisor_session();
    let path = |id: &str| format!("/sessions/{id}/enable/EQUISOFT_CONNECT");
    assert_eq!(m.call("POST", &path(&advisor), "").status, 202);
    let admin = m.admin_session();
    assert_eq!(impersonate(&mut m, &admin, &target(ADVISOR)).status, 200);
    // The session now acts as the advisor, whose limit (1) is reached.
    m.call("POST", &path(&admin), "")
        .assert_error(400, "CONCURRENT_ACCESS");
}
