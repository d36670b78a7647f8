import { checkPreset, checkRules, checkTargets, OptionChecker } from "../../validate/check-options.js";
import type { Preset, SeveritySetting } from "../../validate/index.js";
import type { TargetName } from "../../vocabulary/vocabulary.generated.js";
import { checkRuleCode } from "../rules/known-rule-code.js";

/**
 * Lint settings as they come from a config file (`.ocispec.json`, or the `"ocispec"` key of
 * `package.json`) and from the command line. Every field is optional; flags win over the file.
 *
 * @example
 * { "preset": "strict", "rules": { "layers-empty": "off" }, "ignore": ["test/fixtures/**"], "maxWarnings": 0, "targets": ["gitlab"] }
 */
export interface LintConfig {
  /** Rule preset passed to `validate`. */
  preset?: Preset;
  /** Per-rule severity overrides, by rule code. */
  rules?: Record<string, SeveritySetting>;
  /** Globs a file found in a directory walk must match to be linted (default `**\/*.json`). */
  include?: string[];
  /** Globs of files and directories to skip in a directory walk. */
  ignore?: string[];
  /** Exit 1 when there are more warnings than this. */
  maxWarnings?: number;
  /** Registries the documents must be accepted by (`--target`): their predicted refusals are errors; checked and lower-cased. */
  targets?: TargetName[];
}

const SEVERITIES: readonly SeveritySetting[] = ["off", "info", "warning", "error"];
const KNOWN_KEYS = new Set(["preset", "rules", "include", "ignore", "maxWarnings", "targets", "$schema"]);

/**
 * Checks an untrusted value (parsed from a config file) and returns it as a {@link LintConfig};
 * throws an Error naming the first bad field.
 *
 * @example
 * parseLintConfig({ preset: "strict" }) // { preset: "strict" }
 * parseLintConfig({ preset: "loose" })  // throws: "preset" must be one of default, strict
 */
export function parseLintConfig(value: unknown): LintConfig {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error("the config must be a JSON object");
  }
  const input = value as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.has(key)) {
      throw new Error(`unknown key "${key}" (known: preset, rules, include, ignore, maxWarnings, targets)`);
    }
  }
  const config: LintConfig = {};
  // preset, rules and targets are the library's options: checked by the library's own checks
  // (src/validate/check-options.ts), so a config file and `validate` refuse the same values with
  // the same words; the CLI stops at the first (a usage error) where the library reports a finding.
  const check = new OptionChecker("");
  const firstProblem = () => {
    const [problem] = check.issues;
    if (problem !== undefined) throw new Error(problem.message);
  };
  const preset = checkPreset(check, input.preset);
  firstProblem();
  if (preset !== undefined) config.preset = preset;
  const rules = checkRules(check, input.rules);
  firstProblem();
  if (rules !== undefined) config.rules = rules as Record<string, SeveritySetting>;
  for (const key of ["include", "ignore"] as const) {
    const globs = input[key];
    if (globs === undefined) continue;
    if (!Array.isArray(globs) || !globs.every((g) => typeof g === "string" && g !== "")) {
      throw new Error(`"${key}" must be an array of non-empty glob strings`);
    }
    config[key] = globs as string[];
  }
  if (input.maxWarnings !== undefined) {
    config.maxWarnings = parseMaxWarnings(input.maxWarnings, `"maxWarnings"`);
  }
  const targets = checkTargets(check, input.targets);
  firstProblem();
  if (targets !== undefined) config.targets = targets;
  return config;
}

/**
 * Reads a severity setting (`off`, `info`, `warning` or `error`); throws naming `where` otherwise.
 */
export function parseSeveritySetting(value: unknown, where: string): SeveritySetting {
  if (SEVERITIES.includes(value as SeveritySetting)) return value as SeveritySetting;
  throw new Error(`${where} must be off, info, warning or error (got ${JSON.stringify(value)})`);
}

/**
 * Reads a warning budget: a non-negative integer (a numeric string from the command line too).
 */
export function parseMaxWarnings(value: unknown, where: string): number {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n === "number" && Number.isSafeInteger(n) && n >= 0) return n;
  throw new Error(`${where} must be a non-negative integer (got ${JSON.stringify(value)})`);
}

/**
 * Resolves registry target names (case-insensitive, duplicates dropped); throws naming `where` and
 * the known registries for a name no profile has.
 *
 * @example
 * parseTargets(["GitLab", "ecr"], "--target") // ["gitlab", "ecr"]
 * parseTargets(["gitlba"], "--target") // throws: --target: unknown target "gitlba": known targets are gitlab, …
 */
export function parseTargets(names: readonly string[], where: string): TargetName[] {
  const check = new OptionChecker(where);
  const targets = checkTargets(check, names) ?? [];
  const [problem] = check.issues;
  // The checker names the option `<where>.targets`; a flag is named by itself.
  if (problem !== undefined) throw new Error(problem.message.replace(`${where}.targets: `, `${where}: `));
  return targets;
}

/**
 * Parses one `--rule code=setting` flag value; the code must be one `ocispec rules` lists.
 *
 * @example
 * parseRuleFlag("layers-empty=off") // ["layers-empty", "off"]
 */
export function parseRuleFlag(flag: string): [string, SeveritySetting] {
  const eq = flag.indexOf("=");
  const code = flag.slice(0, eq);
  if (eq <= 0 || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(code)) {
    throw new Error(`--rule takes code=off|warning|error, e.g. --rule layers-empty=off (got "${flag}")`);
  }
  checkRuleCode(code, "--rule");
  return [code, parseSeveritySetting(flag.slice(eq + 1), `--rule ${code}`)];
}

/**
 * Merges settings: later sources win field by field; `rules` maps merge key by key.
 */
export function mergeLintConfig(...configs: LintConfig[]): LintConfig {
  const merged: LintConfig = {};
  for (const config of configs) {
    if (config.preset !== undefined) merged.preset = config.preset;
    if (config.include !== undefined) merged.include = config.include;
    if (config.ignore !== undefined) merged.ignore = config.ignore;
    if (config.maxWarnings !== undefined) merged.maxWarnings = config.maxWarnings;
    if (config.targets !== undefined) merged.targets = config.targets;
    if (config.rules !== undefined) merged.rules = { ...merged.rules, ...config.rules };
  }
  return merged;
}
