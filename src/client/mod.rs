//! The client's platform-free half: how each call becomes an HTTP request
//! ([`ApiRequest`]), and what can go wrong ([`ClientError`]).
//!
//! The JS surface (`SessionClient`, in the wasm build) sends these requests through one
//! transport seam: real `fetch`, or the in-process mock. Everything here is plain Rust and
//! tested natively.

mod error;
mod request;

pub use error::{Cause, ClientError, ErrorCode};
pub use request::{
    check_base_url, check_header, ApiRequest, RequestBody, CONTENT_JSON, CONTENT_TEXT,
};
