// Builds the Falco config blob byte for byte as falcoctl writes it: Go encoding/json over
// ArtifactConfig (field order name, version, dependencies, requirements; `omitempty`; HTML-safe
// escaping), with dependencies, alternatives and requirements de-duplicated and sorted by name
// (pkg/oci/types.go, SetDependency / SetAlternative / SetRequirement).

import { falcoMediaTypes } from "../falco/media-types.js";
import { falcoRequirementVersionProblem } from "../falco/requirements.js";
import {
  FalcoSyntaxError,
  isFalcoName,
  isFalcoSemver,
  parseFalcoDependency,
  parseFalcoRequirement,
  setAlternative,
} from "../falco/syntax.js";
import type {
  FalcoAlternative,
  FalcoArtifactKind,
  FalcoConfig,
  FalcoDependency,
  FalcoRequirement,
} from "../falco/types.js";
import { compareUtf8 } from "../json/utf8-order.js";
import { BuildError } from "./build-error.js";
import type { Built } from "./built.js";
import { canonicalJson } from "./canonical-json.js";
import { buildDescriptor } from "./descriptor.js";

/**
 * Input of {@link buildFalcoConfig}.
 *
 * @example
 * const input: FalcoConfigInput = {
 *   kind: "plugin",
 *   name: "k8saudit",
 *   version: "0.7.0",
 *   requirements: ["plugin_api_version:3.0.0"], // or { name, version } objects
 * };
 * new TextDecoder().decode(buildFalcoConfig(input).bytes);
 * // {"name":"k8saudit","version":"0.7.0","requirements":[{"name":"plugin_api_version","version":"3.0.0"}]}
 */
export interface FalcoConfigInput {
  /** Which artifact the config belongs to; selects the descriptor's media type. Default `"rulesfile"`. */
  kind?: FalcoArtifactKind;
  /** The artifact's name (`^[a-z]+[a-z0-9-_]*$`); empty or absent leaves the field out. */
  name?: string;
  /** The artifact's version (semver without build metadata); empty or absent leaves the field out. */
  version?: string;
  /** Dependencies, as objects or in falcoctl's CLI syntax `name:version|alt:version`. */
  dependencies?: readonly (string | FalcoDependency)[];
  /** Requirements, as objects or in falcoctl's CLI syntax `name:version`. */
  requirements?: readonly (string | FalcoRequirement)[];
}

function checkName(field: string, name: unknown): string {
  if (typeof name !== "string" || !isFalcoName(name)) {
    throw new BuildError(
      field,
      `${JSON.stringify(name)} is not a Falco artifact name; it must match ^[a-z]+[a-z0-9-_]*$`,
    );
  }
  return name;
}

function checkVersion(field: string, version: unknown): string {
  if (typeof version !== "string" || !isFalcoSemver(version)) {
    throw new BuildError(
      field,
      `${JSON.stringify(version)} is not a semantic version without build metadata (like "1.2.3" or "1.2.3-rc.1"), as falcoctl requires`,
    );
  }
  return version;
}

function parsed<T>(field: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof FalcoSyntaxError) throw new BuildError(field, error.message);
    throw error;
  }
}

function normaliseDependencies(input: readonly (string | FalcoDependency)[]): FalcoDependency[] {
  const result: FalcoDependency[] = [];
  input.forEach((item, i) => {
    const field = `dependencies[${i}]`;
    const dependency = typeof item === "string" ? parsed(field, () => parseFalcoDependency(item)) : item;
    if (typeof dependency !== "object" || dependency === null) {
      throw new BuildError(
        field,
        'must be a { name, version, alternatives? } object or a "name:version|alt:version" string',
      );
    }
    const name = checkName(`${field}.name`, dependency.name);
    const version = checkVersion(`${field}.version`, dependency.version);
    const alternatives: FalcoAlternative[] = (dependency.alternatives ?? []).map((alt, j) => ({
      name: checkName(`${field}.alternatives[${j}].name`, alt?.name),
      version: checkVersion(`${field}.alternatives[${j}].version`, alt?.version),
    }));
    // SetDependency: a repeated name keeps its place and takes the later version; ParseDependencies
    // then adds the later alternatives to it through SetAlternative.
    let target = result.find((d) => d.name === name);
    if (target) target.version = version;
    else {
      target = { name, version };
      result.push(target);
    }
    for (const alternative of alternatives) {
      target.alternatives ??= [];
      setAlternative(target.alternatives, alternative);
    }
  });
  return result.sort((a, b) => compareUtf8(a.name, b.name));
}

