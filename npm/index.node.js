// session-client on servers (the "node" export condition: Node, Bun, Deno, Vitest, and the
// server bundles of Next.js, SvelteKit, Nuxt...). The wasm is inlined in the package's JS
// (client/wasm-base64.js, written by scripts/build), decoded and compiled synchronously at
// import: the entry works wherever a bundler moves it, with no file beside it to lose.
import { Buffer } from "node:buffer";
import { initSync } from "./manual.js";
import base64 from "./client/wasm-base64.js";

initSync({ module: Buffer.from(base64, "base64") });

export * from "./manual.js";
export { default } from "./manual.js";
