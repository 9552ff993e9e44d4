// The package in Node 20: initSync with the .wasm bytes, then a mock-mode client.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const pkg = new URL("../../pkg/", import.meta.url);

test("the default entry runs a mock-mode call in Node", async () => {
  const { initSync, SessionClient, MockServer, SessionApiError } = await import(new URL("index.js", pkg));
  initSync({ module: readFileSync(new URL("full/session_client_bg.wasm", pkg)) });

  const mock = new MockServer({ clock: "virtual", now: "2026-11-28T12:00:00Z", seed: 5 });
  const client = new SessionClient({ mock });
  const session = await client.createSession({ userUuid: "00000000-0000-4000-8000-000000000001" });
  assert.equal(session.state, "ENABLED");
  assert.equal(session.suspend, "2026-11-28T12:30:00.000Z");
  assert.equal(mock.sessions().length, 1);

  mock.advance(31 * 60_000);
  assert.equal((await client.getSession(session.sessionId)).state, "SUSPENDED");

  const err = await client.getSession("nope").then(() => null, (e) => e);
  assert.ok(err instanceof SessionApiError && err instanceof Error);
  assert.equal(err.name, "SessionApiError");
  assert.equal(err.status, 404);
  assert.equal(err.code, "NOT_FOUND");
  assert.equal(err.body.message, "NOT_FOUND");

  const bad = await client.getSession(42).then(() => null, (e) => e);
  assert.equal(bad.code, "INVALID_ARGUMENT");
  assert.equal(bad.status, 0);
});

test("the client-only entry has no mock", async () => {
  const entry = await import(new URL("client.js", pkg));
  entry.initSync({ module: readFileSync(new URL("client-only/session_client_bg.wasm", pkg)) });
  assert.equal(entry.MockServer, undefined);
  assert.throws(() => new entry.SessionClient({ mock: true }), (e) => e instanceof entry.SessionApiError && e.code === "INVALID_ARGUMENT");
  const client = new entry.SessionClient({ baseUrl: "http://127.0.0.1:9" });
  assert.equal(client.isMock, false);
});
