import { OCI_IMAGE_INDEX } from "../media-types/index.js";
import { checkAnnotations } from "./annotations-field.js";
import { BuildError } from "./build-error.js";
import type { Built } from "./built.js";
import { builtDocument, checkKnownMembers } from "./built-document.js";
import { checkDescriptor, type DescriptorLike } from "./descriptor-field.js";
import type { BuiltImageIndex } from "./document-types.js";
import { checkSubject } from "./image-manifest.js";
import { describe, MANIFEST_MEDIA_TYPES, requireBareMediaType } from "./media-type-field.js";

/**
 * Input of {@link buildImageIndex}.
 *
 * @example
 * const input: ImageIndexInput = {
 *   manifests: [
 *     { ...amd64.descriptor, platform: { architecture: "amd64", os: "linux" } },
 *     { ...arm64.descriptor, platform: { architecture: "arm64", os: "linux", variant: "v8" } },
 *   ],
 * };
 * buildImageIndex(input).descriptor.mediaType; // "application/vnd.oci.image.index.v1+json"
 */
export interface ImageIndexInput {
  /**
   * Descriptors of the manifests (or nested indexes), each optionally with a `platform`:
   * `{ ...built.descriptor, platform: { architecture: "arm64", os: "linux" } }`.
   */
  manifests: readonly DescriptorLike[];
  /** The artifact's type, when the index is used for an artifact. */
  artifactType?: string | undefined;
  /** The manifest this index refers to: makes it a referrer. */
  subject?: DescriptorLike | undefined;
  /** String-to-string metadata about the index. */
  annotations?: Readonly<Record<string, string>> | undefined;
}

const INPUT_MEMBERS = ["manifests", "artifactType", "subject", "annotations"] as const;

/**
 * Builds an OCI image index (`application/vnd.oci.image.index.v1+json`, schemaVersion 2) with the
 * exact bytes Go's image-spec structs marshal to.
 *
 * Enforces, beyond each descriptor's own rules, image-index.md `manifests`: every entry is a
 * descriptor of a manifest or an index (OCI, or Docker v2 for mixed indexes) — "implementations
 * SHOULD" only expect those — and `subject`, as for manifests, is another manifest. An empty
 * `manifests` is allowed (an empty index is how a registry says "no referrers").
 *
 * @throws {BuildError} naming the field and what to change.
 * @example
 * const index = buildImageIndex({
 *   manifests: [
 *     { ...amd64.descriptor, platform: { architecture: "amd64", os: "linux" } },
 *     { ...arm64.descriptor, platform: { architecture: "arm64", os: "linux" } },
 *   ],
 * });
 */
export function buildImageIndex(input: ImageIndexInput): Built<BuiltImageIndex> {
  if (typeof input !== "object" || input === null) {
    throw new BuildError(
      "",
      `buildImageIndex takes { manifests, artifactType?, subject?, annotations? }, got ${describe(input)}`,
    );
  }
  checkKnownMembers(input, INPUT_MEMBERS, "buildImageIndex");
  if (!Array.isArray(input.manifests)) {
    throw new BuildError(
      "manifests",
      `must be an array of manifest descriptors, got ${describe(input.manifests)}`,
    );
  }
  const manifests = input.manifests.map((entry, i) => {
    const descriptor = checkDescriptor(entry, `manifests[${i}]`);
    if (!MANIFEST_MEDIA_TYPES.has(descriptor.mediaType)) {
      throw new BuildError(
        `manifests[${i}].mediaType`,
        `an index lists manifests, but ${JSON.stringify(descriptor.mediaType)} is not a manifest or index media type; put blobs in a manifest's layers instead`,
      );
    }
    return descriptor;
  });
  const index = { schemaVersion: 2, mediaType: OCI_IMAGE_INDEX } as BuiltImageIndex;
  if (input.artifactType !== undefined && input.artifactType !== "")
    index.artifactType = requireBareMediaType(input.artifactType, "artifactType");
  index.manifests = manifests;
  if (input.subject !== undefined) index.subject = checkSubject(input.subject);
  const annotations = checkAnnotations(input.annotations, "annotations");
  if (annotations !== undefined) index.annotations = annotations;
  return builtDocument(index);
}
