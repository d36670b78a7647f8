import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isDescriptor,
  isImageIndex,
  isImageManifest,
  ruleCatalog,
  validate,
  validateDescriptor,
  validateImageIndex,
  validateImageManifest,
} from "../src/validate/index.js";
import { runPipeline } from "../src/validate/pipeline.js";
import type { Rule } from "../src/validate/rule.js";

const MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const INDEX = "application/vnd.oci.image.index.v1+json";
const D1 = "sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7";

const manifest = {
  schemaVersion: 2,
  mediaType: MANIFEST,
  config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: D1, size: 7023 },
  layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: D1, size: 32654 }],
};
const manifestText = JSON.stringify(manifest, null, 2);
const manifestBytes = new TextEncoder().encode(manifestText);
const sha256 = (bytes: Uint8Array) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

describe("validate: input forms", () => {
  it("accepts bytes, a string or an object, and digests only raw input", () => {
    const fromBytes = validate(manifestBytes);
    expect(fromBytes).toMatchObject({ valid: true, kind: "image-manifest", mediaType: MANIFEST, issues: [] });
    expect(fromBytes.digest).toBe(sha256(manifestBytes));
    expect(fromBytes.document).toEqual(manifest);
    expect(validate(manifestText).digest).toBe(sha256(manifestBytes));
    const fromObject = validate(manifest);
    expect(fromObject.valid).toBe(true);
    expect(fromObject.digest).toBeUndefined();
  });

  it("never throws on bad input", () => {
    for (const bad of [new Uint8Array([0xff, 0xfe]), "{", 42, null, undefined, Symbol("x")]) {
      const result = validate(bad as never);
      expect(result.valid).toBe(false);
      expect(result.issues.length).toBeGreaterThan(0);
      for (const issue of result.issues) expect(issue.code).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    }
    // JSON that is no kind of document: not validated, said with one info, no error.
    for (const unknown of ["null", "[]", "42", []]) {
      const result = validate(unknown as never);
      expect(result).toMatchObject({ valid: true, kind: "unknown" });
      expect(result.issues.map((i) => [i.code, i.severity])).toEqual([["kind-unknown", "info"]]);
    }
  });

  it("a document nested against the grain does not crash the rules", () => {
    const weird = {
      schemaVersion: 2,
      mediaType: MANIFEST,
      config: [],
      layers: [null, 1, "x"],
      subject: 3,
      annotations: [],
    };
    const result = validate(weird);
    expect(result.valid).toBe(false);
    expect(result.issues.map((i) => i.code)).not.toContain("internal-error");
  });
});

