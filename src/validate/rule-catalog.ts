import { jsonIssueCatalog } from "../json/index.js";
import type { Severity } from "../vocabulary/issue.js";
import { documentKinds } from "./kinds.js";
import type { Rule } from "./rule.js";
import { schemaCodes } from "./schema-issues.js";
import type { DocumentKind } from "./types.js";

/**
 * One entry of {@link ruleCatalog}: everything a caller, the CLI or the docs need to know about a code.
 *
 * @example
 * const entry: RuleCatalogEntry | undefined = ruleCatalog.find((candidate) => candidate.code === "layers-empty");
 * // { code: "layers-empty", severity: "warning", strictSeverity: "error",
 * //   ref: "image-spec v1.1.1 manifest.md#image-manifest-property-descriptions",
 * //   description: "layers has at least one entry (the empty descriptor when the artifact needs none).",
 * //   source: "rule", kinds: ["image-manifest"] }
 */
export interface RuleCatalogEntry {
  /** The stable issue code. */
  readonly code: string;
  /** Severity under the default preset. */
  readonly severity: Severity;
  /** Severity under the `strict` preset. */
  readonly strictSeverity: Severity;
  /** The spec section enforced. */
  readonly ref: string;
  /** One sentence: what the rule requires. */
  readonly description: string;
  /** Where the code comes from: the strict JSON reader, the schema, a rule beyond it, or the pipeline itself. */
  readonly source: "reader" | "schema" | "rule" | "pipeline";
  /** The document kinds whose validation can report it. */
  readonly kinds: readonly DocumentKind[];
}

const ALL_KINDS: readonly DocumentKind[] = documentKinds.map((k) => k.kind);

/** Codes the pipeline itself reports, outside any rule or schema. */
const pipelineCodes: readonly RuleCatalogEntry[] = [
  {
    code: "digest-mismatch",
    severity: "error",
    strictSeverity: "error",
    ref: "image-spec v1.1.1 descriptor.md#verification",
    description: "The input bytes hash to options.expectedDigest.",
    source: "pipeline",
    kinds: ALL_KINDS,
  },
  {
    code: "kind-unknown",
    severity: "info",
    strictSeverity: "info",
    ref: "image-spec v1.1.1 image-index.md#image-index-property-descriptions",
    description:
      "Not validated: the document is not a kind ocispec validates (its media type is unknown or known but not validated, or it names none and its shape is no kind's).",
    source: "pipeline",
    kinds: ["unknown"],
  },
  {
    code: "input-type",
    severity: "error",
    strictSeverity: "error",
    ref: "ocispec API",
    description: "validate receives bytes, a string or a parsed object.",
    source: "pipeline",
    kinds: ["unknown"],
  },
  {
    code: "targets-unsupported",
    severity: "error",
    strictSeverity: "error",
    ref: "ocispec API",
    description:
      'options.targets goes to the validators of "ocispec", which run the registry profiles; "ocispec/core" has none.',
    source: "pipeline",
    kinds: ALL_KINDS,
  },
  {
    code: "too-many-issues",
    severity: "error",
    strictSeverity: "error",
    ref: "ocispec limits.maxIssues",
    description:
      "The document has no more findings than limits.maxIssues (default 1,000); past it validation stops, and this last finding says how many more were left out.",
    source: "pipeline",
    kinds: ALL_KINDS,
  },
  {
    code: "options-invalid",
    severity: "error",
    strictSeverity: "error",
    ref: "ocispec API docs/validation.md#options",
    description:
      "Every option is well-formed: known issue codes and targets, positive whole-number limits, a string mediaType (null is not one).",
    source: "pipeline",
    kinds: ALL_KINDS,
  },
  {
    code: "internal-error",
    severity: "error",
    strictSeverity: "error",
    ref: "ocispec API",
    description:
      "A rule failed unexpectedly on a document the schema accepted (a bug in ocispec; please report it).",
    source: "pipeline",
    kinds: ALL_KINDS,
  },
];

function ruleEntries(): RuleCatalogEntry[] {
  const byCode = new Map<string, { rule: Rule<unknown>; kinds: DocumentKind[] }>();
  for (const spec of documentKinds) {
    for (const rule of [...spec.rules, ...(spec.descriptorRules ?? [])] as Rule<unknown>[]) {
      const entry = byCode.get(rule.code);
      if (entry === undefined) byCode.set(rule.code, { rule, kinds: [spec.kind] });
      else if (!entry.kinds.includes(spec.kind)) entry.kinds.push(spec.kind);
    }
  }
  return [...byCode.values()].map(({ rule, kinds }) => ({
    code: rule.code,
    severity: rule.severity,
    strictSeverity: rule.strictSeverity ?? rule.severity,
    ref: rule.ref,
    description: rule.description,
    source: "rule" as const,
    kinds,
  }));
}

/**
 * Every issue code `validate` can report, with its severities, spec reference and meaning: the strict
 * JSON reader's codes, the schema codes, the rules beyond the schemas, and the pipeline's codes.
 * Built once at module load; docs/validation.md documents each entry.
 *
 * @example
 * ruleCatalog.find((r) => r.code === "layers-empty")
 * // { code: "layers-empty", severity: "warning", strictSeverity: "error", ref: "image-spec v1.1.1 manifest.md#…", … }
 */
export const ruleCatalog: readonly RuleCatalogEntry[] = [
  ...jsonIssueCatalog.map((j) => ({
    code: j.code,
    severity: "error" as const,
    strictSeverity: "error" as const,
    ref: j.ref,
    description: j.description,
    source: "reader" as const,
    kinds: ALL_KINDS,
  })),
  ...ruleEntries(),
  ...schemaCodes.map((s) => ({
    code: s.code,
    severity: "error" as const,
    strictSeverity: "error" as const,
    ref: "schemas/ (JSON Schema 2020-12, written from the spec text)",
    description: s.description,
    source: "schema" as const,
    kinds: ALL_KINDS.filter((k) => k !== "docker-manifest-v1"),
  })),
  ...pipelineCodes,
];
