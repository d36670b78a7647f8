import { computeDigest, verifyDigest } from "../digest/index.js";
import { describeThrown } from "../json/describe-thrown.js";
import { capIssues } from "../json/issue-limit.js";
import { DEFAULT_MAX_ISSUES } from "../json/limits.js";
import { locatePointers } from "../json/locate-pointer.js";
import type { DocumentKind, ResultUnderConstruction, ValidationResult } from "../validate/types.js";
import { validate } from "../validate/validate.js";
import type { Issue } from "../vocabulary/issue.js";
import { checkUploadOptions } from "./check-upload-options.js";
import { type DistributionErrorBody, toDistributionResponse } from "./distribution-error.js";
import { uploadIssueCodes } from "./error-codes.js";
import { type Policy, policyFindings } from "./policy.js";
import { findProfileCheck, profileFindings } from "./profiles/index.js";
import { parseManifestReference } from "./reference.js";

/**
 * Options for {@link validateUpload}: what a registry knows about a manifest PUT.
 *
 * @example
 * const options: UploadOptions = { contentType: "application/vnd.oci.image.manifest.v1+json", reference: "v1", contentLength: bytes.length };
 * validateUpload(bytes, options);
 */
export interface UploadOptions {
  /** The request's Content-Type header. */
  contentType?: string | undefined;
  /** The `<reference>` of `/v2/<name>/manifests/<reference>`: a tag or a digest. */
  reference: string;
  /** The registry's policy; default {@link createPolicy}(). */
  policy?: Policy;
  /**
   * The request's Content-Length header, when the caller has it: a mismatch with the bytes is
   * SIZE_INVALID, and a length over `policy.maxBytes` is answered 413 without looking at the bytes
   * (so a gate need not buffer an oversized body).
   */
  contentLength?: number | undefined;
}

/**
 * The HTTP statuses a refused manifest PUT is answered with: distribution-spec's 400, 404, 405, 413
 * and 415, and the statuses a target registry answers with instead (e.g. 500 for what distribution
 * fails on). Never 201: `status === 201` narrows an {@link UploadResult} to an accepted one.
 *
 * @example
 * const status: RefusalStatus = 413;
 */
export type RefusalStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 501 | 502 | 503;

/**
 * An accepted upload: a valid result (its document typed by `kind`), status 201 and no body.
 *
 * @example
 * const answer = validateUpload(bytes, { contentType, reference: "v1" });
 * if (answer.status === 201) answer.body; // null
 */
export type UploadAccepted = Extract<ValidationResult, { valid: true }> & {
  /** Created: the registry stores the manifest. */
  status: 201;
  /** No error body. */
  body: null;
};

/**
 * A refused upload: an invalid result, the refusal status and the distribution-spec error body.
 *
 * @example
 * const answer = validateUpload(bytes, { contentType, reference: "v1" });
 * if (!answer.valid) console.error(answer.status, answer.body.errors[0]?.code);
 */
export type UploadRefused = Extract<ValidationResult, { valid: false }> & {
  /** The refusal's HTTP status. */
  status: RefusalStatus;
  /** The distribution-spec error body to send. */
  body: DistributionErrorBody;
};

/**
 * A validation result plus the answer the registry sends, discriminated on acceptance: `valid` (or
 * `status === 201`) narrows it to {@link UploadAccepted} or {@link UploadRefused}.
 *
 * @example
 * const answer: UploadResult = validateUpload(bytes, { reference: "sha256:…" });
 * if (answer.status !== 201) answer.body.errors[0]?.code; // "DIGEST_INVALID" when the digest does not match the bytes
 */
export type UploadResult = UploadAccepted | UploadRefused;

/** The media type of a Content-Type header, parameters removed and lower-cased; `undefined` when absent. */
function mediaTypeOf(contentType: string | undefined): string | undefined {
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  return mediaType === "" ? undefined : mediaType;
}

/** Applies the policy's per-rule overrides to findings the registry layer adds itself. */
function applyOverrides(issues: Issue[], policy: Policy): Issue[] {
  const kept: Issue[] = [];
  for (const issue of issues) {
    const setting = policy.rules[issue.code];
    if (setting === "off") continue;
    kept.push(setting === undefined ? issue : { ...issue, severity: setting });
  }
  return kept;
}

/** Adds line and column to findings about a member, as the pipeline does for its own: one pass for all. */
function locate(issues: Issue[], data: Uint8Array): Issue[] {
  if (!issues.some((issue) => issue.path !== "")) return issues;
  const text = new TextDecoder().decode(data);
  const positions = locatePointers(
    text,
    issues.map((issue) => issue.path),
  );
  return issues.map((issue, k) => {
    const position = issue.path === "" ? undefined : positions[k];
    return position === undefined ? issue : { ...issue, line: position.line, column: position.column };
  });
}

function finish(result: ResultUnderConstruction): UploadResult {
  const valid = !result.issues.some((issue) => issue.severity === "error");
  const { status, body } = toDistributionResponse(result);
  return { ...result, valid, status, body } as UploadResult;
}

/**
 * Everything `validate` checks, plus what only a registry knows — the size limit, the Content-Length,
 * the digest in the reference, its policy and the registries it emulates — and the answer it sends:
 * `{ status, body }` with the distribution-spec error envelope. Never throws on bad input.
 *
 * @example
 * const answer = validateUpload(body, { contentType: req.headers["content-type"], reference: "v1", policy });
 * if (answer.status !== 201) { res.writeHead(answer.status, { "content-type": "application/json" }); res.end(JSON.stringify(answer.body)); }
 */
