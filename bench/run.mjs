// `npm run bench`: validate() against the floor (decode + JSON.parse + sha256) and the naive
// approach, cold start, memory and bundle size. `--json` for machines, `--check` to enforce budgets,
// `--runtime 22|24|26|all|<node binary>` to run it on other Node lines (scripts/runtimes.mjs).
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { checkBudgets } from "./budgets.mjs";
import { corpus } from "./corpus.mjs";
import { hostileCorpus } from "./hostile-corpus.mjs";
import { imageSpecSchemaDir } from "./naive.mjs";
import { median } from "./sampling.mjs";
import { checkSiteBudgets } from "./site-budgets.mjs";

// `--runtime <line|all|node binary>`: this bench on other Node lines, one child each (bench/per-runtime.mjs).
if (process.argv.includes("--runtime")) {
  const { benchPerRuntime } = await import("./per-runtime.mjs");
  process.exit(benchPerRuntime(process.argv.slice(2)));
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// A snapshot of the built library, so that a rebuild while the bench runs (tsup empties dist/ first)
// cannot pull it away from the cold-start and memory children: every ESM file but the CLI, names
// kept (the entries import their shared chunk by name), in a folder that says it is ESM.
const snapshotDir = mkdtempSync(join(tmpdir(), "ocispec-bench-"));
for (const file of readdirSync(join(root, "dist"))) {
  if (file.endsWith(".js") && file !== "cli.js")
    copyFileSync(join(root, "dist", file), join(snapshotDir, file));
}
writeFileSync(join(snapshotDir, "package.json"), '{ "type": "module" }\n');
const distEntry = join(snapshotDir, "index.js");
// `ocispec/core` (src/core.ts): the entry the cold-start and bundle budgets are about.
const coreEntry = join(snapshotDir, "core.js");
process.on("exit", () => rmSync(snapshotDir, { recursive: true, force: true }));
const args = new Set(process.argv.slice(2));

const schemaDir = imageSpecSchemaDir(root);
const notes = [];
if (!schemaDir) notes.push("naive baseline skipped: ../shared/reference/image-spec-schema is absent");

const documents = [];
for (const [index, doc] of corpus().entries()) {
  // Each document in a fresh process (bench/measure-document.mjs): what one document's measurement
  // leaves in the heap (the 10,000-entry index promotes megabytes into the old generation) must
  // not bill the next one's collections.
  const r = spawnSync(
    process.execPath,
    [join(root, "bench", "measure-document.mjs"), pathToFileURL(distEntry).href, String(index)],
    { cwd: root, encoding: "utf8", maxBuffer: 1 << 24 },
  );
  if (r.status !== 0) throw new Error(`measuring ${doc.name} failed: ${r.stderr}`);
  const row = JSON.parse(r.stdout);
  if (row.errors !== undefined) notes.push(`${doc.name}: validate() reports errors: ${row.errors}`);
  delete row.errors;
  documents.push(row);
}

// The hostile corpus (bench/hostile-corpus.mjs), each document in a fresh process too: one that
// costs a second must not leave its heap to the next.
const hostile = [];
for (const [index, doc] of hostileCorpus().entries()) {
  const r = spawnSync(
    process.execPath,
    ["--expose-gc", join(root, "bench", "measure-hostile.mjs"), pathToFileURL(distEntry).href, String(index)],
    { cwd: root, encoding: "utf8", maxBuffer: 1 << 24 },
  );
  if (r.status !== 0) throw new Error(`measuring hostile document ${doc.name} failed: ${r.stderr}`);
  hostile.push(JSON.parse(r.stdout));
}

// Each cold-start script ends by printing, from inside the child, the wall time since the process
// started and the CPU time it used; spawn and exit overheads of this parent are not counted.
const REPORT_TIMES =
  "const u = process.resourceUsage(); console.log(JSON.stringify({ wallMs: performance.now(), cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));";

/** One fresh `node` process running `script`: its wall and CPU time at the end of the script, in ms. */
function spawnTimes(script) {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", `${script}\n${REPORT_TIMES}`], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`cold-start script failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

/**
 * Cold starts, interleaved: each round starts every script once, back to back, so load from other
 * processes hits all alike. Answers, per script, median wall and CPU times and their median paired
 * excess over the first script (the bare start). The budget is checked on CPU time: on a loaded
 * machine wall time also counts waiting for a core, and on an idle one CPU time is the larger
 * (Node's helper threads), so it is the conservative, reproducible figure. 61 rounds: a bare
 * start's CPU time alone varies by tens of milliseconds from one process to the next here, so the
 * paired excess spreads over ±20 ms, and the median of 21 rounds moved by ±4 ms between runs.
 */
function coldStarts(scripts, rounds = 61) {
  const names = Object.keys(scripts);
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) for (const n of names) times[n].push(spawnTimes(scripts[n]));
  const [first] = names;
  const excess = (n, key) => median(times[n].map((t, r) => t[key] - times[first][r][key]));
  return Object.fromEntries(
    names.map((n) => [
      n,
      {
        ms: median(times[n].map((t) => t.cpuMs)),
        wallMs: median(times[n].map((t) => t.wallMs)),
        overFirstMs: excess(n, "cpuMs"),
        wallOverFirstMs: excess(n, "wallMs"),
      },
    ]),
  );
}
const sample = JSON.stringify(Array.from(corpus()[0].bytes));
const cold = coldStarts({
  bare: "",
  // What the budget is about: a registry or a hook that imports the core to validate.
  ours: `import { validate } from ${JSON.stringify(pathToFileURL(coreEntry).href)};
   const r = validate(new Uint8Array(${sample})); if (!r.valid) process.exit(3);`,
  // The root entry, for comparison: everything, builders and registry profiles included.
  root: `import { validate } from ${JSON.stringify(pathToFileURL(distEntry).href)};
   const r = validate(new Uint8Array(${sample})); if (!r.valid) process.exit(3);`,
  ...(schemaDir
    ? {
        naive: `import { compileNaive } from ${JSON.stringify(pathToFileURL(join(root, "bench", "naive.mjs")).href)};
       const v = compileNaive(${JSON.stringify(schemaDir)});
       if (!v.manifest(JSON.parse(new TextDecoder().decode(new Uint8Array(${sample}))))) process.exit(3);`,
      }
    : {}),
});
const bareMs = cold.bare.ms;
const oursColdMs = cold.ours.ms;
const naiveColdMs = cold.naive?.ms;

// Allocation while validating the 10,000-entry index, measured in a child with a young generation
// large enough that no scavenge runs mid-call: the growth is then an upper bound on the peak.
const memoryScript = `
  import { validate } from ${JSON.stringify(pathToFileURL(distEntry).href)};
  import { corpus } from ${JSON.stringify(pathToFileURL(join(root, "bench", "corpus.mjs")).href)};
  const doc = corpus().find((d) => d.name.includes("10,000"));
  validate(doc.bytes);
  globalThis.gc(); const before = process.memoryUsage().heapUsed;
  const result = validate(doc.bytes);
  const after = process.memoryUsage().heapUsed;
  globalThis.gc(); const retained = process.memoryUsage().heapUsed;
  console.log(JSON.stringify({ bytes: doc.bytes.length, growth: after - before, retained: retained - before, valid: result.valid }));`;
const mem = spawnSync(
  process.execPath,
  ["--expose-gc", "--max-semi-space-size=512", "--input-type=module", "-e", memoryScript],
  { cwd: root, encoding: "utf8" },
);
if (mem.status !== 0) throw new Error(`memory probe failed: ${mem.stderr}`);
const memory = JSON.parse(mem.stdout);

/** `entry` bundled alone (its chunks inlined), minified, and gzipped at level 9: sizes in bytes. */
async function bundleSize(entry) {
  const bundled = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    logLevel: "silent",
  });
  const minBytes = bundled.outputFiles[0].contents;
  return { minifiedBytes: minBytes.length, gzippedBytes: gzipSync(minBytes, { level: 9 }).length };
}
// The budget is on `ocispec/core`; the root entry's size is reported alongside.
const bundle = { entry: "ocispec/core", ...(await bundleSize(coreEntry)), root: await bundleSize(distEntry) };

