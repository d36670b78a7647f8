/**
 * End to end against a real CNCF distribution registry (Debian `docker-registry`): a Falco rulesfile
 * artifact and a two-platform plugin artifact built by buildFalcoArtifact are pushed with plain fetch,
 * pulled back by tag and by digest, and must come back byte for byte. Then the pull is walked the way
 * falcoctl walks it: index → entry for the platform → manifest → layers[0] titled file → files.
 */
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFalcoArtifact, type FalcoArtifact } from "../src/builders/index.js";
import { validate } from "../src/validate/index.js";
import {
  pullBlob,
  pullManifest,
  pushArtifact,
  registryUnavailableReason,
  startRegistry,
  type TestRegistry,
} from "./helpers/registry.js";

const reason = registryUnavailableReason();
if (reason !== undefined) console.warn(`skipping the Falco registry round trips: ${reason}`);

const json = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes));

/** Regular files of a ustar archive: path → content. */
function untar(tar: Uint8Array): Record<string, string> {
  const files: Record<string, string> = {};
  const text = (b: Uint8Array) => new TextDecoder().decode(b).replace(/\0.*$/s, "");
  for (let o = 0; o + 512 <= tar.length; ) {
    const h = tar.subarray(o, o + 512);
    if (h.every((b) => b === 0)) break;
    const size = Number.parseInt(text(h.subarray(124, 136)), 8);
    if (h[156] === 0x30)
      files[text(h.subarray(0, 100))] = new TextDecoder().decode(tar.subarray(o + 512, o + 512 + size));
    o += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

describe.skipIf(reason !== undefined)("Falco artifacts through a registry (docker-registry)", () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry?.stop();
  });

  /** Every manifest comes back by digest, the root by tag too, byte for byte; every blob as well. */
  async function expectRoundTrip(repository: string, tag: string, artifact: FalcoArtifact): Promise<void> {
    const byTag = await pullManifest(registry, repository, tag);
    expect(byTag.bytes).toEqual(artifact.root.bytes);
    expect(byTag.digest).toBe(artifact.root.descriptor.digest);
    expect(byTag.contentType).toBe(artifact.root.descriptor.mediaType);
    for (const manifest of artifact.manifests) {
      const byDigest = await pullManifest(registry, repository, manifest.descriptor.digest);
      expect(byDigest.bytes).toEqual(manifest.bytes);
      expect(validate(byDigest.bytes, { mediaType: byDigest.contentType, preset: "strict" }).issues).toEqual(
        [],
      );
    }
    for (const blob of artifact.blobs) {
      expect(await pullBlob(registry, repository, blob.descriptor.digest)).toEqual(blob.bytes);
    }
  }

  it("pushes a rulesfile artifact and pulls it back, then installs it as falcoctl would", async () => {
    const rules =
      "- required_engine_version: 0.37.0\n- rule: shell in container\n  condition: spawned_process\n";
    const artifact = buildFalcoArtifact({
      kind: "rulesfile",
      name: "my-rules",
      version: "1.0.0",
      dependencies: ["json:0.7.0"],
      requirements: ["engine_version_semver:0.37.0"],
      files: { "my_rules.yaml": rules },
      created: "2024-01-31T12:00:00Z",
    });
    const root = await pushArtifact(registry, "falcosecurity/rules/my-rules", "1.0.0", artifact);
    expect(root).toBe(artifact.root.descriptor.digest);
    await expectRoundTrip("falcosecurity/rules/my-rules", "1.0.0", artifact);

    const manifest = json((await pullManifest(registry, "falcosecurity/rules/my-rules", "1.0.0")).bytes);
    const layer = manifest.layers[0];
    expect(layer.annotations["org.opencontainers.image.title"]).toBe("my-rules-1.0.0.tar.gz");
    const files = untar(
      new Uint8Array(gunzipSync(await pullBlob(registry, "falcosecurity/rules/my-rules", layer.digest))),
    );
    expect(files).toEqual({ "my_rules.yaml": rules });
    const config = json(await pullBlob(registry, "falcosecurity/rules/my-rules", manifest.config.digest));
    expect(config.requirements).toEqual([{ name: "engine_version_semver", version: "0.37.0" }]);
  });

  it("pushes a two-platform plugin artifact and resolves each platform from the index", async () => {
    const artifact = buildFalcoArtifact({
      kind: "plugin",
      name: "my-plugin",
      version: "0.2.0",
      requirements: ["plugin_api_version:3.0.0"],
      platforms: [
        { platform: "linux/amd64", files: { "libmy-plugin.so": "amd64 build" } },
        { platform: "linux/arm64", files: { "libmy-plugin.so": "arm64 build" } },
      ],
      created: "2024-01-31T12:00:00Z",
    });
    await pushArtifact(registry, "falcosecurity/plugins/my-plugin", "0.2.0", artifact);
    await expectRoundTrip("falcosecurity/plugins/my-plugin", "0.2.0", artifact);

    const index = json((await pullManifest(registry, "falcosecurity/plugins/my-plugin", "0.2.0")).bytes);
    for (const architecture of ["amd64", "arm64"]) {
      // falcoctl: the entry whose platform matches runtime.GOOS / runtime.GOARCH.
      const entry = index.manifests.find(
        (m: { platform: { os: string; architecture: string } }) =>
          m.platform.os === "linux" && m.platform.architecture === architecture,
      );
      expect(entry.artifactType).toBe("application/vnd.cncf.falco.plugin.config.v1+json");
      const manifest = json(
        (await pullManifest(registry, "falcosecurity/plugins/my-plugin", entry.digest)).bytes,
      );
      expect(manifest.layers[0].mediaType).toBe("application/vnd.cncf.falco.plugin.layer.v1+tar.gz");
      const layer = await pullBlob(registry, "falcosecurity/plugins/my-plugin", manifest.layers[0].digest);
      expect(untar(new Uint8Array(gunzipSync(layer)))).toEqual({
        "libmy-plugin.so": `${architecture} build`,
      });
    }
  });
});
