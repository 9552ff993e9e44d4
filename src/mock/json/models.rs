//! [`ToJson`] and [`FromJson`] for the API's models. They are written through their serde
//! derives (the one encoding of each, which the client's tables and TypeScript also
//! describe); the lenient reader of scenarios and dumps is still this module's, and a native
//! test holds it to what serde writes.

use std::borrow::Cow;

use super::Json;
use crate::models::{
    ErrorPayload, ServiceAccess, Session, SsoProvider, SsoToken, User, UserAgreement,
    UserServiceAssociation, UserSsoProvider,
};
use crate::time::Timestamp;

/// A value the mock can write as JSON.
pub trait ToJson {
    /// The value as JSON.
    fn to_json(&self) -> Json;

    /// Appends the value as compact JSON text to `out` (what [`Self::to_json`] would write;
    /// the models write it directly, without building the tree).
    fn write_json(&self, out: &mut String) {
        self.to_json().write(out);
    }

    /// The value as compact JSON text.
    fn to_json_text(&self) -> String {
        let mut out = String::with_capacity(256);
        self.write_json(&mut out);
        out
    }
}

/// A value the mock can read from JSON.
///
/// Reading is lenient: it is meant for values that [`schema::check`](crate::schema::check)
/// has accepted against the type's table, which is where a wrong or missing field is
/// reported with its path. A field that is missing or of another type here reads as its
/// default.
pub trait FromJson: Sized {
    /// Reads the value.
    fn from_json(value: &Json) -> Self;
}

impl ToJson for Json {
    fn to_json(&self) -> Json {
        self.clone()
    }

    /// Written as it is, without the copy `to_json` makes.
    fn write_json(&self, out: &mut String) {
        self.write(out);
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self) -> Json {
        Json::Array(self.iter().map(ToJson::to_json).collect())
    }

    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Json {
        self.as_slice().to_json()
    }

    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

impl ToJson for str {
    fn to_json(&self) -> Json {
        Json::Str(self.to_owned())
    }

    fn write_json(&self, out: &mut String) {
        super::write::write_string(self, out);
    }
}

impl ToJson for String {
    fn to_json(&self) -> Json {
        self.as_str().to_json()
    }

    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out);
    }
}

/// A session's SSO tokens, as an object of strings.
impl ToJson for crate::mock::store::Tokens {
    fn to_json(&self) -> Json {
        let fields = self
            .iter()
            .map(|(id, value)| (Cow::Owned(id.clone()), value.to_json()));
        Json::Object(fields.collect())
    }

    fn write_json(&self, out: &mut String) {
        out.push('{');
        for (i, (id, value)) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            id.write_json(out);
            out.push(':');
            value.write_json(out);
        }
        out.push('}');
    }
}

impl ToJson for bool {
    fn to_json(&self) -> Json {
        Json::Bool(*self)
    }
}

impl ToJson for i64 {
    fn to_json(&self) -> Json {
        Json::Int(*self)
    }
}

impl ToJson for Timestamp {
    fn to_json(&self) -> Json {
        Json::Str(self.to_string())
    }

    fn write_json(&self, out: &mut String) {
        use std::fmt::Write;
        let _ = write!(out, "\"{self}\"");
    }
}

/// Where a model's fields go: into a [`Json`] tree or straight into JSON text. Each model
/// lists its fields once ([`Model::fields`]) for both.
pub(crate) trait Sink {
    /// Adds a field.
    fn field<T: ToJson + ?Sized>(&mut self, name: &'static str, value: &T);

    /// Adds a field when it has a value.
    fn opt<T: ToJson + ?Sized>(&mut self, name: &'static str, value: Option<&T>) {
        if let Some(value) = value {
            self.field(name, value);
        }
    }
}

/// A model written as a JSON object.
pub(crate) trait Model {
    /// Gives each field to `sink`, in the contract's order.
    fn fields<S: Sink>(&self, sink: &mut S);
}

pub(crate) struct TreeSink(pub(crate) Vec<(Cow<'static, str>, Json)>);

impl Sink for TreeSink {
    fn field<T: ToJson + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.0.push((Cow::Borrowed(name), value.to_json()));
    }
}

pub(crate) struct TextSink<'a> {
    pub(crate) out: &'a mut String,
    pub(crate) first: bool,
}

impl Sink for TextSink<'_> {
    fn field<T: ToJson + ?Sized>(&mut self, name: &'static str, value: &T) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        super::write::write_string(name, self.out);
        self.out.push(':');
        value.write_json(self.out);
    }
}

/// `ToJson` for models, from their [`Model::fields`].
macro_rules! model_to_json {
    ($($model:ty),*) => {$(
        impl $crate::mock::json::ToJson for $model {
            fn to_json(&self) -> $crate::mock::json::Json {
                use $crate::mock::json::Model;
                let mut sink = $crate::mock::json::TreeSink(Vec::new());
                self.fields(&mut sink);
                $crate::mock::json::Json::Object(sink.0)
            }

            fn write_json(&self, out: &mut String) {
                use $crate::mock::json::Model;
                out.push('{');
                self.fields(&mut $crate::mock::json::TextSink { out: &mut *out, first: true });
                out.push('}');
            }
        }
    )*};
}

