// One persisted mock per origin: several pages of one browser context (tabs of one profile)
// whose SessionApiMock persists to the same storage and key share one state, lose nothing
// when they call at once, when one closes or reloads in the middle, and see each other's
// calls. Each page loads the built package from scripts/serve.mjs, started here.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { freePort, launchChromium, repo, start, stop } from "../support/npm.mjs";

const ADMIN = "00000000-0000-4000-8000-000000000001";
const ADVISOR = "00000000-0000-4000-8000-000000000002";

let server, browser, url;

before(async () => {
  server = await start("node", [`${repo}scripts/serve.mjs`, "--port", String(await freePort())], { ready: /^demo on (http:\S+)$/ });
  url = server.match[1];
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server) await stop(server);
});

/**
 * A page with the package loaded and, as `window.mock` and `window.client`, a mock persisted
 * to `storage` at `key` and a client on it. Console warnings are collected in `page.warnings`.
 */
async function tab(context, storage, key, options = {}) {
  const page = await context.newPage();
  page.warnings = [];
  page.on("console", (message) => message.type() === "warning" && page.warnings.push(message.text()));
  page.on("pageerror", (err) => assert.fail(`page error: ${err.message}`));
  await page.goto(`${url}blank`); // any page of the origin (a 404 will do)
  await open(page, storage, key, options);
  return page;
}

async function open(page, storage, key, options = {}) {
  await page.evaluate(
    async ({ storage, key, options }) => {
      const { SessionApiMock } = await import("/pkg/mock.js");
      const { SessionClient } = await import("/pkg/index.js");
      window.mock = new SessionApiMock({ ...options, persist: { storage, key } });
      await window.mock.ready;
      window.client = new SessionClient({ mock: window.mock });
      window.seen = [];
      window.mock.onRequest((entry) => window.seen.push(`${entry.operation} ${entry.status}`));
    },
    { storage, key, options },
  );
}

const create = (page, user = ADVISOR) =>
  page.evaluate(async (user) => (await window.client.createSession({ userUuid: user })).sessionId, user);
const status = (page, id) =>
  page.evaluate(async (id) => window.client.getSession(id, false).then((s) => s.state, (e) => e.status), id);
const ids = (page) => page.evaluate(async () => window.mock.sessions().map((s) => s.sessionId).sort());

for (const storage of ["localStorage", "indexedDB"]) {
  test(`${storage}: what one tab does, the next call in another sees; a third tab opened later has it all`, async () => {
    const context = await browser.newContext();
    const key = "shared";
    const clock = { clock: "virtual" };
    const [a, b] = [await tab(context, storage, key, clock), await tab(context, storage, key, clock)];
    const first = await create(a);
    assert.equal(await status(b, first), "ENABLED", "B reads A's session");
    const second = await create(b);
    const third = await create(a);
    assert.equal(await status(a, second), "ENABLED", "A reads B's session");
    const c = await tab(context, storage, key, clock);
    assert.deepEqual(await ids(c), [first, second, third].sort(), "nobody's write was lost");

    // One virtual clock, one set of faults, one latency: whichever tab sets them. A method's
    // change is written moments later; `ready` resolves once it is.
    await b.evaluate(() => {
      window.mock.failNext({ status: 503 });
      return window.mock.ready;
    });
    assert.equal(await status(a, first), 503, "B's fault hits A's next call");
    assert.equal(await status(c, first), "ENABLED", "and is used up");
    const moved = await a.evaluate(() => {
      const now = window.mock.advance(60_000);
      window.mock.setLatency(300);
      return window.mock.ready.then(() => now);
    });
    const waited = await b.evaluate(async (id) => {
      const start = performance.now();
      await window.client.getSession(id, false);
      return performance.now() - start;
    }, first);
    assert.ok(waited >= 290, `A's latency holds B's call (${waited} ms)`);
    assert.equal(await b.evaluate(() => window.mock.now()), moved, "one clock");
    await c.evaluate(() => {
      window.mock.setLatency(0);
      return window.mock.ready;
    });
    await a.evaluate(() => {
      window.mock.reset();
      return window.mock.ready;
    });
    assert.equal(await status(b, first), 404, "A's reset empties B's mock");

    // B deletes A's session: A's sessions() follows within moments (the BroadcastChannel),
    // and A's listener is told of B's call once A's state has it.
    const kept = await create(a);
    await b.evaluate((id) => window.client.deleteSession(id), kept);
    await a.waitForFunction(() => window.mock.sessions().length === 0);
    await a.waitForFunction(() => window.seen.includes("deleteSession 204"));
    const journal = await a.evaluate(() => window.mock.requests().map((e) => e.operation));
    assert.ok(journal.includes("deleteSession"), `A's journal has B's call: ${journal}`);
    assert.deepEqual(a.warnings.concat(b.warnings, c.warnings), []);
    await context.close();
  });

  test(`${storage}: three tabs making 200 calls each at once lose nothing; a new tab finds every session`, async () => {
    const context = await browser.newContext();
    const pages = [];
    for (let i = 0; i < 3; i++) pages.push(await tab(context, storage, "busy"));
    const made = await Promise.all(
      pages.map((page) =>
        page.evaluate(async () => {
          const ids = [];
          const calls = [];
          for (let i = 0; i < 100; i++) {
            calls.push(window.client.createSession({ userUuid: "00000000-0000-4000-8000-000000000002" }).then((s) => {
              ids.push(s.sessionId);
              return window.client.getSession(s.sessionId, true);
            }));
          }
          await Promise.all(calls);
          return ids;
        }),
      ),
    );
    const everyId = made.flat().sort();
    assert.equal(new Set(everyId).size, 300);
    const fresh = await tab(context, storage, "busy");
    assert.deepEqual(await ids(fresh), everyId);
    await context.close();
  });

  test(`${storage}: a tab closed or reloaded in the middle of a run loses no answered call`, async () => {
    const context = await browser.newContext();
    const [a, b] = [await tab(context, storage, "closing"), await tab(context, storage, "closing")];
    const start = (page) =>
      page.evaluate(() => {
        window.answered = [];
        window.running = (async () => {
          for (let i = 0; i < 400; i++) {
            const s = await window.client.createSession({ userUuid: "00000000-0000-4000-8000-000000000001" });
            window.answered.push(s.sessionId);
          }
        })().catch(() => {});
      });
    await Promise.all([start(a), start(b)]);
    await a.waitForFunction(() => window.answered.length >= 20);
    const answeredByA = await a.evaluate(() => window.answered.slice());
    await a.close({ runBeforeUnload: false }); // closed in the middle of its calls
    await b.waitForFunction(() => window.answered.length >= 60);
    const answeredByB = await b.evaluate(() => window.answered.slice());
    await b.reload(); // reloaded in the middle of its calls
    await open(b, storage, "closing");
    const stored = new Set(await ids(b));
    for (const id of answeredByA.concat(answeredByB)) assert.ok(stored.has(id), `answered ${id} is stored`);
    // The reloaded tab goes on where the others left off.
    const after = await create(b, ADMIN);
    assert.ok((await ids(b)).includes(after));
    await context.close();
  });
}

