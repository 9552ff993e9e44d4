//! [`Mock`]: the in-memory session API. [`Mock::exchange`] answers a request given as plain
//! data and says what it did ([`Exchange`]); every adapter (the in-page `SessionApiMock`, the
//! service worker, the Node and the Rust HTTP servers) sends its requests there.
//! `SessionApiMock`'s control methods call [`Mock::control`] (a control with no body limit).

use std::sync::Arc;

use super::access::Access;
use super::clock::Clock;
use super::control;
use super::dump;
use super::faults::{Fault, Faults, Latency};
use super::handlers;
use super::journal::{Journal, JournalEntry};
use super::namespaces::Namespaces;
use super::rng::Rng;
use super::router;
use super::rules::State;
use super::scenario::{user_with_defaults, Scenario};
use super::value::{merged, Value};
use super::wire::{ApiError, MockRequest, MockResponse, MAX_BODY_BYTES, MAX_TARGET_BYTES};
use crate::models::{Session, User};
use crate::operation::Operation;
use crate::schema::SchemaError;
use crate::time::Timestamp;

/// How to start a [`Mock`].
#[derive(Debug, Clone)]
pub struct MockOptions {
    /// Users and policy (default: the [built-in scenario](super::default_scenario)).
    pub scenario: Scenario,
    /// Where time comes from (default: the system clock).
    pub clock: Clock,
    /// Makes generated session ids, latency and fault draws deterministic.
    pub seed: Option<u64>,
    /// Latency added to every answer.
    pub latency: Latency,
    /// Whether API calls note what they change, for [`Mock::change_text`] (only a mock
    /// that shares its state with other tabs needs it).
    pub track_changes: bool,
    /// Which pages and hosts may call it (default: all; the HTTP servers keep to loopback
    /// unless told otherwise).
    pub access: Access,
    /// Isolated mocks by name, at most this many ([`Namespaces`]; the HTTP servers keep
    /// them, an in-page mock does not: `None`).
    pub namespaces: Option<usize>,
}

impl Default for MockOptions {
    fn default() -> Self {
        MockOptions {
            scenario: super::default_scenario::default_scenario(),
            clock: Clock::SYSTEM,
            seed: None,
            latency: Latency::None,
            track_changes: false,
            access: Access::open(),
            namespaces: None,
        }
    }
}

/// What one request did: decided once here for every adapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    /// The answer, CORS headers included when the request came with an `Origin` that
    /// [`MockOptions::access`] grants them.
    pub response: MockResponse,
    /// The journal entry an API call made (`None` for controls and preflights): what
    /// `onRequest` listeners receive.
    pub entry: Option<Arc<JournalEntry>>,
    /// Whether the state a persisted mock saves may have changed (sessions, users, policy,
    /// clock, waiting faults and canned answers, latency): adapters write through only then.
    pub changed: bool,
}

impl Exchange {
    /// An answer that changes nothing and goes in no journal (a refusal, a preflight, a
    /// limit, a namespace's list).
    fn answer(response: MockResponse) -> Self {
        Exchange {
            response,
            entry: None,
            changed: false,
        }
    }
}

/// What [`Mock::namespaced`] made of a request.
enum Namespaced {
    /// Another namespace's mock answered it.
    Elsewhere(Exchange),
    /// This mock answers it so.
    Here(MockResponse),
}

/// A body as text (invalid UTF-8 replaced): the fast check first, as bodies almost always
/// are UTF-8.
fn text_of(body: &[u8]) -> String {
    match std::str::from_utf8(body) {
        Ok(text) => text.to_owned(),
        Err(_) => String::from_utf8_lossy(body).into_owned(),
    }
}

/// Whether a successful `operation` with `query` changes the sessions, as its
/// [`Spec`](crate::operation::Spec) says.
fn changes_state(operation: Operation, query: &str) -> bool {
    operation
        .spec()
        .changes_state(|name| router::query_param(query, name).as_deref() == Some("true"))
}

/// The path of the namespaces' list ([`Namespaces::list`]).
const NAMESPACES_PATH: &str = "/__mock/namespaces";

