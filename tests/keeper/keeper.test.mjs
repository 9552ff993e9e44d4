// The session keeper (session-client/keeper) in Node, on the mock's virtual clock: every
// deadline is exact, and a test of minutes takes milliseconds. Needs scripts/build first;
// scripts/test runs it. (Tabs, sleep and the warning dialog: tests/e2e/keeper.test.mjs.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { SessionClient } from "../../pkg/index.node.js";
import { SessionApiMock } from "../../pkg/mock.node.js";
import { SessionKeeper } from "../../pkg/keeper.js";
import { repo, start, stop } from "../support/npm.mjs";

const ADMIN = "00000000-0000-4000-8000-000000000001";
const MINUTE = 60_000;
const IDLE = 30 * MINUTE; // the built-in scenario's idle timeout

/** A client on a fresh virtual-clock mock, a session, and a keeper on it with manual activity. */
async function setUp(options = {}, mockOptions = {}) {
  const mock = new SessionApiMock({ clock: "virtual", now: "2026-12-01T09:00:00Z", seed: 1, ...mockOptions });
  const client = new SessionClient({ mock });
  const session = await client.createSession({ userUuid: ADMIN });
  const keeper = new SessionKeeper(client, session.sessionId, { activity: "manual", tabs: "alone", ...options });
  const events = [];
  for (const type of ["change", "warning", "ended", "error"]) keeper.addEventListener(type, (e) => events.push({ type, detail: e.detail }));
  await keeper.ready;
  return { mock, client, session, keeper, events, of: (type) => events.filter((e) => e.type === type) };
}

/** The keep-alives the mock answered: getSession with keepAlive=true. */
const keepAlives = (mock) => mock.requests().filter((r) => r.operation === "getSession" && r.path.includes("keepAlive=true"));

/** Lets the keeper's promises (a keep-alive's answer, a check) settle. */
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** Moves the mock's clock and lets the keeper act on it. */
async function advance(mock, ms) {
  mock.advance(ms);
  await settle();
}

test("the first read: status from the server, no keep-alive", async () => {
  const { keeper, mock, session } = await setUp();
  const status = keeper.status;
  assert.equal(status.phase, "active");
  assert.equal(status.endsBy, "suspend");
  assert.equal(status.endsAt.toISOString(), session.suspend);
  assert.equal(status.msLeft, IDLE);
  assert.equal(status.leader, true);
  assert.equal(keepAlives(mock).length, 0);
  keeper.stop();
});

test("the throttle: five activities, one keep-alive; none without activity", async () => {
  const { keeper, mock } = await setUp({ keepAliveEveryMs: MINUTE });
  for (let i = 0; i < 5; i++) keeper.activity();
  await settle();
  assert.equal(keepAlives(mock).length, 1, "one at once, the rest within the interval");
  await advance(mock, 30_000);
  keeper.activity();
  await settle();
  assert.equal(keepAlives(mock).length, 1, "not before the interval");
  await advance(mock, 30_000);
  assert.equal(keepAlives(mock).length, 2, "the owed one when the interval is over");
  await advance(mock, 5 * MINUTE);
  assert.equal(keepAlives(mock).length, 2, "none without activity");
  keeper.stop();
});

test("the warning fires exactly warnBeforeMs before suspend, once, and the session then suspends", async () => {
  const { keeper, mock, of } = await setUp({ warnBeforeMs: 2 * MINUTE });
  await advance(mock, IDLE - 2 * MINUTE - 1);
  assert.equal(of("warning").length, 0);
  assert.equal(keeper.status.phase, "active");
  await advance(mock, 1);
  assert.equal(of("warning").length, 1);
  assert.equal(keeper.status.phase, "warning");
  assert.equal(of("warning")[0].detail.msLeft, 2 * MINUTE);
  await advance(mock, MINUTE);
  assert.equal(of("warning").length, 1, "once per deadline");
  await advance(mock, MINUTE);
  assert.deepEqual(of("ended").map((e) => e.detail.state), ["SUSPENDED"]);
  assert.equal(keeper.status.phase, "ended");
  const sent = mock.requests().length;
  await advance(mock, 10 * MINUTE);
  keeper.activity();
  await settle();
  assert.equal(mock.requests().length, sent, "after ended, nothing more is sent");
  keeper.stop();
});

