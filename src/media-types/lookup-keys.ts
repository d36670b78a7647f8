import { checkMediaType } from "./check.js";
import type { ParsedMediaType } from "./types.js";

/** The key of a parsed type with parameters: essence, then `;name=value` sorted by name, lower-cased. */
function parameterKey({ essence, parameters }: ParsedMediaType): string {
  const names = Object.keys(parameters).sort();
  return essence + names.map((name) => `;${name}=${parameters[name]}`.toLowerCase()).join("");
}

/**
 * The keys a media type is found by, most specific first: lower-cased; for a type with parameters,
 * also its parameter key and, last, its bare essence. A string that does not parse (the table keeps a
 * few malformed ones) is keyed by its lower-cased self only. A row is stored under its first two keys
 * (a parameterised row must not claim its bare essence: that belongs to the essence's own row, if
 * any); a lookup tries all of them. Shared by the table's lookup and the kind index, so they agree.
 *
 * @example
 * lookupKeys("Application/Foo+JSON; b=2; A=1");
 * // ["application/foo+json; b=2; a=1", "application/foo+json;a=1;b=2", "application/foo+json"]
 */
export function lookupKeys(mediaType: string): string[] {
  const lower = mediaType.toLowerCase();
  if (!mediaType.includes(";")) return [lower];
  const checked = checkMediaType(mediaType);
  return checked.ok ? [lower, parameterKey(checked.value), checked.value.essence] : [lower];
}
