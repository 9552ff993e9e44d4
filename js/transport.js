// The client's JS side of the transport seam (src/wasm/transport.rs, src/wasm/call.rs): a
// request sent with `fetch` or handed to a mock, its answer handed back to Rust once
// (`settle`), and the app's code around a call: its `headers` function, its `fetch`,
// middleware (in openapi-fetch's shape, on real `Request` and `Response` objects in both
// modes) and retry. Done in JS because it is only JS objects and the app's functions; the
// client's wasm stays within its size budget for it. A call with none of these uses
// `fetchHttp` or `callMock`'s first lines, and `settle`.
//
// What goes back to Rust: a bad option is thrown as [name, expected, value] or as text
// (INVALID_ARGUMENT); a failed attempt rejects with what the transport threw or text (a
// network failure; TIMEOUT or ABORTED when the call's signal stopped it). An app's function
// that fails is thrown here as [reason, causeName?, causeMessage?] and becomes the call's
// HOOK error in `drive`: Rust never sees those.

import { makeSessionApiError } from "./session-api-error.js";

/** A request's method, credentials mode and headers from `lines`, "GET\nsame-origin\n
 *  name\nvalue\n..." (src/wasm/transport.rs: no header holds a line break). The headers are
 *  a record, a later one winning: over HTTP under lower-case names, as `Headers.set` (and
 *  `Request` reads a record faster than it copies a `Headers`); for a mock as given. */
function readLines(lines, lower) {
  // Indexes, not destructuring: this runs once a call, mostly before the JIT has warmed to
  // it, where destructuring walks an iterator.
  const parts = lines.split("\n");
  const headers = lower ? Object.create(null) : {};
  for (let i = 2; i + 1 < parts.length; i += 2) headers[lower ? parts[i].toLowerCase() : parts[i]] = parts[i + 1];
  return { method: parts[0], credentials: parts[1], headers };
}

/** Sends a client's request over HTTP (src/wasm/transport.rs: `lines` as `readLines` reads
 *  them), through the call's hooks when it has any (`call`); resolves to [status, body].
 *  Throws only when the `Request` cannot be made. */
export function fetchHttp(url, lines, signal, body, call, attempt) {
  const { method, credentials, headers } = readLines(lines, true);
  const request = new Request(url, { method, credentials, signal, headers, body });
  if (call) return send(call, request, attempt);
  // `fetch` is called in a microtask, off the stack of the wasm call that got here (`send`
  // awaits before it fetches, `callMock` before it calls the mock): in Chromium a `fetch()`
  // call costs more the deeper the stack below it (bench/fetch-stack.mjs), and this one had
  // a dozen frames, wasm and glue (bench/findings.md: the HTTP rows fell by 80 µs and more).
  return Promise.resolve(request).then(fetchText);
}

/** Sends `request` with the platform's `fetch`; resolves to [status, body]. */
const fetchText = (request) => fetch(request).then(readAnswer);

/** [status, body] of `response`. A body that does not arrive rejects with text (a network
 *  failure), where `fetch` rejects with its own error. */
const readAnswer = (response) =>
  response.text().then(
    (body) => [response.status, body],
    (err) => {
      throw `the body did not arrive: ${err}`;
    },
  );

/** Once `promise` (of [status, body]) settles, `finish(status, body)` or
 *  `finish(undefined, reason)`: the promise of what it returns, or of what it throws (an
 *  attempt, read in Rust: src/wasm/client.rs). */
export const settle = (promise, finish) => promise.then((answer) => finish(answer[0], answer[1]), (reason) => finish(undefined, reason));

/** Whether `value` can be a client's mock: an object with `handleRequest`. */
export function isMockHandler(value) {
  return isFunction(value?.handleRequest);
}

const HOOKS = ["onRequest", "onResponse", "onError"];
const RETRY = ["attempts", "delayMs", "maxDelayMs", "maxRetryAfterMs", "shouldRetry"];
const MAX = 2147483647;
const isFunction = (v) => typeof v === "function";
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

function check(ok, name, expected, value) {
  if (!ok) throw [name, expected, value];
}
function whole(v, name, min) {
  check(Number.isInteger(v) && v >= min && v <= MAX, name, `a whole number from ${min} to ${MAX}`, v);
  return v;
}

