//! The API's models, with the JSON field names of the contract. Each is declared once with
//! `model!` (`src/models/model.rs`): its struct, serde, TypeScript and field table.
//!
//! Decoding is forward compatible: unknown fields are ignored, and an enum value this crate
//! does not know decodes to its `Unknown` variant and re-encodes unchanged. Optional fields
//! are omitted when absent. Date-times are [`Timestamp`](crate::time::Timestamp)s.

mod enums;
mod model;
mod open_enum;
mod payloads;
mod session;
mod user;

pub use enums::{
    DatabaseState, ErrorMessage, ServiceName, SessionState, UserAgreementState, UserState,
};
pub use payloads::{
    EnableEquisoftConnectPayloadSchema, ErrorPayload, ImpersonatePayload, SsoToken,
    CONNECT_PAYLOAD, ERROR_PAYLOAD, IMPERSONATE_PAYLOAD, SSO_TOKEN,
};
pub use session::{Session, SessionPayload, SsoProvider, SESSION, SESSION_PAYLOAD, SSO_PROVIDER};
pub use user::{
    ServiceAccess, User, UserAgreement, UserServiceAssociation, UserSsoProvider, SERVICE_ACCESS,
    USER, USER_AGREEMENT, USER_SERVICE_ASSOCIATION, USER_SSO_PROVIDER,
};

#[cfg(test)]
mod tests;
