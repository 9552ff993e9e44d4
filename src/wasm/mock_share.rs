//! [`Share`]: one mock state for every tab, frame and worker of an origin that persists a
//! `SessionApiMock` to the same storage and key (`js/mock-storage.js` does the browser's
//! part).
//!
//! Each call, and each change a control makes, takes the Web Lock of the storage and key;
//! catches up with the other tabs' writes since this one last read or wrote the state (the
//! record IndexedDB keeps of the last write says so: applying what the last calls changed,
//! or reading the whole state when this tab is further behind); answers; writes the state
//! through with a new stamp and what the call changed when it changed; and lets the lock go
//! before any latency or injected delay. So a change made in one tab is seen by the next
//! call in any other, and calls made at once from several tabs take turns and lose nothing.
//!
//! A BroadcastChannel tells the other tabs of each call: its journal entry (their
//! `requests()` and `onRequest` listeners get it) and, when it changed the state, the new
//! stamp (they catch up at once, without the lock, so their synchronous reads such as
//! `sessions()` follow, and tell their listeners after that). A catch-up without the lock
//! applies only a write newer than the one this tab holds (writes are numbered).

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::{Rc, Weak};
use std::sync::Arc;

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use super::cancel::sleep;
use super::mock_persist::Persistence;
use super::mock_shared::SharedMock;
use crate::client::ClientError;
use crate::mock::journal::JournalEntry;
use crate::mock::{MockRequest, MockResponse};

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

