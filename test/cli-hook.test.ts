// The shipped pre-commit hook definition. Every hook recipe, pre-commit's included, is run for real
// by test/hook-recipes.test.ts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const hooks = readFileSync(new URL("../.pre-commit-hooks.yaml", import.meta.url), "utf8");
const field = (name: string) => hooks.match(new RegExp(`^[\\s-]+${name}: (.+)$`, "m"))?.[1]?.trim() ?? "";

describe(".pre-commit-hooks.yaml", () => {
  it("declares the hook pre-commit needs", () => {
    expect(field("id")).toBe("ocispec-lint");
    expect(field("language")).toBe("node");
    // pre-commit 3.0 knows the pre-push stage only as `push` (3.2 added `pre-push` and keeps `push`)
    expect(field("stages")).toBe("[push]");
    expect(hooks).not.toMatch(/minimum_pre_commit_version: "3\.[2-9]/);
    expect(field("entry")).toBe("ocispec lint --no-error-on-unmatched-pattern");
    const files = new RegExp(field("files"));
    for (const yes of [
      "manifest.json",
      "a/b/index.json",
      "layout/oci-layout",
      `layout/blobs/sha256/${"a".repeat(64)}`,
    ]) {
      expect(files.test(yes), yes).toBe(true);
    }
    for (const no of ["README.md", "src/main.ts", "oci-layout.md"]) expect(files.test(no), no).toBe(false);
  });
});
