import type { IssueCode } from "./vocabulary.generated.js";

/**
 * How serious a finding is: `error` for a spec MUST / MUST NOT (or a document that cannot be read),
 * `warning` for a SHOULD that names a real portability problem, `info` for a fact worth knowing that
 * is no problem on its own (a SHOULD every tool leaves out, a document of a kind ocispec does not
 * validate). Only `error` makes a document invalid; only `warning` counts against `--max-warnings`.
 * Code that switches on severity treats a value it does not know like `warning`.
 *
 * @example
 * const severity: Severity = "info";
 * result.issues.filter((issue) => issue.severity === "error");
 */
export type Severity = "error" | "warning" | "info";

/**
 * A rule's severity as a caller may override it; `off` silences the rule.
 *
 * @example
 * const setting: SeveritySetting = "off";
 * validate(bytes, { rules: { "layers-empty": setting, "config-os-known": "error", "url-scheme": "info" } });
 */
export type SeveritySetting = Severity | "off";

/**
 * One finding about a document. Plain data: safe to serialise, compare and send over the wire.
 *
 * @example
 * { code: "artifact-type-required", severity: "error", path: "/config/mediaType",
 *   message: "config is the empty descriptor, so artifactType must say what this artifact is",
 *   line: 4, column: 18, ref: "image-spec v1.1.1 manifest.md#guidelines-for-artifact-usage" }
 */
export interface Issue {
  /** Stable kebab-case identifier of the rule that produced the finding (see {@link IssueCode}). */
  code: IssueCode;
  /** `error` makes the document invalid; `warning` and `info` do not. */
  severity: Severity;
  /** JSON Pointer (RFC 6901) to the offending value; `""` is the whole document. */
  path: string;
  /** Human-readable sentence naming the field, the rule and the value. */
  message: string;
  /** 1-based line of the offending value in the input text, when the input was bytes or a string. */
  line?: number;
  /** 1-based column (in UTF-16 code units) of the offending value, when known. */
  column?: number;
  /** The specification section the rule enforces. */
  ref?: string;
}
