#!/usr/bin/env node
// The browser tests' runner, in place of wasm-bindgen-test-runner: cargo calls it with the
// test wasm (`CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER`, set by scripts/test), and it
//   1. runs `wasm-bindgen --target web` (the CLI at the crate's pinned version) over it,
//   2. serves the result and a test page from node:http on 127.0.0.1 (a port of its own),
//   3. opens the page in headless Chromium with Playwright, where wasm-bindgen-test's own
//      context runs the tests, and prints what it writes as it goes, as `cargo test` does,
//   4. exits 0 only when every test it found passed or was ignored.
// Why not wasm-bindgen-test-runner: its HTTP server (rouille over tiny_http) now and then
// leaves a request unread while its pool's threads sit on idle keep-alive connections, and
// the page never loads (seen here in 3 runs of 8; wasm-pack #783).
//
// Arguments after the wasm, as `cargo test --test browser -- ARGS` passes them: a FILTER
// (tests whose name contains it), `--exact`, `--skip TEXT`, `--ignored`, `--include-ignored`,
// `--list`. BROWSER_TESTS_TIMEOUT_S bounds the whole run (default 300).
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, mkdirSync } from "node:fs";
import { createServer } from "node:http";
import { join, normalize, dirname, basename } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../support/npm.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const [wasm, ...args] = process.argv.slice(2);
if (!wasm?.endsWith(".wasm")) fail(`usage: runner.mjs TEST.wasm [FILTER] [--exact] [--skip TEXT] [--ignored] [--include-ignored] [--list]`);
const options = readArgs(args);

// The tests, from the module's exports: `__wbgt_{modifiers}_{n}::{path}` ($ in the
// modifiers: #[ignore]), as wasm-bindgen-test names them.
const exported = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(wasm)));
const tests = [];
let filtered = 0;
for (const { name: symbol } of exported) {
  if (!symbol.startsWith("__wbgt_") || !symbol.includes("::")) continue;
  const name = symbol.slice(symbol.indexOf("::") + 2);
  const ignored = symbol.slice("__wbgt_".length).split("_")[0].includes("$");
  const matches = (text) => (options.exact ? name === text : name.includes(text));
  const chosen = (options.filter === undefined || matches(options.filter)) && !options.skip.some(matches) && (ignored || !options.ignored);
  if (chosen) tests.push({ name, symbol, ignored });
  else filtered++;
}
if (options.list) {
  for (const { name } of tests) console.log(`${name}: test`);
  process.exit(0);
}

const out = join(root, "target/browser-tests", basename(wasm, ".wasm"));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
execFileSync("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", out, "--out-name", "tests", wasm], { stdio: "inherit" });

const page = `<!doctype html>
<meta charset="utf-8">
<title>session-client browser tests</title>
<pre id="output"></pre>
<script type="module" src="/run.js"></script>
`;
// wasm-bindgen-test writes its report into #output; each console call also lands in the
// running test's output (printed with a failure), as in wasm-bindgen-test-runner's page.
// wasm-bindgen-test calls each test through \`__wbg_test_invoke\`, a global its runner's page defines.
const run = `window.__wbg_test_invoke = (f) => f();
import init, * as bindings from "./tests.js";
const wasm = await init({ module_or_path: "./tests_bg.wasm" });
for (const method of ["debug", "log", "info", "warn", "error"]) {
  const original = console[method].bind(console);
  const record = bindings["__wbgtest_console_" + method];
  console[method] = (...args) => { original(...args); record(args); };
}
const cx = new bindings.WasmBindgenTestContext(false);
cx.include_ignored(${options.includeIgnored || options.ignored});
cx.filtered_count(${filtered});
window.testsPassed = await cx.run(${JSON.stringify(tests.map((t) => t.symbol))}.map((symbol) => wasm[symbol]));
`;