const idx1k = documents.find((d) => d.name.includes("1,000"));
const idx10k = documents.find((d) => d.name.includes("10,000"));
const report = {
  machine: { node: process.version, cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length },
  documents,
  // The floor's own scaling, for reading the budget: parsing 2.6 MB also grows faster than 10×
  // when the collector has to promote what the parse builds.
  scaling: {
    index10kOver1k: idx10k.validateUs / idx1k.validateUs,
    floor10kOver1k: idx10k.floorUs / idx1k.floorUs,
  },
  coldStart: {
    measure: "CPU time of the child at its first verdict (wall time alongside)",
    bareMs,
    oursMs: oursColdMs,
    oursOverBareMs: cold.ours.overFirstMs,
    rootEntryMs: cold.root.ms,
    rootEntryOverBareMs: cold.root.overFirstMs,
    naiveMs: naiveColdMs,
    naiveOverBareMs: cold.naive?.overFirstMs,
    wall: {
      bareMs: cold.bare.wallMs,
      oursMs: cold.ours.wallMs,
      oursOverBareMs: cold.ours.wallOverFirstMs,
      naiveMs: cold.naive?.wallMs,
      naiveOverBareMs: cold.naive?.wallOverFirstMs,
    },
  },
  memory,
  bundle,
  hostile,
  notes,
};
report.budgets = checkBudgets(report);
// The playground (bench/site.mjs): its JavaScript and first verdict in Chromium; --no-site skips it.
if (!args.has("--no-site")) {
  const { measureSite } = await import("./site.mjs");
  report.site = await measureSite();
  if (report.site.skipped) notes.push(`site skipped: ${report.site.skipped}`);
  report.budgets.push(...checkSiteBudgets(report.site));
}

