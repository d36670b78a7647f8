import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Preset, validate } from "../src/validate/index.js";

// image-spec v1.1.1's own test vectors: under `strict` every verdict is reproduced; under the
// default preset the only differences are the ones docs/deviations.md lists, each with the spec
// sentence that justifies it.

const reference = new URL("../../shared/reference/", import.meta.url);
const vectorsFile = new URL("image-spec-vectors.json", reference);
const present = existsSync(vectorsFile);
if (!present) console.warn(`image-spec vectors: skipped, ${vectorsFile.pathname} is absent`);

interface Vector {
  source: string;
  mediaType: string;
  valid: boolean;
  document: unknown;
  documentIsJSON?: boolean;
  note?: string;
}

/** The vector as a registry receives it: the exact bytes, with its Content-Type. */
function run(vector: Vector, preset: Preset) {
  const text = typeof vector.document === "string" ? vector.document : JSON.stringify(vector.document);
  return validate(new TextEncoder().encode(text), { mediaType: vector.mediaType, preset });
}

/** The vector sources docs/deviations.md lists (in backticks, in the first column of its first table). */
function listedDeviations(): Set<string> {
  const doc = readFileSync(new URL("../docs/deviations.md", import.meta.url), "utf8");
  // Only the vectors table at the top: later sections (registry fixtures, …) have their own tests.
  const vectorsSection = doc.split(/^## /m)[0] ?? "";
  return new Set([...vectorsSection.matchAll(/^\|\s*`([^`]+)`/gm)].map((m) => m[1] as string));
}

describe.skipIf(!present)("conformance: image-spec v1.1.1 vectors", () => {
  const vectors: Vector[] = present ? JSON.parse(readFileSync(vectorsFile, "utf8")) : [];

  it("has all 84 vectors", () => {
    expect(vectors).toHaveLength(84);
  });

  it("strict reproduces every verdict, default differs only where docs/deviations.md says", () => {
    const strictMisses = vectors.filter((v) => run(v, "strict").valid !== v.valid).map((v) => v.source);
    const defaultDiffs = vectors.filter((v) => run(v, "default").valid !== v.valid).map((v) => v.source);
    const listed = listedDeviations();
    console.log(
      `image-spec vectors: strict ${vectors.length - strictMisses.length}/${vectors.length} reproduced; default: ${defaultDiffs.length} differ, ${defaultDiffs.every((s) => listed.has(s)) ? "all" : "NOT all"} listed in docs/deviations.md`,
    );
    expect(strictMisses).toEqual([]);
    expect(defaultDiffs.filter((s) => !listed.has(s))).toEqual([]);
    // Every listed deviation is a real one: nothing stale in the document.
    expect([...listed].filter((s) => !defaultDiffs.includes(s))).toEqual([]);
  });

  it("documents that are not JSON fail in the reader, valid documents have no errors under either preset", () => {
    for (const vector of vectors) {
      const result = run(vector, "strict");
      if (vector.documentIsJSON === false) {
        expect(
          result.issues.every((i) => i.code.startsWith("json-")),
          vector.source,
        ).toBe(true);
      }
      if (vector.valid)
        expect(
          result.issues.filter((i) => i.severity === "error"),
          vector.source,
        ).toEqual([]);
    }
  });
});
