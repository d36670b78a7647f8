import { cleanResult, decodeAndParse } from "../../src/validate/clean-path.js";
import type { DocumentKind, ValidateOptions, ValidationResult } from "../../src/validate/types.js";

/** What a count of members says: how many members every object of a value has, together. */
export interface MemberCount {
  members: number;
}

/**
 * The members of every object of a parsed value, by plain recursion: the independent count the
 * clean-path tests hold the schemas' count against.
 */
export function independentTally(value: unknown): MemberCount {
  const tally = { members: 0 };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === "object") {
      for (const child of Object.values(node)) {
        tally.members++;
        visit(child);
      }
    }
  };
  visit(value);
  return tally;
}

/** The clean path's own answer for bytes, as `runPipeline` would take it: a result, or `undefined`. */
export function cleanAnswer(
  bytes: Uint8Array,
  options: ValidateOptions,
  kind?: DocumentKind,
): ValidationResult | undefined {
  const parsed = decodeAndParse(bytes, options);
  return parsed === undefined
    ? undefined
    : cleanResult(bytes, parsed, options, kind === undefined ? {} : { kind });
}
