import { type RegisteredDigestAlgorithm, registeredDigestAlgorithms } from "./algorithms.js";

/**
 * The shape every registered encoding has: one class of ASCII letters and digits (ranges allowed),
 * a fixed number of times. A class of only those holds no other character, so a table over ASCII
 * tells it whole.
 */
const CLASS_OF_LENGTH = /^\^(\[[A-Za-z0-9-]+\])\{(\d+)\}\$$/;

/** One registered algorithm with the test of its encoding derived from `encoded`. */
interface PreparedAlgorithm {
  readonly algorithm: RegisteredDigestAlgorithm;
  readonly prefix: string;
  /** Whether a digest that starts with `prefix` has the registered encoding after it. */
  readonly encodedIn: (digest: string) => boolean;
}

function prepare(algorithm: RegisteredDigestAlgorithm): PreparedAlgorithm {
  const prefix = `${algorithm.name}:`;
  const shape = CLASS_OF_LENGTH.exec(algorithm.encoded.source);
  if (shape === null) {
    return { algorithm, prefix, encodedIn: (digest) => algorithm.encoded.test(digest.slice(prefix.length)) };
  }
  // The class as a table over ASCII, tested character by character: faster here than running the
  // expression (docs/performance.md, "What each optimisation bought").
  const oneOf = new RegExp(shape[1] as string);
  const allowed = new Uint8Array(128);
  for (let c = 0; c < 128; c++) allowed[c] = oneOf.test(String.fromCharCode(c)) ? 1 : 0;
  const length = prefix.length + Number(shape[2]);
  return {
    algorithm,
    prefix,
    encodedIn(digest) {
      if (digest.length !== length) return false;
      let ok = 1;
      for (let i = prefix.length; i < length; i++) ok &= allowed[digest.charCodeAt(i)] ?? 0;
      return ok === 1;
    },
  };
}

const prepared: readonly PreparedAlgorithm[] = Object.values(registeredDigestAlgorithms).map(prepare);

/**
 * The registered algorithm a digest names (image-spec v1.1.1 descriptor.md#registered-algorithms:
 * sha256, sha512, blake3), or `undefined` for any other.
 *
 * @example
 * registeredAlgorithmOf("sha512:…")?.name; // "sha512"
 * registeredAlgorithmOf("md5:…"); // undefined
 */
export function registeredAlgorithmOf(digest: string): RegisteredDigestAlgorithm | undefined {
  for (const entry of prepared) if (digest.startsWith(entry.prefix)) return entry.algorithm;
  return undefined;
}

/**
 * Whether a digest has its registered algorithm's exact encoding — "the encoded portion MUST match
 * /[a-f0-9]{64}/" for sha256 and blake3, "/[a-f0-9]{128}/" for sha512 — and `true` for a digest of
 * any other algorithm, which only the grammar governs.
 *
 * @example
 * hasRegisteredEncoding(`sha256:${"a".repeat(64)}`); // true
 * hasRegisteredEncoding(`sha256:${"A".repeat(64)}`); // false
 */
export function hasRegisteredEncoding(digest: string): boolean {
  for (const entry of prepared) if (digest.startsWith(entry.prefix)) return entry.encodedIn(digest);
  return true;
}
