//! [`Journal`]: the API calls the mock answered, for tests to assert on and dev tools to show.
//!
//! Request bodies and SSO token values are kept, but read back redacted unless asked for.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::value::Value;
use crate::operation::Operation;
use crate::time::Timestamp;

/// How many entries the journal keeps; older ones are dropped first.
pub const JOURNAL_CAPACITY: usize = 1000;

/// What replaces a hidden body or token value.
pub const REDACTED: &str = "[redacted]";

/// One answered call. Its `Debug` form shows the bodies' sizes, not their text (they may
/// hold SSO token values). It reads back from its view with the bodies shown (what one tab
/// tells the others of it: [`Self::told`]).
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JournalEntry {
    /// When it was answered (the mock's clock).
    pub time: Timestamp,
    /// Which operation, if the path is one of the API.
    #[serde(default, deserialize_with = "operation_named")]
    pub operation: Option<Operation>,
    /// The method.
    pub method: String,
    /// The path as sent (percent-encoded), with its query.
    pub path: String,
    /// The status; 0 for an injected network failure.
    pub status: u16,
    /// How long the answer was held back (latency and injected delays).
    pub duration_ms: u64,
    /// The request body.
    #[serde(default)]
    pub request_body: String,
    /// The response body.
    #[serde(default)]
    pub response_body: String,
}

/// An operation as a view names it (see [`Operation::name`]).
fn operation_named<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Operation>, D::Error> {
    let name = Option::<String>::deserialize(deserializer)?;
    Ok(name.as_deref().and_then(Operation::from_name))
}

impl std::fmt::Debug for JournalEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JournalEntry")
            .field("time", &self.time)
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("status", &self.status)
            .field("duration_ms", &self.duration_ms)
            .field("request_body_bytes", &self.request_body.len())
            .field("response_body_bytes", &self.response_body.len())
            .finish()
    }
}

/// An entry as JSON: `requestBody` and SSO token values redacted unless revealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JournalView {
    time: Timestamp,
    operation: Option<&'static str>,
    method: String,
    path: String,
    status: u16,
    duration_ms: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_body: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    response_body: Option<String>,
}

impl JournalEntry {
    /// The entry as shown: with `reveal`, exactly as it was; without, request bodies are
    /// `[redacted]` and so is the secret field of a success's answer (its
    /// [`Spec::secret`](crate::operation::Spec::secret): an SSO token's `value`).
    pub fn view(&self, reveal: bool) -> JournalView {
        let hide = |body: &str| (!body.is_empty()).then(|| REDACTED.to_owned());
        let shown = |body: &str| (!body.is_empty()).then(|| body.to_owned());
        let secret = self
            .operation
            .map(Operation::spec)
            .filter(|spec| !reveal && spec.status == self.status)
            .and_then(|spec| spec.secret);
        let response_body = match secret {
            Some(field) => redact(&self.response_body, field),
            None => shown(&self.response_body),
        };
        JournalView {
            time: self.time,
            operation: self.operation.map(Operation::name),
            method: self.method.clone(),
            path: self.path.clone(),
            status: self.status,
            duration_ms: self.duration_ms,
            request_body: if reveal {
                shown(&self.request_body)
            } else {
                hide(&self.request_body)
            },
            response_body,
        }
    }
}

impl JournalEntry {
    /// The entry as JSON text for the other tabs sharing the mock, bodies included (read
    /// back by [`Self::from_told`]).
    pub fn told(&self) -> String {
        serde_json::to_string(&self.view(true)).unwrap_or_default()
    }

    /// An entry another tab told of ([`Self::told`]); `None` if the text is not one.
    pub fn from_told(text: &str) -> Option<JournalEntry> {
        serde_json::from_str(text).ok()
    }
}

fn redact(body: &str, field: &str) -> Option<String> {
    let mut answer: Value = serde_json::from_str(body).ok()?;
    let hide = |model: &mut Value| {
        if let Some(fields) = model.as_object_mut() {
            fields.insert(field.to_owned(), REDACTED.into());
        }
    };
    // The model, or each model of a list answer.
    match answer.as_array_mut() {
        Some(models) => models.iter_mut().for_each(hide),
        None => hide(&mut answer),
    }
    Some(answer.to_string())
}

/// The last [`JOURNAL_CAPACITY`] answered calls, oldest first. Entries are shared, so the
/// one handed to listeners ([`Exchange::entry`](super::Exchange::entry)) is not a copy.
#[derive(Debug, Clone, Default)]
pub struct Journal {
    entries: std::collections::VecDeque<Arc<JournalEntry>>,
}

impl Journal {
    /// Adds an entry, dropping the oldest past the capacity; returns it, shared.
    pub fn push(&mut self, entry: JournalEntry) -> Arc<JournalEntry> {
        if self.entries.len() == JOURNAL_CAPACITY {
            self.entries.pop_front();
        }
        let entry = Arc::new(entry);
        self.entries.push_back(Arc::clone(&entry));
        entry
    }

    /// The entries, oldest first.
    pub fn entries(&self) -> impl Iterator<Item = &JournalEntry> {
        self.entries.iter().map(|entry| &**entry)
    }

    /// The newest entry.
    pub fn last(&self) -> Option<&Arc<JournalEntry>> {
        self.entries.back()
    }

    /// Forgets every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Every entry as shown (see [`JournalEntry::view`]).
    pub fn views(&self, reveal: bool) -> Vec<JournalView> {
        self.entries.iter().map(|e| e.view(reveal)).collect()
    }
}
