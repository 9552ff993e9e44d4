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
//! | `POST /__mock/respond` | `{"status": N, "contentType"?: "…", "headers"?: {…}, "body"?: "…", "times"?: K}`: the next K API answers are exactly this |
//! | `GET`/`PUT /__mock/scenario` | the scenario; loading one removes every session |
//! | `POST /__mock/users` | adds a user (scenario JSON, only `uuid` required; `201` with the `User`) |
//! | `PATCH /__mock/users/{uuid}` | changes fields of a user (`200` with the `User`) |
//! | `GET`/`POST`/`DELETE /__mock/faults` | the waiting faults and rate / add a fault for the next call(s) / clear |
//! | `POST /__mock/faults/rate` | `{"probability": P, "fault": {…}}`: a seeded share of calls fail |
//! | `GET`/`PUT /__mock/latency` | `{"ms": N}` or `{"min": A, "max": B}` on every answer |
//! | `GET`/`DELETE /__mock/requests` | the journal (`?reveal=true` shows bodies and token values) / clear it |

use super::body::JsonBody;
use super::engine::Mock;
use super::faults::{Fault, Latency};
use super::json::{Json, ToJson};
use super::wire::{ApiError, MockRequest, MockResponse};
use crate::models::ErrorMessage;
use crate::time::Timestamp;

/// The path prefix of the control endpoints.
pub const PREFIX: &str = "/__mock/";

/// Answers a request under [`PREFIX`].
pub fn handle_control(mock: &mut Mock, req: &MockRequest) -> MockResponse {
    run(mock, req).unwrap_or_else(MockResponse::from)
}