pub(crate) use model_to_json;

/// `ToJson` for the API's models, through their serde derives: one encoding of each, the
/// one the client's tables and TypeScript describe.
macro_rules! serde_to_json {
    ($($model:ty),*) => {$(
        impl ToJson for $model {
            fn to_json(&self) -> Json {
                Json::parse(&self.to_json_text()).unwrap_or_default()
            }

            fn write_json(&self, out: &mut String) {
                out.push_str(&self.to_json_text());
            }

            fn to_json_text(&self) -> String {
                // A session's text is about 1 KB: room for it at once.
                let mut out = Vec::with_capacity(1024);
                // Cannot fail: the models have no map with non-string keys.
                let _ = serde_json::to_writer(&mut out, self);
                String::from_utf8(out).unwrap_or_default()
            }
        }
    )*};
}

serde_to_json!(
    Session,
    User,
    UserAgreement,
    ServiceAccess,
    UserServiceAssociation,
    UserSsoProvider,
    SsoProvider,
    SsoToken,
    ErrorPayload
);

/// An object under construction; `None` fields are left out.
#[derive(Default)]
pub(crate) struct Object(Vec<(Cow<'static, str>, Json)>);

impl Object {
    pub(crate) fn new() -> Self {
        Object::default()
    }

    /// Adds a field.
    pub(crate) fn with(mut self, name: &'static str, value: impl Into<Json>) -> Self {
        self.0.push((Cow::Borrowed(name), value.into()));
        self
    }

    /// Adds a field holding a model (or a list of them).
    pub(crate) fn model(self, name: &'static str, value: &(impl ToJson + ?Sized)) -> Self {
        self.with(name, value.to_json())
    }

    /// Adds a field when it has a value.
    pub(crate) fn opt(self, name: &'static str, value: Option<impl Into<Json>>) -> Self {
        match value {
            Some(value) => self.with(name, value),
            None => self,
        }
    }

    pub(crate) fn done(self) -> Json {
        Json::Object(self.0)
    }
}

/// Reads the fields of an object leniently (see [`FromJson`]).
#[derive(Clone, Copy)]
pub(crate) struct Fields<'a>(pub(crate) &'a Json);

impl<'a> Fields<'a> {
    fn get(&self, name: &str) -> Option<&'a Json> {
        self.0.get(name).filter(|v| !v.is_null())
    }

    pub(crate) fn opt_str(&self, name: &str) -> Option<String> {
        self.get(name).and_then(Json::as_str).map(str::to_owned)
    }

    pub(crate) fn str(&self, name: &str) -> String {
        self.opt_str(name).unwrap_or_default()
    }

    pub(crate) fn opt_bool(&self, name: &str) -> Option<bool> {
        self.get(name).and_then(Json::as_bool)
    }

    pub(crate) fn bool(&self, name: &str) -> bool {
        self.opt_bool(name).unwrap_or_default()
    }

    pub(crate) fn opt_int(&self, name: &str) -> Option<i64> {
        self.get(name).and_then(Json::as_i64)
    }

    pub(crate) fn int(&self, name: &str) -> i64 {
        self.opt_int(name).unwrap_or_default()
    }

    pub(crate) fn opt_time(&self, name: &str) -> Option<Timestamp> {
        self.get(name)
            .and_then(Json::as_str)
            .and_then(|s| Timestamp::parse(s).ok())
    }

    pub(crate) fn time(&self, name: &str) -> Timestamp {
        self.opt_time(name).unwrap_or(Timestamp::MIN)
    }

    /// An object of strings (checked as `Kind::Map(&Kind::Str)`), as pairs in order.
    pub(crate) fn str_map(&self, name: &str) -> impl Iterator<Item = (String, String)> + 'a {
        self.get(name)
            .and_then(Json::as_object)
            .unwrap_or_default()
            .iter()
            .map(|(key, v)| (key.to_string(), v.as_str().unwrap_or_default().to_owned()))
    }

    pub(crate) fn opt_model<T: FromJson>(&self, name: &str) -> Option<T> {
        self.get(name).map(T::from_json)
    }

    pub(crate) fn opt_list<T: FromJson>(&self, name: &str) -> Option<Vec<T>> {
        self.get(name)
            .and_then(Json::as_array)
            .map(|items| items.iter().map(T::from_json).collect())
    }

    pub(crate) fn list<T: FromJson>(&self, name: &str) -> Vec<T> {
        self.opt_list(name).unwrap_or_default()
    }
}

/// A string item of a list (anything else reads as empty).
impl FromJson for String {
    fn from_json(value: &Json) -> Self {
        value.as_str().unwrap_or_default().to_owned()
    }
}

/// A session's single sign-on in a dump (the dump's reader is lenient, field by field).
impl FromJson for SsoProvider {
    fn from_json(value: &Json) -> Self {
        let f = Fields(value);
        SsoProvider {
            provider: f.str("provider"),
            identifier: f.str("identifier"),
        }
    }
}