/// How long after another tab's write this tab catches up by itself (for its synchronous
/// reads and listeners): a call made in the meantime catches up on its own, with one
/// IndexedDB read rather than two in a row.
const CATCH_UP_AFTER_MS: u64 = 30;

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
    /// The number of that write.
    seq: Cell<f64>,
    /// Control calls run here whose change is not stored yet, oldest first: run again on
    /// the state of another tab's write when one is read before them.
    pending: RefCell<Vec<MockRequest>>,
    /// Entries other tabs told of whose listeners wait for this tab to catch up.
    waiting: RefCell<Vec<Arc<JournalEntry>>>,
    /// Whether a catch-up after another tab's write is on its way.
    refresh_queued: Cell<bool>,
    /// The last step started here (a write, or a catch-up): `ready` waits for it.
    last_step: RefCell<Option<js_sys::Promise>>,
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
                    share.heard(&host, &message);
                }
            }
        });
        host.mock_mut().track_changes();
        let share = Share {
            channel: open_channel(&persistence.name(), &on_message),
            persistence,
            stamp: RefCell::new(None),
            seq: Cell::new(0.0),
            pending: RefCell::new(Vec::new()),
            waiting: RefCell::new(Vec::new()),
            refresh_queued: Cell::new(false),
            last_step: RefCell::new(None),
            _on_message: on_message,
        };
        cell.set(share).is_ok()
    }

    /// Takes the lock; `None` (and the step goes on unlocked) if the browser refuses it.
    async fn hold(&self) -> Option<Held> {
        let release = JsFuture::from(self.persistence.lock()).await.ok()?;
        release.dyn_into::<Function>().ok().map(Held)
    }

    /// Catches up with the other tabs' writes since this tab last read or wrote the state:
    /// applies what their calls changed, or reads the whole state when this tab is further
    /// behind (or has controls not written yet, which are then run again on it).
    async fn freshen(&self, host: &SharedMock, locked: bool) {
        let record = match JsFuture::from(self.persistence.shared_record()).await {
            Ok(record) => record,
            Err(err) => return self.persistence.warn_read_failed(&err),
        };
        let field = |name: &str| Reflect::get(&record, &name.into()).unwrap_or_default();
        let stored = field("stamp").as_string();
        let seq = field("seq").as_f64().unwrap_or(0.0);
        if !self.newer(stored.as_deref(), seq, locked) {
            return;
        }
        if self.pending.borrow().is_empty() && self.apply_changes(host, &field("changes")) {
            self.held(stored, seq);
            return;
        }
        let text = match JsFuture::from(self.persistence.shared_load(stored.clone())).await {
            Ok(text) => text.as_string(),
            Err(err) => return self.persistence.warn_read_failed(&err),
        };
        // Another catch-up of this tab may have gone further while this one read.
        if !self.newer(stored.as_deref(), seq, locked) {
            return;
        }
        let read = text.and_then(|text| host.restore_text(&text));
        match read {
            // A text that has not caught up with the stamp (localStorage) is read again next time.
            Some(read) if stored.is_some() && Some(&read) != stored.as_ref() => {
                *self.stamp.borrow_mut() = Some(read);
            }
            _ => self.held(stored, seq),
        }
        let pending = self.pending.borrow().clone();
        for request in &pending {
            host.mock_mut().control(request);
        }
    }

    /// Whether the write `stamp`, number `seq`, is one this tab does not hold: under the
    /// lock, any other is the latest; without it, only a later one is (a catch-up under the
    /// lock may have gone further while this one read).
    fn newer(&self, stamp: Option<&str>, seq: f64, locked: bool) -> bool {
        stamp != self.stamp.borrow().as_deref() && (locked || seq > self.seq.get())
    }

    fn held(&self, stamp: Option<String>, seq: f64) {
        *self.stamp.borrow_mut() = stamp;
        self.seq.set(seq);
    }

    /// Applies the changes of the calls written since the write this tab holds, from the
    /// record's `changes`; false (nothing applied) when they do not reach back to it or one
    /// is a write that only the whole state says.
    fn apply_changes(&self, host: &SharedMock, changes: &JsValue) -> bool {
        let Some(mine) = self.stamp.borrow().clone() else {
            return false;
        };
        let changes = js_sys::Array::from(changes);
        let prev = |i: u32| {
            Reflect::get(&changes.get(i), &"prev".into())
                .ok()?
                .as_string()
        };
        let Some(first) = (0..changes.length()).find(|&i| prev(i).as_deref() == Some(&*mine))
        else {
            return false;
        };
        let texts: Option<Vec<String>> = (first..changes.length())
            .map(|i| {
                Reflect::get(&changes.get(i), &"change".into())
                    .ok()?
                    .as_string()
            })
            .collect();
        let Some(texts) = texts else {
            return false;
        };
        // Each applies whole or not at all; after one that does not, the whole state is read.
        let mut mock = host.mock_mut();
        texts
            .iter()
            .all(|text| mock.apply_change(text.as_bytes()).is_ok())
    }

    /// Writes the state through with a new stamp and tells the other tabs (with `entry`,
    /// the call that changed it, if any). Under the lock.
    async fn write(&self, host: &SharedMock, entry: Option<&JournalEntry>) {
        let stamp = host.new_stamp();
        let written = self.pending.borrow().len();
        // What a call changed, for the tabs one call behind; a control's change is read whole.
        let change = entry
            .filter(|_| written == 0)
            .and_then(|_| host.mock().change_text());
        let text = host.mock().stored_text(&stamp);
        let saving = self.persistence.shared_save(&stamp, &text, change);
        let seq = match JsFuture::from(saving).await {
            Ok(seq) => seq.as_f64().unwrap_or(0.0),
            Err(err) => return self.persistence.warn_write_failed(&err),
        };
        self.pending.borrow_mut().drain(..written);
        self.post(Some(&stamp), entry);
        self.held(Some(stamp), seq);
    }

    fn post(&self, stamp: Option<&str>, entry: Option<&JournalEntry>) {
        if stamp.is_none() && entry.is_none() {
            return;
        }
        let message = Object::new();
        if let Some(stamp) = stamp {
            let _ = Reflect::set(&message, &"stamp".into(), &stamp.into());
        }
        if let Some(entry) = entry {
            let _ = Reflect::set(&message, &"entry".into(), &entry.told().into());
        }
        self.channel.post_message(&message);
    }

    /// One call, as [`SharedMock::exchange`] makes it for a shared mock. A call that
    /// changes nothing ([`Mock::may_change`](crate::mock::Mock::may_change), told once this
    /// tab has caught up) takes no lock.
    pub(super) async fn exchange(
        &self,
        host: &SharedMock,
        request: &MockRequest,
        signal: Option<&AbortSignal>,
    ) -> Result<MockResponse, ClientError> {
        // Told on this tab's state first (a write goes straight to the lock), then again
        // once caught up (another tab may have set a fault).
        let mut reads = self.reads_only(host, request);
        if reads {
            self.freshen(host, false).await;
            reads = self.reads_only(host, request);
        }
        if reads {
            let exchange = host.exchange_here(request)?;
            if exchange.changed {
                // Not reached (`may_change` is exact): written as any change is.
                let _held = self.hold().await;
                self.write(host, exchange.entry.as_deref()).await;
            } else {
                self.post(None, exchange.entry.as_deref());
            }
            return host.deliver(exchange, signal).await;
        }
        let exchange = {
            let _held = self.hold().await;
            self.freshen(host, true).await;
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

    /// Whether `request` changes nothing in this tab's state, which holds no change of its
    /// own not written yet.
    fn reads_only(&self, host: &SharedMock, request: &MockRequest) -> bool {
        !host.mock().may_change(request) && self.pending.borrow().is_empty()
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
            share.freshen(&host, true).await;
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

    /// Catches up without the lock after `after_ms` (the first read of IndexedDB at once;
    /// after another tab's write, [`CATCH_UP_AFTER_MS`] later), then tells the listeners of
    /// the entries that waited for it.
    pub(super) fn refresh(host: &Rc<SharedMock>, after_ms: u64) -> js_sys::Promise {
        let weak = Rc::downgrade(host);
        wasm_bindgen_futures::future_to_promise(async move {
            if after_ms > 0 {
                sleep(after_ms, None).await;
            }
            let Some(host) = weak.upgrade() else {
                return Ok(JsValue::UNDEFINED);
            };
            let Some(share) = host.share() else {
                return Ok(JsValue::UNDEFINED);
            };
            share.refresh_queued.set(false);
            share.freshen(&host, false).await;
            let waiting = std::mem::take(&mut *share.waiting.borrow_mut());
            for entry in waiting {
                host.notify(&entry);
            }
            Ok(JsValue::UNDEFINED)
        })
    }

    /// A message from another tab: a call's entry joins the journal; a new stamp has the
    /// state read again, and the entry's listeners wait for it.
    fn heard(&self, host: &Rc<SharedMock>, message: &JsValue) {
        let field = |name: &str| Reflect::get(message, &name.into()).ok()?.as_string();
        let entry = field("entry").and_then(|text| JournalEntry::from_told(&text));
        let entry = entry.map(|entry| host.mock_mut().record(entry));
        let stale = field("stamp").is_some_and(|stamp| Some(stamp) != *self.stamp.borrow());
        if stale || self.refresh_queued.get() {
            self.waiting.borrow_mut().extend(entry);
            if !self.refresh_queued.replace(true) {
                *self.last_step.borrow_mut() = Some(Share::refresh(host, CATCH_UP_AFTER_MS));
            }
        } else if let Some(entry) = entry {
            host.notify(&entry);
        }
    }
}
