import { encodeBase64 } from "../builders/base64.js";
import type { DistributionError } from "../registry/distribution-error.js";
import { RegistryClientError } from "./registry-client-error.js";
import { parseWwwAuthenticate } from "./www-authenticate.js";

/**
 * A user name and password (or token) for one registry. `username: "<token>"` with an identity token
 * as `password` is how Docker credential helpers hand out refresh tokens; it is sent to the token
 * service as an OAuth2 refresh token.
 *
 * @example
 * const credentials: RegistryCredentials = { username: "ci", password: process.env.REGISTRY_TOKEN ?? "" };
 */
export interface RegistryCredentials {
  /** The user name, or `<token>` for an identity (refresh) token. */
  username: string;
  /** The password, token or identity token. Never printed. */
  password: string;
}

/**
 * How the client reaches registries. Everything is optional; the defaults are the global `fetch`,
 * HTTPS, anonymous access and four retries.
 *
 * @example
 * const options: RegistryClientOptions = {
 *   plainHttp: (host) => host.startsWith("127.0.0.1:"),
 *   credentials: (host) => (host === "ghcr.io" ? { username: "me", password: token } : undefined),
 * };
 */
export interface RegistryClientOptions {
  /** The fetch to use (a proxy-aware one, or a test double). Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Speak plain HTTP instead of HTTPS to a host (`true` for all). Default: HTTPS everywhere. */
  plainHttp?: boolean | ((registry: string) => boolean);
  /** Credentials for a registry host, asked for only when the registry demands authentication. */
  credentials?: (
    registry: string,
  ) => RegistryCredentials | undefined | Promise<RegistryCredentials | undefined>;
  /** Retries after a 429, a 5xx or a network failure (not for chunk uploads). Default 4. */
  retries?: number;
  /** First backoff delay in ms, doubled per retry, capped at 10 s; `Retry-After` wins when larger. Default 250. */
  retryDelayMs?: number;
  /** The `User-Agent` header. Default `ocispec`. */
  userAgent?: string;
}

/** One request the client makes: a path under the registry (`/v2/…`) or an absolute upload URL. *
 * @example
 * const request: RegistryRequest = { method: "HEAD", path: "/v2/a/blobs/sha256:…", scopes: ["repository:a:pull"], expect: [200, 404] };
 */
export interface RegistryRequest {
  method: "GET" | "HEAD" | "POST" | "PUT" | "PATCH";
  /** `/v2/<name>/…`, or an absolute `Location` a registry sent. */
  path: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
  /** The token scopes this request needs (`repository:falco/rules:pull,push`). */
  scopes: readonly string[];
  /** Statuses that are answers, not failures (e.g. 404 for "not there"). */
  expect: readonly number[];
  /** False for requests that must not be repeated (a chunk PATCH moves the upload's offset). */
  retry?: boolean;
}

/**
 * A connection to registries: sends requests with the right scheme, authenticates on a 401 (HTTP
 * basic, or the bearer-token flow of the distribution token specification) and caches what it
 * learnt per registry, retries on 429 and 5xx with backoff, and turns every other failure into a
 * {@link RegistryClientError} quoting the registry's error envelope.
 *
 * @example
 * const session = createRegistrySession({ plainHttp: true });
 * const response = await session.send("127.0.0.1:5000", { method: "GET", path: "/v2/", scopes: [], expect: [200] });
 */
export interface RegistrySession {
  /** Sends `request` to `registry`; resolves to a response whose status is one of `request.expect`. */
  send(registry: string, request: RegistryRequest): Promise<Response>;
  /** The base URL of a registry, `https://host` (or `http://` under `plainHttp`). */
  baseUrl(registry: string): string;
}

interface RegistryAuthState {
  /** What the registry asked for: basic, or bearer with its token service. */
  challenge?: { scheme: "basic" } | { scheme: "bearer"; realm: string; service?: string };
  /** Bearer tokens by their sorted scope list. */
  tokens: Map<string, string>;
  credentials?: RegistryCredentials | undefined;
  credentialsLoaded: boolean;
}

const MAX_BACKOFF_MS = 10_000;

/**
 * Creates a {@link RegistrySession}.
 *
 * @example
 * const session = createRegistrySession({ credentials: () => ({ username: "u", password: "p" }) });
 */
