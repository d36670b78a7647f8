export { goFold } from "./go-fold.js";
export { type JsonIssueCode, type JsonIssueInfo, jsonIssueCatalog } from "./issue-codes.js";
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH } from "./limits.js";
export { locatePointer } from "./locate-pointer.js";
export type { SourcePosition } from "./position.js";
export {
  checkMemberNames,
  type JsonReadOptions,
  type JsonReadResult,
  readJson,
  readParsedJson,
} from "./read-json.js";
export { integerMemberNames, mapMemberNames, specMemberNames } from "./spec-member-names.js";
