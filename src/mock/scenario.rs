//! [`Scenario`]: the users, the timing policy and the impersonation roles the mock starts from.
//!
//! The JSON format (every field optional):
//!
//! ```json
//! {
//!   "users": [{ "uuid": "…", "displayName": "Ada", "legacyRoles": ["ADMIN"] }],
//!   "policy": {
//!     "idleTimeoutMs": 1800000, "publicIdleTimeoutMs": 600000,
//!     "lifetimeMs": 43200000, "mobileLifetimeMs": 2592000000,
//!     "impersonationRoles": ["ADMIN"]
//!   }
//! }
//! ```
//!
//! Each user is a `User` of the contract in which only `uuid` is required; the other fields
//! default (see [`user_defaults`]). Without `users`, the [default users](super::default_scenario)
//! are used. Unknown fields are refused, so a typo cannot be silently ignored.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::value::{merged, read, Value};
use crate::models::User;
use crate::schema::{self, check, opt, Field, Kind, SchemaError, Unknown};

/// `uuid` in canonical form (lower-case, hyphenated), or `None` when it is not a UUID.
pub use super::uuid::canonical as canonical_uuid;

/// The fields of a scenario file.
const SCENARIO: &[Field] = &[
    opt("users", Kind::Array(&Kind::Any)),
    opt("policy", Kind::Object(POLICY)),
];

/// The fields of a policy.
const POLICY: &[Field] = &[
    opt("idleTimeoutMs", Kind::Int),
    opt("publicIdleTimeoutMs", Kind::Int),
    opt("lifetimeMs", Kind::Int),
    opt("mobileLifetimeMs", Kind::Int),
    opt("impersonationRoles", Kind::Array(&Kind::Str)),
];

/// The mock's timing policy and impersonation roles. As JSON, camelCase; read with the
/// defaults for the fields left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Policy {
    /// Idle time before a session suspends (default 30 minutes).
    pub idle_timeout_ms: i64,
    /// Idle time before a `publicComputer` session suspends (default 10 minutes).
    pub public_idle_timeout_ms: i64,
    /// Lifetime of a session (default 12 hours).
    pub lifetime_ms: i64,
    /// Lifetime of a `mobileDevice` session (default 30 days).
    pub mobile_lifetime_ms: i64,
    /// Roles that allow impersonating other users (default `["ADMIN"]`).
    pub impersonation_roles: Vec<String>,
}

impl Default for Policy {
    fn default() -> Self {
        const MINUTE: i64 = 60_000;
        Policy {
            idle_timeout_ms: 30 * MINUTE,
            public_idle_timeout_ms: 10 * MINUTE,
            lifetime_ms: 12 * 60 * MINUTE,
            mobile_lifetime_ms: 30 * 24 * 60 * MINUTE,
            impersonation_roles: vec!["ADMIN".to_owned()],
        }
    }
}

