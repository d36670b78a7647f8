// The document types, their guards, and the issue and result types: what `ocispec` and
// `ocispec/core` both export, stated once (src/index.ts and src/core.ts re-export this file).
export type { Issue, Severity, SeveritySetting } from "../vocabulary/issue.js";
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
export type {
  DocumentKind,
  DocumentOfKind,
  InvalidResult,
  Preset,
  ResultOf,
  RuleOverrides,
  ValidateOptions,
  ValidationLimits,
  ValidationResult,
  ValidResult,
} from "./types.js";
