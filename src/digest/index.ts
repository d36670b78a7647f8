export {
  type DigestAlgorithm,
  lookupDigestAlgorithm,
  type RegisteredDigestAlgorithm,
  type RegisteredDigestAlgorithmName,
  registeredDigestAlgorithms,
} from "./algorithms.js";
export { computeDigest, verifyDigest } from "./compute.js";
export {
  checkDigest,
  DIGEST_REF,
  DigestError,
  type DigestProblem,
  type DigestProblemCode,
  type ParsedDigest,
  parseDigest,
} from "./grammar.js";
export { hashBackend } from "./hash-backend.js";
