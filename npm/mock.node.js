// session-client/mock on servers (the "node" export condition), loaded as index.node.js
// loads the client: the wasm inlined (mock/wasm-base64.js) and compiled at import.
import { Buffer } from "node:buffer";
import { initSync } from "./mock-manual.js";
import base64 from "./mock/wasm-base64.js";

initSync({ module: Buffer.from(base64, "base64") });

export * from "./mock-manual.js";
export { default } from "./mock-manual.js";
