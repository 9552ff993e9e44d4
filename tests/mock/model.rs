//! Model-based testing: random sequences of all twelve operations, clock moves, user
//! changes and control calls, run against the mock core and against a small reference
//! model of CONTRACT.md written here. Every answer's status and message must agree, and so
//! must every session and token the mock returns. No step may panic.
//!
//! 1,000 sequences in the test command; `MODEL_CASES=100000 cargo test --test mock model`
//! for a long run.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::{json, Value};
use session_client::mock::{Clock, Mock, MockOptions, MockRequest};
use session_client::models::{ServiceName, UserAgreementState, UserState};

use crate::support::{start, MINUTE};

const IDLE: i64 = 30 * MINUTE;
const PUBLIC_IDLE: i64 = 10 * MINUTE;
const LIFETIME: i64 = 12 * 60 * MINUTE;
const MOBILE_LIFETIME: i64 = 30 * 24 * 60 * MINUTE;

/// One step of a sequence. Users and tokens are picked by index (an index past the known
/// ones means one the mock has never seen); sessions by recency (see `SESSION_SLOTS`).
#[derive(Debug, Clone)]
enum Step {
    Create {
        user: usize,
        enable: Option<bool>,
        public: bool,
        mobile: bool,
    },
    Get {
        session: usize,
        keep_alive: Option<bool>,
    },
    Delete {
        session: usize,
    },
    DeleteAll,
    DeleteExpired,
    Enable {
        session: usize,
    },
    Connect {
        session: usize,
        disable_oldest: bool,
    },
    Impersonate {
        session: usize,
        target: usize,
    },
    Revert {
        session: usize,
    },
    SetToken {
        session: usize,
        token: usize,
        value: String,
    },
    GetToken {
        session: usize,
        token: usize,
    },
    DeleteToken {
        session: usize,
        token: usize,
    },
    Advance {
        ms: i64,
    },
    SetUser {
        user: usize,
        enabled: bool,
        accepted: bool,
    },
    /// A control call: the journal is read, so controls run between API calls.
    ReadJournal,
}

/// A step's session index `k` below this is the `k`-th newest id the mock gave out (deleted
/// ones included), so steps follow the sessions as they are made, however many there are;
/// `k == SESSION_SLOTS` (or past the ids made so far) is an id the mock has never seen.
const SESSION_SLOTS: usize = 4;

fn step() -> impl Strategy<Value = Step> {
    // Few session slots and a bias towards the users with a Connect limit (the advisor, 1;
    // the lead, 2), so that limits and "disable the oldest" are reached often.
    let session = 0..=SESSION_SLOTS;
    let user = prop_oneof![2 => Just(1usize), 3 => Just(5usize), 4 => 0usize..7];
    let token = 0usize..3;
    prop_oneof![
        3 => (user.clone(), any::<Option<bool>>(), any::<bool>(), any::<bool>())
            .prop_map(|(user, enable, public, mobile)| Step::Create { user, enable, public, mobile }),
        2 => (session.clone(), any::<Option<bool>>())
            .prop_map(|(session, keep_alive)| Step::Get { session, keep_alive }),
        1 => session.clone().prop_map(|session| Step::Delete { session }),
        1 => Just(Step::DeleteAll),
        1 => Just(Step::DeleteExpired),
        2 => session.clone().prop_map(|session| Step::Enable { session }),
        4 => (session.clone(), any::<bool>())
            .prop_map(|(session, disable_oldest)| Step::Connect { session, disable_oldest }),
        2 => (session.clone(), user.clone())
            .prop_map(|(session, target)| Step::Impersonate { session, target }),
        1 => session.clone().prop_map(|session| Step::Revert { session }),
        1 => (session.clone(), token.clone(), "[a-z]{0,3}")
            .prop_map(|(session, token, value)| Step::SetToken { session, token, value }),
        1 => (session.clone(), token.clone())
            .prop_map(|(session, token)| Step::GetToken { session, token }),
        1 => (session.clone(), token).prop_map(|(session, token)| Step::DeleteToken { session, token }),
        1 => prop_oneof![3 => 0i64..2 * MINUTE, 1 => 5 * MINUTE..40 * MINUTE, 1 => 11 * 60 * MINUTE..13 * 60 * MINUTE]
            .prop_map(|ms| Step::Advance { ms }),
        1 => (user, any::<bool>(), any::<bool>())
            .prop_map(|(user, enabled, accepted)| Step::SetUser { user, enabled, accepted }),
        1 => Just(Step::ReadJournal),
    ]
}

