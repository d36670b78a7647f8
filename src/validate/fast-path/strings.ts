import { GO_ARCHITECTURES, GO_OPERATING_SYSTEMS } from "../formats/go-platforms.js";
import { isRfc3339DateTime } from "../formats/rfc3339.js";

/**
 * The characters RFC 6838 section 4.2 allows in a restricted-name, as a lookup table over ASCII:
 * 2 = may start a name (ALPHA / DIGIT), 1 = may follow (`!#$&-^_.+`), 0 = neither. The same grammar
 * as schemas/defs/media-type.json's pattern, checked without a regular expression.
 */
const RESTRICTED_NAME = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) RESTRICTED_NAME[c] = 2;
for (let c = 0x41; c <= 0x5a; c++) RESTRICTED_NAME[c] = 2;
for (let c = 0x61; c <= 0x7a; c++) RESTRICTED_NAME[c] = 2;
for (const c of "!#$&-^_.+") RESTRICTED_NAME[c.charCodeAt(0)] = 1;

/**
 * Media types {@link isMediaTypeName} has accepted, up to a few dozen: documents repeat a handful
 * of types, and a hash lookup costs far less than the character loop on these machines.
 */
const acceptedMediaTypes = new Set<string>();
const MAX_REMEMBERED = 64;
/**
 * The last two of them: the strings JSON.parse makes are fresh, and hashing one for the set costs
 * several times comparing it with the previous descriptors' types, which it usually equals (a
 * manifest alternates between its config's type and its layers'). None before the first: an
 * initial "" would prove an empty media type clean.
 */
let lastMediaType: string | undefined;
let previousMediaType: string | undefined;

/** Makes `value` the last accepted media type. */
function remember(value: string): void {
  if (value !== lastMediaType) {
    previousMediaType = lastMediaType;
    lastMediaType = value;
  }
}

/**
 * Whether `value` is `type "/" subtype`, each an RFC 6838 restricted-name of 1 to 127 characters,
 * without parameters — exactly what schemas/defs/media-type.json's pattern accepts.
 *
 * @example
 * isMediaTypeName("application/vnd.oci.image.manifest.v1+json"); // true
 * isMediaTypeName("application/json; charset=utf-8"); // false: parameters are not allowed
 */
export function isMediaTypeName(value: unknown): value is string {
  if (typeof value !== "string") return false;
  if (value === lastMediaType || value === previousMediaType) return true;
  if (acceptedMediaTypes.has(value)) {
    remember(value);
    return true;
  }
  const slash = value.indexOf("/");
  if (slash < 1 || slash > 127 || value.length - slash - 1 < 1 || value.length - slash - 1 > 127)
    return false;
  if (RESTRICTED_NAME[value.charCodeAt(0)] !== 2 || RESTRICTED_NAME[value.charCodeAt(slash + 1)] !== 2)
    return false;
  for (let i = 1; i < value.length; i++) {
    if (i === slash || i === slash + 1) continue;
    const c = value.charCodeAt(i);
    if (c >= 128 || RESTRICTED_NAME[c] === 0) return false;
  }
  if (acceptedMediaTypes.size < MAX_REMEMBERED) acceptedMediaTypes.add(value);
  remember(value);
  return true;
}

/** Any character that is not lower-case hex; searched from `lastIndex`. */
const NOT_LOWER_HEX = /[^0-9a-f]/g;

/**
 * Whether everything from `from` on is lower-case hex. A native search for the first other
 * character: on these machines about three times faster than a `charCodeAt` loop.
 */
function isLowerHexFrom(value: string, from: number): boolean {
  NOT_LOWER_HEX.lastIndex = from;
  return !NOT_LOWER_HEX.test(value);
}

/**
 * Whether `value` is a sha256 or sha512 digest in its exact encoding (64 or 128 lower-case hex
 * characters): the two algorithms nearly every document uses, which satisfy both the digest
 * grammar (schemas/defs/digest.json) and the rule digest-algorithm-encoding. Any other algorithm
 * answers false: the full pipeline checks it.
 *
 * @example
 * isPlainDigest(`sha256:${"a".repeat(64)}`); // true
 * isPlainDigest(`sha256:${"A".repeat(64)}`); // false: upper-case hex is not the registered encoding
 */
export function isPlainDigest(value: unknown): value is string {
  if (typeof value !== "string") return false;
  // Character tests rather than startsWith, which is several times slower here.
  const length = value.length;
  if (
    (length !== 71 && length !== 135) ||
    value.charCodeAt(0) !== 0x73 || // s
    value.charCodeAt(1) !== 0x68 || // h
    value.charCodeAt(2) !== 0x61 || // a
    value.charCodeAt(6) !== 0x3a // :
  )
    return false;
  const a = value.charCodeAt(3);
  const b = value.charCodeAt(4);
  const c = value.charCodeAt(5);
  const sha256 = a === 0x32 && b === 0x35 && c === 0x36;
  const sha512 = a === 0x35 && b === 0x31 && c === 0x32;
  return (length === 71 ? sha256 : sha512) && isLowerHexFrom(value, 7);
}

/**
 * Whether `value` is a GOARCH value (the rules' set), asking the common ones first: comparing a
 * fresh string with a literal costs far less than hashing it for the set.
 *
 * @example
 * isGoArchitecture("arm64"); // true
 */
export function isGoArchitecture(value: string): boolean {
  return value === "amd64" || value === "arm64" || GO_ARCHITECTURES.has(value);
}

/**
 * Whether `value` is a GOOS value (the rules' set), asking the common ones first.
 *
 * @example
 * isGoOperatingSystem("linux"); // true
 */
export function isGoOperatingSystem(value: string): boolean {
  return value === "linux" || value === "windows" || GO_OPERATING_SYSTEMS.has(value);
}

/**
 * The last date {@link isDate} accepted: dates repeat within a document and across documents
 * (history entries built in one step, reproducible builds' fixed epoch, a registry's push times),
 * and comparing costs far less than the RFC 3339 check's regular expression. None before the
 * first: an initial "" would prove an empty date clean.
 */
let lastDate: string | undefined;

/**
 * {@link isRfc3339DateTime} (RFC 3339 section 5.6 date-time), remembering the last date it accepted.
 *
 * @example
 * isDate("2024-01-02T03:04:05Z"); // true
 * isDate("2024-01-02 03:04:05"); // false
 */
export function isDate(value: string): boolean {
  if (value === lastDate) return true;
  if (!isRfc3339DateTime(value)) return false;
  lastDate = value;
  return true;
}
