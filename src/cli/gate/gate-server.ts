import http, { type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pipeline } from "node:stream";
import { toDistributionResponse } from "../../registry/distribution-error.js";
import { createPolicy } from "../../registry/policy.js";
import { validateUpload } from "../../registry/upload.js";
import type { IssueCode } from "../../vocabulary/vocabulary.generated.js";
import { boundedErrorBody } from "./error-body.js";
import { clientResponseHeaders, upstreamRequestHeaders } from "./forward-headers.js";
import type { GateConfig } from "./gate-config.js";
import { answerWithLingeringClose } from "./lingering-close.js";
import { canonicalRequestTarget, manifestRoute } from "./request-target.js";
import { ValidationPool } from "./validation-pool.js";

/** One structured log record; written as one JSON line. */
export type GateLogRecord = { event: string } & Record<string, unknown>;

/** A running gate. */
export interface Gate {
  /** `http://host:port` the gate listens on. */
  readonly url: string;
  /** The origin Location headers are built on. */
  readonly publicUrl: URL;
  /** Stops accepting, lets in-flight requests finish (up to timeouts.drainMs), then closes everything. */
  close(): Promise<{ drained: boolean; abandoned: number }>;
}

/** The headers of every answer the gate writes itself. */
const JSON_ANSWER = {
  "content-type": "application/json; charset=utf-8",
  "docker-distribution-api-version": "registry/2.0",
};

function sendJson(response: ServerResponse, status: number, text: string): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, { ...JSON_ANSWER, "content-length": Buffer.byteLength(text) });
  response.end(text);
}

/** A refusal of the gate's own (not a validation finding), in the distribution error envelope. */
function gateError(code: string, rule: string, message: string): string {
  return JSON.stringify({ errors: [{ code, message, detail: { rule, field: "", pointer: "" } }] });
}

/**
 * Answers a request whose body the gate will not read (past a limit, too slow, no room, a refused
 * target), then closes the connection once the rest of the body is dropped, within LINGER.
 */
function answerAndClose(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  text: string,
): void {
  if (response.headersSent || response.destroyed) return;
  answerWithLingeringClose(request, response, status, JSON_ANSWER, text);
}

type BodyRead =
  | { kind: "complete"; bytes: Buffer }
  | { kind: "too-large"; size: number }
  | { kind: "no-room" }
  | { kind: "gone" }
  | { kind: "slow" };

/**
 * Reads a manifest body up to `maxBytes`; stops reading the moment it crosses, or the moment
 * `reserve` (the gate's budget for all buffered manifests) has no room for the next chunk.
 */
function readManifestBody(
  request: IncomingMessage,
  maxBytes: number,
  timeoutMs: number,
  reserve: (bytes: number) => boolean,
): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (read: BodyRead) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      request.off("data", onData);
      resolve(read);
    };
    const timer = setTimeout(() => finish({ kind: "slow" }), timeoutMs);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.pause();
        request.socket.pause();
        finish({ kind: "too-large", size });
        return;
      }
      if (!reserve(chunk.length)) {
        request.pause();
        request.socket.pause();
        finish({ kind: "no-room" });
        return;
      }
      chunks.push(chunk);
    };
    request.on("data", onData);
    request.once("end", () => finish({ kind: "complete", bytes: Buffer.concat(chunks, size) }));
    request.once("close", () => finish({ kind: "gone" }));
    request.once("error", () => finish({ kind: "gone" }));
  });
}

/**
 * Starts `ocispec gate`: a reverse proxy that canonicalises every request target, answers ambiguous
 * ones itself, validates manifest PUTs in worker threads (validateUpload with the configured policy)
 * and forwards the rest, streaming, to the upstream registry.
 *
 * @example
 * const gate = await startGate(config, { workerUrl, log: (record) => console.log(JSON.stringify(record)) });
 * // … later, on SIGTERM:
 * await gate.close();
 */
