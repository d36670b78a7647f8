/**
 * One challenge of a `WWW-Authenticate` header (RFC 9110 §11.6.1): its scheme, lower-cased, and its
 * parameters, names lower-cased, quoted values unescaped.
 *
 * @example
 * const challenge: AuthChallenge = { scheme: "bearer", params: { realm: "https://auth.example/token", service: "registry" } };
 */
export interface AuthChallenge {
  scheme: string;
  params: Record<string, string>;
}

/** token = 1*tchar (RFC 9110 §5.6.2). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

/**
 * Parses a `WWW-Authenticate` header into its challenges (RFC 9110 §11.6.1:
 * `challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]`), as registries send them:
 * `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/ubuntu:pull"`
 * or `Basic realm="Registry Realm"`. Unparseable trailing text ends the parse; what was read is kept.
 *
 * @example
 * parseWwwAuthenticate('Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/r:pull"');
 * // [{ scheme: "bearer", params: { realm: "https://ghcr.io/token", service: "ghcr.io", scope: "repository:o/r:pull" } }]
 */
export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  let rest = header.trim();
  let current: AuthChallenge | undefined;
  while (rest !== "") {
    const name = TOKEN.exec(rest)?.[0];
    if (name === undefined) break;
    rest = rest.slice(name.length).replace(/^[ \t]*/, "");
    if (rest.startsWith("=") && current !== undefined) {
      rest = rest.slice(1).replace(/^[ \t]*/, "");
      let value: string;
      if (rest.startsWith('"')) {
        let i = 1;
        value = "";
        while (i < rest.length && rest[i] !== '"') {
          if (rest[i] === "\\" && i + 1 < rest.length) i++;
          value += rest[i];
          i++;
        }
        rest = rest.slice(i + 1);
      } else {
        value = TOKEN.exec(rest)?.[0] ?? "";
        rest = rest.slice(value.length);
      }
      current.params[name.toLowerCase()] = value;
    } else {
      // A new challenge starts with its scheme; a token68 after it (Basic's credentials form) is skipped.
      current = { scheme: name.toLowerCase(), params: {} };
      challenges.push(current);
      const token68 = /^[A-Za-z0-9\-._~+/]+=*(?=\s*(,|$))/.exec(rest)?.[0];
      if (token68 !== undefined && !rest.slice(token68.length).trimStart().startsWith("=")) {
        rest = rest.slice(token68.length);
      }
    }
    rest = rest.replace(/^[ \t]*,?[ \t,]*/, "");
  }
  return challenges;
}
