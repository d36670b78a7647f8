import { computeDigest } from "../../digest/index.js";
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, limit } from "../../json/limits.js";
import { fewOpeningBrackets, separatorsAgree } from "../../json/text-agrees.js";
import { detectKind } from "../detect-kind.js";
import { checkExpectedDigest } from "../expected-digest.js";
import { isJsonObject } from "../kinds.js";
import type { DocumentKind, ResultUnderConstruction, ValidateOptions, ValidationResult } from "../types.js";
import type { Tally } from "./fast-check.js";
import { fastChecks } from "./fast-checks.js";

const fatalDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
/** Deeper than any shape a fast check accepts (they nest at most four levels), so never the limit. */
const FAST_DEPTH = 8;

/**
 * What the clean path decoded and parsed, handed to the full pipeline when the document is not
 * proven clean, so that a document with findings is not decoded and parsed twice.
 *
 * @example
 * const ahead: ReadAhead = { text: '{"schemaVersion":2}', document: { schemaVersion: 2 } };
 */
export interface ReadAhead {
  /** The decoded text (it has no byte-order mark). */
  readonly text: string;
  /** What `JSON.parse` made of it. */
  readonly document: unknown;
}

/**
 * The first half of the clean path: when the options let it answer at all, the bytes decoded
 * (fatal UTF-8, no byte-order mark) and parsed (after the reader's bracket guard); `undefined`
 * when any of that fails — the full pipeline then reads the bytes itself and words why.
 *
 * @example
 * readAhead(manifestBytes, {})?.document; // the parsed manifest
 */
export function readAhead(bytes: Uint8Array, options: ValidateOptions): ReadAhead | undefined {
  // A null options or limits (an untyped caller) throws in the full pipeline, which words it.
  if (
    options === null ||
    options.rules !== undefined ||
    (options.targets !== undefined && options.targets.length > 0)
  )
    return undefined;
  const limits = options.limits;
  if (limits !== undefined) {
    if (limits === null) return undefined;
    if (limit(limits.maxDepth, DEFAULT_MAX_DEPTH) < FAST_DEPTH) return undefined;
    if (bytes.length > limit(limits.maxBytes, DEFAULT_MAX_BYTES)) return undefined;
  } else if (bytes.length > DEFAULT_MAX_BYTES) return undefined;

  let text: string;
  try {
    text = fatalDecoder.decode(bytes);
  } catch {
    return undefined;
  }
  // A byte-order mark is a finding; deep nesting makes JSON.parse slow, so the reader scans first.
  if (text.charCodeAt(0) === 0xfeff || !fewOpeningBrackets(text, DEFAULT_MAX_DEPTH)) return undefined;
  try {
    return { text, document: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/**
 * The second half of the clean path, on what {@link readAhead} read: the kind's fast check, the
 * separator proof, the digest — a result only when the document is proven clean.
 *
 * @example
 * const ahead = readAhead(manifestBytes, {});
 * if (ahead !== undefined) provenClean(manifestBytes, ahead, {}, undefined)?.valid; // true
 */
export function provenClean(
  bytes: Uint8Array,
  ahead: ReadAhead,
  options: ValidateOptions,
  forced: DocumentKind | undefined,
): ValidationResult | undefined {
  const { text, document } = ahead;
  if (!isJsonObject(document)) return undefined;
  const detected = detectKind(document, options.mediaType, forced);
  const spec = detected.spec;
  if (spec === undefined) return undefined;
  const check = fastChecks[spec.kind];
  if (check === undefined) return undefined;
  // media-type-mismatch and parameters: only a Content-Type that is exactly the detected type, and
  // the document's own mediaType when it has one, is proven to agree.
  const contentType = options.mediaType;
  if (
    contentType !== undefined &&
    (contentType !== detected.mediaType ||
      (document.mediaType !== undefined && document.mediaType !== contentType))
  )
    return undefined;

  const tally: Tally = { members: 0 };
  if (!check(document, tally) || !separatorsAgree(text, tally.members)) return undefined;
  const digest = computeDigest(bytes);
  if (
    options.expectedDigest !== undefined &&
    checkExpectedDigest(options.expectedDigest, bytes, digest) !== undefined
  )
    return undefined;
  // The full pipeline's result, member for member and in its order.
  const result: ResultUnderConstruction = { valid: true, kind: spec.kind, issues: [] };
  if (detected.mediaType !== undefined) result.mediaType = detected.mediaType;
  result.digest = digest;
  result.document = document;
  return result as ValidationResult;
}

/**
 * The clean path of `validate(bytes)`: the same verdict as the full pipeline, for the documents
 * that have none to give. It decodes and parses once, runs the kind's fast check (one walk that
 * stands in for the schema, the rules and the reader's member-name checks), proves with the
 * reader's `separatorsAgree` that `JSON.parse` dropped no duplicate member and read only canonical
 * integers, and hashes the bytes. Answers `undefined` — "not proven", run the full pipeline — for
 * anything else: options that change findings (`rules`, `targets`), a kind without a fast check,
 * a Content-Type that is not exactly the document's type, a failed decode or parse, a byte-order
 * mark, a `\u` escape, a document the fast check does not prove clean, a digest mismatch. A result
 * it answers equals the full pipeline's (`valid: true`, no issues) field for field.
 *
 * Why it exists: issue 8's budget is `validate` ≤ 1.5 × decode + parse + sha256. The full
 * pipeline's separate passes (member census, schema, ~30 rule dispatches, nested descriptor list)
 * cost two to three times that on a clean manifest; this is one pass over the parsed value.
 *
 * @example
 * fastValidate(manifestBytes, {}, undefined)?.valid; // true, or undefined when not proven
 */
export function fastValidate(
  bytes: Uint8Array,
  options: ValidateOptions,
  forced: DocumentKind | undefined,
): ValidationResult | undefined {
  const ahead = readAhead(bytes, options);
  return ahead === undefined ? undefined : provenClean(bytes, ahead, options, forced);
}
