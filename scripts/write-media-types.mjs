// Runs after tsup in `npm run build`: writes media-types.json (repo root, shipped in the package as
// `ocispec/media-types.json`) and docs/media-types.md (committed), both from the built table.
// test/media-types-generated.test.ts fails when either is stale.
import { readFileSync, writeFileSync } from "node:fs";

const root = new URL("../", import.meta.url);
const { mediaTypes, mediaTypesJson, renderMediaTypesMarkdown } = await import(
  new URL("dist/index.js", root).href
);
const { version } = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));

/** Writes only when the text changed, so a build leaves an up-to-date file (and its mtime) alone. */
function writeIfChanged(path, text) {
  const url = new URL(path, root);
  let current;
  try {
    current = readFileSync(url, "utf8");
  } catch {
    current = undefined;
  }
  if (current !== text) writeFileSync(url, text);
  return current === text ? "unchanged" : "written";
}

const json = writeIfChanged("media-types.json", mediaTypesJson(mediaTypes, version));
const markdown = writeIfChanged("docs/media-types.md", renderMediaTypesMarkdown(mediaTypes));
console.log(
  `media-types.json (${json}) and docs/media-types.md (${markdown}): ${mediaTypes.length} media types`,
);
