//! The axum side: one fallback handler turning HTTP into [`MockRequest`] and back.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::Router;

use crate::mock::{control, ApiError, Mock, MockRequest, MockResponse, MAX_BODY_BYTES};

type Shared = Arc<Mutex<Mock>>;

/// The request headers the mock core gets to see.
const FORWARDED_HEADERS: [HeaderName; 2] = [header::CONTENT_TYPE, header::ACCEPT];

/// The server's router: every path goes to the mock.
pub fn app(mock: Shared) -> Router {
    Router::new().fallback(handle).with_state(mock)
}

async fn handle(State(mock): State<Shared>, request: Request) -> Response {
    let started = Instant::now();
    let (parts, body) = request.into_parts();
    let method = parts.method.clone();
    let path = parts.uri.path().to_owned();

    let answer = if method == Method::OPTIONS {
        MockResponse::empty(204)
    } else {
        match to_bytes(body, MAX_BODY_BYTES).await {
            Err(_) => ApiError::body_too_large().into(),
            Ok(bytes) => {
                let request = MockRequest {
                    method: method.as_str().to_owned(),
                    path: path.clone(),
                    query: parts.uri.query().unwrap_or("").to_owned(),
                    headers: forwarded(&parts.headers),
                    body: bytes.to_vec(),
                };
                answer(&mock, &request)
            }
        }
    };
    if answer.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(answer.delay_ms)).await;
    }
    let mut response = to_http(answer);
    cors(
        &parts.headers,
        method == Method::OPTIONS,
        response.headers_mut(),
    );
    println!(
        "{method} {path} {} {:.1}ms",
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
}

fn answer(mock: &Shared, request: &MockRequest) -> MockResponse {
    let Ok(mut mock) = mock.lock() else {
        return ApiError::server_error("the mock's state is poisoned by an earlier panic").into();
    };
    if request.path.starts_with(control::PREFIX) {
        control::handle_control(&mut mock, request)
    } else {
        mock.handle(request)
    }
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

/// Lets a page on any origin call the mock, with credentials; answers preflights.
fn cors(request: &HeaderMap, preflight: bool, response: &mut HeaderMap) {
    let Some(origin) = request.get(header::ORIGIN) else {
        return;
    };
    response.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
    response.insert(
        header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
        HeaderValue::from_static("true"),
    );
    response.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("allow"),
    );
    response.append(header::VARY, HeaderValue::from_static("origin"));
    if preflight {
        response.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, POST, PUT, DELETE, OPTIONS"),
        );
        if let Some(asked) = request.get(header::ACCESS_CONTROL_REQUEST_HEADERS) {
            response.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, asked.clone());
        }
        response.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
    }
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
