//! The request journal, redaction, and changes to the directory.

use serde_json::json;
use session_client::mock::default_scenario::{ADVISOR, AGREEMENT_REQUESTED};

use crate::support::*;

#[test]
fn the_journal_lists_answered_calls_with_secrets_redacted() {
    let mut m = mock();
    let id = m.advisor_session();
    m.call("PUT", &format!("/sessions/{id}/tokens/okta"), "s3cret");
    m.call("GET", &format!("/sessions/{id}/tokens/okta"), "");
    m.call("GET", "/nowhere", "");
    m.mock.delay_next(40, 1);
    m.call("GET", &format!("/sessions/{id}?keepAlive=true"), "");

    let entries = m.call("GET", "/__mock/requests", "").body;
    let entries = entries.as_array().unwrap();
    assert_eq!(entries.len(), 5, "control calls are not journaled");
    assert_eq!(entries[0]["operation"], "createSession");
    assert_eq!(entries[0]["method"], "POST");
    assert_eq!(entries[0]["status"], 201);
    assert_eq!(entries[0]["time"], "2026-11-28T12:00:00.000Z");
    assert_eq!(entries[0]["requestBody"], "[redacted]");
    assert_eq!(entries[1]["path"], format!("/sessions/{id}/tokens/okta"));
    assert_eq!(entries[1]["requestBody"], "[redacted]");
    assert_eq!(
        entries[2]["responseBody"],
        json!({ "id": "okta", "value": "[redacted]" }).to_string()
    );
    assert!(
        !entries.iter().any(|e| e.to_string().contains("s3cret")),
        "no secret anywhere"
    );
    assert_eq!(entries[3]["operation"], serde_json::Value::Null);
    assert_eq!(entries[3]["status"], 404);
    assert_eq!(entries[4]["path"], format!("/sessions/{id}?keepAlive=true"));
    assert_eq!(entries[4]["durationMs"], 40);

    let revealed = m.call("GET", "/__mock/requests?reveal=true", "").body;
    assert_eq!(revealed[1]["requestBody"], "s3cret");
    assert!(revealed[2]["responseBody"]
        .as_str()
        .unwrap()
        .contains("s3cret"));

    assert_eq!(m.call("DELETE", "/__mock/requests", "").status, 204);
    assert_eq!(m.call("GET", "/__mock/requests", "").body, json!([]));
}

