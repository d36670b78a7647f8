import { type LintReport, severityClass } from "./report.js";

/**
 * Options for {@link formatText}.
 *
 * @example
 * formatText(report, { color: process.stdout.isTTY, maxWarnings: 0 })
 */
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
  blue: ansi(34),
  dim: ansi(2),
  bold: ansi(1),
};
const PLAIN = { red: id, yellow: id, green: id, blue: id, dim: id, bold: id };
function id(s: string): string {
  return s;
}

/**
 * The default, compiler-style format: one line per finding, `path:line:col: severity code message`
 * (line and column 1:1 when a finding concerns the whole file), one line per skipped file, then a
 * summary. The green check appears only when every input was checked and nothing is wrong; inputs
 * that could not be checked are counted in the summary (the CLI prints why on standard error).
 *
 * @example
 * formatText(report)
 * // manifest.json:4:18: error artifact-type-required config is the empty descriptor, so …
 * // package.json: skipped, not an OCI, Docker or Falco document
 * //
 * // ✖ 1 problem (1 error, 0 warnings) in 1 file, 1 skipped
 * // (`info` findings: shown as `info`, counted apart — `…, no problems, 2 infos` — never problems)
 */
export function formatText(report: LintReport, options: TextFormatOptions = {}): string {
  const c = options.color ? PAINT : PLAIN;
  const lines: string[] = [];
  for (const file of report.files) {
    for (const issue of file.issues) {
      const where = `${file.path}:${issue.line ?? 1}:${issue.column ?? 1}:`;
      const level = severityClass(issue.severity);
      const severity =
        level === "error"
          ? c.red("error")
          : level === "warning"
            ? c.yellow("warning")
            : c.blue(issue.severity);
      lines.push(`${c.bold(where)} ${severity} ${c.dim(issue.code)} ${oneLine(issue.message)}`);
    }
  }
  for (const file of report.skipped) lines.push(c.dim(`${file.path}: skipped, ${oneLine(file.reason)}`));

  const { files, errors, warnings, infos, skipped } = report.summary;
  const problems = errors + warnings;
  // Infos are not problems: they are listed, and counted apart.
  const notes = infos === 0 ? "" : `, ${plural(infos, "info")}`;
  const tally = `${plural(files, "file")}${skipped > 0 ? `, ${skipped} skipped` : ""}`;
  if (lines.length > 0) lines.push("");
  if (problems === 0) {
    const line = `${tally.replace(/^(\d+ files?)/, "$1 checked")}, no problems${notes}`;
    lines.push(
      report.unchecked.length === 0 ? c.green(`✔ ${line}`) : c.red(`✖ ${line}, but ${notChecked(report)}`),
    );
  } else {
    const counts = `${plural(problems, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")}${notes})`;
    const paint = errors > 0 || report.unchecked.length > 0 ? c.red : c.yellow;
    const rest = report.unchecked.length === 0 ? "" : `, and ${notChecked(report)}`;
    lines.push(paint(`✖ ${counts} in ${tally}${rest}`));
    if (errors === 0 && options.maxWarnings !== undefined && warnings > options.maxWarnings) {
      lines.push(c.yellow(`  more warnings than --max-warnings ${options.maxWarnings} allows`));
    }
  }
  return `${lines.join("\n")}\n`;
}

function notChecked(report: LintReport): string {
  const n = report.unchecked.length;
  return `${plural(n, "input")} could not be checked`;
}

function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, " ");
}

/**
 * A count and a noun, singular for one: `1 file`, `2 files`.
 *
 * @example
 * plural(1, "file") // "1 file"
 */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
