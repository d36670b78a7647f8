// Where validate(bytes) spends its time: the clean path stage by stage, next to the floor (decode +
// JSON.parse + sha256) and the full pipeline. Run: node bench/stages.mjs [--json]. Bundles the
// sources on the fly with esbuild (no build needed); CPU time per call, interleaved rounds, medians,
// each document in this one process (bench/run.mjs is the reference for the budgets).
//
// The stages are cumulative, each including the ones before it: decode + parse; + the bracket
// guard; + the kind's fast check; + the separator proof; + the digest. "clean" is the whole clean path
// (fastValidate), "full" the full pipeline that documents with findings take.
import { createHash } from "node:crypto";
import { build } from "esbuild";
import { corpus } from "./corpus.mjs";
import { measureInterleaved } from "./sampling.mjs";

const entry = `
export { fastChecks } from "./src/validate/fast-path/fast-checks.ts";
export { fastValidate } from "./src/validate/fast-path/fast-validate.ts";
export { fewOpeningBrackets, separatorsAgree } from "./src/json/text-agrees.ts";
export { computeDigest } from "./src/digest/index.ts";
export { detectKind } from "./src/validate/detect-kind.ts";
export { runPipeline } from "./src/validate/pipeline.ts";
`;
const out = await build({
  stdin: { contents: entry, loader: "ts", resolveDir: new URL("..", import.meta.url).pathname },
  bundle: true,
  format: "esm",
  platform: "neutral",
  write: false,
  logLevel: "silent",
});
const M = await import(
  `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString("base64")}`
);

const decoder = new TextDecoder("utf-8", { fatal: true });
const rows = [];
for (const doc of corpus()) {
  const text = decoder.decode(doc.bytes);
  const kind = M.detectKind(JSON.parse(text), undefined, undefined).spec.kind;
  const check = M.fastChecks[kind];
  if (M.fastValidate(doc.bytes, {}, undefined) === undefined)
    throw new Error(`${doc.name}: not proven clean`);
  /** The clean path up to stage `k` (0: decode + parse … 4: + digest). */
  const upTo = (k) => () => {
    const t = decoder.decode(doc.bytes);
    if (k >= 1 && !M.fewOpeningBrackets(t, 64)) throw new Error("brackets");
    const value = JSON.parse(t);
    const tally = { members: 0 };
    if (k >= 2 && !check(value, tally)) throw new Error("check");
    if (k >= 3 && !M.separatorsAgree(t, tally.members)) throw new Error("separators");
    if (k >= 4) M.computeDigest(doc.bytes);
  };
  const m = measureInterleaved({
    floor: () => {
      JSON.parse(decoder.decode(doc.bytes));
      createHash("sha256").update(doc.bytes).digest("hex");
    },
    parse: upTo(0),
    brackets: upTo(1),
    check: upTo(2),
    proof: upTo(3),
    digest: upTo(4),
    clean: () => M.fastValidate(doc.bytes, {}, undefined),
    full: () => M.runPipeline(doc.bytes, {}, { full: true }),
  });
  rows.push({
    name: doc.name,
    floorUs: m.ns.floor / 1e3,
    ...Object.fromEntries(
      ["parse", "brackets", "check", "proof", "digest", "clean", "full"].map((k) => [k, m.ratio(k, "floor")]),
    ),
  });
}

if (process.argv.includes("--json")) console.log(JSON.stringify(rows, null, 2));
else {
  const f = (n) => n.toFixed(2).padStart(9);
  console.log(
    "÷ floor (cumulative)       floor µs    parse  +guard  +check  +proof +digest    clean     full",
  );
  for (const r of rows) {
    console.log(
      `${r.name.slice(0, 25).padEnd(25)}${r.floorUs.toFixed(1).padStart(10)}${f(r.parse)}${f(r.brackets).slice(1)}${f(r.check).slice(1)}${f(r.proof).slice(1)}${f(r.digest).slice(1)}${f(r.clean)}${f(r.full)}`,
    );
  }
}
