// The public surface of ocispec: re-exports only, every name deliberate — docs/api-report.md lists
// each with its signature (scripts/api-report.mjs regenerates it; test/api-report.test.ts fails on
// a difference). `ocispec/core` (src/core.ts) is the validating subset; `ocispec/node`
// (src/node.ts) adds what needs Node (the file-system layout store). Internals — the strict
// reader's member-name machinery, the kind specs, the rule interface, the profiles' lookups — are
// imported by path inside the package and its tests, never from here.
export * from "./builders/index.js";
export * from "./client/index.js";
export * from "./digest/index.js";
export * from "./falco/index.js";
// The lint report and its formatters (text, JSON, SARIF, GitHub), as `ocispec lint` uses them.
export * from "./format/index.js";
// The strict JSON reader (docs/security.md).
export type { SourcePosition } from "./json/position.js";
export { type JsonReadOptions, type JsonReadResult, readJson } from "./json/read-json.js";
// The layout check and the image content checks (docs/layout.md).
export { type LayoutIssueCode, layoutIssueCodes } from "./layout/layout-issue-codes.js";
export {
  type LayoutFile,
  type LayoutLintResult,
  type LintLayoutOptions,
  lintLayout,
  MAX_LAYOUT_DEPTH,
} from "./layout/lint-layout.js";
export { memoryLayoutStore } from "./layout/memory-store.js";
export type { IncrementalHash, LayoutFileStat, LayoutStore } from "./layout/store.js";
export * from "./media-types/index.js";
// Registries (docs/registry.md).
export {
  type DistributionError,
  type DistributionErrorBody,
  type DistributionErrorDetail,
  type DistributionErrorInput,
  type DistributionResponse,
  toDistributionError,
  toDistributionResponse,
} from "./registry/distribution-error.js";
export {
  type DistributionErrorCode,
  distributionErrorMessages,
  uploadIssueCodes,
} from "./registry/error-codes.js";
export {
  createPolicy,
  DEFAULT_MANIFEST_TYPES,
  DEFAULT_MAX_MANIFEST_BYTES,
  isPolicy,
  type MediaTypeAllowance,
  type Policy,
  type PolicyContext,
  type PolicyOptions,
  policyFindings,
  type UnknownMediaTypeAction,
} from "./registry/policy.js";
export {
  type ProfileCheck,
  type ProfileContext,
  type ProfileFindingOptions,
  type ProfileSource,
  profileFindings,
  type RegistryProfile,
  type RegistryResponse,
  registryProfiles,
  TARGET_UNKNOWN,
} from "./registry/profiles/index.js";
export { type ManifestReference, parseManifestReference } from "./registry/reference.js";
export {
  type RefusalStatus,
  type UploadAccepted,
  type UploadOptions,
  type UploadRefused,
  type UploadResult,
  validateUpload,
} from "./registry/upload.js";
// The validators that run the registry profiles for `options.targets`: these, not the core's
// (src/validate/validate.ts), are the root entry's.
export {
  validate,
  validateDescriptor,
  validateDockerManifest,
  validateDockerManifestList,
  validateFalcoConfig,
  validateImageConfig,
  validateImageIndex,
  validateImageManifest,
} from "./registry/validate-with-targets.generated.js";
// Validation (docs/validation.md): results, issues, the rule catalog, the document types and guards.
export * from "./validate/public-types.js";
export type { Report } from "./validate/rule.js";
export { type RuleCatalogEntry, ruleCatalog } from "./validate/rule-catalog.js";
// The vocabulary: every issue code and target name, as unions and as lists.
export {
  type IssueCode,
  issueCodeNames,
  type TargetName,
  targetNames,
} from "./vocabulary/vocabulary.generated.js";
