//! TypeScript declarations the derives cannot write: options, the error class, and the
//! typed argument slots of the JS methods.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_SHARED: &str = r#"
/** The client-side error codes; the others are the server's `ErrorMessage`. */
export type ClientErrorCode =
  | "NETWORK" | "TIMEOUT" | "ABORTED" | "DECODE" | "INVALID_ARGUMENT" | "UNEXPECTED_STATUS"
  | "HOOK";

/**
 * A failed call's `code`: an `ErrorPayload` message this version knows, or a client-side
 * code. A closed union, so that an exhaustive `switch` is checked and a misspelt code does not
 * compile; a message a newer server sends that this version does not know still arrives as
 * sent, so give such a `switch` a `default` branch that does not throw.
 */
export type ErrorCode = KnownErrorMessage | ClientErrorCode;

/** The name of each call of the API, as `SessionClient` methods and journal entries name it. */
export type OperationName =
  | "createSession" | "deleteAllSessions" | "deleteExpiredSessions" | "deleteSession"
  | "getSession" | "enableSession" | "enableSessionForEquisoftConnect" | "impersonate"
  | "revertIdentity" | "getSessionSsoToken" | "setSessionSsoToken" | "deleteSessionSsoToken";

/** What every failed call rejects with: one class, whichever module threw it. */
export declare class SessionApiError extends Error {
  readonly name: "SessionApiError";
  /** The HTTP status; 0 when no HTTP answer came. */
  readonly status: number;
  /** The `ErrorPayload` message, or a client-side code (see `ErrorCode`). */
  readonly code: ErrorCode;
  /** What went wrong, for a person to read. */
  readonly description: string;
  /** The response body: parsed JSON when it was JSON, else its text; undefined without a response. */
  readonly body: unknown;
  /** The method whose call failed (`"getSession"`, ...); undefined for an error of no call
   *  (a constructor's, a mock control's). */
  readonly operation?: OperationName;
  /** Whether calling again may succeed and is safe: a network failure or a timeout, or a
   *  408, 429, 502, 503 or 504; after a `POST` call (create, enable, impersonate, revert),
   *  whose request may have arrived, only a 429 or a 503. */
  readonly retryable: boolean;
  /** For a `NETWORK` failure over HTTP: the error `fetch` rejected with (its name and
   *  message, such as `TypeError: Failed to fetch`); for `HOOK`, what the app's function
   *  threw (its name and message). */
  readonly cause?: Error;
}

/** A request handed to a mock: what a `SessionClient` would have sent over HTTP. */
export interface MockHttpRequest {
  /** `GET`, `POST`, `PUT`, `PATCH`, `DELETE` or `OPTIONS`. */
  method: string;
  /** The path under the API's base URL, percent-encoded, with its query: `/sessions/x?keepAlive=true`. */
  target: string;
  /** Request headers (the mock reads `origin` and `access-control-request-headers` only). */
  headers?: Record<string, string>;
  /** The body as text. */
  body?: string;
  /** Ends a latency or an injected delay early: the promise rejects with code `ABORTED`. */
  signal?: AbortSignal;
}

