use serde_json::json;

use super::*;
use crate::time::Timestamp;

fn session_json() -> serde_json::Value {
    json!({
        "sessionId": "0b6f5a1e-3c1d-4f0e-9a51-7f1c2d3e4f50",
        "state": "ENABLED",
        "created": "2026-11-28T12:00:00.000Z",
        "suspend": "2026-11-28T12:30:00.000Z",
        "expire": "2026-11-29T00:00:00.000Z",
        "enabledForEquisoftConnect": false,
        "mobile": false,
        "user": {
            "id": 7, "uuid": "u-1", "displayName": "Ada", "email": "ada@example.com",
            "locale": "en", "state": "ENABLED", "locked": false, "legacyRoles": ["ADMIN"],
            "deletable": true, "billable": true, "agreement": { "state": "ACCEPTED" },
            "services": [{ "serviceName": "EQUISOFT_CONNECT", "maxConcurrentAccess": 1 }],
            "servicesUsers": [], "authType": "PASSWORD"
        }
    })
}

#[test]
fn a_session_decodes_and_omits_absent_fields() {
    let session: Session = serde_json::from_value(session_json()).unwrap();
    assert_eq!(session.state, SessionState::Enabled);
    assert_eq!(
        session.created,
        Timestamp::parse("2026-11-28T12:00:00Z").unwrap()
    );
    assert_eq!(
        session.user.services[0].max_concurrent_access,
        Some(1),
        "nested camelCase fields decode"
    );
    assert_eq!(serde_json::to_value(&session).unwrap(), session_json());
}

#[test]
fn unknown_fields_and_enum_values_still_decode() {
    let mut value = session_json();
    value["state"] = json!("HIBERNATING");
    value["brandNewField"] = json!({ "nested": [1, 2, 3] });
    value["user"]["services"][0]["serviceName"] = json!("EQUISOFT_TOMORROW");
    let session: Session = serde_json::from_value(value).unwrap();
    assert_eq!(session.state, SessionState::Unknown("HIBERNATING".into()));
    assert_eq!(
        session.user.services[0].service_name,
        ServiceName::Unknown("EQUISOFT_TOMORROW".into())
    );
    let again = serde_json::to_value(&session).unwrap();
    assert_eq!(again["state"], "HIBERNATING");
    assert!(
        again.get("brandNewField").is_none(),
        "unknown fields are ignored"
    );
}

#[test]
fn a_missing_required_field_is_an_error() {
    let mut value = session_json();
    value.as_object_mut().unwrap().remove("expire");
    let err = serde_json::from_value::<Session>(value).unwrap_err();
    assert!(err.to_string().contains("expire"), "{err}");
}

#[test]
fn payloads_use_contract_names() {
    let payload = SessionPayload {
        user_uuid: "u-1".into(),
        public_computer: Some(true),
        ..SessionPayload::default()
    };
    assert_eq!(
        serde_json::to_value(&payload).unwrap(),
        json!({ "userUuid": "u-1", "publicComputer": true })
    );
    let connect = EnableEquisoftConnectPayloadSchema {
        disable_oldest_sessions: Some(true),
    };
    assert_eq!(
        serde_json::to_value(&connect).unwrap(),
        json!({ "disableOldestSessions": true })
    );
    let error: ErrorPayload = serde_json::from_value(json!({ "message": "NOT_FOUND" })).unwrap();
    assert_eq!(error.message, ErrorMessage::NotFound);
    assert_eq!(error.description, None);
}
