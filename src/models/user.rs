//! [`User`] and the types it embeds.

use serde::{Deserialize, Serialize};

use super::{DatabaseState, ServiceName, UserAgreementState, UserState};
use crate::time::Timestamp;

/// A user account, as embedded in a [`Session`](super::Session).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// Numeric id.
    pub id: i64,
    /// Stable identifier (a UUID).
    pub uuid: String,
    /// Name to show.
    pub display_name: String,
    /// E-mail address.
    pub email: String,
    /// Preferred locale, such as `en` or `fr_CA`.
    pub locale: String,
    /// Whether the account may be used.
    pub state: UserState,
    /// Whether the account is locked.
    pub locked: bool,
    /// Roles such as `ADMIN`; an impersonation role lets the user impersonate others.
    pub legacy_roles: Vec<String>,
    /// Whether the account may be deleted.
    pub deletable: bool,
    /// Whether the account is billed.
    pub billable: bool,
    /// Where the user stands with the user agreement.
    pub agreement: UserAgreement,
    /// The services the user has access to.
    pub services: Vec<ServiceAccess>,
    /// The user's identities in organizations.
    pub services_users: Vec<UserServiceAssociation>,
    /// How the user authenticates (for example `PASSWORD`).
    pub auth_type: String,
    /// Mobile phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_phone: Option<String>,
    /// When the account was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Timestamp>,
    /// The single sign-on provider the account is bound to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso_provider: Option<UserSsoProvider>,
    /// The user's identifier at that provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso_identifier: Option<String>,
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

/// Where a user stands with the user agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct UserAgreement {
    /// `ACCEPTED`, or `REQUESTED` while the user still has to accept it.
    pub state: UserAgreementState,
}

/// A user's access to one service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ServiceAccess {
    /// Which service.
    pub service_name: ServiceName,
    /// The service database's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_id: Option<i64>,
    /// The service database's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_name: Option<String>,
    /// The service database's state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_state: Option<DatabaseState>,
    /// The user's id in that service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i64>,
    /// Equisoft/Connect concurrent desktop sessions allowed; 0 or absent means unlimited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_concurrent_access: Option<i32>,
}

/// A user's identity in an organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct UserServiceAssociation {
    /// The organization's UUID.
    pub organization_uuid: String,
    /// The user's code there.
    pub code: String,
    /// An external identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
}

/// The single sign-on provider a user account is bound to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct UserSsoProvider {
    /// The provider's code.
    pub code: String,
}
