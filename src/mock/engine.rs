//! [`Mock`]: the in-memory session API. One entry point, [`Mock::handle`], answers a request
//! given as plain data; every adapter (the in-browser transport, the native HTTP server, a
//! service worker) calls it.

use super::clock::Clock;
use super::dump;
use super::handlers;
use super::rng::Rng;
use super::router;
use super::rules::State;
use super::scenario::{Scenario, ScenarioError};
use super::wire::{ApiError, MockRequest, MockResponse, MAX_BODY_BYTES};
use crate::models::{Session, User};
use crate::time::Timestamp;

/// How to start a [`Mock`].
#[derive(Debug, Clone)]
pub struct MockOptions {
    /// Users and policy (default: the [built-in scenario](super::default_scenario)).
    pub scenario: Scenario,
    /// Where time comes from (default: the system clock).
    pub clock: Clock,
    /// Makes generated session ids deterministic.
    pub seed: Option<u64>,
}

impl Default for MockOptions {
    fn default() -> Self {
        MockOptions {
            scenario: super::default_scenario::default_scenario(),
            clock: Clock::System,
            seed: None,
        }
    }
}

/// Why the clock could not be changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the mock runs on the system clock; only a virtual clock can be set or advanced")]
pub struct SystemClockError;

/// The in-memory session API.
#[derive(Debug, Clone)]
pub struct Mock {
    state: State,
    clock: Clock,
    options: MockOptions,
    delay: PendingDelay,
    canned: Option<(MockResponse, u32)>,
}

#[derive(Debug, Clone, Copy, Default)]
struct PendingDelay {
    ms: u64,
    times: u32,
}

impl Default for Mock {
    fn default() -> Self {
        Mock::new(MockOptions::default())
    }
}

impl Mock {
    /// A mock with no sessions.
    pub fn new(options: MockOptions) -> Self {
        let rng = options.seed.map_or_else(Rng::unseeded, Rng::seeded);
        Mock {
            state: State::new(options.scenario.clone(), rng),
            clock: options.clock,
            options,
            delay: PendingDelay::default(),
            canned: None,
        }
    }

    /// Answers one API request, exactly as the real service would.
    pub fn handle(&mut self, req: &MockRequest) -> MockResponse {
        let mut response = if let Some(canned) = self.take_canned() {
            canned
        } else if req.body.len() > MAX_BODY_BYTES {
            ApiError::body_too_large().into()
        } else {
            match router::route(&req.method, &req.path) {
                Ok(route) => handlers::dispatch(&mut self.state, self.clock.now(), req, route),
                Err(refusal) => refusal,
            }
        };
        if self.delay.times > 0 {
            self.delay.times -= 1;
            response.delay_ms = self.delay.ms;
        }
        response
    }

    /// Makes the next `times` API answers be `response`, whatever the request: a proxy's
    /// HTML error page, a malformed body, a value from a newer server. The state is not
    /// touched by those requests.
    pub fn respond_next(&mut self, response: MockResponse, times: u32) {
        self.canned = (times > 0).then_some((response, times));
    }

    fn take_canned(&mut self) -> Option<MockResponse> {
        let (response, times) = self.canned.as_mut()?;
        let answer = response.clone();
        *times -= 1;
        if *times == 0 {
            self.canned = None;
        }
        Some(answer)
    }

    /// The mock's current time.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// The clock.
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// Sets a virtual clock to `now`.
    pub fn set_now(&mut self, now: Timestamp) -> Result<(), SystemClockError> {
        match &mut self.clock {
            Clock::Virtual(current) => {
                *current = now;
                Ok(())
            }
            Clock::System => Err(SystemClockError),
        }
    }

    /// Moves a virtual clock by `ms` milliseconds.
    pub fn advance(&mut self, ms: i64) -> Result<Timestamp, SystemClockError> {
        let next = self.now().add_millis(ms);
        self.set_now(next).map(|()| next)
    }

    /// Makes the next `times` answers wait `ms` milliseconds before they are delivered.
    pub fn delay_next(&mut self, ms: u64, times: u32) {
        self.delay = PendingDelay { ms, times };
    }

    /// Back to the starting scenario with no sessions; the id sequence restarts from the
    /// seed (or a new random one). The clock is left as it is.
    pub fn reset(&mut self) {
        let clock = self.clock;
        *self = Mock::new(self.options.clone());
        self.clock = clock;
    }

    /// The user directory.
    pub fn users(&self) -> &[User] {
        self.state.scenario.directory.users()
    }

    /// Every session with its state at the current time, oldest first.
    pub fn sessions(&self) -> Vec<Session> {
        let now = self.now();
        self.state
            .sessions
            .iter_oldest_first()
            .into_iter()
            .filter_map(|record| self.state.render(record, now).ok())
            .collect()
    }

    /// The rules' state (read-only).
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The whole state as versioned JSON (see [`dump`](super::dump)).
    pub fn dump(&self) -> serde_json::Value {
        dump::dump(&self.state, self.clock)
    }

    /// Replaces the state with a dump. A dump that does not read leaves the mock unchanged.
    pub fn restore(&mut self, dump: serde_json::Value) -> Result<(), ScenarioError> {
        let (state, now) = dump::restore(dump)?;
        self.state = state;
        if let (Clock::Virtual(current), Some(now)) = (&mut self.clock, now) {
            *current = now;
        }
        Ok(())
    }
}