export function createRegistrySession(options: RegistryClientOptions = {}): RegistrySession {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const retries = options.retries ?? 4;
  const retryDelayMs = options.retryDelayMs ?? 250;
  const states = new Map<string, RegistryAuthState>();
  const baseUrl = (registry: string) => {
    const plain =
      typeof options.plainHttp === "function" ? options.plainHttp(registry) : options.plainHttp === true;
    return `${plain ? "http" : "https"}://${registry}`;
  };
  const stateOf = (registry: string): RegistryAuthState => {
    let state = states.get(registry);
    if (state === undefined) {
      state = { tokens: new Map(), credentialsLoaded: false };
      states.set(registry, state);
    }
    return state;
  };
  const credentialsOf = async (registry: string, state: RegistryAuthState) => {
    if (!state.credentialsLoaded) {
      state.credentials = await options.credentials?.(registry);
      state.credentialsLoaded = true;
    }
    return state.credentials;
  };

  /** One HTTP exchange with retries on 429/5xx/network failure; the response is returned as is otherwise. */
  const exchange = async (url: string, init: RequestInit, request: RegistryRequest): Promise<Response> => {
    const attempts = request.retry === false ? 1 : retries + 1;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await doFetch(url, init);
      } catch (error) {
        if (attempt >= attempts) {
          throw new RegistryClientError(
            "network",
            `${request.method} ${displayPath(url)}: ${describeNetworkError(error)}${attempt > 1 ? ` (after ${attempt} attempts)` : ""}`,
          );
        }
        await sleep(backoff(attempt, retryDelayMs, null));
        continue;
      }
      const retryable = response.status === 429 || (response.status >= 500 && response.status !== 501);
      if (!retryable || attempt >= attempts) return response;
      await response.body?.cancel();
      await sleep(backoff(attempt, retryDelayMs, response.headers.get("retry-after")));
    }
  };

  const authorize = async (registry: string, state: RegistryAuthState, scopes: readonly string[]) => {
    const challenge = state.challenge;
    if (challenge === undefined) return undefined;
    const credentials = await credentialsOf(registry, state);
    if (challenge.scheme === "basic") {
      return credentials === undefined ? undefined : `Basic ${basicAuth(credentials)}`;
    }
    const key = [...scopes].sort().join(" ");
    let token = state.tokens.get(key);
    if (token === undefined) {
      token = await fetchToken(challenge, scopes, credentials);
      state.tokens.set(key, token);
    }
    return `Bearer ${token}`;
  };

  const fetchToken = async (
    challenge: { realm: string; service?: string },
    scopes: readonly string[],
    credentials: RegistryCredentials | undefined,
  ): Promise<string> => {
    let url: URL;
    try {
      url = new URL(challenge.realm);
    } catch {
      throw new RegistryClientError(
        "auth",
        `the registry's token realm ${JSON.stringify(challenge.realm)} is not a URL`,
      );
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new RegistryClientError(
        "auth",
        `the registry's token realm must be http(s), not ${url.protocol}`,
      );
    }
    if (challenge.service !== undefined) url.searchParams.set("service", challenge.service);
    for (const scope of scopes) url.searchParams.append("scope", scope);
    if (credentials !== undefined && url.protocol === "http:" && !isLoopback(url.hostname)) {
      throw new RegistryClientError(
        "auth",
        `not sending credentials to the token service ${url.origin}: it is not HTTPS`,
      );
    }
    const headers: Record<string, string> = { "user-agent": options.userAgent ?? "ocispec" };
    if (credentials !== undefined && credentials.username !== "<token>") {
      headers.authorization = `Basic ${basicAuth(credentials)}`;
    }
    const tokenRequest: RegistryRequest = { method: "GET", path: url.href, scopes, expect: [200] };
    let response: Response;
    if (credentials?.username === "<token>") {
      // docker-credential helpers store an OAuth2 refresh token under the user name "<token>".
      const form = new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: credentials.password,
        client_id: "ocispec",
      });
      if (challenge.service !== undefined) form.set("service", challenge.service);
      form.set("scope", scopes.join(" "));
      response = await exchange(
        `${url.origin}${url.pathname}`,
        {
          method: "POST",
          headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
          body: form.toString(),
        },
        { ...tokenRequest, method: "POST" },
      );
    } else {
      response = await exchange(url.href, { method: "GET", headers }, tokenRequest);
    }
    if (response.status !== 200) {
      throw new RegistryClientError(
        "auth",
        `the token service at ${url.origin}${url.pathname} refused${credentials === undefined ? " anonymous access" : " the credentials"}: HTTP ${response.status}${await envelopeText(response)}`,
        { status: response.status },
      );
    }
    const body = (await response.json().catch(() => undefined)) as
      | { token?: unknown; access_token?: unknown }
      | undefined;
    const token = typeof body?.token === "string" ? body.token : body?.access_token;
    if (typeof token !== "string" || token === "") {
      throw new RegistryClientError(
        "auth",
        `the token service at ${url.origin}${url.pathname} sent no token`,
      );
    }
    return token;
  };

  return {
    baseUrl,
    async send(registry, request) {
      const state = stateOf(registry);
      const url = /^https?:\/\//.test(request.path) ? request.path : `${baseUrl(registry)}${request.path}`;
      for (let round = 0; ; round++) {
        const headers: Record<string, string> = {
          "user-agent": options.userAgent ?? "ocispec",
          ...request.headers,
        };
        // Credentials and tokens go only to the registry itself, never to an upload Location elsewhere.
        const authorization = sameOrigin(url, baseUrl(registry))
          ? await authorize(registry, state, request.scopes)
          : undefined;
        if (authorization !== undefined) headers.authorization = authorization;
        const init: RequestInit = {
          method: request.method,
          headers,
          ...(request.body !== undefined && { body: request.body as Uint8Array<ArrayBuffer> }),
        };
        const response = await exchange(url, init, request);
        if (request.expect.includes(response.status)) return response;
        if (response.status === 401 && round === 0) {
          const challenge = parseWwwAuthenticate(response.headers.get("www-authenticate") ?? "").find(
            (c) => c.scheme === "bearer" || c.scheme === "basic",
          );
          await response.body?.cancel();
          if (challenge?.scheme === "bearer" && challenge.params.realm !== undefined) {
            const known = state.challenge;
            state.challenge = {
              scheme: "bearer",
              realm: challenge.params.realm,
              ...(challenge.params.service !== undefined && { service: challenge.params.service }),
            };
            // A token that was refused for these scopes is dropped, so the next round asks anew.
            if (known?.scheme === "bearer") state.tokens.delete([...request.scopes].sort().join(" "));
            continue;
          }
          if (challenge?.scheme === "basic" && state.challenge === undefined) {
            state.challenge = { scheme: "basic" };
            if ((await credentialsOf(registry, state)) !== undefined) continue;
          }
          throw new RegistryClientError(
            "auth",
            `${request.method} ${displayPath(url)}: HTTP 401, the registry needs ${
              (await credentialsOf(registry, state)) === undefined
                ? "credentials and none were given"
                : "other credentials"
            }`,
            { status: 401 },
          );
        }
        const envelope = await readEnvelope(response);
        throw new RegistryClientError(
          response.status === 401 || response.status === 403 ? "auth" : "http",
          `${request.method} ${displayPath(url)}: HTTP ${response.status}${describeEnvelope(envelope)}`,
          { status: response.status, errors: envelope },
        );
      }
    },
  };
}

