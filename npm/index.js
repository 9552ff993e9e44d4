// session-client: the client alone, what production bundles ship. Its wasm is loaded
// (next to the glue, through `new URL(..., import.meta.url)`, which Vite, webpack and
// Rollup follow) before this module's exports can be used: no init() to call.
import init from "./client/session_client.js";

await init();

export * from "./client/session_client.js";
export { default, default as init } from "./client/session_client.js";
export { SessionApiError } from "./session-api-error.js";
