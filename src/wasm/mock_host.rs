//! [`MockHost`]: one in-memory mock as the browser holds it: the [`Mock`] and the
//! `onRequest` listeners, shared by every `MockServer` handle and client that uses it.

use std::cell::{Cell, Ref, RefCell, RefMut};

use js_sys::{Function, JSON};
use wasm_bindgen::JsValue;

use crate::mock::{Mock, MockRequest, MockResponse};

/// A mock and its listeners.
pub struct MockHost {
    mock: RefCell<Mock>,
    listeners: RefCell<Vec<(u32, Function)>>,
    next_listener: Cell<u32>,
}

impl MockHost {
    /// Holds `mock`.
    pub fn new(mock: Mock) -> Self {
        MockHost {
            mock: RefCell::new(mock),
            listeners: RefCell::new(Vec::new()),
            next_listener: Cell::new(1),
        }
    }

    /// The mock, to read.
    pub fn mock(&self) -> Ref<'_, Mock> {
        self.mock.borrow()
    }

    /// The mock, to change.
    pub fn mock_mut(&self) -> RefMut<'_, Mock> {
        self.mock.borrow_mut()
    }

    /// Answers an API request, then tells the listeners (with nothing borrowed, so a
    /// listener may call the mock or a client). `None` if the mock is in use.
    pub fn handle(&self, request: &MockRequest) -> Option<MockResponse> {
        let (response, entry) = {
            let mut mock = self.mock.try_borrow_mut().ok()?;
            let response = mock.handle(request);
            let entry = mock.journal().last().map(|e| e.view(false));
            (response, entry)
        };
        if let Some(entry) = entry {
            let text = serde_json::to_string(&entry).unwrap_or_default();
            let value = JSON::parse(&text).unwrap_or(JsValue::NULL);
            let listeners: Vec<Function> = self
                .listeners
                .borrow()
                .iter()
                .map(|(_, f)| f.clone())
                .collect();
            for listener in listeners {
                if let Err(err) = listener.call1(&JsValue::NULL, &value) {
                    web_sys::console::warn_2(
                        &"session-client: an onRequest listener threw".into(),
                        &err,
                    );
                }
            }
        }
        Some(response)
    }

    /// Adds a listener; returns its id.
    pub fn subscribe(&self, listener: Function) -> u32 {
        let id = self.next_listener.get();
        self.next_listener.set(id + 1);
        self.listeners.borrow_mut().push((id, listener));
        id
    }

    /// Removes listener `id`.
    pub fn unsubscribe(&self, id: u32) {
        self.listeners.borrow_mut().retain(|(i, _)| *i != id);
    }
}