#[derive(Debug, Clone)]
struct ModelUser {
    uuid: String,
    enabled: bool,
    accepted: bool,
    /// `Some(max)` with the Equisoft/Connect service (0: unlimited).
    connect: Option<usize>,
    may_impersonate: bool,
}

#[derive(Debug, Clone)]
struct ModelSession {
    id: String,
    user: String,
    actor: Option<String>,
    created: i64,
    suspend: i64,
    expire: i64,
    idle: i64,
    enabled: bool,
    connect: bool,
    mobile: bool,
    tokens: BTreeMap<String, String>,
}

impl ModelSession {
    fn state(&self, now: i64) -> &'static str {
        if now >= self.expire {
            "EXPIRED"
        } else if now >= self.suspend {
            "SUSPENDED"
        } else if self.enabled {
            "ENABLED"
        } else {
            "NEW"
        }
    }
}

/// What the model expects of one call: a status and message, and for reads the body's
/// essentials.
#[derive(Debug, PartialEq)]
enum Expect {
    Ok(u16, Option<Value>),
    Err(u16, &'static str),
}

struct Model {
    now: i64,
    users: Vec<ModelUser>,
    /// Every session, in creation order (the mock breaks creation-time ties by id).
    sessions: Vec<ModelSession>,
}

fn err(status: u16, message: &'static str) -> Result<(), Expect> {
    Err(Expect::Err(status, message))
}

impl Model {
    fn user(&self, uuid: &str) -> Option<&ModelUser> {
        self.users.iter().find(|u| u.uuid == uuid)
    }

    fn find(&self, id: &str) -> Result<usize, Expect> {
        self.sessions
            .iter()
            .position(|s| s.id == id)
            .ok_or(Expect::Err(404, "NOT_FOUND"))
    }

    fn view(&self, i: usize) -> Value {
        let s = &self.sessions[i];
        json!({
            "sessionId": s.id, "state": s.state(self.now), "suspend": s.suspend, "expire": s.expire,
            "user": s.user, "actor": s.actor, "connect": s.connect, "mobile": s.mobile,
        })
    }

    fn enabled_session(&self, id: &str) -> Result<usize, Expect> {
        let i = self.find(id)?;
        if self.sessions[i].state(self.now) != "ENABLED" {
            return Err(Expect::Err(400, "SESSION_NOT_ENABLED"));
        }
        Ok(i)
    }

    fn create(
        &mut self,
        user: &str,
        enable: Option<bool>,
        public: bool,
        mobile: bool,
    ) -> Result<usize, Expect> {
        let Some(u) = self.user(user) else {
            return Err(Expect::Err(400, "BAD_REQUEST"));
        };
        if !u.enabled {
            return Err(Expect::Err(400, "USER_NOT_ENABLED"));
        }
        let enable = enable.unwrap_or(true);
        if enable && !u.accepted {
            return Err(Expect::Err(400, "USER_AGREEMENT_REQUESTED"));
        }
        let idle = if public { PUBLIC_IDLE } else { IDLE };
        let expire = self.now + if mobile { MOBILE_LIFETIME } else { LIFETIME };
        self.sessions.push(ModelSession {
            id: String::new(), // the mock's id, filled in by the caller
            user: user.to_owned(),
            actor: None,
            created: self.now,
            suspend: (self.now + idle).min(expire),
            expire,
            idle,
            enabled: enable,
            connect: false,
            mobile,
            tokens: BTreeMap::new(),
        });
        Ok(self.sessions.len() - 1)
    }

    fn enable(&mut self, id: &str) -> Result<(), Expect> {
        let i = self.find(id)?;
        let s = &self.sessions[i];
        if matches!(s.state(self.now), "SUSPENDED" | "EXPIRED") {
            return err(400, "BAD_REQUEST");
        }
        let u = self
            .user(&s.user)
            .cloned()
            .ok_or(Expect::Err(404, "NOT_FOUND"))?;
        if !u.enabled {
            return err(400, "USER_NOT_ENABLED");
        }
        if !u.accepted {
            return err(400, "USER_AGREEMENT_REQUESTED");
        }
        self.sessions[i].enabled = true;
        Ok(())
    }

