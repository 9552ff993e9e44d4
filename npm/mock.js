// session-client/mock: the in-memory mock in its own wasm module, for development and
// tests. Import it where it is used (`await import("session-client/mock")` behind a
// development check) and production bundles never carry it.
import init from "./mock/session_client_mock.js";

await init();

export * from "./mock/session_client_mock.js";
// Its name until 0.2: it mocks the API in this page and is no server (that is mock-server).
export { SessionApiMock as MockServer } from "./mock/session_client_mock.js";
export { default, default as init } from "./mock/session_client_mock.js";
export { SessionApiError } from "./session-api-error.js";
export { registerMockServiceWorker } from "./register-mock-sw.js";
