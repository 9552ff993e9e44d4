//! Enabling a session for Equisoft/Connect, with its concurrent access limit.

use super::State;
use crate::mock::wire::ApiError;
use crate::models::{ErrorMessage, ServiceName, SessionState};
use crate::time::Timestamp;

/// `enableSessionForEquisoftConnect`.
///
/// The session must be `ENABLED` and its current user must have Equisoft/Connect. When the
/// user's other Connect-enabled `ENABLED` sessions already reach `maxConcurrentAccess`
/// (0 or absent: unlimited), either the oldest of them lose Connect (`disable_oldest`) or
/// the call fails with `CONCURRENT_ACCESS`.
///
/// # Errors
///
/// `404 NOT_FOUND` for an unknown session, `400 SESSION_NOT_ENABLED` for a session that is
/// not `ENABLED`, `400 ACCESS_DENIED` for a user without Equisoft/Connect, `400
/// CONCURRENT_ACCESS` as above.
pub fn enable_for_equisoft_connect(
    state: &mut State,
    now: Timestamp,
    id: &str,
    disable_oldest: bool,
) -> Result<(), ApiError> {
    let record = state.enabled_session(id, now)?;
    let user = state.user(record.user())?;
    let Some(access) = user.service(&ServiceName::EquisoftConnect) else {
        return Err(ApiError::new(
            400,
            ErrorMessage::AccessDenied,
            format!("user `{}` has no EQUISOFT_CONNECT service", user.uuid),
        ));
    };
    let max = access.max_concurrent_access.unwrap_or(0).max(0) as usize;
    let key = record.id.clone();
    let others: Vec<String> = state
        .sessions
        .of_user(record.user())
        .filter(|other| {
            other.id != key && other.connect && other.state(now) == SessionState::Enabled
        })
        .map(|other| other.id.clone())
        .collect();

    if max > 0 && others.len() >= max {
        if !disable_oldest {
            return Err(ApiError::new(
                400,
                ErrorMessage::ConcurrentAccess,
                format!(
                    "user `{}` already has {} Equisoft/Connect session(s), the most allowed is {max}; \
                     send disableOldestSessions: true to disable the oldest",
                    user.uuid,
                    others.len()
                ),
            ));
        }
        let excess = others.len() + 1 - max;
        for oldest in others.iter().take(excess) {
            if let Some(other) = state.sessions.get_mut(oldest) {
                other.connect = false;
            }
        }
    }
    if let Some(record) = state.sessions.get_mut(&key) {
        record.connect = true;
    }
    Ok(())
}
