//! `SessionApiMock`: the in-memory mock, as JS holds it (the `session-client/mock` module).
//! Several clients may share one, and its state outlives any client's
//! `useHttp()`/`useMock()` toggles.

use std::rc::Rc;

use js_sys::JSON;
use wasm_bindgen::prelude::*;

use super::convert::{self, invalid, Options};
use super::mock_persist::Persistence;
use super::mock_share::Share;
use super::mock_shared::SharedMock;
use super::typescript::*;
use crate::mock::{
    control, Clock, Latency, Mock, MockOptions, MockRequest, MockResponse, Scenario,
};
use crate::time::Timestamp;

/// The in-memory mock of the session API. A `SessionClient` reaches it through
/// `handleRequest`, the one seam between the two modules.
#[wasm_bindgen]
#[derive(Clone)]
pub struct SessionApiMock {
    pub(super) mock: Rc<SharedMock>,
}

impl std::fmt::Debug for SessionApiMock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionApiMock").finish_non_exhaustive()
    }
}

impl SessionApiMock {
    pub(super) fn start(mock: Mock, persistence: Option<Persistence>) -> Self {
        let mock = Rc::new(SharedMock::new(mock, persistence));
        if mock.start_sharing() {
            // The first read (IndexedDB's) under the lock, as every later one.
            if mock.persistence().is_some_and(Persistence::is_async) {
                mock.set_loading(Share::refresh(&mock, 0));
            }
            return SessionApiMock { mock };
        }
        if let Some(persistence) = mock.persistence() {
            persistence.warn_not_shared();
        }
        if mock.persistence().is_some_and(Persistence::is_async) {
            let host = Rc::downgrade(&mock);
            mock.set_loading(wasm_bindgen_futures::future_to_promise(async move {
                let Some(persistence) = host.upgrade().and_then(|h| h.persistence().cloned())
                else {
                    return Ok(JsValue::UNDEFINED);
                };
                match persistence.load().await {
                    Ok(Some(text)) => {
                        if let Some(host) = host.upgrade() {
                            let _ = host.restore_text(&text);
                        }
                    }
                    Ok(None) => {}
                    Err(err) => persistence.warn_read_failed(&err),
                }
                Ok(JsValue::UNDEFINED)
            }));
        }
        SessionApiMock { mock }
    }

    /// Runs the control endpoint `method` [`control::PREFIX`]`path` with `body` (JSON), as
    /// over HTTP: every method that changes the mock comes here, so the one table
    /// (`control::CONTROLS`) does the work and the exchange alone decides whether the state
    /// is written through. A refusal throws `INVALID_ARGUMENT` with the control's
    /// description, after `what: ` when given.
    pub(super) fn control(
        &self,
        method: &str,
        path: &str,
        body: String,
        what: &str,
    ) -> Result<MockResponse, JsValue> {
        let request = MockRequest::new(method, &format!("{}{path}", control::PREFIX));
        let request = request.with_body(body);
        let exchange = self.mock.mock_mut().control(&request);
        if exchange.changed {
            match self.mock.share() {
                Some(share) => share.changed_by(&self.mock, request),
                None => self.persist(),
            }
        }
        self.mock.clock_check();
        let response = exchange.response;
        if (200..300).contains(&response.status) {
            return Ok(response);
        }
        let description = response.description();
        Err(invalid(match what {
            "" => description.to_owned(),
            what => format!("{what}: {description}"),
        }))
    }

    /// Writes the state through after a change.
    fn persist(&self) {
        if let (Some(saving), Some(persistence)) =
            (self.mock.save(), self.mock.persistence().cloned())
        {
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(err) = wasm_bindgen_futures::JsFuture::from(saving).await {
                    persistence.warn_write_failed(&err);
                }
            });
        }
    }
}