impl Policy {
    fn validate(&self) -> Result<(), SchemaError> {
        for (name, value) in [
            ("idleTimeoutMs", self.idle_timeout_ms),
            ("publicIdleTimeoutMs", self.public_idle_timeout_ms),
            ("lifetimeMs", self.lifetime_ms),
            ("mobileLifetimeMs", self.mobile_lifetime_ms),
        ] {
            if !(1..=MAX_POLICY_MS).contains(&value) {
                return Err(SchemaError::new(
                    format!("policy.{name}"),
                    format!(
                        "must be a positive number of milliseconds, at most {MAX_POLICY_MS} (100 years), got {value}"
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Whether a user with `roles` may impersonate others.
    pub fn may_impersonate(&self, roles: &[String]) -> bool {
        roles.iter().any(|r| self.impersonation_roles.contains(r))
    }
}

/// The longest timeout or lifetime a policy may give: 100 years, so that every session's
/// times stay within what RFC 3339 can write.
pub(super) const MAX_POLICY_MS: i64 = 100 * 365 * 24 * 60 * 60 * 1000;

/// The user directory: users in scenario order, found by UUID in O(1).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Directory {
    users: Vec<User>,
    index: HashMap<String, usize>,
}

impl Directory {
    /// A directory of `users`, refusing a UUID that is malformed or given twice.
    ///
    /// # Errors
    ///
    /// A [`SchemaError`] naming the user whose UUID is malformed or repeated.
    pub fn new(users: Vec<User>) -> Result<Self, SchemaError> {
        let mut directory = Directory {
            users: Vec::with_capacity(users.len()),
            index: HashMap::with_capacity(users.len()),
        };
        for user in users {
            directory.push(user)?;
        }
        Ok(directory)
    }

    /// Adds `user` at the end (constant time, so seeding a large directory stays linear);
    /// refused, and the directory unchanged, when its UUID is malformed or taken.
    ///
    /// # Errors
    ///
    /// A [`SchemaError`] when the UUID is malformed or taken.
    pub fn push(&mut self, mut user: User) -> Result<&User, SchemaError> {
        let i = self.users.len();
        user.uuid = self.checked(&user, i)?;
        if self.index.contains_key(&user.uuid) {
            return Err(SchemaError::new(
                format!("users[{i}].uuid"),
                format!("`{}` is given to two users", user.uuid),
            ));
        }
        self.index.insert(user.uuid.clone(), i);
        self.users.push(user);
        self.users
            .last()
            .ok_or_else(|| SchemaError::new("users", "the user was not added"))
    }

    /// Replaces the user at `position` with `user`, which keeps its UUID.
    ///
    /// # Errors
    ///
    /// A [`SchemaError`] when there is no user at `position` or `user` has another UUID.
    pub fn replace(&mut self, position: usize, mut user: User) -> Result<(), SchemaError> {
        let uuid = self.checked(&user, position)?;
        match self.users.get_mut(position) {
            Some(current) if current.uuid == uuid => {
                user.uuid = uuid;
                *current = user;
                Ok(())
            }
            _ => Err(SchemaError::new(
                format!("users[{position}].uuid"),
                "a user's UUID cannot change",
            )),
        }
    }

    /// `user`'s canonical UUID once its fields are known values.
    fn checked(&self, user: &User, i: usize) -> Result<String, SchemaError> {
        let uuid = canonical_uuid(&user.uuid).ok_or_else(|| {
            SchemaError::new(
                format!("users[{i}].uuid"),
                format!("`{}` is not a UUID", user.uuid),
            )
        })?;
        check_known_values(user, i)?;
        Ok(uuid)
    }

    /// The user with `uuid` (in any letter case), if any.
    pub fn get(&self, uuid: &str) -> Option<&User> {
        let key = canonical_uuid(uuid)?;
        self.index.get(&key).and_then(|&i| self.users.get(i))
    }

    /// Every user, in scenario order.
    pub fn users(&self) -> &[User] {
        &self.users
    }
}

fn check_known_values(user: &User, i: usize) -> Result<(), SchemaError> {
    let unknown = |field: String, value: &str| {
        Err(SchemaError::new(
            format!("users[{i}].{field}"),
            format!("unknown value `{value}`"),
        ))
    };
    if !user.state.is_known() {
        return unknown("state".into(), user.state.as_str());
    }
    if !user.agreement.state.is_known() {
        return unknown("agreement.state".into(), user.agreement.state.as_str());
    }
    for (j, service) in user.services.iter().enumerate() {
        if !service.service_name.is_known() {
            return unknown(
                format!("services[{j}].serviceName"),
                service.service_name.as_str(),
            );
        }
    }
    Ok(())
}

/// A scenario: the user directory and the policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The users sessions can be created for.
    pub directory: Directory,
    /// The timing policy and impersonation roles.
    pub policy: Policy,
}

/// The values a scenario user gets for the fields it leaves out: `id` its 1-based position,
/// `displayName` its UUID, `email` `<uuid>@example.com`, `locale` `en`, `state` `ENABLED`,
/// `agreement` `ACCEPTED`, `authType` `PASSWORD`, `deletable` and `billable` true, `locked`
/// false, and no roles, services or organizations.
fn user_defaults(position: usize, uuid: &str) -> Value {
    json!({
        "id": position,
        "uuid": uuid,
        "displayName": uuid,
        "email": format!("{uuid}@example.com"),
        "locale": "en",
        "state": "ENABLED",
        "locked": false,
        "legacyRoles": [],
        "deletable": true,
        "billable": true,
        "agreement": { "state": "ACCEPTED" },
        "services": [],
        "servicesUsers": [],
        "authType": "PASSWORD",
    })
}

impl Scenario {
    /// Reads a scenario from its JSON text.
    ///
    /// # Errors
    ///
    /// A [`SchemaError`] when the text is not JSON, or naming the path of the first field
    /// that does not match the scenario format.
    pub fn from_json(text: &str) -> Result<Self, SchemaError> {
        let value: Value = serde_json::from_str(text)
            .map_err(|err| SchemaError::new("", format!("not JSON: {err}")))?;
        Self::from_value(&value)
    }

    /// Reads a scenario from a JSON value.
    ///
    /// # Errors
    ///
    /// A [`SchemaError`] naming the path of the first field that does not match the scenario
    /// format (an unknown field included), or a policy out of range.
    pub fn from_value(value: &Value) -> Result<Self, SchemaError> {
        check(&value, SCENARIO, "", Unknown::Refuse)?;
        let policy = match value.get("policy").filter(|p| !p.is_null()) {
            None => Policy::default(),
            Some(given) => {
                read(given.clone()).map_err(|err| SchemaError::new("policy", err.to_string()))?
            }
        };
        policy.validate()?;
        let directory = match value.get("users").and_then(Value::as_array) {
            None => super::default_scenario::default_scenario().directory,
            Some(users) => Directory::new(
                users
                    .iter()
                    .enumerate()
                    .map(|(i, user)| user_with_defaults(user.clone(), i))
                    .collect::<Result<_, _>>()?,
            )?,
        };
        Ok(Scenario { directory, policy })
    }

    /// The scenario as JSON, in the format [`Self::from_json`] reads.
    pub fn to_value(&self) -> Value {
        json!({ "users": self.directory.users(), "policy": self.policy })
    }
}

/// A scenario user (only `uuid` required) as a full [`User`], at 0-based `i` in the directory.
pub(super) fn user_with_defaults(user: Value, i: usize) -> Result<User, SchemaError> {
    let path = format!("users[{i}]");
    if user.as_object().is_none() {
        return Err(SchemaError::new(path, "must be an object"));
    }
    let Some(uuid) = user.get("uuid").and_then(Value::as_str) else {
        return Err(SchemaError::new(
            format!("{path}.uuid"),
            "is required and must be a string",
        ));
    };
    let full = merged(user_defaults(i + 1, uuid), user);
    check(&&full, schema::USER, &path, Unknown::Refuse)?;
    // Checked, and complete with its defaults: read by the model's serde derive.
    read(full).map_err(|err| SchemaError::new(path, err.to_string()))
}
