//! createSession, getSession, deleteSession, deleteAllSessions, enableSession.

use serde_json::json;
use session_client::mock::default_scenario::{
    ADMIN, ADVISOR, AGREEMENT_REQUESTED, DISABLED, PLANNER,
};

use crate::support::*;

#[test]
fn create_returns_201_with_the_contract_fields() {
    let mut m = mock();
    let answer = m.create(json!({
        "userUuid": ADMIN, "sso": { "provider": "okta", "identifier": "alice@okta" },
        "cookieDomain": ".example.com"
    }));
    assert_eq!(answer.status, 201, "{}", answer.body);
    let s = &answer.body;
    assert_eq!(s["state"], "ENABLED");
    assert_eq!(s["created"], "2026-11-28T12:00:00.000Z");
    assert_eq!(s["suspend"], "2026-11-28T12:30:00.000Z");
    assert_eq!(s["expire"], "2026-11-29T00:00:00.000Z");
    assert_eq!(s["user"]["uuid"], ADMIN);
    assert_eq!(s["enabledForEquisoftConnect"], false);
    assert_eq!(s["mobile"], false);
    assert_eq!(s["cookieDomain"], ".example.com");
    assert_eq!(
        s["sso"],
        json!({ "provider": "okta", "identifier": "alice@okta" })
    );
    assert!(s.get("actor").is_none(), "no actor: {s}");
    let id = uuid::Uuid::parse_str(s["sessionId"].as_str().unwrap()).unwrap();
    assert_eq!(id.get_version_num(), 4);
    assert_eq!(
        m.get(&id.to_string()).body,
        answer.body,
        "stored as answered"
    );
}

#[test]
fn create_with_enable_false_is_new_and_optional_fields_are_omitted() {
    let mut m = mock();
    let answer = m.create(json!({ "userUuid": ADVISOR, "enable": false }));
    assert_eq!(answer.status, 201);
    assert_eq!(answer.body["state"], "NEW");
    assert!(answer.body.get("cookieDomain").is_none());
    assert!(answer.body.get("sso").is_none());
}

#[test]
fn public_computer_and_mobile_device_change_the_timing() {
    let mut m = mock();
    let public = m.create(json!({ "userUuid": ADMIN, "publicComputer": true }));
    assert_eq!(public.body["suspend"], "2026-11-28T12:10:00.000Z");
    let mobile = m.create(json!({ "userUuid": ADMIN, "mobileDevice": true }));
    assert_eq!(mobile.body["expire"], "2026-12-28T12:00:00.000Z");
    assert_eq!(mobile.body["mobile"], true);
}

