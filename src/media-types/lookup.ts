import { checkMediaType } from "./check.js";
import { mediaTypes } from "./table.js";
import type { MediaTypeInfo } from "./types.js";

/**
 * The lookup key of a media type: lower-cased, and for a type with parameters, the essence followed by
 * its parameters sorted by name (`type/subtype;name=value`, values unquoted). A string that does not
 * parse (the table keeps a few malformed ones) is keyed by its lower-cased self.
 */
function lookupKey(mediaType: string): string {
  if (!mediaType.includes(";")) return mediaType.toLowerCase();
  const checked = checkMediaType(mediaType);
  if (!checked.ok) return mediaType.toLowerCase();
  const { essence, parameters } = checked.value;
  const names = Object.keys(parameters).sort();
  return (
    essence +
    names
      .map((name) => `;${name}=${parameters[name]}`)
      .join("")
      .toLowerCase()
  );
}

/** Built once at module load: the canonical spelling and the lookup key of every row. */
const index: ReadonlyMap<string, MediaTypeInfo> = (() => {
  const map = new Map<string, MediaTypeInfo>();
  for (const row of mediaTypes) {
    map.set(row.mediaType, row);
    map.set(lookupKey(row.mediaType), row);
  }
  return map;
})();

/**
 * Finds a media type's row in O(1). Type and subtype compare case-insensitively (RFC 6838 §4.2), so
 * `Application/VND.OCI.Image.Manifest.v1+JSON` finds the OCI manifest row; the row carries the
 * canonical spelling. Parameters are ignored unless the table has a row for that exact parameterised
 * form: `application/vnd.cyclonedx+json; version=1.5` finds `application/vnd.cyclonedx+json`, while
 * `application/vnd.dev.sigstore.bundle+json;version=0.3` finds its own row.
 *
 * @returns the row, or `undefined` for a type the table does not know.
 * @example
 * lookupMediaType("application/vnd.docker.distribution.manifest.v2+json")?.kind; // "manifest"
 * lookupMediaType("APPLICATION/SPDX+JSON")?.mediaType; // "application/spdx+json"
 */
export function lookupMediaType(mediaType: string): MediaTypeInfo | undefined {
  if (typeof mediaType !== "string") return undefined;
  const exact = index.get(mediaType) ?? index.get(lookupKey(mediaType));
  if (exact !== undefined || !mediaType.includes(";")) return exact;
  const checked = checkMediaType(mediaType);
  return checked.ok ? index.get(checked.value.essence) : undefined;
}
