// media-types.json and docs/media-types.md are generated from the table; these tests fail when either is stale.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type MediaTypeInfo,
  mediaTypes,
  mediaTypesJson,
  renderMediaTypesMarkdown,
} from "../src/media-types/index.js";

const root = new URL("../", import.meta.url);
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as {
  version: string;
  files: string[];
  exports: Record<string, unknown>;
};
const builtJson = new URL("media-types.json", root);
const FALCO = ["rulesfile", "plugin", "asset"].flatMap((kind) => [
  `application/vnd.cncf.falco.${kind}.config.v1+json`,
  `application/vnd.cncf.falco.${kind}.layer.v1+tar.gz`,
]);
const REGENERATE = "run `npm run build` (scripts/write-media-types.mjs) and commit the result";

describe("docs/media-types.md", () => {
  it("is the table as the source renders it", () => {
    const committed = readFileSync(new URL("docs/media-types.md", root), "utf8");
    expect(
      committed === renderMediaTypesMarkdown(mediaTypes),
      `docs/media-types.md is stale: ${REGENERATE}`,
    ).toBe(true);
  });
});

describe.skipIf(!existsSync(builtJson))("the built media-types.json", () => {
  it("is the table as the source renders it", () => {
    const built = readFileSync(builtJson, "utf8");
    expect(
      built === mediaTypesJson(mediaTypes, pkg.version),
      `media-types.json is stale: ${REGENERATE}`,
    ).toBe(true);
  });

  it("has at least 180 entries, all six Falco types among them", () => {
    const parsed = JSON.parse(readFileSync(builtJson, "utf8")) as {
      version: string;
      mediaTypes: MediaTypeInfo[];
    };
    expect(parsed.version).toBe(pkg.version);
    expect(parsed.mediaTypes.length).toBeGreaterThanOrEqual(180);
    const names = new Set(parsed.mediaTypes.map((row) => row.mediaType));
    for (const mt of FALCO) expect(names, mt).toContain(mt);
  });
});
if (!existsSync(builtJson)) {
  console.warn("media-types.json comparison skipped: the package has not been built (npm test builds first)");
}

describe("the package", () => {
  it("ships media-types.json and exports it as ocispec/media-types.json", () => {
    expect(pkg.files).toContain("media-types.json");
    expect(pkg.exports["./media-types.json"]).toBe("./media-types.json");
  });
});

describe("mediaTypesJson", () => {
  const sample: MediaTypeInfo[] = [
    {
      notes: "n",
      description: "d",
      status: "current",
      family: "f",
      kind: "layer",
      mediaType: "application/x.a+tar",
      spec: "https://example.com",
      knownBy: [{ source: "migration 20200101", name: "gitlab" }],
      compression: "none",
    },
  ];

  it("writes version and rows, keys in a fixed order, two-space indent, final newline", () => {
    const text = mediaTypesJson(sample, "1.2.3");
    expect(text.endsWith("}\n")).toBe(true);
    const parsed = JSON.parse(text) as { version: string; mediaTypes: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(["version", "mediaTypes"]);
    expect(parsed.version).toBe("1.2.3");
    expect(Object.keys(parsed.mediaTypes[0] ?? {})).toEqual([
      "mediaType",
      "kind",
      "family",
      "compression",
      "status",
      "description",
      "spec",
      "knownBy",
      "notes",
    ]);
    expect(text).toContain('\n  "mediaTypes": [\n    {\n      "mediaType": "application/x.a+tar",');
  });

  it("round-trips every row of the table", () => {
    const parsed = JSON.parse(mediaTypesJson(mediaTypes, pkg.version)) as { mediaTypes: MediaTypeInfo[] };
    expect(parsed.mediaTypes).toEqual(mediaTypes);
  });
});

describe("renderMediaTypesMarkdown", () => {
  it("says it is generated and how to regenerate it, and explains the columns", () => {
    const text = renderMediaTypesMarkdown(mediaTypes);
    expect(text).toMatch(/Generated from src\/media-types\/table\.ts/);
    expect(text).toContain("npm run build");
    for (const column of [
      "Media type",
      "Kind",
      "Family",
      "Compression",
      "Status",
      "Known by",
      "Description",
    ]) {
      expect(text).toContain(`**${column}**`);
    }
  });

  it("writes one table row per media type, in table order", () => {
    const rows = renderMediaTypesMarkdown(mediaTypes)
      .split("\n")
      .filter((line) => line.startsWith("| `"));
    expect(rows).toHaveLength(mediaTypes.length);
    rows.forEach((line, i) => {
      expect(line.startsWith(`| \`${mediaTypes[i]?.mediaType}\` |`)).toBe(true);
    });
  });

  it("escapes pipes and line breaks inside cells", () => {
    const text = renderMediaTypesMarkdown([
      {
        mediaType: "application/x.a",
        kind: "other",
        family: "f",
        status: "current",
        description: "a | b\nc",
        spec: "https://example.com",
        knownBy: [{ name: "gitlab", since: "1.0" }, { name: "zot" }],
      },
    ]);
    expect(text).toContain("| a \\| b c ([spec](https://example.com)) |");
    expect(text).toContain("| gitlab since 1.0, zot |");
  });
});
