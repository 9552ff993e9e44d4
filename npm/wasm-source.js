// Where a loading entry (index.js, mock.js) finds its wasm: the URL beside it, which the glue
// fetches and compiles as it streams in; or, when that URL is a file (Node, Bun or Deno
// loading the entry without the "node" condition, as Rollup's defaults and some test tools
// do), the file's bytes, read from disk, since `fetch` cannot read files. `locate` is the
// entry's `() => new URL("./DIR/NAME_bg.wasm", import.meta.url)`: bundlers find the wasm by
// that very expression. Where it fails (no import.meta.url in a worker, or a bundle that
// moved the entry away from its wasm), the error names the entry that fits. Inlined into
// each entry by scripts/build (`flatten`); not shipped on its own.
export function wasmSource(name, locate) {
  try {
    const url = locate();
    return url.protocol == "file:" ? globalThis.process.getBuiltinModule("fs").readFileSync(url) : url;
  } catch (err) {
    throw Error(`${name}: no wasm (${err.message}). On a server, resolve "node" (or import "${name}/node"); in a worker, "workerd" or "worker" (or "${name}/worker")`);
  }
}
