//! # session-client
//!
//! A typed client for the Account Service's session API, compiled to WebAssembly, and a
//! faithful in-memory mock of the same API.
//!
//! - [`client`]: each call as an HTTP request, and the client's errors.
//! - [`schema`]: the models as data tables, and the checker that names what is wrong.
//! - [`models`]: every type of the API, forward compatible.
//! - [`operation`]: the twelve endpoints as one table (method, path, name).
//! - [`percent`]: percent-encoding of path segments.
#![cfg_attr(
    feature = "mock",
    doc = "- [`mock`]: the mock server's core: business rules, clock, scenario, dump and restore."
)]
#![cfg_attr(
    not(feature = "mock"),
    doc = "- `mock` (feature `mock`): the mock server's core: business rules, clock, scenario, dump and restore."
)]
//! - [`time`]: RFC 3339 timestamps.
//!
//! Features: `client` (the wasm `SessionClient`: the `session-client` npm module), `mock`
//! (the mock core and, in wasm, `SessionApiMock`: the `session-client/mock` module), `server`
//! (the native HTTP mock server, the `mock-server` binary).
//!
//! ```
//! use session_client::mock::{Clock, Mock, MockOptions, MockRequest};
//! use session_client::mock::default_scenario::ADMIN;
//! use session_client::time::Timestamp;
//!
//! let start = Timestamp::parse("2026-11-28T12:00:00Z").unwrap();
//! let mut mock = Mock::new(MockOptions { clock: Clock::Virtual(start), ..Default::default() });
//! let created = mock.handle(
//!     &MockRequest::new("POST", "/sessions").with_body(format!(r#"{{"userUuid":"{ADMIN}"}}"#)),
//! );
//! assert_eq!(created.status, 201);
//!
//! mock.advance(31 * 60_000); // past the 30-minute idle timeout
//! let session: session_client::models::Session = serde_json::from_slice(&created.body).unwrap();
//! let read = mock.handle(&MockRequest::new("GET", &format!("/sessions/{}", session.session_id)));
//! assert!(String::from_utf8_lossy(&read.body).contains(r#""state":"SUSPENDED""#));
//! ```

// docs.rs builds with every feature and marks what each gated module needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod client;
#[cfg(feature = "mock")]
#[cfg_attr(docsrs, doc(cfg(feature = "mock")))]
pub mod mock;
pub mod models;
pub mod operation;
pub mod percent;
pub mod schema;
#[cfg(feature = "server")]
#[cfg_attr(docsrs, doc(cfg(feature = "server")))]
pub mod server;
pub mod time;
#[cfg(target_arch = "wasm32")]
#[cfg_attr(docsrs, doc(cfg(target_arch = "wasm32")))]
pub mod wasm;

// Talc instead of the default dlmalloc: a few KB smaller in the wasm, and faster.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
