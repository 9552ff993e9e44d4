//! The transport seam: the same [`ApiRequest`] goes to real `fetch` (gloo-net) or to the
//! in-process mock. Nothing else differs between the two modes.

#[cfg(feature = "mock")]
use std::rc::Rc;

use gloo_net::http::{Method, RequestBuilder};
use web_sys::{AbortSignal, RequestCredentials};

use crate::client::{ApiRequest, ClientError, CONTENT_JSON};
#[cfg(feature = "mock")]
use crate::mock::MockRequest;

/// A status and a body: all the rest of the client needs from a response.
pub struct RawResponse {
    /// The HTTP status.
    pub status: u16,
    /// The body as text.
    pub body: String,
}

/// The mock as clients share it.
#[cfg(feature = "mock")]
pub type SharedMock = Rc<super::mock_host::MockHost>;

/// Where requests go.
#[derive(Clone)]
pub enum Transport {
    /// Real HTTP through `fetch`.
    Http,
    /// The in-memory mock, in process.
    #[cfg(feature = "mock")]
    Mock(SharedMock),
}

/// The per-client HTTP settings.
#[derive(Clone)]
pub struct HttpSettings {
    /// The API's base URL.
    pub base_url: String,
    /// `fetch`'s credentials mode.
    pub credentials: RequestCredentials,
}

impl Transport {
    /// Sends `request` with `headers`, honouring `signal`.
    pub async fn send(
        &self,
        http: &HttpSettings,
        request: &ApiRequest,
        headers: &[(String, String)],
        signal: &AbortSignal,
    ) -> Result<RawResponse, ClientError> {
        match self {
            Transport::Http => fetch(http, request, headers, signal).await,
            #[cfg(feature = "mock")]
            Transport::Mock(mock) => in_process(mock, request, signal).await,
        }
    }
}

async fn fetch(
    http: &HttpSettings,
    request: &ApiRequest,
    headers: &[(String, String)],
    signal: &AbortSignal,
) -> Result<RawResponse, ClientError> {
    if http.base_url.is_empty() {
        return Err(ClientError::InvalidArgument(
            "this client has no baseUrl: give one to use real HTTP".into(),
        ));
    }
    let method = match request.method() {
        "GET" => Method::GET,
        "POST" => Method::POST,
        "PUT" => Method::PUT,
        _ => Method::DELETE,
    };
    let mut builder = RequestBuilder::new(&request.url(&http.base_url))
        .method(method)
        .credentials(http.credentials)
        .abort_signal(Some(signal))
        .header("Accept", CONTENT_JSON);
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    let built = match &request.body {
        Some(body) => builder
            .header("Content-Type", body.content_type)
            .body(body.text.clone()),
        None => builder.build(),
    };
    let sent = built
        .map_err(|err| ClientError::InvalidArgument(format!("cannot build the request: {err}")))?;
    let response = sent
        .send()
        .await
        .map_err(|err| ClientError::Network(err.to_string()))?;
    let status = response.status();
    let body = response
        .text()
        .await
        .map_err(|err| ClientError::Network(format!("the body did not arrive: {err}")))?;
    Ok(RawResponse { status, body })
}

#[cfg(feature = "mock")]
async fn in_process(
    mock: &SharedMock,
    request: &ApiRequest,
    signal: &AbortSignal,
) -> Result<RawResponse, ClientError> {
    let mut mock_request = MockRequest::new(request.method(), &request.target());
    mock_request
        .headers
        .push(("accept".into(), CONTENT_JSON.into()));
    if let Some(body) = &request.body {
        mock_request
            .headers
            .push(("content-type".into(), body.content_type.into()));
        mock_request.body = body.text.clone().into_bytes();
    }
    let response = mock.answer(&mock_request, Some(signal)).await?;
    Ok(RawResponse {
        status: response.status,
        body: String::from_utf8_lossy(&response.body).into_owned(),
    })
}
