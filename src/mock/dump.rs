//! Dump and restore: the mock's whole state as versioned JSON.
//!
//! ```json
//! { "format": "session-client/mock-state", "version": 2,
//!   "now": "2026-11-28T12:00:00.000Z",          // a virtual clock's time
//!   "offsetMs": 3600000,                        // or a moved system clock's offset
//!   "rng": "9e3779b97f4a7c15",                  // id generator state, hex
//!   "scenario": { "users": [ … ], "policy": { … } },
//!   "sessions": [ { "sessionId": "…", "userUuid": "…", "actorUuid": "…",
//!                   "created": "…", "suspend": "…", "expire": "…", "idleTimeoutMs": 1800000,
//!                   "enabled": true, "enabledForEquisoftConnect": false,
//!                   "given": { "userUuid": "…", "mobileDevice": true, … },
//!                   "tokens": { "id": "value" } } ] }
//! // given: the createSession payload, when it said more than the user
//! ```
//!
//! Restoring a dump gives the same answers afterwards, new session ids included. A dump of
//! version 1 (which listed `mobile`, `cookieDomain` and `sso` beside the session's times)
//! still reads.

use std::borrow::Cow;

use serde::de::Error as _;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use super::clock::Clock;
use super::rng::Rng;
use super::rules::State;
use super::scenario::{canonical_uuid, Scenario};
use super::store::{SessionRecord, Tokens};
use super::value::{read, whole, Value};
use crate::models::SessionPayload;
use crate::schema::{check, opt, req, Field, Kind, SchemaError, Unknown, SESSION_PAYLOAD};
use crate::time::Timestamp;

/// The fields of a dump.
const DUMP: &[Field] = &[
    req("format", Kind::Str),
    req("version", Kind::Int),
    opt("now", Kind::Time),
    opt("offsetMs", Kind::Int),
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
    opt("given", Kind::Object(SESSION_PAYLOAD)),
    opt("tokens", Kind::Map(&Kind::Str)),
];

/// The `format` field of every dump.
pub const FORMAT: &str = "session-client/mock-state";
/// The dump version this crate writes (it also reads version 1).
pub const VERSION: i64 = 2;

/// A session as a dump holds it: written borrowing the store's record, read owning.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct DumpedSession<'a> {
    session_id: Cow<'a, str>,
    user_uuid: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    actor_uuid: Option<Cow<'a, str>>,
    created: Timestamp,
    suspend: Timestamp,
    expire: Timestamp,
    idle_timeout_ms: i64,
    enabled: bool,
    enabled_for_equisoft_connect: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    given: Option<Given<'a>>,
    #[serde(default)]
    tokens: Cow<'a, Tokens>,
}

impl<'a> From<&'a SessionRecord> for DumpedSession<'a> {
    fn from(r: &'a SessionRecord) -> Self {
        DumpedSession {
            session_id: Cow::Borrowed(&r.id),
            user_uuid: Cow::Borrowed(r.user()),
            actor_uuid: r.actor().map(Cow::Borrowed),
            created: r.created(),
            suspend: r.suspend,
            expire: r.expire(),
            idle_timeout_ms: r.idle_ms,
            enabled: r.enabled,
            enabled_for_equisoft_connect: r.connect,
            given: r.given().map(|given| Given(Cow::Borrowed(given))),
            tokens: Cow::Borrowed(&r.tokens),
        }
    }
}

/// The payload a session was created from, as a dump holds it: the API's `SessionPayload`,
/// read strictly (an unknown field is refused, as everywhere in a dump, where the API's
/// model takes it).
#[derive(Serialize)]
#[serde(transparent)]
struct Given<'a>(Cow<'a, SessionPayload>);

impl<'de> Deserialize<'de> for Given<'_> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        check(&&value, SESSION_PAYLOAD, "", Unknown::Refuse).map_err(D::Error::custom)?;
        SessionPayload::deserialize(value)
            .map(|given| Given(Cow::Owned(given)))
            .map_err(D::Error::custom)
    }
}

/// A dump as its text reads straight into types, when it reads that way (a dump this mock
/// wrote always does); [`DUMP`]'s check then holds of it too.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TypedDump<'a> {
    format: Cow<'a, str>,
    version: i64,
    #[serde(default)]
    now: Option<Timestamp>,
    #[serde(default, rename = "offsetMs")]
    offset_ms: Option<i64>,
    rng: Cow<'a, str>,
    scenario: Value,
    sessions: Vec<DumpedSession<'a>>,
}

