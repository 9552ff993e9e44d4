//! The small request and response bodies: impersonation, Equisoft/Connect, SSO tokens, errors.

use serde::{Deserialize, Serialize};

use super::ErrorMessage;

/// What `impersonate` sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ImpersonatePayload {
    /// The user to impersonate.
    pub user_uuid: String,
}

/// What `enableSessionForEquisoftConnect` may send.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct EnableEquisoftConnectPayloadSchema {
    /// When concurrent access would be exceeded, disable the oldest sessions instead of failing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_oldest_sessions: Option<bool>,
}

/// A stored single sign-on token. Its `Debug` form hides the value.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SsoToken {
    /// The token id of the path.
    pub id: String,
    /// The value, exactly as stored.
    pub value: String,
}

impl std::fmt::Debug for SsoToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SsoToken")
            .field("id", &self.id)
            .field("value", &"[redacted]")
            .finish()
    }
}

/// The body of every failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ErrorPayload {
    /// What kind of failure.
    pub message: ErrorMessage,
    /// What was wrong, for a person to read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}
