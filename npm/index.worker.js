// session-client in workers (the "workerd" and "worker" export conditions: Cloudflare
// Workers, built by wrangler or by Vite with Cloudflare's plugin). workerd refuses to compile
// wasm from bytes: the wasm is imported as a WebAssembly.Module, as these bundlers provide
// it (`.wasm?module`), and instantiated synchronously at import.
import { initSync } from "./manual.js";
import module from "./client/session_client_bg.wasm?module";

initSync({ module });

export * from "./manual.js";
export { default } from "./manual.js";
