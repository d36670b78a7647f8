import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BuildError } from "../src/builders/build-error.js";
import { buildFalcoArtifact, type FalcoArtifactInput } from "../src/builders/index.js";
import { validate } from "../src/validate/index.js";

const sha256 = (b: Uint8Array) => `sha256:${createHash("sha256").update(b).digest("hex")}`;
const json = (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b));
const TITLE = "org.opencontainers.image.title";
const CREATED = "org.opencontainers.image.created";

/** Names of the regular files in a ustar archive. */
function tarNames(tar: Uint8Array): string[] {
  const names: string[] = [];
  for (let o = 0; o + 512 <= tar.length; ) {
    const h = tar.subarray(o, o + 512);
    if (h.every((b) => b === 0)) break;
    const size = Number.parseInt(new TextDecoder().decode(h.subarray(124, 136)).replace(/\0.*$/s, ""), 8);
    if (h[156] === 0x30) names.push(new TextDecoder().decode(h.subarray(0, 100)).replace(/\0.*$/s, ""));
    o += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
}

const rulesfile: FalcoArtifactInput = {
  kind: "rulesfile",
  name: "k8saudit-rules",
  version: "0.6.1",
  dependencies: ["k8saudit:0.6.0|k8saudit-eks:0.2.0", "json:0.7.0"],
  requirements: ["engine_version_semver:0.37.0"],
  files: { "k8s_audit_rules.yaml": "- required_engine_version: 15\n" },
  created: "2023-09-21T07:47:36Z",
  source: "https://github.com/falcosecurity/plugins.git",
};

describe("buildFalcoArtifact: rulesfile and asset", () => {
  const artifact = buildFalcoArtifact(rulesfile);

  it("has a config blob, a layer blob and one manifest, which is the root", () => {
    expect(artifact.blobs.map((b) => b.descriptor.mediaType)).toEqual([
      "application/vnd.cncf.falco.rulesfile.config.v1+json",
      "application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz",
    ]);
    expect(artifact.manifests).toHaveLength(1);
    expect(artifact.root).toBe(artifact.manifests[0]);
    for (const { descriptor, bytes } of [...artifact.blobs, ...artifact.manifests]) {
      expect(descriptor.digest).toBe(sha256(bytes));
      expect(descriptor.size).toBe(bytes.length);
    }
  });

  it("lays the manifest out as falcoctl pushes it", () => {
    const manifest = json(artifact.root.bytes);
    expect(Object.keys(manifest)).toEqual(["schemaVersion", "mediaType", "config", "layers", "annotations"]);
    expect(manifest.config).toEqual(artifact.blobs[0]?.descriptor);
    expect(manifest.config.annotations).toBeUndefined();
    expect(manifest.layers).toHaveLength(1);
    expect(manifest.layers[0].annotations).toEqual({ [TITLE]: "k8saudit-rules-0.6.1.tar.gz" });
    expect(manifest.annotations).toEqual({
      [CREATED]: "2023-09-21T07:47:36Z",
      "org.opencontainers.image.source": "https://github.com/falcosecurity/plugins.git",
    });
  });

  it("carries falcoctl's config bytes", () => {
    expect(new TextDecoder().decode(artifact.blobs[0]?.bytes)).toBe(
      '{"name":"k8saudit-rules","version":"0.6.1","dependencies":[{"name":"json","version":"0.7.0"},{"name":"k8saudit","version":"0.6.0","alternatives":[{"name":"k8saudit-eks","version":"0.2.0"}]}],"requirements":[{"name":"engine_version_semver","version":"0.37.0"}]}',
    );
  });

  it("packs the files into a gzip tar that zlib reads back", () => {
    const layer = artifact.blobs[1]?.bytes as Uint8Array;
    expect(tarNames(new Uint8Array(gunzipSync(layer)))).toEqual(["k8s_audit_rules.yaml"]);
  });

  it("is deterministic: the same input gives the same bytes", () => {
    const again = buildFalcoArtifact({ ...rulesfile });
    expect(again.root.bytes).toEqual(artifact.root.bytes);
    expect(again.blobs.map((b) => b.bytes)).toEqual(artifact.blobs.map((b) => b.bytes));
  });

  it("defaults created to now, in RFC 3339 UTC without fractions, and accepts a Date", () => {
    const { created: _omit, ...rest } = rulesfile;
    const now = json(buildFalcoArtifact(rest).root.bytes).annotations[CREATED] as string;
    expect(now).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Math.abs(Date.parse(now) - Date.now())).toBeLessThan(60_000);
    const fixed = buildFalcoArtifact({ ...rest, created: new Date(Date.UTC(2024, 0, 31, 12, 0, 0, 250)) });
    expect(json(fixed.root.bytes).annotations[CREATED]).toBe("2024-01-31T12:00:00Z");
  });

  it("builds assets with the asset types and a caller-given title", () => {
    const asset = buildFalcoArtifact({
      kind: "asset",
      name: "my-asset",
      version: "1.0.0",
      files: { "data.json": "{}" },
      title: "data.tar.gz",
      created: "2024-01-01T00:00:00Z",
    });
    const manifest = json(asset.root.bytes);
    expect(manifest.config.mediaType).toBe("application/vnd.cncf.falco.asset.config.v1+json");
    expect(manifest.layers[0].mediaType).toBe("application/vnd.cncf.falco.asset.layer.v1+tar.gz");
    expect(manifest.layers[0].annotations[TITLE]).toBe("data.tar.gz");
  });
});

