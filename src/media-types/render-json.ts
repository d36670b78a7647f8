import type { MediaTypeInfo } from "./types.js";

/** Column order of a row in `media-types.json`, fixed so the file is stable whatever order a row was written in. */
const ROW_KEYS: readonly (keyof MediaTypeInfo)[] = [
  "mediaType",
  "kind",
  "family",
  "compression",
  "encrypted",
  "nonDistributable",
  "status",
  "description",
  "spec",
  "knownBy",
  "definedBy",
  "equivalent",
  "schema",
  "notes",
];

/**
 * The text of the package's `media-types.json`: `{ "version", "mediaTypes": [rows…] }`, rows in table
 * order with a fixed key order, pretty-printed with two spaces and a final newline — for tools in
 * other languages (`ocispec/media-types.json`).
 *
 * @example
 * JSON.parse(mediaTypesJson(mediaTypes, "0.1.0")).mediaTypes.length === mediaTypes.length; // true
 */
export function mediaTypesJson(rows: readonly MediaTypeInfo[], version: string): string {
  const ordered = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const key of ROW_KEYS) {
      if (row[key] !== undefined) {
        out[key] = key === "knownBy" ? row.knownBy.map((entry) => ({ ...entry })) : row[key];
      }
    }
    return out;
  });
  return `${JSON.stringify({ version, mediaTypes: ordered }, null, 2)}\n`;
}
