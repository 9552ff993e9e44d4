// The app's code around calls (tests/browser/hooks.rs): a `headers` function, a custom
// `fetch`, middleware, `use()`, `onError` and retry. Each case runs against a harness: a
// client on an in-page mock, or over HTTP against mock-server, with what reached the
// transport recorded (`h.sent`) and faults injected the mode's way (`h.fail`).

const ADMIN = "00000000-0000-4000-8000-000000000001";

class Failed extends Error {}

function equal(actual, expected, what) {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== e) throw new Failed(`${what}: expected ${e}, got ${a}`);
}

function assert(ok, what) {
  if (!ok) throw new Failed(what);
}

/** How a promise ends: its value, or what it rejected with (`{ rejected }`). */
const settle = (promise) => promise.then((value) => ({ value }), (rejected) => ({ rejected }));

/** The rejection of a call that must fail. */
async function rejection(promise, what) {
  const { value, rejected } = await settle(promise);
  assert(rejected, `${what}: expected a rejection, got ${JSON.stringify(value)}`);
  return rejected;
}

const ms = (n) => new Promise((resolve) => setTimeout(resolve, n));

/**
 * A harness: `make(options)` makes a client (the harness's transport under `options`);
 * `sent` lists what reached the transport, as `{ method, target, headers }` (header names
 * in lower case); `fail(fault)` makes the next call(s) fail (`failNext`'s fault);
 * `gate(allow)` makes the transport answer 401 to a request `allow` refuses.
 * `mode`: "mock" (a `SessionApiMock`, `mock`) or "http" (`server`: mock-server's URL).
 */
