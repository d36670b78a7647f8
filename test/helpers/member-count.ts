import type { Tally } from "../../src/validate/fast-path/fast-check.js";

/**
 * The members of every object of a parsed value, by plain recursion: the independent count the
 * fast-path tests hold a fast check's tally against.
 */
export function independentTally(value: unknown): Tally {
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
