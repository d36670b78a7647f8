import type { Command } from "../command.js";
import { EXIT_OK } from "../exit-codes.js";
import { GATE_DEFAULTS, resolveGateConfig } from "../gate/gate-config.js";
import { type GateLogRecord, startGate } from "../gate/gate-server.js";
import { booleanFlag, parseFlags, stringFlag, stringList } from "../parse-flags.js";
import { UsageError } from "../usage-error.js";

const help = `Usage: ocispec gate --listen <host:port> --upstream <url> [options]

A policy gate in front of any OCI registry. Every request goes through to the upstream registry,
streaming, except manifest PUTs that fail validation (validateUpload with the policy), which the
gate answers itself with the distribution-spec error body. Request targets are canonicalised the
way distribution routes them; ambiguous ones (encoded '/', dot segments, other authorities…) are
refused. One JSON log line per refusal on stdout.

Options:
  --listen <host:port>    where to listen (default ${GATE_DEFAULTS.listen})
  --upstream <url>        the registry behind the gate, http(s)://host:port (required)
  --public-url <url>      the address clients use; Location headers are built on it
                          (default: the listen address)
  --target <names>        also refuse what these registries refuse (gitlab, ecr, …; repeat or
                          comma-separate)
  --max-bytes <n>         largest manifest accepted (default 4194304); larger: 413, unread
  --unknown <action>      media types the table does not know: accept (default), warn, reject
  --workers <n>           validation threads per lane (default: cores − 1, at least 1)
  --trust-forwarded       append to the client's X-Forwarded-For (only behind your own proxy)
  --config <file>         JSON settings: listen, upstream, publicUrl, policy (createPolicy
                          options), workers, queue, largeManifestBytes, maxBufferedBytes,
                          validatorHeapMb,
                          timeouts { connectMs, upstreamMs, validateMs, bodyMs, drainMs },
                          trustForwarded; flags win
  -h, --help              show this help

Endpoints: GET /healthz (200 ok, 503 while draining). SIGTERM or SIGINT: stop accepting, let
in-flight requests finish (timeouts.drainMs, default 30 s), exit 0.

Examples:
  npx ocispec gate --listen 0.0.0.0:5001 --upstream http://127.0.0.1:5000 --target gitlab
  ocispec gate --config gate.json --public-url https://registry.example.com

Exit status: 0 after a clean shutdown, 2 usage error (bad flag, config or policy).
Docs: docs/gate.md
`;

/** `ocispec gate`: the policy gate, until SIGTERM/SIGINT. */
export const gateCommand: Command = {
  name: "gate",
  summary: "run a validating reverse proxy in front of a registry",
  help,
  async run(argv, io) {
    const flags = parseFlags(
      argv,
      {
        config: { type: "string" },
        listen: { type: "string" },
        upstream: { type: "string" },
        "public-url": { type: "string" },
        target: { type: "string", multiple: true },
        "max-bytes": { type: "string" },
        unknown: { type: "string" },
        workers: { type: "string" },
        "trust-forwarded": { type: "boolean" },
      },
      "gate",
    );
    if (flags.positionals.length > 0)
      throw new UsageError(`gate takes no operands (got "${flags.positionals[0]}")`, "gate");
    const config = resolveGateConfig(
      {
        config: stringFlag(flags, "config"),
        listen: stringFlag(flags, "listen"),
        upstream: stringFlag(flags, "upstream"),
        publicUrl: stringFlag(flags, "public-url"),
        targets: stringList(flags, "target"),
        maxBytes: stringFlag(flags, "max-bytes"),
        unknown: stringFlag(flags, "unknown"),
        workers: stringFlag(flags, "workers"),
        trustForwarded: booleanFlag(flags, "trust-forwarded"),
      },
      io.cwd,
    );
    const log = (record: GateLogRecord) =>
      io.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`);
    let gate: Awaited<ReturnType<typeof startGate>>;
    try {
      gate = await startGate(config, { workerUrl: new URL("./gate-worker.js", import.meta.url), log });
    } catch (error) {
      throw new UsageError(`cannot start the gate: ${(error as Error).message}`, "gate");
    }
    log({
      event: "listening",
      url: gate.url,
      publicUrl: gate.publicUrl.origin,
      upstream: config.upstream.origin,
      targets: config.policy.targets ?? [],
    });
    const signal = await new Promise<string>((resolve) => {
      const on = (name: string) => () => resolve(name);
      process.once("SIGTERM", on("SIGTERM"));
      process.once("SIGINT", on("SIGINT"));
    });
    log({ event: "draining", signal });
    const { drained, abandoned } = await gate.close();
    log({ event: "stopped", drained, abandoned });
    return EXIT_OK;
  },
};
