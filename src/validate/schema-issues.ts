import type { Issue } from "../vocabulary/issue.js";
import type { IssueCode } from "../vocabulary/vocabulary.generated.js";
import type { CompiledValidatorError } from "./compiled-validator.js";
import { pointerLabel, pointerToken } from "./json-pointer.js";
import { quoteValue } from "./quote-value.js";

/** A schema keyword's stable issue code and what it means, for the rule catalog and docs. */
export interface SchemaCode {
  /** The issue code. */
  readonly code: string;
  /** The JSON Schema keywords that produce it. */
  readonly keywords: readonly string[];
  /** One sentence: what a finding with this code says. */
  readonly description: string;
}

/**
 * The stable codes of schema findings. Every schema finding is an `error`: the schemas only say
 * what the spec text says MUST.
 */
export const schemaCodes: readonly SchemaCode[] = [
  {
    code: "schema-required",
    keywords: ["required", "dependentRequired"],
    description: "A REQUIRED member is missing.",
  },
  {
    code: "schema-type",
    keywords: ["type"],
    description: "A value has the wrong JSON type (string, integer, object, …).",
  },
  {
    code: "schema-pattern",
    keywords: ["pattern"],
    description: "A string does not match its grammar (media type, digest, …).",
  },
  { code: "schema-format", keywords: ["format"], description: "A string is not in its format." },
  { code: "schema-enum", keywords: ["enum"], description: "A value is not one of the allowed values." },
  {
    code: "schema-const",
    keywords: ["const"],
    description: "A value is not the one value allowed (e.g. schemaVersion 2).",
  },
  {
    code: "schema-additional",
    keywords: ["additionalProperties", "unevaluatedProperties", "propertyNames"],
    description: "A member is not allowed here.",
  },
  {
    code: "schema-range",
    keywords: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
    description: "A number is out of range (e.g. a negative size).",
  },
  {
    code: "schema-length",
    keywords: ["minLength", "maxLength"],
    description: "A string is too short or too long.",
  },
  {
    code: "schema-items",
    keywords: [
      "minItems",
      "maxItems",
      "uniqueItems",
      "contains",
      "minContains",
      "maxContains",
      "additionalItems",
      "unevaluatedItems",
    ],
    description: "An array has the wrong number or kind of entries.",
  },
  {
    code: "schema-members",
    keywords: ["minProperties", "maxProperties"],
    description: "An object has too few or too many members.",
  },
  {
    code: "schema-alternatives",
    keywords: ["oneOf", "anyOf", "not"],
    description: "A value matches none (or more than one) of its allowed forms.",
  },
  { code: "schema-invalid", keywords: [], description: "Any other schema violation." },
];

const codeByKeyword: ReadonlyMap<string, IssueCode> = new Map(
  schemaCodes.flatMap((c) => c.keywords.map((k) => [k, c.code as IssueCode] as const)),
);

/** Keywords whose failure only says that a sub-schema failed; the sub-schema's own errors say why. */
const SILENT_KEYWORDS: ReadonlySet<string> = new Set([
  "if",
  "then",
  "else",
  "$ref",
  "allOf",
  "dependentSchemas",
]);

/** Keywords whose branch errors are noise once the keyword itself reports. */
const ALTERNATIVES: ReadonlySet<string> = new Set(["oneOf", "anyOf"]);

/** What the failing sub-schema says its values should be, when it has a title. */
function titleOf(error: CompiledValidatorError): string | undefined {
  const parent = (error as { parentSchema?: { title?: unknown } }).parentSchema;
  return typeof parent?.title === "string" ? parent.title : undefined;
}

function failingValue(error: CompiledValidatorError): unknown {
  return (error as { data?: unknown }).data;
}

/** `field.name`, or just `name` at the top level. */
function member(field: string, name: unknown): string {
  return field === "the document" ? String(name) : `${field}.${String(name)}`;
}

function describe(error: CompiledValidatorError, field: string): string {
  const p = error.params;
  const got = `, got ${quoteValue(failingValue(error))}`;
  const title = titleOf(error);
  switch (error.keyword) {
    case "required":
      return `${member(field, p.missingProperty)} is required`;
    case "dependentRequired":
      return `${member(field, p.missingProperty)} is required when ${String(p.property)} is present`;
    case "type":
      return `${field} must be ${String(p.type).replace(",", " or ")}${got}`;
    case "pattern":
    case "format":
      return title !== undefined
        ? `${field} must be ${title}${got}`
        : `${field} must match ${String(p.pattern ?? p.format)}${got}`;
    case "const":
      return `${field} must be ${quoteValue(p.allowedValue)}${got}`;
    case "enum":
      return `${field} must be one of ${(p.allowedValues as unknown[]).map(quoteValue).join(", ")}${got}`;
    case "additionalProperties":
    case "unevaluatedProperties":
      return `${member(field, p.additionalProperty ?? p.unevaluatedProperty)} is not allowed here`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `${field} must be ${String(p.comparison)} ${String(p.limit)}${got}`;
    case "oneOf":
    case "anyOf":
      return title !== undefined
        ? `${field} must be ${title}${got}`
        : `${field} matches none of its allowed forms${got}`;
    default:
      return `${field} ${error.message ?? "is invalid"}${error.keyword === "minItems" || error.keyword === "maxItems" ? "" : got}`;
  }
}

/** The pointer a finding names: for `required`, the missing member itself. */
function pathOf(error: CompiledValidatorError): string {
  const p = error.params;
  if (error.keyword === "required" || error.keyword === "dependentRequired") {
    return `${error.instancePath}/${pointerToken(String(p.missingProperty))}`;
  }
  if (error.keyword === "additionalProperties" || error.keyword === "unevaluatedProperties") {
    return `${error.instancePath}/${pointerToken(String(p.additionalProperty ?? p.unevaluatedProperty))}`;
  }
  return error.instancePath;
}

/**
 * Turns a generated validator's errors into issues with stable codes (see {@link schemaCodes}),
 * JSON Pointer paths (ajv's instancePath already is one) and messages that name the field, the rule
 * and the value. Branch errors under a failed `oneOf`/`anyOf` and exact repeats are dropped.
 *
 * @example
 * schemaIssues(ociImageManifest.errors ?? [], ref)
 * // [{ code: "schema-type", severity: "error", path: "/config/size",
 * //    message: 'config.size must be integer, got "1470"', ref }]
 */
export function schemaIssues(errors: readonly CompiledValidatorError[], ref: string): Issue[] {
  const alternatives = errors.filter((e) => ALTERNATIVES.has(e.keyword)).map((e) => `${e.schemaPath}/`);
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (SILENT_KEYWORDS.has(error.keyword)) continue;
    if (alternatives.length > 0 && alternatives.some((prefix) => error.schemaPath.startsWith(prefix)))
      continue;
    const code = codeByKeyword.get(error.keyword) ?? "schema-invalid";
    const path = pathOf(error);
    const message = describe(error, pointerLabel(error.instancePath));
    const key = `${code}\u0000${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ code, severity: "error", path, message, ref });
  }
  return issues;
}
