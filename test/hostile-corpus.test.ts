// Every document of the bench's hostile corpus (bench/hostile-corpus.mjs) gets a bounded answer:
// no more findings than limits.maxIssues, the last saying how many were left out, and bodies that
// serialise. Not timed: `npm run bench -- --check` holds the time and heap budgets on the 4 MiB
// documents; here they fill 1 MiB (floods of hundreds of thousands of findings still), to keep the
// suite inside CI's budget.
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM module without types (bench/ is not part of the build)
import { hostileCorpus } from "../bench/hostile-corpus.mjs";
import { DEFAULT_MAX_ISSUES, toDistributionError, validate, validateUpload } from "../src/index.js";

interface HostileDocument {
  name: string;
  bytes: Uint8Array;
  mediaType: string;
}

describe("hostile corpus: every answer is bounded", () => {
  const documents = hostileCorpus(1024 * 1024) as HostileDocument[];

  it("holds documents of at most 4 MiB", () => {
    const full = hostileCorpus() as HostileDocument[];
    expect(full.length).toBeGreaterThan(10);
    for (const doc of full) expect(doc.bytes.length).toBeLessThanOrEqual(4 * 1024 * 1024);
    for (const doc of documents) expect(doc.bytes.length).toBeLessThanOrEqual(1024 * 1024);
  });

  for (const doc of documents) {
    it(doc.name, () => {
      const result = validate(doc.bytes, { mediaType: doc.mediaType });
      expect(result.issues.length).toBeLessThanOrEqual(DEFAULT_MAX_ISSUES);
      if (result.issues.length === DEFAULT_MAX_ISSUES) {
        expect(result.issues.at(-1)).toMatchObject({ code: "too-many-issues", severity: "error" });
        expect(result.valid).toBe(false);
      }
      // Every finding located, the cap's own included (it is about the whole document).
      for (const issue of result.issues) expect(issue.line).toBeGreaterThanOrEqual(1);
      const body = JSON.stringify(toDistributionError(result));
      expect(body.length).toBeLessThan(1 << 20);
      const answer = validateUpload(doc.bytes, { contentType: doc.mediaType, reference: "v1" });
      expect(answer.issues.length).toBeLessThanOrEqual(DEFAULT_MAX_ISSUES);
      expect(JSON.stringify(answer.body ?? {}).length).toBeLessThan(1 << 20);
      expect(answer.status === 201).toBe(answer.valid);
    });
  }
});
