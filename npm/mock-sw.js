// The mock as a service worker: every fetch under the configured base URL is answered by
// a SessionApiMock (so plain fetch, other HTTP libraries and DevTools' Network panel all see
// the mock); every other request goes to the network. Register it with
// registerMockServiceWorker() from the package. Its state is kept in IndexedDB.
//
// Query parameters of the script URL: base (the API's base URL), clock (system|virtual),
// seed, key (the IndexedDB key).
// No top-level await in a service worker: it loads the mock module's wasm itself.
import init, { SessionApiMock } from "./mock/session_client_mock.js";

const params = new URL(self.location.href).searchParams;
const base = new URL(params.get("base") ?? "/api", self.location.origin);
const prefix = base.pathname.replace(/\/$/, "");

const ready = init().then(() => {
  const options = {
    clock: params.get("clock") === "virtual" ? "virtual" : "system",
    persist: { storage: "indexedDB", key: params.get("key") ?? "session-client-sw" },
  };
  if (params.has("seed")) options.seed = Number(params.get("seed"));
  return new SessionApiMock(options);
});

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  const ours = url.origin === base.origin && (url.pathname === prefix || url.pathname.startsWith(`${prefix}/`));
  if (!ours) return; // everything else goes to the network
  event.respondWith(answer(event.request, url.pathname.slice(prefix.length) + url.search));
});

async function answer(request, target) {
  const mock = await ready;
  const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.text();
  try {
    const headers = Object.fromEntries(request.headers);
    const response = await mock.handleRequest({ method: request.method, target: target || "/", headers, body });
    const empty = response.status === 204 || response.status === 304 || response.body === "";
    return new Response(empty ? null : response.body, { status: response.status, headers: response.headers });
  } catch (err) {
    if (err?.code === "NETWORK") return Response.error(); // an injected network failure
    const payload = { message: "SERVER_ERROR", description: `the mock service worker failed: ${err?.message ?? err}` };
    return new Response(JSON.stringify(payload), { status: 500, headers: { "content-type": "application/json" } });
  }
}
