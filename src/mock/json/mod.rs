//! [`Json`]: the mock's JSON values, with a small parser ([`Json::parse`]) and writer
//! ([`Json::write`]).
//!
//! The mock reads request bodies, scenarios and dumps with it, and writes its own documents
//! (dumps, the journal, control answers); the API's models are written by serde_json
//! ([`ToJson`] for them). It was written when the mock shared the client's size-budgeted
//! module; the mock is its own module now, with no size budget, and the rest can follow.
//! Numbers are kept as [`Json::Int`] when they are whole and fit an `i64` (ids,
//! milliseconds), as [`Json::Float`] otherwise.

use std::borrow::Cow;

mod models;
mod parse;
mod write;

pub(crate) use models::{model_to_json, Fields, Model, Object, Sink, TextSink, TreeSink};
pub use models::{FromJson, ToJson};
pub use parse::JsonError;

/// A JSON value. Objects keep their fields in order; equality ignores that order.
#[derive(Debug, Clone, Default)]
pub enum Json {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number that fits an `i64`.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// A string.
    Str(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, its fields in order (a name appears once). Names the mock writes are
    /// static strings, so building an answer allocates no name.
    Object(Vec<(Cow<'static, str>, Json)>),
}

impl Json {
    /// An object of `fields`, in that order.
    pub fn object<const N: usize>(fields: [(&'static str, Json); N]) -> Json {
        Json::Object(
            fields
                .into_iter()
                .map(|(name, value)| (Cow::Borrowed(name), value))
                .collect(),
        )
    }

    /// The field `name` of an object.
    pub fn get(&self, name: &str) -> Option<&Json> {
        self.as_object()?
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }

    /// Sets the field `name` of an object (added at the end when new); does nothing on
    /// other values.
    pub fn set(&mut self, name: &str, value: Json) {
        if let Json::Object(fields) = self {
            match fields.iter_mut().find(|(n, _)| n == name) {
                Some((_, slot)) => *slot = value,
                None => fields.push((Cow::Owned(name.to_owned()), value)),
            }
        }
    }

    /// This object with the fields of `other` set over its own (both must be objects).
    pub fn merged(mut self, other: Json) -> Json {
        if let Json::Object(fields) = other {
            for (name, value) in fields {
                self.set(&name, value);
            }
        }
        self
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        let Json::Bool(b) = self else { return None };
        Some(*b)
    }

    /// The whole number, if this is one that fits an `i64` (`2.0` counts).
    pub fn as_i64(&self) -> Option<i64> {
        if let Json::Int(n) = self {
            return Some(*n);
        }
        let x = self.as_f64()?;
        (x.fract() == 0.0 && x.abs() < 9.0e18).then_some(x as i64)
    }

    /// This value with every whole number written as a float (`2e3`) made an [`Json::Int`],
    /// as the schema check reads it: for a reader that takes an integer only as one.
    pub fn whole_numbers_as_ints(self) -> Json {
        match self {
            Json::Float(_) => self.as_i64().map_or(self, Json::Int),
            Json::Array(items) => {
                Json::Array(items.into_iter().map(Json::whole_numbers_as_ints).collect())
            }
            Json::Object(fields) => Json::Object(
                fields
                    .into_iter()
                    .map(|(name, value)| (name, value.whole_numbers_as_ints()))
                    .collect(),
            ),
            Json::Null | Json::Bool(_) | Json::Int(_) | Json::Str(_) => self,
        }
    }

    /// The number, if this is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Int(n) => Some(*n as f64),
            Json::Float(x) => Some(*x),
            Json::Null | Json::Bool(_) | Json::Str(_) | Json::Array(_) | Json::Object(_) => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        let Json::Str(s) = self else { return None };
        Some(s)
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        let Json::Array(items) = self else {
            return None;
        };
        Some(items)
    }

    /// The fields, if this is an object.
    pub fn as_object(&self) -> Option<&[(Cow<'static, str>, Json)]> {
        let Json::Object(fields) = self else {
            return None;
        };
        Some(fields)
    }

    /// How the value reads in an error message, such as `the number 1` or `an array`.
    pub fn describe(&self) -> String {
        match self {
            Json::Null => "null".into(),
            Json::Bool(b) => format!("the boolean {b}"),
            Json::Int(_) | Json::Float(_) => format!("the number {self}"),
            Json::Str(s) => format!("the string \"{s}\""),
            Json::Array(_) => "an array".into(),
            Json::Object(_) => "an object".into(),
        }
    }
}

impl PartialEq for Json {
    fn eq(&self, other: &Json) -> bool {
        match (self, other) {
            (Json::Null, Json::Null) => true,
            (Json::Bool(a), Json::Bool(b)) => a == b,
            (Json::Int(a), Json::Int(b)) => a == b,
            (Json::Float(a), Json::Float(b)) => a == b,
            (Json::Str(a), Json::Str(b)) => a == b,
            (Json::Array(a), Json::Array(b)) => a == b,
            (Json::Object(a), Json::Object(b)) => {
                a.len() == b.len() && a.iter().all(|(name, v)| other.get(name) == Some(v))
            }
            _ => false,
        }
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Self {
        Json::Bool(b)
    }
}

impl From<i64> for Json {
    fn from(n: i64) -> Self {
        Json::Int(n)
    }
}

impl From<u64> for Json {
    fn from(n: u64) -> Self {
        i64::try_from(n).map_or(Json::Float(n as f64), Json::Int)
    }
}

impl From<f64> for Json {
    fn from(x: f64) -> Self {
        Json::Float(x)
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Self {
        Json::Str(s.to_owned())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Self {
        Json::Str(s)
    }
}

impl<T: Into<Json>> From<Option<T>> for Json {
    fn from(value: Option<T>) -> Self {
        value.map_or(Json::Null, Into::into)
    }
}

impl crate::schema::JsonView for &Json {
    fn shape(&self) -> crate::schema::Shape<'_, Self> {
        use crate::schema::Shape;
        match self {
            Json::Null => Shape::Null,
            Json::Bool(_) => Shape::Bool,
            Json::Int(n) => Shape::Number(*n as f64),
            Json::Float(x) => Shape::Number(*x),
            Json::Str(s) => Shape::Str(Cow::Borrowed(s)),
            Json::Array(items) => Shape::Array(items.iter().collect()),
            Json::Object(_) => Shape::Object,
        }
    }

    fn field(&self, name: &str) -> Option<Self> {
        self.get(name)
    }

    fn keys(&self) -> Vec<String> {
        self.as_object()
            .map(|fields| fields.iter().map(|(n, _)| n.to_string()).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests;
