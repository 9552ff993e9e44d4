//! [`Share`]: one mock state for every tab, frame and worker of an origin that persists a
//! `SessionApiMock` to the same storage and key (`js/mock-storage.js` does the browser's
//! part).
//!
//! Each call, and each change a control makes, takes the Web Lock of the storage and key;
//! reads the stored state again if another tab wrote it since this one last read or wrote
//! it (the stamp IndexedDB holds says so); answers; writes the state through with a new
//! stamp when it changed; and lets the lock go before any latency or injected delay. So a
//! change made in one tab is seen by the next call in any other, and calls made at once
//! from several tabs take turns and lose nothing.
//!
//! A BroadcastChannel tells the other tabs of each call: its journal entry (their
//! `requests()` and `onRequest` listeners get it) and, when it changed the state, the new
//! stamp (they read the state again at once, so their synchronous reads such as
//! `sessions()` follow, and tell their listeners after that).

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::{Rc, Weak};
use std::sync::Arc;

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use super::mock_persist::Persistence;
use super::mock_shared::SharedMock;
use crate::client::ClientError;
use crate::mock::journal::JournalEntry;
use crate::mock::{MockRequest, MockResponse, Rng};

#[wasm_bindgen(module = "/js/mock-storage.js")]
extern "C" {
    /// A `BroadcastChannel`.
    type Channel;
    #[wasm_bindgen(js_name = openChannel)]
    fn open_channel(name: &str, on_message: &Closure<dyn FnMut(JsValue)>) -> Channel;
    #[wasm_bindgen(method, js_name = postMessage)]
    fn post_message(this: &Channel, message: &JsValue);
    #[wasm_bindgen(method)]
    fn close(this: &Channel);
}

/// A held Web Lock, released when dropped (on every way out of a step).
struct Held(Function);

impl Drop for Held {
    fn drop(&mut self) {
        let _ = self.0.call0(&JsValue::NULL);
    }
}

/// How a [`SharedMock`] shares its state with the other tabs persisting to the same place.
pub(super) struct Share {
    persistence: Persistence,
    /// The stamp of the stored state this tab's mock holds (`None`: nothing stored yet).
    stamp: RefCell<Option<String>>,
    /// Control calls run here whose change is not stored yet, oldest first: run again on
    /// the state of another tab's write when one is read before them.
    pending: RefCell<Vec<MockRequest>>,
    /// Entries told by other tabs whose listeners wait for the state they changed.
    told: RefCell<Vec<Arc<JournalEntry>>>,
    refresh_queued: Cell<bool>,
    /// The last step started here (a write or a read under the lock): `ready` waits for it.
    last_step: RefCell<Option<js_sys::Promise>>,
    stamps: Cell<Rng>,
    channel: Channel,
    _on_message: Closure<dyn FnMut(JsValue)>,
}

impl Drop for Share {
    fn drop(&mut self) {
        self.channel.close();
    }
}

