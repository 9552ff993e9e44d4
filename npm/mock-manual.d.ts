export * from "./mock/session_client_mock.js";
import type { SessionApiMock } from "./mock/session_client_mock.js";
/** @deprecated Renamed `SessionApiMock`: it mocks the API in this page and is no server. */
export declare const MockServer: typeof SessionApiMock;
/** @deprecated Renamed `SessionApiMock`. */
export type MockServer = SessionApiMock;
export { default, default as init } from "./mock/session_client_mock.js";
export { registerMockServiceWorker, type MockServiceWorkerOptions } from "./register-mock-sw.js";
