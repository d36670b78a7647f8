import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM module without types (bench/ is not part of the build)
import { budgets, checkBudgets } from "../bench/budgets.mjs";

/** A report shaped like bench/run.mjs's, every figure at the given fraction of its budget. */
function report(fraction: number, notes: string[] = []) {
  return {
    documents: [
      { name: "a", ratioToFloor: budgets.validateOverFloor * fraction * 0.5 },
      {
        name: "b",
        ratioToFloor: budgets.validateOverFloor * fraction,
        ratioToNaive: budgets.validateOverNaive * fraction,
      },
      {
        name: "index, 1,000 entries",
        ratioToFloor: budgets.largeIndexOverFloor * fraction,
        ratioToNaive: budgets.validateOverNaive * fraction * 0.5,
      },
    ],
    scaling: { index10kOver1k: budgets.index10kOver1k * fraction },
    coldStart: { oursOverBareMs: budgets.coldStartOverBareMs * fraction },
    bundle: { gzippedBytes: Math.round(budgets.bundleGzippedBytes * fraction) },
    notes,
  };
}

describe("bench budgets", () => {
  it("leaves the naive budget out when the naive contender was not measured", () => {
    const bare = report(1);
    for (const d of bare.documents) delete (d as { ratioToNaive?: number }).ratioToNaive;
    expect(checkBudgets(bare).some((b: { name: string }) => b.name.includes("naive"))).toBe(false);
  });

  it("passes every budget met exactly", () => {
    expect(checkBudgets(report(1)).every((b: { ok: boolean }) => b.ok)).toBe(true);
  });

  it("misses every budget exceeded, and names the worst document", () => {
    const checked = checkBudgets(report(1.01));
    expect(checked.filter((b: { ok: boolean }) => !b.ok).length).toBe(6);
    expect(checked[0].name).toContain("(b)");
    expect(checked[1].name).toBe("validate(bytes) ÷ naive, worst document (b)");
    expect(checked[2].name).toBe("large index ÷ floor, worst (index, 1,000 entries)");
  });

  it("misses when a corpus document is not valid", () => {
    const checked = checkBudgets(report(0.5, ["index: validate() reports errors: x"]));
    expect(checked.map((b: { ok: boolean }) => b.ok)).toEqual([true, true, true, true, true, true, false]);
  });
});

describe("hostile corpus budgets", () => {
  const row = (ratio: number, extraMB: number, issues = 1000) => ({
    name: "h",
    ratioToParse: ratio,
    validateHeapMB: 90 + extraMB,
    parseHeapMB: 90,
    issues,
  });
  const hostileRows = (rows: unknown[]) =>
    checkBudgets({ ...report(1), hostile: rows }).filter((b: { name: string }) =>
      b.name.startsWith("hostile"),
    );

  it("passes every hostile document at its budgets", () => {
    const rows = hostileRows([row(budgets.hostileOverParse, budgets.hostileHeapOverParseMB), row(1, 1, 3)]);
    expect(rows).toHaveLength(3);
    expect(rows.every((b: { ok: boolean }) => b.ok)).toBe(true);
  });

  it("fails on the one document over time, over heap, or over the finding cap", () => {
    expect(
      hostileRows([row(1, 1), row(budgets.hostileOverParse * 1.01, 1)]).filter((b: { ok: boolean }) => !b.ok),
    ).toHaveLength(1);
    expect(
      hostileRows([row(1, budgets.hostileHeapOverParseMB + 1)]).filter((b: { ok: boolean }) => !b.ok),
    ).toHaveLength(1);
    expect(hostileRows([row(1, 1, 1001)]).filter((b: { ok: boolean }) => !b.ok)).toHaveLength(1);
  });
});
