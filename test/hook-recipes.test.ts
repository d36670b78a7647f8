// Every hook recipe of docs/cli.md, done as a user does it: an ordinary Node repository (package.json,
// package-lock.json, renovate.json, tsconfig.json, .vscode/settings.json) with ocispec installed from
// this repository's packed tarball, a bare remote on disk, and for each recipe — the plain pre-push
// script, pre-commit (installed from a local clone of this repository), lefthook and husky (installed
// from npm) — a good push that goes through and a bad one that is refused with the finding on screen,
// on a branch's first push (no upstream yet) and on a later one. The scripts and configs are read
// from docs/cli.md itself, so the docs cannot drift from what is tested.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleManifest } from "./helpers/cli.js";

const root = join(import.meta.dirname, "..");
const docs = readFileSync(join(root, "docs/cli.md"), "utf8");
const LEFTHOOK = "lefthook@2.2.4";
const HUSKY = "husky@9.1.7";

/** The fenced blocks of one `### heading` section of docs/cli.md, in order. */
function blocks(heading: string, language: string): string[] {
  const start = docs.indexOf(`\n### ${heading}\n`);
  if (start === -1) throw new Error(`docs/cli.md has no "### ${heading}" section`);
  const end = docs.indexOf("\n## ", start + 1);
  const section = docs.slice(start, end === -1 ? undefined : end).split(/\n### /)[1] ?? "";
  const fence = new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\``, "gm");
  return [...section.matchAll(fence)].map((m) => m[1] ?? "");
}

// Isolated from the machine's git configuration (hooksPath, signing, templates…).
const env: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@example.test",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@example.test",
  NO_COLOR: "1",
  FORCE_COLOR: "",
  CI: "1",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
};

function run(command: string, args: readonly string[], cwd: string, extra: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...env, ...extra },
    timeout: 300_000,
  });
  return { ...result, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
}

function ok<T extends { status: number | null; output: string }>(result: T, what: string): T {
  if (result.status !== 0) throw new Error(`${what} failed (${result.status}):\n${result.output}`);
  return result;
}

const missing = (command: string) => spawnSync(command, ["--version"], { env }).error !== undefined;
const noGit = missing("git");
const noPreCommit = missing("pre-commit");

const good = sampleManifest(1);
const bad = { ...good, config: { ...good.config, digest: "sha256:not-hex" } };
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

// What an ordinary Node project holds besides its manifests; JSONC where the tools allow comments.
const PROJECT_FILES: Record<string, string> = {
  "renovate.json": json({
    $schema: "https://docs.renovatebot.com/renovate-schema.json",
    extends: ["config:recommended"],
  }),
  "tsconfig.json": '{\n  // tsc --init writes comments\n  "compilerOptions": { "strict": true, },\n}\n',
  ".vscode/settings.json": '{\n  // editor settings\n  "editor.formatOnSave": true\n}\n',
  ".gitignore": "node_modules/\n",
  "images/app/manifest.json": json(good),
};

