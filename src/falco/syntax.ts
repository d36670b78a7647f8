// falcoctl's command-line syntax for dependencies and requirements, and the name and version rules
// its CLI enforces (pkg/artifact/artifact.go; pkg/oci/types.go, ParseDependencies / ParseRequirements).

import { compareUtf8 } from "../json/utf8-order.js";
import type { FalcoAlternative, FalcoDependency, FalcoRequirement } from "./types.js";

/**
 * falcoctl pkg/artifact/artifact.go `nameRgx`, "inherited from the plugin naming convention":
 * `^[a-z]+[a-z0-9-_]*$`.
 *
 * @example
 * FALCO_NAME_PATTERN.test("k8saudit-rules"); // true
 * FALCO_NAME_PATTERN.test("K8s"); // false: lower case only
 */
export const FALCO_NAME_PATTERN = /^[a-z]+[a-z0-9_-]*$/;

/**
 * falcoctl pkg/artifact/artifact.go `semVerRgx`: semver.org's suggested expression without the build
 * metadata part, so `1.2.3-rc.1` matches and `1.2.3+abc` does not.
 *
 * @example
 * FALCO_SEMVER_PATTERN.test("1.2.3-rc.1"); // true
 * FALCO_SEMVER_PATTERN.test("1.2.3+abc"); // false: no build metadata
 */
export const FALCO_SEMVER_PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?$/;

/**
 * Thrown for a dependency or requirement that falcoctl's CLI would refuse.
 *
 * @example
 * try {
 *   parseFalcoRequirement("engine_version_semver");
 * } catch (error) {
 *   if (error instanceof FalcoSyntaxError) console.log(error.input, error.message);
 *   // engine_version_semver cannot parse "engine_version_semver": a requirement must be in the format "name:version"
 * }
 */
export class FalcoSyntaxError extends Error {
  /** Always `"FalcoSyntaxError"`, so logs and `error.name` checks tell it apart. */
  override name = "FalcoSyntaxError";
  /** The text that could not be parsed. */
  readonly input: string;

  constructor(input: string, message: string) {
    super(`cannot parse ${JSON.stringify(input)}: ${message}`);
    this.input = input;
  }
}

/**
 * Whether `name` is an artifact name falcoctl's CLI accepts.
 *
 * @example
 * isFalcoName("falco-rules"); // true
 * isFalcoName("ghcr.io/falcosecurity/rules"); // false: a reference, not a name
 */
export function isFalcoName(name: string): boolean {
  return FALCO_NAME_PATTERN.test(name);
}

/**
 * Whether `version` is a semantic version without build metadata, as falcoctl's CLI requires.
 *
 * @example
 * isFalcoSemver("0.37.0"); // true
 * isFalcoSemver("0.37"); // false
 */
export function isFalcoSemver(version: string): boolean {
  return FALCO_SEMVER_PATTERN.test(version);
}

/** falcoctl artifact.ParseRef: exactly one `:`, a valid name, a semver version. */
function parseRef(ref: string): FalcoAlternative {
  const parts = ref.split(":");
  if (parts.length !== 2) {
    throw new FalcoSyntaxError(ref, 'invalid artifact reference (must be in the format "name:version")');
  }
  const [name, version] = parts as [string, string];
  if (!isFalcoName(name)) {
    throw new FalcoSyntaxError(
      ref,
      `invalid artifact name ${JSON.stringify(name)} (must match "[a-z]+[a-z0-9-_]*")`,
    );
  }
  if (!isFalcoSemver(version)) {
    throw new FalcoSyntaxError(
      ref,
      `invalid artifact version ${JSON.stringify(version)} (must be a valid semver string without build metadata)`,
    );
  }
  return { name, version };
}

/**
 * Adds or updates an alternative by name, keeping the list sorted by name: falcoctl's
 * `ArtifactDependency.SetAlternative` (a repeated name keeps its place and takes the later version).
 */
export function setAlternative(alternatives: FalcoAlternative[], alternative: FalcoAlternative): void {
  const existing = alternatives.find((a) => a.name === alternative.name);
  if (existing) existing.version = alternative.version;
  else {
    alternatives.push({ name: alternative.name, version: alternative.version });
    alternatives.sort((a, b) => compareUtf8(a.name, b.name));
  }
}

/**
 * Parses a dependency in falcoctl's CLI syntax, `name:version|alt1:version1|alt2:version2`: the first
 * reference is the dependency, the others its alternatives (sorted by name, de-duplicated by name with
 * the later version winning). Every name must match `^[a-z]+[a-z0-9-_]*$` and every version must be
 * semver without build metadata, as falcoctl's `artifact.ParseRef` demands.
 *
 * @throws {FalcoSyntaxError} naming the reference and the rule it breaks.
 * @example
 * parseFalcoDependency("k8saudit:0.6.0|k8saudit-eks:0.2.0")
 * // { name: "k8saudit", version: "0.6.0", alternatives: [{ name: "k8saudit-eks", version: "0.2.0" }] }
 */
export function parseFalcoDependency(text: string): FalcoDependency {
  const [first, ...rest] = text.split("|").map(parseRef) as [FalcoAlternative, ...FalcoAlternative[]];
  const alternatives: FalcoAlternative[] = [];
  for (const alternative of rest) setAlternative(alternatives, alternative);
  return alternatives.length > 0 ? { ...first, alternatives } : first;
}

/**
 * Parses a requirement in falcoctl's CLI syntax, `name:version` (exactly one `:`), as
 * `ArtifactConfig.ParseRequirements` does. The version is not checked against semver: the legacy
 * `engine_version` requirement carries an integer (`engine_version:26`). Empty names and versions,
 * which falcoctl lets through, are refused.
 *
 * @throws {FalcoSyntaxError} when the text is not `name:version`.
 * @example
 * parseFalcoRequirement("engine_version_semver:0.37.0") // { name: "engine_version_semver", version: "0.37.0" }
 */
export function parseFalcoRequirement(text: string): FalcoRequirement {
  const parts = text.split(":");
  if (parts.length !== 2)
    throw new FalcoSyntaxError(text, 'a requirement must be in the format "name:version"');
  const [name, version] = parts as [string, string];
  if (name === "") throw new FalcoSyntaxError(text, "the requirement name is empty");
  if (version === "") throw new FalcoSyntaxError(text, "the requirement version is empty");
  return { name, version };
}
