//! [`Cancel`]: a call's timeout and the caller's `AbortSignal`, as one abort signal that the
//! transport honours (`fetch` rejects, the mock's wait ends), and the reason it fired.

#[cfg(feature = "client")]
use std::cell::Cell;
#[cfg(feature = "client")]
use std::future::Future;
#[cfg(feature = "client")]
use std::rc::Rc;

use js_sys::Function;
#[cfg(feature = "mock")]
use js_sys::Promise;
#[cfg(feature = "client")]
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
#[cfg(feature = "client")]
use wasm_bindgen::JsCast;
#[cfg(feature = "mock")]
use wasm_bindgen_futures::JsFuture;
#[cfg(feature = "client")]
use web_sys::AbortController;
use web_sys::AbortSignal;

#[cfg(feature = "client")]
use crate::client::ClientError;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: i32) -> JsValue;
    #[cfg(feature = "client")]
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
}

/// Resolves after `ms` milliseconds, or as soon as `signal` aborts; returns whether the
/// whole time passed. With no wait, it resolves in a microtask: still never in the
/// caller's own synchronous turn, and not a timer, which browsers clamp to about 4 ms once
/// nested.
#[cfg(feature = "mock")]
pub(super) async fn sleep(ms: u64, signal: Option<&AbortSignal>) -> bool {
    let aborted = || signal.is_some_and(AbortSignal::aborted);
    if aborted() {
        return false;
    }
    if ms == 0 {
        let _ = JsFuture::from(Promise::resolve(&JsValue::UNDEFINED)).await;
        return !aborted();
    }
    let ms = ms.min(i32::MAX as u64) as i32;
    let promise = Promise::new(&mut |resolve, _| {
        set_timeout(&resolve, ms);
        if let Some(signal) = signal {
            let _ = signal.add_event_listener_with_callback("abort", &resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
    !aborted()
}

#[cfg(feature = "client")]
#[derive(Clone, Copy)]
enum Reason {
    Timeout(u32),
    Aborted,
}

/// Aborts a call on timeout or when the caller's signal fires; cleans up when dropped.
#[cfg(feature = "client")]
pub(super) struct Cancel {
    controller: AbortController,
    reason: Rc<Cell<Option<Reason>>>,
    timer: Option<(JsValue, Closure<dyn FnMut()>)>,
    caller: Option<(AbortSignal, Closure<dyn FnMut()>)>,
}

#[cfg(feature = "client")]
impl Cancel {
    /// A cancel for one call: `timeout_ms` (0: none) and the caller's `signal`. Fails with
    /// `ABORTED` when the signal has already fired, so nothing is sent.
    pub(super) fn new(timeout_ms: u32, signal: Option<AbortSignal>) -> Result<Self, ClientError> {
        if signal.as_ref().is_some_and(AbortSignal::aborted) {
            return Err(ClientError::Aborted);
        }
        let controller = AbortController::new()
            .map_err(|_| ClientError::Network("AbortController is not available".into()))?;
        let reason = Rc::new(Cell::new(None));
        let abort_with = |why: Reason| {
            let (controller, reason) = (controller.clone(), Rc::clone(&reason));
            Closure::<dyn FnMut()>::new(move || {
                if reason.get().is_none() {
                    reason.set(Some(why));
                }
                controller.abort();
            })
        };
        let timer = (timeout_ms > 0).then(|| {
            let on_timeout = abort_with(Reason::Timeout(timeout_ms));
            let ms = timeout_ms.min(i32::MAX as u32) as i32;
            (
                set_timeout(on_timeout.as_ref().unchecked_ref(), ms),
                on_timeout,
            )
        });
        let caller = signal.map(|signal| {
            let on_abort = abort_with(Reason::Aborted);
            let _ =
                signal.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
            (signal, on_abort)
        });
        Ok(Cancel {
            controller,
            reason,
            timer,
            caller,
        })
    }

    /// The signal the transport must honour.
    pub(super) fn signal(&self) -> AbortSignal {
        self.controller.signal()
    }

    /// Runs `work`, which must honour [`Self::signal`]: when the call is cancelled, the
    /// transport fails its own way (`fetch` rejects, the mock stops waiting) and the error
    /// says why it stopped instead.
    pub(super) async fn run<T>(
        &self,
        work: impl Future<Output = Result<T, ClientError>>,
    ) -> Result<T, ClientError> {
        match (work.await, self.reason.get()) {
            (Err(_), Some(Reason::Timeout(ms))) => Err(ClientError::Timeout(ms)),
            (Err(_), Some(Reason::Aborted)) => Err(ClientError::Aborted),
            (result, _) => result,
        }
    }
}

#[cfg(feature = "client")]
impl Drop for Cancel {
    fn drop(&mut self) {
        if let Some((handle, _)) = &self.timer {
            clear_timeout(handle);
        }
        if let Some((signal, on_abort)) = &self.caller {
            let _ = signal
                .remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }
    }
}
