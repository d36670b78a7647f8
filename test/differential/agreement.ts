/**
 * ocispec's prediction for a target beside the real implementation's verdict, and the reason when
 * they differ on purpose.
 */
import { createPolicy } from "../../src/registry/policy.js";
import { findProfileCheck } from "../../src/registry/profiles/index.js";
import { validateUpload } from "../../src/registry/upload.js";
import { validate } from "../../src/registry/validate-with-targets.generated.js";
import type { Issue } from "../../src/vocabulary/issue.js";
import type { CorpusDocument } from "./corpus.js";
import type { GoVerdict, GoVerdicts } from "./go-verdicts.js";

/** A target a Go implementation embodies, and how the suite asks each side. */
export interface DifferentialTarget {
  /** The ocispec target name. */
  target: string;
  /** The member of the Go program's answer. */
  implementation: keyof Pick<GoVerdicts, "distribution" | "harbor" | "containersImage" | "containerd">;
  /** `upload`: validateUpload with a policy adopting the target; `pull`: validate with the target. */
  side: "upload" | "pull";
}

export const DIFFERENTIAL_TARGETS: readonly DifferentialTarget[] = [
  { target: "distribution", implementation: "distribution", side: "upload" },
  { target: "harbor", implementation: "harbor", side: "upload" },
  { target: "containers-image", implementation: "containersImage", side: "pull" },
  { target: "containerd", implementation: "containerd", side: "pull" },
];

/**
 * Rules by which ocispec refuses what the Go code accepts, on purpose. Each names the spec sentence
 * (docs/deviations.md, "Stricter than the Go implementations", lists the same codes with the quote).
 * A disagreement is explained only when every error ocispec reports is one of these.
 */
export const STRICTER_ON_PURPOSE: ReadonlySet<string> = new Set([
  // strict reading of the bytes (DESIGN.md "Raw bytes are the truth")
  "json-duplicate-key",
  "json-case-fold-key",
  "json-number-not-canonical",
  "json-bom",
  "json-trailing-data",
  "json-syntax",
  "json-encoding",
  "json-lone-surrogate",
  // spec MUSTs the Go code does not check
  "schema-required",
  "schema-type",
  "schema-const",
  "schema-enum",
  "schema-pattern",
  "schema-range",
  "schema-format",
  "url-invalid",
  "media-type-mismatch",
  "manifest-media-type-wrong",
  "index-media-type-wrong",
  "manifest-has-manifests",
  "index-has-layers",
  "digest-algorithm-encoding",
  "data-not-base64",
  "data-size-mismatch",
  "data-digest-mismatch",
  "artifact-type-required",
]);

/** What ocispec predicts for one document and target. */
export interface Prediction {
  refused: boolean;
  /** The target's non-refusing findings: what it says it cannot predict offline. */
  warnings: string[];
  /** Error codes in the body, for upload targets. */
  codes: string[];
  status?: number;
  /** The error-severity findings that make it a refusal. */
  errors: Issue[];
}

const policies = new Map<string, ReturnType<typeof createPolicy>>();

/** Runs ocispec for one target: the upload answer, or the pull-side validation. */
export function predict(document: CorpusDocument, target: DifferentialTarget): Prediction {
  if (target.side === "upload") {
    let policy = policies.get(target.target);
    if (!policy) {
      policy = createPolicy({ targets: [target.target as never], manifests: "any" });
      policies.set(target.target, policy);
    }
    const answer = validateUpload(document.bytes, {
      contentType: document.contentType,
      reference: "differential",
      policy,
    });
    return {
      refused: answer.status !== 201,
      warnings: targetWarnings(answer.issues, target.target),
      codes: answer.body?.errors.map((error) => error.code) ?? [],
      status: answer.status,
      errors: answer.issues.filter((issue) => issue.severity === "error"),
    };
  }
  const result = validate(document.bytes, {
    ...(document.contentType === "" ? {} : { mediaType: document.contentType }),
    targets: [target.target as never],
  });
  // A refusing check of the target is a refusal whatever severity this build gives it.
  const errors = result.issues.filter(
    (issue) => issue.severity === "error" || findProfileCheck(issue.code)?.refuses === true,
  );
  return {
    refused: errors.length > 0,
    warnings: targetWarnings(result.issues, target.target),
    codes: [],
    errors,
  };
}

/** The codes of the target's findings that predict no refusal (its profile's `refuses: false` checks). */
function targetWarnings(issues: readonly Issue[], target: string): string[] {
  return issues
    .filter(
      (issue) =>
        issue.code.startsWith(`target-${target}-`) && findProfileCheck(issue.code)?.refuses === false,
    )
    .map((issue) => issue.code);
}

/** How one document's prediction relates to the real verdict. */
export type Agreement =
  | { kind: "agree" }
  | { kind: "warned"; codes: string[] }
  | { kind: "code-differs"; detail: string }
  | { kind: "stricter"; rules: string[] }
  | { kind: "missed"; detail: string }
  | { kind: "wrong"; detail: string };

/** Compares a prediction with the real verdict. */
export function compare(prediction: Prediction, real: GoVerdict): Agreement {
  if (prediction.refused && real.refused) {
    const first = real.codes?.[0];
    if (first !== undefined && !prediction.codes.includes(first) && prediction.codes.length > 0) {
      return {
        kind: "code-differs",
        detail: `real ${real.status} ${real.codes?.join(",")} (${real.error}); ocispec ${prediction.status} ${prediction.codes.join(",")} [${prediction.errors.map((issue) => issue.code).join(",")}]`,
      };
    }
    return { kind: "agree" };
  }
  if (!prediction.refused && !real.refused) return { kind: "agree" };
  // The target said it cannot tell offline (e.g. a JWS signature it does not verify).
  if (real.refused && prediction.warnings.length > 0) return { kind: "warned", codes: prediction.warnings };
  if (real.refused) {
    return {
      kind: "missed",
      detail: `real ${real.status ?? ""} ${real.codes?.join(",") ?? ""}: ${real.error}`,
    };
  }
  const rules = [...new Set(prediction.errors.map((issue) => issue.code))];
  if (rules.every((rule) => STRICTER_ON_PURPOSE.has(rule))) return { kind: "stricter", rules };
  return {
    kind: "wrong",
    detail: `ocispec refuses (${prediction.errors.map((issue) => `${issue.code} ${issue.path}: ${issue.message}`).join("; ")}), the real code accepts`,
  };
}
