import type { Issue, SeveritySetting } from "../vocabulary/issue.js";

/**
 * The verdict on one linted file (or one blob of an OCI image layout): what every output format is
 * rendered from. A file that is not a document ocispec checks carries `skipped` (why) instead of
 * findings, and is listed apart from the linted files.
 *
 * @example
 * const file: LintedFile = { path: "images/app/manifest.json", kind: "image-manifest", issues: result.issues };
 * const skipped: LintedFile = { path: "package.json", kind: "unknown", issues: [], skipped: "not an OCI, Docker or Falco document" };
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
  /** Findings (errors, warnings and notes), in document order. */
  issues: Issue[];
  /** Set when the file was not linted: why (e.g. it is JSON but no OCI, Docker or Falco document). */
  skipped?: string | undefined;
}

/**
 * A file that was not linted, and why.
 *
 * @example
 * const entry: SkippedFile = { path: "tsconfig.json", reason: "not an OCI, Docker or Falco document" };
 */
export interface SkippedFile {
  /** The path as shown to the user. */
  path: string;
  /** Why it was not linted. */
  reason: string;
}

/**
 * An input that could not be checked at all: a missing or unreadable path, or a pattern or
 * directory that matched no document. A run with any of these is not a success.
 *
 * @example
 * const entry: UncheckedInput = { input: "images/", message: "no documents matched images/" };
 */
export interface UncheckedInput {
  /** The input as given (a path, a directory, `-`), or `""` for the whole run. */
  input: string;
  /** One line saying what went wrong. */
  message: string;
}

/**
 * Counts over a whole run. `info` findings are counted apart: they never fail a run and
 * `--max-warnings` ignores them.
 *
 * @example
 * const summary: LintSummary = { files: 2, errors: 1, warnings: 0, infos: 0, skipped: 3, unchecked: 0 };
 */
export interface LintSummary {
  /** Files linted (skipped ones not included). */
  files: number;
  /** Findings of severity `error`. */
  errors: number;
  /** Findings of severity `warning`. */
  warnings: number;
  /** Findings of severity `info`. */
  infos: number;
  /** Files skipped as not documents. */
  skipped: number;
  /** Inputs that could not be checked. */
  unchecked: number;
}

/**
 * A whole lint run: the linted files, the skipped ones, the inputs that could not be checked, and
 * the counts. Built by {@link buildReport}; every formatter renders one.
 *
 * @example
 * const report: LintReport = buildReport([{ path: "a.json", kind: "image-manifest", issues: [] }]);
 * formatText(report); // "✔ 1 file checked, no problems\n"
 */
export interface LintReport {
  files: LintedFile[];
  skipped: SkippedFile[];
  unchecked: UncheckedInput[];
  summary: LintSummary;
}

/**
 * Options for {@link buildReport}.
 *
 * @example
 * const options: BuildReportOptions = { rules: { "layers-empty": "off" }, quiet: true };
 */
export interface BuildReportOptions {
  /** Severity overrides by rule code; `off` drops a finding. */
  rules?: Readonly<Record<string, SeveritySetting>> | undefined;
  /** Keep errors only: warnings and notes are neither shown nor counted. */
  quiet?: boolean | undefined;
  /** Inputs that could not be checked (they make the run fail whatever the findings). */
  unchecked?: readonly UncheckedInput[] | undefined;
}

/**
 * Whether a file passes: no finding of severity `error`.
 *
 * @example
 * isValid({ path: "a.json", kind: "image-manifest", issues: [] }) // true
 */
export function isValid(file: LintedFile): boolean {
  return !file.issues.some((issue) => issue.severity === "error");
}

/**
 * How a formatter treats a severity: `error` and `warning` as themselves, `info` as a note that never
 * fails a run, and a severity this version does not know as a `warning` (at worst).
 *
 * @example
 * severityClass("info") // "note"
 */
export function severityClass(severity: string): "error" | "warning" | "note" {
  return severity === "error" ? "error" : severity === "info" ? "note" : "warning";
}

/**
 * Builds the report: sets skipped files apart, applies severity overrides (`off` drops a finding),
 * drops warnings and notes when `quiet`, sorts findings by position, and counts.
 *
 * @example
 * buildReport([{ path: "a.json", kind: "image-manifest", issues: [w] }], { quiet: true }).summary
 * // { files: 1, errors: 0, warnings: 0, infos: 0, skipped: 0, unchecked: 0 }
 */
export function buildReport(files: readonly LintedFile[], options: BuildReportOptions = {}): LintReport {
  const unchecked = [...(options.unchecked ?? [])];
  const summary: LintSummary = {
    files: 0,
    errors: 0,
    warnings: 0,
    infos: 0,
    skipped: 0,
    unchecked: unchecked.length,
  };
  const linted: LintedFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of files) {
    if (file.skipped !== undefined) {
      skipped.push({ path: file.path, reason: file.skipped });
      continue;
    }
    const issues = file.issues
      .map((issue) => overridden(issue, options.rules))
      .filter((issue): issue is Issue => issue !== undefined)
      .filter((issue) => !options.quiet || issue.severity === "error")
      .sort(byPosition);
    for (const issue of issues) {
      const level = severityClass(issue.severity);
      if (level === "error") summary.errors++;
      else if (level === "warning") summary.warnings++;
      else summary.infos++;
    }
    const { skipped: _, ...entry } = file;
    linted.push({ ...entry, issues });
  }
  summary.files = linted.length;
  summary.skipped = skipped.length;
  return { files: linted, skipped, unchecked, summary };
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
 * The exit status a linter gives a report: 2 when an input could not be checked, 1 when there is an
 * error or more warnings than `maxWarnings` (notes never count), else 0.
 *
 * @example
 * reportExitStatus(report.summary, 0) // 1 when there is a warning
 */
export function reportExitStatus(summary: LintSummary, maxWarnings?: number): 0 | 1 | 2 {
  if (summary.unchecked > 0) return 2;
  if (summary.errors > 0) return 1;
  if (maxWarnings !== undefined && summary.warnings > maxWarnings) return 1;
  return 0;
}
