/**
 * Runs `ocispec gate` (the built CLI, dist/cli.js) for end-to-end tests, and speaks raw HTTP/1.1 to
 * it, so request targets reach the gate byte for byte (fetch and curl would normalise them).
 *
 * @example
 * const gate = await startGateProcess(registry.url, ["--target", "gitlab"]);
 * const answer = await rawRequest(gate.port, { method: "PUT", target: "/v2/a/%6danifests/v1", body });
 * await gate.stop();
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { freePort } from "./registry.js";

export const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const WORKER = fileURLToPath(new URL("../../dist/gate-worker.js", import.meta.url));

/** Why the built gate cannot run, or undefined. */
export function gateUnavailableReason(): string | undefined {
  return existsSync(CLI) && existsSync(WORKER)
    ? undefined
    : "dist/cli.js or dist/gate-worker.js is missing: run npm run build (npm test does)";
}

/** A running gate process. */
export interface GateProcess {
  url: string;
  host: string;
  port: number;
  process: ChildProcess;
  /** Every JSON log line so far, parsed. */
  logs(): Record<string, unknown>[];
  /** SIGTERM, then waits for the exit; resolves to the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `ocispec gate --listen 127.0.0.1:<free> --upstream <upstream> …args` and waits for its listening line. */
export async function startGateProcess(upstream: string, args: string[] = []): Promise<GateProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [CLI, "gate", "--listen", `127.0.0.1:${port}`, "--upstream", upstream, ...args],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  let errors = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (errors += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the gate did not start:\n${output}${errors}`)), 20_000);
    const check = () => {
      if (output.includes('"event":"listening"')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the gate exited with ${code}:\n${output}${errors}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    port,
    process: child,
    logs: () =>
      output
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    async stop() {
      process.removeListener("exit", killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 40_000);
        const code = await exited;
        clearTimeout(timer);
        return code;
      }
      return child.exitCode;
    },
  };
}

/** A raw HTTP/1.1 answer. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends one request with the target exactly as given (latin1 bytes) and `Connection: close`;
 * resolves with the parsed answer (status 0 when the connection closed without one).
 */
export function rawRequest(
  port: number,
  request: { method: string; target: string; headers?: Record<string, string>; body?: Uint8Array | string },
): Promise<RawAnswer> {
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers: Record<string, string> = {
    host: `127.0.0.1:${port}`,
    connection: "close",
    ...request.headers,
  };
  if (
    body !== undefined &&
    headers["content-length"] === undefined &&
    headers["transfer-encoding"] === undefined
  ) {
    headers["content-length"] = String(body.length);
  }
  const head = `${request.method} ${request.target} HTTP/1.1\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("")}\r\n`;
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("connect", () => {
      socket.write(Buffer.from(head, "latin1"));
      if (body !== undefined) socket.write(body);
    });
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", (error) => (chunks.length > 0 ? undefined : reject(error)));
    socket.on("close", () => resolve(parseAnswer(Buffer.concat(chunks).toString("latin1"))));
  });
}

/**
 * A PUT through node:http, the way Node's own clients send one: Content-Length and the whole body
 * written at once. Resolves with the status, or with the error code when the connection failed
 * first (EPIPE, ECONNRESET: a server that closed with the body unread).
 */
export function nodeHttpPut(
  port: number,
  path: string,
  contentType: string,
  body: Uint8Array,
): Promise<string> {
  return new Promise((resolve) => {
    const request = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method: "PUT",
        path,
        headers: { "content-type": contentType, "content-length": body.length },
      },
      (response) => {
        response.resume();
        resolve(String(response.statusCode));
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    request.end(body);
  });
}

function parseAnswer(text: string): RawAnswer {
  const end = text.indexOf("\r\n\r\n");
  if (end === -1) return { status: 0, headers: {}, body: text };
  const [statusLine, ...lines] = text.slice(0, end).split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = text.slice(end + 4);
  if (headers["transfer-encoding"] === "chunked") body = unchunk(body);
  return { status: Number(statusLine?.split(" ")[1] ?? 0), headers, body };
}

function unchunk(text: string): string {
  let out = "";
  let rest = text;
  for (;;) {
    const line = rest.indexOf("\r\n");
    if (line === -1) return out;
    const size = Number.parseInt(rest.slice(0, line), 16);
    if (!(size > 0)) return out;
    out += rest.slice(line + 2, line + 2 + size);
    rest = rest.slice(line + 2 + size + 2);
  }
}
