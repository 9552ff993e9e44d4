// The packed package where a front-end's code runs besides the browser: the server side of
// SSR frameworks, server bundles, workers and other runtimes. Each is a real build and a
// real run, from the tarball installed into a scratch project (target/frameworks, a copy of
// this folder). The frameworks themselves are installed there once from this folder's lock
// and reused while the lock is unchanged. Needs scripts/build first; scripts/test runs it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { freePort, installPackage, launchChromium, repo, run, runPlaywright, start, startMockServer, stop, toolEnv } from "../support/npm.mjs";

const source = join(repo, "tests/frameworks");
const work = join(repo, "target/frameworks");
const bin = (name) => join(work, "node_modules/.bin", name);
const env = { ...toolEnv, NEXT_TELEMETRY_DISABLED: "1", WRANGLER_SEND_METRICS: "false", DO_NOT_TRACK: "1" };
/** Each test's limit: a build or a server that hangs fails its test, not the whole run. */
const LIMIT = 240_000;

let api; // `npx session-client-mock`, for the calls over HTTP
let browser;

before(async () => {
  mkdirSync(work, { recursive: true });
  // This folder's files anew (the builds' outputs with them); node_modules kept.
  for (const name of readdirSync(work)) if (name !== "node_modules") rmSync(join(work, name), { recursive: true, force: true });
  for (const name of readdirSync(source)) if (name !== "frameworks.test.mjs") cpSync(join(source, name), join(work, name), { recursive: true });
  const lock = readFileSync(join(source, "package-lock.json"), "utf8");
  const installed = join(work, "node_modules/.installed-lock.json");
  if (!existsSync(installed) || readFileSync(installed, "utf8") !== lock) {
    run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: work, env });
    writeFileSync(installed, lock);
  }
  installPackage(work, work);
  api = await startMockServer(work, ["--seed", "4"]);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (api) await stop(api);
});

/** GETs `url`; resolves to its body as JSON, failing on a status other than 200. */
async function json(url) {
  const answer = await fetch(url);
  const text = await answer.text();
  assert.equal(answer.status, 200, `${url}: ${text}`);
  return JSON.parse(text);
}

/** Runs the Playwright project in playwright/ with `vars` in its environment. */
const playwright = (vars) => runPlaywright(join(work, "playwright/playwright.config.mjs"), { cwd: work, env: { ...env, ...vars }, timeoutMs: 180_000 });

/** Whether the HTTP mock holds the session `id` (made over HTTP, not by some mock). */
async function onServer(id) {
  return (await fetch(`${api.url}/sessions/${id}`)).status === 200;
}

