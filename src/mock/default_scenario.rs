//! The built-in scenario: six users with stable UUIDs and the default [`Policy`].

use super::scenario::{Directory, Policy, Scenario};
use crate::models::{
    DatabaseState, ServiceAccess, ServiceName, User, UserAgreement, UserAgreementState,
    UserServiceAssociation, UserState,
};
use crate::time::Timestamp;

/// The admin: role `ADMIN` (may impersonate), Equisoft/Connect without a concurrency limit.
pub const ADMIN: &str = "00000000-0000-4000-8000-000000000001";
/// An advisor: Equisoft/Connect with `maxConcurrentAccess` 1.
pub const ADVISOR: &str = "00000000-0000-4000-8000-000000000002";
/// A `DISABLED` user: no session can be created for them.
pub const DISABLED: &str = "00000000-0000-4000-8000-000000000003";
/// A user whose agreement is `REQUESTED`: Equisoft/Connect with `maxConcurrentAccess` 2.
pub const AGREEMENT_REQUESTED: &str = "00000000-0000-4000-8000-000000000004";
/// A planner: Equisoft/Plan only, no Equisoft/Connect.
pub const PLANNER: &str = "00000000-0000-4000-8000-000000000005";
/// A team lead: Equisoft/Connect with `maxConcurrentAccess` 2, role `MANAGER`.
pub const TEAM_LEAD: &str = "00000000-0000-4000-8000-000000000006";

/// The default scenario.
pub fn default_scenario() -> Scenario {
    use ServiceName::{EquisoftConnect, EquisoftPlan};
    let service = |name: ServiceName, id: i64, db: &str, max: Option<i32>| ServiceAccess {
        service_name: name,
        database_id: Some(id),
        database_name: Some(db.to_owned()),
        database_state: Some(DatabaseState::Enabled),
        user_id: None,
        max_concurrent_access: max,
    };
    let connect = |max| service(EquisoftConnect, 101, "connect-demo", max);
    let plan = || service(EquisoftPlan, 201, "plan-demo", None);
    let users = [
        (
            ADMIN,
            "Alice Admin",
            UserState::Enabled,
            true,
            "ADMIN",
            vec![connect(None), plan()],
        ),
        (
            ADVISOR,
            "Adam Advisor",
            UserState::Enabled,
            true,
            "ADVISOR",
            vec![connect(Some(1))],
        ),
        (
            DISABLED,
            "Dana Disabled",
            UserState::Disabled,
            true,
            "ADVISOR",
            vec![connect(Some(1))],
        ),
        (
            AGREEMENT_REQUESTED,
            "Riley Requested",
            UserState::Enabled,
            false,
            "ADVISOR",
            vec![connect(Some(2))],
        ),
        (
            PLANNER,
            "Paula Planner",
            UserState::Enabled,
            true,
            "PLANNER",
            vec![plan()],
        ),
        (
            TEAM_LEAD,
            "Terry Lead",
            UserState::Enabled,
            true,
            "MANAGER",
            vec![connect(Some(2))],
        ),
    ];
    let created = Timestamp::parse("2026-01-01T00:00:00.000Z").ok();
    let users = users
        .into_iter()
        .zip(1..)
        .map(|((uuid, name, state, accepted, role, services), id)| {
            let first = name.split(' ').next().unwrap_or(name).to_ascii_lowercase();
            User {
                id,
                uuid: uuid.to_owned(),
                display_name: name.to_owned(),
                email: format!("{first}@example.com"),
                locale: "en".to_owned(),
                state,
                locked: false,
                legacy_roles: vec![role.to_owned()],
                deletable: true,
                billable: true,
                agreement: UserAgreement {
                    state: if accepted {
                        UserAgreementState::Accepted
                    } else {
                        UserAgreementState::Requested
                    },
                },
                services,
                services_users: vec![UserServiceAssociation {
                    organization_uuid: "00000000-0000-4000-8000-0000000000aa".to_owned(),
                    code: first,
                    external_id: None,
                }],
                auth_type: "PASSWORD".to_owned(),
                mobile_phone: None,
                created,
                sso_provider: None,
                sso_identifier: None,
            }
        })
        .collect();
    Scenario {
        directory: Directory::new(users).unwrap_or_default(),
        policy: Policy::default(),
    }
}
