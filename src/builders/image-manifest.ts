import { OCI_IMAGE_MANIFEST } from "../media-types/index.js";
import { checkAnnotations } from "./annotations-field.js";
import { BuildError } from "./build-error.js";
import type { Built } from "./built.js";
import { builtDocument, checkKnownMembers } from "./built-document.js";
import { checkDescriptor, type DescriptorLike } from "./descriptor-field.js";
import type { BuiltImageManifest } from "./document-types.js";
import { emptyDescriptor } from "./empty-descriptor.js";
import { describe, MANIFEST_MEDIA_TYPES, requireBareMediaType } from "./media-type-field.js";

/**
 * Input of {@link buildImageManifest}.
 *
 * @example
 * const input: ImageManifestInput = {
 *   artifactType: "application/vnd.example.note.v1",
 *   config: emptyDescriptor,
 *   layers: [buildDescriptor(new TextEncoder().encode("hello"), "text/plain")],
 *   annotations: { "org.opencontainers.image.created": "2024-01-31T12:00:00Z" },
 * };
 * buildImageManifest(input).descriptor; // { mediaType: "application/vnd.oci.image.manifest.v1+json", digest, size }
 */
export interface ImageManifestInput {
  /** The config blob's descriptor; `emptyDescriptor` for an artifact without a config (then set `artifactType`). */
  config: DescriptorLike;
  /** The layers, base first; at least one (`[emptyDescriptor]` for an artifact without content). */
  layers: readonly DescriptorLike[];
  /** The artifact's type; required when `config` is the empty descriptor. */
  artifactType?: string | undefined;
  /** The manifest this one refers to (a signature's image, an SBOM's image…): makes it a referrer. */
  subject?: DescriptorLike | undefined;
  /** String-to-string metadata about the manifest. */
  annotations?: Readonly<Record<string, string>> | undefined;
}

const INPUT_MEMBERS = ["config", "layers", "artifactType", "subject", "annotations"] as const;

/**
 * Builds an OCI image manifest (`application/vnd.oci.image.manifest.v1+json`, schemaVersion 2) with
 * the exact bytes Go's image-spec structs marshal to, so it has the digest Go tools compute for it.
 *
 * Enforces, beyond each descriptor's own rules:
 * - manifest.md#guidelines-for-artifact-usage: "If the config.mediaType is set to the empty value,
 *   the artifactType MUST be defined";
 * - manifest.md `layers`: portable manifests have at least one layer ("the array SHOULD have at least
 *   one entry"; image-spec's schema requires it) — an artifact without content uses `[emptyDescriptor]`;
 * - manifest.md `subject`: "a descriptor of another manifest", so its media type is a manifest's or an index's.
 *
 * @throws {BuildError} naming the field and what to change.
 * @example
 * const sbom = buildDescriptor(new TextEncoder().encode("{}"), "application/spdx+json");
 * const { bytes, descriptor } = buildImageManifest({
 *   artifactType: "application/spdx+json",
 *   config: emptyDescriptor,
 *   layers: [sbom],
 * });
 */
export function buildImageManifest(input: ImageManifestInput): Built<BuiltImageManifest> {
  if (typeof input !== "object" || input === null) {
    throw new BuildError(
      "",
      `buildImageManifest takes { config, layers, artifactType?, subject?, annotations? }, got ${describe(input)}`,
    );
  }
  checkKnownMembers(input, INPUT_MEMBERS, "buildImageManifest");
  const config = checkDescriptor(input.config, "config");
  if (!Array.isArray(input.layers)) {
    throw new BuildError("layers", `must be an array of descriptors, got ${describe(input.layers)}`);
  }
  if (input.layers.length === 0) {
    throw new BuildError(
      "layers",
      "is empty; give at least one layer (for an artifact without content use layers: [emptyDescriptor], as image-spec suggests)",
    );
  }
  const layers = input.layers.map((layer, i) => checkDescriptor(layer, `layers[${i}]`));
  const artifactType =
    input.artifactType === undefined || input.artifactType === ""
      ? undefined
      : requireBareMediaType(input.artifactType, "artifactType");
  if (config.mediaType === emptyDescriptor.mediaType && artifactType === undefined) {
    throw new BuildError(
      "artifactType",
      'is required because config is the empty descriptor (image-spec: "If the config.mediaType is set to the empty value, the artifactType MUST be defined"); set artifactType to your artifact\'s media type',
    );
  }
  const manifest: BuiltImageManifest = {
    schemaVersion: 2,
    mediaType: OCI_IMAGE_MANIFEST,
  } as BuiltImageManifest;
  if (artifactType !== undefined) manifest.artifactType = artifactType;
  manifest.config = config;
  manifest.layers = layers;
  if (input.subject !== undefined) manifest.subject = checkSubject(input.subject);
  const annotations = checkAnnotations(input.annotations, "annotations");
  if (annotations !== undefined) manifest.annotations = annotations;
  return builtDocument(manifest);
}

/** image-spec manifest.md / image-index.md `subject`: "a descriptor of another manifest". */
export function checkSubject(value: DescriptorLike): ReturnType<typeof checkDescriptor> {
  const subject = checkDescriptor(value, "subject");
  if (!MANIFEST_MEDIA_TYPES.has(subject.mediaType)) {
    throw new BuildError(
      "subject.mediaType",
      `the subject is another manifest, but ${JSON.stringify(subject.mediaType)} is not a manifest or index media type; use the descriptor of the manifest this one refers to`,
    );
  }
  return subject;
}
