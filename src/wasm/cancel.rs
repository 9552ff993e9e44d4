//! [`Cancel`]: a call's timeout and the caller's `AbortSignal`, as one abort signal that the
//! transport honours (`fetch` rejects, the mock's wait ends), and the reason it fired.

#[cfg(feature = "client")]
use std::cell::Cell;
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

/// Why a call's abort fired (none yet: `None`), shared with whatever fires it.
#[cfg(feature = "client")]
type Why = Rc<Cell<Option<Reason>>>;

#[cfg(feature = "client")]
fn abort(controller: &AbortController, why: &Why, reason: Reason) {
    if why.get().is_none() {
        why.set(Some(reason));
    }
    controller.abort();
}

/// One timer for every call in flight. A call adds its deadline and removes it when it
/// ends; the timer is armed for the earliest deadline and, when it fires, times out the
/// calls whose deadline has passed and arms itself for the next. Calls awaited one after
/// another therefore share one timer instead of setting and clearing one each (a timer
/// cost more than the rest of a mock call). In Node the timer is `unref`'d: it never
/// keeps a process alive by itself.
#[cfg(feature = "client")]
mod watchdog {
    use std::cell::RefCell;

    use js_sys::{Date, Function, Reflect};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::AbortController;

    use super::{abort, clear_timeout, set_timeout, Reason, Why};

    struct Watch {
        id: u32,
        deadline: f64,
        timeout_ms: u32,
        controller: AbortController,
        why: Why,
    }

    #[derive(Default)]
    struct Watchdog {
        calls: Vec<Watch>,
        next_id: u32,
        /// The deadline the timer is armed for, and its handle.
        armed: Option<(f64, JsValue)>,
        on_timer: Option<Closure<dyn FnMut()>>,
    }

    thread_local! {
        static WATCHDOG: RefCell<Watchdog> = RefCell::default();
    }

    impl Watchdog {
        fn arm(&mut self, now: f64) {
            let Some(earliest) = self.calls.iter().map(|c| c.deadline).reduce(f64::min) else {
                return;
            };
            if self.armed.as_ref().is_some_and(|(at, _)| *at <= earliest) {
                return;
            }
            if let Some((_, handle)) = self.armed.take() {
                clear_timeout(&handle);
            }
            let on_timer: &Closure<dyn FnMut()> =
                self.on_timer.get_or_insert_with(|| Closure::new(fire));
            let wait = (earliest - now).clamp(0.0, f64::from(i32::MAX)) as i32;
            let handle = set_timeout(on_timer.as_ref().unchecked_ref(), wait);
            // Node's timers have `unref`; a browser's handle is a number.
            if let Ok(unref) = Reflect::get(&handle, &"unref".into()) {
                if let Some(unref) = unref.dyn_ref::<Function>() {
                    let _ = unref.call0(&handle);
                }
            }
            self.armed = Some((earliest, handle));
        }
    }

    fn fire() {
        let now = Date::now();
        let expired: Vec<Watch> = WATCHDOG.with(|dog| {
            let mut dog = dog.borrow_mut();
            dog.armed = None;
            let (expired, waiting) = std::mem::take(&mut dog.calls)
                .into_iter()
                .partition(|call| call.deadline <= now);
            dog.calls = waiting;
            dog.arm(now);
            expired
        });
        // Outside the borrow: an abort runs the transport's listeners at once.
        for call in expired {
            abort(
                &call.controller,
                &call.why,
                Reason::Timeout(call.timeout_ms),
            );
        }
    }

    /// Times out `controller` after `timeout_ms`; returns the id [`forget`] takes.
    pub(super) fn watch(timeout_ms: u32, controller: &AbortController, why: &Why) -> u32 {
        let now = Date::now();
        WATCHDOG.with(|dog| {
            let mut dog = dog.borrow_mut();
            dog.next_id = dog.next_id.wrapping_add(1);
            let id = dog.next_id;
            dog.calls.push(Watch {
                id,
                deadline: now + f64::from(timeout_ms),
                timeout_ms,
                controller: controller.clone(),
                why: why.clone(),
            });
            dog.arm(now);
            id
        })
    }

    /// The call `id` ended: no timeout for it.
    pub(super) fn forget(id: u32) {
        WATCHDOG.with(|dog| {
            let mut dog = dog.borrow_mut();
            if let Some(at) = dog.calls.iter().position(|call| call.id == id) {
                dog.calls.swap_remove(at);
            }
        });
    }
}

/// Aborts a call on timeout or when the caller's signal fires; cleans up when dropped.
#[cfg(feature = "client")]
pub(super) struct Cancel {
    controller: AbortController,
    why: Why,
    watch: Option<u32>,
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
            .map_err(|_| ClientError::network("AbortController is not available"))?;
        let why: Why = Rc::new(Cell::new(None));
        let watch = (timeout_ms > 0).then(|| watchdog::watch(timeout_ms, &controller, &why));
        let caller = signal.map(|signal| {
            let (controller, why) = (controller.clone(), Rc::clone(&why));
            let on_abort =
                Closure::<dyn FnMut()>::new(move || abort(&controller, &why, Reason::Aborted));
            let _ =
                signal.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
            (signal, on_abort)
        });
        Ok(Cancel {
            controller,
            why,
            watch,
            caller,
        })
    }

    /// The signal the transport must honour.
    pub(super) fn signal(&self) -> AbortSignal {
        self.controller.signal()
    }

    /// What the work that honoured [`Self::signal`] ended with: when the call was
    /// cancelled, the transport failed its own way (`fetch` rejects, the mock stops waiting)
    /// and the error says why it stopped instead.
    pub(super) fn outcome<T>(&self, result: Result<T, ClientError>) -> Result<T, ClientError> {
        match (result, self.why.get()) {
            (Err(_), Some(Reason::Timeout(ms))) => Err(ClientError::Timeout(ms)),
            (Err(_), Some(Reason::Aborted)) => Err(ClientError::Aborted),
            (result, _) => result,
        }
    }
}

#[cfg(feature = "client")]
impl Drop for Cancel {
    fn drop(&mut self) {
        if let Some(id) = self.watch {
            watchdog::forget(id);
        }
        if let Some((signal, on_abort)) = &self.caller {
            let _ = signal
                .remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }
    }
}