/** What a mock answers. */
export interface MockHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The seam between a `SessionClient` and a mock: `SessionApiMock` from "session-client/mock"
 * is one. It rejects with a `SessionApiError` (`NETWORK` for an injected network failure,
 * `ABORTED` when the request's signal fires).
 */
export interface MockHandler {
  handleRequest(request: MockHttpRequest): Promise<MockHttpResponse>;
}
"#;

#[cfg(feature = "client")]
#[wasm_bindgen(typescript_custom_section)]
const TS_CLIENT: &str = r#"
/** Any `fetch`-compatible function: the client hands it a `Request`. */
export type FetchLike = (request: Request) => Promise<Response>;

/** What `onRequest` is told. */
export interface RequestContext {
  /** The request as it will be sent (in mock mode too: under `baseUrl`, or under
   *  `http://mock.invalid` without one). */
  request: Request;
  /** The method called: `"getSession"`, ... */
  operation: string;
  /** 1 for the first attempt, then 2, 3... when the call is retried. */
  attempt: number;
}

/** What `onResponse` is told. */
export interface ResponseContext extends RequestContext {
  response: Response;
  /** Sends a request through the client's transport, without middleware: the way to
   *  replay `request` after refreshing a token. */
  fetch: FetchLike;
}

/** What `onError` is told. */
export interface ErrorContext {
  /** What the call rejects with (after any retries). */
  error: SessionApiError;
  /** The request last sent, if the call got that far. */
  request?: Request;
  operation: string;
}

/**
 * Middleware; each hook may be async. `onRequest` hooks run in order: returning a `Request`
 * sends it instead; returning a `Response` answers the call (the hooks after it and the
 * transport are skipped). `onResponse` hooks run in reverse order (those of the middleware
 * up to one that answered): returning a `Response` uses it instead. `onError` is told once
 * per call that rejects; what it returns is ignored. A hook that throws, or returns anything
 * else, ends the call with code `HOOK`.
 */
export interface Middleware {
  onRequest?(context: RequestContext): void | Request | Response | Promise<void | Request | Response>;
  onResponse?(context: ResponseContext): void | Response | Promise<void | Response>;
  onError?(context: ErrorContext): void | Promise<void>;
}

/** When a failed call is sent again. */
export interface RetryOptions {
  /** How many times a call is sent at most, the first included (1: no retry). */
  attempts: number;
  /** The first backoff's ceiling in milliseconds, doubled each attempt, with full jitter
   *  (default 300); or a function of the attempt that failed and its error. A `Retry-After`
   *  answer header wins. */
  delayMs?: number | ((attempt: number, error: SessionApiError) => number | Promise<number>);
  /** The longest wait between attempts (default 10000). */
  maxDelayMs?: number;
  /** The longest `Retry-After` (seconds or an HTTP date) waited for (default 60000); a
   *  longer one is not retried. */
  maxRetryAfterMs?: number;
  /** Whether to retry (default: `error.retryable`). An `ABORTED` call never is. */
  shouldRetry?: (error: SessionApiError, attempt: number) => boolean | Promise<boolean>;
}

/** What the client's `headers` function is told. */
export interface HeadersContext {
  operation: string;
  attempt: number;
}

/** Options of `new SessionClient(...)`. */
export interface SessionClientOptions {
  /** The API's base URL, with or without a trailing slash. Required for real HTTP. */
  baseUrl?: string;
  /** Headers sent with every call: a record, or a function (maybe async) called for each
   *  attempt, whose headers a call's own `headers` override. */
  headers?:
    | Record<string, string>
    | ((context: HeadersContext) => Record<string, string> | Promise<Record<string, string>>);
  /** What sends requests over HTTP (default `globalThis.fetch`). */
  fetch?: FetchLike;
  /** Retry failed calls: a number of attempts, or options (default: no retry). */
  retry?: number | RetryOptions;
  /** Middleware, in order (add more with `use()`). */
  middleware?: Middleware[];
  /** `fetch`'s credentials mode (default: the browser's, `same-origin`). */
  credentials?: "omit" | "same-origin" | "include";
  /** Default timeout of each call in milliseconds (default 30000; 0: none). */
  timeoutMs?: number;
  /** Answer from this mock (a `SessionApiMock` from "session-client/mock") instead of HTTP. */
  mock?: MockHandler;
}

/** Options of one call. */
export interface CallOptions {
  /** Aborts the call: it rejects with code `ABORTED`. */
  signal?: AbortSignal;
  /** This call's timeout in milliseconds (0: none); past it, code `TIMEOUT`. */
  timeoutMs?: number;
  /** Headers for this call, over the client's. */
  headers?: Record<string, string>;
  /** This call's retry policy, over the client's (`1`: no retry). */
  retry?: number | RetryOptions;
}
"#;

#[cfg(feature = "mock")]
#[wasm_bindgen(typescript_custom_section)]
const TS_MOCK: &str = r#"
/** A mock user: a `User` in which only `uuid` is required. */
export type MockUser = Partial<User> & { uuid: string };

/** The mock's timing policy and impersonation roles. */
export interface MockPolicy {
  idleTimeoutMs?: number;
  publicIdleTimeoutMs?: number;
  lifetimeMs?: number;
  mobileLifetimeMs?: number;
  impersonationRoles?: string[];
}

/** Users and policy; without `users`, the built-in users. */
export interface MockScenario {
  users?: MockUser[];
  policy?: MockPolicy;
}

/** @deprecated Renamed `SessionApiMockOptions`, with the class. */
export type MockServerOptions = SessionApiMockOptions;

/** Options of `new SessionApiMock(...)`. */
export interface SessionApiMockOptions {
  /** The scenario, as an object or JSON text (default: the built-in scenario). */
  scenario?: MockScenario | string;
  /** `system` (default) or `virtual`: a clock only `setNow` and `advance` move. */
  clock?: "system" | "virtual";
  /** Where a virtual clock starts: RFC 3339 text or epoch milliseconds (default: now). */
  now?: string | number;
  /** Makes generated session ids, latency and fault draws deterministic. */
  seed?: number;
  /** Latency on every answer: milliseconds, or [min, max] for a seeded random delay. */
  latencyMs?: number | [number, number];
  /** Write the state through to storage, and restore it on start (a reload loses nothing). */
  persist?: MockPersistOptions;
}

/** What `failNext` and `failRate` inject. */
export interface MockFault {
  /** Only calls of this operation, such as "getSession" (default: any). */
  operation?: OperationName;
  /** Answer with this status and an ErrorPayload (default 500 when `code` is given). */
  status?: number;
  /** The ErrorPayload's message (default from the status). */
  code?: ErrorMessage;
  /** The ErrorPayload's description (default "injected fault"). */
  description?: string;
  /** No answer: the client sees a NETWORK failure. */
  network?: boolean;
  /** Headers of the failure answer, such as `{ "Retry-After": "1" }` (with `status` or `code`). */
  headers?: Record<string, string>;
  /** Wait this long first (alone: the real answer, late). */
  delayMs?: number;
  /** How many matching calls (`failNext` only; default 1). */
  times?: number;
}

/** `dump()`: the mock's whole state as versioned JSON, for `restore()` (docs/mock.md). */
export interface MockDump {
  format: "session-client/mock-state";
  version: number;
  /** A virtual clock's time. */
  now?: string;
  /** How far a system clock was moved from the machine's time (absent when it was not). */
  offsetMs?: number;
  /** The id generator's state, hex. */
  rng: string;
  scenario: MockScenario;
  sessions: MockDumpedSession[];
}

/** One session of a `MockDump`. */
export interface MockDumpedSession {
  sessionId: string;
  userUuid: string;
  actorUuid?: string;
  created: string;
  suspend: string;
  expire: string;
  idleTimeoutMs: number;
  enabled: boolean;
  enabledForEquisoftConnect: boolean;
  /** The createSession payload, when it said more than the user. */
  given?: SessionPayload;
  /** SSO tokens by id. */
  tokens?: Record<string, string>;
}

/** Options of `persist`: where the mock's state is written through. */
export interface MockPersistOptions {
  storage: "localStorage" | "sessionStorage" | "indexedDB";
  /** Default "session-client-mock". */
  key?: string;
}

/** One answered call, as `requests()` and `onRequest` show it. */
export interface MockRequestEntry {
  time: string;
  /** The operation's name, or null for a path outside the API. */
  operation: OperationName | null;
  method: string;
  path: string;
  /** 0 for an injected network failure. */
  status: number;
  durationMs: number;
  /** "[redacted]" unless `{ reveal: true }`. */
  requestBody?: string;
  /** SSO token values read "[redacted]" unless `{ reveal: true }`. */
  responseBody?: string;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// A `string` argument, checked at run time.
    #[wasm_bindgen(typescript_type = "string")]
    pub type StringArg;
    /// A `boolean` argument, checked at run time.
    #[wasm_bindgen(typescript_type = "boolean")]
    pub type BoolArg;
    /// `SessionClientOptions`.
    #[wasm_bindgen(typescript_type = "SessionClientOptions")]
    pub type ClientOptionsArg;
    /// `CallOptions`.
    #[wasm_bindgen(typescript_type = "CallOptions")]
    pub type CallOptionsArg;
    /// `SessionPayload`.
    #[wasm_bindgen(typescript_type = "SessionPayload")]
    pub type SessionPayloadArg;
    /// `ImpersonatePayload`.
    #[wasm_bindgen(typescript_type = "ImpersonatePayload")]
    pub type ImpersonatePayloadArg;
    /// `EnableEquisoftConnectPayloadSchema`.
    #[wasm_bindgen(typescript_type = "EnableEquisoftConnectPayloadSchema")]
    pub type ConnectPayloadArg;
    /// A mock to send calls to.
    #[wasm_bindgen(typescript_type = "MockHandler")]
    pub type MockHandlerArg;
    /// `Middleware`.
    #[wasm_bindgen(typescript_type = "Middleware")]
    pub type MiddlewareArg;
}

#[cfg(feature = "mock")]
#[wasm_bindgen]
extern "C" {
    /// `SessionApiMockOptions`.
    #[wasm_bindgen(typescript_type = "SessionApiMockOptions")]
    pub type MockOptionsArg;
    /// A request for `handleRequest`.
    #[wasm_bindgen(typescript_type = "MockHttpRequest")]
    pub type MockHttpRequestArg;
    /// A time: RFC 3339 text or epoch milliseconds.
    #[wasm_bindgen(typescript_type = "string | number")]
    pub type TimeArg;
    /// A dump, as returned by `dump()` (or its JSON text).
    #[wasm_bindgen(typescript_type = "object | string")]
    pub type DumpArg;
    /// A scenario, as an object or JSON text.
    #[wasm_bindgen(typescript_type = "MockScenario | string")]
    pub type ScenarioArg;
    /// A user to add.
    #[wasm_bindgen(typescript_type = "MockUser")]
    pub type MockUserArg;
    /// Fields of a user to change.
    #[wasm_bindgen(typescript_type = "Partial<User>")]
    pub type UserPatchArg;
    /// A fault.
    #[wasm_bindgen(typescript_type = "MockFault")]
    pub type MockFaultArg;
    /// A latency.
    #[wasm_bindgen(typescript_type = "number | [number, number]")]
    pub type LatencyArg;
    /// `{ reveal?: boolean }`.
    #[wasm_bindgen(typescript_type = "{ reveal?: boolean }")]
    pub type RequestsOptionsArg;
}

/// The JS value behind an optional typed argument (`undefined` when absent).
pub fn js<T: AsRef<JsValue>>(arg: Option<T>) -> JsValue {
    arg.map_or(JsValue::UNDEFINED, |a| a.as_ref().clone())
}
