// The settings of `ocispec lint` (local and remote) from its flags and its config file: one reading
// for both commands.
import { resolve } from "node:path";
import type { CliIo } from "../io.js";
import { booleanFlag, oneOf, type ParsedFlags, stringFlag, stringList } from "../parse-flags.js";
import { UsageError } from "../usage-error.js";
import { findConfig, readConfigFile } from "./find-config.js";
import { type LintConfig, parseMaxWarnings, parseRuleFlag, parseTargets } from "./lint-config.js";

/**
 * The flags local and remote `ocispec lint` share: what to report and how. Each command adds its own.
 *
 * @example
 * const FLAGS = { ...LINT_FLAGS, include: { type: "string", multiple: true } } as const;
 */
export const LINT_FLAGS = {
  format: { type: "string", short: "f" },
  "output-file": { type: "string", short: "o" },
  preset: { type: "string" },
  rule: { type: "string", multiple: true },
  target: { type: "string", multiple: true },
  "max-warnings": { type: "string" },
  quiet: { type: "boolean", short: "q" },
  config: { type: "string", short: "c" },
  "no-config": { type: "boolean" },
  color: { type: "boolean" },
  "no-color": { type: "boolean" },
  deep: { type: "boolean" },
} as const;

/** The config file `--config` names, or the one found from the working directory; none with `--no-config`. */
export function lintConfigFromFile(flags: ParsedFlags, io: CliIo): LintConfig {
  if (booleanFlag(flags, "no-config")) return {};
  const explicit = stringFlag(flags, "config");
  if (explicit !== undefined) return readConfigFile(resolve(io.cwd, explicit));
  return findConfig(io.cwd)?.config ?? {};
}

/** The lint settings given as flags (`--preset`, `--rule`, `--include`, `--ignore`, `--target`, `--max-warnings`). */
export function lintConfigFromFlags(flags: ParsedFlags): LintConfig {
  const config: LintConfig = {};
  const asUsageError = <T>(parse: () => T): T => {
    try {
      return parse();
    } catch (error) {
      throw new UsageError((error as Error).message, "lint");
    }
  };
  const preset = stringFlag(flags, "preset");
  if (preset !== undefined) config.preset = oneOf(preset, ["default", "strict"] as const, "--preset", "lint");
  const rules = stringList(flags, "rule");
  if (rules.length > 0)
    config.rules = Object.fromEntries(rules.map((r) => asUsageError(() => parseRuleFlag(r))));
  const include = stringList(flags, "include");
  if (include.length > 0) config.include = include;
  const ignore = stringList(flags, "ignore");
  if (ignore.length > 0) config.ignore = ignore;
  // `--target gitlab,ecr` (repeatable): checked names, or a usage error listing the known ones.
  const targets = stringList(flags, "target")
    .flatMap((value) => value.split(","))
    .map((name) => name.trim());
  if (targets.length > 0)
    config.targets = asUsageError(() =>
      parseTargets(
        targets.filter((name) => name !== ""),
        "--target",
      ),
    );
  const maxWarnings = stringFlag(flags, "max-warnings");
  if (maxWarnings !== undefined)
    config.maxWarnings = asUsageError(() => parseMaxWarnings(maxWarnings, "--max-warnings"));
  return config;
}
