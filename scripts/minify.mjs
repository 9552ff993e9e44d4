// Minifies wasm-bindgen's JS glue in place (rolldown's oxc minifier): the comments and
// long local names are half of its size, and bundlers that do not minify ship it as is.
// Exported names are kept, so the package's API and its .d.ts are unchanged.
// KEEP_NAMES=1 (a build for the profiler) keeps the local names too.
// Usage: node scripts/minify.mjs FILE.js...
import { readFileSync, writeFileSync } from "node:fs";
import { minifySync } from "rolldown/utils";

for (const file of process.argv.slice(2)) {
  const source = readFileSync(file, "utf8");
  const result = minifySync(file, source, { module: true, compress: true, mangle: process.env.KEEP_NAMES !== "1" });
  if (result.errors?.length) {
    console.error(`[minify] ${file}:`, result.errors);
    process.exit(1);
  }
  writeFileSync(file, result.code);
}
