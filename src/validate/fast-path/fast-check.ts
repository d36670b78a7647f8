import type { JsonObject } from "../kinds.js";

/**
 * What a fast check counts while it walks a parsed document, for the strict reader's text proof
 * (`separatorsAgree` in src/json/text-agrees.ts): without `\u` escapes, the text's member
 * separators — the colons after a quoted name — number exactly the parsed value's members, so equal
 * counts prove that `JSON.parse` dropped no duplicate member and that the check saw every member.
 *
 * @example
 * const tally: Tally = { members: 0 };
 * fastChecks["image-manifest"]?.(manifest, tally); // counts every member it knows
 */
export interface Tally {
  /** Members the check knows, of every object walked, maps (annotations, Labels, …) included. */
  members: number;
}

/**
 * A fast check of one document kind: a single walk over the parsed value that answers `true` only
 * when the full pipeline (schema, rules, reader's member-name checks) would report nothing at all —
 * no error and no warning, under any preset — provided the text proof agrees, and `false` for "not
 * proven", after which the full pipeline runs and words every finding. It accepts a conservative
 * subset of the valid documents: the common, clean shapes; anything unusual (`data`, `urls`, a
 * reserved annotation it does not know, …) is simply not proven.
 *
 * While walking it adds to `tally` the members it knows — never more than are there. A member it
 * does not read at all (an unknown or misspelt name, `urls`, `manifests` in a manifest) is thereby
 * not counted, so the text holds more member separators than the tally and the clean path falls
 * back: the checks of objects with fixed members read them by name instead of enumerating every
 * key, which costs less per descriptor.
 *
 * @example
 * const check: FastCheck = (document, tally) => {
 *   tally.members += Object.keys(document).length;
 *   return false; // proves nothing: the full pipeline always runs
 * };
 */
export type FastCheck = (document: JsonObject, tally: Tally) => boolean;
