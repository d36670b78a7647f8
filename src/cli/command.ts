import type { CliIo } from "./io.js";

/** One `ocispec` subcommand: its name, one-line summary, full help text, and what it does. */
export interface Command {
  /** The word(s) after `ocispec`, e.g. `lint` or `falco config`. */
  readonly name: string;
  /** One line for the command list in `ocispec --help`. */
  readonly summary: string;
  /** The full `--help` text: usage, flags, examples. */
  readonly help: string;
  /** True when the command dispatches to subcommands (`falco`), which handle `--help` themselves. */
  readonly hasSubcommands?: boolean;
  /** Runs the command with the arguments after its name; resolves to the exit status. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}
