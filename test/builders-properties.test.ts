/**
 * Strict writer, checked by the lenient reader: whatever valid input the builders take, what they emit
 * passes `validate` under the `strict` preset — with no finding at all — and hashes to its descriptor.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildDescriptor,
  buildImageIndex,
  buildImageLayout,
  buildImageManifest,
  buildReferrersIndex,
  canonicalJson,
  emptyDescriptor,
} from "../src/builders/index.js";
import { OCI_DESCRIPTOR, OCI_LAYOUT_HEADER } from "../src/media-types/index.js";
import { type ValidationResult, validate } from "../src/validate/index.js";

const vendorType = (suffix: string) =>
  fc
    .stringMatching(/^[a-z][a-z0-9]{0,8}(\.[a-z][a-z0-9]{0,6}){0,3}$/)
    .map((name) => `application/vnd.${name}${suffix}`);
const layerType = fc.oneof(
  fc.constantFrom(
    "application/vnd.oci.image.layer.v1.tar",
    "application/vnd.oci.image.layer.v1.tar+gzip",
    "application/vnd.oci.image.layer.v1.tar+zstd",
    "application/spdx+json",
  ),
  vendorType(".layer.v1+tar"),
);
const configType = fc.oneof(
  // Not Falco's config types: those make a Falco artifact, with rules of its own (src/falco builds them).
  fc.constantFrom("application/vnd.cncf.helm.config.v1+json", "application/vnd.oci.image.config.v1+json"),
  vendorType(".config.v1+json"),
);
const artifactType = vendorType(".v1+json");
const annotationText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom("<&>", "\u2028", 'a"b\\c\n'),
);
const annotations = fc.option(
  fc.dictionary(
    fc.oneof(
      fc.stringMatching(/^[a-z]{1,6}(\.[a-z]{1,6}){1,3}$/),
      fc.constant("org.opencontainers.image.title"),
    ),
    annotationText,
    { maxKeys: 4 },
  ),
  { nil: undefined },
);
const platform = fc.oneof(
  fc.record({
    architecture: fc.constantFrom("amd64", "ppc64le", "s390x", "riscv64", "386"),
    os: fc.constantFrom("linux", "windows", "freebsd"),
  }),
  fc.record(
    {
      architecture: fc.constant("arm"),
      os: fc.constant("linux"),
      variant: fc.constantFrom("v6", "v7", "v8"),
    },
    { requiredKeys: ["architecture", "os"] },
  ),
  fc.record(
    { architecture: fc.constant("arm64"), os: fc.constant("linux"), variant: fc.constant("v8") },
    { requiredKeys: ["architecture", "os"] },
  ),
);
const content = fc.uint8Array({ maxLength: 48 });
const layer = fc
  .record({ bytes: content, mediaType: layerType, annotations, data: fc.boolean() })
  .map(({ bytes, mediaType, annotations, data }) =>
    buildDescriptor(bytes, mediaType, { data, ...(annotations === undefined ? {} : { annotations }) }),
  );
const manifestInput = fc.record({
  config: fc.option(fc.tuple(content, configType), { nil: undefined }),
  layers: fc.array(fc.oneof(layer, fc.constant({ descriptor: emptyDescriptor })), {
    minLength: 1,
    maxLength: 4,
  }),
  artifactType: fc.option(artifactType, { nil: undefined }),
  annotations,
});
const manifest = manifestInput.map(({ config, layers, artifactType: type, annotations }) =>
  buildImageManifest({
    config: config === undefined ? emptyDescriptor : buildDescriptor(config[0], config[1]),
    layers,
    artifactType: config === undefined ? (type ?? "application/vnd.example.v1+json") : type,
    annotations,
  }),
);

/** Every finding, as readable strings, so a failure shows what the validator said. */
function findings(result: ValidationResult): string[] {
  return result.issues.map((issue) => `${issue.severity} ${issue.code} at ${issue.path}: ${issue.message}`);
}

