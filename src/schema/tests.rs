//! Each table against the serde model it describes, and the checker's verdicts.

use serde::Serialize;
use serde_json::{json, Value};

use super::*;
use crate::models::*;

pub(crate) fn time() -> Timestamp {
    Timestamp::parse("2026-11-28T12:00:00Z").unwrap()
}

/// A user with every optional field set (`full`) or none.
pub(crate) fn user(full: bool) -> User {
    User {
        id: 1,
        uuid: "u".into(),
        display_name: "d".into(),
        email: "e".into(),
        locale: "en".into(),
        state: UserState::Enabled,
        locked: false,
        legacy_roles: vec!["ADMIN".into()],
        deletable: true,
        billable: true,
        agreement: UserAgreement {
            state: UserAgreementState::Accepted,
        },
        services: vec![ServiceAccess {
            service_name: ServiceName::EquisoftConnect,
            database_id: full.then_some(1),
            database_name: full.then(|| "db".into()),
            database_state: full.then_some(DatabaseState::Enabled),
            user_id: full.then_some(2),
            max_concurrent_access: full.then_some(3),
        }],
        services_users: vec![UserServiceAssociation {
            organization_uuid: "o".into(),
            code: "c".into(),
            external_id: full.then(|| "x".into()),
        }],
        auth_type: "PASSWORD".into(),
        mobile_phone: full.then(|| "555".into()),
        created: full.then(time),
        sso_provider: full.then(|| UserSsoProvider {
            code: "okta".into(),
        }),
        sso_identifier: full.then(|| "id".into()),
    }
}

/// A session with every optional field set (`full`) or none.
pub(crate) fn session(full: bool) -> Session {
    Session {
        session_id: "s".into(),
        state: SessionState::Enabled,
        created: time(),
        suspend: time(),
        expire: time(),
        user: user(full),
        enabled_for_equisoft_connect: false,
        mobile: false,
        cookie_domain: full.then(|| "example.com".into()),
        actor: full.then(|| user(full)),
        sso: full.then(|| SsoProvider {
            provider: "p".into(),
            identifier: "i".into(),
        }),
    }
}

/// Every key the model writes is in the table, and the required ones are those it always writes.
fn assert_table_matches(table: &'static [Field], full: impl Serialize, minimal: impl Serialize) {
    let full = serde_json::to_value(full).unwrap();
    let minimal = serde_json::to_value(minimal).unwrap();
    let mut names: Vec<_> = table.iter().map(|f| f.name.to_owned()).collect();
    let mut written = (&full).keys();
    names.sort();
    written.sort();
    assert_eq!(names, written, "every field, in the table and the model");
    let mut required: Vec<_> = table
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name.to_owned())
        .collect();
    let mut always = (&minimal).keys();
    required.sort();
    always.sort();
    assert_eq!(required, always, "required fields are those always written");
    for value in [&full, &minimal] {
        check(&value, table, "x", Unknown::Refuse).unwrap();
    }
}

#[test]
fn tables_match_the_models() {
    assert_table_matches(SESSION, session(true), session(false));
    assert_table_matches(USER, user(true), user(false));
    assert_table_matches(
        SERVICE_ACCESS,
        &user(true).services[0],
        &user(false).services[0],
    );
    assert_table_matches(
        USER_SERVICE_ASSOCIATION,
        &user(true).services_users[0],
        &user(false).services_users[0],
    );
    let payload = SessionPayload {
        user_uuid: "u".into(),
        enable: Some(true),
        sso: Some(SsoProvider {
            provider: "p".into(),
            identifier: "i".into(),
        }),
        public_computer: Some(true),
        mobile_device: Some(false),
        cookie_domain: Some("c".into()),
    };
    assert_table_matches(
        SESSION_PAYLOAD,
        payload,
        SessionPayload {
            user_uuid: "u".into(),
            ..Default::default()
        },
    );
    let connect = EnableEquisoftConnectPayloadSchema {
        disable_oldest_sessions: Some(true),
    };
    assert_table_matches(
        CONNECT_PAYLOAD,
        connect,
        EnableEquisoftConnectPayloadSchema::default(),
    );
    let imp = ImpersonatePayload {
        user_uuid: "u".into(),
    };
    assert_table_matches(IMPERSONATE_PAYLOAD, imp.clone(), imp);
    let token = SsoToken {
        id: "i".into(),
        value: "v".into(),
    };
    assert_table_matches(SSO_TOKEN, token.clone(), token);
    let error = |d: Option<&str>| ErrorPayload {
        message: ErrorMessage::NotFound,
        description: d.map(Into::into),
    };
    assert_table_matches(ERROR_PAYLOAD, error(Some("d")), error(None));
}

