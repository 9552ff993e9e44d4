//! `SessionClient`: the twelve calls of the session API, as JS sees them.
//!
//! Each method checks and converts its arguments (a wrong one rejects with
//! `INVALID_ARGUMENT` and sends nothing), then hands an [`ApiRequest`] to
//! [`call::execute`](super::call::execute). Nothing here panics across the boundary.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;
use web_sys::RequestCredentials;

use super::call::{self, CallOptions, Setup, DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS};
use super::convert::{self, error_to_js, Options};
use super::transport::{HttpSettings, RawResponse, Transport};
use super::typescript::*;
use crate::client::{ApiRequest, ClientError};
use crate::operation::Operation;
use crate::schema;

#[cfg(feature = "mock")]
use super::mock_server::MockServer;

/// A client of the session API. Every method returns a promise that rejects with a
/// `SessionApiError`.
#[wasm_bindgen]
pub struct SessionClient {
    state: Rc<RefCell<ClientState>>,
}

struct ClientState {
    setup: Setup,
    #[cfg(feature = "mock")]
    mock: Option<MockServer>,
}

/// What a successful call resolves to.
enum Answer {
    Nothing,
    Session,
    SsoToken,
}

#[wasm_bindgen]
impl SessionClient {
    /// A client. Throws a `SessionApiError` (`INVALID_ARGUMENT`) on bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<ClientOptionsArg>) -> Result<SessionClient, JsValue> {
        Self::from_options(js(options)).map_err(|err| error_to_js(&err))
    }

    /// Sends a `POST` request to `/sessions`.
    #[wasm_bindgen(js_name = createSession, unchecked_return_type = "Promise<Session>")]
    pub fn create_session(
        &self,
        payload: SessionPayloadArg,
        opts: Option<CallOptionsArg>,
    ) -> Promise {
        self.run(Answer::Session, opts, || {
            let json = convert::payload_json(payload.as_ref(), schema::SESSION_PAYLOAD, "payload")?;
            Ok(ApiRequest::new(Operation::CreateSession, &[])?.with_json(json))
        })
    }

    /// Sends a `GET` request to `/sessions/{uuid}`, with `?keepAlive=` only when given.
    #[wasm_bindgen(js_name = getSession, unchecked_return_type = "Promise<Session>")]
    pub fn get_session(
        &self,
        uuid: StringArg,
        #[wasm_bindgen(js_name = keepAlive)] keep_alive: Option<BoolArg>,
        opts: Option<CallOptionsArg>,
    ) -> Promise {
        self.run(Answer::Session, opts, || {
            let uuid = convert::string_arg(uuid.as_ref(), "uuid")?;
            let request = ApiRequest::new(Operation::GetSession, &[&uuid])?;
            Ok(
                match convert::optional_bool_arg(&js(keep_alive), "keepAlive")? {
                    Some(keep) => request.with_query(format!("keepAlive={keep}")),
                    None => request,
                },
            )
        })
    }

    /// Sends a `DELETE` request to `/sessions/{uuid}`.
    #[wasm_bindgen(js_name = deleteSession, unchecked_return_type = "Promise<void>")]
    pub fn delete_session(&self, uuid: StringArg, opts: Option<CallOptionsArg>) -> Promise {
        self.run(Answer::Nothing, opts, || {
            let uuid = convert::string_arg(uuid.as_ref(), "uuid")?;
            ApiRequest::new(Operation::DeleteSession, &[&uuid])
        })
    }

    /// Sends a `DELETE` request to `/sessions`.
    #[wasm_bindgen(js_name = deleteAllSessions, unchecked_return_type = "Promise<void>")]
    pub fn delete_all_sessions(&self, opts: Option<CallOptionsArg>) -> Promise {
        self.run(Answer::Nothing, opts, || {
            ApiRequest::new(Operation::DeleteAllSessions, &[])
        })
    }

    /// Sends a `DELETE` request to `/sessions/expired`.
    #[wasm_bindgen(js_name = deleteExpiredSessions, unchecked_return_type = "Promise<void>")]
    pub fn delete_expired_sessions(&self, opts: Option<CallOptionsArg>) -> Promise {
        self.run(Answer::Nothing, opts, || {
            ApiRequest::new(Operation::DeleteExpiredSessions, &[])
        })
    }

    /// Sends a `POST` request to `/sessions/{uuid}/enable`, with an optional `text/plain` body.
    #[wasm_bindgen(js_name = enableSession, unchecked_return_type = "Promise<void>")]
    pub fn enable_session(
        &self,
        uuid: StringArg,
        body: Option<StringArg>,
        opts: Option<CallOptionsArg>,
    ) -> Promise {
        self.run(Answer::Nothing, opts, || {
            let uuid = convert::string_arg(uuid.as_ref(), "uuid")?;
            text_body(ApiRequest::new(Operation::EnableSession, &[&uuid])?, body)
        })
    }

    /// Sends a `POST` request to `/sessions/{uuid}/enable/EQUISOFT_CONNECT`, with an optional
    /// JSON body.
    #[wasm_bindgen(
        js_name = enableSessionForEquisoftConnect,
        unchecked_return_type = "Promise<void>"
    )]
    pub fn enable_session_for_equisoft_connect(
        &self,
        uuid: StringArg,
        payload: Option<ConnectPayloadArg>,
        opts: Option<CallOptionsArg>,
    ) -> Promise {
        self.run(Answer::Nothing, opts, || {
            let uuid = convert::string_arg(uuid.as_ref(), "uuid")?;
            let request = ApiRequest::new(Operation::EnableSessionForEquisoftConnect, &[&uuid])?;
            let payload = js(payload);
            if payload.is_undefined() || payload.is_null() {
                return Ok(request);
            }
            let json = convert::payload_json(&payload, schema::CONNECT_PAYLOAD, "payload")?;
            Ok(request.with_json(json))
        })
    }

    /// Sends a `POST` request to `/sessions/{uuid}/impersonate`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Session>")]
    pub fn impersonate(
        &self,
        uuid: StringArg,
        payload: ImpersonatePayloadArg,
        opts: Option<CallOptionsArg>,
    ) -> Promise {
        self.run(Answer::Session, opts, || {
            let uuid = convert::string_arg(uuid.as_ref(), "uuid")?;
            let json =
                convert::payload_json(payload.as_ref(), schema::IMPERSONATE_PAYLOAD, "payload")?;
            Ok(ApiRequest::new(Operation::Impersonate, &[&uuid])?.with_json(json))
        })
    }

    /// Sends a `POST` request to `/sessions/{uuid}/revertIdentity`, with an optional
    /// `text/plain` body.
    #[wasm_bindgen(js_name = revertIdentity, unchecked_return_type = "Promise<Session>")]
    pub fn revert_identity(
        &self,
        uuid: StringArg,
        body: Option<StringArg>,
        opts: Option<CallOptionsArg>,
    ) -> Promise {
        self.run(Answer::Session, opts, || {
            let uuid = convert::string_arg(uuid.as_ref(), "uuid")?;
            text_body(ApiRequest::new(Operation::RevertIdentity, &[&uuid])?, body)
        })
    }

    /// Sends a `GET` request to `/sessions/{uuid}/tokens/{tokenId}`.
    #[wasm_bindgen(js_name = getSessionSsoToken, unchecked_return_type = "Promise<SsoToken>")]
    pub fn get_session_sso_token(
        &self,
        uuid: StringArg,
        #[wasm_bindgen(js_name = tokenId)] token_id: StringArg,
        opts: Option<CallOptionsArg>,
    ) -> Promise {
        self.run(Answer::SsoToken, opts, || {
            token_request(Operation::GetSessionSsoToken, &uuid, &token_id)
        })
    }

    /// Sends a `PUT` request to `/sessions/{uuid}/tokens/{tokenId}` with the token as a
    /// `text/plain` body.
    #[wasm_bindgen(js_name = setSessionSsoToken, unchecked_return_type = "Promise<void>")]
    pub fn set_session_sso_token(
        &self,
        uuid: StringArg,
        #[wasm_bindgen(js_name = tokenId)] token_id: StringArg,
        body: StringArg,
        opts: Option<CallOptionsArg>,
    ) -> Promise {
        self.run(Answer::Nothing, opts, || {
            let request = token_request(Operation::SetSessionSsoToken, &uuid, &token_id)?;
            Ok(request.with_text(convert::string_arg(body.as_ref(), "body")?))
        })
    }

    /// Sends a `DELETE` request to `/sessions/{uuid}/tokens/{tokenId}`.
    #[wasm_bindgen(js_name = deleteSessionSsoToken, unchecked_return_type = "Promise<void>")]
    pub fn delete_session_sso_token(
        &self,
        uuid: StringArg,
        #[wasm_bindgen(js_name = tokenId)] token_id: StringArg,
        opts: Option<CallOptionsArg>,
    ) -> Promise {
        self.run(Answer::Nothing, opts, || {
            token_request(Operation::DeleteSessionSsoToken, &uuid, &token_id)
        })
    }

    /// Whether calls go to the in-memory mock.
    #[wasm_bindgen(getter, js_name = isMock)]
    pub fn is_mock(&self) -> bool {
        !matches!(self.state.borrow().setup.transport, Transport::Http)
    }
}

