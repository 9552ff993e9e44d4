// The package as users install it: `npm pack`, the tarball installed into a scratch
// project (target/package-tests/app, a copy of tests/package/app), and used from there by
// every tool its users have. Needs scripts/build first; scripts/test runs it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { axeFindings } from "../support/axe.mjs";
import { installPackage, launchChromium, repo, runPlaywright, run as runIn, startMockServer, stop, toolEnv } from "../support/npm.mjs";

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
  assert.ok(!js.includes("session-mock-panel"), "the mock panel is not bundled");
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

test("under a strict Content-Security-Policy, the client (Vite build) and the mock and its panel (esbuild development bundle) work", async () => {
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
    // The mock panel is there too, styled, with no violation (titleOf fails on any).
    const page = await browser.newPage();
    try {
      await page.goto(`${dev.url}/`);
      const panel = page.locator("session-mock-panel .panel");
      await panel.waitFor();
      assert.equal(await panel.evaluate((p) => getComputedStyle(p).backgroundColor), "rgb(255, 255, 255)");
    } finally {
      await page.close();
    }
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

/** Opens `url`, resolves to the page's title and the requests for the client's wasm. */
async function wasmRequests(url) {
  const page = await browser.newPage();
  const seen = [];
  page.on("request", (request) => request.url().includes("session_client_bg") && seen.push(request.url()));
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.title !== "loading", null, { timeout: 20_000 }).catch(() => {});
    return { title: await page.title(), seen };
  } finally {
    await page.close();
  }
}

test("session-client/vite preloads the client's wasm with the page, built and in the dev server: one request, which the entry reuses", async () => {
  const { build, createServer: createViteServer } = await import("vite");
  const { sessionClient } = await import(join(app, "node_modules/session-client/vite.js"));
  delete process.env.NODE_ENV;
  const outDir = join(app, "dist-preload");
  await build({ root: app, logLevel: "warn", plugins: [sessionClient()], build: { outDir, emptyOutDir: true } });
  const html = readFileSync(join(outDir, "index.html"), "utf8");
  const link = /<link rel="preload" href="(\/assets\/session_client_bg-[^"]+\.wasm)" as="fetch" type="application\/wasm" crossorigin[^>]*>/.exec(html);
  assert.ok(link, html);
  assert.ok(html.indexOf(link[0]) < html.indexOf("<script"), "the preload comes before the entry");
  const site = await serve(outDir);
  try {
    const { title, seen } = await wasmRequests(`${site.url}/?api=${encodeURIComponent(api.url)}`);
    assert.equal(title, "http ENABLED");
    assert.deepEqual(seen, [`${site.url}${link[1]}`], "one request for the wasm: the preload, reused");
  } finally {
    site.close();
  }
  // Without the plugin, the same build has no preload (the entry fetches the wasm itself).
  assert.ok(!readFileSync(join(app, "dist-vite", "index.html"), "utf8").includes('rel="preload"'));

  delete process.env.NODE_ENV; // the build set it
  const server = await createViteServer({ root: app, logLevel: "warn", plugins: [sessionClient()], server: { host: "127.0.0.1", port: 0 } });
  await server.listen();
  try {
    const url = server.resolvedUrls.local[0];
    const page = await (await fetch(url)).text();
    assert.match(page, /<link rel="preload" href="\/node_modules\/session-client\/client\/session_client_bg\.wasm" as="fetch"/);
    const { title, seen } = await wasmRequests(url);
    assert.equal(title, "mock ENABLED");
    assert.equal(seen.length, 1, `one request for the client's wasm in the dev server: ${seen}`);
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
  assert.match(output, /recipes\/vitest-node\.test\.js/);
  assert.match(output, /Tests\s+6 passed/);
});

