// The package as users install it: `npm pack`, the tarball installed into a scratch
// project (target/package-tests/app, a copy of tests/package/app), and used from there by
// every tool its users have. Needs scripts/build first; scripts/test runs it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { installPackage, launchChromium, repo, run as runIn, startMockServer, stop, toolEnv } from "../support/npm.mjs";

const work = join(repo, "target/package-tests");
const app = join(work, "app");
const bin = (name) => join(repo, "node_modules/.bin", name);
const clientWasm = readFileSync(join(repo, "pkg/client/session_client_bg.wasm"));
const mockWasm = readFileSync(join(repo, "pkg/mock/session_client_mock_bg.wasm"));

let browser;
let api; // `npx session-client-mock --port 0`, started from the scratch project

const run = (command, args, options = {}) => runIn(command, args, { cwd: app, ...options });
const startSessionApiMock = (args) => startMockServer(app, args);

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

/** The policy of the CSP test: no inline script, no eval, wasm compiled from the page's origin. */
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

/** Serves `dir` on a free port; resolves to its URL and a close function. With `csp`, every
 *  answer carries the CSP header and `/api/...` is passed to the HTTP mock (same origin). */
async function serve(dir, { csp = false } = {}) {
  const server = createServer(async (req, res) => {
    if (csp && req.url.startsWith("/api/")) {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const body = chunks.length ? Buffer.concat(chunks).toString("utf8") : undefined;
      const answer = await fetch(`${api.url}${req.url.slice(4)}`, { method: req.method, headers: { "content-type": req.headers["content-type"] ?? "text/plain" }, body });
      res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "text/plain" });
      res.end(await answer.text());
      return;
    }
    const path = join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname));
    const file = existsSync(path) && statSync(path).isDirectory() ? join(path, "index.html") : path;
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream" };
    if (csp) headers["content-security-policy"] = CSP;
    res.writeHead(200, headers);
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** Opens `url` in Chromium and resolves to the page's title once the app has run. A page
 *  error or a CSP violation fails the test. */
async function titleOf(url) {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (err) => problems.push(err.message));
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.title !== "loading", null, { timeout: 20_000 }).catch(() => {});
    const title = await page.title();
    assert.equal(problems.length, 0, `page errors: ${problems.join("; ")}`);
    return title;
  } finally {
    await page.close();
  }
}

/** Serves a production build of the app and asserts it answers from the HTTP mock. */
async function assertWorksOverHttp(dir) {
  const site = await serve(dir);
  try {
    assert.equal(await titleOf(`${site.url}/?api=${encodeURIComponent(api.url)}`), "http ENABLED");
  } finally {
    site.close();
  }
}

/** Asserts a production build holds the client's wasm and nothing of the mock. */
function assertClientOnly(dir) {
  const files = readdirSync(dir, { recursive: true })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
  const bytes = files.map((f) => readFileSync(f));
  assert.ok(bytes.some((b) => b.equals(clientWasm)), `the client's wasm is in ${dir}: ${files}`);
  assert.ok(!bytes.some((b) => b.equals(mockWasm)), `the mock's wasm is not in ${dir}`);
  const js = files.filter((f) => f.endsWith(".js")).map((f) => readFileSync(f, "utf8")).join("\n");
  // Method names only the glue of each module holds (the app calls neither).
  assert.ok(js.includes("enableSessionForEquisoftConnect"), "the client's glue is bundled");
  assert.ok(!js.includes("loadScenario"), "the mock's glue is not bundled");
}

before(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  cpSync(join(repo, "tests/package/app"), app, { recursive: true });
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "scratch-app", private: true, type: "module" }));
  installPackage(work, app);
  browser = await launchChromium();
  api = await startSessionApiMock(["--clock", "virtual", "--seed", "4"]);
});

after(async () => {
  await browser?.close();
  if (api) await stop(api);
});