    fn connect(&mut self, id: &str, disable_oldest: bool) -> Result<(), Expect> {
        let i = self.enabled_session(id)?;
        let user = self.sessions[i].user.clone();
        let Some(max) = self.user(&user).and_then(|u| u.connect) else {
            return err(400, "ACCESS_DENIED");
        };
        let now = self.now;
        let mut others: Vec<usize> = (0..self.sessions.len())
            .filter(|&j| {
                let o = &self.sessions[j];
                j != i && o.user == user && o.connect && o.state(now) == "ENABLED"
            })
            .collect();
        others.sort_by(|&a, &b| {
            let (a, b) = (&self.sessions[a], &self.sessions[b]);
            (a.created, &a.id).cmp(&(b.created, &b.id))
        });
        if max > 0 && others.len() >= max {
            if !disable_oldest {
                return err(400, "CONCURRENT_ACCESS");
            }
            for &j in &others[..others.len() + 1 - max] {
                self.sessions[j].connect = false;
            }
        }
        self.sessions[i].connect = true;
        Ok(())
    }

    fn impersonate(&mut self, id: &str, target: &str) -> Result<usize, Expect> {
        let i = self.enabled_session(id)?;
        if self.sessions[i].actor.is_some() {
            return Err(Expect::Err(400, "SESSION_ALREADY_IMPERSONATED"));
        }
        let admin = self.sessions[i].user.clone();
        if !self.user(&admin).is_some_and(|u| u.may_impersonate) {
            return Err(Expect::Err(403, "ACCESS_DENIED"));
        }
        let Some(t) = self.user(target) else {
            return Err(Expect::Err(404, "NOT_FOUND"));
        };
        if t.uuid == admin {
            return Err(Expect::Err(400, "BAD_REQUEST"));
        }
        if !t.enabled {
            return Err(Expect::Err(400, "USER_NOT_ENABLED"));
        }
        let s = &mut self.sessions[i];
        s.actor = Some(admin);
        s.user = target.to_owned();
        Ok(i)
    }

