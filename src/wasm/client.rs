//! `SessionClient`: the twelve calls of the session API, as JS sees them.
//!
//! Each method hands its operation and arguments to one `call()`: `prepare` checks and
//! converts the arguments by the operation (a wrong one rejects with `INVALID_ARGUMENT` and
//! sends nothing) into an [`ApiRequest`], and `call::Call` runs
//! it; a call that rejects is told to `onError` middleware. Nothing here panics across the
//! boundary.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::call::{self, Call, CallOptions, Hooks, Setup, DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS};
use super::convert::{self, call_error_to_js, Options};
use super::transport::{settle, HttpSettings, MockHandler, RawResponse, Transport};
use super::typescript::*;
use crate::client::{check_base_url, ApiRequest, ClientError};
use crate::operation::{Input, Operation, Output};

/// A client of the session API. Every method returns a promise that rejects with a
/// `SessionApiError`.
#[wasm_bindgen]
pub struct SessionClient {
    state: Rc<RefCell<ClientState>>,
}

impl std::fmt::Debug for SessionClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionClient")
            .field("is_mock", &self.is_mock())
            .finish_non_exhaustive()
    }
}

struct ClientState {
    setup: Setup,
    mock: Option<MockHandler>,
}

#[wasm_bindgen]
impl SessionClient {
    /// A client. Throws a `SessionApiError` (`INVALID_ARGUMENT`) on bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<ClientOptionsArg>) -> Result<SessionClient, JsValue> {
        Ok(Self::from_options(js(options))?)
    }

    /// Sends a `POST` request to `/sessions`.
    #[wasm_bindgen(js_name = createSession, unchecked_return_type = "Promise<Session>")]
    pub fn create_session(
        &self,
        payload: SessionPayloadArg,
        opts: Option<CallOptionsArg>,
    ) -> Promise {
        self.call(Operation::CreateSession, &[payload.into()], opts)
    }

    /// Sends a `GET` request to `/sessions/{uuid}`, with `?keepAlive=` only when given.
    #[wasm_bindgen(js_name = getSession, unchecked_return_type = "Promise<Session>")]
    pub fn get_session(
        &self,
        uuid: StringArg,
        #[wasm_bindgen(js_name = keepAlive)] keep_alive: Option<BoolArg>,
        opts: Option<CallOptionsArg>,
    ) -> Promise {
        self.call(Operation::GetSession, &[uuid.into(), js(keep_alive)], opts)
    }

    /// Sends a `DELETE` request to `/sessions/{uuid}`.
    #[wasm_bindgen(js_name = deleteSession, unchecked_return_type = "Promise<void>")]
    pub fn delete_session(&self, uuid: StringArg, opts: Option<CallOptionsArg>) -> Promise {
        self.call(Operation::DeleteSession, &[uuid.into()], opts)
    }

    /// Sends a `DELETE` request to `/sessions`.
    #[wasm_bindgen(js_name = deleteAllSessions, unchecked_return_type = "Promise<void>")]
    pub fn delete_all_sessions(&self, opts: Option<CallOptionsArg>) -> Promise {
        self.call(Operation::DeleteAllSessions, &[], opts)
    }

    /// Sends a `DELETE` request to `/sessions/expired`.
    #[wasm_bindgen(js_name = deleteExpiredSessions, unchecked_return_type = "Promise<void>")]
    pub fn delete_expired_sessions(&self, opts: Option<CallOptionsArg>) -> Promise {
        self.call(Operation::DeleteExpiredSessions, &[], opts)
    }

    /// Sends a `POST` request to `/sessions/{uuid}/enable`, with an optional `text/plain` body.
    #[wasm_bindgen(js_name = enableSession, unchecked_return_type = "Promise<void>")]
    pub fn enable_session(
        &self,
        uuid: StringArg,
        body: Option<StringArg>,
        opts: Option<CallOptionsArg>,
    ) -> Promise {
        self.call(Operation::EnableSession, &[uuid.into(), js(body)], opts)
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
        self.call(
            Operation::EnableSessionForEquisoftConnect,
            &[uuid.into(), js(payload)],
            opts,
        )
    }

    /// Sends a `POST` request to `/sessions/{uuid}/impersonate`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Session>")]
    pub fn impersonate(
        &self,
        uuid: StringArg,
        payload: ImpersonatePayloadArg,
        opts: Option<CallOptionsArg>,
    ) -> Promise {
        self.call(Operation::Impersonate, &[uuid.into(), payload.into()], opts)
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
        self.call(Operation::RevertIdentity, &[uuid.into(), js(body)], opts)
    }

    /// Sends a `GET` request to `/sessions/{uuid}/tokens/{tokenId}`.
    #[wasm_bindgen(js_name = getSessionSsoToken, unchecked_return_type = "Promise<SsoToken>")]
    pub fn get_session_sso_token(
        &self,
        uuid: StringArg,
        #[wasm_bindgen(js_name = tokenId)] token_id: StringArg,
        opts: Option<CallOptionsArg>,
    ) -> Promise {
        self.call(
            Operation::GetSessionSsoToken,
            &[uuid.into(), token_id.into()],
            opts,
        )
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
        self.call(
            Operation::SetSessionSsoToken,
            &[uuid.into(), token_id.into(), body.into()],
            opts,
        )
    }

    /// Sends a `DELETE` request to `/sessions/{uuid}/tokens/{tokenId}`.
    #[wasm_bindgen(js_name = deleteSessionSsoToken, unchecked_return_type = "Promise<void>")]
    pub fn delete_session_sso_token(
        &self,
        uuid: StringArg,
        #[wasm_bindgen(js_name = tokenId)] token_id: StringArg,
        opts: Option<CallOptionsArg>,
    ) -> Promise {
        self.call(
            Operation::DeleteSessionSsoToken,
            &[uuid.into(), token_id.into()],
            opts,
        )
    }

    /// Whether calls go to the in-memory mock.
    #[wasm_bindgen(getter, js_name = isMock)]
    pub fn is_mock(&self) -> bool {
        !matches!(self.state.borrow().setup.transport, Transport::Http)
    }
}

