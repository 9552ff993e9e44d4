#!/usr/bin/env node
// The package's finishing steps, run by scripts/build (not by hand):
//
//   node scripts/package.mjs glue FILE.js FILE.d.ts MAP.txt   after each wasm-bindgen build
//   node scripts/package.mjs entries VERSION                  once both modules are in pkg/
//   node scripts/package.mjs flatten ENTRY.js DIR ...          then, for each browser entry
//
// `glue` applies wasm-opt's renaming of imports, exports and modules (MAP.txt, from
// scripts/optimize) to the JS glue: the hashed import names and the module path, repeated
// in both files, are a large share of the gzipped client. It makes a module used before its
// wasm is ready fail with a message that says so (instead of "Cannot read properties of
// undefined"), and a method called after free() too (instead of "null pointer passed to
// rust"), and drops `[Symbol.dispose]` from the declarations (TypeScript before 5.2
// has no such symbol; the method stays at run time).
// `flatten` makes each browser entry (index.js, mock.js) one file, its glue and snippets
// inlined, so that a page loads the entry and then the wasm, instead of a chain of five
// imports one after another before the wasm is even asked for.
// `entries` copies the package's own files (npm/: entries, the Node server, the service
// worker) beside the modules, writes each module's wasm in base64 as a JS module for the server
// entries (index.node.js, mock.node.js), points each module's copy of js/session-api-error.js at the
// package's one copy (so each flat entry inlines the class once; the class itself is one
// per realm whichever copy defines it), and writes package.json with the crate's version.
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { buildSync } from "esbuild";
import { join, relative, dirname } from "node:path";

const [command, ...args] = process.argv.slice(2);

/** Replaces `from` with `to` in `text`, exactly `count` times, or fails the build. */
function replace(text, from, to, count, file) {
  const found = text.split(from).length - 1;
  if (found !== count) {
    throw new Error(`${file}: expected ${count} of ${JSON.stringify(from)}, found ${found}: has wasm-bindgen's glue changed?`);
  }
  return text.split(from).join(to);
}

