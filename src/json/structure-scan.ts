import type { JsonIssueCode } from "./issue-codes.js";

/** A finding of the scan, located by UTF-16 offset. */
export interface ScanFinding {
  code: JsonIssueCode;
  message: string;
  /** Where the problem is. */
  offset: number;
  /** Where the value (or member name, when `inName`) holding the problem starts: its JSON Pointer's anchor. */
  anchor: number;
  /** The problem sits in a member name rather than a value. */
  inName: boolean;
}

/** What one pass over the text found. */
export interface ScanResult {
  /** Set when the text is not one well-formed value, or nests too deep: it must not be parsed. */
  fatal: ScanFinding | undefined;
  /** Problems in a well-formed text (lone surrogates, non-canonical integers). */
  findings: ScanFinding[];
  /** Member names seen, duplicates included: compared with the parsed value to detect duplicates. */
  members: number;
  /** The scan stopped at its finding after `maxFindings`: the rest of the text was not read. */
  truncated: boolean;
}

// What the scanner expects next.
const VALUE = 0;
const VALUE_OR_CLOSE = 1; // after "["
const NAME = 2; // after "," in an object
const NAME_OR_CLOSE = 3; // after "{"
const COLON = 4;
const AFTER_VALUE = 5;
const END = 6;

const MAX_SAFE = 2 ** 53 - 1;

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function hex4(text: string, at: number): number {
  for (let k = 0; k < 4; k++) if (!isHex(text.charCodeAt(at + k))) return -1;
  return Number.parseInt(text.slice(at, at + 4), 16);
}

function describe(c: number): string {
  return Number.isNaN(c) ? "the end of the text" : JSON.stringify(String.fromCharCode(c));
}

/**
 * Why an integer field's lexeme is not a canonical integer in 0 … 2^53−1, or undefined when it is.
 * Go decodes such fields into int64 and refuses fractions and exponents; JavaScript reads
 * `1e3`, `1.0` and `-0` as integers, and rounds anything above 2^53−1.
 */
export function integerLexemeProblem(lexeme: string): string | undefined {
  if (lexeme === "-0") return "is written -0; write 0";
  if (lexeme.charCodeAt(0) === 0x2d) return "is negative; sizes and versions are non-negative";
  if (lexeme.includes(".")) return "has a fraction; write a plain integer";
  if (/[eE]/.test(lexeme)) return "uses an exponent; write the integer in full";
  if (lexeme.length > 16 || Number(lexeme) > MAX_SAFE) {
    return "is larger than 2^53−1 (9007199254740991), beyond what JSON numbers carry exactly";
  }
  return undefined;
}

/**
 * One pass over JSON text, without recursion: checks the structure (brackets, commas, colons,
 * literals, numbers, escapes), the nesting depth, escaped surrogates, and the lexemes of integer
 * members; counts member names. String contents other than escapes are left to `JSON.parse`,
 * which runs next and says where a control character is.
 *
 * @param integerMembers member names whose numbers must be canonical integers (e.g. `size`)
 * @param maxFindings findings after which the scan stops (limits.maxIssues): it answers them and
 *   one more, `truncated`, without reading the rest
 */
