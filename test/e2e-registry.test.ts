/**
 * End to end against a real CNCF distribution registry (Debian `docker-registry`): documents built by
 * ocispec are pushed with plain fetch, pulled back by tag and by digest, and must come back byte for
 * byte with the digests the builders computed. The Falco artifacts' round trip lives in the Falco
 * tests and reuses test/helpers/registry.ts.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Built,
  type BuiltDescriptor,
  buildDescriptor,
  buildImageIndex,
  buildImageManifest,
  buildReferrersIndex,
  emptyBlob,
  emptyDescriptor,
} from "../src/builders/index.js";
import {
  pullBlob,
  pullManifest,
  pushArtifact,
  pushBlob,
  pushManifest,
  registryUnavailableReason,
  startRegistry,
  type TestRegistry,
} from "./helpers/registry.js";
import { buildTestImage } from "./helpers/test-image.js";

const utf8 = (s: string) => new TextEncoder().encode(s);
const sha256 = (bytes: Uint8Array) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

const reason = registryUnavailableReason();
if (reason !== undefined) console.warn(`skipping the registry round trips: ${reason}`);

describe.skipIf(reason !== undefined)("registry round trip (docker-registry)", () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry?.stop();
  });

  async function expectRoundTrip(repository: string, tag: string, built: Built<unknown>): Promise<void> {
    const byTag = await pullManifest(registry, repository, tag);
    expect(byTag.bytes).toEqual(built.bytes);
    expect(byTag.contentType).toBe(built.descriptor.mediaType);
    expect(byTag.digest).toBe(built.descriptor.digest);
    const byDigest = await pullManifest(registry, repository, built.descriptor.digest);
    expect(byDigest.bytes).toEqual(built.bytes);
  }

  it("pushes an image manifest with config and layer, and pulls the same bytes back by tag and digest", async () => {
    const { config, layer, manifest } = buildTestImage("amd64");
    const root = await pushArtifact(registry, "ocispec/image", "v1", {
      blobs: [config, layer],
      manifests: [manifest],
    });
    expect(root).toBe(manifest.descriptor.digest);
    await expectRoundTrip("ocispec/image", "v1", manifest);
    expect(await pullBlob(registry, "ocispec/image", config.descriptor.digest)).toEqual(config.bytes);
    expect(await pullBlob(registry, "ocispec/image", layer.descriptor.digest)).toEqual(layer.bytes);
  });

  it("pushes an index of two platform manifests", async () => {
    const amd64 = buildTestImage("amd64");
    const arm64 = buildTestImage("arm64");
    const index = buildImageIndex({
      manifests: [
        { ...amd64.manifest.descriptor, platform: { architecture: "amd64", os: "linux" } },
        { ...arm64.manifest.descriptor, platform: { architecture: "arm64", os: "linux", variant: "v8" } },
      ],
      annotations: { "org.opencontainers.image.description": "two platforms <&> one tag" },
    });
    await pushArtifact(registry, "ocispec/multi", "latest", {
      blobs: [amd64.config, amd64.layer, arm64.config, arm64.layer],
      manifests: [amd64.manifest, arm64.manifest, index],
    });
    await expectRoundTrip("ocispec/multi", "latest", index);
    for (const child of [amd64.manifest, arm64.manifest]) {
      expect((await pullManifest(registry, "ocispec/multi", child.descriptor.digest)).bytes).toEqual(
        child.bytes,
      );
    }
  });

  it("pushes a referrer with a subject, and its referrers index to the fallback tag", async () => {
    const { config, layer, manifest: image } = buildTestImage("amd64");
    await pushArtifact(registry, "ocispec/signed", "v1", { blobs: [config, layer], manifests: [image] });
    const payload = buildDescriptor(utf8('{"signed":true}'), "application/vnd.example.signature.v1+json");
    const signature = buildImageManifest({
      artifactType: "application/vnd.example.signature.v1+json",
      config: emptyDescriptor,
      layers: [payload],
      subject: image,
      annotations: { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" },
    });
    await pushBlob(registry, "ocispec/signed", emptyBlob);
    await pushBlob(registry, "ocispec/signed", payload.bytes);
    const pushed = await pushManifest(
      registry,
      "ocispec/signed",
      signature.descriptor.digest,
      signature.bytes,
      signature.descriptor.mediaType,
    );
    expect(pushed).toBe(signature.descriptor.digest);
    expect((await pullManifest(registry, "ocispec/signed", signature.descriptor.digest)).bytes).toEqual(
      signature.bytes,
    );

    const referrers = buildReferrersIndex(image.descriptor.digest, [signature]);
    const entry: BuiltDescriptor | undefined = referrers.document.manifests[0];
    expect(entry?.artifactType).toBe("application/vnd.example.signature.v1+json");
    expect(entry?.annotations).toEqual(signature.document.annotations);
    // distribution-spec "referrers tag schema": registries without the referrers API keep the list
    // under the tag <alg>-<encoded> of the subject.
    const fallbackTag = image.descriptor.digest.replace(":", "-");
    await pushManifest(
      registry,
      "ocispec/signed",
      fallbackTag,
      referrers.bytes,
      referrers.descriptor.mediaType,
    );
    await expectRoundTrip("ocispec/signed", fallbackTag, referrers);

    const api = await fetch(`${registry.url}/v2/ocispec/signed/referrers/${image.descriptor.digest}`);
    if (api.status === 200) {
      // A registry with the referrers API must list the same descriptor.
      const listed = JSON.parse(await api.text());
      expect(listed.manifests).toEqual(referrers.document.manifests);
    } else {
      await api.arrayBuffer();
      expect(api.status).toBe(404);
    }
  });

  it("the registry recomputes the digests the builders gave", async () => {
    const blob = utf8("digest check");
    expect(await pushBlob(registry, "ocispec/digest", blob)).toBe(
      buildDescriptor(blob, "text/plain").descriptor.digest,
    );
    const response = await fetch(`${registry.url}/v2/ocispec/digest/blobs/${sha256(blob)}`, {
      method: "HEAD",
    });
    expect(response.headers.get("docker-content-digest")).toBe(sha256(blob));
    expect(Number(response.headers.get("content-length"))).toBe(blob.length);
  });

  it("the helper runs registries side by side and cleans up after itself", async () => {
    const [a, b] = await Promise.all([startRegistry(), startRegistry()]);
    try {
      expect(a.port).not.toBe(b.port);
      for (const r of [a, b]) expect((await fetch(`${r.url}/v2/`)).status).toBe(200);
    } finally {
      await a.stop();
      await b.stop();
      await a.stop();
    }
    expect(existsSync(a.directory)).toBe(false);
    await expect(fetch(`${a.url}/v2/`)).rejects.toThrow();
  });
});
