// The public surface of ocispec: re-exports only. `ocispec/core` (src/core.ts) is the validating
// subset of it.
export * from "./build/index.js";
export * from "./digest/index.js";
export * from "./falco/index.js";
// The lint report and its formatters (text, JSON, SARIF, GitHub), as `ocispec lint` uses them.
export * from "./format/index.js";
export * from "./json/index.js";
export * from "./media-types/index.js";
export * from "./registry/index.js";
// The validators that run the registry profiles for `options.targets`: these, not the core's
// (src/validate/validate.ts, re-exported by the line above), are the root entry's.
export {
  validate,
  validateDescriptor,
  validateDockerManifest,
  validateDockerManifestList,
  validateFalcoConfig,
  validateImageConfig,
  validateImageIndex,
  validateImageManifest,
} from "./registry/validate-with-targets.js";
export * from "./validate/index.js";
