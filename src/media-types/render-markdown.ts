import type { KnownBy, MediaTypeInfo } from "./types.js";

/**
 * The text of `docs/media-types.md`: a header saying how the page is generated and what each column
 * means, then one table row per media type, in table order. The CLI's `media-types --format markdown`
 * prints the same text.
 *
 * @example
 * renderMediaTypesMarkdown(mediaTypes).startsWith("# Media types"); // true
 */
export function renderMediaTypesMarkdown(rows: readonly MediaTypeInfo[]): string {
  const families = new Set(rows.map((row) => row.family)).size;
  const lines = [
    "# Media types",
    "",
    "<!-- Generated from src/media-types/table.ts by scripts/write-media-types.mjs (run `npm run build`). Do not edit by hand: test/media-types-generated.test.ts fails when this file is stale. -->",
    "",
    `${rows.length} media types from ${families} families, as ocispec's table has them. The same rows ship as`,
    '`media-types.json` in the package (`import table from "ocispec/media-types.json"`) and as `mediaTypes`',
    "in the library; `ocispec media-types --format markdown|json` prints them.",
    "",
    "Columns:",
    "",
    "- **Media type** — the canonical spelling. Type and subtype compare case-insensitively (RFC 6838).",
    "- **Kind** — `manifest`, `index`, `config`, `layer`, `artifact-type` (a value for a manifest's",
    "  `artifactType`), `signature`, `sbom`, `attestation` or `other`.",
    "- **Family** — the ecosystem that defines the type.",
    "- **Compression** — for layers: how the bytes are compressed beneath any encryption (`none`, `gzip`,",
    "  `zstd`); *encrypted* marks ocicrypt layers and *non-distributable* foreign layers.",
    "- **Status** — `current`; `deprecated` (its definer says stop producing it); `legacy` (superseded,",
    "  still seen); `withdrawn` (removed from a draft before release); `example` (documentation example",
    "  that registries carry); `invalid` (malformed, but shipped by a real registry).",
    "- **Known by** — registries and tools that recognise the type; for GitLab, the release that added it",
    "  where known, else the `media_types` migration.",
    "- **Description** — what the content is, with a link to the defining document; ⇄ names the Docker/OCI",
    "  counterpart and *schema* the JSON Schema that validates it.",
    "",
    "| Media type | Kind | Family | Compression | Status | Known by | Description |",
    "|---|---|---|---|---|---|---|",
    ...rows.map(renderRow),
    "",
  ];
  return lines.join("\n");
}

function renderRow(row: MediaTypeInfo): string {
  const compression = [
    row.compression,
    row.encrypted ? "*encrypted*" : undefined,
    row.nonDistributable ? "*non-distributable*" : undefined,
  ].filter((part) => part !== undefined);
  const description = [
    `${row.description} ([spec](${row.spec}))`,
    row.equivalent === undefined ? undefined : `⇄ \`${row.equivalent}\``,
    row.schema === undefined ? undefined : `*schema* \`${row.schema}\``,
  ].filter((part) => part !== undefined);
  const cells = [
    `\`${row.mediaType}\``,
    row.kind,
    row.family,
    compression.join(", "),
    row.status,
    row.knownBy.map(renderKnownBy).join(", "),
    description.join("; "),
  ];
  return `| ${cells.map(escapeCell).join(" | ")} |`;
}

function renderKnownBy(entry: KnownBy): string {
  if (entry.since !== undefined) return `${entry.name} since ${entry.since}`;
  if (entry.source !== undefined) return `${entry.name} (${entry.source})`;
  return entry.name;
}

/** A `|` would end the cell; a line break would end the row. */
function escapeCell(cell: string): string {
  return cell.replaceAll("|", "\\|").replaceAll("\n", " ");
}
