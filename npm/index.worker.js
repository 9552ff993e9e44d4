// session-client in workers (the "workerd" and "worker" export conditions: Cloudflare
// Workers, as wrangler bundles them). workerd refuses to compile wasm from bytes: the wasm
// is imported as a WebAssembly.Module (`.wasm?module`, which wrangler provides) and
// instantiated synchronously at import.
import { initSync } from "./manual.js";
import module from "./client/session_client_bg.wasm?module";

initSync({ module });

export * from "./manual.js";
export { default } from "./manual.js";
