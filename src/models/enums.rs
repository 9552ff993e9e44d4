//! The API's string enums, each forward compatible (see [`open_enum!`](super::open_enum)).

use super::open_enum::open_enum;

open_enum! {
    /// The life-cycle state of a session.
    SessionState {
        /// Created with `enable: false`, not yet enabled.
        New => "NEW",
        /// Usable by first-party applications.
        Enabled => "ENABLED",
        /// Idle for longer than the idle timeout; can no longer be kept alive.
        Suspended => "SUSPENDED",
        /// Past its lifetime.
        Expired => "EXPIRED",
        /// Deleted (never returned by the mock: a deleted session is gone).
        Deleted => "DELETED",
    }
}

open_enum! {
    /// Whether a user account may be used.
    UserState {
        /// The account may sign in.
        Enabled => "ENABLED",
        /// The account is disabled.
        Disabled => "DISABLED",
        /// The account is deleted.
        Deleted => "DELETED",
    }
}

open_enum! {
    /// Where a user stands with the user agreement.
    UserAgreementState {
        /// The user accepted the current agreement.
        Accepted => "ACCEPTED",
        /// The user must accept the agreement before a session can be enabled.
        Requested => "REQUESTED",
    }
}

open_enum! {
    /// A first-party service a user can have access to.
    ServiceName {
        /// Equisoft/Connect (counted for concurrent access).
        EquisoftConnect => "EQUISOFT_CONNECT",
        /// Equisoft/Plan.
        EquisoftPlan => "EQUISOFT_PLAN",
        /// Equisoft/Analyze for advisors.
        EquisoftAnalyzeForAdvisors => "EQUISOFT_ANALYZE_FOR_ADVISORS",
        /// The control panel.
        Cpanel => "CPANEL",
    }
}

open_enum! {
    /// The state of a service's database.
    DatabaseState {
        /// In service.
        Enabled => "ENABLED",
        /// Disabled.
        Disabled => "DISABLED",
        /// Deleted.
        Deleted => "DELETED",
        /// Under maintenance.
        Maintenance => "MAINTENANCE",
    }
}

open_enum! {
    /// The `message` of an [`ErrorPayload`](super::ErrorPayload): what kind of failure it is.
    ErrorMessage {
        /// An unexpected server failure.
        ServerError => "SERVER_ERROR",
        /// The session, user or token does not exist.
        NotFound => "NOT_FOUND",
        /// The request is malformed or not allowed in the current state.
        BadRequest => "BAD_REQUEST",
        /// The caller may not do this.
        AccessDenied => "ACCESS_DENIED",
        /// The request conflicts with the current state.
        Conflict => "CONFLICT",
        /// The user must reset their password.
        PasswordResetRequested => "PASSWORD_RESET_REQUESTED",
        /// The session is already impersonating a user.
        SessionAlreadyImpersonated => "SESSION_ALREADY_IMPERSONATED",
        /// The session is not impersonating anyone.
        SessionNotImpersonated => "SESSION_NOT_IMPERSONATED",
        /// The session is not in the `ENABLED` state.
        SessionNotEnabled => "SESSION_NOT_ENABLED",
        /// The user is disabled or deleted.
        UserNotEnabled => "USER_NOT_ENABLED",
        /// The user must accept the user agreement first.
        UserAgreementRequested => "USER_AGREEMENT_REQUESTED",
        /// Equisoft/Connect's concurrent access limit would be exceeded.
        ConcurrentAccess => "CONCURRENT_ACCESS",
        /// The cookie domain is not a valid host name.
        InvalidCookieDomainName => "INVALID_COOKIE_DOMAIN_NAME",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_use_their_wire_names() {
        for state in SessionState::KNOWN {
            let json = serde_json::to_string(state).unwrap();
            assert_eq!(json, format!("\"{}\"", state.as_str()));
            assert_eq!(&serde_json::from_str::<SessionState>(&json).unwrap(), state);
        }
        assert_eq!(
            serde_json::from_str::<ErrorMessage>("\"CONCURRENT_ACCESS\"").unwrap(),
            ErrorMessage::ConcurrentAccess
        );
    }

    #[test]
    fn unknown_values_survive_a_round_trip() {
        let state: SessionState = serde_json::from_str("\"LOCKED_OUT\"").unwrap();
        assert_eq!(state, SessionState::Unknown("LOCKED_OUT".into()));
        assert!(!state.is_known());
        assert_eq!(serde_json::to_string(&state).unwrap(), "\"LOCKED_OUT\"");
    }

    #[test]
    fn non_strings_are_refused() {
        assert!(serde_json::from_str::<ServiceName>("3").is_err());
        assert!(serde_json::from_str::<ServiceName>("null").is_err());
    }
}