#[cfg(feature = "mock")]
#[wasm_bindgen]
impl SessionClient {
    /// Sends calls to `mock`, or to this client's mock (made on first use). The mock's
    /// state survives switching back and forth.
    #[wasm_bindgen(js_name = useMock)]
    pub fn use_mock(&self, mock: Option<MockServerArg>) -> Result<(), JsValue> {
        let mock = js(mock);
        let chosen = if mock.is_undefined() || mock.is_null() {
            self.state.borrow().mock.clone().unwrap_or_default()
        } else {
            MockServer::from_js(&mock).ok_or_else(|| {
                convert::invalid(format!(
                    "`mock` must be a MockServer, got {}",
                    convert::describe(&mock)
                ))
            })?
        };
        let mut state = self.state.borrow_mut();
        state.setup.transport = Transport::Mock(chosen.shared());
        state.mock = Some(chosen);
        Ok(())
    }

    /// Sends calls over real HTTP again; the mock keeps its state for a later `useMock()`.
    #[wasm_bindgen(js_name = useHttp)]
    pub fn use_http(&self) {
        self.state.borrow_mut().setup.transport = Transport::Http;
    }

    /// The mock this client uses or last used, if any.
    #[wasm_bindgen(getter)]
    pub fn mock(&self) -> Option<MockServer> {
        self.state.borrow().mock.clone()
    }
}

