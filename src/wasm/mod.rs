//! The JS surface (wasm32 only): thin `#[wasm_bindgen]` classes over the platform-free
//! client and mock.
//!
//! - [`SessionClient`]: the twelve calls; arguments are checked and converted, then
//!   `call::execute` builds, sends, decodes and maps errors through one code path.
//! - `transport`: the one seam: real `fetch` (gloo-net) or the in-process mock.
//! - `MockServer` (feature `mock`): the in-memory mock, shareable between clients.

mod call;
mod cancel;
mod client;
mod convert;
#[cfg(feature = "mock")]
mod mock_controls;
#[cfg(feature = "mock")]
mod mock_fetch;
#[cfg(feature = "mock")]
mod mock_host;
#[cfg(feature = "mock")]
mod mock_persist;
#[cfg(feature = "mock")]
mod mock_server;
mod transport;
pub mod typescript;

pub use client::SessionClient;
#[cfg(feature = "mock")]
pub use mock_server::MockServer;
