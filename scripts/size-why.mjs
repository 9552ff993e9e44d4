#!/usr/bin/env node
// Where the client module's wasm bytes go: each function's body and the data, from a build
// that keeps the function names (scripts/size-why builds it), grouped into the parts of the
// client by the Rust paths the names carry. Raw bytes each, and each part's bytes gzipped
// on their own (a part's share of the module; the parts do not add up to the whole, which
// gzips across them).
//
//   node scripts/size-why.mjs FILE.wasm [--top N]
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

/** The parts, first match wins: [part, pattern over a function's demangled name]. */
const PARTS = [
  ["the allocator (talc)", /talc|__rust_alloc|__rust_dealloc|__rust_realloc|__rdl_|dlmalloc/],
  ["panics' leftovers (fmt, panic)", /core::fmt|core::panicking|panic|::fmt::|Formatter|Display|Debug|core::result::unwrap_failed|core::option::expect_failed/],
  ["the answer check and its tables (schema)", /session_client::schema/],
  ["time (RFC 3339)", /session_client::time/],
  ["models and their names (open enums)", /session_client::models/],
  ["errors and their texts", /session_client::client::error|ClientError|SessionApiError|error_to_js|call_error/],
  ["request building and encoding", /session_client::client::request|session_client::percent|session_client::operation/],
  ["timers and cancelling (cancel.rs)", /session_client::wasm::cancel/],
  ["the call path (call.rs, transport.rs)", /session_client::wasm::call|session_client::wasm::transport/],
  ["argument checks (client.rs, convert.rs)", /session_client::wasm::client|session_client::wasm::convert/],
  ["wasm-bindgen glue and externref", /wasm_bindgen|js_sys|web_sys|__wbindgen|__wbg_|externref/],
  ["std and core (strings, vectors, maps)", /alloc::|core::|std::|hashbrown|memcpy|memset|memmove|memcmp/],
];

function leb(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error("usage: node scripts/size-why.mjs FILE.wasm [--top N]");
  process.exit(2);
}
const top = rest[0] === "--top" ? Number(rest[1]) : 15;
const wasm = readFileSync(file);
let at = 8;
let imported = 0;
const bodies = [];
const names = new Map();
let data = [];
while (at < wasm.length) {
  const id = wasm[at];
  let size;
  [size, at] = leb(wasm, at + 1);
  const end = at + size;
  if (id === 2) {
    // imports: count the functions among them (their indices come first)
    let count, p = at;
    [count, p] = leb(wasm, p);
    for (let i = 0; i < count; i++) {
      for (let s = 0; s < 2; s++) {
        let len;
        [len, p] = leb(wasm, p);
        p += len;
      }
      const kind = wasm[p++];
      if (kind === 0) [, p] = leb(wasm, p), imported++;
      else if (kind === 1) { p++; const flags = wasm[p++]; [, p] = leb(wasm, p); if (flags & 1) [, p] = leb(wasm, p); }
      else if (kind === 2) { const flags = wasm[p++]; [, p] = leb(wasm, p); if (flags & 1) [, p] = leb(wasm, p); }
      else if (kind === 3) p += 2;
      else if (kind === 4) { p++; [, p] = leb(wasm, p); }
    }
  } else if (id === 10) {
    let count, p = at;
    [count, p] = leb(wasm, p);
    for (let i = 0; i < count; i++) {
      let len;
      [len, p] = leb(wasm, p);
      bodies.push({ index: imported + i, bytes: wasm.subarray(p, p + len) });
      p += len;
    }
  } else if (id === 11) {
    data.push(wasm.subarray(at, end));
  } else if (id === 0) {
    let len, p = at;
    [len, p] = leb(wasm, p);
    const name = wasm.subarray(p, p + len).toString();
    p += len;
    while (name === "name" && p < end) {
      const sub = wasm[p];
      let subSize;
      [subSize, p] = leb(wasm, p + 1);
      const subEnd = p + subSize;
      if (sub === 1) {
        let count;
        [count, p] = leb(wasm, p);
        for (let i = 0; i < count; i++) {
          let index, nameLen;
          [index, p] = leb(wasm, p);
          [nameLen, p] = leb(wasm, p);
          names.set(index, wasm.subarray(p, p + nameLen).toString());
          p += nameLen;
        }
      }
      p = subEnd;
    }
  }
  at = end;
}
if (names.size === 0) {
  console.error(`${file}: no function names (build it with scripts/size-why)`);
  process.exit(1);
}

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const gz = (chunks) => gzipSync(Buffer.concat(chunks), { level: 9 }).length;
const groups = new Map([...PARTS.map(([part]) => [part, []]), ["other", []]]);
const functions = bodies.map(({ index, bytes }) => {
  const name = names.get(index) ?? `func${index}`;
  const part = PARTS.find(([, pattern]) => pattern.test(name))?.[0] ?? "other";
  groups.get(part).push(bytes);
  return { name, size: bytes.length, part };
});
const total = wasm.length;
console.log(`${file}: ${kb(total)} raw, ${kb(gzipSync(wasm, { level: 9 }).length)} gzip (with names; the shipped module has none)`);
console.log(`\n${"part".padEnd(44)} ${"functions".padStart(9)} ${"raw".padStart(9)} ${"gzip alone".padStart(11)}`);
const rows = [...groups].map(([part, chunks]) => ({ part, count: chunks.length, raw: chunks.reduce((n, c) => n + c.length, 0), gzip: chunks.length ? gz(chunks) : 0 }));
rows.push({ part: "data (texts, tables, names)", count: 0, raw: data.reduce((n, c) => n + c.length, 0), gzip: gz(data) });
for (const row of rows.sort((a, b) => b.raw - a.raw)) {
  if (row.raw === 0) continue;
  console.log(`${row.part.padEnd(44)} ${String(row.count || "").padStart(9)} ${kb(row.raw).padStart(9)} ${kb(row.gzip).padStart(11)}`);
}
console.log(`\nthe ${top} largest functions`);
for (const f of functions.sort((a, b) => b.size - a.size).slice(0, top)) {
  console.log(`  ${kb(f.size).padStart(8)}  ${f.name.slice(0, 110)}  [${f.part}]`);
}
