//! `mock-server` end to end: a real process on a free port, driven by a real HTTP client.
//!
//! The same black-box tests run against the npm package's Node server when
//! `MOCK_SERVER_COMMAND` names it (`scripts/test` sets it to
//! `node pkg/bin/session-client-mock.js` after building the package): both servers bind the
//! same core, and must behave the same. With `MOCK_SERVER_NAMESPACE` set, every request names
//! that namespace (`X-Mock-Namespace`), and the same tests hold inside it.
// Test code: an unwrap, a panic or an index that fails is the test failing.
#![allow(
    unreachable_pub,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use serde_json::{json, Value};
use session_client::mock::default_scenario::{ADMIN, ADVISOR};
use ureq::http::{Request, Response};
use ureq::Body;

struct Server {
    child: Child,
    base: String,
    log: Arc<Mutex<Vec<String>>>,
    errors: Arc<Mutex<Vec<String>>>,
    agent: ureq::Agent,
}

struct Reply {
    status: u16,
    headers: ureq::http::HeaderMap,
    text: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or(Value::Null)
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// The namespace every request of the suite names, if any (`MOCK_SERVER_NAMESPACE`).
fn suite_namespace() -> Option<String> {
    std::env::var("MOCK_SERVER_NAMESPACE")
        .ok()
        .filter(|name| !name.is_empty())
}

/// The server under test: `MOCK_SERVER_COMMAND` (a command line split on spaces), or the
/// Rust `mock-server`.
fn command() -> Command {
    match std::env::var("MOCK_SERVER_COMMAND") {
        Ok(line) if !line.trim().is_empty() => {
            let mut words = line.split_whitespace();
            let mut command = Command::new(words.next().unwrap_or_default());
            command.args(words);
            command
        }
        _ => Command::new(env!("CARGO_BIN_EXE_mock-server")),
    }
}

fn start(args: &[&str]) -> Server {
    let mut child = command()
        .args(["--port", "0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mock-server starts");
    let errors = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&errors);
    let stderr = BufReader::new(child.stderr.take().unwrap());
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            eprintln!("{line}");
            sink.lock().unwrap().push(line);
        }
    });
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let base = first
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_owned();
    let base = base.replace("http://0.0.0.0:", "http://127.0.0.1:");
    assert!(base.starts_with("http://127.0.0."), "on loopback: {base}");
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&log);
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            sink.lock().unwrap().push(line);
        }
    });
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into();
    Server {
        child,
        base,
        log,
        errors,
        agent,
    }
}

