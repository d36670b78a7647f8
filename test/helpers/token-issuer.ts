/**
 * A token service for distribution's `auth: token`, written for the tests (never shipped): it checks
 * HTTP basic credentials and answers `{"token": <JWT>}` signed RS256 by a self-signed certificate that
 * it names in the JWT's `x5c` header — the chain distribution 2.8 verifies against `rootcertbundle`.
 * Every requested action on every requested repository is granted to the one known user; anonymous
 * requests are refused with 401.
 */
import { createSign, randomUUID, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { Certificate } from "./configured-registry.js";
import { freePort } from "./registry.js";

/** A running issuer. */
export interface TokenIssuer {
  realm: string;
  service: string;
  issuer: string;
  /** Every request's scope parameters and whether it carried valid credentials. */
  requests: { scopes: string[]; authenticated: boolean }[];
  stop(): Promise<void>;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

/** Starts the issuer on 127.0.0.1, signing with `signing` and accepting `username:password`. */
export async function startTokenIssuer(
  signing: Certificate,
  username: string,
  password: string,
): Promise<TokenIssuer> {
  const port = await freePort();
  const service = "ocispec-test-registry";
  const issuerName = "ocispec-test-issuer";
  const x5c = new X509Certificate(signing.pem).raw.toString("base64");
  const key = readFileSync(signing.key, "utf8");
  const requests: TokenIssuer["requests"] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
    const scopes = url.searchParams.getAll("scope");
    const expected = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
    const authenticated = req.headers.authorization === expected;
    requests.push({ scopes, authenticated });
    if (!authenticated || url.searchParams.get("service") !== service) {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ errors: [{ code: "UNAUTHORIZED", message: "authentication required" }] }));
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    const access = scopes.flatMap((scope) => {
      const [type, name, actions] = scope.split(":");
      return type === "repository" && name !== undefined && actions !== undefined
        ? [{ type, name, actions: actions.split(",") }]
        : [];
    });
    const header = base64url(JSON.stringify({ typ: "JWT", alg: "RS256", x5c: [x5c] }));
    const claims = base64url(
      JSON.stringify({
        iss: issuerName,
        sub: username,
        aud: service,
        exp: now + 300,
        nbf: now - 10,
        iat: now,
        jti: randomUUID(),
        access,
      }),
    );
    const signature = createSign("RSA-SHA256").update(`${header}.${claims}`).sign(key);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ token: `${header}.${claims}.${base64url(signature)}`, expires_in: 300 }));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer: issuerName,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
