/**
 * An OCI image layout written from buildImageLayout goes to a real registry and back with skopeo, and
 * umoci reads both copies: the layout is one other tools accept, and the digests survive the trip.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildImageIndex, buildImageLayout, REF_NAME_ANNOTATION } from "../src/builders/index.js";
import { findExecutable } from "./helpers/executable.js";
import { readImageLayout, writeImageLayout } from "./helpers/layout.js";
import {
  pullManifest,
  registryUnavailableReason,
  startRegistry,
  type TestRegistry,
} from "./helpers/registry.js";
import { buildTestImage } from "./helpers/test-image.js";

const run = promisify(execFile);
const skopeo = findExecutable("skopeo");
const umoci = findExecutable("umoci");
const reason =
  registryUnavailableReason() ??
  (skopeo === undefined ? "skopeo is not on PATH (apt-get install skopeo)" : undefined) ??
  (umoci === undefined ? "umoci is not on PATH (apt-get install umoci)" : undefined);
if (reason !== undefined) console.warn(`skipping the skopeo/umoci layout round trip: ${reason}`);

describe.skipIf(reason !== undefined)("OCI layout → registry → OCI layout (skopeo, umoci)", () => {
  let registry: TestRegistry;
  let work: string;
  beforeAll(async () => {
    registry = await startRegistry();
    work = mkdtempSync(join(tmpdir(), "ocispec-layout-"));
  });
  afterAll(async () => {
    await registry?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const amd64 = buildTestImage("amd64");
  const arm64 = buildTestImage("arm64");
  const index = buildImageIndex({
    manifests: [
      { ...amd64.manifest.descriptor, platform: { architecture: "amd64", os: "linux" } },
      { ...arm64.manifest.descriptor, platform: { architecture: "arm64", os: "linux" } },
    ],
  });
  const layout = buildImageLayout({
    manifests: [
      { ...amd64.manifest, refName: "v1" },
      { ...index, refName: "multi" },
    ],
    blobs: [amd64.config, amd64.layer, arm64.config, arm64.layer, arm64.manifest],
  });

  async function skopeoCopy(...args: string[]): Promise<void> {
    await run(skopeo as string, ["copy", "--quiet", "--preserve-digests", ...args], { timeout: 60_000 });
  }

  /** Reads the layout at `dir` back and checks each built blob is stored, byte for byte, under its digest. */
  function expectLayoutHolds(
    dir: string,
    blobs: readonly { bytes: Uint8Array; descriptor: { digest: string } }[],
  ) {
    const files = new Map(readImageLayout(dir).map((f) => [f.path, f.bytes]));
    for (const blob of blobs) {
      expect(files.get(`blobs/sha256/${blob.descriptor.digest.slice(7)}`)).toEqual(blob.bytes);
    }
    return files;
  }

  it("umoci reads the written layout", async () => {
    const source = join(work, "source");
    writeImageLayout(source, layout);
    const { stdout } = await run(umoci as string, ["stat", "--json", "--image", `${source}:v1`]);
    expect(JSON.parse(stdout).history).toBeDefined();
    expect(readImageLayout(source)).toEqual([...layout.files].sort((a, b) => (a.path < b.path ? -1 : 1)));
  });

  it("skopeo copies an image from the layout to the registry and back with the same digests", async () => {
    const source = join(work, "image-src");
    const back = join(work, "image-back");
    writeImageLayout(source, layout);
    await skopeoCopy(
      "--dest-tls-verify=false",
      `oci:${source}:v1`,
      `docker://${registry.host}/ocispec/layout:v1`,
    );
    const pulled = await pullManifest(registry, "ocispec/layout", "v1");
    expect(pulled.bytes).toEqual(amd64.manifest.bytes);
    expect(pulled.digest).toBe(amd64.manifest.descriptor.digest);

    await skopeoCopy(
      "--src-tls-verify=false",
      `docker://${registry.host}/ocispec/layout:v1`,
      `oci:${back}:v1`,
    );
    const files = expectLayoutHolds(back, [amd64.manifest, amd64.config, amd64.layer]);
    const indexJson = JSON.parse(new TextDecoder().decode(files.get("index.json")));
    expect(indexJson.manifests).toContainEqual(
      expect.objectContaining({
        digest: amd64.manifest.descriptor.digest,
        annotations: expect.objectContaining({ [REF_NAME_ANNOTATION]: "v1" }),
      }),
    );
    await run(umoci as string, ["stat", "--json", "--image", `${back}:v1`]);
  });

  it("skopeo --all copies a two-platform index and keeps every digest", async () => {
    const source = join(work, "multi-src");
    const back = join(work, "multi-back");
    writeImageLayout(source, layout);
    await skopeoCopy(
      "--all",
      "--dest-tls-verify=false",
      `oci:${source}:multi`,
      `docker://${registry.host}/ocispec/layout:multi`,
    );
    const pulled = await pullManifest(registry, "ocispec/layout", "multi");
    expect(pulled.bytes).toEqual(index.bytes);
    await skopeoCopy(
      "--all",
      "--src-tls-verify=false",
      `docker://${registry.host}/ocispec/layout:multi`,
      `oci:${back}:multi`,
    );
    expectLayoutHolds(back, [index, amd64.manifest, arm64.manifest, arm64.config, arm64.layer]);
  });
});
