//! [`SharedMock`]: one in-memory mock as the browser holds it: the [`Mock`] and the
//! `onRequest` listeners, shared by every `SessionApiMock` handle and client that uses it.

use std::cell::{Cell, OnceCell, Ref, RefCell, RefMut};
use std::rc::Rc;

use js_sys::{Function, Promise};
use wasm_bindgen::JsValue;
use web_sys::AbortSignal;

use wasm_bindgen_futures::JsFuture;

use super::cancel::sleep;
use super::mock_class::json_value;
use super::mock_persist::Persistence;
use super::mock_share::Share;
use crate::client::ClientError;
use crate::mock::journal::JournalEntry;
use crate::mock::{Clock, Exchange, Mock, MockRequest, MockResponse, Rng};

/// An answer, or `NETWORK` for an injected network failure.
fn finish(response: MockResponse) -> Result<MockResponse, ClientError> {
    if response.network_error {
        return Err(ClientError::network("injected network failure (mock)"));
    }
    Ok(response)
}

fn busy() -> ClientError {
    ClientError::network("the mock is busy")
}

/// How deep `onRequest` listeners may nest: a listener that calls the mock synchronously is
/// told of that call too, inside its own call. Past this depth the request is refused, so a
/// listener that calls the mock for every request it is told of ends, with an error, instead
/// of running the stacks out.
pub(super) const MAX_LISTENER_DEPTH: u32 = 8;

/// A mock, its listeners and where its state is written through.
pub(super) struct SharedMock {
    mock: RefCell<Mock>,
    listeners: Listeners,
    /// How many listener calls are running, one inside another.
    listener_depth: Cell<u32>,
    persistence: Option<Persistence>,
    loading: RefCell<Option<Promise>>,
    /// How the state is shared with other tabs, when it is.
    share: OnceCell<Share>,
    /// Where stamps of writes come from.
    stamps: Cell<Rng>,
    /// `onClock` listeners, and the clock they last heard of.
    clock_listeners: Listeners,
    clock_heard: Cell<Clock>,
}

impl SharedMock {
    /// Holds `mock`; with `persistence`, Web Storage state is restored at once (IndexedDB
    /// state by [`Self::restore_text`] when it has loaded).
    pub(super) fn new(mock: Mock, persistence: Option<Persistence>) -> Self {
        let clock = mock.clock();
        let host = SharedMock {
            mock: RefCell::new(mock),
            listeners: Listeners::default(),
            listener_depth: Cell::new(0),
            persistence,
            loading: RefCell::new(None),
            share: OnceCell::new(),
            stamps: Cell::new(Rng::unseeded()),
            clock_listeners: Listeners::default(),
            clock_heard: Cell::new(clock),
        };
        if let Some(persistence) = &host.persistence {
            match persistence.load_sync() {
                Ok(Some(text)) => drop(host.restore_text(&text)),
                Ok(None) => {}
                Err(err) => persistence.warn_read_failed(&err),
            }
        }
        host
    }

    /// A new stamp for a write of the state (random, 16 hex digits).
    pub(super) fn new_stamp(&self) -> String {
        let mut stamps = self.stamps.get();
        let stamp = format!("{:016x}", stamps.next_u64());
        self.stamps.set(stamps);
        stamp
    }

    /// The persistence, if any.
    pub(super) fn persistence(&self) -> Option<&Persistence> {
        self.persistence.as_ref()
    }

    /// Shares the persisted state with the other tabs persisting to the same place, when
    /// the storage and the browser allow (see [`Share`]); returns whether it does.
    pub(super) fn start_sharing(self: &Rc<Self>) -> bool {
        Share::start(self, &self.share)
    }

    /// How the state is shared, if it is.
    pub(super) fn share(&self) -> Option<&Share> {
        self.share.get()
    }

    /// Restores stored state (see [`crate::mock::stored`]); returns the stamp it was
    /// written with. Anything unusable gives a warning and leaves the mock as it was.
    pub(super) fn restore_text(&self, text: &str) -> Option<String> {
        let persistence = self.persistence.as_ref()?;
        let restored = self.mock.borrow_mut().restore_stored(text.as_bytes());
        restored.unwrap_or_else(|err| {
            persistence.warn_unusable(&err.to_string());
            None
        })
    }

