import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

describe("package.json", () => {
  it("exposes ESM and CJS entries, each with its own types", () => {
    expect(pkg.exports["."].import.types).toBe("./dist/index.d.ts");
    expect(pkg.exports["."].require.types).toBe("./dist/index.d.cts");
    expect(pkg.bin.ocispec).toBe("./dist/cli.js");
  });

  it("pins TypeScript 5 (tsup's declaration build breaks with 7)", () => {
    expect(pkg.devDependencies.typescript).toMatch(/^~?5\./);
  });

  it("has no runtime dependencies: the core bundles what it needs (ajv's helpers included)", () => {
    expect(Object.keys(pkg.dependencies ?? {})).toEqual([]);
    expect(Object.keys(pkg.peerDependencies ?? {})).toEqual([]);
  });

  it("exports the media-type table and the schemas as files, and ships nothing else", () => {
    expect(pkg.exports["./media-types.json"]).toBe("./media-types.json");
    expect(pkg.exports["./schemas/*"]).toBe("./schemas/*");
    expect([...pkg.files].sort()).toEqual([
      "LICENSE",
      "README.md",
      "core/package.json",
      "dist",
      "media-types.json",
      "node/package.json",
      "schemas",
    ]);
    expect(pkg.sideEffects).toBe(false);
  });

  it("generates the API reference from src/index.ts into the ignored docs/api/", () => {
    const typedoc = JSON.parse(readFileSync(new URL("../typedoc.json", import.meta.url), "utf8"));
    expect(typedoc.entryPoints).toEqual(["src/index.ts"]);
    expect(typedoc.out).toBe("docs/api");
    expect(pkg.scripts["docs:api"]).toContain("scripts/api-docs.mjs");
    const ignored = readFileSync(new URL("../.gitignore", import.meta.url), "utf8").split("\n");
    expect(ignored).toContain("/docs/api/");
  });
});
