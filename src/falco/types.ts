// The Falco artifact config blob, as falcoctl decodes it (pkg/oci/types.go, ArtifactConfig). Every
// field is optional: falcoctl marshals with `omitempty`, so `{}` is a valid config.

import type { MemberPresence } from "../json/member-presence.js";

/**
 * The three artifact kinds falcoctl pushes (pkg/oci/types.go, ArtifactType).
 *
 * @example
 * const kind: FalcoArtifactKind = "plugin";
 * buildFalcoConfig({ kind, name: "k8saudit", version: "0.7.0" }).descriptor.mediaType;
 * // "application/vnd.cncf.falco.plugin.config.v1+json"
 */
export type FalcoArtifactKind = "rulesfile" | "plugin" | "asset";

/**
 * A name and version pair: an alternative of a dependency (falcoctl's `Dependency`).
 *
 * @example
 * const alternative: FalcoAlternative = { name: "k8saudit-gke", version: "0.1.0" };
 * parseFalcoDependency("k8saudit:0.7.0|k8saudit-gke:0.1.0").alternatives; // [alternative]
 */
export interface FalcoAlternative {
  /** Artifact name, `^[a-z]+[a-z0-9-_]*$` when written by falcoctl's CLI. */
  name: string;
  /** Semantic version of the artifact. */
  version: string;
}

/**
 * A dependency of a rules file on a plugin, with optional alternatives (falcoctl's `ArtifactDependency`).
 *
 * @example
 * const dependency: FalcoDependency = parseFalcoDependency("k8saudit:0.7.0|k8saudit-gke:0.1.0");
 * // { name: "k8saudit", version: "0.7.0", alternatives: [{ name: "k8saudit-gke", version: "0.1.0" }] }
 */
export interface FalcoDependency {
  /** Name of the artifact depended on. */
  name: string;
  /** Lowest compatible version. */
  version: string;
  /** Other artifacts that satisfy the dependency as well, sorted by name. */
  alternatives?: FalcoAlternative[];
}

/**
 * A requirement on the consumer (falcoctl's `ArtifactRequirement`), e.g. `engine_version_semver` ≥ 0.37.0.
 *
 * @example
 * const requirement: FalcoRequirement = parseFalcoRequirement("engine_version_semver:0.37.0");
 * // { name: "engine_version_semver", version: "0.37.0" }
 */
export interface FalcoRequirement {
  /** What is required: `engine_version_semver`, `plugin_api_version`, or the legacy `engine_version`. */
  name: string;
  /** The minimum version; a semver string, or an integer string for the legacy `engine_version`. */
  version: string;
}

/**
 * The config blob of a Falco rulesfile, plugin or asset artifact (media type
 * `application/vnd.cncf.falco.<kind>.config.v1+json`), in falcoctl's field order.
 *
 * @example
 * const config: FalcoConfig = buildFalcoConfig({ name: "falco-rules", version: "2.0.0", requirements: ["engine_version:26"] }).document;
 * // { name: "falco-rules", version: "2.0.0", requirements: [{ name: "engine_version", version: "26" }] }
 */
export interface FalcoConfig {
  /** The artifact's name, as the Falco index lists it. */
  name?: string;
  /** The artifact's version. */
  version?: string;
  /** Artifacts this one needs installed (rules files depend on plugins), sorted by name. */
  dependencies?: FalcoDependency[];
  /** Requirements on the engine or plugin API, sorted by name. */
  requirements?: FalcoRequirement[];
}

/** Every member of {@link FalcoConfig} with its presence, checked against schemas/falco/config.json. */
export const falcoConfigMembers = {
  name: "optional",
  version: "optional",
  dependencies: "optional",
  requirements: "optional",
} as const satisfies MemberPresence<FalcoConfig>;

/** Every member of {@link FalcoDependency} with its presence. */
export const falcoDependencyMembers = {
  name: "required",
  version: "required",
  alternatives: "optional",
} as const satisfies MemberPresence<FalcoDependency>;

/** Every member of {@link FalcoRequirement} (and of {@link FalcoAlternative}) with its presence. */
export const falcoRequirementMembers = {
  name: "required",
  version: "required",
} as const satisfies MemberPresence<FalcoRequirement>;
