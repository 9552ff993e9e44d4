//! Failures over real HTTP: timeout, abort, connection refused, a proxy's HTML page, a
//! malformed 2xx, a value from a newer server; the client keeps working after each.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

async fn still_works(client: &session_client::wasm::SessionClient) {
    let session =
        value(client.create_session(obj(&format!(r#"{{"userUuid":"{ADMIN}"}}"#)), None)).await;
    assert_eq!(text(&session, "state"), "ENABLED");
}

#[wasm_bindgen_test]
async fn a_slow_answer_times_out() {
    let client = http_client_with(r#", "timeoutMs": 250"#);
    assert_eq!(
        control("POST", "/__mock/delay", r#"{"ms": 1500, "times": 1}"#).await,
        204
    );
    let err = rejection(client.delete_expired_sessions(None)).await;
    assert_eq!(
        (text(&err, "code"), get(&err, "status").as_f64()),
        ("TIMEOUT".into(), Some(0.0))
    );
    assert!(text(&err, "description").contains("250"));
    still_works(&client).await;

    // A per-call timeout overrides the client's.
    let client = http_client();
    assert_eq!(
        control("POST", "/__mock/delay", r#"{"ms": 1500, "times": 1}"#).await,
        204
    );
    let err = rejection(client.delete_expired_sessions(Some(obj(r#"{"timeoutMs": 100}"#)))).await;
    assert_eq!(text(&err, "code"), "TIMEOUT");
    still_works(&client).await;
}

#[wasm_bindgen_test]
async fn an_abort_signal_cancels_the_call() {
    let client = tagged_http_client("abort-test");
    let sent = fetch_log("abort-test");
    // An already aborted signal: nothing is sent.
    let aborted = web_sys::AbortController::new().unwrap();
    aborted.abort();
    let err =
        rejection(client.get_session(s("x"), None, Some(signal_opts(&aborted.signal())))).await;
    assert_eq!(text(&err, "code"), "ABORTED");
    assert_eq!(sent.length(), 0, "nothing reached fetch");

    // Aborted in the caller's own turn, right after the call: the request reaches `fetch` a
    // microtask later, with its signal already fired.
    let controller = web_sys::AbortController::new().unwrap();
    let call = client.get_session(s("x"), None, Some(signal_opts(&controller.signal())));
    assert_eq!(sent.length(), 0, "fetch was called in the caller's turn");
    controller.abort();
    let err = rejection(call).await;
    assert_eq!(text(&err, "code"), "ABORTED");
    assert_eq!(sent.length(), 1, "not fetched once, aborted");

    assert_eq!(
        control("POST", "/__mock/delay", r#"{"ms": 1500, "times": 1}"#).await,
        204
    );
    let controller = web_sys::AbortController::new().unwrap();
    let call = client.delete_expired_sessions(Some(signal_opts(&controller.signal())));
    let abort = controller.clone();
    let timer = gloo_timers_like(50, move || abort.abort());
    let err = rejection(call).await;
    drop(timer);
    assert_eq!(text(&err, "code"), "ABORTED");
    assert_eq!(sent.length(), 2, "the call aborted in flight was sent");
    still_works(&client).await;
}

/// Runs `f` after `ms` milliseconds.
fn gloo_timers_like(
    ms: i32,
    f: impl FnOnce() + 'static,
) -> wasm_bindgen::closure::Closure<dyn FnMut()> {
    use wasm_bindgen::JsCast;
    let mut f = Some(f);
    let closure = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        if let Some(f) = f.take() {
            f();
        }
    });
    web_sys::window()
        .unwrap()
        .set_timeout_with_callback_and_timeout_and_arguments_0(closure.as_ref().unchecked_ref(), ms)
        .unwrap();
    closure
}

#[wasm_bindgen_test]
async fn connection_refused_is_a_network_error() {
    let client = session_client::wasm::SessionClient::new(Some(obj(
        r#"{"baseUrl": "http://127.0.0.1:9/api/"}"#,
    )))
    .unwrap_or_else(|_| panic!("valid"));
    let err = rejection(client.delete_all_sessions(None)).await;
    assert_eq!(
        (text(&err, "code"), get(&err, "status").as_f64()),
        ("NETWORK".into(), Some(0.0))
    );
    assert!(get(&err, "body").is_undefined());
    // What fetch rejected with, as the error's cause.
    let cause = get(&err, "cause");
    assert!(cause.is_instance_of::<js_sys::Error>(), "{cause:?}");
    assert_eq!(text(&cause, "name"), "TypeError");
    assert!(!text(&cause, "message").is_empty());
    // A failure with an answer has none.
    let err = rejection(http_client().get_session(s("nope"), None, None)).await;
    assert_eq!(text(&err, "code"), "NOT_FOUND");
    assert!(get(&err, "cause").is_undefined());
}

#[wasm_bindgen_test]
async fn a_proxy_error_page_is_an_unexpected_status() {
    let client = http_client();
    let page = r#"{"status": 502, "contentType": "text/html", "body": "<html><h1>502 Bad Gateway</h1></html>"}"#;
    assert_eq!(control("POST", "/__mock/respond", page).await, 204);
    let err = rejection(client.get_session(s("x"), None, None)).await;
    assert_eq!(
        (text(&err, "code"), get(&err, "status").as_f64()),
        ("UNEXPECTED_STATUS".into(), Some(502.0))
    );
    assert_eq!(text(&err, "body"), "<html><h1>502 Bad Gateway</h1></html>");
    assert!(text(&err, "description").contains("502 Bad Gateway"));
    let called = format!(
        "from GET {}/sessions/x: ",
        server_url().trim_end_matches('/')
    );
    assert!(
        text(&err, "description").contains(&called),
        "{} names what was called",
        text(&err, "description")
    );
    still_works(&client).await;
}

#[wasm_bindgen_test]
async fn a_malformed_success_is_a_decode_error() {
    let client = http_client();
    for body in [r#"{\"sessionId\": 42}"#, "not json", r#"{\"id\": \"t\"}"#] {
        let canned =
            format!(r#"{{"status": 200, "contentType": "application/json", "body": "{body}"}}"#);
        assert_eq!(control("POST", "/__mock/respond", &canned).await, 204);
        let err = rejection(client.get_session(s("x"), None, None)).await;
        assert_eq!(
            (text(&err, "code"), get(&err, "status").as_f64()),
            ("DECODE".into(), Some(200.0)),
            "{body}"
        );
    }
    still_works(&client).await;
}

#[wasm_bindgen_test]
async fn values_from_a_newer_server_still_decode() {
    let client = http_client();
    let session =
        value(client.create_session(obj(&format!(r#"{{"userUuid":"{ADMIN}"}}"#)), None)).await;
    let mut json = String::from(js_sys::JSON::stringify(&session).unwrap());
    json = json.replace(
        r#""state":"ENABLED""#,
        r#""state":"HIBERNATING","brandNew":{"x":1}"#,
    );
    json = json.replace(
        r#""serviceName":"EQUISOFT_PLAN""#,
        r#""serviceName":"EQUISOFT_TOMORROW""#,
    );
    let canned = format!(
        r#"{{"status": 200, "contentType": "application/json", "body": {}}}"#,
        String::from(js_sys::JSON::stringify(&json.as_str().into()).unwrap())
    );
    assert_eq!(control("POST", "/__mock/respond", &canned).await, 204);
    let decoded = value(client.get_session(s("x"), None, None)).await;
    assert_eq!(text(&decoded, "state"), "HIBERNATING");
    // Everything else passes through untouched: the new field, the new nested enum value.
    assert_eq!(
        String::from(js_sys::JSON::stringify(&decoded).unwrap()),
        json,
        "the answer as the server sent it"
    );
    let unknown_error = r#"{"status": 409, "contentType": "application/json", "body": "{\"message\":\"SESSION_LOCKED\",\"description\":\"later\"}"}"#;
    assert_eq!(control("POST", "/__mock/respond", unknown_error).await, 204);
    let err = rejection(client.get_session(s("x"), None, None)).await;
    assert_eq!(
        (text(&err, "code"), text(&err, "description")),
        ("SESSION_LOCKED".into(), "later".into())
    );
    assert_eq!(
        text(&get(&err, "body"), "message"),
        "SESSION_LOCKED",
        "body is parsed JSON"
    );
}

/// The client's and the call's headers are on the request `fetch` sends (seen by wrapping
/// the page's `fetch`), the call's over the client's, with `Accept` and the content type;
/// so is the client's `credentials` mode.
#[wasm_bindgen_test]
async fn headers_and_base_url_with_a_trailing_slash() {
    let seen = fetch_log("headers-test");
    let options = format!(
        r#"{{"baseUrl": "{}/", "headers": {{"X-Trace": "t1", "X-Test-Tag": "headers-test"}}, "credentials": "include"}}"#,
        server_url()
    );
    let client = session_client::wasm::SessionClient::new(Some(obj(&options)))
        .unwrap_or_else(|_| panic!("valid"));
    let made =
        outcome(client.create_session(obj(&format!(r#"{{"userUuid":"{ADMIN}"}}"#)), None)).await;
    assert!(made.starts_with("ok "), "{made}");
    let opts = obj(r#"{"headers": {"X-Trace": "t2"}}"#);
    assert_eq!(outcome(client.delete_all_sessions(Some(opts))).await, "ok");
    assert_eq!(seen.length(), 2, "two calls went through fetch");
    let (create, delete) = (seen.get(0), seen.get(1));
    assert_eq!(
        text(&create, "url"),
        format!("{}/sessions", server_url()),
        "one slash"
    );
    let headers = get(&create, "headers");
    assert_eq!(text(&headers, "x-trace"), "t1");
    assert_eq!(text(&headers, "accept"), "application/json");
    assert_eq!(text(&headers, "content-type"), "application/json");
    assert_eq!(
        (text(&create, "credentials"), text(&delete, "credentials")),
        ("include".into(), "include".into()),
        "the client's credentials mode reaches fetch"
    );
    let headers = get(&delete, "headers");
    assert_eq!(text(&headers, "x-trace"), "t2", "the call's header wins");
}
