import { OCI_EMPTY } from "../media-types/index.js";
import type { BuiltDescriptor } from "./document-types.js";

/**
 * The empty blob, `{}`: the content of {@link emptyDescriptor}. Push it once to a repository before a
 * manifest that references the empty descriptor.
 *
 * @example
 * new TextDecoder().decode(emptyBlob); // "{}"
 * computeDigest(emptyBlob) === emptyDescriptor.digest; // true
 */
export const emptyBlob: Uint8Array = new Uint8Array([0x7b, 0x7d]);

/**
 * image-spec manifest.md#guidance-for-an-empty-descriptor: the descriptor of the empty JSON object,
 * for an artifact that needs no config (then `artifactType` is required) or no layer content. The
 * two-byte content is embedded as `data`, so readers need not fetch it.
 *
 * @example
 * buildImageManifest({ artifactType: "application/vnd.example+type", config: emptyDescriptor, layers: [emptyDescriptor] })
 */
export const emptyDescriptor: Readonly<BuiltDescriptor> = Object.freeze({
  mediaType: OCI_EMPTY,
  digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
  size: 2,
  data: "e30=",
});