#[wasm_bindgen]
impl SessionClient {
    /// Sends calls to `mock` (a `SessionApiMock` from `session-client/mock`), or to the mock
    /// this client used last. The mock's state survives switching back and forth.
    #[wasm_bindgen(js_name = useMock)]
    pub fn use_mock(&self, mock: Option<MockHandlerArg>) -> Result<(), JsValue> {
        let mock = js(mock);
        let chosen = if mock.is_undefined() || mock.is_null() {
            self.state.borrow().mock.clone().ok_or_else(|| {
                convert::invalid(
                    "useMock() needs a SessionApiMock from \"session-client/mock\" the first time",
                )
            })?
        } else {
            mock_handler(&mock, "mock")?
        };
        let mut state = self.state.borrow_mut();
        state.setup.transport = Transport::Mock(chosen.clone());
        state.mock = Some(chosen);
        Ok(())
    }

    /// Sends calls over real HTTP again; the mock keeps its state for a later `useMock()`.
    #[wasm_bindgen(js_name = useHttp)]
    pub fn use_http(&self) {
        self.state.borrow_mut().setup.transport = Transport::Http;
    }

    /// Adds middleware (`{ onRequest?, onResponse?, onError? }`) after the others; returns
    /// the function that removes it. Calls already under way keep the middleware they
    /// started with.
    #[wasm_bindgen(js_name = use, unchecked_return_type = "() => void")]
    pub fn use_middleware(&self, middleware: MiddlewareArg) -> Result<JsValue, JsValue> {
        Ok(self.state.borrow().setup.hooks.add(&middleware.into())?)
    }

    /// The mock this client uses or last used, if any.
    #[wasm_bindgen(getter, unchecked_return_type = "MockHandler | undefined")]
    pub fn mock(&self) -> JsValue {
        self.state
            .borrow()
            .mock
            .as_ref()
            .map_or(JsValue::UNDEFINED, |mock| mock.object().clone())
    }
}

/// `value` as a mock, or `INVALID_ARGUMENT` saying where a mock comes from.
fn mock_handler(value: &JsValue, name: &str) -> Result<MockHandler, ClientError> {
    MockHandler::from_js(value).ok_or_else(|| {
        ClientError::InvalidArgument(format!(
            "`{name}` must be a SessionApiMock from \"session-client/mock\", got {}",
            convert::describe(value)
        ))
    })
}

