//! [`User`] and the types it embeds.

use super::model::model;
use super::{DatabaseState, ServiceName, UserAgreementState, UserState};
use crate::schema::Kind;
use crate::time::Timestamp;

model! {
    /// A user account, as embedded in a [`Session`](super::Session).
    #[derive(Debug, Clone, PartialEq)]
    pub struct User, table USER {
        /// Numeric id.
        id "id": i64 = Kind::Int,
        /// Stable identifier (a UUID).
        uuid "uuid": String = Kind::Str,
        /// Name to show.
        display_name "displayName": String = Kind::Str,
        /// E-mail address.
        email "email": String = Kind::Str,
        /// Preferred locale, such as `en` or `fr_CA`.
        locale "locale": String = Kind::Str,
        /// Whether the account may be used.
        state "state": UserState = Kind::Enum,
        /// Whether the account is locked.
        locked "locked": bool = Kind::Bool,
        /// Roles such as `ADMIN`; an impersonation role lets the user impersonate others.
        legacy_roles "legacyRoles": Vec<String> = Kind::Array(&Kind::Str),
        /// Whether the account may be deleted.
        deletable "deletable": bool = Kind::Bool,
        /// Whether the account is billed.
        billable "billable": bool = Kind::Bool,
        /// Where the user stands with the user agreement.
        agreement "agreement": UserAgreement = Kind::Object(USER_AGREEMENT),
        /// The services the user has access to.
        services "services": Vec<ServiceAccess> = Kind::Array(&Kind::Object(SERVICE_ACCESS)),
        /// The user's identities in organizations.
        services_users "servicesUsers": Vec<UserServiceAssociation> = Kind::Array(&Kind::Object(USER_SERVICE_ASSOCIATION)),
        /// How the user authenticates (for example `PASSWORD`).
        auth_type "authType": String = Kind::Str,
    } optional {
        /// Mobile phone number.
        mobile_phone "mobilePhone": String = Kind::Str,
        /// When the account was created.
        created "created": Timestamp = Kind::Time,
        /// The single sign-on provider the account is bound to.
        sso_provider "ssoProvider": UserSsoProvider = Kind::Object(USER_SSO_PROVIDER),
        /// The user's identifier at that provider.
        sso_identifier "ssoIdentifier": String = Kind::Str,
    }
}

impl User {
    /// The user's access to `service`, if any.
    pub fn service(&self, service: &ServiceName) -> Option<&ServiceAccess> {
        self.services.iter().find(|s| &s.service_name == service)
    }

    /// Whether the account is `ENABLED` (not disabled, deleted or in an unknown state).
    pub fn is_enabled(&self) -> bool {
        self.state == UserState::Enabled
    }
}

model! {
    /// Where a user stands with the user agreement.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct UserAgreement, table USER_AGREEMENT {
        /// `ACCEPTED`, or `REQUESTED` while the user still has to accept it.
        state "state": UserAgreementState = Kind::Enum,
    } optional {
    }
}

model! {
    /// A user's access to one service.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct ServiceAccess, table SERVICE_ACCESS {
        /// Which service.
        service_name "serviceName": ServiceName = Kind::Enum,
    } optional {
        /// The service database's id.
        database_id "databaseId": i64 = Kind::Int,
        /// The service database's name.
        database_name "databaseName": String = Kind::Str,
        /// The service database's state.
        database_state "databaseState": DatabaseState = Kind::Enum,
        /// The user's id in that service.
        user_id "userId": i64 = Kind::Int,
        /// Equisoft/Connect concurrent desktop sessions allowed; 0 or absent means unlimited.
        max_concurrent_access "maxConcurrentAccess": i32 = Kind::Int,
    }
}

model! {
    /// A user's identity in an organization.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct UserServiceAssociation, table USER_SERVICE_ASSOCIATION {
        /// The organization's UUID.
        organization_uuid "organizationUuid": String = Kind::Str,
        /// The user's code there.
        code "code": String = Kind::Str,
    } optional {
        /// An external identifier.
        external_id "externalId": String = Kind::Str,
    }
}

model! {
    /// The single sign-on provider a user account is bound to.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct UserSsoProvider, table USER_SSO_PROVIDER {
        /// The provider's code.
        code "code": String = Kind::Str,
    } optional {
    }
}
