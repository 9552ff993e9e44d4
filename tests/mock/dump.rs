//! Dump and restore.

use serde_json::json;
use session_client::mock::default_scenario::{ADMIN, ADVISOR};
use session_client::schema::{self, Field, Kind};

use crate::support::*;

/// A mock with some of everything: impersonation, Connect, tokens, a NEW session.
fn busy_mock() -> TestMock {
    let mut m = mock();
    let admin = m.admin_session();
    m.call(
        "POST",
        &format!("/sessions/{admin}/impersonate"),
        &json!({ "userUuid": ADVISOR }).to_string(),
    );
    let advisor = m.advisor_session();
    m.call(
        "POST",
        &format!("/sessions/{advisor}/enable/EQUISOFT_CONNECT"),
        "",
    );
    for (token, value) in [("a%2Fb", "secret"), ("c", "second")] {
        m.call("PUT", &format!("/sessions/{advisor}/tokens/{token}"), value);
    }
    m.create(
        json!({ "userUuid": ADMIN, "enable": false, "cookieDomain": "example.com",
                     "sso": { "provider": "okta", "identifier": "x" } }),
    );
    m.advance(5 * MINUTE);
    m
}

#[test]
fn restore_gives_identical_answers_afterwards() {
    let mut original = busy_mock();
    let mut copy = mock();
    copy.advance(HOUR); // a different time, overwritten by the dump's
    copy.restore(original.dump()).unwrap();
    assert_eq!(copy.mock.now(), original.mock.now());
    assert_eq!(copy.mock.sessions(), original.mock.sessions());
    assert_eq!(copy.dump(), original.dump());

    // The same calls now give the same answers, new session ids included.
    let ids: Vec<String> = original
        .mock
        .sessions()
        .iter()
        .map(|s| s.session_id.clone())
        .collect();
    for m in [&mut original, &mut copy] {
        m.advance(10 * MINUTE);
    }
    let calls = [
        (
            "POST",
            "/sessions".to_owned(),
            json!({ "userUuid": ADVISOR }).to_string(),
        ),
        (
            "GET",
            format!("/sessions/{}?keepAlive=true", ids[0]),
            String::new(),
        ),
        (
            "GET",
            format!("/sessions/{}/tokens/a%2Fb", ids[1]),
            String::new(),
        ),
        (
            "POST",
            format!("/sessions/{}/enable/EQUISOFT_CONNECT", ids[1]),
            String::new(),
        ),
        (
            "POST",
            format!("/sessions/{}/revertIdentity", ids[0]),
            String::new(),
        ),
        ("DELETE", "/sessions/expired".to_owned(), String::new()),
    ];
    for (method, target, body) in calls {
        let a = original.call(method, &target, &body);
        let b = copy.call(method, &target, &body);
        assert_eq!(
            (a.status, &a.body),
            (b.status, &b.body),
            "{method} {target}"
        );
    }
}

#[test]
fn a_dump_is_versioned_json_and_survives_text() {
    let m = busy_mock();
    let dump = m.dump();
    assert_eq!(dump["format"], "session-client/mock-state");
    assert_eq!(dump["version"], 2);
    let text = dump.to_string();
    let mut copy = mock();
    copy.restore(serde_json::from_str(&text).unwrap()).unwrap();
    assert_eq!(copy.dump(), dump);
    // The text written directly (for persistence and `dump()` in JS) is the value's text,
    // and JSON (a session's two tokens included).
    assert_eq!(m.mock.dump_text(), m.mock.dump().to_string());
    let direct: serde_json::Value = serde_json::from_str(&m.mock.dump_text()).unwrap();
    assert_eq!(direct, dump);
}

