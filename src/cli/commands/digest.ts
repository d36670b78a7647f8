import { resolve } from "node:path";
import type { Command } from "../command.js";
import { EXIT_OK } from "../exit-codes.js";
import { digestBytes, digestFile, type FileDigestAlgorithm } from "../input/hash-file.js";
import { describeFsError } from "../input/read-input.js";
import { oneOf, parseFlags, stringFlag } from "../parse-flags.js";
import { InputError, UsageError } from "../usage-error.js";

const ALGORITHMS: readonly FileDigestAlgorithm[] = ["sha256", "sha512"];

const help = `Usage: ocispec digest [options] <file…>

Prints the OCI digest of each file's exact bytes, one line per file, as
"<algorithm>:<hex>  <path>" — the value a descriptor's "digest" field must carry.
"-" reads standard input.

Options:
  -a, --algorithm <name>  sha256 (default) or sha512
  -h, --help              show this help

Examples:
  ocispec digest examples/image/manifest.json
  ocispec digest --algorithm sha512 layer.tar.gz
  cat config.json | ocispec digest -

Exit status: 0 all files hashed, 2 usage error or unreadable file.
`;

/** `ocispec digest <file…>`: the OCI digest of each file. */
export const digestCommand: Command = {
  name: "digest",
  summary: "print the OCI digest (sha256:…) of each file",
  help,
  async run(argv, io) {
    const flags = parseFlags(argv, { algorithm: { type: "string", short: "a" } }, "digest");
    const algorithm = oneOf(stringFlag(flags, "algorithm") ?? "sha256", ALGORITHMS, "--algorithm", "digest");
    if (flags.positionals.length === 0) throw new UsageError("digest needs at least one file", "digest");
    for (const path of flags.positionals) {
      let digest: string;
      if (path === "-") {
        digest = digestBytes(await io.readStdin(), algorithm);
      } else {
        try {
          digest = digestFile(resolve(io.cwd, path), algorithm);
        } catch (error) {
          throw new InputError(`cannot read ${path}: ${describeFsError(error)}`);
        }
      }
      io.stdout.write(`${digest}  ${path}\n`);
    }
    return EXIT_OK;
  },
};
