import {
  isQuotedTextChar,
  isRestrictedNameChar,
  isRestrictedNameFirst,
  isTokenChar,
  isWhitespace,
  RESTRICTED_NAME_MAX_LENGTH,
} from "./grammar.js";
import { MediaTypeError } from "./media-type-error.js";
import type { ParsedMediaType } from "./types.js";

const RESTRICTED_CHARS = "letters, digits and ! # $ & - ^ _ . +";

/**
 * Parses a media type: RFC 6838 §4.2 restricted names for type and subtype, the structured syntax
 * suffix after the subtype's last `+`, and RFC 9110 §5.6.6 parameters (`;` OWS name=value, the value a
 * token or a quoted-string). Type, subtype, suffix and parameter names compare case-insensitively
 * (RFC 6838 §4.2, RFC 9110 §8.3.1), so they come back lower-cased; parameter values keep their case.
 * RFC 6838 §4.3: "It is an error for a specific parameter to be specified more than once."
 *
 * @throws {MediaTypeError} naming the offending character and its index when the grammar is broken.
 * @example
 * parseMediaType("Application/VND.OCI.image.manifest.v1+JSON").essence;
 * // "application/vnd.oci.image.manifest.v1+json"
 * parseMediaType("application/vnd.dev.sigstore.bundle+json;version=0.3").parameters.version; // "0.3"
 * parseMediaType("application/vnd oci"); // throws: … unexpected character U+0020 at index 15: a subtype may not contain whitespace
 */
export function parseMediaType(input: string): ParsedMediaType {
  if (typeof input !== "string") {
    throw new MediaTypeError(
      `a media type must be a string, got ${describeValue(input)}`,
      String(input),
      0,
      undefined,
    );
  }
  const typeEnd = readRestrictedName(input, 0, "type");
  if (typeEnd === input.length) {
    fail(input, typeEnd, `expected "/" and a subtype after the type`);
  }
  if (input.charCodeAt(typeEnd) !== 0x2f) {
    fail(input, typeEnd, `a type may contain only ${RESTRICTED_CHARS}`);
  }
  const subtypeEnd = readRestrictedName(input, typeEnd + 1, "subtype");
  const type = input.slice(0, typeEnd).toLowerCase();
  const subtype = input.slice(typeEnd + 1, subtypeEnd).toLowerCase();
  const parameters = readParameters(input, subtypeEnd);
  const plus = subtype.lastIndexOf("+");
  const essence = `${type}/${subtype}`;
  if (plus >= 0 && plus < subtype.length - 1) {
    return { type, subtype, suffix: subtype.slice(plus + 1), parameters, essence };
  }
  return { type, subtype, parameters, essence };
}

/** Reads a restricted-name starting at `start`; returns the index just past it. */
function readRestrictedName(input: string, start: number, what: "type" | "subtype"): number {
  if (start >= input.length) fail(input, start, `expected a ${what}`);
  if (!isRestrictedNameFirst(input.charCodeAt(start))) {
    fail(input, start, `a ${what} must start with a letter or digit`);
  }
  let end = start + 1;
  while (end < input.length && isRestrictedNameChar(input.charCodeAt(end))) {
    if (end - start >= RESTRICTED_NAME_MAX_LENGTH) {
      fail(
        input,
        end,
        `a ${what} may be at most ${RESTRICTED_NAME_MAX_LENGTH} characters long (RFC 6838 §4.2)`,
      );
    }
    end++;
  }
  return end;
}

/** Reads `*( OWS ";" OWS [ parameter ] )` from `start` to the end of the input. */
function readParameters(input: string, start: number): Record<string, string> {
  // No prototype: a parameter called "__proto__" or "constructor" is just a parameter.
  const parameters: Record<string, string> = Object.create(null);
  let p = start;
  while (p < input.length) {
    p = skipWhitespace(input, readSeparator(input, p, p === start));
    // RFC 9110 allows empty parameters (";;" or a trailing ";").
    if (p === input.length || input.charCodeAt(p) === 0x3b) continue;
    const nameStart = p;
    const [name, value, end] = readParameter(input, p);
    if (Object.hasOwn(parameters, name)) {
      throw new MediaTypeError(
        `invalid media type ${quoteInput(input)}: parameter "${name}" appears more than once (RFC 6838 §4.3), again at index ${nameStart}`,
        input,
        nameStart,
        input[nameStart],
      );
    }
    parameters[name] = value;
    p = end;
  }
  return parameters;
}

