import { isFalcoSemver } from "./syntax.js";

/**
 * Requirement names Falco tools compare, with the version form each expects: `engine_version_semver`
 * and `plugin_api_version` carry a semantic version; the legacy `engine_version` carries Falco's
 * integer engine version (`"26"`, artifacts published before 2024) or a semantic version.
 *
 * @example
 * knownFalcoRequirements.engine_version_semver; // "semver"
 * knownFalcoRequirements.engine_version; // "engine": the legacy integer form ("26") or a semver
 * Object.hasOwn(knownFalcoRequirements, "engine_versoin"); // false: falco-requirement-unknown
 */
export const knownFalcoRequirements: Readonly<Record<string, "semver" | "engine">> = {
  engine_version_semver: "semver",
  plugin_api_version: "semver",
  engine_version: "engine",
};

/**
 * Why the version of a known requirement cannot be compared, or `undefined` when it can (or the
 * requirement is not one Falco tools know).
 *
 * @example
 * falcoRequirementVersionProblem("engine_version", "26") // undefined
 * falcoRequirementVersionProblem("plugin_api_version", "3") // 'plugin_api_version "3" is not a semantic version like "3.0.0"'
 */
export function falcoRequirementVersionProblem(name: string, version: string): string | undefined {
  const form = Object.hasOwn(knownFalcoRequirements, name) ? knownFalcoRequirements[name] : undefined;
  if (form === "semver" && !isFalcoSemver(version)) {
    return `${name} ${JSON.stringify(version)} is not a semantic version like "3.0.0"`;
  }
  if (form === "engine" && !/^(0|[1-9][0-9]*)$/.test(version) && !isFalcoSemver(version)) {
    return `engine_version ${JSON.stringify(version)} is neither an integer engine version like "26" nor a semantic version`;
  }
  return undefined;
}
