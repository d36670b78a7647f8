// src/vocabulary/vocabulary.generated.ts (IssueCode, TargetName) is derived from the catalogs that
// state each code once: it fails when the committed file is stale, and checks that every code a
// catalog names is in the union (and nothing else is).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { issueCodes } from "../src/cli/rules/issue-codes.js";
import { registryProfiles } from "../src/registry/profiles/index.js";
import { ruleCatalog } from "../src/validate/rule-catalog.js";
import { renderVocabulary } from "../src/vocabulary/render-vocabulary.js";
import { issueCodeNames, targetNames } from "../src/vocabulary/vocabulary.generated.js";

const generated = new URL("../src/vocabulary/vocabulary.generated.ts", import.meta.url);

describe("src/vocabulary/vocabulary.generated.ts", () => {
  it("is the catalogs as the renderer writes them", () => {
    const expected = renderVocabulary(
      issueCodes.map((entry) => entry.code),
      registryProfiles.map((profile) => profile.name),
    );
    expect(
      readFileSync(generated, "utf8") === expected,
      "vocabulary.generated.ts is stale: run `npm run generate` (scripts/write-vocabulary.mjs) and commit it",
    ).toBe(true);
  });

  it("holds every code of every catalog, and the registry names", () => {
    for (const entry of [...ruleCatalog, ...issueCodes]) expect(issueCodeNames).toContain(entry.code);
    expect(new Set(issueCodeNames).size).toBe(issueCodes.length);
    expect(targetNames).toEqual(registryProfiles.map((profile) => profile.name));
  });
});
