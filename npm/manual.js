// session-client/manual: the client module without loading its wasm, for custom loading
// (a wasm URL from a CDN): `await init({ module_or_path: url })` or `initSync({ module })`
// first. Anything used before that throws an error that says so.
export * from "./client/session_client.js";
export { default, default as init } from "./client/session_client.js";
export { SessionApiError } from "./session-api-error.js";
