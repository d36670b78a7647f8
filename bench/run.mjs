// `npm run bench`: validate() against the floor (decode + JSON.parse + sha256) and the naive
// approach, cold start, memory and bundle size. `--json` for machines, `--check` to enforce budgets.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { checkBudgets } from "./budgets.mjs";
import { corpus } from "./corpus.mjs";
import { compileNaive, imageSpecSchemaDir } from "./naive.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const distEntry = join(root, "dist", "index.js");
const args = new Set(process.argv.slice(2));
const { validate } = await import(pathToFileURL(distEntry).href);

/** Iterations of `fn` that take about `targetNs` together (at least 1). */
function calibrate(fn, targetNs = 2e6) {
  let iterations = 1;
  for (;;) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    const ns = Number(process.hrtime.bigint() - t0);
    if (ns > targetNs || iterations >= 1 << 20) return Math.max(1, Math.round((iterations * targetNs) / ns));
    iterations *= 2;
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Interleaved sampling: each round times one batch of every contender back to back, so a burst of
 * load from other processes hits all of them alike. Answers each contender's median time per
 * operation (ns), and `ratio(a, b)`: the median, over rounds, of a's time over b's in that round.
 */
function measureInterleaved(contenders, rounds = 31) {
  const names = Object.keys(contenders);
  const iterations = Object.fromEntries(names.map((n) => [n, calibrate(contenders[n])]));
  const perOp = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const name of names) {
      const fn = contenders[name];
      const count = iterations[name];
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < count; i++) fn();
      perOp[name].push(Number(process.hrtime.bigint() - t0) / count);
    }
  }
  return {
    ns: Object.fromEntries(names.map((n) => [n, median(perOp[n])])),
    ratio: (a, b) => median(perOp[a].map((v, r) => v / perOp[b][r])),
  };
}

const decoder = new TextDecoder("utf-8", { fatal: true });
const schemaDir = imageSpecSchemaDir(root);
const naive = schemaDir ? compileNaive(schemaDir) : undefined;
const notes = [];
if (!naive) notes.push("naive baseline skipped: ../shared/reference/image-spec-schema is absent");

const documents = [];
for (const doc of corpus()) {
  const verdict = validate(doc.bytes);
  if (!verdict.valid) {
    notes.push(`${doc.name}: validate() reports errors: ${verdict.issues.map((i) => i.code).join(", ")}`);
  }
  const floor = () => {
    JSON.parse(decoder.decode(doc.bytes));
    createHash("sha256").update(doc.bytes).digest("hex");
  };
  const parseOnly = () => JSON.parse(decoder.decode(doc.bytes));
  const ours = () => validate(doc.bytes);
  const naiveFn = naive ? () => naive[doc.naive](JSON.parse(decoder.decode(doc.bytes))) : undefined;
  // Warm every path first so no contender pays the others' JIT.
  for (let i = 0; i < 50; i++) {
    floor();
    ours();
    naiveFn?.();
  }
  const m = measureInterleaved({
    floor,
    parseOnly,
    ours,
    ...(naiveFn === undefined ? {} : { naive: naiveFn }),
  });
  documents.push({
    name: doc.name,
    bytes: doc.bytes.length,
    floorUs: m.ns.floor / 1e3,
    parseUs: m.ns.parseOnly / 1e3,
    validateUs: m.ns.ours / 1e3,
    naiveUs: naiveFn === undefined ? undefined : m.ns.naive / 1e3,
    ratioToFloor: m.ratio("ours", "floor"),
    naiveRatioToParse: naiveFn === undefined ? undefined : m.ratio("naive", "parseOnly"),
  });
}

/** Wall time of one fresh `node` process running `script`, in ms. */
function spawnMs(script) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: root,
    encoding: "utf8",
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`cold-start script failed: ${r.stderr}`);
  return ms;
}

/**
 * Cold starts, interleaved: each round starts every script once, back to back, so load from other
 * processes hits all alike. Answers each script's median time and its median paired excess over
 * the first (the bare start).
 */
function coldStarts(scripts, rounds = 15) {
  const names = Object.keys(scripts);
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) for (const n of names) times[n].push(spawnMs(scripts[n]));
  const [first] = names;
  return Object.fromEntries(
    names.map((n) => [
      n,
      { ms: median(times[n]), overFirstMs: median(times[n].map((t, r) => t - times[first][r])) },
    ]),
  );
}
const sample = JSON.stringify(Array.from(corpus()[0].bytes));
const cold = coldStarts({
  bare: "",
  ours: `import { validate } from ${JSON.stringify(pathToFileURL(distEntry).href)};
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

const bundled = await build({
  entryPoints: [distEntry],
  bundle: true,
  minify: true,
  format: "esm",
  platform: "neutral",
  write: false,
  logLevel: "silent",
});
const minBytes = bundled.outputFiles[0].contents;
const bundle = { minifiedBytes: minBytes.length, gzippedBytes: gzipSync(minBytes, { level: 9 }).length };

const idx1k = documents.find((d) => d.name.includes("1,000"));
const idx10k = documents.find((d) => d.name.includes("10,000"));
const report = {
  machine: { node: process.version, cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length },
  documents,
  scaling: { index10kOver1k: idx10k.validateUs / idx1k.validateUs },
  coldStart: {
    bareMs,
    oursMs: oursColdMs,
    oursOverBareMs: cold.ours.overFirstMs,
    naiveMs: naiveColdMs,
    naiveOverBareMs: cold.naive?.overFirstMs,
  },
  memory,
  bundle,
  notes,
};
report.budgets = checkBudgets(report);

if (args.has("--json")) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const f = (n, d = 1) => (n === undefined ? "—" : n.toFixed(d));
  console.log(
    `ocispec benchmark — ${report.machine.node}, ${report.machine.cpu} (${report.machine.cores} cores)\n`,
  );
  console.log(
    "document                        bytes     floor µs  validate µs  ×floor  naive µs  naive×parse",
  );
  for (const d of documents) {
    console.log(
      `${d.name.padEnd(30)} ${String(d.bytes).padStart(8)} ${f(d.floorUs).padStart(11)} ${f(d.validateUs).padStart(12)} ${f(d.ratioToFloor, 2).padStart(7)} ${f(d.naiveUs).padStart(9)} ${f(d.naiveRatioToParse, 2).padStart(12)}`,
    );
  }
  console.log(
    `\nscaling: 10,000-entry index costs ${f(report.scaling.index10kOver1k, 2)} × the 1,000-entry one`,
  );
  console.log(
    `cold start (import + first verdict): ${f(oursColdMs)} ms; bare node ${f(bareMs)} ms (+${f(cold.ours.overFirstMs)} ms); naive compile + verdict ${f(naiveColdMs)} ms (+${f(cold.naive?.overFirstMs)} ms)`,
  );
  console.log(
    `memory, 10,000-entry index (${memory.bytes} bytes): ${f(memory.growth / 2 ** 20, 2)} MiB allocated during the call, ${f(memory.retained / 2 ** 20, 2)} MiB retained`,
  );
  console.log(
    `core bundle: ${f(bundle.minifiedBytes / 1024)} KB minified, ${f(bundle.gzippedBytes / 1024)} KB gzipped`,
  );
  console.log("\nbudgets:");
  for (const b of report.budgets)
    console.log(`  ${b.ok ? "ok  " : "MISS"} ${b.name}: ${b.actual} (budget ${b.limit})`);
  for (const n of notes) console.log(`note: ${n}`);
}

if (args.has("--check") && report.budgets.some((b) => !b.ok)) {
  console.error("bench: budget missed");
  process.exit(1);
}