/** The client's hooks, from its options (`headers` when a function, `fetch`, `middleware`,
 *  `retry`): what `client.use()` adds to and each call starts from. */
export function makeHooks(options) {
  const { headers, fetch, retry, baseUrl } = options;
  const list = options.middleware ?? [];
  check(fetch == null || isFunction(fetch), "options.fetch", "a function", fetch);
  check(Array.isArray(list), "options.middleware", "an array", list);
  return {
    headers: isFunction(headers) ? headers : undefined,
    fetch,
    middleware: list.map((m, i) => checked(m, `options.middleware[${i}]`)),
    retry: retryOf(retry, "options.retry"),
    // Where middleware sees a mock's requests: under `baseUrl` (an absolute URL, or a path
    // on the page's origin), or `http://mock.invalid`.
    mockRoot: new URL(baseUrl || "http://mock.invalid", globalThis.location?.href ?? "http://mock.invalid/").href.replace(/\/+$/, ""),
  };
}

/** `m` as middleware: an object whose hooks are functions (its other fields are its own:
 *  middleware may be an instance of the app's class). */
function checked(m, what) {
  check(isObject(m), what, "an object", m);
  for (const key of HOOKS) check(m[key] == null || isFunction(m[key]), `${what}.${key}`, "a function", m[key]);
  return m;
}

/** `client.use(m)`: adds `m` after the others, in a new array (a call under way keeps the
 *  one it started with); returns its removal, which removes it once. */
export function useMiddleware(hooks, m) {
  hooks.middleware = [...hooks.middleware, checked(m, "middleware")];
  // The first `m` found goes, and `m` is forgotten: a second call removes nothing.
  return () => (hooks.middleware = hooks.middleware.filter((x) => x !== m || (m = undefined)));
}

/** `retry` (named `what`), a number of attempts or RetryOptions, with its defaults. */
function retryOf(retry, what) {
  if (retry == null) return undefined;
  if (typeof retry === "number") retry = { attempts: whole(retry, what, 1) };
  check(isObject(retry), what, "a number of attempts or RetryOptions", retry);
  for (const key of Object.keys(retry)) {
    if (!RETRY.includes(key)) throw `\`${what}.${key}\` is not an option (the options: ${RETRY.join(" ")})`;
  }
  const { attempts, delayMs = 300, maxDelayMs = 10000, maxRetryAfterMs = 60000, shouldRetry } = retry;
  check(shouldRetry == null || isFunction(shouldRetry), `${what}.shouldRetry`, "a function", shouldRetry);
  return {
    attempts: whole(attempts, `${what}.attempts`, 1),
    delayMs: isFunction(delayMs) ? delayMs : whole(delayMs, `${what}.delayMs`, 0),
    maxDelayMs: whole(maxDelayMs, `${what}.maxDelayMs`, 0),
    maxRetryAfterMs: whole(maxRetryAfterMs, `${what}.maxRetryAfterMs`, 0),
    shouldRetry,
  };
}

/** What a call of `operation` keeps of its client's hooks, with the call's own `retry`
 *  over the client's; `undefined` when there is nothing to run (the call takes the short
 *  way). */
export function begin(hooks, retry, operation) {
  const policy = retryOf(retry, "opts.retry") ?? hooks.retry;
  const retries = policy?.attempts > 1;
  if (hooks.headers || hooks.fetch || hooks.middleware[0] || retries) return { ...hooks, retry: retries && policy, operation };
}

/** Runs the app's function `name`; what it throws rejects as a HOOK failure. */
async function callApp(f, name, self, ...args) {
  try {
    return await f.apply(self, args);
  } catch (thrown) {
    const causeName = String(thrown?.name ?? "Error");
    const message = String(thrown?.message ?? thrown);
    throw [`${name} threw ${causeName}: ${message}`, causeName, message];
  }
}

/** Adds what the `headers` function gives to `headers`, under the names they lack (the
 *  call's own headers win). */