test("the Vitest browser mode recipe runs in Chromium", () => {
  const output = run(process.execPath, [join(repo, "node_modules/vitest/vitest.mjs"), "run", "--root", app, "-c", "vitest.browser.config.js", "--reporter=verbose"], {
    env: { ...toolEnv, CI: "true" },
  });
  assert.match(output, /chromium/);
  assert.match(output, /Tests\s+1 passed/);
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

test("TypeScript, oldest promised (5.0) and newest, bundler and node16 resolution, checks a consumer of both modules, and the newest one of session-client/playwright (--strict, no skipLibCheck)", () => {
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
  // session-client/playwright, with Playwright's own types (they need Node's and a newer
  // TypeScript than 5.0): the newest only.
  try {
    run(process.execPath, [join(repo, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.playwright.json"]);
  } catch (err) {
    assert.fail(`session-client/playwright: ${err.stdout}${err.stderr}`);
  }
});

// ---- the mock panel (session-client/mock/panel) ----------------------------------------

/** Resolves once `check()` holds, polling; fails naming `what` after `ms`. */
async function eventually(what, check, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    let last;
    try {
      if (await check()) return;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) assert.fail(`${what}: not within ${ms} ms${last ? ` (${last.message})` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The Vite dev server on the scratch app, as a developer runs it. */
async function viteDev() {
  const { createServer: createViteServer } = await import("vite");
  delete process.env.NODE_ENV; // as in the dev-server test above
  const server = await createViteServer({ root: app, logLevel: "warn", server: { host: "127.0.0.1", port: 0 } });
  await server.listen();
  return { url: server.resolvedUrls.local[0].replace(/\/$/, ""), close: () => server.close() };
}

test("the mock panel in the Vite dev server: it appears, each control changes what the app sees, it works from the keyboard, remembers its place, and axe-core finds nothing serious", async () => {
  const dev = await viteDev();
  const context = await browser.newContext({ viewport: { width: 1200, height: 1000 }, acceptDownloads: true, timezoneId: "UTC" });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (err) => problems.push(err.message));
  try {
    await page.goto(dev.url);
    await page.waitForFunction(() => document.title !== "loading", null, { timeout: 20_000 });
    assert.equal(await page.title(), "mock ENABLED");
    const panel = page.locator("session-mock-panel");
    const toggle = panel.getByRole("button", { name: "Session mock" });
    assert.equal(await toggle.getAttribute("aria-expanded"), "false", "it starts closed, out of the way");
    await toggle.click();
    const sessions = panel.getByRole("region", { name: "Sessions" });
    const requests = panel.getByRole("region", { name: "Requests" });
    const out = page.locator("#out");
    /** What the app sees: it reads its session again. */
    const check = async () => {
      await page.getByRole("button", { name: "Check session" }).click();
      await page.waitForFunction(() => document.getElementById("out").textContent !== "checking");
      return out.textContent();
    };

    // What the app did shows: its session, and its calls newest first.
    await eventually("the app's session is listed", async () => (await sessions.locator("tbody tr").count()) === 1);
    assert.equal(await sessions.locator("tbody tr td").nth(1).textContent(), "ENABLED");
    await eventually("the journal shows the app's calls", async () => (await requests.locator("tbody tr").count()) === 2);
    assert.match(await requests.locator("tbody tr").first().textContent(), /GET \/sessions\/no-such-session404/);
    assert.equal(await check(), "ENABLED");
    await eventually("the journal shows it at once", async () => /GET \/sessions\/[0-9a-f-]{36}200/.test(await requests.locator("tbody tr").first().textContent()));
    await panel.getByLabel("Filter").fill("no-such");
    assert.equal(await requests.locator("tbody tr").count(), 1, "the filter keeps the matching calls");
    await panel.getByLabel("Filter").fill("");
    // Bodies are redacted until revealed (shown as the row's title).
    const created = requests.locator("tbody tr", { hasText: "createSession" });
    assert.match(await created.getAttribute("title"), /^\[redacted\]/);
    await panel.getByLabel("Reveal secrets").check();
    await eventually("the body is revealed", async () => /"userUuid"/.test(await created.getAttribute("title")));
    await panel.getByLabel("Reveal secrets").uncheck();

    // Faults: the next call only, with the status asked for; a network failure; latency.
    await panel.getByLabel("Status").fill("503");
    await panel.getByRole("button", { name: "Fail next call" }).click();
    assert.match(await check(), / 503$/);
    assert.equal(await check(), "ENABLED");
    await panel.getByLabel("Network failure").check();
    await panel.getByRole("button", { name: "Fail next call" }).click();
    assert.equal(await check(), "NETWORK 0");
    await panel.getByLabel("Network failure").uncheck();
    await panel.getByLabel("Latency (ms)").fill("400");
    await panel.getByRole("button", { name: "Set latency" }).click();
    let started = Date.now();
    assert.equal(await check(), "ENABLED");
    assert.ok(Date.now() - started >= 400, "the answer waited for the latency");
    await panel.getByLabel("Latency (ms)").fill("0");
    await panel.getByRole("button", { name: "Set latency" }).click();
    // A failure rate of 1 fails every call until the faults are cleared.
    await panel.getByLabel("Status").fill("502");
    await panel.getByLabel("Failure rate").fill("1");
    await panel.getByRole("button", { name: "Set failure rate" }).click();
    assert.match(await check(), / 502$/);
    assert.match(await check(), / 502$/);
    await panel.getByRole("button", { name: "Clear faults" }).click();
    assert.equal(await check(), "ENABLED");

    // Dump to a file, delete the session, restore the file: the session is back.
    const [download] = await Promise.all([page.waitForEvent("download"), panel.getByRole("button", { name: "Download dump" }).click()]);
    const dumpFile = join(work, "panel-dump.json");
    await download.saveAs(dumpFile);
    assert.equal(JSON.parse(readFileSync(dumpFile, "utf8")).sessions.length, 1);
    await sessions.getByRole("button", { name: /^Delete session / }).click();
    assert.equal(await check(), "NOT_FOUND 404");
    await eventually("the deleted session is gone", async () => (await sessions.locator("tbody tr").count()) === 0);
    await panel.locator('input[type="file"]').setInputFiles(dumpFile);
    await eventually("the restored session is listed", async () => (await sessions.locator("tbody tr").count()) === 1);
    assert.equal(await check(), "ENABLED");
    // docs/mock.md's screenshot, docs/mock-panel.png, taken anew with UPDATE_DOCS=1 (as
    // tests/e2e does the console's): the panel as a developer first sees it.
    if (process.env.UPDATE_DOCS === "1") {
      await panel.locator(".body").evaluate((body) => (body.scrollTop = 0));
      await panel.locator(".panel").screenshot({ path: join(repo, "docs/mock-panel.png") });
    }

    // The clock: 5 minutes changes nothing, an hour idle suspends, a day expires.
    const clock = async () => panel.locator(".now").textContent();
    const before = await clock();
    await panel.getByRole("button", { name: "Advance 5 minutes" }).click();
    await eventually("the clock moved 5 minutes", async () => (await clock()) !== before);
    assert.equal(Date.parse(`${(await clock()).slice(10, 29).replace(" ", "T")}Z`) - Date.parse(`${before.slice(10, 29).replace(" ", "T")}Z`), 300_000);
    assert.equal(await check(), "ENABLED");
    await panel.getByRole("button", { name: "Advance 1 hour" }).click();
    assert.equal(await check(), "SUSPENDED");
    // Set a time (the page's time zone is UTC here): the clock shows it.
    const later = new Date(Date.parse(`${(await clock()).slice(10, 29).replace(" ", "T")}Z`) + 2 * 60_000);
    await panel.getByLabel("Time", { exact: true }).fill(later.toISOString().slice(0, 19));
    await panel.getByRole("button", { name: "Set time" }).click();
    await eventually("the clock is at the time set", async () => (await clock()) === `Mock time ${later.toISOString().slice(0, 19).replace("T", " ")} UTC`);
    await panel.getByRole("button", { name: "Advance 1 day" }).click();
    assert.equal(await check(), "EXPIRED");
    await eventually("the session shows as expired", async () => (await sessions.locator("tbody tr td").nth(1).textContent()) === "EXPIRED");
    assert.equal(await sessions.locator("tbody tr td").nth(5).textContent(), "—", "no time left before it expires");

    // Users: disable one, require an agreement, add one; reset brings the scenario back.
    const users = panel.getByRole("region", { name: "Users" });
    const firstUser = users.locator("tbody tr").first();
    const name = await firstUser.locator("td").first().textContent();
    await users.getByRole("button", { name: `Disable ${name}` }).click();
    await eventually("the user is disabled", async () => (await firstUser.locator("td").nth(1).textContent()) === "DISABLED");
    await users.getByRole("button", { name: `Require agreement of ${name}` }).click();
    await eventually("the agreement is requested", async () => (await firstUser.locator("td").nth(2).textContent()) === "REQUESTED");
    const count = await users.locator("tbody tr").count();
    await users.getByLabel("Name").fill("Panel Person");
    await users.getByRole("button", { name: "Add user" }).click();
    await eventually("the user is added", async () => (await users.locator("tbody tr").count()) === count + 1);
    await panel.getByRole("button", { name: "Reset mock" }).click();
    await eventually("reset: the scenario's users again", async () => (await users.locator("tbody tr").count()) === count && (await firstUser.locator("td").nth(1).textContent()) === "ENABLED");

    // A refused control says why and leaves the panel working.
    await panel.getByLabel("Status").fill("42");
    await panel.getByRole("button", { name: "Fail next call" }).click();
    assert.match(await panel.getByRole("status").textContent(), /^Fail next call failed: .+/);
    assert.equal(await check(), "NOT_FOUND 404", "no fault was set");

    // axe-core on the open panel.
    assert.deepEqual(await axeFindings(page, "session-mock-panel"), []);

    // The keyboard: Escape closes it and gives the focus back to its button; Enter opens it.
    await panel.getByRole("button", { name: "Advance 5 minutes" }).focus();
    await page.keyboard.press("Escape");
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    assert.ok(await toggle.evaluate((b) => b.getRootNode().activeElement === b), "the focus is on the panel's button");
    await page.keyboard.press("Enter");
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");

    // Docked elsewhere, it stays there, open, after a reload; the page's styles do not reach it.
    const corner = () => panel.getAttribute("data-corner");
    assert.equal(await corner(), "bottom-right");
    await panel.getByRole("button", { name: "Move to the next corner" }).click();
    assert.equal(await corner(), "bottom-left");
    await page.addStyleTag({ content: "button { color: rgb(255, 0, 0) !important; font-size: 40px !important; } * { display: inline !important; }" });
    assert.notEqual(await toggle.evaluate((b) => getComputedStyle(b).color), "rgb(255, 0, 0)");
    await page.reload();
    await page.waitForFunction(() => document.title !== "loading", null, { timeout: 20_000 });
    assert.equal(await corner(), "bottom-left");
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    const box = await panel.locator(".panel").boundingBox();
    assert.ok(box.x < 100 && box.y + box.height > 900, `docked bottom left: ${JSON.stringify(box)}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await dev.close();
  }
});

test("the mock panel steers a mock server over HTTP (npx session-client-mock) the same way", async () => {
  const server = await startSessionApiMock(["--clock", "virtual", "--seed", "9"]);
  const dev = await viteDev();
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (err) => problems.push(err.message));
  try {
    const created = await fetch(`${server.url}/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ userUuid: "00000000-0000-4000-8000-000000000002" }),
    });
    const { sessionId } = await created.json();
    await page.goto(`${dev.url}/panel-http.html?api=${encodeURIComponent(server.url)}`);
    await page.waitForFunction(() => document.title === "panel ready", null, { timeout: 20_000 });
    const panel = page.locator("session-mock-panel");
    const sessions = panel.getByRole("region", { name: "Sessions" });
    await eventually("the server's session is listed", async () => (await sessions.locator("tbody tr code").getAttribute("title")) === sessionId);
    const requests = panel.getByRole("region", { name: "Requests" });
    await eventually("the server's journal is shown", async () => /POST \/sessions201/.test(await requests.locator("tbody tr").last().textContent()));

    await panel.getByLabel("Status").fill("503");
    await panel.getByRole("button", { name: "Fail next call" }).click();
    await eventually("the fault is set", async () => /^Fail next call: done$/.test(await panel.getByRole("status").textContent()));
    assert.equal((await fetch(`${server.url}/sessions/${sessionId}`)).status, 503);
    assert.equal((await fetch(`${server.url}/sessions/${sessionId}`)).status, 200);

    const before = Date.parse((await (await fetch(`${server.url}/__mock/clock`)).json()).now);
    await panel.getByRole("button", { name: "Advance 1 day" }).click();
    await eventually("the server's clock moved a day", async () => Date.parse((await (await fetch(`${server.url}/__mock/clock`)).json()).now) - before === 86_400_000);
    assert.equal((await (await fetch(`${server.url}/sessions/${sessionId}`)).json()).state, "EXPIRED");
    await eventually("the session shows as expired", async () => (await sessions.locator("tbody tr td").nth(1).textContent()) === "EXPIRED");

    await sessions.getByRole("button", { name: `Delete session ${sessionId}` }).click();
    await eventually("the session is deleted", async () => /^Delete session: done$/.test(await panel.getByRole("status").textContent()));
    assert.equal((await fetch(`${server.url}/sessions/${sessionId}`)).status, 404);
    await eventually("the deleted session is gone", async () => (await sessions.locator("tbody tr").count()) === 0);
    await panel.getByRole("button", { name: "Reset mock" }).click();
    await eventually("the reset emptied the journal", async () => (await (await fetch(`${server.url}/__mock/requests`)).json()).length === 0);
    assert.deepEqual(problems, []);
    // The open panel reads the server in one request a poll, not four (its log stays readable).
    assert.ok(server.lines.some((l) => l.startsWith("GET /__mock/overview 200")), server.lines.join("\n"));
    assert.ok(!server.lines.some((l) => /^GET \/__mock\/(users|sessions) /.test(l)), server.lines.join("\n"));
  } finally {
    await page.close();
    await dev.close();
    await stop(server);
  }
});

// ---- session-client/playwright ------------------------------------------------------------

/** Runs the Playwright project (tests/package/playwright, copied into the scratch project)
 *  against the app at `appUrl`, the specs of folder `specs`. */
const playwright = (appUrl, specs) =>
  runPlaywright(join(app, "playwright/playwright.config.mjs"), { cwd: app, env: { ...toolEnv, APP_URL: appUrl, SPECS: specs } });

test("session-client/playwright: the sample app's production build tested with the test's own mock and with namespaces on a server, three workers at once", async () => {
  cpSync(join(repo, "tests/package/playwright"), join(app, "playwright"), { recursive: true });
  const { build } = await import("vite");
  const outDir = join(app, "dist-playwright");
  // The dev-server tests above left NODE_ENV=development in this process; a fresh
  // `vite build` starts without it.
  delete process.env.NODE_ENV;
  await build({ root: app, logLevel: "warn", build: { outDir, emptyOutDir: true } });
  assertClientOnly(outDir);
  const site = await serve(outDir);
  try {
    const started = performance.now();
    const { status, output } = await playwright(site.url, "specs");
    assert.equal(status, 0, output);
    assert.match(output, /9 passed/, output);
    console.log(`the Playwright project: ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const bad = await playwright(site.url, "bad");
    assert.notEqual(bad.status, 0, bad.output);
    assert.match(bad.output, /sessionMockOptions\.baseUrl must be an absolute http\(s\) URL/, bad.output);
    assert.match(bad.output, /sessionMockOptions\.clocks is not an option/, bad.output);
    assert.doesNotMatch(bad.output, /the body ran/, bad.output);
  } finally {
    site.close();
  }
});
