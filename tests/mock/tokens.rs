//! SSO tokens: set, get, delete, and token ids that need percent-encoding.

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

use crate::support::*;

fn token_path(id: &str, token_id: &str) -> String {
    let encoded = utf8_percent_encode(token_id, NON_ALPHANUMERIC);
    format!("/sessions/{id}/tokens/{encoded}")
}

#[test]
fn set_get_overwrite_delete() {
    let mut m = mock();
    let id = m.admin_session();
    let path = token_path(&id, "okta");
    let set = m.call("PUT", &path, "first");
    assert_eq!((set.status, set.response.body.len()), (200, 0));
    assert_eq!(m.call("PUT", &path, "second").status, 200);
    let got = m.call("GET", &path, "");
    assert_eq!(got.status, 200);
    assert_eq!(
        got.body,
        serde_json::json!({ "id": "okta", "value": "second" })
    );
    assert_eq!(m.call("DELETE", &path, "").status, 204);
    m.call("GET", &path, "").assert_error(404, "NOT_FOUND");
    m.call("DELETE", &path, "").assert_error(404, "NOT_FOUND");
}

#[test]
fn awkward_ids_and_values_are_kept_exactly() {
    let mut m = mock();
    let id = m.admin_session();
    let ids = [
        "a/b",
        "what?",
        "#frag",
        "100%",
        "with space",
        "café",
        "/?#% é",
        "%2F",
    ];
    let value = "v=1&x=%2F é \"quoted\" \\ \n line";
    for token_id in ids {
        let path = token_path(&id, token_id);
        assert_eq!(
            m.call("PUT", &path, &format!("{value}{token_id}")).status,
            200
        );
    }
    for token_id in ids {
        let got = m.call("GET", &token_path(&id, token_id), "");
        assert_eq!(got.body["id"], token_id);
        assert_eq!(got.body["value"], format!("{value}{token_id}"));
    }
    let dump = m.dump();
    assert_eq!(
        dump["sessions"][0]["tokens"].as_object().unwrap().len(),
        ids.len()
    );
}

#[test]
fn refusals() {
    let mut m = mock();
    let ghost = "00000000-0000-4000-8000-00000000dead";
    m.call("PUT", &token_path(ghost, "t"), "v")
        .assert_error(404, "NOT_FOUND");
    m.call("GET", &token_path(ghost, "t"), "")
        .assert_error(404, "NOT_FOUND");
    m.call("DELETE", &token_path(ghost, "t"), "")
        .assert_error(404, "NOT_FOUND");

    let id = m.admin_session();
    m.call("PUT", &token_path(&id, "t"), "")
        .assert_error(400, "BAD_REQUEST");
    m.call("PUT", &token_path(&id, ""), "v")
        .assert_error(400, "BAD_REQUEST");
    let long_id = "x".repeat(256);
    m.call("PUT", &token_path(&id, &long_id), "v")
        .assert_error(400, "BAD_REQUEST");
    assert_eq!(
        m.call("PUT", &token_path(&id, &"x".repeat(255)), "v")
            .status,
        200
    );
    let big = "v".repeat(16 * 1024 + 1);
    let refused = m.call("PUT", &token_path(&id, "t"), &big);
    refused.assert_error(400, "BAD_REQUEST");
    assert!(refused.description().contains("16384"));
    assert_eq!(m.call("PUT", &token_path(&id, "t"), &big[1..]).status, 200);
    let not_utf8 = session_client::mock::MockRequest::new("PUT", &token_path(&id, "u"))
        .with_body(vec![0xff, 0xfe]);
    m.send(not_utf8).assert_error(400, "BAD_REQUEST");
}

/// A token's value never shows in `Debug` output: not the mock's, not a request's, not the
/// journal's, not an `SsoToken`'s.
#[test]
fn token_values_stay_out_of_debug_output() {
    let mut m = mock();
    let id = m.admin_session();
    let secret = "s3cr3t-t0ken-value";
    let request =
        session_client::mock::MockRequest::new("PUT", &format!("/sessions/{id}/tokens/okta"))
            .with_body(secret);
    let debug = format!("{request:?}");
    assert!(!debug.contains(secret), "{debug}");
    assert!(
        debug.contains("PUT") && debug.contains("/tokens/okta"),
        "the call shows: {debug}"
    );
    assert_eq!(m.send(request).status, 200);
    let read = m.call("GET", &format!("/sessions/{id}/tokens/okta"), "");
    assert_eq!(read.body["value"], secret, "the value itself is kept");
    let token: session_client::models::SsoToken = serde_json::from_value(read.body).unwrap();
    for debug in [
        format!("{:?}", m.mock),
        format!("{:?}", m.mock.journal().last()),
        format!("{token:?}"),
    ] {
        assert!(!debug.contains(secret), "{debug}");
    }
    assert!(format!("{:?}", m.mock).contains("okta"), "ids still show");
}

/// A session's tokens: ids in order, counted, and in `Debug` only their ids.
#[test]
fn tokens_count_and_debug_by_id() {
    use session_client::mock::Tokens;
    let none = Tokens::default();
    assert_eq!((none.len(), none.is_empty()), (0, true));
    let tokens: Tokens = [
        ("z".to_owned(), "v1".to_owned()),
        ("okta".to_owned(), "s3cret".to_owned()),
    ]
    .into_iter()
    .collect();
    assert_eq!((tokens.len(), tokens.is_empty()), (2, false));
    assert_eq!(
        format!("{tokens:?}"),
        r#"{"okta": "[redacted]", "z": "[redacted]"}"#
    );
}
