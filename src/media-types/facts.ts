import { mediaTypeKindGroups } from "./kinds.generated.js";
import { lookupKeys } from "./lookup-keys.js";
import type { MediaTypeInfo } from "./types.js";

/**
 * What validation and the predicates know of a media type: its row's kind and, for a layer, its
 * compression and whether it is non-distributable. The rest of the row (description, spec, knownBy,
 * notes…) stays in the annotated table, which `ocispec/core` does not load.
 *
 * @example
 * const facts: MediaTypeFacts = { kind: "layer", compression: "gzip" };
 */
export type MediaTypeFacts = Pick<MediaTypeInfo, "kind" | "compression" | "nonDistributable">;

/**
 * Media types that share their facts, as src/media-types/kinds.generated.ts lists them.
 *
 * @example
 * const group: MediaTypeKindGroup = { kind: "index", mediaTypes: ["application/vnd.oci.image.index.v1+json"] };
 */
export type MediaTypeKindGroup = MediaTypeFacts & { readonly mediaTypes: readonly string[] };

/** Each type's facts under its lookup keys; built on the first use, as the table's own index is. */
let index: ReadonlyMap<string, MediaTypeFacts> | undefined;

function buildIndex(): ReadonlyMap<string, MediaTypeFacts> {
  const map = new Map<string, MediaTypeFacts>();
  for (const { mediaTypes, ...facts } of mediaTypeKindGroups) {
    for (const mediaType of mediaTypes)
      for (const key of lookupKeys(mediaType).slice(0, 2)) map.set(key, facts);
  }
  return map;
}

/**
 * A media type's facts, found as `lookupMediaType` finds its row (case-insensitive, parameters ignored
 * unless a row has that parameterised form), from the compact index derived from the table.
 *
 * @returns the facts, or `undefined` for a type the table does not know.
 * @example
 * mediaTypeFacts("application/vnd.oci.image.layer.v1.tar+gzip"); // { kind: "layer", compression: "gzip" }
 * mediaTypeFacts("application/vnd.example.unknown"); // undefined
 */
export function mediaTypeFacts(mediaType: string): MediaTypeFacts | undefined {
  if (typeof mediaType !== "string") return undefined;
  index ??= buildIndex();
  for (const key of lookupKeys(mediaType)) {
    const facts = index.get(key);
    if (facts !== undefined) return facts;
  }
  return undefined;
}
