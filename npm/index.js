// session-client: the client alone, what production bundles ship. Its wasm is loaded
// (beside this file, through `new URL(..., import.meta.url)`, which Vite, webpack and Rollup
// follow) before this module's exports can be used: no init() to call. Servers and workers
// have entries of their own (index.node.js, index.worker.js), chosen by export conditions.
import { init } from "./manual.js";
import { wasmSource } from "./wasm-source.js";

await init({ module_or_path: wasmSource("session-client", () => new URL("./client/session_client_bg.wasm", import.meta.url)) });

export * from "./manual.js";
export { default } from "./manual.js";
