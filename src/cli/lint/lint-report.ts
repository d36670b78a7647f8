// The lint report moved into the library (src/format/report.ts), where the formatters and other CLIs
// use it. This path stays for code written against it while the streams merge; new code imports
// from src/format.
export type { LintedFile, LintReport, LintSummary } from "../../format/report.js";
export { buildReport, reportExitStatus as exitStatusFor } from "../../format/report.js";
