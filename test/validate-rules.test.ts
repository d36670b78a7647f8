import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ruleCatalog, type ValidateOptions, validate } from "../src/validate/index.js";
import { descriptorRules } from "../src/validate/rules/descriptor.js";
import { falcoManifestRules } from "../src/validate/rules/falco-manifest.js";
import { imageIndexRules } from "../src/validate/rules/image-index.js";
import { imageManifestRules } from "../src/validate/rules/image-manifest.js";
import { schemaCodes } from "../src/validate/schema-issues.js";

const MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const INDEX = "application/vnd.oci.image.index.v1+json";
const DESCRIPTOR = "application/vnd.oci.descriptor.v1+json";
const EMPTY = "application/vnd.oci.empty.v1+json";
const EMPTY_DIGEST = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
const D1 = "sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7";
const D2 = "sha256:9834876dcfb05cb167a5c24953eba58c4ac89b1adf57f28f2f9d09af107ee8f0";
/** "hello": 5 bytes, base64 aGVsbG8=. */
const HELLO = "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

type Doc = Record<string, unknown>;

function manifest(overrides: Doc = {}): Doc {
  return {
    schemaVersion: 2,
    mediaType: MANIFEST,
    config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: D1, size: 7023 },
    layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: D2, size: 32654 }],
    ...overrides,
  };
}

function index(overrides: Doc = {}): Doc {
  return {
    schemaVersion: 2,
    mediaType: INDEX,
    manifests: [
      { mediaType: MANIFEST, digest: D1, size: 7143, platform: { architecture: "amd64", os: "linux" } },
    ],
    ...overrides,
  };
}

function descriptor(overrides: Doc = {}): Doc {
  return { mediaType: "text/plain", digest: HELLO, size: 5, ...overrides };
}

function annotated(annotations: Record<string, string>): Doc {
  return manifest({ annotations });
}

interface Case {
  input: unknown;
  options?: ValidateOptions;
}

