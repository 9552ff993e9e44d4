//! The wire table (`session_client::operation`) is CONTRACT.md's, and everything that speaks
//! the wire agrees with it: the mock answers a valid call of each operation with exactly the
//! table's success status and model; docs/client.md's table of calls and the TypeScript
//! signatures of `SessionClient` say what the table says.

use serde_json::json;
use session_client::mock::default_scenario::{ADMIN, ADVISOR};
use session_client::mock::MockRequest;
use session_client::operation::{Input, Operation, Output, Spec};
use session_client::schema::{self, Unknown};

use crate::support::{mock, table_rows, TestMock};

/// A session the call of `operation` can succeed on, prepared in `m`.
fn session_for(m: &mut TestMock, operation: Operation) -> String {
    use Operation::*;
    match operation {
        EnableSession => m.created(json!({ "userUuid": ADMIN, "enable": false })),
        RevertIdentity => {
            let id = m.admin_session();
            let impersonated = m.call(
                "POST",
                &format!("/sessions/{id}/impersonate"),
                &json!({ "userUuid": ADVISOR }).to_string(),
            );
            assert_eq!(impersonated.status, 200);
            id
        }
        GetSessionSsoToken | DeleteSessionSsoToken => {
            let id = m.admin_session();
            assert_eq!(
                m.call(
                    "PUT",
                    &format!("/sessions/{id}/tokens/t"),
                    "s3cret-token-value"
                )
                .status,
                200
            );
            id
        }
        CreateSession
        | DeleteAllSessions
        | DeleteExpiredSessions
        | DeleteSession
        | GetSession
        | EnableSessionForEquisoftConnect
        | Impersonate
        | SetSessionSsoToken => m.admin_session(),
    }
}

/// A valid request of `spec`'s kind: its method and path, and its input as the table says.
fn request(spec: &Spec, id: &str) -> MockRequest {
    let path = spec.path.replace("{uuid}", id).replace("{tokenId}", "t");
    let mut request = MockRequest::new(spec.method.as_str(), &path);
    match spec.input {
        Input::Nothing => {}
        Input::Json { fields, .. } => {
            // The required fields, with values this state accepts.
            let mut payload = serde_json::Map::new();
            for field in fields.iter().filter(|f| f.required) {
                let value = match field.name {
                    "userUuid" if spec.name == "impersonate" => ADVISOR,
                    "userUuid" => ADMIN,
                    other => panic!("no value for required field {other}"),
                };
                payload.insert(field.name.into(), value.into());
            }
            request = request
                .with_header("content-type", "application/json")
                .with_body(serde_json::Value::Object(payload).to_string());
        }
        Input::Text { .. } => {
            request = request
                .with_header("content-type", "text/plain")
                .with_body("v");
        }
        Input::BoolQuery(name) => {
            request = MockRequest::new(spec.method.as_str(), &format!("{path}?{name}=true"))
        }
    }
    request
}

/// The rows of CONTRACT.md's table of endpoints, each as its cells: operation, method and
/// path, request body, success, documented failures.
fn contract_rows() -> Vec<Vec<String>> {
    let contract = include_str!("../../api/CONTRACT.md");
    let header = "| operation | method and path | request body | success |";
    table_rows(contract, header)
        .into_iter()
        .map(|line| {
            // Cells split at `|` but not at an escaped `\|` (inside `true\|false`).
            let line = line.replace("\\|", "\u{0}");
            line.trim_matches('|')
                .split('|')
                .map(|cell| cell.trim().replace('\u{0}', "|"))
                .collect()
        })
        .collect()
}

