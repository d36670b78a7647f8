/**
 * image-spec's own pattern for a descriptor's `mediaType` (schema/defs-descriptor.json): an RFC 6838
 * restricted-name type and subtype, and no parameters.
 *
 * @example
 * OCI_MEDIA_TYPE_PATTERN.test("application/vnd.oci.image.manifest.v1+json"); // true
 * OCI_MEDIA_TYPE_PATTERN.test("text/plain; charset=utf-8"); // false
 */
export const OCI_MEDIA_TYPE_PATTERN: RegExp =
  /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;

/** RFC 6838 §4.2: a restricted name is at most 127 characters. */
export const RESTRICTED_NAME_MAX_LENGTH = 127;

/** RFC 6838 §4.2 `restricted-name-first`: ALPHA / DIGIT. */
export function isRestrictedNameFirst(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** RFC 6838 §4.2 `restricted-name-chars`: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "-" / "^" / "_" / "." / "+". */
export function isRestrictedNameChar(code: number): boolean {
  return (
    isRestrictedNameFirst(code) ||
    code === 0x21 || // !
    code === 0x23 || // #
    code === 0x24 || // $
    code === 0x26 || // &
    code === 0x2d || // -
    code === 0x5e || // ^
    code === 0x5f || // _
    code === 0x2e || // .
    code === 0x2b // +
  );
}

/** RFC 9110 §5.6.2 `tchar`, the characters of a token (parameter names and unquoted values). */
export function isTokenChar(code: number): boolean {
  return (
    isRestrictedNameFirst(code) ||
    code === 0x21 || // !
    code === 0x23 || // #
    code === 0x24 || // $
    code === 0x25 || // %
    code === 0x26 || // &
    code === 0x27 || // '
    code === 0x2a || // *
    code === 0x2b || // +
    code === 0x2d || // -
    code === 0x2e || // .
    code === 0x5e || // ^
    code === 0x5f || // _
    code === 0x60 || // `
    code === 0x7c || // |
    code === 0x7e // ~
  );
}

/** RFC 9110 §5.6.4 `qdtext` and the escaped characters of a `quoted-pair`: HTAB, SP and visible characters except `"` and `\`, plus obs-text. */
export function isQuotedTextChar(code: number): boolean {
  return (
    code === 0x09 ||
    code === 0x20 ||
    code === 0x21 ||
    (code >= 0x23 && code <= 0x5b) ||
    (code >= 0x5d && code <= 0x7e) ||
    (code >= 0x80 && code <= 0xff)
  );
}

/** RFC 9110 §5.6.3 `OWS`: space or horizontal tab. */
export function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09;
}
