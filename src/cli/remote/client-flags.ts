import type { RegistryClientOptions, RegistryCredentials } from "../../client/index.js";
import type { CliIo } from "../io.js";
import { booleanFlag, type FlagSpec, type ParsedFlags, stringFlag } from "../parse-flags.js";
import { UsageError } from "../usage-error.js";
import { dockerCredentials } from "./docker-credentials.js";

/** The flags every command that talks to a registry takes. */
export const CLIENT_FLAGS = {
  "plain-http": { type: "boolean" },
  username: { type: "string" },
  "password-stdin": { type: "boolean" },
} as const satisfies FlagSpec;

/** The help lines for {@link CLIENT_FLAGS}. */
export const CLIENT_FLAGS_HELP = `      --plain-http          speak HTTP, not HTTPS (only for 127.0.0.1, ::1 and localhost)
      --username <user>     log in as this user, the password read from standard input
      --password-stdin      with --username: read the password (or token) from standard input
Credentials otherwise come from ~/.docker/config.json ($DOCKER_CONFIG): credHelpers,
credsStore (docker-credential-<name> get), auths. TLS is verified against the system's CAs
and NODE_EXTRA_CA_CERTS.`;

const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])(?::\d+)?$/;

/**
 * The client options the flags ask for: `--plain-http` (refused for anything but a loopback host, so
 * credentials never cross a network in the clear), and credentials from `--username` +
 * `--password-stdin`, else Docker's config. The password is read once, up front.
 */
export async function clientOptionsFromFlags(
  flags: ParsedFlags,
  io: CliIo,
  registries: readonly string[],
  command: string,
): Promise<RegistryClientOptions> {
  const plainHttp = booleanFlag(flags, "plain-http");
  if (plainHttp) {
    const remote = registries.find((registry) => !LOOPBACK.test(registry));
    if (remote !== undefined) {
      throw new UsageError(
        `--plain-http is only for loopback registries (127.0.0.1, ::1, localhost), not ${remote}`,
        command,
      );
    }
  }
  const username = stringFlag(flags, "username");
  const passwordStdin = booleanFlag(flags, "password-stdin");
  if ((username === undefined) !== !passwordStdin) {
    throw new UsageError("--username and --password-stdin go together", command);
  }
  let given: RegistryCredentials | undefined;
  if (username !== undefined) {
    const password = new TextDecoder().decode(await io.readStdin()).replace(/\r?\n$/, "");
    if (password === "") throw new UsageError("--password-stdin read an empty password", command);
    given = { username, password };
  }
  return {
    plainHttp,
    userAgent: "ocispec",
    credentials: (registry) => given ?? dockerCredentials(registry, io.env),
  };
}
