//! The mock-control endpoints under `/__mock/` (not part of the API), JSON in and out: one
//! table, [`CONTROLS`], of method, path and function, which the dispatch, the `Allow` header
//! of a `405` and docs/servers.md's table (`tests/mock/control.rs` holds it to this one) read.
//! docs/servers.md, "Control endpoints", says what each does.

use serde_json::json;

use super::body::JsonBody;
use super::engine::Mock;
use super::faults::{Fault, Latency};
use super::value::Value;
use super::wire::{ApiError, MockRequest, MockResponse};
use crate::time::Timestamp;

/// The path prefix of the control endpoints.
pub const PREFIX: &str = "/__mock/";

/// One control endpoint.
#[derive(Debug, Clone, Copy)]
pub struct Control {
    /// The HTTP method.
    pub method: &'static str,
    /// The path under [`PREFIX`]; `{uuid}` stands for one segment.
    pub path: &'static str,
    answer: fn(&mut Mock, &Call<'_>) -> Result<MockResponse, ApiError>,
}

/// A request to a control: what its function reads.
struct Call<'a> {
    req: &'a MockRequest,
    /// The segment `{uuid}` matched, if the path has one.
    id: &'a str,
}

impl Call<'_> {
    /// The body as JSON.
    fn json(&self) -> Result<Value, ApiError> {
        serde_json::from_slice(&self.req.body)
            .map_err(|err| ApiError::bad_request(format!("the body is not JSON: {err}")))
    }

    /// The body as a JSON object, read field by field.
    fn object(&self) -> Result<JsonBody, ApiError> {
        JsonBody::parse(&self.req.body)
    }
}

const fn control(
    method: &'static str,
    path: &'static str,
    answer: fn(&mut Mock, &Call<'_>) -> Result<MockResponse, ApiError>,
) -> Control {
    Control {
        method,
        path,
        answer,
    }
}

fn done() -> Result<MockResponse, ApiError> {
    Ok(MockResponse::empty(204))
}

fn refused(err: crate::schema::SchemaError) -> ApiError {
    ApiError::bad_request(err.to_string())
}

/// Every control endpoint, in docs/servers.md's order; the methods of one path in the order its
/// `Allow` header lists them.
pub const CONTROLS: &[Control] = &[
    control("POST", "reset", |mock, _| {
        mock.reset();
        done()
    }),
    control("GET", "state", |mock, _| {
        Ok(MockResponse::json_text(200, mock.dump_text()))
    }),
    control("PUT", "state", |mock, call| {
        mock.restore_text(&call.req.body).map_err(refused)?;
        done()
    }),
    control("GET", "users", |mock, _| {
        Ok(MockResponse::json(200, mock.users()))
    }),
    control("GET", "sessions", |mock, _| {
        Ok(MockResponse::json(200, &mock.sessions()))
    }),
    control("GET", "clock", |mock, _| Ok(clock_answer(mock))),
    control("POST", "clock", |mock, call| {
        set_clock(mock, &call.object()?)?;
        Ok(clock_answer(mock))
    }),
    control("POST", "delay", |mock, call| {
        let body = call.object()?;
        let ms = body
            .optional_i64("ms")?
            .ok_or_else(|| ApiError::bad_request("`ms` is required"))?;
        mock.delay_next(delay_ms(ms)?, times(&body)?);
        done()
    }),
    control("POST", "respond", |mock, call| {
        let body = call.object()?;
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
        done()
    }),
    control("GET", "scenario", |mock, _| {
        Ok(MockResponse::json(200, &mock.state().scenario.to_value()))
    }),
    control("PUT", "scenario", |mock, call| {
        let scenario = super::Scenario::from_value(&call.json()?).map_err(refused)?;
        mock.load_scenario(scenario);
        done()
    }),
    control("POST", "users", |mock, call| {
        let user = mock.add_user(call.json()?).map_err(refused)?;
        Ok(MockResponse::json(201, &user))
    }),
    control("PATCH", "users/{uuid}", |mock, call| {
        let uuid = crate::percent::decode_lossy(call.id);
        let user = mock.update_user(&uuid, call.json()?).map_err(refused)?;
        Ok(MockResponse::json(200, &user))
    }),
    control("GET", "faults", |mock, _| {
        let (next, rate) = mock.faults().pending();
        let rate =
            rate.map(|(probability, fault)| json!({ "probability": probability, "fault": fault }));
        Ok(MockResponse::json(
            200,
            &json!({ "next": next, "rate": rate }),
        ))
    }),
    control("POST", "faults", |mock, call| {
        mock.fail_next(fault(&call.json()?)?);
        done()
    }),
    control("DELETE", "faults", |mock, _| {
        mock.clear_faults();
        done()
    }),
    control("POST", "faults/rate", |mock, call| {
        let body = call.json()?;
        let given = body.get("probability").unwrap_or(&Value::Null);
        let probability = given
            .as_f64()
            .filter(|p| (0.0..=1.0).contains(p))
            .ok_or_else(|| {
                ApiError::bad_request(format!(
                    "`probability` must be a number from 0 to 1, got {given}"
                ))
            })?;
        mock.fail_rate(
            probability,
            fault(body.get("fault").unwrap_or(&Value::Null))?,
        );
        done()
    }),
    control("GET", "latency", |mock, _| {
        Ok(MockResponse::json(
            200,
            &latency_json(mock.faults().latency()),
        ))
    }),
    control("PUT", "latency", |mock, call| {
        let body = call.object()?;
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
        done()
    }),
    control("GET", "requests", |mock, call| {
        let reveal =
            super::router::query_param(&call.req.query, "reveal").as_deref() == Some("true");
        Ok(MockResponse::json(200, &mock.journal().views(reveal)))
    }),
    control("DELETE", "requests", |mock, _| {
        mock.clear_journal();
        done()
    }),
    // What a tool shows of the mock, read in one request (the mock panel polls it).
    control("GET", "overview", |mock, call| {
        let reveal =
            super::router::query_param(&call.req.query, "reveal").as_deref() == Some("true");
        Ok(MockResponse::json(
            200,
            &json!({
                "now": mock.now(),
                "clock": mock.clock().kind(),
                "sessions": mock.sessions(),
                "users": mock.users(),
                "requests": mock.journal().views(reveal),
            }),
        ))
    }),
];

/// The segment `pattern`'s `{uuid}` matches in `rest` (empty without one), if `rest` is
/// `pattern`'s path.
fn matched<'a>(pattern: &str, rest: &'a str) -> Option<&'a str> {
    let (mut wanted, mut given) = (pattern.split('/'), rest.split('/'));
    let mut id = "";
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => return Some(id),
            (Some("{uuid}"), Some(segment)) => id = segment,
            (Some(literal), Some(segment)) if literal == segment => {}
            _ => return None,
        }
    }
}

