import { mediaTypes } from "../../media-types/index.js";

/** What the media-type table says about one type for one registry. */
export interface KnownByEntry {
  /** The media type. */
  readonly mediaType: string;
  /** The table's kind for the type (`config`, `layer`, …). */
  readonly kind: string;
  /** The registry release (or migration) that added the type, when the table records it. */
  readonly since?: string;
  /** Where the table found the fact. */
  readonly source?: string;
}

const cache = new Map<string, ReadonlyMap<string, KnownByEntry>>();

/**
 * The media types the table records as known by a registry (`knownBy[].name`), keyed by the exact
 * string: registries with a hard-coded table compare exact strings. Derived from the table, never
 * duplicated in a profile.
 *
 * @example
 * knownByRegistry("gitlab").has("application/vnd.cncf.falco.rulesfile.config.v1+json") // → true
 * knownByRegistry("gitlab").has("application/vnd.cncf.falco.asset.config.v1+json")    // → false
 */
export function knownByRegistry(registry: string): ReadonlyMap<string, KnownByEntry> {
  const cached = cache.get(registry);
  if (cached) return cached;
  const known = new Map<string, KnownByEntry>();
  for (const row of mediaTypes) {
    const entry = row.knownBy.find((by) => by.name === registry);
    if (!entry) continue;
    known.set(row.mediaType, {
      mediaType: row.mediaType,
      kind: row.kind,
      ...(entry.since === undefined ? {} : { since: entry.since }),
      ...(entry.source === undefined ? {} : { source: entry.source }),
    });
  }
  cache.set(registry, known);
  return known;
}