impl Server {
    fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut request = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(namespace) = suite_namespace() {
            if !headers.iter().any(|(name, _)| *name == "x-mock-namespace") {
                request = request.header("x-mock-namespace", namespace);
            }
        }
        let response: Response<Body> = self
            .agent
            .run(request.body(body.to_vec()).unwrap())
            .unwrap_or_else(|err| panic!("{method} {path}: {err}"));
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.into_body().read_to_string().unwrap();
        Reply {
            status,
            headers,
            text,
        }
    }

    fn call(&self, method: &str, path: &str, body: &str) -> Reply {
        self.send(method, path, &[], body.as_bytes())
    }

    fn json(&self, method: &str, path: &str, body: Value) -> Reply {
        let headers = [("content-type", "application/json")];
        self.send(method, path, &headers, body.to_string().as_bytes())
    }

    /// Creates a session for the admin and returns its id.
    fn admin_session(&self) -> String {
        let created = self.json("POST", "/sessions", json!({ "userUuid": ADMIN }));
        assert_eq!(created.status, 201, "{}", created.text);
        created.json()["sessionId"].as_str().unwrap().to_owned()
    }

    /// What it printed to stderr so far, once a line containing `text` is there (or 5 s).
    fn stderr_with(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let lines = self.errors.lock().unwrap().join("\n");
            if lines.contains(text) || Instant::now() > deadline {
                return lines;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The port it listens on.
    fn port(&self) -> &str {
        self.base.rsplit(':').next().unwrap()
    }

    /// Stops it with SIGTERM, as Ctrl-C would, and returns its log.
    fn stop(mut self) -> Vec<String> {
        let pid = self.child.id().to_string();
        let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(killed.success());
        let status = self.child.wait().unwrap();
        assert!(status.success(), "clean exit, got {status}");
        std::thread::sleep(Duration::from_millis(50));
        let log = self.log.lock().unwrap().clone();
        log
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_api_over_a_socket() {
    let server = start(&["--seed", "3"]);
    let created = server.json("POST", "/sessions", json!({ "userUuid": ADMIN }));
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(created.header("content-type"), Some("application/json"));
    let id = created.json()["sessionId"].as_str().unwrap().to_owned();

    let got = server.call("GET", &format!("/sessions/{id}?keepAlive=true"), "");
    assert_eq!(
        (got.status, got.json()["user"]["uuid"].clone()),
        (200, json!(ADMIN))
    );

    let connect = server.call(
        "POST",
        &format!("/sessions/{id}/enable/EQUISOFT_CONNECT"),
        "",
    );
    assert_eq!(connect.status, 202);
    let imp = server.json(
        "POST",
        &format!("/sessions/{id}/impersonate"),
        json!({ "userUuid": ADVISOR }),
    );
    assert_eq!(imp.json()["actor"]["uuid"], ADMIN);

    let missing = server.call("GET", "/sessions/00000000-0000-4000-8000-00000000dead", "");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["message"], "NOT_FOUND");

    let wrong = server.call("PATCH", "/sessions", "");
    assert_eq!(
        (wrong.status, wrong.header("allow")),
        (405, Some("DELETE, POST"))
    );

    assert_eq!(server.call("DELETE", "/sessions", "").status, 204);
    assert_eq!(
        server.call("GET", &format!("/sessions/{id}"), "").status,
        404
    );

    let log = server.stop();
    assert!(
        log.iter().any(|l| l.starts_with("POST /sessions 201 ")),
        "{log:?}"
    );
    assert!(
        log.iter().any(|l| l.starts_with("PATCH /sessions 405 ")),
        "{log:?}"
    );
    assert_eq!(log.last().map(String::as_str), Some("stopped"));
}

#[test]
fn token_ids_survive_percent_encoding() {
    let server = start(&[]);
    let id = server.admin_session();
    for token_id in ["a/b", "what?", "#frag", "100%", "with space", "café"] {
        let path = format!(
            "/sessions/{id}/tokens/{}",
            utf8_percent_encode(token_id, NON_ALPHANUMERIC)
        );
        let value = format!("value of {token_id} ✓");
        assert_eq!(
            server
                .send(
                    "PUT",
                    &path,
                    &[("content-type", "text/plain")],
                    value.as_bytes()
                )
                .status,
            200
        );
        let got = server.call("GET", &path, "");
        assert_eq!(got.json(), json!({ "id": token_id, "value": value }));
    }
}

#[test]
fn cors_lets_another_origin_call_it() {
    let server = start(&[]);
    let origin = ("origin", "http://localhost:5173");
    let preflight = server.send(
        "OPTIONS",
        "/sessions",
        &[
            origin,
            ("access-control-request-method", "POST"),
            ("access-control-request-headers", "content-type,x-trace"),
        ],
        b"",
    );
    assert_eq!(preflight.status, 204);
    assert_eq!(
        preflight.header("access-control-allow-origin"),
        Some("http://localhost:5173")
    );
    assert!(preflight
        .header("access-control-allow-methods")
        .unwrap()
        .contains("POST"));
    assert_eq!(
        preflight.header("access-control-allow-headers"),
        Some("content-type,x-trace")
    );
    assert_eq!(
        preflight.header("access-control-allow-credentials"),
        Some("true")
    );

    let actual = server.send("DELETE", "/sessions", &[origin], b"");
    assert_eq!(actual.status, 204);
    assert_eq!(
        actual.header("access-control-allow-origin"),
        Some("http://localhost:5173")
    );
    let no_origin = server.call("DELETE", "/sessions", "");
    assert_eq!(no_origin.header("access-control-allow-origin"), None);

    // The documented PATCH of a user passes its preflight from another origin.
    let preflight = server.send(
        "OPTIONS",
        &format!("/__mock/users/{ADVISOR}"),
        &[origin, ("access-control-request-method", "PATCH")],
        b"",
    );
    assert_eq!(preflight.status, 204);
    assert!(preflight
        .header("access-control-allow-methods")
        .unwrap()
        .contains("PATCH"));
}

const EVIL: (&str, &str) = ("origin", "https://evil.example");

/// A page on another site gets no CORS headers (its browser withholds the answer), fails
/// its preflights, and cannot use a control even with a "simple" request that needs no
/// preflight: the state is left as it was.
#[test]
fn pages_of_other_sites_cannot_read_or_drive_the_mock() {
    let server = start(&[]);
    let id = server.admin_session();

    let get = server.send("GET", &format!("/sessions/{id}"), &[EVIL], b"");
    assert_eq!(get.status, 200);
    assert_eq!(get.header("access-control-allow-origin"), None);
    assert_eq!(get.header("access-control-allow-credentials"), None);

    let asked = ("access-control-request-method", "DELETE");
    let preflight = server.send("OPTIONS", "/sessions", &[EVIL, asked], b"");
    assert_eq!(preflight.header("access-control-allow-origin"), None);
    assert_eq!(preflight.header("access-control-allow-methods"), None);
    let put = ("access-control-request-method", "PUT");
    let preflight = server.send("OPTIONS", "/__mock/state", &[EVIL, put], b"");
    assert_eq!(preflight.status, 403);
    assert_eq!(preflight.header("access-control-allow-origin"), None);

    // A cross-site form or `fetch` with text/plain: no preflight, so refused outright.
    let plain = ("content-type", "text/plain");
    for (method, path) in [
        ("POST", "/__mock/reset"),
        ("GET", "/__mock/requests?reveal=true"),
        ("GET", "/__mock/state"),
        ("PUT", "/__mock/state"),
    ] {
        let refused = server.send(method, path, &[EVIL, plain], b"{}");
        assert_eq!(refused.status, 403, "{method} {path}: {}", refused.text);
        assert_eq!(refused.json()["message"], "ACCESS_DENIED");
        let description = refused.json()["description"].as_str().unwrap().to_owned();
        assert!(
            description.contains("https://evil.example"),
            "{description}"
        );
        assert!(
            !refused.text.contains(&id),
            "nothing of the state: {}",
            refused.text
        );
        assert_eq!(refused.header("access-control-allow-origin"), None);
    }
    assert_eq!(
        server.call("GET", &format!("/sessions/{id}"), "").status,
        200,
        "the session outlived the cross-site reset"
    );
    // With no Origin (curl, Playwright, a server-side client) the controls answer as before.
    assert_eq!(server.call("GET", "/__mock/requests", "").status, 200);
}

/// DNS rebinding: a foreign name resolving to 127.0.0.1 sends that name as `Host`, and is
/// refused whatever the path; loopback names and addresses are answered.
#[test]
fn a_rebinding_host_is_refused() {
    let server = start(&[]);
    let port = server.port().to_owned();
    let get = |host: &str, path: &str| {
        raw(
            &server,
            format!("GET {path} HTTP/1.1\r\nhost: {host}\r\nconnection: close\r\n\r\n")
                .into_bytes(),
        )
    };
    for path in ["/__mock/requests?reveal=true", "/sessions/x"] {
        let answer = get(&format!("evil.example:{port}"), path);
        assert!(answer.starts_with("HTTP/1.1 403 "), "{path}: {answer}");
    }
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        format!("app.localhost:{port}"),
        "localhost".to_owned(),
    ] {
        let answer = get(&host, "/__mock/clock");
        assert!(answer.starts_with("HTTP/1.1 200 "), "{host}: {answer}");
    }
}

/// The developer's own pages, on any loopback origin and port, keep CORS and the controls.
#[test]
fn loopback_origins_on_any_port_keep_working() {
    let server = start(&[]);
    for origin in [
        "http://localhost:5173",
        "http://127.0.0.1:8080",
        "http://[::1]:3000",
        "https://localhost",
        "http://app.localhost:4321",
    ] {
        let reset = server.send("POST", "/__mock/reset", &[("origin", origin)], b"");
        assert_eq!(reset.status, 204, "{origin}: {}", reset.text);
        assert_eq!(reset.header("access-control-allow-origin"), Some(origin));
        let asked = [("origin", origin), ("access-control-request-method", "PUT")];
        let preflight = server.send("OPTIONS", "/__mock/state", &asked, b"");
        assert_eq!(preflight.status, 204, "{origin}");
        assert_eq!(
            preflight.header("access-control-allow-origin"),
            Some(origin)
        );
    }
}

#[test]
fn allow_origin_widens_cors_and_a_star_opens_it_with_a_warning() {
    let app = "https://app.example.test:8443";
    let server = start(&["--allow-origin", app]);
    let reset = server.send("POST", "/__mock/reset", &[("origin", app)], b"");
    assert_eq!(reset.status, 204, "{}", reset.text);
    assert_eq!(reset.header("access-control-allow-origin"), Some(app));
    let other = server.send("POST", "/__mock/reset", &[EVIL], b"");
    assert_eq!(other.status, 403, "only the origin given");
    assert!(!server.stderr_with("warning").contains("warning"));

    let open = start(&["--allow-origin", "*"]);
    let reset = open.send("POST", "/__mock/reset", &[EVIL], b"");
    assert_eq!(reset.status, 204, "{}", reset.text);
    assert_eq!(
        reset.header("access-control-allow-origin"),
        Some("https://evil.example")
    );
    let errors = open.stderr_with("--allow-origin '*'");
    assert!(
        errors.contains("warning: --allow-origin '*'") && errors.contains("journal"),
        "{errors}"
    );

    let output = command()
        .args(["--allow-origin", "example.test"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--allow-origin: `example.test` is not an origin"),
        "{stderr}"
    );
}

#[test]
fn allow_host_accepts_that_host_and_every_address_says_what_it_accepts() {
    let server = start(&[
        "--host",
        "0.0.0.0",
        "--allow-host",
        "dev.example.test",
        "--allow-host",
        ".corp.test",
    ]);
    let errors = server.stderr_with("on every address");
    assert!(
        errors.contains("localhost") && errors.contains("dev.example.test, .corp.test"),
        "{errors}"
    );
    let port = server.port().to_owned();
    let get = |host: &str| {
        raw(
            &server,
            format!(
                "GET /__mock/clock HTTP/1.1\r\nhost: {host}:{port}\r\nconnection: close\r\n\r\n"
            )
            .into_bytes(),
        )
    };
    for host in ["dev.example.test", "a.corp.test", "localhost"] {
        assert!(get(host).starts_with("HTTP/1.1 200 "), "{host}");
    }
    for host in ["evil.example", "evilcorp.test", "0.0.0.0"] {
        assert!(get(host).starts_with("HTTP/1.1 403 "), "{host}");
    }
}

/// `X-Mock-Namespace` or the `mock-namespace` cookie (the header wins) picks an isolated
/// mock made from the server's flags; `GET /__mock/namespaces` lists them; past
/// `--max-namespaces` the least recently used is dropped and starts afresh when named again.
#[test]
fn namespaces_are_isolated_mocks() {
    if suite_namespace().is_some() {
        return; // this test names its own namespaces
    }
    let server = start(&["--clock", "virtual", "--seed", "5", "--max-namespaces", "2"]);
    let named = |name: &'static str| [("x-mock-namespace", name)];
    let cookie = |name: &str| format!("theme=dark; mock-namespace={name}");
    let create = |headers: &[(&str, &str)]| {
        let body = json!({ "userUuid": ADMIN }).to_string();
        let mut all = vec![("content-type", "application/json")];
        all.extend_from_slice(headers);
        let created = server.send("POST", "/sessions", &all, body.as_bytes());
        assert_eq!(created.status, 201, "{}", created.text);
        created.json()["sessionId"].as_str().unwrap().to_owned()
    };
    let a = create(&named("a"));
    let b_cookie = cookie("b");
    let b = create(&[("cookie", b_cookie.as_str())]);
    // Each made from the same flags: the same seed gives the same first id.
    assert_eq!(a, b);
    let sessions = |headers: &[(&str, &str)]| {
        let listed = server.send("GET", "/__mock/sessions", headers, b"").json();
        listed.as_array().unwrap().len()
    };
    assert_eq!(sessions(&named("a")), 1);
    assert_eq!(sessions(&[("cookie", b_cookie.as_str())]), 1);
    // The default namespace (no name) saw none of it.
    if suite_namespace().is_none() {
        assert_eq!(sessions(&[]), 0);
        let outside = server.call("GET", &format!("/sessions/{a}"), "");
        assert_eq!(outside.status, 404, "{}", outside.text);
    }
    // The header wins over the cookie.
    let both = [("x-mock-namespace", "a"), ("cookie", b_cookie.as_str())];
    let clock = |headers: &[(&str, &str)]| {
        server.send("GET", "/__mock/clock", headers, b"").json()["now"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let start_time = clock(&named("a"));
    let advanced = server.send(
        "POST",
        "/__mock/clock",
        &[
            ("x-mock-namespace", "a"),
            ("content-type", "application/json"),
        ],
        br#"{"advanceMs": 3600000}"#,
    );
    assert_eq!(advanced.status, 200, "{}", advanced.text);
    assert_ne!(clock(&both), start_time, "a's clock moved");
    assert_eq!(
        clock(&[("cookie", b_cookie.as_str())]),
        start_time,
        "b's did not"
    );
    // A fault waits in its own namespace only.
    let fault = server.send(
        "POST",
        "/__mock/faults",
        &[
            ("x-mock-namespace", "a"),
            ("content-type", "application/json"),
        ],
        br#"{"status": 503}"#,
    );
    assert_eq!(fault.status, 204, "{}", fault.text);
    let get = |headers: &[(&str, &str)], id: &str| {
        server
            .send("GET", &format!("/sessions/{id}"), headers, b"")
            .status
    };
    assert_eq!(get(&[("cookie", b_cookie.as_str())], &b), 200);
    assert_eq!(get(&named("a"), &a), 503);

    let listed = server.call("GET", "/__mock/namespaces", "").json();
    assert_eq!(listed["max"], 2);
    let names: Vec<_> = listed["namespaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["name"].as_str().unwrap().to_owned(),
                n["sessions"].clone(),
            )
        })
        .collect();
    assert!(names.contains(&("a".to_owned(), json!(1))), "{listed}");
    assert!(names.contains(&("b".to_owned(), json!(1))), "{listed}");

    // A third name drops the least recently used (b: a was used last), which starts afresh.
    assert_eq!(get(&named("a"), &a), 200);
    assert_eq!(sessions(&named("c")), 0);
    let listed = server.call("GET", "/__mock/namespaces", "").text;
    assert!(
        !listed.contains("\"b\"") && listed.contains("\"a\""),
        "{listed}"
    );
    assert_eq!(get(&named("a"), &a), 200, "a was kept");
    assert_eq!(
        get(&[("cookie", b_cookie.as_str())], &b),
        404,
        "b started afresh"
    );

    // Names out of the rules are refused, naming them.
    for (headers, bad) in [
        (vec![("x-mock-namespace", "no spaces")], "no spaces"),
        (vec![("cookie", "mock-namespace=a/b")], "a/b"),
        (vec![("x-mock-namespace", &*"x".repeat(65))], "xxxx"),
    ] {
        let refused = server.send("GET", "/__mock/clock", &headers, b"");
        assert_eq!(refused.status, 400, "{bad}: {}", refused.text);
        assert_eq!(refused.json()["message"], "BAD_REQUEST");
        assert!(refused.text.contains(bad), "{}", refused.text);
    }
}

#[test]
fn now_sets_where_the_virtual_clock_starts_in_every_namespace() {
    let server = start(&["--clock", "virtual", "--now", "2026-12-01T09:00:00Z"]);
    for headers in [&[][..], &[("x-mock-namespace", "t1")][..]] {
        let clock = server.send("GET", "/__mock/clock", headers, b"").json();
        assert_eq!(clock["now"], "2026-12-01T09:00:00.000Z", "{headers:?}");
    }
    let output = command()
        .args(["--now", "2026-12-01T09:00:00Z"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--now needs --clock virtual"));
}

/// Sends `request` as raw bytes (while reading, as a server may answer before it has read
/// everything) and returns the answer's head, up to its blank line.
fn raw(server: &Server, mut request: Vec<u8>) -> String {
    use std::io::{Read, Write};
    if let Some(namespace) = suite_namespace() {
        let line_end = request.windows(2).position(|w| w == b"\r\n").unwrap() + 2;
        let header = format!("x-mock-namespace: {namespace}\r\n");
        request.splice(line_end..line_end, header.into_bytes());
    }
    let address = server.base.strip_prefix("http://").unwrap();
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut writer = stream.try_clone().unwrap();
    // A server that answers early closes the connection: the rest fails to send.
    let sending = std::thread::spawn(move || {
        let _ = writer.write_all(&request);
    });
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let _ = sending.join();
    let answer = String::from_utf8_lossy(&answer).into_owned();
    answer
        .split("\r\n\r\n")
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// A request head with `target`, an `Origin` and `extra` header lines, closing the connection.
fn head(method: &str, target: &str, extra: &str) -> Vec<u8> {
    format!(
        "{method} {target} HTTP/1.1\r\nhost: localhost\r\norigin: http://localhost:5173\r\nconnection: close\r\n{extra}\r\n"
    )
    .into_bytes()
}

#[test]
fn requests_too_large_to_parse_are_answered_with_cors() {
    let server = start(&[]);
    let cors = "access-control-allow-origin: http://localhost:5173";
    let long = format!("/sessions/{}", "x".repeat(70_000));

    let answer = raw(&server, head("GET", &long, ""));
    assert!(answer.starts_with("HTTP/1.1 414 "), "{answer}");
    assert!(answer.contains(cors), "{answer}");

    // Its preflight passes, so that a browser sends the request and reads the 414.
    let asked = "access-control-request-method: DELETE\r\n";
    let answer = raw(&server, head("OPTIONS", &long, asked));
    assert!(answer.starts_with("HTTP/1.1 204 "), "{answer}");
    assert!(
        answer.contains("access-control-allow-methods: GET, POST, PUT, PATCH, DELETE, OPTIONS"),
        "{answer}"
    );
    assert!(answer.contains(cors), "{answer}");

    // A target at the limit reaches the mock: an unknown session.
    let limit = format!("/sessions/{}", "x".repeat(65_534 - "/sessions/".len()));
    let answer = raw(&server, head("GET", &limit, ""));
    assert!(answer.starts_with("HTTP/1.1 404 "), "{answer}");

    // A head over 1 MiB (hyper reads in pieces: well over).
    let big = format!("x-big: {}\r\n", "y".repeat(2 << 20));
    let answer = raw(&server, head("GET", "/sessions/x", &big));
    assert!(answer.starts_with("HTTP/1.1 431 "), "{answer}");
    assert!(answer.contains(cors), "{answer}");
    // A head under it reaches the mock.
    let fits = format!("x-big: {}\r\n", "y".repeat(900 * 1024));
    let answer = raw(&server, head("GET", "/sessions/x", &fits));
    assert!(answer.starts_with("HTTP/1.1 404 "), "{answer}");
    assert!(answer.contains(cors), "{answer}");

    // Without an Origin, no CORS headers.
    let answer = raw(
        &server,
        format!("GET {long} HTTP/1.1\r\nhost: localhost\r\n\r\n").into_bytes(),
    );
    assert!(answer.starts_with("HTTP/1.1 414 "), "{answer}");
    assert!(!answer.contains("access-control"), "{answer}");
    // Nor for a page of another site.
    let answer = raw(
        &server,
        format!("GET {long} HTTP/1.1\r\nhost: localhost\r\norigin: https://evil.example\r\n\r\n")
            .into_bytes(),
    );
    assert!(answer.starts_with("HTTP/1.1 414 "), "{answer}");
    assert!(!answer.contains("access-control"), "{answer}");

    assert_eq!(
        server.call("DELETE", "/sessions", "").status,
        204,
        "still serving"
    );
}

#[test]
fn oversized_bodies_get_413_with_an_error_payload() {
    let server = start(&[]);
    let body = vec![b'x'; 70 * 1024];
    let answer = server.send(
        "POST",
        "/sessions",
        &[("content-type", "application/json")],
        &body,
    );
    assert_eq!(answer.status, 413);
    assert_eq!(answer.json()["message"], "BAD_REQUEST");
    assert!(answer.json()["description"]
        .as_str()
        .unwrap()
        .contains("65536"));
    let control = server.send("PUT", "/__mock/scenario", &[], &body);
    assert_eq!(control.status, 413, "controls have the same limit");
    assert_eq!(
        server.call("DELETE", "/sessions", "").status,
        204,
        "still serving"
    );
}

#[test]
fn control_endpoints_over_http() {
    let server = start(&["--clock", "virtual", "--seed", "1"]);
    let id = server.admin_session();
    let moved = server.json("POST", "/__mock/clock", json!({ "advanceMs": 31 * 60_000 }));
    assert_eq!(moved.status, 200);
    let state = server.call("GET", &format!("/sessions/{id}"), "").json()["state"].clone();
    assert_eq!(state, "SUSPENDED");

    let dump = server.call("GET", "/__mock/state", "").text;
    assert_eq!(server.call("POST", "/__mock/reset", "").status, 204);
    assert_eq!(
        server.call("GET", &format!("/sessions/{id}"), "").status,
        404
    );
    assert_eq!(server.call("PUT", "/__mock/state", &dump).status, 204);
    assert_eq!(
        server.call("GET", &format!("/sessions/{id}"), "").status,
        200
    );

    let users = server.call("GET", "/__mock/users", "").json();
    assert_eq!(users.as_array().map(Vec::len), Some(6));

    assert_eq!(
        server
            .json("POST", "/__mock/delay", json!({ "ms": 300, "times": 1 }))
            .status,
        204
    );
    let started = Instant::now();
    assert_eq!(server.call("DELETE", "/sessions/expired", "").status, 204);
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "the answer waited"
    );
}

#[test]
fn the_system_clock_moves_and_every_answer_has_the_mocks_date() {
    let server = start(&[]);
    let date = |reply: &Reply| {
        let text = reply.header("date").expect("a Date header");
        httpdate::parse_http_date(text).expect("an HTTP date")
    };
    let before = date(&server.call("GET", "/__mock/clock", ""));
    let answer = server.json("POST", "/__mock/clock", json!({ "advanceMs": 86_400_000 }));
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(answer.json()["clock"], "system");
    // The answer's Date is the mock's moved time, not the machine's.
    let after = date(&server.call("GET", "/sessions/x", ""));
    let moved = after.duration_since(before).unwrap().as_secs();
    assert!((86_400..86_410).contains(&moved), "{moved}");
}

#[test]
fn bad_flags_exit_with_usage() {
    for (args, names) in [
        (&["--clock", "sideways"][..], "sideways"),
        (&["--port", "70000"], "70000"),
        (&["--latency", "5-x"], "5-x"),
        (&["--seed", "-1"], "-1"),
        (
            &["--scenario", "/nonexistent/scenario.json"],
            "/nonexistent",
        ),
        (&["--allow-host", "a/b"], "--allow-host: `a/b`"),
        (&["--allow-origin", "ftp://x"], "--allow-origin: `ftp://x`"),
        (&["--bogus"], "--bogus"),
        (&["--port"], "--port"),
    ] {
        let output = command().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(names) && stderr.contains("USAGE"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn faults_latency_and_the_journal_over_http() {
    let server = start(&["--latency", "150"]);
    let started = Instant::now();
    assert_eq!(server.call("DELETE", "/sessions", "").status, 204);
    assert!(
        started.elapsed() >= Duration::from_millis(150),
        "every answer waits"
    );

    let fault = json!({ "operation": "deleteAllSessions", "network": true });
    assert_eq!(server.json("POST", "/__mock/faults", fault).status, 204);
    let url = format!("{}/sessions", server.base);
    let namespace = suite_namespace().unwrap_or_default();
    let dropped = server
        .agent
        .delete(&url)
        .header("x-mock-namespace", &namespace)
        .call()
        .and_then(|r| r.into_body().read_to_string());
    assert!(dropped.is_err(), "the connection is dropped: {dropped:?}");
    assert_eq!(
        server.call("DELETE", "/sessions", "").status,
        204,
        "then it answers again"
    );

    let journal = server.call("GET", "/__mock/requests", "").json();
    let statuses: Vec<_> = journal
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].clone())
        .collect();
    assert_eq!(statuses, [json!(204), json!(0), json!(204)]);
    assert_eq!(journal[0]["durationMs"], 150);

    let patch = json!({ "state": "DISABLED" });
    let patched = server.json("PATCH", &format!("/__mock/users/{ADVISOR}"), patch);
    assert_eq!(
        (patched.status, patched.json()["state"].clone()),
        (200, json!("DISABLED"))
    );
}

/// `--scenario FILE` serves that file's directory (and no other user), and `--seed N` gives
/// the same session ids on every run with N and others with another seed.
#[test]
fn the_scenario_and_seed_flags_shape_what_it_serves() {
    let dir = std::env::temp_dir().join(format!("session-client-flags-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("scenario.json");
    let user = "aaaaaaaa-0000-4000-8000-000000000042";
    let scenario = json!({ "users": [{ "uuid": user, "displayName": "Flag" }] });
    std::fs::write(&file, scenario.to_string()).unwrap();
    let server = start(&["--scenario", file.to_str().unwrap()]);
    let users = server.call("GET", "/__mock/users", "").json();
    let uuids: Vec<&str> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["uuid"].as_str().unwrap())
        .collect();
    assert_eq!(uuids, [user], "the file's users only");
    assert_eq!(users[0]["displayName"], "Flag");
    let created = server.json("POST", "/sessions", json!({ "userUuid": user }));
    assert_eq!(created.status, 201, "{}", created.text);
    let unknown = server.json("POST", "/sessions", json!({ "userUuid": ADMIN }));
    assert_ne!(
        unknown.status, 201,
        "the built-in admin is not in this directory"
    );
    drop(server);
    std::fs::remove_dir_all(&dir).unwrap();

    let first_id = |seed: &str| start(&["--seed", seed]).admin_session();
    assert_eq!(first_id("7"), first_id("7"), "a seed repeats its ids");
    assert_ne!(first_id("7"), first_id("8"), "another seed gives others");
}

/// `--host ADDR` binds that address and no other (here another address of the loopback
/// range; the default is 127.0.0.1).
#[test]
fn the_host_flag_binds_that_address() {
    let server = start(&["--host", "127.0.0.2"]);
    assert!(
        server.base.starts_with("http://127.0.0.2:"),
        "{}",
        server.base
    );
    assert_eq!(server.call("GET", "/__mock/clock", "").status, 200);
    let port = server.base.rsplit(':').next().unwrap();
    let elsewhere = std::net::TcpStream::connect(format!("127.0.0.1:{port}"));
    assert!(elsewhere.is_err(), "nothing listens on 127.0.0.1:{port}");
}
