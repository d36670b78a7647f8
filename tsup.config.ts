import { defineConfig, type Options } from "tsup";

// Three builds: the pure library (runs in any runtime, ESM and CommonJS) and the CLI (Node only). The
// library has two entries: `ocispec` (index, everything) and `ocispec/core` (core, what validating
// needs; the bundle and cold-start budgets of bench/run.mjs are on it). ESM code splitting puts what
// they share in one chunk, so an app that imports both loads the media-type table and the validators
// once, and `mediaTypes`, `MediaTypeError`… are the same objects from either entry.
// ajv is a devDependency: its runtime helpers, required by the generated validators, are bundled here.
// No source maps: they would triple the published package and point at sources it does not ship.
// ESM whitespace and syntax minified, names kept (stack traces still name every function): a process
// that imports the library compiles ~25 % less text, about 2 ms of every cold start (bench/run.mjs).
//
// scripts/build.mjs runs this with OCISPEC_BUILD set to the part wanted (`npm start` needs only the
// CLI, and the declarations are most of a full build's time): cli | js | types | all (the default).
// The declarations are bundled once, for ESM; scripts/build.mjs derives the .d.cts files from them.
const part = process.env.OCISPEC_BUILD ?? "all";
if (!["cli", "js", "types", "all"].includes(part)) throw new Error(`OCISPEC_BUILD: unknown part ${part}`);
const js = part === "js" || part === "all";
const types = part === "types" || part === "all";

const library: Options = {
  entry: { index: "src/index.ts", core: "src/core.ts" },
  splitting: true,
  sourcemap: false,
  target: "es2022",
  platform: "neutral",
  noExternal: [/^ajv/, /^fast-deep-equal/, /^fast-uri/],
};

const esm: Options = {
  ...library,
  format: ["esm"],
  // Each part replaces its own files only (chunk names are hashed, so stale ones must go): the
  // JavaScript build keeps the declarations, the declaration build (tsup's `only`) the JavaScript.
  dts: types ? (js ? true : { only: true }) : false,
  // Not tsup's `clean`: the builds run at once and one would clean away another's output;
  // scripts/build.mjs removes what the part it builds replaces, before tsup starts.
  clean: false,
  minifyWhitespace: true,
  minifySyntax: true,
};

// CommonJS unminified: tsup's CommonJS export rewriting does not survive minified syntax.
const cjs: Options = { ...library, format: ["cjs"], dts: false, clean: false };

// `ocispec/node`: the file-system layout store (node: imports; its types come from the library's).
const node: Options = {
  entry: { node: "src/node.ts" },
  format: js ? ["esm", "cjs"] : ["esm"],
  dts: types ? (js ? true : { only: true }) : false,
  sourcemap: false,
  clean: false,
  target: "node20",
  platform: "node",
};

const cli: Options = {
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
};

export default defineConfig(part === "cli" ? [cli] : part === "types" ? [esm, node] : [esm, cjs, node, cli]);
