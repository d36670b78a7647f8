// One behaviour for bad options, everywhere (docs/validation.md, "Options"): never a throw, an
// `options-invalid` error finding that names the option, the value and — for a misspelt name — the
// nearest known ones; the option is left out and the rest of the work goes on. `validate`,
// `validateUpload`, `createPolicy` and the CLI's config file all check through this module, so the
// messages are the same wherever an option arrives. Reading an option never throws either: a
// throwing getter or a revoked Proxy is a finding like any other bad value.

import { describeThrown } from "../json/describe-thrown.js";
import { closestCodes } from "../vocabulary/closest-names.js";
import type { Issue, SeveritySetting } from "../vocabulary/issue.js";
import { issueCodeNames, type TargetName, targetNames } from "../vocabulary/vocabulary.generated.js";
import type { Preset, ValidateOptions } from "./types.js";

/** The code of every finding about a malformed option. */
export const OPTIONS_INVALID = "options-invalid";

const SEVERITY_SETTINGS: readonly string[] = ["off", "info", "warning", "error"];
const PRESETS: readonly string[] = ["default", "strict"];
const VALIDATE_KEYS = ["mediaType", "expectedDigest", "rules", "preset", "limits", "targets"];
const LIMIT_KEYS = ["maxBytes", "maxDepth", "maxIssues"];

/** Collects findings about one options object; every read goes through {@link OptionChecker.get}. */
export class OptionChecker {
  readonly issues: Issue[] = [];
  /**
   * @param where how an option is named in messages: `"options"` gives `options.rules`, `"policy"`
   *   `policy.rules`, and `""` (a config file) `"rules"`.
   */
  constructor(private readonly where: string) {}

  /** How the option `name` is shown. */
  label(name: string): string {
    if (this.where === "") return name === "" ? "the config" : JSON.stringify(name);
    return name === "" ? this.where : `${this.where}.${name}`;
  }

  /** Records one problem with the option `name` (`""`: the options object itself). */
  problem(name: string, message: string): void {
    this.issues.push({
      code: OPTIONS_INVALID,
      severity: "error",
      path: "",
      message: `${this.label(name)}: ${message}`,
      ref: "ocispec API docs/validation.md#options",
    });
  }

  /** Reads `object[key]`; a throwing getter or Proxy is a finding and reads as `undefined`. */
  get(object: object, key: string, name: string): unknown {
    try {
      return (object as Record<string, unknown>)[key];
    } catch (error) {
      this.problem(name, `cannot be read (${describeThrown(error, "it threw")})`);
      return undefined;
    }
  }

  /** The own enumerable keys of `object`, or `[]` (with a finding) when they cannot be listed. */
  keys(object: object, name: string): string[] {
    try {
      return Object.keys(object);
    } catch (error) {
      this.problem(name, `cannot be read (${describeThrown(error, "it threw")})`);
      return [];
    }
  }

  /** Flags keys outside `known`, with the nearest known names. */
  unknownKeys(object: object, known: readonly string[], name: string): void {
    for (const key of this.keys(object, name)) {
      if (known.includes(key)) continue;
      this.problem(
        name === "" ? key : `${name}.${key}`,
        `unknown option${didYouMean(key, known)} (known: ${known.join(", ")})`,
      );
    }
  }
}

/** `" (did you mean a, b?)"`, or `""` when nothing known is near. */
export function didYouMean(name: string, known: readonly string[]): string {
  const near = closestCodes(name, known);
  return near.length > 0 ? ` (did you mean ${near.join(", ")}?)` : "";
}

/** `"; did you mean a?"` after a list of known names, or `""`. */
function nearest(name: string, known: readonly string[]): string {
  const near = closestCodes(name, known);
  return near.length > 0 ? `; did you mean ${near.join(", ")}?` : "";
}

/** A readable rendering of a bad value for a message (bounded: a huge value is not echoed whole). */
export function shown(value: unknown): string {
  if (value === null) return "null";
  try {
    if (Array.isArray(value)) return "an array";
  } catch {
    return "a revoked Proxy";
  }
  if (typeof value === "string") return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (typeof value === "object") return "an object";
  if (typeof value === "function") return "a function";
  if (typeof value === "bigint") return `${value}n`;
  return String(value);
}

/** A non-null, non-array object; `false` for a revoked Proxy. */
export function isPlainObject(value: unknown): value is object {
  try {
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false; // a revoked Proxy
  }
}

/** `Array.isArray` that answers `false` for a revoked Proxy instead of throwing. */
export function isArray(value: unknown): value is unknown[] {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

/** Longest list an option may be (a sparse `[]` of length 2^32-1 is not walked). */
const MAX_LIST = 1000;

/** The length of an option list, read safely; a longer list than {@link MAX_LIST} is a finding and reads as empty. */
export function listLength(check: OptionChecker, list: unknown[], name: string): number {
  const length = check.get(list, "length", name);
  if (typeof length !== "number") return 0;
  if (length > MAX_LIST) {
    check.problem(name, `has ${length} entries; at most ${MAX_LIST} are read`);
    return 0;
  }
  return length;
}

/** Checks `options.rules`: an object of known issue codes to `off`, `warning` or `error`. */
export function checkRules(
  check: OptionChecker,
  value: unknown,
): Partial<Record<string, SeveritySetting>> | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) {
    check.problem(
      "rules",
      `must be an object of issue code to "off", "info", "warning" or "error", got ${shown(value)}`,
    );
    return undefined;
  }
  const rules: Record<string, SeveritySetting> = {};
  for (const code of check.keys(value, "rules")) {
    const setting = check.get(value, code, `rules.${code}`);
    if (!(issueCodeNames as readonly string[]).includes(code)) {
      check.problem(
        "rules",
        `unknown rule code ${JSON.stringify(code)}${didYouMean(code, issueCodeNames)}; ruleCatalog and \`ocispec rules\` list every code`,
      );
      continue;
    }
    if (typeof setting !== "string" || !SEVERITY_SETTINGS.includes(setting)) {
      check.problem(`rules.${code}`, `must be "off", "info", "warning" or "error", got ${shown(setting)}`);
      continue;
    }
    rules[code] = setting as SeveritySetting;
  }
  return rules;
}

