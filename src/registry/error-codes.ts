/**
 * The error codes of the distribution spec (v1.1 spec.md#error-codes), with the message the spec gives
 * each. A registry MAY add codes; clients treat unknown ones as UNKNOWN.
 *
 * @example
 * const code: DistributionErrorCode = "MANIFEST_INVALID";
 * distributionErrorMessages[code]; // "manifest invalid"
 */
export type DistributionErrorCode =
  | "BLOB_UNKNOWN"
  | "BLOB_UPLOAD_INVALID"
  | "BLOB_UPLOAD_UNKNOWN"
  | "DIGEST_INVALID"
  | "MANIFEST_BLOB_UNKNOWN"
  | "MANIFEST_INVALID"
  | "MANIFEST_UNKNOWN"
  | "NAME_INVALID"
  | "NAME_UNKNOWN"
  | "SIZE_INVALID"
  | "UNAUTHORIZED"
  | "DENIED"
  | "UNSUPPORTED"
  | "TOOMANYREQUESTS";

/**
 * The spec's description of each code (distribution-spec spec.md#error-codes, code-1 … code-14).
 *
 * @example
 * distributionErrorMessages.DIGEST_INVALID // "provided digest did not match uploaded content"
 */
export const distributionErrorMessages: Readonly<Record<DistributionErrorCode, string>> = {
  BLOB_UNKNOWN: "blob unknown to registry",
  BLOB_UPLOAD_INVALID: "blob upload invalid",
  BLOB_UPLOAD_UNKNOWN: "blob upload unknown to registry",
  DIGEST_INVALID: "provided digest did not match uploaded content",
  MANIFEST_BLOB_UNKNOWN: "manifest references a manifest or blob unknown to registry",
  MANIFEST_INVALID: "manifest invalid",
  MANIFEST_UNKNOWN: "manifest unknown to registry",
  NAME_INVALID: "invalid repository name",
  NAME_UNKNOWN: "repository name not known to registry",
  SIZE_INVALID: "provided length did not match content length",
  UNAUTHORIZED: "authentication required",
  DENIED: "requested access to the resource is denied",
  UNSUPPORTED: "the operation is unsupported",
  TOOMANYREQUESTS: "too many requests",
};

/**
 * Issue codes produced by the registry layer itself (the pipeline's own codes are mapped by shape).
 * Stable: gates and tests match on them.
 *
 * @example
 * answer.issues.some((issue) => issue.code === uploadIssueCodes.sizeLimit) // the body was over maxBytes
 */
export const uploadIssueCodes = {
  /** The body is larger than the policy's `maxBytes`. Answered 413. */
  sizeLimit: "upload-size-limit",
  /** The Content-Length the client declared differs from the bytes received. SIZE_INVALID. */
  lengthMismatch: "upload-size-mismatch",
  /**
   * The PUT has no Content-Type (or an empty one). MANIFEST_INVALID: distribution reads such a body
   * as Docker schema 1 and refuses it.
   */
  contentTypeMissing: "upload-content-type-missing",
  /** The reference is neither a tag nor a well-formed digest. MANIFEST_INVALID. */
  referenceInvalid: "upload-reference-invalid",
  /** The reference is a digest the bytes do not hash to, or one that cannot be verified. DIGEST_INVALID. */
  digestMismatch: "digest-mismatch",
  /** The manifest's own type (Content-Type or `mediaType`) is refused by the policy. UNSUPPORTED, 415. */
  manifestTypeRefused: "policy-manifest-type-refused",
  /** A config, layer, artifact or child type is refused by the policy. MANIFEST_INVALID. */
  mediaTypeRefused: "policy-media-type-refused",
  /** A media type the table does not know, under `unknown: "warn"` or `"reject"`. */
  mediaTypeUnknown: "policy-media-type-unknown",
} as const;
