import { DEFAULT_MAX_ISSUES } from "../json/limits.js";
import type { ValidationResult } from "../validate/types.js";
import type { Issue } from "../vocabulary/issue.js";
import { fieldLabel, valueAtPointer } from "./document-fields.js";
import { type DistributionErrorCode, uploadIssueCodes } from "./error-codes.js";
import { findProfileCheck } from "./profiles/index.js";

/**
 * What `detail` carries for one finding: enough for a client to find and fix the value.
 *
 * @example
 * const detail: DistributionErrorDetail = { rule: "data-size-mismatch", field: "config.size", pointer: "/config/size", value: 3, line: 5, column: 13 };
 */
export interface DistributionErrorDetail {
  /** The rule that fired (the issue code). */
  rule: string;
  /** The field, written the way people name it: `config.mediaType`, `layers[0].size`. */
  field: string;
  /** JSON Pointer to the field. */
  pointer: string;
  /** The offending value, when the document was read and the value is a scalar. */
  value?: string | number | boolean | null;
  /** 1-based line of the value in the body, when known. */
  line?: number;
  /** 1-based column of the value in the body, when known. */
  column?: number;
  /** The spec section or source the rule enforces. */
  ref?: string;
}

/**
 * One entry of a distribution-spec error body.
 *
 * @example
 * const entry: DistributionError = {
 *   code: "DIGEST_INVALID",
 *   message: "…",
 *   detail: { rule: "data-digest-mismatch", field: "config.digest", pointer: "/config/digest", value: "sha256:…" },
 * };
 */
export interface DistributionError {
  /** A distribution-spec code, or a registry's own code when a target profile quotes one. */
  code: DistributionErrorCode | (string & {});
  /** The finding's sentence, naming the field and the rule. */
  message: string;
  /** Where and what, as data. */
  detail: DistributionErrorDetail;
}

/**
 * The body a registry sends with a 4xx answer: `{"errors":[{"code","message","detail"}]}`.
 *
 * @example
 * const body: DistributionErrorBody = toDistributionError(validate(bytes));
 * res.end(JSON.stringify(body)); // {"errors":[{"code":"MANIFEST_INVALID","message":"…","detail":{…}}]}
 */
export interface DistributionErrorBody {
  /** One entry per refusal; the first decides the status. */
  errors: DistributionError[];
}

/**
 * The answer to a manifest PUT: 201 and no body, or the refusal status and its error body.
 *
 * @example
 * const { status, body }: DistributionResponse = toDistributionResponse(validate(bytes));
 * // accepted: { status: 201, body: null }; refused: { status: 400, body: { errors: [ … ] } }
 */
export interface DistributionResponse {
  /** 201 when accepted; 400, 413, 415 (or a target registry's own status) when refused. */
  status: number;
  /** `null` when accepted. */
  body: DistributionErrorBody | null;
}

/**
 * The findings toDistributionError reads; a full ValidationResult fits.
 *
 * @example
 * const input: DistributionErrorInput = { issues: result.issues, document: result.document };
 * toDistributionResponse(input);
 */
export type DistributionErrorInput = Pick<ValidationResult, "issues"> & {
  /** The parsed document, to quote the offending values in `detail.value`. */
  document?: unknown;
};

/** How the status of a refusal is chosen when several apply: the first in this order wins. */
const STATUS_PRECEDENCE = [413, 415, 405];

/** Code and status for one error-severity issue. */
function classify(issue: Issue): { code: DistributionError["code"]; status: number } {
  switch (issue.code) {
    case uploadIssueCodes.sizeLimit:
    case "json-too-large": // the reader's limits.maxBytes, when a registry calls validate itself
      return { code: "MANIFEST_INVALID", status: 413 };
    case uploadIssueCodes.manifestTypeRefused:
      return { code: "UNSUPPORTED", status: 415 };
    case uploadIssueCodes.lengthMismatch:
      return { code: "SIZE_INVALID", status: 400 };
  }
  if (issue.code === "digest-mismatch" || issue.code.endsWith("-digest-mismatch")) {
    return { code: "DIGEST_INVALID", status: 400 };
  }
  if (issue.code.includes("size-mismatch")) return { code: "SIZE_INVALID", status: 400 };
  const check = issue.code.startsWith("target-") ? findProfileCheck(issue.code) : undefined;
  if (check?.response) return { code: check.response.code, status: check.response.status };
  return { code: "MANIFEST_INVALID", status: 400 };
}

function scalar(value: unknown): DistributionErrorDetail["value"] {
  if (
    value === null ||
    typeof value === "string" ||
    typeof value === "number" ||
    typeof value === "boolean"
  ) {
    return typeof value === "string" && value.length > 256 ? `${value.slice(0, 256)}…` : value;
  }
  return undefined;
}

function toEntry(issue: Issue, document: unknown, code: DistributionError["code"]): DistributionError {
  const detail: DistributionErrorDetail = {
    rule: issue.code,
    field: fieldLabel(issue.path),
    pointer: issue.path,
  };
  let value: DistributionErrorDetail["value"];
  try {
    value = scalar(valueAtPointer(document, issue.path));
  } catch {
    // A caller's own document may have getters; the value is only an illustration.
  }
  if (value !== undefined) detail.value = value;
  if (issue.line !== undefined) detail.line = issue.line;
  if (issue.column !== undefined) detail.column = issue.column;
  if (issue.ref !== undefined) detail.ref = issue.ref;
  return { code, message: issue.message, detail };
}

