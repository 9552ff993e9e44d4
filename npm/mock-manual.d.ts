export * from "./mock/session_client_mock.js";
export { default, default as init } from "./mock/session_client_mock.js";
export { registerMockServiceWorker, type MockServiceWorkerOptions } from "./register-mock-sw.js";
