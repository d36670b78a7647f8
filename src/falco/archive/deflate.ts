// A small, deterministic DEFLATE compressor (RFC 1951): LZ77 over a 32 KiB window with hash chains,
// then, block by block, whichever of dynamic Huffman codes (§3.2.7), the fixed codes (§3.2.6) or a
// stored block (§3.2.4) is smallest. Written here, not taken from a dependency, so that a given input
// compresses to the same bytes in every release: layer digests must not change when a library is
// upgraded.

import { type BitWriter, createBitWriter } from "./bit-writer.js";
import { canonicalCodes, huffmanLengths } from "./huffman.js";

const WINDOW = 32768;
const WINDOW_MASK = WINDOW - 1;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
const HASH_BITS = 15;
const HASH_MASK = (1 << HASH_BITS) - 1;
const MAX_CHAIN = 64;
const MAX_STORED = 65535;
const BLOCK_TOKENS = 16384;
const END_OF_BLOCK = 256;

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
/** The order code-length code lengths are written in (§3.2.7). */
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Fixed literal/length and distance code lengths (§3.2.6). */
const FIXED_LIT_LENGTHS = Uint8Array.from({ length: 288 }, (_, s) =>
  s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8,
);
const FIXED_DIST_LENGTHS = new Uint8Array(30).fill(5);
const FIXED_LIT_CODES = canonicalCodes(FIXED_LIT_LENGTHS);
const FIXED_DIST_CODES = canonicalCodes(FIXED_DIST_LENGTHS);

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

/** The LZ77 output of one block: literals (0–255) and matches (length symbol 257–285 plus distance). */
interface Tokens {
  /** Literal byte, or 257 + length index for a match. */
  symbol: Uint16Array;
  /** For a match: the length (3..258). */
  length: Uint16Array;
  /** For a match: the distance (1..32768). */
  distance: Uint16Array;
  count: number;
}

function newTokens(): Tokens {
  return {
    symbol: new Uint16Array(BLOCK_TOKENS),
    length: new Uint16Array(BLOCK_TOKENS),
    distance: new Uint16Array(BLOCK_TOKENS),
    count: 0,
  };
}

interface Codes {
  litLengths: Uint8Array;
  litCodes: Uint16Array;
  distLengths: Uint8Array;
  distCodes: Uint16Array;
}

function writeTokens(out: BitWriter, tokens: Tokens, codes: Codes): void {
  const { litLengths, litCodes, distLengths, distCodes } = codes;
  for (let t = 0; t < tokens.count; t++) {
    const symbol = tokens.symbol[t] as number;
    out.bits(litCodes[symbol] as number, litLengths[symbol] as number);
    if (symbol < 257) continue;
    const li = symbol - 257;
    if ((LENGTH_EXTRA[li] as number) > 0) {
      out.bits((tokens.length[t] as number) - (LENGTH_BASE[li] as number), LENGTH_EXTRA[li] as number);
    }
    const distance = tokens.distance[t] as number;
    const di = distanceIndex(distance);
    out.bits(distCodes[di] as number, distLengths[di] as number);
    if ((DIST_EXTRA[di] as number) > 0)
      out.bits(distance - (DIST_BASE[di] as number), DIST_EXTRA[di] as number);
  }
  out.bits(litCodes[END_OF_BLOCK] as number, litLengths[END_OF_BLOCK] as number);
}

/** Bits the tokens take with the given code lengths, extra bits included. */
function bodyCost(
  litFreq: Uint32Array,
  distFreq: Uint32Array,
  litLengths: Uint8Array,
  distLengths: Uint8Array,
): number {
  let bits = 0;
  for (let s = 0; s < 286; s++) {
    bits +=
      (litFreq[s] as number) *
      ((litLengths[s] as number) + (s > 256 ? (LENGTH_EXTRA[s - 257] as number) : 0));
  }
  for (let d = 0; d < 30; d++)
    bits += (distFreq[d] as number) * ((distLengths[d] as number) + (DIST_EXTRA[d] as number));
  return bits;
}

/** The code-length sequence of a dynamic header, run-length coded with symbols 16, 17, 18 (§3.2.7). */
function runLengths(lengths: Uint8Array): { symbol: number; extra: number }[] {
  const out: { symbol: number; extra: number }[] = [];
  for (let i = 0; i < lengths.length; ) {
    const value = lengths[i] as number;
    let run = 1;
    while (i + run < lengths.length && lengths[i + run] === value) run++;
    let left = run;
    if (value === 0) {
      while (left >= 11) {
        const n = Math.min(left, 138);
        out.push({ symbol: 18, extra: n - 11 });
        left -= n;
      }
      if (left >= 3) {
        out.push({ symbol: 17, extra: left - 3 });
        left = 0;
      }
    } else {
      out.push({ symbol: value, extra: 0 });
      left--;
      while (left >= 3) {
        const n = Math.min(left, 6);
        out.push({ symbol: 16, extra: n - 3 });
        left -= n;
      }
    }
    for (; left > 0; left--) out.push({ symbol: value, extra: 0 });
    i += run;
  }
  return out;
}

const CL_EXTRA_BITS: Readonly<Record<number, number>> = { 16: 2, 17: 3, 18: 7 };

