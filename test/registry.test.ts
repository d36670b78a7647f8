import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  createPolicy,
  DEFAULT_MAX_MANIFEST_BYTES,
  parseManifestReference,
  policyFindings,
  toDistributionError,
  toDistributionResponse,
  UnknownTargetError,
  validateUpload,
} from "../src/registry/index.js";
import type { Issue } from "../src/validate/index.js";

const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
const DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";
const EMPTY_DIGEST = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
const DIGEST_A = `sha256:${"a".repeat(64)}`;

const sha256 = (bytes: Uint8Array) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function manifest(configType: string, layerType: string, extra: Record<string, unknown> = {}) {
  return {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: configType, digest: DIGEST_A, size: 120 },
    layers: [
      {
        mediaType: layerType,
        digest: DIGEST_A,
        size: 512,
        annotations: { "org.opencontainers.image.title": "content.tar.gz" },
      },
    ],
    ...extra,
  };
}

const image = manifest(
  "application/vnd.oci.image.config.v1+json",
  "application/vnd.oci.image.layer.v1.tar+gzip",
);
const falcoAsset = manifest(
  "application/vnd.cncf.falco.asset.config.v1+json",
  "application/vnd.cncf.falco.asset.layer.v1+tar.gz",
);

const issue = (code: string, extra: Partial<Issue> = {}): Issue => ({
  code,
  severity: "error",
  path: "",
  message: `${code} happened`,
  ...extra,
});

describe("toDistributionError / toDistributionResponse (hand-made results)", () => {
  it("maps digest, size and other findings to distribution-spec codes, leaving warnings out", () => {
    const body = toDistributionError({
      issues: [
        issue("schema-type", { path: "/config/size", line: 3, column: 12, ref: "image-spec descriptor.md" }),
        issue("digest-mismatch"),
        issue("descriptor-data-size-mismatch", { path: "/config/data" }),
        issue("layers-empty", { severity: "warning" }),
      ],
      document: { config: { size: "12", data: "e30=" } },
    });
    expect(body.errors.map((error) => error.code)).toEqual([
      "MANIFEST_INVALID",
      "DIGEST_INVALID",
      "SIZE_INVALID",
    ]);
    expect(body.errors[0]).toEqual({
      code: "MANIFEST_INVALID",
      message: "schema-type happened",
      detail: {
        rule: "schema-type",
        field: "config.size",
        pointer: "/config/size",
        value: "12",
        line: 3,
        column: 12,
        ref: "image-spec descriptor.md",
      },
    });
  });

  it("answers 201 with no body when nothing is an error", () => {
    expect(toDistributionResponse({ issues: [issue("x", { severity: "warning" })] })).toEqual({
      status: 201,
      body: null,
    });
  });

  it("lets the size limit, then a refused manifest type, decide the status", () => {
    const refused = issue("policy-manifest-type-refused");
    const invalid = issue("schema-required");
    expect(toDistributionResponse({ issues: [invalid, refused] })).toMatchObject({
      status: 415,
      body: { errors: [{ code: "UNSUPPORTED" }, { code: "MANIFEST_INVALID" }] },
    });
    expect(toDistributionResponse({ issues: [invalid, refused, issue("upload-size-limit")] }).status).toBe(
      413,
    );
  });

  it("uses a target registry's own answer for its refusals", () => {
    expect(toDistributionResponse({ issues: [issue("target-ecr-config-annotations")] })).toMatchObject({
      status: 405,
      body: { errors: [{ code: "UNSUPPORTED" }] },
    });
  });
});

describe("createPolicy", () => {
  it("follows the spec by default: current manifest types, any other type accepted, 4 MiB", () => {
    const policy = createPolicy();
    expect(policy.manifests).toEqual([
      OCI_MANIFEST,
      OCI_INDEX,
      DOCKER_V2,
      "application/vnd.docker.distribution.manifest.list.v2+json",
    ]);
    expect(policy).toMatchObject({
      configs: "known",
      layers: "known",
      artifactTypes: "known",
      unknown: "accept",
    });
    expect(policy.maxBytes).toBe(DEFAULT_MAX_MANIFEST_BYTES);
    expect(policyFindings(falcoAsset, policy, { kind: "image-manifest", contentType: OCI_MANIFEST })).toEqual(
      [],
    );
  });

  it("refuses malformed options, naming the member", () => {
    expect(() => createPolicy({ unknown: "maybe" as never })).toThrow(/policy\.unknown/);
    expect(() => createPolicy({ maxBytes: 0 })).toThrow(/policy\.maxBytes/);
    expect(() => createPolicy({ configs: [""] })).toThrow(/policy\.configs/);
    expect(() => createPolicy({ targets: ["gitlba"] })).toThrow(UnknownTargetError);
  });
});

