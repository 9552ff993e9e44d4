//! Between JS values and Rust: argument checks that name what was wrong, payloads and
//! answers checked as JSON text against the schema tables, and [`ClientError`] as a
//! `SessionApiError` (the one conversion: `From<ClientError> for JsValue`).

#[cfg(feature = "client")]
use js_sys::JsString;
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::client::{check_header, ClientError};
#[cfg(feature = "client")]
use crate::models::ErrorMessage;
use crate::operation::Operation;
#[cfg(feature = "client")]
use crate::schema::{
    check, check_as, Field, JsonText, JsonView, Kind, Shape, Unknown, ERROR_PAYLOAD,
};

#[cfg(feature = "client")]
#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` of a JS string, which `js_sys::JSON::parse` would copy out of wasm.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn parse_json(text: &JsString) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(module = "/js/session-api-error.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeSessionApiError)]
    fn make_session_api_error(
        status: u16,
        code: &str,
        description: &str,
        body: &JsValue,
        operation: Option<&str>,
        retryable: bool,
        cause_name: Option<&str>,
        cause_message: Option<&str>,
    ) -> JsValue;
}

/// The one conversion of an error into what JS sees: a `SessionApiError` of no call (a
/// constructor's, a mock's), so `?` turns any [`ClientError`] into it. A call's error also
/// names its operation (`call_error_to_js`).
impl From<ClientError> for JsValue {
    fn from(err: ClientError) -> JsValue {
        call_error_to_js(&err, None)
    }
}

/// `err` as a JS `SessionApiError` of a call of `operation`: it names the operation and
/// says whether calling again may succeed and is safe ([`ClientError::retryable`]).
pub(super) fn call_error_to_js(err: &ClientError, operation: Option<Operation>) -> JsValue {
    let body = match err.body() {
        Some(text) => JSON::parse(text).unwrap_or_else(|_| JsValue::from_str(text)),
        None => JsValue::UNDEFINED,
    };
    make_session_api_error(
        err.status(),
        err.code(),
        &err.description(),
        &body,
        operation.map(Operation::name),
        operation.is_some_and(|op| err.retryable(op.idempotent())),
        err.cause().map(|cause| cause.name.as_str()),
        err.cause().map(|cause| cause.message.as_str()),
    )
}

/// An `INVALID_ARGUMENT` error, as JS.
pub(super) fn invalid(message: impl Into<String>) -> JsValue {
    ClientError::InvalidArgument(message.into()).into()
}

/// How a JS value reads in an error message.
pub(super) fn describe(value: &JsValue) -> String {
    if value.is_undefined() {
        "undefined".into()
    } else if value.is_null() {
        "null".into()
    } else if let Some(s) = value.as_string() {
        format!("the string \"{s}\"")
    } else if value.as_f64().is_some() {
        let number: &js_sys::Number = value.unchecked_ref();
        format!(
            "the number {}",
            String::from(number.to_string_with_radix(10).unwrap_or_default())
        )
    } else if let Some(b) = value.as_bool() {
        format!("the boolean {b}")
    } else if Array::is_array(value) {
        "an array".into()
    } else {
        format!(
            "a value of type {}",
            value.js_typeof().as_string().unwrap_or_default()
        )
    }
}

/// `INVALID_ARGUMENT`: `name` must be `expected`, and what it was.
pub(super) fn wrong(name: &str, expected: &str, got: &JsValue) -> ClientError {
    ClientError::InvalidArgument(format!(
        "`{name}` must be {expected}, got {}",
        describe(got)
    ))
}

mod text {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// A JS string primitive.
        pub type Text;
        /// `String.prototype.isWellFormed`: no lone surrogate.
        #[wasm_bindgen(method, js_name = isWellFormed)]
        pub fn is_well_formed(this: &Text) -> bool;
    }
}

