// The document shapes the builders emit: the validators' types (one source of truth, checked against
// the JSON Schemas), narrowed to what a builder always writes.
import type { OCI_IMAGE_INDEX, OCI_IMAGE_MANIFEST } from "../media-types/index.js";
import type { Descriptor, ImageIndex, ImageManifest, Platform } from "../validate/index.js";

/**
 * A platform as the builders write it: image-spec's, without the reserved `features`.
 *
 * @example
 * const platform: BuiltPlatform = { architecture: "arm64", os: "linux", variant: "v8" };
 * buildImageIndex({ manifests: [{ ...manifest.descriptor, platform }] });
 */
export type BuiltPlatform = Omit<Platform, "features">;

/**
 * A content descriptor as the builders write it (members in the order of Go's image-spec struct).
 *
 * @example
 * const descriptor: BuiltDescriptor = buildDescriptor(bytes, "text/plain").descriptor;
 * // { mediaType: "text/plain", digest: "sha256:…", size: bytes.length }
 */
export type BuiltDescriptor = Descriptor;

/**
 * An image manifest as the builders write it: `mediaType` always set.
 *
 * @example
 * const manifest: BuiltImageManifest = buildImageManifest({ config, layers: [layer] }).document;
 * manifest.mediaType; // "application/vnd.oci.image.manifest.v1+json", always set
 */
export type BuiltImageManifest = ImageManifest & {
  /** Always written, so the document says what it is (CVE-2021-41190). */
  mediaType: typeof OCI_IMAGE_MANIFEST;
};

/**
 * An image index as the builders write it: `mediaType` always set.
 *
 * @example
 * const index: BuiltImageIndex = buildImageIndex({ manifests: [manifest.descriptor] }).document;
 * index.mediaType; // "application/vnd.oci.image.index.v1+json", always set
 */
export type BuiltImageIndex = ImageIndex & {
  /** Always written, so the document says what it is (CVE-2021-41190). */
  mediaType: typeof OCI_IMAGE_INDEX;
};
