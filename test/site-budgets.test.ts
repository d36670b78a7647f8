import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM module without types (bench/ is not part of the build)
import { checkSiteBudgets, siteBudgets } from "../bench/site-budgets.mjs";

/** A site report shaped like bench/site.mjs's, every figure at the given fraction of its budget. */
function site(fraction: number) {
  return {
    firstVerdictMs: siteBudgets.playgroundFirstVerdictMs * fraction,
    javascript: { gzippedBytes: Math.round(siteBudgets.playgroundJsGzippedBytes * fraction) },
  };
}

describe("playground budgets", () => {
  it("passes every budget met exactly", () => {
    const checked = checkSiteBudgets(site(1));
    expect(checked).toHaveLength(2);
    expect(checked.every((b: { ok: boolean }) => b.ok)).toBe(true);
  });

  it("misses every budget exceeded", () => {
    expect(checkSiteBudgets(site(1.01)).map((b: { ok: boolean }) => b.ok)).toEqual([false, false]);
  });

  it("checks nothing when the site was skipped (no Chromium)", () => {
    expect(checkSiteBudgets({ skipped: "chromium is not installed" })).toEqual([]);
  });
});
