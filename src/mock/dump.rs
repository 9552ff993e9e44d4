//! Dump and restore: the mock's whole state as versioned JSON.
//!
//! ```json
//! { "format": "session-client/mock-state", "version": 1,
//!   "now": "2026-11-28T12:00:00.000Z",          // virtual clock only
//!   "rng": "9e3779b97f4a7c15",                  // id generator state, hex
//!   "scenario": { "users": [ … ], "policy": { … } },
//!   "sessions": [ { "sessionId": "…", "userUuid": "…", "actorUuid": "…",
//!                   "created": "…", "suspend": "…", "expire": "…", "idleTimeoutMs": 1800000,
//!                   "enabled": true, "enabledForEquisoftConnect": false, "mobile": false,
//!                   "cookieDomain": "…", "sso": { … }, "tokens": { "id": "value" } } ] }
//! ```
//!
//! Restoring a dump gives the same answers afterwards, new session ids included.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::clock::Clock;
use super::rng::Rng;
use super::rules::State;
use super::scenario::{canonical_uuid, Scenario, ScenarioError};
use super::store::SessionRecord;
use crate::models::SsoProvider;
use crate::schema::{opt, req, Field, Kind, SSO_PROVIDER};
use crate::time::Timestamp;

/// The fields of a dump.
const DUMP: &[Field] = &[
    req("format", Kind::Str),
    req("version", Kind::Int),
    opt("now", Kind::Time),
    req("rng", Kind::Str),
    req("scenario", Kind::Any),
    req("sessions", Kind::Array(&Kind::Object(DUMPED_SESSION))),
];

/// The fields of a session in a dump.
const DUMPED_SESSION: &[Field] = &[
    req("sessionId", Kind::Str),
    req("userUuid", Kind::Str),
    opt("actorUuid", Kind::Str),
    req("created", Kind::Time),
    req("suspend", Kind::Time),
    req("expire", Kind::Time),
    req("idleTimeoutMs", Kind::Int),
    req("enabled", Kind::Bool),
    req("enabledForEquisoftConnect", Kind::Bool),
    req("mobile", Kind::Bool),
    opt("cookieDomain", Kind::Str),
    opt("sso", Kind::Object(SSO_PROVIDER)),
    opt("tokens", Kind::Map(&Kind::Str)),
];

/// The `format` field of every dump.
pub const FORMAT: &str = "session-client/mock-state";
/// The dump version this crate writes and reads.
pub const VERSION: u64 = 1;

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Dump {
    format: String,
    version: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    now: Option<Timestamp>,
    rng: String,
    scenario: Value,
    sessions: Vec<DumpedSession>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DumpedSession {
    session_id: String,
    user_uuid: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    actor_uuid: Option<String>,
    created: Timestamp,
    suspend: Timestamp,
    expire: Timestamp,
    idle_timeout_ms: i64,
    enabled: bool,
    enabled_for_equisoft_connect: bool,
    mobile: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cookie_domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sso: Option<SsoProvider>,
    #[serde(default)]
    tokens: BTreeMap<String, String>,
}

/// The state (and a virtual clock's time) as a dump.
pub fn dump(state: &State, clock: Clock) -> Value {
    let sessions = state
        .sessions
        .iter_oldest_first()
        .into_iter()
        .map(|r| DumpedSession {
            session_id: r.id.clone(),
            user_uuid: r.user().to_owned(),
            actor_uuid: r.actor().map(str::to_owned),
            created: r.created,
            suspend: r.suspend,
            expire: r.expire,
            idle_timeout_ms: r.idle_ms,
            enabled: r.enabled,
            enabled_for_equisoft_connect: r.connect,
            mobile: r.mobile,
            cookie_domain: r.cookie_domain.clone(),
            sso: r.sso.clone(),
            tokens: r.tokens.clone(),
        })
        .collect();
    let dump = Dump {
        format: FORMAT.to_owned(),
        version: VERSION,
        now: clock.is_virtual().then(|| clock.now()),
        rng: format!("{:016x}", state.rng.state()),
        scenario: state.scenario.to_value(),
        sessions,
    };
    serde_json::to_value(dump).unwrap_or(Value::Null)
}

/// Reads a dump: the state, and the virtual clock's time if the dump has one.
pub fn restore(value: Value) -> Result<(State, Option<Timestamp>), ScenarioError> {
    check_header(&value)?;
    let dump: Dump = ScenarioError::decode(value, DUMP, "")?;
    let rng = u64::from_str_radix(&dump.rng, 16)
        .map_err(|_| ScenarioError::new("rng", "must be 1 to 16 hexadecimal digits"))?;
    let scenario = Scenario::from_value(dump.scenario).map_err(|err| ScenarioError {
        path: format!("scenario.{}", err.path.trim_start_matches('.')),
        ..err
    })?;
    let mut state = State::new(scenario, Rng::seeded(rng));
    for (i, s) in dump.sessions.into_iter().enumerate() {
        let at = |field: &str| format!("sessions[{i}].{field}");
        let id = canonical_uuid(&s.session_id)
            .ok_or_else(|| ScenarioError::new(at("sessionId"), "is not a UUID"))?;
        if state.sessions.get(&id).is_some() {
            return Err(ScenarioError::new(at("sessionId"), "appears twice"));
        }
        let user = known_user(&state, &s.user_uuid)
            .ok_or_else(|| ScenarioError::new(at("userUuid"), "is not a user of the scenario"))?;
        let actor = match &s.actor_uuid {
            Some(actor) => Some(known_user(&state, actor).ok_or_else(|| {
                ScenarioError::new(at("actorUuid"), "is not a user of the scenario")
            })?),
            None => None,
        };
        if !(s.created <= s.suspend && s.suspend <= s.expire) {
            return Err(ScenarioError::new(
                at("suspend"),
                "times must satisfy created <= suspend <= expire",
            ));
        }
        if s.idle_timeout_ms <= 0 {
            return Err(ScenarioError::new(at("idleTimeoutMs"), "must be positive"));
        }
        let mut record = SessionRecord::new(id, user, s.created, s.expire).with_actor(actor);
        record.suspend = s.suspend;
        record.idle_ms = s.idle_timeout_ms;
        record.enabled = s.enabled;
        record.connect = s.enabled_for_equisoft_connect;
        record.mobile = s.mobile;
        record.cookie_domain = s.cookie_domain;
        record.sso = s.sso;
        record.tokens = s.tokens;
        state.sessions.insert(record);
    }
    Ok((state, dump.now))
}

fn check_header(value: &Value) -> Result<(), ScenarioError> {
    if !value.is_object() {
        return Err(ScenarioError::new(".", "a dump must be a JSON object"));
    }
    if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(ScenarioError::new("format", format!("must be `{FORMAT}`")));
    }
    match value.get("version").and_then(Value::as_u64) {
        Some(VERSION) => Ok(()),
        Some(other) => Err(ScenarioError::new(
            "version",
            format!("version {other} is not supported (this mock reads version {VERSION})"),
        )),
        None => Err(ScenarioError::new(
            "version",
            "is required and must be a number",
        )),
    }
}

fn known_user(state: &State, uuid: &str) -> Option<String> {
    state.scenario.directory.get(uuid).map(|u| u.uuid.clone())
}
