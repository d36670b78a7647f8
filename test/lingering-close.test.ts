// answerWithLingeringClose (src/cli/gate/lingering-close.ts): an answer given while the request body
// is still arriving reaches the client, and the connection still closes within the bound. Servers
// bind 127.0.0.1 on a free port and are closed after each test.
import { once } from "node:events";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { answerWithLingeringClose, type LingerBound } from "../src/cli/gate/lingering-close.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const REFUSAL = '{"errors":[{"code":"SIZE_INVALID","message":"too large"}]}';

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A server that answers 413 with a lingering close; `beforeAnswer` may read (part of) the body first. */
async function refusingServer(
  bound: LingerBound,
  beforeAnswer: (request: IncomingMessage) => Promise<void> = async () => undefined,
): Promise<{ port: number; closedAfterMs: number[] }> {
  const closedAfterMs: number[] = [];
  server = http.createServer((request: IncomingMessage, response: ServerResponse) => {
    void beforeAnswer(request).then(() => {
      const answered = Date.now();
      response.once("close", () => closedAfterMs.push(Date.now() - answered));
      answerWithLingeringClose(
        request,
        response,
        413,
        { "content-type": "application/json" },
        REFUSAL,
        bound,
      );
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as { port: number }).port, closedAfterMs };
}

interface RawExchange {
  answer: string;
  answeredAtMs: number | undefined;
  closedAtMs: number | undefined;
  error: string | undefined;
  sent: number;
}

/**
 * Sends a PUT head, then `frame` after `frame` (waiting for drain) until the connection closes, `limit`
 * bytes are sent, or `forMs` passes; `pauseMs` between frames. Reads the answer all along.
 */
async function sendBody(
  port: number,
  head: string,
  frame: Buffer,
  options: { limit: number; forMs: number; pauseMs?: number; endAfterAnswer?: boolean },
): Promise<RawExchange> {
  const socket = connect(port, "127.0.0.1");
  const exchange: RawExchange = {
    answer: "",
    answeredAtMs: undefined,
    closedAtMs: undefined,
    error: undefined,
    sent: 0,
  };
  const started = Date.now();
  let closed = false;
  socket.on("data", (chunk) => {
    exchange.answer += chunk.toString("latin1");
    if (exchange.answeredAtMs === undefined && exchange.answer.includes("\r\n\r\n"))
      exchange.answeredAtMs = Date.now() - started;
  });
  socket.on("error", (error: NodeJS.ErrnoException) => (exchange.error = error.code ?? error.message));
  socket.on("close", () => {
    closed = true;
    exchange.closedAtMs = Date.now() - started;
  });
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.write(head);
  while (!closed && exchange.sent < options.limit && Date.now() - started < options.forMs) {
    if (options.endAfterAnswer && exchange.answeredAtMs !== undefined) break;
    if (!socket.write(frame)) await Promise.race([new Promise((r) => socket.once("drain", r)), sleep(100)]);
    exchange.sent += frame.length;
    if (options.pauseMs) await sleep(options.pauseMs);
  }
  if (options.endAfterAnswer) socket.destroy();
  const deadline = Date.now() + 10_000;
  while (!closed && Date.now() < deadline) await sleep(20);
  return exchange;
}

const chunkFrame = (size: number) =>
  Buffer.concat([Buffer.from(`${size.toString(16)}\r\n`), Buffer.alloc(size, 0x20), Buffer.from("\r\n")]);
const chunkedHead = "PUT /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";

describe("answerWithLingeringClose", () => {
  it("lets a client that sends its whole body first read the answer, then closes without a reset", async () => {
    const { port } = await refusingServer({ ms: 10_000, bytes: 64 << 20 });
    const body = Buffer.alloc(4 << 20, 0x20);
    const head = `PUT /x HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n`;
    // Closed at once, the unread body in the server's buffer turns the close into a reset (EPIPE or
    // ECONNRESET here), which can erase the answer before it is read.
    const exchange = await sendBody(port, head, body, { limit: body.length, forMs: 10_000 });
    expect(exchange.error).toBeUndefined();
    expect(exchange.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(exchange.answer).toContain("connection: close");
    expect(exchange.answer.endsWith(REFUSAL)).toBe(true);
  });

  it("closes once bound.bytes of a body that never ends are dropped", async () => {
    const { port, closedAfterMs } = await refusingServer({ ms: 20_000, bytes: 1 << 20 });
    const exchange = await sendBody(port, chunkedHead, chunkFrame(64 * 1024), {
      limit: 256 << 20,
      forMs: 15_000,
    });
    expect(exchange.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(exchange.closedAtMs).toBeDefined();
    // 1 MiB dropped, plus what the socket buffers on both sides held when the server let go
    expect(exchange.sent).toBeLessThan(48 << 20);
    expect(closedAfterMs[0]).toBeLessThan(10_000); // long before bound.ms
  });

  it("closes after bound.ms when the body trickles in", async () => {
    const { port, closedAfterMs } = await refusingServer({ ms: 300, bytes: 64 << 20 });
    const exchange = await sendBody(port, chunkedHead, chunkFrame(512), {
      limit: 64 << 20,
      forMs: 15_000,
      pauseMs: 20,
    });
    expect(exchange.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(exchange.answeredAtMs).toBeLessThan(exchange.closedAtMs ?? 0);
    expect(closedAfterMs[0]).toBeGreaterThanOrEqual(290);
    expect(closedAfterMs[0]).toBeLessThan(10_000);
  });

  it("ends at once when the body was read before the answer", async () => {
    const { port, closedAfterMs } = await refusingServer({ ms: 20_000, bytes: 64 << 20 }, async (request) => {
      request.resume();
      await once(request, "end");
    });
    const exchange = await sendBody(
      port,
      "PUT /x HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n",
      Buffer.from("{}"),
      { limit: 2, forMs: 10_000 },
    );
    expect(exchange.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(exchange.error).toBeUndefined();
    expect(closedAfterMs[0]).toBeLessThan(5_000);
  });

  it("lets go as soon as the client goes", async () => {
    const { port, closedAfterMs } = await refusingServer({ ms: 20_000, bytes: 64 << 20 });
    const exchange = await sendBody(port, chunkedHead, chunkFrame(1024), {
      limit: 64 << 20,
      forMs: 15_000,
      pauseMs: 10,
      endAfterAnswer: true,
    });
    expect(exchange.answer).toMatch(/^HTTP\/1\.1 413 /);
    const deadline = Date.now() + 10_000;
    while (closedAfterMs.length === 0 && Date.now() < deadline) await sleep(20);
    expect(closedAfterMs[0]).toBeLessThan(5_000);
  });
});
