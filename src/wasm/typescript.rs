//! TypeScript declarations the derives cannot write: options, the error class, and the
//! typed argument slots of the JS methods.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_SHARED: &str = r#"
/** The client-side error codes; the others are the server's `ErrorMessage`. */
export type ClientErrorCode =
  | "NETWORK" | "TIMEOUT" | "ABORTED" | "DECODE" | "INVALID_ARGUMENT" | "UNEXPECTED_STATUS";

/** What every failed call rejects with: one class, whichever module threw it. */
export declare class SessionApiError extends Error {
  readonly name: "SessionApiError";
  /** The HTTP status; 0 when no HTTP answer came. */
  readonly status: number;
  /** The `ErrorPayload` message, or a client-side code. */
  readonly code: ErrorMessage | ClientErrorCode;
  /** What went wrong, for a person to read. */
  readonly description: string;
  /** The response body: parsed JSON when it was JSON, else its text; undefined without a response. */
  readonly body: unknown;
  /** The method whose call failed (`"getSession"`, ...); undefined for an error of no call
   *  (a constructor's, a mock control's). */
  readonly operation?: string;
  /** Whether calling again may succeed and is safe: a network failure or a timeout, or a
   *  408, 429, 502, 503 or 504; after a `POST` call (create, enable, impersonate, revert),
   *  whose request may have arrived, only a 429 or a 503. */
  readonly retryable: boolean;
  /** For a `NETWORK` failure over HTTP: the error `fetch` rejected with (its name and
   *  message, such as `TypeError: Failed to fetch`). */
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
/** Options of `new SessionClient(...)`. */
export interface SessionClientOptions {
  /** The API's base URL, with or without a trailing slash. Required for real HTTP. */
  baseUrl?: string;
  /** Headers sent with every call. */
  headers?: Record<string, string>;
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
  operation?: string;
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
  operation: string | null;
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
