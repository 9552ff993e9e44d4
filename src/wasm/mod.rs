//! The JS surface (wasm32 only): thin `#[wasm_bindgen]` classes over the platform-free
//! client and mock. The package builds it twice, as two wasm modules:
//!
//! - feature `client` (`session-client`, what production ships): `SessionClient`, the
//!   twelve calls; arguments are checked and converted, then `call::Call` builds,
//!   sends, decodes and maps errors through one code path. `transport` is the one seam:
//!   real `fetch` or a mock's `handleRequest`.
//! - feature `mock` (`session-client/mock`, development only): `SessionApiMock`, the
//!   in-memory mock; `handleRequest` is its side of the seam.
//!
//! Both throw the same `SessionApiError` class (`js/session-api-error.js`: one class per
//! JS realm, whichever module's copy defines it first).

#[cfg(feature = "client")]
mod call;
mod cancel;
#[cfg(feature = "client")]
mod client;
mod convert;
#[cfg(feature = "mock")]
mod mock_class;
#[cfg(feature = "mock")]
mod mock_cli;
#[cfg(feature = "mock")]
mod mock_controls;
#[cfg(feature = "mock")]
mod mock_fetch;
#[cfg(feature = "mock")]
mod mock_persist;
#[cfg(feature = "mock")]
mod mock_share;
#[cfg(feature = "mock")]
mod mock_shared;
#[cfg(feature = "client")]
mod transport;
pub mod typescript;

#[cfg(feature = "client")]
pub use client::SessionClient;
#[cfg(feature = "mock")]
pub use mock_class::SessionApiMock;