async function addHeaders(call, headers, attempt) {
  if (!call.headers) return;
  const given = await callApp(call.headers, "headers", undefined, { operation: call.operation, attempt });
  try {
    for (const [name, value] of Object.entries(given ?? {})) if (!headers.has(name)) headers.set(name, value);
  } catch (err) {
    throw [`headers returned a bad header: ${err.message}`];
  }
}

/** `work`, rejected as soon as `signal` fires, whatever the app's code is still doing.
 *  `signal` is one attempt's own (its request's), gone with it: its listener needs no
 *  removing. An app's function that failed in it is kept for `drive` (`call.failed`). */
const until = (call, signal, work) =>
  Promise.race([
    work.catch((thrown) => {
      if (Array.isArray(thrown)) call.failed = thrown;
      throw thrown;
    }),
    new Promise((_, reject) => (signal.aborted ? reject("stopped") : signal.addEventListener("abort", () => reject("stopped")))),
  ]);

/** One HTTP attempt of a call with hooks: `request` as the client built it, through the
 *  `headers` function and middleware, sent by the app's `fetch` or the platform's. Resolves
 *  to [status, body]. */
export function send(call, request, attempt) {
  const transport = (r) => (call.fetch ? call.fetch(r) : fetch(r));
  return until(call, request.signal, run(call, request, attempt, transport));
}

/** Runs middleware around `transport` for one attempt; resolves to [status, body], and
 *  keeps the answer's `Retry-After` for `again`. */
async function run(call, request, attempt, transport) {
  call.retryAfter = undefined;
  await addHeaders(call, request.headers, attempt);
  const context = { request, operation: call.operation, attempt };
  const middleware = call.middleware;
  let response;
  let answeredBy = middleware.length;
  for (let i = 0; i < middleware.length && !response; i++) {
    const m = middleware[i];
    if (!m.onRequest) continue;
    context.request = request;
    const returned = await callApp(m.onRequest, "onRequest", m, context);
    if (returned instanceof Response) [response, answeredBy] = [returned, i];
    else if (returned instanceof Request) request = returned;
    else if (returned !== undefined) throw ["onRequest returned neither a Request, a Response nor undefined"];
  }
  call.request = context.request = request;
  if (!response) {
    // The transport uses up a copy: `onResponse` can send `request` again.
    const answer = await transport(request.clone());
    if (!(answer instanceof Response)) throw ["fetch did not resolve to a Response"];
    response = answer;
  }
  context.fetch = transport;
  for (let i = answeredBy - 1; i >= 0; i--) {
    const m = middleware[i];
    if (!m.onResponse) continue;
    context.response = response;
    const returned = await callApp(m.onResponse, "onResponse", m, context);
    if (returned instanceof Response) response = returned;
    else if (returned !== undefined) throw ["onResponse returned neither a Response nor undefined"];
  }
  if (response.status >= 300) call.retryAfter = response.headers.get("retry-after");
  return readAnswer(response);
}

/** Resolves to [status, body]; rejects with the text of what went wrong (or, with hooks,
 *  as `send` does). `headers`: "name\nvalue\n...". With hooks (`call`), the
 *  `headers` function adds to them; with middleware, the request is a real `Request` under
 *  the client's `baseUrl` (or `http://mock.invalid`), run through them as over HTTP, and
 *  the mock's answer a `Response` (made only then: they cost a mock call more than the
 *  rest of it). */
export async function callMock(handler, target, lines, body, signal, call, attempt) {
  // The mock is reached in a microtask, never in the caller's own turn: a listener of the
  // mock's may call the client again without calling into the mock from inside itself.
  await undefined;
  const { method, headers } = readLines(lines, false);
  const request = { method, target, headers, signal };
  if (body !== undefined) request.body = body;
  if (call?.middleware[0]) {
    const root = call.mockRoot;
    const built = new Request(root + target, { method, headers: request.headers, body, signal });
    return until(call, signal, run(call, built, attempt, (r) => mockFetch(handler, root, r)));
  }
  if (call) {
    call.retryAfter = undefined;
    const all = new Headers(request.headers);
    await until(call, signal, addHeaders(call, all, attempt));
    request.headers = Object.fromEntries(all);
  }
  const response = await answerOf(handler, request);
  if (call && response.status >= 300) call.retryAfter = new Headers(response.headers).get("retry-after");
  return [response.status, typeof response.body === "string" ? response.body : ""];
}