test("kept active until its lifetime ends: the warning comes before expire", async () => {
  const scenario = { policy: { idleTimeoutMs: 10 * MINUTE, lifetimeMs: 60 * MINUTE } };
  const { keeper, mock, of, session } = await setUp({ warnBeforeMs: 2 * MINUTE, keepAliveEveryMs: MINUTE }, { scenario });
  for (let t = 0; t < 57; t++) {
    keeper.activity();
    await advance(mock, MINUTE);
  }
  assert.equal(of("warning").length, 0, `no warning at ${mock.now()}`);
  keeper.activity();
  await advance(mock, MINUTE); // 58 minutes: 2 before the lifetime's end
  assert.equal(of("warning").length, 1);
  assert.equal(of("warning")[0].detail.endsBy, "expire");
  assert.equal(of("warning")[0].detail.endsAt.toISOString(), session.expire);
  await advance(mock, 2 * MINUTE);
  assert.deepEqual(of("ended").map((e) => e.detail.state), ["EXPIRED"]);
  keeper.stop();
});

test("extend() keeps it alive now and takes the keeper back to active", async () => {
  const { keeper, mock, of } = await setUp();
  await advance(mock, IDLE - MINUTE);
  assert.equal(keeper.status.phase, "warning");
  const session = await keeper.extend();
  await settle();
  assert.equal(keeper.status.phase, "active");
  assert.equal(keeper.status.endsAt.toISOString(), session.suspend);
  assert.equal(keepAlives(mock).length, 1);
  // A new deadline: a new warning when it comes.
  await advance(mock, IDLE - MINUTE);
  assert.equal(of("warning").length, 2);
  keeper.stop();
});

test("ended: deleted through the client, and unknown to the server (404)", async () => {
  const deleted = await setUp();
  await deleted.client.deleteSession(deleted.session.sessionId);
  await settle();
  assert.deepEqual(deleted.of("ended").map((e) => e.detail.state), ["DELETED"]);
  deleted.keeper.stop();

  const gone = await setUp();
  gone.mock.reset();
  await gone.keeper.check().catch(() => {});
  await settle();
  assert.deepEqual(gone.of("ended").map((e) => e.detail.state), ["NOT_FOUND"]);
  gone.keeper.stop();
});

test("any answer about the session through the client updates the keeper", async () => {
  const { keeper, mock, client, session, of } = await setUp();
  await advance(mock, 10 * MINUTE);
  const before = keeper.status.endsAt;
  await client.getSession(session.sessionId.toUpperCase(), true); // elsewhere in the app, spelt otherwise
  await settle();
  assert.ok(keeper.status.endsAt > before);
  assert.ok(of("change").length >= 2);
  keeper.stop();
});

test("a keep-alive that fails on the network: error, same phase, tried again; never ended", async () => {
  const { keeper, mock, of } = await setUp();
  mock.failNext({ operation: "getSession", network: true });
  keeper.activity();
  await settle();
  assert.equal(of("error").length, 1);
  assert.equal(of("error")[0].detail.error.code, "NETWORK");
  assert.equal(keeper.status.phase, "active");
  assert.deepEqual(keepAlives(mock).map((r) => r.status), [0], "the failed one (status 0: no answer)");
  await advance(mock, 999);
  assert.equal(keepAlives(mock).length, 1, "not before the backoff");
  await advance(mock, 1); // the backoff: 1 s
  assert.deepEqual(keepAlives(mock).map((r) => r.status), [0, 200], "tried again");
  assert.equal(of("ended").length, 0);
  // At the end, a check that fails on the network does not end it either.
  mock.failNext({ operation: "getSession", network: true, times: 3 });
  await advance(mock, IDLE);
  assert.equal(of("ended").length, 0, "not ended by a network error");
  // Each check waits out a doubling backoff on the mock's clock: 1 s, 2 s, 4 s.
  for (const ms of [1000, 2000]) await advance(mock, ms);
  assert.equal(of("ended").length, 0, "three checks failed");
  await advance(mock, 4000);
  assert.deepEqual(of("ended").map((e) => e.detail.state), ["SUSPENDED"], "ended once the server said so");
  keeper.stop();
});

test("a keep-alive answered 404 ends it: NOT_FOUND", async () => {
  const { keeper, mock, client, session, of } = await setUp();
  await client.deleteSession(session.sessionId).catch(() => {});
  // The keeper saw that delete; a fresh one on an id the server never had:
  keeper.stop();
  const other = new SessionKeeper(client, "00000000-0000-4000-8000-0000000000ff", { activity: "manual", tabs: "alone" });
  const ended = [];
  other.addEventListener("ended", (e) => ended.push(e.detail.state));
  await other.ready;
  assert.deepEqual(ended, ["NOT_FOUND"]);
  assert.equal(of("ended")[0].detail.state, "DELETED");
  other.stop();
  void mock;
});

