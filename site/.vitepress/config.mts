// The documentation site: VitePress over docs/ (staged by site/stage.mjs), plus the playground and
// the media-type browser, which import the library as built (dist/index.js).
import { join } from "node:path";
import { defineConfig } from "vitepress";

const root = join(import.meta.dirname, "..", "..");

export default defineConfig({
  title: "ocispec",
  description:
    "Validate and build OCI manifests, indexes, configs, Docker v2 manifests and Falco artifacts; a registry-agnostic media-type table.",
  srcDir: join(root, ".tmp", "site-src"),
  outDir: join(root, "dist-site"),
  cacheDir: join(root, ".tmp", "site-cache"),
  cleanUrls: true,
  lastUpdated: false,
  // Links to files outside docs/ (../examples/…, ../.pre-commit-hooks.yaml) and to the TypeDoc
  // reference copied in after the build are not pages of this site.
  ignoreDeadLinks: [/\.\.\//, /^\/api\//],
  markdown: {
    config(md) {
      // VitePress lets a line that starts with a tag interrupt a paragraph (for Vue components);
      // docs/ is CommonMark, where a hard-wrapped `ocispec <command>` continues the paragraph.
      const rule = md.block.ruler.__rules__.find((r) => r.name === "html_block")?.fn;
      if (rule) md.block.ruler.at("html_block", rule, { alt: ["reference", "blockquote"] });
    },
  },
  // No favicon request (the page asks for none, so nothing 404s).
  head: [
    ["meta", { name: "referrer", content: "no-referrer" }],
    ["link", { rel: "icon", href: "data:," }],
  ],
  themeConfig: {
    nav: [
      { text: "Guide", link: "/getting-started" },
      { text: "Playground", link: "/playground" },
      { text: "Media types", link: "/media-types" },
      { text: "API reference", link: "/api/index.html", target: "_self" },
    ],
    sidebar: [
      {
        text: "Guides",
        items: [
          { text: "Overview", link: "/" },
          { text: "Getting started", link: "/getting-started" },
          { text: "Validation", link: "/validation" },
          { text: "Builders", link: "/builders" },
          { text: "Falco", link: "/falco" },
          { text: "Registries", link: "/registry" },
          { text: "Command line", link: "/cli" },
          { text: "Security", link: "/security" },
          { text: "Performance", link: "/performance" },
          { text: "Deviations", link: "/deviations" },
        ],
      },
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
