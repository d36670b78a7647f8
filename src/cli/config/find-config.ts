import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { InputError } from "../usage-error.js";
import { type LintConfig, parseLintConfig } from "./lint-config.js";

/** A config file that was found and read. */
export interface FoundConfig {
  /** The file it came from (`.ocispec.json` or `package.json`). */
  path: string;
  config: LintConfig;
}

/** File name of the dedicated config file. */
export const CONFIG_FILE_NAME = ".ocispec.json";

/**
 * Finds the lint config by walking up from `startDir`: in each directory, `.ocispec.json` first,
 * then a `package.json` with an `"ocispec"` key. The nearest one wins; none is fine (`undefined`).
 * A config that cannot be parsed or has a bad field is an {@link InputError} naming the file.
 */
export function findConfig(startDir: string): FoundConfig | undefined {
  let dir = startDir;
  for (;;) {
    const dedicated = join(dir, CONFIG_FILE_NAME);
    if (existsSync(dedicated)) return { path: dedicated, config: readConfigFile(dedicated) };
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      const value = readJsonFile(pkg) as Record<string, unknown> | null;
      if (typeof value === "object" && value !== null && "ocispec" in value) {
        return { path: pkg, config: checked(pkg, value.ocispec, `"ocispec" in `) };
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads an explicitly named config file (`--config <file>`). */
export function readConfigFile(path: string): LintConfig {
  return checked(path, readJsonFile(path), "");
}

function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new InputError(`cannot read config ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`config ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function checked(path: string, value: unknown, prefix: string): LintConfig {
  try {
    return parseLintConfig(value);
  } catch (error) {
    throw new InputError(`${prefix}${path}: ${(error as Error).message}`);
  }
}