fn run(mock: &mut Mock, req: &MockRequest) -> Result<MockResponse, ApiError> {
    let rest = req.path.strip_prefix(PREFIX).unwrap_or("");
    let segments: Vec<&str> = rest.split('/').collect();
    let (resource, id) = match segments.as_slice() {
        [resource] => (*resource, None),
        ["users", uuid] => ("users/{uuid}", Some(*uuid)),
        ["faults", "rate"] => ("faults/rate", None),
        _ => ("", None),
    };
    let allowed: &[&str] = match resource {
        "reset" | "delay" | "respond" | "faults/rate" => &["POST"],
        "state" => &["GET", "PUT"],
        "users" => &["GET", "POST"],
        "users/{uuid}" => &["PATCH"],
        "scenario" | "latency" => &["GET", "PUT"],
        "clock" => &["GET", "POST"],
        "faults" => &["GET", "POST", "DELETE"],
        "requests" => &["GET", "DELETE"],
        _ => {
            return Err(ApiError::not_found(format!(
                "no control endpoint at {}",
                req.path
            )))
        }
    };
    let refused = |err: crate::schema::SchemaError| ApiError::bad_request(err.to_string());
    let json_value = |body: &[u8]| -> Result<Json, ApiError> {
        Json::parse_bytes(body)
            .map_err(|err| ApiError::bad_request(format!("the body is not JSON: {err}")))
    };
    match (req.method.as_str(), resource) {
        ("POST", "reset") => {
            mock.reset();
            Ok(MockResponse::empty(204))
        }
        ("GET", "state") => Ok(MockResponse::json_text(200, mock.dump_text())),
        ("PUT", "state") => {
            mock.restore(&json_value(&req.body)?).map_err(refused)?;
            Ok(MockResponse::empty(204))
        }
        ("GET", "scenario") => Ok(MockResponse::json(200, &mock.state().scenario.to_value())),
        ("PUT", "scenario") => {
            let scenario = super::Scenario::from_value(&json_value(&req.body)?).map_err(refused)?;
            mock.load_scenario(scenario);
            Ok(MockResponse::empty(204))
        }
        ("GET", "users") => Ok(MockResponse::json(200, mock.users())),
        ("POST", "users") => {
            let user = mock.add_user(json_value(&req.body)?).map_err(refused)?;
            Ok(MockResponse::json(201, &user))
        }
        ("PATCH", "users/{uuid}") => {
            let uuid = crate::percent::decode_lossy(id.unwrap_or_default());
            let user = mock
                .update_user(&uuid, json_value(&req.body)?)
                .map_err(refused)?;
            Ok(MockResponse::json(200, &user))
        }
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
            mock.delay_next(delay_ms(ms)?, times(&body)?);
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
            canned.headers.extend(body.optional_headers("headers")?);
            canned.body = body
                .optional_string("body")?
                .unwrap_or_default()
                .into_bytes();
            mock.respond_next(canned, times(&body)?);
            Ok(MockResponse::empty(204))
        }
        ("GET", "faults") => {
            let (next, rate) = mock.faults().pending();
            let rate = rate.map(|(probability, fault)| {
                Json::object([
                    ("probability", probability.into()),
                    ("fault", fault.to_json()),
                ])
            });
            Ok(MockResponse::json(
                200,
                &Json::object([("next", next.to_json()), ("rate", rate.into())]),
            ))
        }
        ("POST", "faults") => {
            mock.fail_next(fault(&json_value(&req.body)?)?);
            Ok(MockResponse::empty(204))
        }
        ("POST", "faults/rate") => {
            let body = json_value(&req.body)?;
            let probability = body
                .get("probability")
                .and_then(Json::as_f64)
                .filter(|p| (0.0..=1.0).contains(p))
                .ok_or_else(|| {
                    ApiError::bad_request("`probability` must be a number from 0 to 1")
                })?;
            mock.fail_rate(
                probability,
                fault(body.get("fault").unwrap_or(&Json::Null))?,
            );
            Ok(MockResponse::empty(204))
        }
        ("DELETE", "faults") => {
            mock.clear_faults();
            Ok(MockResponse::empty(204))
        }
        ("GET", "latency") => Ok(MockResponse::json(
            200,
            &latency_json(mock.faults().latency()),
        )),
        ("PUT", "latency") => {
            let body = JsonBody::parse(&req.body)?;
            let latency = match (
                body.optional_i64("ms")?,
                body.optional_i64("min")?,
                body.optional_i64("max")?,
            ) {
                (Some(ms), None, None) => Latency::fixed(ms),
                (None, Some(min), Some(max)) => Latency::between(min, max),
                _ => {
                    return Err(ApiError::bad_request(
                        "send `{\"ms\": N}` or `{\"min\": A, \"max\": B}`",
                    ))
                }
            }
            .map_err(ApiError::bad_request)?;
            mock.set_latency(latency);
            Ok(MockResponse::empty(204))
        }
        ("GET", "requests") => {
            let reveal =
                super::router::query_param(&req.query, "reveal").as_deref() == Some("true");
            Ok(MockResponse::json(200, &mock.journal().views(reveal)))
        }
        ("DELETE", "requests") => {
            mock.clear_journal();
            Ok(MockResponse::empty(204))
        }
        (method, _) => Ok(MockResponse::method_not_allowed(method, &req.path, allowed)),
    }
}

/// A fault from JSON, checked (see [`Fault`]).
///
/// # Errors
///
/// `400 BAD_REQUEST` naming the field when the fault does not read or is out of range.
pub fn fault(value: &Json) -> Result<Fault, ApiError> {
    Fault::from_json(value)
        .map_err(|err| ApiError::bad_request(format!("the fault does not read: {err}")))
}

/// The latency as JSON: `{"ms": N}` or `{"min": A, "max": B}`.
pub fn latency_json(latency: Latency) -> Json {
    match latency {
        Latency::None => Json::object([("ms", Json::Int(0))]),
        Latency::Fixed(ms) => Json::object([("ms", ms.into())]),
        Latency::Range(min, max) => Json::object([("min", min.into()), ("max", max.into())]),
    }
}

fn delay_ms(ms: i64) -> Result<u64, ApiError> {
    super::faults::delay_ms(ms).map_err(ApiError::bad_request)
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
        &Json::object([
            ("now", mock.now().to_json()),
            ("clock", mock.clock().kind().into()),
        ]),
    )
}