if (args.has("--json")) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const f = (n, d = 1) => (n === undefined ? "—" : n.toFixed(d));
  console.log(
    `ocispec benchmark — ${report.machine.node}, ${report.machine.cpu} (${report.machine.cores} cores)\n`,
  );
  console.log(
    "document (CPU µs per call)      bytes     floor µs  validate µs  ×floor  naive µs  naive×parse  ×naive  bound×naive",
  );
  for (const d of documents) {
    console.log(
      `${d.name.padEnd(30)} ${String(d.bytes).padStart(8)} ${f(d.floorUs).padStart(11)} ${f(d.validateUs).padStart(12)} ${f(d.ratioToFloor, 2).padStart(7)} ${f(d.naiveUs).padStart(9)} ${f(d.naiveRatioToParse, 2).padStart(12)} ${f(d.ratioToNaive, 2).padStart(7)} ${f(d.boundRatioToNaive, 2).padStart(12)}`,
    );
  }
  console.log(
    `\nscaling: 10,000-entry index costs ${f(report.scaling.index10kOver1k, 2)} × the 1,000-entry one (the floor: ${f(report.scaling.floor10kOver1k, 2)} ×)`,
  );
  console.log(
    `cold start, CPU ms (import + first verdict): ocispec/core ${f(oursColdMs)}, bare node ${f(bareMs)} (+${f(cold.ours.overFirstMs)}); ocispec ${f(cold.root.ms)} (+${f(cold.root.overFirstMs)}); naive compile + verdict ${f(naiveColdMs)} (+${f(cold.naive?.overFirstMs)})`,
  );
  console.log(
    `cold start, wall ms:                         ours ${f(cold.ours.wallMs)}, bare node ${f(cold.bare.wallMs)} (+${f(cold.ours.wallOverFirstMs)}); naive ${f(cold.naive?.wallMs)} (+${f(cold.naive?.wallOverFirstMs)})`,
  );
  console.log(
    `memory, 10,000-entry index (${memory.bytes} bytes): ${f(memory.growth / 2 ** 20, 2)} MiB allocated during the call, ${f(memory.retained / 2 ** 20, 2)} MiB retained`,
  );
  console.log(
    `core bundle (ocispec/core): ${f(bundle.minifiedBytes / 1024)} KB minified, ${f(bundle.gzippedBytes / 1024)} KB gzipped; ocispec: ${f(bundle.root.minifiedBytes / 1024)} KB, ${f(bundle.root.gzippedBytes / 1024)} KB gzipped`,
  );
  console.log(
    "\nhostile document (CPU ms per call)        bytes  JSON.parse ms  validate ms  ×parse  heap MB (parse)  findings",
  );
  for (const d of hostile) {
    console.log(
      `${d.name.padEnd(40)} ${String(d.bytes).padStart(8)} ${f(d.parseMs).padStart(14)} ${f(d.validateMs).padStart(12)} ${f(d.ratioToParse, 2).padStart(7)} ${`${f(d.validateHeapMB)} (${f(d.parseHeapMB)})`.padStart(16)} ${String(d.issues).padStart(9)}`,
    );
  }
  if (report.site && !report.site.skipped) {
    console.log(
      `\nplayground: ${report.site.javascript.files} scripts, ${f(report.site.javascript.gzippedBytes / 1024)} KB gzipped; first verdict ${f(report.site.firstVerdictMs, 0)} ms in Chromium (median of ${report.site.loads})`,
    );
  }
  console.log("\nbudgets:");
  for (const b of report.budgets)
    console.log(`  ${b.ok ? "ok  " : "MISS"} ${b.name}: ${b.actual} (budget ${b.limit})`);
  for (const n of notes) console.log(`note: ${n}`);
}

if (args.has("--check") && report.budgets.some((b) => !b.ok)) {
  console.error("bench: budget missed");
  process.exit(1);
}
