// The pre-push hook end to end: a temporary git repository whose pre-push hook runs the built CLI on
// the pushed files, filtered by the `files` pattern of .pre-commit-hooks.yaml, as pre-commit would
// (pre-commit itself is a Python tool and not installed here). A bad manifest blocks `git push` to a
// local bare repository; a good one passes.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLI_PATH, SCRIPT_RUNNER, sampleManifest } from "./helpers/cli.js";

const hooks = readFileSync(new URL("../.pre-commit-hooks.yaml", import.meta.url), "utf8");
const field = (name: string) => hooks.match(new RegExp(`^[\\s-]+${name}: (.+)$`, "m"))?.[1]?.trim() ?? "";

describe.skipIf(spawnSync("git", ["--version"]).error !== undefined)("pre-push hook", () => {
  const root = mkdtempSync(join(tmpdir(), "ocispec-hook-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const remote = join(root, "remote.git");
  const repo = join(root, "work");
  // Isolated from the machine's git configuration (hooksPath, signing, templates…).
  const env = {
    ...process.env,
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "t",
    GIT_AUTHOR_EMAIL: "t@example.test",
    GIT_COMMITTER_NAME: "t",
    GIT_COMMITTER_EMAIL: "t@example.test",
    NO_COLOR: "1",
  };
  const git = (...args: string[]) => spawnSync("git", args, { cwd: repo, encoding: "utf8", env });

  it("declares the hook pre-commit needs", () => {
    expect(field("id")).toBe("ocispec-lint");
    expect(field("language")).toBe("node");
    expect(field("stages")).toBe("[pre-push]");
    expect(field("entry")).toBe("ocispec lint");
    const files = new RegExp(field("files"));
    for (const yes of [
      "manifest.json",
      "a/b/index.json",
      "layout/oci-layout",
      `layout/blobs/sha256/${"a".repeat(64)}`,
    ]) {
      expect(files.test(yes), yes).toBe(true);
    }
    for (const no of ["README.md", "src/main.ts", "oci-layout.md"]) expect(files.test(no), no).toBe(false);
  });

  it("blocks a push with a bad manifest and lets a good one through", () => {
    execFileSync("git", ["init", "-q", "--bare", remote], { env });
    execFileSync("git", ["init", "-q", "-b", "main", repo], { env });
    expect(git("remote", "add", "origin", remote).status).toBe(0);
    // What pre-commit's pre-push stage does: the files changed between the remote and the pushed
    // commit (all files for a new branch), filtered by `files`, passed to `entry`.
    const hook = `#!/bin/sh
zero=0000000000000000000000000000000000000000
status=0
while read -r local_ref local_sha remote_ref remote_sha; do
  [ "$local_sha" = "$zero" ] && continue
  if [ "$remote_sha" = "$zero" ]; then
    files=$(git ls-tree -r --name-only "$local_sha")
  else
    files=$(git diff --name-only --diff-filter=ACMR "$remote_sha" "$local_sha")
  fi
  files=$(printf '%s\\n' "$files" | grep -E '${field("files")}')
  [ -z "$files" ] && continue
  ${SCRIPT_RUNNER.map((word) => `"${word}"`).join(" ")} "${CLI_PATH}" lint $files || status=1
done
exit $status
`;
    writeFileSync(join(repo, ".git", "hooks", "pre-push"), hook);
    chmodSync(join(repo, ".git", "hooks", "pre-push"), 0o755);

    const good = sampleManifest(1);
    writeFileSync(join(repo, "README.md"), "not linted\n");
    writeFileSync(join(repo, "manifest.json"), `${JSON.stringify(good, null, 2)}\n`);
    git("add", ".");
    git("commit", "-q", "-m", "good manifest");
    const first = git("push", "-q", "origin", "main");
    expect(first.stdout).toContain("✔ 1 file checked, no problems");
    expect(first.status).toBe(0);

    const bad = { ...good, config: { ...good.config, digest: "sha256:not-hex" } };
    writeFileSync(join(repo, "manifest.json"), `${JSON.stringify(bad, null, 2)}\n`);
    git("commit", "-q", "-am", "bad manifest");
    const second = git("push", "-q", "origin", "main");
    expect(second.status).not.toBe(0);
    expect(second.stdout).toMatch(/^manifest\.json:\d+:\d+: error /m);
    expect(second.stderr).toContain("failed to push");
    // the remote still has the good commit only
    expect(
      execFileSync("git", ["--git-dir", remote, "log", "--format=%s", "main"], { encoding: "utf8", env }),
    ).toBe("good manifest\n");
  });
});
