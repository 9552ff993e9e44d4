//! From a routed request to a rule and back: decode the inputs, call the rule, encode the
//! answer. The only place that knows both the wire format and the rules.

use super::body::JsonBody;
use super::router::{query_param, Route};
use super::rules::{self, State};
use super::wire::{ApiError, MockRequest, MockResponse};
use crate::models::{SessionPayload, SsoProvider};
use crate::operation::Operation;
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
    let no_content = MockResponse::empty(204);
    Ok(match route.operation {
        CreateSession => {
            let payload = session_payload(&req.body)?;
            MockResponse::json(201, &rules::create_session(state, now, payload)?)
        }
        DeleteAllSessions => {
            rules::delete_all_sessions(state);
            no_content
        }
        DeleteExpiredSessions => {
            rules::delete_expired_sessions(state, now);
            no_content
        }
        DeleteSession => {
            rules::delete_session(state, id)?;
            no_content
        }
        GetSession => {
            state.require_session(id)?;
            let keep_alive = keep_alive(&req.query)?;
            MockResponse::json(200, &rules::get_session(state, now, id, keep_alive)?)
        }
        EnableSession => {
            rules::enable_session(state, now, id)?;
            no_content
        }
        EnableSessionForEquisoftConnect => {
            state.require_session(id)?;
            let disable_oldest = match JsonBody::parse_optional(&req.body)? {
                Some(body) => body.optional_bool("disableOldestSessions")?,
                None => None,
            };
            let disable_oldest = disable_oldest.unwrap_or(false);
            rules::enable_for_equisoft_connect(state, now, id, disable_oldest)?;
            MockResponse::empty(202)
        }
        Impersonate => {
            state.require_session(id)?;
            let target = JsonBody::parse(&req.body)?.string("userUuid")?;
            MockResponse::json(200, &rules::impersonate(state, now, id, &target)?)
        }
        RevertIdentity => MockResponse::json(200, &rules::revert_identity(state, now, id)?),
        GetSessionSsoToken => MockResponse::json(200, &rules::get_sso_token(state, id, token_id)?),
        SetSessionSsoToken => {
            state.require_session(id)?;
            let value = std::str::from_utf8(&req.body)
                .map_err(|_| ApiError::bad_request("the token value is not UTF-8 text"))?;
            rules::set_sso_token(state, id, token_id, value)?;
            MockResponse::empty(200)
        }
        DeleteSessionSsoToken => {
            rules::delete_sso_token(state, id, token_id)?;
            no_content
        }
    })
}

fn keep_alive(query: &str) -> Result<bool, ApiError> {
    match query_param(query, "keepAlive").as_deref() {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(other) => Err(ApiError::bad_request(format!(
            "keepAlive must be `true` or `false`, got `{other}`"
        ))),
    }
}

fn session_payload(body: &[u8]) -> Result<SessionPayload, ApiError> {
    let body = JsonBody::parse(body)?;
    let sso = match body.optional_object("sso")? {
        Some(sso) => Some(SsoProvider {
            provider: sso.string("provider")?,
            identifier: sso.string("identifier")?,
        }),
        None => None,
    };
    Ok(SessionPayload {
        user_uuid: body.string("userUuid")?,
        enable: body.optional_bool("enable")?,
        sso,
        public_computer: body.optional_bool("publicComputer")?,
        mobile_device: body.optional_bool("mobileDevice")?,
        cookie_domain: body.optional_string("cookieDomain")?,
    })
}
