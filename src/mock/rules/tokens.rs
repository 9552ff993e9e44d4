//! SSO tokens stored on a session.

use super::State;
use crate::mock::wire::ApiError;
use crate::models::SsoToken;

/// The longest token id, in bytes.
pub const MAX_TOKEN_ID_BYTES: usize = 255;
/// The longest token value, in bytes (16 KiB).
pub const MAX_TOKEN_VALUE_BYTES: usize = 16 * 1024;

/// `setSessionSsoToken`: stores (or overwrites) `value` exactly as given.
///
/// # Errors
///
/// `404 NOT_FOUND` for an unknown session, `400 BAD_REQUEST` for an empty token id or a
/// value over [`MAX_TOKEN_VALUE_BYTES`].
pub fn set_sso_token(
    state: &mut State,
    id: &str,
    token_id: &str,
    value: &str,
) -> Result<(), ApiError> {
    let key = state.session_key(id)?;
    if token_id.is_empty() || token_id.len() > MAX_TOKEN_ID_BYTES {
        return Err(ApiError::bad_request(format!(
            "the token id must be 1 to {MAX_TOKEN_ID_BYTES} bytes, got {}",
            token_id.len()
        )));
    }
    if value.is_empty() {
        return Err(ApiError::bad_request(
            "the token value (the request body) is empty",
        ));
    }
    if value.len() > MAX_TOKEN_VALUE_BYTES {
        return Err(ApiError::bad_request(format!(
            "the token value is {} bytes; the limit is {MAX_TOKEN_VALUE_BYTES}",
            value.len()
        )));
    }
    if let Some(record) = state.sessions.get_mut(&key) {
        record.tokens.insert(token_id.to_owned(), value.to_owned());
    }
    Ok(())
}

/// `getSessionSsoToken`.
///
/// # Errors
///
/// `404 NOT_FOUND` for an unknown session or token.
pub fn get_sso_token(state: &State, id: &str, token_id: &str) -> Result<SsoToken, ApiError> {
    let record = state.session(id)?;
    match record.tokens.get(token_id) {
        Some(value) => Ok(SsoToken {
            id: token_id.to_owned(),
            value: value.clone(),
        }),
        None => Err(no_token(&record.id, token_id)),
    }
}

/// `deleteSessionSsoToken`.
///
/// # Errors
///
/// `404 NOT_FOUND` for an unknown session or token.
pub fn delete_sso_token(state: &mut State, id: &str, token_id: &str) -> Result<(), ApiError> {
    let key = state.session_key(id)?;
    let removed = state
        .sessions
        .get_mut(&key)
        .and_then(|record| record.tokens.remove(token_id));
    removed.map(drop).ok_or_else(|| no_token(&key, token_id))
}

fn no_token(session: &str, token_id: &str) -> ApiError {
    ApiError::not_found(format!("session `{session}` has no SSO token `{token_id}`"))
}
