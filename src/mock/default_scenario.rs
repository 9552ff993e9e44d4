//! The built-in scenario: six users with stable UUIDs and the default [`Policy`].

use serde_json::json;

use super::scenario::{Directory, Policy, Scenario};
use crate::models::User;

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
    let connect = |max: Option<i32>| {
        json!({ "serviceName": "EQUISOFT_CONNECT", "databaseId": 101, "databaseName": "connect-demo",
                "databaseState": "ENABLED", "maxConcurrentAccess": max })
    };
    let plan = json!({ "serviceName": "EQUISOFT_PLAN", "databaseId": 201, "databaseName": "plan-demo",
                       "databaseState": "ENABLED" });
    let users = [
        (
            ADMIN,
            "Alice Admin",
            "ENABLED",
            "ACCEPTED",
            json!(["ADMIN"]),
            json!([connect(None), plan.clone()]),
        ),
        (
            ADVISOR,
            "Adam Advisor",
            "ENABLED",
            "ACCEPTED",
            json!(["ADVISOR"]),
            json!([connect(Some(1))]),
        ),
        (
            DISABLED,
            "Dana Disabled",
            "DISABLED",
            "ACCEPTED",
            json!(["ADVISOR"]),
            json!([connect(Some(1))]),
        ),
        (
            AGREEMENT_REQUESTED,
            "Riley Requested",
            "ENABLED",
            "REQUESTED",
            json!(["ADVISOR"]),
            json!([connect(Some(2))]),
        ),
        (
            PLANNER,
            "Paula Planner",
            "ENABLED",
            "ACCEPTED",
            json!(["PLANNER"]),
            json!([plan]),
        ),
        (
            TEAM_LEAD,
            "Terry Lead",
            "ENABLED",
            "ACCEPTED",
            json!(["MANAGER"]),
            json!([connect(Some(2))]),
        ),
    ];
    let users = users
        .into_iter()
        .enumerate()
        .filter_map(|(i, (uuid, name, state, agreement, roles, services))| {
            let first = name.split(' ').next().unwrap_or(name).to_lowercase();
            let user = json!({
                "id": i + 1, "uuid": uuid, "displayName": name,
                "email": format!("{first}@example.com"), "locale": "en", "state": state,
                "locked": false, "legacyRoles": roles, "deletable": true, "billable": true,
                "agreement": { "state": agreement }, "services": services,
                "servicesUsers": [{ "organizationUuid": "00000000-0000-4000-8000-0000000000aa", "code": first }],
                "authType": "PASSWORD", "created": "2026-01-01T00:00:00.000Z"
            });
            serde_json::from_value::<User>(user).ok()
        })
        .collect();
    Scenario {
        directory: Directory::new(users).unwrap_or_default(),
        policy: Policy::default(),
    }
}
