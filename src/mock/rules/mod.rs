//! The business rules of the session API: plain functions of the mock's [`State`] and the
//! current time. No rule reads a clock, touches the network or knows about HTTP beyond the
//! status and [`ErrorMessage`](crate::models::ErrorMessage) of its failures.

mod connect;
mod identity;
mod lifecycle;
mod tokens;

// Each rule is a public function of its module: one written there is callable as
// `rules::name` with no change here.
pub use connect::*;
pub use identity::*;
pub use lifecycle::*;
pub use tokens::*;

use super::rng::Rng;
use super::scenario::{canonical_uuid, Scenario};
use super::store::{SessionRecord, Store};
use super::wire::ApiError;
use crate::models::{Session, User};
use crate::time::Timestamp;

/// Everything the rules read and change: the scenario, the sessions and the id generator.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// Users and policy.
    pub scenario: Scenario,
    /// The sessions.
    pub sessions: Store,
    /// Where new session ids come from.
    pub rng: Rng,
}

impl State {
    /// A state with no sessions.
    pub fn new(scenario: Scenario, rng: Rng) -> Self {
        State {
            scenario,
            sessions: Store::default(),
            rng,
        }
    }

    /// The stored key of session `id` (ids are matched in any letter case), or `404`.
    pub(crate) fn session_key(&self, id: &str) -> Result<String, ApiError> {
        self.session(id).map(|record| record.id.clone())
    }

    /// `404 NOT_FOUND` unless session `id` exists.
    ///
    /// # Errors
    ///
    /// `404 NOT_FOUND`, as above.
    pub fn require_session(&self, id: &str) -> Result<(), ApiError> {
        self.session_key(id).map(drop)
    }

    /// The session `id`, or `404`.
    fn session(&self, id: &str) -> Result<&SessionRecord, ApiError> {
        let key = canonical_uuid(id).unwrap_or_else(|| id.to_owned());
        self.sessions
            .get(&key)
            .ok_or_else(|| ApiError::not_found(format!("no session with id `{id}`")))
    }

    /// The session `id`, which must be `ENABLED` at `now` (`SESSION_NOT_ENABLED` otherwise).
    fn enabled_session(&self, id: &str, now: Timestamp) -> Result<&SessionRecord, ApiError> {
        let record = self.session(id)?;
        let current = record.state(now);
        if current != crate::models::SessionState::Enabled {
            return Err(ApiError::new(
                400,
                crate::models::ErrorMessage::SessionNotEnabled,
                format!("session `{}` is {current}, not ENABLED", record.id),
            ));
        }
        Ok(record)
    }

    /// The directory's user `uuid`; its absence is an inconsistency, so `500`.
    fn user(&self, uuid: &str) -> Result<&User, ApiError> {
        self.scenario.directory.get(uuid).ok_or_else(|| {
            ApiError::server_error(format!("user `{uuid}` is no longer in the directory"))
        })
    }

    /// The session as the API shows it at `now`, with its users embedded.
    ///
    /// # Errors
    ///
    /// `500 SERVER_ERROR` when a user the session refers to is no longer in the directory.
    pub fn render(&self, record: &SessionRecord, now: Timestamp) -> Result<Session, ApiError> {
        let given = record.given();
        Ok(Session {
            session_id: record.id.clone(),
            state: record.state(now),
            created: record.created(),
            suspend: record.suspend,
            expire: record.expire(),
            user: self.user(record.user())?.clone(),
            enabled_for_equisoft_connect: record.connect,
            mobile: given.and_then(|given| given.mobile_device) == Some(true),
            cookie_domain: given.and_then(|given| given.cookie_domain.clone()),
            actor: match record.actor() {
                Some(actor) => Some(self.user(actor)?.clone()),
                None => None,
            },
            sso: given.and_then(|given| given.sso.clone()),
        })
    }
}
