//! What a persisted mock writes to browser storage: its [dump], its controls
//! (the waiting faults, the failure rate, the latency, a canned answer) and a stamp naming
//! the write, which the tabs sharing the stored state compare to know whether theirs is
//! current.
//!
//! ```json
//! { "stamp": "5f0c9a7e21b34d68",
//!   "controls": [ { "method": "POST", "path": "faults", "body": { "status": 503, "times": 1 } } ],
//!   "state": { "format": "session-client/mock-state", "version": 2, … } }
//! ```
//!
//! The controls are kept as the [control calls](super::control) that set them up, so they
//! are read by the code that reads those calls. A plain dump (what a persisted mock stored
//! before it shared its state between tabs) reads too, with no stamp and no controls.
//!
//! A tab that holds the state as it was before another tab's API call need not read it all
//! again: [`change`] writes what the call changed (the sessions it added, changed or
//! removed, the id generator, the controls after it) and [`apply_change`] applies it.

use serde::{Deserialize, Serialize};
use serde_json::json;
use serde_json::value::RawValue;

use super::control::{handle_control, latency_json, PREFIX};
use super::dump::{self, DumpedSession};
use super::engine::Mock;
use super::faults::Latency;
use super::value::Value;
use super::wire::MockRequest;
use crate::schema::SchemaError;

/// One control call, as stored.
#[derive(Serialize, Deserialize)]
struct Call {
    method: String,
    path: String,
    body: Value,
}

fn call(method: &str, path: &str, body: Value) -> Call {
    Call {
        method: method.into(),
        path: path.into(),
        body,
    }
}

/// What is written.
#[derive(Serialize)]
struct Written<'a> {
    stamp: &'a str,
    controls: Vec<Call>,
    state: super::dump::Dump<'a>,
}

/// What is read: the state is kept as text for [`Mock::restore_text`]'s fast path.
#[derive(Deserialize)]
struct Read<'a> {
    stamp: String,
    controls: Vec<Call>,
    #[serde(borrow)]
    state: &'a RawValue,
}

/// The control calls that give a fresh mock `mock`'s faults, latency and canned answer.
fn controls(mock: &Mock) -> Vec<Call> {
    let (next, rate) = mock.faults().pending();
    let mut calls: Vec<Call> = next
        .iter()
        .map(|fault| call("POST", "faults", json!(fault)))
        .collect();
    if let Some((probability, fault)) = rate {
        let body = json!({ "probability": probability, "fault": fault });
        calls.push(call("POST", "faults/rate", body));
    }
    let latency = mock.faults().latency();
    if latency != Latency::None {
        calls.push(call("PUT", "latency", latency_json(latency)));
    }
    if let Some((answer, times)) = mock.canned() {
        let headers: serde_json::Map<String, Value> = answer
            .headers
            .iter()
            .map(|(name, value)| (name.clone(), Value::from(value.as_str())))
            .collect();
        let body = String::from_utf8_lossy(&answer.body);
        let body =
            json!({ "status": answer.status, "headers": headers, "body": body, "times": times });
        calls.push(call("POST", "respond", body));
    }
    calls
}

/// `mock` as stored, named by `stamp`.
pub fn write(mock: &Mock, stamp: &str) -> String {
    let written = Written {
        stamp,
        controls: controls(mock),
        state: mock.dump_parts(),
    };
    serde_json::to_string(&written).unwrap_or_default()
}

/// Replaces `mock`'s state and controls with stored `text`; returns the stamp it was
/// written with (`None` for a plain dump, which leaves the controls as they are). Text
/// that does not read leaves the mock unchanged.
///
/// # Errors
///
/// What does not read: the dump (naming the path of the problem, as
/// [`Mock::restore_text`]) or a control call (its answer's description).
pub fn read(mock: &mut Mock, text: &[u8]) -> Result<Option<String>, SchemaError> {
    let Ok(stored) = serde_json::from_slice::<Read<'_>>(text) else {
        mock.restore_text(text)?;
        return Ok(None);
    };
    let controls = set_up(mock, &stored.controls)?;
    mock.restore_text(stored.state.get().as_bytes())?;
    mock.take_controls(controls);
    Ok(Some(stored.stamp))
}

/// A scratch mock with `controls` set up, so that a bad one changes nothing (`None` for
/// none: no fault, no latency, no canned answer).
fn set_up(mock: &Mock, controls: &[Call]) -> Result<Option<Mock>, SchemaError> {
    if controls.is_empty() {
        return Ok(None);
    }
    let mut scratch = Mock::new(mock.options().clone());
    for (i, Call { method, path, body }) in controls.iter().enumerate() {
        let request =
            MockRequest::new(method, &format!("{PREFIX}{path}")).with_body(body.to_string());
        let answer = handle_control(&mut scratch, &request);
        if !(200..300).contains(&answer.status) {
            return Err(SchemaError::new(
                format!("controls[{i}]"),
                answer.description(),
            ));
        }
    }
    Ok(Some(scratch))
}

/// What one API call changed.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Change<'a> {
    /// The id generator's state after it, as in a dump.
    rng: String,
    /// The sessions it added or changed, as a dump writes them.
    #[serde(borrow)]
    sessions: Vec<DumpedSession<'a>>,
    /// The ids of the sessions it removed.
    removed: Vec<String>,
    /// The controls after it (it may have used up a fault or a canned answer).
    controls: Vec<Call>,
}

/// What the last API call `mock` answered changed (see [`Mock::change_text`]); `None` when
/// it cleared the sessions.
pub fn change(mock: &Mock) -> Option<String> {
    let store = &mock.state().sessions;
    let (mut sessions, mut removed) = (Vec::new(), Vec::new());
    for id in store.touched()? {
        match store.get(&id) {
            Some(record) => sessions.push(DumpedSession::from(record)),
            None => removed.push(id),
        }
    }
    let change = Change {
        rng: dump::rng_text(&mock.state().rng),
        sessions,
        removed,
        controls: controls(mock),
    };
    serde_json::to_string(&change).ok()
}

/// Applies a [`change`] to `mock`, which holds the state as it was before that call.
///
/// # Errors
///
/// What does not read, naming its path; the mock is then unchanged.
pub fn apply_change(mock: &mut Mock, text: &[u8]) -> Result<(), SchemaError> {
    let change: Change<'_> = serde_json::from_slice(text)
        .map_err(|err| SchemaError::new("", format!("not a change: {err}")))?;
    let rng = dump::read_rng(&change.rng)?;
    let records = change
        .sessions
        .into_iter()
        .enumerate()
        .map(|(i, s)| dump::record(mock.state(), s, |field| format!("sessions[{i}].{field}")))
        .collect::<Result<Vec<_>, _>>()?;
    let controls = set_up(mock, &change.controls)?;
    let state = mock.state_mut();
    for id in &change.removed {
        state.sessions.remove(id);
    }
    for record in records {
        state.sessions.insert(record);
    }
    state.rng = rng;
    mock.take_controls(controls);
    Ok(())
}
