import type { Report, RuleContext } from "../../validate/rule.js";
import type { DocumentKind } from "../../validate/types.js";
import type { Severity } from "../../vocabulary/issue.js";
import type { IssueCode } from "../../vocabulary/vocabulary.generated.js";

/**
 * What a profile check may know besides the document: the detected kind and the Content-Type.
 *
 * @example
 * const context: ProfileContext = { kind: "image-manifest", contentType: "application/vnd.oci.image.manifest.v1+json" };
 * check.check(manifest, (path, message) => console.log(path, message), context);
 */
export interface ProfileContext extends RuleContext {
  /** The kind of document `validate` detected. */
  readonly kind: DocumentKind;
}

/**
 * The answer a registry sends when it refuses a push for this reason, as its code or tests show.
 *
 * @example
 * const response: RegistryResponse = { status: 405, code: "UNSUPPORTED", message: "Invalid parameter at 'ImageManifest' …" };
 * findProfileCheck("target-ecr-config-annotations")?.response; // this answer
 */
export interface RegistryResponse {
  /** HTTP status of the refusal. */
  readonly status: number;
  /** The `code` member of the registry's error body. */
  readonly code: string;
  /** The registry's message (or the start of it), verbatim where the source quotes it. */
  readonly message: string;
}

/**
 * One thing a registry refuses (or handles differently) beyond the specs: a `Rule`-like entry whose
 * findings are predictions about that registry. `refuses` alone decides the severity: a predicted
 * refusal is an `error`, anything else a `warning` (see `targetSeverity`).
 *
 * @example
 * const check: ProfileCheck = {
 *   code: "target-example-no-subject",
 *   ref: "https://example.com/registry/docs#manifests",
 *   description: "Example Registry refuses manifests with a subject.",
 *   refuses: true,
 *   check(document, report) {
 *     if ("subject" in document) report("/subject", "subject is refused by Example Registry: push without it");
 *   },
 * };
 */
export interface ProfileCheck {
  /** Stable kebab-case code, `target-<registry>-<what>`. */
  readonly code: IssueCode;
  /**
   * Not read: the severity follows `refuses` (`error` for a refusal, else `warning`). Kept optional
   * so that profiles written before that rule still compile; new checks leave it out.
   * @deprecated Set `refuses` instead.
   */
  readonly severity?: Severity;
  /** The source of the fact: a file at a commit, an issue, a merge request or a documentation page. */
  readonly ref: string;
  /** One sentence: what the registry does. */
  readonly description: string;
  /**
   * `true` when the registry answers the push with an error whenever the check fires; `false` when it
   * accepts but behaves differently, or refuses only under a condition the document cannot show.
   */
  readonly refuses: boolean;
  /** The registry's own answer when it refuses, when the source shows it. */
  readonly response?: RegistryResponse;
  /** The release the fact holds for, as read or executed: `distribution 2.8.2`, `Quay 3.6–3.11`. */
  readonly version?: string;
  /**
   * `executed`: test/differential runs the real implementation on every prediction of this check;
   * `read`: the fact is read from source or documentation (the default).
   */
  readonly evidence?: "executed" | "read";
  /** Examines the document and calls `report` for every finding. */
  check(document: Readonly<Record<string, unknown>>, report: Report, context: ProfileContext): void;
}

/**
 * One source a profile is built from.
 *
 * @example
 * const source: ProfileSource = { title: "falcoctl: push to ECR fails (405 Invalid JSON syntax)", url: "https://github.com/falcosecurity/falcoctl/issues/302" };
 */
export interface ProfileSource {
  /** What the source is, in a few words. */
  readonly title: string;
  /** Where to read it: a URL, or `owner/repo:path@commit`. */
  readonly url: string;
}

/**
 * What one registry refuses beyond the distribution and image specs, as data.
 *
 * @example
 * const profile: RegistryProfile = resolveTargets(["ecr"])[0]!;
 * profile.checks.map((check) => check.code); // ["target-ecr-config-annotations", "target-ecr-empty-blob"]
 */
export interface RegistryProfile {
  /** The name used in `targets` and `--target`: `gitlab`, `ecr`, … */
  readonly name: string;
  /** Human name of the registry. */
  readonly title: string;
  /** One paragraph: which deployment and release the profile describes. */
  readonly description: string;
  /** Everything the checks rely on. */
  readonly sources: readonly ProfileSource[];
  /** Where the research is thin, configuration changes the answer, or a refusal cannot be predicted offline. */
  readonly notes: readonly string[];
  /** The checks, in the order findings are reported. */
  readonly checks: readonly ProfileCheck[];
}
