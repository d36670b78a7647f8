// `npm run bench -- --runtime <22|node24|…|all|path to a node binary>`: the whole bench (bench/run.mjs)
// once per Node line, each in a child run by that Node, so every process it starts (documents, cold
// starts, memory) is that Node too; then the budgets side by side, so a V8 change that costs us
// shows up. Lines come from scripts/runtimes.mjs and are installed from npm into its cache when
// missing. Deno and Bun are not benched: the floor and the cold-start harness are Node's
// (node:crypto, process.resourceUsage, `node -e`). `--json` prints the reports, `--check` exits 1
// when any line misses a budget.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { installRuntime, selectRuntimes } from "../scripts/runtimes.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The Node binaries a --runtime value names: a path to a binary, or lines of scripts/runtimes.mjs. */
function binaries(value) {
  if (value !== undefined && (value.includes("/") || existsSync(value))) {
    return [{ id: value, bin: resolve(value) }];
  }
  return selectRuntimes(value, { kinds: ["node"] }).map((runtime) => ({
    id: runtime.id,
    bin: installRuntime(runtime).bin,
  }));
}

/** Runs the bench per runtime; answers the exit status. `args`: bench/run.mjs's own arguments. */
export function benchPerRuntime(args) {
  const at = args.indexOf("--runtime");
  const value = args[at + 1];
  const passOn = args.filter((a, i) => i !== at && i !== at + 1 && a !== "--json" && a !== "--check");
  const reports = [];
  for (const { id, bin } of binaries(value)) {
    process.stderr.write(`bench: ${id} (${bin}) …\n`);
    const r = spawnSync(bin, [join(root, "bench", "run.mjs"), "--json", ...passOn], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 1 << 26,
      stdio: ["ignore", "pipe", "inherit"],
    });
    if (r.status !== 0) {
      console.error(`bench: ${id} failed (exit ${r.status ?? r.signal})`);
      return 1;
    }
    reports.push({ runtime: id, ...JSON.parse(r.stdout) });
  }
  if (args.includes("--json")) console.log(JSON.stringify(reports, null, 2));
  else printTable(reports);
  const missed = reports.some((report) => report.budgets.some((b) => !b.ok));
  if (args.includes("--check") && missed) {
    console.error("bench: budget missed");
    return 1;
  }
  return 0;
}

/** One row per budget and per headline figure, one column per runtime. */
function printTable(reports) {
  const width = 14;
  const cell = (s) => String(s).padStart(width);
  const manifest = (r) => r.documents[0];
  const rows = [
    ["", (r) => r.machine.node],
    ...reports[0].budgets.map((budget, i) => [
      `${budget.name} (${budget.limit})`,
      (r) => `${r.budgets[i].ok ? "" : "MISS "}${r.budgets[i].actual}`,
    ]),
    [`${manifest(reports[0]).name}: validate µs`, (r) => manifest(r).validateUs.toFixed(1)],
    [`${manifest(reports[0]).name}: floor µs`, (r) => manifest(r).floorUs.toFixed(1)],
    ["cold start: bare node, CPU ms", (r) => r.coldStart.bareMs.toFixed(1)],
    ["memory: 10,000-entry index, MiB allocated", (r) => (r.memory.growth / 2 ** 20).toFixed(2)],
  ];
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  console.log(
    `ocispec benchmark per runtime — ${reports[0].machine.cpu} (${reports[0].machine.cores} cores)\n`,
  );
  for (const [label, value] of rows)
    console.log(`${label.padEnd(labelWidth)} ${reports.map((r) => cell(value(r))).join("")}`);
  for (const r of reports) for (const note of r.notes) console.log(`note (${r.runtime}): ${note}`);
}