test("bad arguments throw a TypeError naming them", async () => {
  const mock = new SessionApiMock({ clock: "virtual" });
  const client = new SessionClient({ mock });
  const id = "00000000-0000-4000-8000-000000000001";
  for (const [args, names] of [
    [[{}, id], /`client`/],
    [[client, "not-a-uuid"], /`sessionId`.*not-a-uuid/],
    [[client, id, { warnBeforeMs: -1 }], /`warnBeforeMs`/],
    [[client, id, { keepAliveEveryMs: "60000" }], /`keepAliveEveryMs`/],
    [[client, id, { activity: "mouse" }], /`activity`/],
    [[client, id, { tabs: "many" }], /`tabs`/],
    [[client, id, { warnBefore: 1 }], /`warnBefore` is not an option/],
    [[client, id, { activity: "document" }], /needs a document/],
  ]) {
    assert.throws(() => new SessionKeeper(...args), (err) => err instanceof TypeError && names.test(err.message), String(names));
  }
});

test("every answer of the in-page mock carries its clock's Date; a system clock moves by an offset", async () => {
  const mock = new SessionApiMock({ clock: "virtual", now: "2026-12-01T09:00:00Z" });
  const answer = await mock.handleRequest({ method: "GET", target: "/sessions/x" });
  assert.equal(answer.headers.date, "Tue, 01 Dec 2026 09:00:00 GMT");
  const system = new SessionApiMock();
  const before = Date.parse(system.now());
  system.advance(3_600_000);
  const moved = Date.parse(system.now()) - before;
  assert.ok(moved >= 3_600_000 && moved < 3_605_000, `${moved}`);
  const date = Date.parse((await system.handleRequest({ method: "GET", target: "/__mock/clock" })).headers.date);
  assert.ok(Math.abs(date - Date.now() - 3_600_000) < 2000, "the Date is the moved clock's");
  let heard;
  const stop = system.onClock((now) => (heard = now));
  system.setNow("2030-01-01T00:00:00Z");
  assert.ok(heard.startsWith("2030-01-01T00:00:0"), heard);
  stop();
});

test("in Node: its wall-clock timers never keep the process alive; shared tabs without Web Locks say so once and keep alone", async () => {
  const { execFileSync } = await import("node:child_process");
  const script = `
    import { SessionClient } from "./pkg/index.node.js";
    import { SessionApiMock } from "./pkg/mock.node.js";
    import { SessionKeeper } from "./pkg/keeper.js";
    const client = new SessionClient({ mock: new SessionApiMock() });
    const { sessionId } = await client.createSession({ userUuid: "${ADMIN}" });
    const keepers = [0, 1].map(() => new SessionKeeper(client, sessionId, { tabs: "shared" }));
    await Promise.all(keepers.map((k) => k.ready));
    console.log(keepers.map((k) => k.status.leader).join(" "), keepers[0].status.phase);
  `;
  const started = Date.now();
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: new URL("../..", import.meta.url), encoding: "utf8", timeout: 10_000 });
  assert.ok(Date.now() - started < 5000, "the process ended by itself");
  const lines = output.trim().split("\n");
  assert.equal(lines.filter((l) => l.includes("Web Locks")).length, 1, output);
  assert.equal(lines.at(-1), "true true active", "each keeps alone");
});

test("over HTTP the countdown runs on the server's clock: a server an hour ahead still leaves 30 minutes", async () => {
  const server = await start(process.execPath, [`${repo}pkg/bin/session-client-mock.js`, "--port", "0"], { ready: /^listening on (\S+)$/ });
  const url = server.match[1];
  try {
    // The server's clock an hour ahead of this machine's (a system clock moved).
    await fetch(`${url}/__mock/clock`, { method: "POST", body: JSON.stringify({ advanceMs: 3_600_000 }) });
    const client = new SessionClient({ baseUrl: url });
    const session = await client.createSession({ userUuid: ADMIN });
    const keeper = new SessionKeeper(client, session.sessionId, { activity: "manual", tabs: "alone" });
    await keeper.ready;
    const left = keeper.status.msLeft;
    assert.ok(Math.abs(left - IDLE) < 5000, `${left} ms left: the server's 30 minutes, not 90`);
    keeper.stop();
  } finally {
    await stop(server);
  }
});
