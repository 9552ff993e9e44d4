//! The models as data: which fields each has, of which kind, and which are required; and
//! [`check`], one small interpreter that checks a JSON value against a table and names the
//! path of the first problem.
//!
//! The client checks JS values with it (payloads before sending, answers after receiving)
//! instead of converting them through serde, which keeps the wasm small; the mock checks
//! scenarios and dumps with it. The API's tables are declared with their models
//! (`crate::models`, one `model!` each: a field's wire name is written once); a native test
//! (`tests` below) holds each field's kind to its Rust type.

use std::borrow::Cow;

use crate::time::Timestamp;

mod text;
pub use text::JsonText;

/// What a field holds.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A string.
    Str,
    /// A boolean.
    Bool,
    /// A whole number.
    Int,
    /// An RFC 3339 date-time string.
    Time,
    /// A string enum; any string is accepted (a newer server may send new values).
    Enum,
    /// An object with these fields.
    Object(&'static [Field]),
    /// An array of this kind.
    Array(&'static Kind),
    /// An object with any keys and values of this kind.
    Map(&'static Kind),
    /// Anything (checked elsewhere).
    Any,
}

/// One field of a model.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The JSON name.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// Whether it must be present (and not `null`).
    pub required: bool,
}

/// A required field.
pub const fn req(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: true,
    }
}

/// An optional field.
pub const fn opt(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: false,
    }
}

// The API's models' tables, declared with each model (`crate::models`, `model!`).
pub use crate::models::{
    CONNECT_PAYLOAD, ERROR_PAYLOAD, IMPERSONATE_PAYLOAD, SERVICE_ACCESS, SESSION, SESSION_PAYLOAD,
    SSO_PROVIDER, SSO_TOKEN, USER, USER_AGREEMENT, USER_SERVICE_ASSOCIATION, USER_SSO_PROVIDER,
};

/// A JSON value's shape, as [`check`] needs it (a string borrowed where it can be: a check
/// allocates nothing for a valid value).
#[derive(Debug)]
pub enum Shape<'s, V> {
    /// `null` or `undefined`.
    Null,
    /// A boolean.
    Bool,
    /// A number.
    Number(f64),
    /// A string.
    Str(Cow<'s, str>),
    /// An array and its items.
    Array(Vec<V>),
    /// An object.
    Object,
    /// Something JSON cannot hold (a function, a symbol, a bigint).
    Other,
}

/// A JSON value [`check`] can read: JSON text (the client's answers and payloads), a
/// serde_json value (the mock's).
pub trait JsonView: Sized {
    /// What the value is.
    fn shape(&self) -> Shape<'_, Self>;
    /// The object's field `name`, if the value is an object that has it.
    fn field(&self, name: &str) -> Option<Self>;
    /// The object's own field names.
    fn keys(&self) -> Vec<String>;
    /// How the value reads in an error message.
    fn describe(&self) -> String {
        match self.shape() {
            Shape::Null => "null".into(),
            Shape::Bool => "a boolean".into(),
            Shape::Number(_) => "a number".into(),
            Shape::Str(s) => format!("the string \"{s}\""),
            Shape::Array(_) => "an array".into(),
            Shape::Object => "an object".into(),
            Shape::Other => "a value JSON cannot hold".into(),
        }
    }
}

/// Whether fields the table does not list are allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    /// Answers: a newer server may add fields.
    Allow,
    /// Requests: an unknown field is a mistake worth reporting.
    Refuse,
}

/// "This path in this value is wrong": the one error for a value that does not read, from
/// the checker here and from everything that reads values further (the mock's scenarios,
/// dumps, users, patches and faults).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaError {
    /// The path of the problem, such as `session.user.services[0].serviceName` or
    /// `users[2].uuid` (empty for the value itself when it has no name).
    pub path: String,
    /// What is wrong there, such as `must be a string, got a number`.
    pub problem: String,
}

impl SchemaError {
    /// `problem` at `path` (empty: the value itself).
    pub fn new(path: impl Into<String>, problem: impl Into<String>) -> Self {
        SchemaError {
            path: path.into(),
            problem: problem.into(),
        }
    }
}

impl std::error::Error for SchemaError {}

impl std::fmt::Display for SchemaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            // The value itself, unnamed (a fault given to the mock, say).
            f.write_str(&self.problem)
        } else {
            write!(f, "`{}` {}", self.path, self.problem)
        }
    }
}

