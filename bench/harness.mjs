// What the benchmark's scripts share: a static server for the package and bench/ on
// 127.0.0.1, a release mock-server, and headless Chromium.
import { createServer } from "node:http";
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

export const root = new URL("..", import.meta.url).pathname;

const files = {
  "/msw.js": "node_modules/msw/lib/iife/index.js",
  "/mockServiceWorker.js": "node_modules/msw/lib/mockServiceWorker.js",
};
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };

/** Serves pkg/, bench/ and MSW's two files; resolves to the site's URL and a stop. */
export async function serve() {
  const server = createServer(async (req, res) => {
    const path = normalize(new URL(req.url, "http://x").pathname);
    const file = files[path] ?? (/^\/(pkg|bench)\//.test(path) ? path.slice(1) : null);
    try {
      const body = await readFile(join(root, file));
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, stop: () => server.close() };
}

/** Starts target/release/mock-server on a free port; resolves to its URL and a stop. */
export async function mockServer() {
  const api = spawn(join(root, "target/release/mock-server"), ["--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve, reject) => {
    let seen = "";
    api.stdout.on("data", (chunk) => {
      seen += chunk;
      const found = /listening on (\S+)/.exec(seen);
      if (found) resolve(found[1]);
    });
    api.on("exit", (code) => reject(new Error(`mock-server exited with ${code}`)));
  });
  api.stdout.resume();
  return { url, stop: () => api.kill() };
}

/** Page CPU (Chromium's TaskDuration) in ms spent while `work` runs in `tab`, and what
 *  `work` resolved to. */
export async function cpu(tab, work) {
  const cdp = await tab.context().newCDPSession(tab);
  await cdp.send("Performance.enable");
  const task = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration").value;
  const before = await task();
  const out = await work();
  const spent = ((await task()) - before) * 1000;
  await cdp.detach();
  return { out, spent };
}

/** The median of `xs`. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Headless Chromium (Debian's). */
export function launch() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--enable-precise-memory-info", "--js-flags=--expose-gc"],
  });
}

/** A new page of `context` at bench/`page`, once its script is ready. */
export async function open(context, site, page = "page.html") {
  const tab = await context.newPage();
  tab.on("pageerror", (err) => console.error(`page error (${page}): ${err.message}`));
  await tab.goto(`${site}/bench/${page}`);
  await tab.waitForFunction(() => document.body?.dataset.ready === "true");
  return tab;
}
