/**
 * SHA-512's constants, computed on first use rather than shipped as 1.1 KB (gzipped) of hexadecimal:
 * FIPS 180-4 defines them as bits of the fractional parts of roots of the first primes, which exact
 * integer arithmetic reproduces (about 2 ms, once). SHA-256 keeps its literal constants: it hashes a
 * process's first documents (hash-backend.ts), on the cold start, where those milliseconds would count.
 */

/** The first `count` primes, by trial division. */
function firstPrimes(count: number): number[] {
  const primes: number[] = [];
  for (let n = 2; primes.length < count; n++) {
    let prime = true;
    for (let i = 0; prime && i < primes.length; i++) prime = n % (primes[i] as number) !== 0;
    if (prime) primes.push(n);
  }
  return primes;
}

/** ⌊p^(1/k) · 2^64⌋ for a prime p, by Newton's method on integers from above (it decreases to the floor). */
function scaledRoot(p: number, k: bigint): bigint {
  const n = BigInt(p) << (64n * k);
  let x = 1n << 72n; // above p^(1/k) · 2^64 for every p < 2^8
  for (;;) {
    const next = ((k - 1n) * x + n / x ** (k - 1n)) / k;
    if (next >= x) return x;
    x = next;
  }
}

/** For each of the first `count` primes, the first 64 bits of the fractional part of its k-th root, as (high, low) words. */
function rootFractionWords(count: number, k: bigint): Uint32Array {
  const words = new Uint32Array(count * 2);
  firstPrimes(count).forEach((p, i) => {
    const root = scaledRoot(p, k);
    words[i * 2] = Number((root >> 32n) & 0xffffffffn);
    words[i * 2 + 1] = Number(root & 0xffffffffn);
  });
  return words;
}

/**
 * SHA-512's round constants and initial hash value, as (high word, low word) pairs.
 *
 * @example
 * const { k, h0 } = sha512Constants();
 * k[0] === 0x428a2f98 && k[1] === 0xd728ae22 && h0[0] === 0x6a09e667; // true
 */
export interface Sha512Constants {
  /** The 80 round constants: 160 words. */
  readonly k: Uint32Array;
  /** The initial hash value: 16 words. */
  readonly h0: Uint32Array;
}

let constants: Sha512Constants | undefined;

/**
 * SHA-512's constants, computed once. FIPS 180-4 §4.2.3: "the first sixty-four bits of the fractional
 * parts of the cube roots of the first eighty prime numbers"; §5.3.5: the initial hash value is "the
 * first sixty-four bits of the fractional parts of the square roots of the first eight prime numbers".
 *
 * @example
 * sha512Constants().k.length; // 160
 */
export function sha512Constants(): Sha512Constants {
  constants ??= { k: rootFractionWords(80, 3n), h0: rootFractionWords(8, 2n) };
  return constants;
}
