// session-client/playwright: Playwright's `test` with the session mock as fixtures, so that a
// browser test owns the mock's state, clock and faults while the app runs as it ships.
//
// - `sessionMock`: a SessionApiMock in the test's own process, fresh for each test, answering
//   every request the test's pages (and their dedicated workers) make under
//   `sessionMockOptions.baseUrl`, through the browser context's routing; `sessionMock.client`
//   is a SessionClient on it.
// - `sessionMockServer`: a namespace of its own on an HTTP mock server (for requests the
//   browser does not make: an app's server), named by the `mock-namespace` cookie set on the
//   test's browser context, steered by `sessionMockServer.mock` over `/__mock/`.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { test as base, expect } from "@playwright/test";
import { SessionClient } from "./index.node.js";
import { SessionApiMock } from "./mock.node.js";
import { mockOverHttp } from "./mock-http.js";

export { expect };

/** What `sessionMockOptions` may say besides `baseUrl`: the SessionApiMock options. */
const MOCK_OPTIONS = ["baseUrl", "clock", "now", "seed", "scenario", "latencyMs"];
const SERVER_OPTIONS = ["url", "args"];

/** Options checked before the test body runs: a TypeError naming what is wrong. */
function checked(what, options, known) {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`${what} must be an object, got ${JSON.stringify(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new TypeError(`${what}.${key} is not an option (the options: ${known.join(", ")})`);
  }
  return options;
}

/** The absolute http(s) URL `value`, without a trailing slash. */
function absolute(what, value) {
  let url;
  try {
    url = new URL(value);
  } catch {}
  if (typeof value !== "string" || !url || !/^https?:$/.test(url.protocol)) {
    throw new TypeError(`${what} must be an absolute http(s) URL such as "http://localhost:5173/api", got ${JSON.stringify(value)}`);
  }
  url.pathname = url.pathname.replace(/\/+$/, "");
  url.search = url.hash = "";
  return url;
}

/** Answers one routed request from `mock`: its answer, or a dropped connection for an
 *  injected network failure. */
async function answer(mock, base, route) {
  const request = route.request();
  const url = new URL(request.url());
  const target = url.pathname.slice(base.pathname.length) + url.search;
  try {
    const reply = await mock.handleRequest({
      method: request.method(),
      target: target.startsWith("/") ? target : `/${target}`,
      headers: await request.allHeaders(),
      body: request.postData() ?? undefined,
    });
    await route.fulfill({ status: reply.status, headers: reply.headers, body: reply.status === 204 ? undefined : reply.body });
  } catch (err) {
    if (err?.code !== "NETWORK" && err?.code !== "ABORTED") throw err;
    await route.abort(err.code === "NETWORK" ? "failed" : "aborted");
  }
}

/** A namespace name for this test (letters, digits, `-`, `_`; at most 64). */
function namespaceOf(testInfo) {
  const id = testInfo.testId.replace(/[^A-Za-z0-9_-]/g, "");
  return `pw-${testInfo.workerIndex}-${id}-${testInfo.retry}`.slice(0, 64);
}

/** Starts `npx session-client-mock` (this package's bin) on a free port with `args`;
 *  resolves to its URL and a stop function. */
function startServer(args) {
  const bin = fileURLToPath(new URL("./bin/session-client-mock.js", import.meta.url));
  const child = spawn(process.execPath, [bin, "--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", resolve);
      child.kill("SIGTERM");
    });
  return new Promise((resolve, reject) => {
    let seen = "";
    const read = (chunk) => {
      seen += chunk;
      const match = /^listening on (\S+)$/m.exec(seen);
      if (match) {
        child.stdout.off("data", read);
        child.stdout.resume();
        resolve({ url: match[1], stop });
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", (chunk) => (seen += chunk));
    child.once("exit", (code) => reject(new Error(`session-client-mock exited with ${code}:\n${seen}`)));
  });
}

export const test = base.extend({
  sessionMockOptions: [{}, { option: true }],
  sessionMockServerOptions: [{}, { option: true, scope: "worker" }],

  // Playwright's routing does not see what a page's service worker fetches, so it must not
  // answer for the page: with service workers blocked, every request under `baseUrl` reaches
  // the route, as Playwright's docs require for routing.
  serviceWorkers: ["block", { option: true }],

  sessionMock: async ({ context, sessionMockOptions }, use) => {
    const { baseUrl, ...options } = checked("sessionMockOptions", sessionMockOptions, MOCK_OPTIONS);
    const base = absolute("sessionMockOptions.baseUrl", baseUrl);
    const mock = new SessionApiMock(options);
    const client = new SessionClient({ baseUrl: base.href });
    client.useMock(mock);
    mock.client = client;
    const under = (url) => url.origin === base.origin && (url.pathname === base.pathname || url.pathname.startsWith(`${base.pathname}/`));
    const handler = (route) => answer(mock, base, route);
    await context.route(under, handler);
    await use(mock);
    await context.unroute(under, handler);
  },

  // The server a worker's tests share when `sessionMockServerOptions.url` names none: started
  // on first use, stopped with the worker.
  sessionMockServerProcess: [
    async ({ sessionMockServerOptions }, use) => {
      let started;
      await use(() => (started ??= startServer(sessionMockServerOptions.args ?? ["--clock", "virtual"])));
      if (started) await (await started).stop();
    },
    { scope: "worker" },
  ],

  sessionMockServer: async ({ context, baseURL, sessionMockServerOptions, sessionMockServerProcess }, use, testInfo) => {
    const options = checked("sessionMockServerOptions", sessionMockServerOptions, SERVER_OPTIONS);
    const url = options.url === undefined ? (await sessionMockServerProcess()).url : absolute("sessionMockServerOptions.url", options.url).href.replace(/\/$/, "");
    const namespace = namespaceOf(testInfo);
    const headers = { "x-mock-namespace": namespace };
    // The cookie goes with the test's every request to the app and to the server, so that
    // an app's server can pass it on (docs/testing.md).
    const sites = new Set([url, baseURL].filter(Boolean).map((site) => new URL(site).origin));
    await context.addCookies([...sites].map((site) => ({ name: "mock-namespace", value: namespace, url: site })));
    const mock = mockOverHttp(url, { headers });
    mock.client = new SessionClient({ baseUrl: url, headers });
    await use({ url, namespace, mock });
  },
});
