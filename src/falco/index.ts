export { createTar, TarError, type TarFileContent, type TarFiles, type TarOptions } from "./archive/tar.js";
export { createTarGz } from "./archive/tar-gz.js";
export { falcoArtifactKinds, falcoKindOfConfig, falcoKindOfLayer, falcoMediaTypes } from "./media-types.js";
export { falcoRequirementVersionProblem, knownFalcoRequirements } from "./requirements.js";
export {
  FALCO_NAME_PATTERN,
  FALCO_SEMVER_PATTERN,
  FalcoSyntaxError,
  isFalcoName,
  isFalcoSemver,
  parseFalcoDependency,
  parseFalcoRequirement,
} from "./syntax.js";
export type {
  FalcoAlternative,
  FalcoArtifactKind,
  FalcoConfig,
  FalcoDependency,
  FalcoRequirement,
} from "./types.js";
