// gzip member (RFC 1952) with a fixed header: no file name, no timestamp, OS "unknown", so the
// bytes depend only on the content.

import { crc32 } from "./crc32.js";
import { deflateRaw } from "./deflate.js";

const HEADER = Uint8Array.of(
  0x1f,
  0x8b, // ID1 ID2
  0x08, // CM: deflate
  0x00, // FLG: no FNAME, FCOMMENT, FEXTRA, FHCRC
  0x00,
  0x00,
  0x00,
  0x00, // MTIME: 0, "no time stamp is available"
  0x00, // XFL
  0xff, // OS: unknown
);

/**
 * Deterministic gzip: the same input always gives the same bytes (no timestamp, no file name).
 *
 * @example
 * const gz = gzip(new TextEncoder().encode("- rule: x\n"));
 * // gz[0] === 0x1f && gz[1] === 0x8b
 */
export function gzip(data: Uint8Array): Uint8Array {
  const body = deflateRaw(data);
  const out = new Uint8Array(HEADER.length + body.length + 8);
  out.set(HEADER, 0);
  out.set(body, HEADER.length);
  const trailer = new DataView(out.buffer, HEADER.length + body.length, 8);
  trailer.setUint32(0, crc32(data), true);
  trailer.setUint32(4, data.length >>> 0, true); // ISIZE: size modulo 2^32
  return out;
}
