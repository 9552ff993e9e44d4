// session-client/vite: a Vite plugin that preloads the client's wasm with the page.
import type { Plugin } from "vite";

/** Adds `<link rel="preload" as="fetch">` for the client's wasm to the built and the dev server's HTML. */
export function sessionClient(): Plugin;
export default sessionClient;
