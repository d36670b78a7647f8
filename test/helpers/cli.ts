import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv from "ajv-draft-04";
import type { CliIo } from "../../src/cli/io.js";
import { run } from "../../src/cli/run.js";

/** The built CLI, as `npm test` leaves it. */
export const CLI_PATH = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

/**
 * The command line that runs a script on the runtime running the tests, for a shell script to exec:
 * Deno translates its own `process.execPath` only in child_process calls, so a shell needs its
 * `run --allow-all` spelled out.
 */
export const SCRIPT_RUNNER: readonly string[] =
  (process.versions as Record<string, string | undefined>).deno === undefined
    ? [process.execPath]
    : [process.execPath, "run", "--allow-all", "--no-lock"];

/** What a CLI run produced. */
export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
  stdoutBytes: Uint8Array;
}

/**
 * Runs `node dist/cli.js …args` as a real subprocess. Fails with a clear message when the CLI has not
 * been built (`npm test` builds first; `npx vitest` alone does not).
 */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; input?: string | Uint8Array; env?: Record<string, string> } = {},
): CliResult {
  if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run \`npm run build\` first`);
  // FORCE_COLOR (vitest sets it) removed, not emptied: Node ≥ 22 warns on stderr that NO_COLOR is
  // ignored whenever FORCE_COLOR is set at all.
  const { FORCE_COLOR: _, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], {
    cwd: options.cwd,
    input: options.input ?? "",
    env: { ...inherited, NO_COLOR: "1", ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return {
    status: result.status ?? -1,
    stdout: result.stdout.toString("utf8"),
    stderr: result.stderr.toString("utf8"),
    stdoutBytes: new Uint8Array(result.stdout),
  };
}

/** A terminal-or-not buffer standing in for stdout or stderr. */
export function bufferStream(isTTY = false) {
  const chunks: Uint8Array[] = [];
  return {
    isTTY,
    columns: 80,
    write(chunk: string | Uint8Array) {
      chunks.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
    },
    text: () => Buffer.concat(chunks).toString("utf8"),
  };
}

/** Runs the CLI in-process (fast) with buffers for stdout and stderr. */
export async function runInProcess(
  argv: readonly string[],
  options: { cwd: string; stdin?: string; env?: Record<string, string>; tty?: boolean },
) {
  const stdout = bufferStream(options.tty ?? false);
  const stderr = bufferStream(options.tty ?? false);
  const io: CliIo = {
    stdout,
    stderr,
    cwd: options.cwd,
    env: options.env ?? {},
    readStdin: async () => new TextEncoder().encode(options.stdin ?? ""),
  };
  const status = await run(argv, io);
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

/** A small OCI image manifest (config and layer blobs are not present anywhere), as an object. */
export function sampleManifest(layerCount = 1) {
  return {
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    config: {
      mediaType: "application/vnd.oci.image.config.v1+json",
      digest: `sha256:${"c".repeat(64)}`,
      size: 300,
    },
    layers: Array.from({ length: layerCount }, () => ({
      mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
      digest: `sha256:${"d".repeat(64)}`,
      size: 1000,
    })),
  };
}

/**
 * A validator for the SARIF 2.1.0 JSON Schema (draft-04; the OASIS standard's schema, kept as data in
 * test/fixtures/sarif/), compiled with ajv-draft-04; formats checked loosely.
 */
export function sarifSchemaValidator() {
  const schemaPath = fileURLToPath(new URL("../fixtures/sarif/sarif-schema-2.1.0.json", import.meta.url));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat("uri", (s: string) => URL.canParse(s));
  ajv.addFormat("uri-reference", (s: string) => URL.canParse(s, "file:///base/"));
  ajv.addFormat("date-time", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/);
  return ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
}