/// A required string argument. A string with a lone surrogate is refused: it has no UTF-8
/// form, and would silently become U+FFFD (a token read back would differ from the one set).
pub(super) fn string_arg(value: &JsValue, name: &str) -> Result<String, ClientError> {
    match value.is_string() {
        true if !value.unchecked_ref::<text::Text>().is_well_formed() => {
            Err(ClientError::InvalidArgument(format!(
                "`{name}` holds a lone surrogate, which no request can carry"
            )))
        }
        _ => value
            .as_string()
            .ok_or_else(|| wrong(name, "a string", value)),
    }
}

/// An optional string argument (`undefined` or `null`: absent).
pub(super) fn optional_string_arg(
    value: &JsValue,
    name: &str,
) -> Result<Option<String>, ClientError> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        string_arg(value, name).map(Some)
    }
}

#[cfg(feature = "client")]
/// An optional boolean argument (`undefined` or `null`: absent).
pub(super) fn optional_bool_arg(value: &JsValue, name: &str) -> Result<Option<bool>, ClientError> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        value
            .as_bool()
            .map(Some)
            .ok_or_else(|| wrong(name, "a boolean", value))
    }
}

/// An options object read field by field.
pub(super) struct Options {
    value: JsValue,
    what: &'static str,
}

impl Options {
    /// `value` as an options object; `undefined` or `null` gives `None`.
    pub(super) fn new(value: JsValue, what: &'static str) -> Result<Option<Self>, ClientError> {
        if value.is_undefined() || value.is_null() {
            Ok(None)
        } else if value.is_object() && !Array::is_array(&value) {
            Ok(Some(Options { value, what }))
        } else {
            Err(wrong(what, "an object", &value))
        }
    }

    #[cfg(feature = "client")]
    /// An empty options object: every field absent.
    pub(super) fn empty() -> Self {
        Options {
            value: Object::new().into(),
            what: "options",
        }
    }

    /// Refuses a field that is not one of `known` (a typo such as `clok` or `timeout`
    /// would otherwise be ignored without a word).
    pub(super) fn known(&self, known: &[&str]) -> Result<(), ClientError> {
        let keys = Object::keys(self.value.unchecked_ref::<Object>());
        for key in keys.iter() {
            let key = key.as_string().unwrap_or_default();
            if !known.iter().any(|name| *name == key) {
                let mut message = format!("`{}` is not an option (the options:", self.name(&key));
                for name in known {
                    message.push(' ');
                    message.push_str(name);
                }
                message.push(')');
                return Err(ClientError::InvalidArgument(message));
            }
        }
        Ok(())
    }

    /// The options object itself.
    #[cfg(feature = "client")]
    pub(super) fn object(&self) -> &JsValue {
        &self.value
    }

    /// The raw value of `field` (`undefined` when absent). Field names are interned where
    /// the build enables it (the mock module): each is made a JS string once.
    pub(super) fn get(&self, field: &'static str) -> JsValue {
        let key = JsValue::from_str(wasm_bindgen::intern(field));
        Reflect::get(&self.value, &key).unwrap_or(JsValue::UNDEFINED)
    }

    fn name(&self, field: &str) -> String {
        format!("{}.{field}", self.what)
    }

    /// An optional string field.
    pub(super) fn string(&self, field: &'static str) -> Result<Option<String>, ClientError> {
        optional_string_arg(&self.get(field), &self.name(field))
    }

    /// An optional whole number field, from 0 to `max`.
    pub(super) fn whole(&self, field: &'static str, max: f64) -> Result<Option<f64>, ClientError> {
        let value = self.get(field);
        if value.is_undefined() || value.is_null() {
            return Ok(None);
        }
        match value.as_f64() {
            Some(n) if n.fract() == 0.0 && (0.0..=max).contains(&n) => Ok(Some(n)),
            _ => Err(wrong(
                &self.name(field),
                &format!("a whole number from 0 to {}", max as u64),
                &value,
            )),
        }
    }

