import { describe, expect, it } from "vitest";
import { DOCKER_FOREIGN_LAYER_GZIP as DOCKER_FOREIGN_LAYER } from "../src/media-types/constants.js";
import { validate, validateDockerManifest, validateDockerManifestList } from "../src/validate/index.js";
import type { Rule } from "../src/validate/rule.js";
import { ruleFindings } from "../src/validate/rule-message.js";
import {
  dockerForeignLayerUrls,
  dockerLayerUrlsUnexpected,
  dockerManifestMediaTypeMissing,
  dockerManifestRules,
} from "../src/validate/rules/docker-manifest.js";
import {
  dockerListPlatformMissing,
  dockerListSchema1Child,
  dockerManifestListMediaTypeMissing,
  dockerManifestListRules,
} from "../src/validate/rules/docker-manifest-list.js";
import { dockerSchema1Refused, isDockerSchema1 } from "../src/validate/rules/docker-manifest-v1.js";
import {
  type DockerManifest,
  type DockerManifestList,
  isDockerManifest,
  isDockerManifestList,
} from "../src/validate/types/docker.js";

/** Runs one rule and collects what it reports, worded. */
function run<T>(rule: Rule<T>, document: T): { path: string; message: string }[] {
  return ruleFindings(rule, document).map(({ path, message }) => ({ path, message }));
}

const D1 = "sha256:e692418e4cbaf90ca69d05a66403747baa33ee08806650b51fab815ad7fc331f";
const D2 = "sha256:3c3a4604a545cdc127456d94e421cd355bca5b528f4a9c1905b15da2eb4a4c6b";

