//! Scenarios: the default directory, the JSON format, its errors, policy and roles.

use serde_json::json;
use session_client::mock::default_scenario::{
    default_scenario, ADMIN, ADVISOR, AGREEMENT_REQUESTED, DISABLED, PLANNER, TEAM_LEAD,
};
use session_client::mock::{Clock, Mock, MockOptions, Scenario};
use session_client::models::{ServiceName, UserAgreementState, UserState};

use crate::support::*;

#[test]
fn the_default_scenario_has_the_contract_users() {
    let scenario = default_scenario();
    let dir = &scenario.directory;
    assert_eq!(dir.users().len(), 6);
    let connect_max = |uuid: &str| {
        dir.get(uuid)
            .unwrap()
            .service(&ServiceName::EquisoftConnect)
            .map(|s| s.max_concurrent_access.unwrap_or(0))
    };
    assert!(dir
        .get(ADMIN)
        .unwrap()
        .legacy_roles
        .contains(&"ADMIN".to_owned()));
    assert_eq!(connect_max(ADMIN), Some(0), "unlimited");
    assert_eq!(connect_max(ADVISOR), Some(1));
    assert_eq!(dir.get(DISABLED).unwrap().state, UserState::Disabled);
    assert_eq!(
        dir.get(AGREEMENT_REQUESTED).unwrap().agreement.state,
        UserAgreementState::Requested
    );
    assert_eq!(connect_max(AGREEMENT_REQUESTED), Some(2));
    assert_eq!(connect_max(PLANNER), None);
    assert_eq!(connect_max(TEAM_LEAD), Some(2));
}

fn mock_with(scenario: Scenario) -> TestMock {
    TestMock {
        mock: Mock::new(MockOptions {
            scenario,
            clock: Clock::Virtual(start()),
            seed: Some(1),
            ..MockOptions::default()
        }),
    }
}

const BOSS: &str = "aaaaaaaa-0000-4000-8000-000000000001";
const CLERK: &str = "aaaaaaaa-0000-4000-8000-000000000002";

#[test]
fn a_scenario_sets_users_with_defaults_and_the_policy() {
    let scenario = Scenario::from_json(&json!({
        "users": [
            { "uuid": BOSS, "displayName": "Boss", "legacyRoles": ["SUPPORT"] },
            { "uuid": CLERK }
        ],
        "policy": { "idleTimeoutMs": 60000, "lifetimeMs": 3600000, "impersonationRoles": ["SUPPORT"] }
    }).to_string()).unwrap();
    let clerk = scenario.directory.get(CLERK).unwrap();
    assert_eq!((clerk.id, clerk.display_name.as_str()), (2, CLERK));
    assert_eq!(clerk.email, format!("{CLERK}@example.com"));
    assert!(clerk.is_enabled());

    let mut m = mock_with(scenario);
    let created = m.create(json!({ "userUuid": BOSS }));
    assert_eq!(created.body["suspend"], "2026-11-28T12:01:00.000Z");
    assert_eq!(created.body["expire"], "2026-11-28T13:00:00.000Z");
    let id = created.body["sessionId"].as_str().unwrap().to_owned();
    let answer = m.call(
        "POST",
        &format!("/sessions/{id}/impersonate"),
        &json!({ "userUuid": CLERK }).to_string(),
    );
    assert_eq!(
        answer.status, 200,
        "SUPPORT may impersonate in this scenario"
    );
    m.create(json!({ "userUuid": ADMIN }))
        .assert_error(400, "BAD_REQUEST");
}

