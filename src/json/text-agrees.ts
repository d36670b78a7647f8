import { integerLexemeProblem } from "./structure-scan.js";

/**
 * Whether the text has at most `limit` opening brackets: then it cannot nest deeper than `limit`,
 * and `JSON.parse` may run before the structure scan (deep nesting is what makes it slow).
 */
export function fewOpeningBrackets(text: string, limit: number): boolean {
  let count = 0;
  for (let i = text.indexOf("{"); i !== -1; i = text.indexOf("{", i + 1)) if (++count > limit) return false;
  for (let i = text.indexOf("["); i !== -1; i = text.indexOf("[", i + 1)) if (++count > limit) return false;
  return true;
}

// Whitespace between a quote and a colon: member names may be written that way, and the count
// below would then miss them.
const SPACED_COLON = /"[ \t\n\r]+:/;

/**
 * The clean-path stand-in for the structure scan, for a text `JSON.parse` has accepted: true when,
 * using only native string searches, the text provably holds exactly `members` member names (so no
 * duplicates), no `\u` escape (so no lone surrogate and no escaped member name), and only canonical
 * integers after the `integerMembers`. False means "not proven": the caller runs the full scan,
 * which finds and words every problem. Never false for a text the scan would pass with `members`,
 * unless it holds `\u`, `\"`, whitespace before a colon, a string starting with a colon, or a
 * non-canonical integer.
 *
 * Why it is exact: without `\"`, every `"` outside a string delimits one, so each `":` is a member
 * name's closing quote and its colon, or the opening quote of a string that starts with a colon
 * (which makes the count too high, never too low); with no whitespace before any colon, no member
 * name is missed.
 */
export function textAgrees(text: string, members: number, integerMembers: readonly string[]): boolean {
  if (text.includes("\\") && (text.includes("\\u") || text.includes('\\"'))) return false;
  if (SPACED_COLON.test(text)) return false;
  let count = 0;
  for (let i = text.indexOf('":'); i !== -1; i = text.indexOf('":', i + 2)) {
    if (++count > members) return false;
  }
  if (count !== members) return false;
  for (const name of integerMembers) {
    if (name.includes('"') || name.includes("\\")) return false;
    const quoted = `"${name}":`;
    for (let i = text.indexOf(quoted); i !== -1; i = text.indexOf(quoted, i + quoted.length)) {
      if (!canonicalIntegerOrNotNumber(text, i + quoted.length)) return false;
    }
  }
  return true;
}

/** After a member's colon: true unless the value is a number whose lexeme is not a canonical integer. */
function canonicalIntegerOrNotNumber(text: string, from: number): boolean {
  let i = from;
  let c = text.charCodeAt(i);
  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++i);
  if (c !== 0x2d && (c < 0x30 || c > 0x39)) return true;
  let j = i + 1;
  for (
    c = text.charCodeAt(j);
    (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
    c = text.charCodeAt(++j)
  );
  return integerLexemeProblem(text.slice(i, j)) === undefined;
}
