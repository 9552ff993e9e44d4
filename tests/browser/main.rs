//! Browser tests (headless Chromium through wasm-bindgen-test): the JS surface as a
//! front-end uses it, in mock mode and over real HTTP against `mock-server`.
//!
//! `scripts/test` starts `mock-server --clock virtual --seed 11` on a free port and builds
//! these tests with `MOCK_SERVER_URL` set to it.
// Test code: an unwrap, a panic or an index that fails is the test failing.
#![allow(
    unreachable_pub,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![cfg(target_arch = "wasm32")]

mod support;

mod arguments;
mod bad_input;
mod hooks;
mod http_errors;
mod matrix;
mod mock_tools;
mod modes;
mod parity;
mod persistence;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
