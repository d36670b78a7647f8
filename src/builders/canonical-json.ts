import { compareUtf8 } from "../json/utf8-order.js";
import { BuildError } from "./build-error.js";

/**
 * Options for {@link canonicalJson}.
 *
 * @example
 * const options: CanonicalJsonOptions = { maps: ["Labels"] };
 * new TextDecoder().decode(canonicalJson({ Labels: { z: "1", a: "2" } }, options)); // {"Labels":{"a":"2","z":"1"}}
 */
export interface CanonicalJsonOptions {
  /**
   * Member names whose object values are Go maps (`map[string]string` and the like). Their keys are
   * written sorted, as Go's encoding/json sorts map keys; every other object keeps its own key order,
   * as a Go struct keeps its field order. Default: `["annotations"]`, the only map in OCI manifests,
   * indexes and descriptors.
   */
  maps?: readonly string[];
}

const DEFAULT_MAPS: readonly string[] = ["annotations"];
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must be escaped
const NEEDS_ESCAPE = /["\\\u0000-\u001f<>&\u2028\u2029\ud800-\udfff]/;
const HEX = "0123456789abcdef";
const encoder = new TextEncoder();

/**
 * Serialises a JSON value to the exact bytes Go's `encoding/json` `Marshal` (Go 1.22 and later)
 * produces for the same struct values, so the same content gets the same digest as Go tools give it:
 *
 * - no whitespace; object members in the object's own insertion order (build objects in the Go
 *   struct's field order), except the members named in `options.maps`, whose keys are sorted by their
 *   UTF-8 bytes like Go map keys;
 * - strings escaped like Go: `"` and `\` with a backslash, `\b \f \n \r \t` by name, other controls
 *   as `\u00xx` (lower-case hex), and — Go's HTML-safe default — `<` `>` `&` U+2028 U+2029 as
 *   `\u003c \u003e \u0026 \u2028 \u2029`; everything else verbatim, UTF-8 encoded;
 * - members whose value is `undefined` left out (builders omit empty optional fields, like Go's
 *   `omitempty`); `null`, booleans and arrays as usual.
 *
 * Strict where Go would silently repair: a lone UTF-16 surrogate (which Go would meet as invalid UTF-8
 * and write as U+FFFD, changing the content) is refused, and so are numbers that are not safe
 * integers (OCI documents carry only integer sizes and versions), `undefined` array elements, and
 * values that are not plain JSON data (class instances, functions, bigints, symbols).
 *
 * @throws {BuildError} naming the path of the value that cannot be written.
 * @example
 * new TextDecoder().decode(canonicalJson({ b: "<x>", annotations: { z: "1", a: "2" } }))
 * // '{"b":"\u003cx\u003e","annotations":{"a":"2","z":"1"}}'
 */
export function canonicalJson(value: unknown, options?: CanonicalJsonOptions): Uint8Array {
  const maps = new Set(options?.maps ?? DEFAULT_MAPS);
  const out: string[] = [];
  writeValue(value, "", false, maps, out);
  return encoder.encode(out.join(""));
}

function writeValue(value: unknown, path: string, sorted: boolean, maps: Set<string>, out: string[]): void {
  switch (typeof value) {
    case "string":
      out.push(quoteGoString(value, path));
      return;
    case "boolean":
      out.push(value ? "true" : "false");
      return;
    case "number":
      if (!Number.isSafeInteger(value)) {
        throw new BuildError(
          path,
          `${String(value)} is not a safe integer; OCI documents carry only whole numbers between -(2^53-1) and 2^53-1`,
        );
      }
      out.push(String(value));
      return;
    case "object":
      if (value === null) {
        out.push("null");
        return;
      }
      if (Array.isArray(value)) {
        writeArray(value, path, maps, out);
        return;
      }
      if (!isPlainObject(value)) {
        throw new BuildError(
          path,
          "is not plain JSON data (an array, object, string, number, boolean or null)",
        );
      }
      writeObject(value, path, sorted, maps, out);
      return;
    default:
      throw new BuildError(
        path,
        `a ${typeof value} cannot be written as JSON; give a string, number, boolean or null`,
      );
  }
}

function writeArray(values: readonly unknown[], path: string, maps: Set<string>, out: string[]): void {
  out.push("[");
  for (let i = 0; i < values.length; i++) {
    const item = values[i];
    if (item === undefined)
      throw new BuildError(`${path}[${i}]`, "is undefined; remove it or give a JSON value");
    if (i > 0) out.push(",");
    writeValue(item, `${path}[${i}]`, false, maps, out);
  }
  out.push("]");
}

function writeObject(
  object: Record<string, unknown>,
  path: string,
  sorted: boolean,
  maps: Set<string>,
  out: string[],
): void {
  const keys = Object.keys(object);
  if (sorted) keys.sort(compareUtf8);
  out.push("{");
  let first = true;
  for (const key of keys) {
    const member = object[key];
    if (member === undefined) continue;
    const memberPath = path === "" ? key : `${path}.${key}`;
    if (!first) out.push(",");
    first = false;
    out.push(quoteGoString(key, memberPath), ":");
    writeValue(member, memberPath, maps.has(key), maps, out);
  }
  out.push("}");
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function quoteGoString(text: string, path: string): string {
  if (!NEEDS_ESCAPE.test(text)) return `"${text}"`;
  let result = '"';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let escaped: string | undefined;
    if (c < 0x20) {
      escaped = CONTROL_ESCAPES[c] ?? `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}`;
    } else if (c === 0x22) {
      escaped = '\\"';
    } else if (c === 0x5c) {
      escaped = "\\\\";
    } else if (c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) {
      escaped = `\\u${c.toString(16).padStart(4, "0")}`;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      throw loneSurrogate(path, i);
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      throw loneSurrogate(path, i);
    }
    if (escaped !== undefined) {
      result += text.slice(start, i) + escaped;
      start = i + 1;
    }
  }
  return `${result}${text.slice(start)}"`;
}

const CONTROL_ESCAPES: Readonly<Record<number, string>> = {
  8: "\\b",
  9: "\\t",
  10: "\\n",
  12: "\\f",
  13: "\\r",
};

function loneSurrogate(path: string, index: number): BuildError {
  return new BuildError(
    path,
    `has a lone UTF-16 surrogate at index ${index}, which is not valid Unicode and cannot be encoded as UTF-8; fix the string (Go would replace it with U+FFFD and change the digest)`,
  );
}
