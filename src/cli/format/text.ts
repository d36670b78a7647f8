import type { LintReport } from "../lint/lint-report.js";

/** Options for {@link formatText}. */
export interface TextFormatOptions {
  /** Use ANSI colours (only when writing to a terminal). */
  color?: boolean;
  /** The warning budget, to explain an exit 1 caused by warnings alone. */
  maxWarnings?: number | undefined;
}

const ansi = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
const PAINT = {
  red: ansi(31),
  yellow: ansi(33),
  green: ansi(32),
  cyan: ansi(36),
  dim: ansi(2),
  bold: ansi(1),
};
const PLAIN = { red: id, yellow: id, green: id, cyan: id, dim: id, bold: id };
function id(s: string): string {
  return s;
}

/**
 * The default, compiler-style format: one line per finding, `path:line:col: severity code message`
 * (line and column 1:1 when a finding concerns the whole file), then a summary line.
 *
 * @example
 * // manifest.json:4:18: error artifact-type-required config is the empty descriptor, so …
 * //
 * // ✖ 1 problem (1 error, 0 warnings) in 1 file
 */
export function formatText(report: LintReport, options: TextFormatOptions = {}): string {
  const c = options.color ? PAINT : PLAIN;
  const lines: string[] = [];
  for (const file of report.files) {
    for (const issue of file.issues) {
      const where = `${file.path}:${issue.line ?? 1}:${issue.column ?? 1}:`;
      const severity =
        issue.severity === "error"
          ? c.red("error")
          : issue.severity === "info"
            ? c.cyan("info")
            : c.yellow("warning");
      lines.push(`${c.bold(where)} ${severity} ${c.dim(issue.code)} ${oneLine(issue.message)}`);
    }
  }
  const { files, errors, warnings } = report.summary;
  // Infos are not problems: they are listed, and counted apart.
  const infos = report.summary.infos ?? 0;
  const notes = infos === 0 ? "" : `, ${plural(infos, "info")}`;
  const problems = errors + warnings;
  const fileCount = plural(files, "file");
  if (problems === 0) {
    if (infos > 0) lines.push("");
    lines.push(c.green(`✔ ${fileCount} checked, no problems${notes}`));
  } else {
    if (lines.length > 0) lines.push("");
    const tally = `${plural(problems, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")}${notes})`;
    const paint = errors > 0 ? c.red : c.yellow;
    lines.push(paint(`✖ ${tally} in ${fileCount}`));
    if (errors === 0 && options.maxWarnings !== undefined && warnings > options.maxWarnings) {
      lines.push(c.yellow(`  more warnings than --max-warnings ${options.maxWarnings} allows`));
    }
  }
  return `${lines.join("\n")}\n`;
}

function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, " ");
}

/** `1 file`, `2 files`. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