describe.skipIf(noGit)("hook recipes of docs/cli.md, end to end", () => {
  const work = mkdtempSync(join(tmpdir(), "ocispec-recipes-"));
  let tarball = "";
  let npmProblem: string | undefined;
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(() => {
    if (!existsSync(join(root, "dist", "cli.js")))
      throw new Error("dist/ is missing: run `npm run build` first");
    // ocispec as `npm install` gets it: the packed package (dist/ is built already).
    const packed = ok(run("npm", ["pack", "--ignore-scripts", "--pack-destination", work], root), "npm pack");
    tarball = join(work, packed.stdout.trim().split("\n").at(-1) ?? "");
    // lefthook and husky come from npm; the npm cache (outside the repositories) makes reruns fast.
    const probe = run("npm", ["view", "--prefer-offline", LEFTHOOK, "version"], work);
    if (probe.status !== 0)
      npmProblem = `the npm registry is not reachable (${probe.output.trim().split("\n")[0]})`;
  });

  /** A fresh project: files committed, ocispec (and `tools`) installed, a bare remote as origin. */
  function project(name: string, tools: readonly string[] = []) {
    const dir = join(work, name);
    const remote = join(work, `${name}-remote.git`);
    mkdirSync(dir, { recursive: true });
    ok(run("git", ["init", "-q", "--bare", remote], work), "git init --bare");
    ok(run("git", ["init", "-q", "-b", "main", dir], work), "git init");
    ok(run("git", ["remote", "add", "origin", remote], dir), "git remote add");
    writeFileSync(join(dir, "package.json"), json({ name, version: "1.0.0", private: true }));
    for (const [path, text] of Object.entries(PROJECT_FILES)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    ok(
      run(
        "npm",
        ["install", "--save-dev", "--prefer-offline", "--no-audit", "--no-fund", tarball, ...tools],
        dir,
      ),
      "npm install",
    );
    const git = (...args: string[]) => run("git", args, dir);
    const commit = (message: string) => {
      ok(git("add", "-A"), "git add");
      ok(git("commit", "-q", "-m", message), "git commit");
    };
    const remoteLog = (branch: string) =>
      run("git", ["--git-dir", remote, "log", "--format=%s", branch], work).stdout;
    return { dir, git, commit, remoteLog };
  }

  type Project = ReturnType<typeof project>;

  /**
   * The pushes every recipe must get right. `passed` is what shows that the hook ran and passed
   * (pre-commit shows a hook's output only when it fails).
   */
  function pushes(p: Project, passed: RegExp = /✔ 1 file checked, \d+ skipped, no problems/) {
    // first push of main: no upstream yet
    p.commit("good manifest");
    const first = p.git("push", "-u", "origin", "main");
    expect(first.status, first.output).toBe(0);
    expect(first.output).toMatch(passed);

    // a push that changes no document passes (--no-error-on-unmatched-pattern)
    writeFileSync(
      join(p.dir, "renovate.json"),
      json({ extends: ["config:recommended", ":semanticCommits"] }),
    );
    p.commit("renovate tweak");
    const chore = p.git("push", "origin", "main");
    expect(chore.status, chore.output).toBe(0);

    // first push of a new branch with a bad manifest: refused, the finding on screen
    expect(p.git("checkout", "-q", "-b", "feature").status).toBe(0);
    mkdirSync(join(p.dir, "images/bad"), { recursive: true });
    writeFileSync(join(p.dir, "images/bad/manifest.json"), json(bad));
    p.commit("bad manifest on a new branch");
    const refused = p.git("push", "-u", "origin", "feature");
    expect(refused.status, refused.output).not.toBe(0);
    expect(refused.output).toMatch(/images\/bad\/manifest\.json:\d+:\d+: error digest-algorithm-encoding /);
    expect(p.remoteLog("feature")).toBe("");

    // fixed on the branch: the push goes through
    writeFileSync(join(p.dir, "images/bad/manifest.json"), json(good));
    p.commit("fix the manifest");
    const fixed = p.git("push", "-u", "origin", "feature");
    expect(fixed.status, fixed.output).toBe(0);

    // a later push (with an upstream) of a bad change to an existing manifest: refused
    expect(p.git("checkout", "-q", "main").status).toBe(0);
    writeFileSync(join(p.dir, "images/app/manifest.json"), json(bad));
    p.commit("break the manifest");
    const later = p.git("push", "origin", "main");
    expect(later.status, later.output).not.toBe(0);
    expect(later.output).toMatch(/images\/app\/manifest\.json:\d+:\d+: error digest-algorithm-encoding /);
    expect(p.remoteLog("main")).toBe("renovate tweak\ngood manifest\n");
  }

  // Needs no registry: ocispec comes from the packed tarball, which has no dependencies.
  it("the plain pre-push script", { timeout: 240_000 }, () => {
    const [script] = blocks("A plain git hook", "sh");
    expect(script).toContain("--no-error-on-unmatched-pattern");
    const p = project("plain");
    writeFileSync(join(p.dir, ".git/hooks/pre-push"), script ?? "");
    chmodSync(join(p.dir, ".git/hooks/pre-push"), 0o755);

    // `ocispec lint .` over the whole tree: exit 0, the manifests linted, everything else listed as skipped
    const whole = run("npx", ["--no-install", "ocispec", "lint", "."], p.dir);
    expect(whole.status, whole.output).toBe(0);
    for (const skipped of [
      "package.json",
      "package-lock.json",
      "renovate.json",
      "tsconfig.json",
      ".vscode/settings.json",
    ]) {
      expect(whole.stdout).toContain(`${skipped}: skipped, not`);
    }
    expect(whole.stdout).toMatch(/✔ 1 file checked, 5 skipped, no problems\n$/);

    pushes(p);
  });

  it("husky", { timeout: 240_000 }, (context) => {
    if (npmProblem) return context.skip(npmProblem);
    const [script] = blocks("A plain git hook", "sh");
    expect(blocks("husky", "sh")).toEqual([]); // the husky section points at the plain script
    const p = project("husky", [HUSKY]);
    ok(run("npx", ["--no-install", "husky", "init"], p.dir), "husky init");
    unlinkSync(join(p.dir, ".husky/pre-commit")); // `npm test`: this project has no tests
    writeFileSync(join(p.dir, ".husky/pre-push"), script ?? "");
    pushes(p);
  });

  it("lefthook", { timeout: 240_000 }, (context) => {
    if (npmProblem) return context.skip(npmProblem);
    const [config] = blocks("lefthook", "yaml");
    expect(config).toContain("{push_files}");
    const p = project("lefthook", [LEFTHOOK]);
    writeFileSync(join(p.dir, "lefthook.yml"), config ?? "");
    ok(run("npx", ["--no-install", "lefthook", "install"], p.dir), "lefthook install");
    pushes(p);
  });

  it.skipIf(noPreCommit)(
    "pre-commit, with the hook installed from a local clone of this repository",
    { timeout: 600_000 },
    (context) => {
      if (npmProblem) return context.skip(npmProblem);
      // The clone: this repository's files as they are now (tracked and new, not ignored), committed
      // with a fixed date, so that unchanged sources give the same commit and pre-commit, whose home
      // is kept outside the repositories, reuses the environment it built on an earlier run.
      const cache = join(
        tmpdir(),
        `ocispec-pre-commit-${createHash("sha256").update(root).digest("hex").slice(0, 12)}`,
      );
      const clone = join(cache, "ocispec-clone");
      rmSync(clone, { recursive: true, force: true });
      const listed = run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], root);
      for (const file of listed.stdout.split("\0").filter((f) => f !== "" && existsSync(join(root, f)))) {
        mkdirSync(dirname(join(clone, file)), { recursive: true });
        cpSync(join(root, file), join(clone, file));
      }
      const fixedDate = {
        GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z",
        GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z",
      };
      ok(run("git", ["init", "-q", "-b", "main", clone], work), "git init clone");
      ok(run("git", ["add", "-A"], clone), "git add clone");
      ok(run("git", ["commit", "-q", "-m", "ocispec"], clone, fixedDate), "git commit clone");
      const rev = run("git", ["rev-parse", "HEAD"], clone).stdout.trim();

      const [config] = blocks("pre-commit", "yaml");
      expect(config).toMatch(/id: ocispec-lint/);
      const p = project("pre-commit");
      writeFileSync(
        join(p.dir, ".pre-commit-config.yaml"),
        (config ?? "").replace(/repo: \S+/, `repo: ${clone}`).replace(/rev: \S+/, `rev: ${rev}`),
      );
      const preCommitEnv = { PRE_COMMIT_HOME: join(cache, "home") };
      const hookRun = (...args: string[]) => run("git", args, p.dir, preCommitEnv);
      ok(
        run("pre-commit", ["install", "--hook-type", "pre-push"], p.dir, preCommitEnv),
        "pre-commit install",
      );
      // The first push installs the hook's environment (npm install, npm pack, npm install -g).
      pushes({ ...p, git: hookRun }, /ocispec lint\.+Passed/);
      // The documented "try it on everything once", on the branch that is clean.
      expect(p.git("checkout", "-q", "feature").status).toBe(0);
      const tryIt = run(
        "pre-commit",
        ["run", "ocispec-lint", "--hook-stage", "push", "--all-files"],
        p.dir,
        preCommitEnv,
      );
      expect(tryIt.status, tryIt.output).toBe(0);
      expect(tryIt.output).toMatch(/ocispec lint\.+Passed/);
    },
  );
});
