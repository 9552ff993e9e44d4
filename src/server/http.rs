//! The HTTP side: one handler turning a hyper request into a [`MockRequest`] and the
//! core's answer back into a response.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Either, Full, Limited};
use hyper::body::{Bytes, Frame, Incoming};
use hyper::header::{self, HeaderName, HeaderValue};
use hyper::{HeaderMap, Request, Response, StatusCode};

use crate::mock::{ApiError, Mock, MockRequest, MockResponse, MAX_BODY_BYTES};

/// The mock every connection shares.
pub(super) type Shared = Arc<Mutex<Mock>>;

/// A response body: the answer's bytes, or a body that breaks (an injected network failure).
pub(super) type ResponseBody = Either<Full<Bytes>, Broken>;

/// The request headers the mock core gets to see: the body's type, the namespace's name
/// (header or cookie), and what it decides access and CORS from.
const FORWARDED_HEADERS: [HeaderName; 7] = [
    header::CONTENT_TYPE,
    header::ACCEPT,
    HeaderName::from_static(crate::mock::namespaces::HEADER),
    header::COOKIE,
    header::HOST,
    header::ORIGIN,
    header::ACCESS_CONTROL_REQUEST_HEADERS,
];

/// A thin binding: HTTP in, [`Mock::exchange`], HTTP out, after the answer's delay.
pub(super) async fn handle(
    mock: Shared,
    request: Request<Incoming>,
) -> Result<Response<ResponseBody>, Infallible> {
    let started = Instant::now();
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_owned();
    // Reading stops one byte past the limit; the core refuses any body over it.
    let body = match Limited::new(body, MAX_BODY_BYTES + 1).collect().await {
        Ok(collected) => collected.to_bytes().to_vec(),
        Err(_) => vec![0; MAX_BODY_BYTES + 1],
    };
    let request = MockRequest {
        method: parts.method.as_str().to_owned(),
        path: path.clone(),
        query: parts.uri.query().unwrap_or("").to_owned(),
        headers: forwarded(&parts.headers),
        body,
    };
    let answer = match mock.lock() {
        Ok(mut mock) => mock.exchange(&request).response,
        Err(_) => ApiError::server_error("the mock's state is poisoned by an earlier panic").into(),
    };
    if answer.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(answer.delay_ms)).await;
    }
    // The journal's status: 0 for an injected network failure.
    let status = if answer.network_error {
        0
    } else {
        answer.status
    };
    println!(
        "{} {path} {status} {:.1}ms",
        parts.method,
        started.elapsed().as_secs_f64() * 1000.0
    );
    Ok(to_http(answer))
}

fn forwarded(headers: &HeaderMap) -> Vec<(String, String)> {
    FORWARDED_HEADERS
        .iter()
        .filter_map(|name| {
            let value = headers.get(name)?.to_str().ok()?;
            Some((name.as_str().to_owned(), value.to_owned()))
        })
        .collect()
}

fn to_http(answer: MockResponse) -> Response<ResponseBody> {
    if answer.network_error {
        return Response::new(Either::Right(Broken));
    }
    let mut response = Response::new(Either::Left(Full::new(Bytes::from(answer.body))));
    *response.status_mut() =
        StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in answer.headers {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            response.headers_mut().append(name, value);
        }
    }
    response
}

/// A body that fails at once: the connection is dropped mid-answer, which a client sees as
/// a network failure (an injected `network` fault).
#[derive(Debug)]
pub(super) struct Broken;

impl http_body::Body for Broken {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Ready(Some(Err(std::io::Error::other("injected network failure"))))
    }
}
