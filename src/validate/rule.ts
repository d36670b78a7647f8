import type { IssueCode } from "../vocabulary/vocabulary.generated.js";
import type { Severity } from "./issue.js";

/**
 * Reports a finding at a JSON Pointer, relative to the document root.
 *
 * @example
 * const report: Report = (path, message) => issues.push({ code: rule.code, severity: rule.severity, path, message });
 * rule.check(manifest, report, {});
 */
export type Report = (path: string, message: string) => void;

/**
 * What a rule may know beyond the document itself.
 *
 * @example
 * const context: RuleContext = { contentType: "application/vnd.oci.image.manifest.v1+json", bytes };
 * rule.check(manifest, report, context);
 */
export interface RuleContext {
  /** The Content-Type the document arrived with, if any. */
  readonly contentType?: string | undefined;
  /** The raw bytes, when the input was bytes or a string. */
  readonly bytes?: Uint8Array | undefined;
}

/**
 * A rule beyond JSON Schema: plain data plus one function. The pipeline owns ordering, severity
 * overrides and source positions; a rule only says where and why.
 *
 * @example
 * const layersEmpty: Rule<ImageManifest> = {
 *   code: "layers-empty",
 *   severity: "warning",
 *   strictSeverity: "error",
 *   ref: "image-spec v1.1.1 manifest.md#image-manifest-property-descriptions",
 *   description: "layers has at least one entry (the empty descriptor when the artifact needs none).",
 *   members: ["layers"],
 *   check(manifest, report) {
 *     // Rules also run on documents the schema refused, so they check shapes themselves.
 *     if (Array.isArray(manifest.layers) && manifest.layers.length === 0) report("/layers", "layers is empty");
 *   },
 * };
 */
export interface Rule<T> {
  /** Stable kebab-case code. */
  readonly code: IssueCode;
  /** Severity under the default preset. */
  readonly severity: Severity;
  /** Severity under the `strict` preset, when it differs. */
  readonly strictSeverity?: Severity;
  /** The spec section enforced, e.g. `image-spec v1.1.1 manifest.md#image-manifest-property-descriptions`. */
  readonly ref: string;
  /** One sentence: what the rule requires. */
  readonly description: string;
  /**
   * The members the rule looks at: when the object has none of them, the rule has nothing to say and
   * the pipeline skips it. A fast path for the clean case (most descriptors carry no `data`, `urls`,
   * `platform` or `annotations`), never a change of meaning: leave it out to always run.
   */
  readonly members?: readonly string[];
  /** Examines the document and calls `report` for every violation. */
  check(document: T, report: Report, context: RuleContext): void;
}
