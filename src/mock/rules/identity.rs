//! Impersonation and its revert.

use super::State;
use crate::mock::scenario::canonical_uuid;
use crate::mock::wire::ApiError;
use crate::models::{ErrorMessage, Session};
use crate::time::Timestamp;

/// `impersonate`: the session's user (an admin with an impersonation role) becomes the
/// actor, and `target` becomes the user.
///
/// # Errors
///
/// `404 NOT_FOUND` for an unknown session or target, `400 SESSION_NOT_ENABLED`,
/// `400 SESSION_ALREADY_IMPERSONATED`, `403 ACCESS_DENIED` without an impersonation role,
/// `400 BAD_REQUEST` for a target that is not a UUID or is the admin, `400 USER_NOT_ENABLED`.
pub fn impersonate(
    state: &mut State,
    now: Timestamp,
    id: &str,
    target: &str,
) -> Result<Session, ApiError> {
    let record = state.enabled_session(id, now)?;
    if let Some(actor) = record.actor() {
        return Err(ApiError::new(
            400,
            ErrorMessage::SessionAlreadyImpersonated,
            format!(
                "session `{}` is already impersonating `{}` for `{actor}`; revert it first",
                record.id,
                record.user()
            ),
        ));
    }
    let admin = state.user(record.user())?;
    if !state.scenario.policy.may_impersonate(&admin.legacy_roles) {
        return Err(ApiError::new(
            403,
            ErrorMessage::AccessDenied,
            format!(
                "user `{}` has none of the impersonation roles ({})",
                admin.uuid,
                state.scenario.policy.impersonation_roles.join(", ")
            ),
        ));
    }
    let Some(target_uuid) = canonical_uuid(target) else {
        return Err(ApiError::bad_request(format!(
            "userUuid `{target}` is not a UUID"
        )));
    };
    let Some(target_user) = state.scenario.directory.get(&target_uuid) else {
        return Err(ApiError::not_found(format!(
            "userUuid `{target_uuid}`: no such user"
        )));
    };
    if target_uuid == admin.uuid {
        return Err(ApiError::bad_request(format!(
            "user `{target_uuid}` cannot impersonate themselves"
        )));
    }
    if !target_user.is_enabled() {
        return Err(ApiError::new(
            400,
            ErrorMessage::UserNotEnabled,
            format!("user `{target_uuid}` is {}", target_user.state),
        ));
    }
    let (key, admin_uuid) = (record.id.clone(), admin.uuid.clone());
    state
        .sessions
        .set_identity(&key, target_uuid, Some(admin_uuid));
    state.render(state.session(&key)?, now)
}

/// `revertIdentity`: the actor becomes the user again.
///
/// # Errors
///
/// `404 NOT_FOUND` for an unknown session, `400 SESSION_NOT_IMPERSONATED`.
pub fn revert_identity(state: &mut State, now: Timestamp, id: &str) -> Result<Session, ApiError> {
    let record = state.session(id)?;
    let Some(actor) = record.actor() else {
        return Err(ApiError::new(
            400,
            ErrorMessage::SessionNotImpersonated,
            format!("session `{}` is not impersonating anyone", record.id),
        ));
    };
    let (key, actor) = (record.id.clone(), actor.to_owned());
    state.sessions.set_identity(&key, actor, None);
    state.render(state.session(&key)?, now)
}