/** Reads `OWS ";"` at `p`, where the subtype or a parameter value ended; returns the index past the `;`. */
function readSeparator(input: string, p: number, afterSubtype: boolean): number {
  if (input.charCodeAt(p) === 0x3b) return p + 1;
  const end = skipWhitespace(input, p);
  if (end === p) {
    fail(
      input,
      p,
      afterSubtype
        ? `a subtype may contain only ${RESTRICTED_CHARS}`
        : `a parameter value must be a token or a quoted-string; expected ";" before another parameter`,
    );
  }
  if (end === input.length) fail(input, p, `whitespace may only come before a ";"`);
  if (input.charCodeAt(end) !== 0x3b) {
    fail(input, p, afterSubtype ? "a subtype may not contain whitespace" : `expected ";" between parameters`);
  }
  return end + 1;
}

/** Reads `name "=" ( token / quoted-string )` at `p`; returns the lower-cased name, the value and the index past it. */
function readParameter(input: string, p: number): [string, string, number] {
  const nameStart = p;
  let end = p;
  while (end < input.length && isTokenChar(input.charCodeAt(end))) end++;
  if (end === nameStart) fail(input, end, "expected a parameter name (a token)");
  const name = input.slice(nameStart, end).toLowerCase();
  if (end === input.length) fail(input, end, `expected "=" after parameter name "${name}"`);
  if (input.charCodeAt(end) !== 0x3d) {
    fail(input, end, `a parameter name may contain only token characters; expected "="`);
  }
  end++;
  if (end < input.length && input.charCodeAt(end) === 0x22) {
    const [value, after] = readQuotedString(input, end);
    return [name, value, after];
  }
  const valueStart = end;
  while (end < input.length && isTokenChar(input.charCodeAt(end))) end++;
  if (end === valueStart)
    fail(input, end, `expected a value for parameter "${name}" (a token or a quoted-string)`);
  return [name, input.slice(valueStart, end), end];
}

function skipWhitespace(input: string, p: number): number {
  let end = p;
  while (end < input.length && isWhitespace(input.charCodeAt(end))) end++;
  return end;
}

/** Reads an RFC 9110 §5.6.4 quoted-string whose opening quote is at `start`; returns the unescaped value and the index past the closing quote. */
function readQuotedString(input: string, start: number): [string, number] {
  let value = "";
  let p = start + 1;
  while (p < input.length) {
    const code = input.charCodeAt(p);
    if (code === 0x22) return [value, p + 1];
    if (code === 0x5c) {
      const next = input.charCodeAt(p + 1);
      if (p + 1 >= input.length) break;
      if (next !== 0x22 && next !== 0x5c && !isQuotedTextChar(next)) {
        fail(input, p + 1, "a quoted-pair may escape only tab, space and visible characters");
      }
      value += input[p + 1];
      p += 2;
      continue;
    }
    if (!isQuotedTextChar(code))
      fail(input, p, "a quoted-string may contain only tab, space and visible characters");
    value += input[p];
    p++;
  }
  return fail(input, input.length, "unterminated quoted-string: expected a closing '\"'");
}

function fail(input: string, index: number, problem: string): never {
  const character = index < input.length ? input[index] : undefined;
  const where =
    character === undefined
      ? `unexpected end of input at index ${index}`
      : `unexpected character ${describeCharacter(character)} at index ${index}`;
  throw new MediaTypeError(
    `invalid media type ${quoteInput(input)}: ${where}: ${problem}`,
    input,
    index,
    character,
  );
}

function describeCharacter(character: string): string {
  const code = character.charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return code > 0x20 && code < 0x7f ? `"${character}" (${hex})` : hex;
}

function quoteInput(input: string): string {
  return JSON.stringify(input.length > 200 ? `${input.slice(0, 200)}…` : input);
}

function describeValue(value: unknown): string {
  return value === null ? "null" : typeof value;
}
