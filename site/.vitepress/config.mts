// The documentation site: VitePress over docs/ (staged by site/stage.mjs), plus the playground and
// the media-type browser, which import the library as built (dist/index.js).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { defineConfig } from "vitepress";

const root = join(import.meta.dirname, "..", "..");
/** The site's own pages, the only ones whose Markdown may hold tags (the playground's component). */
const sitePages = new Set(readdirSync(join(root, "site", "pages")));

/**
 * The guides in the order docs/README.md's table lists them, each named by its page's first
 * heading: a page added to docs/ and to that table is in the sidebar with nothing else to edit.
 */
function guides(): { text: string; link: string }[] {
  const table = readFileSync(join(root, "docs", "README.md"), "utf8");
  const files = [...table.matchAll(/^\| \[[^\]]*\]\(([\w-]+)\.md\) \|/gm)].map((m) => m[1] as string);
  return [...new Set(files)]
    .filter((name) => name !== "media-types" && existsSync(join(root, "docs", `${name}.md`)))
    .map((name) => {
      const heading = /^# (.+)$/m.exec(readFileSync(join(root, "docs", `${name}.md`), "utf8"));
      return { text: heading?.[1]?.replace(/`/g, "") ?? name, link: `/${name}` };
    });
}

export default defineConfig({
  title: "ocispec",
  description:
    "Validate and build OCI manifests, indexes, configs, Docker v2 manifests and Falco artifacts; a registry-agnostic media-type table.",
  // Staged by site/build.mjs (site/stage.mjs): docs/ plus site/pages/.
  srcDir: process.env.OCISPEC_SITE_SRC ?? join(root, ".tmp", "site-src"),
  outDir: join(root, "dist-site"),
  cacheDir: join(root, ".tmp", "site-cache"),
  cleanUrls: true,
  lastUpdated: false,
  // Links to files outside docs/ (../examples/…, ../.pre-commit-hooks.yaml) and to the TypeDoc
  // reference copied in after the build are not pages of this site.
  ignoreDeadLinks: [/\.\.\//, /^\/api\//],
  markdown: {
    config(md) {
      // docs/ is Markdown written for GitHub, with no raw HTML (an HTML comment aside): a `<word>` in
      // its prose is text, never a tag for Vue to compile. Tags, and so components, are read in the
      // site's own pages (site/pages/) only.
      const allowed = (env: { relativePath?: string }, text: string) =>
        sitePages.has(env.relativePath ?? "") || text.startsWith("<!--");
      const block = md.block.ruler.__rules__.find((r) => r.name === "html_block")?.fn;
      if (block) {
        md.block.ruler.at("html_block", (state, startLine, endLine, silent) => {
          const start = state.bMarks[startLine] + state.tShift[startLine];
          if (!allowed(state.env, state.src.slice(start, start + 4))) return false;
          return block(state, startLine, endLine, silent);
        });
      }
      const inline = md.inline.ruler.__rules__.find((r) => r.name === "html_inline")?.fn;
      if (inline) {
        md.inline.ruler.at("html_inline", (state, silent) => {
          if (!allowed(state.env, state.src.slice(state.pos, state.pos + 4))) return false;
          return inline(state, silent);
        });
      }
    },
  },
  head: [
    ["meta", { name: "referrer", content: "no-referrer" }],
    ["link", { rel: "icon", type: "image/svg+xml", href: "/favicon.svg" }],
  ],
  themeConfig: {
    nav: [
      { text: "Guide", link: "/getting-started" },
      { text: "Playground", link: "/playground" },
      { text: "Media types", link: "/media-types" },
      { text: "API reference", link: "/api/index.html", target: "_self" },
    ],
    sidebar: [
      { text: "Guides", items: [{ text: "Overview", link: "/" }, ...guides()] },
      {
        text: "Tools",
        items: [
          { text: "Playground", link: "/playground" },
          { text: "Media types", link: "/media-types" },
          { text: "API reference", link: "/api/index.html", target: "_self" },
        ],
      },
    ],
    // MiniSearch over the built pages, in the browser: no external search service.
    search: { provider: "local" },
    outline: [2, 3],
  },
  vite: {
    resolve: { alias: { ocispec: join(root, "dist", "index.js") } },
    server: { host: "127.0.0.1" },
    build: { chunkSizeWarningLimit: 1024 },
  },
});
