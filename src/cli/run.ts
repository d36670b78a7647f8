import type { Command } from "./command.js";
import { digestCommand } from "./commands/digest.js";
import { falcoCommand } from "./commands/falco.js";
import { gateCommand } from "./commands/gate.js";
import { lintCommand } from "./commands/lint.js";
import { mediaTypesCommand } from "./commands/media-types.js";
import { rulesCommand } from "./commands/rules.js";
import { EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { wantsHelp } from "./parse-flags.js";
import { InputError, UsageError } from "./usage-error.js";
import { packageVersion } from "./version.js";

/** Every top-level command, in the order `ocispec --help` lists them. */
export const commands: readonly Command[] = [
  lintCommand,
  rulesCommand,
  mediaTypesCommand,
  digestCommand,
  falcoCommand,
  gateCommand,
];

/** The text of `ocispec --help`. */
export function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `ocispec — validate and build OCI manifests, indexes, configs, Docker v2 manifests and Falco artifacts

Usage: ocispec <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Options:
  -h, --help     show help (also after any command: ocispec lint --help)
  -v, --version  print the version

Examples:
  ocispec lint examples/
  ocispec lint --format sarif -o ocispec.sarif .
  ocispec rules --kind image-manifest
  ocispec digest manifest.json
  ocispec falco config --name falco-rules --version 2.0.0 --requires engine_version:26
  ocispec gate --listen 127.0.0.1:5001 --upstream http://127.0.0.1:5000

Exit status: 0 no errors, 1 findings, 2 usage or I/O error (also: no command given).
Docs: docs/cli.md
`;
}

/**
 * Runs `ocispec` with `argv` (the arguments after the program name) and resolves to the exit status.
 * Usage and input errors become one line on stderr and exit 2; nothing is thrown.
 *
 * @example
 * await run(["digest", "manifest.json"], io) // 0, after printing "sha256:…  manifest.json"
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  // Help that was asked for goes to stdout and succeeds (0). No command at all is a usage error,
  // like any other missing operand: the help goes to stderr and the status is 2, so a script that
  // lost its arguments fails instead of passing silently.
  if (first === undefined) {
    io.stderr.write(mainHelp());
    return EXIT_USAGE;
  }
  if (first === "-h" || first === "--help") {
    io.stdout.write(mainHelp());
    return EXIT_OK;
  }
  if (first === "help") {
    const topic = rest[0];
    if (topic === undefined) {
      io.stdout.write(mainHelp());
      return EXIT_OK;
    }
    const named = commands.find((c) => c.name === topic);
    if (named === undefined) {
      return reportFailure(new UsageError(`no help for "${topic}": ${unknownCommand(topic)}`), io);
    }
    if (!named.hasSubcommands || rest.length < 2) return print(named.help, io);
    try {
      // `ocispec help falco pack`: the subcommand's own help.
      return await named.run(["help", ...rest.slice(1)], io);
    } catch (error) {
      return reportFailure(error, io);
    }
  }
  if (first === "-v" || first === "--version") {
    io.stdout.write(`${packageVersion()}\n`);
    return EXIT_OK;
  }
  const command = commands.find((c) => c.name === first);
  try {
    if (!command) {
      throw new UsageError(`unknown command "${first}" (${commandList()})`);
    }
    if (!command.hasSubcommands && wantsHelp(rest)) {
      io.stdout.write(command.help);
      return EXIT_OK;
    }
    return await command.run(rest, io);
  } catch (error) {
    return reportFailure(error, io);
  }
}

function commandList(): string {
  return `commands: ${commands.map((c) => c.name).join(", ")}`;
}

function unknownCommand(name: string): string {
  return `there is no command "${name}" (${commandList()})`;
}

function print(text: string, io: CliIo): number {
  io.stdout.write(text);
  return EXIT_OK;
}

/**
 * Prints a usage or input error as one line (plus a hint for usage errors) and returns exit 2.
 * Anything else is a bug: its stack goes to stderr, still exit 2.
 */
export function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    const help = error.command === "" ? "ocispec --help" : `ocispec ${error.command} --help`;
    io.stderr.write(`ocispec: ${error.message}\nTry '${help}' for more information.\n`);
  } else if (error instanceof InputError) {
    io.stderr.write(`ocispec: ${error.message}\n`);
  } else {
    io.stderr.write(
      `ocispec: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  return EXIT_USAGE;
}
