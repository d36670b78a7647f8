import type { IncomingMessage, ServerResponse } from "node:http";

/** How much of a refused request body is read and dropped, and for how long, before the connection closes. */
export interface LingerBound {
  ms: number;
  bytes: number;
}

/**
 * The gate's bound: enough for a client that reads its answer only once its body is sent (a
 * manifest is at most a few MiB) to finish sending it, and short enough that a client which never
 * stops holds a connection no longer than a slow request's headers may (30 s) anyway.
 */
export const LINGER: LingerBound = { ms: 2_000, bytes: 16 * 1024 * 1024 };

/**
 * Sends a complete answer with `Connection: close` while the request body may still be arriving,
 * and ends the response (so the runtime closes the connection) only once the rest of the body is
 * read and dropped: when it ends, the client goes, or `bound` is reached, whichever comes first.
 *
 * RFC 9112 §9.6: "If a server performs an immediate close of a TCP connection, there is a
 * significant risk that the client will not be able to read the last HTTP response. If the server
 * receives additional data from the client on a fully closed connection, … the server's TCP stack
 * will send a reset packet to the client; unfortunately, the reset packet might erase the client's
 * unacknowledged input buffers before they can be read". Go's net/http, which registries run on,
 * does the same in its own way (closeWriteAndWait: half-close, then 500 ms before the close).
 *
 * @example
 * // a 413 for a chunked body past the limit; the body keeps coming, the answer is read
 * answerWithLingeringClose(request, response, 413, { "content-type": "application/json" }, text);
 */
export function answerWithLingeringClose(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string,
  bound: LingerBound = LINGER,
): void {
  response.writeHead(status, { ...headers, "content-length": Buffer.byteLength(body), connection: "close" });
  // Written now, ended later: the answer is on the wire while the connection stays open.
  response.write(body);
  if (request.readableEnded) {
    response.end();
    return;
  }
  let dropped = 0;
  const close = () => {
    clearTimeout(timer);
    request.off("data", onData);
    if (!response.writableEnded) response.end();
  };
  const onData = (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > bound.bytes) close();
  };
  const timer = setTimeout(close, bound.ms);
  request.on("data", onData);
  request.once("end", close);
  request.once("close", close);
  // Kept after close: a request torn down later must not become an unhandled 'error'.
  request.on("error", close);
  // A body cut off at a limit was paused there, the socket too.
  request.socket.resume();
  request.resume();
}
