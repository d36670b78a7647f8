import { computeDigest } from "../digest/index.js";
import { checkMemberNames } from "../json/index.js";
import { type Detected, detectKind } from "./detect-kind.js";
import { checkExpectedDigest } from "./expected-digest.js";
import { provenClean, type ReadAhead, readAhead } from "./fast-path/fast-validate.js";
import type { Issue } from "./issue.js";
import { parentPointer } from "./json-pointer.js";
import { isJsonObject } from "./kinds.js";
import { locate, readInput } from "./read-input.js";
import type { Rule } from "./rule.js";
import { RuleRunner } from "./rule-runner.js";
import { schemaIssues } from "./schema-issues.js";
import { type TargetFindings, targetsUnsupported } from "./targets.js";
import type { DocumentKind, Preset, ValidateOptions, ValidationResult } from "./types.js";

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
   * Always run every stage, never the clean path (src/validate/fast-path): for the tests that check
   * the clean path agrees with the full pipeline.
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

/** Fills line and column from the text, falling back to the closest ancestor that exists. */
function addPositions(issues: Issue[], text: string): void {
  for (const issue of issues) {
    if (issue.line !== undefined) continue;
    let pointer = issue.path;
    for (;;) {
      const position = locate(text, pointer);
      if (position !== undefined) {
        issue.line = position.line;
        issue.column = position.column;
        break;
      }
      if (pointer === "") break;
      pointer = parentPointer(pointer);
    }
  }
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
    return {
      valid: false,
      kind: "unknown",
      issues: [
        {
          code: "internal-error",
          severity: "error",
          path: "",
          message: `validation failed unexpectedly: ${(error as Error)?.message ?? String(error)}`,
        },
      ],
    };
  }
}

function pipeline(
  input: Uint8Array | string | object,
  options: ValidateOptions,
  extensions: PipelineExtensions,
): ValidationResult {
  // The clean path first; what it read is not read again when the document is not proven clean.
  let ahead: ReadAhead | undefined;
  if (extensions.full !== true && extensions.extraRules === undefined && isBytes(input)) {
    ahead = readAhead(input, options);
    const clean = ahead === undefined ? undefined : provenClean(input, ahead, options, extensions.kind);
    if (clean !== undefined) return clean;
  }
  const preset: Preset = options.preset ?? "default";
  const issues: Issue[] = [];
  let document: unknown;
  let text: string | undefined;
  let bytes: Uint8Array | undefined;
  let digest: string | undefined;

  if (typeof input === "string" || isBytes(input)) {
    const read = readInput(input, options.limits, ahead);
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
      return finish(issues, detected, undefined, digest, text, options);
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
    );
  } else {
    document = input;
    // No bytes to read, but member names that Go would fold onto spec fields still matter.
    for (const issue of checkMemberNames(input)) issues.push(issue);
    // An object no JSON text could encode (a cycle, or too many values once shared parts repeat):
    // nothing may walk it further.
    if (issues.some((i) => i.code === "json-syntax" || i.code === "json-too-large")) {
      return finish(
        issues,
        detectKind(undefined, options.mediaType, extensions.kind),
        undefined,
        undefined,
        undefined,
        options,
      );
    }
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
    return finish(issues, detected, document, digest, text, options);
  }

  let schemaFailed = false;
  if (spec.schema !== undefined && !spec.schema(document)) {
    schemaFailed = true;
    // A value the reader already refused (e.g. a negative size) is not reported twice.
    const readerPaths = issues.length === 0 ? undefined : new Set(issues.map((i) => i.path));
    for (const issue of schemaIssues(spec.schema.errors ?? [], spec.ref)) {
      if (readerPaths === undefined || issue.path === "" || !readerPaths.has(issue.path)) issues.push(issue);
    }
  }

  if (isJsonObject(document)) {
    const runner = new RuleRunner(issues, preset, { contentType: options.mediaType, bytes }, schemaFailed);
    runner.run(spec.rules, document, "");
    if (spec.descriptorRules !== undefined && spec.descriptors !== undefined) {
      for (const nested of spec.descriptors(document)) {
        runner.run(spec.descriptorRules, nested.descriptor, nested.pointer);
      }
    }
    if (extensions.extraRules !== undefined) runner.run(extensions.extraRules, document, "");
  }
  if (options.targets !== undefined && options.targets.length > 0) {
    // options.targets (registry workstream, src/registry/profiles): predictions of what the named
    // registries refuse, as warnings; test/registry-profiles.test.ts covers this hook. Injected, so
    // that the core entry does not carry the profiles (test/core-entry.test.ts).
    const findings =
      extensions.targetFindings === undefined
        ? [targetsUnsupported()]
        : extensions.targetFindings(document, spec.kind, options.targets, {
            contentType: options.mediaType,
            bytes,
          });
    for (const finding of findings) issues.push(finding);
  }
  return finish(issues, detected, document, digest, text, options);
}

function finish(
  collected: Issue[],
  detected: Detected,
  document: unknown,
  digest: string | undefined,
  text: string | undefined,
  options: ValidateOptions,
): ValidationResult {
  const issues = applyOverrides(collected, options.rules);
  if (text !== undefined && issues.length > 0) addPositions(issues, text);
  const result: ValidationResult = {
    valid: !issues.some((i) => i.severity === "error"),
    kind: detected.spec?.kind ?? "unknown",
    issues,
  };
  if (detected.mediaType !== undefined) result.mediaType = detected.mediaType;
  if (digest !== undefined) result.digest = digest;
  if (document !== undefined) result.document = document;
  return result;
}