function expectStrictClean(bytes: Uint8Array, mediaType: string, digest?: string): void {
  const result = validate(bytes, {
    preset: "strict",
    mediaType,
    ...(digest === undefined ? {} : { expectedDigest: digest }),
  });
  expect(findings(result)).toEqual([]);
  expect(result.valid).toBe(true);
}

describe("every builder output passes validate under the strict preset", () => {
  it("buildDescriptor", () => {
    fc.assert(
      fc.property(layer, platform, fc.boolean(), (built, platform, withPlatform) => {
        expectStrictClean(canonicalJson(built.descriptor), OCI_DESCRIPTOR);
        if (withPlatform) {
          const onManifest = buildDescriptor(built.bytes, "application/vnd.oci.image.manifest.v1+json", {
            platform,
          });
          expectStrictClean(canonicalJson(onManifest.descriptor), OCI_DESCRIPTOR);
        }
      }),
    );
  });

  it("buildImageManifest, with and without a subject", () => {
    fc.assert(
      fc.property(manifest, manifestInput, (subject, input) => {
        expectStrictClean(subject.bytes, subject.descriptor.mediaType, subject.descriptor.digest);
        const referrer = buildImageManifest({
          config: emptyDescriptor,
          layers: input.layers,
          artifactType: input.artifactType ?? "application/vnd.example.signature.v1+json",
          subject,
          annotations: input.annotations,
        });
        expectStrictClean(referrer.bytes, referrer.descriptor.mediaType, referrer.descriptor.digest);
      }),
    );
  });

  it("buildImageIndex", () => {
    const entry = fc.tuple(manifest, fc.option(platform, { nil: undefined }));
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 4 }),
        fc.option(artifactType, { nil: undefined }),
        fc.option(manifest, { nil: undefined }),
        annotations,
        (entries, type, subject, annotations) => {
          const index = buildImageIndex({
            manifests: entries.map(([m, p]) => (p === undefined ? m : { ...m.descriptor, platform: p })),
            artifactType: type,
            subject,
            annotations,
          });
          expectStrictClean(index.bytes, index.descriptor.mediaType, index.descriptor.digest);
        },
      ),
    );
  });

  it("buildReferrersIndex", () => {
    fc.assert(
      fc.property(
        manifest,
        fc.array(manifestInput, { maxLength: 4 }),
        fc.boolean(),
        (subject, inputs, filter) => {
          const referrers = inputs.map(({ layers, artifactType: type, annotations }, i) =>
            buildImageManifest({
              config:
                i % 2 === 0
                  ? emptyDescriptor
                  : buildDescriptor(new Uint8Array([i]), "application/vnd.example.config.v1+json"),
              layers,
              artifactType: i % 2 === 0 ? (type ?? "application/vnd.example.v1+json") : type,
              subject,
              annotations,
            }),
          );
          const options = filter ? { artifactType: "application/vnd.example.v1+json" } : {};
          const response = buildReferrersIndex(subject.descriptor.digest, referrers, options);
          expectStrictClean(response.bytes, response.descriptor.mediaType, response.descriptor.digest);
        },
      ),
    );
  });

  it("buildImageLayout: oci-layout and index.json", () => {
    fc.assert(
      fc.property(fc.array(manifestInput, { minLength: 1, maxLength: 3 }), (inputs) => {
        const blobs: { bytes: Uint8Array }[] = [];
        const manifests = inputs.map(({ config, layers, artifactType: type }, i) => {
          const configBlob = config === undefined ? undefined : buildDescriptor(config[0], config[1]);
          if (configBlob) blobs.push(configBlob);
          for (const l of layers) if ("bytes" in l) blobs.push(l);
          const built = buildImageManifest({
            config: configBlob ?? emptyDescriptor,
            layers,
            artifactType: configBlob ? type : (type ?? "application/vnd.example.v1+json"),
          });
          return { ...built, refName: `tag-${i}` };
        });
        const { files } = buildImageLayout({ manifests, blobs });
        expectStrictClean(files[0]?.bytes ?? new Uint8Array(), OCI_LAYOUT_HEADER);
        expectStrictClean(files[1]?.bytes ?? new Uint8Array(), "application/vnd.oci.image.index.v1+json");
      }),
    );
  });
});
