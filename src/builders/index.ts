export { BuildError } from "./build-error.js";
export type { Built } from "./built.js";
export { type CanonicalJsonOptions, canonicalJson } from "./canonical-json.js";
export { buildDescriptor, type DescriptorExtras } from "./descriptor.js";
export type { DescriptorInput, DescriptorLike } from "./descriptor-field.js";
export type {
  BuiltDescriptor,
  BuiltImageIndex,
  BuiltImageManifest,
  BuiltPlatform,
} from "./document-types.js";
export { emptyBlob, emptyDescriptor } from "./empty-descriptor.js";
export {
  buildFalcoArtifact,
  type FalcoArtifact,
  type FalcoArtifactInput,
  type FalcoBlob,
  type FalcoPlatformFiles,
} from "./falco-artifact.js";
export { buildFalcoConfig, type FalcoConfigInput } from "./falco-config.js";
export { buildImageIndex, type ImageIndexInput } from "./image-index.js";
export {
  buildImageLayout,
  type ImageLayout,
  type ImageLayoutBlob,
  type ImageLayoutEntry,
  type ImageLayoutFile,
  type ImageLayoutInput,
  REF_NAME_ANNOTATION,
} from "./image-layout.js";
export { buildImageManifest, type ImageManifestInput } from "./image-manifest.js";
export {
  type BuiltReferrersIndex,
  buildReferrersIndex,
  type ReferrerInput,
  type ReferrersIndexOptions,
} from "./referrers-index.js";
