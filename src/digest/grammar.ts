import { lookupDigestAlgorithm } from "./algorithms.js";
import { hasRegisteredEncoding, hasRegisteredForm, registeredFormsMatch } from "./registered-encoding.js";

/**
 * image-spec v1.1.1 descriptor.md#digests: "A digest string MUST match the following grammar:
 * `digest ::= algorithm ":" encoded`, `algorithm ::= algorithm-component (algorithm-separator
 * algorithm-component)*`, `algorithm-component ::= [a-z0-9]+`, `algorithm-separator ::= [+._-]`,
 * `encoded ::= [a-zA-Z0-9=_-]+`".
 */
const DIGEST_GRAMMAR = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** A digest in a registered form is grammatical (shown on the grammar at load): one pass, not two. */
const REGISTERED_FORMS_MATCH = registeredFormsMatch(DIGEST_GRAMMAR);

/**
 * The spec section that defines the digest grammar and the registered algorithms.
 *
 * @example
 * DIGEST_REF; // "image-spec v1.1.1 descriptor.md#digests", the `ref` of digest findings
 */
export const DIGEST_REF = "image-spec v1.1.1 descriptor.md#digests";

/**
 * A digest split into its two parts.
 *
 * @example
 * const { algorithm, encoded }: ParsedDigest = parseDigest(`sha256:${"a".repeat(64)}`);
 * // algorithm "sha256", encoded "aaaa…" (64 characters)
 */
export interface ParsedDigest {
  /** The algorithm identifier, e.g. `sha256`. */
  algorithm: string;
  /** The encoded hash, e.g. 64 lower-case hex characters for sha256. */
  encoded: string;
}

/**
 * The codes {@link checkDigest} reports:
 * - `digest-grammar`: the string does not match image-spec's digest grammar at all;
 * - `digest-encoding`: the algorithm is registered, but the encoded part does not match the
 *   encoding registered for it (e.g. sha256 with upper-case hex, or 63 characters).
 *
 * @example
 * checkDigest("sha256")?.code; // "digest-grammar"
 * checkDigest("sha256:ABC")?.code; // "digest-encoding"
 */
export type DigestProblemCode = "digest-grammar" | "digest-encoding";

/**
 * What {@link checkDigest} found wrong with a digest string.
 *
 * @example
 * checkDigest("sha256:xyz");
 * // { code: "digest-encoding",
 * //   message: 'digest "sha256:xyz": sha256 digests must be 64 lower-case hexadecimal characters' }
 */
export interface DigestProblem {
  /** Which rule the string breaks. */
  code: DigestProblemCode;
  /** A sentence naming the value and the rule it breaks. */
  message: string;
}

/**
 * Thrown by {@link parseDigest} when a string is not a well-formed digest.
 *
 * @example
 * try {
 *   parseDigest("sha256:ABC");
 * } catch (error) {
 *   if (error instanceof DigestError) console.log(error.code, error.message);
 *   // digest-encoding digest "sha256:ABC": sha256 digests must be 64 lower-case hexadecimal characters
 * }
 */
export class DigestError extends Error {
  /** Which rule the string breaks. */
  readonly code: DigestProblemCode;

  constructor(problem: DigestProblem) {
    super(problem.message);
    this.name = "DigestError";
    this.code = problem.code;
  }
}

/** Quotes a value for a message, shortened so a hostile megabyte string does not end up in a log line. */
function quote(value: string): string {
  return JSON.stringify(value.length > 140 ? `${value.slice(0, 140)}…` : value);
}

/**
 * Checks a digest string without throwing: the grammar first, then — for a registered algorithm —
 * its registered encoding. Unregistered algorithms that match the grammar pass (the spec allows them).
 *
 * @returns `undefined` when the digest is well-formed, otherwise the problem.
 * @example
 * checkDigest("sha256:abc") // { code: "digest-encoding", message: "..." }
 * checkDigest("sha256:" + "a".repeat(64)) // undefined
 */
export function checkDigest(digest: string): DigestProblem | undefined {
  if (REGISTERED_FORMS_MATCH && hasRegisteredForm(digest)) return undefined;
  if (!DIGEST_GRAMMAR.test(digest)) {
    return {
      code: "digest-grammar",
      message: `digest ${quote(digest)} does not match the digest grammar algorithm ":" encoded, where algorithm is lower-case [a-z0-9] components joined by [+._-] and encoded is [a-zA-Z0-9=_-]+`,
    };
  }
  const colon = digest.indexOf(":");
  const algorithm = digest.slice(0, colon);
  const registered = lookupDigestAlgorithm(algorithm);
  if (registered !== undefined && !hasRegisteredEncoding(digest)) {
    return {
      code: "digest-encoding",
      message: `digest ${quote(digest)}: ${algorithm} digests must be ${registered.description}`,
    };
  }
  return undefined;
}

/**
 * Splits a digest into algorithm and encoded part, after checking it with {@link checkDigest}.
 *
 * @throws {DigestError} when the string does not match the grammar or the registered encoding.
 * @example
 * parseDigest("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")
 * // { algorithm: "sha256", encoded: "44136fa3…" }
 */
export function parseDigest(digest: string): ParsedDigest {
  const problem = checkDigest(digest);
  if (problem !== undefined) throw new DigestError(problem);
  const colon = digest.indexOf(":");
  return { algorithm: digest.slice(0, colon), encoded: digest.slice(colon + 1) };
}