const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
const server = createServer((req, res) => {
  const path = new URL(req.url, "http://localhost").pathname;
  let body;
  if (path === "/favicon.ico") {
    res.writeHead(204).end();
    return;
  }
  if (path === "/") body = page;
  else if (path === "/run.js") body = run;
  else {
    const file = normalize(join(out, decodeURIComponent(path)));
    try {
      if (!file.startsWith(out + "/")) throw new Error("outside");
      body = readFileSync(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
  }
  const type = types[path === "/" ? ".html" : path.slice(path.lastIndexOf("."))] ?? "application/octet-stream";
  res.writeHead(200, { "content-type": type, "cache-control": "no-store" }).end(body);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));

const limit = Number(process.env.BROWSER_TESTS_TIMEOUT_S ?? 300) * 1000;
const browser = await launchChromium();
let status = 1;
try {
  status = await drive(browser, `http://127.0.0.1:${server.address().port}/`);
} catch (err) {
  console.error(`browser tests: ${err.stack ?? err}`);
} finally {
  await browser.close();
  server.close();
  server.closeAllConnections();
}
process.exit(status);

/** Opens the page, prints the report as it grows, and says how the run ended (0: passed). */
async function drive(browser, url) {
  const page = await browser.newPage();
  const problems = [];
  const consoleLines = [];
  page.on("pageerror", (err) => problems.push(`page error: ${err.stack ?? err.message}`));
  page.on("crash", () => problems.push("the page crashed"));
  page.on("console", (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  await page.goto(url);
  const deadline = Date.now() + limit;
  let printed = 0;
  let passed;
  for (;;) {
    const [text, result] = await page.evaluate(() => [document.getElementById("output").textContent, window.testsPassed]);
    process.stdout.write(text.slice(printed));
    printed = text.length;
    if (result !== undefined) {
      passed = result;
      break;
    }
    if (problems.includes("the page crashed")) break;
    if (Date.now() > deadline) {
      problems.push(`no result within ${limit / 1000} s`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const report = await page.evaluate(() => document.getElementById("output").textContent).catch(() => "");
  process.stdout.write(report.slice(printed));
  // Every test found must be accounted for: passed, failed or ignored.
  const counts = /test result: (\w+)\. (\d+) passed; (\d+) failed; (\d+) ignored/.exec(report);
  const accounted = counts ? Number(counts[2]) + Number(counts[3]) + Number(counts[4]) : -1;
  if (counts && accounted !== tests.length) problems.push(`${tests.length} tests were found but ${accounted} reported`);
  if (!counts) {
    problems.push("the page never printed a test result");
    const unreported = tests.filter(({ name }) => !report.includes(`test ${name} ... `)).map(({ name }) => name);
    if (unreported.length > 0) problems.push(`no result for: ${unreported.join(", ")}`);
  }
  const ok = passed === true && counts?.[1] === "ok" && problems.length === 0;
  if (!ok) {
    for (const problem of problems) console.error(`browser tests: ${problem}`);
    // A test's failure report carries its own console output; the page's is for a run
    // that ended with no report.
    if (!counts && consoleLines.length > 0) console.error(`browser tests: the page's console:\n${consoleLines.join("\n")}`);
  }
  return ok ? 0 : 1;
}

function readArgs(args) {
  const options = { exact: false, skip: [], ignored: false, includeIgnored: false, list: false, filter: undefined };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--exact") options.exact = true;
    else if (arg === "--ignored") options.ignored = true;
    else if (arg === "--include-ignored") options.includeIgnored = true;
    else if (arg === "--list") options.list = true;
    else if (arg === "--skip") options.skip.push(args[++i] ?? fail("--skip needs a value"));
    else if (arg === "--nocapture" || arg === "--quiet" || arg === "-q") continue;
    else if (arg.startsWith("-")) fail(`unknown argument \`${arg}\``);
    else if (options.filter === undefined) options.filter = arg;
    else fail(`a second filter \`${arg}\`: give one`);
  }
  return options;
}

function fail(message) {
  console.error(`browser tests: ${message}`);
  process.exit(2);
}
