import type { MemberPresence } from "../../json/member-presence.js";
import { ociImageIndex } from "../generated/validators.js";
import type { Descriptor } from "./descriptor.js";

/**
 * The platform of an image index entry (image-spec v1.1.1 image-index.md, `platform`): "This
 * OPTIONAL property describes the minimum runtime requirements of the image."
 *
 * @example
 * const platform: Platform = { architecture: "arm64", os: "linux", variant: "v8" };
 */
export interface Platform {
  /**
   * "This REQUIRED property specifies the CPU architecture. Image indexes SHOULD use, and
   * implementations SHOULD understand, values listed in the Go Language document for GOARCH."
   */
  architecture: string;
  /**
   * "This REQUIRED property specifies the operating system. Image indexes SHOULD use, and
   * implementations SHOULD understand, values listed in the Go Language document for GOOS."
   */
  os: string;
  /**
   * "This OPTIONAL property specifies the version of the operating system targeted by the referenced
   * blob." e.g. `10.0.14393.1066` on `windows`.
   */
  "os.version"?: string;
  /** "This OPTIONAL property specifies an array of strings, each specifying a mandatory OS feature." */
  "os.features"?: string[];
  /** "This OPTIONAL property specifies the variant of the CPU." e.g. `v7` for `arm`. */
  variant?: string;
  /** "This property is RESERVED for future versions of the specification." */
  features?: string[];
}

/**
 * An OCI image index (image-spec v1.1.1 image-index.md, `application/vnd.oci.image.index.v1+json`):
 * "The image index is a higher-level manifest which points to specific image manifests, ideal for
 * one or more platforms."
 *
 * @example
 * const index: ImageIndex = {
 *   schemaVersion: 2,
 *   mediaType: "application/vnd.oci.image.index.v1+json",
 *   manifests: [
 *     {
 *       mediaType: "application/vnd.oci.image.manifest.v1+json",
 *       digest: "sha256:dac1d7cfa95021764849fd102524e141488c5e3a90f861dbb5a12d9ac8584f85",
 *       size: 5,
 *       platform: { architecture: "arm64", os: "linux", variant: "v8" },
 *     },
 *   ],
 * };
 * validateImageIndex(index).valid; // true
 */
export interface ImageIndex {
  /**
   * "This REQUIRED property specifies the image manifest schema version. For this version of the
   * specification, this MUST be 2 to ensure backward compatibility with older versions of Docker."
   */
  schemaVersion: 2;
  /**
   * "This property SHOULD be used and remain compatible with earlier versions of this specification
   * and with other similar external formats. When used, this field MUST contain the media type
   * application/vnd.oci.image.index.v1+json."
   */
  mediaType?: string;
  /**
   * "This OPTIONAL property contains the type of an artifact when the manifest is used for an
   * artifact."
   */
  artifactType?: string;
  /**
   * "This REQUIRED property contains a list of manifests for specific platforms. While this property
   * MUST be present, the size of the array MAY be zero."
   */
  manifests: Descriptor[];
  /** "This OPTIONAL property specifies a descriptor of another manifest." */
  subject?: Descriptor;
  /**
   * "This OPTIONAL property contains arbitrary metadata for the image index. This OPTIONAL property
   * MUST use the annotation rules."
   */
  annotations?: Record<string, string>;
}

/** Every member of {@link ImageIndex} with its presence, checked against schemas/oci/image-index.json. */
export const imageIndexMembers = {
  schemaVersion: "required",
  mediaType: "optional",
  artifactType: "optional",
  manifests: "required",
  subject: "optional",
  annotations: "optional",
} as const satisfies MemberPresence<ImageIndex>;

/** Every member of {@link Platform} with its presence, checked against schemas/defs/platform.json. */
export const platformMembers = {
  architecture: "required",
  os: "required",
  "os.version": "optional",
  "os.features": "optional",
  variant: "optional",
  features: "optional",
} as const satisfies MemberPresence<Platform>;

/**
 * Whether a parsed value passes schemas/oci/image-index.json (the schema only; {@link validateImageIndex}
 * also applies the rules beyond it).
 *
 * @example
 * isImageIndex({ schemaVersion: 2, manifests: [] }) // true
 */
export function isImageIndex(value: unknown): value is ImageIndex {
  return ociImageIndex(value);
}
