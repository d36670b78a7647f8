export type { CompiledValidator, CompiledValidatorError } from "./compiled-validator.js";
export { type DescriptorPlace, documentKinds, type JsonObject, type KindSpec } from "./kinds.js";
export * from "./public-types.js";
export type { Report, Rule, RuleContext } from "./rule.js";
export { type RuleCatalogEntry, ruleCatalog } from "./rule-catalog.js";
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