impl SessionClient {
    fn from_options(value: JsValue) -> Result<SessionClient, ClientError> {
        let options = Options::new(value, "options")?.unwrap_or_else(Options::empty);
        let base_url = options.string("baseUrl")?.unwrap_or_default();
        let headers = options.headers("headers")?;
        let timeout_ms = options
            .whole("timeoutMs", MAX_TIMEOUT_MS)?
            .map_or(DEFAULT_TIMEOUT_MS, |ms| ms as u32);
        let credentials = match options.string("credentials")?.as_deref() {
            None | Some("same-origin") => RequestCredentials::SameOrigin,
            Some("omit") => RequestCredentials::Omit,
            Some("include") => RequestCredentials::Include,
            Some(other) => {
                return Err(ClientError::InvalidArgument(format!(
                    "`options.credentials` must be \"omit\", \"same-origin\" or \"include\", got \"{other}\""
                )))
            }
        };
        let mock_option = options.get("mock");

        #[cfg(feature = "mock")]
        let (transport, mock) = if mock_option.is_undefined()
            || mock_option.is_null()
            || mock_option.as_bool() == Some(false)
        {
            (Transport::Http, None)
        } else if mock_option.as_bool() == Some(true) {
            let mock = MockServer::default();
            (Transport::Mock(mock.shared()), Some(mock))
        } else {
            let mock = MockServer::from_js(&mock_option).ok_or_else(|| {
                ClientError::InvalidArgument(format!(
                    "`options.mock` must be a boolean or a MockServer, got {}",
                    convert::describe(&mock_option)
                ))
            })?;
            (Transport::Mock(mock.shared()), Some(mock))
        };
        #[cfg(not(feature = "mock"))]
        let transport = if mock_option.is_undefined()
            || mock_option.is_null()
            || mock_option.as_bool() == Some(false)
        {
            Transport::Http
        } else {
            return Err(ClientError::InvalidArgument(
                "this build has no mock: import from \"session-client\" rather than \"session-client/client\"".into(),
            ));
        };

        if base_url.is_empty() && matches!(transport, Transport::Http) {
            return Err(ClientError::InvalidArgument(
                "`options.baseUrl` is required unless `options.mock` is set".into(),
            ));
        }
        let setup = Setup {
            transport,
            http: HttpSettings {
                base_url,
                credentials,
            },
            headers,
            timeout_ms,
        };
        Ok(SessionClient {
            state: Rc::new(RefCell::new(ClientState {
                setup,
                #[cfg(feature = "mock")]
                mock,
            })),
        })
    }