impl Share {
    /// Makes `host` share its persisted state when its storage allows (see
    /// [`Persistence::shareable`]); returns whether it does.
    pub(super) fn start(host: &Rc<SharedMock>, cell: &OnceCell<Share>) -> bool {
        let Some(persistence) = host.persistence().filter(|p| p.shareable()).cloned() else {
            return false;
        };
        let weak: Weak<SharedMock> = Rc::downgrade(host);
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |message: JsValue| {
            if let Some(host) = weak.upgrade() {
                if let Some(share) = host.share() {
                    share.told(&host, &message);
                }
            }
        });
        let share = Share {
            channel: open_channel(&persistence.name(), &on_message),
            persistence,
            stamp: RefCell::new(None),
            pending: RefCell::new(Vec::new()),
            told: RefCell::new(Vec::new()),
            refresh_queued: Cell::new(false),
            last_step: RefCell::new(None),
            stamps: Cell::new(Rng::unseeded()),
            _on_message: on_message,
        };
        cell.set(share).is_ok()
    }

    /// Takes the lock; `None` (and the step goes on unlocked) if the browser refuses it.
    async fn hold(&self) -> Option<Held> {
        let release = JsFuture::from(self.persistence.lock()).await.ok()?;
        release.dyn_into::<Function>().ok().map(Held)
    }

    /// Reads the stored state again if another tab wrote since this one last read or wrote
    /// it, then runs again the controls not stored yet. Under the lock.
    async fn freshen(&self, host: &SharedMock) {
        let stored = match JsFuture::from(self.persistence.stored_stamp()).await {
            Ok(stamp) => stamp.as_string(),
            Err(err) => return self.persistence.warn_write_failed(&err),
        };
        if stored == *self.stamp.borrow() {
            return;
        }
        let text = match JsFuture::from(self.persistence.shared_load(stored.clone())).await {
            Ok(text) => text.as_string(),
            Err(err) => return self.persistence.warn_write_failed(&err),
        };
        let read = text.and_then(|text| host.restore_text(&text));
        // A text that has not caught up with the stamp (localStorage) is read again next time.
        let now_held = match read {
            Some(read) if stored.is_some() && Some(&read) != stored.as_ref() => Some(read),
            _ => stored,
        };
        *self.stamp.borrow_mut() = now_held;
        let pending = self.pending.borrow().clone();
        for request in &pending {
            host.mock_mut().control(request);
        }
    }

    /// Writes the state through with a new stamp and tells the other tabs (with `entry`,
    /// the call that changed it, if any). Under the lock.
    async fn write(&self, host: &SharedMock, entry: Option<&JournalEntry>) {
        let mut stamps = self.stamps.get();
        let stamp = format!("{:016x}", stamps.next_u64());
        self.stamps.set(stamps);
        let written = self.pending.borrow().len();
        let text = host.mock().stored_text(&stamp);
        if let Err(err) = JsFuture::from(self.persistence.shared_save(&stamp, &text)).await {
            return self.persistence.warn_write_failed(&err);
        }
        self.pending.borrow_mut().drain(..written);
        self.post(Some(&stamp), entry);
        *self.stamp.borrow_mut() = Some(stamp);
    }

    fn post(&self, stamp: Option<&str>, entry: Option<&JournalEntry>) {
        let message = Object::new();
        if let Some(stamp) = stamp {
            let _ = Reflect::set(&message, &"stamp".into(), &stamp.into());
        }
        if let Some(entry) = entry {
            let _ = Reflect::set(&message, &"entry".into(), &entry.told().into());
        }
        self.channel.post_message(&message);
    }

    /// One call, as [`SharedMock::exchange`] makes it for a shared mock.
    pub(super) async fn exchange(
        &self,
        host: &SharedMock,
        request: &MockRequest,
        signal: Option<&AbortSignal>,
    ) -> Result<MockResponse, ClientError> {
        let exchange = {
            let _held = self.hold().await;
            self.freshen(host).await;
            let exchange = host.exchange_here(request)?;
            let entry = exchange.entry.as_deref();
            if exchange.changed || !self.pending.borrow().is_empty() {
                self.write(host, entry).await;
            } else if entry.is_some() {
                self.post(None, entry);
            }
            exchange
        };
        host.deliver(exchange, signal).await
    }

    /// A control run here changed the state: it is written through under the lock, on top
    /// of any other tab's write since.
    pub(super) fn changed_by(&self, host: &Rc<SharedMock>, request: MockRequest) {
        self.pending.borrow_mut().push(request);
        let weak = Rc::downgrade(host);
        let step = wasm_bindgen_futures::future_to_promise(async move {
            let Some(host) = weak.upgrade() else {
                return Ok(JsValue::UNDEFINED);
            };
            let Some(share) = host.share() else {
                return Ok(JsValue::UNDEFINED);
            };
            let _held = share.hold().await;
            share.freshen(&host).await;
            if !share.pending.borrow().is_empty() {
                share.write(&host, None).await;
            }
            Ok(JsValue::UNDEFINED)
        });
        *self.last_step.borrow_mut() = Some(step);
    }

    /// The last step started here, to wait for (`SessionApiMock.ready`).
    pub(super) fn last_step(&self) -> Option<js_sys::Promise> {
        self.last_step.borrow().clone()
    }

    /// Reads the state again under the lock (the first read of IndexedDB, or after another
    /// tab's write), then tells the listeners of the entries that waited for it.
    pub(super) fn refresh(host: &Rc<SharedMock>) -> js_sys::Promise {
        let weak = Rc::downgrade(host);
        wasm_bindgen_futures::future_to_promise(async move {
            let Some(host) = weak.upgrade() else {
                return Ok(JsValue::UNDEFINED);
            };
            let Some(share) = host.share() else {
                return Ok(JsValue::UNDEFINED);
            };
            share.refresh_queued.set(false);
            {
                let _held = share.hold().await;
                share.freshen(&host).await;
            }
            let told = std::mem::take(&mut *share.told.borrow_mut());
            for entry in told {
                host.notify(&entry);
            }
            Ok(JsValue::UNDEFINED)
        })
    }

    /// A message from another tab: a call's entry joins the journal; a new stamp has the
    /// state read again, and the entry's listeners wait for it.
    fn told(&self, host: &Rc<SharedMock>, message: &JsValue) {
        let field = |name: &str| Reflect::get(message, &name.into()).ok()?.as_string();
        let entry = field("entry").and_then(|text| JournalEntry::from_told(&text));
        let entry = entry.map(|entry| host.mock_mut().record(entry));
        let stale = field("stamp").is_some_and(|stamp| Some(stamp) != *self.stamp.borrow());
        if stale || self.refresh_queued.get() {
            self.told.borrow_mut().extend(entry);
            if !self.refresh_queued.replace(true) {
                *self.last_step.borrow_mut() = Some(Share::refresh(host));
            }
        } else if let Some(entry) = entry {
            host.notify(&entry);
        }
    }
}
