// webpack 5, production, no loader or plugin for the package: the .wasm is an asset found
// through `new URL(..., import.meta.url)`, top-level await is on by default.
import { fileURLToPath } from "node:url";

export default {
  mode: "production",
  context: fileURLToPath(new URL(".", import.meta.url)),
  entry: "./src/webpack-main.js",
  output: { path: fileURLToPath(new URL("./dist-webpack", import.meta.url)), filename: "main.js", clean: true },
  performance: { hints: false },
};
