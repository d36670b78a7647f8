import { mediaTypes } from "../media-types/table.js";

/**
 * The manifest and index media types a pull accepts, from the media-type table: every row of kind
 * `manifest` or `index` whose status is not `invalid`. A registry that stores a type missing from
 * `Accept` may convert it (distribution rewrites to schema 1) or answer 404, so the list is all of them.
 *
 * @example
 * MANIFEST_MEDIA_TYPES.includes("application/vnd.oci.image.index.v1+json"); // true
 */
export const MANIFEST_MEDIA_TYPES: readonly string[] = mediaTypes
  .filter((row) => (row.kind === "manifest" || row.kind === "index") && row.status !== "invalid")
  .map((row) => row.mediaType);

/**
 * The `Accept` header for manifest pulls: {@link MANIFEST_MEDIA_TYPES}, with `preferred` (a
 * descriptor's own type) first when given.
 *
 * @example
 * manifestAccept("application/vnd.oci.image.manifest.v1+json").startsWith("application/vnd.oci.image.manifest.v1+json, "); // true
 */
export function manifestAccept(preferred?: string): string {
  const types =
    preferred !== undefined && /^[\x21-\x7e]+$/.test(preferred)
      ? [preferred, ...MANIFEST_MEDIA_TYPES.filter((t) => t !== preferred)]
      : MANIFEST_MEDIA_TYPES;
  return types.join(", ");
}
