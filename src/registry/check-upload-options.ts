// validateUpload's options, checked the way every other option is (src/validate/check-options.ts):
// a bad member is an `options-invalid` finding — the upload is refused, nothing throws.

import { applySetting, checkString, isPlainObject, OptionChecker, shown } from "../validate/check-options.js";
import type { Issue } from "../vocabulary/issue.js";
import { createPolicy, isPolicy, type Policy } from "./policy.js";

const UPLOAD_KEYS = ["contentType", "reference", "policy", "contentLength"];
const defaultPolicy = createPolicy();

/** validateUpload's options once checked: bad members left out, the findings (the policy's own included) beside. */
export interface CheckedUploadOptions {
  contentType: string | undefined;
  /** `undefined` when missing or not a string (a finding says so). */
  reference: string | undefined;
  policy: Policy;
  contentLength: number | undefined;
  issues: Issue[];
}

/** Checks the options of `validateUpload`. Never throws. */
export function checkUploadOptions(value: unknown): CheckedUploadOptions {
  const check = new OptionChecker("options");
  const out: CheckedUploadOptions = {
    contentType: undefined,
    reference: undefined,
    policy: defaultPolicy,
    contentLength: undefined,
    issues: check.issues,
  };
  if (!isPlainObject(value)) {
    check.problem("", `must be an object such as { contentType, reference: "v1" }, got ${shown(value)}`);
    return out;
  }
  check.unknownKeys(value, UPLOAD_KEYS, "");
  out.contentType = checkString(check, "contentType", check.get(value, "contentType", "contentType"));
  const reference = check.get(value, "reference", "reference");
  if (typeof reference === "string") out.reference = reference;
  else check.problem("reference", `must be the tag or digest of the PUT's path, got ${shown(reference)}`);
  const length = check.get(value, "contentLength", "contentLength");
  if (length !== undefined) {
    if (typeof length === "number" && Number.isSafeInteger(length) && length >= 0) out.contentLength = length;
    else check.problem("contentLength", `must be a whole number of bytes, got ${shown(length)}`);
  }
  const policy = check.get(value, "policy", "policy");
  if (policy !== undefined) {
    // A hand-made object could say anything (and throw when read): only createPolicy's are trusted.
    if (isPolicy(policy)) out.policy = policy;
    else check.problem("policy", `must be a policy made by createPolicy(), got ${shown(policy)}`);
  }
  out.issues = [...out.policy.issues, ...applySetting(check.issues, out.policy.rules)];
  return out;
}
