// `ocispec/core`: what a registry or a pre-push hook imports to validate — the media-type table and
// its lookups, `validate` and the kind-specific validators, the type guards, the digest functions.
// Re-exports only. No builders, Falco builders, registry policy, error envelopes or profiles: the
// core's validators answer `options.targets` with a `targets-unsupported` error (the root entry's
// validators run the profiles). Everything here is also exported, unchanged, by `ocispec`.

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
// The media-type table, its lookups and predicates, RFC 6838 parsing.
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
export { dockerToOci, ociToDocker } from "./media-types/equivalents.js";
export { OCI_MEDIA_TYPE_PATTERN } from "./media-types/grammar.js";
export { lookupMediaType } from "./media-types/lookup.js";
export { MediaTypeError } from "./media-types/media-type-error.js";
export { parseMediaType } from "./media-types/parse.js";
export { mediaTypes } from "./media-types/table.js";
export type {
  KnownBy,
  LayerCompression,
  MediaTypeInfo,
  MediaTypeKind,
  MediaTypeStatus,
  ParsedMediaType,
} from "./media-types/types.js";
// Validation: the validators, the document types and their guards, the result and issue types.
export type { Issue, Severity, SeveritySetting } from "./validate/issue.js";
export { type Descriptor, isDescriptor } from "./validate/types/descriptor.js";
export {
  type DockerManifest,
  type DockerManifestList,
  isDockerManifest,
  isDockerManifestList,
} from "./validate/types/docker.js";
export {
  type ImageConfig,
  type ImageConfigExecution,
  type ImageConfigHistory,
  type ImageConfigRootfs,
  isImageConfig,
} from "./validate/types/image-config.js";
export { type ImageIndex, isImageIndex, type Platform } from "./validate/types/image-index.js";
export { type ImageLayout as ImageLayoutHeader, isImageLayout } from "./validate/types/image-layout.js";
export { type ImageManifest, isImageManifest } from "./validate/types/image-manifest.js";
export type {
  DocumentKind,
  Preset,
  ValidateOptions,
  ValidationLimits,
  ValidationResult,
} from "./validate/types.js";
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
