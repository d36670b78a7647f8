// The one path the gate and the registry both act on. distribution 2.8 routes on Go's decoded
// `URL.Path` (net/url ParseRequestURI decodes every %XX; an absolute-form target contributes only its
// path) through gorilla/mux, which 301-redirects any path that path.Clean would change (dot segments,
// empty segments) instead of serving it. The gate decodes the same way, refuses every form on which
// two readers could disagree, and forwards the decoded path, which contains no `%` and so decodes to
// itself upstream: the gate judges exactly the request the registry routes.

/** Why a request target was refused: a stable code and a sentence for the client. */
export interface TargetRefusal {
  readonly ok: false;
  /** Stable kebab-case code, logged and sent as `detail.rule`. */
  readonly rule: string;
  readonly message: string;
}

/** An accepted request target: the canonical (decoded) path and the raw query (with its `?`, or ""). */
export interface CanonicalTarget {
  readonly ok: true;
  readonly path: string;
  readonly query: string;
}

/** What {@link canonicalRequestTarget} needs to know about the gate. */
export interface TargetOptions {
  /**
   * Authorities (`host` or `host:port`, lower case) that an absolute-form target may name: the gate's
   * own public and listen addresses. Any other authority is refused (RFC 9112 §3.2.2: the server
   * acts on the target's authority, so the request is not for this gate).
   */
  readonly authorities: readonly string[];
}

const refuse = (rule: string, message: string): TargetRefusal => ({ ok: false, rule, message });

/**
 * RFC 3986 `pchar` without `%`: unreserved, sub-delims, ":" and "@". The only characters the canonical
 * path holds besides "/", literal or decoded; so it needs no escaping and decodes to itself.
 */
const PATH_CHARACTER = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]$/;
/** The query is not routed on; it keeps its escapes, but only RFC 3986 query characters. */
const QUERY = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$/;
const ABSOLUTE_FORM = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/s;
const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: "80", https: "443" };

function describeByte(code: number): string {
  return `0x${code.toString(16).padStart(2, "0").toUpperCase()}`;
}

/** One character of the path, literal or decoded, checked; `undefined` when it may stay. */
function refuseCharacter(character: string, encoded: boolean): TargetRefusal | undefined {
  if (PATH_CHARACTER.test(character)) return undefined;
  const code = character.charCodeAt(0);
  const how = encoded ? "percent-encoded " : "";
  if (character === "/") {
    // Envoy path_with_escaped_slashes_action: REJECT_REQUEST. Go decodes %2F into a separator.
    return refuse(
      "path-encoded-slash",
      "the path holds a percent-encoded '/' (%2F), which the registry decodes into a path separator",
    );
  }
  if (character === "\\") {
    return refuse("path-backslash", `the path holds a ${how}backslash, which some servers read as '/'`);
  }
  if (code < 0x20 || code === 0x7f) {
    return refuse(
      "path-control-character",
      `the path holds a ${how}control character (${describeByte(code)})`,
    );
  }
  if (code > 0x7f) {
    return refuse("path-non-ascii", `the path holds a ${how}byte outside ASCII (${describeByte(code)})`);
  }
  return refuse(
    "path-character",
    `the path holds a ${how}${JSON.stringify(character)}, which is not a path character (RFC 3986 pchar)`,
  );
}

/** Decodes every %XX as Go's net/url does, refusing what could be read two ways. */
function decodePath(raw: string): string | TargetRefusal {
  let decoded = "";
  for (let i = 0; i < raw.length; i++) {
    const character = raw[i] as string;
    if (character === "%") {
      const hex = raw.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
        return refuse("path-bad-escape", `the path holds "%${hex}", which is not a percent-encoded byte`);
      }
      const value = String.fromCharCode(Number.parseInt(hex, 16));
      const refusal = refuseCharacter(value, true);
      if (refusal) return refusal;
      decoded += value;
      i += 2;
    } else if (character === "/") {
      decoded += character;
    } else {
      const refusal = refuseCharacter(character, false);
      if (refusal) return refusal;
      decoded += character;
    }
  }
  return decoded;
}

