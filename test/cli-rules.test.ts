// `ocispec rules`, and the checks of rule codes and registry targets in flags and config files.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type IssueCodeEntry, issueCodes } from "../src/cli/rules/issue-codes.js";
import { layoutIssueCodes } from "../src/layout/layout-issue-codes.js";
import { registryProfiles, uploadIssueCodes } from "../src/registry/index.js";
import { ruleCatalog } from "../src/validate/index.js";
import { closestCodes, editDistance } from "../src/vocabulary/closest-names.js";
import { runCli, runInProcess, sampleManifest } from "./helpers/cli.js";

const work = mkdtempSync(join(tmpdir(), "ocispec-rules-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("issueCodes", () => {
  it("holds every code of every catalog, once", () => {
    const codes = issueCodes.map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    const expected = [
      ...ruleCatalog.map((entry) => entry.code),
      ...layoutIssueCodes.map((entry) => entry.code),
      ...registryProfiles.flatMap((profile) => profile.checks.map((check) => check.code)),
      ...Object.values(uploadIssueCodes),
      "target-unknown",
    ];
    expect([...new Set(codes)].sort()).toEqual([...new Set(expected)].sort());
    for (const entry of issueCodes) {
      expect(entry.ref, entry.code).not.toBe("");
      expect(entry.description, entry.code).not.toBe("");
    }
  });
});

