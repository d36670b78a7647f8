// Registry integration: acceptance policy, distribution-spec error envelopes, compatibility profiles.
export {
  type DistributionError,
  type DistributionErrorBody,
  type DistributionErrorDetail,
  type DistributionErrorInput,
  type DistributionResponse,
  toDistributionError,
  toDistributionResponse,
} from "./distribution-error.js";
export {
  type DescriptorField,
  descriptorFields,
  type MediaTypeField,
  type MediaTypePosition,
  mediaTypeFields,
} from "./document-fields.js";
export { type DistributionErrorCode, distributionErrorMessages, uploadIssueCodes } from "./error-codes.js";
export {
  createPolicy,
  DEFAULT_MANIFEST_TYPES,
  DEFAULT_MAX_MANIFEST_BYTES,
  type MediaTypeAllowance,
  type Policy,
  type PolicyContext,
  type PolicyOptions,
  policyFindings,
  type UnknownMediaTypeAction,
} from "./policy.js";
export {
  findProfileCheck,
  type ProfileCheck,
  type ProfileContext,
  type ProfileFindingOptions,
  type ProfileSource,
  profileFindings,
  type RegistryProfile,
  type RegistryResponse,
  registryProfiles,
  resolveTargets,
  TARGET_UNKNOWN,
  UnknownTargetError,
} from "./profiles/index.js";
export { type ManifestReference, parseManifestReference } from "./reference.js";
export { type UploadOptions, type UploadResult, validateUpload } from "./upload.js";
