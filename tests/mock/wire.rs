//! The wire table (`session_client::operation`) is CONTRACT.md's, and everything that speaks
//! the wire agrees with it: the mock answers a valid call of each operation with exactly the
//! table's success status and model; the README's table of calls and the TypeScript
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
                m.call("PUT", &format!("/sessions/{id}/tokens/t"), "v")
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
        let response = m.mock.exchange(&request(spec, &id)).response;
        let body = String::from_utf8(response.body.clone()).unwrap();
        assert_eq!(response.status, spec.status, "{}: {body}", spec.name);
        match spec.output {
            Output::Nothing => assert!(body.is_empty(), "{}: {body}", spec.name),
            Output::Json { model, shape } => {
                let value: serde_json::Value = serde_json::from_str(&body).unwrap();
                // Exactly the model: every required field, nothing the table does not name.
                schema::check_as(&&value, shape, model, Unknown::Refuse)
                    .unwrap_or_else(|err| panic!("{}: {err}", spec.name));
            }
        }
    }
}

/// The README's row for `spec`: `| call | request | resolves to | status |`.
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
    let readme = include_str!("../../README.md");
    let rows = table_rows(readme, "| method | request | resolves to | mock's status |");
    let expected: Vec<String> = Operation::ALL
        .iter()
        .map(|op| readme_row(op.spec()))
        .collect();
    assert_eq!(rows, expected);
}

/// `SessionClient`'s TypeScript signature of each method as wasm-bindgen writes it from
/// `src/wasm/client.rs` (parameter types through `src/wasm/typescript.rs`).
fn typescript_signature(name: &str) -> String {
    let client = include_str!("../../src/wasm/client.rs");
    let types = include_str!("../../src/wasm/typescript.rs");
    // Each Rust argument type's TypeScript type: `typescript_type = "T"` then `pub type X;`.
    let ts_of = |rust: &str| -> String {
        let at = types
            .find(&format!("pub type {rust};"))
            .unwrap_or_else(|| panic!("no {rust}"));
        let attribute = &types[..at];
        let from = attribute.rfind("typescript_type = \"").unwrap() + "typescript_type = \"".len();
        attribute[from..].split('"').next().unwrap().to_owned()
    };
    // The method: its attribute and signature.
    let snake: String = name
        .chars()
        .flat_map(|c| {
            if c.is_ascii_uppercase() {
                vec!['_', c.to_ascii_lowercase()]
            } else {
                vec![c]
            }
        })
        .collect();
    let at = client
        .find(&format!("pub fn {snake}("))
        .unwrap_or_else(|| panic!("no fn {snake}"));
    let attribute = &client[client[..at].rfind("#[wasm_bindgen(").unwrap()..at];
    let returns = attribute
        .split("unchecked_return_type = \"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let signature = &client[at..];
    let params =
        &signature[signature.find('(').unwrap() + 1..signature.find(") -> Promise").unwrap()];
    let mut ts = Vec::new();
    for param in params
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty() && *p != "&self")
    {
        // `#[wasm_bindgen(js_name = keepAlive)] keep_alive: Option<BoolArg>`
        let (name_part, rust) = param.rsplit_once(": ").unwrap();
        let js_name = match name_part.split_once("js_name = ") {
            Some((_, rest)) => rest.split(')').next().unwrap().to_owned(),
            None => name_part.trim().to_owned(),
        };
        let ts_param = match rust
            .strip_prefix("Option<")
            .and_then(|r| r.strip_suffix('>'))
        {
            Some(inner) => format!("{js_name}?: {}", ts_of(inner)),
            None => format!("{js_name}: {}", ts_of(rust)),
        };
        ts.push(ts_param);
    }
    format!("{name}({}): {returns}", ts.join(", "))
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

#[test]
fn the_typescript_signatures_are_the_wire_table() {
    for operation in Operation::ALL {
        let spec = operation.spec();
        assert_eq!(typescript_signature(spec.name), expected_signature(spec));
    }
}
