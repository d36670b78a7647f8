// Runs before tsup and tsc in `npm run build` and `npm run typecheck` (`npm run generate`): writes
// src/registry/validate-with-targets.generated.ts (committed), the root entry's validators, from
// src/validate/validate.ts (`ocispec/core`'s), so the eight validators are stated once.
// test/validate-with-targets.test.ts fails when the committed file is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

const root = new URL("../", import.meta.url);
const source = new URL("src/validate/validate.ts", root);
const target = new URL("src/registry/validate-with-targets.generated.ts", root);

// The renderer is TypeScript and dist/ may not exist yet: esbuild bundles it.
const { outputFiles } = await build({
  entryPoints: [new URL("src/registry/render-validate-with-targets.ts", root).pathname],
  bundle: true,
  write: false,
  format: "esm",
  platform: "neutral",
  logLevel: "silent",
});
const { renderValidateWithTargets } = await import(
  `data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString("base64")}`
);

const text = renderValidateWithTargets(readFileSync(source, "utf8"));
let current = "";
try {
  current = readFileSync(target, "utf8");
} catch {
  // missing: written below
}
if (current !== text) writeFileSync(target, text);
console.log(
  `src/registry/validate-with-targets.generated.ts (${current === text ? "unchanged" : "written"}) from src/validate/validate.ts`,
);
