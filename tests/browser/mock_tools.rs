//! SessionApiMock's tools seen through SessionClient: faults, latency, the journal, users.

use js_sys::{Array, Function, JSON};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use session_client::wasm::SessionApiMock;

use crate::support::*;

const AGREEMENT_REQUESTED: &str = "00000000-0000-4000-8000-000000000004";

fn mock_with(options: &str) -> SessionApiMock {
    SessionApiMock::new(Some(obj(options))).unwrap_or_else(|_| panic!("valid options {options}"))
}

#[wasm_bindgen_test]
async fn injected_faults_reach_the_client_as_from_a_real_server() {
    let mock = virtual_mock();
    let client = mock_client(&mock);
    let create = || client.create_session(obj(&format!(r#"{{"userUuid":"{ADMIN}"}}"#)), None);

    mock.fail_next(obj(r#"{"status": 503, "description": "maintenance"}"#))
        .unwrap();
    let err = rejection(create()).await;
    assert_eq!(
        (get(&err, "status").as_f64(), text(&err, "code")),
        (Some(503.0), "SERVER_ERROR".into())
    );
    assert_eq!(text(&err, "description"), "maintenance");

    mock.fail_next(obj(r#"{"network": true, "operation": "createSession"}"#))
        .unwrap();
    let err = rejection(create()).await;
    assert_eq!(
        (get(&err, "status").as_f64(), text(&err, "code")),
        (Some(0.0), "NETWORK".into())
    );

    mock.fail_next(obj(r#"{"delayMs": 2000}"#)).unwrap();
    let err = rejection(client.create_session(
        obj(&format!(r#"{{"userUuid":"{ADMIN}"}}"#)),
        Some(obj(r#"{"timeoutMs": 50}"#)),
    ))
    .await;
    assert_eq!(
        text(&err, "code"),
        "TIMEOUT",
        "a client timeout hit by an injected delay"
    );

    assert_eq!(
        text(&value(create()).await, "state"),
        "ENABLED",
        "then back to normal"
    );
    assert!(mock.fail_next(obj(r#"{"status": 200}"#)).is_err());
    assert!(mock.fail_next(obj(r#"{"operation": "nope"}"#)).is_err());
}

#[wasm_bindgen_test]
async fn seeded_failure_rates_and_latency_replay() {
    async fn run() -> Vec<String> {
        let mock = mock_with(r#"{"clock": "virtual", "seed": 77, "latencyMs": [1, 9]}"#);
        mock.fail_rate(JsValue::from(0.5), Some(obj(r#"{"status": 500}"#)))
            .unwrap();
        let client = mock_client(&mock);
        let mut seen = Vec::new();
        for _ in 0..12 {
            seen.push(outcome(client.delete_all_sessions(None)).await);
        }
        let journal = Array::from(&mock.requests(None));
        seen.extend(
            journal
                .iter()
                .map(|e| format!("{}", get(&e, "durationMs").as_f64().unwrap())),
        );
        seen
    }
    let first = run().await;
    assert!(
        first[..12].iter().any(|s| s == "ok")
            && first[..12].iter().any(|s| s.starts_with("err 500"))
    );
    assert!(first[12..]
        .iter()
        .all(|d| (1..=9).contains(&d.parse::<u64>().unwrap())));
    assert_eq!(first, run().await, "the same seed gives the same run");
}

/// Runs `body` (JS, the body of an async function of `mock` and `client`) and resolves to
/// what it returns.
async fn run_js(body: &str, mock: &SessionApiMock) -> JsValue {
    let client = mock_client(mock);
    let run = Function::new_with_args(
        "mock, client",
        &format!("return (async () => {{ {body} }})();"),
    );
    let promise = run
        .call2(&JsValue::NULL, &mock.clone().into(), &client.into())
        .unwrap();
    value(promise.into()).await
}

#[wasm_bindgen_test]
async fn a_listener_calling_the_mock_for_every_request_ends_with_an_error() {
    let mock = virtual_mock();
    let outcome = run_js(
        r#"
        let told = 0;
        const refused = [];
        const stop = mock.onRequest(() => {
          told += 1;
          mock.handleRequest({ method: "GET", target: "/sessions/x" }).catch((err) => refused.push(err));
        });
        await mock.handleRequest({ method: "GET", target: "/sessions/x" });
        await new Promise((resolve) => setTimeout(resolve, 0));
        stop();
        const after = await mock.handleRequest({ method: "GET", target: "/sessions/x" });
        return { told, refused: refused.map((e) => `${e.code}: ${e.message}`), after: after.status };
        "#,
        &mock,
    )
    .await;
    assert_eq!(
        get(&outcome, "told").as_f64(),
        Some(8.0),
        "listeners nest 8 deep"
    );
    let refused: Vec<String> = Array::from(&get(&outcome, "refused"))
        .iter()
        .filter_map(|e| e.as_string())
        .collect();
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(
        refused[0].starts_with("INVALID_ARGUMENT: ") && refused[0].contains("nested 8 deep"),
        "{refused:?}"
    );
    assert_eq!(
        get(&outcome, "after").as_f64(),
        Some(404.0),
        "the mock still answers"
    );
    assert_eq!(Array::from(&mock.requests(None)).length(), 9);
}

#[wasm_bindgen_test]
async fn long_runs_of_mock_calls_let_timers_run() {
    let mock = virtual_mock();
    // A listener that calls the client for every request it is told of: each answer is a
    // promise reaction, so without a turn for the event loop the timer would wait for the
    // whole run (then `timerAt` would still be null when it ends).
    let outcome = run_js(
        &format!(
            r#"
        const {{ sessionId }} = await client.createSession({{ userUuid: "{ADMIN}" }});
        let calls = 0;
        let timerAt = null;
        setTimeout(() => {{ timerAt = calls; }}, 0);
        await new Promise((resolve) => {{
          const stop = mock.onRequest(() => {{
            calls += 1;
            if (timerAt !== null || calls >= 20000) {{ stop(); resolve(); return; }}
            client.getSession(sessionId);
          }});
          client.getSession(sessionId);
        }});
        const listener = {{ calls, timerAt }};
        // And a test's loop of awaited calls.
        calls = 0;
        timerAt = null;
        setTimeout(() => {{ timerAt = calls; }}, 0);
        while (timerAt === null && calls < 20000) {{
          await client.getSession(sessionId);
          calls += 1;
        }}
        return {{ listener, loop: {{ calls, timerAt }} }};
        "#
        ),
        &mock,
    )
    .await;
    for run in ["listener", "loop"] {
        let run = get(&outcome, run);
        let timer_at = get(&run, "timerAt").as_f64();
        assert!(
            timer_at.is_some_and(|at| at < 5000.0),
            "the timer fired after {timer_at:?} calls"
        );
    }
}

#[wasm_bindgen_test]
async fn the_journal_redacts_and_notifies() {
    let mock = virtual_mock();
    let client = mock_client(&mock);
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let sink = seen.clone();
    let listener =
        wasm_bindgen::closure::Closure::<dyn FnMut(JsValue)>::new(move |entry: JsValue| {
            sink.borrow_mut().push(text(&entry, "operation"));
        });
    let stop: Function = mock
        .on_request(listener.as_ref().clone())
        .unwrap_or_else(|_| panic!("a function"))
        .into();

    let session =
        value(client.create_session(obj(&format!(r#"{{"userUuid":"{ADMIN}"}}"#)), None)).await;
    let id = text(&session, "sessionId");
    value(client.set_session_sso_token(s(&id), s("okta"), s("t0ps3cret"), None)).await;
    value(client.get_session_sso_token(s(&id), s("okta"), None)).await;
    stop.call0(&JsValue::NULL).unwrap();
    value(client.delete_all_sessions(None)).await;

    assert_eq!(
        *seen.borrow(),
        ["createSession", "setSessionSsoToken", "getSessionSsoToken"]
    );
    let journal = mock.requests(None);
    let text_of = String::from(JSON::stringify(&journal).unwrap());
    assert!(!text_of.contains("t0ps3cret"), "{text_of}");
    let entries = Array::from(&journal);
    assert_eq!(entries.length(), 4);
    assert_eq!(text(&entries.get(1), "requestBody"), "[redacted]");
    assert_eq!(get(&entries.get(0), "status").as_f64(), Some(201.0));
    let revealed =
        String::from(JSON::stringify(&mock.requests(Some(obj(r#"{"reveal": true}"#)))).unwrap());
    assert!(revealed.contains("t0ps3cret"));
    mock.clear_requests();
    assert_eq!(Array::from(&mock.requests(None)).length(), 0);
}

#[wasm_bindgen_test]
async fn users_and_scenarios_change_what_clients_see() {
    let mock = virtual_mock();
    let client = mock_client(&mock);
    let payload = format!(r#"{{"userUuid":"{AGREEMENT_REQUESTED}"}}"#);
    let err = rejection(client.create_session(obj(&payload), None)).await;
    assert_eq!(text(&err, "code"), "USER_AGREEMENT_REQUESTED");
    let updated = mock
        .update_user(
            s(AGREEMENT_REQUESTED),
            obj(r#"{"agreement": {"state": "ACCEPTED"}}"#),
        )
        .unwrap();
    assert_eq!(text(&get(&updated, "agreement"), "state"), "ACCEPTED");
    assert_eq!(
        text(
            &value(client.create_session(obj(&payload), None)).await,
            "state"
        ),
        "ENABLED"
    );

    let err = mock
        .update_user(s(AGREEMENT_REQUESTED), obj(r#"{"state": 5}"#))
        .unwrap_err();
    assert!(text(&err, "description").contains("state"));
    let added = mock
        .add_user(obj(r#"{"uuid": "dddddddd-0000-4000-8000-000000000001"}"#))
        .unwrap();
    assert_eq!(get(&added, "id").as_f64(), Some(7.0));

    assert!(mock
        .load_scenario(obj(r#"{"users": [{"uuid": "bad"}]}"#))
        .is_err());
    assert_eq!(
        Array::from(&mock.users()).length(),
        7,
        "a refused scenario changes nothing"
    );
    mock.load_scenario(arg(JsValue::from_str(
        r#"{"users": [{"uuid": "dddddddd-0000-4000-8000-000000000002"}]}"#,
    )))
    .unwrap();
    assert_eq!(Array::from(&mock.users()).length(), 1);
    assert_eq!(Array::from(&mock.sessions()).length(), 0);
}

/// Calls in flight share one timer (src/wasm/cancel.rs): each still times out on its own
/// deadline, whatever the order they started in, and one that ends in time is untouched.
#[wasm_bindgen_test]
async fn each_call_times_out_on_its_own_deadline() {
    let mock = mock_with(r#"{"clock": "virtual", "latencyMs": 300}"#);
    let client = mock_client(&mock);
    let opts = |ms: u32| Some(obj(&format!(r#"{{"timeoutMs": {ms}}}"#)));
    let started = js_sys::Date::now();
    let long = client.delete_all_sessions(opts(10_000));
    let short = client.delete_all_sessions(opts(40));
    let middle = client.delete_all_sessions(opts(120));
    assert_eq!(outcome(short).await, "err 0 TIMEOUT");
    let short_took = js_sys::Date::now() - started;
    assert_eq!(outcome(middle).await, "err 0 TIMEOUT");
    let middle_took = js_sys::Date::now() - started;
    assert_eq!(outcome(long).await, "ok", "a call that ends in time");
    assert!(
        (40.0..250.0).contains(&short_took) && (120.0..290.0).contains(&middle_took),
        "timed out after {short_took} and {middle_took} ms"
    );

    // After many calls that ended in time, a short deadline still fires.
    mock.set_latency(arg(0)).unwrap();
    for _ in 0..50 {
        assert_eq!(outcome(client.delete_all_sessions(None)).await, "ok");
    }
    mock.set_latency(arg(300)).unwrap();
    assert_eq!(
        outcome(client.delete_all_sessions(opts(30))).await,
        "err 0 TIMEOUT"
    );
}

/// Every call's error names its operation and says whether calling again is safe and may
/// succeed (`ClientError::retryable`): never after a `POST` whose request may have arrived.
#[wasm_bindgen_test]
async fn errors_name_the_operation_and_whether_to_retry() {
    let mock = virtual_mock();
    let client = mock_client(&mock);
    let payload = || obj(&format!(r#"{{"userUuid":"{ADMIN}"}}"#));
    let id = text(
        &value(client.create_session(payload(), None)).await,
        "sessionId",
    );
    let fail = |fault: &str| mock.fail_next(obj(fault)).unwrap();
    let seen = |err: &JsValue| {
        (
            text(err, "operation"),
            text(err, "code"),
            get(err, "retryable").as_bool(),
        )
    };
    let expect =
        |op: &str, code: &str, retryable| (op.to_owned(), code.to_owned(), Some(retryable));

    fail(r#"{"network": true}"#);
    let err = rejection(client.get_session(s(&id), None, None)).await;
    assert_eq!(seen(&err), expect("getSession", "NETWORK", true));
    fail(r#"{"network": true}"#);
    let err = rejection(client.create_session(payload(), None)).await;
    assert_eq!(
        seen(&err),
        expect("createSession", "NETWORK", false),
        "a POST may have arrived"
    );
    fail(r#"{"status": 503}"#);
    let err = rejection(client.create_session(payload(), None)).await;
    assert_eq!(
        seen(&err),
        expect("createSession", "SERVER_ERROR", true),
        "a 503 was not taken"
    );
    fail(r#"{"status": 502}"#);
    let err = rejection(client.create_session(payload(), None)).await;
    assert_eq!(seen(&err), expect("createSession", "SERVER_ERROR", false));
    fail(r#"{"status": 504}"#);
    let err = rejection(client.delete_session(s(&id), None)).await;
    assert_eq!(seen(&err), expect("deleteSession", "SERVER_ERROR", true));
    fail(r#"{"status": 429, "code": "TOO_MANY_REQUESTS", "headers": {"Retry-After": "1"}}"#);
    let err = rejection(client.create_session(payload(), None)).await;
    assert_eq!(
        seen(&err),
        expect("createSession", "TOO_MANY_REQUESTS", true),
        "a 429 was not acted on"
    );
    fail(r#"{"status": 408}"#);
    let err = rejection(client.create_session(payload(), None)).await;
    assert_eq!(seen(&err), expect("createSession", "SERVER_ERROR", false));
    fail(r#"{"status": 408}"#);
    let err = rejection(client.get_session(s(&id), None, None)).await;
    assert_eq!(seen(&err), expect("getSession", "SERVER_ERROR", true));
    let err = rejection(client.get_session(s("no-such-session"), None, None)).await;
    assert_eq!(seen(&err), expect("getSession", "NOT_FOUND", false));
    assert!(text(&err, "message").starts_with("getSession: NOT_FOUND (404)"));
    let err = rejection(client.get_session(arg(5), None, None)).await;
    assert_eq!(seen(&err), expect("getSession", "INVALID_ARGUMENT", false));

    // An error of no call (a constructor's) names none.
    let Err(err) = session_client::wasm::SessionClient::new(Some(obj("{}"))) else {
        panic!("a client with no baseUrl and no mock was built");
    };
    assert!(get(&err, "operation").is_undefined());
    assert_eq!(get(&err, "retryable").as_bool(), Some(false));
}

/// Listeners are told of each call before the caller's promise settles: a `then` attached
/// when the call was made already sees the call told, for an answer and for a refusal.
#[wasm_bindgen_test]
async fn listeners_are_told_before_the_callers_promise_settles() {
    let mock = virtual_mock();
    let outcome = run_js(
        &format!(
            r#"
            const told = [];
            const stop = mock.onRequest((entry) => told.push(entry.operation));
            const answered = await client.createSession({{ userUuid: "{ADMIN}" }}).then(() => told.length);
            const refused = await client.getSession("no-such-session").then(() => -1, () => told.length);
            stop();
            return {{ answered, refused }};
            "#
        ),
        &mock,
    )
    .await;
    assert_eq!(get(&outcome, "answered").as_f64(), Some(1.0));
    assert_eq!(get(&outcome, "refused").as_f64(), Some(2.0));
}
