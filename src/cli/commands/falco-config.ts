import { BuildError, buildFalcoConfig } from "../../builders/index.js";
import { type FalcoArtifactKind, falcoArtifactKinds } from "../../falco/index.js";
import type { Command } from "../command.js";
import { EXIT_OK } from "../exit-codes.js";
import { oneOf, parseFlags, stringFlag, stringList } from "../parse-flags.js";
import { UsageError } from "../usage-error.js";

const help = `Usage: ocispec falco config [options]

Prints a Falco artifact config blob with the exact bytes falcoctl pushes (compact JSON; piped
or redirected, no trailing newline, so its sha256 is the digest a registry will store; on a
terminal a newline follows). The flags and their
syntax are falcoctl's "registry push" ones; --depends-on and --requires repeat.

Options:
      --name <name>          artifact name (^[a-z]+[a-z0-9_-]*$)
      --version <semver>     artifact version
  -d, --depends-on <dep>     dependency "name:version", with alternatives "name:version|alt:version"
  -r, --requires <req>       requirement "name:version" (e.g. engine_version_semver:0.37.0)
      --type <type>          rulesfile (default), plugin or asset; with --descriptor, picks the media type
      --descriptor           print the config's descriptor (mediaType, digest, size) as JSON instead
  -h, --help                 show this help

Examples:
  ocispec falco config --name falco-rules --version 2.0.0 --requires engine_version:26
  ocispec falco config --name k8saudit-rules --version 0.6.1 \\
      --depends-on "k8saudit:0.6.0|k8saudit-eks:0.2.0" --requires engine_version_semver:0.37.0
  ocispec falco config --name falco-rules --version 2.0.0 | sha256sum

Exit status: 0 printed, 2 usage error (a bad name, version, dependency or requirement).
`;

/** `ocispec falco config`: falcoctl's exact config bytes. */
export const falcoConfigCommand: Command = {
  name: "falco config",
  summary: "print a Falco artifact config blob, byte-exact with falcoctl",
  help,
  async run(argv, io) {
    const flags = parseFlags(
      argv,
      {
        name: { type: "string" },
        version: { type: "string" },
        "depends-on": { type: "string", short: "d", multiple: true },
        requires: { type: "string", short: "r", multiple: true },
        type: { type: "string" },
        descriptor: { type: "boolean" },
      },
      "falco config",
    );
    if (flags.positionals.length > 0) {
      throw new UsageError(`unexpected argument "${flags.positionals[0]}"`, "falco config");
    }
    const kind: FalcoArtifactKind = oneOf(
      stringFlag(flags, "type") ?? "rulesfile",
      falcoArtifactKinds,
      "--type",
      "falco config",
    );
    const built = buildOrUsageError("falco config", () =>
      buildFalcoConfig({
        kind,
        name: stringFlag(flags, "name") ?? "",
        version: stringFlag(flags, "version") ?? "",
        dependencies: stringList(flags, "depends-on"),
        requirements: stringList(flags, "requires"),
      }),
    );
    if (flags.values.descriptor) {
      io.stdout.write(`${JSON.stringify(built.descriptor, null, 2)}\n`);
    } else {
      // The config blob is exactly these bytes (`| sha256sum` gives its digest), so a pipe or file
      // gets them as they are; a terminal gets a newline after them, so the prompt starts on its own line.
      io.stdout.write(built.bytes);
      if (io.stdout.isTTY) io.stdout.write("\n");
    }
    return EXIT_OK;
  },
};

/** Runs a builder; its BuildError (a bad flag value) becomes a UsageError for exit 2. */
export function buildOrUsageError<T>(command: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof BuildError) throw new UsageError(error.message, command);
    throw error;
  }
}
