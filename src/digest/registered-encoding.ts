import { type RegisteredDigestAlgorithm, registeredDigestAlgorithms } from "./algorithms.js";

/** The shape every registered encoding has: one class of ASCII letters and digits (ranges allowed), a fixed number of times. */
const CLASS_OF_LENGTH = /^\^(\[[A-Za-z0-9-]+\])\{(\d+)\}\$$/;

/** One registered algorithm with the test of its encoding derived from `encoded`. */
interface PreparedAlgorithm {
  readonly algorithm: RegisteredDigestAlgorithm;
  readonly prefix: string;
  /** Whether a digest that starts with `prefix` has the registered encoding after it. */
  readonly encodedIn: (digest: string) => boolean;
  /** The printable ASCII characters the encoding's class allows (`undefined` when it is not one class). */
  readonly alphabet: string | undefined;
}

function prepare(algorithm: RegisteredDigestAlgorithm): PreparedAlgorithm {
  const prefix = `${algorithm.name}:`;
  const shape = CLASS_OF_LENGTH.exec(algorithm.encoded.source);
  const oneOf = shape === null ? undefined : new RegExp(shape[1] as string);
  if (shape === null || oneOf === undefined || oneOf.test("=") || oneOf.test("_") || oneOf.test("-")) {
    return {
      algorithm,
      prefix,
      encodedIn: (digest) => algorithm.encoded.test(digest.slice(prefix.length)),
      alphabet: undefined,
    };
  }
  // The class with the grammar's "=_-" added, then none of those three: the same set, but V8 runs
  // a class of that many ranges several times faster (docs/performance.md, "The clean path").
  const length = prefix.length + Number(shape[2]);
  const widened = new RegExp(`^${algorithm.name}:${(shape[1] as string).slice(0, -1)}=_-]+$`);
  let alphabet = "";
  for (let code = 0x20; code < 0x7f; code++) {
    if (oneOf.test(String.fromCharCode(code))) alphabet += String.fromCharCode(code);
  }
  return {
    algorithm,
    prefix,
    alphabet,
    encodedIn: (digest) =>
      digest.length === length &&
      widened.test(digest) &&
      digest.indexOf("=", prefix.length) === -1 &&
      digest.indexOf("_", prefix.length) === -1 &&
      digest.indexOf("-", prefix.length) === -1,
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

/**
 * Whether a digest is a registered algorithm's name, a colon and exactly that algorithm's encoding
 * (`sha256:` and 64 lower-case hex characters, …): `false` for every other string, grammatical or not.
 *
 * @example
 * hasRegisteredForm(`sha256:${"a".repeat(64)}`); // true
 * hasRegisteredForm(`md5:${"a".repeat(32)}`); // false: not registered
 */
export function hasRegisteredForm(digest: string): boolean {
  for (const entry of prepared) if (digest.startsWith(entry.prefix)) return entry.encodedIn(digest);
  return false;
}

/**
 * Whether every digest in a registered form (see {@link hasRegisteredForm}) matches `grammar`, a
 * digest grammar whose encoded part is one character class repeated (`:[…]+$`): shown on the
 * grammar itself, by one digest per algorithm that holds every character of its encoding, so a
 * shortcut through the registered forms cannot drift from the grammar it stands in for.
 *
 * @example
 * registeredFormsMatch(/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/); // true
 * registeredFormsMatch(/^[a-z0-9]+:[A-Z]+$/); // false
 */
export function registeredFormsMatch(grammar: RegExp): boolean {
  if (!/:\[[^\]]+\]\+\$$/.test(grammar.source)) return false;
  return prepared.every(
    (entry) =>
      entry.alphabet !== undefined && entry.alphabet !== "" && grammar.test(entry.prefix + entry.alphabet),
  );
}
