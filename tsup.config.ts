import { defineConfig } from "tsup";

// Two builds: the pure library (runs in any runtime) and the CLI (Node only). The library has two
// entries: `ocispec` (index, everything) and `ocispec/core` (core, what validating needs; the bundle
// and cold-start budgets of bench/run.mjs are on it). ESM code splitting puts what they share in one
// chunk, so an app that imports both loads the media-type table and the validators once, and
// `mediaTypes`, `MediaTypeError`… are the same objects from either entry.
// ajv is a devDependency: its runtime helpers, required by the generated validators, are bundled here.
// No source maps: they would triple the published package and point at sources it does not ship.
// ESM whitespace and syntax minified, names kept (stack traces still name every function): a process
// that imports the library compiles ~25 % less text, about 2 ms of every cold start (bench/run.mjs).
export default defineConfig([
  {
    entry: { index: "src/index.ts", core: "src/core.ts" },
    format: ["esm"],
    splitting: true,
    dts: true,
    sourcemap: false,
    clean: true,
    target: "es2022",
    platform: "neutral",
    noExternal: [/^ajv/, /^fast-deep-equal/, /^fast-uri/],
    minifyWhitespace: true,
    minifySyntax: true,
  },
  {
    // CommonJS unminified: tsup's CommonJS export rewriting does not survive minified syntax.
    entry: { index: "src/index.ts", core: "src/core.ts" },
    format: ["cjs"],
    splitting: true,
    dts: true,
    sourcemap: false,
    clean: false,
    target: "es2022",
    platform: "neutral",
    noExternal: [/^ajv/, /^fast-deep-equal/, /^fast-uri/],
  },
  {
    entry: { cli: "src/cli/main.ts", "gate-worker": "src/cli/gate/validation-worker.ts" },
    // The gate's validation worker is its own file (worker_threads load a script); no shared chunk.
    splitting: false,
    format: ["esm"],
    dts: false,
    sourcemap: false,
    clean: false,
    target: "node20",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
    // picomatch (globs) is a devDependency bundled into the CLI: the package keeps no runtime dependency.
    noExternal: [/^ajv/, /^fast-deep-equal/, /^fast-uri/, /^picomatch/],
  },
]);
