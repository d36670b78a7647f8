/** Lower-case hex digits for every byte value, built once. */
const HEX_BYTES: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * Lower-case hexadecimal encoding of bytes, the encoding image-spec registers for sha256 and sha512.
 *
 * @example
 * toHex(new Uint8Array([0, 171])) // "00ab"
 */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += HEX_BYTES[bytes[i] as number];
  return out;
}