    fn revert(&mut self, id: &str) -> Result<usize, Expect> {
        let i = self.find(id)?;
        let s = &mut self.sessions[i];
        let Some(actor) = s.actor.take() else {
            return Err(Expect::Err(400, "SESSION_NOT_IMPERSONATED"));
        };
        s.user = actor;
        Ok(i)
    }
}

/// The mock's answer in the model's terms.
fn observed(status: u16, body: &[u8], keep: bool) -> Expect {
    let value: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    if !(200..300).contains(&status) {
        let message = value["message"].as_str().unwrap_or("?");
        let known = [
            "NOT_FOUND",
            "BAD_REQUEST",
            "ACCESS_DENIED",
            "USER_NOT_ENABLED",
            "USER_AGREEMENT_REQUESTED",
            "SESSION_NOT_ENABLED",
            "SESSION_ALREADY_IMPERSONATED",
            "SESSION_NOT_IMPERSONATED",
            "CONCURRENT_ACCESS",
        ];
        let message = known.into_iter().find(|m| *m == message).unwrap_or("?");
        return Expect::Err(status, message);
    }
    if !keep {
        return Expect::Ok(status, None);
    }
    if value.get("value").is_some() {
        return Expect::Ok(status, Some(value["value"].clone()));
    }
    let millis = |field: &str| {
        session_client::time::Timestamp::parse(value[field].as_str().unwrap_or(""))
            .map(|t| t.as_millis())
            .unwrap_or(-1)
    };
    Expect::Ok(
        status,
        Some(json!({
            "sessionId": value["sessionId"], "state": value["state"],
            "suspend": millis("suspend"), "expire": millis("expire"),
            "user": value["user"]["uuid"], "actor": value["actor"]["uuid"],
            "connect": value["enabledForEquisoftConnect"], "mobile": value["mobile"],
        })),
    )
}

fn run(steps: &[Step]) -> Result<(), TestCaseError> {
    let mut mock = Mock::new(MockOptions {
        clock: Clock::Virtual(start()),
        seed: Some(3),
        ..MockOptions::default()
    });
    let users: Vec<ModelUser> = mock
        .users()
        .iter()
        .map(|u| ModelUser {
            uuid: u.uuid.clone(),
            enabled: u.state == UserState::Enabled,
            accepted: u.agreement.state == UserAgreementState::Accepted,
            connect: u
                .service(&ServiceName::EquisoftConnect)
                .map(|s| s.max_concurrent_access.unwrap_or(0).max(0) as usize),
            may_impersonate: u.legacy_roles.iter().any(|r| r == "ADMIN"),
        })
        .collect();
    let mut model = Model {
        now: start().as_millis(),
        users,
        sessions: Vec::new(),
    };
    // Every id the mock gave out, deleted ones included, so steps can hit them again.
    let mut ids: Vec<String> = Vec::new();
    let unknown_user = "00000000-0000-4000-8000-0000000000ee".to_owned();

    // A copy that follows the mock as a tab sharing its state does.
    mock.track_changes();
    let mut follower = mock.clone();

    for (n, step) in steps.iter().enumerate() {
        follow(
            &mut follower,
            &mock,
            n.checked_sub(1).and_then(|m| steps.get(m)),
        )?;
        let id = |ids: &[String], k: usize| {
            let newest = (k < SESSION_SLOTS).then(|| ids.len().checked_sub(k + 1));
            newest
                .flatten()
                .and_then(|i| ids.get(i))
                .cloned()
                .unwrap_or_else(|| format!("no-such-session-{k}"))
        };
        let user = |model: &Model, k: usize| {
            model
                .users
                .get(k)
                .map_or(unknown_user.clone(), |u| u.uuid.clone())
        };
        let token = |k: usize| ["okta", "a/b", "é ?"][k].to_owned();
        let call = |mock: &mut Mock, method: &str, target: String, body: String| {
            let request = MockRequest::new(method, &target).with_body(body);
            let may_change = mock.may_change(&request);
            let exchange = mock.exchange(&request);
            // A tab sharing the mock skips the lock for a call told it changes nothing.
            assert!(
                may_change || !exchange.changed,
                "{method} {target}: changed after may_change said no"
            );
            (exchange.response.status, exchange.response.body)
        };
        let enc = |text: &str| {
            percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC)
                .to_string()
        };
        let session_view = |model: &Model, r: Result<usize, Expect>, status: u16| match r {
            Ok(i) => Expect::Ok(status, Some(model.view(i))),
            Err(e) => e,
        };
        let unit = |r: Result<(), Expect>, status: u16| match r {
            Ok(()) => Expect::Ok(status, None),
            Err(e) => e,
        };
        let (expected, got) = match step {
            Step::Create {
                user: u,
                enable,
                public,
                mobile,
            } => {
                let uuid = user(&model, *u);
                let mut payload =
                    json!({ "userUuid": uuid, "publicComputer": public, "mobileDevice": mobile });
                if let Some(enable) = enable {
                    payload["enable"] = json!(enable);
                }
                let (status, body) =
                    call(&mut mock, "POST", "/sessions".into(), payload.to_string());
                let created = model.create(&uuid, *enable, *public, *mobile);
                if let Ok(i) = created {
                    let value: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                    let new_id = value["sessionId"].as_str().unwrap_or("").to_owned();
                    model.sessions[i].id = new_id.clone();
                    ids.push(new_id);
                }
                (
                    session_view(&model, created, 201),
                    observed(status, &body, true),
                )
            }
            Step::Get {
                session,
                keep_alive,
            } => {
                let sid = id(&ids, *session);
                let query = keep_alive.map_or(String::new(), |k| format!("?keepAlive={k}"));
                let (status, body) = call(
                    &mut mock,
                    "GET",
                    format!("/sessions/{}{query}", enc(&sid)),
                    String::new(),
                );
                let found = model.find(&sid);
                if let (Ok(i), Some(true)) = (&found, keep_alive) {
                    let now = model.now;
                    let s = &mut model.sessions[*i];
                    if matches!(s.state(now), "NEW" | "ENABLED") {
                        s.suspend = (now + s.idle).min(s.expire);
                    }
                }
                (
                    session_view(&model, found, 200),
                    observed(status, &body, true),
                )
            }
            Step::Delete { session } => {
                let sid = id(&ids, *session);
                let (status, body) = call(
                    &mut mock,
                    "DELETE",
                    format!("/sessions/{}", enc(&sid)),
                    String::new(),
                );
                let found = model.find(&sid).map(|i| {
                    model.sessions.remove(i);
                });
                (unit(found, 204), observed(status, &body, false))
            }
            Step::DeleteAll => {
                let (status, body) = call(&mut mock, "DELETE", "/sessions".into(), String::new());
                model.sessions.clear();
                (Expect::Ok(204, None), observed(status, &body, false))
            }
            Step::DeleteExpired => {
                let (status, body) = call(
                    &mut mock,
                    "DELETE",
                    "/sessions/expired".into(),
                    String::new(),
                );
                let now = model.now;
                model.sessions.retain(|s| now < s.expire);
                (Expect::Ok(204, None), observed(status, &body, false))
            }
            Step::Enable { session } => {
                let sid = id(&ids, *session);
                let (status, body) = call(
                    &mut mock,
                    "POST",
                    format!("/sessions/{}/enable", enc(&sid)),
                    String::new(),
                );
                (
                    unit(model.enable(&sid), 204),
                    observed(status, &body, false),
                )
            }
            Step::Connect {
                session,
                disable_oldest,
            } => {
                let sid = id(&ids, *session);
                let payload = json!({ "disableOldestSessions": disable_oldest }).to_string();
                let (status, body) = call(
                    &mut mock,
                    "POST",
                    format!("/sessions/{}/enable/EQUISOFT_CONNECT", enc(&sid)),
                    payload,
                );
                (
                    unit(model.connect(&sid, *disable_oldest), 202),
                    observed(status, &body, false),
                )
            }
            Step::Impersonate { session, target } => {
                let sid = id(&ids, *session);
                let target = user(&model, *target);
                let payload = json!({ "userUuid": target }).to_string();
                let (status, body) = call(
                    &mut mock,
                    "POST",
                    format!("/sessions/{}/impersonate", enc(&sid)),
                    payload,
                );
                let done = model.impersonate(&sid, &target);
                (
                    session_view(&model, done, 200),
                    observed(status, &body, true),
                )
            }
            Step::Revert { session } => {
                let sid = id(&ids, *session);
                let (status, body) = call(
                    &mut mock,
                    "POST",
                    format!("/sessions/{}/revertIdentity", enc(&sid)),
                    String::new(),
                );
                let done = model.revert(&sid);
                (
                    session_view(&model, done, 200),
                    observed(status, &body, true),
                )
            }
            Step::SetToken {
                session,
                token: t,
                value,
            } => {
                let sid = id(&ids, *session);
                let target = format!("/sessions/{}/tokens/{}", enc(&sid), enc(&token(*t)));
                let (status, body) = call(&mut mock, "PUT", target, value.clone());
                let done = model.find(&sid).and_then(|i| {
                    if value.is_empty() {
                        return Err(Expect::Err(400, "BAD_REQUEST"));
                    }
                    model.sessions[i].tokens.insert(token(*t), value.clone());
                    Ok(())
                });
                (unit(done, 200), observed(status, &body, false))
            }
            Step::GetToken { session, token: t } => {
                let sid = id(&ids, *session);
                let target = format!("/sessions/{}/tokens/{}", enc(&sid), enc(&token(*t)));
                let (status, body) = call(&mut mock, "GET", target, String::new());
                let found = model.find(&sid).and_then(|i| {
                    model.sessions[i]
                        .tokens
                        .get(&token(*t))
                        .cloned()
                        .ok_or(Expect::Err(404, "NOT_FOUND"))
                });
                let expected = match found {
                    Ok(value) => Expect::Ok(200, Some(json!(value))),
                    Err(e) => e,
                };
                (expected, observed(status, &body, true))
            }
            Step::DeleteToken { session, token: t } => {
                let sid = id(&ids, *session);
                let target = format!("/sessions/{}/tokens/{}", enc(&sid), enc(&token(*t)));
                let (status, body) = call(&mut mock, "DELETE", target, String::new());
                let done = model.find(&sid).and_then(|i| {
                    model.sessions[i]
                        .tokens
                        .remove(&token(*t))
                        .map(|_| ())
                        .ok_or(Expect::Err(404, "NOT_FOUND"))
                });
                (unit(done, 204), observed(status, &body, false))
            }
            Step::Advance { ms } => {
                let (status, body) = call(
                    &mut mock,
                    "POST",
                    "/__mock/clock".into(),
                    json!({ "advanceMs": ms }).to_string(),
                );
                model.now += ms;
                (Expect::Ok(200, None), observed(status, &body, false))
            }
            Step::SetUser {
                user: u,
                enabled,
                accepted,
            } => {
                let Some(target) = model.users.get_mut(*u) else {
                    continue;
                };
                target.enabled = *enabled;
                target.accepted = *accepted;
                let patch = json!({
                    "state": if *enabled { "ENABLED" } else { "DISABLED" },
                    "agreement": { "state": if *accepted { "ACCEPTED" } else { "REQUESTED" } },
                });
                let uuid = target.uuid.clone();
                mock.update_user(&uuid, patch.clone())
                    .map_err(|e| TestCaseError::fail(format!("step {n}: updateUser: {e}")))?;
                continue;
            }
            Step::ReadJournal => {
                let (status, body) =
                    call(&mut mock, "GET", "/__mock/requests".into(), String::new());
                (Expect::Ok(200, None), observed(status, &body, false))
            }
        };
        prop_assert_eq!(&got, &expected, "step {}: {:?}", n, step);
    }
    follow(&mut follower, &mock, steps.last())?;
    // At the end, every session the mock holds agrees with the model, field by field.
    let listed: BTreeMap<String, Value> = mock
        .sessions()
        .into_iter()
        .map(|s| {
            let body = serde_json::to_vec(&s).unwrap_or_default();
            let Expect::Ok(_, Some(view)) = observed(200, &body, true) else {
                return (s.session_id, Value::Null);
            };
            (s.session_id, view)
        })
        .collect();
    let modelled: BTreeMap<String, Value> = (0..model.sessions.len())
        .map(|i| (model.sessions[i].id.clone(), model.view(i)))
        .collect();
    prop_assert_eq!(listed, modelled);
    Ok(())
}

