// Where validate(bytes) spends its time: the clean path stage by stage, next to the floor (decode +
// JSON.parse + sha256) and the full pipeline. Run: node bench/stages.mjs [--json]. Bundles the
// sources on the fly with esbuild (no build needed); CPU time per call, interleaved rounds, medians,
// each document in this one process (bench/run.mjs is the reference for the budgets).
//
// The stages are cumulative, each including the ones before it: decode + parse (with the bracket
// guard); + the schema (which counts members); + the separator proof; + the rules; + the digest.
// "clean" is the whole clean path as validate runs it, "full" the full pipeline that documents with
// findings take.
import { createHash } from "node:crypto";
import { build } from "esbuild";
import { corpus } from "./corpus.mjs";
import { measureInterleaved } from "./sampling.mjs";

const entry = `
export { cleanResult, decodeAndParse } from "./src/validate/clean-path.ts";
export { descriptorRulesToRun } from "./src/validate/clean-path-descriptor-rules.ts";
export { cleanRulesCheck } from "./src/validate/clean-rules.ts";
export { proveTextClean } from "./src/json/text-agrees.ts";
export { computeDigest } from "./src/digest/index.ts";
export { detectKind } from "./src/validate/detect-kind.ts";
export { runDocumentRules } from "./src/validate/document-rules.ts";
export { RuleRunner } from "./src/validate/rule-runner.ts";
export { countMembers } from "./src/validate/generated/validators.js";
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

const STAGES = ["parse", "schema", "proof", "rules", "digest", "clean", "full"];
const rows = [];
for (const doc of corpus()) {
  if (M.runPipeline(doc.bytes, {}, {}).issues.length > 0) throw new Error(`${doc.name}: not clean`);
  /** The clean path up to stage `k` (0: decode + parse … 4: + digest). */
  const upTo = (k) => () => {
    const parsed = M.decodeAndParse(doc.bytes, {});
    if (k === 0) return;
    const spec = M.detectKind(parsed.value, undefined, undefined).spec;
    const members = M.countMembers(spec.schema, parsed.value);
    if (k >= 2 && !M.proveTextClean(parsed.text, members)) throw new Error("separators");
    if (k >= 3) {
      // As the clean path runs them: the generated calls, or the runner when there are none.
      const generated = M.cleanRulesCheck(spec);
      if (generated !== undefined) {
        if (!generated(parsed.value, { contentType: undefined, bytes: doc.bytes })) throw new Error("rules");
      } else {
        const issues = [];
        M.runDocumentRules(
          new M.RuleRunner(issues, "default", {}, false, 0),
          spec,
          parsed.value,
          undefined,
          M.descriptorRulesToRun(spec),
        );
        if (issues.length > 0) throw new Error("rules");
      }
    }
    if (k >= 4) M.computeDigest(doc.bytes);
  };
  const m = measureInterleaved({
    floor: () => {
      JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(doc.bytes));
      createHash("sha256").update(doc.bytes).digest("hex");
    },
    parse: upTo(0),
    schema: upTo(1),
    proof: upTo(2),
    rules: upTo(3),
    digest: upTo(4),
    clean: () => M.runPipeline(doc.bytes, {}, {}),
    full: () => M.runPipeline(doc.bytes, {}, { full: true }),
  });
  rows.push({
    name: doc.name,
    floorUs: m.ns.floor / 1e3,
    ...Object.fromEntries(STAGES.map((k) => [k, m.ratio(k, "floor")])),
  });
}

if (process.argv.includes("--json")) console.log(JSON.stringify(rows, null, 2));
else {
  const f = (n) => n.toFixed(2).padStart(8);
  console.log("÷ floor (cumulative)       floor µs   parse +schema  +proof  +rules +digest   clean    full");
  for (const r of rows) {
    console.log(
      `${r.name.slice(0, 25).padEnd(25)}${r.floorUs.toFixed(1).padStart(10)}${STAGES.map((k) => f(r[k])).join("")}`,
    );
  }
}