test("sessionStorage stays one tab's, and mocks without persist stay apart", async () => {
  const context = await browser.newContext();
  const [a, b] = [await tab(context, "sessionStorage", "one"), await tab(context, "sessionStorage", "one")];
  const id = await create(a);
  assert.equal(await status(b, id), 404);
  const apart = await a.evaluate(async () => {
    const { SessionApiMock } = await import("/pkg/mock.js");
    const { SessionClient } = await import("/pkg/index.js");
    const [one, two] = [new SessionApiMock(), new SessionApiMock()];
    const made = await new SessionClient({ mock: one }).createSession({ userUuid: "00000000-0000-4000-8000-000000000002" });
    return new SessionClient({ mock: two }).getSession(made.sessionId, false).then(() => "found", (e) => e.code);
  });
  assert.equal(apart, "NOT_FOUND");
  await context.close();
});

for (const storage of ["localStorage", "indexedDB"]) {
  test(`${storage}: stored state that is corrupt gives a fresh mock with a warning, and sharing goes on`, async () => {
    const context = await browser.newContext();
    const first = await tab(context, storage, "corrupt");
    await create(first);
    await first.evaluate(async (storage) => {
      const text = '{"stamp":"0000000000000000","controls":[],"state":{"format":"nonsense"}}';
      if (storage === "localStorage") return localStorage.setItem("corrupt", text);
      const db = await new Promise((resolve) => (indexedDB.open("session-client").onsuccess = (e) => resolve(e.target.result)));
      await new Promise((resolve) => {
        const tx = db.transaction("mock-state", "readwrite");
        tx.objectStore("mock-state").put(text, "corrupt");
        tx.oncomplete = resolve;
      });
      db.close();
    }, storage);
    const second = await tab(context, storage, "corrupt");
    assert.deepEqual(await ids(second), []);
    assert.ok(second.warnings.some((w) => w.includes("cannot be restored") && w.includes("format")), second.warnings.join("\n"));
    const made = await create(second);
    assert.equal(await status(first, made), "ENABLED", "the next write is shared again");
    await context.close();
  });
}

test("on an origin without Web Locks (not secure), tabs keep their own state and the console says so", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const warnings = [];
  page.on("console", (message) => message.type() === "warning" && warnings.push(message.text()));
  await page.goto(`${url}blank`);
  const found = await page.evaluate(async () => {
    // What an http: origin other than localhost gives a page.
    Object.defineProperty(navigator, "locks", { value: undefined });
    Object.defineProperty(window, "isSecureContext", { value: false });
    const { SessionApiMock } = await import("/pkg/mock.js");
    const { SessionClient } = await import("/pkg/index.js");
    const persist = { storage: "localStorage", key: "insecure" };
    const [one, two] = [new SessionApiMock({ persist }), new SessionApiMock({ persist })];
    const made = await new SessionClient({ mock: one }).createSession({ userUuid: "00000000-0000-4000-8000-000000000002" });
    return new SessionClient({ mock: two }).getSession(made.sessionId, false).then(() => "found", (e) => e.status);
  });
  assert.equal(found, 404, "not shared");
  assert.equal(warnings.filter((w) => w.includes('key "insecure" is not shared')).length, 2, warnings.join("\n"));
  await context.close();
});

test("a worker and a window persisting to one IndexedDB key share the mock too", async () => {
  const context = await browser.newContext();
  const page = await tab(context, "indexedDB", "with-worker");
  const madeInWorker = await page.evaluate(async (origin) => {
    const source = `
      const { SessionApiMock } = await import("${origin}/pkg/mock.js");
      const { SessionClient } = await import("${origin}/pkg/index.js");
      const mock = new SessionApiMock({ persist: { storage: "indexedDB", key: "with-worker" } });
      const client = new SessionClient({ mock });
      const made = await client.createSession({ userUuid: "00000000-0000-4000-8000-000000000002" });
      postMessage(made.sessionId);`;
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })), { type: "module" });
    const id = await new Promise((resolve, reject) => {
      worker.onmessage = (event) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(event.message));
    });
    worker.terminate();
    return id;
  }, url.replace(/\/$/, ""));
  assert.equal(await status(page, madeInWorker), "ENABLED", "the window's next call finds the worker's session");
  await context.close();
});
