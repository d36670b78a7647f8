// The public API is deliberate: docs/api-report.md lists every name each entry exports with its
// signature, and fails here when the sources export something else (scripts/api-report.mjs).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as root from "../src/index.js";

const script = join(import.meta.dirname, "..", "scripts", "api-report.mjs");

describe("docs/api-report.md", () => {
  it("is what the entries export", () => {
    const result = spawnSync(process.execPath, [script, "--check"], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("leaves the internals out of the root entry", () => {
    for (const internal of [
      "goFold",
      "equalFoldKey",
      "specMemberNames",
      "integerMemberNames",
      "mapMemberNames",
      "checkMemberNames",
      "readParsedJson",
      "documentKinds",
      "findProfileCheck",
      "mediaTypeFields",
      "resolveTargets",
      "UnknownTargetError",
    ]) {
      expect(Object.keys(root), internal).not.toContain(internal);
    }
    for (const name of [
      "lintLayout",
      "memoryLayoutStore",
      "issueCodeNames",
      "targetNames",
      "validate",
      "isPolicy",
    ]) {
      expect(Object.keys(root), name).toContain(name);
    }
  });
});
