import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";

/**
 * RFC 9110 §7.6.1: Connection, and every field it names, is for the immediate connection only;
 * Proxy-Connection, Keep-Alive, TE, Trailer, Transfer-Encoding and Upgrade are the other hop-by-hop
 * fields (RFC 9110 §7.6.1, §7.8, RFC 9112 §6.1). Proxy-Authorization and Proxy-Authenticate are
 * consumed by the proxy they address (RFC 9110 §11.7.1–2), never passed on; Expect is answered by
 * the gate itself (it sent 100 Continue, or buffered the body). Node re-frames every body it sends.
 */
const HOP_BY_HOP = [
  "connection",
  "proxy-connection",
  "keep-alive",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "proxy-authorization",
  "proxy-authenticate",
  "expect",
];

/** Set by a client to steer URLs the upstream builds (distribution reads X-Forwarded-Proto/-Host). */
const CLIENT_FORWARDING = [
  "forwarded",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-forwarded-prefix",
  "x-real-ip",
];

/** The header names listed in Connection, lower case. */
function connectionListed(headers: IncomingHttpHeaders): string[] {
  const value = headers.connection;
  if (value === undefined) return [];
  return String(value)
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== "");
}

function withoutHopByHop(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const drop = new Set([...HOP_BY_HOP, ...connectionListed(headers)]);
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !drop.has(name)) kept[name] = value;
  }
  return kept;
}

/** What the gate tells the upstream about the client and about itself. */
export interface ForwardContext {
  /** The client's address as the gate's socket sees it. */
  clientAddress: string;
  /** `host[:port]` of the upstream: the Host the upstream is addressed by. */
  upstreamHost: string;
  /** The gate's public origin: the upstream builds its URLs for it (X-Forwarded-Proto/-Host). */
  publicUrl: URL;
  /** Append to the client's X-Forwarded-For instead of replacing it. */
  trustForwarded: boolean;
}

/**
 * The headers of a request as the gate sends it upstream: hop-by-hop fields removed, Host set to the
 * upstream, the client's own forwarding fields dropped and replaced with the gate's (X-Forwarded-For
 * = the socket's address, X-Forwarded-Proto/-Host = the configured public address).
 *
 * @example
 * upstreamRequestHeaders(request.headers, { clientAddress: "10.0.0.7", upstreamHost: "127.0.0.1:5000", publicUrl, trustForwarded: false })
 */
export function upstreamRequestHeaders(
  headers: IncomingHttpHeaders,
  context: ForwardContext,
): OutgoingHttpHeaders {
  const kept = withoutHopByHop(headers);
  const prior = context.trustForwarded ? headers["x-forwarded-for"] : undefined;
  for (const name of CLIENT_FORWARDING) delete kept[name];
  kept.host = context.upstreamHost;
  kept["x-forwarded-for"] = prior ? `${prior}, ${context.clientAddress}` : context.clientAddress;
  kept["x-forwarded-proto"] = context.publicUrl.protocol.slice(0, -1);
  kept["x-forwarded-host"] = context.publicUrl.host;
  return kept;
}

/**
 * The headers of an upstream response as the gate sends it on: hop-by-hop fields removed, and an
 * absolute Location naming the upstream (or the public host) rebuilt on the configured public
 * address — never on the client's Host. Relative Locations and other hosts (blob redirects to
 * storage) are left alone.
 *
 * @example
 * clientResponseHeaders({ location: "http://127.0.0.1:5000/v2/a/blobs/uploads/1" }, upstream, publicUrl)
 * // { location: "https://registry.example/v2/a/blobs/uploads/1" }
 */
export function clientResponseHeaders(
  headers: IncomingHttpHeaders,
  upstream: URL,
  publicUrl: URL,
): OutgoingHttpHeaders {
  const kept = withoutHopByHop(headers);
  const location = headers.location;
  if (typeof location === "string" && /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(location)) {
    try {
      const target = new URL(location);
      if (target.host === upstream.host || target.host === publicUrl.host) {
        kept.location = `${publicUrl.origin}${target.pathname}${target.search}`;
      }
    } catch {
      // not a URL: pass it on as it is
    }
  }
  return kept;
}
