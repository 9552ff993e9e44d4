//! Injected trouble: [`Fault`]s (an error answer, a network failure, a delay) for the next
//! matching calls or a seeded share of them, and [`Latency`] on every answer.
//!
//! Random draws come from the mock's own seeded generator, so a run with faults and
//! latency can be replayed exactly.

use serde::{Deserialize, Serialize};

use super::rng::Rng;
use super::value::{pairs_as_object, read, Value};
use super::wire::{ApiError, MockResponse};
use crate::client::check_header;
use crate::models::ErrorMessage;
use crate::operation::Operation;
use crate::schema::{check, opt, Field, Kind, SchemaError, Unknown};

/// What a fault does to a call it matches. As JSON (`GET /__mock/faults`), the fields it
/// has, in camelCase.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    /// Only calls of this operation (its API name, such as `getSession`); any when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// Answer with this status and an `ErrorPayload` (default 500 when `code` is given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The payload's `message` (default from the status: 404 `NOT_FOUND`, 500 `SERVER_ERROR`...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The payload's `description` (default: "injected fault").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Headers of the failure answer (`Retry-After`, say); only with `status` or `code`.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "pairs_as_object"
    )]
    pub headers: Vec<(String, String)>,
    /// No answer at all: the client sees a network failure.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub network: bool,
    /// Wait this long before answering (alone: the real answer, late).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
    /// How many matching calls it affects (`failNext` only; default 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
}

/// A fault as given, once [`FAULT`] has checked it: read by serde, then ranged.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Given {
    operation: Option<String>,
    status: Option<i64>,
    code: Option<String>,
    description: Option<String>,
    headers: Option<serde_json::Map<String, Value>>,
    network: Option<bool>,
    delay_ms: Option<i64>,
    times: Option<i64>,
}

/// What a fault makes of one call.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Effect {
    /// Extra wait before the answer.
    pub delay_ms: u64,
    /// Replace the answer with this failure, an `ErrorPayload` with the fault's headers
    /// (the rules are not run).
    pub failure: Option<MockResponse>,
    /// Drop the answer: a network failure (the rules are not run).
    pub network: bool,
    /// Whether a waiting fault was used up (the faults a persisted mock stores changed).
    pub used_waiting: bool,
}

/// The fields of a fault's JSON (`delayMs` for `delay_ms`; all optional).
const FAULT: &[Field] = &[
    opt("operation", Kind::Str),
    opt("status", Kind::Int),
    opt("code", Kind::Str),
    opt("description", Kind::Str),
    opt("headers", Kind::Map(&Kind::Str)),
    opt("network", Kind::Bool),
    opt("delayMs", Kind::Int),
    opt("times", Kind::Int),
];

impl Fault {
    /// Reads and checks a fault given as JSON; the error names the field that is wrong.
    ///
    /// # Errors
    ///
    /// The field that is wrong and why: an unknown field, a wrong type, a status that is not
    /// an error, a delay out of range.
    pub fn from_json(value: &Value) -> Result<Fault, SchemaError> {
        check(&value, FAULT, "", Unknown::Refuse)?;
        let given: Given =
            read(value.clone()).map_err(|err| SchemaError::new("", err.to_string()))?;
        let ranged = |name: &str, n: Option<i64>, max: i64| -> Result<Option<i64>, SchemaError> {
            match n {
                Some(n) if !(0..=max).contains(&n) => Err(SchemaError::new(
                    name,
                    format!("{n} is out of range (0 to {max})"),
                )),
                n => Ok(n),
            }
        };
        let status = ranged("status", given.status, 999)?.map(|n| n as u16);
        let delay = given.delay_ms.map(delay_ms).transpose();
        let delay_ms = delay.map_err(|err| SchemaError::new("delayMs", err))?;
        let times = ranged("times", given.times, u32::MAX.into())?.map(|n| n as u32);
        let headers = given.headers.unwrap_or_default().into_iter();
        let fault = Fault {
            operation: given.operation,
            status,
            code: given.code,
            description: given.description,
            headers: headers
                .map(|(name, value)| (name, value.as_str().unwrap_or_default().to_owned()))
                .collect(),
            network: given.network.unwrap_or_default(),
            delay_ms,
            times,
        };
        fault.validate()?;
        Ok(fault)
    }

