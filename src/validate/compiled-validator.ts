/**
 * One error as ajv's generated code reports it (the subset the pipeline reads).
 *
 * @example
 * ociImageManifest(manifestWithNegativeConfigSize); // false
 * const [error]: CompiledValidatorError[] = ociImageManifest.errors ?? [];
 * // { instancePath: "/config/size", schemaPath: "#/properties/size/minimum", keyword: "minimum",
 * //   params: { comparison: ">=", limit: 0 }, message: "must be >= 0" }
 */
export interface CompiledValidatorError {
  /** JSON Pointer to the offending value in the validated document; `""` is the whole document. */
  instancePath: string;
  /** JSON Pointer (as a URI fragment, `#/…`) to the schema keyword that failed. */
  schemaPath: string;
  /** The JSON Schema keyword that failed: `required`, `type`, `minimum`, `pattern`, … */
  keyword: string;
  /** The keyword's details, e.g. `{ missingProperty: "config" }` for `required`, `{ limit: 0, comparison: ">=" }` for `minimum`. */
  params: Record<string, unknown>;
  /** ajv's English message, e.g. `must be >= 0`; the pipeline writes its own sentence for the common keywords and falls back to this one. */
  message?: string;
}

/**
 * A validator function generated at build time from one of our JSON Schemas.
 *
 * @example
 * import { ociImageManifest } from "./generated/validators.js";
 * const check: CompiledValidator = ociImageManifest;
 * if (!check(document)) console.log(check.errors?.[0]?.instancePath); // "/config/size"
 */
export interface CompiledValidator {
  /** `true` when `data` satisfies the schema; on `false`, `errors` says why. */
  (data: unknown): boolean;
  /** The errors of the last call: `null` after a success, the failures after a `false`. */
  errors?: CompiledValidatorError[] | null;
}

/**
 * What the generated `boundedValidate` answers: the errors a validator made, in its order, and
 * whether it finished. It stops as soon as it has made one error more than it was allowed, so a
 * document with millions of failures costs as much as its first few, not all of them.
 *
 * @example
 * const run: BoundedValidation = boundedValidate(ociImageManifest, document, 999);
 * if (!run.complete) console.log(`stopped after ${run.errors.length} errors`);
 */
export interface BoundedValidation {
  /** `true` when the document satisfies the schema (only ever with `complete`). */
  valid: boolean;
  /** The errors made, at most `maxErrors + 1`. */
  errors: CompiledValidatorError[];
  /** `false` when the validator was stopped before it had looked at everything. */
  complete: boolean;
}
