//! [`Session`], what creates one ([`SessionPayload`]), and [`SsoProvider`].

use super::model::model;
use super::{SessionState, User, USER};
use crate::schema::Kind;
use crate::time::Timestamp;

model! {
    /// A user session.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Session, table SESSION {
        /// The session's identifier (a UUID).
        session_id "sessionId": String = Kind::Str,
        /// The state at the time of the answer.
        state "state": SessionState = Kind::Enum,
        /// When the session was created.
        created "created": Timestamp = Kind::Time,
        /// When the session suspends unless kept alive.
        suspend "suspend": Timestamp = Kind::Time,
        /// When the session expires, whatever happens.
        expire "expire": Timestamp = Kind::Time,
        /// The user the session acts as (the impersonated user while impersonating).
        user "user": User = Kind::Object(USER),
        /// Whether the session is enabled for Equisoft/Connect (counted for concurrent access).
        enabled_for_equisoft_connect "enabledForEquisoftConnect": bool = Kind::Bool,
        /// Whether the session was created for a mobile device.
        mobile "mobile": bool = Kind::Bool,
    } optional {
        /// The domain of the session cookie; absent when it is the current host name.
        cookie_domain "cookieDomain": String = Kind::Str,
        /// While impersonating: the admin who started the impersonation.
        actor "actor": User = Kind::Object(USER),
        /// The single sign-on that created the session.
        sso "sso": SsoProvider = Kind::Object(SSO_PROVIDER),
    }
}

model! {
    /// What `createSession` sends.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct SessionPayload, table SESSION_PAYLOAD {
        /// The user to create the session for.
        user_uuid "userUuid": String = Kind::Str,
    } optional {
        /// Whether the session starts enabled (default true).
        enable "enable": bool = Kind::Bool,
        /// The single sign-on that initiated the session.
        sso "sso": SsoProvider = Kind::Object(SSO_PROVIDER),
        /// A shared computer: the shorter idle timeout applies.
        public_computer "publicComputer": bool = Kind::Bool,
        /// A mobile device: the longer lifetime applies.
        mobile_device "mobileDevice": bool = Kind::Bool,
        /// The cookie's domain; absent means the current host name.
        cookie_domain "cookieDomain": String = Kind::Str,
    }
}

model! {
    /// Who initiated a single sign-on, and the user's identifier there.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct SsoProvider, table SSO_PROVIDER {
        /// Who initiated the single sign-on.
        provider "provider": String = Kind::Str,
        /// The user's external identifier there.
        identifier "identifier": String = Kind::Str,
    } optional {
    }
}
