import type { MediaTypeFacts } from "./facts.js";
import { lookupKeys } from "./lookup-keys.js";
import type { MediaTypeInfo } from "./types.js";

/** The facts of a row, with only the fields it has, in a fixed order. */
function factsOf(row: MediaTypeInfo): MediaTypeFacts {
  return {
    kind: row.kind,
    ...(row.compression === undefined ? {} : { compression: row.compression }),
    ...(row.nonDistributable === undefined ? {} : { nonDistributable: row.nonDistributable }),
  };
}

/** Fails when two rows are found by the same key yet differ in facts: the index could not tell them apart. */
function assertNoClash(rows: readonly MediaTypeInfo[]): void {
  const seen = new Map<string, { mediaType: string; facts: string }>();
  for (const row of rows) {
    const facts = JSON.stringify(factsOf(row));
    for (const key of lookupKeys(row.mediaType).slice(0, 2)) {
      const other = seen.get(key);
      if (other !== undefined && other.facts !== facts) {
        throw new Error(
          `${row.mediaType} and ${other.mediaType} share the lookup key ${key} with different facts`,
        );
      }
      seen.set(key, { mediaType: row.mediaType, facts });
    }
  }
}

/**
 * The text of src/media-types/kinds.generated.ts: the table's media types grouped by their facts
 * (kind, and for layers compression and non-distributable), groups and types sorted, so
 * `ocispec/core` classifies types without loading the annotated table. Formatted as biome would.
 *
 * @example
 * writeFileSync("src/media-types/kinds.generated.ts", renderMediaTypeKinds(mediaTypes));
 */
export function renderMediaTypeKinds(rows: readonly MediaTypeInfo[]): string {
  assertNoClash(rows);
  const groups = new Map<string, { facts: MediaTypeFacts; mediaTypes: string[] }>();
  for (const row of rows) {
    const facts = factsOf(row);
    const key = JSON.stringify(facts);
    const group = groups.get(key) ?? { facts, mediaTypes: [] };
    group.mediaTypes.push(row.mediaType);
    groups.set(key, group);
  }
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const body = [...groups.keys()].sort(byKey).map((key) => {
    const { facts, mediaTypes } = groups.get(key) as { facts: MediaTypeFacts; mediaTypes: string[] };
    const fields = Object.entries(facts).map(([name, value]) => `    ${name}: ${JSON.stringify(value)},\n`);
    const types = [...mediaTypes].sort(byKey).map((mediaType) => JSON.stringify(mediaType));
    // On one line when it fits biome's width of 110, as biome would print it.
    const inline = `    mediaTypes: [${types.join(", ")}],\n`;
    const list =
      inline.length <= 111
        ? inline
        : `    mediaTypes: [\n${types.map((type) => `      ${type},\n`).join("")}    ],\n`;
    return `  {\n${fields.join("")}${list}  },\n`;
  });
  return [
    "// Generated from the media-type table (src/media-types/table.ts) by scripts/write-media-type-kinds.mjs,",
    "// which `npm run build` runs; do not edit. test/media-types-kinds.test.ts fails when it is stale.",
    'import type { MediaTypeKindGroup } from "./facts.js";',
    "",
    "/**",
    " * Every media type of the table, grouped by what validation and the predicates need of its row: the",
    " * kind, and for a layer its compression and whether it is non-distributable.",
    " *",
    " * @example",
    ' * mediaTypeKindGroups.find((group) => group.kind === "index")?.mediaTypes.length; // 2',
    " */",
    "export const mediaTypeKindGroups: readonly MediaTypeKindGroup[] = [",
    ...body.map((text) => text.slice(0, -1)),
    "];",
    "",
  ].join("\n");
}
