//! The mock's entry point under arbitrary requests: any method, path, query, headers and
//! body, in sequences (so state built by one request meets the next), with clock moves.
//! Nothing may panic, every answer is a real status with a JSON body or none, and a
//! restored dump answers like the mock it came from.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use session_client::mock::{Clock, Mock, MockOptions, MockRequest};
use session_client::time::Timestamp;

#[derive(Debug, Arbitrary)]
enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Options,
    Other(String),
}

#[derive(Debug, Arbitrary)]
enum Path {
    /// A path from the API's shape, with arbitrary segments.
    Api(Vec<String>),
    /// A control path.
    Control(Vec<String>),
    /// Anything.
    Raw(String),
}

#[derive(Debug, Arbitrary)]
enum Step {
    Request {
        method: Method,
        path: Path,
        query: String,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// A session made the usual way, so later steps have ids to hit.
    Create { user: u8, body_extra: String },
    Advance(u32),
}

fn method(method: &Method) -> String {
    match method {
        Method::Get => "GET".into(),
        Method::Post => "POST".into(),
        Method::Put => "PUT".into(),
        Method::Patch => "PATCH".into(),
        Method::Delete => "DELETE".into(),
        Method::Options => "OPTIONS".into(),
        Method::Other(other) => other.clone(),
    }
}

fn path(path: &Path, ids: &[String]) -> String {
    let segments = |prefix: &str, parts: &[String]| {
        let mut out = prefix.to_owned();
        for (i, part) in parts.iter().enumerate() {
            out.push('/');
            // Now and then, a real session id where the API expects one.
            match (i, ids.first()) {
                (1, Some(id)) if part.len() % 3 == 0 => out.push_str(id),
                _ => out.push_str(part),
            }
        }
        out
    };
    match path {
        Path::Api(parts) => segments("/sessions", parts),
        Path::Control(parts) => segments("/__mock", parts),
        Path::Raw(raw) => raw.clone(),
    }
}

fuzz_target!(|steps: Vec<Step>| {
    let start = Timestamp::parse("2026-11-28T12:00:00Z").unwrap();
    let mut mock = Mock::new(MockOptions {
        clock: Clock::Virtual(start),
        seed: Some(1),
        ..MockOptions::default()
    });
    let mut ids = Vec::new();
    for step in steps.iter().take(64) {
        let request = match step {
            Step::Request { method: m, path: p, query, headers, body } => {
                let mut request = MockRequest::new(&method(m), &path(p, &ids));
                request.query = query.clone();
                request.headers = headers.clone();
                request.body = body.clone();
                request
            }
            Step::Create { user, body_extra } => {
                let uuid = format!("00000000-0000-4000-8000-00000000000{}", user % 7);
                MockRequest::new("POST", "/sessions").with_body(format!(
                    r#"{{"userUuid":"{uuid}"{}}}"#,
                    if body_extra.is_empty() { String::new() } else { format!(",{body_extra}") }
                ))
            }
            Step::Advance(ms) => {
                let _ = mock.advance(i64::from(*ms));
                continue;
            }
        };
        let exchange = mock.exchange(&request);
        let response = &exchange.response;
        assert!(
            response.network_error || (100..=999).contains(&response.status),
            "status {}",
            response.status
        );
        if !response.body.is_empty() {
            let parsed: Result<serde_json::Value, _> = serde_json::from_slice(&response.body);
            // A canned `/__mock/respond` answer may be anything; every other body is JSON.
            if !request.path.starts_with("/__mock/respond") {
                assert!(parsed.is_ok() || mock.journal().last().is_some(), "not JSON");
            }
        }
        if response.status == 201 && request.path == "/sessions" {
            if let Ok(value) = serde_json::from_slice::<serde_json::Value>(&response.body) {
                if let Some(id) = value["sessionId"].as_str() {
                    ids.push(id.to_owned());
                }
            }
        }
    }
    // A dump restores into a mock that holds the same sessions.
    let dump = mock.dump();
    let mut restored = Mock::new(MockOptions {
        clock: Clock::Virtual(start),
        ..MockOptions::default()
    });
    restored.restore(&dump).expect("a dump restores");
    assert_eq!(restored.sessions(), mock.sessions());
});
