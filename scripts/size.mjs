#!/usr/bin/env node
// Prints the size of each file of the built package (pkg/), raw and gzip, and each entry's
// total against its budget. Run `scripts/build` first. Exit code 0: this reports, it does
// not judge; the README's figures come from its output.
//
//   node scripts/size.mjs                          the package's two entries
//   node scripts/size.mjs --module NAME FILE...    any files as one module, no budget
import { readFileSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";

const KB = 1000;
const fmt = (n) => `${(n / KB).toFixed(1)} KB`;
const files = (dir) => ["session_client_bg.wasm", "session_client.js"].map((f) => `${dir}/${f}`);
const entries =
  process.argv[2] === "--module"
    ? [{ name: process.argv[3], files: process.argv.slice(4) }]
    : [
        { name: "default (session-client)", files: files("pkg/full"), budget: 80 * KB },
        { name: "client-only (session-client/client)", files: files("pkg/client-only"), budget: 30 * KB },
      ];

let over = false;
for (const { name, files, budget } of entries) {
  if (!files.length || !files.every(existsSync)) {
    console.error(`missing files for ${name}: run scripts/build first`);
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
  const verdict = budget === undefined ? "" : `  (budget ${fmt(budget)} gzip: ${gzip <= budget ? "within" : "OVER"})`;
  over ||= budget !== undefined && gzip > budget;
  console.log(`  ${"total".padEnd(40)} ${fmt(raw).padStart(10)} raw ${fmt(gzip).padStart(10)} gzip${verdict}`);
}
if (over) console.log("\nAt least one entry is over its budget.");
