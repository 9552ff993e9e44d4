// session-client/mock: the in-memory mock in its own wasm module, for development and
// tests. Import it where it is used (`await import("session-client/mock")` behind a
// development check) and production bundles never carry it. Loaded as index.js loads the
// client; servers and workers have mock.node.js and mock.worker.js.
import { init } from "./mock-manual.js";
import { wasmSource } from "./wasm-source.js";

await init({ module_or_path: wasmSource("session-client/mock", () => new URL("./mock/session_client_mock_bg.wasm", import.meta.url)) });

export * from "./mock-manual.js";
export { default } from "./mock-manual.js";
