import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findConfig } from "../src/cli/config/find-config.js";
import { mergeLintConfig, parseLintConfig, parseRuleFlag } from "../src/cli/config/lint-config.js";
import { InputError } from "../src/cli/usage-error.js";

describe("parseLintConfig", () => {
  it("accepts every documented field", () => {
    const config = {
      preset: "strict",
      rules: { "layers-empty": "off" },
      include: ["**/*.json"],
      ignore: ["x/**"],
      maxWarnings: 0,
      targets: ["gitlab", "ecr"],
    };
    expect(parseLintConfig(config)).toEqual(config);
    expect(parseLintConfig({ targets: ["GitLab", "gitlab"] })).toEqual({ targets: ["gitlab"] });
  });

  it.each([
    [[], "must be a JSON object"],
    [{ preset: "loose" }, '"preset" must be one of default, strict'],
    [{ rules: { "layers-empty": "warn" } }, '"rules.layers-empty" must be off, info, warning or error'],
    [{ rules: [] }, '"rules" must be an object'],
    [{ include: "**/*.json" }, '"include" must be an array'],
    [{ maxWarnings: -1 }, '"maxWarnings" must be a non-negative integer'],
    [{ maxWarning: 1 }, 'unknown key "maxWarning"'],
    [
      { rules: { "layers-emtpy": "off" } },
      '"rules": unknown rule code "layers-emtpy" (did you mean layers-empty',
    ],
    [{ targets: ["ecr", "acr"] }, '"targets": unknown target "acr": known targets are gitlab'],
    [{ targets: [""] }, '"targets" must be an array of registry names'],
  ])("refuses %j, naming the field", (value, message) => {
    expect(() => parseLintConfig(value)).toThrow(message);
  });
});

describe("parseRuleFlag", () => {
  it("reads code=setting", () => {
    expect(parseRuleFlag("layers-empty=off")).toEqual(["layers-empty", "off"]);
    expect(parseRuleFlag("blob-unreferenced=error")).toEqual(["blob-unreferenced", "error"]);
  });
  it.each(["layers-empty", "=off", "Layers=off", "layers-empty=warn", "no-such-rule=off"])(
    "refuses %s",
    (flag) => {
      expect(() => parseRuleFlag(flag)).toThrow();
    },
  );
});

describe("mergeLintConfig", () => {
  it("lets later sources win field by field and merges rules", () => {
    expect(
      mergeLintConfig(
        { preset: "strict", rules: { a: "off", b: "error" }, maxWarnings: 3 },
        { rules: { b: "warning" }, maxWarnings: 0 },
      ),
    ).toEqual({ preset: "strict", rules: { a: "off", b: "warning" }, maxWarnings: 0 });
  });
});

describe("findConfig", () => {
  const root = mkdtempSync(join(tmpdir(), "ocispec-config-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const deep = join(root, "repo", "sub", "deeper");
  mkdirSync(deep, { recursive: true });

  it("finds nothing when no ancestor has a config", () => {
    const lonely = mkdtempSync(join(tmpdir(), "ocispec-none-"));
    try {
      // tmpdir's ancestors are not expected to carry an ocispec config
      expect(findConfig(lonely)).toBeUndefined();
    } finally {
      rmSync(lonely, { recursive: true });
    }
  });

  it("walks up to the package.json with an ocispec key, skipping one without", () => {
    writeFileSync(
      join(root, "repo", "package.json"),
      JSON.stringify({ name: "r", ocispec: { preset: "strict" } }),
    );
    writeFileSync(join(root, "repo", "sub", "package.json"), JSON.stringify({ name: "no-key" }));
    expect(findConfig(deep)).toEqual({
      path: join(root, "repo", "package.json"),
      config: { preset: "strict" },
    });
  });

  it("prefers the nearest .ocispec.json", () => {
    writeFileSync(join(root, "repo", "sub", ".ocispec.json"), JSON.stringify({ maxWarnings: 2 }));
    expect(findConfig(deep)?.config).toEqual({ maxWarnings: 2 });
  });

  it("reports a broken config as an input error naming the file", () => {
    writeFileSync(join(deep, ".ocispec.json"), "{ not json");
    expect(() => findConfig(deep)).toThrow(InputError);
    expect(() => findConfig(deep)).toThrow(/\.ocispec\.json is not valid JSON/);
  });
});
