export type { Issue, Severity, SeveritySetting } from "../vocabulary/issue.js";
export type { CompiledValidator, CompiledValidatorError } from "./compiled-validator.js";
export { type DescriptorPlace, documentKinds, type JsonObject, type KindSpec } from "./kinds.js";
export type { Report, Rule, RuleContext } from "./rule.js";
export { type RuleCatalogEntry, ruleCatalog } from "./rule-catalog.js";
export { type Descriptor, isDescriptor } from "./types/descriptor.js";
export {
  type DockerManifest,
  type DockerManifestList,
  isDockerManifest,
  isDockerManifestList,
} from "./types/docker.js";
export {
  type ImageConfig,
  type ImageConfigExecution,
  type ImageConfigHistory,
  type ImageConfigRootfs,
  isImageConfig,
} from "./types/image-config.js";
export { type ImageIndex, isImageIndex, type Platform } from "./types/image-index.js";
export { type ImageLayout as ImageLayoutHeader, isImageLayout } from "./types/image-layout.js";
export { type ImageManifest, isImageManifest } from "./types/image-manifest.js";
export type { DocumentKind, Preset, ValidateOptions, ValidationLimits, ValidationResult } from "./types.js";
export {
  validate,
  validateDescriptor,
  validateDockerManifest,
  validateDockerManifestList,
  validateFalcoConfig,
  validateImageConfig,
  validateImageIndex,
  validateImageManifest,
} from "./validate.js";
