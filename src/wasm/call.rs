//! [`Call::send`] and [`Call::answer`]: the one code path every attempt of a call takes,
//! whichever the transport; and [`Hooks`], the app's code around calls, which decides
//! whether there is another.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

use super::cancel::Cancel;
use super::convert::{self, wrong, Options};
use super::transport::{request_lines, Attempt, HttpSettings, RawResponse, Transport};
use crate::client::{ApiRequest, ClientError};
use crate::operation::Operation;

#[wasm_bindgen(module = "/js/transport.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeHooks, catch)]
    fn make_hooks(options: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = useMiddleware, catch)]
    fn use_middleware(hooks: &JsValue, middleware: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    fn begin(hooks: &JsValue, retry: &JsValue, operation: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = drive)]
    fn drive_js(
        hooks: &JsValue,
        once: Option<Function>,
        operation: &str,
        signal: Option<&AbortSignal>,
        error: &JsValue,
    ) -> Promise;
}

/// A bad option, as `js/transport.js` throws it: `[name, expected, value]` or text.
fn invalid(thrown: JsValue) -> ClientError {
    match thrown.dyn_ref::<Array>() {
        Some(parts) => wrong(
            &parts.get(0).as_string().unwrap_or_default(),
            &parts.get(1).as_string().unwrap_or_default(),
            &parts.get(2),
        ),
        None => ClientError::InvalidArgument(thrown.as_string().unwrap_or_default()),
    }
}

/// The app's code around its client's calls (`js/transport.js`): its `headers` function,
/// `fetch`, middleware and retry policy.
#[derive(Clone)]
pub(super) struct Hooks(JsValue);

impl Hooks {
    /// The hooks in the client's `options`, checked.
    pub(super) fn from_options(options: &JsValue) -> Result<Self, ClientError> {
        make_hooks(options).map(Hooks).map_err(invalid)
    }

    /// Adds middleware after the others; returns its removal.
    pub(super) fn add(&self, middleware: &JsValue) -> Result<JsValue, ClientError> {
        use_middleware(&self.0, middleware).map_err(invalid)
    }

    /// What a call of `operation` starting now keeps of them, with its own `retry`
    /// (`undefined`: the client's); `undefined` when there is nothing to run.
    fn begin(&self, retry: &JsValue, operation: Operation) -> Result<JsValue, ClientError> {
        begin(&self.0, retry, operation.name()).map_err(invalid)
    }

    /// A call that failed before it started, rejecting with `error` once the `onError`
    /// middleware is told.
    pub(super) fn reject(&self, error: &JsValue, operation: Operation) -> Promise {
        drive_js(&self.0, None, operation.name(), None, error)
    }
}

/// A call with `hooks` (a call's): `js/transport.js` calls `once(attempt)` for each
/// attempt, runs the retry policy between them, and tells `onError`.
pub(super) fn drive(
    hooks: &JsValue,
    operation: Operation,
    signal: Option<&AbortSignal>,
    once: impl FnMut(u32) -> Promise + 'static,
) -> Promise {
    let once = Closure::<dyn FnMut(u32) -> Promise>::new(once);
    drive_js(
        hooks,
        Some(once.into_js_value().into()),
        operation.name(),
        signal,
        &JsValue::UNDEFINED,
    )
}

/// The default timeout of a call.
pub(super) const DEFAULT_TIMEOUT_MS: u32 = 30_000;
/// The longest timeout `setTimeout` can wait.
pub(super) const MAX_TIMEOUT_MS: f64 = 2_147_483_647.0;

/// What a call needs from its client, copied when the call starts: toggling the client's
/// mode later does not change a call already under way.
#[derive(Clone)]
pub(super) struct Setup {
    /// Where the request goes.
    pub transport: Transport,
    /// Base URL and credentials.
    pub http: HttpSettings,
    /// Headers sent with every call.
    pub headers: Vec<(String, String)>,
    /// Default timeout (0: none).
    pub timeout_ms: u32,
    /// The app's code around calls.
    pub hooks: Hooks,
}

