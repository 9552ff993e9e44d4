// The benchmark's in-page side: each export measures one thing and returns figures; the
// driver (bench/run.mjs) alternates the sides and takes medians. Nothing here asserts speed.
import { SessionClient } from "/pkg/index.js";
import { SessionApiMock } from "/pkg/mock.js";
import { PlainSessions } from "./plain.js";

export const ADMIN = "00000000-0000-4000-8000-000000000001";
export const ADVISOR = "00000000-0000-4000-8000-000000000002";
const HOUR = 3_600_000;

/** The default scenario's users, for the JS sides. */
export function users() {
  return new SessionApiMock().users();
}

/** One iteration: 7 calls awaited one after another. */
export async function iteration(api) {
  const { sessionId } = await api.createSession({ userUuid: ADMIN, enable: true });
  await api.getSession(sessionId, true);
  await api.setSessionSsoToken(sessionId, "bench", "token-value");
  await api.getSessionSsoToken(sessionId, "bench");
  await api.impersonate(sessionId, { userUuid: ADVISOR });
  await api.revertIdentity(sessionId);
  await api.deleteSession(sessionId);
}

/** µs per call, iterating `api` (an object or a side's name) for about `ms`. */
export async function sequential(api, ms) {
  api = typeof api === "string" ? sides[api]() : api;
  return loop(() => iteration(api), ms, 7);
}

const once = (make) => { let v; return () => (v ??= make()); };
const sides = {
  client: once(() => new SessionClient({ mock: new SessionApiMock({ clock: "virtual", seed: 1 }) })),
  plain: once(() => new PlainSessions(users())),
};

/** Milliseconds per call of `op` over HTTP against `baseUrl`: `side` is "client"
 *  (SessionClient) or "fetch" (fetch + res.json() with the same request). */
export async function http(side, op, baseUrl, n) {
  await new Promise((resolve) => setTimeout(resolve, 50)); // let the previous run's work settle
  const client = new SessionClient({ baseUrl });
  const { sessionId } = await client.createSession({ userUuid: ADMIN });
  const body = JSON.stringify({ userUuid: ADMIN });
  const calls = {
    client: {
      getSession: () => client.getSession(sessionId),
      createSession: () => client.createSession({ userUuid: ADMIN }),
    },
    fetch: {
      getSession: () => fetch(`${baseUrl}/sessions/${sessionId}`, { headers: { accept: "application/json" } }).then(ok),
      createSession: () =>
        fetch(`${baseUrl}/sessions`, { method: "POST", headers: { accept: "application/json", "content-type": "application/json" }, body }).then(ok),
    },
    // What any client that honours a timeout does on top of fetch: a Request, an
    // AbortController and a timer.
    guarded: {
      getSession: () => guarded(`${baseUrl}/sessions/${sessionId}`, { headers: { accept: "application/json" } }),
      createSession: () =>
        guarded(`${baseUrl}/sessions`, { method: "POST", headers: { accept: "application/json", "content-type": "application/json" }, body }),
    },
  };
  const call = calls[side][op];
  await call(); // warm
  const start = performance.now();
  for (let i = 0; i < n; i++) await call();
  return (performance.now() - start) / n;
}

/** µs of the page's own work per `getSession` with `fetch` answering at once (a stub
 *  resolving to a session's JSON): what is left once the network is taken away. `side`:
 *  "client" (SessionClient), "middleware" (the same with one middleware that does nothing),
 *  or "guarded" (the floor: fetch + Request + AbortController + timer, and res.json()).
 *  With `waitMs`, the stub answers after a timer instead, as a server does: the page is
 *  idle between calls (the driver then measures CPU, not this wall time). */
export async function own(side, n, waitMs = 0) {
  const session = await new SessionClient({ mock: new SessionApiMock({ seed: 1 }) }).createSession({ userUuid: ADMIN });
  const body = JSON.stringify(session);
  const url = "http://api.invalid";
  const calls = {
    client: () => new SessionClient({ baseUrl: url }),
    middleware: () => new SessionClient({ baseUrl: url, middleware: [{ onRequest() {} }] }),
  };
  const client = calls[side]?.();
  const call = client
    ? () => client.getSession(session.sessionId)
    : () => guarded(`${url}/sessions/${session.sessionId}`, { headers: { accept: "application/json" } });
  const real = globalThis.fetch;
  const later = () => new Promise((resolve) => setTimeout(resolve, waitMs));
  globalThis.fetch = async () => {
    if (waitMs) await later();
    return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  };
  try {
    for (let i = 0; i < (waitMs ? 20 : 200); i++) await call(); // warm
    const start = performance.now();
    for (let i = 0; i < n; i++) await call();
    return ((performance.now() - start) / n) * 1000;
  } finally {
    globalThis.fetch = real;
  }
}

function guarded(url, init) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  return fetch(new Request(url, { ...init, signal: controller.signal }))
    .then(ok)
    .finally(() => clearTimeout(timer));
}

