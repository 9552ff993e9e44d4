// Node's test runner, no setup: both modules load at import, one SessionApiError class.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SessionClient, SessionApiError } from "session-client";
import { SessionApiMock, SessionApiError as MockError } from "session-client/mock";

test("a mock-mode client in Node's test runner", async () => {
  assert.equal(SessionApiError, MockError);
  const mock = new SessionApiMock({ clock: "virtual", seed: 3, latencyMs: 5 });
  const client = new SessionClient({ mock });
  const controller = new AbortController();
  const pending = client.deleteAllSessions({ signal: controller.signal });
  controller.abort();
  await assert.rejects(pending, (e) => e instanceof SessionApiError && e.code === "ABORTED");
  const session = await client.createSession({ userUuid: "00000000-0000-4000-8000-000000000001" });
  assert.equal(mock.sessions()[0].sessionId, session.sessionId);
  assert.equal(mock.requests().at(-1).operation, "createSession");
});

test("an object used after free() says so", () => {
  const client = new SessionClient({ baseUrl: "http://127.0.0.1:9" });
  const mock = new SessionApiMock();
  client.free();
  mock.free();
  for (const use of [() => client.getSession("x"), () => client.isMock, () => mock.now()]) {
    assert.throws(use, (e) => e instanceof SessionApiError && e.code === "INVALID_ARGUMENT" && /freed/.test(e.description));
  }
});

test("thousands of mock calls in a row finish under fake timers, and the process still exits", async () => {
  // As a test's fake timers would: setTimeout and setImmediate never call back. The event
  // loop's turn every 1,000 requests must not depend on them.
  const real = { setTimeout: globalThis.setTimeout, setImmediate: globalThis.setImmediate };
  globalThis.setTimeout = () => 0;
  globalThis.setImmediate = () => 0;
  try {
    const mock = new SessionApiMock({ clock: "virtual", seed: 4 });
    const client = new SessionClient({ mock, timeoutMs: 0 });
    const { sessionId } = await client.createSession({ userUuid: "00000000-0000-4000-8000-000000000001" });
    for (let i = 0; i < 2500; i++) await client.getSession(sessionId);
    assert.equal(mock.requests().length, 1000, "the journal keeps the last 1000");
  } finally {
    Object.assign(globalThis, real);
  }
});
