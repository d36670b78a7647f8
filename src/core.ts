// `ocispec/core`: what a registry or a pre-push hook imports to validate — `validate` and the
// kind-specific validators, the type guards, the result and issue types, the digest functions, RFC 6838
// media-type parsing and the media-type predicates. Re-exports only. Not here: the annotated
// media-type table (`mediaTypes`, `lookupMediaType`, `dockerToOci`/`ociToDocker`, the renderers) —
// the predicates and the validators read a compact kind index derived from it
// (src/media-types/kinds.generated.ts) — nor builders, Falco builders, registry policy, error
// envelopes or profiles: the core's validators answer `options.targets` with a `targets-unsupported`
// error (the root entry's validators run the profiles). Everything here is also exported, unchanged,
// by `ocispec`.

// Digests.
export {
  type DigestAlgorithm,
  lookupDigestAlgorithm,
  type RegisteredDigestAlgorithm,
  type RegisteredDigestAlgorithmName,
  registeredDigestAlgorithms,
} from "./digest/algorithms.js";
export { computeDigest, verifyDigest } from "./digest/compute.js";
export {
  checkDigest,
  DIGEST_REF,
  DigestError,
  type DigestProblem,
  type DigestProblemCode,
  type ParsedDigest,
  parseDigest,
} from "./digest/grammar.js";
export { hashBackend } from "./digest/hash-backend.js";
// Media types: RFC 6838 parsing, the predicates (from the kind index, not the table), the constants.
export { checkMediaType, type MediaTypeCheck } from "./media-types/check.js";
export {
  isConfigMediaType,
  isIndexMediaType,
  isLayerMediaType,
  isManifestMediaType,
  isNonDistributableMediaType,
  layerCompression,
} from "./media-types/classify.js";
export * from "./media-types/constants.js";
export { OCI_MEDIA_TYPE_PATTERN } from "./media-types/grammar.js";
export { MediaTypeError } from "./media-types/media-type-error.js";
export { parseMediaType } from "./media-types/parse.js";
export type { LayerCompression, MediaTypeKind, ParsedMediaType } from "./media-types/types.js";
// Validation: the validators, the document types and their guards, the result and issue types.
export * from "./validate/public-types.js";
export {
  validate,
  validateDescriptor,
  validateDockerManifest,
  validateDockerManifestList,
  validateFalcoConfig,
  validateImageConfig,
  validateImageIndex,
  validateImageManifest,
} from "./validate/validate.js";
// The vocabulary options are checked against.
export {
  type IssueCode,
  issueCodeNames,
  type TargetName,
  targetNames,
} from "./vocabulary/vocabulary.generated.js";
