//! [`Store`]: the sessions, indexed for O(1) lookups and cheap expiry.

use std::collections::{BTreeSet, HashMap};

use crate::models::{SessionState, SsoProvider};
use crate::time::Timestamp;

/// A session as the mock keeps it: the users are referenced by UUID, the state is derived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// The session id (a canonical UUID).
    pub id: String,
    /// The current user's UUID (the impersonated user while impersonating). Indexed: change
    /// it only through [`Store::set_identity`].
    user: String,
    /// The admin's UUID while impersonating.
    actor: Option<String>,
    /// Creation time. Indexed (with the user).
    pub created: Timestamp,
    /// Suspension time, moved by keep-alive.
    pub suspend: Timestamp,
    /// Expiry time. Indexed.
    pub expire: Timestamp,
    /// The idle timeout that applies to this session.
    pub idle_ms: i64,
    /// Whether the session has been enabled (created with `enable: true`, or enabled later).
    pub enabled: bool,
    /// Whether the session is enabled for Equisoft/Connect.
    pub connect: bool,
    /// Created for a mobile device.
    pub mobile: bool,
    /// The cookie's domain, as given.
    pub cookie_domain: Option<String>,
    /// The single sign-on that created it.
    pub sso: Option<SsoProvider>,
    /// SSO tokens by id, values exactly as stored.
    pub tokens: Tokens,
}

/// A session's SSO tokens: id to value, in id order.
///
/// A session holds a handful of tokens, so a sorted `Vec` serves as well as a map and
/// keeps another map instantiation out of the wasm.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Tokens(Vec<(String, String)>);

/// Token ids only: a value never shows in `Debug` output (logs, panics, test failures).
impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|(id, _)| (id, super::journal::REDACTED)))
            .finish()
    }
}

impl Tokens {
    fn position(&self, id: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(key, _)| key.as_str().cmp(id))
    }

    /// The value of token `id`.
    pub fn get(&self, id: &str) -> Option<&String> {
        let i = self.position(id).ok()?;
        self.0.get(i).map(|(_, value)| value)
    }

    /// Sets token `id` to `value`.
    pub fn insert(&mut self, id: String, value: String) {
        match self.position(&id) {
            Ok(i) => {
                if let Some(slot) = self.0.get_mut(i) {
                    slot.1 = value;
                }
            }
            Err(i) => self.0.insert(i, (id, value)),
        }
    }

    /// Removes token `id`, returning its value.
    pub fn remove(&mut self, id: &str) -> Option<String> {
        self.position(id).ok().map(|i| self.0.remove(i).1)
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The tokens in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(id, value)| (id, value))
    }
}

impl FromIterator<(String, String)> for Tokens {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(pairs: I) -> Self {
        let mut tokens = Tokens::default();
        for (id, value) in pairs {
            tokens.insert(id, value);
        }
        tokens
    }
}

impl SessionRecord {
    /// A new, not yet stored, session for `user`.
    pub fn new(id: String, user: String, created: Timestamp, expire: Timestamp) -> Self {
        SessionRecord {
            id,
            user,
            actor: None,
            created,
            suspend: created,
            expire,
            idle_ms: 0,
            enabled: false,
            connect: false,
            mobile: false,
            cookie_domain: None,
            sso: None,
            tokens: Tokens::default(),
        }
    }

    /// This record with an actor (the admin while impersonating), before it is stored.
    pub fn with_actor(mut self, actor: Option<String>) -> Self {
        self.actor = actor;
        self
    }

    /// The current user's UUID.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// The admin's UUID while impersonating.
    pub fn actor(&self) -> Option<&str> {
        self.actor.as_deref()
    }

    /// The state at `now`: expired, else suspended, else new or enabled.
    pub fn state(&self, now: Timestamp) -> SessionState {
        if now >= self.expire {
            SessionState::Expired
        } else if now >= self.suspend {
            SessionState::Suspended
        } else if !self.enabled {
            SessionState::New
        } else {
            SessionState::Enabled
        }
    }
}

/// The sessions by id, with three indexes: by user (oldest first), by creation and by
/// expiry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Store {
    by_id: HashMap<String, SessionRecord>,
    by_user: HashMap<String, BTreeSet<(Timestamp, String)>>,
    by_created: BTreeSet<(Timestamp, String)>,
    by_expiry: BTreeSet<(Timestamp, String)>,
}

impl Store {
    /// The number of sessions.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether there are no sessions.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// The session `id`.
    pub fn get(&self, id: &str) -> Option<&SessionRecord> {
        self.by_id.get(id)
    }