export function scanStructure(
  text: string,
  maxDepth: number,
  integerMembers: readonly string[],
  maxFindings = Number.POSITIVE_INFINITY,
): ScanResult {
  const n = text.length;
  const findings: ScanFinding[] = [];
  // 1 for an object, 0 for an array, by depth; depth never exceeds maxDepth.
  // Nesting never exceeds the text's length, whatever maxDepth is (Infinity included).
  const containers = new Uint8Array(Math.max(0, Math.min(maxDepth, n)) + 2);
  let depth = 0;
  let state = VALUE;
  let members = 0;
  let integerExpected = false;
  let nextBackslash = text.indexOf("\\");
  if (nextBackslash === -1) nextBackslash = n;
  let i = 0;

  const fatal = (code: JsonIssueCode, offset: number, message: string): ScanResult => ({
    fatal: { code, message, offset, anchor: offset, inName: false },
    findings,
    members,
    truncated: false,
  });

  /** Skips the string opening at `start`; returns the offset after its closing quote, or -1. */
  const skipString = (start: number, inName: boolean): number => {
    let from = start + 1;
    // The first quote at or after `from`: searched again only once an escape has moved past it,
    // so a string of a million escapes is not searched to its end once per escape.
    let quote = -1;
    for (;;) {
      if (quote < from) quote = text.indexOf('"', from);
      if (quote === -1) return -1;
      if (nextBackslash > quote) return quote + 1;
      // An escape comes before the quote: check it, then look again from after it.
      const k = nextBackslash;
      const e = text.charCodeAt(k + 1);
      let after = k + 2;
      if (e === 0x75 /* u */) {
        const unit = hex4(text, k + 2);
        if (unit === -1) return -2 - k; // invalid \u escape at k
        after = k + 6;
        if (unit >= 0xd800 && unit <= 0xdbff) {
          const low =
            text.charCodeAt(after) === 0x5c && text.charCodeAt(after + 1) === 0x75
              ? hex4(text, after + 2)
              : -1;
          if (low >= 0xdc00 && low <= 0xdfff) after += 6;
          else
            findings.push({
              code: "json-lone-surrogate",
              message: `the escape \\u${text.slice(k + 2, k + 6)} is a high surrogate with no low surrogate after it`,
              offset: k,
              anchor: start,
              inName,
            });
        } else if (unit >= 0xdc00 && unit <= 0xdfff) {
          findings.push({
            code: "json-lone-surrogate",
            message: `the escape \\u${text.slice(k + 2, k + 6)} is a low surrogate with no high surrogate before it`,
            offset: k,
            anchor: start,
            inName,
          });
        }
      } else if (
        !(
          e === 0x22 ||
          e === 0x5c ||
          e === 0x2f ||
          e === 0x62 ||
          e === 0x66 ||
          e === 0x6e ||
          e === 0x72 ||
          e === 0x74
        )
      ) {
        return -2 - k;
      }
      // A string of lone surrogates is a flood of its own: stop inside it (the caller checks).
      if (findings.length > maxFindings) return after;
      nextBackslash = text.indexOf("\\", after);
      if (nextBackslash === -1) nextBackslash = n;
      from = after;
    }
  };

  for (;;) {
    let c = text.charCodeAt(i);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++i);
    if (findings.length > maxFindings) return { fatal: undefined, findings, members, truncated: true };
    if (i >= n) {
      if (state === END) return { fatal: undefined, findings, members, truncated: false };
      return fatal("json-syntax", n, "the text ends before the JSON value is complete");
    }
    switch (state) {
      case END:
        return fatal("json-trailing-data", i, `unexpected ${describe(c)} after the end of the JSON value`);
      case COLON:
        if (c !== 0x3a)
          return fatal("json-syntax", i, `expected ":" after the member name, found ${describe(c)}`);
        state = VALUE;
        i++;
        continue;
      case NAME_OR_CLOSE:
      case NAME: {
        if (c === 0x7d && state === NAME_OR_CLOSE) break; // "{}": handled with the closers below
        if (c !== 0x22) {
          return fatal("json-syntax", i, `expected a member name in double quotes, found ${describe(c)}`);
        }
        const firstEscape = nextBackslash;
        const end = skipString(i, true);
        if (end === -1) return fatal("json-syntax", i, "a member name's string is never closed");
        if (end < -1) return fatal("json-syntax", -2 - end, "invalid escape sequence in a member name");
        if (findings.length > maxFindings) return { fatal: undefined, findings, members, truncated: true };
        members++;
        integerExpected = false;
        const length = end - i - 2;
        for (const name of integerMembers) {
          if (name.length === length && text.startsWith(name, i + 1)) integerExpected = true;
        }
        if (!integerExpected && firstEscape < end) {
          // An escaped name ("\u0073ize") is the same member once unescaped.
          const unescaped = JSON.parse(text.slice(i, end)) as string;
          integerExpected = integerMembers.includes(unescaped);
        }
        state = COLON;
        i = end;
        continue;
      }
      case AFTER_VALUE:
        if (c === 0x2c) {
          state = containers[depth] === 1 ? NAME : VALUE;
          i++;
          continue;
        }
        break;
    }
    // Closing brackets: after a value, or right after the opening one.
    if (c === 0x5d || c === 0x7d) {
      const closesObject = c === 0x7d;
      const open = containers[depth] === 1;
      const allowed =
        state === AFTER_VALUE || (closesObject ? state === NAME_OR_CLOSE : state === VALUE_OR_CLOSE);
      if (!allowed || depth === 0 || open !== closesObject) {
        return fatal("json-syntax", i, `unexpected ${describe(c)}`);
      }
      depth--;
      state = depth === 0 ? END : AFTER_VALUE;
      i++;
      continue;
    }
    if (state === AFTER_VALUE) {
      const expected = containers[depth] === 1 ? '"," or "}"' : '"," or "]"';
      return fatal("json-syntax", i, `expected ${expected} after a value, found ${describe(c)}`);
    }
    // A value.
    if (c === 0x7b || c === 0x5b) {
      if (depth >= maxDepth) {
        return fatal(
          "json-too-deep",
          i,
          `arrays and objects nest deeper than ${maxDepth} levels (limits.maxDepth)`,
        );
      }
      depth++;
      containers[depth] = c === 0x7b ? 1 : 0;
      state = c === 0x7b ? NAME_OR_CLOSE : VALUE_OR_CLOSE;
      integerExpected = false;
      i++;
      continue;
    }
    if (c === 0x22) {
      const end = skipString(i, false);
      if (end === -1) return fatal("json-syntax", i, "a string is never closed");
      if (end < -1) return fatal("json-syntax", -2 - end, "invalid escape sequence in a string");
      i = end;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let j = i;
      if (c === 0x2d) j++;
      const first = text.charCodeAt(j);
      if (first === 0x30) j++;
      else if (first >= 0x31 && first <= 0x39)
        while (text.charCodeAt(++j) >= 0x30 && text.charCodeAt(j) <= 0x39);
      else return fatal("json-syntax", j, "a number needs a digit after the minus sign");
      if (text.charCodeAt(j) === 0x2e) {
        const digits = j + 1;
        while (text.charCodeAt(++j) >= 0x30 && text.charCodeAt(j) <= 0x39);
        if (j === digits) return fatal("json-syntax", j, "a number needs digits after the decimal point");
      }
      const e = text.charCodeAt(j);
      if (e === 0x65 || e === 0x45) {
        j++;
        const sign = text.charCodeAt(j);
        if (sign === 0x2b || sign === 0x2d) j++;
        const digits = j;
        while (text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
        if (j === digits) return fatal("json-syntax", j, "a number needs digits in its exponent");
      }
      if (integerExpected) {
        const lexeme = text.slice(i, j);
        const problem = integerLexemeProblem(lexeme);
        if (problem !== undefined) {
          findings.push({
            code: "json-number-not-canonical",
            message: `${lexeme} ${problem}`,
            offset: i,
            anchor: i,
            inName: false,
          });
        }
      }
      i = j;
    } else if (c === 0x74 && text.startsWith("true", i)) i += 4;
    else if (c === 0x66 && text.startsWith("false", i)) i += 5;
    else if (c === 0x6e && text.startsWith("null", i)) i += 4;
    else return fatal("json-syntax", i, `unexpected ${describe(c)} where a value was expected`);
    integerExpected = false;
    state = depth === 0 ? END : AFTER_VALUE;
  }
}
