import { type LintReport, severityClass } from "./report.js";
import { plural } from "./text.js";

const COMMAND = { error: "error", warning: "warning", note: "notice" } as const;

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=<code>::<message>`), so each
 * finding annotates the pull request (`info` findings as `::notice`); skipped files and inputs that
 * could not be checked as plain log lines; then one summary line.
 *
 * @example
 * formatGithub(report)
 * // ::error file=examples/a.json,line=4,col=18,title=artifact-type-required::config is the empty …
 * // ocispec: 1 error, 0 warnings in 1 file
 */
export function formatGithub(report: LintReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const issue of file.issues) {
      const properties = [`file=${escapeProperty(file.path)}`];
      if (issue.line !== undefined) properties.push(`line=${issue.line}`);
      if (issue.column !== undefined) properties.push(`col=${issue.column}`);
      properties.push(`title=${escapeProperty(issue.code)}`);
      const message = issue.path === "" ? issue.message : `${issue.message} (at ${issue.path})`;
      lines.push(
        `::${COMMAND[severityClass(issue.severity)]} ${properties.join(",")}::${escapeData(message)}`,
      );
    }
  }
  for (const file of report.skipped) lines.push(`ocispec: skipped ${file.path}: ${logLine(file.reason)}`);
  for (const input of report.unchecked) {
    lines.push(`::error title=ocispec::${escapeData(input.message)}`);
  }
  const { files, errors, warnings, infos, skipped } = report.summary;
  const notes = infos === 0 ? "" : `, ${plural(infos, "info")}`;
  const counts = `${plural(errors, "error")}, ${plural(warnings, "warning")}${notes} in ${plural(files, "file")}`;
  lines.push(`ocispec: ${counts}${skipped > 0 ? `, ${skipped} skipped` : ""}`);
  return `${lines.join("\n")}\n`;
}

// A plain log line must not start a workflow command.
function logLine(value: string): string {
  return value.replace(/[\r\n]+/g, " ");
}

/**
 * Escapes a command's message: `%`, CR and LF, as the Actions runner decodes them.
 *
 * @example
 * escapeData("50%\nnext") // "50%25%0Anext"
 */
export function escapeData(value: string): string {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/**
 * Escapes a command property value: as {@link escapeData}, plus `:` and `,`, which delimit properties.
 *
 * @example
 * escapeProperty("a:b,c") // "a%3Ab%2Cc"
 */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
