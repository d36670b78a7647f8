import { computeDigest } from "../digest/index.js";
import { describeThrown } from "../json/describe-thrown.js";
import { locatePointers, readObject } from "../json/index.js";
import { capIssues, issueLimit, TOO_MANY_ISSUES } from "../json/issue-limit.js";
import { DEFAULT_MAX_ISSUES } from "../json/limits.js";
import type { Issue } from "../vocabulary/issue.js";
import { cleanResult, decodeAndParse, type ParsedText } from "./clean-path.js";
import { type Detected, detectKind } from "./detect-kind.js";
import { runDocumentRules } from "./document-rules.js";
import { checkExpectedDigest } from "./expected-digest.js";
import { boundedValidate } from "./generated/validators.js";
import { isJsonObject } from "./kinds.js";
import { readInput } from "./read-input.js";
import type { Rule } from "./rule.js";
import { RuleRunner } from "./rule-runner.js";
import { schemaIssues } from "./schema-issues.js";
import { type TargetFindings, targetsUnsupported } from "./targets.js";
import type {
  DocumentKind,
  Preset,
  ResultUnderConstruction,
  ValidateOptions,
  ValidationResult,
} from "./types.js";

/**
 * Extra inputs for {@link runPipeline} that are not part of the public options: the extension point
 * for other modules of this package (the registry module adds its targets' known refusals here).
 */
export interface PipelineExtensions {
  /** Validate as this kind, whatever the document says (the kind-specific entry points). */
  readonly kind?: DocumentKind;
  /**
   * More rules run on the whole document after the kind's own rules, whatever the kind. Each
   * decides itself whether it applies (e.g. by `ValidationResult.kind`-like checks on the document).
   */
  readonly extraRules?: readonly Rule<unknown>[];
  /**
   * What `options.targets` adds: the registry profiles' findings. The root entry's validators pass
   * `profileFindings`; without it (the `ocispec/core` entry) targets are answered with one
   * `targets-unsupported` error, never silently ignored.
   */
  readonly targetFindings?: TargetFindings;
  /**
   * Always run the full pipeline, never the clean path (src/validate/clean-path.ts): for the tests
   * that check the clean path agrees with it.
   */
  readonly full?: boolean;
}

/** Applies `options.rules` overrides; `off` drops the finding. */
function applyOverrides(issues: Issue[], overrides: ValidateOptions["rules"]): Issue[] {
  if (overrides === undefined) return issues;
  const out: Issue[] = [];
  for (const issue of issues) {
    const setting = Object.hasOwn(overrides, issue.code) ? overrides[issue.code] : undefined;
    if (setting === "off") continue;
    out.push(setting === undefined ? issue : { ...issue, severity: setting });
  }
  return out;
}

/** Fills line and column from the text, falling back to the closest ancestor that exists: one pass for all. */
function addPositions(issues: Issue[], text: string): void {
  const unplaced = issues.filter((issue) => issue.line === undefined);
  if (unplaced.length === 0) return;
  const positions = locatePointers(
    text,
    unplaced.map((issue) => issue.path),
    true,
  );
  unplaced.forEach((issue, k) => {
    const position = positions[k];
    if (position === undefined) return;
    issue.line = position.line;
    issue.column = position.column;
  });
}

function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

/**
 * The validation pipeline: read (bytes → strict JSON), detect the kind, run the compiled schema,
 * run the rules beyond it, resolve severities and positions. Never throws.
 */
export function runPipeline(
  input: Uint8Array | string | object,
  options: ValidateOptions = {},
  extensions: PipelineExtensions = {},
): ValidationResult {
  try {
    return pipeline(input, options, extensions);
  } catch (error) {
    return internalError(error);
  }
}

function internalError(error: unknown): ValidationResult {
  return {
    valid: false,
    kind: "unknown",
    issues: [
      {
        code: "internal-error",
        severity: "error",
        path: "",
        message: `validation failed unexpectedly: ${describeThrown(error, "an unexpected value was thrown")}`,
      },
    ],
  };
}

/** Where a validation stands against limits.maxIssues. */
interface Budget {
  readonly max: number;
  /** A stage stopped before it had looked at everything. */
  stopped: boolean;
}