    /// Starts a call: `prepare` checks the arguments and builds the request (its error
    /// rejects the promise, nothing is sent); then the one code path runs it.
    fn run(
        &self,
        answer: Answer,
        opts: Option<CallOptionsArg>,
        prepare: impl FnOnce() -> Result<ApiRequest, ClientError>,
    ) -> Promise {
        self.start(answer, opts, prepare())
    }

    /// The part of [`Self::run`] that is the same for every method, kept out of line so the
    /// wasm has one copy of it rather than one per method.
    #[inline(never)]
    fn start(
        &self,
        answer: Answer,
        opts: Option<CallOptionsArg>,
        request: Result<ApiRequest, ClientError>,
    ) -> Promise {
        let prepared = request.and_then(|request| {
            let options = CallOptions::from_js(js(opts))?;
            Ok((request, options))
        });
        let (request, options) = match prepared {
            Ok(ready) => ready,
            Err(err) => return Promise::reject(&error_to_js(&err)),
        };
        let setup = self.state.borrow().setup.clone();
        future_to_promise(async move {
            let response = call::execute(setup, request, options).await;
            response
                .and_then(|response| answer.decode(response))
                .map_err(|err| error_to_js(&err))
        })
    }
}

impl Answer {
    fn decode(self, response: RawResponse) -> Result<JsValue, ClientError> {
        let (fields, what) = match self {
            Answer::Nothing => return Ok(JsValue::UNDEFINED),
            Answer::Session => (schema::SESSION, "session"),
            Answer::SsoToken => (schema::SSO_TOKEN, "ssoToken"),
        };
        convert::decode(response.status, response.body, fields, what)
    }
}

fn text_body(request: ApiRequest, body: Option<StringArg>) -> Result<ApiRequest, ClientError> {
    Ok(match convert::optional_string_arg(&js(body), "body")? {
        Some(text) => request.with_text(text),
        None => request,
    })
}

fn token_request(
    operation: Operation,
    uuid: &StringArg,
    token_id: &StringArg,
) -> Result<ApiRequest, ClientError> {
    let uuid = convert::string_arg(uuid.as_ref(), "uuid")?;
    let token_id = convert::string_arg(token_id.as_ref(), "tokenId")?;
    ApiRequest::new(operation, &[&uuid, &token_id])
}
