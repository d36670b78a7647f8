import { isValid, type LintReport } from "./report.js";

/**
 * The `--format json` document. Stable: fields are only ever added, never renamed or removed;
 * absent values are `null`, so every key is always present.
 *
 * @example
 * const output = JSON.parse(formatJson(report)) as JsonLintOutput;
 * output.files.filter((file) => !file.valid).map((file) => file.path);
 */
export interface JsonLintOutput {
  files: {
    path: string;
    kind: string;
    mediaType: string | null;
    digest: string | null;
    valid: boolean;
    issues: {
      code: string;
      /** `error`, `warning` or `info`. */
      severity: string;
      path: string;
      message: string;
      line: number | null;
      column: number | null;
    }[];
  }[];
  /** Files that were not linted, and why (JSON that is no OCI, Docker or Falco document). */
  skipped: { path: string; reason: string }[];
  /** Inputs that could not be checked: a missing path, a pattern that matched no document. */
  unchecked: { input: string; message: string }[];
  summary: {
    files: number;
    errors: number;
    warnings: number;
    infos: number;
    skipped: number;
    unchecked: number;
  };
}

/**
 * Renders a report as the stable JSON document ({@link JsonLintOutput}), pretty-printed, one trailing newline.
 *
 * @example
 * formatJson(report) // '{\n  "files": [ { "path": "a.json", "kind": "image-manifest", … } ],\n  …\n}\n'
 */
export function formatJson(report: LintReport): string {
  return `${JSON.stringify(toJsonLintOutput(report), null, 2)}\n`;
}

/**
 * The plain object behind {@link formatJson}.
 *
 * @example
 * toJsonLintOutput(report).summary.errors // 1
 */
export function toJsonLintOutput(report: LintReport): JsonLintOutput {
  return {
    files: report.files.map((file) => ({
      path: file.path,
      kind: file.kind,
      mediaType: file.mediaType ?? null,
      digest: file.digest ?? null,
      valid: isValid(file),
      issues: file.issues.map((issue) => ({
        code: issue.code,
        severity: issue.severity,
        path: issue.path,
        message: issue.message,
        line: issue.line ?? null,
        column: issue.column ?? null,
      })),
    })),
    skipped: report.skipped.map((file) => ({ path: file.path, reason: file.reason })),
    unchecked: report.unchecked.map((input) => ({ input: input.input, message: input.message })),
    summary: { ...report.summary },
  };
}
