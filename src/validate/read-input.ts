import { type JsonReadResult, locatePointer, readJson } from "../json/index.js";
import type { ValidationLimits } from "./types.js";

/** What the read step hands the rest of the pipeline: the strict reader's answer. */
export type ReadInput = JsonReadResult;

/** The pipeline's read step: the strict reader with the caller's limits. */
export function readInput(input: Uint8Array | string, limits: ValidationLimits | undefined): ReadInput {
  if (limits === undefined) return readJson(input);
  const options: { maxBytes?: number; maxDepth?: number } = {};
  if (limits.maxBytes !== undefined) options.maxBytes = limits.maxBytes;
  if (limits.maxDepth !== undefined) options.maxDepth = limits.maxDepth;
  return readJson(input, options);
}

/** The line and column of a JSON Pointer in the text, for findings. */
export const locate = locatePointer;
