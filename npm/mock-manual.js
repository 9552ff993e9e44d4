// session-client/mock/manual: the mock module without loading its wasm (see manual.js).
export * from "./mock/session_client_mock.js";
// Its name until 0.2: it mocks the API in this page and is no server (that is mock-server).
export { SessionApiMock as MockServer } from "./mock/session_client_mock.js";
export { default, default as init } from "./mock/session_client_mock.js";
export { SessionApiError } from "./session-api-error.js";
export { registerMockServiceWorker } from "./register-mock-sw.js";
