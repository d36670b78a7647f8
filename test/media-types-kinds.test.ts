// The compact kind index (src/media-types/kinds.generated.ts, src/media-types/facts.ts) is derived
// from the annotated table: these tests fail when the committed file is stale, and check that the
// predicates and the index answer, for every row, what the row says.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mediaTypeFacts } from "../src/media-types/facts.js";
import {
  isConfigMediaType,
  isIndexMediaType,
  isLayerMediaType,
  isManifestMediaType,
  isNonDistributableMediaType,
  layerCompression,
  lookupMediaType,
  type MediaTypeInfo,
  mediaTypes,
} from "../src/media-types/index.js";
import { mediaTypeKindGroups } from "../src/media-types/kinds.generated.js";
import { renderMediaTypeKinds } from "../src/media-types/render-kinds.js";

const generated = new URL("../src/media-types/kinds.generated.ts", import.meta.url);
const factsOf = (row: MediaTypeInfo | undefined) =>
  row === undefined
    ? undefined
    : {
        kind: row.kind,
        ...(row.compression === undefined ? {} : { compression: row.compression }),
        ...(row.nonDistributable === undefined ? {} : { nonDistributable: row.nonDistributable }),
      };

describe("src/media-types/kinds.generated.ts", () => {
  it("is the table as the source renders it", () => {
    expect(
      readFileSync(generated, "utf8") === renderMediaTypeKinds(mediaTypes),
      "kinds.generated.ts is stale: run `npm run generate` (scripts/write-media-type-kinds.mjs) and commit it",
    ).toBe(true);
  });

  it("lists every row of the table once, and nothing else", () => {
    const listed = mediaTypeKindGroups.flatMap((group) => group.mediaTypes);
    expect([...listed].sort()).toEqual(mediaTypes.map((row) => row.mediaType).sort());
  });

  it("fails to render when two rows found by the same key differ in facts", () => {
    const row = mediaTypes.find(
      (r) => r.mediaType === "application/vnd.oci.image.index.v1+json",
    ) as MediaTypeInfo;
    const clash = { ...row, mediaType: "Application/VND.OCI.Image.Index.v1+JSON", kind: "config" as const };
    expect(() => renderMediaTypeKinds([row, clash])).toThrow(/share the lookup key/);
  });
});

describe("mediaTypeFacts", () => {
  it("finds every row's facts, as lookupMediaType finds the row", () => {
    for (const row of mediaTypes) expect(mediaTypeFacts(row.mediaType), row.mediaType).toEqual(factsOf(row));
  });

  it("finds them whatever the case, and with parameters, as lookupMediaType does", () => {
    const inputs = mediaTypes.flatMap(({ mediaType }) => [
      mediaType.toUpperCase(),
      `${mediaType}; charset=utf-8`,
      `${mediaType};version=0.9`,
      mediaType.replace(";", " ; "),
      mediaType.replace(/;.*$/, ""),
    ]);
    for (const input of [...inputs, "application/vnd.example.unknown", "not a media type", ""]) {
      expect(mediaTypeFacts(input), input).toEqual(factsOf(lookupMediaType(input)));
    }
  });

  it("answers undefined for what is not a string", () => {
    expect(mediaTypeFacts(42 as unknown as string)).toBeUndefined();
  });
});

describe("the predicates, which read the kind index", () => {
  it("answer, for every row, what the row's kind and layer columns say", () => {
    for (const row of mediaTypes) {
      const at = row.mediaType;
      expect(isManifestMediaType(at), at).toBe(row.kind === "manifest");
      expect(isIndexMediaType(at), at).toBe(row.kind === "index");
      expect(isConfigMediaType(at), at).toBe(row.kind === "config");
      expect(isLayerMediaType(at), at).toBe(row.kind === "layer");
      expect(layerCompression(at), at).toBe(row.kind === "layer" ? row.compression : undefined);
      expect(isNonDistributableMediaType(at), at).toBe(row.kind === "layer" && row.nonDistributable === true);
    }
  });
});