/// Where a value sits, such as `session.user.services[0].serviceName`; made into text only
/// for an error, so that checking a valid value allocates no path.
#[derive(Clone, Copy)]
enum Path<'a> {
    /// The value itself, named (may be empty).
    Root(&'a str),
    /// A field of an object.
    Field(&'a Path<'a>, &'a str),
    /// An item of an array.
    Index(&'a Path<'a>, usize),
}

impl std::fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Path::Root(name) => f.write_str(name),
            Path::Field(Path::Root(""), name) => f.write_str(name),
            Path::Field(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

fn fail(path: Path<'_>, problem: String) -> Result<(), SchemaError> {
    Err(SchemaError {
        path: path.to_string(),
        problem,
    })
}

/// Checks `value`, named `what` (may be empty), against `fields`.
///
/// # Errors
///
/// A [`SchemaError`] with the path of the first problem and what is wrong there.
pub fn check<V: JsonView>(
    value: &V,
    fields: &'static [Field],
    what: &str,
    unknown: Unknown,
) -> Result<(), SchemaError> {
    check_as(value, Kind::Object(fields), what, unknown)
}

/// Checks `value` (named `what` in errors) against `kind`: [`check`] for any shape, such as
/// a list of objects.
pub fn check_as<V: JsonView>(
    value: &V,
    kind: Kind,
    what: &str,
    unknown: Unknown,
) -> Result<(), SchemaError> {
    check_kind(value, kind, Path::Root(what), unknown)
}

fn check_object<V: JsonView>(
    value: &V,
    fields: &[Field],
    path: Path<'_>,
    unknown: Unknown,
) -> Result<(), SchemaError> {
    if !matches!(value.shape(), Shape::Object) {
        return fail(path, format!("must be an object, got {}", value.describe()));
    }
    for field in fields {
        let at = Path::Field(&path, field.name);
        match value.field(field.name) {
            Some(inner) if !matches!(inner.shape(), Shape::Null) => {
                check_kind(&inner, field.kind, at, unknown)?
            }
            _ if field.required => return fail(at, "is required".into()),
            _ => {}
        }
    }
    if unknown == Unknown::Refuse {
        if let Some(extra) = value
            .keys()
            .into_iter()
            .find(|key| !fields.iter().any(|f| f.name == key))
        {
            let mut known = String::new();
            for field in fields {
                if !known.is_empty() {
                    known.push_str(", ");
                }
                known.push_str(field.name);
            }
            return fail(
                Path::Field(&path, &extra),
                format!("is not a known field (known: {known})"),
            );
        }
    }
    Ok(())
}

fn check_kind<V: JsonView>(
    value: &V,
    kind: Kind,
    path: Path<'_>,
    unknown: Unknown,
) -> Result<(), SchemaError> {
    let wrong = |expected: &str| {
        fail(
            path,
            format!("must be {expected}, got {}", value.describe()),
        )
    };
    match (kind, value.shape()) {
        (Kind::Any, _) | (Kind::Str | Kind::Enum, Shape::Str(_)) | (Kind::Bool, Shape::Bool) => {
            Ok(())
        }
        // Within ±2^63, so that every reader of the value (an `i64`) gets it back exactly.
        (Kind::Int, Shape::Number(n)) if n.fract() == 0.0 && n.abs() < 9.2e18 => Ok(()),
        (Kind::Time, Shape::Str(text)) => match Timestamp::parse(&text) {
            Ok(_) => Ok(()),
            Err(err) => fail(path, format!("is not a date-time: {err}")),
        },
        (Kind::Object(fields), _) => check_object(value, fields, path, unknown),
        (Kind::Array(item), Shape::Array(items)) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, v)| check_kind(v, *item, Path::Index(&path, i), unknown)),
        (Kind::Map(item), Shape::Object) => {
            value
                .keys()
                .into_iter()
                .try_for_each(|key| match value.field(&key) {
                    Some(v) => check_kind(&v, *item, Path::Field(&path, &key), unknown),
                    None => Ok(()),
                })
        }
        (Kind::Str | Kind::Enum, _) => wrong("a string"),
        (Kind::Bool, _) => wrong("a boolean"),
        (Kind::Int, _) => wrong("a whole number"),
        (Kind::Time, _) => wrong("an RFC 3339 date-time string"),
        (Kind::Array(_), _) => wrong("an array"),
        (Kind::Map(_), _) => wrong("an object"),
    }
}

/// A serde_json value, read where it is: the mock's bodies, scenarios and dumps, and the
/// tests of the checker.
#[cfg(any(test, feature = "mock"))]
impl JsonView for &serde_json::Value {
    fn shape(&self) -> Shape<'_, Self> {
        use serde_json::Value;
        match self {
            Value::Null => Shape::Null,
            Value::Bool(_) => Shape::Bool,
            Value::Number(n) => Shape::Number(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => Shape::Str(Cow::Borrowed(s)),
            Value::Array(items) => Shape::Array(items.iter().collect()),
            Value::Object(_) => Shape::Object,
        }
    }

    fn field(&self, name: &str) -> Option<Self> {
        self.get(name)
    }

    fn keys(&self) -> Vec<String> {
        self.as_object()
            .map(|fields| fields.keys().cloned().collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
pub(crate) mod tests;