describe("buildFalcoArtifact: plugin", () => {
  const plugin = buildFalcoArtifact({
    kind: "plugin",
    name: "k8saudit",
    version: "0.6.1",
    requirements: ["plugin_api_version:3.0.0"],
    platforms: [
      { platform: "linux/amd64", files: { "libk8saudit.so": new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 1]) } },
      {
        platform: { os: "linux", architecture: "arm64" },
        files: { "libk8saudit.so": new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2]) },
      },
    ],
    created: "2024-01-01T00:00:00Z",
  });

  it("has one config, one layer per platform, one manifest per platform, then the index as root", () => {
    expect(plugin.blobs.map((b) => b.descriptor.mediaType)).toEqual([
      "application/vnd.cncf.falco.plugin.config.v1+json",
      "application/vnd.cncf.falco.plugin.layer.v1+tar.gz",
      "application/vnd.cncf.falco.plugin.layer.v1+tar.gz",
    ]);
    expect(plugin.manifests.map((m) => m.descriptor.mediaType)).toEqual([
      "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.oci.image.index.v1+json",
    ]);
    expect(plugin.root).toBe(plugin.manifests[2]);
  });

  it("gives every index entry its platform and artifactType", () => {
    const index = json(plugin.root.bytes);
    expect(index.manifests).toEqual([
      {
        ...plugin.manifests[0]?.descriptor,
        platform: { architecture: "amd64", os: "linux" },
        artifactType: "application/vnd.cncf.falco.plugin.config.v1+json",
      },
      {
        ...plugin.manifests[1]?.descriptor,
        platform: { architecture: "arm64", os: "linux" },
        artifactType: "application/vnd.cncf.falco.plugin.config.v1+json",
      },
    ]);
    expect(json(plugin.manifests[1]?.bytes as Uint8Array).layers[0].annotations[TITLE]).toBe(
      "k8saudit-0.6.1-linux-arm64.tar.gz",
    );
  });

  it("uploads a layer shared by two platforms once", () => {
    const same = { "libx.so": "same" };
    const shared = buildFalcoArtifact({
      kind: "plugin",
      name: "x",
      version: "1.0.0",
      platforms: [
        { platform: "linux/amd64", files: same },
        { platform: "linux/arm64", files: same },
      ],
      created: "2024-01-01T00:00:00Z",
    });
    expect(shared.blobs).toHaveLength(2);
  });
});

