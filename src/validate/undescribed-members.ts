import { foldIndex } from "../json/equal-fold-key.js";
import { censusMembers } from "../json/parsed-members.js";
import { mapMemberNames, specMemberNames } from "../json/spec-member-names.js";

const folded = foldIndex(specMemberNames);

/**
 * How many levels a value the schemas do not describe may nest below the object that holds it for
 * the clean path to count it: with the schemas' own depth (test/clean-path-schemas.test.ts measures
 * it) within `CLEAN_PATH_DEPTH`.
 */
export const UNDESCRIBED_DEPTH = 3;

/**
 * What a member the schema does not describe adds to the clean path's count: itself and every
 * member inside its value, read as the strict reader reads them (its census: Go's case folding of
 * struct member names onto spec fields, the map members whose keys are free). `NaN` — never equal
 * to the text's separators, so the full pipeline runs and words it — when its name or a name inside
 * would fold onto a spec field, or when it nests deeper than {@link UNDESCRIBED_DEPTH}.
 *
 * @example
 * undescribedMemberCount("OnBuild", null); // 1
 * undescribedMemberCount("MediaType", "x"); // NaN: Go reads it as mediaType
 */
export function undescribedMemberCount(name: string, value: unknown): number {
  const census = censusMembers({ [name]: value }, specMemberNames, folded, mapMemberNames);
  return census.caseFoldConflict || census.depth - 1 > UNDESCRIBED_DEPTH ? Number.NaN : census.members;
}

/**
 * What an object the schema leaves open (no `properties`, no `additionalProperties` schema) adds to
 * the clean path's count: its members and theirs, read as {@link undescribedMemberCount} reads them.
 *
 * @example
 * openObjectMemberCount({ Test: ["CMD", "true"], Retries: 3 }); // 2
 */
export function openObjectMemberCount(value: object): number {
  const census = censusMembers(value, specMemberNames, folded, mapMemberNames);
  return census.caseFoldConflict || census.depth - 1 > UNDESCRIBED_DEPTH ? Number.NaN : census.members;
}