/// Answers a request under [`PREFIX`]: its control's answer, `404` for a path no control
/// has, `405` (with `Allow`) for a method the path's controls do not take.
pub fn handle_control(mock: &mut Mock, req: &MockRequest) -> MockResponse {
    let rest = req.path.strip_prefix(PREFIX).unwrap_or("");
    let at_path: Vec<(&Control, &str)> = CONTROLS
        .iter()
        .filter_map(|control| Some((control, matched(control.path, rest)?)))
        .collect();
    if at_path.is_empty() {
        return ApiError::not_found(format!("no control endpoint at {}", req.path)).into();
    }
    match at_path
        .iter()
        .find(|(control, _)| control.method == req.method)
    {
        Some((control, id)) => {
            (control.answer)(mock, &Call { req, id }).unwrap_or_else(MockResponse::from)
        }
        None => {
            let allowed: Vec<&str> = at_path.iter().map(|(control, _)| control.method).collect();
            MockResponse::method_not_allowed(&req.method, &req.path, &allowed)
        }
    }
}

/// A fault from JSON, checked (see [`Fault`]).
///
/// # Errors
///
/// `400 BAD_REQUEST` naming the field when the fault does not read or is out of range.
pub fn fault(value: &Value) -> Result<Fault, ApiError> {
    Fault::from_json(value)
        .map_err(|err| ApiError::bad_request(format!("the fault does not read: {err}")))
}

/// The latency as JSON: `{"ms": N}` or `{"min": A, "max": B}`.
pub fn latency_json(latency: Latency) -> Value {
    match latency {
        Latency::None => json!({ "ms": 0 }),
        Latency::Fixed(ms) => json!({ "ms": ms }),
        Latency::Range(min, max) => json!({ "min": min, "max": max }),
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
    match (
        body.optional_i64("advanceMs")?,
        body.optional_string("now")?,
    ) {
        (Some(ms), None) => {
            let next = mock
                .now()
                .as_millis()
                .checked_add(ms)
                .and_then(|ms| Timestamp::from_millis_checked(ms as f64));
            let next = next.ok_or_else(|| {
                ApiError::bad_request(format!(
                    "`advanceMs` {ms} takes the clock out of the years 0000 to 9999"
                ))
            })?;
            mock.set_now(next);
            Ok(())
        }
        (None, Some(now)) => {
            let now = Timestamp::parse(&now)
                .map_err(|err| ApiError::bad_request(format!("`now`: {err}")))?;
            mock.set_now(now);
            Ok(())
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
