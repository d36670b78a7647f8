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
});