describe("buildFalcoArtifact: refusals", () => {
  const base = { name: "x", version: "1.0.0", created: "2024-01-01T00:00:00Z" };
  it.each([
    [{ ...base, kind: "chart", files: { a: "" } }, "kind"],
    [{ ...base, kind: "rulesfile", name: "", files: { a: "" } }, "name"],
    [{ ...base, kind: "rulesfile", version: "1.0", files: { a: "" } }, "version"],
    [{ ...base, kind: "rulesfile" }, "files"],
    [{ ...base, kind: "rulesfile", files: {} }, "files"],
    [{ ...base, kind: "rulesfile", files: { "../evil.yaml": "" } }, "files"],
    [{ ...base, kind: "rulesfile", files: { a: "" }, title: "dir/a.tar.gz" }, "title"],
    [{ ...base, kind: "rulesfile", files: { a: "" }, platforms: [] }, "platforms"],
    [{ ...base, kind: "rulesfile", files: { a: "" }, created: "yesterday" }, "created"],
    [{ ...base, kind: "plugin", files: { a: "" } }, "files"],
    [{ ...base, kind: "plugin", platforms: [] }, "platforms"],
    [
      { ...base, kind: "plugin", platforms: [{ platform: "linux", files: { a: "" } }] },
      "platforms[0].platform",
    ],
    [
      {
        ...base,
        kind: "plugin",
        platforms: [
          { platform: "linux/amd64", files: { a: "" } },
          { platform: "linux/amd64", files: { b: "" } },
        ],
      },
      "platforms[1].platform",
    ],
    [
      {
        ...base,
        kind: "plugin",
        requirements: ["bad"],
        platforms: [{ platform: "linux/amd64", files: { a: "" } }],
      },
      "requirements[0]",
    ],
  ])("refuses %j at %s", (input, field) => {
    let error: unknown;
    try {
      buildFalcoArtifact(input as FalcoArtifactInput);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).field).toBe(field);
  });
});

describe("buildFalcoArtifact: every output passes validate under the strict preset (property)", () => {
  const name = fc.stringMatching(/^[a-z][a-z0-9_-]{0,15}$/);
  const version = fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20)).map(([a, b, c]) => `${a}.${b}.${c}`);
  const fileName = fc.stringMatching(/^[a-z0-9_][a-z0-9_.-]{0,20}$/).filter((s) => s !== "." && s !== "..");
  const files = fc.dictionary(fileName, fc.oneof(fc.string(), fc.uint8Array({ maxLength: 300 })), {
    minKeys: 1,
    maxKeys: 3,
  });
  const dependency = fc.tuple(name, version).map(([n, v]) => `${n}:${v}`);
  const requirement = fc
    .tuple(fc.constantFrom("engine_version_semver", "plugin_api_version"), version)
    .map(([n, v]) => `${n}:${v}`);

  it("for rulesfiles, assets and plugins", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("rulesfile", "asset", "plugin"),
        name,
        version,
        fc.array(dependency, { maxLength: 3 }),
        fc.array(requirement, { maxLength: 2 }),
        files,
        fc.uniqueArray(fc.constantFrom("linux/amd64", "linux/arm64", "linux/arm/v7", "darwin/arm64"), {
          minLength: 1,
          maxLength: 3,
        }),
        (kind, n, v, dependencies, requirements, f, platforms) => {
          const artifact = buildFalcoArtifact({
            kind: kind as FalcoArtifactInput["kind"],
            name: n,
            version: v,
            dependencies,
            requirements,
            created: "2024-01-01T00:00:00Z",
            ...(kind === "plugin"
              ? { platforms: platforms.map((p) => ({ platform: p, files: f })) }
              : { files: f }),
          });
          for (const m of artifact.manifests) {
            const result = validate(m.bytes, { preset: "strict", mediaType: m.descriptor.mediaType });
            expect(result.issues).toEqual([]);
            expect(result.valid).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
