//! [`Store`]: the sessions, indexed for O(1) lookups and cheap expiry.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::models::{SessionPayload, SessionState};
use crate::time::Timestamp;

/// A session as the mock keeps it: the users are referenced by UUID, the state is derived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// The session id (a canonical UUID).
    pub id: String,
    /// The current user's UUID (the impersonated user while impersonating). Indexed: change
    /// it only through [`Store::set_identity`]. Shared: the store keeps one copy of each
    /// user's UUID for all their sessions.
    user: Arc<str>,
    /// The admin's UUID while impersonating (shared, as `user`).
    actor: Option<Arc<str>>,
    /// Creation time. Indexed (with the user): set once, by [`Self::new`].
    created: Timestamp,
    /// Suspension time, moved by keep-alive.
    pub suspend: Timestamp,
    /// Expiry time. Indexed: set once, by [`Self::new`].
    expire: Timestamp,
    /// The idle timeout that applies to this session.
    pub idle_ms: i64,
    /// Whether the session has been enabled (created with `enable: true`, or enabled later).
    pub enabled: bool,
    /// Whether the session is enabled for Equisoft/Connect.
    pub connect: bool,
    /// The `createSession` payload the session was made from, as it was sent, when it said
    /// more than the user ([`Self::set_given`]): what the API shows of it (`mobile`,
    /// `cookieDomain`, `sso`) is read from here and a dump keeps it whole, so a field added to
    /// the payload is kept with no change to the mock. Boxed and `None` for a payload that
    /// names only the user, as most do, to keep the record small.
    given: Option<Box<SessionPayload>>,
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