/** A dynamic block's header and codes, with its cost in bits. */
function planDynamic(litFreq: Uint32Array, distFreq: Uint32Array) {
  const litLengths = huffmanLengths(litFreq, 15);
  const distLengths = huffmanLengths(distFreq, 15);
  let hlit = 286;
  while (hlit > 257 && litLengths[hlit - 1] === 0) hlit--;
  let hdist = 30;
  while (hdist > 1 && distLengths[hdist - 1] === 0) hdist--;
  const sequence = new Uint8Array(hlit + hdist);
  sequence.set(litLengths.subarray(0, hlit), 0);
  sequence.set(distLengths.subarray(0, hdist), hlit);
  const rle = runLengths(sequence);
  const clFreq = new Uint32Array(19);
  for (const { symbol } of rle) clFreq[symbol] = (clFreq[symbol] as number) + 1;
  const clLengths = huffmanLengths(clFreq, 7);
  let hclen = 19;
  while (hclen > 4 && clLengths[CL_ORDER[hclen - 1] as number] === 0) hclen--;
  let headerBits = 5 + 5 + 4 + 3 * hclen;
  for (const { symbol } of rle) headerBits += (clLengths[symbol] as number) + (CL_EXTRA_BITS[symbol] ?? 0);
  return {
    cost: 3 + headerBits + bodyCost(litFreq, distFreq, litLengths, distLengths),
    write(out: BitWriter, tokens: Tokens): void {
      out.bits(2, 2); // BTYPE 10: dynamic Huffman codes
      out.bits(hlit - 257, 5);
      out.bits(hdist - 1, 5);
      out.bits(hclen - 4, 4);
      for (let i = 0; i < hclen; i++) out.bits(clLengths[CL_ORDER[i] as number] as number, 3);
      const clCodes = canonicalCodes(clLengths);
      for (const { symbol, extra } of rle) {
        out.bits(clCodes[symbol] as number, clLengths[symbol] as number);
        const extraBits = CL_EXTRA_BITS[symbol];
        if (extraBits !== undefined) out.bits(extra, extraBits);
      }
      writeTokens(out, tokens, {
        litLengths,
        litCodes: canonicalCodes(litLengths),
        distLengths,
        distCodes: canonicalCodes(distLengths),
      });
    },
  };
}

/** Writes one block as whichever of dynamic, fixed or stored is smallest. */
function writeBlock(
  out: BitWriter,
  tokens: Tokens,
  data: Uint8Array,
  start: number,
  end: number,
  final: boolean,
): void {
  const litFreq = new Uint32Array(286);
  const distFreq = new Uint32Array(30);
  for (let t = 0; t < tokens.count; t++) {
    const symbol = tokens.symbol[t] as number;
    litFreq[symbol] = (litFreq[symbol] as number) + 1;
    if (symbol > 256) {
      const di = distanceIndex(tokens.distance[t] as number);
      distFreq[di] = (distFreq[di] as number) + 1;
    }
  }
  litFreq[END_OF_BLOCK] = 1;
  const dynamic = planDynamic(litFreq, distFreq);
  const fixedCost = 3 + bodyCost(litFreq, distFreq, FIXED_LIT_LENGTHS, FIXED_DIST_LENGTHS);
  const storedCost = (end - start + 5 * Math.max(1, Math.ceil((end - start) / MAX_STORED))) * 8 + 7;
  if (storedCost < Math.min(dynamic.cost, fixedCost)) {
    writeStored(out, data.subarray(start, end), final);
    return;
  }
  out.bits(final ? 1 : 0, 1);
  if (dynamic.cost < fixedCost) dynamic.write(out, tokens);
  else {
    out.bits(1, 2); // BTYPE 01: fixed Huffman codes
    writeTokens(out, tokens, {
      litLengths: FIXED_LIT_LENGTHS,
      litCodes: FIXED_LIT_CODES,
      distLengths: FIXED_DIST_LENGTHS,
      distCodes: FIXED_DIST_CODES,
    });
  }
}

function writeStored(out: BitWriter, data: Uint8Array, final: boolean): void {
  let offset = 0;
  do {
    const size = Math.min(MAX_STORED, data.length - offset);
    const last = offset + size >= data.length;
    out.bits(final && last ? 1 : 0, 1);
    out.bits(0, 2); // BTYPE 00: stored
    out.alignToByte();
    out.bits(size & 0xffff, 16);
    out.bits(~size & 0xffff, 16);
    out.bytes(data.subarray(offset, offset + size));
    offset += size;
  } while (offset < data.length);
}

function hashAt(data: Uint8Array, i: number): number {
  return (((data[i] as number) << 10) ^ ((data[i + 1] as number) << 5) ^ (data[i + 2] as number)) & HASH_MASK;
}

/**
 * Compresses `data` into a raw DEFLATE stream (RFC 1951). The output depends only on the input:
 * the same bytes always give the same stream.
 *
 * @example
 * const raw = deflateRaw(new TextEncoder().encode("hello hello hello"));
 */
export function deflateRaw(data: Uint8Array): Uint8Array {
  const out = createBitWriter(data.length / 2 + 64);
  const head = new Int32Array(1 << HASH_BITS).fill(-1);
  const prev = new Int32Array(WINDOW).fill(-1);
  const insert = (i: number): number => {
    const h = hashAt(data, i);
    const candidate = head[h] as number;
    prev[i & WINDOW_MASK] = candidate;
    head[h] = i;
    return candidate;
  };
  const tokens = newTokens();
  const n = data.length;
  let blockStart = 0;
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
    const t = tokens.count++;
    if (bestLength >= MIN_MATCH) {
      tokens.symbol[t] = 257 + (LENGTH_INDEX[bestLength] as number);
      tokens.length[t] = bestLength;
      tokens.distance[t] = bestDistance;
      for (let k = 1; k < bestLength; k++) if (i + k + MIN_MATCH <= n) insert(i + k);
      i += bestLength;
    } else {
      tokens.symbol[t] = data[i] as number;
      i++;
    }
    if (tokens.count === BLOCK_TOKENS && i < n) {
      writeBlock(out, tokens, data, blockStart, i, false);
      tokens.count = 0;
      blockStart = i;
    }
  }
  writeBlock(out, tokens, data, blockStart, n, true);
  out.alignToByte();
  return out.finish();
}
