// The site's pages are docs/ itself: staging copies every page unchanged (but for the links to
// README.md, which becomes the home page), so the docs test's examples are the site's.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM module without types (site/ scripts are not part of the build)
import { stage } from "../site/stage.mjs";

const root = join(import.meta.dirname, "..");
const into = mkdtempSync(join(tmpdir(), "ocispec-site-stage-"));
afterAll(() => rmSync(into, { recursive: true, force: true }));

describe("site staging", () => {
  stage(into);
  const staged = new Set(readdirSync(into));
  const sitePages = readdirSync(join(root, "site", "pages"));
  const docs = readdirSync(join(root, "docs")).filter((file) => file.endsWith(".md"));

  it("has every docs page, README.md as the home page", () => {
    for (const file of docs) expect(staged.has(file === "README.md" ? "index.md" : file)).toBe(true);
    expect(staged.has("README.md")).toBe(false);
  });

  it("copies every docs page unchanged but for links to README.md", () => {
    for (const file of docs.filter((name) => !sitePages.includes(name))) {
      const source = readFileSync(join(root, "docs", file), "utf8");
      const copy = readFileSync(join(into, file === "README.md" ? "index.md" : file), "utf8");
      expect(copy.replaceAll("](index.md", "](README.md"), file).toBe(source);
    }
  });

  it("adds the playground and replaces the generated table with the browsable one", () => {
    expect(readFileSync(join(into, "playground.md"), "utf8")).toContain("<Playground />");
    expect(readFileSync(join(into, "media-types.md"), "utf8")).toContain("<MediaTypes />");
  });
});
