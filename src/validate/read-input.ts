import { type JsonReadOptions, type JsonReadResult, readJson, readParsedJson } from "../json/index.js";
import type { ParsedText } from "./clean-path.js";
import type { ValidationLimits } from "./types.js";

/** What the read step hands the rest of the pipeline: the strict reader's answer. */
export type ReadInput = JsonReadResult;

/**
 * The pipeline's read step: the strict reader with the caller's limits. When the clean path has
 * already decoded and parsed the bytes (`parsed`), the reader starts from there.
 */
export function readInput(
  input: Uint8Array | string,
  limits: ValidationLimits | undefined,
  parsed?: ParsedText,
  maxIssues?: number,
): ReadInput {
  const options: JsonReadOptions = {};
  if (maxIssues !== undefined) options.maxIssues = maxIssues;
  if (limits !== undefined) {
    if (limits.maxBytes !== undefined) options.maxBytes = limits.maxBytes;
    if (limits.maxDepth !== undefined) options.maxDepth = limits.maxDepth;
  }
  return parsed !== undefined && input instanceof Uint8Array
    ? readParsedJson(input, parsed.text, parsed.value, options)
    : readJson(input, options);
}
