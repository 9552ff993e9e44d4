//! One suite of cases for every endpoint, run in mock mode and over real HTTP: both runs
//! must observe the same results, down to ids and timestamps.

use session_client::wasm::SessionClient;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

const MINUTE: u64 = 60_000;

/// Runs every endpoint through `client`, returning what each call observed.
async fn suite(client: &SessionClient, clock: Clock<'_>) -> Vec<(String, String)> {
    let mut seen = Vec::new();
    macro_rules! record {
        ($name:expr, $call:expr) => {{
            let result = outcome($call).await;
            seen.push(($name.to_string(), result.clone()));
            result
        }};
    }
    let id_of = |result: &str| -> String {
        let json = result.strip_prefix("ok ").expect("a session");
        text(&js_sys::JSON::parse(json).unwrap(), "sessionId")
    };

    let admin = id_of(&record!("create_session #1", client.create_session(obj(&format!(r#"{{"userUuid":"{ADMIN}","cookieDomain":"example.com","sso":{{"provider":"okta","identifier":"a"}}}}"#)), None)));
    record!(
        "create_session #2",
        client.create_session(obj(&format!(r#"{{"userUuid":"{DISABLED}"}}"#)), None)
    );
    record!(
        "create_session #3",
        client.create_session(
            obj(&format!(r#"{{"userUuid":"{ADMIN}","cookieDomain":"-x-"}}"#)),
            None
        )
    );
    let new = id_of(&record!(
        "create_session #4",
        client.create_session(
            obj(&format!(r#"{{"userUuid":"{ADVISOR}","enable":false}}"#)),
            None
        )
    ));
    record!("get_session #1", client.get_session(s(&new), None, None));
    record!(
        "enable_session_for_equisoft_connect #1",
        client.enable_session_for_equisoft_connect(s(&new), None, None)
    );
    record!(
        "enable_session #1",
        client.enable_session(s(&new), Some(s("please")), None)
    );
    record!(
        "get_session #2",
        client.get_session(s(&new), Some(arg(true)), None)
    );

    // Equisoft/Connect: the advisor may have one.
    record!(
        "enable_session_for_equisoft_connect #2",
        client.enable_session_for_equisoft_connect(s(&new), None, None)
    );
    let second = id_of(&record!(
        "create_session #5",
        client.create_session(obj(&format!(r#"{{"userUuid":"{ADVISOR}"}}"#)), None)
    ));
    record!(
        "enable_session_for_equisoft_connect #3",
        client.enable_session_for_equisoft_connect(
            s(&second),
            Some(obj(r#"{"disableOldestSessions":false}"#)),
            None
        )
    );
    record!(
        "enable_session_for_equisoft_connect #4",
        client.enable_session_for_equisoft_connect(
            s(&second),
            Some(obj(r#"{"disableOldestSessions":true}"#)),
            None
        )
    );
    record!("get_session #3", client.get_session(s(&new), None, None));

    // Impersonation.
    record!(
        "impersonate #1",
        client.impersonate(
            s(&second),
            obj(&format!(r#"{{"userUuid":"{PLANNER}"}}"#)),
            None
        )
    );
    record!(
        "impersonate #2",
        client.impersonate(
            s(&admin),
            obj(&format!(r#"{{"userUuid":"{ADVISOR}"}}"#)),
            None
        )
    );
    record!(
        "impersonate #3",
        client.impersonate(
            s(&admin),
            obj(&format!(r#"{{"userUuid":"{PLANNER}"}}"#)),
            None
        )
    );
    record!(
        "revert_identity #1",
        client.revert_identity(s(&admin), None, None)
    );
    record!(
        "revert_identity #2",
        client.revert_identity(s(&admin), Some(s("again")), None)
    );

    // SSO tokens, with ids that must stay one path segment.
    for token in ["okta", "a/b", "q?x", "#h", "100%", "sp ace", "é", "..."] {
        record!(
            format!("set {token}"),
            client.set_session_sso_token(s(&admin), s(token), s(&format!("v-{token}")), None)
        );
        record!(
            format!("get {token}"),
            client.get_session_sso_token(s(&admin), s(token), None)
        );
    }
    record!(
        "delete_session_sso_token #1",
        client.delete_session_sso_token(s(&admin), s("a/b"), None)
    );
    record!(
        "get_session_sso_token #2",
        client.get_session_sso_token(s(&admin), s("a/b"), None)
    );
    record!(
        "delete_session_sso_token #2",
        client.delete_session_sso_token(s(&admin), s("a/b"), None)
    );

    // Time: suspension, keep-alive that cannot revive, expiry.
    clock.advance(31 * MINUTE).await;
    record!(
        "get_session #4",
        client.get_session(s(&admin), Some(arg(true)), None)
    );
    record!(
        "enable_session #2",
        client.enable_session(s(&admin), None, None)
    );
    let fresh = id_of(&record!(
        "create_session #6",
        client.create_session(
            obj(&format!(r#"{{"userUuid":"{ADMIN}","mobileDevice":true}}"#)),
            None
        )
    ));
    clock.advance(12 * 60 * MINUTE).await;
    record!("get_session #5", client.get_session(s(&admin), None, None));
    record!(
        "delete_expired_sessions #1",
        client.delete_expired_sessions(None)
    );
    record!("get_session #6", client.get_session(s(&admin), None, None));
    record!("get_session #7", client.get_session(s(&fresh), None, None));
    record!("delete_session #1", client.delete_session(s(&fresh), None));
    record!("delete_session #2", client.delete_session(s(&fresh), None));
    record!("delete_all_sessions #1", client.delete_all_sessions(None));
    record!("get_session #8", client.get_session(s(&second), None, None));
    seen
}

#[wasm_bindgen_test]
async fn mock_mode_and_real_http_observe_the_same_results() {
    let mock = virtual_mock();
    let in_browser = suite(&mock_client(&mock), Clock::Mock(&mock)).await;

    assert_eq!(control("POST", "/__mock/reset", "").await, 204);
    assert_eq!(
        control("POST", "/__mock/clock", &format!(r#"{{"now":"{START}"}}"#)).await,
        200
    );
    let over_http = suite(&http_client(), Clock::Server).await;

    assert_eq!(in_browser.len(), over_http.len());
    for (i, (a, b)) in in_browser.iter().zip(&over_http).enumerate() {
        assert_eq!(a, b, "call {i} differs between mock mode and HTTP");
    }

    // And the suite saw what the contract says.
    let seen = |name: &str| -> &str {
        &in_browser
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no call {name}"))
            .1
    };
    let expect = |name: &str, prefix: &str| {
        assert!(
            seen(name).starts_with(prefix),
            "{name}: {} does not start with {prefix}",
            seen(name)
        );
    };
    let has = |name: &str, part: &str| {
        assert!(
            seen(name).contains(part),
            "{name}: {} does not contain {part}",
            seen(name)
        );
    };
    has("create_session #1", r#""state":"ENABLED""#);
    has("create_session #1", r#""cookieDomain":"example.com""#);
    expect("create_session #2", "err 400 USER_NOT_ENABLED");
    expect("create_session #3", "err 400 INVALID_COOKIE_DOMAIN_NAME");
    has("create_session #4", r#""state":"NEW""#);
    expect(
        "enable_session_for_equisoft_connect #1",
        "err 400 SESSION_NOT_ENABLED",
    );
    assert_eq!(seen("enable_session #1"), "ok");
    has("get_session #2", r#""state":"ENABLED""#);
    assert_eq!(seen("enable_session_for_equisoft_connect #2"), "ok");
    expect(
        "enable_session_for_equisoft_connect #3",
        "err 400 CONCURRENT_ACCESS",
    );
    assert_eq!(seen("enable_session_for_equisoft_connect #4"), "ok");
    has("get_session #3", r#""enabledForEquisoftConnect":false"#);
    expect("impersonate #1", "err 403 ACCESS_DENIED");
    has("impersonate #2", r#""actor":{"#);
    expect("impersonate #3", "err 400 SESSION_ALREADY_IMPERSONATED");
    expect("revert_identity #2", "err 400 SESSION_NOT_IMPERSONATED");
    for token in ["okta", "a/b", "q?x", "#h", "100%", "sp ace", "é", "..."] {
        let json = format!(
            "ok {}",
            js_sys::JSON::stringify(
                &js_sys::JSON::parse(&format!(r#"{{"id":{token:?},"value":"v-{token}"}}"#))
                    .unwrap()
            )
            .unwrap()
            .as_string()
            .unwrap()
        );
        assert_eq!(seen(&format!("get {token}")), json);
    }
    expect("get_session_sso_token #2", "err 404 NOT_FOUND");
    expect("delete_session_sso_token #2", "err 404 NOT_FOUND");
    has("get_session #4", r#""state":"SUSPENDED""#);
    expect("enable_session #2", "err 400 BAD_REQUEST");
    has("get_session #5", r#""state":"EXPIRED""#);
    expect("get_session #6", "err 404 NOT_FOUND");
    has("get_session #7", r#""state":"SUSPENDED""#);
    expect("delete_session #2", "err 404 NOT_FOUND");
    expect("get_session #8", "err 404 NOT_FOUND");
}
