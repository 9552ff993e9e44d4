// session-client/mock in Node (the "node" export condition): the wasm is read from the
// package's own files and compiled synchronously at import.
import { readFileSync } from "node:fs";
import { initSync } from "./mock/session_client_mock.js";

initSync({ module: readFileSync(new URL("./mock/session_client_mock_bg.wasm", import.meta.url)) });

export * from "./mock/session_client_mock.js";
// Its name until 0.2: it mocks the API in this page and is no server (that is mock-server).
export { SessionApiMock as MockServer } from "./mock/session_client_mock.js";
export { default, default as init } from "./mock/session_client_mock.js";
export { SessionApiError } from "./session-api-error.js";
export { registerMockServiceWorker } from "./register-mock-sw.js";
