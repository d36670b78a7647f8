// Stages the site's Markdown for VitePress: docs/ stays the one source (the docs test runs its
// examples); this copies it, with the site's own pages from site/pages/, into .tmp/site-src/.
// A copy made at build time, never committed, so no page exists twice in the repository.
//   docs/README.md      → index.md (the docs' table of contents is the site's home page)
//   docs/media-types.md → replaced by site/pages/media-types.md (the same table, searchable)
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
/** Where VitePress reads the pages from (its srcDir). */
export const stageDir = join(root, ".tmp", "site-src");

/** Links between docs pages that the rename of README.md to index.md changes. */
function relink(markdown) {
  return markdown.replace(/\]\(README\.md(#[^)]*)?\)/g, "](index.md$1)");
}

/** Copies the pages into `into` (default {@link stageDir}), emptied first; answers `into`. */
export function stage(into = stageDir) {
  rmSync(into, { recursive: true, force: true });
  mkdirSync(into, { recursive: true });
  const sitePages = new Set(readdirSync(join(root, "site", "pages")).filter((f) => f.endsWith(".md")));
  for (const file of readdirSync(join(root, "docs"))) {
    if (!file.endsWith(".md") || sitePages.has(file)) continue;
    const target = file === "README.md" ? "index.md" : file;
    writeFileSync(join(into, target), relink(readFileSync(join(root, "docs", file), "utf8")));
  }
  for (const file of sitePages) cpSync(join(root, "site", "pages", file), join(into, file));
  // VitePress copies srcDir/public/ to the site's root as is (the favicon).
  cpSync(join(root, "site", "public"), join(into, "public"), { recursive: true });
  const images = join(root, "docs", "images");
  if (existsSync(images)) cpSync(images, join(into, "images"), { recursive: true });
  return into;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`staged ${stage()}`);
