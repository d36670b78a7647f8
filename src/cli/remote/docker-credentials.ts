import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { DOCKER_HUB_REGISTRY, type RegistryCredentials } from "../../client/index.js";
import { InputError } from "../usage-error.js";

/** Where Docker keeps credentials: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(env: Readonly<Record<string, string | undefined>>): string {
  const directory = env.DOCKER_CONFIG || join(env.HOME || homedir(), ".docker");
  return join(directory, "config.json");
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** The keys Docker files a registry under: Docker Hub keeps its v1 URL, others the host, sometimes with a scheme. */
function serverKeys(registry: string): string[] {
  if (registry === DOCKER_HUB_REGISTRY)
    return ["https://index.docker.io/v1/", "index.docker.io", "docker.io", registry];
  return [registry, `https://${registry}`, `http://${registry}`];
}

/** `https://host/v2/` and `host` name the same entry of `auths`. */
function hostOfKey(key: string): string {
  return key.replace(/^https?:\/\//, "").replace(/\/.*$/, "");
}

/**
 * Credentials for `registry` as Docker would find them in `config.json`: a `credHelpers` entry for
 * the host, else the `credsStore` helper, else `auths` (base64 `user:password` in `auth`, or
 * `username`/`password`). Helpers run as `docker-credential-<name> get` with the server on stdin.
 * No config, no entry, or a helper that has nothing: `undefined`. Nothing here is ever printed.
 *
 * @throws {InputError} when config.json is not JSON or an `auth` entry does not decode — naming the
 *   file and the host, never the value.
 */
export function dockerCredentials(
  registry: string,
  env: Readonly<Record<string, string | undefined>>,
): RegistryCredentials | undefined {
  const path = dockerConfigPath(env);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  let config: DockerConfig;
  try {
    config = JSON.parse(text) as DockerConfig;
  } catch {
    throw new InputError(`${path} is not JSON`);
  }
  const keys = serverKeys(registry);
  const helper = keys.map((key) => config.credHelpers?.[key]).find((name) => typeof name === "string");
  if (helper !== undefined) return runCredentialHelper(helper, keys[0] as string, env);
  if (typeof config.credsStore === "string" && config.credsStore !== "") {
    const stored = runCredentialHelper(config.credsStore, keys[0] as string, env);
    if (stored !== undefined) return stored;
  }
  const entries = Object.entries(config.auths ?? {});
  const entry = keys
    .map((key) => entries.find(([name]) => name === key || hostOfKey(name) === hostOfKey(key))?.[1])
    .find((value) => value !== undefined);
  if (entry === undefined) return undefined;
  if (typeof entry.auth === "string" && entry.auth !== "") {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon <= 0)
      throw new InputError(`${path}: the "auth" entry for ${registry} is not base64 of user:password`);
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (typeof entry.username === "string" && typeof entry.password === "string") {
    return { username: entry.username, password: entry.password };
  }
  return undefined;
}

/**
 * docker-credential-helpers protocol: `docker-credential-<name> get`, the server URL on stdin,
 * `{"ServerURL","Username","Secret"}` on stdout; a non-zero exit means "no credentials".
 */
function runCredentialHelper(
  name: string,
  server: string,
  env: Readonly<Record<string, string | undefined>>,
): RegistryCredentials | undefined {
  if (!/^[A-Za-z0-9._-]+$/.test(name))
    throw new InputError(`credential helper name "${name}" is not a plain name`);
  const result = spawnSync(`docker-credential-${name}`, ["get"], {
    input: server,
    env: env as NodeJS.ProcessEnv,
    timeout: 30_000,
    maxBuffer: 1024 * 1024,
  });
  // A helper that exits without reading stdin (EPIPE on our write) still answered.
  if (result.error !== undefined && (result.error as NodeJS.ErrnoException).code !== "EPIPE") {
    throw new InputError(
      `cannot run the credential helper docker-credential-${name}: ${result.error.message}`,
    );
  }
  if (result.status !== 0) return undefined;
  try {
    const answer = JSON.parse(result.stdout.toString("utf8")) as { Username?: unknown; Secret?: unknown };
    if (typeof answer.Username === "string" && typeof answer.Secret === "string") {
      return { username: answer.Username, password: answer.Secret };
    }
  } catch {
    // fall through: an answer that is not the protocol's JSON
  }
  throw new InputError(
    `docker-credential-${name} get answered something other than {"Username","Secret"} for ${server}`,
  );
}