function pipeline(
  input: Uint8Array | string | object,
  options: ValidateOptions,
  extensions: PipelineExtensions,
): ValidationResult {
  // The clean path first; what it read is not read again when the document has findings.
  let parsed: ParsedText | undefined;
  if (extensions.full !== true && isBytes(input)) {
    parsed = decodeAndParse(input, options);
    const clean = parsed === undefined ? undefined : cleanResult(input, parsed, options, extensions);
    if (clean !== undefined) return clean;
  }
  const preset: Preset = options.preset ?? "default";
  const budget: Budget = { max: issueLimit(options.limits?.maxIssues, DEFAULT_MAX_ISSUES), stopped: false };
  const issues: Issue[] = [];
  let document: unknown;
  let text: string | undefined;
  let bytes: Uint8Array | undefined;
  let digest: string | undefined;

  if (typeof input === "string" || isBytes(input)) {
    const read = readInput(input, options.limits, parsed, budget.max);
    for (const issue of read.issues) issues.push(issue);
    text = read.text;
    bytes = read.bytes;
    if (bytes !== undefined) digest = computeDigest(bytes);
    if (!read.ok) {
      const detected = detectKind(undefined, options.mediaType, extensions.kind);
      if (options.expectedDigest !== undefined) {
        const mismatch = checkExpectedDigest(options.expectedDigest, bytes, digest);
        if (mismatch !== undefined) issues.push(mismatch);
      }
      return finish(issues, detected, undefined, digest, text, options, budget);
    }
    document = read.value;
  } else if (input === null || typeof input !== "object") {
    return finish(
      [
        {
          code: "input-type",
          severity: "error",
          path: "",
          message: `validate expects bytes, a string or a parsed object, got ${input === null ? "null" : typeof input}`,
        },
      ],
      { spec: undefined, mediaType: undefined },
      undefined,
      undefined,
      undefined,
      options,
      budget,
    );
  } else {
    // No bytes to read: the object is read once into plain data, bounded like bytes (cycles, sparse
    // arrays, getters and Proxies answered here), and its member names that Go would fold onto spec
    // fields still matter. An object no JSON text could encode is walked no further.
    const limits = options.limits;
    const read = readObject(input, {
      maxIssues: budget.max,
      ...(limits?.maxBytes === undefined ? {} : { maxBytes: limits.maxBytes }),
      ...(limits?.maxDepth === undefined ? {} : { maxDepth: limits.maxDepth }),
    });
    for (const issue of read.issues) issues.push(issue);
    if (!read.ok) {
      return finish(
        issues,
        detectKind(undefined, options.mediaType, extensions.kind),
        undefined,
        undefined,
        undefined,
        options,
        budget,
      );
    }
    document = read.value;
  }

  if (options.expectedDigest !== undefined) {
    const mismatch = checkExpectedDigest(options.expectedDigest, bytes, digest);
    if (mismatch !== undefined) issues.push(mismatch);
  }

  const detected = detectKind(document, options.mediaType, extensions.kind);
  const spec = detected.spec;
  if (spec === undefined) {
    // Not a kind ocispec validates: no error (an unknown media type is no spec violation), one note.
    issues.push({
      code: "kind-unknown",
      severity: "info",
      path: "",
      message: `not validated: ocispec does not validate this kind of document (${detected.unknownBecause ?? "its kind is unknown"})`,
      ref: "image-spec v1.1.1 image-index.md#image-index-property-descriptions",
    });
    return finish(issues, detected, document, digest, text, options, budget);
  }

  let schemaFailed = false;
  if (spec.schema !== undefined) {
    // The compiled schema stops once it has made more errors than fit (limits.maxIssues): a
    // document of a million failures costs what its first thousand do.
    const run = boundedValidate(spec.schema, document, Math.max(0, budget.max - issues.length));
    if (!run.valid) {
      schemaFailed = true;
      // A value the reader already refused (e.g. a negative size) is not reported twice.
      const readerPaths = issues.length === 0 ? undefined : new Set(issues.map((i) => i.path));
      for (const issue of schemaIssues(run.errors, spec.ref)) {
        if (readerPaths === undefined || issue.path === "" || !readerPaths.has(issue.path))
          issues.push(issue);
      }
      if (!run.complete) budget.stopped = true;
    }
  }

  if (!budget.stopped && isJsonObject(document)) {
    const runner = new RuleRunner(
      issues,
      preset,
      { contentType: options.mediaType, bytes },
      schemaFailed,
      budget.max,
    );
    runDocumentRules(runner, spec, document, extensions.extraRules);
    if (runner.full) budget.stopped = true;
  }
  if (budget.stopped) return finish(issues, detected, document, digest, text, options, budget);
  if (options.targets !== undefined && options.targets.length > 0) {
    // options.targets (src/registry/profiles): what the named registries are known to refuse.
    // Injected, so that the core entry does not carry the profiles (test/core-entry.test.ts).
    const findings =
      extensions.targetFindings === undefined
        ? [targetsUnsupported()]
        : extensions.targetFindings(document, spec.kind, options.targets, {
            contentType: options.mediaType,
            bytes,
          });
    for (const finding of findings) {
      if (issues.length > budget.max) {
        budget.stopped = true;
        break;
      }
      issues.push(finding);
    }
  }
  return finish(issues, detected, document, digest, text, options, budget);
}

function finish(
  collected: Issue[],
  detected: Detected,
  document: unknown,
  digest: string | undefined,
  text: string | undefined,
  options: ValidateOptions,
  budget?: Budget,
): ValidationResult {
  if (budget !== undefined && (budget.stopped || collected.length > budget.max)) {
    // The reader ends its own list when it stops; any other stage's is ended here.
    if (collected[collected.length - 1]?.code !== TOO_MANY_ISSUES || collected.length > budget.max)
      capIssues(collected, budget.max);
  }
  const issues = applyOverrides(collected, options.rules);
  if (text !== undefined && issues.length > 0) addPositions(issues, text);
  const result: ResultUnderConstruction = {
    valid: !issues.some((i) => i.severity === "error"),
    kind: detected.spec?.kind ?? "unknown",
    issues,
  };
  if (detected.mediaType !== undefined) result.mediaType = detected.mediaType;
  if (digest !== undefined) result.digest = digest;
  if (document !== undefined) result.document = document;
  return result as ValidationResult;
}
