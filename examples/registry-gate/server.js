#!/usr/bin/env node
// A policy gate in front of an OCI registry: every request passes through to the upstream registry,
// except manifest PUTs that fail the policy, which the gate answers itself with the distribution-spec
// status and error body. Plain node:http, no framework. Run `npm run build` first: it imports the
// built package.
//
//   node examples/registry-gate/server.js --listen 127.0.0.1:5001 --upstream http://127.0.0.1:5000 [--target gitlab,ecr]
import http from "node:http";
import { parseArgs } from "node:util";
import { createPolicy, validateUpload } from "../../dist/index.js";

const USAGE = `usage: node examples/registry-gate/server.js --listen HOST:PORT --upstream URL [options]

  --listen HOST:PORT     where the gate listens (default 127.0.0.1:5001)
  --upstream URL         the registry behind the gate, e.g. http://127.0.0.1:5000 (required)
  --target NAMES         refuse what these registries refuse: gitlab, distribution, zot, quay, harbor, ecr, gar (comma-separated)
  --max-bytes N          largest manifest accepted, in bytes (default 4194304); larger ones get 413
  --unknown ACTION       media types the table does not know: accept (default), warn or reject
  --quiet                do not log refusals
`;

/** `/v2/<name>/manifests/<reference>`, name per distribution-spec (path components joined by `/`). */
const MANIFEST_PATH = /^\/v2\/(.+)\/manifests\/([^/]+)$/;

function fail(message) {
  process.stderr.write(`registry-gate: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function readOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        listen: { type: "string", default: "127.0.0.1:5001" },
        upstream: { type: "string" },
        target: { type: "string", multiple: true },
        "max-bytes": { type: "string" },
        unknown: { type: "string" },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    fail(error.message);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  if (!values.upstream) fail("--upstream is required");
  let upstream;
  try {
    upstream = new URL(values.upstream);
  } catch {
    fail(`--upstream ${JSON.stringify(values.upstream)} is not a URL`);
  }
  if (upstream.protocol !== "http:") fail("--upstream must be an http:// URL (put TLS in front of the gate)");
  const listen = /^(.*):(\d+)$/.exec(values.listen);
  if (!listen) fail(`--listen ${JSON.stringify(values.listen)} is not HOST:PORT`);
  const targets = (values.target ?? []).flatMap((value) => value.split(",")).filter((name) => name !== "");
  let policy;
  try {
    policy = createPolicy({
      targets,
      ...(values["max-bytes"] === undefined ? {} : { maxBytes: Number(values["max-bytes"]) }),
      ...(values.unknown === undefined ? {} : { unknown: values.unknown }),
    });
  } catch (error) {
    fail(error.message);
  }
  // createPolicy never throws: malformed options are findings, and a gate refuses to start on them.
  if (policy.issues.length > 0) fail(policy.issues.map((issue) => issue.message).join("\n"));
  return { host: listen[1], port: Number(listen[2]), upstream, policy, quiet: values.quiet };
}

/** Request headers to send upstream: all of them (Host included, so the registry builds Location URLs for the gate). */
function forwardHeaders(request) {
  const headers = { ...request.headers };
  delete headers.connection;
  delete headers["keep-alive"];
  headers["x-forwarded-for"] = request.socket.remoteAddress ?? "";
  return headers;
}

/** Rewrites an absolute Location that points at the upstream so that it points at the gate. */
function rewriteLocation(location, upstream, request) {
  if (!location) return location;
  try {
    const target = new URL(location);
    if (target.origin !== upstream.origin) return location;
    return `http://${request.headers.host}${target.pathname}${target.search}`;
  } catch {
    return location; // relative: already right
  }
}

/** Sends a request upstream and streams the answer back; `body` is a Buffer, or undefined to stream the request. */
function proxy(request, response, options, body) {
  const { upstream } = options;
  const outgoing = http.request(
    {
      protocol: upstream.protocol,
      hostname: upstream.hostname,
      port: upstream.port,
      method: request.method,
      path: request.url,
      headers: forwardHeaders(request),
    },
    (answer) => {
      const headers = { ...answer.headers };
      if (headers.location) headers.location = rewriteLocation(headers.location, upstream, request);
      response.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(response);
    },
  );
  outgoing.on("error", (error) => {
    if (response.headersSent) {
      response.destroy(error);
      return;
    }
    sendJson(response, 502, {
      errors: [
        {
          code: "UNKNOWN",
          message: `upstream registry unreachable: ${error.message}`,
          detail: { upstream: upstream.origin },
        },
      ],
    });
  });
  if (body === undefined) request.pipe(outgoing);
  else outgoing.end(body);
}

function sendJson(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "docker-distribution-api-version": "registry/2.0",
  });
  response.end(text);
}

/** Buffers a manifest body up to the limit; past it, drains the rest and only counts it. */
function readBody(request, maxBytes) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    request.on("data", (chunk) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    request.on("end", () =>
      resolve({ bytes: size <= maxBytes ? Buffer.concat(chunks) : Buffer.alloc(0), size }),
    );
    request.on("error", reject);
  });
}

async function gateManifestPut(request, response, options, reference) {
  const { policy } = options;
  const declared =
    request.headers["content-length"] === undefined ? undefined : Number(request.headers["content-length"]);
  let bytes = Buffer.alloc(0);
  let size = declared;
  if (declared === undefined || declared <= policy.maxBytes) {
    const read = await readBody(request, policy.maxBytes);
    bytes = read.bytes;
    size = read.size;
  }
  const answer = validateUpload(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    contentType: request.headers["content-type"],
    reference,
    policy,
    contentLength: size,
  });
  if (answer.status === 201) {
    proxy(request, response, options, bytes);
    return;
  }
  if (!options.quiet) {
    const codes = answer.body.errors.map((error) => `${error.code}(${error.detail.rule})`).join(", ");
    process.stderr.write(`registry-gate: refused PUT ${request.url}: ${answer.status} ${codes}\n`);
  }
  if (declared !== undefined && declared > policy.maxBytes) response.setHeader("connection", "close");
  sendJson(response, answer.status, answer.body);
}

function handle(options) {
  return (request, response) => {
    const match = request.method === "PUT" ? MANIFEST_PATH.exec(request.url.split("?")[0]) : null;
    if (!match) {
      proxy(request, response, options);
      return;
    }
    let reference;
    try {
      reference = decodeURIComponent(match[2]);
    } catch {
      reference = match[2];
    }
    gateManifestPut(request, response, options, reference).catch((error) => {
      if (!response.headersSent) {
        sendJson(response, 400, {
          errors: [{ code: "MANIFEST_INVALID", message: error.message, detail: {} }],
        });
      } else {
        response.destroy(error);
      }
    });
  };
}

const options = readOptions(process.argv.slice(2));
const server = http.createServer(handle(options));
server.on("clientError", (_error, socket) => socket.end("HTTP/1.1 400 Bad Request\r\n\r\n"));
server.listen(options.port, options.host, () => {
  const address = server.address();
  const targets = options.policy.targets.length > 0 ? ` (targets: ${options.policy.targets.join(", ")})` : "";
  process.stdout.write(
    `registry-gate listening on http://${address.address}:${address.port} -> ${options.upstream.origin}${targets}\n`,
  );
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
