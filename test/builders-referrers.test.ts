import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  BuildError,
  buildDescriptor,
  buildImageIndex,
  buildImageManifest,
  buildReferrersIndex,
  emptyDescriptor,
} from "../src/builders/index.js";

const utf8 = (s: string) => new TextEncoder().encode(s);
const sha256 = (bytes: Uint8Array) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

const config = buildDescriptor(utf8("{}"), "application/vnd.oci.image.config.v1+json");
const image = buildImageManifest({
  config,
  layers: [buildDescriptor(utf8("l"), "application/vnd.oci.image.layer.v1.tar")],
});
const SIG = "application/vnd.example.signature";
const SBOM_CONFIG = "application/vnd.example.sbom.config+json";

const signature = buildImageManifest({
  artifactType: SIG,
  config: emptyDescriptor,
  layers: [emptyDescriptor],
  subject: image,
  annotations: { "org.example.signer": "alice" },
});
// No artifactType: the referrers entry falls back to the config media type.
const sbom = buildImageManifest({
  config: buildDescriptor(utf8('{"sbom":1}'), SBOM_CONFIG),
  layers: [emptyDescriptor],
  subject: image,
});
const indexReferrer = buildImageIndex({
  manifests: [],
  artifactType: "application/vnd.example.bundle",
  subject: image,
});

describe("buildReferrersIndex", () => {
  it("lists each referrer with its artifactType (or config mediaType) and annotations", () => {
    const result = buildReferrersIndex(image.descriptor.digest, [signature, sbom.bytes, indexReferrer]);
    expect(result.filtersApplied).toEqual([]);
    expect(result.document).toEqual({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.index.v1+json",
      manifests: [
        {
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          digest: sha256(signature.bytes),
          size: signature.bytes.length,
          annotations: { "org.example.signer": "alice" },
          artifactType: SIG,
        },
        {
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          digest: sha256(sbom.bytes),
          size: sbom.bytes.length,
          artifactType: SBOM_CONFIG,
        },
        {
          mediaType: "application/vnd.oci.image.index.v1+json",
          digest: sha256(indexReferrer.bytes),
          size: indexReferrer.bytes.length,
          artifactType: "application/vnd.example.bundle",
        },
      ],
    });
    expect(result.descriptor.digest).toBe(sha256(result.bytes));
    expect(JSON.parse(new TextDecoder().decode(result.bytes))).toEqual(result.document);
  });

  it("applies the artifactType filter and reports it", () => {
    const result = buildReferrersIndex(image.descriptor.digest, [signature, sbom], {
      artifactType: SBOM_CONFIG,
    });
    expect(result.filtersApplied).toEqual(["artifactType"]);
    expect(result.document.manifests.map((m) => m.digest)).toEqual([sbom.descriptor.digest]);
    const none = buildReferrersIndex(image.descriptor.digest, [signature], {
      artifactType: "application/none",
    });
    expect(new TextDecoder().decode(none.bytes)).toBe(
      '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}',
    );
  });

  it("lists a referrer given twice once", () => {
    const result = buildReferrersIndex(image.descriptor.digest, [signature, signature.bytes]);
    expect(result.document.manifests).toHaveLength(1);
  });

  it("takes the media type from the caller when the document has none", () => {
    const bare = utf8(
      JSON.stringify({
        schemaVersion: 2,
        config: emptyDescriptor,
        layers: [],
        artifactType: SIG,
        subject: image.descriptor,
      }),
    );
    expect(() => buildReferrersIndex(image.descriptor.digest, [bare])).toThrow(/referrers\[0\]\.mediaType/);
    const result = buildReferrersIndex(image.descriptor.digest, [
      { bytes: bare, mediaType: "application/vnd.oci.image.manifest.v1+json" },
    ]);
    expect(result.document.manifests[0]?.mediaType).toBe("application/vnd.oci.image.manifest.v1+json");
  });

  it("refuses referrers of another subject, non-JSON and bad digests", () => {
    const other = buildImageManifest({ config, layers: [emptyDescriptor] });
    const fail = (fn: () => unknown, field: string) => {
      try {
        fn();
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(BuildError);
        expect((error as BuildError).field).toBe(field);
      }
    };
    fail(() => buildReferrersIndex(other.descriptor.digest, [signature]), "referrers[0].subject");
    fail(() => buildReferrersIndex(image.descriptor.digest, [sbom, image]), "referrers[1].subject");
    fail(() => buildReferrersIndex(image.descriptor.digest, [utf8("{")]), "referrers[0]");
    fail(
      () => buildReferrersIndex(image.descriptor.digest, [new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d])]),
      "referrers[0]",
    );
    fail(() => buildReferrersIndex(image.descriptor.digest, [utf8("[]")]), "referrers[0]");
    fail(() => buildReferrersIndex("sha256:xyz", [signature]), "subjectDigest");
    fail(() => buildReferrersIndex(image.descriptor.digest, "x" as never), "referrers");
  });
});
