import type { Issue, SeveritySetting } from "../../validate/index.js";

/**
 * The verdict on one linted file (or one blob of an OCI layout): the data every output format is
 * rendered from.
 */
export interface LintedFile {
  /** The path as shown to the user: relative to the working directory, `/`-separated; `<stdin>` for `-`. */
  path: string;
  /** The document kind (`image-manifest`, `image-index`, …; `blob` for a layout blob that is not a document). */
  kind: string;
  /** The media type the document was validated as, when known. */
  mediaType?: string | undefined;
  /** The digest of the exact bytes, when computed. */
  digest?: string | undefined;
  /** Findings, errors and warnings, in document order. */
  issues: Issue[];
}

/** Counts over a whole run. */
export interface LintSummary {
  files: number;
  errors: number;
  warnings: number;
  /** Findings of severity `info`: shown, never counted against `--max-warnings`. */
  infos?: number;
}

/** A whole lint run: every file and the counts. */
export interface LintReport {
  files: LintedFile[];
  summary: LintSummary;
}

/** Whether a file passes: no finding of severity `error`. */
export function isValid(file: LintedFile): boolean {
  return !file.issues.some((issue) => issue.severity === "error");
}

/**
 * Builds the report: applies severity overrides (`off` drops a finding), drops warnings and infos when
 * `quiet`, sorts issues by position, and counts.
 *
 * @example
 * buildReport([{ path: "a.json", kind: "image-manifest", issues: [w] }], { quiet: true }).summary
 * // { files: 1, errors: 0, warnings: 0, infos: 0 }
 */
export function buildReport(
  files: readonly LintedFile[],
  options: { rules?: Readonly<Record<string, SeveritySetting>> | undefined; quiet?: boolean } = {},
): LintReport {
  const summary: LintSummary = { files: files.length, errors: 0, warnings: 0, infos: 0 };
  const out = files.map((file) => {
    const issues = file.issues
      .map((issue) => overridden(issue, options.rules))
      .filter((issue): issue is Issue => issue !== undefined)
      .filter((issue) => !options.quiet || issue.severity === "error")
      .sort(byPosition);
    for (const issue of issues) {
      if (issue.severity === "error") summary.errors++;
      else if (issue.severity === "info") summary.infos = (summary.infos ?? 0) + 1;
      // A severity this version does not know counts as a warning.
      else summary.warnings++;
    }
    return { ...file, issues };
  });
  return { files: out, summary };
}

function overridden(
  issue: Issue,
  rules: Readonly<Record<string, SeveritySetting>> | undefined,
): Issue | undefined {
  const setting = rules?.[issue.code];
  if (setting === undefined) return issue;
  if (setting === "off") return undefined;
  return setting === issue.severity ? issue : { ...issue, severity: setting };
}

function byPosition(a: Issue, b: Issue): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/**
 * The exit status for a report: 1 when there is an error or more warnings than `maxWarnings`, else 0.
 */
export function exitStatusFor(summary: LintSummary, maxWarnings?: number): 0 | 1 {
  if (summary.errors > 0) return 1;
  if (maxWarnings !== undefined && summary.warnings > maxWarnings) return 1;
  return 0;
}
