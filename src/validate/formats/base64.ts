/**
 * RFC 4648 section 4 Base 64, padded, standard alphabet — the only form Go's `encoding/json` decodes
 * into a `[]byte`, so the only form image-spec's reference code accepts in a descriptor's `data`.
 */
const PADDED_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes padded, standard-alphabet Base 64 (RFC 4648 section 4), or answers `undefined` when the
 * string is not exactly that (no padding, URL-safe alphabet, whitespace, stray characters).
 *
 * @example
 * decodePaddedBase64("e30=") // Uint8Array [123, 125], the bytes of "{}"
 * decodePaddedBase64("e30") // undefined: the padding is missing
 */
export function decodePaddedBase64(value: string): Uint8Array | undefined {
  if (!PADDED_BASE64.test(value)) return undefined;
  const binary = atob(value);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
