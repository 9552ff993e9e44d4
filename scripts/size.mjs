#!/usr/bin/env node
// Prints the size of each file of the built package (pkg/), raw and gzip, and each entry's
// total against its budget. Run `scripts/build` first. Exit code 0: this reports, it does
// not judge; the README's figures come from its output.
import { readFileSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";

const KB = 1000;
const entries = [
  { name: "default (session-client)", dir: "pkg/full", budget: 80 * KB },
  { name: "client-only (session-client/client)", dir: "pkg/client-only", budget: 30 * KB },
];
const fmt = (n) => `${(n / KB).toFixed(1)} KB`;

let over = false;
for (const { name, dir, budget } of entries) {
  const files = ["session_client_bg.wasm", "session_client.js"].map((f) => `${dir}/${f}`);
  if (!files.every(existsSync)) {
    console.error(`no build in ${dir}: run scripts/build first`);
    process.exit(1);
  }
  let raw = 0, gzip = 0;
  console.log(`${name}`);
  for (const file of files) {
    const bytes = readFileSync(file);
    const zipped = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzip += zipped;
    console.log(`  ${file.padEnd(40)} ${fmt(bytes.length).padStart(10)} raw ${fmt(zipped).padStart(10)} gzip`);
  }
  const verdict = gzip <= budget ? "within" : "OVER";
  over ||= gzip > budget;
  console.log(`  ${"total".padEnd(40)} ${fmt(raw).padStart(10)} raw ${fmt(gzip).padStart(10)} gzip  (budget ${fmt(budget)} gzip: ${verdict})`);
}
if (over) console.log("\nAt least one entry is over its budget.");
