// Huffman code construction for DEFLATE (RFC 1951 §3.2.2): code lengths limited to a maximum, and the
// canonical codes those lengths define. Ties are broken by symbol number, so the result depends only
// on the frequencies.

/**
 * Code lengths for `freqs`, none longer than `maxBits`. Symbols with frequency 0 get length 0. When
 * fewer than two symbols occur, two get length 1, so the code is always complete (what zlib's
 * inflate expects of a literal/length or code-length code).
 */
export function huffmanLengths(freqs: ArrayLike<number>, maxBits: number): Uint8Array {
  const n = freqs.length;
  const lengths = new Uint8Array(n);
  const used: number[] = [];
  for (let s = 0; s < n; s++) if ((freqs[s] as number) > 0) used.push(s);
  if (used.length < 2) {
    const first = used[0] ?? 0;
    lengths[first] = 1;
    lengths[first === 0 ? 1 : 0] = 1;
    return lengths;
  }
  // Build the tree: nodes 0..n-1 are leaves; internal nodes appended. A simple sorted queue suffices.
  const weight: number[] = [];
  const parent: number[] = [];
  const leafOf = new Map<number, number>();
  const queue: number[] = [];
  for (const s of used) {
    leafOf.set(s, weight.length);
    queue.push(weight.length);
    weight.push(freqs[s] as number);
    parent.push(-1);
  }
  const order = (a: number, b: number) => (weight[a] as number) - (weight[b] as number) || a - b;
  queue.sort(order);
  // Two-queue method: leaves sorted, internal nodes are created in non-decreasing weight order.
  const internal: number[] = [];
  let li = 0;
  let ii = 0;
  const take = (): number => {
    if (
      ii >= internal.length ||
      (li < queue.length && order(queue[li] as number, internal[ii] as number) <= 0)
    ) {
      return queue[li++] as number;
    }
    return internal[ii++] as number;
  };
  for (let k = 0; k < used.length - 1; k++) {
    const a = take();
    const b = take();
    const node = weight.length;
    weight.push((weight[a] as number) + (weight[b] as number));
    parent.push(-1);
    parent[a] = node;
    parent[b] = node;
    internal.push(node);
  }
  const depthOf = (node: number): number => {
    let d = 0;
    for (let p = parent[node] as number; p !== -1; p = parent[p] as number) d++;
    return d;
  };
  // Count leaves per depth, folding the too-deep ones into maxBits. That over-subscribes the code
  // (Kraft sum above 1); each step below moves a leaf from maxBits under a shorter leaf, which
  // becomes an internal node: leaf count kept, Kraft sum lowered by 2^-maxBits, until it is exactly 1.
  const blCount = new Array<number>(maxBits + 1).fill(0);
  for (const s of used) {
    const d = Math.min(depthOf(leafOf.get(s) as number), maxBits);
    blCount[d] = (blCount[d] as number) + 1;
  }
  let total = 0;
  for (let bits = 1; bits <= maxBits; bits++) total += (blCount[bits] as number) * 2 ** (maxBits - bits);
  while (total > 2 ** maxBits) {
    blCount[maxBits] = (blCount[maxBits] as number) - 1;
    for (let bits = maxBits - 1; bits > 0; bits--) {
      if ((blCount[bits] as number) > 0) {
        blCount[bits] = (blCount[bits] as number) - 1;
        blCount[bits + 1] = (blCount[bits + 1] as number) + 2;
        break;
      }
    }
    total--;
  }
  // Hand the lengths out again: the least frequent symbols get the longest codes.
  const byFrequency = [...used].sort((a, b) => (freqs[a] as number) - (freqs[b] as number) || b - a);
  let next = 0;
  for (let bits = maxBits; bits >= 1; bits--) {
    for (let c = blCount[bits] as number; c > 0; c--) lengths[byFrequency[next++] as number] = bits;
  }
  return lengths;
}

/** Canonical codes for `lengths` (RFC 1951 §3.2.2), bit-reversed so they can be written LSB first. */
export function canonicalCodes(lengths: Uint8Array): Uint16Array {
  const maxBits = Math.max(0, ...lengths);
  const blCount = new Array<number>(maxBits + 1).fill(0);
  for (const l of lengths) if (l > 0) blCount[l] = (blCount[l] as number) + 1;
  const nextCode = new Array<number>(maxBits + 2).fill(0);
  let code = 0;
  for (let bits = 1; bits <= maxBits; bits++) {
    code = (code + (blCount[bits - 1] ?? 0)) << 1;
    nextCode[bits] = code;
  }
  const codes = new Uint16Array(lengths.length);
  for (let s = 0; s < lengths.length; s++) {
    const len = lengths[s] as number;
    if (len === 0) continue;
    const c = nextCode[len] as number;
    nextCode[len] = c + 1;
    let r = 0;
    for (let i = 0; i < len; i++) r = (r << 1) | ((c >>> i) & 1);
    codes[s] = r;
  }
  return codes;
}