#[test]
fn a_bad_dump_is_refused_by_field_and_changes_nothing() {
    let mut m = busy_mock();
    let before = m.dump();
    let cases: Vec<(serde_json::Value, &str)> = vec![
        (json!([]), ""),
        (json!({ "version": 1 }), "format"),
        (
            {
                // Otherwise a good dump: read straight into types, it is refused all the same.
                let mut d = before.clone();
                d["format"] = json!("another/format");
                d
            },
            "format",
        ),
        (
            {
                let mut d = before.clone();
                d["version"] = json!(3);
                d
            },
            "version",
        ),
        (
            {
                let mut d = before.clone();
                d["rng"] = json!("xyz");
                d
            },
            "rng",
        ),
        (
            {
                let mut d = before.clone();
                d["sessions"][0]["userUuid"] = json!("00000000-0000-4000-8000-0000000000ff");
                d
            },
            "sessions[0].userUuid",
        ),
        (
            {
                let mut d = before.clone();
                d["sessions"][1]["created"] = json!("yesterday");
                d
            },
            "sessions[1].created",
        ),
        (
            {
                let mut d = before.clone();
                d["sessions"][1]["sessionId"] = d["sessions"][0]["sessionId"].clone();
                d
            },
            "sessions[1].sessionId",
        ),
        (
            {
                let mut d = before.clone();
                d["scenario"]["users"][0]["state"] = json!("ENABLD");
                d
            },
            "scenario.users[0].state",
        ),
        (
            {
                let mut d = before.clone();
                d["surprise"] = json!(true);
                d
            },
            "surprise",
        ),
        (
            {
                // The API's SsoProvider takes unknown fields; a dump does not.
                let mut d = before.clone();
                d["sessions"][2]["given"]["sso"]["extra"] = json!(true);
                d
            },
            "sessions[2].given.sso.extra",
        ),
        (
            {
                let mut d = before.clone();
                d["sessions"][2]["given"]["surprise"] = json!(true);
                d
            },
            "sessions[2].given.surprise",
        ),
        (
            {
                // Suspended after it expires (created is still before both).
                let mut d = before.clone();
                d["sessions"][0]["suspend"] = json!("9999-01-01T00:00:00.000Z");
                d
            },
            "sessions[0].suspend",
        ),
    ];
    for (dump, path) in cases {
        // As a value, and as text (read straight into types when it can be): the same error.
        let as_text = m
            .mock
            .restore_text(dump.to_string().as_bytes())
            .unwrap_err();
        let err = m.restore(dump).unwrap_err();
        assert_eq!(err.path, path, "{err}");
        assert!(!err.problem.is_empty());
        assert_eq!(as_text, err);
    }
    assert_eq!(m.dump(), before, "the mock kept its state");
    let err = m.mock.restore_text(b"{not json").unwrap_err();
    assert!(err.problem.starts_with("not JSON"), "{err}");
    assert_eq!(m.dump(), before, "the mock kept its state");
}

/// `dump` as version 1 wrote it: a session's `mobile`, `cookieDomain` and `sso` beside its
/// times, and no payload.
fn as_version_1(mut dump: serde_json::Value) -> serde_json::Value {
    dump["version"] = json!(1);
    for session in dump["sessions"].as_array_mut().unwrap() {
        let session = session.as_object_mut().unwrap();
        let given = session.remove("given").unwrap_or_default();
        session.insert("mobile".into(), json!(given["mobileDevice"] == true));
        for field in ["cookieDomain", "sso"] {
            if let Some(value) = given.get(field) {
                session.insert(field.into(), value.clone());
            }
        }
    }
    dump
}

#[test]
fn a_dump_of_version_1_still_reads() {
    let mut original = busy_mock();
    original.create(json!({ "userUuid": ADVISOR, "mobileDevice": true }));
    let v1 = as_version_1(original.dump());
    let sessions = v1["sessions"].as_array().unwrap();
    assert!(sessions.iter().any(|s| s["sso"].is_object()));
    assert!(sessions.iter().any(|s| s["mobile"] == true));
    for text in [false, true] {
        let mut copy = mock();
        if text {
            copy.mock.restore_text(v1.to_string().as_bytes()).unwrap();
        } else {
            copy.restore(v1.clone()).unwrap();
        }
        assert_eq!(copy.mock.sessions(), original.mock.sessions());
        assert_eq!(copy.dump()["version"], 2);
    }
    let mut bad = v1.clone();
    bad["sessions"][0]["mobile"] = json!("yes");
    let err = mock().restore(bad).unwrap_err();
    assert_eq!(err.path, "sessions[0].given.mobileDevice", "{err}");
}

#[test]
fn a_dump_read_as_text_is_the_dump_read_as_a_value() {
    let original = busy_mock();
    let dump = original.dump();
    let (mut by_value, mut by_text) = (mock(), mock());
    by_value.restore(dump.clone()).unwrap();
    by_text
        .mock
        .restore_text(dump.to_string().as_bytes())
        .unwrap();
    assert_eq!(by_text.dump(), by_value.dump());
    assert_eq!(by_text.dump(), dump);
    // A whole number written as a float (`1800000.0`): the typed reading refuses it, the
    // checked one takes it, as it takes every whole number.
    let mut floats = dump.clone();
    floats["sessions"][0]["idleTimeoutMs"] = json!(1_800_000.0);
    assert!(floats.to_string().contains("1800000.0"));
    by_text
        .mock
        .restore_text(floats.to_string().as_bytes())
        .unwrap();
    assert_eq!(by_text.dump(), dump);
}

