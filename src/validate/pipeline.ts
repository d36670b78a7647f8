import { checkDigest, computeDigest, verifyDigest } from "../digest/index.js";
import { checkMemberNames } from "../json/index.js";
import { profileFindings } from "../registry/profiles/index.js";
import { mediaTypeEssence } from "./content-type.js";
import type { Issue, Severity } from "./issue.js";
import { parentPointer, pointerLabel } from "./json-pointer.js";
import { documentKinds, type JsonObject, type KindSpec, kindsByMediaType, kindsByName } from "./kinds.js";
import { locate, readInput } from "./read-input.js";
import type { Rule, RuleContext } from "./rule.js";
import { schemaIssues } from "./schema-issues.js";
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
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * A rule list sorted for the clean path: the rules that always run, then groups of rules that look
 * at the same members, each run only when the object has one of them. Findings keep the order of
 * the list within each group.
 */
interface RulePlan {
  readonly always: readonly Rule<unknown>[];
  readonly gated: readonly {
    readonly members: readonly string[];
    readonly rules: readonly Rule<unknown>[];
  }[];
}

/** Plans by rule list; the lists are module-level constants, so each is planned once. */
const plans = new WeakMap<readonly Rule<unknown>[], RulePlan>();

function planOf(rules: readonly Rule<unknown>[]): RulePlan {
  let plan = plans.get(rules);
  if (plan === undefined) {
    const always: Rule<unknown>[] = [];
    const groups = new Map<string, { members: readonly string[]; rules: Rule<unknown>[] }>();
    for (const rule of rules) {
      if (rule.members === undefined) {
        always.push(rule);
        continue;
      }
      const key = rule.members.join("\u0000");
      const group = groups.get(key);
      if (group === undefined) groups.set(key, { members: rule.members, rules: [rule] });
      else group.rules.push(rule);
    }
    plan = { always, gated: [...groups.values()] };
    plans.set(rules, plan);
  }
  return plan;
}

/** Whether `target` has at least one of `members` (own or not: parsed JSON has no prototype members). */
function hasAnyMember(target: JsonObject, members: readonly string[]): boolean {
  for (const member of members) if (target[member] !== undefined) return true;
  return false;
}

function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

/** Which kind, and which media type it was recognised by. */
interface Detected {
  spec: KindSpec | undefined;
  mediaType: string | undefined;
}

/**
 * Kind detection: the Content-Type first, then the document's own `mediaType` member (for kinds
 * whose member names the document itself), then the shape.
 */
function detectKind(
  document: unknown,
  contentType: string | undefined,
  forced: DocumentKind | undefined,
): Detected {
  const essence = contentType === undefined ? undefined : mediaTypeEssence(contentType);
  const member =
    isObject(document) && typeof document.mediaType === "string" ? document.mediaType : undefined;
  if (forced !== undefined) {
    const spec = kindsByName.get(forced);
    return { spec, mediaType: spec?.mediaTypes[0] };
  }
  const byContentType = essence === undefined ? undefined : kindsByMediaType.get(essence);
  if (byContentType !== undefined) return { spec: byContentType, mediaType: essence };
  const byMember = member === undefined ? undefined : kindsByMediaType.get(member);
  if (byMember?.selfDescribing) return { spec: byMember, mediaType: member };
  if (isObject(document)) {
    for (const spec of documentKinds) {
      if (spec.detect?.(document, member)) return { spec, mediaType: spec.mediaTypes[0] };
    }
  }
  return { spec: undefined, mediaType: essence };
}

function severityOf(rule: Rule<unknown>, preset: Preset): Severity {
  return preset === "strict" ? (rule.strictSeverity ?? rule.severity) : rule.severity;
}

/**
 * Collects the findings of rules. One per validation, reused for every object the rules run on, so
 * the clean path allocates no closure per rule or per descriptor.
 */
class RuleRunner {
  readonly issues: Issue[];
  private rule: Rule<unknown> | undefined;
  private prefix = "";
  readonly report = (path: string, message: string): void => {
    const rule = this.rule;
    if (rule === undefined) return;
    this.issues.push({
      code: rule.code,
      severity: severityOf(rule, this.preset),
      path: this.prefix + path,
      // Nested objects' messages start with the member named relative to the object: prefix its place.
      message: this.prefix === "" ? message : `${pointerLabel(this.prefix)}.${message}`,
      ref: rule.ref,
    });
  };

