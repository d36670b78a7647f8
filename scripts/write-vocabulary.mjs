// Runs before tsup and tsc in `npm run build` and `npm run typecheck`: writes
// src/vocabulary/vocabulary.generated.ts (committed) — the IssueCode and TargetName unions — from the
// catalogs that state each code once (src/cli/rules/issue-codes.ts gathers them) and from the
// registry profiles. test/vocabulary.test.ts fails when the committed file is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

const root = new URL("../", import.meta.url);
const target = new URL("src/vocabulary/vocabulary.generated.ts", root);

// The catalogs are TypeScript and dist/ does not exist yet: esbuild bundles them.
const { outputFiles } = await build({
  stdin: {
    contents: [
      'export { issueCodes } from "./src/cli/rules/issue-codes.ts";',
      'export { registryProfiles } from "./src/registry/profiles/index.ts";',
      'export { renderVocabulary } from "./src/vocabulary/render-vocabulary.ts";',
    ].join("\n"),
    resolveDir: new URL(".", root).pathname,
    loader: "ts",
  },
  bundle: true,
  write: false,
  format: "esm",
  platform: "neutral",
  logLevel: "silent",
  // The option checks the catalogs' modules import read the file being written: a stub stands in,
  // so the file can be written from nothing (a fresh checkout, a deleted file, a conflict).
  plugins: [
    {
      name: "vocabulary-stub",
      setup(build) {
        build.onResolve({ filter: /vocabulary\.generated\.js$/ }, () => ({
          path: "stub",
          namespace: "stub",
        }));
        build.onLoad({ filter: /.*/, namespace: "stub" }, () => ({
          contents: "export const issueCodeNames = []; export const targetNames = [];",
          loader: "js",
        }));
      },
    },
  ],
});
const { issueCodes, registryProfiles, renderVocabulary } = await import(
  `data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString("base64")}`
);

const text = renderVocabulary(
  issueCodes.map((entry) => entry.code),
  registryProfiles.map((profile) => profile.name),
);
let current;
try {
  current = readFileSync(target, "utf8");
} catch {
  current = undefined;
}
if (current !== text) writeFileSync(target, text);
console.log(
  `src/vocabulary/vocabulary.generated.ts (${current === text ? "unchanged" : "written"}): ${issueCodes.length} issue codes, ${registryProfiles.length} targets`,
);
