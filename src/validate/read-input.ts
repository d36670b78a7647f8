import { type JsonReadOptions, type JsonReadResult, readJson, readParsedJson } from "../json/index.js";
import type { ReadAhead } from "./fast-path/fast-validate.js";
import type { ValidationLimits } from "./types.js";

/** What the read step hands the rest of the pipeline: the strict reader's answer. */
export type ReadInput = JsonReadResult;

/**
 * The pipeline's read step: the strict reader with the caller's limits. When the clean path has
 * already decoded and parsed the bytes (`ahead`), the reader starts from there.
 */
export function readInput(
  input: Uint8Array | string,
  limits: ValidationLimits | undefined,
  ahead?: ReadAhead,
  maxIssues?: number,
): ReadInput {
  const options: JsonReadOptions = {};
  if (maxIssues !== undefined) options.maxIssues = maxIssues;
  if (limits !== undefined) {
    if (limits.maxBytes !== undefined) options.maxBytes = limits.maxBytes;
    if (limits.maxDepth !== undefined) options.maxDepth = limits.maxDepth;
  }
  return ahead !== undefined && input instanceof Uint8Array
    ? readParsedJson(input, ahead.text, ahead.document, options)
    : readJson(input, options);
}
