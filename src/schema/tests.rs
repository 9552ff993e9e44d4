//! Each table against the serde model it describes, and the checker's verdicts.

use serde::Serialize;
use serde_json::{json, Value};

use super::*;
use crate::models::*;

/// A value of `kind`, as [`sample`] fills it; `None` for [`Kind::Any`].
fn sample_of(kind: Kind, full: bool) -> Option<Value> {
    Some(match kind {
        Kind::Str => json!("x"),
        Kind::Enum => json!("A_VALUE_NO_VERSION_KNOWS"),
        Kind::Bool => json!(true),
        Kind::Int => json!(1),
        Kind::Time => json!("2026-11-28T12:00:00.000Z"),
        Kind::Object(fields) => sample(fields, full),
        Kind::Array(item) => json!([sample_of(*item, full)?]),
        Kind::Map(item) => json!({ "key": sample_of(*item, full)? }),
        Kind::Any => return None,
    })
}

/// An object of `fields`: every one set (`full`), or the required ones only; arrays and maps
/// with one item. Made from the table alone, so a field a model gains is in it unasked.
pub(crate) fn sample(fields: &[Field], full: bool) -> Value {
    let mut object = serde_json::Map::new();
    for field in fields.iter().filter(|field| full || field.required) {
        if let Some(value) = sample_of(field.kind, full) {
            object.insert(field.name.into(), value);
        }
    }
    object.into()
}

/// A session with every optional field set (`full`) or none.
pub(crate) fn session(full: bool) -> Session {
    serde_json::from_value(sample(SESSION, full)).unwrap()
}

/// The table and the model `T` name the same fields: `T` reads the table's sample, with every
/// field and with the required ones only, and writes it back unchanged.
fn assert_table_matches<T: Serialize + serde::de::DeserializeOwned>(table: &'static [Field]) {
    for full in [true, false] {
        let value = sample(table, full);
        let model: T =
            serde_json::from_value(value.clone()).unwrap_or_else(|err| panic!("{value}: {err}"));
        assert_eq!(serde_json::to_value(model).unwrap(), value);
        check(&&value, table, "x", Unknown::Refuse).unwrap();
    }
}

#[test]
fn tables_match_the_models() {
    assert_table_matches::<Session>(SESSION);
    assert_table_matches::<User>(USER);
    assert_table_matches::<ServiceAccess>(SERVICE_ACCESS);
    assert_table_matches::<UserServiceAssociation>(USER_SERVICE_ASSOCIATION);
    assert_table_matches::<SessionPayload>(SESSION_PAYLOAD);
    assert_table_matches::<EnableEquisoftConnectPayloadSchema>(CONNECT_PAYLOAD);
    assert_table_matches::<ImpersonatePayload>(IMPERSONATE_PAYLOAD);
    assert_table_matches::<SsoToken>(SSO_TOKEN);
    assert_table_matches::<ErrorPayload>(ERROR_PAYLOAD);
    assert_table_matches::<SsoProvider>(SSO_PROVIDER);
    assert_table_matches::<UserAgreement>(USER_AGREEMENT);
    assert_table_matches::<UserSsoProvider>(USER_SSO_PROVIDER);
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
