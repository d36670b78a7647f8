// Runs before tsup and tsc in `npm run build` and `npm run typecheck`: writes
// src/media-types/kinds.generated.ts (committed), the compact kind index `ocispec/core` classifies
// media types with, from the annotated table (src/media-types/table.ts), the one source of truth.
// test/media-types-kinds.test.ts fails when the committed file is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

const root = new URL("../", import.meta.url);
const target = new URL("src/media-types/kinds.generated.ts", root);

// The table and the renderer are TypeScript and dist/ does not exist yet: esbuild bundles them.
const { outputFiles } = await build({
  stdin: {
    contents: [
      'export { mediaTypes } from "./src/media-types/table.ts";',
      'export { renderMediaTypeKinds } from "./src/media-types/render-kinds.ts";',
    ].join("\n"),
    resolveDir: new URL(".", root).pathname,
    loader: "ts",
  },
  bundle: true,
  write: false,
  format: "esm",
  platform: "neutral",
  logLevel: "silent",
});
const code = outputFiles[0].text;
const { mediaTypes, renderMediaTypeKinds } = await import(
  `data:text/javascript;base64,${Buffer.from(code).toString("base64")}`
);

const text = renderMediaTypeKinds(mediaTypes);
let current;
try {
  current = readFileSync(target, "utf8");
} catch {
  current = undefined;
}
if (current !== text) writeFileSync(target, text);
console.log(
  `src/media-types/kinds.generated.ts (${current === text ? "unchanged" : "written"}): ${mediaTypes.length} media types`,
);
