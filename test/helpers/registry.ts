/**
 * Starts and stops a real CNCF distribution registry for end-to-end tests, and talks to it with plain
 * `fetch` over the distribution API (no client library, so the bytes on the wire are exactly ours).
 *
 * The registry binary is the Debian package `docker-registry` (`.ci/run` installs it; set
 * OCISPEC_REGISTRY_BIN to use another build, e.g. upstream's `registry`). Each registry listens on
 * 127.0.0.1 on a free port and keeps its storage in a fresh temporary directory that `stop()` removes.
 * When no binary is found, {@link registryUnavailableReason} says why, and tests skip:
 *
 * @example
 * import { afterAll, beforeAll, describe, expect, it } from "vitest";
 * import { pushBlob, pushManifest, pullManifest, registryUnavailableReason, startRegistry, type TestRegistry } from "./helpers/registry.js";
 *
 * const reason = registryUnavailableReason();
 * if (reason) console.warn(`skipping registry round trip: ${reason}`);
 * describe.skipIf(reason !== undefined)("round trip", () => {
 *   let registry: TestRegistry;
 *   beforeAll(async () => { registry = await startRegistry(); });
 *   afterAll(async () => { await registry?.stop(); });
 *   it("pushes and pulls", async () => {
 *     await pushBlob(registry, "demo/app", configBytes);
 *     await pushManifest(registry, "demo/app", "v1", manifestBytes, "application/vnd.oci.image.manifest.v1+json");
 *     expect((await pullManifest(registry, "demo/app", "v1")).bytes).toEqual(manifestBytes);
 *   });
 * });
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findExecutable } from "./executable.js";

/** A running registry. */
export interface TestRegistry {
  /** Base URL, `http://127.0.0.1:<port>`. */
  url: string;
  /** `127.0.0.1:<port>`, for references such as `docker://127.0.0.1:<port>/repo:tag`. */
  host: string;
  port: number;
  /** The temporary directory holding the config file and the storage. */
  directory: string;
  /** What the registry has written to stdout and stderr so far, for diagnosing a failure. */
  log(): string;
  /** Stops the registry and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

/** Manifest media types sent in `Accept` when pulling, so the registry returns any kind as stored. */
export const MANIFEST_ACCEPT = [
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
].join(", ");

/** Path of the registry binary: OCISPEC_REGISTRY_BIN, else `docker-registry` or `registry` on PATH. */
export function registryBinary(): string | undefined {
  return process.env.OCISPEC_REGISTRY_BIN || findExecutable("docker-registry") || findExecutable("registry");
}

/** Why registry tests cannot run here, or `undefined` when they can. */
export function registryUnavailableReason(): string | undefined {
  return registryBinary() === undefined
    ? "no docker-registry binary on PATH (apt-get install docker-registry, or set OCISPEC_REGISTRY_BIN)"
    : undefined;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address !== null
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Starts a registry on 127.0.0.1 on a free port, with filesystem storage in a new temporary directory
 * and deletes enabled, and waits until `GET /v2/` answers 200.
 *
 * @throws when no binary is found, or the registry does not come up within `timeoutMs` (its log is in the message).
 */
export async function startRegistry(options: { timeoutMs?: number } = {}): Promise<TestRegistry> {
  const binary = registryBinary();
  if (binary === undefined) throw new Error(registryUnavailableReason());
  const timeoutMs = options.timeoutMs ?? 20_000;
  const directory = mkdtempSync(join(tmpdir(), "ocispec-registry-"));
  // A port can be taken between freePort() and the registry's bind; try a few.
  for (let attempt = 0; ; attempt++) {
    // A failed attempt's stop() removed the directory; each attempt starts from a fresh one.
    mkdirSync(directory, { recursive: true });
    const port = await freePort();
    const configPath = join(directory, "config.yml");
    writeFileSync(
      configPath,
      [
        "version: 0.1",
        "log:",
        "  level: warn",
        "  accesslog:",
        "    disabled: true",
        "storage:",
        "  filesystem:",
        `    rootdirectory: ${join(directory, "storage")}`,
        "  delete:",
        "    enabled: true",
        "http:",
        `  addr: 127.0.0.1:${port}`,
        "  secret: ocispec-test-registry",
        "",
      ].join("\n"),
    );
    const child = spawn(binary, ["serve", configPath], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const killOnExit = () => child.kill("SIGKILL");
    process.once("exit", killOnExit);
    const url = `http://127.0.0.1:${port}`;
    const up = await waitUntilUp(url, child, timeoutMs);
    const registry: TestRegistry = {
      url,
      host: `127.0.0.1:${port}`,
      port,
      directory,
      log: () => output,
      async stop() {
        process.removeListener("exit", killOnExit);
        if (child.exitCode === null && child.signalCode === null) {
          child.kill("SIGTERM");
          const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
          await exited;
          clearTimeout(timer);
        }
        rmSync(directory, { recursive: true, force: true });
      },
    };
    if (up) return registry;
    const bindFailed = /address already in use/i.test(output);
    await registry.stop().catch(() => undefined);
    if (!bindFailed || attempt >= 3) {
      throw new Error(`docker-registry did not answer GET ${url}/v2/ within ${timeoutMs} ms:\n${output}`);
    }
  }
}

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const response = await fetch(`${url}/v2/`);
      await response.arrayBuffer();
      if (response.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

async function expectStatus(response: Response, expected: number, what: string): Promise<void> {
  if (response.status !== expected) {
    throw new Error(`${what}: expected HTTP ${expected}, got ${response.status}: ${await response.text()}`);
  }
}

/**
 * Pushes a blob monolithically (distribution-spec "POST then PUT"): `POST /v2/<name>/blobs/uploads/`,
 * then `PUT <Location>?digest=<digest>` with the bytes. Returns the digest (sha256 unless given).
 */
export async function pushBlob(
  registry: TestRegistry,
  repository: string,
  bytes: Uint8Array,
  digest: string = sha256(bytes),
): Promise<string> {
  const start = await fetch(`${registry.url}/v2/${repository}/blobs/uploads/`, { method: "POST" });
  await expectStatus(start, 202, `POST /v2/${repository}/blobs/uploads/`);
  const location = start.headers.get("location");
  if (location === null) throw new Error("blob upload: the registry sent no Location header");
  const upload = new URL(location, registry.url);
  upload.searchParams.set("digest", digest);
  const put = await fetch(upload, {
    method: "PUT",
    headers: { "content-type": "application/octet-stream", "content-length": String(bytes.length) },
    body: new Uint8Array(bytes),
  });
  await expectStatus(put, 201, `PUT blob ${digest}`);
  return digest;
}

/**
 * Pushes a manifest: `PUT /v2/<name>/manifests/<reference>` with `Content-Type: mediaType`. Returns the
 * registry's `Docker-Content-Digest` (the digest it computed over the bytes it stored).
 */
export async function pushManifest(
  registry: TestRegistry,
  repository: string,
  reference: string,
  bytes: Uint8Array,
  mediaType: string,
): Promise<string> {
  const response = await fetch(`${registry.url}/v2/${repository}/manifests/${reference}`, {
    method: "PUT",
    headers: { "content-type": mediaType },
    body: new Uint8Array(bytes),
  });
  await expectStatus(response, 201, `PUT /v2/${repository}/manifests/${reference}`);
  return response.headers.get("docker-content-digest") ?? "";
}

/** A pulled manifest: the exact bytes, the Content-Type and the Docker-Content-Digest the registry sent. */
export interface PulledManifest {
  bytes: Uint8Array;
  contentType: string;
  digest: string;
}

/** Pulls a manifest by tag or digest: `GET /v2/<name>/manifests/<reference>`, accepting every manifest type. */
export async function pullManifest(
  registry: TestRegistry,
  repository: string,
  reference: string,
): Promise<PulledManifest> {
  const response = await fetch(`${registry.url}/v2/${repository}/manifests/${reference}`, {
    headers: { accept: MANIFEST_ACCEPT },
  });
  await expectStatus(response, 200, `GET /v2/${repository}/manifests/${reference}`);
  return {
    bytes: new Uint8Array(await response.arrayBuffer()),
    contentType: response.headers.get("content-type") ?? "",
    digest: response.headers.get("docker-content-digest") ?? "",
  };
}

/** Pulls a blob: `GET /v2/<name>/blobs/<digest>` (following the registry's redirect, if any). */
export async function pullBlob(
  registry: TestRegistry,
  repository: string,
  digest: string,
): Promise<Uint8Array> {
  const response = await fetch(`${registry.url}/v2/${repository}/blobs/${digest}`);
  await expectStatus(response, 200, `GET /v2/${repository}/blobs/${digest}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Pushes everything a builder produced, in dependency order: first `blobs` (configs, layers — each
 * `{ bytes }` or a builder result), then `manifests` by digest (children before the index that lists
 * them), then the last manifest (the root) under `tag` as well. Returns the root's digest.
 *
 * @example
 * await pushArtifact(registry, "falco/rules", "1.0.0", { blobs: [config, layer], manifests: [manifest] });
 */
export async function pushArtifact(
  registry: TestRegistry,
  repository: string,
  tag: string,
  content: {
    blobs: readonly { bytes: Uint8Array }[];
    manifests: readonly { bytes: Uint8Array; descriptor: { mediaType: string; digest: string } }[];
  },
): Promise<string> {
  for (const blob of content.blobs) await pushBlob(registry, repository, blob.bytes);
  let root = "";
  for (const [i, manifest] of content.manifests.entries()) {
    const last = i === content.manifests.length - 1;
    root = await pushManifest(
      registry,
      repository,
      last ? tag : manifest.descriptor.digest,
      manifest.bytes,
      manifest.descriptor.mediaType,
    );
  }
  return root;
}
