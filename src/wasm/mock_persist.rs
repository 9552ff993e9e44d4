//! [`Persistence`]: where a `SessionApiMock` writes its state through, so a page reload loses
//! nothing. Web Storage (`localStorage`, `sessionStorage`) is written synchronously;
//! IndexedDB asynchronously, and a client call resolves only once its write is done.
//!
//! Stored data that does not restore (corrupt, or from an unknown dump version) gives a
//! console warning and a fresh mock; it is overwritten by the next write.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::convert::{invalid, Options};

#[wasm_bindgen(module = "/js/mock-storage.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = storageLoadSync)]
    fn storage_load_sync(kind: &str, key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = storageSaveSync)]
    fn storage_save_sync(kind: &str, key: &str, text: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = idbLoad)]
    fn idb_load(key: &str) -> Promise;
    #[wasm_bindgen(js_name = idbSave)]
    fn idb_save(key: &str, text: &str) -> Promise;
    #[wasm_bindgen(js_name = canShare)]
    fn can_share(kind: &str) -> bool;
    #[wasm_bindgen(js_name = insecureOrigin)]
    fn insecure_origin() -> bool;
    #[wasm_bindgen(js_name = lock)]
    fn lock(name: &str) -> Promise;
    #[wasm_bindgen(js_name = sharedRecord)]
    fn shared_record(name: &str) -> Promise;
    #[wasm_bindgen(js_name = sharedLoad)]
    fn shared_load(kind: &str, key: &str, stamp: Option<String>) -> Promise;
    #[wasm_bindgen(js_name = sharedSave)]
    fn shared_save(
        kind: &str,
        name: &str,
        key: &str,
        stamp: &str,
        text: &str,
        change: Option<String>,
    ) -> Promise;
}

/// The default storage key.
pub(super) const DEFAULT_KEY: &str = "session-client-mock";

/// Where the state goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Storage {
    /// `localStorage`: survives reloads and restarts; shared by the origin's tabs.
    Local,
    /// `sessionStorage`: survives reloads of this tab.
    Session,
    /// IndexedDB: asynchronous, larger, available in workers.
    IndexedDb,
}

/// A storage and a key.
#[derive(Debug, Clone)]
pub(super) struct Persistence {
    storage: Storage,
    key: String,
}

impl Persistence {
    /// Reads `{ storage, key? }`; `undefined` gives `None`.
    pub(super) fn from_options(value: JsValue) -> Result<Option<Self>, JsValue> {
        let Some(options) = Options::new(value, "options.persist")? else {
            return Ok(None);
        };
        options.known(&["storage", "key"])?;
        let storage = match options.string("storage")?.as_deref() {
            Some("localStorage") => Storage::Local,
            Some("sessionStorage") => Storage::Session,
            Some("indexedDB") => Storage::IndexedDb,
            other => {
                return Err(invalid(format!(
                    "`options.persist.storage` must be \"localStorage\", \"sessionStorage\" or \"indexedDB\", got {}",
                    other.map_or("nothing".to_owned(), |o| format!("\"{o}\""))
                )))
            }
        };
        let key = options
            .string("key")?
            .unwrap_or_else(|| DEFAULT_KEY.to_owned());
        Ok(Some(Persistence { storage, key }))
    }

    /// Whether loading and saving are asynchronous.
    pub(super) fn is_async(&self) -> bool {
        self.storage == Storage::IndexedDb
    }

