// A front-end's use of the installed package, both modules, type-checked with
// `tsc --strict --noEmit` and no skipLibCheck, by the oldest TypeScript the README promises
// and the newest. Each `@ts-expect-error` line must be an error: if the declarations ever
// accept it, tsc fails.
import {
  SessionClient,
  SessionApiError,
  type Session,
  type SessionState,
  type SsoToken,
  type CallOptions,
  type SessionClientOptions,
  type MockHandler,
  type User,
  type Middleware,
  type RetryOptions,
  type FetchLike,
  type ClientErrorCode,
  type ErrorCode,
  type OperationName,
} from "session-client";
import {
  SessionApiMock,
  MockServer,
  SessionApiError as MockModuleError,
  type SessionApiMockOptions,
  type MockRequestEntry,
  type MockHttpResponse,
  type MockDump,
  registerMockServiceWorker,
} from "session-client/mock";
import { mountMockPanel, type MockPanel, type MockPanelOptions } from "session-client/mock/panel";

async function main(): Promise<void> {
  const mock = new SessionApiMock({ clock: "virtual", now: "2026-11-28T12:00:00Z", seed: 1 });
  // The deprecated name still types as the class.
  const old: SessionApiMock = new MockServer();
  old.free();
  const options: SessionClientOptions = { baseUrl: "https://accounts.example.com/api", mock };
  const client = new SessionClient(options);
  const controller = new AbortController();
  const call: CallOptions = { signal: controller.signal, timeoutMs: 5000, headers: { "X-Trace": "1" } };

  const session: Session = await client.createSession({ userUuid: "u", enable: false, sso: { provider: "p", identifier: "i" } }, call);
  const state: SessionState = session.state;
  const expires: string = session.expire;
  const actor: User | undefined = session.actor;
  const connect: boolean = session.enabledForEquisoftConnect;
  const roles: string[] = session.user.legacyRoles;
  const again: Session = await client.getSession(session.sessionId, true);
  await client.getSession(session.sessionId);
  await client.deleteSession(session.sessionId);
  await client.deleteAllSessions();
  await client.deleteExpiredSessions({ timeoutMs: 100 });
  await client.enableSession(session.sessionId, "text");
  await client.enableSession(session.sessionId);
  await client.enableSessionForEquisoftConnect(session.sessionId, { disableOldestSessions: true });
  await client.enableSessionForEquisoftConnect(session.sessionId);
  const impersonated: Session = await client.impersonate(session.sessionId, { userUuid: "target" });
  const reverted: Session = await client.revertIdentity(session.sessionId);
  const token: SsoToken = await client.getSessionSsoToken(session.sessionId, "okta");
  const value: string = token.value;
  const nothing: void = await client.setSessionSsoToken(session.sessionId, "okta", "secret");
  await client.deleteSessionSsoToken(session.sessionId, "okta");
  client.useHttp();
  client.useMock();
  client.useMock(mock);
  const isMock: boolean = client.isMock;
  const shared: MockHandler | undefined = client.mock;
  const sameClass: typeof SessionApiError = MockModuleError;
  const failed = await client.deleteSession("nope").catch((e: unknown) => e);
  if (failed instanceof SessionApiError) {
    const why: Error | undefined = failed.cause;
    const again: boolean = failed.retryable;
    const which: string | undefined = failed.operation;
    console.log(why?.name, again, which);
  }
  const now: string = mock.now();
  mock.advance(60_000);
  mock.setNow(Date.now());
  const users: User[] = mock.users();
  const sessions: Session[] = mock.sessions();
  mock.restore(mock.dump());
  mock.failNext({ operation: "getSession", status: 503, code: "SERVER_ERROR", times: 2 });
  mock.failNext({ network: true });
  mock.failRate(0.1, { delayMs: 500 });
  mock.clearFaults();
  mock.setLatency([50, 200]);
  const entries: MockRequestEntry[] = mock.requests({ reveal: true });
  const stop: () => void = mock.onRequest((entry: MockRequestEntry) => console.log(entry.status, entry.operation));
  stop();
  mock.clearRequests();
  const accepted: User = mock.updateUser("uuid", { agreement: { state: "ACCEPTED" } });
  const added: User = mock.addUser({ uuid: "new" });
  mock.loadScenario({ policy: { lifetimeMs: 1000 } });
  const raw: MockHttpResponse = await mock.handleRequest({ method: "GET", target: "/sessions/x", signal: controller.signal });
  const limit: number = SessionApiMock.bodyLimit();
  // @ts-expect-error: the mock is its own module now, not a flag
  new SessionClient({ mock: true });
  // @ts-expect-error: a request is an object
  await mock.handleRequest("GET", "/sessions/x");
  const persisted = new SessionApiMock({ persist: { storage: "indexedDB", key: "k" } });
  await persisted.ready;
  const registration: ServiceWorkerRegistration = await registerMockServiceWorker({ baseUrl: "/api", seed: 1 });
  // @ts-expect-error: no such storage
  new SessionApiMock({ persist: { storage: "cookies" } });
  // @ts-expect-error: a fault's status is a number
  mock.failNext({ status: "500" });
  const mockOptions: SessionApiMockOptions = { latencyMs: [1, 5], scenario: { users: [{ uuid: "x", displayName: "X" }], policy: { idleTimeoutMs: 1 } } };

  try {
    await client.getSession("missing");
  } catch (err) {
    if (err instanceof SessionApiError) {
      const status: number = err.status;
      const code: string = err.code;
      const description: string = err.description;
      const body: unknown = err.body;
      const asError: Error = err;
      const knownCode: "NOT_FOUND" | "TIMEOUT" | "CONCURRENT_ACCESS" | (string & {}) = err.code;
      const typed: ErrorCode = err.code;
      // @ts-expect-error: a misspelt code does not compile
      if (err.code === "NOT_FUOND") console.log("never");
      const operation: OperationName | undefined = err.operation;
      console.log(status, code, description, body, asError, knownCode, typed, operation, exhaustive(err.code));
    }
  }

  // The app's code around calls.
  const logging: Middleware = {
    onRequest({ request, operation, attempt }) {
      console.log(request.method, operation, attempt);
    },
    async onResponse({ request, response, fetch }) {
      if (response.status === 401) return fetch(new Request(request));
    },
    onError({ error, request }) {
      const code: string = error.code;
      console.log(code, request?.url);
    },
  };
  const retry: RetryOptions = { attempts: 3, delayMs: (attempt, error) => attempt * (error.retryable ? 100 : 0), shouldRetry: async (error) => error.status === 503 };
  const ownFetch: FetchLike = (request) => fetch(request);
  const hooked = new SessionClient({
    baseUrl: "/api",
    headers: async ({ operation }) => ({ "X-Operation": operation }),
    fetch: ownFetch,
    retry,
    middleware: [logging],
  });
  const remove: () => void = hooked.use({ onRequest: () => new Response(null, { status: 204 }) });
  remove();
  await hooked.getSession("x", true, { retry: 1 });
  new SessionClient({ baseUrl: "/api", retry: 2, headers: () => ({ "X-A": "1" }) });
  const hook: ClientErrorCode = "HOOK";
  // @ts-expect-error: onRequest may not return a number
  hooked.use({ onRequest: () => 42 });
  // @ts-expect-error: attempts is required
  new SessionClient({ baseUrl: "/api", retry: { delayMs: 5 } });
  // @ts-expect-error: the headers function gives a record of strings
  new SessionClient({ baseUrl: "/api", headers: () => ({ "X-A": 1 }) });

  // @ts-expect-error: a state is a string, not a number
  const wrongState: number = session.state;
  // @ts-expect-error: the id must be a string
  await client.getSession(42);
  // @ts-expect-error: userUuid is required
  await client.createSession({ enable: true });
  // @ts-expect-error: enable is a boolean
  await client.createSession({ userUuid: "u", enable: "yes" });
  // @ts-expect-error: unknown credentials mode
  new SessionClient({ baseUrl: "x", credentials: "always" });
  // @ts-expect-error: the clock is "system" or "virtual"
  new SessionApiMock({ clock: "fast" });
  // @ts-expect-error: status is read-only
  new SessionApiError().status = 3;
  // @ts-expect-error: a token has no `expires` field
  token.expires;

  console.log(sameClass, limit, state, expires, actor, connect, roles, again, impersonated, reverted, value, nothing, isMock, shared, now, users, sessions, mockOptions, wrongState, entries, accepted, added, raw, registration, hook);
}

