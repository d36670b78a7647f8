export { equalFoldKey } from "./equal-fold-key.js";
export { type JsonIssueCode, type JsonIssueInfo, jsonIssueCatalog } from "./issue-codes.js";
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ISSUES } from "./limits.js";
export { locatePointer, locatePointers } from "./locate-pointer.js";
export type { SourcePosition } from "./position.js";
export {
  checkMemberNames,
  type JsonReadOptions,
  type JsonReadResult,
  readJson,
  readObject,
  readParsedJson,
} from "./read-json.js";
export { integerMemberNames, mapMemberNames, specMemberNames } from "./spec-member-names.js";
