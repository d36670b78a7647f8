// npm run bench:gate — ocispec gate in front of a real docker-registry, on loopback only.
// Three phases, each bounded in count and time: valid pushes, refused pushes, and a mix in which
// attackers send the worst 4 MiB documents back to back while other clients push valid manifests and
// GET /v2/. Reports throughput, p50/p99 and the gate's peak RSS (VmHWM, reset between phases).
// Control: GET /v2/ straight to the registry in both mixes, the machine's own floor (on a shared
// machine the floor, not the gate, is what moves the p99).
// Options: --check (exit 1 if the others' p99 during the attack is 100 ms or more), --seconds N
// (attack phase length, default 20), --count N (pushes per plain phase, default 400).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildDescriptor, buildImageManifest, canonicalJson } from "../dist/index.js";

const { values } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    seconds: { type: "string", default: "20" },
    count: { type: "string", default: "400" },
  },
});
const ATTACK_SECONDS = Math.min(120, Number(values.seconds));
const COUNT = Math.min(5_000, Number(values.count));
const CONCURRENCY = 8;
const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

const which = (name) =>
  (process.env.PATH ?? "")
    .split(":")
    .map((dir) => join(dir, name))
    .find((path) => {
      try {
        readFileSync(path, { flag: "r" }).length;
        return true;
      } catch {
        return false;
      }
    });

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up`);
}

async function startRegistry(binary, directory) {
  const port = await freePort();
  const config = join(directory, "config.yml");
  writeFileSync(
    config,
    `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${join(directory, "storage")}\nhttp:\n  addr: 127.0.0.1:${port}\n  secret: bench\n`,
  );
  const child = spawn(binary, ["serve", config], { stdio: "ignore" });
  await waitFor(`http://127.0.0.1:${port}/v2/`, 20_000);
  return { url: `http://127.0.0.1:${port}`, child };
}

async function startGate(upstream) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [CLI, "gate", "--listen", `127.0.0.1:${port}`, "--upstream", upstream],
    {
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  await waitFor(`http://127.0.0.1:${port}/healthz`, 20_000);
  return { url: `http://127.0.0.1:${port}`, port, child };
}

/** Peak RSS of a process since the last reset, in MB; resets it (Linux: clear_refs 5). */
function peakRss(pid, reset = true) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  if (reset) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, "5");
    } catch {}
  }
  return kb / 1024;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One request; resolves { status, ms }. */
function request(url, { method = "GET", headers = {}, body } = {}) {
  const started = performance.now();
  return new Promise((resolve) => {
    const outgoing = http.request(url, { method, headers, agent }, (response) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode, ms: performance.now() - started }));
    });
    outgoing.on("error", () => resolve({ status: 0, ms: performance.now() - started }));
    outgoing.end(body);
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summarise(name, samples, seconds, rssMb) {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const statuses = {};
  for (const s of samples) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
  return {
    phase: name,
    requests: samples.length,
    "req/s": Math.round(samples.length / seconds),
    "p50 ms": Number(percentile(sorted, 50).toFixed(1)),
    "p99 ms": Number(percentile(sorted, 99).toFixed(1)),
    "max ms": Number((sorted.at(-1) ?? Number.NaN).toFixed(1)),
    statuses: JSON.stringify(statuses),
    "gate peak RSS MB": rssMb === undefined ? "" : Math.round(rssMb),
  };
}

/** Runs `total` jobs with `concurrency` workers, or until `deadline`. */
async function pool(total, concurrency, deadline, job) {
  const samples = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total && Date.now() < deadline) samples.push(await job(next++));
    }),
  );
  return samples;
}

const registryBinary = process.env.OCISPEC_REGISTRY_BIN || which("docker-registry") || which("registry");
if (!registryBinary) {
  console.log("bench:gate skipped: no docker-registry binary on PATH (apt-get install docker-registry)");
  process.exit(0);
}

