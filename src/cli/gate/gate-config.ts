import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createPolicy, type PolicyOptions } from "../../registry/policy.js";
import { UsageError } from "../usage-error.js";

/** Time budgets of the gate, in milliseconds. */
export interface GateTimeouts {
  /** TCP connect to the upstream. */
  connectMs: number;
  /** Upstream silence (no byte either way) before the request is abandoned: 504, or the response cut. */
  upstreamMs: number;
  /** One manifest validation in a worker; past it the document is refused and the worker replaced. */
  validateMs: number;
  /** A manifest body must arrive within this (slow senders are cut off). */
  bodyMs: number;
  /** On SIGTERM, how long in-flight requests may take to finish before their connections are closed. */
  drainMs: number;
}

/** Everything `ocispec gate` runs with, resolved from flags over the config file over defaults. */
export interface GateConfig {
  host: string;
  port: number;
  upstream: URL;
  /** The address clients reach the gate at; `Location` headers are built from it. Default: the listen address. */
  publicUrl: URL | undefined;
  /** Plain options for createPolicy (already checked once). */
  policy: PolicyOptions;
  /** Validation worker threads per lane (default: small lane cores − 1, at least 1; large lane 1). */
  workers: number | undefined;
  /** Manifests larger than this are validated in the large lane, so they never delay ordinary pushes. */
  largeManifestBytes: number;
  /** All manifest bodies the gate holds at once (reading, queued, validating, forwarding); past it, 429. */
  maxBufferedBytes: number;
  /** Manifests waiting for a worker before new ones get 429. */
  queue: number;
  /** Old-generation heap per validation worker, MB. */
  validatorHeapMb: number;
  timeouts: GateTimeouts;
  /** Keep the client's X-Forwarded-For (append to it) — only behind a proxy you run. Default false. */
  trustForwarded: boolean;
}

/** The defaults, for the help text and the docs. */
export const GATE_DEFAULTS = {
  listen: "127.0.0.1:5001",
  queue: 64,
  largeManifestBytes: 256 * 1024,
  maxBufferedBytes: 256 * 1024 * 1024,
  validatorHeapMb: 256,
  timeouts: { connectMs: 5_000, upstreamMs: 60_000, validateMs: 5_000, bodyMs: 30_000, drainMs: 30_000 },
} as const;

const CONFIG_KEYS = [
  "listen",
  "upstream",
  "publicUrl",
  "policy",
  "workers",
  "queue",
  "largeManifestBytes",
  "maxBufferedBytes",
  "validatorHeapMb",
  "timeouts",
  "trustForwarded",
];
const TIMEOUT_KEYS = Object.keys(GATE_DEFAULTS.timeouts);

/** The gate's command-line values, before merging (undefined = not given). */
export interface GateFlags {
  config?: string | undefined;
  listen?: string | undefined;
  upstream?: string | undefined;
  publicUrl?: string | undefined;
  targets: string[];
  maxBytes?: string | undefined;
  unknown?: string | undefined;
  workers?: string | undefined;
  trustForwarded: boolean;
}

const fail = (message: string): never => {
  throw new UsageError(message, "gate");
};

function positiveInteger(value: unknown, name: string): number {
  const number = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isSafeInteger(number) || number <= 0) {
    fail(`${name} must be a positive integer (got ${JSON.stringify(value)})`);
  }
  return number as number;
}

function readConfigFile(path: string, cwd: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), "utf8");
  } catch (error) {
    return fail(`cannot read --config ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(`--config ${path} is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    fail(`--config ${path} must hold a JSON object`);
  const config = value as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    if (key !== "$schema" && !CONFIG_KEYS.includes(key))
      fail(`--config ${path}: unknown key "${key}" (known: ${CONFIG_KEYS.join(", ")})`);
  }
  return config;
}

function parseUrl(value: unknown, name: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(String(value));
  } catch {
    fail(`${name} ${JSON.stringify(value)} is not a URL`);
  }
  const parsed = url as URL;
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    fail(`${name} must be an http:// or https:// URL`);
  if (parsed.username !== "" || parsed.password !== "") fail(`${name} must not carry credentials`);
  if ((parsed.pathname !== "/" && parsed.pathname !== "") || parsed.search !== "")
    fail(`${name} must be an origin (no path or query): ${parsed.href}`);
  return parsed;
}

