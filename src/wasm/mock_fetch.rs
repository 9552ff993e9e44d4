//! `MockServer.handleRequest`: the mock answering a raw HTTP request, for adapters that
//! are not a `SessionClient`: the service worker (`mock-sw.js`) answers page `fetch`es
//! with it. API paths go to the rules, `/__mock/...` paths to the controls
//! ([`MockHost::answer`](super::mock_host::MockHost::answer)).

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::convert::{error_to_js, invalid};
use super::mock_server::MockServer;
use super::typescript::*;
use crate::mock::MockRequest;

#[wasm_bindgen]
impl MockServer {
    /// Answers `method target` (a path under the API's base, with its query) with `body`,
    /// as the HTTP server would: `{ status, headers, body }`, after any latency or injected
    /// delay. Rejects with a `NETWORK` `SessionApiError` on an injected network failure.
    #[wasm_bindgen(js_name = handleRequest, unchecked_return_type = "Promise<MockHttpResponse>")]
    pub fn handle_request(
        &self,
        method: StringArg,
        target: StringArg,
        body: Option<StringArg>,
    ) -> Promise {
        let (Some(method), Some(target)) = (
            AsRef::<JsValue>::as_ref(&method).as_string(),
            AsRef::<JsValue>::as_ref(&target).as_string(),
        ) else {
            return Promise::reject(&invalid("`method` and `target` must be strings"));
        };
        let body = js(body).as_string().unwrap_or_default();
        let request = MockRequest::new(&method, &target).with_body(body);
        let server = self.clone();
        future_to_promise(async move {
            let response = server
                .mock
                .answer(&request, None)
                .await
                .map_err(|err| error_to_js(&err))?;
            let headers = Object::new();
            for (name, value) in &response.headers {
                Reflect::set(&headers, &name.into(), &value.into())?;
            }
            let answer = Object::new();
            Reflect::set(&answer, &"status".into(), &response.status.into())?;
            Reflect::set(&answer, &"headers".into(), &headers)?;
            let text = String::from_utf8_lossy(&response.body).into_owned();
            Reflect::set(&answer, &"body".into(), &text.into())?;
            Ok(answer.into())
        })
    }
}
