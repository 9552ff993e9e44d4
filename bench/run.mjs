#!/usr/bin/env node
// The benchmark driver (scripts/bench): serves the package and bench/ on 127.0.0.1, starts
// mock-server, and measures in headless Chromium, side by side and alternating the order of
// the sides each round: mock calls awaited in sequence (SessionClient on the mock, MSW's
// setupWorker, a plain-JS async API over a Map), the HTTP path (SessionClient against raw
// fetch + res.json()), 100,000 sessions in one mock (against plain JS), and the start.
// Prints the table and writes it to BENCHMARKS.md. A benchmark, not a test: it asserts no
// speed, only that every side did the work.
//   node bench/run.mjs [--rounds 5] [--sessions 100000] [--only seq,http,big,start] [--no-write]
import { execSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { join } from "node:path";
import { cpu, launch, median, mockServer, open as openIn, root, serve } from "./harness.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const rounds = Number(arg("rounds", 5));
const sessions = Number(arg("sessions", 100_000));
const only = new Set(arg("only", "seq,http,big,tabs,start").split(","));
const write = !process.argv.includes("--no-write");
const SEQ_MS = 1000;
const HTTP_CALLS = 60;
const HTTP_BLOCKS = 10;
const HTTP_WARM = 50;
const OWN_CALLS = 3000;
const IDLE_CALLS = 100;
const TAB_SESSIONS = 1000;
const TAB_CALLS = 50;

const site = await serve();
const api = await mockServer();
const apiUrl = api.url;
const browser = await launch();
const context = await browser.newContext();
const open = (page) => openIn(context, site.url, page);

const results = {}; // name -> [figures per round]
const record = (name, value) => (results[name] ??= []).push(value);

for (let round = 0; round < rounds; round++) {
  const flip = round % 2 === 1;
  const order = (sides) => (flip ? [...sides].reverse() : sides);
  process.stderr.write(`round ${round + 1}/${rounds}\n`);

  if (only.has("seq")) {
    for (const side of order(["client", "msw", "plain"])) {
      const tab = await open(side === "msw" ? "msw.html" : "page.html");
      record(`seq.${side}`, await tab.evaluate(([s, ms]) => window.bench.sequential(s, ms), [side, SEQ_MS]));
      await tab.close();
    }
    const tab = await open();
    for (const half of order(["mock", "client"])) {
      record(`half.${half}`, await tab.evaluate(([h, ms]) => window.bench.half(h, ms), [half, SEQ_MS / 2]));
    }
    await tab.close();
  }

  if (only.has("http")) {
    const tab = await open();
    for (const op of ["getSession", "createSession"]) {
      // Warmed up first, as a page is after its first calls: the engines' optimizing
      // tiers (JS and wasm) take over hot code only after a number of runs.
      for (const side of ["client", "fetch", "guarded"]) {
        await tab.evaluate(([s, o, u, n]) => window.bench.http(s, o, u, n), [side, op, apiUrl, HTTP_WARM]);
      }
      // Short blocks, the sides taking turns: this machine's speed drifts by more than
      // the differences measured, and turns cancel the drift out of the medians.
      for (let block = 0; block < HTTP_BLOCKS; block++) {
        for (const side of block % 2 ? ["guarded", "fetch", "client"] : ["client", "fetch", "guarded"]) {
          const { out, spent } = await cpu(tab, () =>
            tab.evaluate(([s, o, u, n]) => window.bench.http(s, o, u, n), [side, op, apiUrl, HTTP_CALLS]));
          record(`http.${op}.${side}`, out);
          record(`http.${op}.${side}.cpu`, spent / (HTTP_CALLS + 2));
        }
      }
    }
    for (const side of order(["client", "middleware", "guarded"])) {
      record(`own.${side}`, await tab.evaluate(([s, n]) => window.bench.own(s, n), [side, OWN_CALLS]));
    }
    // The same with the page idle between calls, as over HTTP (the stub answers after a
    // timer): page CPU a call, in turns as for HTTP.
    for (let block = 0; block < HTTP_BLOCKS; block++) {
      for (const side of block % 2 ? ["guarded", "client"] : ["client", "guarded"]) {
        const { spent } = await cpu(tab, () => tab.evaluate(([s, n, w]) => window.bench.own(s, n, w), [side, IDLE_CALLS, 2]));
        record(`idle.${side}`, (spent * 1000) / (IDLE_CALLS + 20));
      }
    }
    await tab.close();
  }

  if (only.has("big")) {
    for (const side of order(["client", "plain"])) {
      const tab = await open();
      const t = await tab.evaluate(([s, n]) => window.bench.big(s, n), [side, sessions]);
      for (const [name, value] of Object.entries(t)) record(`big.${side}.${name}`, value);
      await tab.close();
    }
  }

  if (only.has("tabs")) {
    for (const storage of order(["localStorage", "indexedDB"])) {
      // Two pages of one context: tabs sharing one mock.
      const [a, b] = [await open(), await open()];
      const key = `bench-tabs-${round}-${storage}`;
      const ids = await a.evaluate(([s, k, n]) => window.bench.tabOpen(s, k, n), [storage, key, TAB_SESSIONS]);
      await b.evaluate(([s, k, n]) => window.bench.tabOpen(s, k, n), [storage, key, 0]);
      await b.evaluate((ids) => window.bench.tabTake(ids), ids);
      await b.evaluate(() => window.bench.tabCall(0));
      const t = { other: [], own: [], alone: [] };
      for (let i = 0; i < TAB_CALLS; i++) {
        await a.evaluate((i) => window.bench.tabChange(i), i);
        t.other.push(await b.evaluate((i) => window.bench.tabCall(i + 1), i));
        t.own.push(await b.evaluate((i) => window.bench.tabCall(i + 2), i));
        t.alone.push(await a.evaluate((i) => window.bench.tabCall(i, true), i));
      }
      const middle = (xs) => xs.sort((x, y) => x - y)[xs.length >> 1];
      for (const [name, xs] of Object.entries(t)) record(`tabs.${storage}.${name}`, middle(xs));
      await a.evaluate((k) => localStorage.removeItem(k), key);
      await Promise.all([a.close(), b.close()]);
    }
  }

  if (only.has("start")) {
    // The client over HTTP without and with the wasm preloaded, plain fetch of the same
    // call, and the client on the mock: each from a fresh page (no-store, no cache).
    const pages = {
      http: `start.html?client=1&api=${encodeURIComponent(apiUrl)}`,
      preload: `start-preload.html?client=1&api=${encodeURIComponent(apiUrl)}`,
      fetch: `start.html?fetch=1&api=${encodeURIComponent(apiUrl)}`,
      mock: "start.html?mock=1",
    };
    for (const mode of order(Object.keys(pages))) {
      const tab = await context.newPage();
      await tab.goto(`${site.url}/bench/${pages[mode]}`);
      const [nav, script, first] = await (await tab.waitForFunction(() => window.firstCallMs && [performance.getEntriesByType("navigation")[0].responseEnd, window.scriptStartMs, window.firstCallMs])).jsonValue();
      record(`start.${mode}`, first - script);
      record(`start.${mode}.page`, script - nav);
      await tab.close();
    }
  }
}

await browser.close();
api.stop();
site.stop();

// --- the table -----------------------------------------------------------------------------
const stat = (name) => {
  const xs = results[name];
  if (!xs) return null;
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
};
const fmt = (x, digits) => x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const cell = (name, digits = 1, unit = "") => {
  const s = stat(name);
  return s ? `${fmt(s.median, digits)}${unit} (${fmt(s.min, digits)}–${fmt(s.max, digits)})` : "—";
};
const ratio = (a, b, digits = 2) => {
  const x = stat(a), y = stat(b);
  return x && y ? `${fmt(x.median / y.median, digits)}×` : "—";
};
const perSecond = (name) => {
  const s = stat(name);
  return s ? `${fmt(1e6 / s.median, 0)}/s` : "—";
};
/** How much longer `a`'s median than `b`'s, in ms. */
const over = (a, b) => {
  const x = stat(a), y = stat(b);
  return x && y ? `+${fmt(x.median - y.median, 1)} ms` : "—";
};
const verdict = (ok) => (ok === null ? "" : ok ? " ✅" : " ❌");
const holds = (name, test) => {
  const s = stat(name);
  return s ? test(s.median) : null;
};
const both = (...xs) => (xs.some((x) => x === null) ? null : xs.every(Boolean));

const rows = [];
const row = (...cells) => rows.push(`| ${cells.join(" | ")} |`);
rows.push("| measure | session-client | other side | ratio | target |", "|---|---|---|---|---|");
if (only.has("seq")) {
  row("mock calls awaited in sequence (µs a call)", cell("seq.client", 1), `MSW setupWorker + fetch: ${cell("seq.msw", 1)}`, ratio("seq.msw", "seq.client", 0) + " faster than MSW",
    `≥ 20,000 calls/s: ${perSecond("seq.client")}${verdict(holds("seq.client", (x) => x <= 50))}`);
  row("", "", `plain-JS async API over a Map: ${cell("seq.plain", 2)}`, ratio("seq.client", "seq.plain", 1) + " the Map's time", "(reported)");
  row("  where it goes: `SessionApiMock.handleRequest` alone (µs a `getSession`)", cell("half.mock", 1), "", "", "");
  row("  where it goes: `SessionClient` alone, a plain-JS double answering (µs a `getSession`)", cell("half.client", 1), "", "", "");
}
if (only.has("http")) {
  for (const op of ["getSession", "createSession"]) {
    const r = ratio(`http.${op}.client`, `http.${op}.fetch`);
    // The target is over the floor: what any client with a timeout pays on top of fetch.
    const extra = stat(`http.${op}.client.cpu`) && stat(`http.${op}.guarded.cpu`) ? stat(`http.${op}.client.cpu`).median - stat(`http.${op}.guarded.cpu`).median : null;
    const ok = both(holds(`http.${op}.client`, (x) => x <= 1.05 * stat(`http.${op}.fetch`).median), extra === null ? null : extra <= 0.1);
    row(`HTTP \`${op}\` against mock-server (ms a call)`, cell(`http.${op}.client`, 3), `raw fetch + res.json(): ${cell(`http.${op}.fetch`, 3)}`, r,
      `≤ 1.05×, ≤ +0.1 ms CPU over the floor${verdict(ok)}`);
    row(`  page CPU (ms a call)`, cell(`http.${op}.client.cpu`, 3), `raw fetch: ${cell(`http.${op}.fetch.cpu`, 3)}`, "", "");
    row(`  the floor for any client with a timeout: fetch + Request + AbortController + timer`, "", `${cell(`http.${op}.guarded`, 3)} ms, CPU ${cell(`http.${op}.guarded.cpu`, 3)} ms`, extra === null ? "—" : `client CPU ${extra >= 0 ? "+" : ""}${fmt(extra, 3)} ms`, "");
  }
  const over = (side) => (stat(`own.${side}`) && stat("own.guarded") ? stat(`own.${side}`).median - stat("own.guarded").median : null);
  row("the client's own work, `fetch` answering at once (µs a `getSession`)", cell("own.client", 1), `the floor: ${cell("own.guarded", 1)}`,
    over("client") === null ? "—" : `+${fmt(over("client"), 1)} µs`, `≤ +100 µs over the floor${verdict(over("client") === null ? null : over("client") <= 100)}`);
  row("  with one middleware that does nothing", cell("own.middleware", 1), "", over("middleware") === null ? "—" : `+${fmt(over("middleware"), 1)} µs`, "(reported)");
  const idle = stat("idle.client") && stat("idle.guarded") ? stat("idle.client").median - stat("idle.guarded").median : null;
  row("  the same, the stub answering after a timer: page CPU (µs a call)", cell("idle.client", 1), `the floor: ${cell("idle.guarded", 1)}`, idle === null ? "—" : `+${fmt(idle, 1)} µs`, "(reported)");
}
if (only.has("big")) {
  const n = fmt(sessions, 0);
  row(`${n} sessions: createSession (µs a call)`, cell("big.client.createPerCall", 1), `plain JS: ${cell("big.plain.createPerCall", 1)}`, ratio("big.client.createPerCall", "big.plain.createPerCall", 1), `≤ 50 µs${verdict(holds("big.client.createPerCall", (x) => x <= 50))}`);
  row(`${n} sessions: getSession (µs a call)`, cell("big.client.getPerCall", 1), `plain JS: ${cell("big.plain.getPerCall", 1)}`, ratio("big.client.getPerCall", "big.plain.getPerCall", 1), `≤ 50 µs${verdict(holds("big.client.getPerCall", (x) => x <= 50))}`);
  row(`deleteExpiredSessions, half of them (ms)`, cell("big.client.deleteExpired", 1), `plain JS: ${cell("big.plain.deleteExpired", 1)}`, ratio("big.client.deleteExpired", "big.plain.deleteExpired", 1), `≤ 50 ms${verdict(holds("big.client.deleteExpired", (x) => x <= 50))}`);
  row(`\`dump()\` (ms)`, cell("big.client.dump", 1), `plain JS: ${cell("big.plain.dump", 1)}`, ratio("big.client.dump", "big.plain.dump", 1), `≤ 300 ms${verdict(holds("big.client.dump", (x) => x <= 300))}`);
  row(`\`restore()\` into a new mock (ms)`, cell("big.client.restore", 1), `plain JS: ${cell("big.plain.restore", 1)}`, ratio("big.client.restore", "big.plain.restore", 1), `≤ 300 ms${verdict(holds("big.client.restore", (x) => x <= 300))}`);
  row(`memory with the sessions (MB)`, `wasm: ${cell("big.client.memory", 1)}`, `JS heap: ${cell("big.plain.memory", 1)}`, ratio("big.client.memory", "big.plain.memory", 1), `≤ 40 MB${verdict(holds("big.client.memory", (x) => x <= 40))}`);
  row(`memory growth of the restore (MB)`, `wasm: ${cell("big.client.restoreMemory", 1)}`, `JS heap: ${cell("big.plain.restoreMemory", 1)}`, "", `≤ 2× the state (${cell("big.client.memory", 1)})${verdict(both(holds("big.client.restoreMemory", (x) => x <= 2 * Math.max(stat("big.client.memory").median, 1))))}`);
}
if (only.has("tabs")) {
  for (const storage of ["localStorage", "indexedDB"]) {
    const over = (name) => (stat(`tabs.${storage}.${name}`) && stat(`tabs.${storage}.alone`) ? stat(`tabs.${storage}.${name}`).median - stat(`tabs.${storage}.alone`).median : null);
    const extra = over("other");
    row(`tabs sharing a mock in ${storage}, ${fmt(TAB_SESSIONS, 0)} sessions: \`getSession\` right after another tab's change (ms)`, cell(`tabs.${storage}.other`, 3), `unshared (sessionStorage): ${cell(`tabs.${storage}.alone`, 3)}`, extra === null ? "—" : `+${fmt(extra, 3)} ms`, `≤ +2 ms${verdict(extra === null ? null : extra <= 2)}`);
    row(`  the same when this tab made the last change (ms)`, cell(`tabs.${storage}.own`, 3), "", over("own") === null ? "—" : `+${fmt(over("own"), 3)} ms`, "(reported)");
  }
}
if (only.has("start")) {
  row("start: import + first call over HTTP, fresh page (ms from the script's start)", cell("start.http", 1), `plain fetch of the same call: ${cell("start.fetch", 1)}`, over("start.http", "start.fetch"), `≤ 30 ms${verdict(holds("start.http", (x) => x <= 30))}`);
  row("  the same, the wasm preloaded (`<link rel=preload>`, session-client/vite)", cell("start.preload", 1), `plain fetch: ${cell("start.fetch", 1)}`, over("start.preload", "start.fetch"),
    `≤ +15 ms over plain fetch${verdict(stat("start.preload") && stat("start.fetch") ? stat("start.preload").median - stat("start.fetch").median <= 15 : null)}`);
  row("start: import + first call on the mock (client + mock modules)", cell("start.mock", 1), "", "", "(reported)");
  row("  before the script starts: the page itself, not the package (ms)", cell("start.http.page", 1), "", "", "");
}

const chromiumVersion = browser.version?.() ?? "";
const cpu0 = cpus()[0]?.model ?? "unknown CPU";
let commit = "";
try {
  commit = execSync("git rev-parse --short HEAD", { cwd: root }).toString().trim();
  // Measured before committing: say so, so that no figure is credited to code it did not run.
  if (execSync("git status --porcelain -- src js npm bench scripts Cargo.toml", { cwd: root }).toString().trim()) commit += " with changes not yet committed";
} catch {}
const table = rows.join("\n");
console.log(table);
if (write) {
  const text = `# Benchmarks

Written by \`scripts/bench\` (bench/run.mjs); do not edit by hand. Commit ${commit}, ${new Date().toISOString().slice(0, 10)}.
Machine: ${cpus().length} × ${cpu0}, Node ${process.version}, headless Chromium ${chromiumVersion}.

Each figure is the median of ${rounds} rounds, with the fastest and slowest round in brackets;
the sides alternate order each round, and each side runs in a fresh page.

${table}

## Method
- **Mock calls in sequence**: each side runs as long again to warm up first. One iteration is 7 calls awaited one after another (create an
  enabled session, get it with keepAlive, set and get an SSO token, impersonate, revert,
  delete), repeated for ${SEQ_MS} ms. session-client: \`new SessionClient({ mock: new SessionApiMock() })\`
  from the built package. MSW ${JSON.parse(await readFile(join(root, "node_modules/msw/package.json"))).version}: \`setupWorker\` with
  handlers making the same state changes on a JS Map (bench/msw-handlers.js), called with
  \`fetch\`. Plain JS: the same rules as an async API over a Map (bench/plain.js).
- **HTTP**: against one \`mock-server\` (release build) on 127.0.0.1, from a page on
  another origin, after ${HTTP_WARM} calls of each side to warm up: ${HTTP_BLOCKS} blocks a
  round of ${HTTP_CALLS} calls in sequence for each side, the sides taking turns block by
  block (this machine's speed drifts more than the differences measured); each figure is
  the median over the blocks of all rounds, with the fastest and slowest block. Raw fetch
  sends the same headers and body. Page CPU is Chromium's \`TaskDuration\` over a block,
  divided by its calls; the target is over the floor's. The client's
  own work: ${OWN_CALLS} \`getSession\` calls with the page's \`fetch\` replaced by a stub that
  resolves at once to a session's JSON, so the network's share (and its noise) is gone;
  against the floor's \`Request\`, \`AbortController\`, timer and \`res.json()\` on the same stub.
  Then the same stub answering after a 2 ms timer, so that the page is idle between calls
  as over HTTP: page CPU a call, in turns of ${IDLE_CALLS} calls.
- **${fmt(sessions, 0)} sessions**: created through \`SessionClient\` on one mock (half of them 6 h
  later on its virtual clock), each read once, then 12 h after the first half
  \`deleteExpiredSessions\` removes that half; \`dump()\` and \`restore()\` into a new
  \`SessionApiMock\`. Memory: growth of the mock module's wasm memory (never returned to the
  page), against the growth of the JS heap for plain JS.
- **Tabs sharing a mock**: two pages of one browser context, each with a \`SessionApiMock\`
  persisted to one key. The first makes ${fmt(TAB_SESSIONS, 0)} sessions; then ${TAB_CALLS} times it makes a
  change (a keep-alive) and the second page's \`getSession\` is timed in that page right
  after (it catches up with the change), then once more (now current). The other side is
  the same call on a mock persisted to \`sessionStorage\` with as many sessions, which no
  tab shares: what every persisted call cost before tabs shared. Medians of the calls.
- **Start**: a fresh page whose module script imports \`session-client\` (unbundled, as
  the package ships: entry, glue, snippets and wasm, each a request to the local server)
  and awaits its first call (a \`getSession\` answered 404); from the script's start to
  the answer. Beside it, the same page with the wasm preloaded (\`bench/start-preload.html\`)
  and the same call with plain \`fetch\`. What the page takes before its script starts is
  shown apart.

${await readFile(join(root, "bench/findings.md"), "utf8")}`;
  await writeFile(join(root, "BENCHMARKS.md"), text);
}