/** The mock's answer to `request`, checked; rejects with the text of what went wrong. */
async function answerOf(handler, request) {
  let response;
  try {
    response = await handler.handleRequest(request);
  } catch (err) {
    throw String(err?.description ?? err?.message ?? err);
  }
  const status = response?.status;
  if (!Number.isInteger(status) || status < 100 || status > 999) {
    throw "the mock's handleRequest did not resolve to { status, headers, body }";
  }
  return response;
}

/** A `Request` handed to a mock, its answer as a `Response`: the transport middleware sees
 *  in mock mode. A request outside `root` goes by its path alone. */
async function mockFetch(handler, root, request) {
  const url = new URL(request.url);
  const answer = await answerOf(handler, {
    method: request.method,
    target: url.href.startsWith(root + "/") ? url.href.slice(root.length) : url.pathname + url.search,
    headers: Object.fromEntries(request.headers),
    body: request.body === null ? undefined : await request.text(),
    signal: request.signal,
  }).catch((message) => {
    throw new TypeError(message);
  });
  // No body is no body (a 204 may not have one, even empty).
  return new Response(answer.body || null, { status: answer.status, headers: answer.headers });
}

/** After attempt `attempt` of a call with a retry policy failed with `error`: whether to
 *  send again, once the wait is over. The policy's `shouldRetry`, else `error.retryable`;
 *  the answer's `Retry-After` (seconds or an HTTP date; over `maxRetryAfterMs`: no retry),
 *  else `delayMs` (a function's answer, or a backoff doubling from it with full jitter),
 *  within `maxDelayMs`. The call's `signal` ends the wait (the next attempt is then
 *  refused as ABORTED). */
async function again(call, error, attempt, signal) {
  const policy = call.retry;
  if (!policy || attempt >= policy.attempts || error.code === "ABORTED") return false;
  const { shouldRetry, delayMs, maxDelayMs } = policy;
  if (!(shouldRetry ? await callApp(shouldRetry, "shouldRetry", policy, error, attempt) : error.retryable)) return false;
  let ms = retryAfterMs(call.retryAfter);
  if (ms > policy.maxRetryAfterMs) return false;
  if (ms === undefined) {
    ms = isFunction(delayMs)
      ? await callApp(delayMs, "delayMs", policy, attempt, error)
      : Math.random() * delayMs * 2 ** (attempt - 1);
    if (typeof ms !== "number" || Number.isNaN(ms)) throw ["delayMs did not return a number"];
    ms = Math.min(Math.max(ms, 0), maxDelayMs);
  }
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve(true);
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done);
  });
}

/** A `Retry-After` value in milliseconds from now, or `undefined` when there is none or it
 *  is neither whole seconds nor an HTTP date. */
function retryAfterMs(value) {
  const text = value?.trim();
  if (!text) return undefined;
  const at = /^\d+$/.test(text) ? Date.now() + text * 1000 : Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The HOOK error of an app's function that failed (`[reason, causeName?, causeMessage?]`). */
const hookError = ([reason, causeName, message], operation) =>
  makeSessionApiError(0, "HOOK", reason, undefined, operation, false, causeName, message);

/** A call with hooks: `once(attempt)` sends attempt `attempt` (a promise of the answer, or
 *  of a SessionApiError) until one succeeds or `again` says no; an app's function that
 *  fails, during an attempt or in `again`, ends the call with HOOK. Without `once`, the call
 *  failed before it started, with `error`. Every `onError` hook is told what the call
 *  rejects with; what they return or throw is ignored. */
export async function drive(call, once, operation, signal, error) {
  for (let attempt = 1, retry = true; once && retry; attempt++) {
    try {
      return await once(attempt);
    } catch (failed) {
      error = call.failed ? hookError(call.failed, operation) : failed;
    }
    retry = !call.failed && (await again(call, error, attempt, signal).catch((thrown) => void (error = hookError(thrown, operation))));
  }
  for (const m of call.middleware) {
    try {
      await m.onError?.({ error, request: call.request, operation });
    } catch {
      // The call rejects with its own error all the same.
    }
  }
  throw error;
}
