import { nodeResolve } from "@rollup/plugin-node-resolve";

// NODE_CONDITION=1: the `node` export condition, as Node builds are told to use; without
// it, node-resolve's defaults (the package's default entry).
export default {
  input: "main.js",
  output: { file: process.env.OUT, format: "es", inlineDynamicImports: true },
  plugins: [nodeResolve(process.env.NODE_CONDITION ? { exportConditions: ["node"] } : {})],
};
