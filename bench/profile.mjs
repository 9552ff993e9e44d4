#!/usr/bin/env node
// Where the time of a mock call goes: runs one of the benchmark's loops in headless
// Chromium under the CPU profiler and prints self time by function and by module. Build
// with KEEP_NAMES=1 scripts/build first to see Rust function names.
//   node bench/profile.mjs [client|plain|half:mock|half:client] [MS]
import { launch, open, serve } from "./harness.mjs";

const [what = "client", ms = "2000"] = process.argv.slice(2);
const site = await serve();
const browser = await launch();
const tab = await open(await browser.newContext(), site.url);
const run = (time) =>
  what.startsWith("half:")
    ? tab.evaluate(([h, t]) => window.bench.half(h, t), [what.slice(5), time])
    : tab.evaluate(([s, t]) => window.bench.sequential(s, t), [what, time]);
await run(500);
const cdp = await tab.context().newCDPSession(tab);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
await cdp.send("Profiler.start");
console.log(`${what}: ${(await run(Number(ms))).toFixed(1)} µs a call`);
const { profile } = await cdp.send("Profiler.stop");
await browser.close();
site.stop();

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
for (const id of profile.samples) {
  const { functionName, url } = nodes.get(id).callFrame;
  const key = `${functionName || "(anonymous)"}  ${url.split("/").slice(-2).join("/")}`;
  self.set(key, (self.get(key) ?? 0) + 1);
}
const total = profile.samples.length;
const show = (map, n) => {
  for (const [key, count] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`${((100 * count) / total).toFixed(1).padStart(6)} %  ${key}`);
  }
};
console.log("\nself time by function");
show(self, 30);
const modules = new Map();
for (const [key, count] of self) {
  const where = key.split("  ")[1] || key.split("  ")[0];
  modules.set(where, (modules.get(where) ?? 0) + count);
}
console.log("\nself time by module (native functions by name)");
show(modules, 15);
