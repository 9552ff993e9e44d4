//! [`execute`]: the one code path every call takes, whichever the transport.

use wasm_bindgen::JsValue;
use web_sys::AbortSignal;

use super::cancel::Cancel;
use super::convert::{self, Options};
use super::transport::{HttpSettings, RawResponse, Transport};
use crate::client::{ApiRequest, ClientError};

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
}

/// A call's own options (`CallOptions` in TypeScript).
#[derive(Default)]
pub(super) struct CallOptions {
    signal: Option<AbortSignal>,
    timeout_ms: Option<u32>,
    headers: Vec<(String, String)>,
}

impl CallOptions {
    /// Reads `{ signal?, timeoutMs?, headers? }`.
    pub(super) fn from_js(value: JsValue) -> Result<Self, ClientError> {
        let Some(options) = Options::new(value, "opts")? else {
            return Ok(CallOptions::default());
        };
        options.known(&["signal", "timeoutMs", "headers"])?;
        Ok(CallOptions {
            signal: options.signal("signal")?,
            timeout_ms: options
                .whole("timeoutMs", MAX_TIMEOUT_MS)?
                .map(|ms| ms as u32),
            headers: options.headers("headers")?,
        })
    }
}

/// Sends `request` and returns the success response; a failure status becomes an
/// `ErrorPayload` error or `UNEXPECTED_STATUS`; a timeout, an abort or a network failure
/// becomes its own code.
pub(super) async fn execute(
    setup: Setup,
    request: ApiRequest,
    options: CallOptions,
) -> Result<RawResponse, ClientError> {
    let cancel = Cancel::new(
        options.timeout_ms.unwrap_or(setup.timeout_ms),
        options.signal,
    )?;
    let mut headers = setup.headers;
    headers.extend(options.headers);
    let signal = cancel.signal();
    let response = cancel
        .run(
            setup
                .transport
                .send(&setup.http, &request, &headers, &signal),
        )
        .await?;
    if (200..300).contains(&response.status) {
        Ok(response)
    } else {
        let called = match setup.transport {
            Transport::Http => request.url(&setup.http.base_url),
            Transport::Mock(_) => format!("the mock's {}", request.target()),
        };
        Err(ClientError::from_failure(
            response.status,
            format!("{} {called}", request.method().as_str()),
            String::from(response.body),
            convert::parse_error_payload,
        ))
    }
}