    /// Checks a fault given from outside; the error says which field is wrong.
    ///
    /// # Errors
    ///
    /// The field that is wrong and why.
    pub fn validate(&self) -> Result<(), SchemaError> {
        if let Some(name) = &self.operation {
            if Operation::from_name(name).is_none() {
                return Err(SchemaError::new(
                    "operation",
                    format!("`{name}` is not an operation of the API"),
                ));
            }
        }
        if let Some(status) = self.status {
            if !(400..=599).contains(&status) {
                return Err(SchemaError::new(
                    "status",
                    format!("{status} is not a failure status (400 to 599)"),
                ));
            }
        }
        for (name, value) in &self.headers {
            check_header(name, value)
                .map_err(|why| SchemaError::new(format!("headers.{name}"), why))?;
        }
        let answers = self.status.is_some() || self.code.is_some();
        if !self.headers.is_empty() && !answers {
            return Err(SchemaError::new(
                "headers",
                "only a failure answer (`status` or `code`) has headers",
            ));
        }
        if self.network && answers {
            return Err(SchemaError::new(
                "network",
                "a network failure has no status or code",
            ));
        }
        if self.times == Some(0) {
            return Err(SchemaError::new("times", "must be at least 1"));
        }
        Ok(())
    }

    fn matches(&self, operation: Option<Operation>) -> bool {
        match (&self.operation, operation) {
            (None, _) => true,
            (Some(name), Some(op)) => op.name() == name,
            (Some(_), None) => false,
        }
    }

    fn effect(&self) -> Effect {
        let failure = (self.status.is_some() || self.code.is_some()).then(|| {
            let status = self.status.unwrap_or(500);
            let message = match &self.code {
                Some(code) => ErrorMessage::from(code.as_str()),
                None => default_message(status),
            };
            let description = self
                .description
                .clone()
                .unwrap_or_else(|| "injected fault".into());
            let mut failure = MockResponse::from(ApiError::new(status, message, description));
            failure.headers.extend(self.headers.iter().cloned());
            failure
        });
        Effect {
            delay_ms: self.delay_ms.unwrap_or(0),
            failure,
            network: self.network,
            used_waiting: false,
        }
    }
}

fn default_message(status: u16) -> ErrorMessage {
    match status {
        400 => ErrorMessage::BadRequest,
        401 | 403 => ErrorMessage::AccessDenied,
        404 => ErrorMessage::NotFound,
        409 => ErrorMessage::Conflict,
        _ => ErrorMessage::ServerError,
    }
}

/// The longest wait the mock accepts anywhere: latency, an injected delay, a
/// `/__mock/delay` (10 minutes).
pub const MAX_DELAY_MS: u64 = 600_000;

/// `ms` as a wait, checked against [`MAX_DELAY_MS`]: the one place every delay and latency
/// (from JS, the command line or a control endpoint) is bounded.
///
/// # Errors
/// A negative wait or one over [`MAX_DELAY_MS`], with the number in the message.
pub fn delay_ms(ms: i64) -> Result<u64, String> {
    u64::try_from(ms)
        .ok()
        .filter(|ms| *ms <= MAX_DELAY_MS)
        .ok_or_else(|| format!("a delay must be from 0 to {MAX_DELAY_MS} ms, got {ms}"))
}

/// Latency added to every answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Latency {
    /// Answers come at once (still asynchronously).
    #[default]
    None,
    /// Every answer waits this many milliseconds.
    Fixed(u64),
    /// Every answer waits a seeded random time in `min..=max` milliseconds.
    Range(u64, u64),
}

impl Latency {
    /// A fixed latency of `ms` (0: none), bounded by [`MAX_DELAY_MS`].
    ///
    /// # Errors
    /// See [`delay_ms`].
    pub fn fixed(ms: i64) -> Result<Latency, String> {
        Ok(match delay_ms(ms)? {
            0 => Latency::None,
            ms => Latency::Fixed(ms),
        })
    }