/** Most entries in one body: what `limits.maxIssues` lets validate report by default. */
const MAX_ENTRIES = DEFAULT_MAX_ISSUES;

/** A string member of a caller's issue, or undefined when it is not one. */
function stringMember(issue: object, name: string): string | undefined {
  const value = (issue as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}

function numberMember(issue: object, name: string): number | undefined {
  const value = (issue as Record<string, unknown>)[name];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * A caller's issue read once, member by member, into a plain one with the types the body needs;
 * undefined when it is not an issue (no string code and severity, or reading it threw).
 */
function readIssue(value: unknown): Issue | undefined {
  try {
    if (value === null || typeof value !== "object") return undefined;
    const code = stringMember(value, "code");
    const severity = stringMember(value, "severity");
    if (code === undefined || severity === undefined) return undefined;
    const issue: Issue = {
      // A caller's finding may carry a code from a newer ocispec: kept as given.
      code: code as Issue["code"],
      severity: severity as Issue["severity"],
      path: stringMember(value, "path") ?? "",
      message: stringMember(value, "message") ?? code,
    };
    const line = numberMember(value, "line");
    const column = numberMember(value, "column");
    const ref = stringMember(value, "ref");
    if (line !== undefined) issue.line = line;
    if (column !== undefined) issue.column = column;
    if (ref !== undefined) issue.ref = ref;
    return issue;
  } catch {
    return undefined;
  }
}

/** The entry for what cannot be read as a finding: a refusal, never an acceptance by default. */
function unreadableEntry(what: string): { entry: DistributionError; status: number } {
  return {
    entry: {
      code: "MANIFEST_INVALID",
      message: `${what} could not be read as a validation finding, so the manifest is refused`,
      detail: { rule: "internal-error", field: "the document", pointer: "" },
    },
    status: 400,
  };
}

function classified(result: DistributionErrorInput): Array<{ entry: DistributionError; status: number }> {
  let issues: readonly unknown[];
  let document: unknown;
  let count: number;
  try {
    const read = (result as { issues?: unknown }).issues;
    if (!Array.isArray(read)) return [unreadableEntry("result.issues")];
    issues = read;
    count = read.length;
    document = (result as { document?: unknown }).document;
  } catch {
    return [unreadableEntry("the validation result")];
  }
  const entries: Array<{ entry: DistributionError; status: number }> = [];
  let leftOut = 0;
  for (let k = 0; k < count; k++) {
    let raw: unknown;
    try {
      raw = issues[k];
    } catch {
      raw = undefined;
    }
    const issue = readIssue(raw);
    if (issue !== undefined && issue.severity !== "error") continue;
    if (entries.length >= MAX_ENTRIES - 1) {
      leftOut++;
      continue;
    }
    if (issue === undefined) {
      entries.push(unreadableEntry(`result.issues[${k}]`));
      continue;
    }
    try {
      const { code, status } = classify(issue);
      entries.push({ entry: toEntry(issue, document, code), status });
    } catch {
      entries.push(unreadableEntry(`result.issues[${k}]`));
    }
  }
  if (leftOut > 0) {
    entries.push({
      entry: {
        code: "MANIFEST_INVALID",
        message: `${leftOut} more error${leftOut === 1 ? "" : "s"} left out of this body, which carries at most ${MAX_ENTRIES}`,
        detail: { rule: "too-many-issues", field: "the document", pointer: "" },
      },
      status: 400,
    });
  }
  const rank = (status: number) => {
    const index = STATUS_PRECEDENCE.indexOf(status);
    return index === -1 ? STATUS_PRECEDENCE.length : index;
  };
  // Stable sort: the entry that decides the status comes first, as in distribution's serveJSON.
  return entries.sort((a, b) => rank(a.status) - rank(b.status));
}

/**
 * The distribution-spec error body for a validation result: one entry per error-severity finding.
 * Digest mismatches become DIGEST_INVALID, size mismatches SIZE_INVALID, a manifest type the policy
 * refuses UNSUPPORTED, everything else (schema, grammar, ambiguity, refused media types)
 * MANIFEST_INVALID; `detail` names the rule, the field and its value. Warnings are left out.
 * Never throws, and the body always serialises: at most 1,000 entries (the last says how many more
 * were left out), and what cannot be read as a finding is refused as MANIFEST_INVALID, not skipped.
 *
 * @example
 * toDistributionError(validate(bytes, { mediaType: "application/vnd.oci.image.manifest.v1+json" }))
 * // → { errors: [{ code: "MANIFEST_INVALID", message: "…",
 * //      detail: { rule: "…", field: "config.size", pointer: "/config/size", value: -1 } }] }
 */
export function toDistributionError(result: DistributionErrorInput): DistributionErrorBody {
  return { errors: classified(result).map(({ entry }) => entry) };
}

/**
 * The full answer to a manifest PUT for a validation result: 201 with no body when no finding is an
 * error, else the status of the deciding error (413 over the size limit, 415 for a refused manifest
 * type, 400 otherwise, or a target registry's own status) and the error body.
 *
 * @example
 * toDistributionResponse({ issues: [] }) // → { status: 201, body: null }
 */
export function toDistributionResponse(result: DistributionErrorInput): DistributionResponse {
  const entries = classified(result);
  const first = entries[0];
  if (!first) return { status: 201, body: null };
  return { status: first.status, body: { errors: entries.map(({ entry }) => entry) } };
}
