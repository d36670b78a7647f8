import type { Issue } from "../vocabulary/issue.js";
import type { DocumentKind } from "./types.js";

/**
 * The findings `options.targets` adds to a validation: `profileFindings` (src/registry/profiles) has
 * this shape. Injected into the pipeline by the root entry's validators, so that `ocispec/core`
 * does not carry the registry profiles.
 */
export type TargetFindings = (
  document: unknown,
  kind: DocumentKind,
  targets: readonly string[],
  context: { contentType?: string | undefined; bytes?: Uint8Array | undefined },
) => Issue[];

/** Issue code for `options.targets` given to a validator that has no registry profiles. */
export const TARGETS_UNSUPPORTED = "targets-unsupported";

/**
 * The finding for `options.targets` on the `ocispec/core` validators: an error, because a caller
 * who asked for registry predictions and got none would take silence for a clean bill.
 */
export function targetsUnsupported(): Issue {
  return {
    code: TARGETS_UNSUPPORTED,
    severity: "error",
    path: "",
    message:
      'options.targets needs the registry profiles, which the "ocispec/core" entry leaves out: import the validators from "ocispec" to run them',
  };
}
