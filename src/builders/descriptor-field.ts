import {
  computeDigest,
  DigestError,
  lookupDigestAlgorithm,
  parseDigest,
  verifyDigest,
} from "../digest/index.js";
import { checkAnnotations } from "./annotations-field.js";
import { decodeCanonicalBase64 } from "./base64.js";
import { BuildError, fieldPath } from "./build-error.js";
import type { BuiltDescriptor, BuiltPlatform } from "./document-types.js";
import { describe, MANIFEST_MEDIA_TYPES, requireBareMediaType } from "./media-type-field.js";
import { checkPlatform } from "./platform-field.js";

/**
 * A descriptor as builders accept it: the plain object, with members in any order.
 *
 * @example
 * const config: DescriptorInput = {
 *   mediaType: "application/vnd.oci.image.config.v1+json",
 *   digest: "sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7",
 *   size: 7023,
 * };
 * buildImageManifest({ config, layers: [layer] });
 */
export interface DescriptorInput {
  /** The content's media type, RFC 6838, without parameters. */
  mediaType: string;
  /** The content's digest, `sha256:<64 hex>` (or another registered algorithm). */
  digest: string;
  /** The content's length in bytes. */
  size: number;
  /** Extra http(s) locations of the content. */
  urls?: readonly string[] | undefined;
  /** String-to-string metadata. */
  annotations?: Readonly<Record<string, string>> | undefined;
  /** Base64 of the whole content (standard alphabet, padded). */
  data?: string | undefined;
  /** The platform of the manifest it points at; only on descriptors of manifests and indexes. */
  platform?: Readonly<BuiltPlatform> | undefined;
  /** The artifact type of the manifest it points at. */
  artifactType?: string | undefined;
}

/**
 * Where builders take a descriptor they also take anything carrying one — the result of another
 * builder (`{ descriptor }`), so `layers: [buildDescriptor(bytes, type)]` works as written.
 *
 * @example
 * const layer = buildDescriptor(bytes, "application/vnd.oci.image.layer.v1.tar+gzip");
 * buildImageManifest({ config: emptyDescriptor, artifactType: "application/vnd.example", layers: [layer] }); // the result itself
 * buildImageManifest({ config: emptyDescriptor, artifactType: "application/vnd.example", layers: [layer.descriptor] }); // or its descriptor
 */
export type DescriptorLike =
  | DescriptorInput
  | {
      /** The descriptor of a builder's result. */
      readonly descriptor: DescriptorInput;
    };

const DESCRIPTOR_MEMBERS = new Set([
  "mediaType",
  "digest",
  "size",
  "urls",
  "annotations",
  "data",
  "platform",
  "artifactType",
]);

/**
 * Checks a descriptor the builders are about to write and returns it in Go's member order. Every
 * rule image-spec descriptor.md states for writers is enforced: `mediaType` RFC 6838, `digest` in the
 * digest grammar with a registered algorithm, `size` a non-negative safe integer, `urls` http(s)
 * URLs, `annotations` string to string, `data` canonical base64 whose bytes match `size` and
 * `digest`, `platform` only on a descriptor of a manifest or index, `artifactType` RFC 6838.
 *
 * @throws {BuildError} naming the offending member.
 */
export function checkDescriptor(value: unknown, field: string): BuiltDescriptor {
  const input = unwrapDescriptor(value, field);
  for (const key of Object.keys(input)) {
    if (!DESCRIPTOR_MEMBERS.has(key) && input[key] !== undefined) {
      throw new BuildError(
        fieldPath(field, key),
        "is not a descriptor property; use mediaType, digest, size, urls, annotations, data, platform or artifactType",
      );
    }
  }
  const mediaType = requireBareMediaType(input.mediaType, fieldPath(field, "mediaType"));
  const digest = checkDigestField(input.digest, fieldPath(field, "digest"));
  const size = checkSize(input.size, fieldPath(field, "size"));
  const descriptor: BuiltDescriptor = { mediaType, digest, size };
  const urls = checkUrls(input.urls, fieldPath(field, "urls"));
  if (urls !== undefined) descriptor.urls = urls;
  const annotations = checkAnnotations(input.annotations, fieldPath(field, "annotations"));
  if (annotations !== undefined) descriptor.annotations = annotations;
  // Go's `omitempty` leaves out empty `data` and `artifactType`; so do the builders, for the same bytes.
  if (input.data !== undefined && input.data !== "") {
    descriptor.data = checkData(input.data, fieldPath(field, "data"), digest, size);
  }
  if (input.platform !== undefined) {
    if (!MANIFEST_MEDIA_TYPES.has(mediaType)) {
      throw new BuildError(
        fieldPath(field, "platform"),
        `platform describes a manifest ("This should only be used when referring to a manifest"), but this descriptor points at ${mediaType}; remove platform`,
      );
    }
    descriptor.platform = checkPlatform(input.platform, fieldPath(field, "platform"));
  }
  if (input.artifactType !== undefined && input.artifactType !== "") {
    descriptor.artifactType = requireBareMediaType(input.artifactType, fieldPath(field, "artifactType"));
  }
  return descriptor;
}