describe("policyFindings", () => {
  it("refuses types outside a list, naming the field and the value", () => {
    const policy = createPolicy({ configs: ["application/vnd.oci.image.config.v1+json"] });
    const issues = policyFindings(falcoAsset, policy, { kind: "image-manifest", contentType: OCI_MANIFEST });
    expect(issues).toEqual([
      expect.objectContaining({
        code: "policy-media-type-refused",
        severity: "error",
        path: "/config/mediaType",
      }),
    ]);
    expect(issues[0]?.message).toContain(
      'config.mediaType "application/vnd.cncf.falco.asset.config.v1+json"',
    );
  });

  it("warns about or rejects types the table does not know, per policy.unknown", () => {
    const odd = manifest("application/x-unheard-of", "application/vnd.oci.image.layer.v1.tar+gzip");
    const warn = policyFindings(odd, createPolicy({ unknown: "warn" }), { kind: "image-manifest" });
    expect(warn).toEqual([
      expect.objectContaining({
        code: "policy-media-type-unknown",
        severity: "warning",
        path: "/config/mediaType",
      }),
    ]);
    const reject = policyFindings(odd, createPolicy({ unknown: "reject" }), { kind: "image-manifest" });
    expect(reject[0]?.severity).toBe("error");
    expect(
      policyFindings(odd, createPolicy({ unknown: "reject", configs: "any" }), { kind: "image-manifest" }),
    ).toEqual([]);
  });

  it("refuses the manifest's own type with policy-manifest-type-refused", () => {
    const issues = policyFindings(image, createPolicy({ manifests: [DOCKER_V2] }), {
      kind: "image-manifest",
      contentType: OCI_MANIFEST,
    });
    expect(issues.map((found) => found.code)).toEqual(["policy-manifest-type-refused"]);
  });
});

describe("parseManifestReference", () => {
  it("reads tags, digests and neither", () => {
    expect(parseManifestReference("v1.2_rc")).toEqual({ kind: "tag", tag: "v1.2_rc" });
    expect(parseManifestReference(EMPTY_DIGEST)).toEqual({ kind: "digest", digest: EMPTY_DIGEST });
    expect(parseManifestReference("sha256:abc").kind).toBe("invalid");
    expect(parseManifestReference("-leading-dash").kind).toBe("invalid");
    expect(parseManifestReference("x".repeat(129)).kind).toBe("invalid");
    expect(parseManifestReference("").kind).toBe("invalid");
    expect(parseManifestReference(undefined as unknown as string)).toEqual({
      kind: "invalid",
      reason: "the manifest reference (tag or digest) is missing",
    });
  });
});

