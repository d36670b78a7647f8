/**
 * A distribution registry with authentication and TLS for the registry client's tests: htpasswd basic
 * auth behind TLS with a self-signed certificate made by `openssl`, or `auth: token` trusting a token
 * issuer written for the test (test/helpers/token-issuer.ts). Like helpers/registry.ts, it listens on
 * 127.0.0.1 on a free port, keeps its storage in a temporary directory, and `stop()` removes it.
 *
 * @example
 * const registry = await startConfiguredRegistry({ tls: makeCertificate(dir), htpasswd: "alice:$2b$…" });
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findExecutable } from "./executable.js";
import { freePort, registryBinary, registryUnavailableReason } from "./registry.js";

/** A certificate and key in PEM files. */
export interface Certificate {
  certificate: string;
  key: string;
  /** The certificate's PEM text. */
  pem: string;
}

/** Why TLS tests cannot run: no registry, or no openssl. */
export function tlsUnavailableReason(): string | undefined {
  return (
    registryUnavailableReason() ??
    (findExecutable("openssl") === undefined ? "no openssl on PATH" : undefined)
  );
}

/** A self-signed RSA certificate for 127.0.0.1, valid one day, made by `openssl req -x509`. */
export function makeCertificate(directory: string, name: string): Certificate {
  const certificate = join(directory, `${name}.pem`);
  const key = join(directory, `${name}.key`);
  const result = spawnSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      key,
      "-out",
      certificate,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  if (result.status !== 0) throw new Error(`openssl req failed: ${result.stderr.toString()}`);
  return { certificate, key, pem: readFileSync(certificate, "utf8") };
}

/** A running configured registry. */
export interface ConfiguredRegistry {
  host: string;
  url: string;
  directory: string;
  log(): string;
  stop(): Promise<void>;
}

/** What to configure: TLS, and one of htpasswd (file content) or token auth (realm, service, issuer, signing certificate). */
export interface RegistrySetup {
  tls?: Certificate;
  htpasswd?: string;
  token?: { realm: string; service: string; issuer: string; certificate: string };
}

/** Starts the registry and waits until `GET /v2/` answers at all (401 counts: auth is on). */
export async function startConfiguredRegistry(setup: RegistrySetup): Promise<ConfiguredRegistry> {
  const binary = registryBinary();
  if (binary === undefined) throw new Error(registryUnavailableReason());
  const directory = mkdtempSync(join(tmpdir(), "ocispec-auth-registry-"));
  const port = await freePort();
  const lines = [
    "version: 0.1",
    "log:",
    "  level: warn",
    "  accesslog:",
    "    disabled: true",
    "storage:",
    "  filesystem:",
    `    rootdirectory: ${join(directory, "storage")}`,
    "http:",
    `  addr: 127.0.0.1:${port}`,
    "  secret: ocispec-test-registry",
  ];
  if (setup.tls)
    lines.push("  tls:", `    certificate: ${setup.tls.certificate}`, `    key: ${setup.tls.key}`);
  if (setup.htpasswd !== undefined) {
    writeFileSync(join(directory, "htpasswd"), setup.htpasswd);
    lines.push("auth:", "  htpasswd:", "    realm: ocispec-test", `    path: ${join(directory, "htpasswd")}`);
  }
  if (setup.token) {
    lines.push(
      "auth:",
      "  token:",
      `    realm: ${setup.token.realm}`,
      `    service: ${setup.token.service}`,
      `    issuer: ${setup.token.issuer}`,
      `    rootcertbundle: ${setup.token.certificate}`,
    );
  }
  const configPath = join(directory, "config.yml");
  writeFileSync(configPath, `${lines.join("\n")}\n`);
  const child = spawn(binary, ["serve", configPath], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `${setup.tls ? "https" : "http"}://127.0.0.1:${port}`;
  const registry: ConfiguredRegistry = {
    host: `127.0.0.1:${port}`,
    url,
    directory,
    log: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await answers(url, setup.tls?.pem)) return registry;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await registry.stop();
  throw new Error(`docker-registry did not come up at ${url}:\n${output}`);
}

/** Whether `GET <url>/v2/` gets any HTTP answer (trusting `ca` for TLS). */
async function answers(url: string, ca: string | undefined): Promise<boolean> {
  if (ca === undefined) {
    try {
      await (await fetch(`${url}/v2/`)).arrayBuffer();
      return true;
    } catch {
      return false;
    }
  }
  return await new Promise((resolve) => {
    const req = request(`${url}/v2/`, { ca }, (response) => {
      response.resume();
      resolve(true);
    });
    req.on("error", () => resolve(false));
    req.end();
  });
}
