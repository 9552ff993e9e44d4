//! How the mock core holds up with 100,000 sessions, through `Mock::handle` as adapters
//! call it (JSON in and out). Prints figures; asserts nothing about speed.
//!
//!     cargo run --release --example mock_bench [-- SESSIONS]

use std::time::Instant;

use session_client::mock::default_scenario::ADMIN;
use session_client::mock::{Clock, Mock, MockOptions, MockRequest};
use session_client::time::Timestamp;

const HOUR: i64 = 3_600_000;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let start = Timestamp::parse("2026-11-28T12:00:00Z").expect("a valid time");
    let mut mock = Mock::new(MockOptions {
        clock: Clock::Virtual(start),
        seed: Some(1),
        ..MockOptions::default()
    });
    let create =
        MockRequest::new("POST", "/sessions").with_body(format!(r#"{{"userUuid":"{ADMIN}"}}"#));
    let mut ids = Vec::with_capacity(n);

    let report = |what: &str, count: usize, started: Instant| {
        let elapsed = started.elapsed();
        println!(
            "{what:<44} {count:>7} calls  {:>8.1} ms  {:>7.2} µs/call",
            elapsed.as_secs_f64() * 1e3,
            elapsed.as_secs_f64() * 1e6 / count.max(1) as f64
        );
    };

    let started = Instant::now();
    for i in 0..n {
        if i == n / 2 {
            mock.advance(6 * HOUR).expect("virtual clock");
        }
        let answer = mock.handle(&create);
        assert_eq!(answer.status, 201);
        let body = String::from_utf8(answer.body).expect("UTF-8");
        let id = body
            .split("\"sessionId\":\"")
            .nth(1)
            .and_then(|r| r.split('"').next());
        ids.push(id.expect("a session id").to_owned());
    }
    report("createSession", n, started);

    let started = Instant::now();
    for id in &ids {
        assert_eq!(
            mock.handle(&MockRequest::new("GET", &format!("/sessions/{id}")))
                .status,
            200
        );
    }
    report("getSession", n, started);

    let started = Instant::now();
    for id in &ids {
        let target = format!("/sessions/{id}?keepAlive=true");
        assert_eq!(mock.handle(&MockRequest::new("GET", &target)).status, 200);
    }
    report("getSession?keepAlive=true", n, started);

    mock.advance(6 * HOUR + 1).expect("virtual clock");
    let started = Instant::now();
    assert_eq!(
        mock.handle(&MockRequest::new("DELETE", "/sessions/expired"))
            .status,
        204
    );
    report("deleteExpiredSessions (removes the older half)", 1, started);
    println!("{:<44} {:>7}", "sessions left", mock.state().sessions.len());

    let started = Instant::now();
    for id in &ids[n / 2..] {
        assert_eq!(
            mock.handle(&MockRequest::new("DELETE", &format!("/sessions/{id}")))
                .status,
            204
        );
    }
    report("deleteSession", n - n / 2, started);
    println!("{:<44} {:>7}", "sessions left", mock.state().sessions.len());
}
