// The built CLI as a real subprocess on real files: every format, every exit code, layouts made by
// the builders (one corrupted), stdin, config files. Variations of a case already shown end to end
// run in-process (same code, no process start); pure logic is tested in cli-format, cli-config,
// cli-input and cli-layout.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, runInProcess, sampleManifest, sarifSchemaValidator } from "./helpers/cli.js";

const work = mkdtempSync(join(tmpdir(), "ocispec-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const GOOD = JSON.stringify(sampleManifest(1), null, 2);
const WARNS = JSON.stringify(sampleManifest(0), null, 2); // layers-empty: a warning, an error under --preset strict
const BAD = GOOD.replace(`"size": 300`, `"size": -1`);

writeFileSync(join(work, "good.json"), GOOD);
writeFileSync(join(work, "warns.json"), WARNS);
writeFileSync(join(work, "bad.json"), BAD);
writeFileSync(join(work, "package.json"), JSON.stringify({ name: "not-a-document", version: "1.0.0" }));

describe("ocispec", () => {
  it("--version, --help and usage errors", async () => {
    const version = runCli(["--version"]);
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
    const help = runCli(["lint", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: ocispec lint");
    expect(help.stdout).toContain("Examples:");
    const unknown = runCli(["lint", "--formt", "json"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe(
      "ocispec: Unknown option '--formt'.\nTry 'ocispec lint --help' for more information.\n",
    );
    expect((await runInProcess(["lint", "--format", "xml", "."], { cwd: work })).stderr).toContain(
      "--format must be one of text, json, sarif, github",
    );
    expect((await runInProcess(["frobnicate"], { cwd: work })).status).toBe(2);
  });

  it("help asked for is exit 0 on stdout; no command at all is a usage error (help on stderr, 2)", async () => {
    for (const argv of [["--help"], ["-h"], ["help"]]) {
      const asked = await runInProcess(argv, { cwd: work });
      expect(asked.status, argv.join(" ")).toBe(0);
      expect(asked.stdout).toContain("Usage: ocispec <command>");
      expect(asked.stderr).toBe("");
    }
    const bare = runCli([]);
    expect(bare.status).toBe(2);
    expect(bare.stdout).toBe("");
    expect(bare.stderr).toContain("Usage: ocispec <command>");
    const falco = await runInProcess(["falco"], { cwd: work });
    expect([falco.status, falco.stdout]).toEqual([2, ""]);
    expect(falco.stderr).toContain("Usage: ocispec falco");
    expect((await runInProcess(["falco", "--help"], { cwd: work })).status).toBe(0);
  });

  it("help <command>, help <unknown>, falco help <command>", async () => {
    const lint = await runInProcess(["help", "lint"], { cwd: work });
    expect([lint.status, lint.stdout.startsWith("Usage: ocispec lint")]).toEqual([0, true]);
    const unknown = await runInProcess(["help", "lnt"], { cwd: work });
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toMatch(
      /^ocispec: no help for "lnt": there is no command "lnt" \(commands: lint, /,
    );
    for (const argv of [
      ["falco", "help", "pack"],
      ["help", "falco", "pack"],
      ["falco", "pack", "--help"],
    ]) {
      const pack = await runInProcess(argv, { cwd: work });
      expect(pack.status, argv.join(" ")).toBe(0);
      expect(pack.stdout, argv.join(" ")).toMatch(/^Usage: ocispec falco pack/);
    }
    expect((await runInProcess(["falco", "help"], { cwd: work })).stdout).toMatch(/^Usage: ocispec falco /);
    const badTopic = await runInProcess(["falco", "help", "pak"], { cwd: work });
    expect(badTopic.status).toBe(2);
    expect(badTopic.stderr).toContain('unknown falco command "pak"');
  });

  it("--max-warnings -1 gets our message, not Node's", async () => {
    for (const argv of [
      ["lint", "--max-warnings", "-1", "good.json"],
      ["lint", "--max-warnings=-1", "good.json"],
    ]) {
      const result = await runInProcess(argv, { cwd: work });
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(
        "ocispec: --max-warnings must be a non-negative integer (got \"-1\")\nTry 'ocispec lint --help' for more information.\n",
      );
    }
  });

  it("colour: FORCE_COLOR=0 and NO_COLOR turn it off on a terminal, FORCE_COLOR=1 on in a pipe", async () => {
    const lint = (env: Record<string, string>, tty: boolean) =>
      runInProcess(["lint", "bad.json"], { cwd: work, env, tty }).then((r) => r.stdout.includes("\u001b["));
    expect(await lint({}, true)).toBe(true);
    expect(await lint({}, false)).toBe(false);
    expect(await lint({ FORCE_COLOR: "0" }, true)).toBe(false);
    expect(await lint({ FORCE_COLOR: "false" }, true)).toBe(false);
    expect(await lint({ NO_COLOR: "1" }, true)).toBe(false);
    expect(await lint({ NO_COLOR: "" }, true)).toBe(true);
    expect(await lint({ FORCE_COLOR: "1" }, false)).toBe(true);
    expect(await lint({ FORCE_COLOR: "1", NO_COLOR: "1" }, false)).toBe(true); // as Node: FORCE_COLOR wins
    expect(runCli(["lint", "bad.json"], { cwd: work, env: { FORCE_COLOR: "0" } }).stdout).not.toContain(
      "\u001b[",
    );
  });
});

describe("ocispec lint", () => {
  it("passes the bundled examples (what `npm start` runs)", () => {
    const result = runCli(["lint", "examples/"], { cwd: new URL("..", import.meta.url).pathname });
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^✔ \d+ files checked, no problems\n$/);
    expect(result.status).toBe(0);
  });

  it("text: path:line:col: severity code message, exit 1 on an error; skips non-documents", () => {
    const result = runCli(["lint", "."], { cwd: work });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^bad\.json:\d+:\d+: error \S+ .*size/m);
    expect(result.stdout).toMatch(/^warns\.json:\d+:\d+: warning layers-empty /m);
    // JSON that is no document is listed as skipped, never linted
    expect(result.stdout).toMatch(/^package\.json: skipped, not an OCI, Docker or Falco document$/m);
    expect(result.stdout).not.toMatch(/^package\.json:\d/m);
    expect(result.stdout.trimEnd().split("\n").at(-1)).toMatch(
      /^✖ \d+ problems? \(\d+ errors?, 1 warning\) in 3 files, 1 skipped$/,
    );
  });

  it("exit 0 with warnings, 1 beyond --max-warnings or under --preset strict, 2 for an unreadable path", async () => {
    expect(runCli(["lint", "warns.json"], { cwd: work }).status).toBe(0);
    expect(runCli(["lint", "--max-warnings", "0", "warns.json"], { cwd: work }).status).toBe(1);
    expect((await runInProcess(["lint", "--preset", "strict", "warns.json"], { cwd: work })).status).toBe(1);
    expect(
      (await runInProcess(["lint", "--quiet", "--max-warnings", "0", "warns.json"], { cwd: work })).stdout,
    ).toBe("✔ 1 file checked, no problems\n");
    const missing = runCli(["lint", "good.json", "missing.json"], { cwd: work });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("ocispec: cannot read missing.json: no such file or directory (ENOENT)\n");
    // the readable one is still linted, but a missing path is no success: no green check
    expect(missing.stdout).toBe("✖ 1 file checked, no problems, but 1 input could not be checked\n");
  });

  it("json: the documented shape", () => {
    const result = runCli(["lint", "--format", "json", "good.json", "bad.json"], { cwd: work });
    expect(result.status).toBe(1);
    const out = JSON.parse(result.stdout);
    expect(out.summary.files).toBe(2);
    expect(out.files[0]).toEqual({
      path: "good.json",
      kind: "image-manifest",
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      digest: `sha256:${createHash("sha256").update(GOOD).digest("hex")}`,
      valid: true,
      issues: [],
    });
    expect(out.files[1].valid).toBe(false);
    expect(out.files[1].issues[0]).toMatchObject({ severity: "error", path: "/config/size" });
    expect(Object.keys(out.files[1].issues[0])).toEqual([
      "code",
      "severity",
      "path",
      "message",
      "line",
      "column",
    ]);
  });

  it("sarif: valid SARIF 2.1.0, written with --output-file", () => {
    const result = runCli(["lint", "--format", "sarif", "-o", "out.sarif", "bad.json", "warns.json"], {
      cwd: work,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    const sarif = JSON.parse(readFileSync(join(work, "out.sarif"), "utf8"));
    const validateSarif = sarifSchemaValidator();
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(sarif.runs[0].results.map((r: { level: string }) => r.level).sort()).toEqual(
      expect.arrayContaining(["error", "warning"]),
    );
  });

  it("github: workflow commands", () => {
    const result = runCli(["lint", "--format", "github", "bad.json"], { cwd: work });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^::error file=bad\.json,line=\d+,col=\d+,title=[a-z-]+::.+$/m);
  });

  it("stdin with --media-type", () => {
    const args = ["lint", "--media-type", "application/vnd.oci.image.manifest.v1+json", "-"];
    expect(runCli(args, { input: GOOD }).status).toBe(0);
    const bad = runCli(["lint", "--format", "json", ...args.slice(1)], { input: BAD });
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout).files[0].path).toBe("<stdin>");
  });

  it("reads .ocispec.json, or the ocispec key of package.json, walking up", async () => {
    const repo = mkdtempSync(join(work, "repo-"));
    cpSync(join(work, "warns.json"), join(repo, "sub", "warns.json"), { recursive: true });
    writeFileSync(join(repo, "package.json"), JSON.stringify({ name: "r", ocispec: { maxWarnings: 0 } }));
    expect(runCli(["lint", "warns.json"], { cwd: join(repo, "sub") }).status).toBe(1);
    writeFileSync(
      join(repo, ".ocispec.json"),
      JSON.stringify({ preset: "strict", rules: { "layers-empty": "off" } }),
    );
    expect((await runInProcess(["lint", "warns.json"], { cwd: join(repo, "sub") })).status).toBe(0);
    expect(
      (
        await runInProcess(["lint", "--no-config", "--preset", "strict", "warns.json"], {
          cwd: join(repo, "sub"),
        })
      ).status,
    ).toBe(1);
    writeFileSync(join(repo, ".ocispec.json"), JSON.stringify({ preset: "loose" }));
    const broken = await runInProcess(["lint", "warns.json"], { cwd: join(repo, "sub") });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('.ocispec.json: "preset" must be one of default, strict');
  });

  it("walks a layout from `falco pack`, and finds the blob corrupted afterwards", () => {
    writeFileSync(join(work, "my_rules.yaml"), "- required_engine_version: 0.26.0\n");
    const pack = runCli(
      [
        "falco",
        "pack",
        "my_rules.yaml",
        "--type",
        "rulesfile",
        "--name",
        "my-rules",
        "--version",
        "1.0.0",
        "-r",
        "engine_version_semver:0.26.0",
        "-o",
        "layout",
        "--created",
        "2024-01-01T00:00:00Z",
      ],
      { cwd: work },
    );
    expect(pack.stderr).toBe("");
    expect(pack.status).toBe(0);
    expect(runCli(["lint", "layout"], { cwd: work }).stdout).toBe("✔ 5 files checked, no problems\n");

    const corrupt = join(work, "corrupt");
    cpSync(join(work, "layout"), corrupt, { recursive: true });
    const blobs = join(corrupt, "blobs", "sha256");
    // the layer is the only gzip blob: flip one byte of it
    const layer = readdirSync(blobs).find((name) => readFileSync(join(blobs, name))[0] === 0x1f) as string;
    const bytes = readFileSync(join(blobs, layer));
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0xff;
    writeFileSync(join(blobs, layer), bytes);
    const result = runCli(["lint", "corrupt"], { cwd: work });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(
        `^corrupt/blobs/sha256/[0-9a-f]{64}:\\d+:\\d+: error blob-digest-mismatch blobs/sha256/${layer} is corrupt`,
        "m",
      ),
    );
    // a hook passing one changed blob lints its whole layout
    expect(runCli(["lint", `corrupt/blobs/sha256/${layer}`], { cwd: work }).status).toBe(1);
  });

  it.skipIf(spawnSync("skopeo", ["--version"]).error !== undefined)(
    "the packed layout is ready for skopeo copy",
    () => {
      const copy = spawnSync(
        "skopeo",
        ["copy", "-q", "oci:layout:1.0.0", `oci:${join(work, "copied")}:1.0.0`],
        { cwd: work },
      );
      expect(copy.stderr.toString()).toBe("");
      expect(copy.status).toBe(0);
    },
  );
});

describe("ocispec digest", () => {
  it("prints sha256 (or sha512) and the path, like sha256sum", async () => {
    const expected = createHash("sha256").update(GOOD).digest("hex");
    expect(runCli(["digest", "good.json"], { cwd: work }).stdout).toBe(`sha256:${expected}  good.json\n`);
    const sha512 = createHash("sha512").update(GOOD).digest("hex");
    expect(runCli(["digest", "-a", "sha512", "-"], { input: GOOD }).stdout).toBe(`sha512:${sha512}  -\n`);
    expect((await runInProcess(["digest", "nope"], { cwd: work })).status).toBe(2);
  });
});

describe("ocispec falco config", () => {
  it("ends with a newline on a terminal, and is the exact bytes otherwise", async () => {
    const argv = ["falco", "config", "--name", "falco-rules", "--version", "2.0.0"];
    const tty = await runInProcess(argv, { cwd: work, tty: true });
    const piped = await runInProcess(argv, { cwd: work });
    expect(tty.stdout).toBe(`${piped.stdout}\n`);
    expect(piped.stdout.endsWith("}")).toBe(true);
  });

  it("prints falcoctl's exact bytes", () => {
    const result = runCli([
      "falco",
      "config",
      "--name",
      "falco-rules",
      "--version",
      "2.0.0",
      "--requires",
      "engine_version:26",
    ]);
    expect(result.status).toBe(0);
    expect(result.stdoutBytes.length).toBe(98);
    expect(createHash("sha256").update(result.stdoutBytes).digest("hex")).toBe(
      "5edca1a8eea6c01df18acab6956b1e285c72890dc4cf719a86e73bb2c43c70d5",
    );
  });

  it("refuses a bad dependency with exit 2", async () => {
    const result = await runInProcess(
      ["falco", "config", "--name", "r", "--version", "1.0.0", "-d", "Bad Name:1"],
      {
        cwd: work,
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^ocispec: .+\nTry 'ocispec falco config --help'/);
  });
});

describe("ocispec media-types", () => {
  it("filters the table and prints json and markdown", async () => {
    const json = JSON.parse(runCli(["media-types", "--family", "falco", "--format", "json"]).stdout);
    expect(json.mediaTypes.length).toBe(6);
    expect(json.mediaTypes.every((row: { family: string }) => row.family === "falco")).toBe(true);
    const table = (await runInProcess(["media-types", "--kind", "index"], { cwd: work })).stdout;
    expect(table).toMatch(/^MEDIA TYPE +KIND +FAMILY +STATUS\n/);
    expect(table).toContain("application/vnd.oci.image.index.v1+json");
    expect((await runInProcess(["media-types", "--format", "markdown"], { cwd: work })).stdout).toMatch(
      /^# Media types\n/,
    );
    expect((await runInProcess(["media-types", "--kind", "nonsense"], { cwd: work })).status).toBe(2);
  });
});
