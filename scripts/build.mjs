// `npm run build` and its parts, with one line of output: what is built and how long it took. The
// tools' own output (tsup prints ~40 lines) is kept and shown only when a step fails.
//
//   node scripts/build.mjs cli     dist/cli.js alone, what `npm start` runs (the library is inside it)
//   node scripts/build.mjs js      the library's ESM and CommonJS code, the CLI, the generated files
//   node scripts/build.mjs types   the declarations (dist/*.d.ts, *.d.cts): most of a full build's time
//   node scripts/build.mjs [all]   all of it: the package as published (npm test, CI, prepack)
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const parts = {
  cli: "dist/cli.js (the CLI only; `npm run build` builds the whole package)",
  js: "dist/ JavaScript (ESM, CommonJS, CLI) and media-types.json, no declarations",
  types: "dist/ type declarations",
  all: "dist/ (ESM, CommonJS, CLI, type declarations) and media-types.json",
};
const part = process.argv[2] ?? "all";
if (!(part in parts)) {
  console.error(`usage: node scripts/build.mjs [${Object.keys(parts).join("|")}]`);
  process.exit(2);
}

const started = performance.now();
process.stdout.write(`build: ${parts[part]} …`);

/** Runs one step with Node, its output captured; on failure shows that output and exits. */
function step(args, env = {}) {
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ...env },
    maxBuffer: 1 << 26,
  });
  if (r.status === 0) return;
  process.stdout.write(" failed\n");
  process.stderr.write(`${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? `${r.error}\n` : ""}`);
  console.error(`build: \`node ${args.join(" ")}\` failed (exit ${r.status ?? r.signal})`);
  process.exit(1);
}

// The validators compiled from schemas/, the clean path's rule calls, the media-type kind index, the vocabulary and the root
// entry's validators (from the core's): generated sources every part imports.
step(["scripts/compile-schemas.mjs"]);
step(["scripts/write-clean-rules.mjs"]);
step(["scripts/write-media-type-kinds.mjs"]);
step(["scripts/write-vocabulary.mjs"]);
step(["scripts/write-validators.mjs"]);
removeReplacedOutput();
const tsup = join(
  dirname(createRequire(import.meta.url).resolve("tsup/package.json")),
  "dist",
  "cli-default.js",
);
step([tsup, "--silent"], { OCISPEC_BUILD: part });
if (part === "types" || part === "all") writeCommonJsDeclarations();
// Files generated from the built library: media-types.json (shipped), docs/media-types.md and the
// profile tables of docs/registry.md (committed; tests fail when they are stale).
if (part === "js" || part === "all") {
  step(["scripts/write-media-types.mjs"]);
  step(["scripts/write-registry-profiles.mjs"]);
}

process.stdout.write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

/**
 * Empties what this part rebuilds (chunk names are hashed, so a stale one would ship): all of dist/
 * for `all`, the JavaScript for `js`, the declarations for `types`; `cli` overwrites dist/cli.js.
 */
function removeReplacedOutput() {
  const dist = join(root, "dist");
  if (part === "all") return rmSync(dist, { recursive: true, force: true });
  if (part === "cli") return;
  let files;
  try {
    files = readdirSync(dist);
  } catch {
    return;
  }
  const declaration = /\.d\.(?:ts|cts|mts)$/;
  for (const file of files) {
    if (declaration.test(file) === (part === "types"))
      rmSync(join(dist, file), { recursive: true, force: true });
  }
}

/**
 * dist/*.d.cts from dist/*.d.ts. tsup's CommonJS declaration bundle is the ESM one with `.cjs` for
 * `.js` in its relative imports, and bundling it a second time costs as much again (~20 s of CPU);
 * attw (in CI) checks the result under node16 CommonJS resolution.
 */
function writeCommonJsDeclarations() {
  const dist = join(root, "dist");
  for (const file of readdirSync(dist)) {
    if (!file.endsWith(".d.ts")) continue;
    // Only import and export statements (one line each in the bundle), not examples in comments.
    const text = readFileSync(join(dist, file), "utf8").replace(
      /^((?:import|export)\b[^\n]*\bfrom\s*)(["'])(\.{1,2}\/[^"'\n]*)\.js\2/gm,
      "$1$2$3.cjs$2",
    );
    writeFileSync(join(dist, file.replace(/\.d\.ts$/, ".d.cts")), text);
  }
}