#[test]
fn create_refuses_malformed_bodies_with_bad_request() {
    let mut m = mock();
    for (body, mentions) in [
        ("not json", "not JSON"),
        ("[1, 2]", "JSON object"),
        // serde would read a struct from an array's items: never a payload here.
        (&format!(r#"  ["{ADMIN}"]"#), "JSON object"),
        ("{}", "userUuid"),
        (r#"{"userUuid": 5}"#, "userUuid"),
        (
            &format!(r#"{{"userUuid": "{ADMIN}", "enable": "yes"}}"#),
            "enable",
        ),
        (
            &format!(r#"{{"userUuid": "{ADMIN}", "publicComputer": 1}}"#),
            "publicComputer",
        ),
        (
            &format!(r#"{{"userUuid": "{ADMIN}", "mobileDevice": []}}"#),
            "mobileDevice",
        ),
        (
            &format!(r#"{{"userUuid": "{ADMIN}", "cookieDomain": false}}"#),
            "cookieDomain",
        ),
        (
            &format!(r#"{{"userUuid": "{ADMIN}", "sso": "okta"}}"#),
            "sso",
        ),
        (
            &format!(r#"{{"userUuid": "{ADMIN}", "sso": {{"provider": "okta"}}}}"#),
            "sso.identifier",
        ),
        (r#"{"userUuid": "not-a-uuid"}"#, "not a UUID"),
        (
            r#"{"userUuid": "11111111-2222-4333-8444-555555555555"}"#,
            "no such user",
        ),
    ] {
        let answer = m.call("POST", "/sessions", body);
        answer.assert_error(400, "BAD_REQUEST");
        assert!(
            answer.description().contains(mentions),
            "{body}: {}",
            answer.description()
        );
    }
    assert!(m.mock.sessions().is_empty(), "nothing was created");
    let answer = m.call("POST", "/sessions", r#"{"userUuid": 5}"#);
    assert_eq!(
        answer.description(),
        "`userUuid` must be a string, got a number"
    );
    let sso = format!(r#"{{"userUuid": "{ADMIN}", "sso": {{"provider": 1, "identifier": "x"}}}}"#);
    let answer = m.call("POST", "/sessions", &sso);
    assert_eq!(
        answer.description(),
        "`sso.provider` must be a string, got a number"
    );
}

#[test]
fn create_refuses_users_that_cannot_have_a_session() {
    let mut m = mock();
    m.create(json!({ "userUuid": DISABLED }))
        .assert_error(400, "USER_NOT_ENABLED");
    m.create(json!({ "userUuid": AGREEMENT_REQUESTED }))
        .assert_error(400, "USER_AGREEMENT_REQUESTED");
    let not_enabled = m.create(json!({ "userUuid": AGREEMENT_REQUESTED, "enable": false }));
    assert_eq!(
        not_enabled.status, 201,
        "enable: false is allowed before the agreement"
    );
    let bad_domain = m.create(json!({ "userUuid": ADMIN, "cookieDomain": "-bad-.com" }));
    bad_domain.assert_error(400, "INVALID_COOKIE_DOMAIN_NAME");
    assert!(bad_domain.description().contains("-bad-.com"));
}

#[test]
fn user_uuids_are_matched_in_any_letter_case() {
    let mut m = mock();
    let answer = m.create(json!({ "userUuid": PLANNER.to_uppercase() }));
    assert_eq!(answer.status, 201);
    assert_eq!(answer.body["user"]["uuid"], PLANNER);
}

#[test]
fn get_unknown_is_404_and_bad_keep_alive_is_400() {
    let mut m = mock();
    m.get("3f1e0000-0000-4000-8000-000000000000")
        .assert_error(404, "NOT_FOUND");
    let id = m.admin_session();
    m.call("GET", &format!("/sessions/{id}?keepAlive=yes"), "")
        .assert_error(400, "BAD_REQUEST");
    let upper = m.get(&id.to_uppercase());
    assert_eq!(upper.status, 200, "session ids match in any letter case");
}

#[test]
fn delete_removes_one_session_and_its_tokens() {
    let mut m = mock();
    let (a, b) = (m.admin_session(), m.advisor_session());
    assert_eq!(
        m.call("PUT", &format!("/sessions/{a}/tokens/t"), "v")
            .status,
        200
    );
    assert_eq!(m.call("DELETE", &format!("/sessions/{a}"), "").status, 204);
    assert_eq!(m.get(&a).status, 404);
    m.call("GET", &format!("/sessions/{a}/tokens/t"), "")
        .assert_error(404, "NOT_FOUND");
    assert_eq!(m.get(&b).status, 200, "the other session stays");
    m.call("DELETE", &format!("/sessions/{a}"), "")
        .assert_error(404, "NOT_FOUND");
}

#[test]
fn delete_all_removes_everything() {
    let mut m = mock();
    let ids = [m.admin_session(), m.advisor_session()];
    let answer = m.call("DELETE", "/sessions", "");
    assert_eq!((answer.status, answer.response.body.len()), (204, 0));
    for id in ids {
        assert_eq!(m.get(&id).status, 404);
    }
}

#[test]
fn enable_turns_new_into_enabled_idempotently() {
    let mut m = mock();
    let id = m.created(json!({ "userUuid": ADVISOR, "enable": false }));
    assert_eq!(m.state_of(&id), "NEW");
    let path = format!("/sessions/{id}/enable");
    assert_eq!(m.call("POST", &path, "any text body").status, 204);
    assert_eq!(m.state_of(&id), "ENABLED");
    assert_eq!(m.call("POST", &path, "").status, 204, "idempotent");
    m.call(
        "POST",
        "/sessions/00000000-0000-4000-8000-00000000dead/enable",
        "",
    )
    .assert_error(404, "NOT_FOUND");
}

#[test]
fn enable_refuses_suspended_expired_and_unready_users() {
    let mut m = mock();
    let new_session =
        |m: &mut TestMock, user: &str| m.created(json!({ "userUuid": user, "enable": false }));
    let requested = new_session(&mut m, AGREEMENT_REQUESTED);
    m.call("POST", &format!("/sessions/{requested}/enable"), "")
        .assert_error(400, "USER_AGREEMENT_REQUESTED");

    let advisor = new_session(&mut m, ADVISOR);
    let patch = |user: &mut session_client::models::User| {
        user.state = session_client::models::UserState::Disabled;
    };
    disable_user(&mut m, ADVISOR, patch);
    m.call("POST", &format!("/sessions/{advisor}/enable"), "")
        .assert_error(400, "USER_NOT_ENABLED");

    let mut m = mock();
    let id = new_session(&mut m, ADVISOR);
    m.advance(30 * MINUTE);
    assert_eq!(m.state_of(&id), "SUSPENDED");
    let suspended = m.call("POST", &format!("/sessions/{id}/enable"), "");
    suspended.assert_error(400, "BAD_REQUEST");
    assert!(suspended.description().contains("SUSPENDED"));
    m.advance(12 * HOUR);
    m.call("POST", &format!("/sessions/{id}/enable"), "")
        .assert_error(400, "BAD_REQUEST");
}

/// Changes a user in the directory by restoring a patched dump.
pub fn disable_user(
    m: &mut TestMock,
    uuid: &str,
    patch: impl Fn(&mut session_client::models::User),
) {
    let mut dump = m.dump();
    let users = dump["scenario"]["users"].as_array_mut().unwrap();
    for user in users.iter_mut() {
        if user["uuid"] == uuid {
            let mut typed: session_client::models::User =
                serde_json::from_value(user.clone()).unwrap();
            patch(&mut typed);
            *user = serde_json::to_value(typed).unwrap();
        }
    }
    m.restore(dump).unwrap();
}
