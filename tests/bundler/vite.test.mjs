// The package in a Vite production build with no plugin, run in Chromium: the bundler
// finds the .wasm through `new URL(..., import.meta.url)` and the page makes a mock call.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile, readdir } from "node:fs/promises";
import { extname, join } from "node:path";
import { build } from "vite";
import { chromium } from "playwright-core";

const here = new URL(".", import.meta.url).pathname;
const pkg = new URL("../../pkg/", import.meta.url).pathname;

test("a Vite build without plugins loads the package and calls the mock", async () => {
  const outDir = join(here, "dist");
  await build({
    root: join(here, "app"),
    logLevel: "warn",
    resolve: { alias: { "session-client": join(pkg, "index.js") } },
    build: { outDir, emptyOutDir: true, target: "es2022" },
  });
  const assets = await readdir(join(outDir, "assets"));
  assert.ok(assets.some((f) => f.endsWith(".wasm")), `the .wasm is emitted as an asset: ${assets}`);

  const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
  const server = createServer(async (req, res) => {
    const path = join(outDir, req.url === "/" ? "index.html" : req.url);
    try {
      const body = await readFile(path);
      res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => document.title !== "loading", null, { timeout: 10_000 });
    assert.equal(await page.title(), "session ENABLED");
  } finally {
    await browser.close();
    server.close();
  }
});
