import { closestCodes } from "../../vocabulary/closest-names.js";
import { issueCodes } from "./issue-codes.js";

const knownCodes = issueCodes.map((entry) => entry.code);

/**
 * Checks that `code` is an issue code `ocispec` can report (see `ocispec rules`); throws an Error
 * naming `where`, the code and the closest known codes otherwise. A typo in an override would
 * otherwise silently override nothing.
 *
 * @example
 * checkRuleCode("layers-emty", "--rule") // throws: --rule: unknown rule code "layers-emty" (did you mean layers-empty?) …
 */
export function checkRuleCode(code: string, where: string): void {
  if (knownCodes.includes(code)) return;
  const near = closestCodes(code, knownCodes);
  const hint = near.length > 0 ? ` (did you mean ${near.join(", ")}?)` : "";
  throw new Error(`${where}: unknown rule code "${code}"${hint}; \`ocispec rules\` lists every code`);
}
