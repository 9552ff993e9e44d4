//! [`Session`], what creates one ([`SessionPayload`]), and [`SsoProvider`].

use serde::{Deserialize, Serialize};

use super::{SessionState, User};
use crate::time::Timestamp;

/// A user session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Session {
    /// The session's identifier (a UUID).
    pub session_id: String,
    /// The state at the time of the answer.
    pub state: SessionState,
    /// When the session was created.
    pub created: Timestamp,
    /// When the session suspends unless kept alive.
    pub suspend: Timestamp,
    /// When the session expires, whatever happens.
    pub expire: Timestamp,
    /// The user the session acts as (the impersonated user while impersonating).
    pub user: User,
    /// Whether the session is enabled for Equisoft/Connect (counted for concurrent access).
    pub enabled_for_equisoft_connect: bool,
    /// Whether the session was created for a mobile device.
    pub mobile: bool,
    /// The domain of the session cookie; absent when it is the current host name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cookie_domain: Option<String>,
    /// While impersonating: the admin who started the impersonation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<User>,
    /// The single sign-on that created the session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso: Option<SsoProvider>,
}

/// What `createSession` sends.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SessionPayload {
    /// The user to create the session for.
    pub user_uuid: String,
    /// Whether the session starts enabled (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable: Option<bool>,
    /// The single sign-on that initiated the session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso: Option<SsoProvider>,
    /// A shared computer: the shorter idle timeout applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_computer: Option<bool>,
    /// A mobile device: the longer lifetime applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_device: Option<bool>,
    /// The cookie's domain; absent means the current host name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cookie_domain: Option<String>,
}

/// Who initiated a single sign-on, and the user's identifier there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SsoProvider {
    /// Who initiated the single sign-on.
    pub provider: String,
    /// The user's external identifier there.
    pub identifier: String,
}