/** The path and query of a URL without its origin: what an error message may show. Query strings of upload URLs carry state, not secrets. */
function displayPath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return url;
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return cause?.code !== undefined && !message.includes(cause.code) ? `${cause.code}: ${message}` : message;
}

function backoff(attempt: number, base: number, retryAfter: string | null): number {
  const exponential = Math.min(MAX_BACKOFF_MS, base * 2 ** (attempt - 1));
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : 0;
  return Math.min(MAX_BACKOFF_MS, Math.max(exponential, seconds));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The registry's `{"errors":[…]}` body, read if it is one (at most 64 KiB); empty otherwise. */
async function readEnvelope(response: Response): Promise<DistributionError[]> {
  const text = await response.text().catch(() => "");
  if (text.length > 65_536) return [];
  try {
    const body = JSON.parse(text) as { errors?: unknown };
    if (!Array.isArray(body.errors)) return [];
    return body.errors.filter(
      (e): e is DistributionError =>
        typeof e === "object" && e !== null && typeof (e as { code?: unknown }).code === "string",
    );
  } catch {
    return [];
  }
}

async function envelopeText(response: Response): Promise<string> {
  return describeEnvelope(await readEnvelope(response));
}

/** `: MANIFEST_INVALID: manifest invalid (detail)` for each entry of an envelope. */
function describeEnvelope(errors: readonly DistributionError[]): string {
  return errors
    .slice(0, 5)
    .map((e) => {
      const detail =
        e.detail === undefined
          ? ""
          : ` (${truncate(typeof e.detail === "string" ? e.detail : JSON.stringify(e.detail))})`;
      return `: ${e.code}${typeof e.message === "string" ? `: ${truncate(e.message)}` : ""}${detail}`;
    })
    .join(";");
}

function truncate(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function basicAuth(credentials: RegistryCredentials): string {
  return encodeBase64(new TextEncoder().encode(`${credentials.username}:${credentials.password}`));
}

function sameOrigin(url: string, base: string): boolean {
  try {
    return new URL(url).origin === new URL(base).origin;
  } catch {
    return false;
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