    /// The session `id`, to change its unindexed fields.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut SessionRecord> {
        self.by_id.get_mut(id)
    }

    /// Adds (or replaces) a session.
    pub fn insert(&mut self, record: SessionRecord) {
        self.remove(&record.id);
        self.by_user
            .entry(record.user.clone())
            .or_default()
            .insert((record.created, record.id.clone()));
        self.by_created.insert((record.created, record.id.clone()));
        self.by_expiry.insert((record.expire, record.id.clone()));
        self.by_id.insert(record.id.clone(), record);
    }

    /// Removes the session `id`, with its tokens.
    pub fn remove(&mut self, id: &str) -> Option<SessionRecord> {
        let record = self.by_id.remove(id)?;
        self.unindex_user(&record);
        let mut key = (record.created, record.id.clone());
        self.by_created.remove(&key);
        key.0 = record.expire;
        self.by_expiry.remove(&key);
        Some(record)
    }

    /// Removes every session.
    pub fn clear(&mut self) {
        *self = Store::default();
    }

    /// Removes every session with `expire <= now`; returns how many. Costs O(k log n) for
    /// k expired sessions: the rest are not visited.
    pub fn remove_expired(&mut self, now: Timestamp) -> usize {
        let mut removed = 0;
        while let Some((expire, id)) = self.by_expiry.first().cloned() {
            if expire > now {
                break;
            }
            self.remove(&id);
            removed += 1;
        }
        removed
    }

    /// Sets the session's current user and actor (impersonation and its revert).
    pub fn set_identity(&mut self, id: &str, user: String, actor: Option<String>) {
        let Some(mut record) = self.by_id.remove(id) else {
            return;
        };
        self.unindex_user(&record);
        record.user = user;
        record.actor = actor;
        self.insert(record);
    }

    /// The sessions whose current user is `user`, oldest first.
    pub fn of_user<'a>(&'a self, user: &str) -> impl Iterator<Item = &'a SessionRecord> + 'a {
        self.by_user
            .get(user)
            .into_iter()
            .flatten()
            .filter_map(|(_, id)| self.by_id.get(id))
    }

    /// Every session, oldest first (ties by id): a stable order for listings and dumps.
    pub fn iter_oldest_first(&self) -> Vec<&SessionRecord> {
        self.by_created
            .iter()
            .filter_map(|(_, id)| self.by_id.get(id))
            .collect()
    }

    fn unindex_user(&mut self, record: &SessionRecord) {
        if let Some(ids) = self.by_user.get_mut(&record.user) {
            ids.remove(&(record.created, record.id.clone()));
            if ids.is_empty() {
                self.by_user.remove(&record.user);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, user: &str, created: i64, expire: i64) -> SessionRecord {
        SessionRecord::new(
            id.into(),
            user.into(),
            Timestamp::from_millis(created),
            Timestamp::from_millis(expire),
        )
    }

    #[test]
    fn remove_expired_takes_exactly_the_expired() {
        let mut store = Store::default();
        store.insert(record("a", "u", 0, 10));
        store.insert(record("b", "u", 1, 20));
        store.insert(record("c", "v", 2, 30));
        assert_eq!(store.remove_expired(Timestamp::from_millis(20)), 2);
        assert!(store.get("a").is_none() && store.get("b").is_none());
        assert!(store.get("c").is_some());
        assert_eq!(store.of_user("u").count(), 0);
        assert_eq!(store.len(), 1);
    }

    #[test]
    fn identity_changes_move_the_user_index() {
        let mut store = Store::default();
        store.insert(record("a", "admin", 0, 10));
        store.set_identity("a", "target".into(), Some("admin".into()));
        assert_eq!(store.of_user("admin").count(), 0);
        let moved: Vec<_> = store.of_user("target").map(|r| r.id.as_str()).collect();
        assert_eq!(moved, ["a"]);
        assert_eq!(store.get("a").unwrap().actor(), Some("admin"));
    }

    #[test]
    fn sessions_of_a_user_come_oldest_first() {
        let mut store = Store::default();
        store.insert(record("late", "u", 5, 50));
        store.insert(record("early", "u", 1, 50));
        let ids: Vec<_> = store.of_user("u").map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["early", "late"]);
    }

    #[test]
    fn state_is_derived_from_the_times() {
        let mut r = record("a", "u", 0, 100);
        r.suspend = Timestamp::from_millis(50);
        let at = Timestamp::from_millis;
        assert_eq!(r.state(at(10)), SessionState::New);
        r.enabled = true;
        assert_eq!(r.state(at(10)), SessionState::Enabled);
        assert_eq!(r.state(at(50)), SessionState::Suspended);
        assert_eq!(r.state(at(100)), SessionState::Expired);
    }
}