export function harness(mode, SessionClient, mock, server) {
  const sent = [];
  let allow = () => true;
  const record = (method, target, headers) => {
    sent.push({ method, target, headers: Object.fromEntries(new Headers(headers)) });
  };
  const denied = { status: 401, headers: { "content-type": "application/json" }, body: '{"message":"ACCESS_DENIED"}' };
  const h = {
    mode,
    sent,
    server,
    gate: (f) => (allow = f),
    clear: () => (sent.length = 0),
  };
  if (mode === "mock") {
    const tapped = {
      handleRequest(request) {
        record(request.method, request.target, request.headers);
        return allow(new Headers(request.headers)) ? mock.handleRequest(request) : Promise.resolve(denied);
      },
    };
    h.make = (options = {}) => new SessionClient({ mock: tapped, ...options });
    h.fail = async (fault) => mock.failNext(fault);
  } else {
    const tap = (request) => {
      record(request.method, request.url.slice(server.length), request.headers);
      if (!allow(request.headers)) return Promise.resolve(new Response(denied.body, denied));
      return fetch(request);
    };
    h.make = (options = {}) => new SessionClient({ baseUrl: server, fetch: tap, ...options });
    h.fail = async (fault) => {
      const answer = await fetch(`${server}/__mock/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fault) });
      assert(answer.ok, `the fault was refused: ${await answer.text()}`);
    };
  }
  return h;
}

/** A fresh session's id, through a plain client of the harness. */
async function newSession(h) {
  const session = await h.make().createSession({ userUuid: ADMIN });
  return session.sessionId;
}

export const cases = {
  async headersFromAFunction(h) {
    const told = [];
    const client = h.make({
      headers: async (context) => {
        told.push(context);
        return { "X-CSRF-Token": `token-${told.length}` };
      },
    });
    const { sessionId } = await client.createSession({ userUuid: ADMIN });
    await client.getSession(sessionId, undefined, { headers: { "X-CSRF-Token": "the call's own" } });
    equal(told, [{ operation: "createSession", attempt: 1 }, { operation: "getSession", attempt: 1 }], "what the function was told");
    equal(h.sent.map((r) => r.headers["x-csrf-token"]), ["token-1", "the call's own"], "the headers sent (a call's own win)");
    equal(h.sent[0].headers["content-type"], "application/json", "the client's own headers stay");

    // Read fresh for each attempt.
    h.clear();
    const retried = h.make({ headers: ({ attempt }) => ({ "X-Attempt": String(attempt) }), retry: { attempts: 2, delayMs: 0 } });
    await h.fail({ status: 503 });
    await retried.getSession(sessionId);
    equal(h.sent.map((r) => r.headers["x-attempt"]), ["1", "2"], "one call, two attempts");

    // A function that throws, or gives a header fetch refuses, ends the call: HOOK.
    const throwing = h.make({ headers: () => { throw new RangeError("no cookie"); } });
    const err = await rejection(throwing.getSession(sessionId), "a throwing headers function");
    equal([err.code, err.cause?.name, err.cause?.message], ["HOOK", "RangeError", "no cookie"], "its error");
    assert(err.description.includes("headers"), `the description names the function: ${err.description}`);
    const bad = await rejection(h.make({ headers: () => ({ "X-Bad": "a\nb" }) }).getSession(sessionId), "a bad header");
    equal(bad.code, "HOOK", "a header fetch refuses");
  },

  async middlewareRunsInOrderAroundTheTransport(h) {
    const id = await newSession(h);
    h.clear();
    const log = [];
    const logging = (name) => ({
      onRequest({ request, operation, attempt }) {
        log.push(`${name}> ${request.method} ${operation} #${attempt}`);
      },
      onResponse({ response, operation }) {
        log.push(`${name}< ${response.status} ${operation}`);
      },
    });
    const client = h.make({ middleware: [logging("a"), logging("b")] });
    await client.getSession(id);
    equal(log, ["a> GET getSession #1", "b> GET getSession #1", "b< 200 getSession", "a< 200 getSession"], "the order");
    equal(h.sent.length, 1, "one request");

    // A Request returned by onRequest is what is sent.
    h.clear();
    const signing = h.make({
      middleware: [{
        onRequest({ request }) {
          const headers = new Headers(request.headers);
          headers.set("X-Signed", "yes");
          return new Request(request, { headers });
        },
      }],
    });
    await signing.getSession(id);
    equal(h.sent.map((r) => r.headers["x-signed"]), ["yes"], "the replaced request was sent");

    // A Response returned by onRequest answers the call: nothing is sent, and only the
    // middleware before it see the answer.
    h.clear();
    log.length = 0;
    const answering = h.make({
      middleware: [logging("a"), { onRequest: () => new Response(null, { status: 204 }) }, logging("c")],
    });
    equal(await answering.deleteSession(id), undefined, "the canned answer");
    equal(h.sent.length, 0, "nothing reached the transport");
    equal(log, ["a> DELETE deleteSession #1", "a< 204 deleteSession"], "who saw it");
    await h.make().getSession(id);

    // A Response returned by onResponse is used instead: a 404 made a success.
    const forgiving = h.make({
      middleware: [{ onResponse: ({ response }) => (response.status === 404 ? new Response(null, { status: 204 }) : undefined) }],
    });
    equal(await forgiving.deleteSession("no-such-session"), undefined, "the 404 forgiven");

    // What a hook may not do ends the call with HOOK; the client keeps working.
    const returns42 = h.make({ middleware: [{ onRequest: () => 42 }] });
    const err = await rejection(returns42.getSession(id), "onRequest returning 42");
    equal([err.code, err.status, err.retryable], ["HOOK", 0, false], "its error");
    assert(err.description.includes("onRequest"), err.description);
    const throws = h.make({ middleware: [{ onResponse: async () => { throw new TypeError("boom"); } }] });
    const thrown = await rejection(throws.getSession(id), "onResponse throwing");
    equal([thrown.code, thrown.cause?.name, thrown.cause?.message], ["HOOK", "TypeError", "boom"], "its error");
    equal((await h.make().getSession(id)).sessionId, id, "the client keeps working");
  },

  async aHookThatNeverSettlesTimesOut(h) {
    const id = await newSession(h);
    const stuck = h.make({ timeoutMs: 100, middleware: [{ onRequest: () => new Promise(() => {}) }] });
    const err = await rejection(stuck.getSession(id), "a stuck hook");
    equal(err.code, "TIMEOUT", "the call's timeout ends it");
    const controller = new AbortController();
    const waiting = h.make({ headers: () => new Promise(() => {}) }).getSession(id, undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    equal((await rejection(waiting, "an aborted call")).code, "ABORTED", "the signal ends it");
  },

  async onErrorIsToldOncePerRejectedCall(h) {
    const id = await newSession(h);
    const told = [];
    const client = h.make({
      retry: { attempts: 3, delayMs: 0 },
      middleware: [
        { onError: (context) => void told.push(context) },
        { onError: () => { throw new Error("a reporter that fails"); } },
      ],
    });
    await client.getSession(id);
    equal(told.length, 0, "a success is not an error");
    await h.fail({ status: 503, times: 3 });
    const err = await rejection(client.getSession(id), "three 503s");
    equal(told.length, 1, "told once, after the retries");
    assert(told[0].error === err, "told the very error the call rejects with");
    equal([told[0].operation, err.code, told[0].request instanceof Request], ["getSession", "SERVER_ERROR", true], "the context");
    assert(told[0].request.url.endsWith(`/sessions/${id}`), told[0].request.url);
    const bad = await rejection(client.getSession(42), "a bad argument");
    equal([told.length, bad.code, told[1].request], [2, "INVALID_ARGUMENT", undefined], "a call refused before it started");
    assert(told[1].error === bad, "with its error");
  },

  async useAddsMiddlewareAndReturnsItsRemoval(h) {
    const id = await newSession(h);
    const client = h.make();
    const log = [];
    const remove = client.use({ onRequest: ({ operation }) => void log.push(operation) });
    await client.getSession(id);
    equal(log, ["getSession"], "added");
    // A call under way keeps the middleware it started with.
    const started = client.getSession(id);
    const removeLate = client.use({ onRequest: () => void log.push("late") });
    await started;
    equal(log, ["getSession", "getSession"], "the late middleware did not run for the call under way");
    remove();
    remove();
    await client.getSession(id);
    equal(log, ["getSession", "getSession", "late"], "removed (once), the other kept");
    removeLate();
    await client.getSession(id);
    equal(log.length, 3, "both removed");
  },

  async refreshAndReplayOneRefreshForConcurrentCalls(h) {
    const id = await newSession(h);
    h.clear();
    h.gate((headers) => headers.get("authorization") === "Bearer fresh");
    // The README's recipe.
    let token = "stale";
    let refreshes = 0;
    let refreshing;
    const refresh = () =>
      (refreshing ??= ms(20).then(() => {
        refreshes += 1;
        token = "fresh";
        refreshing = undefined;
      }));
    const auth = {
      onRequest({ request }) {
        request.headers.set("Authorization", `Bearer ${token}`);
      },
      async onResponse({ request, response, fetch }) {
        if (response.status !== 401) return;
        await refresh();
        const replay = new Request(request);
        replay.headers.set("Authorization", `Bearer ${token}`);
        return fetch(replay);
      },
    };
    const client = h.make({ middleware: [auth] });
    const sessions = await Promise.all([client.getSession(id), client.getSession(id), client.getSession(id)]);
    equal(sessions.map((s) => s.sessionId), [id, id, id], "every call answered");
    equal(refreshes, 1, "one refresh for three 401s");
    equal(h.sent.map((r) => r.headers.authorization), ["Bearer stale", "Bearer stale", "Bearer stale", "Bearer fresh", "Bearer fresh", "Bearer fresh"], "sent, then replayed");
    h.gate(() => true);
  },

  async retryBacksOffAndHonoursRetryAfter(h) {
    const id = await newSession(h);
    h.clear();
    const client = h.make({ retry: { attempts: 3, delayMs: 1 } });
    await h.fail({ status: 503, times: 2 });
    equal((await client.getSession(id)).sessionId, id, "the third attempt answers");
    equal(h.sent.length, 3, "three attempts");

    // Retry-After in seconds is waited for, over the backoff.
    h.clear();
    await h.fail({ status: 429, headers: { "Retry-After": "1" } });
    let started = Date.now();
    await client.getSession(id);
    assert(Date.now() - started >= 900, `waited ${Date.now() - started} ms for Retry-After: 1`);
    equal(h.sent.length, 2, "then sent again");

    // An HTTP date already past: at once.
    h.clear();
    await h.fail({ status: 503, headers: { "Retry-After": new Date(Date.now() - 5000).toUTCString() } });
    started = Date.now();
    await client.getSession(id);
    assert(Date.now() - started < 500, "a past date is no wait");
    equal(h.sent.length, 2, "sent again");

    // Longer than maxRetryAfterMs: not retried.
    h.clear();
    const patient = h.make({ retry: { attempts: 3, maxRetryAfterMs: 1000 } });
    await h.fail({ status: 429, headers: { "Retry-After": "120" } });
    const err = await rejection(patient.getSession(id), "a Retry-After too long");
    equal([err.status, h.sent.length], [429, 1], "one attempt, the 429");

    // A POST is retried on 429 and 503 (the server did not act), not on 502.
    h.clear();
    await h.fail({ status: 502 });
    const post = await rejection(client.createSession({ userUuid: ADMIN }), "a POST answered 502");
    equal([post.status, post.retryable, h.sent.length], [502, false, 1], "not retried");
    h.clear();
    await h.fail({ status: 429 });
    await client.createSession({ userUuid: ADMIN });
    equal(h.sent.length, 2, "a POST answered 429 is retried");
  },

  async retryOptionsAndTheCallsOwn(h) {
    const id = await newSession(h);
    h.clear();
    const asked = [];
    const client = h.make({
      retry: {
        attempts: 5,
        shouldRetry: (error, attempt) => {
          asked.push([error.code, attempt]);
          return error.status === 404 && attempt < 2;
        },
        delayMs: (attempt, error) => {
          asked.push(["delay", attempt, error.code]);
          return 0;
        },
      },
    });
    await rejection(client.getSession("no-such-session"), "a 404");
    equal(asked, [["NOT_FOUND", 1], ["delay", 1, "NOT_FOUND"], ["NOT_FOUND", 2]], "what the policy was asked");
    equal(h.sent.length, 2, "retried once, as shouldRetry said");

    // A call's own retry wins over the client's.
    h.clear();
    const retrying = h.make({ retry: { attempts: 3, delayMs: 0 } });
    await h.fail({ status: 503, times: 3 });
    await rejection(retrying.getSession(id, undefined, { retry: 1 }), "retry: 1");
    equal(h.sent.length, 1, "retry: 1 is no retry");
    h.clear();
    await h.make().getSession(id, undefined, { retry: { attempts: 3, delayMs: 0 } }); // the two faults left
    equal(h.sent.length, 3, "a call's retry on a client without one");

    // Each attempt has its own timeout.
    h.clear();
    await h.fail({ delayMs: 1000 });
    const timed = h.make({ timeoutMs: 200, retry: { attempts: 2, delayMs: 0 } });
    equal((await timed.getSession(id)).sessionId, id, "the second attempt answers");
    equal(h.sent.length, 2, "two attempts");

    // The call's signal ends a wait at once.
    h.clear();
    const slow = h.make({ retry: { attempts: 2, delayMs: 60000, maxDelayMs: 60000 } });
    await h.fail({ status: 503 });
    const controller = new AbortController();
    const started = Date.now();
    const call = slow.getSession(id, undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    equal((await rejection(call, "aborted while waiting")).code, "ABORTED", "the abort");
    assert(Date.now() - started < 2000, "at once");
    equal(h.sent.length, 1, "no second attempt");

    // shouldRetry that throws ends the call with HOOK.
    await h.fail({ status: 503 });
    const broken = h.make({ retry: { attempts: 2, shouldRetry: () => { throw new SyntaxError("oops"); } } });
    const err = await rejection(broken.getSession(id), "a throwing shouldRetry");
    equal([err.code, err.operation, err.cause?.name], ["HOOK", "getSession", "SyntaxError"], "its error");
  },

  async badHooksAreRefusedBeforeAnythingIsSent(h, SessionClient) {
    const refused = (options, what) => {
      try {
        new SessionClient({ mock: { handleRequest() {} }, ...options });
      } catch (err) {
        equal(err.code, "INVALID_ARGUMENT", what);
        return err.description;
      }
      throw new Failed(`${what}: accepted`);
    };
    assert(refused({ fetch: "fetch" }, "fetch: a string").includes("options.fetch"), "names fetch");
    assert(refused({ middleware: {} }, "middleware: an object").includes("options.middleware"), "names middleware");
    assert(refused({ middleware: [{ onRequest: 5 }] }, "a hook that is a number").includes("options.middleware[0].onRequest"), "names the hook");
    refused({ middleware: [null] }, "null middleware");
    refused({ retry: 0 }, "retry: 0");
    refused({ retry: 1.5 }, "retry: 1.5");
    refused({ retry: {} }, "retry without attempts");
    refused({ retry: { attempts: 2, delay: 5 } }, "retry: an unknown option");
    refused({ retry: { attempts: 2, delayMs: -1 } }, "retry: a negative delay");
    refused({ retry: { attempts: 2, shouldRetry: true } }, "shouldRetry: a boolean");
    refused({ retry: "3" }, "retry: a string");
    const client = h.make();
    let thrown;
    try {
      client.use({ onResponse: "no" });
    } catch (err) {
      thrown = err;
    }
    equal(thrown?.code, "INVALID_ARGUMENT", "use() of a bad middleware");
    h.clear();
    const err = await rejection(client.deleteAllSessions({ retry: 0 }), "a call's retry: 0");
    equal([err.code, h.sent.length], ["INVALID_ARGUMENT", 0], "refused, nothing sent");
  },

  async mockModeRequestsAreRealRequests(h, SessionClient, mock) {
    const seen = [];
    const watch = { onRequest: ({ request }) => void seen.push(request.url) };
    await new SessionClient({ mock, middleware: [watch] }).deleteAllSessions();
    await new SessionClient({ mock, baseUrl: "/api/", middleware: [watch] }).deleteAllSessions();
    await new SessionClient({ mock, baseUrl: "https://api.example/v1", middleware: [watch] }).getSession("a b", true).catch(() => {});
    equal(seen, ["http://mock.invalid/sessions", `${location.origin}/api/sessions`, "https://api.example/v1/sessions/a%20b?keepAlive=true"], "the URLs");
    // The answer is a real Response: its headers and body are there.
    let response;
    const { sessionId } = await new SessionClient({ mock, middleware: [{ onResponse: (c) => void (response = c.response.clone()) }] }).createSession({ userUuid: ADMIN });
    assert(response instanceof Response, "a Response");
    equal([response.headers.get("content-type"), JSON.parse(await response.text()).sessionId], ["application/json", sessionId], "its content");
  },

  async aCustomFetchSendsEveryRequest(h) {
    const id = await newSession(h);
    const handed = [];
    const client = h.make({
      fetch: (request) => {
        handed.push(request);
        return request.method === "DELETE" ? Promise.resolve(new Response(null, { status: 204 })) : fetch(request);
      },
    });
    equal((await client.getSession(id, true)).sessionId, id, "answered through it");
    equal(await client.deleteSession(id), undefined, "its own answer");
    equal(handed.map((r) => [r.method, r.url.slice(h.server.length)]), [["GET", `/sessions/${id}?keepAlive=true`], ["DELETE", `/sessions/${id}`]], "what it was handed");
    assert(handed.every((r) => r instanceof Request && r.signal instanceof AbortSignal), "Requests with the call's signal");
    await h.make().getSession(id);

    const offline = h.make({ fetch: () => Promise.reject(new TypeError("offline")) });
    const err = await rejection(offline.getSession(id), "fetch rejecting");
    equal([err.code, err.retryable, err.cause?.name, err.cause?.message], ["NETWORK", true, "TypeError", "offline"], "a network failure");
    assert(err.description.includes(h.server), `names the URL: ${err.description}`);
    const wrong = await rejection(h.make({ fetch: async () => 42 }).getSession(id), "fetch resolving to 42");
    equal(wrong.code, "HOOK", "not a Response");
  },
};

/** Runs case `name` with harness `h` (over HTTP, with no fault left from before). */
export async function runCase(name, h, SessionClient, mock) {
  if (h.mode === "http") await fetch(`${h.server}/__mock/faults`, { method: "DELETE" });
  await cases[name](h, SessionClient, mock);
}
