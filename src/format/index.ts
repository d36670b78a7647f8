// The formatters of `ocispec lint`, for other CLIs: build a report from lint entries, render it.
export { ruleDocsUrl } from "./docs-url.js";
export { formatGithub } from "./github.js";
export { formatJson, type JsonLintOutput } from "./json.js";
export {
  type BuildReportOptions,
  buildReport,
  type LintedFile,
  type LintReport,
  type LintSummary,
  reportExitStatus,
  type SkippedFile,
  type UncheckedInput,
} from "./report.js";
export { formatSarif, SARIF_SCHEMA_URI, type SarifFormatOptions } from "./sarif.js";
export { formatText, type TextFormatOptions } from "./text.js";