/// A call's own options (`CallOptions` in TypeScript), and the hooks it runs.
pub(super) struct CallOptions {
    signal: Option<AbortSignal>,
    timeout_ms: Option<u32>,
    headers: Vec<(String, String)>,
    /// The call's hooks (`undefined`: none, the short way).
    hooks: JsValue,
}

impl CallOptions {
    /// Reads `{ signal?, timeoutMs?, headers?, retry? }`, and what the call keeps of
    /// `hooks`.
    pub(super) fn from_js(
        value: JsValue,
        hooks: &Hooks,
        operation: Operation,
    ) -> Result<Self, ClientError> {
        let Some(options) = Options::new(value, "opts")? else {
            return Ok(CallOptions {
                signal: None,
                timeout_ms: None,
                headers: Vec::new(),
                hooks: hooks.begin(&JsValue::UNDEFINED, operation)?,
            });
        };
        options.known(&["signal", "timeoutMs", "headers", "retry"])?;
        Ok(CallOptions {
            signal: options.signal("signal")?,
            timeout_ms: options
                .whole("timeoutMs", MAX_TIMEOUT_MS)?
                .map(|ms| ms as u32),
            headers: options.headers("headers")?,
            hooks: hooks.begin(&options.get("retry"), operation)?,
        })
    }
}

/// A call whose arguments and options were accepted: what each of its attempts sends.
pub(super) struct Call {
    setup: Setup,
    request: ApiRequest,
    options: CallOptions,
    /// Where it goes ([`Transport::address`]): rendered once, as `lines`.
    address: String,
    /// The method, credentials mode, the client's headers, then the call's, as the
    /// transport takes them: rendered once, however many attempts there are.
    lines: String,
    /// The operation called.
    pub operation: Operation,
}

impl Call {
    /// The call of `operation` that sends `request` with `options`, on `setup`.
    pub(super) fn new(
        setup: Setup,
        request: ApiRequest,
        options: CallOptions,
        operation: Operation,
    ) -> Self {
        let address = setup.transport.address(&setup.http, &request);
        let lines = request_lines(
            &request,
            setup.http.credentials,
            [&setup.headers, &options.headers],
        );
        Call {
            setup,
            request,
            options,
            address,
            lines,
            operation,
        }
    }

    /// Its hooks (`undefined`: none, one attempt) and the caller's signal.
    pub(super) fn hooks(&self) -> (&JsValue, Option<&AbortSignal>) {
        (&self.options.hooks, self.options.signal.as_ref())
    }

    /// Sends attempt `number`, with its own timeout: the transport's promise, and the
    /// cancel to read its outcome with ([`Call::answer`]).
    pub(super) fn send(&self, number: u32) -> Result<(Promise, Cancel), ClientError> {
        let Call {
            setup,
            request,
            options,
            address,
            lines,
            ..
        } = self;
        let attempt = Attempt {
            hooks: &options.hooks,
            number,
        };
        let cancel = Cancel::new(
            options.timeout_ms.unwrap_or(setup.timeout_ms),
            options.signal.clone(),
        )?;
        let sent = setup.transport.send(
            &setup.http,
            request,
            address,
            lines,
            &cancel.signal(),
            &attempt,
        )?;
        Ok((sent, cancel))
    }

    /// What an attempt's promise settled to ([`Transport::read`]: a status and body, or
    /// what it rejected with), read: the success response; a failure status becomes an
    /// `ErrorPayload` error or `UNEXPECTED_STATUS`; a timeout, an abort or a network failure
    /// becomes its own code. Ends the attempt's `cancel`.
    pub(super) fn answer(
        &self,
        cancel: Cancel,
        status: Option<u16>,
        value: JsValue,
    ) -> Result<RawResponse, ClientError> {
        let Call {
            setup,
            request,
            address,
            ..
        } = self;
        let response = cancel.outcome(setup.transport.read(address, status, value))?;
        if (200..300).contains(&response.status) {
            return Ok(response);
        }
        let mock = match setup.transport {
            Transport::Http => "",
            Transport::Mock(_) => "the mock's ",
        };
        Err(ClientError::from_failure(
            response.status,
            format!("{} {mock}{address}", request.method().as_str()),
            String::from(response.body),
            convert::parse_error_payload,
        ))
    }
}
