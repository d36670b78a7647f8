import type { LintReport } from "../lint/lint-report.js";

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=<code>::<message>`), so each
 * finding annotates the pull request; then one plain summary line for the log.
 *
 * @example
 * // ::error file=examples/a.json,line=4,col=18,title=artifact-type-required::config is the empty …
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
      lines.push(`::${githubCommand(issue.severity)} ${properties.join(",")}::${escapeData(message)}`);
    }
  }
  const { files, errors, warnings } = report.summary;
  const infos = report.summary.infos ?? 0;
  lines.push(
    `ocispec: ${errors} error(s), ${warnings} warning(s)${infos === 0 ? "" : `, ${infos} info(s)`} in ${files} file(s)`,
  );
  return `${lines.join("\n")}\n`;
}

/** The workflow command for a severity: `info` is a `notice`; an unknown severity, a `warning`. */
function githubCommand(severity: string): "error" | "warning" | "notice" {
  return severity === "error" ? "error" : severity === "info" ? "notice" : "warning";
}

/** Escapes a command's message: `%`, CR and LF, as the Actions runner decodes them. */
export function escapeData(value: string): string {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a command property value: as {@link escapeData}, plus `:` and `,`, which delimit properties. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
