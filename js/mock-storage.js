// Where a persisted SessionApiMock keeps its state (localStorage, sessionStorage or
// IndexedDB), and how the tabs, frames and workers of an origin that persist to the same
// storage and key share that state (src/wasm/mock_share.rs decides when each is called):
// - a Web Lock per storage and key makes each tab's read, change and write of the state one
//   step that no other tab interleaves with;
// - IndexedDB holds the stamp of the last write and what the last calls changed. Its
//   transactions are ordered, so a tab that takes the lock after another wrote sees that
//   write, and a tab a few calls behind applies their changes instead of reading the whole
//   state. A localStorage write reaches the other tabs later, by message, so its text starts
//   with its stamp and a reader waits until the text the stamp names has arrived;
// - a BroadcastChannel tells the other tabs of each write and each call.
const DB_NAME = "session-client";
const STATES = "mock-state";
const STAMPS = "mock-stamp";
/** How many calls' changes the stamp's record keeps, for tabs that many writes behind. */
const KEPT_CHANGES = 16;
/** How long a reader waits for localStorage to catch up with a stamp before it reads what is there. */
const CATCH_UP_MS = 2000;

function webStorage(kind) {
  const storage = kind === "sessionStorage" ? globalThis.sessionStorage : globalThis.localStorage;
  if (!storage) throw new Error(`${kind} is not available here`);
  return storage;
}

let connection; // one IndexedDB connection, opened at first use

function openDb() {
  connection ??= new Promise((resolve, reject) => {
    if (!globalThis.indexedDB) return reject(new Error("indexedDB is not available here"));
    const request = indexedDB.open(DB_NAME, 2);
    request.onupgradeneeded = () => {
      for (const name of [STATES, STAMPS]) {
        if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name);
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another version of the package upgrading the database, or the browser closing it.
      db.onversionchange = () => {
        db.close();
        connection = undefined;
      };
      db.onclose = () => (connection = undefined);
      resolve(db);
    };
    request.onerror = () => {
      connection = undefined;
      reject(request.error);
    };
  });
  return connection;
}

/** Runs `action(tx)` in one transaction over `stores`; resolves with what it returned once committed. */
async function transact(stores, mode, action) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(stores, mode);
    const result = action(tx);
    tx.oncomplete = () => resolve(result?.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/** The stored text at `key`, or undefined. Web Storage answers at once. */
export function storageLoadSync(kind, key) {
  return webStorage(kind).getItem(key) ?? undefined;
}

/** Stores `text` at `key` in Web Storage. */
export function storageSaveSync(kind, key, text) {
  webStorage(kind).setItem(key, text);
}

/** The stored text at `key` in IndexedDB, or undefined. */
export function idbLoad(key) {
  return transact(STATES, "readonly", (tx) => tx.objectStore(STATES).get(key));
}

/** Stores `text` at `key` in IndexedDB; resolves once it is written. */
export function idbSave(key, text) {
  return transact(STATES, "readwrite", (tx) => tx.objectStore(STATES).put(text, key)).then(() => undefined);
}

/** Whether tabs can share state persisted in `kind` here: Web Locks (secure contexts only), IndexedDB and BroadcastChannel. */
export function canShare(kind) {
  return (
    kind !== "sessionStorage" &&
    Boolean(globalThis.navigator?.locks && globalThis.indexedDB && globalThis.BroadcastChannel)
  );
}

/** Whether this is a browser page on an origin that is not secure (no Web Locks there). */
export function insecureOrigin() {
  return globalThis.isSecureContext === false;
}

/** Takes the Web Lock `name`; resolves with the function that releases it. */
export function lock(name) {
  return new Promise((granted, refused) => {
    navigator.locks
      .request(name, () => new Promise((release) => granted(release)))
      .catch(refused);
  });
}

/**
 * The record of the last write of the state `name` (storage and key), or undefined:
 * `{ stamp, seq, changes }`, `seq` counting the writes and `changes` the last ones as
 * `{ prev, stamp, change }` (`change`: what a call changed, as JSON text; null for a write
 * that only the whole state says).
 */
export function sharedRecord(name) {
  return transact(STAMPS, "readonly", (tx) => tx.objectStore(STAMPS).get(name));
}

/**
 * The shared text at `key`, written with `stamp`. From IndexedDB it is read with its stamp;
 * from localStorage, a text that does not carry `stamp` yet is waited for (the write is on its
 * way from another tab), up to CATCH_UP_MS, after which what is there is read.
 */
export async function sharedLoad(kind, key, stamp) {
  if (kind === "indexedDB") return idbLoad(key);
  const storage = webStorage(kind);
  const prefix = `{"stamp":${JSON.stringify(stamp)}`;
  // Each look reads the text once (it is the whole state: reading it is the cost here).
  const current = () => storage.getItem(key) ?? undefined;
  const text = current();
  if (stamp === undefined || text?.startsWith(prefix) !== false) return text;
  return new Promise((resolve) => {
    const done = (text) => {
      removeEventListener("storage", check);
      clearTimeout(timer);
      resolve(text);
    };
    const check = () => {
      const text = current();
      if (text?.startsWith(prefix)) done(text);
    };
    addEventListener("storage", check);
    const timer = setTimeout(() => done(current()), CATCH_UP_MS);
  });
}

/**
 * Writes `text` (which starts with `stamp`) at `key`, and the record of the state `name` with
 * `change` (what the call changed, or null); resolves with the write's `seq` once both are
 * stored.
 */
export async function sharedSave(kind, name, key, stamp, text, change) {
  const idb = kind === "indexedDB";
  if (!idb) webStorage(kind).setItem(key, text);
  let seq;
  await transact(idb ? [STATES, STAMPS] : STAMPS, "readwrite", (tx) => {
    if (idb) tx.objectStore(STATES).put(text, key);
    const records = tx.objectStore(STAMPS);
    const read = records.get(name);
    read.onsuccess = () => {
      const last = read.result;
      const changes = Array.isArray(last?.changes) ? last.changes.slice(1 - KEPT_CHANGES) : [];
      changes.push({ prev: last?.stamp, stamp, change: change ?? null });
      seq = (Number(last?.seq) || 0) + 1;
      records.put({ stamp, seq, changes }, name);
    };
  });
  return seq;
}

/** A BroadcastChannel `name` whose messages go to `onMessage`. */
export function openChannel(name, onMessage) {
  const channel = new BroadcastChannel(name);
  channel.onmessage = (event) => onMessage(event.data);
  return channel;
}
