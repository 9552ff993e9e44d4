//! Creating, reading, keeping alive, enabling and deleting sessions.

use super::State;
use crate::mock::scenario::canonical_uuid;
use crate::mock::store::SessionRecord;
use crate::mock::wire::ApiError;
use crate::models::{ErrorMessage, Session, SessionPayload, SessionState, UserAgreementState};
use crate::time::Timestamp;

/// `createSession`: checks the user and the cookie domain, then stores a new session.
///
/// # Errors
///
/// `400 BAD_REQUEST` for a `userUuid` that is not a UUID or not a user,
/// `400 USER_NOT_ENABLED`, `400 INVALID_COOKIE_DOMAIN_NAME`, `400 USER_AGREEMENT_REQUESTED`
/// (when enabling).
pub fn create_session(
    state: &mut State,
    now: Timestamp,
    payload: SessionPayload,
) -> Result<Session, ApiError> {
    let Some(user_uuid) = canonical_uuid(&payload.user_uuid) else {
        return Err(ApiError::bad_request(format!(
            "userUuid `{}` is not a UUID",
            payload.user_uuid
        )));
    };
    let Some(user) = state.scenario.directory.get(&user_uuid) else {
        return Err(ApiError::bad_request(format!(
            "userUuid `{user_uuid}`: no such user"
        )));
    };
    if !user.is_enabled() {
        return Err(ApiError::new(
            400,
            ErrorMessage::UserNotEnabled,
            format!("user `{user_uuid}` is {}", user.state),
        ));
    }
    if let Some(domain) = &payload.cookie_domain {
        if !is_valid_cookie_domain(domain) {
            return Err(ApiError::new(
                400,
                ErrorMessage::InvalidCookieDomainName,
                format!("cookieDomain `{domain}` is not a valid host name"),
            ));
        }
    }
    let enable = payload.enable.unwrap_or(true);
    if enable && user.agreement.state == UserAgreementState::Requested {
        return Err(ApiError::new(
            400,
            ErrorMessage::UserAgreementRequested,
            format!("user `{user_uuid}` must accept the user agreement before a session is enabled; create it with enable: false"),
        ));
    }

    let policy = &state.scenario.policy;
    let lifetime = if payload.mobile_device == Some(true) {
        policy.mobile_lifetime_ms
    } else {
        policy.lifetime_ms
    };
    let idle_ms = if payload.public_computer == Some(true) {
        policy.public_idle_timeout_ms
    } else {
        policy.idle_timeout_ms
    };
    let id = state.rng.uuid_v4();
    let mut record = SessionRecord::new(id, user_uuid, now, now.add_millis(lifetime));
    record.idle_ms = idle_ms;
    record.suspend = now.add_millis(idle_ms).min(record.expire());
    record.enabled = enable;
    record.set_given(payload);
    let session = state.render(&record, now)?;
    state.sessions.insert(record);
    Ok(session)
}

/// `getSession`: the session at `now`; with `keep_alive`, a `NEW` or `ENABLED` session's
/// suspension moves to `now + idle` (never past its expiry).
///
/// # Errors
///
/// `404 NOT_FOUND` for an unknown session.
pub fn get_session(
    state: &mut State,
    now: Timestamp,
    id: &str,
    keep_alive: bool,
) -> Result<Session, ApiError> {
    let key = state.session_key(id)?;
    if let Some(record) = state.sessions.get_mut(&key) {
        let alive = matches!(record.state(now), SessionState::New | SessionState::Enabled);
        if keep_alive && alive {
            record.suspend = now.add_millis(record.idle_ms).min(record.expire());
        }
    }
    state.render(state.session(&key)?, now)
}

/// `deleteSession`: removes the session and its SSO tokens.
///
/// # Errors
///
/// `404 NOT_FOUND` for an unknown session.
pub fn delete_session(state: &mut State, id: &str) -> Result<(), ApiError> {
    let key = state.session_key(id)?;
    state.sessions.remove(&key);
    Ok(())
}

/// `deleteAllSessions`: removes every session and token.
pub fn delete_all_sessions(state: &mut State) {
    state.sessions.clear();
}

/// `deleteExpiredSessions`: removes every session with `now >= expire`; returns how many.
pub fn delete_expired_sessions(state: &mut State, now: Timestamp) -> usize {
    state.sessions.remove_expired(now)
}

/// `enableSession`: enables a `NEW` (or already `ENABLED`) session whose user may use it.
///
/// # Errors
///
/// `404 NOT_FOUND` for an unknown session, `400 BAD_REQUEST` for one that is suspended or
/// expired, `400 USER_NOT_ENABLED`, `400 USER_AGREEMENT_REQUESTED`.
pub fn enable_session(state: &mut State, now: Timestamp, id: &str) -> Result<(), ApiError> {
    let record = state.session(id)?;
    let current = record.state(now);
    if matches!(current, SessionState::Suspended | SessionState::Expired) {
        return Err(ApiError::bad_request(format!(
            "session `{}` is {current} and cannot be enabled",
            record.id
        )));
    }
    let user = state.user(record.user())?;
    if !user.is_enabled() {
        return Err(ApiError::new(
            400,
            ErrorMessage::UserNotEnabled,
            format!("user `{}` is {}", user.uuid, user.state),
        ));
    }
    if user.agreement.state == UserAgreementState::Requested {
        return Err(ApiError::new(
            400,
            ErrorMessage::UserAgreementRequested,
            format!("user `{}` has not accepted the user agreement", user.uuid),
        ));
    }
    let key = record.id.clone();
    if let Some(record) = state.sessions.get_mut(&key) {
        record.enabled = true;
    }
    Ok(())
}

/// Whether `domain` is a host name a cookie may be set for: dot-separated labels of 1 to 63
/// letters, digits and hyphens, none starting or ending with a hyphen, an optional leading
/// dot, 253 characters at most.
pub fn is_valid_cookie_domain(domain: &str) -> bool {
    let name = domain.strip_prefix('.').unwrap_or(domain);
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::is_valid_cookie_domain;

    #[test]
    fn cookie_domains() {
        for good in [
            "example.com",
            ".example.com",
            "a",
            "x-1.b2.c",
            &"a".repeat(63),
        ] {
            assert!(is_valid_cookie_domain(good), "refused {good:?}");
        }
        let long = ["abcdefghi"; 26].join(".");
        assert_eq!(long.len(), 259);
        for bad in [
            "",
            ".",
            "..",
            "a..b",
            "-a.com",
            "a-.com",
            "a_b.com",
            "exa mple.com",
            "é.com",
            "a.com.",
            &"a".repeat(64),
            &long,
            "http://a.com",
        ] {
            assert!(!is_valid_cookie_domain(bad), "accepted {bad:?}");
        }
    }
}
