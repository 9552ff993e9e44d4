//! The mock server: an in-memory, stateful implementation of the session API.
//!
//! - [`Mock`] is the entry point: [`Mock::exchange`] takes a [`MockRequest`] and returns an
//!   [`Exchange`] (the [`MockResponse`], the journal entry, whether the state changed), all
//!   plain data, so every adapter (the in-page `SessionApiMock`, the service worker, the Node and
//!   the Rust HTTP servers) answers through the same code.
//! - [`rules`] holds the business rules as plain functions of the state and the time.
//! - [`Clock`] is the mock's own time: the system clock or a virtual one.
//! - [`Scenario`] is the user directory and the timing policy; [`dump`] saves and restores
//!   the whole state; [`stored`] is what a persisted mock writes (the dump, its controls and a
//!   stamp); [`control`] answers the `/__mock/` endpoints; [`access`] says which pages and
//!   hosts a served mock answers; [`namespaces`] keeps a server's isolated mocks by name.
//!
//! - [`value`]: the mock reads and writes JSON with serde_json and its types' serde
//!   derives; the schema checker first names the path of any problem.
//!
//! Nothing here depends on a browser or an async runtime.

pub mod access;
mod body;
pub mod cli;
mod clock;
pub mod control;
pub mod default_scenario;
pub mod dump;
mod engine;
pub mod faults;
mod handlers;
pub mod journal;
pub mod namespaces;
mod rng;
mod router;
pub mod rules;
mod scenario;
mod store;
pub mod stored;
mod uuid;
pub mod value;
mod wire;

pub use access::Access;
pub use clock::Clock;
pub use engine::{Exchange, Mock, MockOptions};
pub use faults::{delay_ms, Fault, Latency, MAX_DELAY_MS};
pub use rng::Rng;
pub use router::{route, Route};
pub use scenario::{canonical_uuid, Directory, Policy, Scenario};
pub use store::{SessionRecord, Store, Tokens};
pub use wire::{ApiError, MockRequest, MockResponse, MAX_BODY_BYTES, MAX_TARGET_BYTES};
