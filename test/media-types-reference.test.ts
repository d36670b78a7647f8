// Cross-check against the shared reference list the table started from (../shared/reference/media-types.tsv).
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lookupMediaType } from "../src/media-types/index.js";

const tsv = new URL("../../shared/reference/media-types.tsv", import.meta.url);
const present = existsSync(tsv);
if (!present)
  console.warn("media-types reference check skipped: ../shared/reference/media-types.tsv is absent");

describe.skipIf(!present)("the reference media-type list", () => {
  const rows = present
    ? readFileSync(tsv, "utf8")
        .trim()
        .split("\n")
        .slice(1)
        .map((line) => {
          const [mediaType = "", kind = "", knownBy = "", status = ""] = line.split("\t");
          return { mediaType, kind, knownBy: knownBy.split(","), status };
        })
    : [];

  it("has rows", () => {
    expect(rows.length).toBeGreaterThan(150);
  });

  it("is wholly in the table, with the same kind and status", () => {
    for (const ref of rows) {
      const row = lookupMediaType(ref.mediaType);
      expect(row?.mediaType, ref.mediaType).toBe(ref.mediaType);
      expect(row?.kind, ref.mediaType).toBe(ref.kind);
      expect(row?.status, ref.mediaType).toBe(ref.status);
    }
  });

  it("keeps every registry and tool that knows each type", () => {
    for (const ref of rows) {
      const names = new Set(lookupMediaType(ref.mediaType)?.knownBy.map((k) => k.name));
      for (const name of ref.knownBy.filter((n) => !n.startsWith("def:"))) {
        expect(names, `${ref.mediaType} known by ${name}`).toContain(name);
      }
    }
  });
});
