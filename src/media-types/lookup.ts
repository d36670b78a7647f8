import { lookupKeys } from "./lookup-keys.js";
import { mediaTypes } from "./table.js";
import type { MediaTypeInfo } from "./types.js";

/**
 * Every row under its canonical spelling and its lookup keys. Built on the first lookup, not at
 * module load: about 1.5 ms that a process validating only manifests and indexes never pays.
 */
let index: ReadonlyMap<string, MediaTypeInfo> | undefined;

function buildIndex(): ReadonlyMap<string, MediaTypeInfo> {
  const map = new Map<string, MediaTypeInfo>();
  for (const row of mediaTypes) {
    map.set(row.mediaType, row);
    // A parameterised row must not claim its bare essence: that belongs to the essence's own row, if any.
    for (const key of lookupKeys(row.mediaType).slice(0, 2)) map.set(key, row);
  }
  return map;
}

/**
 * Finds a media type's row in O(1). Type and subtype compare case-insensitively (RFC 6838 §4.2), so
 * `Application/VND.OCI.Image.Manifest.v1+JSON` finds the OCI manifest row; the row carries the
 * canonical spelling. Parameters are ignored unless the table has a row for that exact parameterised
 * form: `application/vnd.cyclonedx+json; version=1.5` finds `application/vnd.cyclonedx+json`, while
 * `application/vnd.dev.sigstore.bundle+json;version=0.3` finds its own row. Exported by `ocispec`, not
 * `ocispec/core`: there, `isManifestMediaType` and the other predicates classify a type without the table.
 *
 * @returns the row, or `undefined` for a type the table does not know.
 * @example
 * lookupMediaType("application/vnd.docker.distribution.manifest.v2+json")?.kind; // "manifest"
 * lookupMediaType("APPLICATION/SPDX+JSON")?.mediaType; // "application/spdx+json"
 */
export function lookupMediaType(mediaType: string): MediaTypeInfo | undefined {
  if (typeof mediaType !== "string") return undefined;
  index ??= buildIndex();
  const exact = index.get(mediaType);
  if (exact !== undefined) return exact;
  for (const key of lookupKeys(mediaType)) {
    const row = index.get(key);
    if (row !== undefined) return row;
  }
  return undefined;
}
