//! `SessionApiMock`'s controls for front-end developers: scenario and users, faults and
//! latency, and the request journal.

use js_sys::Function;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::convert::{self, invalid};
use super::mock_class::{json_text, json_value, latency_arg, SessionApiMock};
use super::mock_shared::{Listeners, SharedMock};
use super::typescript::*;
use crate::mock::control::latency_json;

/// A control's JSON answer as a plain JS value.
fn answer_value(response: &crate::mock::MockResponse) -> JsValue {
    let text = String::from_utf8_lossy(&response.body);
    js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL)
}

impl SessionApiMock {
    /// Adds `listener` to the mock's list `which`; returns the function that removes it.
    fn listen(
        &self,
        listener: JsValue,
        which: fn(&SharedMock) -> &Listeners,
    ) -> Result<JsValue, JsValue> {
        let Some(listener) = listener.dyn_ref::<Function>() else {
            return Err(invalid(format!(
                "`listener` must be a function, got {}",
                convert::describe(&listener)
            )));
        };
        let id = which(&self.mock).add(listener.clone());
        let host = std::rc::Rc::downgrade(&self.mock);
        let stop = Closure::<dyn FnMut()>::new(move || {
            if let Some(host) = host.upgrade() {
                which(&host).remove(id);
            }
        });
        Ok(stop.into_js_value())
    }
}

#[wasm_bindgen]
impl SessionApiMock {
    /// Replaces the users and policy (object or JSON text) and removes every session;
    /// `reset()` returns to it. A bad scenario throws, naming the field, and changes nothing.
    #[wasm_bindgen(js_name = loadScenario)]
    pub fn load_scenario(&self, scenario: ScenarioArg) -> Result<(), JsValue> {
        let text = json_text(scenario.as_ref());
        self.control("PUT", "scenario", text, "scenario")?;
        Ok(())
    }

    /// Adds a user (only `uuid` required; the other fields default). Returns the `User`.
    #[wasm_bindgen(js_name = addUser, unchecked_return_type = "User")]
    pub fn add_user(&self, user: MockUserArg) -> Result<JsValue, JsValue> {
        let added = self.control("POST", "users", json_text(user.as_ref()), "user")?;
        Ok(answer_value(&added))
    }

    /// Changes some fields of a user, such as `{ agreement: { state: "ACCEPTED" } }` or
    /// `{ state: "DISABLED" }`; sessions see it at once. Returns the updated `User`.
    #[wasm_bindgen(js_name = updateUser, unchecked_return_type = "User")]
    pub fn update_user(&self, uuid: StringArg, patch: UserPatchArg) -> Result<JsValue, JsValue> {
        let uuid = AsRef::<JsValue>::as_ref(&uuid)
            .as_string()
            .ok_or_else(|| invalid("`uuid` must be a string"))?;
        let mut path = "users/".to_owned();
        crate::percent::encode_segment(&uuid, &mut path);
        let updated = self.control("PATCH", &path, json_text(patch.as_ref()), "patch")?;
        Ok(answer_value(&updated))
    }

    /// The next matching call(s) fail as `fault` says: an `ErrorPayload` answer
    /// (`status`, `code`, `description`), a network failure (`network: true`) or a delay
    /// (`delayMs`), for `times` calls (default 1) of `operation` (default any).
    #[wasm_bindgen(js_name = failNext)]
    pub fn fail_next(&self, fault: MockFaultArg) -> Result<(), JsValue> {
        self.control("POST", "faults", json_text(fault.as_ref()), "fault")?;
        Ok(())
    }

    /// A share `probability` (0 to 1) of matching calls fail as `fault` says (default
    /// `{ status: 500 }`); which ones comes from the seed, so a run replays.
    #[wasm_bindgen(js_name = failRate)]
    pub fn fail_rate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] probability: JsValue,
        fault: Option<MockFaultArg>,
    ) -> Result<(), JsValue> {
        // The control checks both, as it does over HTTP.
        let value = |js: &JsValue| -> serde_json::Value {
            serde_json::from_str(&json_text(js)).unwrap_or(serde_json::Value::Null)
        };
        let fault = match fault {
            Some(fault) => value(fault.as_ref()),
            None => serde_json::json!({ "status": 500 }),
        };
        let probability = match probability.as_string() {
            // A string is no probability: the control refuses it, naming it.
            Some(text) => serde_json::Value::String(text),
            None => value(&probability),
        };
        let body = serde_json::json!({ "probability": probability, "fault": fault });
        self.control("POST", "faults/rate", body.to_string(), "")?;
        Ok(())
    }

    /// Removes every waiting fault and the fault rate.
    #[wasm_bindgen(js_name = clearFaults)]
    pub fn clear_faults(&self) {
        let _ = self.control("DELETE", "faults", String::new(), "");
    }

    /// Latency on every answer: milliseconds, or `[min, max]` for a seeded random delay.
    #[wasm_bindgen(js_name = setLatency)]
    pub fn set_latency(&self, latency: LatencyArg) -> Result<(), JsValue> {
        let body = latency_json(latency_arg(latency.as_ref(), "latency")?).to_string();
        self.control("PUT", "latency", body, "latency")?;
        Ok(())
    }

    /// The calls answered so far, oldest first. Request bodies and SSO token values read
    /// `[redacted]` unless `{ reveal: true }`.
    #[wasm_bindgen(unchecked_return_type = "MockRequestEntry[]")]
    pub fn requests(&self, options: Option<RequestsOptionsArg>) -> JsValue {
        let options = js(options);
        let reveal = !options.is_undefined()
            && js_sys::Reflect::get(&options, &"reveal".into())
                .ok()
                .and_then(|r| r.as_bool())
                == Some(true);
        json_value(&self.mock.mock().journal().views(reveal))
    }

    /// Forgets the answered calls.
    #[wasm_bindgen(js_name = clearRequests)]
    pub fn clear_requests(&self) {
        let _ = self.control("DELETE", "requests", String::new(), "");
    }

    /// Calls `listener` with each answered call (as in `requests()`); returns the function
    /// that stops it (calling that again does nothing).
    #[wasm_bindgen(js_name = onRequest, unchecked_return_type = "() => void")]
    pub fn on_request(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(entry: MockRequestEntry) => void")]
        listener: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.listen(listener, SharedMock::listeners)
    }

    /// Calls `listener` with the mock's time (RFC 3339) each time its clock is set or
    /// advanced (`setNow`, `advance`, `/__mock/clock`, the panel's buttons, a restore);
    /// returns the function that stops it. What runs on the mock's time (a session keeper)
    /// fires its timers from it.
    #[wasm_bindgen(js_name = onClock, unchecked_return_type = "() => void")]
    pub fn on_clock(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(now: string) => void")] listener: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.listen(listener, SharedMock::clock_listeners)
    }

    /// Whether the clock is virtual (it moves only when told to).
    #[wasm_bindgen(getter, js_name = isVirtualClock)]
    pub fn is_virtual_clock(&self) -> bool {
        self.mock.mock().clock().is_virtual()
    }
}
