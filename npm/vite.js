// session-client/vite: a Vite plugin that starts fetching the client's wasm with the page, in
// parallel with the entry, instead of after it: a `<link rel="preload" as="fetch">` for the
// wasm in the built HTML (the hashed asset the bundle emitted) and in the dev server's (the
// file the entry asks for). The entry's own `fetch` of that URL then takes the preloaded
// response: one request, not two. Runs in Vite's Node process; nothing of it is bundled.
import { createRequire } from "node:module";
import { relative, sep } from "node:path";

const WASM = "session_client_bg.wasm";

/** The preload tag for `href`: `crossorigin` so that it matches the entry's `fetch` (mode
 *  "cors", credentials "same-origin"). */
const preload = (href) => ({
  tag: "link",
  attrs: { rel: "preload", href, as: "fetch", type: "application/wasm", crossorigin: "" },
  injectTo: "head-prepend",
});

export function sessionClient() {
  let config;
  return {
    name: "session-client",
    configResolved(resolved) {
      config = resolved;
    },
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        if (ctx.bundle) {
          // A build: the wasm asset the entry's `new URL(...)` became, if the page ships the client.
          const asset = Object.values(ctx.bundle).find(
            (chunk) => chunk.type === "asset" && (chunk.originalFileNames ?? [chunk.name ?? ""]).some((name) => name.endsWith(WASM)),
          );
          return asset ? [preload(config.base + asset.fileName)] : [];
        }
        // The dev server serves the package's file as the entry's `import.meta.url` finds it:
        // under the root by its path, elsewhere (a monorepo's hoisted node_modules) by /@fs/.
        const file = createRequire(`${config.root}/`).resolve(`session-client/client/${WASM}`);
        const path = relative(config.root, file);
        const href = path.startsWith("..") ? `/@fs/${file.split(sep).join("/").replace(/^\//, "")}` : `/${path.split(sep).join("/")}`;
        return [preload(config.base.replace(/\/$/, "") + href)];
      },
    },
  };
}

export default sessionClient;