/** Lower-cased authority with the scheme's default port removed. */
function normaliseAuthority(authority: string, scheme: string): string {
  const lower = authority.toLowerCase();
  const port = DEFAULT_PORTS[scheme];
  return port !== undefined && lower.endsWith(`:${port}`) ? lower.slice(0, -port.length - 1) : lower;
}

/**
 * Canonicalises an HTTP request target (RFC 9112 §3.2) the way distribution 2.8 routes it, or says why
 * it is ambiguous. Accepted: origin-form, and absolute-form naming one of `options.authorities` over
 * http(s). Refused: asterisk- and authority-form, other authorities, userinfo, fragments, bad escapes,
 * encoded "/", backslashes, control and non-ASCII bytes, characters outside RFC 3986 `pchar`, and
 * dot or empty segments (which gorilla/mux would redirect rather than serve). Every %XX in the path is
 * decoded, so the returned path contains no "%".
 *
 * @example
 * canonicalRequestTarget("/v2/demo/img/%6danifests/v1", { authorities: [] })
 * // { ok: true, path: "/v2/demo/img/manifests/v1", query: "" }
 * canonicalRequestTarget("/v2/demo%2Fimg/manifests/v1", { authorities: [] }).ok // false: path-encoded-slash
 */
export function canonicalRequestTarget(
  target: string,
  options: TargetOptions,
): CanonicalTarget | TargetRefusal {
  let rest = target;
  if (!target.startsWith("/")) {
    const absolute = ABSOLUTE_FORM.exec(target);
    if (!absolute) {
      return refuse(
        "target-form",
        "the request target is neither origin-form (/path) nor absolute-form (http://host/path)",
      );
    }
    const scheme = (absolute[1] as string).toLowerCase();
    const authority = absolute[2] as string;
    if (scheme !== "http" && scheme !== "https") {
      return refuse(
        "target-scheme",
        `the absolute-form target uses the scheme "${scheme}"; only http and https are served`,
      );
    }
    if (authority.includes("@")) {
      return refuse("target-userinfo", "the absolute-form target carries userinfo (user@host)");
    }
    const accepted = options.authorities.map((a) => normaliseAuthority(a, scheme));
    if (!accepted.includes(normaliseAuthority(authority, scheme))) {
      return refuse(
        "target-authority",
        `the absolute-form target names another authority (${JSON.stringify(authority)}) than this gate`,
      );
    }
    rest = absolute[3] as string;
    if (!rest.startsWith("/")) {
      return refuse("target-form", "the absolute-form target has no path");
    }
  }
  if (rest.includes("#")) {
    return refuse(
      "target-fragment",
      "the request target holds a '#': a fragment is never sent, and servers disagree on what it means",
    );
  }
  const questionMark = rest.indexOf("?");
  const rawPath = questionMark === -1 ? rest : rest.slice(0, questionMark);
  const query = questionMark === -1 ? "" : rest.slice(questionMark);
  if (!QUERY.test(query.slice(1))) {
    return refuse("query-character", "the query holds a character outside RFC 3986 or a bad percent-escape");
  }
  const path = decodePath(rawPath);
  if (typeof path !== "string") return path;
  const segments = path.split("/");
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i];
    if (segment === "." || segment === "..") {
      return refuse(
        "path-dot-segment",
        `the path holds the dot segment "${segment}" (literal or percent-encoded)`,
      );
    }
    if (segment === "" && i < segments.length - 1) {
      return refuse("path-empty-segment", "the path holds an empty segment ('//')");
    }
  }
  return { ok: true, path, query };
}

/** `/v2/<name>/manifests/<reference>`, read broadly (any name, any case, an optional trailing "/"). */
const MANIFEST_ROUTE = /^\/v2\/(.+)\/manifests\/([^/]+)\/?$/i;

/**
 * The repository and reference of a manifest path, or `undefined`. Deliberately broader than
 * distribution's route (any name, case-insensitive): judging a request the registry would 404 costs
 * nothing, while missing one it routes would be a bypass.
 *
 * @example
 * manifestRoute("/v2/library/alpine/manifests/3.20") // { repository: "library/alpine", reference: "3.20" }
 */
export function manifestRoute(path: string): { repository: string; reference: string } | undefined {
  const match = MANIFEST_ROUTE.exec(path);
  return match ? { repository: match[1] as string, reference: match[2] as string } : undefined;
}
