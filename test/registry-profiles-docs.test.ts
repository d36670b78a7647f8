// docs/registry.md's profile tables are generated from the profiles (scripts/write-registry-profiles.mjs,
// run by `npm run build`); this fails when the committed section is stale.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { renderProfileTables, replaceSection } from "../scripts/registry-profiles-table.mjs";
import { registryProfiles } from "../src/registry/index.js";

describe("docs/registry.md profile tables", () => {
  it("are the ones the profiles generate, every check with its source and evidence", () => {
    const committed = readFileSync(new URL("../docs/registry.md", import.meta.url), "utf8");
    expect(replaceSection(committed, renderProfileTables(registryProfiles))).toBe(committed);
    for (const profile of registryProfiles) {
      for (const check of profile.checks) {
        const row = committed.split("\n").find((line) => line.startsWith(`| \`${check.code}\` |`));
        expect(row, check.code).toBeDefined();
        expect(row).toMatch(
          check.evidence === "executed"
            ? /executed against the real code/
            : /read from source \/ documentation/,
        );
      }
    }
  });
});