    /// An optional `AbortSignal` field.
    pub(super) fn signal(
        &self,
        field: &'static str,
    ) -> Result<Option<web_sys::AbortSignal>, ClientError> {
        let value = self.get(field);
        if value.is_undefined() || value.is_null() {
            Ok(None)
        } else if value.is_instance_of::<web_sys::AbortSignal>() {
            Ok(Some(value.unchecked_into()))
        } else {
            Err(wrong(&self.name(field), "an AbortSignal", &value))
        }
    }

    /// An optional `Record<string, string>` field, as pairs.
    pub(super) fn headers(
        &self,
        field: &'static str,
    ) -> Result<Vec<(String, String)>, ClientError> {
        let value = self.get(field);
        if value.is_undefined() || value.is_null() {
            return Ok(Vec::new());
        }
        if !value.is_object() || Array::is_array(&value) {
            return Err(wrong(&self.name(field), "an object of strings", &value));
        }
        let mut pairs = Vec::new();
        for entry in Object::entries(value.unchecked_ref()).iter() {
            let pair: Array = entry.unchecked_into();
            let name = pair.get(0).as_string().unwrap_or_default();
            let at = format!("{}.{field}[\"{name}\"]", self.what);
            let value = string_arg(&pair.get(1), &at)?;
            check_header(&name, &value)
                .map_err(|why| ClientError::InvalidArgument(format!("`{at}`: {why}")))?;
            pairs.push((name, value));
        }
        Ok(pairs)
    }
}

#[cfg(feature = "client")]
/// A payload from JS as the JSON text `JSON.stringify` makes of it, after checking that
/// text against its table (`INVALID_ARGUMENT` naming the field otherwise): what is checked
/// is exactly what is sent.
pub(super) fn payload_json(
    value: &JsValue,
    fields: &'static [Field],
    what: &str,
) -> Result<String, ClientError> {
    let text = match JSON::stringify(value) {
        Ok(text) => text.as_string(),
        Err(_) => {
            return Err(ClientError::InvalidArgument(format!(
                "`{what}` cannot be encoded as JSON (it holds a BigInt or a cycle)"
            )))
        }
    };
    // `undefined`, a function or a symbol has no JSON text.
    let text = text.ok_or_else(|| wrong(what, "an object", value))?;
    let checked = JsonText::parse(&text)
        .ok_or_else(|| format!("`{what}` nests too deep to send"))
        .and_then(|value| {
            check(&&value, fields, what, Unknown::Refuse).map_err(|err| err.to_string())
        });
    checked.map_err(ClientError::InvalidArgument)?;
    Ok(text)
}

#[cfg(feature = "client")]
/// A success body, checked against its table in Rust (no JS value is touched field by
/// field), then handed to JS by one `JSON.parse`; `DECODE` when it is not JSON or does not
/// match.
pub(super) fn decode(
    status: u16,
    body: JsString,
    shape: Kind,
    what: &str,
) -> Result<JsValue, ClientError> {
    let text = String::from(&body);
    let checked = match JsonText::parse(&text) {
        Some(value) => {
            check_as(&&value, shape, what, Unknown::Allow).map_err(|err| err.to_string())
        }
        None => Err("the body is not JSON".to_owned()),
    };
    match checked.map(|()| parse_json(&body)) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(_)) => Err("the body is not JSON".to_owned()),
        Err(reason) => Err(reason),
    }
    .map_err(|reason| ClientError::Decode {
        status,
        reason,
        body: text,
    })
}

#[cfg(feature = "client")]
/// A failure body's `message` and `description`, when it is an `ErrorPayload`.
pub(super) fn parse_error_payload(body: &str) -> Option<(ErrorMessage, Option<String>)> {
    let value = JsonText::parse(body)?;
    let value = &value;
    check(&value, ERROR_PAYLOAD, "error", Unknown::Allow).ok()?;
    let text = |name| match value.field(name)?.shape() {
        Shape::Str(text) => Some(text.into_owned()),
        Shape::Null
        | Shape::Bool
        | Shape::Number(_)
        | Shape::Array(_)
        | Shape::Object
        | Shape::Other => None,
    };
    Some((
        ErrorMessage::from(text("message")?.as_str()),
        text("description"),
    ))
}