/// The in-memory session API.
#[derive(Debug, Clone)]
pub struct Mock {
    state: State,
    clock: Clock,
    options: MockOptions,
    faults: Faults,
    journal: Journal,
    canned: Option<(MockResponse, u32)>,
    /// The named mocks beside this one, the default namespace (`MockOptions::namespaces`).
    namespaces: Option<Box<Namespaces>>,
    /// The last `Date` said, and the second it says (see [`Self::date`]).
    date_said: (u64, String),
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
        let fault_rng = Rng::seeded(Rng::seeded(rng.state() ^ 0xFA17).next_u64());
        Mock {
            state: State::new(options.scenario.clone(), rng),
            clock: options.clock,
            faults: Faults::new(fault_rng, options.latency),
            journal: Journal::default(),
            namespaces: options
                .namespaces
                .map(|max| Box::new(Namespaces::new(options.clone(), max))),
            options,
            canned: None,
            date_said: (0, String::new()),
        }
    }

    /// Answers one request as every adapter (the in-page `SessionApiMock`, the service worker,
    /// the Node and the Rust HTTP servers) must: see [`Exchange`]. Adapters only carry bytes
    /// and honour [`MockResponse::delay_ms`] and [`MockResponse::network_error`].
    pub fn exchange(&mut self, req: &MockRequest) -> Exchange {
        let mut exchange = if let Some(refusal) = self.options.access.refusal(req) {
            Exchange::answer(refusal.into())
        } else if let Some(namespaced) = self.namespaced(req) {
            match namespaced {
                // Another namespace's mock answered it whole, its headers included.
                Namespaced::Elsewhere(exchange) => return exchange,
                Namespaced::Here(response) => Exchange::answer(response),
            }
        } else if req.method == "OPTIONS" {
            Exchange::answer(MockResponse::empty(204))
        } else if req.target_len() > MAX_TARGET_BYTES {
            Exchange::answer(MockResponse::empty(414))
        } else if req.path.starts_with(control::PREFIX) {
            if req.body.len() > MAX_BODY_BYTES {
                Exchange::answer(ApiError::body_too_large().into())
            } else {
                self.control(req)
            }
        } else {
            self.api(req)
        };
        let headers = &mut exchange.response.headers;
        headers.extend(self.options.access.cors_headers(req));
        if let Some(date) = self.date() {
            headers.push(("date".to_owned(), date));
        }
        exchange
    }

    /// The `Date` of the mock's clock (none before 1970, which HTTP dates cannot say): what
    /// an app's countdown reads the server's time from. Formatted once a second, not once
    /// an answer.
    fn date(&mut self) -> Option<String> {
        let seconds = u64::try_from(self.now().as_millis() / 1000).ok()?;
        if self.date_said.0 != seconds || self.date_said.1.is_empty() {
            let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(seconds);
            self.date_said = (seconds, httpdate::fmt_http_date(at));
        }
        Some(self.date_said.1.clone())
    }

    /// Where a request for a namespace other than this default one goes, and the answer to
    /// the namespaces' own control (`/__mock/namespaces`) or to a bad name; `None` for this
    /// mock's own requests.
    fn namespaced(&mut self, req: &MockRequest) -> Option<Namespaced> {
        let namespaces = self.namespaces.as_mut()?;
        if req.path == NAMESPACES_PATH && req.method != "OPTIONS" {
            return Some(Namespaced::Here(match req.method.as_str() {
                "GET" => namespaces.list(),
                other => MockResponse::method_not_allowed(other, &req.path, &["GET"]),
            }));
        }
        match Namespaces::named(req) {
            Ok(None) => None,
            Ok(Some(name)) => Some(Namespaced::Elsewhere(namespaces.get(name).exchange(req))),
            Err(err) => Some(Namespaced::Here(err.into())),
        }
    }

    /// Whether [`Self::exchange`] of `req` may change the state a persisted mock saves
    /// ([`Exchange::changed`]), told before it runs: a control other than a read, an API
    /// call whose [`Spec`](crate::operation::Spec) changes state, any call while a fault or
    /// canned answer waits. Exact for this state: what says `false` never changes it.
    pub fn may_change(&self, req: &MockRequest) -> bool {
        if req.method == "OPTIONS"
            || req.target_len() > MAX_TARGET_BYTES
            || self.options.access.refusal(req).is_some()
        {
            return false;
        }
        if self.namespaces.is_some() && !matches!(Namespaces::named(req), Ok(None)) {
            return true; // another namespace's state, or a refusal: the safe answer
        }
        if req.path.starts_with(control::PREFIX) {
            return req.method != "GET";
        }
        self.canned.is_some()
            || self.faults.waiting()
            || router::route(&req.method, &req.path)
                .is_ok_and(|route| changes_state(route.operation, &req.query))
    }

    /// A control request (under [`control::PREFIX`]) with no limit on its body:
    /// `SessionApiMock`'s methods come here directly (a dump may be megabytes), requests over
    /// HTTP through [`Self::exchange`]. Reading controls change nothing; every other
    /// successful one may.
    pub fn control(&mut self, req: &MockRequest) -> Exchange {
        let response = control::handle_control(self, req);
        Exchange {
            changed: req.method != "GET" && (200..300).contains(&response.status),
            response,
            entry: None,
        }
    }

    /// Answers one request and returns only the response (see [`Self::exchange`]).
    pub fn handle(&mut self, req: &MockRequest) -> MockResponse {
        self.exchange(req).response
    }

    /// An API request: exactly as the real service would answer (unless a canned answer or
    /// a fault says otherwise), recorded in the journal.
    fn api(&mut self, req: &MockRequest) -> Exchange {
        let now = self.clock.now();
        self.state.sessions.untouch(self.options.track_changes);
        let routed = router::route(&req.method, &req.path);
        let operation = routed.as_ref().ok().map(|route| route.operation);
        // A canned answer replaces everything; otherwise a fault may (and latency does).
        let canned = self.take_canned();
        let used_control = canned.is_some();
        let effect = match canned {
            Some(_) => Default::default(),
            None => self.faults.draw(operation),
        };
        let mut ran_rules = false;
        let mut response = if let Some(canned) = canned {
            canned
        } else if effect.network {
            MockResponse::network_failure()
        } else if let Some(failure) = effect.failure {
            failure
        } else if req.body.len() > MAX_BODY_BYTES {
            ApiError::body_too_large().into()
        } else {
            match routed {
                Ok(route) => {
                    ran_rules = true;
                    handlers::dispatch(&mut self.state, now, req, route)
                }
                Err(refusal) => refusal,
            }
        };
        response.delay_ms += effect.delay_ms;
        let changed = used_control
            || effect.used_waiting
            || ran_rules
                && (200..300).contains(&response.status)
                && operation.is_some_and(|op| changes_state(op, &req.query));
        let path = if req.query.is_empty() {
            req.path.clone()
        } else {
            format!("{}?{}", req.path, req.query)
        };
        let entry = JournalEntry {
            time: now,
            operation,
            method: req.method.clone(),
            path,
            status: response.status,
            duration_ms: response.delay_ms,
            request_body: text_of(&req.body),
            response_body: text_of(&response.body),
        };
        let entry = self.journal.push(entry);
        Exchange {
            response,
            entry: Some(entry),
            changed,
        }
    }

    /// The next matching call(s) get `fault` (see [`Fault`]).
    pub fn fail_next(&mut self, fault: Fault) {
        self.faults.fail_next(fault);
    }

    /// A seeded share `probability` of matching calls get `fault`.
    pub fn fail_rate(&mut self, probability: f64, fault: Fault) {
        self.faults.fail_rate(probability, fault);
    }

    /// Removes every waiting fault and the fault rate.
    pub fn clear_faults(&mut self) {
        self.faults.clear();
    }

    /// The faults and the rate in force.
    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    /// Sets the latency of every answer.
    pub fn set_latency(&mut self, latency: Latency) {
        self.faults.set_latency(latency);
    }

    /// The calls answered so far (the last [`JOURNAL_CAPACITY`](super::journal::JOURNAL_CAPACITY)).
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// Adds a call another mock sharing this one's stored state answered (in another tab);
    /// returns it, shared, for the listeners.
    pub fn record(&mut self, entry: JournalEntry) -> Arc<JournalEntry> {
        self.journal.push(entry)
    }

    /// Forgets the answered calls.
    pub fn clear_journal(&mut self) {
        self.journal.clear();
    }

    /// Replaces the users and policy and removes every session; `reset()` returns to it.
    pub fn load_scenario(&mut self, scenario: Scenario) {
        self.options.scenario = scenario.clone();
        self.state.scenario = scenario;
        self.state.sessions.clear();
    }

    /// Adds a user given as scenario JSON (only `uuid` required). Refused, naming the field,
    /// when it does not read or its UUID is taken; the directory is then unchanged.
    ///
    /// # Errors
    ///
    /// A [`SchemaError`] naming the field when the user does not read, or its UUID is taken.
    pub fn add_user(&mut self, user: Value) -> Result<User, SchemaError> {
        let position = self.users().len();
        let user = user_with_defaults(user, position)?;
        self.state.scenario.directory.push(user).cloned()
    }

    /// Changes the fields of user `uuid` given in `patch` (for example
    /// `{"agreement": {"state": "ACCEPTED"}}` or `{"state": "DISABLED"}`); sessions see the
    /// change at once. Refused, naming the field, when the result does not read.
    ///
    /// # Errors
    ///
    /// A [`SchemaError`] when there is no user `uuid`, the patch is not an object, it
    /// changes the UUID, or the result does not read.
    pub fn update_user(&mut self, uuid: &str, patch: Value) -> Result<User, SchemaError> {
        let users = self.users();
        let found = users
            .iter()
            .enumerate()
            .find(|(_, u)| Some(&u.uuid) == super::canonical_uuid(uuid).as_ref());
        let Some((position, current)) = found else {
            return Err(SchemaError::new("uuid", format!("no user `{uuid}`")));
        };
        if patch.as_object().is_none() {
            return Err(SchemaError::new("", "a patch must be a JSON object"));
        }
        if patch
            .get("uuid")
            .is_some_and(|u| u.as_str() != Some(current.uuid.as_str()))
        {
            return Err(SchemaError::new("uuid", "a user's UUID cannot change"));
        }
        let current =
            serde_json::to_value(current).map_err(|err| SchemaError::new("", err.to_string()))?;
        let updated = user_with_defaults(merged(current, patch), position)?;
        self.state
            .scenario
            .directory
            .replace(position, updated.clone())?;
        Ok(updated)
    }

    /// Makes the next `times` API answers be `response`, whatever the request: a proxy's
    /// HTML error page, a malformed body, a value from a newer server. The state is not
    /// touched by those requests.
    pub fn respond_next(&mut self, response: MockResponse, times: u32) {
        self.canned = (times > 0).then_some((response, times));
    }

    /// The canned answer still to give, and how many times.
    pub fn canned(&self) -> Option<&(MockResponse, u32)> {
        self.canned.as_ref()
    }

    /// Takes `other`'s faults, latency and canned answer (see [`stored`](super::stored));
    /// `None`: none at all.
    pub(super) fn take_controls(&mut self, other: Option<Mock>) {
        match other {
            Some(other) => {
                self.faults.take_controls(other.faults);
                self.canned = other.canned;
            }
            None => {
                self.faults.clear();
                self.faults.set_latency(Latency::None);
                self.canned = None;
            }
        }
    }

    /// The options the mock was made with.
    pub fn options(&self) -> &MockOptions {
        &self.options
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

    /// Sets the clock to `now`: a virtual clock stays there; a system clock runs on from
    /// it in real time ([`Clock::set`]).
    pub fn set_now(&mut self, now: Timestamp) {
        self.clock.set(now);
    }

    /// Moves the clock by `ms` milliseconds; returns the new time.
    pub fn advance(&mut self, ms: i64) -> Timestamp {
        let next = self.now().add_millis(ms);
        self.set_now(next);
        next
    }

    /// Makes the next `times` answers wait `ms` milliseconds before they are delivered.
    pub fn delay_next(&mut self, ms: u64, times: u32) {
        if times > 0 {
            self.faults.fail_next(Fault {
                delay_ms: Some(ms),
                times: Some(times),
                ..Fault::default()
            });
        }
    }

    /// Back to the starting (or last loaded) scenario with no sessions, no faults and an
    /// empty journal; the id sequence restarts from the seed (or a new random one). The
    /// clock and the latency are left as they are.
    pub fn reset(&mut self) {
        let (clock, latency) = (self.clock, self.faults.latency());
        let namespaces = self.namespaces.take();
        *self = Mock::new(self.options.clone());
        self.clock = clock;
        self.faults.set_latency(latency);
        // The other namespaces are not this one's to reset.
        self.namespaces = namespaces;
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

    /// The rules' state, to change (a shared change, see [`stored`](super::stored)).
    pub(super) fn state_mut(&mut self) -> &mut State {
        &mut self.state
    }

    /// The whole state as versioned JSON (see [`dump`](super::dump)).
    pub fn dump(&self) -> Value {
        serde_json::to_value(dump::dump(&self.state, self.clock)).unwrap_or_default()
    }

    /// The dump's text (what [`Self::dump`] writes), written without building the value.
    pub fn dump_text(&self) -> String {
        serde_json::to_string(&self.dump_parts()).unwrap_or_default()
    }

    /// The dump, to serialize.
    pub(super) fn dump_parts(&self) -> dump::Dump<'_> {
        dump::dump(&self.state, self.clock)
    }

    /// The state and controls as a persisted mock stores them, named by `stamp` (see
    /// [`stored`](super::stored)).
    pub fn stored_text(&self, stamp: &str) -> String {
        super::stored::write(self, stamp)
    }

    /// Makes each API call note what it changes, for [`Self::change_text`] (see
    /// [`MockOptions::track_changes`]).
    pub fn track_changes(&mut self) {
        self.options.track_changes = true;
    }

    /// What the last API call changed, as JSON text another copy of the mock that held the
    /// state before the call applies with [`Self::apply_change`] (see
    /// [`stored`](super::stored)); `None` when the call cleared the sessions or changes are
    /// not tracked ([`MockOptions::track_changes`]).
    pub fn change_text(&self) -> Option<String> {
        super::stored::change(self)
    }

    /// Applies what [`Self::change_text`] wrote, on the state as it was before that call.
    ///
    /// # Errors
    ///
    /// A [`SchemaError`] when the text does not read; the mock is then unchanged.
    pub fn apply_change(&mut self, text: &[u8]) -> Result<(), SchemaError> {
        super::stored::apply_change(self, text)
    }

    /// Replaces the state and controls with stored text; returns its stamp (`None` for a
    /// plain dump). Text that does not read leaves the mock unchanged.
    ///
    /// # Errors
    ///
    /// A [`SchemaError`] naming what does not read.
    pub fn restore_stored(&mut self, text: &[u8]) -> Result<Option<String>, SchemaError> {
        super::stored::read(self, text)
    }

    /// Replaces the state with a dump. A dump that does not read leaves the mock unchanged.
    ///
    /// # Errors
    ///
    /// A [`SchemaError`] naming the path of the first problem (see [`dump::restore`]).
    pub fn restore(&mut self, dump: &Value) -> Result<(), SchemaError> {
        let restored = dump::restore(dump)?;
        self.restored(restored);
        Ok(())
    }

    /// [`Self::restore`] from the dump's text, read straight into the state when it reads
    /// (see [`dump::restore_text`]): what `PUT /__mock/state`, `restore()` and stored state
    /// use.
    ///
    /// # Errors
    ///
    /// As [`Self::restore`], or the text is not JSON.
    pub fn restore_text(&mut self, text: &[u8]) -> Result<(), SchemaError> {
        let restored = dump::restore_text(text)?;
        self.restored(restored);
        Ok(())
    }

    /// The restored state, and the dump's clock where it fits this mock's own: a virtual
    /// clock's time, or a system clock's offset.
    fn restored(&mut self, (state, clock): (State, dump::DumpedClock)) {
        self.state = state;
        match (&mut self.clock, clock) {
            (Clock::Virtual(current), dump::DumpedClock { now: Some(now), .. }) => *current = now,
            (
                Clock::System { offset_ms },
                dump::DumpedClock {
                    offset_ms: moved, ..
                },
            ) => {
                *offset_ms = moved.unwrap_or(0);
            }
            (Clock::Virtual(_), dump::DumpedClock { now: None, .. }) => {}
        }
    }
}
