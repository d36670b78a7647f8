import type { MemberPresence } from "../../json/member-presence.js";
import { ociDescriptor } from "../generated/validators.js";
import type { Platform } from "./image-index.js";

/**
 * An OCI content descriptor (image-spec v1.1.1 descriptor.md, `application/vnd.oci.descriptor.v1+json`):
 * "A Content Descriptor includes the type of the content, a content identifier (digest), and the
 * byte-size of the raw content."
 *
 * @example
 * const empty: Descriptor = {
 *   mediaType: "application/vnd.oci.empty.v1+json",
 *   digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
 *   size: 2,
 * };
 */
export interface Descriptor {
  /**
   * "This REQUIRED property contains the media type of the referenced content. Values MUST comply
   * with RFC 6838, including the naming requirements in its section 4.2."
   */
  mediaType: string;
  /**
   * "This REQUIRED property is the digest of the targeted content, conforming to the requirements
   * outlined in Digests. Retrieved content SHOULD be verified against this digest when consumed via
   * untrusted sources."
   */
  digest: string;
  /**
   * "This REQUIRED property specifies the size, in bytes, of the raw content. This property exists
   * so that a client will have an expected size for the content before processing."
   */
  size: number;
  /**
   * "This OPTIONAL property specifies a list of URIs from which this object MAY be downloaded. Each
   * entry MUST conform to RFC 3986. Entries SHOULD use the http and https schemes, as defined in
   * RFC 7230."
   */
  urls?: string[];
  /**
   * "This OPTIONAL property contains arbitrary metadata for this descriptor. This OPTIONAL property
   * MUST use the annotation rules."
   */
  annotations?: Record<string, string>;
  /**
   * "This OPTIONAL property contains an embedded representation of the referenced content. Values
   * MUST conform to the Base 64 encoding, as defined in RFC 4648. The decoded data MUST be identical
   * to the referenced content and SHOULD be verified against the digest and size fields by content
   * consumers."
   */
  data?: string;
  /**
   * "This OPTIONAL property contains the type of an artifact when the descriptor points to an
   * artifact. This is the value of the config descriptor mediaType when the descriptor references
   * an image manifest."
   */
  artifactType?: string;
  /**
   * "This OPTIONAL property describes the minimum runtime requirements of the image. This property
   * SHOULD be present if its target is platform-specific." (image-index.md; descriptor.md allows it
   * on any descriptor.)
   */
  platform?: Platform;
}

/**
 * Every member of {@link Descriptor} with its presence; test/schema-drift.test.ts compares it to
 * schemas/oci/descriptor.json, and `satisfies` compares it to the interface, so neither can drift.
 */
export const descriptorMembers = {
  mediaType: "required",
  digest: "required",
  size: "required",
  urls: "optional",
  annotations: "optional",
  data: "optional",
  artifactType: "optional",
  platform: "optional",
} as const satisfies MemberPresence<Descriptor>;

/**
 * Whether a parsed value passes schemas/oci/descriptor.json (the schema only; {@link validateDescriptor}
 * also applies the rules beyond it).
 *
 * @example
 * isDescriptor({ mediaType: "text/plain", digest: "sha256:" + "0".repeat(64), size: 0 }) // true
 */
export function isDescriptor(value: unknown): value is Descriptor {
  return ociDescriptor(value);
}
