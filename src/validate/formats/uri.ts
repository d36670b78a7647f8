/**
 * RFC 3986 section 3 `URI = scheme ":" hier-part [ "?" query ] [ "#" fragment ]`, checked as: a
 * scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`), a colon, then only characters a URI may
 * contain (unreserved, sub-delims, gen-delims, and `%` followed by two hex digits). A relative
 * reference such as `value` has no scheme and is not a URI.
 */
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/;

/**
 * Whether a string is an absolute URI by RFC 3986 (scheme required; characters outside the URI
 * character set must be percent-encoded).
 *
 * @example
 * isRfc3986Uri("https://example.com/foo") // true
 * isRfc3986Uri("value") // false: no scheme
 */
export function isRfc3986Uri(value: string): boolean {
  return URI.test(value);
}

/**
 * The scheme of a URI, lower-cased (schemes are case-insensitive, RFC 3986 section 3.1).
 *
 * @example
 * uriScheme("HTTPS://example.com") // "https"
 */
export function uriScheme(uri: string): string {
  return uri.slice(0, uri.indexOf(":")).toLowerCase();
}