/// Every row of CONTRACT.md's table is an operation of the table, in its order, and says what
/// its `Spec` says: method and path (with its query), what the request carries, and the
/// success status and model. A 13th endpoint in either one fails here.
#[test]
fn the_table_is_the_contracts() {
    let rows = contract_rows();
    let names: Vec<&str> = rows.iter().map(|row| row[0].as_str()).collect();
    let ours: Vec<&str> = Operation::ALL.iter().map(|op| op.name()).collect();
    assert_eq!(names, ours, "CONTRACT.md's operations, in order");
    for (operation, row) in Operation::ALL.into_iter().zip(&rows) {
        let spec = operation.spec();
        let (line, carries, success) = (&row[1], &row[2], &row[3]);
        let query = match spec.input {
            Input::BoolQuery(name) => format!("?{name}=true|false"),
            Input::Nothing | Input::Json { .. } | Input::Text { .. } => String::new(),
        };
        let request_line = format!("`{} {}{query}`", spec.method.as_str(), spec.path);
        assert!(line.starts_with(&request_line), "{}: {line}", spec.name);
        // The cell names the body's kind, then may say more ("token value (required)").
        let body = match spec.input {
            Input::Nothing | Input::BoolQuery(_) => "none".to_owned(),
            Input::Json {
                model, required, ..
            } => {
                format!("{}JSON `{model}`", if required { "" } else { "optional " })
            }
            Input::Text { required } => {
                format!("{}`text/plain`", if required { "" } else { "optional " })
            }
        };
        assert!(
            carries.starts_with(&body),
            "{}: {carries} is not {body}",
            spec.name
        );
        let answers = match spec.output {
            // A 200 with no body says so (a 200 usually has one).
            Output::Nothing if spec.status == 200 => format!("{}, empty body", spec.status),
            Output::Nothing => spec.status.to_string(),
            Output::Json { .. } => format!("{} `{}`", spec.status, spec.output.typescript()),
        };
        assert_eq!(success, &answers, "{}", spec.name);
        assert_eq!(Operation::from_name(&row[0]), Some(operation));
    }
}

#[test]
fn the_mock_answers_each_operation_with_the_tables_status_and_model() {
    for operation in Operation::ALL {
        let spec = operation.spec();
        let mut m = mock();
        let id = session_for(&mut m, operation);
        let exchange = m.mock.exchange(&request(spec, &id));
        let response = exchange.response;
        let body = String::from_utf8(response.body.clone()).unwrap();
        assert_eq!(response.status, spec.status, "{}: {body}", spec.name);
        match spec.output {
            Output::Nothing => assert!(body.is_empty(), "{}: {body}", spec.name),
            Output::Json { model, shape } => {
                let value: serde_json::Value = serde_json::from_str(&body).unwrap();
                // Exactly the model: every required field, nothing the table does not name.
                schema::check_as(&&value, shape, model, Unknown::Refuse)
                    .unwrap_or_else(|err| panic!("{}: {err}", spec.name));
                // The journal shows none of the answer's secrets, in a model or a list.
                let Some(secret) = spec.secret else { continue };
                let secrets: Vec<&str> = match value.as_array() {
                    Some(items) => items.iter().collect(),
                    None => vec![&value],
                }
                .into_iter()
                .map(|model| model[secret].as_str().unwrap())
                .collect();
                assert!(
                    !secrets.is_empty(),
                    "{}: an answer with a secret",
                    spec.name
                );
                let shown = serde_json::to_string(&exchange.entry.unwrap().view(false)).unwrap();
                for secret in secrets {
                    assert!(!shown.contains(secret), "{}: {shown}", spec.name);
                }
            }
        }
    }
}

/// docs/client.md's row for `spec`: `| call | request | resolves to | status |`.
fn readme_row(spec: &Spec) -> String {
    let mut params: Vec<String> = spec
        .path
        .split('/')
        .filter_map(|p| p.strip_prefix('{')?.strip_suffix('}'))
        .map(str::to_owned)
        .collect();
    let (input_param, request_tail) = match spec.input {
        Input::Nothing => (None, String::new()),
        Input::Json { required, .. } => (
            Some(if required { "payload" } else { "payload?" }.to_owned()),
            " (JSON)".to_owned(),
        ),
        Input::Text { required } => (
            Some(if required { "body" } else { "body?" }.to_owned()),
            " (`text/plain`)".to_owned(),
        ),
        Input::BoolQuery(name) => (Some(format!("{name}?")), String::new()),
    };
    params.extend(input_param);
    params.push("opts?".into());
    let query = match spec.input {
        Input::BoolQuery(name) => format!("[?{name}=true\\|false]"),
        Input::Nothing | Input::Json { .. } | Input::Text { .. } => String::new(),
    };
    let resolves = spec.output.typescript();
    format!(
        "| `{}({})` | `{} {}{query}`{request_tail} | `{resolves}` | {} |",
        spec.name,
        params.join(", "),
        spec.method.as_str(),
        spec.path,
        spec.status
    )
}

#[test]
fn the_readme_table_of_calls_is_the_wire_table() {
    let readme = include_str!("../../docs/client.md");
    let rows = table_rows(readme, "| method | request | resolves to | mock's status |");
    let expected: Vec<String> = Operation::ALL
        .iter()
        .map(|op| readme_row(op.spec()))
        .collect();
    assert_eq!(rows, expected);
}

