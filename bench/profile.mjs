#!/usr/bin/env node
// Where the time of a call goes: runs one of the benchmark's loops in headless Chromium
// under the CPU profiler and prints self time by function and by module. Build with
// KEEP_NAMES=1 scripts/build first to see Rust function names.
//   node bench/profile.mjs [client|plain|half:mock|half:client] [MS]      mock calls
//   node bench/profile.mjs http:SIDE:OP [CALLS]    HTTP calls against a release mock-server
//     (SIDE: client, fetch or guarded, bench.js's sides; OP: getSession or createSession)
//   node bench/profile.mjs own:SIDE [CALLS]        the client's own work, `fetch` stubbed
//     (SIDE: client, middleware or guarded)
//   node bench/profile.mjs big [SESSIONS]          the 100,000-session run (create, get,
//     delete, dump, restore) with SESSIONS sessions; prints µs a createSession
import { launch, mockServer, open, serve } from "./harness.mjs";

const [what = "client", amount] = process.argv.slice(2);
const site = await serve();
const api = what.startsWith("http:") ? await mockServer() : undefined;
const browser = await launch();
const tab = await open(await browser.newContext(), site.url);
// `share`: 1 for the profiled run, less to warm up.
const run = (share) => {
  if (api) {
    const [, side, op] = what.split(":");
    const calls = Math.ceil(Number(amount ?? 300) * share);
    return tab.evaluate(([s, o, u, n]) => window.bench.http(s, o, u, n), [side, op, api.url, calls]);
  }
  if (what === "big") {
    const n = 2 * Math.ceil((Number(amount ?? 20000) * share) / 2);
    return tab.evaluate((n) => window.bench.big("client", n).then((t) => t.createPerCall), n);
  }
  if (what.startsWith("own:")) {
    return tab.evaluate(([s, n]) => window.bench.own(s, n), [what.slice(4), Math.ceil(Number(amount ?? 3000) * share)]);
  }
  const time = Number(amount ?? 2000) * share;
  return what.startsWith("half:")
    ? tab.evaluate(([h, t]) => window.bench.half(h, t), [what.slice(5), time])
    : tab.evaluate(([s, t]) => window.bench.sequential(s, t), [what, time]);
};
await run(0.25);
const cdp = await tab.context().newCDPSession(tab);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
await cdp.send("Profiler.start");
console.log(`${what}: ${(await run(1)).toFixed(api ? 3 : 1)} ${api ? "ms" : "µs"} a call`);
const { profile } = await cdp.send("Profiler.stop");
await browser.close();
site.stop();
api?.stop();

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
for (const id of profile.samples) {
  const { functionName, url, lineNumber, columnNumber } = nodes.get(id).callFrame;
  const name = functionName || (url ? `(anonymous ${lineNumber + 1}:${columnNumber + 1})` : "(anonymous)");
  const key = `${name}  ${url.split("/").slice(-2).join("/")}`;
  self.set(key, (self.get(key) ?? 0) + 1);
}
const total = profile.samples.length;
// µs a call: the profile's length over its samples, times a function's samples, over the calls.
const calls = api ? Math.ceil(Number(amount ?? 300)) : what.startsWith("own:") ? Math.ceil(Number(amount ?? 3000)) + 200 : null;
const perSample = (profile.endTime - profile.startTime) / total;
const show = (map, n) => {
  for (const [key, count] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    const us = calls ? `${((count * perSample) / calls).toFixed(1).padStart(7)} µs  ` : "";
    console.log(`${((100 * count) / total).toFixed(1).padStart(6)} %  ${us}${key}`);
  }
};
console.log("\nself time by function");
show(self, Number(process.env.TOP ?? 30));
const modules = new Map();
for (const [key, count] of self) {
  const where = key.split("  ")[1] || key.split("  ")[0];
  modules.set(where, (modules.get(where) ?? 0) + count);
}
console.log("\nself time by module (native functions by name)");
show(modules, 15);
