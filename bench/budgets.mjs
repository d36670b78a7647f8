// The performance budgets `npm run bench -- --check` enforces (issue: performance). Data, one row each.
export const budgets = {
  validateOverFloor: 1.5,
  // Issue 16: at or below the naive validator a user would write (ajv + image-spec's own schemas +
  // JSON.parse + sha256, which is lax), measured side by side; and the large indexes within 1.3 ×
  // the floor.
  validateOverNaive: 1.0,
  largeIndexOverFloor: 1.3,
  index10kOver1k: 11,
  coldStartOverBareMs: 25,
  bundleGzippedBytes: 35 * 1024,
  // Issue 17: every hostile document of at most 4 MiB (bench/hostile-corpus.mjs), validated in at
  // most 25 × the CPU time of JSON.parse on the same bytes, and with at most 64 MB of heap growth
  // beyond what JSON.parse's own value of those bytes takes (JSON.parse alone grows the heap by
  // 89 MB for `layers: [{},{},…]`, so no validator that parses the document can meet 64 MB absolute).
  hostileOverParse: 25,
  hostileHeapOverParseMB: 64,
};

/** Each budget with the measured value and whether it holds. */
export function checkBudgets(report) {
  const worst = report.documents.reduce((a, d) => (d.ratioToFloor > a.ratioToFloor ? d : a));
  return [
    {
      name: `validate(bytes) ÷ floor, worst document (${worst.name})`,
      actual: worst.ratioToFloor.toFixed(2),
      limit: `≤ ${budgets.validateOverFloor}`,
      ok: worst.ratioToFloor <= budgets.validateOverFloor,
    },
    ...naiveBudget(report),
    ...largeIndexBudget(report),
    {
      name: "10,000-entry index ÷ 1,000-entry index",
      actual: report.scaling.index10kOver1k.toFixed(2),
      limit: `≤ ${budgets.index10kOver1k}`,
      ok: report.scaling.index10kOver1k <= budgets.index10kOver1k,
    },
    {
      name: "cold start, first verdict minus bare node (ms)",
      actual: report.coldStart.oursOverBareMs.toFixed(1),
      limit: `≤ ${budgets.coldStartOverBareMs}`,
      ok: report.coldStart.oursOverBareMs <= budgets.coldStartOverBareMs,
    },
    {
      name: "core bundle, minified + gzipped (bytes)",
      actual: String(report.bundle.gzippedBytes),
      limit: `≤ ${budgets.bundleGzippedBytes}`,
      ok: report.bundle.gzippedBytes <= budgets.bundleGzippedBytes,
    },
    {
      name: "every corpus document valid",
      actual: report.notes.some((n) => n.includes("reports errors")) ? "no" : "yes",
      limit: "yes",
      ok: !report.notes.some((n) => n.includes("reports errors")),
    },
    ...hostileBudgets(report),
  ];
}

/** The hostile corpus's budgets, when the report has it: the worst document of each. */
function hostileBudgets(report) {
  const rows = report.hostile ?? [];
  if (rows.length === 0) return [];
  const slowest = rows.reduce((a, d) => (d.ratioToParse > a.ratioToParse ? d : a));
  const extra = (d) => d.validateHeapMB - d.parseHeapMB;
  const heaviest = rows.reduce((a, d) => (extra(d) > extra(a) ? d : a));
  return [
    {
      name: `hostile document: validate ÷ JSON.parse, worst (${slowest.name})`,
      actual: slowest.ratioToParse.toFixed(2),
      limit: `≤ ${budgets.hostileOverParse}`,
      ok: slowest.ratioToParse <= budgets.hostileOverParse,
    },
    {
      name: `hostile document: heap growth beyond JSON.parse's (MB), worst (${heaviest.name}: ${heaviest.validateHeapMB.toFixed(1)} MB, JSON.parse ${heaviest.parseHeapMB.toFixed(1)} MB)`,
      actual: extra(heaviest).toFixed(1),
      limit: `≤ ${budgets.hostileHeapOverParseMB}`,
      ok: extra(heaviest) <= budgets.hostileHeapOverParseMB,
    },
    {
      name: "hostile document: findings within limits.maxIssues (1,000)",
      actual: String(Math.max(...rows.map((d) => d.issues))),
      limit: "≤ 1000",
      ok: rows.every((d) => d.issues <= 1000),
    },
  ];
}

/** ocispec ÷ naive on the worst document, when the naive contender was measured (../shared present). */
function naiveBudget(report) {
  const rows = report.documents.filter((d) => typeof d.ratioToNaive === "number");
  if (rows.length === 0) return [];
  const worst = rows.reduce((a, d) => (d.ratioToNaive > a.ratioToNaive ? d : a));
  return [
    {
      name: `validate(bytes) ÷ naive, worst document (${worst.name})`,
      actual: worst.ratioToNaive.toFixed(2),
      limit: `≤ ${budgets.validateOverNaive}`,
      ok: worst.ratioToNaive <= budgets.validateOverNaive,
    },
  ];
}

/** The corpus's large indexes (1,000 entries and more) against the floor. */
function largeIndexBudget(report) {
  const rows = report.documents.filter((d) => /^index, [\d,]+ entries$/.test(d.name));
  if (rows.length === 0) return [];
  const worst = rows.reduce((a, d) => (d.ratioToFloor > a.ratioToFloor ? d : a));
  return [
    {
      name: `large index ÷ floor, worst (${worst.name})`,
      actual: worst.ratioToFloor.toFixed(2),
      limit: `≤ ${budgets.largeIndexOverFloor}`,
      ok: worst.ratioToFloor <= budgets.largeIndexOverFloor,
    },
  ];
}