async function ok(res) {
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

/** `n` sessions in one mock: create (half of them 6 h later), get each, delete the
 *  expired half, dump and restore into a fresh mock. Times in ms; memory in MB. */
export async function big(side, n) {
  const t = {};
  const time = async (name, work) => {
    const start = performance.now();
    const out = await work();
    t[name] = performance.now() - start;
    return out;
  };
  const mock = side === "client" ? new SessionApiMock({ clock: "virtual", seed: 1 }) : null;
  const api = side === "client" ? new SessionClient({ mock }) : new PlainSessions(users());
  const advance = (ms) => (mock ? mock.advance(ms) : api.advance(ms));
  const memBefore = await memory(side);
  const ids = [];
  await time("create", async () => {
    for (let i = 0; i < n; i++) {
      if (i === n / 2) advance(6 * HOUR);
      ids.push((await api.createSession({ userUuid: ADMIN })).sessionId);
    }
  });
  await time("get", async () => {
    for (const id of ids) await api.getSession(id);
  });
  t.memory = (await memory(side)) - memBefore;
  advance(6 * HOUR + 1);
  await time("deleteExpired", () => api.deleteExpiredSessions());
  const dump = await time("dump", () => (mock ? mock.dump() : api.dump()));
  const memBeforeRestore = await memory(side);
  const copy = side === "client" ? new SessionApiMock({ clock: "virtual" }) : new PlainSessions(users());
  await time("restore", () => copy.restore(dump));
  t.restoreMemory = (await memory(side)) - memBeforeRestore;
  t.createPerCall = (t.create * 1000) / n;
  t.getPerCall = (t.get * 1000) / n;
  const left = mock ? copy.sessions().length : copy.sessions.size;
  if (left !== n / 2) throw new Error(`${side}: ${left} sessions after restore, expected ${n / 2}`);
  mock?.free();
  copy.free?.();
  api.free?.();
  return t;
}

/** MB in use: the mock module's wasm memory for the client side, the JS heap otherwise
 *  (Chromium's performance.memory, precise with --enable-precise-memory-info). */
async function memory(side) {
  if (side === "client") {
    const mod = await import("/pkg/mock.js");
    const exports = await mod.default();
    const mem = Object.values(exports).find((v) => v instanceof WebAssembly.Memory);
    return mem.buffer.byteLength / 2 ** 20;
  }
  globalThis.gc?.();
  return performance.memory.usedJSHeapSize / 2 ** 20;
}

/** Each half of a mock call alone, µs per call for about `ms`: "mock" is
 *  `SessionApiMock.handleRequest` called directly, "client" is `SessionClient.getSession` with
 *  a plain-JS double that answers a canned body (where the time goes). */
export async function half(which, ms) {
  const mock = new SessionApiMock({ clock: "virtual", seed: 1 });
  const created = await mock.handleRequest({ method: "POST", target: "/sessions", headers: { "content-type": "application/json" }, body: JSON.stringify({ userUuid: ADMIN }) });
  const { sessionId } = JSON.parse(created.body);
  const canned = await mock.handleRequest({ method: "GET", target: `/sessions/${sessionId}` });
  const client = new SessionClient({ mock: { handleRequest: async () => ({ status: 200, headers: {}, body: canned.body }) } });
  const call = which === "mock"
    ? () => mock.handleRequest({ method: "GET", target: `/sessions/${sessionId}`, headers: { accept: "application/json" } })
    : () => client.getSession(sessionId);
  return loop(call, ms, 1);
}

/** µs per call of `call` (making `calls` calls), run for about `ms` after as long again
 *  to warm up. */
async function loop(call, ms, calls) {
  for (const measured of [false, true]) {
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < ms) {
      await call();
      n++;
    }
    if (measured) return ((performance.now() - start) * 1000) / (n * calls);
  }
}

/** Two tabs sharing a mock (bench/run.mjs opens two pages and calls these in each): this
 *  tab's mock persisted to `storage` at `key`, a client on it, and the same on a mock
 *  persisted to `sessionStorage`, which no tab shares. With `n`, this tab makes `n`
 *  sessions in each. */
let tab;
export async function tabOpen(storage, key, n = 0) {
  const persisted = (where) => new SessionApiMock({ clock: "virtual", seed: 1, persist: { storage: where, key } });
  const [shared, alone] = [persisted(storage), persisted("sessionStorage")];
  await Promise.all([shared.ready, alone.ready]);
  tab = { shared: new SessionClient({ mock: shared }), alone: new SessionClient({ mock: alone }), mock: shared, ids: [], alones: [] };
  for (let i = 0; i < n; i++) {
    tab.ids.push((await tab.shared.createSession({ userUuid: ADMIN })).sessionId);
    tab.alones.push((await tab.alone.createSession({ userUuid: ADMIN })).sessionId);
  }
  await tab.mock.ready;
  return tab.ids;
}

/** This tab's sessions of the shared mock, as the other tab made them. */
export function tabTake(ids) {
  tab.ids = ids;
}

/** A change in this tab (a keep-alive of session `i`). */
export async function tabChange(i) {
  await tab.shared.getSession(tab.ids[i % tab.ids.length], true);
}

/** Ms a `getSession` of session `i` takes on the shared mock (`alone`: the unshared one). */
export async function tabCall(i, alone = false) {
  const [client, ids] = alone && tab.alones.length ? [tab.alone, tab.alones] : [tab.shared, tab.ids];
  const start = performance.now();
  await client.getSession(ids[i % ids.length]);
  return performance.now() - start;
}