/**
 * The descriptor inside `value`: `value` itself, or — for a builder result — its `descriptor`, with
 * any descriptor members set next to it laid over it, so `{ ...built, platform }` keeps the platform.
 */
function unwrapDescriptor(value: unknown, field: string): Record<string, unknown> {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const inner = record.descriptor;
    if (record.digest === undefined && typeof inner === "object" && inner !== null && !Array.isArray(inner)) {
      const merged: Record<string, unknown> = { ...(inner as Record<string, unknown>) };
      for (const key of DESCRIPTOR_MEMBERS) if (record[key] !== undefined) merged[key] = record[key];
      return merged;
    }
    return record;
  }
  throw new BuildError(
    field,
    `must be a descriptor { mediaType, digest, size } or a builder result carrying one, got ${describe(value)}`,
  );
}

/**
 * image-spec descriptor.md#digests: the digest grammar, and for a registered algorithm its encoding.
 * Unregistered algorithms are refused too: "implementations SHOULD" only expect sha256, sha512 and
 * blake3, so a writer that wants to be read everywhere does not invent others.
 */
export function checkDigestField(value: unknown, field: string): string {
  if (typeof value !== "string") {
    throw new BuildError(field, `must be a digest string "sha256:<64 hex>", got ${describe(value)}`);
  }
  try {
    const { algorithm } = parseDigest(value);
    if (lookupDigestAlgorithm(algorithm) === undefined) {
      throw new BuildError(
        field,
        `algorithm ${JSON.stringify(algorithm)} is not registered; use sha256 (or sha512)`,
      );
    }
  } catch (error) {
    if (error instanceof DigestError) throw new BuildError(field, error.message);
    throw error;
  }
  return value;
}

/** image-spec descriptor.md: "size ... This property MUST be specified" as an int64; JSON readers lose precision past 2^53−1. */
export function checkSize(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new BuildError(
      field,
      `must be the content length in bytes, a whole number from 0 to 2^53-1, got ${describe(value)}`,
    );
  }
  return value;
}

/**
 * image-spec descriptor.md: `urls` "Each entry MUST conform to RFC 3986. Entries SHOULD use the http
 * and https schemes". The builders write only absolute http(s) URLs; an empty list is left out.
 */
function checkUrls(value: unknown, field: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value))
    throw new BuildError(field, `must be an array of http(s) URLs, got ${describe(value)}`);
  value.forEach((url, i) => {
    if (typeof url !== "string" || !URL.canParse(url) || !/^https?:\/\/[^\s]+$/i.test(url)) {
      throw new BuildError(
        `${field}[${i}]`,
        `must be an absolute http:// or https:// URL, got ${describe(url)}`,
      );
    }
  });
  return value.length === 0 ? undefined : [...(value as string[])];
}

/**
 * image-spec descriptor.md: `data` "MUST be base64 encoded" and holds the content itself; the builders
 * also check that the decoded bytes are what `size` and `digest` say they are.
 */
function checkData(value: unknown, field: string, digest: string, size: number): string {
  const bytes = typeof value === "string" ? decodeCanonicalBase64(value) : undefined;
  if (bytes === undefined) {
    throw new BuildError(
      field,
      'must be the content in standard padded base64 (RFC 4648 §4), e.g. "e30=" for {}',
    );
  }
  if (bytes.length !== size) {
    throw new BuildError(
      field,
      `decodes to ${bytes.length} bytes but size says ${size}; embed exactly the content`,
    );
  }
  const algorithm = digest.slice(0, digest.indexOf(":"));
  if ((algorithm === "sha256" || algorithm === "sha512") && !verifyDigest(bytes, digest)) {
    throw new BuildError(
      field,
      `decodes to content whose digest is ${computeDigest(bytes, algorithm)}, not ${digest}; embed exactly the content`,
    );
  }
  return value as string;
}
