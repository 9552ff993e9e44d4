// A mock server's controls as SessionApiMock's methods, over HTTP: `/__mock/` under a base URL
// (docs/servers.md, "Control endpoints"), each method async, refusals thrown as the
// SessionApiError the server's ErrorPayload says. `headers` go with every request (such as
// `X-Mock-Namespace`, to steer one namespace). The mock panel and the Playwright fixture's
// `sessionMockServer.mock` use it; nothing else of the package loads it.
import { SessionApiError } from "./session-api-error.js";

export function mockOverHttp(baseUrl, { headers = {} } = {}) {
  const root = String(baseUrl).replace(/\/+$/, "");
  const call = async (method, path, body) => {
    const init = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.headers["content-type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const answer = await fetch(root + path, init);
    const text = await answer.text();
    if (!answer.ok) {
      let payload = {};
      try {
        payload = JSON.parse(text);
      } catch {}
      const description = payload.description ?? (text || answer.statusText);
      throw new SessionApiError(answer.status, payload.message ?? "UNEXPECTED_STATUS", `${method} ${path}: ${description}`, text);
    }
    return text ? JSON.parse(text) : undefined;
  };
  const json = (value) => (typeof value === "string" ? JSON.parse(value) : value);
  return {
    /** Where it steers, for a person. */
    where: root,
    now: async () => (await call("GET", "/__mock/clock")).now,
    clock: () => call("GET", "/__mock/clock"),
    advance: async (ms) => (await call("POST", "/__mock/clock", { advanceMs: ms })).now,
    setNow: async (at) => {
      await call("POST", "/__mock/clock", { now: at });
    },
    sessions: () => call("GET", "/__mock/sessions"),
    users: () => call("GET", "/__mock/users"),
    addUser: (user) => call("POST", "/__mock/users", user),
    updateUser: (uuid, patch) => call("PATCH", `/__mock/users/${encodeURIComponent(uuid)}`, patch),
    loadScenario: (scenario) => call("PUT", "/__mock/scenario", json(scenario)),
    failNext: (fault) => call("POST", "/__mock/faults", fault),
    failRate: (probability, fault) => call("POST", "/__mock/faults/rate", fault ? { probability, fault } : { probability }),
    clearFaults: () => call("DELETE", "/__mock/faults"),
    setLatency: (latency) => call("PUT", "/__mock/latency", Array.isArray(latency) ? { min: latency[0], max: latency[1] } : { ms: latency }),
    requests: (options) => call("GET", `/__mock/requests${options?.reveal ? "?reveal=true" : ""}`),
    clearRequests: () => call("DELETE", "/__mock/requests"),
    /** `{ now, clock, sessions, users, requests }` in one request. */
    overview: (options) => call("GET", `/__mock/overview${options?.reveal ? "?reveal=true" : ""}`),
    reset: () => call("POST", "/__mock/reset"),
    dump: () => call("GET", "/__mock/state"),
    restore: (dump) => call("PUT", "/__mock/state", json(dump)),
    /** An API call (not a control), such as `DELETE /sessions/{id}`. */
    api: (method, path, body) => call(method, path, body),
  };
}