/** Checks `options.targets`: an array of known target names (case-insensitive); returns them lower-cased, once each. */
export function checkTargets(check: OptionChecker, value: unknown): TargetName[] | undefined {
  if (value === undefined) return undefined;
  if (isPlainObject(value) || !isArray(value)) {
    check.problem(
      "targets",
      `must be an array of registry names such as ["gitlab", "ecr"], got ${shown(value)}`,
    );
    return undefined;
  }
  const targets: TargetName[] = [];
  for (let i = 0; i < listLength(check, value, "targets"); i++) {
    const name = check.get(value, String(i), `targets[${i}]`);
    if (typeof name !== "string") {
      check.problem(
        "targets",
        `must be an array of registry names such as ["gitlab", "ecr"]; entry ${i} is ${shown(name)}`,
      );
      continue;
    }
    const normal = name.trim().toLowerCase();
    if (!(targetNames as readonly string[]).includes(normal)) {
      check.problem(
        "targets",
        `unknown target ${JSON.stringify(name)}: known targets are ${targetNames.join(", ")}${nearest(normal, targetNames)}`,
      );
      continue;
    }
    if (!targets.includes(normal as TargetName)) targets.push(normal as TargetName);
  }
  return targets;
}

/** Checks `options.preset`. */
export function checkPreset(check: OptionChecker, value: unknown): Preset | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && PRESETS.includes(value)) return value as Preset;
  check.problem("preset", `must be "default" or "strict", got ${shown(value)}`);
  return undefined;
}

/** Checks a positive whole number of bytes, levels or findings. */
export function checkPositiveInteger(check: OptionChecker, name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return value;
  check.problem(name, `must be a positive whole number, got ${shown(value)}`);
  return undefined;
}

/** Checks an optional string member (`mediaType`, `expectedDigest`, `contentType`): `null` is not a string. */
export function checkString(check: OptionChecker, name: string, value: unknown): string | undefined {
  if (value === undefined || typeof value === "string") return value;
  check.problem(name, `must be a string or left out, got ${shown(value)}`);
  return undefined;
}

/** What {@link checkValidateOptions} answers: the options with every bad member left out, and the findings. */
export interface CheckedOptions<T> {
  options: T;
  issues: Issue[];
}

/**
 * Checks the options of `validate` and the kind-specific validators. Never throws.
 */
export function checkValidateOptions(value: unknown, where = "options"): CheckedOptions<ValidateOptions> {
  const check = new OptionChecker(where);
  const options: ValidateOptions = {};
  if (value === undefined) return { options, issues: check.issues };
  if (!isPlainObject(value)) {
    check.problem("", `must be an object, got ${shown(value)}`);
    return { options, issues: check.issues };
  }
  check.unknownKeys(value, VALIDATE_KEYS, "");
  const mediaType = checkString(check, "mediaType", check.get(value, "mediaType", "mediaType"));
  if (mediaType !== undefined) options.mediaType = mediaType;
  const expectedDigest = checkString(
    check,
    "expectedDigest",
    check.get(value, "expectedDigest", "expectedDigest"),
  );
  if (expectedDigest !== undefined) options.expectedDigest = expectedDigest;
  const rules = checkRules(check, check.get(value, "rules", "rules"));
  if (rules !== undefined) options.rules = rules;
  const preset = checkPreset(check, check.get(value, "preset", "preset"));
  if (preset !== undefined) options.preset = preset;
  const limits = check.get(value, "limits", "limits");
  if (limits !== undefined) {
    if (!isPlainObject(limits)) {
      check.problem(
        "limits",
        `must be an object such as { maxBytes: 4194304, maxDepth: 64 }, got ${shown(limits)}`,
      );
    } else {
      check.unknownKeys(limits, LIMIT_KEYS, "limits");
      const checked: Record<string, number> = {};
      for (const key of LIMIT_KEYS) {
        const raw = check.get(limits, key, `limits.${key}`);
        // Infinity lifts a limit (documented, docs/security.md); NaN and the like never do.
        const n = raw === Number.POSITIVE_INFINITY ? raw : checkPositiveInteger(check, `limits.${key}`, raw);
        if (n !== undefined) checked[key] = n;
      }
      options.limits = checked;
    }
  }
  const targets = checkTargets(check, check.get(value, "targets", "targets"));
  if (targets !== undefined) options.targets = targets;
  return { options, issues: applySetting(check.issues, options.rules) };
}

/**
 * `rules: { "options-invalid": "warning" }` turns these findings into warnings: the escape hatch for
 * a configuration shared with a newer ocispec that knows more codes or targets.
 */
export function applySetting(
  issues: Issue[],
  rules: Partial<Record<string, SeveritySetting>> | undefined,
): Issue[] {
  const setting = rules?.[OPTIONS_INVALID];
  if (setting === undefined || issues.length === 0) return issues;
  if (setting === "off") return [];
  return issues.map((issue) => ({ ...issue, severity: setting }));
}
