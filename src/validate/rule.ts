import type { Severity } from "./issue.js";

/** Reports a finding at a JSON Pointer, relative to the document root. */
export type Report = (path: string, message: string) => void;

/** What a rule may know beyond the document itself. */
export interface RuleContext {
  /** The Content-Type the document arrived with, if any. */
  readonly contentType?: string | undefined;
  /** The raw bytes, when the input was bytes or a string. */
  readonly bytes?: Uint8Array | undefined;
}

/**
 * A rule beyond JSON Schema: plain data plus one function. The pipeline owns ordering, severity
 * overrides and source positions; a rule only says where and why.
 */
export interface Rule<T> {
  /** Stable kebab-case code. */
  readonly code: string;
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
