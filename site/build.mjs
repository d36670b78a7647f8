// `npm run site:build`: the documentation site in dist-site/ — docs/ staged (site/stage.mjs), built
// by VitePress with the playground and the media-type browser, and the TypeDoc reference (docs/api/,
// written by `npm run docs:api`) copied to /api/. Needs the built library (dist/), as the pages
// import it. `--out <dir>` writes elsewhere (the browser tests and the bench build their own copy).
import { cpSync, existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vitepress";
import { stage } from "./stage.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
if (!existsSync(join(root, "dist", "index.js"))) {
  console.error("site:build: dist/index.js is missing: run npm run build first");
  process.exit(1);
}
const outFlag = process.argv.indexOf("--out");
const outDir = outFlag === -1 ? join(root, "dist-site") : resolve(process.argv[outFlag + 1] ?? "dist-site");
// A staging folder per output, so that the tests, the bench and `npm run site:build` can build at once.
process.env.OCISPEC_SITE_SRC = stage(join(root, ".tmp", `site-src-${basename(outDir)}`));
await build(join(root, "site"), { outDir });
const api = join(root, "docs", "api");
if (existsSync(api)) cpSync(api, join(outDir, "api"), { recursive: true });
else console.warn("site:build: docs/api/ is missing (npm run docs:api): /api/ is left out");
console.log(`site:build: ${outDir}`);
