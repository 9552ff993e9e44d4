// session-client in Node (the "node" export condition: Node, Vitest, SSR): the wasm is read
// from the package's own files and compiled synchronously at import.
import { readFileSync } from "node:fs";
import { initSync } from "./client/session_client.js";

initSync({ module: readFileSync(new URL("./client/session_client_bg.wasm", import.meta.url)) });

export * from "./client/session_client.js";
export { default, default as init } from "./client/session_client.js";
export { SessionApiError } from "./session-api-error.js";
