import { defineConfig } from "tsup";

// Two builds: the pure core (runs in any runtime) and the CLI (Node only).
// ajv is a devDependency: its runtime helpers, required by the generated validators, are bundled here.
// No source maps: they would triple the published package and point at sources it does not ship.
export default defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: false,
    clean: true,
    target: "es2022",
    platform: "neutral",
    noExternal: [/^ajv/, /^fast-deep-equal/, /^fast-uri/],
  },
  {
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    dts: false,
    sourcemap: false,
    clean: false,
    target: "node20",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
    noExternal: [/^ajv/, /^fast-deep-equal/, /^fast-uri/],
  },
]);
