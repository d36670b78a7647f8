import { isValid, type LintReport } from "../lint/lint-report.js";

/**
 * The `--format json` document. Stable: fields are only ever added, never renamed or removed;
 * absent values are `null`, so every key is always present.
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
      severity: "error" | "warning" | "info";
      path: string;
      message: string;
      line: number | null;
      column: number | null;
    }[];
  }[];
  summary: { files: number; errors: number; warnings: number; infos: number };
}

/**
 * Renders a report as the stable JSON document ({@link JsonLintOutput}), pretty-printed, one trailing newline.
 *
 * @example
 * formatJson(report) // '{\n  "files": [ { "path": "a.json", "kind": "image-manifest", … } ],\n  "summary": {…}\n}\n'
 */
export function formatJson(report: LintReport): string {
  return `${JSON.stringify(toJsonLintOutput(report), null, 2)}\n`;
}

/** The plain object behind {@link formatJson}. */
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
    summary: { ...report.summary, infos: report.summary.infos ?? 0 },
  };
}
