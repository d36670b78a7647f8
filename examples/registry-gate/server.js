#!/usr/bin/env node
// Embedding validateUpload in your own server: a tiny in-memory manifest store on plain node:http.
// Every manifest PUT is checked before it is stored; a refusal is answered with the status and the
// distribution-spec error body validateUpload returns. (To put a gate in front of an existing
// registry, run `ocispec gate` instead: docs/gate.md.) Run `npm run build` first.
//
//   node examples/registry-gate/server.js [port] [target,…]     e.g. node examples/registry-gate/server.js 5002 gitlab
//
// Why no request can crash it: the body is kept up to the policy's limit and no further (past it, the
// 413 goes out and the rest is dropped, for a bounded time, before the close: see answerEarly), the
// error body is capped, validateUpload never throws, and anything unexpected becomes a 500. It decides
// and stores on the same decoded path, so there is no second reader to disagree with.
import http from "node:http";
import { createPolicy, validateUpload } from "ocispec";

const port = Number(process.argv[2] ?? 5002);
const policy = createPolicy({ targets: (process.argv[3] ?? "").split(",").filter(Boolean) });
// createPolicy never throws: an unknown target is an options-invalid finding; refuse to start on one.
if (policy.issues.length > 0) {
  for (const issue of policy.issues) process.stderr.write(`${issue.message}\n`);
  process.exit(2);
}
const MANIFEST_PATH = /^\/v2\/(.+)\/manifests\/([^/]+)$/;
const MAX_ERRORS = 100; // a finding flood must not become a 2-million-entry body
const manifests = new Map(); // "<repository>/<reference>" → { bytes, contentType, digest }

/** Writes a JSON answer, head and body; the response is still to be ended. */
function writeAnswer(response, status, body, headers = {}) {
  const text = body === undefined ? "" : JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  response.write(text);
}

function send(response, status, body, headers = {}) {
  writeAnswer(response, status, body, headers);
  response.end();
}

/** Reads the body up to `limit` bytes; past it, stops reading and resolves { size } with no bytes. */
function readBody(request, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      request.pause();
      request.off("data", onData);
      resolve({ size });
    };
    request.on("data", onData);
    request.on("end", () => resolve({ bytes: Buffer.concat(chunks), size }));
    request.on("error", reject);
  });
}

// RFC 9112 §9.6: closing a connection while request bytes are still arriving makes the TCP stack
// send a reset, and the reset can reach the client before the answer and erase it. So an answer
// given before the body is all read goes out at once, the rest of the body is read and dropped, and
// the connection closes only when the body ends, the client goes, or LINGER_BYTES or LINGER_MS are
// reached (whichever comes first), so a client that never stops sending cannot hold the server.
const LINGER_MS = 2_000;
const LINGER_BYTES = 16 << 20;

/** Answers with `Connection: close` while the request body is still arriving; closes as above. */
function answerEarly(request, response, status, body) {
  writeAnswer(response, status, body, { connection: "close" });
  if (request.readableEnded) return void response.end();
  let dropped = 0;
  const close = () => {
    clearTimeout(timer);
    request.off("data", onData);
    if (!response.writableEnded) response.end();
  };
  const onData = (chunk) => {
    dropped += chunk.length;
    if (dropped > LINGER_BYTES) close();
  };
  const timer = setTimeout(close, LINGER_MS);
  request.on("data", onData);
  request.once("end", close);
  request.once("close", close);
  request.on("error", close);
  request.resume();
}

async function handle(request, response) {
  let path;
  try {
    path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
  } catch {
    return send(response, 400, {
      errors: [{ code: "NAME_INVALID", message: "bad percent-encoding in the path" }],
    });
  }
  const match = MANIFEST_PATH.exec(path);
  if (!match)
    return send(response, 404, {
      errors: [{ code: "UNSUPPORTED", message: "this sample serves manifests only" }],
    });
  const [, repository, reference] = match;
  if (request.method === "GET" || request.method === "HEAD") {
    const stored = manifests.get(`${repository}/${reference}`);
    if (!stored)
      return send(response, 404, { errors: [{ code: "MANIFEST_UNKNOWN", message: "manifest unknown" }] });
    response.writeHead(200, { "content-type": stored.contentType, "docker-content-digest": stored.digest });
    return void response.end(request.method === "GET" ? stored.bytes : undefined);
  }
  if (request.method !== "PUT")
    return send(response, 405, { errors: [{ code: "UNSUPPORTED", message: "method not allowed" }] });

  const declared = Number(request.headers["content-length"] ?? 0);
  const read = declared > policy.maxBytes ? { size: declared } : await readBody(request, policy.maxBytes);
  const answer = validateUpload(read.bytes ?? new Uint8Array(), {
    contentType: request.headers["content-type"],
    reference,
    policy,
    contentLength: read.size,
  });
  if (answer.status !== 201) {
    const errors = answer.body.errors;
    const body = { errors: errors.slice(0, MAX_ERRORS) };
    if (errors.length > MAX_ERRORS)
      body.errors.push({
        code: errors[0].code,
        message: `${errors.length - MAX_ERRORS} more errors left out`,
      });
    // Over the limit (no bytes kept), the rest of the body may still be arriving.
    return read.bytes
      ? send(response, answer.status, body)
      : answerEarly(request, response, answer.status, body);
  }
  const stored = { bytes: read.bytes, contentType: request.headers["content-type"], digest: answer.digest };
  manifests.set(`${repository}/${reference}`, stored);
  manifests.set(`${repository}/${answer.digest}`, stored);
  send(response, 201, undefined, {
    location: `/v2/${repository}/manifests/${answer.digest}`,
    "docker-content-digest": answer.digest,
  });
}

const server = http.createServer((request, response) => {
  handle(request, response).catch((error) => {
    console.error(error);
    if (!response.headersSent)
      send(response, 500, { errors: [{ code: "UNKNOWN", message: "internal error" }] });
    else response.destroy();
  });
});
server.listen(port, "127.0.0.1", () =>
  console.log(`manifest store listening on http://127.0.0.1:${server.address().port}`),
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
