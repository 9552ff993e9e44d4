//! [`JsonBody`]: reading a request's JSON object field by field, with errors that name the
//! field and what was wrong with it.

use super::value::{describe, whole, Value};
use crate::client::check_header;

use super::wire::ApiError;

/// A request body that is a JSON object.
#[derive(Debug)]
pub(super) struct JsonBody {
    object: Value,
    prefix: String,
}

impl JsonBody {
    /// Parses `bytes` as a JSON object.
    pub(super) fn parse(bytes: &[u8]) -> Result<Self, ApiError> {
        let value: Value = serde_json::from_slice(bytes)
            .map_err(|err| ApiError::bad_request(format!("the request body is not JSON: {err}")))?;
        if !value.is_object() {
            return Err(ApiError::bad_request(format!(
                "the request body must be a JSON object, got {}",
                describe(&value)
            )));
        }
        Ok(JsonBody {
            object: value,
            prefix: String::new(),
        })
    }

    /// Like [`Self::parse`], but an empty body gives `None`.
    pub(super) fn parse_optional(bytes: &[u8]) -> Result<Option<Self>, ApiError> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            Ok(None)
        } else {
            Self::parse(bytes).map(Some)
        }
    }

    /// The object itself.
    pub(super) fn into_value(self) -> Value {
        self.object
    }

    /// A required string field.
    pub(super) fn string(&self, field: &str) -> Result<String, ApiError> {
        self.optional_string(field)?
            .ok_or_else(|| ApiError::bad_request(format!("`{}` is required", self.path(field))))
    }

    /// An optional string field (`null` counts as absent).
    pub(super) fn optional_string(&self, field: &str) -> Result<Option<String>, ApiError> {
        match self.object.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(self.wrong_type(field, "a string", other)),
        }
    }

    /// An optional boolean field (`null` counts as absent).
    pub(super) fn optional_bool(&self, field: &str) -> Result<Option<bool>, ApiError> {
        match self.object.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(self.wrong_type(field, "a boolean", other)),
        }
    }

    /// An optional integer field (`null` counts as absent).
    pub(super) fn optional_i64(&self, field: &str) -> Result<Option<i64>, ApiError> {
        match self.object.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(value) if whole(value).is_some() => Ok(whole(value)),
            Some(other) => Err(self.wrong_type(field, "an integer", other)),
        }
    }

    /// An optional object field, read the same way (`null` counts as absent).
    pub(super) fn optional_object(&self, field: &str) -> Result<Option<JsonBody>, ApiError> {
        match self.object.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(object @ Value::Object(_)) => Ok(Some(JsonBody {
                object: object.clone(),
                prefix: format!("{}.", self.path(field)),
            })),
            Some(other) => Err(self.wrong_type(field, "an object", other)),
        }
    }

    /// An optional object of header names and values (`null` counts as absent), each
    /// checked as `fetch` would check it.
    pub(super) fn optional_headers(&self, field: &str) -> Result<Vec<(String, String)>, ApiError> {
        let Some(object) = self.optional_object(field)? else {
            return Ok(Vec::new());
        };
        let names: Vec<&String> = object
            .object
            .as_object()
            .map(|o| o.keys().collect())
            .unwrap_or_default();
        let mut headers = Vec::with_capacity(names.len());
        for name in names {
            let value = object.string(name)?;
            check_header(name, &value)
                .map_err(|why| ApiError::bad_request(format!("`{}`: {why}", object.path(name))))?;
            headers.push((name.to_string(), value));
        }
        Ok(headers)
    }

    fn path(&self, field: &str) -> String {
        format!("{}{field}", self.prefix)
    }

    fn wrong_type(&self, field: &str, expected: &str, got: &Value) -> ApiError {
        ApiError::bad_request(format!(
            "`{}` must be {expected}, got {}",
            self.path(field),
            describe(got)
        ))
    }
}