describe("closestCodes", () => {
  it("measures edits", () => {
    expect(editDistance("layers-emty", "layers-empty")).toBe(1);
    expect(editDistance("abc", "")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
  it("suggests the nearest codes first and nothing far off", () => {
    const known = ["layers-empty", "layer-empty", "config-missing"];
    expect(closestCodes("layers-emty", known)).toEqual(["layers-empty", "layer-empty"]);
    expect(closestCodes("zzzz", known)).toEqual([]);
  });
});

describe("ocispec rules", () => {
  const rules = (...argv: string[]) => runInProcess(["rules", ...argv], { cwd: work });

  it("prints every code as a table, with default / strict severities and the reference", async () => {
    const { status, stdout } = await rules();
    expect(status).toBe(0);
    const strictOnly = ruleCatalog.find((entry) => entry.severity !== entry.strictSeverity);
    expect(strictOnly).toBeDefined();
    const line = stdout.split("\n").findIndex((l) => l.startsWith(`${strictOnly?.code} `));
    expect(stdout.split("\n")[line]).toMatch(/warning \/ error\s+rule\s+\S/);
    expect(stdout.split("\n")[line + 1]?.trim()).toBe(strictOnly?.ref);
    for (const { code } of issueCodes) expect(stdout).toMatch(new RegExp(`^${code} `, "m"));
  });

  it("--format json is the catalog, --kind filters it", async () => {
    const all = JSON.parse((await rules("--format", "json")).stdout) as IssueCodeEntry[];
    expect(all).toEqual(JSON.parse(JSON.stringify(issueCodes)));
    const layout = JSON.parse(
      (await rules("--kind", "image-layout", "-f", "json")).stdout,
    ) as IssueCodeEntry[];
    expect(layout.map((e) => e.code)).toContain("blob-unreferenced");
    expect(layout.map((e) => e.code)).not.toContain("layers-empty");
    expect(layout.every((e) => e.kinds.includes("image-layout"))).toBe(true);
  });

  it("--format markdown is one table row per code", async () => {
    const { stdout } = await rules("--format", "markdown", "--kind", "falco-config");
    const rows = stdout.trim().split("\n");
    expect(rows[0]).toBe("| Code | Severity (default / strict) | Source | Reference | Description |");
    const expected = issueCodes.filter((e) => e.kinds.includes("falco-config"));
    expect(rows).toHaveLength(expected.length + 2);
    for (const row of rows) expect(row.split(/(?<!\\)\|/)).toHaveLength(7);
  });

  it.each([
    [["--kind", "manifest"], "--kind must be one of docker-manifest-v1"],
    [["--format", "xml"], "--format must be one of table, json, markdown"],
    [["extra"], 'unexpected argument "extra"'],
  ])("%j is a usage error", async (argv, message) => {
    const { status, stderr } = await rules(...argv);
    expect(status).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain("ocispec rules --help");
  });
});

describe("unknown rule codes and targets", () => {
  writeFileSync(join(work, "m.json"), JSON.stringify(sampleManifest(1)));
  const lint = (dir: string, ...argv: string[]) => runInProcess(["lint", ...argv, "m.json"], { cwd: dir });
  const project = (name: string, files: Record<string, unknown>) => {
    const dir = join(work, name);
    mkdirSync(dir);
    for (const [file, value] of Object.entries(files)) writeFileSync(join(dir, file), JSON.stringify(value));
    writeFileSync(join(dir, "m.json"), JSON.stringify(sampleManifest(1)));
    return dir;
  };

  it("--rule with an unknown code exits 2, naming it and the closest codes", async () => {
    const { status, stderr } = await lint(work, "--no-config", "--rule", "layers-emty=off");
    expect(status).toBe(2);
    expect(stderr).toContain('--rule: unknown rule code "layers-emty" (did you mean layers-empty');
    expect(stderr).toContain("ocispec lint --help");
    // a known code of every source is accepted
    for (const code of ["layers-empty", "blob-unreferenced", "target-ecr-empty-blob", "json-duplicate-key"]) {
      expect((await lint(work, "--no-config", "--rule", `${code}=off`)).status, code).toBe(0);
    }
  });

  it("config rules with an unknown code exit 2, naming the file and the field", async () => {
    const dir = project("bad-rules", { ".ocispec.json": { rules: { "blob-unreferencd": "off" } } });
    const { status, stderr } = await lint(dir);
    expect(status).toBe(2);
    expect(stderr).toContain(join(dir, ".ocispec.json"));
    expect(stderr).toContain('"rules": unknown rule code "blob-unreferencd" (did you mean blob-unreferenced');
  });

  it("config targets add the registries' findings; package.json works too; flags win", async () => {
    const falcoAsset = {
      ...sampleManifest(1),
      config: { ...sampleManifest(1).config, mediaType: "application/vnd.cncf.falco.asset.config.v1+json" },
    };
    const dir = project("targets", { "package.json": { name: "x", ocispec: { targets: ["GitLab"] } } });
    writeFileSync(join(dir, "m.json"), JSON.stringify(falcoAsset));
    const withConfig = JSON.parse((await lint(dir, "-f", "json")).stdout);
    const codes = (report: { files: { issues: { code: string }[] }[] }) =>
      report.files.flatMap((f) => f.issues.map((i) => i.code));
    expect(codes(withConfig)).toContain("target-gitlab-unknown-media-type");
    const flagWins = JSON.parse((await lint(dir, "-f", "json", "--target", "ecr")).stdout);
    expect(codes(flagWins)).not.toContain("target-gitlab-unknown-media-type");
    const noConfig = JSON.parse((await lint(dir, "-f", "json", "--no-config")).stdout);
    expect(codes(noConfig)).not.toContain("target-gitlab-unknown-media-type");
  });

  it("config targets with an unknown name exit 2, naming the file, the field and the known names", async () => {
    const dir = project("bad-targets", { ".ocispec.json": { targets: ["gitlab", "gitlba"] } });
    const { status, stderr } = await lint(dir);
    expect(status).toBe(2);
    expect(stderr).toContain(
      `${join(dir, ".ocispec.json")}: "targets": unknown target "gitlba": known targets are gitlab, distribution`,
    );
    const notArray = project("targets-string", { ".ocispec.json": { targets: "gitlab" } });
    expect((await lint(notArray)).stderr).toContain('"targets": must be an array of registry names');
  });

  it("end to end: the built CLI lists the rules and refuses a config's unknown target", () => {
    const listed = runCli(["rules", "--format", "json"]);
    expect(listed.status).toBe(0);
    expect((JSON.parse(listed.stdout) as IssueCodeEntry[]).map((e) => e.code)).toContain("target-unknown");
    const dir = project("e2e", { "package.json": { name: "x", ocispec: { targets: ["quay", "acr"] } } });
    const refused = runCli(["lint", "m.json"], { cwd: dir });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(
      `"ocispec" in ${join(dir, "package.json")}: "targets": unknown target "acr"`,
    );
  });
});
