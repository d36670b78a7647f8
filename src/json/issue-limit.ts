import type { Issue } from "../vocabulary/issue.js";

/** The code of the finding that ends a capped list (limits.maxIssues). */
export const TOO_MANY_ISSUES = "too-many-issues";

/**
 * Ends `issues` at `max` findings (at least one), the last saying how many more were found and left
 * out. Called when a stage stopped early: it found at least one finding more than fit, so
 * validation stopped there and what follows was not checked, which the finding also says. Its
 * severity is `error`: an unchecked rest may hold anything, so the document is not valid.
 *
 * @example
 * const issues = Array.from({ length: 5 }, () => ({ code: "x", severity: "error", path: "", message: "" }));
 * capIssues(issues, 3); // issues.length === 3, issues[2].code === "too-many-issues"
 */
export function capIssues(issues: Issue[], max: number): void {
  const keep = Math.max(0, Math.min(issues.length, Math.floor(max) - 1));
  const leftOut = Math.max(1, issues.length - keep);
  issues.length = keep;
  issues.push({
    code: TOO_MANY_ISSUES,
    severity: "error",
    path: "",
    message: `validation stopped after ${keep} finding${keep === 1 ? "" : "s"} (limits.maxIssues is ${max}): at least ${leftOut} more ${leftOut === 1 ? "was" : "were"} left out, and the rest of the document was not checked`,
    ref: "ocispec limits.maxIssues",
  });
}

/** A caller's `limits.maxIssues`: at least 1, a whole number; what is not a number keeps the default. */
export function issueLimit(value: unknown, fallback: number): number {
  if (typeof value !== "number" || Number.isNaN(value)) return fallback;
  return value === Number.POSITIVE_INFINITY ? value : Math.max(1, Math.floor(value));
}
