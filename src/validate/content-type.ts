/**
 * The essence of a Content-Type (RFC 9110 section 8.3.1): type "/" subtype, lower-cased, parameters
 * and surrounding whitespace dropped. Media types compare case-insensitively; parameters such as
 * `charset` do not change which document kind is meant.
 *
 * @example
 * mediaTypeEssence("Application/VND.oci.image.manifest.v1+json; charset=utf-8")
 * // "application/vnd.oci.image.manifest.v1+json"
 */
export function mediaTypeEssence(contentType: string): string {
  const semicolon = contentType.indexOf(";");
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}
