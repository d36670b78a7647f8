import { mediaTypeEssence } from "./content-type.js";
import { documentKinds, isJsonObject, type KindSpec, kindsByMediaType, kindsByName } from "./kinds.js";
import type { DocumentKind } from "./types.js";

/** Which kind, and which media type it was recognised by. */
export interface Detected {
  spec: KindSpec | undefined;
  mediaType: string | undefined;
}

/**
 * Kind detection: the Content-Type first, then the document's own `mediaType` member (for kinds
 * whose member names the document itself), then the shape.
 */
export function detectKind(
  document: unknown,
  contentType: string | undefined,
  forced: DocumentKind | undefined,
): Detected {
  const essence = contentType === undefined ? undefined : mediaTypeEssence(contentType);
  const member =
    isJsonObject(document) && typeof document.mediaType === "string" ? document.mediaType : undefined;
  if (forced !== undefined) {
    const spec = kindsByName.get(forced);
    return { spec, mediaType: spec?.mediaTypes[0] };
  }
  const byContentType = essence === undefined ? undefined : kindsByMediaType.get(essence);
  if (byContentType !== undefined) return { spec: byContentType, mediaType: essence };
  const byMember = member === undefined ? undefined : kindsByMediaType.get(member);
  if (byMember?.selfDescribing) return { spec: byMember, mediaType: member };
  if (isJsonObject(document)) {
    for (const spec of documentKinds) {
      if (spec.detect?.(document, member)) return { spec, mediaType: spec.mediaTypes[0] };
    }
  }
  return { spec: undefined, mediaType: essence };
}