#[test]
fn errors_name_the_path() {
    let mut value = serde_json::to_value(session(true)).unwrap();
    value["user"]["services"][0]["serviceName"] = json!(3);
    let err = check(&&value, SESSION, "session", Unknown::Allow)
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "`session.user.services[0].serviceName` must be a string, got a number"
    );

    let mut value = serde_json::to_value(session(false)).unwrap();
    value.as_object_mut().unwrap().remove("expire");
    let err = check(&&value, SESSION, "session", Unknown::Allow)
        .unwrap_err()
        .to_string();
    assert_eq!(err, "`session.expire` is required");

    value["expire"] = json!("tomorrow");
    let err = check(&&value, SESSION, "session", Unknown::Allow)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("`session.expire` is not a date-time: `tomorrow` is not an RFC 3339"),
        "{err}"
    );

    value["expire"] = json!("2026-11-28T12:00:00Z");
    value["user"]["id"] = json!(1.5);
    let err = check(&&value, SESSION, "session", Unknown::Allow)
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "`session.user.id` must be a whole number, got a number"
    );
}

#[test]
fn maps_any_and_paths_from_the_root() {
    const TABLE: &[Field] = &[
        req("tokens", Kind::Map(&Kind::Str)),
        opt("extra", Kind::Any),
    ];
    check(
        &&json!({ "tokens": { "a/b": "x" }, "extra": [1, {}] }),
        TABLE,
        "",
        Unknown::Refuse,
    )
    .unwrap();
    let err = check(
        &&json!({ "tokens": { "a": 1 } }),
        TABLE,
        "",
        Unknown::Refuse,
    )
    .unwrap_err();
    assert_eq!(
        (err.path.as_str(), err.problem.as_str()),
        ("tokens.a", "must be a string, got a number")
    );
    let err = check(
        &&json!({ "tokens": {}, "oops": 1 }),
        TABLE,
        "",
        Unknown::Refuse,
    )
    .unwrap_err();
    assert_eq!(err.path, "oops");
}

#[test]
fn unknown_fields_pass_in_answers_and_not_in_requests() {
    let mut value = serde_json::to_value(session(false)).unwrap();
    value["newField"] = json!({ "anything": [1] });
    value["state"] = json!("HIBERNATING");
    value["cookieDomain"] = Value::Null;
    check(&&value, SESSION, "session", Unknown::Allow).unwrap();

    let payload = json!({ "userUuid": "u", "publicComputr": true });
    let err = check(&&payload, SESSION_PAYLOAD, "payload", Unknown::Refuse)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("`payload.publicComputr` is not a known field"),
        "{err}"
    );
    let err = check(&&json!([1]), SESSION_PAYLOAD, "payload", Unknown::Refuse)
        .unwrap_err()
        .to_string();
    assert_eq!(err, "`payload` must be an object, got an array");
    let err = check(
        &&json!({ "userUuid": null }),
        SESSION_PAYLOAD,
        "payload",
        Unknown::Refuse,
    )
    .unwrap_err()
    .to_string();
    assert_eq!(err, "`payload.userUuid` is required");
}

/// Any JSON value, as serde_json models it: nesting, every escape, numbers over the whole
/// `f64` range and every `i64`.
pub(crate) fn any_json() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
    use proptest::prelude::*;
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(Value::from),
        "\\PC*|[\\x00-\\x1f\"\\\\/\u{7f}-\u{10ffff}]*".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map("\\PC{0,8}", inner, 0..8)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

#[test]
fn a_list_answer_is_checked_item_by_item() {
    let good = serde_json::to_value(session(false)).unwrap();
    let list = Kind::Array(&Kind::Object(SESSION));
    check_as(
        &&json!([good.clone(), good.clone()]),
        list,
        "Session[]",
        Unknown::Allow,
    )
    .unwrap();
    check_as(&&json!([]), list, "Session[]", Unknown::Allow).unwrap();
    let mut bad = good.clone();
    bad["expire"] = json!("tomorrow");
    let err = check_as(&&json!([good, bad]), list, "Session[]", Unknown::Allow).unwrap_err();
    assert_eq!(err.path, "Session[][1].expire");
    let err = check_as(&&json!({}), list, "Session[]", Unknown::Allow)
        .unwrap_err()
        .to_string();
    assert!(err.contains("must be an array"), "{err}");
}
