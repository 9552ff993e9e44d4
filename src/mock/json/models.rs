//! [`ToJson`] and [`FromJson`] for the API's models: the mock's encoding of them, with the
//! field names of the contract. A native test holds each to the serde encoding of the same
//! model, so the two cannot drift apart.

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

    /// The value as compact JSON text.
    fn to_json_text(&self) -> String {
        self.to_json().to_string()
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
    fn to_json_text(&self) -> String {
        self.to_string()
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self) -> Json {
        Json::Array(self.iter().map(ToJson::to_json).collect())
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Json {
        self.as_slice().to_json()
    }
}

impl ToJson for String {
    fn to_json(&self) -> Json {
        Json::Str(self.clone())
    }
}

impl ToJson for Timestamp {
    fn to_json(&self) -> Json {
        Json::Str(self.to_string())
    }
}

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

    /// Adds a model field when it has a value.
    pub(crate) fn opt_model(self, name: &'static str, value: Option<&impl ToJson>) -> Self {
        self.opt(name, value.map(ToJson::to_json))
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

impl ToJson for Session {
    fn to_json(&self) -> Json {
        Object::new()
            .with("sessionId", self.session_id.as_str())
            .with("state", self.state.as_str())
            .model("created", &self.created)
            .model("suspend", &self.suspend)
            .model("expire", &self.expire)
            .model("user", &self.user)
            .with(
                "enabledForEquisoftConnect",
                self.enabled_for_equisoft_connect,
            )
            .with("mobile", self.mobile)
            .opt("cookieDomain", self.cookie_domain.as_deref())
            .opt_model("actor", self.actor.as_ref())
            .opt_model("sso", self.sso.as_ref())
            .done()
    }
}

impl ToJson for User {
    fn to_json(&self) -> Json {
        Object::new()
            .with("id", self.id)
            .with("uuid", self.uuid.as_str())
            .with("displayName", self.display_name.as_str())
            .with("email", self.email.as_str())
            .with("locale", self.locale.as_str())
            .with("state", self.state.as_str())
            .with("locked", self.locked)
            .model("legacyRoles", &self.legacy_roles)
            .with("deletable", self.deletable)
            .with("billable", self.billable)
            .model("agreement", &self.agreement)
            .model("services", &self.services)
            .model("servicesUsers", &self.services_users)
            .with("authType", self.auth_type.as_str())
            .opt("mobilePhone", self.mobile_phone.as_deref())
            .opt_model("created", self.created.as_ref())
            .opt_model("ssoProvider", self.sso_provider.as_ref())
            .opt("ssoIdentifier", self.sso_identifier.as_deref())
            .done()
    }
}

impl FromJson for User {
    fn from_json(value: &Json) -> Self {
        let f = Fields(value);
        User {
            id: f.int("id"),
            uuid: f.str("uuid"),
            display_name: f.str("displayName"),
            email: f.str("email"),
            locale: f.str("locale"),
            state: f.str("state").as_str().into(),
            locked: f.bool("locked"),
            legacy_roles: f.list("legacyRoles"),
            deletable: f.bool("deletable"),
            billable: f.bool("billable"),
            agreement: f
                .opt_model("agreement")
                .unwrap_or_else(|| UserAgreement::from_json(&Json::Null)),
            services: f.list("services"),
            services_users: f.list("servicesUsers"),
            auth_type: f.str("authType"),
            mobile_phone: f.opt_str("mobilePhone"),
            created: f.opt_time("created"),
            sso_provider: f.opt_model("ssoProvider"),
            sso_identifier: f.opt_str("ssoIdentifier"),
        }
    }
}

impl ToJson for UserAgreement {
    fn to_json(&self) -> Json {
        Object::new().with("state", self.state.as_str()).done()
    }
}

impl FromJson for UserAgreement {
    fn from_json(value: &Json) -> Self {
        UserAgreement {
            state: Fields(value).str("state").as_str().into(),
        }
    }
}

impl ToJson for ServiceAccess {
    fn to_json(&self) -> Json {
        Object::new()
            .with("serviceName", self.service_name.as_str())
            .opt("databaseId", self.database_id)
            .opt("databaseName", self.database_name.as_deref())
            .opt(
                "databaseState",
                self.database_state.as_ref().map(|s| s.as_str()),
            )
            .opt("userId", self.user_id)
            .opt(
                "maxConcurrentAccess",
                self.max_concurrent_access.map(i64::from),
            )
            .done()
    }
}

impl FromJson for ServiceAccess {
    fn from_json(value: &Json) -> Self {
        let f = Fields(value);
        ServiceAccess {
            service_name: f.str("serviceName").as_str().into(),
            database_id: f.opt_int("databaseId"),
            database_name: f.opt_str("databaseName"),
            database_state: f.opt_str("databaseState").map(|s| s.as_str().into()),
            user_id: f.opt_int("userId"),
            max_concurrent_access: f
                .opt_int("maxConcurrentAccess")
                .map(|n| n.clamp(i32::MIN.into(), i32::MAX.into()) as i32),
        }
    }
}

impl ToJson for UserServiceAssociation {
    fn to_json(&self) -> Json {
        Object::new()
            .with("organizationUuid", self.organization_uuid.as_str())
            .with("code", self.code.as_str())
            .opt("externalId", self.external_id.as_deref())
            .done()
    }
}

impl FromJson for UserServiceAssociation {
    fn from_json(value: &Json) -> Self {
        let f = Fields(value);
        UserServiceAssociation {
            organization_uuid: f.str("organizationUuid"),
            code: f.str("code"),
            external_id: f.opt_str("externalId"),
        }
    }
}

impl ToJson for UserSsoProvider {
    fn to_json(&self) -> Json {
        Object::new().with("code", self.code.as_str()).done()
    }
}

impl FromJson for UserSsoProvider {
    fn from_json(value: &Json) -> Self {
        UserSsoProvider {
            code: Fields(value).str("code"),
        }
    }
}

impl ToJson for SsoProvider {
    fn to_json(&self) -> Json {
        Object::new()
            .with("provider", self.provider.as_str())
            .with("identifier", self.identifier.as_str())
            .done()
    }
}

impl FromJson for SsoProvider {
    fn from_json(value: &Json) -> Self {
        let f = Fields(value);
        SsoProvider {
            provider: f.str("provider"),
            identifier: f.str("identifier"),
        }
    }
}

impl ToJson for SsoToken {
    fn to_json(&self) -> Json {
        Object::new()
            .with("id", self.id.as_str())
            .with("value", self.value.as_str())
            .done()
    }
}

impl ToJson for ErrorPayload {
    fn to_json(&self) -> Json {
        Object::new()
            .with("message", self.message.as_str())
            .opt("description", self.description.as_deref())
            .done()
    }
}