/// As JSON, an object of token ids and values.
impl serde::Serialize for Tokens {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::value::pairs_as_object(&self.0, serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Tokens {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let tokens = std::collections::BTreeMap::<String, String>::deserialize(deserializer)?;
        Ok(tokens.into_iter().collect())
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
    /// Creation time (indexed, so read-only: a record is made with it).
    pub fn created(&self) -> Timestamp {
        self.created
    }

    /// Expiry time (indexed, so read-only: a record is made with it).
    pub fn expire(&self) -> Timestamp {
        self.expire
    }

    /// A new, not yet stored, session for `user`.
    pub fn new(id: String, user: String, created: Timestamp, expire: Timestamp) -> Self {
        SessionRecord {
            id,
            user: user.into(),
            actor: None,
            created,
            suspend: created,
            expire,
            idle_ms: 0,
            enabled: false,
            connect: false,
            given: None,
            tokens: Tokens::default(),
        }
    }

    /// This record with an actor (the admin while impersonating), before it is stored.
    pub fn with_actor(mut self, actor: Option<String>) -> Self {
        self.actor = actor.map(Into::into);
        self
    }

    /// The payload the session was created from, when it said more than the user.
    pub fn given(&self) -> Option<&SessionPayload> {
        self.given.as_deref()
    }

    /// Keeps `payload` as the one the session was created from (nothing for a payload that
    /// names only the user).
    pub fn set_given(&mut self, mut payload: SessionPayload) {
        let user = std::mem::take(&mut payload.user_uuid);
        let only_the_user = payload == SessionPayload::default();
        payload.user_uuid = user;
        self.given = (!only_the_user).then(|| Box::new(payload));
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

/// A session's or a user's id as the store indexes it: a canonical UUID's 128 bits, which
/// cost no allocation to copy, hash or compare (five copies of the text per session were
/// most of a session's memory).
type Key = u128;

/// `id` as a [`Key`], if it is a canonical UUID: the form the mock makes, and the form
/// it reads ids from scenarios and dumps into.
fn key(id: &str) -> Option<Key> {
    super::uuid::canonical_bits(id)
}

/// The sessions by id, with three indexes: by user (oldest first), by creation and by
/// expiry. Ids and user UUIDs are canonical UUIDs; a record whose id is not one is never
/// stored.
#[derive(Debug, Clone, Default)]
pub struct Store {
    /// Boxed: a table slot is then a key and a pointer, and a table that grows (its old
    /// and new slots live at once) moves little.
    by_id: HashMap<Key, Box<SessionRecord>>,
    by_user: HashMap<Key, BTreeSet<(Timestamp, Key)>>,
    by_created: BTreeSet<(Timestamp, Key)>,
    by_expiry: BTreeSet<(Timestamp, Key)>,
    /// One copy of each user UUID the sessions refer to (see [`SessionRecord::user`]).
    uuids: HashMap<Key, Arc<str>>,
    /// The sessions added, changed or removed since [`Store::untouch`] (see
    /// [`Store::touched`]), when [`Store::untouch`] asked for them.
    touched: Vec<Key>,
    /// Whether the touched sessions are noted.
    tracking: bool,
    /// Whether the store was cleared since [`Store::untouch`].
    cleared: bool,
}

/// Two stores are equal when they hold the same sessions (the indexes follow from them;
/// the pool of shared UUIDs is a cache).
impl PartialEq for Store {
    fn eq(&self, other: &Self) -> bool {
        self.by_id == other.by_id
    }
}

impl Eq for Store {}

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
        self.by_id.get(&key(id)?).map(|record| &**record)
    }

    /// The session `id`, to change its unindexed fields.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut SessionRecord> {
        let id = key(id)?;
        if self.tracking && self.by_id.contains_key(&id) {
            self.touched.push(id);
        }
        self.by_id.get_mut(&id).map(|record| &mut **record)
    }

    /// Forgets which sessions were touched, and notes them from now on only if `track`
    /// (see [`Self::touched`]; a mock that shares its state with other tabs asks for them).
    pub fn untouch(&mut self, track: bool) {
        self.touched.clear();
        self.tracking = track;
        self.cleared = false;
    }

    fn touch(&mut self, id: Key) {
        if self.tracking {
            self.touched.push(id);
        }
    }

    /// The ids of the sessions added, changed (taken with [`Self::get_mut`]) or removed
    /// since [`Self::untouch`], each once; `None` when the store was cleared or they were not
    /// noted. What another copy of the store must update to equal this one.
    pub fn touched(&self) -> Option<Vec<String>> {
        if self.cleared || !self.tracking {
            return None;
        }
        let mut ids = self.touched.clone();
        ids.sort_unstable();
        ids.dedup();
        Some(
            ids.into_iter()
                .map(|id| super::uuid::format(id.to_be_bytes()))
                .collect(),
        )
    }

    /// Adds (or replaces) a session; one whose id is not a canonical UUID is not stored.
    pub fn insert(&mut self, mut record: SessionRecord) {
        let Some(id) = key(&record.id) else {
            return;
        };
        self.remove(&record.id);
        record.user = self.shared(&record.user);
        record.actor = record.actor.map(|actor| self.shared(&actor));
        if let Some(user) = key(&record.user) {
            let sessions = self.by_user.entry(user).or_default();
            sessions.insert((record.created, id));
        }
        self.by_created.insert((record.created, id));
        self.by_expiry.insert((record.expire, id));
        self.by_id.insert(id, Box::new(record));
        self.touch(id);
    }

    /// Removes the session `id`, with its tokens.
    pub fn remove(&mut self, id: &str) -> Option<SessionRecord> {
        self.remove_key(key(id)?)
    }

    fn remove_key(&mut self, id: Key) -> Option<SessionRecord> {
        let record = self.by_id.remove(&id)?;
        self.touch(id);
        self.unindex_user(&record, id);
        self.by_created.remove(&(record.created, id));
        self.by_expiry.remove(&(record.expire, id));
        Some(*record)
    }

    /// Removes every session.
    pub fn clear(&mut self) {
        *self = Store {
            cleared: true,
            tracking: self.tracking,
            ..Store::default()
        };
    }

    /// Removes every session with `expire <= now`; returns how many. Costs O(k log n) for
    /// k expired sessions: the rest are not visited.
    pub fn remove_expired(&mut self, now: Timestamp) -> usize {
        let mut removed = 0;
        while let Some(&(expire, id)) = self.by_expiry.first() {
            if expire > now {
                break;
            }
            if self.remove_key(id).is_none() {
                // Not indexed by id (cannot happen): drop the entry, or this would not end.
                self.by_expiry.pop_first();
            }
            removed += 1;
        }
        removed
    }

    /// Sets the session's current user and actor (impersonation and its revert).
    pub fn set_identity(&mut self, id: &str, user: String, actor: Option<String>) {
        let Some(mut record) = key(id).and_then(|id| self.remove_key(id)) else {
            return;
        };
        record.user = user.into();
        record.actor = actor.map(Into::into);
        self.insert(record);
    }

    /// The sessions whose current user is `user`, oldest first.
    pub fn of_user<'a>(&'a self, user: &str) -> impl Iterator<Item = &'a SessionRecord> + 'a {
        key(user)
            .and_then(|user| self.by_user.get(&user))
            .into_iter()
            .flatten()
            .filter_map(|(_, id)| self.by_id.get(id).map(|record| &**record))
    }

