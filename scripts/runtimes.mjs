// The runtimes ocispec is tested and benchmarked on, one row each, and how to get each binary: from
// the npm registry (the only download CI may make) into a cache outside the repository, reused when
// present. Used by scripts/test-runtimes.mjs (CI's matrix) and bench/run.mjs --runtime.
//
// Versions are pinned exactly, so a CI run is reproducible and a new release cannot turn it red
// overnight: Node 20 at the floor of `engines` (the machine's own Node 20, newer, runs `npm test`),
// every other line at its newest release on 2026-12-07. Bumping one is a one-line change here (then
// rerun `node scripts/test-runtimes.mjs` and the bench, and update docs/performance.md).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/**
 * @typedef {object} Runtime
 * @property {string} id        what --runtime and the report call it: node20, node22, …, deno, bun
 * @property {"node" | "deno" | "bun"} kind
 * @property {string} line      the release line
 * @property {string} version   the pinned version
 * @property {string} why       why this line is in the matrix
 */

/** @type {readonly Runtime[]} */
export const runtimes = [
  {
    id: "node20",
    kind: "node",
    line: "20",
    version: "20.19.0",
    why: "the floor of engines (>=20.19.0): the oldest Node the suite runs on (vite 8, under vitest 4)",
  },
  { id: "node22", kind: "node", line: "22", version: "22.23.5", why: "maintenance LTS until April 2027" },
  { id: "node24", kind: "node", line: "24", version: "24.22.3", why: "LTS, what most users run" },
  { id: "node26", kind: "node", line: "26", version: "26.12.1", why: "the newest line" },
  { id: "deno", kind: "deno", line: "2", version: "2.9.6", why: "the README says the library runs in Deno" },
  { id: "bun", kind: "bun", line: "1", version: "1.4.5", why: "the README says the library runs in Bun" },
];

/** Where installed runtimes live: outside the repository, shared by every clone on the machine. */
export const cacheDir =
  process.env.OCISPEC_RUNTIMES_CACHE ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "ocispec-runtimes");

/** The npm package that carries a runtime's binary for this platform (Node's are per platform). */
function npmPackage(runtime) {
  return runtime.kind === "node" ? `node-${process.platform}-${process.arch}` : runtime.kind;
}

/**
 * The runtime's binary, installed with npm into `cacheDir/<package>@<version>` unless it is there.
 * The install goes to a temporary folder renamed into place when complete, so an interrupted one is
 * never reused. Throws with npm's output when the install fails.
 * @param {Runtime} runtime
 * @returns {{ bin: string, installed: boolean }}
 */
export function installRuntime(runtime) {
  const spec = `${npmPackage(runtime)}@${runtime.version}`;
  const dir = join(cacheDir, spec);
  // Each package's postinstall links its real binary here (not a Node wrapper script).
  const bin = join(dir, "node_modules", ".bin", runtime.kind);
  if (existsSync(bin)) return { bin, installed: false };
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  writeFileSync(join(partial, "package.json"), '{ "private": true }\n');
  const npm = spawnSync(
    "npm",
    ["install", "--no-audit", "--no-fund", "--no-save", "--no-package-lock", "--loglevel=error", spec],
    { cwd: partial, encoding: "utf8" },
  );
  if (npm.status !== 0) {
    rmSync(partial, { recursive: true, force: true });
    throw new Error(`npm install ${spec} failed:\n${npm.stdout}${npm.stderr}${npm.error ?? ""}`);
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return { bin, installed: true };
}

/** The version a runtime binary reports, e.g. "24.22.3"; for the report, and to check the pin. */
export function reportedVersion(bin) {
  const r = spawnSync(bin, ["--version"], { encoding: "utf8" });
  const text = `${r.stdout ?? ""}`.trim();
  return (/(\d+\.\d+\.\d+)/.exec(text) ?? [undefined, text])[1];
}

/** The runtimes named by a --runtime value: an id (node24), a Node line (24), a list, or "all". */
export function selectRuntimes(value, { kinds = ["node", "deno", "bun"] } = {}) {
  const pool = runtimes.filter((r) => kinds.includes(r.kind));
  if (value === undefined || value === "all") return pool;
  return value.split(",").map((name) => {
    const found = pool.find((r) => r.id === name || (r.kind === "node" && r.line === name));
    if (!found)
      throw new Error(`unknown runtime ${name}: one of ${pool.map((r) => r.id).join(", ")}, or all`);
    return found;
  });
}