/// On the system clock, a mock's time is the machine's, and a dump holds no time (a
/// restored mock goes on with its own clock); on a virtual clock it holds the mock's time.
#[test]
fn a_dump_holds_the_time_of_a_virtual_clock_only() {
    use session_client::mock::{Clock, Mock, MockOptions};
    use std::time::{SystemTime, UNIX_EPOCH};

    let system = Mock::new(MockOptions {
        clock: Clock::SYSTEM,
        ..MockOptions::default()
    });
    let machine = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis();
    let mock_ms = i128::from(system.now().as_millis());
    assert!(
        (mock_ms - machine as i128).abs() < 60_000,
        "the system clock reads the machine's time: {mock_ms} against {machine}"
    );
    let dump: serde_json::Value = serde_json::from_str(&system.dump_text()).unwrap();
    assert!(
        dump["now"].is_null(),
        "no time in a system clock's dump: {}",
        dump["now"]
    );
    assert!(
        mock().dump()["now"].is_string(),
        "a virtual clock's time is dumped"
    );
}

/// Two stores are equal when they hold the same sessions: a restored copy equals its
/// original, and one more session makes them differ.
#[test]
fn stores_compare_by_their_sessions() {
    let original = busy_mock();
    let mut copy = mock();
    copy.restore(original.dump()).unwrap();
    assert_eq!(copy.mock.state().sessions, original.mock.state().sessions);
    copy.admin_session();
    assert_ne!(copy.mock.state().sessions, original.mock.state().sessions);
}

/// A value for every field of `fields`, each set (strings `example.com`, which every string
/// field of a payload accepts, booleans `true`, objects with all of their own fields): a
/// field a table gains is set here without a word.
fn every_field(fields: &[Field]) -> serde_json::Value {
    let mut object = serde_json::Map::new();
    for field in fields {
        let value = match field.kind {
            Kind::Str | Kind::Enum => json!("example.com"),
            Kind::Bool => json!(true),
            Kind::Int => json!(1),
            Kind::Time => json!("2026-11-28T12:00:00Z"),
            Kind::Object(inner) => every_field(inner),
            Kind::Array(_) | Kind::Map(_) | Kind::Any => continue,
        };
        object.insert(field.name.into(), value);
    }
    object.into()
}

/// What a session keeps from its payload must outlive a dump: a payload field (say a new
/// `deviceName`) that the store keeps but the dump forgets would come back empty after a
/// restore. Both answers carry each payload field the `Session` model has.
#[test]
fn every_field_a_payload_sets_survives_dump_and_restore() {
    let mut original = mock();
    let mut payload = every_field(schema::SESSION_PAYLOAD);
    payload["userUuid"] = json!(ADMIN);
    let id = original.created(payload.clone());
    let mut copy = mock();
    copy.restore(original.dump()).unwrap();
    for m in [&mut original, &mut copy] {
        let session = m.call("GET", &format!("/sessions/{id}"), "").body;
        for field in schema::SESSION_PAYLOAD {
            if schema::SESSION.iter().any(|kept| kept.name == field.name) {
                assert_eq!(session[field.name], payload[field.name], "{}", field.name);
            }
        }
    }
    assert_eq!(copy.mock.sessions(), original.mock.sessions());
}

/// A moved system clock's offset is part of the dump, so a persisted development mock keeps
/// the move across a reload; an unmoved one writes none.
#[test]
fn a_moved_system_clocks_offset_survives_a_dump() {
    use session_client::mock::{Clock, Mock, MockOptions};

    let options = || MockOptions {
        clock: Clock::SYSTEM,
        ..MockOptions::default()
    };
    let mut moved = Mock::new(options());
    let unmoved: serde_json::Value = serde_json::from_str(&moved.dump_text()).unwrap();
    assert!(unmoved.get("offsetMs").is_none(), "{unmoved}");
    moved.advance(3_600_000);
    let text = moved.dump_text();
    let dump: serde_json::Value = serde_json::from_str(&text).unwrap();
    let offset = dump["offsetMs"].as_i64().unwrap();
    assert!((3_599_000..=3_601_000).contains(&offset), "{dump}");
    let mut restored = Mock::new(options());
    restored.restore_text(text.as_bytes()).unwrap();
    assert_eq!(restored.clock(), moved.clock());
    // Through the checked reader too (a value), as `restore()` reads an object.
    let mut again = Mock::new(options());
    again.restore(&dump).unwrap();
    assert_eq!(again.clock(), moved.clock());
}
