import { integerLexemeProblem } from "./structure-scan.js";

/**
 * Whether `JSON.parse` may run before the structure scan: the text has few opening brackets, at
 * most `maxDepth` or one per 64 characters, and deep nesting is what makes parsing slow.
 *
 * @example
 * safeToParseFirst('{"a":[1]}', 64); // true
 * safeToParseFirst("[".repeat(100000), 64); // false: the scan goes first and stops at depth 65
 */
export function safeToParseFirst(text: string, maxDepth: number): boolean {
  const limit = Math.max(maxDepth, text.length >> 6);
  let count = 0;
  for (let i = text.indexOf("{"); i !== -1; i = text.indexOf("{", i + 1)) if (++count > limit) return false;
  for (let i = text.indexOf("["); i !== -1; i = text.indexOf("[", i + 1)) if (++count > limit) return false;
  return true;
}

const PLAIN_NAME = /^[A-Za-z0-9_.-]*$/;

/**
 * Integer member names as {@link textAgrees} searches for them (quoted), or `undefined` when a name
 * has characters JSON may escape, so it could be spelled another way: then only the scan can tell.
 */
export type IntegerNeedles = readonly string[] | undefined;

/** The {@link IntegerNeedles} of some integer member names; compute once per set of names. */
export function integerNeedles(names: readonly string[]): IntegerNeedles {
  return names.every((name) => PLAIN_NAME.test(name)) ? names.map((name) => `"${name}"`) : undefined;
}

/**
 * The clean-path stand-in for the structure scan, for a text `JSON.parse` has accepted: true when,
 * using only native string searches, the text provably holds exactly `members` member names (so no
 * duplicates), no `\u` escape (so no lone surrogate and no escaped member name), and only canonical
 * integers after the `integerMembers`. False means "not proven": the caller runs the full scan,
 * which finds and words every problem. False only for a text with a duplicate name, a `\u` escape
 * or a non-canonical integer member.
 *
 * Why it is exact: without `\u` escapes, every colon of the text is either inside a member name or
 * string value (`stringColons`, counted on the parsed value) or separates one member name from
 * its value; a duplicate name drops a member from the parsed value but not its colon.
 *
 * @param stringColons colons inside the parsed value's member names and strings
 */
export function textAgrees(
  text: string,
  members: number,
  stringColons: number,
  integerMembers: IntegerNeedles,
): boolean {
  if (text.includes("\\u")) return false;
  const expected = members + stringColons;
  let count = 0;
  for (let i = text.indexOf(":"); i !== -1; i = text.indexOf(":", i + 1)) {
    if (++count > expected) return false;
  }
  if (count !== expected) return false;
  if (integerMembers === undefined) return false;
  for (const quoted of integerMembers) {
    for (let i = text.indexOf(quoted); i !== -1; i = text.indexOf(quoted, i + quoted.length)) {
      if (!canonicalIntegerOrNotMember(text, i + quoted.length)) return false;
    }
  }
  return true;
}

function skipWhitespace(text: string, from: number): number {
  let i = from;
  let c = text.charCodeAt(i);
  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++i);
  return i;
}

/**
 * After a quoted integer member name: false only when it is a member name whose value is a number
 * written other than as a canonical integer (a string value, or a number-free value, is fine).
 */
function canonicalIntegerOrNotMember(text: string, from: number): boolean {
  let i = skipWhitespace(text, from);
  if (text.charCodeAt(i) !== 0x3a) return true; // a string value, not a member name
  i = skipWhitespace(text, i + 1);
  let c = text.charCodeAt(i);
  if (c !== 0x2d && (c < 0x30 || c > 0x39)) return true;
  // The common case without slicing: 1 to 15 digits, no leading zero, then no fraction or exponent.
  let j = i + 1;
  if (c !== 0x30) {
    while (j - i < 16) {
      const digit = text.charCodeAt(j);
      if (digit < 0x30 || digit > 0x39) break;
      j++;
    }
  }
  c = text.charCodeAt(j);
  if (
    text.charCodeAt(i) !== 0x2d &&
    j - i < 16 &&
    c !== 0x2e &&
    c !== 0x65 &&
    c !== 0x45 &&
    !(c >= 0x30 && c <= 0x39)
  ) {
    return true;
  }
  j = i + 1;
  for (
    c = text.charCodeAt(j);
    (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
    c = text.charCodeAt(++j)
  );
  return integerLexemeProblem(text.slice(i, j)) === undefined;
}

const MAX_SAFE = 2 ** 53 - 1;

/** Whether the colon at `colon` follows a member name: an unescaped `"`, then only whitespace. */
function followsMemberName(text: string, colon: number): boolean {
  let j = colon - 1;
  let c = text.charCodeAt(j);
  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(--j);
  if (c !== 0x22) return false;
  let backslashes = 0;
  while (text.charCodeAt(j - 1 - backslashes) === 0x5c) backslashes++;
  return (backslashes & 1) === 0;
}

/**
 * After a colon that separates a member from its value: false when the value is a number other
 * than a canonical non-negative integer in 0 … 2^53−1 (a sign, a fraction, an exponent, a leading
 * zero, too many digits).
 */
function memberNumberIsCanonical(text: string, colon: number): boolean {
  const i = skipWhitespace(text, colon + 1);
  const first = text.charCodeAt(i);
  if (first !== 0x2d && (first < 0x30 || first > 0x39)) return true;
  if (first === 0x2d) return false;
  let j = i + 1;
  let c = text.charCodeAt(j);
  if (first !== 0x30) {
    while (c >= 0x30 && c <= 0x39) c = text.charCodeAt(++j);
  }
  if (c === 0x2e || c === 0x65 || c === 0x45 || (c >= 0x30 && c <= 0x39)) return false;
  return j - i < 16 || (j - i === 16 && Number(text.slice(i, j)) <= MAX_SAFE);
}

/**
 * The clean path's stand-in for the structure scan, for a text `JSON.parse` has accepted, in one
 * native search: true when the text provably holds exactly `members` member names (so no duplicate
 * and no member the caller did not count), no `\u` escape, and every number that is a member's
 * value is a canonical non-negative integer no larger than 2^53−1 — every such number, whatever the
 * member's name, which is stricter than the reader's `integerMembers` (a document with other
 * numbers simply takes the full pipeline).
 *
 * Why it is exact: it counts the colons that follow a quote which is not escaped, then only
 * whitespace. Every member separator is one of them (it follows its name's closing quote); the
 * only other colons that can look so open a string (`":…"`), and they only make the count larger.
 * So a count equal to the members the caller counted in the parsed value — never more than are
 * there — leaves no room for a duplicate (`JSON.parse` keeps one value per name, the text keeps
 * both colons) or for a member the caller did not count, and no colon inside a string needs
 * counting at all.
 *
 * @param members the members of every object of the parsed value the caller counted
 * @example
 * proveTextClean('{"size": 12, "a": "x:y"}', 2); // true
 * proveTextClean('{"size": 1.0}', 1); // false: not a canonical integer
 * proveTextClean('{"a": 1, "a": 2}', 1); // false: a duplicate dropped a member
 * proveTextClean('{"a": 1, "b": 2}', 1); // false: a member the caller did not count
 */
export function proveTextClean(text: string, members: number): boolean {
  if (text.includes("\\u")) return false;
  let count = 0;
  for (let i = text.indexOf(":"); i !== -1; i = text.indexOf(":", i + 1)) {
    if (!followsMemberName(text, i)) continue;
    if (++count > members || !memberNumberIsCanonical(text, i)) return false;
  }
  return count === members;
}
