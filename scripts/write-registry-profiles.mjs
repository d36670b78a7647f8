// Runs after tsup in `npm run build`: rewrites the registry profile tables of docs/registry.md from
// the built profiles. test/registry-profiles-docs.test.ts fails when the committed section is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { renderProfileTables, replaceSection } from "./registry-profiles-table.mjs";

const root = new URL("../", import.meta.url);
const { registryProfiles } = await import(new URL("dist/index.js", root).href);
const path = new URL("docs/registry.md", root);
const current = readFileSync(path, "utf8");
const next = replaceSection(current, renderProfileTables(registryProfiles));
if (next !== current) writeFileSync(path, next);
console.log(
  `docs/registry.md (${next === current ? "unchanged" : "written"}): ${registryProfiles.length} registry profiles`,
);
