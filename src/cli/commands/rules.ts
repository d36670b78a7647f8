import { type DocumentKind, documentKinds } from "../../validate/index.js";
import type { Command } from "../command.js";
import { EXIT_OK } from "../exit-codes.js";
import { oneOf, parseFlags, stringFlag } from "../parse-flags.js";
import { type IssueCodeEntry, issueCodes } from "../rules/issue-codes.js";
import { UsageError } from "../usage-error.js";

const KINDS: readonly DocumentKind[] = [
  ...new Set<DocumentKind>([...documentKinds.map((k) => k.kind), "unknown"]),
];
const FORMATS = ["table", "json", "markdown"] as const;

const help = `Usage: ocispec rules [options]

Lists every issue code ocispec can report — the strict JSON reader's, the schemas', the rules
beyond them, the OCI layout walk's, the registry targets' (--target) and the upload checks' —
with its severity (default / strict), where it comes from, its spec reference and what it requires.
Any of them can be set with --rule code=level or "rules" in the config file.

Options:
      --kind <kind>      only codes a document of this kind can get: ${KINDS.join(", ")}
  -f, --format <format>  table (default), json or markdown
  -h, --help             show this help

Examples:
  ocispec rules
  ocispec rules --kind image-manifest
  ocispec rules --format json | jq -r '.[] | select(.severity != .strictSeverity) | .code'
  ocispec rules --format markdown > rules.md

Exit status: 0 printed, 2 usage error.
`;

/** `ocispec rules`: the issue-code catalog, filtered by kind, as a table, JSON or Markdown. */
export const rulesCommand: Command = {
  name: "rules",
  summary: "list every issue code with its severity, spec reference and description",
  help,
  async run(argv, io) {
    const flags = parseFlags(
      argv,
      { kind: { type: "string" }, format: { type: "string", short: "f" } },
      "rules",
    );
    if (flags.positionals.length > 0) {
      throw new UsageError(`unexpected argument "${flags.positionals[0]}"`, "rules");
    }
    const format = oneOf(stringFlag(flags, "format") ?? "table", FORMATS, "--format", "rules");
    const kindFlag = stringFlag(flags, "kind");
    const kind = kindFlag === undefined ? undefined : oneOf(kindFlag, KINDS, "--kind", "rules");
    const entries = issueCodes.filter((entry) => kind === undefined || entry.kinds.includes(kind));
    if (format === "json") io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    else if (format === "markdown") io.stdout.write(renderRulesMarkdown(entries));
    else io.stdout.write(renderRulesTable(entries));
    return EXIT_OK;
  },
};

/** `warning` when both presets agree, `warning / error` when strict raises it. */
function severityLabel(entry: IssueCodeEntry): string {
  return entry.severity === entry.strictSeverity
    ? entry.severity
    : `${entry.severity} / ${entry.strictSeverity}`;
}

/**
 * Renders entries as an aligned plain-text table: code, severity, source and description on one
 * line (greppable), the spec reference on the next, indented under the severity.
 *
 * @example
 * renderRulesTable(issueCodes.filter((e) => e.code === "layers-empty"))
 * // "CODE          SEVERITY         SOURCE  DESCRIPTION\nlayers-empty  warning / error  rule    Manifests …\n              image-spec v1.1.1 manifest.md#…\n"
 */
export function renderRulesTable(entries: readonly IssueCodeEntry[]): string {
  const rows = entries.map((e) => [e.code, severityLabel(e), e.source, e.description]);
  const header = ["CODE", "SEVERITY", "SOURCE", "DESCRIPTION"];
  const widths = [0, 1, 2].map((i) =>
    Math.max(...[header, ...rows].map((cells) => (cells[i] as string).length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const indent = " ".repeat((widths[0] ?? 0) + 2);
  return `${[line(header), ...rows.map((cells, i) => `${line(cells)}\n${indent}${entries[i]?.ref}`)].join("\n")}\n`;
}

/**
 * Renders entries as a Markdown table (pipes in cells escaped).
 *
 * @example
 * renderRulesMarkdown(issueCodes).split("\n")[0] // "| Code | Severity (default / strict) | Source | Reference | Description |"
 */
export function renderRulesMarkdown(entries: readonly IssueCodeEntry[]): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const rows = entries.map(
    (e) => `| \`${e.code}\` | ${severityLabel(e)} | ${e.source} | ${cell(e.ref)} | ${cell(e.description)} |`,
  );
  return `${[
    "| Code | Severity (default / strict) | Source | Reference | Description |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n")}\n`;
}
