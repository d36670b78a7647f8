// The performance budgets `npm run bench -- --check` enforces (issue: performance). Data, one row each.
export const budgets = {
  validateOverFloor: 1.5,
  index10kOver1k: 11,
  coldStartOverBareMs: 25,
  bundleGzippedBytes: 35 * 1024,
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
  ];
}
