// Where a persisted SessionApiMock keeps its state: localStorage, sessionStorage or IndexedDB.
// Web Storage is synchronous; IndexedDB is not, so every function returns a promise.
const DB_NAME = "session-client";
const STORE = "mock-state";

function webStorage(kind) {
  const storage = kind === "sessionStorage" ? globalThis.sessionStorage : globalThis.localStorage;
  if (!storage) throw new Error(`${kind} is not available here`);
  return storage;
}

function openDb() {
  return new Promise((resolve, reject) => {
    if (!globalThis.indexedDB) return reject(new Error("indexedDB is not available here"));
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function inStore(mode, action) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = action(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
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
  return inStore("readonly", (store) => store.get(key));
}

/** Stores `text` at `key` in IndexedDB; resolves once it is written. */
export function idbSave(key, text) {
  return inStore("readwrite", (store) => store.put(text, key)).then(() => undefined);
}
