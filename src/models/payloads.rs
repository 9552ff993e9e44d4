//! The small request and response bodies: impersonation, Equisoft/Connect, SSO tokens, errors.

use super::model::model;
use super::ErrorMessage;
use crate::schema::Kind;

model! {
    /// What `impersonate` sends.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct ImpersonatePayload, table IMPERSONATE_PAYLOAD {
        /// The user to impersonate.
        user_uuid "userUuid": String = Kind::Str,
    } optional {
    }
}

model! {
    /// What `enableSessionForEquisoftConnect` may send.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct EnableEquisoftConnectPayloadSchema, table CONNECT_PAYLOAD {
    } optional {
        /// When concurrent access would be exceeded, disable the oldest sessions instead of failing.
        disable_oldest_sessions "disableOldestSessions": bool = Kind::Bool,
    }
}

model! {
    /// A stored single sign-on token. Its `Debug` form hides the value.
    #[derive(Clone, PartialEq, Eq)]
    pub struct SsoToken, table SSO_TOKEN {
        /// The token id of the path.
        id "id": String = Kind::Str,
        /// The value, exactly as stored.
        value "value": String = Kind::Str,
    } optional {
    }
}

impl std::fmt::Debug for SsoToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SsoToken")
            .field("id", &self.id)
            .field("value", &"[redacted]")
            .finish()
    }
}

model! {
    /// The body of every failure.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct ErrorPayload, table ERROR_PAYLOAD {
        /// What kind of failure.
        message "message": ErrorMessage = Kind::Enum,
    } optional {
        /// What was wrong, for a person to read.
        description "description": String = Kind::Str,
    }
}