test("npx session-client-mock serves the API and its controls over HTTP, and stops on SIGTERM", async () => {
  const server = await startSessionApiMock(["--clock", "virtual", "--seed", "4"]);
  const created = await fetch(`${server.url}/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ userUuid: "00000000-0000-4000-8000-000000000002" }),
  });
  assert.equal(created.status, 201);
  const { sessionId, suspend } = await created.json();
  const moved = await fetch(`${server.url}/__mock/clock`, { method: "POST", body: JSON.stringify({ advanceMs: 31 * 60_000 }) });
  assert.equal(moved.status, 200);
  const read = await (await fetch(`${server.url}/sessions/${sessionId}`)).json();
  assert.equal(read.state, "SUSPENDED", `suspend was ${suspend}`);
  const users = await (await fetch(`${server.url}/__mock/users`)).json();
  assert.equal(users.length, 6);
  const journal = await (await fetch(`${server.url}/__mock/requests`)).json();
  assert.deepEqual(journal.map((e) => e.operation), ["createSession", "getSession"]);
  await stop(server);
  assert.ok(server.lines.some((l) => /^POST \/sessions 201 \d+\.\dms$/.test(l)), server.lines.join("\n"));
  assert.equal(server.lines.at(-1), "stopped");
  await assert.rejects(fetch(`${server.url}/__mock/users`), "nothing listens any more");
});

test("a Vite production build ships the client without the mock and works in Chromium", async () => {
  const { build } = await import("vite");
  const outDir = join(app, "dist-vite");
  await build({ root: app, logLevel: "warn", build: { outDir, emptyOutDir: true } });
  assertClientOnly(outDir);
  await assertWorksOverHttp(outDir);
});

test("a webpack 5 production build ships the client without the mock and works in Chromium", async () => {
  const { default: webpack } = await import("webpack");
  const { default: config } = await import(join(app, "webpack.config.js"));
  const stats = await new Promise((resolve, reject) => webpack(config, (err, s) => (err ? reject(err) : resolve(s))));
  assert.ok(!stats.hasErrors(), stats.toString("errors-only"));
  const outDir = config.output.path;
  assertClientOnly(outDir);
  writeFileSync(join(outDir, "index.html"), `<!doctype html><title>loading</title><script src="main.js"></script>`);
  await assertWorksOverHttp(outDir);
});

test("an esbuild bundle made the README's way works in Chromium", async () => {
  const outDir = join(app, "dist-esbuild");
  rmSync(outDir, { recursive: true, force: true });
  run(bin("esbuild"), ["src/webpack-main.js", "--bundle", "--format=esm", "--splitting", `--outdir=${outDir}`, "--define:process.env.NODE_ENV=\"production\"", "--log-level=warning"]);
  mkdirSync(join(outDir, "client"), { recursive: true });
  cpSync(join(app, "node_modules/session-client/client/session_client_bg.wasm"), join(outDir, "client/session_client_bg.wasm"));
  assertClientOnly(outDir);
  writeFileSync(join(outDir, "index.html"), `<!doctype html><title>loading</title><script type="module" src="webpack-main.js"></script>`);
  await assertWorksOverHttp(outDir);
});

test("under a strict Content-Security-Policy, the client (Vite build) and the mock (esbuild development bundle) work", async () => {
  const site = await serve(join(app, "dist-vite"), { csp: true });
  try {
    assert.equal(await titleOf(`${site.url}/`), "http ENABLED");
  } finally {
    site.close();
  }
  const outDir = join(app, "dist-csp");
  rmSync(outDir, { recursive: true, force: true });
  run(bin("esbuild"), ["src/webpack-main.js", "--bundle", "--format=esm", "--splitting", `--outdir=${outDir}`, "--define:process.env.NODE_ENV=\"development\"", "--log-level=warning"]);
  mkdirSync(join(outDir, "client"), { recursive: true });
  cpSync(join(app, "node_modules/session-client/client/session_client_bg.wasm"), join(outDir, "client/session_client_bg.wasm"));
  mkdirSync(join(outDir, "mock"), { recursive: true });
  cpSync(join(app, "node_modules/session-client/mock/session_client_mock_bg.wasm"), join(outDir, "mock/session_client_mock_bg.wasm"));
  writeFileSync(join(outDir, "index.html"), `<!doctype html><title>loading</title><script type="module" src="webpack-main.js"></script>`);
  const dev = await serve(outDir, { csp: true });
  try {
    assert.equal(await titleOf(`${dev.url}/`), "mock ENABLED");
  } finally {
    dev.close();
  }
});

test("the Vite dev server, with no configuration, runs the app on the mock", async () => {
  const { createServer: createViteServer } = await import("vite");
  // `vite build` above set NODE_ENV=production in this process, which would make the dev
  // server's import.meta.env.DEV false; a developer's `vite` starts without it.
  delete process.env.NODE_ENV;
  const server = await createViteServer({ root: app, logLevel: "warn", server: { host: "127.0.0.1", port: 0 } });
  await server.listen();
  try {
    const url = server.resolvedUrls.local[0];
    assert.equal(await titleOf(url), "mock ENABLED");
  } finally {
    await server.close();
  }
});

test("Vitest (node and jsdom environments) runs a suite on the mock with no setup file", () => {
  const output = run(process.execPath, [join(repo, "node_modules/vitest/vitest.mjs"), "run", "--root", app, "--reporter=verbose"], {
    env: { ...toolEnv, CI: "true" },
  });
  assert.match(output, /node\.test\.js/);
  assert.match(output, /jsdom\.test\.js/);
  assert.match(output, /Tests\s+3 passed/);
});

test("Node's test runner uses both modules with no setup", () => {
  const output = run(process.execPath, ["--test", "node-runner.mjs"]);
  assert.match(output, /# pass 3/);
  assert.match(output, /# fail 0/);
});

test("the mock runs where MessageChannel is missing or throws when touched (an edge sandbox): its turns for the event loop fall back to a timer", () => {
  for (const hide of ["delete globalThis.MessageChannel", `Object.defineProperty(globalThis, "MessageChannel", { get() { throw new Error("not in this runtime") } })`]) {
    const script = `${hide};
      const { SessionApiMock } = await import("session-client/mock");
      const { SessionClient } = await import("session-client");
      const client = new SessionClient({ mock: new SessionApiMock({ seed: 1 }) });
      const { sessionId } = await client.createSession({ userUuid: "00000000-0000-4000-8000-000000000001" });
      for (let i = 0; i < 2500; i++) await client.getSession(sessionId);
      console.log("answered", (await client.getSession(sessionId)).state);`;
    assert.match(run(process.execPath, ["--input-type=module", "-e", script]), /^answered ENABLED$/m, hide);
  }
});

test("the manual entry says what to do when used before its wasm is loaded", () => {
  const script = `import("session-client/manual").then((m) => { try { new m.SessionClient({ baseUrl: "http://x" }); console.log("no error"); } catch (e) { console.log(e.message); } })`;
  const output = run(process.execPath, ["--input-type=module", "-e", script]);
  assert.match(output, /not ready.*init\(\)/);
});

test("TypeScript, oldest promised (5.0) and newest, bundler and node16 resolution, checks a consumer of both modules (--strict, no skipLibCheck)", () => {
  for (const tsc of [join(repo, "node_modules/typescript-oldest/bin/tsc"), join(repo, "node_modules/typescript/bin/tsc")]) {
    const version = run(process.execPath, [tsc, "--version"]).trim();
    for (const resolution of [[], ["--module", "node16", "--moduleResolution", "node16"]]) {
      try {
        run(process.execPath, [tsc, "-p", "tsconfig.json", ...resolution]);
      } catch (err) {
        assert.fail(`${version} ${resolution.join(" ")}: ${err.stdout}${err.stderr}`);
      }
    }
  }
});