/** Renames the glue's imports and exports as wasm-opt renamed them in the wasm. */
function renamed(code, js, wasmFile, mapFile) {
  const map = readFileSync(mapFile, "utf8");
  const imports = [...map.matchAll(/\["([^"]*)", "([^"]*)", "([^"]*)"\]/g)].map((m) => m.slice(1));
  const exports = new Map([...map.matchAll(/^\s*\["([^"]*)", "([^"]*)"\]/gm)].map((m) => [m[1], m[2]]));
  const modules = new Set(WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmFile))).map((i) => i.module));
  if (imports.length === 0 || exports.size === 0 || modules.size !== 1) {
    throw new Error(`${mapFile}: expected renamed imports and exports into one module, got ${imports.length}, ${exports.size}, [${[...modules]}]`);
  }
  const [module] = modules;
  const own = `./${js.split("/").at(-1).replace(/\.js$/, "")}_bg.js`;
  const extra = [];
  for (const [from, name, to] of imports) {
    if (from === own) {
      code = replace(code, `        ${name}: function(`, `        ${to}: function(`, 1, js);
    } else {
      // A snippet's function, imported directly: its namespace object becomes a field.
      const binding = code.match(new RegExp(`"${from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}": (import\\d+),`));
      if (!binding) throw new Error(`${js}: no import object for ${from}`);
      extra.push(`    import0.${to} = ${binding[1]}.${name};`);
    }
  }
  const returned = code.match(/    return \{\n        __proto__: null,\n(        "[^"]+": import\d+,\n)+    \};/);
  if (!returned) throw new Error(`${js}: the import object has changed shape`);
  code = code.replace(returned[0], `${extra.join("\n")}\n    return { __proto__: null, ${JSON.stringify(module)}: import0 };`);
  code = code.replace(/\bwasm\.(\w+)/g, (_, name) => {
    if (!exports.has(name)) throw new Error(`${js}: wasm.${name} is not an export of the module`);
    return `wasm.${exports.get(name)}`;
  });
  return code;
}

function glue(js, dts, mapFile) {
  let code = readFileSync(js, "utf8");
  code = renamed(code, js, js.replace(/\.js$/, "_bg.wasm"), mapFile);
  code = replace(code, "let wasmModule, wasmInstance, wasm;", `const NOT_READY = new Proxy({}, { get() {
    throw new Error("session-client: the wasm module is not ready: import the package's entry (it loads itself), or await init() / call initSync() first when you load it by hand");
} });
let wasmModule, wasmInstance, wasm = NOT_READY;`, 1, js);
  code = replace(code, "if (wasm !== undefined) return wasm;", "if (wasm !== NOT_READY) return wasm;", 2, js);
  // A method called after free() (or after a `using` block) reaches Rust with a null
  // pointer: say what happened, as the package's error, instead of wasm-bindgen's words.
  // (With interned strings, the mock module's, the glue reads the text through its cache.)
  const read = code.includes("getCachedStringFromWasm0") ? "getCachedStringFromWasm0" : "getStringFromWasm0";
  const thrown = read === "getStringFromWasm0"
    ? "throw new Error(getStringFromWasm0(arg0, arg1));"
    : "var v0 = getCachedStringFromWasm0(arg0, arg1);\n            throw new Error(v0);";
  code = replace(code, thrown, `const message = ${read}(arg0, arg1);
            if (message === "null pointer passed to rust") {
                throw makeSessionApiError(0, "INVALID_ARGUMENT", "this object was freed (free() was called, or a \`using\` block ended): make a new one", undefined);
            }
            throw new Error(message);`, 1, js);
  writeFileSync(js, code);
  const types = readFileSync(dts, "utf8").replace(/^\s*\[Symbol\.dispose\]\(\): void;\n/gm, "");
  writeFileSync(dts, types);
}

function entries(version) {
  if (!version) throw new Error("entries needs the version");
  cpSync("npm", "pkg", { recursive: true });
  cpSync("js/session-api-error.js", "pkg/session-api-error.js");
  for (const dir of ["pkg/client", "pkg/mock"]) {
    const snippets = readdirSync(dir, { recursive: true })
      .filter((f) => f.endsWith("/session-api-error.js"))
      .map((f) => join(dir, f));
    if (snippets.length !== 1) throw new Error(`${dir}: expected one session-api-error.js snippet, found ${snippets.length}`);
    const shared = relative(dirname(snippets[0]), "pkg/session-api-error.js");
    writeFileSync(snippets[0], `// The package's one SessionApiError class, shared by both modules.\nexport { SessionApiError, makeSessionApiError } from "./${shared}";\n`);
  }
  const manifest = JSON.parse(readFileSync("npm/package.json", "utf8"));
  manifest.version = version;
  writeFileSync("pkg/package.json", `${JSON.stringify(manifest, null, 2)}\n`);
  cpSync("README.md", "pkg/README.md");
  // The guides the README links to (their text; the screenshots stay in the repository).
  cpSync("docs", "pkg/docs", { recursive: true, filter: (path) => !path.endsWith(".png") });
  for (const [dir, name] of [["client", "session_client"], ["mock", "session_client_mock"]]) {
    rmSync(`pkg/${dir}/${name}_bg.wasm.d.ts`, { force: true });
    // The server entries' wasm, inlined: a bundler that moves their JS cannot lose it.
    const base64 = readFileSync(`pkg/${dir}/${name}_bg.wasm`).toString("base64");
    writeFileSync(`pkg/${dir}/wasm-base64.js`, `// ${name}_bg.wasm in base64, for the server entries (scripts/package.mjs).\nexport default "${base64}";\n`);
  }
}

/** Bundles each `entry` into itself; its glue lives in pkg/`dir`, where the wasm is. */
function flatten(...pairs) {
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const [entry, dir] = [pairs[i], pairs[i + 1]];
    const built = buildSync({ entryPoints: [entry], bundle: true, format: "esm", target: "es2022", minifyWhitespace: true, minifySyntax: true, minifyIdentifiers: process.env.KEEP_NAMES !== "1", write: false, logLevel: "error" });
    let code = built.outputFiles[0].text;
    // The glue finds its wasm beside itself; the flat entry is one directory up.
    code = code.replace(/new URL\((["`])([\w-]+_bg\.wasm)\1,import\.meta\.url\)/g, (_, q, file) => `new URL("./${dir}/${file}",import.meta.url)`);
    if (!code.includes(`new URL("./${dir}/`)) throw new Error(`${entry}: the glue's wasm URL was not found: has wasm-bindgen's glue changed?`);
    writeFileSync(entry, code);
  }
}

if (command === "glue") glue(...args);
else if (command === "entries") entries(...args);
else if (command === "flatten") flatten(...args);
else {
  console.error("usage: package.mjs glue FILE.js FILE.d.ts | entries VERSION | flatten ENTRY.js DIR...");
  process.exit(2);
}
