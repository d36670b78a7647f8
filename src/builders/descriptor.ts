import { computeDigest, type DigestAlgorithm } from "../digest/index.js";
import { encodeBase64 } from "./base64.js";
import { BuildError } from "./build-error.js";
import type { Built } from "./built.js";
import { checkDescriptor } from "./descriptor-field.js";
import type { BuiltDescriptor, BuiltPlatform } from "./document-types.js";

/**
 * Optional parts of a descriptor built by {@link buildDescriptor}.
 *
 * @example
 * const extras: DescriptorExtras = { data: true, annotations: { "org.opencontainers.image.title": "x.bin" } };
 * buildDescriptor(new Uint8Array([1, 2]), "application/octet-stream", extras).descriptor;
 * // { mediaType: "application/octet-stream", digest: "sha256:a12871fe…", size: 2,
 * //   annotations: { "org.opencontainers.image.title": "x.bin" }, data: "AQI=" }
 */
export interface DescriptorExtras {
  /** Embed the content itself, base64, in `data` (worth it only for small blobs). Default `false`. */
  data?: boolean;
  /** The artifact's type, when the content is an artifact manifest (image-spec descriptor.md). */
  artifactType?: string;
  /** The platform a manifest runs on; only for descriptors of manifests and indexes. */
  platform?: BuiltPlatform;
  /** String-to-string metadata about the content. */
  annotations?: Record<string, string>;
  /** Extra http(s) locations the content may be downloaded from. */
  urls?: string[];
  /** Digest algorithm; default `"sha256"`, the one every implementation supports. */
  algorithm?: DigestAlgorithm;
}

/**
 * Describes content: computes its digest and size and checks everything else a descriptor carries.
 * The result is `{ document, bytes, descriptor }` like every builder's, where `bytes` are the content
 * you passed (the blob to push) and `document` and `descriptor` are the same descriptor pointing at it.
 * Write the descriptor itself as JSON with `canonicalJson(result.descriptor)`.
 *
 * @throws {BuildError} when the media type or an extra is not what image-spec allows.
 * @example
 * const layer = buildDescriptor(new TextEncoder().encode("hello"), "application/vnd.oci.image.layer.v1.tar", {
 *   annotations: { "org.opencontainers.image.title": "hello.txt" },
 * });
 * layer.descriptor.digest // "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
 */
export function buildDescriptor(
  bytes: Uint8Array,
  mediaType: string,
  extra: DescriptorExtras = {},
): Built<BuiltDescriptor> {
  if (!(bytes instanceof Uint8Array)) {
    throw new BuildError(
      "bytes",
      "must be a Uint8Array with the exact content; encode text with new TextEncoder().encode(text)",
    );
  }
  const algorithm = extra.algorithm ?? "sha256";
  if (algorithm !== "sha256" && algorithm !== "sha512") {
    throw new BuildError("algorithm", `must be "sha256" or "sha512", got ${JSON.stringify(algorithm)}`);
  }
  const descriptor = checkDescriptor(
    {
      mediaType,
      digest: computeDigest(bytes, algorithm),
      size: bytes.length,
      urls: extra.urls,
      annotations: extra.annotations,
      data: extra.data === true ? encodeBase64(bytes) : undefined,
      platform: extra.platform,
      artifactType: extra.artifactType,
    },
    "",
  );
  return { document: descriptor, bytes, descriptor };
}
