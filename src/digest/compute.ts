import type { DigestAlgorithm } from "./algorithms.js";
import { checkDigest } from "./grammar.js";
import { hashers } from "./hash-backend.js";

/**
 * The digest of the exact bytes, `algorithm:hex`. Synchronous; uses the runtime's native crypto
 * when there is one, pure JS otherwise.
 *
 * @throws {TypeError} when `algorithm` is not one this library computes.
 * @example
 * computeDigest(new TextEncoder().encode("{}"))
 * // "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
 */
export function computeDigest(bytes: Uint8Array, algorithm: DigestAlgorithm = "sha256"): string {
  if (algorithm !== "sha256" && algorithm !== "sha512") {
    throw new TypeError(
      `cannot compute digest algorithm ${JSON.stringify(algorithm)}: use "sha256" or "sha512"`,
    );
  }
  return `${algorithm}:${hashers[algorithm](bytes)}`;
}

/**
 * Whether `bytes` hash to `digest`. `false` — never an exception — for a malformed digest, or for
 * an algorithm this library does not compute (e.g. blake3, registered but not implemented).
 *
 * @example
 * verifyDigest(new TextEncoder().encode("{}"),
 *   "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a") // true
 */
export function verifyDigest(bytes: Uint8Array, digest: string): boolean {
  if (typeof digest !== "string" || checkDigest(digest) !== undefined) return false;
  const colon = digest.indexOf(":");
  const algorithm = digest.slice(0, colon);
  if (algorithm !== "sha256" && algorithm !== "sha512") return false;
  return hashers[algorithm](bytes) === digest.slice(colon + 1);
}
