//! `SessionApiMock`'s controls for front-end developers: scenario and users, faults and
//! latency, and the request journal.

use js_sys::Function;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::convert::{self, invalid};
use super::mock_class::{json_text, json_value, latency_arg, SessionApiMock};
use super::typescript::*;
use crate::mock::json::Json;
use crate::mock::{control, Fault, Scenario};

fn parse_json(value: &JsValue, what: &str) -> Result<Json, JsValue> {
    Json::parse(&json_text(value)).map_err(|err| invalid(format!("`{what}` is not JSON: {err}")))
}

#[wasm_bindgen]
impl SessionApiMock {
    /// Replaces the users and policy (object or JSON text) and removes every session;
    /// `reset()` returns to it. A bad scenario throws, naming the field, and changes nothing.
    #[wasm_bindgen(js_name = loadScenario)]
    pub fn load_scenario(&self, scenario: ScenarioArg) -> Result<(), JsValue> {
        let scenario = Scenario::from_json(&json_text(scenario.as_ref()))
            .map_err(|err| invalid(format!("scenario: {err}")))?;
        self.mock.mock_mut().load_scenario(scenario);
        self.persist();
        Ok(())
    }

    /// Adds a user (only `uuid` required; the other fields default). Returns the `User`.
    #[wasm_bindgen(js_name = addUser, unchecked_return_type = "User")]
    pub fn add_user(&self, user: MockUserArg) -> Result<JsValue, JsValue> {
        let user = parse_json(user.as_ref(), "user")?;
        let added = self
            .mock
            .mock_mut()
            .add_user(user)
            .map_err(|err| invalid(format!("user: {err}")))?;
        self.persist();
        Ok(json_value(&added))
    }

    /// Changes some fields of a user, such as `{ agreement: { state: "ACCEPTED" } }` or
    /// `{ state: "DISABLED" }`; sessions see it at once. Returns the updated `User`.
    #[wasm_bindgen(js_name = updateUser, unchecked_return_type = "User")]
    pub fn update_user(&self, uuid: StringArg, patch: UserPatchArg) -> Result<JsValue, JsValue> {
        let uuid = AsRef::<JsValue>::as_ref(&uuid)
            .as_string()
            .ok_or_else(|| invalid("`uuid` must be a string"))?;
        let patch = parse_json(patch.as_ref(), "patch")?;
        let updated = self
            .mock
            .mock_mut()
            .update_user(&uuid, patch)
            .map_err(|err| invalid(format!("patch: {err}")))?;
        self.persist();
        Ok(json_value(&updated))
    }

    /// The next matching call(s) fail as `fault` says: an `ErrorPayload` answer
    /// (`status`, `code`, `description`), a network failure (`network: true`) or a delay
    /// (`delayMs`), for `times` calls (default 1) of `operation` (default any).
    #[wasm_bindgen(js_name = failNext)]
    pub fn fail_next(&self, fault: MockFaultArg) -> Result<(), JsValue> {
        let fault = control::fault(&parse_json(fault.as_ref(), "fault")?)
            .map_err(|err| invalid(format!("fault: {}", err.description)))?;
        self.mock.mock_mut().fail_next(fault);
        Ok(())
    }

    /// A share `probability` (0 to 1) of matching calls fail as `fault` says (default
    /// `{ status: 500 }`); which ones comes from the seed, so a run replays.
    #[wasm_bindgen(js_name = failRate)]
    pub fn fail_rate(
        &self,
        probability: JsValue,
        fault: Option<MockFaultArg>,
    ) -> Result<(), JsValue> {
        let Some(probability) = probability.as_f64().filter(|p| (0.0..=1.0).contains(p)) else {
            return Err(invalid(format!(
                "`probability` must be a number from 0 to 1, got {}",
                convert::describe(&probability)
            )));
        };
        let fault = match fault {
            Some(fault) => control::fault(&parse_json(fault.as_ref(), "fault")?)
                .map_err(|err| invalid(format!("fault: {}", err.description)))?,
            None => Fault {
                status: Some(500),
                ..Fault::default()
            },
        };
        self.mock.mock_mut().fail_rate(probability, fault);
        Ok(())
    }

    /// Removes every waiting fault and the fault rate.
    #[wasm_bindgen(js_name = clearFaults)]
    pub fn clear_faults(&self) {
        self.mock.mock_mut().clear_faults();
    }

    /// Latency on every answer: milliseconds, or `[min, max]` for a seeded random delay.
    #[wasm_bindgen(js_name = setLatency)]
    pub fn set_latency(&self, latency: LatencyArg) -> Result<(), JsValue> {
        let latency = latency_arg(latency.as_ref(), "latency")?;
        self.mock.mock_mut().set_latency(latency);
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
        self.mock.mock_mut().clear_journal();
    }

    /// Calls `listener` with each answered call (as in `requests()`); returns the function
    /// that stops it (calling that again does nothing).
    #[wasm_bindgen(js_name = onRequest, unchecked_return_type = "() => void")]
    pub fn on_request(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(entry: MockRequestEntry) => void")]
        listener: JsValue,
    ) -> Result<JsValue, JsValue> {
        let Some(listener) = listener.dyn_ref::<Function>() else {
            return Err(invalid(format!(
                "`listener` must be a function, got {}",
                convert::describe(&listener)
            )));
        };
        let id = self.mock.subscribe(listener.clone());
        let host = std::rc::Rc::downgrade(&self.mock);
        let stop = Closure::<dyn FnMut()>::new(move || {
            if let Some(host) = host.upgrade() {
                host.unsubscribe(id);
            }
        });
        Ok(stop.into_js_value())
    }
}