#[wasm_bindgen]
impl SessionApiMock {
    /// A mock with no sessions. Throws a `SessionApiError` (`INVALID_ARGUMENT`) naming the
    /// field of a bad option or scenario.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<MockOptionsArg>) -> Result<SessionApiMock, JsValue> {
        let mut settings = MockOptions::default();
        let mut persistence = None;
        if let Some(options) = Options::new(js(options), "options")? {
            options.known(&["scenario", "clock", "now", "seed", "latencyMs", "persist"])?;
            let scenario = options.get("scenario");
            if !(scenario.is_undefined() || scenario.is_null()) {
                let text = json_text(&scenario);
                settings.scenario = Scenario::from_json(&text)
                    .map_err(|err| invalid(format!("scenario: {err}")))?;
            }
            settings.clock = match options.string("clock")?.as_deref() {
                None | Some("system") => Clock::SYSTEM,
                Some("virtual") => Clock::virtual_now(),
                Some(other) => {
                    return Err(invalid(format!(
                        "`options.clock` must be \"system\" or \"virtual\", got \"{other}\""
                    )))
                }
            };
            let now = options.get("now");
            if !(now.is_undefined() || now.is_null()) {
                if !settings.clock.is_virtual() {
                    return Err(invalid("`options.now` needs `clock: \"virtual\"`"));
                }
                settings.clock = Clock::Virtual(time_arg(&now, "options.now")?);
            }
            settings.seed = options
                .whole("seed", 9_007_199_254_740_991.0)?
                .map(|seed| seed as u64);
            settings.latency = latency_arg(&options.get("latencyMs"), "options.latencyMs")?;
            persistence = Persistence::from_options(options.get("persist"))?;
        }
        Ok(SessionApiMock::start(Mock::new(settings), persistence))
    }

    /// Resolves once stored state is loaded (only IndexedDB loads later than the
    /// constructor; client calls wait for it by themselves) and, when tabs share the state,
    /// once the last change made here through a method is stored and the last change made
    /// in another tab is read.
    #[wasm_bindgen(getter, unchecked_return_type = "Promise<void>")]
    pub fn ready(&self) -> js_sys::Promise {
        let step = self.mock.share().and_then(Share::last_step);
        step.or_else(|| self.mock.loading())
            .unwrap_or_else(|| js_sys::Promise::resolve(&JsValue::UNDEFINED))
    }

    /// The mock's current time (RFC 3339).
    pub fn now(&self) -> String {
        self.mock.mock().now().to_string()
    }

    /// Sets a virtual clock (RFC 3339 text or epoch milliseconds).
    #[wasm_bindgen(js_name = setNow)]
    pub fn set_now(&self, at: TimeArg) -> Result<(), JsValue> {
        let at = time_arg(at.as_ref(), "at")?;
        let body = serde_json::json!({ "now": at }).to_string();
        self.control("POST", "clock", body, "")?;
        Ok(())
    }

    /// Moves a virtual clock forward by `ms` milliseconds (a whole number, 0 or more,
    /// that keeps the time within the years 0000 to 9999); returns the new time.
    pub fn advance(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] ms: JsValue,
    ) -> Result<String, JsValue> {
        let now = self.mock.mock().now();
        let target = ms
            .as_f64()
            .filter(|ms| *ms >= 0.0)
            .and_then(|ms| Timestamp::from_millis_checked(now.as_millis() as f64 + ms));
        let Some(target) = target else {
            return Err(invalid(format!(
                "`ms` must be a whole number of milliseconds, 0 or more, that keeps the clock within the years 0000 to 9999, got {}",
                convert::describe(&ms)
            )));
        };
        let body = serde_json::json!({ "now": target }).to_string();
        self.control("POST", "clock", body, "")?;
        Ok(target.to_string())
    }

    /// The user directory.
    #[wasm_bindgen(unchecked_return_type = "User[]")]
    pub fn users(&self) -> JsValue {
        json_value(self.mock.mock().users())
    }

    /// Every session with its state now, oldest first.
    #[wasm_bindgen(unchecked_return_type = "Session[]")]
    pub fn sessions(&self) -> JsValue {
        json_value(&self.mock.mock().sessions())
    }

    /// Back to the starting scenario with no sessions.
    pub fn reset(&self) {
        let _ = self.control("POST", "reset", String::new(), "");
    }

    /// The whole state as versioned JSON (an object).
    #[wasm_bindgen(unchecked_return_type = "MockDump")]
    pub fn dump(&self) -> JsValue {
        JSON::parse(&self.mock.mock().dump_text()).unwrap_or(JsValue::NULL)
    }

    /// Restores a dump (object or JSON text). A bad dump throws, naming the field, and
    /// leaves the mock as it was.
    pub fn restore(&self, dump: DumpArg) -> Result<(), JsValue> {
        self.control("PUT", "state", json_text(dump.as_ref()), "dump")?;
        Ok(())
    }
}

/// A Rust value as a plain JS value, through JSON text.
pub(super) fn json_value<T: serde::Serialize + ?Sized>(value: &T) -> JsValue {
    let text = serde_json::to_string(value).unwrap_or_default();
    JSON::parse(&text).unwrap_or(JsValue::NULL)
}

/// `ms` or `[min, max]` (milliseconds, either order) as a [`Latency`]; `undefined`, `null`
/// or 0: none. Bounded by the core ([`Latency::fixed`], [`Latency::between`]).
pub(super) fn latency_arg(value: &JsValue, name: &str) -> Result<Latency, JsValue> {
    let whole = |v: &JsValue| v.as_f64().filter(|n| n.fract() == 0.0 && n.abs() < 1e15);
    if value.is_undefined() || value.is_null() {
        return Ok(Latency::None);
    }
    let read = if let Some(ms) = whole(value) {
        Some(Latency::fixed(ms as i64))
    } else if js_sys::Array::is_array(value) {
        let pair = js_sys::Array::from(value);
        match (pair.length(), whole(&pair.get(0)), whole(&pair.get(1))) {
            (2, Some(a), Some(b)) => Some(Latency::between(a as i64, b as i64)),
            _ => None,
        }
    } else {
        None
    };
    match read {
        Some(latency) => latency.map_err(|err| invalid(format!("`{name}`: {err}"))),
        None => Err(invalid(format!(
            "`{name}` must be milliseconds or [min, max], got {}",
            convert::describe(value)
        ))),
    }
}

/// An object as JSON text; a string as it is.
pub(super) fn json_text(value: &JsValue) -> String {
    value.as_string().unwrap_or_else(|| {
        JSON::stringify(value)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    })
}

fn time_arg(value: &JsValue, name: &str) -> Result<Timestamp, JsValue> {
    if let Some(text) = value.as_string() {
        return Timestamp::parse(&text).map_err(|err| invalid(format!("`{name}`: {err}")));
    }
    match value.as_f64().and_then(Timestamp::from_millis_checked) {
        Some(at) => Ok(at),
        None => Err(invalid(format!(
            "`{name}` must be RFC 3339 text or whole epoch milliseconds within the years 0000 to 9999, got {}",
            convert::describe(value)
        ))),
    }
}