const directory = mkdtempSync(join(tmpdir(), "ocispec-bench-gate-"));
const registry = await startRegistry(registryBinary, directory);
const gate = await startGate(registry.url);
const results = [];
try {
  // Blobs every manifest points at, pushed straight to the registry once.
  const config = buildDescriptor(
    canonicalJson({ architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: [] } }),
    "application/vnd.oci.image.config.v1+json",
  );
  const layer = buildDescriptor(
    new TextEncoder().encode("bench layer"),
    "application/vnd.oci.image.layer.v1.tar+gzip",
  );
  for (const blob of [config, layer]) {
    const start = await fetch(`${registry.url}/v2/bench/app/blobs/uploads/`, { method: "POST" });
    const upload = new URL(start.headers.get("location"), registry.url);
    upload.searchParams.set("digest", blob.descriptor.digest);
    await fetch(upload, { method: "PUT", body: blob.bytes });
  }
  const valid = (i) =>
    buildImageManifest({
      config: config.descriptor,
      layers: [layer.descriptor],
      annotations: { "bench.index": String(i) },
    }).bytes;
  const refused = (i) => {
    const text = new TextDecoder().decode(valid(i));
    return new TextEncoder().encode(`{"schemaVersion":1,${text.slice(1)}`); // duplicate key
  };
  const push = (bytes, tag) =>
    request(`${gate.url}/v2/bench/app/manifests/${tag}`, {
      method: "PUT",
      headers: { "content-type": OCI_MANIFEST },
      body: bytes,
    });

  // warm-up (worker JIT, keep-alive sockets)
  await pool(40, 4, Date.now() + 10_000, (i) => push(valid(i), `warm${i}`));
  peakRss(gate.child.pid);

  for (const [name, make] of [
    ["valid pushes", valid],
    ["refused pushes", refused],
  ]) {
    const started = performance.now();
    const samples = await pool(COUNT, CONCURRENCY, Date.now() + 60_000, (i) =>
      push(make(i), `${name[0]}${i}`),
    );
    results.push(summarise(name, samples, (performance.now() - started) / 1000, peakRss(gate.child.pid)));
  }

  // The worst documents: a finding flood (issue #17 item 2) and a valid document of escapes (item 5).
  const MiB4 = 4 * 1024 * 1024 - 1024;
  const head = `{"schemaVersion":2,"mediaType":"${OCI_MANIFEST}","config":${JSON.stringify(config.descriptor)},"layers":[`;
  const flood = `${head}${"{},".repeat(Math.floor((MiB4 - head.length) / 3))}{}]}`;
  const escapesValue = "\\u0041".repeat(Math.floor((MiB4 - 400) / 6));
  const escapes = `{"schemaVersion":2,"mediaType":"${OCI_MANIFEST}","config":${JSON.stringify(config.descriptor)},"layers":[${JSON.stringify(layer.descriptor)}],"annotations":{"a":"${escapesValue}"}}`;
  let tag = 0;
  /** Other clients for `seconds`: 4 loops of valid pushes, 4 of GET /v2/; with attackers alongside if given. */
  const health = async () => (await fetch(`${gate.url}/healthz`)).json();
  const mix = async (seconds, attackers) => {
    await health(); // resets the gate's event-loop delay histogram
    const deadline = Date.now() + seconds * 1000;
    const started = performance.now();
    const attacks = [];
    const attacker = async (document, label) => {
      while (Date.now() < deadline) attacks.push({ ...(await push(document, `attack-${label}`)), label });
    };
    const [pushes, gets, direct] = await Promise.all([
      pool(Number.POSITIVE_INFINITY, 4, deadline, () => push(valid(100_000 + tag), `mix${tag++}`)),
      pool(Number.POSITIVE_INFINITY, 4, deadline, () => request(`${gate.url}/v2/`)),
      // the machine's floor: the same GET straight to the registry, not through the gate
      pool(Number.POSITIVE_INFINITY, 2, deadline, () => request(`${registry.url}/v2/`)),
      ...attackers.map(([document, label]) => attacker(document, label)),
    ]);
    const { eventLoopDelay } = await health();
    return {
      eventLoopDelay,
      pushes,
      gets,
      direct,
      attacks,
      seconds: (performance.now() - started) / 1000,
      rss: peakRss(gate.child.pid),
    };
  };
  const othersP99 = (run) =>
    percentile(
      [...run.pushes, ...run.gets].map((s) => s.ms).sort((a, b) => a - b),
      99,
    );

  const quiet = await mix(ATTACK_SECONDS / 2, []);
  results.push(summarise("no attack: valid pushes", quiet.pushes, quiet.seconds));
  results.push(summarise("no attack: GET /v2/", quiet.gets, quiet.seconds, quiet.rss));
  results.push(summarise("no attack: GET /v2/ straight to the registry", quiet.direct, quiet.seconds));
  const attacked = await mix(ATTACK_SECONDS, [
    [flood, "flood"],
    [escapes, "escapes"],
  ]);
  results.push(summarise("attack: valid pushes", attacked.pushes, attacked.seconds));
  results.push(summarise("attack: GET /v2/", attacked.gets, attacked.seconds));
  results.push(summarise("attack: GET /v2/ straight to the registry", attacked.direct, attacked.seconds));
  for (const label of ["flood", "escapes"]) {
    const runs = attacked.attacks.filter((a) => a.label === label);
    results.push(summarise(`attacker: 4 MiB ${label}`, runs, attacked.seconds, attacked.rss));
  }
  console.table(results);
  console.log(
    `gate event-loop delay (p50/p99/max ms): without attack ${JSON.stringify(quiet.eventLoopDelay)}, during the attack ${JSON.stringify(attacked.eventLoopDelay)}`,
  );
  const p99 = othersP99(attacked);
  console.log(
    `others' p99: ${othersP99(quiet).toFixed(1)} ms without attack, ${p99.toFixed(1)} ms during the attack (budget 100 ms)`,
  );
  if (values.check && !(p99 < 100)) process.exitCode = 1;
} finally {
  gate.child.kill("SIGTERM");
  registry.child.kill("SIGTERM");
  agent.destroy();
  await new Promise((resolve) => setTimeout(resolve, 500));
  rmSync(directory, { recursive: true, force: true });
}