/// Brings `follower` (equal to `mock` before `step`) up to `mock` as a tab sharing a
/// persisted mock does: an API call's change applied (`Mock::change_text`), anything else
/// read whole (`Mock::stored_text`); then they must be equal.
fn follow(follower: &mut Mock, mock: &Mock, step: Option<&Step>) -> Result<(), TestCaseError> {
    let Some(step) = step else {
        return Ok(());
    };
    let api = !matches!(
        step,
        Step::Advance { .. } | Step::SetUser { .. } | Step::ReadJournal
    );
    let failed = |e: session_client::schema::SchemaError| TestCaseError::fail(e.to_string());
    match api.then(|| mock.change_text()).flatten() {
        Some(change) => follower.apply_change(change.as_bytes()).map_err(failed)?,
        None => {
            let stored = mock.stored_text("stamp");
            follower.restore_stored(stored.as_bytes()).map_err(failed)?;
        }
    }
    let same = follower.state() == mock.state() && follower.now() == mock.now();
    prop_assert!(
        same,
        "after {:?}: {} != {}",
        step,
        follower.dump_text(),
        mock.dump_text()
    );
    Ok(())
}

fn cases() -> u32 {
    std::env::var("MODEL_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn the_mock_follows_the_reference_model(steps in prop::collection::vec(step(), 1..80)) {
        run(&steps)?;
    }
}