#[test]
fn update_user_changes_what_sessions_see() {
    let mut m = mock();
    m.create(json!({ "userUuid": AGREEMENT_REQUESTED }))
        .assert_error(400, "USER_AGREEMENT_REQUESTED");
    let patch = json!({ "agreement": { "state": "ACCEPTED" } }).to_string();
    let updated = m.call(
        "PATCH",
        &format!("/__mock/users/{AGREEMENT_REQUESTED}"),
        &patch,
    );
    assert_eq!(updated.status, 200);
    assert_eq!(updated.body["agreement"]["state"], "ACCEPTED");
    assert_eq!(
        m.create(json!({ "userUuid": AGREEMENT_REQUESTED })).status,
        201
    );

    let id = m.advisor_session();
    m.call(
        "PATCH",
        &format!("/__mock/users/{ADVISOR}"),
        r#"{"state": "DISABLED"}"#,
    );
    assert_eq!(
        m.get(&id).body["user"]["state"],
        "DISABLED",
        "sessions embed the user as it is now"
    );

    let before = m.mock.users().to_vec();
    for (patch, path) in [
        (r#"{"locked": "no"}"#, "users[1].locked"),
        (
            r#"{"uuid": "00000000-0000-4000-8000-0000000000ff"}"#,
            "uuid",
        ),
    ] {
        let refused = m.call("PATCH", &format!("/__mock/users/{ADVISOR}"), patch);
        refused.assert_error(400, "BAD_REQUEST");
        assert!(
            refused.description().starts_with(&format!("`{path}` ")),
            "{}",
            refused.description()
        );
    }
    m.call(
        "PATCH",
        "/__mock/users/00000000-0000-4000-8000-0000000000ff",
        "{}",
    )
    .assert_error(400, "BAD_REQUEST");
    assert_eq!(
        m.mock.users(),
        &before[..],
        "a refused patch changes nothing"
    );
}

#[test]
fn add_user_and_load_scenario() {
    let mut m = mock();
    let added = m.call(
        "POST",
        "/__mock/users",
        r#"{"uuid": "bbbbbbbb-0000-4000-8000-000000000001", "displayName": "New"}"#,
    );
    assert_eq!(added.status, 201);
    assert_eq!(added.body["id"], 7);
    assert_eq!(
        m.create(json!({ "userUuid": "bbbbbbbb-0000-4000-8000-000000000001" }))
            .status,
        201
    );
    m.call(
        "POST",
        "/__mock/users",
        r#"{"uuid": "bbbbbbbb-0000-4000-8000-000000000001"}"#,
    )
    .assert_error(400, "BAD_REQUEST");

    let scenario = r#"{"users": [{"uuid": "cccccccc-0000-4000-8000-000000000001"}], "policy": {"idleTimeoutMs": 1000}}"#;
    assert_eq!(m.call("PUT", "/__mock/scenario", scenario).status, 204);
    assert!(
        m.mock.sessions().is_empty(),
        "loading a scenario removes the sessions"
    );
    assert_eq!(m.mock.users().len(), 1);
    assert_eq!(
        m.call("GET", "/__mock/scenario", "").body["policy"]["idleTimeoutMs"],
        1000
    );
    m.call("POST", "/__mock/reset", "");
    assert_eq!(
        m.mock.users().len(),
        1,
        "reset returns to the loaded scenario"
    );
    m.call("PUT", "/__mock/scenario", r#"{"users": [{}]}"#)
        .assert_error(400, "BAD_REQUEST");
    assert_eq!(m.mock.users().len(), 1);
}

/// Only a token that was answered is redacted: the error body of a missing token is shown as
/// it was sent, with no `value` added to it.
#[test]
fn an_error_answer_to_a_token_read_is_shown_as_sent() {
    let mut m = mock();
    let id = m.advisor_session();
    let answer = m.call("GET", &format!("/sessions/{id}/tokens/none"), "");
    assert_eq!(answer.status, 404);
    let entries = m.call("GET", "/__mock/requests", "").body;
    let shown: serde_json::Value =
        serde_json::from_str(entries[1]["responseBody"].as_str().unwrap()).unwrap();
    assert_eq!(shown, answer.body);
}

/// A journal entry's `Debug` names the call and the sizes of its bodies, never their text.
#[test]
fn a_journal_entry_debugs_without_its_bodies() {
    let mut m = mock();
    let id = m.advisor_session();
    m.call("PUT", &format!("/sessions/{id}/tokens/okta"), "s3cret");
    let entry = m.mock.journal().entries().last().unwrap().clone();
    let debug = format!("{entry:?}");
    for part in [
        "SetSessionSsoToken",
        "PUT",
        "/tokens/okta",
        "request_body_bytes: 6",
    ] {
        assert!(debug.contains(part), "{part} in {debug}");
    }
    assert!(!debug.contains("s3cret"), "{debug}");
}

/// What one tab tells the others of a call reads back as the same entry, bodies, secrets and
/// all (their journals and listeners show it as this tab's do).
#[test]
fn an_entry_told_to_another_tab_reads_back_the_same() {
    use session_client::mock::journal::JournalEntry;
    let mut m = mock();
    let id = m.advisor_session();
    m.call("PUT", &format!("/sessions/{id}/tokens/okta"), "s3cret");
    m.call("GET", &format!("/sessions/{id}/tokens/okta"), "");
    m.call("GET", "/nowhere", "");
    for entry in m.mock.journal().entries() {
        let told = JournalEntry::from_told(&entry.told()).expect("it reads");
        assert_eq!(&told, entry);
    }
    assert_eq!(m.mock.journal().entries().count(), 4);
    assert!(JournalEntry::from_told("{}").is_none());
}
