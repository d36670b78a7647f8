import { computeDigest } from "../digest/index.js";
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, limitOrDefault } from "../json/limits.js";
import { proveTextClean, safeToParseFirst } from "../json/text-agrees.js";
import type { Issue } from "../vocabulary/issue.js";
import { descriptorRulesToRun } from "./clean-path-descriptor-rules.js";
import { cleanRulesCheck } from "./clean-rules.js";
import { detectKind } from "./detect-kind.js";
import { runDocumentRules } from "./document-rules.js";
import { checkExpectedDigest } from "./expected-digest.js";
import { countMembers } from "./generated/validators.js";
import { isJsonObject } from "./kinds.js";
import type { PipelineExtensions } from "./pipeline.js";
import { RuleRunner } from "./rule-runner.js";
import type { ResultUnderConstruction, ValidateOptions, ValidationResult } from "./types.js";

const fatalDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Deeper than any document the clean path answers can nest: the schemas describe at most five
 * levels and values they do not describe are counted only up to `UNDESCRIBED_DEPTH` more
 * (test/clean-path-schemas.test.ts measures both), so a `limits.maxDepth` of at least this cannot be
 * exceeded by such a document.
 */
export const CLEAN_PATH_DEPTH = 8;

/**
 * Bytes decoded and parsed once, shared by the clean path and, when it finds something to say, the
 * full pipeline's reader, so that a document with findings is not decoded and parsed twice.
 *
 * @example
 * const parsed: ParsedText = { text: '{"schemaVersion":2}', value: { schemaVersion: 2 } };
 */
export interface ParsedText {
  /** The decoded text (it has no byte-order mark). */
  readonly text: string;
  /** What `JSON.parse` made of it. */
  readonly value: unknown;
}

/**
 * The bytes decoded (fatal UTF-8, no byte-order mark) and parsed after the reader's bracket guard,
 * when the limits let a clean document through at all; `undefined` when any of that fails — the
 * full pipeline's reader then reads the bytes itself and words why.
 *
 * @example
 * decodeAndParse(manifestBytes, {})?.value; // the parsed manifest
 */
export function decodeAndParse(bytes: Uint8Array, options: ValidateOptions): ParsedText | undefined {
  // A null options or limits (an untyped caller) throws in the full pipeline, which words it.
  if (options === null || options.limits === null) return undefined;
  const limits = options.limits;
  if (limitOrDefault(limits?.maxDepth, DEFAULT_MAX_DEPTH) < CLEAN_PATH_DEPTH) return undefined;
  if (bytes.length > limitOrDefault(limits?.maxBytes, DEFAULT_MAX_BYTES)) return undefined;
  let text: string;
  try {
    text = fatalDecoder.decode(bytes);
  } catch {
    return undefined;
  }
  // A byte-order mark is a finding; deep nesting makes JSON.parse slow, so the reader scans first.
  if (text.charCodeAt(0) === 0xfeff || !safeToParseFirst(text, DEFAULT_MAX_DEPTH)) return undefined;
  try {
    return { text, value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** What the clean path runs beyond the kind's own statements: the pipeline's extensions. */
export type CleanPathExtensions = Pick<PipelineExtensions, "kind" | "extraRules" | "targetFindings">;

/**
 * The clean path of `validate(bytes)`: the full pipeline's own stages — the kind's compiled schema,
 * its rules (the same lists, run by the same runner), the targets' findings, the digest — on what
 * {@link decodeAndParse} read (less the descriptor rules the schema held there,
 * `KindSpec.provenOnCleanPath`), answering only when none of them has anything to say, and
 * `undefined` ("run the full pipeline, which words every finding") otherwise. One stage differs:
 * the strict reader's walk over the parsed value is replaced by a proof on the text. The schema's
 * walk counts the members it describes (scripts/compile-schemas.mjs), and `proveTextClean` proves
 * the text has exactly that many member separators, no `\u` escape and only canonical integers:
 * so `JSON.parse` dropped no duplicate, and every member is one the schema knows by name — none
 * that Go would fold onto a spec field. A result it answers equals the full pipeline's.
 *
 * @example
 * const parsed = decodeAndParse(manifestBytes, {});
 * if (parsed !== undefined) cleanResult(manifestBytes, parsed, {}, {})?.valid; // true
 */
export function cleanResult(
  bytes: Uint8Array,
  parsed: ParsedText,
  options: ValidateOptions,
  extensions: CleanPathExtensions,
): ValidationResult | undefined {
  const document = parsed.value;
  if (!isJsonObject(document)) return undefined;
  const detected = detectKind(document, options.mediaType, extensions.kind);
  const spec = detected.spec;
  if (spec?.schema === undefined) return undefined;
  const members = countMembers(spec.schema, document);
  if (members < 0 || !proveTextClean(parsed.text, members)) return undefined;

  const context = { contentType: options.mediaType, bytes };
  // One finding is enough to leave: the full pipeline finds it again and words it.
  const generated = cleanRulesCheck(spec);
  if (generated !== undefined) {
    try {
      if (!generated(document, context)) return undefined;
    } catch {
      return undefined;
    }
  }
  const extraRules = extensions.extraRules;
  if (generated === undefined || extraRules !== undefined) {
    const issues: Issue[] = [];
    const runner = new RuleRunner(issues, options.preset ?? "default", context, false, 0);
    if (generated === undefined)
      runDocumentRules(runner, spec, document, extraRules, descriptorRulesToRun(spec));
    else if (extraRules !== undefined) runner.run(extraRules, document, "");
    if (issues.length > 0) return undefined;
  }
  if (options.targets !== undefined && options.targets.length > 0) {
    if (extensions.targetFindings === undefined) return undefined;
    if (extensions.targetFindings(document, spec.kind, options.targets, context).length > 0) return undefined;
  }
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
