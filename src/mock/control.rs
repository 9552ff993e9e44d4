//! The mock-control endpoints under `/__mock/` (not part of the API), JSON in and out.
//!
//! | endpoint | does |
//! |---|---|
//! | `POST /__mock/reset` | back to the starting scenario, no sessions (`204`) |
//! | `GET /__mock/state` | the [dump](super::dump) |
//! | `PUT /__mock/state` | restores a dump (`204`; `400` naming the bad field, state unchanged) |
//! | `GET /__mock/users` | the user directory, an array of `User` |
//! | `GET /__mock/clock` | `{"now": "<RFC 3339>", "clock": "system" \| "virtual"}` |
//! | `POST /__mock/clock` | `{"advanceMs": N}` or `{"now": "<RFC 3339>"}`; `409` on the system clock |
//! | `POST /__mock/delay` | `{"ms": N, "times": K}`: the next K API answers (default 1) wait N ms |
//! | `POST /__mock/respond` | `{"status": N, "contentType"?: "…", "body"?: "…", "times"?: K}`: the next K API answers are exactly this |

use serde_json::json;

use super::body::JsonBody;
use super::engine::Mock;
use super::wire::{ApiError, MockRequest, MockResponse};
use crate::models::ErrorMessage;
use crate::time::Timestamp;

/// The path prefix of the control endpoints.
pub const PREFIX: &str = "/__mock/";

/// The longest delay `/__mock/delay` accepts (10 minutes).
pub const MAX_DELAY_MS: i64 = 600_000;

/// Answers a request under [`PREFIX`].
pub fn handle_control(mock: &mut Mock, req: &MockRequest) -> MockResponse {
    run(mock, req).unwrap_or_else(MockResponse::from)
}

fn run(mock: &mut Mock, req: &MockRequest) -> Result<MockResponse, ApiError> {
    let name = req.path.strip_prefix(PREFIX).unwrap_or("");
    let allowed: &[&str] = match name {
        "reset" | "delay" | "respond" => &["POST"],
        "state" => &["GET", "PUT"],
        "users" => &["GET"],
        "clock" => &["GET", "POST"],
        _ => {
            return Err(ApiError::not_found(format!(
                "no control endpoint at {}",
                req.path
            )))
        }
    };
    match (req.method.as_str(), name) {
        ("POST", "reset") => {
            mock.reset();
            Ok(MockResponse::empty(204))
        }
        ("GET", "state") => Ok(MockResponse::json(200, &mock.dump())),
        ("PUT", "state") => {
            let dump = serde_json::from_slice(&req.body)
                .map_err(|err| ApiError::bad_request(format!("the dump is not JSON: {err}")))?;
            mock.restore(dump)
                .map_err(|err| ApiError::bad_request(err.to_string()))?;
            Ok(MockResponse::empty(204))
        }
        ("GET", "users") => Ok(MockResponse::json(200, &mock.users())),
        ("GET", "clock") => Ok(clock_answer(mock)),
        ("POST", "clock") => {
            set_clock(mock, &JsonBody::parse(&req.body)?)?;
            Ok(clock_answer(mock))
        }
        ("POST", "delay") => {
            let body = JsonBody::parse(&req.body)?;
            let ms = body
                .optional_i64("ms")?
                .ok_or_else(|| ApiError::bad_request("`ms` is required"))?;
            if !(0..=MAX_DELAY_MS).contains(&ms) {
                return Err(ApiError::bad_request(format!(
                    "`ms` must be between 0 and {MAX_DELAY_MS}, got {ms}"
                )));
            }
            mock.delay_next(ms as u64, times(&body)?);
            Ok(MockResponse::empty(204))
        }
        ("POST", "respond") => {
            let body = JsonBody::parse(&req.body)?;
            let status = body
                .optional_i64("status")?
                .filter(|s| (100..=599).contains(s))
                .ok_or_else(|| {
                    ApiError::bad_request("`status` must be an HTTP status from 100 to 599")
                })?;
            let mut canned = MockResponse::empty(status as u16);
            if let Some(content_type) = body.optional_string("contentType")? {
                canned.headers.push(("content-type".into(), content_type));
            }
            canned.body = body
                .optional_string("body")?
                .unwrap_or_default()
                .into_bytes();
            mock.respond_next(canned, times(&body)?);
            Ok(MockResponse::empty(204))
        }
        (method, _) => {
            let allow = allowed.join(", ");
            let mut response: MockResponse = ApiError::new(
                405,
                ErrorMessage::BadRequest,
                format!("{method} is not allowed on {}; allowed: {allow}", req.path),
            )
            .into();
            response.headers.push(("allow".into(), allow));
            Ok(response)
        }
    }
}

fn times(body: &JsonBody) -> Result<u32, ApiError> {
    let times = body.optional_i64("times")?.unwrap_or(1);
    u32::try_from(times).map_err(|_| {
        ApiError::bad_request(format!("`times` must be a count of answers, got {times}"))
    })
}

fn set_clock(mock: &mut Mock, body: &JsonBody) -> Result<(), ApiError> {
    let conflict = |err: super::engine::SystemClockError| {
        ApiError::new(409, ErrorMessage::Conflict, err.to_string())
    };
    match (
        body.optional_i64("advanceMs")?,
        body.optional_string("now")?,
    ) {
        (Some(ms), None) => mock.advance(ms).map(drop).map_err(conflict),
        (None, Some(now)) => {
            let now = Timestamp::parse(&now)
                .map_err(|err| ApiError::bad_request(format!("`now`: {err}")))?;
            mock.set_now(now).map_err(conflict)
        }
        _ => Err(ApiError::bad_request(
            "send exactly one of `advanceMs` (an integer) or `now` (an RFC 3339 date-time)",
        )),
    }
}

fn clock_answer(mock: &Mock) -> MockResponse {
    MockResponse::json(
        200,
        &json!({ "now": mock.now(), "clock": mock.clock().kind() }),
    )
}
