//! From a routed request to a rule and back: decode the inputs, call the rule, encode the
//! answer. The only place that knows both the wire format and the rules.

use serde::Deserialize;

use super::body::JsonBody;
use super::router::{query_param, Route};
use super::rules::{self, State};
use super::wire::{ApiError, MockRequest, MockResponse};
use crate::models::SessionPayload;
use crate::operation::{Input, Operation};
use crate::schema::{check, Unknown, SESSION_PAYLOAD};
use crate::time::Timestamp;

/// Answers a routed API request from `state` at `now`.
pub(super) fn dispatch(
    state: &mut State,
    now: Timestamp,
    req: &MockRequest,
    route: Route,
) -> MockResponse {
    run(state, now, req, route).unwrap_or_else(MockResponse::from)
}

fn run(
    state: &mut State,
    now: Timestamp,
    req: &MockRequest,
    route: Route,
) -> Result<MockResponse, ApiError> {
    use Operation::*;
    let (id, token_id) = (route.uuid.as_str(), route.token_id.as_str());
    let spec = route.operation.spec();
    // A success answers the table's status: with the rule's model, or with no body.
    let done = MockResponse::empty(spec.status);
    // Inputs are read where the rules need them: a missing session comes before a bad body.
    let payload = || payload(req, spec.input);
    Ok(match route.operation {
        CreateSession => MockResponse::json(
            spec.status,
            &rules::create_session(state, now, session_payload(&req.body)?)?,
        ),
        DeleteAllSessions => {
            rules::delete_all_sessions(state);
            done
        }
        DeleteExpiredSessions => {
            rules::delete_expired_sessions(state, now);
            done
        }
        DeleteSession => {
            rules::delete_session(state, id)?;
            done
        }
        GetSession => {
            state.require_session(id)?;
            let keep_alive = bool_query(&req.query, spec.input)?;
            MockResponse::json(
                spec.status,
                &rules::get_session(state, now, id, keep_alive)?,
            )
        }
        EnableSession => {
            rules::enable_session(state, now, id)?;
            done
        }
        EnableSessionForEquisoftConnect => {
            state.require_session(id)?;
            let disable_oldest = match payload()? {
                Some(body) => body.optional_bool("disableOldestSessions")?,
                None => None,
            };
            rules::enable_for_equisoft_connect(state, now, id, disable_oldest.unwrap_or(false))?;
            done
        }
        Impersonate => {
            state.require_session(id)?;
            let target = required(payload()?)?.string("userUuid")?;
            MockResponse::json(spec.status, &rules::impersonate(state, now, id, &target)?)
        }
        RevertIdentity => MockResponse::json(spec.status, &rules::revert_identity(state, now, id)?),
        GetSessionSsoToken => {
            MockResponse::json(spec.status, &rules::get_sso_token(state, id, token_id)?)
        }
        SetSessionSsoToken => {
            state.require_session(id)?;
            let value = std::str::from_utf8(&req.body)
                .map_err(|_| ApiError::bad_request("the token value is not UTF-8 text"))?;
            rules::set_sso_token(state, id, token_id, value)?;
            done
        }
        DeleteSessionSsoToken => {
            rules::delete_sso_token(state, id, token_id)?;
            done
        }
    })
}

/// The JSON payload `input` describes: parsed when sent (refused when not a JSON object),
/// and refused when missing if the operation requires one. `None` when the operation takes
/// no JSON, or takes it optionally and none was sent.
fn payload(req: &MockRequest, input: Input) -> Result<Option<JsonBody>, ApiError> {
    match input {
        Input::Json { required: true, .. } => JsonBody::parse(&req.body).map(Some),
        Input::Json {
            required: false, ..
        } => JsonBody::parse_optional(&req.body),
        Input::Nothing | Input::Text { .. } | Input::BoolQuery(_) => Ok(None),
    }
}

/// A payload the table says is required (so [`payload`] gave one).
fn required(payload: Option<JsonBody>) -> Result<JsonBody, ApiError> {
    payload.ok_or_else(|| ApiError::bad_request("a JSON payload is required"))
}

/// The boolean query parameter `input` names: absent or `false` is `false`.
fn bool_query(query: &str, input: Input) -> Result<bool, ApiError> {
    let Input::BoolQuery(name) = input else {
        return Ok(false);
    };
    match query_param(query, name).as_deref() {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(other) => Err(ApiError::bad_request(format!(
            "{name} must be `true` or `false`, got `{other}`"
        ))),
    }
}

/// `createSession`'s payload: read by its serde derive, straight from the text when it
/// reads that way (the usual case, and the fast one); otherwise checked against its table,
/// whose error names the field (`` `sso.provider` must be a string, got a number ``).
fn session_payload(body: &[u8]) -> Result<SessionPayload, ApiError> {
    // serde would also read a struct from an array: only an object is tried straight.
    if body.trim_ascii_start().starts_with(b"{") {
        if let Ok(payload) = serde_json::from_slice::<SessionPayload>(body) {
            return Ok(payload);
        }
    }
    let value = JsonBody::parse(body)?.into_value();
    check(&&value, SESSION_PAYLOAD, "", Unknown::Allow)
        .map_err(|err| ApiError::bad_request(format!("`{}` {}", err.path, err.problem)))?;
    SessionPayload::deserialize(value).map_err(|err| ApiError::bad_request(err.to_string()))
}