#[test]
fn without_users_the_default_directory_is_kept() {
    let scenario = Scenario::from_json(r#"{"policy": {"publicIdleTimeoutMs": 1000}}"#).unwrap();
    assert_eq!(scenario.directory.users().len(), 6);
    assert_eq!(scenario.policy.public_idle_timeout_ms, 1000);
    assert_eq!(
        scenario.policy.idle_timeout_ms,
        30 * MINUTE,
        "other fields default"
    );
}

#[test]
fn bad_scenarios_name_the_field() {
    for (json, path) in [
        ("nope", ""),
        (r#"{"users": {}}"#, "users"),
        (r#"{"users": [42]}"#, "users[0]"),
        (r#"{"users": [{}]}"#, "users[0].uuid"),
        (r#"{"users": [{"uuid": "x"}]}"#, "users[0].uuid"),
        (
            &format!(r#"{{"users": [{{"uuid": "{BOSS}"}}, {{"uuid": "{BOSS}"}}]}}"#),
            "users[1].uuid",
        ),
        (
            &format!(r#"{{"users": [{{"uuid": "{BOSS}", "locked": "no"}}]}}"#),
            "users[0].locked",
        ),
        (
            &format!(
                r#"{{"users": [{{"uuid": "{BOSS}", "services": [{{"serviceName": "EQUISOFT_KONNECT"}}]}}]}}"#
            ),
            "users[0].services[0].serviceName",
        ),
        (r#"{"policy": {"idleTimeout": 5}}"#, "policy.idleTimeout"),
        (r#"{"policy": {"lifetimeMs": 0}}"#, "policy.lifetimeMs"),
        (r#"{"polcy": {}}"#, "polcy"),
    ] {
        let err = Scenario::from_json(json).unwrap_err();
        assert_eq!(err.path, path, "{json}: {err}");
    }
}

/// `null` for an optional field is the field absent: a user's `ssoProvider: null` is no
/// provider (not one read from `null`).
#[test]
fn null_optional_fields_read_as_absent() {
    let user = |extra: &str| {
        Scenario::from_json(&format!(
            r#"{{"users": [{{"uuid": "aaaaaaaa-0000-4000-8000-000000000001"{extra}}}]}}"#
        ))
        .unwrap()
    };
    let absent = user("");
    assert_eq!(user(r#", "ssoProvider": null"#), absent);
    let written = absent.to_value();
    let users = written
        .get("users")
        .and_then(serde_json::Value::as_array)
        .unwrap();
    assert!(
        users[0].get("ssoProvider").is_none(),
        "no provider is written"
    );
}

#[test]
fn the_scenario_round_trips_through_its_json() {
    let scenario = default_scenario();
    let again = Scenario::from_value(&scenario.to_value()).unwrap();
    assert_eq!(again, scenario);
}

/// Seeding a directory from a loop: 20,000 users added one by one each get the next id and
/// stay findable, and a duplicate is still refused. That it stays linear (each `add_user` a
/// constant-time push; it once rebuilt and re-checked the whole directory, quadratic in the
/// users) is a speed figure, printed per call by `examples/mock_bench.rs` (its last row, flat
/// as SESSIONS grows), not asserted here.
#[test]
fn many_users_can_be_added_one_by_one() {
    let mut m = mock();
    let before = m.mock.users().len();
    for i in 0..20_000 {
        let uuid = format!("aaaaaaaa-0000-4000-8000-{i:012}");
        m.mock
            .add_user(serde_json::json!({ "uuid": uuid }))
            .unwrap();
    }
    assert_eq!(m.mock.users().len(), before + 20_000);
    let last = "AAAAAAAA-0000-4000-8000-000000019999";
    assert_eq!(
        m.mock.state().scenario.directory.get(last).map(|u| u.id),
        Some((before + 20_000) as i64)
    );
    let taken = serde_json::json!({ "uuid": "aaaaaaaa-0000-4000-8000-000000000007" });
    let err = m.mock.add_user(taken).unwrap_err();
    assert!(err.to_string().contains("two users"), "{err}");
    assert_eq!(
        m.mock.users().len(),
        before + 20_000,
        "a refused user is not added"
    );
}

/// A whole number beyond an `i64` is refused where a field is one, rather than accepted by
/// the check and then read back as a default.
#[test]
fn whole_numbers_out_of_range_are_refused() {
    let text = r#"{"users": [{"uuid": "aaaaaaaa-0000-4000-8000-000000000001", "id": 1e20}]}"#;
    let err = Scenario::from_json(text).unwrap_err().to_string();
    assert!(err.contains("users[0].id"), "{err}");
    let text = r#"{"users": [{"uuid": "aaaaaaaa-0000-4000-8000-000000000001", "id": 2e3}]}"#;
    let scenario = Scenario::from_json(text).unwrap();
    assert_eq!(scenario.directory.users()[0].id, 2000);
}

#[test]
fn policy_durations_are_bounded() {
    let err = Scenario::from_json(r#"{"policy": {"idleTimeoutMs": 1e18}}"#)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("policy.idleTimeoutMs") && err.contains("100 years"),
        "{err}"
    );
    assert!(Scenario::from_json(r#"{"policy": {"lifetimeMs": 3153600000000}}"#).is_ok());
}

/// `Directory::replace` keeps each user's UUID: a user with another is refused, whatever
/// the caller checked before; the same user (in another letter case) is taken.
#[test]
fn a_directory_replacement_keeps_the_uuid() {
    let mut directory = default_scenario().directory;
    let mut moved = directory.users()[1].clone();
    moved.uuid = "aaaaaaaa-0000-4000-8000-000000000077".into();
    let err = directory.replace(1, moved).unwrap_err();
    assert!(err.to_string().contains("cannot change"), "{err}");
    let mut same = directory.users()[1].clone();
    same.uuid = same.uuid.to_uppercase();
    directory.replace(1, same).unwrap();
    assert_eq!(
        directory.users()[1],
        default_scenario().directory.users()[1]
    );
}
