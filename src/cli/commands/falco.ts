import type { Command } from "../command.js";
import { EXIT_OK, EXIT_USAGE } from "../exit-codes.js";
import { wantsHelp } from "../parse-flags.js";
import { UsageError } from "../usage-error.js";
import { falcoConfigCommand } from "./falco-config.js";
import { falcoPackCommand } from "./falco-pack.js";

const subcommands: readonly Command[] = [falcoConfigCommand, falcoPackCommand];

const help = `Usage: ocispec falco <command> [options]

Falco artifacts (rules files, plugins, assets) as falcoctl pushes them.

Commands:
${subcommands.map((c) => `  ${c.name.slice("falco ".length).padEnd(7)} ${c.summary}`).join("\n")}

Examples:
  ocispec falco config --name falco-rules --version 2.0.0 --requires engine_version:26
  ocispec falco pack falco_rules.yaml --type rulesfile --name falco-rules --version 3.0.0 -o out/
  ocispec falco pack --help        (or: ocispec falco help pack)
`;

/** `ocispec falco <config|pack>`. */
export const falcoCommand: Command = {
  name: "falco",
  summary: "Falco artifacts: config blobs (falco config) and OCI layouts (falco pack)",
  help,
  hasSubcommands: true,
  async run(argv, io) {
    const [first, ...rest] = argv;
    // As for `ocispec` itself: asking for help succeeds; no subcommand at all is a usage error.
    if (first === undefined) {
      io.stderr.write(help);
      return EXIT_USAGE;
    }
    if (first === "-h" || first === "--help") {
      io.stdout.write(help);
      return EXIT_OK;
    }
    if (first === "help") {
      const topic = rest[0];
      if (topic === undefined) {
        io.stdout.write(help);
        return EXIT_OK;
      }
      const named = subcommands.find((c) => c.name === `falco ${topic}`);
      if (!named) throw new UsageError(`unknown falco command "${topic}" (commands: config, pack)`, "falco");
      io.stdout.write(named.help);
      return EXIT_OK;
    }
    const sub = subcommands.find((c) => c.name === `falco ${first}`);
    if (!sub) throw new UsageError(`unknown falco command "${first}" (commands: config, pack)`, "falco");
    if (wantsHelp(rest)) {
      io.stdout.write(sub.help);
      return EXIT_OK;
    }
    return sub.run(rest, io);
  },
};
