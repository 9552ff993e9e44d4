//! The mock core, driven through `Mock::exchange` as every adapter drives it: each endpoint,
//! each status and `ErrorMessage` of CONTRACT.md, the timing rules on a virtual clock,
//! Equisoft/Connect concurrency, impersonation, SSO tokens, dump and restore.
// Test code: an unwrap, a panic or an index that fails is the test failing.
#![allow(
    unreachable_pub,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod support;

mod connect;
mod control;
mod dump;
mod exchange;
mod faults;
mod identity;
mod journal;
mod lifecycle;
mod model;
mod routing;
mod scenario;
mod stored;
mod timing;
mod tokens;
mod wire;
