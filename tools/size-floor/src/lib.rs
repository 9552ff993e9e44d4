//! One exported async function that fetches a URL with gloo-net and returns the body, with
//! the package's allocator: what any wasm-bindgen + gloo-net client costs before its own
//! logic. `scripts/size-floor` builds it and prints its size.

use wasm_bindgen::prelude::*;

#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Fetches `url` and resolves to its body; rejects with the error's text.
#[wasm_bindgen]
pub fn get(url: String) -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(async move {
        let failed = |err: gloo_net::Error| JsValue::from_str(&format!("network: {err}"));
        let response = gloo_net::http::Request::get(&url)
            .send()
            .await
            .map_err(failed)?;
        Ok(JsValue::from_str(&response.text().await.map_err(failed)?))
    })
}
