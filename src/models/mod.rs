//! The API's models, with the JSON field names of the contract.
//!
//! Decoding is forward compatible: unknown fields are ignored, and an enum value this crate
//! does not know decodes to its `Unknown` variant and re-encodes unchanged. Optional fields
//! are omitted when absent. Date-times are [`Timestamp`](crate::time::Timestamp)s.

mod enums;
mod open_enum;
mod payloads;
mod session;
mod user;

pub use enums::{
    DatabaseState, ErrorMessage, ServiceName, SessionState, UserAgreementState, UserState,
};
pub use payloads::{
    EnableEquisoftConnectPayloadSchema, ErrorPayload, ImpersonatePayload, SsoToken,
};
pub use session::{Session, SessionPayload, SsoProvider};
pub use user::{ServiceAccess, User, UserAgreement, UserServiceAssociation, UserSsoProvider};

#[cfg(test)]
mod tests;
