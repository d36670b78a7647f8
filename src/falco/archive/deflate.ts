// A small, deterministic DEFLATE compressor (RFC 1951): LZ77 over a 32 KiB window with hash chains,
// coded with the fixed Huffman tables (§3.2.6), falling back to stored blocks (§3.2.4) when that is
// smaller. Written here, not taken from a dependency, so that a given input compresses to the same
// bytes in every release: layer digests must not change when a library is upgraded.

import { createBitWriter } from "./bit-writer.js";

const WINDOW = 32768;
const WINDOW_MASK = WINDOW - 1;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
const HASH_BITS = 15;
const HASH_MASK = (1 << HASH_BITS) - 1;
const MAX_CHAIN = 64;
const MAX_STORED = 65535;

const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
  227, 258,
];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
  6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];

function reverseBits(code: number, length: number): number {
  let r = 0;
  for (let i = 0; i < length; i++) r = (r << 1) | ((code >>> i) & 1);
  return r;
}

/** Fixed literal/length code (§3.2.6), bit-reversed so it can be written LSB first. */
const FIXED_LIT = (() => {
  const codes = new Uint16Array(288);
  const lengths = new Uint8Array(288);
  for (let s = 0; s < 288; s++) {
    let code: number;
    let len: number;
    if (s < 144) [code, len] = [0x30 + s, 8];
    else if (s < 256) [code, len] = [0x190 + s - 144, 9];
    else if (s < 280) [code, len] = [s - 256, 7];
    else [code, len] = [0xc0 + s - 280, 8];
    codes[s] = reverseBits(code, len);
    lengths[s] = len;
  }
  return { codes, lengths };
})();

/** Length 3..258 → index into LENGTH_BASE. */
const LENGTH_INDEX = (() => {
  const table = new Uint8Array(MAX_MATCH + 1);
  for (let i = 0; i < LENGTH_BASE.length; i++) {
    const end = i + 1 < LENGTH_BASE.length ? (LENGTH_BASE[i + 1] as number) : MAX_MATCH + 1;
    for (let l = LENGTH_BASE[i] as number; l < end; l++) table[l] = i;
  }
  table[MAX_MATCH] = LENGTH_BASE.length - 1;
  return table;
})();

function distanceIndex(distance: number): number {
  let i = DIST_BASE.length - 1;
  while ((DIST_BASE[i] as number) > distance) i--;
  return i;
}

function hashAt(data: Uint8Array, i: number): number {
  return (((data[i] as number) << 10) ^ ((data[i + 1] as number) << 5) ^ (data[i + 2] as number)) & HASH_MASK;
}

function compressFixed(data: Uint8Array): Uint8Array {
  const out = createBitWriter(data.length / 2 + 64);
  const { codes, lengths } = FIXED_LIT;
  const literal = (symbol: number): void => out.bits(codes[symbol] as number, lengths[symbol] as number);
  const head = new Int32Array(1 << HASH_BITS).fill(-1);
  const prev = new Int32Array(WINDOW).fill(-1);
  const insert = (i: number): number => {
    const h = hashAt(data, i);
    const candidate = head[h] as number;
    prev[i & WINDOW_MASK] = candidate;
    head[h] = i;
    return candidate;
  };

  out.bits(1, 1); // BFINAL: this is the only block
  out.bits(1, 2); // BTYPE 01: fixed Huffman codes
  const n = data.length;
  let i = 0;
  while (i < n) {
    let bestLength = 0;
    let bestDistance = 0;
    if (i + MIN_MATCH <= n) {
      let candidate = insert(i);
      const limit = Math.min(MAX_MATCH, n - i);
      for (let chain = MAX_CHAIN; candidate >= 0 && i - candidate < WINDOW && chain > 0; chain--) {
        if (data[candidate + bestLength] === data[i + bestLength]) {
          let length = 0;
          while (length < limit && data[candidate + length] === data[i + length]) length++;
          if (length > bestLength) {
            bestLength = length;
            bestDistance = i - candidate;
            if (length === limit) break;
          }
        }
        const next = prev[candidate & WINDOW_MASK] as number;
        if (next >= candidate) break; // a slot reused by a newer position: the chain ends here
        candidate = next;
      }
    }
    if (bestLength >= MIN_MATCH) {
      const li = LENGTH_INDEX[bestLength] as number;
      literal(257 + li);
      if ((LENGTH_EXTRA[li] as number) > 0)
        out.bits(bestLength - (LENGTH_BASE[li] as number), LENGTH_EXTRA[li] as number);
      const di = distanceIndex(bestDistance);
      out.bits(reverseBits(di, 5), 5);
      if ((DIST_EXTRA[di] as number) > 0)
        out.bits(bestDistance - (DIST_BASE[di] as number), DIST_EXTRA[di] as number);
      for (let k = 1; k < bestLength; k++) if (i + k + MIN_MATCH <= n) insert(i + k);
      i += bestLength;
    } else {
      literal(data[i] as number);
      i++;
    }
  }
  literal(256); // end of block
  out.alignToByte();
  return out.finish();
}

function storedSize(length: number): number {
  return length + 5 * Math.max(1, Math.ceil(length / MAX_STORED));
}

function compressStored(data: Uint8Array): Uint8Array {
  const out = createBitWriter(storedSize(data.length));
  let offset = 0;
  do {
    const size = Math.min(MAX_STORED, data.length - offset);
    const final = offset + size >= data.length;
    out.bits(final ? 1 : 0, 1);
    out.bits(0, 2); // BTYPE 00: stored
    out.alignToByte();
    out.bits(size & 0xffff, 16);
    out.bits(~size & 0xffff, 16);
    out.bytes(data.subarray(offset, offset + size));
    offset += size;
  } while (offset < data.length);
  return out.finish();
}

/**
 * Compresses `data` into a raw DEFLATE stream (RFC 1951). The output depends only on the input:
 * the same bytes always give the same stream.
 *
 * @example
 * const raw = deflateRaw(new TextEncoder().encode("hello hello hello"));
 */
export function deflateRaw(data: Uint8Array): Uint8Array {
  const fixed = compressFixed(data);
  return fixed.length <= storedSize(data.length) ? fixed : compressStored(data);
}
