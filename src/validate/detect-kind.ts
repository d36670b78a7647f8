import { mediaTypeFacts } from "../media-types/facts.js";
import { mediaTypeEssence } from "./content-type.js";
import { documentKinds, isJsonObject, type KindSpec, kindsByMediaType, kindsByName } from "./kinds.js";
import type { DocumentKind } from "./types.js";

/** Which kind, and which media type it was recognised by. */
export interface Detected {
  spec: KindSpec | undefined;
  mediaType: string | undefined;
  /**
   * When `spec` is undefined: why the document is not a kind ocispec validates, as the end of a
   * sentence ("its Content-Type … is a model config type …"), for the `kind-unknown` finding.
   */
  unknownBecause?: string;
}

/**
 * Content-Types that say only "JSON" or "bytes": they name no kind, so the document's own
 * `mediaType` and its shape decide, as if no Content-Type had been given. An empty Content-Type is
 * one too.
 */
const GENERIC_CONTENT_TYPES: ReadonlySet<string> = new Set([
  "",
  "application/json",
  "application/octet-stream",
]);

/** "a layer type", "a config type": what the media-type table knows of a type, if anything. */
function describeType(mediaType: string): string {
  const kind = mediaTypeFacts(mediaType)?.kind;
  if (kind === undefined) return "a type the media-type table does not know";
  return `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind} type`;
}

/**
 * Kind detection. A media type, when one is named, decides: the Content-Type (`options.mediaType`)
 * first, then the document's own `mediaType` member for kinds whose member names the document itself
 * (manifests, indexes). A Content-Type that names a type ocispec does not validate — a known one such
 * as a model config, or an unknown one — makes the document `unknown`, never a kind guessed from its
 * shape (image-spec v1.1.1 image-index.md, `manifests[].mediaType`: "An encountered `mediaType` that
 * is unknown to the implementation MUST be ignored"). Only a document that names no type, or a
 * generic one (`application/json`), is recognised by its shape.
 */
export function detectKind(
  document: unknown,
  contentType: string | undefined,
  forced: DocumentKind | undefined,
): Detected {
  if (forced !== undefined) {
    const spec = kindsByName.get(forced);
    return { spec, mediaType: spec?.mediaTypes[0] };
  }
  const given = contentType === undefined ? undefined : mediaTypeEssence(contentType);
  const essence = given === undefined || GENERIC_CONTENT_TYPES.has(given) ? undefined : given;
  const byContentType = essence === undefined ? undefined : kindsByMediaType.get(essence);
  if (byContentType !== undefined) return { spec: byContentType, mediaType: essence };
  const member =
    isJsonObject(document) && typeof document.mediaType === "string" ? document.mediaType : undefined;
  const byMember = member === undefined ? undefined : kindsByMediaType.get(member);
  // A Content-Type naming another type as well: the kind is the member's, and media-type-mismatch says so.
  if (byMember?.selfDescribing) return { spec: byMember, mediaType: member };
  if (essence !== undefined) {
    return {
      spec: undefined,
      mediaType: essence,
      unknownBecause: `its Content-Type ${JSON.stringify(contentType)} is ${describeType(essence)}`,
    };
  }
  if (isJsonObject(document)) {
    for (const spec of documentKinds) {
      if (spec.detect?.(document, member)) return { spec, mediaType: spec.mediaTypes[0] };
    }
  }
  const contentTypeNote =
    given === undefined
      ? "no Content-Type was given"
      : `its Content-Type ${JSON.stringify(contentType)} names no kind`;
  return {
    spec: undefined,
    mediaType: given === undefined || given === "" ? undefined : given,
    unknownBecause: `${contentTypeNote}, and neither its mediaType member nor its shape is a kind's`,
  };
}
