import {
  type MediaTypeInfo,
  type MediaTypeKind,
  mediaTypes,
  mediaTypesJson,
  renderMediaTypesMarkdown,
} from "../../media-types/index.js";
import type { Command } from "../command.js";
import { EXIT_OK } from "../exit-codes.js";
import { oneOf, parseFlags, stringFlag } from "../parse-flags.js";
import { UsageError } from "../usage-error.js";
import { packageVersion } from "../version.js";

const KINDS: readonly MediaTypeKind[] = [
  "manifest",
  "index",
  "config",
  "layer",
  "artifact-type",
  "signature",
  "sbom",
  "attestation",
  "other",
];
const FORMATS = ["table", "json", "markdown"] as const;

const help = `Usage: ocispec media-types [options]

Prints ocispec's media-type table: every media type seen in the wild (OCI, Docker, Helm,
Sigstore, Notation, in-toto, SBOMs, WASM, Falco, …) with its kind, family and status.

Options:
      --kind <kind>      only this kind: ${KINDS.join(", ")}
      --family <family>  only this family (oci, docker, falco, helm, …)
  -f, --format <format>  table (default), json (as media-types.json) or markdown
  -h, --help             show this help

Examples:
  ocispec media-types
  ocispec media-types --family falco
  ocispec media-types --kind config --format json
  ocispec media-types --format markdown > docs/media-types.md

Exit status: 0 printed, 2 usage error.
`;

/** `ocispec media-types`: the table, filtered, as a table, JSON or Markdown. */
export const mediaTypesCommand: Command = {
  name: "media-types",
  summary: "print the media-type table (table, json or markdown)",
  help,
  async run(argv, io) {
    const flags = parseFlags(
      argv,
      {
        kind: { type: "string" },
        family: { type: "string" },
        format: { type: "string", short: "f" },
      },
      "media-types",
    );
    if (flags.positionals.length > 0) {
      throw new UsageError(`unexpected argument "${flags.positionals[0]}"`, "media-types");
    }
    const format = oneOf(stringFlag(flags, "format") ?? "table", FORMATS, "--format", "media-types");
    const kind =
      flags.values.kind === undefined
        ? undefined
        : oneOf(stringFlag(flags, "kind") ?? "", KINDS, "--kind", "media-types");
    const family = stringFlag(flags, "family");
    if (family !== undefined) {
      const families = [...new Set(mediaTypes.map((row) => row.family))].sort();
      oneOf(family, families, "--family", "media-types");
    }
    const rows = mediaTypes.filter(
      (row) => (kind === undefined || row.kind === kind) && (family === undefined || row.family === family),
    );
    if (format === "json") io.stdout.write(mediaTypesJson(rows, packageVersion()));
    else if (format === "markdown") io.stdout.write(renderMediaTypesMarkdown(rows));
    else io.stdout.write(renderTable(rows));
    return EXIT_OK;
  },
};

/**
 * Renders rows as an aligned plain-text table: media type, kind, family, status.
 *
 * @example
 * renderTable([lookupMediaType("application/vnd.oci.empty.v1+json")!])
 * // "MEDIA TYPE                         KIND    FAMILY  STATUS\napplication/vnd.oci.empty.v1+json  config  oci     current\n"
 */
export function renderTable(rows: readonly MediaTypeInfo[]): string {
  const table = [
    ["MEDIA TYPE", "KIND", "FAMILY", "STATUS"],
    ...rows.map((row) => [row.mediaType, row.kind, row.family, row.status]),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...table.map((cells) => (cells[i] as string).length)));
  return `${table
    .map((cells) =>
      cells
        .map((cell, i) => (i < 3 ? cell.padEnd(widths[i] as number) : cell))
        .join("  ")
        .trimEnd(),
    )
    .join("\n")}\n`;
}