function normaliseRequirements(input: readonly (string | FalcoRequirement)[]): FalcoRequirement[] {
  const result: FalcoRequirement[] = [];
  input.forEach((item, i) => {
    const field = `requirements[${i}]`;
    const requirement = typeof item === "string" ? parsed(field, () => parseFalcoRequirement(item)) : item;
    if (typeof requirement !== "object" || requirement === null) {
      throw new BuildError(field, 'must be a { name, version } object or a "name:version" string');
    }
    const name = checkName(`${field}.name`, requirement.name);
    if (typeof requirement.version !== "string" || requirement.version === "") {
      throw new BuildError(
        `${field}.version`,
        'must be a non-empty string, like "0.37.0" (or "26" for engine_version)',
      );
    }
    const problem = falcoRequirementVersionProblem(name, requirement.version);
    if (problem) throw new BuildError(`${field}.version`, `${problem}; Falco could not compare it`);
    // SetRequirement: a repeated name takes the later version.
    const existing = result.find((r) => r.name === name);
    if (existing) existing.version = requirement.version;
    else result.push({ name, version: requirement.version });
  });
  return result.sort((a, b) => compareUtf8(a.name, b.name));
}

/**
 * Builds a Falco artifact config blob with the exact bytes falcoctl pushes: compact JSON in Go's
 * struct field order (`name`, `version`, `dependencies`, `requirements`; in a dependency `name`,
 * `version`, `alternatives`), empty fields left out, `<` `>` `&` escaped as Go does, and
 * dependencies, alternatives and requirements de-duplicated by name (the later version wins) and
 * sorted by name. The same input always gives the same digest as falcoctl.
 *
 * @throws {BuildError} naming the field, for names or versions falcoctl's CLI would refuse.
 * @example
 * const { bytes, descriptor } = buildFalcoConfig({
 *   name: "falco-rules", version: "2.0.0", requirements: ["engine_version:26"],
 * });
 * new TextDecoder().decode(bytes)
 * // '{"name":"falco-rules","version":"2.0.0","requirements":[{"name":"engine_version","version":"26"}]}'
 * descriptor.digest // "sha256:5edca1a8eea6c01df18acab6956b1e285c72890dc4cf719a86e73bb2c43c70d5"
 */
export function buildFalcoConfig(input: FalcoConfigInput = {}): Built<FalcoConfig> {
  const kind = input.kind ?? "rulesfile";
  const media = falcoMediaTypes[kind];
  if (!media)
    throw new BuildError("kind", `${JSON.stringify(kind)} is not one of "rulesfile", "plugin", "asset"`);
  const dependencies = normaliseDependencies(input.dependencies ?? []);
  const requirements = normaliseRequirements(input.requirements ?? []);
  const document: FalcoConfig = {};
  if (input.name !== undefined && input.name !== "") document.name = checkName("name", input.name);
  if (input.version !== undefined && input.version !== "")
    document.version = checkVersion("version", input.version);
  if (dependencies.length > 0) document.dependencies = dependencies;
  if (requirements.length > 0) document.requirements = requirements;
  const bytes = canonicalJson(document, { maps: [] });
  return { document, bytes, descriptor: buildDescriptor(bytes, media.config).descriptor };
}