export function validateUpload(bytes: Uint8Array | string, options: UploadOptions): UploadResult {
  try {
    return upload(bytes, options);
  } catch (error) {
    // Bad options (no options, a policy createPolicy did not make, a getter that throws, a revoked
    // Proxy) or a bug: refused with the reason, never thrown into the registry's request handler.
    return finish({
      valid: false,
      kind: "unknown",
      issues: [
        {
          code: "internal-error",
          severity: "error",
          path: "",
          message: `the upload could not be validated: ${describeThrown(error, "an unexpected value was thrown")}`,
        },
      ],
    });
  }
}

function upload(bytes: Uint8Array | string, options: UploadOptions): UploadResult {
  // Malformed options (and a policy made from malformed ones) are options-invalid findings: refused.
  // Each option is read once there: a getter cannot answer one thing to a check and another to its use.
  const checked = checkUploadOptions(options);
  const policy = checked.policy;
  if (typeof bytes !== "string" && !(bytes instanceof Uint8Array)) {
    return finish({
      valid: false,
      kind: "unknown",
      issues: [
        {
          code: "input-type",
          severity: "error",
          path: "",
          message: `validateUpload expects the body as bytes or a string, got ${bytes === null ? "null" : typeof bytes}`,
        },
      ],
    });
  }
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  const contentType = mediaTypeOf(checked.contentType);
  const unread = (issues: Issue[], kind: DocumentKind = "unknown"): UploadResult =>
    finish({ valid: false, kind, ...(contentType === undefined ? {} : { mediaType: contentType }), issues });

  // distribution-spec spec.md#pushing-manifests: a registry over its limit SHOULD answer 413; read nothing more.
  // A gate may pass only the Content-Length (or the count of a drained body) for a body it did not keep.
  const size = Math.max(data.length, checked.contentLength ?? 0);
  if (size > policy.maxBytes) {
    return unread([
      {
        code: uploadIssueCodes.sizeLimit,
        severity: "error",
        path: "",
        message: `manifest body is ${size} bytes, over this registry's limit of ${policy.maxBytes} bytes`,
        ref: "distribution-spec spec.md#pushing-manifests",
      },
    ]);
  }

  const registryIssues: Issue[] = [...checked.issues];
  if (checked.contentLength !== undefined && checked.contentLength !== data.length) {
    registryIssues.push({
      code: uploadIssueCodes.lengthMismatch,
      severity: "error",
      path: "",
      message: `Content-Length says ${checked.contentLength} bytes but ${data.length} bytes arrived`,
    });
  }

  // distribution 2.8 manifests.go UnmarshalManifest: no Content-Type selects the schema 1 unmarshaller,
  // which refuses every schema 2 document (and a config blob) with 400 MANIFEST_INVALID.
  if (contentType === undefined) {
    registryIssues.push({
      code: uploadIssueCodes.contentTypeMissing,
      severity: "error",
      path: "",
      message:
        "the manifest PUT has no Content-Type: registries read the body by its Content-Type (distribution falls back to Docker schema 1 and answers 400 MANIFEST_INVALID); send the manifest's media type",
      ref: "distribution-spec spec.md#pushing-manifests; docker/distribution@v2.8.2 manifests.go UnmarshalManifest",
    });
  }

  const reference = checked.reference === undefined ? undefined : parseManifestReference(checked.reference);
  if (reference === undefined) {
    // reported by checkUploadOptions
  } else if (reference.kind === "invalid") {
    registryIssues.push({
      code: uploadIssueCodes.referenceInvalid,
      severity: "error",
      path: "",
      message: reference.reason,
      ref: "distribution-spec spec.md#pulling-manifests",
    });
  } else if (reference.kind === "digest" && !verifyDigest(data, reference.digest)) {
    const algorithm = reference.digest.slice(0, reference.digest.indexOf(":"));
    const computable = algorithm === "sha256" || algorithm === "sha512";
    registryIssues.push({
      code: uploadIssueCodes.digestMismatch,
      severity: "error",
      path: "",
      message: computable
        ? `the body hashes to ${computeDigest(data, algorithm)}, not to the digest in the reference ${reference.digest}`
        : `the digest in the reference ${reference.digest} uses ${algorithm}, which this registry cannot verify`,
      ref: "distribution-spec spec.md#pushing-manifests",
    });
  }

  const result = validate(data, {
    ...(contentType === undefined ? {} : { mediaType: contentType }),
    rules: policy.rules,
    preset: policy.preset,
    limits: { maxBytes: policy.maxBytes },
  });

  const documentIssues: Issue[] = [];
  if (result.document !== undefined) {
    documentIssues.push(...policyFindings(result.document, policy, { kind: result.kind, contentType }));
    for (const finding of profileFindings(result.document, result.kind, policy.targets, {
      contentType,
      bytes: data,
    })) {
      // A policy that adopts a target refuses what that registry refuses; the rest stay warnings.
      documentIssues.push(
        findProfileCheck(finding.code)?.refuses ? { ...finding, severity: "error" } : finding,
      );
    }
  } else if (contentType !== undefined) {
    documentIssues.push(...policyFindings(undefined, policy, { kind: result.kind, contentType }));
  }

  const issues = [...applyOverrides(registryIssues, policy), ...result.issues];
  const truncated = issues[issues.length - 1]?.code === "too-many-issues";
  // The registry's own findings fit under the same cap as validate's (limits.maxIssues' default).
  const room = truncated ? 0 : DEFAULT_MAX_ISSUES + 1 - issues.length;
  if (room > 0) {
    const kept = applyOverrides(documentIssues, policy).slice(0, room);
    for (const issue of locate(kept, data)) issues.push(issue);
    if (issues.length > DEFAULT_MAX_ISSUES) capIssues(issues, DEFAULT_MAX_ISSUES);
  }
  return finish({ ...result, issues });
}
