#!/usr/bin/env node
// A small static server for the demo: `/` and other paths from www/, `/pkg/...` from the
// built package. Binds 127.0.0.1 only. Usage: node scripts/serve.mjs [--port 8080]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const root = resolve(new URL("..", import.meta.url).pathname);
const portArg = process.argv.indexOf("--port");
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 8080;
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ts": "text/plain; charset=utf-8",
};

function fileFor(urlPath) {
  const path = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, "");
  if (path.startsWith("/pkg/")) return join(root, path);
  return join(root, "www", path === "/" ? "index.html" : path);
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  const file = fileFor(url.pathname);
  try {
    if (!file.startsWith(root) || !(await stat(file)).isFile()) throw new Error("not a file");
    const body = await readFile(file);
    const headers = { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" };
    // The mock service worker lives in /pkg/ but may control the whole site.
    if (url.pathname.endsWith("/mock-sw.js")) headers["service-worker-allowed"] = "/";
    res.writeHead(200, headers);
    res.end(body);
  } catch {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end(`not found: ${url.pathname}\n`);
  }
});
server.listen(port, "127.0.0.1", () => {
  console.log(`demo on http://127.0.0.1:${server.address().port}/`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