/// The signature the table calls for.
fn expected_signature(spec: &Spec) -> String {
    let mut params: Vec<String> = spec
        .path
        .split('/')
        .filter_map(|p| p.strip_prefix('{')?.strip_suffix('}'))
        .map(|p| format!("{p}: string"))
        .collect();
    match spec.input {
        Input::Nothing => {}
        Input::Json {
            required, model, ..
        } => params.push(format!(
            "payload{}: {model}",
            if required { "" } else { "?" }
        )),
        Input::Text { required } => {
            params.push(format!("body{}: string", if required { "" } else { "?" }))
        }
        Input::BoolQuery(name) => params.push(format!("{name}?: boolean")),
    }
    params.push("opts?: CallOptions".into());
    let resolves = spec.output.typescript();
    format!("{}({}): Promise<{resolves}>", spec.name, params.join(", "))
}

/// The built declarations (`pkg/client/session_client.d.ts`, as wasm-bindgen and tsify wrote
/// them) against the wire table: each operation's method, its parameters and what it
/// resolves to, as a TypeScript user sees them. It reads the build: `scripts/test` runs it
/// after `scripts/build` (`cargo test --features server --test mock -- --ignored typescript`).
#[test]
#[ignore = "reads pkg/: scripts/test runs it after scripts/build"]
fn the_built_typescript_declarations_are_the_wire_table() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/pkg/client/session_client.d.ts"
    );
    let dts = std::fs::read_to_string(path)
        .unwrap_or_else(|err| panic!("{path}: {err} (build the package first: scripts/build)"));
    let class = &dts[dts.find("export class SessionClient {").expect("the class")..];
    let class = &class[..class.find("\n}").expect("its end")];
    let methods: Vec<String> = class
        .lines()
        .map(str::trim)
        .filter(|line| line.contains("): Promise<"))
        // wasm-bindgen writes an optional parameter `name?: T | null`.
        .map(|line| line.trim_end_matches(';').replace(" | null", ""))
        .collect();
    assert_eq!(methods.len(), Operation::ALL.len(), "{methods:#?}");
    // The union of the operations' names, as `failNext`, errors and the journal name them.
    let union = &dts[dts
        .find("export type OperationName =")
        .expect("OperationName")..];
    let union = &union[..union.find(';').expect("its end")];
    let names: Vec<&str> = union.split('"').skip(1).step_by(2).collect();
    let expected: Vec<&str> = Operation::ALL.iter().map(|op| op.spec().name).collect();
    assert_eq!(names, expected, "OperationName in src/wasm/typescript.rs");
    for operation in Operation::ALL {
        let spec = operation.spec();
        let built = methods
            .iter()
            .find(|m| m.starts_with(&format!("{}(", spec.name)))
            .unwrap_or_else(|| panic!("no method {} in {path}", spec.name));
        assert_eq!(built, &expected_signature(spec));
    }
}

/// `Operation::ALL` lists, of two templates that could match one request, the one with more
/// literal segments first (`DELETE /sessions/expired` before `DELETE /sessions/{uuid}`): the
/// router takes the first that matches.
#[test]
fn all_lists_the_more_literal_of_two_overlapping_templates_first() {
    let segments = |spec: &Spec| spec.path.trim_matches('/').split('/').collect::<Vec<_>>();
    let param = |segment: &str| segment.starts_with('{');
    for (i, a) in Operation::ALL.iter().enumerate() {
        for b in Operation::ALL.iter().skip(i + 1) {
            let (sa, sb) = (segments(a.spec()), segments(b.spec()));
            let overlap = a.method() == b.method()
                && sa.len() == sb.len()
                && sa
                    .iter()
                    .zip(&sb)
                    .all(|(x, y)| x == y || param(x) || param(y));
            if !overlap {
                continue;
            }
            let literals = |s: &[&str]| s.iter().filter(|x| !param(x)).count();
            assert!(
                literals(&sa) >= literals(&sb),
                "{} ({}) must come after {} ({}) in Operation::ALL",
                a.spec().name,
                a.spec().path,
                b.spec().name,
                b.spec().path
            );
        }
    }
}

/// The browser tests' bad-input matrix (`tests/browser/matrix.js`) calls every method of the
/// client: a new endpoint fails here until it has its cases there.
#[test]
fn the_browser_matrix_calls_every_operation() {
    let matrix = include_str!("../browser/matrix.js");
    let missing: Vec<&str> = Operation::ALL
        .iter()
        .map(|op| op.spec().name)
        .filter(|name| !matrix.contains(&format!("client.{name}(")))
        .collect();
    assert!(
        missing.is_empty(),
        "no case in tests/browser/matrix.js calls {missing:?}"
    );
}