    /// Sets the promise of a load still under way (IndexedDB).
    pub(super) fn set_loading(&self, loading: Promise) {
        *self.loading.borrow_mut() = Some(loading);
    }

    /// The load still under way, if any.
    pub(super) fn loading(&self) -> Option<Promise> {
        self.loading.borrow().clone()
    }

    /// Writes the state through; the promise resolves once written (`None`: no persistence).
    pub(super) fn save(&self) -> Option<Promise> {
        let persistence = self.persistence.as_ref()?;
        let text = self.mock.try_borrow().ok()?.stored_text(&self.new_stamp());
        Some(persistence.save(&text))
    }

    /// The mock, to read.
    pub(super) fn mock(&self) -> Ref<'_, Mock> {
        self.mock.borrow()
    }

    /// The mock, to change.
    pub(super) fn mock_mut(&self) -> RefMut<'_, Mock> {
        self.mock.borrow_mut()
    }

    /// Tells the `onClock` listeners the mock's time when its clock was set or moved since
    /// they last heard (by a method, a `/__mock/clock` request or a restore), with nothing
    /// borrowed. Called after each request and control.
    pub(super) fn clock_check(&self) {
        let Ok(mock) = self.mock.try_borrow() else {
            return;
        };
        let clock = mock.clock();
        if clock == self.clock_heard.get() {
            return;
        }
        self.clock_heard.set(clock);
        let now = JsValue::from(mock.now().to_string());
        drop(mock);
        for listener in self.clock_listeners.all() {
            if let Err(err) = listener.call1(&JsValue::NULL, &now) {
                web_sys::console::warn_2(&"session-client: an onClock listener threw".into(), &err);
            }
        }
    }

    /// The `onClock` listeners.
    pub(super) fn clock_listeners(&self) -> &Listeners {
        &self.clock_listeners
    }

    /// Tells the listeners about `entry`, with nothing borrowed, so a listener may call the
    /// mock or a client.
    pub(super) fn notify(&self, entry: &JournalEntry) {
        let listeners = self.listeners.all();
        if listeners.is_empty() {
            return;
        }
        let value = json_value(&entry.view(false));
        let depth = self.listener_depth.get();
        self.listener_depth.set(depth + 1);
        for listener in listeners {
            if let Err(err) = listener.call1(&JsValue::NULL, &value) {
                web_sys::console::warn_2(
                    &"session-client: an onRequest listener threw".into(),
                    &err,
                );
            }
        }
        self.listener_depth.set(depth);
    }

    /// `INVALID_ARGUMENT` for a request made from listeners nested [`MAX_LISTENER_DEPTH`]
    /// deep.
    fn check_depth(&self) -> Result<(), ClientError> {
        if self.listener_depth.get() >= MAX_LISTENER_DEPTH {
            return Err(ClientError::InvalidArgument(format!(
                "a request made from inside onRequest listeners nested {MAX_LISTENER_DEPTH} deep: \
                 a listener that calls the mock for every request it is told of never ends; \
                 call it for some requests only, or after the listener returns"
            )));
        }
        Ok(())
    }

    /// The start of [`Self::exchange`] when no load is pending (`None` otherwise): the core's
    /// exchange, and whether [`Self::finish_now`] may complete it without waiting (nothing
    /// to write through, no latency or delay), which spares the call a future.
    pub(super) fn exchange_now(
        &self,
        request: &MockRequest,
    ) -> Option<Result<(Exchange, bool), ClientError>> {
        if self.loading.borrow().is_some() || self.share.get().is_some() {
            return None;
        }
        if let Err(err) = self.check_depth() {
            return Some(Err(err));
        }
        let exchange = match self.mock.try_borrow_mut() {
            Ok(mut mock) => mock.exchange(request),
            Err(_) => return Some(Err(busy())),
        };
        let at_once =
            exchange.response.delay_ms == 0 && !(exchange.changed && self.persistence.is_some());
        Some(Ok((exchange, at_once)))
    }

    /// Completes an exchange that needs no wait: tells the listeners; the answer.
    pub(super) fn finish_now(
        &self,
        exchange: Exchange,
        signal: Option<&AbortSignal>,
    ) -> Result<MockResponse, ClientError> {
        if let Some(entry) = &exchange.entry {
            self.notify(entry);
        }
        self.clock_check();
        if signal.is_some_and(AbortSignal::aborted) {
            return Err(ClientError::Aborted);
        }
        finish(exchange.response)
    }

    /// One exchange as every JS adapter needs it: waits for a pending load, lets the core
    /// answer ([`Mock::exchange`]: API or control, limits, faults, the journal entry),
    /// writes the state through when it changed, tells the listeners, then holds the answer
    /// for its latency or injected delay (cut short, with `ABORTED`, when `signal` aborts).
    /// An injected network failure is `NETWORK`.
    pub(super) async fn exchange(
        &self,
        request: &MockRequest,
        signal: Option<&AbortSignal>,
    ) -> Result<MockResponse, ClientError> {
        if let Some(loading) = self.loading() {
            let _ = JsFuture::from(loading).await;
        }
        if let Some(share) = self.share() {
            return share.exchange(self, request, signal).await;
        }
        let exchange = self.exchange_here(request)?;
        self.complete(exchange, signal).await
    }

    /// The core's exchange of `request` on this tab's state.
    pub(super) fn exchange_here(&self, request: &MockRequest) -> Result<Exchange, ClientError> {
        self.check_depth()?;
        let mut mock = self.mock.try_borrow_mut().map_err(|_| busy())?;
        Ok(mock.exchange(request))
    }

    /// The rest of [`Self::exchange`] after the core's exchange.
    pub(super) async fn complete(
        &self,
        exchange: Exchange,
        signal: Option<&AbortSignal>,
    ) -> Result<MockResponse, ClientError> {
        // Written through before the answer: a reload right after loses nothing.
        if exchange.changed {
            self.save_and_wait().await;
        }
        self.deliver(exchange, signal).await
    }

    /// The end of every exchange, once written through: tells the listeners, then holds the
    /// answer for its latency or injected delay.
    pub(super) async fn deliver(
        &self,
        exchange: Exchange,
        signal: Option<&AbortSignal>,
    ) -> Result<MockResponse, ClientError> {
        if let Some(entry) = &exchange.entry {
            self.notify(entry);
        }
        self.clock_check();
        let response = exchange.response;
        // Like a real response, the answer always arrives in a later task.
        if !sleep(response.delay_ms, signal).await {
            return Err(ClientError::Aborted);
        }
        finish(response)
    }

    /// Writes the state through and waits for the write; a failure is a console warning.
    pub(super) async fn save_and_wait(&self) {
        if let (Some(saving), Some(persistence)) = (self.save(), self.persistence()) {
            if let Err(err) = JsFuture::from(saving).await {
                persistence.warn_write_failed(&err);
            }
        }
    }

    /// The `onRequest` listeners.
    pub(super) fn listeners(&self) -> &Listeners {
        &self.listeners
    }
}

/// Functions a mock calls back (`onRequest`, `onClock`), each with an id to remove it by.
#[derive(Default)]
pub(super) struct Listeners {
    all: RefCell<Vec<(u32, Function)>>,
    next: Cell<u32>,
}

impl Listeners {
    /// Adds `listener`; returns its id.
    pub(super) fn add(&self, listener: Function) -> u32 {
        let id = self.next.get();
        self.next.set(id + 1);
        self.all.borrow_mut().push((id, listener));
        id
    }

    /// Removes listener `id` (nothing when it is gone already).
    pub(super) fn remove(&self, id: u32) {
        self.all.borrow_mut().retain(|(i, _)| *i != id);
    }

    /// Every listener, copied out: calling them borrows nothing.
    fn all(&self) -> Vec<Function> {
        self.all.borrow().iter().map(|(_, f)| f.clone()).collect()
    }
}
