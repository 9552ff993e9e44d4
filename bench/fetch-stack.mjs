#!/usr/bin/env node
// Why the client calls `fetch` in a microtask (js/transport.js, `fetchHttp`): what one
// `fetch` costs the page against a release mock-server, by what is on the stack below the
// call: a shallow JS stack, 12 JS frames, one wasm frame (a module whose export calls an
// import that fetches), or nothing (the request handed to `fetch` in a microtask). Prints,
// for each, the page CPU a fetch (Chromium's TaskDuration, noisy: the network stack's share
// is most of it) and the time the `fetch()` call itself takes before it returns its
// promise. The variants take turns block by block; medians over the blocks. A benchmark:
// it asserts nothing.
//   node bench/fetch-stack.mjs [BLOCKS]
import binaryen from "binaryen";
import { cpu, launch, median, mockServer, open, serve } from "./harness.mjs";

const BLOCKS = Number(process.argv[2] ?? 30);
const CALLS = 60;
const VARIANTS = ["shallow", "deep", "underWasm", "microtask"];
const wasm = binaryen.parseText(`(module (import "env" "f" (func $f)) (func (export "run") call $f))`).emitBinary();

const site = await serve();
const api = await mockServer();
const browser = await launch();
const tab = await open(await browser.newContext(), site.url);
await tab.evaluate(async ([bytes, base]) => {
  const request = () => new Request(`${base}/sessions/00000000-0000-4000-8000-000000000009`, { headers: { accept: "application/json" } });
  // `timed(r)`: fetch(r), adding the time the call itself takes (before it returns its
  // promise) to `inside`.
  let sent, inside = 0;
  const timed = (r) => {
    const start = performance.now();
    const promise = fetch(r);
    inside += performance.now() - start;
    return promise;
  };
  const { instance } = await WebAssembly.instantiate(new Uint8Array(bytes), { env: { f: () => (sent = timed(request())) } });
  const deep = (n) => (n ? deep(n - 1) : timed(request()));
  const variants = {
    shallow: () => timed(request()),
    deep: () => deep(12),
    underWasm: () => (instance.exports.run(), sent),
    microtask: () => Promise.resolve(request()).then(timed),
  };
  window.fetchLoop = async (variant, n) => {
    inside = 0;
    for (let i = 0; i < n; i++) await (await variants[variant]()).text();
    return (inside * 1000) / n;
  };
}, [[...wasm], api.url]);

const figures = {};
for (const v of VARIANTS) await tab.evaluate(([v, n]) => window.fetchLoop(v, n), [v, 50]); // warm
for (let block = 0; block < BLOCKS; block++) {
  for (const v of block % 2 ? [...VARIANTS].reverse() : VARIANTS) {
    const { out: inside, spent } = await cpu(tab, () => tab.evaluate(([v, n]) => window.fetchLoop(v, n), [v, CALLS]));
    (figures[v] ??= []).push((spent * 1000) / CALLS);
    (figures[`${v}.inside`] ??= []).push(inside);
  }
}
await browser.close();
site.stop();
api.stop();

const floor = median(figures.shallow);
for (const v of VARIANTS) {
  const m = median(figures[v]);
  const inside = median(figures[`${v}.inside`]);
  console.log(`${v.padEnd(10)} ${m.toFixed(0).padStart(5)} µs page CPU a fetch  (${m >= floor ? "+" : ""}${(m - floor).toFixed(0)} over shallow); the fetch() call itself ${inside.toFixed(1)} µs`);
}
