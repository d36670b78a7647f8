// The Falco artifact config blob, as falcoctl decodes it (pkg/oci/types.go, ArtifactConfig). Every
// field is optional: falcoctl marshals with `omitempty`, so `{}` is a valid config.

import type { MemberPresence } from "../validate/types/member-presence.js";

/** The three artifact kinds falcoctl pushes (pkg/oci/types.go, ArtifactType). */
export type FalcoArtifactKind = "rulesfile" | "plugin" | "asset";

/** A name and version pair: an alternative of a dependency (falcoctl's `Dependency`). */
export interface FalcoAlternative {
  /** Artifact name, `^[a-z]+[a-z0-9-_]*$` when written by falcoctl's CLI. */
  name: string;
  /** Semantic version of the artifact. */
  version: string;
}

/** A dependency of a rules file on a plugin, with optional alternatives (falcoctl's `ArtifactDependency`). */
export interface FalcoDependency {
  /** Name of the artifact depended on. */
  name: string;
  /** Lowest compatible version. */
  version: string;
  /** Other artifacts that satisfy the dependency as well, sorted by name. */
  alternatives?: FalcoAlternative[];
}

/** A requirement on the consumer (falcoctl's `ArtifactRequirement`), e.g. `engine_version_semver` ≥ 0.37.0. */
export interface FalcoRequirement {
  /** What is required: `engine_version_semver`, `plugin_api_version`, or the legacy `engine_version`. */
  name: string;
  /** The minimum version; a semver string, or an integer string for the legacy `engine_version`. */
  version: string;
}

/**
 * The config blob of a Falco rulesfile, plugin or asset artifact (media type
 * `application/vnd.cncf.falco.<kind>.config.v1+json`), in falcoctl's field order.
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