export async function startGate(
  config: GateConfig,
  options: { workerUrl: URL; log: (record: GateLogRecord) => void },
): Promise<Gate> {
  const { log, workerUrl } = options;
  const policy = createPolicy(config.policy);
  // Two lanes: a stream of worst-case large documents occupies the large lane's workers only, so
  // ordinary (small) pushes never queue behind it.
  const lane = (size: number | undefined, nice: number) =>
    new ValidationPool({
      workerUrl,
      size,
      policy: config.policy,
      heapMb: config.validatorHeapMb,
      deadlineMs: config.timeouts.validateMs,
      maxQueue: config.queue,
      nice,
    });
  // Validation threads run below the event loop's priority (the large lane lowest), so proxying and
  // answering never wait for a costly document to be judged.
  const lanes = {
    small: lane(config.workers, 5),
    large: lane(config.workers === undefined ? 1 : config.workers, 15),
  };
  await Promise.all([lanes.small.ready(), lanes.large.ready()]);
  const transport = config.upstream.protocol === "https:" ? https : http;
  const agent = new transport.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 32 });
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  let publicUrl = config.publicUrl ?? new URL("http://127.0.0.1");
  let authorities: string[] = [];
  let served = 0;
  let bufferedBytes = 0;
  // How late the event loop runs (ms): the proof that validation stays off it. Reported and reset
  // by each /healthz request, so it covers the time since the previous one.
  const LOOP_RESOLUTION_MS = 5;
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loopDelay.enable();
  // The histogram holds the intervals between its timer's runs: the lateness is what exceeds the resolution.
  const lateness = (nanoseconds: number) =>
    Math.max(0, Math.round((nanoseconds / 1e6 - LOOP_RESOLUTION_MS) * 100) / 100);
  const delayReport = () => {
    const report = {
      p50Ms: lateness(loopDelay.percentile(50)),
      p99Ms: lateness(loopDelay.percentile(99)),
      maxMs: lateness(loopDelay.max),
    };
    loopDelay.reset();
    return report;
  };

  const logRefusal = (request: IncomingMessage, fields: Record<string, unknown>) =>
    log({ event: "refused", client: request.socket.remoteAddress ?? "", method: request.method, ...fields });

  /** Sends the request upstream at `path`; `body` is the buffered manifest, or undefined to stream. */
  function forward(request: IncomingMessage, response: ServerResponse, path: string, body?: Buffer): void {
    const headers = upstreamRequestHeaders(request.headers, {
      clientAddress: request.socket.remoteAddress ?? "",
      upstreamHost: config.upstream.host,
      publicUrl,
      trustForwarded: config.trustForwarded,
    });
    if (body !== undefined) headers["content-length"] = String(body.length);
    else if (
      request.headers["content-length"] === undefined &&
      request.headers["transfer-encoding"] === undefined
    ) {
      headers["content-length"] = "0";
    }
    const outgoing = transport.request({
      protocol: config.upstream.protocol,
      hostname: config.upstream.hostname,
      port: config.upstream.port,
      method: request.method,
      path,
      headers,
      agent,
    });
    let connectTimer: NodeJS.Timeout | undefined;
    outgoing.on("socket", (socket) => {
      if (socket.connecting) {
        connectTimer = setTimeout(
          () =>
            outgoing.destroy(Object.assign(new Error("connect timeout"), { code: "GATE_CONNECT_TIMEOUT" })),
          config.timeouts.connectMs,
        );
        socket.once("connect", () => clearTimeout(connectTimer));
      }
    });
    outgoing.setTimeout(config.timeouts.upstreamMs, () =>
      outgoing.destroy(Object.assign(new Error("upstream timeout"), { code: "GATE_UPSTREAM_TIMEOUT" })),
    );
    // The client went away before the answer was out: abandon the upstream request and its socket.
    response.once("close", () => {
      if (!response.writableFinished) outgoing.destroy();
    });
    outgoing.on("response", (answer) => {
      if (response.destroyed) {
        answer.destroy();
        return;
      }
      const answerHeaders = clientResponseHeaders(answer.headers, config.upstream, publicUrl);
      if (draining) answerHeaders.connection = "close";
      response.writeHead(answer.statusCode ?? 502, answerHeaders);
      pipeline(answer, response, () => undefined);
    });
    outgoing.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(connectTimer);
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (response.destroyed) return;
      const timedOut = error.code === "GATE_UPSTREAM_TIMEOUT" || error.code === "GATE_CONNECT_TIMEOUT";
      log({ event: "upstream-error", method: request.method, path, error: error.code ?? error.message });
      sendJson(
        response,
        timedOut ? 504 : 502,
        gateError(
          "UNAVAILABLE",
          timedOut ? "gate-upstream-timeout" : "gate-upstream-unreachable",
          `upstream registry ${timedOut ? "timed out" : "unreachable"}: ${error.message}`,
        ),
      );
    });
    if (body !== undefined) {
      outgoing.end(body);
    } else {
      pipeline(request, outgoing, (error) => {
        if (error) outgoing.destroy();
      });
    }
  }

  async function gateManifest(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    route: { repository: string; reference: string },
  ): Promise<void> {
    const contentType = request.headers["content-type"];
    const declaredText = request.headers["content-length"];
    const declared = declaredText === undefined ? undefined : Number(declaredText);
    // Every buffered manifest counts against one budget until its answer is out, so many
    // concurrent uploads cannot make the gate hold more than maxBufferedBytes. A refused body is
    // dropped as it is answered, not when its connection closes (that may linger).
    let reserved = 0;
    const release = () => {
      bufferedBytes -= reserved;
      reserved = 0;
    };
    response.once("close", release);
    const refuse = (status: number, text: string, fields: Record<string, unknown>, close = false) => {
      release();
      logRefusal(request, { status, repository: route.repository, reference: route.reference, ...fields });
      if (close) answerAndClose(request, response, status, text);
      else sendJson(response, status, text);
    };
    const sizeRefusal = (size: number) => {
      const answer = validateUpload(new Uint8Array(0), {
        contentType,
        reference: route.reference,
        policy,
        contentLength: size,
      });
      refuse(
        answer.status,
        boundedErrorBody(answer.body ?? { errors: [] }),
        { rules: ["upload-size-limit"], bytes: size },
        true,
      );
    };
    if (declared !== undefined && declared > policy.maxBytes) {
      sizeRefusal(declared);
      return;
    }
    const reserve = (bytes: number) => {
      if (bufferedBytes + bytes > config.maxBufferedBytes) return false;
      bufferedBytes += bytes;
      reserved += bytes;
      return true;
    };
    const read = await readManifestBody(request, policy.maxBytes, config.timeouts.bodyMs, reserve);
    if (read.kind === "gone") return;
    if (read.kind === "no-room") {
      refuse(
        429,
        gateError(
          "TOOMANYREQUESTS",
          "gate-overloaded",
          "the gate holds as many manifests as it can; retry shortly",
        ),
        { rules: ["gate-overloaded"] },
        true,
      );
      return;
    }
    if (read.kind === "too-large") {
      sizeRefusal(read.size);
      return;
    }
    if (read.kind === "slow") {
      refuse(
        408,
        gateError(
          "MANIFEST_INVALID",
          "gate-body-timeout",
          `the manifest body did not arrive within ${config.timeouts.bodyMs} ms`,
        ),
        { rules: ["gate-body-timeout"] },
        true,
      );
      return;
    }
    const abort = new AbortController();
    response.once("close", () => abort.abort());
    const pool = read.bytes.length > config.largeManifestBytes ? lanes.large : lanes.small;
    const outcome = await pool.validate(
      { bytes: read.bytes, contentType, reference: route.reference, contentLength: declared },
      abort.signal,
    );
    if (response.destroyed) return;
    if (outcome.kind === "overloaded") {
      refuse(
        429,
        gateError(
          "TOOMANYREQUESTS",
          "gate-overloaded",
          "the gate is validating as many manifests as it can; retry shortly",
        ),
        { rules: ["gate-overloaded"] },
      );
      return;
    }
    if (outcome.kind === "over-budget") {
      const { status, body } = toDistributionResponse({
        issues: [
          {
            // The gate's own codes answer a request, not a document: outside the IssueCode vocabulary.
            code: `gate-validation-${outcome.reason}` as IssueCode,
            severity: "error",
            path: "",
            message: `the document could not be validated within the gate's budget (${outcome.message}); it is refused`,
          },
        ],
      });
      refuse(status, boundedErrorBody(body ?? { errors: [] }), {
        rules: [`gate-validation-${outcome.reason}`],
      });
      return;
    }
    if (outcome.status !== 201 || outcome.body !== null) {
      refuse(outcome.status, outcome.body ?? "{}", {
        rules: outcome.rules,
        errors: outcome.errorCount,
        bytes: read.bytes.length,
      });
      return;
    }
    forward(request, response, path, read.bytes);
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    served++;
    inFlight.add(response);
    response.once("close", () => inFlight.delete(response));
    if (draining) response.shouldKeepAlive = false;
    if ((request.method === "GET" || request.method === "HEAD") && request.url === "/healthz") {
      const stats = { small: lanes.small.stats(), large: lanes.large.stats() };
      sendJson(
        response,
        draining ? 503 : 200,
        JSON.stringify({
          status: draining ? "draining" : "ok",
          inFlight: inFlight.size - 1,
          served,
          validation: stats,
          eventLoopDelay: delayReport(),
        }),
      );
      return;
    }
    const target = canonicalRequestTarget(request.url ?? "", { authorities });
    if (!target.ok) {
      const path = (request.url ?? "").split("?")[0]?.slice(0, 256);
      logRefusal(request, { status: 400, rules: [target.rule], target: path });
      answerAndClose(
        request,
        response,
        400,
        gateError("UNSUPPORTED", target.rule, `request target refused: ${target.message}`),
      );
      return;
    }
    const route = request.method === "PUT" ? manifestRoute(target.path) : undefined;
    if (route === undefined) {
      forward(request, response, target.path + target.query);
      return;
    }
    gateManifest(request, response, target.path + target.query, route).catch((error: unknown) => {
      log({ event: "internal-error", error: error instanceof Error ? error.message : String(error) });
      if (!response.headersSent)
        sendJson(response, 500, gateError("UNKNOWN", "gate-internal-error", "internal error in the gate"));
      else response.destroy();
    });
  }

  const server = http.createServer(
    { requestTimeout: 0, headersTimeout: 30_000, keepAliveTimeout: 5_000 },
    handle,
  );
  // A client socket idle for longer than any wait the gate itself allows is gone.
  server.setTimeout(Math.max(config.timeouts.upstreamMs, config.timeouts.bodyMs) + 5_000);
  server.on("clientError", (_error, socket) => {
    if (socket.writable)
      socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostText = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${hostText}:${address.port}`;
  publicUrl = config.publicUrl ?? new URL(url);
  authorities = [...new Set([publicUrl.host, `${hostText}:${address.port}`, `localhost:${address.port}`])];

  return {
    url,
    publicUrl,
    async close() {
      draining = true;
      server.close();
      server.closeIdleConnections();
      const deadline = Date.now() + config.timeouts.drainMs;
      while (inFlight.size > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        server.closeIdleConnections();
      }
      const abandoned = inFlight.size;
      server.closeAllConnections();
      agent.destroy();
      loopDelay.disable();
      loopDelay.disable();
      await Promise.all([lanes.small.close(), lanes.large.close()]);
      return { drained: abandoned === 0, abandoned };
    },
  };
}
