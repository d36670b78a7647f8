import { checkValidateOptions } from "./check-options.js";
import { type PipelineExtensions, runPipeline } from "./pipeline.js";
import type { DocumentKind, ResultOf, ResultUnderConstruction, ValidationResult } from "./types.js";

/**
 * Every validator's body: checks the options (src/validate/check-options.ts — a bad option is an
 * `options-invalid` finding, never a throw, and is left out), runs the pipeline with the rest, and
 * puts the option findings first.
 */
export function runChecked<K extends DocumentKind>(
  input: Uint8Array | string | object,
  options: unknown,
  extensions: PipelineExtensions,
): ResultOf<K> {
  const checked = checkValidateOptions(options);
  const result: ValidationResult = runPipeline(input, checked.options, extensions);
  if (checked.issues.length === 0) return result as ResultOf<K>;
  const issues = [...checked.issues, ...result.issues];
  const merged: ResultUnderConstruction = {
    ...result,
    valid: !issues.some((issue) => issue.severity === "error"),
    issues,
  };
  return merged as ResultOf<K>;
}