impl SessionClient {
    fn from_options(value: JsValue) -> Result<SessionClient, ClientError> {
        let options = Options::new(value, "options")?.unwrap_or_else(Options::empty);
        options.known(&[
            "baseUrl",
            "headers",
            "credentials",
            "timeoutMs",
            "mock",
            "fetch",
            "retry",
            "middleware",
        ])?;
        let base_url = options.string("baseUrl")?.unwrap_or_default();
        if !base_url.is_empty() {
            check_base_url(&base_url).map_err(ClientError::InvalidArgument)?;
        }
        // A `headers` function is one of the hooks.
        let headers = match options.get("headers").is_function() {
            true => Vec::new(),
            false => options.headers("headers")?,
        };
        let hooks = Hooks::from_options(options.object())?;
        let timeout_ms = options
            .whole("timeoutMs", MAX_TIMEOUT_MS)?
            .map_or(DEFAULT_TIMEOUT_MS, |ms| ms as u32);
        let credentials = match options.string("credentials")?.as_deref() {
            None | Some("same-origin") => "same-origin",
            Some("omit") => "omit",
            Some("include") => "include",
            Some(other) => {
                return Err(ClientError::InvalidArgument(format!(
                    "`options.credentials` must be \"omit\", \"same-origin\" or \"include\", got \"{other}\""
                )))
            }
        };
        let mock_option = options.get("mock");
        let mock = if mock_option.is_undefined() || mock_option.is_null() {
            None
        } else {
            Some(mock_handler(&mock_option, "options.mock")?)
        };
        let transport = mock.clone().map_or(Transport::Http, Transport::Mock);

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
            hooks,
        };
        Ok(SessionClient {
            state: Rc::new(RefCell::new(ClientState { setup, mock })),
        })
    }

    /// Starts a call: [`prepare`] checks the arguments and builds the request (its error
    /// rejects the promise, nothing is sent); then the one code path runs it. Every method
    /// comes here, so the wasm has one copy of this rather than one per method.
    fn call(
        &self,
        operation: Operation,
        args: &[JsValue],
        opts: Option<CallOptionsArg>,
    ) -> Promise {
        let setup = self.state.borrow().setup.clone();
        let prepared = prepare(operation, args).and_then(|request| {
            let options = CallOptions::from_js(js(opts), &setup.hooks, operation)?;
            Ok((request, options))
        });
        let (request, options) = match prepared {
            Ok(ready) => ready,
            Err(err) => {
                return setup
                    .hooks
                    .reject(&call_error_to_js(&err, Some(operation)), operation)
            }
        };
        let call = Rc::new(Call::new(setup, request, options, operation));
        let (hooks, signal) = call.hooks();
        if hooks.is_undefined() {
            return attempt(call, 1);
        }
        let (hooks, signal) = (hooks.clone(), signal.cloned());
        call::drive(&hooks, operation, signal.as_ref(), move |number| {
            attempt(Rc::clone(&call), number)
        })
    }
}

/// Sends attempt `number` of a call: its promise of the decoded answer or a
/// `SessionApiError`. The transport's promise is read in Rust when it settles (one
/// callback, no Rust future: a call costs one JS promise more than its transport's).
fn attempt(call: Rc<Call>, number: u32) -> Promise {
    let operation = call.operation;
    let to_js = move |err: ClientError| call_error_to_js(&err, Some(operation));
    match call.send(number) {
        Ok((sent, cancel)) => {
            let finish = move |status: Option<u16>, value: JsValue| {
                call.answer(cancel, status, value)
                    .and_then(|response| decode(operation, response))
                    .map_err(to_js)
            };
            type Finish = dyn FnMut(Option<u16>, JsValue) -> Result<JsValue, JsValue>;
            settle(&sent, &Closure::<Finish>::once_into_js(finish))
        }
        Err(err) => Promise::reject(&to_js(err)),
    }
}

/// Checks a method's arguments (`args`: its path parameters in order, then what its
/// [`Input`] names: a payload, a body or `keepAlive`) and builds its request.
fn prepare(operation: Operation, args: &[JsValue]) -> Result<ApiRequest, ClientError> {
    let names = operation.path_params();
    let mut params = Vec::with_capacity(names.len());
    for (name, value) in names.iter().zip(args) {
        params.push(convert::string_arg(value, name)?);
    }
    let params: Vec<&str> = params.iter().map(String::as_str).collect();
    let request = ApiRequest::new(operation, &params)?;
    let extra = args.get(names.len()).cloned().unwrap_or(JsValue::UNDEFINED);
    let absent = extra.is_undefined() || extra.is_null();
    Ok(match operation.spec().input {
        Input::Nothing => request,
        Input::Json {
            required: false, ..
        } if absent => request,
        Input::Json { fields, .. } => {
            request.with_json(convert::payload_json(&extra, fields, "payload")?)
        }
        Input::Text { required: true } => request.with_text(convert::string_arg(&extra, "body")?),
        Input::Text { required: false } => match convert::optional_string_arg(&extra, "body")? {
            Some(text) => request.with_text(text),
            None => request,
        },
        Input::BoolQuery(name) => match convert::optional_bool_arg(&extra, name)? {
            Some(value) => request.with_query(format!("{name}={value}")),
            None => request,
        },
    })
}

/// What a success of `operation` resolves to, from its answer: `undefined`, or the checked
/// JSON of its [`Output`].
fn decode(operation: Operation, response: RawResponse) -> Result<JsValue, ClientError> {
    match operation.spec().output {
        Output::Nothing => Ok(JsValue::UNDEFINED),
        Output::Json { model, shape } => {
            convert::decode(response.status, response.body, shape, model)
        }
    }
}