void main;

/** An exhaustive switch over the codes: a new code in the union fails to compile here. */
function exhaustive(code: ErrorCode): string {
  switch (code) {
    case "SERVER_ERROR": case "NOT_FOUND": case "BAD_REQUEST": case "ACCESS_DENIED": case "CONFLICT":
    case "PASSWORD_RESET_REQUESTED": case "SESSION_ALREADY_IMPERSONATED": case "SESSION_NOT_IMPERSONATED":
    case "SESSION_NOT_ENABLED": case "USER_NOT_ENABLED": case "USER_AGREEMENT_REQUESTED": case "CONCURRENT_ACCESS":
    case "INVALID_COOKIE_DOMAIN_NAME":
      return "server";
    case "NETWORK": case "TIMEOUT": case "ABORTED": case "DECODE": case "INVALID_ARGUMENT": case "UNEXPECTED_STATUS": case "HOOK":
      return "client";
    default: {
      // Unreachable for the types; a newer server's unknown code arrives here at run time.
      const unknown: never = code;
      return String(unknown);
    }
  }
}

/** The mock's typed controls: operation names, the dump, the rate. */
function mockTypes(mock: SessionApiMock): void {
  mock.failNext({ operation: "getSession", status: 503 });
  // @ts-expect-error: no operation of that name
  mock.failNext({ operation: "getSesion" });
  mock.failRate(0.5, { network: true });
  // @ts-expect-error: the probability is a number
  mock.failRate("0.5");
  const dump: MockDump = mock.dump();
  const first: string | undefined = dump.sessions[0]?.sessionId;
  const version: number = dump.version;
  console.log(first, version);
}
void mockTypes;

/** The mock panel: in the page, over HTTP, and what it refuses. */
function panels(mock: SessionApiMock, host: HTMLElement): void {
  const options: MockPanelOptions = { corner: "top-left", open: true, parent: host, storageKey: null, pollMs: 500 };
  const panel: MockPanel = mountMockPanel(mock, options);
  panel.element.addEventListener("change", () => undefined);
  panel.unmount();
  mountMockPanel({ baseUrl: "http://127.0.0.1:8081" }).unmount();
  // @ts-expect-error: a corner it does not have
  mountMockPanel(mock, { corner: "middle" });
  // @ts-expect-error: neither a mock nor { baseUrl }
  mountMockPanel({ url: "/api" });
}
void panels;