for (const bundler of ["Turbopack", "webpack"]) {
  test(`Next.js 16 (${bundler}, no next.config): server component, route handlers on the mock and over HTTP, proxy, a client component in Chromium, and (Turbopack) two Playwright tests at once in namespaces of their own`, { timeout: LIMIT }, async () => {
    const dir = join(work, "next");
    run(bin("next"), ["build", ...(bundler === "webpack" ? ["--webpack"] : [])], { cwd: dir, env });
    const port = await freePort();
    const server = await start(bin("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: dir,
      env: { ...env, SESSION_API_URL: api.url },
      ready: /Ready in/,
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      const html = await (await fetch(`${base}/`)).text();
      assert.match(html, /server component: ENABLED then SUSPENDED/);
      assert.deepEqual(await json(`${base}/api/mock`), { state: "ENABLED", error: "NOT_FOUND" });
      const http = await json(`${base}/api/http`);
      assert.deepEqual({ ...http, id: undefined }, { id: undefined, state: "ENABLED", error: "NOT_FOUND" });
      assert.ok(await onServer(http.id), "the route handler's session is on the HTTP server");
      assert.deepEqual(await json(`${base}/gate?session=x`), { proxy: "NOT_FOUND" });
      if (bundler === "Turbopack") {
        // session-client/playwright's sessionMockServer: two tests at once, each with its own
        // sessions in the server component (the namespace cookie passed on to the server).
        const { status, output } = await playwright({ APP_URL: base, MOCK_URL: api.url });
        assert.equal(status, 0, output);
        assert.match(output, /2 passed/, output);
      }
      const page = await browser.newPage();
      const problems = [];
      page.on("pageerror", (err) => problems.push(err.message));
      try {
        await page.goto(`${base}/client`);
        await page.waitForFunction(() => document.querySelector("#client")?.textContent !== "loading", null, { timeout: 20_000 });
        assert.equal(await page.textContent("#client"), "client component: mock ENABLED");
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    } finally {
      await stop(server);
    }
  });
}

test("SvelteKit with adapter-node, the package in devDependencies (bundled into the server build): build, start, the page", { timeout: LIMIT }, async () => {
  const dir = join(work, "sveltekit");
  run(bin("vite"), ["build"], { cwd: dir, env });
  const server = readdirSync(join(dir, "build/server"), { recursive: true }).filter((f) => f.endsWith(".js"));
  const code = server.map((f) => readFileSync(join(dir, "build/server", f), "utf8")).join("\n");
  assert.ok(!/from\s*["']session-client/.test(code), "the package is bundled, not imported from node_modules");
  assert.ok(code.includes("enableSessionForEquisoftConnect"), "the client's glue is in the server build");
  const port = await freePort();
  const node = await start(process.execPath, ["build"], { cwd: dir, env: { ...env, PORT: String(port), HOST: "127.0.0.1" }, ready: /Listening on/ });
  try {
    const html = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    assert.match(html, /sveltekit: ENABLED then SUSPENDED/);
  } finally {
    await stop(node);
  }
});

test("Node bundles run from another folder: esbuild --platform=node, Rollup with the node condition, and Rollup's defaults (the default entry reads its wasm from a file: URL, or says which entry to use)", { timeout: LIMIT }, () => {
  const dir = join(work, "script");
  const elsewhere = mkdtempSync(join(tmpdir(), "session-client-bundle-"));
  try {
    const expected = /^both modules: ENABLED then SUSPENDED, NOT_FOUND, http skipped$/m;
    const noApi = { ...env, SESSION_API_URL: "" };
    run(bin("esbuild"), ["main.js", "--bundle", "--platform=node", "--format=esm", `--outfile=${join(elsewhere, "esbuild.mjs")}`, "--log-level=warning"], { cwd: dir, env });
    run(bin("rollup"), ["-c", "--silent"], { cwd: dir, env: { ...env, NODE_CONDITION: "1", OUT: join(elsewhere, "rollup.mjs") } });
    run(bin("rollup"), ["-c", "--silent"], { cwd: dir, env: { ...env, OUT: join(elsewhere, "rollup-default.mjs") } });
    for (const bundle of ["esbuild.mjs", "rollup.mjs"]) {
      assert.match(run(process.execPath, [bundle], { cwd: elsewhere, env: noApi }), expected, bundle);
    }
    // The default entry, with no wasm beside the bundle: an error naming the entries to use.
    assert.throws(
      () => run(process.execPath, ["rollup-default.mjs"], { cwd: elsewhere, env: noApi }),
      (err) => /session-client: no wasm \(ENOENT.*client\/session_client_bg\.wasm'\)\. On a server, resolve "node" \(or import "session-client\/node"\)/.test(err.stderr),
    );
    // With the wasm beside it, as a browser build would have it: read from disk, not fetched.
    for (const dir of ["client", "mock"]) cpSync(join(work, "node_modules/session-client", dir), join(elsewhere, dir), { recursive: true });
    assert.match(run(process.execPath, ["rollup-default.mjs"], { cwd: elsewhere, env: noApi }), expected);
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});

test("a Cloudflare worker built by wrangler (deploy --dry-run) runs in workerd (miniflare): the mock, and the client over HTTP; bundled without the worker condition, it says which entry to use", { timeout: LIMIT }, async () => {
  const dir = join(work, "worker");
  run(bin("wrangler"), ["deploy", "--dry-run", "--outdir", "dist"], { cwd: dir, env });
  const { Miniflare } = await import(pathToFileURL(createRequire(join(work, "package.json")).resolve("miniflare")));
  const compatibilityDate = readFileSync(join(dir, "wrangler.toml"), "utf8").match(/^compatibility_date = "(.*)"$/m)[1];
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(dir, "dist/index.js"),
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate,
  });
  try {
    const mock = await (await mf.dispatchFetch("http://worker.test/")).json();
    assert.deepEqual(mock, { mode: "mock", states: ["ENABLED", "SUSPENDED"], error: "NOT_FOUND" });
    const http = await (await mf.dispatchFetch(`http://worker.test/?api=${encodeURIComponent(api.url)}`)).json();
    assert.deepEqual(http, { mode: "http", states: ["ENABLED", "ENABLED"], error: "NOT_FOUND" });
  } finally {
    await mf.dispose();
  }
  // The default (browser) entry, as a bundler that knows no worker condition picks it.
  run(bin("esbuild"), ["src/index.js", "--bundle", "--format=esm", "--platform=neutral", "--main-fields=module,main", "--outfile=wrong/index.js", "--log-level=warning"], { cwd: dir, env });
  const output = [];
  const wrong = new Miniflare({
    modules: true,
    scriptPath: join(dir, "wrong/index.js"),
    compatibilityDate,
    handleRuntimeStdio(stdout, stderr) {
      for (const stream of [stdout, stderr]) stream.on("data", (chunk) => output.push(String(chunk)));
    },
  });
  await assert.rejects(wrong.dispatchFetch("http://worker.test/"), /failed to start/);
  await wrong.dispose().catch(() => {}); // it never started
  assert.match(output.join(""), /Uncaught Error: session-client: no wasm \(Invalid URL string\.\)\. .*in a worker, "workerd" or "worker" \(or "session-client\/worker"\)/);
});

test("Bun and Deno run a script that uses both modules, and the client over HTTP", { timeout: LIMIT }, () => {
  const expected = /^both modules: ENABLED then SUSPENDED, NOT_FOUND, http ENABLED$/m;
  const runtimeEnv = { ...env, SESSION_API_URL: api.url };
  // Each must also exit by itself once done: nothing of the package keeps it alive.
  const options = { cwd: work, env: runtimeEnv, timeout: 60_000 };
  assert.match(run(bin("bun"), ["script/main.js"], options), expected, "bun");
  assert.match(run(bin("deno"), ["run", "--no-lock", "--allow-read", "--allow-env", "--allow-net", "script/main.js"], options), expected, "deno");
});