/** For every code: a document that passes it and one that fails it. */
const cases: Record<string, { pass: Case; fail: Case }> = {
  "manifest-has-manifests": {
    pass: { input: manifest() },
    fail: { input: manifest({ manifests: [] }), options: { mediaType: MANIFEST } },
  },
  "index-has-layers": {
    pass: { input: index() },
    fail: { input: index({ layers: [] }), options: { mediaType: INDEX } },
  },
  "media-type-mismatch": {
    pass: { input: manifest(), options: { mediaType: `${MANIFEST}; charset=utf-8` } },
    fail: { input: index(), options: { mediaType: MANIFEST } },
  },
  "manifest-media-type-wrong": {
    pass: { input: manifest() },
    fail: { input: manifest({ mediaType: "application/vnd.oci.image.config.v1+json" }) },
  },
  "index-media-type-wrong": {
    pass: { input: index() },
    fail: { input: index({ mediaType: "application/vnd.oci.image.config.v1+json" }) },
  },
  "artifact-type-required": {
    pass: {
      input: manifest({
        artifactType: "application/vnd.example+type",
        config: { mediaType: EMPTY, digest: EMPTY_DIGEST, size: 2 },
      }),
    },
    fail: { input: manifest({ config: { mediaType: EMPTY, digest: EMPTY_DIGEST, size: 2 } }) },
  },
  "layers-empty": {
    pass: { input: manifest() },
    fail: { input: manifest({ layers: [] }) },
  },
  "media-type-missing": {
    pass: { input: manifest() },
    fail: { input: manifest({ mediaType: undefined }) },
  },
  "subject-media-type": {
    pass: { input: manifest({ subject: { mediaType: INDEX, digest: D1, size: 1 } }) },
    fail: {
      input: manifest({
        subject: { mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: D1, size: 1 },
      }),
    },
  },
  "digest-algorithm-encoding": {
    pass: { input: descriptor({ digest: "sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564" }) },
    fail: {
      input: manifest({ layers: [{ mediaType: "text/plain", digest: `sha512:${"a".repeat(64)}`, size: 1 }] }),
    },
  },
  "data-not-base64": {
    pass: { input: descriptor({ data: "aGVsbG8=" }) },
    fail: { input: descriptor({ data: "aGVsbG8" }) },
  },
  "data-size-mismatch": {
    pass: { input: descriptor({ data: "aGVsbG8=" }) },
    fail: { input: descriptor({ data: "aGVsbG8=", size: 6 }) },
  },
  "data-digest-mismatch": {
    pass: { input: descriptor({ data: "aGVsbG8=" }) },
    fail: { input: descriptor({ data: "aGVsbG8=", digest: D1 }) },
  },
  "empty-descriptor-constants": {
    pass: { input: descriptor({ mediaType: EMPTY, digest: EMPTY_DIGEST, size: 2, data: "e30=" }) },
    fail: { input: descriptor({ mediaType: EMPTY, digest: HELLO, size: 5 }) },
  },
  "url-invalid": {
    pass: { input: descriptor({ urls: ["https://example.com/layer.tar.gz"] }) },
    fail: { input: descriptor({ urls: ["value"] }) },
  },
  "url-scheme": {
    pass: { input: descriptor({ urls: ["http://example.com/layer"] }) },
    fail: { input: descriptor({ urls: ["ftp://example.com/layer"] }) },
  },
  "platform-architecture-known": {
    pass: { input: index() },
    fail: {
      input: index({
        manifests: [
          { mediaType: MANIFEST, digest: D1, size: 1, platform: { architecture: "x86_64", os: "linux" } },
        ],
      }),
    },
  },
  "platform-os-known": {
    pass: {
      input: index({
        manifests: [
          { mediaType: MANIFEST, digest: D1, size: 1, platform: { architecture: "unknown", os: "unknown" } },
        ],
      }),
    },
    fail: {
      input: index({
        manifests: [
          { mediaType: MANIFEST, digest: D1, size: 1, platform: { architecture: "amd64", os: "Linux" } },
        ],
      }),
    },
  },
  "platform-variant-known": {
    pass: {
      input: index({
        manifests: [
          {
            mediaType: MANIFEST,
            digest: D1,
            size: 1,
            platform: { architecture: "arm", os: "linux", variant: "v7" },
          },
        ],
      }),
    },
    fail: {
      input: index({
        manifests: [
          {
            mediaType: MANIFEST,
            digest: D1,
            size: 1,
            platform: { architecture: "arm64", os: "linux", variant: "v7" },
          },
        ],
      }),
    },
  },
  "annotation-reserved-prefix": {
    pass: { input: annotated({ "org.opencontainers.image.title": "t", "com.example.key": "v" }) },
    fail: { input: annotated({ "org.opencontainers.image.colour": "blue" }) },
  },
  "annotation-created-format": {
    pass: { input: annotated({ "org.opencontainers.image.created": "2023-01-02T03:04:05Z" }) },
    fail: { input: annotated({ "org.opencontainers.image.created": "2023-01-02 03:04:05" }) },
  },
  "annotation-base-digest-format": {
    pass: { input: annotated({ "org.opencontainers.image.base.digest": D1 }) },
    fail: { input: annotated({ "org.opencontainers.image.base.digest": "latest" }) },
  },
  "annotation-ref-name-format": {
    pass: { input: annotated({ "org.opencontainers.image.ref.name": "registry.example.com/app:v1.0" }) },
    fail: { input: annotated({ "org.opencontainers.image.ref.name": "-v1" }) },
  },
  "schema-required": { pass: { input: manifest() }, fail: { input: manifest({ config: undefined }) } },
  "schema-type": { pass: { input: manifest() }, fail: { input: manifest({ layers: {} }) } },
  "schema-pattern": { pass: { input: descriptor() }, fail: { input: descriptor({ digest: "sha256" }) } },
  "schema-const": { pass: { input: manifest() }, fail: { input: manifest({ schemaVersion: 3 }) } },
  "schema-range": {
    pass: {
      input: descriptor({
        size: 0,
        digest: "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      }),
    },
    fail: { input: descriptor({ size: -1 }) },
  },
  "digest-mismatch": {
    pass: { input: "{}", options: { mediaType: DESCRIPTOR, expectedDigest: EMPTY_DIGEST } },
    fail: { input: "{} ", options: { mediaType: DESCRIPTOR, expectedDigest: EMPTY_DIGEST } },
  },
  "kind-unknown": { pass: { input: manifest() }, fail: { input: { hello: "world" } } },
  "input-type": { pass: { input: manifest() }, fail: { input: 42 } },
  "too-many-issues": {
    pass: { input: manifest({ layers: [{}, {}] }), options: { limits: { maxIssues: 6 } } },
    fail: { input: manifest({ layers: [{}, {}] }), options: { limits: { maxIssues: 5 } } },
  },
  // validate here is src/validate's, the one "ocispec/core" exports: no registry profiles.
  "targets-unsupported": {
    pass: { input: manifest() },
    fail: { input: manifest(), options: { targets: ["gitlab"] } },
  },
};

/**
 * Schema codes no schema produces today (test/validate-schema-issues.test.ts covers their mapping),
 * and the internal-error guard (covered by the property tests in test/validate.test.ts).
 */
const NOT_PRODUCED_BY_OCI_SCHEMAS = new Set([
  "schema-format",
  "schema-enum",
  "schema-additional",
  "schema-length",
  "schema-items",
  "schema-members",
  "schema-alternatives",
  "schema-invalid",
  "internal-error",
]);

function codes(c: Case): string[] {
  return validate(c.input as object, c.options).issues.map((i) => i.code);
}

describe("every rule code has a passing and a failing document", () => {
  for (const [code, { pass, fail }] of Object.entries(cases)) {
    it(code, () => {
      expect(codes(fail)).toContain(code);
      expect(codes(pass)).not.toContain(code);
    });
  }

  it("covers every code of the OCI manifest, index and descriptor rules, the schemas and the pipeline", () => {
    const falco = new Set(falcoManifestRules.map((r) => r.code));
    const owned = new Set<string>([
      ...[...imageManifestRules, ...imageIndexRules, ...descriptorRules]
        .map((r) => r.code)
        .filter((c) => !falco.has(c)),
      ...schemaCodes.map((s) => s.code),
      ...ruleCatalog.filter((r) => r.source === "pipeline").map((r) => r.code),
    ]);
    const missing = [...owned].filter((c) => !(c in cases) && !NOT_PRODUCED_BY_OCI_SCHEMAS.has(c));
    expect(missing).toEqual([]);
    for (const code of Object.keys(cases)) expect(ruleCatalog.map((r) => r.code)).toContain(code);
  });
});

describe("messages name the field, the rule and the value", () => {
  it("schema findings", () => {
    const result = validate(manifest({ layers: [{ mediaType: "text/plain", digest: D1, size: "12" }] }));
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        code: "schema-type",
        path: "/layers/0/size",
        message: 'layers[0].size must be integer, got "12"',
      }),
    );
  });

  it("nested descriptor rules are prefixed with the descriptor's place", () => {
    const result = validate(
      manifest({ layers: [{ mediaType: "text/plain", digest: `sha256:${"A".repeat(64)}`, size: 1 }] }),
    );
    const issue = result.issues.find((i) => i.code === "digest-algorithm-encoding");
    expect(issue?.path).toBe("/layers/0/digest");
    expect(issue?.message).toMatch(
      /^layers\[0\]\.digest "sha256:A+": sha256 digests must be 64 lower-case hex/,
    );
    expect(issue?.ref).toBe("image-spec v1.1.1 descriptor.md#registered-algorithms");
  });

  it("annotation values are strings for every key, the empty key included", () => {
    const result = validate(manifest({ annotations: { "": 1, "com.example": "ok" } }));
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: "schema-type",
        path: "/annotations/",
        message: 'annotations[""] must be string, got 1',
      }),
    ]);
  });

  it("annotation keys with / are escaped in the pointer", () => {
    const result = validate(annotated({ "org.opencontainers.image/x": "v" }));
    expect(result.issues.find((i) => i.code === "annotation-reserved-prefix")?.path).toBe(
      "/annotations/org.opencontainers.image~1x",
    );
  });
});

describe("docs/validation.md", () => {
  const doc = readFileSync(new URL("../docs/validation.md", import.meta.url), "utf8");

  it("documents every code of the rule catalog", () => {
    const undocumented = ruleCatalog.map((r) => r.code).filter((code) => !doc.includes(`\`${code}\``));
    expect(undocumented).toEqual([]);
  });

  it("gives each rule beyond the schema its own section with the catalog's severities", () => {
    for (const entry of ruleCatalog.filter((r) => r.source !== "schema")) {
      const section = doc.split(`#### \`${entry.code}\`\n`)[1];
      expect(section, entry.code).toBeDefined();
      expect(
        section?.trimStart().startsWith(`${entry.severity} / ${entry.strictSeverity}.`),
        entry.code,
      ).toBe(true);
    }
  });
});
