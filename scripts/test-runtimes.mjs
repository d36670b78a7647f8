// CI's runtime matrix: the whole vitest suite on every runtime of scripts/runtimes.mjs (Node 20, 22,
// 24, 26, Deno 2, Bun 1), each installed from npm into a cache outside the repository, reused when
// present. vitest itself runs on the runtime under test (`deno run -A`, `bun`), and so do the
// subprocesses the tests start with process.execPath (the CLI's). One line per runtime with its counts;
// exit 1 when any test fails on any runtime. Needs a full build first (`npm test` leaves one).
//
//   node scripts/test-runtimes.mjs [--runtime node22,deno|all] [-- <vitest filters>]
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { installRuntime, reportedVersion, selectRuntimes } from "./runtimes.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const dashes = argv.indexOf("--");
const filters = dashes === -1 ? [] : argv.slice(dashes + 1);
const own = dashes === -1 ? argv : argv.slice(0, dashes);
const runtimeFlag = own.indexOf("--runtime");
const selected = selectRuntimes(runtimeFlag === -1 ? undefined : own[runtimeFlag + 1]);

if (!existsSync(join(root, "dist", "index.d.ts")) || !existsSync(join(root, "dist", "cli.js"))) {
  console.error("test-runtimes: dist/ is incomplete: run `npm run build` first (npm test does)");
  process.exit(2);
}

const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
const reports = mkdtempSync(join(tmpdir(), "ocispec-runtimes-"));
process.on("exit", () => rmSync(reports, { recursive: true, force: true }));

/** The command line that runs vitest on a runtime. */
function vitestCommand(runtime, bin, report) {
  const args = ["run", "--reporter=json", `--outputFile=${report}`, ...filters];
  if (runtime.kind === "deno") return [bin, ["run", "--allow-all", "--no-lock", vitest, ...args]];
  return [bin, [vitest, ...args]];
}

let failed = false;
const matrixStarted = performance.now();
for (const runtime of selected) {
  const started = performance.now();
  let bin;
  try {
    const install = installRuntime(runtime);
    bin = install.bin;
    if (install.installed)
      console.log(
        `${runtime.id}: installed ${runtime.kind}@${runtime.version} into ${dirname(dirname(dirname(bin)))}`,
      );
  } catch (error) {
    console.log(`${runtime.id}: FAILED to install: ${error.message}`);
    failed = true;
    continue;
  }
  const version = reportedVersion(bin);
  if (version !== runtime.version) {
    console.log(`${runtime.id}: FAILED: ${bin} reports ${version}, expected ${runtime.version}`);
    failed = true;
    continue;
  }
  const report = join(reports, `${runtime.id}.json`);
  const [command, args] = vitestCommand(runtime, bin, report);
  // PATH is left alone: a program the tests start by name (a git hook running `ocispec`, whose
  // shebang is `node`) runs on the machine's Node, as it does under Deno and Bun. Putting the cached
  // node first would not do: pre-commit ignores a `node` inside the home folder and would try to
  // download one.
  const run = spawnSync(command, args, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", CI: "1" },
    maxBuffer: 1 << 28,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const label = `${runtime.id} (${runtime.kind} ${version})`;
  if (!existsSync(report)) {
    console.log(`${label}: FAILED: vitest wrote no report (exit ${run.status ?? run.signal}), ${seconds} s`);
    process.stdout.write(`${run.stdout}${run.stderr}`.slice(-4000));
    failed = true;
    continue;
  }
  const result = JSON.parse(readFileSync(report, "utf8"));
  const failures = result.testResults.flatMap((file) => {
    const tests = file.assertionResults.filter((t) => t.status === "failed");
    // A file that fails to load has no failed test of its own, only a message.
    if (file.status === "failed" && tests.length === 0) return [`${file.name}: ${file.message}`];
    return tests.map(
      (t) => `${file.name.slice(root.length + 1)} > ${t.fullName}: ${t.failureMessages[0] ?? ""}`,
    );
  });
  const skipped = result.numPendingTests + result.numTodoTests;
  console.log(
    `${label}: ${result.numPassedTests} passed, ${result.numFailedTests} failed, ${skipped} skipped` +
      `${failures.length > result.numFailedTests ? `, ${failures.length - result.numFailedTests} files failed to load` : ""} (${seconds} s)`,
  );
  if (failures.length > 0 || run.status !== 0) {
    failed = true;
    for (const failure of failures) console.log(`  ✗ ${failure.split("\n").slice(0, 6).join("\n    ")}`);
    if (failures.length === 0) process.stdout.write(`${run.stdout}${run.stderr}`.slice(-4000));
  }
}
const total = ((performance.now() - matrixStarted) / 1000).toFixed(0);
console.log(`test-runtimes: ${selected.length} runtimes, ${failed ? "FAILED" : "all passed"} (${total} s)`);
process.exitCode = failed ? 1 : 0;
