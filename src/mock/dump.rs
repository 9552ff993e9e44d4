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

use super::clock::Clock;
use super::json::{model_to_json, Fields, FromJson, Json, Model, Sink};
use super::rng::Rng;
use super::rules::State;
use super::scenario::{canonical_uuid, Scenario};
use super::store::{SessionRecord, Tokens};
use crate::models::SsoProvider;
use crate::schema::{check, opt, req, Field, Kind, SchemaError, Unknown, SSO_PROVIDER};
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
pub const VERSION: i64 = 1;

/// A session as a dump holds it.
struct DumpedSession {
    session_id: String,
    user_uuid: String,
    actor_uuid: Option<String>,
    created: Timestamp,
    suspend: Timestamp,
    expire: Timestamp,
    idle_timeout_ms: i64,
    enabled: bool,
    enabled_for_equisoft_connect: bool,
    mobile: bool,
    cookie_domain: Option<String>,
    sso: Option<SsoProvider>,
    tokens: Tokens,
}

impl FromJson for DumpedSession {
    fn from_json(value: &Json) -> Self {
        let f = Fields(value);
        let tokens = f.str_map("tokens").collect();
        DumpedSession {
            session_id: f.str("sessionId"),
            user_uuid: f.str("userUuid"),
            actor_uuid: f.opt_str("actorUuid"),
            created: f.time("created"),
            suspend: f.time("suspend"),
            expire: f.time("expire"),
            idle_timeout_ms: f.int("idleTimeoutMs"),
            enabled: f.bool("enabled"),
            enabled_for_equisoft_connect: f.bool("enabledForEquisoftConnect"),
            mobile: f.bool("mobile"),
            cookie_domain: f.opt_str("cookieDomain"),
            sso: f.opt_model("sso"),
            tokens,
        }
    }
}

/// A session as a dump writes it, straight from the store's record.
struct DumpView<'a>(&'a SessionRecord);

impl Model for DumpView<'_> {
    fn fields<S: Sink>(&self, sink: &mut S) {
        let r = self.0;
        sink.field("sessionId", &r.id);
        sink.field("userUuid", r.user());
        sink.opt("actorUuid", r.actor());
        sink.field("created", &r.created);
        sink.field("suspend", &r.suspend);
        sink.field("expire", &r.expire);
        sink.field("idleTimeoutMs", &r.idle_ms);
        sink.field("enabled", &r.enabled);
        sink.field("enabledForEquisoftConnect", &r.connect);
        sink.field("mobile", &r.mobile);
        sink.opt("cookieDomain", r.cookie_domain.as_deref());
        sink.opt("sso", r.sso.as_deref());
        sink.field("tokens", &r.tokens);
    }
}

/// The state (and a virtual clock's time) as a dump: its value with
/// [`ToJson::to_json`](crate::mock::json::ToJson::to_json), its text with
/// [`ToJson::to_json_text`](crate::mock::json::ToJson::to_json_text), written without
/// building the value.
#[derive(Debug)]
pub struct Dump<'a> {
    state: &'a State,
    now: Option<Timestamp>,
}

impl Model for Dump<'_> {
    fn fields<S: Sink>(&self, sink: &mut S) {
        let sessions: Vec<DumpView<'_>> = self
            .state
            .sessions
            .iter_oldest_first()
            .into_iter()
            .map(DumpView)
            .collect();
        sink.field("format", FORMAT);
        sink.field("version", &VERSION);
        sink.opt("now", self.now.as_ref());
        sink.field("rng", format!("{:016x}", self.state.rng.state()).as_str());
        sink.field("scenario", &self.state.scenario.to_value());
        sink.field("sessions", sessions.as_slice());
    }
}

model_to_json!(DumpView<'_>, Dump<'_>);

/// The state (and a virtual clock's time) as a dump.
pub fn dump(state: &State, clock: Clock) -> Dump<'_> {
    Dump {
        state,
        now: clock.is_virtual().then(|| clock.now()),
    }
}

/// Reads a dump: the state, and the virtual clock's time if the dump has one.
///
/// # Errors
///
/// A [`SchemaError`] naming the path of the first problem: another format or version, a
/// field that does not match its table, a session of an unknown user, a duplicate id.
pub fn restore(value: &Json) -> Result<(State, Option<Timestamp>), SchemaError> {
    check_header(value)?;
    check(&value, DUMP, "", Unknown::Refuse)?;
    let f = Fields(value);
    let rng = u64::from_str_radix(&f.str("rng"), 16)
        .map_err(|_| SchemaError::new("rng", "must be 1 to 16 hexadecimal digits"))?;
    let scenario =
        Scenario::from_value(value.get("scenario").unwrap_or(&Json::Null)).map_err(|err| {
            let path = match err.path.as_str() {
                "" => "scenario".to_owned(),
                path => format!("scenario.{path}"),
            };
            SchemaError { path, ..err }
        })?;
    let mut state = State::new(scenario, Rng::seeded(rng));
    for (i, s) in f.list::<DumpedSession>("sessions").into_iter().enumerate() {
        let at = |field: &str| format!("sessions[{i}].{field}");
        let id = canonical_uuid(&s.session_id)
            .ok_or_else(|| SchemaError::new(at("sessionId"), "is not a UUID"))?;
        if state.sessions.get(&id).is_some() {
            return Err(SchemaError::new(at("sessionId"), "appears twice"));
        }
        let user = known_user(&state, &s.user_uuid)
            .ok_or_else(|| SchemaError::new(at("userUuid"), "is not a user of the scenario"))?;
        let actor = match &s.actor_uuid {
            Some(actor) => Some(known_user(&state, actor).ok_or_else(|| {
                SchemaError::new(at("actorUuid"), "is not a user of the scenario")
            })?),
            None => None,
        };
        if !(s.created <= s.suspend && s.suspend <= s.expire) {
            return Err(SchemaError::new(
                at("suspend"),
                "times must satisfy created <= suspend <= expire",
            ));
        }
        if s.idle_timeout_ms <= 0 {
            return Err(SchemaError::new(at("idleTimeoutMs"), "must be positive"));
        }
        let mut record = SessionRecord::new(id, user, s.created, s.expire).with_actor(actor);
        record.suspend = s.suspend;
        record.idle_ms = s.idle_timeout_ms;
        record.enabled = s.enabled;
        record.connect = s.enabled_for_equisoft_connect;
        record.mobile = s.mobile;
        record.cookie_domain = s.cookie_domain;
        record.sso = s.sso.map(Box::new);
        record.tokens = s.tokens;
        state.sessions.insert(record);
    }
    Ok((state, f.opt_time("now")))
}

fn check_header(value: &Json) -> Result<(), SchemaError> {
    if value.as_object().is_none() {
        return Err(SchemaError::new("", "a dump must be a JSON object"));
    }
    if value.get("format").and_then(Json::as_str) != Some(FORMAT) {
        return Err(SchemaError::new("format", format!("must be `{FORMAT}`")));
    }
    match value.get("version").and_then(Json::as_i64) {
        Some(VERSION) => Ok(()),
        Some(other) => Err(SchemaError::new(
            "version",
            format!("version {other} is not supported (this mock reads version {VERSION})"),
        )),
        None => Err(SchemaError::new(
            "version",
            "is required and must be a number",
        )),
    }
}

fn known_user(state: &State, uuid: &str) -> Option<String> {
    state.scenario.directory.get(uuid).map(|u| u.uuid.clone())
}