/**
 * Resolves the gate's configuration: flags win over the config file (JSON), which wins over defaults.
 * Every value is checked here, the policy by createPolicy itself, so a bad setting is a usage error
 * at startup, never a surprise at the first push.
 *
 * @example
 * resolveGateConfig({ upstream: "http://127.0.0.1:5000", targets: ["gitlab"], trustForwarded: false }, process.cwd())
 */
export function resolveGateConfig(flags: GateFlags, cwd: string): GateConfig {
  const file = flags.config === undefined ? {} : readConfigFile(flags.config, cwd);
  const listen = flags.listen ?? (file.listen as string | undefined) ?? GATE_DEFAULTS.listen;
  const hostPort = /^(.*):(\d+)$/.exec(String(listen));
  if (!hostPort) fail(`--listen ${JSON.stringify(listen)} is not HOST:PORT`);
  const [, rawHost, rawPort] = hostPort as RegExpExecArray;
  const host = (rawHost as string).replace(/^\[(.*)\]$/, "$1");
  const port = Number(rawPort);
  if (port > 65_535) fail(`--listen port ${port} is out of range`);

  const upstreamValue = flags.upstream ?? file.upstream;
  if (upstreamValue === undefined)
    fail("--upstream is required (the registry behind the gate, e.g. http://127.0.0.1:5000)");
  const upstream = parseUrl(upstreamValue, "--upstream");
  const publicValue = flags.publicUrl ?? file.publicUrl;
  const publicUrl = publicValue === undefined ? undefined : parseUrl(publicValue, "--public-url");

  const filePolicy = file.policy ?? {};
  if (typeof filePolicy !== "object" || filePolicy === null || Array.isArray(filePolicy))
    fail(`"policy" in --config must be an object`);
  const policy: PolicyOptions = { ...(filePolicy as PolicyOptions) };
  const targets = flags.targets
    .flatMap((value) => value.split(","))
    .map((t) => t.trim())
    .filter((t) => t !== "");
  if (targets.length > 0) policy.targets = targets;
  if (flags.maxBytes !== undefined) policy.maxBytes = positiveInteger(flags.maxBytes, "--max-bytes");
  if (flags.unknown !== undefined) policy.unknown = flags.unknown as NonNullable<PolicyOptions["unknown"]>;
  try {
    createPolicy(policy);
  } catch (error) {
    fail((error as Error).message);
  }

  const fileTimeouts = (file.timeouts ?? {}) as Record<string, unknown>;
  if (typeof fileTimeouts !== "object" || fileTimeouts === null)
    fail(`"timeouts" in --config must be an object`);
  for (const key of Object.keys(fileTimeouts)) {
    if (!TIMEOUT_KEYS.includes(key))
      fail(`--config: unknown timeout "${key}" (known: ${TIMEOUT_KEYS.join(", ")})`);
  }
  const timeouts = { ...GATE_DEFAULTS.timeouts } as GateTimeouts;
  for (const key of TIMEOUT_KEYS as (keyof GateTimeouts)[]) {
    if (fileTimeouts[key] !== undefined)
      timeouts[key] = positiveInteger(fileTimeouts[key], `timeouts.${key}`);
  }
  const workersValue = flags.workers ?? file.workers;
  const trust = flags.trustForwarded || file.trustForwarded === true;
  if (file.trustForwarded !== undefined && typeof file.trustForwarded !== "boolean")
    fail(`"trustForwarded" must be true or false`);
  return {
    host,
    port,
    upstream,
    publicUrl,
    policy,
    workers: workersValue === undefined ? undefined : positiveInteger(workersValue, "--workers"),
    queue: file.queue === undefined ? GATE_DEFAULTS.queue : positiveInteger(file.queue, "queue"),
    largeManifestBytes:
      file.largeManifestBytes === undefined
        ? GATE_DEFAULTS.largeManifestBytes
        : positiveInteger(file.largeManifestBytes, "largeManifestBytes"),
    maxBufferedBytes:
      file.maxBufferedBytes === undefined
        ? GATE_DEFAULTS.maxBufferedBytes
        : positiveInteger(file.maxBufferedBytes, "maxBufferedBytes"),
    validatorHeapMb:
      file.validatorHeapMb === undefined
        ? GATE_DEFAULTS.validatorHeapMb
        : positiveInteger(file.validatorHeapMb, "validatorHeapMb"),
    timeouts,
    trustForwarded: trust,
  };
}