/// A dump's clock: a virtual clock's time, or how far a system clock was moved (none when
/// it was not). Restoring applies what fits the mock's own kind of clock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DumpedClock {
    /// A virtual clock's time.
    pub now: Option<Timestamp>,
    /// A system clock's offset from the machine's time.
    pub offset_ms: Option<i64>,
}

impl DumpedClock {
    fn of(clock: Clock) -> Self {
        match clock {
            Clock::Virtual(now) => DumpedClock {
                now: Some(now),
                offset_ms: None,
            },
            Clock::System { offset_ms } => DumpedClock {
                now: None,
                offset_ms: (offset_ms != 0).then_some(offset_ms),
            },
        }
    }
}

/// The state (and its clock) as a dump, written by serde (straight to text with
/// `serde_json::to_string`, without building a value).
#[derive(Debug)]
pub struct Dump<'a> {
    state: &'a State,
    clock: DumpedClock,
}

impl Serialize for Dump<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let sessions = self.state.sessions.iter_oldest_first();
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("format", FORMAT)?;
        map.serialize_entry("version", &VERSION)?;
        if let Some(now) = &self.clock.now {
            map.serialize_entry("now", now)?;
        }
        if let Some(offset) = &self.clock.offset_ms {
            map.serialize_entry("offsetMs", offset)?;
        }
        map.serialize_entry("rng", &rng_text(&self.state.rng))?;
        map.serialize_entry("scenario", &self.state.scenario.to_value())?;
        map.serialize_entry("sessions", &Sessions(&sessions))?;
        map.end()
    }
}

/// The sessions of a dump, each written as it is read.
struct Sessions<'a>(&'a [&'a SessionRecord]);

impl Serialize for Sessions<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|record| DumpedSession::from(*record)))
    }
}

/// The state (and its clock) as a dump.
pub fn dump(state: &State, clock: Clock) -> Dump<'_> {
    Dump {
        state,
        clock: DumpedClock::of(clock),
    }
}

/// Reads a dump: the state, and its clock.
///
/// # Errors
///
/// A [`SchemaError`] naming the path of the first problem: another format or version, a
/// field that does not match its table, a session of an unknown user, a duplicate id.
pub fn restore(value: &Value) -> Result<(State, DumpedClock), SchemaError> {
    let upgraded;
    let value = match check_header(value)? {
        1 => {
            upgraded = from_version_1(value);
            &upgraded
        }
        _ => value,
    };
    check(&value, DUMP, "", Unknown::Refuse)?;
    let text = |name: &str| value.get(name).and_then(Value::as_str);
    let sessions = value.get("sessions").and_then(Value::as_array);
    let sessions = sessions.map(Vec::as_slice).unwrap_or_default().iter();
    build(
        text("rng").unwrap_or_default(),
        value.get("scenario").unwrap_or(&Value::Null),
        sessions.enumerate().map(|(i, item)| {
            read(item.clone())
                .map_err(|err| SchemaError::new(format!("sessions[{i}]"), err.to_string()))
        }),
        DumpedClock {
            now: text("now").and_then(|now| Timestamp::parse(now).ok()),
            offset_ms: value.get("offsetMs").and_then(Value::as_i64),
        },
    )
}

/// Reads a dump from its text: straight into types when it reads that way, without
/// building a JSON value first (several times faster for a large state); otherwise as a
/// value through [`restore`], whose error names the path of the problem.
///
/// # Errors
///
/// As [`restore`], or the text is not JSON.
pub fn restore_text(text: &[u8]) -> Result<(State, DumpedClock), SchemaError> {
    if let Ok(dump) = serde_json::from_slice::<TypedDump<'_>>(text) {
        if dump.format == FORMAT && dump.version == VERSION {
            let sessions = dump.sessions.into_iter().map(Ok);
            let clock = DumpedClock {
                now: dump.now,
                offset_ms: dump.offset_ms,
            };
            return build(&dump.rng, &dump.scenario, sessions, clock);
        }
    }
    let value: Value = serde_json::from_slice(text)
        .map_err(|err| SchemaError::new("", format!("not JSON: {err}")))?;
    restore(&value)
}