/** The example from distribution's manifest-v2-2.md, trimmed to one layer. */
function manifest(overrides: Partial<DockerManifest> = {}): DockerManifest {
  return {
    schemaVersion: 2,
    mediaType: "application/vnd.docker.distribution.manifest.v2+json",
    config: { mediaType: "application/vnd.docker.container.image.v1+json", size: 7023, digest: D1 },
    layers: [{ mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip", size: 32654, digest: D2 }],
    ...overrides,
  };
}

/** The manifest list example from distribution's manifest-v2-2.md. */
function list(overrides: Partial<DockerManifestList> = {}): DockerManifestList {
  return {
    schemaVersion: 2,
    mediaType: "application/vnd.docker.distribution.manifest.list.v2+json",
    manifests: [
      {
        mediaType: "application/vnd.docker.distribution.manifest.v2+json",
        size: 7143,
        digest: D1,
        platform: { architecture: "ppc64le", os: "linux" },
      },
      {
        mediaType: "application/vnd.docker.distribution.manifest.v2+json",
        size: 7682,
        digest: D2,
        platform: { architecture: "amd64", os: "linux", features: ["sse4"] },
      },
    ],
    ...overrides,
  };
}

describe("Docker schema 2 manifest rules: one passing and one failing document per code", () => {
  it("every rule passes the spec's example, and the schema accepts it", () => {
    for (const rule of dockerManifestRules) expect(run(rule, manifest()), rule.code).toEqual([]);
    expect(isDockerManifest(manifest())).toBe(true);
  });

  it("docker-media-type-missing: the manifest carries its mediaType", () => {
    const { mediaType: _, ...bare } = manifest();
    expect(run(dockerManifestMediaTypeMissing, bare as DockerManifest)).toEqual([
      { path: "", message: expect.stringContaining("application/vnd.docker.distribution.manifest.v2+json") },
    ]);
  });

  it("docker-foreign-layer-urls: foreign layers list urls", () => {
    const foreign = { mediaType: DOCKER_FOREIGN_LAYER, size: 1, digest: D2 };
    const found = run(dockerForeignLayerUrls, manifest({ layers: [foreign, { ...foreign, urls: [] }] }));
    expect(found.map((f) => f.path)).toEqual(["/layers/0", "/layers/1"]);
    expect(found[0]?.message).toContain("foreign layer");
    const withUrls = { ...foreign, urls: [`https://mcr.microsoft.com/v2/windows/servercore/blobs/${D2}`] };
    expect(run(dockerForeignLayerUrls, manifest({ layers: [withUrls] }))).toEqual([]);
  });

  it("docker-layer-urls-unexpected: only foreign layers carry urls", () => {
    const layer = {
      mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip",
      size: 1,
      digest: D2,
      urls: ["https://example.com/layer"],
    };
    expect(run(dockerLayerUrlsUnexpected, manifest({ layers: [layer] }))).toEqual([
      {
        path: "/layers/0/urls",
        message: expect.stringContaining("application/vnd.docker.image.rootfs.diff.tar.gzip"),
      },
    ]);
    const foreign = { ...layer, mediaType: DOCKER_FOREIGN_LAYER };
    expect(run(dockerLayerUrlsUnexpected, manifest({ layers: [foreign] }))).toEqual([]);
  });

  it("the schema refuses a wrong mediaType, a wrong schemaVersion and missing members", () => {
    expect(isDockerManifest({ ...manifest(), mediaType: "application/foo.bar.manfiest.v1.tar+gzip" })).toBe(
      false,
    );
    expect(isDockerManifest({ ...manifest(), schemaVersion: 1 })).toBe(false);
    expect(isDockerManifest({ unknown: "key" })).toBe(false);
    expect(isDockerManifest({})).toBe(false);
    expect(isDockerManifest({ ...manifest(), layers: [{ mediaType: "x/y", size: "1", digest: D2 }] })).toBe(
      false,
    );
  });
});

describe("Docker manifest list rules", () => {
  it("every rule passes the spec's example, and the schema accepts it", () => {
    for (const rule of dockerManifestListRules) expect(run(rule, list()), rule.code).toEqual([]);
    expect(isDockerManifestList(list())).toBe(true);
  });

  it("docker-media-type-missing: the list carries its mediaType", () => {
    const { mediaType: _, ...bare } = list();
    const found = run(dockerManifestListMediaTypeMissing, bare as DockerManifestList);
    expect(found).toEqual([
      {
        path: "",
        message: expect.stringContaining("application/vnd.docker.distribution.manifest.list.v2+json"),
      },
    ]);
    expect(dockerManifestListMediaTypeMissing.code).toBe(dockerManifestMediaTypeMissing.code);
  });

  it("docker-list-schema1-child: entries do not reference schema 1 manifests", () => {
    const child = {
      mediaType: "application/vnd.docker.distribution.manifest.v1+prettyjws",
      size: 1,
      digest: D1,
    };
    expect(run(dockerListSchema1Child, list({ manifests: [child] }))).toEqual([
      { path: "/manifests/0/mediaType", message: expect.stringContaining("schema 1") },
    ]);
  });

  it("docker-list-platform-missing: every entry says its platform", () => {
    const child = { mediaType: "application/vnd.docker.distribution.manifest.v2+json", size: 1, digest: D1 };
    expect(run(dockerListPlatformMissing, list({ manifests: [child] }))).toEqual([
      { path: "/manifests/0", message: expect.stringContaining("manifests[0] has no platform") },
    ]);
  });

  it("the schema refuses a wrong mediaType and a platform without os", () => {
    expect(isDockerManifestList({ ...list(), mediaType: "application/vnd.oci.image.index.v1+json" })).toBe(
      false,
    );
    const child = { mediaType: "application/vnd.docker.distribution.manifest.v2+json", size: 1, digest: D1 };
    expect(
      isDockerManifestList(list({ manifests: [{ ...child, platform: { architecture: "amd64" } as never }] })),
    ).toBe(false);
  });
});

describe("Docker schema 1", () => {
  it("docker-schema1-refused: one finding that says schema 1 is deprecated and refused", () => {
    const found = run(dockerSchema1Refused, { schemaVersion: 1, name: "x", tag: "latest", fsLayers: [] });
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe("");
    expect(found[0]?.message).toMatch(/deprecated and refused by distribution v3, GitLab/);
  });

  it("isDockerSchema1 detects schemaVersion 1 and the schema 1 media types, and nothing else", () => {
    expect(isDockerSchema1({ schemaVersion: 1 })).toBe(true);
    expect(isDockerSchema1({}, "application/vnd.docker.distribution.manifest.v1+json")).toBe(true);
    expect(
      isDockerSchema1({}, "application/vnd.docker.distribution.manifest.v1+prettyjws; charset=utf-8"),
    ).toBe(true);
    expect(isDockerSchema1({ mediaType: "application/vnd.docker.distribution.manifest.v1+json" })).toBe(true);
    expect(isDockerSchema1(manifest())).toBe(false);
    expect(isDockerSchema1(manifest(), "application/vnd.docker.distribution.manifest.v2+json")).toBe(false);
    expect(isDockerSchema1(null)).toBe(false);
    expect(isDockerSchema1([1])).toBe(false);
  });
});

describe("validateDockerManifest, validateDockerManifestList and validate(): end to end, from bytes", () => {
  const V2 = "application/vnd.docker.distribution.manifest.v2+json";
  const LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  const text = (value: unknown) => JSON.stringify(value, null, 3);

  it("accepts the spec's examples with no finding, by Content-Type, by mediaType member and by kind", () => {
    expect(validate(text(manifest()), { mediaType: V2 })).toMatchObject({
      valid: true,
      kind: "docker-manifest",
      issues: [],
    });
    expect(validate(text(manifest()))).toMatchObject({ valid: true, kind: "docker-manifest", mediaType: V2 });
    expect(validateDockerManifest(text(manifest())).valid).toBe(true);
    expect(validate(text(list()), { mediaType: LIST })).toMatchObject({
      valid: true,
      kind: "docker-manifest-list",
      issues: [],
    });
    expect(validate(text(list()))).toMatchObject({ valid: true, kind: "docker-manifest-list" });
    expect(validateDockerManifestList(text(list())).valid).toBe(true);
  });

  it("docker-media-type-missing: a warning (the text says should), an error under strict, for manifests and lists", () => {
    const { mediaType: _m, ...bareManifest } = manifest();
    const { mediaType: _l, ...bareList } = list();
    const m = validate(text(bareManifest), { mediaType: V2 });
    expect(m).toMatchObject({ valid: true, kind: "docker-manifest" });
    expect(m.issues).toEqual([
      expect.objectContaining({ code: "docker-media-type-missing", severity: "warning", path: "" }),
    ]);
    expect(validate(text(bareManifest), { mediaType: V2, preset: "strict" }).valid).toBe(false);
    // Without a Content-Type, the Docker config type tells the kind.
    expect(validate(text(bareManifest)).issues.map((i) => i.code)).toEqual(["docker-media-type-missing"]);
    const l = validate(text(bareList), { mediaType: LIST });
    expect(l.issues).toEqual([
      expect.objectContaining({ code: "docker-media-type-missing", severity: "warning" }),
    ]);
  });

  it("docker-foreign-layer-urls: a warning located at the layer, the same for both foreign types", () => {
    for (const mediaType of [DOCKER_FOREIGN_LAYER, "application/vnd.docker.image.rootfs.foreign.diff.tar"]) {
      const foreign = { mediaType, size: 1, digest: D2 };
      const result = validate(text(manifest({ layers: [foreign] })), { mediaType: V2 });
      expect(result.valid).toBe(true);
      expect(result.issues).toEqual([
        expect.objectContaining({
          code: "docker-foreign-layer-urls",
          severity: "warning",
          path: "/layers/0",
        }),
      ]);
      // With urls: nothing to say, and no docker-layer-urls-unexpected either.
      const withUrls = { ...foreign, urls: ["https://example.com/layer"] };
      expect(validate(text(manifest({ layers: [withUrls] })), { mediaType: V2 }).issues).toEqual([]);
    }
  });

  it("docker-layer-urls-unexpected: a warning; url-scheme from the descriptor rules also applies to Docker layers", () => {
    const layer = { mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip", size: 1, digest: D2 };
    const result = validate(
      text(manifest({ layers: [{ ...layer, urls: ["ftp://example.com/layer.tar.gz"] }] })),
      {
        mediaType: V2,
      },
    );
    expect(result.valid).toBe(true);
    expect(result.issues.map((i) => [i.code, i.severity, i.path])).toEqual([
      ["docker-layer-urls-unexpected", "warning", "/layers/0/urls"],
      ["url-scheme", "warning", "/layers/0/urls/0"],
    ]);
  });

  it("docker-list-schema1-child: an info located at the entry's mediaType (the text allows it)", () => {
    const child = {
      mediaType: "application/vnd.docker.distribution.manifest.v1+json",
      size: 1,
      digest: D1,
      platform: { architecture: "amd64", os: "linux" },
    };
    const result = validate(text(list({ manifests: [child] })), { mediaType: LIST });
    expect(result.valid).toBe(true);
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: "docker-list-schema1-child",
        severity: "info",
        path: "/manifests/0/mediaType",
      }),
    ]);
  });

  it("a payload whose mediaType disagrees with the Docker Content-Type is refused", () => {
    const result = validate(text({ ...manifest(), mediaType: "application/foo.bar.manfiest.v1.tar+gzip" }), {
      mediaType: V2,
    });
    expect(result.valid).toBe(false);
    expect(result.issues.some((i) => i.path === "/mediaType" && i.severity === "error")).toBe(true);
  });

  it("descriptor rules apply to Docker descriptors: a sha256 digest in upper case is refused", () => {
    const upper = `sha256:${D2.slice(7).toUpperCase()}`;
    const result = validate(text(manifest({ config: { ...manifest().config, digest: upper } })), {
      mediaType: V2,
    });
    expect(result.valid).toBe(false);
    expect(result.issues.map((i) => i.path)).toContain("/config/digest");
  });

  it("docker-schema1-refused: also said when a schema 1 payload arrives as schema 2", () => {
    const schema1 = text({ schemaVersion: 1, name: "library/hello", tag: "latest", fsLayers: [] });
    for (const mediaType of [V2, LIST]) {
      const result = validate(schema1, { mediaType });
      expect(result.valid).toBe(false);
      expect(result.issues.filter((i) => i.code === "docker-schema1-refused")).toHaveLength(1);
    }
    expect(validate(text(manifest()), { mediaType: V2 }).issues).toEqual([]);
  });

  it("docker-schema1-refused: by Content-Type and by schemaVersion, one warning (an error under strict)", () => {
    const schema1 = text({
      schemaVersion: 1,
      name: "library/hello",
      tag: "latest",
      architecture: "amd64",
      fsLayers: [],
    });
    for (const mediaType of [
      "application/vnd.docker.distribution.manifest.v1+prettyjws",
      "application/vnd.docker.distribution.manifest.v1+json",
      undefined,
    ]) {
      const result = validate(schema1, mediaType === undefined ? {} : { mediaType });
      expect(result).toMatchObject({ valid: true, kind: "docker-manifest-v1" });
      expect(validate(schema1, { ...(mediaType && { mediaType }), preset: "strict" }).valid).toBe(false);
      expect(result.issues).toEqual([
        expect.objectContaining({
          code: "docker-schema1-refused",
          severity: "warning",
          path: "",
          message: expect.stringContaining("deprecated and refused"),
        }),
      ]);
    }
  });
});