    /// A seeded random latency between `a` and `b`, given in either order, each bounded by
    /// [`MAX_DELAY_MS`]; equal bounds give a fixed latency.
    ///
    /// # Errors
    /// See [`delay_ms`].
    pub fn between(a: i64, b: i64) -> Result<Latency, String> {
        let (a, b) = (delay_ms(a)?, delay_ms(b)?);
        Ok(match (a.min(b), a.max(b)) {
            (min, max) if min == max => Latency::fixed(min as i64)?,
            (min, max) => Latency::Range(min, max),
        })
    }
}

/// The faults waiting for calls, and the random share.
#[derive(Debug, Clone)]
pub struct Faults {
    queue: Vec<(Fault, u32)>,
    rate: Option<(f64, Fault)>,
    latency: Latency,
    rng: Rng,
}

impl Faults {
    /// No faults, no latency; draws from `rng`.
    pub fn new(rng: Rng, latency: Latency) -> Self {
        Faults {
            queue: Vec::new(),
            rate: None,
            latency,
            rng,
        }
    }

    /// The next `fault.times` (default 1) matching calls get `fault`.
    pub fn fail_next(&mut self, fault: Fault) {
        let times = fault.times.unwrap_or(1);
        self.queue.push((fault, times));
    }

    /// A share `probability` (0 to 1) of matching calls get `fault`, drawn from the seed.
    pub fn fail_rate(&mut self, probability: f64, fault: Fault) {
        self.rate = (probability > 0.0).then_some((probability.min(1.0), fault));
    }

    /// Removes every waiting fault and the rate.
    pub fn clear(&mut self) {
        self.queue.clear();
        self.rate = None;
    }

    /// Takes `other`'s waiting faults, rate and latency, keeping this generator.
    pub fn take_controls(&mut self, other: Faults) {
        self.queue = other.queue;
        self.rate = other.rate;
        self.latency = other.latency;
    }

    /// Sets the latency.
    pub fn set_latency(&mut self, latency: Latency) {
        self.latency = latency;
    }

    /// The latency.
    pub fn latency(&self) -> Latency {
        self.latency
    }

    /// Whether faults wait for calls (a call may use one up).
    pub fn waiting(&self) -> bool {
        !self.queue.is_empty()
    }

    /// The waiting faults with their remaining counts, and the rate.
    pub fn pending(&self) -> (Vec<Fault>, Option<(f64, Fault)>) {
        let queue = self
            .queue
            .iter()
            .map(|(fault, left)| Fault {
                times: Some(*left),
                ..fault.clone()
            })
            .collect();
        (queue, self.rate.clone())
    }

    /// What happens to a call of `operation` (`None`: a path outside the API): the first
    /// matching queued fault is used up, else the rate may strike; latency is added.
    pub fn draw(&mut self, operation: Option<Operation>) -> Effect {
        let mut effect = Effect::default();
        if let Some(i) = self.queue.iter().position(|(f, _)| f.matches(operation)) {
            if let Some((fault, left)) = self.queue.get_mut(i) {
                effect = fault.effect();
                effect.used_waiting = true;
                *left -= 1;
                if *left == 0 {
                    self.queue.remove(i);
                }
            }
        } else if let Some((probability, matches)) =
            self.rate.as_ref().map(|(p, f)| (*p, f.matches(operation)))
        {
            if matches && self.uniform() < probability {
                effect = self
                    .rate
                    .as_ref()
                    .map(|(_, f)| f.effect())
                    .unwrap_or_default();
            }
        }
        effect.delay_ms += match self.latency {
            Latency::None => 0,
            Latency::Fixed(ms) => ms,
            Latency::Range(min, max) => {
                let (low, high) = (min.min(max), min.max(max));
                low + self.rng.next_u64() % (high - low).saturating_add(1)
            }
        };
        effect
    }

    fn uniform(&mut self) -> f64 {
        (self.rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}