impl Step {
    /// The API operation the step calls (`None`: a control).
    fn operation(&self) -> Option<session_client::operation::Operation> {
        use session_client::operation::Operation::*;
        Some(match self {
            Step::Create { .. } => CreateSession,
            Step::Get { .. } => GetSession,
            Step::Delete { .. } => DeleteSession,
            Step::DeleteAll => DeleteAllSessions,
            Step::DeleteExpired => DeleteExpiredSessions,
            Step::Enable { .. } => EnableSession,
            Step::Connect { .. } => EnableSessionForEquisoftConnect,
            Step::Impersonate { .. } => Impersonate,
            Step::Revert { .. } => RevertIdentity,
            Step::SetToken { .. } => SetSessionSsoToken,
            Step::GetToken { .. } => GetSessionSsoToken,
            Step::DeleteToken { .. } => DeleteSessionSsoToken,
            Step::Advance { .. } | Step::SetUser { .. } | Step::ReadJournal => return None,
        })
    }
}

/// The model exercises every operation of the wire table: a new endpoint fails here, by
/// name, until the model has a step for it.
#[test]
fn every_operation_is_a_step_of_the_model() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, TestRng, TestRunner};
    use session_client::operation::Operation;

    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(Default::default()),
    );
    let strategy = step();
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..5000 {
        if let Some(op) = strategy
            .new_tree(&mut runner)
            .unwrap()
            .current()
            .operation()
        {
            seen.insert(op.spec().name);
        }
    }
    let missing: Vec<&str> = Operation::ALL
        .iter()
        .map(|op| op.spec().name)
        .filter(|name| !seen.contains(name))
        .collect();
    assert!(
        missing.is_empty(),
        "operations the model never calls: {missing:?}"
    );
}