    fn kind(&self) -> &'static str {
        match self.storage {
            Storage::Local => "localStorage",
            Storage::Session => "sessionStorage",
            Storage::IndexedDb => "indexedDB",
        }
    }

    /// The stored text, from Web Storage (`None` for IndexedDB: see [`Self::load`]).
    pub(super) fn load_sync(&self) -> Result<Option<String>, JsValue> {
        if self.is_async() {
            return Ok(None);
        }
        Ok(storage_load_sync(self.kind(), &self.key)?.as_string())
    }

    /// The stored text, from any storage.
    pub(super) async fn load(&self) -> Result<Option<String>, JsValue> {
        if self.is_async() {
            Ok(JsFuture::from(idb_load(&self.key)).await?.as_string())
        } else {
            self.load_sync()
        }
    }

    /// Writes `text`; Web Storage at once, IndexedDB when the returned promise resolves.
    pub(super) fn save(&self, text: &str) -> Promise {
        match self.storage {
            Storage::IndexedDb => idb_save(&self.key, text),
            Storage::Local | Storage::Session => {
                match storage_save_sync(self.kind(), &self.key, text) {
                    Ok(()) => Promise::resolve(&JsValue::UNDEFINED),
                    Err(err) => Promise::reject(&err),
                }
            }
        }
    }

    /// The name of the stored state among an origin's: its storage and key (the name of its
    /// Web Lock, BroadcastChannel and stamp).
    pub(super) fn name(&self) -> String {
        format!("session-client-mock:{}:{}", self.kind(), self.key)
    }

    /// Whether the tabs persisting here share one state (see `mock_share`): not for
    /// `sessionStorage` (one tab's by definition), nor where the browser lacks Web Locks
    /// (an insecure origin), IndexedDB or BroadcastChannel.
    pub(super) fn shareable(&self) -> bool {
        can_share(self.kind())
    }

    /// Takes the Web Lock of the stored state; resolves with its release function.
    pub(super) fn lock(&self) -> Promise {
        lock(&self.name())
    }

    /// The record of the last write of the shared state (`{ stamp, seq, changes }`, or
    /// `undefined`; see `js/mock-storage.js`).
    pub(super) fn shared_record(&self) -> Promise {
        shared_record(&self.name())
    }

    /// The shared state's text as written with `stamp` (see `js/mock-storage.js`).
    pub(super) fn shared_load(&self, stamp: Option<String>) -> Promise {
        shared_load(self.kind(), &self.key, stamp)
    }

    /// Writes the shared state's `text`, its `stamp` and what the call changed, if a call
    /// did; resolves with the write's number once stored.
    pub(super) fn shared_save(&self, stamp: &str, text: &str, change: Option<String>) -> Promise {
        shared_save(self.kind(), &self.name(), &self.key, stamp, text, change)
    }

    /// Says in the console that stored state was unusable and the mock starts fresh.
    pub(super) fn warn_unusable(&self, why: &str) {
        let message = format!(
            "session-client: the mock state stored in {} at key \"{}\" cannot be restored ({why}); starting with a fresh mock",
            self.kind(),
            self.key
        );
        web_sys::console::warn_1(&message.into());
    }

    /// Says in the console that a page on an origin that is not secure (no Web Locks) cannot
    /// share the state with its other tabs, so the last of them to write wins. Silent for
    /// `sessionStorage` (one tab's anyway) and outside such pages (a test runner's DOM has
    /// one tab).
    pub(super) fn warn_not_shared(&self) {
        if self.storage == Storage::Session || !insecure_origin() {
            return;
        }
        let message = format!(
            "session-client: the mock state in {} at key \"{}\" is not shared with this page's other tabs: sharing needs Web Locks, which browsers give secure origins only (https: or localhost); the last tab to write wins",
            self.kind(),
            self.key
        );
        web_sys::console::warn_1(&message.into());
    }

    /// Says in the console that a write failed (a full quota, private mode...).
    pub(super) fn warn_write_failed(&self, err: &JsValue) {
        self.warn_failed("write", err);
    }

    /// Says in the console that a read failed (storage blocked, private mode...).
    pub(super) fn warn_read_failed(&self, err: &JsValue) {
        self.warn_failed("read", err);
    }

    fn warn_failed(&self, doing: &str, err: &JsValue) {
        let message = format!(
            "session-client: cannot {doing} the mock state in {} at key \"{}\"",
            self.kind(),
            self.key
        );
        web_sys::console::warn_2(&message.into(), err);
    }
}
