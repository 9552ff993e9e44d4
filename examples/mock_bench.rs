//! How the mock core holds up with 100,000 sessions, through `Mock::handle` as adapters
//! call it (JSON in and out). Prints figures; asserts nothing about speed.
//!
//!     cargo run --release --example mock_bench [-- SESSIONS [ROUNDS]]
//!
//! The whole run is repeated `ROUNDS` times (default 3) on a fresh mock, and each phase
//! reports its fastest round: on a shared machine the slower rounds measure the neighbours.
// Test code: an unwrap, a panic or an index that fails is the test failing.
#![allow(
    unreachable_pub,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::{Duration, Instant};

use session_client::mock::default_scenario::ADMIN;
use session_client::mock::{Clock, Mock, MockOptions, MockRequest, MockResponse};
use session_client::time::Timestamp;

const HOUR: i64 = 3_600_000;

/// The phases of one round, with how many calls each makes.
const PHASES: [&str; 6] = [
    "createSession",
    "getSession",
    "getSession?keepAlive=true",
    "deleteExpiredSessions (removes the older half)",
    "deleteSession",
    // Constant per call as SESSIONS grows: seeding a directory from a loop stays linear.
    "POST /__mock/users (SESSIONS / 5 users, one by one)",
];

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse().ok());
    let n: usize = args.next().flatten().unwrap_or(100_000);
    let rounds: usize = args.next().flatten().unwrap_or(3).max(1);
    let mut best = [(Duration::MAX, 0usize); PHASES.len()];
    for _ in 0..rounds {
        for (slot, timing) in best.iter_mut().zip(round(n)) {
            if timing.0 < slot.0 {
                *slot = timing;
            }
        }
    }
    println!("{n} sessions, best of {rounds} rounds");
    for (what, (elapsed, count)) in PHASES.iter().zip(best) {
        println!(
            "{what:<48} {count:>7} calls  {:>8.1} ms  {:>8.2} µs/call",
            elapsed.as_secs_f64() * 1e3,
            elapsed.as_secs_f64() * 1e6 / count.max(1) as f64
        );
    }
}

/// One round on a fresh mock: how long each phase took, and how many calls it made.
fn round(n: usize) -> [(Duration, usize); PHASES.len()] {
    let start = Timestamp::parse("2026-11-28T12:00:00Z").expect("a valid time");
    let mut mock = Mock::new(MockOptions {
        clock: Clock::Virtual(start),
        seed: Some(1),
        ..MockOptions::default()
    });
    let create = format!(r#"{{"userUuid":"{ADMIN}"}}"#);
    let mut ids = Vec::with_capacity(n);
    let mut timings = [(Duration::ZERO, 0); PHASES.len()];

    let started = Instant::now();
    for i in 0..n {
        if i == n / 2 {
            // The first half will be expired when deleteExpiredSessions runs.
            mock.advance(6 * HOUR);
        }
        let answer = call(&mut mock, "POST", "/sessions", &create);
        assert_eq!(answer.status, 201);
        let body = String::from_utf8(answer.body).expect("UTF-8");
        let id = body
            .split("\"sessionId\":\"")
            .nth(1)
            .and_then(|r| r.split('"').next());
        ids.push(id.expect("a session id").to_owned());
    }
    timings[0] = (started.elapsed(), n);

    let started = Instant::now();
    for id in &ids {
        assert_eq!(
            call(&mut mock, "GET", &format!("/sessions/{id}"), "").status,
            200
        );
    }
    timings[1] = (started.elapsed(), n);

    let started = Instant::now();
    for id in &ids {
        let target = format!("/sessions/{id}?keepAlive=true");
        assert_eq!(call(&mut mock, "GET", &target, "").status, 200);
    }
    timings[2] = (started.elapsed(), n);

    mock.advance(6 * HOUR + 1);
    let started = Instant::now();
    assert_eq!(
        call(&mut mock, "DELETE", "/sessions/expired", "").status,
        204
    );
    timings[3] = (started.elapsed(), 1);

    let started = Instant::now();
    for id in &ids[n / 2..] {
        assert_eq!(
            call(&mut mock, "DELETE", &format!("/sessions/{id}"), "").status,
            204
        );
    }
    timings[4] = (started.elapsed(), n - n / 2);

    let users = n / 5;
    let started = Instant::now();
    for i in 0..users {
        let user = format!(r#"{{"uuid":"aaaaaaaa-0000-4000-8000-{i:012}"}}"#);
        assert_eq!(call(&mut mock, "POST", "/__mock/users", &user).status, 201);
    }
    timings[5] = (started.elapsed(), users);
    timings
}

/// One request through `Mock::handle`.
fn call(mock: &mut Mock, method: &str, target: &str, body: &str) -> MockResponse {
    mock.handle(&MockRequest::new(method, target).with_body(body))
}
