// Where validate(bytes) spends its time, stage by stage, next to the floor's parts: decode,
// JSON.parse, sha256. Run: node bench/stages.mjs [--json]. Bundles the sources on the fly with
// esbuild (no build needed); CPU time per call, interleaved rounds, medians (see bench/run.mjs).
import { createHash } from "node:crypto";
import { build } from "esbuild";
import { corpus } from "./corpus.mjs";

const entry = `
export { readJson } from "./src/json/read-json.ts";
export { computeDigest } from "./src/digest/index.ts";
export { validate } from "./src/validate/index.ts";
export { detectKind } from "./src/validate/detect-kind.ts";
`;
const out = await build({
  stdin: { contents: entry, loader: "ts", resolveDir: new URL("..", import.meta.url).pathname },
  bundle: true,
  format: "esm",
  platform: "neutral",
  write: false,
  logLevel: "silent",
});
const { readJson, computeDigest, validate, detectKind } = await import(
  `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString("base64")}`
);

const cpuNs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1e3;
};
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

function measure(contenders, rounds = 21) {
  const names = Object.keys(contenders);
  const counts = {};
  for (const n of names) {
    let k = 1;
    for (;;) {
      const t0 = cpuNs();
      for (let i = 0; i < k; i++) contenders[n]();
      const ns = cpuNs() - t0;
      if (ns > 3e6 || k >= 1 << 20) {
        counts[n] = Math.max(1, Math.round((k * 3e6) / Math.max(ns, 1)));
        break;
      }
      k *= 2;
    }
  }
  const per = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const n of names) {
      const t0 = cpuNs();
      for (let i = 0; i < counts[n]; i++) contenders[n]();
      per[n].push((cpuNs() - t0) / counts[n]);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(per[n]) / 1e3]));
}

const decoder = new TextDecoder("utf-8", { fatal: true });
const rows = [];
for (const doc of corpus()) {
  const text = decoder.decode(doc.bytes);
  const value = JSON.parse(text);
  const schema = detectKind(value, undefined, undefined).spec?.schema;
  for (let i = 0; i < 200; i++) validate(doc.bytes);
  const us = measure({
    decode: () => decoder.decode(doc.bytes),
    parse: () => JSON.parse(text),
    sha256: () => createHash("sha256").update(doc.bytes).digest("hex"),
    readJson: () => readJson(doc.bytes),
    computeDigest: () => computeDigest(doc.bytes),
    schema: () => schema?.(value),
    validateBytes: () => validate(doc.bytes),
  });
  const floor = us.decode + us.parse + us.sha256;
  rows.push({
    name: doc.name,
    floor,
    ...us,
    strictReaderExtra: us.readJson - us.decode - us.parse,
    rulesAndPipeline: us.validateBytes - us.readJson - us.computeDigest - us.schema,
    validateOverFloor: us.validateBytes / floor,
  });
}

if (process.argv.includes("--json")) console.log(JSON.stringify(rows, null, 2));
else {
  const f = (n) => n.toFixed(n < 100 ? 1 : 0).padStart(8);
  console.log(
    "CPU µs per call    decode    parse   sha256 | readJson  (extra)   digest   schema rules+pipe | validate  ×floor",
  );
  for (const r of rows) {
    console.log(
      `${r.name.slice(0, 18).padEnd(18)}${f(r.decode)} ${f(r.parse)} ${f(r.sha256)} |${f(r.readJson)} ${f(r.strictReaderExtra)} ${f(r.computeDigest)} ${f(r.schema)} ${f(r.rulesAndPipeline)}   |${f(r.validateBytes)} ${r.validateOverFloor.toFixed(2).padStart(7)}`,
    );
  }
  console.log(
    "\n(extra) = readJson − decode − parse: the strict reader's own work. rules+pipe = validate(bytes) − readJson − digest −\nschema: kind detection, the rules, the result.",
  );
}
