/**
 * Merkle–Damgård padding as FIPS 180-4 §5.1 specifies for the SHA-2 family: a 1 bit, zeros, then the
 * message length in bits as a big-endian integer filling the last 8 bytes (SHA-256, 64-byte blocks)
 * or 16 bytes (SHA-512, 128-byte blocks; the upper 8 bytes stay zero for any realistic input).
 *
 * @example
 * padMessage(new Uint8Array(3), 64).length // 64
 */
export function padMessage(bytes: Uint8Array, blockBytes: 64 | 128): Uint8Array {
  const length = bytes.length;
  const lengthField = blockBytes === 64 ? 8 : 16;
  const padded = new Uint8Array(Math.ceil((length + 1 + lengthField) / blockBytes) * blockBytes);
  padded.set(bytes);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  // The bit length split in two 32-bit words, since length * 8 can exceed 2^32.
  view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
  view.setUint32(padded.length - 4, (length << 3) >>> 0);
  return padded;
}
