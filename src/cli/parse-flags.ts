import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./usage-error.js";

/** The option table of one command, as `node:util` `parseArgs` takes it. */
export type FlagSpec = NonNullable<ParseArgsConfig["options"]>;

/** What {@link parseFlags} returns: flag values by long name, and the positional arguments. */
export interface ParsedFlags {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/**
 * Parses `argv` strictly against `spec`: an unknown flag, a missing value or a stray value becomes a
 * {@link UsageError} naming the flag, so the caller can exit 2 with a hint to `--help`.
 *
 * @example
 * parseFlags(["-f", "json", "a.json"], { format: { type: "string", short: "f" } }, "lint")
 * // { values: { format: "json" }, positionals: ["a.json"] }
 */
export function parseFlags(argv: readonly string[], spec: FlagSpec, command: string): ParsedFlags {
  try {
    const { values, positionals } = parseArgs({
      args: joinNegativeValues(argv, spec),
      options: spec,
      strict: true,
      allowPositionals: true,
    });
    return { values: values as ParsedFlags["values"], positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // parseArgs messages end with hints about "--" that make no sense here; keep the first sentence.
    throw new UsageError(firstSentence(message), command);
  }
}

/**
 * `--max-warnings -1`: parseArgs refuses a value that starts with `-` as ambiguous, with a message
 * about `--`; joined as `--max-warnings=-1`, the value reaches the flag's own check and its message.
 */
function joinNegativeValues(argv: readonly string[], spec: FlagSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (arg === "--") {
      out.push(...argv.slice(i));
      break;
    }
    const long = arg.startsWith("--") ? arg.slice(2) : undefined;
    const short = /^-[a-zA-Z]$/.test(arg)
      ? Object.keys(spec).find((name) => spec[name]?.short === arg[1])
      : undefined;
    const name = long ?? short;
    if (name !== undefined && spec[name]?.type === "string" && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg.startsWith("--") ? arg : `--${name}`}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

function firstSentence(message: string): string {
  const cut = message.search(/\. (?:To specify|Did you forget)/);
  return cut === -1 ? message : message.slice(0, cut + 1);
}

/** The string value of a flag, or `undefined` when absent. */
export function stringFlag(flags: ParsedFlags, name: string): string | undefined {
  const value = flags.values[name];
  return typeof value === "string" ? value : undefined;
}

/** Every value of a repeatable string flag, in order. */
export function stringList(flags: ParsedFlags, name: string): string[] {
  const value = flags.values[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
}

/** Whether a boolean flag was given. */
export function booleanFlag(flags: ParsedFlags, name: string): boolean {
  return flags.values[name] === true;
}

/**
 * Checks that a flag's value is one of `allowed`; a {@link UsageError} listing them otherwise.
 *
 * @example
 * oneOf("xml", ["text", "json"], "--format", "lint") // throws: --format must be one of text, json (got "xml")
 */
export function oneOf<T extends string>(
  value: string,
  allowed: readonly T[],
  flag: string,
  command: string,
): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(", ")} (got "${value}")`, command);
}

/** True when `-h` or `--help` comes before any `--` (after which everything is an operand). */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === "--") return false;
    if (arg === "-h" || arg === "--help") return true;
  }
  return false;
}
