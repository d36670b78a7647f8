// `ocispec lint` in-process (fast): flag handling, colour, quiet, include/ignore, --config.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess, sampleManifest } from "./helpers/cli.js";

const cwd = mkdtempSync(join(tmpdir(), "ocispec-lint-"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
mkdirSync(join(cwd, "fixtures"));
writeFileSync(join(cwd, "warns.json"), JSON.stringify(sampleManifest(0)));
writeFileSync(join(cwd, "fixtures", "bad.json"), JSON.stringify({ ...sampleManifest(1), schemaVersion: 1 }));
writeFileSync(join(cwd, "strict.json"), JSON.stringify({ preset: "strict" }));

describe("ocispec lint (in-process)", () => {
  it("applies --ignore and the config's ignore to named files, listing them as skipped", async () => {
    const named = ["lint", "--no-config", "-f", "json", "warns.json", "fixtures/bad.json"];
    for (const pattern of ["fixtures/**", join(cwd, "fixtures/bad.json"), "bad.json"]) {
      const result = await runInProcess([...named, "--ignore", pattern], { cwd });
      const out = JSON.parse(result.stdout);
      expect(
        out.files.map((f: { path: string }) => f.path),
        pattern,
      ).toEqual(["warns.json"]);
      expect(out.skipped).toEqual([
        { path: "fixtures/bad.json", reason: `ignored: matches the ignore pattern "${pattern}"` },
      ]);
      expect(result.status).toBe(0);
    }
    const dir = mkdtempSync(join(tmpdir(), "ocispec-configured-"));
    writeFileSync(join(dir, ".ocispec.json"), JSON.stringify({ ignore: ["vendor/**"] }));
    mkdirSync(join(dir, "vendor"));
    writeFileSync(join(dir, "vendor", "m.json"), JSON.stringify({ ...sampleManifest(1), schemaVersion: 1 }));
    writeFileSync(join(dir, "ok.json"), JSON.stringify(sampleManifest(1)));
    const configured = await runInProcess(["lint", "vendor/m.json", "ok.json"], { cwd: dir });
    expect(configured.stdout).toContain(
      'vendor/m.json: skipped, ignored: matches the ignore pattern "vendor/**"',
    );
    expect(configured.status).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it("--no-skip-unknown makes JSON that is no document an error", async () => {
    writeFileSync(join(cwd, "package.json"), JSON.stringify({ name: "x", version: "1.0.0" }));
    const skipped = await runInProcess(["lint", "--no-config", "warns.json", "package.json"], { cwd });
    expect(skipped.status).toBe(0);
    expect(skipped.stdout).toContain("package.json: skipped, not an OCI, Docker or Falco document");
    const strict = await runInProcess(
      ["lint", "--no-config", "--no-skip-unknown", "warns.json", "package.json"],
      {
        cwd,
      },
    );
    expect(strict.status).toBe(1);
    expect(strict.stdout).toMatch(/^package\.json:1:1: error kind-unknown /m);
    // a run that only skips: no documents matched (2), unless the hooks' flag says that is fine
    const only = await runInProcess(["lint", "--no-config", "package.json"], { cwd });
    expect([only.status, only.stderr]).toEqual([
      2,
      "ocispec: no documents matched (--no-error-on-unmatched-pattern allows that)\n",
    ]);
    const allowed = await runInProcess(
      ["lint", "--no-config", "--no-error-on-unmatched-pattern", "package.json"],
      { cwd },
    );
    expect(allowed.status).toBe(0);
    rmSync(join(cwd, "package.json"));
  });

  it("colours text only on a terminal, and honours NO_COLOR, FORCE_COLOR, --color and --no-color", async () => {
    const red = "\u001b[31merror";
    const colored = async (args: string[], tty: boolean, env: Record<string, string> = {}) =>
      (await runInProcess(["lint", ...args, "fixtures"], { cwd, tty, env })).stdout.includes(red);
    expect(await colored([], false)).toBe(false);
    expect(await colored([], true)).toBe(true);
    expect(await colored([], true, { NO_COLOR: "1" })).toBe(false);
    expect(await colored([], false, { FORCE_COLOR: "1" })).toBe(true);
    expect(await colored(["--color"], false)).toBe(true);
    expect(await colored(["--no-color"], true)).toBe(false);
    expect(await colored(["--format", "json"], true)).toBe(false);
  });

  it("--ignore and --include shape the walk", async () => {
    const all = await runInProcess(["lint", "--format", "json", "."], { cwd });
    expect(JSON.parse(all.stdout).files.map((f: { path: string }) => f.path)).toEqual([
      "fixtures/bad.json",
      "warns.json",
    ]);
    const ignored = await runInProcess(["lint", "--format", "json", "--ignore", "fixtures/**", "."], { cwd });
    expect(JSON.parse(ignored.stdout).files.map((f: { path: string }) => f.path)).toEqual(["warns.json"]);
    expect(ignored.status).toBe(0);
    const none = await runInProcess(["lint", "--include", "**/*.yaml", "."], { cwd });
    // nothing checked is not success (ESLint 9): exit 2, and no green check
    expect(none.status).toBe(2);
    expect(none.stderr).toBe(
      "ocispec: no documents matched . (--no-error-on-unmatched-pattern allows that)\n",
    );
    expect(none.stdout).toBe("✖ 0 files checked, no problems, but 1 input could not be checked\n");
    const allowed = await runInProcess(
      ["lint", "--include", "**/*.yaml", "--no-error-on-unmatched-pattern", "."],
      { cwd },
    );
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toBe("✔ 0 files checked, no problems\n");
  });

  it("never loads a file over 4 MiB: a document is reported too large, other data skipped", async () => {
    const dir = mkdtempSync(join(cwd, "big-"));
    const padding = " ".repeat(4 * 1024 * 1024);
    writeFileSync(join(dir, "huge.json"), `{"schemaVersion":2,${padding}}`);
    writeFileSync(join(dir, "dataset.json"), `[${padding}]`);
    const result = await runInProcess(["lint", "--format", "json", dir], { cwd });
    const out = JSON.parse(result.stdout);
    expect(out.files.map((f: { path: string }) => f.path)).toEqual([expect.stringMatching(/huge\.json$/)]);
    expect(out.files[0].issues[0]).toMatchObject({ code: "json-too-large", severity: "error" });
    expect(out.files[0].digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(result.status).toBe(1);
  });

  it("--quiet reports errors only", async () => {
    const result = await runInProcess(["lint", "--quiet", "."], { cwd });
    expect(result.status).toBe(1);
    expect(result.stdout).not.toMatch(/: warning /);
    expect(result.stdout).toContain("0 warnings");
    expect(result.stdout).toContain("fixtures/bad.json");
  });

  it("--rule and --config", async () => {
    expect((await runInProcess(["lint", "--rule", "layers-empty=error", "warns.json"], { cwd })).status).toBe(
      1,
    );
    expect((await runInProcess(["lint", "--config", "strict.json", "warns.json"], { cwd })).status).toBe(1);
    const bad = await runInProcess(["lint", "--rule", "layers-empty", "warns.json"], { cwd });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      "ocispec: --rule takes code=off|warning|error, e.g. --rule layers-empty=off (got \"layers-empty\")\nTry 'ocispec lint --help' for more information.\n",
    );
    const budget = await runInProcess(["lint", "--max-warnings", "many", "warns.json"], { cwd });
    expect(budget.status).toBe(2);
    expect(budget.stderr).toContain("--max-warnings must be a non-negative integer");
  });

  it("a usage error for no command, a missing value and an unknown falco command", async () => {
    expect((await runInProcess([], { cwd })).status).toBe(2);
    expect((await runInProcess(["lint", "--format"], { cwd })).stderr).toMatch(
      /^ocispec: Option '-f, --format <value>' argument missing/,
    );
    expect((await runInProcess(["falco", "push"], { cwd })).stderr).toContain('unknown falco command "push"');
    expect((await runInProcess(["help", "lint"], { cwd })).stdout).toMatch(/^Usage: ocispec lint/);
  });
});