describe("validate: kind detection", () => {
  it("prefers the Content-Type, then the mediaType member, then the shape", () => {
    const { mediaType: _m, ...bare } = manifest;
    expect(validate(bare).kind).toBe("image-manifest");
    expect(validate({ schemaVersion: 2, manifests: [] }).kind).toBe("image-index");
    expect(validate({ schemaVersion: 2, mediaType: INDEX, manifests: [] }).kind).toBe("image-index");
    expect(validate({ mediaType: "text/plain", digest: D1, size: 1 }).kind).toBe("descriptor");
    // The Content-Type wins, and the disagreement is a finding.
    const result = validate(manifest, { mediaType: INDEX });
    expect(result.kind).toBe("image-index");
    expect(result.issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(["media-type-mismatch", "index-media-type-wrong", "index-has-layers"]),
    );
  });

  it("reports a document of no kind it validates as unknown: one info, no error", () => {
    const result = validate({ hello: "world" }, { mediaType: "application/json" });
    expect(result).toMatchObject({ valid: true, kind: "unknown" });
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([["kind-unknown", "info"]]);
    expect(result.issues[0]?.message).toContain("names no kind");
    const layer = validate({ hello: "world" }, { mediaType: "application/vnd.oci.image.layer.v1.tar+gzip" });
    expect(layer.issues[0]?.message).toContain(
      '"application/vnd.oci.image.layer.v1.tar+gzip" is a layer type',
    );
  });

  it("takes the kind from a named media type, never from the shape", () => {
    // A CNCF ModelPack model config has a `config` member; named as what it is, it is no manifest.
    // Constructed from the shape of model-spec's docs/config.md example (modelpack/model-spec).
    const modelConfig = {
      descriptor: { name: "example-model", version: "1.0" },
      config: { architecture: "transformer", format: "safetensors", paramSize: "8b" },
      modelfs: { type: "layers", diffIds: [D1] },
    };
    const named = validate(modelConfig, { mediaType: "application/vnd.cncf.model.config.v1+json" });
    expect(named).toMatchObject({
      valid: true,
      kind: "unknown",
      mediaType: "application/vnd.cncf.model.config.v1+json",
    });
    expect(named.issues.map((i) => [i.code, i.severity])).toEqual([["kind-unknown", "info"]]);
    expect(named.issues[0]?.message).toContain("application/vnd.cncf.model.config.v1+json");
    // An unknown type too, even on a manifest-shaped document.
    const { mediaType: _own, ...manifestShaped } = manifest;
    const unknownType = validate(manifestShaped, { mediaType: "application/vnd.example.thing.v1+json" });
    expect(unknownType).toMatchObject({ valid: true, kind: "unknown" });
    // A generic Content-Type names no kind: the document's own mediaType and its shape decide.
    expect(validate(manifest, { mediaType: "application/json" }).kind).toBe("image-manifest");
    expect(validate(manifest, { mediaType: "application/octet-stream" }).kind).toBe("image-manifest");
    // The document's own mediaType still decides over another named type, and the mismatch is an error.
    const mismatch = validate(manifest, { mediaType: "application/vnd.example.thing.v1+json" });
    expect(mismatch.kind).toBe("image-manifest");
    expect(mismatch.issues.map((i) => i.code)).toContain("media-type-mismatch");
  });

  it("refuses the CVE-2021-41190 ambiguous document whichever way it is read", () => {
    const ambiguous = { ...manifest, manifests: [] };
    for (const mediaType of [MANIFEST, INDEX, undefined]) {
      const result = validate(ambiguous, mediaType === undefined ? {} : { mediaType });
      expect(result.valid).toBe(false);
    }
  });

  it("refuses the same confusion in Docker documents, as distribution's fix does", () => {
    const dockerManifest = {
      schemaVersion: 2,
      mediaType: "application/vnd.docker.distribution.manifest.v2+json",
      config: { mediaType: "application/vnd.docker.container.image.v1+json", digest: D1, size: 1 },
      layers: [{ mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip", digest: D1, size: 1 }],
    };
    const dockerList = {
      schemaVersion: 2,
      mediaType: "application/vnd.docker.distribution.manifest.list.v2+json",
      manifests: [
        {
          mediaType: dockerManifest.mediaType,
          digest: D1,
          size: 1,
          platform: { architecture: "amd64", os: "linux" },
        },
      ],
    };
    expect(validate(dockerManifest).valid).toBe(true);
    expect(validate(dockerList).valid).toBe(true);
    expect(validate({ ...dockerManifest, manifests: [] }).issues.map((i) => i.code)).toContain(
      "manifest-has-manifests",
    );
    expect(validate({ ...dockerList, layers: [] }).issues.map((i) => i.code)).toContain("index-has-layers");
  });

  it("kind-specific entry points force the kind", () => {
    expect(validateImageManifest({ schemaVersion: 2, manifests: [] }).issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(["schema-required", "manifest-has-manifests"]),
    );
    expect(validateImageIndex(manifest).kind).toBe("image-index");
    expect(validateDescriptor(manifest.config).valid).toBe(true);
  });
});

describe("validate: severities", () => {
  const emptyLayers = { ...manifest, layers: [] };

  it("empty layers are a warning and a missing mediaType an info, errors under strict", () => {
    const { mediaType: _m, ...bare } = emptyLayers;
    const lenient = validate(bare);
    expect(lenient.valid).toBe(true);
    expect(lenient.issues.map((i) => [i.code, i.severity])).toEqual([
      ["media-type-missing", "info"],
      ["layers-empty", "warning"],
    ]);
    const strict = validate(bare, { preset: "strict" });
    expect(strict.valid).toBe(false);
    expect(strict.issues.map((i) => i.severity)).toEqual(["error", "error"]);
  });

  it("options.rules overrides any severity, schema codes included, and off drops the finding", () => {
    expect(validate(emptyLayers, { rules: { "layers-empty": "error" } }).valid).toBe(false);
    expect(validate(emptyLayers, { preset: "strict", rules: { "layers-empty": "off" } }).issues).toEqual([]);
    const badSize = { ...manifest, config: { ...manifest.config, size: "1" } };
    expect(validate(badSize, { rules: { "schema-type": "warning" } }).valid).toBe(true);
    const asInfo = validate(emptyLayers, { rules: { "layers-empty": "info" } });
    expect(asInfo.issues.map((i) => [i.code, i.severity])).toEqual([["layers-empty", "info"]]);
  });
});

describe("validate: expectedDigest", () => {
  it("passes when the bytes hash to it and fails with digest-mismatch when not", () => {
    expect(validate(manifestBytes, { expectedDigest: sha256(manifestBytes) }).valid).toBe(true);
    const result = validate(manifestBytes, { expectedDigest: D1 });
    expect(result.valid).toBe(false);
    expect(result.issues[0]).toMatchObject({ code: "digest-mismatch", path: "" });
    expect(result.issues[0]?.message).toContain(sha256(manifestBytes));
  });

  it("verifies sha512, and refuses what it cannot verify", () => {
    const sha512 = `sha512:${createHash("sha512").update(manifestBytes).digest("hex")}`;
    expect(validate(manifestBytes, { expectedDigest: sha512 }).valid).toBe(true);
    expect(validate(manifestBytes, { expectedDigest: "not-a-digest" }).issues[0]?.code).toBe(
      "digest-mismatch",
    );
    expect(validate(manifestBytes, { expectedDigest: `blake3:${"a".repeat(64)}` }).valid).toBe(false);
    expect(validate(manifest, { expectedDigest: D1 }).issues[0]?.code).toBe("digest-mismatch");
  });
});

describe("type guards", () => {
  it("run the compiled schema", () => {
    expect(isImageManifest(manifest)).toBe(true);
    expect(isImageManifest({ ...manifest, layers: "x" })).toBe(false);
    expect(isImageIndex({ schemaVersion: 2, manifests: [] })).toBe(true);
    expect(isImageIndex({ schemaVersion: 1, manifests: [] })).toBe(false);
    expect(isDescriptor(manifest.config)).toBe(true);
    expect(isDescriptor({ ...manifest.config, size: -1 })).toBe(false);
  });
});

describe("validate: descriptors are checked wherever they sit", () => {
  it("index entries' artifactType and data, and the subject", () => {
    const index = {
      schemaVersion: 2,
      mediaType: INDEX,
      manifests: [{ mediaType: MANIFEST, digest: D1, size: 5, artifactType: "foo/.bar", data: "aGVsbG8" }],
      subject: { mediaType: MANIFEST, digest: `sha256:${"A".repeat(64)}`, size: 1 },
    };
    const found = validate(index).issues.map((i) => [i.code, i.path]);
    expect(found).toEqual(
      expect.arrayContaining([
        ["schema-pattern", "/manifests/0/artifactType"],
        ["data-not-base64", "/manifests/0/data"],
        ["digest-algorithm-encoding", "/subject/digest"],
      ]),
    );
  });
});

describe("validate: never throws, and every code is catalogued", () => {
  const known = new Set(ruleCatalog.map((r) => r.code));
  const catalogued = (code: string) => known.has(code) || code.startsWith("json-");

  it("on arbitrary values", () => {
    fc.assert(
      fc.property(
        fc.anything(),
        fc.constantFrom(undefined, MANIFEST, INDEX, "application/json"),
        (value, mediaType) => {
          const result = validate(value as object, mediaType === undefined ? {} : { mediaType });
          for (const issue of result.issues) expect(catalogued(issue.code), issue.code).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("on arbitrary manifest-shaped documents", () => {
    const descriptorLike = fc.record(
      {
        mediaType: fc.string(),
        digest: fc.string(),
        size: fc.oneof(fc.integer(), fc.string()),
        data: fc.string(),
        urls: fc.array(fc.string()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.record(
          {
            schemaVersion: fc.constantFrom(2, 1, "2"),
            config: descriptorLike,
            layers: fc.array(descriptorLike),
            subject: descriptorLike,
            annotations: fc.dictionary(fc.string(), fc.string()),
          },
          { requiredKeys: [] },
        ),
        (doc) => {
          const result = validate(new TextEncoder().encode(JSON.stringify(doc)));
          expect(result.issues.map((i) => i.code)).not.toContain("internal-error");
          for (const issue of result.issues) expect(catalogued(issue.code), issue.code).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(() => validate(bytes)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});

describe("validate: positions", () => {
  const text = `{
  "schemaVersion": 2,
  "mediaType": "application/vnd.oci.image.manifest.v1+json",
  "config": { "mediaType": "application/vnd.oci.empty.v1+json", "size": 2,
              "digest": "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a" },
  "layers": [
    { "mediaType": "text/plain", "size": "1", "digest": "sha256:${"A".repeat(64)}" }
  ]
}`;

  it("every finding on text input gets the line and column of its value", () => {
    const result = validate(new TextEncoder().encode(text));
    const at = (code: string) => result.issues.find((i) => i.code === code);
    expect(at("artifact-type-required")).toMatchObject({ path: "/config/mediaType", line: 4, column: 28 });
    expect(at("schema-type")).toMatchObject({ path: "/layers/0/size", line: 7, column: 42 });
    expect(at("digest-algorithm-encoding")).toMatchObject({ path: "/layers/0/digest", line: 7, column: 57 });
  });

  it("a missing member is located at the object that lacks it", () => {
    const result = validate(
      '{\n  "schemaVersion": 2,\n  "mediaType": "application/vnd.oci.image.manifest.v1+json",\n  "layers": []\n}',
    );
    expect(result.issues.find((i) => i.code === "schema-required")).toMatchObject({
      path: "/config",
      line: 1,
      column: 1,
    });
  });

  it("object input has no positions", () => {
    const result = validate({ ...manifest, layers: [] });
    expect(result.issues[0]).not.toHaveProperty("line");
  });
});

describe("runPipeline extensions (the internal extension point other modules use)", () => {
  const flagged: Rule<unknown> = {
    code: "extra-check" as never,
    severity: "warning",
    strictSeverity: "error",
    ref: "test",
    description: "reports the document root",
    messages: { interesting: "layers are interesting" },
    check(_document, report) {
      report("/layers", "interesting");
    },
  };
  const broken: Rule<unknown> = {
    code: "broken-check" as never,
    severity: "error",
    ref: "test",
    description: "throws",
    messages: {},
    check() {
      throw new Error("kaboom");
    },
  };

  it("extra rules run after the kind's own, with presets, overrides and positions", () => {
    const text = JSON.stringify(manifest, null, 2);
    expect(runPipeline(text, {}, { extraRules: [flagged] }).issues).toEqual([
      expect.objectContaining({
        code: "extra-check",
        severity: "warning",
        path: "/layers",
        line: 9,
        column: 13,
      }),
    ]);
    expect(runPipeline(text, { preset: "strict" }, { extraRules: [flagged] }).valid).toBe(false);
    expect(
      runPipeline(text, { rules: { "extra-check": "off" } as never }, { extraRules: [flagged] }).issues,
    ).toEqual([]);
  });

  it("a rule that throws on a document the schema accepted is an internal-error finding, not an exception", () => {
    const result = runPipeline(manifest, {}, { extraRules: [broken] });
    expect(result.valid).toBe(false);
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: "internal-error",
        message: "rule broken-check failed on this document: kaboom",
      }),
    ]);
    // On a document the schema refused, the schema's findings already say why.
    const refused = runPipeline({ ...manifest, layers: 3 }, {}, { extraRules: [broken] });
    expect(refused.issues.map((i) => i.code)).toEqual(["schema-type"]);
  });
});

describe("validate: no finding twice", () => {
  it("a value the reader refused is not reported again by the schema", () => {
    const text = JSON.stringify({ ...manifest, layers: [{ ...manifest.layers[0], size: -1 }] });
    expect(validate(text).issues.map((i) => [i.code, i.path])).toEqual([
      ["json-number-not-canonical", "/layers/0/size"],
    ]);
    // Object input has no reader: the schema reports it.
    expect(validate(JSON.parse(text)).issues.map((i) => [i.code, i.path])).toEqual([
      ["schema-range", "/layers/0/size"],
    ]);
  });
});
