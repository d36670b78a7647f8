// The media-type table, its lookups and RFC 6838 parsing.
export { checkMediaType, type MediaTypeCheck } from "./check.js";
export {
  isConfigMediaType,
  isIndexMediaType,
  isLayerMediaType,
  isManifestMediaType,
  isNonDistributableMediaType,
  layerCompression,
} from "./classify.js";
export * from "./constants.js";
export { dockerToOci, ociToDocker } from "./equivalents.js";
export { OCI_MEDIA_TYPE_PATTERN } from "./grammar.js";
export { lookupMediaType } from "./lookup.js";
export { MediaTypeError } from "./media-type-error.js";
export { parseMediaType } from "./parse.js";
export { mediaTypesJson } from "./render-json.js";
export { renderMediaTypesMarkdown } from "./render-markdown.js";
export { mediaTypes } from "./table.js";
export type {
  KnownBy,
  LayerCompression,
  MediaTypeInfo,
  MediaTypeKind,
  MediaTypeStatus,
  ParsedMediaType,
} from "./types.js";
