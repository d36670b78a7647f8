import { MediaTypeError } from "./media-type-error.js";
import { parseMediaType } from "./parse.js";
import type { ParsedMediaType } from "./types.js";

/**
 * The result of {@link checkMediaType}: the parsed type, or the parse error as data.
 *
 * @example
 * const check: MediaTypeCheck = checkMediaType(contentType);
 * if (!check.ok) console.log(`bad media type at ${check.index}: ${check.message}`);
 * else console.log(check.value.essence);
 */
export type MediaTypeCheck =
  | {
      /** The input is a well-formed media type. */
      readonly ok: true;
      /** The parsed media type. */
      readonly value: ParsedMediaType;
    }
  | {
      /** The input breaks RFC 6838 / RFC 9110 grammar. */
      readonly ok: false;
      /** What is wrong and where, as {@link MediaTypeError} would say it. */
      readonly message: string;
      /** The UTF-16 index of the first offending character (the input's length when it ends too early). */
      readonly index: number;
      /** The offending character, when there is one. */
      readonly character?: string;
    };

/**
 * {@link parseMediaType} without the throw, for validators that turn grammar errors into findings.
 *
 * @example
 * checkMediaType("application/json"); // { ok: true, value: { type: "application", … } }
 * checkMediaType("application/"); // { ok: false, message: "invalid media type …", index: 12 }
 */
export function checkMediaType(input: string): MediaTypeCheck {
  try {
    return { ok: true, value: parseMediaType(input) };
  } catch (error) {
    if (!(error instanceof MediaTypeError)) throw error;
    return error.character === undefined
      ? { ok: false, message: error.message, index: error.index }
      : { ok: false, message: error.message, index: error.index, character: error.character };
  }
}