describe("validateUpload", () => {
  const bytes = encode(image);

  it("accepts a valid manifest by tag and by its digest: 201, no body", () => {
    const byTag = validateUpload(bytes, { contentType: OCI_MANIFEST, reference: "v1" });
    expect(byTag.issues.filter((found) => found.severity === "error")).toEqual([]);
    expect(byTag).toMatchObject({ valid: true, status: 201, body: null, kind: "image-manifest" });
    expect(validateUpload(bytes, { contentType: OCI_MANIFEST, reference: sha256(bytes) }).status).toBe(201);
  });

  it("refuses a PUT without a Content-Type, as distribution does (schema 1 fallback): 400 MANIFEST_INVALID", () => {
    const config = encode({ architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: [] } });
    for (const [body, contentType] of [
      [bytes, undefined],
      [bytes, ""],
      [bytes, " ; charset=utf-8"],
      [config, undefined],
    ] as const) {
      const answer = validateUpload(body, { contentType, reference: "v1" });
      expect(answer.status).toBe(400);
      expect(answer.body?.errors[0]).toMatchObject({
        code: "MANIFEST_INVALID",
        detail: { rule: "upload-content-type-missing" },
      });
    }
  });

  it("answers DIGEST_INVALID when the bytes do not hash to the digest in the reference", () => {
    const answer = validateUpload(bytes, { contentType: OCI_MANIFEST, reference: EMPTY_DIGEST });
    expect(answer.status).toBe(400);
    expect(answer.body?.errors[0]?.code).toBe("DIGEST_INVALID");
    expect(answer.body?.errors[0]?.message).toContain(sha256(bytes));
  });

  it("answers 413 over the policy's size limit, without reading the body", () => {
    const answer = validateUpload(bytes, {
      contentType: OCI_MANIFEST,
      reference: "v1",
      policy: createPolicy({ maxBytes: 64 }),
    });
    expect(answer.status).toBe(413);
    expect(answer.body?.errors).toEqual([
      expect.objectContaining({
        code: "MANIFEST_INVALID",
        detail: expect.objectContaining({ rule: "upload-size-limit" }),
      }),
    ]);
    expect(answer.document).toBeUndefined();
  });

  it("answers 413 from the declared Content-Length alone, for a body a gate did not keep", () => {
    const answer = validateUpload(new Uint8Array(0), {
      reference: "v1",
      contentLength: DEFAULT_MAX_MANIFEST_BYTES + 1,
    });
    expect(answer.status).toBe(413);
    expect(answer.body?.errors[0]?.message).toContain(`${DEFAULT_MAX_MANIFEST_BYTES + 1} bytes`);
  });

  it("answers SIZE_INVALID when Content-Length disagrees with the body", () => {
    const answer = validateUpload(bytes, {
      contentType: OCI_MANIFEST,
      reference: "v1",
      contentLength: bytes.length + 1,
    });
    expect(answer.body?.errors.map((error) => error.code)).toEqual(["SIZE_INVALID"]);
  });

  it("answers MANIFEST_INVALID for a reference that is neither tag nor digest", () => {
    const answer = validateUpload(bytes, { contentType: OCI_MANIFEST, reference: "no/slashes" });
    expect(answer).toMatchObject({ status: 400, body: { errors: [{ code: "MANIFEST_INVALID" }] } });
  });

  it("answers 415 UNSUPPORTED for a manifest type the policy refuses", () => {
    const answer = validateUpload(bytes, {
      contentType: OCI_MANIFEST,
      reference: "v1",
      policy: createPolicy({ manifests: [DOCKER_V2] }),
    });
    expect(answer.status).toBe(415);
    expect(answer.body?.errors[0]).toMatchObject({
      code: "UNSUPPORTED",
      detail: { rule: "policy-manifest-type-refused" },
    });
  });

  it("refuses what an adopted target refuses: the Falco asset artifact behind --target gitlab", () => {
    const policy = createPolicy({ targets: ["gitlab"] });
    const answer = validateUpload(encode(falcoAsset), {
      contentType: OCI_MANIFEST,
      reference: "0.1.0",
      policy,
    });
    expect(answer.valid).toBe(false);
    expect(answer.status).toBe(400);
    expect(answer.body?.errors).toEqual([
      {
        code: "MANIFEST_INVALID",
        message: expect.stringContaining(
          "unknown media type: application/vnd.cncf.falco.asset.config.v1+json",
        ),
        detail: expect.objectContaining({
          rule: "target-gitlab-unknown-media-type",
          field: "config.mediaType",
          value: "application/vnd.cncf.falco.asset.config.v1+json",
        }),
      },
    ]);
    // the layer type is only a warning: GitLab degrades it, it does not refuse it
    expect(
      answer.issues.find((found) => found.code === "target-gitlab-unknown-layer-media-type")?.severity,
    ).toBe("warning");
    // without the target, the same artifact is fine
    expect(validateUpload(encode(falcoAsset), { contentType: OCI_MANIFEST, reference: "0.1.0" }).status).toBe(
      201,
    );
  });

  it("answers MANIFEST_INVALID when the Content-Type and the mediaType disagree", () => {
    const answer = validateUpload(bytes, { contentType: DOCKER_V2, reference: "v1" });
    expect(answer.status).toBe(400);
    expect(answer.body?.errors.map((error) => error.code)).toContain("MANIFEST_INVALID");
    expect(JSON.stringify(answer.body)).toContain(OCI_MANIFEST);
  });

  it("ignores Content-Type parameters and case", () => {
    const answer = validateUpload(bytes, {
      contentType: `${OCI_MANIFEST.toUpperCase()}; charset=utf-8`,
      reference: "v1",
    });
    expect(answer.status).toBe(201);
  });

  it("refuses an index child type with MANIFEST_INVALID, not 415", () => {
    const index = {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [{ mediaType: DOCKER_V2, digest: DIGEST_A, size: 7 }],
    };
    const answer = validateUpload(encode(index), {
      contentType: OCI_INDEX,
      reference: "v1",
      policy: createPolicy({ manifests: [OCI_MANIFEST, OCI_INDEX] }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body?.errors).toEqual([
      expect.objectContaining({
        code: "MANIFEST_INVALID",
        detail: expect.objectContaining({
          rule: "policy-media-type-refused",
          field: "manifests[0].mediaType",
          value: DOCKER_V2,
        }),
      }),
    ]);
  });

  it("locates policy and target findings by line and column", () => {
    const text = JSON.stringify(falcoAsset, null, 2);
    const answer = validateUpload(text, {
      contentType: OCI_MANIFEST,
      reference: "v1",
      policy: createPolicy({ targets: ["gitlab"] }),
    });
    const line = text.split("\n").findIndex((candidate) => candidate.includes("falco.asset.config")) + 1;
    expect(line).toBeGreaterThan(1);
    expect(answer.body?.errors[0]?.detail).toMatchObject({ line, column: expect.any(Number) });
  });

  it("lets policy.rules override target and policy findings", () => {
    const policy = createPolicy({
      targets: ["gitlab"],
      rules: { "target-gitlab-unknown-media-type": "off" },
    });
    expect(
      validateUpload(encode(falcoAsset), { contentType: OCI_MANIFEST, reference: "v1", policy }).status,
    ).toBe(201);
  });

  it("never throws on bytes that are not JSON", () => {
    const answer = validateUpload("not json {", { contentType: OCI_MANIFEST, reference: "v1" });
    expect(answer).toMatchObject({ valid: false, status: 400 });
    expect(answer.body?.errors[0]?.code).toBe("MANIFEST_INVALID");
  });
});

const fixtures = new URL("../../shared/reference/registry-fixtures/", import.meta.url);
const fixturesMissing = !existsSync(fixtures);
if (fixturesMissing)
  console.warn("skipping registry-fixture uploads: ../shared/reference/registry-fixtures is absent");

describe.skipIf(fixturesMissing)("validateUpload on registry-fixtures", () => {
  const upload = (file: string, contentType: string, policy = createPolicy()) =>
    validateUpload(readFileSync(new URL(file, fixtures)), { contentType, reference: "t", policy });

  it("refuses the CVE-2021-41190 ambiguous manifest and index with MANIFEST_INVALID", () => {
    for (const [file, contentType] of [
      ["distribution__derived-ambiguous-manifest-with-manifests.json", OCI_MANIFEST],
      ["distribution__derived-ambiguous-index-with-layers.json", OCI_INDEX],
    ] as const) {
      const answer = upload(file, contentType);
      expect(answer.status, file).toBe(400);
      expect(
        answer.body?.errors.every((error) => error.code === "MANIFEST_INVALID"),
        file,
      ).toBe(true);
    }
  });

  it("accepts distribution's own canonical manifests", () => {
    expect(upload("distribution__oci-manifest.json", OCI_MANIFEST).status).toBe(201);
    expect(upload("distribution__oci-index.json", OCI_INDEX).status).toBe(201);
    expect(upload("distribution__schema2-manifest.json", DOCKER_V2).status).toBe(201);
  });

  it("refuses the unknown config type only when emulating gitlab", () => {
    expect(upload("gitlab__unknown-config-mediatype.json", DOCKER_V2).status).toBe(201);
    const answer = upload(
      "gitlab__unknown-config-mediatype.json",
      DOCKER_V2,
      createPolicy({ targets: ["gitlab"] }),
    );
    expect(answer.status).toBe(400);
    expect(answer.body?.errors[0]?.message).toContain(
      "unknown media type: application/foo.bar.container.image.v1+json",
    );
  });
});