    /// Every session, oldest first (ties by id): a stable order for listings and dumps.
    pub fn iter_oldest_first(&self) -> Vec<&SessionRecord> {
        self.by_created
            .iter()
            .filter_map(|(_, id)| self.by_id.get(id).map(|record| &**record))
            .collect()
    }

    /// The store's copy of the UUID `uuid` (made on first use; users are few, sessions many).
    fn shared(&mut self, uuid: &Arc<str>) -> Arc<str> {
        let Some(user) = key(uuid) else {
            return Arc::clone(uuid);
        };
        Arc::clone(self.uuids.entry(user).or_insert_with(|| Arc::clone(uuid)))
    }

    fn unindex_user(&mut self, record: &SessionRecord, id: Key) {
        let Some(user) = key(&record.user) else {
            return;
        };
        if let Some(ids) = self.by_user.get_mut(&user) {
            ids.remove(&(record.created, id));
            if ids.is_empty() {
                self.by_user.remove(&user);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A canonical UUID named by `name` (its last digits spell it, as hex allows).
    fn uuid(name: &str) -> String {
        let hex: String = name.bytes().map(|b| format!("{:02x}", b)).collect();
        format!("00000000-0000-4000-8000-{hex:0>12}")
    }

    fn record(id: &str, user: &str, created: i64, expire: i64) -> SessionRecord {
        SessionRecord::new(
            uuid(id),
            uuid(user),
            Timestamp::from_millis(created),
            Timestamp::from_millis(expire),
        )
    }

    #[test]
    fn remove_expired_takes_exactly_the_expired() {
        let mut store = Store::default();
        assert_eq!((store.len(), store.is_empty()), (0, true));
        store.insert(record("a", "u", 0, 10));
        store.insert(record("b", "u", 1, 20));
        store.insert(record("c", "v", 2, 30));
        assert_eq!((store.len(), store.is_empty()), (3, false));
        assert_eq!(store.remove_expired(Timestamp::from_millis(20)), 2);
        assert!(store.get(&uuid("a")).is_none() && store.get(&uuid("b")).is_none());
        assert!(store.get(&uuid("c")).is_some());
        assert_eq!(store.of_user(&uuid("u")).count(), 0);
        assert_eq!(store.len(), 1);
    }

    #[test]
    fn identity_changes_move_the_user_index() {
        let mut store = Store::default();
        store.insert(record("a", "admin", 0, 10));
        store.set_identity(&uuid("a"), uuid("target"), Some(uuid("admin")));
        assert_eq!(store.of_user(&uuid("admin")).count(), 0);
        let moved: Vec<_> = store
            .of_user(&uuid("target"))
            .map(|r| r.id.clone())
            .collect();
        assert_eq!(moved, [uuid("a")]);
        assert_eq!(
            store.get(&uuid("a")).unwrap().actor(),
            Some(uuid("admin").as_str())
        );
    }

    #[test]
    fn sessions_of_a_user_come_oldest_first() {
        let mut store = Store::default();
        store.insert(record("late", "u", 5, 50));
        store.insert(record("early", "u", 1, 50));
        let ids: Vec<_> = store.of_user(&uuid("u")).map(|r| r.id.clone()).collect();
        assert_eq!(ids, [uuid("early"), uuid("late")]);
    }

    #[test]
    fn only_canonical_uuids_are_keys() {
        let mut store = Store::default();
        let mut odd = record("a", "u", 0, 10);
        odd.id = "not-a-uuid".into();
        store.insert(odd);
        assert!(store.is_empty());
        store.insert(record("z", "u", 0, 10));
        assert!(store.get(&uuid("z")).is_some());
        assert!(
            store.get(&uuid("z").to_uppercase()).is_none(),
            "the store takes canonical ids"
        );
        assert_eq!(
            key("00000000-0000-4000-8000-0000000000ff"),
            Some(0x4000_8000_0000_0000_00ff)
        );
        assert_eq!(key("ffffffff-ffff-ffff-ffff-ffffffffffff"), Some(u128::MAX));
        for bad in [
            "",
            "00000000-0000-4000-8000-00000000000g",
            "000000000000-4000-8000-0000000000ff0",
        ] {
            assert_eq!(key(bad), None, "{bad}");
        }
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