/// The state of a dump whose fields read: its scenario, generator and sessions checked
/// against each other (each session's id, users and times).
fn build<'a>(
    rng: &str,
    scenario: &Value,
    sessions: impl Iterator<Item = Result<DumpedSession<'a>, SchemaError>>,
    clock: DumpedClock,
) -> Result<(State, DumpedClock), SchemaError> {
    let rng = read_rng(rng)?;
    let scenario = Scenario::from_value(scenario).map_err(|err| {
        let path = match err.path.as_str() {
            "" => "scenario".to_owned(),
            path => format!("scenario.{path}"),
        };
        SchemaError { path, ..err }
    })?;
    let mut state = State::new(scenario, rng);
    for (i, s) in sessions.enumerate() {
        let record = record(&state, s?, |field| format!("sessions[{i}].{field}"))?;
        if state.sessions.get(&record.id).is_some() {
            return Err(SchemaError::new(
                format!("sessions[{i}].sessionId"),
                "appears twice",
            ));
        }
        state.sessions.insert(record);
    }
    Ok((state, clock))
}

/// The id generator's state as a dump writes it: 16 hexadecimal digits.
pub(super) fn rng_text(rng: &Rng) -> String {
    format!("{:016x}", rng.state())
}

/// The id generator a dump's `rng` names.
pub(super) fn read_rng(text: &str) -> Result<Rng, SchemaError> {
    u64::from_str_radix(text, 16)
        .map(Rng::seeded)
        .map_err(|_| SchemaError::new("rng", "must be 1 to 16 hexadecimal digits"))
}

/// The record of a dumped session, checked against `state` (its id, users and times);
/// an error names the field's path, `at(field)`.
pub(super) fn record(
    state: &State,
    s: DumpedSession<'_>,
    at: impl Fn(&str) -> String,
) -> Result<SessionRecord, SchemaError> {
    let id = canonical_uuid(&s.session_id)
        .ok_or_else(|| SchemaError::new(at("sessionId"), "is not a UUID"))?;
    let user = known_user(state, &s.user_uuid)
        .ok_or_else(|| SchemaError::new(at("userUuid"), "is not a user of the scenario"))?;
    let actor =
        match &s.actor_uuid {
            Some(actor) => Some(known_user(state, actor).ok_or_else(|| {
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
    if let Some(given) = s.given {
        record.set_given(given.0.into_owned());
    }
    record.tokens = s.tokens.into_owned();
    Ok(record)
}

/// The dump's version, once its format is this mock's and its version one it reads.
fn check_header(value: &Value) -> Result<i64, SchemaError> {
    if !value.is_object() {
        return Err(SchemaError::new("", "a dump must be a JSON object"));
    }
    if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(SchemaError::new("format", format!("must be `{FORMAT}`")));
    }
    match value.get("version").and_then(whole) {
        Some(version @ (1 | VERSION)) => Ok(version),
        Some(other) => Err(SchemaError::new(
            "version",
            format!("version {other} is not supported (this mock reads versions 1 to {VERSION})"),
        )),
        None => Err(SchemaError::new(
            "version",
            "is required and must be a number",
        )),
    }
}

/// A dump of version 1 as version 2: each session's `mobile` (when true), `cookieDomain` and
/// `sso` become the payload it was created from (`given`), with its user's UUID.
fn from_version_1(value: &Value) -> Value {
    let mut value = value.clone();
    let Some(dump) = value.as_object_mut() else {
        return value;
    };
    dump.insert("version".to_owned(), VERSION.into());
    let sessions = dump.get_mut("sessions").and_then(Value::as_array_mut);
    for session in sessions.into_iter().flatten() {
        let Some(session) = session.as_object_mut() else {
            continue;
        };
        let mut given = serde_json::Map::new();
        let user = session.get("userUuid").cloned();
        given.extend(user.map(|user| ("userUuid".to_owned(), user)));
        for (old, new) in [
            ("mobile", "mobileDevice"),
            ("cookieDomain", "cookieDomain"),
            ("sso", "sso"),
        ] {
            match session.remove(old) {
                Some(Value::Bool(false)) | None => {}
                Some(field) => {
                    given.insert(new.to_owned(), field);
                }
            }
        }
        if given.len() > 1 {
            session.insert("given".to_owned(), given.into());
        }
    }
    value
}

fn known_user(state: &State, uuid: &str) -> Option<String> {
    state.scenario.directory.get(uuid).map(|u| u.uuid.clone())
}
