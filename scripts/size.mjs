#!/usr/bin/env node
// The package's sizes, raw and gzip (level 9), each module counted as a page loads it: its
// entry (one flat file: glue, snippets and the error class inlined) and its wasm. The client
// (`session-client`, what production ships) has a budget: over it, this exits 1 and the test
// command fails; so has each entry of the session keeper. Printed beside them, unbudgeted: the mock module; the server entries (the
// "node" condition: the wasm inlined in base64) and the worker entries (the "workerd" and
// "worker" conditions), each as the files it imports; and, once the package tests have built
// it, the sample app's Vite production bundle.
// Run `scripts/build` first; the README's figures come from this output.
//
//   node scripts/size.mjs                          the package
//   node scripts/size.mjs --module NAME FILE...    any files as one module, no budget
import { readFileSync, existsSync, readdirSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";

const KB = 1000;
const CLIENT_BUDGET = 40 * KB;
/** Each of the keeper's entries (session-client/keeper, /keeper/warning). */
const KEEPER_BUDGET = 3 * KB;
const fmt = (n) => `${(n / KB).toFixed(1)} KB`;

/** The .js and .wasm files under `dir`, sorted (none when it does not exist). */
const under = (dir) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true }).filter((f) => /\.(js|wasm)$/.test(f)).sort().map((f) => join(dir, f))
    : [];

/** `entry` and every file it imports, transitively (relative imports only; `?module` dropped). */
function imported(entry) {
  const files = [normalize(entry)];
  for (let i = 0; i < files.length; i++) {
    const code = readFileSync(files[i], "utf8");
    for (const [, path] of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"'?]+)(?:\?module)?["']/g)) {
      const file = join(dirname(files[i]), path);
      if (!files.includes(file)) files.push(file);
    }
  }
  return files;
}

const entries =
  process.argv[2] === "--module"
    ? [{ name: process.argv[3], files: process.argv.slice(4) }]
    : [
        {
          name: "session-client (the client: what production ships)",
          files: ["pkg/index.js", "pkg/client/session_client_bg.wasm"],
          budget: CLIENT_BUDGET,
        },
        {
          name: "session-client/keeper (a session keeper on the client; loads no module of its own)",
          files: ["pkg/keeper.js"],
          budget: KEEPER_BUDGET,
        },
        {
          name: "session-client/keeper/warning (its accessible warning dialog)",
          files: ["pkg/keeper-warning.js"],
          budget: KEEPER_BUDGET,
        },
        {
          name: "session-client/mock (development only)",
          files: ["pkg/mock.js", "pkg/mock/session_client_mock_bg.wasm"],
        },
        {
          name: "session-client/mock/panel (development only; loads neither module)",
          files: ["pkg/mock-panel.js"],
        },
        ...["index", "mock"].flatMap((entry) => [
          { name: `${entry}.node.js (servers: the "node" condition)`, files: imported(`pkg/${entry}.node.js`) },
          { name: `${entry}.worker.js (workers: the "workerd" and "worker" conditions)`, files: imported(`pkg/${entry}.worker.js`) },
        ]),
        {
          name: "sample app, Vite production build (tests/package/app)",
          files: [...under("target/package-tests/app/dist-vite")],
          optional: true,
        },
      ];

let over = false;
for (const { name, files, budget, optional } of entries) {
  if (!files.length || !files.every(existsSync)) {
    if (optional) {
      console.log(`${name}\n  (not built: the package tests build it)`);
      continue;
    }
    console.error(`missing files for ${name}: run scripts/build first`);
    process.exit(1);
  }
  let raw = 0, gzip = 0;
  console.log(name);
  for (const file of files) {
    const bytes = readFileSync(file);
    const zipped = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzip += zipped;
    console.log(`  ${file.replace(/\/snippets\/[^/]+\//, "/snippets/").padEnd(60)} ${fmt(bytes.length).padStart(10)} raw ${fmt(zipped).padStart(10)} gzip`);
  }
  const verdict = budget === undefined ? "" : `  (budget ${fmt(budget)} gzip: ${gzip <= budget ? "within" : "OVER"})`;
  over ||= budget !== undefined && gzip > budget;
  console.log(`  ${"total".padEnd(60)} ${fmt(raw).padStart(10)} raw ${fmt(gzip).padStart(10)} gzip${verdict}`);
}
if (over) {
  console.error("\nsize: an entry is over its budget");
  process.exit(1);
}
