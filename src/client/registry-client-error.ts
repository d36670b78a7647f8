import type { DistributionError } from "../registry/distribution-error.js";

/**
 * What went wrong talking to a registry, as a stable code:
 * - `reference-invalid`: the reference does not parse;
 * - `http`: the registry answered with an error status (its envelope is in `errors`);
 * - `network`: no answer (connection refused, TLS failure, timeout) after the retries;
 * - `auth`: the registry asked for credentials it did not accept, or the token service failed;
 * - `digest-mismatch`: the bytes served do not hash to the digest they were asked for by;
 * - `size-mismatch`: the bytes served are not the size the descriptor states;
 * - `too-large`: a document is larger than the limit the caller set;
 * - `content-missing`: a push source lacks a blob or manifest the graph references;
 * - `content-invalid`: a manifest or index to push or walk is not a JSON object.
 *
 * @example
 * const code: RegistryClientErrorCode = "digest-mismatch";
 */
export type RegistryClientErrorCode =
  | "reference-invalid"
  | "http"
  | "network"
  | "auth"
  | "digest-mismatch"
  | "size-mismatch"
  | "too-large"
  | "content-missing"
  | "content-invalid";

/**
 * The error every registry client function throws. Its message names the request (method and path,
 * never a header or credential) and quotes the registry's distribution-spec error envelope, e.g.
 * `PUT /v2/falco/rules/manifests/3.0.0: HTTP 400 MANIFEST_INVALID: manifest invalid (unknown media type …)`.
 *
 * @example
 * try { await fetchGraph(parseImageReference("127.0.0.1:5000/a:b")); }
 * catch (error) { if (error instanceof RegistryClientError && error.status === 404) console.log("no such tag"); }
 */
export class RegistryClientError extends Error {
  override readonly name = "RegistryClientError";
  /** The HTTP status, for `http` and `auth` errors. */
  readonly status: number | undefined;
  /** The registry's `{"errors":[…]}` envelope entries, when it sent one. */
  readonly errors: readonly DistributionError[];
  constructor(
    readonly code: RegistryClientErrorCode,
    message: string,
    details: { status?: number; errors?: readonly DistributionError[] } = {},
  ) {
    super(message);
    this.status = details.status;
    this.errors = details.errors ?? [];
  }
}