  constructor(
    issues: Issue[],
    private readonly preset: Preset,
    private readonly context: RuleContext,
    private readonly schemaFailed: boolean,
  ) {
    this.issues = issues;
  }

  /** Runs `rules` on `target`, which sits at `prefix` (a JSON Pointer) in the document. */
  run(rules: readonly Rule<unknown>[], target: JsonObject, prefix: string): void {
    this.prefix = prefix;
    const plan = planOf(rules);
    this.runAll(plan.always, target, prefix);
    for (const group of plan.gated) {
      if (hasAnyMember(target, group.members)) this.runAll(group.rules, target, prefix);
    }
  }

  private runAll(rules: readonly Rule<unknown>[], target: JsonObject, prefix: string): void {
    for (const rule of rules) {
      this.rule = rule;
      try {
        rule.check(target, this.report, this.context);
      } catch (error) {
        // A malformed document the schema already refused may trip a rule; the schema said why.
        if (!this.schemaFailed) {
          this.issues.push({
            code: "internal-error",
            severity: "error",
            path: prefix,
            message: `rule ${rule.code} failed on this document: ${(error as Error)?.message ?? String(error)}`,
          });
        }
      }
    }
    this.rule = undefined;
  }
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

/** Checks `options.expectedDigest` against the exact bytes. */
function checkExpectedDigest(
  expected: string,
  bytes: Uint8Array | undefined,
  actual: string | undefined,
): Issue | undefined {
  const issue = (message: string): Issue => ({
    code: "digest-mismatch",
    severity: "error",
    path: "",
    message,
    ref: "image-spec v1.1.1 descriptor.md#verification",
  });
  if (bytes === undefined)
    return issue(
      `expectedDigest ${expected} cannot be verified: the input was an already-parsed object, not its bytes`,
    );
  const problem = checkDigest(expected);
  if (problem !== undefined) return issue(`expectedDigest is not a valid digest: ${problem.message}`);
  const algorithm = expected.slice(0, expected.indexOf(":"));
  if (algorithm !== "sha256" && algorithm !== "sha512") {
    return issue(
      `expectedDigest ${expected} cannot be verified: ocispec computes sha256 and sha512, not ${algorithm}`,
    );
  }
  if (expected === actual || verifyDigest(bytes, expected)) return undefined;
  const computed = algorithm === "sha256" && actual !== undefined ? actual : computeDigest(bytes, algorithm);
  return issue(`the document hashes to ${computed}, but expectedDigest is ${expected}`);
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
  const preset: Preset = options.preset ?? "default";
  let issues: Issue[] = [];
  let document: unknown;
  let text: string | undefined;
  let bytes: Uint8Array | undefined;
  let digest: string | undefined;

  if (typeof input === "string" || isBytes(input)) {
    const read = readInput(input, options.limits);
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
  }

  if (options.expectedDigest !== undefined) {
    const mismatch = checkExpectedDigest(options.expectedDigest, bytes, digest);
    if (mismatch !== undefined) issues.push(mismatch);
  }

  const detected = detectKind(document, options.mediaType, extensions.kind);
  const spec = detected.spec;
  if (spec === undefined) {
    issues.push({
      code: "kind-unknown",
      severity: "error",
      path: "",
      message: `cannot tell what kind of document this is: ${options.mediaType === undefined ? "no Content-Type was given" : `the Content-Type ${JSON.stringify(options.mediaType)} is not a document type ocispec validates`}, and neither its mediaType member nor its shape is one ocispec knows`,
    });
    return finish(issues, detected, document, digest, text, options);
  }

  let schemaFailed = false;
  if (spec.schema !== undefined && !spec.schema(document)) {
    schemaFailed = true;
    issues = issues.concat(schemaIssues(spec.schema.errors ?? [], spec.ref));
  }

  if (isObject(document)) {
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
    // registries refuse, as warnings; test/registry-profiles.test.ts covers this hook.
    const findings = profileFindings(document, spec.kind, options.targets, {
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
