//! The axum side: one fallback handler turning HTTP into [`MockRequest`] and back.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Router;

use crate::mock::{ApiError, Mock, MockRequest, MockResponse, MAX_BODY_BYTES};

type Shared = Arc<Mutex<Mock>>;

/// The request headers the mock core gets to see (it answers CORS from the last two).
const FORWARDED_HEADERS: [HeaderName; 4] = [
    header::CONTENT_TYPE,
    header::ACCEPT,
    header::ORIGIN,
    header::ACCESS_CONTROL_REQUEST_HEADERS,
];

/// The server's router: every path goes to the mock.
pub(super) fn app(mock: Shared) -> Router {
    Router::new().fallback(handle).with_state(mock)
}

/// A thin binding: HTTP in, [`Mock::exchange`], HTTP out, after the answer's delay.
async fn handle(State(mock): State<Shared>, request: Request) -> Response {
    let started = Instant::now();
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_owned();
    // Reading stops one byte past the limit; the core refuses any body over it.
    let body = match to_bytes(body, MAX_BODY_BYTES + 1).await {
        Ok(bytes) => bytes.to_vec(),
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
    to_http(answer)
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

fn to_http(answer: MockResponse) -> Response {
    if answer.network_error {
        return Response::new(Body::new(Broken));
    }
    let mut response = Response::new(Body::from(answer.body));
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
struct Broken;

impl http_body::Body for Broken {
    type Data = axum::body::Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Ready(Some(Err(std::io::Error::other("injected network failure"))))
    }
}
