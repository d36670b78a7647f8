/**
 * What the spec registers about one digest algorithm.
 *
 * @example
 * const sha256: RegisteredDigestAlgorithm = registeredDigestAlgorithms.sha256;
 * sha256.encoded.test("a".repeat(64)); // true
 * sha256.computable; // true
 */
export interface RegisteredDigestAlgorithm {
  /** The algorithm identifier as it appears before the colon. */
  name: string;
  /** The encoding the spec requires for the encoded part. */
  encoded: RegExp;
  /** The encoding in words, for messages. */
  description: string;
  /** Whether this library can compute it. */
  computable: boolean;
}

/**
 * The algorithms image-spec v1.1.1 descriptor.md#registered-algorithms registers, with the encoded
 * form each requires: sha256 `/[a-f0-9]{64}/`, sha512 `/[a-f0-9]{128}/`, blake3 `/[a-f0-9]{64}/`.
 * blake3 is registered but not computed here (verification of blake3 digests answers `false`).
 *
 * @example
 * registeredDigestAlgorithms.sha256.encoded.test("a".repeat(64)) // true
 */
export const registeredDigestAlgorithms: Readonly<
  Record<RegisteredDigestAlgorithmName, RegisteredDigestAlgorithm>
> = Object.freeze({
  sha256: {
    name: "sha256",
    encoded: /^[a-f0-9]{64}$/,
    description: "64 lower-case hexadecimal characters",
    computable: true,
  },
  sha512: {
    name: "sha512",
    encoded: /^[a-f0-9]{128}$/,
    description: "128 lower-case hexadecimal characters",
    computable: true,
  },
  blake3: {
    name: "blake3",
    encoded: /^[a-f0-9]{64}$/,
    description: "64 lower-case hexadecimal characters",
    computable: false,
  },
});

/**
 * Looks up a registered algorithm by name; own properties only, so `constructor` or `__proto__`
 * (which match the algorithm grammar) are not mistaken for entries.
 *
 * @example
 * lookupDigestAlgorithm("sha512")?.description; // "128 lower-case hexadecimal characters"
 * lookupDigestAlgorithm("blake3")?.computable; // false: registered, but not computed here
 * lookupDigestAlgorithm("md5"); // undefined
 */
export function lookupDigestAlgorithm(name: string): RegisteredDigestAlgorithm | undefined {
  return Object.hasOwn(registeredDigestAlgorithms, name)
    ? registeredDigestAlgorithms[name as RegisteredDigestAlgorithmName]
    : undefined;
}

/**
 * The names of the algorithms image-spec registers.
 *
 * @example
 * const names = Object.keys(registeredDigestAlgorithms) as RegisteredDigestAlgorithmName[];
 * // ["sha256", "sha512", "blake3"]
 */
export type RegisteredDigestAlgorithmName = "sha256" | "sha512" | "blake3";

/**
 * The algorithms {@link computeDigest} can compute.
 *
 * @example
 * const algorithm: DigestAlgorithm = "sha512";
 * computeDigest(new TextEncoder().encode("{}"), algorithm); // "sha512:27c74670adb7…"
 */
export type DigestAlgorithm = "sha256" | "sha512";
