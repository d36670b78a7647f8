import type { DocumentKind } from "../../validate/types.js";
import type { Issue, Severity } from "../../vocabulary/issue.js";
import { isJsonObject } from "../document-fields.js";
import { containerdProfile } from "./containerd.js";
import { containersImageProfile } from "./containers-image.js";
import { distributionProfile } from "./distribution.js";
import { dockerhubProfile } from "./dockerhub.js";
import { ecrProfile } from "./ecr.js";
import { garProfile } from "./gar.js";
import { gitlabProfile } from "./gitlab.js";
import { harborProfile } from "./harbor.js";
import type { ProfileCheck, RegistryProfile } from "./profile.js";
import { quayProfile } from "./quay.js";
import { zotProfile } from "./zot.js";

export type {
  ProfileCheck,
  ProfileContext,
  ProfileSource,
  RegistryProfile,
  RegistryResponse,
} from "./profile.js";

/**
 * Every registry compatibility profile, by the name used in `targets` and `--target`.
 *
 * @example
 * registryProfiles.map((profile) => profile.name) // ["gitlab", "distribution", "zot", "quay", "harbor", "ecr", "gar", "dockerhub", "containers-image", "containerd"]
 * registryProfiles.flatMap((profile) => profile.checks.map((check) => `${check.code}: ${check.ref}`))
 */
export const registryProfiles: readonly RegistryProfile[] = [
  gitlabProfile,
  distributionProfile,
  zotProfile,
  quayProfile,
  harborProfile,
  ecrProfile,
  garProfile,
  dockerhubProfile,
  containersImageProfile,
  containerdProfile,
];

/**
 * Issue code of the finding {@link profileFindings} reports for a target name no profile has.
 *
 * @example
 * validate(bytes, { targets: ["gitlba"] }).issues[0].code === TARGET_UNKNOWN // true
 */
export const TARGET_UNKNOWN = "target-unknown";

/**
 * Thrown for a target name no profile has; the message lists the known names.
 *
 * @example
 * try { createPolicy({ targets: ["gitlba"] }) } catch (error) { if (error instanceof UnknownTargetError) console.error(error.message) }
 */
export class UnknownTargetError extends RangeError {
  /** The name that matched no profile. */
  readonly target: string;
  constructor(target: string) {
    super(
      `unknown target "${target}": known targets are ${registryProfiles.map((profile) => profile.name).join(", ")}`,
    );
    this.name = "UnknownTargetError";
    this.target = target;
  }
}

/**
 * The profiles for a list of target names (case-insensitive, duplicates ignored, order kept).
 * Throws {@link UnknownTargetError} naming the known targets for a name no profile has.
 *
 * @example
 * resolveTargets(["gitlab", "ecr"]).map((profile) => profile.name) // → ["gitlab", "ecr"]
 * resolveTargets(["gitlba"]) // throws: unknown target "gitlba": known targets are gitlab, distribution, …
 */
export function resolveTargets(targets: readonly string[]): RegistryProfile[] {
  const resolved: RegistryProfile[] = [];
  for (const target of targets) {
    const name = target.trim().toLowerCase();
    const profile = registryProfiles.find((candidate) => candidate.name === name);
    if (!profile) throw new UnknownTargetError(target);
    if (!resolved.includes(profile)) resolved.push(profile);
  }
  return resolved;
}

/**
 * The profile check that owns an issue code, if any: its source, whether the registry refuses, and
 * the registry's own answer.
 *
 * @example
 * findProfileCheck("target-ecr-config-annotations")?.response // { status: 405, code: "UNSUPPORTED", message: "Invalid parameter at 'ImageManifest' …" }
 */
export function findProfileCheck(code: string): ProfileCheck | undefined {
  for (const profile of registryProfiles) {
    const check = profile.checks.find((candidate) => candidate.code === code);
    if (check) return check;
  }
  return undefined;
}

/**
 * Options for {@link profileFindings}.
 *
 * @example
 * const options: ProfileFindingOptions = { contentType: "application/vnd.oci.image.manifest.v1+json", bytes };
 * profileFindings(manifest, "image-manifest", ["gitlab", "ecr"], options);
 */
export interface ProfileFindingOptions {
  /** The Content-Type the document arrived with. */
  contentType?: string | undefined;
  /** The raw bytes, when known. */
  bytes?: Uint8Array | undefined;
}

/**
 * The one meaning of a target: "will this registry take it?". A check that predicts a refusal
 * (`refuses: true`) reports an `error`, in `validate`, `ocispec lint` and the gate alike; a
 * prediction that is not a refusal (accepted but handled differently, or refused only under a
 * condition the document cannot show) stays a `warning`.
 *
 * @example
 * targetSeverity(findProfileCheck("target-ecr-config-annotations")!) // "error"
 */
export function targetSeverity(check: Pick<ProfileCheck, "refuses">): Severity {
  return check.refuses ? "error" : "warning";
}

/**
 * What the named registries would refuse (or handle differently) in a parsed document, as issues
 * (severity from `targetSeverity`: `error` for a predicted refusal, else `warning`) with `ref`
 * naming the source. Pure, and never throws: an unknown target name is
 * itself a finding (`target-unknown`, an error naming the known targets). It does not call
 * `validate`; the `validate` pipeline calls it for `options.targets`, and so can anyone holding a
 * parsed document.
 *
 * @example
 * profileFindings(falcoAssetManifest, "image-manifest", ["gitlab"])
 * // → [{ code: "target-gitlab-unknown-media-type", severity: "error", path: "/config/mediaType",
 * //      message: "config.mediaType \"application/vnd.cncf.falco.asset.config.v1+json\" is not in GitLab's media-type table: …" }]
 */
export function profileFindings(
  document: unknown,
  kind: DocumentKind,
  targets: readonly string[],
  options: ProfileFindingOptions = {},
): Issue[] {
  const issues: Issue[] = [];
  const profiles: RegistryProfile[] = [];
  // A JavaScript caller may pass one name as a string; iterating it would yield letters.
  for (const target of typeof targets === "string" ? [targets as string] : targets) {
    try {
      for (const profile of resolveTargets([target])) if (!profiles.includes(profile)) profiles.push(profile);
    } catch (error) {
      if (!(error instanceof UnknownTargetError)) throw error;
      issues.push({ code: TARGET_UNKNOWN, severity: "error", path: "", message: error.message });
    }
  }
  if (!isJsonObject(document)) return issues;
  const context = { kind, contentType: options.contentType, bytes: options.bytes };
  for (const profile of profiles) {
    for (const check of profile.checks) {
      check.check(
        document,
        (path, message) =>
          issues.push({ code: check.code, severity: targetSeverity(check), path, message, ref: check.ref }),
        context,
      );
    }
  }
  return issues;
}
