import type { MemberPresence } from "../../json/member-presence.js";
import { ociImageManifest } from "../generated/validators.js";
import type { Descriptor } from "./descriptor.js";

/**
 * An OCI image manifest (image-spec v1.1.1 manifest.md, `application/vnd.oci.image.manifest.v1+json`):
 * "an image manifest provides a configuration and set of layers for a single container image for a
 * specific architecture and operating system."
 *
 * @example
 * const manifest: ImageManifest = {
 *   schemaVersion: 2,
 *   mediaType: "application/vnd.oci.image.manifest.v1+json",
 *   artifactType: "application/vnd.example.sbom.v1+json",
 *   config: { mediaType: "application/vnd.oci.empty.v1+json", digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", size: 2 },
 *   layers: [{ mediaType: "application/vnd.example.sbom.v1+json", digest: "sha256:dac1d7cfa95021764849fd102524e141488c5e3a90f861dbb5a12d9ac8584f85", size: 5 }],
 * };
 * validateImageManifest(manifest).valid; // true
 */
export interface ImageManifest {
  /**
   * "This REQUIRED property specifies the image manifest schema version. For this version of the
   * specification, this MUST be 2 to ensure backward compatibility with older versions of Docker."
   */
  schemaVersion: 2;
  /**
   * "This property SHOULD be used and remain compatible with earlier versions of this specification
   * and with other similar external formats. When used, this field MUST contain the media type
   * application/vnd.oci.image.manifest.v1+json."
   */
  mediaType?: string;
  /**
   * "This OPTIONAL property contains the type of an artifact when the manifest is used for an
   * artifact. This MUST be set when config.mediaType is set to the empty value."
   */
  artifactType?: string;
  /** "This REQUIRED property references a configuration object for a container, by digest." */
  config: Descriptor;
  /**
   * "Each item in the array MUST be a descriptor. For portability, layers SHOULD have at least one
   * entry."
   */
  layers: Descriptor[];
  /**
   * "This OPTIONAL property specifies a descriptor of another manifest. This value defines a weak
   * association to a separate Merkle Directed Acyclic Graph (DAG) structure, and is used by the
   * referrers API to include this manifest in the list of responses for the subject digest."
   */
  subject?: Descriptor;
  /**
   * "This OPTIONAL property contains arbitrary metadata for the image manifest. This OPTIONAL
   * property MUST use the annotation rules."
   */
  annotations?: Record<string, string>;
}

/** Every member of {@link ImageManifest} with its presence, checked against schemas/oci/image-manifest.json. */
export const imageManifestMembers = {
  schemaVersion: "required",
  mediaType: "optional",
  artifactType: "optional",
  config: "required",
  layers: "required",
  subject: "optional",
  annotations: "optional",
} as const satisfies MemberPresence<ImageManifest>;

/**
 * Whether a parsed value passes schemas/oci/image-manifest.json (the schema only;
 * {@link validateImageManifest} also applies the rules beyond it).
 *
 * @example
 * isImageManifest(JSON.parse(bytes)) // true for any manifest whose members have the right types
 */
export function isImageManifest(value: unknown): value is ImageManifest {
  return ociImageManifest(value);
}
